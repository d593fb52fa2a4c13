"""Glossary loaders and the term matcher: tables of must-match / must-not-match cases
in English, Italian and German."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.errors import ConfigError, InputError
from reviewer.model import Segment
from reviewer.terms import (
    Entry,
    Glossary,
    load_glossary,
    near_miss,
    similarity,
    unit_glossary,
)

DATA = Path(__file__).resolve().parent / "data" / "glossary"


# ------------------------------------------------------------------------ loaders


def test_tsv_loader_ai_news() -> None:
    g = load_glossary(DATA / "ai-news.it.tsv")
    by = {e.source: e for e in g}
    assert by["OpenAI"].dnt and by["OpenAI"].approved == ("OpenAI",)
    assert by["scale"].targets == ("potenziare", "scalare")
    assert by["scale"].forbidden == ("ridimensionare", "ridimensionamento")
    assert by["scale"].note == "scale up, not resize"
    assert by["scale"].origin.endswith("ai-news.it.tsv:6")
    assert by["NVIDIA"].is_case_sensitive("NVIDIA")
    assert not by["scale"].is_case_sensitive("scale")


def test_csv_loader_columns_in_any_order() -> None:
    g = load_glossary(DATA / "mixed.csv")
    by = {e.source: e for e in g}
    assert set(by) == {"scale", "OpenAI", "infrastructure", "data center", "Apple"}
    assert by["scale"].forbidden == ("ridimensionare", "ridimensionamento")
    assert by["scale"].note == "scale up, not resize"
    assert by["OpenAI"].dnt
    assert by["Apple"].case_sensitive is True


@pytest.mark.parametrize(
    "name, exc, line, words",
    [
        ("no-source.tsv", ConfigError, 1, "no 'source' column"),
        ("bad-row.tsv", ConfigError, 3, "3 fields"),
        ("bad-case.tsv", ConfigError, 2, "bad 'case' value"),
        ("broken.tbx", InputError, None, "malformed XML"),
        ("xxe.tbx", InputError, 2, "entity declarations"),
    ],
)
def test_loader_errors(name: str, exc: type[Exception], line: int | None, words: str) -> None:
    with pytest.raises(exc) as info:
        load_glossary(DATA / name)
    err = info.value
    assert words in str(err)
    assert err.path and err.path.endswith(name)  # type: ignore[attr-defined]
    if line is not None:
        assert err.line == line  # type: ignore[attr-defined]


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_glossary(tmp_path / "nope.tsv")


def test_empty_file_is_config_error(tmp_path: Path) -> None:
    p = tmp_path / "empty.tsv"
    p.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_glossary(p)


def test_tbx_v2_statuses_and_languages() -> None:
    g = load_glossary(DATA / "terms.v2.tbx", "en", "it")
    by = {e.source: e for e in g}
    assert by["scale"].targets == ("potenziare", "scalare")
    assert by["scale"].forbidden == ("ridimensionare",)
    assert by["scale"].note == "increase capacity"
    assert by["data center"].targets == ("data center",)
    assert by["data center"].forbidden == ("centro elaborazione dati",)
    assert "legacy only" not in by  # no target term: skipped, not do-not-translate
    de = load_glossary(DATA / "terms.v2.tbx", "en", "de")
    assert {e.source: e.targets for e in de} == {
        "scale": ("skalieren",), "data center": ("Rechenzentrum",)
    }
    # no languages given: the root's xml:lang is the source, the first other the target
    default = load_glossary(DATA / "terms.v2.tbx")
    assert {e.source: e.targets[0] for e in default}["scale"] == "potenziare"


def test_tbx_v3() -> None:
    g = load_glossary(DATA / "terms.v3.tbx", "en-US", "it-IT")
    by = {e.source: e for e in g}
    assert by["deployment"].targets == ("implementazione",)
    assert by["deployment"].forbidden == ("spiegamento",)
    assert by["GPU"].targets == ("GPU",)


def test_merge_unites_same_source() -> None:
    a = Glossary([Entry("scale", ("potenziare",), ("ridimensionare",))], name="a")
    b = Glossary([Entry("Scale", ("scalare",), ("ridimensionamento",)), Entry("GPU")], name="b")
    m = a.merge(b)
    by = {e.source: e for e in m}
    assert set(by) == {"scale", "GPU"}
    assert by["scale"].targets == ("potenziare", "scalare")
    assert by["scale"].forbidden == ("ridimensionare", "ridimensionamento")
    assert m.name == "a, b"


# ------------------------------------------------------------------------ matcher

G_EN_IT = Glossary(
    [
        Entry("infrastructure", ("infrastruttura",)),
        Entry("scale", ("potenziare", "scalare"), ("ridimensionare",)),
        Entry("artificial intelligence", ("intelligenza artificiale",)),
        Entry("data center", ("data center",)),
        Entry("GPU"),
        Entry("OpenAI"),
        Entry("Apple", ("Apple",), (), True),
        Entry("state-of-the-art", ("all'avanguardia",)),
        Entry("user's guide", ("guida utente",)),
    ]
)
G_DE = Glossary(
    [
        Entry("data center", ("Rechenzentrum",)),
        Entry("storage", ("Speicher",)),
        Entry("unit", ("Einheit",)),
        Entry("artificial intelligence", ("künstliche Intelligenz",)),
        Entry("share", ("teilen",)),
    ]
)


@pytest.mark.parametrize(
    "text, lang, found",
    [
        ("Scaling the infrastructure", "en", ["Scaling", "infrastructure"]),
        ("We scaled it; it scales.", "en", ["scaled", "scales"]),
        ("a scalable design", "en", []),  # derivation, not inflection (issue 16, item 4)
        ("two data centers", "en", ["data centers"]),
        ("data-center design", "en", ["data-center"]),
        ("artificial  intelligence", "en", ["artificial  intelligence"]),
        ("NVIDIA GPUs and a GPU", "en", ["GPUs", "GPU"]),
        ("OpenAI’s models", "en", ["OpenAI"]),
        ("state of the art research", "en", ["state of the art"]),
        ("the user’s guide", "en", ["user’s guide"]),
        ("the Apple store", "en", ["Apple"]),
    ],
)
def test_source_terms_found(text: str, lang: str, found: list[str]) -> None:
    assert [m.text for m in G_EN_IT.find_source_terms(text, lang)] == found


@pytest.mark.parametrize(
    "text, lang",
    [
        ("an apple a day", "en"),  # case=yes
        ("the gpu is hot", "en"),  # all-caps term: case-sensitive
        ("openai style", "en"),  # mixed-case term: case-sensitive
        ("a scalar value", "en"),  # not an inflection of scale
        ("data. Center of it", "en"),  # sentence break inside the term
        ("see blogs.openai.com or www.gpu.org/x", "en"),  # URLs are masked
        ("artificial sweeteners", "en"),
    ],
)
def test_source_terms_not_found(text: str, lang: str) -> None:
    assert G_EN_IT.find_source_terms(text, lang) == []


@pytest.mark.parametrize(
    "text, lang, forms",
    [
        ("le infrastrutture AI", "it", ["infrastruttura"]),
        ("l'infrastruttura", "it", ["infrastruttura"]),
        ("potenziamento e potenziato", "it", ["potenziare"]),  # the noun is derived
        ("scalabile", "it", ["scalare"]),
        ("le intelligenze artificiali", "it", ["intelligenza artificiale"]),
        ("ridimensionato", "it", ["ridimensionare"]),
        ("Rechenzentren und Rechenzentrums", "de", ["Rechenzentrum", "Rechenzentrum"]),
        ("Speicherressourcen", "de", ["Speicher"]),  # compound modifier
        ("Kapazitätseinheiten", "de", ["Einheit"]),  # compound head + plural
        ("der künstlichen Intelligenz", "de", ["künstliche Intelligenz"]),
        ("Links teilen", "de", ["teilen"]),
    ],
)
def test_target_forms_found(text: str, lang: str, forms: list[str]) -> None:
    g = G_DE if lang == "de" else G_EN_IT
    assert [m.form for m in g.find_target_terms(text, lang)] == forms


@pytest.mark.parametrize(
    "text, lang",
    [
        ("il potenziale dell'IA", "it"),  # potenziale is not a form of potenziare
        ("uno scalpello", "it"),
        ("Speichen", "de"),
        ("Zentrale", "de"),
    ],
)
def test_target_forms_not_found(text: str, lang: str) -> None:
    g = G_DE if lang == "de" else G_EN_IT
    assert g.find_target_terms(text, lang) == []


def test_spans_are_exact_and_case_variants() -> None:
    text = "Le GPU di Openai e gpu"
    ms = G_EN_IT.find_target_terms(text, "it", case_variants=True)
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert [(m.text, m.exact_case) for m in ms] == [("GPU", True), ("Openai", False), ("gpu", False)]
    assert [m.text for m in G_EN_IT.find_target_terms(text, "it")] == ["GPU"]


def test_spans_with_decomposed_text() -> None:
    text = "Die Kapazita\u0308tseinheiten"  # not NFC
    ms = G_DE.find_target_terms(text, "de")
    assert len(ms) == 1
    assert text[ms[0].start : ms[0].end] == ms[0].text == "einheiten"


def test_leftmost_longest_source_terms() -> None:
    g = Glossary([Entry("data", ("dati",)), Entry("data center", ("data center",))])
    assert [m.form for m in g.find_source_terms("the data center data", "en")] == [
        "data center", "data"
    ]


@pytest.mark.parametrize(
    "text, form, expect",
    [
        ("Nvidia e Openi", "OpenAI", "Openi"),
        ("di Openbrai", "OpenAI", "Openbrai"),
        ("Open AI annuncia", "OpenAI", "Open AI"),
        ("il chatgpt di", "ChatGPT", "chatgpt"),
        ("implementazone rapida", "implementazione", "implementazone"),
        ("OpenAI", "OpenAI", None),
        ("il potenziale", "potenziare", None),
        ("la GPU", "CPU", None),
        ("Apertura", "OpenAI", None),
    ],
)
def test_near_miss(text: str, form: str, expect: str | None) -> None:
    r = near_miss(text, form, "it")
    if expect is None:
        assert r is None
    else:
        assert r is not None and text[r[0] : r[1]] == expect
        assert 0 <= r[2] <= 100


def test_similarity_scores() -> None:
    assert similarity("OpenAI", "OpenAI") == 100
    assert similarity("Openai", "OpenAI") == pytest.approx(83.33, abs=0.01)
    assert similarity("gpu", "GPU") == 50
    assert 85 <= similarity("Openbrai", "OpenAI") < 90


def test_fuzzy_names_uses_blocking() -> None:
    g = Glossary([Entry("OpenAI"), Entry("NVIDIA"), Entry("Anthropic"), Entry("potenziare")])
    assert [f for f, _, _ in g.fuzzy_names("Openi")] == ["OpenAI"]
    assert [f for f, _, _ in g.fuzzy_names("nvidia")] == ["NVIDIA"]
    assert g.fuzzy_names("Zebra") == []
    assert g.fuzzy_names("potenziare") == []  # ordinary lower-case words are not names


def test_unit_glossary_and_adherence() -> None:
    seg = Segment("1", 0, "Share the storage space", "Den Speicher teilen",
                  terms=(("space", "Space"), ("storage", "Speicher")))
    assert unit_glossary(None, Segment("2", 1, "x", "y")) is None
    ug = unit_glossary(G_DE, seg)
    assert ug is not None and len(ug) == len(G_DE) + 2
    assert unit_glossary(G_DE, seg) is ug  # cached
    # found: share, storage (equal file and unit entries count once), space
    found, approved = ug.adherence(seg, "en", "de")
    assert (found, approved) == (3, 2)
    tiny = unit_glossary(None, seg)
    assert tiny is not None and tiny.adherence(seg, "en", "de") == (2, 1)


def test_large_glossary_matches_exactly() -> None:
    """20,000 entries: the right term is found and no neighbour is (speed is measured
    by benchmarks/bench_terms.py, not here)."""
    words = [f"term{i:05d}x" for i in range(20000)]
    g = Glossary(Entry(w, (w.upper() + "Z",)) for w in words)
    text = "the term00042x and TERM00042XZ plus ordinary words " * 3
    ms = g.find_source_terms(text, "en")
    assert {m.text for m in ms} == {"term00042x"}
    for i in (0, 19999):
        assert [m.text for m in g.find_source_terms(f"see term{i:05d}x", "en")] == [f"term{i:05d}x"]


# ------------------------------------------- looking for a few entries' forms alone

# forms approved for one entry and forbidden for another, multi-word, case-sensitive,
# compound-capable: the candidate look-ups of the checks must find what a scan finds
G_MIXED = Glossary(
    [
        Entry("storage", ("Speicher",), ("Lager",)),
        Entry("warehouse", ("Lager",)),
        Entry("scale", ("potenziare",), ("potenziato",)),
        Entry("boost", ("potenziato",)),
        Entry("data center", ("Rechenzentrum",), ("Datenzentrum",)),
        Entry("unit", ("Einheit",)),
        Entry("value", ("Wert",)),
        Entry("OpenAI"),
        Entry("file system", ("Dateisystem", "file system")),
        Entry("state of the art", ("stato dell'arte",), ("all'avanguardia",)),
        Entry("artificial intelligence", ("künstliche Intelligenz",)),
        Entry("user interface", ("Benutzeroberfläche", "grafische Benutzer Oberfläche")),
    ]
)

CANDIDATE_TEXTS = [
    ("Das Lager und die Lagerhalle, der Speicher und die Speicherressourcen", "de"),
    ("zwei Rechenzentren, Kapazitätseinheiten und ein Datenzentrum", "de"),
    ("Openai, OPENAI und OpenAI", "de"),
    ("das Dateisystems und die file systems", "de"),
    ("der künstlichen Intelligenz, die grafischen Benutzer Oberflächen", "de"),
    ("siehe www.openai.com und lager.de", "de"),
    ("Die Kapazita\u0308tseinheiten im La\u0308ger", "de"),  # not NFC
    ("il modello potenziato, potenziare, lo stato dell'arte all'avanguardia", "it"),
    ("Lagerfeuer, der Zugwert und die Netzwerte", "de"),  # a 7-letter compound
    ("", "de"),
]


@pytest.mark.parametrize("text, lang", CANDIDATE_TEXTS)
def test_candidate_lookups_agree_with_a_full_scan(text: str, lang: str) -> None:
    _check_candidates(G_MIXED, text, lang)
    unit = Glossary.from_pairs([("space", "Raum"), ("storage", "Lager")])
    _check_candidates(G_MIXED.stacked(unit), text, lang)


def _check_candidates(g: Glossary, text: str, lang: str) -> None:
    raw = g._target_raw(text, lang)
    entries = tuple(dict.fromkeys(g.entries))
    # approved forms: looking for the entries' own forms finds what the scan finds
    assert g._approved_of(text, lang, entries) == g.approved_entries(text, lang)
    assert g._approved_of(text, lang, entries[:3]) == g.approved_entries(text, lang) & set(entries[:3])
    # forbidden forms: the index of those forms alone finds the same hits, in order
    assert g._forbidden_raw(text, lang) == [r for r in raw if r[0].forbidden]
    # an approved form at exactly a span
    good: dict[tuple[int, int], set[Entry]] = {}
    for r in raw:
        if r[3]:
            good.setdefault((r[1], r[2]), set()).update(r[0].approved)
    spans = {(r[1], r[2]) for r in raw} | {(r[1], r[2] + 1) for r in raw}
    for start, end in spans:
        for e in entries:
            assert g._approved_at(text, lang, e, start, end) == (e in good.get((start, end), ()))


def test_candidate_lookups_on_a_large_glossary() -> None:
    """3,000 generated German-like entries (compounds, inflections, shared stems, forms
    both approved and forbidden): the candidate look-ups agree with a full scan."""
    import random

    rng = random.Random(3)
    roots = ["Speicher", "Lager", "Einheit", "Zentrum", "Daten", "Rechen", "Netz", "Werk",
             "Datei", "System", "Eintrag", "Wert", "Pfad", "Befehl", "Fehler", "Version"]
    ends = ["", "e", "en", "s", "n", "es", "ung", "ungen"]

    def word() -> str:
        w = rng.choice(roots) + rng.choice(ends)
        return w + rng.choice(roots).lower() if rng.random() < 0.3 else w

    entries = []
    for i in range(3000):
        tgt = " ".join(word() for _ in range(rng.choice((1, 1, 1, 2, 3))))
        forb = (word(),) if i % 5 == 0 else ()
        entries.append(Entry(f"term{i}", (tgt,), forb))
    g = Glossary(entries)
    for _ in range(60):
        text = " ".join(word() if rng.random() < 0.8 else rng.choice(["und", "der", "-", ","])
                        for _ in range(rng.randrange(1, 25)))
        raw = g._target_raw(text, "de")
        some = tuple(rng.sample(entries, 50)) + tuple(e for r in raw for e in r[0].approved)[:50]
        some = tuple(dict.fromkeys(some))
        assert g._approved_of(text, "de", some) == g.approved_entries(text, "de") & set(some)
        assert g._forbidden_raw(text, "de") == [r for r in raw if r[0].forbidden]

"""The terminology checks: term, forbidden-term, variant. Must-flag / must-not-flag
tables in English, Italian and German, the seed article (target-only) and the bundled
bilingual sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.checks import all_checks
from reviewer.checks.base import CheckContext
from reviewer.checks.terms import ForbiddenTermCheck, TermCheck
from reviewer.checks.variant import VariantCheck
from reviewer.model import Document, Finding, Segment
from reviewer.runner import CheckPlan
from reviewer.terms import Entry, Glossary, load_glossary

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "glossary"
SEED = REPO.parent / "shared" / "seeds" / "000_815c5f6651dda09f.txt"

GLOSSARY = Glossary(
    [
        Entry("scale", ("potenziare", "scalare"), ("ridimensionare", "ridimensionamento")),
        Entry("deployment", ("implementazione", "distribuzione"), ("spiegamento",)),
        Entry("infrastructure", ("infrastruttura",)),
        Entry("data center", ("Rechenzentrum",)),
        Entry("storage", ("Speicher",), ("Lager",)),
        Entry("OpenAI"),
        Entry("NVIDIA"),
        Entry("ChatGPT"),
        Entry("GPU"),
        Entry("AI", ("IA",)),
        Entry("resize", ("resize",), ("re-size",)),
    ]
)


def ctx(sl: str | None, tl: str, glossary: Glossary | None = GLOSSARY, **kw: object) -> CheckContext:
    return CheckContext(source_lang=sl, target_lang=tl, glossary=glossary, **kw)  # type: ignore[arg-type]


def check_spans(findings: list[Finding], seg: Segment) -> None:
    for f in findings:
        side = seg.source if f.side == "source" else seg.target
        assert side is not None and side[f.start : f.end] == f.text
        assert f.category == "terminology" and f.message


# --------------------------------------------------------------------------- term

TERM_FLAGS = [
    # (source, target, lang, side, flagged text, suggestion)
    ("Scaling AI", "Ingrandire l'IA", "it", "source", "Scaling", None),
    ("We scale it.", "Lo ingrandiamo.", "it", "source", "scale", None),
    ("Made by OpenAI", "Fatto da Openi", "it", "target", "Openi", "OpenAI"),
    ("Made by OpenAI", "Fatto da Openai", "it", "target", "Openai", "OpenAI"),
    ("Made by OpenAI", "Fatto da una società", "it", "source", "OpenAI", None),
    ("Use ChatGPT", "Usa chatgpt", "it", "target", "chatgpt", "ChatGPT"),
    ("the infrastructure", "l'infrastrutura", "it", "target", "infrastrutura", "infrastruttura"),
    ("the data center", "das Datenzentrum", "de", "source", "data center", None),
    ("the data center", "das Rechenzentrun", "de", "target", "Rechenzentrun", "Rechenzentrum"),
    ("storage units", "Lagereinheiten", "de", "source", "storage", None),
]


@pytest.mark.parametrize("src, tgt, lang, side, text, suggestion", TERM_FLAGS)
def test_term_flags(src: str, tgt: str, lang: str, side: str, text: str, suggestion: str | None) -> None:
    seg = Segment("1", 0, src, tgt)
    fs = list(TermCheck().run(seg, ctx("en", lang)))
    check_spans(fs, seg)
    assert [(f.side, f.text, f.suggestion) for f in fs] == [(side, text, suggestion)]
    if side == "target" and suggestion:
        assert fs[0].score is not None and 0 < fs[0].score < 100


TERM_PASSES = [
    ("Scaling AI infrastructure", "Potenziare l'infrastruttura IA", "it"),
    ("scaled deployments", "implementazioni potenziate", "it"),
    ("The infrastructures", "Le infrastrutture", "it"),
    ("Made by OpenAI", "Fatto da OpenAI", "it"),
    ("OpenAI's GPUs", "Le GPU di OpenAI", "it"),
    ("two data centers", "zwei Rechenzentren", "de"),
    ("the data center's roof", "das Dach des Rechenzentrums", "de"),
    ("the storage resources", "die Speicherressourcen", "de"),
    ("see openai.com", "vedi openai.com", "it"),  # a URL is not the name
    ("Nothing here", "Niente qui", "it"),
]


@pytest.mark.parametrize("src, tgt, lang", TERM_PASSES)
def test_term_passes(src: str, tgt: str, lang: str) -> None:
    assert list(TermCheck().run(Segment("1", 0, src, tgt), ctx("en", lang))) == []


def test_term_without_glossary_and_unit_terms() -> None:
    seg = Segment("1", 0, "Share the space", "Teile den Raum", terms=(("space", "Space"),))
    assert list(TermCheck().run(Segment("1", 0, "a", "b"), ctx("en", "de", None))) == []
    fs = list(TermCheck().run(seg, ctx("en", "de", None)))
    assert [(f.side, f.text) for f in fs] == [("source", "space")]
    ok = Segment("1", 0, "Share the space", "Teile den Space", terms=(("space", "Space"),))
    assert list(TermCheck().run(ok, ctx("en", "de", None))) == []


# ---------------------------------------------------------------- forbidden-term

FORBIDDEN_FLAGS = [
    ("Ridimensionare l'IA", "it", ["Ridimensionare"]),
    ("ridimensionamento dell'infrastruttura", "it", ["ridimensionamento"]),
    ("lo ridimensiona e lo ha ridimensionato", "it", ["ridimensiona", "ridimensionato"]),
    ("lo spiegamento e gli spiegamenti", "it", ["spiegamento", "spiegamenti"]),
    ("im Lager", "de", ["Lager"]),
    ("the images re-size", "en", ["re-size"]),
]


@pytest.mark.parametrize("tgt, lang, texts", FORBIDDEN_FLAGS)
def test_forbidden_flags(tgt: str, lang: str, texts: list[str]) -> None:
    seg = Segment("1", 0, "", tgt)
    fs = list(ForbiddenTermCheck().run(seg, ctx(None, lang, target_only=True)))
    check_spans(fs, seg)
    assert [f.text for f in fs] == texts
    assert all(f.suggestion for f in fs)


FORBIDDEN_PASSES = [
    ("Potenziare l'IA", "it"),
    ("una spiegazione", "it"),  # spiegare/spiegazione is not spiegamento
    ("il dimensionamento", "it"),
    ("Lagerfeuer", "de"),  # forbidden forms are not matched inside compounds
    ("resize the images", "en"),
]


@pytest.mark.parametrize("tgt, lang", FORBIDDEN_PASSES)
def test_forbidden_passes(tgt: str, lang: str) -> None:
    assert list(ForbiddenTermCheck().run(Segment("1", 0, "", tgt), ctx(None, lang))) == []


# a form approved for one entry and forbidden for another: only the entry's own approved
# forms excuse a forbidden span (each looked for alone, see terms._Forms.hits_of)
SHARED = Glossary(
    [
        Entry("scale", ("potenziare",), ("potenziato",)),
        Entry("boost", ("potenziato",)),
        Entry("storage", ("Speicher",), ("Lager",)),
        Entry("warehouse", ("Lager",)),
        Entry("resize", ("scalare",), ("ridimensionare",)),
        Entry("GPU"),
    ]
)

SHARED_FORBIDDEN = [
    # (target, lang, flagged texts)
    ("Das Lager", "de", ["Lager"]),  # approved for warehouse, still forbidden for storage
    ("die Lagerhalle", "de", ["Lager"]),  # approved somewhere: also found in compounds
    ("Die Kapazita\u0308t im Lager", "de", ["Lager"]),  # not NFC: spans in the original
    ("lo ridimensiono", "it", ["ridimensiono"]),
    ("il modello potenziato", "it", []),  # "potenziare" (scale's own form) is the same span
    ("la capacita\u0300 potenziata", "it", []),  # the same, in a text that is not NFC
]


@pytest.mark.parametrize("tgt, lang, texts", SHARED_FORBIDDEN)
def test_forbidden_with_shared_forms(tgt: str, lang: str, texts: list[str]) -> None:
    seg = Segment("1", 0, "", tgt)
    fs = list(ForbiddenTermCheck().run(seg, ctx(None, lang, SHARED, target_only=True)))
    check_spans(fs, seg)
    assert [f.text for f in fs] == texts


SHARED_TERM = [
    # (source, target, lang, flagged (side, text) or None, words in the message)
    ("the storage", "das Lager", "de", None, ""),  # forbidden-term's finding, not term's
    ("the storage", "der speicher", "de", None, ""),  # not case-sensitive: approved
    ("the storage", "im Speicherlager", "de", None, ""),  # compound modifier
    ("the warehouse", "das Lagerhaus", "de", None, ""),
    ("scale it", "lo potenziato", "it", None, ""),  # an inflection of potenziare
    ("scale it", "lo scalato", "it", ("source", "scale"), "no approved form"),
    ("the GPU", "la gpu", "it", ("target", "gpu"), "differs from"),  # a case variant
]


@pytest.mark.parametrize("src, tgt, lang, flagged, words", SHARED_TERM)
def test_term_with_shared_forms(
    src: str, tgt: str, lang: str, flagged: tuple[str, str] | None, words: str
) -> None:
    seg = Segment("1", 0, src, tgt)
    fs = list(TermCheck().run(seg, ctx("en", lang, SHARED)))
    check_spans(fs, seg)
    assert [(f.side, f.text) for f in fs] == ([flagged] if flagged else [])
    assert all(words in f.message for f in fs)


# ----------------------------------------------------------------------- variant


def run_variant(lines: list[str], lang: str, glossary: Glossary | None = None) -> list[tuple[int, Finding]]:
    segs = [Segment(str(i + 1), i, "", t) for i, t in enumerate(lines)]
    out = list(VariantCheck().run_document(segs, ctx(None, lang, glossary, target_only=True)))
    for seg, f in out:
        check_spans([f], seg)
    return [(seg.index, f) for seg, f in out]


VARIANT_FLAGS = [
    # (lines, lang, glossary?, flagged texts, suggestion)
    (["Nvidia e NVIDIA.", "NVIDIA ha detto.", "Poi NVIDIA."], "it", False, ["Nvidia"], "NVIDIA"),
    (["Accordo con OpenAI.", "Poi OpenAI e Openai.", "Con OpenAI."], "it", False, ["Openai"], "OpenAI"),
    (["Talks with Microsoft.", "Then Microsoft and Mircosoft met."], "en", False, ["Mircosoft"], "Microsoft"),
    (["Deutsche Telekom said so.", "Then Deutsche Telekom and Deutsche Telekcom met."], "en", False, ["Telekcom"], "Telekom"),
    (["Компания Газпром заявила.", "Потом Газпром и Газпорм."], "ru", False, ["Газпорм"], "Газпром"),
    (["Η Microsoft είπε.", "Η Microsoft και η Mircosoft."], "el", False, ["Mircosoft"], "Microsoft"),
    (["Con Openai e Openi e Openbrai."], "it", True, ["Openai", "Openi", "Openbrai"], "OpenAI"),
    (["Nvidia fa GPU.", "Usa le gpu di Nvidia."], "it", True, ["Nvidia", "gpu", "Nvidia"], None),
    (["L'AI cresce.", "L'IA cresce."], "it", True, ["AI"], "IA"),
]


@pytest.mark.parametrize("lines, lang, use_g, texts, suggestion", VARIANT_FLAGS)
def test_variant_flags(lines: list[str], lang: str, use_g: bool, texts: list[str], suggestion: str | None) -> None:
    fs = run_variant(lines, lang, GLOSSARY if use_g else None)
    assert [f.text for _, f in fs] == texts
    if suggestion:
        assert {f.suggestion for _, f in fs} == {suggestion}
    assert all(f.score is not None for _, f in fs)


VARIANT_PASSES = [
    (["Il sistema è pronto.", "Sistema e sistemi."], "it", True),
    (["Sviluppo rapido.", "Lo sviluppo è lento.", "Sviluppi futuri."], "it", True),
    (["Vera Rubin arriva.", "La piattaforma Vera Rubin.", "Una vera sfida."], "it", True),
    (["Jensen Huang, CEO di NVIDIA.", "Huang ha detto."], "it", True),
    (["Vedi blogs.nvidia.com.", "NVIDIA dice."], "it", True),
    (["Deutschland und Deutschlands Firmen."], "de", False),
    (["The Gigawatt era.", "A gigawatt of power."], "en", False),
    (["IT staff said it was fine.", "The IT team."], "en", False),
    (["H100 and H200 chips."], "en", False),
    (["GEMEINSAME ERKLÄRUNG", "Gemeinsame Erklärung der Firmen."], "de", False),
    # two words of the language (German capitalises every noun), or forms of one
    (["Der Treffer fiel beim Treffen.", "Nach dem Treffen."], "de", False),
    (["Die Niederschläge.", "Der Niederschlag kam.", "Kein Niederschlag."], "de", False),
    # words of scripts without capitals are not names by their shape
    (["القادة والقادمة.", "القادمة هنا.", "القادمة"], "ar", False),
    (["বাংলাদেশের মানুষ।", "বাংলাদেশ সরকার।"], "bn", False),
    (["भारत सरकार।", "भारतीय लोग।"], "hi", False),
    (["ประเทศไทย", "ประเทศไทยมี"], "th", False),
    (["北京市", "北京的天气"], "zh", False),
]


@pytest.mark.parametrize("lines, lang, use_g", VARIANT_PASSES)
def test_variant_passes(lines: list[str], lang: str, use_g: bool) -> None:
    assert run_variant(lines, lang, GLOSSARY if use_g else None) == []


# -------------------------------------------------------------- registry + runner


def test_registered() -> None:
    reg = all_checks()
    assert reg["term"] is TermCheck and reg["forbidden-term"] is ForbiddenTermCheck
    assert reg["variant"] is VariantCheck
    assert not VariantCheck.needs_source and not ForbiddenTermCheck.needs_source
    assert TermCheck.needs_source


def run_plan(doc: Document, glossary: Glossary) -> list[Finding]:
    plan = CheckPlan([TermCheck(), ForbiddenTermCheck(), VariantCheck()], glossary=glossary)
    return list(plan.run(doc))


def test_seed_article_target_only() -> None:
    if not SEED.is_file():
        pytest.skip("seed article ../shared/seeds is absent")
    g = load_glossary(DATA / "ai-news.it.tsv")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    segs = [Segment(str(i + 1), i, "", t, line=i + 1) for i, t in enumerate(lines) if t.strip()]
    fs = run_plan(Document(str(SEED), "txt", None, "it", segs, target_only=True), g)
    by_line = {s.index: s for s in segs}
    for f in fs:
        assert by_line[f.index].target[f.start : f.end] == f.text  # type: ignore[index]
    assert "term" not in {f.check for f in fs}  # no source: skipped
    flagged = {(f.check, f.text) for f in fs}
    for name in ("Openai", "Openi", "Openbrai", "chatgpt", "gpu", "Nvidia"):
        assert ("variant", name) in flagged, name
    for word in ("ridimensionare", "ridimensionamento", "spiegamento"):
        assert ("forbidden-term", word) in flagged, word
    texts = " ".join(f.text for f in fs)
    for ok in ("blogs", "nvidia.com", "Vera", "Rubin", "Jensen", "Huang", "OpenAI"):
        assert ok not in texts.split(), ok
    # every OpenAI variant occurrence is flagged
    total = sum(t.count("Openai") + t.count("Openi") + t.count("Openbrai") for t in lines)
    assert sum(f.text in ("Openai", "Openi", "Openbrai") for f in fs) == total


def test_bilingual_sample() -> None:
    en = (REPO / "samples" / "article.en.txt").read_text(encoding="utf-8").split("\n")
    it = (REPO / "samples" / "article.it.txt").read_text(encoding="utf-8").split("\n")
    g = load_glossary(DATA / "ai-news.it.tsv")
    segs = [Segment(str(i + 1), i, s, t, line=i + 1) for i, (s, t) in enumerate(zip(en, it)) if s.strip()]
    fs = run_plan(Document("article", "txt", "en", "it", segs), g)
    terms = [f for f in fs if f.check == "term"]
    got = {(f.side, f.text, f.suggestion) for f in terms}
    # a forbidden translation is one finding: forbidden-term's, on the target span (the
    # term check does not report the same entry again from the source side)
    for word in ("ridimensionare", "ridimensionamento", "spiegamento"):
        hits = [f for f in fs if f.check == "forbidden-term" and f.text == word]
        assert hits and all(f.suggestion for f in hits)
        segs_with = {f.unit for f in hits}
        assert not any(f.unit in segs_with and f.side == "source" and "forbidden" in f.message
                       for f in terms)
    assert ("target", "Openbrai", "OpenAI") in got
    assert ("target", "chatgpt", "ChatGPT") in got
    assert ("target", "gpu", "GPU") in got
    # "By scaling up" -> "Riducando": no approved form, no near miss: the source is flagged
    assert ("source", "scaling", None) in got
    assert not any(f.text == "potenziale" for f in fs)
    for f in fs:
        seg = segs[[s.index for s in segs].index(f.index)]
        side = seg.source if f.side == "source" else seg.target
        assert side[f.start : f.end] == f.text  # type: ignore[index]


def test_variant_prefers_the_source_spelling_in_bilingual_documents() -> None:
    """The target's majority spelling ("Openi") must not be suggested over the
    source's ("OpenAI"); in a target-only document the majority rules."""
    from reviewer.checks.base import CheckContext
    from reviewer.checks.variant import VariantCheck
    from reviewer.model import Segment

    pairs = [("OpenAI grows.", "Openi cresce."), ("We like OpenAI.", "Ci piace Openi."),
             ("OpenAI and NVIDIA.", "Openi e NVIDIA."), ("Go OpenAI!", "Forza Openai!")]
    segs = [Segment(str(i), i, s, t) for i, (s, t) in enumerate(pairs)]
    bi = list(VariantCheck().run_document(segs, CheckContext(source_lang="en", target_lang="it")))
    assert sorted({f.text for _, f in bi}) == ["Openai", "Openi"]
    assert {f.suggestion for _, f in bi} == {"OpenAI"}
    tonly = [Segment(str(i), i, "", t) for i, (_, t) in enumerate(pairs)]
    ctx = CheckContext(target_lang="it", target_only=True)
    mono = list(VariantCheck().run_document(tonly, ctx))
    assert [(f.text, f.suggestion) for _, f in mono] == [("Openai", "Openi")]


def test_variant_never_suggests_fewer_capitals_over_a_deliberate_spelling() -> None:
    """Target-only, no glossary: a majority of 'Nvidia' must not overwrite 'NVIDIA'
    (pressing the suggestion would damage correct text); in several scripts' documents."""
    for lang, lines in (
        ("it", ["Nvidia cresce.", "Nvidia e AMD.", "Poi Nvidia.", "Infine NVIDIA."]),
        ("ru", ["Nvidia растёт.", "Nvidia и AMD.", "Потом Nvidia.", "Наконец NVIDIA."]),
        ("ar", ["نمت Nvidia.", "Nvidia و AMD.", "ثم Nvidia.", "وأخيرا NVIDIA."]),
    ):
        fs = run_variant(lines, lang, None)
        assert fs, lang
        assert all(f.suggestion == "NVIDIA" and f.text == "Nvidia" for _, f in fs), lang


def test_variant_target_language_forms_of_source_names() -> None:
    """The translation's own form of a name, used throughout, is not a variant of the
    source's ('Makedonia', 'Parlament'); a slip beside the right spelling is."""
    from reviewer.checks.base import CheckContext
    from reviewer.checks.variant import VariantCheck
    from reviewer.model import Segment

    def run(pairs: list[tuple[str, str]], tl: str) -> list[str]:
        segs = [Segment(str(i), i, s, t) for i, (s, t) in enumerate(pairs)]
        ctx = CheckContext(source_lang="en", target_lang=tl)
        return [f.text for _, f in VariantCheck().run_document(segs, ctx)]

    assert run([("North Macedonia votes.", "Makedonia Utara memilih."),
                ("Macedonia and Greece.", "Makedonia dan Yunani.")], "id") == []
    assert run([("The Welsh Parliament met.", "Das walisische Parlament tagte."),
                ("Parliament voted.", "Das Parlament stimmte ab.")], "de") == []
    assert run([("Sainsbury's grows.", "Sainsbury roste."),
                ("At Sainsbury's today.", "V Saintsbury dnes.")], "cs") == ["Saintsbury"]
    assert run([("The Premier League.", "Премьер-лига League."),
                ("League games.", "Игры Leaguge.")], "ru") == ["Leaguge"]

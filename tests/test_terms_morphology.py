"""Inflection from the lexicon (issue 18) and derivation is not inflection (issue 16,
item 4): must-match and must-not-match tables in several languages and scripts, single
words and multi-word terms, known and unknown words."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.terms import ForbiddenTermCheck, TermCheck
from reviewer.model import Segment
from reviewer.terms import Entry, Glossary
from reviewer.terms.morphology import morph_for


def found(form: str, text: str, lang: str) -> list[str]:
    g = Glossary([Entry("x", (form,))])
    return [m.text for m in g.find_target_terms(text, lang)]


MATCH = [
    # (glossary form, text, language, the span found)
    ("центр обработки данных", "два центров обработки данных", "ru", "центров обработки данных"),
    ("центр обработки данных", "в центре обработки данных", "ru", "центре обработки данных"),
    ("искусственный интеллект", "об искусственном интеллекте", "ru", "искусственном интеллекте"),
    ("год", "пять лет", "ru", "лет"),  # suppletive plural: no common stem
    ("главный инспектор", "у Главного инспектора", "ru", "Главного инспектора"),
    ("miasto", "w mieście", "pl", "mieście"),
    ("sztuczna inteligencja", "o sztucznej inteligencji", "pl", "sztucznej inteligencji"),
    ("pankki", "pankin asiakas", "fi", "pankin"),  # consonant gradation
    ("kitap", "kitabı okudum", "tr", "kitabı"),  # b/p alternation
    ("sunucu", "sunucularda", "tr", "sunucularda"),
    ("önemli", "en önemlisi", "tr", "önemlisi"),  # a derived word's own forms
    ("Haus", "die Häuser", "de", "Häuser"),  # umlaut plural
    ("Rechenzentrum", "zwei Rechenzentren", "de", "Rechenzentren"),
    ("data centre", "two data centres", "en", "data centres"),
    ("scale", "it scales", "en", "scales"),
    ("potenziare", "il modello potenziato", "it", "potenziato"),
    ("κέντρο", "στα κέντρα", "el", "κέντρα"),
]


@pytest.mark.parametrize("form, text, lang, span", MATCH)
def test_inflected_forms_match(form: str, text: str, lang: str, span: str) -> None:
    assert found(form, text, lang) == [span]


NO_MATCH = [
    # (glossary form, text, language): a word that shares the stem but is another word
    ("scaling", "a scalable design", "en"),
    ("scaling", "large-scale data centers", "en"),
    ("scale", "large-scale data centers", "en"),  # part of a word the lexicon knows
    ("potenziare", "il potenziale dell'IA", "it"),
    ("potenziare", "il potenziamento", "it"),  # the noun is derived
    ("центр", "центральный офис", "ru"),  # adjective derived from the noun
    ("большой", "больший", "ru"),  # big / bigger: two lemmas, both masculine
    ("miasto", "miasteczko", "pl"),  # diminutive
    ("ulica", "uliczny", "pl"),
    ("Zentrum", "zentral", "de"),
    ("kirja", "kirjoittaa", "fi"),  # book / to write
    ("yürek", "yürekli bir adam", "tr"),  # heart / brave: the lexicon files both under yürek
    ("oyun", "oyuncular", "tr"),  # game / players
]


@pytest.mark.parametrize("form, text, lang", NO_MATCH)
def test_derived_words_do_not_match(form: str, text: str, lang: str) -> None:
    assert found(form, text, lang) == []


def test_unknown_words_fall_back_per_language() -> None:
    # a made-up term no lexicon knows still matches its inflected forms through the
    # language's fallback (Snowball for Russian and Finnish, ending rules elsewhere)
    assert found("блокчейнопул", "в блокчейнопуле", "ru") == ["блокчейнопуле"]
    assert found("zorbatron", "zorbatrons", "en") == ["zorbatrons"]
    assert found("zorbatron", "zorbatronic", "en") == []
    # names and acronyms keep the strict rule: only a plural or possessive s
    assert found("GPU", "le GPUs", "it") == ["GPUs"]
    assert found("GPU", "GPUX", "it") == []


def test_morph_choice_is_per_language() -> None:
    assert morph_for("ru").fallback == "snowball" and morph_for("ru").lexicon == "ru"
    assert morph_for("pt-BR").lexicon == "pt"
    assert morph_for("ja").lexicon is None  # no lexicon: the ending rules only


def ctx(sl: str | None, tl: str, g: Glossary) -> CheckContext:
    return CheckContext(source_lang=sl, target_lang=tl, glossary=g)


def test_two_rows_on_one_span_are_one_finding() -> None:
    g = Glossary([Entry("scale", ("potenziare",)), Entry("scaling", ("potenziamento",))])
    seg = Segment("1", 0, "Scaling AI", "Ridurre l'IA")
    fs = list(TermCheck().run(seg, ctx("en", "it", g)))
    assert [(f.side, f.text) for f in fs] == [("source", "Scaling")]
    assert "potenziamento" in fs[0].message  # the row written as the text
    # either row rendered as approved satisfies the span
    ok = Segment("1", 0, "Scaling AI", "Potenziare l'IA")
    assert list(TermCheck().run(ok, ctx("en", "it", g))) == []


def test_forbidden_form_is_one_finding() -> None:
    g = Glossary([Entry("deployment", ("implementazione",), ("spiegamento",))])
    seg = Segment("1", 0, "AI deployment", "lo spiegamento dell'IA")
    assert list(TermCheck().run(seg, ctx("en", "it", g))) == []
    fs = list(ForbiddenTermCheck().run(seg, ctx("en", "it", g)))
    assert [(f.text, f.suggestion) for f in fs] == [("spiegamento", "implementazione")]


@pytest.mark.parametrize(
    "src, tgt, tl, flagged",
    [
        ("data centers", "в центрах обработки данных", "ru", []),  # inflected: approved
        ("data centers", "в дата-центрах", "ru", [("source", "data centers")]),
        ("a city", "w mieście", "pl", []),
        ("a city", "w miasteczku", "pl", [("source", "city")]),  # a small town is not it
    ],
)
def test_term_check_with_inflected_targets(
    src: str, tgt: str, tl: str, flagged: list[tuple[str, str]]
) -> None:
    g = Glossary([Entry("data center", ("центр обработки данных",)), Entry("city", ("miasto",))])
    seg = Segment("1", 0, src, tgt)
    assert [(f.side, f.text) for f in TermCheck().run(seg, ctx("en", tl, g))] == flagged


def test_source_term_kept_untranslated_points_at_the_target() -> None:
    g = Glossary([Entry("AI", ("IA",))])
    seg = Segment("1", 0, "AI models", "i modelli AI")
    fs = list(TermCheck().run(seg, ctx("en", "it", g)))
    assert [(f.side, f.text, f.suggestion) for f in fs] == [("target", "AI", "IA")]


def test_shipped_lexicon_stats_match_the_lexicons() -> None:
    """reviewer/data/lexicon_stats.json is what `python -m reviewer.morph` computes from
    the installed simplemma (regenerate it after an upgrade); spot-check two languages."""
    import json

    from reviewer import morph

    data = json.loads(morph.STATS_FILE.read_text(encoding="utf-8"))
    assert data["simplemma"] == morph._simplemma_version()
    for code in ("de", "ar"):
        row = data["languages"][code]
        assert row["forms_per_lemma"] == round(morph._forms_per_lemma(code) or 0.0, 4)
        assert row["cased"] == morph._cased(code)
        assert row["alphabet"] == morph._alphabet_live(code)
    assert morph.cased_script("ar") is False and morph.cased_script("ru") is True

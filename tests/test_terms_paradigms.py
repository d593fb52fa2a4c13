"""Ending changes learned from the lexicon (reviewer.terms.paradigms): a form the lexicon
files under another lemma still matches the glossary lemma it inflects, derived words
do not, and the languages measured without benefit (Turkish) keep the analogy off.
Must-match and must-not-match tables for ru, es, pl, fi, cs, tr and de (compounds)."""

from __future__ import annotations

import pytest

from reviewer import morph
from reviewer.terms import Entry, Glossary
from reviewer.terms.morphology import morph_for
from reviewer.terms.paradigms import Paradigms, table


def found(form: str, text: str, lang: str) -> list[str]:
    g = Glossary([Entry("x", (form,))])
    return [m.text for m in g.find_target_terms(text, lang)]


def test_related_needs_an_attested_change_after_a_shared_stem() -> None:
    p = Paradigms(frozenset({("og", "a", "i"), ("el", "", "ach")}))
    assert p.related("droga", "drogi")  # "og" + a -> i
    assert p.related("cel", "celach")
    assert p.related("droga", "droga")  # the word itself
    assert not p.related("droga", "drogowy")  # a -> owy is not attested
    assert not p.related("noga", "drogi")  # no shared stem
    assert not p.related("ab", "abi")  # fewer than three shared letters
    assert p.stem_len("droga") == 4 and p.stem_len("cel") == 3
    assert p.stem_len("xyz") == 3  # no change applies: the whole word


def test_tables_ship_only_where_measured() -> None:
    assert table("pl") is not None and table("ru") is not None and table("fi") is not None
    assert table("xx") is None and table(None) is None
    assert morph_for("tr").paradigms is None  # measured worse: derivations in the lexicon
    assert morph_for("de").paradigms is None  # not measured


def test_lexicon_files_these_forms_under_another_lemma() -> None:
    # the premise of the analogy: if simplemma changes, the tests below lose their point
    assert morph.lemma("celach", "pl") != "cel"
    assert morph.lemma("teatrach", "pl") != "teatr"


MATCH = [
    # (glossary form, text, language, span): real inflections, several the lexicon
    # files under another lemma (cela, teatrum, sukienko, organy, stawa)
    ("cel", "Mówimy o celach projektu.", "pl", "celach"),
    ("teatr", "w dużych teatrach", "pl", "teatrach"),
    ("sukienka", "w letnich sukienkach", "pl", "sukienkach"),
    ("organ", "z organami państwa", "pl", "organami"),
    ("staw", "ból w stawie", "pl", "stawie"),
    ("sieć neuronowa", "w sieciach neuronowych", "pl", "sieciach neuronowych"),
    ("pankki", "pankkien asiakkaat", "fi", "pankkien"),
    ("ключ", "с ключами", "ru", "ключами"),
    ("нейронная сеть", "в нейронных сетях", "ru", "нейронных сетях"),
    ("ёлка", "на елке", "ru", "елке"),  # ё written as е
    ("Яндекс", "в Яндексе", "ru", "Яндексе"),
    ("веб-сайт", "на веб-сайтах", "ru", "веб-сайтах"),
    ("centro de datos", "los centros de datos", "es", "centros de datos"),
    ("red neuronal", "las redes neuronales", "es", "redes neuronales"),
    ("lápiz", "dos lápices", "es", "lápices"),
    ("domácnost", "v domácnostech", "cs", "domácnostech"),
    ("umělá inteligence", "o umělé inteligenci", "cs", "umělé inteligenci"),
    ("sunucu", "sunucularda", "tr", "sunucularda"),
    ("Rechenzentrum", "in Rechenzentren", "de", "Rechenzentren"),
]


@pytest.mark.parametrize("form, text, lang, span", MATCH)
def test_inflections_match(form: str, text: str, lang: str, span: str) -> None:
    assert found(form, text, lang) == [span]


NO_MATCH = [
    # (glossary form, text, language): derived words sharing the stem
    ("город", "городской совет", "ru"),
    ("учитель", "учительница", "ru"),
    ("масштабирование", "масштабируемость", "ru"),
    ("szkoła", "szkolny", "pl"),
    ("praca", "pracownik", "pl"),
    ("kirja", "kirjoittaja", "fi"),  # book / writer
    ("escalar", "escalable", "es"),
    ("centro", "central", "es"),
    ("škola", "školní", "cs"),
    ("oyun", "oyuncu", "tr"),
    ("Speicher", "Speichen", "de"),  # storage / spokes
]


@pytest.mark.parametrize("form, text, lang", NO_MATCH)
def test_derived_words_do_not_match(form: str, text: str, lang: str) -> None:
    assert found(form, text, lang) == []

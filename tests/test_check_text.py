"""Capitalization and repeated-word checks: table-driven ``fails``/``passes`` cases, many
from the Italian seed sample (../shared/seeds)."""

from __future__ import annotations

import pytest

from reviewer.checks.base import Check
from reviewer.checks.text import (
    CHECKS,
    CapitalizationCheck,
    RepeatedWordCheck,
    capitalize_word,
)
from reviewer.model import Finding, Severity

from .checkcontract import run_check

SEED_EN = (
    "On September 22, 2025, Nvidia unveiled plans to invest up to $100 billion in "
    "OpenAI, signaling a deepening of their long-standing collaboration."
)
SEED_IT = (
    "Il 22 settembre 2025, Nvidia ha svelato i piani per investire fino a $ 100 miliardi "
    "in Openi, segnalando un approfondimento della loro collaborazione di lunga data."
)


def run(
    cls: type[Check],
    source: str,
    target: str,
    sl: str | None = "en",
    tl: str | None = "it",
    target_only: bool = False,
) -> list[Finding]:
    """Run one check on one segment (the finding contract asserted)."""
    found = run_check(cls, source, target, sl, tl, target_only=target_only,
                      category="linguistic", sentence=True)
    assert all(f.severity is Severity.MINOR for f in found), found
    return found


def test_registry_ids() -> None:
    assert [c.id for c in CHECKS] == ["capitalization", "repeated-word"]
    assert not CapitalizationCheck.needs_source and not RepeatedWordCheck.needs_source


# --- capitalization ----------------------------------------------------------------------

CAP_FAILS = [
    # source, target, source lang, target lang, flagged text, suggestion
    ("The genesis of the partnership", "la genesi della partnership", "en", "it", "la", "La"),
    ("Scaling AI infrastructure to meet global demand",
     "ridimensionamento dell'infrastruttura di intelligenza artificiale", "en", "it",
     "ridimensionamento", "Ridimensionamento"),
    ("Addressing the need for computational power",
     "affrontando la necessità di potenza computazionale", "en", "it",
     "affrontando", "Affrontando"),
    ("The future of AI", "l'intelligenza artificiale del futuro", "en", "it",
     "l'intelligenza", "L'intelligenza"),
    ("GPU usage", "utilizzo della GPU", "en", "it", "utilizzo", "Utilizzo"),
    ("Cannot come back to cwd", "impossibile tornare alla directory di lavoro corrente",
     "en", "it", "impossibile", "Impossibile"),
    ("- First item", "- primo elemento", "en", "it", "primo", "Primo"),
    ("«Hello»", "«ciao»", "en", "it", "ciao", "Ciao"),
    ("&Save", "&salva", "en", "it", "salva", "Salva"),
    ("\ue000Save\ue001", "\ue000salva\ue001", "en", "it", "salva", "Salva"),
    ("Istanbul office", "istanbul ofisi", "en", "tr", "istanbul", "İstanbul"),
    ("Ice cream", "ijs", "en", "nl", "ijs", "IJs"),
    ("Hello", "привет", "en", "ru", "привет", "Привет"),
    ("The end. Then more text follows here.", "Fine della frase. poi altro testo segue.",
     "en", "it", "poi", "Poi"),
    ("SAVE ALL CHANGES", "Salva tutte le modifiche", "en", "it",
     "Salva tutte le modifiche", "SALVA TUTTE LE MODIFICHE"),
    ("Save all changes", "SALVA TUTTE LE MODIFICHE", "en", "it",
     "SALVA TUTTE LE MODIFICHE", None),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl,text,suggestion", CAP_FAILS)
def test_capitalization_fails(
    source: str, target: str, sl: str, tl: str, text: str, suggestion: str | None
) -> None:
    found = run(CapitalizationCheck, source, target, sl, tl)
    assert [(f.side, f.text, f.suggestion) for f in found] == [("target", text, suggestion)]


CAP_PASSES = [
    (SEED_EN, SEED_IT, "en", "it"),
    ("The genesis of the partnership", "La genesi della partnership", "en", "it"),
    ("Strategic objectives", "Obiettivi strategici", "en", "it"),
    ("iPhone settings", "impostazioni dell'iPhone", "en", "it"),
    ("The iPhone is great", "iPhone è fantastico", "en", "it"),
    ("Open it on eBay", "eBay lo apre", "en", "it"),
    ("Config.json was not found", "config.json non trovato", "en", "it"),
    ("Hello", "Ciao", "en", "it"),
    ("%s files", "%s file", "en", "it"),
    ("{count} files", "{count} file", "en", "it"),
    ("3 files", "3 file", "en", "it"),
    ("https://example.com is down", "https://example.com non funziona", "en", "it"),
    ("...and more", "...e altro", "en", "it"),
    ("and more", "e altro", "en", "it"),
    ("Hello", "你好", "en", "zh-Hans"),
    ("Hello", "こんにちは", "en", "ja"),
    ("Hello", "مرحبا", "en", "ar"),
    ("Hello", "שלום", "en", "he"),
    ("In the evening", "'s avonds", "en", "nl"),
    ("The result, e.g. this one.", "Il risultato, ad es. questo.", "en", "it"),
    ("Use Ctrl+S, etc. Then save.", "Usa Ctrl+S, ecc. poi salva.", "en", "it"),
    ("For example this.", "Zum Beispiel z. B. dies.", "en", "de"),
    ("Prof. Smith arrived.", "Prof. dott. Rossi è arrivato.", "en", "it"),
    ("Approx. five items. Done.", "Circa cinque elementi, aprox. cinco. Hecho.", "en", "es"),
    ("The end. Then more.", "Fine. Poi altro.", "en", "it"),
    ("NVIDIA GPU", "GPU NVIDIA", "en", "it"),
    ("NVIDIA", "Nvidia", "en", "it"),
    ("NVIDIA GEFORCE", "NVIDIA GEFORCE", "en", "it"),
    ("Save all changes", "Salva tutte le modifiche", "en", "it"),
    ("OK", "OK", "en", "it"),
    # real git.po units
    ("-G, -S and --find-object are mutually exclusive",
     "le opzioni -G, -S e --find-object sono mutuamente esclusive", "en", "it"),
    ("Failed to fstat %s: %s", "fstat di %s non riuscito: %s", "en", "it"),
    ("no log for BISECT_WRITE", "non registrare le operazioni eseguite per BISECT_WRITE",
     "en", "it"),
]


@pytest.mark.parametrize("source,target,sl,tl", CAP_PASSES)
def test_capitalization_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(CapitalizationCheck, source, target, sl, tl, target_only=not source) == []


@pytest.mark.parametrize(
    "word,lang,expected",
    [("la", "it", "La"), ("istanbul", "tr", "İstanbul"), ("ıspanak", "az", "Ispanak"),
     ("ijs", "nl", "IJs"), ("élan", "fr", "Élan"), ("", "it", "")],
)  # fmt: skip
def test_capitalize_word(word: str, lang: str, expected: str) -> None:
    assert capitalize_word(word, lang) == expected


# --- repeated-word -----------------------------------------------------------------------

REPEAT_FAILS = [
    # source, target, source lang, target lang, flagged texts
    ("The cat", "Il il gatto", "en", "it", [" il"]),
    ("of the partnership", "della della partnership", "en", "it", [" della"]),
    ("the cat", "the the cat", "en", "en-GB", [" the"]),
    ("The cat", "Die Katze Katze", "en", "de", [" Katze"]),
    ("AI infrastructure", "infrastruttura di di intelligenza artificiale", "en", "it",
     [" di"]),
    ("Nvidia and OpenAI", "Nvidia e e Openai", "en", "it", [" e"]),
    ("to the end", "alla alla alla fine", "en", "it", [" alla", " alla"]),
    ("", "di di", None, "it", [" di"]),
    ("Tab", "la\tla casa", "en", "it", ["\tla"]),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl,texts", REPEAT_FAILS)
def test_repeated_word_fails(
    source: str, target: str, sl: str, tl: str, texts: list[str]
) -> None:
    found = run(RepeatedWordCheck, source, target, sl, tl, target_only=not source)
    assert [(f.side, f.text, f.suggestion) for f in found] == [
        ("target", t, "") for t in texts
    ]


def test_repeated_word_suggestion_applies() -> None:
    t = "Il il gatto"
    (f,) = run(RepeatedWordCheck, "The cat", t)
    assert t[: f.start] + (f.suggestion or "") + t[f.end :] == "Il gatto"


REPEAT_PASSES = [
    ("We wash ourselves", "Nous nous lavons", "en", "fr"),
    ("You are wrong", "Vous vous trompez", "en", "fr"),
    ("The woman who reads the paper", "Die Frau, die die Zeitung liest", "en", "de"),
    ("He said that that was fine", "He said that that was fine", "en", "en"),
    ("He had had enough", "He had had enough", "en", "en-US"),
    ("Bye bye", "Ciao ciao", "en", "it"),
    ("slowly", "piano piano", "en", "it"),
    ("blah blah", "bla bla", "en", "it"),
    ("1 1", "1 1", "en", "it"),
    ("The the cat", "Il il gatto", "en", "it"),
    ("Line\nLine", "Riga\nriga", "en", "it"),
    ("a well-well", "un ben-ben", "en", "it"),
    ("Nvidia and OpenAI", SEED_IT, "en", "it"),
    ("", "La partnership strategica tra Nvidia e Openai rappresenta un momento.", None, "it"),
    ("", "lo spiegamento in vari settori", None, "it"),
    ("", "他说他说", None, "zh"),
]


@pytest.mark.parametrize("source,target,sl,tl", REPEAT_PASSES)
def test_repeated_word_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(RepeatedWordCheck, source, target, sl, tl, target_only=not source) == []


def test_repeated_word_in_scripts_with_combining_marks() -> None:
    """A word is its letters and its vowel signs: 'वेल्स से' is two different words,
    not 'स' repeated; a real repetition is still found."""
    passes = [
        ("In Welsh twp means daft.", "वेल्श में, twp का मतलब बेवकूफ़ से बाहर होता है।", "hi"),
        ("The species of shark", "हमला करने वाले शार्क की प्रजाति", "hi"),
        ("He came home.", "সে বাড়ি এসেছিল সেই দিন।", "bn"),
        ("The hospital", "โรงพยาบาลเด็ก ที่ San Diego", "th"),
        ("Peace", "שָׁלוֹם שָׁלֵם", "he"),
        # an acronym spelt out letter by letter
        ("He was live on CNN.", "على الهواء مباشرة على سي إن إن.", "ar"),
        ("BBC Scotland", "شبكة بي بي سي اسكتلندا", "ar"),
        ("on CNN today", "आज सी एन एन पर", "hi"),
    ]
    for src, tgt, tl in passes:
        assert run(RepeatedWordCheck, src, tgt, "en", tl) == [], tgt
    flags = [
        # words with combining marks: pointed Hebrew, decomposed Greek accents
        ("Peace be with you.", "שָׁלוֹם שָׁלוֹם עֲלֵיכֶם", "he", "שָׁלוֹם"),
        ("He came home.", "Ήρθε ε\u0301φυγε ε\u0301φυγε σπίτι.", "el", "ε\u0301φυγε"),
        ("He said no.", "Он сказал сказал нет.", "ru", "сказал"),
        # a reduplicating language: a one-letter postposition said twice is a slip
        ("The species of the shark", "शार्क की की प्रजाति", "hi", "की"),
        ("He said no.", "قال قال لا.", "ar", "قال"),
    ]
    for src, tgt, tl, word in flags:
        (f,) = run(RepeatedWordCheck, src, tgt, "en", tl)
        assert word in f.message, tgt

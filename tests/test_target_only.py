"""Target-only review (``reviewer check --target FILE``): the rules that need no source.

Must-flag and must-not-flag tables per check, in Italian, English, German and French
(plus a few other languages where a rule is language-specific): capitalization of a
segment's first word and of sentence starts, numbers written in another locale's
format and currency signs placed English-style, and the punctuation and whitespace
rules that already ran without a source. Then the runner: on a target-only document
these checks run and the checks that need a source do not.
"""

from __future__ import annotations

import pytest

from reviewer.checks.base import Check, CheckContext
from reviewer.checks.basic import WhitespaceCheck
from reviewer.checks.numbers import NumberCheck
from reviewer.checks.punctuation import PunctuationCheck
from reviewer.checks.text import CapitalizationCheck, RepeatedWordCheck
from reviewer.model import Document, Finding, Segment, Severity
from reviewer.runner import plan_checks

NBSP = "\u00a0"
NNBSP = "\u202f"


def run(cls: type[Check], target: str, lang: str | None) -> list[Finding]:
    """Run one check on a target-only segment; every span must slice to its text."""
    seg = Segment(id="1", index=0, source="", target=target)
    found = list(cls().run(seg, CheckContext(target_lang=lang, target_only=True)))
    for f in found:
        assert f.side == "target", f
        assert target[f.start : f.end] == f.text, f
        assert f.check == cls.id
        assert f.message
    return found


def test_checks_that_need_no_source_say_so() -> None:
    for cls in (CapitalizationCheck, NumberCheck, PunctuationCheck, WhitespaceCheck,
                RepeatedWordCheck):  # fmt: skip
        assert not cls.needs_source, cls


# --- capitalization ----------------------------------------------------------------------

CAP_FLAG = [
    # target, language, flagged text, suggestion
    # the lower-case headings of the seed article (samples/article.it.txt)
    ("la genesi della partnership", "it", "la", "La"),
    ("ridimensionamento dell'infrastruttura di intelligenza artificiale per soddisfare "
     "la domanda globale", "it", "ridimensionamento", "Ridimensionamento"),
    ("affrontando la necessità di potenza computazionale", "it", "affrontando",
     "Affrontando"),
    ("fabbricazione di fabbriche AI da milioni di gpu", "it", "fabbricazione",
     "Fabbricazione"),
    ("implicazioni per l'industria dell'intelligenza artificiale", "it", "implicazioni",
     "Implicazioni"),
    ("prospettive e sviluppi futuri", "it", "prospettive", "Prospettive"),
    ("potenziali sfide e considerazioni", "it", "potenziali", "Potenziali"),
    ("l'intelligenza artificiale del futuro", "it", "l'intelligenza", "L'intelligenza"),
    ("«ciao» disse Maria.", "it", "ciao", "Ciao"),
    ("- primo elemento", "it", "primo", "Primo"),
    ("Fine della frase. poi altro testo.", "it", "poi", "Poi"),
    ("the cat sat on the mat.", "en", "the", "The"),
    ("introduction", "en", "introduction", "Introduction"),
    ("The report is ready. please read it.", "en", "please", "Please"),
    ("die Katze schläft.", "de", "die", "Die"),
    ("über uns", "de", "über", "Über"),
    ("Das Haus ist wunderschön. danach gehen wir.", "de", "danach", "Danach"),
    ("la vie est belle", "fr", "la", "La"),
    (f"«{NBSP}bonjour{NBSP}»", "fr", "bonjour", "Bonjour"),
    ("istanbul ofisi", "tr", "istanbul", "İstanbul"),
    ("ijs is lekker", "nl", "ijs", "IJs"),
    ("привет", "ru", "привет", "Привет"),
]  # fmt: skip


@pytest.mark.parametrize("target,lang,text,suggestion", CAP_FLAG)
def test_capitalization_flags(target: str, lang: str, text: str, suggestion: str) -> None:
    found = run(CapitalizationCheck, target, lang)
    assert [(f.text, f.suggestion) for f in found] == [(text, suggestion)]
    assert found[0].severity is Severity.MINOR and found[0].category == "linguistic"


CAP_PASS = [
    ("La genesi della partnership", "it"),
    ("Un investimento storico", "it"),
    ("iPhone è fantastico", "it"),
    ("eBay lo apre", "it"),
    ("config.json non trovato", "it"),
    ("https://example.com non funziona", "it"),
    ("www.example.com è giù", "it"),
    ("(blogs.nvidia.com)", "it"),
    ("2025: un anno importante", "it"),
    ("10 gigawatt di data center", "it"),
    ("… e poi altro", "it"),
    ("...e altro", "it"),
    ("... e altro ancora", "it"),
    ("- primo elemento;", "it"),
    ("mele, pere,", "it"),
    ("{count} file", "it"),
    ("%s file", "it"),
    ("<b>nome</b> del file", "it"),
    ("$HOME non esiste", "it"),
    ("Usa Ctrl+S, ecc. poi salva.", "it"),
    ("Prof. dott. Rossi è arrivato.", "it"),
    ("La frase finisce qui. iPhone è bello.", "it"),
    ("Vedi www.example. com", "it"),
    ("npm install reviewer", "en"),
    ("x86 builds are slow", "en"),
    ("e.g. this one", "en"),
    ("mRNA vaccines work", "en"),
    ("It costs approx. five euros.", "en"),
    ("Das ist z. B. gut.", "de"),
    ("Es kostet ca. fünf Euro.", "de"),
    ("C'est l'heure.", "fr"),
    ("Voir p. 12 et suivantes.", "fr"),
    ("Circa cinque, aprox. cinco.", "es"),
    ("'s avonds", "nl"),
    ("你好", "zh"),
    ("こんにちは", "ja"),
    ("مرحبا", "ar"),
    ("", "it"),
    ("   ", "it"),
]


@pytest.mark.parametrize("target,lang", CAP_PASS)
def test_capitalization_passes(target: str, lang: str) -> None:
    assert run(CapitalizationCheck, target, lang) == []


def test_capitalization_without_source_outside_target_only_is_unchanged() -> None:
    """A bilingual unit with an empty source (not a target-only document) draws nothing,
    as before: only ``context.target_only`` switches the target-only rule on."""
    seg = Segment(id="1", index=0, source="", target="la genesi della partnership")
    assert list(CapitalizationCheck().run(seg, CheckContext("en", "it"))) == []


def test_capitalization_target_only_skips_all_caps() -> None:
    assert run(CapitalizationCheck, "SALVA TUTTE LE MODIFICHE", "it") == []


# --- numbers -----------------------------------------------------------------------------

NUM_FLAG = [
    # target, language, [(flagged text, suggestion)]
    ("Costa 1,000.5 euro", "it", [("1,000.5", "1.000,5")]),
    ("Abbiamo 10,000 utenti", "it", [("10,000", "10.000")]),
    ("Oltre 1,000,000 di utenti", "it", [("1,000,000", "1.000.000")]),
    ("Il limite è 1'000 righe", "it", [("1'000", "1.000")]),
    ("fino a $ 100 miliardi in Openi", "it", [("$ 100 miliardi", "100 miliardi di dollari")]),
    ("un investimento di $100 miliardi", "it", [("$100 miliardi", "100 miliardi di dollari")]),
    ("vale $ 1 milione", "it", [("$ 1 milione", "1 milione di dollari")]),
    ("costa $ 1", "it", [("$ 1", "1 dollaro")]),
    ("costa $ 250.", "it", [("$ 250", "250 dollari")]),
    ("un premio di £ 20 mila", "it", [("£ 20 mila", "20 mila sterline")]),
    ("We have 10.000 users", "en", [("10.000", "10,000")]),
    ("It is 1.000,5 m long", "en", [("1.000,5", "1,000.5")]),
    ("It needs 3,5 GB", "en", [("3,5", "3.5")]),
    ("Over 1.000.000 users", "en", [("1.000.000", "1,000,000")]),
    ("Es kostet 1,000.5 Euro", "de", [("1,000.5", "1.000,5")]),
    ("Wir haben 10,000 Nutzer", "de", [("10,000", "10.000")]),
    ("bis zu $ 100 Milliarden", "de", [("$ 100 Milliarden", f"100 Milliarden{NBSP}$")]),
    ("Es kostet € 50.", "de", [("€ 50", f"50{NBSP}€")]),
    ("Nous avons 10,000 utilisateurs", "fr", [("10,000", f"10{NNBSP}000")]),
    ("Nous avons 10.000 utilisateurs", "fr", [("10.000", f"10{NNBSP}000")]),
    ("Cela coûte 1,000.5 euros", "fr", [("1,000.5", f"1{NNBSP}000,5")]),
    ("jusqu'à $ 100 milliards", "fr", [("$ 100 milliards", f"100 milliards{NBSP}$")]),
    ("Cuesta € 20", "es", [("€ 20", f"20{NBSP}€")]),
]  # fmt: skip


@pytest.mark.parametrize("target,lang,expected", NUM_FLAG)
def test_number_locale_flags(target: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = run(NumberCheck, target, lang)
    assert [(f.text, f.suggestion) for f in found] == expected
    for f in found:
        assert f.category == "locale" and f.severity is Severity.MINOR


NUM_PASS = [
    ("Il 22 settembre 2025, NVIDIA ha svelato i piani.", "it"),
    ("Nel 2025 e nel 2026", "it"),
    ("Arrivò 1° e poi 2ª", "it"),
    ("Python 3.11 è uscito", "it"),
    ("Ci vediamo alle 10.30", "it"),
    ("Pesa 2,5 kg", "it"),
    ("Abbiamo 1.000 utenti", "it"),
    ("Costa 10.000,50 euro", "it"),
    ("Abbiamo 1 000 utenti", "it"),
    ("versione 1.2.3", "it"),
    ("il 22.09.2025", "it"),
    ("il 22/09/2025", "it"),
    ("Pesa 1,234 kg", "it"),
    ("$1 è un segnaposto", "it"),
    ("costa US$ 100", "it"),
    ("costa € 100", "it"),
    ("costa 100 $", "it"),
    ("le GPU H100 e GPT-4o", "it"),
    ("almeno 10 gigawatt", "it"),
    ("100 milioni di utenti", "it"),
    ("vedi https://example.com/report/1,000.5", "it"),
    ("{0} file su 1.000", "it"),
    ("In 2025, 10,000 users joined.", "en"),
    ("It needs 3.5 GB", "en"),
    ("Python 3.11 is out", "en"),
    ("She came 1st", "en"),
    ("at 10:30", "en"),
    ("the point (3,5)", "en"),
    ("the interval [0,1]", "en"),
    ("$100 billion", "en"),
    ("It weighs 1,234.5 kg", "en"),
    ("Es kostet 1.234,5 Euro", "de"),
    ("Es kostet 100 €", "de"),
    ("Version 2.0 ist da", "de"),
    ("Es kostet € 100", "de-AT"),
    ("Es kostet $ 100", "de-CH"),
    ("Am 3. Oktober 2025", "de"),
    ("Nous avons 10 000 utilisateurs", "fr"),
    (f"Nous avons 10{NNBSP}000 utilisateurs", "fr"),
    ("Cela coûte 100 $", "fr"),
    ("Il faut 3,5 Go", "fr"),
    ("le 1er janvier 2025", "fr"),
    ("Cuesta $ 100", "es-MX"),
]


@pytest.mark.parametrize("target,lang", NUM_PASS)
def test_number_locale_passes(target: str, lang: str) -> None:
    assert run(NumberCheck, target, lang) == []


def test_number_unknown_target_language_judges_nothing() -> None:
    assert run(NumberCheck, "Abbiamo 10,000 utenti e 1,000.5 kg, $ 100", None) == []


def test_number_bilingual_compares_and_applies_the_currency_rule() -> None:
    """With a source, the number check compares numbers as before (they match here),
    and the currency placement rule holds too (issue 20: it used to be target-only,
    so a bilingual check never reported the sample's own "$ 100 miliardi")."""
    seg = Segment(id="1", index=0, source="up to $100 billion in 2025",
                  target="fino a $ 100 miliardi nel 2025")
    found = list(NumberCheck().run(seg, CheckContext("en", "it")))
    assert [(f.text, f.suggestion) for f in found] == [("$ 100 miliardi",
                                                        "100 miliardi di dollari")]


# --- punctuation and whitespace (rules that already ran without a source) -----------------

PUNCT_FLAG = [
    # target, language, [(flagged text, suggestion)]
    ("Bonjour: voici le texte!", "fr", [(":", NBSP + ":"), ("!", NNBSP + "!")]),
    ("Vraiment?", "fr", [("?", NNBSP + "?")]),
    ("Cómo estás?", "es", [("", "¿")]),
    ("Hola! Qué tal", "es", [("", "¡")]),
    ("你好,世界。", "zh", [(",", "，")]),
    ("こんにちは.", "ja", [(".", "。")]),
    ("Τι κάνεις?", "el", [("?", "\u037e")]),
    ("Ciao , mondo .", "it", [(" ,", ","), (" .", ".")]),
    ("Sei sicuro ?", "it", [(" ?", "?")]),
    ("Hallo , Welt.", "de", [(" ,", ",")]),
    ("Wie geht's ?", "de", [(" ?", "?")]),
    ("Hello ,world", "en", [(" ,", ",")]),
    ("Fine.Poi altro", "it", [(".", ". ")]),
]  # fmt: skip


@pytest.mark.parametrize("target,lang,expected", PUNCT_FLAG)
def test_punctuation_flags(target: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = run(PunctuationCheck, target, lang)
    assert [(f.text, f.suggestion) for f in found] == expected


PUNCT_PASS = [
    (f"Bonjour{NBSP}: voici le texte{NNBSP}!", "fr"),
    ("Il est 10:30, voir http://a.fr?x=1", "fr"),
    ("Qu'est-ce que c'est ?", "fr"),
    ("¿Cómo estás?", "es"),
    ("¡Hola! ¿Qué tal?", "es"),
    ("你好，世界。", "zh"),
    ("Ciao, mondo.", "it"),
    ("Sei sicuro?", "it"),
    ("Ciao mondo", "it"),  # no source: the final punctuation is not judged
    ("Sorridi :)", "it"),
    ("Hallo, Welt.", "de"),
    ("Hello, world.", "en"),
    ("Version 3.11 is out.", "en"),
]


@pytest.mark.parametrize("target,lang", PUNCT_PASS)
def test_punctuation_passes(target: str, lang: str) -> None:
    assert run(PunctuationCheck, target, lang) == []


@pytest.mark.parametrize(
    "target,lang,expected",
    [("Ciao  mondo", "it", ["  "]), ("Hallo   Welt", "de", ["   "]),
     ("Bonjour  le monde", "fr", ["  "]), ("Hello  world", "en", ["  "]),
     ("Ciao mondo", "it", []), ("  Ciao mondo  ", "it", [])],
)  # fmt: skip
def test_doubled_spaces(target: str, lang: str, expected: list[str]) -> None:
    assert [f.text for f in run(WhitespaceCheck, target, lang)] == expected


@pytest.mark.parametrize(
    "target,lang,expected",
    [("della della partnership", "it", [" della"]), ("the the cat", "en", [" the"]),
     ("die Katze Katze", "de", [" Katze"]), ("le le chat", "fr", [" le"]),
     ("die die Katze", "de", []), ("nous nous levons", "fr", [])],
)  # fmt: skip
def test_repeated_words(target: str, lang: str, expected: list[str]) -> None:
    assert [f.text for f in run(RepeatedWordCheck, target, lang)] == expected


# --- the runner --------------------------------------------------------------------------


def test_runner_runs_the_target_only_checks() -> None:
    texts = [
        "la genesi della partnership",
        "Il 22 settembre 2025, Nvidia ha svelato i piani per investire fino a $ 100 "
        "miliardi.",
        "Abbiamo 10,000 utenti  attivi.",
        "Sei sicuro ?",
        "della della partnership",
    ]
    segs = [Segment(str(i + 1), i, "", t, line=i + 1) for i, t in enumerate(texts)]
    doc = Document("it.txt", "txt", None, "it", segs, target_only=True)
    plan = plan_checks()
    found = list(plan.run(doc))
    by = {(f.index, f.check, f.text) for f in found}
    assert (0, "capitalization", "la") in by
    assert (1, "number", "$ 100 miliardi") in by
    assert (2, "number", "10,000") in by
    assert (2, "whitespace", "  ") in by
    assert (3, "punctuation", " ?") in by
    assert (4, "repeated-word", " della") in by
    ran = {f.check for f in found}
    for cid in ran:
        cls = type(next(c for c in plan.checks if c.id == cid))
        assert not cls.needs_source, cid
    assert "untranslated" not in ran and "length" not in ran


@pytest.mark.parametrize("name, text, lang", [
    ("en.yml", "en:\n  viewed: viewed\n  ago: 'less than a minute ago'\n  bad: 'The file was saved. please reload the page.'\n", "en"),
    ("values/strings.xml", '<resources><string name="viewed">viewed</string><string name="ago">less than a '
     'minute ago</string><string name="bad">The file was saved. please reload the page.</string></resources>', "en"),
    ("de.yml", "de:\n  viewed: angesehen\n  ago: 'vor weniger als einer Minute'\n"
     "  bad: 'Die Datei wurde gespeichert. bitte laden Sie die Seite neu.'\n", "de"),
    ("ru.yml", "ru:\n  viewed: просмотрено\n  ago: 'меньше минуты назад'\n"
     "  bad: 'Файл сохранён. пожалуйста, обновите страницу.'\n", "ru"),
])
def test_resource_strings_may_start_lowercase(tmp_path: Path, name: str, text: str, lang: str) -> None:
    """An app's resource string is often a fragment joined at run time ("%{user} viewed"):
    alone (no source file), its lowercase start is not flagged; a sentence inside it
    that starts lowercase still is."""
    from reviewer.formats import ReadOptions, open_document
    from reviewer.runner import plan_checks

    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    doc = open_document(p, ReadOptions(target_lang=lang))
    assert doc.target_only and doc.meta.get("resource")
    found = [(f.unit, f.text) for f in plan_checks(enable=["capitalization"], disable=["all"]).run(doc)]
    assert [u for u, _ in found] == ["bad"], found

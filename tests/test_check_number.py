"""Table-driven tests of the number check (reviewer/checks/numbers.py)."""

from __future__ import annotations

import pytest

from reviewer.checks.numbers import (
    CHECKS,
    NumberCheck,
    conventions,
    find_numbers,
    format_number,
)
from reviewer.model import Finding, Severity

from .checkcontract import run_check

CHECK = NumberCheck()
NNBSP = "\u202f"
NBSP = "\u00a0"


def run(source: str, target: str, langs: tuple[str, str] = ("en", "it")) -> list[Finding]:
    return run_check(CHECK, source, target, *langs)


# (source, target, (source lang, target lang), expected [(side, text, severity)])
MAJ = Severity.MAJOR
MIN = Severity.MINOR
FAILS = [
    ("It costs 1,000.5 euros", "Costa 1.000 euro", ("en", "it"),
     [("source", "1,000.5", MAJ), ("target", "1.000", MAJ)]),
    ("Wait 5 minutes", "Aspetta 15 minuti", ("en", "it"), [("source", "5", MAJ), ("target", "15", MAJ)]),
    ("3 files", "file", ("en", "it"), [("source", "3", MAJ)]),
    ("Files", "347 file", ("en", "it"), [("target", "347", MAJ)]),
    ("3.5 GB", "35 GB", ("en", "it"), [("source", "3.5", MAJ), ("target", "35", MAJ)]),
    ("NVIDIA H100 GPUs", "GPU NVIDIA H200", ("en", "it"), [("source", "H100", MAJ), ("target", "H200", MAJ)]),
    ("Costs 1,000.5 euros", "Costa 1,000.5 euro", ("en", "it"), [("target", "1,000.5", MIN)]),
    ("Costs 1,000 euros", "Costa 1,000 euro", ("en", "it"), [("target", "1,000", MIN)]),
    ("1,234,567 users", "1,234,567 utenti", ("en", "de"), [("target", "1,234,567", MIN)]),
    ("Costs 1.000,5 euro", "Costs 1.000,5 euros", ("it", "en"), [("target", "1.000,5", MIN)]),
    ("Costs 1,000.5 euros", "Coûte 1.000,5 euros", ("en", "fr"), [("target", "1.000,5", MIN)]),
    ("Two of 20", "Due di 21", ("en", "it"), [("source", "20", MAJ), ("target", "21", MAJ)]),
    ("Version 2.4.1", "Versione 2.4.2", ("en", "it"), [("source", "1", MAJ), ("target", "2", MAJ)]),
    ("in 2025", "nel 2026", ("en", "it"), [("source", "2025", MAJ), ("target", "2026", MAJ)]),
    ("on 22/09/2025", "il 22/10/2025", ("en", "it"), [("source", "09", MAJ), ("target", "10", MAJ)]),
    ("At 10:30", "Alle 10:45", ("en", "it"), [("source", "30", MAJ), ("target", "45", MAJ)]),
    ("Only 7 left", "Ne restano solo sei", ("en", "it"), [("source", "7", MAJ)]),
    ("Open until 5 p.m.", "Aperto fino alle 18", ("en", "it"), [("source", "5", MAJ), ("target", "18", MAJ)]),
    ("Over 1,000,000 downloads", "下载量超过10万", ("en", "zh"), [("source", "1,000,000", MAJ), ("target", "10", MAJ)]),
]

PASSES = [
    ("It costs 1,000.5 euros", "Costa 1.000,5 euro", ("en", "it")),
    ("It costs 1,000.5 euros", "Es kostet 1.000,5 Euro", ("en", "de")),
    ("It costs 1,000.5 euros", "Cuesta 1.000,5 euros", ("en", "es")),
    ("It costs 1,000.5 euros", "Cuesta 1,000.5 euros", ("en", "es-MX")),
    ("It costs 1,000.5 euros", "Custa 1.000,5 euros", ("en", "pt-BR")),
    ("It costs 1,000.5 euros", f"Il coûte 1{NNBSP}000,5 euros", ("en", "fr")),
    ("It costs 1,000.5 euros", f"Il coûte 1{NBSP}000,5 euros", ("en", "fr-CA")),
    ("It costs 1,000.5 euros", "Il coûte 1 000,5 euros", ("en", "fr")),
    ("It costs 1,000.5 euros", f"Стоит 1{NBSP}000,5 евро", ("en", "ru")),
    ("It costs 1,000.5 euros", "Es kostet 1'000.5 Euro", ("en", "de-CH")),
    ("It costs 1,000.5 euros", "Es kostet 1’000.5 Euro", ("en", "de-CH")),
    ("1,000 users", "1.000 utenti", ("en", "it")),
    ("1,000 users", "1000 utenti", ("en", "it")),
    ("1.000 utenti", "1,000 users", ("it", "en")),
    ("3.5 GB", "3,5 GB", ("en", "it")),
    ("Save 100%", "Risparmia il 100%", ("en", "it")),
    ("Save 5%", "Économisez 5 %", ("en", "fr")),
    ("September 22, 2025", "22 settembre 2025", ("en", "it")),
    ("22/09/2025", "September 22, 2025", ("it", "en")),
    ("22.09.2025", "22/09/2025", ("de", "it")),
    ("2025-09-22", "22 settembre 2025", ("en", "it")),
    ("At 10:30", "Alle 10.30", ("en", "it")),
    ("Two files", "2 file", ("en", "it")),
    ("2 files", "due file", ("en", "it")),
    ("3 Dateien", "three files", ("de", "en")),
    ("The 1st place", "Il 1° posto", ("en", "it")),
    ("The 1st place", "Der 1. Platz", ("en", "de")),
    ("The 2nd floor", "Le 2e étage", ("en", "fr")),
    ("The 1st place", "El 1.º puesto", ("en", "es")),
    ("NVIDIA H100 and 4K and GPT-4o", "NVIDIA H100 e 4K e GPT-4o", ("en", "it")),
    ("10px margin", "margine di 10 px", ("en", "it")),
    ("Python 3.11", "Python 3.11", ("en", "it")),
    ("Version 1.2.3 on 192.168.0.1", "Versione 1.2.3 su 192.168.0.1", ("en", "it")),
    ("Use %1$s and {0} and <1>x</1>", "Usa %1$s e {0} e <1>x</1>", ("en", "it")),
    ("Width %5.2f", "Larghezza %5.2f", ("en", "it")),
    ("See https://example.com/page/123", "Vedi https://example.com/page/123", ("en", "it")),
    ("Mail user42@example.com", "Scrivi a user42@example.com", ("en", "it")),
    ('<img width="100" src="a.png">', '<img src="a.png" width="100">', ("en", "it")),
    ("&#160;x", "x", ("en", "it")),
    ("{n, plural, =0 {none} one {# item} other {# items}}",
     "{n, plural, one {# elemento} other {# elementi}}", ("en", "it")),
    ("No numbers", "Nessun numero", ("en", "it")),
    ("共有3个文件", "There are 3 files", ("zh", "en")),
    ("Chapter 10 of 12", "Capitolo 10 di 12", ("en", "it")),
    ("1,000,000 downloads", "1.000.000 download", ("en", "it")),
    ("−5 °C", "-5 °C", ("en", "it")),
    ("０１２", "12", ("ja", "en")),
    ("Over 1,000,000 downloads", "下载量超过100万", ("en", "zh-Hans")),
    ("Up to 10K users", "Fino a 10.000 utenti", ("en", "it")),
    ("Open from 9 a.m. to 5 p.m.", "Ouvert de 9 h à 17 h", ("en", "fr")),
    ("24GB of memory", "24 GB di memoria", ("en", "it")),
]


@pytest.mark.parametrize("source,target,langs,expected", FAILS)
def test_fails(
    source: str,
    target: str,
    langs: tuple[str, str],
    expected: list[tuple[str, str, Severity]],
) -> None:
    findings = run(source, target, langs)
    assert sorted((f.side, f.text, f.severity) for f in findings) == sorted(expected)


@pytest.mark.parametrize("source,target,langs", PASSES)
def test_passes(source: str, target: str, langs: tuple[str, str]) -> None:
    assert run(source, target, langs) == []


def test_missing_message_and_localized_suggestion() -> None:
    (miss, _extra) = sorted(run("It costs 1,000.5 euros", "Costa 1.000 euro"), key=lambda f: f.side)
    assert miss.side == "source"
    assert miss.message == "Number 1,000.5 is missing or changed in the translation"
    assert miss.suggestion == "1.000,5"


def test_format_issue_suggestion_and_no_missing() -> None:
    findings = run("Costs 1,000.5 euros", "Costa 1,000.5 euro")
    assert len(findings) == 1
    (f,) = findings
    assert f.suggestion == "1.000,5"
    assert "Italian" in f.message


def test_french_suggestion_uses_narrow_nbsp() -> None:
    (f,) = run("Costs 1,000.5 euros", "Coûte 1.000,5 euros", ("en", "fr"))
    assert f.suggestion == f"1{NNBSP}000,5"


@pytest.mark.parametrize(
    "lang,decimal",
    [("en", "."), ("it", ","), ("pt-BR", ","), ("fr-CA", ","), ("de-CH", "."), ("es-MX", "."),
     ("zh-Hans", "."), (None, ".")],
)
def test_conventions(lang: str | None, decimal: str) -> None:
    assert conventions(lang).decimal == decimal


def test_format_number() -> None:
    assert format_number("1234567.5", conventions("it"), True) == "1.234.567,5"
    assert format_number("1234", conventions("en"), False) == "1234"


def test_find_numbers_readings() -> None:
    (n,) = find_numbers("1,000")
    assert {r.value for r in n.readings} == {"1000", "1"}
    (n,) = find_numbers("1,000.50")
    assert [r.value for r in n.readings] == ["1000.5"]
    assert [n.text for n in find_numbers("22.09.2025")] == ["22", "09", "2025"]


def test_registry_export() -> None:
    assert CHECKS == [NumberCheck]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    TRICKY = st.text(alphabet="0123456789.,' \u00a0\u202f/:-aHstº°%{}<>", max_size=40)

    @settings(max_examples=300, deadline=None)
    @given(TRICKY, TRICKY, st.sampled_from(["en", "it", "fr", "de-CH", "ja"]))
    def test_property_spans_exact_and_identity_clean(source: str, target: str, lang: str) -> None:
        run(source, target or "x", ("en", lang))
        assert run(source, source, (lang, lang)) == []


# -- the currency placement rule with a source (it fired in target-only mode only) -------

@pytest.mark.parametrize("source, target, langs, flagged, suggestion", [
    ("a $100 billion deal", "un accordo da $ 100 miliardi", ("en", "it"),
     "$ 100 miliardi", "100 miliardi di dollari"),
    ("It costs $250.", "Cela coûte $ 250.", ("en", "fr"), "$ 250", "250\u00a0$"),
    ("Price: £300", "Preis: £300", ("en", "de"), "£300", "300\u00a0£"),
])
def test_currency_placement_with_a_source(source: str, target: str, langs: tuple[str, str],
                                          flagged: str, suggestion: str) -> None:
    found = [f for f in run(source, target, langs) if "currency" in f.message]
    assert [(f.text, f.suggestion, f.side) for f in found] == [(flagged, suggestion, "target")]
    assert found[0].severity == Severity.MINOR and found[0].category == "locale"


@pytest.mark.parametrize("source, target, langs", [
    ("a $100 deal", "a $100 deal", ("en", "en")),            # English puts it first
    ("It costs €100.", "Costa € 100.", ("en", "it")),         # accepted Italian
    ("It costs $100.", "Es kostet $ 100.", ("en", "de-CH")),  # Swiss German: sign first
    ("It costs $100.", "Cuesta $100.", ("en", "es-MX")),      # American Spanish
    ("Earn $5 now", "Guadagna 5 dollari ora", ("en", "it")),  # already after
    ("Пять $", "Пять $", ("ru", "ru")),
])
def test_currency_placement_not_flagged(source: str, target: str, langs: tuple[str, str]) -> None:
    assert not [f for f in run(source, target, langs) if "currency" in f.message]


def test_currency_finding_does_not_double_a_number_finding() -> None:
    """A changed amount is reported once, by the number comparison."""
    found = run("a $100 billion deal", "un accordo da $ 10 miliardi", ("en", "it"))
    spans = [(f.start, f.end) for f in found if f.side == "target"]
    assert len(spans) == len(set(spans)) and found
    assert not any(a < d and c < b for i, (a, b) in enumerate(spans)
                   for (c, d) in spans[i + 1:])

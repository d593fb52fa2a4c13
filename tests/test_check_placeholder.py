"""Table-driven tests of the placeholder check (reviewer/checks/placeholders.py)."""

from __future__ import annotations

import pytest

from reviewer.checks.placeholders import CHECKS, PlaceholderCheck, extract_placeholders
from reviewer.model import Finding, Severity

from .checkcontract import run_check

CHECK = PlaceholderCheck()


def run(
    source: str,
    target: str,
    langs: tuple[str, str] = ("en", "it"),
    flags: frozenset[str] = frozenset(),
    **options: object,
) -> list[Finding]:
    return run_check(CHECK, source, target, *langs, options=dict(options), category="accuracy",
                     flags=flags)


# (source, target, expected [(side, flagged text)])
FAILS = [
    ("Delete %s?", "Eliminare?", [("source", "%s")]),
    ("%d files", "%d file %d", [("target", "%d")]),
    ("%s and %s", "%s e", [("source", "%s")]),
    ("%s has %d items", "%d elementi ha %s", [("target", "%d")]),
    ("Width %5.2f cm", "Larghezza %.2f cm", [("source", "%5.2f"), ("target", "%.2f")]),
    ("Name: %-10s|", "Nome: %10s|", [("source", "%-10s"), ("target", "%10s")]),
    ("%1$s of %2$s", "%1$s di", [("source", "%2$s")]),
    ("Hello %(name)s", "Ciao %(nome)s", [("source", "%(name)s"), ("target", "%(nome)s")]),
    ("Hello {name}", "Ciao {nome}", [("source", "{name}"), ("target", "{nome}")]),
    ("File {0} of {1}", "File {0}", [("source", "{1}")]),
    ("{} of {}", "di {}", [("source", "{}")]),
    ("Value {x!r:>10}", "Valore {x}", [("source", "{x!r:>10}"), ("target", "{x}")]),
    (
        "{count, plural, one {# item} other {# items}}",
        "{num, plural, one {# elemento} other {# elementi}}",
        [("source", "{count, plural"), ("target", "{num, plural")],
    ),
    (
        "{count, plural, one {# file by {user}} other {# files by {user}}}",
        "{count, plural, one {# file} other {# file}}",
        [("source", "{user}")],
    ),
    (
        "{gender, select, male {He} female {She} other {They}} liked it",
        "Gli è piaciuto",
        [("source", "{gender, select")],
    ),
    ("Home: $HOME", "Home: $CASA", [("source", "$HOME"), ("target", "$CASA")]),
    ("Path ${PATH}", "Percorso", [("source", "${PATH}")]),
    ("<0>Click</0> here", "Clicca qui", [("source", "<0>"), ("source", "</0>")]),
    ("Line<1/>break", "Riga a capo<2/>", [("source", "<1/>"), ("target", "<2/>")]),
    ("Hi %{user}", "Ciao %{utente}", [("source", "%{user}"), ("target", "%{utente}")]),
    ("Hi {{ user }}", "Ciao {{utente}}", [("source", "{{ user }}"), ("target", "{{utente}}")]),
    ("Save %d%%", "Risparmia %d", [("source", "%%")]),
    ("Just text", "Solo %s testo", [("target", "%s")]),
    ("%s of %s", "%s di %s di %s", [("target", "%s")]),
    ("{0, number} files", "{1, number} file", [("source", "{0, number}"), ("target", "{1, number}")]),
]

PASSES = [
    ("Delete %s?", "Eliminare %s?"),
    ("%1$s of %2$s", "%2$s di %1$s"),
    ("%(count)d of %(total)d", "%(total)d: %(count)d"),
    ("%s has %d items", "%s ha %d elementi"),
    ("100% sure", "sicuro al 100%"),
    ("50% off", "50 % di sconto"),
    ("Save 50% today", "Risparmia il 50 % oggi"),
    ("Growth of 5% year on year", "Croissance de 5 % sur un an"),
    ("Save %d%% now", "Risparmia il %d %% ora"),
    ("{name} and {0}", "{0} e {name}"),
    ("A { alone", "Una { da sola"),
    ("Use {} braces", "Usa le parentesi {}"),
    (
        "{count, plural, one {# item} other {# items}}",
        "{count, plural, one {# elemento} many {# elementi} other {# elementi}}",
    ),
    (
        "{count, plural, =0 {No files} one {One file by {user}} other {# files by {user}}}",
        "{count, plural, =0 {Nessun file} other {# file di {user}}}",
    ),
    (
        "You have {n, number} new {n, plural, one {message} other {messages}}",
        "Hai {n, plural, one {un nuovo messaggio} other {{n, number} nuovi messaggi}}",
    ),
    ("Hello $USER", "Ciao $USER"),
    ("Price: $5", "Prezzo: 5 $"),
    ("<1>Click</1> here <0/>", "Clicca <1>qui</1><0/>"),
    ("Hi %{user}, %{count} new", "%{count} nuovi, ciao %{user}"),
    ("{{ count | number }} items", "{{count | number}} elementi"),
    ("No placeholders here", "Nessun segnaposto qui"),
    ("20% of {count}", "il 20% di {count}"),
    ("{0, number, integer} files", "{0, number, integer} file"),
    ("\\frac{1}{2}", "\\frac{1}{2}"),
]


@pytest.mark.parametrize("source,target,expected", FAILS)
def test_fails(source: str, target: str, expected: list[tuple[str, str]]) -> None:
    findings = run(source, target)
    assert sorted((f.side, f.text) for f in findings) == sorted(expected)
    assert all(f.severity == Severity.MAJOR for f in findings)


@pytest.mark.parametrize("source,target", PASSES)
def test_passes(source: str, target: str) -> None:
    assert run(source, target) == []


def test_missing_message_and_extra_suggestion() -> None:
    (miss, extra) = sorted(run("Hello %(name)s", "Ciao %(nome)s"), key=lambda f: f.side)
    assert miss.side == "source"
    assert miss.message == "Placeholder %(name)s is missing from the translation"
    assert extra.suggestion == "%(name)s"


def test_reorder_suggestion() -> None:
    (f,) = run("%s has %d items", "%d elementi ha %s")
    assert f.side == "target" and f.text == "%d" and f.suggestion == "%s"
    assert "order" in f.message


def test_format_flag_enables_printf() -> None:
    # "%o" in prose is not a placeholder unless the unit is a format string.
    assert run("Rate: 5%o", "Tasso: 5") == []
    flagged = run("Rate: 5%o", "Tasso: 5", flags=frozenset({"c-format"}))
    assert [(f.side, f.text) for f in flagged] == [("source", "%o")]
    assert run("Delete %s?", "Eliminare?", flags=frozenset({"no-c-format"})) == []


def test_space_flag_never_a_placeholder() -> None:
    assert run("Get %d%% off", "%d %% di sconto", flags=frozenset({"c-format"})) == []
    assert run("Sale", "50 % di sconto", flags=frozenset({"c-format"})) == []


def test_qt_format_from_flag_or_inferred() -> None:
    # issue 17: Qt's %1 is inferred from the source when the file says nothing
    (f,) = run("Page %1 of %2", "Pagina %1")
    assert f.text == "%2"
    (f,) = run("Page %1 of %2", "Pagina %1", flags=frozenset({"qt-format"}))
    assert f.text == "%2"
    # ...but not in a unit the file declares a C format string, nor in prose
    assert run("Page %1 of %2", "Pagina %1", flags=frozenset({"c-format"})) == []
    assert run("Up 5%1 today", "Su del 5 oggi") == []


def test_styles_option_restricts() -> None:
    assert run("Hello $USER", "Ciao", styles=["printf", "brace"]) == []
    assert run("Hello $USER", "Ciao", styles=["shell"])[0].text == "$USER"
    assert run("Delete %s?", "Eliminare?", printf="never") == []


def test_extract_icu_branch_marking() -> None:
    ph = extract_placeholders("{n, plural, one {{who} and one} other {{who} and #}} {x}")
    keys = [(p.key, p.branch) for p in ph]
    assert ("{n, plural}", False) in keys
    assert ("{who}", True) in keys
    assert ("{x}", False) in keys


def test_registry_export() -> None:
    assert CHECKS == [PlaceholderCheck]
    assert PlaceholderCheck.id == "placeholder"


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    TRICKY = st.text(alphabet="%sd1$(){}<>/#, pluralotherx{}{{}}\u00a0", max_size=40)

    @settings(max_examples=300, deadline=None)
    @given(TRICKY, TRICKY)
    def test_property_spans_exact_and_identity_clean(source: str, target: str) -> None:
        run(source, target or "x")  # asserts exact spans
        if source:
            assert run(source, source) == []

"""Table-driven tests of the markup check (reviewer/checks/markup.py)."""

from __future__ import annotations

import pytest

from reviewer.checks.markup import CHECKS, MarkupCheck
from reviewer.model import Finding, InlineCode, Severity, code_char

from .checkcontract import run_check

CHECK = MarkupCheck()

B_OPEN = InlineCode("open", "1", '<g id="1">', "<b>")
B_CLOSE = InlineCode("close", "1", "</g>", "</b>")
I_OPEN = InlineCode("open", "2", '<g id="2">', "<i>")
I_CLOSE = InlineCode("close", "2", "</g>", "</i>")
BR = InlineCode("standalone", "3", '<x id="3"/>', "<br/>")
C0, C1, C2, C3, C4 = (code_char(i) for i in range(5))


def run(
    source: str,
    target: str,
    langs: tuple[str, str] = ("en", "it"),
    source_codes: tuple[InlineCode, ...] = (),
    target_codes: tuple[InlineCode, ...] = (),
) -> list[Finding]:
    return run_check(CHECK, source, target, *langs, category="markup",
                     source_codes=source_codes, target_codes=target_codes)


# (source, target, expected [(side, text)])
FAILS = [
    ("<b>Bold</b> text", "Testo in grassetto", [("source", "<b>"), ("source", "</b>")]),
    ("Plain text", "Testo <b>semplice</b>", [("target", "<b>"), ("target", "</b>")]),
    ("<b><i>x</i></b>", "<b><i>x</b></i>", [("target", "</b>")]),
    ("<b>x</b> <i>y</i>", "</b>x<b> <i>y</i>", [("target", "</b>")]),
    ("Line<br/>break", "Riga a capo", [("source", "<br/>")]),
    ('<a href="https://a.com/x">Go</a>', '<a href="https://b.com/x">Vai</a>',
     [("target", '<a href="https://b.com/x">')]),
    ('<img src="logo.png" alt="Logo">', '<img src="logo2.png" alt="Logo">',
     [("target", '<img src="logo2.png" alt="Logo">')]),
    ("A &copy; B", "A B", [("source", "&copy;")]),
    ("Tom &amp; Jerry", "Tom & Jerry", [("target", "&")]),
    ("1 &lt; 2", "1 < 2", [("target", "<")]),
    ("Text", "Testo &trade;", [("target", "&trade;")]),
    ("<custom>x</custom>", "<custom>x", [("source", "</custom>")]),
    ("Press <kbd>Ctrl</kbd>", "Premi Ctrl", [("source", "<kbd>"), ("source", "</kbd>")]),
    ("<p>One", "Uno", [("source", "<p>")]),
    ('<span class="x">Hi', "Ciao", [("source", '<span class="x">')]),
]

PASSES = [
    ("<b>Bold</b> text", "Testo in <b>grassetto</b>"),
    ('<img src="a.png" alt="A cat">', '<img src="a.png" alt="Un gatto">'),
    ('<a href="https://x.com/docs" title="Docs">Read</a>',
     '<a title="Documentazione" href="https://x.com/docs">Leggi</a>'),
    ('<a href="https://x.com/en/docs">Read</a>', '<a href="https://x.com/it/docs">Leggi</a>'),
    ("Line<br>break", "Riga<br/>a capo"),
    ("<B>Bold</B>", "<b>Grassetto</b>"),
    ("<b><i>x</i></b>", "<b><i>y</i></b>"),
    ("<p>One</p><p>Two</p>", "<p>Uno</p><p>Due</p>"),
    ("Tom &amp; Jerry", "Tom e Jerry"),
    ("Tom &amp; Jerry", "Tom &amp; Jerry"),
    ("A&nbsp;B", "A B"),
    ("&ldquo;Quote&rdquo;", "«Citazione»"),
    ("&#169; 2024", "&copy; 2024"),
    ("&copy; 2024", "© 2024"),
    ("Text : here", "Texte&nbsp;: ici"),
    ("if a < b and c > d", "se a < b e c > d"),
    ("x <= y", "x <= y"),
    ("No markup at all", "Nessun markup"),
    ("</b>tail of a split element", "</b>coda di un elemento diviso"),
    ("usage: git add [<options>] <pathspec>", "uso: git add [<opzioni>] <specificatore>"),
    # usage metavariables that happen to be HTML element names, or two words
    ("git cat-file <type> <object>", "git cat-file <tipo> <oggetto>"),
    ("git notes add <notes-ref> <label>", "git notes add <riferimento note> <etichetta>"),
]


@pytest.mark.parametrize("source,target,expected", FAILS)
def test_fails(source: str, target: str, expected: list[tuple[str, str]]) -> None:
    findings = run(source, target)
    assert sorted((f.side, f.text) for f in findings) == sorted(expected)


@pytest.mark.parametrize("source,target", PASSES)
def test_passes(source: str, target: str) -> None:
    assert run(source, target) == []


# Inline codes: (source, target, source codes, target codes, expected)
CODE_FAILS = [
    (f"{C0}Bold{C1} and{C2}", f"{C0}Grassetto{C1} e", (B_OPEN, B_CLOSE, BR), (B_OPEN, B_CLOSE),
     [("source", C2)]),
    (f"{C0}Bold{C1}", f"{C0}Grassetto{C1}{C2}", (B_OPEN, B_CLOSE), (B_OPEN, B_CLOSE, BR),
     [("target", C2)]),
    (f"{C0}Bold{C1}", f"{C1}Grassetto{C0}", (B_OPEN, B_CLOSE), (B_OPEN, B_CLOSE),
     [("target", C1)]),
    (f"{C0}{C1}x{C2}{C3}", f"{C0}{C1}x{C3}{C2}", (B_OPEN, I_OPEN, I_CLOSE, B_CLOSE),
     (B_OPEN, I_OPEN, I_CLOSE, B_CLOSE), [("target", C3)]),
]

CODE_PASSES = [
    (f"{C0}Bold{C1} text", f"Testo {C0}grassetto{C1}", (B_OPEN, B_CLOSE), (B_OPEN, B_CLOSE)),
    # target codes listed in another order than the source's: matched by (kind, id)
    (f"{C0}a{C1} {C2}", f"{C0}b{C1} {C2}", (B_OPEN, B_CLOSE, BR), (BR, B_OPEN, B_CLOSE)),
    (f"{C0}{C1}x{C2}{C3}", f"{C0}{C1}y{C2}{C3}", (B_OPEN, I_OPEN, I_CLOSE, B_CLOSE),
     (B_OPEN, I_OPEN, I_CLOSE, B_CLOSE)),
]


@pytest.mark.parametrize("source,target,scodes,tcodes,expected", CODE_FAILS)
def test_code_fails(
    source: str,
    target: str,
    scodes: tuple[InlineCode, ...],
    tcodes: tuple[InlineCode, ...],
    expected: list[tuple[str, str]],
) -> None:
    findings = run(source, target, source_codes=scodes, target_codes=tcodes)
    assert sorted((f.side, f.text) for f in findings) == sorted(expected)
    assert all(f.severity == Severity.MAJOR for f in findings)


@pytest.mark.parametrize("source,target,scodes,tcodes", CODE_PASSES)
def test_code_passes(
    source: str, target: str, scodes: tuple[InlineCode, ...], tcodes: tuple[InlineCode, ...]
) -> None:
    assert run(source, target, source_codes=scodes, target_codes=tcodes) == []


def test_code_message_uses_display() -> None:
    (f,) = run(f"a{C0}", "b", source_codes=(BR,))
    assert f.message == "Inline code ⟦1 <br/>⟧ is missing from the translation"


def test_overlap_suggestion() -> None:
    (f,) = run("<b><i>x</i></b>", "<b><i>x</b></i>")
    assert f.suggestion == "</i>"


def test_changed_link_suggests_source_tag() -> None:
    (f,) = run('<a href="https://a.com/x">Go</a>', '<a href="https://b.com/x">Vai</a>')
    assert f.suggestion == '<a href="https://a.com/x">'


def test_entity_severity_minor() -> None:
    (f,) = run("A &copy; B", "A B")
    assert f.severity == Severity.MINOR


def test_registry_export() -> None:
    assert CHECKS == [MarkupCheck]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    TRICKY = st.text(alphabet="<>/bia &;#160amp=\"href", max_size=40)

    @settings(max_examples=300, deadline=None)
    @given(TRICKY, TRICKY)
    def test_property_spans_exact_and_identity_clean(source: str, target: str) -> None:
        run(source, target or "x")
        assert run(source, source) == []

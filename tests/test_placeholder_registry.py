"""The placeholder syntax registry's own tables (reviewer/placeholders.py), run
through the placeholder check, plus syntax selection and equivalences."""

from __future__ import annotations

import pytest

from reviewer import placeholders as R
from reviewer.checks.base import CheckContext
from reviewer.checks.placeholders import PlaceholderCheck
from reviewer.model import Finding, Segment

CHECK = PlaceholderCheck()


def run(source: str, target: str, flags: frozenset[str] = frozenset(), **opts: object) -> list[Finding]:
    seg = Segment(id="1", index=0, source=source, target=target, flags=flags)
    out = list(CHECK.run(seg, CheckContext(source_lang="en", target_lang="de", options=opts)))
    for f in out:
        side = source if f.side == "source" else target
        assert side[f.start : f.end] == f.text
    return out


def _declaring_flags(s: R.Syntax) -> frozenset[str]:
    return frozenset(sorted(s.flags)[:1])


CASES = [(s.name, ex) for s in R.SYNTAXES for ex in s.examples]


@pytest.mark.parametrize("name,example", CASES)
def test_every_example_is_recognised_as_its_syntax(name: str, example: str) -> None:
    s = R.by_name(name)
    text = f"before {example} after"
    active = R.syntaxes_for(_declaring_flags(s), text, text)
    found = R.extract(text, active)
    assert found, (name, example)
    assert any(p.kind == name or (name == "icu" and p.kind == "icu") for p in found), found
    # the span is exact: the example (or, for an ICU plural, its head) is what was found
    assert any(text[p.start : p.end] == p.text and p.text in example for p in found)


FLAG = [(s.name, a, b) for s in R.SYNTAXES for a, b in s.must_flag]
PASS = [(s.name, a, b) for s in R.SYNTAXES for a, b in s.must_not_flag]


@pytest.mark.parametrize("name,source,target", FLAG)
def test_must_flag_without_any_file_flag(name: str, source: str, target: str) -> None:
    # inferred from the text, as after msgunfmt
    assert run(source, target), (name, source, target)


@pytest.mark.parametrize("name,source,target", FLAG)
def test_must_flag_with_the_declaring_flag(name: str, source: str, target: str) -> None:
    assert run(source, target, _declaring_flags(R.by_name(name))), (name, source, target)


@pytest.mark.parametrize("name,source,target", PASS)
def test_must_not_flag(name: str, source: str, target: str) -> None:
    assert run(source, target) == [], (name, source, target)
    assert run(source, target, _declaring_flags(R.by_name(name))) == []


def test_every_syntax_has_spec_examples_and_tables() -> None:
    for s in R.SYNTAXES:
        assert s.spec.startswith("https://"), s.name
        assert s.examples and s.must_flag and s.must_not_flag, s.name
        assert s.gate in ("always", "format", "qt")


def test_positional_printf_equivalences() -> None:
    assert run("%s has %d items", "%2$d Elemente hat %1$s") == []
    assert run("%1$s has %2$d items", "%s hat %d Elemente") == []
    # types must agree: %2$s is not the %d of the source
    assert run("%s has %d items", "%2$s Elemente hat %1$s")
    # a count that does not agree is still a missing placeholder
    (f,) = run("%s has %d items", "%1$s hat Elemente")
    assert f.side == "source" and f.text == "%d"


def test_flags_and_length_modifiers_are_part_of_the_placeholder() -> None:
    miss, extra = sorted(run("%'d files", "%d Dateien"), key=lambda f: f.side)
    assert (miss.side, miss.text) == ("source", "%'d")
    assert (extra.text, extra.suggestion) == ("%d", "%'d")
    assert run("%lu bytes", "%lu octets") == []
    (f,) = run("Offset %<PRIuMAX>", "Versatz %")
    assert f.text == "%<PRIuMAX>"


def test_selection_from_the_po_flags() -> None:
    # "%o" in prose is not a placeholder unless the unit is a format string
    assert run("Rate: 5%o", "Rate: 5") == []
    assert run("Rate: 5%o", "Rate: 5", frozenset({"c-format"}))
    assert run("Delete %s?", "Löschen?", frozenset({"no-c-format"})) == []
    # Qt's %1 with its flag, inferred when the file says nothing, off in a C string
    assert run("Page %1 of %2", "Seite %1", frozenset({"qt-format"}))
    assert run("Page %1 of %2", "Seite %1", frozenset({"c-format"})) == []


def test_declared_syntaxes_limit_the_check() -> None:
    assert run("Open $file$", "Öffnen", syntaxes=["c-printf"]) == []
    assert run("Open $file$", "Öffnen", syntaxes=["project-vars"])
    assert run("Open $file$", "Öffnen", syntaxes="project-vars,shell")
    with pytest.raises(ValueError):
        R.resolve_syntaxes(["no-such-syntax"])


def test_metavariables_are_compared_by_count_in_any_script() -> None:
    assert run("Copy <file> to <dir>", "<Datei> nach <Ordner> kopieren") == []
    assert run("Copy <file> to <dir>", "复制 <文件> 到 <目录>") == []
    (f,) = run("Copy <file> to <dir>", "复制 <文件> 到目录")
    assert f.side == "source"
    # HTML is markup, not a metavariable: the markup check compares it
    assert run("Click <b>here</b>", "Hier klicken") == []
    assert run("Line<br>break", "Zeilenumbruch") == []


def test_icu_apostrophe_quoting_is_literal() -> None:
    src = "'{'{n, plural, one {# file} other {# files}}'}'"
    assert [p.key for p in R.extract(src, R.ALL)] == ["{n, plural}"]


def test_reviewer_toml_declares_the_syntaxes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewer.config import load_config, options_for
    from reviewer.errors import ConfigError

    toml = tmp_path / "reviewer.toml"
    toml.write_text('[check]\nplaceholder-syntaxes = ["project-vars", "qt"]\n', encoding="utf-8")
    opts = options_for(load_config(str(toml)), "placeholder", "de")
    assert R.resolve_syntaxes(opts["syntaxes"]) == {"project-vars", "qt"}
    assert run("Open $file$ now %s", "Jetzt öffnen", **opts)[0].text == "$file$"
    toml.write_text('[check]\nplaceholder-syntaxes = ["bogus"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        options_for(load_config(str(toml)), "placeholder", "de")

"""One notation for inline codes (issue 20): a finding's message, the review screen's
rows and its editor all write code ``i`` as ``⟦i+1 label⟧`` (``code_chip``), and the
editor maps that chip, or the bare ``⟦n⟧``, back to the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style

from reviewer.formats import ReadOptions, open_document
from reviewer.model import CODE_RE, InlineCode, code_char, code_chip
from reviewer.runner import plan_checks
from reviewer.tui.codes import from_editor, to_editor
from reviewer.tui.widgets.rows import styled

XLF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="{lang}" datatype="plaintext" original="x">
    <body>
      <trans-unit id="1">
        <source>Click <g id="2">here</g> to <x id="3"/>continue</source>
        <target>{target}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
'''


@pytest.mark.parametrize("lang, target", [
    ("de", 'Klicken Sie <g id="2">hier</g>, um fortzufahren'),      # <x id="3"/> lost
    ("ru", 'Нажмите <g id="2">здесь</g>, чтобы продолжить'),
    ("ja", '<g id="2">ここ</g>をクリックして続行'),
])
def test_message_screen_and_editor_write_a_code_alike(tmp_path: Path, lang: str, target: str) -> None:
    p = tmp_path / "a.xlf"
    p.write_text(XLF.format(lang=lang, target=target), encoding="utf-8")
    seg = open_document(p, ReadOptions()).materialize()[0]
    found = [f for f in plan_checks().run(open_document(p, ReadOptions())) if f.check == "markup"]
    assert len(found) == 1
    ch = found[0].text
    i = ord(ch) - 0xE000
    chip = code_chip(i, seg.source_codes)
    assert chip.startswith(f"⟦{i + 1} ") and chip.endswith("⟧")
    assert f"Inline code {chip} is missing" in found[0].message
    assert chip in to_editor(seg.source, seg.source_codes)
    plain = styled(seg.source, seg.source_codes, [], Style()).plain
    assert chip in plain and not CODE_RE.search(plain)
    # the bare number restores the code, as the chip does
    assert from_editor(f"x ⟦{i + 1}⟧ y") == from_editor(f"x {chip} y") == f"x {code_char(i)} y"


@pytest.mark.parametrize("codes, want", [
    ((InlineCode("standalone", "1", "<br/>", "<br/>"),), "⟦1 <br/>⟧"),
    ((InlineCode("open", "7", "<b>", ""),), "⟦1 7⟧"),
    ((), "⟦1⟧"),
])
def test_code_chip(codes: tuple[InlineCode, ...], want: str) -> None:
    assert code_chip(0, codes) == want


@pytest.mark.parametrize("fmt", ["html", "markdown", "csv", "junit"])
@pytest.mark.parametrize("lang, target", [
    ("de", 'Klicken Sie <g id="2">hier</g>, um fortzufahren'),
    ("ja", '<g id="2">ここ</g>をクリックして続行'),
])
def test_reports_write_codes_as_the_screen_does(tmp_path: Path, fmt: str, lang: str, target: str) -> None:
    """The HTML, Markdown, CSV and JUnit reports write a code as ``⟦2 <g2>⟧``, the chip
    of the finding's message and of the screen, never the bare label nor the raw
    private-use character."""
    import io

    from reviewer.config import Config
    from reviewer.reports import build_report, write_report

    p = tmp_path / "a.xlf"
    p.write_text(XLF.format(lang=lang, target=target), encoding="utf-8")
    seg = open_document(p, ReadOptions()).materialize()[0]
    chips = [code_chip(i, seg.source_codes) for i in range(len(seg.source_codes))]
    assert len(chips) == 3 and all(c.count(" ") == 1 for c in chips)
    data = build_report([open_document(p, ReadOptions())], plan_checks(Config()))
    out = io.StringIO()
    write_report(data, fmt, out)
    text = out.getvalue()
    assert not CODE_RE.search(text)
    if fmt != "csv":  # HTML, Markdown and XML escape "<"
        import html as h
        text = h.unescape(text)
    assert f"Inline code {chips[2]} is missing" in text      # the message
    if fmt != "junit":                                        # the texts themselves
        assert chips[0] in text and chips[1] in text


def test_check_csv_writes_codes_as_numbers(tmp_path: Path) -> None:
    """``check --format csv`` (no labels at hand) writes a code in a finding's text as
    ``⟦n⟧``, never the private-use character a spreadsheet shows as a box."""
    import csv
    import io

    from reviewer.output import write_csv

    p = tmp_path / "a.xlf"
    p.write_text(XLF.format(lang="fr", target='Cliquez <g id="2">ici</g> pour continuer'), encoding="utf-8")
    found = [f for f in plan_checks().run(open_document(p, ReadOptions())) if f.check == "markup"]
    assert found and CODE_RE.search(found[0].text)
    out = io.StringIO()
    write_csv(found, out)
    assert out.getvalue().startswith("\ufeff") and not CODE_RE.search(out.getvalue())
    rows = list(csv.DictReader(io.StringIO(out.getvalue()[1:])))
    assert rows[0]["text"] == "⟦3⟧"

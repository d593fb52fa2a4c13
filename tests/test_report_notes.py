"""Notes and context (PO comments and msgctxt, XLIFF notes, Angular meaning/description)
are shown in every report format (issue 24), and Markdown findings point at the line
of the side they are on (issue 20)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reviewer.cli import main

PO = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. Button that saves the document
#: app.py:10
msgctxt "menu"
msgid "Save"
msgstr "{target}"

msgid "Close"
msgstr "{close}"
'''

XLF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="{lang}" datatype="plaintext" original="x">
    <body>
      <trans-unit id="save">
        <source>Save</source>
        <target>{target}</target>
        <note priority="1" from="description">Button that saves the document</note>
        <note priority="1" from="meaning">menu</note>
      </trans-unit>
      <trans-unit id="close">
        <source>Close</source>
        <target>{close}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
'''

CASES = [("de", "Speichern  ", "Schließen"), ("ru", "Сохранить  ", "Закрыть"),
         ("ja", "保存  ", "閉じる")]


def _report(tmp_path: Path, name: str, text: str, fmt: str) -> str:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / f"r.{fmt}"
    with pytest.raises(SystemExit) as e:
        main(["report", str(src), "--format", fmt, "-o", str(out), "--disable", "all",
              "--enable", "whitespace"])
    assert e.value.code in (0, None, 1)
    return out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("lang, target, close", CASES)
@pytest.mark.parametrize("name, template", [("m.po", PO), ("m.xlf", XLF)])
def test_notes_and_context_in_every_report(tmp_path: Path, lang: str, target: str, close: str,
                                           name: str, template: str) -> None:
    text = template.format(lang=lang, target=target, close=close)
    data = json.loads(_report(tmp_path, name, text, "json"))
    segs = {s["unit"].split("\x04")[-1]: s for s in data["files"][0]["segments"]}
    assert segs["save"]["context"] == "menu" if "save" in segs else segs["Save"]["context"] == "menu"
    row = segs.get("save") or segs["Save"]
    assert "Button that saves the document" in row["notes"]
    other = segs.get("close") or segs["Close"]
    assert "notes" not in other and "context" not in other  # only when the file gives them
    html = _report(tmp_path, name, text, "html")
    assert "Button that saves the document" in html and "<b>context:</b> menu" in html
    md = _report(tmp_path, name, text, "md")
    line = next(ln for ln in md.splitlines() if "`whitespace`" in ln)
    assert "Button that saves the document" in line and "context: menu" in line
    target_line = next(i for i, ln in enumerate(text.splitlines(), 1) if target in ln)
    assert f"{name}:{target_line} " in line  # the translation's line (msgstr / <target>)
    rows = list(csv.DictReader(_report(tmp_path, name, text, "csv").splitlines()))
    assert [(r["context"], r["notes"]) for r in rows][0][0] == "menu"
    assert "Button that saves the document" in rows[0]["notes"]

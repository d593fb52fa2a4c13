"""Findings on the translation point at the line of the translation (PO msgstr,
XLIFF <target>), not at the entry's first comment or at <source>."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.formats import ReadOptions, open_document
from reviewer.runner import plan_checks

PO = '''msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# A translator comment
#. extracted
#: src/app.c:10
msgid "Save  the file"
msgstr ""
"Datei  speichern  "
"jetzt"
'''

XLF12 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="ru" datatype="plaintext" original="x">
    <body>
      <trans-unit id="1">
        <source>Open the file</source>
        <note>a note</note>
        <target>Откройте  файл</target>
      </trans-unit>
    </body>
  </file>
</xliff>
'''

XLF2 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Open the file</source>

        <target>ファイルを開く  です</target>
      </segment>
    </unit>
  </file>
</xliff>
'''


def _findings(path: Path) -> list:
    doc = open_document(path, ReadOptions(source_lang="en"))
    return list(plan_checks().run(doc))


def _line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_po_target_findings_point_at_msgstr(tmp_path: Path) -> None:
    p = tmp_path / "x.po"
    p.write_text(PO, encoding="utf-8")
    found = _findings(p)
    target = [f for f in found if f.side == "target"]
    assert target, found
    assert {f.line for f in target} == {10}  # the msgstr line
    source = [f for f in found if f.side == "source"]
    assert all(f.line == 9 for f in source)  # the msgid line, not the first comment (6)


PO_SRC = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# translator comment
#. extracted comment
#: src/app.c:10
#, c-format
msgctxt "menu"
msgid "Open the GitHub settings of %s"
msgstr "{target}"
'''


@pytest.mark.parametrize("lang, target", [
    ("de", "Die Einstellungen öffnen"),        # GitHub and %s lost
    ("ru", "Открыть настройки"),
    ("ja", "設定を開く"),
])
def test_po_source_findings_point_at_msgid(tmp_path: Path, lang: str, target: str) -> None:
    p = tmp_path / "s.po"
    text = PO_SRC.format(lang=lang, target=target)
    p.write_text(text, encoding="utf-8")
    found = _findings(p)
    source = [f for f in found if f.side == "source"]
    assert source, found  # the name and the placeholder missing from the translation
    assert {f.line for f in source} == {_line_of(text, "msgid \"Open")}
    assert {f.line for f in found if f.side == "target"} <= {_line_of(text, f"msgstr \"{target}")}
    seg = open_document(p, ReadOptions(source_lang="en")).materialize()[0]
    assert seg.line == _line_of(text, "# translator")  # the entry still starts at its first comment


def test_xliff12_target_findings_point_at_target(tmp_path: Path) -> None:
    p = tmp_path / "x.xlf"
    p.write_text(XLF12, encoding="utf-8")
    target = [f for f in _findings(p) if f.side == "target"]
    assert target and {f.line for f in target} == {_line_of(XLF12, "<target>")}


def test_xliff2_target_findings_point_at_target(tmp_path: Path) -> None:
    p = tmp_path / "x.xlf"
    p.write_text(XLF2, encoding="utf-8")
    found = _findings(p)
    target = [f for f in found if f.side == "target"]
    assert target, found
    assert {f.line for f in target} == {_line_of(XLF2, "<target>")}
    assert _line_of(XLF2, "<target>") != _line_of(XLF2, "<source>")

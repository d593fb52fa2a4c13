"""The PO parser's lines come a chunk at a time (a big catalog's lines are not all made
at once): exactly ``text.split("\\n")`` whatever the chunk size, in any script."""

from __future__ import annotations

import pytest

from reviewer.formats.po_parse import _lines, iter_entries

TEXTS = [
    "",
    "\n",
    "\n\n\n",
    'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\nmsgid "Open"\nmsgstr "開く"\n',
    'msgid ""\r\nmsgstr ""\r\n\r\nmsgid "Save"\r\nmsgstr "Сохранить"',  # CRLF, no final EOL
    "без\nперевода\n\nلا\nترجمة",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("chunk", [1, 2, 5, 16, 1 << 20])
def test_lines_are_split_on_newline(text: str, chunk: int) -> None:
    assert list(_lines(text, chunk)) == text.split("\n")


def test_entries_keep_their_line_numbers_across_chunks() -> None:
    n = 40_000  # past the first megabyte: the parser crosses chunk boundaries
    text = 'msgid ""\nmsgstr ""\n"Language: el\\n"\n\n' + "".join(
        f'msgid "Item {i}"\nmsgstr "Στοιχείο {i}"\n\n' for i in range(n))
    assert len(text) > 1 << 20
    entries = list(iter_entries(text))
    assert len(entries) == n + 1
    assert [(e.msgid, e.msgstr) for e in entries[1:]] == [
        (f"Item {i}", f"Στοιχείο {i}") for i in range(n)]
    assert entries[-1].linenum == 5 + 3 * (n - 1)  # the line of its msgid, 1-based

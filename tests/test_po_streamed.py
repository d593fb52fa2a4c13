"""A big PO catalog is parsed from its file a block at a time (formats.po
_streamed_units): the same units, metadata and errors as from its whole text, for
line ends, BOMs, scripts, encodings and errors placed across block boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

import reviewer.formats.po as P
from reviewer.errors import ReviewerError
from reviewer.formats import ReadOptions

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n'
BODY = [
    '#: app.c:12\n#, fuzzy, c-format\nmsgctxt "menu"\nmsgid "Open %s"\nmsgstr "Apri %s"\n',
    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\nmsgstr[1] "%d файла"\n'
    'msgstr[2] "%d файлов"\n',
    '# translator note\nmsgid "Save"\nmsgstr ""\n"保存"\n"する"\n',
    'msgid "Close"\nmsgstr "إغلاق"\n',
    '#~ msgid "Old"\n#~ msgstr "Vecchio"\n',
]


def catalog(lang: str = "it", n: int = 40, eol: str = "\n", bom: bool = False,
            extra: str = "") -> bytes:
    parts = [HEADER.format(lang=lang)]
    for i in range(n):
        parts.append(BODY[i % 4].replace('"Save"', f'"Save {i}"').replace(
            '"Close"', f'"Close {i}"').replace('"Open %s"', f'"Open %s {i}"').replace(
            '"%d file"', f'"%d file {i}"'))
        if i == n // 2:
            parts.append(extra)
    parts.append(BODY[4])
    text = "\n".join(parts).replace("\n", eol)
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


CASES = {
    "plain": catalog(),
    "crlf": catalog(eol="\r\n"),
    "bom": catalog(bom=True),
    "two boms": b"\xef\xbb\xbf" + catalog(bom=True),
    "lone cr": catalog(extra='msgid "a\rb"\nmsgstr "c"\n'),
    "cr at the end": catalog() + b"\r",
    "line separator": catalog(extra='msgid "x\u2028y"\nmsgstr "z"\n'),
    "invalid utf-8": catalog() + b'msgid "\xff"\nmsgstr "x"\n',
    "latin-1 declared": catalog().replace(b"UTF-8", b"ISO-8859-1") + 'msgid "è"\nmsgstr "é"\n'.encode("latin-1"),
    "syntax error deep": catalog(extra="msgid_bogus 1\n"),
    "second header": catalog(extra='msgid ""\nmsgstr "again"\n'),
    "duplicate": catalog(extra='msgid "Close 3"\nmsgstr "twice"\n'),
    "nul at the top": b"\x00" + catalog(),
    "utf-16": "\ufeff".encode("utf-16-le") + catalog().decode().encode("utf-16-le"),
    "no header": catalog()[catalog().index(b"\n\n") + 2:],
}


def read(path: Path) -> tuple[object, ...]:
    try:
        doc = P.PoFormat().read(path, ReadOptions())
        return ("ok", doc.meta, doc.source_lang, doc.target_lang, list(doc.segments))
    except ReviewerError as e:
        return ("error", str(e))


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("block", [7, 64, 1 << 20])
def test_streamed_read_equals_whole_text_read(name: str, block: int, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.po"
    path.write_bytes(CASES[name])
    monkeypatch.setattr(P, "STREAM_BYTES", 1 << 40)
    whole = read(path)
    monkeypatch.setattr(P, "STREAM_BYTES", 0)
    monkeypatch.setattr(P, "_BLOCK", block)
    assert read(path) == whole


def test_streamed_path_is_taken_and_holds_no_whole_text(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.po"
    path.write_bytes(catalog(n=400, eol="\r\n"))
    monkeypatch.setattr(P, "STREAM_BYTES", 0)
    monkeypatch.setattr(P, "_BLOCK", 256)
    streamed = P._streamed_units(path)
    assert streamed is not None
    meta, units = streamed
    assert meta["Language"] == "it"
    segs = list(units)
    assert len(segs) == 401 and segs[1].plural_targets[2].startswith("%d файлов")
    assert segs[2].target == "保存する" and segs[3].target == "إغلاق"
    # refused (the whole-text path decides): another encoding, a lone CR, small files
    path.write_bytes(CASES["utf-16"])
    assert P._streamed_units(path) is None
    path.write_bytes(CASES["lone cr"])
    assert P._streamed_units(path) is None
    monkeypatch.setattr(P, "STREAM_BYTES", 1 << 20)
    path.write_bytes(CASES["plain"])
    assert P._streamed_units(path) is None

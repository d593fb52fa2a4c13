"""PO strings holding characters ``str.splitlines`` breaks lines at.

polib splits a catalog with ``str.splitlines()``, which also breaks at U+2028,
U+2029, U+0085, ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e`` and a lone ``\\r``; GNU msgfmt
accepts such characters inside a string. The reader must too, with the characters
kept, line numbers right, and the writer must give the bytes back unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reviewer.formats import open_document
from reviewer.formats.base import ReadOptions
from reviewer.formats.po import PoFormat, parse_catalog, protect_line_breaks
from reviewer.model import Segment

BREAKERS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"]
IDS = ["u2028", "u2029", "x85", "x0b", "x0c", "x1c", "x1d", "x1e", "cr"]

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: de\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    "\n"
)


def catalog_text(ch: str) -> str:
    """A catalog with the character in a msgid, a msgstr, a plural, a context and a
    comment, and an ordinary entry after them."""
    return (
        HEADER
        + f"# note {ch} here\n"
        + f'msgctxt "ctx{ch}"\n'
        + f'msgid "one{ch}two"\n'
        + f'msgstr "eins{ch}zwei"\n'
        + "\n"
        + f'msgid "file{ch}"\n'
        + 'msgid_plural "files"\n'
        + f'msgstr[0] "Datei{ch}"\n'
        + 'msgstr[1] "Dateien"\n'
        + "\n"
        + 'msgid "plain"\n'
        + 'msgstr "schlicht"\n'
    )


@pytest.fixture(params=BREAKERS, ids=IDS)
def po_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    ch = request.param
    path = tmp_path / "x.po"
    path.write_bytes(catalog_text(ch).encode("utf-8"))
    return ch, path


def test_reads_with_the_character_kept(po_file: tuple[str, Path]) -> None:
    ch, path = po_file
    doc = open_document(path)
    segs = list(doc)
    assert [s.source for s in segs] == [f"one{ch}two", f"file{ch}", "plain"]
    assert segs[0].target == f"eins{ch}zwei"
    assert segs[0].context == f"ctx{ch}"
    assert segs[0].id == f"ctx{ch}\u0004one{ch}two"
    assert segs[0].notes == (f"note {ch} here",)
    assert segs[1].plural_source == "files"
    assert segs[1].plural_targets == (f"Datei{ch}", "Dateien")
    assert segs[2].target == "schlicht"
    assert doc.target_lang == "de"


def test_line_numbers(po_file: tuple[str, Path]) -> None:
    _, path = po_file
    segs = list(open_document(path))
    # the header takes lines 1-5 and a blank line; entries start with their comment
    assert [s.line for s in segs] == [7, 12, 17]


def test_unchanged_write_is_byte_identical(po_file: tuple[str, Path], tmp_path: Path) -> None:
    _, path = po_file
    out = tmp_path / "out.po"
    PoFormat().write(path, out, {}, ReadOptions())
    assert out.read_bytes() == path.read_bytes()
    segs = list(open_document(path))
    # a change elsewhere leaves the special characters where they were
    changed = {2: Segment(id="plain", index=2, source="plain", target="einfach")}
    PoFormat().write(path, out, changed, ReadOptions())
    assert out.read_bytes() == path.read_bytes().replace(b'"schlicht"', b'"einfach"')
    again = list(open_document(out))
    assert [s.target for s in again[:2]] == [s.target for s in segs[:2]]


def test_write_into_the_entry_holding_it(po_file: tuple[str, Path], tmp_path: Path) -> None:
    ch, path = po_file
    out = tmp_path / "out.po"
    seg = list(open_document(path))[0]
    new = Segment(id=seg.id, index=0, source=seg.source, target=f"EINS{ch}ZWEI")
    PoFormat().write(path, out, {0: new}, ReadOptions())
    segs = list(open_document(out))
    assert segs[0].target == f"EINS{ch}ZWEI"
    assert [s.source for s in segs] == [f"one{ch}two", f"file{ch}", "plain"]


def test_crlf_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "crlf.po"
    path.write_bytes(catalog_text("\u2028").replace("\n", "\r\n").encode("utf-8"))
    segs = list(open_document(path))
    assert segs[0].target == "eins\u2028zwei"
    assert [s.line for s in segs] == [7, 12, 17]
    out = tmp_path / "out.po"
    PoFormat().write(path, out, {}, ReadOptions())
    assert out.read_bytes() == path.read_bytes()


def test_stand_ins_avoid_characters_in_the_text() -> None:
    text = "".join(chr(c) for c in range(0xFDD0, 0xFDF0)) + "a\u2028b\rc\r\nd"
    protected, back = protect_line_breaks(text)
    assert back is not None
    assert protected.splitlines() == [protected.split("\r\n")[0], "d"]
    assert protected.translate(back) == text
    assert protect_line_breaks("plain\r\ntext\n") == ("plain\r\ntext\n", None)


def test_parse_catalog_restores_metadata() -> None:
    text = HEADER.replace('"Language: de\\n"', '"Language: de\\n"\n"X-Note: a\u2028b\\n"')
    cat = parse_catalog(text + 'msgid "a"\nmsgstr "b"\n', "x.po")
    assert cat.metadata["X-Note"] == "a\u2028b"


def test_syntax_error_line_still_reported(tmp_path: Path) -> None:
    from reviewer.errors import InputError

    path = tmp_path / "bad.po"
    path.write_bytes((catalog_text("\u2028") + 'msgid "broken\n').encode("utf-8"))
    with pytest.raises(InputError) as e:
        list(open_document(path))
    assert ":19:" in str(e.value)  # the broken line, counted as msgfmt counts


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is absent")
def test_msgfmt_agrees(po_file: tuple[str, Path], tmp_path: Path) -> None:
    """The catalogs are valid for msgfmt -c, which is what makes them worth reading."""
    _, path = po_file
    r = subprocess.run(["msgfmt", "-c", "-o", str(tmp_path / "x.mo"), str(path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr

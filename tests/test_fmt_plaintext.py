"""Plain text: source/target pairs, target-only files, line helpers, writing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.errors import InputError, ReviewerError
from reviewer.formats import ReadOptions, get_format
from reviewer.formats.plaintext import (
    PlainTextFormat,
    iter_lines,
    load_lines,
    read_pair,
    read_target_only,
    split_eol,
    write_pair,
)

DATA = Path(__file__).parent / "data" / "text"
SRC, TGT, ONLY = DATA / "pair.en.txt", DATA / "pair.it.txt", DATA / "target.txt"


def write_file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


@pytest.mark.parametrize(
    "line, parts",
    [("a\n", ("a", "\n")), ("a\r\n", ("a", "\r\n")), ("a\r", ("a", "\r")), ("a", ("a", "")),
     ("\n", ("", "\n")), ("", ("", ""))],
)
def test_split_eol(line: str, parts: tuple[str, str]) -> None:
    assert split_eol(line) == parts


def test_iter_lines_keeps_endings(tmp_path: Path) -> None:
    p = write_file(tmp_path, "f.txt", "a\r\nb\nc\rd")
    assert list(iter_lines(p)) == [(1, "a\r\n"), (2, "b\n"), (3, "c\r"), (4, "d")]
    assert "".join(load_lines(p).lines) == "a\r\nb\nc\rd"


# --------------------------------------------------------------------------- pairs


def test_read_pair() -> None:
    doc = read_pair(SRC, TGT, ReadOptions(source_lang="en", target_lang="it"))
    segs = doc.materialize()
    assert doc.path == str(TGT) and doc.meta["source_path"] == str(SRC)
    assert doc.format == "txt" and not doc.target_only
    assert (doc.source_lang, doc.target_lang) == ("en", "it")
    assert [(s.index, s.id, s.line, s.source, s.target) for s in segs] == [
        (0, "1", 1, "Hello.", "Ciao."),
        (1, "2", 2, "How are you?", "Come stai?"),
        (2, "4", 4, "Goodbye.", "Arrivederci."),
    ]


@pytest.mark.parametrize(
    "src, tgt, n_src, n_tgt",
    [
        ("a\nb\nc\n", "x\ny\n", 3, 2),
        ("a\n", "x\ny", 1, 2),
        ("", "x\n", 0, 1),
    ],
)
def test_pair_line_count_mismatch(
    tmp_path: Path, src: str, tgt: str, n_src: int, n_tgt: int
) -> None:
    s, t = write_file(tmp_path, "s.txt", src), write_file(tmp_path, "t.txt", tgt)
    with pytest.raises(InputError) as err:
        read_pair(s, t, ReadOptions())
    msg = str(err.value)
    assert f"source has {n_src} lines, target has {n_tgt}" in msg
    assert str(s) in msg and str(t) in msg


def test_pair_final_newline_optional(tmp_path: Path) -> None:
    s = write_file(tmp_path, "s.txt", "a\nb\n")
    t = write_file(tmp_path, "t.txt", "x\r\ny")
    segs = read_pair(s, t).materialize()
    assert [(s.source, s.target) for s in segs] == [("a", "x"), ("b", "y")]


def test_pair_blank_one_side_is_a_unit(tmp_path: Path) -> None:
    s = write_file(tmp_path, "s.txt", "a\nb\n")
    t = write_file(tmp_path, "t.txt", "x\n\n")
    segs = read_pair(s, t).materialize()
    assert [(s.id, s.source, s.target) for s in segs] == [("1", "a", "x"), ("2", "b", "")]


def test_pair_empty_files(tmp_path: Path) -> None:
    s, t = write_file(tmp_path, "s.txt", b""), write_file(tmp_path, "t.txt", b"")
    assert read_pair(s, t).materialize() == []


def test_pair_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_pair(tmp_path / "none.txt", TGT)


def test_write_pair(tmp_path: Path) -> None:
    segs = read_pair(SRC, TGT).materialize()
    out = tmp_path / "out.txt"
    write_pair(SRC, TGT, out, {}, ReadOptions())
    assert out.read_bytes() == TGT.read_bytes()
    write_pair(SRC, TGT, out, {2: replace(segs[2], target="Addio.")})
    assert out.read_bytes() == "Ciao.\nCome stai?\n\nAddio.\n".encode()
    assert [s.target for s in read_pair(SRC, out).materialize()] == [
        "Ciao.", "Come stai?", "Addio."
    ]


# --------------------------------------------------------------------------- target only


def test_read_target_only() -> None:
    doc = read_target_only(ONLY, ReadOptions(target_lang="it"))
    segs = doc.materialize()
    assert doc.target_only and doc.format == "txt" and doc.path == str(ONLY)
    assert doc.target_lang == "it" and doc.source_lang is None
    assert [(s.index, s.id, s.line, s.source, s.target) for s in segs] == [
        (0, "1", 1, "", "Prima frase."),
        (1, "3", 3, "", "Seconda frase."),
        (2, "4", 4, "", "Terza  frase"),
    ]


def test_format_read_is_target_only() -> None:
    fmt = get_format("txt")
    assert isinstance(fmt, PlainTextFormat)
    doc = fmt.read(ONLY, ReadOptions())
    assert doc.target_only and not isinstance(doc.segments, list)
    assert len(doc.materialize()) == 3


def test_utf16_and_bom(tmp_path: Path) -> None:
    p = write_file(tmp_path, "u.txt", "\ufeffÉté\n\nHiver\n".encode("utf-16-be"))
    segs = read_target_only(p).materialize()
    assert [(s.id, s.target) for s in segs] == [("1", "Été"), ("3", "Hiver")]


@pytest.mark.parametrize(
    "data, match",
    [
        (b"ok\nbad \xe2\x82\n", "byte offset 7"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_bad_bytes(tmp_path: Path, data: bytes, match: str) -> None:
    p = write_file(tmp_path, "b.txt", data)
    with pytest.raises(InputError, match=match) as err:
        read_target_only(p).materialize()
    assert str(p) in str(err.value)


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert read_target_only(write_file(tmp_path, "w.txt", " \n\t\n")).materialize() == []


def test_write_target_only(tmp_path: Path) -> None:
    fmt = get_format("txt")
    segs = fmt.read(ONLY, ReadOptions()).materialize()
    out = tmp_path / "out.txt"
    fmt.write(ONLY, out, {s.index: s for s in segs}, ReadOptions())
    assert out.read_bytes() == ONLY.read_bytes()
    fmt.write(ONLY, out, {2: replace(segs[2], target="Terza frase.")}, ReadOptions())
    assert out.read_bytes() == b"Prima frase.\r\n\r\nSeconda frase.\r\nTerza frase.\r\n"


def test_write_rejects_line_break(tmp_path: Path) -> None:
    fmt = get_format("txt")
    segs = fmt.read(ONLY, ReadOptions()).materialize()
    out = tmp_path / "out.txt"
    with pytest.raises(ReviewerError, match="line break"):
        fmt.write(ONLY, out, {0: replace(segs[0], target="a\nb")}, ReadOptions())
    assert not out.exists()


def test_write_unknown_index(tmp_path: Path) -> None:
    fmt = get_format("txt")
    seg = fmt.read(ONLY, ReadOptions()).materialize()[0]
    with pytest.raises(InputError, match="index 9"):
        fmt.write(ONLY, tmp_path / "o.txt", {9: replace(seg, index=9)}, ReadOptions())

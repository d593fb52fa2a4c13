"""TSV/CSV reading (header detection, ids, lines, errors) and byte-faithful writing."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.errors import InputError, ReviewerError
from reviewer.formats import ReadOptions, get_format, open_document, write_document
from reviewer.formats.tabular import CsvFormat, TsvFormat, language_code
from reviewer.model import Segment

DATA = Path(__file__).parent / "data" / "text"


def read(path: Path, **opts: object) -> tuple[object, list[Segment]]:
    doc = open_document(path, ReadOptions(**opts))  # type: ignore[arg-type]
    return doc, doc.materialize()


def write_file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(
    "text, header, first, langs",
    [
        ("source\ttarget\nHello\tCiao\n", True, ("2", "Hello", "Ciao", None), (None, None)),
        ("Hello\tCiao\nBye\tAddio\n", False, ("1", "Hello", "Ciao", None), (None, None)),
        ("SRC\tMT\tREF\nHello\tCiao\tSalve\n", True, ("2", "Hello", "Ciao", "Salve"), (None, None)),
        ("Source Text\tTranslation\nHello\tCiao\n", True, ("2", "Hello", "Ciao", None), (None, None)),
        ("en\tit\nHello\tCiao\n", True, ("2", "Hello", "Ciao", None), ("en", "it")),
        ("de_de\ten-us\nHallo\tHello\n", True, ("2", "Hallo", "Hello", None), ("de-DE", "en-US")),
        ("target\tsource\nCiao\tHello\n", True, ("2", "Hello", "Ciao", None), (None, None)),
        ("id\tsource\ttarget\nk1\tHello\tCiao\n", True, ("k1", "Hello", "Ciao", None), (None, None)),
        ("source\ttarget\tscore\nHello\tCiao\t0.9\n", True, ("2", "Hello", "Ciao", None), (None, None)),
        # ordinary words are data, not a header
        ("the\tdie\nHello\tHallo\n", False, ("1", "the", "die", None), (None, None)),
        ("Translation\tTraduzione\nHello\tCiao\n", False, ("1", "Translation", "Traduzione", None), (None, None)),
        ("Hello\tCiao\tSalve\n", False, ("1", "Hello", "Ciao", "Salve"), (None, None)),
    ],
)
def test_header_detection(
    tmp_path: Path,
    text: str,
    header: bool,
    first: tuple[str, str, str, str | None],
    langs: tuple[str | None, str | None],
) -> None:
    doc, segs = read(write_file(tmp_path, "f.tsv", text))
    assert (doc.meta["header"] is not None) == header
    s = segs[0]
    assert (s.id, s.source, s.target, s.reference) == first
    assert (doc.source_lang, doc.target_lang) == langs
    assert s.line == (2 if header else 1)


def test_header_from_option_keys(tmp_path: Path) -> None:
    p = write_file(tmp_path, "f.csv", "English,German,Key\nHello,Hallo,k\n")
    doc, segs = read(p, source_key="english", target_key="German", id_key="key")
    assert doc.meta["header"] == ["English", "German", "Key"]
    assert (segs[0].id, segs[0].source, segs[0].target) == ("k", "Hello", "Hallo")


def test_header_languages_override_options(tmp_path: Path) -> None:
    doc, _ = read(DATA / "langs.tsv", source_lang="fr", target_lang="es")
    assert (doc.source_lang, doc.target_lang) == ("en", "de-DE")
    doc, _ = read(DATA / "sample.tsv", source_lang="en", target_lang="it")
    assert (doc.source_lang, doc.target_lang) == ("en", "it")


@pytest.mark.parametrize(
    "cell, code",
    [("en", "en"), ("IT", "it"), ("pt_br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"),
     ("fil-PH", "fil-PH"), ("fil", None), ("xx", None), ("the", None), ("hello", None)],
)
def test_language_code(cell: str, code: str | None) -> None:
    assert language_code(cell) == code


def test_header_without_source_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no source column"):
        read(write_file(tmp_path, "f.tsv", "id\ttarget\n1\tCiao\n"))


# --------------------------------------------------------------------------- rows


def test_sample_tsv() -> None:
    doc, segs = read(DATA / "sample.tsv")
    assert doc.format == "tsv" and doc.path == str(DATA / "sample.tsv")
    assert [(s.index, s.id, s.line) for s in segs] == [(0, "greet", 2), (1, "bye", 4), (2, "files", 5)]
    # a TSV cell keeps its quotes
    assert segs[0].source == 'Hello, "world"!' and segs[0].target == 'Ciao, "mondo"!'
    assert segs[0].notes == ("quotes stay in TSV",)
    assert segs[1].notes == ()


def test_sample_csv_multiline_lines() -> None:
    doc, segs = read(DATA / "sample.csv")
    assert doc.format == "csv"
    assert [(s.id, s.line) for s in segs] == [("2", 2), ("3", 3), ("7", 7), ("8", 8)]
    assert segs[0].source == "Hello, world" and segs[0].reference == "Salve, mondo"
    assert segs[1].source == "First line\r\nsecond line"
    assert segs[1].reference is None
    assert segs[3].source == 'She said "hi"' and segs[3].target == 'Ha detto "ciao"'


def test_streaming_document(tmp_path: Path) -> None:
    doc = open_document(DATA / "sample.tsv")
    assert not isinstance(doc.segments, list)
    assert next(iter(doc)).id == "greet"


def test_blank_rows_skipped_line_numbers_kept(tmp_path: Path) -> None:
    p = write_file(tmp_path, "f.tsv", "\n\t\nHello\tCiao\n\n\nBye\tAddio")
    _, segs = read(p)
    assert [(s.index, s.id, s.line, s.target) for s in segs] == [
        (0, "3", 3, "Ciao"),
        (1, "6", 6, "Addio"),
    ]


def test_source_only_row(tmp_path: Path) -> None:
    _, segs = read(write_file(tmp_path, "f.csv", "source,target\nHello,Ciao\nBye\n"))
    assert segs[1].source == "Bye" and segs[1].target == ""


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("bad.tsv", "source\ttarget\nHello\tCiao\nA\tB\tC\n", 3),
        ("bad.csv", 'a,b\n"x\ny",z,extra\n', 2),
        ("bad.csv", "id,source,target\nk,only\n", 2),
    ],
)
def test_wrong_column_count(tmp_path: Path, name: str, text: str, line: int) -> None:
    p = write_file(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        read(p)
    assert err.value.line == line
    assert str(err.value).startswith(f"{p}:{line}: ")
    assert "columns" in str(err.value)


def test_too_many_columns_without_header(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="header"):
        read(write_file(tmp_path, "f.tsv", "a\tb\tc\td\n"))


def test_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    p = write_file(tmp_path, "f.tsv", b"source\ttarget\nHello\tCiao\nBad\t\xff\n")
    with pytest.raises(InputError) as err:
        read(p)
    assert "byte offset 29" in str(err.value)
    assert err.value.line == 3 and str(p) in str(err.value)


def test_invalid_utf8_late_in_big_file(tmp_path: Path) -> None:
    rows = "".join(f"s{i}\tt{i}\n" for i in range(20000))
    data = rows.encode() + b"x\t\xc3(\n"
    with pytest.raises(InputError) as err:
        read(write_file(tmp_path, "f.tsv", data))
    assert f"byte offset {len(rows.encode()) + 2}" in str(err.value)
    assert err.value.line == 20001


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        read(write_file(tmp_path, "f.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))


def test_empty_file(tmp_path: Path) -> None:
    for name in ("e.tsv", "e.csv"):
        p = write_file(tmp_path, name, b"")
        doc, segs = read(p)
        assert segs == [] and doc.meta.get("header") is None
        # the format's own reader copes too (not only the registry's shortcut)
        assert get_format(name[-3:]).read(p, ReadOptions()).materialize() == []


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        get_format("tsv").read(tmp_path / "none.tsv", ReadOptions())


def test_utf16_bom() -> None:
    doc, segs = read(DATA / "utf16.tsv")
    assert [(s.id, s.source, s.target) for s in segs] == [("2", "Café", "Caffè"), ("3", "Tea", "Tè")]


def test_utf8_bom_header() -> None:
    doc, segs = read(DATA / "langs.tsv")
    assert doc.meta["header"] == ["en", "de-DE"]
    assert segs[0].target == "Die Datei ist geöffnet."


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("name", ["sample.tsv", "sample.csv", "utf16.tsv", "langs.tsv"])
def test_roundtrip_unchanged_is_identical(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    write_document(DATA / name, out, {})
    assert out.read_bytes() == (DATA / name).read_bytes()


@pytest.mark.parametrize("name", ["sample.tsv", "sample.csv", "utf16.tsv"])
def test_roundtrip_same_targets_is_identical(tmp_path: Path, name: str) -> None:
    _, segs = read(DATA / name)
    out = tmp_path / name
    write_document(DATA / name, out, {s.index: s for s in segs})
    assert out.read_bytes() == (DATA / name).read_bytes()


def _change(path: Path, out: Path, index: int, target: str) -> list[Segment]:
    _, segs = read(path)
    write_document(path, out, {index: replace(segs[index], target=target)})
    return read(out)[1]


def test_tsv_single_change(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    segs = _change(DATA / "sample.tsv", out, 1, "Addio.")
    old = (DATA / "sample.tsv").read_bytes().split(b"\n")
    new = out.read_bytes().split(b"\n")
    assert [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == [3]
    assert new[3] == b"bye\tGoodbye.\tAddio.\t"
    assert segs[1].target == "Addio."


def test_csv_change_keeps_quoting_and_crlf(tmp_path: Path) -> None:
    src = (DATA / "sample.csv").read_bytes()
    out = tmp_path / "out.csv"
    segs = _change(DATA / "sample.csv", out, 0, "Ciao a tutti")
    assert out.read_bytes() == src.replace(b'"Ciao, mondo"', b'"Ciao a tutti"')
    assert segs[0].target == "Ciao a tutti"
    # an unquoted cell gains quotes only when the new text needs them
    segs = _change(DATA / "sample.csv", out, 2, 'Molto "semplice", davvero')
    assert out.read_bytes() == src.replace(
        b"Plain,Semplice,", b'Plain,"Molto ""semplice"", davvero",'
    )
    assert segs[2].target == 'Molto "semplice", davvero'


def test_csv_change_multiline_row(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    segs = _change(DATA / "sample.csv", out, 1, "Una riga")
    assert [(s.id, s.line) for s in segs] == [("2", 2), ("3", 3), ("6", 6), ("7", 7)]
    assert segs[1].target == "Una riga" and segs[1].source == "First line\r\nsecond line"
    assert b'"First line\r\nsecond line","Una riga",\r\n' in out.read_bytes()


def test_change_source_only_row_pads(tmp_path: Path) -> None:
    p = write_file(tmp_path, "f.csv", "source,target,note\nHello,Ciao,n\nBye\n")
    out = tmp_path / "out.csv"
    segs = _change(p, out, 1, "Addio")
    assert out.read_text() == "source,target,note\nHello,Ciao,n\nBye,Addio,\n"
    assert segs[1].target == "Addio"


def test_utf16_change_keeps_encoding(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    segs = _change(DATA / "utf16.tsv", out, 1, "Tè verde")
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert data.decode("utf-16") == "source\ttarget\r\nCafé\tCaffè\r\nTea\tTè verde\r\n"
    assert segs[1].target == "Tè verde"


def test_write_in_place(tmp_path: Path) -> None:
    p = tmp_path / "f.tsv"
    shutil.copy(DATA / "sample.tsv", p)
    segs = _change(p, p, 0, "Salve")
    assert segs[0].target == "Salve"
    assert not [x for x in tmp_path.iterdir() if x.name.endswith(".tmp")]


def test_tsv_rejects_tab_in_target(tmp_path: Path) -> None:
    _, segs = read(DATA / "sample.tsv")
    out = tmp_path / "out.tsv"
    with pytest.raises(ReviewerError, match="tab"):
        write_document(DATA / "sample.tsv", out, {0: replace(segs[0], target="a\tb")})
    assert not out.exists()


def test_formats_registered() -> None:
    assert isinstance(get_format("tsv"), TsvFormat)
    assert isinstance(get_format("csv"), CsvFormat)
    assert TsvFormat().sniff(b"source\ttarget\n") and not TsvFormat().sniff(b'{"a":1}')

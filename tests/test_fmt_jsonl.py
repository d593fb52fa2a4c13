"""JSON Lines reading (keys, ids, terms, errors) and byte-faithful writing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.formats import ReadOptions, get_format, open_document, write_document
from reviewer.formats.jsonl import JsonlFormat, parse_terms
from reviewer.model import Document, Segment

DATA = Path(__file__).parent / "data" / "text"


def read(path: Path, **opts: object) -> tuple[Document, list[Segment]]:
    doc = open_document(path, ReadOptions(**opts))  # type: ignore[arg-type]
    return doc, doc.materialize()


def write_file(tmp_path: Path, data: str | bytes, name: str = "f.jsonl") -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_sample() -> None:
    doc, segs = read(DATA / "sample.jsonl")
    assert doc.format == "jsonl" and doc.path == str(DATA / "sample.jsonl")
    assert not doc.target_only
    assert [(s.index, s.id, s.line) for s in segs] == [(0, "u1", 1), (1, "3", 3), (2, "4", 4)]
    assert segs[0].terms == (("file", "file"),)
    assert segs[1].reference == "Salva modifiche"
    assert segs[1].terms == (("changes", "modifiche"),)
    assert segs[2].target is None
    assert segs[2].terms == (("close", "chiudi"),)


def test_streaming() -> None:
    doc = open_document(DATA / "sample.jsonl")
    assert not isinstance(doc.segments, list)


@pytest.mark.parametrize(
    "value, pairs",
    [
        ({"space": "Space"}, (("space", "Space"),)),
        ({"a": "b", "c": "d"}, (("a", "b"), ("c", "d"))),
        ({"file": ["Datei", "File"]}, (("file", "Datei"), ("file", "File"))),
        ([["a", "b"], ["c", "d"]], (("a", "b"), ("c", "d"))),
        ([{"source": "a", "target": "b"}, {"src": "c", "tgt": "d"}], (("a", "b"), ("c", "d"))),
        ({}, ()),
        (None, ()),
        ("not terms", ()),
        ([["only one"], 3, {"target": "x"}, ["a", "b"]], (("a", "b"),)),
        ({"": "x", "k": None}, ()),
    ],
)
def test_parse_terms(value: object, pairs: tuple[tuple[str, str], ...]) -> None:
    assert parse_terms(value) == pairs


def test_custom_keys_and_id_key(tmp_path: Path) -> None:
    p = write_file(
        tmp_path,
        '{"key": 7, "en": "Hello", "de": "Hallo", "ref": "Servus", "proper": {"hello": "hallo"}}\n'
        '{"en": "Bye", "de": "Tschüss"}\n',
    )
    doc, segs = read(
        p, source_key="en", target_key="de", reference_key="ref", id_key="key", terms_key="proper"
    )
    assert [(s.id, s.source, s.target, s.reference) for s in segs] == [
        ("7", "Hello", "Hallo", "Servus"),
        ("2", "Bye", "Tschüss", None),
    ]
    assert segs[0].terms == (("hello", "hallo"),)
    # language-code keys name the languages when no option does
    assert (doc.source_lang, doc.target_lang) == ("en", "de")
    doc, _ = read(p, source_key="en", target_key="de", target_lang="de-AT")
    assert doc.target_lang == "de-AT"


def test_default_languages_none() -> None:
    doc, _ = read(DATA / "sample.jsonl")
    assert (doc.source_lang, doc.target_lang) == (None, None)


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ('{"source": "a"}\n{"source": "b",}\n', 2, 16, "invalid JSON"),
        ('{"source": "a"}\n\n{"source": "b"\n', 3, 15, "invalid JSON"),
        ('{"source": "a"}\n["source"]\n', 2, None, "JSON object"),
        ('{"src": "a", "tgt": "b"}\n', 1, None, "'source' key"),
        ('{"source": {"x": 1}}\n', 1, None, "not a string"),
    ],
)
def test_errors(tmp_path: Path, text: str, line: int, column: int | None, message: str) -> None:
    p = write_file(tmp_path, text)
    with pytest.raises(InputError) as err:
        read(p)
    assert err.value.line == line and err.value.column == column
    assert message in str(err.value)
    where = f"{p}:{line}" + (f":{column}" if column else "")
    assert str(err.value).startswith(where + ": ")


def test_invalid_utf8(tmp_path: Path) -> None:
    p = write_file(tmp_path, b'{"source": "a"}\n{"source": "\xe9"}\n')
    with pytest.raises(InputError) as err:
        read(p)
    assert "byte offset 28" in str(err.value) and err.value.line == 2


def test_blank_lines_bom_and_numbers(tmp_path: Path) -> None:
    p = write_file(tmp_path, '\ufeff\n{"source": 12, "target": "12"}\r\n   \r\n{"source": "x"}')
    _, segs = read(p)
    assert [(s.id, s.line, s.source, s.target) for s in segs] == [
        ("2", 2, "12", "12"),
        ("4", 4, "x", None),
    ]


def test_empty_file(tmp_path: Path) -> None:
    p = write_file(tmp_path, b"")
    assert read(p)[1] == []
    assert JsonlFormat().read(p, ReadOptions()).materialize() == []


@pytest.mark.parametrize(
    "head, result",
    [(b'{"source": "a"}\n', True), (b'\n  {"en": 1}', True), (b"\xef\xbb\xbf{}", True),
     (b"source\ttarget\n", False), (b"<xliff/>", False), (b"", False)],
)
def test_sniff(head: bytes, result: bool) -> None:
    assert JsonlFormat().sniff(head) is result


def test_detected_by_content_for_txt(tmp_path: Path) -> None:
    for mod in ("xliff", "tmx", "po"):  # the registry sniffs these first
        pytest.importorskip(f"reviewer.formats.{mod}")
    p = write_file(tmp_path, '{"source": "a", "target": "b"}\n', name="data.txt")
    doc = open_document(p)
    assert doc.format == "jsonl" and doc.materialize()[0].target == "b"


# --------------------------------------------------------------------------- writing


def test_roundtrip_unchanged_is_identical(tmp_path: Path) -> None:
    _, segs = read(DATA / "sample.jsonl")
    out = tmp_path / "out.jsonl"
    write_document(DATA / "sample.jsonl", out, {s.index: s for s in segs})
    assert out.read_bytes() == (DATA / "sample.jsonl").read_bytes()


def test_single_change(tmp_path: Path) -> None:
    src = DATA / "sample.jsonl"
    _, segs = read(src)
    out = tmp_path / "out.jsonl"
    write_document(src, out, {2: replace(segs[2], target="Chiudi «tutto»")})
    old = src.read_bytes().split(b"\n")
    new = out.read_bytes().split(b"\n")
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == [3]
    obj = json.loads(new[3])
    assert obj["target"] == "Chiudi «tutto»" and "«" in new[3].decode()
    assert obj["terms"] == [{"source": "close", "target": "chiudi"}]
    assert read(out)[1][2].target == "Chiudi «tutto»"


def test_change_custom_key_crlf(tmp_path: Path) -> None:
    p = write_file(tmp_path, '{"en": "A", "de": "a"}\r\n{"en": "B", "de": "b"}\r\n')
    opts = ReadOptions(source_key="en", target_key="de")
    segs = get_format("jsonl").read(p, opts).materialize()
    out = tmp_path / "out.jsonl"
    get_format("jsonl").write(p, out, {0: replace(segs[0], target="ä")}, opts)
    assert out.read_bytes() == '{"en": "A", "de": "ä"}\r\n{"en": "B", "de": "b"}\r\n'.encode()


# --------------------------------------------------------------------------- WMT data


def test_wmt25_terminology(shared_data: Path) -> None:
    path = shared_data / "wmt25-terminology-ende" / "full_data.ende.jsonl"
    if not path.exists():
        pytest.skip("WMT25 terminology data absent")
    doc, segs = read(path, source_key="en", target_key="de", terms_key="proper")
    assert len(segs) == 500
    assert [s.index for s in segs] == list(range(500))
    assert segs[0].id == "1" and segs[-1].id == "500"
    assert segs[0].source.startswith("The status of each individual space")
    assert segs[0].terms == (("space", "Space"),)
    assert all(s.target for s in segs)
    assert sum(len(s.terms) for s in segs) >= 500
    assert (doc.source_lang, doc.target_lang) == ("en", "de")
    # a submission: keys en, terms, de
    subs = sorted((shared_data / "wmt25-terminology-ende" / "submissions").glob("*.proper.jsonl"))
    if subs:
        _, out = read(subs[0], source_key="en", target_key="de")
        assert len(out) == 500

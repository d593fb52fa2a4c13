"""XLIFF 1.2 / 2.x reader and writer: segments, codes, notes, safety, round trips."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.errors import InputError, ReviewerError
from reviewer.formats.base import ReadOptions
from reviewer.formats.xliff import XliffFormat
from reviewer.model import Segment

DATA = Path(__file__).parent / "data" / "xliff"
FMT = XliffFormat()
OPTS = ReadOptions()


def read(path: Path, opts: ReadOptions = OPTS) -> list[Segment]:
    return FMT.read(path, opts).materialize()


def write_xml(tmp_path: Path, text: str, name: str = "t.xlf") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ----------------------------------------------------------------- XLIFF 1.2


def test_12_header_and_ids() -> None:
    doc = FMT.read(DATA / "sample12.xlf", OPTS)
    assert (doc.source_lang, doc.target_lang) == ("en", "it")
    segs = doc.materialize()
    assert [s.id for s in segs] == ["hello", "untranslated", "codes", "multi/1", "multi/2", "empty-target"]
    assert [s.index for s in segs] == list(range(6))


def test_12_codes_notes_state() -> None:
    hello, untr, codes, m1, m2, empty = read(DATA / "sample12.xlf")
    assert hello.source == "Hello \ue000world\ue001!"
    assert hello.target == "Ciao \ue000mondo\ue001!"
    assert [(c.kind, c.id, c.data, c.display) for c in hello.source_codes] == [
        ("open", "1", '<g id="1" ctype="bold">', "<g1>"),
        ("close", "1", "</g>", "</g1>"),
    ]
    assert hello.state == "translated" and hello.max_length == 20
    assert hello.notes == ("Greeting on the home page",)
    assert hello.line == 7
    assert untr.target is None and untr.source == "Save \ue000 file & exit"
    assert untr.source_codes[0].data == '<x id="2" ctype="image"/>'
    assert untr.source_codes[0].display == "<x2/>"
    kinds = [(c.kind, c.id) for c in codes.source_codes]
    assert kinds == [("open", "1"), ("close", "1"), ("standalone", "2"), ("isolated", "3")]
    assert codes.source_codes[0].data == '<bpt id="1">&lt;b&gt;</bpt>'
    assert codes.ignore == frozenset({"placeholder", "number"})
    assert (m1.source, m1.target) == ("First sentence.", "Prima frase.")
    assert (m2.source, m2.target) == ("Second sentence.", "")
    assert empty.target == ""


def test_12_languages_from_options(tmp_path: Path) -> None:
    p = write_xml(tmp_path, '<xliff version="1.2"><file original="x"><body>'
                  '<trans-unit id="a"><source>A</source></trans-unit></body></file></xliff>')
    doc = FMT.read(p, ReadOptions(source_lang="en", target_lang="fr"))
    assert (doc.source_lang, doc.target_lang) == ("en", "fr")
    assert [s.source for s in doc] == ["A"]


def test_12_missing_source_is_a_format_problem_and_strict_refuses(tmp_path: Path) -> None:
    """Issue 24: a unit without <source> no longer refuses the file; --strict does."""
    from reviewer.formats import open_document

    p = write_xml(tmp_path, '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                  '<file><body>\n<trans-unit id="a"><target>A</target></trans-unit>'
                  '<trans-unit id="b"><source>B</source><target>Bb</target></trans-unit>'
                  '</body></file></xliff>')
    a, b = read(p)
    assert a.problems and a.problems[0][0] == 2 and "no <source>" in a.problems[0][1]
    assert (b.id, b.target, b.problems) == ("b", "Bb", ())
    with pytest.raises(InputError) as e:
        open_document(p, ReadOptions(strict=True)).materialize()
    assert e.value.line == 2 and "no <source>" in str(e.value)


# ----------------------------------------------------------------- XLIFF 2


def test_20_segments_codes_terms_ignore() -> None:
    doc = FMT.read(DATA / "sample20.xlf", OPTS)
    assert (doc.source_lang, doc.target_lang) == ("en-US", "de")
    s1, s2, u3 = doc.materialize()
    assert [s1.id, s2.id, u3.id] == ["u1/s1", "u1/s2", "u3"]
    assert s1.source == "Press the \ue000TAB key\ue001.\ue002"
    assert [(c.kind, c.data) for c in s1.source_codes] == [
        ("open", '<pc id="1">'), ("close", "</pc>"), ("standalone", '<ph id="2" dataRef="d1"/>')]
    assert s1.state == "translated"
    assert s1.terms == (("TAB key", "Tabstopptaste"),)
    assert s1.ignore == frozenset({"placeholder", "number"})
    assert "Keyboard help" in s1.notes
    assert s2.source == "Then \ue000release\ue001 it\x07."  # cp decoded
    assert [c.kind for c in s2.source_codes] == ["open", "close"]
    assert s2.target is None
    assert [c.kind for c in u3.source_codes] == ["isolated", "open", "close"]
    assert u3.target == ""


def test_20_ec_in_other_segment_is_isolated(tmp_path: Path) -> None:
    p = write_xml(tmp_path, '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
                  '<file id="f"><unit id="u"><segment id="a"><source><sc id="1"/>A</source></segment>'
                  '<segment id="b"><source>B<ec startRef="1"/></source></segment></unit></file></xliff>')
    a, b = read(p)
    assert (a.source_codes[0].kind, b.source_codes[0].kind) == ("isolated", "isolated")


@pytest.mark.parametrize(
    "body, needle",
    [
        ('<unit id="u"><segment><source><ec startRef="9"/>x</source></segment></unit>', "no <sc>"),
        ('<unit id="u"><segment translate="no"><source>x</source></segment></unit>', "translate"),
        ('<unit id="u"><segment><source>x</source><target>y</target></segment></unit>', "trgLang"),
        ('<unit id="u"><segment><source><ph id="1" dataRef="d"/></source></segment></unit>', "dataRef"),
    ],
)
def test_20_invalid(tmp_path: Path, body: str, needle: str) -> None:
    p = write_xml(tmp_path, '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                  f'srcLang="en"><file id="f">{body}</file></xliff>')
    with pytest.raises(InputError) as e:
        read(p)
    assert needle in str(e.value) and e.value.line is not None


# ----------------------------------------------------------------- safety


def test_xxe_rejected(tmp_path: Path) -> None:
    p = write_xml(tmp_path, '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
                  '<xliff version="1.2"><file><body><trans-unit id="a"><source>&xxe;</source>'
                  '</trans-unit></body></file></xliff>')
    with pytest.raises(InputError, match="entity"):
        read(p)


def test_billion_laughs_rejected(tmp_path: Path) -> None:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    p = write_xml(tmp_path, f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{ents}]>\n<xliff version="1.2">'
                  '<file><body><trans-unit id="a"><source>&lol9;</source></trans-unit></body></file></xliff>')
    with pytest.raises(InputError):
        read(p)


def test_malformed_has_line_and_column(tmp_path: Path) -> None:
    p = write_xml(tmp_path, '<xliff version="1.2"><file><body>\n<trans-unit id="a">'
                  '<source>A</sorce></trans-unit></body></file></xliff>')
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 2 and e.value.column is not None
    assert "malformed XML" in str(e.value)


def test_invalid_utf8(tmp_path: Path) -> None:
    p = tmp_path / "bad.xlf"
    p.write_bytes(b'<xliff version="1.2"><file><body>\n<trans-unit id="a"><source>\xff\xfe A'
                  b"</source></trans-unit></body></file></xliff>")
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 2


def test_binary_rejected(tmp_path: Path) -> None:
    p = tmp_path / "bin.xlf"
    p.write_bytes(b"\x00\x01\x02<xliff\x00\x00")
    with pytest.raises(InputError, match="binary"):
        FMT.read(p, OPTS)


def test_not_xliff(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an XLIFF"):
        FMT.read(write_xml(tmp_path, "<tmx/>"), OPTS)


def test_sniff() -> None:
    assert FMT.sniff(b'<?xml version="1.0"?>\n<xliff version="2.0">')
    assert not FMT.sniff(b"<tmx>")


# ----------------------------------------------------------------- writing


def _noline(s: Segment) -> Segment:
    """Inserting a target shifts the lines of later units."""
    return replace(s, line=None)


def _change_first(segs: list[Segment], text: str = "NEU") -> dict[int, Segment]:
    s = segs[0]
    return {s.index: replace(s, target=s.source + text, target_codes=s.source_codes)}


@pytest.mark.parametrize("name", ["sample12.xlf", "sample20.xlf"])
def test_round_trip_samples(tmp_path: Path, name: str) -> None:
    src = DATA / name
    out = tmp_path / name
    FMT.write(src, out, {}, OPTS)
    assert out.read_bytes() == src.read_bytes()
    segs = read(src)
    for k, s in enumerate(segs):
        changes = {s.index: replace(s, target=f"T{k} & <x> " + s.source, target_codes=s.source_codes)}
        FMT.write(src, out, changes, OPTS)
        again = read(out)
        assert again[k].target == f"T{k} & <x> " + s.source
        assert [c.data for c in again[k].target_codes] == [c.data for c in s.source_codes]
        assert [_noline(x) for i, x in enumerate(again) if i != k] == [
            _noline(x) for i, x in enumerate(segs) if i != k]


def test_write_inserts_target_with_indent(tmp_path: Path) -> None:
    out = tmp_path / "o.xlf"
    segs = read(DATA / "sample12.xlf")
    FMT.write(DATA / "sample12.xlf", out, {1: replace(segs[1], target="Salva", target_codes=())}, OPTS)
    assert "        <source>Save" in out.read_text() and "\n        <target>Salva</target>" in out.read_text()


def _suite_files(shared: Path) -> list[Path]:
    return sorted((shared / "xliff-2.2-test-suite" / "core" / "valid").glob("*.xlf"))


def test_suite_valid_round_trip(shared_data: Path, tmp_path: Path) -> None:
    files = _suite_files(shared_data)
    assert files
    for src in files:
        segs = read(src)
        out = tmp_path / src.name
        FMT.write(src, out, {}, OPTS)
        assert out.read_bytes() == src.read_bytes(), src.name
        if not segs:
            continue
        opts = ReadOptions(target_lang="fr")
        FMT.write(src, out, _change_first(segs), opts)
        again = read(out)
        assert again[0].target == segs[0].source + "NEU", src.name
        assert [_noline(x) for x in again[1:]] == [_noline(x) for x in segs[1:]], src.name


def test_suite_invalid_detected(shared_data: Path) -> None:
    files = sorted((shared_data / "xliff-2.2-test-suite" / "core" / "invalid").glob("*.xlf"))
    assert len(files) == 119
    missed = []
    for p in files:
        try:
            read(p)
            missed.append(p.name)
        except ReviewerError as e:
            assert str(e).startswith(str(p)) and "\n" not in str(e)
    assert missed == []


def test_streaming_clears_units(tmp_path: Path) -> None:
    units = "".join(f'<trans-unit id="u{i}"><source>S {i}</source><target>T {i}</target></trans-unit>\n'
                    for i in range(3000))
    p = write_xml(tmp_path, f'<xliff version="1.2"><file source-language="en"><body>\n{units}</body></file></xliff>')
    doc = FMT.read(p, OPTS)
    it = iter(doc)
    first = next(it)
    assert first.id == "u0" and doc.source_lang == "en"
    assert sum(1 for _ in it) == 2999


def test_encoding_preserved(tmp_path: Path) -> None:
    p = tmp_path / "l1.xlf"
    p.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file><body>'
                  '<trans-unit id="a"><source>caf\u00e9</source><target>x</target></trans-unit>'
                  '</body></file></xliff>'.encode("latin-1"))
    (s,) = read(p)
    assert s.source == "caf\u00e9"
    out = tmp_path / "o.xlf"
    FMT.write(p, out, {0: replace(s, target="\u00e9t\u00e9 \u20ac")}, OPTS)
    assert b"\xe9t\xe9 &#8364;" in out.read_bytes()
    assert read(out)[0].target == "\u00e9t\u00e9 \u20ac"
    shutil.rmtree(tmp_path, ignore_errors=True)

"""The streaming PO parser reads exactly what polib (the reference path) reads.

Compared on real catalogs (Debian's .mo files turned back into PO with msgunfmt), on
our fixtures and samples, and on generated catalogs full of odd lines:
either both paths give the same units and header, or both fail with the same one-line
error.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import InputError
from reviewer.formats.base import ReadOptions
from reviewer.formats.po import (
    PoFormat,
    _polib_segment,
    parse_catalog,
    protect_line_breaks,
)
from reviewer.formats.po_parse import LeftToPolib, iter_entries, unescape


def reference(text: str, path: str = "x.po") -> tuple[dict[str, str], list]:
    """The polib path: header and segments (what the reader returned before)."""
    catalog = parse_catalog(text, path)
    lines = protect_line_breaks(text)[0].splitlines()
    segs = [_polib_segment(e, i, lines) for i, e in enumerate(catalog)]
    return dict(catalog.metadata), segs


def fast(tmp_path: Path, text: str) -> tuple[dict[str, str], list]:
    p = tmp_path / "x.po"
    p.write_text(text, encoding="utf-8")
    doc = PoFormat().read(p, ReadOptions())
    return doc.meta["header"], list(doc)


def outcome(fn, *args):
    try:
        meta, segs = fn(*args)
    except InputError as e:
        return ("error", e.line, str(e).split(": ", 1)[-1])
    return ("ok", meta, [dataclasses.astuple(s) for s in segs])


def same(tmp_path: Path, text: str) -> None:
    ref = outcome(reference, text, str(tmp_path / "x.po"))
    got = outcome(fast, tmp_path, text)
    if got[0] == "error" and "second header" in got[2]:
        # polib takes the last of two header entries silently; we reject the duplicate
        assert ref[0] == "ok" and sum(1 for s in ref[2] if s[2] == "") >= 1
        return
    assert got == ref


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: it\\n"\n\n'


@pytest.mark.parametrize(
    "body",
    [
        'msgid "a"\nmsgstr "b"\n',
        '# note\n#. extracted\n#: f.c:1 g.c:2\n#, fuzzy, c-format\nmsgid "a %s"\nmsgstr "b %s"\n',
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Apri"\n\nmsgid "Open"\nmsgstr "Apri file"\n',
        'msgid ""\n"multi "\n"line\\n"\nmsgstr ""\n"più "\n"righe\\n"\n',
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] "molti"\n',
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0]"uno"\nmsgstr[1]  "molti"\n',
        '#| msgid "old"\nmsgid "new"\nmsgstr "nuovo"\n',
        '#~ msgid "gone"\n#~ msgstr "andato"\n',
        '#~| msgid "x"\n#~ msgid "gone"\n#~ msgstr ""\n#~ "andato"\n',
        'msgid "tab\\there \\"q\\" back\\\\slash \\a"\nmsgstr "x\\n"\n',
        '#, reviewer-ignore: number, url\nmsgid "1"\nmsgstr "2"\n',
        '# reviewer-ignore: placeholder\nmsgid "%d"\nmsgstr "x"\n',
        'msgid "a"\nmsgstr "b"\n# trailing comment\n',
        'msgid "a"\r\nmsgstr "b"\r\n',
        'msgid "a"\nmsgstr "b"',  # no final newline
        '#\n# \n##double\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n',
        'msgid "x"\n# comment after msgid\nmsgstr "y"\n',
        # errors: both paths must reject with the same message
        'msgid "a\nmsgstr "b"\n',
        'msgid "a" "b"\nmsgstr "c"\n',
        'msgid "a"\nmsgstr "b\\"\n',
        'msgid "a"\nmsgstr "b"\nbogus line\n',
        'msgstr "orphan"\n',
        'msgid "a"\nmsgid "b"\nmsgstr "c"\n',
        'msgid "a"\nmsgstr "b"\n"stray continuation"\n#: f.c\n"late"\n',
        'msgid "a"\nmsgstr[x] "b"\n',
        'msgid "a"\nmsgid_plural "b"\nmsgstr[12] "c"\n',
        '#,fuzzy\nmsgid "a"\nmsgstr "b"\n',
        '#| msgid\nmsgid "a"\nmsgstr "b"\n',
        '#| "cont"\nmsgid "a"\nmsgstr "b"\n',
        'msgid "a"\nmsgstr "b" trailing\n',
        'msgctxt "c"\nmsgid ""\nmsgstr "context header"\n',
        '#~ msgid ""\n#~ msgstr "obsolete header"\n',
        'msgid "a"\nmsgstr "page\x0cbreak"\n',
        'msgid "a"\nmsgstr "line\u2028sep"\n',
    ],
)
def test_same_as_polib(tmp_path: Path, body: str) -> None:
    same(tmp_path, HEADER + body)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        'msgid "no header"\nmsgstr "x"\n',
        'msgid "a"\nmsgstr "b"\n\n' + HEADER,  # header not first
        HEADER,
        "\ufeff" + HEADER + 'msgid "a"\nmsgstr "b"\n',
    ],
)
def test_same_as_polib_headers(tmp_path: Path, text: str) -> None:
    same(tmp_path, text)


def test_second_header_is_an_error(tmp_path: Path) -> None:
    """polib silently takes the last of two header entries as the header; gettext
    rejects the duplicate, and so do we, naming its line."""
    p = tmp_path / "x.po"
    p.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "X: y\\n"\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(PoFormat().read(p, ReadOptions()))
    assert e.value.line == 9 and "second header" in str(e.value)


def test_units_stream(tmp_path: Path) -> None:
    """Units come one at a time: the document's units are an iterator, not a list."""
    p = tmp_path / "x.po"
    p.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    doc = PoFormat().read(p, ReadOptions())
    assert not isinstance(doc.segments, list)
    assert doc.target_lang == "it"
    assert [s.target for s in doc] == ["b"]


def test_error_after_streamed_units_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "x.po"
    p.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr "d"\n', encoding="utf-8")
    doc = PoFormat().read(p, ReadOptions())
    with pytest.raises(InputError) as e:
        list(doc)
    assert e.value.line == 9


def test_unescape() -> None:
    assert unescape(r"a\nb\tc\"d\\e\x") == 'a\nb\tc"d\\e\\x'
    assert unescape("plain") == "plain"


def test_odd_names_line() -> None:
    with pytest.raises(LeftToPolib) as e:
        list(iter_entries(HEADER + "what\n"))
    assert e.value.line == 6


LINES = [
    'msgid "a"', 'msgid "b c"', 'msgstr "x"', 'msgstr ""', '"cont"', '"c\\"q"', 'msgctxt "k"',
    'msgid_plural "p"', 'msgstr[0] "f0"', 'msgstr[1] "f1"', "# tc", "#. gc", "#: f.c:3",
    "#, fuzzy", "#, c-format, reviewer-ignore-number", "#| msgid \"old\"", "#~ msgid \"o\"",
    '#~ msgstr "o"', "#~| msgid \"o\"", "", "#", 'msgid ""', '"bad', "junk", 'msgstr "a" "b"',
    "#:", "#,", "#.", '  msgid  "spaced"  ', "msgstr[2] \"f2\"", 'msgid "x\\"', "\t",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(LINES), max_size=25), st.booleans())
def test_generated_catalogs(tmp_path: Path, lines: list[str], crlf: bool) -> None:
    """Random line soups: same units or the same error as polib."""
    nl = "\r\n" if crlf else "\n"
    same(tmp_path, HEADER.replace("\n", nl) + nl.join(lines) + nl)


def _debian_catalogs(n: int) -> list[Path]:
    mos = sorted(Path("/usr/share/locale").glob("*/LC_MESSAGES/*.mo"))
    random.Random(7).shuffle(mos)
    return mos[:n]


@pytest.mark.skipif(shutil.which("msgunfmt") is None, reason="needs gettext's msgunfmt")
def test_real_debian_catalogs(tmp_path: Path) -> None:
    """A fixed random sample of this machine's catalogs reads the same both ways."""
    mos = _debian_catalogs(40)
    if not mos:
        pytest.skip("no catalogs in /usr/share/locale")
    units = 0
    for mo in mos:
        out = subprocess.run(["msgunfmt", str(mo)], capture_output=True, check=False)
        if out.returncode != 0:
            continue
        text = out.stdout.decode("utf-8", errors="replace")
        ref = outcome(reference, text, str(tmp_path / "x.po"))
        got = outcome(fast, tmp_path, text)
        assert got == ref, mo
        units += len(ref[2]) if ref[0] == "ok" else 0
    assert units > 1000


def test_repository_catalogs(tmp_path: Path) -> None:
    """Our own hand-written fixtures and samples (comments, contexts, plurals, obsolete
    entries, a broken file) read the same both ways."""
    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("tests/data/po/*.po*"), *root.glob("samples/**/*.po")])
    assert len(files) >= 3
    for po in files:
        text = po.read_text(encoding="utf-8")
        assert outcome(fast, tmp_path, text) == outcome(reference, text, str(tmp_path / "x.po")), po


def test_segment_fields(tmp_path: Path) -> None:
    """Every field of a unit lands where it belongs (the reader builds Segments
    positionally for speed)."""
    p = tmp_path / "x.po"
    p.write_text(HEADER + '# tr note\n#. dev note\n#, fuzzy, c-format\nmsgctxt "menu"\n'
                 'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d file"\n'
                 'msgstr[1] "%d file"\n', encoding="utf-8")
    (seg,) = list(PoFormat().read(p, ReadOptions()))
    assert seg.id == "menu\u0004%d file" and seg.index == 0 and seg.line == 6
    assert seg.source == "%d file" and seg.target == "%d file"
    assert seg.source_codes == () and seg.target_codes == () and seg.reference is None
    assert seg.notes == ("tr note", "dev note") and seg.state == "fuzzy"
    assert seg.flags == frozenset({"fuzzy", "c-format"})
    assert seg.plural_source == "%d files" and seg.plural_targets == ("%d file", "%d file")
    assert seg.max_length is None and seg.ignore == frozenset() and seg.terms == ()
    assert seg.context == "menu"

"""Every export reads back, by the tool and by the format's reference parser, with the
corrected text exactly (issue 19): markup characters, quotes, CR and CRLF, U+2028 and
U+0085, astral and right-to-left text, in every format that can hold them. Characters a
format cannot hold are refused when the correction is recorded, never at export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reviewer.errors import ReviewerError
from reviewer.formats import ReadOptions, open_document
from reviewer.project import Project

from .test_hostile import PO, TMX, XLF2, XLF12

INPUTS = {
    "tsv": ("source\ttarget\nHello world\tHallo Welt\nGood night\tGute Nacht\n", "in.tsv", 1),
    "csv": ('source,target\nHello world,"Hallo, Welt"\nGood night,Gute Nacht\n', "in.csv", 1),
    "jsonl": (json.dumps({"id": "a", "source": "Hi", "target": "Hallo", "x": 1e-7}) + "\n"
              + json.dumps({"id": "b", "source": "Night", "target": "Nacht"}) + "\n", "in.jsonl", 1),
    "po": (PO, "in.po", 1),
    "xliff12": (XLF12, "in.xlf", 1),
    "xliff2": (XLF2, "in.xlf", 1),
    "tmx": (TMX, "in.tmx", 1),
}

TEXTS = [
    'quote " and \' <b>&amp;</b> & < >',
    "line one\nline two",
    "CR\rCRLF\r\nend",
    "sep\u2028par\u2029nel\u0085",
    "emoji 🙂 Ω مرحبا עברית 中文",
    "  spaces around  ",
    "",
]
LINE_BREAKS = ("\n", "\r")


def reference_targets(fmt: str, path: Path) -> list[str]:
    """Targets as the format's reference parser reads them."""
    raw = path.read_bytes().decode("utf-8")
    if fmt == "tsv":
        return [ln.split("\t")[1] for ln in raw.split("\n")[1:] if ln]
    if fmt == "csv":
        return [r[1] for r in list(csv.reader(io.StringIO(raw, newline="")))[1:]]
    if fmt == "jsonl":
        return [json.loads(ln)["target"] for ln in raw.split("\n") if ln]
    if fmt == "po":
        import polib

        return [e.msgstr_plural[0] if e.msgid_plural else e.msgstr
                for e in polib.pofile(str(path))]
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    if fmt == "tmx":
        return ["".join(tuv[0].itertext()) for tu in root.iter("tu")
                for tuv in tu.findall("tuv")[1:]]
    return ["".join(t.itertext()) for t in root.iter() if etree.QName(t).localname == "target"]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
@pytest.mark.parametrize("fmt", list(INPUTS))
def test_export_reads_back(tmp_path: Path, fmt: str, text: str) -> None:
    content, name, pos = INPUTS[fmt]
    src = tmp_path / name
    src.write_bytes(content.encode("utf-8"))
    out = tmp_path / ("out" + src.suffix)
    with Project.open(src, reviewer="t") as p:
        if fmt == "tsv" and any(c in text for c in ("\t", *LINE_BREAKS)):
            with pytest.raises(ReviewerError):
                p.correct(pos, text)
            return
        if fmt in ("xliff12", "xliff2", "tmx") and text == "":
            pass  # an empty target is a valid correction too
        p.correct(pos, text)
        p.export(out)
    back = open_document(out, ReadOptions()).materialize()
    assert back[pos].target == text
    assert text in reference_targets(fmt, out)
    # every other unit is as it was
    orig = open_document(src, ReadOptions()).materialize()
    for a, b in zip(orig, back):
        if a.index != back[pos].index:
            assert (a.source, a.target) == (b.source, b.target)


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f\x1f", "\ufffe"])
@pytest.mark.parametrize("fmt", list(INPUTS))
def test_control_characters_refused_when_recorded(tmp_path: Path, fmt: str, ch: str) -> None:
    content, name, pos = INPUTS[fmt]
    src = tmp_path / name
    src.write_bytes(content.encode("utf-8"))
    with Project.open(src, reviewer="t") as p:
        with pytest.raises(ReviewerError, match=r"U\+00|U\+FFFE"):
            p.correct(pos, f"a{ch}b")
        assert not p.corrections()

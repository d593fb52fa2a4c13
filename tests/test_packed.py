"""Packed segments (reviewer.packed): every field comes back as the reader gave it,
in several scripts and formats; ids made unique as unique_ids makes them; a project
over a packed input stores and reads back exactly what one over a list does."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.formats import ReadOptions
from reviewer.model import InlineCode, Segment
from reviewer.packed import PackedSegments, SegmentView, pack
from reviewer.project import Project
from reviewer.unit_keys import unique_ids
from tests.test_head import rows, write

RICH = [
    Segment("a1", 0, "Hello \ue000world\ue001", "Bonjour \ue000monde\ue001", line=3,
            source_codes=(InlineCode("open", "1", "<b>", "<b>"), InlineCode("close", "1", "</b>")),
            target_codes=(InlineCode("open", "1", "<b>", "<b>", "x"),
                          InlineCode("close", "1", "</b>")),
            notes=("a note", "друга"), flags=frozenset({"fuzzy", "c-format"}), status="fuzzy"),
    Segment("b\x04ctx", 1, "%d file", "%d 文件", plural_source="%d files",
            plural_targets=("%d 文件", "%d 文件们"), context="ctx", target_line=9, source_line=8),
    Segment("3", 2, "حفظ الملف", None, problems=((4, "bad state"),), terms=(("file", "ملف"),),
            branches=(("one", "a", "b"),), max_length=20, ignore=frozenset({"spelling"})),
    Segment("4", 3, "lone \ud800 surrogate 😀", "", reference="réf ✓"),
]


@pytest.mark.parametrize("spill", [True, False])
def test_every_field_round_trips(spill: bool) -> None:
    packed = pack(iter(RICH * 50), spill=spill)
    assert len(packed) == 200
    assert list(packed) == RICH * 50
    assert packed[1] == RICH[1] and packed[-1] == RICH[3] and packed[198] == RICH[2]
    assert packed[2:6] == RICH[2:4] + RICH[:2]
    with pytest.raises(IndexError):
        packed[200]
    lengths = packed.lengths()
    assert lengths[0].tolist() == [len(RICH[0].source), len(RICH[0].target or ""), 0]
    assert lengths[3].tolist() == [len(RICH[3].source), 0, len("réf ✓")]
    assert not packed.digit_ids  # "a1" is no number


def test_spilled_pack_holds_no_text_in_memory() -> None:
    segs = [Segment(str(i), i, "源文本 " * 50 + str(i), "target " * 50) for i in range(2000)]
    spilled, kept = pack(iter(segs)), pack(iter(segs), spill=False)
    assert list(spilled) == list(kept) == segs
    assert kept.nbytes() > 500_000  # the texts
    assert spilled.nbytes() < 100_000  # offsets, lengths, hashes
    assert spilled.digit_ids


def test_find_by_id_checks_the_text_not_only_the_hash() -> None:
    packed = pack(Segment(f"id{i % 7}", i, f"s{i}", f"t{i}") for i in range(50))
    assert packed.positions_of_id("id3") == [3, 10, 17, 24, 31, 38, 45]
    assert packed.positions_of_id("id9") == []
    assert packed.repeated_ids()
    assert not pack(Segment(f"u{i}", i, "s", "t") for i in range(50)).repeated_ids()


def test_unique_ids_over_packed_segments_as_over_a_list() -> None:
    # a repeated id becomes ID#2, ID#3..., skipping a name the file already uses
    segs = [Segment(u, i, f"src {i}", f"tgt {i}")
            for i, u in enumerate(["x", "y", "x", "x#2", "Ω", "x", "Ω", "z"])]
    as_list = unique_ids(list(segs))
    as_packed = unique_ids(pack(iter(segs)))  # type: ignore[arg-type]
    assert isinstance(as_packed, SegmentView)
    assert [s.id for s in as_packed] == [s.id for s in as_list] == \
        ["x", "y", "x#3", "x#2", "Ω", "x#4", "Ω#2", "z"]
    assert list(as_packed) == as_list
    assert as_packed.positions_of_id("x") == [0] and as_packed.positions_of_id("x#4") == [5]
    unique = pack(iter(segs[:2]))
    assert unique_ids(unique) is unique  # type: ignore[arg-type]


def test_view_replaces_without_copying() -> None:
    base = pack(Segment(str(i), i, f"s{i}", f"t{i}") for i in range(10))
    view = SegmentView(base)
    view[4] = Segment("4", 4, "s4", "corrected")
    assert view[4].target == "corrected" and base[4].target == "t4"
    assert [s.target for s in view][3:6] == ["t3", "corrected", "t5"]
    assert view.lengths()[4].tolist() == [2, 9, 0]
    with pytest.raises(IndexError):
        view[10] = view[0]


@pytest.mark.parametrize("fmt,ext", [("tsv", "tsv"), ("jsonl", "jsonl"), ("po", "po"),
                                     ("xliff", "xlf")])
def test_project_over_packed_input_equals_the_list_one(
        fmt: str, ext: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(fmt, tmp_path / f"in.{ext}", rows(300))
    ro = ReadOptions(source_lang="en", target_lang="it")
    monkeypatch.setenv("REVIEWER_PACK_BYTES", str(1 << 40))
    with Project.open(path, store_path=tmp_path / "a.sqlite", read_options=ro) as a:
        a.correct(7, "corretto ✓")
        a.accept(250)
        expect = [(a.key(i), a.status(i), a.segment(i)) for i in range(len(a))]
        found = a.find_unit(a.segment(123).id)
    monkeypatch.setenv("REVIEWER_PACK_BYTES", "0")
    with Project.open(path, store_path=tmp_path / "b.sqlite", read_options=ro) as b:
        assert isinstance(b._orig, PackedSegments)
        b.correct(7, "corretto ✓")
        b.accept(250)
        assert [(b.key(i), b.status(i), b.segment(i)) for i in range(len(b))] == expect
        assert b.find_unit(b.segment(123).id) == found == 123
        assert b.find_unit("no such unit") is None
        segs = b.segments
        assert isinstance(segs, SegmentView) and segs[7].target == "corretto ✓"
        assert [s.target for s in segs] == [e[2].target for e in expect]
    # reopened: the stored state joins the packed segments
    with Project.open(path, store_path=tmp_path / "b.sqlite", read_options=ro) as c:
        assert c.segment(7).target == "corretto ✓" and c.status(250) == "accepted"
        assert c.status(251) == "unreviewed"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_spill_goes_where_asked_and_falls_back(tmp_path: Path) -> None:
    import os

    segs = [Segment(str(i), i, f"ملف {i}", f"文件 {i}") for i in range(300)]
    here = pack(iter(segs), spill_dir=tmp_path)
    assert here._file is not None and list(here) == segs
    # an unnamed file in that directory: nothing left behind, but it is open there
    assert list(tmp_path.iterdir()) == []
    link = os.readlink(f"/proc/self/fd/{here._file.fileno()}")
    assert link.startswith(str(tmp_path))
    gone = pack(iter(segs), spill_dir=tmp_path / "no such dir")
    assert gone._file is not None and list(gone) == segs  # the system's temp dir
    assert not os.readlink(f"/proc/self/fd/{gone._file.fileno()}").startswith(str(tmp_path))


@pytest.mark.parametrize("spill", [True, False])
def test_texts_scan_is_the_segments_texts_and_status(spill: bool) -> None:
    """What a search scans: every segment's source, target ("" for none) and workflow
    status, from any start, replaced segments' own in a view, objects included."""
    odd = Segment("x", 2, "ok", "ok", notes=(object(),))  # type: ignore[arg-type]
    segs = RICH * 30 + [odd]
    packed = pack(iter(segs), spill=spill)
    want = [(i, s.source, s.target or "", s.status) for i, s in enumerate(segs)]
    assert list(packed.texts()) == want
    assert list(packed.texts(97)) == want[97:]
    assert list(packed.texts(len(segs))) == []
    view = SegmentView(packed, {1: Segment("b", 1, "новый", "nuevo", status="final")})
    got = list(view.texts())
    assert got[1] == (1, "новый", "nuevo", "final") and got[0] == want[0]
    assert got[2:] == want[2:]

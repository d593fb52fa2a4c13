"""The core review API (reviewer.project) and the `corrections`/`apply` commands:
history and undo, statuses, annotations, dismissals surviving a re-ordered input,
orphans when the input changed, reviewer names, conflicts on apply."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.config import parse_config
from reviewer.errors import ReviewerError, UsageError
from reviewer.project import Project, default_reviewer, map_keys
from reviewer.model import Segment
from reviewer.runner import plan_checks
from reviewer.store import ConflictError

DATA = Path(__file__).parent / "data"


def _tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return path


ROWS = [
    ("Hello {name}", "Ciao"),  # missing placeholder
    ("Open the file", "Apri il file"),
    ("Save {count} files", "Salva {count} file"),
    ("Close", "Chiudi"),
    ("Quit", "Esci"),
]


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    return _tsv(tmp_path / "app.tsv", ROWS)


def _placeholder_plan():  # type: ignore[no-untyped-def]
    """Only the placeholder check."""
    return plan_checks(parse_config({"check": {"disable": ["all"]}}), enable=["placeholder"])


def _open(path: Path, **kw: object) -> Project:
    return Project.open(path, reviewer="ann", **kw)  # type: ignore[arg-type]


def test_open_creates_store_beside_input(tsv: Path) -> None:
    with _open(tsv) as p:
        assert len(p) == 5 and p.format == "tsv"
        assert [s.id for s in p.segments] == ["2", "3", "4", "5", "6"]
        assert p.status(0) == "unreviewed" and not p.input_changed
    assert (tsv.parent / "app.tsv.review.sqlite").exists()


def test_correct_accept_reject_and_persistence(tsv: Path) -> None:
    with _open(tsv) as p:
        row = p.correct(0, "Ciao {name}", note="placeholder")
        assert row is not None and row.before == "Ciao"
        assert p.correct(0, "Ciao {name}") is None
        p.accept(1)
        p.reject(2)
        assert p.segments[0].target == "Ciao {name}"
        assert p.original(0).target == "Ciao"
    with _open(tsv) as p:  # a new session sees everything
        assert p.segments[0].target == "Ciao {name}"
        assert [p.status(i) for i in range(4)] == ["corrected", "accepted", "rejected", "unreviewed"]
        [c] = p.corrections()
        assert c.to_dict() == {"unit": "2", "before": "Ciao", "after": "Ciao {name}",
                               "reviewer": "ann", "time": c.time, "note": "placeholder"}
        assert c.time and c.time.endswith("Z")


def test_history_and_undo_of_every_kind(tsv: Path) -> None:
    with _open(tsv) as p:
        p.correct(0, "Ciao {name}")
        p.correct(0, "Salve {name}")
        p.accept(0)
        ann = p.annotate(0, "target", 0, 5, "style", "minor", "register")
        p.remove_annotation(ann.id)
        assert p.annotations(0) == []
        plan = _placeholder_plan()
        p.undo(0)  # the annotation removal
        assert [a.id for a in p.annotations(0)] == [ann.id]
        p.undo(0)  # the annotation
        assert p.annotations(0) == []
        p.undo(0)  # the acceptance
        assert p.status(0) == "corrected"
        p.undo(0)  # the second correction
        assert p.segments[0].target == "Ciao {name}"
        p.undo(0)  # the first correction
        assert p.segments[0].target == "Ciao" and p.status(0) == "unreviewed"
        assert p.corrections() == []
        assert p.undo(0) is None
        kinds = [h.kind for h in p.history(0)]
        assert kinds == ["correct", "correct", "status", "annotate", "unannotate"] + ["undo"] * 5
        assert all(h.undone for h in p.history(0)[:5])
        # a dismissal is undone like the rest
        f = [f for f in p.findings(plan) if f.check == "placeholder"][0]
        p.dismiss(0, f)
        assert not [f for f in p.findings(plan) if f.check == "placeholder"]
        p.undo(0)
        assert [f for f in p.findings(plan) if f.check == "placeholder"]
        assert p.store.count("corrections") == 4  # nothing deleted, reverts appended


def test_annotation_span_and_side_checked(tsv: Path) -> None:
    with _open(tsv) as p:
        with pytest.raises(UsageError):
            p.annotate(0, "target", 0, 99, "style", "minor")
        with pytest.raises(UsageError):
            p.annotate(0, "middle", 0, 1, "style", "minor")


def test_findings_follow_corrections(tsv: Path) -> None:
    plan = _placeholder_plan()
    with _open(tsv) as p:
        assert any(f.check == "placeholder" and f.unit == "2" for f in p.findings(plan))
        assert 0 in p.findings_by_segment(plan)
        p.correct(0, "Ciao {name}")
        assert not any(f.check == "placeholder" and f.unit == "2" for f in p.findings(plan))
        assert 0 not in p.findings_by_segment(plan)


def test_dismissal_survives_reordered_input(tmp_path: Path) -> None:
    rows = [(f"Item {k} of {{n}}", f"Voce {k}") for k in range(12)]  # all miss {n}
    path = _tsv(tmp_path / "list.tsv", rows)
    plan = _placeholder_plan()
    with _open(path) as p:
        target = [f for f in p.findings(plan) if f.unit == "5"][0]  # line 5 = Item 3
        assert p.original(3).source == "Item 3 of {n}"
        p.dismiss(3, target)
        assert p.is_dismissed(3, target)
        p.correct(7, "Voce 7 di {n}")
        p.accept(9)
        n_before = len(p.findings(plan))
    shuffled = rows[:]
    random.Random(4).shuffle(shuffled)
    _tsv(path, shuffled)
    with _open(path) as p:
        assert p.input_changed
        i3 = next(i for i, s in enumerate(p.segments) if s.source == "Item 3 of {n}")
        i7 = next(i for i, s in enumerate(p.segments) if s.source == "Item 7 of {n}")
        i9 = next(i for i, s in enumerate(p.segments) if s.source == "Item 9 of {n}")
        found = p.findings(plan)
        assert not [f for f in found if f.index == i3]
        assert len(found) == n_before
        assert p.segments[i7].target == "Voce 7 di {n}"  # moved correction follows its source
        assert p.status(i9) == "accepted"
        assert p.orphans() == []
        assert [c.unit for c in p.corrections()] == [p.segments[i7].id]


def test_dismissal_is_keyed_by_content(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "d.tsv", [("A {x}", "A"), ("A {x}", "A"), ("B {x}", "B")])
    plan = _placeholder_plan()
    with _open(path) as p:
        f0 = [f for f in p.findings(plan) if f.index == 0][0]
        p.dismiss(0, f0)
        assert p.dismiss(0, f0) is False
        remaining = p.findings(plan)
        assert {f.index for f in remaining} == {2}  # same content elsewhere: dismissed too
        p.correct(0, "AA")  # new content: the dismissal no longer applies to it
        assert {f.index for f in p.findings(plan)} == {0, 2}


def test_changed_input_reports_orphans(tsv: Path) -> None:
    with _open(tsv) as p:
        p.correct(0, "Ciao {name}")
        p.correct(3, "Chiudi tutto")
    rows = [r for r in ROWS if r[0] != "Close"] + [("New string", "Nuova")]
    _tsv(tsv, rows)
    with _open(tsv) as p:
        assert p.input_changed
        [o] = p.orphans()
        assert (o.unit, o.before, o.after, o.orphan) == ("5", "Chiudi", "Chiudi tutto", True)
        assert [c.after for c in p.corrections()] == ["Ciao {name}"]
        assert p.store.count("corrections") == 2  # kept, never dropped
    r = CliRunner().invoke(cli, ["corrections", str(tsv), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert lines[-1]["orphan"] is True and lines[-1]["after"] == "Chiudi tutto"


def test_map_keys_by_id_then_source() -> None:
    segs = [Segment("1", 0, "a", "x"), Segment("2", 1, "b", "y"), Segment("3", 2, "a", "z")]
    keys, orphans = map_keys(segs, [("3", "a"), ("9", "b"), ("7", "a"), ("8", "gone")])
    assert keys == [("7", "a"), ("9", "b"), ("3", "a")]
    assert orphans == [("8", "gone")]


def test_reviewer_name_sources(tsv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_reviewer(parse_config({"reviewer": "carla"})) == "carla"
    monkeypatch.setattr("getpass.getuser", lambda: "osuser")
    assert default_reviewer(parse_config({})) == "osuser"
    with Project.open(tsv, config=parse_config({"reviewer": "carla"})) as p:
        assert p.reviewer == "carla"
    with Project.open(tsv, reviewer="dan", config=parse_config({"reviewer": "carla"})) as p:
        assert p.reviewer == "dan"


def test_glossary_entries(tsv: Path) -> None:
    with _open(tsv) as p:
        p.add_glossary_entry("file", "file", "do not translate")
        assert [(g.source, g.reviewer) for g in p.glossary_entries()] == [("file", "ann")]


def test_inline_codes_checked(tmp_path: Path) -> None:
    path = tmp_path / "s.xlf"
    shutil.copy(DATA / "xliff" / "sample12.xlf", path)
    with _open(path) as p:
        with pytest.raises(UsageError, match="inline code"):
            p.correct(0, "Ciao \ue000mondo\ue001\ue005!")
        p.correct(0, "Salve \ue000mondo\ue001!")
        assert p.segments[0].target_codes == p.original(0).target_codes


def test_checked_correct_raises_conflict(tsv: Path) -> None:
    with _open(tsv) as p:
        p.correct(1, "Apri file")
        with pytest.raises(ConflictError):
            p.correct(1, "Apri i file", expected="Apri il file", check=True)


def test_plain_text_pair(tmp_path: Path) -> None:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "it.txt"
    shutil.copy(DATA / "text" / "pair.en.txt", src)
    shutil.copy(DATA / "text" / "pair.it.txt", tgt)
    with Project.open(tgt, source_path=src, reviewer="ann") as p:
        assert p.segments[1].source == "How are you?"
        p.correct(1, "Come va?")
        p.export(tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_text().splitlines()[1] == "Come va?"
    assert (tmp_path / "it.txt.review.sqlite").exists()


# ------------------------------------------------------------------ CLI


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_apply_records_and_reports_conflicts(tsv: Path, tmp_path: Path) -> None:
    with _open(tsv) as p:
        p.correct(1, "Apri file")  # the screen changed unit 3 meanwhile
    corr = _write_jsonl(tmp_path / "c.jsonl", [
        {"unit": "2", "before": "Ciao", "after": "Ciao {name}", "reviewer": "bob",
         "time": "2024-05-01T10:00:00Z", "note": "from script"},
        {"unit": "3", "before": "Apri il file", "after": "Apri i file"},  # conflict
        {"unit": "99", "before": "x", "after": "y"},  # unknown
        {"unit": "5", "before": "Chiudi", "after": "Chiudi"},  # nothing to do
    ])
    r = CliRunner().invoke(cli, ["apply", str(tsv), str(corr), "--reviewer", "eve"])
    assert r.exit_code == 1, r.output
    assert "conflict: unit '3': expected 'Apri il file', actual 'Apri file'" in r.output
    assert "unknown unit: '99'" in r.output
    with _open(tsv) as p:
        assert p.segments[0].target == "Ciao {name}"
        assert p.segments[1].target == "Apri file"  # not overwritten
        c = p.corrections()[0]
        assert (c.reviewer, c.time, c.note) == ("bob", "2024-05-01T10:00:00Z", "from script")
    # applying the same file again: the first is already there, still one conflict
    r = CliRunner().invoke(cli, ["apply", str(tsv), str(corr)])
    assert r.exit_code == 1
    with _open(tsv) as p:
        assert p.store.count("corrections") == 2


def test_apply_round_trip_from_corrections_listing(tsv: Path, tmp_path: Path) -> None:
    with _open(tsv) as p:
        p.correct(0, "Ciao {name}")
        p.correct(4, "Esci ora")
    r = CliRunner().invoke(cli, ["corrections", str(tsv), "--format", "jsonl"])
    listing = tmp_path / "c.jsonl"
    listing.write_text(r.output)
    copy = tmp_path / "copy.tsv"
    shutil.copy(tsv, copy)
    r = CliRunner().invoke(cli, ["apply", str(copy), str(listing)])
    assert r.exit_code == 0, r.output
    with _open(copy) as p:
        assert [c.after for c in p.corrections()] == ["Ciao {name}", "Esci ora"]


def test_apply_bad_jsonl_is_one_line_error(tsv: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"unit": "2", "after": "x"}\n{oops\n')
    r = CliRunner().invoke(cli, ["apply", str(tsv), str(bad)], standalone_mode=False)
    assert isinstance(r.exception, ReviewerError)
    assert f"{bad}:2" in str(r.exception)
    with _open(tsv) as p:
        assert p.corrections() == []  # nothing applied


@pytest.mark.parametrize("fmt", ["text", "csv", "diff"])
def test_corrections_formats(tsv: Path, fmt: str) -> None:
    with _open(tsv) as p:
        p.correct(0, "Ciao {name}")
    r = CliRunner().invoke(cli, ["corrections", str(tsv), "--format", fmt])
    assert r.exit_code == 0, r.output
    if fmt == "diff":
        assert "-Ciao\n+Ciao {name}\n" in r.output and r.output.startswith("--- a/")
    elif fmt == "csv":
        assert r.output.splitlines()[0] == "unit,before,after,reviewer,time,note,orphan,stale"
    else:
        assert "  - Ciao\n  + Ciao {name}\n" in r.output


def test_corrections_without_store_is_usage_error(tmp_path: Path) -> None:
    path = _tsv(tmp_path / "x.tsv", ROWS)
    r = CliRunner().invoke(cli, ["corrections", str(path)], standalone_mode=False)
    assert isinstance(r.exception, ReviewerError) and "no review store" in str(r.exception)
    assert not (tmp_path / "x.tsv.review.sqlite").exists()


def test_main_maps_bad_store_to_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _tsv(tmp_path / "x.tsv", ROWS)
    bad = tmp_path / "x.tsv.review.sqlite"
    bad.write_bytes(b"garbage" * 100)
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "corrections", str(path)],
                          capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and str(bad) in proc.stderr
    assert bad.read_bytes() == b"garbage" * 100

"""``reviewer replace`` and :mod:`reviewer.bulk`: bulk fixes recorded as ordinary
corrections."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer import bulk
from reviewer.cli import cli
from reviewer.model import Segment
from reviewer.project import Project

REPO = Path(__file__).resolve().parents[1]


def _seg(i: int, target: str | None, plural: tuple[str, ...] = ()) -> Segment:
    return Segment(str(i + 1), i, f"src {i}", target, plural_source="p" if plural else None,
                   plural_targets=plural)


def test_plan_literal_regex_case_and_plural_forms() -> None:
    segs = [_seg(0, "Nvidia e nvidia"), _seg(1, None), _seg(2, "Привет, мир"),
            _seg(3, "x", ("1 Nvidia", "2 Nvidia")), _seg(4, "NVIDIA")]
    lit = bulk.plan(segs, "Nvidia", "NVIDIA")
    assert [(c.pos, c.form, c.after) for c in lit] == [
        (0, None, "NVIDIA e nvidia"), (3, 0, "1 NVIDIA"), (3, 1, "2 NVIDIA")]
    ci = bulk.plan(segs, "nvidia", "NVIDIA", ignore_case=True)
    assert ci[0].after == "NVIDIA e NVIDIA" and ci[0].count == 2
    assert all(c.pos != 4 for c in ci)  # already right: no change planned
    rx = bulk.plan(segs, r"(\w+), (\w+)", r"\2, \1", regex=True)
    assert [(c.pos, c.after) for c in rx] == [(2, "мир, Привет")]
    assert bulk.plan(segs, "Nvidia", "NVIDIA", only={3}) == lit[1:]
    # the pattern is literal unless --regex: "." matches only a dot
    assert bulk.plan([_seg(0, "a.b axb")], ".", "!") [0].after == "a!b axb"


def test_plan_rejects_bad_input() -> None:
    from reviewer.errors import UsageError

    with pytest.raises(UsageError, match="bad regular expression"):
        bulk.plan([_seg(0, "a")], "(", "x", regex=True)
    with pytest.raises(UsageError, match="empty"):
        bulk.plan([_seg(0, "a")], "", "x")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    for name in ("article.en-it.tsv", "article.glossary.tsv", "reviewer.toml"):
        shutil.copy(REPO / "samples" / name, tmp_path / name)
    return tmp_path / "article.en-it.tsv"


def test_cli_dry_run_writes_nothing(article: Path) -> None:
    r = CliRunner().invoke(cli, ["replace", str(article), "Nvidia", "NVIDIA", "--dry-run"])
    assert r.exit_code == 0, r.output
    assert "[-Nvidia-]{+NVIDIA+}" in r.output
    assert not Path(str(article) + ".review.sqlite").exists()
    assert "dry run: nothing recorded" in r.stderr


def test_cli_records_corrections_undone_together(article: Path) -> None:
    before = article.read_bytes()
    r = CliRunner().invoke(cli, ["replace", str(article), "Nvidia", "NVIDIA", "--reviewer", "ann"])
    assert r.exit_code == 0, r.output
    listed = [ln for ln in r.output.splitlines() if "{+NVIDIA+}" in ln]
    assert article.read_bytes() == before  # the input is never written
    with Project.open(article, create=False) as p:
        cs = p.corrections()
        assert len(cs) == len(listed) >= 5
        assert all("Nvidia" not in c.after and c.reviewer == "ann" for c in cs)
        note = cs[0].note
        assert note and note.startswith("replace ") and all(c.note == note for c in cs)
        p.undo(cs[0].index)  # one by one ...
        assert len(p.corrections()) == len(cs) - 1
        undone = p.undo_batch(note)  # ... or together
        assert len(undone) == len(cs) - 1 and p.corrections() == []
    out = CliRunner().invoke(cli, ["corrections", str(article)])
    assert out.exit_code == 0 and "NVIDIA" not in out.output


def test_cli_only_findings(article: Path) -> None:
    r = CliRunner().invoke(cli, ["replace", str(article), r"Open(ai|i|brai)\b", "OpenAI",
                                 "--regex", "--only-findings", "term", "--dry-run",
                                 "--config", str(article.parent / "reviewer.toml")])
    assert r.exit_code == 0, r.output
    assert "[-Openbrai-]{+OpenAI+}" in r.output
    # a check that finds nothing there limits the replace to nothing
    r = CliRunner().invoke(cli, ["replace", str(article), "Nvidia", "NVIDIA", "--dry-run",
                                 "--only-findings", "url"])
    assert r.exit_code == 0 and "{+NVIDIA+}" not in r.output


def test_cli_errors_are_one_line_exit_2(article: Path) -> None:
    for args in (["(", "x", "--regex"], ["x", "y", "--only-findings", "no-such-check"]):
        p = subprocess.run([sys.executable, "-m", "reviewer.cli", "replace", str(article), *args],
                           capture_output=True, text=True, cwd=REPO)
        assert p.returncode == 2, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr

"""Small command-line items of issue 20: check's closing summary on a terminal, report
--format md, a directory scan that leaves glossaries out."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.inputs import expand as _expand_inputs
from reviewer.glossary_io import looks_like_glossary
from reviewer.output import summary_line

REPO = Path(__file__).resolve().parents[1]


def test_summary_line_counts_by_severity_and_check() -> None:
    stats = {"units": 24, "findings": {"total": 5, "by_severity": {"minor": 2, "major": 3,
                                                                  "critical": 0},
                                       "by_check": {"term": 3, "spelling": 1, "entity": 1}}}
    line = summary_line(stats)
    assert line == ("5 findings (minor 2, major 3) in 24 units; by check: term 3, entity 1, "
                    "spelling 1")
    assert "\n" not in line
    empty = {"units": 3, "findings": {"total": 0, "by_severity": {}, "by_check": {}}}
    assert summary_line(empty) == "3 units, no findings"


def test_check_on_a_terminal_ends_with_the_summary() -> None:
    """stderr a terminal: the summary closes the run; piped: nothing extra."""
    main, child = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "check",
                           "samples/formats/app.en-it.po"], cwd=REPO, stdout=subprocess.PIPE,
                          stderr=child, env=env, timeout=120)
    os.close(child)
    err = b""
    try:
        while True:
            chunk = os.read(main, 4096)
            if not chunk:
                break
            err += chunk
    except OSError:
        pass
    os.close(main)
    assert proc.returncode == 0
    last = err.decode().strip().splitlines()[-1]
    assert "findings (major" in last and "by check: placeholder 3" in last
    piped = subprocess.run([sys.executable, "-m", "reviewer.cli", "check",
                            "samples/formats/app.en-it.po"], cwd=REPO, capture_output=True,
                           env=env, timeout=120)
    assert "by check" not in piped.stderr.decode()


def test_report_format_md(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["report", "samples/formats/app.en-it.po", "--format", "md"])
    assert r.exit_code == 0, r.output
    assert r.output.lstrip().startswith("#") and "placeholder" in r.output


def test_directory_scan_leaves_glossaries_out(tmp_path: Path) -> None:
    for name in ("article.en-it.tsv", "article.glossary.tsv"):
        shutil.copy(REPO / "samples" / name, tmp_path / name)
    (tmp_path / "terms.csv").write_text("term,translation,forbidden\nfoo,bar,baz\n",
                                        encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("source,target,note\nHello,Hallo,\n", encoding="utf-8")
    found = [Path(p).name for p in _expand_inputs((str(tmp_path),))]
    assert found == ["article.en-it.tsv", "pairs.csv"]
    assert looks_like_glossary(tmp_path / "article.glossary.tsv")
    assert not looks_like_glossary(tmp_path / "article.en-it.tsv")
    # named explicitly, a file is read whatever it looks like
    assert _expand_inputs((str(tmp_path / "terms.csv"),)) == [str(tmp_path / "terms.csv")]


def test_store_suffix_in_step() -> None:
    from reviewer.glossary_io import STORE_SUFFIX
    from reviewer.store import SUFFIX

    assert STORE_SUFFIX == SUFFIX

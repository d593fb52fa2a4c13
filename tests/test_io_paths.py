"""Every ``-o`` goes through one writer and every input through one opener: the
output-path refusals and write-throughs, and inputs that are not regular files
(FIFO, pipe, process substitution), for each command that writes or reads them."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
TSV = "source\ttarget\nSave 3 changes\tSalva 5 modifiche\nClose the window\tChiudi la finestra\n"


def run(*args: str, cwd: Path, stdin: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], capture_output=True,
                          text=True, cwd=cwd, input=stdin, timeout=timeout, env=env)


def one_line_error(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    return lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a small TSV, a reviewed copy of it (a store with one correction)
    and the sample glossary."""
    (tmp_path / "in.tsv").write_text(TSV, encoding="utf-8")
    fix = tmp_path / "fix.jsonl"
    fix.write_text(json.dumps({"unit": "2", "before": "Salva 5 modifiche", "after": "Salva 3 modifiche"}) + "\n", encoding="utf-8")
    p = run("apply", "in.tsv", "fix.jsonl", "--source-lang", "en", "--target-lang", "it",
            cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "in.tsv.review.sqlite").is_file()
    return tmp_path


def _store_ok(work: Path) -> None:
    with sqlite3.connect(work / "in.tsv.review.sqlite") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


# ------------------------------------------------------------------ output refusals

STORE_WRITERS = [
    ("corrections", "in.tsv"),
    ("check", "in.tsv"),
    ("report", "in.tsv", "--format", "json"),
    ("score", "in.tsv", "-r", "in.tsv"),
    ("export", "in.tsv"),
]


@pytest.mark.parametrize("cmd", STORE_WRITERS, ids=lambda c: c[0])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_no_command_writes_over_the_review_store(work: Path, cmd: tuple[str, ...],
                                                 suffix: str) -> None:
    target = work / f"in.tsv.review.sqlite{suffix}"
    before = target.read_bytes() if target.exists() else None
    msg = one_line_error(run(*cmd, "-o", target.name, cwd=work))
    assert "review store" in msg and target.name in msg
    assert (target.read_bytes() if target.exists() else None) == before
    _store_ok(work)


def test_mqm_import_refuses_a_review_store(work: Path) -> None:
    (work / "a.tsv").write_text("system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n",
                                encoding="utf-8")
    one_line_error(run("mqm", "import", "a.tsv", "-o", "in.tsv.review.sqlite", cwd=work))
    _store_ok(work)


@pytest.mark.parametrize("cmd", [("check", "in.tsv"), ("export", "in.tsv"),
                                 ("report", "in.tsv", "--format", "json"),
                                 ("corrections", "in.tsv")], ids=lambda c: c[0])
def test_no_command_writes_over_its_input(work: Path, cmd: tuple[str, ...]) -> None:
    msg = one_line_error(run(*cmd, "-o", "in.tsv", cwd=work))
    assert "input" in msg
    assert (work / "in.tsv").read_text(encoding="utf-8") == TSV
    # also through another spelling of the same path, and through a symlink
    os.symlink(work / "in.tsv", work / "link.tsv")
    one_line_error(run(*cmd, "-o", "./sub/../in.tsv", cwd=work))
    one_line_error(run(*cmd, "-o", "link.tsv", cwd=work))
    assert (work / "in.tsv").read_text(encoding="utf-8") == TSV


def test_glossary_and_config_are_inputs_too(work: Path) -> None:
    shutil.copy(SAMPLES / "article.glossary.tsv", work / "g.tsv")
    (work / "reviewer.toml").write_text('[check]\nglossary = "g.tsv"\n', encoding="utf-8")
    before = (work / "g.tsv").read_bytes()
    one_line_error(run("check", "in.tsv", "-o", "g.tsv", cwd=work))
    one_line_error(run("check", "in.tsv", "-o", "reviewer.toml", cwd=work))
    assert (work / "g.tsv").read_bytes() == before


@pytest.mark.parametrize("cmd", [("check", "in.tsv"), ("export", "in.tsv"),
                                 ("score", "in.tsv", "-r", "in.tsv")], ids=lambda c: c[0])
@pytest.mark.parametrize("bad", ["", "dir"])
def test_a_directory_or_empty_output_is_a_one_line_error(work: Path, cmd: tuple[str, ...],
                                                         bad: str) -> None:
    (work / "dir").mkdir(exist_ok=True)
    one_line_error(run(*cmd, "-o", bad, cwd=work))


# ------------------------------------------------------------------ output write-through

def test_dash_is_standard_output_for_export(work: Path) -> None:
    p = run("export", "in.tsv", "-o", "-", cwd=work)
    assert p.returncode == 0, p.stderr
    assert "Salva 3 modifiche" in p.stdout and not (work / "-").exists()
    p = run("check", "in.tsv", "--no-store", "--format", "jsonl", "-o", "-", cwd=work)
    assert p.returncode == 0 and json.loads(p.stdout.splitlines()[0])["check"] == "number"
    assert not (work / "-").exists()


def test_dev_stdout_is_written_through(work: Path) -> None:
    p = run("export", "in.tsv", "-o", "/dev/stdout", cwd=work)
    assert p.returncode == 0, p.stderr
    assert "Salva 3 modifiche" in p.stdout


def test_a_symlink_output_keeps_the_link(work: Path) -> None:
    (work / "real.jsonl").write_text("old\n", encoding="utf-8")
    os.symlink("real.jsonl", work / "out.jsonl")
    p = run("check", "in.tsv", "--no-store", "--format", "jsonl", "-o", "out.jsonl", cwd=work)
    assert p.returncode == 0, p.stderr
    assert (work / "out.jsonl").is_symlink()
    assert '"number"' in (work / "real.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("cmd", [("check", "in.tsv", "--no-store", "--format", "jsonl"),
                                 ("export", "in.tsv")], ids=lambda c: c[0])
def test_a_fifo_output_is_written_through(work: Path, cmd: tuple[str, ...]) -> None:
    fifo = work / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    p = run(*cmd, "-o", str(fifo), cwd=work)
    reader.join(30)
    assert p.returncode == 0, p.stderr
    assert fifo.is_fifo() and got and got[0].strip()


# ------------------------------------------------------------------ inputs that stream

@pytest.mark.parametrize("cmd", [("check", "f.tsv"), ("check", "in.tsv", "-g", "f.tsv"),
                                 ("apply", "in.tsv", "f.tsv")], ids=["input", "glossary", "corrections"])
def test_a_fifo_with_no_writer_never_hangs(work: Path, cmd: tuple[str, ...],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(work / "f.tsv")
    msg = one_line_error(run(*cmd, cwd=work, timeout=60))
    assert "f.tsv" in msg and "pipe" in msg


def test_process_substitution_is_read(work: Path) -> None:
    if not shutil.which("bash"):
        pytest.skip("needs bash for <(...)")
    cmd = (f"{sys.executable} -m reviewer.cli check --format jsonl --source-lang en "
           "--target-lang it --source <(printf 'Save 3 changes\\n') "
           "--target <(printf 'Salva 5 modifiche\\n')")
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=work,
                       timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert p.returncode == 0, p.stderr
    assert [json.loads(x)["check"] for x in p.stdout.splitlines()] == ["number", "number"]


def test_a_pipe_with_input_format_is_read_not_empty(work: Path) -> None:
    p = run("check", "/dev/stdin", "--input-format", "tsv", "--format", "jsonl",
            "--source-lang", "en", "--target-lang", "it", cwd=work, stdin=TSV)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert rows and rows[0]["file"] == "/dev/stdin" and rows[0]["check"] == "number"


def test_a_pipe_without_a_format_is_a_one_line_error(work: Path) -> None:
    msg = one_line_error(run("check", "/dev/stdin", cwd=work, stdin=TSV))
    assert "/dev/stdin" in msg


def test_a_review_store_needs_a_regular_file(work: Path) -> None:
    msg = one_line_error(run("apply", "/dev/stdin", "fix.jsonl", "--input-format", "tsv",
                             cwd=work, stdin=TSV))
    assert "regular file" in msg


def test_a_reference_in_any_bilingual_format_is_read_as_such(tmp_path: Path) -> None:
    """`score -r` reads a reference by the one suffix registry (.xlf2 is XLIFF)."""
    src = REPO / "tests" / "data" / "xliff" / "sample20.xlf"
    if not src.is_file():
        pytest.skip("no XLIFF 2 sample")
    shutil.copy(src, tmp_path / "ref.xlf2")
    shutil.copy(src, tmp_path / "hyp.xlf")
    p = run("score", "hyp.xlf", "-r", "ref.xlf2", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert '"bleu"' in p.stdout.lower()

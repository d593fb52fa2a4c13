"""Real processes on one review store: two writers at once (no lost update, no
corruption), a review session open while `reviewer apply` runs, a lock held too long
(a clear message), and the SIGKILL durability test (every acknowledged save survives)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer import store as store_mod
from reviewer.project import Project
from reviewer.store import StoreBusyError

REPO = Path(__file__).resolve().parents[1]
N_ROWS = 40

WRITER = r"""
import sys, time
from pathlib import Path
from reviewer.project import Project
src, store, who, n, go = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
p = Project.open(src, store_path=store, reviewer=who)
while not go.exists():
    time.sleep(0.005)
for k in range(n):
    p.correct(k % len(p), f"{who} {k}")
    if k % 5 == 0:
        p.accept((k + 1) % len(p))
p.close()
print("done", flush=True)
"""

SAVER = r"""
import sys
from reviewer.project import Project
src, store = sys.argv[1], sys.argv[2]
p = Project.open(src, store_path=store, reviewer="saver")
k = 0
while True:
    p.correct(k % len(p), f"save {k}")
    sys.stdout.write(f"{k}\n")
    sys.stdout.flush()
    k += 1
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    p = tmp_path / "c.tsv"
    p.write_text("source\ttarget\n" + "".join(f"Source {k}\tTarget {k}\n" for k in range(N_ROWS)),
                 encoding="utf-8")
    return p


def _rows(store: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(store)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_two_processes_write_at_once(tsv: Path, tmp_path: Path) -> None:
    store = tmp_path / "c.review.sqlite"
    go = tmp_path / "go"
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tsv), str(store), who, str(n), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                              cwd=REPO) for who in ("alice", "bob")]
    time.sleep(0.5)  # both opened (and one of them created) the store
    go.touch()
    results = [p.communicate(timeout=60) for p in procs]
    for proc, (out, err) in zip(procs, results):
        # both succeed, or one gets the clear busy message (never a traceback of corruption)
        assert proc.returncode == 0 and out.strip() == "done" or "review store is busy" in err, err
    ok = [who for proc, who in zip(procs, ("alice", "bob")) if proc.returncode == 0]
    assert _rows(store, "PRAGMA integrity_check") == [("ok",)]
    for who in ok:  # no lost update: every correction of every finished writer is there
        afters = {r[0] for r in _rows(store, f"SELECT after FROM corrections WHERE reviewer = '{who}'")}
        assert afters == {f"{who} {k}" for k in range(n)}
    assert _rows(store, "SELECT count(*) FROM corrections")[0][0] == n * len(ok)
    with Project.open(tsv, store_path=store) as p:
        # the current text of each segment is the latest write, whoever made it
        for i in range(N_ROWS):
            last = _rows(store, "SELECT after FROM corrections WHERE unit = '%d' ORDER BY id DESC LIMIT 1" % (i + 2))
            assert p.segments[i].target == (last[0][0] if last else f"Target {i}")


def test_open_session_sees_apply_from_another_process(tsv: Path, tmp_path: Path) -> None:
    store = tmp_path / "c.review.sqlite"
    corr = tmp_path / "c.jsonl"
    corr.write_text("".join(json.dumps({"unit": str(k + 2), "before": f"Target {k}", "after": f"Applied {k}"}) + "\n"
                            for k in range(0, N_ROWS, 2)), encoding="utf-8")
    with Project.open(tsv, store_path=store, reviewer="screen") as screen:
        screen.correct(1, "Screen 1")
        proc = subprocess.Popen([sys.executable, "-m", "reviewer.cli", "apply", str(tsv), str(corr),
                                 "--store", str(store)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=_env(), cwd=REPO)
        for k in range(3, N_ROWS, 2):  # the screen keeps saving meanwhile
            screen.correct(k, f"Screen {k}")
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, out + err
        segs = screen.segments  # reloads: another process committed
        assert [segs[k].target for k in range(0, 6)] == ["Applied 0", "Screen 1", "Applied 2", "Screen 3",
                                                         "Applied 4", "Screen 5"]
        assert len(screen.corrections()) == N_ROWS


def test_lock_held_too_long_gives_clear_message(tsv: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "c.review.sqlite"
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 200)
    p = Project.open(tsv, store_path=store, reviewer="ann")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
         "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(3)", str(store)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusyError) as e:
            p.correct(0, "blocked")
        assert "busy" in str(e.value) and str(store) in str(e.value)
    finally:
        holder.kill()
        holder.wait()
    assert p.segments[0].target == "Target 0"  # nothing half-saved
    p.correct(0, "later")  # works once the lock is gone
    assert p.segments[0].target == "later"
    p.close()


@pytest.mark.parametrize("acks", [5, 40])
def test_sigkill_loses_no_acknowledged_save(tsv: Path, tmp_path: Path, acks: int) -> None:
    store = tmp_path / "c.review.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", SAVER, str(tsv), str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
                            cwd=REPO)
    acknowledged: list[int] = []
    assert proc.stdout is not None
    try:
        while len(acknowledged) < acks:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            acknowledged.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: it is saving the next one
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Project.open(tsv, store_path=store) as p:  # recovery from the WAL
        afters = {r[0] for r in _rows(store, "SELECT after FROM corrections")}
        assert {f"save {k}" for k in acknowledged} <= afters
        last = acknowledged[-1]
        assert p.segments[last % len(p)].target in (f"save {last}", f"save {last + len(p)}")
    assert _rows(store, "PRAGMA integrity_check") == [("ok",)]

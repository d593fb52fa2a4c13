"""Chunked, multi-process and Dask runs give the single-process output exactly."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from reviewer.chunks import chunk_document, plan_chunks
from reviewer.formats import ReadOptions, open_document
from reviewer.output import write_jsonl
from reviewer.runner import plan_checks

OPTS = ReadOptions(source_lang="en", target_lang="de")


def _units(path: Path, **kw: object) -> list[tuple[object, ...]]:
    return [(s.id, s.index, s.line, s.source, s.target)
            for s in open_document(path, ReadOptions(**kw))]  # type: ignore[arg-type]


def _chunked_units(path: Path, chunk_bytes: int, **kw: object) -> tuple[int, list[tuple[object, ...]]]:
    opts = ReadOptions(**kw)  # type: ignore[arg-type]
    [chunks] = plan_chunks([str(path)], opts, 2, chunk_bytes=chunk_bytes, min_bytes=1)
    out: list[tuple[object, ...]] = []
    for c in chunks:
        base = len(out) - c.index_base
        out += [(s.id, s.index + base, s.line, s.source, s.target)
                for s in chunk_document(c, opts).segments]  # type: ignore[attr-defined]
    return len(chunks), out


TSV = ("source\ttarget\n"
       "Grüße aus Köln\tGrüße aus Köln 😀\r\n"
       "\n"
       "Save the file.\tDatei speichern.\r\n"
       "   \t  \n"
       "日本語のテキスト\t日本語\n"
       "Open %s now\tJetzt öffnen\n"
       "Last line\tLetzte Zeile")  # no final newline


@pytest.mark.parametrize("chunk_bytes", [1, 7, 13, 40, 1000])
def test_tsv_chunks_match_reader(tmp_path: Path, chunk_bytes: int) -> None:
    p = tmp_path / "a.tsv"
    p.write_bytes(TSV.encode("utf-8"))
    n, got = _chunked_units(p, chunk_bytes)
    assert got == _units(p)
    assert n > 1 or chunk_bytes == 1000


def test_jsonl_and_txt_chunks_match_reader(tmp_path: Path) -> None:
    rows = [{"source": f"Zeile {i} ü", "target": f"Linie {i} é" * (i % 3)} for i in range(30)]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows[:10]) + "\r\n\n"
    text += "\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows[10:])
    p = tmp_path / "a.jsonl"
    p.write_text(text, encoding="utf-8", newline="")
    assert _chunked_units(p, 50)[1] == _units(p)
    t = tmp_path / "a.txt"
    t.write_bytes("eins\r\nzwei\rdrei\n\nvier ß\r\n  \nfünf".encode("utf-8"))
    assert _chunked_units(t, 3)[1] == _units(t)


def test_bom_file_chunks(tmp_path: Path) -> None:
    p = tmp_path / "b.tsv"
    p.write_bytes("\ufeff".encode() + TSV.encode())
    assert _chunked_units(p, 10)[1] == _units(p)


def test_csv_multiline_cell_falls_back_to_whole_file(tmp_path: Path) -> None:
    p = tmp_path / "m.csv"
    rows = ['source,target'] + [f'"Row {i}","Zeile {i}"' for i in range(20)]
    rows.insert(8, '"Two\nlines","Zwei\nZeilen"')
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    [chunks] = plan_chunks([str(p)], OPTS, 2, chunk_bytes=10, min_bytes=1)
    assert [c.kind for c in chunks] == ["file"]
    q = tmp_path / "q.csv"
    q.write_text("\n".join(r for r in rows if "\n" not in r) + "\n", encoding="utf-8")
    n, got = _chunked_units(q, 30)
    assert n > 1 and got == _units(q)


def _corpus(tmp_path: Path, n: int = 120) -> Path:
    """Rows with per-unit problems and document-level ones (inconsistent
    translations, variant spellings, repeated rare words, names)."""
    rows = ["source\ttarget"]
    for i in range(n):
        k = i % 6
        if k == 0:
            rows.append(f"Open the file.\t{'Datei öffnen.' if i % 12 else 'Öffne die Datei.'}")
        elif k == 1:
            rows.append(f"Contact SAP Analytics Cloud {i} times.\tKontaktieren Sie SAP Analytcs Cloud {i + 1} Mal.")
        elif k == 2:
            name = "Kuberentes" if i % 4 == 0 else "Kubernetes"
            rows.append(f"The Kubernetes cluster {i}\tDer Cluster von {name} ist bereit")
        elif k == 3:
            rows.append(f"Use the widget now\tVerwenden Sie das Wigdet jetzt  sofort")
        elif k == 4:
            rows.append(f"Press %s to save\tDrücken Sie zum Speichern")
        else:
            rows.append(f"Grüße {i}\tGrüße {i}")
    p = tmp_path / "c.tsv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def _single(path: Path) -> tuple[str, dict[str, object]]:
    plan = plan_checks()
    buf = io.StringIO()
    write_jsonl(plan.run(open_document(path, OPTS)), buf)
    return buf.getvalue(), plan.stats.to_dict()


def _distributed(path: Path, engine: object, chunk_bytes: int = 250) -> tuple[str, dict[str, object]]:
    from reviewer.distributed import run_check

    plan = plan_checks()
    chunks = plan_chunks([str(path)], OPTS, 2, chunk_bytes=chunk_bytes, min_bytes=1)
    assert len(chunks[0]) > 4
    buf = io.StringIO()
    write_jsonl(run_check(plan, chunks, OPTS, engine), buf)  # type: ignore[arg-type]
    return buf.getvalue(), plan.stats.to_dict()


def test_workers_findings_identical(tmp_path: Path) -> None:
    from reviewer.distributed import LocalEngine

    p = _corpus(tmp_path)
    want, want_stats = _single(p)
    checks = {json.loads(x)["check"] for x in want.splitlines()}
    assert {"consistency", "spelling"} <= checks  # document checks fire
    eng = LocalEngine(2)
    try:
        got, got_stats = _distributed(p, eng)
    finally:
        eng.close()
    assert got == want
    assert got_stats == want_stats


@pytest.mark.parametrize("fmt", ["text"])
def test_cli_workers_identical(tmp_path: Path, fmt: str) -> None:
    p = _corpus(tmp_path, 30)
    args = [sys.executable, "-m", "reviewer.cli", "check", str(p), "--format", fmt,
            "--source-lang", "en", "--target-lang", "de", "--color", "never"]
    one = subprocess.run(args, capture_output=True, text=True)
    two = subprocess.run(args + ["--workers", "2"], capture_output=True, text=True)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and one.stdout


def test_scores_exact(tmp_path: Path) -> None:
    from reviewer.distributed import LocalEngine, score_stats
    from reviewer.metrics import METRICS, MetricOptions, SegmentStats

    hyps = [f"Das ist Satz Nummer {i} mit etwas Text." for i in range(300)]
    refs = [[f"Dies ist der Satz {i} mit ein wenig Text." if i % 3 else h for i, h in enumerate(hyps)]]
    eng = LocalEngine(2)
    try:
        for m in METRICS:
            a = SegmentStats(m, hyps, refs, MetricOptions())
            b = score_stats(eng, m, hyps, refs, MetricOptions(), chunk=37)
            assert (a.rows == b.rows).all()
            assert a.corpus().score == b.corpus().score
            assert a.signature == b.signature
            assert a.segments() == b.segments()
    finally:
        eng.close()


def test_cluster_without_dask_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.distributed import DaskEngine
    from reviewer.errors import UsageError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(UsageError, match=r"pip install 'reviewer\[dask\]'"):
        DaskEngine("local:1")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """One LocalCluster of 2 workers for the Dask tests (skipped without Dask)."""
    pytest.importorskip("dask.distributed")
    from reviewer.distributed import DaskEngine

    eng = DaskEngine("local:2")
    yield eng
    eng.close()


def test_local_cluster_identical(tmp_path: Path, cluster: object) -> None:
    p = _corpus(tmp_path, 60)
    want, _ = _single(p)
    got, _ = _distributed(p, cluster)
    assert got == want


def _profiling() -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled"))


def test_local_cluster_workers_do_not_profile(cluster: object) -> None:
    # Dask's stack sampler costs ~10 % of a pure-Python task's CPU; nobody reads it.
    got = cluster.client.run(_profiling)  # type: ignore[attr-defined]
    assert len(got) == 2 and not any(got.values())


def test_killed_worker_loses_nothing(tmp_path: Path, cluster: object) -> None:
    from reviewer.distributed import run_check

    p = _corpus(tmp_path, 150)
    want, _ = _single(p)
    pids = cluster.client.run(os.getpid)  # type: ignore[attr-defined]  # address -> pid
    plan = plan_checks()
    chunks = plan_chunks([str(p)], OPTS, 2, chunk_bytes=200, min_bytes=1)
    assert len(chunks[0]) > 12  # more chunks than the 6 in flight
    it = run_check(plan, chunks, OPTS, cluster)  # type: ignore[arg-type]
    buf = io.StringIO()
    write_jsonl([next(it)], buf)  # pass 1 done, flagging under way
    os.kill(next(iter(pids.values())), 9)
    write_jsonl(it, buf)
    assert buf.getvalue() == want


def _po(tmp_path: Path, n: int = 60) -> Path:
    parts = ['msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i in range(n):
        tgt = "Datei öffnen" if i % 5 else "Öffne Datei"
        ctx = f'msgctxt "menu"\n' if i % 7 == 0 else ""
        parts.append(f'{ctx}msgid "Open file {i % 10}"\nmsgstr "{tgt} {i % 10 + (i % 9 == 0)}"\n')
    p = tmp_path / "a.po"
    p.write_text("\n".join(parts), encoding="utf-8")
    return p


def test_po_slices_identical(tmp_path: Path) -> None:
    from reviewer.distributed import LocalEngine, run_check

    p = _po(tmp_path)
    want, want_stats = _single(p)
    assert want
    plan = plan_checks()
    chunks = plan_chunks([str(p)], OPTS, 2, slice_units=7, min_bytes=1)
    assert [c.kind for c in chunks[0]][:2] == ["slice", "slice"]
    eng = LocalEngine(2)
    try:
        buf = io.StringIO()
        write_jsonl(run_check(plan, chunks, OPTS, eng), buf)
    finally:
        eng.close()
    assert buf.getvalue() == want
    assert plan.stats.to_dict() == want_stats


def test_local_pool_survives_a_killed_process(tmp_path: Path) -> None:
    from reviewer.distributed import LocalEngine, run_check

    p = _corpus(tmp_path, 240)
    want, _ = _single(p)
    eng = LocalEngine(2)
    try:
        plan = plan_checks()
        chunks = plan_chunks([str(p)], OPTS, 2, chunk_bytes=300, min_bytes=1)
        it = run_check(plan, chunks, OPTS, eng)  # type: ignore[arg-type]
        buf = io.StringIO()
        write_jsonl([next(it)], buf)
        os.kill(next(iter(eng.pool._processes)), 9)  # type: ignore[attr-defined]
        write_jsonl(it, buf)
    finally:
        eng.close()
    assert eng.restarts >= 1
    assert buf.getvalue() == want


def test_ordered_map_recovers_lost_work_and_reshares() -> None:
    """An engine that loses a worker (here: the first result of item 2 is a
    cancellation) is recovered once, its shared handles are renewed, and the tasks
    in flight are resubmitted: every result arrives, in order."""
    from concurrent.futures import CancelledError, Future

    from reviewer.distributed.engines import Engine, ordered_map

    class Flaky(Engine):
        workers = 2

        def __init__(self) -> None:
            self.recovered: list[tuple[object, ...]] = []
            self.failed = False

        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            f: Future[object] = Future()
            if args[-1] == 2 and not self.failed:
                self.failed = True
                f.set_exception(CancelledError("already forgotten"))
            else:
                f.set_result(fn(*args))
            return f

        def lost_work(self, exc: BaseException) -> bool:
            return isinstance(exc, CancelledError)

        def recover(self, shared):  # type: ignore[no-untyped-def]
            self.recovered.append(shared)
            return ("new",)

    eng = Flaky()
    out = list(ordered_map(eng, lambda s, x: (s, x), list(range(6)), "old", window=3))
    assert [x for _, x in out] == list(range(6))
    assert eng.recovered == [("old",)]
    assert out[1] == ("old", 1) and out[2] == ("new", 2) and out[5] == ("new", 5)


def test_ordered_map_does_not_retry_a_failing_task() -> None:
    from concurrent.futures import Future

    from reviewer.distributed.engines import Engine, ordered_map

    class Plain(Engine):
        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            f: Future[object] = Future()
            try:
                f.set_result(fn(*args))
            except Exception as e:
                f.set_exception(e)
            return f

    def boom(x: int) -> int:
        if x == 1:
            raise ValueError("bad row")
        return x

    with pytest.raises(ValueError, match="bad row"):
        list(ordered_map(Plain(), boom, [0, 1, 2]))

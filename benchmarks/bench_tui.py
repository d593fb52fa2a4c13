"""Benchmark of the review screen, headless (``App.run_test``).

For each size (default 1,000, 100,000 and 1,000,000 synthetic segments), in a fresh
process so that peak memory (``ru_maxrss``) is per size:

- ``build``: making the segments (not part of the UI);
- ``load``: :meth:`ReviewSession.load` in its worker (arrays over the segments);
- ``first_paint``: from the app's start to the first frame with rows, and from the end
  of loading to that frame;
- ``n``, ``G``, ``j``, ``save``: key handling, by calling the screen's actions directly
  (``pilot.press`` costs ~63 ms a key in the harness whatever the widget) and then
  rendering the visible region as a refresh would; CPU time (``process_time``) and wall
  time, median and max over repeats;
- ``rss``: peak resident memory of the process;
- ``--busy N``: the same keys measured while the real checks run in their worker
  (the keys then share the interpreter with the checker thread: the in-memory backend
  keeps the thread path);
- ``--busy-real N``: the same over the real Project (a TSV of N rows), where the checks
  run in a separate process (``REVIEWER_CHECKS_PROCESS=0``: the thread path, to compare).

The in-memory backend (:class:`reviewer.tui.memory.MemoryProject`) stands in for the
project, so a million segments need no million-row store import; ``--real N`` also
times the real :class:`reviewer.project.Project` (a TSV of N rows and its SQLite
store): ``Project.open`` and a save through SQLite (fsync'd).

    python benchmarks/bench_tui.py                      # 1k, 100k, 1M
    python benchmarks/bench_tui.py --sizes 1000 --real 1000,100000 --json
    python benchmarks/bench_tui.py --sizes "" --busy 100000   # keys while checks run
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SIZE = (160, 45)
TARGET_PAINT_S = 3.0
TARGET_KEY_MS = 50.0
TARGET_RSS_MB = 1536.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def synthetic_findings(session: Any, every: int = 10) -> dict[int, list[Any]]:
    """One finding on every ``every``-th segment (the first word of the target)."""
    from reviewer.model import Finding, Severity

    out: dict[int, list[Any]] = {}
    for i in range(3, session.n, every):
        seg = session.segs[i]
        word = (seg.target or "").split(" ")[0]
        out[i] = [Finding("spelling", "linguistic", Severity.MINOR, "target", 0, len(word), word,
                          f"'{word}' may be misspelt.", word.lower(), index=seg.index)]
    return out


def _timed(fn: Callable[[], Any], render: Callable[[], Any]) -> tuple[float, float]:
    """CPU and wall milliseconds of ``fn`` plus a render of the visible region."""
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    render()
    return (time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000


def _summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    cpu = [s[0] for s in samples]
    wall = [s[1] for s in samples]
    return {"cpu_ms_median": round(statistics.median(cpu), 2), "cpu_ms_max": round(max(cpu), 2),
            "wall_ms_median": round(statistics.median(wall), 2), "wall_ms_max": round(max(wall), 2)}


async def _measure_app(session: Any, repeats: int, busy: bool = False,
                       wait_findings: bool = False) -> dict[str, Any]:
    from textual.geometry import Region

    from reviewer.tui.app import ReviewApp

    app = ReviewApp(session, blink=False)
    t0 = time.perf_counter()
    c0 = time.process_time()
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while screen.painted_at is None:
            await asyncio.sleep(0.002)
        out["first_paint_s"] = round(screen.painted_at - t0, 3)
        out["first_paint_cpu_s"] = round(time.process_time() - c0, 3)
        out["paint_after_load_s"] = round(screen.painted_at - screen.loaded_at, 3)
        out["load_s"] = round(screen.loaded_at - t0, 3)
        if busy:  # measure while the checks run in their worker
            while not session.figures_ready:
                await asyncio.sleep(0.01)
            await pilot.pause()
            out["checks_running_during_keys"] = not session.checks_done
        else:
            await app.workers.wait_for_complete()
            await pilot.pause()
        out["figures_ready_s"] = round(time.perf_counter() - t0, 3)
        view = screen.view
        region = Region(0, 0, view.size.width, view.size.height)

        def render() -> None:
            view.render_lines(region)

        if not busy:  # as if the checks had run (the app then parks them: gc.freeze)
            session.add_findings(synthetic_findings(session))
            gc.freeze()
        view.refresh()
        await pilot.pause()

        async def measure() -> dict[str, Any]:
            keys: dict[str, list[tuple[float, float]]] = {"n": [], "G": [], "g": [], "j": [], "save": []}
            for _ in range(repeats):
                keys["n"].append(_timed(lambda: screen.action_next_finding(True), render))
            for _ in range(repeats):
                keys["G"].append(_timed(screen.action_last, render))
                await pilot.pause()
                keys["g"].append(_timed(screen.action_first, render))
                await pilot.pause()
            for _ in range(repeats):
                keys["j"].append(_timed(lambda: screen.action_cursor(1), render))
            await pilot.pause()
            for k in range(repeats):
                pos = session.current
                text = (session.segs[pos].target or "") + f" (corretto {k})"
                keys["save"].append(_timed(lambda: screen._commit(pos, text), render))
                await pilot.pause()
            return {k: _summary(v) for k, v in keys.items()}

        tk = time.perf_counter()
        out["keys"] = await measure()
        out["keys_phase_s"] = round(time.perf_counter() - tk, 3)  # keys and pauses, wall
        if busy:
            out["checks_running_after_keys"] = not session.checks_done
            out["findings_so_far"] = len(session.findings)
            out["check_path"] = getattr(screen, "check_path", "") or "running"
            out["check_error"] = getattr(session, "check_error", None)
            if wait_findings:  # again while the findings stream in (checks near their end)
                base = len(session.findings)  # the saves above found some already
                while len(session.findings) < base + 100 and not session.checks_done:
                    await asyncio.sleep(0.01)
                out["first_findings_s"] = round(time.perf_counter() - t0, 3)
                out["checks_running_during_streaming_keys"] = not session.checks_done
                tk = time.perf_counter()
                out["keys_streaming"] = await measure()
                out["keys_streaming_phase_s"] = round(time.perf_counter() - tk, 3)
                out["checks_running_after_streaming_keys"] = not session.checks_done
                while not session.checks_done and time.perf_counter() - t0 < 600:
                    await asyncio.sleep(0.05)
                out["checks_done_s"] = round(time.perf_counter() - t0, 3)
                out["findings_total"] = sum(len(v) for v in session.findings.values())
                out["check_path"] = getattr(screen, "check_path", "") or "running"
        await pilot.press("q")
    return out


def run_one(n: int, repeats: int, busy: bool = False) -> dict[str, Any]:
    """Measure one size in this process (``busy``: the real checks run meanwhile)."""
    from reviewer.tui.memory import MemoryProject, synthetic_segments
    from reviewer.tui.session import ReviewSession

    t = time.perf_counter()
    segs = synthetic_segments(n)
    build = time.perf_counter() - t
    backend = MemoryProject(segs)
    plan = None
    if busy:
        from reviewer.config import Config
        from reviewer.runner import plan_checks

        plan = plan_checks(Config())
    session = ReviewSession(backend, plan=plan)
    result = {"segments": n, "backend": "memory+checks running" if busy else "memory",
              "build_s": round(build, 3)}
    result.update(asyncio.run(_measure_app(session, repeats, busy)))
    result["rss_mb"] = round(_rss_mb(), 1)
    return result


def run_real(n: int, repeats: int, busy: bool = False) -> dict[str, Any]:
    """Time the real Project: open a TSV of ``n`` rows with a new store, then the app
    (``busy``: keys measured while the real checks run)."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project
    from reviewer.tui.memory import synthetic_segments
    from reviewer.tui.session import ReviewSession

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bench.tsv"
        with open(path, "w", encoding="utf-8") as f:
            f.write("source\ttarget\n")
            for s in synthetic_segments(n):
                f.write(f"{s.source}\t{s.target}\n")
        t = time.perf_counter()
        project = Project.open(path, store_path=Path(d) / "bench.sqlite",
                               read_options=ReadOptions(source_lang="en", target_lang="it"))
        opened = time.perf_counter() - t
        try:
            plan = None
            if busy:
                from reviewer.config import Config
                from reviewer.runner import plan_checks

                plan = plan_checks(Config())
            session = ReviewSession(project, plan=plan)
            label = "project+checks running" if busy else "project+sqlite"
            if busy and os.environ.get("REVIEWER_CHECKS_PROCESS", "1") == "0":
                label += " (thread forced)"
            result = {"segments": n, "backend": label, "project_open_s": round(opened, 3)}
            result.update(asyncio.run(_measure_app(session, repeats, busy, wait_findings=busy)))
            result["stored_corrections"] = len(project.corrections())
        finally:
            project.close()
    result["rss_mb"] = round(_rss_mb(), 1)
    return result


def verdict(r: dict[str, Any]) -> list[str]:
    """Targets missed by one result."""
    miss = []
    if r["paint_after_load_s"] > TARGET_PAINT_S:
        miss.append(f"paint {r['paint_after_load_s']} s > {TARGET_PAINT_S} s")
    for label, keys in (("", r["keys"]), ("streaming ", r.get("keys_streaming", {}))):
        for k, v in keys.items():
            if v["cpu_ms_max"] > TARGET_KEY_MS:
                miss.append(f"{label}{k} max {v['cpu_ms_max']} ms CPU > {TARGET_KEY_MS} ms")
    if r["segments"] >= 1_000_000 and r["rss_mb"] > TARGET_RSS_MB:
        miss.append(f"rss {r['rss_mb']} MB > {TARGET_RSS_MB} MB")
    return miss


def main() -> None:
    """Run each size in a child process and print a table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,100000,1000000")
    ap.add_argument("--real", default="", help="Sizes to run over the real Project too (e.g. 1000,100000).")
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--busy", default="", help="Sizes to measure while the real checks run.")
    ap.add_argument("--busy-real", default="",
                    help="Sizes to measure over the real Project while the checks run.")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--one-real", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--one-busy", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--one-busy-real", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.repeats)))
        return
    if args.one_busy:
        print(json.dumps(run_one(args.one_busy, args.repeats, busy=True)))
        return
    if args.one_busy_real:
        print(json.dumps(run_real(args.one_busy_real, args.repeats, busy=True)))
        return
    if args.one_real:
        print(json.dumps(run_real(args.one_real, args.repeats)))
        return
    jobs = [("--one", int(s)) for s in args.sizes.split(",") if s]
    jobs += [("--one-real", int(s)) for s in args.real.split(",") if s]
    jobs += [("--one-busy", int(s)) for s in args.busy.split(",") if s]
    jobs += [("--one-busy-real", int(s)) for s in args.busy_real.split(",") if s]
    results = []
    for flag, n in jobs:
        proc = subprocess.run([sys.executable, __file__, flag, str(n), "--repeats", str(args.repeats)],
                              capture_output=True, text=True, env={**os.environ, "TEXTUAL_ANIMATIONS": "none"})
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            raise SystemExit(f"{flag} {n} failed")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        k = r["keys"]
        extra = f" open {r['project_open_s']}s" if "project_open_s" in r else f" build {r['build_s']}s"
        print(f"{r['segments']:>9,} {r['backend']:15} load {r['load_s']}s paint {r['first_paint_s']}s "
              f"(after load {r['paint_after_load_s']}s){extra} rss {r['rss_mb']} MB")
        print("          keys CPU ms median/max: " + "  ".join(
            f"{name} {v['cpu_ms_median']}/{v['cpu_ms_max']}" for name, v in k.items()))
        print("          keys wall ms median/max: " + "  ".join(
            f"{name} {v['wall_ms_median']}/{v['wall_ms_max']}" for name, v in k.items()))
        if "checks running" in r["backend"]:
            print(f"          keys phase (the keys above with their screen updates) took "
                  f"{r.get('keys_phase_s')}s wall; streaming phase {r.get('keys_streaming_phase_s')}s")
            print(f"          checks path {r.get('check_path', 'thread')}, running during keys "
                  f"{r.get('checks_running_during_keys')}, after {r.get('checks_running_after_keys')}, "
                  f"findings so far {r.get('findings_so_far')}")
            if "keys_streaming" in r:
                ks = r["keys_streaming"]
                print("          while findings stream in (checks running: "
                      f"{r['checks_running_during_streaming_keys']}/{r['checks_running_after_streaming_keys']}):")
                print("          keys CPU ms median/max: " + "  ".join(
                    f"{name} {v['cpu_ms_median']}/{v['cpu_ms_max']}" for name, v in ks.items()))
                print("          keys wall ms median/max: " + "  ".join(
                    f"{name} {v['wall_ms_median']}/{v['wall_ms_max']}" for name, v in ks.items()))
            if "checks_done_s" in r:
                print(f"          first findings at {r['first_findings_s']}s, checks done at "
                      f"{r['checks_done_s']}s, {r['findings_total']} findings")
            print("          (CPU here includes any checker thread: read the wall times)")
        miss = verdict(r)
        print("          " + ("MISSED: " + "; ".join(miss) if miss else "all targets met"))


if __name__ == "__main__":
    main()

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

The in-memory backend (:meth:`reviewer.project.Project.in_memory`) stands in for the
project, so a million segments need no million-row store import.

``--real N,M`` measures ``reviewer review`` as a user meets it, over the real files:
for each size and each format of ``--formats`` (TSV, JSONL, PO, XLIFF 1.2, written
once into a temporary directory), a fresh process opens the file as the command does
(:func:`reviewer.tui.loader.staged_opener`: the first units, then the whole file in the
background; ``--no-checks``, as the checks are their own work) and reports the time
from the process's start (interpreter start included) to the first frame with rows,
its CPU time by then, the time to the full index, ``G`` after the index (CPU and wall
ms, with the render of the visible region), a search and a filter over the whole
index as the prompt sends them (streamed: wall and CPU ms to the first matching rows
on screen, seconds to the whole result, the UI thread's CPU per step), the resident
memory once indexed (VmRSS, issue 23's target) and the peak RSS. The command itself
is timed too: ``reviewer review FILE --no-checks`` spawned in a pseudo-terminal, from
the spawn to the first unit's text on the terminal, and its CPU by then (three runs,
the fastest in the table, all listed). The peer, in the same
run on the same file: ``less +G`` in a pseudo-terminal of the same size, timed from
its start to its last-line prompt ``(END)`` ("the whole file ready"), and plain
``less`` to its first screen.

    python benchmarks/bench_tui.py                      # 1k, 100k, 1M (memory backend)
    python benchmarks/bench_tui.py --sizes "" --real 100000,1000000
    python benchmarks/bench_tui.py --sizes "" --real 100000 --formats tsv,po
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

WALL0, PERF0 = time.time(), time.perf_counter()  # this process's start, as near as Python gets
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SIZE = (160, 45)
TARGET_PAINT_S = 3.0
TARGET_KEY_MS = 50.0
TARGET_RSS_MB = 1536.0
TARGET_FIRST_PAINT_S = 0.5  # issue 23: from process start, any size
TARGET_INDEXED_RSS_MB = 300.0  # issue 23: 1M segments once indexed
FORMATS = {"tsv": "tsv", "jsonl": "jsonl", "po": "po", "xliff": "xlf"}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _current_rss_mb() -> float:
    """Resident memory now (``ru_maxrss`` is the peak): VmRSS of /proc, else the peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return _rss_mb()


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
    from reviewer.project import Project
    from reviewer.tui.memory import synthetic_segments
    from reviewer.tui.session import ReviewSession

    t = time.perf_counter()
    segs = synthetic_segments(n)
    build = time.perf_counter() - t
    backend = Project.in_memory(segs)
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


# ------------------------------------------------------------ real files, staged open


def synthetic_rows(n: int, seed: int = 7) -> Any:
    """``(id, source, target)`` of :func:`synthetic_segments`' texts, streamed (a
    million rows without a million objects)."""
    import random

    rnd = random.Random(seed)
    words = ("the model reviews translation quality across many segments while "
             "reviewers correct errors in terminology accuracy style and markup").split()
    it_words = ("il modello rivede la qualità della traduzione su molti segmenti mentre "
                "i revisori correggono errori di terminologia accuratezza stile").split()
    for i in range(n):
        k = rnd.choice((4, 8, 12, 20, 40))
        src = " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."
        tgt = " ".join(rnd.choice(it_words) for _ in range(k)).capitalize() + "."
        yield str(i + 1), src, tgt


def write_file(fmt: str, n: int, path: Path) -> str:
    """Write ``n`` synthetic units as ``fmt``; returns the last unit's target (what a
    screen showing the last segment shows)."""
    from xml.sax.saxutils import escape

    def po(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    last = ""
    with open(path, "w", encoding="utf-8") as f:
        if fmt == "tsv":
            f.write("source\ttarget\n")
        elif fmt == "po":
            f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Language: it\\n"\n\n')
        elif fmt == "xliff":
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="b" '
                    'source-language="en" target-language="it" datatype="plaintext"><body>\n')
        for uid, src, tgt in synthetic_rows(n):
            if fmt == "tsv":
                f.write(f"{src}\t{tgt}\n")
            elif fmt == "jsonl":
                f.write(json.dumps({"id": uid, "source": src, "target": tgt},
                                   ensure_ascii=False) + "\n")
            elif fmt == "po":
                f.write(f"msgctxt {po(uid)}\nmsgid {po(src)}\nmsgstr {po(tgt)}\n\n")
            else:
                f.write(f'<trans-unit id="{uid}"><source>{escape(src)}</source>'
                        f"<target>{escape(tgt)}</target></trans-unit>\n")
            last = tgt
        if fmt == "xliff":
            f.write("</body></file></xliff>\n")
    return last


async def _measure_staged(path: str, store: str, t_spawn: float, wall0: float,
                          perf0: float) -> dict[str, Any]:
    from reviewer.formats import ReadOptions
    from reviewer.settings import CheckSettings, ReadSettings, Settings
    from reviewer.tui.app import ReviewApp
    from reviewer.tui.loader import ReviewOptions, staged_opener
    from reviewer.tui.session import ReviewSession

    def since_spawn(perf: float) -> float:
        return round(wall0 + (perf - perf0) - t_spawn, 3)

    opts = ReviewOptions(file=path, store=store)
    settings = Settings(check=CheckSettings(run=False),
                        read=ReadSettings(ReadOptions(source_lang="en", target_lang="it")))
    session = ReviewSession(None)  # type: ignore[arg-type]
    app = ReviewApp(session, opener=staged_opener(session, opts, settings), blink=False)
    out: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while screen.painted_at is None:
            await asyncio.sleep(0.002)
        out["first_paint_s"] = since_spawn(screen.painted_at)
        out["first_paint_cpu_s"] = round(time.process_time(), 3)
        preview = screen.view.preview  # the first units, painted before the session loads
        out["rows_at_paint"] = preview.n if preview is not None else session.n
        while not session.loaded:
            await asyncio.sleep(0.002)
        out["loaded_s"] = since_spawn(time.perf_counter())
        out["staged"] = session.indexing
        # a key that needs the whole index, while it is built: refused, with a note
        screen.action_last()
        out["G_while_indexing_moved"] = session.cursor != 0
        js = []
        while screen.indexed_at is None and session.indexing:
            c0, w0 = time.process_time(), time.perf_counter()
            screen.action_cursor(1)
            js.append(((time.process_time() - c0) * 1000, (time.perf_counter() - w0) * 1000))
            await asyncio.sleep(0.25)
        if js:
            out["j_while_indexing"] = _summary(js)
        out["indexed_s"] = since_spawn(screen.indexed_at or screen.loaded_at)
        out["segments"] = session.n
        await pilot.pause()
        view = screen.view
        from textual.geometry import Region

        region = Region(0, 0, view.size.width, view.size.height)
        samples = []
        for _ in range(5):
            samples.append(_timed(screen.action_last, lambda: view.render_lines(region)))
            await pilot.pause()
            screen.action_first()
            await pilot.pause()
        screen.action_last()
        await pilot.pause()
        out["G"] = _summary(samples)
        out["last_visible"] = session.current == session.n - 1
        out["rss_indexed_mb"] = round(_current_rss_mb(), 1)
        for name, kind, text in QUERIES:
            out[name] = await _measure_query(screen, pilot, kind, text)
        await pilot.press("q")
    return out


#: Queries over the whole index: a word in some targets, and a filter on the file's
#: workflow status that nothing in the synthetic file has (a scan of every segment).
QUERIES = (("search", "search", "revisori"), ("filter", "filter", "status:fuzzy"))


async def _measure_query(screen: Any, pilot: Any, kind: str, text: str) -> dict[str, Any]:
    """A filter or search over the whole index as the prompt sends it (streamed in the
    query worker): wall ms to the first rows on screen (to the whole result when
    nothing matches), seconds to the whole result, and the UI thread's CPU ms per
    step handed to the view (install and render: what keys wait behind)."""
    session = screen.session
    view = screen.view
    from textual.geometry import Region

    region = Region(0, 0, view.size.width, view.size.height)
    steps: list[float] = []
    cls = type(screen)
    handle = cls.on_view_ready

    first_cpu: list[float] = []  # process CPU when the first step is on screen

    def timed(self: Any, m: Any) -> None:  # Textual dispatches by the class's method
        c0 = time.thread_time()
        handle(self, m)
        view.render_lines(region)
        steps.append((time.thread_time() - c0) * 1000)
        if not first_cpu and session.rows and session.view is not None:
            first_cpu.append(time.process_time())

    screen.action_clear_view()
    await pilot.pause()
    cls.on_view_ready = timed  # type: ignore[method-assign]
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        screen.query_serial += 1
        screen.query_worker(kind, text, screen.query_serial)
        first = None
        while time.perf_counter() - t0 < 600:
            if first is None and first_cpu:
                first = time.perf_counter() - t0
            if steps and not screen._streaming and not screen.busy:
                break
            await asyncio.sleep(0.005)
        whole = time.perf_counter() - t0
    finally:
        cls.on_view_ready = handle  # type: ignore[method-assign]
    result = {"first_ms": round(1000 * (whole if first is None else first), 1),
              "first_cpu_ms": round(1000 * (first_cpu[0] - c0), 1) if first_cpu else None,
              "whole_s": round(whole, 3), "rows": session.rows if session.view is not None
              else 0, "steps": len(steps), "step_cpu_ms_max": round(max(steps, default=0), 2)}
    screen.action_clear_view()
    await pilot.pause()
    return result


def run_staged(path: str, t_spawn: float, wall0: float, perf0: float) -> dict[str, Any]:
    """One staged open of ``path`` in this (fresh) process."""
    with tempfile.TemporaryDirectory() as d:
        result = asyncio.run(_measure_staged(path, str(Path(d) / "s.sqlite"), t_spawn,
                                             wall0, perf0))
    result["rss_mb"] = round(_rss_mb(), 1)
    return result


def _pty_wait(fd: int, needle: bytes, t0: float, timeout: float,
              on_seen: Callable[[], None] | None = None) -> float | None:
    """Read a pseudo-terminal until ``needle`` shows (seconds since ``t0``, after
    calling ``on_seen``) or ``timeout`` passes or the terminal closes (None)."""
    import select

    buf = b""
    while time.perf_counter() - t0 < timeout:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        buf = (buf + chunk)[-200_000:]
        if needle in buf:
            seen = time.perf_counter() - t0
            if on_seen is not None:
                on_seen()
            return seen
    return None


def less_peer(path: str, timeout: float = 600.0) -> dict[str, Any]:
    """``less +G`` (to its ``(END)`` prompt) and plain ``less`` (to the first line of
    the file on screen) in a pseudo-terminal of the benchmark's size; seconds from
    the start of the process."""
    import fcntl
    import pty
    import struct
    import termios

    def run(args: list[str], want: bytes) -> float | None:
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execvpe(args[0], args, {**os.environ, "TERM": "xterm", "LESS": "",
                                       "LESSOPEN": "", "LINES": str(SIZE[1]),
                                       "COLUMNS": str(SIZE[0])})
        t0 = time.perf_counter()
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        try:
            found = _pty_wait(fd, want, t0, timeout)
        finally:
            try:
                os.write(fd, b"q")
                time.sleep(0.1)
                os.kill(pid, 9)
            except OSError:
                pass
            os.waitpid(pid, 0)
            os.close(fd)
        return None if found is None else round(found, 3)

    with open(path, "rb") as f:
        first = f.readline().rstrip(b"\r\n").split(b"\t")[0][:40]
    return {"less_first_screen_s": run(["less", path], first),
            "less_G_end_s": run(["less", "+G", path], b"(END)")}


def command_first_paint(path: str, want: str, env: dict[str, str], timeout: float = 60.0,
                        ) -> dict[str, Any]:
    """``reviewer review FILE --no-checks`` itself, as a user starts it, in a
    pseudo-terminal of the benchmark's size: seconds from the spawn to the first
    unit's text on the terminal, and the process's CPU seconds by then (``/proc``,
    clock ticks); then it is stopped."""
    import fcntl
    import pty
    import struct
    import termios

    tick = os.sysconf("SC_CLK_TCK")
    with tempfile.TemporaryDirectory() as d:
        args = [sys.executable, "-m", "reviewer.cli", "review", path, "--no-checks",
                "--store", str(Path(d) / "s.sqlite"), "--source-lang", "en", "--target-lang", "it"]
        t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.chdir(HERE.parent)
            os.execve(sys.executable, args, {**env, "TERM": "xterm-256color",
                                             "LINES": str(SIZE[1]), "COLUMNS": str(SIZE[0])})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        cpu = None

        def cpu_now() -> None:  # the process's CPU seconds when the text shows
            nonlocal cpu
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / tick

        try:
            seen = _pty_wait(fd, want.encode(), t0, timeout, cpu_now)
        finally:
            try:
                os.kill(pid, 9)
            except OSError:
                pass
            os.waitpid(pid, 0)
            os.close(fd)
    return {"command_paint_s": None if seen is None else round(seen, 3),
            "command_paint_cpu_s": cpu}


def bench_real(sizes: list[int], formats: list[str], repeats: int) -> list[dict[str, Any]]:
    """Every format at every size: our staged open in a child process, then the peer."""
    results = []
    # As installed: the modules' bytecode cached (a warm-up process writes it; this
    # machine's PYTHONDONTWRITEBYTECODE would have every run compile the sources).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TEXTUAL_ANIMATIONS"] = "none"
    subprocess.run([sys.executable, "-c", "import reviewer.cli, reviewer.cli_review, "
                    "reviewer.tui.app, reviewer.tui.loader, reviewer.project_head, "
                    "reviewer.formats.head, reviewer.formats.tabular, reviewer.formats.jsonl, "
                    "reviewer.formats.po, reviewer.formats.xliff, reviewer.formats.xliff.v12"],
                   env=env, check=True, cwd=HERE.parent)
    with tempfile.TemporaryDirectory(prefix="bench_tui_") as d:
        for n in sizes:
            for fmt in formats:
                path = Path(d) / f"bench{n}.{FORMATS[fmt]}"
                write_file(fmt, n, path)
                load = os.getloadavg()[0]
                t_spawn = time.time()
                proc = subprocess.run(
                    [sys.executable, __file__, "--one-staged", str(path), "--spawned",
                     repr(t_spawn)], capture_output=True, text=True, env=env)
                if proc.returncode != 0:
                    print(proc.stderr, file=sys.stderr)
                    raise SystemExit(f"--one-staged {path} failed")
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                r.update(format=fmt, units=n, file_mb=round(path.stat().st_size / 1e6, 1),
                         load_before=round(load, 1), load_after=round(os.getloadavg()[0], 1))
                first_src = next(iter(synthetic_rows(1)))[1][:24]
                paints = [command_first_paint(str(path), first_src, env) for _ in range(3)]
                ok = [p for p in paints if p["command_paint_s"] is not None]
                r["command_paint"] = min(ok, key=lambda p: p["command_paint_s"]) if ok \
                    else paints[0]
                r["command_paint_runs"] = [p["command_paint_s"] for p in paints]
                r.update(less_peer(str(path)))
                results.append(r)
                print(json.dumps(r), file=sys.stderr, flush=True)  # each as it comes
                path.unlink()
    return results


def staged_verdict(r: dict[str, Any]) -> list[str]:
    """Issue 23's targets missed by one staged result."""
    miss = []
    if r["first_paint_s"] > TARGET_FIRST_PAINT_S:
        miss.append(f"first paint {r['first_paint_s']} s > {TARGET_FIRST_PAINT_S} s")
    cmd = r.get("command_paint", {}).get("command_paint_s")
    if cmd is None or cmd > TARGET_FIRST_PAINT_S:
        miss.append(f"reviewer review's first unit on the terminal {cmd} s > "
                    f"{TARGET_FIRST_PAINT_S} s")
    sr = r.get("search")
    if sr and sr["rows"] and (sr["first_cpu_ms"] or 0) > TARGET_KEY_MS:
        miss.append(f"search first matches {sr['first_cpu_ms']} ms CPU > {TARGET_KEY_MS} ms")
    for q in ("search", "filter"):
        if r.get(q) and r[q]["step_cpu_ms_max"] > TARGET_KEY_MS:
            miss.append(f"{q} step on the UI thread {r[q]['step_cpu_ms_max']} ms > "
                        f"{TARGET_KEY_MS} ms")
    if r["G"]["cpu_ms_max"] > TARGET_KEY_MS:
        miss.append(f"G max {r['G']['cpu_ms_max']} ms CPU > {TARGET_KEY_MS} ms")
    indexed = r.get("rss_indexed_mb", r["rss_mb"])
    if r["units"] >= 1_000_000 and indexed > TARGET_INDEXED_RSS_MB:
        miss.append(f"resident once indexed {indexed} MB > {TARGET_INDEXED_RSS_MB} MB")
    if not r["last_visible"] or r["G_while_indexing_moved"]:
        miss.append("G: wrong segment")
    return miss


def print_staged(results: list[dict[str, Any]]) -> None:
    """The ``--real`` table."""
    print(f"{'format':7} {'units':>9} {'MB':>6} | {'cmd paint s':>11} {'(cpu)':>5} "
          f"{'paint s':>7} {'(cpu)':>6} {'index s':>8} {'G ms cpu/wall':>14} "
          f"{'search 1st ms (cpu)/all s':>25} {'filter s':>8} {'RSS MB idx/peak':>15} | "
          f"{'less 1st s':>10} {'less +G s':>9}")
    for r in results:
        g = r["G"]
        rss = f"{r.get('rss_indexed_mb', '?')}/{r['rss_mb']}"
        cmd = r.get("command_paint", {})
        sr, fl = r.get("search", {}), r.get("filter", {})
        print(f"{r['format']:7} {r['units']:>9,} {r['file_mb']:>6} | "
              f"{str(cmd.get('command_paint_s')):>11} {str(cmd.get('command_paint_cpu_s')):>5} "
              f"{r['first_paint_s']:>7} "
              f"{r['first_paint_cpu_s']:>6} {r['indexed_s']:>8} "
              f"{str(g['cpu_ms_max']) + '/' + str(g['wall_ms_max']):>14} "
              f"{str(sr.get('first_ms')) + ' (' + str(sr.get('first_cpu_ms')) + ')/' + str(sr.get('whole_s')):>25} "
              f"{str(fl.get('whole_s')):>8} {rss:>15} | "
              f"{str(r['less_first_screen_s']):>10} {str(r['less_G_end_s']):>9}")
        if "command_paint_runs" in r:
            print(f"          `reviewer review` to its first unit on the terminal, 3 runs: "
                  f"{r['command_paint_runs']} s (the fastest above)")
        if sr:
            print(f"          search {sr['rows']:,} rows in {sr['steps']} steps (UI thread max "
                  f"{sr['step_cpu_ms_max']} ms CPU a step); filter status:fuzzy "
                  f"{fl.get('rows', 0):,} rows, {fl.get('steps')} steps, max "
                  f"{fl.get('step_cpu_ms_max')} ms")
        miss = staged_verdict(r)
        print(f"          load average {r.get('load_before')} → {r.get('load_after')} on "
              f"{os.cpu_count()} cores; rows at first paint {r['rows_at_paint']}, "
              f"then {r['segments']:,}")
        if "j_while_indexing" in r:
            j = r["j_while_indexing"]
            print(f"          j while indexing: CPU ms median/max {j['cpu_ms_median']}/"
                  f"{j['cpu_ms_max']}, wall {j['wall_ms_median']}/{j['wall_ms_max']}")
        print("          " + ("MISSED: " + "; ".join(miss) if miss else "all targets met"))


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
    ap.add_argument("--real", default="", help="Sizes of real files to open as `reviewer review` "
                    "does (e.g. 100000,1000000), in each of --formats, with less as the peer.")
    ap.add_argument("--formats", default="tsv,jsonl,po,xliff")
    ap.add_argument("--one-staged", help=argparse.SUPPRESS)
    ap.add_argument("--table", help="Print the --real table of a saved --json result.")
    ap.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
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
    if args.table:
        print_staged(json.loads(Path(args.table).read_text()))
        return
    if args.one_staged:
        print(json.dumps(run_staged(args.one_staged, args.spawned, WALL0, PERF0)))
        return
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
    staged = bench_real([int(s) for s in args.real.split(",") if s],
                        [f for f in args.formats.split(",") if f], args.repeats) \
        if args.real else []
    if args.json:
        print(json.dumps(results + staged, indent=2))
        return
    if staged:
        print_staged(staged)
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

"""The QA checks of the review screen in a separate process, so that the checker does
not share the interpreter (and its GIL) with key handling.

The child (started with the ``spawn`` context: never ``fork`` from the threaded app)
reads the input file itself with the project's read options, puts in the corrected
targets it is handed (only the corrected segments travel, not the whole document),
runs the pickled :class:`~reviewer.runner.CheckPlan`, leaves out the dismissed findings
and streams the rest back in batches (every :data:`BATCH_SECONDS` or
:data:`BATCH_UNITS` findings). A thread worker of the app only receives (unpickles)
them and hands them over, as :meth:`ReviewSession.run_checks` does.

The thread path (:meth:`ReviewSession.run_checks`) stays the fallback: for in-memory
backends, for plans that are not a plain ``CheckPlan`` (the tests wrap theirs), when
``REVIEWER_CHECKS_PROCESS=0``, and when the process cannot start or fails.
No Textual here.
"""

from __future__ import annotations

import gc
import os
import pickle
import time
from dataclasses import replace
from typing import Any, Callable, Iterator, Sequence

from ..model import Document, Finding, Segment, dismissal_key
from ..progress import Progress

BATCH_SECONDS = 0.2
BATCH_UNITS = 2000
ENV = "REVIEWER_CHECKS_PROCESS"

OnBatch = Callable[[dict[int, list[Finding]]], None]
ProgressFn = Callable[[str, int, int], None]


class ProcessUnavailable(Exception):
    """The checks cannot (or could not) run in a process."""


def process_spec(session: Any) -> dict[str, Any] | None:
    """What the child needs to check ``session``'s document, or None when the process
    path does not apply (then the thread path runs)."""
    if os.environ.get(ENV, "1").strip().lower() in ("0", "no", "false", "off"):
        return None
    from ..project import Project
    from ..runner import CheckPlan

    backend, plan = session.backend, session.plan
    if type(plan) is not CheckPlan or not isinstance(backend, Project) or not backend.file_backed:
        return None
    try:
        plan_bytes = pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None
    segs = session.segs
    replaced = getattr(segs, "replaced", None)  # packed segments: only these differ
    if replaced is not None:
        corrected = {i: s for i, s in replaced.items() if s != backend.original(i)}
    else:
        corrected = {i: segs[i] for i in range(session.n) if segs[i] is not backend.original(i)}
    try:
        dismissed = set(backend.store.dismissed())
    except Exception:
        return None
    return {
        "path": str(backend.doc.path),
        "source_path": backend.source_path,
        "aligned": getattr(backend, "aligned", False),
        "read_options": backend.read_options,
        "plan": plan_bytes,
        "n": session.n,
        "corrected": corrected,
        "dismissed": dismissed,
        "batch_seconds": BATCH_SECONDS,
        "batch_units": BATCH_UNITS,
    }


def finding_batches(plan: Any, doc: Document, segs: Sequence[Segment],
                    position: Callable[[Finding], int | None],
                    dismissed: Callable[[int, Finding], bool], every: float,
                    most: int | None = None) -> Iterator[tuple[dict[int, list[Finding]], int]]:
    """Run ``plan`` over ``segs`` (as ``doc``'s units) and yield the findings grouped by
    segment position, ``(batch, units checked so far)``, every ``every`` seconds (or
    ``most`` findings); the last batch (maybe empty) comes with ``len(segs)``. Findings
    of no position or ``dismissed`` are left out. The one check loop of the review
    screen: its thread (:meth:`ReviewSession.run_checks`) and its process
    (:func:`child_main`) both run it."""
    counter = Progress(1, enabled=False)
    batch: dict[int, list[Finding]] = {}
    count = 0
    last = time.monotonic()
    for f in plan.run(replace(doc, segments=counter.counting(segs))):
        pos = position(f)
        if pos is None or dismissed(pos, f):
            continue
        batch.setdefault(pos, []).append(f)
        count += 1
        now = time.monotonic()
        if (most is not None and count >= most) or now - last >= every:
            yield batch, counter.units
            batch, count, last = {}, 0, now
    yield batch, len(segs)


def read_segments(spec: dict[str, Any]) -> tuple[Document, list[Any]]:
    """The document of ``spec`` read again, as :meth:`Project.open` reads it."""
    from ..inputs import project_document

    doc = project_document(spec["path"], spec["read_options"], spec["source_path"],
                           spec.get("aligned", False))
    return doc, doc.materialize()


def child_main(conn: Any, spec: dict[str, Any]) -> None:
    """The checker process: ``("batch", {pos: [findings]}, done)`` messages, then
    ``("done", n)``; ``("error", text)`` when something fails."""
    _quiet_stdio()
    try:
        plan = pickle.loads(spec["plan"])
        doc, segs = read_segments(spec)
        n = len(segs)
        if n != spec["n"]:
            conn.send(("error", f"the input has {n} segments now, the session {spec['n']}"))
            return
        for pos, seg in spec["corrected"].items():
            segs[pos] = seg
        pos_of: dict[int, int] | None = None
        if n and (segs[0].index != 0 or segs[-1].index != n - 1):
            pos_of = {s.index: i for i, s in enumerate(segs)}
        dismissed = spec["dismissed"]

        def position(f: Finding) -> int | None:
            if pos_of is not None:
                return pos_of.get(f.index)
            return f.index if 0 <= f.index < n else None

        def is_dismissed(pos: int, f: Finding) -> bool:
            return bool(dismissed) and dismissal_key(segs[pos], f) in dismissed

        d = Document(path=doc.path, format=doc.format, source_lang=doc.source_lang,
                     target_lang=doc.target_lang, target_only=doc.target_only)
        for batch, done in finding_batches(plan, d, segs, position, is_dismissed,
                                           spec["batch_seconds"], spec["batch_units"]):
            conn.send(("batch", batch, done))
        conn.send(("done", n))
    except BaseException as e:  # reported to the app, which falls back to the thread
        try:
            conn.send(("error", f"{type(e).__name__}: {e}"))
        except Exception:
            pass
    finally:
        conn.close()


def _quiet_stdio() -> None:
    """In the child: stdout and stderr to /dev/null (they are the app's terminal)."""
    import sys

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
        sys.stdout = sys.stderr = open(os.devnull, "w")
    except OSError:
        pass


def _real_fd(stream: Any) -> bool:
    try:
        return stream.fileno() >= 0
    except Exception:
        return False


def _start(spec: dict[str, Any]) -> tuple[Any, Any]:
    import multiprocessing as mp
    import sys

    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child_main, args=(send, spec), daemon=True,
                       name="reviewer-checks")
    # Textual swaps sys.stderr for an object without a file descriptor (fileno() -1),
    # which multiprocessing's resource tracker would hand to the new process ("bad
    # value(s) in fds_to_keep"): start with the real one in place.
    saved = sys.stderr
    swap = not _real_fd(saved)
    try:
        if swap:
            sys.stderr = sys.__stderr__ if _real_fd(sys.__stderr__) else open(os.devnull, "w")
        proc.start()
    finally:
        if swap:
            sys.stderr = saved
        send.close()
    return proc, recv


def _stop(proc: Any, conn: Any) -> None:
    try:
        conn.close()
    except Exception:
        pass
    if proc.is_alive():
        proc.terminate()
    proc.join(5)


def stream_from_process(spec: dict[str, Any], on_batch: OnBatch,
                        progress: ProgressFn | None = None,
                        cancelled: Callable[[], bool] | None = None,
                        started: Callable[[], None] | None = None) -> set[int]:
    """Run the child for ``spec`` and hand its batches to ``on_batch`` (in the calling
    thread). Returns the positions handed over. Raises :class:`ProcessUnavailable`
    (its ``args[1]`` the positions handed over so far) when the child fails."""
    try:
        proc, conn = _start(spec)
    except Exception as e:
        raise ProcessUnavailable(f"cannot start the checker process: {e}", set()) from e
    delivered: set[int] = set()
    n = spec["n"]
    try:
        if started is not None:
            started()
        while True:
            if cancelled is not None and cancelled():
                return delivered
            if not conn.poll(0.25):
                if not proc.is_alive() and not conn.poll(0):
                    raise ProcessUnavailable(
                        f"the checker process ended (exit code {proc.exitcode})", delivered)
                continue
            try:
                item = conn.recv()
            except (EOFError, OSError) as e:
                raise ProcessUnavailable(f"the checker process ended: {e}", delivered) from e
            kind = item[0]
            if kind == "batch":
                batch = item[1]
                if batch:
                    on_batch(batch)
                    delivered.update(batch)
                if progress:
                    progress("checking", item[2], n)
            elif kind == "done":
                return delivered
            else:
                raise ProcessUnavailable(f"the checker process failed: {item[1]}", delivered)
    finally:
        _stop(proc, conn)


def run_checks(session: Any, on_batch: OnBatch, progress: ProgressFn | None = None,
               cancelled: Callable[[], bool] | None = None) -> str:
    """Run ``session``'s checks, in a process when possible, else in this thread.
    Returns the path taken: ``"process"``, ``"thread"`` or ``"process+thread"`` (the
    process failed part way; the thread finished the segments not handed over)."""
    if session.plan is None:
        session.checks_done = True
        return "thread"
    spec = process_spec(session)
    session.check_error = None
    if spec is None:
        session.run_checks(on_batch, progress)
        return "thread"

    def warm() -> None:
        # first-call costs (dictionaries, caches) of the in-app rechecks, while the
        # child starts, not in the first save
        if session.segs:
            for _ in session.plan.run(session._document(session.segs[:1])):
                pass

    try:
        stream_from_process(spec, on_batch, progress, cancelled, started=warm)
    except ProcessUnavailable as e:
        session.check_error = str(e.args[0])
        delivered = e.args[1] if len(e.args) > 1 else set()
        if not delivered:
            session.run_checks(on_batch, progress)
            return "thread"

        def rest(batch: dict[int, list[Finding]]) -> None:
            batch = {p: v for p, v in batch.items() if p not in delivered}
            if batch:
                on_batch(batch)

        session.run_checks(rest, progress)
        return "process+thread"
    gc.freeze()  # the findings are long-lived
    return "process"

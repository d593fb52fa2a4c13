"""Batch runs on several processes (``--workers N``) or a Dask cluster (``--cluster``).

The output never depends on either: findings come out in input order, byte-identical
to a single-process run, and scores equal the single-process figures exactly.

``check``, per input file (see docs/scale-out.md):

1. *map*: when the plan has document-level checks, workers read their chunk
   (:mod:`reviewer.chunks`) and return what those checks need: the units, for the
   cheap ones (``consistency``, ``variant``, any other), which the driver runs; for
   ``spelling``, compact statistics (names, name forms, word counts, source words
   the dictionary lacks) that the driver merges in input order.
2. *flag*: workers read their chunk again, run the per-unit checks and spelling
   with the merged statistics, and return the chunk's findings; the driver adds the
   document-check findings of those units, dedupes per unit as the runner does, and
   writes each chunk as soon as it and all earlier chunks are done.

``score``: each metric's per-segment sufficient statistics are computed by chunks of
segments and stacked; the corpus score is computed from their sum as in one process.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from .chunks import Chunk, chunk_document, plan_chunks
from .errors import UsageError
from .model import Document, Finding, Segment
from .runner import CheckPlan, RunStats, dedupe

__all__ = ["Engine", "make_engine", "run_check", "input_chunks", "score_stats", "score_systems_on",
           "engine_options"]

DASK_HINT = "--cluster needs Dask: pip install 'reviewer[dask]'"


# --------------------------------------------------------------------------- engines


class Engine:
    """Where tasks run: ``submit(fn, *args)`` returns a future with ``.result()``."""

    workers = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` somewhere; a future."""
        raise NotImplementedError

    def share(self, obj: Any) -> Any:
        """A handle of ``obj`` for task arguments (sent to the workers once)."""
        return obj

    def close(self) -> None:
        """Release the workers."""


class LocalEngine(Engine):
    """A pool of local processes (no Dask). A worker process lost mid-run breaks the
    pool; :func:`ordered_map` then restarts it and resubmits the unfinished tasks."""

    def __init__(self, workers: int) -> None:
        import multiprocessing as mp

        self.workers = workers
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        self._ctx = mp.get_context(method)
        self.pool = ProcessPoolExecutor(workers, mp_context=self._ctx)
        self.restarts = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        return self.pool.submit(fn, *args)

    def restart(self) -> None:
        """A fresh pool after a worker died."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(self.workers, mp_context=self._ctx)
        self.restarts += 1

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(Engine):
    """A ``dask.distributed`` client: a running scheduler, or a LocalCluster of N
    workers (one thread each) started for the run. Dask retries the task of a worker
    lost mid-run on another worker."""

    def __init__(self, address: str) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(DASK_HINT) from None
        self.cluster = None
        if address.startswith("local:"):
            try:
                n = int(address[6:])
            except ValueError:
                raise UsageError(f"--cluster local:N needs a number, not {address!r}") from None
            if n < 1:
                raise UsageError("--cluster local:N needs N >= 1")
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="20s")
            except OSError as e:
                raise UsageError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def share(self, obj: Any) -> Any:
        return self.client.scatter(obj, broadcast=True, hash=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def engine_options(workers: int | None, cluster: str | None) -> tuple[int, str | None]:
    """Validate ``--workers``/``--cluster``: ``(workers, cluster)``."""
    if cluster and workers and workers > 1:
        raise UsageError("give either --workers or --cluster, not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers needs a number >= 1")
    return workers or 1, cluster


def make_engine(workers: int, cluster: str | None) -> Engine | None:
    """The engine of ``--workers``/``--cluster``; None for the plain single process."""
    if cluster:
        return DaskEngine(cluster)
    if workers > 1:
        return LocalEngine(workers)
    return None


def ordered_map(engine: Engine, fn: Callable[..., Any], items: Sequence[Any],
                *shared: Any, window: int | None = None) -> Iterator[Any]:
    """``fn(*shared, item)`` for each item, results in item order, at most ``window``
    tasks in flight (so finished results never pile up in the driver). The first
    tasks are submitted at once, before the first result is asked for."""
    from concurrent.futures.process import BrokenProcessPool

    window = window or 2 * engine.workers + 2
    futs: dict[int, Any] = {}
    state = {"next": 0}

    def fill(i: int) -> None:
        while state["next"] < len(items) and state["next"] < i + window:
            j = state["next"]
            futs[j] = engine.submit(fn, *shared, items[j])
            state["next"] = j + 1

    fill(0)

    def results() -> Iterator[Any]:
        for i in range(len(items)):
            for attempt in range(3):
                try:
                    fill(i)  # submitting to a pool whose worker died raises too
                    result = futs[i].result()
                    break
                except BrokenProcessPool:
                    if attempt == 2 or not isinstance(engine, LocalEngine):
                        raise
                    engine.restart()  # a worker died: resubmit what was in flight
                    for j in range(i, state["next"]):
                        futs[j] = engine.submit(fn, *shared, items[j])
            del futs[i]
            yield result

    return results()


# --------------------------------------------------------------------------- tasks


@dataclass
class Job:
    """What every task of a check run needs: the plan, read options, output needs."""

    plan: CheckPlan
    options: Any
    want_text: bool = False


@dataclass
class MapResult:
    """Pass 1 of one chunk."""

    units: int
    doc: Document
    kept: list[Segment] = field(default_factory=list)
    spelling: dict[str, Any] | None = None


@dataclass
class FlagResult:
    """Pass 2 of one chunk: findings by chunk-local index, statistics, texts."""

    units: int
    findings: list[Finding]
    doc_findings: list[tuple[int, Finding]]
    stats: RunStats
    texts: dict[int, Segment] = field(default_factory=dict)


def _meta(doc: Document) -> Document:
    return Document(path=doc.path, format=doc.format, source_lang=doc.source_lang,
                    target_lang=doc.target_lang, segments=[], target_only=doc.target_only,
                    meta=dict(doc.meta))


def _spelling(plan: CheckPlan, doc: Document) -> Any:
    from .checks.spelling import SpellingCheck

    return next((c for c in plan.document_checks(doc) if type(c) is SpellingCheck), None)


def map_chunk(job: Job, chunk: Chunk) -> MapResult:
    """Pass 1: the units the driver's document checks need, spelling statistics."""
    from .checks.spelling import is_known, iter_words, name_form

    doc = chunk_document(chunk, job.options)
    segs = list(doc.segments)  # type: ignore[call-overload]
    units = len(segs)
    live = [s for s in segs if "obsolete" not in s.flags]
    spell = _spelling(job.plan, doc)
    others = [c for c in job.plan.document_checks(doc) if c is not spell]
    out = MapResult(units, _meta(doc), live if others else [])
    if spell is None:
        return out
    ctx = job.plan._contexts(doc)[spell.id]
    env = spell._env(ctx)
    if env is None:
        return out
    code = env.code
    cache: dict[str, bool] = {}

    def unknown(w: str) -> bool:
        v = cache.get(w)
        if v is None:
            v = cache[w] = not is_known(code, w)
        return v

    names: set[str] = set()
    first: dict[str, str] = {}
    last_mixed: dict[str, str] = {}
    counts: Counter[str] = Counter()
    src: set[str] = set()
    for seg in live:  # SpellingCheck._learn, recording first plain and last mixed forms
        if seg.target:
            for w in iter_words(seg.target):
                t = w.text
                if t.islower() and unknown(t):
                    counts[t] += 1
                mixed = name_form(w)
                if mixed is not None:
                    low = t.lower()
                    if not unknown(low):
                        continue  # a known word is never flagged: its name status is moot
                    names.add(t)
                    if low != t:
                        if mixed:
                            last_mixed[low] = t
                        else:
                            first.setdefault(low, t)
        if seg.source and not ctx.target_only:
            src.update(x for x in (w.text.lower() for w in iter_words(seg.source)) if unknown(x))
    out.spelling = {"names": names, "first": first, "last_mixed": last_mixed,
                    "counts": counts, "src": src}
    return out


def _merge_spelling(parts: Iterable[dict[str, Any] | None], min_freq: int,
                    target_only: bool) -> dict[str, Any] | None:
    """The document's spelling state from its chunks' statistics, in input order."""
    names: set[str] = set()
    first: dict[str, str] = {}
    last_mixed: dict[str, str] = {}
    counts: Counter[str] = Counter()
    src: set[str] = set()
    seen = False
    for p in parts:
        if p is None:
            continue
        seen = True
        names |= p["names"]
        for k, v in p["first"].items():
            first.setdefault(k, v)
        last_mixed.update(p["last_mixed"])
        counts.update(p["counts"])
        src |= p["src"]
    if not seen:
        return None
    frequent = {w for w, n in counts.items() if min_freq and n >= min_freq}
    if not target_only:
        frequent |= src & set(counts)
    return {"names": names, "forms": {**first, **last_mixed}, "frequent": frozenset(frequent)}


def flag_chunk(job: Job, spell_state: dict[str, Any] | None, chunk: Chunk) -> FlagResult:
    """Pass 2: per-unit findings of the chunk, spelling's with the document's state."""
    from .checks.spelling import is_known, iter_words

    plan = CheckPlan(job.plan.checks, job.plan.config, job.plan.glossary)
    doc = chunk_document(chunk, job.options)
    segs = list(doc.segments)  # type: ignore[call-overload]
    doc.segments = segs
    findings = list(plan.run(doc, document_checks=False))
    doc_findings: list[tuple[int, Finding]] = []
    spell = _spelling(plan, doc)
    if spell is not None and spell_state is not None:
        def runner(check: Any, kept: Sequence[Segment], ctx: Any) -> Iterator[tuple[Segment, Finding]]:
            env = check._env(ctx)
            if env is None:
                return
            env.names, env.name_forms = spell_state["names"], spell_state["forms"]
            env.frequent = spell_state["frequent"]
            code = env.code
            for seg in kept:
                if seg.target:
                    # only a word the dictionary lacks can be flagged (as run_document)
                    bad = [w for w in iter_words(seg.target)
                           if len(w.text) > 2 and w.text[0].isalpha()
                           and not is_known(code, w.text.lower())]
                    if bad:
                        for f in check._check(seg, env, ctx, bad):
                            yield seg, f

        live = [s for s in segs if "obsolete" not in s.flags]
        doc_findings = list(plan.document_findings(doc, live, [spell], runner))
    texts: dict[int, Segment] = {}
    if job.want_text:  # the driver keeps those with findings (the driver's included)
        texts = {s.index: s for s in segs}
    return FlagResult(len(segs), findings, doc_findings, plan.stats, texts)


# --------------------------------------------------------------------------- driver


class ChunkProgress:
    """Chunks done, units/s and time left on one stderr line, on a terminal only."""

    def __init__(self, total: int, label: str = "checking") -> None:
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.total, self.done, self.units, self.label = total, 0, 0, label
        self.start = time.monotonic()

    def advance(self, units: int) -> None:
        """One more chunk of ``units`` units done."""
        self.done += 1
        self.units += units
        if not self.enabled:
            return
        el = max(time.monotonic() - self.start, 1e-6)
        left = el / self.done * (self.total - self.done)
        sys.stderr.write(f"\r\x1b[2K{self.label}: {self.done}/{self.total} chunks  "
                         f"{self.units:,} units  {self.units / el:,.0f} units/s  ~{left:.0f}s left")
        sys.stderr.flush()

    def close(self) -> None:
        """Erase the line."""
        if self.enabled:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def _add_stats(total: RunStats, part: RunStats) -> None:
    total.units += part.units
    total.words += part.words
    total.terms_found += part.terms_found
    total.terms_approved += part.terms_approved
    total.glossary_applied |= part.glossary_applied


def run_check(plan: CheckPlan, inputs: Sequence[list[Chunk]], options: Any, engine: Engine,
              want_text: bool = False,
              texts: dict[tuple[str, int], Segment] | None = None) -> Iterator[Finding]:
    """Yield the findings of every input (one list of chunks a file, see
    :func:`~reviewer.chunks.plan_chunks`) in input order, as a single process would.
    Counts go to ``plan.stats``; with ``want_text``, flagged units go to ``texts``."""
    job = engine.share(Job(plan, options, want_text))
    progress = ChunkProgress(sum(map(len, inputs)))
    try:
        for chunks in inputs:
            yield from _run_file(plan, chunks, job, engine, progress, texts)
    finally:
        progress.close()


def input_chunks(paths: Sequence[str], source: str | None, target: str | None,
                 options: Any, workers: int) -> list[list[Chunk]]:
    """The chunks of the command's inputs: INPUT files, or a --source/--target pair,
    or a --target file alone (read whole, by one worker)."""
    if target:
        return [[Chunk(target, "file", "txt", source=source, target_only=not source)]]
    return plan_chunks(list(paths), options, workers)


def _run_file(plan: CheckPlan, chunks: list[Chunk], job: Any, engine: Engine,
              progress: ChunkProgress, texts: dict[tuple[str, int], Segment] | None) -> Iterator[Finding]:
    stats = plan.stats
    stats.files += 1
    doc_findings: dict[int, list[Finding]] = {}
    spell_state = None
    order: dict[str, int] = {}
    offsets: list[int] = []
    if any(_is_doc(c) for c in plan.checks):
        parts: list[dict[str, Any] | None] = []
        kept: list[Segment] = []
        doc: Document | None = None
        before = 0
        for chunk, res in zip(chunks, ordered_map(engine, map_chunk, chunks, job)):
            doc = doc or res.doc
            shift = before - chunk.index_base
            offsets.append(shift)
            kept.extend(replace(s, index=s.index + shift) if shift else s for s in res.kept)
            parts.append(res.spelling)
            before += res.units
        assert doc is not None
        checks = plan.document_checks(doc)
        order = {c.id: i for i, c in enumerate(checks)}
        spell = _spelling(plan, doc)
        if spell is not None:
            ctx = plan._contexts(doc)[spell.id]
            spell_state = _merge_spelling(parts, int(ctx.option("min_doc_frequency", 3) or 0),
                                          ctx.target_only)
        others = [c for c in checks if c is not spell]
        state = engine.share(spell_state) if spell_state is not None else None
        flagged = ordered_map(engine, flag_chunk, chunks, job, state)
        # the driver's document checks run while the workers flag the first chunks
        for idx, f in plan.document_findings(doc, kept, others):
            doc_findings.setdefault(idx, []).append(f)
        del kept
    else:
        flagged = ordered_map(engine, flag_chunk, chunks, job, None)
    before = 0
    for k, (chunk, res) in enumerate(zip(chunks, flagged)):
        shift = offsets[k] if offsets else before - chunk.index_base
        before += res.units
        _add_stats(stats, res.stats)
        per_unit: dict[int, list[Finding]] = {}
        for f in res.findings:
            per_unit.setdefault(f.index + shift, []).append(f)
        extra: dict[int, list[Finding]] = {}
        for i, f in res.doc_findings:
            extra.setdefault(i + shift, []).append(f)
        lo, hi = chunk.index_base + shift, chunk.index_base + shift + res.units
        for i in range(lo, hi):
            if i in doc_findings:
                extra.setdefault(i, []).extend(doc_findings.pop(i))
        for i in sorted(per_unit.keys() | extra.keys()):
            if texts is not None and i - shift in res.texts:  # the text writer reads it at once
                texts[(chunk.path, i)] = res.texts[i - shift]
            docs = sorted(extra.get(i, ()), key=lambda f: order.get(f.check, len(order)))
            for f in dedupe(per_unit.get(i, []) + docs):
                f = replace(f, index=i) if f.index != i else f
                stats.add(f)
                yield f
        progress.advance(res.units)


def _is_doc(check: Any) -> bool:
    from .checks.base import DocumentCheck

    return isinstance(check, DocumentCheck)


# --------------------------------------------------------------------------- score


def _rows(metric: str, hyps: list[str], refs: list[list[str]], options: Any) -> Any:
    """Per-segment statistics of one slice (a worker task)."""
    from .metrics import SegmentStats

    return SegmentStats(metric, hyps, refs, options).rows


def score_stats(engine: Engine, metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]],
                options: Any, chunk: int = 20_000) -> Any:
    """A :class:`~reviewer.metrics.SegmentStats` whose rows were computed by chunks on
    the engine's workers; identical to ``SegmentStats(metric, hyps, refs, options)``."""
    import numpy as np

    from .metrics import MetricOptions, SegmentStats, make_metric, transpose_refs

    n = len(hyps)
    step = max(1, min(chunk, -(-n // (4 * engine.workers)) if n else 1))
    spans = [(a, min(n, a + step)) for a in range(0, n, step)]

    def task(span: tuple[int, int]) -> Any:
        a, b = span
        return engine.submit(_rows, metric, list(hyps[a:b]), [list(r[a:b]) for r in refs], options)

    futs = [task(s) for s in spans]
    parts = [f.result() for f in futs]
    st = SegmentStats.__new__(SegmentStats)
    st.name = metric
    st.options = options or MetricOptions()
    st.metric = make_metric(metric, st.options)
    st._sentence_metric = make_metric(metric, st.options, sentence=True)
    st.refs = transpose_refs(refs)
    st.hyps = list(hyps)
    if n:  # as SegmentStats.__init__ leaves the signature's nrefs
        st.metric._cache_references([r[:1] for r in st.refs])
    counts = {sum(r[i] is not None for r in st.refs) for i in range(n)}
    st.metric.num_refs = next(iter(counts)) if len(counts) == 1 else -1
    width = parts[0].shape[1] if parts else 0
    st.rows = np.concatenate(parts).reshape(n, width) if parts else np.zeros((0, 0))
    st.total = st.rows.sum(axis=0)
    return st


def score_systems_on(engine: Engine, hyp_paths: Sequence[str], ref_paths: Sequence[str],
                     metrics: Sequence[str], options: Any,
                     names: Sequence[str] | None = None,
                     read_options: Any = None) -> tuple[list[Any], list[list[str]]]:
    """:func:`reviewer.scoring.score_systems` with the statistics computed on the
    engine's workers (same systems, same figures)."""
    from .metrics import METRICS
    from .scoring import score_systems

    for m in metrics:
        if m not in METRICS:
            raise UsageError(f"unknown metric {m!r} (known: {', '.join(METRICS)})")
    systems, refs = score_systems(hyp_paths, ref_paths, [], options, read_options, names=names)
    for system in systems:
        system.stats = {m: score_stats(engine, m, system.hyps, refs, options) for m in metrics}
    return systems, refs

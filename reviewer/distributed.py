"""Batch runs on several processes (``--workers N``) or a Dask cluster (``--cluster``).

The output never depends on either: findings come out in input order, byte-identical
to a single-process run, and scores equal the single-process figures exactly.

``check``, per input file (see docs/scale-out.md):

1. *map*: when the plan has document-level checks, workers read their chunk
   (:mod:`reviewer.chunks`) and return compact statistics, which the driver merges in
   input order as they come: for ``spelling`` names, name forms, counts of unknown
   words and the positions of the words the dictionary lacks; for ``variant`` its
   :class:`~reviewer.checks.variant.VariantStats` (bounded by the vocabulary); for
   ``consistency`` 128-bit digests of each unit's source and target
   (:class:`~reviewer.checks.consistency.UnitKeys`). Other document checks (plugins)
   get the units, and the driver runs them.
2. *decide* (driver): spelling's state, the spellings ``variant`` flags, the units
   ``consistency`` flags; the units named in consistency messages (the first of each
   majority) are read again by the workers, those only.
3. *flag*: workers read their chunk again (indexes now global), run the per-unit
   checks, spelling on the words pass 1 found, emit variant's and consistency's
   findings of their units, merge each unit's findings as the runner does and
   return them; the driver writes each chunk as soon as it and all earlier chunks
   are done.

``score``: one task computes every metric's per-segment sufficient statistics of a
slice of segments; the corpus score is computed from their sum as in one process.
"""

from __future__ import annotations

import logging
import operator
import os
import sys
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from .checks.consistency import UnitKeys, same_target_on, unit_keys
from .checks.variant import VariantStats, Verdicts
from .chunks import Chunk, chunk_document, plan_chunks
from .errors import UsageError
from .model import Document, Finding, Segment
from .runner import CheckPlan, RunStats, dedupe

__all__ = ["Engine", "EnginePlan", "make_engine", "run_check", "input_chunks", "score_stats", "score_systems_on",
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
            n = cap_workers(n, "--cluster local:")
            import dask

            # Dask's statistical profiler samples every worker thread's stack every
            # 10 ms, for a dashboard nobody sees here: ~10 % of the CPU of pure-Python
            # tasks (measured with score on 50,000 rows). The nannies pass the config on.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = Client(self.cluster)
        else:
            _probe(address)
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


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


#: More local processes than this many per usable CPU only add memory and start-up time.
WORKERS_PER_CPU = 2


def max_workers() -> int:
    """The most local worker processes a run starts (``WORKERS_PER_CPU`` per CPU)."""
    return WORKERS_PER_CPU * usable_cpus()


def cap_workers(n: int, what: str = "--workers") -> int:
    """``n`` capped at :func:`max_workers`, saying so on stderr when it is."""
    limit = max_workers()
    if n > limit:
        print(f"reviewer: {what} {n} capped at {limit} ({WORKERS_PER_CPU} per usable CPU)",
              file=sys.stderr)
        return limit
    return n


def engine_options(workers: int | None, cluster: str | None) -> tuple[int, str | None]:
    """Validate ``--workers``/``--cluster``: ``(workers, cluster)``; ``--workers`` is
    capped at :func:`max_workers` with a message."""
    if cluster and workers and workers > 1:
        raise UsageError("give either --workers or --cluster, not both")
    if workers is not None and workers < 1:
        raise UsageError("--workers needs a number >= 1")
    return cap_workers(workers or 1), cluster


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail fast (one line) when nothing listens at a ``tcp://host:port`` address,
    instead of waiting out the Dask client's connection timeout."""
    import socket
    from urllib.parse import urlsplit

    if "://" not in address:
        address = "tcp://" + address
    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls"):
        return  # other transports (inproc, ucx): let Dask handle them
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise UsageError(f"--cluster {address!r} is not a host:port address") from None
    if not host or port is None:
        raise UsageError(f"--cluster {address!r} needs a host and a port (tcp://host:8786)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        reason = e.strerror or type(e).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


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
    """Pass 1 of one chunk: its number of units and the document checks' statistics."""

    units: int
    doc: Document
    kept: list[Segment] = field(default_factory=list)  # for driver-side document checks
    spelling: dict[str, Any] | None = None
    suspects: Any = None  # spelling: the words the dictionary lacks (see _spelling_stats)
    variant: VariantStats | None = None
    consistency: UnitKeys | None = None


@dataclass
class FlagState:
    """What the flag pass of every chunk of a file needs: spelling's merged state and
    the spellings ``variant`` flags."""

    spelling: dict[str, Any] | None = None
    variant: Verdicts | None = None


@dataclass
class FlagItem:
    """The flag pass of one chunk: its units are indexed from ``base`` (byte-range
    chunks; -1: unknown, chunk-local), ``consistency`` holds the messages of its
    flagged units by index; with ``finish`` the worker merges each unit's findings
    (no document check runs on the driver)."""

    chunk: Chunk
    base: int = -1
    consistency: dict[int, list[tuple[str, str | None]]] | None = None
    finish: bool = False
    suspects: Any = None


@dataclass
class FlagResult:
    """Pass 2 of one chunk: findings (merged per unit, or per-unit and document
    findings apart), statistics, the texts of units with findings."""

    units: int
    findings: list[Any]  # packed (see _pack)
    doc_findings: list[tuple[int, Finding]]
    stats: RunStats
    texts: dict[int, Segment] = field(default_factory=dict)
    counts: tuple[Counter[str], Counter[str]] | None = None  # by severity, by check (final)


_FIELDS = operator.attrgetter(*(f.name for f in fields(Finding)))


def _pack(findings: list[Finding]) -> list[Any]:
    """Findings as plain tuples (pickled about 3 times faster than the dataclass)."""
    return [_FIELDS(f) if type(f) is Finding else f for f in findings]


def _unpack(items: list[Any]) -> list[Finding]:
    return [Finding(*x) if type(x) is tuple else x for x in items]


def _meta(doc: Document) -> Document:
    return Document(path=doc.path, format=doc.format, source_lang=doc.source_lang,
                    target_lang=doc.target_lang, segments=[], target_only=doc.target_only,
                    meta=dict(doc.meta))


def _split_checks(plan: CheckPlan, doc: Document) -> tuple[Any, Any, Any, list[Any]]:
    """The document checks of ``doc``: spelling, variant and consistency (run by
    map-reduce), and the others (run by the driver over the units)."""
    from .checks.consistency import ConsistencyCheck
    from .checks.spelling import SpellingCheck
    from .checks.variant import VariantCheck

    spell = variant = consistency = None
    others = []
    for c in plan.document_checks(doc):
        if type(c) is SpellingCheck and spell is None:
            spell = c
        elif type(c) is VariantCheck and variant is None:
            variant = c
        elif type(c) is ConsistencyCheck and consistency is None:
            consistency = c
        else:
            others.append(c)
    return spell, variant, consistency, others


def map_chunk(job: Job, chunk: Chunk) -> MapResult:
    """Pass 1: the statistics of the chunk's units for spelling, variant and
    consistency; the units themselves only for other document checks."""
    doc = chunk_document(chunk, job.options)
    segs = list(doc.segments)  # type: ignore[call-overload]
    live = job.plan.document_units(segs)
    spell, variant, consistency, others = _split_checks(job.plan, doc)
    out = MapResult(len(segs), _meta(doc), live if others else [])
    if variant is not None:
        out.variant = VariantStats()
        out.variant.scan(live, sources=not doc.target_only)
    if consistency is not None:
        out.consistency = unit_keys(live, doc.source_lang, doc.target_lang)
    if spell is not None:
        found = _spelling_stats(job.plan, doc, spell, segs)
        if found is not None:
            out.spelling, out.suspects = found
    return out


def _spelling_stats(plan: CheckPlan, doc: Document, spell: Any,
                    segs: list[Segment]) -> tuple[dict[str, Any], Any] | None:
    """Spelling's statistics of some units: names, name forms, counts of unknown
    lowercase words, unknown source words (as ``SpellingCheck._learn`` sees them);
    and the words the dictionary lacks, the only ones pass 2 looks at, as an int32
    array of rows ``(unit position in segs, start, end, initial + 2 * elided)``."""
    import numpy as np

    from .checks.spelling import is_known, iter_words, name_form

    ctx = plan._contexts(doc)[spell.id]
    env = spell._env(ctx)
    if env is None:
        return None
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
    bad: list[int] = []
    for j, seg in enumerate(segs):  # SpellingCheck._learn, recording first plain and last mixed forms
        if "obsolete" in seg.flags:
            continue
        if seg.target:
            for w in iter_words(seg.target):
                t = w.text
                if len(t) > 2 and t[0].isalpha() and unknown(t.lower()):
                    bad += (j, w.start, w.end, w.initial + 2 * w.elided)
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
    stats = {"names": names, "first": first, "last_mixed": last_mixed, "counts": counts, "src": src}
    return stats, np.array(bad, np.int32).reshape(-1, 4)


class _SpellingMerge:
    """Spelling's state of a document from its chunks' statistics, added in input
    order: sets united, counts summed, the first plain and last mixed forms kept."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.first: dict[str, str] = {}
        self.last_mixed: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self.src: set[str] = set()
        self.seen = False

    def add(self, p: dict[str, Any] | None) -> None:
        """The statistics of the next chunk."""
        if p is None:
            return
        self.seen = True
        self.names |= p["names"]
        for k, v in p["first"].items():
            self.first.setdefault(k, v)
        self.last_mixed.update(p["last_mixed"])
        self.counts.update(p["counts"])
        self.src |= p["src"]

    def state(self, min_freq: int, target_only: bool) -> dict[str, Any] | None:
        """The state ``flag_chunk`` gives the spelling check (None: nothing seen)."""
        if not self.seen:
            return None
        frequent = {w for w, n in self.counts.items() if min_freq and n >= min_freq}
        if not target_only:
            frequent |= self.src & set(self.counts)
        return {"names": self.names, "forms": {**self.first, **self.last_mixed},
                "frequent": frozenset(frequent)}


def details_chunk(job: Job, chunk: Chunk, base: int,
                  wanted: list[int]) -> dict[int, tuple[str, str, str | None]]:
    """``(id, source, target)`` of the units ``wanted`` (indexes) of a chunk."""
    doc = chunk_document(chunk, job.options, base)
    want = set(wanted)
    last = max(wanted)
    out: dict[int, tuple[str, str, str | None]] = {}
    for s in doc.segments:  # type: ignore[attr-defined]
        if s.index in want:
            out[s.index] = (s.id, s.source, s.target)
        if s.index >= last:
            break
    return out


def flag_chunk(job: Job, state: FlagState | None, item: FlagItem) -> FlagResult:
    """Pass 2: the chunk's per-unit findings, and its findings of spelling, variant
    and consistency from the document's state."""
    plan = CheckPlan(job.plan.checks, job.plan.config, job.plan.glossary,
                     include_untranslated=job.plan.include_untranslated, states=job.plan.states)
    doc = chunk_document(item.chunk, job.options, max(item.base, 0))
    segs = list(doc.segments)  # type: ignore[call-overload]
    doc.segments = segs
    findings = list(plan.run(doc, document_checks=False))
    doc_findings: list[tuple[int, Finding]] = []
    spell, variant, consistency, _others = _split_checks(plan, doc)
    st = state or FlagState()
    spelling, verdicts, flagged = st.spelling, st.variant, item.consistency or {}
    run: list[Any] = []
    if spell is not None and spelling is not None:
        run.append(spell)
    if variant is not None and verdicts:
        run.append(variant)
    if consistency is not None and flagged:
        run.append(consistency)
    if run:
        def runner(check: Any, kept: Sequence[Segment], ctx: Any) -> Iterator[tuple[Segment, Finding]]:
            if check is variant:
                yield from variant.emit(kept, verdicts or {})
            elif check is consistency:
                for seg in kept:
                    for message, suggestion in flagged.get(seg.index, ()):
                        yield seg, consistency.flag_unit(seg, message, suggestion)
            elif spelling is not None:
                env = check._env(ctx)
                if env is None:
                    return
                env.names, env.name_forms = spelling["names"], spelling["forms"]
                env.frequent = spelling["frequent"]
                # only a word the dictionary lacks can be flagged (as run_document)
                for seg, bad in _suspects(segs, item.suspects, env.code):
                    for f in check._check(seg, env, ctx, bad):
                        yield seg, f

        live = plan.document_units(segs)
        doc_findings = list(plan.document_findings(doc, live, run, runner))
    counts = None
    if item.finish:
        order = {c.id: i for i, c in enumerate(plan.document_checks(doc))}
        findings = _merge_units(findings, doc_findings, order)
        doc_findings = []
        keep = {f.index for f in findings} if job.want_text else set()
        counts = (Counter(str(f.severity) for f in findings), Counter(f.check for f in findings))
    else:
        keep = {s.index for s in segs} if job.want_text else set()
    texts = {s.index: s for s in segs if s.index in keep}
    return FlagResult(len(segs), _pack(findings), doc_findings, plan.stats, texts, counts)


def _suspects(segs: list[Segment], rows: Any, code: str) -> Iterator[tuple[Segment, list[Any]]]:
    """Each live unit with words the dictionary lacks, and those words, from pass 1's
    rows (see :func:`_spelling_stats`) or, without them, found again."""
    from .checks.spelling import Word, is_known, iter_words

    if rows is None:
        for seg in segs:
            if seg.target and "obsolete" not in seg.flags:
                bad = [w for w in iter_words(seg.target)
                       if len(w.text) > 2 and w.text[0].isalpha()
                       and not is_known(code, w.text.lower())]
                if bad:
                    yield seg, bad
        return
    j = -1
    bad = []
    for k, a, b, flags in rows.tolist():
        if k != j:
            if bad:
                yield segs[j], bad
            j, bad = k, []
        t = segs[k].target or ""
        bad.append(Word(a, b, t[a:b], bool(flags & 1), bool(flags & 2)))
    if bad:
        yield segs[j], bad


def _merge_units(findings: list[Finding], doc_findings: Iterable[tuple[int, Finding]],
                 order: dict[str, int]) -> list[Finding]:
    """Each unit's findings as the runner gives them: its per-unit findings, then its
    document findings in plan order, deduplicated (``dedupe(dedupe(a) + b) ==
    dedupe(a + b)``, so per-unit findings already deduplicated may come in)."""
    extra: dict[int, list[Finding]] = {}
    for i, f in doc_findings:
        extra.setdefault(i, []).append(f)
    if not extra:
        return findings
    per_unit: dict[int, list[Finding]] = {}
    for f in findings:
        per_unit.setdefault(f.index, []).append(f)
    out: list[Finding] = []
    n = len(order)
    for i in sorted(per_unit.keys() | extra.keys()):
        docs = extra.get(i)
        if docs is None:
            out.extend(per_unit[i])
            continue
        if len(docs) > 1:
            docs.sort(key=lambda f: order.get(f.check, n))
        out.extend(dedupe(per_unit.get(i, []) + docs))
    return out


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
    total.checked += part.checked
    total.not_translated += part.not_translated
    total.statuses.update(part.statuses)
    for key, why in part.skipped.items():
        total.skipped.setdefault(key, why)


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
    or a --target file alone (read whole, by one worker). A pipe or FIFO cannot be
    split among workers: refused in one line."""
    from .inputs import is_stream

    for p in (*paths, source, target):
        if p and is_stream(p):
            raise UsageError("a pipe or device cannot be split among workers; save it to a "
                             "file, or drop --workers/--cluster", p)
    if target:
        return [[Chunk(target, "file", "txt", source=source, target_only=not source)]]
    return plan_chunks(list(paths), options, workers)


@dataclass
class _FileState:
    """What the driver learns of one file in pass 1."""

    doc: Document | None = None
    bases: list[int] = field(default_factory=list)  # the index of each chunk's first unit
    units: list[int] = field(default_factory=list)
    kept: list[Segment] = field(default_factory=list)
    spelling: _SpellingMerge = field(default_factory=_SpellingMerge)
    suspects: list[Any] = field(default_factory=list)
    variant: VariantStats | None = None
    consistency: list[UnitKeys] = field(default_factory=list)


def _map_file(chunks: list[Chunk], job: Any, engine: Engine) -> _FileState:
    """Pass 1 over a file's chunks; statistics merged as the chunks come, in order."""
    st = _FileState()
    before = 0
    # every chunk submitted at once: the statistics are small, and no worker waits
    for chunk, res in zip(chunks, ordered_map(engine, map_chunk, chunks, job, window=len(chunks))):
        st.doc = st.doc or res.doc
        shift = before - chunk.index_base
        st.bases.append(before)
        st.units.append(res.units)
        st.kept.extend(replace(s, index=s.index + shift) if shift else s for s in res.kept)
        st.spelling.add(res.spelling)
        st.suspects.append(res.suspects)
        if res.variant is not None:
            if st.variant is None:
                st.variant = VariantStats()
            st.variant.merge(res.variant, shift)
        if res.consistency is not None:
            st.consistency.append(res.consistency.shifted(shift))
        before += res.units
    return st


class _Messages:
    """The consistency findings of a file: for each of the two checks, the flagged
    unit indexes (ascending), their groups and each group's message and suggestion."""

    def __init__(self, parts: list[tuple[Any, Any, list[tuple[str, str | None]]]]) -> None:
        self.parts = parts

    def between(self, lo: int, hi: int) -> dict[int, list[tuple[str, str | None]]] | None:
        """Messages of the units ``lo <= index < hi``: "same source" before "same
        target", as ``ConsistencyCheck.run_document`` yields them."""
        import numpy as np

        out: dict[int, list[tuple[str, str | None]]] = {}
        for flagged, groups, msgs in self.parts:
            a, b = np.searchsorted(flagged, [lo, hi])
            for i, g in zip(flagged[a:b].tolist(), groups[a:b].tolist()):
                out.setdefault(i, []).append(msgs[g])
        return out or None


def _consistency_messages(st: _FileState, chunks: list[Chunk], job: Any,
                          engine: Engine, same_target: bool = False) -> _Messages | None:
    """The consistency findings of a file, decided from the chunks' unit keys; the
    majority units named in the messages are read again (those only). ``same_target``:
    whether the "same translation, different sources" decision runs (its setting)."""
    import numpy as np

    from .checks.consistency import Conflicts, conflicts, same_source_message, same_target_message

    keys = UnitKeys.concat(st.consistency)
    st.consistency = []
    same_src = conflicts(keys.pos_a, keys.key_a, keys.form_a)
    if same_target:
        same_tgt = conflicts(keys.pos_b, keys.key_b, keys.form_b)
    else:
        same_tgt = Conflicts(flagged=np.zeros(0, np.int64), groups=np.zeros(0, np.int64))
    del keys
    if not len(same_src.flagged) and not len(same_tgt.flagged):
        return None
    wanted = sorted({i for c in (same_src, same_tgt) for m in c.majority for i in m})
    # the chunk of each wanted unit: chunk k holds the indexes [bases[k], bases[k + 1])
    where = np.searchsorted(np.array(st.bases, np.int64), np.array(wanted, np.int64),
                            side="right") - 1
    asks: dict[int, list[int]] = {}
    for i, k in zip(wanted, where.tolist()):
        asks.setdefault(k, []).append(i)
    items = [(chunks[k], st.bases[k], asks[k]) for k in sorted(asks)]
    details: dict[int, tuple[str, str, str | None]] = {}
    for part in ordered_map(engine, _details_task, items, job, window=len(items)):
        details.update(part)
    parts: list[tuple[Any, Any, list[tuple[str, str | None]]]] = []
    for c, make in ((same_src, lambda ids, n, d: same_source_message(ids, n, d[2] or "")),
                    (same_tgt, lambda ids, n, d: same_target_message(ids, n, d[1]))):
        msgs: list[tuple[str, str | None]] = [make([details[i][0] for i in maj], n, details[maj[0]])
                                               for maj, n in zip(c.majority, c.counts)]
        parts.append((c.flagged, c.groups, msgs))
    return _Messages(parts)


class _FlagItems(Sequence[FlagItem]):
    """The flag tasks of a file's chunks, each built when it is submitted (its
    consistency messages are only then picked out)."""

    def __init__(self, chunks: list[Chunk], st: _FileState, messages: _Messages | None,
                 finish: bool) -> None:
        self.chunks, self.bases, self.units = chunks, st.bases, st.units
        self.suspects, self.messages, self.finish = st.suspects, messages, finish

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, k: int) -> FlagItem:  # type: ignore[override]
        lo = self.bases[k]
        cons = self.messages.between(lo, lo + self.units[k]) if self.messages else None
        return FlagItem(self.chunks[k], lo, cons, self.finish, self.suspects[k])


def _details_task(job: Job, item: tuple[Chunk, int, list[int]]) -> dict[int, tuple[str, str, str | None]]:
    return details_chunk(job, *item)


def _run_file(plan: CheckPlan, chunks: list[Chunk], job: Any, engine: Engine,
              progress: ChunkProgress, texts: dict[tuple[str, int], Segment] | None) -> Iterator[Finding]:
    stats = plan.stats
    stats.files += 1
    doc_findings: dict[int, list[Finding]] = {}
    order: dict[str, int] = {}
    known = False  # unit indexes global in pass 2 (pass 1 counted the units)
    if any(_is_doc(c) for c in plan.checks):
        st = _map_file(chunks, job, engine)
        doc = st.doc
        assert doc is not None
        checks = plan.document_checks(doc)
        order = {c.id: i for i, c in enumerate(checks)}
        spell, variant, consistency, others = _split_checks(plan, doc)
        fs = FlagState()
        if spell is not None:
            ctx = plan._contexts(doc)[spell.id]
            fs.spelling = st.spelling.state(int(ctx.option("min_doc_frequency", 3) or 0),
                                            ctx.target_only)
        if variant is not None and st.variant is not None:
            fs.variant = variant.decide(st.variant, plan._contexts(doc)[variant.id])
            st.variant = None
        messages = None
        if consistency is not None and st.consistency:
            same_target = same_target_on(plan._contexts(doc)[consistency.id].options)
            messages = _consistency_messages(st, chunks, job, engine, same_target)
        state = engine.share(fs) if (fs.spelling is not None or fs.variant) else None
        items = _FlagItems(chunks, st, messages, finish=not others)
        known = True
        flagged = ordered_map(engine, flag_chunk, items, job, state)
        # the driver's document checks run while the workers flag the first chunks
        if others:
            for idx, f in plan.document_findings(doc, st.kept, others):
                doc_findings.setdefault(idx, []).append(f)
        del st
    else:
        flagged = ordered_map(engine, flag_chunk, [FlagItem(c, finish=True) for c in chunks],
                              job, None)
    before = 0
    for chunk, res in zip(chunks, flagged):
        shift = 0 if known else before - chunk.index_base
        lo, hi = before, before + res.units
        before += res.units
        _add_stats(stats, res.stats)
        found = _unpack(res.findings)
        if res.doc_findings or doc_findings:  # merged here: document checks on the driver
            extra = [(i, f) for i, f in res.doc_findings]
            for i in range(lo, hi):
                if i in doc_findings:
                    extra.extend((i, f) for f in doc_findings.pop(i))
            found = _merge_units(found, extra, order)
        count = res.counts is None
        if not count:  # the worker counted the final findings
            stats.by_severity.update(res.counts[0])
            stats.by_check.update(res.counts[1])
        if shift or count or (texts is not None and res.texts):
            for f in found:
                i = f.index + shift
                if texts is not None and f.index in res.texts:  # the text writer reads it at once
                    texts[(chunk.path, i)] = res.texts[f.index]
                if shift:
                    f = replace(f, index=i)
                if count:
                    stats.add(f)
                yield f
        else:
            yield from found
        progress.advance(res.units)


@dataclass
class EnginePlan(CheckPlan):
    """A :class:`~reviewer.runner.CheckPlan` whose :meth:`run` checks the document's
    file on an engine's workers (``reviewer report --workers``): the findings of
    ``CheckPlan.run``, in the same order. ``inputs`` holds the chunks of the files
    (see :func:`input_chunks`) in the order the documents come."""

    engine: Any = None
    inputs: list[list[Chunk]] = field(default_factory=list)
    options: Any = None

    def run(self, doc: Document, document_checks: bool = True) -> Iterator[Finding]:
        """The findings of ``doc``, computed from its file by the workers."""
        if not self.inputs or self.inputs[0][0].path != doc.path:
            raise RuntimeError(f"no chunks planned for {doc.path}")  # a bug, not a user error
        chunks = self.inputs.pop(0)
        for _ in doc:  # the caller's unit stream (progress counting) is drained
            pass
        plain = CheckPlan(self.checks, self.config, self.glossary, self.stats,
                          include_untranslated=self.include_untranslated, states=self.states)
        return run_check(plain, [chunks], self.options, self.engine)


def _is_doc(check: Any) -> bool:
    from .checks.base import DocumentCheck

    return isinstance(check, DocumentCheck)


# --------------------------------------------------------------------------- score


def _compact(rows: Any) -> Any:
    """``rows`` as int32 when every value is an integer that fits (sacrebleu's counts
    usually are): half the bytes, and converted back exactly."""
    import numpy as np

    if rows.size and np.isfinite(rows).all() and np.abs(rows).max() < 2**31 \
            and (rows == np.floor(rows)).all():
        return rows.astype(np.int32)
    return rows


def _integral(rows: Any) -> bool:
    import numpy as np

    return bool(rows.size == 0 or (np.isfinite(rows).all() and (rows == np.floor(rows)).all()
                                   and np.abs(rows).sum() < 2**52))


def _rows(metric: str, hyps: list[str], refs: list[list[str]], options: Any) -> Any:
    """Per-segment statistics of one slice (a worker task)."""
    from .metrics import SegmentStats

    return _compact(SegmentStats(metric, hyps, refs, options).rows)


def _span(metrics: Sequence[str], hyps: list[str], refs: list[list[str]], options: Any,
          rows: bool) -> dict[str, tuple[str, Any]]:
    """Every metric's statistics of one slice of segments (a worker task): its rows,
    compacted (``("rows", array)``), or, when ``rows`` is false and they are integers,
    just their column sums (``("sum", array)``), which add up exactly in any order."""
    from .metrics import corpus_scores

    out: dict[str, tuple[str, Any]] = {}
    for m, stats in corpus_scores(hyps, refs, metrics, options).items():
        r = stats.rows
        assert r is not None  # corpus_scores keeps the rows
        out[m] = ("sum", r.sum(axis=0)) if not rows and _integral(r) else ("rows", _compact(r))
    return out


def _stats_from(metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]], options: Any,
                rows: Any, total: Any) -> Any:
    """A :class:`~reviewer.metrics.SegmentStats` with given rows (None: not kept; then
    only corpus scores of all segments and signatures are available) and total."""
    from .metrics import SegmentStats

    return SegmentStats(metric, hyps, refs, options, rows=rows, total=total)


def _spans(n: int, workers: int, chunk: int) -> list[tuple[int, int]]:
    step = max(1, min(chunk, -(-n // (8 * workers)) if n else 1))
    return [(a, min(n, a + step)) for a in range(0, n, step)]


def score_stats(engine: Engine, metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]],
                options: Any, chunk: int = 5_000) -> Any:
    """A :class:`~reviewer.metrics.SegmentStats` whose rows were computed by chunks on
    the engine's workers; identical to ``SegmentStats(metric, hyps, refs, options)``."""
    import numpy as np

    items = [(list(hyps[a:b]), [list(r[a:b]) for r in refs]) for a, b in _spans(len(hyps), engine.workers, chunk)]
    parts = list(ordered_map(engine, _rows_task, items, metric, options, window=len(items) or 1))
    width = parts[0].shape[1] if parts else 0
    rows = (np.concatenate(parts).astype(np.float64).reshape(len(hyps), width)
            if parts else np.zeros((0, 0)))
    return _stats_from(metric, hyps, refs, options, rows, rows.sum(axis=0))


def _rows_task(metric: str, options: Any, item: tuple[list[str], list[list[str]]]) -> Any:
    return _rows(metric, item[0], item[1], options)


def _span_task(metrics: Sequence[str], options: Any, rows: bool,
               item: tuple[list[str], list[list[str]]]) -> dict[str, tuple[str, Any]]:
    return _span(metrics, item[0], item[1], options, rows)


def score_systems_on(engine: Engine, hyp_paths: Sequence[str], ref_paths: Sequence[str],
                     metrics: Sequence[str], options: Any,
                     names: Sequence[str] | None = None,
                     read_options: Any = None, rows: bool = True,
                     chunk: int = 5_000) -> tuple[list[Any], list[list[str]]]:
    """:func:`reviewer.scoring.score_systems` with the statistics computed on the
    engine's workers (same systems, same figures). One task computes every metric of
    a slice of segments (the text travels once); with ``rows=False`` the per-segment
    rows are not kept (corpus scores and signatures only: no ``--segments``,
    ``--confidence``), and tasks return column sums instead of rows."""
    import numpy as np

    from .metrics import METRICS
    from .scoring import score_systems

    for m in metrics:
        if m not in METRICS:
            raise UsageError(f"unknown metric {m!r} (known: {', '.join(METRICS)})")
    systems, refs = score_systems(hyp_paths, ref_paths, [], options, read_options, names=names)
    for system in systems:
        hyps = system.hyps
        spans = _spans(len(hyps), engine.workers, chunk)
        items = [(list(hyps[a:b]), [list(r[a:b]) for r in refs]) for a, b in spans]
        parts = list(ordered_map(engine, _span_task, items, list(metrics), options, rows,
                                 window=4 * engine.workers + 2))
        system.stats = {}
        for m in metrics:
            got = [p[m] for p in parts]
            if all(kind == "sum" for kind, _ in got) and got:
                total = np.sum([v for _, v in got], axis=0)  # integers: exact in any order
                system.stats[m] = _stats_from(m, hyps, refs, options, None, total)
            elif all(kind == "rows" for kind, _ in got) and got:
                width = got[0][1].shape[1]
                r = np.concatenate([v for _, v in got]).astype(np.float64).reshape(len(hyps), width)
                system.stats[m] = _stats_from(m, hyps, refs, options, r, r.sum(axis=0))
            else:  # fractional statistics somewhere: the rows, summed as one process does
                system.stats[m] = score_stats(engine, m, hyps, refs, options, chunk)
    return systems, refs

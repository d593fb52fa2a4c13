"""The driver of a distributed check (``check``/``report`` with ``--workers`` or
``--cluster``): the three passes over each file's chunks (see :mod:`reviewer.distributed`),
findings yielded in input order as a single process would."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from ..checks.base import DocumentCheck, UnitText
from ..chunks import Chunk, plan_chunks
from ..errors import UsageError
from ..formats.base import ReadOptions
from ..inputs import is_stream
from ..model import Document, Finding, Segment
from ..progress import Progress
from ..runner import CheckPlan, RunStats
from .engines import Engine, Shared, ordered_map
from .tasks import FlagItem, FlagState, TaskSettings, details_task, flag_chunk, map_chunk, unpack_findings

__all__ = ["run_check", "input_chunks", "EnginePlan"]


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


def run_check(plan: CheckPlan, inputs: Sequence[list[Chunk]], options: ReadOptions, engine: Engine,
              want_text: bool = False,
              texts: dict[tuple[str, int], Segment] | None = None) -> Iterator[Finding]:
    """Yield the findings of every input (one list of chunks a file, see
    :func:`~reviewer.chunks.plan_chunks`) in input order, as a single process would.
    Counts go to ``plan.stats``; with ``want_text``, flagged units go to ``texts``."""
    job = engine.share(TaskSettings(plan, options, want_text))
    progress = Progress(sum(map(len, inputs)), parts="chunks")
    try:
        for chunks in inputs:
            yield from _run_file(plan, chunks, job, engine, progress, texts)
    finally:
        progress.close()


def input_chunks(paths: Sequence[str], source: str | None, target: str | None,
                 options: ReadOptions, workers: int) -> list[list[Chunk]]:
    """The chunks of the command's inputs: INPUT files, or a --source/--target pair,
    or a --target file alone (read whole, by one worker). A pipe or FIFO cannot be
    split among workers: refused in one line."""
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
    stats: dict[str, Any] = field(default_factory=dict)  # merged, by check id
    local: list[dict[str, Any]] = field(default_factory=list)  # each chunk's, by check id


def _map_file(plan: CheckPlan, chunks: list[Chunk], job: Shared, engine: Engine) -> _FileState:
    """Pass 1 over a file's chunks; statistics merged as the chunks come, in order."""
    st = _FileState()
    before = 0
    by_id: dict[str, DocumentCheck] = {}
    # every chunk submitted at once: the statistics are small, and no worker waits
    for chunk, res in zip(chunks, ordered_map(engine, map_chunk, chunks, job, window=len(chunks))):
        if st.doc is None:
            st.doc = res.doc
            by_id = {c.id: c for c in plan.document_checks(res.doc)}
        shift = before - chunk.index_base
        st.bases.append(before)
        st.units.append(res.units)
        for cid, part in res.stats.items():
            st.stats[cid] = by_id[cid].merge(st.stats.get(cid), part, shift)
        st.local.append(res.local)
        before += res.units
    return st


def _fetcher(st: _FileState, chunks: list[Chunk], job: Shared,
             engine: Engine) -> Callable[[Iterable[int]], dict[int, UnitText]]:
    """``fetch(indexes)`` for :meth:`DocumentCheck.decide`: the workers read the units
    again from the chunks that hold them (those units only)."""
    def fetch(indexes: Iterable[int]) -> dict[int, UnitText]:
        wanted = sorted(set(indexes))
        if not wanted:
            return {}
        # the chunk of each wanted unit: chunk k holds the indexes [bases[k], bases[k + 1])
        where = np.searchsorted(np.array(st.bases, np.int64), np.array(wanted, np.int64),
                                side="right") - 1
        asks: dict[int, list[int]] = {}
        for i, k in zip(wanted, where.tolist()):
            asks.setdefault(k, []).append(i)
        items = [(chunks[k], st.bases[k], asks[k]) for k in sorted(asks)]
        out: dict[int, UnitText] = {}
        for part in ordered_map(engine, details_task, items, job, window=len(items)):
            out.update(part)
        return out
    return fetch


class _FlagItems(SequenceABC[FlagItem]):
    """The flag tasks of a file's chunks, each built when it is submitted (its share
    of the verdicts given per unit is only then picked out)."""

    def __init__(self, chunks: list[Chunk], st: _FileState,
                 per_unit: list[tuple[DocumentCheck, Any]]) -> None:
        self.chunks, self.bases, self.units, self.local = chunks, st.bases, st.units, st.local
        self.per_unit = per_unit

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, k: int) -> FlagItem:  # type: ignore[override]
        lo, hi = self.bases[k], self.bases[k] + self.units[k]
        verdicts = {}
        for c, v in self.per_unit:
            part = c.verdicts_between(v, lo, hi)
            if part:
                verdicts[c.id] = part
        return FlagItem(self.chunks[k], lo, verdicts, self.local[k])


def _run_file(plan: CheckPlan, chunks: list[Chunk], job: Shared, engine: Engine,
              progress: Progress, texts: dict[tuple[str, int], Segment] | None) -> Iterator[Finding]:
    stats = plan.stats
    stats.files += 1
    known = False  # unit indexes global in pass 2 (pass 1 counted the units)
    if any(isinstance(c, DocumentCheck) for c in plan.checks):
        st = _map_file(plan, chunks, job, engine)
        doc = st.doc
        assert doc is not None
        ctxs = plan.contexts(doc)
        fetch = _fetcher(st, chunks, job, engine)
        whole: dict[str, Any] = {}  # verdicts every chunk is given
        per_unit: list[tuple[DocumentCheck, Any]] = []
        for c in plan.document_checks(doc):
            verdicts = c.decide(st.stats.pop(c.id), ctxs[c.id], fetch)
            if not verdicts:
                continue
            if c.per_unit_verdicts:
                per_unit.append((c, verdicts))
            else:
                whole[c.id] = verdicts
        state = engine.share(FlagState(whole)) if whole else None
        known = True
        flagged = ordered_map(engine, flag_chunk, _FlagItems(chunks, st, per_unit), job, state)
        del st
    else:
        flagged = ordered_map(engine, flag_chunk, [FlagItem(c) for c in chunks], job, None)
    before = 0
    for chunk, res in zip(chunks, flagged):
        shift = 0 if known else before - chunk.index_base
        before += res.units
        _add_stats(stats, res.stats)
        found = unpack_findings(res.findings)
        stats.by_severity.update(res.counts[0])  # the worker counted the final findings
        stats.by_check.update(res.counts[1])
        if shift or (texts is not None and res.texts):
            for f in found:
                i = f.index + shift
                if texts is not None and f.index in res.texts:  # the text writer reads it at once
                    texts[(chunk.path, i)] = res.texts[f.index]
                if shift:
                    f = replace(f, index=i)
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

    engine: Engine | None = None
    inputs: list[list[Chunk]] = field(default_factory=list)
    options: ReadOptions | None = None

    def run(self, doc: Document, document_checks: bool = True) -> Iterator[Finding]:
        """The findings of ``doc``, computed from its file by the workers."""
        if not self.inputs or self.inputs[0][0].path != doc.path:
            raise RuntimeError(f"no chunks planned for {doc.path}")  # a bug, not a user error
        chunks = self.inputs.pop(0)
        for _ in doc:  # the caller's unit stream (progress counting) is drained
            pass
        plain = CheckPlan(self.checks, self.config, self.glossary, self.stats,
                          include_untranslated=self.include_untranslated, states=self.states)
        if self.engine is None or self.options is None:
            raise RuntimeError("an EnginePlan needs an engine and read options")  # a bug
        return run_check(plain, [chunks], self.options, self.engine)


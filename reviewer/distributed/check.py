"""The driver of a distributed check (``check``/``report`` with ``--workers`` or
``--cluster``): the three passes over each file's chunks (see :mod:`reviewer.distributed`),
findings yielded in input order as a single process would."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field, replace
from typing import Iterator, Sequence

import numpy as np

from ..checks.base import DocumentCheck
from ..checks.consistency import UnitKeys, same_target_on
from ..checks.spelling import MIN_DOC_FREQUENCY
from ..checks.variant import VariantStats
from ..chunks import Chunk, plan_chunks
from ..errors import UsageError
from ..formats.base import ReadOptions
from ..inputs import is_stream
from ..model import Document, Finding, Segment
from ..progress import Progress
from ..runner import CheckPlan, RunStats
from .consistency_messages import Messages, consistency_messages
from .engines import Engine, Shared, ordered_map
from .spelling_stats import SpellingMerge
from .tasks import (
    FlagItem,
    FlagState,
    TaskSettings,
    flag_chunk,
    map_chunk,
    merge_units,
    split_checks,
    unpack_findings,
)

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
    kept: list[Segment] = field(default_factory=list)
    spelling: SpellingMerge = field(default_factory=SpellingMerge)
    suspects: list[np.ndarray | None] = field(default_factory=list)
    variant: VariantStats | None = None
    consistency: list[UnitKeys] = field(default_factory=list)


def _map_file(chunks: list[Chunk], job: Shared, engine: Engine) -> _FileState:
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


class _FlagItems(SequenceABC[FlagItem]):
    """The flag tasks of a file's chunks, each built when it is submitted (its
    consistency messages are only then picked out)."""

    def __init__(self, chunks: list[Chunk], st: _FileState, messages: Messages | None,
                 finish: bool) -> None:
        self.chunks, self.bases, self.units = chunks, st.bases, st.units
        self.suspects, self.messages, self.finish = st.suspects, messages, finish

    def __len__(self) -> int:
        return len(self.chunks)

    def __getitem__(self, k: int) -> FlagItem:  # type: ignore[override]
        lo = self.bases[k]
        cons = self.messages.between(lo, lo + self.units[k]) if self.messages else None
        return FlagItem(self.chunks[k], lo, cons, self.finish, self.suspects[k])


def _run_file(plan: CheckPlan, chunks: list[Chunk], job: Shared, engine: Engine,
              progress: Progress, texts: dict[tuple[str, int], Segment] | None) -> Iterator[Finding]:
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
        spell, variant, consistency, others = split_checks(plan, doc)
        fs = FlagState()
        if spell is not None:
            ctx = plan.contexts(doc)[spell.id]
            fs.spelling = st.spelling.state(int(ctx.option("min_doc_frequency", MIN_DOC_FREQUENCY) or 0),
                                            ctx.target_only)
        if variant is not None and st.variant is not None:
            fs.variant = variant.decide(st.variant, plan.contexts(doc)[variant.id])
            st.variant = None
        messages = None
        if consistency is not None and st.consistency:
            same_target = same_target_on(plan.contexts(doc)[consistency.id].options)
            messages = consistency_messages(st.consistency, st.bases, chunks, job, engine, same_target)
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
        found = unpack_findings(res.findings)
        if res.doc_findings or doc_findings:  # merged here: document checks on the driver
            extra = [(i, f) for i, f in res.doc_findings]
            for i in range(lo, hi):
                if i in doc_findings:
                    extra.extend((i, f) for f in doc_findings.pop(i))
            found = merge_units(found, extra, order)
        count = res.counts is None
        if res.counts is not None:  # the worker counted the final findings
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


def _is_doc(check: object) -> bool:
    return isinstance(check, DocumentCheck)

"""The tasks a worker runs for a distributed check, and what they exchange with the
driver: pass 1 (:func:`map_chunk`: statistics of a chunk for the document checks),
the re-reading of a few units (:func:`details_chunk`), pass 2 (:func:`flag_chunk`:
the chunk's findings, merged per unit as the runner merges them)."""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from ..checks.base import Check, CheckContext
from ..checks.consistency import ConsistencyCheck, UnitKeys, unit_keys
from ..checks.spelling import SpellingCheck
from ..checks.variant import VariantCheck, VariantStats, Verdicts
from ..chunks import Chunk, chunk_document
from ..formats.base import ReadOptions
from ..model import Document, Finding, Segment
from ..runner import CheckPlan, RunStats, dedupe
from .spelling_stats import SpellingCounts, SpellingState, spelling_stats, unknown_words

Message = tuple[str, str | None]  # a consistency finding's (message, suggestion)

__all__ = ["Message", "TaskSettings", "MapResult", "FlagState", "FlagItem", "FlagResult", "map_chunk",
           "details_chunk", "details_task", "flag_chunk", "merge_units", "split_checks",
           "pack_findings", "unpack_findings"]


@dataclass
class TaskSettings:
    """What every task of a check run needs: the plan, read options, output needs."""

    plan: CheckPlan
    options: ReadOptions
    want_text: bool = False


@dataclass
class MapResult:
    """Pass 1 of one chunk: its number of units and the document checks' statistics."""

    units: int
    doc: Document
    kept: list[Segment] = field(default_factory=list)  # for driver-side document checks
    spelling: SpellingCounts | None = None
    suspects: np.ndarray | None = None  # spelling: the words the dictionary lacks (see spelling_stats)
    variant: VariantStats | None = None
    consistency: UnitKeys | None = None


@dataclass
class FlagState:
    """What the flag pass of every chunk of a file needs: spelling's merged state and
    the spellings ``variant`` flags."""

    spelling: SpellingState | None = None
    variant: Verdicts | None = None


@dataclass
class FlagItem:
    """The flag pass of one chunk: its units are indexed from ``base`` (byte-range
    chunks; -1: unknown, chunk-local), ``consistency`` holds the messages of its
    flagged units by index; with ``finish`` the worker merges each unit's findings
    (no document check runs on the driver)."""

    chunk: Chunk
    base: int = -1
    consistency: dict[int, list[Message]] | None = None
    finish: bool = False
    suspects: np.ndarray | None = None


@dataclass
class FlagResult:
    """Pass 2 of one chunk: findings (merged per unit, or per-unit and document
    findings apart), statistics, the texts of units with findings."""

    units: int
    findings: list[Any]  # packed (see pack_findings)
    doc_findings: list[tuple[int, Finding]]
    stats: RunStats
    texts: dict[int, Segment] = field(default_factory=dict)
    counts: tuple[Counter[str], Counter[str]] | None = None  # by severity, by check (final)


_FIELDS = operator.attrgetter(*(f.name for f in fields(Finding)))


def pack_findings(findings: list[Finding]) -> list[Any]:
    """Findings as plain tuples (pickled about 3 times faster than the dataclass)."""
    return [_FIELDS(f) if type(f) is Finding else f for f in findings]


def unpack_findings(items: list[Any]) -> list[Finding]:
    return [Finding(*x) if type(x) is tuple else x for x in items]


def _meta(doc: Document) -> Document:
    return Document(path=doc.path, format=doc.format, source_lang=doc.source_lang,
                    target_lang=doc.target_lang, segments=[], target_only=doc.target_only,
                    meta=dict(doc.meta))


def split_checks(plan: CheckPlan, doc: Document) -> tuple[
        SpellingCheck | None, VariantCheck | None, ConsistencyCheck | None, list[Check]]:
    """The document checks of ``doc``: spelling, variant and consistency (run by
    map-reduce), and the others (run by the driver over the units)."""
    spell: SpellingCheck | None = None
    variant: VariantCheck | None = None
    consistency: ConsistencyCheck | None = None
    others: list[Check] = []
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


def map_chunk(job: TaskSettings, chunk: Chunk) -> MapResult:
    """Pass 1: the statistics of the chunk's units for spelling, variant and
    consistency; the units themselves only for other document checks."""
    doc = chunk_document(chunk, job.options)
    segs = list(doc.segments)
    live = job.plan.document_units(segs)
    spell, variant, consistency, others = split_checks(job.plan, doc)
    out = MapResult(len(segs), _meta(doc), live if others else [])
    if variant is not None:
        out.variant = VariantStats()
        out.variant.scan(live, sources=not doc.target_only)
    if consistency is not None:
        out.consistency = unit_keys(live, doc.source_lang, doc.target_lang)
    if spell is not None:
        found = spelling_stats(job.plan, doc, spell, segs)
        if found is not None:
            out.spelling, out.suspects = found
    return out


def details_chunk(job: TaskSettings, chunk: Chunk, base: int,
                  wanted: list[int]) -> dict[int, tuple[str, str, str | None]]:
    """``(id, source, target)`` of the units ``wanted`` (indexes) of a chunk."""
    doc = chunk_document(chunk, job.options, base)
    want = set(wanted)
    last = max(wanted)
    out: dict[int, tuple[str, str, str | None]] = {}
    for s in doc.segments:
        if s.index in want:
            out[s.index] = (s.id, s.source, s.target)
        if s.index >= last:
            break
    return out


def flag_chunk(job: TaskSettings, state: FlagState | None, item: FlagItem) -> FlagResult:
    """Pass 2: the chunk's per-unit findings, and its findings of spelling, variant
    and consistency from the document's state."""
    plan = CheckPlan(job.plan.checks, job.plan.config, job.plan.glossary,
                     include_untranslated=job.plan.include_untranslated, states=job.plan.states)
    doc = chunk_document(item.chunk, job.options, max(item.base, 0))
    segs = list(doc.segments)
    doc.segments = segs
    findings = list(plan.run(doc, document_checks=False))
    doc_findings: list[tuple[int, Finding]] = []
    spell, variant, consistency, _others = split_checks(plan, doc)
    st = state or FlagState()
    spelling, verdicts, flagged = st.spelling, st.variant, item.consistency or {}
    run: list[Check] = []
    if spell is not None and spelling is not None:
        run.append(spell)
    if variant is not None and verdicts:
        run.append(variant)
    if consistency is not None and flagged:
        run.append(consistency)
    if run:
        def runner(check: Check, kept: Sequence[Segment],
                   ctx: CheckContext) -> Iterator[tuple[Segment, Finding]]:
            if variant is not None and check is variant:
                yield from variant.emit(kept, verdicts or {})
            elif consistency is not None and check is consistency:
                for seg in kept:
                    for message, suggestion in flagged.get(seg.index, ()):
                        yield seg, consistency.flag_unit(seg, message, suggestion)
            elif spell is not None and check is spell and spelling is not None:
                env = spell._env(ctx)
                if env is None:
                    return
                env.names, env.name_forms = spelling["names"], spelling["forms"]
                env.frequent = spelling["frequent"]
                # only a word the dictionary lacks can be flagged (as run_document)
                for seg, bad in unknown_words(segs, item.suspects, env.code):
                    for f in spell._check(seg, env, ctx, bad):
                        yield seg, f

        live = plan.document_units(segs)
        doc_findings = list(plan.document_findings(doc, live, run, runner))
    counts = None
    if item.finish:
        order = {c.id: i for i, c in enumerate(plan.document_checks(doc))}
        findings = merge_units(findings, doc_findings, order)
        doc_findings = []
        keep = {f.index for f in findings} if job.want_text else set()
        counts = (Counter(str(f.severity) for f in findings), Counter(f.check for f in findings))
    else:
        keep = {s.index for s in segs} if job.want_text else set()
    texts = {s.index: s for s in segs if s.index in keep}
    return FlagResult(len(segs), pack_findings(findings), doc_findings, plan.stats, texts, counts)


def merge_units(findings: list[Finding], doc_findings: Iterable[tuple[int, Finding]],
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


def details_task(job: TaskSettings, item: tuple[Chunk, int, list[int]]) -> dict[int, tuple[str, str, str | None]]:
    """:func:`details_chunk` with its arguments in one item (for :func:`ordered_map`)."""
    return details_chunk(job, *item)

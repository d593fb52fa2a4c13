"""The tasks a worker runs for a distributed check, and what they exchange with the
driver: pass 1 (:func:`map_chunk`: the document checks' statistics of a chunk), the
re-reading of a few units (:func:`details_chunk`), pass 2 (:func:`flag_chunk`: the
chunk's findings, merged per unit as the runner merges them). Every document check
runs through the steps of :class:`~reviewer.checks.base.DocumentCheck`."""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any, Iterable

from ..checks.base import CheckContext, DocumentCheck, UnitText
from ..chunks import Chunk, chunk_document
from ..formats.base import ReadOptions
from ..model import Document, Finding, Segment
from ..runner import CheckPlan, RunStats, dedupe

__all__ = ["TaskSettings", "MapResult", "FlagState", "FlagItem", "FlagResult", "map_chunk",
           "details_chunk", "details_task", "flag_chunk", "merge_units",
           "pack_findings", "unpack_findings"]


@dataclass
class TaskSettings:
    """What every task of a check run needs: the plan, read options, output needs."""

    plan: CheckPlan
    options: ReadOptions
    want_text: bool = False


@dataclass
class MapResult:
    """Pass 1 of one chunk: its number of units, and each document check's statistics
    (merged by the driver) and chunk-local part (handed back to its flag task), by
    check id."""

    units: int
    doc: Document
    stats: dict[str, Any] = field(default_factory=dict)
    local: dict[str, Any] = field(default_factory=dict)


@dataclass
class FlagState:
    """The verdicts every chunk of a file is given whole, by check id (one object: a
    dict would be scattered value by value by Dask)."""

    verdicts: dict[str, Any] = field(default_factory=dict)


@dataclass
class FlagItem:
    """The flag pass of one chunk: its units are indexed from ``base`` (byte-range
    chunks; -1: unknown, chunk-local); ``verdicts`` holds the share of its units of
    the verdicts given per unit, ``local`` what pass 1 kept of the chunk, by check id."""

    chunk: Chunk
    base: int = -1
    verdicts: dict[str, Any] = field(default_factory=dict)
    local: dict[str, Any] = field(default_factory=dict)


@dataclass
class FlagResult:
    """Pass 2 of one chunk: findings (merged per unit), statistics, the texts of units
    with findings, the counts of the findings."""

    units: int
    findings: list[Any]  # packed (see pack_findings)
    stats: RunStats
    counts: tuple[Counter[str], Counter[str]]  # by severity, by check
    texts: dict[int, Segment] = field(default_factory=dict)


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


def map_chunk(job: TaskSettings, chunk: Chunk) -> MapResult:
    """Pass 1: each document check's statistics of the chunk's units."""
    doc = chunk_document(chunk, job.options)
    segs = list(doc.segments)
    live = job.plan.document_units(segs)
    out = MapResult(len(segs), _meta(doc))
    ctxs = job.plan.contexts(doc)
    for c in job.plan.document_checks(doc):
        out.stats[c.id], local = c.statistics(live, ctxs[c.id])
        if local is not None:
            out.local[c.id] = local
    return out


def details_chunk(job: TaskSettings, chunk: Chunk, base: int, wanted: list[int]) -> dict[int, UnitText]:
    """The id, source and target of the units ``wanted`` (indexes) of a chunk."""
    doc = chunk_document(chunk, job.options, base)
    want = set(wanted)
    last = max(wanted)
    out: dict[int, UnitText] = {}
    for s in doc.segments:
        if s.index in want:
            out[s.index] = UnitText(s.id, s.source, s.target)
        if s.index >= last:
            break
    return out


def flag_chunk(job: TaskSettings, shared: FlagState | None, item: FlagItem) -> FlagResult:
    """Pass 2: the chunk's per-unit findings, and the findings of the document checks'
    verdicts (``shared``: those every chunk is given whole) on its units, merged per
    unit as the runner merges them."""
    plan = CheckPlan(job.plan.checks, job.plan.config, job.plan.glossary,
                     include_untranslated=job.plan.include_untranslated, states=job.plan.states)
    doc = chunk_document(item.chunk, job.options, max(item.base, 0))
    segs = list(doc.segments)
    doc.segments = segs
    findings = list(plan.run(doc, document_checks=False))
    checks = plan.document_checks(doc)
    verdicts = {**shared.verdicts, **item.verdicts} if shared else item.verdicts
    run = [c for c in checks if verdicts.get(c.id)]
    if run:
        live = plan.document_units(segs)

        def found(check: DocumentCheck, ctx: CheckContext) -> Iterable[tuple[Segment, Finding]]:
            return check.emit(live, verdicts[check.id], ctx, item.local.get(check.id))

        order = {c.id: i for i, c in enumerate(checks)}
        findings = merge_units(findings, plan.document_findings(doc, live, run, found), order)
    keep = {f.index for f in findings} if job.want_text else set()
    counts = (Counter(str(f.severity) for f in findings), Counter(f.check for f in findings))
    texts = {s.index: s for s in segs if s.index in keep}
    return FlagResult(len(segs), pack_findings(findings), plan.stats, counts, texts)


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


def details_task(job: TaskSettings, item: tuple[Chunk, int, list[int]]) -> dict[int, UnitText]:
    """:func:`details_chunk` with its arguments in one item (for :func:`ordered_map`)."""
    return details_chunk(job, *item)

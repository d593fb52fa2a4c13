"""The report's data model: one :class:`ReportData` holding a :class:`FileReport` per
input, each with a :class:`SegmentRow` per unit. ``to_dict`` gives the JSON report
(documented in ``docs/report-json-schema.md``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import __version__
from ..model import Finding, Severity
from .signature import Signature

SCHEMA_VERSION = 1


def stats_dict(units: int, words: int, findings: list[Finding],
               terms: tuple[int, int] | None) -> dict[str, Any]:
    """The ``stats`` object of interfaces.md (units, words, findings by severity and by
    check, term adherence when a glossary applied), plus findings by category."""
    by_sev = Counter(str(f.severity) for f in findings)
    d: dict[str, Any] = {
        "files": 0,
        "units": units,
        "words": words,
        "findings": {
            "total": len(findings),
            "by_severity": {str(s): by_sev.get(str(s), 0) for s in Severity},
            "by_check": dict(sorted(Counter(f.check for f in findings).items())),
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        },
    }
    if terms is not None:
        n, m = terms
        d["term_adherence"] = {"found": n, "approved": m, "rate": round(m / n, 4) if n else None}
    return d


@dataclass
class SegmentRow:
    """One unit of a file as the report shows it."""

    index: int
    unit: str
    line: int | None
    source: str
    target: str | None
    reference: str | None = None
    findings: list[Finding] = field(default_factory=list)
    corrected: str | None = None  # the store's current correction, when it differs
    status: str | None = None  # review status from the store
    annotations: list[dict[str, Any]] = field(default_factory=list)
    qa_score: float = 100.0
    chrf: float | None = None
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    #: what the file says about the unit for its translator: context (PO msgctxt,
    #: Angular meaning, Qt context) and notes (comments, descriptions)
    context: str | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of one segment (``context`` and ``notes`` only when the file
        gives them)."""
        d = {
            "index": self.index,
            "unit": self.unit,
            "line": self.line,
            "source": self.source,
            "target": self.target,
            "reference": self.reference,
            "corrected": self.corrected,
            "status": self.status,
            "qa_score": self.qa_score,
            "chrf": self.chrf,
            "annotations": self.annotations,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.context is not None:
            d["context"] = self.context
        if self.notes:
            d["notes"] = list(self.notes)
        return d


@dataclass
class FileReport:
    """Everything about one input file."""

    path: str
    format: str
    source_lang: str | None = None
    target_lang: str | None = None
    target_only: bool = False
    segments: list[SegmentRow] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, float] | None = None
    signatures: dict[str, str] = field(default_factory=dict)
    mqm: dict[str, Any] | None = None
    post_edit: dict[str, Any] | None = None
    meaning: dict[str, Any] | None = None  # distribution of similarities (meaning check on)
    store: str | None = None
    dismissed: int = 0
    seconds: float = 0.0
    # kept for aggregation, not serialised
    seg_stats: dict[str, Any] = field(default_factory=dict, repr=False)
    references: list[list[str]] | None = field(default=None, repr=False)
    mqm_rows: list[Any] = field(default_factory=list, repr=False)
    originals: list[str] = field(default_factory=list, repr=False)
    current: list[str] = field(default_factory=list, repr=False)
    similarities: list[float | None] = field(default_factory=list, repr=False)

    def findings(self) -> Iterator[Finding]:
        """The file's findings in document order."""
        for row in self.segments:
            yield from row.findings

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of one file (``meaning`` only when the meaning check ran)."""
        d = {
            "path": self.path,
            "format": self.format,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "target_only": self.target_only,
            "store": self.store,
            "stats": self.stats,
            "dismissed": self.dismissed,
            "scores": None if self.scores is None else {
                "metrics": self.scores, "signatures": self.signatures},
            "mqm": self.mqm,
            "post_edit": self.post_edit,
            "segments": [r.to_dict() for r in self.segments],
        }
        if self.meaning is not None:
            d["meaning"] = self.meaning
        return d


@dataclass
class ReportData:
    """One batch run, ready to render."""

    title: str
    generated: str
    files: list[FileReport]
    fail_on: str | None = None
    failed: bool = False
    profile: str = "mqm"
    command: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    systems: list[dict[str, Any]] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    version: str = __version__

    def findings(self) -> Iterator[Finding]:
        """Every finding, file by file, in document order."""
        for f in self.files:
            yield from f.findings()

    def to_dict(self) -> dict[str, Any]:
        """The whole JSON report."""
        return {
            "schema_version": SCHEMA_VERSION,
            "report": {
                "title": self.title,
                "generated": self.generated,
                "tool": {"name": "reviewer", "version": self.version},
                "fail_on": self.fail_on,
                "failed": self.failed,
                "mqm_profile": self.profile,
            },
            "signature": self.signature.to_dict(),
            "summary": self.summary,
            "systems": self.systems,
            "files": [f.to_dict() for f in self.files],
        }

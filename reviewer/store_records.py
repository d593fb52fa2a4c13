"""The records the review store reads and writes: correction, annotation and
status history rows, glossary entries, dismissals and dismissal rules, the state of
a set of keys, an input's fingerprint."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Sequence

from .model import Content

__all__ = ["Key", "CorrectionRow", "correction_row", "AnnotationRow", "Change", "GlossaryRow",
           "DismissRule", "Dismissal", "State", "Fingerprint", "same_file"]

Key = tuple[str, str]  # (unit id, source text)


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    """One row of the correction history (``after`` None: back to the input's text)."""

    id: int
    unit: str
    source: str
    before: str | None
    after: str | None
    reviewer: str | None
    time: str
    note: str | None
    reverts: int | None = None
    original: str | None = None  # the input's target the correction was made on
    bound: bool = False  # ``original`` was recorded (else inferred: a v1 store's row)


def correction_row(r: Sequence[Any]) -> CorrectionRow:
    """A :class:`CorrectionRow` from a row of ``ROW_SQL``."""
    return CorrectionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
                         bool(r[10]))


@dataclass(frozen=True, slots=True)
class AnnotationRow:
    """One MQM annotation of a segment side (offsets are Python str indices)."""

    id: int
    unit: str
    source: str
    side: str
    start: int
    end: int
    category: str
    severity: str
    comment: str
    reviewer: str | None
    time: str


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a segment's action log, for :meth:`Store.history`."""

    id: int
    kind: str
    unit: str
    reviewer: str | None
    time: str
    before: str | None = None
    after: str | None = None
    status: str | None = None
    note: str | None = None
    annotation: int | None = None
    check: str | None = None
    undoes: int | None = None
    undone: bool = False


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """A glossary entry added during review."""

    id: int
    source: str
    target: str
    note: str | None
    reviewer: str | None
    time: str


@dataclass(frozen=True, slots=True)
class DismissRule:
    """Findings dismissed wholesale: every finding of ``check`` (``text`` None), or
    those whose flagged text is ``text`` (a term, a pattern), with the reviewer's
    reason."""

    id: int
    check: str
    text: str | None
    reason: str
    reviewer: str | None
    time: str

    def matches(self, check: str, text: str) -> bool:
        """True when a finding of ``check`` flagging ``text`` falls under the rule."""
        return check == self.check and (self.text is None or text == self.text)


@dataclass(frozen=True, slots=True)
class Dismissal:
    """One finding dismissed in one segment (live)."""

    id: int
    unit: str
    source: str
    target: str
    check: str
    side: str
    text: str
    reviewer: str | None
    time: str


@dataclass(slots=True)
class State:
    """Current state read from the store: latest correction and status per key, live
    annotations, live dismissals and every key that has an action."""

    corrections: dict[Key, CorrectionRow]
    statuses: dict[Key, str]
    annotations: dict[Key, list[AnnotationRow]]
    dismissed: set[Content]
    keys: list[Key]
    rules: list[DismissRule] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies an input file's content."""

    path: str
    format: str
    sha256: str
    size: int
    source_path: str | None = None
    source_sha256: str | None = None


def same_file(prev: Fingerprint, fp: Fingerprint) -> bool:
    """Whether ``fp`` may be the file a store with fingerprint ``prev`` belongs to: the
    same file name (its content may have changed: corrections then rebind), or the
    same content (the file was renamed or copied)."""
    return (os.path.basename(prev.path) == os.path.basename(fp.path)
            or (prev.sha256, prev.source_sha256) == (fp.sha256, fp.source_sha256))

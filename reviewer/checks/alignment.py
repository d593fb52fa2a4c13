"""Alignment check: omissions, additions and doubtful links of aligned documents.

Only segments made by :func:`reviewer.align.align_documents` carry the ``align:KIND``
flag and the ``alignment confidence 0.xx`` note this check reads; ordinary bilingual
files have neither and are never flagged. A 1-0 link (a source sentence without
translation) is an omission and a 0-1 link (a target sentence without source) an
addition, both major; any other link whose confidence is below the ``min_confidence``
option (default 0.5) is a minor finding on the target.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = ["AlignmentCheck", "CHECKS", "link_confidence", "link_kind"]

_CONF_RE = re.compile(r"^alignment confidence ([0-9.]+)$")


def link_kind(segment: Segment) -> str | None:
    """The link kind of an aligned segment (``"1-0"``), None for other segments."""
    for f in segment.flags:
        if f.startswith("align:"):
            return f[6:]
    return None


def link_confidence(segment: Segment) -> float | None:
    """The confidence noted on an aligned segment, None when there is none."""
    for note in segment.notes:
        m = _CONF_RE.match(note)
        if m:
            try:
                return float(m.group(1))
            except ValueError:
                return None
    return None


class AlignmentCheck(Check):
    """Omitted and added sentences, and low-confidence links, of aligned documents."""

    id = "alignment"
    name = "Alignment"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_source = False
    needs_translation = False
    description = ("A sentence of the source has no translation, a sentence of the "
                   "translation has no source, or the alignment of a pair is doubtful.")

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        kind = link_kind(segment)
        if kind is None:
            return
        src, tgt = segment.source or "", segment.target or ""
        if kind.endswith("-0") and src.strip():
            yield self.flag_span("source", src, 0, len(src),
                                 "This source sentence has no translation (omission).")
            return
        if kind.startswith("0-") and tgt.strip():
            yield self.flag_span("target", tgt, 0, len(tgt),
                                 "This sentence of the translation has no source (addition).")
            return
        conf = link_confidence(segment)
        threshold = float(context.option("min_confidence", 0.5))
        if conf is not None and conf < threshold and tgt:
            yield self.flag_span(
                "target", tgt, 0, len(tgt),
                f"The alignment of this pair is doubtful (confidence {conf:.2f}): "
                "check that the translation matches the source.",
                severity=Severity.MINOR,
            )


CHECKS = [AlignmentCheck]

"""Consistency check: Xbench's two classic inconsistency checks over a whole file.

(a) The same source translated differently: units whose sources are equal once
normalised (case-folded, whitespace collapsed, inline codes removed; units with
different contexts, e.g. PO ``msgctxt``, are different strings) but whose targets
differ. Every unit whose target differs from the most common translation is flagged,
with that translation as suggestion. (b) The same translation used for different
sources: units with equal normalised targets whose sources differ in more than case,
punctuation and whitespace; the units whose source differs from the group's most
common source are flagged.

Units with an empty target, or whose source (for b: target) has no letter, are
skipped. One pass with hash maps: linear in the number of units.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, Sequence

from ..model import CODE_RE, Finding, Segment, Severity
from .base import CheckContext, DocumentCheck

__all__ = ["ConsistencyCheck", "CHECKS", "normalize", "loose"]

_SPACE_RE = re.compile(r"\s+")
_NOT_WORD_RE = re.compile(r"[\W_]+")
_MAX_IDS = 5


def normalize(text: str) -> str:
    """Compare form: inline codes removed, case-folded, whitespace collapsed."""
    return _SPACE_RE.sub(" ", CODE_RE.sub("", text)).strip().casefold()


def loose(text: str) -> str:
    """:func:`normalize` without punctuation and spaces: ``Save file.`` = ``save-file``."""
    return _NOT_WORD_RE.sub("", normalize(text))


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _ids(segs: Sequence[Segment]) -> str:
    ids = [s.id for s in segs[:_MAX_IDS]]
    more = len(segs) - len(ids)
    text = ", ".join(ids)
    return f"{text} and {more} more" if more > 0 else text


def _short(text: str, n: int = 60) -> str:
    text = _SPACE_RE.sub(" ", CODE_RE.sub("", text)).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


class ConsistencyCheck(DocumentCheck):
    """The same source translated differently, and the same translation used for
    different sources, across the file."""

    id = "consistency"
    name = "Consistency"
    category = "accuracy"
    severity = Severity.MINOR
    needs_source = True
    description = "Same source translated differently, or same translation for different sources."

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        units = [s for s in segments if s.target and s.source]
        yield from self._same_source(units)
        yield from self._same_target(units)

    def _same_source(self, units: Sequence[Segment]) -> Iterator[tuple[Segment, Finding]]:
        groups: dict[tuple[str | None, str], list[Segment]] = {}
        for s in units:
            if _has_letter(s.source):
                groups.setdefault((s.context, normalize(s.source)), []).append(s)
        for segs in groups.values():
            if len(segs) < 2:
                continue
            forms = [normalize(s.target or "") for s in segs]
            counts = Counter(forms)
            if len(counts) < 2:
                continue
            # the most common translation; a tie goes to the one seen first
            best = max(counts, key=counts.__getitem__)  # Counter keeps first-seen order
            model = segs[forms.index(best)]
            majority = [s for s, f in zip(segs, forms) if f == best]
            for s, f in zip(segs, forms):
                if f == best:
                    continue
                target = s.target or ""
                yield s, self.flag(
                    "target", 0, len(target), target,
                    f"The same source is translated differently in unit(s) {_ids(majority)}"
                    f" ('{_short(model.target or '')}').",
                    suggestion=model.target,
                )

    def _same_target(self, units: Sequence[Segment]) -> Iterator[tuple[Segment, Finding]]:
        groups: dict[str, list[Segment]] = {}
        for s in units:
            if _has_letter(s.target or ""):
                groups.setdefault(normalize(s.target or ""), []).append(s)
        for segs in groups.values():
            if len(segs) < 2:
                continue
            keys = [loose(s.source) for s in segs]
            counts = Counter(keys)
            if len(counts) < 2:
                continue
            best = max(counts, key=counts.__getitem__)
            majority = [s for s, k in zip(segs, keys) if k == best]
            model = majority[0]
            for s, k in zip(segs, keys):
                if k == best:
                    continue
                target = s.target or ""
                yield s, self.flag(
                    "target", 0, len(target), target,
                    f"The same translation is used for a different source in unit(s) "
                    f"{_ids(majority)} ('{_short(model.source)}').",
                )


CHECKS = [ConsistencyCheck]

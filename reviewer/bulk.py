"""Bulk fixes: replace a word or pattern in the targets across a file, as ordinary
corrections (one a unit, undoable one by one in the store, or together by their
shared note). ``reviewer replace`` and the review screen's bulk replace both plan the
changes here, show them, then record them. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Container, Iterable, Sequence

from .errors import UsageError
from .model import Segment

NOTE_PREFIX = "replace"


@dataclass(frozen=True, slots=True)
class Replacement:
    """One planned change: segment position, plural form (None: not a plural entry),
    the text before and after, and how many matches it replaces."""

    pos: int
    unit: str
    form: int | None
    before: str
    after: str
    count: int


def compile_pattern(pattern: str, regex: bool = False, ignore_case: bool = False) -> re.Pattern[str]:
    """The search pattern (a literal string unless ``regex``); a bad regex is a
    one-line :class:`UsageError`."""
    if not pattern:
        raise UsageError("the pattern to replace is empty")
    flags = re.IGNORECASE if ignore_case else 0
    try:
        return re.compile(pattern if regex else re.escape(pattern), flags)
    except re.error as e:
        raise UsageError(f"bad regular expression {pattern!r}: {e}") from None


def _substitute(rx: re.Pattern[str], replacement: str, text: str, regex: bool) -> tuple[str, int]:
    if regex:
        try:
            return rx.subn(replacement, text)
        except (re.error, IndexError) as e:
            raise UsageError(f"bad replacement {replacement!r}: {e}") from None
    return rx.subn(lambda _m: replacement, text)


def plan(segments: Sequence[Segment], pattern: str, replacement: str, regex: bool = False,
         ignore_case: bool = False, only: Container[int] | None = None) -> list[Replacement]:
    """Every change replacing ``pattern`` by ``replacement`` in the targets (each
    plural form of a plural entry), in document order; ``only`` limits it to those
    positions. Units without a translation are left alone."""
    rx = compile_pattern(pattern, regex, ignore_case)
    out: list[Replacement] = []
    for pos, seg in enumerate(segments):
        if only is not None and pos not in only:
            continue
        if seg.plural_targets:
            texts: Iterable[tuple[int | None, str]] = enumerate(seg.plural_targets)
        elif seg.target:
            texts = [(None, seg.target)]
        else:
            continue
        for form, text in texts:
            if not text or not rx.search(text):
                continue
            new, n = _substitute(rx, replacement, text, regex)
            if n and new != text:
                out.append(Replacement(pos, seg.id, form, text, new, n))
    return out


def note_for(pattern: str, replacement: str, batch: str) -> str:
    """The note every correction of one bulk replace carries (it identifies the batch
    for undoing it together)."""
    return f"{NOTE_PREFIX} {batch}: {pattern!r} → {replacement!r}"


def positions_with_findings(findings: Iterable[Any], check: str,
                            pos_of_index: dict[int, int]) -> set[int]:
    """Positions of the segments that have a finding of ``check`` (target side)."""
    out: set[int] = set()
    for f in findings:
        if f.check == check and f.side == "target":
            pos = pos_of_index.get(f.index)
            if pos is not None:
                out.add(pos)
    return out


def record(project: Any, changes: Sequence[Replacement], note: str) -> int:
    """Record the planned changes as corrections (each checked against the text it
    was planned on: a unit changed meanwhile is a conflict, not overwritten). Returns
    how many were recorded."""
    from .store import ConflictError

    done = 0
    for c in changes:
        try:
            row = project.correct(c.pos, c.after, note=note, expected=c.before, check=True,
                                  form=c.form)
        except ConflictError:
            continue
        if row is not None:
            done += 1
    return done

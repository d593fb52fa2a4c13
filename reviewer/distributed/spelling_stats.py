"""Spelling's share of a distributed check: the statistics a worker takes of its
chunk's units (names, name forms, counts of unknown words, the positions of the words
the dictionary lacks), their merge on the driver in input order, and the words pass 2
looks at again."""

from __future__ import annotations

from collections import Counter
from typing import Iterator, TypedDict

import numpy as np

from ..checks.spelling import SpellingCheck, Word, is_known, iter_words, name_form
from ..model import Document, Segment
from ..runner import CheckPlan

__all__ = ["SpellingCounts", "SpellingState", "spelling_stats", "SpellingMerge", "unknown_words"]


class SpellingCounts(TypedDict):
    """What one chunk tells of its words (as ``SpellingCheck._learn`` sees them)."""

    names: set[str]  # words written as names
    first: dict[str, str]  # lowercased name -> its first plain form
    last_mixed: dict[str, str]  # lowercased name -> its last mixed-case form
    counts: Counter[str]  # unknown lowercase words
    src: set[str]  # unknown source words


class SpellingState(TypedDict):
    """Spelling's state of a whole document, for the flag pass."""

    names: set[str]
    forms: dict[str, str]
    frequent: frozenset[str]


def spelling_stats(plan: CheckPlan, doc: Document, spell: SpellingCheck,
                   segs: list[Segment]) -> tuple[SpellingCounts, np.ndarray] | None:
    """Spelling's statistics of some units: names, name forms, counts of unknown
    lowercase words, unknown source words (as ``SpellingCheck._learn`` sees them);
    and the words the dictionary lacks, the only ones pass 2 looks at, as an int32
    array of rows ``(unit position in segs, start, end, initial + 2 * elided)``."""
    ctx = plan.contexts(doc)[spell.id]
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
    stats = SpellingCounts(names=names, first=first, last_mixed=last_mixed, counts=counts,
                           src=src)
    return stats, np.array(bad, np.int32).reshape(-1, 4)


class SpellingMerge:
    """Spelling's state of a document from its chunks' statistics, added in input
    order: sets united, counts summed, the first plain and last mixed forms kept."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.first: dict[str, str] = {}
        self.last_mixed: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self.src: set[str] = set()
        self.seen = False

    def add(self, p: SpellingCounts | None) -> None:
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

    def state(self, min_freq: int, target_only: bool) -> SpellingState | None:
        """The state ``flag_chunk`` gives the spelling check (None: nothing seen)."""
        if not self.seen:
            return None
        frequent = {w for w, n in self.counts.items() if min_freq and n >= min_freq}
        if not target_only:
            frequent |= self.src & set(self.counts)
        return SpellingState(names=self.names, forms={**self.first, **self.last_mixed},
                             frequent=frozenset(frequent))


def unknown_words(segs: list[Segment], rows: np.ndarray | None,
                  code: str) -> Iterator[tuple[Segment, list[Word]]]:
    """Each live unit with words the dictionary lacks, and those words, from pass 1's
    rows (see :func:`spelling_stats`) or, without them, found again."""
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

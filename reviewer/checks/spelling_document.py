"""Spelling's whole-document steps (see :class:`~reviewer.checks.base.DocumentCheck`):
the statistics of some units (names, name forms, counts of unknown words, the positions
of the words the language does not know), their merge in document order, the state
they give the flag step, and the words that step looks at again.

Only a word the language does not know can draw a finding, so every statistic is
restricted to such words: the name status, the counts and the source words of a known
word are never asked."""

from __future__ import annotations

from array import array
from collections import Counter
from typing import Callable, Iterator, Sequence, TypedDict

from ..model import Segment
from .spelling_tokens import Word, iter_words, name_form

__all__ = ["SpellingCounts", "SpellingState", "spelling_counts", "SpellingMerge", "unknown_words"]


class SpellingCounts(TypedDict):
    """What some units tell of their words (as ``SpellingCheck._learn`` sees them)."""

    names: set[str]  # words written as names
    first: dict[str, str]  # lowercased name -> its first plain form
    last_mixed: dict[str, str]  # lowercased name -> its last mixed-case form
    counts: Counter[str]  # unknown lowercase words
    src: set[str]  # unknown source words


class SpellingState(TypedDict):
    """Spelling's state of a whole document, for the flag step."""

    names: set[str]
    forms: dict[str, str]
    frequent: frozenset[str]


def spelling_counts(segs: Sequence[Segment], known: Callable[[str], bool],
                    sources: bool) -> tuple[SpellingCounts, Rows]:
    """The statistics of some units: names, name forms, counts of unknown lowercase
    words, unknown source words (with ``sources``), ``known(lowercase word)`` telling
    the words of the language; and the words it does not know, the only ones the flag
    step looks at, as :data:`Rows`: four numbers a word ``(unit position in segs, start,
    end, initial + 2 * elided)``, flat in an ``array('q')``."""
    cache: dict[str, bool] = {}

    def unknown(w: str) -> bool:
        v = cache.get(w)
        if v is None:
            v = cache[w] = not known(w)
        return v

    names: set[str] = set()
    first: dict[str, str] = {}
    last_mixed: dict[str, str] = {}
    counts: Counter[str] = Counter()
    src: set[str] = set()
    bad: Rows = array("q")  # compact, and cheap to send between processes
    for j, seg in enumerate(segs):  # SpellingCheck._learn, recording first plain and last mixed forms
        if "obsolete" in seg.flags:
            continue
        if seg.target:
            for w in iter_words(seg.target):
                t = w.text
                if len(t) > 2 and t[0].isalpha() and unknown(t.lower()):
                    bad.extend((j, w.start, w.end, w.initial + 2 * w.elided))
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
        if sources and seg.source:
            src.update(x for x in (w.text.lower() for w in iter_words(seg.source)) if unknown(x))
    stats = SpellingCounts(names=names, first=first, last_mixed=last_mixed, counts=counts,
                           src=src)
    return stats, bad


class SpellingMerge:
    """Spelling's state of a document from its chunks' statistics, added in document
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
        """The state of the flag step (None: nothing seen). A word the document uses
        again and again (``min_freq`` times) is a term of the domain the dictionary
        lacks, not a typo: typos are rare words; so is a word of the sources kept as
        it is."""
        if not self.seen:
            return None
        frequent = {w for w, n in self.counts.items() if min_freq and n >= min_freq}
        if not target_only:
            frequent |= self.src & set(self.counts)
        return SpellingState(names=self.names, forms={**self.first, **self.last_mixed},
                             frequent=frozenset(frequent))


#: the unknown words' rows, flat: unit, start, end, flags (1 initial, 2 elided) each
Rows = array


def unknown_words(segs: Sequence[Segment], rows: Rows | None,
                  known: Callable[[str], bool]) -> Iterator[tuple[Segment, list[Word]]]:
    """Each unit with words the language does not know (``known``), and those words,
    from the rows of :func:`spelling_counts` or, without them, found again."""
    if rows is None:
        for seg in segs:
            if seg.target and "obsolete" not in seg.flags:
                bad = [w for w in iter_words(seg.target)
                       if len(w.text) > 2 and w.text[0].isalpha() and not known(w.text.lower())]
                if bad:
                    yield seg, bad
        return
    j = -1
    bad = []
    for k, a, b, flags in zip(*[iter(rows)] * 4):
        if k != j:
            if bad:
                yield segs[j], bad
            j, bad = k, []
        t = segs[k].target or ""
        bad.append(Word(a, b, t[a:b], bool(flags & 1), bool(flags & 2)))
    if bad:
        yield segs[j], bad

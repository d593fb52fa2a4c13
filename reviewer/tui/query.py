"""Filters and search over a review session: index arrays of segment positions.

Filter syntax (``f``), terms ANDed, case-insensitive keys::

    check:entity,variant     segments with a finding of one of these checks
    severity:major           ... with a finding of exactly this severity
    severity:major+          ... with a finding at or above it
    status:unreviewed,corrected     review status (this session's store)
    status:fuzzy,new                the file's workflow status (new, untranslated, fuzzy,
                                    translated, reviewed, final; a format without one:
                                    translated; reviewed also takes the segments accepted
                                    in this session); both kinds may be mixed, each ORed
                                    within its kind
    findings                 segments with any finding
    text:REGEX  or  REGEX    source or target matches (smart case)
    meaning<0.5              meaning similarity below 0.5 (also <=, >, >=, and
                             ``meaning:<0.5``); computed on first use (the ``meaning`` extra),
                             units with nothing to compare never match

No Textual here: the functions return sorted ``numpy`` arrays of positions.
"""

from __future__ import annotations

import operator
import re
import time
import weakref
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, Protocol, Sequence

if TYPE_CHECKING:
    import numpy as np
else:  # imported by the first array operation, after the first frame
    from .lazy import np

from ..model import Finding, Segment, Severity
from ..status import STATUSES as WORKFLOW
from ..store import STATUSES


class ReviewSession(Protocol):
    """What filters and search read of a review session (``tui.session.ReviewSession``
    has these; a protocol here, so this module needs no import of the session)."""

    @property
    def segs(self) -> Sequence[Segment]: ...

    @property
    def status(self) -> np.ndarray: ...

    @property
    def findings(self) -> Mapping[int, list[Finding]]: ...

    @property
    def n(self) -> int: ...


#: a segment's status as the screen counts and groups it: the file's workflow status
#: (:mod:`reviewer.status`) until this session reviews it, then reviewed (accepted),
#: corrected or rejected
SEGMENT_STATUSES = (*WORKFLOW, "corrected", "rejected")
_REVIEWED = {1: "reviewed", 2: "corrected", 3: "rejected"}
MEANING_RE = re.compile(r"^meaning:?(<=|>=|<|>)(-?[0-9]*\.?[0-9]+)$", re.IGNORECASE)
_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}  # on arrays


class QueryError(ValueError):
    """A filter or search the reviewer typed is not valid (the message says why)."""


def compile_search(pattern: str) -> re.Pattern[str]:
    """A regex, case-insensitive unless it has an upper-case letter (smart case)."""
    flags = 0 if any(c.isupper() for c in pattern) else re.IGNORECASE
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise QueryError(f"invalid regular expression {pattern!r}: {e}") from None


@dataclass(frozen=True, slots=True)
class Filter:
    """A parsed filter: every field None means no condition on it."""

    checks: frozenset[str] | None = None
    severity: Severity | None = None
    at_least: bool = False
    statuses: frozenset[str] | None = None
    any_finding: bool = False
    text: re.Pattern[str] | None = None
    source: str = ""
    meaning: tuple[str, float] | None = None  # (operator, threshold)
    workflow: frozenset[str] | None = None  # the file's statuses (reviewer.status)

    @property
    def empty(self) -> bool:
        """True when the filter keeps everything."""
        return (self.checks is None and self.severity is None and self.statuses is None
                and not self.any_finding and self.text is None and self.meaning is None
                and self.workflow is None)


def parse_filter(query: str) -> Filter:
    """Parse the filter syntax above (raises :class:`QueryError`)."""
    checks: set[str] | None = None
    severity: Severity | None = None
    at_least = False
    statuses: set[str] | None = None
    workflow: set[str] | None = None
    any_finding = False
    text_parts: list[str] = []
    meaning: tuple[str, float] | None = None
    for tok in query.split():
        m = MEANING_RE.match(tok)
        if m:
            meaning = (m.group(1), float(m.group(2)))
            continue
        key, sep, value = tok.partition(":")
        key = key.lower()
        if not sep:
            if tok.lower() == "findings":
                any_finding = True
            else:
                text_parts.append(tok)
            continue
        values = [v for v in value.split(",") if v]
        if key == "check":
            checks = (checks or set()) | {v.lower() for v in values}
        elif key in ("severity", "sev"):
            v = value.lower()
            at_least = v.endswith("+")
            try:
                severity = Severity.parse(v.rstrip("+"))
            except ValueError as e:
                raise QueryError(str(e)) from None
        elif key == "status":
            bad = [v for v in values if v.lower() not in STATUSES and v.lower() not in WORKFLOW]
            if bad:
                raise QueryError(f"unknown status {bad[0]!r} (use {', '.join(STATUSES)}, "
                                 f"or the file's {', '.join(WORKFLOW)})")
            low = {v.lower() for v in values}
            if low & set(STATUSES):
                statuses = (statuses or set()) | (low & set(STATUSES))
            if low & set(WORKFLOW):
                workflow = (workflow or set()) | (low & set(WORKFLOW))
        elif key == "text":
            text_parts.append(value)
        elif key == "meaning":
            raise QueryError(f"invalid meaning filter {tok!r} (e.g. meaning<0.5, meaning>=0.8)")
        else:
            raise QueryError(f"unknown filter {key!r} "
                             "(use check:, severity:, status:, text:, meaning<N, findings)")
    text = compile_search(" ".join(text_parts)) if text_parts else None
    return Filter(frozenset(checks) if checks is not None else None, severity, at_least,
                  frozenset(statuses) if statuses is not None else None, any_finding, text,
                  query.strip(), meaning, frozenset(workflow) if workflow is not None else None)


def segment_status(session: "ReviewSession", pos: int) -> str:
    """The status of one segment (see :data:`SEGMENT_STATUSES`): corrected, reviewed
    (accepted) or rejected in this session, else the file's workflow status (a format
    without one: translated)."""
    review = _REVIEWED.get(int(session.status[pos]))
    return review or session.segs[pos].status or "translated"


def status_counts(session: "ReviewSession") -> dict[str, int]:
    """Segments by :func:`segment_status`, in :data:`SEGMENT_STATUSES` order, the
    statuses no segment has left out."""
    counts = dict.fromkeys(SEGMENT_STATUSES, 0)
    for i in range(min(len(session.segs), len(session.status))):
        counts[segment_status(session, i)] += 1
    return {k: n for k, n in counts.items() if n}


_PENDING = ("new", "untranslated", "fuzzy")
_codes_cache: "weakref.WeakKeyDictionary[object, tuple[int, np.ndarray]]" = weakref.WeakKeyDictionary()


def pending_codes(segs: Sequence[Segment]) -> np.ndarray:
    """Each segment's file status as an index in (new, untranslated, fuzzy), -1 for
    any other: one :func:`scan` (a worker computes it with the index, so the first
    status line after a million segments are read does not)."""
    rank = {k: i for i, k in enumerate(_PENDING)}
    return np.fromiter((rank.get(st or "", -1) for _, _, _, st in scan(segs)),
                       dtype=np.int8, count=len(segs))


def remember_pending_codes(session: object, codes: np.ndarray) -> None:
    """Keep :func:`pending_codes` of ``session``'s segments for :func:`pending_counts`."""
    try:
        _codes_cache[session] = (len(codes), codes)
    except TypeError:  # a session that cannot be weakly referenced: no cache
        pass


def pending_counts(session: "ReviewSession") -> dict[str, int]:
    """The segments this session has not reviewed yet whose file status says they need
    work (new, untranslated, fuzzy), by status, zeros left out: the status line's
    figures. The file's statuses are read once per session (and again when more
    segments arrive), so a redraw costs a few array operations."""
    segs = session.segs
    n = min(len(segs), len(session.status))
    hit = _codes_cache.get(session)
    if hit is None or hit[0] != n:
        codes = pending_codes(segs)[:n]
        remember_pending_codes(session, codes)
    else:
        codes = hit[1]
    open_ = codes[(np.asarray(session.status[:n]) == 0) & (codes >= 0)]
    counts = np.bincount(open_, minlength=len(_PENDING)) if len(open_) else np.zeros(len(_PENDING), int)
    return {k: int(c) for k, c in zip(_PENDING, counts) if c}


def scan(segs: Sequence[Segment], within: Iterable[int] | None = None,
         ) -> Iterator[tuple[int, str, str, str | None]]:
    """``(position, source, target, workflow status)`` of every segment, or of those
    in ``within`` (ascending): packed segments are read in one pass without making
    Segment objects."""
    texts = getattr(segs, "texts", None)
    if within is None and texts is not None:
        yield from texts()
    elif within is None:
        for i, s in enumerate(segs):
            yield i, s.source, s.target or "", s.status
    else:
        for i in within:
            s = segs[i]
            yield i, s.source, s.target or "", s.status


def _matcher(session: "ReviewSession", flt: "Filter") -> Callable[[tuple[int, str, str, str | None]], bool]:
    """The per-segment conditions of ``flt`` (text, the file's status) as one test
    over a :func:`scan` item."""
    search = flt.text.search if flt.text is not None else None
    wanted = flt.workflow
    status = session.status
    accepted = wanted is not None and "reviewed" in wanted  # or accepted in this session

    def test(item: tuple[int, str, str, str | None]) -> bool:
        i, src, tgt, st = item
        if wanted is not None and (st or "translated") not in wanted and not (
                accepted and int(status[i]) == 1):
            return False
        return search is None or bool(search(src) or search(tgt))

    return test


def text_matches(session: "ReviewSession", pattern: re.Pattern[str],
                 within: Iterable[int] | None = None) -> np.ndarray:
    """Positions whose source or target matches ``pattern``."""
    search = pattern.search
    hits = [i for i, src, tgt, _ in scan(session.segs, within) if search(src) or search(tgt)]
    return np.asarray(hits, dtype=np.int64)


#: A streamed filter or search (:func:`stream_filter`) hands over its first matches as
#: soon as it has some (or after FIRST_SECONDS with none), then every STREAM_SECONDS.
FIRST_SECONDS = 0.02
STREAM_SECONDS = 0.1


def stream_filter(session: "ReviewSession", flt: Filter,
                  clock: Callable[[], float] = time.perf_counter,
                  ) -> Iterator[tuple[np.ndarray | None, int, int]]:
    """:func:`apply_filter` in steps, for a big document: yields ``(positions so far,
    segments scanned, segments to scan)``, the matches in document order, so each
    step's positions begin with the last step's; the last step is the whole result
    (None: every segment). The conditions held in arrays (review status, findings,
    meaning) are applied at once; the per-segment ones (text, the file's status)
    scan the segments that pass them."""
    if flt.text is None and flt.workflow is None:
        keep = apply_filter(session, flt)
        n = session.n if keep is None else len(keep)
        yield keep, n, n
        return
    rest = replace(flt, text=None, workflow=None)
    keep = None if rest.empty else apply_filter(session, rest)
    total = session.n if keep is None else len(keep)
    test = _matcher(session, flt)
    hits: list[int] = []
    start = last = clock()
    first = True
    scanned = 0
    for item in scan(session.segs, None if keep is None else keep.tolist()):
        scanned += 1
        if test(item):
            hits.append(item[0])
        if scanned & 1023:
            continue
        now = clock()
        if first and (hits or now - start >= FIRST_SECONDS) or now - last >= STREAM_SECONDS:
            first = False
            last = now
            yield np.asarray(hits, dtype=np.int64), scanned, total
    yield np.asarray(hits, dtype=np.int64), total, total


def meaning_array(values: Iterable[float | None]) -> np.ndarray:
    """Similarities as float64, NaN where a unit had nothing to compare."""
    return np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)


def meaning_order(values: Iterable[float | None]) -> np.ndarray:
    """Positions by ascending similarity (worst first; ties in document order), the
    units without a similarity last."""
    a = meaning_array(values)
    a[np.isnan(a)] = np.inf
    return np.argsort(a, kind="stable").astype(np.int64)


def apply_filter(session: "ReviewSession", flt: Filter) -> np.ndarray | None:
    """The positions the filter keeps (None: all of them)."""
    if flt.empty:
        return None
    keep: np.ndarray | None = None

    def narrow(arr: np.ndarray) -> None:
        nonlocal keep
        keep = arr if keep is None else np.intersect1d(keep, arr, assume_unique=True)

    if flt.statuses is not None:
        codes = [STATUSES.index(s) for s in flt.statuses]
        narrow(np.flatnonzero(np.isin(session.status, codes)))
    if flt.workflow is not None:
        test = _matcher(session, Filter(workflow=flt.workflow))
        narrow(np.asarray([item[0] for item in scan(session.segs) if test(item)],
                          dtype=np.int64))
    if flt.checks is not None or flt.severity is not None or flt.any_finding:
        hits = []
        for pos, items in session.findings.items():
            for f in items:
                if flt.checks is not None and f.check not in flt.checks:
                    continue
                if flt.severity is not None and (
                        f.severity < flt.severity if flt.at_least else f.severity != flt.severity):
                    continue
                hits.append(pos)
                break
        narrow(np.asarray(sorted(hits), dtype=np.int64))
    if flt.meaning is not None:
        sims = getattr(session, "meaning", None)
        if sims is None:
            raise QueryError("meaning similarities are not computed yet (press M)")
        op, threshold = flt.meaning
        with np.errstate(invalid="ignore"):
            narrow(np.flatnonzero(_COMPARE[op](meaning_array(sims), threshold)))
    if flt.text is not None:
        within = None if keep is None else keep.tolist()
        narrow(text_matches(session, flt.text, within))
    assert keep is not None
    return keep

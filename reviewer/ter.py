"""TER's edit count, the same as sacrebleu's and several times faster.

sacrebleu computes TER as TERCOM does: greedy block shifts, each chosen by trying every
candidate shift and computing a beam-limited word edit distance for it, then the edit
distance of the shifted hypothesis. Almost all of the time goes into those edit
distances, in a pure-Python loop that builds tuples for every cell.

:func:`translation_edit_rate` follows ``sacrebleu.metrics.lib_ter`` step for step (the
same beam, the same shift candidates in the same order, the same ranking and limits,
the same tie-breaks between operations), so its result is identical; it differs in how
it computes:

* words are compared as small integers, and the matrices hold plain integers;
* a shift changes only the words between its start and its target, so a candidate's
  rows are computed over that stretch only, from the hypothesis's own row where it
  begins, and joined to a matrix computed backwards from the end (the distance is
  ``min_j(forward[q][j] + backward[q][j])`` at the stretch's last row ``q``), where
  sacrebleu recomputes every row after a shared prefix;
* the same shifted hypothesis reached twice (from different reference positions) is
  costed once;
* the trace is read back from the costs: a cell's operation is the first of
  no-op/substitution, deletion, insertion that reaches its cost, which is the one
  sacrebleu's loop keeps.

``tests/test_ter.py`` compares the two on generated and real sentences.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from operator import add
from typing import cast

# sacrebleu's limits and its helpers that work on any word lists, used as they are.
from sacrebleu.metrics.lib_ter import (
    _BEAM_WIDTH,
    _MAX_SHIFT_CANDIDATES,
    _MAX_SHIFT_DIST,
    _MAX_SHIFT_SIZE,
    _perform_shift,
    trace_to_alignment,
)

_INF = int(1e16)


def _shift_words(words: list[int], start: int, length: int, target: int) -> list[int]:
    """sacrebleu's ``_perform_shift`` on word ids: it slices and joins any list, but is
    annotated for ``list[str]``."""
    return cast("list[int]", _perform_shift(cast("list[str]", words), start, length, target))


def translation_edit_rate(words_hyp: list[str], words_ref: list[str]) -> tuple[int, int]:
    """``(number of edits, reference length)``, as ``sacrebleu.metrics.lib_ter``'s
    function of the same name computes them."""
    n_ref = len(words_ref)
    if n_ref == 0:
        return len(words_hyp), 0
    ids: dict[str, int] = {}
    ref = [ids.setdefault(w, len(ids)) for w in words_ref]
    hyp = [ids.setdefault(w, len(ids)) for w in words_hyp]
    n = len(hyp)
    ed = _EditDistance(ref, n)
    rows = [ed.first] + ed.rows(hyp, 0, ed.first, n)
    back = ed.backward(hyp)
    shifts = 0
    checked = 0
    while True:
        pre_score = min(_at(rows[n], n_ref), _INF)
        trace = _trace(ed, hyp, rows)
        delta, shifted, checked, (p, q) = _shift(hyp, ref, ed, pre_score, rows, back,
                                                 trace, checked)
        if checked >= _MAX_SHIFT_CANDIDATES or delta <= 0:
            # The hypothesis is unchanged: its distance is the one just computed.
            return shifts + pre_score, n_ref
        shifts += 1
        # The shifted words differ from the old ones only in rows p+1..q.
        rows = rows[:p + 1] + ed.rows(shifted, p, rows[p], n)
        back = ed.backward(shifted, back, q)
        hyp = shifted


class _EditDistance:
    """sacrebleu's ``BeamEditDistance`` for hypotheses of one length against one
    reference (shifts keep the length, so the beam is the same for all of them)."""

    def __init__(self, ref: list[int], n_hyp: int) -> None:
        self.ref = ref
        n_ref = len(ref)
        self.n_ref = n_ref
        ratio = n_ref / n_hyp if n_hyp else 1
        beam = math.ceil(ratio / 2 + _BEAM_WIDTH) if _BEAM_WIDTH < ratio / 2 else _BEAM_WIDTH
        # Each row's computed span [lo, hi), as sacrebleu's loop bounds.
        self.spans = [(0, n_ref + 1)]
        for i in range(1, n_hyp + 1):
            diag = math.floor(i * ratio)
            lo = max(0, diag - beam)
            hi = n_ref + 1 if i == n_hyp else min(n_ref + 1, diag + beam)
            self.spans.append((lo, hi))
        self.first: Row = (0, list(range(n_ref + 1)))  # row 0: insert every reference word
        # The matrix read from the end: reversed words, mirrored spans.
        self.rref = ref[::-1]
        self.rspans = [(n_ref + 1 - hi, n_ref + 1 - lo) for lo, hi in reversed(self.spans)]
        end = n_ref - self.spans[-1][0]
        self.rfirst: Row = (0, [j if j <= end else _INF for j in range(n_ref + 1)])

    def rows(self, hyp: list[int], start: int, row: Row, stop: int) -> list[Row]:
        """Rows ``start + 1 .. stop`` of the distance matrix of ``hyp``, from row
        ``start`` (``row``). Cells outside the beam are at least ``_INF``."""
        return _rows(hyp, self.ref, self.spans, start, row, stop)

    def backward(self, hyp: list[int], old: list[Row] | None = None,
                 q: int = 0) -> list[Row]:
        """The matrix from the end: row ``k`` holds, reversed, the cheapest way from
        each cell of row ``n - k`` to the last cell within the beam, so that a distance
        is ``min_j(D[q][j] + B[n - q][n_ref - j])`` for any row ``q``. Given ``old``,
        the rows for ``q`` on are kept (the words after ``q`` are the same)."""
        n = len(hyp)
        rhyp = hyp[::-1]
        if old is None:
            return [self.rfirst] + _rows(rhyp, self.rref, self.rspans, 0, self.rfirst, n)
        k = n - q
        return old[:k + 1] + _rows(rhyp, self.rref, self.rspans, k, old[k], n)


def _rows(words: list[int], ref: list[int], spans: list[tuple[int, int]], start: int,
          row: Row, stop: int) -> list[Row]:
    """Rows ``start + 1 .. stop`` of a beam-limited edit distance matrix (row ``i``
    consumes ``words[i - 1]`` and computes ``spans[i]``), from row ``start``. A row is
    ``(lo, cells)``: only its span is stored (cells outside are at least ``_INF``), so
    memory and time grow with the beam, not with the reference's length."""
    out: list[Row] = []
    prev = row
    for i in range(start + 1, stop + 1):
        lo, hi = spans[i]
        w = words[i - 1]
        if lo == 0:
            left = _at(prev, 0) + 1  # the first column: deletions only
            cur = [left]
            first = 1
        else:
            left = _INF
            cur = []
            first = lo
        diag = _window(prev, first - 1, hi - 1)
        ups = _window(prev, first, hi)
        for r, c, up in zip(ref[first - 1:hi - 1], diag, ups):
            if r != w:
                c += 1
            if up < c - 1:
                c = up + 1
            if left < c - 1:
                c = left + 1
            cur.append(c)
            left = c
        out.append((lo, cur))
        prev = (lo, cur)
    return out


Row = tuple[int, list[int]]  # (first column, cells from it): a row's stored span


def _at(row: Row, j: int) -> int:
    """Cell ``j`` of a row (``_INF`` outside its stored span)."""
    lo, cells = row
    k = j - lo
    return cells[k] if 0 <= k < len(cells) else _INF


def _window(row: Row, a: int, b: int) -> list[int]:
    """Cells ``a .. b-1`` of a row, ``_INF`` where it stores none."""
    lo, cells = row
    if a >= lo and b <= lo + len(cells):
        return cells[a - lo:b - lo]
    return [_at(row, j) for j in range(a, b)]


def _joined(row: Row, back: Row, n_ref: int) -> int:
    """``min_j(row[j] + back[n_ref - j])`` over the cells both store (``_INF`` when
    they share none)."""
    lo, cells = row
    blo, bcells = back
    a = max(lo, n_ref - (blo + len(bcells) - 1))
    b = min(lo + len(cells), n_ref - blo + 1)
    if a >= b:
        return _INF
    fwd = cells[a - lo:b - lo]
    # back's cells for n_ref-j, j = a..b-1: indexes n_ref-a-blo down to n_ref-b+1-blo
    hi_k = n_ref - a - blo
    lo_k = n_ref - b + 1 - blo
    bwd = bcells[lo_k:hi_k + 1][::-1]
    return min(map(add, fwd, bwd))


def _trace(ed: _EditDistance, hyp: list[int], rows: list[Row]) -> str:
    """sacrebleu's trace of ``hyp``, flipped to rewrite the reference into the
    hypothesis as its ``_shift`` uses it, read from the cost rows: a cell's operation is
    the first of no-op/substitution, deletion, insertion that reaches its cost, as
    sacrebleu's loop keeps the first of equally cheap ones."""
    ref = ed.ref
    trace: list[str] = []
    i, j = len(hyp), ed.n_ref
    while i > 0 or j > 0:
        if i == 0:
            j -= 1
            trace.append("d")  # sacrebleu's insertion, flipped
            continue
        if j == 0:
            i -= 1
            trace.append("i")  # sacrebleu's deletion, flipped
            continue
        v = _at(rows[i], j)
        up = rows[i - 1]
        same = hyp[i - 1] == ref[j - 1]
        if _at(up, j - 1) + (0 if same else 1) == v:
            i -= 1
            j -= 1
            trace.append(" " if same else "s")
        elif _at(up, j) + 1 == v:
            i -= 1
            trace.append("i")
        else:
            j -= 1
            trace.append("d")
    return "".join(reversed(trace))


def _shifted_pairs(hyp: list[int], ref: list[int]):
    """sacrebleu's ``_find_shifted_pairs``, in its order: ``(start_h, start_r, length)``
    of every common run (up to the longest shift) near enough, each prefix length."""
    n_h, n_r = len(hyp), len(ref)
    where: dict[int, list[int]] = {}
    for r, w in enumerate(ref):
        where.setdefault(w, []).append(r)
    for start_h in range(n_h):
        occ = where.get(hyp[start_h], ())
        # only the occurrences within the shift distance (ascending, as sacrebleu
        # visits them): found by bisection, so a frequent word does not cost the
        # whole reference for every hypothesis word (quadratic on long segments)
        a = bisect_left(occ, start_h - _MAX_SHIFT_DIST)
        b = bisect_right(occ, start_h + _MAX_SHIFT_DIST)
        for start_r in occ[a:b]:
            length = 0
            while length < _MAX_SHIFT_SIZE and hyp[start_h + length] == ref[start_r + length]:
                length += 1
                yield start_h, start_r, length
                if n_h == start_h + length or n_r == start_r + length:
                    break


def _changed(start: int, length: int, target: int, n: int) -> tuple[int, int]:
    """The rows ``(p, q)`` a shift changes in ``n`` words: words ``p .. q-1`` move, the
    rest stay."""
    if target < start:
        return target, start + length
    if target > start + length:
        return start, target
    return start, min(n, length + target)


def _shift(hyp: list[int], ref: list[int], ed: _EditDistance, pre_score: int,
           rows: list[Row], back: list[Row], trace: str,
           checked: int) -> tuple[int, list[int], int, tuple[int, int]]:
    """sacrebleu's ``_shift``: the best shift's gain, the shifted hypothesis and the
    candidates checked so far (and the rows the shift changed)."""
    align, ref_err, hyp_err = trace_to_alignment(trace)
    best: tuple[int, int, int, int] | None = None
    costed: dict[tuple[int, int, int], int] = {}
    for start_h, start_r, length in _shifted_pairs(hyp, ref):
        if not any(hyp_err[start_h:start_h + length]):
            continue
        if not any(ref_err[start_r:start_r + length]):
            continue
        if start_h <= align[start_r] < start_h + length:
            continue
        prev_idx = -1
        for offset in range(-1, length):
            if start_r + offset == -1:
                idx = 0
            elif start_r + offset in align:
                idx = align[start_r + offset] + 1
            else:
                break
            if idx == prev_idx:
                continue
            prev_idx = idx
            key = (start_h, length, idx)
            score = costed.get(key)
            if score is None:
                # Only rows p+1..q change; the rest of the way is the old words'.
                p, q = _changed(start_h, length, idx, len(hyp))
                shifted = _shift_words(hyp, start_h, length, idx)
                row = ed.rows(shifted, p, rows[p], q)[-1] if q > p else rows[p]
                cost = min(_joined(row, back[len(hyp) - q], ed.n_ref), _INF)
                score = costed[key] = pre_score - cost
            candidate = (score, length, -start_h, -idx)
            checked += 1
            # sacrebleu ranks (gain, length, -start, -target, words); equal keys mean
            # the same shift, so the words never decide.
            if best is None or candidate > best:
                best = candidate
        if checked >= _MAX_SHIFT_CANDIDATES:
            break
    if best is None:
        return 0, hyp, checked, (0, 0)
    gain, length, start_h, idx = best[0], best[1], -best[2], -best[3]
    return (gain, _shift_words(hyp, start_h, length, idx), checked,
            _changed(start_h, length, idx, len(hyp)))

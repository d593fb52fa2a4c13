"""The dynamic programme of sentence alignment (see :mod:`reviewer.align`): Gale and
Church's length cost with anchor bonuses and penalties, run in a band around the
diagonal with each row vectorised (numpy), or in plain Python for small problems.
:func:`align_items` gives the best path as links of item indexes."""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Sequence

import numpy as np

__all__ = ["PRIORS", "S2", "Side", "align_items", "length_cost", "null_cost"]

S2 = 6.8
#: Prior probability of each link kind ``(source sentences, target sentences)``.
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
# Transition order in the dynamic programme; 0-1 (same row) is handled last, by a scan.
_MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (2, 1), (1, 2), (2, 2), (0, 1))
_PRIOR_COST = {k: -math.log(p) for k, p in PRIORS.items()}
SHARED_BONUS = 1.5
UNMATCHED_PENALTY = 1.0
UNMATCHED_CAP = 12.0
NULL_LENGTH_WEIGHT = 0.0
SMALL_CELLS = 900  # up to this many cells the programme runs in plain Python
FULL_WIDTH_CELLS = 250_000  # below this many cells the band is the whole matrix
_INF = float("inf")


class Side:
    """One side of an alignment problem: lengths, anchor weights, cumulative sums."""

    def __init__(self, lengths: Sequence[float], anc: Sequence[dict[str, float]]) -> None:
        self.n = len(lengths)
        self.len = np.asarray(lengths, dtype=float)
        self.cum = np.concatenate(([0.0], np.cumsum(self.len)))
        self.anc = list(anc)
        self.atot = np.array([sum(a.values()) for a in anc], dtype=float)
        self.acum = np.concatenate(([0.0], np.cumsum(self.atot)))


# --------------------------------------------------------------------------- costs


_TABLE_STEP = 0.01
_TABLE_MAX = 30.0


def _make_table() -> np.ndarray:
    x = np.arange(0.0, _TABLE_MAX + _TABLE_STEP, _TABLE_STEP)
    return -_log_erfc(x / math.sqrt(2.0))


def _log_erfc(x: np.ndarray) -> np.ndarray:
    """``log(erfc(x))`` for ``x >= 0`` (Numerical Recipes' erfcc, in log space)."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return np.log(t) - x * x + poly


_COST_TABLE = _make_table()


def length_cost(l1: np.ndarray | float, l2: np.ndarray | float, c: float) -> np.ndarray:
    """Gale-Church match cost ``-log 2(1-Φ(|δ|))`` of source length ``l1`` against
    target length ``l2`` (arrays broadcast)."""
    l1a = np.asarray(l1, dtype=float)
    l2a = np.asarray(l2, dtype=float)
    mean = np.maximum((l1a + l2a / c) * (S2 / 2.0), 1e-9)
    delta = (l2a - l1a * c) / np.sqrt(mean)
    idx = np.minimum(np.abs(delta) * (1.0 / _TABLE_STEP), _TABLE_MAX / _TABLE_STEP)
    return _COST_TABLE[(idx + 0.5).astype(np.int64)]


def null_cost(l1: np.ndarray | float, l2: np.ndarray | float, c: float, improved: bool
              ) -> np.ndarray | float:
    """Cost of a 1-0 link (source length ``l1``, ``l2 = 0``) or a 0-1 link (``l1 = 0``)."""
    # Classic Gale-Church (``improved=False``) charges the prior plus the length cost of
    # matching the sentence against nothing, which grows with the length and makes long
    # omissions almost impossible (a wrong 2-1 merge is cheaper). An omitted sentence
    # has no target length to predict, so the improved cost charges the prior plus only
    # NULL_LENGTH_WEIGHT of that length cost.
    lc = length_cost(l1, l2, c)
    w = NULL_LENGTH_WEIGHT if improved else 1.0
    out = _PRIOR_COST[(1, 0)] + w * lc
    return float(out) if np.ndim(out) == 0 else out


# --------------------------------------------------------------------------- banded DP


def _window(row: np.ndarray, row_lo: int, start: int, size: int, fill: float) -> np.ndarray:
    """``row`` (covering columns ``row_lo...``) read at columns ``start..start+size-1``."""
    off = start - row_lo
    if off >= 0 and off + size <= len(row):
        return row[off : off + size]
    out = np.full(size, fill)
    a, b = max(off, 0), min(off + size, len(row))
    if a < b:
        out[a - off : b - off] = row[a:b]
    return out


def _bands(src: Side, tgt: Side, width: int, guide: Sequence[int] | None = None
           ) -> tuple[list[int], list[int]]:
    """Per source row ``i``, the first and last target column of the band: around
    ``guide`` (a previous path's column per row) when given, else around the diagonal
    of proportional cumulative lengths."""
    n, m = src.n, tgt.n
    if width >= m:
        return [0] * (n + 1), [m] * (n + 1)
    if guide is not None:
        centre = np.asarray(guide, dtype=np.int64).clip(0, m)
    else:
        ratio = tgt.cum[-1] / src.cum[-1] if src.cum[-1] > 0 else 1.0
        centre = np.searchsorted(tgt.cum, src.cum * ratio).clip(0, m)
    centre[0], centre[-1] = 0, m
    lo = [max(0, int(x) - width) for x in centre]
    hi = [min(m, int(x) + width) for x in centre]
    for i in range(1, n + 1):
        lo[i] = min(lo[i], hi[i - 1])
    return lo, hi


class _Postings:
    """Target anchors by key, for reading one key's weights over a column window."""

    def __init__(self, tgt: Side) -> None:
        self.index: dict[str, tuple[list[int], list[float]]] = {}
        for j, a in enumerate(tgt.anc):
            for k, v in a.items():
                cols, vals = self.index.setdefault(k, ([], []))
                cols.append(j)
                vals.append(v)

    def window(self, key: str, start: int, size: int) -> np.ndarray | None:
        """Weights of ``key`` in target items ``start..start+size-1`` (None: none)."""
        hit = self.index.get(key)
        if hit is None:
            return None
        cols, vals = hit
        a, b = bisect_left(cols, start), bisect_left(cols, start + size)
        if a == b:
            return None
        out = np.zeros(size)
        for p in range(a, b):
            out[cols[p] - start] = vals[p]
        return out


def _shared_rows(src: Side, post: _Postings, i: int, lo: int, size: int
                 ) -> dict[tuple[int, int], np.ndarray]:
    """Exact shared anchor weight ``sum_k min(source group_k, target group_k)`` for each
    move ``(di, dj)`` with text on both sides, at row ``i`` over columns ``lo..``."""
    out = {mv: np.zeros(size) for mv in _MOVES if mv[0] and mv[1] and i - mv[0] >= 0}
    if not out:
        return out
    keys = set(src.anc[i - 1])
    if i >= 2:
        keys.update(src.anc[i - 2])
    for k in keys:
        w = post.window(k, lo - 2, size + 2)  # columns lo-2 .. lo+size-1
        if w is None:
            continue
        t1 = w[1:-1]  # target item j-1 for column j
        t2 = w[1:-1] + w[:-2]  # target items j-2 and j-1
        s1 = src.anc[i - 1].get(k, 0.0)
        s2 = s1 + (src.anc[i - 2].get(k, 0.0) if i >= 2 else 0.0)
        for (di, dj), acc in out.items():
            sv = s1 if di == 1 else s2
            if sv:
                acc += np.minimum(sv, t1 if dj == 1 else t2)
    return out


def _dp_band(src: Side, tgt: Side, c: float, width: int, use_anchors: bool,
             classic: bool = False, guide: Sequence[int] | None = None
             ) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Best path in the band: links as ``(i0, i1, j0, j1)`` and whether it touched
    the band's edge (then a wider band may find a better one)."""
    n, m = src.n, tgt.n
    lo, hi = _bands(src, tgt, width, guide)
    post = _Postings(tgt) if use_anchors else None
    cost01_all = np.asarray(null_cost(0.0, tgt.len, c, not classic))  # item j-1 alone
    c01 = np.concatenate(([0.0], cost01_all))  # c01[j]: cost of linking target j-1 alone
    rows: list[np.ndarray] = []
    backs: list[np.ndarray] = []
    for i in range(n + 1):
        L = hi[i] - lo[i] + 1
        js = np.arange(lo[i], hi[i] + 1)
        if i == 0:
            best = np.full(L, _INF)
            best[0] = 0.0
            arg = np.zeros(L, dtype=np.int8)
        else:
            cands = []
            shared_at = _shared_rows(src, post, i, lo[i], L) if post is not None else {}
            for t, (di, dj) in enumerate(_MOVES[:-1]):
                if i - di < 0:
                    cands.append(np.full(L, _INF))
                    continue
                prev = _window(rows[i - di], lo[i - di], lo[i] - dj, L, _INF)
                l1 = src.cum[i] - src.cum[i - di]
                if dj == 0:
                    cands.append(prev + null_cost(l1, 0.0, c, not classic))
                    continue
                jprev = np.maximum(js - dj, 0)
                l2 = tgt.cum[js] - tgt.cum[jprev]
                cost = _PRIOR_COST[(di, dj)] + length_cost(l1, l2, c)
                if use_anchors:
                    shared = shared_at[(di, dj)]
                    as_g = src.acum[i] - src.acum[i - di]
                    at_g = tgt.acum[js] - tgt.acum[jprev]
                    unmatched = np.minimum(as_g + at_g - 2 * shared, UNMATCHED_CAP)
                    cost = cost - SHARED_BONUS * shared + UNMATCHED_PENALTY * unmatched
                cost = np.where(js >= dj, cost, _INF)
                cands.append(prev + cost)
            stack = np.vstack(cands)
            arg = np.argmin(stack, axis=0).astype(np.int8)
            best = stack[arg, np.arange(L)]
        # 0-1 links stay in the row: D[k] = min(best[k], D[k-1] + c01[col k]).
        step = c01[js]
        step[0] = 0.0
        acc = np.cumsum(step)
        with np.errstate(invalid="ignore"):
            d = acc + np.minimum.accumulate(best - acc)
        d = np.where(np.isnan(d), _INF, d)
        from01 = d < best - 1e-9
        arg = np.where(from01, len(_MOVES) - 1, arg).astype(np.int8)
        rows.append(d)
        backs.append(arg)
    links: list[tuple[int, int, int, int]] = []
    touched = False
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
            touched = True
        di, dj = _MOVES[int(backs[i][k])]
        links.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    links.reverse()
    return links, touched


_COST_LIST: list[float] = []


def _length_cost1(l1: float, l2: float, c: float) -> float:
    """Scalar :func:`length_cost` (same table), for the small pure-Python programme."""
    mean = (l1 + l2 / c) * (S2 / 2.0)
    if mean < 1e-9:
        mean = 1e-9
    x = abs(l2 - l1 * c) / math.sqrt(mean) * (1.0 / _TABLE_STEP)
    if not _COST_LIST:
        _COST_LIST.extend(_COST_TABLE.tolist())
    return _COST_LIST[int(min(x, _TABLE_MAX / _TABLE_STEP) + 0.5)]


def _dp_small(src: Side, tgt: Side, c: float, use_anchors: bool, classic: bool
              ) -> list[tuple[int, int, int, int]]:
    """The same programme over the whole matrix, in plain Python: faster than numpy's
    per-row overhead for the few sentences of a paragraph."""
    n, m = src.n, tgt.n
    sl, tl = src.len.tolist(), tgt.len.tolist()
    w = NULL_LENGTH_WEIGHT if not classic else 1.0
    p10 = _PRIOR_COST[(1, 0)]
    null_s = [p10 + w * _length_cost1(x, 0.0, c) for x in sl]
    null_t = [p10 + w * _length_cost1(0.0, x, c) for x in tl]

    def groups(side: Side, lens: list[float], k: int, d: int) -> tuple[float, dict[str, float]]:
        if d == 1:
            return lens[k - 1], side.anc[k - 1]
        a: dict[str, float] = dict(side.anc[k - 2])
        for key, v in side.anc[k - 1].items():
            a[key] = a.get(key, 0.0) + v
        return lens[k - 1] + lens[k - 2], a

    sg = {(i, d): groups(src, sl, i, d) for i in range(1, n + 1) for d in (1, 2) if i - d >= 0}
    tg = {(j, d): groups(tgt, tl, j, d) for j in range(1, m + 1) for d in (1, 2) if j - d >= 0}
    D = [[_INF] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    D[0][0] = 0.0
    for i in range(n + 1):
        Di = D[i]
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = _INF, 0
            for t, (di, dj) in enumerate(_MOVES):
                if i < di or j < dj:
                    continue
                prev = D[i - di][j - dj]
                if prev == _INF:
                    continue
                if dj == 0:
                    cost = null_s[i - 1]
                elif di == 0:
                    cost = null_t[j - 1]
                else:
                    l1, a1 = sg[(i, di)]
                    l2, a2 = tg[(j, dj)]
                    cost = _PRIOR_COST[(di, dj)] + _length_cost1(l1, l2, c)
                    if use_anchors and (a1 or a2):
                        shared = 0.0
                        for key, v in a1.items():
                            u = a2.get(key)
                            if u:
                                shared += v if v < u else u
                        tot = sum(a1.values()) + sum(a2.values())
                        cost += -SHARED_BONUS * shared + UNMATCHED_PENALTY * min(
                            tot - 2 * shared, UNMATCHED_CAP)
                total = prev + cost
                if total < best - 1e-9:
                    best, arg = total, t
            Di[j] = best
            back[i][j] = arg
    links: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = _MOVES[back[i][j]]
        links.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    links.reverse()
    return links


def align_items(src: Side, tgt: Side, c: float, use_anchors: bool, classic: bool = False,
                 guide: Sequence[int] | None = None) -> list[tuple[int, int, int, int]]:
    """Align two item sequences: ``(i0, i1, j0, j1)`` spans, in order."""
    n, m = src.n, tgt.n
    if n == 0 or m == 0:
        return [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)]
    if (n + 1) * (m + 1) <= SMALL_CELLS:
        return _dp_small(src, tgt, c, use_anchors, classic)
    if (n + 1) * (m + 1) <= FULL_WIDTH_CELLS:
        width = m
    else:
        width = 16 if guide is not None else max(40, int(math.sqrt(max(n, m))))
    while True:
        links, touched = _dp_band(src, tgt, c, width, use_anchors, classic, guide)
        if not touched or width >= m:
            return links
        width = min(m, width * 2)

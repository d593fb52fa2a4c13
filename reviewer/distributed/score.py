"""``score`` on an engine's workers: one task computes every metric's per-segment
sufficient statistics of a slice of segments (the text travels once); the corpus score
is computed from their sum exactly as in one process."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import UsageError
from ..metrics import METRICS, MetricOptions, SegmentStats, corpus_scores
from ..formats.base import ReadOptions
from ..ranking import SystemScores, score_systems
from .engines import Engine, ordered_map

__all__ = ["score_stats", "score_systems_on"]


def _compact(rows: np.ndarray) -> np.ndarray:
    """``rows`` as int32 when every value is an integer that fits (sacrebleu's counts
    usually are): half the bytes, and converted back exactly."""
    if rows.size and np.isfinite(rows).all() and np.abs(rows).max() < 2**31 \
            and (rows == np.floor(rows)).all():
        return rows.astype(np.int32)
    return rows


def _integral(rows: np.ndarray) -> bool:
    return bool(rows.size == 0 or (np.isfinite(rows).all() and (rows == np.floor(rows)).all()
                                   and np.abs(rows).sum() < 2**52))


def _rows(metric: str, hyps: list[str], refs: list[list[str]],
          options: MetricOptions | None) -> np.ndarray:
    """Per-segment statistics of one slice (a worker task)."""
    return _compact(SegmentStats(metric, hyps, refs, options).kept_rows())


def _span(metrics: Sequence[str], hyps: list[str], refs: list[list[str]],
          options: MetricOptions | None, rows: bool) -> dict[str, tuple[str, np.ndarray]]:
    """Every metric's statistics of one slice of segments (a worker task): its rows,
    compacted (``("rows", array)``), or, when ``rows`` is false and they are integers,
    just their column sums (``("sum", array)``), which add up exactly in any order."""
    out: dict[str, tuple[str, np.ndarray]] = {}
    for m, stats in corpus_scores(hyps, refs, metrics, options).items():
        r = stats.rows
        assert r is not None  # corpus_scores keeps the rows
        out[m] = ("sum", r.sum(axis=0)) if not rows and _integral(r) else ("rows", _compact(r))
    return out


def _stats_from(metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]],
                options: MetricOptions | None, rows: np.ndarray | None,
                total: np.ndarray) -> SegmentStats:
    """A :class:`~reviewer.metrics.SegmentStats` with given rows (None: not kept; then
    only corpus scores of all segments and signatures are available) and total."""
    return SegmentStats(metric, hyps, refs, options, rows=rows, total=total)


def _spans(n: int, workers: int, chunk: int) -> list[tuple[int, int]]:
    step = max(1, min(chunk, -(-n // (8 * workers)) if n else 1))
    return [(a, min(n, a + step)) for a in range(0, n, step)]


def score_stats(engine: Engine, metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]],
                options: MetricOptions | None, chunk: int = 5_000) -> SegmentStats:
    """A :class:`~reviewer.metrics.SegmentStats` whose rows were computed by chunks on
    the engine's workers; identical to ``SegmentStats(metric, hyps, refs, options)``."""
    items = [(list(hyps[a:b]), [list(r[a:b]) for r in refs]) for a, b in _spans(len(hyps), engine.workers, chunk)]
    parts = list(ordered_map(engine, _rows_task, items, metric, options, window=len(items) or 1))
    width = parts[0].shape[1] if parts else 0
    rows = (np.concatenate(parts).astype(np.float64).reshape(len(hyps), width)
            if parts else np.zeros((0, 0)))
    return _stats_from(metric, hyps, refs, options, rows, rows.sum(axis=0))


def _rows_task(metric: str, options: MetricOptions | None,
               item: tuple[list[str], list[list[str]]]) -> np.ndarray:
    return _rows(metric, item[0], item[1], options)


def _span_task(metrics: Sequence[str], options: MetricOptions | None, rows: bool,
               item: tuple[list[str], list[list[str]]]) -> dict[str, tuple[str, np.ndarray]]:
    return _span(metrics, item[0], item[1], options, rows)


def score_systems_on(engine: Engine, hyp_paths: Sequence[str], ref_paths: Sequence[str],
                     metrics: Sequence[str], options: MetricOptions | None,
                     names: Sequence[str] | None = None,
                     read_options: ReadOptions | None = None, rows: bool = True,
                     chunk: int = 5_000) -> tuple[list[SystemScores], list[list[str]]]:
    """:func:`reviewer.ranking.score_systems` with the statistics computed on the
    engine's workers (same systems, same figures). One task computes every metric of
    a slice of segments (the text travels once); with ``rows=False`` the per-segment
    rows are not kept (corpus scores and signatures only: no ``--segments``,
    ``--confidence``), and tasks return column sums instead of rows."""

    for m in metrics:
        if m not in METRICS:
            raise UsageError(f"unknown metric {m!r} (known: {', '.join(METRICS)})")
    systems, refs = score_systems(hyp_paths, ref_paths, [], options, read_options, names=names)
    for system in systems:
        hyps = system.hyps
        spans = _spans(len(hyps), engine.workers, chunk)
        items = [(list(hyps[a:b]), [list(r[a:b]) for r in refs]) for a, b in spans]
        parts = list(ordered_map(engine, _span_task, items, list(metrics), options, rows,
                                 window=4 * engine.workers + 2))
        system.stats = {}
        for m in metrics:
            got = [p[m] for p in parts]
            if all(kind == "sum" for kind, _ in got) and got:
                total = np.sum([v for _, v in got], axis=0)  # integers: exact in any order
                system.stats[m] = _stats_from(m, hyps, refs, options, None, total)
            elif all(kind == "rows" for kind, _ in got) and got:
                width = got[0][1].shape[1]
                r = np.concatenate([v for _, v in got]).astype(np.float64).reshape(len(hyps), width)
                system.stats[m] = _stats_from(m, hyps, refs, options, r, r.sum(axis=0))
            else:  # fractional statistics somewhere: the rows, summed as one process does
                system.stats[m] = score_stats(engine, m, hyps, refs, options, chunk)
    return systems, refs

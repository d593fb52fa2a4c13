"""Batch runs on several processes (``--workers N``) or a Dask cluster (``--cluster``).

The output never depends on either: findings come out in input order, byte-identical
to a single-process run, and scores equal the single-process figures exactly.

``check``, per input file (see docs/scale-out.md; the driver is :mod:`.check`, the
workers' tasks :mod:`.tasks`):

1. *map*: when the plan has document-level checks, workers read their chunk
   (:mod:`reviewer.chunks`) and return compact statistics, which the driver merges in
   input order as they come: for ``spelling`` names, name forms, counts of unknown
   words and the positions of the words the dictionary lacks (:mod:`.spelling_stats`);
   for ``variant`` its :class:`~reviewer.checks.variant.VariantStats` (bounded by the
   vocabulary); for ``consistency`` 128-bit digests of each unit's source and target
   (:class:`~reviewer.checks.consistency.UnitKeys`). Other document checks (plugins)
   get the units, and the driver runs them.
2. *decide* (driver): spelling's state, the spellings ``variant`` flags, the units
   ``consistency`` flags; the units named in consistency messages (the first of each
   majority) are read again by the workers, those only (:mod:`.consistency_messages`).
3. *flag*: workers read their chunk again (indexes now global), run the per-unit
   checks, spelling on the words pass 1 found, emit variant's and consistency's
   findings of their units, merge each unit's findings as the runner does and
   return them; the driver writes each chunk as soon as it and all earlier chunks
   are done.

``score`` (:mod:`.score`): one task computes every metric's per-segment sufficient
statistics of a slice of segments; the corpus score is computed from their sum as in
one process. Where the tasks run is :mod:`.engines`.
"""

from __future__ import annotations

from .check import EnginePlan, input_chunks, run_check
from .engines import (
    DaskEngine,
    Engine,
    LocalEngine,
    cap_workers,
    engine_options,
    make_engine,
    max_workers,
    ordered_map,
)
from .score import score_stats, score_systems_on

__all__ = ["Engine", "LocalEngine", "DaskEngine", "EnginePlan", "make_engine", "run_check",
           "input_chunks", "score_stats", "score_systems_on", "engine_options",
           "max_workers", "cap_workers", "ordered_map"]

"""Batch runs on several processes (``--workers N``) or a Dask cluster (``--cluster``).

The output never depends on either: findings come out in input order, byte-identical
to a single-process run, and scores equal the single-process figures exactly.

``check``, per input file (see docs/scale-out.md; the driver is :mod:`.check`, the
workers' tasks :mod:`.tasks`):

Every document-level check runs through the steps of
:class:`~reviewer.checks.base.DocumentCheck`, the same steps one process runs over one
chunk (the whole document):

1. *map*: workers read their chunk (:mod:`reviewer.chunks`) and return each document
   check's ``statistics`` (spelling: names, name forms, counts of unknown words;
   variant: :class:`~reviewer.checks.variant.VariantStats`; consistency: 128-bit
   digests of each unit, :class:`~reviewer.checks.consistency.UnitKeys`; a plugin that
   only overrides ``run_document``: its units), and a chunk-local part kept for their
   flag task (spelling: the positions of the words the language lacks). The driver
   merges them with ``merge``: the statistics in input order as they come.
2. *decide* (driver): each check's verdicts; ``fetch`` has the workers read again the
   few units a message quotes (consistency's majority units), those only.
3. *flag*: workers read their chunk again (indexes now global), run the per-unit
   checks and ``emit`` each document check's verdicts on their units (the verdicts
   given per unit, consistency's and a plugin's, only their chunk's share), merge
   each unit's findings as the runner does and return them; the driver writes each
   chunk as soon as it and all earlier chunks are done.

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

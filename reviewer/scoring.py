"""The former name of :mod:`reviewer.ranking` (``reviewer score``: systems ranked by
corpus metrics), kept so that ``from reviewer.scoring import ...`` still works. The
metrics' statistics themselves are :mod:`reviewer.metrics`."""

from __future__ import annotations

from .ranking import (  # noqa: F401
    SystemScores,
    read_lines,
    check_request,
    read_system,
    score_systems,
    significance,
    confidence,
    ranked,
    to_json,
    segment_table,
    render,
)

__all__ = [
    "SystemScores",
    "read_lines",
    "check_request",
    "read_system",
    "score_systems",
    "significance",
    "confidence",
    "ranked",
    "to_json",
    "segment_table",
    "render",
]

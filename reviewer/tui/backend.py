"""What the review session needs from a project (:class:`reviewer.project.Project` or
:class:`reviewer.tui.memory.MemoryProject`), and bulk reads over it. No Textual here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..model import Finding, Segment
from .query import STATUSES


class Backend(Protocol):
    """What the session needs from :class:`reviewer.project.Project`."""

    def __len__(self) -> int: ...
    @property
    def segments(self) -> list[Segment]: ...
    def segment(self, i: int) -> Segment: ...
    def original(self, i: int) -> Segment: ...
    def status(self, i: int) -> str: ...
    def annotations(self, i: int) -> list[Any]: ...
    def correct(self, i: int, new_target: str, note: str | None = None,
                expected: str | None = None, check: bool = False) -> Any: ...
    def accept(self, i: int) -> None: ...
    def reject(self, i: int) -> None: ...
    def annotate(self, i: int, side: str, start: int, end: int, category: str,
                 severity: str, comment: str = "") -> Any: ...
    def dismiss(self, i: int, finding: Finding) -> bool: ...
    def is_dismissed(self, i: int, finding: Finding) -> bool: ...
    def undo(self, i: int) -> Any: ...
    def add_glossary_entry(self, source: str, target: str, note: str | None = None) -> Any: ...
    def glossary_entries(self) -> list[Any]: ...
    def export(self, out: Any, only_corrected: bool = False, to: str | None = None) -> int: ...


@dataclass(frozen=True, slots=True)
class GlossaryHit:
    """A glossary entry whose source term is in the current segment."""

    source: str
    targets: tuple[str, ...]
    found: bool
    note: str = ""


def bulk_state(backend: Any, n: int) -> tuple[np.ndarray, dict[int, list[Any]]]:
    """Statuses of every segment and the segments' annotations, in one pass: the
    project's store state read once instead of one query a segment."""
    status = np.zeros(n, dtype=np.int8)
    annotations: dict[int, list[Any]] = {}
    fast = getattr(backend, "bulk_state", None)
    if fast is not None:
        return fast()
    store = getattr(backend, "store", None)
    if store is not None and hasattr(backend, "key"):
        state = store.load_state()
        if state.statuses or state.annotations:
            codes = {s: k for k, s in enumerate(STATUSES)}
            sts, anns = state.statuses, state.annotations
            for i in range(n):
                key = backend.key(i)
                st = sts.get(key)
                if st is not None:
                    status[i] = codes.get(st, 0)
                a = anns.get(key)
                if a:
                    annotations[i] = list(a)
        return status, annotations
    for i in range(n):
        status[i] = STATUSES.index(backend.status(i))
        a = backend.annotations(i)
        if a:
            annotations[i] = list(a)
    return status, annotations


def default_export_path(path: str | Path) -> Path:
    """``name.reviewed.ext`` beside the input."""
    p = Path(path)
    return p.with_name(f"{p.stem}.reviewed{p.suffix}")

"""What the first frame shows of a big file before the session's arrays exist.

A big file is opened in two phases (:func:`reviewer.tui.loader.open_staged`): its first
units, then the whole file in the background. Even the first phase's session
(:meth:`ReviewSession.load`) works in numpy arrays, and importing numpy costs about a
fifth of the time to the first frame; so the segment list paints the first screenful
from a :class:`HeadPreview` (plain lists over the first units, the same row renderer,
the same review statuses and annotations from the store), and the session is loaded
right after that frame, a fraction of a second later, taking over the same rows. No
Textual and no numpy here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..model import Finding, Segment
from ..store import STATUSES

__all__ = ["HeadPreview", "RowLayout"]

#: Formats whose unit ids are line numbers (as :class:`ReviewSession` numbers them).
LINE_ID_FORMATS = ("tsv", "csv", "jsonl", "txt")


class RowLayout:
    """The row layout :class:`HeadPreview` and :class:`ReviewSession` share: the text
    columns and the segment numbers, from ``segs``, ``n``, ``target_only``,
    ``has_reference`` and ``numbered_by_id`` (each class's own)."""

    segs: Sequence[Segment]
    n: int

    if TYPE_CHECKING:  # each class's own, read-only here
        @property
        def target_only(self) -> bool: ...
        @property
        def has_reference(self) -> bool: ...
        @property
        def numbered_by_id(self) -> bool: ...

    def columns(self) -> tuple[int, ...]:
        """The text columns shown, as indexes of the session's ``lengths`` (0 source,
        1 target, 2 reference): a target-only review is one full-width column."""
        cols = (1,) if self.target_only else (0, 1)
        return cols + (2,) if self.has_reference else cols

    def label(self, pos: int) -> str:
        """The number the screen shows for a segment: its unit id where ids are line
        numbers (as ``check`` prints them), else its position from 1."""
        return self.segs[pos].id if self.numbered_by_id else str(pos + 1)

    @property
    def label_width(self) -> int:
        """Digits of the widest segment number."""
        if self.numbered_by_id and self.segs:
            return max(len(self.segs[-1].id), len(str(self.n)))
        return len(str(self.n))


class HeadPreview(RowLayout):
    """The session's row-rendering interface (``render_row`` reads it) over a
    backend's first units: no findings yet, the cursor on the first row."""

    form = 0
    search = None
    selected = 0

    def __init__(self, backend: Any, references: Sequence[str] | None = None) -> None:
        self.backend = backend
        self.segs: list[Segment] = list(backend.segments)
        self.n = len(self.segs)
        self.references = references
        self._target_only = bool(backend.target_only)
        self._by_id = bool(self.segs) and backend.format in LINE_ID_FORMATS and all(
            s.id.isdigit() for s in self.segs)
        self.annotated = range(self.n)  # asked of the store row by row, when drawn
        self._status: dict[int, int] = {}

    @property
    def target_only(self) -> bool:
        """True for a target-only document."""
        return self._target_only

    @property
    def numbered_by_id(self) -> bool:
        """Whether unit ids are line numbers (see :meth:`RowLayout.label`)."""
        return self._by_id

    @property
    def status(self) -> "_Lookup":
        """Review status codes (index in ``STATUSES``) by position, read when drawn."""
        return _Lookup(self._status, lambda i: STATUSES.index(self.backend.status(i)))

    @property
    def max_sev(self) -> "_Lookup":
        """No findings before the checks: -1 everywhere."""
        return _Lookup({}, lambda i: -1)

    @property
    def has_reference(self) -> bool:
        """True when a reference column is shown."""
        return self.references is not None or any(s.reference is not None
                                                  for s in self.segs[:1000])

    def reference(self, pos: int) -> str | None:
        """The reference translation of a segment, if any."""
        if self.references is not None:
            return self.references[pos]
        return self.segs[pos].reference

    def findings_of(self, pos: int) -> list[Finding]:
        """None yet (the checks run once the whole file is read)."""
        return []

    def selected_finding(self) -> Finding | None:
        """None: no findings yet."""
        return None

    def annotations(self, pos: int) -> list[Any]:
        """The MQM annotations the store holds for a segment."""
        return self.backend.annotations(pos)


class _Lookup:
    """``lookup[i]``: a value computed on first use and kept."""

    def __init__(self, cache: dict[int, int], compute: Any) -> None:
        self._cache = cache
        self._compute = compute

    def __getitem__(self, i: int) -> int:
        v = self._cache.get(i)
        if v is None:
            v = self._cache[i] = self._compute(i)
        return v

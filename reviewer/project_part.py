"""What the parts of :class:`~reviewer.project.Project` (its mixins, one a module:
:mod:`.project_corrections`, :mod:`.project_dismissals`) use of it, declared once
for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .model import Document, Segment
    from .store import Key, State, Store

__all__ = ["ProjectPart"]


class ProjectPart:
    """The base of a part of :class:`~reviewer.project.Project`: the attributes and
    methods of the project that the part's methods use (declared, not defined)."""

    if TYPE_CHECKING:  # what a part uses of :class:`~reviewer.project.Project`
        doc: Document
        store: Store
        reviewer: str
        _orig: Sequence[Segment]
        _state: State
        _positions: dict[Key, list[int]]
        _orphan_keys: list[Key]

        def _sync(self) -> None: ...
        def _load(self) -> None: ...
        def _key(self, i: int) -> Key: ...
        def _index(self, i: int) -> int: ...
        def _segment(self, i: int) -> Segment: ...
        def _reload_key(self, key: Key, i: int | None = None) -> None: ...

"""A review project over the first units of a file, while the whole file is still
being read: what the review screen edits before its index is complete.

:class:`HeadProject` is a :class:`~reviewer.project.Project` whose segments are the
file's first units (:func:`reviewer.formats.head.read_head`) and whose state is read
from the store for their keys alone (no pass over the store, none over the file).
Its writes go to the same store, under the same keys, as the full project's: a unit's
key is its own ``(id, source)`` unless the full file says otherwise, and a write is
refused (:meth:`HeadProject.not_editable` says why) whenever only the full file could
say: the unit's id was made unique (``ID#2``), its stored correction was made on
another text, or a stored key with its source text but another id may be matched to
it by source. File-wide operations (export, apply, bulk undo) wait for the full
project. Nothing here is cached beyond the store, so handing over to the full
project loses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import UsageError
from .formats.base import ReadOptions
from .model import Document, Segment
from .project import Project
from .store import Key, Store, default_store_path
from .unit_keys import same_text, stored_text

__all__ = ["HeadProject", "NOT_INDEXED"]

NOT_INDEXED = "the file is still being read"


class HeadProject(Project):
    """A project over a file's first units (see the module doc). Use :meth:`open_head`."""

    partial = True

    def __init__(self, doc: Document, head: list[Segment], store: Store, reviewer: str,
                 read_options: ReadOptions) -> None:
        self._raw_ids = [s.id for s in head]
        super().__init__(doc, head, store, reviewer, read_options, None, False)

    @classmethod
    def open_head(cls, input_path: str | Path, head: list[Segment], doc: Document,
                  store_path: str | Path | None = None, reviewer: str | None = None,
                  read_options: ReadOptions | None = None, config: Any = None) -> "HeadProject":
        """A project over ``head`` (the first units of ``input_path``, as
        :func:`~reviewer.formats.head.read_head` read them) and the input's store.
        The input's fingerprint is left to the full project (it hashes the file)."""
        from .project import default_reviewer

        ipath = Path(input_path)
        sp = Path(store_path) if store_path is not None else default_store_path(ipath)
        if sp.resolve() == ipath.resolve():
            raise UsageError("the review store cannot be the input file itself", sp)
        store = Store.open(sp, create=True)
        try:
            return cls(doc, list(head), store, reviewer or default_reviewer(config),
                       read_options or ReadOptions())
        except BaseException:
            store.close()
            raise

    def _load(self) -> None:
        # The state of the head's own keys; no source matching (that needs the file).
        self._dv = self.store.data_version()
        keys = [(s.id, s.source) for s in self._orig]
        # every stored change is an action: a store without any (a first review) has
        # no state for these keys, and asking key by key costs a few queries a unit
        self._state = self.store.state_of(keys if self.store.count("actions") else ())
        self._override = {}
        self._positions = {}
        for i, k in enumerate(keys):
            self._positions.setdefault(k, []).append(i)
        self._orphan_keys = []
        self._orphan_set = set()
        self._current = {}

    def _find_dups(self) -> dict[Key, list[int]]:
        return {k: v for k, v in self._positions.items() if len(v) > 1}

    # -- what waits for the whole file --------------------------------------------

    def not_editable(self, i: int) -> str | None:
        """Why segment ``i`` cannot be changed before the whole file is read (None:
        it can)."""
        seg = self._orig[self._index(i)]
        if seg.id != self._raw_ids[i] or len(self._positions.get(self._key(i), ())) > 1:
            return f"{NOT_INDEXED}: unit {self._raw_ids[i]!r} repeats, wait for the index"
        key = self._key(i)
        row = self._state.corrections.get(key)
        if row is not None and row.after is not None and \
                not same_text(row.original, stored_text(seg)):
            return f"{NOT_INDEXED}: its stored correction was made on another text"
        stored = key in self._state.statuses or key in self._state.corrections or \
            key in self._state.keys
        if not stored and any(k != key for k in self.store.keys_with_source(seg.source)):
            return f"{NOT_INDEXED}: a stored unit with this source text may be this one"
        return None

    def _editable(self, i: int) -> None:
        why = self.not_editable(i)
        if why is not None:
            raise UsageError(why)

    def correct(self, i: int, new_target: str, note: str | None = None,
                expected: str | None = None, check: bool = False,
                form: int | None = None) -> Any:
        """:meth:`Project.correct`, once :meth:`not_editable` allows it."""
        self._editable(i)
        return super().correct(i, new_target, note, expected, check, form=form)

    def set_status(self, i: int, status: str) -> None:
        """:meth:`Project.set_status`, once :meth:`not_editable` allows it."""
        self._editable(i)
        super().set_status(i, status)

    def annotate(self, i: int, side: str, start: int, end: int, category: str,
                 severity: str, comment: str = "") -> Any:
        """:meth:`Project.annotate`, once :meth:`not_editable` allows it."""
        self._editable(i)
        return super().annotate(i, side, start, end, category, severity, comment)

    def dismiss(self, i: int, finding: Any) -> bool:
        """:meth:`Project.dismiss`, once :meth:`not_editable` allows it."""
        self._editable(i)
        return super().dismiss(i, finding)

    def undo(self, i: int) -> Any:
        """:meth:`Project.undo`, once :meth:`not_editable` allows it."""
        self._editable(i)
        return super().undo(i)

    def resume_position(self) -> int | None:
        """Where the reviewer left off, when it is among the first units."""
        pos = super().resume_position()
        return pos if pos is not None and pos < len(self._orig) else None

    def export(self, *_: Any, **__: Any) -> int:
        """Refused: an export writes the whole file."""
        raise UsageError(f"{NOT_INDEXED}: export once it is indexed")

    def apply_corrections(self, *_: Any, **__: Any) -> Any:
        """Refused: corrections are matched over the whole file."""
        raise UsageError(f"{NOT_INDEXED}: apply once it is indexed")

    def undo_batch(self, note: str) -> list[int]:
        """Refused: a bulk change spans the whole file."""
        raise UsageError(f"{NOT_INDEXED}: undo the bulk replace once it is indexed")

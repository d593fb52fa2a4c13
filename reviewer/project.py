"""A review project: one input file plus its review store, the core API that the
review screen and scripts use (no Textual, no Rich).

>>> p = Project.open("app.po")                  # FILE.review.sqlite beside it
>>> p.correct(3, "Salva come")                  # durable when the call returns
>>> p.accept(4); p.undo(4)
>>> findings = p.findings(plan_checks())        # dismissed findings left out
>>> p.export("app.reviewed.po")

Segments are identified in the store by ``(unit id, source text)``. When the input
changed since the last session (its sha256 differs), stored state is matched to the
segments by unit id and source text first, then by source text alone (ids that moved,
e.g. the line numbers of a re-sorted TSV); corrections that match no segment are kept
and listed by :meth:`Project.orphans`, never dropped. Target-only documents (empty
sources) match by unit id only.

A correction is bound to its unit by id, source text and the input's target it was made
on (recorded by the store): when the input's target has changed since, the correction is
not applied (the input's new text shows) and :meth:`Project.stale` lists it; exports
report every correction they could not apply (:meth:`Project.unapplied`). A unit id
that repeats in the input is made unique (:func:`unique_ids`: ``ID#2``, ``ID#3``...).

Every method that changes something is one short store transaction; reads check
``PRAGMA data_version`` and reload when another process (``reviewer apply``) wrote.

Its parts: :mod:`.project_open` (reading the input, opening the store),
:mod:`.project_corrections` (applying and listing corrections),
:mod:`.project_dismissals` (dismissed findings), :mod:`.project_export` (the writers),
:mod:`.unit_keys` (matching stored state to the input's units). What stays here
(~600 lines) is the one class's state cache and its reading and changing of units,
which share that cache and its invalidation: split further, each part would reach
into the other's private state.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .config import Config
from .corrections import ApplyResult, Correction, CorrectionRecord, check_correction
from .errors import UsageError
from .formats.base import ReadOptions
from .model import CODE_RE, Document, Finding, Segment
from .packed import PackedSegments, SegmentView
from .project_corrections import ProjectCorrections
from .project_dismissals import ProjectDismissals
from .project_open import default_reviewer, open_project
from .store import (
    STATUSES,
    AnnotationRow,
    Change,
    ConflictError,
    CorrectionRow,
    GlossaryRow,
    Key,
    State,
    Store,
)
from .unit_keys import (
    FORM_SEP,
    map_keys,
    map_stored,
    same_text,
    stored_text,
    unique_ids,
    with_form,
)

if TYPE_CHECKING:
    import numpy as np

    from .runner import CheckPlan

__all__ = [
    "Project",
    "Correction",
    "ApplyResult",
    "CorrectionRecord",
    "AnnotationRow",
    "Change",
    "ConflictError",
    "default_reviewer",
    "PARTIAL_FORMATS",
    "FORM_SEP",
    "map_keys",
]


def __getattr__(name: str) -> object:
    # PARTIAL_FORMATS lives with the writers, imported when first asked for
    if name == "PARTIAL_FORMATS":
        from .project_export import PARTIAL_FORMATS

        return PARTIAL_FORMATS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _ids_repeat(segments: Sequence[Segment]) -> bool:
    """True when some unit id may repeat (packed segments: two ids share a hash)."""
    if isinstance(segments, SegmentView):
        segments = segments.base
    if isinstance(segments, PackedSegments):
        return segments.repeated_ids()
    ids = [s.id for s in segments]
    return len(set(ids)) != len(ids)


class Project(ProjectCorrections, ProjectDismissals):
    """An input document and its review store. Use :meth:`open`."""

    def __init__(self, doc: Document, originals: Sequence[Segment], store: Store, reviewer: str,
                 read_options: ReadOptions, source_path: str | None, changed: bool) -> None:
        self.doc = doc
        self._orig = unique_ids(originals)
        self.store = store
        self.reviewer = reviewer
        self.read_options = read_options
        self.source_path = source_path
        self.input_changed = changed
        self.aligned = False  # sentence-aligned pair (see open)
        self._pos_cache: dict[int, int] | None = None
        self._dups: dict[Key, list[int]] | None = None
        self._load()
        self._dups = self._find_dups()

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, input_path: str | os.PathLike[str], store_path: str | os.PathLike[str] | None = None,
             reviewer: str | None = None, read_options: ReadOptions | None = None,
             source_path: str | os.PathLike[str] | None = None, create: bool = True,
             config: Config | None = None, aligned: bool = False,
             progress: Callable[[int, int], None] | None = None) -> "Project":
        """Open ``input_path`` and its store (``FILE.review.sqlite`` unless
        ``store_path``; created unless ``create`` is False). With ``source_path`` the
        input is the target file of a plain-text pair; with ``aligned`` too, the two
        documents are sentence-aligned as ``check --align`` aligns them (the store is
        then ``TARGET.aligned.review.sqlite`` by default). ``progress(units, line)``
        is called now and then while the input is read (units so far, the line
        reached). See :func:`reviewer.project_open.open_project`."""
        return open_project(cls, input_path, store_path, reviewer, read_options or ReadOptions(),
                            source_path, create, config, aligned, progress)

    @classmethod
    def in_memory(cls, segments: Iterable[Segment], path: str = "memory.tsv",
                  source_lang: str | None = "en", target_lang: str | None = "it",
                  reviewer: str = "") -> "Project":
        """A project over ``segments`` that no file holds, its store in memory (nothing
        durable): the review screen's backend for benchmarks and tests. ``path`` only
        names it (its suffix is the format); it exports to TMX only."""
        fmt = Path(path).suffix.lstrip(".") or "tsv"
        segs = list(segments)
        doc = Document(path=path, format=fmt, source_lang=source_lang,
                       target_lang=target_lang, segments=segs)
        return cls(doc, segs, Store.memory(), reviewer or "reviewer",
                   ReadOptions(source_lang=source_lang, target_lang=target_lang), None, False)

    @property
    def file_backed(self) -> bool:
        """True when the project reviews a file (False for :meth:`in_memory`)."""
        return not self.store.in_memory

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- state cache -----------------------------------------------------------

    def _load(self) -> None:
        # Nothing per segment here: a segment's key is its own (id, source) unless
        # ``_override`` says otherwise, and only stored keys get a position list.
        self._dv = self.store.data_version()
        self._state: State = self.store.load_state()
        made_on = {k: r.original for k, r in self._state.corrections.items()
                   if r.after is not None}
        self._override, self._positions, self._orphan_keys = map_stored(
            self._orig, self._state.keys, made_on)
        self._orphan_set = set(self._orphan_keys)
        self._current: dict[int, Segment] = {}

    @property
    def _pos(self) -> dict[int, int]:
        """Position of each segment by its file index (built when first needed)."""
        if self._pos_cache is None:
            self._pos_cache = {s.index: i for i, s in enumerate(self._orig)}
        return self._pos_cache

    def _key(self, i: int) -> Key:
        k = self._override.get(i) if self._override else None
        if k is None:
            s = self._orig[i]
            k = (s.id, s.source)
        return k

    def _find_dups(self) -> dict[Key, list[int]]:
        """Segments sharing (id, source) share a key: find such keys (once, at open, so
        the first save does not pay ~0.2 s for it on a million segments)."""
        dups: dict[Key, list[int]] = {}
        if _ids_repeat(self._orig):
            seen: dict[Key, int] = {}
            for j, s in enumerate(self._orig):
                k = (s.id, s.source)
                first = seen.setdefault(k, j)
                if first != j:
                    dups.setdefault(k, [first]).append(j)
        return dups

    def _key_positions(self, key: Key, i: int | None) -> list[int]:
        """Every segment keyed by ``key`` (``i`` is one of them, when known)."""
        pos = self._positions.get(key)
        if pos is not None:
            return pos
        if i is None:
            return [j for j in range(len(self._orig)) if self._key(j) == key]
        if self._dups is None:
            self._dups = self._find_dups()
        found = self._dups.get(key)
        if found is None:
            return [i]
        return [j for j in found if j not in self._override]

    def _sync(self) -> None:
        """Reload when another connection committed since we last looked."""
        if self.store.data_version() != self._dv:
            self._load()

    def refresh(self) -> None:
        """Reload the whole state from the store."""
        self._load()

    def _touch(self, key: Key) -> None:
        for i in self._positions.get(key, ()):
            self._current.pop(i, None)

    def _reload_key(self, key: Key, i: int | None = None) -> None:
        """After our own write to ``key`` (of segment ``i``): refresh its cached state
        (everything, when another process wrote meanwhile or the key is no segment's)."""
        if self.store.data_version() != self._dv or key in self._orphan_set:
            self._load()
            return
        if key not in self._positions:
            self._positions[key] = self._key_positions(key, i)
        row, status, anns = self.store.key_state(key)
        st = self._state
        if row is not None:
            st.corrections[key] = row
        else:
            st.corrections.pop(key, None)
        if status is not None:
            st.statuses[key] = status
        else:
            st.statuses.pop(key, None)
        if anns:
            st.annotations[key] = anns
        else:
            st.annotations.pop(key, None)
        st.dismissed = self.store.dismissed()
        self._touch(key)

    def _index(self, i: int) -> int:
        if not 0 <= i < len(self._orig):
            raise IndexError(f"no segment {i} (the document has {len(self._orig)})")
        return i

    # -- reading ---------------------------------------------------------------

    @property
    def path(self) -> str:
        """The input file."""
        return self.doc.path

    @property
    def format(self) -> str:
        """The input's format name (po, xliff, tmx, tsv, csv, jsonl, txt)."""
        return self.doc.format

    @property
    def source_lang(self) -> str | None:
        """Source language of the input, when known."""
        return self.doc.source_lang

    @property
    def target_lang(self) -> str | None:
        """Target language of the input, when known."""
        return self.doc.target_lang

    @property
    def meta(self) -> dict[str, object]:
        """Format metadata of the input (XLIFF version, PO header...)."""
        return self.doc.meta

    @property
    def target_only(self) -> bool:
        """True for a target-only review (the input has no source)."""
        return self.doc.target_only

    @property
    def store_path(self) -> Path:
        """The review store's file."""
        return self.store.path

    def __len__(self) -> int:
        return len(self._orig)

    @property
    def segments(self) -> list[Segment]:
        """All segments with their current target (the latest correction applied)."""
        self._sync()
        orig = self._orig
        out: Any  # a list, or a view over packed segments (what a list copy would be)
        if isinstance(orig, SegmentView):
            out = SegmentView(orig.base, orig.replaced)
        elif isinstance(orig, PackedSegments):
            out = SegmentView(orig)
        else:
            out = list(orig)
        for key in self._state.corrections:
            for i in self._positions.get(key, ()):
                out[i] = self._segment(i)
        return out

    def segment(self, i: int) -> Segment:
        """Segment ``i`` with its current target."""
        self._sync()
        return self._segment(self._index(i))

    def _segment(self, i: int) -> Segment:
        cur = self._current.get(i)
        if cur is None:
            seg = self._orig[i]
            if not self._state.corrections:
                return seg
            row = self._state.corrections.get(self._key(i))
            if row is None or row.after is None or not same_text(row.original, stored_text(seg)):
                return seg  # no correction, or one made on another text (see stale())
            cur = self._with_target(seg, row.after)
            self._current[i] = cur
        return cur

    @staticmethod
    def _with_target(seg: Segment, text: str) -> Segment:
        codes = seg.target_codes
        if not codes and seg.source_codes and CODE_RE.search(text):
            codes = seg.source_codes
        plural = seg.plural_targets
        if plural:
            if FORM_SEP in text:  # every form (see FORM_SEP)
                plural = tuple(text.split(FORM_SEP))
                text = plural[0]
            else:  # a correction of form 0 alone
                plural = (text, *plural[1:])
        return replace(seg, target=text, target_codes=codes, plural_targets=plural)

    def original(self, i: int) -> Segment:
        """Segment ``i`` as the input file has it."""
        return self._orig[self._index(i)]

    def key(self, i: int) -> Key:
        """The store key of segment ``i``: (unit id, source text) it is stored under."""
        return self._key(self._index(i))

    def status(self, i: int) -> str:
        """``unreviewed``, ``accepted``, ``corrected`` or ``rejected``."""
        self._sync()
        return self._state.statuses.get(self._key(self._index(i)), "unreviewed")

    def history(self, i: int) -> list[Change]:
        """The segment's action log, oldest first (undone entries marked)."""
        return self.store.history(self._key(self._index(i)))

    def bulk_state(self) -> tuple[np.ndarray, dict[int, list[AnnotationRow]]]:
        """Status codes (index in ``STATUSES``, a numpy int8 array) of every segment
        and the live annotations by position, from the cached state: no pass over
        the segments."""
        import numpy as np  # the review screen's query only: not loaded to open a project

        self._sync()
        status = np.zeros(len(self._orig), dtype=np.int8)
        codes = {s: k for k, s in enumerate(STATUSES)}
        for key, st in self._state.statuses.items():
            for i in self._positions.get(key, ()):
                status[i] = codes.get(st, 0)
        annotations: dict[int, list[AnnotationRow]] = {}
        for key, anns in self._state.annotations.items():
            if anns:
                for i in self._positions.get(key, ()):
                    annotations[i] = list(anns)
        return status, dict(sorted(annotations.items()))

    def annotations(self, i: int) -> list[AnnotationRow]:
        """Live MQM annotations of segment ``i``."""
        self._sync()
        return list(self._state.annotations.get(self._key(self._index(i)), ()))

    def glossary_entries(self) -> list[GlossaryRow]:
        """Glossary entries added during review."""
        return self.store.glossary_entries()

    # -- changing --------------------------------------------------------------

    def correct(self, i: int, new_target: str, note: str | None = None,
                expected: str | None = None, check: bool = False,
                form: int | None = None) -> CorrectionRow | None:
        """Record a correction of segment ``i`` (status becomes ``corrected``).

        Returns the history row, or None when ``new_target`` is the current text
        already. With ``check``, raise :class:`ConflictError` unless the current
        target is ``expected``. For a plural entry, ``form`` says which plural form
        ``new_target`` (and ``expected``) is (default 0). Durable when the call returns.
        """
        self._index(i)
        if not isinstance(new_target, str):
            raise TypeError("new_target must be a str")
        check_correction(self._orig[i], new_target, self.doc.format)
        seg = self._orig[i]
        if seg.plural_targets:
            cur = self.segment(i)
            k = form or 0
            new_target = with_form(cur, k, new_target)
            if expected is not None:
                expected = with_form(cur, k, expected)
        elif form not in (None, 0):
            raise UsageError(f"unit {seg.id!r} has no plural forms")
        key = self._key(i)
        row = self.store.record_correction(key, new_target, stored_text(seg),
                                           self.reviewer, note, expected, check)
        self._reload_key(key, i)
        return row

    def set_status(self, i: int, status: str) -> None:
        """Set the review status of segment ``i``."""
        if status not in STATUSES:
            raise UsageError(f"unknown status {status!r} (use {', '.join(STATUSES)})")
        key = self._key(self._index(i))
        self.store.set_status(key, status, self.reviewer)
        self._reload_key(key, i)

    def accept(self, i: int) -> None:
        """Mark segment ``i`` accepted."""
        self.set_status(i, "accepted")

    def reject(self, i: int) -> None:
        """Mark segment ``i`` rejected."""
        self.set_status(i, "rejected")

    def annotate(self, i: int, side: str, start: int, end: int, category: str,
                 severity: str, comment: str = "") -> AnnotationRow:
        """Add an MQM annotation on ``side`` (source/target) of segment ``i``, span
        ``start:end`` of that side's current text."""
        if side not in ("source", "target"):
            raise UsageError(f"side must be 'source' or 'target', not {side!r}")
        seg = self.segment(i)
        text = (seg.source if side == "source" else seg.target) or ""
        if not (0 <= start <= end <= len(text)):
            raise UsageError(f"span {start}:{end} is outside the {side} text ({len(text)} characters)")
        key = self._key(i)
        row = self.store.add_annotation(key, side, start, end, category, severity, comment,
                                        self.reviewer)
        self._reload_key(key, i)
        return row

    def remove_annotation(self, ann_id: int) -> None:
        """Remove an annotation (it is marked deleted; undo brings it back)."""
        key = self.store.remove_annotation(ann_id, self.reviewer)
        self._reload_key(key)

    def save_position(self, i: int) -> None:
        """Remember segment ``i`` as where the reviewer left off."""
        seg = self._orig[self._index(i)]
        self.store.set_session_value("resume", json.dumps({"unit": seg.id, "index": i}))

    def resume_position(self) -> int | None:
        """Where the reviewer left off (the same unit, even when the input moved it),
        None when nothing was saved."""
        raw = self.store.session_value("resume")
        if raw is None:
            return None
        try:
            saved = json.loads(raw)
            unit, index = str(saved["unit"]), int(saved["index"])
        except (ValueError, KeyError, TypeError):
            return None
        if 0 <= index < len(self._orig) and self._orig[index].id == unit:
            return index
        found = self.find_unit(unit)
        return found if found is not None else (index if 0 <= index < len(self._orig) else None)

    def undo(self, i: int) -> Change | None:
        """Revert the latest change of segment ``i`` (correction, status change,
        annotation or its removal, dismissal) by appending a reverting entry; None when
        there is nothing left to undo."""
        key = self._key(self._index(i))
        change = self.store.undo(key, stored_text(self._orig[i]), self.reviewer)
        self._reload_key(key, i)
        return change

    def undo_batch(self, note: str) -> list[int]:
        """Undo together the corrections recorded with ``note`` (one bulk replace),
        where such a correction is still its segment's latest change; the positions
        undone."""
        self._sync()
        done: list[int] = []
        for key, row in list(self._state.corrections.items()):
            if row.note != note or row.after is None:
                continue
            for i in self._positions.get(key, ())[:1]:
                live = [c for c in self.history(i) if c.kind != "undo" and not c.undone]
                if live and live[-1].kind == "correct" and live[-1].note == note:
                    self.undo(i)
                    done.append(i)
        return sorted(done)

    def add_glossary_entry(self, source: str, target: str, note: str | None = None) -> GlossaryRow:
        """Record a glossary entry found during review."""
        if not source.strip():
            raise UsageError("a glossary entry needs a source term")
        return self.store.add_glossary_entry(source, target, note, self.reviewer)

    def find_unit(self, unit: str) -> int | None:
        """The position of the first segment with unit id ``unit``."""
        if isinstance(self._orig, (PackedSegments, SegmentView)):
            found = self._orig.positions_of_id(unit)
            return found[0] if found else None
        for i, s in enumerate(self._orig):
            if s.id == unit:
                return i
        return None

    def findings(self, plan: CheckPlan) -> list[Finding]:
        """Run a :class:`~reviewer.runner.CheckPlan` over the current segments and drop
        the dismissed findings."""
        doc = self.current_document()
        out: list[Finding] = []
        for f in plan.run(doc):
            i = self._pos.get(f.index)
            if i is not None and self._content(i, f) in self._state.dismissed:
                continue
            if self._state.rules and self._by_rule(f):
                continue
            out.append(f)
        return out

    def findings_by_segment(self, plan: CheckPlan) -> dict[int, list[Finding]]:
        """:meth:`findings` grouped by segment position (segments without findings
        left out), for a review screen."""
        out: dict[int, list[Finding]] = {}
        for f in self.findings(plan):
            out.setdefault(self._pos.get(f.index, f.index), []).append(f)
        return out

    def current_document(self) -> Document:
        """A document of the current segments (for checks and reports)."""
        return Document(path=self.doc.path, format=self.doc.format,
                        source_lang=self.doc.source_lang, target_lang=self.doc.target_lang,
                        segments=self.segments, target_only=self.doc.target_only,
                        meta=dict(self.doc.meta))

    # -- export ----------------------------------------------------------------

    def export(self, out: str | os.PathLike[str], only_corrected: bool = False,
               to: str | None = None, source_lang: str | None = None,
               target_lang: str | None = None) -> int:
        """Write the corrected translation to ``out`` atomically (temp file, fsync,
        rename: a failed export leaves an existing ``out`` as it was).

        In the input's format by default, everything not corrected byte-identical:
        XLIFF targets replaced (inline codes kept) and, for corrected or accepted
        units, ``state`` advanced (1.2: ``signed-off``, 2.x: ``reviewed``; ``final``
        kept; not for 1.2 ``mrk`` sub-segments); PO ``msgstr`` replaced and ``fuzzy``
        cleared for corrected or accepted entries. ``to="tmx"`` writes the pairs as a
        TMX 1.4b memory instead; ``only_corrected`` keeps just the corrected units
        (TMX, JSONL, TSV, CSV; refused for the others). Returns the number of units
        changed (or written, for TMX and partial files).
        """
        self._sync()
        if not self.file_backed and to != "tmx":
            raise UsageError("an in-memory project has no input file: export it to TMX")

        from . import project_export  # the writers: not needed to open a review

        return project_export.export(self, Path(out), only_corrected, to, source_lang,
                                     target_lang)

    def reviewed_units(self) -> Iterator[tuple[Segment, Segment, str, CorrectionRow | None]]:
        """Every segment, in document order, as ``(the input's, the current, review
        status, its correction row or None)``, from the cached state (what an export
        writes; no store read per segment)."""
        statuses, corrections = self._state.statuses, self._state.corrections
        for i, seg in enumerate(self._orig):
            key = self._key(i)
            yield seg, self._segment(i), statuses.get(key, "unreviewed"), corrections.get(key)

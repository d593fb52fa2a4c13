"""The state behind the review screen, without Textual: the project (or any object with
its API), findings by segment, statuses, the view (filter and search as index arrays
over the same segments), the cursor and the live figures.

Every change goes to the project first (it is durable when the call returns), then the
session's copies are refreshed for that one segment, so a crash of the UI never loses a
saved correction. Heavy work (:meth:`ReviewSession.load`, :meth:`load_figures`,
:meth:`run_checks`) is meant for worker threads and reports progress through callbacks.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

if TYPE_CHECKING:
    import numpy as np
else:  # imported by the first array operation, after the first frame
    from .lazy import np

from ..model import Document, Finding, Segment
from .backend import Backend, GlossaryHit, default_export_path
from .live_stats import EditMetrics, MqmTally
from .preview import LINE_ID_FORMATS, RowLayout
from .query import (STATUSES, Filter, apply_filter, compile_search, meaning_order, parse_filter,
                    pending_codes, remember_pending_codes, stream_filter)

ProgressFn = Callable[[str, int, int], None]
BATCH_SECONDS = 0.15


def snapshot(segs: Sequence[Segment]) -> Sequence[Segment]:
    """A copy of the session's segments that later saves leave alone (packed ones:
    the base shared, the replaced ones copied)."""
    from ..packed import SegmentView

    if isinstance(segs, SegmentView):
        return SegmentView(segs.base, segs.replaced)
    return list(segs)


def _unit_names(unit: str) -> list[str]:
    """The ids ``unit`` may stand for: itself, and a PO ``context|msgid`` with each
    ``|`` read as the context separator."""
    out = [unit]
    k = unit.find("|")
    while k >= 0:
        out.append(unit[:k] + "\x04" + unit[k + 1:])
        k = unit.find("|", k + 1)
    return out


class ReviewSession(RowLayout):
    """The review state one screen shows. Positions are indexes into the project's
    segment list; rows are indexes into the current view."""

    def __init__(self, backend: Backend, plan: Any = None, glossary: Any = None,
                 references: Sequence[str] | None = None, profile: Any = None) -> None:
        self.backend = backend
        self.plan = plan
        self.glossary = glossary
        self.references = list(references) if references is not None else None
        self.metrics = EditMetrics()
        self.mqm = MqmTally(profile)
        self.segs: list[Segment] = []
        self._has_ref: tuple[Any, bool] | None = None  # (segs, a reference column?)
        self.n = 0
        # numpy arrays by position once loaded (:meth:`_adopt`); empty until then
        # (numpy is not imported before the first frame)
        self.status: Any = ()
        self.rev: Any = ()
        self.lengths: Any = ()
        self.findings: dict[int, list[Finding]] = {}
        self.n_findings: Any = ()
        self.max_sev: Any = ()
        self._finding_rows: np.ndarray | None = None
        self._pos_of_index: dict[int, int] | None = None
        self.view: np.ndarray | None = None
        self.filter: Filter | None = None
        self._filter_view: np.ndarray | None = None
        self.search: re.Pattern[str] | None = None
        self._search_view: np.ndarray | None = None
        # meaning similarity by position (None until computed; None items: nothing to
        # compare), and whether the view is ordered by it (worst first)
        self.meaning: list[float | None] | None = None
        self.meaning_sorted = False
        self._meaning_order: np.ndarray | None = None
        self._row_of: np.ndarray | None = None  # position -> row, for an unsorted view
        self.cursor = 0
        self.selected = 0
        self.form = 0  # the plural form edited in the current segment
        self._unit_pos: dict[str, int] | None = None
        self._by_id: bool | None = None
        self.loaded = False
        self.checks_done = plan is None
        self.figures_ready = False
        self._counts: np.ndarray | None = None
        self._added_glossary: Any = None
        self._doc_checks: set[str] = set()
        self.annotated: set[int] = set()
        self._pending_metrics: set[int] = set()
        self._annotations: dict[int, list[Any]] = {}
        # while checks run: positions changed (their incoming findings may be stale) and
        # those rechecked here (their incoming findings are: dropped)
        self._touched: set[int] = set()
        self._rechecked: set[int] = set()
        self._changed_while_indexing: set[int] = set()

    # -- loading (worker threads) ----------------------------------------------

    @property
    def has_reference(self) -> bool:
        """True when a reference column is shown."""
        if self.references is not None:
            return True
        segs = self.segs
        if self._has_ref is None or self._has_ref[0] is not segs:  # once per segment list
            self._has_ref = (segs, any(s.reference is not None for s in segs[:1000]))
        return self._has_ref[1]

    @property
    def target_only(self) -> bool:
        """True for a target-only document (no source at hand)."""
        return self.backend.target_only

    #: Formats whose unit ids are line numbers (interfaces.md): the screen numbers
    #: their segments by those ids, the numbers ``check`` prints.
    LINE_ID_FORMATS = LINE_ID_FORMATS

    @property
    def numbered_by_id(self) -> bool:
        """True when segments are shown by their unit id (a line number)."""
        if not self.loaded:
            return False
        if self._by_id is None:
            fmt = self.backend.format
            digits = getattr(self.segs, "digit_ids", None)  # packed: known, no pass
            self._by_id = bool(self.segs) and fmt in self.LINE_ID_FORMATS and (
                digits if digits is not None else all(s.id.isdigit() for s in self.segs))
        return self._by_id

    def position_of_label(self, text: str) -> int | None:
        """The segment a typed number or unit id names (None: none)."""
        text = text.strip()
        if self.numbered_by_id or not text.isdigit():
            return self.find_unit(text)
        k = int(text) - 1
        return k if 0 <= k < self.n else None

    def find_unit(self, unit: str) -> int | None:
        """The position of the unit ``check`` calls ``unit`` (its id; a PO context may
        be written ``context|msgid``), None when no unit has that id."""
        by_id = getattr(self.segs, "positions_of_id", None)
        if by_id is not None:  # packed segments: their id hashes, no dict of ids
            for name in _unit_names(unit):
                found = by_id(name)
                if found:
                    return int(found[0])
            return None
        if self._unit_pos is None:
            self._unit_pos = {}
            for i, s in enumerate(self.segs):
                self._unit_pos.setdefault(s.id, i)
                if s.context is not None:
                    self._unit_pos.setdefault(s.id.replace("\x04", "|"), i)
        return self._unit_pos.get(unit)

    def load(self, progress: ProgressFn | None = None) -> None:
        """Read the segments and review state (one pass), ready to paint."""
        if progress:
            progress("reading state", 0, len(self.backend))
        self._adopt(self.prepare_index(self.backend))
        self.loaded = True

    def prepare_index(self, backend: Backend, **extra: Any) -> dict[str, Any]:
        """The arrays over ``backend``'s segments the screen needs (statuses, lengths,
        annotations): safe in a worker thread; :meth:`install_index` makes them the
        session's, with ``extra`` (``glossary``, ``references``, ``plan``,
        ``profile``) as they come with the whole file."""
        segs = backend.segments
        n = len(segs)
        refs = extra["references"] if "references" in extra else self.references
        if refs is not None and len(refs) != n:
            from ..errors import UsageError

            raise UsageError(f"the reference has {len(refs)} segments, "
                             f"the document {n}")
        status, annotations = backend.bulk_state()
        packed_lengths = getattr(segs, "lengths", None)
        if packed_lengths is not None and refs is None:  # packed: measured as read
            lengths = packed_lengths()
        else:
            lengths = np.empty((n, 3), dtype=np.int32)
            lengths[:, 0] = np.fromiter((len(s.source) for s in segs), np.int32, n)
            lengths[:, 1] = np.fromiter((len(s.target or "") for s in segs), np.int32, n)
            if refs is not None:
                lengths[:, 2] = np.fromiter((len(r) for r in refs), np.int32, n)
            else:
                lengths[:, 2] = np.fromiter((len(s.reference or "") for s in segs), np.int32, n)
        pos_of_index = None
        if n and (segs[0].index != 0 or segs[-1].index != n - 1):
            pos_of_index = {s.index: i for i, s in enumerate(segs)}
        return {**extra, "backend": backend, "segs": segs, "status": status,
                "lengths": lengths, "annotations": annotations, "pos_of_index": pos_of_index,
                "pending_codes": pending_codes(segs)}

    def _adopt(self, prep: dict[str, Any]) -> None:
        segs = prep["segs"]
        n = len(segs)
        self.backend = prep["backend"]
        for name in ("glossary", "references", "plan"):
            if name in prep:
                setattr(self, name, prep[name])
        if "plan" in prep:
            self.checks_done = self.plan is None
        if "profile" in prep:
            self.mqm.profile = prep["profile"]
        self.status = prep["status"]
        self.lengths = prep["lengths"]
        if "pending_codes" in prep:  # the status line's figures, computed in the worker
            remember_pending_codes(self, prep["pending_codes"])
        rev = np.zeros(n, dtype=np.int32)
        if len(self.rev):
            rev[: min(n, len(self.rev))] = self.rev[:n] + 1  # rows drawn before: redraw
        self.rev = rev
        self.n_findings = np.zeros(n, dtype=np.int32)
        self.max_sev = np.full(n, -1, dtype=np.int8)
        self.findings = {}
        self._finding_rows = None
        self._counts = None
        self._annotations = prep["annotations"]
        self.annotated = set(self._annotations)
        self._pos_of_index = prep["pos_of_index"]
        self._unit_pos = None
        self._by_id = None
        self.segs, self.n = segs, n
        if self.plan is not None:
            from ..checks.base import DocumentCheck

            self._doc_checks = {c.id for c in self.plan.checks if isinstance(c, DocumentCheck)}
        # A million segments are millions of objects the cyclic GC would rescan at every
        # full collection (pauses of a tenth of a second mid-keypress): park them.
        gc.freeze()

    # -- the first units first (a big file read in the background) ---------------

    #: True while only the file's first units are loaded (the rest is being read).
    indexing = False
    #: A big file's first units to paint before :meth:`load` (a HeadPreview), or None.
    preview: Any = None
    #: Units read so far by the background read, and the line reached / the file's lines.
    index_progress: tuple[int, int, int] = (0, 0, 0)
    #: Why the rest of the file could not be read (None: it is being read, or was).
    index_error: str | None = None

    def install_index(self, prep: dict[str, Any]) -> Any:
        """Hand over from the first units to the whole file (main thread): the
        prepared arrays become the session's; segments changed meanwhile are read
        again from the new backend (the store has them). Returns the old backend
        (the caller closes it)."""
        old = self.backend
        changed = set(self._changed_while_indexing)
        self._adopt(prep)
        self.indexing = False
        self._changed_while_indexing.clear()
        for pos in sorted(changed):
            if pos < self.n:
                self.refresh(pos)
        self._rebuild_view()
        return old

    def index_note(self, what: str) -> str:
        """Why ``what`` waits: the file is still being read (and how far it is)."""
        if self.index_error:
            return f"{what} needs the whole file, which could not be read: {self.index_error}"
        units, line, lines = self.index_progress
        far = f"{100 * line // lines}%, " if lines else ""
        return (f"{what} needs the whole file: still reading it ({far}{max(units, self.n):,} "
                f"segments so far)")

    def load_figures(self, progress: ProgressFn | None = None,
                     cancelled: Callable[[], bool] | None = None) -> bool:
        """Compute the live figures' baselines (word counts, chrF/HTER, MQM); False
        (nothing changed) when ``cancelled()`` turns true on the way (the app is
        closing: a pass over a million packed segments must not hold up the exit)."""
        backend, segs = self.backend, self.segs
        changed = []
        words = [0]

        class _Cancelled(Exception):
            pass

        def originals() -> Iterator[str]:  # streamed: no list of a million targets
            for i, s in enumerate(segs):
                if cancelled is not None and not i % 2000 and cancelled():
                    raise _Cancelled
                t = s.target or ""
                words[0] += len(t.split())
                o = backend.original(i).target or "" if self.status[i] else t
                if t != o:
                    changed.append((i, t, o))
                yield o

        try:
            self.metrics.build(originals(), ())
        except _Cancelled:
            return False
        for i, cur, orig in changed:
            self.metrics.update(i, cur, orig)
        self.mqm.words = words[0]
        self.mqm.segments = len(segs)
        for i, anns in list(self._annotations.items()):
            self.mqm.set_segment(i, anns)
        for i in list(self._pending_metrics):
            self.metrics.update(i, self.segs[i].target or "", backend.original(i).target or "")
        self._pending_metrics.clear()
        gc.freeze()
        self.figures_ready = True
        return True

    def run_checks(self, on_batch: Callable[[dict[int, list[Finding]]], None],
                   progress: ProgressFn | None = None) -> None:
        """Run the check plan over the current segments, handing findings over in
        batches (every :data:`BATCH_SECONDS`) so the screen fills in as they come."""
        if self.plan is None:
            self.checks_done = True
            return
        from .check_process import finding_batches

        segs = snapshot(self.segs)
        n = len(segs)
        if segs:  # first-call costs (dictionaries, caches) here, not in the first save
            for _ in self.plan.run(self._document(segs[:1])):
                pass
        for batch, done in finding_batches(self.plan, self._document([]), segs,
                                           self.position_of, self.backend.is_dismissed,
                                           BATCH_SECONDS):
            on_batch(batch)
            if progress and done < n:
                progress("checking", done, n)
        gc.freeze()  # the findings are long-lived too
        if progress:
            progress("checking", n, n)

    def _document(self, segments: Any) -> Document:
        b = self.backend
        return Document(path=b.path, format=b.format, source_lang=b.source_lang,
                        target_lang=b.target_lang, segments=segments,
                        target_only=b.target_only)

    def position_of(self, f: Finding) -> int | None:
        """The position of a finding's segment."""
        if self._pos_of_index is None:
            return f.index if 0 <= f.index < self.n else None
        return self._pos_of_index.get(f.index)

    def add_findings(self, batch: dict[int, list[Finding]]) -> None:
        """Merge a batch of findings (main thread). Findings of a segment changed while
        the checks ran are dropped when it was rechecked here, and filtered for
        dismissals made meanwhile otherwise."""
        touched = self._touched if not self.checks_done else ()
        for pos, items in batch.items():
            if pos in touched:
                if pos in self._rechecked:
                    continue
                items = [f for f in items if not self.backend.is_dismissed(pos, f)]
                if not items:
                    continue
            self.set_findings(pos, self.findings.get(pos, []) + items)

    def set_findings(self, pos: int, items: list[Finding]) -> None:
        """Replace the findings of one segment."""
        if items:
            self.findings[pos] = items
            self.max_sev[pos] = max(int(f.severity) for f in items)
        else:
            self.findings.pop(pos, None)
            self.max_sev[pos] = -1
        self.n_findings[pos] = len(items)
        self.rev[pos] += 1
        self._finding_rows = None
        self._counts = None

    # -- view ------------------------------------------------------------------

    @property
    def rows(self) -> int:
        """Rows in the current view."""
        return self.n if self.view is None else len(self.view)

    def pos(self, row: int) -> int:
        """The position shown at ``row``."""
        return row if self.view is None else int(self.view[row])

    def row_of(self, pos: int) -> int | None:
        """The row showing ``pos``, or None when the view hides it."""
        if self._row_of is not None:
            if not 0 <= pos < self.n:
                return None
            r = int(self._row_of[pos])
            return r if r >= 0 else None
        if self.view is None:
            return pos if 0 <= pos < self.n else None
        r = int(np.searchsorted(self.view, pos))
        return r if r < len(self.view) and int(self.view[r]) == pos else None

    @property
    def current(self) -> int | None:
        """The position under the cursor (None when the view is empty)."""
        return self.pos(self.cursor) if self.rows else None

    def move_to(self, row: int) -> bool:
        """Put the cursor on ``row`` (clamped); True when it moved."""
        row = max(0, min(row, self.rows - 1)) if self.rows else 0
        moved = row != self.cursor
        self.cursor = row
        if moved:
            self.selected = 0
            self.form = 0
        return moved

    def finding_rows(self) -> np.ndarray:
        """Rows (of the view) whose segment has findings, sorted."""
        if self._finding_rows is None:
            has = self.n_findings > 0
            self._finding_rows = np.flatnonzero(has if self.view is None else has[self.view])
        return self._finding_rows

    def next_finding_row(self, forward: bool = True) -> int | None:
        """The next (or previous) row with findings after the cursor."""
        rows = self.finding_rows()
        if forward:
            k = int(np.searchsorted(rows, self.cursor, side="right"))
            return int(rows[k]) if k < len(rows) else None
        k = int(np.searchsorted(rows, self.cursor, side="left")) - 1
        return int(rows[k]) if k >= 0 else None

    def _rebuild_view(self) -> None:
        keep_pos = self.current
        views = [v for v in (self._filter_view, self._search_view) if v is not None]
        if not views:
            self.view = None
        elif len(views) == 1:
            self.view = views[0]
        else:
            self.view = np.intersect1d(views[0], views[1], assume_unique=True)
        self._row_of = None
        if self.meaning_sorted and self._meaning_order is not None:
            order = self._meaning_order
            if self.view is not None:
                order = order[np.isin(order, self.view, assume_unique=True)]
            self.view = order
            self._row_of = np.full(self.n, -1, dtype=np.int64)
            self._row_of[order] = np.arange(len(order), dtype=np.int64)
        self._finding_rows = None
        if keep_pos is not None:
            r = self.row_of(keep_pos)
            if r is None and self._row_of is None and self.view is not None and len(self.view):
                r = min(int(np.searchsorted(self.view, keep_pos)), len(self.view) - 1)
            self.cursor = r or 0
        else:
            self.cursor = 0
        self.selected = 0

    def prepare(self, kind: str, text: str) -> tuple[Any, np.ndarray | None]:
        """Compute a filter (``kind`` "filter") or search ("search") without changing the
        view: ``(parsed, positions)``; safe in a worker thread. Raises QueryError."""
        if kind == "filter":
            flt = parse_filter(text)
            return (None if flt.empty else flt), apply_filter(self, flt)
        if not text:
            return None, None
        pattern = compile_search(text)
        return pattern, apply_filter(self, Filter(text=pattern))

    def prepare_stream(self, kind: str, text: str
                       ) -> Iterator[tuple[Any, np.ndarray | None, int, int]]:
        """:meth:`prepare` in steps, for a big document (a worker thread): yields
        ``(parsed, positions so far, segments scanned, segments to scan)``, each
        step's positions beginning with the last step's, the last step the whole
        result (:func:`~reviewer.tui.query.stream_filter`). The query is parsed
        before the first step: a QueryError is raised by this call."""
        parsed: Any
        if kind == "filter":
            flt = parse_filter(text)
            parsed = None if flt.empty else flt
        elif not text:
            flt, parsed = Filter(), None
        else:
            pattern = compile_search(text)
            flt, parsed = Filter(text=pattern), pattern

        def steps() -> Iterator[tuple[Any, np.ndarray | None, int, int]]:
            for positions, done, total in stream_filter(self, flt):
                yield parsed, positions, done, total

        return steps()

    def install(self, kind: str, parsed: Any, positions: np.ndarray | None) -> int:
        """Make a prepared filter or search the view; returns the rows shown."""
        if kind == "filter":
            self.filter, self._filter_view = parsed, positions
        else:
            self.search, self._search_view = parsed, positions
        self._rebuild_view()
        return self.rows

    def set_filter(self, query: str) -> int:
        """Apply a filter (empty: none); returns the rows shown."""
        return self.install("filter", *self.prepare("filter", query))

    def set_search(self, pattern: str) -> int:
        """Show only the segments whose source or target matches (empty: all)."""
        return self.install("search", *self.prepare("search", pattern))

    def set_meaning(self, values: Sequence[float | None]) -> None:
        """Install the similarities computed for every position (main thread)."""
        if len(values) != self.n:
            raise ValueError(f"{len(values)} similarities for {self.n} segments")
        self.meaning = list(values)
        self._meaning_order = meaning_order(self.meaning)
        if self.meaning_sorted:
            self._rebuild_view()

    def sort_by_meaning(self, on: bool) -> int:
        """Order the view by ascending meaning similarity (worst first), or back to
        document order; needs :meth:`set_meaning` first. Returns the rows shown."""
        if on and self._meaning_order is None:
            raise ValueError("meaning similarities are not computed yet")
        self.meaning_sorted = on
        self._rebuild_view()
        return self.rows

    def clear_view(self) -> bool:
        """Drop filter and search; True when there was one."""
        had = self.filter is not None or self.search is not None
        self.filter = self.search = None
        self._filter_view = self._search_view = None
        self._rebuild_view()
        return had

    # -- the current segment ----------------------------------------------------

    def findings_of(self, pos: int) -> list[Finding]:
        """The findings of a segment (not dismissed)."""
        return self.findings.get(pos, [])

    def selected_finding(self) -> Finding | None:
        """The finding selected in the current segment."""
        pos = self.current
        items = self.findings_of(pos) if pos is not None else []
        if not items:
            return None
        self.selected = max(0, min(self.selected, len(items) - 1))
        return items[self.selected]

    def select_finding(self, step: int) -> bool:
        """Select the next/previous finding of the current segment (wraps); for a
        plural entry the edited form follows the selected finding's form."""
        pos = self.current
        items = self.findings_of(pos) if pos is not None else []
        if len(items) < 2:
            return False
        self.selected = (self.selected + step) % len(items)
        f = items[self.selected]
        if f.form is not None:
            self.form = f.form
        self.rev[pos] += 1
        return True

    # -- plural forms ---------------------------------------------------------

    def forms(self, pos: int) -> tuple[str, ...]:
        """The target texts of a segment: every plural form of a PO plural entry, else
        the one target."""
        seg = self.segs[pos]
        return seg.plural_targets or (seg.target or "",)

    def is_plural(self, pos: int) -> bool:
        """True for a PO entry with plural forms."""
        return bool(self.segs[pos].plural_targets)

    def form_text(self, pos: int, form: int | None = None) -> str:
        """The text of one plural form (default: the edited one) of a segment."""
        forms = self.forms(pos)
        k = self.form if form is None else form
        return forms[max(0, min(k, len(forms) - 1))]

    def next_form(self, step: int = 1) -> int | None:
        """Edit the next (or previous) plural form of the current segment (wraps);
        the form now edited, None when the segment has no plural forms."""
        pos = self.current
        if pos is None or not self.is_plural(pos):
            return None
        self.form = (self.form + step) % len(self.forms(pos))
        self.rev[pos] += 1
        return self.form

    def reference(self, pos: int) -> str | None:
        """The reference translation of a segment, if any."""
        if self.references is not None:
            return self.references[pos]
        return self.segs[pos].reference

    def glossary_hits(self, pos: int) -> list[GlossaryHit]:
        """Glossary entries (file glossary, the unit's own terms, entries added during
        review) whose source term occurs in the segment, and whether an approved
        target form is in the translation."""
        seg = self.segs[pos]
        base = self.glossary
        if self._added_glossary is None:
            pairs = [(e.source, e.target) for e in self.backend.glossary_entries()]
            self._added_glossary = False
            if pairs:
                from ..terms import Glossary

                self._added_glossary = Glossary.from_pairs(pairs, name="review")
        if self._added_glossary:
            base = self._added_glossary if base is None else base.stacked(self._added_glossary)
        if base is None and not seg.terms:
            return []  # no glossary at all (and the term matcher not imported for it)
        from ..terms import unit_glossary

        g = unit_glossary(base, seg)
        if g is None:
            return []
        src_lang, tgt_lang = self.backend.source_lang, self.backend.target_lang
        found = g.find_source_terms(seg.source, src_lang)
        if not found:
            return []
        ok = {m.entry for m in g.find_target_terms(seg.target or "", tgt_lang) if m.kind == "approved"}
        out: list[GlossaryHit] = []
        for m in found:
            e = m.entry
            hit = GlossaryHit(e.source, e.targets, e in ok, e.note)
            if hit not in out:
                out.append(hit)
        return out

    def glossary_lookup(self, text: str, limit: int = 8) -> list[str]:
        """Glossary entries (the file's glossary and those added during review) whose
        source or target contains ``text`` (any case), one line each."""
        from ..terms import Glossary

        needle = text.strip().casefold()
        if not needle:
            return []
        entries = list(self.glossary or ())
        pairs = [(e.source, e.target) for e in self.backend.glossary_entries()]
        if pairs:
            entries += list(Glossary.from_pairs(pairs, name="review"))
        out: list[str] = []
        for e in entries:
            if needle in e.source.casefold() or any(needle in t.casefold() for t in e.targets):
                line = f"{e.source} → {' | '.join(e.targets) or '(do not translate)'}"
                if e.forbidden:
                    line += f"   not: {' | '.join(e.forbidden)}"
                if line not in out:
                    out.append(line)
            if len(out) >= limit:
                break
        return out

    def annotations(self, pos: int) -> list[Any]:
        """MQM annotations of a segment."""
        return self.backend.annotations(pos)

    # -- changes -------------------------------------------------------------

    def refresh(self, pos: int) -> None:
        """Re-read one segment from the project after a change."""
        seg = self.backend.segment(pos)
        old = self.segs[pos]
        self.segs[pos] = seg
        if self.indexing:
            self._changed_while_indexing.add(pos)
        if not self.checks_done:
            self._touched.add(pos)
        self.status[pos] = STATUSES.index(self.backend.status(pos))
        self.rev[pos] += 1
        self._counts = None
        new_t, old_t = seg.target or "", old.target or ""
        self.lengths[pos, 1] = len(new_t)
        anns = self.backend.annotations(pos)
        self.mqm.set_segment(pos, anns)
        if anns:
            self.annotated.add(pos)
            self._annotations[pos] = list(anns)
        else:
            self.annotated.discard(pos)
            self._annotations.pop(pos, None)
        if new_t != old_t or seg.plural_targets != old.plural_targets:
            self.mqm.words += len(new_t.split()) - len(old_t.split())
            if self.metrics.ready:
                self.metrics.update(pos, new_t, self.backend.original(pos).target or "")
            else:
                self._pending_metrics.add(pos)
            self.recheck(pos, old)

    def recheck(self, pos: int, before: Segment | None = None) -> None:
        """Run the per-segment checks again on one segment; findings of document-level
        checks are kept while their flagged text is still where it was."""
        if self.plan is None:
            return
        seg = self.segs[pos]
        if not self.checks_done:
            self._rechecked.add(pos)
        fresh = [f for f in self.plan.run(self._document([seg]))
                 if not self.backend.is_dismissed(pos, f)]
        kept = []
        for f in self.findings.get(pos, []):
            if f.check in self._doc_checks and f.check not in {g.check for g in fresh}:
                text = seg.source if f.side == "source" else seg.target or ""
                if text[f.start:f.end] == f.text:
                    kept.append(f)
        self.set_findings(pos, sorted(fresh + kept, key=lambda f: (f.side != "target", f.start)))

    def save(self, pos: int, new_target: str, note: str | None = None,
             form: int | None = None) -> bool:
        """Record a correction (of plural form ``form`` for a plural entry: default
        the edited one); False when the text did not change. Compare-and-set: the text
        the screen showed must still be the current one (``reviewer apply`` may have
        recorded a correction meanwhile), else the store raises ConflictError."""
        if self.is_plural(pos):
            k = self.form if form is None else form
            shown = self.form_text(pos, k)
            if new_target == shown:
                return False
            self.backend.correct(pos, new_target, note=note, expected=shown, check=True,
                                 form=k)
        else:
            if new_target == (self.segs[pos].target or ""):
                return False
            self.backend.correct(pos, new_target, note=note, expected=self.segs[pos].target,
                                 check=True)
        self.refresh(pos)
        return True

    def apply_suggestion(self, pos: int, f: Finding) -> str:
        """Apply a target-side finding's suggestion as a correction (to the plural form
        it was found in); the new text."""
        if f.side != "target" or f.suggestion is None:
            raise ValueError("the selected finding has no suggestion for the translation")
        form = f.form if f.form is not None and self.is_plural(pos) else None
        text = self.form_text(pos, form or 0) if form is not None else self.segs[pos].target or ""
        if text[f.start:f.end] != f.text:
            raise ValueError("the translation changed since the finding: check again")
        new = text[: f.start] + f.suggestion + text[f.end:]
        self.save(pos, new, note=f"suggestion of the {f.check} check", form=form)
        return new

    def set_status(self, pos: int, status: str) -> None:
        """Accept or reject a segment."""
        if status == "accepted":
            self.backend.accept(pos)
        elif status == "rejected":
            self.backend.reject(pos)
        else:
            raise ValueError(status)
        self.refresh(pos)

    def dismiss(self, pos: int, f: Finding) -> None:
        """Dismiss a finding (remembered by content)."""
        self.backend.dismiss(pos, f)
        self.set_findings(pos, [g for g in self.findings_of(pos) if g != f])
        self.refresh(pos)

    # -- file-wide decisions ----------------------------------------------------

    def dismiss_check(self, check: str, text: str | None = None, reason: str = "") -> int:
        """Dismiss every finding of ``check`` (flagging ``text`` only, when given) in
        the file, with a reason; returns how many findings left the screen."""
        rule = self.backend.dismiss_check(check, text, reason)
        gone = 0
        for pos in list(self.findings):
            items = self.findings[pos]
            kept = [f for f in items if not rule.matches(f.check, f.text)]
            if len(kept) != len(items):
                gone += len(items) - len(kept)
                self.set_findings(pos, kept)
        self.selected = 0
        return gone

    def dismissed(self) -> list[Any]:
        """What was dismissed: the rules (by check or term) first, then single findings."""
        return [*self.backend.dismiss_rules(), *self.backend.dismissals()]

    def restore(self, item: Any) -> None:
        """Take back a dismissal rule or a single dismissal; the findings come back
        with the next check run (:meth:`forget_findings`, then the checks again)."""
        if hasattr(item, "reason"):
            self.backend.restore_rule(item.id)
        else:
            self.backend.restore_dismissal(item.id)

    def forget_findings(self) -> None:
        """Drop every finding before the checks run again."""
        self.findings = {}
        self.n_findings[:] = 0
        self.max_sev[:] = -1
        self.rev += 1
        self._finding_rows = None
        self._counts = None
        self.selected = 0
        self.checks_done = self.plan is None

    def all_findings(self, order: str = "position") -> list[tuple[int, Finding]]:
        """Every finding of the file as ``(position, finding)``, ordered by
        ``position``, ``check`` (then position), ``severity`` (worst first) or
        ``status`` (segment status, then position)."""
        items = [(pos, f) for pos in sorted(self.findings) for f in self.findings[pos]]
        if order == "check":
            items.sort(key=lambda x: (x[1].check, x[0]))
        elif order == "severity":
            items.sort(key=lambda x: (-int(x[1].severity), x[0]))
        elif order == "status":
            items.sort(key=lambda x: (int(self.status[x[0]]), x[0]))
        return items

    def check_counts(self) -> dict[str, int]:
        """Findings by check, most first."""
        counts: dict[str, int] = {}
        for items in self.findings.values():
            for f in items:
                counts[f.check] = counts.get(f.check, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def bulk_plan(self, pattern: str, replacement: str, regex: bool = False,
                  ignore_case: bool = False, only_check: str | None = None) -> list[Any]:
        """The changes a bulk replace would make (nothing recorded); ``only_check``
        limits it to segments with a finding of that check."""
        from .. import bulk

        only = None
        if only_check:
            only = {pos for pos, items in self.findings.items()
                    if any(f.check == only_check for f in items)}
        return bulk.plan(self.segs, pattern, replacement, regex, ignore_case, only)

    def bulk_apply(self, changes: Sequence[Any], note: str) -> int:
        """Record planned changes as corrections (one a segment, sharing ``note``);
        returns how many were recorded."""
        done = 0
        for c in changes:
            if self.save(c.pos, c.after, note=note, form=c.form):
                done += 1
        return done

    def bulk_undo(self, note: str) -> list[int]:
        """Undo together the corrections of one bulk replace; positions undone."""
        undone = self.backend.undo_batch(note)
        for pos in undone:
            self.refresh(pos)
        return undone

    def save_position(self) -> None:
        """Remember where the reviewer is (the store keeps it for the next session)."""
        pos = self.current
        if pos is not None:
            self.backend.save_position(pos)

    def resume_position(self) -> int | None:
        """Where the reviewer left off last time (None: start at the top)."""
        pos = self.backend.resume_position()
        return pos if pos is not None and 0 <= pos < self.n else None

    def undo(self, pos: int) -> Any:
        """Undo the segment's last change; the change undone (None: nothing to undo)."""
        change = self.backend.undo(pos)
        if change is not None:
            self.refresh(pos)
            if change.kind == "dismiss" and self.plan is not None:
                self.recheck(pos)
        return change

    def annotate(self, pos: int, side: str, start: int, end: int, category: str,
                 severity: str, comment: str = "") -> Any:
        """Add an MQM annotation."""
        row = self.backend.annotate(pos, side, start, end, category, severity, comment)
        self.refresh(pos)
        return row

    def add_glossary(self, source: str, target: str, note: str | None = None) -> Any:
        """Record a glossary entry (shown for matching segments from now on)."""
        row = self.backend.add_glossary_entry(source, target, note)
        self._added_glossary = None
        return row

    def export(self, out: str | Path | None = None) -> tuple[Path, int]:
        """Export the corrected file (default ``name.reviewed.ext``)."""
        path = Path(out) if out is not None else default_export_path(self.backend.path)  # type: ignore[attr-defined]
        n = self.backend.export(path)
        return path, n

    # -- figures --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Segments by status, reviewed (not unreviewed) and findings left: every
        finding neither fixed nor dismissed (accepting a segment as it is does not
        make its findings go away)."""
        if self._counts is None:
            self._counts = np.bincount(self.status, minlength=4) if self.n else np.zeros(4, int)
        c = self._counts
        left = int(self.n_findings.sum()) if self.n else 0
        return {"unreviewed": int(c[0]), "accepted": int(c[1]), "corrected": int(c[2]),
                "rejected": int(c[3]), "reviewed": int(self.n - c[0]), "findings_left": left}


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
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ..model import Document, Finding, Segment
from .backend import Backend, GlossaryHit, bulk_state, default_export_path
from .live_stats import EditMetrics, MqmTally
from .query import STATUSES, Filter, apply_filter, compile_search, meaning_order, parse_filter

ProgressFn = Callable[[str, int, int], None]
BATCH_SECONDS = 0.15


class ReviewSession:
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
        self.n = 0
        self.status = np.zeros(0, dtype=np.int8)
        self.rev = np.zeros(0, dtype=np.int32)
        self.lengths = np.zeros((0, 3), dtype=np.int32)
        self.findings: dict[int, list[Finding]] = {}
        self.n_findings = np.zeros(0, dtype=np.int32)
        self.max_sev = np.zeros(0, dtype=np.int8)
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

    # -- loading (worker threads) ----------------------------------------------

    @property
    def has_reference(self) -> bool:
        """True when a reference column is shown."""
        return self.references is not None or any(
            s.reference is not None for s in self.segs[:1000])

    def load(self, progress: ProgressFn | None = None) -> None:
        """Read the segments and review state (one pass), ready to paint."""
        segs = self.backend.segments
        n = len(segs)
        if self.references is not None and len(self.references) != n:
            from ..errors import UsageError

            raise UsageError(f"the reference has {len(self.references)} segments, "
                             f"the document {n}")
        if progress:
            progress("reading state", 0, n)
        self.status, annotations = bulk_state(self.backend, n)
        lengths = np.empty((n, 3), dtype=np.int32)
        lengths[:, 0] = np.fromiter((len(s.source) for s in segs), np.int32, n)
        lengths[:, 1] = np.fromiter((len(s.target or "") for s in segs), np.int32, n)
        refs = self.references
        if refs is not None:
            lengths[:, 2] = np.fromiter((len(r) for r in refs), np.int32, n)
        else:
            lengths[:, 2] = np.fromiter((len(s.reference or "") for s in segs), np.int32, n)
        self.lengths = lengths
        self.rev = np.zeros(n, dtype=np.int32)
        self.n_findings = np.zeros(n, dtype=np.int32)
        self.max_sev = np.full(n, -1, dtype=np.int8)
        self._annotations = annotations
        self.annotated = set(annotations)
        if n and (segs[0].index != 0 or segs[-1].index != n - 1):
            self._pos_of_index = {s.index: i for i, s in enumerate(segs)}
        self.segs, self.n = segs, n
        if self.plan is not None:
            from ..checks.base import DocumentCheck

            self._doc_checks = {c.id for c in self.plan.checks if isinstance(c, DocumentCheck)}
        # A million segments are millions of objects the cyclic GC would rescan at every
        # full collection (pauses of a tenth of a second mid-keypress): park them.
        gc.freeze()
        self.loaded = True

    def load_figures(self, progress: ProgressFn | None = None) -> None:
        """Compute the live figures' baselines (word counts, chrF/HTER, MQM)."""
        backend, segs = self.backend, self.segs
        changed = []
        originals: list[str] = []
        for i, s in enumerate(segs):
            o = backend.original(i).target or "" if self.status[i] else s.target or ""
            originals.append(o)
            if (s.target or "") != o:
                changed.append((i, s.target or "", o))
        self.metrics.build(originals, changed)
        self.mqm.words = sum(len((s.target or "").split()) for s in segs)
        for i, anns in list(self._annotations.items()):
            self.mqm.set_segment(i, anns)
        for i in list(self._pending_metrics):
            self.metrics.update(i, self.segs[i].target or "", backend.original(i).target or "")
        self._pending_metrics.clear()
        gc.freeze()
        self.figures_ready = True

    def run_checks(self, on_batch: Callable[[dict[int, list[Finding]]], None],
                   progress: ProgressFn | None = None) -> None:
        """Run the check plan over the current segments, handing findings over in
        batches (every :data:`BATCH_SECONDS`) so the screen fills in as they come."""
        if self.plan is None:
            self.checks_done = True
            return
        segs = list(self.segs)
        n = len(segs)
        counter = [0]
        if segs:  # first-call costs (dictionaries, caches) here, not in the first save
            for _ in self.plan.run(self._document(segs[:1])):
                pass

        def counting() -> Iterator[Segment]:
            for s in segs:
                counter[0] += 1
                yield s

        doc = self._document(counting())
        batch: dict[int, list[Finding]] = {}
        last = time.monotonic()
        for f in self.plan.run(doc):
            pos = self.position_of(f)
            if pos is None or self.backend.is_dismissed(pos, f):
                continue
            batch.setdefault(pos, []).append(f)
            now = time.monotonic()
            if now - last >= BATCH_SECONDS:
                on_batch(batch)
                batch = {}
                if progress:
                    progress("checking", counter[0], n)
                last = now
        on_batch(batch)
        gc.freeze()  # the findings are long-lived too
        if progress:
            progress("checking", n, n)

    def _document(self, segments: Any) -> Document:
        b = self.backend
        doc = getattr(b, "doc", None)
        return Document(path=getattr(b, "path", ""), format=getattr(b, "format", ""),
                        source_lang=getattr(b, "source_lang", None),
                        target_lang=getattr(b, "target_lang", None), segments=segments,
                        target_only=bool(getattr(doc, "target_only", False)))

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

    def meaning_of(self, pos: int) -> float | None:
        """The meaning similarity of a segment (None: not computed or not comparable)."""
        return None if self.meaning is None else self.meaning[pos]

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
        """Select the next/previous finding of the current segment (wraps)."""
        pos = self.current
        items = self.findings_of(pos) if pos is not None else []
        if len(items) < 2:
            return False
        self.selected = (self.selected + step) % len(items)
        self.rev[pos] += 1
        return True

    def reference(self, pos: int) -> str | None:
        """The reference translation of a segment, if any."""
        if self.references is not None:
            return self.references[pos]
        return self.segs[pos].reference

    def glossary_hits(self, pos: int) -> list[GlossaryHit]:
        """Glossary entries (file glossary, the unit's own terms, entries added during
        review) whose source term occurs in the segment, and whether an approved
        target form is in the translation."""
        from ..terms import Glossary, unit_glossary

        seg = self.segs[pos]
        base = self.glossary
        if self._added_glossary is None:
            pairs = [(e.source, e.target) for e in self.backend.glossary_entries()]
            self._added_glossary = Glossary.from_pairs(pairs, name="review") if pairs else False
        if self._added_glossary:
            base = self._added_glossary if base is None else base.stacked(self._added_glossary)
        g = unit_glossary(base, seg)
        if g is None:
            return []
        src_lang = getattr(self.backend, "source_lang", None)
        tgt_lang = getattr(self.backend, "target_lang", None)
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

    def annotations(self, pos: int) -> list[Any]:
        """MQM annotations of a segment."""
        return self.backend.annotations(pos)

    # -- changes -------------------------------------------------------------

    def refresh(self, pos: int) -> None:
        """Re-read one segment from the project after a change."""
        seg = self.backend.segment(pos)
        old = self.segs[pos]
        self.segs[pos] = seg
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
        if new_t != old_t:
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

    def save(self, pos: int, new_target: str, note: str | None = None) -> bool:
        """Record a correction; False when the text did not change."""
        if new_target == (self.segs[pos].target or ""):
            return False
        # compare-and-set: the text the screen showed must still be the current one
        # (``reviewer apply`` may have recorded a correction meanwhile): else the store
        # raises ConflictError and the screen says "Not saved"
        self.backend.correct(pos, new_target, note=note, expected=self.segs[pos].target,
                             check=True)
        self.refresh(pos)
        return True

    def apply_suggestion(self, pos: int, f: Finding) -> str:
        """Apply a target-side finding's suggestion as a correction; the new text."""
        seg = self.segs[pos]
        text = seg.target or ""
        if f.side != "target" or f.suggestion is None:
            raise ValueError("the selected finding has no suggestion for the translation")
        if text[f.start:f.end] != f.text:
            raise ValueError("the translation changed since the finding: check again")
        new = text[: f.start] + f.suggestion + text[f.end:]
        self.save(pos, new, note=f"suggestion of the {f.check} check")
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

    def undo(self, pos: int) -> Any:
        """Undo the segment's last change; the change undone (None: nothing to undo)."""
        change = self.backend.undo(pos)
        if change is not None:
            self.refresh(pos)
            if getattr(change, "kind", "") == "dismiss" and self.plan is not None:
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
        """Segments by status, reviewed (not unreviewed) and findings left (in segments
        not accepted)."""
        if self._counts is None:
            self._counts = np.bincount(self.status, minlength=4) if self.n else np.zeros(4, int)
        c = self._counts
        left = int(self.n_findings[self.status != 1].sum()) if self.n else 0
        return {"unreviewed": int(c[0]), "accepted": int(c[1]), "corrected": int(c[2]),
                "rejected": int(c[3]), "reviewed": int(self.n - c[0]), "findings_left": left}


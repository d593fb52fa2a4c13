"""The review screen's filter, search and meaning-order actions, as a mixin of
:class:`~reviewer.tui.screens.review.ReviewScreen`. Over a big document a filter or a
search runs in a worker that streams its matches to the view (the first ones as soon
as there are some, the rest appended under them, the status line saying how far the
scan is); meaning similarities are computed in a worker the first time they are
needed."""

from __future__ import annotations

from typing import Any

from textual import work

from ...errors import ReviewerError
from .. import messages as msg


#: Seconds a streamed scan waits, at most, for its first matches to be on screen.
FIRST_STEP_WAIT = 2.0


class QueryActions:
    """Filter, search and meaning actions (``self`` is the review screen)."""

    session: Any
    busy: str
    query_serial: int
    _streaming: int
    _streaming_kind: str
    step_taken: Any  # threading.Event: the screen has taken the last step handed over

    @work(thread=True, exclusive=True, group="query")
    def query_worker(self: Any, kind: str, text: str, serial: int = 0) -> None:
        """Compute a filter or search over a large document off the UI thread, the
        matches streamed to the view as the scan finds them (the first ones as soon
        as there are some, the rest every few tenths of a second); a newer query or
        Escape stops it. A step is handed over only once the screen has taken the
        last one (a slower screen gets fewer, bigger steps, never a queue of them),
        and the scan waits for the first one to be on screen: the first rows get the
        interpreter to themselves."""
        from textual.worker import get_current_worker

        from ..query import QueryError

        worker = get_current_worker()
        taken = self.step_taken
        try:
            steps = self.session.prepare_stream(kind, text)
        except QueryError as e:
            self.app.call_from_thread(self._query_failed, str(e))
            return
        first = True
        for parsed, positions, done, total in steps:
            if worker.is_cancelled or serial != self.query_serial:
                return
            if done < total and not first and not taken.is_set():
                continue  # the screen is still on the last step: the next one carries this
            taken.clear()
            self.post_message(msg.ViewReady(kind, text, parsed, positions, done, total, serial))
            if first:
                first = False
                taken.wait(FIRST_STEP_WAIT)

    def _stop_scan(self: Any, keep: str | None = None) -> None:
        """Stop a streamed filter or search still scanning; unless it is of kind
        ``keep`` (the query about to replace it; "all": the view is being cleared),
        its matches so far leave the view (a part of a result never stays as if it
        were all of it)."""
        if not self._streaming:
            return
        self.query_serial += 1  # its next steps are dropped; its worker stops
        self._streaming = 0
        self.busy = ""
        if keep not in (self._streaming_kind, "all"):
            self.session.install(self._streaming_kind, None, None)
            self.notify(f"The {self._streaming_kind} was stopped before the end of the file",
                        severity="warning", timeout=4)
            self.view_changed()
        self.refresh_status()

    def _query_failed(self: Any, message: str) -> None:
        self.busy = ""
        self.refresh_status()
        self.notify(message, severity="error")

    def on_view_ready(self: Any, m: msg.ViewReady) -> None:
        """Install a computed filter or search as the view: the first step of a
        streamed one as a new view, the next ones appended under it (the rows on
        screen and the cursor stay), the status line saying how far the scan is."""
        s = self.session
        if m.serial and m.serial != self.query_serial:
            self.step_taken.set()
            return  # a step of a query since replaced or cleared
        self.call_after_refresh(self.step_taken.set)  # on screen: the scan goes on
        first = not m.serial or m.serial != self._streaming
        self._streaming = 0 if m.final else m.serial
        self._streaming_kind = m.kind
        before = s.current
        rows = s.install(m.kind, m.parsed, m.positions)
        if first and not m.final and rows and s.view is not None and before is not None \
                and int(s.view[-1]) < before:
            s.move_to(0)  # the scan has not reached the cursor's segment: the first match
        if m.final:
            self.busy = ""
        else:
            pct = 100 * m.done // max(1, m.total)
            self.busy = f"{m.kind}ing {pct}%, {rows:,} found so far"
        if first:
            self.view_changed()
        elif s.meaning_sorted:  # the order is by meaning: the new rows are anywhere
            self.view.reset_layout()
            self.view.refresh()
            self.view.show_cursor()
            self.show_current()
        else:
            self.view.extend_layout()
            self.view.refresh()
            self.refresh_status()
        if m.final and m.text and not rows:
            self.notify("Nothing matches", severity="warning", timeout=3)

    def action_search(self: Any) -> None:
        """/  regex search over source and target."""
        s = self.session
        self._query("Search (regex; smart case)", "search", s.search.pattern if s.search else "",
                    "Shows the matching segments; Escape on the list clears.")

    def action_filter(self: Any) -> None:
        """f  filter."""
        s = self.session
        self._query("Filter", "filter", s.filter.source if s.filter else "",
                    "check:ID severity:major+ status:unreviewed,fuzzy findings text:REGEX meaning<0.5")

    @staticmethod
    def _needs_meaning(text: str) -> bool:
        from ..query import QueryError, parse_filter

        try:
            return parse_filter(text).meaning is not None
        except QueryError:
            return False  # the error is reported when the filter is applied

    # -- meaning similarity ------------------------------------------------------------

    def action_sort_meaning(self: Any) -> None:
        """M: order by meaning similarity, worst first (computed in a worker the first
        time); again: back to document order."""
        s = self.session
        if not s.loaded:
            self.notify("Still loading…", severity="warning", timeout=2)
            return
        if self.needs_index("sorting"):
            return
        if s.meaning_sorted:
            s.sort_by_meaning(False)
            self.view_changed()
            self.notify("Document order", timeout=2)
        elif s.meaning is not None:
            s.sort_by_meaning(True)
            self.view_changed()
        else:
            self.start_meaning(sort=True)

    def start_meaning(self: Any, sort: bool, filter_text: str | None = None) -> None:
        """Compute the similarities in a worker, then sort and/or filter."""
        self.busy = "meaning…"
        self.refresh_status()
        self.meaning_worker(sort, filter_text)

    @work(thread=True, exclusive=True, group="meaning")
    def meaning_worker(self: Any, sort: bool, filter_text: str | None) -> None:
        """Embed every segment's source and target (batches, with progress)."""
        from ...meaning import document_similarities, require

        segs = list(self.session.segs)
        try:
            require()
            values = document_similarities(
                segs, progress=lambda done, total: self._progress("meaning", done, total))
        except ReviewerError as e:
            self.post_message(msg.MeaningFailed(str(e)))
            return
        except Exception as e:  # a model failure must not take the review down
            self.post_message(msg.MeaningFailed(f"meaning similarity failed: {e}"))
            return
        self.post_message(msg.MeaningReady(values, sort, filter_text))

    def on_meaning_ready(self: Any, m: msg.MeaningReady) -> None:
        """Install the similarities; sort or filter as asked."""
        from ..query import QueryError

        s = self.session
        self._meaning_idle()
        try:
            s.set_meaning(m.values)
        except ValueError as e:  # the document changed under the worker
            self.notify(str(e), severity="error")
            return
        if m.sort:
            s.sort_by_meaning(True)
        if m.filter_text is not None:
            try:
                parsed = s.prepare("filter", m.filter_text)
            except QueryError as e:
                self.notify(str(e), severity="error")
            else:
                self.on_view_ready(msg.ViewReady("filter", m.filter_text, *parsed))
                return
        self.view_changed()

    def on_meaning_failed(self: Any, m: msg.MeaningFailed) -> None:
        """Say why (the install command when the extra is missing); nothing changes."""
        self._meaning_idle()
        self.notify(m.message, severity="error", timeout=10)

    def _meaning_idle(self: Any) -> None:
        if self.session.checks_done:
            self._idle()
        else:
            self.busy = "checking"
            self.refresh_status()

    def action_clear_view(self: Any) -> None:
        """Escape: drop filter and search (and stop a scan still running)."""
        self._stop_scan(keep="all")  # everything is cleared below
        if self.session.clear_view():
            self.view_changed()

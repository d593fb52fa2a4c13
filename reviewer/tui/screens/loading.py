"""The review screen's background work, as a mixin of
:class:`~reviewer.tui.screens.review.ReviewScreen`: opening and reading the document
(a big file in two phases: its first units painted at once, the whole file read and
indexed afterwards, see :func:`reviewer.tui.loader.open_staged`), the live figures'
baselines and the checks, each in a thread worker reporting progress."""

from __future__ import annotations

import time
from typing import Any

from textual import work
from textual.widgets import ProgressBar

from ...errors import ReviewerError
from .. import messages as msg

FIRST_FRAME_WAIT = 5.0  # seconds the background read waits for the first frame, at most


class _Stopped(Exception):
    """The background read was stopped (the app is closing)."""


class LoadingActions:
    """Workers and their messages (``self`` is the review screen)."""

    session: Any
    opener: Any
    busy: str
    check_path: str
    loaded_at: float | None
    indexed_at: float | None
    first_frame: Any
    preview_frame: Any

    def _progress(self: Any, phase: str, done: int, total: int) -> None:
        self.post_message(msg.Progress(phase, done, total))

    @work(thread=True, exclusive=True, group="load")
    def load_worker(self: Any) -> None:
        """Open (if needed) and read the document."""
        s = self.session
        finish = None
        try:
            if self.opener is not None:
                self._progress("opening", 0, 1)
                finish = self.opener(s)
            if finish is not None and s.preview is not None:
                # the first units on screen before the session's arrays (and numpy)
                if self.view.preview is None:
                    self.post_message(msg.Preview(s.preview))
                self.preview_frame.wait(FIRST_FRAME_WAIT)
            s.preview = None
            s.load(None if finish else self._progress)
        except ReviewerError as e:
            self.post_message(msg.LoadFailed(e))
            return
        self.post_message(msg.Loaded())
        if finish is None:
            return
        # the first frame first: the read would compete with it for the interpreter
        self.first_frame.wait(FIRST_FRAME_WAIT)
        from textual.worker import get_current_worker

        worker = get_current_worker()

        def progress(phase: str, done: int, total: int) -> None:
            if worker.is_cancelled:  # the app is closing: stop reading now
                raise _Stopped
            self._progress(phase, done, total)

        try:  # the rest of the file, while the first units are on screen
            prepared = finish(progress)
        except _Stopped:
            return
        except ReviewerError as e:
            self.post_message(msg.LoadFailed(e))
            return
        if worker.is_cancelled:
            close = getattr(prepared["backend"], "close", None)
            if close is not None:
                close()
            return
        self.post_message(msg.Indexed(prepared))

    @work(thread=True, exclusive=True, group="figures")
    def figures_worker(self: Any) -> None:
        """Baselines of the live figures (a pass over every segment; quitting stops
        it)."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        if self.session.load_figures(self._progress, cancelled=lambda: worker.is_cancelled):
            self.post_message(msg.FiguresReady())

    @work(thread=True, exclusive=True, group="checks")
    def checks_worker(self: Any) -> None:
        """Run the checks, posting findings in time batches."""
        def hand_over(batch: dict[int, list[Any]]) -> None:
            self.post_message(msg.FindingsBatch(batch))

        from textual.worker import get_current_worker

        from ..check_process import run_checks

        worker = get_current_worker()
        self.check_path = run_checks(self.session, hand_over, self._progress,
                                     cancelled=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        self.post_message(msg.ChecksDone())

    def on_progress(self: Any, m: msg.Progress) -> None:
        """Show background progress."""
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(1, m.total), progress=m.done)
        pct = f" {100 * m.done // m.total}%" if m.total else ""
        self.busy = f"{m.phase}{pct}"
        self.refresh_status()

    def on_preview(self: Any, m: msg.Preview) -> None:
        """Paint the first units (the session is loaded right after this frame)."""
        self.view.preview = m.preview
        self.view.refresh()

    def on_loaded(self: Any, _m: msg.Loaded) -> None:
        """Paint the list; the background passes start once it is on screen."""
        self.loaded_at = time.perf_counter()
        s = self.session
        path = getattr(s.backend, "path", "")
        self.app.sub_title = f"{path}  {s.n} segments"
        self.view.reset_layout()
        self.view.refresh()
        self.show_current()
        self.resume()
        if s.indexing:
            self.busy = "reading"
            self.refresh_status()
            return
        if s.plan is not None:
            self.busy = "checking"
        self.call_after_refresh(self._start_background)

    def on_indexed(self: Any, m: msg.Indexed) -> None:
        """The whole file is read: the index replaces the first units (the cursor and
        anything saved meanwhile stay), then figures and checks start."""
        s = self.session
        moved = s.cursor != 0
        old = s.install_index(m.prepared)
        if old is not s.backend:
            close = getattr(old, "close", None)
            if close is not None:
                close()
        self.indexed_at = time.perf_counter()
        self.app.sub_title = f"{getattr(s.backend, 'path', '')}  {s.n} segments"
        self.view.reset_layout()
        self.view.refresh()
        self.view.show_cursor()
        if not moved:
            self.resume()
        self.show_current()
        self.busy = "checking" if s.plan is not None else ""
        self.refresh_status()
        self.call_after_refresh(self._start_background)

    def needs_index(self: Any, what: str) -> bool:
        """True (and the reviewer is told why) while ``what`` must wait for the whole
        file to be read."""
        if not self.session.indexing:
            return False
        self.notify(self.session.index_note(what), severity="warning", timeout=3)
        return True

    def _start_background(self: Any) -> None:
        """Figures and checks, after the first frame (they would compete with it for
        the interpreter)."""
        self.figures_worker()
        if self.session.plan is not None:
            self.checks_worker()
        else:
            self._idle()

    def on_load_failed(self: Any, m: msg.LoadFailed) -> None:
        """A user error while opening: hand it to the command line and leave. When
        the first units are on screen already (the rest of the file failed), stay:
        the reviewer may be typing a correction; what needs the whole file says why
        it cannot be done, and the command exits with the error when they quit."""
        self.app.load_error = m.error  # type: ignore[attr-defined]
        s = self.session
        if s.loaded and s.indexing:
            s.index_error = str(m.error)
            self.busy = "the rest of the file could not be read"
            self.query_one(ProgressBar).display = False
            self.refresh_status()
            self.notify(f"{m.error}", severity="error", timeout=30)
            return
        self.app.exit(return_code=2)

    def on_figures_ready(self: Any, _m: msg.FiguresReady) -> None:
        """Figures can be shown."""
        self.refresh_status()

    def on_findings_batch(self: Any, m: msg.FindingsBatch) -> None:
        """Merge findings; repaint."""
        self.session.add_findings(m.batch)
        self.view.refresh()
        if self.session.current in m.batch:
            self.show_current()
        self.refresh_status()

    def on_checks_done(self: Any, _m: msg.ChecksDone) -> None:
        """Checks finished."""
        self.session.checks_done = True
        self.session._touched.clear()
        self.session._rechecked.clear()
        self._idle()
        self.show_current()

    def _idle(self: Any) -> None:
        self.busy = ""
        self.query_one(ProgressBar).display = False
        self.refresh_status()

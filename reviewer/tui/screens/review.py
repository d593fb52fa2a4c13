"""The review screen: the segment list, the editor, the detail panel and the status
line; its bindings (ids in :mod:`reviewer.tui.keymap`) act on the session and refresh
only what changed. Loading, figures and checks run in thread workers
(:mod:`.loading`).

Only what the first frame shows is imported with this module: the editor (a
``TextArea`` and its stylesheet), the dialogs, the help screen and the query parser
are imported, and the editor mounted, when first used (the editor right after the
first frame, so it is ready before a key asks for it)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar

from ...errors import ReviewerError
from .. import messages as msg
from ..codes import check_codes, editor_offset_to_text, from_editor, side_codes, to_editor
from ..keymap import REVIEW_BINDINGS
from ..session import ReviewSession
from ..widgets.detail import DetailPanel
from ..widgets.segment_view import SegmentView
from ..widgets.status_line import StatusLine
from .loading import LoadingActions
from .queries import QueryActions
from .workflow import WorkflowActions

if TYPE_CHECKING:
    from ..widgets.editor import SegmentEditor

#: Opens the input into the session; may return what reads the rest of a big file
#: (:data:`reviewer.tui.loader.Finish`), run in the load worker after the first paint.
Opener = Callable[[ReviewSession], Any]
INLINE_QUERY_LIMIT = 20_000  # larger documents filter and search in a worker


class ReviewScreen(LoadingActions, QueryActions, WorkflowActions, Screen[None]):
    """Side-by-side review of one document."""

    BINDINGS = list(REVIEW_BINDINGS)  # type: ignore[assignment]

    def __init__(self, session: ReviewSession, opener: Opener | None = None,
                 blink: bool = True) -> None:
        super().__init__()
        self.session = session
        self.opener = opener
        self.blink = blink
        self.busy = ""
        self.painted_at: float | None = None
        self.loaded_at: float | None = None
        self.indexed_at: float | None = None
        self.first_frame = threading.Event()  # the first frame of the loaded session
        self.preview_frame = threading.Event()  # the first frame of a big file's first units
        self.query_serial = 0  # the latest filter or search sent to the query worker
        self._streaming = 0  # the serial of a streamed query whose scan is running
        self._streaming_kind = ""  # and its kind (filter or search)
        self.step_taken = threading.Event()  # the last streamed step is on the view
        self.step_taken.set()
        self.check_path = ""  # how the checks ran: "process", "thread", "process+thread"

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """List, details, progress, status, footer (the editor comes after the first
        frame: :attr:`editor`)."""
        yield SegmentView(self.session, id="segments")
        yield DetailPanel(id="detail")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=True)
        yield StatusLine(id="status")
        yield Footer()

    @property
    def view(self) -> SegmentView:
        """The segment list."""
        return self.query_one(SegmentView)

    @property
    def editor(self) -> "SegmentEditor":
        """The editor (hidden until a segment is edited), mounted under the list the
        first time it is asked for."""
        try:
            return self.query_one("#editor")  # type: ignore[return-value]
        except NoMatches:
            from ..widgets.editor import SegmentEditor

            ed = SegmentEditor(blink=self.blink, id="editor")
            ed.display = False
            self.mount(ed, after=self.view)
            return ed

    @property
    def editing(self) -> bool:
        """True while the editor is open."""
        try:
            return bool(self.query_one("#editor").display)
        except NoMatches:
            return False

    def on_mount(self) -> None:
        """Start loading."""
        self.view.focus()
        self.refresh_status()
        self.load_worker()

    @on(SegmentView.Painted)
    def _painted(self, m: SegmentView.Painted) -> None:
        if m.preview:  # the first units, before the session is loaded
            if self.painted_at is None:
                self.painted_at = time.perf_counter()
            self.preview_frame.set()
            return
        if not self.first_frame.is_set() and self.session.loaded:
            if self.painted_at is None:
                self.painted_at = time.perf_counter()
            self.first_frame.set()
            self.call_after_refresh(lambda: self.editor)  # ready before a key needs it

    # -- refreshing ----------------------------------------------------------------

    def refresh_status(self) -> None:
        """Redraw the status line."""
        self.query_one(StatusLine).show(self.session, self.busy)

    def show_current(self) -> None:
        """Detail panel and status for the cursor's segment."""
        self.query_one(DetailPanel).show(self.session, self.session.current)
        self.refresh_status()

    def changed(self, pos: int) -> None:
        """Segment ``pos`` changed: one row, the details, the status."""
        self.view.refresh_row(self.session.row_of(pos))
        self.show_current()

    def moved(self, old: int | None, center: bool = False) -> None:
        """The cursor moved from row ``old``."""
        self.view.move_cursor(old, center)
        self.show_current()

    def view_changed(self) -> None:
        """Filter or search changed: new rows."""
        self.view.reset_layout()
        self.view.refresh_search()
        self.view.scroll_to(y=0, animate=False)
        self.view.show_cursor(center=True)
        self.show_current()

    def _ready(self) -> int | None:
        if not self.session.loaded:
            self.notify("Still loading…", severity="warning", timeout=2)
            return None
        pos = self.session.current
        if pos is None:
            self.notify("No segment here (clear the filter with Escape)", timeout=2)
        return pos

    def _guard(self, fn: Callable[[], Any]) -> Any:
        """Run a change; user errors become a notification."""
        try:
            return fn()
        except (ReviewerError, ValueError) as e:
            self.notify(str(e), severity="error", timeout=6)
            return None

    # -- moving --------------------------------------------------------------------

    def _go(self, row: int, center: bool = False) -> None:
        s = self.session
        if not s.loaded or not s.rows:
            return
        old = s.cursor
        if s.move_to(row) or center:
            self.moved(old, center)

    def action_cursor(self, delta: int) -> None:
        """j/k."""
        self._go(self.session.cursor + delta)

    def action_page(self, direction: int) -> None:
        """PageDown/PageUp."""
        self._go(self.session.cursor + direction * self.view.page_rows())

    def action_first(self) -> None:
        """g."""
        self._go(0)

    def action_last(self) -> None:
        """G (once the whole file is read)."""
        if self.needs_index("G (the last segment)"):
            return
        self._go(self.session.rows - 1)

    def action_next_finding(self, forward: bool) -> None:
        """n/N: the next finding of this segment, else the next segment with one."""
        s = self.session
        if not s.loaded or self.needs_index("n/N (findings)"):
            return
        pos = s.current
        items = s.findings_of(pos) if pos is not None else []
        if items and s.selected_finding() is not None:
            k = s.selected + (1 if forward else -1)
            if 0 <= k < len(items):
                s.selected = k
                if items[k].form is not None and s.is_plural(pos):
                    s.form = items[k].form
                s.rev[pos] += 1
                self.changed(pos)
                return
        row = s.next_finding_row(forward)
        if row is None:
            more = "" if self.session.checks_done else " yet (checks are running)"
            self.notify(f"No {'next' if forward else 'previous'} finding{more}", timeout=2)
            return
        self._go(row)
        if not forward:  # backwards: land on the segment's last finding
            last = s.findings_of(s.current)
            if len(last) > 1:
                s.selected = len(last) - 1
                s.rev[s.current] += 1
                self.changed(s.current)
        f = s.selected_finding()
        if f is not None and f.form is not None and s.is_plural(s.current):
            s.form = f.form
            s.rev[s.current] += 1
            self.changed(s.current)

    def action_goto(self) -> None:
        """:  go to a segment number."""
        from .prompt import PromptScreen

        def done(value: str | None) -> None:
            if not value:
                return
            pos = self.session.position_of_label(value)
            if pos is None and self.needs_index(f"segment {value}"):
                return
            if pos is None:
                self.notify(f"No segment {value!r} (a segment number, or a unit id)",
                            severity="error")
                return
            row = self.session.row_of(pos)
            if row is None:
                self.notify("That segment is hidden by the filter (Escape clears it)")
                return
            self._go(row, center=True)

        self.app.push_screen(PromptScreen("Go to segment", placeholder=f"1–{self.session.n}",
                                          hint="a segment number, or a unit id as check "
                                               "prints it"), done)

    def _query(self, title: str, kind: str, current: str, hint: str) -> None:
        from ..query import QueryError
        from .prompt import PromptScreen

        if self.needs_index("search" if kind == "search" else "a filter"):
            return

        def done(value: str | None) -> None:
            if value is None:
                return
            if kind == "filter" and self.session.meaning is None and self._needs_meaning(value):
                self.start_meaning(sort=False, filter_text=value.strip())
                return
            if self.session.n > INLINE_QUERY_LIMIT:
                self._stop_scan(keep=kind)
                self.busy = f"{kind}ing…"
                self.refresh_status()
                self.query_serial += 1
                self.query_worker(kind, value.strip(), self.query_serial)
                return
            try:
                parsed = self.session.prepare(kind, value.strip())
            except QueryError as e:
                self.notify(str(e), severity="error")
                return
            self.on_view_ready(msg.ViewReady(kind, value.strip(), *parsed))

        self.app.push_screen(PromptScreen(title, current, hint=hint), done)

    def action_select_finding(self, step: int) -> None:
        """]/[  select a finding of the segment."""
        if self.session.select_finding(step):
            self.changed(self.session.current)  # type: ignore[arg-type]

    @on(SegmentView.Clicked)
    def _clicked(self, m: SegmentView.Clicked) -> None:
        self._go(m.row)

    # -- editing -------------------------------------------------------------------

    def action_edit(self) -> None:
        """e/Enter: edit the translation."""
        pos = self._ready()
        if pos is None:
            return
        s = self.session
        seg = s.segs[pos]
        ed = self.editor
        ed.position = pos
        ed.segment = seg
        f = s.selected_finding()
        if f is not None and f.form is not None and s.is_plural(pos):
            s.form = f.form
        text = s.form_text(pos) if s.is_plural(pos) else seg.target or ""
        ed.load_text(to_editor(text, side_codes(seg, "target")))
        what = f"plural form [{s.form}]" if s.is_plural(pos) else "translation"
        ed.border_title = f"{what} · ctrl+s save · esc cancel · ctrl+r insert missing code ⟦n⟧"
        ed.display = True
        ed.focus()
        self.call_after_refresh(self.view.show_cursor)

    def close_editor(self) -> None:
        """Hide the editor; back to the list."""
        self.editor.display = False
        self.editor.position = None
        self.view.focus()
        self.call_after_refresh(self.view.show_cursor)

    def on_segment_editor_cancel(self) -> None:
        """Escape in the editor: close it, nothing saved."""
        self.close_editor()

    def on_segment_editor_save(self, m: "SegmentEditor.Save") -> None:
        """ctrl+s in the editor: save (asking first when an inline code is lost)."""
        pos = self.editor.position
        if pos is None:
            return
        problem = check_codes(m.text, self.session.segs[pos])
        if problem is None:
            self._commit(pos, m.text)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._commit(pos, m.text)
            else:
                self.notify("Not saved: " + problem.message, severity="warning")

        from .prompt import ConfirmScreen

        self.notify(f"Protected inline code: {problem.message}", severity="error", timeout=6)
        self.app.push_screen(ConfirmScreen(f"{problem.message}. Save anyway?"), answer)

    def _commit(self, pos: int, display_text: str) -> None:
        try:
            self.session.save(pos, from_editor(display_text))
        except (ReviewerError, ValueError) as e:
            self.notify(f"Not saved: {e}", severity="error", timeout=8)
            return
        self.close_editor()
        self.changed(pos)

    def on_segment_editor_annotate(self, m: "SegmentEditor.Annotate") -> None:
        """ctrl+o in the editor: MQM annotation of the selection."""
        pos = self.editor.position
        if pos is None:
            return
        target = self.session.segs[pos].target or ""
        if from_editor(m.text) != target:
            self.notify("Save the correction first (ctrl+s), then annotate", severity="warning")
            return
        a, b = editor_offset_to_text(m.text, m.start), editor_offset_to_text(m.text, m.end)
        if a == b:
            a, b = 0, len(target)
        self._pick_mqm(pos, "target", a, b)

    def action_suggestion(self) -> None:
        """s: apply the selected finding's suggestion."""
        pos = self._ready()
        f = self.session.selected_finding() if pos is not None else None
        if pos is None or f is None:
            if pos is not None:
                self.notify("No finding selected", timeout=2)
            return
        if self._guard(lambda: self.session.apply_suggestion(pos, f)) is not None:
            self.changed(pos)

    def action_next_form(self) -> None:
        """v: edit the next plural form of a PO plural entry."""
        pos = self._ready()
        if pos is None:
            return
        form = self.session.next_form()
        if form is None:
            self.notify("This entry has no plural forms", timeout=2)
            return
        self.changed(pos)

    def action_undo(self) -> None:
        """u: undo the segment's last change."""
        pos = self._ready()
        if pos is None:
            return
        change = self._guard(lambda: self.session.undo(pos))
        if change is None:
            self.notify("Nothing to undo for this segment", timeout=2)
            return
        self.notify(f"Undone: {getattr(change, 'kind', 'change')}", timeout=2)
        self.changed(pos)

    # -- deciding ------------------------------------------------------------------

    def _decide(self, status: str) -> None:
        pos = self._ready()
        if pos is None:
            return
        self._guard(lambda: self.session.set_status(pos, status))
        self.changed(pos)
        self._go(self.session.cursor + 1)

    def action_accept(self) -> None:
        """a: accept and go on."""
        self._decide("accepted")

    def action_reject(self) -> None:
        """r: reject and go on."""
        self._decide("rejected")

    def action_dismiss_finding(self) -> None:
        """x: dismiss the selected finding."""
        pos = self._ready()
        f = self.session.selected_finding() if pos is not None else None
        if pos is None or f is None:
            return
        self._guard(lambda: self.session.dismiss(pos, f))
        self.changed(pos)

    def action_mqm(self) -> None:
        """m: MQM annotation on the selected finding's span (or the whole target)."""
        pos = self._ready()
        if pos is None:
            return
        f = self.session.selected_finding()
        if f is not None:
            self._pick_mqm(pos, f.side, f.start, f.end, f.category, str(f.severity))
        else:
            self._pick_mqm(pos, "target", 0, len(self.session.segs[pos].target or ""))

    def _pick_mqm(self, pos: int, side: str, start: int, end: int, category: str | None = None,
                  severity: str = "minor") -> None:
        seg = self.session.segs[pos]
        text = (seg.source if side == "source" else seg.target or "")[start:end]
        from .mqm_picker import MqmChoice, MqmPicker

        def done(choice: MqmChoice | None) -> None:
            if choice is None:
                return
            self._guard(lambda: self.session.annotate(pos, side, start, end, choice.category,
                                                      choice.severity, choice.comment))
            self.changed(pos)

        self.app.push_screen(MqmPicker(side, text, category, severity), done)

    def action_glossary(self) -> None:
        """t: add a source/target pair to the glossary."""
        pos = self._ready()
        if pos is None:
            return
        f = self.session.selected_finding()
        src = f.text if f is not None and f.side == "source" else ""
        tgt = ""  # never pre-filled with a suggestion: the reviewer types the approved term
        from .prompt import GlossaryScreen

        def done(pair: tuple[str, str, str] | None) -> None:
            if pair is None:
                return
            if self._guard(lambda: self.session.add_glossary(pair[0], pair[1], pair[2] or None)):
                self.notify(f"Glossary: {pair[0]} → {pair[1] or '(do not translate)'}", timeout=3)
                self.show_current()

        self.app.push_screen(GlossaryScreen(src, tgt, lookup=self.session.glossary_lookup), done)

    # -- app-wide --------------------------------------------------------------------

    def action_toggle_theme(self) -> None:
        """ctrl+t: light/dark."""
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        """?: every binding."""
        from .help import HelpScreen, binding_rows

        self.app.push_screen(HelpScreen(binding_rows(self.app, self.active_bindings)))

    def action_quit(self) -> None:
        """q: quit (everything is saved already; the position is kept for next time)."""
        self.remember_position()
        self.app.exit(return_code=2 if self.session.index_error else 0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the editor is open only its keys apply (and the footer shows them)."""
        if self.is_mounted and self.editing and action not in ("help",):
            return False
        return True

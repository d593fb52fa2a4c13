"""The review screen's file-wide workflow actions, as a mixin of
:class:`~reviewer.tui.screens.review.ReviewScreen`: the findings panel, dismissing a
check or a term with a reason (and restoring), bulk replace with undo, export to a
path asked for, and resuming where the reviewer left off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..backend import default_export_path


class WorkflowActions:
    """Actions mixed into the review screen (``self`` is the screen)."""

    session: Any
    last_bulk: str | None = None
    findings_order = "position"

    # -- findings panel and dismissals ------------------------------------------------

    def action_findings(self: Any) -> None:
        """F: every finding of the file; Enter jumps to one."""
        if not self.session.loaded or self.needs_index("the findings panel"):
            return

        def done(result: tuple[str, Any] | None) -> None:
            if result is None:
                return
            kind, value = result
            if kind == "jump":
                self.jump_to_finding(*value)
            else:
                self.ask_dismiss(*value)

        from .findings import FindingsScreen

        screen = FindingsScreen(self.session, self.findings_order)
        self.app.push_screen(screen, done)

    def jump_to_finding(self: Any, pos: int, finding: Any) -> None:
        """Put the cursor on ``pos`` with ``finding`` selected (the view is cleared
        when it hides the segment)."""
        s = self.session
        if s.row_of(pos) is None and s.clear_view():
            self.view_changed()
        row = s.row_of(pos)
        if row is None:
            return
        self._go(row, center=True)
        items = s.findings_of(pos)
        if finding in items:
            s.selected = items.index(finding)
            if finding.form is not None and s.is_plural(pos):
                s.form = finding.form
            self.changed(pos)

    def action_dismiss_check(self: Any) -> None:
        """X: dismiss every finding of the selected finding's check, with a reason."""
        if self.needs_index("dismissing a check"):
            return
        pos = self._ready()
        f = self.session.selected_finding() if pos is not None else None
        if f is None:
            if pos is not None:
                self.notify("No finding selected", timeout=2)
            return
        self.ask_dismiss(f.check, None)

    def ask_dismiss(self: Any, check: str, text: str | None) -> None:
        """Ask the reason, then dismiss the check (on ``text`` only, when given)."""
        what = f"every “{check}” finding" if text is None else f"“{check}” findings on “{text}”"

        def done(reason: str | None) -> None:
            if reason is None:
                return
            gone = self._guard(lambda: self.session.dismiss_check(check, text, reason))
            if gone is None:
                return
            self.view.refresh()
            self.show_current()
            self.notify(f"Dismissed {gone} findings ({what}); z lists what is dismissed",
                        timeout=5)

        from .prompt import PromptScreen

        self.app.push_screen(PromptScreen(f"Dismiss {what} in the file — reason",
                                          placeholder="e.g. brand names stay in English",
                                          hint="Enter dismisses, Escape cancels. "
                                               "z lists dismissals and restores them."), done)

    def action_dismissed(self: Any) -> None:
        """z: list what is dismissed; Enter restores one."""
        if not self.session.loaded:
            return
        items = self._guard(self.session.dismissed)
        if items is None:
            return

        def done(item: Any) -> None:
            if item is None:
                return
            try:
                self.session.restore(item)
            except Exception as e:  # the store said no (already restored elsewhere)
                self.notify(str(e), severity="error", timeout=6)
                return
            self.rerun_checks()
            self.notify("Restored: its findings are reported again", timeout=4)

        from .findings import DismissedScreen

        self.app.push_screen(DismissedScreen(items), done)

    def rerun_checks(self: Any) -> None:
        """Forget the findings and run the checks again (after a restore)."""
        s = self.session
        if s.plan is None:
            return
        s.forget_findings()
        self.view.refresh()
        self.busy = "checking"
        self.checks_worker()

    # -- bulk replace ----------------------------------------------------------------

    def action_replace(self: Any) -> None:
        """R: replace across the file, with a preview and one confirmation."""
        if not self.session.loaded or self.needs_index("replace"):
            return
        f = self.session.selected_finding()
        start = f.text if f is not None and f.side == "target" else ""

        def done(result: tuple[str, str, list[Any]] | None) -> None:
            if not result:
                return
            pattern, repl, changes = result
            from ...store import now_iso

            note = f"replace {now_iso()}: {pattern!r} → {repl!r}"
            n = self._guard(lambda: self.session.bulk_apply(changes, note))
            if n is None:
                return
            self.last_bulk = note
            self.view.refresh()
            self.show_current()
            self.notify(f"Replaced in {n} segments (u undoes one, U all of them)", timeout=6)

        from .replace import ReplaceScreen

        self.app.push_screen(ReplaceScreen(self.session, start), done)

    def action_undo_bulk(self: Any) -> None:
        """U: undo the last bulk replace (every segment it changed that has not
        changed since)."""
        if self.needs_index("undoing a bulk replace"):
            return
        if not self.last_bulk:
            self.notify("No bulk replace to undo in this session", timeout=3)
            return
        undone = self._guard(lambda: self.session.bulk_undo(self.last_bulk))
        if undone is None:
            return
        self.last_bulk = None
        self.view.refresh()
        self.show_current()
        self.notify(f"Undone in {len(undone)} segments", timeout=4)

    # -- export and resume -----------------------------------------------------------

    def action_export(self: Any) -> None:
        """ctrl+e: ask for the path (default FILE.reviewed.ext), confirm an overwrite,
        export."""
        if not self.session.loaded or self.needs_index("export"):
            return
        from .prompt import ConfirmScreen, PromptScreen

        default = str(default_export_path(getattr(self.session.backend, "path", "out")))

        def write(path: Path) -> None:
            result = self._guard(lambda: self.session.export(path))
            if result is not None:
                out, n = result
                self.notify(f"Exported to {out} ({n} units changed)", timeout=8)

        def asked(value: str | None) -> None:
            if value is None or not value.strip():
                return
            path = Path(value.strip()).expanduser()
            if path.exists():
                self.app.push_screen(ConfirmScreen(f"{path} exists. Overwrite it?"),
                                     lambda yes: write(path) if yes else None)
            else:
                write(path)

        self.app.push_screen(PromptScreen("Export the corrected file to", default,
                                          hint="Enter exports, Escape cancels."), asked)

    def resume(self: Any) -> None:
        """Go where the reviewer left off last time."""
        pos = self.session.resume_position()
        if pos:
            row = self.session.row_of(pos)
            if row is not None:
                self._go(row, center=True)
                self.notify(f"Resumed at segment {self.session.label(pos)}", timeout=3)

    def remember_position(self: Any) -> None:
        """Save where the reviewer is, for the next session."""
        if self.session.loaded:
            try:
                self.session.save_position()
            except Exception:  # never block quitting on it
                pass

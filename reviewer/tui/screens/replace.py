"""Bulk replace in the review screen: pattern, replacement, options; a preview of
every change (word diff); one confirmation records them all as corrections."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList

from ...errors import ReviewerError
from ...worddiff import inline
from ..widgets.detail import unit_label
from .prompt import follow_blink


class ReplaceScreen(ModalScreen[tuple[str, str, list[Any]] | None]):
    """Returns ``(pattern, replacement, changes)`` once confirmed, None on Escape."""

    DEFAULT_CSS = """
    ReplaceScreen { align: center middle; }
    ReplaceScreen > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    ReplaceScreen Horizontal { height: auto; }
    ReplaceScreen Input { width: 1fr; }
    ReplaceScreen OptionList { height: 1fr; }
    ReplaceScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="replace.cancel"),
        Binding("ctrl+s", "confirm", "Replace all shown", id="replace.confirm"),
    ]

    def __init__(self, session: Any, pattern: str = "") -> None:
        super().__init__()
        self.session = session
        self.pattern = pattern
        self.changes: list[Any] = []

    def compose(self) -> ComposeResult:
        """Fields, options, preview."""
        with Vertical():
            yield Label("Replace in every translation of the file")
            with Horizontal():
                yield Input(self.pattern, placeholder="find", id="rp-pattern")
                yield Input("", placeholder="replace with", id="rp-replacement")
            with Horizontal():
                yield Checkbox("regex", id="rp-regex")
                yield Checkbox("ignore case", id="rp-case")
                yield Input("", placeholder="only in segments with findings of check…",
                            id="rp-check")
            yield Label("", id="rp-summary")
            yield OptionList(id="rp-preview")
            yield Label("Enter preview  ·  ctrl+s replace all shown (each one a correction; "
                        "u undoes one, U the whole replace)  ·  Esc cancel", classes="hint")

    def on_mount(self) -> None:
        """Focus the pattern."""
        follow_blink(self)
        self.query_one("#rp-pattern", Input).focus()

    def preview(self) -> None:
        """Plan the changes and list them."""
        pattern = self.query_one("#rp-pattern", Input).value
        repl = self.query_one("#rp-replacement", Input).value
        check = self.query_one("#rp-check", Input).value.strip() or None
        summary = self.query_one("#rp-summary", Label)
        ol = self.query_one("#rp-preview", OptionList)
        ol.clear_options()
        self.changes = []
        if not pattern:
            summary.update("Type what to find.")
            return
        try:
            self.changes = self.session.bulk_plan(
                pattern, repl, self.query_one("#rp-regex", Checkbox).value,
                self.query_one("#rp-case", Checkbox).value, check)
        except ReviewerError as e:
            summary.update(f"[b red]{e}[/]")
            return
        total = sum(c.count for c in self.changes)
        summary.update(f"{total} replacements in {len(self.changes)} segments — "
                       "ctrl+s to record them all")
        for c in self.changes:
            seg = self.session.segs[c.pos]
            form = "" if c.form is None else f" [{c.form}]"
            ol.add_option(f"{self.session.label(c.pos):>5} [{unit_label(seg)[:20]}{form}] "
                          f"{inline(c.before, c.after)}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: preview (and move to the next field)."""
        event.stop()
        self.preview()
        if event.input.id == "rp-pattern":
            self.query_one("#rp-replacement", Input).focus()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        """Options changed: preview again."""
        self.preview()

    def action_confirm(self) -> None:
        """ctrl+s: record every change shown (after a fresh preview)."""
        self.preview()
        if not self.changes:
            self.notify("Nothing to replace", severity="warning", timeout=3)
            return
        self.dismiss((self.query_one("#rp-pattern", Input).value,
                      self.query_one("#rp-replacement", Input).value, self.changes))

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)

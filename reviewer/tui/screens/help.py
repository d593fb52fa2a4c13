"""The help screen: every binding of the screen it was opened from, generated from the
active bindings (so keys remapped in ``reviewer.toml`` show as they are)."""

from __future__ import annotations

from typing import Any, Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keymap import EDITOR_HELP


def binding_rows(app: Any, active: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(keys, description, id)`` for each binding of a screen, keys merged."""
    grouped: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    for key, ab in active.items():
        b: Binding = ab.binding
        if not b.description and not b.id:
            continue
        k = (b.id or b.action, b.description or b.action)
        shown = app.get_key_display(b.with_key(key))
        if shown not in grouped.setdefault(k, []):
            grouped[k].append(shown)
        ids[k] = b.id or ""
    return [(" ".join(keys), desc, ids[k]) for k, keys in grouped.items()
            for desc in [k[1]]]


class HelpScreen(ModalScreen[None]):
    """A table of keys and what they do."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close", id="help.close")]

    def __init__(self, rows: Iterable[tuple[str, str, str]], editor_rows: Iterable[tuple[str, str, str]] = ()) -> None:
        super().__init__()
        self.rows = list(rows)
        self.editor_rows = list(editor_rows) or list(EDITOR_HELP)

    def compose(self) -> ComposeResult:
        """A table in a scrolling box."""
        table = Table(title="Keys", expand=True, show_edge=False, pad_edge=False)
        table.add_column("Key", style="bold cyan", no_wrap=True)
        table.add_column("Action")
        table.add_column("Binding id", style="dim")
        for keys, desc, bid in self.rows:
            table.add_row(keys, desc, bid)
        table.add_section()
        for keys, desc, bid in self.editor_rows:
            table.add_row(keys, desc, bid)
        with VerticalScroll():
            yield Static(table)
            yield Static("[dim]Remap keys in reviewer.toml: [keys] \"nav.down\" = \"j,down\".\nFilter syntax: check:ID severity:major+ status:unreviewed,fuzzy "
                         "findings text:REGEX · Escape clears filter and search[/]")

    def action_dismiss_help(self) -> None:
        """Close."""
        self.dismiss(None)

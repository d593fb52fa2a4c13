"""Small modal prompts: one line of input, a yes/no question, a glossary pair."""

from __future__ import annotations

from typing import Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


def follow_blink(screen: ModalScreen[Any]) -> None:
    """Inputs blink their cursor only when the app does (snapshots turn it off)."""
    blink = bool(getattr(screen.app, "blink", True))
    for field in screen.query(Input):
        field.cursor_blink = blink


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line (go to, search, filter). Enter answers, Escape cancels."""

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    PromptScreen Label.hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.hint = hint

    def compose(self) -> ComposeResult:
        """Title, input, hint."""
        with Vertical():
            yield Label(self.title_text)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            if self.hint:
                yield Label(self.hint, classes="hint")

    def on_mount(self) -> None:
        """Cursor blink as the app's."""
        follow_blink(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: ``y`` or Enter confirms, ``n`` or Escape refuses."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 70; height: auto; border: thick $error; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question."""
        with Vertical():
            yield Label(self.question)
            yield Label("[b]y[/] yes   [b]n[/] no")

    def action_answer(self, yes: bool) -> None:
        """Answer."""
        self.dismiss(yes)


class GlossaryScreen(ModalScreen[tuple[str, str, str] | None]):
    """Add a glossary pair: source term, target term, note. Enter in the last field (or
    ctrl+s) saves, Escape cancels."""

    DEFAULT_CSS = """
    GlossaryScreen { align: center middle; }
    GlossaryScreen > Vertical {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    GlossaryScreen Label.hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="glossary.cancel"),
        Binding("ctrl+s", "save", "Save", id="glossary.save"),
    ]

    def __init__(self, source: str = "", target: str = "",
                 lookup: Callable[[str], list[str]] | None = None) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.lookup = lookup

    def compose(self) -> ComposeResult:
        """Three inputs."""
        with Vertical():
            yield Label("Glossary: look a term up, or add an entry")
            yield Input(self.source, placeholder="source term", id="gl-source")
            yield Input(self.target, placeholder="target term (empty: do not translate)", id="gl-target")
            yield Input("", placeholder="note (optional)", id="gl-note")
            yield Label("", id="gl-matches", classes="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing a term looks it up in the glossary (existing entries shown below)."""
        if self.lookup is None or event.input.id not in ("gl-source", "gl-target"):
            return
        found = self.lookup(event.value)
        text = ("In the glossary:\n" + "\n".join(found)) if found else (
            "Not in the glossary yet." if event.value.strip() else "")
        self.query_one("#gl-matches", Label).update(text)

    def on_mount(self) -> None:
        """Cursor blink as the app's."""
        follow_blink(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on; in the note field it saves."""
        event.stop()
        if event.input.id == "gl-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        """Save the pair (a source term is needed)."""
        src = self.query_one("#gl-source", Input).value.strip()
        if not src:
            self.notify("A glossary entry needs a source term", severity="warning")
            return
        self.dismiss((src, self.query_one("#gl-target", Input).value.strip(),
                      self.query_one("#gl-note", Input).value.strip()))

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)

"""The MQM picker: category (MQM 2.0 typology), severity and comment for a span."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet
from textual.widgets.option_list import Option

from ...mqm import CHECK_CATEGORY_TO_MQM, MQM_2_0
from .prompt import follow_blink

SEVERITIES = ("minor", "major", "critical", "neutral")


def categories() -> list[str]:
    """``Dimension/Subcategory`` names of MQM 2.0, each dimension first."""
    out: list[str] = []
    for top, subs in MQM_2_0.items():
        out.append(top)
        out.extend(f"{top}/{s}" for s in subs)
    return out


class SeverityRow(RadioSet):
    """A radio set whose arrow keys select (press) the button they move to, as a
    severity row should: the highlighted severity is the one saved."""

    def action_next_button(self) -> None:
        """Right/down: select the next severity."""
        super().action_next_button()
        self.action_toggle_button()

    def action_previous_button(self) -> None:
        """Left/up: select the previous severity."""
        super().action_previous_button()
        self.action_toggle_button()


@dataclass(frozen=True, slots=True)
class MqmChoice:
    """What the picker returns."""

    category: str
    severity: str
    comment: str


class MqmPicker(ModalScreen[MqmChoice | None]):
    """Pick a category (list), a severity (1-4 or the radio buttons) and a comment;
    Enter in the comment or ctrl+s saves, Escape cancels."""

    DEFAULT_CSS = """
    MqmPicker { align: center middle; }
    MqmPicker > Vertical {
        width: 90; height: auto; max-height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    MqmPicker OptionList { height: 14; }
    MqmPicker SeverityRow { layout: horizontal; height: auto; width: auto; }
    MqmPicker .span { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="mqm.cancel"),
        Binding("ctrl+s", "save", "Save", id="mqm.save"),
        Binding("1", "severity(0)", "Minor", show=False, id="mqm.minor"),
        Binding("2", "severity(1)", "Major", show=False, id="mqm.major"),
        Binding("3", "severity(2)", "Critical", show=False, id="mqm.critical"),
        Binding("4", "severity(3)", "Neutral", show=False, id="mqm.neutral"),
    ]

    def __init__(self, side: str, text: str, check_category: str | None = None,
                 severity: str = "minor") -> None:
        super().__init__()
        self.side = side
        self.span_text = text
        self.initial_category = CHECK_CATEGORY_TO_MQM.get(check_category or "", "Accuracy")
        self.initial_severity = severity if severity in SEVERITIES else "minor"

    def compose(self) -> ComposeResult:
        """Span, categories, severities, comment."""
        cats = categories()
        with Vertical():
            yield Label(f"MQM error on the {self.side}: “{self.span_text[:70]}”", classes="span")
            yield OptionList(*[Option(c, id=str(i)) for i, c in enumerate(cats)], id="mqm-category")
            with SeverityRow(id="mqm-severity"):
                for k, s in enumerate(SEVERITIES, 1):
                    yield RadioButton(f"{k} {s}", value=s == self.initial_severity)
            yield Input(placeholder="comment (optional) — Enter saves", id="mqm-comment")

    def on_mount(self) -> None:
        """Preselect the category matching the finding."""
        follow_blink(self)
        ol = self.query_one(OptionList)
        cats = categories()
        ol.highlighted = cats.index(self.initial_category) if self.initial_category in cats else 0
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a category moves to the comment."""
        event.stop()
        self.query_one("#mqm-comment", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the comment saves."""
        event.stop()
        self.action_save()

    def action_severity(self, k: int) -> None:
        """Pick a severity by number (outside the comment field)."""
        buttons = list(self.query(RadioButton))
        buttons[k].value = True

    @property
    def choice(self) -> MqmChoice:
        """The current choice."""
        cats = categories()
        ol = self.query_one(OptionList)
        cat = cats[ol.highlighted if ol.highlighted is not None else 0]
        rs = self.query_one(RadioSet)
        idx = rs.pressed_index if rs.pressed_index >= 0 else 0
        return MqmChoice(cat, SEVERITIES[idx], self.query_one("#mqm-comment", Input).value.strip())

    def action_save(self) -> None:
        """Save."""
        self.dismiss(self.choice)

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)

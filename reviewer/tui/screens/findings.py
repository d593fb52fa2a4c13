"""File-wide views of the findings: the findings panel (every finding, grouped and
sorted, per-check counts and segments by status, Enter jumps, dismiss a check or a
term with a reason) and
the list of dismissed findings (Enter restores one)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..query import SEGMENT_STATUSES, segment_status, status_counts
from ..widgets.detail import SEVERITY_STYLE, unit_label

ORDERS = ("position", "check", "severity", "status")


class FindingsScreen(ModalScreen[tuple[str, Any] | None]):
    """Every finding of the file. Returns ``("jump", (pos, finding))`` or
    ``("dismiss", (check, text or None))``, None on Escape."""

    DEFAULT_CSS = """
    FindingsScreen { align: center middle; }
    FindingsScreen > Vertical {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    FindingsScreen OptionList { height: 1fr; }
    FindingsScreen .counts { color: $text; }
    FindingsScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="findings.close"),
        Binding("o", "order", "Group/sort by", id="findings.order"),
        Binding("d", "dismiss_check", "Dismiss all of this check", id="findings.dismiss_check"),
        Binding("D", "dismiss_term", "Dismiss this check on this text", id="findings.dismiss_term"),
    ]

    def __init__(self, session: Any, order: str = "position") -> None:
        super().__init__()
        self.session = session
        self.order = order if order in ORDERS else "position"
        self.items: list[tuple[int, Any]] = []
        self.statuses: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        """Counts, the list, the keys."""
        with Vertical():
            yield Label(id="findings-counts", classes="counts")
            yield OptionList(id="findings-list")
            yield Label("Enter go to  ·  o group/sort by position, check, severity, status  ·  "
                        "d dismiss every finding of this check  ·  D dismiss this check on "
                        "this text  ·  Esc close", classes="hint")

    def on_mount(self) -> None:
        """Fill the list."""
        self.fill()
        self.query_one(OptionList).focus()

    def fill(self) -> None:
        """(Re)build the list in the current order."""
        s = self.session
        counts = s.check_counts()
        total = sum(counts.values())
        by = "  ".join(f"{c} {n}" for c, n in counts.items()) or "none"
        self.statuses = status_counts(s)
        states = "  ".join(f"{k} {n}" for k, n in self.statuses.items())
        self.query_one("#findings-counts", Label).update(
            f"{total} findings, by {self.order}  ·  by check: {by}\n"
            f"segments by status: {states}")
        self.items = s.all_findings(self.order)
        if self.order == "status":  # the segment's status as counted above, then position
            rank = {k: i for i, k in enumerate(SEGMENT_STATUSES)}
            self.items.sort(key=lambda x: (rank[segment_status(s, x[0])], x[0]))
        ol = self.query_one(OptionList)
        ol.clear_options()
        options = []
        last_group = None
        for k, (pos, f) in enumerate(self.items):
            group = self._group(pos, f)
            if group is not None and group != last_group:
                options.append(Option(Text(group, style="bold underline"), disabled=True))
                last_group = group
            options.append(Option(self._line(pos, f), id=str(k)))
        ol.add_options(options)
        if self.items:
            first = next(i for i, o in enumerate(options) if not o.disabled)
            ol.highlighted = first

    def _group(self, pos: int, f: Any) -> str | None:
        s = self.session
        if self.order == "check":
            return f"{f.check} ({s.check_counts().get(f.check, 0)})"
        if self.order == "severity":
            return str(f.severity)
        if self.order == "status":
            st = segment_status(s, pos)
            n = self.statuses.get(st, 0)
            return f"{st} ({n} segment{'' if n == 1 else 's'})"
        return None

    def _line(self, pos: int, f: Any) -> Text:
        seg = self.session.segs[pos]
        t = Text()
        t.append(f"{self.session.label(pos):>5} ", style="dim")
        t.append(f"{f.severity!s:8} ", style=SEVERITY_STYLE.get(int(f.severity), ""))
        t.append(f"{f.check:14} ", style="bold")
        form = "" if f.form is None else f" [{f.form}]"
        t.append(f"[{unit_label(seg)[:24]}{form}] ", style="dim")
        t.append(f"“{f.text[:30]}” " if f.text else "")
        t.append(f.message)
        return t

    def _highlighted(self) -> tuple[int, Any] | None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None:
            return None
        opt = ol.get_option_at_index(ol.highlighted)
        return self.items[int(opt.id)] if opt.id is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: go to the finding."""
        event.stop()
        if event.option.id is not None:
            self.dismiss(("jump", self.items[int(event.option.id)]))

    def action_order(self) -> None:
        """o: the next grouping."""
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.fill()

    def action_dismiss_check(self) -> None:
        """d: every finding of the highlighted finding's check."""
        item = self._highlighted()
        if item is not None:
            self.dismiss(("dismiss", (item[1].check, None)))

    def action_dismiss_term(self) -> None:
        """D: the highlighted finding's check on its flagged text only."""
        item = self._highlighted()
        if item is not None:
            self.dismiss(("dismiss", (item[1].check, item[1].text)))

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)


def describe_dismissed(item: Any) -> str:
    """One line for a dismissal rule or a single dismissed finding."""
    if hasattr(item, "reason"):
        what = f"every {item.check} finding" if item.text is None else \
            f"{item.check} findings on “{item.text}”"
        why = f" — {item.reason}" if item.reason else ""
        return f"{what}{why}  ({item.reviewer or '?'}, {item.time[:16]})"
    return (f"{item.check} on “{item.text}” in “{item.target[:40]}”  "
            f"({item.reviewer or '?'}, {item.time[:16]})")


class DismissedScreen(ModalScreen[Any]):
    """What was dismissed (rules, then single findings); Enter restores one."""

    DEFAULT_CSS = """
    DismissedScreen { align: center middle; }
    DismissedScreen > Vertical {
        width: 95%; height: 80%; border: thick $primary; background: $surface; padding: 0 1;
    }
    DismissedScreen OptionList { height: 1fr; }
    DismissedScreen .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "Close", id="dismissed.close")]

    def __init__(self, items: list[Any]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        """The list."""
        with Vertical():
            yield Label(f"Dismissed ({len(self.items)})" if self.items else
                        "Nothing is dismissed.")
            yield OptionList(*[Option(describe_dismissed(x), id=str(k))
                               for k, x in enumerate(self.items)], id="dismissed-list")
            yield Label("Enter restore (its findings are reported again)  ·  Esc close",
                        classes="hint")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: restore this one."""
        event.stop()
        self.dismiss(self.items[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        """Escape."""
        self.dismiss(None)

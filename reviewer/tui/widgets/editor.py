"""The in-place editor of a translation: a TextArea in which inline codes are chips
(``⟦1 <b>⟧``) mapped back on save (see :mod:`reviewer.tui.codes`)."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from ...model import code_char
from ..codes import missing_codes, side_codes, to_editor


class SegmentEditor(TextArea):
    """Edits the current segment's target. Posts :class:`Save`, :class:`Cancel` and
    :class:`Annotate` (the selection, to annotate with MQM)."""

    DEFAULT_CSS = """
    SegmentEditor {
        height: 7;
        border: tall $accent;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
        Binding("ctrl+o", "annotate", "MQM on selection", id="editor.annotate"),
        Binding("ctrl+r", "restore_code", "Insert missing inline code", id="editor.code"),
    ]

    class Save(Message):
        """Save the text (display form, with chips)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cancel(Message):
        """Leave without saving."""

    class Annotate(Message):
        """Annotate the selected span (display offsets)."""

        def __init__(self, text: str, start: int, end: int) -> None:
            super().__init__()
            self.text = text
            self.start = start
            self.end = end

    def __init__(self, blink: bool = True, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self.cursor_blink = blink
        self.position: int | None = None
        self.segment: Any = None  # the segment edited (for its inline codes)

    def action_restore_code(self) -> None:
        """ctrl+r: insert, at the cursor, the first inline code of the source that the
        text lacks (as its ``⟦n⟧`` chip)."""
        seg = self.segment
        missing = missing_codes(self.text, seg) if seg is not None else []
        if not missing:
            self.app.notify("No inline code is missing", timeout=2)
            return
        self.insert(to_editor(code_char(missing[0]), side_codes(seg, "target")))

    def action_save(self) -> None:
        """ctrl+s."""
        self.post_message(self.Save(self.text))

    def action_cancel(self) -> None:
        """Escape."""
        self.post_message(self.Cancel())

    def selection_offsets(self) -> tuple[int, int]:
        """The selection as offsets in :attr:`text` (start <= end)."""
        sel = self.selection
        doc: Any = self.document
        a = doc.get_index_from_location(sel.start)
        b = doc.get_index_from_location(sel.end)
        return (a, b) if a <= b else (b, a)

    def action_annotate(self) -> None:
        """ctrl+o: annotate the selection."""
        a, b = self.selection_offsets()
        self.post_message(self.Annotate(self.text, a, b))

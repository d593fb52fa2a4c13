"""The status line: position, counts (reviewed, corrected, and the segments the file
marks new, untranslated or fuzzy not reviewed yet), findings left, live MQM, chrF and
HTER, the view's filter and the progress of background work."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ..query import pending_counts


def status_text(session: Any, busy: str = "") -> Text:
    """The line for the session's current state."""
    t = Text()
    if not session.loaded:
        preview = getattr(session, "preview", None)
        if preview is not None:  # a big file's first units, its rest being read
            t.append(f" 1/{preview.n}+", style="bold")
            t.append("  reading", style="dim italic")
            return t
        t.append(busy or "Loading…", style="bold")
        return t
    rows = session.rows
    more = "+" if getattr(session, "indexing", False) else ""  # the file is still being read
    t.append(f" {session.cursor + 1 if rows else 0}/{rows}{more}", style="bold")
    if session.view is not None:
        t.append(f" of {session.n}", style="dim")
    c = session.counts()
    t.append(f"  reviewed {c['reviewed']}  corrected {c['corrected']}")
    for status, n in pending_counts(session).items():  # what the file says needs work
        t.append(f"  {status} {n}", style="italic")
    t.append(f"  findings left {c['findings_left']}")
    if session.figures_ready:
        m = session.mqm
        t.append(f"  MQM {m.score():.1f}", style="bold")
        t.append(f" ({m.errors} err)", style="dim")
        t.append(f"  chrF {session.metrics.chrf_score():.1f}  HTER {session.metrics.hter():.1f}")
    if session.filter is not None:
        t.append(f"  filter: {session.filter.source}", style="italic")
    if getattr(session, "meaning_sorted", False):
        t.append("  sorted: meaning ↑", style="italic")
    if session.search is not None:
        t.append(f"  /{session.search.pattern}/", style="italic")
    if busy:
        t.append(f"  {busy}", style="dim italic")
    return t


class StatusLine(Static):
    """One line of figures above the footer."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $primary 30%;
        color: $text;
    }
    """

    def show(self, session: Any, busy: str = "") -> None:
        """Redraw for the session."""
        self.update(status_text(session, busy))

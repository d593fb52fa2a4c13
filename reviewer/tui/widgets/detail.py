"""The panel under the list: the current segment's findings (message, score,
suggestion; the selected one marked), the glossary entries that apply, and the MQM
annotations made so far."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


SEVERITY_STYLE = {0: "dim", 1: "yellow", 2: "bold dark_orange", 3: "bold red"}


def unit_label(seg: Any) -> str:
    """A unit id as reviewers read it: a PO context is not shown as a raw U+0004
    (the id ``check`` prints is msgctxt + U+0004 + msgid)."""
    uid = str(seg.id)
    if getattr(seg, "context", None) is not None and "\x04" in uid:
        return uid.split("\x04", 1)[1]
    return uid.replace("\x04", " ∣ ")


def _changes(session: Any, pos: int) -> list[str]:
    """Word-level diffs of the segment's corrections against the file's text (each
    plural form on its own)."""
    if int(session.status[pos]) != 2:  # only corrected segments
        return []
    try:
        orig = session.backend.original(pos)
    except Exception:  # a backend without the file's text: nothing to compare
        return []
    seg = session.segs[pos]
    before = orig.plural_targets or (orig.target or "",)
    after = seg.plural_targets or (seg.target or "",)
    plural = len(after) > 1
    from ...worddiff import inline  # a correction to show: not the first frame's

    return [(f"[{k}] " if plural else "") + inline(a, b)
            for k, (a, b) in enumerate(zip(before, after)) if a != b]


def describe(session: Any, pos: int | None) -> Text:
    """The panel's text for segment ``pos``."""
    out = Text()
    if pos is None:
        return Text("No segment matches the filter.", style="dim")
    seg = session.segs[pos]
    items = session.findings_of(pos)
    sel = session.selected_finding()
    label = session.label(pos) if hasattr(session, "label") else str(pos + 1)
    out.append(f"Segment {label}", style="bold")
    if unit_label(seg) != label:
        out.append(f"  unit {unit_label(seg)}", style="dim")
    if seg.context is not None:
        out.append(f"  context “{seg.context}”", style="bold")
    if seg.plural_targets:
        out.append(f"  plural form [{session.form}] of {len(seg.plural_targets)} "
                   "(v: next form)", style="bold")
    if getattr(session, "meaning", None) is not None:
        sim = session.meaning[pos]
        out.append("  meaning " + ("–" if sim is None else f"{sim:.2f}"),
                   style="bold" if sim is not None and sim < 0.5 else "dim")
    if seg.notes:
        out.append("  note: " + " / ".join(seg.notes)[:120], style="italic dim")
    out.append("\n")
    if items:
        out.append(f"Findings ({len(items)})", style="bold underline")
        out.append("   ]/[ select · s apply suggestion · x dismiss · m annotate\n", style="dim")
        for f in items:
            mark = "▶ " if f is sel else "  "
            out.append(mark, style="bold")
            out.append(f"{f.severity!s:8}", style=SEVERITY_STYLE.get(int(f.severity), ""))
            out.append(f" {f.check:14}", style="bold")
            where = f.side if f.form is None else f"{f.side} [{f.form}]"
            out.append(f" {where}: ", style="dim")
            out.append(f.message)
            if f.score is not None:
                out.append(f"  (score {f.score:.0f})", style="dim")
            if f.suggestion is not None:
                out.append("  → ", style="dim")
                out.append(f.suggestion or "(delete)", style="bold green")
            out.append("\n")
    elif not session.checks_done:
        out.append("Checks are running…\n", style="dim italic")
    else:
        out.append("No findings.\n", style="dim")
    try:
        hits = session.glossary_hits(pos)
    except Exception:  # a glossary problem must not hide the rest
        hits = []
    if hits:
        out.append("Glossary  ", style="bold underline")
        for h in hits:
            targets = " | ".join(h.targets) if h.targets else "(do not translate)"
            out.append(f"{h.source} → {targets} ")
            out.append("✓  " if h.found else "✗  ", style="green" if h.found else "red")
        out.append("\n")
    changes = _changes(session, pos)
    if changes:
        out.append("Changed  ", style="bold underline")
        out.append("   ".join(changes))
        out.append("\n")
    anns = session.annotations(pos) if pos in session.annotated else []
    if anns:
        out.append("MQM  ", style="bold underline")
        for a in anns:
            text = (seg.source if a.side == "source" else seg.target or "")[a.start:a.end]
            out.append(f"{a.category} · {a.severity} · {a.side} “{text}”")
            if a.comment:
                out.append(f" — {a.comment}", style="italic")
            out.append("   ")
        out.append("\n")
    return out


class DetailPanel(VerticalScroll):
    """Findings, glossary and annotations of the current segment."""

    DEFAULT_CSS = """
    DetailPanel {
        height: 9;
        border-top: solid $primary 50%;
        background: $panel;
        padding: 0 1;
    }
    DetailPanel > Static { width: 1fr; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        """One Static holding the text."""
        yield Static(id="detail-text")

    def show(self, session: Any, pos: int | None) -> None:
        """Show segment ``pos``."""
        self.query_one("#detail-text", Static).update(describe(session, pos))
        self.scroll_home(animate=False)

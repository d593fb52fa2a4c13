"""Rendering one segment row into strips: gutter (number, status, severity), then
source | target | reference, each wrapped to its column, highlighted spans coloured by
severity, inline codes as chips, search matches marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from rich.console import Console
from rich.segment import Segment as RichSegment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ...model import CODE_RE, InlineCode, code_chip, code_index
from ..codes import side_codes

STATUS_GLYPHS = ("·", "✓", "✎", "✗")
SEVERITY_NAMES = ("neutral", "minor", "major", "critical")
SEPARATOR = " │ "


@dataclass(slots=True)
class RowStyles:
    """Rich styles of the row parts (from the widget's component classes)."""

    base: Style
    cursor: Style
    number: Style
    status: tuple[Style, Style, Style, Style]
    severity: tuple[Style, Style, Style, Style]
    selected: Style
    search: Style
    chip: Style
    rule: Style
    annotation: Style
    empty: Style


@dataclass(slots=True)
class Mark:
    """A styled span of a side's text (character offsets of that text)."""

    start: int
    end: int
    style: Style
    rank: int = 0


def styled(text: str, codes: Sequence[InlineCode], marks: Iterable[Mark], chip: Style,
           search: re.Pattern[str] | None = None, search_style: Style | None = None) -> Text:
    """A Rich Text of ``text`` with inline codes as chips and the marks applied."""
    out = Text()
    offsets = [0] * (len(text) + 1)
    last = 0
    shift = 0
    for m in CODE_RE.finditer(text):
        s = m.start()
        for k in range(last, s + 1):
            offsets[k] = k + shift
        out.append(text[last:s])
        # the notation of the editor and of the findings' messages: ⟦2 <g2>⟧
        label = code_chip(code_index(m.group()) or 0, codes)
        out.append(label, chip)
        shift += len(label) - 1
        last = s + 1
    for k in range(last, len(text) + 1):
        offsets[k] = k + shift
    out.append(text[last:])
    for mk in sorted(marks, key=lambda m: m.rank):
        a = offsets[max(0, min(mk.start, len(text)))]
        b = offsets[max(0, min(mk.end, len(text)))]
        if b > a:
            out.stylize(mk.style, a, b)
    if search is not None and search_style is not None:
        for m in search.finditer(text):
            if m.end() > m.start():
                out.stylize(search_style, offsets[m.start()], offsets[m.end()])
    return out


def wrap(console: Console, text: Text, width: int, pad: Style) -> list[Strip]:
    """Wrap ``text`` to ``width`` cells: one strip a line, padded."""
    if width <= 0:
        return [Strip.blank(0)]
    lines = text.wrap(console, width, overflow="fold", tab_size=4)
    strips = []
    for line in lines:
        line.rstrip_end(width)
        segs = list(line.render(console))
        strips.append(Strip(segs).adjust_cell_length(width, pad))
    return strips or [Strip.blank(width, pad)]


def column_widths(width: int, gutter: int, columns: int) -> list[int]:
    """Widths of the text columns once the gutter and separators are taken."""
    room = max(columns * 4, width - gutter - len(SEPARATOR) * (columns - 1))
    base = room // columns
    widths = [base] * columns
    widths[-1] += room - base * columns
    return widths


def gutter_width(n_segments: int) -> int:
    """Cells of the gutter: marker, number, status, severity dot."""
    return 1 + max(3, len(str(n_segments))) + 4


def render_row(session: Any, pos: int, width: int, current: bool, st: RowStyles,
               console: Console) -> list[Strip]:
    """The strips of one segment row (text lines, then a rule)."""
    seg = session.segs[pos]
    numw = max(3, session.label_width)
    gw = gutter_width(10 ** (numw - 1))
    ref = session.reference(pos) if session.has_reference else None
    shown = session.columns()  # 0 source, 1 target, 2 reference
    ncols = len(shown)
    widths = column_widths(width, gw, ncols)
    findings = session.findings_of(pos)
    selected = session.selected_finding() if current else None
    # marks by (side, plural form): form 0 is the singular (or the only) text
    marks: dict[tuple[str, int], list[Mark]] = {}
    for f in findings:
        style = st.severity[int(f.severity)]
        rank = int(f.severity)
        if f is selected:
            style, rank = style + st.selected, 10
        form = f.form or 0
        if f.side == "source" and form > 1:
            form = 1  # msgid_plural serves every form from 1 on
        marks.setdefault((f.side, form), []).append(Mark(f.start, f.end, style, rank))
    for a in session.annotations(pos) if pos in session.annotated else ():
        marks.setdefault((a.side, 0), []).append(Mark(a.start, a.end, st.annotation, 5))
    search = session.search
    src_codes, tgt_codes = side_codes(seg, "source"), side_codes(seg, "target")
    source = [styled(seg.source, src_codes, marks.get(("source", 0), ()), st.chip, search,
                     st.search)]
    if seg.context is not None:
        source.insert(0, Text(f"context: {seg.context}", st.empty))
    if seg.plural_targets:
        # A PO plural entry: msgid and msgid_plural, then every msgstr[n], each labelled.
        source[-1] = Text("[0] ", st.number) + source[-1]
        source.append(Text("[1+] ", st.number) + styled(
            seg.plural_source or "", src_codes, marks.get(("source", 1), ()), st.chip,
            search, st.search))
        editing = session.form if current else -1
        target = []
        for k, text in enumerate(seg.plural_targets):
            label = Text(f"{'▸' if k == editing else ' '}[{k}] ", st.number)
            body = (styled(text, tgt_codes, marks.get(("target", k), ()), st.chip, search,
                           st.search) if text else Text("∅ empty", st.empty))
            target.append(label + body)
    elif seg.target is None:
        target = [Text("∅ no translation", st.empty)]
    else:
        target = [styled(seg.target, tgt_codes, marks.get(("target", 0), ()), st.chip,
                         search, st.search)]
    texts: list[list[Text]] = [source, target]
    if 2 in shown:
        texts.append([styled(ref or "", (), (), st.chip, search, st.search) if ref is not None
                      else Text("∅", st.empty)])
    if 0 not in shown:  # target-only: one full-width column
        texts = texts[1:]
    pad = st.base
    cols = [[strip for t in parts for strip in wrap(console, t, w, pad)]
            for parts, w in zip(texts, widths)]
    height = max(len(c) for c in cols)
    status = int(session.status[pos])
    sev = int(session.max_sev[pos])
    head = [
        RichSegment("▌" if current else " ", st.cursor if current else pad),
        RichSegment(session.label(pos).rjust(numw), st.number),
        RichSegment(" "),
        RichSegment(STATUS_GLYPHS[status], st.status[status]),
        RichSegment("●" if sev >= 0 else " ", st.severity[sev] if sev >= 0 else pad),
        RichSegment("  "),
    ]
    gutter = Strip(head).adjust_cell_length(gw, pad)
    blank_gutter = Strip.blank(gw, pad)
    sep = Strip([RichSegment(SEPARATOR, st.rule)])
    strips: list[Strip] = []
    for k in range(height):
        parts = [gutter if k == 0 else blank_gutter]
        for c, (col, w) in enumerate(zip(cols, widths)):
            if c:
                parts.append(sep)
            parts.append(col[k] if k < len(col) else Strip.blank(w, pad))
        strips.append(Strip.join(parts).adjust_cell_length(width, pad))
    strips.append(Strip([RichSegment("─" * width, st.rule)]))
    if current:
        strips = [s.apply_style(st.cursor) for s in strips[:-1]] + [strips[-1]]
    return strips

"""Small inline SVG charts for the HTML report: no library, no network.

Each function returns one ``<svg>`` element as text, sized by ``viewBox`` so it scales
with the page, with a ``<title>`` per bar for a tooltip and every label escaped.
Colours are given as attributes, so a chart also reads when copied out of the page.
"""

from __future__ import annotations

import html
from typing import Sequence

SEVERITY_COLOURS = {"critical": "#8b1a1a", "major": "#d9480f", "minor": "#e8a317", "neutral": "#8a94a6"}
BAR = "#3b6fb6"
TEXT = "#1f2430"
GRID = "#d8dde6"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _label(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _empty(title: str, message: str, width: int = 420) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} 60" role="img" aria-label="{_e(title)}" '
            f'><text x="8" y="34" fill="{TEXT}" '
            f'font-size="13">{_e(message)}</text></svg>')


def _chart_head(width: int, height: int, title: str, left: int, base: int,
                top: object) -> list[str]:
    """A bar chart's frame: the ``<svg>`` tag, the base line, the top and 0 labels."""
    return [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{_e(title)}">',
            f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="{GRID}"/>',
            f'<text x="{left - 4}" y="14" text-anchor="end" font-size="11" fill="{TEXT}">{top}</text>',
            f'<text x="{left - 4}" y="{base}" text-anchor="end" font-size="11" fill="{TEXT}">0</text>']


def stacked_bars(title: str, rows: Sequence[tuple[str, dict[str, int]]],
                 order: Sequence[str] = ("critical", "major", "minor", "neutral"),
                 width: int = 420, limit: int = 12) -> str:
    """Horizontal bars, one a row, stacked by severity (``rows``: label -> counts)."""
    rows = [r for r in rows if sum(r[1].values())][:limit]
    if not rows:
        return _empty(title, "No findings.")
    label_w, bar_h, gap, pad = 130, 18, 6, 44
    height = len(rows) * (bar_h + gap) + 8
    top = max(sum(c.values()) for _, c in rows)
    scale = (width - label_w - pad) / top
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_e(title)}">']
    for i, (label, counts) in enumerate(rows):
        y = 4 + i * (bar_h + gap)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" '
                     f'font-size="12" fill="{TEXT}">{_e(_label(label, 20))}</text>')
        x = float(label_w)
        for sev in order:
            n = counts.get(sev, 0)
            if not n:
                continue
            w = n * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" '
                         f'fill="{SEVERITY_COLOURS.get(sev, BAR)}"><title>{_e(label)}: {n} {_e(sev)}'
                         f'</title></rect>')
            x += w
        total = sum(counts.values())
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}" font-size="12" '
                     f'fill="{TEXT}">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: Sequence[float], lo: float = 0.0, hi: float = 100.0,
              bins: int = 10, width: int = 420, axis: str = "score") -> str:
    """Vertical bars counting ``values`` in ``bins`` equal bins over ``[lo, hi]``."""
    if not values:
        return _empty(title, "No segments.")
    counts = [0] * bins
    span = (hi - lo) or 1.0
    for v in values:
        k = int((min(max(v, lo), hi) - lo) / span * bins)
        counts[min(k, bins - 1)] += 1
    height, base, left = 170, 140, 34
    plot_w = width - left - 8
    bw = plot_w / bins
    top = max(counts) or 1
    parts = _chart_head(width, height, title, left, base, top)
    for k, n in enumerate(counts):
        a = lo + span * k / bins
        b = lo + span * (k + 1) / bins
        h = (base - 10) * n / top
        x = left + k * bw
        parts.append(f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
                     f'fill="{BAR}"><title>{axis} {a:.0f}–{b:.0f}: {n} segment(s)</title></rect>')
        if k % 2 == 0 or bins <= 10:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{base + 14}" text-anchor="middle" '
                         f'font-size="10" fill="{TEXT}">{a:.0f}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle" '
                 f'font-size="11" fill="{TEXT}">{_e(axis)}</text></svg>')
    return "".join(parts)


def binned(title: str, edges: Sequence[float], counts: Sequence[int], width: int = 420,
           axis: str = "value", unit: str = "segment(s)") -> str:
    """Vertical bars of an already binned histogram: ``counts[k]`` between
    ``edges[k]`` and ``edges[k + 1]`` (edge labels with up to 2 decimals)."""
    if not counts or not sum(counts):
        return _empty(title, "Nothing to show.")
    height, base, left = 170, 140, 34
    plot_w = width - left - 8
    bins = len(counts)
    bw = plot_w / bins
    top = max(counts)
    parts = _chart_head(width, height, title, left, base, top)
    for k, n in enumerate(counts):
        a, b = edges[k], edges[k + 1]
        h = (base - 10) * n / top
        x = left + k * bw
        parts.append(f'<rect x="{x + 1:.1f}" y="{base - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
                     f'fill="{BAR}"><title>{_e(axis)} {a:g}–{b:g}: {n} {_e(unit)}</title></rect>')
        parts.append(f'<text x="{x:.1f}" y="{base + 14}" text-anchor="middle" '
                     f'font-size="10" fill="{TEXT}">{a:g}</text>')
    parts.append(f'<text x="{left + plot_w:.1f}" y="{base + 14}" text-anchor="middle" '
                 f'font-size="10" fill="{TEXT}">{edges[-1]:g}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle" '
                 f'font-size="11" fill="{TEXT}">{_e(axis)}</text></svg>')
    return "".join(parts)


def ranked_bars(title: str, rows: Sequence[tuple[str, float, float | None]], hi: float = 100.0,
                width: int = 420, unit: str = "", limit: int = 10) -> str:
    """Horizontal bars of a 0-``hi`` value, in the order given, with an optional ±
    interval drawn as a whisker (systems with confidence intervals, worst documents)."""
    rows = list(rows)[:limit]
    if not rows:
        return _empty(title, "Nothing to rank.")
    label_w, bar_h, gap, pad = 150, 18, 6, 60
    height = len(rows) * (bar_h + gap) + 8
    scale = (width - label_w - pad) / (hi or 1.0)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{_e(title)}">']
    for i, (label, value, ci) in enumerate(rows):
        y = 4 + i * (bar_h + gap)
        v = min(max(value, 0.0), hi)
        w = v * scale
        tip = f"{label}: {value:.2f}{unit}" + (f" ± {ci:.2f}" if ci is not None else "")
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end" font-size="12" '
                     f'fill="{TEXT}">{_e(_label(label, 24))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" '
                     f'fill="{BAR}"><title>{_e(tip)}</title></rect>')
        end = label_w + w
        if ci is not None and ci > 0:
            a = label_w + max(v - ci, 0) * scale
            b = label_w + min(v + ci, hi) * scale
            mid = y + bar_h / 2
            parts.append(f'<path d="M{a:.1f} {mid:.1f}H{b:.1f}M{a:.1f} {y + 4}V{y + bar_h - 4}'
                         f'M{b:.1f} {y + 4}V{y + bar_h - 4}" stroke="{TEXT}" stroke-width="1.5"/>')
            end = max(end, b)
        parts.append(f'<text x="{end + 4:.1f}" y="{y + bar_h - 5}" font-size="12" '
                     f'fill="{TEXT}">{value:.1f}{_e(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)

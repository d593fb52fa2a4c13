"""Findings output: ``text`` (for people, colour on a terminal), ``jsonl``, ``json``,
``csv``. Writers take a stream of findings and write as they come where the format
allows (``json`` needs the run's statistics, so it writes at the end)."""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Callable, Iterable

from . import safetext
from .model import Finding, Severity
from .runner import RunStats

FORMATS = ("text", "jsonl", "json", "csv")

FIELDS = (
    "file", "unit", "index", "line", "check", "category", "severity", "side",
    "start", "end", "text", "message", "suggestion", "score",
)

_COLOURS = {
    Severity.NEUTRAL: "\x1b[2m",
    Severity.MINOR: "\x1b[36m",
    Severity.MAJOR: "\x1b[33m",
    Severity.CRITICAL: "\x1b[1;31m",
}
_RESET = "\x1b[0m"
_HILITE = "\x1b[7m"


def _visible(text: str) -> str:
    """Make invisible characters visible in a one-line excerpt."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\n":
            out.append("⏎")
        elif ch == "\t":
            out.append("⇥")
        elif ch in "\u00a0\u202f":
            out.append("⍽")
        elif 0xE000 <= o <= 0xF8FF:
            out.append("⟦⟧")
        else:
            out.append(ch)
    return safetext.terminal_safe("".join(out))


def excerpt(side_text: str, start: int, end: int, colour: bool, width: int = 50) -> str:
    """The flagged span in context: up to ``width`` characters each side, the span
    marked (reverse video on a terminal, ``[[...]]`` otherwise)."""
    a = max(0, start - width)
    b = min(len(side_text), end + width)
    before = ("…" if a > 0 else "") + _visible(side_text[a:start])
    span = _visible(side_text[start:end])
    after = _visible(side_text[end:b]) + ("…" if b < len(side_text) else "")
    if colour:
        mark = f"{_HILITE}{span or ' '}{_RESET}"
    else:
        mark = f"[[{span}]]"
    return before + mark + after


def write_text(
    findings: Iterable[Finding],
    out: IO[str],
    colour: bool = False,
    side_texts: Callable[[Finding], str | None] | None = None,
) -> None:
    """Readable lines: ``file:line: severity check [unit]: message`` then the span in
    context and the suggestion, if any."""
    for f in findings:
        sev = str(f.severity)
        if colour:
            sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        loc = f"{f.file}:{f.line}" if f.line is not None else f.file
        unit = f.unit if len(f.unit) <= 40 else f.unit[:39] + "…"
        form = f" form {f.form}" if f.form is not None else ""
        out.write(f"{_visible(loc)}: {sev} {f.check} [{_visible(unit)}{form}]: {_visible(f.message)}\n")
        text = side_texts(f) if side_texts else None
        if text is not None:
            out.write(f"    {f.side}: {excerpt(text, f.start, f.end, colour)}\n")
        elif f.text:
            out.write(f"    {f.side}: {_visible(f.text)}\n")
        if f.suggestion is not None:
            extra = f" (similarity {f.score:.0f})" if f.score is not None else ""
            out.write(f"    suggestion: {_visible(f.suggestion)!s}{extra}\n")


def write_jsonl(findings: Iterable[Finding], out: IO[str]) -> None:
    """One JSON object a line, one line a finding."""
    for f in findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False))
        out.write("\n")


def write_json(findings: Iterable[Finding], out: IO[str], stats: RunStats,
               extra: dict[str, Any] | None = None) -> None:
    """One object: ``findings`` and ``stats`` (plus ``extra`` keys)."""
    items = [f.to_dict() for f in findings]
    doc: dict[str, Any] = {"findings": items, "stats": stats.to_dict()}
    if extra:
        doc.update(extra)
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


# One helper for every CSV the tool writes (see reviewer.safetext).
csv_cell = safetext.csv_cell


def write_csv(findings: Iterable[Finding], out: IO[str]) -> None:
    """A header row then one row a finding, spreadsheet-safe."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(FIELDS)
    for f in findings:
        d = f.to_dict()
        w.writerow([csv_cell(d[k]) for k in FIELDS])

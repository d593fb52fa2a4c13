"""Helpers shared by the report writers: severities and levels, visible text, spans.

Segment texts carry inline codes as private-use characters (see :mod:`reviewer.model`);
writers show them as the code's display label. Highlighting cuts a side's text into
pieces at every finding boundary, so overlapping findings stay readable.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Sequence
from urllib.parse import quote

from ..model import CODE_BASE, CODE_MAX, Finding, Severity, chip

SEVERITY_ORDER = ("critical", "major", "minor", "neutral")

# SARIF result levels (also the JUnit/markdown wording): critical/major fail a build.
SARIF_LEVEL = {"critical": "error", "major": "error", "minor": "warning", "neutral": "note"}

# XML 1.0 forbids most C0 controls; PO context separators (U+0004) must not leak.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text that XML 1.0 accepts: forbidden control characters shown as ``\\uXXXX``
    (the PO context separator U+0004 as `` | ``)."""
    return _XML_BAD.sub(lambda m: " | " if m.group() == "\x04" else f"\\u{ord(m.group()):04x}", text)


def unit_label(unit: str) -> str:
    """A unit id for display: a PO ``msgctxt\\u0004msgid`` as ``msgctxt | msgid``,
    other control characters made visible, long ids shortened."""
    text = xml_safe(unit).replace("\n", "⏎").replace("\t", "⇥")
    return text if len(text) <= 80 else text[:79] + "…"


def display_text(text: str, codes: Sequence[str] = ()) -> str:
    """Plain text for people: each inline code as the chip the messages and the review
    screen write (``⟦2 <g2>⟧``, ``⟦2⟧`` when unlabelled; ``codes`` are the labels)."""
    out = []
    for ch in text:
        o = ord(ch)
        if CODE_BASE <= o <= CODE_MAX:
            i = o - CODE_BASE
            out.append(chip(i, codes[i] if i < len(codes) else ""))
        else:
            out.append(ch)
    return "".join(out)


def visible_blank(text: str) -> str:
    """Whitespace-only text (a suggested space) made visible: spaces as ``␣``."""
    return text.replace(" ", "␣").replace("\u00a0", "⍽").replace("\t", "⇥") if text and not text.strip() else text


def is_code(ch: str) -> bool:
    """True for an inline-code placeholder character."""
    return CODE_BASE <= ord(ch) <= CODE_MAX


def at_or_above(findings: Iterable[Finding], threshold: Severity | None) -> list[Finding]:
    """The findings at or above ``threshold`` (none when there is no threshold)."""
    if threshold is None:
        return []
    return [f for f in findings if f.severity >= threshold]


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most serious severity among ``findings``."""
    sevs = [f.severity for f in findings]
    return max(sevs) if sevs else None


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a side's text and the findings covering all of it."""

    start: int
    end: int
    findings: tuple[Finding, ...]


def pieces(text: str, findings: Sequence[Finding]) -> list[Piece]:
    """Cut ``text`` at every boundary of the findings' spans (empty spans ignored)."""
    spans = [f for f in findings if 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(f.start for f in spans), *(f.end for f in spans)})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        out.append(Piece(a, b, tuple(f for f in spans if f.start <= a and b <= f.end)))
    return out


def relative_uri(path: str, base: str | None = None) -> str:
    """A URI reference for ``path``: the POSIX path relative to ``base`` (the working
    directory by default), percent-encoded, when the file is under it, else a
    ``file://`` URI; relative paths are what code-scanning maps onto a repository."""
    p = Path(path)
    try:
        rel = Path(os.path.relpath(p.resolve(), Path(base or os.getcwd()).resolve()))
    except ValueError:  # another drive on Windows
        return p.resolve().as_uri()
    if rel.parts and rel.parts[0] == "..":
        return p.resolve().as_uri()
    return quote(rel.as_posix(), safe="/")


PRETTY_LIMIT = 5000  # findings; larger JSON/SARIF reports are written compact (C encoder)


def dump_json(obj: object, out: IO[str], findings: int) -> None:
    """Write ``obj`` as JSON: indented for a small report, compact (several times
    faster: Python's C encoder only runs without indentation) for a large one."""
    import json

    json.dump(obj, out, ensure_ascii=False, indent=2 if findings <= PRETTY_LIMIT else None)
    out.write("\n")


def fmt_num(x: float | None, digits: int = 2) -> str:
    """A number for a report cell; an en dash when absent."""
    if x is None:
        return "–"
    return f"{x:,.{digits}f}"


def fmt_rate(x: float | None) -> str:
    """A 0-1 rate as a percentage; an en dash when absent."""
    return "–" if x is None else f"{x:.1%}"

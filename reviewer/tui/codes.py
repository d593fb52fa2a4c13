"""Inline codes in the editor: private-use characters shown as visible chips.

A segment's text holds each inline code as one private-use character
(``chr(0xE000 + i)``, see :mod:`reviewer.model`). The editor cannot show those, so it
edits a *display* text in which code ``i`` is the label ``⟦i+1 <b>⟧`` (number, then the
code's short display label). :func:`from_editor` maps the labels back and
:func:`check_codes` says what went wrong when a protected code was deleted, doubled or
altered. No Textual here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..model import CODE_BASE, CODE_RE, InlineCode, Segment, code_char, code_chip, code_index
from ..model import code_label as model_code_label

OPEN, CLOSE = "⟦", "⟧"
LABEL_RE = re.compile(r"⟦(\d+)(?: [^⟦⟧\n]*)?⟧")


def side_codes(seg: Segment, side: str) -> tuple[InlineCode, ...]:
    """The codes a side's placeholder characters refer to (a target without codes of its
    own uses the source's: a correction may copy them in)."""
    if side == "source":
        return seg.source_codes
    return seg.target_codes or seg.source_codes


def code_label(i: int, codes: Sequence[InlineCode]) -> str:
    """The short text shown for code ``i`` (its display label, else its number)."""
    if 0 <= i < len(codes):
        c = codes[i]
        return model_code_label(c) or str(i + 1)
    return str(i + 1)


def to_editor(text: str, codes: Sequence[InlineCode]) -> str:
    """Replace each code character by its ``⟦n label⟧`` chip."""

    return CODE_RE.sub(lambda m: code_chip(code_index(m.group()) or 0, codes), text)


def from_editor(text: str) -> str:
    """Map ``⟦n …⟧`` chips back to code characters (other text unchanged)."""
    return LABEL_RE.sub(lambda m: code_char(int(m.group(1)) - 1) if int(m.group(1)) > 0 else m.group(), text)


@dataclass(frozen=True, slots=True)
class CodeProblem:
    """Why an edited text would break the segment's inline codes."""

    message: str


def check_codes(edited: str, seg: Segment) -> CodeProblem | None:
    """None when the edited editor text keeps every protected code of the segment's
    target; else what is wrong. Codes may move; one missing, altered (a broken chip),
    unknown or repeated more often than the source has it is a problem."""
    leftover = LABEL_RE.sub("", edited)
    if OPEN in leftover or CLOSE in leftover:
        return CodeProblem("an inline-code chip ⟦…⟧ was altered")
    codes = side_codes(seg, "target")
    mapped = from_editor(edited)
    new = Counter(ord(c) - CODE_BASE for c in CODE_RE.findall(mapped))
    old = Counter(ord(c) - CODE_BASE for c in CODE_RE.findall(seg.target or ""))
    src = Counter(ord(c) - CODE_BASE for c in CODE_RE.findall(seg.source or ""))
    unknown = sorted(k + 1 for k in new if k >= len(codes))
    if unknown:
        return CodeProblem(f"inline code ⟦{unknown[0]}⟧ does not exist in this segment")
    missing = sorted(k + 1 for k, n in old.items() if new.get(k, 0) < n)
    if missing:
        return CodeProblem(
            "protected inline code " + ", ".join(f"⟦{k}⟧" for k in missing) + " was deleted")
    extra = sorted(k + 1 for k, n in new.items() if n > max(old.get(k, 0), src.get(k, 0)))
    if extra:
        return CodeProblem("inline code " + ", ".join(f"⟦{k}⟧" for k in extra) + " was duplicated")
    return None


def missing_codes(edited: str, seg: Segment) -> list[int]:
    """Indexes of the inline codes the source (or the file's target) has that the
    edited editor text lacks, in source order: what ctrl+r in the editor restores."""
    mapped = from_editor(edited)
    have = Counter(ord(c) - CODE_BASE for c in CODE_RE.findall(mapped))
    want: Counter[int] = Counter()
    for text in (seg.source or "", seg.target or ""):
        want |= Counter(ord(c) - CODE_BASE for c in CODE_RE.findall(text))
    order = [ord(c) - CODE_BASE for c in CODE_RE.findall((seg.source or "") + (seg.target or ""))]
    out: list[int] = []
    for k in dict.fromkeys(order):
        out += [k] * max(0, want[k] - have.get(k, 0))
    return out


def editor_offset_to_text(display: str, offset: int) -> int:
    """The text offset of a display-text offset (a chip counts as one character; an
    offset inside a chip maps to the chip's start)."""
    shift = 0
    for m in LABEL_RE.finditer(display):
        if m.start() >= offset:
            break
        if offset < m.end():
            return m.start() - shift
        shift += (m.end() - m.start()) - 1
    return offset - shift

"""Word-level differences between two versions of a target text, for ``reviewer
corrections`` and the review screen's history: only what changed, with a few words of
context, instead of two whole paragraphs.

Inline codes (private-use characters, see :mod:`reviewer.model`) are written ``⟦n⟧``
(n = code index + 1), as the review editor shows them, so a change of code alone is
visible. No Textual or Rich here.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .model import CODE_RE

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
CONTEXT_WORDS = 4


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of the diff: ``op`` is ``=`` (same), ``-`` (removed) or ``+`` (added)."""

    op: str
    text: str


def visible_codes(text: str) -> str:
    """``text`` with each inline-code character written ``⟦n⟧``."""
    return CODE_RE.sub(lambda m: f"⟦{ord(m.group()) - 0xE000 + 1}⟧", text)


def tokens(text: str) -> list[str]:
    """Words, spaces and single punctuation marks; inline codes are tokens of their
    own, and so is each character of a script written without spaces between words
    (wide CJK characters), so a changed character is not a changed sentence."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if len(tok) > 1 and any(unicodedata.east_asian_width(c) in "WF" for c in tok):
            out.extend(tok)
        else:
            out.append(tok)
    return out


def word_diff(before: str, after: str) -> list[Piece]:
    """The pieces turning ``before`` into ``after``, adjacent runs merged."""
    a, b = tokens(before), tokens(after)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return pieces


def _trim(text: str, keep_start: bool, keep_end: bool) -> str:
    """Unchanged text cut to a few words at the side(s) next to a change."""
    words = tokens(text)
    n = CONTEXT_WORDS * 2  # words and the spaces between them
    if len(words) <= 2 * n + 1:
        return text
    if keep_start and keep_end:
        return "".join(words[:n]).rstrip() + " … " + "".join(words[-n:]).lstrip()
    if keep_end:
        return "… " + "".join(words[-n:]).lstrip()
    return "".join(words[:n]).rstrip() + " …"


def inline(before: str, after: str, context: bool = True) -> str:
    """One line, ``git diff --word-diff=plain`` style: ``[-removed-]{+added+}`` with
    the unchanged text around (cut to a few words unless ``context`` is False)."""
    pieces = word_diff(visible_codes(before), visible_codes(after))
    out: list[str] = []
    for k, p in enumerate(pieces):
        if p.op == "=":
            text = p.text
            if context:
                text = _trim(text, keep_start=k > 0, keep_end=k < len(pieces) - 1)
            out.append(text)
        elif p.op == "-":
            out.append(f"[-{p.text}-]")
        else:
            out.append(f"{{+{p.text}+}}")
    return "".join(out).replace("\n", "⏎")

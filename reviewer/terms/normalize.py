"""Text normalisation for term matching: folding (NFC, apostrophe and hyphen variants
unified, lower case), tokens with their offsets, URL masking, token shapes.

:func:`prepare` (alias ``_prepare``) turns a text into a :class:`PreparedText` once (cached):
the folded text, its tokens and offsets, and which gaps a multi-word term may span.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import Sequence

__all__ = ["fold", "token_shape", "prepare", "PreparedText"]

_FOLD_TABLE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
        "\u2032": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00ad": "-", "\u00a0": " ",
        "\u202f": " ", "\u2007": " ", "\u0130": "i",
    }
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+[+#]*")
_JOIN_RE = re.compile(r"\s{1,3}|[-'/.]|\s?-\s?")
_URL_HINT = re.compile(r"://|www\.|@|[\w-]\.[^\W\d_]{2}", re.I)
_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|ai|dev|app|info|biz|co|"
    r"[a-z]{2})\b(?:/\S*)?",
    re.I,
)


_FOLD_HINT = re.compile("[" + re.escape("".join(map(chr, _FOLD_TABLE))) + "]")


def _fold_chars(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``, skipped when no character needs it."""
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    return text.translate(_FOLD_TABLE) if _FOLD_HINT.search(text) else text


def fold(text: str) -> str:
    """NFC, unified apostrophes/hyphens/spaces, lower case (same length as NFC)."""
    t = _fold_chars(unicodedata.normalize("NFC", text))
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return low


@dataclass(slots=True)
class _Text:
    """A text prepared for matching: NFC form, folded form, tokens, offset map.

    Offsets are arrays, the tokens a tuple of strings and ``join`` bytes: thousands
    of prepared texts stay in the cache of :func:`_prepare`, and such sequences cost
    the garbage collector little (nothing to follow inside an array or bytes, and a
    tuple of strings is no longer tracked once seen), where lists would have every
    element visited at every collection."""

    nfc: str
    low: str
    starts: Sequence[int]
    ends: Sequence[int]
    toks: Sequence[str]
    join: Sequence[int]  # join[i] (0 or 1): token i may continue a multi-token term
    offs: Sequence[int] | None  # NFC index -> original index (None: identical)

    def orig(self, i: int) -> int:
        """Original-text offset of NFC offset ``i``."""
        return i if self.offs is None else self.offs[i]

    def windows(self, size: int) -> tuple[list[str], list[tuple[int, int]]]:
        """Folded windows of ``size`` joinable tokens and their NFC spans."""
        starts, ends = self.starts, self.ends
        if size == 1:  # every token: its folded text is the window
            return list(self.toks), list(zip(starts, ends))
        join, n, last = self.join, len(self.toks), size - 1
        if size == 2:  # the tokens a term may continue from
            idx = list(compress(range(n - 1), join[1:]))
        else:
            idx = [i for i in range(n - last) if all(join[i + 1 : i + size])]
        spans = [(starts[i], ends[i + last]) for i in idx]
        low = self.low
        return [low[s:e] for s, e in spans], spans


def _nfc_map(text: str) -> tuple[str, Sequence[int]]:
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        offs.extend([i] * len(chunk))
        i = j
    offs.append(n)
    return "".join(out), array("l", offs)


class _GapTable(dict):  # type: ignore[type-arg]
    """Gap between two tokens -> whether a multi-token term may span it (one space,
    a hyphen, an apostrophe...). Gaps are a small vocabulary: a dict look-up each."""

    def __missing__(self, gap: str) -> bool:
        ok = not gap or (len(gap) == 1 and gap in " -'/.") or _JOIN_RE.fullmatch(gap) is not None
        if len(self) < 4096:
            self[gap] = ok
        return ok


_GAPS = _GapTable()
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")
# the same on folded (lower-case) ASCII text, where a word character that is not "_"
# can only be a digit or a lower-case letter: a plain class is faster than \W
_TOKEN_SPLIT_ASCII = re.compile(r"([0-9a-z]+[+#]*)")
_DOT_WORD = re.compile(r"\.[^\W\d_]{2}")
_DOT_WORD_AT = re.compile(r"[\w-]\.[^\W\d_]{2}", re.I)


def _url_hint(low: str) -> bool:
    """``_URL_HINT.search(low)`` when ``low`` has a dot or an at sign, else False; the
    same answer with cheap tests first (a regex led by a literal dot, then the exact
    pattern at each candidate)."""
    if "@" in low:
        return True
    if "." not in low:
        return False
    if "://" in low or "www." in low:
        return _URL_HINT.search(low) is not None
    for m in _DOT_WORD.finditer(low):
        i = m.start()
        if i and _DOT_WORD_AT.match(low, i - 1):
            return True
    return False


@lru_cache(maxsize=8192)
def _prepare(text: str) -> _Text:
    offs: Sequence[int] | None = None
    nfc = text
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        nfc, offs = _nfc_map(text)
    t = _fold_chars(nfc)
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    if _url_hint(low):
        low = _URL_RE.sub(lambda m: " " * len(m.group()), low)
    # one C-level split: [before, token, gap, token, ..., token, after]; the running
    # lengths of the pieces are the tokens' start and end offsets
    parts = (_TOKEN_SPLIT_ASCII if low.isascii() else _TOKEN_SPLIT).split(low)
    n2 = len(parts) - 1
    if not n2:
        return _Text(nfc, low, (), (), (), b"", offs)
    acc = array("l", list(accumulate(map(len, parts))))  # (faster than from the iterator)
    starts = acc[0:n2:2]
    ends = acc[1:n2:2]
    toks = tuple(parts[1::2])
    # join[i]: the gap before token i may be inside a term (never before the first)
    join = bytes([False, *map(_GAPS.__getitem__, parts[2:-1:2])])
    return _Text(nfc, low, starts, ends, toks, join, offs)


def token_shape(tok: str) -> str:
    """``lower``, ``capitalised``, ``allcaps``, ``mixed`` (``OpenAI``) or ``other``."""
    letters = [c for c in tok if c.isalpha()]
    if not letters:
        return "other"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "allcaps" if len(letters) > 1 else "capitalised"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "capitalised"
    return "mixed"


@lru_cache(maxsize=16384)
def _default_case_sensitive(form: str) -> bool:
    shapes = {token_shape(t) for t in re.findall(r"[^\W_]+", form)}
    return bool(shapes & {"allcaps", "mixed"})



prepare = _prepare
PreparedText = _Text

"""Writing systems: the script of a letter (Unicode character names) and the scripts a
language is written in (CLDR likely subtags, through Babel).

Scripts are named as the Unicode character names start: ``LATIN``, ``CYRILLIC``,
``GREEK``, ``ARABIC``, ``HEBREW``, ``DEVANAGARI``, ``BENGALI``, ``THAI``, ``HANGUL``,
``HIRAGANA``, ``KATAKANA`` and ``CJK`` (Han ideographs).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["letter_script", "language_scripts", "dominant_script", "script_runs"]

# ISO 15924 codes whose English name is not the Unicode name prefix, and the
# composite codes (ISO 15924: Jpan = Han + Hiragana + Katakana, Kore = Hangul + Han).
_ISO_SPECIAL: dict[str, tuple[str, ...]] = {
    "Hans": ("CJK",), "Hant": ("CJK",), "Hani": ("CJK",),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"), "Kore": ("HANGUL", "CJK"),
    "Hira": ("HIRAGANA",), "Kana": ("KATAKANA",), "Beng": ("BENGALI",),
    "Orya": ("ORIYA",), "Laoo": ("LAO",),
}  # fmt: skip


@lru_cache(maxsize=4096)
def letter_script(ch: str) -> str | None:
    """The script of a letter (``None`` for anything but a letter or a combining mark
    of a script): the first word of its Unicode name, ``FULLWIDTH LATIN`` as
    ``LATIN``, compatibility ideographs as ``CJK``."""
    cat = unicodedata.category(ch)
    if cat[0] != "L" and cat not in ("Mn", "Mc"):
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first in ("FULLWIDTH", "HALFWIDTH"):
        rest = name.split(" ")
        return "LATIN" if "LATIN" in rest else ("KATAKANA" if "KATAKANA" in rest else rest[1])
    if first == "KATAKANA-HIRAGANA":
        return "KATAKANA"
    if first in ("MODIFIER", "COMBINING", "ZERO"):
        return None
    return first


@lru_cache(maxsize=256)
def language_scripts(lang: str | None) -> frozenset[str]:
    """The scripts ``lang`` is written in: its script subtag, else CLDR's likely
    script for it; empty when unknown."""
    if not lang:
        return frozenset()
    from babel import Locale
    from babel.core import get_global

    parts = lang.replace("_", "-").split("-")
    code = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if code is None:
        likely = get_global("likely_subtags").get(parts[0].lower())
        if likely:
            bits = likely.split("_")
            code = next((b for b in bits[1:] if len(b) == 4), None)
    if code is None:
        return frozenset()
    code = code.title()
    if code in _ISO_SPECIAL:
        return frozenset(_ISO_SPECIAL[code])
    name = Locale("en").scripts.get(code)
    return frozenset({name.upper()}) if name else frozenset()


def script_counts(text: str) -> dict[str, int]:
    """How many letters of ``text`` each script has (letters of no script left out)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            s = letter_script(ch)
            if s:
                counts[s] = counts.get(s, 0) + 1
    return counts


def dominant_script(text: str, share: float = 0.0) -> str | None:
    """The script of most letters of ``text`` (``None`` when it has less than
    ``share`` of them)."""
    counts = script_counts(text)
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] > share * sum(counts.values()) else None


def script_runs(text: str) -> list[tuple[int, int, str]]:
    """Maximal runs of letters of one script: ``(start, end, script)``; combining
    marks join the run they follow."""
    out: list[tuple[int, int, str]] = []
    start = -1
    cur = None
    for i, ch in enumerate(text):
        s = letter_script(ch)
        if s is None and cur is not None and unicodedata.category(ch) in ("Mn", "Mc"):
            continue  # a generic combining accent: part of the current run
        if s != cur:
            if cur is not None:
                out.append((start, i, cur))
            cur, start = s, i
    if cur is not None:
        out.append((start, len(text), cur))
    return out

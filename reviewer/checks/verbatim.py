"""Text a translator keeps as it is on purpose, for the checks that report source text
left in a translation (``untranslated``, ``untranslated-words``).

* :func:`kept_spans`: stretches of a translation that are not prose to translate:
  placeholders (the registry of :mod:`reviewer.placeholders`), a quotation or a code
  pair whose content the source quotes or marks up the same way (a field name
  ``'note'``, a literal ``"Hello World from Python"``, ``<b>all</b>`` as a keyword),
  the content of an inline code for an icon or for code (``<mat-icon>info</mat-icon>``,
  ``<kbd>``, ``<code>``), and a gloss: source-script words in parentheses after the
  translation's own words (``מצב הדדי (mutual mode)``).
* :func:`international`: a word that many languages' lexicons list (tsunami,
  referendum, trio): international vocabulary, which a target language may borrow
  bare even when its own lexicon lacks it.
* :func:`autonym`: a language's name in that language (CLDR, through Babel):
  ``Italiano``, ``Português``, ``中文``: the right text for a language menu in every
  translation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from math import ceil
from typing import Sequence

from .. import morph
from ..model import InlineCode, code_label
from ..scripts import language_scripts, letter_script

__all__ = ["kept_spans", "in_spans", "international", "lexicon_panel", "autonym", "autonyms"]

#: paired quotation marks, opening -> closing (ASCII ones close themselves)
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "”": "”", "„": "“", "‚": "‘", "‘": "’",
           "«": "»", "»": "«", "‹": "›", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_PAREN_RE = re.compile(r"[(（]([^()（）]{1,80})[)）]")
#: an inline code's label that names an element whose content is not prose: icons
#: (``<mat-icon>``, ``<sh-icon>``, ``<ion-icon>``), and HTML's code, keyboard, sample
#: and variable elements
_NONPROSE_RE = re.compile(r"icon|<(?:code|kbd|samp|var|tt|pre)\b", re.I)
_CODE_MIN = 0xE000
_TAG_RE = re.compile(r"^<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")


def in_spans(spans: Sequence[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` lies inside one of ``spans``."""
    return any(s <= a and b <= e for s, e in spans)


def _code_index(ch: str) -> int:
    return ord(ch) - _CODE_MIN


def _pairs(text: str, codes: Sequence[InlineCode]) -> list[tuple[int, int, InlineCode]]:
    """Content spans between an opening inline code and its closing half, with the
    opening code: ``(start, end, code)``."""
    out = []
    open_at: dict[str, tuple[int, InlineCode]] = {}
    for i, ch in enumerate(text):
        k = _code_index(ch)
        if not 0 <= k < len(codes) or not 0xE000 <= ord(ch) <= 0xF8FF:
            continue
        c = codes[k]
        kind, key = c.kind, c.id
        if kind not in ("open", "close"):
            # a placeholder standing for a tag (Angular's <x equiv-text="<sh-icon>"/>)
            m = _TAG_RE.match(c.equiv or code_label(c) or "")
            if m is None or m.group(3):
                continue
            kind, key = ("close" if m.group(1) else "open"), "tag:" + m.group(2).lower()
        if kind == "open":
            open_at[key] = (i + 1, c)
        elif key in open_at:
            start, oc = open_at.pop(key)
            out.append((start, i, oc))
    return out


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def kept_spans(
    source: str,
    target: str,
    source_codes: Sequence[InlineCode] = (),
    target_codes: Sequence[InlineCode] = (),
    flags: frozenset[str] = frozenset(),
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[tuple[int, int]]:
    """Spans of ``target`` that are kept as they are on purpose (see the module
    docstring); words inside them are not "left untranslated"."""
    spans: list[tuple[int, int]] = []
    from .. import placeholders as R

    if R.has_trigger(target):
        active = R.syntaxes_for(flags, source, target)
        spans += [(p.start, p.end) for p in R.extract(target, active, source)]
    if any(q in target for q in _QUOTES):
        quoted_src = {_norm(source[a:b]) for a, b in quotations(source)}
        for a, b in quotations(target):
            inner = target[a:b].strip()
            # quoted as in the source, or a literal of the source the translator
            # quotes ("Convert timestamp field" -> "поле 'timestamp'")
            if _norm(inner) in quoted_src or (inner and re.search(
                    r"(?<!\w)" + re.escape(inner) + r"(?!\w)", source)):
                spans.append((a, b))
    if target_codes:
        src_marked = {_norm(source[a:b]) for a, b, _c in _pairs(source, source_codes)}
        for a, b, c in _pairs(target, target_codes):
            label = " ".join(x for x in (c.equiv, code_label(c), c.data) if x)
            if _NONPROSE_RE.search(label) or (
                    _norm(target[a:b]) in src_marked and target[a:b].strip()):
                spans.append((a, b))
    if "(" in target or "（" in target:
        ss = language_scripts(source_lang)
        ts = language_scripts(target_lang)
        for m in _PAREN_RE.finditer(target):
            if _gloss(target, m, ss, ts):
                spans.append((m.start(1), m.end(1)))
    return spans


def quotations(text: str) -> list[tuple[int, int]]:
    """The content spans of quotations in ``text``: an opening mark not preceded by a
    letter (an apostrophe inside "won't" opens nothing) up to its closing mark, on
    one line, 80 characters at most."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        close = _QUOTES.get(c)
        if close is None or (i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        closers = {close, "”", "’"} if c in "„‚" else {close}
        j = i + 1
        while j < n and j - i <= 81 and text[j] != "\n" and text[j] not in closers:
            j += 1
        if j < n and text[j] in closers and j > i + 1 and j - i <= 81:
            out.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


def _gloss(target: str, m: re.Match[str], ss: frozenset[str], ts: frozenset[str]) -> bool:
    """Whether the parenthesis ``m`` holds only words of the source's script after a
    word of the translation's own (``dörtlü (foursome)``, ``הדדי (mutual mode)``):
    the translator's gloss of the term they translated."""
    inner = m.group(1)
    letters = [c for c in inner if c.isalpha()]
    if len(letters) < 3:
        return False
    scripts = {letter_script(c) for c in letters}
    if ss and not scripts <= ss:
        return False
    before = target[: m.start()].rstrip()
    j = len(before)
    while j > 0 and (before[j - 1].isalpha() or unicodedata.category(before[j - 1])[0] == "M"):
        j -= 1
    prev = before[j:]
    if not prev:
        return False
    if ts and not (ss & ts):
        # another script: the word before is the translation's own
        return letter_script(prev[0]) in ts
    # one script: the word before must not be a copy of the parenthesis' start
    return prev.casefold() not in inner.casefold().split()


@lru_cache(maxsize=16)
def lexicon_panel(script: str, exclude: frozenset[str]) -> tuple[str, ...]:
    """The lexicons of living languages (a CLDR locale) written in ``script``, less
    ``exclude``."""
    from babel import localedata

    out = []
    for code in sorted(morph.supported()):
        if code in exclude or not localedata.exists(code):
            continue
        if script in language_scripts(code):
            out.append(code)
    return tuple(out)


#: A word listed by at least this share of the other languages' lexicons of its
#: script (and by 2 at least) is international vocabulary (tsunami, trio, referendum).
INTERNATIONAL_SHARE = 0.08


def international(word: str, source_lang: str | None, target_lang: str | None) -> bool:
    """Whether ``word`` is international vocabulary: listed by the lexicons of at least
    :data:`INTERNATIONAL_SHARE` of the living languages written in its script (the
    source and target languages left out)."""
    w = word.lower()
    script = letter_script(w[0]) if w else None
    if script is None:
        return False
    excl = frozenset(c for c in (morph.lexicon_lang(source_lang), morph.lexicon_lang(target_lang)) if c)
    panel = lexicon_panel(script, excl)
    if not panel:
        return False
    need = max(2, ceil(INTERNATIONAL_SHARE * len(panel)))
    n = 0
    for code in panel:
        if morph.is_known(w, code):
            n += 1
            if n >= need:
                return True
    return False


@lru_cache(maxsize=1)
def autonyms() -> frozenset[str]:
    """Every CLDR locale's name in its own language, casefolded ("italiano",
    "português (brasil)", "中文（简体）", "english"), and its language's name alone.
    Read from the figures shipped for the installed Babel (``python -m reviewer.lang``
    writes them: computing them loads every locale, seconds and tens of MB a run)."""
    from ..lang import locale_autonyms_live, shipped_names

    shipped = shipped_names("locale_autonyms")
    return locale_autonyms_live() if shipped is None else shipped


def autonym(text: str) -> bool:
    """Whether ``text`` is a language's (or locale's) name in that language."""
    t = _norm(text)
    return bool(t) and len(t) < 60 and t in autonyms()

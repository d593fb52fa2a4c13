"""Punctuation checks: sentence-end and spacing conventions, brackets, quotation marks.

Language conventions come from :mod:`reviewer.lang`: ``?`` equals Greek ``;``, Arabic
``؟`` and Chinese ``？``; ``.`` equals ``。`` and ``।``; ``...`` equals ``…``. Inline
codes (private-use characters) are neither letters nor punctuation. For target-only
documents only the rules that need no source run.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Iterable

from ..lang import (
    ABBREVIATIONS,
    CLASS_RANK,
    COLON,
    ELLIPSIS,
    END_PUNCT_CHARS,
    FULLWIDTH_PUNCT,
    FULL_STOP,
    INVERTED_MARKS,
    NBSP,
    NO_FULL_STOP,
    base as base_lang,
    cjk_equivalent,
    end_class,
    end_mark,
    french_spacing,
    language_name,
    quote_pairs,
    quote_roles,
    subtags,
)
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = ["PunctuationCheck", "BracketsCheck", "QuotesCheck", "CHECKS"]

_CODE_LO, _CODE_HI = "\ue000", "\uf8ff"

# Closing quotes/brackets peeled off the end before reading the final punctuation.
_PEEL = frozenset(")]}）］｝»›”’“«‘‹\"'」』〉》】〕＂")


def _is_code(ch: str) -> bool:
    return _CODE_LO <= ch <= _CODE_HI


def _peel(text: str, i: int) -> int:
    """Index after the text's last character that is not whitespace, a code or a closer."""
    while i > 0:
        ch = text[i - 1]
        if ch in _PEEL or ch.isspace() or _CODE_LO <= ch <= _CODE_HI:
            i -= 1
        else:
            break
    return i


def _classify(run: str, lang: str | None) -> str | None:
    """The class of a run of final punctuation (``?!`` is a question, ``...`` an ellipsis)."""
    if not run:
        return None
    best: str | None = ELLIPSIS if ("..." in run or "…" in run or "⋯" in run) else None
    rank = CLASS_RANK[best] if best else 0
    for ch in run:
        c = end_class(ch, lang)
        if c is not None and CLASS_RANK[c] > rank:
            best, rank = c, CLASS_RANK[c]
    return best


def _end(text: str, lang: str | None) -> tuple[int, int, str | None, str | None]:
    """``(start, end, class, inner_class)`` of the final punctuation run of ``text``.

    ``inner_class`` is the class of a run just inside closing quotes/brackets that follow
    the outer run (``Stop!».`` has outer ``.`` and inner ``!``), else None.
    """
    i = _peel(text, len(text))
    j = i
    while j > 0 and text[j - 1] in END_PUNCT_CHARS:
        j -= 1
    cls = _classify(text[j:i], lang)
    inner = None
    if cls is None or cls == FULL_STOP:
        k = _peel(text, j)
        if k < j:
            m = k
            while m > 0 and text[m - 1] in END_PUNCT_CHARS:
                m -= 1
            inner = _classify(text[m:k], lang)
    return j, i, cls, inner


def _abbreviation(text: str, j: int) -> bool:
    """True when the word ending at ``j`` (before a final ``.``) is an abbreviation:
    ``U.S.A``, ``etc``, ``Inc``."""
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    w = text[k:j]
    return "." in w or w.lower() in ABBREVIATIONS


def _q(s: str) -> str:
    return f"“{s}”"


# Terminal ? and ! (followed by the end, a space, a closer or a code).
_TERMINAL_QE_RE = re.compile(r"[?!]+(?=$|\s|[)\]}»›”’\"'\ue000-\uf8ff])")
_SENTENCE_BOUNDARY_RE = re.compile(r"[.!?…:;](?:\s+|$)|\n")
_OPENERS_SKIP = frozenset("([{«‹“„‘‚\"'\u00a0 \t")
_SPACES = " \u00a0\u202f\u2009\u2007\u200a"
_SPACE_BEFORE_RE = re.compile(
    r"(?<=[^\W\d_])([ \u00a0\u202f\u2009]+)([:;!?])(?=$|\s|[)\]»”’\"'\ue000-\uf8ff])"
)
_SPACE_BEFORE_COMMA_RE = re.compile(r"(?<=[^\W\d_])[ \u00a0\u202f\u2009]+(?:,(?!\d)|\.(?=\s|$))")
_FR_PUNCT_RE = re.compile(r"[:;!?]")
_FR_FOLLOW = frozenset("!?.…)]}»›”’\"'")
# the mark first, then the letters before it: a pattern opening with a character set
# is scanned for fast, one opening with a lookbehind is tried at every position
_MISSING_SPACE_RE = re.compile(r"[.!?,;](?<=[^\W\d_]{2}[.!?,;])(?=[^\W\d_]{2})")
_SPACED_MARK_RE = re.compile(r"[ \u00a0\u202f\u2009][:;!?]")  # prefilter of _SPACE_BEFORE_RE
_SPACED_COMMA_RE = re.compile(r"[ \u00a0\u202f\u2009][,.]")  # of _SPACE_BEFORE_COMMA_RE
_CJK_CHARS = (
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    r"\u3001\u3002\u300d\u300f\uff09\u201d"
)
_CJK_ASCII_RE = re.compile(rf"(?<=[{_CJK_CHARS}])[.,?!:;](?=$|\s|[{_CJK_CHARS}])")
_GREEK_Q_RE = re.compile(r"(?<=\S)\?(?=$|\s|[)\]»”’\"'\ue000-\uf8ff])")
_GUILLEMET_RE = re.compile("[«»]")
_BAD_TOKEN_RE = re.compile(r"://|www|[@/\\=_\d]")


def _token(text: str, i: int) -> str:
    """The whitespace-delimited token around index ``i``."""
    a = i
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = i
    n = len(text)
    while b < n and not text[b].isspace():
        b += 1
    return text[a:b]


class PunctuationCheck(Check):
    """Sentence-end punctuation and the spacing and marks each language expects.

    Rules: the final punctuation must match the source's (by class: ``?`` = ``;`` in
    Greek = ``؟`` = ``？``); French wants a (narrow) no-break space before ``; : ! ?``
    (Canadian French before ``:`` only) and other languages none; Spanish, Galician and
    Asturian open questions and exclamations with ``¿``/``¡``; Chinese and Japanese use
    full-width marks; Greek asks with ``;``; no space before ``,``/``.``; a space after
    sentence punctuation before the next word (``word.Next``).
    """

    id = "punctuation"
    name = "Punctuation"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Final punctuation, spacing around punctuation, language-specific marks."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t:
            return
        s = segment.source
        tonly = context.target_only or not s
        tl = context.target_lang
        tb = base_lang(tl)
        sb = base_lang(context.source_lang)
        if not tonly:
            yield from self._final(s, t, context.source_lang, tl)
        if tb == "fr":
            yield from self._french(t, tl)
        elif tb and ("«" in t or "»" in t):
            yield from self._spaced_guillemets(t, tl)
        if tb != "fr" and tb and (" " in t or "\u00a0" in t or "\u202f" in t or "\u2009" in t):
            yield from self._space_before(s if not tonly and sb != "fr" else "", t)
        if tb in INVERTED_MARKS and ("?" in t or "!" in t):
            yield from self._inverted(t, tb)
        if tb in FULLWIDTH_PUNCT:
            for m in _CJK_ASCII_RE.finditer(t):
                ch = m.group()
                sug = cjk_equivalent(ch, tl)
                yield self.flag_span(
                    "target", t, m.start(), m.end(),
                    f"ASCII {_q(ch)} in {'Japanese' if tb == 'ja' else 'Chinese'} text; "
                    f"the full-width {_q(sug or ch)} is expected.",
                    suggestion=sug,
                )  # fmt: skip
        if tb == "el" and "?" in t:
            for m in _GREEK_Q_RE.finditer(t):
                yield self.flag_span(
                    "target", t, m.start(), m.end(),
                    "Greek uses “;” (U+037E) as its question mark, not “?”.",
                    suggestion="\u037e",
                )  # fmt: skip
        if "," in t or "." in t:
            yield from self._space_before_comma("" if tonly else s, t)
        yield from self._missing_space("" if tonly else s, t)

    # -- rules ------------------------------------------------------------------------

    def _final(self, s: str, t: str, sl: str | None, tl: str | None) -> Iterable[Finding]:
        sj, si, sc, sin = _end(s, sl)
        tj, ti, tc, tin = _end(t, tl)
        if (
            sc == tc
            or (sin is not None and sin in (tc, tin))
            or (tin is not None and tin == sc)
        ):
            return
        tb = base_lang(tl)
        if tc is None and tb in NO_FULL_STOP:
            # Thai and Lao end a sentence with a space, a question with a particle
            # (ไหม, บໍ): no final mark at all is their ordinary typography
            return
        if base_lang(sl) in NO_FULL_STOP and sc is None:
            return  # the source did not mark its ending: nothing to compare
        if sc is None and tc == COLON and ti - tj == 1:
            # a fragment turned into a label ("Results for" -> "検索結果："): word
            # order moved the continuation after the colon
            return
        if {sc, tc} == {FULL_STOP, COLON} and _prose_words(s) >= PROSE_WORDS:
            # a sentence that introduces the next one (a quotation follows): the
            # colon and the full stop both close it; a label's colon is not prose
            return
        if sc is None and tc == FULL_STOP and ti - tj == 1:
            # a full stop added to a title or a heading: house style, not an error
            # (also "U.S.A.": the dot belongs to the abbreviation)
            return
        if tc is None and sc == FULL_STOP and s[sj:si] == "." and _abbreviation(s, sj):
            return  # "Apple Inc." -> "Apple Inc"
        if sc is None:
            run = t[tj:ti]
            yield self.flag_span(
                "target", t, tj, ti,
                f"The translation ends with {_q(run)} but the source has no final "
                "punctuation.",
                suggestion="",
            )  # fmt: skip
            return
        mark = end_mark(sc, tl)
        if sc == ELLIPSIS and mark == "…" and "..." in s[-6:] and "…" not in s[-6:]:
            mark = "..."
        spacing = french_spacing(tl)
        if mark in spacing and tj > 0 and not t[tj - 1].isspace():
            mark = spacing[mark] + mark
        srun = s[sj:si]
        if tc is None:
            yield self.flag_span(
                "target", t, ti, ti,
                f"The source ends with {_q(srun)} but the translation has no final "
                "punctuation.",
                suggestion=mark,
            )  # fmt: skip
        else:
            yield self.flag_span(
                "target", t, tj, ti,
                f"The source ends with {_q(srun)} but the translation ends with "
                f"{_q(t[tj:ti])}.",
                suggestion=mark,
            )  # fmt: skip

    def _guillemets(self, t: str) -> Iterable[Finding]:
        """French guillemets hold their quotation with no-break spaces: « texte »."""
        for m in _GUILLEMET_RE.finditer(t):
            i, ch = m.start(), m.group()
            if ch == "«":
                nxt = t[i + 1] if i + 1 < len(t) else ""
                if nxt.isalnum():
                    yield self.flag_span(
                        "target", t, i, i + 1,
                        "French needs a no-break space after «.",
                        suggestion="«" + NBSP,
                    )  # fmt: skip
            else:
                prev = t[i - 1] if i else ""
                if prev.isalnum() or prev in ".!?…":
                    yield self.flag_span(
                        "target", t, i, i + 1,
                        "French needs a no-break space before ».",
                        suggestion=NBSP + "»",
                    )  # fmt: skip

    def _spaced_guillemets(self, t: str, tl: str | None) -> Iterable[Finding]:
        """French spacing where the language sets guillemets tight (Russian, Italian,
        Greek, Arabic, Norwegian; Danish and Hungarian ``»…«``): a pair with a space
        inside at both ends, ``« текст »``. One side spaced is left alone (a slip of
        the space bar as often as of style)."""
        roles = quote_roles(tl)
        opener = "»" if roles.get("»") == "open" else "«"
        closer = "«" if opener == "»" else "»"
        for m in re.finditer(f"{opener}([ \u00a0\u202f\u2009]+)([^«»]+?)([ \u00a0\u202f\u2009]+){closer}", t):
            inner = m.group(2)
            if not any(ch.isalnum() for ch in inner):
                continue
            a, b = m.start(), m.end()
            yield self.flag_span(
                "target", t, a, b,
                f"Spaces inside {opener}…{closer}: {language_name(tl)} sets guillemets "
                "without them (the spaces are French typography).",
                suggestion=f"{opener}{inner}{closer}",
            )  # fmt: skip

    def _french(self, t: str, tl: str | None) -> Iterable[Finding]:
        if ("«" in t or "»" in t) and "ch" not in subtags(tl)[1:]:
            # Swiss French sets guillemets without spaces
            yield from self._guillemets(t)
        spacing = french_spacing(tl)
        n = len(t)
        for m in _FR_PUNCT_RE.finditer(t):
            ch = m.group()
            sp = spacing.get(ch)
            i = m.start()
            if sp is None or i == 0:
                continue
            prev = t[i - 1]
            if not (prev.isalnum() or prev in _PEEL):
                continue  # spaced already, "?!", a code, "etc.:"
            if i + 1 < n:
                nxt = t[i + 1]
                if not (nxt.isspace() or nxt in _FR_FOLLOW or _is_code(nxt)):
                    continue  # 10:30, http://, ?id=
            yield self.flag_span(
                "target", t, i, i + 1,
                f"French needs a {'no-break' if sp == NBSP else 'narrow no-break'} "
                f"space before {_q(ch)}.",
                suggestion=sp + ch,
            )  # fmt: skip

    def _space_before(self, s: str, t: str) -> Iterable[Finding]:
        if _SPACED_MARK_RE.search(t) is None:
            return
        if s and _SPACE_BEFORE_RE.search(s):
            return  # the source spaces it too: code, a ternary, a deliberate style
        n = len(t)
        for m in _SPACE_BEFORE_RE.finditer(t):
            ch = m.group(2)
            if ch in ":;" and m.end() < n and t[m.end()] in ")(][":
                continue  # an emoticon :) ;(
            yield self.flag_span(
                "target", t, m.start(), m.end(),
                f"Space before {_q(ch)}: only French puts one there.",
                suggestion=ch,
            )  # fmt: skip

    def _inverted(self, t: str, tb: str) -> Iterable[Finding]:
        bounds: list[int] | None = None
        for m in _TERMINAL_QE_RE.finditer(t):
            if bounds is None:
                bounds = [b.end() for b in _SENTENCE_BOUNDARY_RE.finditer(t)]
            k = bisect.bisect_right(bounds, m.start()) - 1
            start = bounds[k] if k >= 0 else 0
            seg = t[start : m.start()]
            if "¿" in seg or "¡" in seg or "⸘" in seg:
                continue
            while start < m.start() and (t[start] in _OPENERS_SKIP or _is_code(t[start])):
                start += 1
            if start >= m.start():
                continue  # a bare "?" or "!": nothing to open
            q = "?" in m.group()
            mark = "¿" if q else "¡"
            what = "question" if q else "exclamation"
            name = {"es": "Spanish", "gl": "Galician", "ast": "Asturian"}.get(tb, "Spanish")
            yield self.flag(
                "target", start, start, "",
                f"The {what} lacks the opening {_q(mark)} {name} requires.",
                suggestion=mark,
            )  # fmt: skip

    def _space_before_comma(self, s: str, t: str) -> Iterable[Finding]:
        if _SPACED_COMMA_RE.search(t) is None:
            return
        m0 = _SPACE_BEFORE_COMMA_RE.search(t)
        if m0 is None or (s and _SPACE_BEFORE_COMMA_RE.search(s)):
            return
        for m in _SPACE_BEFORE_COMMA_RE.finditer(t, m0.start()):
            ch = t[m.end() - 1]
            yield self.flag_span(
                "target", t, m.start(), m.end(),
                f"Space before {_q(ch)}.",
                suggestion=ch,
            )  # fmt: skip

    def _missing_space(self, s: str, t: str) -> Iterable[Finding]:
        for m in _MISSING_SPACE_RE.finditer(t):
            i = m.start()
            ch = t[i]
            if not t[i - 1].islower():
                continue
            nxt, nxt2 = t[i + 1], t[i + 2]
            if ch in ".!?":
                if not (nxt.isupper() and nxt2.islower()):
                    continue
            elif not ((nxt.islower() or nxt.isupper()) and nxt2.islower()):
                continue
            tok = _token(t, i)
            if _BAD_TOKEN_RE.search(tok) or tok.count(".") > 1:
                continue
            core = tok.strip(".,;:!?()[]{}\"'«»“”‘’")
            if s and core and core in s:
                continue  # an identifier the source has too (System.String)
            yield self.flag_span(
                "target", t, i, i + 1,
                f"No space after {_q(ch)} before the next word.",
                suggestion=ch + " ",
            )  # fmt: skip


# --- brackets --------------------------------------------------------------------------

_BR_OPEN: dict[str, str] = {"(": "(", "[": "[", "{": "{", "（": "(", "［": "[", "｛": "{"}
_BR_CLOSE: dict[str, str] = {")": "(", "]": "[", "}": "{", "）": "(", "］": "[", "｝": "{"}
_BR_RE = re.compile(r"[()\[\]{}（）［］｛｝]")
_BR_NAMES: dict[str, str] = {"(": "parentheses", "[": "square brackets", "{": "curly braces"}
_EMOTICON_EYES = frozenset(":;=")


def _emoticon(text: str, i: int) -> bool:
    """True when the bracket at ``i`` is the mouth of ``:)``, ``;-(``, ``=)``."""
    j = i - 1
    if j >= 0 and text[j] in "-^'":
        j -= 1
    return j >= 0 and text[j] in _EMOTICON_EYES


_ENUM_RE = re.compile(r"(?:\d{1,3}|[^\W\d_]|[ivxIVX]{1,4})")


def _enumerator(text: str, i: int) -> bool:
    """True when the ``)`` at ``i`` closes a list label: ``a)``, ``2)``, ``iv)``."""
    if text[i] not in ")）":
        return False
    j = i
    while j > 0 and i - j < 4 and text[j - 1].isalnum():
        j -= 1
    if j == i or (j > 0 and not text[j - 1].isspace()):
        return False
    return _ENUM_RE.fullmatch(text, j, i) is not None


def scan_brackets(text: str) -> tuple[list[int], list[tuple[str, int, int]]]:
    """``(unmatched positions, pairs)`` of the brackets in ``text``.

    Pairs are ``(kind, start, end)`` with kind ``(``, ``[`` or ``{`` (full-width forms
    count as their ASCII kind). Emoticons and list labels (``a)``) are ignored.
    """
    stack: list[tuple[str, int]] = []
    unmatched: list[int] = []
    pairs: list[tuple[str, int, int]] = []
    for m in _BR_RE.finditer(text):
        ch = m.group()
        i = m.start()
        kind = _BR_OPEN.get(ch)
        if kind is not None:
            if _emoticon(text, i):
                continue
            stack.append((kind, i))
            continue
        kind = _BR_CLOSE[ch]
        if stack and stack[-1][0] == kind:
            _, st = stack.pop()
            pairs.append((kind, st, i + 1))
        elif any(k == kind for k, _ in stack):
            while stack[-1][0] != kind:
                unmatched.append(stack.pop()[1])
            _, st = stack.pop()
            pairs.append((kind, st, i + 1))
        elif not (_emoticon(text, i) or _enumerator(text, i)):
            unmatched.append(i)
    unmatched.extend(st for _, st in stack)
    unmatched.sort()
    return unmatched, pairs


def _counts(text: str, pairs: list[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Pairs by kind, leaving out plural and inflection markers stuck to a word:
    ``file(s)``, ``Тег(и)``, ``превыша(ет/ют)``."""
    out: dict[str, list[tuple[int, int]]] = {}
    for kind, a, b in pairs:
        if kind == "(" and 3 <= b - a <= 9 and a > 0 and text[a - 1].isalpha():
            inner = text[a + 1 : b - 1]
            if all(x.isalpha() and x.islower() for x in inner.split("/")) and (
                    _script(inner[0]) == _script(text[a - 1])):
                continue  # (not '炭水化物（g）': a unit in another script)
        out.setdefault(kind, []).append((a, b))
    return out


_PY_NAMED_RE = re.compile(r"%\([^()\s]+\)")
_QUOTED_RE = re.compile(r"(?:^|(?<=[\s(]))(['‘\"“„«「])[^'’\"”“»」\n]{1,60}?['’\"”“»」](?=$|[\s.,;:!?)])")


def _blank(m: re.Match[str]) -> str:
    """A match replaced by as many neutral characters (offsets stay)."""
    return "_" * len(m.group())


def _quotations(text: str) -> int:
    """How many short quotations ``text`` has ('Open', “Save as”)."""
    return len(_QUOTED_RE.findall(text))


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ('LATIN', 'THAI', 'CJK')."""
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


#: scripts written together in one language's text (Japanese: kanji and kana)
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK"}


def _main_script(text: str) -> str:
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            sc = _script(ch)
            sc = _SCRIPT_FAMILY.get(sc, sc)
            counts[sc] = counts.get(sc, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def _gloss(text: str, a: int, b: int) -> bool:
    """Whether the bracketed ``text[a:b]`` is a gloss: its content is written in
    another script than the text around it (the original form of a name)."""
    inner = text[a + 1 : b - 1].strip()
    if not inner:
        return False
    mine = _main_script(inner)
    return bool(mine) and mine != _main_script(text[:a] + " " + text[b:])


_CODEISH_RE = re.compile(r"[%{}<>$\\/=_@#`]")
_DIGITS_RE = re.compile(r"\d+")


def _numbers_kept(inner: str, other: str) -> bool:
    """Whether the bracketed text has numbers and every one of them is in ``other``."""
    nums = _DIGITS_RE.findall(inner)
    return bool(nums) and all(n in other for n in nums)


_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
#: words outside brackets from which a text reads as running prose (a sentence), not
#: a label or a UI string; a run of an unspaced script (Chinese, Japanese, Thai)
#: counts one word per two letters
PROSE_WORDS = 8


_UNSPACED_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"})


def _prose_words(text: str) -> int:
    """Words of ``text``, a run of an unspaced script counting one per two letters."""
    n = 0
    for m in _LETTER_RUN_RE.finditer(text):
        w = m.group()
        n += max(1, len(w) // 2) if _script(w[0]) in _UNSPACED_SCRIPTS else 1
    return n


def _prose_aside(text: str, a: int, b: int, other: str) -> bool:
    """Whether the dropped ``text[a:b]`` is an aside of running prose: a sentence of
    :data:`PROSE_WORDS` words or more around it, plain words inside (no code, no
    number the other text lacks). Translators of prose fold such asides into the
    sentence ("Selly Oak (Birmingham)" -> "Selly Oak, Birmingham"), spell out an
    acronym once, or leave a gloss of a term they keep untranslated; a lost meaning
    is the meaning check's to find, not a bracket count's."""
    inner = text[a + 1 : b - 1]
    if _prose_words(text[:a] + " " + text[b:]) < PROSE_WORDS:
        return False
    if inner.strip() and inner.strip() in other:
        return True  # kept, unbracketed ("DM @MerPolCC")
    if _CODEISH_RE.search(inner) or (_DIGITS_RE.search(inner) and not _numbers_kept(inner, other)):
        return False
    return True


_BEFORE_BRACKET_RE = re.compile(r"(\d[\d.,]*)\D{0,12}$")


def _conversion(text: str, a: int, b: int, lang: str | None) -> bool:
    """Whether the bracketed ``text[a:b]`` restates the figure before it in other
    units (``800 kph (497 mph)``, ``300 km (190 miles)``): a translation for readers
    of one system of units drops it, or adds one."""
    from .number_forms import restates
    from .number_reading import find_numbers

    inner = find_numbers(text[a + 1 : b - 1], lang)
    m = _BEFORE_BRACKET_RE.search(text, max(0, a - 24), a)
    if len(inner) != 1 or m is None:
        return False
    before = find_numbers(m.group(1), lang)
    if len(before) != 1:
        return False
    try:
        x, y = float(before[0].readings[0].value), float(inner[0].readings[0].value)
    except ValueError:
        return False
    return restates(x, y, text, a + 1 + inner[0].end, lang)


class BracketsCheck(Check):
    """Unpaired brackets in the target (when the source's pair up), and a different
    number of ``()``/``[]``/``{}`` pairs than the source: fewer is minor (content or
    syntax lost), more is neutral (often a translator's style). ``（）`` counts as
    ``()``; plural markers (``file(s)``), list labels (``a)``) and emoticons are ignored.
    """

    id = "brackets"
    name = "Brackets"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Unpaired brackets; a different number of bracket pairs than the source."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        # a plain function: the common unit with nothing to look at costs no generator
        t = segment.target
        if not t or (_BR_RE.search(t) is None and (
                not segment.source or _BR_RE.search(segment.source) is None)):
            return ()
        return self._run(segment, context)

    def _run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t:
            return
        s = segment.source
        tonly = context.target_only or not s
        t_has = _BR_RE.search(t) is not None
        s_has = not tonly and _BR_RE.search(s) is not None
        if not t_has and not s_has:
            return
        orig = t
        if "%(" in t or "%(" in s:  # Python's %(name)s: the parentheses are syntax
            t, s = _PY_NAMED_RE.sub(_blank, t), _PY_NAMED_RE.sub(_blank, s)
            t_has = _BR_RE.search(t) is not None
            s_has = not tonly and _BR_RE.search(s) is not None
            if not t_has and not s_has:
                return
        tu, tp = scan_brackets(t) if t_has else ([], [])
        su, sp = scan_brackets(s) if s_has else ([], [])
        if tu and not su:
            for i in tu:
                yield self.flag_span(
                    "target", orig, i, i + 1,
                    f"The bracket {_q(t[i])} has no partner in the translation.",
                )  # fmt: skip
        if tonly or tu or su:
            return
        sc, tc = _counts(s, sp), _counts(t, tp)
        for kind in ("(", "[", "{"):
            ns, nt = len(sc.get(kind, ())), len(tc.get(kind, ()))
            if ns == nt:
                continue
            if kind == "(":
                # a gloss added or dropped ("มหาสมุทร (Pacific Ocean)", "（Fisk
                # University）") is the translator's choice, not lost content; so is
                # a bracket whose numbers stand in the translation anyway ("45 miles
                # (72 kilometers)" -> "72 km"); and in prose an added explanation
                # ("Napoli (Italie)") is style: added pairs count only around code
                src_n = [(a, b) for a, b in sc.get(kind, ())
                         if not (_gloss(s, a, b) or _numbers_kept(s[a:b], t)
                                 or _conversion(s, a, b, context.source_lang))]
                if len(src_n) > len(tc.get(kind, ())):
                    # asides of running prose folded into the sentence: style
                    src_n = [(a, b) for a, b in src_n if not _prose_aside(s, a, b, t)]
                # (a bracket whose content the source brackets too is no gloss:
                # 'Carbs (g)' -> '炭水化物（g）')
                tgt_n = [(a, b) for a, b in tc.get(kind, ())
                         if not _gloss(t, a, b) or f"({t[a + 1:b - 1].strip()})" in s]
                if len(src_n) == len(tgt_n):
                    continue
                dropped = len(src_n) > len(tgt_n)
                if not dropped:
                    code_s = sum(1 for a, b in src_n if _CODEISH_RE.search(s, a, b))
                    code_t = sum(1 for a, b in tgt_n if _CODEISH_RE.search(t, a, b))
                    if code_t <= code_s:
                        continue
            else:
                dropped = nt < ns
                if not dropped and kind == "[" and nt - ns <= _quotations(s):
                    # a UI label in [ ] where the source quotes it ('Open' ->
                    # [開く]): the Japanese and Chinese way of marking a label
                    continue
            if kind == "{" and ("plural" in s or "select" in s):
                continue  # ICU sub-messages differ by language
            what = _BR_NAMES[kind]
            msg = (
                f"The source has {ns} pair{'s' if ns != 1 else ''} of {what} but the "
                f"translation has {nt}."
            )
            if dropped:
                yield self.flag("target", len(t), len(t), "", msg)
            else:  # added brackets are mostly style: reported, but as neutral
                a, b = tc[kind][-1]
                yield self.flag_span("target", orig, a, b, msg, severity=Severity.NEUTRAL)


# --- quotation marks -------------------------------------------------------------------

_QUOTE_RE = re.compile('["“”„‟«»「」『』＂〝〞﹁﹂‹›]')
_TYPO_DOUBLE_RE = re.compile("[“”„«»「」『』]")
_FAMILY: dict[str, int] = {'"': 0, "＂": 0, "‹": 2, "›": 2}  # else 1: typographic double
_OPEN_CTX = frozenset("([{-–—/¿¡“„«‹「『‚‘")
_CLOSE_CTX = frozenset(".,;:!?…)]}-–—/”“»›」』’")
_NOT_AFTER_OPEN = frozenset(".,;:!?…)]}")
_NOT_BEFORE_CLOSE = frozenset("([{¿¡")


def _flank(text: str, i: int) -> str:
    """``open``/``close`` from the spacing around position ``i``, ``""`` when undecided."""
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    pre_open = not prev or prev.isspace() or prev in _OPEN_CTX or _is_code(prev)
    post_close = not nxt or nxt.isspace() or nxt in _CLOSE_CTX or _is_code(nxt)
    left = pre_open and bool(nxt) and not nxt.isspace() and nxt not in _NOT_AFTER_OPEN
    right = bool(prev) and not prev.isspace() and prev not in _NOT_BEFORE_CLOSE and post_close
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return ""


def _unspaced(ch: str) -> bool:
    """A letter of a script written without spaces between words (Thai, Lao, Tibetan,
    Myanmar, Khmer, CJK): a mark between two of them may separate words."""
    return ("\u0e00" <= ch <= "\u109f" or "\u1780" <= ch <= "\u17ff"
            or ch >= "\u2e80")


def _proclitic(text: str, i: int) -> bool:
    """Whether the mark at ``i`` follows a one-letter Arabic or Hebrew word written
    onto the next one (the conjunction ``و``, ``ف``, ``ب``, ``ل``: ``و"أنه``; Hebrew
    ``ש``, ``ו``, ``כ``, ``ה``: ``ש“זה``): the mark opens a quotation there, it is not
    inside a word. Hebrew gershayim stand before an abbreviation's last letter
    (``צה"ל``, ``ש"ח``), so a mark with one letter after it is not a proclitic's."""
    if i and (i == 1 or not text[i - 2].isalpha()):
        sc = _script(text[i - 1])
        if sc == "ARABIC":
            return True
        if sc == "HEBREW":
            return not gershayim(text, i)
    return False


def gershayim(text: str, i: int) -> bool:
    """Whether the mark at ``i`` (``"``, ``״``, ``“``, ``”``) is Hebrew gershayim: between
    Hebrew letters, before the last letter of an abbreviation (``צה"ל``, ``דוא"ל``,
    ``ארה“ב``, ``ש"ח``), by Hebrew orthography."""
    n = len(text)
    if not (0 < i < n - 1) or _script(text[i - 1]) != "HEBREW" or _script(text[i + 1]) != "HEBREW":
        return False
    return i + 2 >= n or not text[i + 2].isalpha()


def scan_quotes(
    text: str, lang: str | None
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """``(unmatched, pairs)`` of the double quotation marks of ``text``.

    ``unmatched`` holds ``(position, family)``; ``pairs`` ``(start, end, family)`` with
    family 0 = ASCII ``"``, 1 = typographic double marks (nesting freely: ``«…“…”…»``),
    2 = ``‹ ›``. A mark's role comes from the spacing around it, else from the
    language's conventions (German ``“`` closes), else it toggles. Single quotes are
    apostrophes far too often to be checked.
    """
    roles = quote_roles(lang)
    stacks: dict[int, list[int]] = {}
    unmatched: list[tuple[int, int]] = []
    pairs: list[tuple[int, int, int]] = []
    for m in _QUOTE_RE.finditer(text):
        i = m.start()
        ch = m.group()
        fam = _FAMILY.get(ch, 1)
        if (0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
                and not (_unspaced(text[i - 1]) or _unspaced(text[i + 1])
                         or _proclitic(text, i))):
            continue  # inside a word: Hebrew gershayim (צה"ל, ארה“ב), not a quotation mark
        # ASCII and typographic double marks pair with each other („…" is a pair of
        # mixed styles, not two unpaired marks); ‹ › only among themselves
        stack = stacks.setdefault(2 if fam == 2 else 0, [])
        role = _flank(text, i)
        if not role:
            role = roles.get(ch, "")
            if role == "close" and not stack and i + 1 < len(text) and text[i + 1].isalpha():
                # nothing is open and a word follows: the same mark opens here too
                # (”…” in Swedish and Finnish typography, and as many write it)
                role = "open"
        if not role:
            role = "close" if stack and text[stack[-1]] == ch else "open"
        if role == "open":
            stack.append(i)
        elif stack:
            a = stack.pop()
            pairs.append((a, i + 1, _FAMILY.get(text[a], 1)))
        else:
            unmatched.append((i, fam))
    for stack in stacks.values():
        unmatched.extend((i, _FAMILY.get(text[i], 1)) for i in stack)
    unmatched.sort()
    return unmatched, pairs


#: Languages whose ordinary typography includes straight quotes ("…"): a target using
#: them is not flagged unless the option ``typographic`` asks for curly ones.
STRAIGHT_QUOTES_OK = frozenset({"en"})

_QUOTED_WORDS = 4  # a quotation this long is a statement, not a name or a title
_SINGLE_RE = re.compile("['‘’‚‹›]")
# any mark that can stand for quotation: doubles, singles, CJK corner brackets,
# guillemets, the Hebrew geresh/gershayim and the prime-like marks
_ANY_QUOTE_RE = re.compile("[\"“”„‟«»「」『』＂〝〞﹁﹂‹›'‘’‚‛״׳′″]")


def _single_quotes(text: str) -> bool:
    """Whether ``text`` has a single quotation mark that is not an apostrophe inside a
    word (``don't``, ``l'eau``): one with no letter on at least one side."""
    for m in _SINGLE_RE.finditer(text):
        i = m.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if not (before.isalnum() and after.isalpha()):
            if before.isalpha() and (after.isspace() or not after) and m.group() in "'’":
                # "Dragons' Den", "Jones' car": a possessive apostrophe, or a closing
                # quote; ambiguous, so it counts only with an opening partner before
                if "'" not in text[:i] and "‘" not in text[:i]:
                    continue
            return True
    return False


#: a dash between spaces after a clause: the attribution of direct speech in the
#: dialogue-dash style („Text, – sakė jis.“; «Текст, — сказал он»)
_SPEECH_DASH_RE = re.compile(r"[,.!?…]?\s[–—]\s")
_LEAD_DASH_RE = re.compile(r"\s*[–—]\s")
_TRAIL_RE = re.compile(r"[\s.,;:!?…]*")


def _dialogue_continued(text: str, i: int) -> bool:
    """Whether the unpaired mark at ``i`` belongs to a quotation that goes on in
    another sentence in the dialogue-dash style (Lithuanian, Hungarian, Polish): an
    opening mark followed by a dash attribution (``„Ma már… – mondja.``), or a
    closing mark at the end of a sentence that starts with a dash (``– Nincs.”``)."""
    if _flank(text, i) == "close" or (i and _TRAIL_RE.fullmatch(text, i + 1)):
        return bool(_LEAD_DASH_RE.match(text)) and bool(_TRAIL_RE.fullmatch(text, i + 1))
    return _SPEECH_DASH_RE.search(text, i + 1) is not None


class QuotesCheck(Check):
    """Unpaired quotation marks in the target (when the source's pair up), and ASCII
    ``"..."`` in a target whose language has typographic quotes where the source used
    typographic ones (option ``typographic = true``: also when the source used ASCII
    quotes, as a neutral finding). Apostrophes (``l'intelligenza``, ``don't``) and single
    quotes are never checked.
    """

    id = "quotes"
    name = "Quotation marks"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Unpaired quotation marks; ASCII quotes where the language has its own."

    def skip_reason(self, context: CheckContext) -> str | None:
        """The part of the check that cannot judge this language, if any."""
        if context.target_lang and quote_pairs(context.target_lang) is None:
            return ("its quotation-mark style is not known: only unpaired quotation "
                    "marks are checked")
        return None

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        # a plain function: the common unit with nothing to look at costs no generator
        t = segment.target
        if not t:
            return ()
        if _QUOTE_RE.search(t) is None:
            s = segment.source
            if not s or context.target_only or _QUOTE_RE.search(s) is None:
                return ()
            return self._lost(s, t, context)
        return self._run(segment, context)

    def _lost(self, s: str, t: str, context: CheckContext) -> Iterable[Finding]:
        """The source quotes something (its marks pair up) and the translation has no
        quotation mark of any kind: the quotation was lost."""
        if quote_pairs(context.target_lang) is None:
            return  # how (and whether) the language marks direct speech is not known
        unmatched, pairs = scan_quotes(s, context.source_lang)
        if _single_quotes(t) or any(
            not (0 < m.start() < len(t) - 1 and t[m.start() - 1].isalpha()
                 and t[m.start() + 1].isalpha())
            for m in _ANY_QUOTE_RE.finditer(t)
        ):
            return  # a mark of any kind (an apostrophe inside a word is none: it's)
        if unmatched and not pairs:
            # a quotation opened (or closed) here and going on in another segment:
            # the translation should mark it too
            i = unmatched[0][0]
            if i and s[i - 1].isdigit():
                return  # 5'10": an inch mark
            # spacing decides, else the language (Japanese 「 opens after 。)
            role = _flank(s, i) or quote_roles(context.source_lang).get(s[i], "")
            if not (role == "open" or (role == "close" and _TRAIL_RE.fullmatch(s, i + 1))):
                return  # a mark mid-sentence ("Dragons" Den"): an apostrophe as often
            if _LEAD_DASH_RE.match(t):
                return  # the dialogue dash marks the speech instead
            yield self.flag_span(
                "source", s, i, i + 1,
                "The source opens or closes a quotation here; the translation has no "
                "quotation mark.",
            )  # fmt: skip
            return
        if unmatched or not pairs:
            return
        # a quoted name or title ("Yuan", „Тази сутрин“) often loses its marks by the
        # target's conventions; a quoted statement of several words does not
        long = [(a, b) for a, b, _fam in pairs if len(s[a + 1:b - 1].split()) >= _QUOTED_WORDS]
        if not long:
            return
        a, b = long[0]
        yield self.flag_span(
            "source", s, a, b,
            "The source puts this in quotation marks; the translation has none.",
        )  # fmt: skip

    def _run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t or _QUOTE_RE.search(t) is None:
            return
        s = segment.source
        tonly = context.target_only or not s
        tl = context.target_lang
        tu, tp = scan_quotes(t, tl)
        s_has = not tonly and _QUOTE_RE.search(s) is not None
        # A quotation may span several segments. Only a source whose quotation marks
        # all pair up (and has some) shows that this segment's quotations are closed
        # within it; a source with a mark without a partner, with single quotes used as
        # quotation marks ('I got bit!'), or with no quotation marks at all (some
        # translations drop them) cannot tell a continued quotation from an error.
        closed_in_source = not tonly and s_has and not (
            scan_quotes(s, context.source_lang)[0] or _single_quotes(s)
        )
        if closed_in_source or tonly:
            for i, _fam in tu:
                if _dialogue_continued(t, i):
                    continue
                yield self.flag_span(
                    "target", t, i, i + 1,
                    f"The quotation mark {_q(t[i])} has no partner in the translation.",
                )  # fmt: skip
        pairs = quote_pairs(tl)
        if pairs is None or '"' not in t:
            return
        typographic = context.option("typographic", None)
        if typographic is None and base_lang(tl) in STRAIGHT_QUOTES_OK:
            return  # straight quotes are ordinary typography there unless opted in
        severity: Severity | None = None
        if s_has and _TYPO_DOUBLE_RE.search(s):
            severity = self.severity
        elif context.option("typographic", False) and (tonly or '"' in s):
            severity = Severity.NEUTRAL
        if severity is None:
            return
        o, c = pairs[0]
        spaced = base_lang(tl) == "fr" and "ch" not in subtags(tl)[1:]
        for a, b, fam in tp:
            if t[a] != '"' or t[b - 1] != '"' or (a > 0 and t[a - 1] == "="):
                continue
            inner = t[a + 1 : b - 1]
            sug = f"{o}{NBSP}{inner.strip()}{NBSP}{c}" if spaced else f"{o}{inner}{c}"
            yield self.flag_span(
                "target", t, a, b,
                f"ASCII quotation marks where the target language uses {o}…{c}.",
                suggestion=sug,
                severity=severity,
            )  # fmt: skip


CHECKS: list[type[Check]] = [PunctuationCheck, BracketsCheck, QuotesCheck]

"""Text checks: capitalization and repeated words.

Both run on target-only documents too (``reviewer check --target FILE``): the
capitalization check then flags a segment (a line or paragraph) of a cased language
that starts with a lowercase letter, and a sentence inside it that does, with no
source to compare against (see :meth:`CapitalizationCheck.run`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from unicodedata import category as _category
from typing import Iterable

from ..lang import (
    ABBREVIATIONS,
    LOWERCASE_BRANDS,
    base as base_lang,
    has_case,
    marks,
    repeat_allowed,
)
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = ["CapitalizationCheck", "RepeatedWordCheck", "CHECKS", "capitalize_word"]

# Skipped before the first word: spaces, opening punctuation, accelerators; bullets
# only when a space follows ("- item", not the option "-G").
_LEAD_SKIP = frozenset(" \t\n\r\u00a0\u202f\u2009¿¡([{«»\"'“”„‘’‚‹›&_~…「『【（")
_BULLETS = frozenset("*•·-–—#>")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_IDENT_RE = re.compile(r"[\d_@/\\%{}$<>=]|://|\w\.\w")
_CASE_WORD_RE = re.compile(r"(?<!\w)[^\W\d_]{2,}(?!\w)")
_SENT_SRC_RE = re.compile(r"(?<=[^\W\d_])\.\s+(?=[^\W\d_])")
_SENT_TGT_RE = re.compile(r"(?<=[^\W\d_])\.[ \t\u00a0]+(?=[^\W\d_])")
# Target-only: what marks a segment as the continuation of an earlier one.
_CONTINUED = ("…", "...", "⋯")
# Target-only: lowercase words of 5+ letters that end in a full stop as abbreviations
# (the shorter ones are never taken for a sentence end anyway).
_LONG_ABBREVIATIONS = frozenset({"aprox", "approx", "abbrev", "beisp", "sogen", "compl"})


def _first(text: str) -> int:
    """Index of the first character after leading spaces, opening marks and codes."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _LEAD_SKIP or "\ue000" <= ch <= "\uf8ff":
            i += 1
        elif ch in _BULLETS and i + 1 < n and text[i + 1] in " \t\u00a0":
            i += 2
        else:
            break
    return i


def _token_at(text: str, i: int) -> str:
    j, n = i, len(text)
    while j < n and not text[j].isspace():
        j += 1
    return text[i:j]


def capitalize_word(word: str, lang: str | None) -> str:
    """``word`` with its first letter in upper case, by the rules of ``lang``
    (Turkish ``i`` -> ``İ``, Dutch ``ij`` -> ``IJ``)."""
    if not word:
        return word
    b = base_lang(lang)
    first = word[0]
    if b in ("tr", "az") and first in "iı":
        return ("İ" if first == "i" else "I") + word[1:]
    if b == "nl" and word[:2] == "ij":
        return "IJ" + word[2:]
    return first.upper() + word[1:]


def _upper_text(text: str, lang: str | None) -> str:
    if base_lang(lang) in ("tr", "az"):
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def _lowercase_name(token: str) -> bool:
    """True for tokens that legitimately start lowercase: iPhone, eBay, npm, x86."""
    core = token.strip(".,;:!?()[]{}\"'«»“”‘’")
    if any(c.isupper() for c in core[1:]):
        return True
    return core.lower() in LOWERCASE_BRANDS or _IDENT_RE.search(core) is not None


def _in_source(word: str, source: str) -> bool:
    """True when a lowercase word of 3+ letters occurs as a word in the source too: a
    term kept from it (``fstat``, ``opendir``), not a sentence start to capitalize."""
    if len(word) < 3 or word not in source:
        return False
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", source) is not None


def _is_caps(text: str) -> bool:
    """True when ``text`` is in ALL CAPS: 2+ all-capital words of 4+ letters and no word
    (2+ letters) with a lowercase letter. Identifiers (``BISECT_WRITE``) do not count."""
    m = _CASE_WORD_RE.search(text)  # the first word decides most texts at once
    if m is None:
        return False
    w = m.group()
    if not w.isupper() and w != w.upper():
        return False
    up = 0
    for m in _CASE_WORD_RE.finditer(text, m.start()):
        w = m.group()
        if w.isupper():
            if len(w) >= 4:
                up += 1
        elif w != w.upper():
            return False
    return up >= 2


def _mostly_cased(text: str) -> bool:
    """Whether most letters of ``text`` are of a script with capitals: a Japanese or
    Korean sentence with 'HIV' and 'LGBT' in it is not written in capitals."""
    cased = other = 0
    for c in text:
        if c.isalpha():
            if c.lower() != c.upper():
                cased += 1
            else:
                other += 1
    return cased > other


def _has_lower_word(text: str) -> bool:
    """True when a word (2+ letters) of ``text`` has a lowercase letter."""
    for m in _CASE_WORD_RE.finditer(text):
        w = m.group()
        if w != w.upper():
            return True
    return False


class CapitalizationCheck(Check):
    """The target starts lowercase where the source starts with a capital; a sentence of
    the target starts lowercase after ``. `` where the source's sentences start with
    capitals; the target is in ALL CAPS while the source is not, or the reverse.

    Not flagged: sources starting with an identifier, number, placeholder or URL;
    caseless target scripts; targets starting with a lowercase brand (iPhone, eBay);
    sentence starts after abbreviations (``ecc.``, ``z. B.``, ``e.g.``).

    Target-only documents (``context.target_only``: no source to compare with): a
    segment starting with a lowercase letter is flagged (the lower-case headings of a
    machine translation), and so is a sentence inside it that starts lowercase after a
    full stop, unless the segment starts with a lowercase brand (iPhone, eBay), an
    identifier, code, URL or number, continues an earlier one (``…``, ``...``) or is
    a list item ending in ``,`` or ``;``. ALL CAPS is not judged without a source.
    """

    id = "capitalization"
    name = "Capitalization"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Initial capital letters and ALL CAPS that differ from the source."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        s = segment.source
        if context.target_only:
            if t and has_case(context.target_lang):
                yield from self._target_only(t, context.target_lang, context.resource)
            return
        if not t or not s:
            return
        tl = context.target_lang
        if not has_case(tl):
            return
        found = False
        si, ti = _first(s), _first(t)
        if si < len(s) and ti < len(t) and t[ti].islower() and (
            s[si].isupper()
            # a source in a script without case (Chinese, Hindi, Arabic): the target
            # is judged as a text of its own
            or (s[si].isalpha() and s[si].lower() == s[si].upper() and _starts_sentence(t, ti))
        ):
            stok, ttok = _token_at(s, si), _token_at(t, ti)
            m = _WORD_RE.match(t, ti)
            if (
                m is not None
                and _IDENT_RE.search(stok) is None
                and not _lowercase_name(ttok)
                and not _in_source(m.group(), s)
                and not (ti > 0 and t[ti - 1 : ti + 2] in ("'s ", "'t ", "’s ", "’t "))
            ):
                found = True
                yield self.flag_span(
                    "target", t, m.start(), m.end(),
                    "The translation starts with a lowercase letter but the source "
                    "starts with a capital.",
                    suggestion=capitalize_word(m.group(), tl),
                )  # fmt: skip
        if ". " in t:
            yield from self._sentences(s, t, tl)
        if not found:
            yield from self._all_caps(s, t, tl)

    def _target_only(self, t: str, tl: str | None, resource: bool = False) -> Iterable[Finding]:
        """The target-only rules: a segment or a sentence starting lowercase. An app's
        resource string may start lowercase by design (a fragment joined to others at
        run time: "%{user} viewed", "ago"): there only the sentences inside it count."""
        ti = _first(t)
        if not resource and ti < len(t) and t[ti].islower() and _starts_sentence(t, ti):
            m = _WORD_RE.match(t, ti)
            if m is not None:
                yield self.flag_span(
                    "target", t, m.start(), m.end(),
                    "The segment starts with a lowercase letter.",
                    suggestion=capitalize_word(m.group(), tl),
                )  # fmt: skip
        if ". " not in t and ".\t" not in t and ".\u00a0" not in t:
            return
        for sm in _SENT_TGT_RE.finditer(t):
            i = sm.end()
            if not t[i].islower() or not _after_sentence_end(t, i):
                continue
            yield from self._lower_start(t, i, tl, "A sentence starts with a lowercase letter.")

    def _lower_start(self, t: str, i: int, tl: str | None, message: str) -> Iterable[Finding]:
        """Flag the word starting at ``i`` (a lowercase sentence start), unless it is a
        name written in lower case (iPhone, eBay)."""
        if _lowercase_name(_token_at(t, i)):
            return
        m = _WORD_RE.match(t, i)
        if m is not None:
            yield self.flag_span(
                "target", t, m.start(), m.end(), message,
                suggestion=capitalize_word(m.group(), tl),
            )  # fmt: skip

    def _sentences(self, s: str, t: str, tl: str | None) -> Iterable[Finding]:
        starts = [m.end() for m in _SENT_TGT_RE.finditer(t)]
        if not starts or not any(t[i].islower() for i in starts):
            return
        upper_src = sum(1 for m in _SENT_SRC_RE.finditer(s) if s[m.end()].isupper())
        if upper_src < len(starts):
            return  # the source has fewer sentence starts: some are abbreviations
        for i in starts:
            if not t[i].islower():
                continue
            # the word before the full stop: 5+ lowercase letters
            prev, _ = _word_before_stop(t, i)
            if len(prev) < 5 or not prev.islower():
                continue
            yield from self._lower_start(
                t, i, tl, "A sentence of the translation starts with a lowercase letter."
            )

    def _all_caps(self, s: str, t: str, tl: str | None) -> Iterable[Finding]:
        if _is_caps(s) and _mostly_cased(s):
            if _has_lower_word(t):
                yield self.flag_span(
                    "target", t, 0, len(t),
                    "The source is in capitals but the translation is not.",
                    suggestion=_upper_text(t, tl),
                )  # fmt: skip
        elif _is_caps(t) and _has_lower_word(s):
            yield self.flag_span(
                "target", t, 0, len(t),
                "The translation is in capitals but the source is not.",
            )  # fmt: skip


def _starts_sentence(t: str, ti: int) -> bool:
    """Target-only: True when the lowercase letter at ``ti`` (the first of the segment,
    see :func:`_first`) really starts a sentence that should take a capital."""
    lead = t[:ti]
    if any(c in lead for c in _CONTINUED) or t.lstrip().startswith(_CONTINUED):
        return False  # "… e altro": the segment continues an earlier one
    if _lowercase_name(_token_at(t, ti)):
        return False  # iPhone, eBay, npm, config.json, https://…, x86
    if _IDENT_RE.search(_token_at(t, len(t) - len(t.lstrip()))) is not None:
        return False  # {count} file, <b>nome</b>, $HOME
    if ti > 0 and t[ti - 1 : ti + 2] in ("'s ", "'t ", "’s ", "’t "):
        return False  # Dutch 's avonds, 't is
    if t.rstrip()[-1:] in (",", ";"):
        return False  # a list item continuing the sentence that introduced it
    return True


def _word_before_stop(t: str, i: int) -> tuple[str, int]:
    """The letters just before the last full stop ahead of ``i``, and where they start."""
    j = i
    while t[j - 1] != ".":
        j -= 1
    k = j - 1
    while k > 0 and t[k - 1].isalpha():
        k -= 1
    return t[k : j - 1], k


def _after_sentence_end(t: str, i: int) -> bool:
    """Target-only: True when the word before the full stop ahead of ``i`` ends a
    sentence: 5+ lowercase letters and not a known abbreviation."""
    prev, k = _word_before_stop(t, i)
    if len(prev) < 5 or not prev.islower():
        return False
    if k > 0 and t[k - 1] == ".":
        return False  # "z.b.", "www.example. com"
    return prev not in ABBREVIATIONS and prev not in _LONG_ABBREVIATIONS


#: Languages in which a word said twice in a row is grammar (full reduplication:
#: Bengali 'বড় বড়', Hindi and Urdu 'धीरे धीरे', Persian 'کم کم', Turkish 'yavaş yavaş',
#: Vietnamese 'khăng khăng'), where the check cannot tell a slip from it and judges
#: only words of one letter and its signs (a Hindi postposition: 'से से', 'की की'),
#: which do not reduplicate (see ``skip_reason``). Measured, not guessed: in the NTREX-128 references
#: (1,997 clean sentences a language) these repeat 3.5 to 15 distinct words in a row
#: per 1,000 sentences where the English source repeats none, and reading them, they
#: are reduplications; every other language 0 to 2.5, slips and the language's own
#: allowed pairs ('nous nous', 'die die'), except Swedish (3.5: 'det det', 'med med',
#: slips). ``python benchmarks/bench_noise.py --repeats`` prints the measure.
#: Languages that write reduplication with a hyphen (Indonesian, Malay 'jalan-jalan'),
#: a repetition mark (Thai 'ๆ') or without spaces (Chinese, Japanese) never match the
#: check's pattern.
REDUPLICATING = frozenset({"bn", "hi", "ur", "fa", "tr", "vi"})

_REPEAT_RE = re.compile(
    r"(?<![\w'’\-])([^\W\d_]+)(?=([^\S\n]+)(\1)(?![\w'’\-]))", re.IGNORECASE
)


_DOUBLED_ACRONYM_RE = re.compile(r"\b[A-Z]*([A-Z])\1[A-Z]*\b")


@lru_cache(maxsize=1)
def _repeat_marked() -> re.Pattern[str]:
    """``_REPEAT_RE`` for text with combining marks: a word is letters and marks
    (Devanagari 'से' is one word, not 'स' and a sign)."""
    m = marks()
    return re.compile(
        rf"(?<![\w'’\-{m}])([^\W\d_](?:[^\W\d_]|[{m}])*)"
        rf"(?=([^\S\n]+)(\1)(?![\w'’\-{m}]))",
        re.IGNORECASE,
    )


def _no_marks(text: str) -> bool:
    """A cheap sufficient test that ``text`` has no combining mark: they all lie at
    U+0300 or above, so text below it (Latin-1, Latin Extended) has none; then the
    plain patterns match exactly as the mark-aware ones (whose compiling, with every
    mark of Unicode in a class, costs a cold start ~50 ms). Above it (Cyrillic, Greek,
    Han...) the distinct characters are asked: most scripts' texts have no mark."""
    return text.isascii() or max(text) < "\u0300" or not any(
        _category(c)[0] == "M" for c in set(text))


def _repeat_re(text: str) -> re.Pattern[str]:
    return _REPEAT_RE if _no_marks(text) else _repeat_marked()


_LEAD_LETTERS_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _lead_marked() -> re.Pattern[str]:
    m = marks()
    return re.compile(rf"[^\W\d_](?:[^\W\d_]|[{m}])*")


def _may_repeat(text: str) -> bool:
    """A cheap necessary condition for ``_REPEAT_RE``: two neighbouring words where the
    second's leading letters end the first (``the the``, ``foo,the the.``), compared
    in a case folding at least as loose as the regex's ``IGNORECASE``."""
    folded = text.upper().lower()  # may hold a mark the text has not ('ǰ' -> 'J̌')
    words = folded.split()
    lead = _LEAD_LETTERS_RE if _no_marks(folded) else _lead_marked()
    for a, b in zip(words, words[1:]):
        if b.isalpha():
            if a.endswith(b):
                return True
        else:
            m = lead.match(b)
            if m is not None and a.endswith(m.group()):
                return True
    return False


def _one_letter(word: str) -> bool:
    """Whether ``word`` is one letter with its combining signs ('से', 'की')."""
    return sum(1 for c in word if _category(c)[0] == "L") == 1 and len(word) > 1


class RepeatedWordCheck(Check):
    """The same word twice in a row in the target (``the the``, ``di di``), unless the
    source repeats that word or has as many repetitions, or the language allows it
    (``nous nous``, ``die die``, ``that that``: :func:`reviewer.lang.repeat_allowed`).
    Line breaks between the two do not count; neither do numbers."""

    id = "repeated-word"
    name = "Repeated word"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "A word repeated twice in a row."

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why the check cannot judge the target language (None: it can)."""
        if base_lang(context.target_lang) in REDUPLICATING:
            return ("words said twice are grammar in this language (reduplication): "
                    "only words of one letter and its signs are judged")
        return None

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        # a plain function: the common unit with nothing to look at costs no generator
        t = segment.target
        if not t or not _may_repeat(t):
            return ()
        return self._run(segment, context)

    def _run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t or " " not in t and "\t" not in t and "\u00a0" not in t:
            return
        if not _may_repeat(t):
            return
        tl = context.target_lang
        rx = _repeat_re(t)
        hits = [m for m in rx.finditer(t) if not repeat_allowed(m.group(1), tl)]
        if base_lang(tl) in REDUPLICATING:
            # 'সাথে সাথে', 'yavaş yavaş', 'khăng khăng': grammar, not a slip; a
            # postposition of one letter and its vowel sign said twice ('से से',
            # 'की की') is no reduplication
            hits = [m for m in hits if _one_letter(m.group(1))]
        if not hits:
            return
        s = segment.source
        if s and _DOUBLED_ACRONYM_RE.search(s):
            # 'CNN' spelt out letter by letter in another script ('سي إن إن'):
            # a doubled letter of an acronym in the source, not a repeated word
            hits = [m for m in hits if len(m.group(1)) > 3]
            if not hits:
                return
        if s:
            src = [x.group(1).lower() for x in _repeat_re(s).finditer(s)]
            if len(src) >= len(hits):
                return  # the source repeats as often: deliberate, or its typo copied
        else:
            src = []
        for m in hits:
            word = m.group(1)
            if word.lower() in src:
                continue
            a = m.end(1)
            b = a + len(m.group(2)) + len(m.group(3))
            yield self.flag_span(
                "target", t, a, b,
                f"The word {'“' + word + '”'} is repeated.",
                suggestion="",
            )  # fmt: skip


CHECKS: list[type[Check]] = [CapitalizationCheck, RepeatedWordCheck]

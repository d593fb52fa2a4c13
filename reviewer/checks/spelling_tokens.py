"""The words of a text as the spelling check sees them (iter_words): URLs, e-mails,
placeholders, paths and code skipped; elisions, clitics and hyphenated compounds split."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple, Sequence

from .links import find_emails, find_urls


# --- tokens ---------------------------------------------------------------------------

_SKIP_RE = re.compile(
    r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGcr@%]"  # printf
    r"|\{\{?[^{}\s]*\}?\}"  # {x}, {{x}}
    r"|\$\{?\w+\}?"  # $VAR, ${x}
    r"|&#?\w+;"  # entities
    r"|\\[nrt]"  # escapes
    r"|<[^<>\s][^<>]*>"  # tags
    r"|`[^`]*`"  # code
    r"|[@#](?<![\w][@#])\w+"  # mentions, hashtags (not preceded by a word character)
    r"|(?:~|\.{1,2})?/[\w.\-]+(?:/[\w.\-]*)+"  # paths
)
# Every alternative above opens with a mark, so the engine scans for those; Windows
# paths (opening with any letter) get their own pattern, run only on "X:\" texts.
_WINPATH_RE = re.compile(r"[A-Za-z]:\\\S*")
_DOTTED_RE = re.compile(r"(?<![\w'’])\w+(?:\.\w+)+")  # domains, file.ext, e.g, 3.5
_DOT_IN_WORD_RE = re.compile(r"\w\.\w")
_SPECIAL = frozenset("%{$&\\<`@#/:")
_HAS_DIGIT_RE = re.compile(r"[\d_]")
_RUN_RE = re.compile(r"[^\W\d_]+")  # letter runs: every checked word is one (or its start)
# words: word characters and the combining accents of decomposed text (NFD
# 'Kapita\u0308n' is one word, not 'Kapita' and 'n')
_TOKEN_RE = re.compile(r"\w[\w\u0300-\u036f]*(?:['’\-]\w[\w\u0300-\u036f]*)*")
_OPENERS = frozenset("\"'«»“”„‘’‚‹›([{¿¡-–—•*·>")
_ENDERS = frozenset(".!?:…。！？")
_NEXT_RE = re.compile(r"[ \u00a0]+(\w)")
_NT_KEEP = frozenset({"can", "won", "don"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


class Word(NamedTuple):
    """A word to check: span, text, sentence-initial?, after an elision apostrophe?"""

    start: int
    end: int
    text: str
    initial: bool
    elided: bool


@lru_cache(maxsize=4096)
def skip_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of URLs, e-mails, placeholders, paths and code-like tokens in ``text``."""
    spans: list[tuple[int, int]] = []
    if "." in text or "@" in text:
        spans += [(a.start, a.end) for a in find_urls(text)]
        spans += [(a.start, a.end) for a in find_emails(text)]
        if _DOT_IN_WORD_RE.search(text):
            spans += [m.span() for m in _DOTTED_RE.finditer(text)]
    if not _SPECIAL.isdisjoint(text):
        spans += [m.span() for m in _SKIP_RE.finditer(text)]
        if ":\\" in text:
            spans += [m.span() for m in _WINPATH_RE.finditer(text)]
    spans.sort()
    return tuple(spans)


def is_sentence_initial(text: str, pos: int) -> bool:
    """True when the word at ``pos`` starts the text, a line or a sentence."""
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch == "\n":
            return True
        if ch.isspace() or ch in _OPENERS or "\ue000" <= ch <= "\uf8ff":
            i -= 1
            continue
        return ch in _ENDERS
    return True


def _gap_initial(gap: str, first: bool) -> bool:
    """:func:`is_sentence_initial` for a word whose preceding text back to the previous
    token (or the text start, ``first``) is ``gap``: the token before ends in a word
    character, which decides "not initial" when the gap holds nothing decisive."""
    for ch in reversed(gap):
        if ch == "\n":
            return True
        if ch.isspace() or ch in _OPENERS or "\ue000" <= ch <= "\uf8ff":
            continue
        return ch in _ENDERS
    return first


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def iter_words(text: str) -> tuple[Word, ...]:
    """The checkable words of ``text``: tokens outside :func:`skip_spans`, without
    digits or underscores, split at hyphens and apostrophes as described above."""
    return _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    return tuple(_gen_words(text))


_SPLIT_HYPHEN = re.compile(r"(-)")
_SPLIT_APOS = re.compile(r"['’]")
_BEFORE_SKIP = frozenset("$%{\\&@#")
_JOINERS = frozenset("-'’")


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """Sorted ``spans`` merged into disjoint intervals (a token overlaps one of them
    exactly when it overlaps one of ``spans``), or None when a span is empty."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if b <= a:
            return None
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _gen_words(text: str) -> Iterator[Word]:
    spans = skip_spans(text)
    merged = _merged(spans) if spans else []
    j, nm = 0, len(merged) if merged is not None else 0
    prev = prev_start = 0
    first = True
    has_digit = _HAS_DIGIT_RE.search
    for m in _TOKEN_RE.finditer(text):
        start, end = m.span()
        p, ps = prev, prev_start
        was_first = first
        prev, prev_start, first = end, start, False
        tok = m.group()
        alpha = tok.isalpha()  # the common token: letters only (no digit, no joiner)
        if not alpha and has_digit(tok):
            continue
        if merged is None:
            if _overlaps(spans, start, end):
                continue
        elif j < nm:
            while j < nm and merged[j][1] <= start:
                j += 1
            if j < nm and merged[j][0] < end:
                continue
        if start - p == 1 and not was_first and text[p] == " ":
            initial = False  # one space after the previous word: decided by that word
        else:
            gap = text[p:start]
            if gap and gap[-1] in _BEFORE_SKIP:
                continue
            initial = _gap_initial(gap, was_first)
            if initial and gap[:1] == "." and not was_first and _title_abbreviation(text[ps:p]):
                initial = False  # "Ms. Sumbung", "Dr. Moll": a name after a title
        if alpha or _JOINERS.isdisjoint(tok):
            yield Word(start, end, tok, initial, False)
            continue
        pos = start
        for part in _SPLIT_HYPHEN.split(tok):
            if part and part != "-":
                yield from _split_apostrophes(part, pos, initial)
                initial = False
            pos += len(part)


def _abbreviated(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is followed by a full stop that does not end
    a sentence: the next word starts lowercase ('bijv. ö', 'ca. drei', 'e.g. the')."""
    if text[end:end + 1] != ".":
        return False
    m = _NEXT_RE.match(text, end + 1)
    return m is not None and m.group(1).islower()


def _title_abbreviation(tok: str) -> bool:
    """Whether ``tok``, followed by a full stop, is a short capitalised abbreviation
    such as a title (Mr, Ms, Dr, St, Prof, Sra): the capitalised word after it is a
    name, not a sentence's first word."""
    return 2 <= len(tok) <= 4 and tok[:1].isupper() and tok[1:].islower() and tok.isalpha()


def _split_apostrophes(part: str, pos: int, initial: bool) -> Iterator[Word]:
    pieces = _SPLIT_APOS.split(part)
    if len(pieces) == 1:
        yield Word(pos, pos + len(part), part, initial, False)
        return
    last = pieces[-1]
    if len(last) <= 2 and last.lower() in _CLITICS:
        first = pieces[0]
        if last.lower() == "t" and first.lower().endswith("n") and first.lower() not in _NT_KEEP:
            first = first[:-1]  # isn't, doesn't (but can't, won't, don't)
        yield Word(pos, pos + len(first), first, initial, False)
        return
    first = pieces[0]
    if len(first) >= 2 and first[:1].isupper() and last[:1].islower():
        # 'Suriye'deki', 'Haberi'nden', 'Trump'ın': a case ending put on a name after
        # an apostrophe (Turkish, Azerbaijani), not an elided word ('dell'anno')
        return
    start = pos + len(part) - len(last)
    yield Word(start, start + len(last), last, False, True)


def _has_upper(t: str, start: int) -> bool:
    """True when ``t[start:]`` holds an uppercase character."""
    rest = t[start:]
    if rest.islower() or not rest:
        return False
    return any(c.isupper() for c in rest)


def name_form(w: Word) -> bool | None:
    """Whether a word is taken for a name (capitalised inside a sentence, or mixed
    case anywhere): None when it is not, else whether it is mixed-case ("OpenAI")."""
    t = w.text
    c0 = t[:1]
    if len(t) < 2 or not (c0.isupper() and c0.isalpha()):
        return None
    mixed = _has_upper(t, 1)
    return mixed if (not w.initial or mixed) else None

"""Rule checks for text a careful reviewer spots at a glance: words of the source left
in the translation, and punctuation stuck onto or into a word.

``untranslated-words``
    A run of letters in the source's script that the target language does not use
    (``Cyanuric acid and 三聚氰胺 were found``, ``Dr. टोनी Moll``), copied from the
    source; in a target of the source's own script (Latin to Latin, Cyrillic to
    Cyrillic), a lowercase word that the source language's lexicon knows, the target
    language's does not, and whose lemma or stem is in the source (``the 24jährigen
    motorcyclist``); a bare, uninflected word only when it cannot be a loanword the
    target's lexicon lacks (:func:`_maybe_loan`: grammar words never are). Latin
    words in a non-Latin target count only when lowercase words of the source's
    lexicon (names and brands stay in Latin); a bare one is minor, in either case. Scripts come from
    Unicode character names and CLDR (:mod:`reviewer.scripts`), lexicons from
    :mod:`reviewer.morph`. Without declared languages the scripts of the texts
    decide; within one script, only a copied word with a letter the rest of the
    translation never uses is reported (no lexicon can be chosen).
``stray-punctuation``
    A character that is not sentence punctuation (``~ _ ^ | \\ * #`` and the
    backtick) stuck to a word when the source has fewer of it; a comma, semicolon
    or colon between two lowercase letters of one word; an apostrophe or straight
    quote stuck to the end of a word that no quotation or possessive explains
    (``The park' covers``, ``melamine~ were``, ``in_ the``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from ..lang import FULLWIDTH_PUNCT, KNOWN_NAMES, LOWERCASE_BRANDS, SHARED_WORDS, base as base_lang
from .. import morph
from ..model import Finding, Segment, Severity
from ..scripts import dominant_script, language_scripts, letter_script, script_counts, script_runs
from .base import Check, CheckContext
from .punctuation import gershayim
from .verbatim import in_spans, international, kept_spans

__all__ = ["UntranslatedWordsCheck", "StrayPunctuationCheck", "CHECKS"]

_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]{3,}")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_TOKEN_RE = re.compile(r"\S+")
# tokens that are never translated: URLs, e-mail, paths, identifiers, placeholders
_CODELIKE_RE = re.compile(r"://|www\.|@|\w[./\\]\w|_|[{}%$<>=]|^[\[(\"'«„“]*-|\w-\w")


def _codelike(text: str, start: int, end: int) -> bool:
    """Whether the token around ``text[start:end]`` is code-like. The token ends at
    whitespace, and for an ASCII word also at letters of another script (Chinese
    and Japanese text has no spaces)."""
    ascii_word = text[start:end].isascii()

    def stop(ch: str) -> bool:
        return ch.isspace() or (ascii_word and not ch.isascii() and (ch.isalpha() or ch in "，。、：；"))

    a = start
    while a > 0 and not stop(text[a - 1]):
        a -= 1
    b = end
    while b < len(text) and not stop(text[b]):
        b += 1
    return bool(_CODELIKE_RE.search(text[a:b]))


_EXT_RE = re.compile(r"^[^\w\s.]*\.[^\W\d_]")


def _code_token(text: str, start: int, end: int) -> bool:
    """:func:`_codelike` for a word left untranslated: a file extension (``.bib``,
    ``*.jpg``) is code too; a hyphen joining letters of two scripts
    (``foreign-чуждестранни``) is not an identifier's."""
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    tok = text[a:b]
    if _EXT_RE.search(text[a:end]):
        return True
    if "-" in tok and not tok.isascii():
        # a hyphen next to letters of another script: code only by its other signs
        return bool(_CODELIKE_RE.search(tok.replace("-", "")))
    return _codelike(text, start, end)


def _adapted(text: str, end: int, start: int | None = None) -> bool:
    """Whether the word ending at ``end`` takes an ending after an apostrophe, the
    way Polish, Turkish, Estonian or Finnish inflect a foreign word (``bogey’a``,
    ``tweet'te``), or (``start`` given) follows an elided article, the way French
    and Italian take it into a sentence (``l’indentation``, ``dell’hashtag``): a
    word of the language's grammar, not one left by mistake."""
    if end + 1 < len(text) and text[end] in "'’" and text[end + 1].isalpha() and text[end + 1].islower():
        return True
    if start is not None and start >= 2 and text[start - 1] in "'’":
        m = re.search(r"(?<![^\W\d_])([^\W\d_]{1,4})$", text[max(0, start - 6) : start - 1])
        return m is not None and m.group(1).islower()
    return False


class UntranslatedWordsCheck(Check):
    """Words of the source's language or script left in the translation.

    Not reported: text kept as it is on purpose (:func:`reviewer.checks.verbatim.kept_spans`:
    placeholders, quotations and marked-up literals the source has too, icon and code
    elements, glosses in parentheses), file extensions, loans adapted with an
    apostrophe ending, and international vocabulary
    (:func:`reviewer.checks.verbatim.international`). Within one script, a language
    without a lexicon cannot be judged: see :meth:`skip_reason`.
    """

    id = "untranslated-words"
    name = "Untranslated words"
    category = "accuracy"
    severity = Severity.MAJOR
    description = "Words of the source language or script left untranslated in the translation."

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why words of one script cannot be judged for this pair, if they cannot."""
        sl, tl = context.source_lang, context.target_lang
        if not sl or not tl or base_lang(sl) == base_lang(tl):
            return None
        ls, lt = language_scripts(sl), language_scripts(tl)
        if ls and ls == lt and not morph.has_lexicon(tl):
            return (f"words of the source's script are not judged: no lexicon for "
                    f"{tl}")
        return None

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        src = segment.source
        tgt = segment.target or ""
        if not src or not tgt or src.strip() == tgt.strip() or context.target_only:
            return []
        sl, tl = context.source_lang, context.target_lang
        if sl and tl and base_lang(sl) == base_lang(tl):
            return []
        # a language not given (or one CLDR does not place): the scripts of the texts
        # say enough for letters of another script; comparing words of one script
        # needs both languages' lexicons (:meth:`_same_script`)
        ls = language_scripts(sl) or source_scripts(src)
        lt = language_scripts(tl) or target_scripts(tgt)
        if not ls or not lt:
            return []
        out: list[Finding] = []
        kept = _Kept(segment, sl, tl)
        if not (ls & lt):
            self._foreign_script(src, tgt, sl, tl, ls, lt, out, kept)
        elif ls == lt and len(ls) == 1:
            if sl and tl and morph.has_lexicon(sl) and morph.has_lexicon(tl):
                self._same_script(src, tgt, sl, tl, out, kept)
            elif tl and morph.has_lexicon(tl):
                # a source language without a lexicon (Vietnamese into English):
                # copied words the target's lexicon lacks, and foreign letters
                self._unknown_copies(src, tgt, tl, out, kept)
                if not out:
                    self._foreign_letters(src, tgt, out)
            elif not (sl and tl):
                self._foreign_letters(src, tgt, out)
        # scripts shared in part (Chinese and Japanese): not judged
        return out

    def _candidates(
        self, tgt: str, ls: frozenset[str], lt: frozenset[str]
    ) -> list[tuple[int, int, str]]:
        """Runs of the target's letters in a script of the source language and not of
        the target's, found without walking every character."""
        if "LATIN" in ls:
            return [(m.start(), m.end(), "LATIN") for m in _LATIN_WORD_RE.finditer(tgt)]
        if tgt.isascii():
            return []
        out = []
        for m in _NON_ASCII_RE.finditer(tgt):
            for a, b, script in script_runs(m.group()):
                if script in ls and script not in lt:
                    out.append((m.start() + a, m.start() + b, script))
        return out

    def _foreign_script(
        self, src: str, tgt: str, sl: str | None, tl: str | None, ls: frozenset[str],
        lt: frozenset[str],
        out: list[Finding],
        kept: _Kept,
    ) -> None:
        cands = self._candidates(tgt, ls, lt)
        if not cands:
            return
        tdom = dominant_script(tgt, 0.5)
        if tdom is not None and tdom in ls:
            # the target is written in the source's script after all (Serbian in
            # Latin letters under a plain "sr"): compare words instead
            if morph.has_lexicon(sl) and morph.has_lexicon(tl):
                self._same_script(src, tgt, sl, tl, out, kept)
            return
        spans: list[tuple[int, int, str, Severity | None]] = []
        for a, b, script in cands:
            if _code_token(tgt, a, b) or kept(a, b):
                continue
            word = tgt[a:b]
            sev = None
            if script == "LATIN":
                # Latin in a non-Latin target: names and brands stay in Latin; a
                # lowercase word of the source's language does not
                if not word.islower() or len(word) < 3:
                    continue
                if word.lower() in SHARED_WORDS or word.lower() in KNOWN_NAMES:
                    continue
                if not re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", src, re.I):
                    continue
                if _in_name(tgt, a, b) or not morph.is_known(word, sl):
                    continue  # "Brigham and Women's", "Newport on the Levee", "git push"
                if _quantity(tgt, a, src) or _compound(tgt, a, b, src, sl):
                    continue  # "(190 miles)" as the source has it; "fake news"
                lem = morph.lemma(word, sl) or word
                if not _inflected(word, lem, sl):
                    # a loan in a non-Latin text is written in its script (твит, ツイート);
                    # one its lexicon knows in Latin letters is accepted as it is
                    if morph.is_known(word, tl) or _listed(word, tl):
                        continue
                    if len(word) < 4:
                        continue  # bib, url, pod, kph: abbreviations and file types
                    sev = Severity.MINOR
            elif word not in src:
                continue  # not copied from the source: a quotation, a name in its script
            if spans and spans[-1][2] == script and tgt[spans[-1][1] : a].strip() == "":
                sev = sev if spans[-1][3] is not None else None
                spans[-1] = (spans[-1][0], b, script, sev)  # "टोनी मोल": one span
            else:
                spans.append((a, b, script, sev))
        for a, b, _script, sev in spans:
            out.append(self.flag_span(
                "target", tgt, a, b,
                f"'{tgt[a:b]}' is left untranslated (the source's script in the translation).",
                severity=sev,
            ))  # fmt: skip

    def _same_script(
        self, src: str, tgt: str, sl: str | None, tl: str | None, out: list[Finding],
        kept: _Kept,
    ) -> None:
        src_lemmas: set[str] | None = None
        src_words: set[str] | None = None
        src_low = src.lower()
        for m in _WORD_RE.finditer(tgt):
            w = m.group()
            if len(w) < 4 or not w.islower() or w[:4] not in src_low:
                continue  # (cheap) not even its stem is in the source
            # cheapest first: the target's lexicon (the largest to load) comes last
            if w in SHARED_WORDS or _code_token(tgt, m.start(), m.end()):
                continue
            if morph.is_known(w, tl) or _listed(w, tl):
                continue  # a word of the target language: never flagged, whatever
                # follows (asked first: no lemma, no simplemma import needed)
            if src_words is None:
                src_words = {x.lower() for x in _WORD_RE.findall(src)}
            lem = morph.lemma(w, sl) or w
            if w in src_words:
                # copied as it is: a word the source's lexicon lists, or one its
                # rules take for an inflected form ('evakuováno', 'tersebut')
                if not (morph.is_known(w, sl) or morph.is_lemma(w, sl) or lem != w):
                    continue
            elif not morph.is_known(w, sl):
                continue
            else:
                in_source = False
                if len(lem) >= 4:
                    if src_lemmas is None:  # the source's lemmas, made only when asked
                        src_lemmas = {morph.lemma(x, sl) or x for x in src_words}
                    in_source = lem in src_lemmas
                if not in_source and not any(_same_stem(w, x) for x in src_words):
                    continue
            if kept(m.start(), m.end()) or _adapted(tgt, m.end(), m.start()):
                continue
            if _quantity(tgt, m.start(), src) or _compound(tgt, m.start(), m.end(), src, sl):
                continue
            bare = not _inflected(w, lem, sl)
            if bare and (_maybe_loan(w, sl, tl, lem) or _adapted_elsewhere(tgt, w)):
                continue
            # a bare word may still be a loan no list has: minor, as in another script
            out.append(self.flag_span(
                "target", tgt, m.start(), m.end(),
                f"'{w}' is a word of the source language left untranslated.",
                severity=Severity.MINOR if bare else None,
            ))  # fmt: skip

    def _unknown_copies(self, src: str, tgt: str, tl: str, out: list[Finding], kept: _Kept) -> None:
        """A source language without a lexicon: a lowercase word copied from the
        source that the target's lexicon and word list lack and that is not
        international vocabulary ('trong' in English)."""
        src_words: set[str] | None = None
        for m in _WORD_RE.finditer(tgt):
            w = m.group()
            if len(w) < 4 or not w.islower() or w not in src:
                continue
            if src_words is None:
                src_words = {x for x in _WORD_RE.findall(src)}
            if w not in src_words or w in SHARED_WORDS or _code_token(tgt, m.start(), m.end()):
                continue
            if morph.is_known(w, tl) or _listed(w, tl) or kept(m.start(), m.end()):
                continue
            if _adapted(tgt, m.end()) or international(w, None, tl):
                continue
            out.append(self.flag_span(
                "target", tgt, m.start(), m.end(),
                f"'{w}' is copied from the source and is not a word of the translation's "
                "language: left untranslated?",
            ))  # fmt: skip


    def _foreign_letters(self, src: str, tgt: str, out: list[Finding]) -> None:
        """Languages not given, one script: a lowercase word copied from the source
        (or another inflection of a source word) with a letter that the rest of the
        translation never uses ("the 24jährigen motorcyclist"). Without lexicons
        this is the evidence there is; a word of plain letters is not judged."""
        if tgt.isascii() and src.isascii():
            return
        words = list(_WORD_RE.finditer(tgt))
        src_words: set[str] | None = None
        for m in words:
            w = m.group()
            if w.isascii() or len(w) < 4 or not w.islower():
                continue
            if _codelike(tgt, m.start(), m.end()):
                continue
            if src_words is None:
                src_words = {x.lower() for x in _WORD_RE.findall(src)}
            rest = "".join(x.group().lower() for x in words if x is not m and x.group() != w)
            if len(rest) < 20:
                continue  # too little text to know the translation's alphabet
            odd = [c for c in w if not c.isascii() and c not in rest]
            # the odd letter must come from the source word: "jährigen" of "jährige",
            # not "policía" next to "police" (a cognate, its own spelling)
            if not odd or not (w in src_words or any(
                _same_stem(w, x) and odd[0] in x and x.index(odd[0]) == w.index(odd[0])
                for x in src_words
            )):
                continue
            out.append(self.flag_span(
                "target", tgt, m.start(), m.end(),
                f"'{w}' is copied from the source, with a letter ('{odd[0]}') the rest of "
                "the translation never uses: left untranslated?",
            ))  # fmt: skip


def source_scripts(text: str) -> frozenset[str]:
    """The scripts of a text whose language is not given: the script of most of its
    letters and any other with at least a quarter of them (Japanese: Han and kana)."""
    counts = script_counts(text)
    total = sum(counts.values())
    if not total:
        return frozenset()
    top = max(counts.values())
    return frozenset(s for s, n in counts.items() if n == top or n >= 0.25 * total)


def target_scripts(text: str) -> frozenset[str]:
    """The scripts of a translation whose language is not given: the script of most of
    its letters (a few words left in another script are what the check looks for),
    with the scripts of Japanese or Korean (CLDR) when it has kana or Hangul: they
    write Han characters too."""
    dom = dominant_script(text, 0.5)
    if dom is None:
        return frozenset()
    out = {dom}
    present = {letter_script(ch) for ch in text if ch.isalpha()}
    for script, lang in (("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("HANGUL", "ko")):
        if script in present and (script == dom or dom in language_scripts(lang)):
            out |= language_scripts(lang)
    return frozenset(out)


def _same_stem(word: str, other: str) -> bool:
    """Whether two words share a stem of at least five letters that is most of the
    shorter one: another inflection of a source word ("jährigen" of "jährige")."""
    n = 0
    for a, b in zip(word, other):
        if a != b:
            break
        n += 1
    return n >= 5 and n >= 0.75 * min(len(word), len(other))


def _in_name(text: str, a: int, b: int) -> bool:
    """Whether the Latin word at ``text[a:b]`` is part of a stretch of Latin words
    with a capitalised one: a name or title kept in Latin letters."""
    i = a
    while i > 0 and (text[i - 1].isascii() and (text[i - 1].isalpha() or text[i - 1] in " '’-.&")):
        i -= 1
    j = b
    while j < len(text) and (text[j].isascii() and (text[j].isalpha() or text[j] in " '’-.&")):
        j += 1
    stretch = [w.strip(".'’") for w in text[i:j].split()]
    # a name (a capital), or code: a command line, a hyphenated identifier (a full
    # stop ending the sentence is not a dot of code: "... في country.")
    return any(w[:1].isupper() or "-" in w or "." in w
               for w in stretch if any(c.isalpha() for c in w)) or (
        len(stretch) > 1 and stretch[0] in KNOWN_NAMES | LOWERCASE_BRANDS
    )


def _adapted_elsewhere(text: str, word: str) -> bool:
    """Whether the translation also writes the word with its own ending
    ('Lifestylová značka lifestyle'): a loan the language uses."""
    w = word.casefold()
    if len(w) < 6:
        return False
    stem = w[:-1]
    return any(len(x) > len(w) and x.casefold().startswith(stem)
               and x.casefold()[len(w):] not in ("s", "es")
               for x in _WORD_RE.findall(text))


def _quantity(text: str, a: int, src: str) -> bool:
    """Whether the word at ``text[a:]`` follows a number, and the source has the same
    number and word: a quantity copied with its unit ("(190 miles)", "800 kph")."""
    m = re.search(r"(\d[\d.,]*)(\s?)$", text[max(0, a - 20) : a])
    if m is None:
        return False
    j = a
    while j < len(text) and text[j].isalpha():
        j += 1
    if not m.group(2) and j - a > 3:
        return False  # "24jährigen": a word written onto a number, not a unit
    return re.search(re.escape(m.group(1)) + r"\s?" + re.escape(text[a:j]) + r"(?!\w)", src) is not None


def _compound(text: str, a: int, b: int, src: str, sl: str | None) -> bool:
    """Whether the word at ``text[a:b]`` and one neighbour, both lowercase, form a
    two-word term copied from the source ("fake news", "green card", "back nine"):
    a borrowed expression. A run of three copied words or more is a phrase left
    untranslated, and a run with a grammar word (the, of) is one too."""
    def word_before(i: int) -> tuple[int, int] | None:
        m = re.search(r"([^\W\d_]+) $", text[max(0, i - 40) : i])
        return None if m is None else (i - len(m.group(0)), i - 1)

    def word_after(i: int) -> tuple[int, int] | None:
        m = re.match(r" ([^\W\d_]+)", text[i : i + 40])
        return None if m is None else (i + 1, i + 1 + len(m.group(1)))

    low = src.casefold()
    run = [(a, b)]
    while len(run) < 3:
        p = word_before(run[0][0])
        if p is None or not text[p[0]:p[1]].islower() or text[p[0]:run[-1][1]].casefold() not in low:
            break
        run.insert(0, p)
    while len(run) < 3:
        n = word_after(run[-1][1])
        if n is None or not text[n[0]:n[1]].islower() or text[run[0][0]:n[1]].casefold() not in low:
            break
        run.append(n)
    if len(run) != 2:
        return False
    return not any(_common(text[x:y], sl, GRAMMAR_RANK) for x, y in run)


def _loan(word: str, lemma: str, sl: str | None, tl: str | None) -> bool:
    """Whether a bare ``word`` is international vocabulary (or the plural of a word
    that is) and not among the source language's everyday words."""
    if _common(word, sl, FREQUENT_RANK):
        return False
    w = word.lower()
    plural = w != lemma and w.startswith(lemma) and w[len(lemma):] in ("s", "es")
    return international(word, sl, tl) or (plural and international(lemma, sl, tl))


def _maybe_loan(word: str, sl: str | None, tl: str | None, lemma: str | None = None) -> bool:
    """Whether a bare (uninflected) word of the source language may be a loanword
    that the target language's lexicon lacks (tsunami, staff, referendum, tweet).

    English is the main donor of loanwords today and has the largest lexicon, so it
    serves as the reference for international vocabulary: a bare word of an English
    source may be a loan; into another language, a word English knows too may be
    one. Into English, the lexicon knows its loans already.
    """
    if _common(word, sl):
        return False  # "their", "hours", "piece": everyday words are not borrowed bare
    if _foreign_plural(word, sl, tl):
        return False  # "purposes" in Czech: a loan would take the target's own ending
    if _listed(word, tl):
        return True  # the target language's word list has it: a loan it uses
    if base_lang(tl) == "en":
        return False  # the English lexicon knows the loans English uses
    # "million", "later", "still": frequent words stay translated
    return _loan(word, lemma or word.lower(), sl, tl)


#: Below this share of -s forms in its lexicon (:func:`reviewer.morph.suffix_share`),
#: a language does not make plurals with -s: a loan there takes its own endings.
S_PLURAL_SHARE = 0.005


def _adapting(tl: str | None) -> bool:
    """Whether ``tl`` makes no plurals with -s (see :data:`S_PLURAL_SHARE`): a loan
    there takes the language's own plural, or none ('i computer'), never the
    English -s. (Whether it keeps bare loans as they are, as Italian does, or
    inflects them, as Czech does, these figures cannot tell.)"""
    share = morph.suffix_share(tl)
    return share is not None and share < S_PLURAL_SHARE


def _foreign_plural(word: str, sl: str | None, tl: str | None) -> bool:
    """Whether ``word`` is the source language's -s plural of one of its lemmas
    ('purposes', 'batons') and the target language makes no plurals with -s
    (Czech, Polish, Finnish, Italian...): a word copied with its source inflection,
    not a loan."""
    w = word.lower()
    lem = morph.lemma(w, sl)
    if not lem or lem == w or w[len(lem):] not in ("s", "es") or not w.startswith(lem):
        return False
    return _adapting(tl)


#: How many of a language's most frequent words count as its grammar words (their,
#: until, first): never borrowed bare, unlike nouns (shopping, staff, deal).
COMMON_RANK = 300
#: The most frequent words of all (the, of, and, with): a run of copied words with
#: one is a phrase, not a borrowed two-word term.
GRAMMAR_RANK = 100
#: Beyond the grammar words, how many of the most frequent words a language's
#: everyday vocabulary holds ("million", "later", "chances"): a bare one in another
#: language is a word left, even when other languages share it.
FREQUENT_RANK = 2000


@lru_cache(maxsize=64)
def _common_floor(code: str, rank: int = COMMON_RANK) -> int | None:
    """The frequency of ``code``'s ``rank``-th most frequent word in its
    word-frequency list (pyspellchecker's, through the spelling check's loader), or
    ``None`` without a list."""
    from .spelling import dictionary

    d = dictionary(code)
    freqs = getattr(d, "_freqs", None)
    if d is None or freqs is None or len(freqs) < rank:
        return None
    return sorted(freqs, reverse=True)[rank - 1]


def _common(word: str, lang: str | None, rank: int = COMMON_RANK) -> bool:
    """Whether ``word`` is among the ``rank`` most frequent words of ``lang`` (False
    when the language has no frequency list)."""
    code = base_lang(lang)
    if not code:
        return False
    floor = _common_floor(code, rank)
    if floor is None:
        return False
    from .spelling import dictionary

    d = dictionary(code)
    return d is not None and (d.get(word.lower()) or 0) >= floor


@lru_cache(maxsize=64)
def _rarest(code: str) -> int | None:
    """The lowest frequency in ``code``'s word-frequency list: the tail of words
    seen too rarely to tell a word of the language from a stray foreign one."""
    from .spelling import dictionary

    d = dictionary(code)
    freqs = getattr(d, "_freqs", None)
    return min(freqs) if freqs is not None and len(freqs) else None


def _listed(word: str, lang: str | None) -> bool:
    """Whether ``lang``'s word-frequency list (where it has one) has ``word`` above
    its rarest tail."""
    code = base_lang(lang)
    if not code:
        return False
    floor = _rarest(code)
    if floor is None:
        return False
    from .spelling import dictionary

    d = dictionary(code)
    return d is not None and (d.get(word.lower()) or 0) > floor


class _Kept:
    """Whether a span of the translation is kept as it is on purpose
    (:func:`reviewer.checks.verbatim.kept_spans`), computed on first use."""

    __slots__ = ("segment", "sl", "tl", "spans")

    def __init__(self, segment: Segment, sl: str | None, tl: str | None) -> None:
        self.segment, self.sl, self.tl = segment, sl, tl
        self.spans: list[tuple[int, int]] | None = None

    def __call__(self, a: int, b: int) -> bool:
        if self.spans is None:
            s = self.segment
            self.spans = kept_spans(s.source, s.target or "", s.source_codes, s.target_codes,
                                    s.flags, self.sl, self.tl)
        return in_spans(self.spans, a, b)


def _inflected(word: str, lemma: str, lang: str | None = None) -> bool:
    """Whether ``word`` is an inflected form of ``lemma`` by more than a plural ``-s``
    (loanwords take one: tweets, foursomes): ``exchanged``, ``jährigen``. A form the
    lexicon lists as a lemma of its own is not (shopping, meeting: nouns, and the
    loans European languages take)."""
    w = word.lower()
    if w == lemma or (lang is not None and morph.is_lemma(w, lang)):
        return False
    if w.startswith(lemma) and w[len(lemma):] in ("s", "es"):
        return False
    return True


# Characters that are not sentence punctuation in any language's prose.
_ODD_RE = re.compile(r"[~_^|\\*#`]")
_INWORD_RE = re.compile(r"(?<=\S)[,;:](?=\S)")
_END_QUOTE_RE = re.compile(r"(?<=[^\W\d_])['’\"](?=[\s.,;:!?。，、！？)\]）]|$)")
_IN_QUOTE_RE = re.compile(r"(?<=[^\W\d_])[\"'’](?=[^\W\d_])", re.UNICODE)


_NO_SPACE = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"})
_QUOTE_MARKS = "\"“”„«»‘’‚「」『』"


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _wordchar(c: str) -> bool:
    return c.isalpha() or unicodedata.category(c) in ("Mn", "Mc")


class StrayPunctuationCheck(Check):
    """Punctuation stuck onto or into a word where the source has none."""

    id = "stray-punctuation"
    name = "Stray punctuation"
    category = "linguistic"
    severity = Severity.MINOR
    description = "A punctuation character stuck onto or inside a word (melamine~, in_ the)."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        src = segment.source
        tgt = segment.target or ""
        if not tgt or context.target_only or not src or src == tgt:
            return []
        out: list[Finding] = []
        if _ODD_RE.search(tgt):
            self._odd(src, tgt, out, context.target_lang)
        if _INWORD_RE.search(tgt):
            for m in _INWORD_RE.finditer(tgt):
                if self._inside_word(src, tgt, m.start(), context.target_lang):
                    out.append(self._flag(tgt, m.start(), "inside a word"))
                    break
        for c, alts in ((";", "；؛"), (":", "：")):
            if c not in tgt:
                continue
            if tgt.count(c) <= src.count(c) + sum(src.count(x) for x in alts):
                continue
            hit = self._colon_misplaced(src, tgt, c, context.target_lang)
            if hit is not None:
                out.append(self._flag(tgt, hit, "onto a word"))
                break
            for m in re.finditer(r"(?<=\w)" + c + r" (?=\w)", tgt):
                a, b = tgt[m.start() - 1], tgt[m.end()]
                if not _wordchar(a) or (c == ":" and (not b.isalpha() or b.isupper())):
                    continue
                j = m.start()
                while j > 0 and _wordchar(tgt[j - 1]):
                    j -= 1
                if tgt[j : m.start() + 1] in src or _codelike(tgt, j, m.start()):
                    continue  # "cc:" as in the source; "-vv:" an option
                if c == ";" and base_lang(context.target_lang) != "el":
                    # a semicolon the source lacks, stuck onto a word of a sentence
                    # (Greek asks with ';'): translators rarely add one, the source's
                    # commas stay commas
                    out.append(self._flag(tgt, m.start(), "onto a word"))
                    break
                if m.start() - j > 3 or not tgt[j].islower():
                    # after a longer word it may be the translator's own clause
                    # break; after a short lowercase one ("in;", "our:") it is not
                    continue
                out.append(self._flag(tgt, m.start(), "onto a word"))
                break
        if "'" in tgt or "’" in tgt or '"' in tgt:
            self._quotes(src, tgt, context.target_lang, out)
        return out

    @staticmethod
    def _colon_misplaced(src: str, tgt: str, c: str, tl: str | None = None) -> int | None:
        """Where an ASCII ``;`` or ``:`` (more of them than the source has) sits where
        no language puts one: between a letter and another punctuation mark
        ("US;-Politik", "报告;，"), or against a letter of a script written without
        spaces, whose colon is the full-width one ("针对:20")."""
        for m in re.finditer(re.escape(c), tgt):
            i = m.start()
            before = tgt[i - 1] if i else ""
            after = tgt[i + 1] if i + 1 < len(tgt) else ""
            if not before or not _wordchar(before):
                continue
            if _codelike(tgt, i, i + 1):
                continue
            if after and after in "-,.;:!?，。、；：" and before + c + after not in src:
                return i
            if letter_script(before) in _NO_SPACE and not (after.isdigit() and tgt[i - 1 : i].isdigit()):
                if not after or after.isspace() or letter_script(after) in _NO_SPACE:
                    # a Chinese or Japanese text's ASCII colon before a space, the
                    # end or a character: the punctuation check reports it (with the
                    # full-width suggestion); one finding per problem
                    if base_lang(tl) in FULLWIDTH_PUNCT:
                        continue
                return i
        return None

    @staticmethod
    def _splits_word(tgt: str, i: int, tl: str | None) -> bool:
        """Whether ``_`` or ``|`` at ``tgt[i]`` is stuck onto or into a word of the
        language ("ausge_tauscht", "in_ the"), not part of an identifier."""
        def same(a: str, b: str) -> bool:  # one word: letters of one kind (ASCII or not)
            return _wordchar(b) and a.isascii() == b.isascii()

        j = i
        while j > 0 and _wordchar(tgt[j - 1]) and (j == i or same(tgt[j], tgt[j - 1])):
            j -= 1
        k = i + 1
        while k < len(tgt) and _wordchar(tgt[k]) and (k == i + 1 or same(tgt[k - 1], tgt[k])):
            k += 1
        left, right = tgt[j:i], tgt[i + 1 : k]
        if (left and left.isupper()) or (right and right.isupper()):
            return False  # FORCE_NOT_NULL, ID_APP
        if left and right:
            # inside: the word without it must be a word of the language
            if morph.has_lexicon(tl):
                return morph.is_known(left + right, tl)
            return not (left.isascii() and right.isascii())  # identifiers are ASCII
        return True  # stuck onto a word's edge: "in_ the", "melamine|"

    @staticmethod
    def _inside_word(src: str, tgt: str, i: int, tl: str | None) -> bool:
        """Whether the ``,;:`` at ``tgt[i]`` splits a word: "wo,rd", "दब:ाव"; not
        a missing space between two words ("Wayne,a"), not "EU:s", not the colon of
        Chinese or Japanese text."""
        a, b = tgt[i - 1], tgt[i + 1]
        if not (_wordchar(a) and _wordchar(b)):
            return False
        if letter_script(a) in _NO_SPACE or letter_script(b) in _NO_SPACE:
            return False
        if _codelike(tgt, i, i + 1):
            return False
        c = tgt[i]
        if re.search(r"\w" + re.escape(c) + r"\w", src):
            return False
        if unicodedata.category(b) in ("Mn", "Mc"):
            return True  # a vowel sign cannot start a word
        j = i - 1
        while j > 0 and _wordchar(tgt[j - 1]):
            j -= 1
        k = i + 1
        while k < len(tgt) and _wordchar(tgt[k]):
            k += 1
        left, right = tgt[j:i], tgt[i + 1 : k]
        if c == ";" and not right.isupper():
            return True  # no language writes a semicolon inside a word (P;alu, ملي;ون)
        if c == ":" and len(right) >= 2 and not left.isupper() and not (
                right[0].isupper() or right.isupper()):
            # a colon inside a word (Datenspeich:er, عج:زك); not a suffix after an
            # abbreviation (EU:n, USA:ssa, S:t) nor a label joined to a name (Re:Name)
            return True
        if a.isupper() or b.isupper():
            return False
        if not morph.has_lexicon(tl):
            return False
        if morph.is_known(left, tl) and morph.is_known(right, tl):
            return False  # two words with a space missing: another problem
        return morph.is_known(left + right, tl)

    def _flag(self, tgt: str, i: int, where: str) -> Finding:
        return self.flag(
            "target", i, i + 1, tgt[i],
            f"'{tgt[i]}' stuck {where}, where the source has none.",
            suggestion="",
        )  # fmt: skip

    def _odd(self, src: str, tgt: str, out: list[Finding], tl: str | None = None) -> None:
        for c in sorted({m.group() for m in _ODD_RE.finditer(tgt)}):
            if tgt.count(c) <= src.count(c):
                continue
            for m in re.finditer(re.escape(c), tgt):
                i = m.start()
                before = tgt[i - 1] if i else " "
                after = tgt[i + 1] if i + 1 < len(tgt) else " "
                if not (_wordchar(before) or _wordchar(after)):
                    continue  # free-standing: a bullet, a separator
                if c in src and _codelike(tgt, i, i + 1):
                    continue
                if c == "#" and after.isalnum() and not before.isalnum():
                    continue  # a hashtag or a number sign
                if c == "`" and tgt.count("`") % 2 == 0:
                    continue  # `code` quoted
                if c in "_|" and not self._splits_word(tgt, i, tl):
                    continue  # an identifier (search_path, ID_APP), [y|n]
                inside = _wordchar(before) and _wordchar(after)
                out.append(self._flag(tgt, i, "inside a word" if inside else "onto a word"))
                break

    def _quotes(self, src: str, tgt: str, tl: str | None, out: list[Finding]) -> None:
        for m in re.finditer(r"(?<=\w)['’\"](?=[\u0300-\u036f\u0900-\u0dff])", tgt):
            nxt = tgt[m.end()]
            if unicodedata.category(nxt) in ("Mn", "Mc"):
                # a vowel sign or virama cannot start a word: the mark splits one
                out.append(self._flag(tgt, m.start(), "inside a word"))
                return
        dq_odd = tgt.count('"') % 2 == 1 and not any(q in src for q in _QUOTE_MARKS)
        for m in _IN_QUOTE_RE.finditer(tgt):
            c, i = m.group(), m.start()
            if c == '"':
                if dq_odd and not gershayim(tgt, i):  # צה"ל: Hebrew gershayim
                    out.append(self._flag(tgt, i, "inside a word"))
                    return
                continue
            # an apostrophe inside a word: flagged when the word without it is a word of
            # the language and the word with it is not ("чл'ены"; not "park's", "l'homme")
            a = tgt.rfind(" ", 0, i) + 1
            b = tgt.find(" ", i)
            tok = tgt[a : b if b >= 0 else len(tgt)].strip(".,;:!?()[]\"«»“”„")
            parts = re.split(r"['’]", tok)
            if len(parts) != 2 or min(len(p) for p in parts) < 2 or len(parts[1]) <= 2:
                continue
            if _strip_accents(parts[1][:1].lower()) in "aeiouyh":
                continue  # elision: qu'elle, dell'anno, aujourd'hui
            if not morph.has_lexicon(tl) or morph.is_known(tok.replace("’", "'"), tl):
                continue
            if morph.is_known(parts[0] + parts[1], tl):
                out.append(self._flag(tgt, i, "inside a word"))
                return
        for m in _END_QUOTE_RE.finditer(tgt):
            c, i = m.group(), m.start()
            if c == '"':
                if dq_odd:
                    out.append(self._flag(tgt, i, "onto a word"))
                    return
                continue
            prev = tgt[i - 1].lower()
            if prev in "szx":
                continue  # the parents' house, Hans' car
            if letter_script(prev) == "HEBREW" and c != '"':
                continue  # Hebrew geresh: ג'ורג', צ'
            if re.search(r"(?:^|[\s(\[«“„])['‘’\"“]\S", tgt[:i]):
                continue  # closes a quotation
            if "'" in src or "’" in src or "‘" in src:
                continue
            a = i
            while a > 0 and _wordchar(tgt[a - 1]):
                a -= 1
            if morph.is_known(tgt[a:i] + "'", tl):
                continue  # apocope: po', καθ'
            out.append(self._flag(tgt, i, "onto a word"))
            return


CHECKS: list[type[Check]] = [UntranslatedWordsCheck, StrayPunctuationCheck]

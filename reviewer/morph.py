"""Word forms from a maintained lexicon: lemmas and "is this a word of the language".

One place for inflection knowledge, used by terminology, spelling, variant and
consistency. The data is simplemma's (MIT licence, ~50 languages, lexicons built from
Wiktionary and other open sources; no dependencies, offline). A language simplemma does
not cover answers ``None`` / ``False`` from :func:`has_lexicon`, so callers can stay
silent rather than guess.

Loading a language's lexicon costs 0.2-1.5 s and 5-60 MB, so it happens on first use of
that language only; ``import reviewer.morph`` itself is cheap.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import lang as L

__all__ = ["lexicon_lang", "has_lexicon", "lemma", "is_known", "same_lemma",
           "forms_per_lemma", "cased_script", "stem_attested", "near_known"]

#: BCP 47 primary subtags whose lexicon simplemma files under another code.
_ALIASES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "sh": "hbs", "no": "nb", "iw": "he",
            "fil": "tl", "in": "id"}


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)


def lexicon_lang(lang: str | None) -> str | None:
    """The simplemma code for ``lang`` (``pt-BR`` -> ``pt``, ``sr`` -> ``hbs``), or
    ``None`` when no lexicon covers the language."""
    b = L.base(lang)
    if not b:
        return None
    b = _ALIASES.get(b, b)
    return b if b in _supported() else None


def has_lexicon(lang: str | None) -> bool:
    """Whether a lexicon of inflected forms covers ``lang``."""
    return lexicon_lang(lang) is not None


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    import simplemma

    return simplemma.Lemmatizer()


@lru_cache(maxsize=200_000)
def _lemma(word: str, code: str) -> str:
    return str(_lemmatizer().lemmatize(word, lang=code))


def lemma(word: str, lang: str | None) -> str | None:
    """The dictionary form of ``word`` in ``lang`` (lowercased), or ``None`` when the
    language has no lexicon. An unknown word comes back as itself, lowercased."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    return _lemma(word, code).lower()


@lru_cache(maxsize=200_000)
def _known(word: str, code: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(word, lang=code) or simplemma.is_known(word.lower(), lang=code))


def is_known(word: str, lang: str | None) -> bool:
    """Whether ``word`` (any inflected form, either case) is in ``lang``'s lexicon.
    ``False`` also when the language has none: ask :func:`has_lexicon` first."""
    code = lexicon_lang(lang)
    return code is not None and _known(word, code)


def same_lemma(a: str, b: str, lang: str | None) -> bool:
    """Whether two words are forms of one lemma in ``lang`` (exact match otherwise)."""
    if a.lower() == b.lower():
        return True
    la, lb = lemma(a, lang), lemma(b, lang)
    return la is not None and la == lb


@lru_cache(maxsize=None)
def _forms(code: str) -> Any:
    """simplemma's form -> lemma dictionary of ``code`` (shared with its is_known)."""
    from simplemma.lemmatizer import DEFAULT_DICTIONARY_FACTORY

    return DEFAULT_DICTIONARY_FACTORY.get_dictionary(code)


@lru_cache(maxsize=None)
def forms_per_lemma(lang: str | None) -> float | None:
    """How many word forms the lexicon lists per lemma: a measure of how richly the
    language inflects (English ~2, German ~3, Russian ~10, Finnish ~28); None without
    a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    d = _forms(code)
    lemmas = len(set(d.values()))
    return len(d) / lemmas if lemmas else None


@lru_cache(maxsize=None)
def cased_script(lang: str | None) -> bool | None:
    """Whether the language's lexicon is written in a script with letter case (Latin,
    Cyrillic, Greek...: names stand out by their capital) or not (Arabic, Hebrew,
    Devanagari...); None without a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    letters = cased = 0
    for i, w in enumerate(_forms(code)):
        if i >= 2000:
            break
        for ch in str(w):
            if ch.isalpha():
                letters += 1
                cased += ch.lower() != ch.upper()
    return bool(letters) and cased / letters > 0.5


@lru_cache(maxsize=None)
def _sorted_forms(code: str) -> list[str]:
    return sorted({str(w).lower() for w in _forms(code)})


@lru_cache(maxsize=100_000)
def stem_attested(word: str, lang: str | None, max_ending: int = 4, min_stem: int = 5) -> int:
    """The length of the ending (0: none) by which ``word`` looks like an unlisted inflection of a listed paradigm: cut an
    ending of 1..``max_ending`` letters, the stem left (at least ``min_stem`` letters)
    begins at least two listed forms that differ from it only by such an ending
    ('разрабатывающий' by 'разрабатывать', 'brandizzate' by 'brandizzato').
    Meant for richly inflecting languages (see :func:`forms_per_lemma`), where a
    lexicon cannot list every form."""
    code = lexicon_lang(lang)
    if code is None:
        return 0
    from bisect import bisect_left

    forms = _sorted_forms(code)
    w = word.lower()
    for k in range(1, max_ending + 1):
        stem = w[: len(w) - k]
        if len(stem) < min_stem:
            break
        i = bisect_left(forms, stem)
        hits = 0
        while i < len(forms) and forms[i].startswith(stem):
            if len(forms[i]) - len(stem) <= max_ending and forms[i] != w:
                hits += 1
                if hits >= 2:
                    return k
            i += 1
    return 0


@lru_cache(maxsize=None)
def _alphabet(code: str) -> str:
    letters: set[str] = set()
    for i, w in enumerate(_forms(code)):
        if i >= 50_000:
            break
        letters.update(c for c in str(w).lower() if c.isalpha())
    return "".join(sorted(letters))


@lru_cache(maxsize=100_000)
def near_known(word: str, lang: str | None, spare_end: int = 0) -> bool:
    """Whether one edit (a letter deleted, inserted, replaced, or two neighbours
    swapped) turns ``word`` into a listed form: the shape of a typo. Inside the last
    ``spare_end`` letters (an ending) a replaced letter does not count: there it is
    another inflection ('призвано' / 'призвана'), not a typo; a letter lost or added
    at the ending's start still does ('investimeto')."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    d = _forms(code)
    w = word.lower()
    alpha = _alphabet(code)
    zone = len(w) - spare_end if spare_end else len(w) + 1
    for i in range(min(len(w) + 1, zone + 1)):
        a, b = w[:i], w[i:]
        if b and (a + b[1:]) in d:
            return True
        if i < zone and len(b) > 1 and (a + b[1] + b[0] + b[2:]) in d:
            return True
        for c in alpha:
            if i < zone and b and c != b[0] and (a + c + b[1:]) in d:
                return True
            if (a + c + b) in d:
                return True
    return False

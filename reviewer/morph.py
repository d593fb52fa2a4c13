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
from itertools import islice
from typing import Any

from . import lang as L

__all__ = ["lexicon_lang", "has_lexicon", "lemma", "is_known", "is_lemma", "same_lemma",
           "forms_per_lemma", "cased_script", "near_known"]

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
def _lemma_set(code: str) -> frozenset[bytes] | frozenset[str]:
    """The lemmas of ``code``'s lexicon (the values of its form -> lemma mapping), as
    simplemma stores them (UTF-8 bytes) when it exposes that, else as strings."""
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    d = DEFAULT_DICTIONARY_FACTORY.get_dictionary(code)
    raw = getattr(d, "_dict", None)
    if isinstance(raw, dict):
        return frozenset(raw.values())
    return frozenset(str(v) for v in d.values())


@lru_cache(maxsize=200_000)
def _is_lemma(word: str, code: str) -> bool:
    lemmas = _lemma_set(code)
    cands = {word, word.lower(), word[:1].upper() + word[1:].lower()}
    if lemmas and isinstance(next(iter(lemmas)), bytes):
        return any(c.encode("utf-8") in lemmas for c in cands)
    return any(c in lemmas for c in cands)


def is_lemma(word: str, lang: str | None) -> bool:
    """Whether ``word`` (either case) is a dictionary form in ``lang``'s lexicon: the
    lemma of some word form. ``False`` also when the language has no lexicon."""
    code = lexicon_lang(lang)
    return code is not None and _is_lemma(word, code)


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
    # the first 100,000 forms (in the lexicon's alphabetical order, so whole
    # paradigms) estimate it well and cost a fraction of a pass over millions
    sample = list(islice(_forms(code).values(), 100_000))
    lemmas = len(set(sample))
    return len(sample) / lemmas if lemmas else None


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
def _alphabet(code: str) -> str:
    letters: set[str] = set()
    for i, w in enumerate(_forms(code)):
        if i >= 50_000:
            break
        letters.update(c for c in str(w).lower() if c.isalpha())
    return "".join(sorted(letters))


@lru_cache(maxsize=100_000)
def near_known(word: str, lang: str | None, sub_end: int = 0, indel_end: int = 0) -> bool:
    """Whether one edit (a letter deleted, inserted, replaced, or two neighbours
    swapped) turns ``word`` into a listed form: the shape of a typo. A letter replaced
    within the last ``sub_end`` letters, or lost or added within the last
    ``indel_end``, does not count: in a richly inflecting language that is another
    ending of the same word ('призвано' / 'призвана' / 'призван'), not a typo."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    d = _forms(code)
    w = word.lower()
    n = len(w)
    alpha = _alphabet(code)
    for i in range(n + 1):
        a, b = w[:i], w[i:]
        indel = i < n - indel_end or (not indel_end and i == n)
        sub = i < n - sub_end
        if indel and b and (a + b[1:]) in d:
            return True
        if sub and len(b) > 1 and (a + b[1] + b[0] + b[2:]) in d:
            return True
        for c in alpha:
            if sub and b and c != b[0] and (a + c + b[1:]) in d:
                return True
            if indel and (a + c + b) in d:
                return True
    return False

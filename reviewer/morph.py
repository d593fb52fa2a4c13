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

__all__ = ["lexicon_lang", "has_lexicon", "lemma", "is_known", "is_lemma", "same_lemma"]

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

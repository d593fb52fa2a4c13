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

import json
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from . import lang as L

__all__ = ["lexicon_lang", "has_lexicon", "lemma", "is_known", "is_lemma", "same_lemma",
           "forms_per_lemma", "cased_script", "near_known", "lemma_light"]

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
    # the memory-frugal backend: a third of the load time and a sixth of the memory
    # of the default one (Polish: 2.4 s / 100 MB against 5-8 s / 650 MB), lookups
    # in microseconds; the same word lists
    d = _forms(code)
    return word in d or word.lower() in d


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


@lru_cache(maxsize=None)
def _forms(code: str) -> Any:
    """simplemma's form -> lemma dictionary of ``code`` (its memory-frugal backend,
    shared with ``simplemma.is_known(..., low_memory=True)``)."""
    from simplemma.lemmatizer import LOW_MEMORY_DICTIONARY_FACTORY

    return LOW_MEMORY_DICTIONARY_FACTORY.get_dictionary(code)


#: Figures computed from the lexicons once, by ``python -m reviewer.morph`` (they are
#: a pure function of simplemma's data, and computing one costs 0.5-3 s a language,
#: which a 10-unit ``check`` cannot afford). Used only while the installed simplemma
#: is the version they were computed from; otherwise computed live.
STATS_FILE = Path(__file__).parent / "data" / "lexicon_stats.json"


def _simplemma_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("simplemma")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "?"


@lru_cache(maxsize=1)
def _stats() -> dict[str, Any]:
    try:
        data = json.loads(STATS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("simplemma") != _simplemma_version():
        return {}
    langs = data.get("languages")
    return langs if isinstance(langs, dict) else {}


@lru_cache(maxsize=None)
def forms_per_lemma(lang: str | None) -> float | None:
    """How many word forms the lexicon lists per lemma: a measure of how richly the
    language inflects (English ~2, German ~3, Russian ~10, Finnish ~28); None without
    a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    if code in _stats():
        return float(_stats()[code]["forms_per_lemma"])
    return _forms_per_lemma(code)


def _forms_per_lemma(code: str) -> float | None:
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
    if code in _stats():
        return bool(_stats()[code]["cased"])
    return _cased(code)


def _cased(code: str) -> bool:
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
    if code in _stats():
        return str(_stats()[code]["alphabet"])
    return _alphabet_live(code)


def _alphabet_live(code: str) -> str:
    letters: set[str] = set()
    for i, w in enumerate(_forms(code)):
        if i >= 50_000:
            break
        letters.update(c for c in str(w).lower() if c.isalpha())
    return "".join(sorted(letters))


@lru_cache(maxsize=100_000)
def near_known(word: str, lang: str | None, sub_end: int = 0, indel_end: int = 0,
               start: int = 0) -> bool:
    """Whether one edit (a letter deleted, inserted, replaced, or two neighbours
    swapped) turns ``word`` into a listed form: the shape of a typo. A letter replaced
    within the last ``sub_end`` letters, or lost or added within the last
    ``indel_end``, does not count: in a richly inflecting language that is another
    ending of the same word ('призвано' / 'призвана' / 'призван'), not a typo. Nor
    does an edit within the first ``start`` letters: there, another prefix of the
    same verb ('окажет' / 'скажет' / 'покажет')."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    d = _forms(code)
    w = word.lower()
    n = len(w)
    alpha = _alphabet(code)
    for i in range(start, n + 1):
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


@lru_cache(maxsize=1)
def _light_lemmatizer() -> Any:
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(low_memory=True))


@lru_cache(maxsize=200_000)
def _lemma_light(word: str, code: str) -> str:
    return str(_light_lemmatizer().lemmatize(word, lang=code)).lower()


def lemma_light(word: str, lang: str | None) -> str | None:
    """:func:`lemma` on the memory-frugal lexicon backend (what spelling and variant
    use: they meet many languages in one run); ``None`` without a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    return _lemma_light(word, code)


def compute_stats() -> dict[str, Any]:
    """The figures :data:`STATS_FILE` holds, computed from the installed lexicons."""
    langs = {code: {"forms_per_lemma": round(_forms_per_lemma(code) or 0.0, 4),
                    "cased": _cased(code), "alphabet": _alphabet_live(code)}
             for code in sorted(_supported())}
    return {"simplemma": _simplemma_version(), "languages": langs}


if __name__ == "__main__":  # regenerate the shipped figures after a simplemma upgrade
    from .formats.base import atomic_writer

    with atomic_writer(STATS_FILE, "w") as f:
        json.dump(compute_stats(), f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {STATS_FILE}")

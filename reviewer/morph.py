"""Word forms from a maintained lexicon: lemmas and "is this a word of the language".

One place for inflection knowledge, used by terminology, spelling, variant and
consistency. The data is simplemma's (MIT licence, ~50 languages, lexicons built from
Wiktionary and other open sources; no dependencies, offline). A language simplemma does
not cover answers ``None`` / ``False`` from :func:`has_lexicon`, so callers can stay
silent rather than guess.

Every lookup (forms, lemmas) goes through one memory-frugal copy of a language's
lexicon: simplemma's front-coded stream with a sparse block index
(:mod:`reviewer.lexstream`), about 10 MB for German where simplemma's default
``dict`` backend takes 100 MB. Building the block index walks the whole stream
(0.1-1 s a language), so the built index is kept in the lexicon cache directory
(:func:`lexicon_cache_dir`) and later runs map it in milliseconds. Everything happens
on first use of a language only; ``import reviewer.morph`` itself is cheap, and so are
lookups (:func:`is_known`, :func:`is_lemma`, :func:`near_known`): simplemma's package
is imported only when a lemma is asked for.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from . import lexstream
from .lang import base as base_lang

__all__ = ["supported", "lexicon_lang", "has_lexicon", "lemma", "is_known", "is_lemma", "same_lemma",
           "forms_per_lemma", "cased_script", "near_known", "near_form", "truncated_form", "suffix_share", "lemma_light",
           "lexicon_cache_dir"]

#: BCP 47 primary subtags whose lexicon simplemma files under another code.
_ALIASES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "sh": "hbs", "no": "nb", "iw": "he",
            "fil": "tl", "in": "id"}


_CACHE_ENV = "REVIEWER_LEXICON_CACHE"
_CACHE_OFF = frozenset({"", "0", "off", "none", "false", "no"})


def lexicon_cache_dir() -> Path | None:
    """Where built lexicons are kept: ``$REVIEWER_LEXICON_CACHE`` (a directory; ``off``
    disables), else ``$XDG_CACHE_HOME/reviewer/lexicon``, else
    ``~/.cache/reviewer/lexicon``."""
    env = os.environ.get(_CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in _CACHE_OFF else Path(env).expanduser()
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(root).expanduser() / "reviewer" / "lexicon"


@lru_cache(maxsize=1)
def _data_dir() -> Path | None:
    """simplemma's folder of lexicons, found without importing simplemma (whose
    import compiles the rules of every language: ~0.1 s)."""
    spec = find_spec("simplemma")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "strategies" / "dictionaries" / "data"


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    # the same rule as simplemma's SUPPORTED_LANGUAGES: one .plzma file a language
    folder = _data_dir()
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(p.name[: -len(".plzma")] for p in folder.iterdir()
                     if p.name.endswith(".plzma"))


def supported() -> frozenset[str]:
    """The simplemma codes of the languages that have a lexicon."""
    return _supported()


def lexicon_lang(lang: str | None) -> str | None:
    """The simplemma code for ``lang`` (``pt-BR`` -> ``pt``, ``sr`` -> ``hbs``), or
    ``None`` when no lexicon covers the language."""
    b = base_lang(lang)
    if not b:
        return None
    b = _ALIASES.get(b, b)
    return b if b in _supported() else None


def has_lexicon(lang: str | None) -> bool:
    """Whether a lexicon of inflected forms covers ``lang``."""
    return lexicon_lang(lang) is not None


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    # simplemma's default strategy over the one shared copy of each lexicon
    import simplemma
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory()))


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


@lru_cache(maxsize=200_000)
def _is_lemma(word: str, code: str) -> bool:
    d = _forms(code)
    cands = {word, word.lower(), word[:1].upper() + word[1:].lower()}
    return any(d.is_lemma_bytes(c.encode("utf-8", "surrogatepass")) for c in cands)


def is_lemma(word: str, lang: str | None) -> bool:
    """Whether ``word`` (either case) is a dictionary form in ``lang``'s lexicon: the
    lemma of some word form. ``False`` also when the language has no lexicon."""
    code = lexicon_lang(lang)
    return code is not None and _is_lemma(word, code)


@lru_cache(maxsize=None)
def _forms(code: str) -> Any:
    """The form -> lemma mapping of ``code``: a :class:`reviewer.lexstream.StreamLexicon`,
    mapped from the lexicon cache (see the module docstring). Loading it does not
    import simplemma; one copy a language serves lookups and lemmatizers alike."""
    return _stream(code)


@lru_cache(maxsize=1)
def _factory() -> Any:
    """A simplemma ``DictionaryFactory`` handing out :func:`_forms`'s mappings, one
    per language for the whole process (lemmatizers and lookups share them)."""
    from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory

    class _Factory(CachingDictionaryFactory):
        __slots__ = ()

        def _get_dictionary_uncached(self, lang: str) -> Any:
            return _forms(lang)

    return _Factory(cache_max_size=64)


#: Figures computed from the lexicons once, by ``python -m reviewer.morph`` (they are
#: a pure function of simplemma's data, and computing one costs 0.5-3 s a language,
#: which a 10-unit ``check`` cannot afford). Used only while the installed simplemma
#: is the version they were computed from; otherwise computed live.
STATS_FILE = Path(__file__).parent / "data" / "lexicon_stats.json"


@lru_cache(maxsize=1)
def _simplemma_version() -> str:
    """The installed simplemma's version (from its ``dist-info`` beside the package
    when there is one: ``importlib.metadata.version`` walks every installed
    distribution, ~15 ms of a cold start, and this is asked once a language)."""
    folder = _data_dir()
    if folder is not None:
        site = folder.parents[3]  # data < dictionaries < strategies < simplemma
        found = sorted(site.glob("simplemma-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len("simplemma-"):-len(".dist-info")]
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
    sample = list(islice(_forms(code).raw_values(), 100_000))
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
               start: int = 0, swap_end: int | None = None) -> bool:
    """Whether one edit (a letter deleted, inserted, replaced, or two neighbours
    swapped) turns ``word`` into a listed form: the shape of a typo. A letter replaced
    within the last ``sub_end`` letters, or lost or added within the last
    ``indel_end``, does not count: in a richly inflecting language that is another
    ending of the same word ('призвано' / 'призвана' / 'призван'), not a typo. Nor
    does an edit within the first ``start`` letters: there, another prefix of the
    same verb ('окажет' / 'скажет' / 'покажет'). Two neighbours swapped count up to
    ``swap_end`` letters from the end (default: as ``sub_end``). The same answer as
    ``near_form(...) is not None``, asked of the lexicon in one call."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    swap_end = sub_end if swap_end is None else swap_end
    return bool(_forms(code).any_known(
        _one_edit(word.lower(), _alphabet(code), sub_end, indel_end, start, swap_end)))


def _one_edit(w: str, alpha: str, sub_end: int, indel_end: int, start: int,
              swap_end: int) -> Iterator[str]:
    """The spellings one edit from ``w`` that :func:`near_form` tries (all four edits),
    in its order."""
    n = len(w)
    for i in range(start, n + 1):
        a, b = w[:i], w[i:]
        indel = i < n - indel_end or (not indel_end and i == n)
        sub = i < n - sub_end
        if indel and b:
            yield a + b[1:]
        if i < n - swap_end and len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
        for c in alpha:
            if sub and b and c != b[0]:
                yield a + c + b[1:]
            if indel:
                yield a + c + b


@lru_cache(maxsize=100_000)
def near_form(word: str, lang: str | None, sub_end: int = 0, indel_end: int = 0,
              start: int = 0, swap_end: int | None = None, edits: str = "dsri",
              ins_end: int | None = None) -> str | None:
    """The listed form one edit from ``word`` (see :func:`near_known` for the
    parameters), or None: the correction a typo suggests. Among several, the first
    found by position, deletions and swaps before replacements and insertions.
    ``edits`` names the edits tried on ``word``: ``d`` a letter deleted, ``s`` two
    neighbours swapped, ``r`` a letter replaced, ``i`` a letter inserted.
    ``ins_end``: when given, a letter is inserted only up to ``ins_end`` letters
    before the end (1: anywhere but after the last letter, another ending)."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    d = _forms(code)
    w = word.lower()
    n = len(w)
    alpha = _alphabet(code)
    swap_end = sub_end if swap_end is None else swap_end
    dele, swap, rep, ins = "d" in edits, "s" in edits, "r" in edits, "i" in edits
    later: str | None = None
    for i in range(start, n + 1):
        a, b = w[:i], w[i:]
        indel = i < n - indel_end or (not indel_end and i == n)
        insert = ins and (indel if ins_end is None else i <= n - ins_end)
        sub = i < n - sub_end and rep
        if indel and dele and b and (a + b[1:]) in d:
            return a + b[1:]
        if swap and i < n - swap_end and len(b) > 1 and (a + b[1] + b[0] + b[2:]) in d:
            return a + b[1] + b[0] + b[2:]
        if later is not None or not (sub or insert):
            continue
        for c in alpha:
            if sub and b and c != b[0] and (a + c + b[1:]) in d:
                later = a + c + b[1:]
                break
            if insert and (a + c + b) in d:
                later = a + c + b
                break
    return later


@lru_cache(maxsize=None)
def suffix_share(lang: str | None, suffixes: tuple[str, ...] = ("s", "es")) -> float | None:
    """The share of the lexicon's forms that are their lemma plus one of ``suffixes``
    (measured on the first 20,000 forms, whole paradigms in alphabetical order):
    whether the language makes plurals with -s (English 27%, German 21%, French 10%)
    or not (Czech, Polish, Finnish, Turkish, Italian: under 0.1%). None without a
    lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    if suffixes == ("s", "es") and "s_share" in _stats().get(code, {}):
        return float(_stats()[code]["s_share"])
    return _suffix_share(code, suffixes)


def _suffix_share(code: str, suffixes: tuple[str, ...]) -> float | None:
    n = k = 0
    for form, lem in islice(_forms(code).iter_items(), 20_000):
        n += 1
        f, lm = str(form), str(lem)
        if f.startswith(lm) and f[len(lm):] in suffixes:
            k += 1
    return k / n if n else None


@lru_cache(maxsize=100_000)
def truncated_form(word: str, lang: str | None, extra: int = 3) -> bool:
    """Whether ``word`` is the start of a listed form up to ``extra`` letters longer
    ('показан' of 'показанный', 'неактивн' of 'неактивная'): in a richly inflecting
    language a short form of that word (Russian short participles and adjectives)
    that the lexicon does not list, rather than a typo. False without a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    return bool(_forms(code).extends(word.lower(), extra))


@lru_cache(maxsize=200_000)
def _lemma_light(word: str, code: str) -> str:
    # the same lexicon and strategy as :func:`lemma` (one copy a language in memory)
    return _lemma(word, code).lower()


def lemma_light(word: str, lang: str | None) -> str | None:
    """:func:`lemma` on the memory-frugal lexicon backend (what spelling and variant
    use: they meet many languages in one run); ``None`` without a lexicon."""
    code = lexicon_lang(lang)
    if code is None:
        return None
    return _lemma_light(word, code)


# ------------------------------------------------------------ the stream lexicons

_STREAM_MAGIC = lexstream.MAGIC


def _stream(code: str) -> Any:
    """``code``'s lexicon as a compact front-coded stream mapping: mapped from the
    cache file when there is a valid one, else built (and cached)."""
    folder, data_dir = lexicon_cache_dir(), _data_dir()
    if code not in _supported() or data_dir is None:
        raise ValueError(f"Unsupported language: {code}")
    path = None
    if folder is not None:
        path = folder / f"simplemma-{code}-{_stream_source(code)}.idx"
        try:
            return lexstream.load(path, data_dir)
        except (OSError, ValueError):
            pass
    sm = lexstream.build(code, data_dir)
    if path is not None:
        _write_cache(path, sm.to_bytes())
    return sm


def _stream_source(code: str) -> str:
    """A digest naming what a cached stream is built from: simplemma's version, the
    lexicon file's size and time, and this cache format."""
    folder = _data_dir()
    assert folder is not None
    st = (folder / f"{code}.plzma").stat()
    key = f"{_STREAM_MAGIC!r}|{_simplemma_version()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _write_cache(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; a cache that cannot be written is
    silently skipped (a read-only home, a full disk)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def compute_stats() -> dict[str, Any]:
    """The figures :data:`STATS_FILE` holds, computed from the installed lexicons."""
    langs = {code: {"forms_per_lemma": round(_forms_per_lemma(code) or 0.0, 4),
                    "cased": _cased(code), "alphabet": _alphabet_live(code),
                    "s_share": _suffix_share(code, ("s", "es"))}
             for code in sorted(_supported())}
    return {"simplemma": _simplemma_version(), "languages": langs}


if __name__ == "__main__":  # regenerate the shipped figures after a simplemma upgrade
    from .formats.base import atomic_writer

    with atomic_writer(STATS_FILE, "w") as f:
        json.dump(compute_stats(), f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")
    print(f"wrote {STATS_FILE}")

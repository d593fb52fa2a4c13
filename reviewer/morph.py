"""Word forms from a maintained lexicon: lemmas and "is this a word of the language".

One place for inflection knowledge, used by terminology, spelling, variant and
consistency. The data is simplemma's (MIT licence, ~50 languages, lexicons built from
Wiktionary and other open sources; no dependencies, offline). A language simplemma does
not cover answers ``None`` / ``False`` from :func:`has_lexicon`, so callers can stay
silent rather than guess.

Every lookup (forms, lemmas) goes through one memory-frugal copy of a language's
lexicon: simplemma's front-coded stream with a sparse block index
(:class:`simplemma...StreamMap`), about 10 MB for German where simplemma's default
``dict`` backend takes 100 MB. Building the block index walks the whole stream
(0.1-1 s a language), so the built index is kept in the lexicon cache directory
(:func:`lexicon_cache_dir`) and later runs load it in milliseconds. Everything happens
on first use of a language only; ``import reviewer.morph`` itself is cheap (simplemma
is not imported until a lexicon is needed).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
from array import array
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib.util import find_spec
from itertools import islice
from pathlib import Path
from typing import Any
from zlib import crc32

from .lang import base as base_lang

__all__ = ["lexicon_lang", "has_lexicon", "lemma", "is_known", "is_lemma", "same_lemma",
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


@lru_cache(maxsize=None)
def _lemma_set(code: str) -> frozenset[bytes] | frozenset[str]:
    """The lemmas of ``code``'s lexicon (the values of its form -> lemma mapping), as
    UTF-8 bytes when the lexicon exposes its raw records, else as strings."""
    d = _forms(code)
    raw = getattr(d, "raw_values", None)
    if raw is not None:
        return frozenset(raw())
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
    """The form -> lemma mapping of ``code``: simplemma's memory-frugal stream, its
    block index from the lexicon cache (see the module docstring)."""
    return _factory().get_dictionary(code)


@lru_cache(maxsize=1)
def _factory() -> Any:
    """A simplemma ``DictionaryFactory`` handing out :func:`_stream`'s mappings, one
    per language for the whole process (lemmatizers and lookups share them)."""
    from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory

    class _Factory(CachingDictionaryFactory):
        __slots__ = ()

        def _get_dictionary_uncached(self, lang: str) -> Any:
            return _stream(lang)

    return _Factory(cache_max_size=64)


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
               start: int = 0, swap_end: int | None = None) -> bool:
    """Whether one edit (a letter deleted, inserted, replaced, or two neighbours
    swapped) turns ``word`` into a listed form: the shape of a typo. A letter replaced
    within the last ``sub_end`` letters, or lost or added within the last
    ``indel_end``, does not count: in a richly inflecting language that is another
    ending of the same word ('призвано' / 'призвана' / 'призван'), not a typo. Nor
    does an edit within the first ``start`` letters: there, another prefix of the
    same verb ('окажет' / 'скажет' / 'покажет'). Two neighbours swapped count up to
    ``swap_end`` letters from the end (default: as ``sub_end``)."""
    return near_form(word, lang, sub_end, indel_end, start, swap_end) is not None


@lru_cache(maxsize=100_000)
def near_form(word: str, lang: str | None, sub_end: int = 0, indel_end: int = 0,
              start: int = 0, swap_end: int | None = None, edits: str = "dsri") -> str | None:
    """The listed form one edit from ``word`` (see :func:`near_known` for the
    parameters), or None: the correction a typo suggests. Among several, the first
    found by position, deletions and swaps before replacements and insertions.
    ``edits`` names the edits tried on ``word``: ``d`` a letter deleted, ``s`` two
    neighbours swapped, ``r`` a letter replaced, ``i`` a letter inserted."""
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
        sub = i < n - sub_end and rep
        if indel and dele and b and (a + b[1:]) in d:
            return a + b[1:]
        if swap and i < n - swap_end and len(b) > 1 and (a + b[1] + b[0] + b[2:]) in d:
            return a + b[1] + b[0] + b[2:]
        if later is not None or not (sub or (indel and ins)):
            continue
        for c in alpha:
            if sub and b and c != b[0] and (a + c + b[1:]) in d:
                later = a + c + b[1:]
                break
            if indel and ins and (a + c + b) in d:
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
    n = k = 0
    for form, lem in islice(_forms(code).items(), 20_000):
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
    that the lexicon does not list, rather than a typo. False without a lexicon or
    when the lexicon cannot be searched by prefix."""
    code = lexicon_lang(lang)
    if code is None:
        return False
    d = _forms(code)
    ext = getattr(d, "extends", None)
    return bool(ext is not None and ext(word.lower(), extra))


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

_STREAM_MAGIC = b"RVSM2"
_BLOCK = 32  # records a block, as simplemma's StreamMap


def _stream(code: str) -> Any:
    """``code``'s lexicon as a compact front-coded stream mapping: from the cache
    file when there is a valid one, else built (and cached)."""
    cls = _stream_class()
    if code not in _supported():
        raise ValueError(f"Unsupported language: {code}")
    folder = lexicon_cache_dir()
    path = None
    if folder is not None:
        path = folder / f"simplemma-{code}-{_stream_source(code)}.idx"
        try:
            return cls.from_bytes(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            pass
    sm = cls.build(code)
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


@lru_cache(maxsize=1)
def _stream_class() -> Any:
    """The class of the stream mappings (built on simplemma's, defined on first use so
    that importing this module does not import simplemma)."""
    from simplemma.strategies.dictionaries import frontcode
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    records = frontcode._iter_records

    class CompactStreamMap(StreamMap):  # type: ignore[misc, valid-type]
        """simplemma's ``StreamMap`` with its block index in flat buffers: each
        block's first key for the bisection, its start offset, and the previous
        record's key and value (the front-coding seed) in one byte string. A sorted
        array of the keys' CRC-32 answers most misses without decoding a block
        (spelling's typo search asks for hundreds of non-words a word); a hit is
        always confirmed in the stream, so answers are exact."""

        __slots__ = ("_offs", "_seeds", "_seed_offs", "_crcs")
        _offs: array  # block -> offset of its first record in the stream
        _seeds: bytes  # the seeds' keys and values, end to end
        _seed_offs: array  # 2 * block -> where its seed key starts, then its value
        _crcs: array  # CRC-32 of every key (as stored), sorted

        @classmethod
        def build(cls, lang: str) -> "CompactStreamMap":
            from simplemma.strategies.dictionaries.dictionary_factory import (
                _read_decompressed,
            )

            self = cls.__new__(cls)
            self._data = _read_decompressed(lang)
            self._rev, self._count, self._pos = frontcode._read_header(self._data)
            firsts: list[bytes] = []
            offs = array("Q")
            seeds = bytearray()
            seed_offs = array("Q", [0])
            prev_key, prev_value = b"", b""
            index = -1
            crcs = array("I")  # 4 bytes a key while building, not a Python int
            for index, (start, key, value) in enumerate(records(self._data, self._pos)):
                crcs.append(crc32(key))
                if index % _BLOCK == 0:
                    firsts.append(key)
                    offs.append(start)
                    seeds += prev_key
                    seed_offs.append(len(seeds))
                    seeds += prev_value
                    seed_offs.append(len(seeds))
                prev_key, prev_value = key, value
            if index + 1 != self._count:
                raise ValueError(frontcode._CORRUPT_STREAM_MSG)
            self._firsts, self._offs = firsts, offs
            self._seeds, self._seed_offs = bytes(seeds), seed_offs
            import numpy as np  # sorts the checksums without a list of ints

            self._crcs = array("I")
            self._crcs.frombytes(np.sort(np.frombuffer(crcs, dtype=np.uint32)).tobytes())
            return self

        def to_bytes(self) -> bytes:
            """This mapping as the bytes of a cache file."""
            return _STREAM_MAGIC + marshal.dumps((
                self._rev, self._count, self._pos, self._firsts, self._offs.tobytes(),
                self._seeds, self._seed_offs.tobytes(), self._crcs.tobytes(), self._data))

        @classmethod
        def from_bytes(cls, blob: bytes) -> "CompactStreamMap":
            """The mapping of a cache file's bytes (ValueError when they are not one)."""
            if not blob.startswith(_STREAM_MAGIC):
                raise ValueError("not a cached lexicon")
            rev, count, pos, firsts, offs, seeds, seed_offs, crcs, data = marshal.loads(
                memoryview(blob)[len(_STREAM_MAGIC):])  # (a slice would copy the file)
            self = cls.__new__(cls)
            self._rev, self._count, self._pos, self._data = bool(rev), int(count), int(pos), data
            self._firsts, self._seeds = list(firsts), bytes(seeds)
            self._offs, self._seed_offs = array("Q"), array("Q")
            self._offs.frombytes(offs)
            self._seed_offs.frombytes(seed_offs)
            self._crcs = array("I")
            self._crcs.frombytes(crcs)
            if not (len(self._firsts) == len(self._offs) and len(self._crcs) == self._count and
                    len(self._seed_offs) == 2 * len(self._offs) + 1 and
                    self._data[:len(frontcode._MAGIC)] == frontcode._MAGIC):
                raise ValueError("inconsistent cached lexicon")
            return self

        def _lookup(self, key: str) -> str | None:
            target = key.encode()
            if self._rev:
                target = target[::-1]
            crcs, h = self._crcs, crc32(target)
            i = bisect_left(crcs, h)
            if i == len(crcs) or crcs[i] != h:
                return None  # no key has its checksum: not a key
            block = bisect_right(self._firsts, target) - 1
            if block < 0:
                return None
            so, seeds = self._seed_offs, self._seeds
            k0, k1, v1 = so[2 * block], so[2 * block + 1], so[2 * block + 2]
            for _, stored_key, stored_value in records(
                    self._data, self._offs[block], seeds[k0:k1], seeds[k1:v1]):
                if stored_key == target:
                    value = stored_value[::-1] if self._rev else stored_value
                    return str(value.decode())
                if stored_key > target:
                    return None
            return None

        def extends(self, prefix: str, extra: int) -> bool:
            """Whether a key starts with ``prefix`` and has at most ``extra`` more
            characters (and at least one): the keys are sorted, so one block's scan."""
            if self._rev or not prefix:
                return False
            target = prefix.encode()
            limit = len(prefix) + extra
            block = max(0, bisect_right(self._firsts, target) - 1)
            so, seeds = self._seed_offs, self._seeds
            while block < len(self._offs):
                k0, k1, v1 = so[2 * block], so[2 * block + 1], so[2 * block + 2]
                for _, stored_key, _v in records(
                        self._data, self._offs[block], seeds[k0:k1], seeds[k1:v1]):
                    if stored_key.startswith(target):
                        if stored_key != target and len(stored_key.decode()) <= limit:
                            return True
                    elif stored_key > target:
                        return False
                block += 1
            return False

        def raw_values(self) -> Any:
            """Every record's value as stored (UTF-8 bytes), in stream order."""
            rev = self._rev
            for _, _, value in records(self._data, self._pos):
                yield value[::-1] if rev else value

    return CompactStreamMap


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

"""The spelling check's dictionaries: pyspellchecker's word-frequency lists as compact
lexicons, cached on disk (Lexicon, dictionary)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from array import array
from bisect import bisect_left as _bisect_left
from hashlib import blake2b as _blake2b
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..lang import base
from .spelling_words import _sectioned_words


# --- dictionaries ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def supported_languages() -> frozenset[str]:
    """The language codes pyspellchecker ships dictionaries for."""
    try:
        import spellchecker
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    res = Path(spellchecker.__file__).parent / "resources"
    return frozenset(p.name.split(".")[0] for p in res.glob("*.json.gz"))


def _checker(code: str) -> Any:
    """pyspellchecker's checker for ``code`` with ``extra_words.txt`` loaded: the
    source of truth a :class:`Lexicon` is built from (not kept: it costs ~100 bytes
    a word)."""
    from spellchecker import SpellChecker

    spell = SpellChecker(language=code, distance=1)
    extra = _sectioned_words("extra_words.txt", code)
    if extra:
        spell.word_frequency.load_words(sorted(extra))
    return spell


_LEX_ENV = "REVIEWER_LEXICON_CACHE"
_LEX_OFF = frozenset({"", "0", "off", "none", "false", "no"})
_LEX_MAGIC = b"RVLEX2\n"


_from_bytes = int.from_bytes


def _word_key(word: str) -> int:
    """The 64-bit key of a word in a :class:`Lexicon` (BLAKE2b of its UTF-8)."""
    return int.from_bytes(
        _blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


def lexicon_cache_dir() -> Path | None:
    """Where built lexicons are kept: ``$REVIEWER_LEXICON_CACHE`` (a directory; ``off``
    disables), else ``$XDG_CACHE_HOME/reviewer/lexicon``, else
    ``~/.cache/reviewer/lexicon``."""
    env = os.environ.get(_LEX_ENV)
    if env is not None:
        return None if env.strip().lower() in _LEX_OFF else Path(env).expanduser()
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(root).expanduser() / "reviewer" / "lexicon"


class Lexicon(Mapping[str, int]):
    """A language's lowercase word -> frequency map, held compactly.

    pyspellchecker keeps a dict of ~340,000 str objects for German (about 40 MB);
    this keeps a sorted ``array`` of 64-bit word keys (BLAKE2b; a false hit has a
    probability of about n/2**64 per lookup) with the frequencies beside it, about
    12 bytes a word. The words themselves, needed only for suggestions and iteration,
    stay in a blob grouped by (first character, length), read on demand from the
    cache file (or kept in memory when no cache directory is usable).
    """

    __slots__ = ("code", "letters", "_keys", "_freqs", "_n", "_index", "_path", "_blob",
                 "_joined", "_lists")

    def __init__(self, code: str, letters: str, keys: array, freqs: array,
                 index: dict[str, list[int]], path: Path | None, blob: bytes | None,
                 blob_base: int = 0) -> None:
        self.code = code
        self.letters = letters
        self._keys = keys
        self._freqs = freqs
        self._n = len(keys)
        # "<char>\t<length>" -> [alpha offset, alpha bytes, other offset, other bytes]
        self._index = {k: [v[0] + blob_base, v[1], v[2] + blob_base, v[3]]
                       for k, v in index.items()}
        self._path = path
        self._blob = blob
        self._joined: dict[tuple[str, int, bool], str] = {}
        self._lists: dict[tuple[str, int, bool], list[str]] = {}

    # -- Mapping -------------------------------------------------------------------

    def _find(self, word: object) -> int:
        if not isinstance(word, str):
            return -1
        h = _from_bytes(_blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8)
                        .digest(), "little")
        keys = self._keys
        i = _bisect_left(keys, h)
        return i if i < self._n and keys[i] == h else -1

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        h = _from_bytes(_blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8)
                        .digest(), "little")
        keys = self._keys
        i = _bisect_left(keys, h)
        return i < self._n and keys[i] == h

    def known(self, words: Iterable[str]) -> list[str]:
        """The words of ``words`` in the lexicon (one call for many lookups)."""
        keys, n, out = self._keys, self._n, []
        for w in words:
            h = _from_bytes(_blake2b(w.encode("utf-8", "surrogatepass"), digest_size=8)
                            .digest(), "little")
            i = _bisect_left(keys, h)
            if i < n and keys[i] == h:
                out.append(w)
        return out

    def __getitem__(self, word: str) -> int:
        i = self._find(word)
        if i < 0:
            raise KeyError(word)
        return self._freqs[i]

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        """The frequency of ``word``, or ``default``."""
        i = self._find(word)
        return self._freqs[i] if i >= 0 else default

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        for key in list(self._index):
            ch, n = key.split("\t")
            for alpha in (True, False):
                yield from self.words(ch, int(n), alpha)

    # -- word buckets --------------------------------------------------------------

    def _read(self, off: int, size: int) -> bytes:
        if self._blob is not None:
            return self._blob[off:off + size]
        assert self._path is not None
        with open(self._path, "rb") as f:
            f.seek(off)
            return f.read(size)

    def words(self, first: str, length: int, alpha: bool = True) -> list[str]:
        """The words starting with ``first`` of ``length`` characters, alphabetic ones
        (``alpha``) or the others (``l'``, ``a's``)."""
        key = (first, length, alpha)
        hit = self._lists.get(key)
        if hit is not None:
            return hit
        joined = self._joined.get(key)
        if joined is None:
            loc = self._index.get(f"{first}\t{length}")
            joined = ""
            if loc is not None:
                off, size = (loc[0], loc[1]) if alpha else (loc[2], loc[3])
                if size:
                    joined = self._read(off, size).decode("utf-8", "surrogatepass")
            self._joined[key] = joined
        out = joined.split("\n") if joined else []
        if len(self._lists) >= 48:  # a few split buckets; the joined text stays
            self._lists.pop(next(iter(self._lists)))
        self._lists[key] = out
        return out

    # -- building ------------------------------------------------------------------

    @classmethod
    def load(cls, code: str) -> "Lexicon":
        """The lexicon of ``code``: from the cache, else built (and cached)."""
        source = _lexicon_source(code)
        folder = lexicon_cache_dir()
        path = folder / f"{code}-{source}.lex" if folder is not None else None
        if path is not None:
            try:
                return cls._from_file(code, path)
            except (OSError, ValueError, EOFError):
                pass
        letters, keys, freqs, index, blob = _build_lexicon(code)
        if path is not None and _write_lexicon(path, letters, keys, freqs, index, blob):
            try:
                return cls._from_file(code, path)
            except (OSError, ValueError, EOFError):
                pass
        return cls(code, letters, keys, freqs, index, None, blob)

    @classmethod
    def _from_file(cls, code: str, path: Path) -> "Lexicon":
        with open(path, "rb") as f:
            if f.readline() != _LEX_MAGIC:
                raise ValueError("not a lexicon file")
            head = json.loads(f.readline())
            keys = array("Q")
            keys.fromfile(f, head["n"])
            freqs = array(head["freq_type"])
            freqs.fromfile(f, head["n"])
            base_off = f.tell()
            f.seek(0, os.SEEK_END)
            if f.tell() - base_off != head["blob_size"]:
                raise ValueError("truncated lexicon file")
        return cls(code, head["letters"], keys, freqs, head["index"], path, None, base_off)


def _lexicon_source(code: str) -> str:
    """A digest naming what a lexicon is built from: pyspellchecker's resource file,
    its version, the ``extra_words.txt`` words of ``code`` and the file format."""
    import spellchecker

    res = Path(spellchecker.__file__).parent / "resources" / f"{code}.json.gz"
    st = res.stat()
    h = _blake2b(digest_size=10)
    h.update(_LEX_MAGIC)
    h.update(f"{getattr(spellchecker, '__version__', '')}|{st.st_size}|{st.st_mtime_ns}".encode())
    h.update("\n".join(sorted(_sectioned_words("extra_words.txt", code))).encode("utf-8"))
    return h.hexdigest()


def _build_lexicon(code: str) -> tuple[str, array, array, dict[str, list[int]], bytes]:
    """Build the parts of a lexicon from pyspellchecker's word list of ``code``."""
    spell = _checker(code)
    wf = spell.word_frequency
    d: dict[str, int] = wf.dictionary
    letters = "".join(sorted(wf.letters))
    raw = array("Q", map(_word_key, d))
    vals = list(d.values())
    order = sorted(range(len(raw)), key=raw.__getitem__)
    keys = array("Q", (raw[i] for i in order))
    big = max(vals, default=0) >= 2**32
    freqs = array("Q" if big else "I", (vals[i] for i in order))
    del raw, vals, order
    groups: dict[tuple[str, int, bool], list[str]] = {}
    for w in d:
        if w:
            groups.setdefault((w[0], len(w), w.isalpha()), []).append(w)
    del spell, wf, d
    blob = bytearray()
    index: dict[str, list[int]] = {}
    for (ch, n, alpha), words in sorted(groups.items()):
        data = "\n".join(words).encode("utf-8", "surrogatepass")
        loc = index.setdefault(f"{ch}\t{n}", [0, 0, 0, 0])
        k = 0 if alpha else 2
        loc[k], loc[k + 1] = len(blob), len(data)
        blob += data
    return letters, keys, freqs, index, bytes(blob)


def _write_lexicon(path: Path, letters: str, keys: array, freqs: array,
                   index: dict[str, list[int]], blob: bytes) -> bool:
    """Write a lexicon file atomically; False when the cache cannot be written."""
    head = {"n": len(keys), "freq_type": freqs.typecode, "letters": letters,
            "index": index, "blob_size": len(blob)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_LEX_MAGIC)
                f.write(json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n")
                keys.tofile(f)
                freqs.tofile(f)
                f.write(blob)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


_DICTS: dict[str | None, Lexicon | None] = {}


def dictionary(lang: str | None) -> Lexicon | None:
    """The lowercase word -> frequency map of ``lang`` (loaded once), or None."""
    try:
        return _DICTS[lang]
    except KeyError:
        pass
    code = base(lang)
    d = None
    if code and code in supported_languages():
        d = _DICTS.get(code) or Lexicon.load(code)
        _DICTS[code] = d
    _DICTS[lang] = d
    return d

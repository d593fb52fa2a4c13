"""Spelling check: words of the target that the target language's dictionary lacks.

Dictionaries are pyspellchecker's (the languages it ships: en, es, fr, pt, de, it, ru,
ar, eu, lv, nl, fa); a language it lacks makes the check do nothing. Its word lists
are frequency lists with gaps (Italian lacks "infrastruttura"), so a word also passes
when a sibling form of the same paradigm is known (``innovativo`` by ``innovative``,
``annunciato`` by ``annunciare``), when it is a known word behind a common prefix
(``ecosistema``), or, in German and Dutch, a compound of known words.

Skipped: names (capitalised words inside a sentence, mixed case, all caps, and
sentence-initial capitalised words used as names elsewhere in the document), words
found in the source (names, brands, loanwords), glossary terms, loanwords from
``reviewer/data/loanwords.txt``, the user's words (options ``words`` and
``wordlist_file``), URLs, e-mails, placeholders, paths, code-like tokens, words with
digits, words of one or two letters. Elided forms (``dell'intelligenza``, ``qu'il``)
are checked after the apostrophe, English clitics (``OpenAI's``, ``don't``) before it,
hyphenated compounds part by part.

The module also provides the helpers the entity check shares: :func:`dictionary`,
:func:`iter_words`, :func:`skip_spans`, :func:`glossary_entries`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from array import array
from bisect import bisect_left as _bisect_left
from collections import Counter
from dataclasses import dataclass
from hashlib import blake2b as _blake2b
from functools import lru_cache
from pathlib import Path
from typing import Any, Container, Iterable, Iterator, Mapping, NamedTuple, Sequence

from ..errors import ConfigError
from .. import morph
from ..lang import KNOWN_NAMES, base, language_name, language_names
from ..scripts import language_scripts, letter_script
from ..model import Finding, Segment, Severity
from .base import CheckContext, DocumentCheck
from .links import find_emails, find_urls

__all__ = [
    "SpellingCheck",
    "CHECKS",
    "Word",
    "dictionary",
    "supported_languages",
    "is_known",
    "suggest",
    "iter_words",
    "skip_spans",
    "is_sentence_initial",
    "glossary_entries",
    "entry_parts",
    "loanwords",
    "Lexicon",
    "lexicon_cache_dir",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
    "it": "Italian", "ru": "Russian", "ar": "Arabic", "eu": "Basque", "lv": "Latvian",
    "nl": "Dutch", "fa": "Persian",
}  # fmt: skip

#: Languages that capitalise common nouns: capitalised words inside a sentence are
#: checked too (flagged only when a close dictionary word exists).
NOUN_CAPS = frozenset({"de", "lb"})

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


# --- morphology: sibling forms, prefixes, compounds -----------------------------------

_PARADIGMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "it": (
        ("o", "a", "i", "e"),
        ("are", "ato", "ata", "ati", "ate", "ando", "ava", "avano", "amento", "amenti",
         "azione", "azioni", "abile", "abili", "ante", "anti"),
        ("ere", "ire", "uto", "uta", "uti", "ute", "ito", "ita", "iti", "ite", "endo",
         "eva", "evano", "iva", "ivano", "ente", "enti", "imento", "imenti", "ibile",
         "ibili", "erà", "eranno", "irà", "iranno"),
        ("zione", "zioni"),
        ("ilità", "ile", "ili"),
        ("abilità", "abile", "abili", "are", "ato"),
        ("ibilità", "ibile", "ibili", "ere", "ire"),
        ("ività", "ivo", "iva", "ivi", "ive"),
        ("ità", "o", "a", "e"),
        ("mente", "o", "a", "e"),
        ("izzazione", "izzare", "izzato", "izzata", "ico", "ica", "ici", "iche"),
        ("ismo", "ista", "isti", "iste", "ico", "ica"),
    ),
    "es": (
        ("", "s", "es"),
        ("o", "a", "os", "as"),
        ("e", "es"),
        ("ar", "o", "as", "a", "amos", "áis", "an", "é", "aste", "ó", "aron", "aba",
         "aban", "ará", "arán", "aría", "arían", "ado", "ada", "ados", "adas", "ando",
         "ación", "aciones", "able", "e", "en", "emos"),
        ("er", "ir", "o", "es", "e", "emos", "imos", "éis", "en", "í", "iste", "ió",
         "ieron", "ía", "ían", "erá", "erán", "ería", "irá", "irán", "iría", "ido", "ida",
         "idos", "idas", "iendo", "ible", "a", "an", "amos"),
        ("ción", "ciones"),
        ("ón", "ones"),
        ("dad", "dades"),
        ("amente", "a", "o"),
    ),
    "pt": (
        ("", "s", "es"),
        ("o", "a", "os", "as"),
        ("e", "es"),
        ("ar", "o", "as", "a", "amos", "am", "ei", "ou", "aram", "ava", "avam", "ará",
         "arão", "aria", "ado", "ada", "ados", "adas", "ando", "ação", "ações", "ável"),
        ("er", "ir", "o", "es", "e", "emos", "imos", "em", "i", "eu", "iu", "eram",
         "iram", "ia", "iam", "erá", "erão", "iria", "ido", "ida", "idos", "idas", "endo",
         "indo", "ível"),
        ("ção", "ções"),
        ("dade", "dades"),
    ),
    "fr": (
        ("", "e", "s", "es"),
        ("er", "é", "ée", "és", "ées", "ant", "ation", "ations", "able", "ement"),
        ("ir", "i", "ie", "is", "ies", "issant", "issement"),
        ("tion", "tions"),
        ("eux", "euse", "euses"),
        ("if", "ive", "ifs", "ives"),
        ("al", "ale", "aux", "ales"),
    ),
    "en": (("", "s", "es"), ("y", "ies")),
    "de": (("", "e", "en", "er", "es", "n", "s", "em", "ern"),),
    "nl": (("", "e", "en", "s"),),
}

_PREFIXES: dict[str, tuple[str, ...]] = {
    "it": ("ri", "re", "pre", "post", "anti", "auto", "multi", "super", "iper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sotto", "sopra", "contro", "extra",
           "ultra", "tele", "bio", "eco", "geo", "neo", "dis", "co", "cyber", "nano",
           "mega", "giga", "tera", "euro", "video", "foto"),
    "es": ("re", "pre", "post", "anti", "auto", "multi", "super", "hiper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sobre", "contra", "extra", "ultra",
           "tele", "bio", "eco", "geo", "neo", "des", "co", "ciber", "nano", "mega"),
    "pt": ("re", "pré", "pós", "anti", "auto", "multi", "super", "hiper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sobre", "contra", "extra", "ultra",
           "tele", "bio", "eco", "geo", "neo", "des", "co", "ciber", "nano", "mega"),
    "fr": ("re", "ré", "pré", "post", "anti", "auto", "multi", "super", "hyper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sur", "contre", "extra", "ultra",
           "télé", "bio", "éco", "géo", "néo", "dé", "dés", "co", "cyber", "nano", "méga"),
    "en": ("re", "pre", "post", "anti", "auto", "multi", "super", "hyper", "inter",
           "infra", "micro", "macro", "mini", "semi", "over", "under", "counter", "extra",
           "ultra", "tele", "bio", "eco", "geo", "neo", "dis", "un", "co", "cyber", "nano"),
}  # fmt: skip

#: Word forms per lemma in the lexicon from which a language counts as richly inflecting
#: (English 2.3, Dutch 3.0, German 3.3; French 6.7, Spanish 9.3, Russian 10.4): there a
#: word list cannot hold every form, so an unlisted ending on a listed stem is accepted.
RICH_INFLECTION = 5.0
#: letters at a word's end where, in such a language, a replaced letter is taken for
#: another inflection ending rather than a typo (a letter added or lost: the last one)
RICH_ENDING = 4
#: letters of a word's start always taken for its stem, however short the word
MIN_STEM = 4


def rich_ending(word: str) -> int:
    """The letters at the end of ``word`` taken for its inflection ending: up to
    :data:`RICH_ENDING`, leaving :data:`MIN_STEM` letters of stem ('déubt' is a slip
    in the stem of 'début', not another ending)."""
    return max(1, min(RICH_ENDING, len(word) - MIN_STEM))


def spelling_skip_reason(lang: str | None) -> str | None:
    """Why the spelling check cannot judge ``lang`` (None when it can).

    It needs a word list (pyspellchecker's) and a lexicon that knows the language's
    inflected forms (:mod:`reviewer.morph`) as a second opinion: a frequency list alone
    calls every rare inflection a misspelling."""
    code = base(lang)
    if not code:
        return "no target language given"
    if not morph.has_lexicon(code):
        if dictionary(code) is None:
            return "no dictionary for this language"
        return "no lexicon of inflected forms for this language"
    if not morph.cased_script(code):
        return "the script has no capitals: names cannot be told from misspellings"
    return None


def lexicon_only(lang: str | None) -> bool:
    """Whether ``lang`` is judged by its lexicon of inflected forms alone
    (:mod:`reviewer.morph`: Czech, Polish, Swedish, Turkish...), having no
    pyspellchecker word list. There a word is known when the lexicon lists it (or,
    in a compounding language, its parts), and flagged only in the shape of a typo:
    one edit from a listed form, outside the inflection ending."""
    return dictionary(lang) is None and morph.has_lexicon(lang)


_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb"})
_LINKS = ("s", "es", "n", "en", "er", "e")
_MIN_STEM = {"it": 4}
_ACUTE = str.maketrans("áéíóú", "aeiou")


#: English stems that take -es rather than -s (boxes, wishes, heroes)
_EN_ES_STEMS = ("s", "x", "z", "ch", "sh", "o")


def _paradigm_known(code: str, w: str, d: Mapping[str, int]) -> bool:
    """Whether ``w`` is another ending of a listed stem ('investimenti' beside
    'investimento'). A sibling the inflection lexicon (:mod:`reviewer.morph`) knows
    does not count: that lexicon lists its word's forms, and ``w`` is not one of them
    ('habn' is no form of 'haben', 'headlins' none of 'headlines')."""
    min_stem = _MIN_STEM.get(code, 3)
    lex = morph.has_lexicon(code)
    for group in _PARADIGMS.get(code, ()):
        for suf in group:
            if not w.endswith(suf):
                continue
            stem = w[: len(w) - len(suf)]
            if len(stem) < min_stem:
                continue
            if code == "en" and suf == "es" and not stem.endswith(_EN_ES_STEMS):
                continue  # English writes -es after a sibilant or -o only ('stirkes')
            for alt in group:
                if alt != suf and stem + alt in d and not (lex and morph.is_known(stem + alt, code)):
                    return True
    return False


#: Languages that write some compounds closed without linking letters
#: ('homeware', 'shopfloor'): two listed words of 4+ letters make a word
_CLOSED_COMPOUNDS = frozenset({"en"})


def _two_words(w: str, d: Mapping[str, int]) -> bool:
    """True when ``w`` is two listed words of four letters or more, written together."""
    return len(w) >= 8 and any(w[:i] in d and w[i:] in d for i in range(4, len(w) - 3))


def _compound_known(w: str, d: Container[str]) -> bool:
    """True when ``w`` splits into two or more known words of 4+ letters, with the
    usual linking elements between them and an inflection ending after the last."""
    n = len(w)
    if n < 8:
        return False
    ok = [False] * (n + 1)
    ok[0] = True
    parts = [0] * (n + 1)
    for i in range(n - 3):
        if not ok[i]:
            continue
        for j in range(i + 4, n + 1):
            piece = w[i:j]
            hit = piece in d
            if not hit and j < n:
                hit = any(
                    piece.endswith(k) and len(piece) - len(k) >= 4 and piece[: -len(k)] in d
                    for k in _LINKS
                )
            if hit and (not ok[j] or parts[j] < parts[i] + 1):
                ok[j] = True
                parts[j] = max(parts[j], parts[i] + 1)
    if ok[n] and parts[n] >= 2:
        return True
    for end in ("s", "es", "n", "en", "e", "er", "em", "ern"):
        k = n - len(end)
        if w.endswith(end) and ok[k] and parts[k] >= 2:
            return True
    return False


def _known_uncached(code: str, w: str, d: Mapping[str, int]) -> bool:
    if w in d or _paradigm_known(code, w, d):
        return True
    if code == "es":
        # the Spanish list lacks most accented inflections (está, acelerará)
        plain = w.translate(_ACUTE)
        if plain != w and (plain in d or _paradigm_known(code, plain, d)):
            return True
    for p in _PREFIXES.get(code, ()):
        rest = w[len(p):]
        if w.startswith(p) and len(rest) >= 5 and (rest in d or _paradigm_known(code, rest, d)):
            return True
    if code in _COMPOUNDING and _compound_known(w, d):
        return True
    if code in ("it", "es", "pt"):
        # enclitic pronouns: accelerarne, farlo, dándole
        for c in ("gliela", "glielo", "gliene", "glie", "mele", "sene", "gli", "lo", "la",
                  "li", "le", "ne", "si", "ci", "vi", "mi", "ti", "se", "me", "te", "nos", "les",
                  "los", "las", "lhe"):  # fmt: skip
            if w.endswith(c) and len(w) - len(c) >= 5:
                stem = w[: -len(c)]
                if stem in d or stem + "e" in d:
                    return True
    return False


_VERDICTS: dict[str, dict[str, bool]] = {}
_BY_LANG: dict[str | None, tuple[str, Lexicon | None, dict[str, bool]]] = {}


def is_known(lang: str | None, word: str) -> bool:
    """True when the lowercase ``word`` is a word of ``lang`` (verdicts cached for the
    process, per language); True for every word when the language has no
    dictionary."""
    try:
        code, d, cache = _BY_LANG[lang]
    except KeyError:
        code = base(lang)
        d = dictionary(code)
        cache = _VERDICTS.setdefault(code, {})
        _BY_LANG[lang] = (code, d, cache)
    if d is None:
        return True
    v = cache.get(word)
    if v is None:
        v = _known_uncached(code, word, d)
        if len(cache) > 500_000:
            cache.clear()
        cache[word] = v
    return v


@lru_cache(maxsize=65536)
def suggest(lang: str | None, word: str) -> tuple[str, int] | None:
    """The likeliest correction of the lowercase ``word`` and its edit distance (1 or
    2), or None.

    Distance 1 (one deletion, insertion, substitution or swap of neighbours, as
    pyspellchecker counts it): every dictionary word that far, the most frequent
    (then the last alphabetically). Distance 2 (words of 5+ letters with none at
    distance 1): dictionary words of the same first letter and a length within two,
    the most frequent at the least distance (then the first alphabetically). Words
    of 3-20 letters only."""
    code = base(lang)
    d = dictionary(code)
    if d is None or len(word) > 20 or len(word) < 3:
        return None
    cands = _distance_1(d, word)
    if cands:
        return max(cands, key=lambda c: (d[c], c)), 1
    if len(word) < 5:
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    n, first = len(word), word[0]
    best: tuple[int, int, str] | None = None
    for m in range(n - 2, n + 3):
        for cand, dist, _ in process.extract(
            word, d.words(first, m), scorer=Levenshtein.distance, score_cutoff=2,
            limit=None,
        ):
            key = (int(dist), -d.get(cand, 0), cand)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    return best[2], best[0]


def _distance_1(d: Lexicon, word: str) -> set[str]:
    """The dictionary words one edit from ``word`` (pyspellchecker's
    ``edit_distance_1`` intersected with the dictionary, without generating the
    ~2,000 strings): those with the same first letter by an OSA-distance scan of
    their (first letter, length) buckets, the others by the edits of the first
    letter."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    out: set[str] = set()
    n, first = len(word), word[0]
    for m in (n - 1, n, n + 1):
        for alpha in (True, False):
            for cand, _, _ in process.extract(
                word, d.words(first, m, alpha), scorer=OSA.distance, score_cutoff=1,
                limit=None,
            ):
                out.add(cand)
    rest = word[1:]
    edits = [rest]
    if n > 1:
        edits.append(word[1] + word[0] + word[2:])
    for c in d.letters:
        edits.append(c + rest)
        edits.append(c + word)
    out.update(d.known(edits))
    out.discard(word)
    return out


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
_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*")
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
    start = pos + len(part) - len(last)
    yield Word(start, start + len(last), last, False, True)


# --- word lists -----------------------------------------------------------------------


def _sectioned_words(filename: str, code: str) -> frozenset[str]:
    """Lowercase words of a ``reviewer/data`` list for language ``code``: sections
    ``[*]`` (every language) and ``[xx]``; an entry of several words adds each."""
    out: set[str] = set()
    section = "*"
    try:
        lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
        elif section in ("*", code):
            out.update(w.lower() for w in re.split(r"[\s\-]+", line) if w)
            out.add(line.lower())
    return frozenset(out)


@lru_cache(maxsize=64)
def loanwords(lang: str | None) -> frozenset[str]:
    """The loanwords of ``reviewer/data/loanwords.txt`` accepted in ``lang``."""
    return _sectioned_words("loanwords.txt", base(lang))


@lru_cache(maxsize=32)
def _wordlist_file(path: str) -> frozenset[str]:
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read the spelling word list: {e}", path=path) from None
    return frozenset(
        w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


def glossary_entries(glossary: Any) -> list[Any]:
    """The entries of a glossary object (``.entries`` or iterable), defensively."""
    if glossary is None:
        return []
    entries = getattr(glossary, "entries", None)
    if entries is None:
        try:
            entries = list(glossary)
        except TypeError:
            return []
    if isinstance(entries, Mapping):
        entries = list(entries.values())
    return list(entries)


def entry_parts(entry: Any) -> tuple[str, list[str], bool]:
    """``(source, targets, dnt)`` of a glossary entry, whatever its exact shape."""

    def get(name: str, default: Any) -> Any:
        if isinstance(entry, Mapping):
            return entry.get(name, default)
        return getattr(entry, name, default)

    source = str(get("source", "") or "")
    targets = get("targets", None)
    if targets is None:
        t = get("target", "")
        targets = [t] if t else []
    elif isinstance(targets, str):
        targets = [t for t in targets.split("|") if t]
    targets = [str(t) for t in targets if t]
    dnt = get("dnt", None)
    if dnt is None:
        dnt = not targets or targets == [source]
    return source, targets, bool(dnt)


_GLOSS_CACHE: dict[int, tuple[Any, frozenset[str]]] = {}


def _glossary_words(glossary: Any) -> frozenset[str]:
    if glossary is None:
        return frozenset()
    hit = _GLOSS_CACHE.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    out: set[str] = set()
    for e in glossary_entries(glossary):
        source, targets, _ = entry_parts(e)
        for form in [source, *targets]:
            out.update(w.text.lower() for w in iter_words(form))
    words = frozenset(out)
    if len(_GLOSS_CACHE) > 8:
        _GLOSS_CACHE.clear()
    _GLOSS_CACHE[id(glossary)] = (glossary, words)
    return words


# --- the check ------------------------------------------------------------------------


@dataclass(slots=True)
class _Env:
    """What one run knows: language, accepted words, names seen in the document."""

    code: str
    accept: frozenset[str]
    names: set[str]
    name_forms: dict[str, str]
    frequent: frozenset[str] = frozenset()
    #: the language inflects richly (see :data:`RICH_INFLECTION`)
    rich: bool = False
    #: judged by the lexicon of inflected forms alone (see :func:`lexicon_only`)
    lexonly: bool = False


_ACCEL_BEFORE = frozenset("]&_~")
_ACCEL_AFTER = frozenset("[&")
_PREV_RE = re.compile(r"(\w+)[ \u00a0]+$")
_PREV_WINDOW = 256  # characters before a word where the previous word is looked for


def _in_name_run(text: str, w: Word, code: str) -> bool:
    """A capitalised word next to another capitalised word: part of a multiword name.
    Sentence-initial words count in every language; in languages that capitalise
    nouns, only words next to a capitalised word the dictionary lacks."""
    nxt = _NEXT_RE.match(text, w.end)
    nxt_cap = nxt is not None and nxt.group(1)[:1].isupper()
    if code not in NOUN_CAPS:
        return w.initial and nxt_cap
    d: Mapping[str, int] = dictionary(code) or {}
    if nxt is not None and nxt_cap:
        m = re.match(r"\w+", text[nxt.start(1):])
        if m and m.group().lower() not in d:
            return True
    # the word before, looked for just before ``w`` (a search from 0 made every word
    # cost the whole text: quadratic on one long line)
    prev = _PREV_RE.search(text, max(0, w.start - _PREV_WINDOW), w.start)
    return prev is not None and prev.group(1)[:1].isupper() and prev.group(1).lower() not in d


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


class SpellingCheck(DocumentCheck):
    """Words of the target missing from the target language's dictionary."""

    id = "spelling"
    name = "Spelling"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Words the target language's dictionary does not know, with a suggestion."

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why the check cannot judge this target language (None: it can)."""
        return spelling_skip_reason(context.target_lang)

    def _env(self, context: CheckContext) -> _Env | None:
        code = base(context.target_lang)
        if spelling_skip_reason(context.target_lang) is not None:
            return None
        accept: set[str] = set(loanwords(code))
        words = context.option("words", []) or []
        if isinstance(words, str):
            words = words.split()
        accept.update(str(w).lower() for w in words)
        path = context.option("wordlist_file", None)
        if path:
            accept |= _wordlist_file(str(path))
        accept |= _glossary_words(context.glossary)
        rich = (morph.forms_per_lemma(code) or 0.0) >= RICH_INFLECTION
        return _Env(code, frozenset(accept), set(), {}, rich=rich, lexonly=lexicon_only(code))

    @staticmethod
    def _learn(env: _Env, text: str) -> None:
        """Record the names of ``text``: capitalised inside a sentence, caps, mixed."""
        SpellingCheck._learn_words(env, iter_words(text))

    @staticmethod
    def _learn_words(env: _Env, words: Iterable[Word]) -> None:
        names, forms = env.names, env.name_forms
        for w in words:
            mixed = name_form(w)
            if mixed is None:
                continue
            t = w.text
            names.add(t)
            low = t.lower()
            if low != t and (mixed or low not in forms):
                forms[low] = t

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Check one segment (names are learnt from this segment only)."""
        env = self._env(context)
        if env is None or not segment.target:
            return []
        self._learn(env, segment.target)
        return list(self._check(segment, env, context))

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        """Learn the document's names first, then check every target."""
        env = self._env(context)
        if env is None:
            return
        counts: Counter[str] = Counter()
        code = env.code
        # Only a word the dictionary does not know can draw a finding (see _word), so
        # the first pass keeps those; the second looks at nothing else.
        suspects: list[tuple[Segment, list[Word]]] = []
        for seg in segments:
            if seg.target:
                words = iter_words(seg.target)
                self._learn_words(env, words)
                counts.update([w.text for w in words if w.text.islower()])
                bad = [
                    w for w in words
                    if len(w.text) > 2 and w.text[0].isalpha()
                    and not _word_known(env, w.text.lower())
                ]
                if bad:
                    suspects.append((seg, bad))
        # A word the document uses again and again is a term of the domain the
        # dictionary lacks ("cronologia", "specificatore"), not a typo: typos are
        # rare words. So is a word of the document's sources kept as it is ("commit").
        min_freq = int(context.option("min_doc_frequency", 3) or 0)
        extra = {w for w, n in counts.items() if min_freq and n >= min_freq}
        src_sets: dict[int, set[str]] = {}
        if not context.target_only and suspects:
            # Only the suspects' words matter here: a source is tokenised properly
            # when a cheap scan of its letter runs meets one of them ("doesn" stands
            # for "does" cut from "doesn't"), and the suspects' own source words are
            # kept for their check.
            wanted = {w.text.lower() for _, bad in suspects for w in bad}
            probe = wanted | {w + "n" for w in wanted}
            mine = {seg.index for seg, _ in suspects}
            src_vocab: set[str] = set()
            for seg in segments:
                src = seg.source
                if not src:
                    continue
                if seg.index in mine:
                    low = {w.text.lower() for w in iter_words(src)}
                    src_sets[seg.index] = low
                    src_vocab |= low
                elif not probe.isdisjoint(_RUN_RE.findall(src.lower())):
                    src_vocab.update([w.text.lower() for w in iter_words(src)])
            extra |= src_vocab & counts.keys()
        env.frequent = frozenset(extra)
        for seg, bad in suspects:
            for f in self._check(seg, env, context, bad, src_sets.get(seg.index)):
                yield seg, f

    def _check(
        self, seg: Segment, env: _Env, context: CheckContext,
        words: Sequence[Word] | None = None, source_words: set[str] | None = None,
    ) -> Iterator[Finding]:
        """Findings on the target of ``seg``, looking at ``words`` of it (default:
        all); ``source_words``: the lowercased words of its source, when known."""
        target = seg.target or ""
        if source_words is not None:
            source_words = set(source_words)
        elif seg.source and not context.target_only:
            source_words = {w.text.lower() for w in iter_words(seg.source)}
        else:
            source_words = set()
        for _, t in seg.terms:
            source_words.update(w.text.lower() for w in iter_words(t))
        for w in iter_words(target) if words is None else words:
            t = w.text
            if len(t) <= 2 or not t[0].isalpha():
                continue  # never flagged (see _word)
            if (w.start and target[w.start - 1] in _ACCEL_BEFORE) or target[w.end:w.end + 1] in _ACCEL_AFTER:
                continue  # "[a]ccetta", "&File": a word cut by an accelerator mark
            if w.text[:1].isupper() and _in_name_run(target, w, env.code):
                continue  # "Jensen Huang": a word of a multiword name  # "Jensen Huang": the first word of a multiword name
            f = self._word(w, env, source_words)
            if f is not None:
                yield f

    def _word(self, w: Word, env: _Env, source_words: set[str]) -> Finding | None:
        t = w.text
        if len(t) <= 2 or not t[0].isalpha():
            return None
        low = t.lower()
        if low in env.accept or low in source_words:
            return None
        if t.isupper() or _has_upper(t, 1):
            return None
        cap = t[0].isupper()
        noun_caps = env.code in NOUN_CAPS
        if cap and (w.elided or not w.initial) and not noun_caps:
            return None
        if cap and (t in env.names and (w.initial or not noun_caps)):
            return None
        if low in KNOWN_NAMES and cap:
            return None
        if _word_known(env, low):
            return None  # either lexicon knows it: the frequency list or the inflections
        if not _in_script(low, env.code):
            return None  # '日本語' in an English list of languages: not a word of it
        if env.code in _CLOSED_COMPOUNDS and not cap and _two_words(low, dictionary(env.code) or {}):
            # 'homeware': two words written together; not a word of the lexicon
            # (other checks ask is_known whether 'Castleford' is a common word)
            return None
        lang = LANGUAGE_NAMES.get(env.code) or language_name(env.code)
        if not cap and low in env.name_forms and low not in env.frequent:
            form = env.name_forms[low]
            return self.flag(
                "target", w.start, w.end, t,
                f"'{t}' is written '{form}' elsewhere in the document.",
                suggestion=form,
            )
        if low in KNOWN_NAMES or low in env.frequent or low in language_names(env.code):
            return None
        if env.lexonly:
            return self._lexicon_typo(w, env, lang)
        if env.rich and (morph.lemma_light(low, env.code) != low or _short_form(low, env.code)
                         or not morph.near_known(
                low, env.code, sub_end=rich_ending(low), indel_end=1, start=1, swap_end=2)):
            # A richly inflecting language: no word list holds every form, so only the
            # shape of a typo counts, one edit from a listed form; another letter in
            # the ending is another inflection, another first letter another prefix
            # ('окажет' / 'скажет'), not a typo.
            return None
        hit = suggest(env.code, low)
        if hit is None:
            # no listed word one or two edits away: not the shape of a typo of a
            # word of the language, but a word the list lacks ('denuclearization')
            return None
        if cap and not w.initial and hit[1] > 1:
            return None  # a capitalised word of a noun-capitalising language: a name?
        sugg = hit[0]
        if cap:
            sugg = sugg[:1].upper() + sugg[1:]
        return self.flag(
            "target", w.start, w.end, t,
            f"'{t}' is not in the {lang} dictionary; did you mean '{sugg}'?",
            suggestion=sugg,
        )


    def _lexicon_typo(self, w: Word, env: _Env, lang: str) -> Finding | None:
        """A word the lexicon of inflected forms lacks, in a language without a
        word list: flagged only in the shape of a typo of a listed form (see
        :func:`lexicon_typo`)."""
        t, low = w.text, w.text.lower()
        if not t.islower() or len(t) < LEXICON_MIN_LENGTH:
            # without a word list, a capitalised word the lexicon lacks is most often
            # a name, and a short one a particle it does not list
            return None
        sugg = lexicon_typo(low, env.code, env.rich)
        if sugg is None:
            return None
        if t[:1].isupper():
            sugg = sugg[:1].upper() + sugg[1:]
        return self.flag(
            "target", w.start, w.end, t,
            f"'{t}' is not in the {lang} lexicon; did you mean '{sugg}'?",
            suggestion=sugg,
        )


#: the shortest word judged by a lexicon of inflected forms alone
LEXICON_MIN_LENGTH = 5
#: the typos a lexicon of inflected forms alone can tell (see :func:`morph.near_form`):
#: two neighbours swapped, a letter lost. A word one letter longer than a listed
#: form, or with one letter replaced, is as often a correct form the lexicon lacks
#: (measured on NTREX-128: 132 of 141 false alarms in 16 languages were of these two
#: kinds), so they are not told.
LEXICON_EDITS = "si"


def lexicon_typo(low: str, code: str, rich: bool) -> str | None:
    """The listed form that the lowercase ``low``, a word the lexicon of ``code``
    lacks, is a typo of, or None. The lexicon's lemmatizer taking it for a form of
    another word (by its affix rules) clears it; so does a compound of listed words
    in a compounding language, or (richly inflecting) the start of a listed form. A
    typo is two neighbours swapped (not the last letter) or a letter lost (in a
    richly inflecting language not the last one: another ending), not in the first
    letter (another prefix): :data:`LEXICON_EDITS`."""
    if len(low) < 4 or morph.lemma_light(low, code) != low:
        return None
    if code in _COMPOUNDING and _compound_known(low, _LexForms(code)):
        return None
    if rich and _short_form(low, code):
        return None
    return morph.near_form(low, code, indel_end=1 if rich else 0, start=1, swap_end=2,
                           edits=LEXICON_EDITS)


def _short_form(low: str, code: str) -> bool:
    """Whether ``low`` begins a listed form a few letters longer: a short form the
    lexicon omits ('показан' of 'показанный', 'поручен' of 'порученный'), another
    inflection rather than a typo."""
    return len(low) >= 5 and morph.truncated_form(low, code)


class _LexForms:
    """The forms of a :mod:`reviewer.morph` lexicon as a container (``in`` only)."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and morph.is_known(word, self.code)


def _word_known(env: _Env, low: str) -> bool:
    """Whether the lowercase ``low`` is a word of the run's language: in its word
    list (with the list's morphology) or its lexicon of inflected forms."""
    if env.lexonly:
        # a lemma with no other form (an adverb: 'obecnie', 'vždy') is listed only
        # as a lemma
        return (low in env.accept or morph.is_known(low, env.code)
                or morph.is_lemma(low, env.code))
    return is_known(env.code, low) or morph.is_known(low, env.code)


@lru_cache(maxsize=65536)
def _in_script(low: str, code: str) -> bool:
    """Whether every letter of ``low`` is of a script ``code`` is written in (CLDR);
    True when the scripts are not known."""
    scripts = language_scripts(code)
    if not scripts:
        return True
    return all(letter_script(c) in scripts for c in low if c.isalpha())


CHECKS = [SpellingCheck]

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

from collections import Counter

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

from ..errors import ConfigError
from ..lang import KNOWN_NAMES, base
from ..model import CODE_RE, Finding, Segment, Severity
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


@lru_cache(maxsize=16)
def _checker(code: str) -> Any:
    from spellchecker import SpellChecker

    spell = SpellChecker(language=code, distance=1)
    extra = _sectioned_words("extra_words.txt", code)
    if extra:
        spell.word_frequency.load_words(sorted(extra))
    return spell


_DICTS: dict[str | None, Mapping[str, int] | None] = {}


def dictionary(lang: str | None) -> Mapping[str, int] | None:
    """The lowercase word -> frequency map of ``lang`` (loaded once), or None."""
    try:
        return _DICTS[lang]
    except KeyError:
        pass
    code = base(lang)
    d = None
    if code and code in supported_languages():
        d = _checker(code).word_frequency.dictionary
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

_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb"})
_LINKS = ("s", "es", "n", "en", "er", "e")
_MIN_STEM = {"it": 4}
_ACUTE = str.maketrans("áéíóú", "aeiou")


def _paradigm_known(code: str, w: str, d: Mapping[str, int]) -> bool:
    min_stem = _MIN_STEM.get(code, 3)
    for group in _PARADIGMS.get(code, ()):
        for suf in group:
            if not w.endswith(suf):
                continue
            stem = w[: len(w) - len(suf)]
            if len(stem) < min_stem:
                continue
            for alt in group:
                if alt != suf and stem + alt in d:
                    return True
    return False


def _compound_known(w: str, d: Mapping[str, int]) -> bool:
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


def is_known(lang: str | None, word: str) -> bool:
    """True when the lowercase ``word`` is a word of ``lang`` (cached verdicts); True
    for every word when the language has no dictionary."""
    code = base(lang)
    d = dictionary(code)
    if d is None:
        return True
    cache = _VERDICTS.setdefault(code, {})
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
    2), or None. Distance-1 candidates come from pyspellchecker; distance 2 from a
    rapidfuzz scan of the dictionary words of similar length (words <= 20 chars)."""
    code = base(lang)
    d = dictionary(code)
    if d is None or len(word) > 20 or len(word) < 3:
        return None
    spell = _checker(code)
    cands = [c for c in spell.edit_distance_1(word) if c in d and c != word]
    if cands:
        return max(cands, key=lambda c: (d[c], c)), 1
    if len(word) < 5:
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    bucket = _by_length(code, len(word))
    hits = process.extract(
        word, bucket, scorer=Levenshtein.distance, score_cutoff=2, limit=25
    )
    if not hits:
        return None
    best = min(hits, key=lambda h: (h[1], -d.get(h[0], 0), h[0]))
    return best[0], int(best[1])


@lru_cache(maxsize=512)
def _by_length(code: str, n: int) -> list[str]:
    d = dictionary(code) or {}
    return [w for w in d if abs(len(w) - n) <= 2 and w.isalpha()]


# --- tokens ---------------------------------------------------------------------------

_SKIP_RE = re.compile(
    r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGcr@%]"  # printf
    r"|\{\{?[^{}\s]*\}?\}"  # {x}, {{x}}
    r"|\$\{?\w+\}?"  # $VAR, ${x}
    r"|&#?\w+;"  # entities
    r"|\\[nrt]"  # escapes
    r"|<[^<>\s][^<>]*>"  # tags
    r"|`[^`]*`"  # code
    r"|(?<![\w])[@#]\w+"  # mentions, hashtags
    r"|(?:~|\.{1,2})?/[\w.\-]+(?:/[\w.\-]*)+"  # paths
    r"|[A-Za-z]:\\\S*"  # Windows paths
)
_DOTTED_RE = re.compile(r"(?<![\w'’])\w+(?:\.\w+)+")  # domains, file.ext, e.g, 3.5
_DOT_IN_WORD_RE = re.compile(r"\w\.\w")
_SPECIAL = frozenset("%{$&\\<`@#/:")
_HAS_DIGIT_RE = re.compile(r"[\d_]")
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
    spans.sort()
    return tuple(spans)


def is_sentence_initial(text: str, pos: int) -> bool:
    """True when the word at ``pos`` starts the text, a line or a sentence."""
    i = pos - 1
    while i >= 0:
        ch = text[i]
        if ch == "\n":
            return True
        if ch.isspace() or ch in _OPENERS or CODE_RE.match(ch):
            i -= 1
            continue
        return ch in _ENDERS
    return True


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def iter_words(text: str) -> tuple[Word, ...]:
    """The checkable words of ``text``: tokens outside :func:`skip_spans`, without
    digits or underscores, split at hyphens and apostrophes as described above."""
    return _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    return tuple(_gen_words(text))


def _gen_words(text: str) -> Iterator[Word]:
    spans = skip_spans(text)
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        if _HAS_DIGIT_RE.search(tok):
            continue
        if spans and _overlaps(spans, m.start(), m.end()):
            continue
        if m.start() > 0 and text[m.start() - 1] in "$%{\\&@#":
            continue
        initial = is_sentence_initial(text, m.start())
        if "-" not in tok and "'" not in tok and "’" not in tok:
            yield Word(m.start(), m.end(), tok, initial, False)
            continue
        pos = m.start()
        for part in re.split(r"(-)", tok):
            if part and part != "-":
                yield from _split_apostrophes(part, pos, initial)
                initial = False
            pos += len(part)


def _split_apostrophes(part: str, pos: int, initial: bool) -> Iterator[Word]:
    pieces = re.split(r"['’]", part)
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


_ACCEL_BEFORE = frozenset("]&_~")
_ACCEL_AFTER = frozenset("[&")
_PREV_RE = re.compile(r"(\w+)[ \u00a0]+$")


def _in_name_run(text: str, w: Word, code: str) -> bool:
    """A capitalised word next to another capitalised word: part of a multiword name.
    Sentence-initial words count in every language; in languages that capitalise
    nouns, only words next to a capitalised word the dictionary lacks."""
    nxt = _NEXT_RE.match(text, w.end)
    nxt_cap = bool(nxt) and nxt.group(1)[:1].isupper()
    if code not in NOUN_CAPS:
        return w.initial and nxt_cap
    d = dictionary(code) or {}
    if nxt_cap:
        m = re.match(r"\w+", text[nxt.start(1):])  # type: ignore[union-attr]
        if m and m.group().lower() not in d:
            return True
    prev = _PREV_RE.search(text, 0, w.start)
    return bool(prev) and prev.group(1)[:1].isupper() and prev.group(1).lower() not in d


class SpellingCheck(DocumentCheck):
    """Words of the target missing from the target language's dictionary."""

    id = "spelling"
    name = "Spelling"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Words the target language's dictionary does not know, with a suggestion."

    def _env(self, context: CheckContext) -> _Env | None:
        code = base(context.target_lang)
        if dictionary(code) is None:
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
        return _Env(code, frozenset(accept), set(), {})

    @staticmethod
    def _learn(env: _Env, text: str) -> None:
        """Record the names of ``text``: capitalised inside a sentence, caps, mixed."""
        for w in iter_words(text):
            t = w.text
            if len(t) < 2 or not t[0].isalpha():
                continue
            mixed = any(c.isupper() for c in t[1:])
            if t[0].isupper() and (not w.initial or mixed):
                env.names.add(t)
                low = t.lower()
                if low != t and (mixed or low not in env.name_forms):
                    env.name_forms[low] = t

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
        for seg in segments:
            if seg.target:
                self._learn(env, seg.target)
                counts.update(w.text for w in iter_words(seg.target) if w.text.islower())
        # A word the document uses again and again is a term of the domain the
        # dictionary lacks ("cronologia", "specificatore"), not a typo: typos are
        # rare words. So is a word of the document's sources kept as it is ("commit").
        min_freq = int(context.option("min_doc_frequency", 3) or 0)
        extra = {w for w, n in counts.items() if min_freq and n >= min_freq}
        if not context.target_only:
            src_vocab = {w.text.lower() for seg in segments if seg.source
                         for w in iter_words(seg.source)}
            extra |= src_vocab & set(counts)
        env.frequent = frozenset(extra)
        for seg in segments:
            if seg.target:
                for f in self._check(seg, env, context):
                    yield seg, f

    def _check(self, seg: Segment, env: _Env, context: CheckContext) -> Iterator[Finding]:
        target = seg.target or ""
        source_words: set[str] = set()
        if seg.source and not context.target_only:
            source_words = {w.text.lower() for w in iter_words(seg.source)}
        for _, t in seg.terms:
            source_words.update(w.text.lower() for w in iter_words(t))
        for w in iter_words(target):
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
        if t.isupper() or any(c.isupper() for c in t[1:]):
            return None
        cap = t[0].isupper()
        noun_caps = env.code in NOUN_CAPS
        if cap and (w.elided or not w.initial) and not noun_caps:
            return None
        if cap and (t in env.names and (w.initial or not noun_caps)):
            return None
        if low in KNOWN_NAMES and cap:
            return None
        if is_known(env.code, low):
            return None
        lang = LANGUAGE_NAMES.get(env.code, env.code)
        if not cap and low in env.name_forms and low not in env.frequent:
            form = env.name_forms[low]
            return self.flag(
                "target", w.start, w.end, t,
                f"'{t}' is written '{form}' elsewhere in the document.",
                suggestion=form,
            )
        if low in KNOWN_NAMES or low in env.frequent:
            return None
        hit = suggest(env.code, low)
        if cap and not w.initial and (hit is None or hit[1] > 1):
            return None  # a capitalised word of a noun-capitalising language: a name?
        if hit is None:
            return self.flag(
                "target", w.start, w.end, t,
                f"'{t}' is not in the {lang} dictionary.",
            )
        sugg = hit[0]
        if cap:
            sugg = sugg[:1].upper() + sugg[1:]
        return self.flag(
            "target", w.start, w.end, t,
            f"'{t}' is not in the {lang} dictionary; did you mean '{sugg}'?",
            suggestion=sugg,
        )


CHECKS = [SpellingCheck]

"""Glossary model and term matcher: exact, inflection-tolerant and fuzzy, explained.

A :class:`Glossary` holds :class:`Entry` records (source term, approved target forms,
forbidden target forms, case rule, note). Matching works on *tokens* of a normalised
text (NFC, apostrophe and hyphen variants unified, case folded where the entry allows),
through one compiled index per side and language, built once:

* **exact and inflected matches** -- every form is cut into tokens, each token into a
  *stem* (a few language-specific endings stripped: Italian ``infrastruttur-a/-e``,
  German ``Rechenzentr-um/-en/-ums``) and a maximum number of extra characters. The
  index is a dict keyed by the stem of a form's first token; a text token is looked up
  by its own prefixes (a handful of dict look-ups, whatever the glossary size), then
  the following tokens are verified. In compound languages (German, Dutch, the
  Scandinavian languages...) a term may also start a compound word (``Speicher`` in
  ``Speicherressourcen``) or end one (``Zentrum`` in ``Rechenzentrum``).
* **only what a check needs** -- the checks do not scan a target for every form of the
  glossary. ``term`` asks whether the approved forms of the source's entries are in it:
  a form's first stem is looked for in the folded text (one ``str.find`` rules most
  out), and the words found are verified exactly as a scan would (``_Forms.hits_of``).
  ``forbidden-term`` scans with an index of the forbidden forms alone.
* **case** -- entries are case-insensitive unless ``case`` says so or the form is
  all-caps or mixed-case (``GPU``, ``OpenAI``); a case-insensitive hit of a
  case-sensitive form is reported as a *case variant* (``Openai``), not a match.
* **near misses** -- :meth:`Glossary.near_miss` compares one expected form with the
  windows of a text (rapidfuzz ``ratio`` with a per-language threshold), and
  :meth:`Glossary.fuzzy_names` finds glossary names close to a word through a blocking
  index keyed by first letter and length: fuzzy work is only ever done on candidates,
  never all terms x all tokens.

URLs, e-mail addresses and domain names are masked before matching, so
``blogs.nvidia.com`` never counts as the name ``NVIDIA``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

if TYPE_CHECKING:  # pragma: no cover
    from .model import Segment

__all__ = [
    "Entry",
    "FormHit",
    "Glossary",
    "TermMatch",
    "load_glossary",
    "unit_glossary",
    "similarity",
    "threshold_for",
    "token_shape",
    "fold",
]

# ------------------------------------------------------------------ normalisation

_FOLD_TABLE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
        "\u2032": "'", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00ad": "-", "\u00a0": " ",
        "\u202f": " ", "\u2007": " ", "\u0130": "i",
    }
)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+[+#]*")
_JOIN_RE = re.compile(r"\s{1,3}|[-'/.]|\s?-\s?")
_URL_HINT = re.compile(r"://|www\.|@|[\w-]\.[^\W\d_]{2}", re.I)
_URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|ai|dev|app|info|biz|co|"
    r"[a-z]{2})\b(?:/\S*)?",
    re.I,
)


_FOLD_HINT = re.compile("[" + re.escape("".join(map(chr, _FOLD_TABLE))) + "]")


def _fold_chars(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``, skipped when no character needs it."""
    if text.isascii():
        return text.replace("`", "'") if "`" in text else text
    return text.translate(_FOLD_TABLE) if _FOLD_HINT.search(text) else text


def fold(text: str) -> str:
    """NFC, unified apostrophes/hyphens/spaces, lower case (same length as NFC)."""
    t = _fold_chars(unicodedata.normalize("NFC", text))
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return low


@dataclass(slots=True)
class _Text:
    """A text prepared for matching: NFC form, folded form, tokens, offset map.

    Offsets are arrays, the tokens a tuple of strings and ``join`` bytes: thousands
    of prepared texts stay in the cache of :func:`_prepare`, and such sequences cost
    the garbage collector little (nothing to follow inside an array or bytes, and a
    tuple of strings is no longer tracked once seen), where lists would have every
    element visited at every collection."""

    nfc: str
    low: str
    starts: Sequence[int]
    ends: Sequence[int]
    toks: Sequence[str]
    join: Sequence[int]  # join[i] (0 or 1): token i may continue a multi-token term
    offs: Sequence[int] | None  # NFC index -> original index (None: identical)

    def orig(self, i: int) -> int:
        """Original-text offset of NFC offset ``i``."""
        return i if self.offs is None else self.offs[i]

    def windows(self, size: int) -> tuple[list[str], list[tuple[int, int]]]:
        """Folded windows of ``size`` joinable tokens and their NFC spans."""
        starts, ends = self.starts, self.ends
        if size == 1:  # every token: its folded text is the window
            return list(self.toks), list(zip(starts, ends))
        join, n, last = self.join, len(self.toks), size - 1
        if size == 2:  # the tokens a term may continue from
            idx = list(compress(range(n - 1), join[1:]))
        else:
            idx = [i for i in range(n - last) if all(join[i + 1 : i + size])]
        spans = [(starts[i], ends[i + last]) for i in idx]
        low = self.low
        return [low[s:e] for s, e in spans], spans


def _nfc_map(text: str) -> tuple[str, Sequence[int]]:
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        offs.extend([i] * len(chunk))
        i = j
    offs.append(n)
    return "".join(out), array("l", offs)


class _GapTable(dict):  # type: ignore[type-arg]
    """Gap between two tokens -> whether a multi-token term may span it (one space,
    a hyphen, an apostrophe...). Gaps are a small vocabulary: a dict look-up each."""

    def __missing__(self, gap: str) -> bool:
        ok = not gap or (len(gap) == 1 and gap in " -'/.") or _JOIN_RE.fullmatch(gap) is not None
        if len(self) < 4096:
            self[gap] = ok
        return ok


_GAPS = _GapTable()
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")
_TOKEN_SPLIT_ASCII = re.compile(r"([^\W_]+[+#]*)")  # the same on ASCII text, faster
_DOT_WORD = re.compile(r"\.[^\W\d_]{2}")
_DOT_WORD_AT = re.compile(r"[\w-]\.[^\W\d_]{2}", re.I)


def _url_hint(low: str) -> bool:
    """``_URL_HINT.search(low)`` when ``low`` has a dot or an at sign, else False; the
    same answer with cheap tests first (a regex led by a literal dot, then the exact
    pattern at each candidate)."""
    if "@" in low:
        return True
    if "." not in low:
        return False
    if "://" in low or "www." in low:
        return _URL_HINT.search(low) is not None
    for m in _DOT_WORD.finditer(low):
        i = m.start()
        if i and _DOT_WORD_AT.match(low, i - 1):
            return True
    return False


@lru_cache(maxsize=8192)
def _prepare(text: str) -> _Text:
    offs: Sequence[int] | None = None
    nfc = text
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        nfc, offs = _nfc_map(text)
    t = _fold_chars(nfc)
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    if _url_hint(low):
        low = _URL_RE.sub(lambda m: " " * len(m.group()), low)
    # one C-level split: [before, token, gap, token, ..., token, after]; the running
    # lengths of the pieces are the tokens' start and end offsets
    parts = (_TOKEN_SPLIT_ASCII if low.isascii() else _TOKEN_SPLIT).split(low)
    n2 = len(parts) - 1
    if not n2:
        return _Text(nfc, low, (), (), (), b"", offs)
    acc = array("l", accumulate(map(len, parts)))
    starts = acc[0:n2:2]
    ends = acc[1:n2:2]
    toks = tuple(parts[1::2])
    # join[i]: the gap before token i may be inside a term (never before the first)
    join = bytes([False, *map(_GAPS.__getitem__, parts[2:-1:2])])
    return _Text(nfc, low, starts, ends, toks, join, offs)


def token_shape(tok: str) -> str:
    """``lower``, ``capitalised``, ``allcaps``, ``mixed`` (``OpenAI``) or ``other``."""
    letters = [c for c in tok if c.isalpha()]
    if not letters:
        return "other"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "allcaps" if len(letters) > 1 else "capitalised"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "capitalised"
    return "mixed"


@lru_cache(maxsize=16384)
def _default_case_sensitive(form: str) -> bool:
    shapes = {token_shape(t) for t in re.findall(r"[^\W_]+", form)}
    return bool(shapes & {"allcaps", "mixed"})


def similarity(a: str, b: str) -> float:
    """Similarity 0-100 of two spellings: rapidfuzz ``ratio`` of the folded strings;
    for case-only variants, 100 less half the share of letters whose case differs
    (``Openai``/``OpenAI`` 83.3, ``gpu``/``GPU`` 50)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        if not fa:
            return 100.0
        diff = sum(1 for x, y in zip(a, b) if x != y)
        return round(100.0 * (1 - 0.5 * diff / len(fa)), 2)
    return round(float(fuzz.ratio(fa, fb)), 2)


# ---------------------------------------------------------------- language rules

_STRIP: dict[str, tuple[str, ...]] = {
    "en": ("ing", "ed", "es", "s", "e", "y"),
    "it": ("are", "ere", "ire", "i", "e", "a", "o"),
    "es": ("ar", "er", "ir", "as", "os", "es", "a", "o", "e", "s"),
    "pt": ("ar", "er", "ir", "as", "os", "es", "a", "o", "e", "s"),
    "ca": ("ar", "er", "ir", "es", "a", "o", "e", "s"),
    "fr": ("er", "ir", "re", "es", "e", "s", "x"),
    "ro": ("are", "ere", "ire", "a", "e", "i", "u"),
    "de": ("en", "e", "um", "us", "a"),
    "nl": ("en", "e", "s"),
    "sv": ("ar", "er", "or", "en", "a", "e"),
    "da": ("er", "en", "e"),
    "nb": ("er", "en", "e"),
    "no": ("er", "en", "e"),
    "pl": ("a", "y", "i", "e", "u", "o"),
    "cs": ("a", "y", "i", "e", "u", "o"),
    "ru": ("а", "я", "ы", "и", "е", "о", "у", "ь"),
    "uk": ("а", "я", "и", "і", "е", "о", "у", "ь"),
}
_DEFAULT_STRIP: tuple[str, ...] = ("e", "a", "o", "i", "s")
_MAX_EXTRA: dict[str, int] = {"pl": 4, "cs": 4, "ru": 4, "uk": 4, "sv": 4, "da": 4, "nb": 4, "no": 4}
# Inflectional endings that may follow a stem, where known: a closed list keeps
# "potenziale" (potential) from matching "potenziare" (to scale up).
_IT_END = """a e i o are ere ire iamo ate ete ite ano ono ato ata ati uto uta uti ute ito ita iti
    ando endo amento amenti imento imenti azione azioni ava avano eva evano erà eranno
    irà iranno abile abili ibile ibili iamo ò ì amo emo imo avo avi avamo ai eranno
    ano ino ono""".split()
_ES_END = """a o e s as os es ar er ir ado ada ados adas ido ida idos idas ando iendo amiento
    amientos imiento imientos ación aciones ición iciones able ables ible ibles amos emos
    imos an en ó ió ía aba aban ará erá irá ão ões ção ções ável áveis ível íveis ou am
    em ndo""".split()
_FR_END = """e es s x er ir re é ée és ées i ie is it ant ent ons ez ait aient ement ements
    ation ations eur eurs able ables era eront""".split()
_EN_END = """s es ed d ing e er ers ies ied y ment ments able ability ation ations""".split()
_DE_END = """e en em er es n s ns ens nen um ums us a ern t te ten tes ter st end ende enden
    ung ungen""".split()
_ENDINGS: dict[str, frozenset[str]] = {
    "it": frozenset(_IT_END), "es": frozenset(_ES_END), "pt": frozenset(_ES_END),
    "ca": frozenset(_ES_END), "gl": frozenset(_ES_END), "fr": frozenset(_FR_END),
    "en": frozenset(_EN_END), "de": frozenset(_DE_END), "nl": frozenset("e en s er ers t te ten d de den".split()),
}
_DEFAULT_MAX_EXTRA = 3
_COMPOUND_LANGS = frozenset({"de", "nl", "sv", "da", "nb", "nn", "no", "is", "fi", "et", "af", "lb"})
_THRESHOLDS: dict[str, float] = {"de": 88.0, "fi": 88.0, "hu": 88.0, "nl": 87.0, "sv": 87.0}
_DEFAULT_THRESHOLD = 85.0
_NAME_SUFFIXES = ("s", "es")
_MIN_STEM = 4
_COMPOUND_MIN_REST = 3
_NO_LIMIT = 99


@lru_cache(maxsize=256)
def _lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def threshold_for(lang: str | None) -> float:
    """The fuzzy similarity threshold (0-100) for near misses in ``lang``: 85, higher
    for languages with long compounds (German 88), where ``ratio`` is lenient."""
    return _THRESHOLDS.get(_lang(lang), _DEFAULT_THRESHOLD)


def _stem(tok: str, orig_tok: str, lang: str) -> tuple[str, int]:
    """``(stem, max_extra)``; max_extra -1 means: only a name suffix (``s``) may follow
    (names, acronyms, short words, numbers)."""
    shape = token_shape(orig_tok)
    if len(tok) <= 3 or shape in ("allcaps", "mixed") or any(c.isdigit() for c in tok):
        return tok, -1
    if len(tok) == 1 or not tok[0].isalpha():
        return tok, -1
    for suf in _STRIP.get(lang, _DEFAULT_STRIP):
        if tok.endswith(suf) and len(tok) - len(suf) >= _MIN_STEM:
            return tok[: -len(suf)], _MAX_EXTRA.get(lang, _DEFAULT_MAX_EXTRA)
    return tok, _MAX_EXTRA.get(lang, _DEFAULT_MAX_EXTRA)


# ----------------------------------------------------------------------- entries


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry. ``targets`` empty means do-not-translate (the source form
    must stay as it is); ``case_sensitive`` None means the default rule (sensitive for
    all-caps and mixed-case forms only)."""

    source: str
    targets: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case_sensitive: bool | None = None
    note: str = ""
    origin: str = field(default="", compare=False)
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_hash",
            hash((self.source, self.targets, self.forbidden, self.case_sensitive, self.note)),
        )

    def __hash__(self) -> int:
        return self._hash

    @property
    def dnt(self) -> bool:
        """True for a do-not-translate entry."""
        return not self.targets

    @property
    def approved(self) -> tuple[str, ...]:
        """The target forms that are right: the targets, or the source itself (DNT)."""
        return self.targets or (self.source,)

    def is_case_sensitive(self, form: str) -> bool:
        """Whether ``form`` of this entry is matched case-sensitively."""
        if self.case_sensitive is not None:
            return self.case_sensitive
        return _default_case_sensitive(form)


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a glossary form in a text.

    ``kind`` is ``source`` (an entry's source term), ``approved`` or ``forbidden``
    (target forms). ``exact_case`` is False for a case variant of a case-sensitive form
    (``Openai`` for ``OpenAI``); ``inflected`` when the word only shares the form's
    stem; ``compound`` when the form is part of a longer compound word.
    """

    entry: Entry
    form: str
    kind: str
    start: int
    end: int
    text: str
    exact_case: bool = True
    inflected: bool = False
    compound: bool = False


_NO_ENTRIES: frozenset[Entry] = frozenset()


class _Form:
    """One distinct compiled form (text + case rule); several entries may share it.

    ``approved``, ``forbidden`` and ``source`` are the entries for which the form is of
    that kind (precomputed once the forms are compiled, so a hit costs no set building);
    ``forbidden_only`` is true when the form is of no other kind (such a form is not
    looked for inside compound words)."""

    __slots__ = ("text", "toks", "orig", "stems", "extra", "case", "modifier", "items",
                 "by_kind", "approved", "forbidden", "source", "forbidden_only")

    def __init__(self, text: str, toks: tuple[str, ...], orig: tuple[str, ...],
                 stems: tuple[str, ...], extra: tuple[int, ...], case: bool, modifier: bool) -> None:
        self.text, self.toks, self.orig, self.stems = text, toks, orig, stems
        self.extra, self.case, self.modifier = extra, case, modifier
        self.items: list[tuple[Entry, str]] = []  # (entry, kind) in glossary order
        self.by_kind: dict[str, frozenset[Entry]] = {}
        self.approved: frozenset[Entry] = _NO_ENTRIES
        self.forbidden: frozenset[Entry] = _NO_ENTRIES
        self.source: frozenset[Entry] = _NO_ENTRIES
        self.forbidden_only = False


@dataclass(frozen=True, slots=True)
class FormHit:
    """One occurrence of a compiled form in a text, before it is expanded to the
    entries sharing the form: ``approved``/``forbidden``/``source`` give those entries."""

    form: _Form
    start: int
    end: int
    text: str
    exact_case: bool
    inflected: bool
    compound: bool

    def entries(self, kind: str) -> frozenset[Entry]:
        """The entries for which this form is of ``kind``."""
        return self.form.by_kind.get(kind, _NO_ENTRIES)


_Raw = tuple[_Form, int, int, bool, bool, bool]
# a candidate of a token or token pair: (form, result of its last word so far (see
# _tok_ok), inflected so far, index of the form's last word, plain hit: one or
# two words, case-insensitive, not a compound part)
_Item = tuple[_Form, int, bool, int, bool]


def _item(f: _Form, res: int, infl: bool) -> _Item:
    last = len(f.toks) - 1
    return f, res, infl, last, last < 2 and res != 3 and not f.case


# per token: ((compound head, offset)...), (item...), {next token: (item...)} or None,
# candidates with multi-word ones in place or None; see _Index._token
_TokPlan = tuple[()] | tuple[
    tuple[tuple[_Form, int], ...],
    tuple[_Item, ...],
    "dict[str, tuple[_Item, ...]] | None",
    "tuple[tuple[_Form | None, Any], ...] | None",
]
_TOKEN_CACHE = 1 << 17  # distinct tokens remembered per index (cleared when full)
_PAIR_CACHE = 1 << 17  # token pairs remembered per index, in the plans of their first token


def _tok_ok(f: _Form, k: int, tok: str, last: bool, endings: frozenset[str] | None) -> int:
    """How text token ``tok`` stands for word ``k`` of form ``f``: 0 no match, 1 match,
    2 inflected, 3 compound modifier (``last``: the form's last word, which may start a
    compound). ``endings``: the language's inflectional endings, if known."""
    if tok == f.toks[k]:
        return 1
    st = f.stems[k]
    if not tok.startswith(st):
        return 0
    if len(tok) == len(st):
        return 2
    mx = f.extra[k]
    rest = tok[len(st):]
    if mx < 0:
        return 2 if rest in _NAME_SUFFIXES else 0
    if (rest in endings) if endings is not None else len(rest) <= mx:
        return 2
    if last and f.modifier and not f.forbidden_only and len(rest) >= _COMPOUND_MIN_REST:
        return 3
    return 0


def _hit(t: _Text, f: _Form, i: int, j: int, res: int, infl: bool) -> _Raw:
    """The hit of form ``f`` on tokens ``i`` to ``j`` of ``t``, the last one's result
    being ``res``: its span (a compound modifier ends where the form's word does) and
    whether its case is right."""
    end = t.ends[j]
    if res == 3:
        k = len(f.toks) - 1
        cp = len(f.stems[k])
        full, tj = f.toks[k], t.toks[j]
        while cp < len(full) and cp < len(tj) and full[cp] == tj[cp]:
            cp += 1
        end = t.starts[j] + cp
    exact = True
    if f.case:
        for k in range(j - i + 1):
            s = t.starts[i + k]
            n = len(f.stems[k])
            if t.nfc[s : s + n] != f.orig[k][:n]:
                exact = False
                break
    return f, t.starts[i], end, exact, infl, res == 3


def _verify(t: _Text, f: _Form, i: int, infl: bool, endings: frozenset[str] | None) -> _Raw | None:
    """The hit of multi-word form ``f`` at token ``i`` whose first two words matched
    (``infl``: one was inflected), checking its third word on; or None."""
    toks, join = t.toks, t.join
    last = len(f.toks) - 1
    if i + last >= len(toks):
        return None
    res = 0
    for k in range(2, last + 1):
        j = i + k
        if not join[j]:
            return None
        res = _tok_ok(f, k, toks[j], k == last, endings)
        if not res:
            return None
        infl = infl or res >= 2
    return _hit(t, f, i, i + last, res, infl)


class _Forms:
    """The distinct forms of one side (source terms, or approved and forbidden target
    forms) compiled for one language, and what every index of them shares: the
    language's endings and how many characters a word may have past a stem.

    :meth:`hits_of` finds one form alone, exactly as an index of all of them would:
    the way to ask about a few known entries without scanning for every form."""

    def __init__(self, forms: Iterable[tuple[str, Entry, str]], lang: str) -> None:
        self.lang = lang
        compound = lang in _COMPOUND_LANGS
        self.endings = _ENDINGS.get(lang)
        max_extra = max(map(len, self.endings)) if self.endings else 2
        seen: dict[tuple[str, bool], _Form] = {}
        any_modifier = False
        for text, entry, kind in forms:
            nfc = unicodedata.normalize("NFC", text.strip())
            case = entry.is_case_sensitive(nfc)
            f = seen.get((nfc, case))
            if f is None:
                low = fold(nfc)
                spans = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(low)]
                if not spans:
                    continue
                toks = tuple(low[a:b] for a, b in spans)
                orig = tuple(nfc[a:b] for a, b in spans)
                st = [_stem(t, o, lang) for t, o in zip(toks, orig)]
                modifier = compound and not case and len(st[-1][0]) >= _MIN_STEM and st[-1][1] >= 0
                f = seen[(nfc, case)] = _Form(
                    nfc, toks, orig, tuple(x for x, _ in st), tuple(x for _, x in st), case, modifier
                )
                max_extra = max(max_extra, f.extra[0])
                any_modifier = any_modifier or modifier
            f.items.append((entry, kind))
        for f in seen.values():
            kinds: dict[str, list[Entry]] = {}
            for e, k in f.items:
                kinds.setdefault(k, []).append(e)
            f.by_kind = {k: frozenset(v) for k, v in kinds.items()}
            f.approved = f.by_kind.get("approved", _NO_ENTRIES)
            f.forbidden = f.by_kind.get("forbidden", _NO_ENTRIES)
            f.source = f.by_kind.get("source", _NO_ENTRIES)
            f.forbidden_only = set(f.by_kind) == {"forbidden"}
        self.forms: list[_Form] = list(seen.values())
        # the most characters a text word may have past a stem: a bound every index of
        # these forms prunes its look-ups with (none in compound languages)
        self.max_extra = _NO_LIMIT if any_modifier else max_extra
        self._approved: dict[Entry, tuple[_Form, ...]] | None = None

    def approved_of(self, e: Entry) -> tuple[_Form, ...]:
        """The forms approved for entry ``e`` (or an entry equal to it)."""
        by = self._approved
        if by is None:
            acc: dict[Entry, list[_Form]] = {}
            for f in self.forms:
                for x in f.approved:
                    acc.setdefault(x, []).append(f)
            by = self._approved = {x: tuple(v) for x, v in acc.items()}
        return by.get(e, ())

    def hits_of(self, t: _Text, f: _Form) -> list[_Raw]:
        """The hits of form ``f`` in ``t`` (NFC offsets, in text order), the same as an
        index scan finds: the folded text is searched for the form's first stem (one
        ``str.find`` rules most forms out), and only the words that start with it, or
        end with it in a compound, are verified (see :meth:`hit_at`)."""
        out: list[_Raw] = []
        st0, low = f.stems[0], t.low
        p = low.find(st0)
        while p >= 0:
            r = self.hit_at(t, f, p)
            if r is not None:
                out.append(r)
            p = low.find(st0, p + 1)
        return out

    def has_hit(self, t: _Text, f: _Form) -> bool:
        """Whether form ``f`` is in ``t`` with the right case (see :meth:`hits_of`)."""
        st0, low = f.stems[0], t.low
        p = low.find(st0)
        while p >= 0:
            r = self.hit_at(t, f, p)
            if r is not None and r[3]:
                return True
            p = low.find(st0, p + 1)
        return False

    def hit_at(self, t: _Text, f: _Form, p: int) -> _Raw | None:
        """The hit of form ``f`` whose first stem is at NFC offset ``p`` of ``t`` (a
        word starting there, or a compound ending with the form), or None."""
        starts = t.starts
        i = bisect_right(starts, p) - 1
        if i < 0 or p >= t.ends[i]:
            return None
        tok = t.toks[i]
        j = p - starts[i]
        st0 = f.stems[0]
        if j == 0:
            if len(tok) - len(st0) > self.max_extra:
                return None  # (as an index prunes its look-ups)
            return self._starting(t, f, i, len(f.toks) - 1, self.endings, self.max_extra)
        if len(f.toks) > 1 or not f.modifier or f.forbidden_only:
            return None  # only a single-word form can end a compound
        n = len(tok)
        rest = n - j - len(st0)
        if n < 7 or not _COMPOUND_MIN_REST <= j <= n - _MIN_STEM or not 0 <= rest <= 4:
            return None
        endings = self.endings
        tail = tok[j + len(st0) :]
        end_ok = (tail in endings) if endings is not None else rest <= f.extra[0]
        if not rest or end_ok or tail in _NAME_SUFFIXES:
            return f, p, t.ends[i], True, True, True
        return None

    @staticmethod
    def _starting(
        t: _Text, f: _Form, i: int, last: int, endings: frozenset[str] | None, max_extra: int
    ) -> _Raw | None:
        """The hit of ``f`` starting at token ``i`` (whose text starts with the form's
        first stem), or None: :meth:`_Index.scan` for one form."""
        toks = t.toks
        res = _tok_ok(f, 0, toks[i], last == 0, endings)
        if not res:
            return None
        if last == 0:
            if res != 3 and not f.case:
                return f, t.starts[i], t.ends[i], True, res >= 2, False
            return _hit(t, f, i, i, res, res >= 2)
        if i + 1 >= len(toks) or not t.join[i + 1]:
            return None
        tok2, st1 = toks[i + 1], f.stems[1]
        if not tok2.startswith(st1) or len(tok2) - len(st1) > max_extra:
            return None
        r1 = _tok_ok(f, 1, tok2, last == 1, endings)
        if not r1:
            return None
        infl = res >= 2 or r1 >= 2
        if last > 1:
            return _verify(t, f, i, infl, endings)
        if r1 != 3 and not f.case:
            return f, t.starts[i], t.ends[i + 1], True, infl, False
        return _hit(t, f, i, i + 1, r1, infl)


class _Index:
    """The compiled matcher of some of the forms of one side in one language (all of
    them, or the target forms that are forbidden for some entry).

    Single-word forms are keyed by their stem; multi-word forms by the stems of their
    first two words (a dict of dicts), so a common first word ("file") does not make
    every "file ..." term a candidate.
    """

    def __init__(self, compiled: _Forms, forms: Iterable[_Form] | None = None) -> None:
        self.lang = compiled.lang
        self.endings = compiled.endings
        self.max_extra = compiled.max_extra
        self.single: dict[str, list[_Form]] = {}
        self.multi: dict[str, dict[str, list[_Form]]] = {}
        self.heads: dict[str, list[_Form]] = {}
        self.head_pre: set[str] = set()
        lens: set[int] = set()
        lens2: set[int] = set()
        head_lens: set[int] = set()
        for f in compiled.forms if forms is None else forms:
            lens.add(len(f.stems[0]))
            if len(f.toks) == 1:
                self.single.setdefault(f.stems[0], []).append(f)
                if f.modifier and not f.forbidden_only:  # may end a compound
                    self.heads.setdefault(f.stems[0], []).append(f)
                    self.head_pre.add(f.stems[0][:_MIN_STEM])
                    head_lens.add(len(f.stems[0]))
            else:
                self.multi.setdefault(f.stems[0], {}).setdefault(f.stems[1], []).append(f)
                lens2.add(len(f.stems[1]))
        self.lens = frozenset(lens)
        self.maxlen = max(lens, default=0)
        self.minlen = min(lens, default=1)
        self.lens2 = frozenset(lens2)
        self.maxlen2 = max(lens2, default=0)
        self.minlen2 = min(lens2, default=1)
        self.head_lens = sorted(head_lens, reverse=True)
        stems = list(self.single) + list(self.multi)
        self.gate = frozenset(x[:4] for x in stems if len(x) >= 4)
        self.short = frozenset(x for x in stems if len(x) < 4)
        self.stems2 = frozenset(k for inner in self.multi.values() for k in inner)
        self._tok_cache: dict[str, _TokPlan] = {}
        self._tok2_cache: dict[str, tuple[str, ...]] = {}
        self._pairs = 0  # pairs cached in the plans of _tok_cache

    def _token(self, tok: str) -> _TokPlan:
        """What token ``tok`` can start or end, whatever its text: ``(heads, items,
        follow, mixed)``. ``heads`` are ``(form, offset)`` compound heads inside it;
        ``items`` the single-word forms it matches (see :meth:`_item`), in scan order.
        When it may start a multi-word form, ``mixed`` is the list of candidates in
        scan order, with ``(None, {second stem: [form, ...]})`` in place of the
        multi-word ones, and ``follow`` a dict: next token -> items of the pair (see
        :meth:`_pair`); else both are None. ``()`` when it can do nothing (most
        tokens). Cached per index: a token seen before costs one dict look-up."""
        n = len(tok)
        heads: list[tuple[_Form, int]] = []
        if self.heads and n >= 7:
            heads = self._heads(tok)
        items: list[_Item] = []
        mixed: list[tuple[_Form | None, Any]] = []
        if tok[:4] in self.gate:
            top = min(n, self.maxlen)
        elif self.short and n <= 5:
            top = min(n, 3)
        else:
            top = 0
        if top:
            single, multi, lens = self.single, self.multi, self.lens
            for L in range(top, max(self.minlen, 1, n - self.max_extra) - 1, -1):
                if L not in lens:
                    continue
                key = tok[:L]
                bucket = single.get(key)
                if bucket is not None:
                    for f in bucket:
                        res = _tok_ok(f, 0, tok, True, self.endings)
                        if res:
                            it = _item(f, res, res >= 2)
                            items.append(it)
                            mixed.append((f, it))
                inner = multi.get(key)
                if inner is not None:
                    mixed.append((None, inner))
        has_multi = len(mixed) > len(items)
        plan: _TokPlan = (
            (tuple(heads), tuple(items), {} if has_multi else None, tuple(mixed) if has_multi else None)
            if heads or items or has_multi else ()
        )
        cache = self._tok_cache
        if len(cache) >= _TOKEN_CACHE:
            cache.clear()  # (and every pair cached in the plans)
            self._pairs = 0
        cache[tok] = plan
        return plan

    def _second(self, tok2: str) -> tuple[str, ...]:
        """The prefixes of ``tok2`` that are second stems of some multi-word form,
        longest first (cached like :meth:`_token`)."""
        n2 = len(tok2)
        stems2 = self.stems2
        out = tuple(
            k for k in (
                tok2[:L2]
                for L2 in range(min(n2, self.maxlen2), max(self.minlen2, n2 - self.max_extra, 1) - 1, -1)
                if L2 in self.lens2
            ) if k in stems2
        )
        cache = self._tok2_cache
        if len(cache) >= _TOKEN_CACHE:
            cache.clear()
        cache[tok2] = out
        return out

    def _pair(self, plan: _TokPlan, tok: str, tok2: str) -> tuple[_Item, ...]:
        """The forms that token pair ``tok tok2`` matches, in scan order: the
        single-word forms of ``tok``, and the multi-word forms whose first two words
        the pair is (their result and inflection so far are the second word's).
        Cached in the first token's plan: the sequels of a word are few."""
        _heads, singles, follow, mixed = plan  # type: ignore[misc]
        assert follow is not None and mixed is not None  # a plan with multi-word candidates
        keys2 = self._tok2_cache.get(tok2)
        if keys2 is None:
            keys2 = self._second(tok2)
        out: list[_Item] = []
        multi = False
        for f, x in mixed if keys2 else ():  # (no second word: the single-word forms)
            if f is not None:
                out.append(x)
                continue
            inner: dict[str, list[_Form]] = x
            for k2 in keys2:
                for f2 in inner.get(k2, ()):
                    r0 = _tok_ok(f2, 0, tok, False, self.endings)
                    if r0:
                        r1 = _tok_ok(f2, 1, tok2, len(f2.toks) == 2, self.endings)
                        if r1:
                            out.append(_item(f2, r1, r0 >= 2 or r1 >= 2))
                            multi = True
        items: tuple[_Item, ...] = tuple(out) if multi else singles
        follow[tok2] = items
        self._pairs += 1
        if self._pairs >= _PAIR_CACHE:
            self._tok_cache.clear()  # (the plans hold the pairs: memory stays bounded)
            self._pairs = 0
        return items

    def scan(self, t: _Text) -> list[_Raw]:
        """``(form, start, end, exact_case, inflected, compound)`` of every form in
        ``t`` (NFC offsets), in text order. Each token costs one look-up in the token
        plan cache (see :meth:`_token`), a token that may start a multi-word form one
        more, for the pair it starts (see :meth:`_pair`); only actual candidates of
        three words or more are verified word by word."""
        toks = t.toks
        plans = list(map(self._tok_cache.get, toks))
        if None in plans:
            plans = [self._token(tok) if p is None else p for tok, p in zip(toks, plans)]
        out: list[_Raw] = []
        if not any(plans):
            return out
        starts, ends, join = t.starts, t.ends, t.join
        last_i = len(toks) - 1
        add = out.append
        for i, plan in enumerate(plans):
            if not plan:
                continue
            heads, items, follow, _ = plan
            if heads:
                for f, j in heads:
                    add((f, starts[i] + j, ends[i], True, True, True))
            if follow is not None and i < last_i and join[i + 1]:
                tok2 = toks[i + 1]
                pair = follow.get(tok2)
                items = self._pair(plan, toks[i], tok2) if pair is None else pair
            for f, res, infl, last, fast in items:
                if fast:
                    if last == 0:
                        add((f, starts[i], ends[i], True, infl, False))
                        continue
                    if last == 1:
                        add((f, starts[i], ends[i + 1], True, infl, False))
                        continue
                elif last < 2:
                    add(_hit(t, f, i, i + last, res, infl))
                    continue
                # three words or more: most candidates fail on the third (cheap test)
                if i + 2 > last_i or not join[i + 2] or not toks[i + 2].startswith(f.stems[2]):
                    continue
                r = _verify(t, f, i, infl, self.endings)
                if r is not None:
                    add(r)
        return out

    def _heads(self, tok: str) -> list[tuple[_Form, int]]:
        """``(form, offset)`` of the compound heads (single-word forms that may end a
        compound: ``Zentrum`` in ``Rechenzentrum``) inside ``tok``."""
        n = len(tok)
        pre = self.head_pre
        out: list[tuple[_Form, int]] = []
        js = [j for j in range(_COMPOUND_MIN_REST, n - _MIN_STEM + 1) if tok[j : j + _MIN_STEM] in pre]
        for j in js:
            for L in self.head_lens:
                rest = n - j - L
                if rest < 0 or rest > 4:
                    continue
                for f in self.heads.get(tok[j : j + L], ()):
                    tail = tok[j + L :]
                    end_ok = (tail in self.endings) if self.endings is not None else rest <= f.extra[0]
                    if not rest or end_ok or tail in _NAME_SUFFIXES:
                        out.append((f, j))
        return out


# ---------------------------------------------------------------------- glossary


class _Layer:
    """Entries plus their compiled forms and indexes (built per side and language on
    first use) and a small cache of scan results (a segment asks about its source and
    target several times; a bigger cache only keeps more hits alive for the garbage
    collector to walk)."""

    CACHE = 256

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        self.entries = entries
        self._forms: dict[tuple[str, str], _Forms] = {}
        self._idx: dict[tuple[str, str], _Index] = {}
        self._cache: OrderedDict[tuple[str, str, str], list] = OrderedDict()
        self._names: tuple[dict[str, list[tuple[str, Entry]]], dict[tuple[str, int], list[str]]] | None = None

    def forms(self, side: str, lang: str) -> _Forms:
        """The compiled forms of ``side`` (``source`` or ``target``) in ``lang``."""
        key = (side, lang)
        fs = self._forms.get(key)
        if fs is None:
            if side == "source":
                forms: list[tuple[str, Entry, str]] = [(e.source, e, "source") for e in self.entries]
            else:
                forms = []
                for e in self.entries:
                    forms.extend((a, e, "approved") for a in e.approved)
                    forms.extend((x, e, "forbidden") for x in e.forbidden)
            fs = self._forms[key] = _Forms(forms, lang)
        return fs

    def index(self, side: str, lang: str) -> _Index:
        """The matcher of ``side``: ``source``, ``target`` (every approved and
        forbidden form) or ``forbidden`` (the target forms forbidden for some entry:
        few, so the many texts without one are ruled out cheaply)."""
        key = (side, lang)
        idx = self._idx.get(key)
        if idx is None:
            if side == "forbidden":
                fs = self.forms("target", lang)
                idx = _Index(fs, [f for f in fs.forms if f.forbidden])
            else:
                idx = _Index(self.forms(side, lang))
            self._idx[key] = idx
        return idx

    def approved_at(self, text: str, lang: str, e: Entry, span: tuple[int, int]) -> bool:
        """Whether an approved form of entry ``e`` is in ``text`` with the right case
        exactly at ``span`` (original offsets), looking for those forms alone (see
        :meth:`_Forms.hits_of`)."""
        fs = self._forms.get(("target", lang)) or self.forms("target", lang)
        forms = fs.approved_of(e)
        if not forms:
            return False
        t = _prepare(text)
        s, end = span
        if t.offs is None:  # NFC offsets are the original ones: only a hit at s counts
            low = t.low
            for f in forms:
                if low.startswith(f.stems[0], s):
                    r = fs.hit_at(t, f, s)
                    if r is not None and r[3] and r[2] == end:
                        return True
            return False
        for f in forms:
            for r in fs.hits_of(t, f):
                if r[3] and (t.orig(r[1]), t.orig(r[2])) == span:
                    return True
        return False

    def approved_among(self, text: str, lang: str, entries: Iterable[Entry]) -> list[Entry]:
        """The entries of ``entries`` with an approved form in ``text`` (right case),
        looking for their forms alone (see :meth:`_Forms.has_hit`)."""
        fs = self._forms.get(("target", lang)) or self.forms("target", lang)
        t = _prepare(text)
        out: list[Entry] = []
        for e in entries:
            for f in fs.approved_of(e):
                if fs.has_hit(t, f):
                    out.append(e)
                    break
        return out

    def case_sensitive_approved(self, lang: str, e: Entry) -> bool:
        """Whether some approved form of ``e`` is matched case-sensitively (only such
        a form can have a case variant)."""
        return any(f.case for f in self.forms("target", lang).approved_of(e))

    def _scanned(self, side: str, text: str, lang: str) -> list:  # [raw hits, FormHits | None]
        key = (side, lang, text)
        done = self._cache.get(key)
        if done is not None:
            return done
        t = _prepare(text)
        raw = self.index(side, lang).scan(t)
        offs = t.offs
        if raw and offs is not None:
            # a text that was not NFC: back to original offsets. (An index yields each
            # (form, start, end) once, so the guard against repeats is only kept here,
            # where every hit is rebuilt anyway.)
            out: list[_Raw] = []
            seen: set[tuple[int, int, int]] = set()
            for r in raw:
                f, s, e = r[0], r[1], r[2]
                k = (id(f), s, e)
                if k in seen:
                    continue
                seen.add(k)
                out.append((f, offs[s], offs[e], r[3], r[4], r[5]))
            raw = out
        done = [raw, None if raw else []]
        if len(self._cache) >= self.CACHE:
            self._cache.popitem(last=False)
        self._cache[key] = done
        return done

    def raw(self, side: str, text: str, lang: str) -> list[_Raw]:
        """The hits of :meth:`scan` as plain ``(form, start, end, exact_case,
        inflected, compound)`` tuples (original offsets): for callers that only need
        the forms, such as the adherence figure."""
        return self._scanned(side, text, lang)[0]

    def scan(self, side: str, text: str, lang: str) -> list[FormHit]:
        """Every form of ``side`` in ``text`` (original offsets), cached per text."""
        done = self._scanned(side, text, lang)
        hits = done[1]
        if hits is None:
            hits = done[1] = [FormHit(f, s, e, text[s:e], x, i, c) for f, s, e, x, i, c in done[0]]
        return hits

    def names(self) -> tuple[dict[str, list[tuple[str, Entry]]], dict[tuple[str, int], list[str]]]:
        """Single-word target names (approved forms with a capital letter, or
        case-sensitive ones) by folded form, plus a blocking index (first letter,
        length) -> folded forms for fuzzy look-ups."""
        if self._names is None:
            by_fold: dict[str, list[tuple[str, Entry]]] = {}
            for e in self.entries:
                for a in e.approved:
                    a = unicodedata.normalize("NFC", a.strip())
                    if len(_TOKEN_RE.findall(fold(a))) != 1 or not _TOKEN_RE.fullmatch(fold(a)):
                        continue
                    if token_shape(a) == "lower" and not e.is_case_sensitive(a):
                        continue
                    by_fold.setdefault(fold(a), []).append((a, e))
            blocks: dict[tuple[str, int], list[str]] = {}
            for k in by_fold:
                blocks.setdefault((k[0], len(k)), []).append(k)
            self._names = (by_fold, blocks)
        return self._names


def _match(h: FormHit, e: Entry, kind: str) -> TermMatch:
    return TermMatch(e, h.form.text, kind, h.start, h.end, h.text, h.exact_case, h.inflected, h.compound)


def _longest_raw(found: list[tuple[_Raw, Entry, str]]) -> tuple[tuple[_Raw, Entry, str], ...]:
    """Leftmost-longest non-overlapping ``(raw hit, entry, kind)`` triples, in text
    order (ties on the same span all kept, in scan order)."""
    out: list[tuple[_Raw, Entry, str]] = []
    last_end = -1
    span: tuple[int, int] | None = None
    for x in sorted(found, key=lambda x: (x[0][1], -x[0][2])):
        sp = (x[0][1], x[0][2])
        if span == sp:
            out.append(x)
        elif sp[0] >= last_end:
            out.append(x)
            span = sp
            last_end = sp[1]
    return tuple(out)


class Glossary:
    """A set of glossary entries with compiled matchers.

    Glossaries are immutable; :meth:`merge` combines several into one (entries with
    the same source united), :meth:`stacked` layers a small one (a unit's own terms)
    over a big one without recompiling it.
    """

    MEMO = 256  # per-text results remembered (a segment is asked about several times)

    def __init__(self, entries: Iterable[Entry] = (), name: str = "") -> None:
        self.name = name
        self._layers: tuple[_Layer, ...] = (_Layer(tuple(entries)),)
        self._memo: OrderedDict[tuple[object, ...], object] = OrderedDict()

    @classmethod
    def _of_layers(cls, layers: tuple[_Layer, ...], name: str = "") -> Glossary:
        g = cls.__new__(cls)
        g.name = name
        g._layers = layers
        g._memo = OrderedDict()
        return g

    def _remember(self, key: tuple[object, ...], value: object) -> None:
        memo = self._memo
        if len(memo) >= self.MEMO:
            memo.popitem(last=False)
        memo[key] = value

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], name: str = "") -> Glossary:
        """A glossary from ``(source, target)`` pairs (several targets for one source
        are united; an empty target makes a do-not-translate entry)."""
        by: dict[str, list[str]] = {}
        for s, t in pairs:
            if not s or not s.strip():
                continue
            lst = by.setdefault(s.strip(), [])
            if t and t.strip() and t.strip() not in lst:
                lst.append(t.strip())
        return cls((Entry(s, tuple(ts)) for s, ts in by.items()), name=name)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries, layer by layer."""
        if len(self._layers) == 1:
            return self._layers[0].entries
        return tuple(e for layer in self._layers for e in layer.entries)

    def __len__(self) -> int:
        return sum(len(layer.entries) for layer in self._layers)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return f"Glossary({self.name or '?'}, {len(self)} entries)"

    def merge(self, *others: Glossary) -> Glossary:
        """One glossary with the entries of this one and ``others``; entries with the
        same source (compared as their case rule says) are united."""
        merged: dict[str, Entry] = {}
        for g in (self, *others):
            for e in g.entries:
                key = e.source if e.is_case_sensitive(e.source) else fold(e.source)
                old = merged.get(key)
                if old is None:
                    merged[key] = e
                    continue
                targets = () if (old.dnt and e.dnt) else _union(old.approved, e.approved)
                merged[key] = Entry(
                    old.source, targets, _union(old.forbidden, e.forbidden),
                    old.case_sensitive if old.case_sensitive is not None else e.case_sensitive,
                    "; ".join(x for x in (old.note, e.note) if x), old.origin,
                )
        names = ", ".join(g.name for g in (self, *others) if g.name)
        return Glossary(merged.values(), name=names)

    def stacked(self, other: Glossary) -> Glossary:
        """This glossary plus ``other``'s entries, each keeping its compiled index."""
        return Glossary._of_layers(self._layers + other._layers, self.name)

    # ------------------------------------------------------------- matching API

    def find_source_terms(self, text: str, lang: str | None = None) -> list[TermMatch]:
        """Source terms in ``text`` (a source segment): leftmost-longest, right case."""
        if not text:
            return []
        lg = _lang(lang)
        key = ("terms", lg, text)
        done = self._memo.get(key)
        if done is None:
            done = tuple(
                TermMatch(e, r[0].text, k, r[1], r[2], text[r[1] : r[2]], r[3], r[4], r[5])
                for r, e, k in self._source_spans(text, lg)
            )
            self._remember(key, done)
        return list(done)  # type: ignore[call-overload]

    def _source_spans(self, text: str, lg: str) -> tuple[tuple[_Raw, Entry, str], ...]:
        """:meth:`find_source_terms` before :class:`TermMatch` objects are made:
        ``(raw hit, entry, kind)``, leftmost-longest (remembered per text)."""
        key = ("source", lg, text)
        done = self._memo.get(key)
        if done is None:
            found = [
                (r, e, k)
                for layer in self._layers for r in layer.raw("source", text, lg) if r[3]
                for e, k in r[0].items
            ]
            done = _longest_raw(found) if len(found) > 1 else tuple(found)
            self._remember(key, done)
        return done  # type: ignore[return-value]

    def _source_entries(self, text: str, lang: str | None) -> tuple[Entry, ...]:
        """The distinct entries of :meth:`find_source_terms`, in text order."""
        if not text:
            return ()
        lg = _lang(lang)
        key = ("entries", lg, text)
        done = self._memo.get(key)
        if done is None:
            done = tuple(dict.fromkeys(e for _, e, _ in self._source_spans(text, lg)))
            self._remember(key, done)
        return done  # type: ignore[return-value]

    def _target_raw(self, text: str, lang: str | None, side: str = "target") -> list[_Raw]:
        """:meth:`scan_target` as plain ``(form, start, end, exact_case, inflected,
        compound)`` tuples (no :class:`FormHit` objects made); with ``side``
        ``forbidden``, only the hits of forms forbidden for some entry (in the same
        order)."""
        if not text:
            return []
        lg = _lang(lang)
        if len(self._layers) == 1:
            return self._layers[0].raw(side, text, lg)
        return [r for layer in self._layers for r in layer.raw(side, text, lg)]

    def _forbidden_raw(self, text: str, lang: str | None) -> list[_Raw]:
        """The hits of :meth:`_target_raw` whose form is forbidden for some entry, in
        the same order, found by an index of those forms only."""
        return self._target_raw(text, lang, "forbidden")

    def scan_target(self, text: str, lang: str | None = None) -> list[FormHit]:
        """Every target form in ``text`` (case variants included), not yet expanded to
        the entries sharing each form: the cheap call for checks and statistics."""
        if not text:
            return []
        lg = _lang(lang)
        if len(self._layers) == 1:
            return self._layers[0].scan("target", text, lg)
        return [h for layer in self._layers for h in layer.scan("target", text, lg)]

    def find_target_terms(
        self, text: str, lang: str | None = None, case_variants: bool = False
    ) -> list[TermMatch]:
        """Approved and forbidden target forms in ``text``, overlaps included, in text
        order; with ``case_variants`` also the wrong-case hits of case-sensitive forms."""
        out = [
            _match(h, e, k) for h in self.scan_target(text, lang)
            if case_variants or h.exact_case for e, k in h.form.items
        ]
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def approved_entries(self, text: str, lang: str | None = None) -> set[Entry]:
        """Entries with an approved form (right case, inflections allowed) in ``text``."""
        return set(self._approved(text, lang))

    def _approved(self, text: str, lang: str | None) -> frozenset[Entry]:
        """:meth:`approved_entries`, shared (remembered per text: the statistics and
        the ``term`` check ask about the same target)."""
        if not text:
            return _NO_ENTRIES
        lg = _lang(lang)
        key = ("approved", lg, text)
        done = self._memo.get(key)
        if done is None:
            ok: set[Entry] = set()
            for layer in self._layers:
                for r in layer.raw("target", text, lg):
                    if r[3] and r[0].approved:
                        ok.update(r[0].approved)
            done = frozenset(ok)
            self._remember(key, done)
        return done  # type: ignore[return-value]

    def _approved_of(
        self, text: str, lang: str | None, entries: tuple[Entry, ...]
    ) -> frozenset[Entry]:
        """The entries among ``entries`` that have an approved form in ``text``:
        :meth:`approved_entries` restricted to them, found by looking for their forms
        alone rather than for every form of the glossary (remembered per text)."""
        if not text or not entries:
            return _NO_ENTRIES
        lg = _lang(lang)
        key = ("ok", lg, text, entries)
        done = self._memo.get(key)
        if done is None:
            found: list[Entry] = []
            for layer in self._layers:
                found.extend(layer.approved_among(text, lg, entries))
            done = frozenset(found)
            self._remember(key, done)
        return done  # type: ignore[return-value]

    def _approved_at(self, text: str, lang: str | None, e: Entry, start: int, end: int) -> bool:
        """Whether an approved form of ``e`` is in ``text`` (right case) exactly at
        ``start:end``."""
        lg = _lang(lang)
        for layer in self._layers:
            if layer.approved_at(text, lg, e, (start, end)):
                return True
        return False

    def _may_have_case_variant(self, e: Entry, lang: str | None) -> bool:
        """Whether some approved form of ``e`` is case-sensitive (else no text has a
        case variant of it)."""
        lg = _lang(lang)
        return any(layer.case_sensitive_approved(lg, e) for layer in self._layers)

    def adherence(
        self, segment: Segment, source_lang: str | None, target_lang: str | None
    ) -> tuple[int, int]:
        """``(found, approved)``: distinct entries whose source term is in the source,
        and how many of them have an approved target form (inflections allowed, right
        case) in the target."""
        entries = self._source_entries(segment.source, source_lang)
        if not entries:
            return 0, 0
        return len(entries), len(self._approved_of(segment.target or "", target_lang, entries))

    def near_miss(
        self,
        text: str,
        form: str,
        lang: str | None = None,
        threshold: float | None = None,
        case_sensitive: bool | None = None,
    ) -> tuple[int, int, float] | None:
        """The span of ``text`` most like ``form`` without being it: ``(start, end,
        score)``, or None. Case variants of a case-sensitive form always count; other
        spellings need a folded ``ratio`` >= ``threshold`` (default per language) and
        a form of at least 5 characters (92 for an ordinary lower-case word, whose
        neighbours are often other real words: "potenziale"/"potenziare"). Only windows of the form's token count (and
        one more, for ``Open AI``) are compared."""
        return near_miss(text, form, lang, threshold, case_sensitive)

    def fuzzy_names(
        self, word: str, threshold: float | None = None
    ) -> list[tuple[str, Entry, float]]:
        """Glossary names (single-word approved forms with a capital letter) equal to
        ``word`` but for case, or within ``threshold`` of it, best first; looked up by
        exact key, then among the names sharing its first letter and a close length."""
        key = fold(word)
        if not key:
            return []
        thr = _DEFAULT_THRESHOLD if threshold is None else threshold
        out: list[tuple[str, Entry, float]] = []
        for layer in self._layers:
            by_fold, blocks = layer.names()
            for form, e in by_fold.get(key, ()):
                out.append((form, e, 100.0))
            if out or len(key) < 5 or thr > 100:
                continue
            n = len(key)
            cands: list[str] = []
            for m in range(max(1, int(n * 0.7)), int(n / 0.7) + 2):
                cands.extend(blocks.get((key[0], m), ()))
            for cand, score, _ in process.extract(
                key, cands, scorer=fuzz.ratio, score_cutoff=thr, limit=5
            ):
                if len(cand) < 5:
                    continue
                for form, e in by_fold[cand]:
                    out.append((form, e, float(score)))
        out.sort(key=lambda x: -x[2])
        return out


def _union(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*a, *b]))


@lru_cache(maxsize=16)
def _windows(text: str, size: int) -> tuple[list[str], list[tuple[int, int]]]:
    """``_prepare(text).windows(size)``, remembered for the few texts asked about in a
    row (a segment's target, for each approved form of each missing term), and no
    longer: kept with the prepared texts they would be walked by every collection."""
    return _prepare(text).windows(size)


@lru_cache(maxsize=4096)
def _near_form(form: str) -> tuple[str, str, int, bool]:
    """``(NFC form, folded form, tokens, all lower case)`` of a form :func:`near_miss`
    looks for (glossary forms: a few thousand strings, each asked about often)."""
    nform = unicodedata.normalize("NFC", form.strip())
    ff = fold(nform)
    return nform, ff, len(_TOKEN_RE.findall(ff)), token_shape(nform) == "lower"


def near_miss(
    text: str,
    form: str,
    lang: str | None = None,
    threshold: float | None = None,
    case_sensitive: bool | None = None,
) -> tuple[int, int, float] | None:
    """See :meth:`Glossary.near_miss`."""
    if not text:
        return None
    nform, ff, k, lower = _near_form(form)
    if k == 0:
        return None
    t = _prepare(text)
    cs = _default_case_sensitive(nform) if case_sensitive is None else case_sensitive
    thr = threshold_for(lang) if threshold is None else threshold
    fuzzy_ok = len(ff) >= 5
    if not cs and lower and threshold is None:
        thr = max(thr, 92.0)  # an ordinary word: its near neighbours are often real words
    best: tuple[float, int, int] | None = None
    for size in ((k, k + 1) if k <= 2 else (k,)):
        wins, spans = _windows(text, size)
        if not wins:
            continue
        if cs:  # case variants first: equal once folded, different as written
            for w, (s, e) in zip(wins, spans):
                if w == ff and t.nfc[s:e] != nform and (best is None or best[0] < 100.0):
                    best = (100.0, s, e)
        if not fuzzy_ok:
            continue
        for w, score, idx in process.extract(ff, wins, scorer=fuzz.ratio, score_cutoff=thr, limit=3):
            if w == ff:
                continue  # the form itself (or its case variant, handled above)
            if best is None or score > best[0]:
                best = (float(score), spans[idx][0], spans[idx][1])
            break
    if best is None:
        return None
    _, s, e = best
    return t.orig(s), t.orig(e), similarity(t.nfc[s:e], nform)


# -------------------------------------------------------------- per-unit glossary

_UNIT_CACHE: OrderedDict[tuple[int, tuple[tuple[str, str], ...]], tuple[Glossary | None, Glossary]] = OrderedDict()
_UNIT_CACHE_SIZE = 4096


def unit_glossary(glossary: Glossary | None, segment: Segment) -> Glossary | None:
    """The glossary that applies to one unit: the file glossary plus the unit's own
    ``terms`` pairs (cached by content), or just either, or None."""
    terms = segment.terms
    if not terms:
        return glossary
    key = (id(glossary), terms)
    hit = _UNIT_CACHE.get(key)
    if hit is not None and hit[0] is glossary:
        _UNIT_CACHE.move_to_end(key)
        return hit[1]
    tiny = Glossary.from_pairs(terms, name="unit")
    combined = tiny if glossary is None else glossary.stacked(tiny)
    if len(_UNIT_CACHE) >= _UNIT_CACHE_SIZE:
        _UNIT_CACHE.popitem(last=False)
    _UNIT_CACHE[key] = (glossary, combined)
    return combined


def load_glossary(
    path: str, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """Read a TSV/CSV or TBX glossary (see :mod:`reviewer.glossary_io`)."""
    from .glossary_io import load_glossary as _load

    return _load(path, source_lang=source_lang, target_lang=target_lang)

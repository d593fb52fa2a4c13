"""Entity check: names of the source that must survive translation.

Names are acronyms of three or more capitals (``NVIDIA``, ``GPUs``), mixed-case words
(``OpenAI``, ``ChatGPT``, ``iPhone``), product codes (``H100``), capitalised words that
are not words of the source language (``Huang`` inside a sentence; a Title Case heading
of dictionary words holds no names), known brands, and do-not-translate glossary
entries (any length, several words too). Possessives are dropped (``OpenAI's``).

A name is found in the target with elision before it and a short inflection after it
(``dell'OpenAI``, ``NVIDIAs``). When it is missing the target is searched for a near
miss: a case variant (``Nvidia`` for ``NVIDIA``, minor) or a close spelling by
rapidfuzz ratio (``Openi``, ``Openbrai`` for ``OpenAI``, major); either is flagged on
the target with the score and the name as suggestion. Otherwise the name is flagged on
the source as missing. Names that translations change (months, days, countries, cities,
languages: ``reviewer/data/exonyms.tsv``; translatable titles and acronyms such as CEO,
NATO; units) are never required. URLs and e-mails are skipped on both sides.

On a target-only document only the glossary's do-not-translate names are known: their
case variants and near misses in the target are flagged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from rapidfuzz import fuzz, process

from ..lang import KNOWN_NAMES, base
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext
from .spelling import (
    DATA_DIR,
    NOUN_CAPS,
    dictionary,
    entry_parts,
    glossary_entries,
    is_known,
    is_sentence_initial,
    skip_spans,
)

__all__ = ["EntityCheck", "CHECKS", "Name", "find_names", "translatable_names"]

#: Acronyms and titles that translations legitimately expand or replace.
SOFT_NAMES = frozenset(
    {
        "CEO", "CFO", "CTO", "COO", "CIO", "CMO", "VP", "HR", "PR", "NATO", "OTAN", "AIDS",
        "SIDA", "HIV", "VIH", "DNA", "ADN", "RNA", "ARN", "WHO", "OMS", "NGO", "ONG", "GDP",
        "PIL", "PIB", "BIP", "VAT", "IVA", "TVA", "IMF", "FMI", "ECB", "BCE", "EZB", "OECD",
        "OCSE", "OCDE", "UFO", "OVNI", "FAQ", "PhD", "USA", "EEUU", "UNO", "ONU", "UAE",
        "EAU", "BC", "AD", "AM", "PM", "ASAP", "RSVP", "CET", "CEST", "GMT", "UTC", "EST",
        "PST", "ETA", "ATM", "PIN", "TBD", "AKA", "DIY", "FYI", "CV", "ID", "TV", "PC",
        "III", "II", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI",
    }
)  # fmt: skip

#: Units and symbols: the number check's business, not names.
UNITS = frozenset(
    {
        "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "TW", "Hz", "kHz", "MHz", "GHz",
        "THz", "mAh", "dB", "KB", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB",
        "Kbps", "Mbps", "Gbps", "kbps", "MBps", "FPS", "fps", "RPM", "PSI", "USD", "EUR",
        "GBP", "JPY", "CHF", "CNY", "mL", "dL", "TFLOPS", "PFLOPS", "FLOPS", "TOPS",
    }
)  # fmt: skip

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*")
_APOS_RE = re.compile(r"['’]")
_POSSESSIVE = ("'s", "’s")
_NEGATION = ("n't", "n’t")
_TITLED_RE = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")  # \b[A-Z]..., scanned for fast
_CODE_RE = re.compile(r"[A-Z][A-Za-z]*\d\w*")
_ALNUM_RE = re.compile(r"[^\W_]+")


class _Cover:
    """Spans of a text marked as taken, for overlap tests in time proportional to the
    span tested (a list scanned for every test made long texts quadratic). ``hits(a,
    b)`` is True exactly when some added ``(x, y)`` has ``x < b and a < y``."""

    __slots__ = ("_marks", "_empty", "_any")

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._marks = bytearray(size + 1)
        self._empty: list[tuple[int, int]] = []  # zero-length spans, tested one by one
        self._any = False
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        """Mark ``a .. b-1``."""
        self._any = True
        if b <= a:
            self._empty.append((a, b))
        else:
            self._marks[a:b] = b"\x01" * (b - a)

    def hits(self, a: int, b: int, other: "_Cover | None" = None) -> bool:
        """Whether ``(a, b)`` overlaps a marked span (or one of ``other``'s)."""
        if other is not None and other.hits(a, b):
            return True
        if not self._any:
            return False
        if b > a:
            if self._marks.find(1, a, b) >= 0:
                return True
        elif 0 < a < len(self._marks) and self._marks[a - 1] and self._marks[a]:
            return True  # an empty span strictly inside a marked one
        return any(x < b and a < y for x, y in self._empty)


@lru_cache(maxsize=2)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=2)
def _token_index(target: str) -> tuple[list[re.Match[str]], dict[str, list[int]],
                                       dict[str, list[int]]]:
    """The target's alphanumeric tokens, and where each lowercased token and each
    lowercased pair of tokens joined across one space or hyphen starts (token
    positions): computed once per target, not once per name."""
    toks = list(_ALNUM_RE.finditer(target))
    singles: dict[str, list[int]] = {}
    pairs: dict[str, list[int]] = {}
    for i, m in enumerate(toks):
        singles.setdefault(m.group().lower(), []).append(i)
        if i + 1 < len(toks):
            n2 = toks[i + 1]
            if target[m.end():n2.start()] in (" ", "-"):
                pairs.setdefault((m.group() + n2.group()).lower(), []).append(i)
    return toks, singles, pairs


class Name(NamedTuple):
    """A name found in a text: span, text as written (possessive dropped), kind."""

    start: int
    end: int
    text: str
    kind: str


@lru_cache(maxsize=1)
def translatable_names() -> frozenset[str]:
    """Lowercased forms of ``reviewer/data/exonyms.tsv`` (every column)."""
    out: set[str] = set()
    try:
        lines = (DATA_DIR / "exonyms.tsv").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    for line in lines[1:]:
        if line.startswith("#") or not line.strip():
            continue
        for cell in line.split("\t"):
            out.update(f.strip().lower() for f in cell.split("|") if f.strip())
    return frozenset(out)


_DNT_CACHE: dict[int, tuple[Any, tuple[str, ...]]] = {}


def _dnt_names(glossary: Any) -> tuple[str, ...]:
    """The do-not-translate source terms of a glossary (cached per glossary object)."""
    if glossary is None:
        return ()
    hit = _DNT_CACHE.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    names = []
    for e in glossary_entries(glossary):
        source, targets, dnt = entry_parts(e)
        if source and (dnt or targets == [source]):
            names.append(source)
    out = tuple(dict.fromkeys(names))
    if len(_DNT_CACHE) > 8:
        _DNT_CACHE.clear()
    _DNT_CACHE[id(glossary)] = (glossary, out)
    return out


def _bounded(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` starts and ends at word boundaries."""
    if start > 0 and text[start - 1].isalnum():
        return False
    return end >= len(text) or not text[end].isalnum()


def _find_term(text: str, term: str, fold: bool) -> Iterator[tuple[int, int]]:
    hay, needle = (text.lower(), term.lower()) if fold else (text, term)
    if len(hay) != len(text):
        hay, needle = text, term
    i = hay.find(needle)
    while i >= 0:
        if _bounded(text, i, i + len(term)):
            yield i, i + len(term)
        i = hay.find(needle, i + 1)


def find_names(text: str, lang: str | None, dnt: Sequence[str] = ()) -> list[Name]:
    """The names of a source ``text`` in language ``lang`` (see the module docstring)."""
    code = base(lang)
    spans = skip_spans(text)
    names: list[Name] = []
    taken = _Cover(len(text), spans)
    for term in dnt:
        fold = term == term.lower()
        for a, b in _find_term(text, term, fold):
            if not taken.hits(a, b):
                names.append(Name(a, b, text[a:b], "dnt"))
                taken.add(a, b)
    has_dict = dictionary(code) is not None
    tokens = list(_TOKEN_RE.finditer(text))
    words = [
        w for w in (m.group() for m in tokens) if w.isalpha() or any(c.isalpha() for c in w)
    ]
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    shouting = len(words) >= 3 and caps >= 0.6 * len(words)
    for m in tokens:
        tok = m.group()
        if tok.islower():
            continue  # no uppercase letter: never a name (see _kind)
        start = m.start()
        if taken.hits(start, m.end()):
            continue
        if tok.endswith(_POSSESSIVE):
            tok = tok[:-2]
        if tok.endswith(_NEGATION):
            continue  # a contraction: Couldn't, Don't
        if "'" in tok or "’" in tok:
            pieces = _APOS_RE.split(tok)
            if len(pieces[0]) <= 5 and pieces[0].islower():  # elision: l'OpenAI
                start += len(tok) - len(pieces[-1])
                tok = pieces[-1]
            else:
                tok = pieces[0]
        kind = _kind(text, start, tok, code, has_dict, shouting)
        if kind == "plural":
            tok, kind = tok[:-1], "acronym"
        if kind:
            names.append(Name(start, start + len(tok), tok, kind))
    if has_dict and code not in NOUN_CAPS:
        for n in names:
            taken.add(n.start, n.end)
        names += _multiword(text, code, words, taken)
    names.sort()
    return names


_RUN_RE = re.compile(r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)+")
RARE = 500


def _multiword(
    text: str, code: str, words: Sequence[str], taken: _Cover
) -> list[Name]:
    """Runs of two or more capitalised words inside a sentence-case sentence where one
    word is rare or unknown in the source language (``Jensen Huang``, ``Vera Rubin``)."""
    d = dictionary(code) or {}
    titled = 0
    for m in _TITLED_RE.finditer(text):
        if d.get(m.group().lower(), 0) >= RARE and not is_sentence_initial(text, m.start()):
            titled += 1
    if titled >= 2:
        return []  # Title Case: capitals mean nothing
    out = []
    for m in _RUN_RE.finditer(text):
        a, b = m.span()
        if taken.hits(a, b) or m.group().lower() in translatable_names():
            continue
        parts = m.group().split()
        if is_sentence_initial(text, a) and (
            d.get(parts[0].lower(), 0) >= RARE or all(d.get(p.lower(), 0) >= RARE for p in parts[1:])
        ):
            continue  # "The Vera ...", "Ancillary Commands": a capitalised heading
        if any(d.get(p.lower(), 0) < RARE for p in parts):
            out.append(Name(a, b, m.group(), "multi"))
    return out


def _kind(
    text: str, start: int, tok: str, code: str, has_dict: bool, shouting: bool
) -> str | None:
    if len(tok) < 2 or tok in UNITS or tok in SOFT_NAMES or "_" in tok:
        return None
    low = tok.lower()
    if low in translatable_names():
        return None
    if not tok.isalpha():
        if any(c.isdigit() for c in tok):
            return "code" if _CODE_RE.fullmatch(tok) and len(tok) >= 3 else None
        return None
    if tok.isupper():
        if len(tok) < 3:
            return None
        if _after_number(text, start):
            return None  # a unit: 10 GW
        if (shouting or len(tok) >= 4) and has_dict and is_known(code, low):
            return None  # emphasis or a shouted heading
        return "acronym"
    if tok[-1] == "s" and tok[:-1].isupper() and len(tok) >= 4:
        return None if tok[:-1] in SOFT_NAMES else "plural"  # GPUs
    rest = tok[1:]
    if not rest.islower() and any(c.isupper() for c in rest):
        return "mixed"
    if not tok[0].isupper() or len(tok) < 3:
        return None
    if low in KNOWN_NAMES:
        return "brand"
    if not has_dict or code in NOUN_CAPS:
        return None
    if is_known(code, low):
        return None
    if is_sentence_initial(text, start):
        return None  # "Config file location", "Yeeah!": any first word is capitalised
    return "proper"


def _after_number(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\u202f":
        i -= 1
    return i >= 0 and text[i].isdigit()


def _occurrences(text: str, name: str, fold: bool, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Occurrences of ``name`` in ``text`` allowing elision before it and up to three
    lowercase letters (an inflection) after it; none inside ``spans``."""
    hay, needle = (_lower(text), name.lower()) if fold else (text, name)
    if len(hay) != len(text):
        return []
    out = []
    i = hay.find(needle)
    while i >= 0:
        j = i + len(name)
        ok = i == 0 or not text[i - 1].isalnum()
        if ok and j < len(text) and text[j].isalnum():
            k = j
            while k < len(text) and text[k].isalpha() and text[k].islower():
                k += 1
            ok = k - j <= 3 and (k >= len(text) or not text[k].isalnum())
        if ok and not any(a < j and i < b for a, b in spans):
            out.append((i, j))
        i = hay.find(needle, i + 1)
    return out


def _threshold(name: str) -> float | None:
    n = len(name)
    if n < 4:
        return None
    return 85.0 if n == 4 else 80.0


class EntityCheck(Check):
    """Names of the source (acronyms, brands, proper names, do-not-translate terms)
    missing from the target, and their near misses."""

    id = "entity"
    name = "Names and entities"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_source = False
    description = "Names that must survive translation are missing or misspelt."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        target = segment.target or ""
        dnt = list(_dnt_names(context.glossary))
        dnt += [s for s, t in segment.terms if s and t == s]
        if context.target_only or not segment.source:
            return list(self._target_only(target, dnt, context))
        return list(self._bilingual(segment.source, target, dnt, context))

    # -- bilingual ---------------------------------------------------------------

    def _bilingual(
        self, source: str, target: str, dnt: Sequence[str], context: CheckContext
    ) -> Iterator[Finding]:
        names = find_names(source, context.source_lang, dnt)
        if not names:
            return
        tspans = skip_spans(target)
        groups: dict[str, list[Name]] = {}
        for n in names:
            groups.setdefault(n.text, []).append(n)
        claimed = _Cover(len(target))
        tcover = _Cover(len(target), tspans)
        source_words = {w.lower() for w in _ALNUM_RE.findall(source)}
        missing: list[Name] = []
        pending: list[tuple[str, list[Name]]] = []
        for text, occ in groups.items():
            exact = _occurrences(target, text, False, tspans)
            for a, b in exact:
                claimed.add(a, b)
            if len(exact) < len(occ):
                pending.append((text, occ))
        for text, occ in pending:
            found = len(_occurrences(target, text, False, tspans))
            variants = [
                (a, b) for a, b in _occurrences(target, text, True, tspans)
                if not claimed.hits(a, b)
            ]
            for a, b in variants:
                claimed.add(a, b)
                yield self._case_variant(target, a, b, text)
            near = list(self._near(target, text, tcover, claimed, source_words, context))
            for a, b, score in near:
                claimed.add(a, b)
                yield self._near_miss(target, a, b, text, score)
            if not near and not found and not variants:
                missing.append(occ[0])
        for n in missing:
            yield self.flag(
                "source", n.start, n.end, n.text,
                f"Name '{n.text}' does not appear in the translation.",
            )

    def _near(
        self,
        target: str,
        name: str,
        spans: _Cover,
        claimed: _Cover,
        source_words: set[str],
        context: CheckContext,
    ) -> Iterator[tuple[int, int, float]]:
        cutoff = _threshold(name)
        if cutoff is None:
            return
        key = name.lower()
        width = name.count(" ") + 1
        toks, singles, pairs = _token_index(target)
        tcode = base(context.target_lang)
        found: list[tuple[float, int, int]] = []
        if width == 1:
            # Only tokens (and joined token pairs) similar enough to the name can
            # score: found in the target's vocabulary at C speed, so a long target
            # costs its vocabulary per name, not its length.
            hits: set[int] = set()
            for table in (singles, pairs):
                for low, _, _ in process.extract(key, table.keys(), scorer=fuzz.ratio,
                                                 score_cutoff=cutoff, limit=None):
                    hits.update(table[low])
            order: Iterable[int] = sorted(hits)
        else:
            order = range(len(toks))
        for i in order:
            m = toks[i]
            if width > 1:
                if i + width > len(toks):
                    break
                last = toks[i + width - 1]
                phrase = target[m.start():last.end()]
                if phrase.count(" ") != width - 1:
                    continue
                cands = [(m.start(), last.end(), phrase)]
            else:
                cands = [(m.start(), m.end(), m.group())]
            n2 = toks[i + 1] if i + 1 < len(toks) else None
            if (
                width == 1
                and n2 is not None
                and target[m.end():n2.start()] in (" ", "-")
                and (n2.group()[:1].isupper() or n2.group().lower() in key)
            ):
                cands.append((m.start(), n2.end(), m.group() + n2.group()))
            for a, b, word in cands:
                low = word.lower()
                score = fuzz.ratio(key, low, score_cutoff=cutoff)
                if not score or claimed.hits(a, b, spans):
                    continue
                single = width == 1 and b == m.end()
                if (single and low in source_words) or any(c.isdigit() for c in word):
                    continue
                if word.islower() and " " not in word and is_known(tcode, low):
                    continue  # a word of the target language
                found.append((score, a, b))
        taken: list[tuple[int, int]] = []
        for score, a, b in sorted(found, key=lambda f: (-f[0], f[1])):
            if not any(x < b and a < y for x, y in taken):
                taken.append((a, b))
                yield a, b, score

    def _case_variant(self, target: str, a: int, b: int, name: str) -> Finding:
        return self.flag(
            "target", a, b, target[a:b],
            f"'{target[a:b]}' differs from the name '{name}' only in capitalisation.",
            suggestion=name, score=100.0, severity=Severity.MINOR,
        )

    def _near_miss(self, target: str, a: int, b: int, name: str, score: float) -> Finding:
        text = target[a:b]
        if text.replace(" ", "").replace("-", "").lower() == name.lower():
            return self.flag(
                "target", a, b, text,
                f"'{text}' is the name '{name}' written with a space or hyphen.",
                suggestion=name, score=score, severity=Severity.MINOR,
            )
        return self.flag(
            "target", a, b, text,
            f"'{text}' looks like a misspelling of the name '{name}' "
            f"(similarity {score:.0f}).",
            suggestion=name, score=score,
        )

    # -- target only -------------------------------------------------------------

    def _target_only(
        self, target: str, dnt: Sequence[str], context: CheckContext
    ) -> Iterator[Finding]:
        if not dnt or not target:
            return
        spans = skip_spans(target)
        exact = _Cover(len(target), spans)
        for name in dnt:
            for a, b in _occurrences(target, name, False, spans):
                exact.add(a, b)
        by_low: dict[str, str] = {}
        for name in dnt:
            by_low.setdefault(name.lower(), name)
        choices = [k for k in by_low if _threshold(k) is not None and " " not in k]
        tcode = base(context.target_lang)
        for m in _ALNUM_RE.finditer(target):
            a, b, word = m.start(), m.end(), m.group()
            if exact.hits(a, b) or len(word) < 3:
                continue
            low = word.lower()
            hit = by_low.get(low)
            if hit is None and len(low) > 3 and low.endswith("s"):
                hit = by_low.get(low[:-1])  # an inflected case variant: Openais
                b2 = b - 1 if hit is not None else b
            else:
                b2 = b
            if hit is not None:
                if word[: b2 - a] != hit:
                    yield self._case_variant(target, a, b2, hit)
                continue
            if word.islower() and is_known(tcode, low) or any(c.isdigit() for c in word):
                continue
            best = _best_choice(low, tuple(choices))
            if best is not None:
                yield self._near_miss(target, a, b, by_low[best[0]], best[1])


@lru_cache(maxsize=65536)
def _best_choice(word: str, choices: tuple[str, ...]) -> tuple[str, float] | None:
    best = None
    for name, score, _ in process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=80):
        cutoff = _threshold(name)
        if cutoff is not None and score >= cutoff and (best is None or score > best[1]):
            best = (name, float(score))
    return best


CHECKS = [EntityCheck]

"""Error planters for ``bench_recall.py``: each takes a clean segment pair and returns
the same pair with one error of a known type planted, plus where the error is.

Nothing here is imported by :mod:`reviewer`, and nothing here uses reviewer's own
detectors: the planters find numbers, names, quotes and placeholders with their own
simple rules, so the benchmark does not only plant what the checks already see.

Every planter is deterministic given its ``random.Random``. A planter returns ``None``
when the type does not apply to the pair (no number to replace, a script without case,
no name found in both sides...): such rows are counted as "not applicable", never as
misses.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from anyascii import anyascii


@dataclass
class Planted:
    """A planted pair: the new texts and the spans that show the error.

    ``evidence`` holds ``(side, start, end)`` spans; a finding counts when it overlaps
    one of them on its side (``end == start`` marks a point, e.g. where text was cut).
    ``whole`` marks meaning-level types, where any new finding of an expected check on
    the row counts.
    """

    source: str
    target: str
    evidence: list[tuple[str, int, int]] = field(default_factory=list)
    whole: bool = False


@dataclass
class Pair:
    """A clean segment pair with its languages (BCP 47) and a pool of names/phrases
    harvested from other rows of the same target language."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    pool: "Pool"


@dataclass
class Pool:
    """Material taken from other rows of the same direction: target-side names and
    target-side phrases (to plant a replaced name or an added phrase)."""

    names: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)


Planter = Callable[[Pair, random.Random], "Planted | None"]

_NO_SPACE_SCRIPTS = ("zh", "ja", "th", "lo", "km", "my")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUM_RE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_CAP_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z]{2,}(?:[-'][A-Z]?[a-z]+)?)(?![\w])")


def base(lang: str) -> str:
    return lang.split("-")[0].lower()


def spaced(lang: str) -> bool:
    """Whether the language separates words with spaces."""
    return base(lang) not in _NO_SPACE_SCRIPTS


def cased(text: str) -> bool:
    """Whether ``text`` is mostly in a cased script (Latin, Cyrillic, Greek...)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if c.lower() != c.upper()) > 0.8 * len(letters)


def _words(text: str, min_len: int) -> list[re.Match[str]]:
    return [m for m in _WORD_RE.finditer(text) if len(m.group()) >= min_len]


# ----------------------------------------------------------------- surface errors


def numbers_replaced(p: Pair, rng: random.Random) -> Planted | None:
    """A number of the target replaced by another of the same length."""
    nums = [m for m in _NUM_RE.finditer(p.target) if any(c.isdigit() for c in m.group())]
    if not nums:
        return None
    m = rng.choice(nums)
    old = m.group()
    digits = [i for i, c in enumerate(old) if c.isdigit()]
    chars = list(old)
    i = rng.choice(digits)
    chars[i] = str((int(chars[i]) + rng.randint(1, 8)) % 10)
    if i == digits[0] and chars[i] == "0" and len(digits) > 1:
        chars[i] = "9"
    new = "".join(chars)
    if new == old:
        return None
    t = p.target[: m.start()] + new + p.target[m.end() :]
    return Planted(p.source, t, [("target", m.start(), m.start() + len(new))])


def first_lower(p: Pair, rng: random.Random) -> Planted | None:
    """The first letter of the translation lower-cased."""
    t = p.target
    i = next((k for k, c in enumerate(t) if c.isalpha()), None)
    if i is None or not t[i].isupper() or not cased(t):
        return None
    w = _WORD_RE.match(t, i)
    if w and len(w.group()) > 1 and w.group().isupper():
        return None  # an acronym: lower-casing it is another error
    return Planted(p.source, t[:i] + t[i].lower() + t[i + 1 :], [("target", i, i + 1)])


def all_lower(p: Pair, rng: random.Random) -> Planted | None:
    """The whole translation lower-cased."""
    t = p.target
    if not cased(t) or t.lower() == t:
        return None
    low = t.lower()
    if len(low) != len(t):
        return None
    return Planted(p.source, low, [("target", 0, len(t))])


def _pick_word(p: Pair, rng: random.Random, min_len: int) -> re.Match[str] | None:
    if not spaced(p.target_lang):
        return None
    words = [
        m for m in _words(p.target, min_len)
        if m.group().islower() and m.start() > 0
    ]
    return rng.choice(words) if words else None


def char_removed(p: Pair, rng: random.Random) -> Planted | None:
    """One inner letter of a lowercase word of 5+ letters removed."""
    m = _pick_word(p, rng, 5)
    if m is None:
        return None
    w = m.group()
    k = rng.randrange(1, len(w) - 1)
    nw = w[:k] + w[k + 1 :]
    t = p.target[: m.start()] + nw + p.target[m.end() :]
    return Planted(p.source, t, [("target", m.start(), m.start() + len(nw))])


def misspelled(p: Pair, rng: random.Random) -> Planted | None:
    """Two neighbouring inner letters of a lowercase word of 5+ letters swapped, or
    one letter doubled."""
    m = _pick_word(p, rng, 5)
    if m is None:
        return None
    w = m.group()
    for _ in range(5):
        k = rng.randrange(1, len(w) - 2)
        if w[k] != w[k + 1]:
            nw = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
            break
    else:
        k = rng.randrange(1, len(w) - 1)
        nw = w[:k] + w[k] + w[k:]
    t = p.target[: m.start()] + nw + p.target[m.end() :]
    return Planted(p.source, t, [("target", m.start(), m.start() + len(nw))])


def _content_words(text: str, lang: str) -> list[str]:
    if not spaced(lang):
        # runs of one script; Han/kana/Thai text has no spaces: take 2-4 characters
        runs = re.findall(r"[^\W\d_]{2,}", text)
        out = []
        for r in runs:
            if len(r) >= 2:
                out.append(r[: min(len(r), 4)])
        return out
    return [w for w in (m.group() for m in _words(text, 5)) if w.islower()]


def source_words(p: Pair, rng: random.Random) -> Planted | None:
    """A word of the translation replaced by a word of the source (left untranslated):
    "the 24jährigen motorcyclist", "Cyanuric acid and 三聚氰胺 were found"."""
    cands = [w for w in _content_words(p.source, p.source_lang) if w not in p.target]
    if not cands:
        return None
    sw = rng.choice(cands)
    if spaced(p.target_lang):
        slots = [m for m in _words(p.target, 4) if m.start() > 0]
    else:
        slots = [m for m in re.finditer(r"[^\W\d_]{2}", p.target) if m.start() > 0]
    if not slots:
        return None
    m = rng.choice(slots)
    t = p.target[: m.start()] + sw + p.target[m.end() :]
    return Planted(p.source, t, [("target", m.start(), m.start() + len(sw))])


def _translit(s: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(s).lower())


def find_names(source: str, target: str) -> list[tuple[int, int, int, int]]:
    """Names present on both sides: ``(src_start, src_end, tgt_start, tgt_end)``.

    A name is a capitalised word not at the start of a sentence on the side written in
    Latin capitals (either side); its counterpart is the word of the other side whose
    transliteration starts with the same four letters.
    """
    out: list[tuple[int, int, int, int]] = []
    for side, text, other in (("s", source, target), ("t", target, source)):
        for m in _CAP_RE.finditer(text):
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".!?:\"“„«»":
                continue
            key = _translit(m.group())[:4]
            if len(key) < 4:
                continue
            for o in re.finditer(r"[^\W\d_]{2,}", other):
                ow = o.group()
                if ow[0].lower() == ow[0] and cased(ow):
                    continue  # lowercase counterpart in a cased script: not a name
                if _translit(ow)[:4] == key:
                    if side == "s":
                        out.append((m.start(), m.end(), o.start(), o.end()))
                    else:
                        out.append((o.start(), o.end(), m.start(), m.end()))
                    break
        if out:
            break
    return out


def harvest_names(target: str, source: str) -> list[str]:
    """Target-side names of a pair (for the replacement pool)."""
    return [target[a:b] for _s, _e, a, b in find_names(source, target)]


def name_replaced(p: Pair, rng: random.Random) -> Planted | None:
    """A name of the translation replaced by a name from another row."""
    names = find_names(p.source, p.target)
    if not names or not p.pool.names:
        return None
    ss, se, ts, te = rng.choice(names)
    old = p.target[ts:te]
    others = [n for n in p.pool.names if _translit(n)[:3] != _translit(old)[:3]]
    if not others:
        return None
    new = rng.choice(others)
    t = p.target[:ts] + new + p.target[te:]
    return Planted(p.source, t, [("target", ts, ts + len(new)), ("source", ss, se)])


def name_removed(p: Pair, rng: random.Random) -> Planted | None:
    """A name of the translation removed (with one neighbouring space)."""
    names = find_names(p.source, p.target)
    if not names:
        return None
    ss, se, ts, te = rng.choice(names)
    if p.target.count(p.target[ts:te]) > 1:
        return None
    a, b = ts, te
    if b < len(p.target) and p.target[b] == " ":
        b += 1
    elif a > 0 and p.target[a - 1] == " ":
        a -= 1
    t = p.target[:a] + p.target[b:]
    return Planted(p.source, t, [("source", ss, se), ("target", a, a)])


_STRAY = "~_'\";:*#|^`\\"


def punct_inside(p: Pair, rng: random.Random) -> Planted | None:
    """A punctuation character stuck inside or onto a word: "melamine~ were",
    "in_ the", "The park' covers"."""
    if not spaced(p.target_lang):
        words = list(re.finditer(r"[^\W\d_]{2,}", p.target))
    else:
        words = _words(p.target, 2)
    marks = [c for c in _STRAY if c not in p.source and c not in p.target]
    if not words or not marks:
        return None
    m = rng.choice(words)
    c = rng.choice(marks)
    where = rng.choice(("end", "end", "inside"))
    pos = m.end() if where == "end" or len(m.group()) < 4 else m.start() + rng.randrange(
        1, len(m.group()) - 1
    )
    t = p.target[:pos] + c + p.target[pos:]
    return Planted(p.source, t, [("target", pos, pos + 1)])


def punct_only(p: Pair, rng: random.Random) -> Planted | None:
    """The translation replaced by punctuation only."""
    t = rng.choice((".", ".", "…", "-", "?", "..."))
    return Planted(p.source, t, [("target", 0, len(t))])


_UNIT_RE = re.compile(r"(\d)(\s?)(%|‰|°[CF]?|℃|€|£|¥|₹|₽|₩|\$)|([€£$¥₹₽₩])(\s?)(\d)")


def unit_lost(p: Pair, rng: random.Random) -> Planted | None:
    """A unit or currency symbol next to a number removed from the translation."""
    ms = list(_UNIT_RE.finditer(p.target))
    if not ms:
        return None
    m = rng.choice(ms)
    if m.group(3):
        a, b = m.start(2), m.end(3)
        t = p.target[:a] + p.target[b:]
        ev = ("target", m.start(), a)
    else:
        a, b = m.start(4), m.end(5)
        t = p.target[:a] + p.target[b:]
        ev = ("target", a, a + 1)
    sym = (m.group(3) or m.group(4))[:1]
    evid = [ev]
    k = p.source.find(sym)
    if k >= 0:
        evid.append(("source", k, k + len(sym)))
    return Planted(p.source, t, evid)


def guillemets(p: Pair, rng: random.Random) -> Planted | None:
    """The spacing inside « » broken: the spaces French puts there removed, or spaces
    added where the language puts none (Russian, Ukrainian, Greek...). A clean row
    that already breaks its language's rule is skipped."""
    t = p.target
    if "«" not in t or "»" not in t:
        return None
    m = re.search(r"«([\s\u00a0\u202f]*)([^«»]+?)([\s\u00a0\u202f]*)»", t)
    if m is None:
        return None
    spaced_now = bool(m.group(1) and m.group(3))
    if base(p.target_lang) == "fr":
        if not spaced_now:
            return None
        new = "«" + m.group(2) + "»"
    else:
        if m.group(1) or m.group(3):
            return None
        new = "« " + m.group(2) + " »"
    t2 = t[: m.start()] + new + t[m.end() :]
    return Planted(p.source, t2, [("target", m.start(), m.start() + len(new))])


_QUOTES = "\"“”„«»「」『』‘’‚"


def quote_count(p: Pair, rng: random.Random) -> Planted | None:
    """One quotation mark of the translation removed (the source keeps its pair)."""
    qs = [i for i, c in enumerate(p.target) if c in _QUOTES and c not in "‘’" or c == '"']
    if not qs or not any(c in _QUOTES for c in p.source):
        return None
    i = rng.choice(qs)
    t = p.target[:i] + p.target[i + 1 :]
    return Planted(p.source, t, [("target", max(0, i - 1), min(len(t), i + 1))], whole=True)


# ----------------------------------------------------------------- meaning level


def phrase_added(p: Pair, rng: random.Random) -> Planted | None:
    """A phrase of 4-8 words (or 8-16 characters without spaces) from another row
    inserted at a word boundary."""
    if not p.pool.phrases:
        return None
    ph = rng.choice(p.pool.phrases)
    if spaced(p.target_lang):
        gaps = [m.start() for m in re.finditer(r" ", p.target)]
        if not gaps:
            return None
        g = rng.choice(gaps)
        t = p.target[:g] + " " + ph + p.target[g:]
        return Planted(p.source, t, [("target", g + 1, g + 1 + len(ph))], whole=True)
    g = rng.randrange(1, max(2, len(p.target) - 1))
    t = p.target[:g] + ph + p.target[g:]
    return Planted(p.source, t, [("target", g, g + len(ph))], whole=True)


def phrase_omitted(p: Pair, rng: random.Random) -> Planted | None:
    """A run of about a third of the translation's words (at least 3) cut out."""
    if spaced(p.target_lang):
        toks = list(re.finditer(r"\S+", p.target))
        if len(toks) < 8:
            return None
        n = max(3, len(toks) // 3)
        i = rng.randrange(1, len(toks) - n)
        a, b = toks[i].start(), toks[i + n - 1].end()
        t = (p.target[:a] + p.target[b:].lstrip()) if b < len(p.target) else p.target[:a].rstrip()
        return Planted(p.source, t, [("target", a, a)], whole=True)
    if len(p.target) < 20:
        return None
    n = len(p.target) // 3
    a = rng.randrange(1, len(p.target) - n - 1)
    t = p.target[:a] + p.target[a + n :]
    return Planted(p.source, t, [("target", a, a)], whole=True)


_EN_NEG = [
    (re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|must|did|does|do) not\b"), r"\1"),
    (re.compile(r"\b(is|are|was|were|has|have|had|would|could|should|did|does|do)n['’]t\b"), r"\1"),
    (re.compile(r"\bwon['’]t\b"), "will"),
    (re.compile(r"\bcan['’]t\b|\bcannot\b"), "can"),
    (re.compile(r"\bnever\b"), "always"),
]
_EN_AUX = re.compile(r"\b(is|are|was|were|will|would|can|could|should|must|has|have|had)\b(?! not)")


def negation(p: Pair, rng: random.Random) -> Planted | None:
    """A negation removed, or added after an auxiliary verb (English translations
    only: the rule needs the language's grammar)."""
    if base(p.target_lang) != "en":
        return None
    t = p.target
    for rx, rep in _EN_NEG:
        m = rx.search(t)
        if m:
            new = m.expand(rep)
            t2 = t[: m.start()] + new + t[m.end() :]
            return Planted(p.source, t2, [("target", m.start(), m.start() + len(new))], whole=True)
    m = _EN_AUX.search(t)
    if m is None:
        return None
    t2 = t[: m.end()] + " not" + t[m.end() :]
    return Planted(p.source, t2, [("target", m.start(), m.end() + 4)], whole=True)


#: type id -> (planter, check ids that should report it)
NTREX_TYPES: dict[str, tuple[Planter, frozenset[str]]] = {
    "numbers": (numbers_replaced, frozenset({"number"})),
    "first-lower": (first_lower, frozenset({"capitalization"})),
    "all-lower": (all_lower, frozenset({"capitalization"})),
    "char-removed": (char_removed, frozenset({"spelling"})),
    "misspelled": (misspelled, frozenset({"spelling"})),
    "source-words": (source_words, frozenset({"untranslated", "untranslated-words"})),
    "name-replaced": (name_replaced, frozenset({"entity"})),
    "name-removed": (name_removed, frozenset({"entity"})),
    "punct-inside": (punct_inside, frozenset({"stray-punctuation", "punctuation"})),
    "punct-only": (punct_only, frozenset({"empty", "length"})),
    "unit-lost": (unit_lost, frozenset({"number", "unit"})),
    "guillemets": (guillemets, frozenset({"punctuation", "quotes", "whitespace"})),
    "quote-count": (quote_count, frozenset({"quotes"})),
    "phrase-added": (phrase_added, frozenset({"meaning", "length", "alignment", "coverage"})),
    "phrase-omitted": (phrase_omitted, frozenset({"meaning", "length", "alignment", "coverage"})),
    "negation": (negation, frozenset({"meaning", "coverage"})),
}

#: Types too rare in news text to find in a sample: looked for in every row.
RARE_TYPES = frozenset({"unit-lost", "guillemets"})

#: Types judged by meaning rather than by a rule (reported, not held to 0.90).
MEANING_TYPES = frozenset({"phrase-added", "phrase-omitted", "negation"})


def harvest_phrases(target: str, lang: str) -> list[str]:
    """Phrases of a target for the added-phrase pool."""
    if spaced(lang):
        toks = [w for w in target.split() if any(c.isalpha() for c in w)]
        if len(toks) < 10:
            return []
        return [" ".join(toks[3:8]).strip(",.;:!?")]
    core = "".join(c for c in target if unicodedata.category(c)[0] in "LN")
    return [core[5:17]] if len(core) > 20 else []

"""Compiled glossary forms and how one text word stands for one form word.

A :class:`_Form` is one distinct form (text + case rule) with, per word, its folded
token, its stem and its lexicon key (see :mod:`.morphology`); :class:`_Forms` holds
the forms of one side in one language and finds one form alone in a text
(:meth:`_Forms.hits_of`), exactly as an index of all of them would (:mod:`.index`).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .entries import _NO_ENTRIES, Entry
from .morphology import (
    _COMPOUND_LANGS, _COMPOUND_MIN_REST, _ENDINGS, _MIN_STEM, _NAME_SUFFIXES, _NO_LIMIT, Morph,
    _stem, morph_for,
)
from .normalize import _TOKEN_RE, _Text, fold, token_shape

__all__ = ["FormHit"]


class _Form:
    """One distinct compiled form (text + case rule); several entries may share it.

    ``approved``, ``forbidden`` and ``source`` are the entries for which the form is of
    that kind (precomputed once the forms are compiled, so a hit costs no set building);
    ``forbidden_only`` is true when the form is of no other kind (such a form is not
    looked for inside compound words)."""

    __slots__ = ("text", "toks", "orig", "stems", "extra", "case", "modifier", "items",
                 "by_kind", "approved", "forbidden", "source", "forbidden_only", "morph",
                 "keyed", "probes")

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
        # per word: whether the lexicon decides (see Morph.compare), and its index keys
        self.morph: Morph | None = None
        self.keyed: tuple[bool, ...] = (False,) * len(toks)
        self.probes: tuple[frozenset[str], ...] = ()


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
    if f.keyed[k]:
        c = f.morph.compare(f.toks[k], tok)  # type: ignore[union-attr]
        if c == 1:
            return 2
        if c == 0 and tok.startswith(st) and tok[len(st):] in f.morph.inflections:  # type: ignore[union-attr]
            return 2
        if c == 0 and len(f.toks) > 1 and f.morph.agrees(f.toks[k], tok):  # type: ignore[union-attr]
            return 2  # a word of a multi-word term: its neighbours are the evidence
        if c == 0:  # another word: it may still be a compound starting with this one
            full = f.toks[k]  # (the whole word: "kirjoittaa" is not "kirja" + "oittaa")
            if (last and f.modifier and not f.forbidden_only and tok.startswith(full)
                    and len(tok) - len(full) >= _COMPOUND_MIN_REST):
                return 3
            return 0
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
            if not t.toks[i + k].startswith(f.stems[k]):
                n = 1  # a form the lexicon knows, spelt otherwise: its first letter
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


@lru_cache(maxsize=64)
def _text_probes(low: str, toks: Sequence[str], morph: Morph) -> dict[str, list[int]]:
    """The index keys of every token of a text (folded text ``low``), as key -> the
    indexes of the tokens that have it: computed once for the few forms asked about in
    the text, so a form whose keys no token has is ruled out by a few look-ups."""
    out: dict[str, list[int]] = {}
    if morph.lexicon is None:
        return {}
    probes = morph.probes
    for i, tok in enumerate(toks):
        for p in probes(tok, False):
            lst = out.get(p)
            if lst is None:
                out[p] = [i]
            elif lst[-1] != i:
                lst.append(i)
    return out


class _Forms:
    """The distinct forms of one side (source terms, or approved and forbidden target
    forms) compiled for one language, and what every index of them shares: the
    language's endings and how many characters a word may have past a stem.

    :meth:`hits_of` finds one form alone, exactly as an index of all of them would:
    the way to ask about a few known entries without scanning for every form."""

    def __init__(self, forms: Iterable[tuple[str, Entry, str]], lang: str) -> None:
        self.lang = lang
        self.morph = morph = morph_for(lang)
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
                if morph.lexicon is not None:
                    f.morph = morph
                    f.keyed = tuple(
                        len(t) >= 2 and t.isalpha() and token_shape(o) not in ("allcaps", "mixed")
                        for t, o in zip(toks, orig)
                    )
                    if not any(f.keyed):
                        f.keyed = (False,) * len(toks)
                    f.probes = tuple(
                        morph.probes(t, True) if kd else frozenset() for t, kd in zip(toks, f.keyed)
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
        if f.keyed[0]:
            extra = self._keyed_hits(t, f, {r[1] for r in out})
            if extra:
                out.extend(extra)
                out.sort(key=lambda r: (r[1], -r[2]))
        return out

    def _keyed_hits(self, t: _Text, f: _Form, done: set[int]) -> list[_Raw]:
        """The hits of ``f`` starting at a word whose index keys (lemma, stem) it
        shares, other than at the offsets ``done``: the forms the lexicon knows that a
        search for the first stem misses ("mieście" for "miasto")."""
        out: list[_Raw] = []
        by_key = _text_probes(t.low, t.toks, self.morph)
        idxs: set[int] = set()
        for p in f.probes[0]:
            hit = by_key.get(p)
            if hit is not None:
                idxs.update(hit)
        if not idxs:
            return out
        last = len(f.toks) - 1
        starts = t.starts
        for i in sorted(idxs):
            if starts[i] in done:
                continue
            r = self._starting(t, f, i, last, self.endings, self.max_extra)
            if r is not None:
                out.append(r)
        return out

    def keyed_hit_at(self, t: _Text, f: _Form, p: int) -> _Raw | None:
        """The hit of form ``f`` starting at the word at NFC offset ``p`` through the
        lexicon (the word shares an index key with the form's first word, see
        :meth:`_keyed_hits`), or None: what :meth:`hits_of` finds there, with the
        index keys of that one word rather than of the whole text."""
        starts = t.starts
        i = bisect_right(starts, p) - 1
        if i < 0 or starts[i] != p or not f.keyed[0]:
            return None
        if f.probes[0].isdisjoint(self.morph.probes(t.toks[i], False)):
            return None
        return self._starting(t, f, i, len(f.toks) - 1, self.endings, self.max_extra)

    def has_hit(self, t: _Text, f: _Form) -> bool:
        """Whether form ``f`` is in ``t`` with the right case (see :meth:`hits_of`)."""
        st0, low = f.stems[0], t.low
        p = low.find(st0)
        while p >= 0:
            r = self.hit_at(t, f, p)
            if r is not None and r[3]:
                return True
            p = low.find(st0, p + 1)
        if f.keyed[0]:
            return any(r[3] for r in self._keyed_hits(t, f, set()))
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
            if len(tok) - len(st0) > self.max_extra and not f.keyed[0]:
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
        if not f.keyed[1] and (not tok2.startswith(st1) or len(tok2) - len(st1) > max_extra):
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


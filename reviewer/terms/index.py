"""The compiled matcher of many glossary forms: one dict look-up per distinct text token
(cached plans), whatever the glossary size."""

from __future__ import annotations

from typing import Any, Iterable

from .forms import (
    _PAIR_CACHE, _TOKEN_CACHE, _Form, _Forms, _hit, _item, _Item, _Raw, _tok_ok, _TokPlan, _verify,
)
from .morphology import _COMPOUND_MIN_REST, _MIN_STEM, _NAME_SUFFIXES
from .normalize import _Text

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
        self.morph = compiled.morph
        self.single: dict[str, list[_Form]] = {}
        # forms keyed by the index keys of a lexicon's words (see Morph.probes)
        self.ksingle: dict[str, list[_Form]] = {}
        self.kmulti: dict[str, dict[str, list[_Form]]] = {}
        self.multi: dict[str, dict[str, list[_Form]]] = {}
        self.heads: dict[str, list[_Form]] = {}
        self.head_pre: set[str] = set()
        lens: set[int] = set()
        lens2: set[int] = set()
        head_lens: set[int] = set()
        for f in compiled.forms if forms is None else forms:
            lens.add(len(f.stems[0]))
            p0 = f.probes[0] if f.keyed[0] else ()
            if len(f.toks) == 1:
                self.single.setdefault(f.stems[0], []).append(f)
                for p in p0:
                    self.ksingle.setdefault(p, []).append(f)
                if f.modifier and not f.forbidden_only:  # may end a compound
                    self.heads.setdefault(f.stems[0], []).append(f)
                    self.head_pre.add(f.stems[0][:_MIN_STEM])
                    head_lens.add(len(f.stems[0]))
            else:
                k1 = (f.stems[1], *(f.probes[1] if f.keyed[1] else ()))
                for k in k1:
                    self.multi.setdefault(f.stems[0], {}).setdefault(k, []).append(f)
                    for p in p0:
                        self.kmulti.setdefault(p, {}).setdefault(k, []).append(f)
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
        self.stems2 = frozenset(k for inner in self.multi.values() for k in inner) | frozenset(
            k for inner in self.kmulti.values() for k in inner)
        self.keyed = bool(self.ksingle or self.kmulti or any(k[:1] < " " for k in self.stems2))
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
        if self.keyed:  # forms whose word the lexicon relates to this one
            seen = {id(it[0]) for it in items}
            for p in self.morph.probes(tok, False):
                for f in self.ksingle.get(p, ()):
                    if id(f) in seen:
                        continue
                    seen.add(id(f))
                    res = _tok_ok(f, 0, tok, True, self.endings)
                    if res:
                        it = _item(f, res, res >= 2)
                        items.append(it)
                        mixed.append((f, it))
                inner = self.kmulti.get(p)
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
        if self.keyed:
            out += tuple(k for k in self.morph.probes(tok2, False) if k in stems2)
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
        seen: set[int] = set()
        for f, x in mixed if keys2 else ():  # (no second word: the single-word forms)
            if f is not None:
                out.append(x)
                continue
            inner: dict[str, list[_Form]] = x
            for k2 in keys2:
                for f2 in inner.get(k2, ()):
                    if id(f2) in seen:
                        continue
                    seen.add(id(f2))
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
        probes = self.morph.probes
        exact_probes = self.morph.adjectives is None
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
                if i + 2 > last_i or not join[i + 2]:
                    continue
                t2 = toks[i + 2]
                if not t2.startswith(f.stems[2]) and (
                    not f.keyed[2]
                    # a word the lexicon relates to the form's shares an index key
                    # with it (see Morph.probes), except through _ADJECTIVE_LEMMAS
                    or (exact_probes and f.probes[2].isdisjoint(probes(t2, False)))
                ):
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


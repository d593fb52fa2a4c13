"""The :class:`Glossary`: entries in layers, each with compiled forms and indexes per
side and language, and the query API the checks use."""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from .. import morph as _morph
from .entries import _NO_ENTRIES, Entry, TermMatch
from .forms import FormHit, _Forms, _Raw
from .fuzzy import near_miss
from .index import _Index
from .morphology import _DEFAULT_THRESHOLD, _lang
from .normalize import _TOKEN_RE, _prepare, fold, token_shape

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Segment

__all__ = ["Glossary"]



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
                if f.keyed[0]:  # a form the lexicon knows need not start with the stem
                    r = fs.keyed_hit_at(t, f, s)
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
        if raw and "-" in text:
            raw = [r for r in raw if not _in_known_hyphenated(text, r[1], r[2], lang)]
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


def _in_known_hyphenated(text: str, s: int, e: int, lang: str) -> bool:
    """Whether span ``s:e`` is only part of a hyphenated word that ``lang``'s lexicon
    knows as one word ("scale" in "large-scale", "known" in "well-known"): such a
    part is not an occurrence of the term."""
    a, b = s, e
    while a > 1 and text[a - 1] == "-" and text[a - 2].isalnum():
        a -= 2
        while a > 0 and text[a - 1].isalnum():
            a -= 1
    while b + 1 < len(text) and text[b] == "-" and text[b + 1].isalnum():
        b += 2
        while b < len(text) and text[b].isalnum():
            b += 1
    if (a, b) == (s, e):
        return False
    return _morph.is_known(text[a:b], lang)


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

    # ------------------------------------------------------------ query API
    # (what the checks ask; the underscored names are kept as aliases)

    def source_entries(self, text: str, lang: str | None = None) -> tuple[Entry, ...]:
        """The distinct entries whose source term is in ``text``, in text order."""
        return self._source_entries(text, lang)

    def approved_among(
        self, text: str, lang: str | None, entries: tuple[Entry, ...]
    ) -> frozenset[Entry]:
        """The entries among ``entries`` with an approved form in ``text`` (right case,
        inflections allowed), looking for their forms alone."""
        return self._approved_of(text, lang, entries)

    def forbidden_hits(self, text: str, lang: str | None = None) -> list[_Raw]:
        """Hits of forms forbidden for some entry: ``(form, start, end, exact_case,
        inflected, compound)``; ``form.items`` gives ``(entry, kind)`` pairs and
        ``form.forbidden`` the entries that forbid it."""
        return self._forbidden_raw(text, lang)

    def approved_at(self, text: str, lang: str | None, entry: Entry, start: int, end: int) -> bool:
        """Whether an approved form of ``entry`` is in ``text`` exactly at ``start:end``."""
        return self._approved_at(text, lang, entry, start, end)

    def may_have_case_variant(self, entry: Entry, lang: str | None) -> bool:
        """Whether some approved form of ``entry`` is case-sensitive (only such a form
        can have a case variant)."""
        return self._may_have_case_variant(entry, lang)

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


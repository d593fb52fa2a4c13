"""``variant``: one name spelled several ways in one document.

``Nvidia``/``NVIDIA``, ``Openai``/``Openi``/``OpenAI``: the minority spellings are
flagged, or, when the glossary fixes the name, every spelling that differs from it; in
a bilingual document the source's spelling is the reference. Needs no source.

Options (``[checks.variant]`` in reviewer.toml): ``threshold`` (fuzzy similarity 0-100,
default 85), ``min_length`` (shortest name compared fuzzily, default 5).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from ..model import Finding, Segment, Severity
from ..terms import Entry, Glossary, _prepare, fold, similarity, token_shape
from .base import Check, CheckContext, DocumentCheck

__all__ = ["VariantCheck", "CHECKS"]


_OPENERS = set(".!?:;\"'“”«»()[]{}—–-•*#>|¡¿")


class _Occ:
    __slots__ = ("seg", "start", "end", "text")

    def __init__(self, seg: Segment, start: int, end: int, text: str) -> None:
        self.seg, self.start, self.end, self.text = seg, start, end, text


def _tokens(text: str) -> Iterator[tuple[int, int, str, str, bool]]:
    """``(start, end, spelling, folded, sentence_initial)`` of a target's words
    (URLs and e-mail addresses masked, inline codes ignored)."""
    t = _prepare(text)
    nfc = t.nfc
    for s, e, low in zip(t.starts, t.ends, t.toks):
        p = s - 1
        while p >= 0 and nfc[p].isspace():
            p -= 1
        initial = p < 0 or nfc[p] in _OPENERS or "\ue000" <= nfc[p] <= "\uf8ff"
        os_, oe = t.orig(s), t.orig(e)
        yield os_, oe, text[os_:oe], low, initial


def _init_key(sp: str) -> str:
    """A spelling with its first letter lower-cased: sentence capitals don't count."""
    return sp[:1].lower() + sp[1:]


def _inflection_pair(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 3


class VariantCheck(DocumentCheck):
    """One name spelled several ways in a document."""

    id = "variant"
    name = "Spelling variant"
    category = "terminology"
    severity = Severity.MINOR
    needs_source = False
    description = "A name or term is spelled several ways in the document."

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        thr = float(context.option("threshold", 85))
        min_len = int(context.option("min_length", 5))
        g: Glossary | None = context.glossary or None
        occ: dict[str, list[_Occ]] = {}
        strong: set[str] = set()  # keys seen mixed-case, all-caps or capitalised mid-sentence
        hard: set[str] = set()  # keys seen mixed-case or all-caps (4+ letters)
        lower: Counter[str] = Counter()
        for seg in segments:
            text = seg.target
            if not text:
                continue
            toks = list(_tokens(text))
            shapes = [token_shape(sp) for _, _, sp, _, _ in toks]
            worded = [sh for sh in shapes if sh != "other"]
            heading = len(worded) >= 2 and sum(sh == "allcaps" for sh in worded) >= 0.8 * len(worded)
            for (s, e, sp, key, initial), sh in zip(toks, shapes):
                if sh == "other" or any(c.isdigit() for c in key):
                    continue
                if sh == "lower":
                    lower[key] += 1
                    continue
                if heading and sh == "allcaps":
                    continue
                occ.setdefault(key, []).append(_Occ(seg, s, e, sp))
                if sh in ("mixed", "allcaps") or not initial:
                    strong.add(key)
                if sh in ("mixed", "allcaps") and len(key) >= 4:
                    hard.add(key)
        # glossary names by folded key
        links: dict[str, tuple[str, Entry]] = {}
        aliases: dict[str, tuple[str, str, Entry]] = {}
        if g is not None:
            for key in set(occ) | set(lower):
                hits = g.fuzzy_names(key, 101.0)
                if hits:
                    links[key] = (hits[0][0], hits[0][1])
            for e in g.entries:
                if e.dnt or token_shape(e.source) not in ("allcaps", "mixed") or " " in e.source:
                    continue
                pref = e.targets[0]
                if fold(e.source) not in {fold(a) for a in e.approved} and token_shape(pref) != "lower":
                    aliases[fold(e.source)] = (e.source, pref, e)
        ordinary = {k for k in lower if k not in hard and k not in links}
        cands = sorted(k for k in strong if k not in ordinary and len(k) >= min_len)
        if g is not None:
            for key in cands:
                if key in links:
                    continue
                for form, e, _score in g.fuzzy_names(key, thr):
                    if not _inflection_pair(key, fold(form)):
                        links[key] = (form, e)
                        break
        # keys taking part, with lowercase occurrences collected in a second pass
        keys = {k for k in occ if k in links or (k in strong and k not in ordinary)}
        want_lower = {k for k in keys | set(links) if k in lower and (k in hard or k in links)}
        if want_lower:
            for seg in segments:
                if seg.target:
                    for s, e, sp, key, _ in _tokens(seg.target):
                        if key in want_lower and token_shape(sp) == "lower":
                            occ.setdefault(key, []).append(_Occ(seg, s, e, sp))
            keys |= want_lower
        # fuzzy edges between document names (blocked by first letter and length)
        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        blocks: dict[str, list[str]] = {}
        for k in sorted(keys):
            if len(k) >= min_len and k in strong and k not in ordinary:
                blocks.setdefault(k[0], []).append(k)
        for block in blocks.values():
            for i, k in enumerate(block):
                rest = [c for c in block[i + 1:] if 0.7 * len(k) <= len(c) <= len(k) / 0.7]
                for c, _sc, _ in process.extract(k, rest, scorer=fuzz.ratio, score_cutoff=thr, limit=None):
                    if not _inflection_pair(k, c):
                        parent[find(c)] = find(k)
        groups: dict[str, list[str]] = {}
        for k in keys:
            groups.setdefault(find(k), []).append(k)
        # how the sources spell these names: in a bilingual document the source's
        # spelling ("OpenAI") is the reference, not the target's majority ("Openi")
        src_spell: dict[str, Counter[str]] = {}
        if not context.target_only and keys:
            src_names: dict[str, Counter[str]] = {}
            for seg in segments:
                if seg.source:
                    for _s, _e, sp, key, initial in _tokens(seg.source):
                        sh = token_shape(sp)
                        if sh in ("mixed", "allcaps") or (sh != "lower" and sh != "other" and not initial):
                            src_names.setdefault(key, Counter())[sp] += 1
            by_letter: dict[str, list[str]] = {}
            for sk in src_names:
                by_letter.setdefault(sk[:1], []).append(sk)
            for k in keys:
                if k in src_names:
                    src_spell[k] = src_names[k]
                    continue
                near = [c for c, _sc, _ in process.extract(
                    k, by_letter.get(k[:1], []), scorer=fuzz.ratio, score_cutoff=thr, limit=None)
                    if len(k) >= min_len and not _inflection_pair(k, c)]
                for c in near:
                    src_spell.setdefault(k, Counter()).update(src_names[c])
        out: list[tuple[Segment, Finding]] = []
        for members in groups.values():
            out.extend(self._group(sorted(members), occ, links, src_spell))
        for key, (src, pref, e) in aliases.items():
            for o in occ.get(key, ()):
                if o.text == src:
                    out.append((o.seg, self.flag(
                        "target", o.start, o.end, o.text,
                        f'"{o.text}" is a variant of "{pref}", the form the glossary fixes.',
                        suggestion=pref, score=similarity(o.text, pref),
                    )))
        out.sort(key=lambda p: (p[0].index, p[1].start))
        return out

    def _group(
        self, members: list[str], occ: dict[str, list[_Occ]], links: dict[str, tuple[str, Entry]],
        src_spell: dict[str, Counter[str]] | None = None,
    ) -> Iterator[tuple[Segment, Finding]]:
        gforms = sorted({links[k] for k in members if k in links}, key=lambda fe: fe[0])
        if gforms:
            for k in members:
                if k in links:
                    pref, e = links[k]
                else:
                    pref, e = max(gforms, key=lambda fe: similarity(k, fe[0]))
                case_matters = e.is_case_sensitive(pref)
                for o in occ.get(k, ()):
                    if o.text == pref:
                        continue
                    if fold(o.text) == fold(pref) and (
                        not case_matters or _init_key(o.text) == _init_key(pref)
                    ):
                        continue
                    score = similarity(o.text, pref)
                    yield o.seg, self.flag(
                        "target", o.start, o.end, o.text,
                        f'"{o.text}" is a variant spelling of "{pref}", the glossary form '
                        f"(similarity {score:.0f}).",
                        suggestion=pref, score=score,
                    )
            return
        src: Counter[str] = Counter()
        for k in members:
            src.update((src_spell or {}).get(k, {}))
        if src:
            # the source's own spelling decides (most frequent, then alphabetical)
            pref = min(src, key=lambda t: (-src[t], t))

            def say(text: str, score: float) -> str:
                return (f'"{text}" is a variant of "{pref}", as the source writes it '
                        f"(similarity {score:.0f}).")
        else:
            by_shape: Counter[str] = Counter()
            spellings: dict[str, Counter[str]] = {}
            first: dict[str, tuple[int, int]] = {}
            for k in members:
                for o in occ.get(k, ()):
                    sk = _init_key(o.text)
                    by_shape[sk] += 1
                    spellings.setdefault(sk, Counter())[o.text] += 1
                    first.setdefault(sk, (o.seg.index, o.start))
            if len(by_shape) < 2:
                return
            shape = max(sorted(by_shape),
                        key=lambda sk: (by_shape[sk], -first[sk][0], -first[sk][1]))
            pref = min(spellings[shape], key=lambda t: (-spellings[shape][t], t))
            times = by_shape[shape]

            def say(text: str, score: float) -> str:
                return (f'"{text}" is spelled "{pref}" elsewhere in the document '
                        f"({times} times; similarity {score:.0f}).")
        top = _init_key(pref)
        for k in members:
            for o in occ.get(k, ()):
                if _init_key(o.text) == top:
                    continue
                score = similarity(o.text, pref)
                yield o.seg, self.flag(
                    "target", o.start, o.end, o.text,
                    say(o.text, score), suggestion=pref, score=score,
                )


CHECKS: list[type[Check]] = [VariantCheck]

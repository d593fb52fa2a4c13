"""Sentence alignment: Gale-Church length-based dynamic programming plus anchors.

Two documents are split into paragraphs of sentences (:mod:`reviewer.sentences`).
Paragraphs are hard boundaries: when both sides have as many paragraphs they are paired
one to one, otherwise the paragraphs themselves are aligned with the same dynamic
programme over paragraph lengths; then the sentences of each paragraph link are aligned.

The cost of a link is Gale and Church's (1993): ``-log P(kind) - log 2(1 - Φ(|δ|))``
with ``δ = (l2 - c·l1) / sqrt(s²·(l1 + l2/c)/2)`` over character lengths, the classic
priors (1-1 0.89, 1-0 and 0-1 0.0099/2 each, 2-1 and 1-2 0.089/2 each, 2-2 0.011),
``s² = 6.8`` and ``c`` estimated from the data (target characters / source characters).
Anchors that survive translation strengthen it: numbers (separators ignored, so
``1,000.5`` meets ``1.000,5``), URLs, names (acronyms, mixed-case words, capitalised
words inside a sentence, compared case-folded) and ``? ! : (`` and quotation marks.
Anchors found on one side of the document only count when they are strong (URLs,
numbers of two digits or more, acronyms, mixed-case names): capitalised words (every
German noun), one-digit numbers and punctuation must occur on both sides to count. A link that pairs text earns a
bonus for each shared anchor and a (capped) penalty for each unmatched one; 1-0 and 0-1
links are not penalised for their anchors, so a sentence whose numbers and names are
missing in the neighbouring translation reads as an omission rather than as a merge.

The programme runs in a band around the diagonal (the path where cumulative target
length is ``c`` times cumulative source length), each row vectorised with numpy; when
the best path touches the band's edge the band is doubled and the row run again.
Each link gets a confidence in 0-1 from its length cost, its anchor agreement and kind
(``exp(-cost/4)``, times 0.7-1.0 for anchor agreement, 0.9 for 2-1/1-2, 0.8 for 2-2;
1-0 and 0-1 links 0.3-0.7 growing with the sentence's length); a link that is a whole
paragraph pair of documents paired paragraph for paragraph is at least 0.8.

For documents of 200 sentences or more a second pass learns word translations from the
first pass's 1-1 links (Dice association over co-occurrences, in the spirit of Moore,
2002) and aligns again with them as extra anchors, in a narrow band around the first
path.

The dynamic programme itself is :mod:`.align_dp`; here are the anchors, the links'
confidence, the paragraph and sentence passes, the learnt lexicon and the documents.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .align_dp import PRIORS, Side, align_items, length_cost
from .model import Document, Segment
from .sentences import Sentence, segment_document, split_document

__all__ = [
    "Link",
    "align",
    "align_documents",
    "align_texts",
    "anchors",
    "split_document",
    "PRIORS",
]

LEXICON_MIN_SENTENCES = 200  # learn word translations from documents this long
LEXICON_MIN_COUNT = 3
LEXICON_DICE = 0.5
LEXICON_WEIGHT = 0.7
WHOLE_PARAGRAPH_CONFIDENCE = 0.8  # a link that is a whole paragraph pair (same counts)


@dataclass(frozen=True, slots=True)
class Link:
    """One alignment link: 0-based sentence indexes (document order) on each side,
    the joined texts, the kind (``"1-1"``, ``"2-1"``, ``"1-0"``...) and a confidence."""

    source_sentences: tuple[int, ...]
    target_sentences: tuple[int, ...]
    source: str
    target: str
    confidence: float
    kind: str


# --------------------------------------------------------------------------- anchors

_URL_RE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"»”)]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|io|ai|it|de|fr|es|uk|eu|ch|at)\b(?:/[^\s)]*)?",
    re.I,
)
_NUM_RE = re.compile(r"\d+(?:[.,'\u00a0\u202f]\d+)*")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_PUNCT = {"?": "?", "!": "!", ":": ":", "(": "(", "«": "q", "“": "q", '"': "q", "„": "q"}
_WEIGHTS = {"u": 1.5, "n": 1.0, "m": 1.0, "w": 1.0, "p": 0.4}


def anchors(text: str) -> Counter[str]:
    """The anchors of one sentence as a multiset of keys: ``u:`` URLs, ``n:`` numbers
    (digits only), ``m:`` acronyms and mixed-case names, ``w:`` other capitalised words
    inside the sentence (both case-folded, possessive dropped), ``p:`` punctuation."""
    out: Counter[str] = Counter()
    rest = text
    if "." in text or "/" in text:
        for m in _URL_RE.finditer(text):
            out["u:" + m.group().lower().rstrip(".,;:!?")] += 1
        rest = _URL_RE.sub(" ", text)
    for m in _NUM_RE.finditer(rest):
        out["n:" + re.sub(r"\D", "", m.group())] += 1
    first = True
    for m in _WORD_RE.finditer(rest):
        w = m.group()
        if w.islower():
            first = False
            continue
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if len(w) > 1 and not w[1:].islower() and any(ch.isupper() for ch in w[1:]):
            out["m:" + w.casefold()] += 1
        elif not first and w[0].isupper() and len(w) > 1:
            out["w:" + w.casefold()] += 1
        first = False
    for ch, key in _PUNCT.items():
        k = rest.count(ch)
        if k:
            out["p:" + key] += k
    return out


def _normalise(raw: Sequence[Counter[str]], strong: set[str]) -> list[Counter[str]]:
    """Fold ``m:`` keys into ``w:`` (so ``NVIDIA`` meets ``Nvidia``), noting in
    ``strong`` the anchors that count even when the other document lacks them: URLs,
    numbers of two digits or more, acronyms and mixed-case names."""
    out: list[Counter[str]] = []
    for counts in raw:
        c: Counter[str] = Counter()
        for k, v in counts.items():
            if k[0] == "m":
                k = "w" + k[1:]
                strong.add(k)
            elif k[0] == "u" or (k[0] == "n" and len(k) > 3):
                strong.add(k)
            c[k] += v
        out.append(c)
    return out


def _weighted(counts: Counter[str], keep: set[str]) -> dict[str, float]:
    return {k: v * _WEIGHTS[k[0]] for k, v in counts.items() if k in keep}


# --------------------------------------------------------------------------- links


def _confidence(l1: float, l2: float, c: float, as_g: float, at_g: float,
                shared: float, kind: tuple[int, int]) -> float:
    """A 0-1 confidence for one link: length fit, anchor agreement and kind."""
    if kind[0] == 0 or kind[1] == 0:
        size = l1 or l2
        return round(0.3 + 0.4 * (1.0 - math.exp(-size / 80.0)), 3)
    base = math.exp(-float(length_cost(l1, l2, c)) / 4.0)
    if as_g + at_g > 0:
        base *= 0.7 + 0.3 * (2 * shared / (as_g + at_g))
    else:
        base *= 0.9
    base *= {(1, 1): 1.0, (2, 2): 0.8}.get(kind, 0.9)
    return round(min(1.0, max(0.0, base)), 3)


def _shared(a: Sequence[dict[str, float]], b: Sequence[dict[str, float]]) -> float:
    sa: Counter[str] = Counter()
    sb: Counter[str] = Counter()
    for x in a:
        sa.update(x)
    for y in b:
        sb.update(y)
    return float(sum(min(v, sb[k]) for k, v in sa.items() if k in sb))


def align(
    src_paragraphs: Sequence[Sequence[str]],
    tgt_paragraphs: Sequence[Sequence[str]],
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    *,
    use_anchors: bool = True,
    classic: bool = False,
    lexicon: bool = True,
) -> list[Link]:
    """Align two documents given as paragraphs of sentences; links in document order.

    ``use_anchors=False`` leaves the anchors out; with ``classic=True`` too it is plain
    length-only Gale-Church (the benchmark's peer), null links costed as in the paper.
    Languages are accepted for symmetry with the splitter; the costs do not use them.
    """
    src_sents = [s for p in src_paragraphs for s in p]
    tgt_sents = [s for p in tgt_paragraphs for s in p]
    total_s = sum(len(s) for s in src_sents)
    total_t = sum(len(s) for s in tgt_sents)
    c = total_t / total_s if total_s and total_t else 1.0
    src_raw = [anchors(s) for s in src_sents] if use_anchors else [Counter() for _ in src_sents]
    tgt_raw = [anchors(s) for s in tgt_sents] if use_anchors else [Counter() for _ in tgt_sents]
    strong: set[str] = set()
    src_raw, tgt_raw = _normalise(src_raw, strong), _normalise(tgt_raw, strong)
    keep = (set().union(*src_raw) & set().union(*tgt_raw)) | strong if use_anchors else set()
    src_anc = [_weighted(a, keep) for a in src_raw]
    tgt_anc = [_weighted(a, keep) for a in tgt_raw]

    def starts(paras: Sequence[Sequence[str]]) -> list[int]:
        out = [0]
        for p in paras:
            out.append(out[-1] + len(p))
        return out

    ps, pt = starts(src_paragraphs), starts(tgt_paragraphs)
    paired_by_count = len(src_paragraphs) == len(tgt_paragraphs)
    if paired_by_count:
        para_links = [(k, k + 1, k, k + 1) for k in range(len(src_paragraphs))]
    else:
        def para_side(paras: Sequence[Sequence[str]], st: list[int],
                      anc: list[dict[str, float]]) -> Side:
            lens = [sum(len(s) for s in p) for p in paras]
            merged: list[dict[str, float]] = []
            for k in range(len(paras)):
                acc: Counter[str] = Counter()
                for a in anc[st[k] : st[k + 1]]:
                    acc.update(a)
                merged.append(dict(acc))
            return Side(lens, merged)

        para_links = align_items(para_side(src_paragraphs, ps, src_anc),
                                  para_side(tgt_paragraphs, pt, tgt_anc), c, use_anchors,
                                  classic)
    slen = [len(x) for x in src_sents]
    tlen = [len(x) for x in tgt_sents]

    def sentence_pass(sa: list[dict[str, float]], ta: list[dict[str, float]],
                      guides: list[list[int]] | None) -> list[list[tuple[int, int, int, int]]]:
        out: list[list[tuple[int, int, int, int]]] = []
        for k, (p0, p1, q0, q1) in enumerate(para_links):
            side_s = Side(slen[ps[p0] : ps[p1]], sa[ps[p0] : ps[p1]])
            side_t = Side(tlen[pt[q0] : pt[q1]], ta[pt[q0] : pt[q1]])
            out.append(align_items(side_s, side_t, c, use_anchors, classic,
                                    guides[k] if guides else None))
        return out

    spans = sentence_pass(src_anc, tgt_anc, None)
    if use_anchors and lexicon and len(src_sents) >= LEXICON_MIN_SENTENCES:
        pairs = [(ps[p0] + i0, pt[q0] + j0)
                 for (p0, _, q0, _), group in zip(para_links, spans)
                 for i0, i1, j0, j1 in group if i1 - i0 == 1 and j1 - j0 == 1]
        added = _learn_lexicon(src_sents, tgt_sents, pairs)
        if added:
            src_anc, tgt_anc = _with_lexicon(src_sents, tgt_sents, src_anc, tgt_anc, added)
            spans = sentence_pass(src_anc, tgt_anc, [_guide(g) for g in spans])
    out: list[Link] = []
    for (p0, _, q0, _), group in zip(para_links, spans):
        i_base, j_base = ps[p0], pt[q0]
        for i0, i1, j0, j1 in group:
            s_idx = tuple(range(i_base + i0, i_base + i1))
            t_idx = tuple(range(j_base + j0, j_base + j1))
            kind = (len(s_idx), len(t_idx))
            sa = [src_anc[i] for i in s_idx]
            ta = [tgt_anc[j] for j in t_idx]
            conf = _confidence(
                float(sum(slen[i] for i in s_idx)), float(sum(tlen[j] for j in t_idx)), c,
                sum(sum(a.values()) for a in sa), sum(sum(a.values()) for a in ta),
                _shared(sa, ta), kind,
            )
            if paired_by_count and len(group) == 1 and kind[0] and kind[1]:
                conf = max(conf, WHOLE_PARAGRAPH_CONFIDENCE)  # nothing else it could be
            out.append(Link(
                s_idx, t_idx,
                " ".join(src_sents[i] for i in s_idx),
                " ".join(tgt_sents[j] for j in t_idx),
                conf, f"{kind[0]}-{kind[1]}",
            ))
    return out


def _guide(links: list[tuple[int, int, int, int]]) -> list[int]:
    """A previous path's target column for each source row (for a narrow band)."""
    n = links[-1][1] if links else 0
    col = [0] * (n + 1)
    for i0, i1, j0, j1 in links:
        for i in range(i0 + 1, i1 + 1):
            col[i] = j1 if i == i1 else j0
    return col


_LEX_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _LEX_WORD_RE.findall(text)}


def _learn_lexicon(src: Sequence[str], tgt: Sequence[str], pairs: Sequence[tuple[int, int]]
                   ) -> dict[str, set[str]]:
    """Word translations learnt from a first pass's 1-1 links (Moore 2002 in spirit):
    target word -> source words whose Dice association with it is at least
    :data:`LEXICON_DICE` over :data:`LEXICON_MIN_COUNT` links or more."""
    cs: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    co: Counter[tuple[str, str]] = Counter()
    for i, j in pairs:
        ws, wt = _words(src[i]), _words(tgt[j])
        cs.update(ws)
        ct.update(wt)
        co.update((a, b) for a in ws for b in wt)
    best: dict[str, tuple[float, str]] = {}
    for (a, b), n in co.items():
        if n < LEXICON_MIN_COUNT:
            continue
        dice = 2.0 * n / (cs[a] + ct[b])
        if dice >= LEXICON_DICE and dice > best.get(a, (0.0, ""))[0]:
            best[a] = (dice, b)
    out: dict[str, set[str]] = {}
    for a, (_, b) in best.items():
        out.setdefault(b, set()).add(a)
    return out


def _with_lexicon(src: Sequence[str], tgt: Sequence[str], src_anc: list[dict[str, float]],
                  tgt_anc: list[dict[str, float]], lex: dict[str, set[str]]
                  ) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Anchors plus ``x:`` keys: a source word of the lexicon, and in the target the
    source words its words translate."""
    src_words = {a for group in lex.values() for a in group}
    s_out = []
    for text, anc in zip(src, src_anc):
        d = dict(anc)
        for w in _words(text) & src_words:
            d["x:" + w] = LEXICON_WEIGHT
        s_out.append(d)
    t_out = []
    for text, anc in zip(tgt, tgt_anc):
        d = dict(anc)
        for w in _words(text):
            for a in lex.get(w, ()):
                d["x:" + a] = LEXICON_WEIGHT
        t_out.append(d)
    return s_out, t_out


# --------------------------------------------------------------------------- documents


def align_texts(source_text: str, target_text: str, source_lang: str | None,
                target_lang: str | None) -> tuple[list[Link], list[Sentence], list[Sentence]]:
    """Split and align two texts; also return each side's sentences (with lines)."""
    src = segment_document(source_text, source_lang)
    tgt = segment_document(target_text, target_lang)
    links = align([[s.text for s in p] for p in src], [[s.text for s in p] for p in tgt],
                  source_lang, target_lang)
    return links, [s for p in src for s in p], [s for p in tgt for s in p]


def align_documents(source_path: str | os.PathLike[str], target_path: str | os.PathLike[str],
                    source_lang: str | None = None, target_lang: str | None = None) -> Document:
    """Align two plain-text documents into a bilingual :class:`Document`.

    One segment a link: ``id`` = the 1-based link number, ``source``/``target`` = the
    joined sentences (``""`` for an omission or addition side), ``line`` = the target
    file line of the link's first target sentence (else of its source sentence),
    ``notes`` = ``"alignment confidence 0.87"`` and the source line, ``flags`` =
    ``{"align:1-1"}`` (the kind). Unreadable files raise :class:`~reviewer.errors.InputError`.
    """
    from .formats.base import read_text

    src_text = read_text(source_path)
    tgt_text = read_text(target_path)
    links, src_s, tgt_s = align_texts(src_text, tgt_text, source_lang, target_lang)
    segments: list[Segment] = []
    for k, link in enumerate(links):
        src_line = src_s[link.source_sentences[0]].line if link.source_sentences else None
        tgt_line = tgt_s[link.target_sentences[0]].line if link.target_sentences else None
        notes = [f"alignment confidence {link.confidence:.2f}"]
        if src_line is not None:
            notes.append(f"source line {src_line}")
        segments.append(Segment(
            id=str(k + 1), index=k, source=link.source, target=link.target,
            line=tgt_line if tgt_line is not None else src_line,
            notes=tuple(notes), flags=frozenset({f"align:{link.kind}"}),
        ))
    return Document(
        path=str(target_path), format="txt", source_lang=source_lang,
        target_lang=target_lang, segments=segments,
        meta={"source_path": str(source_path), "aligned": True},
    )

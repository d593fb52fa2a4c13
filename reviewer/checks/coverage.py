"""Coverage check: a phrase of the translation that the source does not say (added),
or a phrase of the source that the translation leaves out (omitted), located with
the cross-lingual sentence embeddings of the optional ``meaning`` extra.

A sentence embedding of the whole pair says *that* source and target differ; this
check asks *where*: it removes each window of about a fifth and a third of one side's
words (stride half a window; characters in pairs for scripts written without
spaces) and embeds what is left. When removing a window of the translation makes it
clearly closer to the source (``gain`` above ``threshold``) and removing a window of
the source does not do the same for it (``gain`` above the other side's by
``threshold`` too: some pairs are simply loose everywhere), that window is an
addition; the reverse is an omission, reported on the source span. Both sides need
``min_words`` (8) units: the embedding of a short text moves too much when a word
goes.

The threshold (0.08) is measured on NTREX-128 (professional translations, eight
language pairs with English, both directions) as the gain that about 2 % of clean
pairs reach; ``benchmarks/bench_recall.py --enable coverage`` measures recall and
the clean-row share. Pairs outside the model's languages are not judged (the
``meaning`` check's list); one text embeds in about 10 ms, so the check costs some
20 embeddings a unit and is off by default.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..lang import base as base_lang
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = ["CoverageCheck", "windows", "units", "CHECKS"]

THRESHOLD = 0.08
MIN_WORDS = 8
_TOKEN_RE = re.compile(r"\S+")


def units(text: str) -> list[tuple[int, int]]:
    """The spans a window is made of: whitespace-separated tokens, or pairs of
    characters in text written without spaces (Chinese, Japanese, Thai)."""
    toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    if len(toks) >= 4 and len(text) / len(toks) < 15:
        return toks
    return [(i, min(i + 2, len(text))) for i in range(0, len(text), 2)]


def windows(text: str, min_units: int = MIN_WORDS) -> list[tuple[int, int]]:
    """Character spans of the windows to remove: about a fifth and a third of the
    units, stride half a window; none for a text of fewer than ``min_units`` units."""
    u = units(text)
    n = len(u)
    if n < min_units:
        return []
    out: list[tuple[int, int]] = []
    for frac in (0.2, 0.33):
        w = max(2, round(n * frac))
        step = max(1, w // 2)
        for i in range(0, n - w + 1, step):
            span = (u[i][0], u[i + w - 1][1])
            if span not in out:
                out.append(span)
    return out


def _without(text: str, span: tuple[int, int]) -> str:
    return (text[: span[0]] + " " + text[span[1] :]).strip()


def best_gain(
    source: str, target: str, embed: Any, min_units: int = MIN_WORDS
) -> tuple[float, tuple[int, int] | None, float, tuple[int, int] | None, float]:
    """``(target gain, target window, source gain, source window, similarity)``: the
    largest rise of similarity from removing a window of either side. ``embed`` maps
    a list of texts to unit vectors."""
    tw = windows(target, min_units)
    sw = windows(source, min_units)
    texts = [source, target] + [_without(target, w) for w in tw] + [_without(source, w) for w in sw]
    v = embed(texts)
    base = float(v[0] @ v[1])
    tg, tbest = 0.0, None
    for i, w in enumerate(tw):
        g = float(v[0] @ v[2 + i]) - base
        if g > tg:
            tg, tbest = g, w
    sg, sbest = 0.0, None
    k = 2 + len(tw)
    for i, w in enumerate(sw):
        g = float(v[k + i] @ v[1]) - base
        if g > sg:
            sg, sbest = g, w
    return tg, tbest, sg, sbest, base


class CoverageCheck(Check):
    """A phrase added to the translation, or one of the source left out."""

    id = "coverage"
    name = "Added or omitted phrase"
    category = "accuracy"
    severity = Severity.MINOR
    default_enabled = False
    needs_source = True
    description = (
        "A phrase of the translation the source does not say, or one of the source the "
        "translation leaves out (sentence embeddings, needs reviewer[meaning])."
    )
    pair_language = True

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why the model cannot judge this language pair (None: it can)."""
        from .meaning import meaning_skip_reason

        return meaning_skip_reason(context.source_lang, context.target_lang)

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        from ..meaning import comparable, get_embedder, require

        require()
        if context.target_only or not segment.target or not comparable(segment):
            return []
        if self.skip_reason(context) is not None:
            return []
        sl, tl = context.source_lang, context.target_lang
        if sl and tl and base_lang(sl) == base_lang(tl):
            return []
        threshold = float(context.option("threshold", THRESHOLD))
        min_units = int(context.option("min_words", MIN_WORDS))
        src, tgt = segment.source, segment.target
        cache: Any = context.option("cache", True)
        embedder = get_embedder(cache if isinstance(cache, (bool, str)) else True)
        tg, tw, sg, sw, _base = best_gain(src, tgt, embedder.embed, min_units)
        out: list[Finding] = []
        if tw is not None and tg > threshold and tg - sg > threshold:
            out.append(self.flag_span(
                "target", tgt, tw[0], tw[1],
                f"'{tgt[tw[0]:tw[1]]}' may not be in the source: without it the translation "
                f"is closer to the source (similarity +{tg:.2f}).",
                score=round(tg * 100, 1),
            ))  # fmt: skip
        elif sw is not None and sg > threshold and sg - tg > threshold:
            out.append(self.flag_span(
                "source", src, sw[0], sw[1],
                f"'{src[sw[0]:sw[1]]}' may be missing from the translation: without it the "
                f"source is closer to the translation (similarity +{sg:.2f}).",
                score=round(sg * 100, 1),
            ))  # fmt: skip
        return out


CHECKS: list[type[Check]] = [CoverageCheck]

"""Fuzzy comparison: spelling similarity, per-language thresholds and near misses of a
glossary form in a text (rapidfuzz ``ratio`` on candidate windows only)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

from .morphology import threshold_for
from .normalize import _TOKEN_RE, _default_case_sensitive, _prepare, fold, token_shape

__all__ = ["similarity", "near_miss", "threshold_for"]


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


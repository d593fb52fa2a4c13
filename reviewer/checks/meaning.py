"""Meaning check: source and target do not say the same thing, judged by the
cross-lingual similarity of their sentence embeddings (optional extra
``pip install '.[meaning]'`` from a checkout of this project; see :mod:`reviewer.meaning`).

One threshold does not fit every language pair, model and domain, so each file is its
own yardstick: the similarities of its units give a robust centre and scale (median,
1.4826 x median absolute deviation) and a unit is flagged when its similarity is below
``median + z * scale`` (option ``z``, default -3), kept between the absolute ``floor``
(0.3: always flagged below it) and a ``ceiling`` (0.5: in a file of close translations,
ordinary variation is not an outlier). Files with fewer than ``min_units`` (30)
comparable units have no reliable distribution: they use a fixed ``threshold`` (0.4)
within the same bounds. Units whose source is shorter than ``min_chars`` (12) are not
flagged: the embedding of a word or two is unreliable.

The likely cause is named where the evidence points to one:

- **misaligned rows**: the target matches the previous or next unit's source better (by
  ``margin``, 0.1) than its own, and well enough to be that unit's translation; the
  finding names the neighbour's unit id. A neighbour whose source is a near-duplicate
  of the unit's own is no evidence (sorted catalogs);
- **omission / addition**: the target is much shorter / longer than the file's own
  length ratios predict (robust z of log(target/source characters), with a wider scale
  for short sources). A unit whose similarity is only somewhat low is still flagged
  as an omission when the length evidence adds up (``z_similarity - length_weight *
  |z_length| < z``): a cut translation keeps a fair similarity to its source;
- otherwise a possible mistranslation.

Severity is major below the threshold or when misaligned, minor when the length
evidence tipped the balance. Other options: ``cache`` (true: the user cache, false:
none, or a path; see :mod:`reviewer.embed_cache`), ``threads`` (BLAS threads, 1).

The finding's ``score`` is the similarity x 100 (0-100), also stated in the message.
Calibration and causes are plain functions of numbers (:func:`calibrate`,
:func:`assess`), testable without the model. The module imports without the extra:
the model is imported when the check runs, and its absence is a one-line usage error
(exit 2) naming the install command.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..lang import base as base_lang, length_factor
from ..errors import UsageError
from ..model import Finding, Segment, Severity
from .base import CheckContext, DocumentCheck

__all__ = [
    "MeaningCheck",
    "Calibration",
    "Verdict",
    "robust_scale",
    "calibrate",
    "length_calibration",
    "short_factor",
    "assess",
    "CHECKS",
]

MAD_TO_SIGMA = 1.4826
FLOOR = 0.3
Z = -3.0
MIN_UNITS = 30
THRESHOLD = 0.4  # small files: fixed threshold (with the floor)
MARGIN = 0.1
LENGTH_WEIGHT = 0.5
LENGTH_Z_MIN = 1.5  # |z| of the length ratio from which length counts as evidence
NEIGHBOUR_SOURCE_MAX = 0.7  # neighbours with near-duplicate sources prove nothing
MIN_CHARS = 12  # shorter sources are not flagged
NEIGHBOUR_Z = -1.5  # a misaligned row's own similarity is at least somewhat low
MIN_SCALE = 0.05  # a very uniform file must not make ordinary variation an outlier
MIN_LENGTH_SCALE = 0.08
CEILING = 0.5  # the z rule never flags a similarity at or above this
SHORT_CHARS = 20.0  # length ratios of short texts vary more: scale x sqrt(1 + 20/chars)
# Priors for small files (English-German references: median 0.78, scale 0.11;
# log length-ratio scale 0.16).
PRIOR_CENTER = 0.75
PRIOR_SCALE = 0.12
PRIOR_LENGTH_SCALE = 0.2


#: The languages of the model (multilingual Universal Sentence Encoder v3, see
#: :mod:`reviewer.meaning`), as its authors list them: similarities between other
#: languages are not calibrated and the check stays silent for them.
MODEL_LANGUAGES = frozenset({
    "ar", "zh", "en", "fr", "de", "it", "ja", "ko", "nl", "pl", "pt", "es", "th", "tr",
    "ru",
})


def meaning_skip_reason(source_lang: str | None, target_lang: str | None) -> str | None:
    """Why the meaning check cannot judge this pair (None when it can)."""
    missing = [code for code in (base_lang(source_lang), base_lang(target_lang))
               if code not in MODEL_LANGUAGES]
    if not source_lang or not target_lang:
        return None  # unknown: the check runs (the user asked for it)
    if missing:
        return f"the embedding model does not cover {', '.join(dict.fromkeys(missing))}"
    return None


@dataclass(frozen=True, slots=True)
class Calibration:
    """Where a file's similarities (or log length ratios) sit: ``center`` and
    ``scale`` of the robust z-score, the flagging ``threshold``, and whether they come
    from the file itself (``calibrated``) or from priors (small file)."""

    n: int
    center: float
    scale: float
    threshold: float
    calibrated: bool

    def zscore(self, value: float) -> float:
        """Robust z-score of ``value`` against this distribution."""
        return (value - self.center) / self.scale


def robust_scale(values: Sequence[float]) -> tuple[float, float]:
    """``(median, 1.4826 * MAD)``: a centre and a standard-deviation-like scale that
    a few outliers (the rows we want to find) cannot drag."""
    if not values:
        raise ValueError("no values")
    med = statistics.median(values)
    mad = statistics.median([abs(v - med) for v in values])
    return float(med), float(MAD_TO_SIGMA * mad)


def calibrate(
    sims: Sequence[float],
    floor: float = FLOOR,
    z: float = Z,
    min_units: int = MIN_UNITS,
    threshold: float = THRESHOLD,
    min_scale: float = MIN_SCALE,
    ceiling: float = CEILING,
) -> Calibration:
    """The flagging threshold for a file's similarities.

    With at least ``min_units`` values: ``median + z * scale`` (the scale at least
    ``min_scale``), kept between ``floor`` and ``ceiling`` (the floor wins if they
    cross): in a file of close translations ordinary variation is not an outlier.
    Fewer values: ``threshold`` between the same bounds, with the prior centre and
    scale (English-German figures) for z-scores.
    """
    n = len(sims)
    if n >= max(min_units, 3):
        center, scale = robust_scale(sims)
        scale = max(scale, min_scale)
        thr = max(floor, min(ceiling, center + z * scale))
        return Calibration(n, center, scale, thr, True)
    return Calibration(n, PRIOR_CENTER, PRIOR_SCALE, max(floor, min(ceiling, threshold)), False)


def short_factor(source_chars: int) -> float:
    """How much more a short text's length ratio varies: ``sqrt(1 + 20 / chars)``
    (x1.05 at 200 characters, x1.41 at 20)."""
    return math.sqrt(1.0 + SHORT_CHARS / max(1, source_chars))


def length_calibration(
    log_ratios: Sequence[float],
    prior_center: float,
    min_units: int = MIN_UNITS,
    source_lengths: Sequence[int] | None = None,
) -> Calibration:
    """Centre and scale of a file's log(target/source length) ratios (threshold
    unused, 0). With ``source_lengths`` the scale is that of the deviations divided by
    :func:`short_factor`, as :func:`assess` uses them. Small files use
    ``prior_center`` (from the language pair) and a prior scale."""
    n = len(log_ratios)
    if n >= max(min_units, 3):
        center = float(statistics.median(log_ratios))
        if source_lengths is None:
            dev = [r - center for r in log_ratios]
        else:
            dev = [(r - center) / short_factor(k) for r, k in zip(log_ratios, source_lengths)]
        scale = MAD_TO_SIGMA * float(statistics.median([abs(d) for d in dev]))
        return Calibration(n, center, max(scale, MIN_LENGTH_SCALE), 0.0, True)
    return Calibration(n, prior_center, PRIOR_LENGTH_SCALE, 0.0, False)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why one unit is flagged: ``cause`` is ``misaligned``, ``omission``,
    ``addition`` or ``mistranslation``; ``neighbour`` is the position (in the compared
    sequence) of the unit whose source the target matches better, with that
    similarity; ``strong`` is true for clear cases (below the threshold, or
    misaligned), false when only the length evidence tipped the balance."""

    position: int
    similarity: float
    z: float
    length_z: float
    cause: str
    strong: bool
    neighbour: int | None = None
    neighbour_similarity: float | None = None


def assess(
    own: Sequence[float],
    prev: Sequence[float | None],
    nxt: Sequence[float | None],
    log_ratios: Sequence[float],
    sim_cal: Calibration,
    len_cal: Calibration,
    z: float = Z,
    margin: float = MARGIN,
    length_weight: float = LENGTH_WEIGHT,
    source_lengths: Sequence[int] | None = None,
    source_neighbours: tuple[Sequence[float | None], Sequence[float | None]] | None = None,
    min_chars: int = 0,
) -> list[Verdict]:
    """The flagged units, in order.

    ``own[i]``: similarity of unit i's target with its source; ``prev[i]``/``nxt[i]``:
    with the previous/next unit's source (None at the ends); ``log_ratios[i]``: log of
    target/source length; ``source_lengths[i]``: the source's characters (short
    sources get a wider length-ratio scale; sources under ``min_chars`` are never
    flagged: embeddings of a word or two are unreliable); ``source_neighbours``: the
    similarity of each source with the previous/next source; a neighbour whose source
    is a near-duplicate (>= :data:`NEIGHBOUR_SOURCE_MAX`) is no evidence of
    misalignment (sorted catalogs put "Checking objects" next to "Checking object
    directory").
    """
    out: list[Verdict] = []
    thr = sim_cal.threshold
    for i, s in enumerate(own):
        if source_lengths is not None and source_lengths[i] < min_chars:
            continue
        zs = sim_cal.zscore(s)
        lz = len_cal.zscore(log_ratios[i])
        if source_lengths is not None:
            lz /= short_factor(source_lengths[i])
        # misaligned: a neighbour's source fits clearly better, and fits like a translation
        best_j, best = None, None
        for side, j, v in ((0, i - 1, prev[i]), (1, i + 1, nxt[i])):
            if v is None or (best is not None and v <= best):
                continue
            if source_neighbours is not None:
                ss = source_neighbours[side][i]
                if ss is not None and ss >= NEIGHBOUR_SOURCE_MAX:
                    continue
            best_j, best = j, v
        if best is not None and best - s >= margin and best >= thr and zs < NEIGHBOUR_Z:
            out.append(Verdict(i, s, zs, lz, "misaligned", True, best_j, best))
            continue
        cause = "mistranslation"
        if lz <= -LENGTH_Z_MIN:
            cause = "omission"
        elif lz >= LENGTH_Z_MIN:
            cause = "addition"
        if s < thr:
            out.append(Verdict(i, s, zs, lz, cause, True))
        elif cause == "omission" and zs < 0 and zs - length_weight * abs(lz) < z:
            # a cut translation keeps a fair similarity: the length evidence tips it
            out.append(Verdict(i, s, zs, lz, cause, False))
    return out


def _num(context: CheckContext, key: str, default: float) -> float:
    value = context.option(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UsageError(f"checks.meaning.{key} must be a number, not {value!r}")
    if not math.isfinite(float(value)):
        raise UsageError(f"checks.meaning.{key} must be a finite number")
    return float(value)


def _pct(x: float) -> str:
    return f"{max(0.0, min(1.0, x)) * 100:.0f}/100"


class MeaningCheck(DocumentCheck):
    """The translation seems to say something else than the source: low cross-lingual
    similarity for this file, with the likely cause (misaligned rows, omission,
    addition) where the evidence shows one. Needs ``reviewer[meaning]``."""

    id = "meaning"
    name = "Meaning"
    category = "accuracy"
    severity = Severity.MAJOR
    default_enabled = False
    needs_source = True
    description = (
        "Source and target mean different things (sentence-embedding similarity, "
        "calibrated per file): misaligned rows, omissions, additions."
    )

    #: the statistics name the pair ("hi-en"), not only the target language
    pair_language = True

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why the model cannot judge this language pair (None: it can)."""
        return meaning_skip_reason(context.source_lang, context.target_lang)

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        from ..meaning import comparable, get_embedder, prepare, require, rowwise

        require()  # UsageError with the install command when the extra is missing
        if context.source_lang and context.target_lang and meaning_skip_reason(
                context.source_lang, context.target_lang) is not None:
            return  # a similarity the model was not trained for is noise, not evidence
        floor = _num(context, "floor", FLOOR)
        z = _num(context, "z", Z)
        min_units = int(_num(context, "min_units", MIN_UNITS))
        threshold = _num(context, "threshold", THRESHOLD)
        ceiling = _num(context, "ceiling", CEILING)
        min_chars = int(_num(context, "min_chars", MIN_CHARS))
        margin = _num(context, "margin", MARGIN)
        length_weight = _num(context, "length_weight", LENGTH_WEIGHT)
        cache: Any = context.option("cache", True)
        if not isinstance(cache, (bool, str)):
            raise UsageError(f"checks.meaning.cache must be true, false or a path, not {cache!r}")
        threads = int(_num(context, "threads", 1)) or None

        units = [s for s in segments if comparable(s)]
        if not units:
            return
        sources = [prepare(s.source) for s in units]
        targets = [prepare(s.target or "") for s in units]
        embedder = get_embedder(cache, threads=threads)
        vecs = embedder.embed(sources + targets)
        n = len(units)
        sv, tv = vecs[:n], vecs[n:]
        own = rowwise(sv, tv).tolist()
        prev: list[float | None] = [None] + rowwise(sv[:-1], tv[1:]).tolist()
        nxt: list[float | None] = rowwise(sv[1:], tv[:-1]).tolist() + [None]
        src_pairs = rowwise(sv[:-1], sv[1:]).tolist()
        src_prev: list[float | None] = [None] + src_pairs
        src_next: list[float | None] = src_pairs + [None]
        ratios = [math.log((len(t) + 1) / (len(s) + 1)) for s, t in zip(sources, targets)]
        sim_cal = calibrate(own, floor, z, min_units, threshold, ceiling=ceiling)
        prior = math.log(length_factor(context.target_lang) / length_factor(context.source_lang)) \
            if context.source_lang and context.target_lang else 0.0  # fmt: skip
        lengths = [len(s) for s in sources]
        len_cal = length_calibration(ratios, prior, min_units, lengths)
        usual = math.exp(len_cal.center)
        verdicts = assess(
            own, prev, nxt, ratios, sim_cal, len_cal, z, margin, length_weight, lengths,
            (src_prev, src_next), min_chars,
        )  # fmt: skip
        for v in verdicts:
            seg = units[v.position]
            yield seg, self._finding(seg, v, sim_cal, units, usual, ratios[v.position])

    def _finding(
        self,
        seg: Segment,
        v: Verdict,
        cal: Calibration,
        units: Sequence[Segment],
        usual_ratio: float,
        log_ratio: float,
    ) -> Finding:
        t = seg.target or ""
        sim = _pct(v.similarity)
        if v.strong:
            where = (
                f"low for this file (median {_pct(cal.center)})"
                if cal.calibrated
                else f"below the threshold of {_pct(cal.threshold)}"
            )
        else:
            where = (
                f"below this file's median of {_pct(cal.center)}"
                if cal.calibrated
                else f"below the usual {_pct(cal.center)}"
            )
        ratio = math.exp(log_ratio)
        if v.cause == "misaligned" and v.neighbour is not None:
            nid = units[v.neighbour].id
            msg = (
                f"The translation seems to belong to unit {nid}: it matches that unit's "
                f"source better ({_pct(v.neighbour_similarity or 0.0)}) than its own "
                f"(meaning similarity {sim}); rows misaligned?"
            )
        elif v.cause == "omission":
            msg = (
                f"The translation may leave part of the source out: it is much shorter "
                f"than usual ({ratio:.2f} of the source length, typically "
                f"{usual_ratio:.2f}) and its meaning similarity is {sim}, {where}."
            )
        elif v.cause == "addition":
            msg = (
                f"The translation may add something not in the source: it is much "
                f"longer than usual ({ratio:.2f} of the source length, typically "
                f"{usual_ratio:.2f}) and its meaning similarity is {sim}, {where}."
            )
        else:
            msg = (
                f"The translation may not say what the source says: meaning "
                f"similarity {sim}, {where}."
            )
        return self.flag(
            "target", 0, len(t), t, msg,
            score=round(max(0.0, min(1.0, v.similarity)) * 100, 1),
            severity=Severity.MAJOR if v.strong else Severity.MINOR,
        )  # fmt: skip


CHECKS = [MeaningCheck]

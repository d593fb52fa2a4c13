"""sacrebleu metrics with per-segment sufficient statistics computed once.

:class:`SegmentStats` keeps one row of statistics per segment for one metric and one
system. A corpus score for any subset is a sum of rows; changing one segment replaces
one row and updates the running total, so a live corpus score costs microseconds. The
figures equal sacrebleu's own (the same statistics, the same formulas), and every
score carries its sacrebleu signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

if TYPE_CHECKING:  # sacrebleu is imported when a metric is made (its import is slow)
    from sacrebleu.metrics import TER
    from sacrebleu.metrics.base import Metric, Score

METRICS = ("bleu", "chrf", "chrf++", "ter")
HIGHER_IS_BETTER = {"bleu": True, "chrf": True, "chrf++": True, "ter": False}
_CHUNK = 4096  # segments whose reference n-grams are held at once while building


@dataclass(frozen=True, slots=True)
class MetricOptions:
    """Settings shared by the metrics (sacrebleu's names and defaults)."""

    tokenize: str | None = None  # BLEU tokenizer: 13a (default), intl, zh, ja-mecab...
    lowercase: bool = False
    trg_lang: str = ""
    # TER is case-insensitive unless asked (sacrebleu's and TERCOM's default; the
    # sacrebleu CLI's --ter-case-sensitive). ``lowercase`` always makes it insensitive.
    ter_case_sensitive: bool = False


def make_metric(name: str, options: MetricOptions | None = None,
                sentence: bool = False) -> Metric:
    """A sacrebleu metric object: ``bleu`` (effective order when ``sentence``),
    ``chrf``, ``chrf++`` or ``ter``."""
    from sacrebleu.metrics import BLEU, CHRF

    o = options or MetricOptions()
    if name == "bleu":
        return BLEU(lowercase=o.lowercase, tokenize=o.tokenize, trg_lang=o.trg_lang,
                    effective_order=sentence)
    if name == "chrf":
        return CHRF(lowercase=o.lowercase)
    if name == "chrf++":
        return CHRF(word_order=2, lowercase=o.lowercase)
    if name == "ter":
        return _fast_ter_class()(case_sensitive=o.ter_case_sensitive and not o.lowercase)
    raise ValueError(f"unknown metric {name!r} (known: {', '.join(METRICS)})")


_FAST_TER: type[TER] | None = None


def _fast_ter_class() -> type[TER]:
    """sacrebleu's TER with its edit count from :mod:`reviewer.ter` (the same count,
    several times faster); the signature, tokenisation and formulas are sacrebleu's."""
    global _FAST_TER
    if _FAST_TER is None:
        from sacrebleu.metrics import TER

        from .ter import translation_edit_rate

        class FastTER(TER):
            """TER whose segment statistics use the faster, identical edit count."""

            def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[float]:
                # sacrebleu's own loop (best edits over references, mean length).
                ref_words = ref_kwargs["ref_words"]
                words_hyp = hypothesis.split()
                best, total = int(1e16), 0
                for words_ref in ref_words:
                    edits, ref_len = translation_edit_rate(words_hyp, words_ref)
                    total += ref_len
                    best = min(best, edits)
                return [best, total / len(ref_words)]

        _FAST_TER = FastTER
    return _FAST_TER


def transpose_refs(refs: Sequence[Sequence[str]]) -> list[list[str]]:
    """sacrebleu wants references as streams (one list per reference set)."""
    return [list(r) for r in refs]


class SegmentStats:
    """Per-segment statistics of one metric over one system's hypotheses.

    ``refs`` is a list of reference streams (each as long as ``hyps``).
    """

    def __init__(self, metric: str, hyps: Sequence[str], refs: Sequence[Sequence[str]],
                 options: MetricOptions | None = None, rows: np.ndarray | None = None,
                 total: np.ndarray | None = None) -> None:
        if any(len(r) != len(hyps) for r in refs):
            raise ValueError("every reference stream must be as long as the hypotheses")
        self.name = metric
        self.options = options or MetricOptions()
        self.metric = make_metric(metric, self.options)
        self._sentence_metric = make_metric(metric, self.options, sentence=True)
        self.refs = transpose_refs(refs)
        self.hyps = list(hyps)
        if rows is not None or total is not None:
            # Statistics computed elsewhere (corpus_scores, the distributed engine's
            # workers); with ``total`` alone the rows are not kept, and only corpus
            # scores of all segments and signatures are available.
            if rows is not None and len(rows) != len(self.hyps):
                raise ValueError("one row of statistics per hypothesis")
            if self.hyps:  # the state _cache_references leaves, as below
                self.metric._cache_references([r[:1] for r in self.refs])
            self._set_num_refs()
            self.rows: np.ndarray | None = (None if rows is None
                                            else np.asarray(rows, dtype=np.float64))
            self.total: np.ndarray = self.kept_rows().sum(axis=0) if total is None else total
            return
        # References' n-grams are extracted a chunk at a time and not kept (for chrF
        # they weigh ~30 KB a segment: GBs at 100k segments); update() re-extracts the
        # one segment's, which costs about as much as its hypothesis.
        computed: list[list[float]] = []
        for a in range(0, len(self.hyps), _CHUNK):
            cache = self.metric._cache_references([r[a:a + _CHUNK] for r in self.refs])
            computed.extend(self._stats(h, info)
                            for h, info in zip(self.hyps[a:a + _CHUNK], cache))
        self._set_num_refs()
        width = len(computed[0]) if computed else 0
        kept = np.array(computed, dtype=np.float64).reshape(len(computed), width)
        self.rows = kept
        self.total = kept.sum(axis=0)

    def kept_rows(self) -> np.ndarray:
        """The per-segment rows (refused for statistics built from a total alone)."""
        if self.rows is None:
            raise ValueError("no per-segment statistics (built from a corpus total alone)")
        return self.rows

    def _set_num_refs(self) -> None:
        """The signature's nrefs over the whole corpus, as _cache_references decides it."""
        counts = {sum(r[i] is not None for r in self.refs) for i in range(len(self.hyps))}
        self.metric.num_refs = next(iter(counts)) if len(counts) == 1 else -1

    def _stats(self, hyp: str, ref_info: Any) -> list[float]:
        prepared = self.metric._preprocess_segment(hyp)
        return self.metric._compute_segment_statistics(prepared, ref_info)

    def _row(self, hyp: str, i: int) -> list[float]:
        num_refs = self.metric.num_refs
        info = self.metric._cache_references([[r[i]] for r in self.refs])[0]
        self.metric.num_refs = num_refs  # one segment must not change the signature
        return self._stats(hyp, info)

    def pair(self, hyp: str, ref: str) -> np.ndarray:
        """The statistics of one (hypothesis, reference) pair outside the corpus (a live
        figure's segment); the corpus and its signature are left as they are."""
        num_refs = self.metric.num_refs
        info = self.metric._cache_references([[ref]])[0]
        self.metric.num_refs = num_refs
        return np.asarray(self._stats(hyp, info), dtype=np.float64)

    def score_of(self, stats: np.ndarray) -> float:
        """The corpus score of a statistics total (a sum of rows or of :meth:`pair`)."""
        return float(self.metric._compute_score_from_stats(_as_stats(stats)).score)

    def __len__(self) -> int:
        return len(self.hyps)

    @property
    def signature(self) -> str:
        """sacrebleu's signature of the corpus metric (nrefs, tokenizer, version...)."""
        return str(self.metric.get_signature())

    def corpus(self, indices: Iterable[int] | None = None) -> Score:
        """The corpus score (a sacrebleu Score) of all segments or of a subset."""
        if indices is None:
            stats = self.total
        else:
            idx = np.fromiter(indices, dtype=np.int64)
            stats = self.kept_rows()[idx].sum(axis=0) if len(idx) else np.zeros_like(self.total)
        return self.metric._compute_score_from_stats(_as_stats(stats))

    def segment(self, i: int) -> float:
        """Sentence-level score of segment ``i`` (BLEU with effective order)."""
        return float(self._sentence_metric._compute_score_from_stats(_as_stats(self.kept_rows()[i])).score)

    def segments(self) -> list[float]:
        """Sentence-level scores of every segment."""
        return [self.segment(i) for i in range(len(self.hyps))]

    def update(self, i: int, hyp: str) -> None:
        """Replace segment ``i``'s hypothesis; the corpus total is adjusted in place."""
        new = np.asarray(self._row(hyp, i), dtype=np.float64)
        rows = self.kept_rows()
        self.total += new - rows[i]
        rows[i] = new
        self.hyps[i] = hyp

    def bootstrap_ci(self, n_samples: int = 1000, seed: int = 12345) -> tuple[float, float, float]:
        """Bootstrap resampling as sacrebleu does (``--confidence``): ``(mean, low,
        high)`` with ``mean ± ci``, from the kept statistics. The same resamples
        (``default_rng(seed)``, 12345 as sacrebleu's default ``SACREBLEU_SEED``) and the
        same estimate: the mean of the resampled scores and, as ``ci``, half the
        distance between the sorted scores ``n // 40`` from either end."""
        rng = np.random.default_rng(seed)
        rows = self.kept_rows()
        n = len(rows)
        if n == 0:
            return 0.0, 0.0, 0.0
        idxs = rng.choice(n, size=(n_samples, n), replace=True)
        scores = sorted(
            float(self.metric._compute_score_from_stats(_as_stats(rows[ix].sum(axis=0))).score)
            for ix in idxs
        )
        mean = float(np.mean(scores))
        lower_idx = len(scores) // 40
        ci = 0.5 * (scores[len(scores) - lower_idx - 1] - scores[lower_idx])
        return mean, mean - ci, mean + ci


def _as_stats(row: np.ndarray) -> list[Any]:
    """Statistics as sacrebleu's formulas expect them (ints where they count)."""
    return [int(x) if float(x).is_integer() else float(x) for x in row]


def corpus_scores(hyps: Sequence[str], refs: Sequence[Sequence[str]],
                  metrics: Sequence[str] = METRICS,
                  options: MetricOptions | None = None) -> dict[str, SegmentStats]:
    """Statistics for each metric over one system.

    With a single reference, chrF's statistics are the character columns of chrF++'s
    (sacrebleu computes the same character n-grams for both and picks no best
    reference), so when both are asked for they are computed once."""
    share = ("chrf" in metrics and "chrf++" in metrics and len(refs) == 1
             and all(r is not None for r in refs[0]))
    out = {m: SegmentStats(m, hyps, refs, options) for m in metrics if not (share and m == "chrf")}
    if share:
        from sacrebleu.metrics import CHRF

        plus = out["chrf++"]
        assert isinstance(plus.metric, CHRF)
        width = 3 * plus.metric.char_order
        out["chrf"] = SegmentStats("chrf", hyps, refs, options, rows=plus.kept_rows()[:, :width].copy())
    return {m: out[m] for m in metrics}


# ----------------------------------------------------------------- post-edit effort

@dataclass(frozen=True, slots=True)
class EditEffort:
    """Post-edit effort of a corrected translation against the original: HTER (TER of
    the original with the correction as reference), chrF between them, and word edits."""

    hter: float
    chrf: float
    edited: int
    segments: int
    inserted: int
    deleted: int
    substituted: int

    def to_dict(self) -> dict[str, float | int]:
        """As a plain mapping."""
        return {
            "hter": round(self.hter, 4), "chrf": round(self.chrf, 4),
            "edited_segments": self.edited, "segments": self.segments,
            "words_inserted": self.inserted, "words_deleted": self.deleted,
            "words_substituted": self.substituted,
        }


def word_edits(before: str, after: str) -> tuple[int, int, int]:
    """Words ``(inserted, deleted, substituted)`` between two texts (Levenshtein
    alignment on whitespace tokens)."""
    from rapidfuzz.distance import Levenshtein

    a, b = before.split(), after.split()
    ins = dele = sub = 0
    for op in Levenshtein.editops(a, b):
        if op.tag == "insert":
            ins += 1
        elif op.tag == "delete":
            dele += 1
        else:
            sub += 1
    return ins, dele, sub


def edit_effort(originals: Sequence[str], corrected: Sequence[str]) -> EditEffort:
    """Post-edit effort over aligned originals and corrections."""
    if len(originals) != len(corrected):
        raise ValueError("originals and corrections differ in length")
    ins = dele = sub = edited = 0
    for a, b in zip(originals, corrected):
        if a != b:
            edited += 1
            i, d, s = word_edits(a, b)
            ins, dele, sub = ins + i, dele + d, sub + s
    if not originals:
        return EditEffort(0.0, 100.0, 0, 0, 0, 0, 0)
    # A correction of case alone is an edit here: case-sensitive TER.
    ter = SegmentStats("ter", originals, [corrected],
                       MetricOptions(ter_case_sensitive=True)).corpus().score
    chrf = SegmentStats("chrf", originals, [corrected]).corpus().score
    return EditEffort(float(ter), float(chrf), edited, len(originals), ins, dele, sub)

"""Live review figures: chrF and HTER of the current targets against the originals,
and the MQM score of the annotations. No Textual here.

Both metrics are sums of per-segment sacrebleu statistics, computed and scored by
:class:`reviewer.metrics.SegmentStats` (which alone calls sacrebleu's internals). A segment whose target is still the original
has closed-form statistics (chrF: every character n-gram matches; TER: no edit, the
reference's word count), so the baseline over a million segments costs one pass of
``len``; only corrected segments go through sacrebleu, one segment a save. The figures
equal sacrebleu's ``corpus_score`` over (current, original) pairs: tests check it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:
    import numpy as np
else:  # imported by the first array operation, after the first frame
    from .lazy import np

from ..mqm import PROFILES, Profile

if TYPE_CHECKING:
    from ..metrics import SegmentStats

CHAR_ORDER = 6


def identical_chrf(text: str) -> list[int]:
    """chrF statistics of a text scored against itself (``[hyp, ref, match]`` a
    character order, whitespace removed as sacrebleu does)."""
    n_chars = len("".join(text.split()))
    out: list[int] = []
    for n in range(1, CHAR_ORDER + 1):
        c = max(0, n_chars - n + 1)
        out += [c, c, c]
    return out


class EditMetrics:
    """chrF and HTER (TER of the current target against the original, case-sensitive)
    over a document, updated one segment at a time in O(1)."""

    def __init__(self) -> None:
        self._metrics: tuple[SegmentStats, SegmentStats] | None = None  # made when first used
        self._chrf_total: Any = None  # numpy arrays, made when first used (not before
        self._ter_total: Any = None  # the first frame)
        self._rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._base: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.ready = False

    @property
    def chrf(self) -> SegmentStats:
        """chrF statistics (sacrebleu imported on first use: not before the first frame)."""
        return self._stats()[0]

    @property
    def ter(self) -> SegmentStats:
        """TER statistics, case-sensitive."""
        return self._stats()[1]

    def _stats(self) -> tuple[SegmentStats, SegmentStats]:
        if self._metrics is None:
            from ..metrics import MetricOptions, SegmentStats

            self._metrics = (SegmentStats("chrf", [], [[]]),
                             SegmentStats("ter", [], [[]], MetricOptions(ter_case_sensitive=True)))
        return self._metrics

    def _baseline(self, original: str) -> tuple[np.ndarray, np.ndarray]:
        return (np.asarray(identical_chrf(original), dtype=np.float64),
                np.asarray([0, len(original.split())], dtype=np.float64))

    def _pair(self, current: str, original: str) -> tuple[np.ndarray, np.ndarray]:
        return self.chrf.pair(current, original), self.ter.pair(current, original)

    def build(self, originals: Iterable[str], changed: Iterable[tuple[int, str, str]]) -> None:
        """Start from every original target (statistics of identical pairs), then apply
        the ``(position, current, original)`` triples of the segments already changed."""
        chars = np.zeros(CHAR_ORDER)
        words = 0
        for text in originals:
            n_chars = len("".join(text.split()))
            for n in range(CHAR_ORDER):
                if n_chars > n:
                    chars[n] += n_chars - n
            words += len(text.split())
        self._chrf_total = np.repeat(chars, 3).astype(np.float64)
        self._ter_total = np.asarray([0.0, float(words)])
        for i, cur, orig in changed:
            self.update(i, cur, orig)
        self._pair("warm up the metrics", "warm the metrics up")  # first-call costs, here
        self.ready = True

    def update(self, i: int, current: str, original: str) -> None:
        """Segment ``i`` now reads ``current`` (``original`` is the input's target)."""
        self._totals()
        old = self._rows.get(i)
        if old is None:
            old = self._baseline(original)
        new = self._baseline(original) if current == original else self._pair(current, original)
        self._chrf_total += new[0] - old[0]
        self._ter_total += new[1] - old[1]
        if current == original:
            self._rows.pop(i, None)
        else:
            self._rows[i] = new

    def _totals(self) -> tuple[Any, Any]:
        if self._chrf_total is None:
            self._chrf_total = np.zeros(3 * CHAR_ORDER)
            self._ter_total = np.zeros(2)
        return self._chrf_total, self._ter_total

    def chrf_score(self) -> float:
        """Corpus chrF (0-100) of the current targets against the originals."""
        return self.chrf.score_of(self._totals()[0])

    def hter(self) -> float:
        """Corpus TER (0-100) of the current targets against the originals."""
        return self.ter.score_of(self._totals()[1])


class MqmTally:
    """The MQM score of the annotations made so far: penalty total over the target word
    count, with a profile's weights (``mqm`` unless configured)."""

    def __init__(self, profile: Profile | None = None) -> None:
        self.profile = profile or PROFILES["mqm"]
        self.words = 0
        self.segments = 0  # units rated (every unit of the file)
        self._penalty: dict[int, float] = {}
        self._errors: dict[int, int] = {}
        self.total = 0.0

    def weigh(self, annotations: Sequence[Any]) -> float:
        """The summed weight of a segment's annotations (unknown severities weigh 0)."""
        total = 0.0
        for a in annotations:
            try:
                total += self.profile.weight(a.category, a.severity)
            except ValueError:
                pass
        return total

    def set_segment(self, i: int, annotations: Sequence[Any]) -> None:
        """Replace segment ``i``'s annotations."""
        w = self.weigh(annotations)
        self.total += w - self._penalty.get(i, 0.0)
        if annotations:
            self._penalty[i] = w
            self._errors[i] = len(annotations)
        else:
            self._penalty.pop(i, None)
            self._errors.pop(i, None)

    @property
    def errors(self) -> int:
        """Annotations counted."""
        return sum(self._errors.values())

    def score(self) -> float:
        """``100 * (1 - penalty / words)`` (the MQM raw quality) for per-word profiles,
        otherwise minus the penalty averaged over the ``segments`` (Google's system
        score): the definition ``report`` and ``mqm score`` use."""
        if not self.profile.per_word:
            return -self.total / self.segments if self.segments else -self.total
        if not self.words:
            return 100.0
        return 100.0 * (1.0 - self.total / self.words)

"""reviewer.ter gives sacrebleu's TER edit counts exactly (it is only faster)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER, lib_ter

from reviewer.metrics import MetricOptions, SegmentStats, make_metric
from reviewer.ter import translation_edit_rate

WMT = Path(__file__).resolve().parents[2] / "shared" / "data" / "wmt25-terminology-ende"


def _same(hyp: list[str], ref: list[str]) -> None:
    assert translation_edit_rate(hyp, ref) == lib_ter.translation_edit_rate(hyp, ref), (hyp, ref)


def _scrambled(rng: random.Random, ref: list[str], vocab: int) -> list[str]:
    """A copy of ``ref`` with blocks moved, words changed and words inserted: the
    hypotheses TER's shifts exist for."""
    hyp = list(ref)
    for _ in range(rng.randrange(1, 6)):
        if len(hyp) > 3:
            a, n = rng.randrange(len(hyp)), rng.randrange(1, 8)
            block = hyp[a:a + n]
            del hyp[a:a + n]
            b = rng.randrange(len(hyp) + 1)
            hyp[b:b] = block
        if hyp and rng.random() < 0.5:
            hyp[rng.randrange(len(hyp))] = f"w{rng.randrange(vocab + 5)}"
        if rng.random() < 0.3:
            hyp.insert(rng.randrange(len(hyp) + 1), "extra")
    return hyp


words = st.lists(st.sampled_from(["a", "b", "c", "d", "the", "cat"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_random_word_lists(hyp: list[str], ref: list[str]) -> None:
    _same(hyp, ref)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(1, 45), st.sampled_from([2, 4, 12, 40]))
def test_shifted_copies(seed: int, n: int, vocab: int) -> None:
    rng = random.Random(seed)
    ref = [f"w{rng.randrange(vocab)}" for _ in range(n)]
    _same(_scrambled(rng, ref, vocab), ref)


@pytest.mark.parametrize(("n_hyp", "n_ref"), [
    (0, 0), (0, 7), (7, 0), (1, 1), (60, 60), (70, 64), (40, 120), (120, 40),
    (3, 90), (90, 3), (200, 180),
])
def test_lengths_that_bend_the_beam(n_hyp: int, n_ref: int) -> None:
    # Past 25 words the beam leaves cells out; very unequal lengths widen it.
    rng = random.Random(n_hyp * 1000 + n_ref)
    for vocab in (3, 30):
        ref = [f"w{rng.randrange(vocab)}" for _ in range(n_ref)]
        hyp = _scrambled(rng, ref, vocab)[:n_hyp] if n_hyp <= n_ref else (
            _scrambled(rng, ref, vocab) + [f"w{rng.randrange(vocab)}" for _ in range(n_hyp)])[:n_hyp]
        _same(hyp, ref)


def test_candidate_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two words over 70 positions: sacrebleu stops after 1,000 shift candidates.
    import reviewer.ter as ter

    seen: list[int] = []
    shift = ter._shift

    def counting(*args):  # type: ignore[no-untyped-def]
        out = shift(*args)
        seen.append(out[2])
        return out

    monkeypatch.setattr(ter, "_shift", counting)
    rng = random.Random(5)
    ref = [rng.choice("ab") for _ in range(70)]
    hyp = [rng.choice("ab") for _ in range(70)]
    _same(hyp, ref)
    assert max(seen) >= 1000


def test_known_values() -> None:
    # One block shift and nothing else: one edit.
    assert translation_edit_rate("c d a b".split(), "a b c d".split()) == (1, 4)
    assert translation_edit_rate([], "a b".split()) == (2, 2)
    assert translation_edit_rate("a b".split(), []) == (2, 0)
    assert translation_edit_rate("a b c".split(), "a b c".split()) == (0, 3)


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_corpus_score_and_signature_match_sacrebleu(case_sensitive: bool) -> None:
    rng = random.Random(11)
    vocab = ["Die", "die", "Katze", "sitzt", "auf", "der", "Matte", ".", "heute", "nicht"]
    refs_a, refs_b, hyps = [], [], []
    for _ in range(60):
        ref = [rng.choice(vocab) for _ in range(rng.randrange(0, 20))]
        refs_a.append(" ".join(ref))
        refs_b.append(" ".join(_scrambled(rng, ref, 10)))
        hyps.append(" ".join(_scrambled(rng, ref, 10)))
    ours = SegmentStats("ter", hyps, [refs_a, refs_b], MetricOptions(ter_case_sensitive=case_sensitive))
    metric = TER(case_sensitive=case_sensitive)
    theirs = metric.corpus_score(hyps, [refs_a, refs_b])
    assert ours.corpus().score == theirs.score
    assert ours.corpus().num_edits == theirs.num_edits
    assert ours.signature == str(metric.get_signature())
    assert isinstance(make_metric("ter"), TER)


@pytest.mark.skipif(not WMT.exists(), reason="no ../shared/data (WMT25 terminology)")
def test_real_translations_match_sacrebleu() -> None:
    # Real German MT outputs against their references: every 7th segment of three
    # systems (about 210 pairs).
    refs = [json.loads(x)["de"] for x in (WMT / "full_data.ende.jsonl").read_text("utf-8").splitlines()]
    ter = TER()
    checked = 0
    for sub in sorted((WMT / "submissions").glob("*.jsonl"))[:3]:
        for i, line in enumerate(sub.read_text("utf-8").splitlines()[: len(refs)]):
            if i % 7:
                continue
            hyp = ter._preprocess_segment(json.loads(line).get("de") or "").split()
            ref = ter._preprocess_segment(refs[i]).split()
            _same(hyp, ref)
            checked += 1
    assert checked > 150

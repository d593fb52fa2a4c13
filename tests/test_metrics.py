"""Metrics equal sacrebleu's (library and CLI), subsets and updates aggregate
exactly, and post-edit effort counts edits."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sacrebleu

from reviewer.metrics import SegmentStats, edit_effort, word_edits

# sacrebleu's README example
HYPS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]
REFS = [
    ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
    ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
]


def test_documented_example_values() -> None:
    # The values sacrebleu's README prints for this example.
    assert SegmentStats("bleu", HYPS, REFS).corpus().score == pytest.approx(48.530827, abs=1e-5)
    assert SegmentStats("chrf", HYPS, REFS).corpus().score == pytest.approx(59.727518, abs=1e-5)
    assert SegmentStats("ter", HYPS, REFS).corpus().score == pytest.approx(40.0)


@pytest.mark.parametrize("metric, fn", [
    ("bleu", lambda h, r: sacrebleu.corpus_bleu(h, r)),
    ("chrf", lambda h, r: sacrebleu.corpus_chrf(h, r)),
    ("chrf++", lambda h, r: sacrebleu.corpus_chrf(h, r, word_order=2)),
    ("ter", lambda h, r: sacrebleu.corpus_ter(h, r)),
])
def test_corpus_equals_sacrebleu(metric: str, fn) -> None:
    assert SegmentStats(metric, HYPS, REFS).corpus().score == pytest.approx(fn(HYPS, REFS).score, abs=1e-9)


def test_sentence_bleu_uses_effective_order() -> None:
    s = SegmentStats("bleu", HYPS, REFS)
    for i, h in enumerate(HYPS):
        expected = sacrebleu.sentence_bleu(h, [r[i] for r in REFS]).score
        assert s.segment(i) == pytest.approx(expected, abs=1e-9)


def test_subset_and_update_equal_fresh_scores() -> None:
    s = SegmentStats("chrf", HYPS, REFS)
    sub = sacrebleu.corpus_chrf([HYPS[0], HYPS[2]], [[r[0], r[2]] for r in REFS]).score
    assert s.corpus([0, 2]).score == pytest.approx(sub, abs=1e-9)
    s.update(1, "No one was surprised.")
    new = [HYPS[0], "No one was surprised.", HYPS[2]]
    assert s.corpus().score == pytest.approx(sacrebleu.corpus_chrf(new, REFS).score, abs=1e-9)
    b = SegmentStats("bleu", HYPS, REFS)
    b.update(2, "The man bit him first.")
    assert b.corpus().score == pytest.approx(
        sacrebleu.corpus_bleu([HYPS[0], HYPS[1], "The man bit him first."], REFS).score, abs=1e-9)


def test_signature_names_refs_and_tokenizer() -> None:
    sig = SegmentStats("bleu", HYPS, REFS).signature
    assert "nrefs:2" in sig and "tok:13a" in sig and f"version:{sacrebleu.__version__}" in sig


@pytest.mark.skipif(shutil.which("sacrebleu") is None, reason="sacrebleu CLI not on PATH")
def test_score_command_equals_sacrebleu_cli(tmp_path: Path) -> None:
    hyp, r1, r2 = tmp_path / "hyp.txt", tmp_path / "r1.txt", tmp_path / "r2.txt"
    hyp.write_text("\n".join(HYPS) + "\n", encoding="utf-8")
    r1.write_text("\n".join(REFS[0]) + "\n", encoding="utf-8")
    r2.write_text("\n".join(REFS[1]) + "\n", encoding="utf-8")
    ours = subprocess.run([sys.executable, "-m", "reviewer.cli", "score", str(hyp), "-r", str(r1),
                           "-r", str(r2), "--format", "json"], capture_output=True, text=True, check=True)
    mine = json.loads(ours.stdout)["systems"][0]["scores"]
    theirs = subprocess.run(["sacrebleu", str(r1), str(r2), "-i", str(hyp), "-m", "bleu", "chrf",
                             "ter", "-b", "-w", "4", "-f", "text"], capture_output=True, text=True, check=True)
    bleu, chrf, ter = (float(x) for x in theirs.stdout.split())
    assert mine["bleu"] == pytest.approx(bleu, abs=0.01)
    assert mine["chrf"] == pytest.approx(chrf, abs=0.01)
    assert mine["ter"] == pytest.approx(ter, abs=0.01)


def test_word_edits_and_effort() -> None:
    assert word_edits("a b c", "a x c d") == (1, 0, 1)
    e = edit_effort(["the cat sat", "same"], ["the cat sat down", "same"])
    assert (e.edited, e.segments, e.inserted, e.deleted, e.substituted) == (1, 2, 1, 0, 0)
    assert e.hter == pytest.approx(sacrebleu.corpus_ter(["the cat sat", "same"],
                                                        [["the cat sat down", "same"]]).score)


@pytest.mark.parametrize("lowercase", [False, True])
def test_chrf_shares_chrfpp_statistics_only_with_one_reference(lowercase: bool) -> None:
    from reviewer.metrics import MetricOptions, corpus_scores

    opts = MetricOptions(lowercase=lowercase)
    one = corpus_scores(HYPS, REFS[:1], ["chrf", "chrf++", "ter"], opts)
    assert list(one) == ["chrf", "chrf++", "ter"]
    alone = SegmentStats("chrf", HYPS, REFS[:1], opts)
    assert (one["chrf"].rows == alone.rows).all()
    assert one["chrf"].corpus().score == sacrebleu.corpus_chrf(HYPS, REFS[:1]).score or lowercase
    assert one["chrf"].signature == alone.signature
    one["chrf"].update(1, "No one was surprised.")  # still a full SegmentStats
    alone.update(1, "No one was surprised.")
    assert one["chrf"].corpus().score == alone.corpus().score
    # Two references: chrF and chrF++ may pick different best references per segment.
    two = corpus_scores(HYPS, REFS, ["chrf", "chrf++"])
    assert two["chrf"].corpus().score == pytest.approx(sacrebleu.corpus_chrf(HYPS, REFS).score, abs=1e-9)

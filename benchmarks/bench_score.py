#!/usr/bin/env python3
"""Benchmark live corpus scores: a full rescore versus updating one segment.

Corpus (default 100,000 segment pairs), built from real text:

* ``../shared/data/wmt25-terminology-ende`` when present: pair ``k`` takes system
  ``k mod 52`` (the 52 submission outputs, sorted by file name) on line
  ``(k // 52) mod 500`` with the reference of that line (alignment checked by the
  ``en`` key). The 26,000 real pairs are repeated with variation: round ``r >= 1``
  joins line ``i`` and line ``i + r`` into one two-sentence segment, on both sides, so
  every round brings new hypothesis and reference strings.
* else Debian's PO catalogs (``msgunfmt`` of ``/usr/share/locale``, see ``common.py``):
  every msgstr is a reference and a deterministic word-level perturbation of it (one
  word dropped, two adjacent words swapped) the hypothesis; repeated with the same
  joining when there are too few.

Measured in one process:

(a) full rescore (first, so peak RSS can be told apart): building :class:`reviewer.metrics.SegmentStats` for BLEU and for
    chrF over every pair and taking their corpus scores (what a rescore from scratch
    costs);
(b) update: ``SegmentStats.update(i, new_hyp)`` then ``corpus()`` for BLEU and chrF,
    for ``--updates`` random segments (the new hypothesis is another system's output
    for the same line, or another perturbation); median, p99 and max;
(c) the peer: ``sacrebleu.corpus_bleu`` + ``sacrebleu.corpus_chrf`` over the same data.

sacrebleu memoises tokenizations (``functools.lru_cache``, 65,536 strings per
tokenizer); every cache is cleared before each timed run and before each update, so
everything is timed cold. After the updates, the running corpus scores are checked
against sacrebleu on the updated hypotheses.

Targets (issue 4): the update is at least 1,000x faster than a full rescore and takes
under 10 ms, judged on the median update (wall time); the p99 is reported too, with
the CPU time of each update beside it, since on a loaded machine the wall-time tail is
the scheduler's, not the update's.

Usage::

    python benchmarks/bench_score.py                   # 100,000 pairs, 1,000 updates
    python benchmarks/bench_score.py --pairs 10000 --updates 200   # quick run
    python benchmarks/bench_score.py --json
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

WMT_DIR = REPO.parent / "shared" / "data" / "wmt25-terminology-ende"
TARGET_RATIO = 1000.0
TARGET_UPDATE_MS = 10.0


class NoData(Exception):
    """Neither the WMT data nor the PO catalogs are available."""


@dataclass
class Corpus:
    """Aligned hypotheses and references, and how to make a new hypothesis for a
    segment (the simulated edit)."""

    source: str
    hyps: list[str]
    refs: list[str]
    alternative: Callable[[int, random.Random], str]


# ------------------------------------------------------------------------- corpus


def _joined(lines: Sequence[str], i: int, r: int) -> str:
    """Line ``i`` alone (round 0), or lines ``i`` and ``i + r`` as one segment."""
    if r == 0:
        return lines[i]
    return lines[i] + " " + lines[(i + r) % len(lines)]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wmt_corpus(n: int, data: Path = WMT_DIR) -> Corpus:
    """``n`` pairs from the WMT25 terminology submissions and their reference."""
    full = data / "full_data.ende.jsonl"
    subs = sorted((data / "submissions").glob("*.jsonl"))
    if not full.is_file() or not subs:
        raise NoData(f"{data} not found")
    ref_rows = _read_jsonl(full)
    ref_lines = [str(r["de"]) for r in ref_rows]
    systems: list[list[str]] = []
    for p in subs:
        rows = _read_jsonl(p)
        if len(rows) != len(ref_rows) or any(a.get("en") != b["en"] for a, b in zip(rows, ref_rows)):
            raise NoData(f"{p.name} is not aligned with {full.name} (by the 'en' key)")
        systems.append([str(r.get("de") or "") for r in rows])
    n_sys, n_lines = len(systems), len(ref_lines)
    hyps: list[str] = []
    refs: list[str] = []
    for k in range(n):
        s, i, r = k % n_sys, (k // n_sys) % n_lines, k // (n_sys * n_lines)
        hyps.append(_joined(systems[s], i, r))
        refs.append(_joined(ref_lines, i, r))

    def alternative(k: int, rng: random.Random) -> str:
        s, i, r = k % n_sys, (k // n_sys) % n_lines, k // (n_sys * n_lines)
        other = (s + rng.randrange(1, n_sys)) % n_sys
        return _joined(systems[other], i, r)

    return Corpus(f"wmt25-terminology-ende: {n_sys} systems x {n_lines} lines, "
                  "repeated by joining line i and i+r", hyps, refs, alternative)


def _perturb(text: str, rng: random.Random) -> str:
    """A plausible imperfect translation: one word dropped, two adjacent swapped."""
    words = text.split()
    if len(words) > 2:
        del words[rng.randrange(len(words))]
    if len(words) > 2:
        j = rng.randrange(len(words) - 1)
        words[j], words[j + 1] = words[j + 1], words[j]
    return " ".join(words)


def po_corpus(n: int) -> Corpus:
    """``n`` pairs from Debian PO catalogs: msgstr as reference, perturbed as hypothesis."""
    from common import BenchError, build_corpus

    from reviewer.formats import open_document

    try:
        corpus = build_corpus(min(n, 50_000))
    except BenchError as e:
        raise NoData(str(e)) from None
    lines: list[str] = []
    for f in corpus.files:
        for seg in open_document(f):
            t = (seg.target or "").replace("\n", " ").strip()
            if t:
                lines.append(t)
    if not lines:
        raise NoData("no msgstr in the PO catalogs")
    rng = random.Random(7)
    base_hyps = [_perturb(t, rng) for t in lines]
    m = len(lines)
    hyps = [_joined(base_hyps, k % m, k // m) for k in range(n)]
    refs = [_joined(lines, k % m, k // m) for k in range(n)]

    def alternative(k: int, rng: random.Random) -> str:
        i, r = k % m, k // m
        new = _perturb(lines[i], rng)
        return new if r == 0 else new + " " + base_hyps[(i + r) % m]

    return Corpus(f"Debian PO catalogs: {m} msgstr (perturbed as hypotheses)", hyps, refs,
                  alternative)


# ---------------------------------------------------------------------- measuring


_CACHES: list[Any] = []


def clear_sacrebleu_caches() -> int:
    """Empty every ``lru_cache`` of sacrebleu's tokenizers; returns how many."""
    if not _CACHES:
        import importlib
        import pkgutil

        import sacrebleu.tokenizers as pkg

        for info in pkgutil.iter_modules(pkg.__path__):
            try:
                mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
            except Exception:  # optional tokenizers (mecab, spm) may not import
                continue
            for obj in vars(mod).values():
                if isinstance(obj, type) and obj.__module__ == mod.__name__:
                    _CACHES.extend(a for a in vars(obj).values() if hasattr(a, "cache_clear"))
    for fn in _CACHES:
        fn.cache_clear()
    return len(_CACHES)


CPU: dict[str, float] = {}  # CPU seconds of each timed() run, by label


def timed(label: str, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Wall seconds taken by ``fn()`` (cold caches, garbage collected first), and its
    value; its CPU seconds go to :data:`CPU` under ``label``."""
    clear_sacrebleu_caches()
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    value = fn()
    wall = time.perf_counter() - t0
    CPU[label] = time.process_time() - c0
    return wall, value


def percentile(xs: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (linear interpolation, as numpy's default)."""
    import numpy as np

    return float(np.percentile(np.asarray(xs), q))


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (MiB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(pairs: int, updates: int, seed: int, data: Path, log: Callable[[str], None]) -> dict[str, Any]:
    """Build the corpus, measure (a), (b), (c), verify; the results as a mapping."""
    import logging

    import sacrebleu

    from reviewer.metrics import SegmentStats

    # sacrebleu warns about "tokenized periods" in real text; not this run's business
    logging.getLogger("sacrebleu").setLevel(logging.ERROR)
    try:
        corpus = wmt_corpus(pairs, data)
    except NoData as e:
        log(f"WMT data unavailable ({e}); falling back to Debian PO catalogs")
        corpus = po_corpus(pairs)
    hyps, refs = corpus.hyps, corpus.refs
    log(f"corpus: {len(hyps)} pairs from {corpus.source}; "
        f"{len(set(hyps))} distinct hypotheses, {len(set(refs))} distinct references")

    rss_before = peak_rss_mib()
    # (a) full rescore through SegmentStats.
    log("SegmentStats bleu + chrf from scratch (cold) ...")
    t_bleu, bleu = timed("bleu_stats", lambda: SegmentStats("bleu", hyps, [refs]))
    t_bleu_c, bleu_score = timed("bleu_corpus", lambda: bleu.corpus())
    t_chrf, chrf = timed("chrf_stats", lambda: SegmentStats("chrf", hyps, [refs]))
    t_chrf_c, chrf_score = timed("chrf_corpus", lambda: chrf.corpus())
    full = t_bleu + t_bleu_c + t_chrf + t_chrf_c
    full_cpu = sum(CPU[k] for k in ("bleu_stats", "bleu_corpus", "chrf_stats", "chrf_corpus"))
    rss_ours = peak_rss_mib()  # the high-water mark so far: the corpus and our statistics

    # (c) the peer, on cold caches too (its memory comes after ours in peak_rss_mib).
    log("sacrebleu corpus_bleu + corpus_chrf (cold) ...")
    t_peer_bleu, peer_bleu = timed("peer_bleu", lambda: sacrebleu.corpus_bleu(hyps, [refs]))
    t_peer_chrf, peer_chrf = timed("peer_chrf", lambda: sacrebleu.corpus_chrf(hyps, [refs]))
    if abs(bleu_score.score - peer_bleu.score) > 1e-9 or abs(chrf_score.score - peer_chrf.score) > 1e-9:
        raise SystemExit(f"MISMATCH before updates: ours BLEU {bleu_score.score} chrF {chrf_score.score}, "
                         f"sacrebleu {peer_bleu.score} {peer_chrf.score}")

    # (b) one-segment updates, each cold.
    log(f"{updates} one-segment updates (cold) ...")
    rng = random.Random(seed)
    current = list(hyps)
    times: list[float] = []
    cpu_times: list[float] = []
    for _ in range(updates):
        i = rng.randrange(len(current))
        new = corpus.alternative(i, rng)
        clear_sacrebleu_caches()
        c0, t0 = time.thread_time(), time.perf_counter()
        bleu.update(i, new)
        b = bleu.corpus().score
        chrf.update(i, new)
        c = chrf.corpus().score
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.thread_time() - c0)
        current[i] = new
    del b, c

    # The running totals equal a fresh sacrebleu score of the updated corpus.
    log("verifying the updated scores against sacrebleu ...")
    ref_b = sacrebleu.corpus_bleu(current, [refs]).score
    ref_c = sacrebleu.corpus_chrf(current, [refs]).score
    ours_b, ours_c = bleu.corpus().score, chrf.corpus().score
    verified = abs(ours_b - ref_b) < 1e-9 and abs(ours_c - ref_c) < 1e-9

    med = statistics.median(times)
    p99 = percentile(times, 99)
    ratio = full / med
    peer = t_peer_bleu + t_peer_chrf
    return {
        "benchmark": "bench_score",
        "python": platform.python_version(),
        "sacrebleu": sacrebleu.__version__,
        "machine": platform.machine(),
        "corpus": {"source": corpus.source, "pairs": len(hyps),
                   "distinct_hyps": len(set(hyps)), "distinct_refs": len(set(refs))},
        "full_rescore_s": {"bleu_stats": round(t_bleu, 4), "bleu_corpus": round(t_bleu_c, 6),
                           "chrf_stats": round(t_chrf, 4), "chrf_corpus": round(t_chrf_c, 6),
                           "total": round(full, 4)},
        "sacrebleu_peer_s": {"corpus_bleu": round(t_peer_bleu, 4),
                             "corpus_chrf": round(t_peer_chrf, 4), "total": round(peer, 4)},
        "full_rescore_cpu_s": round(full_cpu, 4),
        "sacrebleu_peer_cpu_s": round(CPU["peer_bleu"] + CPU["peer_chrf"], 4),
        "update_ms": {"n": len(times), "median": round(med * 1e3, 4),
                      "p99": round(p99 * 1e3, 4), "max": round(max(times) * 1e3, 4),
                      "mean": round(statistics.fmean(times) * 1e3, 4)},
        "update_cpu_ms": {"median": round(statistics.median(cpu_times) * 1e3, 4),
                          "p99": round(percentile(cpu_times, 99) * 1e3, 4),
                          "max": round(max(cpu_times) * 1e3, 4)},
        "ratio_full_over_update_median": round(ratio, 1),
        "ratio_full_over_update_p99": round(full / p99, 1),
        "ratio_cpu_full_over_update_median": round(full_cpu / statistics.median(cpu_times), 1),
        "ratio_sacrebleu_over_update_median": round(peer / med, 1),
        "ratio_full_over_sacrebleu": round(full / peer, 3),
        "scores_before": {"bleu": round(bleu_score.score, 4), "chrf": round(chrf_score.score, 4)},
        "scores_after": {"bleu": round(ours_b, 4), "chrf": round(ours_c, 4),
                         "sacrebleu_bleu": round(ref_b, 4), "sacrebleu_chrf": round(ref_c, 4)},
        "verified_against_sacrebleu": verified,
        "peak_rss_mib": {"corpus_loaded": round(rss_before, 1),
                         "after_our_full_rescore": round(rss_ours, 1),
                         "end_of_run": round(peak_rss_mib(), 1)},
        "target": {"ratio_at_least": TARGET_RATIO, "update_ms_below": TARGET_UPDATE_MS},
        # The target on the median update; the p99 (wall) also reported, as a stricter
        # reading that depends on the machine's load (see update_cpu_ms).
        "target_met": bool(ratio >= TARGET_RATIO and med * 1e3 < TARGET_UPDATE_MS and verified),
        "p99_also_met": bool(full / p99 >= TARGET_RATIO and p99 * 1e3 < TARGET_UPDATE_MS),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=100_000, help="segment pairs (default 100,000)")
    ap.add_argument("--updates", type=int, default=1000, help="one-segment updates timed (default 1,000)")
    ap.add_argument("--seed", type=int, default=20250, help="random seed of the updated segments")
    ap.add_argument("--data", type=Path, default=WMT_DIR, help="the wmt25-terminology-ende folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    try:
        result = run(args.pairs, args.updates, args.seed, args.data, log)
    except NoData as e:
        print(f"SKIP: no data to benchmark: {e}")
        return 0
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    f, p, u = result["full_rescore_s"], result["sacrebleu_peer_s"], result["update_ms"]
    print()
    print(f"full rescore, SegmentStats BLEU+chrF: {f['total']:.3f} s "
          f"(BLEU {f['bleu_stats']:.3f} s, chrF {f['chrf_stats']:.3f} s; corpus() "
          f"{(f['bleu_corpus'] + f['chrf_corpus']) * 1e3:.3f} ms)")
    print(f"sacrebleu corpus_bleu+corpus_chrf:    {p['total']:.3f} s "
          f"(BLEU {p['corpus_bleu']:.3f} s, chrF {p['corpus_chrf']:.3f} s); "
          f"ours/sacrebleu {result['ratio_full_over_sacrebleu']:.2f}")
    uc = result["update_cpu_ms"]
    print(f"update one segment + corpus BLEU+chrF: median {u['median']:.3f} ms, "
          f"p99 {u['p99']:.3f} ms, max {u['max']:.3f} ms ({u['n']} updates; CPU time: "
          f"median {uc['median']:.3f} ms, p99 {uc['p99']:.3f} ms)")
    print(f"CPU time of the full rescore: {result['full_rescore_cpu_s']:.3f} s "
          f"(sacrebleu: {result['sacrebleu_peer_cpu_s']:.3f} s); wall times above")
    print(f"ratio full/update: {result['ratio_full_over_update_median']:.0f}x (median), "
          f"{result['ratio_full_over_update_p99']:.0f}x (p99), "
          f"{result['ratio_cpu_full_over_update_median']:.0f}x in CPU time (median); "
          f"sacrebleu/update: {result['ratio_sacrebleu_over_update_median']:.0f}x")
    sa = result["scores_after"]
    print(f"after the updates: BLEU {sa['bleu']} chrF {sa['chrf']} "
          f"(sacrebleu from scratch: {sa['sacrebleu_bleu']} {sa['sacrebleu_chrf']}): "
          + ("equal" if result["verified_against_sacrebleu"] else "DIFFERENT"))
    m = result["peak_rss_mib"]
    print(f"peak RSS: {m['corpus_loaded']:.0f} MiB with the corpus loaded, "
          f"{m['after_our_full_rescore']:.0f} MiB after our BLEU+chrF statistics, "
          f"{m['end_of_run']:.0f} MiB at the end (with sacrebleu's runs)")
    print(f"target: ratio >= {TARGET_RATIO:g}x and update < {TARGET_UPDATE_MS:g} ms (median): "
          + ("MET" if result["target_met"] else "NOT MET")
          + "; at the p99 (wall): " + ("met" if result["p99_also_met"] else "not met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

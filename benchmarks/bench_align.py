"""Benchmark of ``reviewer.align``: speed on 10,000 sentences, links recovered.

Corpus: the 500 English-German sentence pairs of ``../shared/data/wmt25-terminology-
ende/full_data.ende.jsonl`` (real human translations), drawn at random (seeded) until
the source side has ``--sentences`` sentences, grouped into paragraphs of 3-8 sentences.
The known one-to-one alignment is then disturbed at random, paragraph by paragraph:
two adjacent target sentences merged (a 2-1 link), a target sentence split at a comma
(1-2), a target sentence dropped (1-0), a source sentence dropped (0-1), at the rates of
``--rate`` each. A link is ``(set of source indexes, set of target indexes)``; precision
and recall are over links.

Two layouts of the same pair are aligned: ``paragraphs`` (as many paragraphs on both
sides, so paragraphs pair one to one and sentences align within them) and ``flat`` (one
paragraph a side, so the banded dynamic programme runs over all 10,000 sentences).

Peers measured in the same run on the same pair: ``gale-church`` is the plain length-
only Gale-Church (classic null-link cost, no anchors); ``no-anchors`` is reviewer's
aligner with the anchors switched off (its only other change is the null-link cost), so
the anchors' own value shows. Sentence splitting throughput (pysbd with the fast path)
is reported on the same text.

    python benchmarks/bench_align.py                 # 10,000 sentences
    python benchmarks/bench_align.py --sentences 2000 --json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from reviewer.align import Link, align  # noqa: E402
from reviewer.sentences import split_sentences  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "wmt25-terminology-ende" / "full_data.ende.jsonl"
GoldLink = tuple[frozenset[int], frozenset[int]]


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """The (English, German) pairs of the WMT25 terminology data."""
    out: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("en", "").strip() and row.get("de", "").strip():
                out.append((row["en"].strip(), row["de"].strip()))
    return out


def _split_at_comma(text: str) -> tuple[str, str] | None:
    """Cut a sentence at the comma nearest its middle (both halves 15+ characters)."""
    best: tuple[int, int] | None = None
    for k, ch in enumerate(text):
        if ch == "," and 15 <= k and len(text) - k > 15:
            d = abs(k - len(text) // 2)
            if best is None or d < best[0]:
                best = (d, k)
    if best is None:
        return None
    k = best[1]
    return text[: k + 1].strip(), text[k + 1 :].strip()


def build_pair(pairs: Sequence[tuple[str, str]], sentences: int, rate: float, seed: int
               ) -> tuple[list[list[str]], list[list[str]], set[GoldLink], Counter[str]]:
    """Source and target paragraphs with the gold links (global sentence indexes)."""
    rng = random.Random(seed)
    src_paras: list[list[str]] = []
    tgt_paras: list[list[str]] = []
    gold: set[GoldLink] = set()
    kinds: Counter[str] = Counter()
    si = ti = 0
    produced = 0
    while produced < sentences:
        size = rng.randint(3, 8)
        chosen = [pairs[rng.randrange(len(pairs))] for _ in range(size)]
        sp: list[str] = []
        tp: list[str] = []
        k = 0
        while k < len(chosen):
            en, de = chosen[k]
            r = rng.random()
            last = k == len(chosen) - 1
            if r < rate and not last:  # merge two targets: 2-1
                en2, de2 = chosen[k + 1]
                sp += [en, en2]
                tp.append(f"{de} {de2}")
                gold.add((frozenset({si, si + 1}), frozenset({ti})))
                kinds["2-1"] += 1
                si, ti, k = si + 2, ti + 1, k + 2
                continue
            cut = _split_at_comma(de) if rate <= r < 2 * rate else None
            if cut:  # split a target at a comma: 1-2
                sp.append(en)
                tp += list(cut)
                gold.add((frozenset({si}), frozenset({ti, ti + 1})))
                kinds["1-2"] += 1
                si, ti, k = si + 1, ti + 2, k + 1
                continue
            if 2 * rate <= r < 3 * rate and len(chosen) > 2:  # drop the target: 1-0
                sp.append(en)
                gold.add((frozenset({si}), frozenset()))
                kinds["1-0"] += 1
                si, k = si + 1, k + 1
                continue
            if 3 * rate <= r < 4 * rate and len(chosen) > 2:  # drop the source: 0-1
                tp.append(de)
                gold.add((frozenset(), frozenset({ti})))
                kinds["0-1"] += 1
                ti, k = ti + 1, k + 1
                continue
            sp.append(en)
            tp.append(de)
            gold.add((frozenset({si}), frozenset({ti})))
            kinds["1-1"] += 1
            si, ti, k = si + 1, ti + 1, k + 1
        if not sp or not tp:  # keep both sides of every paragraph non-empty
            return build_pair(pairs, sentences, rate, seed + 1)
        src_paras.append(sp)
        tgt_paras.append(tp)
        produced += len(sp)
    return src_paras, tgt_paras, gold, kinds


def score(links: Sequence[Link], gold: set[GoldLink]) -> dict[str, Any]:
    """Precision and recall over links, and recall by gold link kind."""
    pred = {(frozenset(lk.source_sentences), frozenset(lk.target_sentences)) for lk in links}
    hit = pred & gold
    by_kind: dict[str, list[int]] = {}
    for s, t in gold:
        kind = f"{len(s)}-{len(t)}"
        rec = by_kind.setdefault(kind, [0, 0])
        rec[1] += 1
        rec[0] += (s, t) in hit
    return {
        "links": len(pred),
        "gold": len(gold),
        "precision": round(len(hit) / len(pred), 4) if pred else 0.0,
        "recall": round(len(hit) / len(gold), 4) if gold else 0.0,
        "recall_by_kind": {k: round(a / b, 4) for k, (a, b) in sorted(by_kind.items())},
    }


def run(sentences: int, rate: float, seed: int, repeat: int) -> dict[str, Any]:
    """Build the pair, align it every way, and collect the figures."""
    pairs = load_pairs(DATA)
    src, tgt, gold, kinds = build_pair(pairs, sentences, rate, seed)
    n_src = sum(map(len, src))
    n_tgt = sum(map(len, tgt))
    layouts = {
        "paragraphs": (src, tgt),
        "flat": ([[s for p in src for s in p]], [[t for p in tgt for t in p]]),
    }
    systems = {"reviewer": True, "no-anchors": False, "gale-church": None}
    result: dict[str, Any] = {
        "data": str(DATA),
        "source_sentences": n_src,
        "target_sentences": n_tgt,
        "paragraphs": len(src),
        "gold_kinds": dict(sorted(kinds.items())),
        "rate": rate,
        "seed": seed,
        "runs": [],
    }
    for layout, (sp, tp) in layouts.items():
        for name, mode in systems.items():
            times = []
            links: list[Link] = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                if mode is None:
                    links = align(sp, tp, "en", "de", use_anchors=False, classic=True)
                else:
                    links = align(sp, tp, "en", "de", use_anchors=mode)
                times.append(time.perf_counter() - t0)
            entry = {"layout": layout, "system": name, "seconds": round(min(times), 3)}
            entry.update(score(links, gold))
            result["runs"].append(entry)
    texts = {"en": [" ".join(p) for p in src], "de": [" ".join(p) for p in tgt]}
    split: dict[str, Any] = {}
    for lang, paras in texts.items():
        t0 = time.perf_counter()
        n = sum(len(split_sentences(p, lang)) for p in paras)
        split[lang] = {"paragraphs": len(paras), "sentences_found": n,
                       "seconds": round(time.perf_counter() - t0, 3)}
    result["splitting"] = split
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=10_000)
    ap.add_argument("--rate", type=float, default=0.03,
                    help="rate of each disturbance: merge, split, drop target, drop source")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not DATA.is_file():
        print(f"bench_align: skipped: {DATA} is absent", file=sys.stderr)
        return 0
    res = run(args.sentences, args.rate, args.seed, args.repeat)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"pair: {res['source_sentences']} source / {res['target_sentences']} target "
          f"sentences in {res['paragraphs']} paragraphs; gold links {res['gold_kinds']}")
    print(f"{'layout':<11} {'system':<12} {'seconds':>8} {'precision':>9} {'recall':>7}  "
          "recall by kind")
    for r in res["runs"]:
        kinds = " ".join(f"{k} {v:.3f}" for k, v in r["recall_by_kind"].items())
        print(f"{r['layout']:<11} {r['system']:<12} {r['seconds']:>8.3f} "
              f"{r['precision']:>9.4f} {r['recall']:>7.4f}  {kinds}")
    for lang, s in res["splitting"].items():
        print(f"splitting {lang}: {s['paragraphs']} paragraphs -> {s['sentences_found']} "
              f"sentences in {s['seconds']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

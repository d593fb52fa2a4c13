#!/usr/bin/env python3
"""``reviewer score`` against the ``sacrebleu`` command line: the same scores, and how fast.

Data: the rows of ``bench_scale.py`` (real WMT25 en-de system outputs and their
references, one or two segments joined per row; ``--rows`` of them, 20,000 by default),
written once to ``benchmarks/.cache/scale-N/``.

For each metric (BLEU, chrF, chrF++, TER) both tools score the same hypothesis file
against the same reference file in a fresh process, in alternating order, ``--repeat``
times; the table gives median wall and CPU seconds (``os.wait4``) and the ratio
sacrebleu/reviewer (above 1: reviewer is faster). The last line scores all four: one
``reviewer score`` run against the four sacrebleu runs it replaces (sacrebleu's CLI
takes one chrF word order a run). Every score must agree to the printed 4 decimals,
or the script exits with status 1.

    python benchmarks/bench_metrics.py                  # 20,000 rows, 3 repeats
    python benchmarks/bench_metrics.py --rows 5000 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scale import build  # noqa: E402
from common import run_measured  # noqa: E402

METRICS = {
    # name: (sacrebleu CLI arguments, key in reviewer's JSON)
    "bleu": (["-m", "bleu"], "bleu"),
    "chrf": (["-m", "chrf"], "chrf"),
    "chrf++": (["-m", "chrf", "--chrf-word-order", "2"], "chrf++"),
    "ter": (["-m", "ter"], "ter"),
}


def _sacrebleu(hyp: Path, ref: Path, args: list[str], out: Path) -> tuple[float, float, float]:
    """One sacrebleu CLI run: wall, CPU and its score (``-b -w 4``)."""
    exe = Path(sys.executable).with_name("sacrebleu")
    cmd = [str(exe) if exe.exists() else "sacrebleu", str(ref), "-i", str(hyp), *args, "-b", "-w", "4"]
    # run_measured drops stdout and sacrebleu has no -o: a shell redirects it.
    run = run_measured(["sh", "-c", f"{shlex.join(cmd)} > {shlex.quote(str(out))}"])
    if run.returncode != 0:
        sys.exit(f"bench_metrics: sacrebleu failed: {run.stderr[-500:]}")
    return run.wall, run.cpu, float(out.read_text().split()[0])


def _reviewer(hyp: Path, ref: Path, metrics: list[str], out: Path) -> tuple[float, float, dict]:
    """One ``reviewer score`` run: wall, CPU and its scores."""
    run = run_measured([sys.executable, "-m", "reviewer.cli", "score", str(hyp), "--ref", str(ref),
                        "-m", ",".join(metrics), "--format", "json", "-o", str(out)])
    if run.returncode != 0:
        sys.exit(f"bench_metrics: reviewer score failed: {run.stderr[-500:]}")
    return run.wall, run.cpu, json.loads(out.read_text())["systems"][0]["scores"]


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the table; 1 when a score differs."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    _, hyp, ref = build(a.rows)
    tmp = hyp.parent
    print(f"{a.rows:,} rows ({hyp.stat().st_size / 1e6:.1f} MB of hypotheses); "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    print(f"{'metric':8} {'sacrebleu wall':>15} {'cpu':>8} {'reviewer wall':>14} {'cpu':>8} "
          f"{'ratio (cpu)':>12}  scores", flush=True)
    bad = 0
    sums = {"sw": 0.0, "sc": 0.0}
    for name, (args, key) in METRICS.items():
        sw, sc, rw, rc = [], [], [], []
        for rep in range(a.repeat):
            order = (0, 1) if rep % 2 == 0 else (1, 0)
            for who in order:
                if who == 0:
                    w, c, s_score = _sacrebleu(hyp, ref, args, tmp / "sacrebleu.out")
                    sw.append(w)
                    sc.append(c)
                else:
                    w, c, scores = _reviewer(hyp, ref, [name], tmp / "reviewer.json")
                    r_score = scores[key]
                    rw.append(w)
                    rc.append(c)
        same = f"{s_score:.4f}" == f"{r_score:.4f}"
        bad += not same
        sums["sw"] += statistics.median(sw)
        sums["sc"] += statistics.median(sc)
        print(f"{name:8} {statistics.median(sw):14.2f}s {statistics.median(sc):7.2f}s "
              f"{statistics.median(rw):13.2f}s {statistics.median(rc):7.2f}s "
              f"{statistics.median(sw) / statistics.median(rw):5.2f}x ({statistics.median(sc) / statistics.median(rc):.2f}x)"
              f"  {s_score:.4f} {'==' if same else '!='} {r_score:.4f}", flush=True)
    aw, ac = [], []
    for _ in range(a.repeat):
        w, c, _ = _reviewer(hyp, ref, list(METRICS), tmp / "reviewer.json")
        aw.append(w)
        ac.append(c)
    print(f"{'all four':8} {sums['sw']:14.2f}s {sums['sc']:7.2f}s {statistics.median(aw):13.2f}s "
          f"{statistics.median(ac):7.2f}s {sums['sw'] / statistics.median(aw):5.2f}x "
          f"({sums['sc'] / statistics.median(ac):.2f}x)  (four sacrebleu runs, one reviewer run)",
          flush=True)
    print(f"load {os.getloadavg()[0]:.2f}")
    if bad:
        print(f"bench_metrics: {bad} score(s) differ", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Scale-out benchmark: ``check`` and ``score`` on a large TSV with 1 process,
``--workers 2`` and ``--cluster local:2``; identical output and the speedup.

Corpus: real English-German segment pairs from WMT25 terminology track 1
(``../shared/data/wmt25-terminology-ende``: the 500 sources, the reference and the 52
system outputs). Each row joins one or two real pairs (source with source, output with
output, from random systems), so rows are realistic and mostly distinct; about 3 % of
rows carry a planted error (changed number, dropped placeholder, doubled word, double
space, untranslated target, missing final punctuation). A second file holds the
references, so ``score`` compares the joined outputs with the joined references.

    python benchmarks/bench_scale.py                 # 1,000,000 rows
    python benchmarks/bench_scale.py --rows 20000    # quick run
    python benchmarks/bench_scale.py --only check --modes 1,w2
    python benchmarks/bench_scale.py --rows 100000 --repeat 3   # medians of 3 rounds

On a shared machine wall-clock times move with the other sessions' load: every run
prints the load average before and after it, and ``--repeat`` runs the modes in
rounds (1, w2, c2, 1, w2, c2...) and prints the medians.

The data is written once to ``benchmarks/.cache/scale-N/`` (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
DATA = HERE.parent.parent / "shared" / "data" / "wmt25-terminology-ende"

MODES = {
    "1": [],
    "w2": ["--workers", "2"],
    "c2": ["--cluster", "local:2"],
}


def _pairs() -> tuple[list[tuple[str, str, str]], int]:
    """``(source, output, reference)`` triples: every system output of every segment."""
    refs = [json.loads(x) for x in (DATA / "full_data.ende.jsonl").read_text("utf-8").splitlines()]
    out: list[tuple[str, str, str]] = []
    for p in sorted((DATA / "submissions").glob("*.jsonl")):
        for i, line in enumerate(p.read_text("utf-8").splitlines()):
            if i >= len(refs):
                break
            o = json.loads(line)
            hyp = (o.get("de") or "").replace("\t", " ").replace("\n", " ").strip()
            src = refs[i]["en"].replace("\t", " ").replace("\n", " ")
            ref = refs[i]["de"].replace("\t", " ").replace("\n", " ")
            if hyp:
                out.append((src, hyp, ref))
    return out, len(refs)


def _plant(rng: random.Random, src: str, tgt: str) -> tuple[str, str]:
    """One planted error in the target (or a number added to both sides)."""
    kind = rng.randrange(6)
    words = tgt.split(" ")
    if kind == 0:
        n = rng.randrange(2, 999)
        return f"{src} ({n} items)", f"{tgt} ({n + 1} Elemente)"
    if kind == 1:
        return f"{src} Press %s to continue.", f"{tgt} Drücken Sie, um fortzufahren."
    if kind == 2 and len(words) > 3:
        i = rng.randrange(1, len(words) - 1)
        return src, " ".join(words[: i + 1] + words[i:])
    if kind == 3 and len(words) > 3:
        i = rng.randrange(1, len(words) - 1)
        return src, " ".join(words[:i]) + "  " + " ".join(words[i:])
    if kind == 4:
        return src, src
    return src, tgt.rstrip(".!?")


def build(rows: int, seed: int = 7) -> tuple[Path, Path, Path]:
    """Write (once) the check TSV, the hypotheses and the references of ``rows`` rows."""
    d = CACHE / f"scale-{rows}"
    tsv, hyp, ref = d / "corpus.tsv", d / "hyp.txt", d / "ref.txt"
    if tsv.exists() and hyp.exists() and ref.exists():
        return tsv, hyp, ref
    if not DATA.exists():
        sys.exit(f"bench_scale: no data at {DATA}")
    d.mkdir(parents=True, exist_ok=True)
    pairs, _ = _pairs()
    rng = random.Random(seed)
    with open(tsv, "w", encoding="utf-8", newline="") as ft, \
            open(hyp, "w", encoding="utf-8", newline="") as fh, \
            open(ref, "w", encoding="utf-8", newline="") as fr:
        ft.write("source\ttarget\n")
        for _ in range(rows):
            k = 1 if rng.random() < 0.5 else 2
            picked = [pairs[rng.randrange(len(pairs))] for _ in range(k)]
            src = " ".join(p[0] for p in picked)
            tgt = " ".join(p[1] for p in picked)
            rf = " ".join(p[2] for p in picked)
            if rng.random() < 0.03:
                src, tgt = _plant(rng, src, tgt)
            ft.write(f"{src}\t{tgt}\n")
            fh.write(tgt + "\n")
            fr.write(rf + "\n")
    return tsv, hyp, ref


def _run(args: list[str], out: Path) -> tuple[float, float, str]:
    """Run ``reviewer ARGS -o OUT``: wall seconds, CPU seconds (user + system of the
    process and of the worker processes it reaped, from ``os.wait4``), output SHA-256."""
    cmd = [sys.executable, "-m", "reviewer.cli", *args, "-o", str(out)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"bench_scale: {' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, hashlib.sha256(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> None:
    """Build the corpus, run every command in every mode, print a table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--only", choices=["check", "score"], help="run one command only")
    ap.add_argument("--modes", default="1,w2,c2", help="comma-separated: 1, w2, c2")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of every mode (medians printed)")
    ap.add_argument("--check-args", default="", help="extra arguments for check, e.g. '--disable spelling'")
    a = ap.parse_args(argv)
    tsv, hyp, ref = build(a.rows)
    out_dir = tsv.parent
    commands = {
        "check": ["check", str(tsv), "--format", "jsonl", "--target-lang", "de",
                  "--source-lang", "en", *a.check_args.split()],
        "score": ["score", str(hyp), "--ref", str(ref), "--format", "json"],
    }
    results = []
    for name, args in commands.items():
        if a.only and name != a.only:
            continue
        for rnd in range(a.repeat):
            base_wall = None  # speedups against the round's first mode (normally "1")
            for mode in a.modes.split(","):
                load0 = os.getloadavg()[0]
                wall, cpu, digest = _run(args + MODES[mode], out_dir / f"{name}-{mode}.out")
                if base_wall is None:
                    base_wall = wall
                results.append({
                    "command": name, "mode": mode, "rows": a.rows, "round": rnd + 1,
                    "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
                    "units_per_s": round(a.rows / wall), "speedup": round(base_wall / wall, 2),
                    "sha256": digest[:16], "load_before": load0, "load": os.getloadavg()[0],
                })
                r = results[-1]
                if not a.json:
                    print(f"{name:6} {mode:3} {r['seconds']:8.2f}s cpu {r['cpu_seconds']:8.2f}s "
                          f"{r['units_per_s']:>8,}/s "
                          f"x{r['speedup']:.2f}  sha256 {r['sha256']}  load {load0:.2f}->{r['load']:.2f}",
                          flush=True)
        if a.repeat > 1 and not a.json:
            med = {m: (statistics.median(r["seconds"] for r in results if r["command"] == name and r["mode"] == m),
                       statistics.median(r["cpu_seconds"] for r in results if r["command"] == name and r["mode"] == m))
                   for m in a.modes.split(",")}
            one = med.get("1", next(iter(med.values())))[0]
            for m, (w, c) in med.items():
                print(f"{name:6} {m:3} median {w:8.2f}s cpu {c:8.2f}s  x{one / w:.2f}", flush=True)
    for name in {r["command"] for r in results}:
        if len({r["sha256"] for r in results if r["command"] == name}) != 1:
            print(f"bench_scale: {name}: outputs DIFFER between modes", file=sys.stderr)
    if a.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark ``reviewer check`` against translate-toolkit's ``pofilter``, same run.

Corpus: real Debian catalogs (``/usr/share/locale/*/LC_MESSAGES/*.mo``) turned back
into PO with ``msgunfmt`` (cached in ``benchmarks/.cache/``), a fixed selection of
catalogs until at least ``--units`` units (default 50,000; every unit translated).

Each repeat runs, in alternating order, (a) ``reviewer check`` with its default checks
over all the files in one process (``--format jsonl -o TMPFILE``) and (b) ``pofilter``
with its default checks over the directory holding the same files (``-i DIR -o
OUTDIR``). Wall time is measured around each child; CPU time and peak RSS come from
``os.wait4`` for that child alone. Reported: best and median wall time, units/s, the
throughput ratio reviewer/pofilter, and peak RSS of both.

The peer lives in its own venv ``benchmarks/.env/`` (created here, idempotently, with
``pip install translate-toolkit``); it is never installed into the main environment
and never imported by ``reviewer``. Offline and not yet installed: the peer is skipped
with a message (exit 0 with ``--allow-no-peer``, else exit 2).

Usage::

    python benchmarks/bench_check.py                  # >= 50,000 units, 3 repeats
    python benchmarks/bench_check.py --units 5000     # quick smoke run
    python benchmarks/bench_check.py --repeat 5 --json
"""

from __future__ import annotations

import argparse
import json
import platform
import shlex
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402  (benchmarks/ is not a package)
    BenchError,
    Corpus,
    Run,
    build_corpus,
    ensure_translate_toolkit,
    peer_version,
    reviewer_command,
    run_measured,
)

TARGET_RATIO = 5.0  # reviewer's throughput over pofilter's, at least


def reviewer_run(
    corpus: Corpus, scratch: Path, extra: Sequence[str] = ()
) -> tuple[Run, int]:
    """One ``reviewer check`` over every corpus file (plus ``extra`` options); returns
    the run and the number of findings written."""
    out = scratch / "findings.jsonl"
    out.unlink(missing_ok=True)
    argv = [*reviewer_command(), "check", *map(str, corpus.files),
            "--format", "jsonl", "-o", str(out), *extra]
    run = run_measured(argv)
    if run.returncode not in (0, 1):  # 1 = findings at/above --fail-on (not default)
        raise BenchError(
            f"reviewer check exited {run.returncode}: {run.stderr.strip()[-2000:]}"
        )
    findings = 0
    if out.is_file():
        with open(out, "rb") as f:
            findings = sum(1 for _ in f)
    return run, findings


def pofilter_run(pofilter: Path, corpus: Corpus, scratch: Path) -> tuple[Run, int]:
    """One ``pofilter`` over the corpus directory; returns the run and the number of
    units it flagged (units in its output files)."""
    outdir = scratch / "pofilter-out"
    shutil.rmtree(outdir, ignore_errors=True)
    argv = [str(pofilter), "--progress=none", "-i", str(corpus.directory),
            "-o", str(outdir)]
    run = run_measured(argv)
    if run.returncode != 0:
        raise BenchError(
            f"pofilter exited {run.returncode}: {run.stderr.strip()[-2000:]}"
        )
    flagged = 0
    for po in outdir.rglob("*.po"):
        data = po.read_bytes()
        n = data.count(b"\nmsgid ") + data.startswith(b"msgid ")
        # its output files keep the header entry
        flagged += n - (1 if b'msgid ""\nmsgstr ""\n"' in data[:300] else 0)
    shutil.rmtree(outdir, ignore_errors=True)
    return run, flagged


def summarize(runs: list[Run], units: int) -> dict[str, Any]:
    """Best/median wall time, units/s at both, CPU and peak RSS of a tool's runs."""
    walls = [r.wall for r in runs]
    best, median = min(walls), statistics.median(walls)
    return {
        "wall_s": [round(w, 3) for w in walls],
        "best_s": round(best, 3),
        "median_s": round(median, 3),
        "units_per_s_best": round(units / best, 1),
        "units_per_s_median": round(units / median, 1),
        "cpu_s_best": round(min(r.cpu for r in runs), 3),
        "peak_rss_mib": round(max(r.maxrss_kib for r in runs) / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, run both tools alternately, print the comparison."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=50_000,
                    help="at least this many PO units (default 50000; 5000 for a smoke run)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool (default 3)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--reviewer-args", default="", metavar="ARGS",
                    help="extra options for reviewer check, e.g. '--disable spelling' "
                    "(default: none, i.e. its default checks)")
    ap.add_argument("--no-peer", action="store_true",
                    help="measure reviewer only (no translate-toolkit)")
    ap.add_argument("--allow-no-peer", action="store_true",
                    help="exit 0 when the peer cannot be installed (offline)")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.units < 1:
        ap.error("--repeat and --units must be positive")

    def note(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    try:
        corpus = build_corpus(args.units)
    except BenchError as e:
        print(f"bench_check: {e}", file=sys.stderr)
        return 2
    note(f"corpus: {corpus.units} PO units (all with non-empty msgstr) in "
         f"{len(corpus.files)} files from /usr/share/locale, in {corpus.directory}")

    pofilter: Path | None = None
    peer_skip: str | None = None
    if args.no_peer:
        peer_skip = "--no-peer given"
    else:
        try:
            pofilter = ensure_translate_toolkit()  # its messages go to stderr
        except BenchError as e:
            peer_skip = str(e)
            note(f"peer skipped: {e}")
            if not args.allow_no_peer:
                print("bench_check: no peer to compare with; rerun online, or pass "
                      "--allow-no-peer / --no-peer", file=sys.stderr)
                return 2

    # Both tools start from compiled bytecode, as installed packages do (pip compiles
    # translate-toolkit's at install; PYTHONDONTWRITEBYTECODE, as set in some shells,
    # would otherwise make every reviewer run recompile its modules from source).
    import compileall

    import reviewer

    compileall.compile_dir(str(Path(reviewer.__file__).parent), quiet=1)
    extra = shlex.split(args.reviewer_args)
    rev_runs: list[Run] = []
    pf_runs: list[Run] = []
    rev_findings = pf_flagged = 0
    with tempfile.TemporaryDirectory(prefix="bench_check.") as tmp:
        scratch = Path(tmp)
        for i in range(args.repeat):
            # alternate which tool goes first, so drift (thermal, cache) hits both
            order = ["reviewer", "pofilter"] if i % 2 == 0 else ["pofilter", "reviewer"]
            for tool in order:
                try:
                    if tool == "reviewer":
                        run, rev_findings = reviewer_run(corpus, scratch, extra)
                        rev_runs.append(run)
                    elif pofilter is not None:
                        run, pf_flagged = pofilter_run(pofilter, corpus, scratch)
                        pf_runs.append(run)
                    else:
                        continue
                except BenchError as e:
                    print(f"bench_check: {e}", file=sys.stderr)
                    return 2
                note(f"  repeat {i + 1}/{args.repeat} {tool:8s} {run.wall:7.2f} s "
                     f"wall  {run.cpu:7.2f} s cpu  {run.maxrss_kib / 1024:7.1f} MiB peak")

    result: dict[str, Any] = {
        "benchmark": "check",
        "units": corpus.units,
        "files": len(corpus.files),
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}",
        "reviewer": {**summarize(rev_runs, corpus.units), "findings": rev_findings,
                     "args": extra},
        "pofilter": None,
        "target": {"ratio_at_least": TARGET_RATIO, "memory": "below pofilter's peak RSS"},
    }
    if pf_runs:
        pf = {**summarize(pf_runs, corpus.units), "flagged_units": pf_flagged,
              "version": peer_version()}
        result["pofilter"] = pf
        rv = result["reviewer"]
        ratio_best = pf["best_s"] / rv["best_s"]
        ratio_median = pf["median_s"] / rv["median_s"]
        mem_ratio = rv["peak_rss_mib"] / pf["peak_rss_mib"]
        result["ratio_best"] = round(ratio_best, 2)
        result["ratio_median"] = round(ratio_median, 2)
        # CPU time is less sensitive than wall time to other load on a shared machine
        result["cpu_ratio_best"] = round(pf["cpu_s_best"] / rv["cpu_s_best"], 2)
        result["memory_ratio"] = round(mem_ratio, 2)
        result["target_met"] = bool(ratio_median >= TARGET_RATIO and mem_ratio < 1.0)
    else:
        result["peer_skipped"] = peer_skip

    if args.json:
        print(json.dumps(result, indent=2))
        return 0

    rv = result["reviewer"]
    print()
    print(f"{'':22s}{'best s':>9s}{'median s':>10s}{'units/s':>10s}{'cpu s':>8s}{'peak MiB':>10s}")
    rows = [("reviewer check" + (" *" if extra else ""), rv)]
    if result["pofilter"]:
        rows.append((f"pofilter {result['pofilter']['version']}", result["pofilter"]))
    for name, r in rows:
        print(f"{name:22s}{r['best_s']:9.2f}{r['median_s']:10.2f}"
              f"{r['units_per_s_median']:10.0f}{r['cpu_s_best']:8.2f}{r['peak_rss_mib']:10.1f}")
    if extra:
        print(f"* with {shlex.join(extra)}")
    print(f"(units/s at the median; {corpus.units} units; reviewer wrote "
          f"{rv['findings']} findings"
          + (f", pofilter flagged {result['pofilter']['flagged_units']} units)"
             if result["pofilter"] else ")"))
    if result["pofilter"]:
        print(f"throughput ratio reviewer/pofilter: {result['ratio_median']:.2f}x median, "
              f"{result['ratio_best']:.2f}x best (CPU time: {result['cpu_ratio_best']:.2f}x)")
        print(f"peak memory reviewer/pofilter: {result['memory_ratio']:.2f}")
        print(f"target: ratio >= {TARGET_RATIO:g}x and memory below pofilter's: "
              + ("MET" if result["target_met"] else "NOT MET"))
    else:
        print(f"pofilter not measured ({peer_skip}); target: ratio >= {TARGET_RATIO:g}x "
              "and memory below pofilter's: cannot be judged")
    return 0


if __name__ == "__main__":
    sys.exit(main())

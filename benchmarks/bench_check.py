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
    python benchmarks/bench_check.py --profile        # + where reviewer's time goes, by check
    python benchmarks/bench_check.py --all-checks     # every check on (embedding cache off)
    python benchmarks/bench_check.py --cold --repeat 7  # 10-unit files: cold start, CPU

``--profile`` adds one more reviewer run (not timed with the others) in which every
check's ``run`` / ``run_document`` is wrapped in a CPU timer, and prints a table of
seconds by check (exclusive of the other checks; "rest" is reading, the runner and the
output). Lexicon loading on first use is charged to the check that triggered it.

Every timed run also records the 1-minute load average before and after it: on a
shared machine wall time follows the load, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
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

TARGET_RATIO = 3.0  # reviewer's throughput over pofilter's, at least (issue 21)
TARGET_RATIO_ALL = 2.0  # the same with --all-checks


def _profile_child(out: str, argv: list[str]) -> int:
    """Run ``reviewer`` with ``argv`` in this process, every check's ``run`` and
    ``run_document`` wrapped in an exclusive CPU timer; write ``{check: seconds}``
    (plus ``"total"``) as JSON to ``out``."""
    import time

    clock = time.process_time
    t_start = clock()
    from reviewer import checks as registry
    from reviewer.cli import main as reviewer_main

    spent: dict[str, float] = {}
    stack: list[list[float]] = []  # [start, time of nested timed calls]

    def wrap(cid: str, fn: Any) -> Any:
        def timed(*a: Any, **k: Any) -> Any:
            stack.append([clock(), 0.0])
            try:
                res = fn(*a, **k)
                if hasattr(res, "__next__"):  # a generator: time its consumption
                    res = list(res)
                return res
            finally:
                start, nested = stack.pop()
                took = clock() - start
                spent[cid] = spent.get(cid, 0.0) + took - nested
                if stack:
                    stack[-1][1] += took

        return timed

    for cls in registry.all_checks().values():
        for name in ("run", "run_document"):
            fn = cls.__dict__.get(name)
            if fn is not None:
                setattr(cls, name, wrap(cls.id, fn))
    from reviewer.formats import langcheck

    langcheck._problems = wrap("(declared-language check)", langcheck._problems)
    spent["(imports)"] = clock() - t_start
    try:
        reviewer_main(argv)
    except SystemExit:
        pass
    total = clock() - t_start
    spent["(rest: reading, runner, output)"] = total - sum(spent.values())
    spent["total"] = total
    Path(out).write_text(json.dumps(spent), encoding="utf-8")
    return 0


def profile_checks(corpus: Corpus, scratch: Path, extra: Sequence[str]) -> dict[str, float]:
    """CPU seconds by check of one ``reviewer check`` over the corpus (see the module
    docstring)."""
    import subprocess

    out = scratch / "profile.json"
    argv = [sys.executable, __file__, "--profile-child", str(out), "--", "check",
            *map(str, corpus.files), "--format", "jsonl", "-o",
            str(scratch / "profile-findings.jsonl"), *extra]
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       env=reviewer_env(extra))
    if r.returncode != 0 or not out.is_file():
        raise BenchError(f"profiling run failed: {r.stderr.strip()[-2000:]}")
    data: dict[str, float] = json.loads(out.read_text(encoding="utf-8"))
    return data


def print_profile(spent: dict[str, float], units: int) -> None:
    """The table of :func:`profile_checks`, slowest first."""
    total = spent.get("total", 0.0) or 1e-9
    print()
    print(f"{'where the CPU time goes':34s}{'s':>8s}{'share':>8s}{'us/unit':>10s}")
    rows = sorted(((k, v) for k, v in spent.items() if k != "total"), key=lambda kv: -kv[1])
    for name, sec in rows:
        print(f"{name:34s}{sec:8.2f}{sec / total:8.1%}{sec / units * 1e6:10.1f}")
    print(f"{'total (in-process, timers on)':34s}{total:8.2f}")


def _cpu_model() -> str:
    """The CPU's model name, clock and core count as the OS reports them: CPU times
    from different machines (sessions run on different hosts) are not comparable."""
    model = mhz = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and not model:
                model = value.strip()
            elif key.strip() in ("cpu MHz", "bogomips") and not mhz:
                mhz = f"{float(value):.0f} MHz"
    except (OSError, ValueError):
        model = model or platform.processor()
    return f"{model or '?'} {mhz}, {os.cpu_count()} cpus".strip()


def reviewer_env(extra: Sequence[str]) -> dict[str, str] | None:
    """The environment of the reviewer runs: with every check on, the meaning check's
    embedding cache is off (unless ``REVIEWER_EMBED_CACHE`` is set), so that each run
    pays for its embeddings instead of reading the previous run's."""
    if "all" not in extra or "REVIEWER_EMBED_CACHE" in os.environ:
        return None
    return {**os.environ, "REVIEWER_EMBED_CACHE": "off"}


def reviewer_run(
    corpus: Corpus, scratch: Path, extra: Sequence[str] = ()
) -> tuple[Run, int]:
    """One ``reviewer check`` over every corpus file (plus ``extra`` options); returns
    the run and the number of findings written."""
    out = scratch / "findings.jsonl"
    out.unlink(missing_ok=True)
    argv = [*reviewer_command(), "check", *map(str, corpus.files),
            "--format", "jsonl", "-o", str(out), *extra]
    run = run_measured(argv, env=reviewer_env(extra))
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
        "cpu_s_median": round(statistics.median(r.cpu for r in runs), 3),
        "load": [[round(r.load_before, 2), round(r.load_after, 2)] for r in runs],
        "peak_rss_mib": round(max(r.maxrss_kib for r in runs) / 1024, 1),
    }


COLD_TARGET_S = 0.3  # CPU seconds of a check of a 10-unit file (issue 21)


def _small_files(corpus: Corpus, scratch: Path, units: int = 10) -> list[Path]:
    """One file of the first ``units`` units of a catalog per language of the corpus
    (header kept): what a translator checks after editing a few strings."""
    import polib

    out: list[Path] = []
    seen: set[str] = set()
    for f in corpus.files:
        lang = Path(f).name.split(".", 1)[0]
        if lang in seen:
            continue
        seen.add(lang)
        po = polib.pofile(str(f))
        small = polib.POFile()
        small.metadata = po.metadata
        for e in [e for e in po if e.msgstr and not e.obsolete][:units]:
            small.append(e)
        path = scratch / f"small-{lang}.po"
        small.save(str(path))
        out.append(path)
    return out


def cold_start(corpus: Corpus, pofilter: Path | None, repeat: int, extra: Sequence[str],
               note: Any) -> dict[str, Any]:
    """CPU and wall time of ``reviewer check`` on 10-unit files (lexicon caches warm,
    then, once, an empty cache directory), beside ``pofilter`` on the same file."""
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench_check.cold.") as tmp:
        scratch = Path(tmp)
        for path in _small_files(corpus, scratch):
            row: dict[str, Any] = {}
            runs: dict[str, list[Run]] = {"reviewer": [], "pofilter": []}
            out = scratch / "out.jsonl"
            for i in range(repeat):
                runs["reviewer"].append(run_measured(
                    [*reviewer_command(), "check", str(path), "--format", "jsonl", "-o",
                     str(out), *extra], env=reviewer_env(extra)))
                if pofilter is not None:
                    runs["pofilter"].append(run_measured(
                        [str(pofilter), "-i", str(path), "-o", str(scratch / "pf.po")]))
            empty = scratch / "empty-cache"
            shutil.rmtree(empty, ignore_errors=True)
            env = dict(reviewer_env(extra) or os.environ)
            env["XDG_CACHE_HOME"] = str(empty)
            env.pop("REVIEWER_LEXICON_CACHE", None)
            first = run_measured([*reviewer_command(), "check", str(path), "--format", "jsonl",
                                  "-o", str(out), *extra], env=env)
            for tool, rs in runs.items():
                if rs:
                    row[tool] = {"cpu_s_median": round(statistics.median(r.cpu for r in rs), 3),
                                 "wall_s_median": round(statistics.median(r.wall for r in rs), 3),
                                 "peak_rss_mib": round(max(r.maxrss_kib for r in rs) / 1024, 1)}
            row["reviewer_empty_cache"] = {"cpu_s": round(first.cpu, 3),
                                           "wall_s": round(first.wall, 3)}
            result[path.name] = row
            pf = row.get("pofilter", {})
            note(f"  {path.name:14s} reviewer {row['reviewer']['cpu_s_median']:6.3f} s cpu "
                 f"{row['reviewer']['wall_s_median']:6.3f} s wall "
                 f"{row['reviewer']['peak_rss_mib']:6.1f} MiB | pofilter "
                 f"{pf.get('cpu_s_median', float('nan')):6.3f} s cpu "
                 f"{pf.get('wall_s_median', float('nan')):6.3f} s wall | reviewer, empty "
                 f"lexicon cache: {first.cpu:6.3f} s cpu  (load {_loadavg_now():.1f})")
    worst = max(r["reviewer"]["cpu_s_median"] for r in result.values())
    note(f"target: < {COLD_TARGET_S:g} s CPU on a 10-unit file (warm caches): "
         f"{'MET' if worst < COLD_TARGET_S else 'NOT MET'} (worst median {worst:.3f} s)")
    return result


def _loadavg_now() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average on this platform
        return 0.0


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
    ap.add_argument("--all-checks", action="store_true",
                    help="the second configuration: every check on ('--enable all'), "
                    f"target {TARGET_RATIO_ALL:g}x")
    ap.add_argument("--profile", action="store_true",
                    help="one more reviewer run with per-check CPU timers; print the table")
    ap.add_argument("--profile-only", action="store_true",
                    help="only the per-check profile (no timed runs, no peer)")
    ap.add_argument("--no-peer", action="store_true",
                    help="measure reviewer only (no translate-toolkit)")
    ap.add_argument("--cold", action="store_true",
                    help="cold start instead: check 10-unit files (one a language of the "
                    f"corpus), --repeat runs each (target < {COLD_TARGET_S:g} s CPU)")
    ap.add_argument("--allow-no-peer", action="store_true",
                    help="exit 0 when the peer cannot be installed (offline)")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--profile-child"]:  # internal: the profiled reviewer process
        return _profile_child(argv[1], argv[3:])
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
    if args.all_checks:
        extra = ["--enable", "all", *extra]
    target = TARGET_RATIO_ALL if args.all_checks else TARGET_RATIO
    if args.cold:
        note(f"cold start, {args.repeat} runs a file (median), CPU seconds of the child:")
        cold = cold_start(corpus, pofilter, args.repeat, extra, note)
        if args.json:
            print(json.dumps({"cold_start": cold, "args": extra}, indent=2))
        return 0
    if args.profile_only:
        with tempfile.TemporaryDirectory(prefix="bench_check.") as tmp:
            try:
                spent = profile_checks(corpus, Path(tmp), extra)
            except BenchError as e:
                print(f"bench_check: {e}", file=sys.stderr)
                return 2
        if args.json:
            print(json.dumps({"units": corpus.units, "args": extra, "profile": spent}, indent=2))
        else:
            print_profile(spent, corpus.units)
        return 0
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
                     f"wall  {run.cpu:7.2f} s cpu  {run.maxrss_kib / 1024:7.1f} MiB peak  "
                     f"load {run.load_before:.2f}->{run.load_after:.2f}")
        spent = None
        if args.profile:
            try:
                spent = profile_checks(corpus, scratch, extra)
            except BenchError as e:
                print(f"bench_check: {e}", file=sys.stderr)
                return 2

    result: dict[str, Any] = {
        "benchmark": "check",
        "units": corpus.units,
        "files": len(corpus.files),
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}",
        "cpu": _cpu_model(),
        "reviewer": {**summarize(rev_runs, corpus.units), "findings": rev_findings,
                     "args": extra},
        "pofilter": None,
        "target": {"ratio_at_least": target, "memory": "at most pofilter's peak RSS"},
        "profile": spent,
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
        result["cpu_ratio_median"] = round(pf["cpu_s_median"] / rv["cpu_s_median"], 2)
        result["target_met"] = bool(ratio_median >= target and mem_ratio <= 1.0)
    else:
        result["peer_skipped"] = peer_skip

    if args.json:
        print(json.dumps(result, indent=2))
        return 0

    rv = result["reviewer"]
    print(f"\n{result['machine']}; {result['cpu']}; Python {result['python']}")
    print(f"{'':22s}{'best s':>9s}{'median s':>10s}{'units/s':>10s}{'cpu s':>8s}"
          f"{'peak MiB':>10s}  load (1 min, before->after each run)")
    rows = [("reviewer check" + (" *" if extra else ""), rv)]
    if result["pofilter"]:
        rows.append((f"pofilter {result['pofilter']['version']}", result["pofilter"]))
    for name, r in rows:
        print(f"{name:22s}{r['best_s']:9.2f}{r['median_s']:10.2f}"
              f"{r['units_per_s_median']:10.0f}{r['cpu_s_median']:8.2f}{r['peak_rss_mib']:10.1f}  "
              + " ".join(f"{a:.1f}->{b:.1f}" for a, b in r["load"]))
    if extra:
        print(f"* with {shlex.join(extra)}")
    print(f"(units/s and cpu s at the median; {corpus.units} units; reviewer wrote "
          f"{rv['findings']} findings"
          + (f", pofilter flagged {result['pofilter']['flagged_units']} units)"
             if result["pofilter"] else ")"))
    if result["pofilter"]:
        print(f"throughput ratio reviewer/pofilter: {result['ratio_median']:.2f}x median, "
              f"{result['ratio_best']:.2f}x best (CPU time: {result['cpu_ratio_median']:.2f}x median)")
        print(f"peak memory reviewer/pofilter: {result['memory_ratio']:.2f}")
        print(f"target: ratio >= {target:g}x and memory at most pofilter's: "
              + ("MET" if result["target_met"] else "NOT MET"))
    else:
        print(f"pofilter not measured ({peer_skip}); target: ratio >= {target:g}x "
              "and memory at most pofilter's: cannot be judged")
    if spent:
        print_profile(spent, corpus.units)
    return 0


if __name__ == "__main__":
    sys.exit(main())

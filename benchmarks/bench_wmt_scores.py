#!/usr/bin/env python3
"""Reproduce the official WMT25 terminology (track 1, en-de) BLEU and chrF++ scores.

For each of the 52 system outputs in ``../shared/data/wmt25-terminology-ende/submissions``
(``TEAM.ende.MODE.jsonl``, keys ``en``, ``terms``, ``de``) the hypotheses are the ``de``
values and the reference is the ``de`` key of ``full_data.ende.jsonl``, aligned by line
(checked here: every line's ``en`` must equal the reference file's). Scores go through
``reviewer score``'s own path: :func:`reviewer.ranking.score_systems` reading the JSONL
files with ``source_key="en", target_key="de"`` (the JSONL reader, then
:class:`reviewer.metrics.SegmentStats`), default options (BLEU tokenizer 13a,
mixed case; chrF++ = chrF with word order 2).

They are compared with ``bleu4`` and ``chrf2++`` of ``track1_scores.de.json``, whose
shape is ``{"de": {MODE: {TEAM: {"bleu4": .., "chrf2++": .., ...}}}}`` (teams without a
submission in a mode have an empty object there). Target: every difference within 0.01.

Exit status: 0 when all match (or ``SKIP: ...`` when the data is absent), 1 when a
score differs by more than the tolerance or a submission is misaligned / unscored.

Usage::

    python benchmarks/bench_wmt_scores.py
    python benchmarks/bench_wmt_scores.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

WMT_DIR = REPO.parent / "shared" / "data" / "wmt25-terminology-ende"
TOLERANCE = 0.01


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def check_alignment(sub: Path, ref_rows: list[dict[str, Any]]) -> str | None:
    """None when ``sub`` has the reference's lines in order (by ``en``), else why not."""
    rows = _read_jsonl(sub)
    if len(rows) != len(ref_rows):
        return f"{len(rows)} lines, the reference has {len(ref_rows)}"
    for n, (a, b) in enumerate(zip(rows, ref_rows), 1):
        if a.get("en") != b.get("en"):
            return f"line {n}: 'en' differs from the reference file's"
    return None


def run(data: Path) -> dict[str, Any]:
    """Score every submission and compare; the results as a mapping."""
    from reviewer.formats import ReadOptions
    from reviewer.ranking import score_systems

    full = data / "full_data.ende.jsonl"
    official_path = data / "track1_scores.de.json"
    subs = sorted((data / "submissions").glob("*.ende.*.jsonl"))
    ref_rows = _read_jsonl(full)
    official: dict[str, dict[str, dict[str, float]]] = json.loads(
        official_path.read_text(encoding="utf-8"))["de"]

    problems: list[str] = []
    for sub in subs:
        why = check_alignment(sub, ref_rows)
        if why:
            problems.append(f"{sub.name}: not aligned with {full.name}: {why}")

    t0 = time.perf_counter()
    opts = ReadOptions(source_key="en", target_key="de")
    systems, refs = score_systems([str(s) for s in subs], [str(full)], ["bleu", "chrf++"],
                                  read_options=opts)
    elapsed = time.perf_counter() - t0
    assert refs[0] == [str(r["de"]) for r in ref_rows], "reference read differently"

    rows: list[dict[str, Any]] = []
    max_diff = 0.0
    scored: set[tuple[str, str]] = set()
    for sub, sys_scores in zip(subs, systems):
        team, _, mode, _ = sub.name.rsplit(".", 3)
        off = official.get(mode, {}).get(team) or {}
        bleu, chrf = sys_scores.score("bleu"), sys_scores.score("chrf++")
        row: dict[str, Any] = {"team": team, "mode": mode, "bleu": bleu, "chrf++": chrf,
                               "official_bleu4": off.get("bleu4"),
                               "official_chrf2++": off.get("chrf2++")}
        if off.get("bleu4") is None or off.get("chrf2++") is None:
            problems.append(f"{sub.name}: no official bleu4/chrf2++ in {official_path.name}")
        else:
            scored.add((mode, team))
            row["diff_bleu"] = bleu - off["bleu4"]
            row["diff_chrf++"] = chrf - off["chrf2++"]
            max_diff = max(max_diff, abs(row["diff_bleu"]), abs(row["diff_chrf++"]))
        rows.append(row)
    unmatched = sorted(f"{team}.{mode}" for mode, teams in official.items()
                       for team, v in teams.items()
                       if v.get("bleu4") is not None and (mode, team) not in scored)
    for name in unmatched:
        problems.append(f"official score for {name} but no submission file")
    signature = {m: systems[0].signature(m) for m in ("bleu", "chrf++")} if systems else {}
    return {
        "benchmark": "bench_wmt_scores",
        "submissions": len(subs),
        "compared": sum("diff_bleu" in r for r in rows),
        "max_abs_diff": max_diff,
        "tolerance": TOLERANCE,
        "seconds": round(elapsed, 3),
        "signatures": signature,
        "systems": rows,
        "problems": problems,
        "ok": bool(rows) and max_diff <= TOLERANCE and not problems,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=WMT_DIR, help="the wmt25-terminology-ende folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    needed = [args.data / "full_data.ende.jsonl", args.data / "track1_scores.de.json",
              args.data / "submissions"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"SKIP: WMT25 terminology data absent ({', '.join(missing)})")
        return 0
    result = run(args.data)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0 if result["ok"] else 1
    print(f"{'team':26s}{'mode':8s}{'BLEU':>9s}{'bleu4':>9s}{'diff':>10s}"
          f"{'chrF++':>9s}{'chrf2++':>9s}{'diff':>10s}")
    for r in result["systems"]:
        ob, oc = r["official_bleu4"], r["official_chrf2++"]
        fmt = lambda x: "-" if x is None else f"{x:.4f}"  # noqa: E731
        dfmt = lambda x: "-" if x is None else f"{x:+.1e}"  # noqa: E731
        print(f"{r['team']:26s}{r['mode']:8s}{r['bleu']:9.4f}{fmt(ob):>9s}"
              f"{dfmt(r.get('diff_bleu')):>10s}{r['chrf++']:9.4f}{fmt(oc):>9s}"
              f"{dfmt(r.get('diff_chrf++')):>10s}")
    for p in result["problems"]:
        print(f"PROBLEM: {p}")
    for m, s in result["signatures"].items():
        print(f"{m} signature: {s}")
    print(f"{result['compared']} of {result['submissions']} submissions compared in "
          f"{result['seconds']:.1f} s; max abs difference {result['max_abs_diff']:.2e} "
          f"(target <= {TOLERANCE}): " + ("MET" if result["ok"] else "NOT MET"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Run ``reviewer``'s default checks over the real localization files of
``../shared/data/real-files`` (46 files, 14 formats; read in place, never copied).

Each file is opened the way a user would open it, by path alone (``reviewer check
FILE``): the format comes from the suffix or content, languages from the file or its
path, and a monolingual file (Android, .strings, .properties, ARB, JSON, .resx, YAML)
is paired with its source file by the format's directory convention. Per file it
reports units, the share of checked units with at least one finding, findings by
check and the units' workflow statuses; a file that cannot be read is "refused".

With ``--peer``, translate-toolkit's ``pofilter`` (GPL: run as a separate program,
never imported) is measured in the same run on the files it reads (PO, XLIFF, TMX)
with its default checks: the share of our checked units that it flags with a quality
note (its state notes, ``isfuzzy``/``isreview``/``untranslated``, are not counted).

``--sample N --seed S`` draws N findings at random (seeded) and writes them, with the
unit's source and target, to ``--sample-out`` (JSON Lines) for judging by hand; the
judged table is in ``benchmarks/README.md``.

Usage::

    python benchmarks/bench_real_files.py                     # table over all files
    python benchmarks/bench_real_files.py --limit 5           # the first 5 files only
    python benchmarks/bench_real_files.py --sample 50 --seed 24 --sample-out /tmp/s.jsonl
    python benchmarks/bench_real_files.py --sample 50 --seed 24 --sample-table /tmp/s24.md
    python benchmarks/bench_real_files.py --json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DATA = HERE.parent.parent / "shared" / "data" / "real-files"
if not DATA.is_dir():
    DATA = Path("/work/shared/data/real-files")


def files(root: Path) -> list[dict[str, str]]:
    """The rows of ``SOURCES.tsv`` (one per file), in its order."""
    with open(root / "SOURCES.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def run_file(path: Path) -> dict[str, Any]:
    """Check one file as ``reviewer check FILE`` would; counts and the findings."""
    from reviewer.config import Config
    from reviewer.errors import ReviewerError
    from reviewer.formats import ReadOptions, open_documents
    from reviewer.runner import plan_checks

    plan = plan_checks(Config())
    t0 = time.perf_counter()
    found: list[Any] = []
    by_index: dict[tuple[str | None, int], Any] = {}
    flagged: set[tuple[str | None, int]] = set()
    try:
        docs = open_documents(path, ReadOptions())  # a String Catalog: one per language
        for doc in docs:
            for s in doc.materialize():
                by_index[(doc.target_lang, s.index)] = s
            for f in plan.run(doc):
                found.append((doc.target_lang, f))
                flagged.add((doc.target_lang, f.index))
    except ReviewerError as e:
        return {"refused": str(e)}
    stats = plan.stats.to_dict()
    checked = stats.get("checked", stats["units"])
    doc = docs[0]
    return {
        "format": doc.format,
        "source_lang": doc.source_lang,
        "target_lang": doc.target_lang if len(docs) == 1 else f"{len(docs)} languages",
        "paired_with": doc.meta.get("source_path"),
        "target_only": doc.target_only,
        "units": stats["units"],
        "checked": checked,
        "flagged": len(flagged),
        "share": len(flagged) / checked if checked else 0.0,
        "by_check": dict(Counter(f.check for _l, f in found).most_common()),
        "statuses": stats.get("statuses", {}),
        "seconds": round(time.perf_counter() - t0, 2),
        "findings": found,
        "segments": by_index,
    }


#: pofilter notes that report a workflow state, not a quality problem: not counted
PEER_STATE_TESTS = frozenset({"isfuzzy", "isreview", "untranslated"})


def run_peer(path: Path, tmp: Path) -> dict[str, Any] | None:
    """translate-toolkit's ``pofilter`` (default checks) on a PO, XLIFF or TMX file, as
    a separate program: units, and units with a quality note (state notes excluded).
    None when the peer is not installed or cannot read the format."""
    import re
    import shutil
    import subprocess

    exe = shutil.which("pofilter")
    if exe is None or path.suffix.lower() not in (".po", ".xlf", ".xliff", ".tmx"):
        return None
    head = path.read_bytes()[:2000]
    if path.suffix.lower() in (".xlf", ".xliff") and b'version="2' in head:
        return None  # translate-toolkit reads XLIFF 1.x only
    out = tmp / ("peer" + path.suffix)
    proc = subprocess.run([exe, "--progress=none", "-i", str(path), "-o", str(out)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not out.exists():
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    text = out.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() == ".po":
        blocks = [b for b in re.split(r"\n\s*\n", text) if "# (pofilter)" in b]
        tests = [set(re.findall(r"# \(pofilter\) ([\w-]+)", b)) for b in blocks]
    else:
        from lxml import etree

        if not text.strip():
            return {"flagged": 0}  # nothing failed: pofilter wrote an empty file
        root = etree.fromstring(text.encode("utf-8"))
        if path.suffix.lower() == ".tmx":  # no notes in TMX: every unit written failed
            return {"flagged": sum(1 for el in root.iter() if isinstance(el.tag, str) and el.tag == "tu")}
        tests = []
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in ("trans-unit", "tu"):
                notes = [n.text or "" for n in el.iter() if isinstance(n.tag, str)
                         and n.tag.rsplit("}", 1)[-1] == "note" and n.get("from") == "pofilter"]
                if notes:
                    tests.append({n.split(":", 1)[0].strip() for n in notes})
    flagged = sum(1 for t in tests if t - PEER_STATE_TESTS)
    return {"flagged": flagged}


def _peer_summary(read: list[dict[str, Any]]) -> dict[str, Any]:
    """Both tools' mean share flagged over the files the peer read."""
    both = [r for r in read if "peer_share" in r and r["checked"]]
    if not both:
        return {}
    return {"peer_files": len(both),
            "reviewer_mean_share_on_peer_files": round(sum(r["share"] for r in both) / len(both), 4),
            "pofilter_mean_share": round(sum(r["peer_share"] for r in both) / len(both), 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--only", default="", help="only files whose path contains this")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--peer", action="store_true",
                    help="also run translate-toolkit's pofilter on the PO/XLIFF/TMX files")
    ap.add_argument("--sample", type=int, default=0, help="draw N findings at random")
    ap.add_argument("--seed", type=int, default=24)
    ap.add_argument("--sample-out", type=Path, default=None)
    ap.add_argument("--sample-table", type=Path, default=None,
                    help="also write the sample as a Markdown table to judge (verdict column empty)")
    args = ap.parse_args(argv)
    if not (args.data / "SOURCES.tsv").is_file():
        print(f"real-files data not found at {args.data}", file=sys.stderr)
        return 2
    rows = files(args.data)
    if args.only:
        rows = [r for r in rows if args.only in r["path_here"]]
    if args.limit:
        rows = rows[: args.limit]
    results: list[tuple[dict[str, str], dict[str, Any]]] = []
    import tempfile

    with tempfile.TemporaryDirectory() as tmpdir:
        for row in rows:
            r = run_file(args.data / row["path_here"])
            if args.peer and "refused" not in r:
                peer = run_peer(args.data / row["path_here"], Path(tmpdir))
                if peer is not None and "flagged" in peer:
                    # the same denominator as ours: the units we checked
                    r["peer_share"] = peer["flagged"] / r["checked"] if r["checked"] else 0.0
            results.append((row, r))

    table = []
    for row, r in results:
        entry = {"file": row["path_here"], "format": row["format"]}
        entry.update({k: v for k, v in r.items() if k not in ("findings", "segments")})
        table.append(entry)
    read = [r for _, r in results if "refused" not in r]
    shares = [r["share"] for r in read if r["checked"]]
    summary = {
        "files": len(results),
        "refused": sum(1 for _, r in results if "refused" in r),
        "formats_read": sorted({r["format"] for r in read}),
        "units": sum(r["units"] for r in read),
        "checked": sum(r["checked"] for r in read),
        "findings": sum(len(r["findings"]) for r in read),
        "mean_share_flagged": round(sum(shares) / len(shares), 4) if shares else None,
        **_peer_summary(read),
        "by_check": dict(sum((Counter(r["by_check"]) for r in read), Counter()).most_common()),
    }
    if args.json:
        print(json.dumps({"files": table, "summary": summary}, ensure_ascii=False, indent=1))
    elif args.markdown:
        print("| file | units | checked | share flagged | pofilter | findings by check (top 4) | statuses |")
        print("|---|---:|---:|---:|---:|---|---|")
        for e in table:
            if "refused" in e:
                print(f"| `{e['file']}` | refused: {e['refused']} | | | | | |")
                continue
            top = ", ".join(f"{k} {v}" for k, v in list(e["by_check"].items())[:4])
            st = ", ".join(f"{k} {v}" for k, v in e["statuses"].items())
            peer = f"{e['peer_share']:.1%}" if "peer_share" in e else "–"
            print(f"| `{e['file']}` | {e['units']} | {e['checked']} | {e['share']:.1%} | {peer} | {top} | {st} |")
        print()
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"{'file':58} {'units':>6} {'checked':>7} {'flagged':>7} {'share':>6}  top checks / statuses")
        for e in table:
            if "refused" in e:
                print(f"{e['file']:58} REFUSED: {e['refused']}")
                continue
            top = ", ".join(f"{k} {v}" for k, v in list(e["by_check"].items())[:4])
            st = ", ".join(f"{k} {v}" for k, v in e["statuses"].items())
            peer = f" (pofilter {e['peer_share']:.1%})" if "peer_share" in e else ""
            print(f"{e['file']:58} {e['units']:6} {e['checked']:7} {e['flagged']:7} "
                  f"{e['share']:6.1%}{peer}  {top} | {st}")
        print(json.dumps(summary, ensure_ascii=False))
    if args.sample:
        pool = [(row, r, lf) for row, r in results if "refused" not in r for lf in r["findings"]]
        rng = random.Random(args.seed)
        picked = rng.sample(pool, min(args.sample, len(pool)))
        out = open(args.sample_out, "w", encoding="utf-8") if args.sample_out else sys.stdout
        for row, r, (lang, f) in picked:
            seg = _form_of(r["segments"].get((lang, f.index)), f.form)
            d = f.to_dict()
            d["file"] = row["path_here"]
            d["lang"] = lang
            d["source_text"] = None if seg is None else seg.source
            d["target_text"] = None if seg is None else seg.target
            d["status"] = None if seg is None else getattr(seg, "status", None)
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
        if out is not sys.stdout:
            out.close()
        if args.sample_table:
            write_sample_table(args.sample_table, picked)
    return 0


def _form_of(seg: Any, form: int | None) -> Any:
    """The segment as the finding saw it: the plural form or ICU branch it names
    (a finding on form 1 is about form 1's text, not form 0's)."""
    if seg is None or form is None:
        return seg
    for i, s in seg.forms():
        if i == form:
            return s
    return seg


def _cell(text: str | None, n: int = 60) -> str:
    """Text for a Markdown table cell: one line, pipes escaped, shortened."""
    t = (text or "").replace("\n", "⏎").replace("|", "\\|")
    t = "".join(f"⟦{ord(c) - 0xE000 + 1}⟧" if 0xE000 <= ord(c) <= 0xF8FF else c for c in t)
    return t if len(t) <= n else t[: n - 1] + "…"


def write_sample_table(path: Path, picked: list[Any]) -> None:
    """The drawn findings as a Markdown table (file, language, check, flagged text,
    message, source, target) with an empty verdict column, for judging by hand."""
    lines = ["| # | file | lang | check | flagged | message | source | target | verdict |",
             "|---|---|---|---|---|---|---|---|---|"]
    for k, (row, r, (lang, f)) in enumerate(picked, 1):
        seg = _form_of(r["segments"].get((lang, f.index)), f.form)
        name = row["path_here"].rsplit("/", 1)[-1]
        lines.append(f"| {k} | `{name}` | {lang} | {f.check} | {_cell(f.text, 30)} | {_cell(f.message, 70)} "
                     f"| {_cell(seg.source if seg else None)} | {_cell(seg.target if seg else None)} |  |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Are two versions of ``reviewer`` finding the same? Byte-for-byte, on real data.

A speed-up must not change what ``reviewer check`` reports. This runs ``reviewer check
--format jsonl`` from two source trees (``--before DIR`` and ``--after DIR``, each a
checkout of the repository; default ``--after`` is this one) over

* the PO catalogs of ``bench_check.py`` (``--units``, default 50,000), and
* NTREX-128 rows (English source, the reference as target) for a few languages in
  several scripts (``--langs``, ``--rows`` each), written as TSV files to
  ``benchmarks/.cache/ntrex-compare/``,

and compares the outputs byte for byte, printing per input the number of findings of
each side and ``same`` or the first differing line. Exit 0 when every output is
identical, 1 otherwise. The CPU time of each side is printed too (a rough figure: one
run, whatever else the machine runs).

    python benchmarks/compare_findings.py --before /tmp/old-checkout
    python benchmarks/compare_findings.py --before /tmp/old --units 5000 --langs deu,rus
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE, REPO, BenchError, build_corpus, run_measured  # noqa: E402

NTREX = Path(os.environ.get("REVIEWER_SHARED_DATA", "/work/shared/data")) / "ntrex-128"
# NTREX file code -> BCP 47; Latin, Cyrillic, CJK, Arabic, Devanagari scripts
LANGS = {"deu": "de", "fra": "fr", "rus": "ru", "jpn": "ja", "arb": "ar", "hin": "hi",
         "zho-CN": "zh", "pol": "pl", "tur": "tr", "ell": "el"}


def ntrex_inputs(langs: list[str], rows: int) -> list[tuple[Path, list[str]]]:
    """TSV files of NTREX rows (source, target) and the options to read them."""
    src = (NTREX / "newstest2019-src.eng.txt").read_text("utf-8").splitlines()[:rows]
    out_dir = CACHE / "ntrex-compare"
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = []
    for code in langs:
        ref = NTREX / f"newstest2019-ref.{code}.txt"
        if not ref.is_file():
            raise BenchError(f"no NTREX file {ref}")
        tgt = ref.read_text("utf-8").splitlines()[:rows]
        path = out_dir / f"en-{code}-{rows}.tsv"
        body = "source\ttarget\n" + "".join(
            f"{s.replace(chr(9), ' ')}\t{t.replace(chr(9), ' ')}\n" for s, t in zip(src, tgt))
        if not path.is_file() or path.read_text("utf-8") != body:
            path.write_text(body, "utf-8")
        inputs.append((path, ["--source-lang", "en", "--target-lang", LANGS.get(code, code)]))
    return inputs


def run(tree: Path, files: list[Path], opts: list[str], out: Path) -> tuple[float, bytes]:
    """``reviewer check`` from source tree ``tree``; (CPU seconds, output bytes)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    argv = [sys.executable, "-c",
            "import sys; from reviewer.cli import main; sys.argv[0] = 'reviewer'; "
            "sys.exit(main())",
            "check", *map(str, files), *opts, "--format", "jsonl", "-o", str(out)]
    r = run_measured(argv, cwd=tree, env=env)
    if r.returncode not in (0, 1):
        raise BenchError(f"reviewer from {tree} exited {r.returncode}: {r.stderr.strip()[-500:]}")
    return r.cpu, out.read_bytes() if out.is_file() else b""


def first_difference(a: bytes, b: bytes) -> str:
    """The first line that differs, shortened."""
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}: {x[:160]!r} != {y[:160]!r}"
    return f"one output is a prefix of the other ({len(a)} vs {len(b)} bytes)"


def main(argv: list[str] | None = None) -> int:
    """Run both trees over every input and compare."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the old source tree")
    ap.add_argument("--after", type=Path, default=REPO, help="the new one (default: this)")
    ap.add_argument("--units", type=int, default=50_000, help="PO units (0: none)")
    ap.add_argument("--langs", default="deu,rus,jpn,arb,hin",
                    help="NTREX languages (file codes; empty: none)")
    ap.add_argument("--rows", type=int, default=500, help="NTREX rows a language")
    args = ap.parse_args(argv)
    try:
        inputs: list[tuple[str, list[Path], list[str]]] = []
        if args.units:
            corpus = build_corpus(args.units)
            inputs.append((f"PO catalogs ({corpus.units} units)", corpus.files, []))
        langs = [x for x in args.langs.split(",") if x]
        for path, opts in ntrex_inputs(langs, args.rows) if langs else []:
            inputs.append((path.name, [path], opts))
        same = True
        with tempfile.TemporaryDirectory(prefix="compare_findings.") as tmp:
            for name, files, opts in inputs:
                cpu_a, a = run(args.before, files, opts, Path(tmp) / "a.jsonl")
                cpu_b, b = run(args.after, files, opts, Path(tmp) / "b.jsonl")
                verdict = "same" if a == b else first_difference(a, b)
                same &= a == b
                na, nb = a.count(b"\n"), b.count(b"\n")
                print(f"{name:34s} findings {na:6d} / {nb:6d}  "
                      f"cpu {cpu_a:7.2f} s / {cpu_b:7.2f} s  {verdict}", flush=True)
    except (BenchError, OSError, subprocess.SubprocessError) as e:
        print(f"compare_findings: {e}", file=sys.stderr)
        return 2
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

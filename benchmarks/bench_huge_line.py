"""Benchmark: one huge line costs time linear in its length (issue 19).

Input: the NTREX-128 English source and German reference (``../shared/data/ntrex-128``,
real news text), each joined into ONE line and repeated until it is ``SIZE`` MB; the
English line is the source, the German one the translation (and the reference for
``score``). For every size in ``--sizes``, in the same run:

* ``reviewer check --source en.txt --target de.txt`` (all default checks);
* ``reviewer report`` of the same pair to JSON;
* ``reviewer score`` of a hypothesis (the German line with one word swapped) against
  the German line: BLEU and chrF, and TER on its own;
* peers: translate-toolkit's ``pofilter`` on a PO file holding the same pair as one
  entry, and the ``sacrebleu`` command (BLEU and chrF) on the same hypothesis and
  reference (sacrebleu's TER holds a full matrix row per word: out of memory at these
  sizes, so it is not a usable peer).

Times are CPU seconds of the child process (user + system, from ``wait4``), so other
work on a shared machine does not count. Linear cost shows as a flat "CPU s per MB"
column; the last line gives, per command, the ratio of the largest size's per-MB cost
to the smallest's (1.0 = perfectly linear; 2.0 = doubling the size costs 4x).

    python benchmarks/bench_huge_line.py                    # 1, 2, 4, 8 MB
    python benchmarks/bench_huge_line.py --sizes 0.5,1 --limit 2   # quick
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import reviewer_command, run_measured  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data" / "ntrex-128"


def one_line(path: Path, size: int) -> str:
    """The file's lines joined by spaces, repeated to ``size`` bytes (UTF-8), cut at a
    space."""
    text = " ".join(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
    data = text.encode("utf-8")
    reps = size // len(data) + 1
    out = (" ".join([text] * reps)).encode("utf-8")[:size].decode("utf-8", "ignore")
    return out[: out.rfind(" ")]


def po_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="Line sizes in MB (comma-separated).")
    ap.add_argument("--limit", type=int, default=0, help="Measure only the first N sizes.")
    ap.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"reference data {DATA} is absent", file=sys.stderr)
        return 2
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    if args.limit:
        sizes = sizes[: args.limit]
    rev = reviewer_command()
    pofilter = shutil.which("pofilter")
    sacrebleu = shutil.which("sacrebleu")
    results: dict[str, dict[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for mb in sizes:
            n = int(mb * 1_000_000)
            en = one_line(DATA / "newstest2019-src.eng.txt", n)
            de = one_line(DATA / "newstest2019-ref.deu.txt", n)
            (tmp / "en.txt").write_text(en + "\n", encoding="utf-8")
            (tmp / "de.txt").write_text(de + "\n", encoding="utf-8")
            (tmp / "de2.txt").write_text(de.replace(" die ", " der ") + "\n", encoding="utf-8")
            (tmp / "pair.po").write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'
                f"msgid {po_quote(en)}\nmsgstr {po_quote(de)}\n", encoding="utf-8")
            pair = ["--source", "en.txt", "--target", "de.txt", "--source-lang", "en",
                    "--target-lang", "de"]
            commands = {
                "reviewer check": rev + ["check", *pair, "-o", "f.txt"],
                "reviewer report": rev + ["report", *pair, "-o", "r.json", "--no-store"],
                "reviewer score": rev + ["score", "de2.txt", "-r", "de.txt", "-m", "bleu,chrf",
                                         "-o", "s.txt"],
                "reviewer ter": rev + ["score", "de2.txt", "-r", "de.txt", "-m", "ter",
                                       "-o", "t.txt"],
            }
            if pofilter:
                commands["peer pofilter"] = [pofilter, "pair.po", "out.po"]
            if sacrebleu:
                # sacrebleu's TER keeps full rows (memory quadratic in a segment's
                # length): the peer is measured on BLEU and chrF, as "reviewer score" is
                commands["peer sacrebleu"] = [sacrebleu, "de.txt", "-i", "de2.txt", "-m",
                                              "bleu", "chrf"]
            for name, cmd in commands.items():
                r = run_measured(cmd, cwd=tmp)
                if r.returncode not in (0, 1):
                    print(f"{name} failed ({r.returncode}): {r.stderr[-500:]}", file=sys.stderr)
                    if name.startswith("reviewer"):
                        return 1
                    continue
                results.setdefault(name, {})[mb] = r.cpu
                print(f"{mb:5.1f} MB  {name:16} {r.cpu:8.2f} CPU s  {r.cpu / mb:7.2f} CPU s/MB",
                      file=sys.stderr, flush=True)
    ratios = {name: (t[sizes[-1]] / sizes[-1]) / (t[sizes[0]] / sizes[0])
              for name, t in results.items() if len(t) == len(sizes) and t[sizes[0]] > 0}
    if args.json:
        print(json.dumps({"sizes_mb": sizes, "cpu_seconds": {k: [v[s] for s in sizes]
                          for k, v in results.items()}, "per_mb_ratio_last_to_first": ratios},
                         indent=2))
    else:
        print(f"\nper-MB cost, {sizes[-1]:g} MB vs {sizes[0]:g} MB (1.0 = linear):")
        for name, ratio in ratios.items():
            print(f"  {name:16} {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

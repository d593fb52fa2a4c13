#!/usr/bin/env python3
"""False alarms on good translations: ``reviewer check`` over NTREX-128, with pofilter.

Corpus: NTREX-128 (``../shared/data/ntrex-128``, or ``--data DIR``): 1,997 English news
sentences (``newstest2019-src.eng.txt``) and their professional human translations
(``newstest2019-ref.CODE.txt``) into the 34 languages that have a reference file. Every
language is read both ways (English -> X and X -> English): 68 directions, all good
translations, so every finding is a false alarm (or a real slip of the human
translator: those are listed in benchmarks/README.md with their segment number).

Per direction it reports the share of segments with any finding and with a major or
critical finding, and the findings by check, for

- the default checks of ``reviewer check`` (run in this process through the same
  :func:`reviewer.runner.plan_checks` and plain-text pairing as ``reviewer check
  --source S --target T --source-lang A --target-lang B``, built-in defaults, no
  ``reviewer.toml``);
- the same plus ``--enable meaning`` (the meaning check is run as its own pass and its
  findings are added to the default pass's per segment; ``--no-meaning`` skips it);
- translate-toolkit's ``pofilter`` (default tests, ``--language`` = the target
  language) on the same rows written as PO files, run as a separate program (the peer
  is GPL and never imported here), same run; ``--no-pofilter`` skips it.

Then mean / max / the three worst directions, against the targets of issue 16: mean <=
5% of segments flagged, every direction <= 10%, major or critical <= 2% everywhere.

Iteration options: ``--limit N`` (first N segments a direction), ``--every N``
(every N-th segment: a sample over the whole file), ``--langs deu,rus``
(NTREX codes), ``--direction from-en|to-en|both``, ``--checks a,b`` (only these
checks), ``--show CHECK[,CHECK]`` (print those findings), ``--json PATH``.

Usage::

    python benchmarks/bench_noise.py                       # everything (~minutes)
    python benchmarks/bench_noise.py --limit 300 --no-pofilter --no-meaning
    PYTHONPATH=$PWD python benchmarks/bench_noise.py --checks entity,number --limit 300
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = Path(os.environ.get("REVIEWER_SHARED_DATA", "/work/shared/data")) / "ntrex-128"

# NTREX file codes (ISO 639-3, with a region or script) -> BCP 47 for --source/target-lang
BCP47: dict[str, str] = {
    "afr": "af", "amh": "am", "arb": "ar", "ben": "bn", "bul": "bg", "cat": "ca",
    "ces": "cs", "dan": "da", "deu": "de", "ell": "el", "eng": "en", "est": "et",
    "eus": "eu", "fas": "fa", "fin": "fi", "fra": "fr", "fra-CA": "fr-CA", "gle": "ga",
    "glg": "gl", "guj": "gu", "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu",
    "hye": "hy", "ind": "id", "isl": "is", "ita": "it", "jpn": "ja", "kan": "kn",
    "kat": "ka", "kaz": "kk", "khm": "km", "kor": "ko", "lao": "lo", "lav": "lv",
    "lit": "lt", "mal": "ml", "mar": "mr", "mkd": "mk", "mlt": "mt", "msa": "ms",
    "mya": "my", "nep": "ne", "nld": "nl", "nno": "nn", "nob": "nb", "pan": "pa",
    "pol": "pl", "por": "pt", "por-BR": "pt-BR", "prs": "fa-AF", "pus": "ps",
    "ron": "ro", "rus": "ru", "sin": "si", "slk": "sk", "slv": "sl", "spa": "es",
    "spa-MX": "es-MX", "sqi": "sq", "srp-Cyrl": "sr-Cyrl", "srp-Latn": "sr-Latn",
    "swa": "sw", "swe": "sv", "tam": "ta", "tel": "te", "tha": "th", "tur": "tr",
    "ukr": "uk", "urd": "ur", "uzb": "uz", "vie": "vi", "yue": "yue",
    "zho-CN": "zh-CN", "zho-TW": "zh-TW",
}

TARGET_MEAN = 0.05
TARGET_MAX = 0.10
TARGET_MAJOR = 0.02


class BenchError(Exception):
    """The benchmark cannot run (no data, bad option); shown as one line."""


@dataclass
class Tally:
    """What one tool flagged in one direction."""

    flagged: set[int] = field(default_factory=set)
    major: set[int] = field(default_factory=set)
    by_check: Counter[str] = field(default_factory=Counter)
    segs_by_check: dict[str, set[int]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, index: int, check: str, major: bool) -> None:
        self.flagged.add(index)
        if major:
            self.major.add(index)
        self.by_check[check] += 1
        self.segs_by_check.setdefault(check, set()).add(index)

    def merged(self, other: "Tally") -> "Tally":
        out = Tally(set(self.flagged | other.flagged), set(self.major | other.major),
                    self.by_check + other.by_check,
                    {k: set(v) for k, v in self.segs_by_check.items()},
                    {**self.skipped, **other.skipped}, self.seconds + other.seconds)
        for k, v in other.segs_by_check.items():
            out.segs_by_check.setdefault(k, set()).update(v)
        return out


@dataclass
class Direction:
    """One language direction's rows and results."""

    name: str  # e.g. "eng-deu"
    source_lang: str
    target_lang: str
    sources: list[str]
    targets: list[str]
    ours: Tally | None = None
    meaning: Tally | None = None
    peer: Tally | None = None

    @property
    def n(self) -> int:
        return len(self.sources)


# --------------------------------------------------------------------------- data


def ref_codes(data: Path) -> list[str]:
    """NTREX codes that have a reference file, in LANGUAGES.tsv order."""
    have = {p.name[len("newstest2019-ref."):-len(".txt")]
            for p in data.glob("newstest2019-ref.*.txt")}
    order: list[str] = []
    tsv = data / "LANGUAGES.tsv"
    if tsv.is_file():
        for line in tsv.read_text(encoding="utf-8").splitlines():
            code = line.split(None, 1)[0] if line.strip() else ""
            if code in have:
                order.append(code)
    return order + sorted(have - set(order))


def read_lines(path: Path, limit: int | None, every: int = 1) -> list[str]:
    """The file's lines: every ``every``-th one (a sample spread over the whole
    file, so tuning on the first rows cannot pass for a result), then the first
    ``limit`` of those."""
    with open(path, encoding="utf-8-sig") as f:
        lines = [ln.rstrip("\r\n") for ln in f][::every]
    return lines[:limit] if limit else lines


def directions(data: Path, langs: Sequence[str], which: str,
               limit: int | None, every: int = 1) -> list[Direction]:
    """The directions to run: English -> each language and back."""
    src = data / "newstest2019-src.eng.txt"
    if not src.is_file():
        raise BenchError(f"{src}: NTREX-128 source not found (give --data DIR)")
    eng = read_lines(src, limit, every)
    out: list[Direction] = []
    for code in langs:
        ref = data / f"newstest2019-ref.{code}.txt"
        if not ref.is_file():
            raise BenchError(f"{ref}: no reference file for {code!r}")
        if code not in BCP47:
            raise BenchError(f"no BCP 47 code known for NTREX code {code!r}")
        tgt = read_lines(ref, limit, every)
        if len(tgt) != len(eng):
            raise BenchError(f"{ref}: {len(tgt)} lines, the source has {len(eng)}")
        bcp = BCP47[code]
        if which in ("both", "from-en"):
            out.append(Direction(f"eng-{code}", "en", bcp, eng, tgt))
        if which in ("both", "to-en"):
            out.append(Direction(f"{code}-eng", bcp, "en", tgt, eng))
    return out


# --------------------------------------------------------------------------- reviewer


def run_reviewer(d: Direction, enable: Sequence[str], disable: Sequence[str],
                 show: set[str], shown: list[str]) -> Tally:
    """``reviewer check`` over one direction, in process (built-in defaults)."""
    from reviewer.config import Config
    from reviewer.model import Document, Segment, Severity
    from reviewer.runner import plan_checks

    plan = plan_checks(Config(), enable, disable)
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t, line=i + 1)
            for i, (s, t) in enumerate(zip(d.sources, d.targets)) if s.strip() or t.strip()]
    doc = Document(path=f"{d.name}.txt", format="txt", source_lang=d.source_lang,
                   target_lang=d.target_lang, segments=segs)
    tally = Tally()
    t0 = time.perf_counter()
    for f in plan.run(doc):
        tally.add(f.index, f.check, f.severity >= Severity.MAJOR)
        if f.check in show or "all" in show:
            seg = segs[f.index]
            shown.append(f"{d.name} #{f.index + 1} {f.check} {f.severity} {f.side} "
                         f"{f.text!r} -> {f.suggestion!r}: {f.message}\n"
                         f"    src: {seg.source}\n    tgt: {seg.target}")
    tally.seconds = time.perf_counter() - t0
    skipped = getattr(plan.stats, "skipped", None)
    if skipped:
        tally.skipped = {(k[0] if isinstance(k, tuple) else str(k)): str(v)
                         for k, v in dict(skipped).items()}
    return tally


# --------------------------------------------------------------------------- pofilter


def find_pofilter() -> Path | None:
    """``pofilter`` on PATH, else the benchmarks' own peer venv (bench_check's)."""
    exe = shutil.which("pofilter")
    if exe:
        return Path(exe)
    sys.path.insert(0, str(HERE))
    try:
        from common import BenchError as CommonError, ensure_translate_toolkit

        try:
            return ensure_translate_toolkit(quiet=True)
        except CommonError:
            return None
    except ImportError:
        return None


def _po_str(text: str) -> str:
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"')
                  .replace("\t", "\\t").replace("\n", "\\n")) + '"'


def write_po(d: Direction, path: Path) -> None:
    """The direction's rows as one PO file; msgctxt = the 1-based segment number."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             f'"Language: {d.target_lang}\\n"', ""]
    for i, (s, t) in enumerate(zip(d.sources, d.targets)):
        lines += [f'msgctxt "{i + 1}"', f"msgid {_po_str(s)}", f"msgstr {_po_str(t)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


_CTXT = re.compile(r'^msgctxt "(\d+)"', re.M)
_NOTE = re.compile(r"^# \(pofilter\) ([\w-]+):", re.M)


def run_pofilter(pofilter: Path, d: Direction, scratch: Path) -> Tally:
    """pofilter's default tests over the direction; a unit in its output is flagged."""
    src, out = scratch / f"{d.name}.po", scratch / f"{d.name}.out.po"
    write_po(d, src)
    lang = d.target_lang.replace("-", "_")
    t0 = time.perf_counter()
    r = subprocess.run([str(pofilter), "--progress=none", f"--language={lang}",
                        "-i", str(src), "-o", str(out)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tally = Tally(seconds=time.perf_counter() - t0)
    if r.returncode != 0:
        raise BenchError(f"pofilter exited {r.returncode}: {r.stderr.strip()[-500:]}")
    text = out.read_text(encoding="utf-8") if out.is_file() else ""
    for block in text.split("\n\n"):
        m = _CTXT.search(block)
        if not m:
            continue
        idx = int(m.group(1)) - 1
        for test in _NOTE.findall(block) or ["?"]:
            tally.add(idx, test, False)
    src.unlink(missing_ok=True)
    out.unlink(missing_ok=True)
    return tally


# --------------------------------------------------------------------------- report


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "  n/a"


def share(t: Tally | None, n: int, major: bool = False) -> float | None:
    if t is None or not n:
        return None
    return len(t.major if major else t.flagged) / n


def summary(dirs: list[Direction], attr: str) -> dict[str, Any] | None:
    """Mean / max / worst three directions of one tool's any-finding share."""
    rows = [(d.name, share(getattr(d, attr), d.n), share(getattr(d, attr), d.n, True))
            for d in dirs if getattr(d, attr) is not None]
    if not rows:
        return None
    anys = [r[1] or 0.0 for r in rows]
    majors = [r[2] or 0.0 for r in rows]
    worst = sorted(rows, key=lambda r: -(r[1] or 0.0))[:3]
    return {
        "mean": statistics.fmean(anys), "max": max(anys),
        "mean_major": statistics.fmean(majors), "max_major": max(majors),
        "worst": [{"direction": w[0], "share": w[1], "major": w[2]} for w in worst],
    }


def targets_met(s: dict[str, Any] | None) -> dict[str, bool]:
    if s is None:
        return {}
    return {"mean<=5%": s["mean"] <= TARGET_MEAN, "max<=10%": s["max"] <= TARGET_MAX,
            "major<=2%": s["max_major"] <= TARGET_MAJOR}


def top_checks(t: Tally | None, k: int = 4) -> str:
    if t is None:
        return ""
    return " ".join(f"{c}:{len(s)}" for c, s in
                    sorted(t.segs_by_check.items(), key=lambda kv: -len(kv[1]))[:k])


def print_report(dirs: list[Direction], label: str) -> dict[str, Any]:
    """The per-direction table, summaries and targets; returns the JSON results."""
    has_m = any(d.meaning is not None for d in dirs)
    has_p = any(d.peer is not None for d in dirs)
    head = f"{'direction':14} {'n':>5} {'any%':>6} {'maj%':>6}"
    if has_m:
        head += f" {'+mean%':>6} {'+mmaj%':>6}"
    if has_p:
        head += f" {'pofilt%':>7}"
    print(f"\n{label}\n{head}  segments by check (ours)")
    for d in dirs:
        row = (f"{d.name:14} {d.n:5} {pct(len(d.ours.flagged), d.n) if d.ours else '':>6} "
               f"{pct(len(d.ours.major), d.n) if d.ours else '':>6}")
        if has_m:
            both = d.ours.merged(d.meaning) if (d.ours and d.meaning) else None
            row += (f" {pct(len(both.flagged), d.n) if both else '':>6}"
                    f" {pct(len(both.major), d.n) if both else '':>6}")
        if has_p:
            row += f" {pct(len(d.peer.flagged), d.n) if d.peer else '':>7}"
        print(f"{row}  {top_checks(d.ours)}")
    out: dict[str, Any] = {"directions": []}
    for d in dirs:
        both = d.ours.merged(d.meaning) if (d.ours and d.meaning) else None
        out["directions"].append({
            "direction": d.name, "source_lang": d.source_lang, "target_lang": d.target_lang,
            "segments": d.n,
            "ours": _tally_json(d.ours, d.n), "ours_with_meaning": _tally_json(both, d.n),
            "meaning_only": _tally_json(d.meaning, d.n), "pofilter": _tally_json(d.peer, d.n),
        })
    for key, attr in (("ours", "ours"), ("pofilter", "peer")):
        out[key] = summary(dirs, attr)
    for d in dirs:  # combined tallies for the summary of the meaning pass
        d._both = d.ours.merged(d.meaning) if (d.ours and d.meaning) else None  # type: ignore[attr-defined]
    out["ours_with_meaning"] = summary(dirs, "_both") if has_m else None
    total = Counter[str]()
    for d in dirs:
        if d.ours:
            total.update(d.ours.by_check)
    out["findings_by_check"] = dict(total.most_common())
    print()
    for key, name in (("ours", "reviewer (default checks)"),
                      ("ours_with_meaning", "reviewer + meaning"), ("pofilter", "pofilter")):
        s = out.get(key)
        if not s:
            continue
        worst = ", ".join(f"{w['direction']} {100 * w['share']:.1f}%" for w in s["worst"])
        print(f"{name:26} mean {100 * s['mean']:5.1f}%  max {100 * s['max']:5.1f}%  "
              f"major+ mean {100 * s['mean_major']:4.1f}% max {100 * s['max_major']:4.1f}%  "
              f"worst: {worst}")
        if key != "pofilter":
            met = targets_met(s)
            print(" " * 26 + " targets: " + ", ".join(
                f"{k} {'OK' if v else 'MISSED'}" for k, v in met.items()))
            out[f"{key}_targets_met"] = met
    print("findings by check (default pass, all directions): "
          + ", ".join(f"{k} {v}" for k, v in total.most_common()))
    skipped: dict[str, dict[str, str]] = {}
    for d in dirs:
        if d.ours and d.ours.skipped:
            skipped[d.name] = d.ours.skipped
    if skipped:
        print("checks skipped (reviewer's statistics):")
        for name, why in skipped.items():
            print(f"  {name}: " + "; ".join(f"{k} ({v})" for k, v in why.items()))
    out["skipped"] = skipped
    return out


def _tally_json(t: Tally | None, n: int) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"flagged": len(t.flagged), "major": len(t.major),
            "share": round(len(t.flagged) / n, 4) if n else None,
            "major_share": round(len(t.major) / n, 4) if n else None,
            "findings_by_check": dict(t.by_check.most_common()),
            "segments_by_check": {k: len(v) for k, v in t.segs_by_check.items()},
            "seconds": round(t.seconds, 2)}


# --------------------------------------------------------------------------- main


def _ids(text: str | None) -> list[str]:
    return [x.strip() for x in (text or "").split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NTREX-128 folder")
    ap.add_argument("--limit", type=int, default=None, help="first N segments a direction")
    ap.add_argument("--every", type=int, default=1, metavar="N",
                    help="every N-th segment only (a sample over the whole file)")
    ap.add_argument("--langs", help="NTREX codes, comma-separated (default: all with a reference)")
    ap.add_argument("--direction", choices=["both", "from-en", "to-en"], default="both")
    ap.add_argument("--checks", help="only these checks (default: reviewer's defaults)")
    ap.add_argument("--no-meaning", action="store_true", help="skip the --enable meaning pass")
    ap.add_argument("--no-pofilter", action="store_true", help="skip the peer")
    ap.add_argument("--show", help="print every finding of these checks (or 'all')")
    ap.add_argument("--json", type=Path, metavar="PATH", help="write the results as JSON")
    ap.add_argument("--repeats", action="store_true",
                    help="print, per reference language, the distinct words repeated in a "
                    "row that the English source does not repeat, per 1,000 sentences "
                    "(the measure behind reviewer.checks.text.REDUPLICATING), and stop")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be positive")
    if args.every < 1:
        ap.error("--every must be positive")
    try:
        if args.repeats:
            return repeats(args.data)
        return run(args)
    except BenchError as e:
        print(f"bench_noise: {e}", file=sys.stderr)
        return 2


def repeats(data: Path) -> int:
    """Distinct words said twice in a row per 1,000 reference sentences, leaving out
    the rows whose English source repeats a word too."""
    from reviewer.checks.text import REDUPLICATING, _repeat_re

    if not data.is_dir():
        raise BenchError(f"{data}: NTREX-128 not found (give --data DIR)")
    src = (data / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    rows = []
    for code in ref_codes(data):
        ref = (data / f"newstest2019-ref.{code}.txt").read_text(encoding="utf-8").splitlines()
        words: set[str] = set()
        for s, t in zip(src, ref):
            if not _repeat_re(s).search(s):
                words.update(m.group(1).lower() for m in _repeat_re(t).finditer(t))
        rate = 1000 * len(words) / max(1, len(ref))
        bcp = BCP47.get(code, code)
        rows.append((rate, code, bcp, sorted(words)[:8]))
    for rate, code, bcp, sample in sorted(rows, reverse=True):
        mark = "reduplicating" if bcp.split("-")[0] in REDUPLICATING else ""
        print(f"{code:8} {rate:5.1f} {mark:14} {' '.join(sample)}")
    return 0


def run(args: argparse.Namespace) -> int:
    data: Path = args.data
    if not data.is_dir():
        raise BenchError(f"{data}: NTREX-128 not found (give --data DIR)")
    langs = _ids(args.langs) or ref_codes(data)
    dirs = directions(data, langs, args.direction, args.limit, args.every)
    checks = _ids(args.checks)
    enable, disable = (checks, ["all"]) if checks else ([], [])
    meaning = not args.no_meaning and (not checks or "meaning" in checks)
    if meaning and checks:  # the meaning pass is the default pass then
        meaning = False
    show = set(_ids(args.show))
    shown: list[str] = []
    pofilter = None if args.no_pofilter else find_pofilter()
    if not args.no_pofilter and pofilter is None:
        print("bench_noise: pofilter (translate-toolkit) not found: peer skipped",
              file=sys.stderr)
    from reviewer.meaning import INSTALL_HINT, available

    if meaning and not available():
        print(f"bench_noise: meaning model not installed ({INSTALL_HINT}): pass skipped",
              file=sys.stderr)
        meaning = False
    n_rows = sum(d.n for d in dirs)
    print(f"NTREX-128: {len(dirs)} directions, {n_rows:,} rows"
          f"{f' (every {args.every}th)' if args.every > 1 else ''}"
          f"{f' (first {args.limit} a direction)' if args.limit else ''}; "
          f"checks: {','.join(checks) if checks else 'reviewer defaults'}"
          f"{' + meaning pass' if meaning else ''}{' + pofilter' if pofilter else ''}",
          flush=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench_noise-") as tmp:
        for d in dirs:
            d.ours = run_reviewer(d, enable, disable, show, shown)
            if meaning:
                d.meaning = run_reviewer(d, ["meaning"], ["all"], show, shown)
            if pofilter is not None:
                d.peer = run_pofilter(pofilter, d, Path(tmp))
            print(f"  {d.name:14} {pct(len(d.ours.flagged), d.n)}%"
                  f"{f'  pofilter {pct(len(d.peer.flagged), d.n)}%' if d.peer else ''}",
                  file=sys.stderr, flush=True)
    for line in shown:
        print(line)
    results = print_report(dirs, "share of segments flagged, per direction (%)")
    ours_s = sum(d.ours.seconds for d in dirs if d.ours)
    peer_s = sum(d.peer.seconds for d in dirs if d.peer)
    print(f"time: reviewer {ours_s:.1f}s ({n_rows / ours_s:,.0f} rows/s)"
          + (f", pofilter {peer_s:.1f}s ({n_rows / peer_s:,.0f} rows/s, as a program)"
             if peer_s else "") + f"; wall {time.perf_counter() - t0:.0f}s")
    if args.json:
        results.update({"limit": args.limit, "every": args.every, "checks": checks or "defaults",
                        "rows": n_rows, "reviewer_seconds": ours_s, "pofilter_seconds": peer_s})
        tmp_json = args.json.with_suffix(args.json.suffix + ".tmp")
        tmp_json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp_json, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Planted-error recall of ``reviewer check`` (default checks), with the false-alarm
share on the same rows left clean, in the same run.

Data:

* **NTREX-128** (``../shared/data/ntrex-128`` or ``--ntrex DIR``): the same sampled
  rows of every language, read both ways (English -> X and X -> English). Each error
  type of :data:`plant_errors.NTREX_TYPES` is planted into every row it applies to,
  one file per type, so a file never holds the same source twice (the consistency
  check would otherwise see the variants).
* **Real gettext catalogs**: Debian's compiled catalogs turned back into PO with
  ``msgunfmt`` (as ``bench_check.py`` does: no flags survive, so the syntax has to be
  inferred) and the PO files of ``../shared/data/real-files/po`` (with their
  ``python-format`` flags). Placeholders and markup the units have are dropped from
  the translation; units without any get one of every syntax of
  :data:`plant_po.SYNTAX_SAMPLES` inserted on both sides (clean row) and dropped from
  the translation (planted row).

A planted row counts as found when a check that should report its type (the table
in :data:`plant_errors.NTREX_TYPES`; ``placeholder`` / ``markup`` for the catalogs)
reports a finding that the clean row does not have (same check, side and text) and
that overlaps the planted error (for meaning-level types, and for the catalogs, any
such new finding on the row counts).

Clean rows: the share with any finding, and with a major or critical one (all
default checks; the issue 16 targets are mean <= 5%, every direction <= 10%,
major/critical <= 2%).

Usage::

    python benchmarks/bench_recall.py                      # everything, 100 rows
    python benchmarks/bench_recall.py --limit 20 --langs deu,rus,zho-CN --types numbers
    python benchmarks/bench_recall.py --json > recall.json
    python benchmarks/bench_recall.py --undeclared --no-po  # files that name no languages
    python benchmarks/bench_recall.py --enable coverage --types phrase-added,phrase-omitted,negation

Deterministic: the rows, the planted errors and the catalogs are the same on every
run with the same ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plant_errors as PE  # noqa: E402
import plant_po as PP  # noqa: E402
from common import BenchError, catalog_candidates, convert, reviewer_command  # noqa: E402

NTREX = HERE.parent.parent / "shared" / "data" / "ntrex-128"
REAL_PO = HERE.parent.parent / "shared" / "data" / "real-files" / "po"


def bcp47(code: str) -> str:
    """NTREX's ISO 639-3 code (``zho-CN``, ``arb``, ``nob``) as BCP 47 (``zh-CN``,
    ``ar``, ``nb``), through CLDR's language aliases (Babel)."""
    from babel.core import get_global

    aliases = get_global("language_aliases")
    lang, _, region = code.partition("-")
    b = aliases.get(lang, lang)
    if "_" in b:
        b = b.split("_")[0]
    return f"{b}-{region}" if region else b


def ntrex_langs(ntrex: Path) -> list[str]:
    return sorted(
        p.name[len("newstest2019-ref.") : -len(".txt")]
        for p in ntrex.glob("newstest2019-ref.*.txt")
    )


# ----------------------------------------------------------------------- running


def run_check(
    files: list[Path], extra: list[str], src_lang: str | None, tgt_lang: str | None
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Findings of one ``reviewer check`` over ``files``, by ``(file name, unit key)``
    where the key is the JSONL id or, for PO, the unit's index."""
    cmd = reviewer_command() + ["check", *map(str, files), "--format", "jsonl"] + extra
    if src_lang:
        cmd += ["--source-lang", src_lang, "--target-lang", tgt_lang or ""]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE.parent) + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode not in (0, 1):
        raise BenchError(f"reviewer check failed ({r.returncode}): {r.stderr.strip()[-300:]}")
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in r.stdout.splitlines():
        if not line.strip():
            continue
        f = json.loads(line)
        name = Path(f["file"]).name
        key = str(f["index"]) if name.endswith(".po") else f["unit"]
        out[(name, key)].append(f)
    return out


def _fkey(f: dict[str, Any]) -> tuple[str, str, str]:
    return (f["check"], f["side"], f["text"])


def detected(
    planted: list[dict[str, Any]],
    clean: list[dict[str, Any]],
    expected: frozenset[str],
    evidence: list[tuple[str, int, int]],
    whole: bool,
) -> str | None:
    """The check id that found the planted error, or ``None``."""
    before = Counter(_fkey(f) for f in clean)
    for f in planted:
        if f["check"] not in expected and not (
            f["check"] in ("meaning", "length", "alignment", "coverage") and "meaning" in expected
        ):
            continue
        k = _fkey(f)
        if before[k] > 0:
            before[k] -= 1
            continue
        if whole:
            return f["check"]
        for side, a, b in evidence:
            if f["side"] != side:
                continue
            s, e = f["start"], f["end"]
            if (a == b and s <= a <= e) or (s < b and a < e) or (s == e and a <= s <= b):
                return f["check"]
    return None


class Tally:
    """Per-type counts and per-direction clean-row counts."""

    def __init__(self, keep_misses: int = 3) -> None:
        self.keep_misses = keep_misses
        self.found: Counter[str] = Counter()
        self.rows: Counter[str] = Counter()
        self.by_check: dict[str, Counter[str]] = defaultdict(Counter)
        self.clean: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.clean_checks: Counter[str] = Counter()
        self.misses: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.split: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])

    def add_clean(self, group: str, findings: list[dict[str, Any]]) -> None:
        c = self.clean[group]
        c[0] += 1
        if findings:
            c[1] += 1
            for ck in {f["check"] for f in findings}:
                self.clean_checks[ck] += 1
        if any(f["severity"] in ("major", "critical") for f in findings):
            c[2] += 1

    def add(self, typ: str, hit: str | None, example: dict[str, str]) -> None:
        self.rows[typ] += 1
        d = example.get("dir", "")
        side = "into_en" if d.endswith("-eng") else ("from_en" if d.startswith("eng-") else "")
        if side:
            self.split[(typ, side)][0] += 1
            self.split[(typ, side)][1] += bool(hit)
        if hit:
            self.found[typ] += 1
            self.by_check[typ][hit] += 1
        elif len(self.misses[typ]) < self.keep_misses:
            self.misses[typ].append(example)


# ------------------------------------------------------------------------ NTREX


def ntrex_direction(
    work: Path,
    src_code: str,
    tgt_code: str,
    src_lines: list[str],
    tgt_lines: list[str],
    rows: list[int],
    types: list[str],
    seed: int,
    extra: list[str],
    tally: Tally,
    undeclared: bool = False,
) -> None:
    """Plant, check and score one language direction (``undeclared``: without telling
    ``reviewer check`` the languages, as a file that does not name them)."""
    sl, tl = bcp47(src_code), bcp47(tgt_code)
    name = f"{src_code}-{tgt_code}"
    d = work / name
    d.mkdir(parents=True, exist_ok=True)
    pool = PE.Pool()
    for i in rows:
        pool.names.extend(PE.harvest_names(tgt_lines[i], src_lines[i]))
        pool.phrases.extend(PE.harvest_phrases(tgt_lines[i], tl))
    pool.names = sorted(set(pool.names))
    files = [d / "clean.jsonl"]
    with open(files[0], "w", encoding="utf-8") as f:
        for i in rows:
            f.write(json.dumps({"id": str(i), "source": src_lines[i], "target": tgt_lines[i]},
                               ensure_ascii=False) + "\n")
    planted: dict[str, dict[str, PE.Planted]] = {}
    sampled = set(rows)
    extra_rows: set[int] = set()
    for typ in types:
        planter, _exp = PE.NTREX_TYPES[typ]
        got: dict[str, PE.Planted] = {}
        # rare types (a unit sign, guillemets) are looked for in every row, up to
        # the same number of rows as the others
        candidates = range(len(src_lines)) if typ in PE.RARE_TYPES else rows
        for i in candidates:
            if len(got) >= len(rows):
                break
            pair = PE.Pair(src_lines[i], tgt_lines[i], sl, tl, pool)
            p = planter(pair, random.Random(f"{seed}:{name}:{typ}:{i}"))
            if p is not None and (p.target != tgt_lines[i] or p.source != src_lines[i]):
                got[str(i)] = p
                if i not in sampled:
                    extra_rows.add(i)
        planted[typ] = got
        if got:
            fp = d / f"{typ}.jsonl"
            with open(fp, "w", encoding="utf-8") as f:
                for rid, p in got.items():
                    f.write(json.dumps({"id": rid, "source": p.source, "target": p.target},
                                       ensure_ascii=False) + "\n")
            files.append(fp)
    if extra_rows:
        # clean versions of the rare types' rows, to tell new findings from old
        # ones; not part of the false-alarm share (that is the sampled rows')
        fp = d / "clean-extra.jsonl"
        with open(fp, "w", encoding="utf-8") as f:
            for i in sorted(extra_rows):
                f.write(json.dumps({"id": str(i), "source": src_lines[i], "target": tgt_lines[i]},
                                   ensure_ascii=False) + "\n")
        files.append(fp)
    found = run_check(files, extra + ["--id-key", "id"], None if undeclared else sl,
                      None if undeclared else tl)
    for i in rows:
        tally.add_clean(name, found.get(("clean.jsonl", str(i)), []))
    for i in extra_rows:
        found[("clean.jsonl", str(i))] = found.get(("clean-extra.jsonl", str(i)), [])
    for typ, got in planted.items():
        exp = PE.NTREX_TYPES[typ][1]
        for rid, p in got.items():
            hit = detected(found.get((f"{typ}.jsonl", rid), []), found.get(("clean.jsonl", rid), []),
                           exp, p.evidence, p.whole)
            tally.add(typ, hit, {"dir": name, "row": rid, "target": p.target[:160]})


# -------------------------------------------------------------------------- PO


def po_catalogs(per_lang: int) -> list[tuple[Path, str]]:
    """``(path, BCP 47 language)`` of the catalogs: up to ``per_lang`` Debian catalogs
    (through ``msgunfmt``) of each language of :data:`common.LANGUAGES`, then the PO
    files of real-files."""
    out: list[tuple[Path, str]] = []
    if per_lang > 0:
        taken: Counter[str] = Counter()
        try:
            for mo in catalog_candidates():
                lang = mo.parts[-3]
                if taken[lang] >= per_lang:
                    continue
                po = convert(mo)
                taken[lang] += 1
                out.append((po, lang.replace("_", "-")))
        except (BenchError, OSError, subprocess.CalledProcessError) as e:
            print(f"bench_recall: no Debian catalogs ({e})", file=sys.stderr)
    if REAL_PO.is_dir():
        for p in sorted(REAL_PO.glob("*.po")):
            lang = p.name.split(".")[1].replace("_", "-")
            if lang != "en":
                out.append((p, lang))
    return out


def po_run(
    work: Path, catalogs: list[tuple[Path, str]], per_catalog: int, seed: int,
    types: set[str] | None, extra: list[str], tally: Tally,
) -> None:
    """Plant placeholder/markup errors into the catalogs, check, score."""
    from reviewer.formats import open_document

    d = work / "po"
    d.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    meta: dict[str, list[tuple[str, int, str, str]]] = {}
    syntaxes = list(PP.SYNTAX_SAMPLES)
    for n, (path, lang) in enumerate(catalogs):
        try:
            doc = open_document(path)
            segs = [s for s in doc.segments if s.target and s.source and s.plural_source is None]
        except Exception as e:  # a catalog the reader rejects: skip it, say so
            print(f"bench_recall: skipped {path.name}: {e}", file=sys.stderr)
            continue
        clean_rows: list[tuple[str, str, frozenset[str], str | None]] = []
        planted_rows: list[tuple[str, str, frozenset[str], str | None]] = []
        kinds: list[tuple[str, int, str, str]] = []
        nat = synth = 0
        k = n
        for s in segs:
            rng = random.Random(f"{seed}:{path.name}:{s.index}")
            src, tgt = s.source, s.target or ""
            got = None
            if nat < per_catalog:
                got = PP.natural_placeholder(src, tgt, rng) or PP.natural_markup(src, tgt, rng)
                if got and types is not None and got[0] not in types and got[0].split(":")[0] not in types:
                    got = None
                if got:
                    nat += 1
                    cs, ct, pt = src, tgt, got[1]
                    typ = got[0]
            if got is None and synth < per_catalog and s.context is None:
                k += 1
                if k % (len(syntaxes) + 2) < len(syntaxes):
                    syn = syntaxes[k % (len(syntaxes) + 2)]
                    r = PP.synthetic_placeholder(src, tgt, syn, rng)
                    if r:
                        typ = f"placeholder:{syn}"
                        cs, ct, pt = r
                        got = (typ, pt)
                else:
                    m = PP.synthetic_markup(src, tgt, k, rng)
                    if m:
                        typ, cs, ct, pt = m
                        got = (typ, pt)
                if got and types is not None and typ not in types and typ.split(":")[0] not in types:
                    got = None
                if got:
                    synth += 1
            if got is None:
                continue
            kinds.append((typ, len(clean_rows), cs, pt))
            clean_rows.append((cs, ct, s.flags, s.context))
            planted_rows.append((cs, pt, s.flags, s.context))
        if not kinds:
            continue
        stem = f"{n:03d}.{path.stem}"
        PP.write_po(str(d / f"{stem}.clean.po"), lang, clean_rows)
        PP.write_po(str(d / f"{stem}.planted.po"), lang, planted_rows)
        files += [d / f"{stem}.clean.po", d / f"{stem}.planted.po"]
        meta[stem] = kinds
    if not files:
        return
    found = run_check(files, extra, None, None)
    for stem, kinds in meta.items():
        for typ, idx, cs, pt in kinds:
            clean = found.get((f"{stem}.clean.po", str(idx)), [])
            tally.add_clean("po:" + stem.split(".", 1)[1].split(".")[0], clean)
            hit = detected(found.get((f"{stem}.planted.po", str(idx)), []), clean,
                           frozenset({typ.split(":")[0]}), [], True)
            tally.add(typ, hit, {"dir": stem, "row": str(idx), "source": cs[:120],
                                 "target": pt[:120]})


# ----------------------------------------------------------------------- report


def report(tally: Tally, args: argparse.Namespace, seconds: float) -> dict[str, Any]:
    types = sorted(tally.rows, key=lambda t: (t.startswith(("placeholder", "markup")), t))
    per_type = {
        t: {
            "rows": tally.rows[t],
            "found": tally.found[t],
            "recall": round(tally.found[t] / tally.rows[t], 3) if tally.rows[t] else None,
            "meaning_level": t in PE.MEANING_TYPES,
            "recall_into_en": _ratio(tally.split.get((t, "into_en"))),
            "recall_from_en": _ratio(tally.split.get((t, "from_en"))),
            "by_check": dict(tally.by_check[t]),
            "misses": tally.misses[t],
        }
        for t in types
    }
    nt = {g: c for g, c in tally.clean.items() if not g.startswith("po:")}
    po = {g: c for g, c in tally.clean.items() if g.startswith("po:")}

    def share(groups: dict[str, list[int]]) -> dict[str, Any]:
        if not groups:
            return {}
        per = {g: (c[1] / c[0], c[2] / c[0], c[0]) for g, c in groups.items() if c[0]}
        return {
            "rows": sum(c[0] for c in groups.values()),
            "mean_flagged": round(sum(v[0] for v in per.values()) / len(per), 4),
            "max_flagged": round(max(v[0] for v in per.values()), 4),
            "max_major": round(max(v[1] for v in per.values()), 4),
            "worst": sorted(((g, round(v[0], 3), round(v[1], 3)) for g, v in per.items()),
                            key=lambda x: -x[1])[:5],
        }

    return {
        "seed": args.seed,
        "limit": args.limit,
        "undeclared": args.undeclared,
        "seconds": round(seconds, 1),
        "types": per_type,
        "clean_ntrex": share(nt),
        "clean_po": share(po),
        "clean_checks": dict(tally.clean_checks.most_common()),
    }


def _ratio(c: list[int] | None) -> float | None:
    return round(c[1] / c[0], 3) if c and c[0] else None


def print_report(r: dict[str, Any]) -> None:
    print(f"{'type':30} {'rows':>6} {'found':>6} {'recall':>7} {'X->en':>6} {'en->X':>6}"
          "  checks that found it")
    for t, v in r["types"].items():
        def f(x: float | None) -> str:
            return "-" if x is None else f"{x:.2f}"
        mark = " (meaning)" if v["meaning_level"] else ""
        bc = ", ".join(f"{k} {n}" for k, n in sorted(v["by_check"].items(), key=lambda x: -x[1]))
        print(f"{t + mark:30} {v['rows']:6d} {v['found']:6d} {f(v['recall']):>7} "
              f"{f(v.get('recall_into_en')):>6} {f(v.get('recall_from_en')):>6}  {bc}")
    for key, label in (("clean_ntrex", "clean NTREX rows"), ("clean_po", "clean PO rows")):
        c = r[key]
        if not c:
            continue
        print(
            f"{label}: {c['rows']} rows; flagged mean {c['mean_flagged']:.1%} over groups, "
            f"worst {c['max_flagged']:.1%}; major/critical worst {c['max_major']:.1%}"
        )
        print("  worst groups: " + "; ".join(f"{g} {a:.0%} ({b:.0%} major)" for g, a, b in c["worst"]))
    print("checks on clean rows: " + ", ".join(f"{k} {v}" for k, v in r["clean_checks"].items()))
    print(f"({r['seconds']} s, seed {r['seed']}, {r['limit']} NTREX rows per direction"
          + (", languages not declared)" if r.get("undeclared") else ")"))


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=100, help="NTREX rows per direction (sampled)")
    ap.add_argument("--langs", default="", help="NTREX codes, comma-separated (default: all)")
    ap.add_argument("--types", default="", help="error types, comma-separated (default: all); "
                    "'placeholder' / 'markup' select the catalog types")
    ap.add_argument("--po-catalogs", type=int, default=3,
                    help="Debian catalogs per language (0: only the real-files PO)")
    ap.add_argument("--po-per-catalog", type=int, default=40,
                    help="planted units per catalog, natural and synthetic each")
    ap.add_argument("--no-po", action="store_true", help="skip the catalogs")
    ap.add_argument("--no-ntrex", action="store_true", help="skip NTREX")
    ap.add_argument("--ntrex", type=Path, default=NTREX)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--enable", default="", help="extra checks to enable, e.g. meaning")
    ap.add_argument("--undeclared", action="store_true",
                    help="do not pass the NTREX languages to reviewer check (files that "
                    "do not name their languages)")
    ap.add_argument("--keep", type=Path, help="write the planted files here and keep them")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--misses", type=int, default=3, help="missed rows kept per type (JSON)")
    ap.add_argument("--show-misses", action="store_true", help="print the kept missed rows")
    args = ap.parse_args(list(argv) if argv is not None else None)
    t0 = time.perf_counter()
    sel = [t for t in args.types.split(",") if t]
    nt_types = [t for t in PE.NTREX_TYPES if not sel or t in sel]
    po_types = None if not sel else {t for t in sel if t.startswith(("placeholder", "markup"))}
    extra = ["--enable", args.enable] if args.enable else []
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_recall."))
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally(args.misses)
    try:
        if not args.no_ntrex and nt_types:
            if not args.ntrex.is_dir():
                raise BenchError(f"{args.ntrex}: NTREX-128 not found (--ntrex DIR)")
            langs = [c for c in args.langs.split(",") if c] or ntrex_langs(args.ntrex)
            src = (args.ntrex / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
            rows = sorted(random.Random(args.seed).sample(range(len(src)), min(args.limit, len(src))))
            for code in langs:
                p = args.ntrex / f"newstest2019-ref.{code}.txt"
                if not p.is_file():
                    raise BenchError(f"{p}: no such NTREX language")
                tgt = p.read_text(encoding="utf-8").splitlines()
                for s_code, t_code, s_lines, t_lines in (
                    ("eng", code, src, tgt), (code, "eng", tgt, src)
                ):
                    ntrex_direction(work, s_code, t_code, s_lines, t_lines, rows, nt_types,
                                    args.seed, extra, tally, args.undeclared)
                print(f"bench_recall: {code} done", file=sys.stderr)
        if not args.no_po and (po_types is None or po_types):
            cats = po_catalogs(args.po_catalogs)
            po_run(work, cats, args.po_per_catalog, args.seed, po_types, extra, tally)
    except BenchError as e:
        print(f"bench_recall: {e}", file=sys.stderr)
        return 2
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    r = report(tally, args, time.perf_counter() - t0)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=1))
    else:
        print_report(r)
    if args.show_misses:
        for t, v in r["types"].items():
            for m in v["misses"]:
                print(f"MISS {t}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Term adherence on the WMT25 terminology task (track 1, English to German, proper mode)
against the official ``proper_term_success_rate``.

Data: ``../shared/data/wmt25-terminology-ende`` (not part of the project; skipped when
absent): ``submissions/TEAM.ende.proper.jsonl`` (keys ``en``, ``terms``, ``de``; a file
without ``terms`` takes the line's ``proper`` dict from ``full_data.ende.jsonl``) and
``track1_scores.de.json`` (``{"de": {"proper": {TEAM: {"proper_term_success_rate": ...}}}}``).

For each line, the glossary is the line's ``terms`` dict (as a unit's own terms), made
case-insensitive like the official scorer; *found* counts the source terms our matcher
finds in ``en``, *approved* those whose target term (inflections and compounds allowed)
is in the hypothesis ``de``. Prints ours vs official per system, the largest absolute
difference (target <= 0.03) and the Spearman rank correlation (target >= 0.9).

Run: ``python benchmarks/bench_term_adherence.py [DATA_DIR]``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer.model import Segment  # noqa: E402
from reviewer.terms import Entry, Glossary  # noqa: E402

DEFAULT = Path(
    os.environ.get("REVIEWER_SHARED_DATA", REPO.parent / "shared" / "data")
) / "wmt25-terminology-ende"


def _ranks(xs: list[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rho (scipy when installed, else Pearson on average ranks)."""
    try:
        from scipy.stats import spearmanr

        return float(spearmanr(a, b).statistic)
    except ImportError:
        ra, rb = _ranks(a), _ranks(b)
        n = len(a)
        ma, mb = sum(ra) / n, sum(rb) / n
        cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
        va = sum((x - ma) ** 2 for x in ra) ** 0.5
        vb = sum((y - mb) ** 2 for y in rb) ** 0.5
        return cov / (va * vb) if va and vb else float("nan")


def system_rate(path: Path, fallback_terms: list[dict[str, str]]) -> tuple[float, int, int]:
    """``(rate, found, approved)`` of one submission file."""
    found = approved = 0
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if not line.strip():
                continue
            obj = json.loads(line)
            terms = obj.get("terms")
            if terms is None:
                terms = fallback_terms[i] if i < len(fallback_terms) else {}
            if not terms:
                continue
            g = Glossary(Entry(s, (t,), (), False) for s, t in terms.items())
            seg = Segment(str(i + 1), i, obj.get("en") or "", obj.get("de") or "")
            f, a = g.adherence(seg, "en", "de")
            found += f
            approved += a
    return (approved / found if found else 0.0), found, approved


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else DEFAULT
    subs = data / "submissions"
    scores_file = data / "track1_scores.de.json"
    if not subs.is_dir() or not scores_file.is_file():
        print(f"skipped: WMT25 terminology data not found in {data}")
        return 0
    official = json.loads(scores_file.read_text(encoding="utf-8"))["de"]["proper"]
    fallback: list[dict[str, str]] = []
    full = data / "full_data.ende.jsonl"
    if full.is_file():
        with full.open(encoding="utf-8") as fh:
            fallback = [json.loads(x).get("proper") or {} for x in fh if x.strip()]
    rows: list[tuple[str, float, float, int, int]] = []
    t0 = time.perf_counter()
    for path in sorted(subs.glob("*.ende.proper.jsonl")):
        team = path.name.split(".ende.")[0]
        off = official.get(team, {}).get("proper_term_success_rate")
        if off is None:
            continue
        rate, found, appr = system_rate(path, fallback)
        rows.append((team, rate, float(off), found, appr))
    took = time.perf_counter() - t0
    if not rows:
        print("skipped: no proper-mode submission with an official score")
        return 0
    print(f"{'system':28s} {'ours':>7s} {'official':>9s} {'diff':>7s}  found approved")
    for team, ours, off, found, appr in rows:
        print(f"{team:28s} {ours:7.4f} {off:9.4f} {ours - off:+7.4f}  {found:5d} {appr:8d}")
    max_diff = max(abs(o - f) for _, o, f, _, _ in rows)
    rho = spearman([r[1] for r in rows], [r[2] for r in rows])
    print(f"systems: {len(rows)}  time: {took:.2f} s")
    print(f"max |ours - official| = {max_diff:.4f} (target <= 0.03): {'OK' if max_diff <= 0.03 else 'MISSED'}")
    print(f"Spearman rho = {rho:.4f} (target >= 0.9): {'OK' if rho >= 0.9 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

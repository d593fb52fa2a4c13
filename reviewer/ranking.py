"""``reviewer score``: systems ranked by corpus and segment metrics, with bootstrap
confidence intervals and paired significance against a baseline, and their tables.

The metrics' per-segment statistics (sacrebleu-compatible BLEU, chrF, TER) are
:mod:`reviewer.metrics`; this module reads the systems, ranks and renders them.
(Formerly ``reviewer.scoring``, which still re-exports it.)"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError, UsageError
from .formats import SUFFIXES
from .formats.base import ReadOptions, read_text
from .inputs import open_one, readable_path
from .metrics import HIGHER_IS_BETTER, METRICS, MetricOptions, SegmentStats, corpus_scores, make_metric
from .safetext import csv_cell, latex_escape, split_lines, terminal_safe

__all__ = ["SystemScores", "read_lines", "check_request", "read_system", "score_systems",
           "significance", "confidence", "ranked", "to_json", "segment_table", "render"]

DISPLAY = {"bleu": "BLEU", "chrf": "chrF2", "chrf++": "chrF2++", "ter": "TER"}


@dataclass
class SystemScores:
    """One system's statistics per metric, plus significance results when computed."""

    name: str
    stats: dict[str, SegmentStats]
    ci: dict[str, tuple[float, float]] = field(default_factory=dict)  # metric -> (mean, ±)
    p_value: dict[str, float | None] = field(default_factory=dict)
    test_signature: dict[str, str] = field(default_factory=dict)
    hyps: list[str] = field(default_factory=list, repr=False)

    def signature(self, metric: str) -> str:
        """The signature to print: the significance test's when one ran."""
        return self.test_signature.get(metric) or self.stats[metric].signature

    def score(self, metric: str) -> float:
        """Corpus score of ``metric``."""
        return float(self.stats[metric].corpus().score)


def read_lines(path: str | Path) -> list[str]:
    """A plain-text file as lines (one segment a line; final newline optional)."""
    return split_lines(read_text(path))


def check_request(metrics: Sequence[str], n_samples: int) -> None:
    """Refuse a request that cannot give a table: no metric, an unknown one, or a
    negative number of resamples."""
    if not metrics:
        raise UsageError("no metric given: --metrics takes a comma-separated list of "
                         f"{', '.join(METRICS)}")
    for m in metrics:
        if m not in METRICS:
            raise UsageError(f"unknown metric {m!r} (known: {', '.join(METRICS)})")
    if n_samples < 0:
        raise UsageError(f"--n-samples must be 0 (the default) or more, not {n_samples}")


def read_system(path: str | Path, options: ReadOptions | None = None) -> tuple[list[str], list[str] | None]:
    """Hypotheses from a plain-text file or the targets of any bilingual file, and the
    file's own references when it has them (a reference column)."""
    p = readable_path(path)
    # the one suffix registry; a file without a known suffix (a pipe) as --input-format says
    kind = SUFFIXES.get(p.suffix.lower()) or getattr(options, "format", None) or "txt"
    if kind == "txt":
        return read_lines(p), None
    segs = list(open_one(path, options))
    refs = [s.reference for s in segs]
    hyps = [s.target or "" for s in segs]
    return hyps, (None if any(r is None for r in refs) else [r or "" for r in refs])


def score_systems(
    hyp_paths: Sequence[str],
    ref_paths: Sequence[str],
    metrics: Sequence[str] = METRICS,
    options: MetricOptions | None = None,
    read_options: ReadOptions | None = None,
    names: Sequence[str] | None = None,
) -> tuple[list[SystemScores], list[list[str]]]:
    """Read every system and reference and compute their per-segment statistics."""
    for m in metrics:
        if m not in METRICS:
            raise UsageError(f"unknown metric {m!r} (known: {', '.join(METRICS)})")
    systems_raw = [read_system(p, read_options) for p in hyp_paths]
    refs = [read_system(r, read_options)[0] for r in ref_paths]
    if not refs:
        own = systems_raw[0][1] if systems_raw else None
        if own is None:
            raise UsageError("no reference: give --ref FILE (or a file with a reference column)")
        refs = [own]
    n = len(refs[0])
    if n == 0:
        raise InputError("no segment to score: the reference is empty",
                         ref_paths[0] if ref_paths else hyp_paths[0])
    for path, r in zip(ref_paths, refs):
        if len(r) != n:
            raise InputError(f"reference has {len(r)} segments, the first reference has {n}", path)
    for path, (hyps, _) in zip(hyp_paths, systems_raw):
        if len(hyps) != n:
            raise InputError(f"hypothesis has {len(hyps)} segments, the reference has {n}", path)
    labels = list(names) if names else _labels(hyp_paths)
    out = [
        SystemScores(label, corpus_scores(hyps, refs, metrics, options), hyps=hyps)
        for label, (hyps, _) in zip(labels, systems_raw)
    ]
    return out, refs


def _labels(paths: Sequence[str]) -> list[str]:
    """File names as system names; the paths as given when two file names collide
    (``a/out.txt`` and ``b/out.txt``)."""
    base = [Path(p).name for p in paths]
    return base if len(set(base)) == len(base) else [str(p) for p in paths]


def significance(systems: list[SystemScores], refs: list[list[str]], metrics: Sequence[str],
                 test: str = "bs", n_samples: int = 1000,
                 options: MetricOptions | None = None) -> None:
    """Paired significance of every system against the first (the baseline), as
    sacrebleu's ``--paired-bs``/``--paired-ar``; bootstrap also yields 95% CIs."""
    from sacrebleu.significance import PairedTest

    named: list[tuple[str, Sequence[str]]] = [(s.name, s.stats[metrics[0]].hyps) for s in systems]
    mobjs = {m: make_metric(m, options) for m in metrics}
    if test == "ar":
        pt = PairedTest(named, mobjs, refs, test_type="ar", n_samples=n_samples or 10000)
    else:
        pt = PairedTest(named, mobjs, refs, test_type="bs", n_samples=n_samples or 1000)
    sigs, results = pt()
    keys = [k for k in results if k != "System"]  # sacrebleu's score names, in order
    for m, key in zip(metrics, keys):
        for sys in systems:
            sys.test_signature[m] = str(sigs[key])
        for sys, res in zip(systems, results[key]):
            p = getattr(res, "p_value", None)
            sys.p_value[m] = None if p is None else float(p)
            mean, ci = getattr(res, "mean", None), getattr(res, "ci", None)
            if mean is not None and ci is not None:
                sys.ci[m] = (float(mean), float(ci))


def confidence(systems: list[SystemScores], metrics: Sequence[str], n_samples: int = 1000) -> None:
    """95% bootstrap confidence intervals for each system alone."""
    for s in systems:
        for m in metrics:
            mean, low, high = s.stats[m].bootstrap_ci(n_samples)
            s.ci[m] = (mean, (high - low) / 2)


def ranked(systems: list[SystemScores], metric: str) -> list[SystemScores]:
    """Systems best first by ``metric``."""
    return sorted(systems, key=lambda s: s.score(metric), reverse=HIGHER_IS_BETTER[metric])


def _num(x: float | None, digits: int = 4) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)


def to_json(systems: list[SystemScores], metrics: Sequence[str], segments: bool) -> dict[str, Any]:
    """The JSON object of interfaces.md (numbers as plain floats)."""
    out: dict[str, Any] = {"systems": []}
    for s in systems:
        entry: dict[str, Any] = {
            "system": s.name,
            "scores": {m: _num(s.score(m)) for m in metrics},
            "signatures": {m: s.signature(m) for m in metrics},
        }
        if s.ci:
            entry["ci95"] = {m: {"mean": _num(v[0]), "plus_minus": _num(v[1])} for m, v in s.ci.items()}
        if s.p_value:
            entry["p_value"] = {m: _num(v) for m, v in s.p_value.items()}
        out["systems"].append(entry)
    if segments:
        out["segments"] = [
            {"system": s.name, "index": i,
             **{m: _num(s.stats[m].segment(i)) for m in metrics}}
            for s in systems for i in range(len(s.stats[metrics[0]]))
        ]
    return out


def segment_table(systems: list[SystemScores], metrics: Sequence[str], fmt: str) -> str:
    """Sentence-level scores (``--segments``) in ``fmt`` (text, csv, latex): one row a
    segment and system, segments numbered from 1, after a blank line."""
    header = ["system", "segment"] + [DISPLAY[m] for m in metrics]
    rows = []
    for sys_ in systems:
        for i in range(len(sys_.stats[metrics[0]])):
            cells = [sys_.name, str(i + 1)]
            for m in metrics:
                v = _num(sys_.stats[m].segment(i), 2)
                cells.append("" if v is None else f"{v:.2f}")
            rows.append(cells)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["system", "segment"] + list(metrics))
        w.writerows(rows)
        return "\n" + buf.getvalue()
    if fmt == "latex":
        esc = lambda t: t.replace("_", r"\_").replace("%", r"\%").replace("&", r"\&")  # noqa: E731
        lines = [r"\begin{tabular}{lr" + "r" * len(metrics) + "}", r"\toprule",
                 " & ".join(esc(h) for h in header) + r" \\", r"\midrule"]
        lines += [" & ".join(esc(c) for c in r) + r" \\" for r in rows]
        lines += [r"\bottomrule", r"\end{tabular}"]
        return "\n" + "\n".join(lines) + "\n"
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]
    fmt_row = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = ["", "sentence-level scores", fmt_row(header), fmt_row(["-" * w for w in widths])]
    out += [fmt_row(r) for r in rows]
    return "\n".join(out) + "\n"


def render(systems: list[SystemScores], metrics: Sequence[str], fmt: str,
           segments: bool = False) -> str:
    """Render results as ``text``, ``json``, ``csv`` or ``latex``."""
    if fmt == "json":
        return json.dumps(to_json(systems, metrics, segments), ensure_ascii=False, indent=2) + "\n"
    if segments:  # the corpus table, then one row a segment and system
        return render(systems, metrics, fmt) + segment_table(systems, metrics, fmt)
    order = ranked(systems, metrics[0]) if len(systems) > 1 else systems
    baseline = systems[0]
    rows = []
    for rank, s in enumerate(order, 1):
        cells = [str(rank), s.name + (" (baseline)" if s is baseline and len(systems) > 1 else "")]
        for m in metrics:
            cell = f"{s.score(m):.2f}"
            if m in s.ci:
                cell += f" ± {s.ci[m][1]:.2f}"
            p = s.p_value.get(m)
            if p is not None:
                cell += f" (p={p:.4f}{'*' if p < 0.05 else ''})"
            cells.append(cell)
        rows.append(cells)
    header = ["rank", "system"] + [DISPLAY[m] for m in metrics]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["rank", "system"] + [csv_cell(c) for m in metrics
                                          for c in (m, f"{m}_ci95", f"{m}_p")])
        for rank, s in enumerate(order, 1):
            row: list[Any] = [rank, csv_cell(s.name)]
            for m in metrics:
                row += [f"{s.score(m):.4f}", f"{s.ci[m][1]:.4f}" if m in s.ci else "",
                        "" if s.p_value.get(m) is None else f"{s.p_value[m]:.4f}"]
            w.writerow(row)
        # spreadsheets read UTF-8 (accented system names) only with a byte-order mark
        return "\ufeff" + buf.getvalue()
    if fmt == "latex":
        esc = latex_escape
        lines = [r"\begin{tabular}{rl" + "r" * len(metrics) + "}", r"\toprule",
                 " & ".join(esc(h) for h in header) + r" \\", r"\midrule"]
        lines += [" & ".join(esc(c).replace("±", r"$\pm$") for c in r) + r" \\" for r in rows]
        lines += [r"\bottomrule", r"\end{tabular}"]
        sigs = "; ".join(f"{DISPLAY[m]}: {systems[0].signature(m)}" for m in metrics)
        return "\n".join(lines) + f"\n% {esc(sigs)}\n"
    rows = [[terminal_safe(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    fmt_row = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    text = [fmt_row(header), fmt_row(["-" * w for w in widths])] + [fmt_row(r) for r in rows]
    text.append("")
    for m in metrics:
        text.append(f"{DISPLAY[m]} signature: {systems[0].signature(m)}")
    if any(s.p_value for s in systems):
        text.append("* p < 0.05 against the baseline (the first system given)")
    return "\n".join(text) + "\n"

"""Markdown report for pull requests and wikis (GitHub-flavoured).

A summary table, the worst findings first (all of them when there are at most 20), then,
for longer lists, per file a collapsible ``<details>`` block with its findings (up to 500). All text from the documents is escaped: HTML-escaped (GitHub
renders inline HTML) and Markdown punctuation backslash-escaped, so a translation can
neither inject markup nor break a table.
"""

from __future__ import annotations

import html
import re
from typing import IO, Any

from ..model import Finding
from .common import display_text, fmt_num, fmt_rate, pieces, unit_label, visible_blank
from .data import FileReport, ReportData, SegmentRow

TOP_FINDINGS = 20
MAX_PER_FILE = 500  # GitHub caps comments at 65,536 characters, job summaries at 1 MiB
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ICON = {"critical": "🛑", "major": "🔴", "minor": "🟡", "neutral": "⚪"}


def md(text: str | None) -> str:
    """Text safe inside Markdown (and a table cell): HTML-escaped, Markdown punctuation
    escaped, line breaks shown as ``⏎``."""
    if text is None:
        return ""
    text = visible_blank(text)
    t = html.escape(text, quote=False)
    t = _MD_SPECIAL.sub(r"\\\1", t)
    return t.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def _marked(row: SegmentRow, f: Finding) -> str:
    """The finding's side with its span in bold (codes shown by label)."""
    text = row.source if f.side == "source" else (row.target or "")
    codes = row.source_codes if f.side == "source" else row.target_codes
    if f.form not in (None, 0) or not (0 <= f.start <= f.end <= len(text)):
        return md(display_text(f.text, codes))
    if f.start == f.end:  # an empty span (something missing): mark the place
        return md(display_text(text[:f.start], codes)) + "<b>‸</b>" + md(display_text(text[f.start:], codes))
    out = []
    for p in pieces(text, [f]):
        chunk = md(display_text(text[p.start:p.end], codes))
        out.append(f"<b>{chunk}</b>" if p.findings else chunk)
    return "".join(out)


def _summary_rows(data: ReportData) -> list[tuple[str, str]]:
    s = data.summary
    f = s["findings"]
    sev = ", ".join(f"{v} {k}" for k, v in f["by_severity"].items() if v) or "none"
    rows = [("Files", f"{s['files']:,}"), ("Segments", f"{s['units']:,}"),
            ("Words (target)" if all(fl.target_only for fl in data.files) else "Words (source)",
             f"{s['words']:,}"), ("Findings", f"{f['total']:,} ({sev})")]
    if s.get("dismissed"):
        rows.append(("Dismissed by reviewers", f"{s['dismissed']:,}"))
    mqm = s.get("mqm")
    if mqm:
        verdict = "" if mqm["pass"] is None else (" — **pass**" if mqm["pass"] else " — **fail**")
        src = "store annotations" if mqm["source"] == "annotations" else (
            "estimated from findings" if mqm["source"] == "findings" else "annotations and findings")
        rows.append((f"MQM ({md(mqm['profile'])}, {src})", f"{fmt_num(mqm['score'])}{verdict}"))
    ta = s.get("term_adherence")
    if ta:
        rows.append(("Term adherence", f"{fmt_rate(ta['rate'])} ({ta['approved']}/{ta['found']})"))
    sc = s.get("scores")
    if sc:
        m = sc["metrics"]
        rows.append(("BLEU / chrF / TER", f"{m['bleu']:.2f} / {m['chrf']:.2f} / {m['ter']:.2f}"))
    pe = s.get("post_edit")
    if pe:
        rows.append(("Post-edit effort", f"HTER {pe['hter']:.2f}, {pe['edited_segments']}/"
                     f"{pe['segments']} segments edited"))
    if data.fail_on:
        rows.append(("Gate", f"findings at or above {data.fail_on}: "
                     + ("**failed**" if data.failed else "passed")))
    return rows


def _finding_line(file: FileReport, row: SegmentRow, f: Finding) -> str:
    line = f.line if f.line is not None else row.line  # msgid / msgstr line of a PO entry
    loc = md(file.path) + (f":{line}" if line is not None else "")
    sugg = f" → suggestion: {md(f.suggestion)}" if f.suggestion is not None else ""
    return (f"| {_ICON[str(f.severity)]} {f.severity} | `{f.check}` | {loc} "
            f"| {md(unit_label(row.unit))}{_about(row)} | {md(f.message)} | {_marked(row, f)}{sugg} |")


def _about(row: SegmentRow) -> str:
    """The unit's context and notes, for the unit cell (each note shortened)."""
    parts = ([f"context: {row.context}"] if row.context is not None else []) + [
        n if len(n) <= 120 else n[:119] + "…" for n in row.notes]
    return "".join(f"<br>_{md(p)}_" for p in parts)


_TABLE_HEAD = ("| severity | check | where | unit | message | text |\n"
               "|---|---|---|---|---|---|")


def _systems(data: ReportData) -> list[str]:
    lines = ["", "### Systems (ranked by chrF, 95% confidence intervals)", "",
             "| rank | system | BLEU | chrF | TER | findings | MQM |", "|---:|---|---:|---:|---:|---:|---:|"]
    for s in data.systems:
        cells = [f"{s['scores'][m]:.2f} ± {s['ci95'][m]['plus_minus']:.2f}" for m in ("bleu", "chrf", "ter")]
        lines.append(f"| {s['rank']} | {md(s['system'])} | " + " | ".join(cells)
                     + f" | {s['findings']} | {fmt_num(s['mqm'])} |")
    return lines


def _files_table(data: ReportData) -> list[str]:
    lines = ["", "### Files", "", "| file | segments | findings | critical | major | minor | MQM | chrF |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for file in data.files:
        f = file.stats["findings"]
        sev = f["by_severity"]
        mqm = "–" if file.mqm is None else fmt_num(file.mqm["score"])
        chrf = "–" if file.scores is None else f"{file.scores['chrf']:.2f}"
        lines.append(f"| {md(file.path)} | {file.stats['units']:,} | {f['total']:,} | {sev['critical']} "
                     f"| {sev['major']} | {sev['minor']} | {mqm} | {chrf} |")
    return lines


def _meaning(d: dict[str, Any]) -> list[str]:
    """The meaning-similarity distribution: summary figures and the histogram."""
    out = ["", "### Meaning similarity", ""]
    if not d["count"]:
        return out + [f"No segment to compare ({d['missing']:,} without text)."]
    out += ["| segments | without text | mean | min | p05 | p25 | median | p75 | max |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {d['count']:,} | {d['missing']:,} | " + " | ".join(
                f"{d[k]:.2f}" for k in ("mean", "min", "p05", "p25", "median", "p75", "max")) + " |",
            "", "| similarity | segments |", "|---|---:|"]
    e, c = d["histogram"]["edges"], d["histogram"]["counts"]
    out += [f"| {e[k]:.1f}–{e[k + 1]:.1f} | {n:,} |" for k, n in enumerate(c)]
    return out


def render_markdown(data: ReportData) -> str:
    """The Markdown text of the report."""
    out: list[str] = [f"## {md(data.title)}", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in _summary_rows(data)]
    if data.systems:
        out += _systems(data)
    if data.summary.get("meaning"):
        out += _meaning(data.summary["meaning"])
    if len(data.files) > 1:
        out += _files_table(data)
    every = [(file, row, f) for file in data.files for row in file.segments for f in row.findings]
    if every:
        top = sorted(every, key=lambda t: -int(t[2].severity))[:TOP_FINDINGS]
        title = "Top findings" if len(every) > TOP_FINDINGS else "Findings"
        out += ["", f"### {title}", "", _TABLE_HEAD]
        out += [_finding_line(*t) for t in top]
        if len(every) > TOP_FINDINGS:
            out.append(f"\n…and {len(every) - TOP_FINDINGS:,} more, listed per file below.")
    by_check = data.summary["findings"]["by_check"]
    if by_check:
        out += ["", "<details><summary>Findings by check</summary>", "", "| check | findings |", "|---|---:|"]
        out += [f"| `{k}` | {v:,} |" for k, v in sorted(by_check.items(), key=lambda kv: (-kv[1], kv[0]))]
        out += ["", "</details>"]
    for file in data.files if len(every) > TOP_FINDINGS else []:
        items = [(row, f) for row in file.segments for f in row.findings]
        if not items:
            continue
        out += ["", f"<details><summary>{html.escape(file.path)}: {len(items):,} findings</summary>",
                "", _TABLE_HEAD]
        out += [_finding_line(file, row, f) for row, f in items[:MAX_PER_FILE]]
        if len(items) > MAX_PER_FILE:
            out.append(f"\n…and {len(items) - MAX_PER_FILE:,} more in this file (the JSON, CSV and "
                       "HTML reports have them all).")
        out += ["", "</details>"]
    out += ["", f"<sub>reviewer {md(data.version)} · {md(data.generated)} · signature "
            f"<code>{html.escape(data.signature.string())}</code></sub><br>"]
    out += [f"<sub>{metric}: <code>{html.escape(sig)}</code></sub><br>"
            for metric, sig in sorted(data.signature.sacrebleu.items())]
    return "\n".join(out) + "\n"


def write_markdown(data: ReportData, out: IO[str]) -> None:
    """Write the Markdown report."""
    out.write(render_markdown(data))


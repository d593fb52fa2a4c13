"""The HTML report: one self-contained file (inline CSS, script and SVG; no network).

Summary cards, inline SVG charts, the ranked table of systems when several files share
references, and the segment table with highlighted spans, filterable and sortable.
Every piece of text from documents, glossaries or options goes through
:func:`html.escape`; a Content-Security-Policy allows no network access and only the
report's own script (by its hash), so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from typing import IO, Sequence

from ..model import Finding, Severity
from . import svg
from .common import display_text, fmt_num, fmt_rate, is_code, pieces, unit_label, visible_blank, worst
from .data import FileReport, ReportData, SegmentRow
from .html_assets import CSS, JS

MAX_ROWS = 5000  # beyond this, the table keeps segments with findings or review state


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def render_side(text: str, codes: Sequence[str], findings: Sequence[Finding]) -> str:
    """A side's text as HTML: flagged spans in ``<mark>`` (class by worst severity, the
    messages as tooltip), empty spans as a caret, inline codes as labelled chips."""
    gaps: dict[int, list[Finding]] = {}
    for f in findings:
        if f.start == f.end and 0 <= f.start <= len(text):
            gaps.setdefault(f.start, []).append(f)
    out: list[str] = []

    def chars(a: int, b: int) -> str:
        buf: list[str] = []
        for i in range(a, b):
            if i in gaps:
                buf.append(_gap(gaps.pop(i)))
            ch = text[i]
            if is_code(ch):
                buf.append(f'<span class="code">{_e(display_text(ch, codes))}</span>')
            else:
                buf.append(_e(ch))
        return "".join(buf)

    for p in pieces(text, findings):
        inner = chars(p.start, p.end)
        if p.findings:
            sev = worst(p.findings)
            tip = "\n".join(f"{f.check}: {f.message}" for f in p.findings)
            out.append(f'<mark class="m-{sev}" title="{_e(tip)}">{inner}</mark>')
        else:
            out.append(inner)
    for _, fs in sorted(gaps.items()):
        out.append(_gap(fs))
    return "".join(out)


def _gap(fs: list[Finding]) -> str:
    tip = "\n".join(f"{f.check}: {f.message}" for f in fs)
    return f'<mark class="gap m-{worst(fs)}" title="{_e(tip)}">‸</mark>'


def _card(label: str, value: str, sub: str = "") -> str:
    return (f'<div class="card"><div class="label">{_e(label)}</div><div class="value">{value}</div>'
            + (f'<div class="sub">{sub}</div>' if sub else "") + "</div>")


def _cards(data: ReportData) -> str:
    s = data.summary
    f = s["findings"]
    chips = " ".join(f'<span class="sev sev-{k}">{v} {k}</span>' for k, v in f["by_severity"].items() if v)
    cards = [_card("Segments", f"{s['units']:,}", f"{s['files']:,} file(s)"),
             _card("Words", f"{s['words']:,}", "target words" if all(fl.target_only for fl in data.files)
                   else "source words"),
             _card("Findings", f"{f['total']:,}", (chips or "none")
                   + (f" · {s['dismissed']} dismissed" if s.get("dismissed") else ""))]
    mqm = s.get("mqm")
    if mqm:
        badge = "" if mqm["pass"] is None else (
            ' <span class="badge pass">pass</span>' if mqm["pass"] else ' <span class="badge fail">fail</span>')
        src = {"annotations": "from reviewers' annotations", "findings": "estimated from findings"}.get(
            mqm["source"], "annotations and findings")
        extra = (f" · threshold {mqm['pass_threshold']:g}" if mqm.get("pass_threshold") is not None else "")
        cards.append(_card(f"MQM ({mqm['profile']})", _e(fmt_num(mqm["score"])) + badge,
                           _e(f"{src} · {mqm['errors']} errors" + extra)))
    ta = s.get("term_adherence")
    if ta:
        cards.append(_card("Term adherence", _e(fmt_rate(ta["rate"])),
                           _e(f"{ta['approved']} of {ta['found']} glossary terms approved")))
    sc = s.get("scores")
    if sc:
        m = sc["metrics"]
        for key, name in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")):
            cards.append(_card(name, f"{m[key]:.2f}", _e(f"{sc['segments']:,} segments vs reference")))
    elif data.systems:
        best = data.systems[0]
        cards.append(_card("Best system (chrF)", f"{best['scores']['chrf']:.2f}", _e(best["system"])))
    pe = s.get("post_edit")
    if pe:
        cards.append(_card("Post-edit effort", f"HTER {pe['hter']:.1f}",
                           _e(f"{pe['edited_segments']} of {pe['segments']} segments edited · "
                              f"+{pe['words_inserted']} −{pe['words_deleted']} "
                              f"~{pe['words_substituted']} words")))
    mn = s.get("meaning")
    if mn:
        value = "–" if mn["median"] is None else f"{mn['median']:.2f}"
        sub = (f"median of {mn['count']:,} segments · p05 {mn['p05']:.2f} · mean {mn['mean']:.2f}"
               if mn["count"] else "no segment to compare")
        if mn["missing"]:
            sub += f" · {mn['missing']:,} without text to compare"
        cards.append(_card("Meaning similarity", _e(value), _e(sub)))
    return '<section class="cards">' + "".join(cards) + "</section>"


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<span><i style="background:{c}"></i>{k}</span>' for k, c in svg.SEVERITY_COLOURS.items()) + "</div>"


def _charts(data: ReportData) -> str:
    by_check: dict[str, dict[str, int]] = {}
    by_cat: dict[str, dict[str, int]] = {}
    for f in data.findings():
        for table, key in ((by_check, f.check), (by_cat, f.category)):
            table.setdefault(key, {}).setdefault(str(f.severity), 0)
            table[key][str(f.severity)] += 1

    def order(t: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
        return sorted(t.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))

    rows = [r for fl in data.files for r in fl.segments]
    if rows and all(r.chrf is not None for r in rows):
        dist = svg.histogram("Segment chrF", [r.chrf or 0.0 for r in rows], axis="sentence chrF")
        dist_title = "Segment scores (sentence chrF against the reference)"
    else:
        dist = svg.histogram("Segment QA score", [r.qa_score for r in rows], axis="QA score")
        dist_title = "Segment scores (QA score from findings, 100 = none)"
    boxes = [("Findings by check", svg.stacked_bars("Findings by check", order(by_check)) + _legend()),
             ("Findings by category", svg.stacked_bars("Findings by category", order(by_cat))),
             (dist_title, dist)]
    mn = data.summary.get("meaning")
    if mn:
        boxes.append(("Meaning similarity (source vs target, cosine)",
                      svg.binned("Meaning similarity", mn["histogram"]["edges"],
                                 mn["histogram"]["counts"], axis="similarity")))
    if data.systems:
        boxes.append(("Systems by chrF (95% CI)", svg.ranked_bars(
            "Systems", [(s["system"], s["scores"]["chrf"], s["ci95"]["chrf"]["plus_minus"])
                        for s in data.systems])))
    elif len(data.files) > 1:
        scored = [(fl.path, fl.mqm["score"] if fl.mqm else 100.0) for fl in data.files]
        scored.sort(key=lambda t: (t[1], t[0]))
        boxes.append(("Worst documents (MQM score, lowest first)",
                      svg.ranked_bars("Worst documents", [(p, v, None) for p, v in scored])))
    return '<section class="charts">' + "".join(
        f'<div class="chart-box"><h3>{_e(t)}</h3>{c}</div>' for t, c in boxes) + "</section>"


def _systems(data: ReportData) -> str:
    if not data.systems:
        return ""
    head = "".join(f'<th class="num">{h}</th>' for h in ("BLEU", "chrF", "TER", "findings", "MQM"))
    body = []
    for s in data.systems:
        cells = "".join(f'<td class="num">{s["scores"][m]:.2f} ± {s["ci95"][m]["plus_minus"]:.2f}</td>'
                        for m in ("bleu", "chrf", "ter"))
        body.append(f'<tr><td class="num">{s["rank"]}</td><td>{_e(s["system"])}</td>{cells}'
                    f'<td class="num">{s["findings"]}</td><td class="num">{_e(fmt_num(s["mqm"]))}</td></tr>')
    return ('<h2>Systems</h2><p class="note">Ranked by chrF; ± is the 95% bootstrap confidence '
            'interval (1,000 resamples, as sacrebleu computes it).</p>'
            f'<table><thead><tr><th class="num">rank</th><th>system</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _files(data: ReportData) -> str:
    if len(data.files) < 2:
        return ""
    body = []
    for fl in data.files:
        sev = fl.stats["findings"]["by_severity"]
        mqm = "–" if fl.mqm is None else fmt_num(fl.mqm["score"]) + (
            "" if fl.mqm["pass"] is None else (" ✓" if fl.mqm["pass"] else " ✗"))
        body.append(f'<tr><td>{_e(fl.path)}</td><td class="num">{fl.stats["units"]:,}</td>'
                    f'<td class="num">{fl.stats["findings"]["total"]:,}</td>'
                    + "".join(f'<td class="num">{sev[k]}</td>' for k in ("critical", "major", "minor"))
                    + f'<td class="num">{_e(mqm)}</td><td class="num">'
                    f'{"–" if fl.scores is None else format(fl.scores["chrf"], ".2f")}</td></tr>')
    return ('<h2>Files</h2><table><thead><tr><th>file</th><th class="num">segments</th>'
            '<th class="num">findings</th><th class="num">critical</th><th class="num">major</th>'
            '<th class="num">minor</th><th class="num">MQM</th><th class="num">chrF</th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _finding_items(row: SegmentRow) -> str:
    items = []
    for f in sorted(row.findings, key=lambda f: -int(f.severity)):
        sugg = (f' <span class="sugg">→ {_e(visible_blank(display_text(f.suggestion, row.target_codes)))}</span>'
                if f.suggestion is not None else "")
        items.append(f'<li><span class="sev sev-{f.severity}">{f.severity}</span> '
                     f'<span class="check">{_e(f.check)}</span> {_e(f.message)}{sugg}</li>')
    for a in row.annotations:
        items.append(f'<li><span class="sev sev-{_e(a["severity"]).lower()}">{_e(a["severity"])}</span> '
                     f'<span class="check">MQM</span> {_e(a["category"])}'
                     + (f" — {_e(a['comment'])}" if a.get("comment") else "") + "</li>")
    return f'<ul class="findings">{"".join(items)}</ul>' if items else ""


def _row(order: int, file: FileReport, row: SegmentRow, multi: bool) -> str:
    src_f = [f for f in row.findings if f.side == "source" and f.form in (None, 0)]
    tgt_f = [f for f in row.findings if f.side == "target" and f.form in (None, 0)]
    sev = worst(row.findings)
    score = row.chrf if row.chrf is not None else row.qa_score
    target = ('<span class="note">(no translation)</span>' if row.target is None
              else render_side(row.target, row.target_codes, tgt_f))
    if row.corrected is not None:
        target += f'<div class="alt"><b>corrected:</b> {_e(display_text(row.corrected, row.target_codes))}</div>'
    if row.reference is not None:
        target += f'<div class="alt"><b>reference:</b> {_e(row.reference)}</div>'
    if row.status:
        target += f'<div class="alt"><b>status:</b> {_e(row.status)}</div>'
    source = render_side(row.source, row.source_codes, src_f)
    if row.context is not None:
        source += f'<div class="alt"><b>context:</b> {_e(row.context)}</div>'
    for note in row.notes:
        source += f'<div class="alt"><b>note:</b> {_e(note)}</div>'
    checks = " ".join(sorted({f.check for f in row.findings}))
    line = row.line if row.line is not None else 0
    return (f'<tr data-order="{order}" data-file="{_e(file.path)}" data-line="{line}" '
            f'data-sev="{-1 if sev is None else int(sev)}" data-n="{len(row.findings)}" '
            f'data-score="{score:.2f}" data-checks="{_e(checks)}">'
            + (f'<td class="unit">{_e(file.path)}</td>' if multi else "")
            + f'<td class="num">{"" if row.line is None else row.line}</td>'
            f'<td class="unit">{_e(unit_label(row.unit))}</td>'
            f'<td class="text">{source}</td>'
            f'<td class="text">{target}</td><td>{_finding_items(row)}</td>'
            f'<td class="num">{score:.1f}</td></tr>')


def _segments(data: ReportData) -> str:
    multi = len(data.files) > 1
    pairs = [(fl, r) for fl in data.files for r in fl.segments]
    note = ""
    if len(pairs) > MAX_ROWS:
        keep = [(fl, r) for fl, r in pairs if r.findings or r.annotations or r.corrected is not None]
        note = (f'<p class="note">{len(pairs):,} segments: the table shows the {min(len(keep), MAX_ROWS):,} '
                "with findings or review state; the JSON report has them all.</p>")
        pairs = keep[:MAX_ROWS]
    checks = sorted({f.check for f in data.findings()})
    opts = "".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in checks)
    file_sel = ""
    if multi:
        fopts = "".join(f'<option value="{_e(fl.path)}">{_e(fl.path)}</option>' for fl in data.files)
        file_sel = f'<select id="f-file" aria-label="file"><option value="">all files</option>{fopts}</select>'
    sev_opts = '<option value="">any severity</option><option value="0">any finding</option>' + "".join(
        f'<option value="{int(s)}">{s} and above</option>' for s in (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL))
    score_name = "chrF" if pairs and all(r.chrf is not None for _, r in pairs) else "QA"
    head = ((('<th data-sort="file" data-type="text">file</th>') if multi else "")
            + '<th class="num" data-sort="line">line</th><th>unit</th><th>source</th><th>target</th>'
            f'<th data-sort="sev">findings</th><th class="num" data-sort="score">{score_name}</th>')
    rows = "".join(_row(i, fl, r, multi) for i, (fl, r) in enumerate(pairs))
    return ('<h2>Segments</h2>' + note +
            '<div class="toolbar"><input type="search" id="f-text" placeholder="Search source, target, findings" '
            f'aria-label="search"><select id="f-sev" aria-label="severity">{sev_opts}</select>'
            f'<select id="f-check" aria-label="check"><option value="">all checks</option>{opts}</select>'
            f'{file_sel}<label><input type="checkbox" id="f-only"> with findings only</label>'
            '<span id="count"></span></div>'
            f'<table id="segments"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


def _footer(data: ReportData) -> str:
    sig = data.signature
    metric_sigs = "".join(f"<li>{_e(m)}: <code>{_e(s)}</code></li>" for m, s in sorted(sig.sacrebleu.items()))
    details = _e(json.dumps(sig.to_dict(), ensure_ascii=False, indent=2))
    return (f'<footer><p>reviewer {_e(data.version)} · generated {_e(data.generated)}</p>'
            f'<p>Signature: <code>{_e(sig.string())}</code></p>'
            + (f"<ul>{metric_sigs}</ul>" if metric_sigs else "")
            + f'<details><summary>Checks, settings and hashes</summary><pre class="text">{details}</pre>'
            "</details></footer>")


def script_hash(script: str) -> str:
    """The CSP source expression allowing exactly ``script``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(data: ReportData) -> str:
    """The whole HTML document."""
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src {script_hash(JS)}; base-uri 'none'; form-action 'none'")
    gate = ""
    if data.fail_on:
        cls, word = ("fail", "FAILED") if data.failed else ("pass", "passed")
        gate = (f'<div class="gate {cls}">Gate {word}: findings at or above '
                f'{_e(data.fail_on)} {"found" if data.failed else "— none"}</div>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="reviewer {_e(data.version)}">'
            f"<title>{_e(data.title)}</title><style>{CSS}</style></head>\n<body>"
            f'<header><h1>{_e(data.title)}</h1><div class="meta">{_e(data.generated)} · '
            f"{len(data.files)} file(s) · signature <code>{_e(data.signature.string())}</code></div>"
            f"{gate}</header>\n<main>{_cards(data)}<h2>Charts</h2>{_charts(data)}{_systems(data)}"
            f"{_files(data)}{_segments(data)}</main>\n{_footer(data)}\n<script>{JS}</script>\n</body></html>\n")


def write_html(data: ReportData, out: IO[str]) -> None:
    """Write the HTML report."""
    out.write(render_html(data))


__all__ = ["render_html", "write_html", "render_side", "script_hash"]

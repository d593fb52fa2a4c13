"""The HTML report's inline stylesheet and script (no external resource of any kind).

The script filters the segment table (text, minimum severity, check, file, "with
findings only"), sorts it by a column header, reads an initial filter from the URL
fragment (``report.html#sev=2&check=number&q=word&sort=score``) and marks ``<body>``
with ``data-report-ready="1"`` once initialised and ``data-visible-rows`` after each
filtering, so a headless browser test can see it ran.
"""

from __future__ import annotations

CSS = """
:root { --fg:#1f2430; --muted:#5b6475; --line:#d8dde6; --bg:#f6f7f9; --card:#fff;
  --critical:#8b1a1a; --major:#d9480f; --minor:#e8a317; --neutral:#8a94a6; --ok:#2b8a3e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 10px; }
.meta { color: var(--muted); font-size: 12px; }
.gate { margin: 12px 0 0; padding: 8px 12px; border-radius: 6px; font-weight: 600; }
.gate.fail { background: #fde8e8; color: var(--critical); border: 1px solid #f3b7b7; }
.gate.pass { background: #e6f4ea; color: var(--ok); border: 1px solid #b7dfc2; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px;
  margin-top: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 24px; font-weight: 650; margin-top: 2px; }
.card .sub { color: var(--muted); font-size: 12px; margin-top: 2px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600;
  color: #fff; vertical-align: middle; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--critical); }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 600;
  color: #fff; }
.sev-critical { background: var(--critical); } .sev-major { background: var(--major); }
.sev-minor { background: var(--minor); color: #1f2430; } .sev-neutral { background: var(--neutral); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 12px; }
.chart-box { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.chart-box h3 { font-size: 13px; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
svg.chart { width: 100%; height: auto; display: block; }
.legend span { margin-right: 10px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; font-size: 12px; position: sticky; top: 0; z-index: 1; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"]::after { content: " \\2191"; } th[aria-sort="descending"]::after { content: " \\2193"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.text { white-space: pre-wrap; word-break: break-word; }
#segments td { font-size: 13px; }
#segments .unit { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; min-width: 64px; max-width: 160px; }
mark { background: #ffe08a; border-bottom: 2px solid var(--minor); padding: 0 1px; border-radius: 2px; }
mark.m-critical { background: #f7c5c5; border-color: var(--critical); }
mark.m-major { background: #ffd3b8; border-color: var(--major); }
mark.m-neutral { background: #e6e9ef; border-color: var(--neutral); }
mark.gap { background: none; color: var(--major); font-weight: 700; }
.code { display: inline-block; padding: 0 3px; margin: 0 1px; font: 11px/1.3 ui-monospace, monospace;
  color: #4a3aa8; background: #ece9fb; border-radius: 3px; }
.alt { margin-top: 4px; color: var(--muted); font-size: 12px; }
.alt b { color: var(--fg); font-weight: 600; }
ul.findings { margin: 0; padding-left: 0; list-style: none; }
ul.findings li { margin: 0 0 4px; }
ul.findings .check { font: 12px ui-monospace, monospace; color: var(--muted); }
.sugg { color: var(--ok); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.toolbar input[type=search] { min-width: 240px; padding: 5px 8px; border: 1px solid var(--line);
  border-radius: 6px; font: inherit; }
.toolbar select { padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; font: inherit;
  background: #fff; }
#count { color: var(--muted); margin-left: auto; }
.note { color: var(--muted); font-size: 12px; }
footer { margin-top: 30px; padding-bottom: 30px; color: var(--muted); font-size: 12px; }
footer code { word-break: break-all; }
details summary { cursor: pointer; }
@media print { th { position: static; } .toolbar { display: none; } }
"""

JS = """
(function () {
  "use strict";
  var body = document.body;
  try {
    var table = document.getElementById("segments");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var q = document.getElementById("f-text"), sev = document.getElementById("f-sev");
    var chk = document.getElementById("f-check"), file = document.getElementById("f-file");
    var only = document.getElementById("f-only"), count = document.getElementById("count");
    var apply = function () {
      var text = q.value.toLowerCase(), min = sev.value === "" ? null : Number(sev.value);
      var shown = 0;
      rows.forEach(function (r) {
        var s = Number(r.getAttribute("data-sev")), ok = true;
        if (min !== null && s < min) { ok = false; }
        if (ok && chk.value && (" " + r.getAttribute("data-checks") + " ").indexOf(" " + chk.value + " ") < 0) { ok = false; }
        if (ok && file && file.value && r.getAttribute("data-file") !== file.value) { ok = false; }
        if (ok && only.checked && s < 0) { ok = false; }
        if (ok && text && r.textContent.toLowerCase().indexOf(text) < 0) { ok = false; }
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " segments";
      body.setAttribute("data-visible-rows", String(shown));
    };
    var sortBy = function (th, dir) {
      var key = th.getAttribute("data-sort"), numeric = th.getAttribute("data-type") !== "text";
      table.querySelectorAll("th[data-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key), c;
        if (numeric) { c = Number(x) - Number(y); } else { c = x < y ? -1 : (x > y ? 1 : 0); }
        if (c === 0) { c = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); return c; }
        return c * dir;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
      body.setAttribute("data-sorted-by", key + (dir > 0 ? ":asc" : ":desc"));
    };
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () {
        sortBy(th, th.getAttribute("aria-sort") === "ascending" ? -1 : 1);
      });
    });
    [q, sev, chk, file, only].forEach(function (el) {
      if (el) { el.addEventListener(el.tagName === "INPUT" && el.type === "search" ? "input" : "change", apply); }
    });
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1).replace(/\\+/g, " ")); }
    });
    if (params.q) { q.value = params.q; }
    if (params.sev !== undefined) { sev.value = params.sev; }
    if (params.check) { chk.value = params.check; }
    if (params.file && file) { file.value = params.file; }
    if (params.only === "1") { only.checked = true; }
    if (params.sort) {
      var desc = params.sort.charAt(0) === "-", name = params.sort.replace(/^-/, "");
      var th = table.querySelector('th[data-sort="' + name.replace(/[^a-z-]/g, "") + '"]');
      if (th) { sortBy(th, desc ? -1 : 1); }
    }
    apply();
    body.setAttribute("data-report-ready", "1");
  } catch (e) {
    body.setAttribute("data-report-error", String(e));
    throw e;
  }
})();
"""

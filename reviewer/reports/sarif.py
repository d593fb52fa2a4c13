"""SARIF 2.1.0 report: findings in code-scanning UIs, against the file and line of the unit.

One run; ``tool.driver.rules`` has a reporting descriptor per check (its level from the
check's configured severity: critical/major -> ``error``, minor -> ``warning``,
neutral -> ``note``); each finding is a result with its level, message, the unit's
physical location (artifact URI relative to the working directory, the unit's line and,
where the flagged side's text stands verbatim on that line, the columns in UTF-16 code
units), the unit as a logical location, and ``partialFingerprints`` stable across line
moves so code-scanning de-duplicates it between runs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import IO, Any

from .common import SARIF_LEVEL, dump_json, relative_uri, unit_label, visible_blank
from .data import FileReport, ReportData, SegmentRow

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "reviewerFinding/v1"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Lines:
    """Lines of the input files, read once each when a column is wanted."""

    def __init__(self) -> None:
        self._cache: dict[str, list[str] | None] = {}

    def get(self, path: str, line: int) -> str | None:
        if path not in self._cache:
            from ..errors import InputError
            from ..formats.base import read_text

            try:
                self._cache[path] = read_text(path).split("\n")
            except InputError:
                self._cache[path] = None
        lines = self._cache[path]
        if not lines or not 1 <= line <= len(lines):
            return None
        return lines[line - 1].rstrip("\r")


def _columns(lines: _Lines, file: FileReport, row: SegmentRow, f: Any) -> tuple[int, int] | None:
    """1-based start/end columns (UTF-16) of the flagged text on the unit's line, when
    the side's whole text stands there verbatim."""
    if row.line is None or f.form not in (None, 0):
        return None
    side_text = row.source if f.side == "source" else (row.target or "")
    if not side_text or "\n" in side_text or not 0 <= f.start <= f.end <= len(side_text):
        return None
    text = lines.get(file.path, row.line)
    if text is None:
        return None
    begin = 0
    if f.side == "target" and row.source and not file.target_only:
        at = text.find(row.source)
        begin = at + len(row.source) if at >= 0 else 0
    pos = text.find(side_text, begin)
    if pos < 0:
        return None
    start = _utf16(text[:pos + f.start]) + 1
    return start, start + _utf16(side_text[f.start:f.end])


def _rules(data: ReportData) -> list[dict[str, Any]]:
    from ..checks import all_checks

    registry = all_checks()
    ids = list(data.signature.checks)
    ids += sorted({f.check for f in data.findings()} - set(ids))
    rules = []
    for cid in ids:
        cls = registry.get(cid)
        name = cls.name if cls else cid
        sev = data.signature.checks.get(cid, {}).get("severity") or (str(cls.severity) if cls else "minor")
        category = cls.category if cls else "other"
        rules.append({
            "id": cid,
            "name": "".join(w.capitalize() for w in name.replace("-", " ").split()) or cid,
            "shortDescription": {"text": name},
            "fullDescription": {"text": (cls.description if cls and cls.description else name)},
            "defaultConfiguration": {"level": SARIF_LEVEL[sev]},
            "properties": {"category": category, "severity": sev,
                           "tags": ["translation", "quality", category]},
        })
    return rules


def _fingerprint(uri: str, unit: str, f: Any, nth: int) -> str:
    key = "\x1f".join([uri, unit, f.check, f.side, f.text, str(f.form), str(nth)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def build_sarif(data: ReportData) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    rules = _rules(data)
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    lines = _Lines()
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for fi, file in enumerate(data.files):
        uri = relative_uri(file.path)
        loc: dict[str, Any] = {"uri": uri, "index": fi}
        if not uri.startswith("file:"):
            loc["uriBaseId"] = "%SRCROOT%"
        artifact: dict[str, Any] = {"location": {k: v for k, v in loc.items() if k != "index"},
                                    "roles": ["analysisTarget"],
                                    "properties": {"format": file.format, "sourceLanguage": file.source_lang,
                                                   "targetLanguage": file.target_lang}}
        try:
            from .signature import file_sha256

            artifact["hashes"] = {"sha-256": file_sha256(file.path)}
        except OSError:
            pass
        artifacts.append(artifact)
        seen: Counter[tuple[str, ...]] = Counter()
        for row in file.segments:
            for f in row.findings:
                sev = str(f.severity)
                region: dict[str, Any] = {}
                if row.line is not None:
                    region["startLine"] = row.line
                    cols = _columns(lines, file, row, f)
                    if cols:
                        region["startColumn"], region["endColumn"] = cols
                physical: dict[str, Any] = {"artifactLocation": dict(loc)}
                if region:
                    physical["region"] = region
                text = f.message
                if f.suggestion is not None:
                    text += ("" if text.endswith((".", "!", "?")) else ".") + f" Suggestion: {visible_blank(f.suggestion)}"
                key = (row.unit, f.check, f.side, f.text, str(f.form))
                nth = seen[key]
                seen[key] += 1
                props: dict[str, Any] = {"severity": sev, "category": f.category, "unit": f.unit,
                                         "side": f.side, "start": f.start, "end": f.end,
                                         "text": f.text, "suggestion": f.suggestion}
                if f.form is not None:
                    props["form"] = f.form
                results.append({
                    "ruleId": f.check,
                    "ruleIndex": rule_index[f.check],
                    "level": SARIF_LEVEL[sev],
                    "message": {"text": text},
                    "locations": [{
                        "physicalLocation": physical,
                        "logicalLocations": [{"name": unit_label(row.unit), "kind": "element"}],
                    }],
                    "partialFingerprints": {FINGERPRINT: _fingerprint(uri, row.unit, f, nth)},
                    "properties": props,
                })
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "startTimeUtc": data.generated,
        "properties": {"failOn": data.fail_on, "failed": data.failed},
    }
    if data.command:
        invocation["arguments"] = list(data.command)
    run = {
        "tool": {"driver": {"name": "reviewer", "version": data.version,
                            "semanticVersion": data.version, "rules": rules}},
        "invocations": [invocation],
        "artifacts": artifacts,
        "columnKind": "utf16CodeUnits",
        "results": results,
        "properties": {"title": data.title, "signature": data.signature.to_dict(),
                       "summary": {k: data.summary.get(k) for k in
                                   ("files", "units", "words", "findings", "mqm", "term_adherence")
                                   if k in data.summary}},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def write_sarif(data: ReportData, out: IO[str]) -> None:
    """Write the SARIF log (JSON; indented up to 5,000 findings)."""
    dump_json(build_sarif(data), out, data.summary["findings"]["total"])

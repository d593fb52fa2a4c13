"""JUnit XML report: a test suite per file, a test case per unit.

A unit fails when it has findings at or above ``--fail-on`` (one ``<failure>`` listing
them, ``type`` the worst severity); without ``--fail-on`` nothing fails, as the exit
status does not. Findings below the threshold are listed in the test case's
``<system-out>``. Counts (``tests``, ``failures``, ``errors``, ``skipped``) are on every
suite and on the ``<testsuites>`` root; the reproducibility signature is a property.
"""

from __future__ import annotations

from typing import IO, Any

from lxml import etree

from ..model import Finding, Severity
from .common import at_or_above, display_text, unit_label, visible_blank, worst, xml_safe
from .data import FileReport, ReportData, SegmentRow


def _describe(row: SegmentRow, f: Finding) -> str:
    codes = row.source_codes if f.side == "source" else row.target_codes
    line = f"[{f.severity}] {f.check} ({f.side} {f.start}-{f.end}): {f.message}"
    if f.text:
        line += f"\n    text: {display_text(f.text, codes)}"
    if f.suggestion is not None:
        line += f"\n    suggestion: {visible_blank(display_text(f.suggestion, codes))}"
    return line


def _case(suite: Any, file: FileReport, row: SegmentRow, threshold: Severity | None) -> bool:
    where = f" (line {row.line})" if row.line is not None else ""
    attrs = {"name": xml_safe(f"{unit_label(row.unit)}{where}"), "classname": xml_safe(file.path),
             "file": xml_safe(file.path), "time": "0"}
    if row.line is not None:
        attrs["line"] = str(row.line)
    case = etree.SubElement(suite, "testcase", attrs)
    failing = at_or_above(row.findings, threshold)
    if failing:
        sev = worst(failing)
        first = failing[0]
        msg = f"{len(failing)} finding(s) at or above {threshold}: {first.check}: {first.message}"
        failure = etree.SubElement(case, "failure", {"message": xml_safe(msg), "type": str(sev)})
        target = display_text(row.target or "", row.target_codes)
        failure.text = xml_safe("\n".join(
            [f"source: {display_text(row.source, row.source_codes)}", f"target: {target}"]
            + [_describe(row, f) for f in failing]))
    rest = [f for f in row.findings if f not in failing]
    if rest:
        out = etree.SubElement(case, "system-out")
        out.text = xml_safe("\n".join(_describe(row, f) for f in rest))
    return bool(failing)


def build_junit(data: ReportData) -> Any:
    """The ``<testsuites>`` element."""
    threshold = Severity.parse(data.fail_on) if data.fail_on else None
    root = etree.Element("testsuites", {"name": xml_safe(data.title)})
    total_tests = total_failures = 0
    total_time = 0.0
    for file in data.files:
        suite = etree.SubElement(root, "testsuite", {
            "name": xml_safe(file.path), "tests": "0", "failures": "0", "errors": "0",
            "skipped": "0", "time": f"{file.seconds:.3f}", "timestamp": data.generated,
            "file": xml_safe(file.path)})
        props = etree.SubElement(suite, "properties")
        for name, value in (("reviewer.signature", data.signature.string()),
                            ("reviewer.fail_on", data.fail_on or "none"),
                            ("reviewer.source_lang", file.source_lang or ""),
                            ("reviewer.target_lang", file.target_lang or "")):
            etree.SubElement(props, "property", {"name": name, "value": xml_safe(value)})
        failures = sum(_case(suite, file, row, threshold) for row in file.segments)
        suite.set("tests", str(len(file.segments)))
        suite.set("failures", str(failures))
        total_tests += len(file.segments)
        total_failures += failures
        total_time += file.seconds
    for k, v in (("tests", total_tests), ("failures", total_failures), ("errors", 0),
                 ("skipped", 0)):
        root.set(k, str(v))
    root.set("time", f"{total_time:.3f}")
    return root


def write_junit(data: ReportData, out: IO[str]) -> None:
    """Write the JUnit XML (UTF-8, indented)."""
    xml = etree.tostring(build_junit(data), pretty_print=True, encoding="unicode")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml)

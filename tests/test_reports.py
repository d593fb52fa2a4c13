"""``reviewer report``: golden files (Markdown, JSON, SARIF, JUnit), SARIF against a
SARIF 2.1.0 schema subset written from the specification, JUnit structure, CSV formula
injection, HTML self-containment and escaping, the review store's MQM annotations and
post-edit effort, and the command's exit statuses.

Goldens are made from ``tests/data/report`` with a fixed set of checks, a fixed
timestamp and the tool and sacrebleu versions normalised. Regenerate them with
``REVIEWER_UPDATE_GOLDEN=1 pytest tests/test_reports.py``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewer import __version__
from reviewer.config import Config
from reviewer.formats import ReadOptions, open_document
from reviewer.model import Severity
from reviewer.reports import ReportData, build_report, format_for, write_report
from reviewer.runner import plan_checks
from reviewer.terms import load_glossary

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "report"
GOLDEN = REPO / "tests" / "golden"
SCHEMA = DATA / "sarif-2.1.0-subset.schema.json"
UPDATE = os.environ.get("REVIEWER_UPDATE_GOLDEN") == "1"
# A fixed set of checks: goldens must not change when a new check is added elsewhere.
CHECKS = "number,placeholder,markup,untranslated,whitespace,punctuation,term,url,brackets"
GENERATED = "2000-01-01T00:00:00Z"
FILES = ("ui.en-it.tsv", "mt.en-it.tsv")
OPTIONS = ReadOptions(source_lang="en", target_lang="it")


# --------------------------------------------------------------------------- fixtures

def make_store(workdir: Path) -> None:
    """A review of ui.en-it.tsv: one correction, two MQM annotations, one dismissal."""
    from reviewer.project import Project

    with contextlib.chdir(workdir):
        p = Project.open("ui.en-it.tsv", read_options=OPTIONS, reviewer="ann")
        try:
            p.correct(2, "Chiudi la finestra")  # close: was left untranslated
            p.annotate(1, "target", 6, 7, "Accuracy/Mistranslation", "major", "3, not 5")
            p.annotate(6, "target", 3, 6, "Terminology/Wrong term", "major")
            plan = plan_checks(Config(), enable=[CHECKS], disable=["all"])
            spaces = [f for f in p.findings(plan) if f.check == "whitespace"]
            assert spaces, "the 'space' unit has a whitespace finding to dismiss"
            p.dismiss(spaces[0].index, spaces[0])
        finally:
            p.close()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/data/report with a review store beside ui.en-it.tsv."""
    d = tmp_path_factory.mktemp("report")
    for f in DATA.iterdir():
        shutil.copy(f, d / f.name)
    make_store(d)
    return d


def build(workdir: Path, files: tuple[str, ...] = FILES, fail_on: str | None = "major",
          **kw: Any) -> ReportData:
    """The report of ``files`` (relative to ``workdir``), gathered in ``workdir``."""
    with contextlib.chdir(workdir):
        glossary = load_glossary("glossary.tsv", "en", "it")
        plan = plan_checks(Config(), enable=[CHECKS], disable=["all"], glossary=glossary)
        docs = (open_document(p, OPTIONS) for p in files)
        return build_report(docs, plan, glossary_paths=["glossary.tsv"], read_options=OPTIONS,
                            fail_on=Severity.parse(fail_on) if fail_on else None,
                            generated=GENERATED, title="Golden report", **kw)


def render(workdir: Path, data: ReportData, fmt: str) -> str:
    buf = io.StringIO()
    with contextlib.chdir(workdir):
        write_report(data, fmt, buf)
    return buf.getvalue()


def normalise(text: str) -> str:
    """Volatile fields out: tool and sacrebleu versions, durations."""
    import sacrebleu

    text = text.replace(__version__, "<VERSION>").replace(sacrebleu.__version__, "<SACREBLEU>")
    return re.sub(r'time="[0-9.]+"', 'time="0"', text)


@pytest.fixture(scope="module")
def report(workdir: Path) -> ReportData:
    return build(workdir)


# ---------------------------------------------------------------------------- goldens

GOLDENS = {"markdown": "report.md", "json": "report.json", "sarif": "report.sarif",
           "junit": "report.junit.xml"}


@pytest.mark.parametrize("fmt", sorted(GOLDENS))
def test_golden(fmt: str, workdir: Path, report: ReportData) -> None:
    got = normalise(render(workdir, report, fmt))
    path = GOLDEN / GOLDENS[fmt]
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden {path}: run with REVIEWER_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), (
        f"{fmt} report differs from {path.name}; if the change is intended, regenerate "
        "with REVIEWER_UPDATE_GOLDEN=1")


def test_markdown_long_lists_fold_per_file(workdir: Path, report: ReportData,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.reports import markdown

    monkeypatch.setattr(markdown, "TOP_FINDINGS", 3)
    monkeypatch.setattr(markdown, "MAX_PER_FILE", 5)
    text = render(workdir, report, "markdown")
    assert "### Top findings" in text and "<details><summary>ui.en-it.tsv: 10 findings</summary>" in text
    assert "…and 5 more in this file" in text
    assert "<details><summary>mt.en-it.tsv: 2 findings</summary>" in text


# ------------------------------------------------------------------------------ SARIF

def mini_validate(instance: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """A hand-written validator for the JSON Schema keywords the subset uses ($ref,
    type, const, enum, required, properties, additionalProperties, items, uniqueItems,
    minimum, maximum, anyOf): the fallback when ``jsonschema`` is not installed."""
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return mini_validate(instance, root["definitions"][name], root, path)
    types = schema.get("type")
    if types is not None:
        kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
        ok = False
        for t in ([types] if isinstance(types, str) else types):
            if t in ("integer", "number"):
                ok = ok or (isinstance(instance, (int, float)) and not isinstance(instance, bool)
                            and (t == "number" or float(instance).is_integer()))
            else:
                ok = ok or isinstance(instance, kinds[t])
        if not ok:
            return [f"{path}: {instance!r} is not of type {types}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: {instance!r} is not {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r} is not one of {schema['enum']}")
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{path}: {instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{path}: {instance} > {schema['maximum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: {key!r} is a required property")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in instance.items():
            if key in props:
                errors += mini_validate(value, props[key], root, f"{path}.{key}")
            elif extra is False:
                errors.append(f"{path}: additional property {key!r} is not allowed")
            elif isinstance(extra, dict):
                errors += mini_validate(value, extra, root, f"{path}.{key}")
    if isinstance(instance, list):
        if "items" in schema:
            for i, item in enumerate(instance):
                errors += mini_validate(item, schema["items"], root, f"{path}[{i}]")
        if schema.get("uniqueItems"):
            seen = [json.dumps(x, sort_keys=True) for x in instance]
            if len(seen) != len(set(seen)):
                errors.append(f"{path}: items are not unique")
    if "anyOf" in schema and all(mini_validate(instance, s, root, path) for s in schema["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    return errors


def schema_errors(log: dict[str, Any]) -> list[str]:
    """Errors of ``log`` against the subset schema: jsonschema when installed (and the
    hand-written validator, which must agree), else the hand-written one alone."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    mine = mini_validate(log, schema, schema)
    try:
        import jsonschema
    except ImportError:
        return mine
    theirs = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(log)]
    assert bool(theirs) == bool(mine), (theirs, mine)
    return theirs


def test_sarif_is_valid_sarif_2_1_0(workdir: Path, report: ReportData) -> None:
    log = json.loads(render(workdir, report, "sarif"))
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0"


@pytest.mark.parametrize("breakage", [
    lambda log: log.pop("version"),
    lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
    lambda log: log["runs"][0]["results"][0].update(level="fatal"),
    lambda log: log["runs"][0]["results"][0]["message"].pop("text"),
    lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
    lambda log: log["runs"][0]["tool"]["driver"]["rules"][0].pop("id"),
    lambda log: log["runs"][0]["results"][0].update(ruleID="typo"),
    lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"].pop("artifactLocation"),
])
def test_schema_subset_catches_broken_logs(breakage: Any, workdir: Path, report: ReportData) -> None:
    log = json.loads(render(workdir, report, "sarif"))
    breakage(log)
    assert schema_errors(log)


def test_sarif_rules_levels_locations(workdir: Path, report: ReportData) -> None:
    log = json.loads(render(workdir, report, "sarif"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = {"critical": "error", "major": "error", "minor": "warning", "neutral": "note"}
    for r in rules:
        assert r["shortDescription"]["text"] and r["name"]
        assert r["defaultConfiguration"]["level"] == levels[r["properties"]["severity"]]
    assert {r["id"] for r in rules} == set(CHECKS.split(","))
    findings = list(report.findings())
    assert len(run["results"]) == len(findings) > 0
    columns = 0
    for res, f in zip(run["results"], findings):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.check
        assert res["level"] == levels[str(f.severity)]
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == f.file  # relative to the working directory
        region = phys["region"]
        assert region["startLine"] == f.line
        if "startColumn" in region:
            columns += 1
            line = (workdir / f.file).read_text(encoding="utf-8").split("\n")[f.line - 1]
            assert line[region["startColumn"] - 1: region["endColumn"] - 1] == f.text
    assert columns >= len(findings) // 2, "TSV units stand verbatim on their line: columns expected"
    prints = [r["partialFingerprints"]["reviewerFinding/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is True and inv["properties"]["failOn"] == "major"


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    """A line inserted above the units changes lines, not fingerprints."""
    plain, moved = tmp_path / "plain", tmp_path / "moved"
    shutil.copytree(DATA, plain)
    shutil.copytree(DATA, moved)
    lines = (moved / "ui.en-it.tsv").read_text(encoding="utf-8").split("\n")
    lines.insert(1, "new\tNew line\tNuova riga\tNuova riga")
    (moved / "ui.en-it.tsv").write_text("\n".join(lines), encoding="utf-8")
    a = json.loads(render(plain, build(plain, ("ui.en-it.tsv",)), "sarif"))["runs"][0]["results"]
    b = json.loads(render(moved, build(moved, ("ui.en-it.tsv",)), "sarif"))["runs"][0]["results"]
    fa = {r["partialFingerprints"]["reviewerFinding/v1"]: r for r in a}
    fb = {r["partialFingerprints"]["reviewerFinding/v1"]: r for r in b}
    assert set(fa) <= set(fb)
    for k, r in fa.items():
        la = r["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert fb[k]["locations"][0]["physicalLocation"]["region"]["startLine"] == la + 1


# ------------------------------------------------------------------------------ JUnit

def test_junit_structure(workdir: Path, report: ReportData) -> None:
    from lxml import etree

    root = etree.fromstring(render(workdir, report, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(FILES)
    total = fails = 0
    for suite, file in zip(suites, report.files):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) == len(file.segments)
        failing = [c for c in cases if c.find("failure") is not None]
        assert int(suite.get("failures")) == len(failing)
        assert suite.get("errors") == "0" and suite.get("skipped") == "0"
        for case, row in zip(cases, file.segments):
            assert case.get("classname") == file.path and case.get("file") == file.path
            assert case.get("line") == str(row.line)
            major = [f for f in row.findings if f.severity >= Severity.MAJOR]
            failure = case.find("failure")
            assert (failure is not None) == bool(major)
            if failure is not None:
                assert failure.get("type") in ("major", "critical")
                assert failure.get("message").startswith(f"{len(major)} finding(s) at or above major")
                assert all(f.message in failure.text for f in major)
        total += len(cases)
        fails += len(failing)
        props = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert props["reviewer.signature"] == report.signature.string()
    assert int(root.get("tests")) == total and int(root.get("failures")) == fails > 0


def test_junit_without_fail_on_has_no_failures(workdir: Path) -> None:
    from lxml import etree

    root = etree.fromstring(render(workdir, build(workdir, fail_on=None), "junit").encode())
    assert root.get("failures") == "0"
    assert root.find(".//system-out") is not None  # findings still listed


def test_junit_control_characters_are_xml_safe(tmp_path: Path) -> None:
    """A PO context separator (U+0004) in a unit id must not break the XML."""
    from lxml import etree

    po = tmp_path / "ctx.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgctxt "menu"\nmsgid "Open 3 files"\n'
                  'msgstr "Apri 4 file"\n', encoding="utf-8")
    with contextlib.chdir(tmp_path):
        plan = plan_checks(Config(), enable=["number"], disable=["all"])
        data = build_report([open_document("ctx.po", OPTIONS)], plan, fail_on=Severity.MINOR)
        buf = io.StringIO()
        write_report(data, "junit", buf)
    root = etree.fromstring(buf.getvalue().encode())
    assert root.find(".//testcase").get("name").startswith("menu | Open 3 files")


# -------------------------------------------------------------------------------- CSV

def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    jl = tmp_path / "evil.jsonl"
    rows = [{"id": "=1+1", "source": "@SUM(1) 3 apples", "target": "+cmd|' /C calc'!A0 4 mele"},
            {"id": "-2", "source": "=HYPERLINK(\"x\") 5", "target": "-HYPERLINK 6"},
            {"id": "@x", "source": "7 days", "target": "=1+2 8 giorni"}]
    jl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with contextlib.chdir(tmp_path):
        plan = plan_checks(Config(), enable=["number"], disable=["all"])
        data = build_report([open_document("evil.jsonl", ReadOptions(source_lang="en", target_lang="it",
                                                                      id_key="id"))], plan)
        buf = io.StringIO()
        write_report(data, "csv", buf)
    text = buf.getvalue()
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header, body = table[0], table[1:]
    assert header[:3] == ["file", "unit", "index"] and "source" in header and "target" in header
    assert len(body) >= 3
    for row in body:
        for cell in row:
            if cell and cell[0] in "=+-@\t\r":
                float(cell)  # only plain numbers such as -2 may start so
    units = {r[header.index("unit")] for r in body}
    assert "'=1+1" in units and "'@x" in units
    targets = {r[header.index("target")] for r in body}
    assert "'+cmd|' /C calc'!A0 4 mele" in targets and "'=1+2 8 giorni" in targets


# ------------------------------------------------------------------------------- HTML

RESOURCE = re.compile(r"<(?:img|link|iframe|object|embed|audio|video|source|a)\b|url\(|@import|https?://(?!evil\.example)", re.I)


def test_html_self_contained_and_escaped(workdir: Path, report: ReportData) -> None:
    from reviewer.reports.html import script_hash
    from reviewer.reports.html_assets import JS

    page = render(workdir, report, "html")
    assert not RESOURCE.search(page), RESOURCE.search(page)
    from lxml import html as lhtml

    tree = lhtml.fromstring(page)
    assert not tree.xpath("//*[@src or @href or @srcset or @poster or @action]")
    assert '<script>alert("xss")</script>' not in page
    assert "&lt;script&gt;" in page and "alert(&quot;xss&quot;)" in page
    assert page.count("<script") == 1  # ours, at the end
    assert html.escape(script_hash(JS)) in page  # CSP: only this script may run
    assert "default-src &#x27;none&#x27;" in page
    for label in ("Segments", "Words", "Findings", "MQM (mqm)", "Term adherence",
                  "Post-edit effort", "Best system (chrF)"):
        assert f'<div class="label">{label}</div>' in page, label
    assert page.count("<svg") >= 4 and "<h2>Systems</h2>" in page
    assert "± " in page and report.signature.string() in page


def test_html_single_file_shows_metric_cards(workdir: Path) -> None:
    page = render(workdir, build(workdir, ("mt.en-it.tsv",)), "html")
    for label in ("BLEU", "chrF", "TER"):
        assert f'<div class="label">{label}</div>' in page
    assert "<h2>Systems</h2>" not in page


# ------------------------------------------------------------------- data and store

def test_store_annotations_corrections_and_dismissals(report: ReportData) -> None:
    ui = report.files[0]
    assert ui.store and ui.store.endswith("ui.en-it.tsv.review.sqlite")
    assert ui.mqm and ui.mqm["source"] == "annotations" and ui.mqm["errors"] == 2
    assert ui.mqm["pass"] is False
    assert ui.post_edit and ui.post_edit["edited_segments"] == 1 and ui.post_edit["hter"] > 0
    assert ui.dismissed == 1 and not any(f.check == "whitespace" for f in ui.findings())
    close = next(r for r in ui.segments if r.unit == "close")
    assert close.corrected == "Chiudi la finestra" and close.status == "corrected"
    mt = report.files[1]
    assert mt.store is None and mt.mqm and mt.mqm["source"] == "findings"
    assert report.summary["mqm"]["source"] == "mixed"
    assert report.summary["post_edit"]["files"] == 1


def test_systems_ranked_with_confidence_intervals(report: ReportData) -> None:
    assert [s["system"] for s in report.systems] == ["mt.en-it.tsv", "ui.en-it.tsv"]
    assert report.systems[0]["scores"]["chrf"] > report.systems[1]["scores"]["chrf"]
    for s in report.systems:
        assert set(s["ci95"]) == {"bleu", "chrf", "ter"}
        assert all(v["plus_minus"] >= 0 for v in s["ci95"].values())
    assert report.summary["scores"] is None  # systems are not pooled


def test_signature(workdir: Path, report: ReportData) -> None:
    sig = report.signature
    sha = hashlib.sha256((workdir / "glossary.tsv").read_bytes()).hexdigest()
    assert sig.glossary_hash == sha
    assert re.fullmatch(r"reviewer:[^|]+\|checks:9:[0-9a-f]{12}\|glossary:sha256\.[0-9a-f]{12}\|"
                        r"mqm:mqm\|sacrebleu:[0-9.]+", sig.string())
    assert set(sig.sacrebleu) == {"bleu", "chrf", "ter"}
    assert sig.string() in render(workdir, report, "markdown")


def test_json_matches_documented_schema(workdir: Path, report: ReportData) -> None:
    data = json.loads(render(workdir, report, "json"))
    doc = (REPO / "docs" / "report-json-schema.md").read_text(encoding="utf-8")
    keys: set[str] = set()

    def walk(obj: Any, depth: int) -> None:
        if isinstance(obj, dict) and depth < 4:
            for k, v in obj.items():
                if k not in ("checks", "by_check", "by_category", "by_severity", "weights",
                             "overrides", "settings", "sacrebleu", "signatures", "metrics", "ci95",
                             "scores", "hashes"):
                    keys.add(k)
                    walk(v, depth + 1)
        elif isinstance(obj, list) and obj:
            walk(obj[0], depth)

    walk(data, 0)
    for f in data["files"][0]["segments"]:
        walk(f, 0)
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert not missing, f"undocumented JSON fields: {missing}"


def test_format_for_suffixes() -> None:
    assert format_for("r.html", None) == "html" and format_for("r.md", None) == "markdown"
    assert format_for("r.sarif", None) == "sarif" and format_for("r.sarif.json", None) == "sarif"
    assert format_for("r.json", None) == "json" and format_for("junit.xml", None) == "junit"
    assert format_for("r.csv", None) == "csv" and format_for("r.txt", "json") == "json"


# -------------------------------------------------------------------------------- CLI

def reviewer(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO) + os.pathsep + e.get("PYTHONPATH", "")
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=e, timeout=300)


@pytest.fixture()
def plain(tmp_path: Path) -> Path:
    """tests/data/report without a store."""
    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


LANGS = ("--source-lang", "en", "--target-lang", "it", "--disable", "all", "--enable", CHECKS)


def test_cli_exit_statuses(plain: Path) -> None:
    p = reviewer("report", "ui.en-it.tsv", "-o", "r.sarif", "--fail-on", "major", *LANGS, cwd=plain)
    assert p.returncode == 1, p.stderr
    assert json.loads((plain / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    p = reviewer("report", "ui.en-it.tsv", "-o", "r.md", *LANGS, cwd=plain)
    assert p.returncode == 0, p.stderr
    p = reviewer("report", "mt.en-it.tsv", "-o", "r.xml", "--fail-on", "major", *LANGS, cwd=plain)
    assert p.returncode == 0, p.stderr  # minor findings only
    assert (plain / "r.xml").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("args", [
    ("report", "ui.en-it.tsv", "-o", "r.pdf"),
    ("report", "missing.tsv", "-o", "r.md"),
    ("report", "ui.en-it.tsv", "--format", "json", "--ref", "short.txt"),
    ("report", "ui.en-it.tsv"),
])
def test_cli_usage_errors_are_one_line(args: tuple[str, ...], plain: Path) -> None:
    (plain / "short.txt").write_text("one line\n", encoding="utf-8")
    p = reviewer(*args, cwd=plain)
    assert p.returncode == 2, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_cli_ref_pair_and_stdout(plain: Path) -> None:
    (plain / "src.txt").write_text("Open 3 files\nSave\n", encoding="utf-8")
    (plain / "tgt.txt").write_text("Apri 4 file\nSalva\n", encoding="utf-8")
    (plain / "ref.txt").write_text("Apri 3 file\nSalva\n", encoding="utf-8")
    p = reviewer("report", "--source", "src.txt", "--target", "tgt.txt", "--ref", "ref.txt",
                 "--format", "json", *LANGS, cwd=plain, env={"CI": "1"})
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""  # no progress line in CI
    data = json.loads(p.stdout)
    assert data["summary"]["scores"]["metrics"]["chrf"] < 100
    assert data["files"][0]["segments"][0]["reference"] == "Apri 3 file"
    assert data["summary"]["findings"]["by_check"] == {"number": 2}


def test_cli_profile_option(plain: Path) -> None:
    p = reviewer("report", "ui.en-it.tsv", "--format", "json", "--profile", "google-wmt", *LANGS, cwd=plain)
    assert p.returncode == 0, p.stderr
    mqm = json.loads(p.stdout)["summary"]["mqm"]
    assert mqm["profile"] == "google-wmt" and mqm["pass"] is None and mqm["score"] < 0
    p = reviewer("report", "ui.en-it.tsv", "--format", "json", "--profile", "nope", cwd=plain)
    assert p.returncode == 2


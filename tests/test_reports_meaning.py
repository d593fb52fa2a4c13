"""``reviewer report`` with the meaning check on: the distribution of meaning
similarity in the JSON (``meaning`` object: summary + histogram), Markdown (a table)
and HTML (a summary card and an inline SVG histogram). Without the check nothing
changes (the goldens of ``test_reports.py`` stay as they are).

No model: :mod:`reviewer.meaning` runs on the toy encoder of ``tests/test_meaning.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from reviewer import meaning
from reviewer.cli import main
from reviewer.config import Config
from reviewer.formats import ReadOptions, open_document
from reviewer.reports import build_report, write_report
from reviewer.reports.data import ReportData
from reviewer.runner import plan_checks

from .test_meaning import EN, IT, ToyEncoder

OPTIONS = ReadOptions(source_lang="en", target_lang="it")
TARGETS = [IT[0], IT[1], IT[3], IT[2], IT[4], IT[5]]  # u3/u4 swapped


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyEncoder:
    enc = ToyEncoder()
    emb = meaning.Embedder(model=enc, model_id="toy")
    monkeypatch.setattr(meaning, "require", lambda: None)
    monkeypatch.setattr(meaning, "get_embedder", lambda *a, **k: emb)
    return enc


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    f = tmp_path / "pairs.en-it.tsv"
    rows = list(zip(EN, TARGETS)) + [("42", "42")]
    f.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return f


def _build(path: Path, checks: str) -> ReportData:
    plan = plan_checks(Config(), enable=[checks], disable=["all"])
    with contextlib.chdir(path.parent):
        return build_report([open_document(path.name, OPTIONS)], plan, read_options=OPTIONS,
                            generated="2000-01-01T00:00:00Z", title="Meaning")


def _render(data: ReportData, fmt: str) -> str:
    buf = io.StringIO()
    write_report(data, fmt, buf)
    return buf.getvalue()


def test_json_has_the_distribution(pairs: Path, toy: ToyEncoder) -> None:
    data = _build(pairs, "meaning,number")
    d = json.loads(_render(data, "json"))
    m = d["summary"]["meaning"]
    assert (m["count"], m["missing"]) == (6, 1)
    assert sum(m["histogram"]["counts"]) == 6 and len(m["histogram"]["edges"]) == 11
    assert m["min"] <= m["p05"] <= m["p25"] <= m["median"] <= m["p75"] <= m["max"]
    assert d["files"][0]["meaning"] == m  # one file: the same figures
    sims = data.files[0].similarities
    assert sims[6] is None and min(v for v in sims if v is not None) in (sims[2], sims[3])
    assert m == meaning.distribution(meaning.document_similarities(
        [s for s in open_document(str(pairs), OPTIONS)]))
    by_check = d["summary"]["findings"]["by_check"]
    assert by_check.get("meaning") == 2  # the swapped rows are findings as well


def test_markdown_and_html_show_it(pairs: Path, toy: ToyEncoder) -> None:
    data = _build(pairs, "meaning")
    m = data.summary["meaning"]
    md = _render(data, "markdown")
    assert "### Meaning similarity" in md
    assert f"| 6 | 1 | {m['mean']:.2f} |" in md
    assert "| similarity | segments |" in md and md.count("| 0.") + md.count("| 1.0") >= 10
    html = _render(data, "html")
    assert "Meaning similarity" in html and f"{m['median']:.2f}" in html
    assert 'aria-label="Meaning similarity"' in html and "<title>similarity 0.9–1: " in html


def test_nothing_changes_without_the_check(pairs: Path, toy: ToyEncoder) -> None:
    data = _build(pairs, "number")
    assert "meaning" not in data.summary and data.files[0].meaning is None
    assert not toy.calls
    d = json.loads(_render(data, "json"))
    assert "meaning" not in d["summary"] and "meaning" not in d["files"][0]
    assert "Meaning similarity" not in _render(data, "markdown")
    assert "Meaning similarity" not in _render(data, "html")


def test_cli_enable_meaning(pairs: Path, toy: ToyEncoder, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(pairs.parent)
    with pytest.raises(SystemExit) as e:
        main(["report", pairs.name, "--format", "json", "--source-lang", "en",
              "--target-lang", "it", "--disable", "all", "--enable", "meaning"])
    assert e.value.code == 0
    d = json.loads(capsys.readouterr().out)
    assert d["summary"]["meaning"]["count"] == 6

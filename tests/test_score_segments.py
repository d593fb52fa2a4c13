"""``reviewer score --segments`` is honoured in every output format, not only JSON."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import cli

HYP = ["Der Hund bellt laut.", "Кошка спит на диване.", "今日は良い天気です。"]
REF = ["Der Hund bellt.", "Кошка спит на диване.", "今日はいい天気ですね。"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    h, r = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    h.write_text("\n".join(HYP) + "\n", encoding="utf-8")
    r.write_text("\n".join(REF) + "\n", encoding="utf-8")
    return h, r


def _run(files: tuple[Path, Path], *args: str) -> str:
    r = CliRunner().invoke(cli, ["score", str(files[0]), "--ref", str(files[1]), *args])
    assert r.exit_code == 0, r.output
    return r.output


def test_text_lists_every_segment(files: tuple[Path, Path]) -> None:
    out = _run(files, "--segments")
    assert "sentence-level scores" in out
    rows = [ln.split() for ln in out.split("sentence-level scores", 1)[1].splitlines()[3:]]
    assert [r[1] for r in rows] == ["1", "2", "3"]
    assert float(rows[1][2]) == 100.0  # the identical Russian sentence: BLEU 100
    assert "sentence-level" not in _run(files)  # only when asked


def test_csv_has_a_segment_table(files: tuple[Path, Path]) -> None:
    out = _run(files, "--segments", "--format", "csv")
    assert out.startswith("\ufeff") and out.count("\ufeff") == 1  # one BOM, at the start
    table = out.split("\n\n", 1)[1]
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["segment"] for r in rows] == ["1", "2", "3"]
    assert float(rows[1]["chrf"]) == 100.0 and float(rows[0]["chrf"]) < 100.0


def test_latex_has_a_segment_table(files: tuple[Path, Path]) -> None:
    out = _run(files, "--segments", "--format", "latex")
    assert out.count(r"\begin{tabular}") == 2
    assert " & 3 & " in out


def test_json_still_has_segments(files: tuple[Path, Path]) -> None:
    import json

    doc = json.loads(_run(files, "--segments", "--format", "json"))
    assert len(doc["segments"]) == 3

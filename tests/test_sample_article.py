"""The bundled samples, end to end through the command line.

The article (``samples/``): which errors of the Italian machine translation
``reviewer check`` finds with the sample glossary and configuration, both bilingual
(``article.en-it.tsv``) and target-only (``article.it.txt``), which correct names it
leaves alone, and how ``reviewer score`` rates the machine translation against the
team's correction. The small per-format samples (``samples/formats/``): their planted
errors are found, and nothing else.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
FORMATS = SAMPLES / "formats"
CONFIG = SAMPLES / "reviewer.toml"

OPENAI_VARIANTS = ("Openai", "Openi", "Openbrai")
LOWERCASE_HEADINGS = {
    "la": "La",
    "ridimensionamento": "Ridimensionamento",
    "affrontando": "Affrontando",
    "fabbricazione": "Fabbricazione",
    "implicazioni": "Implicazioni",
    "prospettive": "Prospettive",
    "potenziali": "Potenziali",
}
FORBIDDEN = ("ridimensionare", "ridimensionamento", "spiegamento", "formazione")
KEEP = ("blogs.nvidia.com", "Vera Rubin", "Jensen Huang")
# checks that report a wrongly written name or term
NAME_CHECKS = {"term", "variant", "entity"}


def reviewer(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reviewer.cli ARGS`` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *args],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip


@lru_cache(maxsize=None)
def findings(*args: str) -> list[dict[str, Any]]:
    """The findings of ``reviewer check ARGS --format jsonl`` (cached: read-only)."""
    p = reviewer("check", *args, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def tsv_targets() -> dict[int, str]:
    """Target text of the article TSV by file line (the header is line 1)."""
    lines = (SAMPLES / "article.en-it.tsv").read_text(encoding="utf-8").splitlines()
    return {n: line.split("\t")[1] for n, line in enumerate(lines, 1) if n > 1 and line}


def txt_targets() -> dict[int, str]:
    """Text of the target-only article by file line (blank lines have none)."""
    lines = (SAMPLES / "article.it.txt").read_text(encoding="utf-8").splitlines()
    return {n: line for n, line in enumerate(lines, 1) if line.strip()}


@pytest.fixture(scope="module")
def bilingual() -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Findings on the TSV with the sample config (languages and glossary)."""
    return findings(str(SAMPLES / "article.en-it.tsv"), "--config", str(CONFIG)), tsv_targets()


@pytest.fixture(scope="module")
def target_only() -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Findings on the Italian text alone, with the glossary given on the command line."""
    fs = findings("--target", str(SAMPLES / "article.it.txt"), "--target-lang", "it",
                  "-g", str(SAMPLES / "article.glossary.tsv"))  # fmt: skip
    return fs, txt_targets()


MODES = ["bilingual", "target_only"]


def _run(request: pytest.FixtureRequest, mode: str) -> tuple[list[dict[str, Any]], dict[int, str]]:
    fs, targets = request.getfixturevalue(mode)
    for f in fs:
        if f["side"] == "target":
            assert targets[f["line"]][f["start"] : f["end"]] == f["text"], f
    return fs, targets


def _target(fs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in fs if f["side"] == "target"]


@pytest.mark.parametrize("mode", MODES)
def test_every_openai_variant_is_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, targets = _run(request, mode)
    expected = {
        (line, m.start())
        for line, text in targets.items()
        for m in re.finditer(r"\b(?:Openai|Openi|Openbrai)\b", text)
    }
    assert len(expected) == 10  # 1 Openbrai, 5 Openi, 4 Openai
    flagged = {
        (f["line"], f["start"])
        for f in _target(fs)
        if f["text"] in OPENAI_VARIANTS and f["check"] in NAME_CHECKS
    }
    assert flagged == expected
    for f in _target(fs):
        if f["text"] in OPENAI_VARIANTS and f["check"] in NAME_CHECKS:
            assert f["suggestion"] == "OpenAI", f


@pytest.mark.parametrize("mode", MODES)
def test_lowercase_product_names_are_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, _ = _run(request, mode)
    found = {(f["text"], f["suggestion"]) for f in _target(fs) if f["check"] in NAME_CHECKS}
    assert ("chatgpt", "ChatGPT") in found
    assert ("gpu", "GPU") in found


@pytest.mark.parametrize("mode", MODES)
def test_forbidden_terms_are_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, targets = _run(request, mode)
    flagged = [f for f in fs if f["check"] == "forbidden-term"]
    for word in FORBIDDEN:
        count = sum(len(re.findall(rf"\b{word}\b", t)) for t in targets.values())
        hits = [f for f in flagged if f["text"] == word]
        assert len(hits) == count > 0, word
    suggestions = {f["text"]: f["suggestion"] for f in flagged}
    assert suggestions["spiegamento"] == "implementazione"
    assert suggestions["formazione"] == "addestramento"  # training, not education


@pytest.mark.parametrize("mode", MODES)
def test_misspelling_is_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, _ = _run(request, mode)
    assert [(f["text"], f["suggestion"]) for f in fs if f["check"] == "spelling"] == [
        ("Riducando", "Riducendo")
    ]


@pytest.mark.parametrize("mode", MODES)
def test_lowercase_headings_are_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, targets = _run(request, mode)
    caps = {f["text"]: f["suggestion"] for f in fs if f["check"] == "capitalization"}
    assert caps == LOWERCASE_HEADINGS
    for f in fs:
        if f["check"] == "capitalization":
            assert f["start"] == 0 and targets[f["line"]].startswith(f["text"])


@pytest.mark.parametrize("mode", MODES)
def test_correct_names_are_not_flagged(request: pytest.FixtureRequest, mode: str) -> None:
    fs, targets = _run(request, mode)
    for f in _target(fs):
        text = targets[f["line"]]
        for keep in KEEP:
            for m in re.finditer(re.escape(keep), text):
                assert f["end"] <= m.start() or f["start"] >= m.end(), (keep, f)
    # the correctly written forms are never flagged either
    for f in _target(fs):
        assert f["text"] not in ("OpenAI", "NVIDIA", "GPU", "ChatGPT", "Vera", "Rubin"), f


def test_target_only_flags_the_dollar_sign_as_a_locale_issue(
    target_only: tuple[list[dict[str, Any]], dict[int, str]],
) -> None:
    fs, _ = target_only
    money = [f for f in fs if f["check"] == "number"]
    assert [(f["text"], f["suggestion"], f["category"]) for f in money] == [
        ("$ 100 miliardi", "100 miliardi di dollari", "locale")
    ]


def test_target_only_runs_no_check_that_needs_a_source(
    target_only: tuple[list[dict[str, Any]], dict[int, str]],
) -> None:
    fs, _ = target_only
    assert all(f["side"] == "target" for f in fs)
    checks = {f["check"] for f in fs}
    assert "term" not in checks and "untranslated" not in checks and "length" not in checks
    assert {"capitalization", "forbidden-term", "spelling", "number"} <= checks


def test_target_only_with_the_sample_config() -> None:
    """``--config`` supplies the languages and the glossary to a target-only review."""
    fs = findings("--target", str(SAMPLES / "article.it.txt"), "--config", str(CONFIG))
    checks = {(f["check"], f["text"]) for f in fs}
    assert ("capitalization", "la") in checks
    assert ("forbidden-term", "spiegamento") in checks
    assert ("spelling", "Riducando") in checks


# --- reviewer score ----------------------------------------------------------------------


def _bleu(hyp: Path, ref: Path) -> float:
    p = reviewer("score", str(hyp), "-r", str(ref), "--format", "json", "-m", "bleu,chrf")
    assert p.returncode == 0, p.stderr
    (system,) = json.loads(p.stdout)["systems"]
    return float(system["scores"]["bleu"])


def test_score_machine_translation_against_correction() -> None:
    mt, ref = SAMPLES / "article.it.txt", SAMPLES / "article.it.reviewed.txt"
    bleu = _bleu(mt, ref)
    assert 0 < bleu < 100
    assert _bleu(ref, ref) == pytest.approx(100.0)


# --- the per-format samples --------------------------------------------------------------

FORMAT_SAMPLES = [
    ("app.en-it.po", (), {
        ("Hello, %s! You have new reports.", "placeholder"),
        ("Delete %d reports from this folder?", "placeholder"),
        ("%d report selected", "placeholder"),
        ("Keep reports for 30 days, then archive them.", "number"),
    }),
    ("help.en-de.xlf", (), {("save-hint", "markup"), ("help-link", "url")}),
    ("shop.en-fr.xlf", (), {
        ("cart", "markup"), ("question", "punctuation"), ("shipping", "untranslated"),
    }),
    ("login.en-es.tmx", ("-g", str(FORMATS / "login.glossary.tsv")), {
        ("confirm", "punctuation"), ("password", "forbidden-term"),  # one finding, not two
    }),
    ("news.en-it.tsv", (), {
        ("2", "number"), ("4", "capitalization"), ("5", "repeated-word"), ("6", "whitespace"),
    }),
]  # fmt: skip


@pytest.mark.parametrize("name,extra,expected", FORMAT_SAMPLES, ids=[s[0] for s in FORMAT_SAMPLES])
def test_format_sample_planted_errors(
    name: str, extra: tuple[str, ...], expected: set[tuple[str, str]]
) -> None:
    fs = findings(str(FORMATS / name), *extra)
    # a problem seen by several checks is one finding naming the others in "also"
    seen = {(f["unit"], c) for f in fs for c in (f["check"], *f.get("also", ()))}
    assert seen == expected
    assert {(f["unit"], f["check"]) for f in fs} <= expected


def test_po_sample_details() -> None:
    fs = findings(str(FORMATS / "app.en-it.po"))
    plural = [f for f in fs if f["unit"] == "%d report selected"]
    assert [(f["side"], f["text"]) for f in plural] == [("source", "%d")]
    numbers = sorted((f["side"], f["text"]) for f in fs if f["check"] == "number")
    assert numbers == [("source", "30"), ("target", "3")]


def test_xliff2_sample_french_spacing() -> None:
    fs = findings(str(FORMATS / "shop.en-fr.xlf"))
    punct = [(f["text"], f["suggestion"]) for f in fs if f["check"] == "punctuation"]
    assert punct == [(":", "\u00a0:"), ("?", "\u202f?")]


def test_tsv_sample_number_is_a_locale_issue_and_score_uses_the_reference() -> None:
    fs = findings(str(FORMATS / "news.en-it.tsv"))
    (num,) = [f for f in fs if f["check"] == "number"]
    assert (num["text"], num["suggestion"], num["category"]) == ("12,500", "12.500", "locale")
    p = reviewer("score", str(FORMATS / "news.en-it.tsv"), "--format", "json", "-m", "bleu")
    assert p.returncode == 0, p.stderr
    assert 0 < json.loads(p.stdout)["systems"][0]["scores"]["bleu"] < 100

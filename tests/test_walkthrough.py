"""docs/walkthrough.md's figures are produced here, not typed by hand.

Each block of the walkthrough preceded by ``<!-- figure: NAME -->`` is the output of
the commands in :data:`FIGURES` (run from the repository root, the way the walkthrough
says, or in a scratch copy where it says so). The test fails when the document and the
commands disagree; ``REVIEWER_UPDATE_DOCS=1`` rewrites the blocks from the commands.
Timestamps are compared as ``<TIME>``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from reviewer.cli import cli

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "walkthrough.md"
UPDATE = os.environ.get("REVIEWER_UPDATE_DOCS") == "1"
BLOCK = re.compile(r"<!-- figure: (?P<name>[\w-]+) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```",
                   re.S)
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")
FIXES = [
    '{"unit": "4", "before": "la genesi della partnership", "after": "La genesi della partnership", "note": "walkthrough"}',
    '{"unit": "9", "before": "ridimensionamento dell\'infrastruttura di intelligenza artificiale per soddisfare la domanda globale", "after": "Potenziamento dell\'infrastruttura di intelligenza artificiale per soddisfare la domanda globale", "note": "walkthrough"}',
]


def sh(*args: str) -> Any:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code in (0, 1), r.output
    return r


def console(*steps: tuple[str, str]) -> str:
    return "".join(f"$ {cmd}\n{out}" for cmd, out in steps)


def fig_check_stats(_: Path) -> str:
    return sh("check", "samples/article.en-it.tsv", "--config", "samples/reviewer.toml",
              "--stats").stderr


def fig_review_count(tmp: Path) -> str:
    """The status line's count when `reviewer review` opens the sample (no screen)."""
    from reviewer.tui.app import ReviewApp

    seen: dict[str, Any] = {}

    def fake_run(self: ReviewApp, *a: Any, **k: Any) -> None:
        s = self.session
        self.opener(s)
        s.load()
        s.run_checks(s.add_findings)
        seen["n"] = s.counts()["findings_left"]
        seen["mqm"] = s.mqm.profile.name

    import reviewer.cli_review as cr

    orig, orig_tty = ReviewApp.run, cr.need_terminal
    ReviewApp.run = fake_run  # type: ignore[method-assign]
    cr.need_terminal = lambda: None  # CliRunner: no terminal
    try:
        sh("review", "samples/article.en-it.tsv", "--config", "samples/reviewer.toml",
           "--store", str(tmp / "s.sqlite"))
    finally:
        ReviewApp.run = orig  # type: ignore[method-assign]
        cr.need_terminal = orig_tty
    return f"findings left {seen['n']}   (MQM profile: {seen['mqm']})\n"


def fig_apply(tmp: Path) -> str:
    _copy(tmp)
    return console(
        ("mkdir -p /tmp/wt && cp samples/article.* samples/reviewer.toml /tmp/wt/ && cd /tmp/wt", ""),
        ("cat fixes.jsonl          # written by hand or by a script", "\n".join(FIXES) + "\n"),
        ("reviewer apply article.en-it.tsv fixes.jsonl --reviewer anna",
         sh("apply", "article.en-it.tsv", "fixes.jsonl", "--reviewer", "anna").stderr),
        ("reviewer corrections article.en-it.tsv", sh("corrections", "article.en-it.tsv").stdout),
    )


def fig_export(tmp: Path) -> str:
    _copy(tmp)
    sh("apply", "article.en-it.tsv", "fixes.jsonl", "--reviewer", "anna")
    return console(
        ("reviewer export article.en-it.tsv -o article.en-it.corrected.tsv",
         sh("export", "article.en-it.tsv", "-o", "article.en-it.corrected.tsv").stderr),
        ("reviewer check article.en-it.corrected.tsv --config reviewer.toml --stats >/dev/null",
         sh("check", "article.en-it.corrected.tsv", "--config", "reviewer.toml", "--stats").stderr),
        ("reviewer check article.en-it.tsv --config reviewer.toml --stats >/dev/null   # the reviewed file: checked as corrected",
         sh("check", "article.en-it.tsv", "--config", "reviewer.toml", "--stats").stderr),
    )


def fig_score(_: Path) -> str:
    return sh("score", "samples/article.it.txt", "-r", "samples/article.it.reviewed.txt").stdout


def fig_align(tmp: Path) -> str:
    out = tmp / "a.tsv"
    msg = sh("align", "samples/article.en.txt", "samples/article.it.txt", "-o", str(out)).stderr
    rows = out.read_text(encoding="utf-8").splitlines()[:5]
    cut = ["\t".join(c if len(c) <= 50 or c.replace(".", "").isdigit() else c[:50] + "…"
                     for c in r.split("\t")) for r in rows]
    return console(("reviewer align samples/article.en.txt samples/article.it.txt -o /tmp/a.tsv",
                    msg.replace(str(out), "/tmp/a.tsv")),
                   ("head -5 /tmp/a.tsv   # (cells shortened here)", "\n".join(cut) + "\n"))


def fig_target_only(_: Path) -> str:
    return console(("reviewer check --target samples/article.it.txt --config samples/reviewer.toml --stats",
                    sh("check", "--target", "samples/article.it.txt", "--config",
                       "samples/reviewer.toml", "--stats").stderr))


def _copy(tmp: Path) -> None:
    for f in (REPO / "samples").glob("article.*"):
        shutil.copy(f, tmp / f.name)
    shutil.copy(REPO / "samples" / "reviewer.toml", tmp / "reviewer.toml")
    (tmp / "fixes.jsonl").write_text("\n".join(FIXES) + "\n", encoding="utf-8")
    os.chdir(tmp)


FIGURES: dict[str, Callable[[Path], str]] = {
    "check-stats": fig_check_stats,
    "review-count": fig_review_count,
    "apply": fig_apply,
    "export": fig_export,
    "score": fig_score,
    "align": fig_align,
    "target-only": fig_target_only,
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_walkthrough_figure(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    got = FIGURES[name](tmp_path)
    text = DOC.read_text(encoding="utf-8")
    blocks = {m["name"]: m for m in BLOCK.finditer(text)}
    assert name in blocks, f"docs/walkthrough.md has no <!-- figure: {name} --> block"
    m = blocks[name]
    if UPDATE and TIME.sub("<TIME>", m["body"]) != TIME.sub("<TIME>", got):
        DOC.write_text(text[: m.start("body")] + got + text[m.end("body"):], encoding="utf-8")
        return
    assert TIME.sub("<TIME>", m["body"]) == TIME.sub("<TIME>", got), (
        f"walkthrough figure {name!r} is out of date; regenerate with REVIEWER_UPDATE_DOCS=1")


def test_every_figure_block_has_a_producer() -> None:
    names = [m["name"] for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]
    assert sorted(names) == sorted(FIGURES)

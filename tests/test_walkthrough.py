"""docs/walkthrough.md's figures come from here: each ``<!-- generated: NAME -->``
block of the walkthrough is the output of the commands below, run on the samples (in a
scratch copy where they write). Times in the output are compared as ``<time>``.

Rewrite the blocks after an intended change::

    REVIEWER_UPDATE_DOCS=1 python -m pytest tests/test_walkthrough.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "walkthrough.md"
FIXES = (
    '{"unit": "4", "before": "la genesi della partnership", "after": "La genesi della '
    'partnership", "note": "walkthrough"}\n'
    '{"unit": "9", "before": "ridimensionamento dell\'infrastruttura di intelligenza '
    'artificiale per soddisfare la domanda globale", "after": "Potenziamento '
    'dell\'infrastruttura di intelligenza artificiale per soddisfare la domanda globale", '
    '"note": "walkthrough"}\n'
)

# name -> (where: "repo" or "work", the shell commands, in the order of the walkthrough)
BLOCKS: list[tuple[str, str, list[str]]] = [
    ("check-stats", "repo",
     ["reviewer check samples/article.en-it.tsv --config samples/reviewer.toml --stats "
      ">/dev/null"]),
    ("replace-dry-run", "work", ["reviewer replace article.en-it.tsv Nvidia NVIDIA --dry-run"]),
    ("replace", "work", ["reviewer replace article.en-it.tsv Nvidia NVIDIA --reviewer anna "
                         ">/dev/null"]),
    ("apply", "work", ["reviewer apply article.en-it.tsv fixes.jsonl --reviewer anna"]),
    ("corrections", "work", ["reviewer corrections article.en-it.tsv | head -12"]),
    ("export", "work",
     ["reviewer export article.en-it.tsv -o article.en-it.corrected.tsv",
      "reviewer check article.en-it.corrected.tsv --config reviewer.toml --stats >/dev/null"]),
    ("target-only-stats", "repo",
     ["reviewer check --target samples/article.it.txt --config samples/reviewer.toml --stats "
      ">/dev/null"]),
]

_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n```text\n)(?P<body>.*?)(```\n"
                    r"<!-- /generated -->)", re.S)


def _run(commands: list[str], cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PYTHONPATH"] = str(REPO)
    # stderr joins stdout first, so ">/dev/null" in a command drops stdout only
    shell = (f"exec 2>&1; reviewer() {{ {shlex.quote(sys.executable)} -m reviewer.cli "
             f"\"$@\"; }}; " + "; ".join(commands))
    p = subprocess.run(["sh", "-c", shell], cwd=cwd, capture_output=True, text=True,
                       env=env, timeout=300)
    return p.stdout


def generate(work: Path) -> dict[str, str]:
    """The output of every block's commands (the work folder holds a scratch copy of
    the sample pair, its glossary and settings, and the corrections file)."""
    for name in ("article.en-it.tsv", "article.glossary.tsv", "reviewer.toml"):
        shutil.copy(REPO / "samples" / name, work / name)
    (work / "fixes.jsonl").write_text(FIXES, encoding="utf-8")
    return {name: _run(cmds, REPO if where == "repo" else work)
            for name, where, cmds in BLOCKS}


def _norm(text: str) -> str:
    return _TIME.sub("<time>", text).strip()


def test_walkthrough_figures_are_current(tmp_path: Path) -> None:
    doc = DOC.read_text(encoding="utf-8")
    blocks = {m.group("name"): m.group("body") for m in _BLOCK.finditer(doc)}
    assert set(blocks) == {b[0] for b in BLOCKS}, "a generated block is missing from the doc"
    got = generate(tmp_path)
    if os.environ.get("REVIEWER_UPDATE_DOCS"):
        new = _BLOCK.sub(lambda m: m.group(1) + got[m.group("name")].rstrip("\n") + "\n"
                         + m.group(4), doc)
        DOC.write_text(new, encoding="utf-8")
        return
    for name, body in blocks.items():
        assert _norm(body) == _norm(got[name]), (
            f"docs/walkthrough.md block {name!r} is stale; the commands now print:\n"
            f"{got[name]}\n(REVIEWER_UPDATE_DOCS=1 rewrites it)")


def test_blocks_report_no_error(tmp_path: Path) -> None:
    """The walkthrough's commands all succeed (no error text in any block)."""
    for name, text in generate(tmp_path).items():
        assert text.strip(), name
        assert "error" not in text.lower() and "Traceback" not in text, (name, text)

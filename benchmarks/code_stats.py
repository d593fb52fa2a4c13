#!/usr/bin/env python3
"""Size and tidiness figures of the ``reviewer`` package, for before/after notes.

Prints, for a source tree (``--repo``, default this checkout):

* lines of code (non-blank, non-comment lines of ``reviewer/**/*.py``) and files;
* modules over ``--big`` lines (default 500), largest first;
* function-local imports (``import`` statements inside a function body, by AST);
* ``type: ignore`` comments;
* mypy errors on the whole package (``python -m mypy reviewer``; ``--no-mypy`` skips it).

    python benchmarks/code_stats.py
    python benchmarks/code_stats.py --repo /tmp/old-checkout --no-mypy
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def code_lines(text: str) -> int:
    """Lines that are neither blank nor only a comment."""
    return sum(1 for line in text.splitlines()
               if line.strip() and not line.strip().startswith("#"))


def local_imports(tree: ast.AST) -> int:
    """Import statements inside function bodies (each counted once, nested or not)."""
    seen: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            seen.update(id(sub) for sub in ast.walk(node)
                        if isinstance(sub, (ast.Import, ast.ImportFrom)))
    return len(seen)


def mypy_errors(repo: Path) -> str:
    """The number of mypy errors on the package (or what went wrong)."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    done = subprocess.run([sys.executable, "-m", "mypy", "reviewer"], cwd=repo, env=env,
                          capture_output=True, text=True)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    m = re.search(r"Found (\d+) errors?", last)
    if m:
        return m.group(1)
    return "0" if last.startswith("Success") else f"? ({last[:80]})"


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 0."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=REPO, help="source tree (default: this one)")
    ap.add_argument("--big", type=int, default=500, help="a big module has more lines")
    ap.add_argument("--no-mypy", action="store_true", help="skip the mypy run")
    args = ap.parse_args(argv)
    pkg = args.repo / "reviewer"
    files = sorted(pkg.rglob("*.py"))
    loc = ignores = local = 0
    big: list[tuple[int, str]] = []
    for f in files:
        text = f.read_text("utf-8")
        loc += code_lines(text)
        ignores += len(re.findall(r"#\s*type:\s*ignore", text))
        local += local_imports(ast.parse(text, str(f)))
        n = len(text.splitlines())
        if n > args.big:
            big.append((n, str(f.relative_to(args.repo))))
    print(f"files: {len(files)}")
    print(f"lines of code: {loc}")
    print(f"modules over {args.big} lines: {len(big)}")
    for n, name in sorted(big, reverse=True):
        print(f"  {n:5d} {name}")
    print(f"function-local imports: {local}")
    print(f"type: ignore comments: {ignores}")
    if not args.no_mypy:
        print(f"mypy errors: {mypy_errors(args.repo)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

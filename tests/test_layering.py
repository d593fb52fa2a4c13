"""Layering, enforced: the import contract between the core, the CLI and the TUI, no
import cycles, and mypy clean on the whole package.

Layers: the *core* is ``reviewer/`` minus the CLI modules (``reviewer.cli`` and
``reviewer.cli_*``) and the ``reviewer.tui`` package. The core never imports the CLI or
the TUI; the TUI never imports the CLI. Imports are read from the source (``ast``), so
a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "reviewer"

# Cycles that go through imports made inside functions or under TYPE_CHECKING (never
# at import time), left to the owners of those modules; a new cycle fails the test,
# and so does one of these once it is gone (remove it here then).
KNOWN_LAZY_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@functools.cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(current: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    if not is_pkg:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(name: str, path: Path, top_level_only: bool) -> set[str]:
    """The ``reviewer`` modules ``name`` imports (all of them, or only those imported
    when the module itself is: not inside functions, not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = modules()
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()

    def visit(node: ast.AST, runtime: bool) -> None:
        for child in ast.iter_child_nodes(node):
            r = runtime
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                r = False
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.dump(child.test):
                r = False
            if isinstance(child, ast.Import) and (r or not top_level_only):
                for a in child.names:
                    target = a.name
                    while target and target not in known:
                        target = target.rpartition(".")[0]
                    if target:
                        out.add(target)
            elif isinstance(child, ast.ImportFrom) and (r or not top_level_only):
                mod = _resolve(name, is_pkg, child)
                for a in child.names:
                    full = f"{mod}.{a.name}"
                    if full in known:
                        out.add(full)
                    elif mod in known:
                        out.add(mod)
            visit(child, r)

    visit(tree, True)
    out.discard(name)
    return {m for m in out if m.startswith("reviewer")}


def is_cli(m: str) -> bool:
    return m == "reviewer.cli" or m.startswith("reviewer.cli_")


def is_tui(m: str) -> bool:
    return m == "reviewer.tui" or m.startswith("reviewer.tui.")


@functools.cache
def graph(top_level_only: bool) -> dict[str, set[str]]:
    return {name: imports(name, path, top_level_only) for name, path in modules().items()}


def cycles(g: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[frozenset[str]] = []
    counter = [0]
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(frozenset(comp))

    for v in g:
        if v not in index:
            strong(v)
    return out


# ------------------------------------------------------------------ the contract

def test_the_parser_sees_lazy_and_relative_imports() -> None:
    g = graph(top_level_only=False)
    assert "reviewer.settings" in g["reviewer.cli"]          # lazy, inside a command
    assert "reviewer.cli_options" in g["reviewer.cli"]       # `from . import cli_options`
    assert "reviewer.session" not in g                       # no such module: not invented
    top = graph(top_level_only=True)
    assert "reviewer.settings" not in top["reviewer.cli"]
    # a planted violation is seen
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


def test_the_core_never_imports_the_cli_or_the_tui() -> None:
    bad = {(m, t) for m, deps in graph(False).items()
           if not (is_cli(m) or is_tui(m)) for t in deps if is_cli(t) or is_tui(t)}
    assert not bad, f"core modules importing the CLI or the TUI: {sorted(bad)}"


def test_the_tui_never_imports_the_cli() -> None:
    bad = {(m, t) for m, deps in graph(False).items() if is_tui(m) for t in deps if is_cli(t)}
    assert not bad, f"TUI modules importing the CLI: {sorted(bad)}"


def test_no_import_cycle_at_import_time() -> None:
    found = cycles(graph(top_level_only=True))
    assert not found, f"import cycles: {[sorted(c) for c in found]}"


def test_no_new_cycle_through_lazy_imports() -> None:
    found = set(cycles(graph(top_level_only=False)))
    new = [sorted(c) for c in found - KNOWN_LAZY_CYCLES]
    assert not new, f"new import cycles (lazy imports included): {new}"
    gone = [sorted(c) for c in KNOWN_LAZY_CYCLES - found]
    assert not gone, f"these cycles are gone: remove them from KNOWN_LAZY_CYCLES: {gone}"


# ------------------------------------------------------------------ mypy

@pytest.mark.skipif(shutil.which("mypy") is None and
                    subprocess.run([sys.executable, "-c", "import mypy"]).returncode != 0,
                    reason="mypy is not installed")
def test_mypy_is_clean_on_the_whole_package() -> None:
    """``mypy`` with the configuration in pyproject.toml (the whole package, the review
    screen included, no module's errors ignored): no errors."""
    p = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=REPO,
                       capture_output=True, text=True, timeout=900)
    errors = [ln for ln in p.stdout.splitlines() if ": error:" in ln]
    assert p.returncode == 0 and not errors, "\n".join(errors[:30]) or p.stderr

"""Dependencies point inward: no core module may import the terminal-UI libraries.

Every module under ``reviewer/`` except the ``reviewer.tui`` package is imported in a
fresh interpreter, and ``textual`` and ``rich`` must then be absent from
``sys.modules``. ``reviewer.cli`` is included: it may import the TUI only lazily,
inside the ``review`` command. (Harlequin's ``test_import_hygiene.py`` is the model.)

Modules are found on the file system (``pkgutil.iter_modules`` per directory), so this
process never imports the TUI while collecting. One subprocess imports all modules one
by one and notes after which import a forbidden library first appeared, so a failure
names the culprit. The per-module variant checks each module in isolation: to stay
fast (a fresh interpreter per module costs seconds in all), one subprocess preloads the
third-party modules the core is known to pull in without textual or rich, then forks
a child per core module that imports just that module (a subprocess per module where
``os.fork`` is missing).
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "reviewer"
FORBIDDEN = ("textual", "rich")
EXCLUDED_PACKAGES = ("reviewer.tui",)


def core_modules() -> list[str]:
    """Dotted names of every module and package under ``reviewer/`` outside
    ``reviewer.tui``, found without importing anything (``__main__`` left out: importing
    it would run the program)."""
    found: list[str] = []

    def walk(path: Path, prefix: str) -> None:
        for info in pkgutil.iter_modules([str(path)]):
            name = prefix + info.name
            if info.name == "__main__" or any(
                name == ex or name.startswith(ex + ".") for ex in EXCLUDED_PACKAGES
            ):
                continue
            found.append(name)
            if info.ispkg:
                walk(path / info.name, name + ".")

    found.append("reviewer")
    walk(PACKAGE, "reviewer.")
    return sorted(found)


# Runs in the child interpreter: import each module given on argv, note which import
# first brought a forbidden library in, and report as JSON on stdout.
_PROBE = r"""
import importlib, json, sys, traceback
forbidden = json.loads(sys.argv[1])
result = {"origin": None, "loaded": {}, "skipped": {}, "errors": {}, "culprits": {}}
import reviewer
result["origin"] = reviewer.__file__
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as e:
        # an optional extra (e.g. the meaning or dask extras) that is not installed
        if e.name and not (e.name == "reviewer" or e.name.startswith("reviewer.")):
            result["skipped"][name] = f"optional dependency {e.name!r} not installed"
        else:
            result["errors"][name] = traceback.format_exc()
    except Exception:
        result["errors"][name] = traceback.format_exc()
    for lib in forbidden:
        if lib in sys.modules and lib not in result["culprits"]:
            result["culprits"][lib] = name
result["loaded"] = {lib: lib in sys.modules for lib in forbidden}
result["modules"] = sorted(sys.modules)
print(json.dumps(result))
"""

# Runs in the child interpreter: preload the given third-party modules, then fork a
# child per core module that imports only it; one JSON line of results on stdout.
_ISOLATED_PROBE = r"""
import importlib, json, os, sys, traceback
forbidden, preload, modules = json.loads(sys.stdin.read())
for name in preload:
    try:
        importlib.import_module(name)
    except BaseException:
        pass
assert not any(lib in sys.modules for lib in forbidden), "a preloaded module loads them"
results = {}
for name in modules:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        out = {"loaded": [], "skipped": None, "error": None}
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and not (e.name == "reviewer" or e.name.startswith("reviewer.")):
                out["skipped"] = f"optional dependency {e.name!r} not installed"
            else:
                out["error"] = traceback.format_exc()
        except BaseException:
            out["error"] = traceback.format_exc()
        out["loaded"] = [lib for lib in forbidden if lib in sys.modules]
        with os.fdopen(w, "w") as f:
            f.write(json.dumps(out))
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        data = f.read()
    os.waitpid(pid, 0)
    results[name] = json.loads(data) if data else {"loaded": [], "skipped": None,
                                                    "error": "child died"}
print(json.dumps(results))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def probe(modules: list[str]) -> dict[str, Any]:
    """Import ``modules`` in order in a fresh interpreter rooted at this checkout."""
    env = _env()
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(FORBIDDEN), *modules],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"probe interpreter failed:\n{proc.stderr}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    origin = Path(str(result["origin"])).resolve()
    assert origin.is_relative_to(PACKAGE), f"imported reviewer from {origin}, not {PACKAGE}"
    return result


MODULES = core_modules()


def test_modules_found() -> None:
    """The walk sees the core (guards against a walk that silently finds nothing)."""
    for name in ("reviewer", "reviewer.model", "reviewer.errors", "reviewer.formats"):
        assert name in MODULES
    assert not any(m.startswith("reviewer.tui") for m in MODULES)


@pytest.fixture(scope="module")
def whole() -> dict[str, Any]:
    """The result of importing every core module in one fresh interpreter."""
    return probe(MODULES)


def test_core_imports_no_tui_library(whole: dict[str, Any]) -> None:
    """Importing every core module (one interpreter) loads neither textual nor rich."""
    result = whole
    errors = result["errors"]
    assert not errors, "core modules fail to import:\n" + "\n".join(
        f"{name}:\n{tb}" for name, tb in errors.items()
    )
    loaded = result["loaded"]
    culprits = result["culprits"]
    bad = [lib for lib in FORBIDDEN if loaded[lib]]
    assert not bad, "; ".join(
        f"{lib!r} is imported by the core: it appeared on importing "
        f"{culprits.get(lib)!r}"
        for lib in bad
    )


@pytest.fixture(scope="module")
def isolated(whole: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-module results: ``{module: {"loaded": [...], "skipped": ..., "error": ...}}``."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: an interpreter each
        out: dict[str, dict[str, Any]] = {}
        for name in MODULES:
            r = probe([name])
            out[name] = {
                "loaded": [lib for lib in FORBIDDEN if r["loaded"][lib]],
                "skipped": r["skipped"].get(name),
                "error": r["errors"].get(name),
            }
        return out
    if any(whole["loaded"].values()):
        preload: list[str] = []  # the culprit may be a dependency: preload nothing
    else:
        preload = [
            m for m in whole["modules"]
            if not (m == "reviewer" or m.startswith("reviewer.") or m == "__main__")
        ]
    proc = subprocess.run(
        [sys.executable, "-c", _ISOLATED_PROBE],
        input=json.dumps([FORBIDDEN, preload, MODULES]),
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"isolated probe failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", MODULES)
def test_module_alone_imports_no_tui_library(
    module: str, isolated: dict[str, dict[str, Any]]
) -> None:
    """Each core module, imported alone (forked from a clean preloaded interpreter),
    loads no TUI library."""
    result = isolated[module]
    if result["skipped"]:
        pytest.skip(str(result["skipped"]))
    assert not result["error"], result["error"]
    assert not result["loaded"], f"importing {module} loads {', '.join(result['loaded'])}"

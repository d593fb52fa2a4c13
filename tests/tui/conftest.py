"""Fixtures of the TUI tests: the bundled sample in a temporary store, an app factory
and a helper that waits until loading and checks are done.

Every test reads the outcome back from the store with a fresh :class:`Project`, so what
is asserted is what survives the session, not just what the screen shows.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import pytest

from reviewer.config import Config
from reviewer.project import Project
from reviewer.settings import resolve
from reviewer.tui.app import ReviewApp
from reviewer.tui.loader import ReviewOptions, open_into
from reviewer.tui.session import ReviewSession

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "article.en-it.tsv"
XLIFF = REPO / "tests" / "data" / "xliff" / "sample20.xlf"
SIZE = (120, 36)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: Any) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no async plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {a: pyfuncitem.funcargs[a] for a in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample article (exports land beside it)."""
    dst = tmp_path / "article.en-it.tsv"
    shutil.copy(SAMPLE, dst)
    return dst


def make_app(path: Path | str, store: Path, keymap: dict[str, str] | None = None,
             checks: bool = True, wrap_plan: Callable[[Any], Any] | None = None,
             **opts: Any) -> ReviewApp:
    """A review app over ``path`` with its store at ``store`` (no blinking)."""
    params: dict[str, Any] = {"source_lang": "en", "target_lang": "it",
                              "no_checks": not checks, "reviewer_name": "tester"}
    if "glossaries" in opts:  # a setting, not an input
        params["glossaries"] = opts.pop("glossaries")
    o = ReviewOptions(file=str(path), store=str(store), **opts)
    settings = resolve(params, config=Config())
    session = ReviewSession(None)  # type: ignore[arg-type]

    def opener(s: ReviewSession) -> None:
        open_into(s, o, settings)
        if wrap_plan is not None:
            s.plan = wrap_plan(s.plan)

    return ReviewApp(session, opener=opener, keymap=keymap, blink=False)


_FINDINGS: dict[tuple[Any, ...], list[Any]] = {}


class CachedPlan:
    """The real check plan, its findings remembered by the segments' content: the
    tests review the same sample again and again, the checks need to run once."""

    def __init__(self, plan: Any) -> None:
        self.plan, self.checks = plan, plan.checks

    def run(self, doc: Any) -> Any:
        segs = list(doc)
        key = tuple((s.index, s.source, s.target) for s in segs)
        if key not in _FINDINGS:
            doc.segments = segs
            _FINDINGS[key] = list(self.plan.run(doc))
        return iter([replace(f, file=doc.path) for f in _FINDINGS[key]])


@pytest.fixture
def app_for(tmp_path: Path, sample: Path) -> Callable[..., ReviewApp]:
    """``app_for(**kw)``: an app over the sample with a store in ``tmp_path``."""
    store = tmp_path / "review.sqlite"

    def make(**kw: Any) -> ReviewApp:
        kw.setdefault("wrap_plan", CachedPlan)
        return make_app(kw.pop("path", sample), kw.pop("store", store), **kw)

    return make


@pytest.fixture
def stored(tmp_path: Path, sample: Path) -> Callable[..., Project]:
    """``stored()``: the sample's project re-opened from the store (a new connection)."""
    opened: list[Project] = []

    def reopen(path: Path | None = None) -> Project:
        from reviewer.formats import ReadOptions

        p = Project.open(path or sample, store_path=tmp_path / "review.sqlite", create=False,
                         read_options=ReadOptions(source_lang="en", target_lang="it"))
        opened.append(p)
        return p

    yield reopen  # type: ignore[misc]
    for p in opened:
        p.close()


async def ready(pilot: Any) -> None:
    """Wait for loading, figures and checks."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        s = app.session
        if s.loaded and s.checks_done and s.figures_ready and not app.workers:
            break
    await pilot.pause()


async def answer(pilot: Any, text: str, key: str = "enter") -> None:
    """Fill the focused input of a prompt with ``text`` and press ``key`` (typing key
    by key costs ~60 ms a key in the harness)."""
    widget = pilot.app.focused
    widget.value = text
    await pilot.press(key)

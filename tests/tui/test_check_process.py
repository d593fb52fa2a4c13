"""The checks of the review screen in a separate process: the findings that arrive
that way are those of a direct :class:`CheckPlan` run over the project (corrections
and dismissals included), and the thread path takes over when the process path does
not apply or cannot start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.config import Config
from reviewer.formats import ReadOptions
from reviewer.project import Project
from reviewer.runner import plan_checks
from reviewer.tui import check_process
from reviewer.tui.session import ReviewSession

from .conftest import SIZE, make_app, ready


def _open(sample: Path, tmp_path: Path) -> Project:
    return Project.open(sample, store_path=tmp_path / "review.sqlite", reviewer="tester",
                        read_options=ReadOptions(source_lang="en", target_lang="it"))


def _collect(session: ReviewSession, **kw: Any) -> tuple[str, dict[int, list[Any]], int]:
    got: dict[int, list[Any]] = {}
    batches = [0]

    def on_batch(batch: dict[int, list[Any]]) -> None:
        batches[0] += 1
        for pos, items in batch.items():
            got.setdefault(pos, []).extend(items)

    path = check_process.run_checks(session, on_batch, **kw)
    return path, got, batches[0]


def test_process_findings_match_a_direct_run(sample: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(check_process, "BATCH_UNITS", 3)  # several batches
    project = _open(sample, tmp_path)
    try:
        plan = plan_checks(Config())
        direct = project.findings_by_segment(plan)
        assert len(direct) >= 3
        # a correction and a dismissal the child must take into account
        first, second = sorted(direct)[:2]
        project.correct(first, (project.segment(first).target or "") + " . .  x")
        gone = direct[second][0]
        project.dismiss(second, gone)
        direct = project.findings_by_segment(plan)
        assert gone not in direct.get(second, [])
        session = ReviewSession(project, plan=plan_checks(Config()))
        session.load()
        path, got, batches = _collect(session)
        assert path == "process", getattr(session, "check_error", None)
        assert batches > 1
        assert got == direct
    finally:
        project.close()


def test_thread_fallback_when_the_process_cannot_start(sample: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    def fail(_spec: Any) -> Any:
        raise OSError("no processes here")

    monkeypatch.setattr(check_process, "_start", fail)
    project = _open(sample, tmp_path)
    try:
        direct = project.findings_by_segment(plan_checks(Config()))
        session = ReviewSession(project, plan=plan_checks(Config()))
        session.load()
        path, got, _ = _collect(session)
        assert path == "thread" and "no processes here" in session.check_error
        assert got == direct
    finally:
        project.close()


def test_thread_path_for_in_memory_backends_and_when_disabled(sample: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    from reviewer.project import Project
    from reviewer.tui.memory import synthetic_segments

    session = ReviewSession(Project.in_memory(synthetic_segments(50)), plan=plan_checks(Config()))
    session.load()
    assert check_process.process_spec(session) is None
    assert _collect(session)[0] == "thread"
    project = _open(sample, tmp_path)
    try:
        session = ReviewSession(project, plan=plan_checks(Config()))
        session.load()
        assert check_process.process_spec(session) is not None
        monkeypatch.setenv(check_process.ENV, "0")
        assert check_process.process_spec(session) is None
    finally:
        project.close()


async def test_app_gets_findings_from_the_process(sample: Path, tmp_path: Path) -> None:
    store = tmp_path / "review.sqlite"
    app = make_app(sample, store)  # the real CheckPlan: the process path
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        s = app.session
        assert app.screen.check_path == "process", getattr(s, "check_error", None)
        assert s.checks_done and s.findings
        with Project.open(sample, store_path=store, create=False,
                          read_options=ReadOptions(source_lang="en", target_lang="it")) as p:
            assert s.findings == p.findings_by_segment(plan_checks(Config()))

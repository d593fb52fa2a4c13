"""Opening what ``reviewer review`` was given: the project, the glossaries, the
reference, the check plan. Runs in the load worker; no Textual here, and no CLI: the
settings arrive resolved (:class:`reviewer.settings.Settings`), the same ones
``check`` and ``report`` use, so the screen shows the same findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .session import ProgressFn, ReviewSession

#: Units read before the first paint when a file is big enough to be read in two
#: phases: more than a tall terminal shows.
HEAD_UNITS = 200

#: What finishes a two-phase open: reads the whole file (in a worker), returns what
#: :meth:`ReviewSession.install_index` installs.
Finish = Callable[[ProgressFn], dict[str, Any]]


@dataclass(frozen=True)
class ReviewOptions:
    """What to open: FILE or a --source/--target pair (``align``: sentence-aligned),
    a reference, a store. Everything else is in the settings."""

    file: str | None = None
    source: str | None = None
    target: str | None = None
    reference: str | None = None
    store: str | None = None
    align: bool = False


def input_paths(opts: ReviewOptions) -> tuple[str, str | None]:
    """``(input, source)`` for :meth:`Project.open` from FILE/--source/--target."""
    from ..errors import UsageError

    if opts.file and opts.target:
        raise UsageError("give FILE or --target, not both")
    main = opts.file or opts.target
    if not main:
        raise UsageError("no input: give FILE, or --source and --target")
    return main, opts.source


def open_into(session: ReviewSession, opts: ReviewOptions, settings: Any) -> None:
    """Open the project and everything around it into ``session``."""
    from ..project import Project

    main, source = input_paths(opts)
    ro = settings.read_options
    project = Project.open(main, store_path=opts.store, reviewer=settings.review.reviewer,
                           read_options=ro, source_path=source, config=settings.config,
                           aligned=opts.align)
    try:
        glossary = settings.load_glossary()
        references = None
        if opts.reference:
            from ..scoring import read_system

            references = read_system(opts.reference, ro)[0]
        session.backend = project
        session.glossary = glossary
        session.references = references
        session.mqm.profile = settings.mqm.get(settings.config)
        if settings.check.run:
            session.plan = settings.plan(glossary)
            session.checks_done = False
    except BaseException:
        project.close()
        raise


def open_head(session: ReviewSession, opts: ReviewOptions, settings: Any) -> Finish | None:
    """Open the first units of FILE into ``session`` (a
    :class:`~reviewer.project_head.HeadProject`: paint and edit them now, and a
    :class:`~reviewer.tui.preview.HeadPreview` of them as ``session.preview``) and
    return what reads the rest; None, with nothing opened, for an input that cannot
    be read in two phases (a pair, an alignment, a stream, a small file, another
    format). Bounded work whatever the file's size: the command runs it before the
    screen starts, so the screen's first frame shows the units."""
    from ..formats.head import read_head

    main, source = input_paths(opts)
    if source is not None or opts.align:
        return None
    ro = settings.read_options
    head = read_head(main, ro, HEAD_UNITS)
    if head is None or head.complete:
        return None
    from ..project_head import HeadProject
    from .preview import HeadPreview

    session.backend = HeadProject.open_head(main, head.segments, head.doc, store_path=opts.store,
                                            reviewer=settings.review.reviewer,
                                            read_options=ro, config=settings.config)
    session.indexing = True
    session.checks_done = True  # nothing runs until the whole file is read
    session.preview = HeadPreview(session.backend, session.references)

    def finish(progress: ProgressFn) -> dict[str, Any]:
        return read_whole(session, opts, settings, progress)

    return finish


def open_staged(session: ReviewSession, opts: ReviewOptions, settings: Any) -> Finish | None:
    """:func:`open_head`, else (an input that cannot be read in two phases)
    :func:`open_into` it whole and return None."""
    finish = open_head(session, opts, settings)
    if finish is None:
        open_into(session, opts, settings)
    return finish


def staged_opener(session: ReviewSession, opts: ReviewOptions,
                  settings: Any) -> Callable[[ReviewSession], Finish | None]:
    """What ``reviewer review`` starts the screen with: the first units of a big file
    opened now (:func:`open_head`, so the first frame shows them), and the opener the
    screen's load worker runs (what reads the rest, or the whole input)."""
    finish = open_head(session, opts, settings)
    if finish is not None:
        return lambda _s: finish

    def whole(s: ReviewSession) -> None:
        open_into(s, opts, settings)

    return whole


def read_whole(session: ReviewSession, opts: ReviewOptions, settings: Any,
               progress: ProgressFn) -> dict[str, Any]:
    """Phase two of :func:`open_staged` (a worker thread): the whole project, the
    glossaries, the reference and the check plan, prepared for
    :meth:`ReviewSession.install_index`. Progress is the share of the file's lines
    read."""
    from ..formats.head import count_lines
    from ..project import Project

    main, source = input_paths(opts)
    lines = count_lines(main)

    def read(units: int, line: int) -> None:
        session.index_progress = (units, line, lines)
        progress("reading", min(line, lines), lines)

    ro = settings.read_options
    project = Project.open(main, store_path=opts.store, reviewer=settings.review.reviewer,
                           read_options=ro, source_path=source, config=settings.config,
                           progress=read)
    try:
        session.index_progress = (len(project), lines, lines)
        glossary = settings.load_glossary()
        references = None
        if opts.reference:
            from ..scoring import read_system

            references = read_system(opts.reference, ro)[0]
        plan = settings.plan(glossary) if settings.check.run else None
        return session.prepare_index(project, glossary=glossary, references=references,
                                     plan=plan, profile=settings.mqm.get(settings.config))
    except BaseException:
        project.close()
        raise

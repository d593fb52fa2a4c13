"""Opening what ``reviewer review`` was given: the project, the glossaries, the
reference, the check plan. Runs in the load worker; no Textual here, and no CLI: the
settings arrive resolved (:class:`reviewer.settings.Settings`), the same ones
``check`` and ``report`` use, so the screen shows the same findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .session import ReviewSession


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

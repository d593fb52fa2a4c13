"""Opening what ``reviewer review`` was given: the project, the glossaries, the
reference, the check plan. Runs in the load worker; no Textual here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .session import ReviewSession


@dataclass
class ReviewOptions:
    """The ``review`` command's options."""

    file: str | None = None
    source: str | None = None
    target: str | None = None
    glossaries: tuple[str, ...] = ()
    reference: str | None = None
    store: str | None = None
    reviewer: str | None = None
    config_path: str | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    checks: bool = True
    read_opts: dict[str, Any] = field(default_factory=dict)


def load_config_for(opts: ReviewOptions) -> Any:
    """``reviewer.toml`` (or ``--config``)."""
    from ..config import load_config

    return load_config(opts.config_path)


def input_paths(opts: ReviewOptions) -> tuple[str, str | None]:
    """``(input, source)`` for :meth:`Project.open` from FILE/--source/--target."""
    from ..errors import UsageError

    if opts.file and opts.target:
        raise UsageError("give FILE or --target, not both")
    main = opts.file or opts.target
    if not main:
        raise UsageError("no input: give FILE, or --source and --target")
    return main, opts.source


def open_into(session: ReviewSession, opts: ReviewOptions, config: Any) -> None:
    """Open the project and everything around it into ``session``."""
    from ..cli import read_options
    from ..mqm import get_profile
    from ..project import Project

    main, source = input_paths(opts)
    ro = read_options({"source_lang": opts.source_lang, "target_lang": opts.target_lang,
                       **opts.read_opts}, config)
    project = Project.open(main, store_path=opts.store, reviewer=opts.reviewer,
                           read_options=ro, source_path=source, config=config)
    try:
        glossary = None
        if opts.glossaries:
            from ..terms import load_glossary

            for g in opts.glossaries:
                one = load_glossary(g, project.source_lang, project.target_lang)
                glossary = one if glossary is None else glossary.merge(one)
        references = None
        if opts.reference:
            from ..scoring import read_system

            references = read_system(opts.reference, ro)[0]
        review = config.raw.get("review", {}) if config.raw else {}
        session.backend = project
        session.glossary = glossary
        session.references = references
        session.mqm.profile = get_profile(str(review.get("mqm-profile", "mqm")), config.raw)
        if opts.checks:
            from ..runner import plan_checks

            session.plan = plan_checks(config, opts.enable, opts.disable, glossary)
            session.checks_done = False
    except BaseException:
        project.close()
        raise

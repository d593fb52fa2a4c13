"""``reviewer review``: the interactive review (Textual, imported only when run)."""

from __future__ import annotations

from typing import Any

import click

from . import cli_options as O


@click.command("review")
@click.argument("file", required=False, type=click.Path())
@click.option("--source", "source", type=click.Path(), help="Plain-text source when FILE (or --target) is its translation.")
@click.option("--target", "target", type=click.Path(), help="Plain-text translation (with --source; alone: target-only review).")
@O.glossary_option
@click.option("--reference", type=click.Path(), help="Reference translation (plain text, one segment a line, or a bilingual file's targets): a third column.")
@O.store_option
@click.option("--reviewer", "reviewer_name", help="Your name in the store (default: reviewer.toml, else the OS user).")
@O.read_options
@O.check_options
@click.option("--no-checks", is_flag=True, help="Do not run the QA checks.")
@click.option("--theme", help="Textual theme (e.g. textual-light); default from [review] theme.")
@O.align_option
def review_cmd(file: str | None, source: str | None, target: str | None,
               reference: str | None, store: str | None, align: bool = False,
               **_: Any) -> None:
    """Review FILE interactively: source and translation side by side, findings
    highlighted, corrections and MQM annotations saved to the review store as you go
    (press ? for the keys). Keys are remapped in reviewer.toml's [keys] table. The
    settings (glossary, languages, checks, MQM profile) are those `check` and
    `report` use."""
    import os

    from .errors import UsageError
    from .settings import from_context
    from .tui.loader import ReviewOptions, input_paths

    settings = from_context()
    if align:
        if not (source and target) or file:
            raise UsageError("--align needs --source and --target (two documents), and no FILE")
    opts = ReviewOptions(file=file, source=source, target=target, reference=reference,
                         store=store, align=align)
    main, src = input_paths(opts)
    for p in (main, src, reference, *settings.check.glossaries):
        if p is not None and not os.path.exists(p):
            raise UsageError("no such file", p)
    run(opts, settings)


def need_terminal() -> None:
    """Refuse to start the screen without a terminal: with a pipe or file for input or
    output it would wait for keys that never come (one line, exit 2)."""
    import sys

    from .errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("review needs a terminal (its input or output is a pipe or a "
                         "file); use check, report or export in scripts")


def run(opts: Any, settings: Any) -> None:
    """Start the app; re-raise a user error from opening; close the store. Settings
    errors come first, then the terminal check."""
    from .tui.app import ReviewApp
    from .tui.keymap import keymap_from_config
    from .tui.loader import staged_opener
    from .tui.session import ReviewSession

    config = settings.config
    if settings.check.run:  # fail before the screen (with --no-checks none runs)
        from .runner import resolve_enabled

        resolve_enabled(config, settings.check.enable, settings.check.disable)
        if config.options or config.severity or config.check_table:
            # values the checks read as they run: probe them now. Without any, the
            # probe (every check and its languages' data imported) would hold up the
            # first frame for nothing: the checks start with the whole file.
            settings.validate_checks()
    need_terminal()
    keymap, warnings = keymap_from_config(config.raw)
    session = ReviewSession(None)  # type: ignore[arg-type]
    try:
        # a big file's first units now (bounded work), so the first frame shows them
        opener = staged_opener(session, opts, settings)
        app = ReviewApp(session, opener=opener, keymap=keymap,
                        theme=settings.review.theme, warnings=warnings)
        app.run()
    finally:
        close = getattr(session.backend, "close", None)
        if close is not None:
            close()
    if app.load_error is not None:
        raise app.load_error
    if app.return_code not in (None, 0):
        raise SystemExit(app.return_code)

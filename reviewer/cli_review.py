"""``reviewer review``: the interactive review (Textual, imported only when run)."""

from __future__ import annotations

from typing import Any

import click


@click.command("review")
@click.argument("file", required=False, type=click.Path())
@click.option("--source", "source", type=click.Path(), help="Plain-text source when FILE (or --target) is its translation.")
@click.option("--target", "target", type=click.Path(), help="Plain-text translation (with --source; alone: target-only review).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary (TSV/CSV/TBX); repeat for several.")
@click.option("--reference", type=click.Path(), help="Reference translation (plain text, one segment a line, or a bilingual file's targets): a third column.")
@click.option("--store", type=click.Path(), help="Review store (default FILE.review.sqlite).")
@click.option("--reviewer", "reviewer_name", help="Your name in the store (default: reviewer.toml, else the OS user).")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file (default ./reviewer.toml).")
@click.option("--source-lang", help="Source language (BCP 47), when the file does not say.")
@click.option("--target-lang", help="Target language (BCP 47), when the file does not say.")
@click.option("--enable", multiple=True, help="Check ids to enable (comma-separated; 'all').")
@click.option("--disable", multiple=True, help="Check ids to disable (comma-separated; 'all').")
@click.option("--no-checks", is_flag=True, help="Do not run the QA checks.")
@click.option("--input-format", type=click.Choice(["po", "xliff", "tmx", "tsv", "csv", "jsonl", "txt"]), help="Read FILE as this format.")
@click.option("--theme", help="Textual theme (e.g. textual-light); default from [review] theme.")
@click.option("--align", "align", is_flag=True, help="Align --source and --target sentence by sentence first (into TARGET.aligned.tsv, reused by later sessions) and review the pairs.")
def review_cmd(file: str | None, source: str | None, target: str | None,
               glossaries: tuple[str, ...], reference: str | None, store: str | None,
               reviewer_name: str | None, config_path: str | None, source_lang: str | None,
               target_lang: str | None, enable: tuple[str, ...], disable: tuple[str, ...],
               no_checks: bool, input_format: str | None, theme: str | None,
               align: bool = False) -> None:
    """Review FILE interactively: source and translation side by side, findings
    highlighted, corrections and MQM annotations saved to the review store as you go
    (press ? for the keys). Keys are remapped in reviewer.toml's [keys] table."""
    import os

    from .errors import UsageError
    from .tui.loader import ReviewOptions, input_paths, load_config_for

    if align:
        if not (source and target) or file:
            raise UsageError("--align needs --source and --target (two documents), and no FILE")
        file, source, target = aligned_pair(source, target, source_lang, target_lang), None, None
    opts = ReviewOptions(file=file, source=source, target=target, glossaries=glossaries,
                         reference=reference, store=store, reviewer=reviewer_name,
                         config_path=config_path, source_lang=source_lang,
                         target_lang=target_lang, enable=enable, disable=disable,
                         checks=not no_checks, read_opts={"input_format": input_format})
    config = load_config_for(opts)
    main, src = input_paths(opts)
    for p in (main, src, reference, *glossaries):
        if p is not None and not os.path.exists(p):
            raise UsageError("no such file", p)
    run(opts, config, theme)


def aligned_pair(source: str, target: str, source_lang: str | None,
                 target_lang: str | None) -> str:
    """The sentence alignment of two documents as a TSV beside the target
    (``TARGET.aligned.tsv``): made once, then reused so the review store that belongs to
    it keeps its corrections across sessions."""
    import sys
    from pathlib import Path

    from .align import align_texts
    from .cli_align import write_tsv
    from .formats.base import atomic_writer, read_text

    out = Path(target).with_suffix(".aligned.tsv")
    if out.exists():
        sys.stderr.write(f"reviewer: reviewing the existing alignment {out} "
                         "(delete it to align again)\n")
        return str(out)
    links, _, _ = align_texts(read_text(source), read_text(target), source_lang or "en",
                              target_lang or "und")
    with atomic_writer(out, "w") as f:
        write_tsv(f, links)
    sys.stderr.write(f"reviewer: aligned {len(links)} sentence pairs into {out}\n")
    return str(out)


def need_terminal() -> None:
    """Refuse to start the screen without a terminal: with a pipe or file for input or
    output it would wait for keys that never come (one line, exit 2)."""
    import sys

    from .errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("review needs a terminal (its input or output is a pipe or a "
                         "file); use check, report or export in scripts")


def run(opts: Any, config: Any, theme: str | None = None) -> None:
    """Start the app; re-raise a user error from opening; close the store."""
    need_terminal()
    from .runner import resolve_enabled
    from .tui.app import ReviewApp
    from .tui.keymap import keymap_from_config
    from .tui.loader import open_into
    from .tui.session import ReviewSession

    resolve_enabled(config, opts.enable, opts.disable)  # bad check ids: fail before the screen
    keymap, warnings = keymap_from_config(config.raw)
    review = config.raw.get("review", {}) if config.raw else {}
    session = ReviewSession(None)  # type: ignore[arg-type]
    app = ReviewApp(session, opener=lambda s: open_into(s, opts, config), keymap=keymap,
                    theme=theme or review.get("theme"), warnings=warnings)
    try:
        app.run()
    finally:
        close = getattr(session.backend, "close", None)
        if close is not None:
            close()
    if app.load_error is not None:
        raise app.load_error
    if app.return_code not in (None, 0):
        raise SystemExit(app.return_code)

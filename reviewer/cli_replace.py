"""``reviewer replace FILE PATTERN REPLACEMENT``: a bulk fix across the file's
targets, recorded in the review store as ordinary corrections (see :mod:`reviewer.bulk`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from .cli_store import _input_options, _open, _unit
from .errors import UsageError
from .store import default_store_path
from .worddiff import inline


@click.command("replace")
@click.argument("file", type=click.Path())
@click.argument("pattern")
@click.argument("replacement")
@click.option("--regex", is_flag=True, help="PATTERN is a Python regular expression (REPLACEMENT may use \\1, \\g<name>).")
@click.option("-i", "--ignore-case", is_flag=True, help="Match PATTERN whatever its case.")
@click.option("--only-findings", "only_check", metavar="CHECK", help="Only in units where the check CHECK reports a finding in the translation.")
@click.option("--dry-run", is_flag=True, help="List every change; record nothing.")
@click.option("--reviewer", help="Your name in the store (default: reviewer.toml, else the OS user).")
@_input_options
def replace_cmd(file: str, pattern: str, replacement: str, regex: bool, ignore_case: bool,
                only_check: str | None, dry_run: bool, reviewer: str | None, **opts: Any) -> None:
    """Replace PATTERN by REPLACEMENT in every translation of FILE (every plural form
    of a PO plural entry). Each changed unit becomes an ordinary correction in the
    review store, with a note naming this replace (undo it per unit in the review
    screen, or all together there). Every change is listed first, as a word diff."""
    ctx = click.get_current_context()
    with tempfile.TemporaryDirectory(prefix="reviewer-replace-") as tmp:
        if dry_run and not default_store_path(file).exists() and not opts.get("store"):
            # nothing reviewed yet: a throwaway store (the settings read ctx.params)
            ctx.params["store"] = str(Path(tmp) / "dry-run.review.sqlite")
        _replace(file, pattern, replacement, regex, ignore_case, only_check, dry_run)


def _replace(file: str, pattern: str, replacement: str, regex: bool, ignore_case: bool,
             only_check: str | None, dry_run: bool) -> None:
    from . import bulk
    from .runner import plan_checks
    from .settings import from_context

    with _open(file, create=True) as project:
        segs = project.segments
        only = None
        if only_check:
            settings = from_context()
            plan = plan_checks(settings.config, (only_check,), (),
                               glossary=settings.load_glossary())
            if only_check not in plan.ids:
                raise UsageError(f"unknown check {only_check!r}")
            pos_of = {s.index: i for i, s in enumerate(segs)}
            only = bulk.positions_with_findings(project.findings(plan), only_check, pos_of)
        changes = bulk.plan(segs, pattern, replacement, regex, ignore_case, only)
        for c in changes:
            click.echo(f"{_unit(c)}: {inline(c.before, c.after)}")
        total = sum(c.count for c in changes)
        if dry_run:
            click.echo(f"{file}: {total} replacements in {len(changes)} units "
                       "(dry run: nothing recorded)", err=True)
            return
        from .store import now_iso

        note = bulk.note_for(pattern, replacement, now_iso())
        done = bulk.record(project, changes, note)
    skipped = len(changes) - done
    click.echo(f"{file}: {total} replacements in {done} units recorded as corrections"
               + (f"; {skipped} skipped (changed meanwhile)" if skipped else ""), err=True)
    if skipped:
        sys.exit(1)

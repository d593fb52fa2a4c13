"""``reviewer corrections``, ``reviewer apply`` and ``reviewer export``: the review
store from the command line (see :mod:`reviewer.project`)."""

from __future__ import annotations

import csv
import difflib
import io
import json
import sys
from typing import IO, Any, Callable, Iterable

import click

from . import cli_options as O
from . import safejson
from .errors import InputError, UsageError
from .safetext import csv_cell, split_lines, terminal_safe
from .worddiff import inline, visible_codes

FORMATS = ["po", "xliff", "tmx", "tsv", "csv", "jsonl", "txt"]


def _input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the store commands: where the store is and how to read FILE."""
    f = O.read_options(f)
    f = click.option("--align", "align", is_flag=True, help="FILE is the target of --source, sentence-aligned (as `review --align`).")(f)
    f = click.option("--source", "source", type=click.Path(), help="Plain-text source file when FILE is its translation.")(f)
    return O.store_option(f)


def _open(file: str, create: bool) -> Any:
    """FILE's project with the settings of the running command."""
    from .project import Project
    from .settings import from_context

    ctx = click.get_current_context()
    settings = from_context(ctx)
    p = ctx.params
    if p.get("align") and not p.get("source"):
        raise UsageError("--align needs --source (FILE is the target)")
    return Project.open(file, store_path=p.get("store"), reviewer=settings.review.reviewer,
                        read_options=settings.read_options, source_path=p.get("source"),
                        create=create, config=settings.config, aligned=bool(p.get("align")))


def _protect(file: str, project: Any = None, *more: str | None) -> list[str]:
    from .output import protected_paths

    ctx = click.get_current_context()
    store = project.store.path if project is not None else ctx.params.get("store")
    return protected_paths([file, ctx.params.get("source"), ctx.params.get("config_path"), *more],
                           [store])


# --------------------------------------------------------------------- corrections


def _unit(c: Any) -> str:
    """The unit as listed: a PO context without its raw U+0004, a plural form named."""
    unit = str(c.unit).replace("\x04", " ∣ ")
    form = getattr(c, "form", None)
    return unit if form is None else f"{unit} [form {form}]"


def _diff(items: Iterable[Any], path: str, out: IO[str]) -> None:
    for c in items:
        where = f"unit {_unit(c)}" + (f" ({_tag(c)})" if _tag(c) else "")
        lines = difflib.unified_diff(
            visible_codes(c.before or "").splitlines(), visible_codes(c.after).splitlines(),
            fromfile=f"a/{path}\t{where}", tofile=f"b/{path}\t{where}", lineterm="", n=3)
        for line in lines:
            out.write(line + "\n")
        if c.before is not None:
            out.write(f"~{inline(c.before, c.after, context=False)}\n")


def _tag(c: Any) -> str:
    if c.orphan:
        return "orphan: no longer in the input"
    if getattr(c, "stale", False):
        return "stale: the input's target changed since, not applied"
    return ""


def write_corrections(items: list[Any], fmt: str, path: str, out: IO[str]) -> None:
    """Write corrections (current ones, then stale ones and orphans) in ``fmt``; the
    text and diff forms are terminal-safe (control and escape characters shown)."""
    if fmt == "jsonl":
        for c in items:
            d = c.to_dict()
            if c.orphan:
                d["orphan"] = True
            if getattr(c, "stale", False):
                d["stale"] = True
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        out.write("\ufeff")  # spreadsheets read UTF-8 (accents) only with a BOM
        w.writerow(["unit", "before", "after", "reviewer", "time", "note", "orphan", "stale",
                    "form"])
        for c in items:
            form = getattr(c, "form", None)
            w.writerow([csv_cell(v) for v in (c.unit, c.before, c.after, c.reviewer, c.time,
                                                c.note, "yes" if c.orphan else "",
                                                "yes" if getattr(c, "stale", False) else "",
                                                "" if form is None else form)])
    elif fmt == "diff":
        buf = io.StringIO()
        _diff(items, path, buf)
        out.write(terminal_safe(buf.getvalue()))
    else:
        for c in items:
            tag = f"  [{_tag(c)}]" if _tag(c) else ""
            text = f"{_unit(c)}  ({c.reviewer or '?'}, {c.time or '?'}){tag}\n"
            if c.before is None:
                text += f"  - (no target)\n  + {visible_codes(c.after)}\n"
            else:  # only what changed, word by word, with a few words around
                text += f"  ~ {inline(c.before, c.after)}\n"
            if c.note:
                text += f"  note: {c.note}\n"
            out.write(terminal_safe(text))


@click.command("corrections")
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv", "diff"]), default="text", show_default=True)
@O.output_option()
@_input_options
def corrections_cmd(file: str, fmt: str, output: str | None, **_: Any) -> None:
    """List what was corrected in FILE (from its review store): text (a word-level
    diff: [-removed-]{+added+}), JSONL (unit, before, after, reviewer, time, note; form
    for a PO plural form), CSV or a unified diff of the targets. Inline codes are
    written ⟦n⟧ as in the review editor.
    Corrections whose segment left the input are listed too, marked orphan."""
    from .output import check_output, output_stream

    check_output(output, _protect(file))
    with _open(file, create=False) as project:
        items = project.corrections() + project.stale() + project.orphans()
        with output_stream(output, _protect(file, project)) as out:
            write_corrections(items, fmt, file, out)


# --------------------------------------------------------------------- apply


def read_corrections(path: str, name: str | None = None) -> list[dict[str, Any]]:
    """Read a Corrections JSONL file, checking every line (nothing is applied when a
    line is bad). ``name`` is the file's name in messages (when ``path`` is a spooled
    copy of a stream)."""
    from .formats.base import read_text

    records: list[dict[str, Any]] = []
    path_shown = name or path
    for n, line in enumerate(split_lines(read_text(path)), 1):
        if not line.strip():
            continue
        obj = safejson.loads(line, path_shown, n)
        if not isinstance(obj, dict):
            raise InputError("a correction must be a JSON object", path_shown, n)
        if "unit" not in obj or not isinstance(obj["unit"], (str, int)) or isinstance(obj["unit"], bool):
            raise InputError("a correction needs a 'unit' (string)", path_shown, n)
        if not isinstance(obj.get("after"), str):
            raise InputError("a correction needs an 'after' string", path_shown, n)
        for k in ("before", "reviewer", "time", "note"):
            if obj.get(k) is not None and not isinstance(obj[k], str):
                raise InputError(f"'{k}' must be a string or null", path_shown, n)
        form = obj.get("form")
        if form is not None and (not isinstance(form, int) or isinstance(form, bool) or form < 0):
            raise InputError("'form' (a PO plural form) must be a number from 0", path_shown, n)
        obj["unit"] = str(obj["unit"])
        records.append(obj)
    return records


@click.command("apply")
@click.argument("file", type=click.Path())
@click.argument("corrections", type=click.Path())
@click.option("--reviewer", help="Reviewer name for lines without one (default: reviewer.toml, else the OS user).")
@_input_options
def apply_cmd(file: str, corrections: str, reviewer: str | None, **_: Any) -> None:
    """Record CORRECTIONS (JSONL: unit, before, after, reviewer, time, note) made
    elsewhere into FILE's review store. A correction whose 'before' is not the current
    target is a conflict: reported, not applied. Exit 1 when something was not applied
    (a conflict or an unknown unit)."""
    from .inputs import readable_path

    records = read_corrections(str(readable_path(corrections)), corrections)
    with _open(file, create=True) as project:
        result = project.apply_corrections(records)
    for unit, expected, actual in result.conflicts:
        click.echo(f"conflict: unit {unit!r}: expected {expected!r}, actual {actual!r} (not applied)")
    for unit in result.unknown:
        click.echo(f"unknown unit: {unit!r} is not in {file} (not applied)")
    click.echo(f"{file}: {len(result.applied)} applied, {len(result.unchanged)} already there, "
               f"{len(result.conflicts)} conflicts, {len(result.unknown)} unknown units", err=True)
    if not result.ok:
        sys.exit(1)


# --------------------------------------------------------------------- export


@click.command("export")
@click.argument("file", type=click.Path())
@O.output_option(required=True, help="The corrected file to write ('-': standard output).")
@click.option("--to", "to", type=click.Choice(["tmx"]), help="Write a TMX 1.4b memory of the pairs instead.")
@click.option("--only-corrected", is_flag=True, help="Only the corrected units (TMX, JSONL, TSV, CSV).")
@click.option("--strict", is_flag=True, help="Exit 1 when a recorded correction could not be applied (its unit's target changed, or the unit left the input).")
@_input_options
def export_cmd(file: str, output: str, to: str | None, only_corrected: bool, strict: bool,
               **_: Any) -> None:
    """Write FILE with its corrections applied, in its own format (XLIFF state
    advanced, PO fuzzy flag cleared for reviewed units; everything else unchanged),
    or as TMX with --to tmx. The write is atomic: a failed export leaves OUTPUT as it
    was."""
    from .output import check_output, output_file

    check_output(output, _protect(file))
    with _open(file, create=False) as project:
        ro = project.read_options
        try:
            with output_file(output, _protect(file, project)) as target:
                n = project.export(target, only_corrected=only_corrected, to=to,
                                   source_lang=ro.source_lang, target_lang=ro.target_lang)
        except PermissionError:
            raise UsageError("cannot write output: permission denied", output) from None
        unapplied = project.unapplied()
    for c, why in unapplied:
        click.echo(terminal_safe(f"not applied: unit {c.unit!r} ({c.after!r}): {why}"), err=True)
    what = "units written" if (to or only_corrected) else "units changed"
    extra = f"; {len(unapplied)} corrections not applied" if unapplied else ""
    click.echo(f"{output}: {n} {what}{extra}", err=True)
    if strict and unapplied:
        sys.exit(1)


COMMANDS = [corrections_cmd, apply_cmd, export_cmd]

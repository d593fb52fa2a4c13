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

from . import safejson
from .errors import InputError, UsageError
from .safetext import csv_cell, split_lines, terminal_safe

FORMATS = ["po", "xliff", "tmx", "tsv", "csv", "jsonl", "txt"]


def _input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by the store commands: where the store is and how to read FILE."""
    opts = [
        click.option("--store", "store", type=click.Path(), help="Review store (default FILE.review.sqlite)."),
        click.option("--source", "source", type=click.Path(), help="Plain-text source file when FILE is its translation."),
        click.option("--input-format", type=click.Choice(FORMATS), help="Read FILE as this format."),
        click.option("--source-lang", help="Source language (BCP 47), when the file does not say."),
        click.option("--target-lang", help="Target language (BCP 47), when the file does not say."),
        click.option("--source-key", help="JSONL/TSV key of the source."),
        click.option("--target-key", help="JSONL/TSV key of the target."),
        click.option("--reference-key", help="JSONL/TSV key of the reference."),
        click.option("--id-key", help="JSONL/TSV key of the unit id."),
        click.option("--terms-key", help="JSONL key of per-line terms."),
        click.option("--config", "config_path", type=click.Path(), help="Configuration file (default ./reviewer.toml)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _open(file: str, opts: dict[str, Any], create: bool, reviewer: str | None = None) -> Any:
    from .cli import read_options
    from .config import load_config
    from .project import Project

    config = load_config(opts.pop("config_path", None))
    store = opts.pop("store", None)
    source = opts.pop("source", None)
    options = read_options(opts, config)
    return Project.open(file, store_path=store, reviewer=reviewer, read_options=options,
                        source_path=source, create=create, config=config)


# --------------------------------------------------------------------- corrections


def _diff(items: Iterable[Any], path: str, out: IO[str]) -> None:
    for c in items:
        where = f"unit {c.unit}" + (f" ({_tag(c)})" if _tag(c) else "")
        lines = difflib.unified_diff(
            (c.before or "").splitlines(), c.after.splitlines(),
            fromfile=f"a/{path}\t{where}", tofile=f"b/{path}\t{where}", lineterm="", n=3)
        for line in lines:
            out.write(line + "\n")


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
        w.writerow(["unit", "before", "after", "reviewer", "time", "note", "orphan", "stale"])
        for c in items:
            w.writerow([csv_cell(v) for v in (c.unit, c.before, c.after, c.reviewer, c.time,
                                                c.note, "yes" if c.orphan else "",
                                                "yes" if getattr(c, "stale", False) else "")])
    elif fmt == "diff":
        buf = io.StringIO()
        _diff(items, path, buf)
        out.write(terminal_safe(buf.getvalue()))
    else:
        for c in items:
            tag = f"  [{_tag(c)}]" if _tag(c) else ""
            text = (f"{c.unit}  ({c.reviewer or '?'}, {c.time or '?'}){tag}\n"
                    f"  - {c.before if c.before is not None else '(no target)'}\n"
                    f"  + {c.after}\n" + (f"  note: {c.note}\n" if c.note else ""))
            out.write(terminal_safe(text))


@click.command("corrections")
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "csv", "diff"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write here instead of stdout.")
@_input_options
def corrections_cmd(file: str, fmt: str, output: str | None, **opts: Any) -> None:
    """List what was corrected in FILE (from its review store): text, JSONL (unit,
    before, after, reviewer, time, note), CSV or a unified diff of the targets.
    Corrections whose segment left the input are listed too, marked orphan."""
    from .cli import output_stream

    with _open(file, opts, create=False) as project:
        items = project.corrections() + project.stale() + project.orphans()
        with output_stream(output) as out:
            write_corrections(items, fmt, file, out)


# --------------------------------------------------------------------- apply


def read_corrections(path: str) -> list[dict[str, Any]]:
    """Read a Corrections JSONL file, checking every line (nothing is applied when a
    line is bad)."""
    from .formats.base import read_text

    records: list[dict[str, Any]] = []
    for n, line in enumerate(split_lines(read_text(path)), 1):
        if not line.strip():
            continue
        obj = safejson.loads(line, path, n)
        if not isinstance(obj, dict):
            raise InputError("a correction must be a JSON object", path, n)
        if "unit" not in obj or not isinstance(obj["unit"], (str, int)) or isinstance(obj["unit"], bool):
            raise InputError("a correction needs a 'unit' (string)", path, n)
        if not isinstance(obj.get("after"), str):
            raise InputError("a correction needs an 'after' string", path, n)
        for k in ("before", "reviewer", "time", "note"):
            if obj.get(k) is not None and not isinstance(obj[k], str):
                raise InputError(f"'{k}' must be a string or null", path, n)
        obj["unit"] = str(obj["unit"])
        records.append(obj)
    return records


@click.command("apply")
@click.argument("file", type=click.Path())
@click.argument("corrections", type=click.Path())
@click.option("--reviewer", help="Reviewer name for lines without one (default: reviewer.toml, else the OS user).")
@_input_options
def apply_cmd(file: str, corrections: str, reviewer: str | None, **opts: Any) -> None:
    """Record CORRECTIONS (JSONL: unit, before, after, reviewer, time, note) made
    elsewhere into FILE's review store. A correction whose 'before' is not the current
    target is a conflict: reported, not applied. Exit 1 when something was not applied
    (a conflict or an unknown unit)."""
    records = read_corrections(corrections)
    with _open(file, opts, create=True, reviewer=reviewer) as project:
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
@click.option("-o", "--output", required=True, type=click.Path(), help="The corrected file to write.")
@click.option("--to", "to", type=click.Choice(["tmx"]), help="Write a TMX 1.4b memory of the pairs instead.")
@click.option("--only-corrected", is_flag=True, help="Only the corrected units (TMX, JSONL, TSV, CSV).")
@click.option("--strict", is_flag=True, help="Exit 1 when a recorded correction could not be applied (its unit's target changed, or the unit left the input).")
@_input_options
def export_cmd(file: str, output: str, to: str | None, only_corrected: bool, strict: bool,
               **opts: Any) -> None:
    """Write FILE with its corrections applied, in its own format (XLIFF state
    advanced, PO fuzzy flag cleared for reviewed units; everything else unchanged),
    or as TMX with --to tmx. The write is atomic: a failed export leaves OUTPUT as it
    was."""
    src_lang, tgt_lang = opts.get("source_lang"), opts.get("target_lang")
    with _open(file, opts, create=False) as project:
        try:
            n = project.export(output, only_corrected=only_corrected, to=to,
                               source_lang=src_lang, target_lang=tgt_lang)
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

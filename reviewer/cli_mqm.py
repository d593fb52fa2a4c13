"""``reviewer mqm``: import, score and export MQM error annotations."""

from __future__ import annotations

import sys
from typing import Any

import click

from . import cli_options as O
from .errors import UsageError


@click.group("mqm")
def mqm_group() -> None:
    """MQM error annotations: import Google's MQM TSV, score with a weight profile,
    export to TSV or JSONL, list the typologies."""


def read_any(path: str, settings: Any) -> list[Any]:
    """Annotations from Google's MQM TSV, our JSONL, or a review store
    (``FILE.review.sqlite``: its input is opened to know the segments)."""
    from .inputs import readable_path
    from .mqm import read_annotations
    from .store import SUFFIX

    if path.endswith(SUFFIX) or _is_sqlite(path):
        from .project import Project
        from .reports.gather import project_annotations, store_input

        file, source = store_input(path)
        with Project.open(file, store_path=path, read_options=settings.read_options,
                          source_path=source, create=False, config=settings.config) as p:
            return project_annotations(p)
    return read_annotations(readable_path(path))  # a pipe is read as a stream


def _is_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@mqm_group.command("score")
@click.argument("annotations", type=click.Path())
@O.profile_option
@click.option("--by", type=click.Choice(["segment", "document", "system"]), default="segment", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "text"]), default="jsonl", show_default=True)
@O.output_option()
@O.read_options
def mqm_score(annotations: str, by: str, fmt: str, output: str | None, **_: Any) -> None:
    """Score ANNOTATIONS: Google MQM TSV, JSONL from `mqm import`, or a review store
    (FILE.review.sqlite), with the MQM profile every command uses by default."""
    from .mqm import iter_jsonl, score, write_csv_rows
    from .output import check_output, output_stream, protected_paths
    from .safetext import terminal_safe
    from .settings import from_context

    settings = from_context()
    protect = protected_paths([annotations, settings.config.path], [annotations])
    check_output(output, protect)
    prof = settings.mqm.get(settings.config)
    rows = score(read_any(annotations, settings), prof, by)
    with output_stream(output, protect) as out:
        if fmt == "jsonl":
            for line in iter_jsonl(rows):
                out.write(line + "\n")
        elif fmt == "csv":
            write_csv_rows(rows, out)
        else:
            for r in rows:
                where = " ".join(x for x in (r.system, r.doc or "", r.seg_id or "") if x)
                out.write(terminal_safe(f"{where}\t{r.score:.4f}\t(raters {r.raters}, "
                                        f"errors {r.errors})") + "\n")


@mqm_group.command("import")
@click.argument("annotations", type=click.Path())
@O.output_option(help="JSONL output (default, or '-': stdout).")
def mqm_import(annotations: str, output: str | None) -> None:
    """Read Google's MQM TSV (spans marked <v>…</v>) and write our JSONL, spans as offsets."""
    from .inputs import readable_path
    from .mqm import read_google_tsv, write_jsonl
    from .output import check_output, output_stream, protected_paths

    protect = protected_paths([annotations])
    check_output(output, protect)
    anns = read_google_tsv(readable_path(annotations))
    with output_stream(output, protect) as out:
        write_jsonl(anns, out)
    click.echo(f"imported {len(anns)} annotations", err=True)


@mqm_group.command("export")
@click.argument("annotations", type=click.Path())
@O.output_option(required=True, help="OUT.tsv (Google layout) or OUT.jsonl.")
@O.read_options
def mqm_export(annotations: str, output: str, **_: Any) -> None:
    """Write annotations (Google MQM TSV, JSONL, or a review store's) as Google's MQM
    TSV or as JSONL (by OUT's suffix)."""
    from .mqm import write_google_tsv, write_jsonl
    from .output import check_output, output_stream, protected_paths
    from .settings import from_context

    if not output.lower().endswith((".tsv", ".jsonl")):
        raise UsageError("output must end in .tsv or .jsonl", output)
    settings = from_context()
    protect = protected_paths([annotations, settings.config.path], [annotations])
    check_output(output, protect)
    anns = read_any(annotations, settings)
    with output_stream(output, protect) as out:
        (write_jsonl if output.lower().endswith(".jsonl") else write_google_tsv)(anns, out)


@mqm_group.command("typology")
@click.option("--name", type=click.Choice(["mqm-2.0", "google-wmt"]), default="mqm-2.0", show_default=True)
def mqm_typology(name: str) -> None:
    """List an error typology's categories and subcategories."""
    from .mqm import TYPOLOGIES

    for top, subs in TYPOLOGIES[name].items():
        sys.stdout.write(top + "\n")
        for s in subs:
            sys.stdout.write(f"  {top}/{s}\n")

"""``reviewer mqm``: import, score and export MQM error annotations."""

from __future__ import annotations

import sys

import click

from .errors import UsageError


@click.group("mqm")
def mqm_group() -> None:
    """MQM error annotations: import Google's MQM TSV, score with a weight profile,
    export to TSV or JSONL, list the typologies."""


def _config_raw(config_path: str | None) -> dict:
    from .config import load_config

    return load_config(config_path).raw


@mqm_group.command("score")
@click.argument("annotations", type=click.Path())
@click.option("--profile", default="google-wmt", show_default=True, help="mqm, google-wmt, taus-dqf, or one from reviewer.toml.")
@click.option("--by", type=click.Choice(["segment", "document", "system"]), default="segment", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "text"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path())
@click.option("--config", "config_path", type=click.Path())
def mqm_score(annotations: str, profile: str, by: str, fmt: str, output: str | None,
              config_path: str | None) -> None:
    """Score ANNOTATIONS (Google MQM TSV, or JSONL from `mqm import`)."""
    from .cli import output_stream
    from .mqm import get_profile, iter_jsonl, read_annotations, score, write_csv_rows
    from .safetext import terminal_safe

    prof = get_profile(profile, _config_raw(config_path))
    rows = score(read_annotations(annotations), prof, by)
    with output_stream(output) as out:
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
@click.option("-o", "--output", type=click.Path(), help="JSONL output (default stdout).")
def mqm_import(annotations: str, output: str | None) -> None:
    """Read Google's MQM TSV (spans marked <v>…</v>) and write our JSONL, spans as offsets."""
    from .cli import output_stream
    from .mqm import read_google_tsv, write_jsonl

    anns = read_google_tsv(annotations)
    with output_stream(output) as out:
        write_jsonl(anns, out)
    click.echo(f"imported {len(anns)} annotations", err=True)


@mqm_group.command("export")
@click.argument("annotations", type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True, help="OUT.tsv (Google layout) or OUT.jsonl.")
def mqm_export(annotations: str, output: str) -> None:
    """Write annotations as Google's MQM TSV or as JSONL (by OUT's suffix)."""
    from .cli import output_stream
    from .mqm import read_annotations, write_google_tsv, write_jsonl

    anns = read_annotations(annotations)
    if not output.lower().endswith((".tsv", ".jsonl")):
        raise UsageError("output must end in .tsv or .jsonl", output)
    with output_stream(output) as out:
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

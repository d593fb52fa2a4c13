"""Option groups declared once and shared by the commands that take them.

Each group is a decorator adding its options to a click command; the values reach
:func:`reviewer.settings.from_context`, which resolves them over ``reviewer.toml``
(an option's default never overrides the file: defaults here are ``None``/empty and
the built-in ones live in :mod:`reviewer.settings`). New options join a group here.
"""

from __future__ import annotations

from typing import Any, Callable

import click

from .formats import FORMAT_MODULES
from .model import Severity

SEVERITIES = [str(s) for s in Severity]
#: --input-format choices: every registered format (the one registry)
INPUT_FORMATS = list(FORMAT_MODULES)

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _group(*options: Decorator) -> Decorator:
    def apply(f: Callable[..., Any]) -> Callable[..., Any]:
        for opt in reversed(options):
            f = opt(f)
        return f
    return apply


config_option = click.option(
    "--config", "config_path", type=click.Path(),
    help="Configuration file (default ./reviewer.toml; paths in it are relative to it).")

language_options = _group(
    click.option("--source-lang", help="Source language (BCP 47), when the file does not say."),
    click.option("--target-lang", help="Target language (BCP 47), when the file does not say."),
)

#: How bilingual inputs are read: forced format and JSONL/TSV/CSV keys.
read_key_options = _group(
    click.option("--input-format", type=click.Choice(INPUT_FORMATS), help="Read inputs as this format, whatever their suffix."),
    click.option("--source-key", help="JSONL/TSV/CSV key of the source (default: source)."),
    click.option("--target-key", help="JSONL/TSV/CSV key of the target (default: target)."),
    click.option("--reference-key", help="JSONL/TSV/CSV key of the reference (default: reference)."),
    click.option("--id-key", help="JSONL/TSV/CSV key of the unit id (default: line number)."),
    click.option("--terms-key", help="JSONL key of per-line glossary terms (default: terms)."),
)

#: A --source/--target pair instead of INPUT files.
pair_options = _group(
    click.option("--source", "source", type=click.Path(), help="Plain-text source, one segment a line."),
    click.option("--target", "target", type=click.Path(), help="Plain-text translation; alone: target-only review."),
)

align_option = click.option(
    "--align", "align", is_flag=True,
    help="Split --source and --target into sentences and align them (documents that are not line-aligned).")

#: Which checks run.
check_options = _group(
    click.option("--enable", multiple=True, help="Check ids to enable (comma-separated; 'all')."),
    click.option("--disable", multiple=True, help="Check ids to disable (comma-separated; 'all')."),
)

fail_on_option = click.option(
    "--fail-on", type=click.Choice(SEVERITIES),
    help="Exit 1 when a finding is at or above this severity (default: [check] fail-on).")

glossary_option = click.option(
    "-g", "--glossary", "glossaries", multiple=True, type=click.Path(),
    help="Glossary (TSV/CSV/TBX); repeat to combine (default: [check] glossary).")

#: Where the work runs.
engine_options = _group(
    click.option("--workers", type=int, default=None, help="Local worker processes (default 1: this process)."),
    click.option("--cluster", help="A Dask scheduler (tcp://host:8786), or local:N for a LocalCluster of N workers."),
)

#: Which units the checks look at (unit statuses from the formats).
unit_selection_options = _group(
    click.option("--states", help="Check only units in these statuses (comma-separated: new, untranslated, fuzzy, translated, reviewed, final)."),
    click.option("--include-untranslated", is_flag=True, help="Check units not translated yet too (else they are counted once)."),
    click.option("--strict", is_flag=True, help="Refuse a file with a malformed unit (else the unit is a 'format' finding)."),
)

profile_option = click.option(
    "--profile", help="MQM weight profile: mqm, google-wmt, taus-dqf, or one from reviewer.toml "
    "(default: [mqm] profile, else mqm).")

no_store_option = click.option(
    "--no-store", is_flag=True,
    help="Ignore review stores (FILE.review.sqlite) beside the inputs: check the files as they are.")

store_option = click.option("--store", "store", type=click.Path(), help="Review store (default FILE.review.sqlite).")


def output_option(required: bool = False, help: str = "Write here instead of standard output ('-': standard output).") -> Decorator:
    """``-o/--output``, written by :func:`reviewer.output.output_stream`."""
    return click.option("-o", "--output", type=click.Path(), required=required, help=help)


#: Everything that describes how to read inputs: config, languages, keys.
read_options = _group(config_option, language_options, read_key_options)

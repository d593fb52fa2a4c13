"""``reviewer report``: a batch report for people (HTML, Markdown, CSV, JSON) or for CI
(SARIF 2.1.0, JUnit XML). Exit status as ``reviewer check``: 1 when a finding is at or
above ``--fail-on``, 2 for bad usage or input."""

from __future__ import annotations

import sys
from typing import Any

import click

from . import cli_options as O

REPORT_FORMATS = ["html", "markdown", "md", "csv", "json", "sarif", "junit"]


@click.command("report")
@click.argument("inputs", nargs=-1, type=click.Path())
@O.output_option(help="Report file; its suffix gives the format (.html .md .csv .json .sarif .xml). Default (or '-') stdout.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), help="Report format (default: from OUT's suffix).")
@O.fail_on_option
@O.glossary_option
@click.option("-r", "--ref", "refs", multiple=True, type=click.Path(), help="Reference translation (one segment a line, or a bilingual file's targets) for BLEU/chrF/TER; repeat for several references.")
@O.profile_option
@O.pair_options
@O.read_options
@O.check_options
@click.option("--title", help="Report title (default: from the input names).")
@O.no_store_option
@O.engine_options
def report_cmd(inputs: tuple[str, ...], output: str | None, fmt: str | None,
               refs: tuple[str, ...], source: str | None, target: str | None,
               title: str | None, no_store: bool, workers: int | None, cluster: str | None,
               **_: Any) -> None:
    """Check INPUT files (or a --source/--target pair) and write a report: findings,
    statistics, term adherence, MQM (from review-store annotations, else estimated from
    the findings), post-edit effort (from review-store corrections) and, with a
    reference, BLEU/chrF/TER; several files sharing references are ranked as systems.
    Every report carries a reproducibility signature. With --workers/--cluster the
    checks run as `reviewer check --workers` runs them (the same findings). For a
    reviewed file the findings are those of the corrected text, dismissals left out
    (the findings policy in docs/interfaces.md)."""
    from .distributed import EnginePlan, engine_options, input_chunks, make_engine
    from .inputs import InputSpec, expand, open_inputs
    from .output import check_output, output_stream, protected_paths
    from .progress import Progress
    from .reports import build_report, format_for, load_references, write_report
    from .settings import from_context

    kind = format_for(output, fmt)
    settings = from_context()
    options = settings.read_options
    spec = InputSpec(tuple(inputs), source, target)
    spec.validate()
    spec = InputSpec(tuple(expand(inputs)), source, target)
    protect = protected_paths([*spec.paths(), *settings.check.glossaries, *refs,
                               settings.config.path])
    check_output(output, protect)
    glossary = settings.load_glossary()
    if not no_store:  # entries reviewers added in the files' review stores
        from .glossary_io import with_review_entries

        glossary = with_review_entries(glossary, spec.files or [p for p in (target,) if p])
    plan = settings.plan(glossary)
    if settings.config.options:
        settings.validate_checks()
    prof = settings.mqm.get(settings.config)
    threshold = settings.check.fail_on
    references = load_references(refs, options) if refs else None
    engine = make_engine(*engine_options(workers, cluster))
    if engine is not None:  # the checks on the workers; the rest of the report here
        from .cli import note_stores_ignored

        if not no_store:
            note_stores_ignored(spec.files or ((target,) if target else ()))
        plan = EnginePlan(plan.checks, plan.config, plan.glossary, engine=engine,
                          inputs=input_chunks(list(spec.files), source, target, options,
                                              engine.workers),
                          options=options)
    progress = Progress(len(spec.files) if spec.files else 1, enabled=False if engine else None)
    try:
        data = build_report(
            open_inputs(spec, options), plan, config=settings.config,
            glossary_paths=list(settings.check.glossaries), ref_paths=refs,
            references=references, profile=prof, title=title, fail_on=threshold,
            read_options=options, progress=progress, use_store=not no_store,
            command=["report", *sys.argv[2:]] if sys.argv[1:2] == ["report"] else None,
        )
    finally:
        progress.close()
        if engine is not None:
            engine.close()
    with output_stream(output, protect) as out:
        write_report(data, kind, out)
    if data.failed:
        sys.exit(1)

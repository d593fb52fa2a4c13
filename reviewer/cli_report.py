"""``reviewer report``: a batch report for people (HTML, Markdown, CSV, JSON) or for CI
(SARIF 2.1.0, JUnit XML). Exit status as ``reviewer check``: 1 when a finding is at or
above ``--fail-on``, 2 for bad usage or input."""

from __future__ import annotations

import sys
from typing import Any

import click

from .model import Severity

SEVERITIES = [str(s) for s in Severity]
REPORT_FORMATS = ["html", "markdown", "md", "csv", "json", "sarif", "junit"]


@click.command("report")
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="Report file; its suffix gives the format (.html .md .csv .json .sarif .xml). Default stdout.")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), help="Report format (default: from OUT's suffix).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Exit 1 when a finding is at or above this severity (JUnit failures, SARIF gate).")
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary (TSV/CSV/TBX); repeat to combine.")
@click.option("-r", "--ref", "refs", multiple=True, type=click.Path(), help="Reference translation (one segment a line, or a bilingual file's targets) for BLEU/chrF/TER; repeat for several references.")
@click.option("--profile", default="mqm", show_default=True, help="MQM weight profile: mqm, google-wmt, taus-dqf, or one from reviewer.toml.")
@click.option("--source", "source", type=click.Path(), help="Plain-text source, one segment a line.")
@click.option("--target", "target", type=click.Path(), help="Plain-text translation; alone: target-only review.")
@click.option("--source-lang", help="Source language (BCP 47), when the file does not say.")
@click.option("--target-lang", help="Target language (BCP 47), when the file does not say.")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file (default ./reviewer.toml).")
@click.option("--enable", multiple=True, help="Check ids to enable (comma-separated; 'all').")
@click.option("--disable", multiple=True, help="Check ids to disable (comma-separated; 'all').")
@click.option("--title", help="Report title (default: from the input names).")
@click.option("--no-store", is_flag=True, help="Ignore review stores (FILE.review.sqlite) beside the inputs.")
@click.option("--input-format", type=click.Choice(["po", "xliff", "tmx", "tsv", "csv", "jsonl", "txt"]), help="Read inputs as this format, whatever their suffix.")
@click.option("--source-key", help="JSONL/TSV key of the source (default: source).")
@click.option("--target-key", help="JSONL/TSV key of the target (default: target).")
@click.option("--reference-key", help="JSONL/TSV key of the reference (default: reference).")
@click.option("--id-key", help="JSONL/TSV key of the unit id (default: line number).")
@click.option("--terms-key", help="JSONL key of per-line glossary terms (default: terms).")
@click.option("--workers", type=int, default=None, help="Local worker processes for the checks (default 1: this process).")
@click.option("--cluster", help="A Dask scheduler (tcp://host:8786), or local:N for a LocalCluster of N workers.")
def report_cmd(inputs: tuple[str, ...], output: str | None, fmt: str | None, fail_on: str | None,
               glossaries: tuple[str, ...], refs: tuple[str, ...], profile: str,
               source: str | None, target: str | None, config_path: str | None,
               enable: tuple[str, ...], disable: tuple[str, ...], title: str | None,
               no_store: bool, workers: int | None, cluster: str | None, **opts: Any) -> None:
    """Check INPUT files (or a --source/--target pair) and write a report: findings,
    statistics, term adherence, MQM (from review-store annotations, else estimated from
    the findings), post-edit effort (from review-store corrections) and, with a
    reference, BLEU/chrF/TER; several files sharing references are ranked as systems.
    Every report carries a reproducibility signature. With --workers/--cluster the
    checks run as `reviewer check --workers` runs them (the same findings)."""
    from .cli import _expand_inputs, check_input_options, load_glossaries, open_inputs, output_stream, read_options
    from .config import load_config
    from .distributed import EnginePlan, engine_options, input_chunks, make_engine
    from .mqm import get_profile
    from .progress import Progress
    from .reports import build_report, format_for, load_references, write_report
    from .runner import plan_checks

    kind = format_for(output, fmt)
    config = load_config(config_path)
    options = read_options(opts, config)
    gloss_paths = list(glossaries or config.default("glossary", ()) or ())
    if isinstance(gloss_paths, str):
        gloss_paths = [gloss_paths]
    glossary = load_glossaries(gloss_paths, options)
    if not no_store:  # entries reviewers added in the file's review store
        from .glossary_io import with_review_entries

        glossary = with_review_entries(glossary, _expand_inputs(inputs) if inputs else
                                       [p for p in (target,) if p])
    plan = plan_checks(config, enable, disable, glossary=glossary)
    prof = get_profile(profile, config.raw)
    fail_level = fail_on or config.default("fail-on")
    threshold = Severity.parse(fail_level) if fail_level else None
    references = load_references(refs, options) if refs else None
    check_input_options(inputs, source, target)
    engine = make_engine(*engine_options(workers, cluster))
    if engine is not None:  # the checks on the workers; the rest of the report here
        files = _expand_inputs(inputs) if inputs else []
        plan = EnginePlan(plan.checks, plan.config, plan.glossary, engine=engine,
                          inputs=input_chunks(files, source, target, options, engine.workers),
                          options=options)
    progress = Progress(len(inputs) if inputs else 1, enabled=False if engine else None)
    try:
        data = build_report(
            open_inputs(inputs, source, target, options), plan, config=config,
            glossary_paths=gloss_paths, ref_paths=refs, references=references, profile=prof,
            title=title, fail_on=threshold, read_options=options, progress=progress,
            use_store=not no_store, command=["report", *sys.argv[2:]] if sys.argv[1:2] == ["report"] else None,
        )
    finally:
        progress.close()
        if engine is not None:
            engine.close()
    with output_stream(output) as out:
        write_report(data, kind, out)
    if data.failed:
        sys.exit(1)

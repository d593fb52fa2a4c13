"""The ``reviewer`` command line (click). User errors become one line and exit 2
(:func:`main`); the Textual UI is imported only inside ``review``."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import IO, Any, Iterator

import click

from . import __version__
from . import cli_options as O
from .errors import ReviewerError, UsageError
from .model import Finding, Segment
from .output import output_stream

__all__ = ["cli", "main", "output_stream", "format_stats"]


def _use_colour(choice: str, stream: IO[str]) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream is sys.stdout and sys.stdout.isatty()


#: Commands defined in other modules, imported only when used (``reviewer check``
#: should not pay for the review screen's or the store's imports): name -> (module, attr)
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "align": ("cli_align", "align_command"),
    "apply": ("cli_store", "apply_cmd"),
    "corrections": ("cli_store", "corrections_cmd"),
    "export": ("cli_store", "export_cmd"),
    "mqm": ("cli_mqm", "mqm_group"),
    "replace": ("cli_replace", "replace_cmd"),
    "report": ("cli_report", "report_cmd"),
    "review": ("cli_review", "review_cmd"),
}


class LazyGroup(click.Group):
    """A click group whose other-module commands load on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attr = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(f".{module}", __package__), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviewer")
def cli() -> None:
    """Translation-quality review: checks, scores, interactive review and export."""


def _side_text(seg: Segment, f: Finding) -> str | None:
    if f.form is not None and seg.plural_targets:
        if f.side == "source":
            return seg.source if f.form == 0 else seg.plural_source
        return seg.plural_targets[f.form] if f.form < len(seg.plural_targets) else None
    return seg.source if f.side == "source" else seg.target


@cli.command("check")
@click.argument("inputs", nargs=-1, type=click.Path())
@O.pair_options
@O.align_option
@O.read_options
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "json", "csv"]), default="text", show_default=True)
@O.output_option(help="Write findings here instead of stdout ('-': stdout).")
@O.fail_on_option
@O.check_options
@click.option("--color", "colour", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@O.glossary_option
@click.option("--stats", "show_stats", is_flag=True, help="Print a summary (units, words, findings, term adherence) to stderr.")
@click.option("--list-checks", is_flag=True, help="List the checks, whether enabled, and exit.")
@O.no_store_option
@O.engine_options
@O.unit_selection_options
def check_cmd(inputs: tuple[str, ...], source: str | None, target: str | None,
              fmt: str, output: str | None, colour: str, show_stats: bool, list_checks: bool,
              workers: int | None, cluster: str | None, align: bool, no_store: bool,
              states: str | None, include_untranslated: bool, strict: bool,
              **_: Any) -> None:
    """Run the QA checks on INPUT files (PO, XLIFF, TMX, TSV/CSV, JSONL, TXT) or on a
    --source/--target pair, and print the findings. A file with a review store beside
    it is checked as corrected, its dismissed findings left out (--no-store: as it
    is); see the findings policy in docs/interfaces.md."""
    from .inputs import InputSpec, expand, open_inputs
    from .output import protected_paths, write_csv, write_json, write_jsonl, write_text
    from .progress import Progress
    from .settings import from_context

    settings = from_context()
    options = settings.read_options
    if strict:
        from dataclasses import replace as _replace

        options = _replace(options, strict=True)
    if list_checks:
        from .checks import all_checks

        on = set(settings.plan().ids)
        for cid, cls in all_checks().items():
            mark = "on " if cid in on else "off"
            click.echo(f"{mark}  {cid:16} {cls.category:12} {cls.severity!s:9} {cls.name}")
        return
    spec = InputSpec(tuple(inputs), source, target, align)
    spec.validate()
    spec = InputSpec(tuple(expand(inputs)), source, target, align)  # directories walked once
    protect = protected_paths([*spec.paths(), *settings.check.glossaries, settings.config.path])
    from .output import check_output

    check_output(output, protect)  # refuse a bad -o before any work
    glossary = settings.load_glossary()
    if not no_store:  # entries reviewers added in the files' review stores
        from .glossary_io import with_review_entries

        glossary = with_review_entries(glossary, spec.files or [p for p in (target,) if p])
    plan = settings.plan(glossary)
    if settings.config.options:  # [checks.ID] settings: fail before any output
        settings.validate_checks()
    plan.count_words = fmt == "json" or show_stats  # the only outputs that show words
    plan.include_untranslated = include_untranslated
    if states:
        from .status import parse_states

        try:
            plan.states = parse_states(states)
        except ValueError as e:
            raise UsageError(f"--states: {e}") from None
    threshold = settings.check.fail_on
    n_files = len(spec.files) if spec.files else 1
    engine = None
    if workers is not None or cluster:
        from .distributed import engine_options, make_engine

        engine = make_engine(*engine_options(workers, cluster))
        if not no_store:
            note_stores_ignored(spec.files or ((target,) if target else ()))
    progress = Progress(n_files, enabled=False if engine else None)
    failed = False
    texts: dict[tuple[str, int], Segment] = {}

    def findings() -> Iterator[Finding]:
        nonlocal failed
        if engine is not None and align:
            raise UsageError("--align runs in one process: drop --workers/--cluster")
        if engine is not None:
            from .distributed import input_chunks, run_check

            chunks = input_chunks(list(spec.files), source, target, options, engine.workers)
            for f in run_check(plan, chunks, options, engine, fmt == "text", texts):
                if threshold is not None and f.severity >= threshold:
                    failed = True
                yield f
            return
        for doc in open_inputs(spec, options):
            review = None
            aligned = isinstance(doc.meta, dict) and doc.meta.get("aligned")
            if not no_store and os.path.isfile(doc.path + (".aligned" if aligned else "")
                                               + ".review.sqlite"):
                from .reports.gather import reviewed

                review = reviewed(doc, options, settings.config)
            if fmt == "text":
                doc.segments = _remember(doc.path, doc.segments, texts)
            if progress.enabled:
                doc.segments = progress.counting(doc.segments)
            try:
                for f in plan.run(doc):
                    if review is not None and review.dismissed(f):
                        continue
                    if threshold is not None and f.severity >= threshold:
                        failed = True
                    yield f
            finally:
                if review is not None:
                    review.close()
            progress.file_done()

    def side_text(f: Finding) -> str | None:
        seg = texts.get((f.file, f.index))
        return None if seg is None else _side_text(seg, f)

    try:
        with output_stream(output, protect) as out:
            if fmt == "text":
                write_text(findings(), out, _use_colour(colour, out), side_text)
            elif fmt == "jsonl":
                write_jsonl(findings(), out)
            elif fmt == "csv":
                write_csv(findings(), out)
            else:
                write_json(findings(), out, plan.stats)
    finally:
        progress.close()
        if engine is not None:
            engine.close()
    if show_stats:
        click.echo(format_stats(plan.stats.to_dict()), err=True)
    else:
        if plan.stats.not_translated and fmt == "text":
            n = plan.stats.not_translated
            click.echo(f"{n:,} unit{'s' if n != 1 else ''} not translated yet (not checked; "
                       "--include-untranslated checks them)", err=True)
        if fmt == "text" and sys.stderr.isatty():  # a person reading: close with a summary
            from .output import summary_line

            click.echo(summary_line(plan.stats.to_dict()), err=True)
    if failed:
        sys.exit(1)


@cli.command("score")
@click.argument("hyps", nargs=-1, required=True, type=click.Path())
@click.option("-r", "--ref", "refs", multiple=True, type=click.Path(), help="Reference file (repeat for several references).")
@click.option("-m", "--metrics", default="bleu,chrf,chrf++,ter", show_default=True, help="Comma-separated: bleu, chrf, chrf++, ter.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "latex"]), default="text", show_default=True)
@O.output_option()
@click.option("--segments", is_flag=True, help="Also give sentence-level scores (BLEU with effective order).")
@click.option("--tokenize", type=click.Choice(["13a", "intl", "zh", "char", "none", "flores101", "flores200"]), help="BLEU tokenizer (default 13a; zh for Chinese).")
@click.option("--lowercase", "-lc", is_flag=True, help="Case-insensitive scores.")
@click.option("--paired-bs", is_flag=True, help="Paired bootstrap resampling against the first system (95% CIs too).")
@click.option("--paired-ar", is_flag=True, help="Paired approximate randomization against the first system.")
@click.option("--confidence", is_flag=True, help="95% bootstrap confidence intervals per system.")
@click.option("--n-samples", type=int, default=0, help="Resamples (default 1000 for bootstrap, 10000 for AR).")
@click.option("--name", "names", multiple=True, help="Display names for the systems, in order.")
@O.read_options
@O.engine_options
def score_cmd(hyps: tuple[str, ...], refs: tuple[str, ...], metrics: str, fmt: str,
              output: str | None, segments: bool, tokenize: str | None, lowercase: bool,
              paired_bs: bool, paired_ar: bool, confidence: bool, n_samples: int,
              names: tuple[str, ...], workers: int | None,
              cluster: str | None, **_: Any) -> None:
    """Score HYP files (plain text, or any bilingual file's targets) against references
    with sacrebleu: BLEU, chrF, chrF++ and TER, with their signatures. Several systems
    are ranked; --paired-bs/--paired-ar test each against the first."""
    from .metrics import MetricOptions
    from .ranking import confidence as add_ci
    from .ranking import check_request, render, score_systems, significance

    wanted = [m.strip().lower() for m in metrics.split(",") if m.strip()]
    check_request(wanted, n_samples)
    if names and len(names) != len(hyps):
        raise UsageError(f"--name given {len(names)} times for {len(hyps)} systems")
    if paired_bs and paired_ar:
        raise UsageError("choose one of --paired-bs and --paired-ar")
    if (paired_bs or paired_ar) and len(hyps) < 2:
        raise UsageError("paired tests need at least two systems (the first is the baseline)")
    from .distributed import engine_options, make_engine, score_systems_on
    from .output import check_output, protected_paths
    from .settings import from_context

    settings = from_context()
    ropts = settings.read_options
    protect = protected_paths([*hyps, *refs, settings.config.path])
    check_output(output, protect)
    opts = MetricOptions(tokenize=tokenize, lowercase=lowercase,
                         trg_lang=settings.read_options.target_lang or "")
    engine = make_engine(*engine_options(workers, cluster))
    if engine is not None:
        from .inputs import is_stream

        for p in (*hyps, *refs):
            if is_stream(p):
                engine.close()
                raise UsageError("a pipe or device cannot be read by workers; save it to a "
                                 "file, or drop --workers/--cluster", p)
    if engine is None:
        systems, ref_lines = score_systems(hyps, refs, wanted, opts, ropts, names=names or None)
    else:
        try:
            systems, ref_lines = score_systems_on(engine, hyps, refs, wanted, opts, names or None,
                                                  ropts, rows=segments or confidence)
        finally:
            engine.close()
    if paired_bs or paired_ar:
        significance(systems, ref_lines, wanted, "ar" if paired_ar else "bs", n_samples, opts)
    elif confidence:
        add_ci(systems, wanted, n_samples or 1000)
    with output_stream(output, protect) as out:
        out.write(render(systems, wanted, fmt, segments))


def note_stores_ignored(paths: Any) -> None:
    """With --workers/--cluster the files are checked as they are: say so on stderr for
    each one that has a review store (the findings policy, docs/interfaces.md)."""
    for p in paths:
        if os.path.isfile(str(p) + ".review.sqlite"):
            click.echo(f"reviewer: note: {p}: checked as it is with --workers/--cluster; its "
                       "review store (corrections, dismissals) is not applied", err=True)


def format_stats(stats: dict[str, Any]) -> str:
    """A short human summary of a run's statistics."""
    f = stats["findings"]
    sev = ", ".join(f"{k} {v}" for k, v in f["by_severity"].items() if v)
    lines = [f"{stats['files']} file(s), {stats['units']:,} units, {stats['words']:,} words; "
             f"{f['total']:,} findings" + (f" ({sev})" if sev else "")]
    if stats.get("not_translated"):
        lines.append(f"{stats['not_translated']:,} units not translated yet (not checked)")
    if stats.get("statuses"):
        lines.append("statuses: " + ", ".join(f"{k} {v:,}" for k, v in stats["statuses"].items()))
    if f["by_check"]:
        lines.append("by check: " + ", ".join(f"{k} {v}" for k, v in
                                              sorted(f["by_check"].items(), key=lambda kv: -kv[1])))
    ta = stats.get("term_adherence")
    if ta:
        rate = "n/a" if ta["rate"] is None else f"{ta['rate']:.1%}"
        lines.append(f"term adherence: {ta['approved']}/{ta['found']} glossary terms rendered as approved ({rate})")
    if stats.get("skipped"):
        lines.append("skipped: " + "; ".join(
            f"{s['check']} for {s['language']} ({s['reason']})" for s in stats["skipped"]))
    return "\n".join(lines)


def _remember(path: str, segments: Any,
              store: dict[tuple[str, int], Segment]) -> Iterator[Segment]:
    for seg in segments:
        store[(path, seg.index)] = seg
        yield seg


def main(argv: list[str] | None = None) -> None:
    """Console entry point: maps user errors to exit 2, bugs to exit 3."""
    try:
        rv = cli.main(args=argv, prog_name="reviewer", standalone_mode=False)
    except ReviewerError as e:
        click.echo(f"reviewer: error: {e}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("reviewer: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2 if e.exit_code not in (0, 1) else e.exit_code)
    except BrokenPipeError:
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception:
        traceback.print_exc()
        click.echo("reviewer: internal error (a bug): please report it with the traceback above", err=True)
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()

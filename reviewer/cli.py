"""The ``reviewer`` command line (click). User errors become one line and exit 2
(:func:`main`); the Textual UI is imported only inside ``review``."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from pathlib import Path
from typing import IO, Any, Iterator

import click

from . import __version__
from .errors import ReviewerError, UsageError
from .model import Document, Finding, Segment, Severity

SEVERITIES = [str(s) for s in Severity]


def _expand_inputs(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories expanded to the supported files inside, sorted."""
    from .formats import SUFFIXES

    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(
                str(f) for f in Path(p).rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not f.name.endswith(".review.sqlite")
            )
            if not found:
                raise UsageError("no supported files in this directory", p)
            out.extend(found)
        else:
            out.append(p)
    return out


def read_options(ctx_opts: dict[str, Any], config: Any) -> Any:
    """ReadOptions from command-line options, falling back to ``[check]`` defaults."""
    from .formats import ReadOptions

    return ReadOptions(
        source_lang=ctx_opts.get("source_lang") or config.default("source-lang"),
        target_lang=ctx_opts.get("target_lang") or config.default("target-lang"),
        source_key=ctx_opts.get("source_key") or "source",
        target_key=ctx_opts.get("target_key") or "target",
        reference_key=ctx_opts.get("reference_key") or "reference",
        id_key=ctx_opts.get("id_key"),
        terms_key=ctx_opts.get("terms_key") or "terms",
        format=ctx_opts.get("input_format"),
    )


def open_inputs(
    inputs: tuple[str, ...], source: str | None, target: str | None, options: Any,
    align: bool = False,
) -> Iterator[Document]:
    """Documents to process: the INPUT files, or the --source/--target pair (line by
    line, or sentence-aligned on the fly with ``align``), or a --target document alone
    (target-only review)."""
    from .formats import plaintext

    check_input_options(inputs, source, target, align)
    if target:
        if source and align:
            from .align import align_documents

            yield align_documents(source, target, options.source_lang, options.target_lang)
        elif source:
            from .formats import open_pair

            yield open_pair(Path(source), Path(target), options)
        else:
            yield plaintext.read_target_only(Path(target), options)
        return
    from .formats import open_documents

    for path in _expand_inputs(inputs):
        yield from open_documents(path, options)  # a String Catalog: one per language


def check_input_options(inputs: tuple[str, ...], source: str | None, target: str | None,
                        align: bool = False) -> None:
    """Refuse contradictory or missing inputs with a usage error."""
    if source and not target:
        raise UsageError("--source needs --target (the translation of that file)")
    if align and not (source and target):
        raise UsageError("--align needs --source and --target (two documents to align)")
    if target and inputs:
        raise UsageError("give either INPUT files or --source/--target, not both")
    if not (inputs or target):
        raise UsageError("no input: give INPUT files, or --source and --target")


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[IO[str]]:
    """stdout, or an atomically written file."""
    if path is None or path == "-":
        yield sys.stdout
        return
    from .formats.base import atomic_writer

    try:
        with atomic_writer(path, "w") as f:
            yield f
    except FileNotFoundError:
        raise UsageError("cannot write output: directory does not exist", path) from None
    except PermissionError:
        raise UsageError("cannot write output: permission denied", path) from None


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
@click.option("--source", "source", type=click.Path(), help="Plain-text source, one segment a line.")
@click.option("--target", "target", type=click.Path(), help="Plain-text translation; alone: target-only review.")
@click.option("--align", "align", is_flag=True, help="Split --source and --target into sentences and align them (documents that are not line-aligned).")
@click.option("--source-lang", help="Source language (BCP 47), when the file does not say.")
@click.option("--target-lang", help="Target language (BCP 47), when the file does not say.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "json", "csv"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write findings here instead of stdout.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), help="Exit 1 when a finding is at or above this severity.")
@click.option("--enable", multiple=True, help="Check ids to enable (comma-separated; 'all').")
@click.option("--disable", multiple=True, help="Check ids to disable (comma-separated; 'all').")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file (default ./reviewer.toml).")
@click.option("--input-format", type=click.Choice(["po", "xliff", "tmx", "tsv", "csv", "jsonl", "txt", "json", "arb", "xcstrings", "android", "resx", "ts", "strings", "stringsdict", "properties", "yaml"]), help="Read inputs as this format, whatever their suffix.")
@click.option("--source-key", help="JSONL/TSV key of the source (default: source).")
@click.option("--target-key", help="JSONL/TSV key of the target (default: target).")
@click.option("--reference-key", help="JSONL/TSV key of the reference (default: reference).")
@click.option("--id-key", help="JSONL/TSV key of the unit id (default: line number).")
@click.option("--terms-key", help="JSONL key of per-line glossary terms (default: terms).")
@click.option("--color", "colour", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-g", "--glossary", "glossaries", multiple=True, type=click.Path(), help="Glossary (TSV/CSV/TBX); repeat to combine.")
@click.option("--stats", "show_stats", is_flag=True, help="Print a summary (units, words, findings, term adherence) to stderr.")
@click.option("--list-checks", is_flag=True, help="List the checks, whether enabled, and exit.")
@click.option("--workers", type=int, default=None, help="Local worker processes (default 1: this process).")
@click.option("--cluster", help="A Dask scheduler (tcp://host:8786), or local:N for a LocalCluster of N workers.")
@click.option("--states", help="Check only units in these statuses (comma-separated: new, untranslated, fuzzy, translated, reviewed, final).")
@click.option("--include-untranslated", is_flag=True, help="Check units not translated yet too (else they are counted once).")
@click.option("--strict", is_flag=True, help="Refuse a file with a malformed unit (else the unit is a 'format' finding).")
def check_cmd(inputs: tuple[str, ...], source: str | None, target: str | None,
              fmt: str, output: str | None, fail_on: str | None, enable: tuple[str, ...],
              disable: tuple[str, ...], config_path: str | None, colour: str,
              glossaries: tuple[str, ...], show_stats: bool, list_checks: bool,
              workers: int | None, cluster: str | None, align: bool, states: str | None,
              include_untranslated: bool, strict: bool, **opts: Any) -> None:
    """Run the QA checks on INPUT files (PO, XLIFF, TMX, TSV/CSV, JSONL, TXT) or on a
    --source/--target pair, and print the findings."""
    from .config import config_paths, load_config
    from .output import write_csv, write_json, write_jsonl, write_text
    from .progress import Progress
    from .runner import plan_checks

    config = load_config(config_path)
    options = read_options(opts, config)
    glossary = load_glossaries(glossaries or config_paths(config, "glossary"), options)
    plan = plan_checks(config, enable, disable, glossary=glossary)
    plan.count_words = fmt == "json" or show_stats  # the only outputs that show words
    plan.include_untranslated = include_untranslated
    if states:
        from .status import parse_states

        try:
            plan.states = parse_states(states)
        except ValueError as e:
            raise UsageError(f"--states: {e}") from None
    if strict:
        from dataclasses import replace as _replace

        options = _replace(options, strict=True)
    if list_checks:
        from .checks import all_checks

        on = set(plan.ids)
        for cid, cls in all_checks().items():
            mark = "on " if cid in on else "off"
            click.echo(f"{mark}  {cid:16} {cls.category:12} {cls.severity!s:9} {cls.name}")
        return
    fail_level = fail_on or config.default("fail-on")
    threshold = Severity.parse(fail_level) if fail_level else None
    check_input_options(inputs, source, target, align)
    inputs = tuple(_expand_inputs(inputs))  # directories walked once, files counted right
    n_files = len(inputs) if inputs else 1
    engine = None
    if workers is not None or cluster:
        from .distributed import engine_options, make_engine

        engine = make_engine(*engine_options(workers, cluster))
    progress = Progress(n_files, enabled=False if engine else None)
    failed = False
    texts: dict[tuple[str, int], Segment] = {}

    def findings() -> Iterator[Finding]:
        nonlocal failed
        if engine is not None and align:
            raise UsageError("--align runs in one process: drop --workers/--cluster")
        if engine is not None:
            from .distributed import input_chunks, run_check

            chunks = input_chunks(list(inputs), source, target, options, engine.workers)
            for f in run_check(plan, chunks, options, engine, fmt == "text", texts):
                if threshold is not None and f.severity >= threshold:
                    failed = True
                yield f
            return
        for doc in open_inputs(inputs, source, target, options, align):
            if fmt == "text":
                doc.segments = _remember(doc.path, doc.segments, texts)
            if progress.enabled:
                doc.segments = _counting(doc.segments, progress)
            for f in plan.run(doc):
                if threshold is not None and f.severity >= threshold:
                    failed = True
                yield f
            progress.file_done()

    def side_text(f: Finding) -> str | None:
        seg = texts.get((f.file, f.index))
        return None if seg is None else _side_text(seg, f)

    try:
        with output_stream(output) as out:
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
    elif plan.stats.not_translated and fmt == "text":
        n = plan.stats.not_translated
        click.echo(f"{n:,} unit{'s' if n != 1 else ''} not translated yet (not checked; "
                   "--include-untranslated checks them)", err=True)
    if failed:
        sys.exit(1)


@cli.command("score")
@click.argument("hyps", nargs=-1, required=True, type=click.Path())
@click.option("-r", "--ref", "refs", multiple=True, type=click.Path(), help="Reference file (repeat for several references).")
@click.option("-m", "--metrics", default="bleu,chrf,chrf++,ter", show_default=True, help="Comma-separated: bleu, chrf, chrf++, ter.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "latex"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write here instead of stdout.")
@click.option("--segments", is_flag=True, help="Also give sentence-level scores (BLEU with effective order).")
@click.option("--tokenize", type=click.Choice(["13a", "intl", "zh", "char", "none", "flores101", "flores200"]), help="BLEU tokenizer (default 13a; zh for Chinese).")
@click.option("--lowercase", "-lc", is_flag=True, help="Case-insensitive scores.")
@click.option("--paired-bs", is_flag=True, help="Paired bootstrap resampling against the first system (95% CIs too).")
@click.option("--paired-ar", is_flag=True, help="Paired approximate randomization against the first system.")
@click.option("--confidence", is_flag=True, help="95% bootstrap confidence intervals per system.")
@click.option("--n-samples", type=int, default=0, help="Resamples (default 1000 for bootstrap, 10000 for AR).")
@click.option("--name", "names", multiple=True, help="Display names for the systems, in order.")
@click.option("--target-lang", help="Target language (BLEU's tokenizer choice for zh/ja/ko).")
@click.option("--source-key", help="JSONL/TSV key of the source in bilingual inputs (default: source).")
@click.option("--target-key", help="JSONL/TSV key of the hypothesis in bilingual inputs (default: target).")
@click.option("--reference-key", help="JSONL/TSV key of the reference (default: reference).")
@click.option("--input-format", type=click.Choice(["po", "xliff", "tmx", "tsv", "csv", "jsonl"]), help="Read bilingual inputs as this format, whatever their suffix.")
@click.option("--workers", type=int, default=None, help="Local worker processes (default 1: this process).")
@click.option("--cluster", help="A Dask scheduler (tcp://host:8786), or local:N for a LocalCluster of N workers.")
def score_cmd(hyps: tuple[str, ...], refs: tuple[str, ...], metrics: str, fmt: str,
              output: str | None, segments: bool, tokenize: str | None, lowercase: bool,
              paired_bs: bool, paired_ar: bool, confidence: bool, n_samples: int,
              names: tuple[str, ...], target_lang: str | None, workers: int | None,
              cluster: str | None, **keys: Any) -> None:
    """Score HYP files (plain text, or any bilingual file's targets) against references
    with sacrebleu: BLEU, chrF, chrF++ and TER, with their signatures. Several systems
    are ranked; --paired-bs/--paired-ar test each against the first."""
    from .metrics import MetricOptions
    from .scoring import confidence as add_ci
    from .scoring import check_request, render, score_systems, significance

    wanted = [m.strip().lower() for m in metrics.split(",") if m.strip()]
    check_request(wanted, n_samples)
    if names and len(names) != len(hyps):
        raise UsageError(f"--name given {len(names)} times for {len(hyps)} systems")
    if paired_bs and paired_ar:
        raise UsageError("choose one of --paired-bs and --paired-ar")
    if (paired_bs or paired_ar) and len(hyps) < 2:
        raise UsageError("paired tests need at least two systems (the first is the baseline)")
    opts = MetricOptions(tokenize=tokenize, lowercase=lowercase, trg_lang=target_lang or "")
    from .config import Config
    from .distributed import engine_options, make_engine, score_systems_on

    ropts = read_options({**keys, "target_lang": target_lang}, Config())
    engine = make_engine(*engine_options(workers, cluster))
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
    with output_stream(output) as out:
        out.write(render(systems, wanted, fmt, segments))


def load_glossaries(paths: Any, options: Any) -> Any:
    """Load and merge glossaries (None when there are none)."""
    if isinstance(paths, str):
        paths = [paths]
    if not paths:
        return None
    from .terms import load_glossary

    loaded = [load_glossary(str(p), options.source_lang, options.target_lang) for p in paths]
    return loaded[0] if len(loaded) == 1 else loaded[0].merge(*loaded[1:])


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


def _counting(segments: Any, progress: Any) -> Iterator[Segment]:
    for seg in segments:
        progress.unit()
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

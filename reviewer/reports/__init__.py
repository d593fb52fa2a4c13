"""Batch reports: gather one run's data, then write it for people or for CI.

:func:`build_report` runs the checks over documents and collects, per file, the
findings, statistics, term adherence, metric scores where a reference exists (the file's
reference column or ``--ref``), MQM (from the review store's annotations when there are
some, else estimated from the findings) and post-edit effort (from the store's
corrections), into a :class:`ReportData`. :func:`write_report` renders it as ``html``,
``markdown``, ``csv``, ``json``, ``sarif`` or ``junit``. No Textual, no Rich.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Sequence

from ..errors import InputError, UsageError
from ..model import Document, Finding, Segment, Severity, code_label
from .data import FileReport, ReportData, SegmentRow, stats_dict
from .gather import file_mqm, mqm_summary, open_review, post_edit, qa_score, systems_table

__all__ = [
    "FORMATS",
    "FileReport",
    "ReportData",
    "SegmentRow",
    "build_report",
    "format_for",
    "load_references",
    "write_report",
]

FORMATS = ("html", "markdown", "csv", "json", "sarif", "junit")
METRICS = ("bleu", "chrf", "ter")

_SUFFIXES = (
    (".sarif.json", "sarif"), (".sarif", "sarif"), (".junit.xml", "junit"), (".xml", "junit"),
    (".html", "html"), (".htm", "html"), (".md", "markdown"), (".markdown", "markdown"),
    (".csv", "csv"), (".json", "json"),
)


def format_for(output: str | None, fmt: str | None) -> str:
    """The report format: ``fmt`` when given, else from the output file's suffix."""
    if fmt:
        return {"md": "markdown"}.get(fmt, fmt)  # md: the suffix, accepted as a name
    if not output or output == "-":
        raise UsageError("give --format (html, markdown, csv, json, sarif, junit) or -o FILE "
                         "with one of the suffixes .html .md .csv .json .sarif .xml")
    low = output.lower()
    for suffix, name in _SUFFIXES:
        if low.endswith(suffix):
            return name
    raise UsageError("cannot tell the report format from the suffix: use --format "
                     "html|markdown|csv|json|sarif|junit", output)


def load_references(paths: Sequence[str], options: Any = None) -> list[list[str]]:
    """Reference streams from ``--ref`` files: plain text one segment a line, or the
    targets of a bilingual file."""
    from ..ranking import read_system

    return [read_system(p, options)[0] for p in paths]


def _now(generated: str | None) -> str:
    if generated:
        return generated
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit()
              else datetime.now(timezone.utc))
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _scores(file: FileReport, hyps: list[str], refs: list[list[str]], target_lang: str | None) -> None:
    from ..metrics import MetricOptions, corpus_scores

    opts = MetricOptions(trg_lang=target_lang or "")
    file.seg_stats = corpus_scores(hyps, refs, METRICS, opts)
    file.references = refs
    file.scores = {m: round(float(st.corpus().score), 4) for m, st in file.seg_stats.items()}
    file.signatures = {m: st.signature for m, st in file.seg_stats.items()}
    chrf = file.seg_stats["chrf"]
    for i, row in enumerate(file.segments):
        row.chrf = round(chrf.segment(i), 2)


def _gather(doc: Document, plan: Any, profile: Any, refs: list[list[str]] | None,
            ref_paths: Sequence[str], read_options: Any, progress: Any,
            use_store: bool, config: Any = None) -> FileReport:
    from ..runner import RunStats

    # the findings policy (docs/interfaces.md): a reviewed file is checked as corrected,
    # its dismissed findings left out, as `check` and the review screen do
    review = open_review(doc, read_options, config) if use_store else None
    try:
        as_is = [s for s in doc.materialize() if "obsolete" not in s.flags]
        # (with --workers the workers read the file itself: checked as it is)
        corrected = review is not None and getattr(plan, "engine", None) is None
        every = (list(review.project.segments) if corrected and review is not None
                 else list(doc.materialize()))
        segs = [s for s in every if "obsolete" not in s.flags]
        started = time.monotonic()
        plan.stats = RunStats()
        # counted as the checks consume them
        doc.segments = progress.counting(every) if progress is not None else iter(every)
        found = list(plan.run(doc))
        doc.segments = every
        run_stats = plan.stats
        file = FileReport(path=doc.path, format=doc.format, source_lang=doc.source_lang,
                          target_lang=doc.target_lang, target_only=doc.target_only)
        by_index: dict[int, list[Finding]] = {}
        for f in found:
            by_index.setdefault(f.index, []).append(f)
        file.segments = [
            SegmentRow(index=s.index, unit=s.id, line=s.line, source=s.source, target=s.target,
                       reference=s.reference, findings=by_index.get(s.index, []),
                       source_codes=tuple(code_label(c) for c in s.source_codes),
                       target_codes=tuple(code_label(c) for c in s.target_codes),
                       context=s.context, notes=tuple(n for n in s.notes if n))
            for s in segs
        ]
        if review is not None:
            review.annotate_rows(file)
            file.store = str(review.path)
    finally:
        if review is not None:
            review.project.close()
    kept = [f for row in file.segments for f in row.findings]
    for row in file.segments:
        row.qa_score = qa_score(row, profile)
    # metric scores: --ref streams, else the file's own reference column
    if refs is not None:
        for path, stream in zip(ref_paths, refs):
            if len(stream) != len(segs):
                raise InputError(f"reference has {len(stream)} segments, {doc.path} has "
                                 f"{len(segs)} units", path)
        for row, i in zip(file.segments, range(len(segs))):
            row.reference = refs[0][i]
        # metric scores are the file's as it is (as `score` gives them); the store's
        # corrections are measured as post-edit effort
        _scores(file, [s.target or "" for s in as_is], [list(r) for r in refs], doc.target_lang)
    elif segs and all(s.reference is not None for s in segs):
        _scores(file, [s.target or "" for s in as_is], [[s.reference or "" for s in segs]],
                doc.target_lang)
    file.mqm_rows, file.mqm = file_mqm(file, profile)
    file.post_edit = post_edit([file])
    if "meaning" in plan.ids:
        meaning_distribution(file, segs)
    file.stats = stats_dict(run_stats.units, run_stats.words, kept,
                            (run_stats.terms_found, run_stats.terms_approved)
                            if run_stats.glossary_applied else None)
    file.stats["files"] = 1
    file.seconds = time.monotonic() - started
    return file


def meaning_distribution(file: FileReport, segs: Sequence[Segment]) -> None:
    """Per-unit meaning similarities of ``segs`` (the file's rows) and their
    distribution on ``file``. The meaning check embedded the same texts just before
    through the embedding cache, so this is mostly cache hits."""
    from .. import meaning

    file.similarities = meaning.document_similarities(segs)
    file.meaning = meaning.distribution(file.similarities)


def build_report(
    documents: Iterable[Document],
    plan: Any,
    *,
    config: Any = None,
    glossary_paths: Sequence[str] = (),
    ref_paths: Sequence[str] = (),
    references: Sequence[Sequence[str]] | None = None,
    profile: Any = None,
    title: str | None = None,
    fail_on: Severity | None = None,
    read_options: Any = None,
    progress: Any = None,
    use_store: bool = True,
    n_samples: int = 1000,
    generated: str | None = None,
    command: Sequence[str] | None = None,
) -> ReportData:
    """Run ``plan`` over ``documents`` and gather everything a report shows.

    ``references`` are reference streams for every document (from ``--ref``, see
    :func:`load_references`); without them a file's own reference column is used when
    every unit has one. ``profile`` is the MQM :class:`~reviewer.mqm.Profile` (default
    ``mqm``). A review store beside a file (``FILE.review.sqlite``) adds its MQM
    annotations, corrections (post-edit effort) and dismissals (those findings are
    left out and counted)."""
    from ..config import Config
    from ..mqm import get_profile
    from .signature import build_signature

    config = config or Config()
    profile = profile or get_profile("mqm")
    refs = [list(r) for r in references] if references else None
    files: list[FileReport] = []
    for doc in documents:
        files.append(_gather(doc, plan, profile, refs, ref_paths or ["--ref"] * len(refs or []),
                             read_options, progress, use_store, config))
        if progress is not None:
            progress.file_done()
    if not files:
        raise UsageError("no input documents")
    data = ReportData(title=title or _default_title(files), generated=_now(generated),
                      files=files, fail_on=None if fail_on is None else str(fail_on),
                      profile=profile.name, command=list(command or []))
    data.systems = systems_table(files, METRICS, n_samples)
    data.summary = _summary(files, profile, systems=bool(data.systems))
    sigs = dict(data.summary["scores"]["signatures"]) if data.summary["scores"] else {}
    if not sigs:
        first = next((f for f in files if f.signatures), None)
        sigs = dict(first.signatures) if first else {}
    data.signature = build_signature(plan, config, glossary_paths, profile, sigs)
    data.failed = fail_on is not None and any(f.severity >= fail_on for f in data.findings())
    return data


def _default_title(files: list[FileReport]) -> str:
    if len(files) == 1:
        return f"Translation review: {Path(files[0].path).name}"
    return f"Translation review: {len(files)} files"


def _summary(files: list[FileReport], profile: Any, systems: bool = False) -> dict[str, Any]:
    """Totals over the files; corpus scores over every scored file unless the files are
    systems (ranked separately: pooling their outputs would mean nothing)."""
    from ..metrics import corpus_scores

    kept = [f for file in files for f in file.findings()]
    with_terms = [fl for fl in files if "term_adherence" in fl.stats]
    terms = None
    if with_terms:
        terms = (sum(fl.stats["term_adherence"]["found"] for fl in with_terms),
                 sum(fl.stats["term_adherence"]["approved"] for fl in with_terms))
    summary = stats_dict(sum(fl.stats["units"] for fl in files),
                         sum(fl.stats["words"] for fl in files), kept, terms)
    summary["files"] = len(files)
    summary["dismissed"] = sum(fl.dismissed for fl in files)
    summary["mqm"] = mqm_summary(files, profile)
    summary["post_edit"] = post_edit(files)
    if any(fl.meaning is not None for fl in files):
        from .. import meaning

        summary["meaning"] = meaning.distribution(
            [v for fl in files if fl.meaning is not None for v in fl.similarities])
    scored = [fl for fl in files if fl.seg_stats]
    summary["scores"] = None
    if scored and not systems:
        if len(scored) == 1:
            stats = scored[0].seg_stats
        else:
            nrefs = {len(fl.references or []) for fl in scored}
            if len(nrefs) != 1:
                stats = {}
            else:
                hyps = [h for fl in scored for h in fl.seg_stats["chrf"].hyps]
                streams = [[r for fl in scored for r in (fl.references or [])[k]]
                           for k in range(nrefs.pop())]
                opts = scored[0].seg_stats["chrf"].options
                stats = corpus_scores(hyps, streams, METRICS, opts)
        if stats:
            summary["scores"] = {
                "files": len(scored),
                "segments": len(next(iter(stats.values()))),
                "metrics": {m: round(float(st.corpus().score), 4) for m, st in stats.items()},
                "signatures": {m: st.signature for m, st in stats.items()},
            }
    return summary


def write_report(data: ReportData, fmt: str, out: IO[str]) -> None:
    """Write ``data`` as ``fmt`` (one of :data:`FORMATS`) to ``out``."""
    if fmt == "html":
        from .html import write_html as writer
    elif fmt == "markdown":
        from .markdown import write_markdown as writer
    elif fmt == "csv":
        from .csvjson import write_csv as writer
    elif fmt == "json":
        from .csvjson import write_json as writer
    elif fmt == "sarif":
        from .sarif import write_sarif as writer
    elif fmt == "junit":
        from .junit import write_junit as writer
    else:
        raise UsageError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    writer(data, out)


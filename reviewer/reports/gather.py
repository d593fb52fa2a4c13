"""Gathering helpers: the review store beside a file, MQM, post-edit effort, QA scores
per segment and the ranked table of systems."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..model import Document
from .data import FileReport, SegmentRow


class ReviewState:
    """A file's review store, opened read-mostly for a report (never created)."""

    def __init__(self, project: Any) -> None:
        self.project = project
        self.path = project.store.path

    def __enter__(self) -> "ReviewState":
        return self

    def __exit__(self, *exc: object) -> None:
        self.project.close()

    def annotate_rows(self, file: FileReport) -> None:
        """Put the store's state on ``file``'s rows: corrections, statuses, MQM
        annotations; drop dismissed findings (counted in ``file.dismissed``)."""
        p = self.project
        pos = {p.original(i).index: i for i in range(len(p))}
        current = p.segments
        for row in file.segments:
            i = pos.get(row.index)
            if i is None:
                continue
            orig, cur = p.original(i), current[i]
            file.originals.append(orig.target or "")
            file.current.append(cur.target or "")
            if (cur.target or "") != (orig.target or ""):
                row.corrected = cur.target or ""
            status = p.status(i)
            row.status = None if status == "unreviewed" else status
            row.annotations = [
                {"side": a.side, "start": a.start, "end": a.end, "category": a.category,
                 "severity": a.severity, "comment": a.comment, "reviewer": a.reviewer}
                for a in p.annotations(i)
            ]
            kept = [f for f in row.findings if not p.is_dismissed(i, f)]
            file.dismissed += len(row.findings) - len(kept)
            row.findings = kept


def review_store_path(doc: Document) -> str:
    """Where the review store of ``doc`` is by default: ``FILE.review.sqlite``, or
    ``TARGET.aligned.review.sqlite`` for a sentence-aligned pair (``--align``)."""
    from ..store import default_store_path

    aligned = isinstance(doc.meta, dict) and doc.meta.get("aligned")
    return str(default_store_path(doc.path + (".aligned" if aligned else "")))


def open_review(doc: Document, read_options: Any, config: Any = None) -> ReviewState | None:
    """The review store beside ``doc`` (``FILE.review.sqlite``), or None when there is
    none (or ``doc`` is a stream). For a plain-text pair the store is beside the target
    file. ``config`` is the run's resolved configuration (never loaded here)."""
    from ..inputs import is_stream
    from ..project import Project

    if is_stream(doc.path) or not Path(review_store_path(doc)).is_file():
        return None
    meta = doc.meta if isinstance(doc.meta, dict) else {}
    source = None if doc.target_only else meta.get("source_path")
    project = Project.open(doc.path, read_options=read_options, create=False,
                           source_path=str(source) if source else None, config=config,
                           aligned=bool(meta.get("aligned")))
    return ReviewState(project)


class Reviewed:
    """A document switched to its corrected text for a run of the checks, and the
    dismissals that leave findings out (the findings policy)."""

    def __init__(self, state: ReviewState, doc: Document) -> None:
        self.state = state
        p = state.project
        self.pos = {p.original(i).index: i for i in range(len(p))}
        doc.segments = list(p.segments)

    def dismissed(self, finding: Any) -> bool:
        """True when the store dismissed ``finding``."""
        i = self.pos.get(finding.index)
        return i is not None and self.state.project.is_dismissed(i, finding)

    def close(self) -> None:
        """Close the store."""
        self.state.project.close()


def reviewed(doc: Document, read_options: Any, config: Any = None) -> Reviewed | None:
    """``doc`` checked as corrected when a review store is beside it (else None)."""
    state = open_review(doc, read_options, config)
    return None if state is None else Reviewed(state, doc)


def store_input(store_path: str) -> tuple[str, str | None]:
    """The input (and plain-text source) a review store belongs to: ``FILE`` for
    ``FILE.review.sqlite``, else the path the store recorded."""
    from ..errors import InputError
    from ..store import SUFFIX, Store

    with Store.open(store_path, create=False) as st:
        fp = st.fingerprint()
    if fp is None:
        raise InputError("this review store records no input file", store_path)
    base = Path(store_path)
    if base.name.endswith(SUFFIX):
        guess = str(base)[: -len(SUFFIX)]
        if Path(guess).is_file():
            return guess, fp.source_path
    if not Path(fp.path).is_file():
        raise InputError(f"the store's input {fp.path} is not there", store_path)
    return fp.path, fp.source_path


def project_annotations(project: Any) -> list[Any]:
    """A review store's MQM annotations as :class:`~reviewer.mqm.Annotation` rows,
    one ``No-error`` rating for a unit without any: the definition the report's MQM
    section uses, so ``mqm score STORE`` and ``report`` agree."""
    from ..mqm import Annotation

    out = []
    system = Path(project.path).name
    for i in range(len(project)):
        seg = project.segment(i)
        items = [(a.reviewer or "", a.category, a.severity, a.comment, a.side, a.start, a.end)
                 for a in project.annotations(i)]
        if not items:
            items = [("", "no-error", "no-error", "", None, None, None)]
        for rater, cat, sev, comment, side, start, end in items:
            out.append(Annotation(system, project.path, str(seg.index), rater, cat, sev,
                                  source=seg.source, target=seg.target or "", side=side,
                                  start=start, end=end, comment=comment or ""))
    return out


def qa_score(row: SegmentRow, profile: Any) -> float:
    """A 0-100 score of one segment from its findings, weighted as the MQM profile
    weighs errors and normalised per source word: ``100 * (1 - penalty / words)``,
    at least 0 (100 = no finding)."""
    from ..mqm import CHECK_CATEGORY_TO_MQM

    if not row.findings:
        return 100.0
    penalty = sum(profile.weight(CHECK_CATEGORY_TO_MQM.get(f.category, f.category), str(f.severity))
                  for f in row.findings)
    words = max(len((row.source or row.target or "").split()), 1)
    return round(max(0.0, 100.0 * (1 - penalty / words)), 2)


def _annotations(file: FileReport, use_store: bool) -> list[Any]:
    from ..mqm import CHECK_CATEGORY_TO_MQM, Annotation

    out = []
    for row in file.segments:
        target, source = row.target or "", row.source
        if use_store:
            items = [(a.get("reviewer") or "", a["category"], a["severity"]) for a in row.annotations]
        else:
            items = [("checks", CHECK_CATEGORY_TO_MQM.get(f.category, f.category), str(f.severity))
                     for f in row.findings]
        if not items:
            items = [("", "no-error", "no-error")]
        for rater, cat, sev in items:
            out.append(Annotation("report", file.path, str(row.index), rater, cat, sev,
                                  source=source, target=target))
    return out


def _mqm_dict(row: Any, profile: Any, source: str) -> dict[str, Any]:
    d: dict[str, Any] = {"profile": profile.name, "source": source, "errors": row.errors,
                         "words": row.words}
    if profile.per_word:
        # one MQM score everywhere (review status line, `mqm score`, report): the raw
        # quality; the calibrated quality decides pass/fail against the threshold
        d.update(score=round(row.extra["raw_quality"], 2),
                 raw_quality=round(row.extra["raw_quality"], 2),
                 calibrated_quality=round(row.extra["calibrated_quality"], 2),
                 penalty=round(row.extra["penalty"], 4),
                 penalty_per_1000_words=round(row.extra["penalty_per_1000_words"], 2),
                 pass_threshold=profile.pass_threshold)
        d["pass"] = bool(row.extra["pass"])
    else:
        d.update(score=round(row.score, 4), raw_quality=None, penalty=round(row.penalty, 4),
                 penalty_per_1000_words=None, pass_threshold=None)
        d["pass"] = None
    return d


def file_mqm(file: FileReport, profile: Any) -> tuple[list[Any], dict[str, Any] | None]:
    """Segment score rows and the document's MQM figures: from the store's annotations
    when it has any, else estimated from the findings (``source`` says which)."""
    from ..mqm import aggregate, segment_scores

    if not file.segments:
        return [], None
    use_store = any(r.annotations for r in file.segments)
    rows = segment_scores(_annotations(file, use_store), profile)
    for r in rows:
        r.extra["source"] = "annotations" if use_store else "findings"
    doc = aggregate(rows, profile, "document")[0]
    return rows, _mqm_dict(doc, profile, "annotations" if use_store else "findings")


def mqm_summary(files: Sequence[FileReport], profile: Any) -> dict[str, Any] | None:
    """MQM over every file (``source``: annotations, findings or mixed)."""
    from ..mqm import aggregate

    rows = [r for f in files for r in f.mqm_rows]
    if not rows:
        return None
    sources = {f.mqm["source"] for f in files if f.mqm}
    total = aggregate(rows, profile, "system")[0]
    return _mqm_dict(total, profile, sources.pop() if len(sources) == 1 else "mixed")


def post_edit(files: Sequence[FileReport]) -> dict[str, Any] | None:
    """Post-edit effort of the store's corrections (HTER, chrF, word edits) over the
    files that have a review store; None when none has."""
    from ..metrics import edit_effort

    have = [f for f in files if f.store is not None]
    if not have:
        return None
    originals = [t for f in have for t in f.originals]
    current = [t for f in have for t in f.current]
    d: dict[str, Any] = dict(edit_effort(originals, current).to_dict())
    d["files"] = len(have)
    return d


def _labels(paths: Sequence[str]) -> list[str]:
    base = [Path(p).name for p in paths]
    return base if len(set(base)) == len(base) else [str(p) for p in paths]


RANK_METRIC = "chrf"


def systems_table(files: Sequence[FileReport], metrics: Sequence[str],
                  n_samples: int = 1000) -> list[dict[str, Any]]:
    """Several files scored against the same references are systems: ranked by chrF,
    best first, with 95% bootstrap confidence intervals (sacrebleu's method). Empty
    when fewer than two files share references."""
    from ..ranking import SystemScores, confidence, ranked

    scored = [f for f in files if f.seg_stats]
    if len(scored) < 2 or any(f.references != scored[0].references for f in scored[1:]):
        return []
    names = _labels([f.path for f in scored])
    systems = [SystemScores(n, dict(f.seg_stats)) for n, f in zip(names, scored)]
    confidence(systems, list(metrics), n_samples)
    by_name = dict(zip(names, scored))
    out = []
    for rank, s in enumerate(ranked(systems, RANK_METRIC), 1):
        f = by_name[s.name]
        out.append({
            "rank": rank,
            "system": s.name,
            "file": f.path,
            "scores": {m: round(s.score(m), 4) for m in metrics},
            "ci95": {m: {"mean": round(s.ci[m][0], 4), "plus_minus": round(s.ci[m][1], 4)}
                     for m in metrics},
            "findings": f.stats["findings"]["total"] if f.stats else 0,
            "mqm": None if f.mqm is None else f.mqm["score"],
        })
    return out

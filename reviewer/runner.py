"""Run the selected checks over documents: preconditions, ignores, overrides, stats.

:func:`plan_checks` turns defaults, ``reviewer.toml`` and ``--enable/--disable``
into a :class:`CheckPlan`; :meth:`CheckPlan.run` yields findings in document order
and counts what it saw in a :class:`RunStats` (:mod:`.run_stats`); one finding per
problem is :mod:`.finding_merge`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from .checks import check_defaults, load_check
from .checks.base import Check, CheckContext, DocumentCheck
from .config import Config, options_for
from .errors import UsageError
from .finding_merge import dedupe, merge_forms
from .icu import masked as icu_masked
from .icu import prepare as icu_prepare
from .model import Document, Finding, Segment
from .plurals import exact_forms, singular_forms
from .run_stats import RunStats, count_words
from .status import NOT_TRANSLATED

__all__ = ["CheckPlan", "RunStats", "plan_checks", "resolve_enabled", "dedupe", "merge_forms",
           "count_words", "IGNORE_ALL"]

IGNORE_ALL = frozenset({"all", "*"})


def _split_ids(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def resolve_enabled(
    config: Config, enable: Iterable[str] = (), disable: Iterable[str] = ()
) -> list[str]:
    """The ids of the checks to run, in registry order.

    Defaults, then ``reviewer.toml`` (``[check] enable/disable`` and
    ``[checks.ID] enabled``), then the command line, each overriding the last.
    ``all`` stands for every check.
    """
    registry = check_defaults()
    known = set(registry)
    on = {cid for cid, default in registry.items() if default}

    def apply(ids: Iterable[str], value: bool, where: str) -> None:
        for cid in ids:
            if cid == "all":
                if value:
                    on.update(known)
                else:
                    on.clear()
                continue
            if cid not in known:
                raise UsageError(
                    f"unknown check {cid!r} in {where} (known: {', '.join(sorted(known))})"
                )
            (on.add if value else on.discard)(cid)

    src = config.path or "reviewer.toml"
    apply(config.enable, True, src)
    apply(config.disable, False, src)
    for cid, val in config.enabled.items():
        apply([cid], val, src)
    unknown_tables = set(config.options) - known
    if unknown_tables:
        raise UsageError(
            f"unknown check {sorted(unknown_tables)[0]!r} in {src} "
            f"(known: {', '.join(sorted(known))})"
        )
    # On the command line "all" applies first, then named checks: `--disable all
    # --enable number` runs just number; `--enable all --disable length` all but one.
    en, dis = _split_ids(enable), _split_ids(disable)
    apply([c for c in en if c == "all"], True, "--enable")
    apply([c for c in dis if c == "all"], False, "--disable")
    apply([c for c in en if c != "all"], True, "--enable")
    apply([c for c in dis if c != "all"], False, "--disable")
    return [cid for cid in registry if cid in on]


def _line(seg: Segment, side: str, form: int | None = None, plural_source: bool = False) -> int | None:
    """The line a finding points at: the translation's own line for the target side
    (PO msgstr, XLIFF <target>; a plural form's own ``msgstr[n]``), the source text's
    for the source side (PO msgid, or msgid_plural for a form checked against it)
    when the reader knows it, else the unit's."""
    if form is not None and seg.form_lines:
        if side == "target" and 0 <= form < len(seg.form_lines):
            return seg.form_lines[form]
        if side == "source" and plural_source and seg.plural_source_line is not None:
            return seg.plural_source_line
    if side == "target":
        if seg.target_line is not None:
            return seg.target_line
    elif seg.source_line is not None:
        return seg.source_line
    return seg.line


@dataclass
class CheckPlan:
    """The checks to run and their settings; reusable across documents."""

    checks: list[Check]
    config: Config = field(default_factory=Config)
    glossary: Any = None
    stats: RunStats = field(default_factory=RunStats)
    #: count source words into ``stats`` (off when no output shows them)
    count_words: bool = True
    #: check units not translated yet too (else they are only counted)
    include_untranslated: bool = False
    #: check only units in these statuses (None: all translated ones)
    states: frozenset[str] | None = None

    @property
    def ids(self) -> list[str]:
        """Ids of the planned checks."""
        return [c.id for c in self.checks]

    def contexts(self, doc: Document) -> dict[str, CheckContext]:
        """The context of each planned check on ``doc`` (languages, its options from
        the configuration, the glossary), by check id."""
        return {
            c.id: CheckContext(
                source_lang=doc.source_lang,
                target_lang=doc.target_lang,
                options=options_for(self.config, c.id, doc.target_lang),
                glossary=self.glossary,
                target_only=doc.target_only,
                path=doc.path,
                resource=bool(doc.meta.get("resource")) if isinstance(doc.meta, dict) else False,
            )
            for c in self.checks
        }

    def _count_terms(self, seg: Segment, doc: Document) -> None:
        # only a run with a glossary loads the terms package (and rapidfuzz)
        from .terms import unit_glossary

        g = unit_glossary(self.glossary, seg)
        if g is None:
            return
        self.stats.glossary_applied = True
        found, approved = g.adherence(seg, doc.source_lang, doc.target_lang)
        self.stats.terms_found += found
        self.stats.terms_approved += approved

    def skipped(self, seg: Segment) -> bool:
        """True for a unit the checks do not look at: obsolete, not translated yet
        (unless ``include_untranslated``), or outside ``states``."""
        if "obsolete" in seg.flags:
            return True
        status = seg.status
        return (status in NOT_TRANSLATED and not self.include_untranslated) or (
            self.states is not None and (status or "translated") not in self.states)

    def document_units(self, segs: Iterable[Segment]) -> list[Segment]:
        """The units whole-document checks see: those not :meth:`skipped`, ICU
        messages with their syntax blanked (the same as :meth:`run` keeps)."""
        out = []
        for s in segs:
            if self.skipped(s):
                continue
            p = icu_prepare(s)
            out.append(icu_masked(p) if p.branches else s)
        return out

    def document_checks(self, doc: Document) -> list[DocumentCheck]:
        """The planned document-level checks that apply to ``doc``, in plan order."""
        return [c for c in self.checks if isinstance(c, DocumentCheck)
                and not (doc.target_only and c.needs_source)]

    def document_findings(
        self,
        doc: Document,
        kept: Sequence[Segment],
        checks: Sequence[DocumentCheck],
        found: Callable[[DocumentCheck, CheckContext], Iterable[tuple[Segment, Finding]]] | None = None,
    ) -> Iterator[tuple[int, Finding]]:
        """``(unit index, finding)`` of the document checks ``checks`` over the units
        ``kept``, in check order, ignores and severity overrides applied. ``found(check,
        context)`` gives a check's findings instead of ``check.run_document(kept,
        context)`` (a chunk's share of a document, in :mod:`reviewer.distributed`)."""
        ctxs = self.contexts(doc)
        overrides = self.config.severity
        by_seg = {s.index: s for s in kept}
        for c in checks:
            pairs = found(c, ctxs[c.id]) if found else c.run_document(kept, ctxs[c.id])
            for seg, f in pairs:
                if c.id in seg.ignore or not seg.ignore.isdisjoint(IGNORE_ALL):
                    continue
                s = by_seg.get(seg.index, seg)
                yield s.index, replace(
                    f, severity=overrides.get(f.check, f.severity), file=doc.path,
                    unit=s.id, index=s.index, line=_line(s, f.side), form=None,
                )

    def run(self, doc: Document, document_checks: bool = True) -> Iterator[Finding]:
        """Yield every finding of the document, in document order (streams when no
        document-level check is planned). ``document_checks=False`` runs the per-unit
        checks only, streaming (a chunk of a document, in :mod:`reviewer.distributed`)."""
        ctxs = self.contexts(doc)
        overrides = self.config.severity
        pre = [c for c in self.checks if c.precondition and not isinstance(c, DocumentCheck)]
        main = [
            c
            for c in self.checks
            if not c.precondition
            and not isinstance(c, DocumentCheck)
            and not (c.needs_source and doc.target_only)
        ]
        if doc.target_only:
            pre = [c for c in pre if not c.needs_source]
        doc_checks = self.document_checks(doc) if document_checks else []
        stats = self.stats
        stats.files += 1
        stats.note_skipped(self.checks, ctxs)
        kept: list[Segment] | None = [] if doc_checks else None
        pending: dict[int, list[Finding]] = {}

        path = doc.path

        def finish(seg: Segment, f: Finding, form: int | None, plural_src: bool = False) -> Finding:
            sev = overrides.get(f.check, f.severity) if overrides else f.severity
            line = _line(seg, f.side, form, plural_src)
            if type(f) is Finding:  # the fast path of dataclasses.replace
                return Finding(
                    f.check, f.category, sev, f.side, f.start, f.end, f.text, f.message,
                    f.suggestion, f.score, path, seg.id, seg.index,
                    line,
                    form,
                )
            return replace(
                f, severity=sev, file=path, unit=seg.id, index=seg.index,
                line=line, form=form,
            )

        # (id, needs_translation, bound run, context) per check, looked up once
        pre_runs = [(c.id, c.run, ctxs[c.id]) for c in pre]
        main_runs = [(c.id, c.needs_translation, c.run, ctxs[c.id]) for c in main]
        # a unit with no source text (an addition found by alignment) is checked as a
        # target-only unit: source-comparing checks have nothing to compare with
        target_runs = [(cid, nt, run, replace(ctx, target_only=True))
                       for (cid, nt, run, ctx), c in zip(main_runs, main) if not c.needs_source]
        pre_fast = [(run, ctx) for _cid, run, ctx in pre_runs]
        main_fast = [(run, ctx) for _cid, _nt, run, ctx in main_runs]
        main_blocked = [(run, ctx) for _cid, nt, run, ctx in main_runs if not nt]
        target_fast = [(run, ctx) for _cid, _nt, run, ctx in target_runs]
        target_blocked = [(run, ctx) for _cid, nt, run, ctx in target_runs if not nt]
        target_only = doc.target_only
        count_terms = self.glossary is not None and not target_only
        words = self.count_words

        # gettext forms chosen for one number only may leave the count out
        header_value = doc.meta.get("plural_forms")
        plural_header = header_value if isinstance(header_value, str) else None
        exact = exact_forms(plural_header)
        singular = singular_forms(plural_header)
        fmt_check = next((c for c in self.checks if c.id == "format"), None)
        icu_check = next((c for c in self.checks if c.id == "icu"), None)
        icu_run = None if icu_check is None else (icu_check.run, ctxs["icu"])
        include_untranslated, states = self.include_untranslated, self.states
        for seg in doc:
            if "obsolete" in seg.flags:
                continue
            stats.units += 1
            if words:
                stats.words += count_words(seg.target or "" if target_only else seg.source)
            status = seg.status
            if status is not None:
                stats.statuses[status] += 1
            if (status in NOT_TRANSLATED and not include_untranslated) or (
                    states is not None and (status or "translated") not in states):
                if status in NOT_TRANSLATED:
                    stats.not_translated += 1
                if seg.problems and fmt_check is not None and "format" not in seg.ignore:
                    for f in fmt_check.run(seg, ctxs["format"]):
                        f = finish(seg, f, None)
                        if kept is None:
                            stats.add(f)
                            yield f
                        else:
                            pending.setdefault(seg.index, []).append(f)
                continue
            stats.checked += 1
            seg = icu_prepare(seg, doc.target_lang)
            if kept is not None:
                # whole-document checks see ICU messages with their syntax blanked
                kept.append(icu_masked(seg) if seg.branches else seg)
            if (count_terms or seg.terms) and not target_only:
                self._count_terms(seg, doc)
            ignore = seg.ignore
            if ignore and not ignore.isdisjoint(IGNORE_ALL):
                continue
            out: list[Finding] = []
            if not ignore and not seg.branches and (seg.plural_source is None or not seg.plural_targets):
                # the common unit: one form, nothing ignored (lists chosen up front)
                blocked = not seg.target
                for run, ctx in pre_fast:
                    for f in run(seg, ctx):
                        blocked = True
                        out.append(finish(seg, f, None))
                if target_only or seg.source:
                    todo = main_blocked if blocked else main_fast
                else:
                    todo = target_blocked if blocked else target_fast
                for run, ctx in todo:
                    for f in run(seg, ctx):
                        out.append(finish(seg, f, None))
                if "exact-count" in seg.flags and out:  # an app plural form for one number
                    out = _exact_count(out)
                forms: Iterable[tuple[int | None, Segment]] = ()
            elif not seg.branches and (seg.plural_source is None or not seg.plural_targets):
                forms = ((None, seg),)
            elif singular is not None:
                plural_source = seg.plural_source
                forms = [(i, replace(seg, source=plural_source if plural_source is not None
                                     and i not in singular else seg.source,
                                     target=t, plural_targets=()))
                         for i, t in enumerate(seg.plural_targets)]
            else:
                forms = seg.forms()
            if seg.branches and icu_run is not None and "icu" not in ignore:
                # ICU structure is judged on the whole message, the branches as text
                for f in icu_run[0](seg, icu_run[1]):
                    out.append(finish(seg, f, None))
            for form, s in forms:
                blocked = not s.target
                # a form checked against msgid_plural: its source findings point there
                psrc = form is not None and form > 0 and s.source is seg.plural_source and not seg.branches
                for cid, run, ctx in pre_runs:
                    if ignore and cid in ignore:
                        continue
                    for f in run(s, ctx):
                        blocked = True
                        out.append(finish(seg, f, form, psrc))
                runs = main_runs if (target_only or s.source) else target_runs
                for cid, needs_translation, run, ctx in runs:
                    if (blocked and needs_translation) or (ignore and cid in ignore):
                        continue
                    if cid == "icu" and seg.branches:
                        continue
                    found = run(s, ctx)
                    if cid == "placeholder" and not seg.branches and (
                            form in exact or (form is None and "exact-count" in seg.flags)):
                        found = _allow_missing_count(found)
                    for f in found:
                        out.append(finish(seg, f, form, psrc))
            if forms and len(out) > 1:
                out = merge_forms(out, seg)
            if kept is None:
                for f in dedupe(out):
                    stats.add(f)
                    yield f
            elif out:
                pending[seg.index] = out

        if kept is None:
            return
        for idx, f in self.document_findings(doc, kept, doc_checks):
            pending.setdefault(idx, []).append(f)
        for idx in sorted(pending):
            for f in dedupe(pending[idx]):
                stats.add(f)
                yield f


def _exact_count(out: list[Finding]) -> list[Finding]:
    """A unit's findings less the placeholder finding :func:`_allow_missing_count` lets
    a one-number form drop (the other checks' findings unchanged)."""
    ph = [f for f in out if f.check == "placeholder"]
    if not ph:
        return out
    keep = _allow_missing_count(ph)
    dropped = next((f for f in ph if f not in keep), None)
    return [f for f in out if f is not dropped]


def _allow_missing_count(found: Iterable[Finding]) -> list[Finding]:
    """Placeholder findings of a plural form used for one number only ("one file",
    Arabic's dual), less the first placeholder missing from the translation: the
    count the form's wording implies."""
    out = list(found)
    for i, f in enumerate(out):
        if "missing" in f.message.lower():
            return out[:i] + out[i + 1:]
    return out


def plan_checks(
    config: Config | None = None,
    enable: Sequence[str] = (),
    disable: Sequence[str] = (),
    glossary: Any = None,
) -> CheckPlan:
    """Instantiate the enabled checks (see :func:`resolve_enabled`)."""
    config = config or Config()
    ids = resolve_enabled(config, enable, disable)
    return CheckPlan([load_check(i)() for i in ids], config=config, glossary=glossary)

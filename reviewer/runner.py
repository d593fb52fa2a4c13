"""Run the selected checks over documents: preconditions, ignores, overrides, stats.

:func:`plan_checks` turns defaults, ``reviewer.toml`` and ``--enable/--disable``
into a :class:`CheckPlan`; :meth:`CheckPlan.run` yields findings in document order
and counts what it saw in a :class:`RunStats`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

from .checks import check_defaults, load_check
from .checks.base import Check, CheckContext, DocumentCheck
from .config import Config, options_for
from .errors import UsageError
from .model import CODE_RE, Document, Finding, Segment, Severity

IGNORE_ALL = frozenset({"all", "*"})
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words in a text, for statistics (inline codes and punctuation not counted)."""
    if not text.isascii():  # inline codes are private-use characters
        text = CODE_RE.sub(" ", text)
    return len(_WORD.findall(text))


@dataclass(slots=True)
class RunStats:
    """Counts over a run: units, source words, findings by severity and by check."""

    units: int = 0
    words: int = 0
    files: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    terms_found: int = 0
    terms_approved: int = 0
    glossary_applied: bool = False
    #: units the checks ran on (units minus those skipped by status)
    checked: int = 0
    #: units not translated yet (status new/untranslated), counted instead of checked
    not_translated: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    #: ``(check id, language) -> reason`` for the checks that could not judge a
    #: document's language and stayed silent on it
    skipped: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        """Count one finding."""
        self.by_severity[str(finding.severity)] += 1
        self.by_check[finding.check] += 1

    def to_dict(self) -> dict[str, Any]:
        """The ``stats`` object of the whole-run JSON."""
        return {
            "files": self.files,
            "units": self.units,
            "checked": self.checked,
            "not_translated": self.not_translated,
            "statuses": dict(self.statuses),
            "words": self.words,
            "findings": {
                "total": sum(self.by_severity.values()),
                "by_severity": {
                    str(s): self.by_severity.get(str(s), 0) for s in Severity
                },
                "by_check": dict(sorted(self.by_check.items())),
            },
            **({"term_adherence": self.term_adherence()} if self.glossary_applied else {}),
            "skipped": [
                {"check": c, "language": lang, "reason": why}
                for (c, lang), why in sorted(self.skipped.items())
            ],
        }

    def note_skipped(self, checks: Iterable[Check], contexts: dict[str, CheckContext]) -> None:
        """Record the checks that say they cannot judge this document's languages
        (their ``skip_reason(context)``, when they have one)."""
        for c in checks:
            why_fn = getattr(c, "skip_reason", None)
            if why_fn is None:
                continue
            ctx = contexts[c.id]
            why = why_fn(ctx)
            if why:
                lang = (ctx.target_lang or "?") if not getattr(c, "pair_language", False) \
                    else f"{ctx.source_lang or '?'}-{ctx.target_lang or '?'}"
                self.skipped.setdefault((c.id, lang), why)

    def term_adherence(self) -> dict[str, Any]:
        """Of the glossary source terms found in sources, how many have an approved
        target form: ``{"found": N, "approved": M, "rate": M/N}`` (rate null for N=0)."""
        n, m = self.terms_found, self.terms_approved
        return {"found": n, "approved": m, "rate": round(m / n, 4) if n else None}


#: Checks whose source-side finding ("the glossary term has no approved form in the
#: target") is the same problem as a target-side finding that names the wrong form and
#: suggests an approved one (a forbidden term, a variant of the glossary's form).
_SOURCE_TERM_CHECKS = frozenset({"term"})
_TARGET_TERM_CHECKS = frozenset({"term", "forbidden-term", "variant"})
#: Checks that judge how one word of the target is written: two of them on the same
#: span are one problem (a misspelt name is not two errors), even when their fixes
#: differ; the earlier (more specific, e.g. ``variant`` before ``spelling``) stands.
_WORD_FORM_CHECKS = frozenset({"term", "forbidden-term", "variant", "entity", "spelling"})


def merge_forms(findings: list[Finding], seg: Segment) -> list[Finding]:
    """One finding for a problem repeated on several forms of one unit (PO plural forms,
    ICU branches): the same check, side, flagged text, message and fix on forms 1 and 2
    is reported once, on the first form, its message naming the forms ("(forms 1, 2)";
    ICU branches by their selectors). Findings on one form only are unchanged."""
    if len(findings) < 2:
        return findings
    out: list[Finding] = []
    first: dict[tuple[object, ...], tuple[int, list[int]]] = {}
    for f in findings:
        if f.form is None:
            out.append(f)
            continue
        key = (f.check, f.side, f.text, f.message, f.suggestion)
        hit = first.get(key)
        if hit is not None:
            if f.form not in hit[1]:
                hit[1].append(f.form)
            continue
        first[key] = (len(out), [f.form])
        out.append(f)
    for i, forms in first.values():
        if len(forms) > 1:
            f = out[i]
            if seg.branches:
                named = "branches " + ", ".join(seg.branches[k][0] if k < len(seg.branches)
                                                else str(k) for k in forms)
            else:
                named = "forms " + ", ".join(str(k) for k in forms)
            msg = f.message[:-1] if f.message.endswith(".") else f.message
            out[i] = replace(f, message=f"{msg} ({named}).")
    return out


def _merge(keep: Finding, other: Finding) -> Finding:
    """``keep`` standing for both: the more severe severity, ``other``'s check (and
    the checks it already stood for) named in ``also``."""
    also = list(keep.also)
    for cid in (other.check, *other.also):
        if cid != keep.check and cid not in also:
            also.append(cid)
    sev = max(keep.severity, other.severity)
    if sev == keep.severity and tuple(also) == keep.also:
        return keep
    return replace(keep, severity=sev, also=tuple(also))


def _same_term_problem(src: Finding, tgt: Finding) -> bool:
    """A source-side glossary finding and a target-side one about the same term: the
    target finding's fix is one of the forms the source finding asks for."""
    return (
        src.side == "source" and src.suggestion is None and src.check in _SOURCE_TERM_CHECKS
        and tgt.side == "target" and tgt.check in _TARGET_TERM_CHECKS
        and bool(tgt.suggestion) and f'"{tgt.suggestion}"' in src.message
        and src.form == tgt.form
    )


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per problem, among one unit's findings (in check order, which is the
    precedence: the earlier check is the more specific one, e.g. ``term`` before
    ``entity`` before ``spelling``). The later finding is dropped and its check named
    in the kept one's ``also`` (severity: the higher of the two) when

    - both flag the same span with the same fix ("gpu" -> "GPU" from term and entity);
    - the same check flags the same span twice without a fix (two glossary rows,
      'scale' and 'scaling', on one word);
    - two checks of how a target word is written (term, forbidden-term, variant,
      entity, spelling) flag the same span, whatever their fixes: one misspelt word;
    - a source-side glossary finding (term without an approved form in the target)
      and a target-side one whose fix is a form that finding asks for (the forbidden
      'spiegamento' -> 'implementazione' for 'deployment'): the target-side finding,
      which has the span and the fix, is kept.

    ``dedupe(dedupe(a) + b) == dedupe(a + b)``: the distributed engine relies on it."""
    if len(findings) < 2:
        return findings
    out: list[Finding | None] = []
    at: dict[tuple[object, ...], int] = {}
    sources: list[int] = []  # positions of source-side term findings still standing
    for f in findings:
        if f.end <= f.start:
            out.append(f)
            continue
        if f.suggestion is None:
            key: tuple[object, ...] = (f.form, f.side, f.start, f.end, None, f.check)
        else:
            key = (f.form, f.side, f.start, f.end, f.suggestion)
        i = at.get(key)
        if i is not None and out[i] is not None:
            out[i] = _merge(out[i], f)  # type: ignore[arg-type]
            continue
        wkey: tuple[object, ...] | None = None
        if f.check in _WORD_FORM_CHECKS and f.side == "target":
            wkey = ("word", f.form, f.start, f.end)
            i = at.get(wkey)
            if i is not None and out[i] is not None and out[i].check != f.check:  # type: ignore[union-attr]
                out[i] = _merge(out[i], f)  # type: ignore[arg-type]
                continue
        if f.side == "target" and f.suggestion and sources:
            hit = [k for k in sources if out[k] is not None and _same_term_problem(out[k], f)]  # type: ignore[arg-type]
            for k in hit:
                f = _merge(f, out[k])  # type: ignore[arg-type]
                out[k] = None
            if hit:
                sources = [k for k in sources if out[k] is not None]
        else:
            # a later source-side finding may already have its target-side partner
            if f.side == "source" and f.suggestion is None and f.check in _SOURCE_TERM_CHECKS:
                for k, g in enumerate(out):
                    if g is not None and _same_term_problem(f, g):
                        out[k] = _merge(g, f)
                        f = None  # type: ignore[assignment]
                        break
                if f is None:
                    continue
                sources.append(len(out))
        at[key] = len(out)
        if wkey is not None:
            at.setdefault(wkey, len(out))
        out.append(f)
    return [f for f in out if f is not None]


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
        from .status import NOT_TRANSLATED

        if "obsolete" in seg.flags:
            return True
        status = seg.status
        return (status in NOT_TRANSLATED and not self.include_untranslated) or (
            self.states is not None and (status or "translated") not in self.states)

    def document_units(self, segs: Iterable[Segment]) -> list[Segment]:
        """The units whole-document checks see: those not :meth:`skipped`, ICU
        messages with their syntax blanked (the same as :meth:`run` keeps)."""
        from .icu import masked, prepare

        out = []
        for s in segs:
            if self.skipped(s):
                continue
            p = prepare(s)
            out.append(masked(p) if p.branches else s)
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

        from .icu import masked as icu_masked
        from .icu import prepare as icu_prepare
        from .status import NOT_TRANSLATED

        from .plurals import exact_forms, singular_forms

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

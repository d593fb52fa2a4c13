"""Terminology checks: glossary terms, forbidden terms, spelling variants of names.

* ``term`` -- a glossary source term is in the source and no approved target form is in
  the target. The finding points at the best evidence: a near miss of an approved form (a case variant such as ``Openai``,
  or a fuzzy match such as ``Openbrai``, with its score and the approved form as
  suggestion), else the source term itself (its message names the forbidden form when
  the target has one: the target span is then ``forbidden-term``'s finding).
* ``forbidden-term`` -- a forbidden target form (or an inflection of it) is in the
  target; the suggestion is the entry's first approved form. Needs no source.

``variant`` (names spelled several ways in one document) is in :mod:`.variant`.

Options (``[checks.ID]`` in reviewer.toml): ``threshold`` (fuzzy similarity 0-100;
default per language for ``term``, 85 for ``variant``), ``min_length`` (``variant``:
shortest name compared fuzzily, default 5).
"""

from __future__ import annotations

from typing import Iterable, Sequence

from ..model import Finding, Segment, Severity
from ..terms import Entry, FormHit, TermMatch, near_miss, similarity, unit_glossary
from .base import Check, CheckContext

__all__ = ["TermCheck", "ForbiddenTermCheck", "CHECKS"]


def _q(forms: Sequence[str]) -> str:
    quoted = [f'"{f}"' for f in forms]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class TermCheck(Check):
    """A glossary source term whose approved translation is missing from the target."""

    id = "term"
    name = "Glossary term"
    category = "terminology"
    severity = Severity.MAJOR
    description = "A glossary term in the source is not translated with an approved form."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        g = unit_glossary(context.glossary, segment)
        if not g:
            return
        src_entries = g._source_entries(segment.source, context.source_lang)
        if not src_entries:
            return
        target = segment.target or ""
        tl = context.target_lang
        ok = g._approved(target, tl)
        if all(e in ok for e in src_entries):
            return  # every source term has its approved translation: nothing to explain
        thr = context.option("threshold", None)
        src = g.find_source_terms(segment.source, context.source_lang)
        hits = g.scan_target(target, tl)
        done: set[Entry] = set()
        for sm in src:
            e = sm.entry
            if e in ok or e in done:
                continue
            done.add(e)
            yield self._finding(sm, e, target, hits, tl, thr)

    def _finding(
        self, sm: TermMatch, e: Entry, target: str, hits: list[FormHit],
        lang: str | None, thr: float | None,
    ) -> Finding:
        approved = e.approved
        want = (
            f'"{e.source}" must stay as it is (do not translate)' if e.dnt
            else f'"{sm.text}" should be translated as {_q(approved)}'
        )
        for h in hits:
            if h.exact_case and e in h.form.forbidden:
                # the target span itself is forbidden-term's finding: point at the source
                return self.flag(
                    "source", sm.start, sm.end, sm.text,
                    f'Glossary: {want}; the target has the forbidden "{h.text}" instead.',
                )
        for h in hits:
            if not h.exact_case and e in h.form.approved:
                form = h.form.text
                score = similarity(h.text, form)
                return self.flag(
                    "target", h.start, h.end, h.text,
                    f'Glossary: {want}; "{h.text}" differs from "{form}" in case '
                    f"(similarity {score:.0f}).",
                    suggestion=form, score=score,
                )
        best: tuple[int, int, float, str] | None = None
        for form in approved:
            r = near_miss(target, form, lang, thr, e.is_case_sensitive(form))
            if r and (best is None or r[2] > best[2]):
                best = (r[0], r[1], r[2], form)
        if best is not None:
            s, end, score, form = best
            return self.flag(
                "target", s, end, target[s:end],
                f'Glossary: {want}; "{target[s:end]}" looks like a misspelling of "{form}" '
                f"(similarity {score:.0f}).",
                suggestion=form, score=score,
            )
        return self.flag(
            "source", sm.start, sm.end, sm.text,
            f"Glossary: {want}, but no approved form is in the target.",
        )


class ForbiddenTermCheck(Check):
    """A forbidden target form (or an inflection of it) in the target."""

    id = "forbidden-term"
    name = "Forbidden term"
    category = "terminology"
    severity = Severity.MAJOR
    needs_source = False
    description = "The target uses a term the glossary forbids."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        g = unit_glossary(context.glossary, segment)
        if not g:
            return
        target = segment.target or ""
        # plain (form, start, end, exact_case, inflected, compound) hits: no FormHit
        # objects, and nothing more to do for the many targets without a forbidden form
        raw = g._target_raw(target, context.target_lang)
        bad = [r for r in raw if r[3] and r[0].forbidden]
        if not bad:
            return
        spans = {(r[1], r[2]) for r in bad}
        good: dict[tuple[int, int], set[Entry]] = {}
        for r in raw:
            if r[3] and r[0].approved and (r[1], r[2]) in spans:
                good.setdefault((r[1], r[2]), set()).update(r[0].approved)
        flagged: list[tuple[int, int]] = []
        # (stable: the same order as sorting every hit and skipping the allowed ones)
        for f, start, end, _exact, inflected, _comp in sorted(bad, key=lambda r: (r[1], r[4], -r[2])):
            text = target[start:end]
            entries = [e for e, k in f.items if k == "forbidden"
                       and e not in good.get((start, end), ()) and text not in e.approved]
            if not entries or any(s < end and start < e for s, e in flagged):
                continue
            flagged.append((start, end))
            e = entries[0]
            form = f.text
            what = f'"{text}"' if not inflected else f'"{text}" (a form of "{form}")'
            yield self.flag(
                "target", start, end, text,
                f'{what} is a forbidden term; the glossary translates "{e.source}" as '
                f"{_q(e.approved)}.",
                suggestion=e.approved[0],
            )


CHECKS: list[type[Check]] = [TermCheck, ForbiddenTermCheck]

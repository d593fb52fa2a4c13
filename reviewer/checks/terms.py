"""Terminology checks: glossary terms, forbidden terms, spelling variants of names.

* ``term`` -- a glossary source term is in the source and no approved target form is in
  the target. The finding points at the best evidence: a near miss of an approved form (a case variant such as ``Openai``,
  or a fuzzy match such as ``Openbrai``, with its score and the approved form as
  suggestion), or the source term left untranslated in the target, else the source term
  itself. One finding per source span (two glossary rows on one span are one term), and
  none for an entry whose forbidden form the target has: that is ``forbidden-term``'s
  finding, on the target span.
* ``forbidden-term`` -- a forbidden target form (or an inflection of it) is in the
  target; the suggestion is the entry's first approved form. Needs no source.

``variant`` (names spelled several ways in one document) is in :mod:`.variant`.

Options (``[checks.ID]`` in reviewer.toml): ``threshold`` (fuzzy similarity 0-100;
default per language for ``term``, 85 for ``variant``), ``min_length`` (``variant``:
shortest name compared fuzzily, default 5).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Finding, Segment, Severity
from ..terms import Entry, Glossary, TermMatch, near_miss, similarity, unit_glossary
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
        src_entries = g.source_entries(segment.source, context.source_lang)
        if not src_entries:
            return
        target = segment.target or ""
        tl = context.target_lang
        # only the approved forms of the source's entries are looked for in the target
        ok = g.approved_among(target, tl, src_entries)
        if len(ok) == len(src_entries):
            return  # every source term has its approved translation: nothing to explain
        # entries whose forbidden form the target has: forbidden-term's finding (on the
        # target span, with the approved form as suggestion) says all there is to say
        forbidden = {e for f, _s, _e, exact, _i, _c in g.forbidden_hits(target, tl) if exact
                     for e in f.forbidden}
        thr = context.option("threshold", None)
        done: set[Entry] = set()
        for ms in _by_span(g.find_source_terms(segment.source, context.source_lang)):
            # one finding per source span: several rows on one span ("scale",
            # "scaling") are one term; any of them rendered as approved is enough
            if any(m.entry in ok for m in ms):
                done.update(m.entry for m in ms)
                continue
            todo = [m for m in ms if m.entry not in done]
            done.update(m.entry for m in ms)
            if not todo or any(m.entry in forbidden for m in ms):
                continue
            sm = min(todo, key=lambda m: m.inflected)  # the row written as the text is
            yield self._finding(sm, sm.entry, g, target, tl, thr)

    def _finding(
        self, sm: TermMatch, e: Entry, g: Glossary, target: str,
        lang: str | None, thr: float | None,
    ) -> Finding:
        approved = e.approved
        want = (
            f'"{e.source}" must stay as it is (do not translate)' if e.dnt
            else f'"{sm.text}" should be translated as {_q(approved)}'
        )
        if g.may_have_case_variant(e, lang):
            for h in g.scan_target(target, lang):
                if not h.exact_case and e in h.form.approved:
                    form = h.form.text
                    score = similarity(h.text, form)
                    return self.flag(
                        "target", h.start, h.end, h.text,
                        f'Glossary: {want}; "{h.text}" differs from "{form}" in case '
                        f"(similarity {score:.0f}).",
                        suggestion=form, score=score,
                    )
        if not e.dnt and sm.text.strip():
            kept = _kept(target, sm.text)
            if kept is not None:  # the source term left untranslated: point at it
                s, end = kept
                return self.flag(
                    "target", s, end, target[s:end],
                    f'Glossary: {want}; the target keeps the source term "{target[s:end]}".',
                    suggestion=approved[0],
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
        tl = context.target_lang
        # plain (form, start, end, exact_case, inflected, compound) hits of the forms
        # forbidden for some entry: no FormHit objects, and nothing more to do for the
        # many targets without one
        bad = [r for r in g.forbidden_hits(target, tl) if r[3]]
        if not bad:
            return
        if len(bad) > 1:
            bad.sort(key=_by_position)  # stable: ties keep the scan order
        flagged: list[tuple[int, int]] = []
        for f, start, end, _exact, inflected, _comp in bad:
            if flagged and any(s < end and start < e for s, e in flagged):
                continue
            text = target[start:end]
            # the first entry broken here: the span is not also one of its approved forms
            e = next((e for e, k in f.items if k == "forbidden" and text not in e.approved
                      and not g.approved_at(target, tl, e, start, end)), None)
            if e is None:
                continue
            flagged.append((start, end))
            what = f'"{text}"' if not inflected else f'"{text}" (a form of "{f.text}")'
            yield self.flag(
                "target", start, end, text, f"{what} is a forbidden term; {_translates(e)}",
                suggestion=e.approved[0],
            )


def _by_span(matches: list[TermMatch]) -> list[list[TermMatch]]:
    """Source matches grouped by span, in text order."""
    out: dict[tuple[int, int], list[TermMatch]] = {}
    for m in matches:
        out.setdefault((m.start, m.end), []).append(m)
    return list(out.values())


def _kept(target: str, term: str) -> tuple[int, int] | None:
    """The span of ``term`` as written (a whole word or words) in ``target``, or None."""
    p = target.find(term)
    while p >= 0:
        q = p + len(term)
        if (p == 0 or not target[p - 1].isalnum()) and (q >= len(target) or not target[q].isalnum()):
            return p, q
        p = target.find(term, p + 1)
    return None


def _by_position(r: tuple[object, int, int, bool, bool, bool]) -> tuple[int, bool, int]:
    """Sort key of forbidden hits: leftmost first, an exact form before an inflected
    one at the same start, then the longest."""
    return r[1], r[4], -r[2]


@lru_cache(maxsize=4096)
def _translates(e: Entry) -> str:
    """The end of a ``forbidden-term`` message for entry ``e``."""
    return f'the glossary translates "{e.source}" as {_q(e.approved)}.'


CHECKS: list[type[Check]] = [TermCheck, ForbiddenTermCheck]

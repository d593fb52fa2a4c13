"""One finding per problem among one unit's findings: :func:`dedupe` (a problem two
checks or two glossary rows flag once, the others named in ``also``) and
:func:`merge_forms` (a problem repeated on several plural forms or ICU branches)."""

from __future__ import annotations

from dataclasses import replace

from .model import Finding, Segment

__all__ = ["dedupe", "merge_forms"]


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
        prev = out[i] if i is not None else None
        if i is not None and prev is not None:
            out[i] = _merge(prev, f)
            continue
        wkey: tuple[object, ...] | None = None
        if f.check in _WORD_FORM_CHECKS and f.side == "target":
            wkey = ("word", f.form, f.start, f.end)
            i = at.get(wkey)
            prev = out[i] if i is not None else None
            if i is not None and prev is not None and prev.check != f.check:
                out[i] = _merge(prev, f)
                continue
        if f.side == "target" and f.suggestion and sources:
            hit = [(k, g) for k in sources if (g := out[k]) is not None and _same_term_problem(g, f)]
            for k, g in hit:
                f = _merge(f, g)
                out[k] = None
            if hit:
                sources = [k for k in sources if out[k] is not None]
        elif f.side == "source" and f.suggestion is None and f.check in _SOURCE_TERM_CHECKS:
            # a later source-side finding may already have its target-side partner
            partner = next((k for k, g in enumerate(out)
                            if g is not None and _same_term_problem(f, g)), None)
            if partner is not None:
                g = out[partner]
                assert g is not None
                out[partner] = _merge(g, f)
                continue
            sources.append(len(out))
        at[key] = len(out)
        if wkey is not None:
            at.setdefault(wkey, len(out))
        out.append(f)
    return [f for f in out if f is not None]

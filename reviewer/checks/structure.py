"""Checks on a unit's structure rather than its language: ``format`` (what the reader
could not read in the unit: malformed markup, an invalid workflow state, a duplicate
id) and ``icu`` (ICU MessageFormat structure, :class:`reviewer.icu.IcuCheck`)."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..icu import (KINDS, Complex, IcuError, Message, complexes, looks_icu, order_categories,
                   parse, plural_categories, common_categories, walk_args)
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext


class FormatCheck(Check):
    """Problems the file reader met in the unit (it read the rest of the file)."""

    id = "format"
    name = "Unit the reader could not read fully"
    category = "markup"
    severity = Severity.MAJOR
    needs_source = False
    needs_translation = False
    description = "Malformed units, invalid state values, duplicate ids, reported by the reader."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        for _line, message in segment.problems:
            yield self.flag("target", 0, 0, "", message)


_EXPLICIT = {"=0": "zero", "=1": "one", "=2": "two"}


class IcuCheck(Check):
    """Structure of ICU MessageFormat plural/select messages."""

    id = "icu"
    name = "ICU message structure"
    category = "markup"
    severity = Severity.MAJOR
    needs_translation = True
    description = ("Malformed ICU messages, missing 'other', translated keywords or "
                   "selectors, renamed arguments, plural branches against CLDR.")

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        src, tgt = segment.source or "", segment.target or ""
        if not (looks_icu(src) or looks_icu(tgt)):
            return
        s_msg: Message | None = None
        if src and not context.target_only:
            try:
                s_msg = parse(src)
            except IcuError:
                s_msg = None  # a malformed source is the author's; the target is judged
        try:
            t_msg = parse(tgt)
        except IcuError as e:
            end = min(len(tgt), e.pos + 1)
            yield self.flag("target", e.pos, end, tgt[e.pos:end],
                            f"The ICU message is malformed: {e.msg}.")
            return
        s_cx = {(p, c.name): c for p, c in complexes(s_msg)} if s_msg else {}
        t_cx = list(complexes(t_msg))
        t_keys = {(p, c.name) for p, c in t_cx}
        for path, c in t_cx:
            yield from self._branches(tgt, c, s_cx.get((path, c.name)), context)
        # source plural/select arguments missing or renamed in the target
        if s_msg is not None:
            t_simple = {n.name: n for n in walk_args(t_msg)}
            for (path, name), sc in s_cx.items():
                if (path, name) in t_keys:
                    continue
                arg = t_simple.get(name)
                if arg is not None and arg.type not in KINDS:
                    yield self.flag("target", arg.start, arg.end, arg.raw,
                                    f"The keyword {sc.kind!r} of argument {name!r} was translated "
                                    f"({arg.type!r}); ICU keywords must stay as in the source.",
                                    suggestion=None)
                elif not path:
                    others = [c for p, c in t_cx if not p and c.kind == sc.kind and (p, c.name) not in s_cx]
                    if others:
                        o = others[0]
                        yield self.flag("target", o.start + 1, o.start + 1 + len(o.name), o.name,
                                        f"The argument {name!r} was renamed to {o.name!r}; argument "
                                        "names must stay as in the source.", suggestion=name)

    def _branches(self, tgt: str, c: Complex, sc: Complex | None,
                  context: CheckContext) -> Iterator[Finding]:
        keys = [k for k, _b, _o in c.branches]
        if sc is not None and c.kind != sc.kind:
            yield self.flag("target", c.kind_start, c.kind_start + len(c.kind), c.kind,
                            f"The argument {c.name!r} is {sc.kind!r} in the source but {c.kind!r} here.",
                            suggestion=sc.kind)
        if "other" not in keys:
            yield self.flag("target", c.start, c.end, tgt[c.start:c.end],
                            f"The {c.kind} argument {c.name!r} has no 'other' branch, which ICU requires.")
        if c.kind in ("plural", "selectordinal"):
            allowed = plural_categories(context.target_lang, c.kind == "selectordinal")
            known = {"zero", "one", "two", "few", "many", "other"}
            for k, _b, at in c.branches:
                if not k.startswith("=") and k not in known:
                    yield self.flag("target", at, at + len(k), k,
                                    f"{k!r} is not a plural category (zero, one, two, few, many, "
                                    "other): a translated keyword?", severity=Severity.MAJOR)
                elif allowed is not None and not k.startswith("=") and k not in allowed:
                    yield self.flag("target", at, at + len(k), k,
                                    f"The {context.target_lang} language has no {k!r} plural form "
                                    f"(it uses {', '.join(order_categories(allowed))}): this branch is never used.",
                                    severity=Severity.MINOR)
            if allowed is not None and "other" in keys:
                covered = {k for k in keys} | {_EXPLICIT[k] for k in keys if k in _EXPLICIT}
                common = common_categories(context.target_lang, c.kind == "selectordinal") or allowed
                missing = [k for k in order_categories(allowed) if k not in covered and k in common]
                if missing:
                    yield self.flag("target", c.start, c.end, tgt[c.start:c.end],
                                    f"The {context.target_lang} language distinguishes "
                                    f"{', '.join(order_categories(allowed))}; this {c.kind} lacks "
                                    f"{', '.join(missing)} (those numbers get 'other').",
                                    severity=Severity.MINOR)
        elif sc is not None:
            s_keys = {k for k, _b, _o in sc.branches}
            for k, _b, at in c.branches:
                if k not in s_keys:
                    yield self.flag("target", at, at + len(k), k,
                                    f"The select key {k!r} is not one of the source's "
                                    f"({', '.join(sorted(s_keys))}): keys must not be translated.")


CHECKS = [FormatCheck, IcuCheck]


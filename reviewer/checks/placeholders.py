"""Placeholder check: variables of format strings must survive translation.

The syntaxes, their specifications and the cases they must and must not flag live
in the registry :mod:`reviewer.placeholders`: C/POSIX printf (positions, flags,
length modifiers, ``%<PRIuMAX>``), Python ``%(name)s`` and ``str.format``, ICU and
Java MessageFormat arguments, Qt ``%1``, .NET ``{0,-10:N2}``, Ruby ``%{name}``,
iOS ``%@``, shell ``$VAR``, project variables ``$name$`` / ``#name#`` / ``@name@``,
Jinja ``{{ }}`` / ``{% %}``, numbered tags ``<1></1>`` and command-line
metavariables ``<file>``.

Options: ``syntaxes`` (or the older ``styles``: family names ``printf``, ``qt``,
``brace``, ``icu``, ``shell``, ``tags``, ``ruby``, ``double-brace``, ``project``,
``metavar``) limits the syntaxes (``[check] placeholder-syntaxes`` in reviewer.toml
sets it for every file); ``printf`` = ``auto`` (default: only format strings),
``always`` or ``never``.

Findings: a placeholder missing from the target (side ``source``), one the target adds
(side ``target``; the suggestion is the source placeholder it probably replaces), and
unnumbered placeholders (``%s %d``, ``{}``) whose order the translation changed. Counts
matter: ``%s`` twice in the source needs ``%s`` twice in the target. ``%s %d`` and
``%2$d %1$s`` are the same placeholders. Metavariables are compared by count, since
translators may translate them (``<file>`` -> ``<Datei>``).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .. import placeholders as R
from ..model import Finding, Segment, Severity
from ..placeholders import Placeholder
from .base import Check, CheckContext

__all__ = ["PlaceholderCheck", "CHECKS", "STYLES", "extract_placeholders"]

#: The family names accepted by the ``styles`` option.
STYLES: tuple[str, ...] = tuple(R.FAMILIES)

_PRINTF_KINDS = frozenset({"c-printf", "objc", "printf-inttypes", "python-percent"})
_NUMBERABLE = frozenset({"c-printf", "objc", "printf-inttypes"})


def extract_placeholders(
    text: str,
    styles: Iterable[str] = STYLES,
    printf: bool = True,
    qt: bool = False,
) -> list[Placeholder]:
    """The placeholders of ``text`` in order (ICU sub-message ones marked ``branch``).

    ``styles`` are syntax or family names; ``printf`` enables the plain ``%`` forms
    (``%(name)s`` is always on with the ``printf`` family); ``qt`` enables ``%1``.
    """
    active = set(R.resolve_syntaxes(styles))
    if not printf:
        active -= {"c-printf", "objc"}
    if not qt:
        active.discard("qt")
    return R.extract(text, frozenset(active))


def _display(p: Placeholder) -> str:
    """How a placeholder is named in messages (an ICU argument gets its ``...}``)."""
    return p.text + ", ...}" if p.kind == "icu" and not p.text.endswith("}") else p.text


def _ordered(p: Placeholder) -> bool:
    """Whether the placeholder is filled by position (its order must be kept)."""
    if p.kind in ("c-printf", "objc"):
        return p.key != "%%" and "$" not in p.key
    if p.kind == "python-brace":
        return p.key == "{}" or p.key[1] in ":!"
    return False


class PlaceholderCheck(Check):
    """Placeholders of the source (printf, Python, brace, ICU, $VAR, numbered tags,
    Ruby, double-brace) must all be in the target, with none added and unnumbered
    ones in the source order."""

    id = "placeholder"
    name = "Placeholders"
    category = "accuracy"
    severity = Severity.MAJOR
    description = (
        "Variables of format strings (%s, %(name)s, {0}, {count, plural, ...}, $VAR, "
        "<1></1>, %{name}, {{name}}) missing from the translation, added to it or "
        "reordered where order matters."
    )

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Compare the placeholders of source and target."""
        src = segment.source
        tgt = segment.target or ""
        if src == tgt or not (R.has_trigger(src) or R.has_trigger(tgt)):
            return []
        active = _declared(context)
        mode = context.option("printf", "auto")
        if mode == "always":
            active = R.syntaxes_for(segment.flags | {"c-format"}, src, tgt, active)
        else:
            active = R.syntaxes_for(segment.flags, src, tgt, active)
        if mode == "never":
            active = active - {"c-printf", "objc"}
        sp = R.extract(src, active, tgt)
        tp = R.extract(tgt, active, src)
        if any(p.kind == "c-printf" for p in sp) and "%" in tgt:
            sp = [p for p in sp if not _qt_with_unit(p, tgt)]
        if len(sp) == len(tp) and all(a.key == b.key for a, b in zip(sp, tp)):
            return []  # the same placeholders in the same order
        if any(p.kind == "operators" for p in sp):
            sp, tp = _operators_as_quotes(src, tgt, sp, tp)
        ns, nt = R.numbered(sp), R.numbered(tp)
        if ns is not None and nt is not None and ns != nt:
            # %s %d <-> %2$d %1$s: compare argument positions and types
            sp = [p._replace(key=k) for p, k in zip(sp, R.canonical_keys(sp))]
            tp = [p._replace(key=k) for p, k in zip(tp, R.canonical_keys(tp))]
        return self._compare(src, tgt, sp, tp)

    def _compare(
        self, src: str, tgt: str, sp: list[Placeholder], tp: list[Placeholder]
    ) -> list[Finding]:
        findings: list[Finding] = []
        by_src: dict[str, list[Placeholder]] = {}
        by_tgt: dict[str, list[Placeholder]] = {}
        branch_keys: set[str] = set()
        sp, tp = _metavars_by_count(sp, tp)
        for p in sp:
            by_src.setdefault(p.key, []).append(p)
            if p.branch:
                branch_keys.add(p.key)
        for p in tp:
            by_tgt.setdefault(p.key, []).append(p)
            if p.branch:
                branch_keys.add(p.key)
        missing: list[Placeholder] = []
        extra: list[Placeholder] = []
        for key, ps in by_src.items():
            ts = by_tgt.get(key, [])
            if key in branch_keys:
                if not ts:
                    missing.append(ps[0])
            elif len(ps) > len(ts):
                missing.extend(ps[len(ts) :])
        for key, ts in by_tgt.items():
            ps = by_src.get(key, [])
            if key in branch_keys:
                if not ps:
                    extra.append(ts[0])
            elif len(ts) > len(ps):
                extra.extend(ts[len(ps) :])
        missing.sort()
        extra.sort()
        spare = list(missing)
        for p in missing:
            findings.append(
                self.flag(
                    "source",
                    p.start,
                    p.end,
                    p.text,
                    f"Placeholder {_display(p)} is missing from the translation",
                )
            )
        for p in extra:
            suggestion = None
            for i, q in enumerate(spare):
                if q.kind == p.kind or (q.kind in _PRINTF_KINDS and p.kind in _PRINTF_KINDS):
                    suggestion = q.text
                    del spare[i]
                    break
            msg = f"Placeholder {_display(p)} is not in the source text"
            if suggestion is not None:
                msg = (
                    f"Placeholder {_display(p)} is not in the source text "
                    f"(the source has {suggestion})"
                )
            findings.append(
                self.flag("target", p.start, p.end, p.text, msg, suggestion=suggestion)
            )
        # Order of unnumbered placeholders.
        for kind in ("c-printf", "python-brace"):
            so = [p for p in sp if p.kind == kind and _ordered(p)]
            to = [p for p in tp if p.kind == kind and _ordered(p)]
            if len(so) < 2 or len(so) != len(to):
                continue
            sk = [p.key for p in so]
            tk = [p.key for p in to]
            if sk == tk or sorted(sk) != sorted(tk):
                continue
            for a, b in zip(so, to):
                if a.key != b.key:
                    hint = "%1$s" if kind == "c-printf" else "{0}"
                    findings.append(
                        self.flag(
                            "target",
                            b.start,
                            b.end,
                            b.text,
                            f"Placeholder {b.text} is out of the source order "
                            f"(expected {a.text} here); unnumbered placeholders are "
                            f"filled in order, so reorder with positional ones like {hint}",
                            suggestion=a.text,
                        )
                    )
                    break
        return findings


_WIDTH_ONLY_RE = re.compile(r"%(\d+)[a-zA-Z]")


def _qt_with_unit(p: Placeholder, tgt: str) -> bool:
    """Whether the printf-looking ``%1s`` of the source is Qt's ``%1`` with a unit
    glued to it (``%1s`` for seconds) that the translation writes as ``%1 秒`` or
    ``%1 с``: a printf width with no flags is rare, the translation settles it."""
    m = _WIDTH_ONLY_RE.fullmatch(p.text)
    if m is None:
        return False
    return re.search(r"%" + m.group(1) + r"(?![\d$])(?!" + re.escape(p.text[-1]) + ")", tgt) is not None


def _declared(context: CheckContext) -> frozenset[str] | None:
    """The syntaxes the configuration declares (``syntaxes`` or ``styles``), or None."""
    opt: Any = context.option("syntaxes", None)
    if opt is None:
        opt = context.option("styles", None)
    if opt is None:
        return None
    if isinstance(opt, str):
        opt = opt.split(",")
    return R.resolve_syntaxes(opt)


_QUOTES = "«»“”„‚‘’「」『』‹›"


def _operators_as_quotes(
    src: str, tgt: str, sp: list[Placeholder], tp: list[Placeholder]
) -> tuple[list[Placeholder], list[Placeholder]]:
    """``<<Quit>>`` is ASCII for guillemets: a translation may use real quotation
    marks instead (``Next >>`` -> ``Suivant »``): the operators are left out when
    the target has quotation marks."""
    if any(q in tgt for q in _QUOTES):
        return ([p for p in sp if p.kind != "operators"],
                [p for p in tp if p.kind != "operators"])
    return sp, tp


def _metavars_by_count(
    sp: list[Placeholder], tp: list[Placeholder]
) -> tuple[list[Placeholder], list[Placeholder]]:
    """Metavariables compared by count: a translated ``<Datei>`` stands for
    ``<file>``; when the target has fewer, the source ones it does not write
    verbatim are the missing ones. A target with more is left alone."""
    sm = [p for p in sp if p.kind == "metavar"]
    tm = [p for p in tp if p.kind == "metavar"]
    if not sm and not tm:
        return sp, tp
    rest_s = [p for p in sp if p.kind != "metavar"]
    rest_t = [p for p in tp if p.kind != "metavar"]
    if len(tm) >= len(sm):
        return rest_s, rest_t
    verbatim = [p.text for p in tm]
    missing: list[Placeholder] = []
    for p in sm:
        if p.text in verbatim:
            verbatim.remove(p.text)
        else:
            missing.append(p)
    missing = missing[len(missing) - (len(sm) - len(tm)):] if len(missing) > len(sm) - len(tm) else missing
    return rest_s + missing, rest_t


CHECKS: list[type[Check]] = [PlaceholderCheck]

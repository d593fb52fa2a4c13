"""Placeholder check: variables of format strings must survive translation.

Syntaxes (``styles`` option, all active by default):

``printf``
    ``%s %d %5.2f %-10s %%``, positional ``%1$s``, Python ``%(name)s``. Plain ``%``
    forms are only looked for when the unit is a format string: a ``*-format`` flag
    (``c-format``, ``python-format``, ``php-format``...) or an unambiguous placeholder
    (``%s``, ``%d``, ``%1$s``, ``%.2f``) in the source or target. ``% `` followed by
    anything (``50 % di sconto``) is never a placeholder. ``%(name)s`` always counts.
``qt``
    ``%1``, ``%L1``: only for units flagged ``qt-format``/``kde-format``.
``brace``
    ``{name}``, ``{0}``, ``{}``, ``{name!r:>10}``.
``icu``
    ICU MessageFormat: ``{count, plural, one {# item} other {# items}}``. The argument
    (``{count, plural``) is the placeholder; the sub-messages are translatable text,
    searched for placeholders of their own, which only need to occur somewhere in
    the target (languages have different plural categories). Simple arguments
    ``{n, number}`` count too.
``shell``
    ``$VAR``, ``${VAR}``.
``tags``
    numbered tags ``<1></1>``, ``<0/>`` (i18next, react-intl).
``ruby``
    ``%{name}``, ``%<name>s``.
``double-brace``
    ``{{name}}`` (Jinja, Angular, Handlebars, Vue).

Findings: a placeholder missing from the target (side ``source``), one the target adds
(side ``target``; the suggestion is the source placeholder it probably replaces), and
unnumbered placeholders (``%s %d``, ``{}``) whose order the translation changed. Counts
matter: ``%s`` twice in the source needs ``%s`` twice in the target.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = ["PlaceholderCheck", "CHECKS", "STYLES", "extract_placeholders"]

STYLES: tuple[str, ...] = (
    "printf",
    "qt",
    "brace",
    "icu",
    "shell",
    "tags",
    "ruby",
    "double-brace",
)

_ALL_STYLES = frozenset(STYLES)

# Alternatives in priority order: at a given position the first that matches wins.
_PATTERNS: tuple[tuple[str, str, str], ...] = (
    # (group name, style, regex)
    ("dbrace", "double-brace", r"\{\{[^{}\n]{1,100}?\}\}"),
    ("ruby", "ruby", r"%\{[A-Za-z_]\w*\}|%<[A-Za-z_]\w*>[-+0#]*\d*(?:\.\d+)?[a-zA-Z]"),
    (
        "pynamed",
        "printf",
        r"%\([^()\s]{1,64}\)[-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]",
    ),
    (
        "printf",
        "printf",
        r"%%|%(?:[1-9]\d{0,2}\$)?[-+0#]*(?:\d+|\*(?:[1-9]\d?\$)?)?"
        r"(?:\.(?:\d+|\*(?:[1-9]\d?\$)?))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32|I)?"
        r"[diouxXeEfFgGaAcCsSpn@]",
    ),
    ("qt", "qt", r"%L?[1-9]\d?(?!\d)"),
    (
        "icuarg",
        "icu",
        r"\{\s*(?:[A-Za-z_]\w*|\d+)\s*,\s*(?:number|date|time|spellout|ordinal|duration)"
        r"\s*(?:,[^{}]*)?\}",
    ),
    (
        "brace",
        "brace",
        r"\{(?:[A-Za-z_][\w.\-]*(?:\[\w+\])?|\d{1,3})?(?:![rsa])?(?::[^{}\n]{0,30})?\}",
    ),
    ("shell", "shell", r"\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*"),
    ("tags", "tags", r"</?\d{1,3}>|<\d{1,3}\s*/>"),
)

# An unambiguous printf placeholder: proof that a unit is a format string.
_PRINTF_SURE_RE = re.compile(
    r"(?<![\d%])%(?:[1-9]\d{0,2}\$[-+0#]*\d*(?:\.\d+)?(?:l|ll|h|hh|z|j|t|L|q)?[a-zA-Z@]"
    r"|[-+0#]*\d*(?:\.\d+)?(?:l|ll|h|hh|z|j|t|L|q)?[sdiuf@])(?![A-Za-z])"
)
_ICU_HEAD_RE = re.compile(r"\{\s*([A-Za-z_]\w*|\d+)\s*,\s*(plural|selectordinal|select)\s*,")
_ICU_SELECTOR_RE = re.compile(r"\s*(?:offset\s*:\s*\d+\s*)?(?:=\d+|[^\s{}]+)\s*\{")
_BRACE_RE = re.compile(r"[{}]")
_WS_RE = re.compile(r"\s+")
# Cheap prefilter: no placeholder of any style can occur without one of these.
_TRIGGER_RE = re.compile(r"[%{$<]")

_PRINTF_FLAGS = frozenset(
    {
        "c-format",
        "objc-format",
        "python-format",
        "php-format",
        "perl-format",
        "sh-format",
        "gcc-internal-format",
        "gfc-internal-format",
        "boost-format",
        "lua-format",
        "awk-format",
        "java-printf-format",
        "object-pascal-format",
        "tcl-format",
        "ycp-format",
    }
)
_QT_FLAGS = frozenset({"qt-format", "kde-format", "qt-plural-format"})
_NO_PRINTF_FLAGS = frozenset({f"no-{f}" for f in _PRINTF_FLAGS})


class Placeholder(NamedTuple):
    """One placeholder found in a text: span, comparison key, kind, ICU-branch flag."""

    start: int
    end: int
    text: str
    key: str
    kind: str
    branch: bool


@lru_cache(maxsize=64)
def _combined(styles: frozenset[str], printf: bool, qt: bool) -> re.Pattern[str] | None:
    parts = []
    for group, style, rx in _PATTERNS:
        if style not in styles:
            continue
        if group == "printf" and not printf:
            continue
        if group == "qt" and not qt:
            continue
        parts.append(f"(?P<{group}>{rx})")
    return re.compile("|".join(parts)) if parts else None


def _match_brace(text: str, start: int, end: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``start``, or -1."""
    depth = 0
    for m in _BRACE_RE.finditer(text, start, end):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _scan_plain(
    text: str, lo: int, hi: int, rx: re.Pattern[str], branch: bool, out: list[Placeholder]
) -> None:
    # Jump from trigger character to trigger character (a fast scan) and try the
    # alternatives there: much faster than finditer over a large alternation.
    search = _TRIGGER_RE.search
    match = rx.match
    i = lo
    while True:
        t = search(text, i, hi)
        if t is None:
            break
        m = match(text, t.start(), hi)
        if m is None:
            i = t.start() + 1
            continue
        i = m.end()
        kind = m.lastgroup or ""
        s = m.group()
        if kind == "dbrace":
            key = "{{" + s[2:-2].strip() + "}}"
        elif kind == "icuarg":
            key = _WS_RE.sub("", s)
        elif kind == "tags":
            key = s.replace(" ", "")
        else:
            key = s
        out.append(Placeholder(m.start(), m.end(), s, key, kind, branch))


def _scan(
    text: str,
    lo: int,
    hi: int,
    rx: re.Pattern[str] | None,
    icu: bool,
    branch: bool,
    out: list[Placeholder],
) -> None:
    """Collect the placeholders of ``text[lo:hi]`` into ``out``, in text order."""
    pos = lo
    if icu:
        for h in _ICU_HEAD_RE.finditer(text, lo, hi):
            if h.start() < pos:
                continue  # inside a block already parsed
            close = _match_brace(text, h.start(), hi)
            if close < 0:
                continue
            if rx is not None:
                _scan_plain(text, pos, h.start(), rx, branch, out)
            head_end = h.end(2)
            out.append(
                Placeholder(
                    h.start(),
                    head_end,
                    text[h.start() : head_end],
                    "{%s, %s}" % (h.group(1), h.group(2)),
                    "icu",
                    branch,
                )
            )
            i = h.end()
            while i < close:
                sel = _ICU_SELECTOR_RE.match(text, i, close)
                if sel is None:
                    break
                open_ = sel.end() - 1
                end = _match_brace(text, open_, close)
                if end < 0:
                    break
                _scan(text, open_ + 1, end, rx, icu, True, out)
                i = end + 1
            pos = close + 1
    if rx is not None and pos < hi:
        _scan_plain(text, pos, hi, rx, branch, out)


def _extract(text: str, rx: re.Pattern[str] | None, icu: bool) -> list[Placeholder]:
    out: list[Placeholder] = []
    if not _TRIGGER_RE.search(text):
        return out
    _scan(text, 0, len(text), rx, icu and "," in text and "{" in text, False, out)
    return out


def extract_placeholders(
    text: str,
    styles: Iterable[str] = STYLES,
    printf: bool = True,
    qt: bool = False,
) -> list[Placeholder]:
    """The placeholders of ``text`` in order (ICU sub-message ones marked ``branch``).

    ``printf`` enables the plain ``%`` forms (``%(name)s`` is always on with the
    ``printf`` style); ``qt`` enables ``%1``.
    """
    st = styles if isinstance(styles, frozenset) else frozenset(styles)
    return _extract(text, _combined(st, printf, qt), "icu" in st)


def _is_format_string(segment: Segment, flags: frozenset[str]) -> bool:
    """Whether plain ``%`` placeholders are meaningful in this unit."""
    if flags:
        if flags & _NO_PRINTF_FLAGS:
            return False
        if flags & _PRINTF_FLAGS:
            return True
    src = segment.source or ""
    tgt = segment.target or ""
    return bool(
        ("%" in src and _PRINTF_SURE_RE.search(src))
        or ("%" in tgt and _PRINTF_SURE_RE.search(tgt))
    )


_PERCENT = frozenset({"printf", "pynamed"})


def _display(p: Placeholder) -> str:
    """How a placeholder is named in messages (an ICU argument gets its ``...}``)."""
    return p.text + ", ...}" if p.kind == "icu" else p.text


# Kinds whose placeholders are filled by position: their order must be kept.
def _ordered(p: Placeholder) -> bool:
    if p.kind == "printf":
        return p.key != "%%" and "$" not in p.key
    if p.kind == "brace":
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
        if src == tgt or not (_TRIGGER_RE.search(src) or _TRIGGER_RE.search(tgt)):
            return []
        styles_opt: Any = context.option("styles", None)
        styles = _ALL_STYLES if styles_opt is None else frozenset(styles_opt)
        flags = segment.flags
        mode = context.option("printf", "auto")
        if "printf" not in styles or mode == "never":
            printf = False
        elif mode == "always":
            printf = True
        else:
            printf = _is_format_string(segment, flags)
        qt = "qt" in styles and bool(flags & _QT_FLAGS)
        rx = _combined(styles, printf, qt)
        icu = "icu" in styles
        sp = _extract(src, rx, icu)
        tp = _extract(tgt, rx, icu)
        if len(sp) == len(tp) and all(a.key == b.key for a, b in zip(sp, tp)):
            return []  # the same placeholders in the same order
        return self._compare(src, tgt, sp, tp)

    def _compare(
        self, src: str, tgt: str, sp: list[Placeholder], tp: list[Placeholder]
    ) -> list[Finding]:
        findings: list[Finding] = []
        by_src: dict[str, list[Placeholder]] = {}
        by_tgt: dict[str, list[Placeholder]] = {}
        branch_keys: set[str] = set()
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
            ts = by_tgt.get(key, ())
            if key in branch_keys:
                if not ts:
                    missing.append(ps[0])
            elif len(ps) > len(ts):
                missing.extend(ps[len(ts) :])
        for key, ts in by_tgt.items():
            ps = by_src.get(key, ())
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
                if q.kind == p.kind or (q.kind in _PERCENT and p.kind in _PERCENT):
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
        for kind in ("printf", "brace"):
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
                    hint = "%1$s" if kind == "printf" else "{0}"
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


CHECKS: list[type[Check]] = [PlaceholderCheck]

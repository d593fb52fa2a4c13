"""Placeholders in a text, by the syntaxes of the registry (:mod:`.placeholder_syntaxes`:
every variable syntax of format strings the ``placeholder`` check knows, with its
specification, examples and the cases it must and must not flag; re-exported here).

Which syntaxes apply to a unit:

* **declared**: ``[check] placeholder-syntaxes = ["c-printf", "qt"]`` in reviewer.toml
  (syntax names or their family names, :data:`FAMILIES`), or the check's
  ``syntaxes`` / ``styles`` option: exactly those;
* **from the file**: a PO ``c-format`` / ``python-format`` / ``qt-format`` ... flag
  turns on the syntaxes that need to be declared (``%s`` is ambiguous in prose:
  ``50 %s`` is not a placeholder in French marketing copy); ``no-c-format`` turns
  them off. XLIFF inline codes are compared by the markup check;
* **inferred from the text** when the file says nothing (as after ``msgunfmt``): the
  ``flag`` syntaxes count when the source or target has an unambiguous one of them
  (``%1$s``, ``%d``, ``%<PRIuMAX>``, ``%@``; Qt's ``%1`` when no printf form is
  there); the other syntaxes are unambiguous and always on.

Equivalence: unnumbered printf placeholders are filled in order, so ``%s %d`` and
``%2$d %1$s`` are the same set (:func:`canonical_keys`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .placeholder_syntaxes import (
    ALL,
    PRINTF_BODY,
    FAMILIES,
    SYNTAXES,
    Syntax,
    by_name,
    resolve_syntaxes,
)

__all__ = [
    "Syntax", "SYNTAXES", "FAMILIES", "Placeholder", "extract", "resolve_syntaxes",
    "syntaxes_for", "canonical_keys", "by_name",
]


class Placeholder(NamedTuple):
    """One placeholder found in a text: span, comparison key, syntax, ICU-branch flag."""

    start: int
    end: int
    text: str
    key: str
    kind: str
    branch: bool


def _group(name: str) -> str:
    return name.replace("-", "_")


_KIND = {_group(s.name): s.name for s in SYNTAXES}


@lru_cache(maxsize=128)
def _combined(active: frozenset[str]) -> re.Pattern[str] | None:
    parts = [f"(?P<{_group(s.name)}>{s.pattern})" for s in SYNTAXES if s.name in active]
    return re.compile("|".join(parts)) if parts else None


# An unambiguous printf placeholder: proof that a unit is a format string.
_PRINTF_SURE_RE = re.compile(
    r"(?<![\d%])%(?:[1-9]\d{0,2}\$[-+0#']*\d*(?:\.\d+)?(?:l|ll|h|hh|z|j|t|L|q)?[a-zA-Z@]"
    r"|(?:l|ll|h|hh|z|j|t|L|q)?[sdiuf@]"
    # any conversion with flags, a width, a precision or a length modifier (%#x,
    # %-5.2f, %lu); a bare %e or %p may be strftime's
    r"|(?:[-+0#']+\d*(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:l|ll|h|hh|z|j|t|L|q)?[a-zA-Z]"
    r"|(?:l|ll|h|hh|z|j|t|L|q)[diouxXeEfgGc])(?![A-Za-z])"
    r"|%" + PRINTF_BODY + r"<PRI[diouxXb]\w*>"
)
_QT_SURE_RE = re.compile(r"(?<![\w%])%L?[1-9]\d?(?![\d$\w])")
_ICU_HEAD_RE = re.compile(r"\{\s*([A-Za-z_]\w*|\d+)\s*,\s*(plural|selectordinal|select)\s*,")
_ICU_SELECTOR_RE = re.compile(r"\s*(?:offset\s*:\s*\d+\s*)?(?:=\d+|[^\s{}]+)\s*\{")
_ICU_QUOTED_RE = re.compile(r"'[{}#|](?:[^']|'')*'")
_BRACE_RE = re.compile(r"[{}]")
_WS_RE = re.compile(r"\s+")
_TRIGGER_RE = re.compile(r"[%{$<>#@]")
_HTML_CLOSE_RE = re.compile(r"</\s*([A-Za-z][\w:.\-]*)")

_FORMAT_FLAGS = by_name("c-printf").flags | by_name("objc").flags
_NO_FORMAT_FLAGS = frozenset(f"no-{f}" for f in _FORMAT_FLAGS)
_QT_FLAGS = by_name("qt").flags


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


def _key(kind: str, s: str) -> str:
    if kind == "jinja":
        return s[:2] + _WS_RE.sub("", s[2:-2]) + s[-2:]
    if kind in ("icu", "java-messageformat", "numbered-tags", "dotnet"):
        return _WS_RE.sub("", s)
    return s


def _scan_plain(
    text: str, lo: int, hi: int, rx: re.Pattern[str], branch: bool, out: list[Placeholder],
    closed: frozenset[str],
) -> None:
    # Jump from trigger character to trigger character and try the alternatives there.
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
        kind = _KIND[m.lastgroup or ""]
        s = m.group()
        if kind == "metavar":
            name = s[1:-1].split()[0].split(".")[0].lower()
            if name in closed or (
                name in _UNCLOSED_MARKUP and not usage_context(text, m.start(), m.end())
            ):
                i = t.start() + 1
                continue  # markup, the markup check's business
        i = m.end()
        out.append(Placeholder(m.start(), m.end(), s, _key(kind, s), kind, branch))


def _scan(
    text: str, lo: int, hi: int, rx: re.Pattern[str] | None, icu: bool, branch: bool,
    out: list[Placeholder], closed: frozenset[str],
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
                _scan_plain(text, pos, h.start(), rx, branch, out, closed)
            head_end = h.end(2)
            out.append(Placeholder(h.start(), head_end, text[h.start():head_end],
                                   "{%s, %s}" % (h.group(1), h.group(2)), "icu", branch))
            i = h.end()
            while i < close:
                sel = _ICU_SELECTOR_RE.match(text, i, close)
                if sel is None:
                    break
                open_ = sel.end() - 1
                end = _match_brace(text, open_, close)
                if end < 0:
                    break
                _scan(text, open_ + 1, end, rx, icu, True, out, closed)
                i = end + 1
            pos = close + 1
    if rx is not None and pos < hi:
        _scan_plain(text, pos, hi, rx, branch, out, closed)


def extract(text: str, active: frozenset[str], also: str = "") -> list[Placeholder]:
    """The placeholders of ``text`` of the ``active`` syntaxes, in order (ICU
    sub-message ones marked ``branch``). In an ICU message (one with a plural or
    select), apostrophe-quoted text (``'{'``) is literal. A ``<name>`` closed by
    ``</name>`` in ``text`` or ``also`` (the other side) is markup, not a
    metavariable."""
    out: list[Placeholder] = []
    if not _TRIGGER_RE.search(text):
        return out
    icu = "icu" in active and "," in text and "{" in text
    scan = text
    if icu and "'" in text and _ICU_HEAD_RE.search(text):
        scan = _ICU_QUOTED_RE.sub(lambda m: " " * len(m.group()), text)
    closed: frozenset[str] = frozenset()
    if "metavar" in active and ("</" in text or "</" in also):
        closed = frozenset(m.group(1).lower() for m in _HTML_CLOSE_RE.finditer(text + also))
    _scan(scan, 0, len(scan), _combined(active), icu, False, out, closed)
    if scan is not text:
        out = [p._replace(text=text[p.start:p.end]) for p in out]
    return out


def syntaxes_for(
    flags: frozenset[str], source: str, target: str, declared: frozenset[str] | None = None
) -> frozenset[str]:
    """The syntaxes that apply to a unit: ``declared`` ones (all when ``None``), less
    the gated ones the unit's flags or texts do not call for."""
    active = ALL if declared is None else declared
    out = set(active)
    fmt = "c-printf" in active or "objc" in active
    if fmt:
        if flags & _NO_FORMAT_FLAGS:
            on = False
        elif flags & _FORMAT_FLAGS:
            on = True
        else:
            on = bool(("%" in source and _PRINTF_SURE_RE.search(source))
                      or ("%" in target and _PRINTF_SURE_RE.search(target)))
        if not on:
            out.discard("c-printf")
            out.discard("objc")
    if "qt" in active:
        if flags & _QT_FLAGS:
            pass
        elif "c-printf" in out or (flags & _FORMAT_FLAGS) or "%" not in source:
            out.discard("qt")
        elif not _QT_SURE_RE.search(source):
            out.discard("qt")
    return frozenset(out)


_UNNUMBERED = re.compile(r"%(?![1-9]\d{0,2}\$)")


def canonical_keys(ps: list[Placeholder]) -> list[str]:
    """Comparison keys with unnumbered printf placeholders numbered in order (``%s``
    first -> ``%1$s``), so that ``%s %d`` and ``%2$d %1$s`` agree. Only used when
    one side numbers its placeholders and the other does not."""
    out: list[str] = []
    n = 0
    for p in ps:
        if p.kind in ("c-printf", "objc", "printf-inttypes") and p.key != "%%":
            n += 1
            if _UNNUMBERED.match(p.key) and "*" not in p.key:
                out.append(f"%{n}${p.key[1:]}")
                continue
        out.append(p.key)
    return out


def numbered(ps: list[Placeholder]) -> bool | None:
    """True when every printf placeholder is numbered (``%1$s``), False when none is,
    None when there are none or they are mixed."""
    kinds = [("$" in p.key) for p in ps
             if p.kind in ("c-printf", "objc", "printf-inttypes") and p.key != "%%"]
    if not kinds:
        return None
    if all(kinds):
        return True
    if not any(kinds):
        return False
    return None


#: HTML elements (HTML Living Standard, plus obsolete ones still met in catalogs) and
#: the inline elements of XLIFF and TMX.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address area article aside audio b base bdi bdo big blink
    blockquote body br button canvas caption center cite code col colgroup data datalist
    dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font
    footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img
    input ins kbd label legend li link main map mark menu meta meter nav nobr noscript
    object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script section select small source span strike strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video
    wbr g x bx ex bpt ept ph it mrk pc sc ec""".split()
)

# HTML elements that are markup even unclosed: void elements and those whose end tag
# may be omitted (HTML Living Standard, 13.1.2 and 13.1.2.4). Any other ``<name>``
# closed by ``</name>`` on either side is markup too.
_UNCLOSED_MARKUP = frozenset(
    """area base br col embed hr img input link meta param source track wbr
    p li dt dd tr td th option optgroup colgroup thead tbody tfoot html head body rt rp
    """.split()
)


_BARE_TAG_RE = re.compile(r"<([^\W\d_][\w\-]*)(?:[ .][^\W\d_][\w\-]*){0,3}>")


def usage_context(text: str, start: int, end: int) -> bool:
    """Whether the bare ``<name>`` at ``text[start:end]`` sits in a usage string, where
    even an HTML name (``<head>``, ``<base>``, ``<source>``) is a metavariable:
    next to ``[ ] | = .`` or ``...`` (``[<head>...]``, ``url.<base>.insteadOf``,
    ``=<n>``), or beside another metavariable whose name is not HTML."""
    before = text[start - 1] if start else ""
    after = text[end : end + 3]
    if before in ("[", "|", "=", ".", ",", "(") or after[:1] in ("]", "|", ".", ",", ")", "…"):
        return True
    for m in _BARE_TAG_RE.finditer(text):
        if m.start() != start and m.group(1).lower() not in HTML_ELEMENTS:
            return True
    return False


def has_trigger(text: str) -> bool:
    """Whether ``text`` has a character any placeholder starts with (a cheap filter)."""
    return _TRIGGER_RE.search(text) is not None

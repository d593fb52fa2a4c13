"""The placeholder syntax registry: every variable syntax of format strings the
``placeholder`` check knows, with its specification, examples and the cases it must
and must not flag (``tests/test_placeholder_registry.py`` runs those tables).

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
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, NamedTuple

__all__ = [
    "Syntax", "SYNTAXES", "FAMILIES", "Placeholder", "extract", "resolve_syntaxes",
    "syntaxes_for", "canonical_keys", "by_name",
]


@dataclass(frozen=True)
class Syntax:
    """One placeholder syntax.

    ``pattern`` matches one placeholder; ``family`` is the name of the older
    ``styles`` option it belongs to; ``gate`` says when it is looked for:
    ``always``, ``format`` (only in format strings: a PO ``*-format`` flag or an
    unambiguous printf placeholder in the unit) or ``qt`` (a ``qt-format`` /
    ``kde-format`` flag, or Qt's ``%1`` in a unit with no printf form).
    ``must_flag`` / ``must_not_flag`` are ``(source, target)`` pairs.
    """

    name: str
    title: str
    spec: str
    family: str
    pattern: str
    examples: tuple[str, ...]
    must_flag: tuple[tuple[str, str], ...]
    must_not_flag: tuple[tuple[str, str], ...]
    gate: str = "always"
    flags: frozenset[str] = frozenset()


_PRINTF_BODY = (
    r"(?:[1-9]\d{0,2}\$)?[-+0#'I]*(?:\d+|\*(?:[1-9]\d?\$)?)?"
    r"(?:\.(?:\d+|\*(?:[1-9]\d?\$)?))?"
)

SYNTAXES: tuple[Syntax, ...] = (
    Syntax(
        "jinja", "Jinja / Django / Handlebars / Angular templates",
        "https://jinja.palletsprojects.com/en/stable/templates/", "double-brace",
        r"\{\{[^{}\n]{1,100}?\}\}|\{%-?[^{}%\n]{1,100}?-?%\}",
        ("{{ user.name }}", "{{count | number}}", "{% if admin %}", "{% endif %}"),
        (("Hi {{ user }}", "Ciao"), ("{% if x %}Yes{% endif %}", "Sì{% endif %}")),
        (("Hi {{ user }}", "Ciao {{user}}"), ("{% if x %}Yes{% endif %}", "{%if x%}Sì{% endif %}")),
    ),
    Syntax(
        "printf-inttypes", "C99 <inttypes.h> macros as gettext writes them",
        "https://www.gnu.org/software/gettext/manual/html_node/c_002dformat.html", "printf",
        r"%" + _PRINTF_BODY + r"<PRI[diouxXb](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>",
        ("%<PRIuMAX>", "%<PRId64>", "%5<PRIu32>"),
        (("Offset %<PRIuMAX>", "Offset %"), ("%<PRId64> bytes", "%d Bytes")),
        (("Offset %<PRIuMAX>", "Versatz %<PRIuMAX>"),),
    ),
    Syntax(
        "ruby", "Ruby format / Rails i18n interpolation",
        "https://guides.rubyonrails.org/i18n.html#passing-variables-to-translations", "ruby",
        r"%\{[A-Za-z_]\w*\}|%<[A-Za-z_]\w*>[-+0# ]*\d*(?:\.\d+)?[a-zA-Z]",
        ("%{name}", "%<count>d", "%<price>.2f"),
        (("Hi %{user}", "Ciao %{utente}"), ("%<n>d items", "elementi")),
        (("Hi %{user}, %{count} new", "%{count} nuovi, ciao %{user}"),),
    ),
    Syntax(
        "python-percent", "Python %-formatting with mapping keys",
        "https://docs.python.org/3/library/stdtypes.html#printf-style-string-formatting",
        "printf",
        r"(?<!%)%\([^()\s]{1,64}\)[-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]",
        ("%(name)s", "%(count)d", "%(price).2f"),
        (("Hello %(name)s", "Ciao %(nome)s"), ("%(count)d files", "file")),
        (("%(count)d of %(total)d", "%(total)d: %(count)d"), ("100% sure", "sicuro al 100%")),
    ),
    Syntax(
        "c-printf", "C / POSIX printf (gettext c-format, PHP, Perl, Android)",
        "https://pubs.opengroup.org/onlinepubs/9799919799/functions/printf.html", "printf",
        r"%%|%" + _PRINTF_BODY + r"(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?[diouxXeEfFgGaAcCsSpn]",
        ("%s", "%d", "%5.2f", "%-10s", "%1$s", "%2$d", "%'d", "%lu", "%zu", "%%"),
        (
            ("Delete %s?", "Eliminare?"), ("%1$s of %2$s", "%1$s di"),
            ("%'d files", "%d Dateien"), ("Width %5.2f cm", "Larghezza %.2f cm"),
        ),
        (
            ("%s has %d items", "%2$d Elemente hat %1$s"), ("%1$s of %2$s", "%2$s di %1$s"),
            ("50% off", "50 % di sconto"), ("Save %d%% now", "Risparmia il %d %% ora"),
        ),
        gate="format",
        flags=frozenset({
            "c-format", "objc-format", "python-format", "php-format", "perl-format",
            "gcc-internal-format", "gfc-internal-format", "boost-format", "lua-format",
            "awk-format", "java-printf-format", "object-pascal-format", "tcl-format",
            "ycp-format", "sh-printf-format",
        }),
    ),
    Syntax(
        "objc", "Objective-C / iOS object placeholders",
        "https://developer.apple.com/library/archive/documentation/Cocoa/Conceptual/Strings/"
        "Articles/formatSpecifiers.html", "printf",
        r"%(?:[1-9]\d{0,2}\$)?@",
        ("%@", "%1$@", "%2$@"),
        (("Delete %@?", "Supprimer ?"), ("%1$@ and %2$@", "%1$@ et")),
        (("%1$@ and %2$@", "%2$@ et %1$@"), ("Delete %@?", "Supprimer %@ ?")),
        gate="format",
        flags=frozenset({"objc-format", "c-format"}),
    ),
    Syntax(
        "qt", "Qt QString::arg and KDE i18n",
        "https://doc.qt.io/qt-6/qstring.html#arg", "qt",
        r"%L?[1-9]\d?(?!\d)",
        ("%1", "%2", "%L1", "%99"),
        (("Page %1 of %2", "Pagina %1"), ("%L1 files", "file")),
        (("Page %1 of %2", "Seite %1 von %2"), ("%1 of %2", "%2 %1")),
        gate="qt",
        flags=frozenset({"qt-format", "kde-format", "qt-plural-format", "kde-kuit-format"}),
    ),
    Syntax(
        "java-messageformat", "Java MessageFormat arguments",
        "https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/text/MessageFormat.html",
        "icu",
        r"\{\s*\d{1,3}\s*,\s*(?:number|date|time|choice)\s*(?:,[^{}]*)?\}",
        ("{0,number,integer}", "{1,date}", "{2,time,short}"),
        (("{0,number,integer} files", "Dateien"), ("On {1,date}", "Am {1}")),
        (("{0,number,integer} files", "{0,number,integer} Dateien"),),
    ),
    Syntax(
        "icu", "ICU MessageFormat arguments (plural/select heads and simple arguments)",
        "https://unicode-org.github.io/icu/userguide/format_parse/messages/", "icu",
        r"\{\s*(?:[A-Za-z_]\w*|\d+)\s*,\s*(?:number|date|time|spellout|ordinal|duration)"
        r"\s*(?:,[^{}]*)?\}",
        ("{count, number}", "{when, date, short}", "{n, plural, one {# item} other {# items}}"),
        (
            ("{0, number} files", "{1, number} file"),
            ("{count, plural, one {# file by {user}} other {# files by {user}}}",
             "{count, plural, one {# file} other {# file}}"),
        ),
        (
            ("{n, plural, one {# item} other {# items}}",
             "{n, plural, one {# elemento} many {# elementi} other {# elementi}}"),
            ("It''s '{'literal'}' {n, plural, other {# x}}", "È '{'letterale'}' {n, plural, other {# x}}"),
        ),
    ),
    Syntax(
        "dotnet", ".NET composite formatting",
        "https://learn.microsoft.com/en-us/dotnet/standard/base-types/composite-formatting",
        "brace",
        r"\{\d{1,3}\s*,\s*-?\d{1,4}(?::[^{}\n]{0,30})?\}",
        ("{0,-10:N2}", "{1,8}", "{0,12:C}"),
        (("Total {0,-10:N2}", "Gesamt"), ("{0,8} items", "{0} Elemente")),
        (("Total {0,-10:N2} of {1:C}", "{1:C}: insgesamt {0,-10:N2}"),),
    ),
    Syntax(
        "python-brace", "Python str.format / C# / i18next / Java {0}",
        "https://docs.python.org/3/library/string.html#format-string-syntax", "brace",
        r"\{(?:[A-Za-z_][\w.\-]*(?:\[\w+\])?|\d{1,3})?(?:![rsa])?(?::[^{}\n]{0,30})?\}",
        ("{}", "{0}", "{name}", "{name!r:>10}", "{user.email}"),
        (("Hello {name}", "Ciao {nome}"), ("Value {x!r:>10}", "Valore {x}")),
        (("{name} and {0}", "{0} e {name}"), ("A { alone", "Una { da sola")),
    ),
    Syntax(
        "project-vars", "Project variables ($name$, #name#, @name@)",
        "https://www.gnu.org/software/autoconf/manual/autoconf-2.72/html_node/"
        "Preset-Output-Variables.html", "project",
        r"\$[A-Za-z_][\w.\-]{0,40}\$|#[A-Za-z_][\w.\-]{0,40}#|@[A-Za-z_][\w.\-]{0,40}@",
        ("$file$", "#file#", "@VAR@", "@PACKAGE_NAME@"),
        (("Open $file$", "Öffnen"), ("Hello #name#", "Bonjour"), ("@PACKAGE@ version", "Version")),
        (("Open $file$", "$file$ öffnen"), ("Mail me at a@b.org", "Écrivez à a@b.org")),
    ),
    Syntax(
        "shell", "POSIX shell parameters",
        "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_06_02",
        "shell",
        r"\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*",
        ("$HOME", "${PATH}", "$USER"),
        (("Home: $HOME", "Home: $CASA"), ("Path ${PATH}", "Percorso")),
        (("Hello $USER", "Ciao $USER"), ("Price: $5", "Prezzo: 5 $")),
    ),
    Syntax(
        "numbered-tags", "Numbered tags (i18next Trans, react-intl)",
        "https://react.i18next.com/latest/trans-component", "tags",
        r"</?\d{1,3}>|<\d{1,3}\s*/>",
        ("<0>", "</0>", "<1/>"),
        (("<0>Click</0> here", "Clicca qui"),),
        (("<1>Click</1> here <0/>", "Clicca <1>qui</1><0/>"),),
    ),
    Syntax(
        "operators", "Shell and C operators kept literally (here-documents, shifts)",
        "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_07_04",
        "operator",
        r"<<-?|>>",
        ("<<", ">>", "<<-"),
        (("Use << to append", "Utilisez pour ajouter"), ("cat <<EOF", "cat EOF")),
        (
            ("Use << to append", "Utilisez << pour ajouter"),
            ("Press <<Quit>>", "Appuyez sur « Quitter »"), ("Next >>", "Suivant »"),
        ),
    ),
    Syntax(
        "metavar", "Command-line metavariables in usage strings",
        "https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/V1_chap12.html", "metavar",
        r"<[^\W\d_][\w\-]*(?:[ .][^\W\d_][\w\-]*){0,3}>",
        ("<n>", "<file>", "[<options>]", "<commit-ish>", "<dir>"),
        (("Show <n> lines", " Zeilen anzeigen"), ("usage: git add [<options>]", "Verwendung: git add")),
        (("Show <n> lines", "<n> Zeilen anzeigen"), ("Copy <file>", "<Datei> kopieren")),
    ),
)

#: The older ``styles`` option's names, each a family of syntaxes.
FAMILIES: dict[str, tuple[str, ...]] = {}
for _s in SYNTAXES:
    FAMILIES.setdefault(_s.family, ())
    FAMILIES[_s.family] += (_s.name,)

_BY_NAME = {s.name: s for s in SYNTAXES}
ALL = frozenset(_BY_NAME)


def by_name(name: str) -> Syntax:
    """The syntax called ``name``."""
    return _BY_NAME[name]


def resolve_syntaxes(names: Iterable[str]) -> frozenset[str]:
    """Syntax names from a list of syntax or family names (``printf`` = every printf
    syntax). Unknown names raise ``ValueError``."""
    out: set[str] = set()
    for n in names:
        n = str(n).strip()
        if n in _BY_NAME:
            out.add(n)
        elif n in FAMILIES:
            out.update(FAMILIES[n])
        elif n == "icu-argument":
            out.add("icu")
        else:
            raise ValueError(f"unknown placeholder syntax {n!r}")
    return frozenset(out)


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
    r"|%" + _PRINTF_BODY + r"<PRI[diouxXb]\w*>"
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

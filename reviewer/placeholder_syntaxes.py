"""The placeholder syntaxes the ``placeholder`` check knows, as data: each with its
specification, examples and the cases it must and must not flag
(``tests/test_placeholder_registry.py`` runs those tables), the families of the older
``styles`` option, and the resolution of names to syntaxes. How they are found in a
text is :mod:`reviewer.placeholders`, which re-exports all of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

__all__ = ["Syntax", "SYNTAXES", "FAMILIES", "ALL", "by_name", "resolve_syntaxes"]


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


PRINTF_BODY = (
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
        r"%" + PRINTF_BODY + r"<PRI[diouxXb](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>",
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
        r"%%|%" + PRINTF_BODY + r"(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?[diouxXeEfFgGaAcCsSpn]",
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

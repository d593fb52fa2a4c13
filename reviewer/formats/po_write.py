"""Writing a PO catalog back by splicing (see :mod:`reviewer.formats.po`): the
``msgstr`` lines of one entry found, its new forms wrapped the way GNU gettext wraps
them (the catalog's own width detected), a plural entry's unchanged forms kept as
they were, ``fuzzy`` cleared from a reviewed entry."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import polib

from ..errors import InputError
from ..model import Segment

__all__ = ["DEFAULT_WIDTH", "detect_width", "format_field"]

DEFAULT_WIDTH = 79  # GNU gettext's page width
_MSGSTR = re.compile(r"msgstr(\[\d+\])?\s")
_ALPHA_SYMBOLS = frozenset("<>*=#&@~^_`")
_ENTRY_START = re.compile(r"(#[.:,|]|msgctxt\b|msgid\b)")


def _entry_line(entry: polib.POEntry, lines: list[str]) -> int | None:
    """The 1-based first line of an entry; polib says 0 for the file's first entry."""
    if entry.linenum:
        return int(entry.linenum)
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#~"):
            s = s[2:].lstrip()
        if _ENTRY_START.match(s):
            return i + 1
    return None


def _plural_list(entry: polib.POEntry) -> tuple[str, ...]:
    forms = {int(k): v for k, v in entry.msgstr_plural.items()}
    if not forms:
        return ("", "")
    return tuple(forms.get(i, "") for i in range(max(forms) + 1))




def _old_forms(entry: polib.POEntry) -> list[tuple[str, str]]:
    if entry.msgstr_plural:
        return [(f"msgstr[{i}]", v) for i, v in enumerate(_plural_list(entry))]
    return [("msgstr", entry.msgstr or "")]


def _new_forms(entry: polib.POEntry, seg: Segment) -> list[tuple[str, str]]:
    """The ``(keyword, value)`` msgstr fields the changed segment asks for."""
    if entry.msgstr_plural or entry.msgid_plural:
        forms = list(seg.plural_targets) or list(_plural_list(entry))
        if seg.target is not None and not seg.plural_targets:
            forms[0] = seg.target
        return [(f"msgstr[{i}]", v) for i, v in enumerate(forms)]
    return [("msgstr", seg.target or "")]


_FORM_LINE = re.compile(r"msgstr\[([^\]]*)\]")


def _plural_edit(entry: polib.POEntry, forms: list[tuple[str, str]], block: list[str],
                 width: int, prefix: str, newline: str) -> list[str] | None:
    """The msgstr lines of a plural entry with only its changed forms rewritten: every
    unchanged form keeps its lines (and its index as written, e.g. ``msgstr[99999999]``),
    no empty form is added. None when the block cannot be matched to the parsed forms
    (the caller then rewrites all of them)."""
    if not entry.msgstr_plural:
        return None
    groups: list[tuple[str, list[str]]] = []  # (index as written, lines)
    for line in block:
        m = _FORM_LINE.match(_strip_obsolete(line))
        if m:
            groups.append((m.group(1), [line]))
        elif groups:
            groups[-1][1].append(line)
        else:
            return None
    keys = list(entry.msgstr_plural)
    if len(groups) != len(keys):
        return None
    new = {int(kw[7:-1]): v for kw, v in forms}
    out: list[str] = []
    for (written, glines), k in zip(groups, keys):
        old = entry.msgstr_plural[k]
        value = new.pop(int(k), old)
        if value == old:
            out += glines
        else:
            out += [ln + newline for ln in format_field(f"msgstr[{written}]", value, width, prefix)]
    for k in sorted(new):
        if new[k] and str(k) not in {g[0] for g in groups}:  # a form the file lacked
            out += [ln + newline for ln in format_field(f"msgstr[{k}]", new[k], width, prefix)]
    return out


def _clear_fuzzy(entry: polib.POEntry, lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """Edits removing ``fuzzy`` from the entry's ``#,`` flag lines (a line left with
    no flag is removed)."""
    start = (_entry_line(entry, [ln.rstrip("\r\n") for ln in lines]) or 1) - 1
    edits: list[tuple[int, int, list[str]]] = []
    i = start
    while i < len(lines) and lines[i].lstrip().startswith("#"):
        line = lines[i]
        if line.startswith("#,"):
            body = line[2:].rstrip("\r\n")
            flags = [f.strip() for f in body.split(",") if f.strip()]
            if "fuzzy" in flags:
                rest = [f for f in flags if f != "fuzzy"]
                eol = line[len(line.rstrip("\r\n")):]
                edits.append((i, i, ["#, " + ", ".join(rest) + eol] if rest else []))
        i += 1
    return edits


def _strip_obsolete(line: str) -> str:
    s = line.strip()
    if s.startswith("#~"):
        s = s[2:].lstrip()
    return s


def _msgstr_block(entry: polib.POEntry, lines: list[str], path: Path) -> tuple[int, int]:
    """0-based first and last line of an entry's msgstr fields (with continuations)."""
    start = int(entry.linenum or 0) or _entry_line(entry, lines) or 1
    i = start - 1
    while i < len(lines) and not _MSGSTR.match(_strip_obsolete(lines[i]) + " "):
        i += 1
    if i >= len(lines):
        raise InputError("entry has no msgstr line to replace", path, start)
    first = last = i
    j = i + 1
    while j < len(lines):
        s = _strip_obsolete(lines[j])
        if s.startswith('"') or _MSGSTR.match(s + " "):
            last = j
        elif s:
            break
        j += 1
    return first, last


def _line_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    return "\n"


def _columns(s: str) -> int:
    """Display width: wide/fullwidth characters count two columns, combining marks
    none."""
    if s.isascii():
        return len(s)
    n = 0
    for c in s:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


def detect_width(lines: list[str]) -> int:
    """The wrap width the catalog was written with, in columns per line.

    GNU gettext's 79 unless the soft-wrapped string lines (continued lines not ending
    in ``\\n``) say otherwise: longer ones mean a wider page, many lines all shorter
    (translate-toolkit wraps at 77, polib at 78) a narrower one. Long lines and no
    soft-wrapped one mean the catalog is not wrapped (0).
    """
    soft = count = longest = 0
    for a, b in zip(lines, lines[1:] + [""]):
        s = _strip_obsolete(a)
        if not (s.startswith('"') or s.startswith("msg")):
            continue
        n = _columns(a.rstrip("\r\n"))
        longest = max(longest, n)
        if (
            s.startswith('"')
            and s != '""'
            and not s.endswith('\\n"')
            and _strip_obsolete(b).startswith('"')
        ):
            soft = max(soft, n)
            count += 1
    if soft > DEFAULT_WIDTH + 1 or (count >= 20 and soft < DEFAULT_WIDTH - 1):
        return soft
    if not count and longest > DEFAULT_WIDTH + 20:
        return 0
    return DEFAULT_WIDTH


def format_field(keyword: str, value: str, width: int = DEFAULT_WIDTH, prefix: str = "") -> list[str]:
    """Lines (without line ends) of ``keyword "value"`` wrapped as GNU gettext does:
    one line when it fits and holds no inner newline, else ``keyword ""`` then one
    line per ``\\n``-ended piece, pieces broken after spaces to stay within ``width``
    columns (0 = no width limit)."""
    escaped = polib.escape(value)
    pieces = [polib.escape(p) for p in value.splitlines(keepends=True)] or [""]
    head = f'{prefix}{keyword} "'
    single = len(pieces) == 1 and (
        width <= 0 or _columns(head + escaped + '"') <= width
    )
    if single:
        return [f'{head}{escaped}"']
    out = [f'{prefix}{keyword} ""']
    for piece in pieces:
        out += [f'{prefix}"{chunk}"' for chunk in _wrap(piece, width - 2 - len(prefix))]
    return out


def _wrap(piece: str, room: int) -> list[str]:
    """Break one escaped piece into chunks of at most ``room`` columns at the line
    break opportunities gettext (Unicode UAX #14) uses most: after a run of spaces and
    after a hyphen inside a word. A word longer than ``room`` stays whole."""
    if room <= 0 or _columns(piece) <= room:
        return [piece]
    tokens = _break_tokens(piece)
    chunks: list[str] = []
    cur = ""
    for tok in tokens:
        if cur and _columns(cur + tok) > room:
            chunks.append(cur)
            cur = tok
        else:
            cur += tok
    if cur:
        chunks.append(cur)
    return chunks


def _break_tokens(piece: str) -> list[str]:
    """Split ``piece`` after each break opportunity: the end of a run of spaces, and
    a hyphen, slash or infix separator (``.,:;``) followed by a letter or symbol of
    the UAX #14 alphabetic class (not a digit, quote, bracket or backslash)."""
    tokens: list[str] = []
    start = 0
    for i in range(len(piece) - 1):
        c, nxt = piece[i], piece[i + 1]
        if c == " ":
            ok = nxt not in " ?!"
        elif c in "-.,:;/":
            ok = nxt.isalpha() or nxt in _ALPHA_SYMBOLS or nxt in "[("
        else:
            ok = c == "]" and nxt == "["
        if ok:
            tokens.append(piece[start : i + 1])
            start = i + 1
    tokens.append(piece[start:])
    return tokens

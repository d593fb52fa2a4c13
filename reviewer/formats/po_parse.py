"""A streaming PO parser that reads exactly what polib reads, several times faster.

polib (:func:`reviewer.formats.po.parse_catalog`) builds a full ``POFile`` of heavy
entry objects before the first unit can be checked; on large catalogs that costs more
time and memory than the checks. This module runs the same line-based state machine as
polib's ``_POFileParser`` (same symbols, transitions, entry boundaries, line numbers,
unescaping and header rules) but yields light :class:`RawEntry` records one at a time.

It parses only what the reference path accepts: any line or transition polib rejects,
and any string the reference's stricter string check rejects, raises
:class:`LeftToPolib` with the line. :mod:`reviewer.formats.po` then asks the reference parser, which reports the
same one-line error as before (or, for a file polib accepts after all, takes over from
the entry the fast parser had reached). ``tests/test_po_parse.py`` compares both parsers
on real catalogs and on generated ones.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

__all__ = ["LeftToPolib", "RawEntry", "iter_entries", "unescape", "parse_metadata"]

_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_QUOTED = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BOM = "\ufeff"

# polib's transitions: symbol -> states it may follow (next state = the symbol)
_ALL = frozenset(("st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"))
_FROM = {
    "gc": _ALL, "oc": _ALL, "fl": _ALL, "pc": _ALL, "pm": _ALL, "pp": _ALL,
    "ct": frozenset(("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx")),
    "mi": frozenset(("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx")),
    "mp": frozenset(("tc", "gc", "pc", "pm", "pp", "mi")),
    "ms": frozenset(("mi", "mp", "tc")),
    "mx": frozenset(("mi", "mx", "mp", "tc")),
    "mc": frozenset(("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc")),
}
_TC_FROM = frozenset(("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"))
_KEYWORDS = {"msgctxt": "ct", "msgid": "mi", "msgstr": "ms", "msgid_plural": "mp"}
_PREVIOUS = frozenset(("msgid_plural", "msgid", "msgctxt"))
_CLOSES = frozenset(("ms", "mx"))  # a new entry starts after these


class LeftToPolib(Exception):
    """The fast parser met something it leaves to the reference parser (at ``line``)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}")
        self.line = line


class RawEntry:
    """One catalog entry, with the fields the reader uses (polib's names)."""

    __slots__ = ("linenum", "msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural",
                 "flags", "tcomment", "comment", "obsolete", "msgstr_line", "msgid_line",
                 "msgstr_lines", "msgid_plural_line")

    def __init__(self, linenum: int) -> None:
        self.linenum = linenum
        self.msgctxt: str | None = None
        self.msgid = ""
        self.msgid_plural = ""
        self.msgstr = ""
        self.msgstr_plural: dict[int, str] = {}
        self.flags: list[str] = []
        self.tcomment = ""
        self.comment = ""
        self.obsolete = False
        self.msgstr_line: int | None = None  # the first msgstr line
        self.msgid_line: int | None = None  # the msgid line
        self.msgstr_lines: dict[int, int] = {}  # the line of each msgstr[n]
        self.msgid_plural_line: int | None = None


def unescape(s: str) -> str:
    """polib's unescaping of a PO string body."""
    if "\\" not in s:
        return s
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], s)


def _string(token: str, n: int) -> str:
    """The unescaped body of a quoted token; :class:`LeftToPolib` unless it is one
    well-formed string (the reference rejects both polib's unescaped quotes and unterminated
    strings)."""
    if "\\" not in token:
        if token[0] == '"' and token[-1] == '"' and len(token) > 1 and token.count('"') == 2:
            return token[1:-1]
        raise LeftToPolib(n)
    if _QUOTED.fullmatch(token) is None:
        raise LeftToPolib(n)
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], token[1:-1])


def _append(entry: RawEntry, field: str, plural_index: int, value: str) -> None:
    """Add a continuation line's string to the field it continues (previous-string
    continuations, ``pc``/``pm``/``pp``, are not kept)."""
    if field == "mi":
        entry.msgid += value
    elif field == "ms":
        entry.msgstr += value
    elif field == "mx":
        entry.msgstr_plural[plural_index] += value
    elif field == "ct":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif field == "mp":
        entry.msgid_plural += value


def _lines(text: str, chunk: int = 1 << 20) -> Iterator[str]:
    """``text.split("\n")``, a megabyte at a time: a million-entry catalog's four
    million lines are not all made at once, in one call that holds the interpreter (the
    review screen reads big catalogs in a thread while keys are handled)."""
    pos, n = 0, len(text)
    while pos + chunk < n:
        end = text.find("\n", pos + chunk)
        if end < 0:
            break
        yield from text[pos:end].split("\n")
        pos = end + 1
    yield from text[pos:].split("\n")


def iter_entries(text: str) -> Iterator[RawEntry]:
    """Yield the entries of decoded PO ``text`` in file order, the header included,
    exactly as polib's parser appends them. Raises :class:`LeftToPolib` at the first line
    the reference would reject (or that this parser does not take)."""
    if text.startswith(_BOM):
        text = text[1:]  # polib drops a BOM opening the first line
    return iter_line_entries(_lines(text))


def iter_line_entries(lines: Iterable[str]) -> Iterator[RawEntry]:
    """:func:`iter_entries` over the catalog's lines (each without its ``\n``, a
    ``\r`` before it allowed; no BOM): a catalog read from its file a block at a
    time parses as its whole text does."""
    state = "st"
    entry = RawEntry(0)
    last_hash = True  # the last non-blank line was a comment (polib: tokens[0][0] == '#')
    obsolete = False
    field = ""  # continuation target: 'ct', 'mi', 'mp', 'ms', 'mx', 'pc', 'pm', 'pp'
    plural_index = 0
    n = 0
    mc_from = _FROM["mc"]
    for raw in lines:
        n += 1
        line = raw.strip()
        if not line:
            continue
        if line[0] == '"':  # a continuation line (the commonest after msgid/msgstr)
            last_hash = False
            if state not in mc_from:
                raise LeftToPolib(n)
            if "\\" not in line and line[-1] == '"' and len(line) > 1 and line.count('"') == 2:
                value = line[1:-1]
            else:
                value = _string(line, n)
            _append(entry, field, plural_index, value)
            continue
        tokens = line.split(None, 2)
        head = tokens[0]
        last_hash = head[0] == "#"
        if head == "#~|":
            continue
        if head == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            head = tokens[0]
            last_hash = head[0] == "#"
            obsolete = True
        else:
            obsolete = False
        # keyword lines: msgid, msgstr, msgctxt, msgid_plural
        sym = _KEYWORDS.get(head) if len(tokens) > 1 else None
        if sym is not None:
            if state not in _FROM[sym]:
                raise LeftToPolib(n)
            tok = line[len(head):].lstrip()
            if "\\" not in tok and tok[0] == '"' and tok[-1] == '"' and len(tok) > 1 and tok.count('"') == 2:
                value = tok[1:-1]
            else:
                value = _string(tok, n)
            if state in _CLOSES and sym in ("ct", "mi"):
                yield entry
                entry = RawEntry(n)
            if sym == "mi":
                entry.obsolete = obsolete
                entry.msgid = value
                if entry.msgid_line is None:
                    entry.msgid_line = n
            elif sym == "ms":
                entry.msgstr = value
                entry.msgstr_line = n
            elif sym == "ct":
                entry.msgctxt = value
            else:
                entry.msgid_plural = value
                entry.msgid_plural_line = n
            state = field = sym
            continue
        c = line[0]
        if c == '"':
            if state not in _FROM["mc"]:
                raise LeftToPolib(n)
            _append(entry, field, plural_index, _string(line, n))  # an obsolete one
            continue
        if line[:7] == "msgstr[":
            if state not in _FROM["mx"]:
                raise LeftToPolib(n)
            idx = line[7:8]
            q = line.find('"')
            if not idx.isdigit() or idx not in "0123456789" or q < 0:
                raise LeftToPolib(n)
            if line[8:9] != "]" or line[9:q].strip():
                raise LeftToPolib(n)  # msgstr[10] and other forms: the reference decides
            plural_index = int(idx)
            entry.msgstr_plural[plural_index] = _string(line[q:].rstrip(), n)
            entry.msgstr_lines[plural_index] = n
            if entry.msgstr_line is None:
                entry.msgstr_line = n
            state = field = "mx"
            continue
        if c != "#":
            raise LeftToPolib(n)
        if head == "#:":
            if len(tokens) <= 1:
                continue
            sym = "oc"
        elif head == "#,":
            if len(tokens) <= 1:
                continue
            sym = "fl"
        elif head == "#" or head.startswith("##"):
            sym = "tc"
        elif head == "#.":
            if len(tokens) <= 1:
                continue
            sym = "gc"
        elif head == "#|":
            if len(tokens) <= 2 or tokens[1].startswith('"') or tokens[1] not in _PREVIOUS:
                raise LeftToPolib(n)  # continuations and errors of previous strings: rare
            sym = {"msgctxt": "pc", "msgid": "pm", "msgid_plural": "pp"}[tokens[1]]
            if state in _CLOSES:
                yield entry
                entry = RawEntry(n)
            state = field = sym
            continue
        else:
            raise LeftToPolib(n)
        if sym == "tc":
            if state == "st" or state == "he":
                state = "he"  # a header comment (before any entry): not kept
                continue
            if state not in _TC_FROM:
                raise LeftToPolib(n)
            if state in _CLOSES:
                yield entry
                entry = RawEntry(n)
            t = line.lstrip("#")
            if t.startswith(" "):
                t = t[1:]
            entry.tcomment = f"{entry.tcomment}\n{t}" if entry.tcomment else t
            state = "tc"
            continue
        if state in _CLOSES:
            yield entry
            entry = RawEntry(n)
        if sym == "fl":
            entry.flags += [f.strip() for f in line[3:].split(",")]
        elif sym == "gc":
            t = line[3:]
            entry.comment = f"{entry.comment}\n{t}" if entry.comment else t
        state = sym
    if not last_hash:
        yield entry


def parse_metadata(msgstr: str) -> dict[str, str]:
    """The header entry's ``Key: value`` lines as polib reads them."""
    meta: dict[str, str] = {}
    key = None
    for msg in msgstr.splitlines():
        try:
            key, val = msg.split(":", 1)
            meta[key] = val.strip()
        except ValueError:
            if key is not None:
                meta[key] += "\n" + msg.strip()
    return meta

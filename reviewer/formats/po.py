"""Gettext PO/POT catalogs, read with polib and written back by splicing.

Reading: the file is decoded first (BOM-aware UTF-8/16/32, else the charset the header
declares) and parsed from the decoded text with :func:`polib.pofile`; polib's syntax
errors become one-line :class:`InputError` messages with the line. Every entry but
the header becomes a :class:`Segment` (obsolete entries too, flagged ``obsolete``).

Writing: a polib round trip re-wraps and re-orders lines all over a real catalog, so
the writer rewrites only the ``msgstr`` lines of the changed entries, wrapped the way
GNU gettext wraps them (:mod:`.po_write`); every other byte stays as it was.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import polib

from ..errors import InputError
from ..model import Document, Segment
from .po_parse import LeftToPolib, RawEntry, iter_entries, iter_line_entries, parse_metadata
from .po_text import (
    _LINE_BREAKS,
    _decode,
    _encode,
    _read_bytes,
    _restore_entry,
    protect_line_breaks,
)
from .po_write import (
    _clear_fuzzy,
    _entry_line,
    _line_ending,
    _msgstr_block,
    _new_forms,
    _old_forms,
    _plural_edit,
    _plural_list,
    _strip_obsolete,
    detect_width,
    format_field,
)
from .base import (
    Format,
    ReadOptions,
    atomic_write_bytes,
    looks_binary,
    sniff_encoding,
)

_SYNTAX = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_IGNORE_COMMENT = re.compile(r"reviewer-ignore\s*:\s*([\w\-]+(?:\s*,\s*[\w\-]+)*)")
_GETTEXT_FLAG = re.compile(r"^(fuzzy|(no-)?wrap|(no-)?[\w+-]*-format|range:.*|obsolete)$")
_MSGSTR_AT = re.compile(r'msgstr(\[\d+\])?\s*"')
_MSGID_AT = re.compile(r'msgid\s*"')
_STRING_LINE = re.compile(r'\s*(?:#~\s*)?(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*(".*)')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


class PoFormat(Format):
    """Gettext PO and POT files."""

    name = "po"
    suffixes = (".po", ".pot")

    def sniff(self, head: bytes) -> bool:
        """PO files have ``msgid``/``msgstr`` lines near the top."""
        text = head.decode("utf-8", errors="ignore")
        return bool(re.search(r"^\s*msgid\s+\"", text, re.M)) and "msgstr" in text

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Parse the catalog at ``path`` into a document whose units stream (see
        :mod:`.po_parse`); catalogs the fast parser leaves to polib are read whole."""
        streamed = _streamed_units(path)
        if streamed is not None:  # a big UTF-8 catalog: never its whole text at once
            return catalog_document(path, options, *streamed)
        data = _read_bytes(path)
        text, _ = _decode(data, path)
        stream = _fast_units(text, path)
        segments: Iterable[Segment]
        if stream is not None:
            meta, segments = stream
        else:
            catalog = parse_catalog(text, path)
            lines = protect_line_breaks(text)[0].splitlines()
            meta = dict(catalog.metadata)
            segments = [_polib_segment(e, i, lines) for i, e in enumerate(catalog)]
        return catalog_document(path, options, meta, segments)

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Rewrite the ``msgstr`` lines of the changed entries; copy all else as is."""
        data = _read_bytes(path)
        if not changes:
            atomic_write_bytes(out, data)
            return
        text, encoding = _decode(data, path)
        catalog = parse_catalog(text, path)
        protected, restore = protect_line_breaks(text)
        lines = protected.splitlines(keepends=True)
        width = detect_width(lines)
        edits: list[tuple[int, int, list[str]]] = []
        for index, seg in changes.items():
            if not 0 <= index < len(catalog):
                raise InputError(f"no unit with index {index} to write", path)
            entry = catalog[index]
            if "fuzzy" in entry.flags and "fuzzy" not in seg.flags and not entry.obsolete:
                edits.extend(_clear_fuzzy(entry, lines))  # review export: entry reviewed
            forms = _new_forms(entry, seg)
            if forms == _old_forms(entry):
                continue
            first, last = _msgstr_block(entry, lines, path)
            newline = _line_ending(lines[first])
            prefix = "#~ " if lines[first].lstrip().startswith("#~") else ""
            w = 0 if "no-wrap" in entry.flags else width
            new = _plural_edit(entry, forms, lines[first: last + 1], w, prefix, newline)
            if new is None:
                new = []
                for keyword, value in forms:
                    new += [ln + newline for ln in format_field(keyword, value, w, prefix)]
            edits.append((first, last, new))
        if not edits:
            atomic_write_bytes(out, data)
            return
        for first, last, new in sorted(edits, reverse=True):
            lines[first : last + 1] = new
        result = "".join(lines)
        if restore:
            result = result.translate(restore)
        atomic_write_bytes(out, _encode(result, encoding))


# ------------------------------------------------------------------------- reading


def catalog_document(path: Path, options: ReadOptions, meta: Mapping[str, str],
                     segments: Iterable[Segment]) -> Document:
    """The document of a catalog whose header is ``meta``: its languages (the header's
    ``Language`` over the option) and the header, plural rule and POT flag as meta."""
    target = (meta.get("Language") or "").strip().replace("_", "-")
    return Document(
        path=str(path),
        format="po",
        source_lang=options.source_lang or "en",
        target_lang=target or options.target_lang,
        segments=segments,
        meta={
            "header": dict(meta),
            "plural_forms": meta.get("Plural-Forms"),
            "pot": Path(path).suffix.lower() == ".pot",
        },
    )


def _fast_units(text: str, path: Path) -> tuple[dict[str, str], Iterator[Segment]] | None:
    """``(metadata, unit stream)`` from the fast parser when the catalog starts with
    its header entry (as every gettext-made catalog does); None when it does not, or
    holds characters polib takes for line ends: the caller then reads it with polib.

    The stream checks as it goes: at a line the fast parser leaves to polib, polib
    parses the whole catalog and either raises its one-line error or, when it accepts
    the file, continues the stream from the next entry."""
    if _LINE_BREAKS.search(text):
        return None
    return _after_header(iter_entries(text), text, path)


#: Catalogs from this size on (bytes) are parsed from their file a block at a time
#: (:func:`_streamed_units`) rather than from their whole decoded text.
STREAM_BYTES = 4 << 20
_BLOCK = 1 << 20


def _streamed_units(path: Path) -> tuple[dict[str, str], Iterator[Segment]] | None:
    """:func:`_fast_units` for a big UTF-8 catalog, read from its file a block at a
    time (a million entries without the catalog's bytes and text in memory): one pass
    checks what the whole-text path checks first (no UTF-16/32, no NUL at the top,
    valid UTF-8, no character polib takes for a line end), the stream then parses
    line by line; errors and catalogs left to polib take the whole-text path (None
    here, or the text read again for polib's verdict)."""
    try:
        if Path(path).stat().st_size < STREAM_BYTES:
            return None
        with open(path, "rb") as f:
            top = f.read(8192)
            if sniff_encoding(top)[0] != "utf-8" or looks_binary(top):
                return None
            f.seek(0)
            decoder = codecs.getincrementaldecoder("utf-8")()
            carry = ""  # a CR at the end of a block: its LF may open the next one
            while True:
                block = f.read(_BLOCK)
                text = carry + decoder.decode(block, final=not block)
                carry = "\r" if block and text.endswith("\r") else ""
                if _LINE_BREAKS.search(text[:-1] if carry else text):
                    return None
                if not block:
                    break
    except (OSError, UnicodeDecodeError):
        return None
    return _after_header(iter_line_entries(_file_lines(path)), None, path)


def _after_header(entries: Iterator[RawEntry], text: str | None,
                  path: Path) -> tuple[dict[str, str], Iterator[Segment]] | None:
    """The catalog's metadata and the stream of its units, once its first entry is a
    header (an empty msgid, no context, not obsolete); None when it is not, or when
    the fast parser leaves the header to polib."""
    try:
        header = next(entries, None)
    except LeftToPolib:
        return None
    if header is None or header.obsolete or header.msgid or header.msgctxt is not None:
        return None
    return parse_metadata(header.msgstr), _stream(entries, text, path)


def _file_lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file (its BOM dropped), as ``text.split("\n")`` gives
    them, read a block at a time."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        tail = f.read(1)
        if tail == "\ufeff":
            tail = ""  # a second BOM: the whole-text path drops it too
        while True:
            block = f.read(_BLOCK)
            if not block:
                break
            parts = (tail + block).split("\n")
            tail = parts.pop()
            yield from parts
        yield tail


def _whole_text(path: Path) -> str:
    return _decode(_read_bytes(path), path)[0]


def _stream(entries: Iterator[RawEntry], text: str | None, path: Path) -> Iterator[Segment]:
    """Segments of the entries; ``text`` is the catalog's (None: read again from
    ``path`` when polib must judge it)."""
    index = 0
    last_id: str | None = None
    try:
        for e in entries:
            if not e.msgid and not e.obsolete and not e.msgctxt:
                # a syntax error anywhere comes first
                parse_catalog(text if text is not None else _whole_text(path), path)
                raise InputError(
                    'PO syntax error: a second header entry (msgid ""); '
                    "gettext rejects duplicate messages", path, e.linenum)
            seg = entry_segment(e, index, e.linenum, source_line=e.msgid_line)
            last_id = seg.id
            yield seg
            index += 1
    except LeftToPolib as odd:
        if text is None:
            text = _whole_text(path)
        catalog = parse_catalog(text, path)  # raises the reference error, if any
        if index and (index > len(catalog) or entry_id(catalog[index - 1]) != last_id):
            raise InputError("PO syntax error", path, odd.line) from None
        lines = protect_line_breaks(text)[0].splitlines()
        for i in range(index, len(catalog)):
            yield _polib_segment(catalog[i], i, lines)


def _polib_segment(entry: polib.POEntry, index: int, lines: list[str]) -> Segment:
    """A polib entry as a segment, with its first and its msgstr line."""
    first = _entry_line(entry, lines)
    msgid = msgstr = plural = None
    forms: dict[int, int] = {}
    if first is not None:
        for n in range(first - 1, len(lines)):
            line = _strip_obsolete(lines[n])
            if msgstr is not None:  # after msgstr[0]: the other forms, their continuations
                m = _MSGSTR_AT.match(line)
                if m and m.group(1):
                    forms[int(m.group(1)[1:-1])] = n + 1
                    continue
                if line.startswith('"'):
                    continue
                break
            if msgid is None and _MSGID_AT.match(line):
                msgid = n + 1
            elif plural is None and line.startswith("msgid_plural"):
                plural = n + 1
            m = _MSGSTR_AT.match(line)
            if m:
                msgstr = n + 1
                if not m.group(1):
                    break
                forms[int(m.group(1)[1:-1])] = n + 1
    seg = entry_segment(entry, index, first, msgstr, msgid)
    if seg.plural_targets and forms:
        k = len(seg.plural_targets)
        lines_of = tuple(forms[i] for i in range(k)) if all(i in forms for i in range(k)) else ()
        seg = replace(seg, form_lines=lines_of, plural_source_line=plural)
    return seg


def parse_catalog(text: str, path: str | Path) -> polib.POFile:
    """Parse decoded PO text with polib, turning its errors into :class:`InputError`.

    Strings may hold characters ``str.splitlines`` breaks at (U+2028, ``\x0c``, a
    lone ``\r``, ...): they are hidden from polib and put back in the entries."""
    text, back = protect_line_breaks(text)
    if "\n" not in text:
        text += "\n"  # never mistaken by polib for a file name
    try:
        catalog = polib.pofile(text, encoding="utf-8")
    except (OSError, ValueError, KeyError, IndexError) as e:
        msg = str(e)
        m = _SYNTAX.search(msg)
        if m is None:
            raise InputError(f"PO syntax error: {msg}", path) from None
        detail = (m.group(2) or "").strip()
        return_msg = "PO syntax error" + (f": {detail}" if detail else "")
        raise InputError(return_msg, path, int(m.group(1))) from None
    _check_strings(text, path)
    if back:
        for entry in catalog:
            _restore_entry(entry, back)
        header = catalog.header
        if isinstance(header, str):
            catalog.header = header.translate(back)
        for key in list(catalog.metadata):
            catalog.metadata[key] = catalog.metadata[key].translate(back)
    return catalog


def _check_strings(text: str, path: str | Path) -> None:
    """Reject an unterminated or garbled string, which polib would accept silently."""
    for n, line in enumerate(text.splitlines(), 1):
        m = _STRING_LINE.match(line)
        if m and not _QUOTED.fullmatch(m.group(1).rstrip()):
            raise InputError("PO syntax error: unterminated or malformed string", path, n)


def entry_id(entry: polib.POEntry) -> str:
    """The unit id of interfaces.md: msgid, prefixed by msgctxt + U+0004."""
    if entry.msgctxt is not None:
        return f"{entry.msgctxt}\u0004{entry.msgid}"
    return entry.msgid


def parse_ignore(flags: Iterable[str], comments: Iterable[str]) -> frozenset[str]:
    """Check ids a unit asks to skip: flags ``reviewer-ignore-ID`` or
    ``reviewer-ignore: ID, ID`` (the ids may continue as further flags on the line),
    or a comment ``reviewer-ignore: ID, ID``. A bare ``reviewer-ignore`` gives ``*``."""
    out: set[str] = set()
    in_list = False
    for flag in flags:
        f = flag.strip()
        if f == "reviewer-ignore":
            out.add("*")
            in_list = False
        elif f.startswith("reviewer-ignore:"):
            out.update(x.strip() for x in f[16:].split(",") if x.strip())
            in_list = True
        elif f.startswith("reviewer-ignore-"):
            out.add(f[16:])
            in_list = False
        elif in_list and re.fullmatch(r"[a-z][a-z0-9-]*", f) and not _GETTEXT_FLAG.match(f):
            out.add(f)
        else:
            in_list = False
    for comment in comments:
        for m in _IGNORE_COMMENT.finditer(comment or ""):
            out.update(x.strip() for x in m.group(1).split(",") if x.strip())
    return frozenset(out)


_NO_IGNORE: frozenset[str] = frozenset()
_NO_FLAGS: frozenset[str] = frozenset()
_OBSOLETE = frozenset({"obsolete"})
_IGNORE_ALL = frozenset({"all"})
#: entries that hold translator names, not text to check (GNOME, KDE conventions)
_CREDITS = frozenset({"translator-credits", "translator_credits", "TRANSLATOR-CREDITS",
                      "Your names", "Your emails", "NAME OF TRANSLATORS", "EMAIL OF TRANSLATORS"})


def entry_segment(entry: polib.POEntry | RawEntry, index: int, line: int | None,
                  msgstr_line: int | None = None, source_line: int | None = None) -> Segment:
    """One catalog entry (polib's or the fast parser's) as a :class:`Segment`;
    ``msgstr_line`` (the fast parser knows it) is where the translation is,
    ``source_line`` where its msgid is (``line``: where the entry starts)."""
    raw_flags = entry.flags
    tcomment, comment = entry.tcomment, entry.comment
    if raw_flags:
        flags = {f.strip() for f in raw_flags if f.strip()}
        if entry.obsolete:
            flags.add("obsolete")
        frozen = frozenset(flags)
    else:
        frozen = _OBSOLETE if entry.obsolete else _NO_FLAGS
    notes = tuple(c for c in (tcomment, comment) if c) if tcomment or comment else ()
    if ("reviewer-ignore" in tcomment or "reviewer-ignore" in comment
            or (raw_flags and any("reviewer-ignore" in f for f in raw_flags))):
        ignore = parse_ignore(raw_flags, (tcomment, comment))
    else:
        ignore = _NO_IGNORE
    plural_source: str | None = None
    plural_targets: tuple[str, ...] = ()
    target = entry.msgstr or ""
    if entry.msgid_plural or entry.msgstr_plural:
        plural_source = entry.msgid_plural or entry.msgid
        plural_targets = _plural_list(entry)
        target = plural_targets[0] if plural_targets else ""
    ctx = entry.msgctxt
    lines = _form_lines(entry, len(plural_targets)) if plural_targets else ()
    # positional (in Segment's field order): a keyword call costs a fifth more, and
    # this runs once per unit of every catalog
    return Segment(
        entry.msgid if ctx is None else f"{ctx}\u0004{entry.msgid}",  # id, as entry_id
        index, entry.msgid, target, line,
        (), (), None,  # no inline codes, no reference
        notes, "fuzzy" if "fuzzy" in frozen else None, frozen,
        plural_source, plural_targets,
        None, _IGNORE_ALL if entry.msgid in _CREDITS else ignore, (), ctx,
        # status: fuzzy, untranslated (no form translated) or translated
        "fuzzy" if "fuzzy" in frozen else (
            "translated" if target or any(plural_targets) else "untranslated"),
        (), (),  # problems, branches
        msgstr_line or getattr(entry, "msgstr_line", None),  # target_line
        source_line or getattr(entry, "msgid_line", None),  # source_line
        lines,
        getattr(entry, "msgid_plural_line", None) if lines else None,
    )


def _form_lines(entry: polib.POEntry | RawEntry, k: int) -> tuple[int, ...]:
    """The line of each of the ``k`` forms' ``msgstr[n]`` (the fast parser records them;
    for polib's entries :func:`_polib_segment` finds them); empty when one is missing:
    findings then point at the first msgstr."""
    lines = getattr(entry, "msgstr_lines", None)
    if not lines or not all(i in lines for i in range(k)):
        return ()
    return tuple(lines[i] for i in range(k))

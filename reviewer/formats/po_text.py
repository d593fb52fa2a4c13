"""A PO catalog's bytes as text and back: decoded BOM-aware, else in the charset its
header declares, encoded again to the same bytes; and the characters polib would
take for line ends protected while it parses."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import polib

from ..errors import InputError
from .base import decode_text, looks_binary, read_error, sniff_encoding

__all__ = ["protect_line_breaks"]

_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)")


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise read_error(e, path) from None


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode catalog bytes; return ``(text, encoding)`` (encoding includes the BOM
    choice so :func:`_encode` gives the same bytes back)."""
    enc, bom = sniff_encoding(data)
    try:
        text = decode_text(data, path)
    except InputError:
        # A legacy catalog in the charset its header declares (e.g. ISO-8859-1).
        m = _CHARSET.search(data[:8192])
        declared = m.group(1).decode("ascii").lower() if m else ""
        if bom or looks_binary(data) or not declared or _is_utf8(declared):
            raise
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            raise InputError(
                f"cannot decode the catalog as its declared charset {declared!r}", path
            ) from None
    return text, (enc + "-bom" if bom else enc)


def _is_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:
        return False


def _encode(text: str, encoding: str) -> bytes:
    if encoding.endswith("-bom"):
        enc = encoding[:-4]
        bom = {
            "utf-8": codecs.BOM_UTF8,
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[enc]
        return bom + text.encode(enc)
    return text.encode(encoding)


#: Characters ``str.splitlines`` breaks lines at besides ``\n`` and ``\r\n``: polib
#: splits a catalog with it, so a string holding one (which msgfmt accepts) would read
#: as a broken line. A lone ``\r`` is one too.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|\r(?!\n)")
_BREAK_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"


def protect_line_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with the characters polib would take for line ends (see
    ``_LINE_BREAKS``) replaced by stand-ins that occur nowhere in it (Unicode
    noncharacters, else supplementary private-use characters), and the
    :meth:`str.translate` table putting them back (None when nothing was replaced)."""
    if not _LINE_BREAKS.search(text):
        return text, None
    pool = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(c) for c in range(0xF0000, 0xF0400)]
    stand_ins = iter(c for c in pool if c not in text)
    to: dict[str, str] = {}
    for ch in _BREAK_CHARS:
        to[ch] = next(stand_ins)

    def sub(m: re.Match[str]) -> str:
        return to[m.group()]

    back = {ord(v): k for k, v in to.items()}
    return _LINE_BREAKS.sub(sub, text), back


def _restore_entry(entry: polib.POEntry, back: dict[int, str]) -> None:
    """Put the protected characters back into every text field of a parsed entry."""
    for name in ("msgid", "msgstr", "msgid_plural", "msgctxt", "tcomment", "comment",
                 "previous_msgid", "previous_msgid_plural", "previous_msgctxt"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            setattr(entry, name, value.translate(back))
    if entry.msgstr_plural:
        entry.msgstr_plural = {k: v.translate(back) for k, v in entry.msgstr_plural.items()}
    entry.flags = [f.translate(back) for f in entry.flags]
    entry.occurrences = [
        (a.translate(back), b.translate(back) if isinstance(b, str) else b)
        for a, b in entry.occurrences
    ]

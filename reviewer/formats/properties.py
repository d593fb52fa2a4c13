"""Java ``.properties`` resource bundles.

Logical lines (a trailing backslash continues a line), ``#``/``!`` comments (those just
above a key are its note), ``key=value``, ``key: value`` or ``key value``, escapes
``\\uXXXX``, ``\\t``, ``\\n``, ``\\\\``. Read as UTF-8 (Java 9+); a file that is not
valid UTF-8 is read as ISO-8859-1 (the classic encoding) and written back in it, with
characters outside it as ``\\uXXXX``. ``Foo_de.properties`` is paired with
``Foo.properties`` (or ``Foo_en.properties``).
"""

from __future__ import annotations

import re
from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed

#: the "BOM" :meth:`PropertiesFormat.load` returns for a file read as ISO-8859-1
LATIN1 = b"iso-8859-1"
_ESC = re.compile(r"\\(u[0-9a-fA-F]{4}|\r\n[ \t\f]*|\n[ \t\f]*|\r[ \t\f]*|.)", re.S)
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_KEY_END = re.compile(r"(?:\\.|[^\s=:\\])*", re.S)


def _unescape(s: str) -> str:
    def sub(m: re.Match[str]) -> str:
        c = m.group(1)
        if c[0] in "\r\n":
            return ""  # a line continuation
        if len(c) == 5 and c[0] == "u":
            return chr(int(c[1:], 16))
        return _SIMPLE.get(c, c)

    return _ESC.sub(sub, s)


class PropertiesFormat(KeyedFormat):
    """Java ``.properties``."""

    name = "properties"
    suffixes = (".properties",)
    empty_is_untranslated = True

    def load(self, path: Path) -> tuple[str, bytes]:
        data = path.read_bytes()
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        try:
            return data[len(bom):].decode("utf-8"), bom
        except UnicodeDecodeError:
            return data.decode("iso-8859-1"), LATIN1

    def dump(self, text: str, bom: bytes) -> bytes:
        if bom == LATIN1:
            # the classic encoding: characters outside it as \\uXXXX (UTF-16 units)
            return "".join(c if ord(c) < 0x100 else "".join(f"\\u{u:04x}" for u in _utf16(c))
                           for c in text).encode("iso-8859-1")
        return bom + text.encode("utf-8")

    def parse(self, text: str, path: Path) -> Parsed:
        out: list[Entry] = []
        pos, line_no = 0, 1
        note: list[str] = []
        for m in re.finditer(r"(?:[^\r\n\\]|\\(?:\r\n|[\s\S]))*(?:\r\n|\n|\r|$)", text):
            raw = m.group()
            if not raw and m.start() >= len(text):
                break
            start_line = line_no
            line_no += len(re.findall(r"\r\n|\n|\r", raw))
            body = raw.rstrip("\r\n")
            stripped = body.lstrip(" \t\f")
            if not stripped:
                note = []
                continue
            if stripped[0] in "#!":
                note.append(stripped[1:].strip())
                continue
            ks = m.start() + (len(body) - len(stripped))
            km = _KEY_END.match(text, ks)
            assert km is not None
            j = km.end()
            end = m.start() + len(body)
            sep = re.compile(r"[ \t\f]*[=:]?[ \t\f]*").match(text, j, end)
            vs = sep.end() if sep else j
            key = _unescape(km.group())
            out.append(Entry(key, _unescape(text[vs:end]), vs, end, start_line,
                             notes=(" ".join(note),) if note else ()))
            note = []
        return Parsed(out)

    def encode(self, value: str, entry: Entry, text: str) -> str:
        s = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
        if s.startswith((" ", "\f")):
            s = "\\" + s
        if text.isascii() and "\\u" in text:  # an ASCII file: keep it ASCII
            s = "".join(c if ord(c) < 0x80 else "".join(f"\\u{u:04x}" for u in _utf16(c)) for c in s)
        return s


def _utf16(c: str) -> list[int]:
    b = c.encode("utf-16-be")
    return [int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2)]

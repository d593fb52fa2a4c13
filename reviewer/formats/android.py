"""Android string resources (``res/values*/strings.xml``): ``<string>``,
``<string-array>`` items and ``<plurals>`` quantities.

Values are read as Android reads them: entities and CDATA decoded, backslash escapes
(``\\n``, ``\\'``, ``\\"``, ``\\uXXXX``) resolved, runs of whitespace collapsed unless
the value is in double quotes; child tags (``<b>``, ``<xliff:g>``) become inline codes.
``translatable="false"`` entries are not units to check. A target file is paired with
``values/strings.xml`` of the same ``res`` folder (see
:func:`reviewer.formats.keyed.find_source`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed
from .xmlspan import codes_to_xml, scan, text_with_codes, xml_escape

_ESC = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t"}


def _unescape_part(raw: str) -> str:
    s = html.unescape(raw)

    def sub(m: re.Match[str]) -> str:
        c = m.group(1)
        if c.startswith("u") and len(c) == 5:
            return chr(int(c[1:], 16))
        return _SIMPLE.get(c, c)

    return _ESC.sub(sub, s)


def android_text(raw: str) -> tuple[str, tuple]:  # type: ignore[type-arg]
    """The text and inline codes of an element's raw content, as Android reads it:
    whitespace runs collapsed (before escapes such as ``\\n`` apply) unless the value
    is in double quotes."""
    r = raw.strip()
    if len(r) >= 2 and r.startswith('"') and r.endswith('"') and not r.endswith('\\"'):
        text, codes = text_with_codes(r[1:-1], _unescape_part)
        return text, codes
    text, codes = text_with_codes(r, lambda part: _unescape_part(re.sub(r"[ \t\r\n]+", " ", part)))
    return text, codes


def _escape(s: str) -> str:
    s = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    s = s.replace("'", "\\'").replace('"', '\\"')
    s = xml_escape(s)
    if s.startswith(("@", "?")):
        s = "\\" + s
    return s


class AndroidFormat(KeyedFormat):
    """Android ``strings.xml``."""

    name = "android"
    suffixes = (".xml",)
    empty_is_untranslated = True

    def sniff(self, head: bytes) -> bool:
        return b"<resources" in head

    def parse(self, text: str, path: Path) -> Parsed:
        root = scan(text)
        if root.tag != "resources":
            raise ValueError(f"the root element is <{root.tag}>, not <resources>")
        out: list[Entry] = []
        for e in root.children:
            name = e.attrs.get("name", "")
            translatable = e.attrs.get("translatable", "true") != "false"
            if e.tag == "string":
                out.append(self._entry(text, e, name, translatable))
            elif e.tag in ("string-array", "array"):
                for i, it in enumerate(c for c in e.children if c.tag == "item"):
                    out.append(self._entry(text, it, f"{name}[{i}]", translatable))
            elif e.tag == "plurals":
                for it in (c for c in e.children if c.tag == "item"):
                    q = it.attrs.get("quantity", "other")
                    out.append(self._entry(text, it, f"{name}[{q}]", translatable, name, q))
        return Parsed(out)

    def _entry(self, text: str, e, key: str, translatable: bool,  # type: ignore[no-untyped-def]
               base: str | None = None, plural: str | None = None) -> Entry:
        raw = text[e.inner_start:e.inner_end]
        value, codes = android_text(raw)
        return Entry(key, value, e.inner_start, e.inner_end, e.line, codes=codes,
                     base=base, plural=plural, translatable=translatable, raw=raw)

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return codes_to_xml(value, entry.codes, _escape)

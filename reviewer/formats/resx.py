""".NET resources (``.resx``, ``.resw``): ``<data name="..."><value>`` strings.

Entries with a ``type`` or ``mimetype`` (images, serialized objects) and designer
metadata (names starting ``>>`` or ``$this.``) are not text to translate. ``<comment>``
is the unit's note. ``Foo.de.resx`` is paired with ``Foo.resx``.
"""

from __future__ import annotations

from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed
from .xmlspan import inner_text, scan, xml_escape


class ResxFormat(KeyedFormat):
    """.NET ``.resx`` / ``.resw``."""

    name = "resx"
    suffixes = (".resx", ".resw")
    empty_is_untranslated = True

    def sniff(self, head: bytes) -> bool:
        return b"<root" in head

    def parse(self, text: str, path: Path) -> Parsed:
        root = scan(text)
        if root.tag != "root":
            raise ValueError(f"the root element is <{root.tag}>, not <root>")
        out: list[Entry] = []
        for d in root.children:
            if d.tag != "data" or "type" in d.attrs or "mimetype" in d.attrs:
                continue
            name = d.attrs.get("name", "")
            if name.startswith((">>", "$this.")):
                continue
            v = d.find("value")
            if v is None:
                continue
            c = d.find("comment")
            notes = (inner_text(text, c),) if c is not None and inner_text(text, c).strip() else ()
            out.append(Entry(name, inner_text(text, v), None if v.selfclosing else v.inner_start,
                             v.inner_end, v.line,
                             notes=notes))
        return Parsed(out)

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return xml_escape(value)

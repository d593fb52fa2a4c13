"""Write segment pairs as a new TMX 1.4b translation memory (``reviewer export --to
tmx``).

One ``<tu>`` a pair, ``tuid`` = the unit id; each side a ``<tuv xml:lang>`` with its
``<seg>``. Inline codes become TMX codes: paired codes ``<bpt i>``/``<ept i>``,
standalone ``<ph>``, isolated ``<it pos>``, each holding the original native markup as
escaped text; codes read from a TMX file are written back as they were. Text is XML-
escaped and characters XML 1.0 forbids are dropped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import IO, Iterable
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..model import InlineCode, code_index
from .base import atomic_writer

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DATATYPES = {"po": "po", "xliff": "xml", "tmx": "xml", "jsonl": "plaintext", "tsv": "plaintext",
             "csv": "plaintext", "txt": "plaintext"}


@dataclass(frozen=True, slots=True)
class TmxPair:
    """One translation unit to write: texts with code characters and their codes."""

    id: str
    source: str
    target: str
    source_codes: tuple[InlineCode, ...] = ()
    target_codes: tuple[InlineCode, ...] = ()
    changedate: str | None = None  # ISO 8601 (converted to TMX's YYYYMMDDThhmmssZ)
    changeid: str | None = None
    note: str | None = None


def _clean(s: str) -> str:
    return _INVALID.sub("", s)


def tmx_date(iso: str | None) -> str | None:
    """``2024-05-01T12:00:00.000Z`` -> ``20240501T120000Z`` (None stays None)."""
    if not iso:
        return None
    digits = re.sub(r"[^0-9T]", "", iso.split(".")[0].replace("Z", ""))
    return digits[:15] + "Z" if len(digits) >= 15 else None


def render_seg(text: str, codes: tuple[InlineCode, ...], native_tmx: bool) -> str:
    """``<seg>`` content for ``text`` whose code characters index ``codes``."""
    out: list[str] = []
    numbers: dict[str, int] = {}
    for ch in text:
        i = code_index(ch)
        if i is None or i >= len(codes):
            out.append(escape(_clean(ch), {"\r": "&#13;"}))  # CR kept (else read as LF)
            continue
        code = codes[i]
        if native_tmx:
            out.append(code.data)
            continue
        data = escape(_clean(code.data))
        if code.kind in ("open", "close"):
            n = numbers.setdefault(code.id or f"#{i}", len(numbers) + 1)
            tag = "bpt" if code.kind == "open" else "ept"
            out.append(f'<{tag} i="{n}">{data}</{tag}>')
        elif code.kind == "isolated":
            pos = "end" if code.data.startswith("</") or code.display.startswith("</") else "begin"
            out.append(f'<it pos="{pos}">{data}</it>')
        else:
            out.append(f"<ph>{data}</ph>")
    return "".join(out)


def write_tmx_stream(f: IO[str], pairs: Iterable[TmxPair], source_lang: str, target_lang: str,
                     datatype: str = "plaintext", native_tmx: bool = False) -> int:
    """Write a whole TMX document to ``f``; return the number of units written."""
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    f.write('<tmx version="1.4">\n')
    f.write(f'  <header creationtool="reviewer" creationtoolversion={quoteattr(__version__)} '
            f'segtype="sentence" o-tmf="reviewer" adminlang="en" '
            f"srclang={quoteattr(source_lang)} datatype={quoteattr(datatype)}/>\n")
    f.write("  <body>\n")
    n = 0
    for p in pairs:
        attrs = f" tuid={quoteattr(_clean(p.id))}"
        date = tmx_date(p.changedate)
        if date:
            attrs += f" changedate={quoteattr(date)}"
        if p.changeid:
            attrs += f" changeid={quoteattr(_clean(p.changeid))}"
        f.write(f"    <tu{attrs}>\n")
        if p.note:
            f.write(f"      <note>{escape(_clean(p.note))}</note>\n")
        tcodes = p.target_codes or p.source_codes
        for lang, text, codes in ((source_lang, p.source, p.source_codes),
                                  (target_lang, p.target, tcodes)):
            f.write(f"      <tuv xml:lang={quoteattr(lang)}><seg>"
                    f"{render_seg(text, codes, native_tmx)}</seg></tuv>\n")
        f.write("    </tu>\n")
        n += 1
    f.write("  </body>\n</tmx>\n")
    return n


def write_tmx(out: str | os.PathLike[str], pairs: Iterable[TmxPair], source_lang: str,
              target_lang: str, datatype: str = "plaintext", native_tmx: bool = False) -> int:
    """Write a TMX 1.4b file atomically; return the number of units written."""
    with atomic_writer(out, "w") as f:
        return write_tmx_stream(f, pairs, source_lang, target_lang, datatype, native_tmx)

"""Safe XML parsing and byte-faithful splicing for the XML formats (XLIFF, TMX).

Parsing: lxml with entity resolution, DTD loading and network access off, and any
document that declares entities rejected before parsing (XXE, billion laughs).

Splicing: writers keep unchanged bytes as they were by replacing only the elements
that changed. :func:`element_spans` finds every element of given local names in the
document text by a small tokenizer (comments, CDATA, PIs and the DOCTYPE skipped), in
the same document order as ``lxml``'s ``iter()``, so the k-th ``target`` lxml sees is
the k-th span here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from lxml import etree

from ..errors import InputError

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


#: lxml parser settings that never resolve entities, read a DTD or touch the network
SAFE_PARSER: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": False,
}


def make_parser(**kw: object) -> etree.XMLParser:
    """An lxml parser that never resolves entities or touches the network."""
    return etree.XMLParser(
        **SAFE_PARSER,
        **kw,  # type: ignore[arg-type]
    )


def check_prolog(data: bytes, path: str | Path) -> None:
    """Reject entity declarations (XXE / entity expansion) anywhere in the prolog.

    ``data`` is the start of the file (the prolog ends before the root element; a few
    kilobytes suffice, but pass more when a DOCTYPE is long). UTF-16 data is checked
    after decoding.
    """
    head = data
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            head = data.decode("utf-16", errors="ignore").encode("utf-8")
        except Exception:  # pragma: no cover - decode with ignore does not fail
            head = data
    m = _DOCTYPE.search(head)
    if m is None:
        return
    ent = _ENTITY_DECL.search(head, m.start())
    if ent is not None:
        line = head.count(b"\n", 0, ent.start()) + 1
        raise InputError(
            "XML entity declarations are not allowed (possible XXE or entity-expansion "
            "attack); the file was not read",
            path,
            line,
        )
    # An external DTD reference (SYSTEM/PUBLIC) is not fetched: load_dtd=False.


def syntax_error(e: etree.XMLSyntaxError, path: str | Path) -> InputError:
    """Turn an lxml syntax error into a one-line InputError with line and column."""
    line, col = (e.position if getattr(e, "position", None) else (None, None))
    msg = getattr(e, "msg", None) or str(e)
    msg = re.sub(r",? line \d+, column \d+$", "", msg).strip()
    return InputError(f"malformed XML: {msg}", path, line or None, col or None)


def local(tag: object) -> str:
    """Local name of an lxml tag (``{ns}name`` -> ``name``); '' for comments/PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


# ---------------------------------------------------------------- splicing support

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>"
    r"|<(/?)([^\s/>!?]+)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>",
    re.S,
)


def element_spans(text: str, names: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Character spans ``(start, end)`` of every element with one of the local
    ``names``, in document order (the order of their start tags).

    A span runs from ``<`` of the start tag to after ``>`` of the end tag (or of the
    empty-element tag).
    """
    wanted = set(names)
    spans: dict[str, list[tuple[int, int]]] = {n: [] for n in wanted}
    stack: list[tuple[str, int, int]] = []  # (local name, index in spans list, start)
    for m in _TOKEN.finditer(text):
        qname = m.group(2)
        if qname is None:
            continue
        name = qname.rpartition(":")[2]
        if m.group(1):  # end tag
            # pop to the matching start (well-formed input: it is on top)
            while stack:
                n, idx, start = stack.pop()
                if idx >= 0:
                    spans[n][idx] = (start, m.end())
                if n == name:
                    break
            continue
        if name in wanted:
            spans[name].append((m.start(), m.end()))
            idx = len(spans[name]) - 1
        else:
            idx = -1
        if not m.group(4):  # not self-closing
            stack.append((name, idx, m.start()))
    return spans


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping ``(start, end, replacement)`` edits to ``text``."""
    out: list[str] = []
    pos = 0
    for start, end, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos:start])
        out.append(rep)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def xml_encoding(data: bytes) -> str:
    """The encoding of an XML document: BOM, else the declaration, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    m = re.match(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", data)
    return m.group(1).decode("ascii").lower() if m else "utf-8"


def make_pull_parser(events: tuple[str, ...] = ("start", "end")) -> etree.XMLPullParser:
    """A feed-driven (streaming) parser with the same safety settings as
    :func:`make_parser`: feed bytes with ``feed()``, collect ``read_events()``."""
    return etree.XMLPullParser(events=events, **SAFE_PARSER)

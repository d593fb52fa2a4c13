"""A small XML scanner for resource files that keeps where each element stands.

Android ``strings.xml``, ``.resx``, Qt ``.ts`` and ``.stringsdict`` writers replace one
element's content in place and leave every other character as it was; lxml gives
values but not character spans. :func:`scan` returns the element tree with the
``[inner_start, inner_end)`` span of each element's content. Well-formedness is
checked by lxml first (the same errors as every other XML reader of the project).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from ..model import InlineCode, code_char

__all__ = ["Elem", "scan", "inner_text", "xml_escape", "xml_newlines", "text_with_codes", "codes_to_xml"]

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^>\[]|\[.*?\])*>"
    r"|</([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>",
    re.S,
)
_ATTR = re.compile(r"([^\s=/>]+)\s*=\s*(\"[^\"]*\"|'[^']*')")


@dataclass(slots=True)
class Elem:
    """One element: tag, attributes (entity-decoded), content span, line, children."""

    tag: str
    attrs: dict[str, str]
    start: int
    inner_start: int
    inner_end: int
    end: int
    line: int
    children: list["Elem"] = field(default_factory=list)
    #: written ``<tag/>``: no content span to replace in place
    selfclosing: bool = False

    def find(self, tag: str) -> "Elem | None":
        """The first child named ``tag``."""
        return next((c for c in self.children if c.tag == tag), None)

    def iter(self, tag: str | None = None) -> "list[Elem]":
        """This element and its descendants (named ``tag``), in document order."""
        out = [self] if tag is None or self.tag == tag else []
        for c in self.children:
            out += c.iter(tag)
        return out


def scan(text: str) -> Elem:
    """The root element of an XML text; raises ValueError (with ``.line``) when the
    text is not well-formed."""
    _wellformed(text)
    nl = [m.start() for m in re.finditer("\n", text)]
    stack: list[Elem] = []
    root: Elem | None = None
    for m in _TOKEN.finditer(text):
        close, open_, attrs, empty = m.group(1), m.group(2), m.group(3), m.group(4)
        if open_:
            e = Elem(open_, {k: html.unescape(v[1:-1]) for k, v in _ATTR.findall(attrs or "")},
                     m.start(), m.end(), m.end(), m.end(), bisect.bisect_right(nl, m.start()) + 1)
            if stack:
                stack[-1].children.append(e)
            elif root is None:
                root = e
            if not empty:
                stack.append(e)
            else:
                e.selfclosing = True
        elif close:
            if not stack or stack[-1].tag != close:
                err = ValueError(f"unexpected </{close}>")
                err.line = bisect.bisect_right(nl, m.start()) + 1  # type: ignore[attr-defined]
                raise err
            e = stack.pop()
            e.inner_end, e.end = m.start(), m.end()
    if root is None:
        raise ValueError("no root element")
    return root


def _wellformed(text: str) -> None:
    from lxml import etree

    try:
        etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False,
                                                               no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as e:
        err = ValueError(f"not well-formed XML: {e.msg}")
        err.line = e.lineno  # type: ignore[attr-defined]
        raise err from None


def xml_newlines(raw: str) -> str:
    """Line ends as an XML parser passes them on (XML 1.0, section 2.11): ``\r\n`` and a
    lone ``\r`` become ``\n`` before entities are decoded, so a value reads the same
    from a file saved with CRLF or LF line ends (.NET's and Android's XML readers
    see ``\n``); a ``\r`` written as ``&#13;`` stays."""
    return raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw


def inner_text(text: str, e: Elem) -> str:
    """The element's content as text: markup dropped, entities and CDATA decoded, line
    ends normalised (:func:`xml_newlines`)."""
    raw = xml_newlines(text[e.inner_start:e.inner_end])
    out = []
    for part in re.split(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->|<[^>]*>)", raw, flags=re.S):
        if part.startswith("<![CDATA["):
            out.append(part[9:-3])
        elif part.startswith("<"):
            continue
        else:
            out.append(html.unescape(part))
    return "".join(out)


def text_with_codes(raw: str, unescape=html.unescape) -> tuple[str, tuple[InlineCode, ...]]:  # type: ignore[no-untyped-def]
    """Element content as checks see it: each child tag becomes an inline code (a
    private-use character), CDATA and entities decoded by ``unescape``, line ends
    normalised (:func:`xml_newlines`)."""
    raw = xml_newlines(raw)
    out: list[str] = []
    codes: list[InlineCode] = []
    for part in re.split(r"(<!\[CDATA\[.*?\]\]>|<!--.*?-->|<[^>]*>)", raw, flags=re.S):
        if not part:
            continue
        if part.startswith("<![CDATA["):
            out.append(part[9:-3])
        elif part.startswith("<!--"):
            continue
        elif part.startswith("<"):
            name = re.match(r"</?([^\s/>]+)", part)
            tag = name.group(1) if name else "?"
            kind = "close" if part.startswith("</") else ("standalone" if part.endswith("/>") else "open")
            out.append(code_char(len(codes)))
            codes.append(InlineCode(kind, tag, part, display=f"</{tag}>" if kind == "close" else f"<{tag}>"))
        else:
            out.append(unescape(part))
    return "".join(out), tuple(codes)


def xml_escape(text: str) -> str:
    """Text as XML element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def codes_to_xml(text: str, codes: tuple[InlineCode, ...], escape=xml_escape) -> str:  # type: ignore[no-untyped-def]
    """Inverse of :func:`text_with_codes`: text escaped by ``escape``, codes put back."""
    from ..model import CODE_RE, code_index

    out = []
    pos = 0
    for m in CODE_RE.finditer(text):
        out.append(escape(text[pos:m.start()]))
        i = code_index(m.group())
        out.append(codes[i].data if i is not None and i < len(codes) else "")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)

"""What the XLIFF 1.2 and 2.x readers share: the streaming event source (a safe pull
parser fed in chunks, with the raw text kept beside it so that inline codes keep their
exact original markup), the header peek, the writer's location of a segment
(:class:`Loc`) and the text-with-codes builder."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from lxml import etree

from ...errors import InputError
from ...model import CODE_RE, InlineCode
from ..base import looks_binary, read_head
from ..xmlsafe import _TOKEN, check_prolog, local, make_pull_parser, syntax_error, xml_encoding

NS12 = {
    "urn:oasis:names:tc:xliff:document:1.2",
    "urn:oasis:names:tc:xliff:document:1.1",
    "urn:oasis:names:tc:xliff:document:1.0",
    "",
}
NS2 = {
    "urn:oasis:names:tc:xliff:document:2.0",
    "urn:oasis:names:tc:xliff:document:2.1",
    "urn:oasis:names:tc:xliff:document:2.2",
}
COUNTED = ("target", "source", "seg-source", "segment", "mrk")
CHUNK = 1 << 16
_IGNORE_RE = re.compile(r"reviewer-ignore\s*:\s*([\w\-, \t]*)", re.I)
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def parse_ignore(text: str) -> frozenset[str]:
    """Check ids named by a ``reviewer-ignore: a, b`` note (empty set when none)."""
    m = _IGNORE_RE.search(text or "")
    if not m:
        return frozenset()
    return frozenset(p for p in re.split(r"[,\s]+", m.group(1).strip().lower()) if p)


def namespace(tag: object) -> str:
    """Namespace URI of an lxml tag ('' when none)."""
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].partition("}")[0]
    return ""


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a segment's target lives, for the writer (ordinals count elements of that
    local name over the whole document, as :func:`element_spans` does)."""

    target: int | None
    anchor: tuple[str, int]
    prefix: str
    version: int
    mid: str | None = None
    tmrk: int | None = None
    extra: str = ""  # attributes a newly inserted <target> needs (xml:space, xml:lang)


@dataclass(frozen=True, slots=True)
class Header:
    """What is known before the units: version, namespace and languages."""

    version: int  # 1 or 2
    ns: str
    source_lang: str | None
    target_lang: str | None
    raw_version: str | None


# ------------------------------------------------------------------ raw text mirror


class RawUnit:
    """The original text of one unit plus the spans of its elements' tags."""

    def __init__(self, text: str, spans: dict[etree._Element, tuple[int, int, int, int]]):
        self.text = text
        self.spans = spans

    def markup(self, el: etree._Element) -> str:
        """The whole element as written in the file."""
        s0, _, _, e1 = self.spans[el]
        return self.text[s0:e1]

    def start_tag(self, el: etree._Element) -> str:
        """The element's start tag (an empty-element tag turned into a start tag)."""
        s0, s1, _, _ = self.spans[el]
        tag = self.text[s0:s1]
        if tag.endswith("/>"):
            tag = tag[:-2].rstrip() + ">"
        return tag

    def end_tag(self, el: etree._Element) -> str:
        """The element's end tag (synthesised for an empty-element tag)."""
        s0, s1, e0, e1 = self.spans[el]
        if e0 == s0:
            qname = re.match(r"<([^\s/>]+)", self.text[s0:s1])
            return f"</{qname.group(1) if qname else 'x'}>"
        return self.text[e0:e1]


class RawText:
    """The decoded text of the part of the file around the element being read.

    Start tags are counted in document order by the same tokenizer as
    :func:`element_spans`, so the n-th start event of the parser is the n-th start tag
    here.
    """

    def __init__(self, encoding: str, path: Path) -> None:
        try:
            self._dec = codecs.getincrementaldecoder(encoding)(errors="replace")
        except LookupError:
            raise InputError(f"unsupported encoding {encoding!r}", path) from None
        self.path = path
        self.buf = ""
        self.base = 0
        self.pos = 0
        self.count = 0

    def add(self, data: bytes, final: bool = False) -> None:
        """Append the next chunk of file bytes."""
        self.buf += self._dec.decode(data, final)

    def _next_start(self) -> re.Match[str]:
        while True:
            m = _TOKEN.search(self.buf, self.pos - self.base)
            if m is None:
                raise InputError("cannot follow the XML text (internal tokenizer lost)", self.path)
            self.pos = self.base + m.end()
            if m.group(2) is not None and not m.group(1):
                self.count += 1
                return m

    def seek(self, n: int, trim: bool = True) -> tuple[int, int]:
        """Consume through the n-th start tag; return its absolute span."""
        m = None
        while self.count < n:
            m = self._next_start()
        if m is None:
            raise InputError("cannot follow the XML text (internal tokenizer lost)", self.path)
        start = self.base + m.start()
        if trim:
            self._trim(start)
        return start, self.base + m.end()

    def _trim(self, upto: int) -> None:
        cut = upto - self.base
        if cut > 0:
            self.buf = self.buf[cut:]
            self.base = upto

    def capture(self, el: etree._Element, span: tuple[int, int]) -> RawUnit:
        """After the end of ``el`` (whose start tag is at ``span``), map the tags of
        ``el`` and its descendants and return the element's raw text."""
        start, s_end = span
        spans: dict[etree._Element, list[int]] = {}
        elements = (e for e in el.iter() if isinstance(e.tag, str))
        first = next(elements)
        stack: list[etree._Element] = []
        spans[first] = [0, s_end - start, 0, s_end - start]
        end = s_end
        if self.buf[s_end - self.base - 2 : s_end - self.base] != "/>":
            stack.append(first)
            spans[first] = [0, s_end - start, -1, -1]
            while stack:
                m = _TOKEN.search(self.buf, self.pos - self.base)
                if m is None:
                    raise InputError("cannot follow the XML text (internal tokenizer lost)", self.path)
                self.pos = self.base + m.end()
                if m.group(2) is None:
                    continue
                a, b = self.base + m.start() - start, self.base + m.end() - start
                if m.group(1):
                    top = stack.pop()
                    spans[top][2:] = [a, b]
                    continue
                self.count += 1
                child = next(elements, None)
                if child is None or local(child.tag) != m.group(2).rpartition(":")[2]:
                    raise InputError("cannot follow the XML text (internal tokenizer lost)", self.path)
                spans[child] = [a, b, a, b]
                if not m.group(4):
                    stack.append(child)
            end = self.pos
        text = self.buf[start - self.base : end - self.base]
        self._trim(end)
        return RawUnit(text, {k: (v[0], v[1], v[2], v[3]) for k, v in spans.items()})


# ------------------------------------------------------------------ event source


class EventStream:
    """Safe streaming parse of an XML file: yields ``(event, element)`` with the
    running start-tag number, keeps the raw text, counts element ordinals."""

    def __init__(self, path: Path) -> None:
        self.path = path
        head = read_head(path, 65536)
        if looks_binary(head):
            raise InputError("binary file, not XML (it contains NUL bytes)", path)
        check_prolog(head, path)
        m = re.search(rb"<!DOCTYPE[^>\[]*\[", head, re.I)
        if m and b"]" not in head[m.end() :]:
            raise InputError("DOCTYPE internal subset too long; the file was not read", path)
        self.raw = RawText(xml_encoding(head), path)
        self.n = 0  # start events so far
        self.counters = {name: 0 for name in COUNTED}
        self.ordinals: dict[etree._Element, int] = {}
        self.record = False
        self.unit: etree._Element | None = None  # the unit element being read
        self._unit_span = (0, 0)

    def open_unit(self, el: etree._Element, span: tuple[int, int]) -> None:
        """Start reading the unit ``el`` (its start tag at ``span``): the ordinals of
        its elements are recorded until :meth:`close_unit`."""
        self.unit, self._unit_span = el, span
        self.record = True

    def unit_end(self, ev: str, el: etree._Element) -> RawUnit | None:
        """The raw text of the unit being read when ``(ev, el)`` ends it, else None."""
        if ev == "end" and el is self.unit:
            return self.raw.capture(el, self._unit_span)
        return None

    def close_unit(self, el: etree._Element) -> None:
        """Done with the unit ``el``: its ordinals forgotten, its element freed."""
        self.ordinals.clear()
        self.record = False
        self.unit = None
        clear_done(el)

    def events(self) -> Iterator[tuple[str, etree._Element]]:
        """All start/end events of the document; XML errors become InputError."""
        parser = make_pull_parser(("start", "end"))
        try:
            f = open(self.path, "rb")
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", self.path) from None
        with f:
            while True:
                chunk = f.read(CHUNK)
                try:
                    if chunk:
                        parser.feed(chunk)
                    else:
                        parser.close()
                except etree.XMLSyntaxError as e:
                    raise syntax_error(e, self.path) from None
                self.raw.add(chunk, final=not chunk)
                for ev, el in parser.read_events():
                    if ev == "start":
                        self.n += 1
                        name = local(el.tag)
                        if name in self.counters:
                            if self.record:
                                self.ordinals[el] = self.counters[name]
                            self.counters[name] += 1
                    yield ev, el
                if not chunk:
                    return


def peek_header(path: Path) -> Header:
    """Read just far enough to know the XLIFF version and the languages."""
    stream = EventStream(path)
    root = None
    for ev, el in stream.events():
        if ev != "start":
            continue
        if root is None:
            root = el
            if local(el.tag) != "xliff":
                raise InputError(
                    f"not an XLIFF document (the root element is <{local(el.tag)}>)",
                    path, el.sourceline,
                )
            ns = namespace(el.tag)
            ver = el.get("version")
            if ns in NS2 or (ver or "").startswith("2"):
                return Header(2, ns, el.get("srcLang"), el.get("trgLang"), ver)
            if ns not in NS12:
                raise InputError(f"unknown XLIFF namespace {ns!r}", path, el.sourceline)
            continue
        if local(el.tag) == "file":
            return Header(1, namespace(root.tag), el.get("source-language"),
                          el.get("target-language"), root.get("version"))
    if root is None:
        raise InputError("empty XML document", path)
    return Header(1, namespace(root.tag), None, None, root.get("version"))


def clear_done(el: etree._Element) -> None:
    """Free a processed element and the already processed siblings before it."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


class Builder:
    """Collects segment text and its inline codes (code characters in the text)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.codes: list[InlineCode] = []

    def text(self, s: str | None) -> None:
        """Append text; literal private-use characters become codes of their own."""
        if not s:
            return
        pos = 0
        for m in CODE_RE.finditer(s):
            self.parts.append(s[pos : m.start()])
            self.code(pua_code(m.group()))
            pos = m.end()
        self.parts.append(s[pos:])

    def code(self, c: InlineCode) -> None:
        """Append one inline code."""
        self.parts.append(chr(0xE000 + len(self.codes)))
        self.codes.append(c)

    def result(self) -> tuple[str, tuple[InlineCode, ...]]:
        """The text with code characters, and the codes."""
        return "".join(self.parts), tuple(self.codes)


def pua_code(ch: str) -> InlineCode:
    """A literal private-use character of the file, kept as a code so that it cannot be
    mistaken for a code placeholder."""
    return InlineCode("standalone", f"U+{ord(ch):04X}", ch, f"U+{ord(ch):04X}")

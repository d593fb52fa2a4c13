"""XLIFF 1.2 and 2.x: sniffing, streaming reading, byte-faithful writing.

The version-specific readers live in :mod:`reviewer.formats.xliff12` and
:mod:`reviewer.formats.xliff2` (with XLIFF 2 conformance checks in
:mod:`reviewer.formats.xliff2_validate`); this module holds what they share: the
streaming event source (a safe pull parser fed in chunks, with the raw text kept beside
it so that inline codes keep their exact original markup), and the writer, which
replaces only changed ``<target>`` elements in the original text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Mapping

from lxml import etree

from ..errors import InputError, ReviewerError
from ..model import CODE_RE, Document, InlineCode, Segment
from .base import Format, ReadOptions, atomic_write_bytes, looks_binary, read_head
from .xmlsafe import (
    _TOKEN,
    check_prolog,
    element_spans,
    local,
    make_pull_parser,
    splice,
    syntax_error,
    xml_encoding,
)

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
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


# ------------------------------------------------------------------ the format


class XliffFormat(Format):
    """XLIFF 1.2 (trans-unit) and 2.0-2.2 (unit/segment) documents."""

    name = "xliff"
    suffixes = (".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mxliff")

    def sniff(self, head: bytes) -> bool:
        """True when the head of the file contains an ``<xliff`` element."""
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        return b"<xliff" in head

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Open an XLIFF file: header now, segments streamed lazily."""
        header = peek_header(path)
        doc = Document(
            path=str(path),
            format=self.name,
            source_lang=header.source_lang or options.source_lang,
            target_lang=header.target_lang or options.target_lang,
            segments=(s for s, _ in located_segments(path, header)),
            meta={"xliff_version": header.raw_version or ("2.0" if header.version == 2 else "1.2")},
        )
        return doc

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Write ``path`` to ``out`` with the changed targets replaced in place."""
        data = Path(path).read_bytes() if Path(path).exists() else read_head(path)
        if not changes:
            atomic_write_bytes(out, data)
            return
        header = peek_header(path)
        enc = xml_encoding(data)
        bom = b""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            enc, bom = ("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"), data[:2]
        try:
            text = data[len(bom) :].decode(enc)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"cannot decode the file as {enc}: {e}", path) from None
        edits = plan_edits(text, path, header, changes, options)
        new = splice(text, edits)
        atomic_write_bytes(out, bom + new.encode(enc, errors="xmlcharrefreplace"))


def located_segments(path: Path, header: Header) -> Iterator[tuple[Segment, Loc]]:
    """Segments of the file with the writer's location of each."""
    try:
        if header.version == 2:
            from .xliff2 import read_segments as read2

            yield from read2(path, header)
        else:
            from .xliff12 import read_segments as read12

            yield from read12(path, header)
    except ReviewerError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        raise InputError(f"unexpected XLIFF structure ({type(e).__name__}: {e})", path) from None


# ------------------------------------------------------------------ writing


def render(text: str, codes: tuple[InlineCode, ...], version: int) -> str:
    """Target markup for ``text``: code characters become their original markup, other
    text is escaped."""
    out: list[str] = []
    pos = 0
    for m in CODE_RE.finditer(text):
        out.append(_escape(text[pos : m.start()], version))
        i = ord(m.group()) - 0xE000
        if i >= len(codes):
            raise ValueError(f"code character U+{ord(m.group()):04X} has no code in target_codes")
        out.append(codes[i].data)
        pos = m.end()
    out.append(_escape(text[pos:], version))
    return "".join(out)


def _escape(s: str, version: int) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A literal CR would come back as LF (XML end-of-line handling): a reference keeps it.
    s = s.replace("\r", "&#13;")
    if version == 2:
        return _INVALID_XML_CHARS.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', s)
    return _INVALID_XML_CHARS.sub("", s)


def _line_start(text: str, pos: int) -> tuple[str, str] | None:
    """(newline, indentation) when ``pos`` starts a line after only whitespace."""
    nl = text.rfind("\n", 0, pos)
    indent = text[nl + 1 : pos]
    if nl < 0 or indent.strip():
        return None
    return ("\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"), indent


def _qname(text: str, span: tuple[int, int]) -> str:
    m = re.match(r"<([^\s/>]+)", text[span[0] : span[1]])
    return m.group(1) if m else "target"


def plan_edits(
    text: str,
    path: Path,
    header: Header,
    changes: Mapping[int, Segment],
    options: ReadOptions | None = None,
) -> list[tuple[int, int, str]]:
    """The splice edits that put the changed targets into ``text``."""
    spans = element_spans(text, COUNTED)
    edits: list[tuple[int, int, str]] = []
    new_targets: dict[tuple[str, int], list[tuple[Loc, str]]] = {}
    appended: dict[int, list[str]] = {}
    for seg, loc in located_segments(path, header):
        new = changes.get(seg.index)
        if new is None or new.target is None:
            continue
        # Review export (reviewer.project): a changed ``state`` is written too (1.2: on
        # <target>, not for mrk sub-segments; 2.x: on <segment>), and a unit whose
        # text is unchanged keeps its target bytes.
        state = new.state if new.state not in (None, seg.state) and loc.mid is None else None
        same_text = (new.target, new.target_codes) == (seg.target, seg.target_codes)
        if state is not None and loc.version == 2:
            edits.append(_segment_state_edit(text, spans, loc, state))
        elif state is not None and loc.target is None:
            loc = replace(loc, extra=loc.extra + f' state="{_attr(state)}"')
        elif state is not None:
            t_span = spans["target"][loc.target]  # type: ignore[index]
            if same_text:
                edits.append(_state_edit(text, t_span[0], state))
                continue
            ed = _replace_content(text, t_span, render(new.target, new.target_codes, loc.version))
            if ed[0] == t_span[0]:  # an empty <target/> replaced whole
                edits.append((ed[0], ed[1], _state_edit(ed[2], 0, state)[2] + ed[2][_tag_end(ed[2]):]))
            else:
                edits.extend([_state_edit(text, t_span[0], state), ed])
            continue
        if same_text and loc.target is not None:
            continue
        content = render(new.target, new.target_codes, loc.version)
        if loc.mid is not None:  # XLIFF 1.2 seg-source segment
            if loc.target is None:
                new_targets.setdefault(loc.anchor, []).append((loc, content))
            elif loc.tmrk is not None:
                edits.append(_replace_content(text, spans["mrk"][loc.tmrk], content))
            else:
                appended.setdefault(loc.target, []).append(
                    f'<{loc.prefix}mrk mtype="seg" mid="{_attr(loc.mid)}">{content}</{loc.prefix}mrk>'
                )
            continue
        if loc.target is not None:
            edits.append(_replace_content(text, spans["target"][loc.target], content))
        else:
            new_targets.setdefault(loc.anchor, []).append((loc, content))
    for t_ord, parts in appended.items():
        s, e = spans["target"][t_ord]
        tag = text[s:e]
        if tag.endswith("/>"):
            edits.append((s, e, tag[:-2].rstrip() + ">" + "".join(parts) + f"</{_qname(text, (s, e))}>"))
        else:
            close = tag.rfind("</")
            edits.append((s + close, s + close, "".join(parts)))
    for (name, ordinal), items in new_targets.items():
        a_start, a_end = spans[name][ordinal]
        loc = items[0][0]
        if loc.mid is not None:
            content = "".join(
                f'<{l.prefix}mrk mtype="seg" mid="{_attr(l.mid or "")}">{c}</{l.prefix}mrk>'
                for l, c in items
            )
        else:
            content = items[-1][1]
        element = f"<{loc.prefix}target{loc.extra}>{content}</{loc.prefix}target>"
        ls = _line_start(text, a_start)
        ins = (ls[0] + ls[1] + element) if ls else element
        edits.append((a_end, a_end, ins))
    if new_targets and header.version == 2 and not header.target_lang:
        lang = options.target_lang if options else None
        if not lang:
            raise InputError("the file has no trgLang: give the target language to add translations", path)
        root = next(m for m in _TOKEN.finditer(text) if m.group(2) and not m.group(1))
        pos = root.start(3) + len(root.group(3).rstrip())
        edits.append((pos, pos, f' trgLang="{_attr(lang)}"'))
    return edits


def _attr(v: str) -> str:
    return v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _replace_content(text: str, span: tuple[int, int], content: str) -> tuple[int, int, str]:
    """Edit replacing the content of the element at ``span`` (tags kept)."""
    s, e = span
    m = _TOKEN.match(text, s)
    assert m is not None
    if m.group(4):  # empty-element tag
        tag = m.group(0)
        return s, e, tag[:-2].rstrip() + ">" + content + f"</{m.group(2)}>"
    close = text.rfind("</", s, e)
    return m.end(), close, content


# ------------------------------------------------------------------ review state


def _tag_end(text: str, start: int = 0) -> int:
    m = _TOKEN.match(text, start)
    assert m is not None
    return m.end()


def _state_edit(text: str, start: int, value: str) -> tuple[int, int, str]:
    """Edit setting ``state="value"`` on the start tag at ``start``."""
    m = _TOKEN.match(text, start)
    assert m is not None
    tag = m.group(0)
    found = re.search(r"(\sstate\s*=\s*)([\"'])(.*?)\2", tag, re.S)
    if found:
        tag = tag[: found.start(3)] + _attr(value) + tag[found.end(3) :]
    else:
        name = re.match(r"<[^\s/>]+", tag)
        assert name is not None
        tag = tag[: name.end()] + f' state="{_attr(value)}"' + tag[name.end() :]
    return start, m.end(), tag


def _segment_state_edit(text: str, spans: dict[str, list[tuple[int, int]]], loc: Loc,
                        value: str) -> tuple[int, int, str]:
    """XLIFF 2: edit setting ``state`` on the ``<segment>`` holding the source at
    ``loc.anchor``."""
    import bisect

    src_start = spans[loc.anchor[0]][loc.anchor[1]][0]
    starts = [s for s, _ in spans["segment"]]
    k = bisect.bisect_right(starts, src_start) - 1
    s, _ = spans["segment"][k]
    start, end, tag = _state_edit(text, s, value)
    return start, end, tag

"""TMX 1.4b (and 1.1-style ``lang``) translation memories: streaming reader, splicing
writer.

Reading streams ``<tu>`` elements with :func:`lxml.etree.iterparse`, clearing each
processed unit and its earlier siblings, so memory stays flat on very large files.
The language pair is fixed when :meth:`TmxFormat.read` returns, from the options,
the header ``srclang`` and the first ``<tu>``. Inline codes (``bpt``/``ept``/``ph``/
``it``/``ut``, and ``hi`` as an open/close pair around its text) become private-use
characters standing for :class:`~reviewer.model.InlineCode` entries.

Writing replaces only the ``<seg>`` content of the chosen target ``<tuv>`` of changed
units (adding a ``<tuv>`` where the unit has none), found by
:func:`~reviewer.formats.xmlsafe.element_spans`; all other bytes stay as they were.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Mapping
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..errors import InputError
from ..model import CODE_MAX, CODE_BASE, Document, InlineCode, Segment, code_char, code_index
from .base import Format, ReadOptions, atomic_write_bytes, looks_binary, read_error, read_head
from .xmlsafe import check_prolog, element_spans, local, splice, syntax_error, xml_encoding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CODE_TAGS = {"bpt": "open", "ept": "close", "ph": "standalone", "it": "isolated", "ut": "standalone"}
_PROLOG_BYTES = 1 << 20
_START_TAG_END = re.compile(r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


@dataclass(frozen=True, slots=True)
class _Unit:
    """One streamed unit and where its sides are among its tu's ``<tuv>`` elements."""

    segment: Segment
    tu_pos: int  # 0-based position of the <tu> among all <tu>s
    source_tuv: int
    target_tuv: int | None


class TmxFormat(Format):
    """TMX translation memories (read as one source/target language pair)."""

    name = "tmx"
    suffixes = (".tmx",)

    def sniff(self, head: bytes) -> bool:
        """A ``<tmx`` root element near the top."""
        try:
            text = head.decode(xml_encoding(head), errors="ignore")
        except LookupError:
            text = head.decode("utf-8", errors="ignore")
        return re.search(r"<tmx[\s>]", text) is not None

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Peek at the header and first ``<tu>`` for the languages; stream the units."""
        _check_safe(path)
        src, tgt, meta = _peek(path, options)
        doc = Document(path=str(path), format=self.name, source_lang=src, target_lang=tgt, meta=meta)
        doc.segments = (u.segment for u in _iter_units(path, src, tgt))
        return doc

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Splice the changed units' target ``<seg>`` content; copy everything else."""
        data = Path(path).read_bytes()
        if not changes:
            atomic_write_bytes(out, data)
            return
        _check_safe(path)
        src, tgt, _ = _peek(path, options)
        todo: dict[int, tuple[_Unit, Segment]] = {}
        for unit in _iter_units(path, src, tgt):
            seg = changes.get(unit.segment.index)
            if seg is not None and seg.target is not None:
                old = unit.segment
                if (seg.target, seg.target_codes) != (old.target, old.target_codes):
                    todo[unit.segment.index] = (unit, seg)
        if not todo:
            atomic_write_bytes(out, data)
            return
        enc, bom = _text_encoding(data)
        text = data[len(bom):].decode(enc)
        spans = element_spans(text, ["tu", "tuv", "seg"])
        tus, tuvs, segs = spans["tu"], spans["tuv"], spans["seg"]
        tuvs_of = _nest(tus, tuvs)
        edits: list[tuple[int, int, str]] = []
        for unit, seg in todo.values():
            mine = tuvs_of[unit.tu_pos]
            content = render(seg.target or "", seg.target_codes)
            if unit.target_tuv is not None:
                ts, te = mine[unit.target_tuv]
                inner = [s for s in segs if ts <= s[0] and s[1] <= te]
                if not inner:
                    raise InputError("target <tuv> has no <seg> to replace", path, seg.line)
                ss, se = inner[0]
                edits.append(_seg_edit(text, ss, se, content))
            else:
                ss, se = mine[unit.source_tuv]
                src_tag = text[ss : ss + _START_TAG_END.match(text, ss).end()]  # type: ignore[union-attr]
                attr = "xml:lang" if "xml:lang" in src_tag else "lang"
                line_start = text.rfind("\n", 0, ss) + 1
                indent = text[line_start:ss] if not text[line_start:ss].strip() else ""
                newline = "\r\n" if text[line_start - 2 : line_start] == "\r\n" else "\n"
                lang = tgt or "und"
                new = f"{newline}{indent}<tuv {attr}={quoteattr(lang)}><seg>{content}</seg></tuv>"
                end = mine[-1][1]
                edits.append((end, end, new))
        result = splice(text, edits)
        atomic_write_bytes(out, bom + result.encode(enc))


# ----------------------------------------------------------------------- languages

def _tuv_lang(tuv: etree._Element) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()


def pick(langs: list[str], wanted: str, exclude: int | None = None) -> int | None:
    """Index of the variant in ``langs`` for BCP 47 tag ``wanted`` (``exclude``: an
    index not to choose). An exact, case-insensitive match wins; else a variant of the
    same language where one side has no subtags ("pt" ~ "pt-BR"), if only one such."""
    for i, lang in enumerate(langs):  # fast path: the same spelling
        if lang == wanted and i != exclude:
            return i
    w = wanted.lower().replace("_", "-")
    norm = [lang.lower().replace("_", "-") for lang in langs]
    exact = [i for i, lang in enumerate(norm) if lang == w]
    if exact:
        return next((i for i in exact if i != exclude), None)
    prim = w.split("-")[0]
    same = [
        i
        for i, lang in enumerate(norm)
        if i != exclude and lang.split("-")[0] == prim and (lang == prim or w == prim)
    ]
    return same[0] if len(same) == 1 else None


def _syntax(e: etree.XMLSyntaxError, path: Path) -> InputError:
    """Like :func:`syntax_error`, taking the location from the error log when
    ``iterparse`` lost it."""
    err = syntax_error(e, path)
    if err.line is None:
        entry = next((x for x in reversed(e.error_log) if x.level_name in ("FATAL", "ERROR")), None)
        if entry is not None:
            return InputError(f"malformed XML: {entry.message}", path, entry.line or None, entry.column or None)
    return err


def _peek(path: Path, options: ReadOptions) -> tuple[str | None, str | None, dict[str, object]]:
    """Languages from options, the header and the first ``<tu>``; plus metadata."""
    meta: dict[str, object] = {}
    srclang: str | None = None
    first: list[str] = []
    with _open(path) as f:
        try:
            for event, el in etree.iterparse(f, events=("start", "end"), **_PARSER_KW):
                name = local(el.tag)
                if event == "start":
                    if el.getparent() is None and name != "tmx":
                        raise InputError(f"not a TMX file (root element <{name}>)", path, el.sourceline)
                    if name == "tmx":
                        meta["version"] = el.get("version")
                    continue
                if name == "header":
                    srclang = el.get("srclang")
                    meta["srclang"] = srclang
                elif name == "tu":
                    first = [_tuv_lang(t) for t in el if local(t.tag) == "tuv"]
                    break
        except etree.XMLSyntaxError as e:
            raise _syntax(e, path) from None
    meta["languages"] = first
    src = options.source_lang
    if not src and srclang and srclang.lower() != "*all*":
        src = srclang
    if not src and first:
        src = first[0]
    tgt = options.target_lang
    if not tgt and first:
        s = pick(first, src) if src else None
        others: list[str] = []
        for i, lang in enumerate(first):
            if i != s and lang.lower() not in [o.lower() for o in others]:
                others.append(lang)
        tgt = others[0] if others else None
    return src, tgt, meta


# ------------------------------------------------------------------------ streaming

_PARSER_KW: dict[str, object] = dict(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False
)


def _open(path: Path) -> IO[bytes]:
    try:
        return open(path, "rb")
    except OSError as e:
        raise read_error(e, path) from None


def _check_safe(path: Path) -> None:
    head = read_head(path, _PROLOG_BYTES)
    if looks_binary(head):
        raise InputError("binary file, not text (it contains NUL bytes)", path)
    check_prolog(head, path)


def _iter_units(path: Path, src: str | None, tgt: str | None) -> Iterator[_Unit]:
    """Stream the units of the pair ``src``/``tgt``; ``<tu>``s without a source-language
    variant are skipped. Processed elements are freed as the stream goes."""
    index = 0
    pos = 0
    with _open(path) as f:
        try:
            for _, tu in etree.iterparse(f, events=("end",), tag=("tu", "{*}tu"), **_PARSER_KW):
                pos += 1
                unit = _unit(tu, pos, index, src, tgt)
                tu.clear(keep_tail=True)
                parent = tu.getparent()
                if parent is not None:
                    while tu.getprevious() is not None:
                        del parent[0]
                if unit is None:
                    continue
                index += 1
                yield unit
        except etree.XMLSyntaxError as e:
            raise _syntax(e, path) from None


def _name(tag: object) -> str:
    """Local name of a tag, fast for the usual namespace-less TMX."""
    if not isinstance(tag, str):
        return ""
    return tag if tag[0] != "{" else tag.rpartition("}")[2]


def _unit(tu: etree._Element, pos: int, index: int, src: str | None, tgt: str | None) -> _Unit | None:
    tuvs: list[etree._Element] = []
    notes: list[str] = []
    for child in tu:
        name = _name(child.tag)
        if name == "tuv":
            tuvs.append(child)
        elif name == "note" and child.text:
            notes.append(child.text)
    langs = [t.get(XML_LANG) or t.get("lang") or "" for t in tuvs]
    s = pick(langs, src) if src else (0 if tuvs else None)
    if s is None:
        return None
    t = pick(langs, tgt, exclude=s) if tgt else None
    source, source_codes = _variant(tuvs[s], notes)
    target: str | None = None
    target_codes: tuple[InlineCode, ...] = ()
    if t is not None:
        target, target_codes = _variant(tuvs[t], notes)
    seg = Segment(
        id=tu.get("tuid") or str(pos),
        index=index,
        source=source,
        target=target,
        line=tu.sourceline,
        source_codes=source_codes,
        target_codes=target_codes,
        notes=tuple(notes),
        # findings point at the variant they are about, not at the <tu>
        target_line=_seg_line(tuvs[t]) if t is not None else None,
        source_line=_seg_line(tuvs[s]),
    )
    return _Unit(seg, pos - 1, s, t)


def _seg_line(tuv: etree._Element) -> int | None:
    """The line of a variant's ``<seg>`` (else of the ``<tuv>``)."""
    for child in tuv:
        if isinstance(child.tag, str) and _name(child.tag) == "seg":
            return child.sourceline
    return tuv.sourceline


def _variant(tuv: etree._Element, notes: list[str]) -> tuple[str, tuple[InlineCode, ...]]:
    """Text and codes of a variant's ``<seg>``; its ``<note>`` texts go to ``notes``."""
    seg = None
    for child in tuv:
        name = _name(child.tag)
        if name == "seg":
            seg = child
        elif name == "note" and child.text:
            notes.append(child.text)
    if seg is None:
        return "", ()
    if len(seg) == 0:
        return seg.text or "", ()
    parts: list[str] = []
    codes: list[InlineCode] = []
    _walk(seg, parts, codes, {})
    return "".join(parts), tuple(codes)


# ---------------------------------------------------------------------- inline codes


def _add(parts: list[str], codes: list[InlineCode], code: InlineCode) -> None:
    if CODE_BASE + len(codes) > CODE_MAX:
        raise ValueError("too many inline codes in one segment")
    parts.append(code_char(len(codes)))
    codes.append(code)


def _walk(el: etree._Element, parts: list[str], codes: list[InlineCode], pairs: dict[str, str]) -> None:
    parts.append(el.text or "")
    for child in el:
        name = _name(child.tag)
        if not isinstance(child.tag, str):  # comment / PI inside a seg: keep as a code
            _add(parts, codes, InlineCode("standalone", f"c{len(codes)}", _markup(child), ""))
        elif name == "hi":
            cid = child.get("x") or f"hi{len(codes)}"
            attrs = "".join(f" {_qname(k)}={quoteattr(v)}" for k, v in child.attrib.items())
            _add(parts, codes, InlineCode("open", cid, f"<hi{attrs}>", "<hi>"))
            _walk(child, parts, codes, pairs)
            _add(parts, codes, InlineCode("close", cid, "</hi>", "</hi>"))
        else:
            kind = _CODE_TAGS.get(name, "standalone")
            i = child.get("i")
            if name == "bpt":
                cid = child.get("x") or i or str(len(codes))
                if i is not None:
                    pairs[i] = cid
            elif name == "ept":
                cid = pairs.get(i or "", i or str(len(codes)))
            else:
                cid = child.get("x") or child.get("i") or f"{name}{len(codes)}"
            _add(parts, codes, InlineCode(kind, cid, _markup(child), _display(child, name, cid)))
        parts.append(child.tail or "")


def _qname(key: str) -> str:
    return "xml:" + key.rpartition("}")[2] if key.startswith("{http://www.w3.org/XML/1998/namespace}") else local(key)


def _markup(el: etree._Element) -> str:
    return etree.tostring(el, encoding="unicode", with_tail=False)


def _display(el: etree._Element, name: str, cid: str) -> str:
    native = (el.text or "").strip() if len(el) == 0 else "".join(el.itertext()).strip()
    if native and len(native) <= 24:
        return native
    if name == "bpt" or (name == "it" and el.get("pos") == "begin"):
        return f"<{cid}>"
    if name == "ept" or name == "it":
        return f"</{cid}>"
    return f"<{cid}/>"


def render(text: str, codes: tuple[InlineCode, ...]) -> str:
    """Segment text back to ``<seg>`` content: text escaped, codes as their markup."""
    out: list[str] = []
    for ch in text:
        i = code_index(ch)
        if i is None:
            out.append(escape(ch, {"\r": "&#13;"}))  # a literal CR would read back as LF
        elif i < len(codes):
            out.append(codes[i].data)
        else:
            raise ValueError(f"inline code placeholder U+{ord(ch):04X} has no code")
    return "".join(out)


# --------------------------------------------------------------------------- writing


def _text_encoding(data: bytes) -> tuple[str, bytes]:
    """``(codec, bom)`` to decode and re-encode the file identically."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return enc, bom
    enc = xml_encoding(data)
    return ("utf-8" if enc == "utf-8-sig" else enc), b""


def _nest(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group ``inner`` spans under the ``outer`` span containing each (both sorted)."""
    groups: list[list[tuple[int, int]]] = [[] for _ in outer]
    k = 0
    for span in inner:
        while k < len(outer) and outer[k][1] < span[1]:
            k += 1
        if k < len(outer) and outer[k][0] <= span[0]:
            groups[k].append(span)
    return groups


def _seg_edit(text: str, start: int, end: int, content: str) -> tuple[int, int, str]:
    """The edit replacing the content of the ``<seg>`` spanning ``text[start:end]``."""
    m = _START_TAG_END.match(text, start)
    assert m is not None
    tag_end = m.end()
    if text[tag_end - 2 : tag_end] == "/>":  # <seg/>
        open_tag = text[start : tag_end - 2].rstrip() + ">"
        return start, end, f"{open_tag}{content}</seg>"
    close = text.rfind("</", tag_end, end)
    return tag_end, close, content

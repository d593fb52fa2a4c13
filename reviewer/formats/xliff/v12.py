"""XLIFF 1.2 (and 1.0/1.1) reading: trans-units, seg-source segments, inline codes.

Inline codes: ``g`` and non-segment ``mrk`` become open/close pairs (the start tag and
the end tag as written), ``x``/``ph`` standalone codes, ``bx``/``bpt`` and ``ex``/``ept``
open/close halves paired by ``rid`` (else ``id``), ``it`` isolated codes; ``data`` is
the element's original markup, so writers put it back unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from ...errors import InputError
from ...model import InlineCode, Segment
from ...status import xliff12_status
from ..keyed import unique_id
from ..xmlsafe import local
from .stream import Builder, EventStream, Header, Loc, RawUnit, clear_done, namespace, parse_ignore

_STANDALONE = {"x", "ph"}
_OPEN = {"bx", "bpt"}
_CLOSE = {"ex", "ept"}


def content(el: etree._Element, raw: RawUnit, path: Path) -> tuple[str, tuple[InlineCode, ...]]:
    """Text of a source/target/mrk element with its inline codes."""
    b = Builder()
    _walk(el, raw, b, path)
    return b.result()


def _walk(el: etree._Element, raw: RawUnit, b: Builder, path: Path) -> None:
    b.text(el.text)
    for child in el:
        if isinstance(child, etree._Entity):
            raise InputError(f"entity reference &{child.name}; is not allowed", path, child.sourceline)
        if not isinstance(child.tag, str):  # comment or processing instruction
            b.text(child.tail)
            continue
        name = local(child.tag)
        cid = child.get("id") or child.get("mid") or ""
        if name in ("g", "mrk"):
            b.code(InlineCode("open", cid, raw.start_tag(child), f"<{name}{cid}>"))
            _walk(child, raw, b, path)
            b.code(InlineCode("close", cid, raw.end_tag(child), f"</{name}{cid}>"))
        elif name in _OPEN or name in _CLOSE:
            key = child.get("rid") or cid
            kind = "open" if name in _OPEN else "close"
            b.code(InlineCode(kind, key, raw.markup(child), f"<{name}{cid}/>", child.get("equiv-text")))
        elif name == "it":
            b.code(InlineCode("isolated", cid, raw.markup(child), f"<it{cid}/>", child.get("equiv-text")))
        else:  # x, ph and anything unexpected: kept whole as a placeholder
            b.code(InlineCode("standalone", cid, raw.markup(child), f"<{name}{cid}/>", child.get("equiv-text")))
        b.text(child.tail)


def _seg_mrks(el: etree._Element | None) -> list[etree._Element]:
    if el is None:
        return []
    return [m for m in el.iter() if isinstance(m.tag, str) and local(m.tag) == "mrk" and m.get("mtype") == "seg"]


def read_segments(path: Path, header: Header) -> Iterator[tuple[Segment, Loc]]:
    """Stream the segments of an XLIFF 1.x file with their writer locations."""
    stream = EventStream(path)
    ns = header.ns
    translate: list[bool] = [True]
    index = 0
    seen_ids: dict[str, int] = {}
    for ev, el in stream.events():
        if stream.unit is not None:
            raw = stream.unit_end(ev, el)
            if raw is not None:
                if translate[-1] and el.get("translate", "yes") != "no":
                    for seg, loc in _unit(el, raw, stream, path, ns, index):
                        index += 1
                        yield unique_id(seg, seen_ids), loc
                stream.close_unit(el)
            continue
        name = local(el.tag)
        if ev == "start":
            span = stream.raw.seek(stream.n)
            if name == "trans-unit" and namespace(el.tag) == ns:
                stream.open_unit(el, span)
            elif name == "group":
                translate.append(translate[-1] and el.get("translate", "yes") != "no")
            elif name == "file":
                seen_ids.clear()  # trans-unit ids are unique within a <file>
        else:
            if name == "group" and len(translate) > 1:
                translate.pop()
            if el.getparent() is not None:
                clear_done(el)


_MARKUP_TYPES = frozenset({"html", "htmlbody", "xhtml", "xml", "sgml"})
_WS_RUN = re.compile(r"[ \t\r\n]+")


def collapse_ws(text: str) -> str:
    """Markup text as rendered: whitespace runs one space, none at the ends."""
    return _WS_RUN.sub(" ", text).strip(" ")


def _context(el: etree._Element, ns: str) -> str | None:
    """What disambiguates the unit: Angular's ``meaning`` note. (A resource key such as
    ``resname`` names every unit differently, so it is an id, not a context.)"""
    for c in el:
        if isinstance(c.tag, str) and local(c.tag) == "note" and c.get("from") == "meaning":
            return "".join(c.itertext()).strip() or None
    return None


def _unit(
    el: etree._Element, raw: RawUnit, stream: EventStream, path: Path, ns: str, index: int
) -> Iterator[tuple[Segment, Loc]]:
    uid = el.get("id")
    if not uid:
        raise InputError("<trans-unit> without the required id attribute", path, el.sourceline)
    kids: dict[str, etree._Element] = {}
    notes: list[str] = []
    tgt: str | None
    t_ord: int | None
    for c in el:
        if not isinstance(c.tag, str) or namespace(c.tag) != ns:
            continue
        n = local(c.tag)
        if n == "note":
            notes.append("".join(c.itertext()).strip())
        elif n in ("source", "seg-source", "target") and n not in kids:
            kids[n] = c
    source = kids.get("source")
    target = kids.get("target")
    if source is None:
        # lenient: the unit is a ``format`` finding, the rest of the file is read (a
        # unit with neither source nor target has nothing to review or write)
        if target is None:
            return
        tgt, tcodes = content(target, raw, path)
        t_ord = stream.ordinals[target]
        yield (
            Segment(uid, index, "", tgt, el.sourceline, (), tcodes, notes=tuple(notes),
                    status="translated" if tgt else "untranslated",
                    problems=((el.sourceline, f"<trans-unit id={uid!r}> has no <source>"),)),
            Loc(t_ord, ("target", t_ord), f"{target.prefix}:" if target.prefix else "", 1),
        )
        return
    segsrc = kids.get("seg-source")
    ignore: frozenset[str] = frozenset()
    for n in notes:
        ignore |= parse_ignore(n)
    max_length: int | None = None
    if el.get("maxwidth") and el.get("size-unit") == "char":
        try:
            max_length = int(el.get("maxwidth", ""))
        except ValueError:
            raise InputError(f"maxwidth {el.get('maxwidth')!r} is not a number", path, el.sourceline) from None
    prefix = f"{source.prefix}:" if source.prefix else ""
    state = target.get("state") if target is not None else None
    t_ord = stream.ordinals.get(target) if target is not None else None
    t_text = "".join(target.itertext()) if target is not None else None
    status, problem = xliff12_status(state, t_text)
    if status == "new" and t_text and target is not None and t_text == "".join(source.itertext()):
        status = "new"  # a copy of the source awaiting translation
    context = _context(el, ns)
    problems = ((target.sourceline, problem),) if problem and target is not None else ()

    def segment(sid: str, i: int, src: str, tgt: str | None, line: int | None,
                scodes: tuple[InlineCode, ...], tcodes: tuple[InlineCode, ...],
                target_line: int | None) -> Segment:
        return Segment(sid, i, src, tgt, line, scodes, tcodes, notes=tuple(notes), state=state,
                       max_length=max_length, ignore=ignore, status=status, context=context,
                       problems=problems, target_line=target_line)
    smrks = _seg_mrks(segsrc)
    if not smrks:
        src, scodes = content(source, raw, path)
        tgt, tcodes = content(target, raw, path) if target is not None else (None, ())
        if (el.get("datatype") or "").lower() in _MARKUP_TYPES:
            # HTML/XML content: whitespace runs render as one space (Angular's
            # datatype="html" units are indented and wrapped freely)
            src = collapse_ws(src)
            tgt = collapse_ws(tgt) if tgt is not None else None
        anchor = ("seg-source", stream.ordinals[segsrc]) if segsrc is not None else ("source", stream.ordinals[source])
        yield (
            segment(uid, index, src, tgt, source.sourceline, scodes, tcodes,
                    target.sourceline if target is not None else None),
            Loc(t_ord, anchor, prefix, 1),
        )
        return
    tmrks = {m.get("mid"): m for m in _seg_mrks(target)}
    assert segsrc is not None  # mrk segments come from a <seg-source>
    anchor = ("seg-source", stream.ordinals[segsrc])
    for k, m in enumerate(smrks):
        mid = m.get("mid") or str(k + 1)
        src, scodes = content(m, raw, path)
        tm = tmrks.get(mid)
        tgt, tcodes = content(tm, raw, path) if tm is not None else (None, ())
        sid = uid if len(smrks) == 1 else f"{uid}/{mid}"
        yield (
            segment(sid, index + k, src, tgt, m.sourceline, scodes, tcodes,
                    tm.sourceline if tm is not None else None),
            Loc(t_ord, anchor, prefix, 1, mid=mid, tmrk=stream.ordinals.get(tm) if tm is not None else None),
        )

"""XLIFF 2.0/2.1/2.2 reading: units, segments, inline codes, notes, glossary entries.

Each ``<segment>`` is one :class:`Segment` (``<ignorable>`` text is not). Inline codes:
``ph`` standalone; ``pc`` and ``mrk`` open/close pairs (start tag / end tag as written);
``sc``/``ec`` and ``sm``/``em`` open/close, isolated when ``isolated="yes"`` or their
partner is outside the segment; ``cp`` is decoded to its character. Every unit passes
the conformance checks of :mod:`.v2_validate` before it is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from lxml import etree

from ...errors import InputError
from ...model import InlineCode, Segment
from ...status import xliff2_status
from ..keyed import unique_id
from ..xmlsafe import local
from .stream import Builder, EventStream, Header, Loc, RawUnit, clear_done, parse_ignore
from .v2_unit import UnitChecker
from .v2_validate import XML_LANG, XML_SPACE, Checker, Ctx

GLS_NS = "urn:oasis:names:tc:xliff:glossary:2.0"


def read_segments(path: Path, header: Header) -> Iterator[tuple[Segment, Loc]]:
    """Stream the segments of an XLIFF 2 file, checking conformance as it goes."""
    stream = EventStream(path)
    chk = Checker(path, header.ns, header.source_lang, header.target_lang)
    stack: list[tuple[etree._Element, Ctx]] = []
    other: etree._Element | None = None
    index = 0
    seen_ids: dict[str, int] = {}
    for ev, el in stream.events():
        if stream.unit is not None:
            raw = stream.unit_end(ev, el)
            if raw is not None:
                ctx = stack[-1][1]
                UnitChecker(chk, ctx, el).run()
                translate = el.get("translate", "yes" if ctx.translate else "no") != "no"
                if translate:
                    for seg, loc in _unit(el, raw, stream, chk, ctx, index):
                        index += 1
                        yield unique_id(seg, seen_ids), loc
                stream.close_unit(el)
            continue
        if other is not None:
            if ev == "end" and el is other:
                chk.side_element(stack[-1][1], el)
                clear_done(el)
                other = None
            continue
        if ev == "start":
            span = stream.raw.seek(stream.n)
            if not stack:
                chk.root(el)
                stack.append((el, Ctx("xliff", None, el.sourceline, el.get(XML_LANG),
                                      el.get(XML_SPACE, "default"), True)))
                continue
            parent = stack[-1][1]
            chk.child(parent, el)
            name = local(el.tag) if chk.is_xlf(el) else ""
            if name in ("file", "group"):
                if name == "file":
                    seen_ids.clear()  # unit ids are unique within a <file>
                stack.append((el, chk.container(name, el, parent)))
            elif name == "unit":
                stream.open_unit(el, span)
            else:
                other = el
        else:
            if stack and el is stack[-1][0]:
                chk.close(stack.pop()[1], el)
                clear_done(el)


def _content(el: etree._Element, raw: RawUnit, chk: Checker) -> tuple[str, tuple[InlineCode, ...]]:
    """Text and codes of a <source> or <target>."""
    b = Builder()
    inner = [e for e in el.iterdescendants() if isinstance(e.tag, str)]
    ec_refs = {e.get("startRef") for e in inner if local(e.tag) in ("ec", "em")}
    sc_ids = {e.get("id") for e in inner if local(e.tag) in ("sc", "sm")}
    _walk(el, raw, b, chk, ec_refs, sc_ids)
    return b.result()


def _walk(el: etree._Element, raw: RawUnit, b: Builder, chk: Checker,
          ec_refs: set[str | None], sc_ids: set[str | None]) -> None:
    b.text(el.text)
    for child in chk.kids(el):
        name = local(child.tag)
        cid = child.get("id") or child.get("startRef") or ""
        if name == "cp":
            b.text(chr(int(child.get("hex", "0"), 16)))
        elif name == "ph":
            b.code(InlineCode("standalone", cid, raw.markup(child), child.get("disp") or f"<ph{cid}/>",
                              child.get("equiv")))
        elif name in ("pc", "mrk"):
            b.code(InlineCode("open", cid, raw.start_tag(child), child.get("dispStart") or f"<{name}{cid}>",
                              child.get("equivStart")))
            _walk(child, raw, b, chk, ec_refs, sc_ids)
            b.code(InlineCode("close", cid, raw.end_tag(child), child.get("dispEnd") or f"</{name}{cid}>",
                              child.get("equivEnd")))
        elif name in ("sc", "sm"):
            iso = child.get("isolated") == "yes" or cid not in ec_refs
            b.code(InlineCode("isolated" if iso else "open", cid, raw.markup(child),
                              child.get("disp") or f"<{name}{cid}>", child.get("equiv")))
        elif name in ("ec", "em"):
            iso = child.get("isolated") == "yes" or cid not in sc_ids
            label = "sc" if name == "ec" else "sm"
            b.code(InlineCode("isolated" if iso else "close", cid, raw.markup(child),
                              child.get("disp") or f"</{label}{cid}>", child.get("equiv")))
        b.text(child.tail)


def _terms(unit: etree._Element) -> tuple[tuple[str, str], ...]:
    """(source term, translation) pairs of the unit's Glossary module entries."""
    out: list[tuple[str, str]] = []
    for gl in unit:
        if gl.tag != f"{{{GLS_NS}}}glossary":
            continue
        for entry in gl.iter(f"{{{GLS_NS}}}glossEntry"):
            term = entry.find(f"{{{GLS_NS}}}term")
            if term is None:
                continue
            src = " ".join("".join(term.itertext()).split())
            for tr in entry.iter(f"{{{GLS_NS}}}translation"):
                out.append((src, " ".join("".join(tr.itertext()).split())))
    return tuple(out)


def _unit(unit: etree._Element, raw: RawUnit, stream: EventStream, chk: Checker,
          ctx: Ctx, index: int) -> Iterator[tuple[Segment, Loc]]:
    uid = unit.get("id") or ""
    notes: list[tuple[str, str | None]] = []
    obsolete = False
    parts: list[etree._Element] = []
    for k in chk.kids(unit):
        if not chk.is_xlf(k):
            continue
        name = local(k.tag)
        if name == "notes":
            for n in chk.kids(k):
                text = "".join(n.itertext()).strip()
                if n.get("category") == "state" and text.lower() == "obsolete":
                    # Symfony's translation:extract marks a message the code no longer
                    # uses so: kept in the file, not reviewed (as a PO #~ entry)
                    obsolete = True
                notes.append((text, n.get("ref")))
        elif name in ("segment", "ignorable"):
            parts.append(k)
    segments = [p for p in parts if local(p.tag) == "segment"]
    seg_ids = {p.get("id") for p in segments if p.get("id")}
    terms = _terms(unit)
    for k, seg in enumerate(segments):
        sid = seg.get("id") or str(k + 1)
        kids = chk.kids(seg)
        source = kids[0]
        target = kids[1] if len(kids) > 1 else None
        own = [t for t, ref in notes
               if not ref or not ref.startswith("#") or ref[1:] not in seg_ids or ref[1:] == seg.get("id")]
        ignore: frozenset[str] = frozenset()
        for t in own:
            ignore |= parse_ignore(t)
        src, scodes = _content(source, raw, chk)
        tgt, tcodes = _content(target, raw, chk) if target is not None else (None, ())
        prefix = f"{source.prefix}:" if source.prefix else ""
        extra = ""
        inherited_space = unit.get(XML_SPACE, ctx.space)
        if source.get(XML_SPACE, inherited_space) != inherited_space:
            extra += f' xml:space="{source.get(XML_SPACE)}"'
        inherited_lang = unit.get(XML_LANG, ctx.lang)
        if inherited_lang is not None and chk.trg is not None and inherited_lang.lower() != chk.trg:
            extra += f' xml:lang="{chk.trg_raw}"'
        yield (
            Segment(
                id=uid if len(segments) == 1 else f"{uid}/{sid}",
                index=index + k,
                source=src,
                target=tgt,
                line=source.sourceline,
                target_line=target.sourceline if target is not None else None,
                source_codes=scodes,
                target_codes=tcodes,
                notes=tuple(own),
                state=seg.get("state"),
                status=_status(seg.get("state"), tgt),
                problems=_problem(seg, tgt),
                ignore=ignore,
                terms=terms,
                flags=frozenset({"obsolete"}) if obsolete else frozenset(),
            ),
            Loc(stream.ordinals.get(target) if target is not None else None,
                ("source", stream.ordinals[source]), prefix, 2, extra=extra),
        )
    if not segments:  # pragma: no cover - the checker refuses this
        raise InputError(f"unit {uid!r} has no segment", chk.path, unit.sourceline)


def _status(state: str | None, target: str | None) -> str:
    return xliff2_status(state, target)[0]


def _problem(seg: etree._Element, target: str | None) -> tuple[tuple[int | None, str], ...]:
    problem = xliff2_status(seg.get("state"), target)[1]
    return ((seg.sourceline, problem),) if problem else ()

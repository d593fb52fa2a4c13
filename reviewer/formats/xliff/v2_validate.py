"""XLIFF 2.x conformance checks (the core specification's constraints).

lxml has no XLIFF 2 schema here, so the reader checks explicitly: element order and
cardinality, required and allowed attributes and their values, id syntax and
uniqueness, language and ``xml:space`` consistency, inline-code pairing (``sc``/``ec``,
``sm``/``em``), ``dataRef``/``copyOf``/``subFlows`` references, ``canCopy``/
``canDelete``/``canReorder`` constraints, fragment identifiers, and the fs module
attributes. Every violation is an :class:`InputError` naming the file and line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from ...errors import InputError
from ..xmlsafe import local

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"
XML_ID = f"{{{XML_NS}}}id"
FS_NS = "urn:oasis:names:tc:xliff:fs:2.0"
MODULE_PREFIX = "urn:oasis:names:tc:xliff:"
ITS_NS = "http://www.w3.org/2005/11/its"

NMTOKEN = re.compile(r"^[\w.\-:\u00b7\u0300-\u036f\u203f\u2040]+$")
PREFIXED = re.compile(r"^[\w.\-]+:[\w.\-:]+$")
LANG = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[xX](?:-[A-Za-z0-9]{1,8})+|[iI]-[A-Za-z]{2,8})$"
)
YESNO = {"yes", "no"}
CODE_TYPES = {"fmt", "ui", "quote", "link", "image", "other"}
XLF_SUBTYPES = {"lb": "fmt", "pb": "fmt", "b": "fmt", "i": "fmt", "u": "fmt", "var": "ui"}
STATES = {"initial", "translated", "reviewed", "final"}
DIRS = {"ltr", "rtl", "auto"}
CORE_PREFIXES = {"f", "g", "u", "n", "d", "t"}
REGISTERED_PREFIXES = {"mtc", "gls", "mda", "res", "slr", "val", "ctr", "its", "fs", "pgs", "tbx"}
MODULE_ELEMENTS = {
    "urn:oasis:names:tc:xliff:matches:2.0": {"matches"},
    "urn:oasis:names:tc:xliff:glossary:2.0": {"glossary"},
    "urn:oasis:names:tc:xliff:metadata:2.0": {"metadata"},
    "urn:oasis:names:tc:xliff:resourcedata:2.0": {"resourceData"},
    "urn:oasis:names:tc:xliff:validation:2.0": {"validation"},
    "urn:oasis:names:tc:xliff:sizerestriction:2.0": {"profiles", "data"},
}
HTML = set(
    "a abbr acronym address applet area article aside audio b base basefont bdi bdo big "
    "blockquote body br button canvas caption center cite code col colgroup data datalist dd "
    "del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form "
    "frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd "
    "keygen label legend li link main map mark menu menuitem meta meter nav noframes noscript "
    "object ol optgroup option output p param picture pre progress q rp rt ruby s samp script "
    "section select small source span strike strong style sub summary sup svg table tbody td "
    "template textarea tfoot th thead time title tr track tt u ul var video wbr math".split()
)

_CODE_ATTRS = {"canCopy", "canDelete", "canReorder", "copyOf", "id", "subType", "type"}
ATTRS: dict[str, set[str]] = {
    "xliff": {"version", "srcLang", "trgLang"},
    "file": {"id", "canResegment", "original", "translate", "srcDir", "trgDir"},
    "skeleton": {"href"},
    "group": {"id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"},
    "unit": {"id", "name", "canResegment", "translate", "srcDir", "trgDir", "type"},
    "segment": {"id", "canResegment", "state", "subState"},
    "ignorable": {"id"},
    "notes": set(),
    "note": {"id", "appliesTo", "category", "priority", "ref"},
    "originalData": set(),
    "data": {"id", "dir"},
    "source": set(),
    "target": {"order"},
    "cp": {"hex"},
    "ph": _CODE_ATTRS | {"disp", "equiv", "dataRef", "subFlows"},
    "pc": _CODE_ATTRS | {"canOverlap", "dispEnd", "dispStart", "equivEnd", "equivStart",
                         "dataRefEnd", "dataRefStart", "subFlowsEnd", "subFlowsStart", "dir"},
    "sc": _CODE_ATTRS | {"canOverlap", "dataRef", "dir", "disp", "equiv", "isolated", "subFlows"},
    "ec": _CODE_ATTRS | {"canOverlap", "dataRef", "dir", "disp", "equiv", "isolated",
                         "startRef", "subFlows"},
    "mrk": {"id", "translate", "type", "ref", "value"},
    "sm": {"id", "translate", "type", "ref", "value"},
    "em": {"startRef"},
}
EXTENSIBLE = {"xliff", "file", "group", "unit", "note", "mrk", "sm"}
INLINE = {"cp", "ph", "pc", "sc", "ec", "mrk", "sm", "em"}


@dataclass
class Ctx:
    """A container being read (xliff, file or group) and what its children saw."""

    kind: str
    el_id: str | None
    line: int | None
    lang: str | None
    space: str
    translate: bool
    phase: int = 0
    children: int = 0
    seen: set[str] = field(default_factory=set)
    ext_ids: set[str] = field(default_factory=set)
    group_ids: set[str] = field(default_factory=set)
    unit_ids: set[str] = field(default_factory=set)
    subflows: list[tuple[str, int | None]] = field(default_factory=list)
    file: "Ctx | None" = None


class Checker:
    """Raises :class:`InputError` for the first constraint a document breaks."""

    def __init__(self, path: Path, ns: str, src_lang: str | None, trg_lang: str | None):
        self.path = path
        self.ns = ns
        self.src = (src_lang or "").lower()
        self.trg = (trg_lang or "").lower() if trg_lang else None
        self.trg_raw = trg_lang

    # -------------------------------------------------------------- helpers
    def fail(self, msg: str, el: etree._Element | None = None) -> InputError:
        """An InputError at ``el``'s line."""
        return InputError(f"invalid XLIFF 2: {msg}", self.path, el.sourceline if el is not None else None)

    def is_xlf(self, el: etree._Element) -> bool:
        """True for an element of the XLIFF core namespace."""
        return isinstance(el.tag, str) and el.tag.startswith(f"{{{self.ns}}}")

    def kids(self, el: etree._Element) -> list[etree._Element]:
        """Element children (comments and PIs skipped; entity references refused)."""
        out = []
        for c in el:
            if isinstance(c, etree._Entity):
                raise self.fail(f"entity reference &{c.name}; is not allowed", c)
            if isinstance(c.tag, str):
                out.append(c)
        return out

    def attrs(self, el: etree._Element) -> None:
        """Allowed attributes, their syntax, and the fs module attributes."""
        name = local(el.tag)
        allowed = ATTRS.get(name, set())
        for key, value in el.attrib.items():
            ns = key[1:].partition("}")[0] if key.startswith("{") else ""
            lname = key.rpartition("}")[2]
            if not ns:
                if lname not in allowed:
                    raise self.fail(f"attribute {lname!r} is not allowed on <{name}>", el)
                continue
            if ns == XML_NS:
                if lname == "lang" and not LANG.match(value):
                    raise self.fail(f"xml:lang {value!r} is not a well-formed language tag", el)
                if lname == "space" and value not in ("default", "preserve"):
                    raise self.fail(f"xml:space {value!r} must be default or preserve", el)
                continue
            if ns == FS_NS:
                if lname not in ("fs", "subFs"):
                    raise self.fail(f"fs:{lname} is not an attribute of the fs module", el)
                if lname == "fs" and value not in HTML:
                    raise self.fail(f"fs:fs {value!r} is not an HTML element name", el)
                if lname == "fs" and name == "ec" and el.get("isolated") != "yes":
                    raise self.fail("fs:fs is not allowed on a non-isolated <ec>", el)
                continue
            if ns.startswith(MODULE_PREFIX) or ns == ITS_NS:
                continue
            if name not in EXTENSIBLE:
                raise self.fail(f"extension attribute {key!r} is not allowed on <{name}>", el)
        if el.get(f"{{{FS_NS}}}subFs") is not None and el.get(f"{{{FS_NS}}}fs") is None:
            raise self.fail("fs:subFs requires fs:fs", el)
        for a in ("canResegment", "translate", "canCopy", "canDelete", "canOverlap", "isolated"):
            v = el.get(a)
            if v is not None and v not in YESNO:
                raise self.fail(f"{a}={v!r} must be yes or no", el)
        for a in ("srcDir", "trgDir", "dir"):
            v = el.get(a)
            if v is not None and v not in DIRS:
                raise self.fail(f"{a}={v!r} must be ltr, rtl or auto", el)
        v = el.get("canReorder")
        if v is not None and v not in ("yes", "no", "firstNo"):
            raise self.fail(f"canReorder={v!r} must be yes, no or firstNo", el)
        v = el.get("id")
        if v is not None and not NMTOKEN.match(v):
            raise self.fail(f"id {v!r} is not a valid NMTOKEN", el)
        ref = el.get("ref")
        if ref is not None and name in ("mrk", "sm", "note"):
            err = fragment_error(ref)
            if err:
                raise self.fail(f"ref {ref!r}: {err}", el)

    def ext_ids(self, el: etree._Element, seen: set[str]) -> None:
        """Ids of extension elements must be unique within their container."""
        ns = el.tag[1:].partition("}")[0] if el.tag.startswith("{") else ""
        if ns.startswith(MODULE_PREFIX):
            allowed = MODULE_ELEMENTS.get(ns)
            if allowed is not None and local(el.tag) not in allowed:
                raise self.fail(f"<{local(el.tag)}> is not an element of module {ns}", el)
            return
        for e in el.iter():
            if not isinstance(e.tag, str):
                continue
            for key in ("id", XML_ID):
                v = e.get(key)
                if v is not None:
                    if v in seen:
                        raise self.fail(f"extension element id {v!r} is not unique", e)
                    seen.add(v)

    # -------------------------------------------------------------- containers
    def root(self, el: etree._Element) -> None:
        """The <xliff> element."""
        if not self.is_xlf(el):
            raise self.fail(f"the root element must be in the XLIFF 2 namespace, not {el.tag!r}", el)
        self.attrs(el)
        ver = el.get("version")
        if not ver:
            raise self.fail("<xliff> lacks the required version attribute", el)
        if not re.match(r"^2\.\d+$", ver):
            raise self.fail(f"unsupported version {ver!r}", el)
        src = el.get("srcLang")
        if not src:
            raise self.fail("<xliff> lacks the required srcLang attribute", el)
        for a in ("srcLang", "trgLang"):
            v = el.get(a)
            if v is not None and not LANG.match(v):
                raise self.fail(f"{a} {v!r} is not a well-formed language tag", el)

    def child(self, parent: Ctx, el: etree._Element) -> int:
        """Check that ``el`` may come next in ``parent``; return its phase."""
        name = local(el.tag)
        xlf = self.is_xlf(el)
        if parent.kind == "xliff":
            order = {"notes": 1, "file": 2}
        elif parent.kind == "file":
            order = {"skeleton": 0, "notes": 2, "unit": 3, "group": 3}
        else:
            order = {"notes": 2, "unit": 3, "group": 3}
        if xlf:
            if name not in order:
                raise self.fail(f"<{name}> is not allowed in <{parent.kind}>", el)
            phase = order[name]
        else:
            ns = el.tag[1:].partition("}")[0] if el.tag.startswith("{") else ""
            if parent.kind == "xliff" and not ns.startswith(MODULE_PREFIX):
                raise self.fail(f"extension element <{local(el.tag)}> is not allowed outside <file>", el)
            phase = 1
        once = xlf and name in ("skeleton", "notes")
        if phase < parent.phase or (once and name in parent.seen):
            raise self.fail(f"<{name}> is out of place in <{parent.kind}>", el)
        if once:
            parent.seen.add(name)
        parent.phase = phase
        if xlf and name in ("unit", "group", "file"):
            parent.children += 1
        return phase

    def container(self, kind: str, el: etree._Element, parent: Ctx) -> Ctx:
        """A <file> or <group> starts."""
        self.attrs(el)
        cid = el.get("id")
        if not cid:
            raise self.fail(f"<{kind}> lacks the required id attribute", el)
        if kind == "file":
            if cid in parent.unit_ids:
                raise self.fail(f"file id {cid!r} is not unique", el)
            parent.unit_ids.add(cid)
        else:
            f = parent.file if parent.kind == "group" else parent
            assert f is not None
            if cid in f.group_ids:
                raise self.fail(f"group id {cid!r} is not unique in the file", el)
            f.group_ids.add(cid)
        ctx = Ctx(kind, cid, el.sourceline, el.get(XML_LANG, parent.lang),
                  el.get(XML_SPACE, parent.space),
                  el.get("translate", "yes" if parent.translate else "no") != "no")
        ctx.file = ctx if kind == "file" else parent.file if parent.kind == "group" else parent
        return ctx

    def close(self, ctx: Ctx, el: etree._Element) -> None:
        """A container ends: cardinality and deferred references."""
        if ctx.kind == "xliff" and ctx.children == 0:
            raise self.fail("<xliff> must contain at least one <file>", el)
        if ctx.kind == "file":
            if ctx.children == 0:
                raise self.fail("<file> must contain at least one <unit> or <group>", el)
            for ref, line in ctx.subflows:
                if ref not in ctx.unit_ids:
                    raise InputError(f"invalid XLIFF 2: subFlows refers to unknown unit {ref!r}", self.path, line)

    def side_element(self, ctx: Ctx, el: etree._Element) -> None:
        """A non-unit, non-group child of xliff/file/group ended."""
        name = local(el.tag)
        if not self.is_xlf(el):
            self.ext_ids(el, ctx.ext_ids)
        elif name == "notes":
            self.notes(el)
        elif name == "skeleton":
            self.attrs(el)
            has = bool((el.text or "").strip()) or len(self.kids(el)) > 0
            if el.get("href") and has:
                raise self.fail("<skeleton> with href must be empty", el)
            if not el.get("href") and not has:
                raise self.fail("<skeleton> without href must have content", el)

    def notes(self, el: etree._Element) -> set[str]:
        """A <notes> element: note+, unique ids; returns the ids."""
        self.attrs(el)
        ids: set[str] = set()
        kids = self.kids(el)
        if not kids:
            raise self.fail("<notes> must contain at least one <note>", el)
        for n in kids:
            if not self.is_xlf(n) or local(n.tag) != "note":
                raise self.fail(f"<{local(n.tag)}> is not allowed in <notes>", n)
            self.attrs(n)
            if self.kids(n):
                raise self.fail("<note> must contain text only", n)
            nid = n.get("id")
            if nid is not None:
                if nid in ids:
                    raise self.fail(f"note id {nid!r} is not unique", n)
                ids.add(nid)
            if n.get("appliesTo") not in (None, "source", "target"):
                raise self.fail("appliesTo must be source or target", n)
            pr = n.get("priority")
            if pr is not None and not (pr.isdigit() and 1 <= int(pr) <= 10):
                raise self.fail(f"priority {pr!r} must be 1 to 10", n)
        return ids


def fragment_error(ref: str) -> str | None:
    """What is wrong with an XLIFF fragment identifier (None when fine or not one)."""
    if not ref.startswith("#"):
        return None
    frag = ref[1:]
    if frag.startswith("/"):
        frag = frag[1:]
    parts = frag.split("/")
    last = -1
    for i, p in enumerate(parts):
        if "=" in p:
            prefix, _, ident = p.partition("=")
            if not NMTOKEN.match(prefix) or ":" in prefix:
                return f"prefix {prefix!r} is not an NMTOKEN"
            if prefix not in CORE_PREFIXES:
                if len(prefix) < 2:
                    return f"prefix {prefix!r} is too short"
                if prefix not in REGISTERED_PREFIXES:
                    return f"unknown prefix {prefix!r}"
            rank = {"f": 0, "g": 1, "u": 2}.get(prefix, 3)
        else:
            ident, rank = p, 3
        if not ident or not NMTOKEN.match(ident):
            return f"bad selector {p!r}"
        if rank == 3 and i != len(parts) - 1:
            return f"{p!r} must be the last selector"
        if rank <= last:
            return f"selector {p!r} is out of order or repeated"
        last = rank
    return None


def walk(el: etree._Element) -> Iterator[etree._Element]:
    """Element descendants of ``el`` in document order (not ``el`` itself)."""
    for e in el.iterdescendants():
        if isinstance(e.tag, str):
            yield e


def _norm_reorder(v: str | None) -> str:
    return "no" if v == "firstNo" else (v or "yes")


class UnitChecker:
    """The constraints inside one <unit> (its subtree is complete when checked)."""

    def __init__(self, chk: Checker, ctx: Ctx, unit: etree._Element):
        self.c = chk
        self.ctx = ctx
        self.unit = unit
        self.note_ids: set[str] = set()
        self.data_ids: set[str] = set()
        self.parts: list[etree._Element] = []
        self.uid = unit.get("id") or ""

    def run(self) -> None:
        """Check everything; raises InputError on the first violation."""
        c, unit, ctx = self.c, self.unit, self.ctx
        c.attrs(unit)
        if not self.uid:
            raise c.fail("<unit> lacks the required id attribute", unit)
        f = ctx.file if ctx.kind == "group" else ctx
        assert f is not None
        # a repeated unit id is not refused here: the reader names the unit ``id#2`` and
        # reports a ``format`` finding (refused with --strict, see formats.open_document)
        f.unit_ids.add(self.uid)
        self.structure()
        self.langs()
        for side in ("source", "target"):
            self.inline(side)
        self.pairing()
        self.reorder()
        self.removable()
        self.order()

    # ------------------------------------------------------------ structure
    def structure(self) -> None:
        c, unit = self.c, self.unit
        phase = 0
        ext: set[str] = set()
        for k in c.kids(unit):
            name = local(k.tag)
            if not c.is_xlf(k):
                p = 1
                c.ext_ids(k, ext)
            else:
                p = {"notes": 2, "originalData": 3, "segment": 4, "ignorable": 4}.get(name, -1)
                if p < 0:
                    raise c.fail(f"<{name}> is not allowed in <unit>", k)
            if p < phase or (p == phase and p in (2, 3)):
                raise c.fail(f"<{name}> is out of place in <unit>", k)
            phase = p
            if name == "notes" and p == 2:
                self.note_ids = c.notes(k)
            elif name == "originalData" and p == 3:
                self.original_data(k)
            elif p == 4:
                self.part(k)
        if not any(local(p.tag) == "segment" for p in self.parts):
            raise c.fail("<unit> must contain at least one <segment>", unit)
        ids: set[str] = set()
        for p in self.parts:
            pid = p.get("id")
            if pid is not None:
                if pid in ids:
                    raise c.fail(f"id {pid!r} of <{local(p.tag)}> is not unique in the unit", p)
                ids.add(pid)

    def original_data(self, od: etree._Element) -> None:
        c = self.c
        c.attrs(od)
        kids = c.kids(od)
        if not kids:
            raise c.fail("<originalData> must contain at least one <data>", od)
        for d in kids:
            if not c.is_xlf(d) or local(d.tag) != "data":
                raise c.fail(f"<{local(d.tag)}> is not allowed in <originalData>", d)
            c.attrs(d)
            did = d.get("id")
            if not did:
                raise c.fail("<data> lacks the required id attribute", d)
            if did in self.data_ids:
                raise c.fail(f"data id {did!r} is not unique", d)
            self.data_ids.add(did)
            for x in c.kids(d):
                if not c.is_xlf(x) or local(x.tag) != "cp":
                    raise c.fail(f"<{local(x.tag)}> is not allowed in <data>", x)
                self.cp(x)

    def part(self, p: etree._Element) -> None:
        c = self.c
        name = local(p.tag)
        c.attrs(p)
        kids = c.kids(p)
        names = [local(k.tag) if c.is_xlf(k) else "?" for k in kids]
        if names not in (["source"], ["source", "target"]):
            if "source" not in names:
                raise c.fail(f"<{name}> must contain a <source>", p)
            raise c.fail(f"<{name}> must contain <source> and optionally <target>, nothing else", kids[-1])
        if name == "segment":
            st = p.get("state")
            if st is not None and st not in STATES:
                raise c.fail(f"state {st!r} must be initial, translated, reviewed or final", p)
            sub = p.get("subState")
            if sub is not None and (st is None or not PREFIXED.match(sub)):
                raise c.fail("subState requires state and a prefix:value form", p)
        for k in kids:
            c.attrs(k)
        if len(kids) == 2:
            if self.c.trg is None:
                raise c.fail("a <target> requires trgLang on <xliff>", kids[1])
            o = kids[1].get("order")
            if o is not None and not o.isdigit():
                raise c.fail(f"order {o!r} must be a positive integer", kids[1])
        self.parts.append(p)

    def langs(self) -> None:
        c, ctx, unit = self.c, self.ctx, self.unit
        lang = unit.get(XML_LANG, ctx.lang)
        space = unit.get(XML_SPACE, ctx.space)
        for p in self.parts:
            kids = c.kids(p)
            sl = kids[0].get(XML_LANG, lang)
            if sl is not None and sl.lower() != c.src:
                raise c.fail(f"source language {sl!r} differs from srcLang", kids[0])
            if len(kids) > 1:
                tl = kids[1].get(XML_LANG, lang)
                if tl is not None and c.trg is not None and tl.lower() != c.trg:
                    raise c.fail(f"target language {tl!r} differs from trgLang", kids[1])
                if kids[0].get(XML_SPACE, space) != kids[1].get(XML_SPACE, space):
                    raise c.fail("<target> must have the same xml:space as its <source>", kids[1])

    # ------------------------------------------------------------ inline content
    def sides(self, side: str) -> list[etree._Element]:
        i = 0 if side == "source" else 1
        out = []
        for p in self.parts:
            kids = self.c.kids(p)
            if len(kids) > i:
                out.append(kids[i])
        return out

    def cp(self, x: etree._Element) -> None:
        c = self.c
        c.attrs(x)
        h = x.get("hex")
        if not h or not re.match(r"^[0-9A-Fa-f]+$", h):
            raise c.fail(f"cp hex {h!r} is not a hexadecimal number", x)
        v = int(h, 16)
        if v > 0x10FFFF:
            raise c.fail(f"cp hex {h!r} is beyond Unicode", x)
        if v in (9, 10, 13) or 0x20 <= v <= 0xD7FF or 0xE000 <= v <= 0xFFFD or v >= 0x10000:
            raise c.fail(f"cp must only encode characters invalid in XML, not U+{v:04X}", x)

    def inline(self, side: str) -> None:
        c = self.c
        ids: Counter[str] = Counter()
        for p in self.parts:
            if p.get("id"):
                ids[p.get("id")] += 1  # type: ignore[index]
        for content in self.sides(side):
            for e in walk(content):
                name = local(e.tag)
                if not c.is_xlf(e) or name not in INLINE:
                    raise c.fail(f"<{name}> is not allowed in <{side}>", e)
                if name == "cp":
                    self.cp(e)
                    continue
                c.attrs(e)
                if name in ("ph", "pc", "sc", "mrk", "sm") and not e.get("id"):
                    raise c.fail(f"<{name}> lacks the required id attribute", e)
                if name == "em" and not e.get("startRef"):
                    raise c.fail("<em> lacks the required startRef attribute", e)
                if name in ("ph", "pc", "sc", "mrk", "sm"):
                    ids[e.get("id")] += 1  # type: ignore[index]
                if name in ("ph", "pc", "sc", "ec"):
                    self.code(e, name)
                else:
                    self.marker(e, name)
        dup = [k for k, n in ids.items() if n > 1]
        if dup:
            raise c.fail(f"id {dup[0]!r} is used twice in the {side} of unit {self.uid!r}", self.unit)

    def code(self, e: etree._Element, name: str) -> None:
        c = self.c
        t, st = e.get("type"), e.get("subType")
        if t is not None and t not in CODE_TYPES:
            raise c.fail(f"type {t!r} must be one of {', '.join(sorted(CODE_TYPES))}", e)
        if st is not None:
            if t is None:
                raise c.fail("subType requires type", e)
            if not PREFIXED.match(st):
                raise c.fail(f"subType {st!r} must be prefix:value", e)
            pre, _, val = st.partition(":")
            if pre == "xlf" and XLF_SUBTYPES.get(val) != t:
                raise c.fail(f"subType {st!r} is not allowed with type {t!r}", e)
        for a in ("dataRef", "dataRefStart", "dataRefEnd"):
            v = e.get(a)
            if v is not None and v not in self.data_ids:
                raise c.fail(f"{a} {v!r} refers to no <data> of the unit", e)
        cr = e.get("canReorder")
        if cr in ("no", "firstNo") and (e.get("canCopy") != "no" or e.get("canDelete") != "no"):
            if name != "ec" or e.get("canCopy") is not None or e.get("canDelete") is not None:
                raise c.fail("canReorder no/firstNo requires canCopy='no' and canDelete='no'", e)
        cp = e.get("copyOf")
        if cp is not None:
            if any(e.get(a) is not None for a in ("dataRef", "dataRefStart", "dataRefEnd")):
                raise c.fail("copyOf cannot be used with original data", e)
            base = self.find_code(cp)
            if base is None:
                raise c.fail(f"copyOf {cp!r} refers to no code of the unit", e)
            if base.get("canCopy") == "no":
                raise c.fail(f"copyOf refers to code {cp!r} which has canCopy='no'", e)
        for a in ("subFlows", "subFlowsStart", "subFlowsEnd"):
            v = e.get(a)
            if v is not None:
                for ref in v.split(" "):
                    if not ref or not NMTOKEN.match(ref):
                        raise c.fail(f"{a} {v!r} must be unit ids separated by spaces", e)
                    f = self.ctx.file if self.ctx.kind == "group" else self.ctx
                    assert f is not None
                    f.subflows.append((ref, e.sourceline))
        if name == "ec":
            iso = e.get("isolated") == "yes"
            if iso and (e.get("startRef") or not e.get("id")):
                raise c.fail("an isolated <ec> must have id and no startRef", e)
            if not iso and (not e.get("startRef") or e.get("id")):
                raise c.fail("a non-isolated <ec> must have startRef and no id", e)

    def find_code(self, cid: str) -> etree._Element | None:
        for side in ("source", "target"):
            for content in self.sides(side):
                for x in walk(content):
                    if local(x.tag) in ("ph", "pc", "sc") and x.get("id") == cid:
                        return x
        return None

    def marker(self, e: etree._Element, name: str) -> None:
        c = self.c
        if name not in ("mrk", "sm"):
            return
        t = e.get("type")
        if t is not None and t not in ("generic", "comment", "term") and not PREFIXED.match(t):
            raise c.fail(f"type {t!r} must be generic, comment, term or prefix:value", e)
        if t == "comment":
            if (e.get("value") is None) == (e.get("ref") is None):
                raise c.fail("a comment annotation needs exactly one of value and ref", e)
            ref = e.get("ref")
            if ref is not None and not self.note_ref(ref):
                raise c.fail(f"comment ref {ref!r} must point to a note of this unit", e)

    def note_ref(self, ref: str) -> bool:
        if not ref.startswith("#"):
            return False
        sel = dict(p.partition("=")[::2] for p in ref[1:].lstrip("/").split("/"))
        if "n" not in sel or sel["n"] not in self.note_ids:
            return False
        f = self.ctx.file if self.ctx.kind == "group" else self.ctx
        if "f" in sel and (f is None or sel["f"] != f.el_id):
            return False
        if ("f" in sel or "g" in sel) and "u" not in sel:
            return False
        return "u" not in sel or sel["u"] == self.uid

    # ------------------------------------------------------------ pairing
    def pairing(self) -> None:
        c = self.c
        for side in ("source", "target"):
            strict = side == "source"
            els = [e for content in self.sides(side) for e in walk(content)]
            ec_refs = {e.get("startRef") for e in els if local(e.tag) == "ec" and e.get("isolated") != "yes"}
            em_refs = {e.get("startRef") for e in els if local(e.tag) == "em"}
            open_sc: dict[str, etree._Element] = {}
            open_sm: set[str] = set()
            sc_ids = {e.get("id") for e in els if local(e.tag) == "sc"}
            for e in els:
                name = local(e.tag)
                if name == "sc":
                    if e.get("isolated") == "yes":
                        if e.get("id") in ec_refs:
                            raise c.fail("an <sc> whose <ec> is in the unit must not be isolated", e)
                    else:
                        open_sc[e.get("id")] = e  # type: ignore[index]
                elif name == "ec":
                    if e.get("isolated") == "yes":
                        if strict and e.get("id") in sc_ids:
                            raise c.fail("an <ec> whose <sc> is in the unit must not be isolated", e)
                        continue
                    sc = open_sc.pop(e.get("startRef"), None)  # type: ignore[arg-type]
                    if sc is None:
                        if strict or e.get("startRef") in sc_ids:
                            raise c.fail(f"<ec startRef={e.get('startRef')!r}> has no <sc> before it", e)
                        continue
                    for a in ("canCopy", "canDelete", "canOverlap"):
                        if e.get(a) is not None and e.get(a) != sc.get(a, "yes"):
                            raise c.fail(f"{a} of <ec> differs from its <sc>", e)
                    if e.get("canReorder") is not None and _norm_reorder(e.get("canReorder")) != _norm_reorder(sc.get("canReorder")):
                        raise c.fail("canReorder of <ec> does not match its <sc>", e)
                elif name == "sm":
                    if e.get("id") not in em_refs and strict:
                        raise c.fail(f"<sm id={e.get('id')!r}> has no <em>", e)
                    open_sm.add(e.get("id"))  # type: ignore[arg-type]
                elif name == "em":
                    if e.get("startRef") not in open_sm and strict:
                        raise c.fail(f"<em startRef={e.get('startRef')!r}> has no <sm> before it", e)
            if strict and open_sc:
                e = next(iter(open_sc.values()))
                raise c.fail(f"<sc id={e.get('id')!r}> has no <ec> in the unit and is not isolated", e)

    # ------------------------------------------------------------ editing hints
    def tokens(self, contents: Iterable[etree._Element]) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []

        def rec(el: etree._Element) -> None:
            for e in self.c.kids(el):
                name = local(e.tag)
                if name in ("ph", "sc", "pc"):
                    out.append((name, e.get("id") or "", e.get("canReorder", "yes")))
                elif name == "ec":
                    out.append((name, e.get("startRef") or e.get("id") or "", _norm_reorder(e.get("canReorder"))))
                rec(e)
                if name == "pc":
                    out.append(("/pc", e.get("id") or "", _norm_reorder(e.get("canReorder"))))

        for c in contents:
            rec(c)
        return out

    def reorder(self) -> None:
        c = self.c
        prev = "yes"
        for name, cid, v in self.tokens(self.sides("source")):
            if name in ("ec", "/pc"):
                continue
            if v == "no" and prev not in ("no", "firstNo"):
                raise c.fail(f"code {cid!r} has canReorder='no' without a preceding firstNo", self.unit)
            prev = v
        with_target = [self.c.kids(p) for p in self.parts]
        src = [k[0] for k in with_target if len(k) > 1]
        tgt = [k[1] for k in with_target if len(k) > 1]
        if not tgt:
            return
        if sorted(_sequences(self.tokens(src))) != sorted(_sequences(self.tokens(tgt))):
            raise c.fail("a sequence of codes that cannot be reordered was changed in the target", self.unit)

    def removable(self) -> None:
        targets = [self.c.kids(p)[1] for p in self.parts if len(self.c.kids(p)) > 1]
        present = {x.get("id") for t in targets for x in walk(t)}
        for p in self.parts:
            kids = self.c.kids(p)
            if len(kids) < 2:
                continue
            for x in walk(kids[0]):
                if local(x.tag) in ("ph", "pc", "sc") and x.get("canDelete") == "no" and x.get("id") not in present:
                    raise self.c.fail(f"code {x.get('id')!r} has canDelete='no' but is missing from the target", kids[1])

    def order(self) -> None:
        n = len(self.parts)
        seen: set[int] = set()
        for i, p in enumerate(self.parts, 1):
            kids = self.c.kids(p)
            o = int(kids[1].get("order", i)) if len(kids) > 1 else i
            if not 1 <= o <= n:
                raise self.c.fail(f"order {o} is outside 1..{n}", kids[-1])
            if o in seen:
                raise self.c.fail(f"order {o} is not unique in the unit", kids[-1])
            seen.add(o)


def _sequences(tokens: list[tuple[str, str, str]]) -> list[tuple[tuple[str, str], ...]]:
    seqs: list[tuple[tuple[str, str], ...]] = []
    cur: list[tuple[str, str]] | None = None
    for name, cid, v in tokens:
        if v == "firstNo":
            if cur:
                seqs.append(tuple(cur))
            cur = [(name, cid)]
        elif v == "no" and cur is not None:
            cur.append((name, cid))
        else:
            if cur:
                seqs.append(tuple(cur))
            cur = None
    if cur:
        seqs.append(tuple(cur))
    return seqs

"""XLIFF 2.x conformance checks (the core specification's constraints).

lxml has no XLIFF 2 schema here, so the reader checks explicitly: element order and
cardinality, required and allowed attributes and their values, id syntax and
uniqueness, language and ``xml:space`` consistency, inline-code pairing (``sc``/``ec``,
``sm``/``em``), ``dataRef``/``copyOf``/``subFlows`` references, ``canCopy``/
``canDelete``/``canReorder`` constraints, fragment identifiers, and the fs module
attributes. Every violation is an :class:`InputError` naming the file and line.
:class:`Checker` holds the constraints outside units; those inside one ``<unit>`` are
:class:`~.v2_unit.UnitChecker`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

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

"""XLIFF 2.x conformance inside one ``<unit>`` (its subtree complete when checked):
segments and ignorables, notes, original data, inline codes and their pairing
(``sc``/``ec``, ``sm``/``em``, ``pc``), ``dataRef``/``copyOf`` references and the
``canCopy``/``canDelete``/``canReorder`` constraints between source and target. The
constraints outside units are :class:`~.v2_validate.Checker`'s."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from lxml import etree

from ..xmlsafe import local
from .v2_validate import (
    CODE_TYPES,
    INLINE,
    NMTOKEN,
    PREFIXED,
    STATES,
    XLF_SUBTYPES,
    XML_LANG,
    XML_SPACE,
    Checker,
    Ctx,
    walk,
)

__all__ = ["UnitChecker"]


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

"""ICU MessageFormat, parsed structurally (a small permissive parser; no maintained
permissive Python parser fitted: PyICU needs the ICU C++ library).

Grammar (ICU4J ``MessagePattern``, apostrophe mode DOUBLE_OPTIONAL)::

    message  := (text | "{" arg "}" | "#")*
    arg      := name ["," type ["," style]]            simple: {n}, {n, number}, {d, date, short}
              | name "," ("plural"|"selectordinal") "," ["offset:" N] (key "{" message "}")+
              | name "," "select" "," (key "{" message "}")+

A quote ``'`` starts literal text when followed by ``{``, ``}``, ``#`` (inside a plural)
or ``|``, up to the next single ``'``; ``''`` is one apostrophe; any other ``'`` is
literal. ``#`` is the plural number only inside plural branches.

:func:`prepare` splits a unit whose source or target is a plural/select message into
branches (:attr:`reviewer.model.Segment.branches`) so the text checks see each branch
as text, paired with the source branch of the same key (else ``other``), and never the
keywords and selectors. :class:`reviewer.checks.structure.IcuCheck` (check id ``icu``) judges the structure:
malformed messages, missing ``other``, keywords and selectors that were translated,
renamed arguments, plural branches against the target language's CLDR categories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Iterator, Union

from .model import Segment

__all__ = ["mask", "masked", "IcuError", "Arg", "Complex", "parse", "looks_icu", "prepare", "variants",
           "plural_categories", "common_categories", "complexes", "walk_args", "order_categories", "KINDS"]

KINDS = ("plural", "select", "selectordinal")
_COMPLEX = re.compile(r"\{\s*[^\s{},]+\s*,\s*(?:plural|select|selectordinal)\s*,")
_LOOKS = re.compile(r"\{\s*[^\s{},]+\s*,\s*[^\s{},]+\s*,\s*(?:offset:\s*\d+\s*)?(?:=\d+|[\w-]+)\s*\{")


class IcuError(ValueError):
    """A malformed message, with the character offset where reading stopped."""

    def __init__(self, msg: str, pos: int) -> None:
        super().__init__(f"{msg} (at character {pos + 1})")
        self.msg, self.pos = msg, pos


@dataclass(slots=True)
class Arg:
    """A simple argument ``{name}``, ``{name, type}`` or ``{name, type, style}``."""

    name: str
    type: str | None
    start: int
    end: int
    raw: str


@dataclass(slots=True)
class Complex:
    """A plural, selectordinal or select argument and its branches."""

    name: str
    kind: str
    start: int
    end: int
    branches: list[tuple[str, "Message", int]] = field(default_factory=list)  # key, body, key offset
    kind_start: int = 0


Node = Union[str, Arg, Complex]
Message = list[Node]


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text
        #: 1 for each character of the text that is message text (or a simple
        #: argument), 0 for ICU syntax: see :func:`mask`
        self.keep = bytearray(len(text))

    def ws(self, i: int) -> int:
        s = self.s
        while i < len(s) and s[i].isspace():
            i += 1
        return i

    def message(self, i: int, depth: int, in_plural: bool) -> tuple[Message, int]:
        s = self.s
        out: Message = []
        buf: list[str] = []
        while i < len(s):
            c = s[i]
            if c == "'":
                if i + 1 < len(s) and s[i + 1] == "'":
                    buf.append("'")
                    self.keep[i] = 1
                    i += 2
                    continue
                if i + 1 < len(s) and (s[i + 1] in "{}|" or (in_plural and s[i + 1] == "#")):
                    j = i + 1
                    while j < len(s):
                        if s[j] == "'":
                            if j + 1 < len(s) and s[j + 1] == "'":
                                buf.append("'")
                                j += 2
                                continue
                            break
                        buf.append(s[j])
                        self.keep[j] = 1
                        j += 1
                    i = j + 1
                    continue
                buf.append(c)
                self.keep[i] = 1
                i += 1
            elif c == "{":
                if buf:
                    out.append("".join(buf))
                    buf = []
                node, i = self.argument(i, depth)
                out.append(node)
            elif c == "}":
                if depth == 0:
                    raise IcuError("unbalanced '}'", i)
                break
            else:
                buf.append(c)
                self.keep[i] = 1
                i += 1
        if buf:
            out.append("".join(buf))
        return out, i

    def argument(self, start: int, depth: int) -> tuple[Node, int]:
        s = self.s
        i = self.ws(start + 1)
        m = re.compile(r"[^\s{},#']+").match(s, i)
        if not m:
            raise IcuError("an argument name was expected after '{'", i)
        name = m.group()
        i = self.ws(m.end())
        if i >= len(s):
            raise IcuError("unbalanced '{' (the message ends inside an argument)", start)
        if s[i] == "}":
            self.keep[start:i + 1] = b"\x01" * (i + 1 - start)
            return Arg(name, None, start, i + 1, s[start:i + 1]), i + 1
        if s[i] != ",":
            raise IcuError(f"',' or '}}' expected after the argument name {name!r}", i)
        i = self.ws(i + 1)
        m = re.compile(r"[^\s{},]+").match(s, i)
        if not m:
            raise IcuError("an argument type was expected", i)
        kind, kind_start = m.group(), m.start()
        i = self.ws(m.end())
        if kind in KINDS:
            if i >= len(s) or s[i] != ",":
                raise IcuError(f"',' expected after {kind!r}", i)
            node = Complex(name, kind, start, start, kind_start=kind_start)
            i = self.ws(i + 1)
            om = re.compile(r"offset:\s*\d+").match(s, i)
            if om and kind != "select":
                i = self.ws(om.end())
            while i < len(s) and s[i] != "}":
                km = re.compile(r"=-?\d+(?:\.\d+)?|[^\s{}]+").match(s, i)
                if not km:
                    raise IcuError("a selector was expected", i)
                key = km.group()
                i = self.ws(km.end())
                if i >= len(s) or s[i] != "{":
                    raise IcuError(f"'{{' expected after the selector {key!r}", i)
                body, i = self.message(i + 1, depth + 1, kind != "select")
                if i >= len(s):
                    raise IcuError(f"unbalanced '{{' (the branch {key!r} is not closed)", km.start())
                node.branches.append((key, body, km.start()))
                i = self.ws(i + 1)
            if i >= len(s):
                raise IcuError("unbalanced '{' (the message ends inside an argument)", start)
            if not node.branches:
                raise IcuError(f"{kind} argument {name!r} has no branches", start)
            node.end = i + 1
            return node, i + 1
        # simple argument with a style: up to the matching '}'
        level = 0
        while i < len(s):
            if s[i] == "{":
                level += 1
            elif s[i] == "}":
                if level == 0:
                    self.keep[start:i + 1] = b"\x01" * (i + 1 - start)
                    return Arg(name, kind, start, i + 1, s[start:i + 1]), i + 1
                level -= 1
            i += 1
        raise IcuError("unbalanced '{' (the message ends inside an argument)", start)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Message | None, IcuError | None]:
    try:
        msg, i = _Parser(text).message(0, 0, False)
        return msg, None
    except IcuError as e:
        return None, e


def parse(text: str) -> Message:
    """Parse an ICU message; raises :class:`IcuError`."""
    msg, err = _parse_cached(text)
    if err is not None:
        raise err
    assert msg is not None
    return msg


def mask(text: str) -> str:
    """The text with its ICU syntax (braces, argument names, keywords, selectors)
    blanked to spaces, offsets unchanged: what whole-document checks (consistency,
    variants) see of a plural/select message. Unparsable text comes back as it is."""
    p = _Parser(text)
    try:
        p.message(0, 0, False)
    except IcuError:
        return text
    return "".join(c if k else " " for c, k in zip(text, p.keep))


def masked(seg: Segment) -> Segment:
    """The unit with :func:`mask` applied to both sides (and no branches)."""
    return replace(seg, source=mask(seg.source), branches=(),
                   target=mask(seg.target) if seg.target else seg.target)


def looks_icu(text: str | None) -> bool:
    """True when the text contains a plural/select/selectordinal argument, or
    something shaped like one (``{n, pluriel, one {..}``: a translated keyword)."""
    if not text or "{" not in text:
        return False
    return bool(_COMPLEX.search(text) or _LOOKS.search(text))


def complexes(msg: Message, path: str = "", chosen: dict[int, str] | None = None
              ) -> Iterator[tuple[str, Complex]]:
    """Every plural/select argument, depth first, with its path (``outer:key/``)."""
    for path_, c, _ch in _complexes_chosen(msg, path, chosen or {}):
        yield path_, c


def _complexes_chosen(msg: Message, path: str, chosen: dict[int, str]
                      ) -> Iterator[tuple[str, Complex, dict[int, str]]]:
    for n in msg:
        if isinstance(n, Complex):
            yield path, n, chosen
            for key, body, _ in n.branches:
                yield from _complexes_chosen(body, f"{path}{n.name}:{key}/", {**chosen, id(n): key})


def _render(msg: Message, choose: dict[int, str]) -> str:
    out = []
    for n in msg:
        if isinstance(n, str):
            out.append(n)
        elif isinstance(n, Arg):
            out.append(n.raw)
        else:
            want = choose.get(id(n))
            br = next((b for b in n.branches if b[0] == want), None) \
                or next((b for b in n.branches if b[0] == "other"), n.branches[-1])
            out.append(_render(br[1], choose))
    return "".join(out)


def variants(msg: Message) -> list[tuple[str, str]]:
    """``(label, text)`` for each branch of each plural/select argument: the message
    with that branch chosen and every other argument on its ``other`` branch. The label
    is ``name:key`` (nested: ``outer:key/inner:key``). A message without plural or
    select arguments gives one variant labelled ``""``."""
    out = []
    for path, c, chosen in _complexes_chosen(msg, "", {}):
        for key, _body, _ in c.branches:
            out.append((f"{path}{c.name}:{key}", _render(msg, {**chosen, id(c): key})))
    return out or [("", _render(msg, {}))]


def prepare(seg: Segment, target_lang: str | None = None) -> Segment:
    """The unit with its ICU plural/select branches as :attr:`Segment.branches` (each
    target branch with the source branch of the same key, else ``other``); the unit
    unchanged when neither side is such a message or one side does not parse."""
    tgt = seg.target
    if seg.branches or not tgt or not (looks_icu(seg.source) or looks_icu(tgt)):
        return seg
    try:
        s_msg, t_msg = parse(seg.source), parse(tgt)
    except IcuError:
        return seg
    s_var = dict(variants(s_msg)) if seg.source else {}
    t_var = variants(t_msg)
    if len(t_var) == 1 and len(s_var) <= 1:
        return seg
    out = []
    for label, text in t_var:
        src = s_var.get(label)
        if label.endswith(":one") and not _singular_one(target_lang):
            src = None  # Russian 'one' is also 21, 31...: it translates 'other'
        if src is None:
            base = label.rsplit(":", 1)[0]
            src = s_var.get(f"{base}:other") or next(iter(s_var.values()), seg.source)
        out.append((label, src, text))
    return replace(seg, branches=tuple(out))


def _singular_one(lang: str | None) -> bool:
    from .plurals import singular_category

    return singular_category(lang, "one")


@lru_cache(maxsize=256)
def plural_categories(lang: str | None, ordinal: bool = False) -> frozenset[str] | None:
    """The CLDR plural categories of a language (``other`` included), or None when
    Babel does not know the language."""
    if not lang:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if loc is None:
        return None
    rule = loc.ordinal_form if ordinal else loc.plural_form
    return frozenset(rule.tags) | {"other"}


@lru_cache(maxsize=256)
def common_categories(lang: str | None, ordinal: bool = False) -> frozenset[str] | None:
    """The categories whole numbers 0..200 fall in (French 'many' is for millions
    only, so a French message need not have it; Arabic 'many' is 11..99)."""
    cats = plural_categories(lang, ordinal)
    if cats is None:
        return None
    from babel import Locale

    loc = Locale.parse(str(lang).replace("-", "_"))
    rule = loc.ordinal_form if ordinal else loc.plural_form
    return frozenset(rule(n) for n in range(201)) | {"other"}


def order_categories(cats: Iterable[str]) -> list[str]:
    order = ("zero", "one", "two", "few", "many", "other")
    return sorted(cats, key=lambda c: order.index(c) if c in order else 9)


def walk_args(msg: Message) -> Iterator[Arg]:
    for n in msg:
        if isinstance(n, Arg):
            yield n
        elif isinstance(n, Complex):
            for _k, body, _o in n.branches:
                yield from walk_args(body)




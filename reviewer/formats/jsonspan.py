"""A small JSON parser that keeps where each string value stands in the text.

The standard library's :mod:`json` gives values but no positions; writers of resource
files (ARB, i18next, ngx-translate, ``.xcstrings``) replace one value in place and leave
every other byte as it was, so they need the span of each string token. Objects keep
their members in order as ``(key, value, key_line)`` lists, duplicates included.
Strings are decoded with :func:`json.decoder.scanstring` (the standard library's).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Union

__all__ = ["JStr", "JObj", "JArr", "JsonError", "parse", "dumps_str"]


@dataclass(slots=True)
class JStr:
    """A string value: decoded text, ``[start, end)`` of its token (quotes included)."""

    value: str
    start: int
    end: int
    line: int


@dataclass(slots=True)
class JObj:
    """An object: members in file order, duplicates kept."""

    members: list[tuple[str, "JValue", int]]
    start: int
    line: int

    def get(self, key: str) -> "JValue | None":
        """The last member named ``key`` (as JSON parsers take it), or None."""
        for k, v, _ in reversed(self.members):
            if k == key:
                return v
        return None


@dataclass(slots=True)
class JArr:
    """An array."""

    items: list["JValue"]
    start: int
    line: int


JValue = Union[JStr, JObj, JArr, int, float, bool, None]


class JsonError(ValueError):
    """Invalid JSON, with the 1-based line and column."""

    def __init__(self, msg: str, line: int, col: int) -> None:
        super().__init__(f"{msg} (line {line}, column {col})")
        self.msg, self.line, self.col = msg, line, col


_WS = re.compile(r"[ \t\n\r]*")
_NUM = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text
        self.nl = [m.start() for m in re.finditer("\n", text)]

    def line(self, i: int) -> int:
        import bisect

        return bisect.bisect_left(self.nl, i) + 1

    def fail(self, msg: str, i: int) -> JsonError:
        ln = self.line(i)
        col = i - (self.nl[ln - 2] + 1 if ln > 1 else 0) + 1
        return JsonError(msg, ln, col)

    def ws(self, i: int) -> int:
        return _WS.match(self.s, i).end()  # type: ignore[union-attr]

    def value(self, i: int) -> tuple[JValue, int]:
        s = self.s
        i = self.ws(i)
        if i >= len(s):
            raise self.fail("unexpected end of text", i)
        c = s[i]
        if c == '"':
            try:
                v, end = scanstring(s, i + 1, True)
            except json.JSONDecodeError as e:
                raise self.fail(e.msg, e.pos) from None
            return JStr(v, i, end, self.line(i)), end
        if c == "{":
            return self.obj(i)
        if c == "[":
            return self.arr(i)
        for word, val in (("true", True), ("false", False), ("null", None)):
            if s.startswith(word, i):
                return val, i + len(word)
        m = _NUM.match(s, i)
        if m:
            t = m.group()
            return (float(t) if any(ch in t for ch in ".eE") else int(t)), m.end()
        raise self.fail("expected a value", i)

    def obj(self, i: int) -> tuple[JObj, int]:
        s = self.s
        out = JObj([], i, self.line(i))
        i = self.ws(i + 1)
        if s.startswith("}", i):
            return out, i + 1
        while True:
            i = self.ws(i)
            if not s.startswith('"', i):
                raise self.fail("expected a property name in double quotes", i)
            kline = self.line(i)
            try:
                key, i = scanstring(s, i + 1, True)
            except json.JSONDecodeError as e:
                raise self.fail(e.msg, e.pos) from None
            i = self.ws(i)
            if not s.startswith(":", i):
                raise self.fail("expected ':'", i)
            v, i = self.value(i + 1)
            out.members.append((key, v, kline))
            i = self.ws(i)
            if s.startswith(",", i):
                i += 1
                continue
            if s.startswith("}", i):
                return out, i + 1
            raise self.fail("expected ',' or '}'", i)

    def arr(self, i: int) -> tuple[JArr, int]:
        s = self.s
        out = JArr([], i, self.line(i))
        i = self.ws(i + 1)
        if s.startswith("]", i):
            return out, i + 1
        while True:
            v, i = self.value(i)
            out.items.append(v)
            i = self.ws(i)
            if s.startswith(",", i):
                i += 1
                continue
            if s.startswith("]", i):
                return out, i + 1
            raise self.fail("expected ',' or ']'", i)


def parse(text: str) -> JValue:
    """Parse a whole JSON text; raises :class:`JsonError` with line and column."""
    p = _Parser(text)
    v, i = p.value(0)
    i = p.ws(i)
    if i != len(text):
        raise p.fail("extra data after the JSON value", i)
    return v


def dumps_str(value: str, original: str = "") -> str:
    """``value`` as a JSON string token; non-ASCII kept literal unless the original
    token escaped it (``\\uXXXX``), so a file keeps its own convention."""
    return json.dumps(value, ensure_ascii="\\u" in original)

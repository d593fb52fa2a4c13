"""JSON text from users, decoded without tracebacks: one function for every reader.

:func:`loads` is :func:`json.loads` for one line (or document) of a user's file, with
the failures a hostile file can cause turned into a one-line :class:`InputError`
naming the file and line:

* invalid JSON (with the column);
* nesting deeper than the interpreter's recursion limit allows (``RecursionError``);
* a lone UTF-16 surrogate escape (``"\\ud800"``): no UTF-8 file, store or terminal can
  hold it, so it is refused where it is read rather than failing at output.

Integers longer than Python's conversion limit (4,300 digits) are not an error: they
come back as :class:`BigNumber`, a ``str`` holding the digits as written, so a reader
that takes numbers as text keeps them exactly and any other field is left alone.
"""

from __future__ import annotations

import json
import re
import sys
from os import PathLike
from typing import Any

from .errors import InputError

__all__ = ["BigNumber", "loads", "has_lone_surrogate"]

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_LONE = re.compile("[\ud800-\udfff]")


class BigNumber(str):
    """A JSON integer too long for ``int()`` (over ``sys.get_int_max_str_digits()``
    digits), kept as its text."""

    __slots__ = ()


def _parse_int(text: str) -> int | BigNumber:
    limit = sys.get_int_max_str_digits()
    if limit and len(text.lstrip("-")) > limit:
        return BigNumber(text)
    return int(text)


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a surrogate code point (U+D800-U+DFFF) on its own."""
    return _LONE.search(text) is not None


def _find_surrogate(value: Any) -> str | None:
    """The first string (key or value) in ``value`` holding a lone surrogate."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _LONE.search(v):
                return v
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def loads(text: str, path: str | PathLike[str] | None = None, line: int | None = None) -> Any:
    """Decode one JSON text; :class:`InputError` (file, line) for anything a user's file
    can get wrong."""
    try:
        value = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        where = line if line is None else line + e.lineno - 1
        raise InputError(f"invalid JSON: {e.msg}", path, where, e.colno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path, line) from None
    if _SURROGATE_ESCAPE.search(text):
        bad = _find_surrogate(value)
        if bad is not None:
            m = _LONE.search(bad)
            assert m is not None
            raise InputError(
                f"a string holds a lone UTF-16 surrogate (\\u{ord(m.group()):04x}), "
                "which no UTF-8 text can store", path, line)
    return value

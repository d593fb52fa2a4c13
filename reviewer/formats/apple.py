"""Apple localization files: ``.strings`` and ``.stringsdict``.

``.strings``: ``"key" = "value";`` statements with ``/* */`` and ``//`` comments (a
comment just before a statement is its note), C-style escapes, UTF-8 or UTF-16 with a
byte-order mark. A statement that cannot be read becomes a ``format`` problem and
reading goes on after its ``;``. ``.stringsdict``: a property list whose entries have a
``NSStringLocalizedFormatKey`` and plural rules; each plural form is a unit
(``key/variable[one]``). ``xx.lproj/`` is paired with ``en.lproj/`` or ``Base.lproj/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed
from .xmlspan import Elem, inner_text, scan, xml_escape

_SKIP = re.compile(r"(?:\s+|/\*.*?\*/|//[^\n]*)*", re.S)
_QSTR = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_BARE = re.compile(r"[^\s=;\"/]+")
_ESC = re.compile(r"\\(U[0-9a-fA-F]{4}|u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _unescape(s: str) -> str:
    def sub(m: re.Match[str]) -> str:
        c = m.group(1)
        if len(c) == 5:
            return chr(int(c[1:], 16))
        return _SIMPLE.get(c, c)

    return _ESC.sub(sub, s)


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


class StringsFormat(KeyedFormat):
    """Apple ``.strings``."""

    name = "strings"
    suffixes = (".strings",)
    empty_is_untranslated = False

    def load(self, path: Path) -> tuple[str, bytes]:
        data = path.read_bytes()
        for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(bom):
                try:
                    return data[len(bom):].decode(enc), bom
                except UnicodeDecodeError as e:
                    from ..errors import InputError

                    raise InputError(f"invalid {enc.upper()} at byte offset {e.start + len(bom)}",
                                     path) from None
        return super().load(path)

    def dump(self, text: str, bom: bytes) -> bytes:
        enc = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be" if bom == b"\xfe\xff" else "utf-8"
        return bom + text.encode(enc)

    def parse(self, text: str, path: Path) -> Parsed:
        out: list[Entry] = []
        problems: list[tuple[int | None, str]] = []
        i, n = 0, len(text)
        while True:
            m = _SKIP.match(text, i)
            assert m is not None
            comments = re.findall(r"/\*(.*?)\*/|//([^\n]*)", text[i:m.end()], re.S)
            note = " ".join((a or b).strip() for a, b in comments[-1:]).strip()
            i = m.end()
            if i >= n:
                break
            line = text.count("\n", 0, i) + 1
            km = _QSTR.match(text, i) or _BARE.match(text, i)
            j = _SKIP.match(text, km.end()).end() if km else i  # type: ignore[union-attr]
            vm = _QSTR.match(text, _SKIP.match(text, j + 1).end()) if km and text.startswith("=", j) else None  # type: ignore[union-attr]
            end = _SKIP.match(text, vm.end()).end() if vm else i  # type: ignore[union-attr]
            if km is None or vm is None or not text.startswith(";", end):
                semi = text.find(";", i)
                nl = text.find("\n", i)
                stop = min(x for x in (semi + 1 if semi >= 0 else n, nl + 1 if nl >= 0 else n, n))
                problems.append((line, f"cannot read this statement: {text[i:stop].strip()[:60]!r}"))
                i = max(stop, i + 1)
                continue
            key = _unescape(km.group(1)) if km.re is _QSTR else km.group()
            out.append(Entry(key, _unescape(vm.group(1)), vm.start(1), vm.end(1), line,
                             notes=(note,) if note else ()))
            i = end + 1
        if problems and out:
            out[0].problems = tuple(problems)
        elif problems:
            raise ValueError(problems[0][1])
        return Parsed(out, problems=problems)

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return _escape(value)


_PLURAL_CATS = ("zero", "one", "two", "few", "many", "other")


class StringsdictFormat(KeyedFormat):
    """Apple ``.stringsdict`` (plural rules in a property list)."""

    name = "stringsdict"
    suffixes = (".stringsdict",)

    def sniff(self, head: bytes) -> bool:
        return b"<plist" in head

    def parse(self, text: str, path: Path) -> Parsed:
        root = scan(text)
        top = root.find("dict") if root.tag == "plist" else root
        out: list[Entry] = []
        if top is None:
            return Parsed(out)
        for key, val in _pairs(text, top):
            if val.tag != "dict":
                continue
            for k2, v2 in _pairs(text, val):
                if k2 == "NSStringLocalizedFormatKey" and v2.tag == "string":
                    out.append(self._entry(text, f"{key}", v2))
                elif v2.tag == "dict":
                    for cat, v3 in _pairs(text, v2):
                        if cat in _PLURAL_CATS and v3.tag == "string":
                            out.append(self._entry(text, f"{key}/{k2}[{cat}]", v3,
                                                   f"{key}/{k2}", cat))
        return Parsed(out)

    @staticmethod
    def _entry(text: str, key: str, e: Elem, base: str | None = None,
               plural: str | None = None) -> Entry:
        return Entry(key, inner_text(text, e), None if e.selfclosing else e.inner_start,
                     e.inner_end, e.line, base=base, plural=plural)

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return xml_escape(value)


def _pairs(text: str, d: Elem) -> list[tuple[str, Elem]]:
    kids = d.children
    return [(inner_text(text, kids[i]), kids[i + 1]) for i in range(0, len(kids) - 1, 2)
            if kids[i].tag == "key"]

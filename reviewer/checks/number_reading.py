"""Numbers as written: each language's decimal and grouping conventions (CLDR), the numbers
of a text with their readings (find_numbers), and a value written in a convention
(format_number)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple, Sequence

from .. import cldr
from . import number_forms
from .links import _EMAIL_RE, _URL_RE


_SPACES = " \u00a0\u202f\u2009"
_APOS = "'\u2019"
_DIGIT_RE = re.compile(r"\d")

_TOKEN_RE = re.compile(
    # ordinals: 1st 2nd 3rd 4th, 1er 1re 2e 2ème, 1º 1ª 1.º
    r"(?P<ord>(?<![A-Za-z0-9_.,])\d{1,4}(?:st|nd|rd|th|er|re|ère|ème|eme|e|[ºª]|\.[ºª])"
    r"(?![A-Za-z0-9_]))"
    # digits touching ASCII letters: H100 4K GPT-4o v1.2 10px x86
    r"|(?P<word>(?<![A-Za-z0-9_])[A-Za-z]++\d[A-Za-z0-9_]*(?:\.\d+)*"
    r"|(?<![A-Za-z0-9_.,])\d+[A-Za-z][A-Za-z0-9_]*)"
    # runs of digits with separators: 1,000.5 1.000,5 1 000,5 1'000 22.09.2025
    r"|(?P<num>(?<![A-Za-z0-9_.,])\d+(?:(?:[.,'\u2019\u066b\u066c\u060c]|[ \u00a0\u202f\u2009](?=\d))\d+)*)"
)
_SEP_RE = re.compile(r"\D")
# the Arabic comma between digits groups thousands in Persian typing (۲۶،۷۵۰)
_ARABIC_MARKS = {0x066B: ".", 0x066C: ",", 0x060C: ","}
_DIGITS_RE = re.compile(r"\d+")
_CJK_SCALE = {"万": 4, "萬": 4, "亿": 8, "億": 8, "만": 4, "억": 8}
_SUFFIX_SCALE_RE = re.compile(r"(\d{1,4})([A-Za-z]+)")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DATE_RE = re.compile(
    r"(?<!\d)(?:\d{1,2}([./\-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./\-])\d{1,2}\2\d{1,2})(?!\d)"
)
# What to blank out before looking for numbers: (substrings that must occur, regex).
_MASKS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("://", "www.", "WWW."), _URL_RE),
    (("@",), _EMAIL_RE),
    (
        ("%",),
        re.compile(
            # printf with width / position; not a percent sign after a number with
            # a case ending (Hungarian 70%-a, 48%-kal)
            r"(?<!\d)%(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?[a-zA-Z@]"
            r"|%\([^()\s]{1,64}\)[-+0#]*\d*(?:\.\d+)?[a-zA-Z]"
            r"|%L?\d{1,2}(?!\d)"  # Qt %1
        ),
    ),
    (
        ("{",),
        re.compile(
            r"\{\d+(?:[:!][^{}]*)?\}|\{[A-Za-z_][\w.]*[:!][^{}]*\}"  # {0} {x:.2f}
            r"|=\d+(?=\s*\{)|offset\s*:\s*\d+"  # ICU selectors
        ),
    ),
    (("<",), re.compile(r"</?\d{1,3}\s*/?>|<[A-Za-z/][^<>]*>")),  # <1></1>, tags
    (("&#",), re.compile(r"&#[xX]?[0-9A-Fa-f]+;")),  # numeric entities
)


def _masked(text: str) -> str:
    """``text`` with URLs, e-mails, placeholders, tags and entities blanked out."""
    for hints, rx in _MASKS:
        for h in hints:
            if h in text:
                text = rx.sub(_mask, text)
                break
    return text


class Conv(NamedTuple):
    """A language's number conventions: decimal mark, native group marks, and the
    group mark used in suggestions."""

    decimal: str
    groups: str
    group: str


_EN = Conv(".", "," + _SPACES, ",")
_DOT_GROUP = Conv(",", "." + _SPACES, ".")
_SPACE_GROUP = Conv(",", _SPACES, "\u00a0")
_SWISS = Conv(".", _APOS + _SPACES, "\u2019")

_COMMA_DOT = frozenset(
    "it de es pt nl da id tr el ro hr sl sr bs mk ca gl eu vi is az ka sq ms".split()
)
_COMMA_SPACE = frozenset(
    "fr ru uk pl cs sk sv nb nn no fi hu bg lt lv et be kk hy ky uz tg mn af".split()
)
_DOT_REGIONS = frozenset({"mx", "us", "419", "pr", "gt", "hn", "ni", "pa", "sv", "do", "pe"})


@lru_cache(maxsize=128)
def conventions(lang: str | None) -> Conv:
    """Number conventions of a BCP 47 language tag: CLDR's decimal and group marks
    (through Babel); spaces are accepted as group marks everywhere (the SI style), and
    apostrophes where the locale groups with one. English style when the language is
    unknown to CLDR and to the small fallback table."""
    if not lang:
        return _EN
    marks = cldr.number_marks(lang)
    if marks is not None:
        decimal, group = marks
        group = group.replace("\u200f", "").replace("\u200e", "") or ","
        groups = group + _SPACES
        if group in _APOS:
            groups += _APOS
        return Conv(decimal, "".join(dict.fromkeys(groups)), group)
    parts = lang.replace("_", "-").lower().split("-")
    primary = parts[0]
    regions = parts[1:]
    if primary in ("de", "it", "rm", "gsw") and "ch" in regions:
        return _SWISS
    if primary == "fr":
        return Conv(",", _SPACES, "\u202f")
    if primary == "es" and any(r in _DOT_REGIONS for r in regions):
        return _EN
    if primary == "pt" and "pt" in regions:
        return _SPACE_GROUP
    if primary in _COMMA_DOT:
        return _DOT_GROUP
    if primary in _COMMA_SPACE:
        return _SPACE_GROUP
    return _EN


class Reading(NamedTuple):
    """One way to read a number token: normalized value, group and decimal marks."""

    value: str
    group: str
    decimal: str


class Num(NamedTuple):
    """A number token: span, text, kind (``num``/``ord``/``word``), readings, and the
    values of its digit runs (used when tokens are split differently on each side)."""

    start: int
    end: int
    text: str
    kind: str
    readings: tuple[Reading, ...]
    atoms: tuple[str, ...]


def _ascii(digits: str) -> str:
    """Decimal digits of any script as ASCII digits, leading zeros kept (no ``int()``:
    it refuses more than 4,300 digits)."""
    return digits if digits.isascii() else "".join(str(unicodedata.digit(c)) for c in digits)


def _int(digits: str) -> str:
    return _ascii(digits).lstrip("0") or "0"


def _value(ip: str, fp: str = "") -> str:
    fp = fp.rstrip("0")
    if fp and not fp.isascii():
        fp = _ascii(fp)
    return f"{_int(ip)}.{fp}" if fp else _int(ip)


def _grouped(parts: Sequence[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _parse_run(text: str, start: int, out: list[Num]) -> None:
    """Turn one run of digits and separators into number tokens."""
    if text.isdigit():
        v = _int(text)
        out.append(Num(start, start + len(text), text, "num", (Reading(v, "", ""),), (v,)))
        return
    seps = _SEP_RE.findall(text)
    parts = _SEP_RE.split(text)
    atoms = tuple(_int(p) for p in parts)  # for a plain decimal: 10.30 ~ 10:30
    end = start + len(text)
    first = seps[0]
    uniform = all(s == first for s in seps)
    if uniform and first in ".,":
        if len(seps) == 1:
            a, b = parts
            dec = Reading(_value(a, b), "", first)
            if len(b) == 3 and _grouped(parts) and a[0] != "0":
                readings: tuple[Reading, ...] = (Reading(_int(a + b), first, ""), dec)
                atoms = (readings[0].value,)
            else:
                readings = (dec,)
            out.append(Num(start, end, text, "num", readings, atoms))
            return
        if _grouped(parts):
            v = _int("".join(parts))
            out.append(Num(start, end, text, "num", (Reading(v, first, ""),), (v,)))
            return
    elif uniform and _grouped(parts):  # spaces or apostrophes
        v = _int("".join(parts))
        # its parts too: a phone number '0800 555 111' may come back reordered
        # ('111 555 0800' in a right-to-left text)
        atoms = tuple(_int(p) for p in parts) if first in _SPACES else (v,)
        out.append(Num(start, end, text, "num", (Reading(v, first, ""),), atoms))
        return
    elif (
        len(seps) >= 2
        and seps[-1] in ".,"
        and all(s == first for s in seps[:-1])
        and first != seps[-1]
        and _grouped(parts[:-1])
    ):
        value = _value("".join(parts[:-1]), parts[-1])
        out.append(Num(start, end, text, "num", (Reading(value, first, seps[-1]),), (value,)))
        return
    if uniform and first in _SPACES and len(parts) >= 3 and len(parts[0]) > 3 and _grouped(parts[1:]):
        # a year before a number grouped with spaces: "v roce 1953 30 000"
        _parse_run(parts[0], start, out)
        _parse_run(text[len(parts[0]) + 1 :], start + len(parts[0]) + 1, out)
        return
    # Not one number: versions, dates, IPs, "1 2 3": each part on its own.
    pos = start
    for p in parts:
        v = _int(p)
        out.append(Num(pos, pos + len(p), p, "num", (Reading(v, "", ""),), (v,)))
        pos += len(p) + 1


def _mask(m: re.Match[str]) -> str:
    return "\x00" * (m.end() - m.start())


def find_numbers(text: str, lang: str | None = None) -> list[Num]:
    """The number tokens of ``text`` in order (placeholders, URLs, tags ignored).
    With ``lang``, a scale word after a number adds the scaled reading (``11 million``,
    ``1100万``, ``2,8 miliardy``: CLDR), and ``1億2,500万`` is read as one number."""
    out: list[Num] = []
    if not _DIGIT_RE.search(text):
        return out
    masked = _masked(text)
    # Jump from digit run to digit run (a fast scan), then match the token there,
    # starting at the letters glued before it (H100).
    search = _DIGITS_RE.search
    match = _TOKEN_RE.match
    i = 0
    while True:
        d = search(masked, i)
        if d is None:
            break
        b = d.start()
        while b and masked[b - 1] in _ASCII_LETTERS:
            b -= 1
        m = match(masked, b)
        if m is None and b != d.start():
            m = match(masked, d.start())
        if m is None:
            i = d.end()
            continue
        i = m.end()
        kind = m.lastgroup
        s = m.group()
        if kind == "num":
            n = len(out)
            if not s.isascii():  # native digits; Arabic decimal and thousands marks
                _parse_run(s.translate(_ARABIC_MARKS), m.start(), out)
                out[n:] = [t._replace(text=text[t.start : t.end]) for t in out[n:]]
            else:
                _parse_run(s, m.start(), out)
            e = m.end()
            if len(out) == n + 1:
                t = out[n]
                scale = _scale_at(masked, e, lang)
                if scale is not None:  # 100万 = 1,000,000; 11 million
                    exp, i = scale
                    scaled = tuple(
                        Reading(_scale(r.value, exp), r.group, r.decimal) for r in t.readings
                    )
                    t = out[n] = t._replace(readings=scaled + t.readings)
                    _merge_scaled(out, n, text)
        elif kind == "ord":
            v = _int(_DIGITS_RE.search(s).group())  # type: ignore[union-attr]
            out.append(Num(m.start(), m.end(), s, "ord", (Reading(v, "", ""),), (v,)))
        else:
            atoms = tuple(_int(d) for d in _DIGITS_RE.findall(s))
            readings: tuple[Reading, ...] = (Reading("w:" + s.lower(), "", ""),)
            k = _SUFFIX_SCALE_RE.fullmatch(s)
            if k:  # 10K = 10,000; 125m = 125,000,000 (or 125 metres)
                glued = _glued_scale(k.group(2), lang)
                if glued:
                    readings += (Reading(_scale(_int(k.group(1)), glued), "", ""),)
            dec = number_forms.decade(s)
            if dec is not None:  # 1930s = 1930 = "the 30s"
                readings += (Reading(str(dec), "", ""),)
                if dec >= 100:
                    readings += (Reading(str(dec % 100), "", ""),)
            out.append(Num(m.start(), m.end(), s, "word", readings, atoms))
    return out


def _scale_at(text: str, end: int, lang: str | None) -> tuple[int, int] | None:
    """``(power of ten, end)`` of a scale word right after ``end`` (CLDR words of
    ``lang``; the CJK units when no language is given)."""
    if lang:
        return number_forms.scale_after(text, end, lang)
    if end < len(text) and text[end] in _CJK_SCALE:
        return _CJK_SCALE[text[end]], end + 1
    return None


def _glued_scale(letters: str, lang: str | None) -> int | None:
    """Power of ten of a scale abbreviation glued to a number (``10K``, ``125m``)."""
    if letters in ("k", "K"):
        return 3
    if letters == "M":
        return 6
    words = cldr.scale_words(lang) if lang else {}
    return words.get(letters.lower())


def _merge_scaled(out: list[Num], n: int, text: str) -> None:
    """Join ``1億`` and the ``2,500万`` right after it into one number (CJK writes
    125,000,000 as ``1億2,500万``, Korean ``1억 2500만``): the smaller unit must follow
    the larger one's unit at once or after one space."""
    if n == 0:
        return
    prev = out[n - 1]
    cur = out[n]
    gap = text[prev.end : cur.start]
    # 1億2,500万; Korean spaces the units: 1억 2500만
    if prev.end > cur.start or len(prev.readings) < 2 or len(gap) > 2 or (
        len(gap) == 2 and not (gap[0].isalpha() and gap[1] in _SPACES)
    ):
        return
    pv, cv = prev.readings[0].value, cur.readings[0].value
    if "." in pv or "." in cv or len(pv) <= len(cv):
        return
    total = str(int(pv) + int(cv))
    out[n - 1 : n + 1] = [
        Num(prev.start, cur.end, text[prev.start : cur.end], "num",
            (Reading(total, "", ""),) + prev.readings, (total,))
    ]


def _scale(value: str, exp: int) -> str:
    """``value`` times 10**exp, as a normalized value string."""
    ip, _, fp = value.partition(".")
    fp = fp.ljust(exp, "0")
    return _value(ip + fp[:exp], fp[exp:])


def format_number(value: str, conv: Conv, grouped: bool) -> str:
    """``value`` (``1000.5``) written with ``conv``'s marks, grouped when asked."""
    if value.startswith("w:"):
        return value[2:]
    ip, _, fp = value.partition(".")
    if grouped and len(ip) > 3:
        head = len(ip) % 3 or 3
        chunks = [ip[:head]] + [ip[i : i + 3] for i in range(head, len(ip), 3)]
        ip = conv.group.join(chunks)
    return ip + conv.decimal + fp if fp else ip


def _native(r: Reading, conv: Conv) -> bool:
    return (not r.group or r.group in conv.groups) and (not r.decimal or r.decimal == conv.decimal)


def _preferred(n: Num, conv: Conv) -> Reading:
    for r in n.readings:
        if _native(r, conv):
            return r
    return n.readings[0]


_WORDS: dict[str, tuple[str, ...]] = {
    # 0..12; alternatives separated by "|"
    "en": (
        "zero|no none", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve|dozen",
    ),
    "it": (
        "zero", "uno|una|un", "due", "tre", "quattro", "cinque", "sei", "sette", "otto",
        "nove", "dieci", "undici", "dodici",
    ),
    "de": (
        "null", "eins|ein|eine|einen|einem|einer", "zwei", "drei", "vier", "fünf",
        "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
    ),
    "fr": (
        "zéro", "un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
        "neuf", "dix", "onze", "douze",
    ),
    "es": (
        "cero", "uno|una|un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
        "nueve", "diez", "once", "doce",
    ),
    "pt": (
        "zero", "um|uma", "dois|duas", "três", "quatro", "cinco", "seis", "sete", "oito",
        "nove", "dez", "onze", "doze",
    ),
    "nl": (
        "nul", "een|één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht",
        "negen", "tien", "elf", "twaalf",
    ),
}

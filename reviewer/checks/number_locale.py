"""Target-only locale rules of the number check: a number or a currency written against the
target locale's conventions (locale_suggestion, currency_issues)."""

from __future__ import annotations

import re

from .number_reading import Conv, Num, _native, format_number


# --- target-only locale rules ----------------------------------------------------------

_BRACKETED = ("()", "[]")


def locale_suggestion(text: str, n: Num, conv: Conv) -> str | None:
    """The number ``n`` of ``text`` rewritten for ``conv`` when its separators are
    wrong there, else None. Only sure cases: separators no reading of which is native
    (``1,000.5`` / ``1,000,000`` in Italian, ``1.000,5`` / ``3,5`` in English), and
    ``d,ddd`` / ``d.ddd`` ending in ``0`` whose native reading would be a decimal with
    a pointless trailing zero (Italian ``10,000`` -> ``10.000``). A single ``.`` in a
    comma-decimal language is left alone: a version (``3.11``) or a time (``10.30``)."""
    if n.kind != "num" or n.text.isdigit():
        return None
    if len(n.readings) == 2:  # "d,ddd" / "d.ddd": thousands, or 3 decimals
        grouping = n.readings[0]
        if _native(grouping, conv) or not n.text.endswith("0"):
            return None
        return format_number(grouping.value, conv, True)
    r = n.readings[0]
    if _native(r, conv):
        return None
    if r.group:  # 1,000,000 / 1,000.5 / 1'000 with foreign marks
        return format_number(r.value, conv, True)
    if not r.decimal or r.decimal == ".":
        return None  # plain parts of a date or version; "3.11" may be a version
    # "3,5" where the decimal mark is "." (not "(3,5)" or "[0,1]": pairs, intervals)
    if n.start > 0 and n.end < len(text) and text[n.start - 1] + text[n.end] in _BRACKETED:
        return None
    return format_number(r.value, conv, False)


_CURRENCY_RE = re.compile(
    r"(?<![\w$])(?P<sign>[$£€])(?P<space>[ \u00a0\u202f]?)"
    r"(?P<num>\d++(?:[.,'\u2019]\d++)*+)(?![\w$])"
)
_SCALES: dict[str, str] = {
    "it": "milioni|miliardi|milione|miliardo|mila|mln|mld|mrd",
    "fr": "millions|milliards|million|milliard|mille|Md|M",
    "de": "Millionen|Milliarden|Million|Milliarde|Tausend|Mio\\.|Mrd\\.",
    "es": "mil millones|millones|millón|mil",
}
_SCALE_RE = {
    lang: re.compile(rf"[ \u00a0\u202f](?P<scale>{words})(?!\w)")
    for lang, words in _SCALES.items()
}
_IT_CURRENCY = {"$": ("dollaro", "dollari"), "£": ("sterlina", "sterline")}
_AFTER_SIGN: dict[str, str] = {"fr": "$£€", "de": "$£€", "es": "$£€"}
# Regions where the sign goes before the amount, or that use another currency style.
_SIGN_FIRST_REGIONS = frozenset({"ch", "li", "at", "ca", "mx", "us", "419", "ar", "co", "cl"})


def currency_issues(text: str, lang: str | None) -> list[tuple[int, int, str, str]]:
    """``(start, end, text, suggestion)`` for each currency sign written before its
    amount where ``lang`` puts it after: Italian ``$ 100 miliardi`` -> ``100 miliardi
    di dollari`` (``$`` and ``£``: ``€ 100`` is accepted Italian), French, German and
    Spanish ``$ 100`` -> ``100 $`` (with a no-break space). Not flagged: ``US$``,
    ``R$``, ``$1``-style placeholders (one digit glued to the sign), regions that write
    the sign first (Swiss, Austrian, Canadian, American Spanish...)."""
    if "$" not in text and "£" not in text and "€" not in text:
        return []
    parts = lang.replace("_", "-").lower().split("-") if lang else []
    if not parts or any(r in _SIGN_FIRST_REGIONS for r in parts[1:]):
        return []
    primary = parts[0]
    signs = "$£" if primary == "it" else _AFTER_SIGN.get(primary, "")
    if not signs:
        return []
    out: list[tuple[int, int, str, str]] = []
    for m in _CURRENCY_RE.finditer(text):
        sign, num = m.group("sign"), m.group("num")
        if sign not in signs or (not m.group("space") and len(num) == 1):
            continue
        end = m.end()
        scale = ""
        k = _SCALE_RE[primary].match(text, end)
        if k is not None:
            scale, end = k.group("scale"), k.end()
        if primary == "it":
            one, many = _IT_CURRENCY[sign]
            if scale in ("", "mila"):
                word = one if num == "1" and not scale else many
                sugg = f"{num} {scale + ' ' if scale else ''}{word}"
            else:
                sugg = f"{num} {scale} di {many}"
        else:
            sugg = f"{num} {scale}\u00a0{sign}" if scale else f"{num}\u00a0{sign}"
        out.append((m.start(), end, text[m.start() : end], sugg))
    return out

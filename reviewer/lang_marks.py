"""The punctuation of each language: which marks end a sentence (and of which class:
full stop, question, ...), the mark of a class a language writes, full-width
equivalents in Chinese and Japanese, and the quotation marks a language uses (its
primary and secondary pairs, the roles of each mark). Re-exported by :mod:`reviewer.lang`."""

from __future__ import annotations

from functools import lru_cache

from .langtag import base, subtags


#: Languages whose sentence punctuation is full-width (``。！？，：；``).
FULLWIDTH_PUNCT: frozenset[str] = frozenset({"zh", "ja", "yue", "wuu", "lzh", "hak", "nan", "gan"})


# --- sentence-end punctuation --------------------------------------------------------

FULL_STOP = "full stop"
QUESTION = "question mark"
EXCLAMATION = "exclamation mark"
COLON = "colon"
SEMICOLON = "semicolon"
ELLIPSIS = "ellipsis"

#: Rank of the classes: a run like ``?!`` or ``...?`` is classed by its highest.
CLASS_RANK: dict[str, int] = {
    QUESTION: 6, EXCLAMATION: 5, ELLIPSIS: 4, FULL_STOP: 3, COLON: 2, SEMICOLON: 1,
}  # fmt: skip

_END_CLASS: dict[str, str] = {
    ".": FULL_STOP, "。": FULL_STOP, "．": FULL_STOP, "｡": FULL_STOP, "।": FULL_STOP,
    "॥": FULL_STOP, "۔": FULL_STOP, "։": FULL_STOP, "።": FULL_STOP, "။": FULL_STOP,
    "។": FULL_STOP, "།": FULL_STOP,
    "?": QUESTION, "？": QUESTION, "؟": QUESTION, "\u037e": QUESTION, "՞": QUESTION,
    "፧": QUESTION, "⸮": QUESTION,
    "!": EXCLAMATION, "！": EXCLAMATION, "՜": EXCLAMATION,
    ":": COLON, "：": COLON, "፥": COLON,
    ";": SEMICOLON, "；": SEMICOLON, "؛": SEMICOLON, "\u0387": SEMICOLON, "፤": SEMICOLON,
    "…": ELLIPSIS, "⋯": ELLIPSIS,
}  # fmt: skip

#: Every character :func:`end_class` knows (plus ``·``, the Greek semicolon's look-alike).
END_PUNCT_CHARS: frozenset[str] = frozenset(_END_CLASS) | {"·"}

_END_OVERRIDES: dict[str, dict[str, str]] = {
    # Greek: ";" is the question mark, the raised dot the semicolon.
    "el": {";": QUESTION, "·": SEMICOLON},
    # Armenian: ":" is widely typed for the full stop "։".
    "hy": {":": FULL_STOP},
}


def end_class(ch: str, lang: str | None) -> str | None:
    """The sentence-punctuation class of one character in ``lang``, or None."""
    ov = _END_OVERRIDES.get(base(lang))
    if ov is not None and ch in ov:
        return ov[ch]
    return _END_CLASS.get(ch)


_END_MARKS: dict[str, dict[str, str]] = {
    "zh": {FULL_STOP: "。", QUESTION: "？", EXCLAMATION: "！", COLON: "：",
           SEMICOLON: "；", ELLIPSIS: "……"},
    "ja": {FULL_STOP: "。", QUESTION: "？", EXCLAMATION: "！", COLON: "：",
           SEMICOLON: "；", ELLIPSIS: "…"},
    "el": {QUESTION: "\u037e", SEMICOLON: "\u0387"},
    "ar": {QUESTION: "؟", SEMICOLON: "؛"},
    "fa": {QUESTION: "؟", SEMICOLON: "؛"},
    "ur": {QUESTION: "؟", SEMICOLON: "؛", FULL_STOP: "۔"},
    "hi": {FULL_STOP: "।"}, "mr": {FULL_STOP: "।"}, "ne": {FULL_STOP: "।"},
    "sa": {FULL_STOP: "।"}, "bn": {FULL_STOP: "।"}, "pa": {FULL_STOP: "।"},
    "or": {FULL_STOP: "।"}, "as": {FULL_STOP: "।"},
    "hy": {FULL_STOP: "։"},
    "am": {FULL_STOP: "።", QUESTION: "፧", COLON: "፥", SEMICOLON: "፤"},
    "my": {FULL_STOP: "။"},
    "km": {FULL_STOP: "។"},
    "bo": {FULL_STOP: "།"},
}  # fmt: skip
for _l in ("yue", "wuu", "lzh", "hak", "nan", "gan"):
    _END_MARKS[_l] = _END_MARKS["zh"]

_PLAIN_MARKS: dict[str, str] = {
    FULL_STOP: ".", QUESTION: "?", EXCLAMATION: "!", COLON: ":", SEMICOLON: ";",
    ELLIPSIS: "…",
}  # fmt: skip


def end_mark(cls: str, lang: str | None) -> str:
    """The character(s) ``lang`` writes for sentence-punctuation class ``cls``."""
    m = _END_MARKS.get(base(lang))
    if m is not None and cls in m:
        return m[cls]
    return _PLAIN_MARKS[cls]


_CJK_EQUIV: dict[str, dict[str, str]] = {
    "zh": {".": "。", ",": "，", "?": "？", "!": "！", ":": "：", ";": "；"},
    "ja": {".": "。", ",": "、", "?": "？", "!": "！", ":": "：", ";": "；"},
}


def cjk_equivalent(ch: str, lang: str | None) -> str | None:
    """The full-width mark a Chinese/Japanese text uses instead of ASCII ``ch``."""
    b = base(lang)
    table = _CJK_EQUIV.get("ja" if b == "ja" else "zh") if b in FULLWIDTH_PUNCT else None
    return table.get(ch) if table else None


# --- quotation marks -------------------------------------------------------------------

# (primary pair, secondary pair) per language; region/script variants first.
_QUOTES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "en": (("“", "”"), ("‘", "’")),
    "it": (("«", "»"), ("“", "”")),
    "fr": (("«", "»"), ("“", "”")),
    "fr-ch": (("«", "»"), ("‹", "›")),
    "es": (("«", "»"), ("“", "”")),
    "ca": (("«", "»"), ("“", "”")),
    "gl": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "pt-br": (("“", "”"), ("‘", "’")),
    "de": (("„", "“"), ("‚", "‘")),
    "de-ch": (("«", "»"), ("‹", "›")),
    "ru": (("«", "»"), ("„", "“")),
    "uk": (("«", "»"), ("„", "“")),
    "be": (("«", "»"), ("„", "“")),
    "pl": (("„", "”"), ("«", "»")),
    "cs": (("„", "“"), ("‚", "‘")),
    "sk": (("„", "“"), ("‚", "‘")),
    "sl": (("„", "“"), ("‚", "‘")),
    "bg": (("„", "“"), ("‚", "‘")),
    "et": (("„", "“"), ("«", "»")),
    "lt": (("„", "“"), ("‚", "‘")),
    "lv": (("«", "»"), ("„", "“")),
    "is": (("„", "“"), ("‚", "‘")),
    "hr": (("„", "”"), ("‘", "’")),
    "sr": (("„", "”"), ("’", "’")),
    "hu": (("„", "”"), ("»", "«")),
    "ro": (("„", "”"), ("«", "»")),
    "nl": (("“", "”"), ("‘", "’")),
    "sv": (("”", "”"), ("’", "’")),
    "fi": (("”", "”"), ("’", "’")),
    "da": (("»", "«"), ("›", "‹")),
    "nb": (("«", "»"), ("‘", "’")),
    "nn": (("«", "»"), ("‘", "’")),
    "no": (("«", "»"), ("‘", "’")),
    "el": (("«", "»"), ("“", "”")),
    "tr": (("“", "”"), ("‘", "’")),
    "ar": (("«", "»"), ("“", "”")),
    "fa": (("«", "»"), ("“", "”")),
    "he": (("“", "”"), ("‘", "’")),
    "hy": (("«", "»"), ("“", "”")),
    "ka": (("„", "“"), ("«", "»")),
    "ja": (("「", "」"), ("『", "』")),
    "zh": (("“", "”"), ("‘", "’")),
    "zh-hant": (("「", "」"), ("『", "』")),
    "zh-tw": (("「", "」"), ("『", "』")),
    "zh-hk": (("「", "」"), ("『", "』")),
    "ko": (("“", "”"), ("‘", "’")),
    "vi": (("“", "”"), ("‘", "’")),
}


@lru_cache(maxsize=256)
def quote_pairs(lang: str | None) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The (primary, secondary) quotation-mark pairs of ``lang``, or None when unknown."""
    t = subtags(lang)
    if not t:
        return None
    for sub in t[1:]:
        hit = _QUOTES.get(f"{t[0]}-{sub}")
        if hit is not None:
            return hit
    return _QUOTES.get(t[0])


# Roles of double quotation marks where context (spaces around) does not decide.
_DEFAULT_ROLES: dict[str, str] = {
    "“": "open", "”": "close", "„": "open", "‟": "open", "«": "open", "»": "close",
    "「": "open", "」": "close", "『": "open", "』": "close", "‹": "open", "›": "close",
    "﹁": "open", "﹂": "close", "〝": "open", "〞": "close", "＂": "",
    '"': "",
}  # fmt: skip


@lru_cache(maxsize=256)
def quote_roles(lang: str | None) -> dict[str, str]:
    """Default role (``open``/``close``/``""`` = either) of each quotation mark in ``lang``.

    The language's own pairs decide (German ``“`` closes, Danish ``»`` opens); a mark
    used for both ends (Swedish ``”``, ASCII ``"``) has role ``""``.
    """
    roles = dict(_DEFAULT_ROLES)
    pairs = quote_pairs(lang)
    if pairs:
        for o, c in pairs:
            if o not in roles and c not in roles:
                continue  # single quotes: apostrophes, not handled as quotes
            if o == c:
                roles[o] = ""
            else:
                roles[o] = "open"
                roles[c] = "close"
    return roles



@lru_cache(maxsize=1)
def marks() -> str:
    """Every combining mark (Unicode categories Mn, Mc, Me, from :mod:`unicodedata`)
    as the inside of a regex character class, for ``[\\w{marks()}]``: Python's ``\\w``
    leaves them out, which cuts Devanagari, Bengali or Thai words into pieces."""
    import unicodedata

    out: list[str] = []
    start = prev = -2
    for cp in [*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)]:
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if cp != prev + 1:
                if start >= 0:
                    out.append(f"\\U{start:08x}-\\U{prev:08x}")
                start = cp
            prev = cp
    if start >= 0:
        out.append(f"\\U{start:08x}-\\U{prev:08x}")
    return "".join(out)

"""Language-aware data and helpers for the checks.

Languages are BCP 47 codes (``it``, ``pt-BR``, ``fr-CA``, ``zh-Hans``); most data is
keyed on the primary subtag, lowercased (:func:`base`), with a few region/script
refinements (``fr-CA`` spacing, ``pt-BR`` and ``de-CH`` quotes, ``zh-Hant`` corner
brackets). Everything here is plain module-level data: cheap to import, no I/O.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = [
    "language_name",
    "base",
    "subtags",
    "CJK",
    "FULLWIDTH_PUNCT",
    "CASELESS",
    "NON_LATIN",
    "INVERTED_MARKS",
    "is_cjk",
    "uses_fullwidth",
    "has_case",
    "french_spacing",
    "FULL_STOP",
    "QUESTION",
    "EXCLAMATION",
    "COLON",
    "SEMICOLON",
    "ELLIPSIS",
    "end_class",
    "end_mark",
    "cjk_equivalent",
    "length_factor",
    "length_band",
    "quote_pairs",
    "quote_roles",
    "repeat_allowed",
    "KNOWN_NAMES",
    "ABBREVIATIONS",
    "SHARED_WORDS",
    "LOWERCASE_BRANDS",
    "NBSP",
    "NNBSP",
]

NBSP = "\u00a0"
NNBSP = "\u202f"


@lru_cache(maxsize=256)
def subtags(lang: str | None) -> tuple[str, ...]:
    """The subtags of a BCP 47 code, lowercased (``pt_BR`` is accepted too)."""
    if not lang:
        return ()
    return tuple(p for p in lang.strip().replace("_", "-").lower().split("-") if p)


def base(lang: str | None) -> str:
    """The primary language subtag, lowercased: ``pt-BR`` -> ``pt``; ``""`` when unknown."""
    t = subtags(lang)
    return t[0] if t else ""


@lru_cache(maxsize=256)
def language_name(lang: str | None) -> str:
    """The English name of ``lang``'s language from CLDR (Babel): ``ru`` -> ``Russian``;
    the code itself when CLDR does not know it."""
    code = base(lang)
    if not code:
        return "the target language"
    try:
        from babel import Locale

        return str(Locale.parse(code).english_name or code)
    except Exception:  # babel.UnknownLocaleError, ValueError: not a CLDR locale
        return code


#: :func:`autonyms` computed once from Babel by ``python -m reviewer.lang`` (a pure
#: function of Babel's CLDR data; computing it loads every locale's data: seconds of
#: CPU and tens of MB a run would otherwise pay). Used only while the installed Babel
#: is the version it was computed from; otherwise computed live.
AUTONYMS_FILE = Path(__file__).parent / "data" / "cldr_autonyms.json"


def _babel_version() -> str:
    """The installed Babel's version, from its ``dist-info`` beside the package when
    there is one (without importing Babel or walking every distribution)."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    if spec is not None and spec.submodule_search_locations:
        site = Path(next(iter(spec.submodule_search_locations))).parent
        found = sorted(site.glob("[Bb]abel-*.dist-info"))
        if len(found) == 1:
            return found[0].name.split("-", 1)[1][: -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("babel")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        return "?"


@lru_cache(maxsize=1)
def autonyms() -> frozenset[str]:
    """Every language's name for itself in CLDR (Babel), lowercased: ``türkçe``,
    ``日本語``, ``русский``. Language lists in user interfaces write them so in any
    language: they are neither misspellings nor words left untranslated."""
    try:
        data = json.loads(AUTONYMS_FILE.read_text(encoding="utf-8"))
        if data.get("babel") == _babel_version() and isinstance(data.get("autonyms"), list):
            return frozenset(str(n) for n in data["autonyms"])
    except (OSError, ValueError, AttributeError):
        pass
    return _autonyms_live()


def _autonyms_live() -> frozenset[str]:
    """:func:`autonyms` from Babel's data (every locale loaded)."""
    try:
        from babel import Locale, localedata
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    out: set[str] = set()
    for ident in localedata.locale_identifiers():
        if "_" in ident:
            continue
        try:
            name = Locale.parse(ident).get_display_name(ident)
        except Exception:  # noqa: BLE001 - a locale CLDR cannot display
            continue
        if name:
            out.add(name.lower())
    return frozenset(out)


@lru_cache(maxsize=64)
def language_names(lang: str | None) -> frozenset[str]:
    """The names of languages as ``lang`` writes them (CLDR), with every language's
    own name (:func:`autonyms`), lowercased, and their single words."""
    out: set[str] = set(autonyms())
    code = base(lang)
    if code:
        try:
            from babel import Locale

            out.update(n.lower() for n in Locale.parse(code).languages.values())
        except Exception:  # noqa: BLE001 - not a CLDR locale
            pass
    words = {w for n in out for w in n.replace("(", " ").replace(")", " ").split() if len(w) > 2}
    return frozenset(out | words)


# --- scripts and writing conventions -------------------------------------------------

#: Chinese, Japanese, Korean (and other Chinese languages).
CJK: frozenset[str] = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh", "hak", "nan", "gan"})

#: Languages whose sentence punctuation is full-width (``。！？，：；``).
FULLWIDTH_PUNCT: frozenset[str] = frozenset({"zh", "ja", "yue", "wuu", "lzh", "hak", "nan", "gan"})

#: Languages written in scripts without letter case.
CASELESS: frozenset[str] = frozenset(
    {
        "zh", "ja", "ko", "yue", "wuu", "lzh", "ar", "fa", "ur", "ps", "he", "yi", "hi",
        "mr", "ne", "sa", "bn", "as", "pa", "gu", "or", "ta", "te", "kn", "ml", "si", "th",
        "lo", "km", "my", "bo", "dz", "am", "ti", "ka", "dv", "sd", "ug", "ckb",
    }
)  # fmt: skip

#: Languages normally written in a non-Latin script (loanwords are transliterated).
NON_LATIN: frozenset[str] = CASELESS | frozenset(
    {"ru", "uk", "be", "bg", "mk", "sr", "el", "hy", "kk", "ky", "tg", "mn", "tt", "ba", "cv"}
)

#: Languages that open questions/exclamations with ``¿``/``¡``.
INVERTED_MARKS: frozenset[str] = frozenset({"es", "gl", "ast"})

#: Languages whose sentences need no final full stop (Thai, Lao).
NO_FULL_STOP: frozenset[str] = frozenset({"th", "lo"})


def is_cjk(lang: str | None) -> bool:
    """True for Chinese, Japanese and Korean."""
    return base(lang) in CJK


def uses_fullwidth(lang: str | None) -> bool:
    """True when the language's sentence punctuation is full-width (Chinese, Japanese)."""
    return base(lang) in FULLWIDTH_PUNCT


def has_case(lang: str | None) -> bool:
    """False for languages whose script has no upper/lower case (unknown: True)."""
    return base(lang) not in CASELESS


def french_spacing(lang: str | None) -> dict[str, str]:
    """Punctuation that needs a space before it in ``lang``, mapped to the space to suggest.

    French (France, Belgium, Switzerland...): a no-break space before ``:`` and a narrow
    no-break space before ``; ! ?``. Canadian French only spaces the colon (the ``; ! ?``
    rule is left to the writer: neither space nor its absence is flagged). Other
    languages: an empty mapping.
    """
    t = subtags(lang)
    if not t or t[0] != "fr":
        return {}
    if "ca" in t[1:]:
        return {":": NBSP}
    return _FR_SPACING


_FR_SPACING: dict[str, str] = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}


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


# --- length ----------------------------------------------------------------------------

#: Typical length in characters of a translation from English, as a factor of the
#: English length (rough medians from software and web localization).
_LENGTH_FACTOR: dict[str, float] = {
    "en": 1.0, "de": 1.2, "nl": 1.15, "sv": 1.05, "da": 1.05, "nb": 1.05, "no": 1.05,
    "nn": 1.05, "is": 1.1, "fi": 1.1, "et": 1.05, "fr": 1.15, "it": 1.12, "es": 1.15,
    "pt": 1.15, "ca": 1.15, "gl": 1.15, "ro": 1.15, "pl": 1.12, "cs": 1.05, "sk": 1.05,
    "sl": 1.05, "hr": 1.05, "sr": 1.05, "bs": 1.05, "hu": 1.1, "lt": 1.05, "lv": 1.05,
    "ru": 1.1, "uk": 1.1, "be": 1.1, "bg": 1.1, "mk": 1.1, "el": 1.15, "tr": 1.05,
    "ga": 1.2, "cy": 1.1, "eu": 1.1, "ar": 0.95, "he": 0.85, "fa": 1.0, "ur": 1.0,
    "hi": 1.05, "bn": 1.0, "th": 0.95, "vi": 1.05, "id": 1.1, "ms": 1.1, "tl": 1.2,
    "zh": 0.4, "yue": 0.4, "ja": 0.5, "ko": 0.55,
}  # fmt: skip

#: The band is ``expected * (LOW, HIGH)``: generous, as short strings vary a lot.
BAND_LOW = 0.5
BAND_HIGH = 2.0


def length_factor(lang: str | None) -> float:
    """Typical length of a text in ``lang`` relative to the same text in English."""
    return _LENGTH_FACTOR.get(base(lang), 1.0)


@lru_cache(maxsize=1024)
def length_band(source_lang: str | None, target_lang: str | None) -> tuple[float, float]:
    """The acceptable ``len(target) / len(source)`` range for a language pair.

    Unknown pairs get ``(0.5, 2.0)``; English to Chinese about ``(0.2, 0.8)``, to
    Japanese ``(0.25, 1.0)``, to German ``(0.6, 2.4)``.
    """
    if not source_lang or not target_lang:
        return (BAND_LOW, BAND_HIGH)
    expected = length_factor(target_lang) / length_factor(source_lang)
    return (expected * BAND_LOW, expected * BAND_HIGH)


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

# --- words -------------------------------------------------------------------------------

_REPEAT_OK: dict[str, frozenset[str]] = {
    "en": frozenset({"that", "had", "is", "bye", "so", "very", "knock", "bang", "chop"}),
    "fr": frozenset({"nous", "vous", "si", "tout", "bien", "toc", "cri", "bon"}),
    "de": frozenset({"die", "das", "der", "den", "dem", "sie", "so", "ganz"}),
    "nl": frozenset({"die", "dat"}),
    "it": frozenset({"via", "piano", "pian", "poco", "così", "bene", "quasi", "tanto",
                     "passo", "man", "ora", "mai", "sempre", "zitto", "forte", "caso"}),
    "es": frozenset({"ya", "sí", "poco", "muy", "casi", "bien", "tal"}),
    "pt": frozenset({"já", "sim", "bem", "pouco", "muito", "corre"}),
    "pl": frozenset({"tak", "nie"}),
    "ru": frozenset({"да", "нет", "так", "очень", "еле", "чуть"}),
}  # fmt: skip
_REPEAT_ANY: frozenset[str] = frozenset(
    {"bla", "blah", "ha", "hah", "ah", "oh", "eh", "hey", "ho", "hi", "no", "tic", "toc",
     "ding", "dong", "boom", "ciao", "tut", "tsk", "mm", "hm", "hmm", "pss"}
)  # fmt: skip


def repeat_allowed(word: str, lang: str | None) -> bool:
    """True when ``word word`` is a legitimate repetition in ``lang`` (``nous nous``,
    ``die die``, ``that that``, ``bla bla``)."""
    w = word.lower()
    if w in _REPEAT_ANY:
        return True
    allowed = _REPEAT_OK.get(base(lang))
    return allowed is not None and w in allowed


#: Product and company names that stay the same in every language (lowercase).
KNOWN_NAMES: frozenset[str] = frozenset(
    {
        "nvidia", "openai", "google", "microsoft", "apple", "amazon", "meta", "facebook",
        "twitter", "instagram", "youtube", "linkedin", "github", "gitlab", "git", "linux",
        "ubuntu",
        "debian", "fedora", "android", "windows", "macos", "ios", "firefox", "chrome",
        "chromium", "safari", "mozilla", "python", "java", "javascript", "typescript",
        "kotlin", "swift", "rust", "golang", "docker", "kubernetes", "intel", "samsung",
        "adobe", "oracle", "ibm", "dropbox", "slack", "zoom", "skype", "whatsapp",
        "telegram", "signal", "spotify", "netflix", "paypal", "visa", "mastercard",
        "wikipedia", "gnome", "kde", "xfce", "mysql", "postgresql", "sqlite",
        "chatgpt", "copilot", "gemini", "claude", "anthropic", "cuda", "tesla", "wordpress",
        "drupal", "joomla", "bluetooth", "wi-fi", "wifi", "usb", "hdmi", "thunderbird",
        "libreoffice", "openoffice", "gimp", "inkscape", "blender", "steam", "xbox",
        "playstation", "nintendo", "unicode", "utf",
    }
)  # fmt: skip

#: International words many Latin-script languages use unchanged (lowercase): a source
#: made of these only is not "untranslated" when it stays as it is.
SHARED_WORDS: frozenset[str] = frozenset(
    {
        "email", "e-mail", "online", "offline", "internet", "web", "website", "software",
        "hardware", "computer", "server", "client", "browser", "cloud", "chat", "blog",
        "login", "logout", "password", "username", "download", "upload", "backup", "cookie",
        "cookies", "feedback", "plugin", "plugins", "widget", "widgets", "layout", "font",
        "fonts", "link", "links", "mouse", "file", "files", "design", "marketing",
        "manager", "status", "standard", "normal", "total", "video", "audio", "radio",
        "hotel", "taxi", "menu", "film", "sport", "tablet", "smartphone", "wiki", "admin",
        "start", "name", "version", "information", "type", "photo", "format", "formats",
        "copyright", "bit", "byte", "bytes", "pixel", "pixels", "zoom", "reset", "debug",
        "token", "tokens", "proxy", "router", "firewall", "host", "hosting", "cache",
        "script", "scripts", "driver", "kernel", "shell", "terminal", "editor", "spam",
        "podcast", "streaming", "startup", "team", "tutorial", "quiz", "test", "tests",
        "hashtag", "post", "privacy", "account", "tag", "tags", "tool", "toolbar", "budget",
        "display", "monitor", "stop", "pause", "play", "album", "piano", "auto", "bus",
        "metro", "pizza", "opera", "alias", "data", "ok", "okay", "hobby", "jazz", "rock",
        "pop", "bar", "club", "golf", "tennis", "hockey", "camping", "parking", "weekend",
        "restaurant", "administration", "action", "animation", "application",
        "communication", "configuration", "documentation", "installation", "navigation",
        "organisation", "organization", "position", "presentation", "section", "station",
        "transaction", "chip", "laser", "robot", "drone", "cluster", "framework", "pipeline",
        "dashboard", "workflow", "api", "apis", "sdk", "gpu", "cpu", "ram", "ssd",
    }
)  # fmt: skip

#: Abbreviations whose full stop is not a sentence end (lowercase, without the dot).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "etc", "ecc", "usw", "bzw", "inc", "ltd", "corp", "jr", "sr", "approx", "vs",
        "cf", "ibid", "ca", "evtl", "ggf", "inkl", "zzgl", "resp", "cie", "spa", "srl",
        "gmbh", "sa", "bv", "nv", "ag", "plc", "llc",
    }
)  # fmt: skip

#: Brands whose first letter is lowercase by design: never a capitalization error.
LOWERCASE_BRANDS: frozenset[str] = frozenset(
    {
        "iphone", "ipad", "ipod", "imac", "ios", "ipados", "macos", "watchos", "tvos",
        "visionos", "itunes", "icloud", "imessage", "ibooks", "ebay", "npm", "pip", "git",
        "gzip", "jquery", "x86", "x64", "arm64", "ph", "mrna", "db", "km", "kg", "cm",
        "mm", "ml", "kb", "mb", "gb", "tb",
    }
)  # fmt: skip


if __name__ == "__main__":  # regenerate the shipped autonyms after a Babel upgrade
    from .formats.base import atomic_writer

    with atomic_writer(AUTONYMS_FILE, "w") as f:
        json.dump({"babel": _babel_version(), "autonyms": sorted(_autonyms_live())}, f,
                  ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"wrote {AUTONYMS_FILE}")

"""Language-aware data and helpers for the checks.

Languages are BCP 47 codes (``it``, ``pt-BR``, ``fr-CA``, ``zh-Hans``); most data is
keyed on the primary subtag, lowercased (:func:`base`), with a few region/script
refinements (``fr-CA`` spacing, ``pt-BR`` and ``de-CH`` quotes, ``zh-Hant`` corner
brackets). Everything here is plain module-level data: cheap to import, no I/O.
Punctuation and quotation marks are :mod:`.lang_marks`, the subtags of a code
:mod:`.langtag`; both re-exported here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .lang_marks import (
    CLASS_RANK,
    COLON,
    ELLIPSIS,
    END_PUNCT_CHARS,
    EXCLAMATION,
    FULL_STOP,
    FULLWIDTH_PUNCT,
    QUESTION,
    SEMICOLON,
    cjk_equivalent,
    end_class,
    end_mark,
    marks,
    quote_pairs,
    quote_roles,
)
from .langtag import base, subtags

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
    "CLASS_RANK",
    "END_PUNCT_CHARS",
    "marks",
]

NBSP = "\u00a0"
NNBSP = "\u202f"


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
    shipped = shipped_names("autonyms")
    return _autonyms_live() if shipped is None else shipped


def shipped_names(key: str) -> frozenset[str] | None:
    """The set ``key`` of :data:`AUTONYMS_FILE`, or None when it was computed from
    another Babel version than the installed one (or is missing): compute it live."""
    try:
        data = json.loads(AUTONYMS_FILE.read_text(encoding="utf-8"))
        if data.get("babel") == _babel_version() and isinstance(data.get(key), list):
            return frozenset(str(n) for n in data[key])
    except (OSError, ValueError, AttributeError):
        pass
    return None


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


# --- words -------------------------------------------------------------------------------

_REPEAT_OK: dict[str, frozenset[str]] = {
    "en": frozenset({"that", "had", "is", "bye", "so", "very", "knock", "bang", "chop"}),
    "fr": frozenset({"nous", "vous", "si", "tout", "bien", "toc", "cri", "bon"}),
    "de": frozenset({"die", "das", "der", "den", "dem", "sie", "so", "ganz"}),
    "nl": frozenset({"die", "dat"}),
    "it": frozenset({"via", "piano", "pian", "poco", "così", "bene", "quasi", "tanto",
                     "passo", "man", "ora", "mai", "sempre", "zitto", "forte", "caso"}),
    "es": frozenset({"ya", "sí", "poco", "muy", "casi", "bien", "tal"}),
    "pt": frozenset({"já", "sim", "bem", "pouco", "muito", "corre", "se"}),
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


def locale_autonyms_live() -> frozenset[str]:
    """Every CLDR locale's name in its own language and its language's name alone,
    casefolded, from Babel's data (every locale loaded: :func:`checks.verbatim.autonyms`
    reads them from the shipped file)."""
    from babel import Locale, localedata

    out: set[str] = set()
    for ident in localedata.locale_identifiers():
        try:
            loc = Locale.parse(ident)
        except (ValueError, TypeError):
            continue
        for name in (loc.get_display_name(loc), loc.get_language_name(loc)):
            if name:
                out.add(" ".join(name.split()).casefold())
    return frozenset(out)


if __name__ == "__main__":  # regenerate the shipped autonyms after a Babel upgrade
    from .formats.base import atomic_writer

    with atomic_writer(AUTONYMS_FILE, "w") as f:
        json.dump({"babel": _babel_version(), "autonyms": sorted(_autonyms_live()),
                   "locale_autonyms": sorted(locale_autonyms_live())}, f,
                  ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"wrote {AUTONYMS_FILE}")

"""Locale data from CLDR (through Babel) for the number and entity checks.

Everything is read lazily: ``import reviewer.cldr`` does not import Babel; the first
function call that needs a locale does (about 30 ms), and every answer is cached per
language. A language Babel does not know answers with empty data, so callers stay
silent rather than guess.

What is read, and from where in CLDR:

* number symbols (decimal and group marks) of the locale's default and Latin
  numbering systems: ``numbers/symbols``;
* scale words and their powers of ten (``million``, ``Milliarden``, ``миллиона``,
  ``万``, ``億``, ``लाख``): the long and short compact decimal formats;
* month names in every width and context (``June``, ``Juni``, ``июня``, ``6月``);
* words and signs of percent, per mille and degrees: unit patterns
  (``concentr-percent``, ``concentr-permille``, ``angle-degree``,
  ``temperature-*``) and the ``percentSign`` / ``perMille`` symbols;
* currency names and symbols: ``numbers/currencies``;
* names of countries and regions, languages and exemplar cities, for the entity
  check (names that translations legitimately change).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterator

from .lang import base, subtags

__all__ = [
    "locale",
    "day_periods",
    "squash_period",
    "number_marks",
    "scale_words",
    "month_words",
    "month_suffixes",
    "unit_words",
    "unit_phrases",
    "currency_words",
    "currency_codes",
    "currency_names",
    "place_names",
    "place_keys",
    "place_forms",
    "day_words",
]

#: Scale abbreviations of English-language news style that CLDR does not list
#: (``£125m``, ``$2.8bn``, ``£3tn``); powers of ten.
_NEWS_SCALES = {"en": {"m": 6, "mn": 6, "mln": 6, "bn": 9, "tn": 12}}

_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f])+")
# Letters and the combining marks of Indic, Thai, Lao and Myanmar scripts: ``\w`` alone
# splits ``प्रतिशत`` at its virama.


@lru_cache(maxsize=256)
def locale(lang: str | None) -> Any:
    """The Babel ``Locale`` of a BCP 47 tag (``pt-BR``, ``zh-Hant``), falling back to
    the primary language; ``None`` when Babel does not know it."""
    tags = subtags(lang)
    if not tags:
        return None
    from babel import Locale, UnknownLocaleError

    for cand in ("_".join(tags), tags[0]):
        try:
            return Locale.parse(cand, sep="_")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return None


def _symbols(loc: Any) -> list[dict[str, str]]:
    """The symbol tables of the locale's default and Latin numbering systems."""
    out = []
    systems = loc.number_symbols
    for name in dict.fromkeys((loc.default_numbering_system, "latn")):
        try:
            out.append(dict(systems[name]))
        except KeyError:
            continue
    return out


@lru_cache(maxsize=128)
def number_marks(lang: str | None) -> tuple[str, str] | None:
    """``(decimal, group)`` marks of ``lang``'s Latin-digit numbers (``(",", ".")`` for
    German, ``(",", "\\u202f")`` for French), or ``None`` when the locale is unknown."""
    loc = locale(lang)
    if loc is None:
        return None
    for table in reversed(_symbols(loc)):  # latn last in the list: prefer it
        if "decimal" in table and "group" in table:
            return table["decimal"], table["group"]
    return None


@lru_cache(maxsize=128)
def native_marks(lang: str | None) -> str:
    """Every decimal and group mark of ``lang``'s numbering systems (``٫٬`` for
    Persian and Arabic besides the Latin ones)."""
    loc = locale(lang)
    if loc is None:
        return ""
    marks = ""
    for table in _symbols(loc):
        marks += table.get("decimal", "") + table.get("group", "")
    return "".join(dict.fromkeys(marks))


def _pattern_word(text: str) -> str:
    """The word of a CLDR pattern (``0 milionů`` -> ``milionů``; ``0 Mio'.'`` ->
    ``mio``), lowercased, quotes and dots removed."""
    return text.replace("'", "").replace("0", "").strip(" .\u00a0\u202f").lower()


@lru_cache(maxsize=128)
def scale_words(lang: str | None) -> dict[str, int]:
    """Scale words of ``lang`` and their powers of ten, lowercased, dots removed:
    English ``thousand``/``million``/``k``/``m``/``bn``, Czech ``milionů``, Chinese
    ``万``/``亿``/``万亿``, Hindi ``लाख``/``करोड़``. From CLDR's compact decimal formats
    (every plural form, long and short), plus ``_NEWS_SCALES``."""
    out: dict[str, int] = dict(_NEWS_SCALES.get(base(lang), {}))
    loc = locale(lang)
    if loc is None:
        return out
    try:
        formats = loc.compact_decimal_formats
    except (KeyError, AttributeError):  # pragma: no cover - data gap
        return out
    for width in ("long", "short"):
        try:
            by_count = formats[width]
        except KeyError:
            continue
        for count in by_count:
            for magnitude, pattern in by_count[count].items():
                text = pattern.pattern.split(";")[0]
                zeros = text.count("0")
                word = _pattern_word(text)
                if not word or not zeros:
                    continue
                exp = len(str(magnitude)) - zeros
                if exp > 0:
                    out.setdefault(word, exp)
    return out


@lru_cache(maxsize=128)
def month_words(lang: str | None) -> dict[str, frozenset[int]]:
    """Month names of ``lang`` (every width and context, lowercased, final dots
    removed) -> the months they can name. Names holding digits (``6月``) are left out:
    see :func:`month_suffixes`."""
    loc = locale(lang)
    out: dict[str, set[int]] = {}
    if loc is None:
        return {}
    for month, name in _month_names(loc):
        name = name.strip(".").lower()
        if name and not any(c.isdigit() for c in name) and len(name) >= 3:
            out.setdefault(name, set()).add(int(month))
    return {k: frozenset(v) for k, v in out.items()}


def _month_names(loc: Any) -> Iterator[tuple[Any, str]]:
    """``(month number, name)`` of every CLDR month name of ``loc``: both contexts
    (format, stand-alone), wide and abbreviated."""
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            try:
                names = loc.months[context][width]
            except KeyError:
                continue
            yield from names.items()


@lru_cache(maxsize=128)
def month_suffixes(lang: str | None) -> frozenset[str]:
    """What follows a month's number when ``lang`` writes months as numbers
    (``月`` in Chinese and Japanese, ``월`` in Korean), from CLDR's month names."""
    loc = locale(lang)
    if loc is None:
        return frozenset()
    out: set[str] = set()
    for _month, name in _month_names(loc):
        m = re.fullmatch(r"\d+\s*(\D{1,3})", name)
        if m:
            out.add(m.group(1).strip())
    return frozenset(out)


_UNIT_KEYS = {
    "percent": ("concentr-percent",),
    "permille": ("concentr-permille",),
    "degree": ("angle-degree", "temperature-celsius", "temperature-fahrenheit",
               "temperature-generic"),
}
_SYMBOL_KEYS = {"percent": "percentSign", "permille": "perMille"}


@lru_cache(maxsize=256)
def unit_words(lang: str | None, kind: str) -> frozenset[str]:
    """Signs and words that express ``kind`` (``percent``, ``permille``, ``degree``,
    or a CLDR unit key such as ``length-foot``) in ``lang``: CLDR's unit patterns in
    every width and plural form (``Prozent``, ``процентов``, ``درصد``, ``Grad``,
    ``ft``, ``Fuß``) and number symbols, lowercased."""
    loc = locale(lang)
    out: set[str] = set()
    if loc is None:
        return frozenset()
    for text in _unit_texts(loc, kind):
        rest = text.replace("{0}", " ")
        for w in _WORD_RE.findall(rest):
            out.add(w.lower())
        for ch in rest:
            if not ch.isspace() and not ch.isalnum() and unicodedata.category(ch)[0] in "SP":
                out.add(ch)
    sym = _SYMBOL_KEYS.get(kind)
    if sym:
        for table in _symbols(loc):
            s = "".join(c for c in table.get(sym, "") if unicodedata.category(c) != "Cf")
            if s:
                out.add(s)
    return frozenset(out)


def _unit_texts(loc: Any, kind: str) -> Iterator[str]:
    """Each of CLDR's unit patterns for ``kind`` in locale ``loc`` (every width and
    plural form; 'per' and compound patterns left out), the number as ``{0}``."""
    patterns = loc._data["unit_patterns"]
    for key in _UNIT_KEYS.get(kind, (kind,)):
        try:
            widths = patterns[key]
        except KeyError:
            continue
        for width in ("long", "short", "narrow"):
            try:
                forms = widths[width]
            except KeyError:
                continue
            for count in forms:
                text = forms[count]
                if isinstance(text, str) and count != "per" and "{1}" not in text:
                    yield text


@lru_cache(maxsize=256)
def unit_phrases(lang: str | None, kind: str) -> frozenset[str]:
    """The whole wordings of ``kind`` in ``lang``'s unit patterns, the number left
    out (``per cent``, ``pour cent``, ``Prozent``, ``градуса``), lowercased: a
    wording of several words is only that wording (``cent`` alone is not a percent,
    ``pour`` is a preposition)."""
    loc = locale(lang)
    if loc is None:
        return frozenset()
    out: set[str] = set()
    for text in _unit_texts(loc, kind):
        words = _WORD_RE.findall(text.replace("{0}", " "))
        if words:
            out.add(" ".join(words).lower())
    return frozenset(out)


@lru_cache(maxsize=64)
def currency_codes(sign: str) -> frozenset[str]:
    """ISO 4217 codes whose symbol is ``sign`` in English or in the locale of the
    currency's main country (``£`` -> GBP, EGP...; ``$`` -> USD, CAD...)."""
    loc = locale("en")
    if loc is None:
        return frozenset()
    out = {code for code, s in loc.currency_symbols.items() if s == sign or s.endswith(sign)}
    return frozenset(out)


@lru_cache(maxsize=1024)
def currency_words(code: str, lang: str | None) -> frozenset[str]:
    """How ``lang`` writes currency ``code``: its symbols, the ISO code, and the
    words of its names in every plural form (``liber`` for GBP in Czech,
    ``фунтов``, ``ポンド``), lowercased."""
    out = {code.lower()}
    loc = locale(lang)
    if loc is None:
        return frozenset(out)
    from babel.numbers import get_currency_name

    sym = loc.currency_symbols.get(code)
    if sym:
        out.add(sym.lower())
    names = {loc.currencies.get(code, "")}
    for count in (1, 2, 3, 5, 1.5, 11, 100):
        try:
            names.add(get_currency_name(code, count=count, locale=loc))
        except Exception:  # noqa: BLE001 - data gaps in a few locales
            continue
    for name in names:
        for w in _WORD_RE.findall(name):
            out.add(w.lower())
        if name and not any(c.isspace() for c in name):
            out.add(name.lower())
    return frozenset(out)


@lru_cache(maxsize=1024)
def currency_names(code: str, lang: str | None) -> tuple[str, ...]:
    """The names of currency ``code`` in ``lang`` in every plural form (``britská
    libra``, ``britských liber``), without repeats."""
    loc = locale(lang)
    if loc is None:
        return ()
    from babel.numbers import get_currency_name

    names = [loc.currencies.get(code, "")]
    for count in (1, 2, 3, 5, 1.5, 11, 100):
        try:
            names.append(get_currency_name(code, count=count, locale=loc))
        except Exception:  # noqa: BLE001 - data gaps in a few locales
            continue
    return tuple(n for n in dict.fromkeys(names) if n)


@lru_cache(maxsize=64)
def place_names(lang: str | None) -> frozenset[str]:
    """Names that translations change, in ``lang`` (lowercased): countries and
    regions, languages, scripts and exemplar cities of time zones (CLDR)."""
    loc = locale(lang)
    if loc is None:
        return frozenset()
    out: set[str] = set()
    for table in (loc.territories, loc.languages):
        for name in table.values():
            out.add(name.lower())
    try:
        zones = loc.time_zones
        for zone in zones.values():
            city = zone.get("city") if hasattr(zone, "get") else None
            if city:
                out.add(str(city).lower())
    except (KeyError, AttributeError):  # pragma: no cover - data gap
        pass
    return frozenset(out)


@lru_cache(maxsize=64)
def place_keys(lang: str | None) -> dict[str, frozenset[str]]:
    """CLDR country, region and language names of ``lang`` (lowercased) and the
    codes they name (``"indonesia"`` -> ``{"t:ID"}``; ``"indonesian"`` ->
    ``{"l:id"}``), so the same place can be looked up in another language."""
    loc = locale(lang)
    if loc is None:
        return {}
    out: dict[str, set[str]] = {}
    for prefix, table in (("t:", loc.territories), ("l:", loc.languages)):
        for code, name in table.items():
            out.setdefault(name.lower(), set()).add(prefix + code)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def place_forms(keys: frozenset[str], lang: str | None) -> tuple[str, ...]:
    """The names in ``lang`` of the places and languages ``keys`` (see
    :func:`place_keys`), lowercased."""
    loc = locale(lang)
    if loc is None:
        return ()
    out = []
    for key in keys:
        table = loc.territories if key.startswith("t:") else loc.languages
        name = table.get(key[2:])
        if name:
            out.append(name.lower())
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=64)
def day_words(lang: str | None) -> frozenset[str]:
    """Weekday names of ``lang`` in every width and context, lowercased."""
    loc = locale(lang)
    if loc is None:
        return frozenset()
    out: set[str] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            try:
                names = loc.days[context][width]
            except KeyError:
                continue
            out.update(n.strip(".").lower() for n in names.values() if len(n) >= 3)
    return frozenset(out)


@lru_cache(maxsize=128)
def day_periods(lang: str | None) -> dict[str, str]:
    """Words of ``lang`` that put a time before or after noon (CLDR day periods
    ``am``/``pm`` in every context and width; English ``a.m.``/``p.m.`` forms), without
    dots and spaces, lowercased -> ``am`` or ``pm``. One-letter forms are left out
    (``a``, ``ص``): they are words of their own."""
    out = {"am": "am", "pm": "pm"}
    loc = locale(lang)
    if loc is None:
        return out
    for ctx in loc.day_periods.values():
        for width in ctx.values():
            for key in ("am", "pm"):
                word = width.get(key)
                if word and len(word) > 1:
                    out[squash_period(word)] = key
    return out


def squash_period(word: str) -> str:
    """A day-period word as :func:`day_periods` keys it: no dots or spaces, lowercase."""
    return re.sub(r"[\s.\u00a0\u202f]", "", word).lower()

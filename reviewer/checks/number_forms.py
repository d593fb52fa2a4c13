"""How languages write numbers besides digits: the helpers of the number check.

All language knowledge comes from CLDR through :mod:`reviewer.cldr` (scale words, month
names, percent / per-mille / degree words, currency names); the only tables here are
physical constants (unit conversions) and the shapes of decades (``1930s``).

* :func:`scale_after`: a scale word after a number (``11 million``, ``1100万``,
  ``2,8 miliardy``, ``125m``), so ``£11million`` = ``1100万ポンド``;
* :func:`month_words_in` / :func:`month_numbered`: months written as names on one side
  (``June``, ``Juni``, ``июня``) and as numbers on the other (``6月``, ``6/20``);
* :func:`decade`: ``1930s`` / ``1930er`` stand for 1930 and for ``30`` (``années
  30``), with the century (``20. století``, ``20 世纪``) allowed beside it;
* :func:`spellable`: a number a good translation may write in words (small or round
  numbers, ordinals; not years, not decimals), so its absence alone is not reported;
* :func:`converted`: two values related by a unit conversion (20 feet = 6 metres);
* :func:`symbols_in` / :func:`marks_in`: percent, per-mille, degree and currency signs
  attached to numbers, and what can stand for them on the other side.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple, Sequence

from .. import cldr
from ..lang import base
from ..scripts import letter_script

__all__ = [
    "scale_after",
    "month_words_in",
    "month_numbered",
    "decade",
    "spellable",
    "converted",
    "restates",
    "Symbol",
    "symbols_in",
    "marks_in",
    "Mark",
    "marks_near",
    "expressed",
]

_GAP = " \u00a0\u202f\u2009"


@lru_cache(maxsize=128)
def _scale_regex(lang: str | None) -> re.Pattern[str] | None:
    words = cldr.scale_words(lang)
    if not words:
        return None
    alts = sorted(words, key=len, reverse=True)
    # A scale word after an optional space; a Latin/Cyrillic... word must end there
    # (``m`` in ``125m`` but not in ``125 metres``); CJK units need no boundary.
    body = "|".join(
        # a Greek final sigma is written ς (CLDR's δισ. is written δις)
        re.escape(w).replace("σ", "[σς]") + (r"(?![^\W\d_])" if _cased(w) else "")
        for w in alts
    )
    return re.compile(rf"([{_GAP}]?)({body})\.?", re.IGNORECASE)


def scale_after(text: str, end: int, lang: str | None) -> tuple[int, int] | None:
    """``(power of ten, end of the scale word)`` when a scale word of ``lang``
    follows position ``end`` of ``text`` (``11 million``, ``1100万``), else None.
    One-letter scales (``m``, ``k``, ``B``) count only when glued to the number."""
    rx = _scale_regex(lang)
    if rx is None or end >= len(text):
        return None
    m = rx.match(text, end)
    if m is None:
        return None
    word = m.group(2)
    if len(word) == 1 and m.group(1) and word.isascii():
        return None
    exp = cldr.scale_words(lang).get(word.lower().replace("ς", "σ"))
    if exp is None:
        return None
    return exp, m.end()


#: Letters with their combining marks (Indic vowel signs and viramas, Thai vowels:
#: ``\w`` alone splits ``डॉलर`` at its vowel sign).
_LETTERS_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f])+")


def month_words_in(text: str, lang: str | None) -> list[frozenset[int]]:
    """The month names in ``text`` (CLDR, every width and context; an inflected form
    is matched by its stem: Czech ``v červenci``), each as the months it can name."""
    names = cldr.month_words(lang)
    if not names:
        return []
    out = []
    for m in _LETTERS_RE.finditer(text):
        w = m.group().lower()
        if len(w) < 3:
            continue
        hit = names.get(w)
        if hit is None and len(w) >= 4:
            found: set[int] = set()
            for name, months in names.items():
                k = max(4, min(len(name), len(w)) - 2)
                if len(name) >= 4 and name[:k] == w[:k]:
                    found |= months
            hit = frozenset(found) if found else None
        if hit:
            out.append(hit)
    return out


def month_numbered(text: str, end: int, lang: str | None) -> bool:
    """Whether the number ending at ``end`` is followed by ``lang``'s month marker
    (``6月``, ``6월``)."""
    for suffix in cldr.month_suffixes(lang):
        if text.startswith(suffix, end) or text.startswith(" " + suffix, end):
            return True
    return False


_DECADE_RE = re.compile(r"['’]?(\d{2,4}0)(?:['’]?s|er|ern|erjahren?|ies)", re.IGNORECASE)


def decade(text: str) -> int | None:
    """The decade of a token such as ``1930s``, ``'30s``, ``1930er`` (1930, 30), or
    None."""
    m = _DECADE_RE.fullmatch(text)
    return int(m.group(1)) if m else None


_SMALL_WITH_UNIT_RE = re.compile(r"\d{1,2}[a-z]{1,2}")


def spellable(text: str, value: str, kind: str) -> bool:
    """Whether a good translation may write this number in words or leave it implicit:
    ordinals and decades, integers up to 100 and round numbers with one or two
    significant digits (``1,000`` = ``un millier``, ``tisícovky``), but not years
    (a bare 1000-2100) nor numbers with decimals."""
    if kind == "ord" or decade(text) is not None:
        return True
    if kind == "word" and _SMALL_WITH_UNIT_RE.fullmatch(text):
        return True  # a time or a small quantity with its abbreviation: 2pm, 5h, 3d
    if kind != "num" or not value.isdigit():
        return False
    if len(value.lstrip("0")) > 4:  # no int() of a huge digit run (Python limits it)
        return len(value.rstrip("0")) <= 2
    v = int(value)
    if v <= 100:
        return True
    if text.isdigit() and 1000 <= v <= 2100 and v % 100:
        return False  # a year
    return len(value.rstrip("0")) <= 2


_DEGREES_F = ("temperature-fahrenheit", "temperature-generic", "angle-degree")
_DEGREES_C = ("temperature-celsius", "temperature-generic", "angle-degree")
#: Unit conversions a translation may make: (customary units, metric units, factor;
#: 0 for Fahrenheit to Celsius), units named by their CLDR keys.
_CONVERSIONS: tuple[tuple[tuple[str, ...], tuple[str, ...], float], ...] = (
    (("length-foot",), ("length-meter", "length-centimeter"), 0.3048),
    (("length-mile",), ("length-kilometer",), 1.609344),
    (("speed-mile-per-hour",), ("speed-kilometer-per-hour", "speed-meter-per-second"), 1.609344),
    (("speed-mile-per-hour",), ("speed-meter-per-second",), 0.44704),
    (("mass-pound",), ("mass-kilogram",), 0.45359237),
    (("length-inch",), ("length-centimeter",), 2.54),
    (("length-inch",), ("length-millimeter",), 25.4),
    (("length-yard",), ("length-meter",), 0.9144),
    (("volume-gallon",), ("volume-liter",), 3.785411784),
    (("mass-ounce",), ("mass-gram",), 28.349523125),
    (("area-acre",), ("area-hectare",), 0.40468564224),
    (("area-square-mile",), ("area-square-kilometer",), 2.589988110336),
    (("area-square-foot",), ("area-square-meter",), 0.09290304),
    (_DEGREES_F, _DEGREES_C, 0.0),  # temperatures
    (_DEGREES_F, _DEGREES_C, 5 / 9),  # temperature differences
)


#: the ordinal indicator written for a degree sign before a temperature scale (``12 ºC``)
_ORDINAL_DEGREE_RE = re.compile(r"[º˚](?=[CFcf]\b)")


def _unit_follows(text: str, end: int, lang: str | None, keys: tuple[str, ...]) -> bool:
    """Whether a word of one of the CLDR units ``keys`` in ``lang`` follows position
    ``end`` within a few characters (``20 feet``, ``6 metres``, ``6 m``, ``1 to 4
    inches``, ``227 quilos`` for ``quilograma``: a shared start of four letters)."""
    window = _fold(_ORDINAL_DEGREE_RE.sub("°", text[end : end + 24]).lower())
    words = set()
    for key in keys:
        words |= {_fold(w) for w in cldr.unit_words(lang, key)}
    if not words:
        return False
    for m in _LETTERS_RE.finditer(window):
        if m.start() > 12:
            break
        w = m.group()
        if w in words or (len(w) >= 4 and any(len(u) >= 4 and u[:4] == w[:4] for u in words)):
            return True
        if len(w) >= 3 and any(4 <= len(u) <= 5 and w.startswith(u[:-1]) for u in words):
            return True  # a short unit word inflected at its end: κιλά -> κιλών
        if not _spaced(w) and any(u in w for u in words if len(u) >= 2):
            return True
    return False


def converted(
    a: float, a_text: str, a_end: int, a_lang: str | None,
    b: float, b_text: str, b_end: int, b_lang: str | None,
) -> bool:
    """Whether ``b`` is ``a`` converted between customary and metric units, either way
    and rounded (20 feet ~ 6 m, 3 miles ~ 5 km, 100 °F ~ 38 °C): each number must be
    followed by a CLDR word of its unit in its language."""
    if a <= 0 or b <= 0:
        return False
    for imperial, metric, f in _CONVERSIONS:
        for x, xt, xe, xl, y, yt, ye, yl in (
            (a, a_text, a_end, a_lang, b, b_text, b_end, b_lang),
            (b, b_text, b_end, b_lang, a, a_text, a_end, a_lang),
        ):
            exact = (x - 32) * 5 / 9 if not f else x * f
            # translators round a converted figure, often to a round number (550
            # pounds -> 227 kg, 30 yards -> 25 metres): about a tenth either way
            tol = 1.0 if not f else 0.1 * exact
            if abs(exact - y) <= tol and _unit_follows(xt, xe, xl, imperial) and _unit_follows(
                yt, ye, yl, metric
            ):
                return True
    return False


def restates(a: float, b: float, b_text: str, b_end: int, b_lang: str | None) -> bool:
    """Whether ``b``, followed by a word of its unit, is ``a`` converted to that unit
    (``800 kph (497 mph)``): the unit of ``a`` is not looked at, for ``b`` stands
    beside it in the same text."""
    if a <= 0 or b <= 0:
        return False
    for imperial, metric, f in _CONVERSIONS:
        # b in customary units (a metric: b = a / f) or in metric ones (b = a * f)
        for units, y in ((imperial, a * 9 / 5 + 32 if not f else a / f),
                         (metric, (a - 32) * 5 / 9 if not f else a * f)):
            tol = 1.0 if not f else 0.1 * y
            if abs(y - b) <= tol and _unit_follows(b_text, b_end, b_lang, units):
                return True
    return False


class Symbol(NamedTuple):
    """A sign attached to a number: span, text, kind (``percent``, ``permille``,
    ``degree`` or ``currency``) and, for currencies, the possible ISO codes."""

    start: int
    end: int
    text: str
    kind: str
    codes: frozenset[str]


_SIGN_KIND = {"%": "percent", "٪": "percent", "％": "percent", "﹪": "percent",
              "‰": "permille", "؉": "permille", "°": "degree", "℃": "degree", "℉": "degree"}


def _is_currency(ch: str) -> bool:
    return unicodedata.category(ch) == "Sc"


def symbols_in(text: str, spans: Sequence[tuple[int, int]]) -> list[Symbol]:
    """Percent, per-mille, degree and currency signs touching a number of ``text``
    (``45%``, ``45 %``, ``%45``, ``180°``, ``£2.8bn``, ``100 €``); ``spans`` are the
    number tokens."""
    out: list[Symbol] = []
    seen: set[int] = set()
    for a, b in spans:
        for pos in _around(text, a, b):
            if pos in seen:
                continue
            ch = text[pos]
            kind = _SIGN_KIND.get(ch)
            if kind is None and _ORDINAL_DEGREE_RE.match(text, pos):
                kind = "degree"  # 12 ºC
            if kind is None and _is_currency(ch):
                kind = "currency"
            if kind is None:
                continue
            seen.add(pos)
            codes = cldr.currency_codes(ch) if kind == "currency" else frozenset()
            out.append(Symbol(pos, pos + 1, ch, kind, codes))
    return out


def _around(text: str, a: int, b: int) -> list[int]:
    """Positions of the characters right after and right before a number (one space
    or no-break space allowed, and a currency sign may sit 1-3 letters away:
    ``US$ 5``, ``5 R$``)."""
    out = []
    j = b
    if j < len(text) and text[j] in _GAP:
        j += 1
    if j < len(text):
        out.append(j)
    i = a - 1
    if i >= 0 and text[i] in _GAP:
        i -= 1
    if i >= 0:
        out.append(i)
    return out


def marks_in(text: str, lang: str | None, kind: str, codes: frozenset[str],
             firm: bool = False) -> int:
    """How many times ``text`` (in ``lang``) expresses ``kind``: signs, ISO codes, and
    the CLDR words of the unit or currency (``Prozent``, ``процентов``, ``liber``,
    ``ポンド``) as :func:`marks_near` knows them (nouns, not the adjectives of a
    currency's name: ``statunitense`` is no dollar, and ``stata`` none either).
    ``firm``: leave out the words that may name a weight too (pound, Pfund)."""
    if kind == "currency":
        signs = sum(1 for ch in text if _is_currency(ch))
        signs += sum(1 for m in _CODES_RE.finditer(text) if not codes or m.group() in codes)
    else:
        signs = sum(1 for ch in text if _SIGN_KIND.get(ch) == kind)
    low = _flat(text.lower())
    starts: set[int] = set()
    for stem, k, c in _word_marks(lang):
        if k.rstrip("?") != kind or (kind == "currency" and codes and c and not c & codes):
            continue
        if firm and k.endswith("?"):
            continue  # 'pound' may weigh
        starts.update(m.start() for m in _word_rx(stem).finditer(low)
                      if not (k.startswith("currency") and _is_place(m.group(), lang)))
    return signs + len(starts)


def _script_pieces(word: str) -> list[str]:
    """``word`` and its parts in one script of two letters or more (``英国ポンド`` ->
    ``英国``, ``ポンド``)."""
    pieces = [word]
    cur = ""
    kind = ""
    for ch in word:
        k = unicodedata.name(ch, "?").split()[0]
        if k != kind and cur:
            pieces.append(cur)
            cur = ""
        kind = k
        cur += ch
    if cur and cur != word:
        pieces.append(cur)
    return [p for p in pieces if len(p) >= 2]


def _flat(text: str) -> str:
    """``text`` with the accents of precomposed letters dropped, one character for
    one (offsets stay): 'δολάριο' and 'δολαρίων' share 'δολαρ'."""
    if text.isascii():
        return text
    return "".join(_flat_char(c) for c in text)


@lru_cache(maxsize=8192)
def _flat_char(c: str) -> str:
    if letter_script(c) not in _ACCENTED_SCRIPTS:
        return c  # kana voicing marks and Indic signs are letters' identity
    d = unicodedata.normalize("NFD", c)
    if len(d) > 1 and all(unicodedata.combining(x) for x in d[1:]):
        return d[0]
    return c


_ACCENTED_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})


def _fold(text: str) -> str:
    """``text`` without accents (``kilós`` -> ``kilos``)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _cased(word: str) -> bool:
    """Whether ``word`` is in a script with capitals (Latin, Cyrillic, Greek...), whose
    words end at a space or a mark; Korean, Japanese, Chinese attach the next word."""
    return any(ch.isupper() or ch.islower() for ch in word)


def _spaced(word: str) -> bool:
    """Whether ``word`` is written in a script that separates words with spaces."""
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return not name.startswith(("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO",
                                        "KHMER", "MYANMAR", "TIBETAN"))
    return True


#: Currencies whose names are looked for in words (``2,8 Milliarden britische Pfund``,
#: ``350.000 US-Dollar``); a sign is recognised for any currency.
MAJOR_CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "RUB", "CHF", "CAD", "AUD", "KRW", "BRL",
    "MXN", "TRY", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF", "ILS", "AED", "SAR", "ZAR",
    "UAH", "IDR", "THB", "VND", "EGP", "NGN",
)  # fmt: skip

_BEFORE = 12  # characters before a number where its sign or unit may stand (US$ 5)
_AFTER = 32  # and after it (5 Milliarden britische Pfund)


class Mark(NamedTuple):
    """A percent, per-mille, degree or currency mark of one number: kind, currency
    codes (for currencies) and the span of the sign or word."""

    kind: str
    codes: frozenset[str]
    start: int
    end: int


@lru_cache(maxsize=128)
def _word_marks(lang: str | None) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """``(word start, kind, codes)`` of the words of ``lang`` that express percent,
    degrees or a major currency (CLDR), longest first: the longest word of each unit
    pattern (``ciento`` of ``por ciento``), and the nouns of currency names (``Pfund``
    of ``Britisches Pfund``: a word shared with a country or language name is an
    adjective, kept only at the end of the name)."""
    out: dict[tuple[str, str], set[str]] = {}
    for kind in ("percent", "degree"):
        phrases = cldr.unit_phrases(lang, kind)
        if base(lang) == "en":
            phrases |= cldr.unit_phrases("en-GB", kind)  # per cent
        for w in phrases:
            if not _spaced(w):
                w = w.replace(" ", "")  # 摂氏 度
            if kind == "degree" and " " not in w and _spaced(w):
                continue  # 'degrees' alone may be of a magnitude, an angle, a grade
            if len(w) >= 4 and w.replace(" ", "").isalpha():
                # a wording of several words only as a whole: 'per cent', not 'cent'
                out.setdefault((_flat(_stem(w)), kind), set())
    places = _place_stems(lang)
    # a pound, a Pfund, a фунт also weigh: not a currency when a unit word
    weights = {_stem(w) for w in cldr.unit_words(lang, "mass-pound") | cldr.unit_words(lang, "mass-ounce")}
    # the words of a currency's names that can stand for it: not a place's
    # (britannique, indiana, הודי); of a name of several words, not a common word
    # of the language (morph) in its middle ('Neuer' of 'Israelischer Neuer
    # Schekel') and not a syllable of a name of syllables ('nhân' of 'Nhân dân
    # tệ'); a word before the last one whole, not by its first four letters
    # ('Suurbritannia' is not 'suurema'), unless other currencies' names share it
    # (dollar, libra)
    from .. import morph

    names = {code: [[w.lower() for w in _LETTERS_RE.findall(n)]
                    for n in cldr.currency_names(code, lang)] for code in MAJOR_CURRENCIES}
    owners: dict[str, set[str]] = {}
    for code, ws in names.items():
        for name_words in ws:
            for w in name_words:
                owners.setdefault(w, set()).add(code)
    lexicon = morph.has_lexicon(lang)
    unspaced_words = sorted({w for n in names.values() for ws in n for w in ws if not _spaced(w)})
    for code, ws in names.items():
        for name_words in ws:
            if len(name_words) == 1 and not _spaced(name_words[0]):
                # 英国ポンド, 米ドル: the noun is the last run of one script
                pieces = _script_pieces(name_words[0])
                name_words = name_words + ([pieces[-1]] if len(pieces) > 1 else [])

            last = name_words[-1] if len(name_words) > 1 else None
            if last is not None:
                if all(len(x) <= 4 and letter_script(x[0]) == "LATIN" for x in name_words):
                    # a name of syllables (Vietnamese): the syllables before a
                    # trailing place word, as one phrase ('đô la' of 'Đô la Mỹ',
                    # 'bảng' of 'Bảng Anh', 'nhân dân tệ')
                    head = list(name_words)
                    if len(head) > 1 and head[-1] in _place_words(lang):
                        head.pop()
                    phrase = " ".join(head)
                    if len(phrase) >= 4:
                        out.setdefault((_flat(phrase), "currency"), set()).add(code)
                    continue
                elif lexicon and len(name_words) > 2:
                    # a common word in the middle: an adjective ('Neuer')
                    name_words = [w for k, w in enumerate(name_words)
                                  if k in (0, len(name_words) - 1)
                                  or len(owners.get(w, ())) > 1 or not morph.is_known(w, lang)]
                name_words = [w for w in name_words
                              if not (w[:4] in places or w[:3] in places or w in places)]
            # ดอลลาร์สหรัฐ, ดอลลาร์แคนาดา: the start two names share is the noun
            name_words = name_words + [x for w in name_words if not _spaced(w)
                                       for x in [_shared_start(w, unspaced_words)] if x]
            for w in name_words:
                if len(w) < _min_word(w):
                    continue
                kind = "currency?" if _stem(w) in weights else "currency"
                inner = last is not None and w != last and len(owners.get(w, ())) < 2
                # four letters of a long noun: its cases and compounds (naelsterling:
                # 2,7 miljardi naela; dolarů)
                stem = w[:4] if _spaced(w) and len(w) >= 5 and not inner else _stem(w)
                if stem == w and len(w) <= 4 and _spaced(w) and " " not in w:
                    stem += "$"  # a whole short word: see _word_rx
                out.setdefault((_flat(stem), kind), set()).add(code)
    items = [(w, k, frozenset(c)) for (w, k), c in out.items()]
    return tuple(sorted(items, key=lambda x: -len(x[0])))


def _shared_start(name: str, others: Sequence[str]) -> str:
    """The longest start (three letters or more, not cut before a combining mark)
    that ``name`` shares with another currency name written without spaces."""
    best = ""
    for o in others:
        if o == name:
            continue
        k = 0
        while k < min(len(o), len(name)) and o[k] == name[k]:
            k += 1
        while 0 < k < len(name) and unicodedata.combining(name[k]) or (
                0 < k < len(name) and unicodedata.category(name[k]) == "Mc"):
            k -= 1
        if k >= 3 and k > len(best) and k < len(name):
            best = name[:k]
    return best


def _min_word(word: str) -> int:
    """The shortest currency word looked for: two syllables of Hangul, Chinese or
    kana (달러, ドル), four letters of an alphabet."""
    return 2 if any("\u1100" <= c <= "\u11ff" or "\u3040" <= c <= "\u9fff"
                    or "\uac00" <= c <= "\ud7af" for c in word) else 4


@lru_cache(maxsize=128)
def _currency_forms(lang: str | None) -> frozenset[str]:
    """Every word of the major currencies' names in ``lang`` (lowercased, without
    accents: :func:`_flat`)."""
    out: set[str] = set()
    for code in MAJOR_CURRENCIES:
        out |= {_flat(w) for w in cldr.currency_words(code, lang)}
    return frozenset(out)


@lru_cache(maxsize=64)
def _place_stems(lang: str | None) -> frozenset[str]:
    """First four letters (three of a four-letter word) of the words of CLDR country
    and language names."""
    out: set[str] = set()
    for name in cldr.place_names(lang):
        # four letters, and three of a short word (הודי of הודו)
        out.update(w[: 4 if len(w) > 4 else 3] for w in _LETTERS_RE.findall(name) if len(w) >= 4)
        # syllables: a short word whole (인도 of 인도 루피)
        out.update(w for w in _LETTERS_RE.findall(name) if _min_word(w) == 2 and len(w) >= 2)
    return frozenset(out)


@lru_cache(maxsize=64)
def _place_words(lang: str | None) -> frozenset[str]:
    """The words of CLDR's country and language names in ``lang``, lowercased."""
    return frozenset(w.lower() for name in cldr.place_names(lang) for w in _LETTERS_RE.findall(name))


def _is_place(word: str, lang: str | None) -> bool:
    """Whether ``word`` is a word of a CLDR country, region or language name of
    ``lang`` (``Europe`` starts like ``euro`` but names no currency)."""
    w = word.lower()
    if _flat(w) in _currency_forms(lang):
        return False  # 'euro' of 'Euro Bölgesi' (the euro area) is the currency's name
    return w in _place_words(lang) or _flat(w) in _place_words(lang)


def _stem(word: str) -> str:
    """The start by which an inflected form of ``word`` is recognised (``фунт`` for
    ``фунтов``; a short word whole)."""
    if not _spaced(word) or " " in word:
        return word
    if letter_script(word[0]) in ("ARABIC", "HEBREW"):
        # prefixes are written onto words (بال of بالمائة, بالموسم): a longer start
        return word[: max(5, len(word) - 2)] if len(word) >= 6 else word
    return word[: max(4, len(word) - 3)] if len(word) >= 6 else word


_CODES_RE = re.compile(r"\b(" + "|".join(MAJOR_CURRENCIES) + r")\b")
#: after a scale word: one short connecting word (de, d', of) and a sign or a code
_AFTER_SCALE_RE = re.compile(r"[\s\u00a0]+(?:[^\W\d_]{1,3}['’]?[\s\u00a0]*)?(?:(\S)(?!\w)|([A-Z]{3})\b)")


def marks_near(text: str, lang: str | None, start: int, end: int) -> list[Mark]:
    """The marks of the number at ``start:end`` of ``text``: signs touching it
    (``45%``, ``£2.8bn``, ``180°``) and CLDR words of a unit or major currency close
    after it (``100 percent``, ``350.000 US-Dollar``, ``30 градусов``)."""
    out = [
        Mark(s.kind, s.codes, s.start, s.end) for s in symbols_in(text, [(start, end)])
    ]
    scaled = scale_after(text, end, lang)
    if scaled is not None and scaled[1] > end:  # 2,8 δις £, 125 εκατ. £, 5 млн $
        taken = {m.kind for m in out}
        out += [
            Mark(s.kind, s.codes, s.start, s.end)
            for s in symbols_in(text, [(scaled[1], scaled[1])])
            if s.start >= scaled[1] and s.kind not in taken
        ]
    if scaled is not None and scaled[1] > end and not any(m.kind == "currency" for m in out):
        # a sign or code after a connecting word: '11 000 millones de $', '2000
        # millions d'USD'
        c = _AFTER_SCALE_RE.match(text, scaled[1])
        if c is not None:
            sign, code = c.group(1), c.group(2)
            if sign is not None and _is_currency(sign):
                out.append(Mark("currency", cldr.currency_codes(sign), c.start(1), c.end(1)))
            elif code is not None and code in MAJOR_CURRENCIES:
                out.append(Mark("currency", frozenset({code}), c.start(2), c.end(2)))
    window = _flat(text[end : end + _AFTER].lower())
    before = _flat(text[max(0, start - _BEFORE) : start].lower())
    seen = {m.kind for m in out}
    if "currency" not in seen:  # ISO codes, as written: USD 100, 100 EUR
        after = scaled[1] if scaled is not None else end  # 2 milliarder USD
        for off, part in ((after, text[after : after + 6]), (max(0, start - 5), text[max(0, start - 5) : start])):
            c = _CODES_RE.search(part)
            if c is not None:
                out.append(Mark("currency", frozenset({c.group()}), off + c.start(), off + c.end()))
                seen.add("currency")
                break
    # a scale word is not one of the words between a number and its unit
    # ('2 mil milhões de dólares')
    scale_len = scaled[1] - end if scaled is not None and scaled[1] > end else 0
    for stem, kind, codes in _word_marks(lang):
        if kind in seen:
            continue
        rx = _word_rx(stem)
        m = rx.search(window, scale_len) or (rx.search(window) if scale_len else None)
        if m is not None and kind.startswith("currency") and _is_place(m.group(), lang):
            m = None  # 'Europe' is no euro
        if kind == "currency?":  # pound, Pfund: money after a scale word only
            if m is not None and 1 <= _words_between(window[: m.start()]) <= 2 and "currency" not in seen:
                out.append(Mark("currency", codes, end + m.start(), end + m.end()))
                seen.add("currency")
            continue
        if m is not None and _words_between(window[scale_len if m.start() >= scale_len else 0 : m.start()]) <= 2 and not any(
                c.isdigit() for c in window[: m.start()]):
            # (a number in between owns the word: '281 家药店 ... 1.25 亿英镑')
            out.append(Mark(kind, codes, end + m.start(), end + m.end()))
            seen.add(kind)
            continue
        if kind in ("currency", "percent"):
            # (the percent word may stand first: 'yüzde 14', 'procento')
            m = rx.search(before)
            # before the number only a whole word of the name (Rs 100, 美元), not a
            # word that starts like one ('selama 48 jam' is not Selatan's rand)
            if m is not None and _words_between(before[m.end():]) == 0 and (
                not _spaced(stem) or kind == "percent" or m.group() in _currency_forms(lang)
            ):
                off = max(0, start - _BEFORE)
                out.append(Mark(kind, codes, off + m.start(), off + m.end()))
                seen.add(kind)
    if "currency" not in seen:
        sound = _sounds_like_currency(text, end + scale_len)
        if sound is not None:
            out.append(sound)
    return out


def _sounds_like_currency(text: str, pos: int) -> Mark | None:
    """A currency named right after ``pos`` by the English word in another alphabet
    (Bulgarian 'паунда', Hindi 'डॉलर' where CLDR has other words): the word's
    consonant skeleton is the noun's, three consonants or more. Latin and Chinese
    words are left to CLDR."""
    m = _LETTERS_RE.search(text, pos)
    if m is None or m.start() - pos > 2:
        return None
    w = m.group()
    if letter_script(w[0]) in ("LATIN", "CJK", None):
        return None
    from .names import translit_key

    k = translit_key(w)
    for noun, codes in _currency_sounds().items():
        if k == noun:
            return Mark("currency", codes, m.start(), m.end())
    return None


@lru_cache(maxsize=1)
def _currency_sounds() -> dict[str, frozenset[str]]:
    """Skeletons of three consonants or more of the major currencies' English nouns."""
    out: dict[str, set[str]] = {}
    every = {n for code in MAJOR_CURRENCIES for n in _sound_nouns(frozenset({code}))}
    for code in MAJOR_CURRENCIES:
        for n in _sound_nouns(frozenset({code})):
            if n.endswith("s") and n[:-1] in every:
                continue  # an English plural ('dollars': drs is also δήλωσε, درجة)
            if len(n) >= 3:
                out.setdefault(n, set()).add(code)
    return {n: frozenset(c) for n, c in out.items()}


@lru_cache(maxsize=4096)
def _word_rx(stem: str) -> re.Pattern[str]:
    if " " in stem:  # a wording of several words: as a whole, any spacing
        body = r"[\s\-]+".join(re.escape(w) for w in stem.split())
        return re.compile(rf"(?<!\w){body}(?!\w)")
    if stem.endswith("$"):
        # a whole short currency word with an ending of its own, not the start of a
        # longer word ('реала', 'eurodega'; not 'реализованная')
        return re.compile(rf"(?<!\w){re.escape(stem[:-1])}\w{{0,6}}(?!\w)")
    if _spaced(stem):
        # a noun's start: its cases and compounds ('naelsterling', 'dollárnyi',
        # 'percentage'), not a longer word that starts alike ('реализованная')
        return re.compile(rf"(?<!\w){re.escape(stem)}\w{{0,8}}(?!\w)")
    return re.compile(re.escape(stem))


def _words_between(text: str) -> int:
    """How many words (letters) stand in ``text``."""
    return len(_LETTERS_RE.findall(text))


def expressed(text: str, lang: str | None, start: int, end: int, mark: Mark) -> bool:
    """Whether the number at ``start:end`` of ``text`` carries a mark of the same kind
    as ``mark`` (any currency sign or the words of one of its currencies)."""
    for m in marks_near(text, lang, start, end):
        if m.kind != mark.kind:
            continue
        if m.kind != "currency" or not mark.codes or not m.codes or m.codes & mark.codes:
            return True
        if m.end - m.start == 1:
            return True  # a sign: its currency may be written differently
    if mark.kind == "currency" and _named_by_sound(text, start, end, _sound_nouns(mark.codes),
                                                   base(lang) == "en"):
        return True
    if mark.kind == "percent" and _named_by_sound(text, start, end, _PERCENT_SOUND, True):
        return True  # 퍼센트, パーセント, परसेंट: the English word in the target's script
    if mark.kind in ("percent", "permille", "degree"):
        # a unit word written in two ('per cento' for CLDR's 'percento', 'pro mille')
        after = re.sub(r"[\s\-]+", "", text[end : end + _AFTER].lower())
        words = [w for w in cldr.unit_words(lang, mark.kind) if len(w) > 3]
        if any(after.startswith(w) or after[:len(w) + 12].find(w) >= 0 for w in words):
            return True
        # the word abbreviated ('40 proc.' for 'procentų', 'Proz.'): its start and a dot
        ab = _ABBREV_RE.match(text, end)
        if ab is not None and any(w.startswith(ab.group(1).lower()) for w in words):
            return True
        if _inflected_unit(text, end, lang, mark.kind):
            return True
    return False


def _inflected_unit(text: str, end: int, lang: str | None, kind: str) -> bool:
    """Whether one of the two words after position ``end`` is a CLDR word of ``kind``
    in another form: another case or spelling sharing the first five letters
    (``βαθμών`` / ``βαθμοί``, ``ডিগ্রি`` / ``ডিগ্রী``: five letters, four of a
    six-letter word), the word with a one-letter
    prefix such as an Arabic preposition (``في المائة`` / ``بالمائة``), or a word of a
    script without spaces after the number, or any word glued to it (``20度``,
    ``20도의``)."""
    words = [w for w in cldr.unit_words(lang, kind) if any(c.isalpha() for c in w)]
    if not words:
        return False
    after = _LETTERS_RE.findall(text[end : end + _AFTER])[:2]
    glued = text[end : end + 1].isalpha()
    near = text[end : end + 1].strip() == "" or glued
    for k, got in enumerate(after):
        g = _flat(got.lower())
        for w in words:
            w = _flat(w)
            if k == 0 and (glued or (near and not _spaced(w))) and g.startswith(w):
                return True  # 20도의, 20度
            if k == 0 and near and len(w) >= 2 and g == w:
                return True  # a short word right after the number: 10 fok, 20 độ
            if not _spaced(w):
                continue
            n = min(5, len(w) - 2)
            if len(w) >= 6 and len(g) >= n and g[:n] == w[:n]:
                return True
            if len(w) >= 6 and len(g) >= 5 and g == w[1:]:
                return True
    return False


_ABBREV_RE = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]{3,})\.")


#: The skeleton of the English word 'percent' (names.translit_key), which many
#: languages borrow (퍼센트, パーセント); CLDR gives Korean only the sign.
_PERCENT_SOUND = ("brsnt",)


@lru_cache(maxsize=64)
def _sound_nouns(codes: frozenset[str]) -> tuple[str, ...]:
    """Skeletons of the nouns of the English names of ``codes`` (``dollar``,
    ``pound``, ``rupee``; not ``British``): many languages write a currency as the
    English word in their script (паунд, डॉलर, ドル), which CLDR may not list."""
    from .names import translit_key

    places = _place_stems("en")
    out = set()
    for code in codes:
        for name in cldr.currency_names(code, "en"):
            for w in _LETTERS_RE.findall(name.lower()):
                if len(w) >= 4 and w[:4] not in places:
                    k = translit_key(w)
                    if len(k) >= 2:
                        out.add(k)
    return tuple(sorted(out))


def _named_by_sound(text: str, start: int, end: int, nouns: Sequence[str],
                    latin_known: bool = False) -> bool:
    """Whether a word right before the number at ``start:end`` of ``text``, or one of
    the three after it, sounds like one of ``nouns`` (skeletons: :func:`_sound_nouns`),
    also when glued to the number (10퍼센트). ``latin_known``: words in Latin letters
    are not looked at (the language's own words for the unit are CLDR's)."""
    if not nouns:
        return False
    from rapidfuzz.distance import Levenshtein

    from .names import translit_key

    words = _LETTERS_RE.findall(text[end : end + _AFTER])[:3]
    words += _LETTERS_RE.findall(text[max(0, start - _BEFORE) : start])[-1:]
    for w in words:
        if letter_script(w[0]) == "CJK":
            continue  # Chinese characters are read for meaning, not sound: CLDR's 美元
        if latin_known and letter_script(w[0]) == "LATIN":
            # CLDR's words are the language's own: 'during' does not sound like
            # 'dollars', nor 'personnes' like 'percent'
            continue
        k = translit_key(w)
        latin = letter_script(w[0]) == "LATIN"
        if not _spaced(w) and any(len(n) >= 3 and n in k[1:] for n in nouns):
            return True  # glued to a scale word in a script without spaces (ล้านปอนด์)
        if len(k) >= 2 and any(
            (not latin or len(n) >= 3)  # 'lors' is no 'real' (rs), 'des' no 'dollar'
            and k == n
            # punnan: a long word whose skeleton is the noun's start (bn / bnd)
            or ((not latin or len(n) >= 3) and len(w) >= 4 and n.startswith(k)
                and len(n) - len(k) <= 1)
            or (not latin and len(n) >= 3 and len(k) >= max(3, len(n) - 1) and (
                k.startswith(n) or Levenshtein.distance(n, k[: len(n)]) <= 1
                or Levenshtein.distance(n, k[: len(n) - 1]) <= 1))  # 퍼센트가: a particle
            for n in nouns
        ):
            return True
    return False

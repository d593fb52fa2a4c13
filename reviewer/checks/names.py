"""Names in a text, and how to find a name again in a text of another script.

Finding names (:func:`find_names`): acronyms of three or more capitals (``NVIDIA``,
``GPUs``), mixed-case words (``OpenAI``, ``iPhone``), product codes (``H100``),
capitalised words inside a sentence that are not words of the language (``Huang``,
``Уэльса`` is a word of Russian, ``Willoughby`` is not), runs of capitalised words
(``Jensen Huang``), known brands, do-not-translate glossary entries, and any word in
the Latin script inside a text in another script (``PCOO`` in Chinese). Words are
split where the script changes (``AMからMWP`` is ``AM``, ``から``, ``MWP``).
Whether a word belongs to the language comes from the spelling dictionary and from the
lexicon of inflected forms (:mod:`reviewer.morph`); in German, where every noun is
capitalised, a name is a capitalised word the lexicon knows in no form and that is no
compound of words it knows (``Kavanaugh``, not ``Pharmazieabteilungen``). A headline in
Title Case has no single-word names. Turkish and Azerbaijani lowercase ``I`` to ``ı``. Names that translations change
(CLDR country, language and city names in the source language;
``reviewer/data/exonyms.tsv``; titles and acronyms such as CEO, NATO; units) are never
required.

Finding a name again across scripts (:func:`translit_key`, :func:`found_by_sound`):
both sides are transliterated to ASCII (anyascii) and reduced to a consonant skeleton
(vowels dropped, doubled letters merged, ``l``/``r``, ``b``/``p``/``v``, ``c``/``k``/
``q``, ``s``/``z`` merged, digraphs such as ``zh``/``dzh``/``sh`` folded), so ``Tony
Moll`` = ``टोनी मोल`` = ``توني مول`` = ``トニー・モル`` and ``Jones`` = ``Джонсу``. Chinese
characters carry meaning, not sound, so a name cannot be judged against a Chinese
text this way: :func:`can_judge` says so. Words in the Latin script are also read with
``w`` as ``v`` and ``j`` as ``y`` (Polish ``Iwanow`` = ``Ivanov``, ``Willoughby`` =
``विलुबी``); Hebrew one-letter prefixes are allowed on a word (``שווילאבי``); a full
name is found by its longest word or its family name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, Iterator, NamedTuple, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .. import cldr, morph
from ..lang import KNOWN_NAMES, base
from .name_sound import HEBREW_PREFIXES, SILENT_GH, SOFT_C, coarse_found
from .spelling import (
    DATA_DIR,
    NOUN_CAPS,
    dictionary,
    is_sentence_initial,
    skip_spans,
)
from .spelling import is_known as _dict_known

__all__ = [
    "Name",
    "find_names",
    "translatable_names",
    "script_of",
    "main_script",
    "translit_key",
    "found_by_sound",
    "can_judge",
    "SOFT_NAMES",
    "UNITS",
    "NOUN_CAPS",
    "translatable",
    "is_word",
]

#: Acronyms and titles that translations legitimately expand or replace.
SOFT_NAMES = frozenset(
    {
        "CEO", "CFO", "CTO", "COO", "CIO", "CMO", "VP", "HR", "PR", "NATO", "OTAN", "AIDS",
        "SIDA", "HIV", "VIH", "DNA", "ADN", "RNA", "ARN", "WHO", "OMS", "NGO", "ONG", "GDP",
        "PIL", "PIB", "BIP", "VAT", "IVA", "TVA", "IMF", "FMI", "ECB", "BCE", "EZB", "OECD",
        "OCSE", "OCDE", "UFO", "OVNI", "FAQ", "PhD", "USA", "EEUU", "UNO", "ONU", "UAE",
        "EAU", "BC", "AD", "AM", "PM", "ASAP", "RSVP", "CET", "CEST", "GMT", "UTC", "EST",
        "PST", "ETA", "ATM", "PIN", "TBD", "AKA", "DIY", "FYI", "CV", "ID", "TV", "PC",
        "III", "II", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XX", "XXI",
    }
)  # fmt: skip

#: Units and symbols: the number check's business, not names.
UNITS = frozenset(
    {
        "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "TW", "Hz", "kHz", "MHz", "GHz",
        "THz", "mAh", "dB", "KB", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB",
        "Kbps", "Mbps", "Gbps", "kbps", "MBps", "FPS", "fps", "RPM", "PSI", "USD", "EUR",
        "GBP", "JPY", "CHF", "CNY", "mL", "dL", "TFLOPS", "PFLOPS", "FLOPS", "TOPS",
    }
)  # fmt: skip

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*")
_APOS_RE = re.compile(r"['’]")
_POSSESSIVE = ("'s", "’s")
_NEGATION = ("n't", "n’t")
_TITLED_RE = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]{3,}\b")
_CODE_RE = re.compile(r"[A-Z][A-Za-z]*\d\w*")
#: Roman numerals (centuries, monarchs), with French/English ordinal endings: numbers.
_ROMAN_RE = re.compile(r"(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})(?:e|er|ème|th)?")
#: (each word whole: "Parlamento Galês" is no run "Parlamento Gal")
_RUN_RE = re.compile(r"[A-Z][a-z]+(?![^\W\d_])(?:[ \u00a0][A-Z][a-z]+(?![^\W\d_]))+")
RARE = 500
#: Frequency from which a capitalised word before a name is a title (President,
#: Minister, Professor), not a given name (Tony, Peter, Holly).
TITLE = 10_000


class Name(NamedTuple):
    """A name found in a text: span, text as written (possessive dropped), kind."""

    start: int
    end: int
    text: str
    kind: str


# -- scripts -------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """The script of a letter (``LATIN``, ``CYRILLIC``, ``HAN``, ``KANA``, ``HANGUL``,
    ``ARABIC``, ``DEVANAGARI``...); ``""`` for digits, marks of no script, others."""
    if ch.isdigit() or ch == "_":
        return ""
    name = unicodedata.name(ch, "")
    if not name:
        return ""
    word = name.split(" ", 1)[0]
    if word == "CJK":
        return "HAN"
    if word in ("HIRAGANA", "KATAKANA"):
        return "KANA"
    if word in ("FULLWIDTH", "HALFWIDTH"):
        return "LATIN" if "LATIN" in name else ("KANA" if "KATAKANA" in name else word)
    if word in ("COMBINING", "ZERO"):  # zero-width joiners inside Indic words
        return ""
    return word


def _runs(text: str, start: int) -> Iterator[tuple[int, str]]:
    """``text`` (one ``\\w`` token at ``start``) cut where the script changes; digits
    and marks stay with the letters before them."""
    if text.isascii():
        yield start, text
        return
    cur = ""
    cur_script = ""
    pos = start
    for i, ch in enumerate(text):
        s = script_of(ch)
        if s and cur_script and s != cur_script:
            yield pos, cur
            cur, pos = "", start + i
        if s:
            cur_script = s
        cur += ch
    if cur:
        yield pos, cur


@lru_cache(maxsize=256)  # asked of one segment's texts several times (names, entity)
def main_script(text: str) -> str:
    """The script most letters of ``text`` are written in (``""`` when none)."""
    if text.isascii():  # every ASCII letter is Latin
        return "LATIN" if _ASCII_LETTER_RE.search(text) else ""
    # letters counted in C, scripts per distinct letter; a tie goes to the script met
    # first, as when counting letter by letter
    counts: dict[str, int] = {}
    for ch, n in Counter(text).items():
        if ch.isalpha():
            s = script_of(ch)
            if s:
                counts[s] = counts.get(s, 0) + n
    return max(counts, key=lambda k: counts[k]) if counts else ""


_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")


def can_judge(name_script: str, target_script: str, target_lang: str | None) -> bool:
    """Whether a name written in ``name_script`` can be looked for, by sound, in a
    text written in ``target_script``: not in Chinese characters (they are chosen for
    meaning and sound together; no transliteration gets back to the name)."""
    if name_script == target_script:
        return True
    return target_script not in ("HAN", "") and base(target_lang) not in ("zh", "ja", "yue")


# -- word knowledge --------------------------------------------------------------------


def _has_lexicon(code: str) -> bool:
    return dictionary(code) is not None or morph.has_lexicon(code)


def _known(code: str, low: str) -> bool:
    """Whether ``low`` is a word of language ``code``: in the spelling dictionary or
    in the lexicon of inflected forms (:mod:`reviewer.morph`)."""
    if dictionary(code) is not None and _dict_known(code, low):
        return True
    # The lexicon knows inflected forms the dictionary lacks (Уэльса, Ассамблеи); it
    # loads on first use of a language (0.2-1.5 s, shared with the spelling check).
    return morph.is_known(low, code)


def _common(code: str, tok: str, low: str) -> bool:
    """Whether a capitalised ``tok`` inside a sentence is a common word of language
    ``code`` rather than a name. With a lexicon of inflected forms
    (:mod:`reviewer.morph`, built from dictionaries of common words) that lexicon
    decides, by the lowercase form: the spelling word lists also hold names
    (Belfast, Harvard, Hitler), and the lexicon lists names capitalised."""
    if morph.has_lexicon(code):
        # the lowercase form only: the lexicon lists names capitalised (Indonesia);
        # an unlisted form of a listed word counts (Nemzetgyűlési, Közgyűlésével)
        if morph.is_known(low, code):
            return True
        lem = morph.lemma(low, code)
        return lem is not None and lem != low and morph.is_known(lem, code)
    return _known(code, low)


def is_word(word: str, lang: str | None) -> bool:
    """Whether ``word`` (capitalised or not) is a common word of ``lang`` rather
    than a name: frequent in its spelling dictionary, or, without one, known to its
    lexicon of inflected forms in lowercase (or as a form of a known lemma). False
    when neither is available (not judged)."""
    code = base(lang)
    low = lower(word, code)
    d: Any = dictionary(code)
    if d is not None:  # frequencies: Tony, Moll are in the lexicon, and rare
        return d.get(low, 0) >= RARE
    return morph.has_lexicon(code) and _common(code, word, low)


@lru_cache(maxsize=1)
def translatable_names() -> frozenset[str]:
    """Lowercased forms of ``reviewer/data/exonyms.tsv`` (every column)."""
    out: set[str] = set()
    try:
        lines = (DATA_DIR / "exonyms.tsv").read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    for line in lines[1:]:
        if line.startswith("#") or not line.strip():
            continue
        for cell in line.split("\t"):
            out.update(f.strip().lower() for f in cell.split("|") if f.strip())
    return frozenset(out)


def translatable(word: str, lang: str | None) -> bool:
    """Whether ``word`` is a name translations change: exonyms table, CLDR names of
    countries, languages and cities in ``lang`` (or a word of such a name:
    ``Wales`` of ``Wales``, ``York`` of ``New York``), month and day names."""
    low = lower(word, base(lang))
    if low in translatable_names():
        return True
    words, stems = _cldr_words(lang)
    if low in words:
        return True
    # an inflected form: Lithuanian Makedonijos (Makedonija), Russian Германии
    # (a stem of five letters or more: Brett is no form of Breton)
    if any(low[: len(low) - j] in stems for j in range(1, 4) if len(low) - j >= 5):
        return True
    # an inflected form the lexicon knows, endings and stem changes included
    # (Finnish Yhdysvaltojen = Yhdysvallat, Hungarian Koreával = Korea)
    lem = morph.lemma(low, lang) if len(low) >= 4 else None
    return bool(lem and lem != low and (lem in translatable_names() or lem in words))


@lru_cache(maxsize=64)
def _cldr_words(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """CLDR names of places, languages, months and weekdays in ``lang`` and their
    words; and the stems of those words (up to two final letters dropped)."""
    names = cldr.place_names(lang) | frozenset(cldr.month_words(lang)) | cldr.day_words(lang)
    words = set(names)
    for n in names:
        words.update(w for w in re.split(r"[\s\-()/.,]+", n) if len(w) >= 3)
    stems = {w[: len(w) - i] for w in words for i in range(3) if len(w) - i >= 4}
    return frozenset(words), frozenset(stems)


# -- finding names ---------------------------------------------------------------------


def _bounded(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    return end >= len(text) or not text[end].isalnum()


def _find_term(text: str, term: str, fold: bool) -> Iterator[tuple[int, int]]:
    hay, needle = (text.lower(), term.lower()) if fold else (text, term)
    if len(hay) != len(text):
        hay, needle = text, term
    i = hay.find(needle)
    while i >= 0:
        if _bounded(text, i, i + len(term)):
            yield i, i + len(term)
        i = hay.find(needle, i + 1)


def find_names(text: str, lang: str | None, dnt: Sequence[str] = ()) -> list[Name]:
    """The names of a source ``text`` in language ``lang`` (see the module docstring)."""
    code = base(lang)
    spans = skip_spans(text)
    names: list[Name] = []
    taken: set[int] = set()  # characters taken (placeholders, URLs, do-not-translate terms)
    for x, y in spans:
        taken.update(range(x, y))
    for term in dnt:
        fold = term == term.lower()
        for a, b in _find_term(text, term, fold):
            if taken.isdisjoint(range(a, b)):
                names.append(Name(a, b, text[a:b], "dnt"))
                taken.update(range(a, b))
    has_dict = _has_lexicon(code)
    script = main_script(text)
    tokens = _tokens(text)
    shouting: bool | None = None  # computed when a token needs it (most texts: none)
    for start, tok in tokens:
        if tok.islower() or not any(c.isupper() for c in tok):
            if script != "LATIN" and tok.isascii() and len(tok) >= 4 and tok.isalpha():
                pass  # a Latin word in another script's text: "Truly" in Chinese
            else:
                continue
        if taken and not taken.isdisjoint(range(start, start + len(tok))):
            continue
        if tok.endswith(_POSSESSIVE):
            tok = tok[:-2]
        if tok.endswith(_NEGATION):
            continue
        end = start + len(tok)
        if len(tok) <= 4 and text[end : end + 1] == "." and text[end + 1 : end + 3].strip()[:1].isupper():
            continue  # a title abbreviated before a name: Capt. Larry, Gen. Smith
        if "'" in tok or "’" in tok:
            pieces = _APOS_RE.split(tok)
            if len(pieces[0]) <= 5 and pieces[0].islower():  # elision: l'OpenAI
                start += len(tok) - len(pieces[-1])
                tok = pieces[-1]
            else:
                tok = pieces[0]
        if script and script != "LATIN" and script_of(tok[0]) == "LATIN":
            kind = _foreign_kind(tok)
        else:
            if shouting is None:
                shouting = _shouting(tokens)
            kind = _kind(text, start, tok, code, has_dict, shouting)
        if kind == "plural":
            tok, kind = tok[:-1], "acronym"
        if kind:
            names.append(Name(start, start + len(tok), tok, kind))
    if code not in NOUN_CAPS and any(n.kind == "proper" for n in names) and _title_case(text, tokens, code):
        # a headline in Title Case: its capitals mean nothing (Membunuh Ratusan Orang)
        names = [n for n in names if n.kind != "proper"]
    if dictionary(code) is not None and code not in NOUN_CAPS:
        for n in names:
            if n.kind != "proper":  # a run of names holds its single names
                taken.update(range(n.start, n.end))
        runs = _multiword(text, code, taken)
        if runs:
            names = [n for n in names if n.kind != "proper"
                     or not any(r.start <= n.start and n.end <= r.end for r in runs)]
            names += runs
    names.sort()
    return names


def _tokens(text: str) -> list[tuple[int, str]]:
    """``(start, token)`` of ``text``'s word tokens, cut where the script changes
    (:func:`_runs`); an ASCII text's tokens are its regex matches as they are."""
    if text.isascii():
        return [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text)]
    return [(s, t) for m in _TOKEN_RE.finditer(text) for s, t in _runs(m.group(), m.start())]


def _shouting(tokens: Sequence[tuple[int, str]]) -> bool:
    """Whether most words of a text are in capitals (at least three words, 60%)."""
    words = [t for _, t in tokens if any(c.isalpha() for c in t)]
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    return len(words) >= 3 and caps >= 0.6 * len(words)


def _title_case(text: str, tokens: Sequence[tuple[int, str]], code: str) -> bool:
    """Whether ``text`` is written in Title Case: at least two capitalised words
    inside it are common words of the language, and they are at least half of the
    words inside it (a headline; not a sentence naming a Prime Minister)."""
    words = caps = 0
    for start, tok in tokens:
        if len(tok) < 3 or not tok.isalpha() or is_sentence_initial(text, start):
            continue
        words += 1
        if tok[0].isupper() and tok[1:].islower() and _common(code, tok, lower(tok, code)):
            caps += 1
    return caps >= 2 and caps * 2 >= words


def _foreign_kind(tok: str) -> str | None:
    """A word in the Latin script inside a text in another script."""
    if len(tok) < 2 or tok in UNITS or tok in SOFT_NAMES or "_" in tok:
        return None
    if any(c.isdigit() for c in tok):
        return "code" if _CODE_RE.fullmatch(tok) and len(tok) >= 3 else None
    return "foreign"


def _multiword(text: str, code: str, taken: set[int]) -> list[Name]:
    """Runs of two or more capitalised words inside a sentence-case sentence where one
    word is rare or unknown in the source language (``Jensen Huang``, ``Vera Rubin``)."""
    d: Any = dictionary(code) or {}
    titled = 0
    for m in _TITLED_RE.finditer(text):
        if d.get(m.group().lower(), 0) >= RARE and not is_sentence_initial(text, m.start()):
            titled += 1
    if titled >= 2:
        return []  # Title Case: capitals mean nothing
    out = []
    for m in _RUN_RE.finditer(text):
        a, b = m.span()
        if not taken.isdisjoint(range(a, b)) or m.group().lower() in translatable_names():
            continue
        parts = m.group().split()
        if is_sentence_initial(text, a) and d.get(parts[0].lower(), 0) >= RARE and len(parts) > 2:
            # "Yesterday Tony Moll said": the first word is capitalised as the first
            a += len(parts[0]) + 1
            parts = parts[1:]
        elif is_sentence_initial(text, a) and (
            d.get(parts[0].lower(), 0) >= RARE or all(d.get(p.lower(), 0) >= RARE for p in parts[1:])
        ):
            continue  # "The Vera ...", "Ancillary Commands": a capitalised heading
        if any(d.get(p.lower(), 0) < RARE for p in parts):
            # a title before the name (Prime Minister Zoran Zaev, President Gjorge
            # Ivanov) is translated: the name is what follows it
            while len(parts) > 1 and d.get(parts[0].lower(), 0) >= TITLE and morph.is_known(parts[0].lower(), code):
                a += len(parts[0]) + 1
                parts = parts[1:]
            out.append(Name(a, b, text[a:b], "multi"))
    return out


#: Languages whose dotted and dotless i are two letters: I lowercases to ı, İ to i
#: (Unicode SpecialCasing.txt, the tr and az conditions), where str.lower() gives i
#: and i̇.
_DOTLESS_I = frozenset({"tr", "az"})


def lower(word: str, code: str | None) -> str:
    """``word`` lowercased by the rules of language ``code`` (Turkish Isırdı ->
    ısırdı, İngiltere -> ingiltere; ``str.lower`` otherwise)."""
    if code in _DOTLESS_I and ("I" in word or "İ" in word):
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def _kind(
    text: str, start: int, tok: str, code: str, has_dict: bool, shouting: bool
) -> str | None:
    if len(tok) < 2 or tok in UNITS or tok in SOFT_NAMES or "_" in tok or _ROMAN_RE.fullmatch(tok):
        return None
    low = lower(tok, code)
    if low in translatable_names():
        return None
    if not tok.isalpha():
        if any(c.isdigit() for c in tok):
            return "code" if _CODE_RE.fullmatch(tok) and len(tok) >= 3 else None
        return None
    if tok.isupper():
        if len(tok) < 3:
            return None
        if _after_number(text, start):
            return None  # a unit: 10 GW
        if (shouting or len(tok) >= 4) and has_dict and _known(code, low):
            return None  # emphasis or a shouted heading
        return "acronym"
    if tok[-1] == "s" and tok[:-1].isupper() and len(tok) >= 3:
        if tok[:-1] in SOFT_NAMES or len(tok) == 3:
            return None  # AMs, TVs
        return "plural"  # GPUs
    rest = tok[1:]
    if not rest.islower() and any(c.isupper() for c in rest):
        return "mixed"
    if not tok[0].isupper() or len(tok) < 3:
        return None
    if low in KNOWN_NAMES:
        return "brand"
    if code in NOUN_CAPS:
        # every noun is capitalised: a name is a word the lexicon does not know in
        # any form, nor as a compound of words it knows (Kavanaugh, not
        # Pharmazieabteilungen)
        if not morph.has_lexicon(code) or is_sentence_initial(text, start):
            return None
        return None if _noun_known(tok, code) else "proper"
    if not has_dict:
        return None
    if _common(code, tok, low):
        return None
    if is_sentence_initial(text, start):
        return None  # "Config file location", "Yeeah!": any first word is capitalised
    return "proper"


#: Linking elements between the parts of a compound (Sicherheit-s-gründe, Tag-e-buch).
_LINKS = ("", "s", "es", "n", "en", "er", "e")


@lru_cache(maxsize=65536)
def _noun_known(tok: str, code: str) -> bool:
    """Whether a capitalised word of a language that capitalises nouns is a word of
    it: in the lexicon of inflected forms, a form of a known lemma, or a compound of
    known words (:func:`_compound`)."""
    if morph.is_known(tok, code):
        return True
    lem = morph.lemma(tok, code)
    if lem and lem.lower() != tok.lower() and morph.is_known(lem, code):
        return True
    for link in _LINKS[1:]:  # the first part of a hyphenated compound (Unabhängigkeits-)
        if tok.endswith(link) and len(tok) - len(link) >= 4 and morph.is_known(tok[: -len(link)], code):
            return True
    return _compound(tok.lower(), code, 0)


def _compound(low: str, code: str, depth: int) -> bool:
    """Whether ``low`` splits into known words of three letters or more, with the
    language's linking elements between them (Nachrichten-moderators)."""
    if depth > 3:
        return False
    for i in range(len(low) - 3, 2, -1):
        head, tail = low[:i], low[i:]
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)]
            # the stem as written, or with the e a linking s replaces (Geschichts-)
            if len(stem) < 3 or not any(
                morph.is_known(x, code) or morph.is_known(x.capitalize(), code)
                for x in ((stem, stem + "e") if link == "s" else (stem,))
            ):
                continue
            if morph.is_known(tail, code) or morph.is_known(tail.capitalize(), code):
                return True
            lem = morph.lemma(tail.capitalize(), code)
            if lem and lem.lower() != tail and morph.is_known(lem, code):
                return True
            if len(tail) >= 6 and _compound(tail, code, depth + 1):
                return True
    return False


def _after_number(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\u202f":
        i -= 1
    return i >= 0 and text[i].isdigit()


# -- finding a name by sound ---------------------------------------------------------

_FOLDS = (
    ("tsh", "c"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("sch", "s"), ("sh", "s"),
    ("ch", "c"), ("tch", "c"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("gh", "g"), ("x", "ks"),
)  # fmt: skip
#: ``j`` joins the sibilants: J, Dzh, Zh, Ж and Bengali জ write both (Zaev = জায়েভ,
#: Xherdan = জারদান).
_MERGE = str.maketrans("lpvfqczgj", "rbbbkksks", "wy")
#: Greek digraphs for sounds Greek has no letter for (Μπιτς = Beach, Ντιονίσιο =
#: Dionisio, Γουίλομπι = Willoughby, Χάρλεμ = Harlem).
_GREEK = (("γου", "ου"), ("γκ", "g"), ("τζ", "j"), ("τσ", "ts"), ("ου", "u"), ("χ", "h"))


def _greek_mb(m: re.Match[str]) -> str:
    """Greek μπ / ντ: ``b`` / ``d``, but ``mb`` / ``nd`` at the end of a word
    (Μπιτς = Beach, Γουίλομπι = Willoughby, Τραμπ = Trump)."""
    g = m.group()
    end = m.end() == len(m.string) or not m.string[m.end()].isalpha()
    if g == "μπ":
        return "mb" if end else "b"
    return "nd" if end else "d"
_VOWELS_RE = re.compile(r"[aeiouh ]+")


def _abjad(word: str) -> bool:
    """Hebrew or Arabic script: vav / waw write ``v``, ``w``, ``o`` or ``u``."""
    return any("\u0590" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in word)


@lru_cache(maxsize=65536)
def _abjad_pattern(word: str) -> re.Pattern[str] | None:
    """For a Hebrew or Arabic-script word, a pattern of the skeletons it can stand
    for: each ``v``/``w`` letter is a ``b`` or a vowel (איוונוב = Ivanov, ایوانوف)."""
    key = translit_key(word, marks=True)
    if not key.strip("W"):
        return None
    rx = "".join("b?" if c == "W" else re.escape(c) for c in key)
    if word[:1] in HEBREW_PREFIXES and len(word) > 3:
        # Hebrew writes its prefixes onto the word (שווילאבי = that + Willoughby)
        rest = translit_key(word[1:], marks=True)
        if rest.strip("W"):
            rx += "|" + "".join("b?" if c == "W" else re.escape(c) for c in rest)
    return re.compile(rx)




@lru_cache(maxsize=65536)
def translit_key(word: str, marks: bool = False) -> str:
    """The consonant skeleton of ``word`` in any script (see the module docstring):
    ``Moll`` -> ``mr``, ``मोल`` -> ``mr``, ``Джонсу`` -> ``jns``. With ``marks``, the
    ``v``/``w`` letters of a Hebrew or Arabic-script word come out as ``W``."""
    from anyascii import anyascii

    hebrew = any("\u0590" <= c <= "\u05ff" for c in word) and not marks
    low = word.lower()
    if any("\u0370" <= c <= "\u03ff" for c in low):
        low = unicodedata.normalize("NFD", low)
        low = "".join(c for c in low if not unicodedata.combining(c))
        low = re.sub("μπ|ντ", _greek_mb, low)
        for x, y in _GREEK:
            low = low.replace(x, y)
    abjad = _abjad(word)
    a = re.sub(r"[^a-z]", "", anyascii(low).lower())
    if marks:
        a = a.replace("v", "W").replace("w", "W")
    if hebrew:
        a = a.replace("v", "").replace("y", "")  # vav and yod write vowels in names
    a = SILENT_GH.sub("", a)  # Willoughby, Hugh
    a = a.replace("dge", "j")  # Sturridge = Старридж
    a = SOFT_C.sub("s", a)  # Celesio = Селесио
    for x, y in _FOLDS:
        if abjad and x in ("ts", "tz"):
            continue  # no vowels written: t and s meet by accident (إنسينيتاس)
        a = a.replace(x, y)
    a = _VOWELS_RE.sub("", a.translate(_MERGE))
    return re.sub(r"(.)\1+", r"\1", a)


#: A word: letters with their combining marks, and the zero-width joiners that
#: Indic and Arabic-script words carry inside (র‍্যাদি).
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u200c\u200d])*")


def _keys_of(text: str, capitalised: bool = False) -> list[str]:
    """Skeletons of the words of ``text`` (only of its capitalised words when asked;
    a sentence's first word then comes last, marked with a leading ``^``: it is
    capitalised anyway, so only a close match counts)."""
    out = []
    first = []
    for m in _WORD_RE.finditer(text):
        for pos, run in _runs(m.group(), m.start()):
            if capitalised and not run[0].isupper():
                continue
            for k in _readings(run):
                if capitalised and is_sentence_initial(text, pos):
                    first.append("^" + k)
                else:
                    out.append(k)
    return out + first


_W_RE = re.compile(r"[Ww](?![hHrR])")
_J_RE = re.compile(r"[Jj]")


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[str, ...]:
    """The skeletons of ``word``: as English reads it, and for a word in the Latin
    script with the readings of w and j in most other languages that write it (v
    and y: Polish Iwanow = Ivanov, Junnan = Yunnan; Willoughby = विलुबी)."""
    k = translit_key(word)
    out = [k] if k else []
    if script_of(word[0]) == "LATIN":
        for rx, sub in ((_W_RE, "v"), (_J_RE, "y")):
            if rx.search(word):
                alt = translit_key(rx.sub(sub, word))
                if alt and alt not in out:
                    out.append(alt)
    return tuple(out)


def _same_key(a: str, b: str, loose: bool) -> bool:
    """Skeletons that name the same thing: equal, one the other's start (an
    inflection: ``krmr`` / ``krmbr``), or one edit apart (``sturj`` / ``strj``); with
    ``loose`` (few candidates: capitalised words only) two-consonant skeletons may be
    one edit apart too (``rm`` Harlem / ``krm`` Гарлем)."""
    b = b.lstrip("^")
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= (3 if loose else 2) and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True  # an ending; in scripts without capitals, a particle (윌로비가)
    if len(short) >= 3 and Levenshtein.distance(a, b) <= 1:
        return True
    if loose and len(short) == 2 and len(long_) == 3:
        # an initial h written g or left out (Harlem = Гарлем); a silent final d or
        # t (Hazard = Азар). No other consonant: Palu is no Близо, Arizona no Роза
        if short == long_[1:] and long_[0] in "gk":
            return True
        if short == long_[:2] and long_[-1] in "dt":
            return True
    return len(short) >= 4 and fuzz.ratio(a, b) >= 80


_CASED = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})


def found_by_sound(name: str, text: str) -> bool:
    """Whether ``text`` holds ``name`` written in any script: a word of the name whose
    skeleton (:func:`translit_key`) matches a word of ``text`` (a capitalised word
    when ``text`` is in a script with capitals). Names whose skeleton is shorter than
    two consonants cannot be looked for and count as found."""
    words = [p for p in re.split(r"[\s\-]+", name) if p]
    parts = [translit_key(p) for p in words]
    parts = [p for p in parts if len(p) >= 2]
    if not parts:
        return True
    # w and j as most languages other than English read them (v, y): Willoughby =
    # विलुबी, Junnan = Yunnan; those readings are tried as well
    alts = [a for w in words for a in _readings(w)[1:]]
    if len(words) == 1 and any(len(a) < 2 for a in alts):
        return True  # too short to look for in that reading (Junnan = Yunnan: n)
    if len(parts) > 1:
        # Brett Kavanaugh: the most distinctive part, or the family name (Gjorge
        # Ivanov = جورج إيفانوف, where Gjorge is respelled past recognition)
        longest = max(parts, key=len)
        last = translit_key(words[-1])
        parts = [longest] + ([last] if last != longest and len(last) >= 3 else [])
    n_own = len(parts)
    parts += [a for a in alts if len(a) >= 3]
    cased = main_script(text) in _CASED
    pool = _keys_of(text, capitalised=cased)
    joined = "".join(_keys_of(text)) if not cased else ""
    abjad = [p for p in map(_abjad_pattern, _WORD_RE.findall(text)) if p] if _abjad(text) else []
    lower = [k for k in _keys_of(text) if k not in pool] if cased else []
    for i, p in enumerate(parts):
        if any(_same_key(p, k, cased) for k in pool):
            return True
        if len(p) >= 3 and p in joined:  # written as one word, or split: トニー・モル
            return True
        if cased and len(p) >= 4 and (
            any(k.startswith(p) for k in lower)  # an adjective: йоркширском, harlemi
            or any(p in k.lstrip("^") for k in pool)  # Великобританию
            # a word derived from a name of the text: Kalifornijczyk, California
            or any(len(k) >= 5 and p.startswith(k) for k in pool)
            # the name holds a name of the text (Великобритания: Britain)
            or any(len(k) >= 4 and k in p for k in (x.lstrip("^") for x in pool))
        ):
            return True
        # a final consonant left unwritten; not for the W reading, whose extra
        # consonant would then stand for the name's whole difference
        cut = len(p) >= 3 and i < n_own
        if any(rx.fullmatch(p) or (cut and rx.fullmatch(p[:-1])) for rx in abjad):
            return True
    # the coarse skeleton (consonant classes, the readings other scripts give a Latin
    # name): Harvard = 하버드, Chelsea = צ׳לסי, Rangers = Ρέιντζερς
    # (across scripts only: in the same script a close spelling is another name,
    # Stanford for Sanford)
    tscript = main_script(text)
    if script_of(name[:1]) == tscript:
        return False
    return coarse_found(name, text, cased, joined=tscript in _UNSPACED)


#: Scripts that write no spaces between words.
_UNSPACED = frozenset({"THAI", "LAO", "KHMER", "MYANMAR", "KANA", "HAN", "TIBETAN"})

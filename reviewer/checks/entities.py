"""Entity check: names of the source that must survive translation.

Names are acronyms of three or more capitals (``NVIDIA``, ``GPUs``), mixed-case words
(``OpenAI``, ``ChatGPT``, ``iPhone``), product codes (``H100``), capitalised words that
are not words of the source language (``Huang`` inside a sentence; a Title Case heading
of dictionary words holds no names), known brands, and do-not-translate glossary
entries (any length, several words too). Possessives are dropped (``OpenAI's``).

A name is found in the target with elision before it and a short inflection after it
(``dell'OpenAI``, ``NVIDIAs``). When it is missing the target is searched for a near
miss: a case variant (``Nvidia`` for ``NVIDIA``, minor) or a close spelling by
rapidfuzz ratio (``Openi``, ``Openbrai`` for ``OpenAI``, major); either is flagged on
the target with the score and the name as suggestion. Otherwise the name is flagged on
the source as missing. A full name (``Brett Kavanaugh``) is found by its key word, its
last word that is no common word of the language (a name of common words only, such as
``Welsh Parliament``, is a title translations translate); a given name left out beside
it is minor. A name of the target that the source lacks is paired with a lost name
(replaced: major) or reported alone as minor (often the translator's explicitation);
added CLDR place names are never reported. Names that translations change (months, days, countries, cities,
languages: ``reviewer/data/exonyms.tsv``; translatable titles and acronyms such as CEO,
NATO; units) are never required. URLs and e-mails are skipped on both sides.

On a target-only document only the glossary's do-not-translate names are known: their
case variants and near misses in the target are flagged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from rapidfuzz import fuzz, process

from .. import cldr, morph
from ..lang import base
from ..model import Finding, Segment, Severity
from .base import Check, CheckContext
from .name_places import place_codes, place_found
from .name_sound import coarse_key
from .names import (
    NOUN_CAPS,
    Name,
    can_judge,
    find_names,
    found_by_sound,
    is_word,
    main_script,
    script_of,
    translatable,
    translatable_names,
)
from .spelling import entry_parts, glossary_entries, is_known, is_sentence_initial, skip_spans

__all__ = ["EntityCheck", "CHECKS", "Name", "find_names", "translatable_names"]

_ALNUM_RE = re.compile(r"[^\W_]+")


class _Cover:
    """Spans of a text marked as taken, for overlap tests in time proportional to the
    span tested (a list scanned for every test made long texts quadratic). ``hits(a,
    b)`` is True exactly when some added ``(x, y)`` has ``x < b and a < y``."""

    __slots__ = ("_marks", "_empty", "_any")

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._marks = bytearray(size + 1)
        self._empty: list[tuple[int, int]] = []  # zero-length spans, tested one by one
        self._any = False
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        """Mark ``a .. b-1``."""
        self._any = True
        if b <= a:
            self._empty.append((a, b))
        else:
            self._marks[a:b] = b"\x01" * (b - a)

    def hits(self, a: int, b: int, other: "_Cover | None" = None) -> bool:
        """Whether ``(a, b)`` overlaps a marked span (or one of ``other``'s)."""
        if other is not None and other.hits(a, b):
            return True
        if not self._any:
            return False
        if b > a:
            if self._marks.find(1, a, b) >= 0:
                return True
        elif 0 < a < len(self._marks) and self._marks[a - 1] and self._marks[a]:
            return True  # an empty span strictly inside a marked one
        return any(x < b and a < y for x, y in self._empty)


@lru_cache(maxsize=2)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=2)
def _token_index(target: str) -> tuple[list[re.Match[str]], dict[str, list[int]],
                                       dict[str, list[int]]]:
    """The target's alphanumeric tokens, and where each lowercased token and each
    lowercased pair of tokens joined across one space or hyphen starts (token
    positions): computed once per target, not once per name."""
    toks = list(_ALNUM_RE.finditer(target))
    singles: dict[str, list[int]] = {}
    pairs: dict[str, list[int]] = {}
    for i, m in enumerate(toks):
        singles.setdefault(m.group().lower(), []).append(i)
        if i + 1 < len(toks):
            n2 = toks[i + 1]
            if target[m.end():n2.start()] in (" ", "-"):
                pairs.setdefault((m.group() + n2.group()).lower(), []).append(i)
    return toks, singles, pairs


_DNT_CACHE: dict[int, tuple[Any, tuple[str, ...]]] = {}


def _dnt_names(glossary: Any) -> tuple[str, ...]:
    """The do-not-translate source terms of a glossary (cached per glossary object)."""
    if glossary is None:
        return ()
    hit = _DNT_CACHE.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    names = []
    for e in glossary_entries(glossary):
        source, targets, dnt = entry_parts(e)
        if source and (dnt or targets == [source]):
            names.append(source)
    out = tuple(dict.fromkeys(names))
    if len(_DNT_CACHE) > 8:
        _DNT_CACHE.clear()
    _DNT_CACHE[id(glossary)] = (glossary, out)
    return out


def _occurrences(text: str, name: str, fold: bool, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Occurrences of ``name`` in ``text`` allowing elision before it and up to three
    lowercase letters (an inflection) after it; none inside ``spans``."""
    hay, needle = (_lower(text), name.lower()) if fold else (text, name)
    if len(hay) != len(text):
        return []
    out = []
    i = hay.find(needle)
    while i >= 0:
        j = i + len(name)
        ok = i == 0 or not text[i - 1].isalnum() or _script_change(text[i - 1], text[i])
        if ok and j < len(text) and text[j].isalnum() and not _script_change(text[j - 1], text[j]):
            k = j
            while k < len(text) and text[k].isalpha() and text[k].islower():
                k += 1
            # an inflection: NVIDIAs, dell'OpenAI; longer endings after longer names
            # (Croydonissa, Willoughbyová)
            ok = (k - j <= 3 or len(name) >= 4) and (k >= len(text) or not text[k].isalnum())
        if ok and not any(a < j and i < b for a, b in spans):
            out.append((i, j))
        i = hay.find(needle, i + 1)
    return out


def _script_change(a: str, b: str) -> bool:
    """Two letters of different scripts meet (``MWPの``, ``в«Apple»``)."""
    sa, sb = script_of(a), script_of(b)
    return bool(sa and sb and sa != sb)


#: Kinds of names a translation into another script transliterates (so they can be
#: looked for by sound); acronyms, codes and brands may be kept, translated or spelled
#: out instead.
_TRANSLITERATED = frozenset({"proper", "multi", "dnt"})


#: Kinds of names that languages inflect and adapt (no near-miss findings for them).
_ADAPTED = frozenset({"proper", "multi"})

_WORDS_RE = re.compile(r"[^\W\d_]+")


def _stem_found(target: str, name: str) -> bool:
    """Whether ``target`` has a word that is ``name`` without an inflectional ending
    (the source inflects: Finnish ``Oakiin`` -> ``Oak``, ``Encinitasissa`` ->
    ``Encinitas``) or ``name`` with a different ending (``Zaevą`` -> ``Zaevin``)."""
    for part in name.split():
        for m in _WORDS_RE.finditer(target):
            w = m.group()
            k = min(len(w), len(part))
            if k < 3 or w[0].lower() != part[0].lower():  # birminghami, marlow-i
                continue
            common = 0
            while common < k and w[common].lower() == part[common].lower():
                common += 1
            if common >= 3 and len(part) - common <= 4 and len(w) - common <= 4:
                if common >= min(len(w), len(part)) or common >= 0.6 * len(part):
                    return True
            if common == len(part) >= 5:
                return True  # a derived word or compound (labouristickou, Labourpartiet)
    return False


def _absent(
    names: Sequence[Name], other: str, text: str, lang: str | None, other_lang: str | None
) -> Iterator[Name]:
    """The ``names`` of ``text`` (in ``lang``) that ``other`` (in ``other_lang``) does
    not have in any form: not by sound (any script), not as a name translations
    change (CLDR, exonyms), not as an acronym the other side swaps for its own; names
    that cannot be judged (Chinese characters on the other side) are left out."""
    oscript = main_script(other)
    swapped = _new_acronyms(other, text)
    for n in names:
        if n.kind == "acronym" and len(n.text) <= 4 and swapped:
            continue  # ONZ -> UN, JAV -> US: the other side's own acronym for it
        # a full name is judged by its family name (Brett of Brett Kavanaugh may be
        # a place's name somewhere, Kavanaugh is not)
        if n.kind == "code" and _digits_kept(n.text, other):
            continue  # SS19 -> jaro/léto 2019: the code spelt out, its number kept
        words = [_key_word(n, lang)] if n.kind == "multi" else n.text.split()
        places = place_codes(n.text, lang) if n.kind in _ADAPTED else frozenset()
        if places:
            # a country or language (CLDR) in any form: Великобританії = UK
            if place_found(places, other, other_lang) is False and not found_by_sound(n.text, other):
                yield n
            continue
        if n.kind != "dnt" and any(translatable(w, lang) for w in words):
            if not _place_lost(n.text, lang, other, other_lang):
                continue  # a name translations change, found or not judged
            yield n
            continue
        nscript = script_of(n.text[0])
        if not can_judge(nscript, oscript, other_lang):
            continue  # Chinese characters: the name cannot be looked for by sound
        cross = nscript != oscript
        # in the same script a full name is looked for by its key word (Brett
        # Sanford is not Brett Kavanaugh)
        probe = _key_word(n, lang) or n.text if n.kind == "multi" and not cross else n.text
        if (cross or n.kind in _ADAPTED) and n.kind != "code" and (
            found_by_sound(probe, other) or _lemma_found(n, lang, other)
        ):
            continue
        if cross and n.kind not in _TRANSLITERATED:
            continue  # an acronym or brand may be translated or kept in any script
        yield n


_CAP_WORD_RE = re.compile(r"[^\W\d_][\w'’]*")
_APOS_END_RE = re.compile(r"['’]\w{1,4}")


def _run_neighbours(text: str, start: int, end: int) -> list[str]:
    """The capitalised words next to ``text[start:end]`` in the same run of
    capitalised words (joined by a space, a no-break space or a hyphen)."""
    out = []
    i = start
    while True:  # leftwards
        j = i - 1
        if j <= 0 or text[j] not in " \u00a0-":
            break
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’"):
            k -= 1
        word = text[k:j]
        if not word or not word[0].isupper():
            break
        out.append(word)
        i = k
    e0 = _APOS_END_RE.match(text, end)  # Jeremy’ego Cricka: the ending, then the run
    end = e0.end() if e0 else end
    m = _CAP_WORD_RE.match(text, end + 1) if end < len(text) and text[end] in " \u00a0-" else None
    while m is not None and m.group()[0].isupper():
        out.append(m.group())
        e = m.end()
        m = _CAP_WORD_RE.match(text, e + 1) if e < len(text) and text[e] in " \u00a0-" else None
    return out


def _neighbour_found(text: str, n: Name, other: str) -> bool:
    """Whether a capitalised neighbour of name ``n`` in ``text`` (the other words of
    a full name) is in ``other`` as written, as a stem or by sound: the two sides
    then name the same person, one more fully (Peter Jones / Jones). Only for a
    name that is not the last of its run: a given name may be left out, a surname
    replaced (Peter Smith for Peter Jones) is another person."""
    words = _run_neighbours(text, n.start, n.end)
    if not words or not any(text.find(w, n.end) >= 0 for w in words):
        return False  # the last word of a run (a surname) is never implied
    for w in words:
        w = w[:-2] if w.endswith(("'s", "’s")) else w
        if len(w) < 3:
            continue
        if _occurrences(other, w, True, ()) or _stem_found(other, w) or found_by_sound(w, other):
            return True
    return False


def _lemma_found(n: Name, lang: str | None, other: str) -> bool:
    """Whether the lemma of a one-word name (the lexicon's, :mod:`reviewer.morph`)
    is in ``other`` by sound: an inflected or article-bearing form whose ending
    hides it (Bulgarian Асамблеята = асамблея: assembly; Polish Jonesa = Jones)."""
    if " " in n.text or n.kind not in _ADAPTED:
        return False
    low = n.text.lower()
    lem = morph.lemma(low, lang)
    return bool(lem and lem != low and len(lem) >= 3 and found_by_sound(lem, other))


def _key_word(n: Name, lang: str | None) -> str:
    """The word a full name is recognised by: its last word that is no common word
    of ``lang`` (Kavanaugh of Brett Kavanaugh, Wales of Wales Act); ``""`` when every
    word is one (Welsh Parliament: a title translations translate)."""
    words = n.text.split()
    names = [w for w in words if not is_word(w, lang)]
    return names[-1] if names else ""


def _given_lost(n: Name, target: str, lang: str | None, target_lang: str | None) -> list[Name]:
    """The words before the family name of a full name ``n`` (Brett of Brett
    Kavanaugh) that ``target`` has in no form: as written, as a stem or by sound;
    none where the target's script cannot be judged (Chinese characters). Words of
    the source language are no given names but words a translation translates
    (Welsh Parliament, Stadio San Paolo, Saint Helena)."""
    nscript, tscript = script_of(n.text[0]), main_script(target)
    if not can_judge(nscript, tscript, target_lang):
        return []
    out = []
    pos = n.start
    words = n.text.split()
    key = _key_word(n, lang)
    for w in words[: words.index(key)] if key else ():
        a = pos
        pos += len(w) + 1
        if len(w) < 3 or _occurrences(target, w, True, ()) or _stem_found(target, w):
            continue
        if _abbreviation_found(w, target):
            continue  # Det Insp, Prof: a title abbreviated, written out in the target
        if is_word(w, lang) or translatable(w, lang):
            continue  # Welsh Parliament, Saint Helena: words a translation translates
        if nscript != tscript and found_by_sound(w, target):
            continue  # by sound only across scripts (Brett = Бретт; Plus is no Brett)
        out.append(Name(a, a + len(w), w, "proper"))
    return out


def _abbreviation_found(word: str, target: str) -> bool:
    """Whether a short ``word`` (four letters at most: Det, Insp, Prof, St) starts a
    word of ``target``, as written or by coarse skeleton (Detektiv, інспектор,
    Σεντ), or sits inside one (Politiinspektør): a title or abbreviation that the
    translation writes out; or, for a longer ``word``, whether the target has it
    abbreviated (Inspektur -> Insp)."""
    low = word.lower()
    if len(word) > 4:
        # the other way round: the target abbreviates (Inspektur -> Insp)
        return any(3 <= len(w) <= 4 and w[0].isupper() and low.startswith(w.lower())
                   for w in _WORDS_RE.findall(target))
    key = coarse_key(word)
    for m in _WORDS_RE.finditer(target):
        w = m.group().lower()
        if w.startswith(low) or (key and coarse_key(w).startswith(key)):
            return True
        if len(low) == 4 and low in w:
            return True  # inside a compound: Politiinspektør
    return False


def _place_lost(name: str, lang: str | None, other: str, other_lang: str | None) -> bool:
    """Whether ``name``, a CLDR country or language name of ``lang`` (Indonesia),
    is missing from ``other``: no word of ``other`` starts like a word of the
    name's CLDR forms in ``other_lang`` (Indonesien, indonesischen, Индонезии,
    印度尼西亚) or like the name itself, and no word sounds like it. ``False``
    when CLDR has no such name or no data for ``other_lang`` (not judged)."""
    table = cldr.place_keys(lang)
    keys = table.get(name.lower())
    if not keys and " " not in name:  # an inflected form: Индонезии = Индонезия
        lem = morph.lemma(name.lower(), lang)
        keys = table.get(lem) if lem else None
    if not keys:
        return False
    forms = cldr.place_forms(keys, other_lang)
    if not forms:
        return False
    low = other.lower()
    for form in (*forms, name.lower()):
        for w in _WORDS_RE.findall(form):
            if not _WORDS_RE.fullmatch(w[:1]):
                continue
            stem = w[:4] if len(w) >= 4 else w
            if script_of(w[0]) in ("HAN", "KANA", "HANGUL", "THAI"):
                stem = w[:2]
            elif len(stem) < 4:
                continue
            if stem in low:
                return False
    return not found_by_sound(name, other)


#: An acronym: two to five capitals, or capitals with dots (U.N., U.S.).
_CAPS_RE = re.compile(r"\b[A-Z]{2,5}\b|\b(?:[A-Z]\.){2,5}")


def _new_acronyms(target: str, source: str) -> bool:
    """Whether ``target`` has an acronym (2-5 capitals) that ``source`` does not."""
    return any(m.group() not in source for m in _CAPS_RE.finditer(target))


def _threshold(name: str) -> float | None:
    n = len(name)
    if n < 4:
        return None
    return 85.0 if n == 4 else 80.0


def _unmatched_capitals(
    source: str, target: str, names: Sequence[Name], lang: str | None, tlang: str | None
) -> list[Name]:
    """The capitalised words inside the sentences of a ``source`` in a cased script
    (names or words used as names: Variety, Sanders) that ``target`` has in no form:
    not as written, as a stem, by sound, nor as a CLDR name it translates."""
    if main_script(source) not in _CASED_SCRIPTS:
        return []
    out = []
    for m in _CAP_WORD_RE.finditer(source):
        w = m.group()
        if not w[0].isupper() or len(w) < 3 or is_sentence_initial(source, m.start()):
            continue
        if _after_markup(source, m.start()):
            continue  # a label's first word: <f0>Output range</f0>
        w = w[:-2] if w.endswith(("'s", "’s")) else w.rstrip("'’")
        if len(w) < 3 or w.isupper() and len(w) < 3:
            continue
        if _occurrences(target, w, True, ()) or _stem_found(target, w) or found_by_sound(w, target):
            continue
        if translatable(w, lang) and not _place_lost(w, lang, target, tlang):
            continue
        out.append(Name(m.start(), m.start() + len(w), w, "proper"))
    return out


def _derived_in(name: str, text: str) -> bool:
    """Whether a word of ``text``, in any case, starts like ``name`` by coarse
    skeleton (its first three classes): a word derived from the name or the name
    inflected (Olympics: olümpiamängude, Olimpiade)."""
    key = coarse_key(name)
    probe = key[:3]
    if len(probe) < 3:
        return False
    return any(coarse_key(m.group()).startswith(probe) for m in _WORDS_RE.finditer(text))


def _digits_kept(code: str, other: str) -> bool:
    """Whether the digits of product code ``code`` (two at least) end a number of
    ``other`` (SS19 -> 2019, Sommer-2019)."""
    digits = "".join(c for c in code if c.isdigit())
    return len(digits) >= 2 and re.search(rf"{digits}(?!\d)", other) is not None


def _plural_of_word(name: str, lang: str | None) -> bool:
    """Whether a one-word ``name`` is a common word of ``lang`` with a plural ``s``
    (the lexicon knows the rest in lowercase: Olympics), in a language that makes
    plurals with ``-s`` (the lexicon's share of such forms: not Polish Tellis)."""
    low = name.lower()
    if " " in low or len(low) < 5 or not low.endswith("s"):
        return False
    share = morph.suffix_share(lang)
    return share is not None and share >= 0.03 and morph.is_known(low[:-1], lang)


def _after_markup(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` follows an inline tag or a menu path separator
    (``<f0>Output range``, ``Format > Sparklines``): a label's first word, which is
    capitalised as a sentence's is."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i] in ">]}|"


def _nearest(cands: Sequence[Name], ad: Name, source: str, target: str) -> Name:
    """The candidate whose relative position in ``source`` is nearest to that of
    ``ad`` in ``target``."""
    rel = ad.start / max(1, len(target))
    return min(cands, key=lambda n: abs(n.start / max(1, len(source)) - rel))


_CASED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN"})


class EntityCheck(Check):
    """Names of the source (acronyms, brands, proper names, do-not-translate terms)
    missing from the target, and their near misses."""

    id = "entity"
    name = "Names and entities"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_source = False
    description = "Names that must survive translation are missing or misspelt."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        target = segment.target or ""
        dnt = list(_dnt_names(context.glossary))
        dnt += [s for s, t in segment.terms if s and t == s]
        if context.target_only or not segment.source:
            return list(self._target_only(target, dnt, context))
        return list(self._bilingual(segment.source, target, dnt, context))

    # -- bilingual ---------------------------------------------------------------

    def _bilingual(
        self, source: str, target: str, dnt: Sequence[str], context: CheckContext
    ) -> Iterator[Finding]:
        names = find_names(source, context.source_lang, dnt)
        tspans = skip_spans(target)
        groups: dict[str, list[Name]] = {}
        for n in names:
            groups.setdefault(n.text, []).append(n)
        claimed = _Cover(len(target))
        tcover = _Cover(len(target), tspans)
        source_words = {w.lower() for w in _ALNUM_RE.findall(source)}
        missing: list[Name] = []
        given: list[Name] = []  # given names left out of a full name found
        pending: list[tuple[str, list[Name]]] = []
        for text, occ in groups.items():
            exact = _occurrences(target, text, False, tspans)
            for a, b in exact:
                claimed.add(a, b)
            if len(exact) < len(occ):
                pending.append((text, occ))
        for text, occ in pending:
            found = len(_occurrences(target, text, False, tspans))
            if occ[0].kind in _ADAPTED:
                # Ordinary names: languages inflect and respell them (Harlemin,
                # Johnsonas, Riversaido): found as a stem or by sound, never "misspelt".
                # A full name is there when its family name is (Brett Kavanaugh ->
                # Kavanaugh): a given name alone is another person (Jeff News).
                key = text
                if occ[0].kind == "multi":
                    key = _key_word(occ[0], context.source_lang)
                    if not key:
                        continue  # words of the language: a title translations translate
                sound = key if script_of(text[0]) == main_script(target) else text
                if not (found or _stem_found(target, key) or found_by_sound(sound, target)):
                    missing.append(occ[0])
                elif occ[0].kind == "multi" and not found:
                    given.extend(_given_lost(occ[0], target, context.source_lang,
                                             context.target_lang))
                continue
            variants = [
                (a, b) for a, b in _occurrences(target, text, True, tspans)
                if not claimed.hits(a, b)
                # an English word inside another script's text (The Fragrance Shop)
                # is no name where the target writes it as a word (the)
                and not (occ[0].kind == "foreign" and target[a:b].islower()
                         and is_known(base(context.target_lang), target[a:b]))
            ]
            for a, b in variants:
                claimed.add(a, b)
                yield self._case_variant(target, a, b, text)
            near = list(self._near(target, text, tcover, claimed, source_words, context))
            for a, b, score in near:
                claimed.add(a, b)
                yield self._near_miss(target, a, b, text, score)
            if not near and not found and not variants:
                missing.append(occ[0])
        lost = list(self._missing(missing, source, target, context)) if missing else []
        added = [
            a for a in self._added(source, target, context)
            if not claimed.hits(a.start, a.end)
        ]
        for nm, ad in zip(lost, added):  # a name replaced by another: one finding
            yield self._replaced(ad, nm.text)
        if len(added) > len(lost):
            # a new name with no lost name beside it: a replaced name when the source
            # has a capitalised word the target has in no form (a name that is also
            # a word: Variety, Sanders); otherwise the translator's explicitation (a
            # full name, a place made explicit), not reported
            spare = _unmatched_capitals(source, target, names, context.source_lang,
                                        context.target_lang)
            for ad in added[len(lost):]:
                if spare:
                    # the source word may be a word, not a name (a UI label the
                    # target translates): minor
                    yield self._replaced(ad, _nearest(spare, ad, source, target).text,
                                         Severity.MINOR)
                elif main_script(source) == main_script(target) and not _derived_in(ad.text, source):
                    yield self.flag("target", ad.start, ad.end, ad.text,
                                    f"Name '{ad.text}' is not in the source.",
                                    severity=Severity.MINOR)
        cross = main_script(source) != main_script(target)
        for nm in lost[len(added):]:
            if nm.kind in _ADAPTED and _neighbour_found(source, nm, target):
                if _abbreviation_found(nm.text, target):
                    continue
                # a given name left out beside its surname (Peter Jones -> Jones):
                # often a choice of style, reported as minor
                yield self.flag(
                    "source", nm.start, nm.end, nm.text,
                    f"Name '{nm.text}' does not appear in the translation "
                    "(the rest of the name does).",
                    severity=Severity.MINOR,
                )
                continue
            # a name that must be copied (an acronym, a product, a do-not-translate
            # term) is major; a proper name a translation may replace by a pronoun or
            # a description is minor
            yield self.flag(
                "source", nm.start, nm.end, nm.text,
                f"Name '{nm.text}' does not appear in the translation.",
                severity=Severity.MINOR if nm.kind in _ADAPTED else Severity.MAJOR,
            )
        for nm in given:
            if not claimed.hits(nm.start, nm.end) and not cross:
                yield self.flag(
                    "source", nm.start, nm.end, nm.text,
                    f"Name '{nm.text}' does not appear in the translation "
                    "(the rest of the name does).",
                    severity=Severity.MINOR,
                )

    def _replaced(self, ad: Name, old: str, severity: Severity | None = None) -> Finding:
        return self.flag(
            "target", ad.start, ad.end, ad.text,
            f"Name '{ad.text}' is not in the source, which has '{old}' here.",
            suggestion=old if script_of(old[0]) == script_of(ad.text[0]) else None,
            severity=severity,
        )

    def _missing(
        self, missing: Sequence[Name], source: str, target: str, context: CheckContext
    ) -> Iterator[Name]:
        """The names not found as written that are missing indeed: unless the target
        has them in another script or spelling (by sound), they are names translations
        change (CLDR, exonyms), or the target's script cannot be judged."""
        sl = context.source_lang
        # a one-word name that is the plural of a common word (Olympics: olympic;
        # team and party names) is one translations translate: not judged
        keep = [n for n in missing if not (n.kind == "proper" and _plural_of_word(n.text, sl))]
        yield from _absent(keep, target, source, sl, context.target_lang)

    def _added(self, source: str, target: str, context: CheckContext) -> Iterator[Name]:
        """Names of the target that the source does not have (a name replaced by
        another, or added): ordinary names only, in a Latin-script target whose
        capitals mark names (not German nouns), found in the source by spelling, stem
        or sound (:func:`_absent`)."""
        tl = context.target_lang
        if base(tl) in NOUN_CAPS or not target or main_script(target) != "LATIN":
            return  # other scripts respell names too freely to call one new
        if main_script(source) not in ("LATIN", "DEVANAGARI", "BENGALI", "ARABIC", "HEBREW"):
            return  # Cyrillic and Greek adapt names too (Азар = Hazard): measured noise
        # places, languages, months a translation adds or spells out (Storbritannien
        # for Britain, Yhdysvaltojen for US) are context, never a wrong name
        cands = [n for n in find_names(target, tl) if n.kind in _ADAPTED
                 and not _after_markup(target, n.start)
                 and not any(translatable(w, tl) for w in n.text.split())
                 and not _plural_of_word(n.text, tl)]
        cands = [n for n in cands if not _occurrences(source, n.text, True, ())]
        cands = [n for n in cands if not _stem_found(source, n.text)]
        # a name written out in full (Peter Jones, Kim Jong-un for Jones, Kim): a
        # neighbour of the same run of capitalised words is in the source
        cands = [n for n in cands if not _neighbour_found(target, n, source)]
        if cands:
            yield from _absent(cands, source, target, tl, context.source_lang)

    def _near(
        self,
        target: str,
        name: str,
        spans: _Cover,
        claimed: _Cover,
        source_words: set[str],
        context: CheckContext,
    ) -> Iterator[tuple[int, int, float]]:
        cutoff = _threshold(name)
        if cutoff is None:
            return
        key = name.lower()
        width = name.count(" ") + 1
        toks, singles, pairs = _token_index(target)
        tcode = base(context.target_lang)
        found: list[tuple[float, int, int]] = []
        if width == 1:
            # Only tokens (and joined token pairs) similar enough to the name can
            # score: found in the target's vocabulary at C speed, so a long target
            # costs its vocabulary per name, not its length.
            hits: set[int] = set()
            for table in (singles, pairs):
                for low, _, _ in process.extract(key, table.keys(), scorer=fuzz.ratio,
                                                 score_cutoff=cutoff, limit=None):
                    hits.update(table[low])
            order: Iterable[int] = sorted(hits)
        else:
            order = range(len(toks))
        for i in order:
            m = toks[i]
            if width > 1:
                if i + width > len(toks):
                    break
                last = toks[i + width - 1]
                phrase = target[m.start():last.end()]
                if phrase.count(" ") != width - 1:
                    continue
                cands = [(m.start(), last.end(), phrase)]
            else:
                cands = [(m.start(), m.end(), m.group())]
            n2 = toks[i + 1] if i + 1 < len(toks) else None
            if (
                width == 1
                and n2 is not None
                and target[m.end():n2.start()] in (" ", "-")
                and (n2.group()[:1].isupper() or n2.group().lower() in key)
            ):
                cands.append((m.start(), n2.end(), m.group() + n2.group()))
            for a, b, word in cands:
                low = word.lower()
                score = fuzz.ratio(key, low, score_cutoff=cutoff)
                if not score or claimed.hits(a, b, spans):
                    continue
                single = width == 1 and b == m.end()
                if (single and low in source_words) or any(c.isdigit() for c in word):
                    continue
                if word.islower() and " " not in word and is_known(tcode, low):
                    continue  # a word of the target language
                found.append((score, a, b))
        taken: list[tuple[int, int]] = []
        for score, a, b in sorted(found, key=lambda f: (-f[0], f[1])):
            if not any(x < b and a < y for x, y in taken):
                taken.append((a, b))
                yield a, b, score

    def _case_variant(self, target: str, a: int, b: int, name: str) -> Finding:
        return self.flag(
            "target", a, b, target[a:b],
            f"'{target[a:b]}' differs from the name '{name}' only in capitalisation.",
            suggestion=name, score=100.0, severity=Severity.MINOR,
        )

    def _near_miss(self, target: str, a: int, b: int, name: str, score: float) -> Finding:
        text = target[a:b]
        if text.replace(" ", "").replace("-", "").lower() == name.lower():
            return self.flag(
                "target", a, b, text,
                f"'{text}' is the name '{name}' written with a space or hyphen.",
                suggestion=name, score=score, severity=Severity.MINOR,
            )
        return self.flag(
            "target", a, b, text,
            f"'{text}' looks like a misspelling of the name '{name}' "
            f"(similarity {score:.0f}).",
            suggestion=name, score=score,
        )

    # -- target only -------------------------------------------------------------

    def _target_only(
        self, target: str, dnt: Sequence[str], context: CheckContext
    ) -> Iterator[Finding]:
        if not dnt or not target:
            return
        spans = skip_spans(target)
        exact = _Cover(len(target), spans)
        for name in dnt:
            for a, b in _occurrences(target, name, False, spans):
                exact.add(a, b)
        by_low: dict[str, str] = {}
        for name in dnt:
            by_low.setdefault(name.lower(), name)
        choices = [k for k in by_low if _threshold(k) is not None and " " not in k]
        tcode = base(context.target_lang)
        for m in _ALNUM_RE.finditer(target):
            a, b, word = m.start(), m.end(), m.group()
            if exact.hits(a, b) or len(word) < 3:
                continue
            low = word.lower()
            hit = by_low.get(low)
            if hit is None and len(low) > 3 and low.endswith("s"):
                hit = by_low.get(low[:-1])  # an inflected case variant: Openais
                b2 = b - 1 if hit is not None else b
            else:
                b2 = b
            if hit is not None:
                if word[: b2 - a] != hit:
                    yield self._case_variant(target, a, b2, hit)
                continue
            if word.islower() and is_known(tcode, low) or any(c.isdigit() for c in word):
                continue
            best = _best_choice(low, tuple(choices))
            if best is not None:
                yield self._near_miss(target, a, b, by_low[best[0]], best[1])


@lru_cache(maxsize=65536)
def _best_choice(word: str, choices: tuple[str, ...]) -> tuple[str, float] | None:
    best = None
    for name, score, _ in process.extract(word, choices, scorer=fuzz.ratio, limit=5, score_cutoff=80):
        cutoff = _threshold(name)
        if cutoff is not None and score >= cutoff and (best is None or score > best[1]):
            best = (name, float(score))
    return best


CHECKS = [EntityCheck]

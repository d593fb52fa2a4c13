"""When a word the lexicon lacks is still a word: sibling forms of its paradigm, known
prefixes, compounds (is_known); the closest listed word (suggest)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Container, Mapping

from .. import morph
from ..lang import base
from .spelling_lexicon import Lexicon, dictionary


# --- morphology: sibling forms, prefixes, compounds -----------------------------------

_PARADIGMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "it": (
        ("o", "a", "i", "e"),
        ("are", "ato", "ata", "ati", "ate", "ando", "ava", "avano", "amento", "amenti",
         "azione", "azioni", "abile", "abili", "ante", "anti"),
        ("ere", "ire", "uto", "uta", "uti", "ute", "ito", "ita", "iti", "ite", "endo",
         "eva", "evano", "iva", "ivano", "ente", "enti", "imento", "imenti", "ibile",
         "ibili", "erà", "eranno", "irà", "iranno"),
        ("zione", "zioni"),
        ("ilità", "ile", "ili"),
        ("abilità", "abile", "abili", "are", "ato"),
        ("ibilità", "ibile", "ibili", "ere", "ire"),
        ("ività", "ivo", "iva", "ivi", "ive"),
        ("ità", "o", "a", "e"),
        ("mente", "o", "a", "e"),
        ("izzazione", "izzare", "izzato", "izzata", "ico", "ica", "ici", "iche"),
        ("ismo", "ista", "isti", "iste", "ico", "ica"),
    ),
    "es": (
        ("", "s", "es"),
        ("o", "a", "os", "as"),
        ("e", "es"),
        ("ar", "o", "as", "a", "amos", "áis", "an", "é", "aste", "ó", "aron", "aba",
         "aban", "ará", "arán", "aría", "arían", "ado", "ada", "ados", "adas", "ando",
         "ación", "aciones", "able", "e", "en", "emos"),
        ("er", "ir", "o", "es", "e", "emos", "imos", "éis", "en", "í", "iste", "ió",
         "ieron", "ía", "ían", "erá", "erán", "ería", "irá", "irán", "iría", "ido", "ida",
         "idos", "idas", "iendo", "ible", "a", "an", "amos"),
        ("ción", "ciones"),
        ("ón", "ones"),
        ("dad", "dades"),
        ("amente", "a", "o"),
    ),
    "pt": (
        ("", "s", "es"),
        ("o", "a", "os", "as"),
        ("e", "es"),
        ("ar", "o", "as", "a", "amos", "am", "ei", "ou", "aram", "ava", "avam", "ará",
         "arão", "aria", "ado", "ada", "ados", "adas", "ando", "ação", "ações", "ável"),
        ("er", "ir", "o", "es", "e", "emos", "imos", "em", "i", "eu", "iu", "eram",
         "iram", "ia", "iam", "erá", "erão", "iria", "ido", "ida", "idos", "idas", "endo",
         "indo", "ível"),
        ("ção", "ções"),
        ("dade", "dades"),
    ),
    "fr": (
        ("", "e", "s", "es"),
        ("er", "é", "ée", "és", "ées", "ant", "ation", "ations", "able", "ement"),
        ("ir", "i", "ie", "is", "ies", "issant", "issement"),
        ("tion", "tions"),
        ("eux", "euse", "euses"),
        ("if", "ive", "ifs", "ives"),
        ("al", "ale", "aux", "ales"),
    ),
    "en": (("", "s", "es"), ("y", "ies")),
    "de": (("", "e", "en", "er", "es", "n", "s", "em", "ern"),),
    "nl": (("", "e", "en", "s"),),
}

_PREFIXES: dict[str, tuple[str, ...]] = {
    "it": ("ri", "re", "pre", "post", "anti", "auto", "multi", "super", "iper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sotto", "sopra", "contro", "extra",
           "ultra", "tele", "bio", "eco", "geo", "neo", "dis", "co", "cyber", "nano",
           "mega", "giga", "tera", "euro", "video", "foto"),
    "es": ("re", "pre", "post", "anti", "auto", "multi", "super", "hiper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sobre", "contra", "extra", "ultra",
           "tele", "bio", "eco", "geo", "neo", "des", "co", "ciber", "nano", "mega"),
    "pt": ("re", "pré", "pós", "anti", "auto", "multi", "super", "hiper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sobre", "contra", "extra", "ultra",
           "tele", "bio", "eco", "geo", "neo", "des", "co", "ciber", "nano", "mega"),
    "fr": ("re", "ré", "pré", "post", "anti", "auto", "multi", "super", "hyper", "inter",
           "infra", "micro", "macro", "mini", "semi", "sur", "contre", "extra", "ultra",
           "télé", "bio", "éco", "géo", "néo", "dé", "dés", "co", "cyber", "nano", "méga"),
    "en": ("re", "pre", "post", "anti", "auto", "multi", "super", "hyper", "inter",
           "infra", "micro", "macro", "mini", "semi", "over", "under", "counter", "extra",
           "ultra", "tele", "bio", "eco", "geo", "neo", "dis", "un", "co", "cyber", "nano"),
}  # fmt: skip

#: Word forms per lemma in the lexicon from which a language counts as richly inflecting
#: (English 2.3, Dutch 3.0, German 3.3; French 6.7, Spanish 9.3, Russian 10.4): there a
#: word list cannot hold every form, so an unlisted ending on a listed stem is accepted.
RICH_INFLECTION = 5.0
#: letters at a word's end where, in such a language, a replaced letter is taken for
#: another inflection ending rather than a typo (a letter added or lost: the last one)
RICH_ENDING = 4
#: letters of a word's start always taken for its stem, however short the word
MIN_STEM = 4


def rich_ending(word: str) -> int:
    """The letters at the end of ``word`` taken for its inflection ending: up to
    :data:`RICH_ENDING`, leaving :data:`MIN_STEM` letters of stem ('déubt' is a slip
    in the stem of 'début', not another ending)."""
    return max(1, min(RICH_ENDING, len(word) - MIN_STEM))


def spelling_skip_reason(lang: str | None) -> str | None:
    """Why the spelling check cannot judge ``lang`` (None when it can).

    It needs a word list (pyspellchecker's) and a lexicon that knows the language's
    inflected forms (:mod:`reviewer.morph`) as a second opinion: a frequency list alone
    calls every rare inflection a misspelling."""
    code = base(lang)
    if not code:
        return "no target language given"
    if not morph.has_lexicon(code):
        if dictionary(code) is None:
            return "no dictionary for this language"
        return "no lexicon of inflected forms for this language"
    if not morph.cased_script(code):
        return "the script has no capitals: names cannot be told from misspellings"
    return None


def lexicon_only(lang: str | None) -> bool:
    """Whether ``lang`` is judged by its lexicon of inflected forms alone
    (:mod:`reviewer.morph`: Czech, Polish, Swedish, Turkish...), having no
    pyspellchecker word list. There a word is known when the lexicon lists it (or,
    in a compounding language, its parts), and flagged only in the shape of a typo:
    one edit from a listed form, outside the inflection ending."""
    return dictionary(lang) is None and morph.has_lexicon(lang)


_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb"})
_LINKS = ("s", "es", "n", "en", "er", "e")
_MIN_STEM = {"it": 4}
_ACUTE = str.maketrans("áéíóú", "aeiou")


#: English stems that take -es rather than -s (boxes, wishes, heroes)
_EN_ES_STEMS = ("s", "x", "z", "ch", "sh", "o")


def _paradigm_known(code: str, w: str, d: Mapping[str, int]) -> bool:
    """Whether ``w`` is another ending of a listed stem ('investimenti' beside
    'investimento'). A sibling the inflection lexicon (:mod:`reviewer.morph`) knows
    does not count: that lexicon lists its word's forms, and ``w`` is not one of them
    ('habn' is no form of 'haben', 'headlins' none of 'headlines')."""
    min_stem = _MIN_STEM.get(code, 3)
    lex = morph.has_lexicon(code)
    for group in _PARADIGMS.get(code, ()):
        for suf in group:
            if not w.endswith(suf):
                continue
            stem = w[: len(w) - len(suf)]
            if len(stem) < min_stem:
                continue
            if code == "en" and suf == "es" and not stem.endswith(_EN_ES_STEMS):
                continue  # English writes -es after a sibilant or -o only ('stirkes')
            for alt in group:
                if alt != suf and stem + alt in d and not (lex and morph.is_known(stem + alt, code)):
                    return True
    return False


#: Languages that write some compounds closed without linking letters
#: ('homeware', 'shopfloor'): two listed words of 4+ letters make a word
_CLOSED_COMPOUNDS = frozenset({"en"})


def _two_words(w: str, d: Mapping[str, int]) -> bool:
    """True when ``w`` is two listed words of four letters or more, written together."""
    return len(w) >= 8 and any(w[:i] in d and w[i:] in d for i in range(4, len(w) - 3))


def _compound_known(w: str, d: Container[str]) -> bool:
    """True when ``w`` splits into two or more known words of 4+ letters, with the
    usual linking elements between them and an inflection ending after the last."""
    n = len(w)
    if n < 8:
        return False
    ok = [False] * (n + 1)
    ok[0] = True
    parts = [0] * (n + 1)
    for i in range(n - 3):
        if not ok[i]:
            continue
        for j in range(i + 4, n + 1):
            piece = w[i:j]
            hit = piece in d
            if not hit and j < n:
                hit = any(
                    piece.endswith(k) and len(piece) - len(k) >= 4 and piece[: -len(k)] in d
                    for k in _LINKS
                )
            if hit and (not ok[j] or parts[j] < parts[i] + 1):
                ok[j] = True
                parts[j] = max(parts[j], parts[i] + 1)
    if ok[n] and parts[n] >= 2:
        return True
    for end in ("s", "es", "n", "en", "e", "er", "em", "ern"):
        k = n - len(end)
        if w.endswith(end) and ok[k] and parts[k] >= 2:
            return True
    return False


def _known_uncached(code: str, w: str, d: Mapping[str, int]) -> bool:
    if w in d or _paradigm_known(code, w, d):
        return True
    if code == "es":
        # the Spanish list lacks most accented inflections (está, acelerará)
        plain = w.translate(_ACUTE)
        if plain != w and (plain in d or _paradigm_known(code, plain, d)):
            return True
    for p in _PREFIXES.get(code, ()):
        rest = w[len(p):]
        if w.startswith(p) and len(rest) >= 5 and (rest in d or _paradigm_known(code, rest, d)):
            return True
    if code in _COMPOUNDING and _compound_known(w, d):
        return True
    if code in ("it", "es", "pt"):
        # enclitic pronouns: accelerarne, farlo, dándole
        for c in ("gliela", "glielo", "gliene", "glie", "mele", "sene", "gli", "lo", "la",
                  "li", "le", "ne", "si", "ci", "vi", "mi", "ti", "se", "me", "te", "nos", "les",
                  "los", "las", "lhe"):  # fmt: skip
            if w.endswith(c) and len(w) - len(c) >= 5:
                stem = w[: -len(c)]
                if stem in d or stem + "e" in d:
                    return True
    return False


_VERDICTS: dict[str, dict[str, bool]] = {}
_BY_LANG: dict[str | None, tuple[str, Lexicon | None, dict[str, bool]]] = {}


def is_known(lang: str | None, word: str) -> bool:
    """True when the lowercase ``word`` is a word of ``lang`` (verdicts cached for the
    process, per language); True for every word when the language has no
    dictionary."""
    try:
        code, d, cache = _BY_LANG[lang]
    except KeyError:
        code = base(lang)
        d = dictionary(code)
        cache = _VERDICTS.setdefault(code, {})
        _BY_LANG[lang] = (code, d, cache)
    if d is None:
        return True
    v = cache.get(word)
    if v is None:
        v = _known_uncached(code, word, d)
        if len(cache) > 500_000:
            cache.clear()
        cache[word] = v
    return v


@lru_cache(maxsize=65536)
def suggest(lang: str | None, word: str) -> tuple[str, int] | None:
    """The likeliest correction of the lowercase ``word`` and its edit distance (1 or
    2), or None.

    Distance 1 (one deletion, insertion, substitution or swap of neighbours, as
    pyspellchecker counts it): every dictionary word that far, those with the same
    first letter first (a typo seldom hits the first letter: 'brder' is 'border'
    rather than 'order'), then two neighbours swapped ('teh' / 'the'), then those
    with the same last letter, then the most frequent (then the last
    alphabetically). Distance 2 (words of 5+ letters with none at
    distance 1): dictionary words of the same first letter and a length within two,
    the most frequent at the least distance (then the first alphabetically). Words
    of 3-20 letters only."""
    code = base(lang)
    d = dictionary(code)
    if d is None or len(word) > 20 or len(word) < 3:
        return None
    cands = _distance_1(d, word)
    if cands:
        first, last = word[0], word[-1]
        return max(cands, key=lambda c: (c[:1] == first, _swap_of(word, c), c[-1:] == last,
                                         d[c], c)), 1
    if len(word) < 5:
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    n, first = len(word), word[0]
    best: tuple[int, int, str] | None = None
    for m in range(n - 2, n + 3):
        for cand, dist, _ in process.extract(
            word, d.words(first, m), scorer=Levenshtein.distance, score_cutoff=2,
            limit=None,
        ):
            key = (int(dist), -d.get(cand, 0), cand)
            if best is None or key < best:
                best = key
    if best is None:
        return None
    return best[2], best[0]


def _swap_of(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


def _distance_1(d: Lexicon, word: str) -> set[str]:
    """The dictionary words one edit from ``word`` (pyspellchecker's
    ``edit_distance_1`` intersected with the dictionary, without generating the
    ~2,000 strings): those with the same first letter by an OSA-distance scan of
    their (first letter, length) buckets, the others by the edits of the first
    letter."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    out: set[str] = set()
    n, first = len(word), word[0]
    for m in (n - 1, n, n + 1):
        for alpha in (True, False):
            for cand, _, _ in process.extract(
                word, d.words(first, m, alpha), scorer=OSA.distance, score_cutoff=1,
                limit=None,
            ):
                out.add(cand)
    rest = word[1:]
    edits = [rest]
    if n > 1:
        edits.append(word[1] + word[0] + word[2:])
    for c in d.letters:
        edits.append(c + rest)
        edits.append(c + word)
    out.update(d.known(edits))
    out.discard(word)
    return out

"""What a slip looks like, for the spelling check: one edit inside a listed word,
not in its first letter, not only in its last (a typo's shape), against what a name,
a source word in another script, a reduplication or a word said twice looks like."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .. import morph
from .spelling_lexicon import dictionary
from .spelling_morphology import is_known, suggest
from .spelling_tokens import Word

__all__ = ["INITIAL_MIN_LENGTH", "NAME_ENDING"]


#: the shortest sentence-initial capitalised word judged by a slip inside it
INITIAL_MIN_LENGTH = 6


def _initial_typo(code: str, low: str) -> bool:
    """Whether the lowercase form of a capitalised sentence-initial word has the
    shape of a slip rather than of a name: two neighbouring letters of a listed
    word swapped ('Teh'), or, in a word of :data:`INITIAL_MIN_LENGTH` letters or
    more, one edit inside a form the inflection lexicon lists, away from its first
    and last letters ('Riducando' for 'Riducendo'). Names differ from listed words
    at their ends ('Ronaldo' / 'Ronald', 'Hammel' / 'Hammer', 'Zinke' / 'Minke')."""
    if _swapped_word(code, low):
        return True
    if len(low) < INITIAL_MIN_LENGTH or _word_known_code(code, low):
        return False
    hit = suggest(code, low)
    return (hit is not None and hit[1] == 1 and _interior_edit(low, hit[0])
            and morph.is_known(hit[0], code))


def _interior_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` (one edit apart) differ away from the first and the
    last letter of each."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    q = 0
    while q < min(len(a), len(b)) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return p >= 1 and q >= 1


def _swapped_word(code: str, low: str) -> bool:
    """Whether swapping two neighbouring letters of ``low`` (not the first) gives a
    word of the list of ``code`` ('teh' / 'the')."""
    d = dictionary(code)
    if d is None or len(low) < 3 or _word_known_code(code, low):
        return False
    return any(
        low[:i] + low[i + 1] + low[i] + low[i + 2:] in d
        for i in range(1, len(low) - 1) if low[i] != low[i + 1]
    )


def _word_known_code(code: str, low: str) -> bool:
    return is_known(code, low) or morph.is_known(low, code)


def _typo_of_listed(code: str, low: str) -> bool:
    """Whether ``low`` is one edit from a listed word, away from its first and last
    letters ('determind' / 'determined'; not 'homeware' / 'homeward')."""
    hit = suggest(code, low)
    return hit is not None and hit[1] == 1 and _interior_edit(low, hit[0])


def _typo_shape(low: str, sugg: str, rich: bool = False) -> bool:
    """Whether ``sugg`` is a correction a typo of ``low`` suggests: the same first
    letter (another first letter makes another word: 'hoggery' / 'toggery',
    'nighters' / 'fighters'), and not only another last letter (another ending or
    derivation: 'hoggery' / 'hogger'); two last letters swapped are a slip. In a
    richly inflecting language the word's own shape was judged already (one edit
    from a listed form outside its ending), and the list's nearest word may well
    have another ending: only the first letter counts."""
    if sugg[:1] != low[:1]:
        return False
    if rich or low[-1:] == sugg[-1:]:
        return True
    n = len(low)
    return n == len(sugg) and n >= 2 and low[-2:] == sugg[-1:-3:-1] and low[:-2] == sugg[:-2]


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """A word in plain lowercase ASCII letters (anyascii): the same name in any
    script or with any accents ('Зинке', 'Zinke'; 'Séoul', 'Seoul')."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(word).lower() if c.isalpha())


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in map(_fold, words) if len(f) >= 3)


#: letters of a case ending a language may put on a name of the source ('Holts',
#: 'Gerrards', 'Jacobsin')
NAME_ENDING = 3


def _from_source(low: str, folded: frozenset[str], cap: bool) -> bool:
    """Whether the lowercase ``low`` is a word of the source, compared in plain
    ASCII (:func:`_fold`); a capitalised word (a name) also with up to
    :data:`NAME_ENDING` letters of a case ending on a source word of 4+ letters
    ('Holts', 'Gerrards'). Not a lowercase word with another ending: a typo near
    its end would pass ('clas' for the source's 'class')."""
    f = _fold(low)
    if f in folded:
        return True
    n = len(f)
    if not cap or n < 5:
        return False
    return any(f[:k] in folded for k in range(max(4, n - NAME_ENDING), n))


def _twice(text: str, word: str) -> bool:
    """Whether ``word`` stands twice as a whole word in ``text`` (any case)."""
    low = text.lower()
    w = word.lower()
    i = low.find(w)
    if i < 0 or low.find(w, i + len(w)) < 0:
        return False
    return len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", low)) >= 2


def _hyphen_part_skipped(text: str, w: Word) -> bool:
    """Whether ``w``, a part of a hyphenated word, is not judged alone: a repeated
    part (reduplication: 'jalan-jalan', 'врешті-решт'), or a part before a hyphen
    and a space (a suspended compound: 'sports- og sosiale')."""
    before = w.start > 0 and text[w.start - 1] in "-\u2010"
    after = text[w.end:w.end + 1] in ("-", "\u2010")
    if not before and not after:
        return False
    if after and text[w.end + 1:w.end + 2] in ("", " ", "\u00a0"):
        return True
    a = w.start
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "-\u2010"):
        a -= 1
    b = w.end
    while b < len(text) and (text[b].isalnum() or text[b] in "-\u2010"):
        b += 1
    low = w.text.lower()
    others = [p for p in re.split("[-\u2010]", text[a:b].lower()) if p and p != low]
    if len(others) + 1 < len(re.split("[-\u2010]", text[a:b].strip("-\u2010"))):
        return True  # the same part twice: 'jalan-jalan'
    return any(low in p or p in low for p in others if len(p) >= 3)  # 'врешті-решт'

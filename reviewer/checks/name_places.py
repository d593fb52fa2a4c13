"""Country, region and language names (CLDR, through Babel) recognised in any form
and found again in another language.

A source word names a place when it is a CLDR territory or language name of the
source language, as written, as the lexicon's lemma (:mod:`reviewer.morph`) or by
coarse skeleton (:mod:`reviewer.checks.name_sound`) with an inflectional ending
(Ukrainian ``Великобританії`` = CLDR ``Велика Британія``). The place is in a
translation when a word starts like one of its CLDR names in the target language, or
the target has its ISO code or the initials of a CLDR name of several words (``UK``
for ``United Kingdom``, ``US``: CLDR's own short forms, which Babel does not carry).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import cldr, morph
from .name_sound import coarse_key

__all__ = ["place_codes", "place_found"]

_WORDS_RE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=64)
def _coarse_index(lang: str | None) -> dict[str, frozenset[str]]:
    """CLDR country and region names of ``lang`` by coarse skeleton of the name
    written as one word (skeletons of six classes or more)."""
    out: dict[str, set[str]] = {}
    for name, keys in cldr.place_keys(lang).items():
        k = coarse_key(name.replace(" ", "").replace("-", ""))
        if len(k) >= 6:  # shorter skeletons name too many other things (Donald: Udmurt)
            out.setdefault(k, set()).update(x for x in keys if x.startswith("t:"))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def place_codes(word: str, lang: str | None) -> frozenset[str]:
    """The CLDR codes (``t:GB``, ``l:en``) that ``word`` of ``lang`` names, in any
    form; empty when it names none."""
    table = cldr.place_keys(lang)
    low = word.lower()
    keys = table.get(low)
    if keys:
        return keys
    lem = morph.lemma(low, lang) if " " not in low else None
    if lem and table.get(lem):
        return table[lem]
    index = _coarse_index(lang)
    k = coarse_key(low.replace(" ", ""))
    for cut in (0, 1, 2):  # an inflectional ending of up to two consonant classes
        hit = index.get(k[: len(k) - cut]) if len(k) - cut >= 6 else None
        if hit:
            return hit
    return frozenset()


def place_found(keys: frozenset[str], text: str, lang: str | None) -> bool | None:
    """Whether ``text`` in ``lang`` names the places ``keys``: a word starting like
    a word of one of their CLDR names there (four letters; two in scripts without
    spaces), their ISO code, or the initials of a name of several words. ``None``
    when CLDR has no names for ``lang`` (not judged)."""
    forms = cldr.place_forms(keys, lang)
    if not forms:
        return None
    low = text.lower()
    for form in forms:
        words = _WORDS_RE.findall(form)
        for w in words:
            if w[0] >= "\u2e80" or "\u0e00" <= w[0] <= "\u0eff":  # CJK, Thai: no spaces
                stem = w[:2]
            elif len(w) >= 4:
                stem = w[:4]
            else:
                continue
            if stem in low:
                return True
        if len(words) >= 2:
            initials = "".join(w[0] for w in words if len(w) > 2).upper()
            if len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}\b", text.replace(".", "")):
                return True
    for key in keys:
        code = key[2:]
        if key.startswith("t:") and code.isalpha() and re.search(rf"\b{code}\b", text.replace(".", "")):
            return True
    return False

"""A coarse phonetic skeleton of a name, to find it again in any script.

:func:`reviewer.checks.names.translit_key` keeps many consonant distinctions; the
skeleton here keeps only classes of consonants that transliterations into other
scripts confuse, so a name survives the vowel changes, respellings and endings of
another language: after transliteration to ASCII (anyascii) the consonants fall into
six classes (``b``: b p v f; ``k``: c k q g x kh; ``t``: d t; ``s``: s z ts sh ch j
zh dz; ``r``: l r; ``n``: m n), vowels, ``h``, ``w`` and ``y`` are dropped and doubled
classes merged. ``Washington`` = ``วอชิงตัน`` = ``워싱턴``; ``Chelsea`` = ``צ׳לסי``;
``Gerrard`` = ``Τζέραρντ``.

A Latin-script name has more than one reading (:func:`coarse_readings`): as written;
with an ``r`` before a consonant or at the end silent, as English names come into
Korean, Japanese, Thai and Chinese (``Harvard`` = ``하버드``, ``Reuters`` = ``로이터``);
with ``g`` before ``e``/``i``/``y`` soft (``Rangers`` = ``Ρέιντζερς``);.

:func:`coarse_found` says whether a text holds a word with a skeleton close to one of
a name's: equal, the same with an ending or particle of up to two consonant classes
(Korean ``워싱턴에서``), or one class apart when long enough.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

__all__ = ["coarse_key", "coarse_readings", "coarse_found", "word_keys"]

#: Hebrew letters with a geresh for sounds Hebrew has no letter for (ג׳ = j, צ׳ = ch,
#: ז׳ = zh, ת׳ = th); typesetters write the geresh as an apostrophe or a quotation mark.
_GERESH_RE = re.compile("([גזצת])[\u05f3'\u2018\u2019]")
_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ת": "th"}
#: Greek digraphs for sounds Greek has no letter for.
_GREEK = (("γι", "y"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"), ("τζ", "j"), ("τσ", "ts"),
          ("ου", "u"), ("χ", "h"))  # fmt: skip
_FOLDS = (
    ("tch", "s"), ("tsh", "s"), ("dzh", "s"), ("sch", "s"), ("sh", "s"), ("ch", "s"),
    ("zh", "s"), ("dz", "s"), ("ts", "s"), ("tz", "s"), ("dj", "s"), ("dg", "s"), ("ph", "f"),
    ("th", "t"), ("kh", "k"), ("ck", "k"), ("qu", "k"), ("x", "ks"),
)  # fmt: skip
_CLASSES = str.maketrans("pvfcqgxdzjlm", "bbbkkkktssrn", "aeiouwyh")
#: a silent ``gh`` (Willoughby, Hugh) and a soft ``c`` (Celesio = Селесио): also
#: :func:`reviewer.checks.names.translit_key`'s
SILENT_GH = re.compile(r"(?<=[aeiou])gh(?![aeiou])")
SOFT_C = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"g(?=[eiy])")
_NON_RHOTIC = re.compile(r"(?<=[aeiouy])r+(?![aeiouy])")
_DOUBLE_RE = re.compile(r"(.)\1+")


def _ascii(word: str) -> str:
    from anyascii import anyascii

    low = word.lower()
    if any("\u0590" <= c <= "\u05ff" for c in low):
        low = _GERESH_RE.sub(lambda m: _GERESH[m.group(1)], low)
        low = low.replace("ו", "").replace("י", "")  # vav and yod write vowels in names
    if any("\u0370" <= c <= "\u03ff" for c in low):
        low = unicodedata.normalize("NFD", low)
        low = "".join(c for c in low if not unicodedata.combining(c))
        for x, y in _GREEK:
            low = low.replace(x, y)
    return re.sub(r"[^a-z]", "", anyascii(low).lower())


def _classes(a: str) -> str:
    a = SILENT_GH.sub("", a)
    a = SOFT_C.sub("s", a)
    for x, y in _FOLDS:
        a = a.replace(x, y)
    return _DOUBLE_RE.sub(r"\1", a.translate(_CLASSES))


@lru_cache(maxsize=65536)
def coarse_key(word: str) -> str:
    """The coarse consonant skeleton of ``word`` in any script (module docstring)."""
    return _classes(_ascii(word))


@lru_cache(maxsize=65536)
def coarse_readings(word: str) -> tuple[str, ...]:
    """The skeletons of ``word``: as written and, for a word in the Latin script, with
    a silent ``r`` after a vowel, a soft ``g`` and a silent initial ``h``."""
    a = _ascii(word)
    out = [_classes(a)]
    if word[:1].isascii():
        for alt in (_NON_RHOTIC.sub("", a), _SOFT_G.sub("j", a)):
            k = _classes(alt)
            if k and k not in out:
                out.append(k)
    return tuple(k for k in out if k)


#: A word: letters with their combining marks and zero-width joiners.
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u200c\u200d"
                      r"\u05f3'\u2018\u2019](?=[^\W\d_]))*")
#: Hebrew one-letter prefixes (and, that, the, in, to, from, as) and the Arabic
#: article and prefixes written onto a word.
HEBREW_PREFIXES = "ושהבלמכ"
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


def word_keys(text: str, capitalised: bool) -> list[str]:
    """The skeletons of the words of ``text`` (of its capitalised words only, when
    asked), with the variants a word's prefixes give (Hebrew ``לצ׳לסי``, Arabic
    ``والدوحة``)."""
    out: list[str] = []
    for m in _WORD_RE.finditer(text):
        w = m.group()
        if capitalised and not w[0].isupper():
            continue
        out.extend(coarse_readings(w))
        if w[0] in HEBREW_PREFIXES and len(w) > 3:
            out.append(coarse_key(w[1:]))
            if w[1] in HEBREW_PREFIXES and len(w) > 4:
                out.append(coarse_key(w[2:]))
        elif "\u0600" <= w[0] <= "\u06ff":
            for p in _ARABIC_PREFIXES:
                if w.startswith(p) and len(w) - len(p) >= 3:
                    out.append(coarse_key(w[len(p):]))
                    break
    return [k for k in out if k]


def close(p: str, k: str) -> bool:
    """Whether a name's skeleton ``p`` and a word's skeleton ``k`` match: equal; from
    three classes, the word longer by an ending or particle of up to two classes; the word short of the
    name's last class (a final consonant left unwritten, three classes or more); or,
    from four classes, one class apart."""
    if p == k:
        return True
    if len(p) >= 3 and k.startswith(p) and len(k) - len(p) <= 2:
        return True
    if len(k) >= 3 and p.startswith(k) and len(p) - len(k) == 1:
        return True
    return min(len(p), len(k)) >= 4 and Levenshtein.distance(p, k) <= 1


_ABJAD_RE = re.compile("[\u0590-\u06ff\u0750-\u077f]")


def coarse_found(name: str, text: str, cased: bool, joined: bool = False) -> bool:
    """Whether ``text`` holds ``name`` by coarse skeleton (:func:`close`), one word of
    the name being enough (its longest skeleton, or its last word's); ``cased``: only
    capitalised words of ``text`` count; ``joined``: the text writes no spaces
    between words (Thai, Japanese), so a skeleton of three classes or more may sit
    anywhere in the skeleton of the whole text."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if not words:
        return True
    per_word = [coarse_readings(w) for w in words]
    firsts = [r[0] for r in per_word if r]
    if not firsts:
        return True
    if len(words) > 1:
        longest = max(range(len(words)), key=lambda i: len(per_word[i][0]) if per_word[i] else 0)
        chosen = {longest, len(words) - 1}
        per_word = [per_word[i] for i in sorted(chosen)]
    # vowels unwritten (Arabic, Hebrew): two classes match ordinary words too often
    # (Moll = أمر, matter): only longer skeletons are looked for there
    least = 3 if _ABJAD_RE.search(text) else 2
    probes = {k for r in per_word for k in r if len(k) >= least}
    if not probes:
        return not any(len(k) >= 2 for r in per_word for k in r)  # too short to look for
    keys = word_keys(text, cased)
    if any(close(p, k) for p in probes for k in keys):
        return True
    if joined:
        whole = coarse_key(text)
        return any(len(p) >= 3 and p in whole for p in probes)
    return False

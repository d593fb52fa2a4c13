"""Inflection knowledge for term matching: which text word stands for which glossary word.

Two sources, chosen per language by ``benchmarks/bench_morphology.py`` (see its
docstring for the figures):

* **a lexicon of inflected forms** (simplemma via :mod:`reviewer.morph`, ~50 languages):
  a text word and a glossary word are the same term word when the lexicon knows both and
  gives them the same lemma (``центров``/``центр``, ``mieście``/``miasto``,
  ``pankin``/``pankki``, ``Häuser``/``Haus``). Two known words with different lemmas are
  different words even when one starts with the other: derivation is not inflection
  (``scalable`` is not ``scaling``, ``potenziale`` is not ``potenziare``).
* **ending rules** (the tables below) for a word the lexicon does not know (a new
  term, a name, a rare form) and for languages without a lexicon: a stem and the
  endings (or a number of characters) that may follow it. They are hand-written, and
  remain because the benchmark measures them as the better fallback for unknown words
  than the Snowball stemmers or simplemma's own guessing rules (see
  ``bench_morphology.py``).

:func:`morph_for` gives the :class:`Morph` of a language: its key function (the lemma
of a known word), endings and whether it writes compounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import morph as _morph
from .normalize import token_shape
from .paradigms import MIN_STEM as _PARA_MIN, Paradigms, table as _paradigm_table

__all__ = ["Morph", "morph_for", "threshold_for", "word_key"]

_STRIP: dict[str, tuple[str, ...]] = {
    "en": ("ing", "ed", "es", "s", "e", "y"),
    "it": ("are", "ere", "ire", "i", "e", "a", "o"),
    "es": ("ar", "er", "ir", "as", "os", "es", "a", "o", "e", "s"),
    "pt": ("ar", "er", "ir", "as", "os", "es", "a", "o", "e", "s"),
    "ca": ("ar", "er", "ir", "es", "a", "o", "e", "s"),
    "fr": ("er", "ir", "re", "es", "e", "s", "x"),
    "ro": ("are", "ere", "ire", "a", "e", "i", "u"),
    "de": ("en", "e", "um", "us", "a"),
    "nl": ("en", "e", "s"),
    "sv": ("ar", "er", "or", "en", "a", "e"),
    "da": ("er", "en", "e"),
    "nb": ("er", "en", "e"),
    "no": ("er", "en", "e"),
    "pl": ("a", "y", "i", "e", "u", "o"),
    "cs": ("a", "y", "i", "e", "u", "o"),
    "ru": ("а", "я", "ы", "и", "е", "о", "у", "ь"),
    "uk": ("а", "я", "и", "і", "е", "о", "у", "ь"),
}
_DEFAULT_STRIP: tuple[str, ...] = ("e", "a", "o", "i", "s")
_MAX_EXTRA: dict[str, int] = {"pl": 4, "cs": 4, "ru": 4, "uk": 4, "sv": 4, "da": 4, "nb": 4, "no": 4}
# Inflectional endings that may follow a stem, where known: a closed list keeps
# "potenziale" (potential) from matching "potenziare" (to scale up).
_IT_END = """a e i o are ere ire iamo ate ete ite ano ono ato ata ati uto uta uti ute ito ita iti
    ando endo amento amenti imento imenti azione azioni ava avano eva evano erà eranno
    irà iranno abile abili ibile ibili iamo ò ì amo emo imo avo avi avamo ai eranno
    ano ino ono""".split()
_ES_END = """a o e s as os es ar er ir ado ada ados adas ido ida idos idas ando iendo amiento
    amientos imiento imientos ación aciones ición iciones able ables ible ibles amos emos
    imos an en ó ió ía aba aban ará erá irá ão ões ção ções ável áveis ível íveis ou am
    em ndo""".split()
_FR_END = """e es s x er ir re é ée és ées i ie is it ant ent ons ez ait aient ement ements
    ation ations eur eurs able ables era eront""".split()
_EN_END = """s es ed d ing e er ers ies ied y ment ments able ability ation ations""".split()
_DE_END = """e en em er es n s ns ens nen um ums us a ern t te ten tes ter st end ende enden
    ung ungen""".split()
_ENDINGS: dict[str, frozenset[str]] = {
    "it": frozenset(_IT_END), "es": frozenset(_ES_END), "pt": frozenset(_ES_END),
    "ca": frozenset(_ES_END), "gl": frozenset(_ES_END), "fr": frozenset(_FR_END),
    "en": frozenset(_EN_END), "de": frozenset(_DE_END), "nl": frozenset("e en s er ers t te ten d de den".split()),
}
_DEFAULT_MAX_EXTRA = 3
_COMPOUND_LANGS = frozenset({"de", "nl", "sv", "da", "nb", "nn", "no", "is", "fi", "et", "af", "lb"})
_THRESHOLDS: dict[str, float] = {"de": 88.0, "fi": 88.0, "hu": 88.0, "nl": 87.0, "sv": 87.0}
_DEFAULT_THRESHOLD = 85.0
_NAME_SUFFIXES = ("s", "es")
_MIN_STEM = 4
_COMPOUND_MIN_REST = 3
_NO_LIMIT = 99


@lru_cache(maxsize=256)
def _lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def threshold_for(lang: str | None) -> float:
    """The fuzzy similarity threshold (0-100) for near misses in ``lang``: 85, higher
    for languages with long compounds (German 88), where ``ratio`` is lenient."""
    return _THRESHOLDS.get(_lang(lang), _DEFAULT_THRESHOLD)


def _stem(tok: str, orig_tok: str, lang: str) -> tuple[str, int]:
    """``(stem, max_extra)``; max_extra -1 means: only a name suffix (``s``) may follow
    (names, acronyms, short words, numbers)."""
    shape = token_shape(orig_tok)
    if len(tok) <= 3 or shape in ("allcaps", "mixed") or any(c.isdigit() for c in tok):
        return tok, -1
    if len(tok) == 1 or not tok[0].isalpha():
        return tok, -1
    for suf in _STRIP.get(lang, _DEFAULT_STRIP):
        if tok.endswith(suf) and len(tok) - len(suf) >= _MIN_STEM:
            return tok[: -len(suf)], _MAX_EXTRA.get(lang, _DEFAULT_MAX_EXTRA)
    return tok, _MAX_EXTRA.get(lang, _DEFAULT_MAX_EXTRA)


# ------------------------------------------------------------------ lexicon keys

# languages that capitalise their nouns: a folded text word is looked up capitalised
# first ("haus" is the noun Haus, not the verb hausen)
_NOUN_CAPS = frozenset({"de", "lb"})

# How words the lexicon does not know are compared, and whether a text word's lemma may
# be followed one step further (a participle to its verb: "расположена" -> "расположенный"
# -> "расположить"), chosen per language with `bench_morphology.py --configs` (UD test
# treebanks; recall / false matches of single words, phrase recall; the best recall
# with false matches <= 1%):
#   ru: no chain, snowball      0.963 / 0.69%, 0.961 (chain: 0.974 / 1.03%; ending rules 0.946;
#       before _ADJECTIVE_LEMMAS below 0.960 / 0.60%, phrases 0.947)
#   pl: chain, guess|suffix     0.936 / 0.40%, 0.919 (snowball 0.933 / 0.35%; no chain 0.913;
#       before _ADJECTIVE_LEMMAS 0.934 / 0.38%, phrases 0.906)
#   fi: chain, guess|snowball   0.890 / 0.53%, 0.868 (snowball 0.822; ending rules 0.803)
#       (0.911 / 0.88% with the ending changes below. Of the 344 misses left, 132 are
#       forms the lexicon lacks, mostly colloquial ("mee", "menis"), 117 forms it takes
#       for lemmas of their own and 95 forms filed under another lemma, mostly
#       participles and comparatives ("tuleva", "vaativan", "tiukempia": UD files them
#       under the verb or base adjective). Relating the text word's lemma to the entry
#       by an attested ending change gave 0.922 / 2.16%; restricted to participle and
#       comparative endings 0.919 / 1.10%: neither kept. `bench_morphology.py --show`.)
#   tr: no chain, guess|snowball 0.960 / 0.82%, 0.977 (snowball 0.952 / 0.68%; before
#       _DERIVATIONS below, no setting was under 1%: 3.82% at best)
# "snowball": equal Snowball stems; "guess": the text word's simplemma lemma, its
# guessing rules included, is the glossary word; "a|b": a, else b; "suffix": the
# ending rules above; "+stem": equal Snowball stems also overrule the lexicon (recall
# ru 0.978, pl 0.959, but false matches 5.4% and 1.7%: Snowball conflates derived
# words, "часть"/"частые", so no language uses it). Languages not measured keep the ending rules as fallback, with
# the chain (it raised recall in all four languages).
_FALLBACK: dict[str, tuple[bool, str]] = {
    "ru": (False, "snowball"), "pl": (True, "guess|suffix"), "fi": (True, "guess|snowball"),
    "tr": (False, "guess|snowball"),
}
_DEFAULT_FALLBACK = (True, "suffix")
# Derivational suffixes a lexicon files under the root: simplemma's Turkish lexicon
# gives "yürekli" (brave), "isteksiz" (unwilling), "yalnızlık" (loneliness), "oyuncu"
# (player) the lemmas "yürek", "istek", "yalnız", "oyun"; a word that is the shared
# lemma plus one of these is another word. (bench_morphology, tr: false matches 3.82%
# -> 0.68% at the same setting, recall 0.952 both; hand-written because no library
# here lists derivations.)
# Dictionary endings of adjectives (masculine; feminine, neuter, plural): the lexicon
# keeps one reading of an ambiguous form, often a noun made from the adjective
# ("главного" -> "главное", "столовую" -> "столовая"), so the adjective term
# "главный" missed it; a masculine glossary adjective and a text lemma that differs
# only by a feminine, neuter or plural ending are one adjective. (bench_morphology,
# ru: phrase recall 0.947 -> 0.961, single words 0.960 -> 0.963, false 0.60 -> 0.69%.)
_ADJECTIVE_LEMMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ru": (("ый", "ий", "ой"), ("ое", "ее", "ая", "яя", "ые", "ие")),
    "pl": (("y", "i"), ("a", "e")),
}
_DERIVATIONS: dict[str, tuple[str, ...]] = {
    "tr": tuple(
        "lı li lu lü sız siz suz süz lık lik luk lük lığ liğ luğ lüğ "
        "cı ci cu cü çı çi çu çü".split()
    ),
}
# Regular inflections a lexicon files under separate lemmas: English "-ing" and "-ed"
# forms are also nouns and adjectives in the lexicon ("scaling", "scaled"), so a verb
# entry "scale" would not match them; a form word's stem plus one of these endings is
# an inflection even when the lexicon gives the two words different lemmas.
# (Derivational endings, "-able", "-ment", "-ation", are not here: "scalable" stays
# another word.)
# German and Dutch "-s" plurals and genitives of loanwords ("Jobs", "Services") are
# often missing from the lexicon, which then takes them for words of their own.
_INFLECTION_ONLY: dict[str, frozenset[str]] = {
    "en": frozenset("s es ed d ing ings ies ied".split()),
    "de": frozenset(("s", "es")),
    "nl": frozenset(("s",)),
}
# Languages whose ending changes (.paradigms) are not used: simplemma's Turkish lexicon
# files derived words under their root ("yürekli" under "yürek"), so the changes it
# attests include derivations (bench_morphology, tr: false matches 0.82% -> 3.27%,
# recall 0.960 -> 0.973). Measured with them: ru 0.963 / 0.69% -> 0.970 / 0.86%
# (phrases 0.961 -> 0.982), pl 0.937 / 0.45% -> 0.962 / 0.85%, fi 0.890 / 0.59% ->
# 0.911 / 0.88%.
_NO_ANALOGY = frozenset({"tr"})
# Languages whose ending changes serve one case only: a glossary word that is a
# dictionary form of its own and that the lexicon also files, as a form, under another
# lemma, and a text word filed under that other lemma ("registrado", an adjective, and
# a form of "registrar"; the text's "registrados" goes to "registrar" only): the text
# word is the glossary word's own inflection when an attested ending change relates
# them ("usuarios registrados" for "usuario registrado"; not "registra", the verb).
# Spanish has no test treebank here to measure the full analogy on, so only this
# narrow case uses its table (tests/test_terms_es_ru.py).
_FAMILY_ANALOGY = frozenset({"es"})
_SNOWBALL = {"ru": "russian", "fi": "finnish", "pl": "polish", "tr": "turkish"}
_NO_KEYS: frozenset[str] = frozenset()
_MEMO_MAX = 1 << 18


@lru_cache(maxsize=1 << 18)
def _key(tok: str, code: str) -> str | None:
    if len(tok) < 2 or not tok.isalpha():
        return None
    if code in _NOUN_CAPS:
        cap = tok[0].upper() + tok[1:]
        if _morph.is_known(cap, code):
            return _norm((_morph.lemma(cap, code) or tok).lower())
    if _morph.is_known(tok, code):
        return _norm(_morph.lemma(tok, code) or tok)
    return None


def _norm(key: str) -> str:
    """A lemma as keys compare it: Cyrillic "ё" as "е", as Russian usually writes it
    (the lexicon has "тёмный" and "темный" as two lemmas)."""
    return key.replace("ё", "е") if "ё" in key else key


def word_key(tok: str, lang: str | None) -> str | None:
    """The lemma of folded word ``tok`` when ``lang``'s lexicon knows the word, else
    None (unknown word, or no lexicon for the language)."""
    code = _morph.lexicon_lang(lang)
    return None if code is None else _key(tok, code)


@lru_cache(maxsize=None)
def _stemmer(lang: str) -> Any:
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer(_SNOWBALL[lang])


@dataclass(frozen=True, slots=True)
class Morph:
    """What term matching knows of one language's words.

    ``lexicon``: the lexicon code (None: ending rules only); ``endings``: the closed
    list of endings that may follow a stem, where known; ``compound``: the language
    writes compounds as one word; ``chain`` and ``fallback``: see ``_FALLBACK``."""

    lang: str
    lexicon: str | None
    endings: frozenset[str] | None
    compound: bool
    chain: bool = False
    fallback: str = "suffix"
    inflections: frozenset[str] = frozenset()
    derivations: tuple[str, ...] = ()
    adjectives: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    paradigms: Paradigms | None = None
    family: Paradigms | None = None  # see _FAMILY_ANALOGY
    # compare()'s answers: a pure function of the two words, asked again for every
    # candidate on every line (bounded: cleared when full)
    _memo: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # probes() of text words: asked for every distinct token of every scanned text, so
    # one plain dict look-up rather than an lru_cache keyed by six arguments
    _tprobes: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def entry_keys(self, tok: str) -> frozenset[str] | None:
        """The lemmas a glossary word stands for: itself when it is a dictionary form
        (glossaries write lemmas: "начало" is the noun, not a form of "начать"), else
        its lemma; None when the lexicon does not know it."""
        code = self.lexicon
        if code is None:
            return None
        return _entry_keys(tok, code)

    def text_keys(self, tok: str) -> frozenset[str] | None:
        """The lemmas a text word may be a form of (its own, and with ``chain`` its
        lemma's lemma); None when the lexicon does not know it."""
        code = self.lexicon
        if code is None:
            return None
        return _text_keys(tok, code, self.chain)

    def stem(self, tok: str) -> str:
        """The Snowball stem of ``tok``."""
        return _snow(tok, self.lang)

    def guess(self, tok: str) -> str:
        """simplemma's lemma of ``tok``, its guessing rules included."""
        return _guess(tok, self.lexicon or "")

    def compare(self, a: str, b: str) -> int:
        """How text word ``b`` stands for glossary word ``a`` (both folded, different):
        1 a form of it, 0 not, -1 undecided (the caller applies the ending rules)."""
        memo = self._memo
        r = memo.get((a, b))
        if r is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            r = memo[(a, b)] = self._compare(a, b)
        return r

    def _compare(self, a: str, b: str) -> int:
        ea = self.entry_keys(a)
        fb = self.fallback
        if ea is not None:
            tb = self.text_keys(b)
            if tb is not None:
                common = ea & tb
                if common:
                    return 0 if self.derivations and _derived(a, b, common, self.derivations) else 1
                if self.derivations and b.startswith(a) and any(
                        _derivation(a, k, self.derivations) for k in tb):
                    return 1  # "önemlisi": the lexicon files it under the root, "önem"
                if self.adjectives and _noun_reading(a, tb, self.adjectives):
                    return 1  # "главного": the lexicon's one reading is the noun "главное"
                if self.family is not None and b not in tb and self._same_family(a, b, tb):
                    return 1  # "registrados": the lexicon files it under the verb only
                if b not in tb and self._analogous(ea, b):
                    # the lexicon filed the form under another lemma ("celach": "cela"),
                    # but it is the glossary lemma with an attested ending change ("cel"
                    # + "ach"); not when the text word is a lemma of its own ("drogi")
                    return 1
                # "+stem": equal Snowball stems overrule the lexicon's one reading of
                # an ambiguous form ("главного": the noun "главное" to the lexicon)
                if (fb.endswith("+stem") and self.lang in _SNOWBALL
                        and _snow(a, self.lang) == _snow(b, self.lang)):
                    return 1
                return 0
        fb = fb.removesuffix("+stem")
        if self.lexicon is None:
            return -1
        if self._analogous(ea or frozenset((a,)), b):
            return 1  # a word the lexicon lacks, or a new term: an attested ending change
        if fb == "suffix":
            return -1
        if fb.startswith("guess"):
            # the text word's guessed lemma is the glossary word (written as a lemma);
            # not a compound that merely starts with it ("kuljetus" + "tapaa": the
            # guess of an unknown compound is often its first part)
            gb = _guess(b, self.lexicon)
            if (gb == a or (self.chain and gb != b and _guess(gb, self.lexicon) == a)) and not _compound_of(
                    a, b, self.lexicon):
                return 1
            if fb == "guess|suffix":
                return -1
        if fb.endswith("snowball") and self.lang in _SNOWBALL:
            return 1 if _snow(a, self.lang) == _snow(b, self.lang) else 0
        return 0

    def agrees(self, a: str, b: str) -> bool:
        """Whether text word ``b``, which :meth:`compare` takes for another word than
        glossary word ``a``, is ``a`` with an attested ending change (see
        :mod:`.paradigms`) although the lexicon files ``b`` as a lemma of its own:
        asked for a word of a multi-word term only, where the words next to it are
        the evidence ("prawo dewizowy": "prawa dewizowego", where "prawa" alone may be
        the noun "rights"). (bench_morphology, phrase recall: pl 0.950 -> 0.961, ru
        0.982 -> 0.985, fi 0.931 with it; false matches of phrases stay 0%; single
        words are not affected.)"""
        if self.paradigms is None and self.adjectives is None:
            return False
        ea = self.entry_keys(a)
        if ea is None:
            return False
        tb = self.text_keys(b)
        if tb is None:
            return False
        if self.adjectives and _agreeing_adjective(a, tb, self.adjectives):
            return True  # (bench_morphology, ru: phrase recall unchanged, single words not asked)
        return self.paradigms is not None and b in tb and self._analogous(ea, b)

    def _same_family(self, a: str, b: str, tb: frozenset[str]) -> bool:
        """Whether dictionary form ``a``, which the lexicon also files under another
        lemma that text word ``b`` is filed under, relates to ``b`` by an attested
        ending change (see ``_FAMILY_ANALOGY``)."""
        k = _key(a, self.lexicon or "")
        return (k is not None and k != a and k in tb and self.family is not None
                and self.family.related(a, b))

    def _analogous(self, keys: frozenset[str], b: str) -> bool:
        """Whether ``b`` is one of ``keys`` with an ending change the lexicon attests
        (see :mod:`.paradigms`) that is not a derivational suffix."""
        para = self.paradigms
        if para is None:
            return False
        for k in keys:
            if para.related(k, b) and not (self.derivations and _derivation(b, k, self.derivations)):
                return True
        return False

    def probes(self, tok: str, entry: bool) -> frozenset[str]:
        """Index keys of a word (glossary word with ``entry``, else text word): a
        glossary word is a candidate for a text word when they share one; only
        :meth:`compare` decides."""
        if not entry:
            r = self._tprobes.get(tok)
            if r is not None:
                return r
        code = self.lexicon
        if code is None or len(tok) < 2 or not tok.isalpha():
            r = _NO_KEYS
        else:
            r = _probes(tok, code, self.lang, self.chain, self.fallback, entry)
        if not entry:
            memo = self._tprobes
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[tok] = r
        return r


@lru_cache(maxsize=1 << 16)
def _entry_keys(tok: str, code: str) -> frozenset[str] | None:
    if len(tok) < 2 or not tok.isalpha():
        return None
    if _morph._is_lemma(tok, code):
        return frozenset((_norm(tok),))
    k = _key(tok, code)
    return None if k is None else frozenset((k,))


@lru_cache(maxsize=1 << 18)
def _text_keys(tok: str, code: str, chain: bool) -> frozenset[str] | None:
    k = _key(tok, code)
    if k is None:
        return None
    keys = {k}
    if code in _NOUN_CAPS and _morph.is_known(tok, code):
        # a folded word of a language that capitalises nouns may be either reading
        # ("zugewiesenen": the participle, or the noun Zugewiesene)
        keys.add(_norm(_morph.lemma(tok, code) or tok))
    if chain:
        for x in list(keys):
            k2 = _key(x, code)
            if k2 is not None:
                keys.add(k2)
    return frozenset(keys)


@lru_cache(maxsize=1 << 18)
def _snow(tok: str, lang: str) -> str:
    return str(_stemmer(lang).stemWord(tok))


@lru_cache(maxsize=1 << 18)
def _guess(tok: str, code: str) -> str:
    return _morph.lemma(tok, code) or tok


@lru_cache(maxsize=1 << 18)
def _probes(tok: str, code: str, lang: str, chain: bool, fallback: str, entry: bool) -> frozenset[str]:
    keys = _entry_keys(tok, code) if entry else _text_keys(tok, code, chain)
    out = {"\x00" + k for k in keys or ()}
    para = None if lang in _FAMILY_ANALOGY else _paradigm_table(code)
    if para is not None:
        # analogy (Morph._analogous): a glossary word is keyed by its shortest stem an
        # attested ending change keeps, a text word by each of its prefixes
        if entry:
            out.update("\x03" + k[: para.stem_len(k)] for k in keys or (tok,) if len(k) >= _PARA_MIN)
        else:
            out.update("\x03" + tok[:i] for i in range(_PARA_MIN, len(tok) + 1))
    if fallback.removesuffix("+stem").endswith("snowball") and lang in _SNOWBALL:
        out.add("\x01" + _snow(tok, lang))
    if fallback.startswith("guess"):
        if entry:
            out.add("\x02" + tok)
        else:
            g = _guess(tok, code)
            out.add("\x02" + g)
            if chain and g != tok:
                out.add("\x02" + _guess(g, code))
    return frozenset(out)


def _noun_reading(a: str, keys: frozenset[str], endings: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Whether adjective ``a`` (a masculine dictionary form) and one of ``keys`` (a
    feminine, neuter or plural one) differ only in that ending: the lexicon read the
    text word as the adjective used as a noun."""
    masc, other = endings
    stem = next((a[: -len(x)] for x in masc if a.endswith(x) and len(a) - len(x) >= 3), None)
    if stem is None:
        return False
    return any(k.startswith(stem) and k[len(stem):] in other for k in keys)


def _agreeing_adjective(a: str, keys: frozenset[str], endings: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    """Whether glossary word ``a``, an adjective written in agreement with its noun
    (feminine, neuter or plural: "большая" in "большая языковая модель"), and one of
    ``keys`` (a masculine dictionary form: "большой") differ only in that ending. The
    lexicon may file the glossary form under another adjective ("больший") and the
    text form ("большой", "большой модели") under the masculine one. Only endings of
    two letters or more (Russian): one-letter ones (Polish "a") end most nouns too."""
    masc, other = endings
    stem = next((a[: -len(x)] for x in other if len(x) >= 2 and a.endswith(x)
                 and len(a) - len(x) >= 3), None)
    if stem is None:
        return False
    return any(k.startswith(stem) and k[len(stem):] in masc for k in keys)


def _derived(a: str, b: str, lemmas: frozenset[str], suffixes: tuple[str, ...]) -> bool:
    """Whether ``a`` and ``b`` differ in a derivational suffix after one of the shared
    ``lemmas`` (one is "yürek" + "li", the other not): different words."""
    for k in lemmas:
        da, db = _derivation(a, k, suffixes), _derivation(b, k, suffixes)
        if da != db:
            return True
    return False


def _derivation(w: str, k: str, suffixes: tuple[str, ...]) -> str:
    """The derivational suffix that follows lemma ``k`` at the start of ``w``, or ""."""
    if len(w) <= len(k) or not w.startswith(k):
        return ""
    rest = w[len(k):]
    return next((x[:2] for x in suffixes if rest.startswith(x)), "")


def _compound_of(a: str, b: str, code: str) -> bool:
    """Whether ``b`` is ``a`` followed by another word the lexicon knows (of at least
    three letters): a compound, not an inflection of ``a``."""
    rest = b[len(a):] if b.startswith(a) else ""
    return len(rest) >= 3 and _morph.is_known(rest, code)


@lru_cache(maxsize=256)
def morph_for(lang: str | None) -> Morph:
    """The :class:`Morph` of ``lang`` (any BCP 47 tag)."""
    lg = _lang(lang)
    chain, fallback = _FALLBACK.get(lg, _DEFAULT_FALLBACK)
    if "snowball" in fallback and not _has_snowball():
        fallback = "guess|suffix" if fallback.startswith("guess") else "suffix"
    return Morph(lg, _morph.lexicon_lang(lg), _ENDINGS.get(lg), lg in _COMPOUND_LANGS, chain, fallback,
                 _INFLECTION_ONLY.get(lg, frozenset()), _DERIVATIONS.get(lg, ()),
                 _ADJECTIVE_LEMMAS.get(lg),
                 None if lg in _NO_ANALOGY or lg in _FAMILY_ANALOGY
                 else _paradigm_table(_morph.lexicon_lang(lg)),
                 _paradigm_table(_morph.lexicon_lang(lg)) if lg in _FAMILY_ANALOGY else None)


@lru_cache(maxsize=1)
def _has_snowball() -> bool:
    try:
        import snowballstemmer  # noqa: F401
    except ImportError:
        return False
    return True

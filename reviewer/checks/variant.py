"""``variant``: one name spelled several ways in one document.

``Nvidia``/``NVIDIA``, ``Openai``/``Openi``/``OpenAI``: the minority spellings are
flagged, or, when the glossary fixes the name, every spelling that differs from it; in
a bilingual document the source's spelling is the reference. Needs no source.

Options (``[checks.variant]`` in reviewer.toml): ``threshold`` (fuzzy similarity 0-100,
default 85), ``min_length`` (shortest name compared fuzzily, default 5).

The check runs in four steps, so that a corpus split into chunks gives the findings
of one pass over the whole document (:mod:`reviewer.distributed`):

1. :meth:`VariantStats.scan` reads units once and keeps compact statistics: per name
   key and spelling its count and first position, the keys seen lowercase, which keys
   are "strong" (mixed case, capitals, a capital mid-sentence), and the source's
   spellings of names. Its size grows with the vocabulary, not with the units.
2. :meth:`VariantStats.merge` adds the statistics of the next chunk (counts summed,
   first positions kept).
3. :meth:`VariantCheck.decide` groups the keys (glossary links, fuzzy edges), picks each
   group's reference spelling and gives a :class:`Verdicts`: for each flagged
   ``(key, spelling)`` the findings any occurrence of it gets.
4. :meth:`VariantCheck.emit` finds those occurrences in units (only units holding a
   flagged key are tokenised again) and yields the findings.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from typing import Iterable, Iterator, Sequence

from rapidfuzz import fuzz, process

from .. import morph
from ..model import Finding, Segment, Severity
from ..terms import Entry, Glossary, _prepare, fold, similarity, token_shape
from .base import Check, CheckContext, DocumentCheck, Fetch

__all__ = ["VariantCheck", "VariantStats", "Verdicts", "CHECKS"]


_OPENERS = frozenset(".!?:;\"'“”«»()[]{}—–-•*#>|¡¿")


class _ShapeCache(dict):  # type: ignore[type-arg]
    """spelling -> :func:`token_shape` (words are a small vocabulary: cached)."""

    def __missing__(self, sp: str) -> str:
        if len(self) > 200_000:
            self.clear()
        sh = token_shape(sp)
        if sh == "mixed" and not any(c.lower() != c.upper() for c in sp):
            # a word of a script without capitals (Arabic, Devanagari, Thai, CJK):
            # its shape says nothing about names, so it takes no part
            sh = "other"
        self[sp] = sh
        return sh


_SHAPES = _ShapeCache()
_shape = _SHAPES.__getitem__

# (message, suggestion, score) of a finding on every occurrence of one spelling
Verdict = tuple[str, str, float]
Verdicts = dict[str, dict[str, list[Verdict]]]
"""Flagged spellings: ``key -> spelling -> [(message, suggestion, score), ...]``."""


# A word as the matcher's tokeniser (``terms._prepare``) finds one, on the text itself:
# in an NFC text without CJK characters its words have exactly these spans (case
# folding keeps word characters word characters), so a unit none of whose words is
# a flagged spelling is skipped without being prepared (test_variant_word_spans).
_WORD_RE = re.compile(r"[^\W_]+[+#]*")
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


#: the words every glossary verdict's message holds ("..., the glossary form")
_GLOSSARY_MARK = "the glossary"


def _in_text(word: str, text: str, ending: int = 0) -> bool:
    """Whether ``word`` stands in ``text`` as a whole word, or with up to ``ending``
    more letters (a case ending the text's language puts on a name: 'Encinitase')."""
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if i == 0 or not text[i - 1].isalnum():
            k = j
            while k < len(text) and k - j < ending and text[k].isalpha():
                k += 1
            if k >= len(text) or not text[k].isalnum():
                return True
        i = text.find(word, i + 1)
    return False


def _may_hold(text: str, spellings: frozenset[str]) -> bool:
    """False only when no word of ``text`` is one of ``spellings``."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text) and not _CJK_RE.search(text)):
        return not spellings.isdisjoint(_WORD_RE.findall(text))
    return True


def _initial(nfc: str, s: int) -> bool:
    """True when the word at NFC offset ``s`` starts a sentence (or the text)."""
    p = s - 1
    while p >= 0 and nfc[p].isspace():
        p -= 1
    return p < 0 or nfc[p] in _OPENERS or "\ue000" <= nfc[p] <= "\uf8ff"


def _plain(word: str) -> str:
    """``word`` without its accents (combining marks)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _source_sounds(sp: str, pref: str, source: str) -> bool:
    """Whether a word of ``source`` has the consonant skeleton of ``sp`` (through
    transliteration, any script: :func:`reviewer.checks.names.translit_key`) while
    ``pref`` has another one."""
    from .names import translit_key

    key = translit_key(sp)
    if len(key) < 2 or key == translit_key(pref):
        return False
    return any(translit_key(w) == key for w in _WORD_RE.findall(source) if w[:1].isupper()
               or not w[:1].islower())


def _has_digit(key: str) -> bool:
    return not key.isalpha() and any(c.isdigit() for c in key)


def _spellings(text: str, t: object) -> list[str]:
    """The original spelling of each token of the prepared text ``t``."""
    offs = t.offs  # type: ignore[attr-defined]
    if offs is None:
        return [text[s:e] for s, e in zip(t.starts, t.ends)]  # type: ignore[attr-defined]
    return [text[offs[s]:offs[e]] for s, e in zip(t.starts, t.ends)]  # type: ignore[attr-defined]


def _heading(shapes: list[str]) -> bool:
    """Mostly capitals: ``SAVE YOUR FILES`` (its capitals say nothing about names)."""
    worded = len(shapes) - shapes.count("other")
    return worded >= 2 and shapes.count("allcaps") >= 0.8 * worded


def _init_key(sp: str) -> str:
    """A spelling with its first letter lower-cased: sentence capitals don't count."""
    return sp[:1].lower() + sp[1:]


def _inflection_pair(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 3


def _pairs(block: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Each key of ``block`` with the keys after it of comparable length
    (``0.7 * len(k) <= len(c) <= len(k) / 0.7``), found through an index by length
    rather than by scanning the rest of the block for each key (quadratic)."""
    where: dict[int, list[int]] = {}  # length -> positions in block, ascending
    for i, c in enumerate(block):
        where.setdefault(len(c), []).append(i)
    for i, k in enumerate(block):
        n = len(k)
        rest: list[str] = []
        for m in range(int(0.7 * n), int(n / 0.7) + 2):
            pos = where.get(m)
            if pos is not None and 0.7 * n <= m <= n / 0.7:
                rest += [block[j] for j in pos[bisect_right(pos, i):]]
        if rest:
            yield k, rest


def _capitals(sp: str) -> int:
    return sum(1 for c in sp if c.isupper())


class _Words:
    """What the target language's lexicon (:mod:`reviewer.morph`) says of two
    spellings: different words, or forms of one word, are not variants of a name."""

    def __init__(self, lang: str | None, source_names: frozenset[str] = frozenset()) -> None:
        self.lang = lang
        #: folded names of the sources: a stem two spellings share
        self.source_names = source_names
        self.lexicon = morph.has_lexicon(lang)  # cheap: the lexicon loads on first use
        self._rich: bool | None = None

    @property
    def rich(self) -> bool:
        if self._rich is None:
            self._rich = self.lexicon and (morph.forms_per_lemma(self.lang) or 0.0) >= RICH_INFLECTION
        return self._rich

    def distinct(self, sp: str, pref: str, from_source: bool) -> bool:
        """True when ``sp`` is not a variant spelling of ``pref``: both are words of
        the language ('Treffer', 'Treffen'), forms of one lemma ('Niederschläge'),
        the target language's own word for the source's ('Parlament' for
        'Parliament', 'Oktober'), or, in a richly inflecting language, the same
        stem with another last letter ('Británii', 'Británie')."""
        if sp.isupper() and len(sp) <= 3 and not pref.isupper():
            return True  # an acronym ('UN', 'EL') beside a word ('Un' of 'Kim Jong Un', 'El')
        if sp.lower() == pref.lower():
            # a difference of case is a variant, unless one is a common word of the
            # language in capitals: a label's styling ('DISCARD', 'BASIC', 'ЛИБО')
            return (sp.isupper() or pref.isupper()) and self.common_word(sp)
        if _inflection_pair(fold(sp), fold(pref)):
            return True  # the name with a case ending ('Кристине', 'Makedonijos')
        if not from_source and self.common_word(sp) and self.common_word(pref):
            return True  # two names the lexicon lists ('Christian', 'Christine')
        if from_source and self.common_word(sp):
            # the target language's own word for the source's name, as its lexicon
            # lists it ('Schotland' for 'Scotland', 'Noord' for 'Nord', 'Aids'): a
            # slip in a name ('Calfornia') is no word of the language
            return True
        if self._endings_of_source_name(fold(sp), fold(pref)):
            return True
        lang = self.lang
        if self.lexicon:
            la, lb = morph.lemma_light(sp, lang), morph.lemma_light(pref, lang)
            if la is not None and la == lb:
                return True
            if morph.is_known(sp, lang) and (from_source or morph.is_known(pref, lang)):
                return True
        if self.rich:
            a, b = _plain(sp.lower()), _plain(pref.lower())
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            if n >= 4 and len(a) == len(b) and len(a) - n <= 1:
                # another case ending on one stem, not a slip inside it, whatever the
                # accent on it
                return True
        return False


    def common_word(self, sp: str) -> bool:
        """Whether ``sp`` in lower case is a word of the target language: its lexicon
        of inflected forms (:mod:`reviewer.morph`) or its spelling word list knows it."""
        low = sp.lower()
        if self.lexicon and (morph.is_known(low, self.lang) or morph.is_lemma(low, self.lang)):
            return True
        from .spelling import dictionary  # (spelling imports this module's neighbours)

        d = dictionary(self.lang)
        return d is not None and low in d

    def source_stem(self, a: str) -> bool:
        """Whether the folded ``a`` is a name of the sources, with a case ending of up
        to :data:`NAME_ENDING` letters or none ('budapesten' for 'Budapest')."""
        names = self.source_names
        return any(a[:k] in names for k in range(len(a), max(3, len(a) - NAME_ENDING - 1), -1))

    def _endings_of_source_name(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are a name of the sources with case endings (up to
        :data:`NAME_ENDING` letters) on it: Finnish 'Palun'/'Paluun' and
        'Birkenheadissä'/'Birkenheadistä' for 'Palu' and 'Birkenhead', Norwegian
        'Cromwells' for 'Cromwell'. A slip inside the name ('Vodafome') keeps no
        source name whole."""
        names = self.source_names
        if not names:
            return False
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        for k in range(min(n, len(a), len(b)), 3, -1):
            if a[:k] in names:
                return (len(a) - k <= NAME_ENDING and len(b) - k <= NAME_ENDING
                        and (a[k:] + b[k:]).isalpha())
        return False


#: letters of a case ending on a name ('Paluun', 'Birkenheadistä', 'Cromwells')
NAME_ENDING = 4

#: forms per lemma from which a language inflects richly (see reviewer.morph)
RICH_INFLECTION = 5.0


class VariantStats:
    """What :meth:`VariantCheck.decide` needs of a document or of a chunk of it.

    ``occ``: key (folded word) -> spelling -> ``[count, first index, first start]`` of
    the words that are not lowercase (heading capitals and words with digits left out);
    ``low``: the same for lowercase words; ``strong``: keys seen in mixed case, in
    capitals or capitalised mid-sentence; ``hard``: keys of 4+ letters seen in mixed
    case or capitals; ``src``: key -> spelling -> count of the names in the sources.
    """

    __slots__ = ("occ", "low", "strong", "hard", "src")

    def __init__(self) -> None:
        self.occ: dict[str, dict[str, list[int]]] = {}
        self.low: dict[str, dict[str, list[int]]] = {}
        self.strong: set[str] = set()
        self.hard: set[str] = set()
        self.src: dict[str, Counter[str]] = {}

    def __getstate__(self) -> tuple[object, ...]:
        return (self.occ, self.low, self.strong, self.hard, self.src)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self.occ, self.low, self.strong, self.hard, self.src = state  # type: ignore[assignment]

    def scan(self, segments: Sequence[Segment], sources: bool = True) -> None:
        """Add the targets' words (and, with ``sources``, the sources' names). The
        sources go first: the targets' prepared texts are then the ones still cached
        when :meth:`VariantCheck.emit` looks at them again."""
        if sources:
            self._scan_sources(segments)
        occ, low, strong, hard = self.occ, self.low, self.strong, self.hard
        for seg in segments:
            text = seg.target
            if not text:
                continue
            t = _prepare(text)
            if not t.toks:
                continue
            sps = _spellings(text, t)
            shapes = list(map(_shape, sps))
            heading = _heading(shapes)
            offs, idx = t.offs, seg.index
            for sp, sh, key, s in zip(sps, shapes, t.toks, t.starts):
                if sh == "other" or (not key.isalpha() and _has_digit(key)):
                    continue
                if sh == "lower":
                    d = low.get(key)
                    if d is None:
                        low[key] = {sp: [1, idx, s if offs is None else offs[s]]}
                    else:
                        v = d.get(sp)
                        if v is None:
                            d[sp] = [1, idx, s if offs is None else offs[s]]
                        else:
                            v[0] += 1
                    continue
                if heading and sh == "allcaps":
                    continue
                d = occ.get(key)
                if d is None:
                    d = occ[key] = {}
                v = d.get(sp)
                if v is None:
                    d[sp] = [1, idx, s if offs is None else offs[s]]
                else:
                    v[0] += 1
                if sh != "capitalised":  # mixed or allcaps
                    strong.add(key)
                    if len(key) >= 4:
                        hard.add(key)
                elif key not in strong and not _initial(t.nfc, s):
                    strong.add(key)

    def _scan_sources(self, segments: Iterable[Segment]) -> None:
        """The names of the sources: words in mixed case or capitals, and capitalised
        words inside a sentence."""
        src = self.src
        for seg in segments:
            text = seg.source
            if not text:
                continue
            rest = text.lstrip()[1:]
            if rest == rest.lower():
                continue  # no capital but the first letter: no name (that one is initial)
            t = _prepare(text)
            for sp, key, s in zip(_spellings(text, t), t.toks, t.starts):
                sh = _shape(sp)
                if sh == "mixed" or sh == "allcaps" or (sh == "capitalised" and not _initial(t.nfc, s)):
                    c = src.get(key)
                    if c is None:
                        c = src[key] = Counter()
                    c[sp] += 1

    def merge(self, other: "VariantStats", shift: int = 0) -> None:
        """Add the statistics of the *next* chunk, whose unit indexes are ``shift``
        lower than the document's: counts add up, the earlier first positions stay."""
        for mine, theirs in ((self.occ, other.occ), (self.low, other.low)):
            for key, sps in theirs.items():
                d = mine.get(key)
                if d is None:
                    mine[key] = {sp: [v[0], v[1] + shift, v[2]] for sp, v in sps.items()}
                    continue
                for sp, v in sps.items():
                    m = d.get(sp)
                    if m is None:
                        d[sp] = [v[0], v[1] + shift, v[2]]
                    else:
                        m[0] += v[0]
        self.strong |= other.strong
        self.hard |= other.hard
        for key, c in other.src.items():
            m2 = self.src.get(key)
            if m2 is None:
                self.src[key] = Counter(c)
            else:
                m2.update(c)


class VariantCheck(DocumentCheck):
    """One name spelled several ways in a document."""

    id = "variant"
    name = "Spelling variant"
    category = "terminology"
    severity = Severity.MINOR
    needs_source = False
    description = "A name or term is spelled several ways in the document."

    #: every chunk needs the whole document's flagged spellings
    per_unit_verdicts = False

    def statistics(self, segments: Sequence[Segment],
                   context: CheckContext) -> tuple[VariantStats, None]:
        """:class:`VariantStats` of some units (step 1)."""
        stats = VariantStats()
        stats.scan(segments, sources=not context.target_only)
        return stats, None

    def merge(self, total: VariantStats | None, part: VariantStats, shift: int) -> VariantStats:
        """Step 2 (see :meth:`VariantStats.merge`)."""
        if total is None and not shift:
            return part
        if total is None:
            total = VariantStats()
        total.merge(part, shift)
        return total

    def decide(self, stats: VariantStats, context: CheckContext,
               fetch: Fetch | None = None) -> Verdicts:
        """The flagged spellings of a document from its statistics (step 3)."""
        thr = float(context.option("threshold", 85))
        min_len = int(context.option("min_length", 5))
        g: Glossary | None = context.glossary or None
        occ, lower, strong, hard = stats.occ, stats.low, stats.strong, stats.hard
        # glossary names by folded key
        links: dict[str, tuple[str, Entry]] = {}
        aliases: dict[str, tuple[str, str, Entry]] = {}
        if g is not None:
            for key in set(occ) | set(lower):
                hits = g.fuzzy_names(key, 101.0)
                if hits:
                    links[key] = (hits[0][0], hits[0][1])
            for e in g.entries:
                if e.dnt or token_shape(e.source) not in ("allcaps", "mixed") or " " in e.source:
                    continue
                pref = e.targets[0]
                if fold(e.source) not in {fold(a) for a in e.approved} and token_shape(pref) != "lower":
                    aliases[fold(e.source)] = (e.source, pref, e)
        ordinary = {k for k in lower if k not in hard and k not in links}
        cands = sorted(k for k in strong if k not in ordinary and len(k) >= min_len)
        if g is not None:
            for key in cands:
                if key in links:
                    continue
                for form, e, _score in g.fuzzy_names(key, thr):
                    if not _inflection_pair(key, fold(form)):
                        links[key] = (form, e)
                        break
        # keys taking part; lowercase spellings count for names seen in capitals
        keys = {k for k in occ if k in links or (k in strong and k not in ordinary)}
        want_lower = {k for k in keys | set(links) if k in lower and (k in hard or k in links)}
        keys |= want_lower
        # fuzzy edges between document names (blocked by first letter and length)
        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        blocks: dict[str, list[str]] = {}
        for k in sorted(keys):
            if len(k) >= min_len and k in strong and k not in ordinary:
                blocks.setdefault(k[0], []).append(k)
        for block in blocks.values():
            for k, rest in _pairs(block):
                for c, _sc, _ in process.extract(k, rest, scorer=fuzz.ratio, score_cutoff=thr, limit=None):
                    if not _inflection_pair(k, c):
                        parent[find(c)] = find(k)
        groups: dict[str, list[str]] = {}
        for k in keys:
            groups.setdefault(find(k), []).append(k)
        # how the sources spell these names: in a bilingual document the source's
        # spelling ("OpenAI") is the reference, not the target's majority ("Openi")
        src_spell: dict[str, Counter[str]] = {}
        if not context.target_only and keys:
            src_names = stats.src
            by_letter: dict[str, list[str]] = {}
            for sk in src_names:
                by_letter.setdefault(sk[:1], []).append(sk)
            for k in keys:
                if k in src_names:
                    src_spell[k] = src_names[k]
                    continue
                near = [c for c, _sc, _ in process.extract(
                    k, by_letter.get(k[:1], []), scorer=fuzz.ratio, score_cutoff=thr, limit=None)
                    if len(k) >= min_len and not _inflection_pair(k, c)]
                for c in near:
                    src_spell.setdefault(k, Counter()).update(src_names[c])

        def spellings(k: str) -> Iterator[tuple[str, list[int]]]:
            """A key's spellings: not lowercase first, then lowercase (when counted)."""
            yield from occ.get(k, {}).items()
            if k in want_lower:
                yield from lower[k].items()

        out: Verdicts = {}
        words = _Words(context.target_lang, frozenset(stats.src) if not context.target_only else frozenset())
        for members in groups.values():
            self._group(sorted(members), occ, lower, want_lower, spellings, links, src_spell,
                        out, words)
        for key, (src, pref, e) in aliases.items():
            if src in occ.get(key, ()):
                out.setdefault(key, {}).setdefault(src, []).append((
                    f'"{src}" is a variant of "{pref}", the form the glossary fixes.',
                    pref, similarity(src, pref)))
        return out

    def _group(
        self, members: list[str], occ: dict[str, dict[str, list[int]]],
        lower: dict[str, dict[str, list[int]]], want_lower: set[str], spellings: object,
        links: dict[str, tuple[str, Entry]], src_spell: dict[str, Counter[str]], out: Verdicts,
        words: "_Words | None" = None,
    ) -> None:
        """The verdicts of one group of keys (one name), added to ``out``."""
        each = spellings  # (key) -> (spelling, [count, index, start]) pairs
        gforms = sorted({links[k] for k in members if k in links}, key=lambda fe: fe[0])
        if gforms:
            for k in members:
                if k in links:
                    pref, e = links[k]
                else:
                    pref, e = max(gforms, key=lambda fe: similarity(k, fe[0]))
                case_matters = e.is_case_sensitive(pref)
                for sp, _v in each(k):  # type: ignore[operator]
                    if sp == pref:
                        continue
                    if fold(sp) == fold(pref) and (
                        not case_matters or _init_key(sp) == _init_key(pref)
                    ):
                        continue
                    score = similarity(sp, pref)
                    out.setdefault(k, {}).setdefault(sp, []).append((
                        f'"{sp}" is a variant spelling of "{pref}", the glossary form '
                        f"(similarity {score:.0f}).", pref, score))
            return
        src: Counter[str] = Counter()
        for k in members:
            src.update(src_spell.get(k, {}))
        if src:
            # the source's own spelling decides (most frequent, then alphabetical)
            pref = min(src, key=lambda t: (-src[t], t))

            def say(text: str, score: float) -> str:
                return (f'"{text}" is a variant of "{pref}", as the source writes it '
                        f"(similarity {score:.0f}).")
            from_source = True
            mine = {_init_key(sp) for k in members for sp, _v in each(k)}  # type: ignore[operator]
            pk = fold(pref)
            beside = pref in occ.get(pk, {}) or pref in lower.get(pk, {})
            if len(mine) == 1 and mine != {_init_key(pref)} and not beside:
                (only,) = mine
                if only.lower() != _init_key(pref).lower():
                    # the translation spells the name one way throughout, its own way
                    # ('Makedonia' for 'Macedonia', 'Oktober'): the target language's
                    # form of it, not a slip; a slip sits beside the right spelling
                    return
        else:
            from_source = False
            by_shape: Counter[str] = Counter()
            forms: dict[str, Counter[str]] = {}
            first: dict[str, tuple[int, int]] = {}
            for k in members:
                # the first occurrence of each shape: the key's words that are not
                # lowercase come first, then its lowercase ones (document order in each)
                parts = [occ.get(k, {})]
                if k in want_lower:
                    parts.append(lower[k])
                for part in parts:
                    firsts: dict[str, tuple[int, int]] = {}
                    for sp, (n, idx, start) in part.items():
                        sk = _init_key(sp)
                        by_shape[sk] += n
                        forms.setdefault(sk, Counter())[sp] += n
                        pos = (idx, start)
                        if sk not in firsts or pos < firsts[sk]:
                            firsts[sk] = pos
                    for sk, pos in firsts.items():
                        first.setdefault(sk, pos)
            if len(by_shape) < 2:
                return
            shape = max(sorted(by_shape),
                        key=lambda sk: (by_shape[sk], -first[sk][0], -first[sk][1]))
            top0 = min(forms[shape], key=lambda t: (-forms[shape][t], t))
            cased = [sk for sk in by_shape if sk.lower() == shape.lower()
                     and _capitals(sk) > _capitals(top0) > 0]
            if cased:
                # names that differ only in case: the one with more capitals was
                # typed on purpose ("NVIDIA", "OpenAI"); a majority of plain
                # capitalised ones ("Nvidia") must not overwrite it (a majority in
                # lowercase is a common word, and capitals there a heading's)
                shape = max(cased, key=lambda sk: (_capitals(sk), by_shape[sk]))
            pref = min(forms[shape], key=lambda t: (-forms[shape][t], t))
            times = by_shape[shape]
            if times < 2 and not cased and not (words is not None and words.source_stem(fold(pref))):
                # one spelling against another, once each, and the sources do not
                # write either: no majority to follow
                return

            def say(text: str, score: float) -> str:
                return (f'"{text}" is spelled "{pref}" elsewhere in the document '
                        f"({times} times; similarity {score:.0f}).")
        top = _init_key(pref)
        for k in members:
            for sp, _v in each(k):  # type: ignore[operator]
                if _init_key(sp) == top:
                    continue
                if words is not None and words.distinct(sp, pref, from_source):
                    continue
                score = similarity(sp, pref)
                out.setdefault(k, {}).setdefault(sp, []).append((say(sp, score), pref, score))

    def emit(self, segments: Iterable[Segment], verdicts: Verdicts, context: CheckContext | None = None,
             local: None = None) -> Iterator[tuple[Segment, Finding]]:
        """The findings of ``verdicts`` on ``segments``, in unit and position order
        (step 4). Only a unit holding a flagged spelling is looked at word by word."""
        if not verdicts:
            return
        spellings = frozenset(sp for by_sp in verdicts.values() for sp in by_sp)
        for seg in segments:
            text = seg.target
            if not text or not _may_hold(text, spellings):
                continue
            t = _prepare(text)
            sps = _spellings(text, t)
            shapes = list(map(_shape, sps))
            heading = _heading(shapes)
            offs = t.offs
            for sp, sh, key, s, e in zip(sps, shapes, t.toks, t.starts, t.ends):
                by_sp = verdicts.get(key)
                if by_sp is None:
                    continue
                found = by_sp.get(sp)
                # lowercase spellings carry verdicts only where they count; the
                # scan's other exclusions: no letters, digits, heading capitals
                if found is None or sh == "other" or _has_digit(key) or (heading and sh == "allcaps"):
                    continue
                if seg.source and _in_text(sp, seg.source, NAME_ENDING if len(sp) >= 4 else 0):
                    # this unit's source spells it so: only the glossary overrules that
                    found = [v for v in found if _GLOSSARY_MARK in v[0]]
                elif seg.source:
                    # this unit's source has a name that sounds like this spelling and
                    # not like the preferred one: another name ('Johnstone' beside
                    # 'Johnson', 'Томсън' for 'Thomson' beside 'Томпсън')
                    found = [v for v in found
                             if _GLOSSARY_MARK in v[0] or not _source_sounds(sp, v[1], seg.source)]
                start, end = (s, e) if offs is None else (offs[s], offs[e])
                for message, pref, score in found:
                    yield seg, self.flag("target", start, end, sp, message,
                                         suggestion=pref, score=score)


CHECKS: list[type[Check]] = [VariantCheck]

"""Ending changes a lexicon attests: is a text word an inflection of a glossary lemma by analogy?

A lexicon of inflected forms (simplemma's, via :mod:`reviewer.morph`) keeps one lemma
per form, so a form two lemmas share goes to one of them: Polish "drogi" is filed
under the adjective "drogi" (dear), not under the noun "droga" (road) whose plural it
also is; "celach" under "cela" (cell), not "cel" (goal); Russian "ключи" may go to
either "ключ" (key) or "ключи" (springs). Term matching that trusts the one lemma then
misses a correct inflection of the glossary word.

This module learns, from the same lexicon, which ending changes turn a lemma into one
of its forms: for every (form, lemma) pair, the letters after their common prefix
(lemma ending ``x``, form ending ``y``) and the two letters before it (``c``), counted.
A text word ``w`` is then an inflection of glossary lemma ``L`` *by analogy* when
``L = stem + x`` and ``w = stem + y`` with ``(c, x, y)`` attested for at least
:data:`MIN_COUNT` lemmas of the lexicon (``droga``/``drogi``: ``("og", "a", "i")``, as in
"noga"/"nogi"). Derivation stays out because a lexicon does not file derived words
under their base ("scalable" is its own lemma, not a form of "scale"), so their
ending changes are not attested.

The tables are a pure function of simplemma's data and cost 20-80 s and up to 1 GB to
compute, so they are computed once per language (``python -m reviewer.terms.paradigms
ru pl ...``) and shipped gzipped in ``reviewer/data/paradigms_CODE.tsv.gz``; a language
without a table has no analogy (:func:`table` gives None) and keeps its other fallbacks.
Tables ship only for languages ``benchmarks/bench_morphology.py`` measures them on and
finds them better (Russian, Polish, Finnish; not Turkish, see
``reviewer.terms.morphology._NO_ANALOGY``), plus Spanish, whose table serves one
narrow case only (a participle adjective's own forms, see
``reviewer.terms.morphology._FAMILY_ANALOGY``), for want of a Spanish treebank to
measure the full analogy on: in German, unmeasured, the attested change
"-er" -> "-en" took "Speichen" (spokes) for a form of "Speicher" (storage).
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["Paradigms", "table", "build", "MIN_COUNT", "MIN_STEM"]

DATA = Path(__file__).resolve().parent.parent / "data"
#: How many lemmas of the lexicon must show an ending change for it to count (measured
#: with ``benchmarks/bench_morphology.py``: 5, 10 and 30 move Polish recall 0.977 /
#: 0.973 / 0.967 and false matches 0.99% / 0.96% / 0.85%; 10 is the middle).
MIN_COUNT = 10
#: Letters a lemma and its form must share before the ending change.
MIN_STEM = 3
_CTX = 2


class Paradigms:
    """The attested ending changes of one language: ``(c, x, y)`` triples (see the
    module docstring) and, for indexing, the ``(c, x)`` lemma sides."""

    __slots__ = ("rules", "sides", "max_x")

    def __init__(self, rules: frozenset[tuple[str, str, str]]) -> None:
        self.rules = rules
        self.sides = frozenset((c, x) for c, x, _y in rules)
        self.max_x = max((len(x) for _c, x, _y in rules), default=0)

    def related(self, lemma: str, word: str) -> bool:
        """Whether folded ``word`` is ``lemma`` with an attested ending change."""
        n = min(len(lemma), len(word))
        p = 0
        while p < n and lemma[p] == word[p]:
            p += 1
        if p == len(lemma) == len(word):
            return True
        if p < MIN_STEM:
            return False
        return (lemma[p - _CTX: p], lemma[p:], word[p:]) in self.rules

    def stem_len(self, lemma: str) -> int:
        """The length of the shortest stem of ``lemma`` an attested change keeps (every
        form the analogy allows starts with it); ``len(lemma)`` when none applies."""
        best = len(lemma)
        top = min(self.max_x, len(lemma) - MIN_STEM)
        for j in range(1, top + 1):
            p = len(lemma) - j
            if (lemma[p - _CTX: p], lemma[p:]) in self.sides:
                best = p
        return best


@lru_cache(maxsize=None)
def table(code: str | None) -> Paradigms | None:
    """The shipped :class:`Paradigms` of simplemma language ``code``, or None."""
    if not code:
        return None
    path = DATA / f"paradigms_{code}.tsv.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rules = frozenset(
                (c, x, y) for c, x, y, *_n in (line.rstrip("\n").split("\t") for line in fh) if c
            )
    except (OSError, ValueError, EOFError):
        return None
    return Paradigms(rules) if rules else None


def build(code: str) -> Counter[tuple[str, str, str]]:
    """Count the ending changes of simplemma's ``code`` lexicon (letters only, case
    folded, identical pairs and pairs sharing fewer than :data:`MIN_STEM` letters left
    out)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    d = DEFAULT_DICTIONARY_FACTORY.get_dictionary(code)
    raw = getattr(d, "_dict", None)
    items = raw.items() if isinstance(raw, dict) else d.items()
    counts: Counter[tuple[str, str, str]] = Counter()
    for fb, lb in items:
        f = (fb.decode("utf-8") if isinstance(fb, bytes) else str(fb)).lower()
        lm = (lb.decode("utf-8") if isinstance(lb, bytes) else str(lb)).lower()
        if f == lm or not f.isalpha() or not lm.isalpha():
            continue
        n = min(len(f), len(lm))
        p = 0
        while p < n and f[p] == lm[p]:
            p += 1
        if p < MIN_STEM:
            continue
        counts[(lm[p - _CTX: p], lm[p:], f[p:])] += 1
    return counts


def write(code: str) -> Path:
    """Compute and write the table of ``code`` (changes seen >= :data:`MIN_COUNT` times)."""
    from ..formats.base import atomic_writer

    counts = build(code)
    path = DATA / f"paradigms_{code}.tsv.gz"
    lines = sorted(f"{c}\t{x}\t{y}\t{n}\n" for (c, x, y), n in counts.items() if n >= MIN_COUNT)
    with atomic_writer(path, "wb") as f:
        f.write(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
    return path


if __name__ == "__main__":  # python -m reviewer.terms.paradigms ru pl fi ...
    for arg in sys.argv[1:]:
        print(write(arg), flush=True)

"""Is the file's declared language the language of its text?

``source-language="en-US"`` on a German source, or an Arabic ``values-ar`` file that is
still English, goes unnoticed by every text check. :func:`check_declared` reads the
first units of a document and measures, per side, the share of words that are forms
of the declared language in its lexicon (:mod:`reviewer.morph`). Text in its language
scores 0.77-1.0 on the real-file corpus (short UI strings included), another language
0.0-0.5 (cognates); below :data:`MIN_SHARE`, with at least :data:`MIN_WORDS` words, the
first unit gets a ``format`` problem. Languages without a lexicon are not judged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Iterator

from ..model import Document, Segment

__all__ = ["check_declared", "known_share", "MIN_SHARE", "MIN_WORDS"]

MIN_SHARE = 0.4
MIN_WORDS = 50
_PEEK = 200
_WORDS = re.compile(r"[^\W\d_]{2,}")


def known_share(texts: list[str], lang: str | None) -> float | None:
    """Share of the words of ``texts`` known in ``lang``'s lexicon; None when the
    language has none or there are fewer than :data:`MIN_WORDS` words."""
    from .. import morph

    if not lang or not morph.has_lexicon(lang):
        return None
    words = [w for t in texts for w in _WORDS.findall(t)][:2000]
    if len(words) < MIN_WORDS:
        return None
    return sum(1 for w in words if morph.is_known(w, lang)) / len(words)


def check_declared(doc: Document) -> Document:
    """``doc`` with a ``format`` problem on its first unit for each side whose text
    does not read as the declared language. A streaming document stays streaming and
    lazy: the first units are read (and the lexicons loaded) only when it is iterated."""
    if isinstance(doc.segments, list):
        doc.segments = list(_checked(doc, iter(doc.segments)))
    else:
        doc.segments = _checked(doc, iter(doc.segments))
    return doc


def _problems(doc: Document, head: list[Segment]) -> list[tuple[int | None, str]]:
    problems: list[tuple[int | None, str]] = []
    sides = [("target", doc.target_lang, [s.target for s in head if s.target])]
    if not doc.target_only:
        sides.insert(0, ("source", doc.source_lang, [s.source for s in head if s.source]))
    for side, lang, texts in sides:
        share = known_share(texts, lang)
        if share is not None and share < MIN_SHARE:
            problems.append((head[0].line if head else None,
                             f"The {side} language is given as {lang!r}, but only {share:.0%} of the "
                             f"{side} words are {lang} words: is the language right?"))
    return problems


def _checked(doc: Document, it: Iterator[Segment]) -> Iterator[Segment]:
    head = list(itertools.islice(it, _PEEK))
    problems = _problems(doc, head)
    if problems and head:
        head[0] = replace(head[0], problems=head[0].problems + tuple(problems))
    yield from head
    yield from it

"""Sentence splitting: paragraphs first, then pysbd per paragraph, with fixes.
(Formerly ``reviewer.segment``, which still re-exports it; a review unit is
:class:`reviewer.model.Segment`.)

Paragraphs are hard boundaries. A document is cut into blocks at blank lines; a block
whose line breaks fall mid-sentence (a line not ending in final punctuation followed by
one starting in lowercase, or a line ending in a comma) is a hard-wrapped paragraph and
its lines are joined by one space (at least a third of its breaks are such, and no line
is longer than 120 characters); in any other block every line is a paragraph of its
own, so a heading without a full stop is always a sentence by itself.

Sentences within a paragraph come from pysbd (``Segmenter(language, clean=False)``, one
cached segmenter a language), called per paragraph because pysbd's cost grows faster
than linearly with the text. Two shortcuts spare it most of the work: a paragraph with
no possible boundary inside is one sentence, and a paragraph whose every possible
boundary is unambiguous (a lowercase word of two letters or more that is no
abbreviation, then ``.``/``!``/``?``, a space and a capital letter) is cut there
directly. Where pysbd errs, per-language fixes follow it:

* merges after abbreviations that never end a sentence (titles: ``Mr.``, ``Dr.``,
  ``sig.``, ``dott.``, ``prof.``; ``e.g.``, ``i.e.``, ``p.es.``, ``z. B.``, ``bzw.``),
  and after reference abbreviations before a number (``No. 5``, ``n. 5``, ``pag. 12``,
  ``art. 3``, ``Nr. 7``);
* splits after ``!``/``?``/``…`` closed by a quotation mark (``«Basta!» Poi``) and after
  abbreviations that may end a sentence (``ecc.``, ``etc.``, ``usw.``) when a capital
  letter follows.

Languages pysbd does not know get a regular-expression splitter with the same fixes.
Sentence texts are exact slices of their paragraph, stripped of surrounding whitespace.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "Paragraph",
    "Sentence",
    "split_paragraphs",
    "split_sentences",
    "sentence_spans",
    "segment_document",
    "split_document",
    "PYSBD_LANGUAGES",
]

#: Languages pysbd supports (its ``LANGUAGE_CODES``); others use the regex splitter.
PYSBD_LANGUAGES = frozenset(
    "am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split()
)

_FINAL = ".!?…:;。！？»”\"')]"
_QUOTES_CLOSE = "»”\"’'"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its text (wrapped lines joined by a space), its first line
    (1-based) and the offsets in ``text`` where each later source line starts."""

    text: str
    line: int
    breaks: tuple[int, ...] = ()

    def line_at(self, offset: int) -> int:
        """The 1-based file line holding character ``offset`` of :attr:`text`."""
        return self.line + bisect_right(self.breaks, offset)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its exact text, its file line and its offset in the paragraph."""

    text: str
    line: int
    start: int


# --------------------------------------------------------------------------- paragraphs


def _continues(line: str, nxt: str) -> bool:
    """True when the break between ``line`` and ``nxt`` falls inside a sentence."""
    end = line.rstrip()
    start = nxt.lstrip()
    if not end or not start:
        return False
    if end[-1] in ",;" or end[-1] == "-" and not end.endswith(" -"):
        return True
    return end[-1] not in _FINAL and start[0].islower()


def _wrapped(block: list[str]) -> bool:
    """True for a hard-wrapped block: at least a third of its line breaks fall inside a
    sentence and no line is longer than a wrapped line would be (120 characters)."""
    if len(block) < 2 or max(len(ln.strip()) for ln in block) > 120:
        return False
    inside = sum(_continues(a, b) for a, b in zip(block, block[1:]))
    return inside * 3 >= len(block) - 1


def split_paragraphs(text: str) -> list[Paragraph]:
    """Cut a document into paragraphs (see the module docstring for the rules)."""
    lines = text.splitlines()
    out: list[Paragraph] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        block = lines[i:j]
        if _wrapped(block):
            parts: list[str] = []
            breaks: list[int] = []
            pos = 0
            for k, ln in enumerate(block):
                s = ln.strip()
                if k:
                    breaks.append(pos + 1)
                    pos += 1
                parts.append(s)
                pos += len(s)
            out.append(Paragraph(" ".join(parts), i + 1, tuple(breaks)))
        else:
            for k, ln in enumerate(block):
                out.append(Paragraph(ln.strip(), i + k + 1))
        i = j
    return out


# --------------------------------------------------------------------------- abbreviations

# Abbreviations that never end a sentence: the next segment is merged back.
_NEVER_FINAL: dict[str, tuple[str, ...]] = {
    "en": ("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Sr.", "Jr.", "e.g.", "i.e.",
           "vs.", "cf.", "approx.", "Gen.", "Col.", "Capt.", "Rev."),
    "it": ("sig.", "sigg.", "sig.ra", "dott.", "dott.ssa", "prof.", "prof.ssa", "avv.",
           "ing.", "arch.", "on.", "p.es.", "cfr.", "ca.", "Sig.", "Dott.", "Prof.",
           "Avv.", "Ing.", "S.p.A.", "p. es."),
    "de": ("z. B.", "z.B.", "d. h.", "d.h.", "u. a.", "u.a.", "bzw.", "vgl.", "Dr.",
           "Hr.", "Fr.", "Prof.", "ca.", "sog.", "inkl.", "ggf.", "evtl."),
    "fr": ("M.", "Mme.", "Mlle.", "Dr.", "p. ex.", "cf."),
    "es": ("Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "p. ej."),
}  # fmt: skip
# Abbreviations that stand before a number: merged when a digit follows.
_BEFORE_NUMBER: dict[str, tuple[str, ...]] = {
    "en": ("No.", "Nos.", "no.", "p.", "pp.", "Fig.", "fig.", "vol.", "Vol.", "Art.",
           "art.", "ch.", "Ch.", "Sec.", "sec."),
    "it": ("n.", "N.", "nn.", "pag.", "pagg.", "p.", "pp.", "art.", "Art.", "artt.",
           "cap.", "fig.", "vol.", "co.", "tab."),
    "de": ("Nr.", "S.", "Abs.", "Art.", "Abb.", "Bd.", "Kap.", "Tab."),
    "fr": ("n°.", "no.", "p.", "art.", "fig."),
    "es": ("núm.", "pág.", "art.", "fig."),
}  # fmt: skip
# Abbreviations that may end a sentence: split after them before a capital letter.
_MAY_END: dict[str, tuple[str, ...]] = {
    "en": ("etc.",),
    "it": ("ecc.", "etc.", "ecc.ecc."),
    "de": ("usw.", "etc.", "u.s.w."),
    "fr": ("etc.",),
    "es": ("etc.",),
}


def _lang(lang: str | None) -> str:
    return (lang or "").strip().replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=64)
def _abbrev_tables(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """``(never_final, before_number, may_end)`` for a language, English added."""
    langs = (lang, "en") if lang != "en" else ("en",)
    never = {a for lg in langs for a in _NEVER_FINAL.get(lg, ())}
    num = {a for lg in langs for a in _BEFORE_NUMBER.get(lg, ())}
    may = {a for lg in langs for a in _MAY_END.get(lg, ())}
    return frozenset(never), frozenset(num), frozenset(may)


@lru_cache(maxsize=64)
def _all_abbrev_words(lang: str) -> frozenset[str]:
    """Last words (lowercased, without the final dot) of every known abbreviation."""
    never, num, may = _abbrev_tables(lang)
    return frozenset(a.split()[-1].rstrip(".").lower() for a in never | num | may)


def _ends_with(seg: str, abbrevs: frozenset[str]) -> bool:
    """True when ``seg`` ends with one of ``abbrevs`` as a whole token."""
    for a in abbrevs:
        if seg.endswith(a):
            k = len(seg) - len(a)
            if k == 0 or not seg[k - 1].isalnum():
                return True
    return False


# --------------------------------------------------------------------------- splitters

_CANDIDATE_RE = re.compile(r"[.!?…。！？]+[\"'»”’)\]]*\s+\S")
# An unambiguous boundary: a lowercase word (2+ letters), one . ! or ?, space(s), a capital.
_CLEAN_RE = re.compile(r"(?<![\w.])([^\W\d_]*[a-zà-ÿ][^\W\d_]*)([.!?])(\s+)(?=[A-ZÀ-Þ])")
_FALLBACK_RE = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s+[^\sa-zà-ÿ])|[。！？]+[」』”）]*")
_QUOTE_BANG_RE = re.compile(r"[!?…]+[»”\"’]\s+(?=[«“\"‘(]?[A-ZÀ-Þ])")


@lru_cache(maxsize=32)
def _segmenter(lang: str) -> Any:
    """One cached pysbd segmenter a language."""
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False, char_span=False)


def _to_spans(text: str, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Map pysbd's pieces back onto ``text``; None when they are not in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in pieces:
        s = p.strip()
        if not s:
            continue
        k = text.find(s, pos)
        if k < 0:
            return None
        spans.append((k, k + len(s)))
        pos = k + len(s)
    return spans


def _regex_spans(text: str) -> list[tuple[int, int]]:
    """The fallback splitter: after final punctuation (and closing quotes) followed by
    a space and no lowercase letter, and after CJK full stops."""
    cuts = [m.end() for m in _FALLBACK_RE.finditer(text)]
    return _cuts_to_spans(text, cuts)


def _cuts_to_spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for c in [*cuts, len(text)]:
        piece = text[start:c]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = c
    return spans


def _fast_spans(text: str, lang: str) -> list[tuple[int, int]] | None:
    """Spans without pysbd when every possible boundary is plain; None otherwise."""
    candidates = [m.start() for m in _CANDIDATE_RE.finditer(text)]
    if not candidates:
        return [(0, len(text))] if text else []
    known = _all_abbrev_words(lang)
    cuts: list[int] = []
    clean = {m.start(2): m for m in _CLEAN_RE.finditer(text)}
    for c in candidates:
        m = clean.get(c)
        if m is None or len(m.group(1)) < 2 or m.group(1).lower() in known:
            return None
        cuts.append(m.end(2))
    return _cuts_to_spans(text, cuts)


def _fix_spans(text: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Apply the per-language merges and splits to a paragraph's sentence spans."""
    never, num, may = _abbrev_tables(lang)
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            ps, pe = merged[-1]
            prev = text[ps:pe]
            if _ends_with(prev, never) or (text[s : s + 1].isdigit() and _ends_with(prev, num)):
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        seg = text[s:e]
        cuts = [m.end() for m in _QUOTE_BANG_RE.finditer(seg)]
        for a in may:
            for m in re.finditer(re.escape(a) + r"\s+(?=[«“\"‘(]?[A-ZÀ-Þ])", seg):
                k = m.start()
                if k == 0 or not seg[k - 1].isalnum():
                    cuts.append(m.end())
        if not cuts:
            out.append((s, e))
            continue
        out.extend((s + a, s + b) for a, b in _cuts_to_spans(seg, sorted(set(cuts))))
    return out


def sentence_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of one paragraph, surrounding space excluded."""
    if not text.strip():
        return []
    lg = _lang(lang)
    spans = _fast_spans(text, lg) if lg in PYSBD_LANGUAGES else None
    if spans is None:
        if lg in PYSBD_LANGUAGES:
            spans = _to_spans(text, _segmenter(lg).segment(text))
        if spans is None:
            spans = _regex_spans(text)
    return _fix_spans(text, spans, lg)


def split_sentences(text: str, lang: str | None) -> list[str]:
    """The sentences of one paragraph, as exact stripped slices of ``text``."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]


def segment_document(text: str, lang: str | None) -> list[list[Sentence]]:
    """A document as paragraphs of :class:`Sentence` (text, file line, offset)."""
    out: list[list[Sentence]] = []
    for para in split_paragraphs(text):
        sents = [
            Sentence(para.text[s:e], para.line_at(s), s)
            for s, e in sentence_spans(para.text, lang)
        ]
        if sents:
            out.append(sents)
    return out


def split_document(text: str, lang: str | None) -> list[list[str]]:
    """A document as paragraphs of sentence texts (paragraphs are hard boundaries)."""
    return [[s.text for s in para] for para in segment_document(text, lang)]

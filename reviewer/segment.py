"""The former name of :mod:`reviewer.sentences` (sentence splitting), kept so that
``from reviewer.segment import ...`` still works; the unit of review is
:class:`reviewer.model.Segment`, which this module never was."""

from __future__ import annotations

from .sentences import (  # noqa: F401
    Paragraph,
    Sentence,
    split_paragraphs,
    split_sentences,
    sentence_spans,
    segment_document,
    split_document,
    PYSBD_LANGUAGES,
)

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

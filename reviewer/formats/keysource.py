"""Files whose source is a message key rather than text (Symfony's ``validator.foo.bar``
XLIFF, gettext catalogs with keyword msgids).

A document is key-sourced when most of its first units' sources look like keys (no
spaces, dotted or underscored identifiers). Its source text is then resolved from the
source-language file of the same catalog (``--source``, or found beside it, see
:func:`reviewer.formats.keyed.find_source`): each key's translation there is the text
the target is checked against. A key with no resolved text is checked target-only
(empty source); with no source-language file at all the document is a target-only
review. Length, punctuation and consistency are thus never judged against a key.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from ..model import Document, Segment
from .base import ReadOptions
from .keyed import find_source
from .registry import detect_format

__all__ = ["looks_like_key", "is_key_sourced", "resolve_key_sources"]

_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*(?:[.:/][A-Za-z0-9_\-]+)+$|^[a-z0-9]+(?:_[a-z0-9]+)+$")
_PEEK = 50


def looks_like_key(text: str) -> bool:
    """True for ``help.more_information``, ``post_title``, ``app:title``."""
    return bool(_KEY.match(text))


def is_key_sourced(segs: Iterable[Segment]) -> bool:
    """True when at least 60% of the units (and at least 3) have a key as source."""
    srcs = [s.source for s in segs if s.source]
    keys = sum(1 for s in srcs if looks_like_key(s))
    return keys >= 3 and keys >= 0.6 * len(srcs)


def resolve_key_sources(doc: Document, source_file: str | None = None) -> Document:
    """``doc`` with key sources replaced by their text (see the module doc); documents
    that are not key-sourced come back unchanged (still streaming)."""
    if isinstance(doc.segments, list):
        if not is_key_sourced(doc.segments[:_PEEK]):
            return doc
        it: Iterator[Segment] = iter(doc.segments)
        head: list[Segment] = []
    else:
        it = iter(doc.segments)
        head = list(itertools.islice(it, _PEEK))
        if not is_key_sourced(head):
            doc.segments = itertools.chain(head, it)
            return doc
    spath = Path(source_file) if source_file else find_source(doc.path)
    texts: dict[str, str] = {}
    if spath is not None:
        # the source-language file's own sources are keys too: read it as it is
        sdoc = detect_format(spath, doc.format).read(spath, ReadOptions())
        for s in sdoc:
            if s.target:
                texts.setdefault(s.source, s.target)
                texts.setdefault(s.id, s.target)
    doc.meta["key_source"] = True
    doc.meta["resource"] = True  # app strings (labels, fragments), not running text
    if spath is None:
        doc.target_only = True
        doc.segments = [replace(s, source="", notes=s.notes + (f"key: {s.source}",))
                        for s in itertools.chain(head, it)]
        return doc
    doc.meta["source_path"] = str(spath)
    doc.segments = [replace(s, source=texts.get(s.source, ""), source_codes=(),
                            notes=s.notes + (f"key: {s.source}",))
                    for s in itertools.chain(head, it)]
    return doc

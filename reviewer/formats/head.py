"""The first units of a file, read without reading the rest: what a review screen
paints while the whole file is read and indexed in the background.

:func:`read_head` returns the first ``limit`` units of a TSV, CSV, JSONL, PO, XLIFF or
TMX file as the full read would give them (same ids, indexes, texts), or None when
it cannot promise that cheaply: another format, a key-sourced catalog (its sources
come from another file), ``--strict`` (a problem anywhere refuses the file), a PO
catalog the fast parser leaves to polib, any error (the full read then reports it,
with its file and line). The file-wide language check (:mod:`.langcheck`) is left to
the full read: it only adds a problem to the first unit.

The streaming readers do the work: TSV/CSV/JSONL/XLIFF/TMX already read lazily; a PO
catalog is read from its first :data:`PO_HEAD_BYTES` bytes (more when its entries are
long) cut at an entry boundary.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ReviewerError
from ..model import Document, Segment

__all__ = ["Head", "read_head", "count_lines", "HEAD_FORMATS"]

#: Formats whose first units are read alone.
HEAD_FORMATS = ("tsv", "csv", "jsonl", "po", "xliff", "tmx")
#: A PO head is first read from this many bytes (a screenful of entries, a few KB
#: each at most), four times more each time that is not enough, up to PO_HEAD_MAX.
PO_HEAD_BYTES = 64 << 10
PO_HEAD_MAX = 64 << 20


@dataclass(slots=True)
class Head:
    """The first units of a document (``doc.segments`` is a list of them)."""

    doc: Document
    segments: list[Segment]
    complete: bool  # True when the head is the whole file


def read_head(path: str | Path, options: Any, limit: int) -> Head | None:
    """The first ``limit`` units of ``path`` (see the module doc), None when they
    cannot be read alone."""
    from . import detect_format

    p = Path(path)
    try:
        if not p.is_file() or getattr(options, "strict", False) or options.source_file:
            return None
        fmt = detect_format(p, options.format)
        if fmt.name not in HEAD_FORMATS:
            return None
        cut = False  # the head was read from a part of the file
        size = PO_HEAD_BYTES
        while True:
            if fmt.name == "po":
                got = _po_head(p, options, size)
                if got is None:
                    return None
                doc, cut = got
            else:
                doc = fmt.read(p, options)
            it = iter(doc.segments)  # type: ignore[call-overload]
            segs = list(itertools.islice(it, limit))
            if len(segs) >= limit or not cut or size >= PO_HEAD_MAX:
                break
            size *= 4  # long entries: a bigger part of the catalog
        complete = len(segs) < limit and not cut
        close = getattr(it, "close", None)
        if close is not None:
            close()  # the reader's file is closed now, not when collected
        if fmt.name in ("xliff", "po"):
            from .keysource import is_key_sourced

            if is_key_sourced(segs[:50]):
                return None
        if fmt.name in ("tsv", "csv"):
            from ..inputs import check_keys

            check_keys(doc, options, p)
    except (ReviewerError, OSError, ValueError):
        return None
    doc.segments = segs
    return Head(doc, segs, complete)


def _po_head(path: Path, options: Any, size: int) -> tuple[Document, bool] | None:
    """A PO catalog's first entries from its first bytes, cut after the last blank
    line, and whether it was cut; None when the catalog needs the whole-file path (no
    UTF-8, odd line ends, no header entry first)."""
    from . import po

    with open(path, "rb") as f:
        data = f.read(size)
        more = bool(f.read(1))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16/32: cut points are not byte patterns
    if more:
        cut = max(data.rfind(b"\n\n"), data.rfind(b"\n\r\n"))
        if cut < 0:
            return None
        data = data[: cut + 1]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    stream = po._fast_units(text, path)
    if stream is None:
        return None
    meta, segments = stream
    return po.catalog_document(path, options, meta, segments), more


def count_lines(path: str | Path, chunk: int = 1 << 22) -> int:
    """Lines of a file (newline bytes, plus one for a last line without one): the
    measure of how far a background read has come."""
    n = 0
    last = b"\n"
    with open(path, "rb") as f:
        while True:
            block = f.read(chunk)
            if not block:
                break
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")

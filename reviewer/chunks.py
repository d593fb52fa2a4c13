"""Split inputs into chunks that workers read themselves.

Three kinds of :class:`Chunk`:

- ``lines``: a byte range ``[start, end)`` of a line-based file (TSV, CSV without
  multi-line cells, JSONL, plain text), both ends at line starts, with the 1-based
  number of its first line. The numbers come from a counting pass over the bytes
  before each boundary (``bytes.count`` a block at a time, lone ``\\r`` counted as
  the readers count it), so unit ids and ``line`` equal a single-process run's.
  Unit *indexes* are local to the chunk (0 for its first unit) unless the reader is
  given the chunk's first global index (``chunk_document(..., base=N)``), which the
  driver learns in order.
- ``slice``: units ``[first, last)`` of a file read with its own streaming reader
  (PO, XLIFF, a large TMX in batches of ``tu`` elements): the worker streams the file
  and checks only its slice. Indexes are the reader's own.
- ``file``: a whole file (small files, a ``--source/--target`` pair, a CSV whose
  quoted cells span lines, UTF-16/32 files).

:func:`chunk_document` gives a chunk's document (its units streaming) in a worker.
"""

from __future__ import annotations

import io
import itertools
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .formats import ReadOptions, detect_format, get_format
from .formats.base import sniff_encoding
from .inputs import open_one
from .model import Document, Segment

__all__ = ["Chunk", "plan_chunks", "chunk_document", "line_boundaries", "LINE_FORMATS"]

LINE_FORMATS = frozenset({"tsv", "csv", "jsonl", "txt"})
_BLOCK = 1 << 24  # bytes read at once by the counting pass
# units of a slice chunk; markers that count the units of an XML/PO file cheaply
_SLICE_UNITS = 20_000
_MARKERS = {"tmx": (b"<tu ", b"<tu>"), "xliff": (b"<trans-unit", b"<segment"), "po": (b"\nmsgid ",)}


@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of work: a byte range, a slice of units, or a whole file."""

    path: str  # the input path as given
    kind: str  # "lines" | "slice" | "file"
    fmt: str  # format name
    seq: int = 0  # position among the file's chunks
    start: int = 0  # lines: byte offsets; slice: unit indexes (end -1 = to the end)
    end: int = -1
    line: int = 1  # lines: number of the first line
    source: str | None = None  # file: the --source file of a plain-text pair
    target_only: bool = False  # file: a --target file reviewed alone

    @property
    def index_base(self) -> int:
        """The index the worker's first unit of this chunk carries."""
        return self.start if self.kind == "slice" else 0


def _count_lines(f: io.BufferedReader, start: int, end: int) -> tuple[int, bool]:
    """Line breaks in ``[start, end)`` as :func:`~reviewer.formats.plaintext.iter_lines`
    counts them (``\\n``, ``\\r\\n`` and a lone ``\\r``); and whether the range holds
    a ``\\r`` at all."""
    f.seek(start)
    n, left, any_cr, prev_cr = 0, end - start, False, False
    while left > 0:
        block = f.read(min(_BLOCK, left))
        if not block:
            break
        left -= len(block)
        nl, cr = block.count(b"\n"), block.count(b"\r")
        n += nl
        if cr:
            any_cr = True
            crlf = block.count(b"\r\n") + (1 if prev_cr and block[:1] == b"\n" else 0)
            n += cr - crlf
        prev_cr = block[-1:] == b"\r"
    return n, any_cr


def line_boundaries(path: str | os.PathLike[str], n_chunks: int, bom: int = 0,
                    tail: int = 0) -> list[tuple[int, int, int]]:
    """``(start, end, first_line)`` of about ``n_chunks`` byte ranges of a file, each
    starting just after a ``\\n`` (or at the first byte after the BOM). The last
    ``tail`` ranges are half as long as the others: the pass ends with short tasks, so
    no worker waits long for the last one."""
    size = os.path.getsize(path)
    n = max(1, n_chunks)
    tail = max(0, min(tail, n - 1))
    weights = [2] * (n - tail) + [1] * tail
    total, acc = sum(weights), 0
    cuts = [bom]
    with open(path, "rb") as f:
        for w in weights[:-1]:
            acc += w
            pos = max(bom + math.ceil((size - bom) * acc / total), cuts[-1] + 1)
            if pos >= size:
                break
            f.seek(pos)
            while True:  # the next line start at or after pos
                block = f.read(1 << 16)
                if not block:
                    pos = size
                    break
                i = block.find(b"\n")
                if i >= 0:
                    pos += i + 1
                    break
                pos += len(block)
            if pos >= size:
                break
            cuts.append(pos)
        cuts.append(size)
        out, line = [], 1
        for a, b in zip(cuts, cuts[1:]):
            out.append((a, b, line))
            line += _count_lines(f, a, b)[0]
    return out


def csv_has_multiline_cells(path: str | os.PathLike[str]) -> bool:
    """True when a quoted CSV cell may span lines: some line holds an odd number of
    ``"`` (then the file is read whole, by one worker)."""
    with open(path, "rb") as f:
        carry = b""
        while True:
            block = f.read(_BLOCK)
            if not block:
                return carry.count(b'"') % 2 == 1
            block = carry + block
            if b'"' not in block:
                carry = b""
                continue
            lines = block.split(b"\n")
            carry = lines.pop()
            if any(ln.count(b'"') % 2 for ln in lines):
                return True


def _count_units(path: str, fmt: str) -> int:
    """A cheap estimate of the units of an XML or PO file (from markers)."""
    n = 0
    markers = _MARKERS.get(fmt, ())
    with open(path, "rb") as f:
        tail = b""
        while True:
            block = f.read(_BLOCK)
            if not block:
                break
            data = tail + block
            n += sum(data.count(m) for m in markers)
            tail = data[-16:]
            n -= sum(tail.count(m) for m in markers)  # counted again with the next block
        n += sum(tail.count(m) for m in markers)
    return n


def plan_chunks(
    paths: list[str],
    options: ReadOptions,
    workers: int,
    chunk_bytes: int = 32 << 20,
    slice_units: int = _SLICE_UNITS,
    min_bytes: int = 1 << 16,
) -> list[list[Chunk]]:
    """The chunks of every input file, one list per file, in input order.

    A line-based file is cut into ``max(size / chunk_bytes, 8 * workers)`` ranges
    (small files: one): enough that the workers finish a pass at nearly the same
    time; an XML/PO file of many units into slices of ``slice_units``.
    """
    out: list[list[Chunk]] = []
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", p)
        fmt = detect_format(p, options.format).name
        size = p.stat().st_size
        if fmt in LINE_FORMATS:
            with open(p, "rb") as f:
                enc, bom = sniff_encoding(f.read(4))
            want = max(math.ceil(size / chunk_bytes), 8 * workers)
            if size < min_bytes or enc != "utf-8" or want <= 1 or (
                fmt == "csv" and csv_has_multiline_cells(p)
            ):
                out.append([Chunk(path, "file", fmt)])
                continue
            out.append([
                Chunk(path, "lines", fmt, seq=i, start=a, end=b, line=line)
                for i, (a, b, line) in enumerate(line_boundaries(p, want, bom, tail=2 * workers))
            ])
            continue
        est = _count_units(path, fmt) if size > min_bytes else 0
        if est <= slice_units:
            out.append([Chunk(path, "file", fmt)])
            continue
        n = math.ceil(est / slice_units)
        out.append([
            Chunk(path, "slice", fmt, seq=i, start=i * slice_units,
                  end=-1 if i == n - 1 else (i + 1) * slice_units)
            for i in range(n)
        ])
    return out


# --------------------------------------------------------------------------- workers


def _range_lines(chunk: Chunk) -> Iterator[tuple[int, str]]:
    """``(line_number, line)`` of a byte-range chunk, split as ``iter_lines`` splits."""
    with open(chunk.path, "rb") as f:
        f.seek(chunk.start)
        data = f.read(chunk.end - chunk.start)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        offset = chunk.start + e.start
        with open(chunk.path, "rb") as f:
            bad_line = f.read(offset).count(b"\n") + 1
        raise InputError(f"invalid UTF-8 at byte offset {offset}", chunk.path, bad_line) from None
    for i, line in enumerate(io.StringIO(text, newline=""), start=chunk.line):
        yield i, line


def _line_units(chunk: Chunk, doc: Document, options: ReadOptions, base: int = 0) -> Iterator[Segment]:
    """The units of a byte-range chunk, indexed from ``base`` (0: chunk-local), read by
    the format's own public :meth:`~reviewer.formats.Format.read_lines`."""
    path = Path(chunk.path)
    fmt = get_format(chunk.fmt)
    return fmt.read_lines(path, _range_lines(chunk), options, base, chunk.line)


def chunk_document(chunk: Chunk, options: ReadOptions, base: int = 0) -> Document:
    """The document of a chunk: the file's metadata, the chunk's units (streaming).
    ``base`` is the index of a byte-range chunk's first unit (by default 0, chunk-local;
    the driver passes the global index once it knows the earlier chunks' units). The
    units of other chunks carry their reader's indexes."""
    if chunk.kind == "file" and (chunk.source or chunk.target_only):
        return open_one(chunk.path, options, source=chunk.source, target_only=chunk.target_only)
    doc = open_one(chunk.path, options)
    if chunk.kind == "lines":
        doc.segments = _line_units(chunk, doc, options, base)
    elif chunk.kind == "slice":
        stop = None if chunk.end < 0 else chunk.end
        doc.segments = itertools.islice(iter(doc.segments), chunk.start, stop)
    return doc

"""Segments packed into one buffer: a million units without a million objects.

A big input's segments are read once, in a stream, and each is kept as its fields
serialised with :mod:`marshal` (texts as UTF-8 or Latin-1, small ints, None)
appended to an unnamed temporary file (the spill, in the directory the caller
names, else the system's temporary directory: the operating system's page cache
holds it, not the process; a ``bytearray`` when no temporary file can be made); an ``array('q')`` holds where each ends. A segment is read back and decoded
when it is asked for (the rows on screen, the current filter, a pass of the
checks), a small cache keeping the latest ones. What a view needs of every
segment without decoding it is kept beside, in compact arrays: the text lengths
(source, target, reference), a hash of each unit id (finding a unit by id, telling
whether ids repeat) and whether every id is a number.

:class:`PackedSegments` is a :class:`~collections.abc.Sequence` of
:class:`~reviewer.model.Segment` equal, segment for segment, to the list the reader
gives; :class:`SegmentView` lays a few replaced segments (corrected targets, made-
unique ids) over it, as the review session's ``segs``. Nothing here is specific to a
format: any reader's stream packs (a field marshal cannot hold keeps the segment as
an object).
"""

from __future__ import annotations

import marshal
import operator
import os
import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, Callable, Iterable, Iterator, overload

from .model import InlineCode, Segment

__all__ = ["PackedSegments", "SegmentView", "pack"]

_FIELDS = tuple(f.name for f in fields(Segment))
_DEFAULTS = tuple(getattr(Segment("", 0, "", None), f) for f in _FIELDS)
_CODES = tuple(i for i, f in enumerate(_FIELDS) if f in ("source_codes", "target_codes"))
_GET = operator.attrgetter(*_FIELDS)
_PLAIN = _FIELDS.index("line") + 1  # fields up to here make a plain unit
_DEFAULT_TAIL = _DEFAULTS[_PLAIN:]
assert _FIELDS[:_PLAIN] == ("id", "index", "source", "target", "line")
assert _PLAIN <= min(_CODES)
_STATUS = _FIELDS.index("status")
_CACHE = 4096  # decoded segments kept (several screens, a page of findings)
_OBJECT = b""  # the packed form of a segment kept as an object
_SPILL_CHUNK = 1 << 20  # bytes written to (and read ahead from) the spill at a time


def _encode(seg: Segment) -> bytes:
    vals = _GET(seg)
    if vals[_PLAIN:] == _DEFAULT_TAIL:  # the common unit: id, index, texts, line
        return marshal.dumps(vals[:_PLAIN])
    out = list(vals)
    for k in _CODES:
        if out[k]:
            out[k] = tuple((c.kind, c.id, c.data, c.display, c.equiv) for c in out[k])
    return marshal.dumps(tuple(out))


def _decode(data: bytes | memoryview) -> Segment:
    vals = marshal.loads(data)
    if len(vals) == _PLAIN:
        return Segment(*vals)
    out = list(vals)
    for k in _CODES:
        if out[k]:
            out[k] = tuple(InlineCode(*c) for c in out[k])
    return Segment(*out)


class PackedSegments(Sequence[Segment]):
    """Segments packed into one buffer (see the module doc). Build with :func:`pack`."""

    def __init__(self, spill: bool = True,
                 spill_dir: str | os.PathLike[str] | None = None) -> None:
        self._file: Any = None
        for where in ((spill_dir, None) if spill_dir is not None else (None,)) if spill else ():
            try:
                self._file = tempfile.TemporaryFile(prefix="reviewer-segments-", dir=where)
                break
            except OSError:
                continue  # no temporary file there: the next place, else in memory
        self._blob = bytearray()  # the whole pack, or (spilled) what is not written yet
        self._written = 0  # bytes in the spill file
        self._ends = array("q")
        self._objects: dict[int, Segment] = {}  # segments marshal cannot hold
        self._lengths = array("i")  # source, target, reference lengths, 3 a segment
        self._hashes = array("q")  # hash(id) a segment
        self._cache: dict[int, Segment] = {}
        self.digit_ids = True  # every unit id is a number (a line number)

    def append(self, seg: Segment) -> None:
        """Add a segment at the end."""
        i = len(self._ends)
        try:
            data = _encode(seg)
        except (ValueError, TypeError):
            data = _OBJECT
            self._objects[i] = seg
        self._blob += data
        self._ends.append(self._written + len(self._blob))
        if self._file is not None and len(self._blob) >= _SPILL_CHUNK:
            self._flush()
        self._lengths.extend((len(seg.source), len(seg.target or ""), len(seg.reference or "")))
        self._hashes.append(hash(seg.id))
        if self.digit_ids and not seg.id.isdigit():
            self.digit_ids = False

    def _flush(self) -> None:
        if self._file is not None and self._blob:
            self._file.write(self._blob)
            self._file.flush()
            self._written += len(self._blob)
            self._blob = bytearray()

    def _raw(self, start: int, end: int) -> bytes | memoryview:
        """The packed bytes from ``start`` to ``end``."""
        if self._file is None:
            return memoryview(self._blob)[start:end]
        if end > self._written:
            self._flush()
        return os.pread(self._file.fileno(), end - start, start)

    def __len__(self) -> int:
        return len(self._ends)

    def _get(self, i: int) -> Segment:
        seg = self._cache.get(i)
        if seg is not None:
            return seg
        seg = self._objects.get(i)
        if seg is None:
            start = self._ends[i - 1] if i else 0
            seg = _decode(self._raw(start, self._ends[i]))
        if len(self._cache) >= _CACHE:
            self._cache.clear()
        self._cache[i] = seg
        return seg

    @overload
    def __getitem__(self, i: int) -> Segment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Segment]: ...

    def __getitem__(self, i: int | slice) -> Segment | list[Segment]:
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(len(self)))]
        n = len(self._ends)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("segment index out of range")
        return self._get(i)

    def __iter__(self) -> Iterator[Segment]:
        """Every segment in order, decoded one by one (none cached: a pass over a
        million segments keeps no million objects)."""
        objects = self._objects
        ends = self._ends
        block, base = memoryview(b""), 0  # the bytes read ahead, and where they start
        start = 0
        for i, end in enumerate(ends):
            obj = objects.get(i) if objects else None
            if obj is not None:
                yield obj
            else:
                if end > base + len(block):  # read ahead, a chunk at least
                    base = start
                    block = memoryview(self._raw(start, max(end, min(
                        start + _SPILL_CHUNK, ends[-1]))))
                yield _decode(block[start - base:end - base])
            start = end

    def texts(self, start: int = 0) -> Iterator[tuple[int, str, str, str | None]]:
        """``(position, source, target, status)`` of every segment from ``start`` in
        order, read as :meth:`__iter__` reads (a chunk ahead, nothing cached) but
        without making Segment objects: what a search or a filter scans (target ""
        when there is none; status the file's workflow status, None when it has
        none)."""
        objects = self._objects
        ends = self._ends
        n = len(ends)
        block, base = memoryview(b""), 0
        begin = ends[start - 1] if 0 < start <= n else 0
        loads = marshal.loads
        for i in range(start, n):
            end = ends[i]
            obj = objects.get(i) if objects else None
            if obj is not None:
                yield i, obj.source, obj.target or "", obj.status
            else:
                if end > base + len(block):
                    base = begin
                    block = memoryview(self._raw(begin, max(end, min(
                        begin + _SPILL_CHUNK, ends[-1]))))
                vals = loads(block[begin - base:end - base])
                yield (i, vals[2], vals[3] or "",
                       vals[_STATUS] if len(vals) > _STATUS else None)
            begin = end

    def lengths(self) -> Any:
        """``(n, 3)`` int32 numpy array: source, target and reference lengths."""
        import numpy as np  # only these queries need numpy: not loaded to pack

        return np.frombuffer(self._lengths, dtype=np.int32).reshape(-1, 3).copy()

    def id_hashes(self) -> Any:
        """int64 numpy array of ``hash(id)`` by position (a view of the buffer)."""
        import numpy as np  # only these queries need numpy: not loaded to pack

        return np.frombuffer(self._hashes, dtype=np.int64)

    def positions_of_id(self, unit: str) -> list[int]:
        """Positions whose unit id is ``unit`` (hash match, then checked)."""
        import numpy as np  # only these queries need numpy: not loaded to pack

        hits = np.flatnonzero(self.id_hashes() == hash(unit))
        return [int(i) for i in hits if self._get(int(i)).id == unit]

    def repeated_ids(self) -> bool:
        """True when some unit id may repeat (two ids with one hash)."""
        import numpy as np  # only these queries need numpy: not loaded to pack

        h = self.id_hashes()
        return len(h) > 0 and len(np.unique(h)) != len(h)

    def nbytes(self) -> int:
        """Bytes held in memory (buffer and arrays), for the benchmark."""
        return (len(self._blob) + self._ends.itemsize * len(self._ends)
                + self._lengths.itemsize * len(self._lengths)
                + self._hashes.itemsize * len(self._hashes))

    def trim(self) -> None:
        """Once complete: the rest written out (spilled), or the spare room the
        buffer grew with dropped."""
        if self._file is not None:
            self._flush()
        else:
            self._blob = bytearray(self._blob)


def pack(segments: Iterable[Segment], progress: Callable[[int, int], None] | None = None,
         every: int = 5_000, spill: bool = True,
         spill_dir: str | os.PathLike[str] | None = None) -> PackedSegments:
    """Pack a segment stream (``spill``: into a temporary file, in ``spill_dir`` when
    given), calling ``progress(units, line)`` every ``every`` units (the callback may
    raise to stop)."""
    out = PackedSegments(spill, spill_dir)
    add = out.append
    for seg in segments:
        add(seg)
        if progress is not None and len(out) % every == 0:
            progress(len(out), seg.line or 0)
    out.trim()
    return out


class SegmentView(Sequence[Segment]):
    """A :class:`PackedSegments` with some segments replaced (assignable): what a
    list copy of it would be, without the copy."""

    def __init__(self, base: PackedSegments, replaced: dict[int, Segment] | None = None) -> None:
        self.base = base
        self.replaced: dict[int, Segment] = dict(replaced or {})

    def __len__(self) -> int:
        return len(self.base)

    @overload
    def __getitem__(self, i: int) -> Segment: ...
    @overload
    def __getitem__(self, i: slice) -> list[Segment]: ...

    def __getitem__(self, i: int | slice) -> Segment | list[Segment]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self.base)
        seg = self.replaced.get(i)
        return seg if seg is not None else self.base[i]

    def __setitem__(self, i: int, seg: Segment) -> None:
        if i < 0:
            i += len(self.base)
        if not 0 <= i < len(self.base):
            raise IndexError("segment index out of range")
        self.replaced[i] = seg

    def __iter__(self) -> Iterator[Segment]:
        rep = self.replaced
        for i, seg in enumerate(self.base):
            yield rep.get(i, seg) if rep else seg

    def texts(self, start: int = 0) -> Iterator[tuple[int, str, str, str | None]]:
        """:meth:`PackedSegments.texts`, replaced segments' own."""
        rep = self.replaced
        for item in self.base.texts(start):
            seg = rep.get(item[0]) if rep else None
            yield item if seg is None else (item[0], seg.source, seg.target or "", seg.status)

    @property
    def digit_ids(self) -> bool:
        """Every unit id is a number (see :class:`PackedSegments`)."""
        return self.base.digit_ids and all(s.id.isdigit() for s in self.replaced.values())

    def lengths(self) -> Any:
        """Text lengths as :meth:`PackedSegments.lengths`, replaced segments' own."""
        out = self.base.lengths()
        for i, s in self.replaced.items():
            out[i] = (len(s.source), len(s.target or ""), len(s.reference or ""))
        return out

    def positions_of_id(self, unit: str) -> list[int]:
        """Positions whose unit id is ``unit``."""
        hits = [i for i in self.base.positions_of_id(unit)
                if i not in self.replaced or self.replaced[i].id == unit]
        hits += [i for i, s in self.replaced.items() if s.id == unit and i not in hits]
        return sorted(hits)

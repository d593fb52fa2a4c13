"""simplemma's lexicons as compact, memory-mapped word -> lemma mappings.

The storage behind :mod:`reviewer.morph` (which is the API to use). A lexicon is
simplemma's front-coded stream (sorted keys, each sharing a prefix with the one
before) with a sparse block index: every 32nd record's key for the bisection, its
offset and the previous record's key and value (the front-coding seed). Beside it:

* a sorted array of the keys' CRC-32, which answers most misses without decoding a
  block (spelling's typo search asks for hundreds of non-words a word); a hit is
  always confirmed in the stream, so answers are exact; in front of it a bitmap of
  the checksums' top bits (one byte a key), which answers most misses with one
  index instead of a bisection;
* a sorted array of the lemmas' 64-bit BLAKE2b keys, for "is this word a lemma" (a
  false hit has a probability of about n/2**64: a set of the lemma strings took
  tens of MB for Russian).

Building the index walks the whole stream (0.1-1 s a language), so it is written to
the lexicon cache directory; a later run maps that file (``mmap``) instead of reading
it: the stream and the arrays stay in the page cache, shared between processes, and
only the pages a run touches count towards its memory. Without a cache directory the
same structures are built in memory.

Importing this module, or loading a lexicon, does not import simplemma's package
(whose ``__init__`` compiles the guessing rules of every language: ~0.1 s): the one
module of simplemma's needed here, the stream decoder ``frontcode`` (stdlib-only), is
loaded from its file when simplemma itself is not imported yet.
"""

from __future__ import annotations

import importlib.util
import lzma
import marshal
import mmap
import os
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from hashlib import blake2b
from pathlib import Path
from types import ModuleType
from typing import Any
from zlib import crc32

__all__ = ["StreamLexicon", "load", "build", "lemma_key", "MAGIC"]

MAGIC = b"RVSM4"
_BLOCK = 32  # records a block, as simplemma's StreamMap
#: header length, then the offsets of the checksums, the bitmap, the lemma keys, the stream
_HEAD = struct.Struct("<QQQQQ")
_PAGE = mmap.ALLOCATIONGRANULARITY
_FRONTCODE = "simplemma.strategies.dictionaries.frontcode"


def _frontcode_module(data_dir: Path) -> ModuleType:
    """simplemma's ``frontcode`` module: the imported one when simplemma is loaded,
    else its file loaded on its own (it imports only the standard library)."""
    mod = sys.modules.get(_FRONTCODE)
    if mod is not None:
        return mod
    path = data_dir.parent / "frontcode.py"
    spec = importlib.util.spec_from_file_location("reviewer._simplemma_frontcode", path)
    if spec is None or spec.loader is None:  # pragma: no cover - a broken install
        return importlib.import_module(_FRONTCODE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def lemma_key(word: bytes) -> int:
    """The 64-bit key of a lemma (its UTF-8 bytes) in :attr:`StreamLexicon.lemma_keys`."""
    return int.from_bytes(blake2b(word, digest_size=8).digest(), "little")


def _align(n: int) -> int:
    return -(-n // _PAGE) * _PAGE


class StreamLexicon(Mapping[str, str]):
    """One language's word form -> lemma mapping, read from the front-coded stream
    on demand (see the module docstring). ``data``, ``crcs`` and ``lemma_keys`` are
    bytes/arrays when built in memory, views of a mapped file when loaded."""

    __slots__ = ("_fc", "_data", "_rev", "_count", "_pos", "_firsts", "_offs", "_seeds",
                 "_seed_offs", "_crcs", "_bits", "_shift", "lemma_keys", "_map")

    def __init__(self, fc: ModuleType, data: Any, rev: bool, count: int, pos: int,
                 firsts: list[bytes], offs: Any, seeds: bytes, seed_offs: Any,
                 crcs: Any, bits: Any, lemma_keys: Any, mapped: Any = None) -> None:
        self._fc, self._data, self._rev, self._count, self._pos = fc, data, rev, count, pos
        self._firsts, self._offs, self._seeds, self._seed_offs = firsts, offs, seeds, seed_offs
        self._crcs, self._bits, self.lemma_keys, self._map = crcs, bits, lemma_keys, mapped
        # the bitmap has 8 * len(bits) bits, a power of two: a checksum's top bits index it
        self._shift = 32 - (8 * len(bits)).bit_length() + 1

    # -- Mapping ---------------------------------------------------------------------

    def _find(self, target: bytes) -> str | None:
        """The lemma of a stored (possibly reversed) key, or None."""
        crcs, h = self._crcs, crc32(target)
        j = h >> self._shift
        if not self._bits[j >> 3] >> (j & 7) & 1:
            return None
        i = bisect_left(crcs, h)
        if i == len(crcs) or crcs[i] != h:
            return None  # no key has its checksum: not a key
        return self._find_block(target)

    def _find_block(self, target: bytes) -> str | None:
        """:meth:`_find` past the checksum test: the key looked up in its block."""
        block = bisect_right(self._firsts, target) - 1
        if block < 0:
            return None
        so, seeds = self._seed_offs, self._seeds
        k0, k1, v1 = so[2 * block], so[2 * block + 1], so[2 * block + 2]
        for _, stored_key, stored_value in self._fc._iter_records(
                self._data, self._offs[block], seeds[k0:k1], seeds[k1:v1]):
            if stored_key == target:
                value = stored_value[::-1] if self._rev else stored_value
                return str(value.decode())
            if stored_key > target:
                return None
        return None

    def _lookup(self, key: str) -> str | None:
        target = key.encode()
        return self._find(target[::-1] if self._rev else target)

    def any_known(self, words: Iterable[str]) -> bool:
        """Whether some word of ``words`` is a key (stops at the first): one frame
        for the hundreds of candidates of a typo search, most of them answered by
        the checksums alone."""
        crcs, rev, find = self._crcs, self._rev, self._find_block
        bits, shift = self._bits, self._shift
        n = len(crcs)
        for w in words:
            t = w.encode()
            if rev:
                t = t[::-1]
            h = crc32(t)
            j = h >> shift
            if not bits[j >> 3] >> (j & 7) & 1:
                continue
            i = bisect_left(crcs, h)
            if i < n and crcs[i] == h and find(t) is not None:
                return True
        return False

    def __getitem__(self, key: str) -> str:
        value = self._lookup(key) if isinstance(key, str) else None
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        """The lemma of ``key``, or ``default``."""
        value = self._lookup(key) if isinstance(key, str) else None
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        rev = self._rev
        for _, key, _ in self._fc._iter_records(self._data, self._pos):
            yield (key[::-1] if rev else key).decode()

    def __len__(self) -> int:
        return self._count

    def iter_items(self) -> Iterator[tuple[str, str]]:
        """Every ``(form, lemma)`` pair in stream order, decoded in one pass (what
        ``items()`` yields, without looking each key up again: a block decode a key)."""
        rev = self._rev
        for _, key, value in self._fc._iter_records(self._data, self._pos):
            if rev:
                key, value = key[::-1], value[::-1]
            yield key.decode(), value.decode()

    def raw_values(self) -> Iterator[bytes]:
        """Every record's value as stored (UTF-8 bytes), in stream order."""
        rev = self._rev
        for _, _, value in self._fc._iter_records(self._data, self._pos):
            yield value[::-1] if rev else value

    def extends(self, prefix: str, extra: int) -> bool:
        """Whether a key starts with ``prefix`` and has at most ``extra`` more
        characters (and at least one): the keys are sorted, so one block's scan."""
        if self._rev or not prefix:
            return False
        target = prefix.encode()
        limit = len(prefix) + extra
        block = max(0, bisect_right(self._firsts, target) - 1)
        so, seeds = self._seed_offs, self._seeds
        while block < len(self._offs):
            k0, k1, v1 = so[2 * block], so[2 * block + 1], so[2 * block + 2]
            for _, stored_key, _v in self._fc._iter_records(
                    self._data, self._offs[block], seeds[k0:k1], seeds[k1:v1]):
                if stored_key.startswith(target):
                    if stored_key != target and len(stored_key.decode()) <= limit:
                        return True
                elif stored_key > target:
                    return False
            block += 1
        return False

    def is_lemma_bytes(self, word: bytes) -> bool:
        """Whether ``word`` (UTF-8) is the lemma of some record."""
        keys, h = self.lemma_keys, lemma_key(word)
        i = bisect_left(keys, h)
        return i < len(keys) and keys[i] == h

    # -- the cache file --------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """This lexicon as the bytes of a cache file (arrays and stream page-aligned,
        so that :func:`load` can map them in place)."""
        head = marshal.dumps((self._rev, self._count, self._pos, self._firsts,
                              bytes(self._offs), self._seeds, bytes(self._seed_offs),
                              len(self.lemma_keys), len(self._data)))
        crcs, lemmas, data = bytes(self._crcs), bytes(self.lemma_keys), bytes(self._data)
        bits = bytes(self._bits)
        crc_off = _align(len(MAGIC) + _HEAD.size + len(head))
        bits_off = _align(crc_off + len(crcs))
        lemma_off = _align(bits_off + len(bits))
        data_off = _align(lemma_off + len(lemmas))
        out = bytearray(MAGIC + _HEAD.pack(len(head), crc_off, bits_off, lemma_off, data_off)
                        + head)
        for off, part in ((crc_off, crcs), (bits_off, bits), (lemma_off, lemmas),
                          (data_off, data)):
            out += bytes(off - len(out))
            out += part
        return bytes(out)


def _bitmap_size(count: int) -> int:
    """Bytes of the checksum bitmap of ``count`` keys: at least 8 bits a key (a miss
    passes it with a probability under 1/8), a power of two, 8 KiB to 16 MiB."""
    return 1 << max(13, min(24, (count - 1).bit_length()))


def _array(code: str, raw: Any) -> array:
    a = array(code)
    a.frombytes(raw)
    return a


def load(path: Path, data_dir: Path) -> StreamLexicon:
    """The lexicon of a cache file, mapped (ValueError when the file is not one)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size < len(MAGIC) + _HEAD.size:
            raise ValueError("not a cached lexicon")
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if mm[:len(MAGIC)] != MAGIC:
            raise ValueError("not a cached lexicon")
        hlen, crc_off, bits_off, lemma_off, data_off = _HEAD.unpack_from(mm, len(MAGIC))
        start = len(MAGIC) + _HEAD.size
        if not start + hlen <= crc_off <= bits_off <= lemma_off <= data_off < size \
                or data_off % _PAGE:
            raise ValueError("inconsistent cached lexicon")
        # the stream gets a map of its own: its records are addressed from 0
        data = mmap.mmap(f.fileno(), size - data_off, offset=data_off, access=mmap.ACCESS_READ)
    try:
        rev, count, pos, firsts, offs, seeds, seed_offs, nlem, *rest = marshal.loads(
            mm[start:start + hlen])
        # the stream's length (written since the first RVSM4 files: those lack it)
        ndata = rest[0] if rest else size - data_off
        view = memoryview(mm)
        nbits = _bitmap_size(count)
        if crc_off + 4 * count > bits_off or bits_off + nbits > lemma_off \
                or lemma_off + 8 * nlem > data_off or data_off + ndata != size:
            raise ValueError("inconsistent cached lexicon")
        crcs = view[crc_off:crc_off + 4 * count].cast("I")
        bits = view[bits_off:bits_off + nbits]
        lemma_keys = view[lemma_off:lemma_off + 8 * nlem].cast("Q")
        fc = _frontcode_module(data_dir)
        lex = StreamLexicon(fc, data, bool(rev), int(count), int(pos), list(firsts),
                            _array("Q", offs), bytes(seeds), _array("Q", seed_offs),
                            crcs, bits, lemma_keys, mapped=(mm, view))
    except (TypeError, EOFError, IndexError, ValueError, struct.error) as e:
        raise ValueError(f"bad cached lexicon: {e}") from None
    if not (len(lex._firsts) == len(lex._offs) and len(lex._seed_offs) == 2 * len(lex._offs) + 1
            and data[:len(fc._MAGIC)] == fc._MAGIC):
        raise ValueError("inconsistent cached lexicon")
    return lex


def build(code: str, data_dir: Path) -> StreamLexicon:
    """The lexicon of simplemma's ``<code>.plzma``, indexed in memory."""
    fc = _frontcode_module(data_dir)
    with lzma.open(data_dir / f"{code}.plzma", "rb") as fh:
        data = fh.read()
    rev, count, pos = fc._read_header(data)
    firsts: list[bytes] = []
    offs = array("Q")
    seeds = bytearray()
    seed_offs = array("Q", [0])
    prev_key, prev_value = b"", b""
    index = -1
    crcs = array("I")  # 4 bytes a key while building, not a Python int
    lemmas: set[bytes] = set()
    for index, (start, key, value) in enumerate(fc._iter_records(data, pos)):
        crcs.append(crc32(key))
        if value is not prev_value:
            lemmas.add(value)
        if index % _BLOCK == 0:
            firsts.append(key)
            offs.append(start)
            seeds += prev_key
            seed_offs.append(len(seeds))
            seeds += prev_value
            seed_offs.append(len(seeds))
        prev_key, prev_value = key, value
    if index + 1 != count:
        raise ValueError(fc._CORRUPT_STREAM_MSG)
    import numpy as np  # sorts the checksums without a list of ints

    ordered = np.sort(np.frombuffer(crcs, dtype=np.uint32))
    nbits = _bitmap_size(count)
    top = ordered >> np.uint32(32 - (8 * nbits).bit_length() + 1)
    bits = np.zeros(nbits, dtype=np.uint8)
    np.bitwise_or.at(bits, top >> np.uint32(3), np.left_shift(1, top & np.uint32(7)).astype(np.uint8))
    keys = sorted({lemma_key(v[::-1] if rev else v) for v in lemmas})
    return StreamLexicon(fc, data, rev, count, pos, firsts, offs, bytes(seeds), seed_offs,
                         _array("I", ordered.tobytes()), bits.tobytes(), array("Q", keys))

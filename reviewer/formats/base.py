"""The format protocol, read options, and helpers every reader and writer shares.

A format module defines a :class:`Format` subclass and registers it in
:mod:`reviewer.formats`. Readers return a :class:`~reviewer.model.Document` whose
``segments`` may stream. Writers take the original file plus the changed units and
write the whole file again, atomically, leaving unchanged units as they were.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, ClassVar, Iterator, Mapping

from ..errors import InputError
from ..model import Document, Segment


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options that shape how an input is read (all optional)."""

    source_lang: str | None = None
    target_lang: str | None = None
    source_key: str = "source"
    target_key: str = "target"
    reference_key: str = "reference"
    id_key: str | None = None
    terms_key: str = "terms"
    format: str | None = None  # force a format by name
    #: the source-language file of a monolingual resource file (Android, .strings,
    #: .properties, ARB, JSON, .resx, YAML); None: found by the directory convention
    source_file: str | None = None
    #: refuse a file with a malformed unit (else the unit becomes a ``format`` finding)
    strict: bool = False


class Format:
    """Base class of a file format: sniffing, reading, writing."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this format."""
        return False

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Open ``path`` and return its document (segments may be a lazy iterator)."""
        raise NotImplementedError

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Write ``path`` to ``out`` with the units whose index is in ``changes`` replaced
        by the given segments' targets; everything else stays as it was."""
        raise NotImplementedError(f"writing {self.name} files is not supported")

    def read_lines(
        self,
        path: Path,
        lines: Iterator[tuple[int, str]],
        options: ReadOptions,
        base: int = 0,
        first_line: int = 1,
    ) -> Iterator[Segment]:
        """The units in a run of a line-based file's lines (``(line_number, line)``
        pairs from ``first_line`` on, split as ``plaintext.iter_lines`` splits them),
        indexed from ``base``: how the distributed path reads one byte range of a file.
        Line-based formats (TSV, CSV, JSONL, TXT) implement it."""
        raise NotImplementedError(f"{self.name} files are not read by line ranges")


# --------------------------------------------------------------------------- bytes


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """Return ``(encoding, bom_length)`` from a byte-order mark; UTF-8 without one."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return "utf-8", 0


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes in a file without a UTF-16/32 BOM."""
    enc, _ = sniff_encoding(data)
    if enc.startswith(("utf-16", "utf-32")):
        return False
    return b"\x00" in data[:8192]


def decode_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode file bytes to str: BOM-aware (UTF-8/16/32), strict UTF-8 otherwise.

    Raises :class:`InputError` naming the byte offset and line of invalid UTF-8, and
    for binary data.
    """
    if looks_binary(data):
        raise InputError("binary file, not text (it contains NUL bytes)", path)
    enc, bom = sniff_encoding(data)
    try:
        return data[bom:].decode(enc)
    except UnicodeDecodeError as e:
        offset = e.start + bom
        line = data.count(b"\n", 0, offset) + 1
        raise InputError(
            f"invalid {enc.upper()} at byte offset {offset}", path, line
        ) from None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode a whole text file (see :func:`decode_text`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise read_error(e, path) from None
    return decode_text(data, path)


def read_error(e: OSError, path: str | os.PathLike[str]) -> InputError:
    """The one-line error of a file that cannot be read."""
    if isinstance(e, FileNotFoundError):
        return InputError("no such file", path)
    if isinstance(e, IsADirectoryError):
        return InputError("is a directory, not a file", path)
    return InputError(f"cannot read: {e.strerror}", path)


def read_head(path: str | os.PathLike[str], size: int = 4096) -> bytes:
    """The first ``size`` bytes of a file, with a clear error if it cannot be opened."""
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except OSError as e:
        raise read_error(e, path) from None


@contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO]:
    """Write a file atomically: to a temporary file beside it, fsync, then rename.

    On any error the temporary file is removed and the target is left untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8",
                       newline=None if "b" in mode else "") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename)."""
    with atomic_writer(path, "wb") as f:
        f.write(data)

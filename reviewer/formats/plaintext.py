"""Plain text: one segment a line, as a target-only file or as a source/target pair.

A single ``.txt`` file is a target-only document (:func:`read_target_only`): each
non-blank line is a unit with an empty source. Two files given with ``--source`` and
``--target`` are paired line by line (:func:`read_pair`). Unit ids are the 1-based
line numbers; blank lines are skipped but keep their numbers.

This module also holds the line-level helpers the other line-based formats (TSV/CSV,
JSONL) share: :func:`iter_lines` streams a file's lines, decoded and BOM-aware, and
:func:`load_lines`/:func:`save_lines` load a file for a writer and write it back in its
own encoding, so unchanged lines stay byte-identical.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Generator, Iterable, Iterator, Mapping

from ..errors import InputError, ReviewerError
from ..model import Document, Segment
from .base import (
    Format,
    ReadOptions,
    atomic_write_bytes,
    decode_text,
    looks_binary,
    read_text,
    sniff_encoding,
)

__all__ = [
    "PlainTextFormat",
    "TextLines",
    "iter_lines",
    "load_lines",
    "save_lines",
    "split_eol",
    "read_pair",
    "read_target_only",
    "write_pair",
]

PathLike = str | os.PathLike[str]

# --------------------------------------------------------------------------- lines


def split_eol(line: str) -> tuple[str, str]:
    """Split a line as read with universal newlines off into ``(text, ending)``."""
    if line.endswith("\r\n"):
        return line[:-2], "\r\n"
    if line.endswith(("\n", "\r")):
        return line[:-1], line[-1]
    return line, ""


def _open_error(path: PathLike, e: OSError) -> InputError:
    if isinstance(e, FileNotFoundError):
        return InputError("no such file", path)
    if isinstance(e, IsADirectoryError):
        return InputError("is a directory, not a file", path)
    return InputError(f"cannot read: {e.strerror}", path)


def _decode_failure(path: PathLike, line: int | None) -> InputError:
    """The precise error for a file that failed to decode while streaming.

    The streaming decoder does not know byte offsets, so the whole file is decoded
    once more by :func:`decode_text`, which names the offset and line.
    """
    try:
        read_text(path)
    except InputError as e:
        return e
    return InputError("cannot decode the file", path, line)  # pragma: no cover


@contextmanager
def open_text(path: PathLike) -> Iterator[IO[str]]:
    """Open a text file for streaming: BOM sniffed and skipped, newlines kept as found.

    Binary files (NUL bytes near the start without a UTF-16/32 BOM) raise
    :class:`InputError`; decoding errors surface while reading (see
    :func:`iter_lines`, which maps them to :class:`InputError`).
    """
    try:
        raw = open(path, "rb")
    except OSError as e:
        raise _open_error(path, e) from None
    try:
        head = raw.read(8192)
        if looks_binary(head):
            raise InputError("binary file, not text (it contains NUL bytes)", path)
        encoding, bom = sniff_encoding(head)
        raw.seek(bom)
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
    except BaseException:
        raw.close()
        raise
    with text:
        yield text


def iter_lines(path: PathLike) -> Generator[tuple[int, str], None, None]:
    """Yield ``(line_number, line)`` for each line of a text file, streaming.

    ``line`` keeps its ending (``\\n``, ``\\r\\n`` or ``\\r``); numbers are 1-based. A
    final newline does not make an extra empty line. Invalid UTF-8 raises
    :class:`InputError` naming the byte offset and line.
    """
    lineno = 0
    with open_text(path) as f:
        try:
            for line in f:
                lineno += 1
                yield lineno, line
        except UnicodeDecodeError:
            raise _decode_failure(path, lineno + 1) from None


@dataclass(slots=True)
class TextLines:
    """A whole text file held for rewriting: its lines (endings kept) and encoding."""

    lines: list[str]
    encoding: str = "utf-8"
    bom: bytes = b""

    def to_bytes(self) -> bytes:
        """The file again, in its own encoding and with its byte-order mark."""
        return self.bom + "".join(self.lines).encode(self.encoding)


def load_lines(path: PathLike) -> TextLines:
    """Read a whole text file for a writer (same line splitting as :func:`iter_lines`)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise _open_error(path, e) from None
    text = decode_text(data, path)
    encoding, bom = sniff_encoding(data)
    return TextLines(list(io.StringIO(text, newline="")), encoding, data[:bom])


def save_lines(out: PathLike, text: TextLines) -> None:
    """Write lines loaded by :func:`load_lines` (possibly edited) to ``out`` atomically."""
    atomic_write_bytes(out, text.to_bytes())


def _check_single_line(value: str, unit: str) -> str:
    """A target that must fit on one line of a line-based file."""
    if "\n" in value or "\r" in value:
        raise ReviewerError(
            f"the new target of unit {unit} contains a line break, "
            "which a one-segment-a-line file cannot hold"
        )
    return value


# --------------------------------------------------------------------------- reading


def _blank(text: str) -> bool:
    return not text.strip()


def _target_only_units(path: PathLike) -> Iterator[tuple[int, int, str]]:
    """Yield ``(index, line_number, text)`` for each non-blank line."""
    index = 0
    for lineno, line in iter_lines(path):
        text, _ = split_eol(line)
        if _blank(text):
            continue
        yield index, lineno, text
        index += 1


def read_target_only(path: PathLike, options: ReadOptions | None = None) -> Document:
    """Read a target-only plain-text file: one unit a non-blank line, source ``""``."""
    options = options or ReadOptions()
    with open_text(path):  # fail early on a missing or binary file
        pass

    def segments() -> Iterator[Segment]:
        for index, lineno, text in _target_only_units(path):
            yield Segment(id=str(lineno), index=index, source="", target=text, line=lineno)

    return Document(
        path=str(path),
        format="txt",
        source_lang=options.source_lang,
        target_lang=options.target_lang,
        segments=segments(),
        target_only=True,
    )


def _count_lines(path: PathLike) -> int:
    n = 0
    for n, _ in iter_lines(path):
        pass
    return n


def _pair_units(
    source_path: PathLike, target_path: PathLike
) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(index, line_number, source, target)``; lines blank on both sides skipped."""
    index = 0
    for (lineno, src_line), (_, tgt_line) in zip(
        iter_lines(source_path), iter_lines(target_path)
    ):
        src, _ = split_eol(src_line)
        tgt, _ = split_eol(tgt_line)
        if _blank(src) and _blank(tgt):
            continue
        yield index, lineno, src, tgt
        index += 1


def _check_pair(source_path: PathLike, target_path: PathLike) -> None:
    n_src = _count_lines(source_path)
    n_tgt = _count_lines(target_path)
    if n_src != n_tgt:
        raise InputError(
            f"source has {n_src} lines, target has {n_tgt}: {source_path} and "
            f"{target_path} must have one segment a line, line for line "
            "(to align documents sentence by sentence, add --align)",
            target_path,
        )


def read_pair(
    source_path: PathLike, target_path: PathLike, options: ReadOptions | None = None
) -> Document:
    """Pair two plain-text files line by line (one segment a line).

    The files must have the same number of lines (else :class:`InputError` naming both
    files and counts). Lines blank in both files are skipped. The document's ``path``
    is the target file; ``meta["source_path"]`` the source file.
    """
    options = options or ReadOptions()
    _check_pair(source_path, target_path)

    def segments() -> Iterator[Segment]:
        for index, lineno, src, tgt in _pair_units(source_path, target_path):
            yield Segment(id=str(lineno), index=index, source=src, target=tgt, line=lineno)

    return Document(
        path=str(target_path),
        format="txt",
        source_lang=options.source_lang,
        target_lang=options.target_lang,
        segments=segments(),
        meta={"source_path": str(source_path)},
    )


# --------------------------------------------------------------------------- writing


def _rewrite(
    target_path: PathLike,
    out: PathLike,
    changes: Mapping[int, Segment],
    units: Iterable[tuple[int, int]],
) -> None:
    """Replace the lines of changed units (``(index, line_number)`` pairs) and save."""
    text = load_lines(target_path)
    pending = dict(changes)
    for index, lineno in units:
        seg = pending.pop(index, None)
        if seg is None:
            continue
        new = _check_single_line(seg.target or "", seg.id or str(lineno))
        _, eol = split_eol(text.lines[lineno - 1])
        text.lines[lineno - 1] = new + eol
    if pending:
        raise InputError(
            f"no unit with index {min(pending)} (the file changed since it was read?)",
            target_path,
        )
    save_lines(out, text)


def write_pair(
    source_path: PathLike,
    target_path: PathLike,
    out: PathLike,
    changes: Mapping[int, Segment],
    options: ReadOptions | None = None,
) -> None:
    """Write the target file of a pair to ``out`` with the changed units' targets."""
    _check_pair(source_path, target_path)
    units = ((i, n) for i, n, _, _ in _pair_units(source_path, target_path))
    _rewrite(target_path, out, changes, units)


class PlainTextFormat(Format):
    """A single plain-text file, read as a target-only document."""

    name = "txt"
    suffixes = (".txt", ".text")

    def sniff(self, head: bytes) -> bool:
        """Plain text is the fallback, never claimed by content."""
        return False

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Read ``path`` as a target-only document (see :func:`read_target_only`)."""
        return read_target_only(path, options)

    def read_lines(self, path: Path, lines: Iterator[tuple[int, str]], options: ReadOptions,
                   base: int = 0, first_line: int = 1) -> Iterator[Segment]:
        """The non-blank lines of a range as target-only units (see
        :meth:`Format.read_lines`)."""
        index = base
        for lineno, line in lines:
            text, _ = split_eol(line)
            if not text.strip():
                continue
            yield Segment(id=str(lineno), index=index, source="", target=text, line=lineno)
            index += 1

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Rewrite the changed lines of a target-only file, others byte-identical."""
        units = ((i, n) for i, n, _ in _target_only_units(path))
        _rewrite(path, out, changes, units)


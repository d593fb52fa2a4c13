"""One input opener for every command.

An *input description* is what a command was given: INPUT files (directories walked
for the supported suffixes of :data:`reviewer.formats.SUFFIXES`, the one suffix
registry), a ``--source``/``--target`` pair (line by line, or sentence-aligned with
``--align``), or a ``--target`` document alone (target-only review). :func:`open_inputs`
opens it as documents; :func:`open_one` opens one file (``Project.open`` and the
review screen's checker use it).

Inputs that are not regular files (a pipe, process substitution ``<(...)``, a named
FIFO, a character device) are read once as a stream into a temporary file kept until
the process ends (:func:`readable_path`). The wait for the stream's first byte is
bounded (:data:`PIPE_WAIT` seconds): a FIFO nobody writes to is refused with a
one-line error instead of hanging.
"""

from __future__ import annotations

import atexit
import os
import select
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError, ReviewerError, UsageError
from .model import Document

#: Seconds to wait for the first byte of a pipe or FIFO before refusing it.
PIPE_WAIT = 5.0

_spooled: dict[str, Path] = {}
_spool_dir: list[str] = []


@dataclass(frozen=True)
class InputSpec:
    """What a command was asked to read."""

    files: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    align: bool = False

    def validate(self) -> None:
        """Refuse contradictory or missing inputs with a usage error."""
        if self.source and not self.target:
            raise UsageError("--source needs --target (the translation of that file)")
        if self.align and not (self.source and self.target):
            raise UsageError("--align needs --source and --target (two documents to align)")
        if self.target and self.files:
            raise UsageError("give either INPUT files or --source/--target, not both")
        if not (self.files or self.target):
            raise UsageError("no input: give INPUT files, or --source and --target")

    def paths(self) -> list[str]:
        """Every file this description reads (for the output writer's refusals)."""
        return [p for p in (*self.files, self.source, self.target) if p]


def is_stream(path: str | os.PathLike[str]) -> bool:
    """True for an existing input that is not a regular file or a directory (pipe,
    FIFO, character device, socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def readable_path(path: str | os.PathLike[str]) -> Path:
    """``path`` itself for a regular file (or a missing one: its reader says so); for
    a stream, a temporary regular file holding everything it gave (same file name, so
    the suffix still picks the format). A stream is read once per process."""
    key = str(path)
    if key in _spooled:
        return _spooled[key]
    if not is_stream(path):
        return Path(path)
    try:
        fd = os.open(key, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", key) from None
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        if not poller.poll(int(PIPE_WAIT * 1000)):
            raise InputError(f"nothing to read after {PIPE_WAIT:g} s (a named pipe with no "
                             "writer?); give a regular file", key)
        os.set_blocking(fd, True)
        if not _spool_dir:
            _spool_dir.append(tempfile.mkdtemp(prefix="reviewer-stream-"))
            atexit.register(shutil.rmtree, _spool_dir[0], True)
        name = Path(key).name or "stdin"
        sub = Path(tempfile.mkdtemp(dir=_spool_dir[0]))
        out = sub / name
        with os.fdopen(fd, "rb", closefd=True) as src, open(out, "wb") as dst:
            fd = -1
            shutil.copyfileobj(src, dst, 1 << 20)
    finally:
        if fd >= 0:
            os.close(fd)
    _spooled[key] = out
    return out


def require_regular(path: str | os.PathLike[str], why: str) -> None:
    """Refuse a stream where a regular file is needed (``why`` says what for)."""
    if is_stream(path):
        raise UsageError(f"is a pipe or device, not a regular file ({why}); save it to a "
                         "file first", path)


def expand(paths: tuple[str, ...] | list[str]) -> list[str]:
    """Files as given; directories expanded to the supported files inside, sorted."""
    from .formats import SUFFIXES

    out: list[str] = []
    for p in paths:
        if p == "":
            raise UsageError("an input path is empty")
        if os.path.isdir(p):
            # (only here: the glossary readers import lxml, rapidfuzz and the terms
            # package, ~40 ms of a cold start that names its files)
            from .glossary_io import looks_like_glossary

            found = sorted(
                str(f) for f in Path(p).rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not f.name.endswith(".review.sqlite")
                and not looks_like_glossary(f)  # a glossary beside the files it serves
            )
            if not found:
                raise UsageError("no supported files in this directory", p)
            out.extend(found)
        else:
            out.append(p)
    return out


def _renamed(doc: Document, path: str) -> Document:
    doc.path = path
    return doc


def open_one(path: str | os.PathLike[str], options: Any,
             source: str | os.PathLike[str] | None = None,
             target_only: bool = False) -> Document:
    """One document: a bilingual file, the target of a plain-text pair (``source``
    given), or a plain-text target alone (``target_only``). Streams are spooled first;
    the document keeps the name the user gave."""
    from .formats import open_document, open_pair, plaintext

    real = readable_path(path)
    real_source = readable_path(source) if source is not None else None
    try:
        if real_source is not None:
            from .formats import SUFFIXES

            if options.format is None and real.suffix.lower() not in SUFFIXES:
                # no known suffix (a pipe, process substitution): plain text, line by line
                doc = plaintext.read_pair(real_source, real, options)
            else:
                doc = open_pair(real_source, real, options)  # by key, or line by line
            if isinstance(doc.meta, dict) and real_source != Path(str(source)):
                doc.meta["source_path"] = str(source)
        elif target_only:
            doc = plaintext.read_target_only(real, options)
        else:
            doc = open_document(real, options)
            check_keys(doc, options, path)
    except ReviewerError as e:  # name the file the user gave, not its spooled copy
        if e.path == str(real):
            e.path = str(path)
        elif real_source is not None and e.path == str(real_source):
            e.path = str(source)
        raise
    return _renamed(doc, str(path)) if real != Path(path) else doc


_KEY_DEFAULTS = (("source_key", "--source-key", "source"), ("target_key", "--target-key", "target"),
                 ("reference_key", "--reference-key", "reference"), ("id_key", "--id-key", None))


def check_keys(doc: Document, options: Any, path: str | os.PathLike[str]) -> None:
    """A read key the user set must name a column of a TSV/CSV file (it is never
    silently ignored)."""
    if doc.format not in ("tsv", "csv"):
        return
    from .formats.tabular import _norm

    raw = doc.meta.get("header") if isinstance(doc.meta, dict) else None
    header = [str(c) for c in raw] if isinstance(raw, (list, tuple)) else None
    names = {_norm(c) for c in header or ()}
    for attr, flag, default in _KEY_DEFAULTS:
        key = getattr(options, attr, default)
        if key is None or key == default:
            continue
        if header is None:
            raise UsageError(f"{flag} {key!r}: this file has no header row to name "
                             "columns", path)
        if _norm(key) not in names:
            raise UsageError(f"{flag} {key!r} names no column of this file (columns: "
                             + ", ".join(header) + ")", path)


def open_inputs(spec: InputSpec, options: Any) -> Iterator[Document]:
    """The documents of ``spec`` (see the module docstring)."""
    spec.validate()
    if spec.target:
        if spec.source and spec.align:
            yield aligned_document(spec.source, spec.target, options)
        else:
            yield open_one(spec.target, options, source=spec.source,
                           target_only=not spec.source)
        return
    for path in expand(spec.files):
        yield from open_all(path, options)


def open_all(path: str | os.PathLike[str], options: Any) -> list[Document]:
    """The documents of one INPUT file: one, or one per target language for a file
    holding several (an Xcode String Catalog without ``--target-lang``)."""
    from .formats import open_documents

    real = readable_path(path)
    try:
        docs = open_documents(real, options)
        for doc in docs:
            check_keys(doc, options, path)
    except ReviewerError as e:
        if e.path == str(real):
            e.path = str(path)
        raise
    return [_renamed(d, str(path)) for d in docs] if real != Path(path) else docs


def aligned_document(source: str, target: str, options: Any) -> Document:
    """The sentence alignment of two documents as one document (the ``alignment``
    check sees each link's kind and confidence): what ``check --align`` and
    ``review --align`` both read."""
    from .align import align_documents

    doc = align_documents(str(readable_path(source)), str(readable_path(target)),
                          options.source_lang, options.target_lang)
    return _renamed(doc, target) if doc.path != target else doc


def project_document(path: str | os.PathLike[str], options: Any,
                     source: str | os.PathLike[str] | None = None,
                     aligned: bool = False) -> Document:
    """The document a review project holds: FILE, a plain-text pair (``source``), or
    the sentence alignment of the pair (``aligned``). ``Project.open`` and the review
    screen's checker process both read it here, so they see the same units."""
    if aligned:
        if source is None:
            raise UsageError("--align needs --source and --target (two documents to align)")
        return aligned_document(str(source), str(path), options)
    return open_one(path, options, source=source)

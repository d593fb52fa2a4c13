"""Format registry: find the reader for a file by suffix and, where ambiguous, content.

Public entry points: :func:`open_document`, :func:`get_format`, :func:`detect_format`,
:func:`write_document`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Mapping

from ..errors import InputError
from ..model import Document, Segment
from .base import Format, ReadOptions, read_head
from .keysource import resolve_key_sources
from .langcheck import check_declared
from .plaintext import read_pair
from .registry import FORMAT_MODULES, SUFFIXES, detect_format, get_format

__all__ = [
    "Format",
    "ReadOptions",
    "open_document",
    "get_format",
    "detect_format",
    "write_document",
    "FORMAT_MODULES",
    "SUFFIXES",
    "open_documents",
    "open_pair",
]

def open_document(path: str | Path, options: ReadOptions | None = None) -> Document:
    """Open any supported bilingual file and return its document."""
    options = options or ReadOptions()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", p)
    if p.is_dir():
        raise InputError("is a directory, not a file", p)
    fmt = detect_format(p, options.format)
    if _is_blank(p):
        return Document(path=str(path), format=fmt.name, source_lang=options.source_lang,
                        target_lang=options.target_lang, segments=[])
    doc = fmt.read(p, options)
    if fmt.name in ("xliff", "po"):
        doc = resolve_key_sources(doc, options.source_file)
    doc = check_declared(doc)
    if options.strict:
        _refuse_problems(doc)
    return doc


def _refuse_problems(doc: Document) -> None:
    """``--strict``: a unit the reader could not read fully refuses the whole file."""
    for seg in doc.materialize():
        if seg.problems:
            line, msg = seg.problems[0]
            raise InputError(msg, doc.path, line)


def open_documents(path: str | Path, options: ReadOptions | None = None) -> list[Document]:
    """Like :func:`open_document`, but a file holding several target languages (an
    Xcode String Catalog) without ``target_lang`` gives one document per language."""
    options = options or ReadOptions()
    p = Path(path)
    if p.is_file() and options.target_lang is None:
        fmt = detect_format(p, options.format)
        langs = getattr(fmt, "languages", None)
        if langs is not None and not _is_blank(p):
            return [check_declared(fmt.read(p, replace(options, target_lang=lang)))
                    for lang in langs(p)]
    return [open_document(p, options)]


def open_pair(source: str | Path, target: str | Path,
              options: ReadOptions | None = None) -> Document:
    """A source file and its translation: a monolingual resource format pairs them by
    key; other files (plain text) line by line."""
    options = options or ReadOptions()
    t = Path(target)
    if not t.exists():
        raise InputError("no such file", t)
    fmt = detect_format(t, options.format)
    if getattr(fmt, "monolingual", False):
        if not Path(source).is_file():
            raise InputError("no such file", source)
        return fmt.read(t, replace(options, source_file=str(source)))
    return read_pair(Path(source), t, options)


def _is_blank(p: Path) -> bool:
    """True for an empty file, or one holding only a BOM and whitespace."""
    size = p.stat().st_size
    if size == 0:
        return True
    if size > 64:
        return False
    data = read_head(p, 64)
    for bom, enc in (("\ufeff".encode("utf-8"), "utf-8"), (b"\xff\xfe", "utf-16-le"),
                     (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return not data[len(bom):].decode(enc).strip()
            except UnicodeDecodeError:
                return False
    return not data.strip()


def write_document(
    path: str | Path,
    out: str | Path,
    changes: Mapping[int, Segment],
    options: ReadOptions | None = None,
) -> None:
    """Write ``path`` to ``out`` in its own format with ``changes`` applied."""
    options = options or ReadOptions()
    fmt = detect_format(path, options.format)
    fmt.write(Path(path), Path(out), changes, options)

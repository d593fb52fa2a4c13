"""Format registry: find the reader for a file by suffix and, where ambiguous, content.

Public entry points: :func:`open_document`, :func:`get_format`, :func:`detect_format`,
:func:`write_document`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Mapping

from ..errors import InputError, UsageError
from ..model import Document, Segment
from .base import Format, ReadOptions, read_head

__all__ = [
    "Format",
    "ReadOptions",
    "open_document",
    "get_format",
    "detect_format",
    "write_document",
    "FORMAT_MODULES",
    "open_documents",
    "open_pair",
]

# name -> "module:Class"; modules are imported on first use so start-up stays fast.
FORMAT_MODULES: dict[str, str] = {
    "po": "reviewer.formats.po:PoFormat",
    "xliff": "reviewer.formats.xliff:XliffFormat",
    "tmx": "reviewer.formats.tmx:TmxFormat",
    "tsv": "reviewer.formats.tabular:TsvFormat",
    "csv": "reviewer.formats.tabular:CsvFormat",
    "jsonl": "reviewer.formats.jsonl:JsonlFormat",
    "txt": "reviewer.formats.plaintext:PlainTextFormat",
    # app resource formats (key-value; monolingual ones pair a source file by key)
    "json": "reviewer.formats.jsonres:I18nJsonFormat",
    "arb": "reviewer.formats.jsonres:ArbFormat",
    "xcstrings": "reviewer.formats.jsonres:XcstringsFormat",
    "android": "reviewer.formats.android:AndroidFormat",
    "resx": "reviewer.formats.resx:ResxFormat",
    "ts": "reviewer.formats.qtts:QtTsFormat",
    "strings": "reviewer.formats.apple:StringsFormat",
    "stringsdict": "reviewer.formats.apple:StringsdictFormat",
    "properties": "reviewer.formats.properties:PropertiesFormat",
    "yaml": "reviewer.formats.yamlres:YamlFormat",
}

SUFFIXES: dict[str, str] = {
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlf2": "xliff",
    ".sdlxliff": "xliff",
    ".mxliff": "xliff",
    ".tmx": "tmx",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".arb": "arb",
    ".xcstrings": "xcstrings",
    ".xml": "android",
    ".resx": "resx",
    ".resw": "resx",
    ".ts": "ts",
    ".strings": "strings",
    ".stringsdict": "stringsdict",
    ".properties": "properties",
    ".yml": "yaml",
    ".yaml": "yaml",
}

_cache: dict[str, Format] = {}


def get_format(name: str) -> Format:
    """The format object registered under ``name``."""
    if name not in FORMAT_MODULES:
        raise UsageError(
            f"unknown format {name!r} (known: {', '.join(sorted(FORMAT_MODULES))})"
        )
    if name not in _cache:
        modname, _, clsname = FORMAT_MODULES[name].partition(":")
        cls = getattr(importlib.import_module(modname), clsname)
        _cache[name] = cls()
    return _cache[name]


def detect_format(path: str | Path, forced: str | None = None) -> Format:
    """Pick the format for ``path``: forced name, else suffix, else content sniffing."""
    if forced:
        return get_format(forced)
    p = Path(path)
    name = SUFFIXES.get(p.suffix.lower())
    if name in ("xliff", "tmx", "po"):
        return get_format(name)
    head = read_head(p)
    if name == "json" and not get_format("json").sniff(head):
        name = "jsonl"  # JSON Lines saved as .json
    if name in ("android", "ts", "resx"):
        # .xml/.ts may hold XLIFF or TMX too; a .ts must be Qt Linguist XML
        if get_format(name).sniff(head):
            return get_format(name)
        for cand in ("xliff", "tmx"):
            if get_format(cand).sniff(head):
                return get_format(cand)
        if not get_format(name).sniff(head):
            raise InputError(f"not a {get_format(name).name} file (the content does not "
                             "match the suffix)", p)
    if name is None or name == "txt":
        # Content decides for unknown suffixes (and XML saved as .txt).
        for cand in ("xliff", "tmx", "po", "jsonl"):
            if get_format(cand).sniff(head):
                return get_format(cand)
    if name is None:
        raise InputError(
            f"unrecognised file type {p.suffix or '(no suffix)'!r}; known suffixes: "
            + ", ".join(sorted(SUFFIXES)),
            p,
        )
    return get_format(name)


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
        from .keysource import resolve_key_sources

        doc = resolve_key_sources(doc, options.source_file)
    from .langcheck import check_declared

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
            from dataclasses import replace

            from .langcheck import check_declared

            return [check_declared(fmt.read(p, replace(options, target_lang=lang)))
                    for lang in langs(p)]
    return [open_document(p, options)]


def open_pair(source: str | Path, target: str | Path,
              options: ReadOptions | None = None) -> Document:
    """A source file and its translation: a monolingual resource format pairs them by
    key; other files (plain text) line by line."""
    from dataclasses import replace

    options = options or ReadOptions()
    t = Path(target)
    if not t.exists():
        raise InputError("no such file", t)
    fmt = detect_format(t, options.format)
    if getattr(fmt, "monolingual", False):
        if not Path(source).is_file():
            raise InputError("no such file", source)
        return fmt.read(t, replace(options, source_file=str(source)))
    from . import plaintext

    return plaintext.read_pair(Path(source), t, options)


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

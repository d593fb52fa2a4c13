"""The format registry: each format's name and reader class, the suffixes that name
them, and :func:`detect_format` (suffix, else content). One table for every command
and for the readers that open a second file themselves (:mod:`.keysource`).

:mod:`reviewer.formats` re-exports all of this; import from there.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import InputError, UsageError
from .base import Format, read_head

__all__ = ["FORMAT_MODULES", "SUFFIXES", "get_format", "detect_format"]

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

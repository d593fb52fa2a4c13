"""Glossary loaders: TSV/CSV with a header row, TBX v2 (``martif``) and v3 (``tbx``).

TSV/CSV columns (by name, any order; see interfaces.md): ``source`` (required),
``target`` (``|``-separated approved forms; empty = do-not-translate), ``forbidden``
(``|``-separated), ``case`` (``yes`` = case-sensitive, ``no`` = insensitive, empty =
default rule), ``note``. Blank lines and lines starting with ``#`` are skipped.

TBX: ``termEntry``/``conceptEntry`` > ``langSet``/``langSec`` [``xml:lang``] >
``tig``/``ntig``/``termSec`` > ``term``. A target term whose ``administrativeStatus``
or ``normativeAuthorization`` note says deprecated or superseded is *forbidden*; the
others (preferred, admitted, no status) are approved. Source terms that are deprecated
are not matched. The source language is ``source_lang`` when given, else the
``xml:lang`` of the root, else the first language of the file; the target language is
``target_lang``, else the first other language. An entry without a target-language
term that is not deprecated is skipped (it is not a do-not-translate entry). Languages match by primary
subtag when no exact match exists (``en`` matches ``en-US``).
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Iterable

from lxml import etree

from .errors import ConfigError, InputError
from .formats.xmlsafe import check_prolog, local, make_parser, syntax_error
from .safetext import split_lines
from .terms.entries import Entry
from .terms.glossary import Glossary

__all__ = ["load_glossary", "read_table", "read_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = {
    "deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded",
    "obsoleteterm-admn-sts", "obsolete",
}
_COLUMNS = {
    "source": "source", "source term": "source", "src": "source", "term": "source",
    "target": "target", "target term": "target", "tgt": "target", "translation": "target",
    "forbidden": "forbidden", "case": "case", "note": "note", "notes": "note",
    "comment": "note",
}


#: The review store beside an input (:data:`reviewer.store.SUFFIX`; not imported from
#: there, so ``check`` does not load the store module for a file never reviewed).
STORE_SUFFIX = ".review.sqlite"


def review_glossary_pairs(store_path: str | Path) -> list[tuple[str, str]]:
    """The ``(source, target)`` glossary entries added during review, read from a
    store without changing it (read-only; nothing when there is no readable store)."""
    p = Path(store_path)
    if not p.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute("SELECT source, target FROM glossary ORDER BY id").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [(str(s), str(t)) for s, t in rows]


def with_review_entries(glossary: Glossary | None, inputs: Iterable[str]) -> Glossary | None:
    """``glossary`` plus the entries reviewers added in the review stores of
    ``inputs`` (``FILE.review.sqlite``), so ``check`` and ``report`` use them too."""
    pairs: list[tuple[str, str]] = []
    for path in inputs:
        for pair in review_glossary_pairs(Path(str(path) + STORE_SUFFIX)):
            if pair not in pairs:
                pairs.append(pair)
    if not pairs:
        return glossary
    added = Glossary.from_pairs(pairs, name="review")
    return added if glossary is None else glossary.stacked(added)


def looks_like_glossary(path: str | Path) -> bool:
    """True for a TSV/CSV whose header is a glossary's: every column one of the
    glossary columns and at least one only a glossary has (forbidden, case). A
    directory scan leaves such files out of the translation files."""
    p = Path(path)
    if p.suffix.lower() not in (".tsv", ".csv"):
        return False
    try:
        with open(p, encoding="utf-8-sig", errors="replace") as f:
            head = f.readline()
    except OSError:
        return False
    sep = "\t" if "\t" in head else ","
    names = {c.strip().strip('"').lower() for c in head.rstrip("\r\n").split(sep)}
    names.discard("")
    known = {_COLUMNS.get(n) for n in names}
    return bool(names) and None not in known and bool(known & {"forbidden", "case"})


_YES = {"yes", "y", "true", "1", "sensitive", "case-sensitive"}
_NO = {"no", "n", "false", "0", "insensitive", "case-insensitive"}


def load_glossary(
    path: str | Path, source_lang: str | None = None, target_lang: str | None = None
) -> Glossary:
    """Load a glossary file: TBX by suffix (``.tbx``, ``.xml``) or content (a ``<``
    first), else TSV/CSV. Raises InputError (unreadable, malformed) or ConfigError
    (wrong shape), each naming the file and, where known, the line."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read glossary: {e.strerror or e}", p) from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if p.suffix.lower() in (".tbx", ".xml") or head == b"<":
        return read_tbx(data, p, source_lang, target_lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError("glossary is not UTF-8 text", p, line) from None
    return read_table(text, p)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.strip() for x in cell.split("|") if x.strip()))


def read_table(text: str, path: str | Path = "<glossary>") -> Glossary:
    """Parse TSV or CSV text (tab-separated when the header line has a tab, or the
    file ends in ``.tsv``/``.tab``; else comma-separated, RFC 4180 quoting)."""
    p = Path(path)
    lines = split_lines(text)  # not str.splitlines: U+2028, U+0085... are cell text
    hdr_no = next((i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")), None)
    if hdr_no is None:
        raise ConfigError("empty glossary: a header row with a 'source' column is required", p, 1)
    header_line = lines[hdr_no]
    tab = p.suffix.lower() in (".tsv", ".tab") or (
        p.suffix.lower() != ".csv" and "\t" in header_line
    )
    numbered: Iterable[tuple[int, list[str]]]
    if tab:
        numbered = ((n, ln.split("\t")) for n, ln in enumerate(lines, 1))
    else:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        numbered = ((reader.line_num, row) for row in reader)
    entries: list[Entry] = []
    cols: dict[str, int] | None = None
    ncols = 0
    line_no = 0
    try:
        for line_no, row in numbered:
            if not row or all(not c.strip() for c in row) or row[0].startswith("#"):
                continue
            if cols is None:
                names = [c.strip().lower().lstrip("\ufeff") for c in row]
                cols = {}
                for i, name in enumerate(names):
                    key = _COLUMNS.get(name)
                    if key and key not in cols:
                        cols[key] = i
                if "source" not in cols:
                    raise ConfigError(
                        "glossary header has no 'source' column (columns: source, target, "
                        f"forbidden, case, note; found: {', '.join(n for n in names if n) or 'none'})",
                        p, line_no,
                    )
                ncols = len(row)
                continue
            if len(row) > ncols and any(c.strip() for c in row[ncols:]):
                raise ConfigError(
                    f"row has {len(row)} fields but the header has {ncols}", p, line_no
                )

            def cell(name: str, fields: dict[str, int] = cols, row: list[str] = row) -> str:
                i = fields.get(name)
                return row[i].strip() if i is not None and i < len(row) else ""

            source = cell("source")
            if not source:
                raise ConfigError("row has an empty 'source' term", p, line_no)
            case_text = cell("case").lower()
            if case_text in _YES:
                case: bool | None = True
            elif case_text in _NO:
                case = False
            elif not case_text:
                case = None
            else:
                raise ConfigError(
                    f"bad 'case' value {cell('case')!r} (use yes, no or leave it empty)", p, line_no
                )
            entries.append(
                Entry(source, _split(cell("target")), _split(cell("forbidden")), case,
                      cell("note"), f"{p}:{line_no}")
            )
    except csv.Error as e:
        raise ConfigError(f"malformed CSV: {e}", p, line_no or None) from None
    if cols is None:
        raise ConfigError("empty glossary: a header row with a 'source' column is required", p, 1)
    return Glossary(entries, name=str(p))


# --------------------------------------------------------------------------- TBX


def _pick(langs: list[str], wanted: str | None) -> str | None:
    if not wanted:
        return None
    w = wanted.lower().replace("_", "-")
    for lg in langs:
        if lg.lower() == w:
            return lg
    prim = w.split("-")[0]
    for lg in langs:
        if lg.lower().split("-")[0] == prim:
            return lg
    return None


def _status(el: etree._Element) -> bool:
    """True when a term group says its term is deprecated or superseded."""
    for note in el.iter():
        if local(note.tag) not in ("termNote", "descrip", "admin"):
            continue
        kind = (note.get("type") or "").strip()
        if kind in ("administrativeStatus", "normativeAuthorization"):
            if (note.text or "").strip().lower() in _FORBIDDEN_STATUS:
                return True
    return False


def read_tbx(
    data: bytes,
    path: str | Path = "<glossary>",
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> Glossary:
    """Parse a TBX v2 (``martif``) or v3 (``tbx``) document, safely (no entities,
    no network)."""
    p = Path(path)
    check_prolog(data[:65536], p)
    try:
        root = etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError as e:
        raise syntax_error(e, p) from None
    if local(root.tag) not in ("martif", "tbx"):
        raise ConfigError(
            f"not a TBX glossary: root element <{local(root.tag)}> (expected martif or tbx)",
            p, root.sourceline,
        )
    # concept -> lang -> [(term, forbidden, line)]
    concepts: list[tuple[etree._Element, dict[str, list[tuple[str, bool, int]]], str]] = []
    langs: list[str] = []
    for ce in root.iter():
        if local(ce.tag) not in ("termEntry", "conceptEntry"):
            continue
        by_lang: dict[str, list[tuple[str, bool, int]]] = {}
        note_parts: list[str] = []
        for child in ce:
            name = local(child.tag)
            if name in ("descrip", "note", "descripGrp") and child.text and child.text.strip():
                note_parts.append(child.text.strip())
            if name not in ("langSet", "langSec"):
                continue
            lg = child.get(_XML_LANG) or child.get("lang")
            if not lg:
                raise ConfigError(f"<{name}> without xml:lang", p, child.sourceline)
            if lg not in langs:
                langs.append(lg)
            for grp in child:
                if local(grp.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term_el = next((t for t in grp.iter() if local(t.tag) == "term"), None)
                if term_el is None:
                    continue
                term = "".join(term_el.itertext()).strip()
                if term:
                    by_lang.setdefault(lg, []).append((term, _status(grp), term_el.sourceline or 0))
        concepts.append((ce, by_lang, "; ".join(note_parts)))
    if not langs:
        return Glossary((), name=str(p))
    src = _pick(langs, source_lang) or _pick(langs, root.get(_XML_LANG)) or langs[0]
    if target_lang:
        tgt = _pick(langs, target_lang)
    else:
        tgt = next((lg for lg in langs if lg != src), None)
    if src is None or tgt is None:
        return Glossary((), name=str(p))
    entries: list[Entry] = []
    for ce, by_lang, note in concepts:
        tterms = by_lang.get(tgt, [])
        approved = tuple(dict.fromkeys(t for t, bad, _ in tterms if not bad))
        forbidden = tuple(dict.fromkeys(t for t, bad, _ in tterms if bad))
        if not approved:
            continue  # no usable target term: not a do-not-translate entry
        for term, bad, line in by_lang.get(src, []):
            if bad:
                continue
            entries.append(Entry(term, approved, forbidden, None, note, f"{p}:{line}"))
    return Glossary(entries, name=str(p))

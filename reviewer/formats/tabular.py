"""TSV and CSV: one unit a row, columns source, target and optionally more.

Header detection: the first non-empty row is a header when its cells are known column
names (case-insensitive: ``source``/``src``/``source text``, ``target``/``tgt``/
``translation``/``mt``/``hyp``, ``reference``/``ref``, ``id``/``key``, ``note``/
``comment``, ``context``, or the names given as ``ReadOptions.source_key`` etc.) or
language codes (``en``, ``it``, ``de-DE``: the first is the source column and language,
the second the target). Without a header the columns are ``source, target[,
reference]``. Unit ids are 1-based line numbers (a header is line 1) unless there is an
id column; a CSV row whose quoted cells span lines starts at the line it begins on.

TSV cells are split on tabs with no quoting at all (a TSV cell may contain ``"``); CSV
follows RFC 4180 (comma, ``"`` quoting, doubled quotes). Reading streams. The writer
rewrites only rows whose target changed, replacing only the target cell, so every other
byte of the file (line endings, header, other cells' quoting) stays as it was.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, ClassVar, Generator, Iterable, Iterator, Mapping

from ..errors import InputError, ReviewerError
from ..model import Document, Segment
from .base import Format, ReadOptions, sniff_encoding
from .plaintext import iter_lines, load_lines, save_lines, split_eol

__all__ = ["CsvFormat", "TsvFormat", "Layout", "detect_layout", "language_code"]

try:  # long cells (whole paragraphs, documents) must not trip csv's 128 KiB limit
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
except OverflowError:  # pragma: no cover - 32-bit C long
    pass

# --------------------------------------------------------------------------- header

_ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "source": ("source", "src", "source text", "source segment", "source string",
               "sourcetext", "original", "orig"),
    "target": ("target", "tgt", "translation", "translated", "target text",
               "target segment", "target string", "targettext", "mt", "hyp",
               "hypothesis", "output", "trans"),
    "reference": ("reference", "ref", "references", "reference translation", "gold"),
    "id": ("id", "key", "seg id", "segid", "segment id", "unit id", "unit", "uid",
           "tuid", "string id"),
    "note": ("note", "notes", "comment", "comments", "description"),
    "context": ("context", "msgctxt"),
}
_NAME_ROLE = {name: role for role, names in _ROLE_NAMES.items() for name in names}

_ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr "
    "cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu "
    "gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk "
    "kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms "
    "mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro "
    "ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl "
    "tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)
_LANG_RE = re.compile(r"^([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{2,8})*)$")


def _norm(cell: str) -> str:
    return re.sub(r"[\s_\-]+", " ", cell.strip().lower())


def language_code(cell: str) -> str | None:
    """The BCP 47 code a header cell spells (``de_de`` -> ``de-DE``), else None.

    Two-letter primaries must be ISO 639-1 codes; three-letter ones need a subtag
    (``fil-PH``), so that ordinary short words are not taken for languages.
    """
    m = _LANG_RE.match(cell.strip())
    if not m:
        return None
    primary, rest = m.group(1).lower(), m.group(2)
    if len(primary) == 2 and primary not in _ISO_639_1:
        return None
    if len(primary) == 3 and not rest:
        return None
    parts = [primary]
    for sub in re.split(r"[-_]", rest)[1:]:
        if len(sub) == 2 and sub.isalpha():
            parts.append(sub.upper())
        elif len(sub) == 4 and sub.isalpha():
            parts.append(sub.title())
        else:
            parts.append(sub.lower())
    return "-".join(parts)


@dataclass(slots=True)
class Layout:
    """Where the columns are: header line (None without a header) and role -> column."""

    header_line: int | None = None
    header: tuple[str, ...] = ()
    columns: dict[str, int] = field(default_factory=lambda: {"source": 0, "target": 1})
    notes: tuple[int, ...] = ()
    ncols: int = 2
    source_lang: str | None = None
    target_lang: str | None = None


def _option_roles(options: ReadOptions) -> dict[str, str]:
    keys = {
        "source": options.source_key,
        "target": options.target_key,
        "reference": options.reference_key,
        "id": options.id_key,
    }
    return {_norm(k): role for role, k in keys.items() if k}


def detect_layout(
    row: list[str] | None, line: int, options: ReadOptions, path: str | Path
) -> Layout:
    """The layout implied by the first non-empty row (``row``, at ``line``)."""
    if row is None:
        return Layout()
    by_option = _option_roles(options)
    columns: dict[str, int] = {}
    notes: list[int] = []
    codes: list[tuple[int, str]] = []
    unknown = 0
    for i, cell in enumerate(row):
        name = _norm(cell)
        role = by_option.get(name) or _NAME_ROLE.get(name)
        code = None if role else language_code(cell)
        if role == "note":
            notes.append(i)
        elif role:
            columns.setdefault(role, i)
        elif code:
            codes.append((i, code))
        elif name:
            unknown += 1
    langs: dict[str, str] = {}
    for i, code in codes:
        role = next((r for r in ("source", "target", "reference") if r not in columns), None)
        if role is None:
            break
        columns[role] = i
        if role != "reference":
            langs[role] = code
    recognised = bool(columns) or bool(notes)
    is_header = recognised and (
        unknown == 0 or ("source" in columns and "target" in columns)
    )
    if is_header:
        if "source" not in columns:
            raise InputError(
                "the header row names no source column (name one source, src or a "
                "language code, or choose it with --source-key)",
                path,
                line,
            )
        return Layout(
            header_line=line,
            header=tuple(row),
            columns=columns,
            notes=tuple(notes),
            ncols=len(row),
            source_lang=langs.get("source"),
            target_lang=langs.get("target"),
        )
    n = len(row)
    if n > 3:
        raise InputError(
            f"no header row and {n} columns: without a header the columns are "
            "source, target[, reference]; add a header row naming the columns "
            "(source, target, reference, id, note)",
            path,
            line,
        )
    columns = {"source": 0, "target": 1}
    if n == 3:
        columns["reference"] = 2
    return Layout(columns=columns, ncols=max(n, 2))


# --------------------------------------------------------------------------- rows

Record = tuple[int, list[str], list[str]]  # start line, raw lines, cells


class _Tap:
    """A line iterator for :mod:`csv` that remembers the lines each row consumed."""

    def __init__(self, lines: Iterator[tuple[int, str]]) -> None:
        self._lines = lines
        self.count = 0
        self.taken: list[str] = []

    def __iter__(self) -> "_Tap":
        return self

    def __next__(self) -> str:
        self.count, line = next(self._lines)
        self.taken.append(line)
        return line


def _records(lines: Iterator[tuple[int, str]], delimiter: str, path: str | Path,
             first_line: int = 1) -> Generator[Record, None, None]:
    """Yield ``(start_line, raw_lines, cells)`` for every row, empty rows included;
    ``first_line`` is the number of the first line given (a chunk may start later)."""
    if delimiter == "\t":
        for lineno, line in lines:
            text, _ = split_eol(line)
            yield lineno, [line], text.split("\t")
        return
    tap = _Tap(lines)
    tap.count = first_line - 1
    reader = csv.reader(tap, delimiter=delimiter, quotechar='"', doublequote=True)
    pending: Record | None = None  # held back one row: the last one is checked first
    while True:
        start = tap.count + 1
        tap.taken = []
        try:
            cells = next(reader)
        except StopIteration:
            if pending is not None:
                _check_last(pending, delimiter, path)
                yield pending
            return
        except csv.Error as e:
            raise InputError(f"malformed CSV: {e}", path, tap.count or start) from None
        if pending is not None:
            yield pending
        pending = (start, tap.taken, cells)


def _check_last(record: Record, delimiter: str, path: str | Path) -> None:
    """The last row of a CSV file must close its quotes: an unterminated ``"`` would
    otherwise take every line after it into one cell without a word."""
    start, raw, _ = record
    try:
        for _ in csv.reader(raw, delimiter=delimiter, quotechar='"', doublequote=True,
                            strict=True):
            pass
    except csv.Error as e:
        if "end of data" in str(e):
            raise InputError("a quoted cell opened on this line is never closed (an "
                             "unterminated \" quote runs to the end of the file)",
                             path, start) from None


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _units(records: Iterable[Record], layout: Layout, path: str | Path) -> Iterator[tuple[int, Record]]:
    """Yield ``(index, record)`` for each unit row, checking its column count."""
    index = 0
    source_first = layout.columns["source"] == 0
    for record in records:
        start, _, cells = record
        if layout.header_line is not None and start <= layout.header_line:
            continue
        if _blank(cells):
            continue
        n = len(cells)
        if n != layout.ncols and not (n == 1 and source_first):
            raise InputError(f"row has {n} columns, expected {layout.ncols}", path, start)
        yield index, record
        index += 1


def _segment_maker(layout: Layout) -> Callable[[int, Record], Segment]:
    """A function building the segment of a unit row (column lookups resolved once)."""
    cols = layout.columns
    src, tgt, ref = cols["source"], cols.get("target"), cols.get("reference")
    uid, ctx, notes = cols.get("id"), cols.get("context"), layout.notes

    def make(index: int, record: Record) -> Segment:
        start, _, cells = record
        n = len(cells)
        target = None if tgt is None else (cells[tgt] if tgt < n else "")
        unit = cells[uid].strip() if uid is not None and uid < n else ""
        return Segment(
            id=unit or str(start),
            index=index,
            source=cells[src] if src < n else "",
            target=target,
            line=start,
            reference=(cells[ref] or None) if ref is not None and ref < n else None,
            notes=tuple(cells[i] for i in notes if i < n and cells[i].strip()),
            context=(cells[ctx] or None) if ctx is not None and ctx < n else None,
        )

    return make


# --------------------------------------------------------------------------- writing


def _csv_cell_spans(body: str, delimiter: str = ",") -> list[tuple[int, int]]:
    """The ``(start, end)`` of each raw cell of a CSV row (line ending removed)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(body)
    while True:
        start = i
        if i < n and body[i] == '"':
            i += 1
            while i < n:
                if body[i] == '"':
                    if i + 1 < n and body[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
        while i < n and body[i] != delimiter:
            i += 1
        spans.append((start, i))
        if i >= n:
            return spans
        i += 1


def _csv_quote(value: str, quoted: bool, delimiter: str = ",") -> str:
    if quoted or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


# --------------------------------------------------------------------------- formats


class _Tabular(Format):
    """Shared reader and writer of the delimiter-separated formats."""

    delimiter: ClassVar[str] = "\t"

    def _layout(self, path: Path, options: ReadOptions) -> Layout:
        lines = iter_lines(path)
        records = _records(lines, self.delimiter, path)
        try:
            for start, _, cells in records:
                if not _blank(cells):
                    return detect_layout(cells, start, options, path)
            return detect_layout(None, 0, options, path)
        finally:
            records.close()
            lines.close()

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Detect the header, then stream the rows as segments."""
        layout = self._layout(path, options)

        def segments() -> Iterator[Segment]:
            make = _segment_maker(layout)
            records = _records(iter_lines(path), self.delimiter, path)
            for index, record in _units(records, layout, path):
                yield make(index, record)

        return Document(
            path=str(path),
            format=self.name,
            source_lang=layout.source_lang or options.source_lang,
            target_lang=layout.target_lang or options.target_lang,
            segments=segments(),
            meta={"header": list(layout.header) if layout.header_line else None},
        )

    def read_lines(self, path: Path, lines: Iterator[tuple[int, str]], options: ReadOptions,
                   base: int = 0, first_line: int = 1) -> Iterator[Segment]:
        """Rows of a line range (see :meth:`Format.read_lines`), with the file's
        header layout."""
        layout = self._layout(path, options)
        make = _segment_maker(layout)
        records = _records(lines, self.delimiter, path, first_line)
        for index, record in _units(records, layout, path):
            yield make(index + base, record)

    def _new_body(
        self, body: str, cells: list[str], col: int, value: str, width: int, unit: str
    ) -> str:
        """``body`` (a row without its line ending) with cell ``col`` set to ``value``.

        Other cells keep their raw text; a short row (source only) is padded with empty
        cells to ``width`` so that it still has the file's column count.
        """
        if self.delimiter == "\t":
            if any(c in value for c in "\t\r\n"):
                raise ReviewerError(
                    f"the new target of unit {unit} contains a tab or line break, "
                    "which a TSV cell cannot hold"
                )
            raw = body.split("\t")
            new = value
        else:
            spans = _csv_cell_spans(body, self.delimiter)
            if len(spans) != len(cells):  # pragma: no cover - defensive
                raise ReviewerError(f"cannot rewrite the CSV row of unit {unit}")
            raw = [body[a:b] for a, b in spans]
            old = raw[col] if col < len(raw) else ""
            new = _csv_quote(value, old.startswith('"'), self.delimiter)
        if len(raw) < width:
            raw.extend([""] * (width - len(raw)))
        raw[col] = new
        return self.delimiter.join(raw)

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Write ``path`` to ``out`` with changed targets; unchanged rows byte-identical."""
        layout = self._layout(path, options)
        col = layout.columns.get("target")
        text = load_lines(path)
        numbered = enumerate(list(text.lines), start=1)
        pending = dict(changes)
        for index, (start, raw, cells) in _units(
            _records(numbered, self.delimiter, path), layout, path
        ):
            seg = pending.pop(index, None)
            if seg is None:
                continue
            if col is None:
                raise InputError("the file has no target column to write to", path)
            value = seg.target or ""
            if col < len(cells) and cells[col] == value:
                continue
            body, eol = split_eol("".join(raw))
            width = max(len(cells), layout.ncols)
            new_body = self._new_body(body, cells, col, value, width, seg.id)
            text.lines[start - 1] = new_body + eol
            for k in range(start, start - 1 + len(raw)):
                text.lines[k] = ""
        if pending:
            raise InputError(
                f"no unit with index {min(pending)} (the file changed since it was read?)",
                path,
            )
        save_lines(out, text)

    def sniff(self, head: bytes) -> bool:
        """True when the first line has the delimiter and does not look like JSON/XML."""
        encoding, bom = sniff_encoding(head)
        first = head[bom:].decode(encoding, errors="ignore").split("\n", 1)[0]
        return self.delimiter in first and not first.lstrip().startswith(("{", "<"))


class TsvFormat(_Tabular):
    """Tab-separated values (``.tsv``, ``.tab``), no quoting."""

    name = "tsv"
    suffixes = (".tsv", ".tab")
    delimiter = "\t"


class CsvFormat(_Tabular):
    """Comma-separated values (``.csv``), RFC 4180 quoting."""

    name = "csv"
    suffixes = (".csv",)
    delimiter = ","

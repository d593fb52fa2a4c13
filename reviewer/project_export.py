"""Writing a review project's corrected translation (``reviewer export``).

In the input's format by default, everything not corrected byte-identical (the format
writers splice only changed units); as a TMX 1.4b memory with ``to="tmx"``; or, for
line-based formats, a file of the corrected units alone. Every write is atomic. The
project is seen through :class:`Reviewed`, what an export needs from it.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Protocol

from .errors import UsageError
from .formats import open_document, write_document
from .formats.base import ReadOptions, atomic_write_bytes
from .formats.plaintext import TextLines, load_lines, write_pair
from .formats.tmx_export import DATATYPES, TmxPair, write_tmx
from .model import DescribesDocument, Segment
from .store import CorrectionRow
from .unit_keys import same_text, stored_text

__all__ = ["PARTIAL_FORMATS", "Reviewed", "export", "changes"]

# Formats where a file holding only the corrected units still makes sense.
PARTIAL_FORMATS = ("tmx", "jsonl", "tsv", "csv")
# State written for reviewed (corrected or accepted) units: XLIFF 1.2 has no
# "reviewed", its "signed-off" means "changes reviewed and approved"; "final" is kept.
XLIFF12_REVIEWED = "signed-off"
XLIFF2_REVIEWED = "reviewed"


class Reviewed(DescribesDocument, Protocol):
    """What an export reads from a project (:class:`reviewer.project.Project`)."""

    source_path: str | None
    read_options: ReadOptions
    aligned: bool

    @property
    def meta(self) -> dict[str, object]: ...
    @property
    def store_path(self) -> Path: ...

    def reviewed_units(self) -> Iterator[tuple[Segment, Segment, str, CorrectionRow | None]]:
        """Every segment as (the input's, the current, review status, correction row)."""
        ...


def export(p: Reviewed, out: Path, only_corrected: bool = False, to: str | None = None,
           source_lang: str | None = None, target_lang: str | None = None) -> int:
    """Write ``p``'s corrected translation to ``out`` (see :meth:`Project.export`);
    the number of units changed (or written, for TMX and partial files)."""
    fmt = p.format
    if p.aligned and to != "tmx":
        raise UsageError("a sentence-aligned review exports as a translation memory: "
                         "use --to tmx")
    if to not in (None, fmt, "tmx"):
        raise UsageError(f"cannot export to {to!r}: only the input's format ({fmt}) or tmx")
    if out.exists() and out.resolve() == p.store_path.resolve():
        raise UsageError("the export would overwrite the review store", out)
    if not out.parent.is_dir():
        raise UsageError("cannot write output: directory does not exist", out)
    if to == "tmx" or (only_corrected and fmt == "tmx"):
        return _export_tmx(p, out, only_corrected, source_lang, target_lang)
    if only_corrected and fmt not in PARTIAL_FORMATS:
        raise UsageError(
            f"--only-corrected is not available for {fmt} files (a partial file would "
            f"drop units); use --to tmx, or a {'/'.join(PARTIAL_FORMATS).upper()} input")
    edits = changes(p)
    if only_corrected:
        return _export_partial(p, out, edits)
    if p.source_path is not None and p.format == "txt":
        write_pair(p.source_path, p.path, out, edits, p.read_options)
    else:
        write_document(p.path, out, edits, p.read_options)
    return len(edits)


def changes(p: Reviewed) -> dict[int, Segment]:
    """Segments to write, by file index: corrected targets, advanced states."""
    fmt = p.format
    v2 = str(p.meta.get("xliff_version", "")).startswith("2")
    out: dict[int, Segment] = {}
    for seg, cur, status, _row in p.reviewed_units():
        reviewed = status in ("accepted", "corrected")
        changed = not same_text(stored_text(cur), stored_text(seg))
        new = replace(seg, target=cur.target, target_codes=cur.target_codes,
                      plural_targets=cur.plural_targets)
        if fmt == "xliff" and reviewed and seg.state != "final" and new.target is not None:
            want = XLIFF2_REVIEWED if v2 else XLIFF12_REVIEWED
            if seg.state != want:
                new = replace(new, state=want)
                changed = True
        if fmt == "po" and reviewed and "fuzzy" in seg.flags:
            new = replace(new, flags=seg.flags - {"fuzzy"}, state=None)
            changed = True
        if changed:
            out[seg.index] = new
    return out


def _tmx_pairs(p: Reviewed, only_corrected: bool) -> list[TmxPair]:
    pairs = []
    for seg, cur, _status, row in p.reviewed_units():
        if "obsolete" in seg.flags:
            continue
        corrected = not same_text(stored_text(cur), stored_text(seg))
        if only_corrected and not corrected:
            continue
        when, who = (row.time, row.reviewer) if row and corrected else (None, None)
        if cur.plural_targets:  # a unit a plural form, ids "msgid[k]"
            for k, (_, fs) in enumerate(cur.forms()):
                if fs.target and not (only_corrected and fs.target == seg.plural_targets[k]):
                    pairs.append(TmxPair(f"{seg.id}[{k}]", fs.source, fs.target,
                                         seg.source_codes, cur.target_codes, when, who))
            continue
        if not cur.target:
            continue
        pairs.append(TmxPair(seg.id, seg.source, cur.target, seg.source_codes,
                             cur.target_codes, when, who))
    return pairs


def _export_tmx(p: Reviewed, out: Path, only_corrected: bool, source_lang: str | None,
                target_lang: str | None) -> int:
    if p.target_only:
        raise UsageError("a target-only document has no source: it cannot become a TMX memory")
    src = source_lang or p.source_lang
    tgt = target_lang or p.target_lang
    if not src or not tgt:
        raise UsageError("TMX needs both languages: give --source-lang and --target-lang")
    return write_tmx(out, _tmx_pairs(p, only_corrected), src, tgt,
                     DATATYPES.get(p.format, "unknown"), native_tmx=p.format == "tmx")


def _export_partial(p: Reviewed, out: Path, edits: dict[int, Segment]) -> int:
    """Write only the corrected units (with a TSV/CSV header row) of a line-based file:
    the whole corrected file goes to a temporary file first, then its changed units'
    lines (a CSV record may span several) are copied out."""
    wanted = {i for i, (seg, _cur, _st, _row) in enumerate(p.reviewed_units())
              if seg.index in edits and not same_text(edits[seg.index].target, seg.target)}
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=f".{p.format}", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write_document(p.path, tmp, edits, p.read_options)
        segs = open_document(tmp, replace(p.read_options, format=p.format)).materialize()
        text = load_lines(tmp)
    finally:
        tmp.unlink(missing_ok=True)
    lines = text.lines
    starts = [s.line or 1 for s in segs]
    kept: list[str] = []
    if p.format != "jsonl" and starts:
        kept += lines[: starts[0] - 1]
    eol = next((ln[len(ln.rstrip("\r\n")):] for ln in lines if ln.endswith(("\n", "\r"))), "\n")
    for k in sorted(wanted):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(lines)
        chunk = lines[starts[k] - 1 : end]
        while chunk and not chunk[-1].strip():
            chunk.pop()
        if chunk and not chunk[-1].endswith(("\n", "\r")):
            chunk[-1] += eol
        kept += chunk
    atomic_write_bytes(out, TextLines(kept, text.encoding, text.bom).to_bytes())
    return len(wanted)

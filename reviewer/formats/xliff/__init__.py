"""XLIFF 1.2 and 2.x: sniffing, streaming reading, byte-faithful writing.

The package follows the job's seams: :mod:`.stream` (what both readers share: the safe
streaming event source with the raw text beside it, the header peek, the text-with-codes
builder), :mod:`.v12` and :mod:`.v2` (the version-specific readers; XLIFF 2 conformance
checks in :mod:`.v2_validate` and, inside units, :mod:`.v2_unit`), :mod:`.reader`
(which of the two reads a file) and :mod:`.writer` (only changed targets replaced in
the original text). This module is the :class:`~reviewer.formats.base.Format` over
them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ...errors import InputError
from ...model import Document, Segment
from ..base import Format, ReadOptions, atomic_write_bytes, read_head
from ..xmlsafe import splice, xml_encoding
from .reader import located_segments
from .stream import peek_header
from .writer import plan_edits

__all__ = ["XliffFormat"]


class XliffFormat(Format):
    """XLIFF 1.2 (trans-unit) and 2.0-2.2 (unit/segment) documents."""

    name = "xliff"
    suffixes = (".xlf", ".xliff", ".xlf2", ".sdlxliff", ".mxliff")

    def sniff(self, head: bytes) -> bool:
        """True when the head of the file contains an ``<xliff`` element."""
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        return b"<xliff" in head

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Open an XLIFF file: header now, segments streamed lazily."""
        header = peek_header(path)
        doc = Document(
            path=str(path),
            format=self.name,
            source_lang=header.source_lang or options.source_lang,
            target_lang=header.target_lang or options.target_lang,
            segments=(s for s, _ in located_segments(path, header)),
            meta={"xliff_version": header.raw_version or ("2.0" if header.version == 2 else "1.2")},
        )
        return doc

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Write ``path`` to ``out`` with the changed targets replaced in place."""
        data = Path(path).read_bytes() if Path(path).exists() else read_head(path)
        if not changes:
            atomic_write_bytes(out, data)
            return
        header = peek_header(path)
        enc = xml_encoding(data)
        bom = b""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            enc, bom = ("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"), data[:2]
        try:
            text = data[len(bom) :].decode(enc)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"cannot decode the file as {enc}: {e}", path) from None
        edits = plan_edits(text, path, header, changes, options)
        new = splice(text, edits)
        atomic_write_bytes(out, bom + new.encode(enc, errors="xmlcharrefreplace"))

"""CSV (for a spreadsheet) and JSON (the full data) reports.

The CSV has one row a finding with the unit's source and target (and its context and
notes) beside it; every cell
goes through :func:`reviewer.output.csv_cell`, so text starting with ``= + - @`` (a
formula to a spreadsheet) is neutralised with a leading apostrophe. It starts with a
UTF-8 byte-order mark so Excel reads it as UTF-8.

The JSON is :meth:`ReportData.to_dict`, documented in ``docs/report-json-schema.md``.
"""

from __future__ import annotations

import csv
from typing import IO

from ..output import FIELDS, csv_cell
from .common import display_text, dump_json
from .data import ReportData

CSV_FIELDS = (*FIELDS, "source", "target", "corrected", "signature", "context", "notes")


def write_csv(data: ReportData, out: IO[str]) -> None:
    """One row a finding (interfaces.md fields, then the unit's texts), spreadsheet-safe."""
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    sig = data.signature.string()
    for file in data.files:
        for row in file.segments:
            src = display_text(row.source, row.source_codes)
            tgt = None if row.target is None else display_text(row.target, row.target_codes)
            for f in row.findings:
                d = f.to_dict()
                codes = row.source_codes if f.side == "source" else row.target_codes
                for k in ("text", "suggestion"):  # codes as chips, as in the texts
                    v = d[k]
                    if isinstance(v, str) and v:
                        d[k] = display_text(v, codes)
                w.writerow([csv_cell(d[k]) for k in FIELDS]
                           + [csv_cell(src), csv_cell(tgt), csv_cell(row.corrected), csv_cell(sig),
                              csv_cell(row.context), csv_cell(" | ".join(row.notes) or None)])


def write_json(data: ReportData, out: IO[str]) -> None:
    """The whole report as one JSON object (UTF-8; indented up to 5,000 findings)."""
    dump_json(data.to_dict(), out, data.summary["findings"]["total"])

"""Corrections as the project records and lists them: a listed correction
(:class:`Correction`), a line of a Corrections JSONL file (:class:`CorrectionRecord`),
what ``reviewer apply`` did (:class:`ApplyResult`), and the check every correction
passes before it is recorded (:func:`check_correction`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Required, TypedDict

from .errors import UsageError
from .model import CODE_RE, Segment, code_index
from .safetext import bad_control, describe_char

__all__ = ["Correction", "CorrectionRecord", "ApplyResult", "check_correction"]

# Line-based formats without quoting: the characters a unit's target cannot hold.
LINE_FORMATS = {"tsv": "\t\n\r", "txt": "\n\r"}
# Formats whose targets hold inline codes as private-use characters (model.CODE_RE).
CODE_FORMATS = ("xliff", "tmx")


class CorrectionRecord(TypedDict, total=False):
    """One line of a Corrections JSONL file (interfaces.md), as ``reviewer apply``
    has checked it: ``unit`` and ``after`` required, the rest optional."""

    unit: Required[str]
    after: Required[str]
    before: str | None
    form: int | None
    reviewer: str | None
    note: str | None
    time: str | None


@dataclass(frozen=True, slots=True)
class Correction:
    """A current correction: the input's target (``before``) and the corrected one.

    ``index`` is None for an orphan (its segment is no longer in the input). The
    fields of interfaces.md (Corrections JSONL) come from :meth:`to_dict`.
    """

    unit: str
    source: str
    before: str | None
    after: str
    reviewer: str | None
    time: str | None
    note: str | None
    index: int | None = None
    form: int | None = None
    stale: bool = False  # made on a target the input no longer has (not applied)

    @property
    def orphan(self) -> bool:
        """True when the corrected segment is no longer in the input."""
        return self.index is None

    def to_dict(self) -> dict[str, object]:
        """The stable JSON object: unit, before, after, reviewer, time, note."""
        d: dict[str, object] = {"unit": self.unit, "before": self.before, "after": self.after,
                                "reviewer": self.reviewer, "time": self.time, "note": self.note}
        if self.form is not None:
            d["form"] = self.form
        return d


@dataclass(slots=True)
class ApplyResult:
    """What :meth:`Project.apply_corrections` did."""

    applied: list[str]
    unchanged: list[str]
    conflicts: list[tuple[str, str | None, str | None]]  # (unit, expected, actual)
    unknown: list[str]

    @property
    def ok(self) -> bool:
        """True when every correction was applied or was already there."""
        return not self.conflicts and not self.unknown


def check_correction(seg: Segment, text: str, fmt: str) -> None:
    """Refuse a correction of ``seg`` (in a ``fmt`` file) the export could not write: a
    character no format can carry as text (C0 controls but TAB/LF/CR, U+FFFE/U+FFFF,
    lone surrogates), a tab or line break in a line-based format, or, in a format with
    inline codes (XLIFF, TMX), a private-use character standing for a code the segment
    does not have."""
    bad = bad_control(text)
    if bad is not None:
        raise UsageError(
            f"the correction of unit {seg.id!r} holds {describe_char(bad)}, a character "
            f"{fmt.upper()} files and the exports cannot carry as text")
    cannot = LINE_FORMATS.get(fmt, "")
    hit = next((c for c in text if c in cannot), None)
    if hit is not None:
        what = "a tab" if hit == "\t" else "a line break"
        raise UsageError(f"the correction of unit {seg.id!r} holds {what}, which a "
                         f"{fmt.upper()} unit cannot hold")
    codes = seg.target_codes or seg.source_codes
    if not codes and fmt not in CODE_FORMATS:
        return  # private-use characters are plain text here
    for m in CODE_RE.finditer(text):
        k = code_index(m.group())
        if k is None or k >= len(codes):
            what = f"inline code {k}" if codes else "a private-use character"
            raise UsageError(
                f"the correction of unit {seg.id!r} uses {what} "
                f"(U+{ord(m.group()):04X}), which the segment does not have "
                f"({len(codes)} inline code{'s' if len(codes) != 1 else ''})")

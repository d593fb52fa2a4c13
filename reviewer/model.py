"""Core data model: segments, inline codes, findings, severities.

Inline codes (XLIFF ``ph``/``pc``/``sc``/``ec``, 1.2 ``x``/``g``/``bpt``/``ept``/``ph``/``it``,
TMX ``bpt``/``ept``/``ph``/``it``) are kept out of the segment text checks see: each code
is one character from the Unicode private-use area, ``chr(CODE_BASE + i)``, standing for
``codes[i]`` of that side. Checks thus see text in which a code is neither a letter, a
digit nor punctuation; the markup check compares the code lists; writers put the
original markup back unchanged.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Protocol, Sequence

CODE_BASE = 0xE000
CODE_MAX = 0xF8FF
CODE_RE = re.compile("[\ue000-\uf8ff]")


def code_char(i: int) -> str:
    """The placeholder character for the ``i``-th inline code of a side."""
    return chr(CODE_BASE + i)


def code_index(ch: str) -> int | None:
    """The code index a placeholder character stands for, or None for other text."""
    o = ord(ch)
    return o - CODE_BASE if CODE_BASE <= o <= CODE_MAX else None


class Severity(enum.IntEnum):
    """Finding severity, ordered so that ``>=`` compares seriousness."""

    NEUTRAL = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        """Parse ``neutral|minor|major|critical`` (case-insensitive)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (use neutral, minor, major or critical)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


CATEGORIES = (
    "terminology",
    "accuracy",
    "linguistic",
    "style",
    "locale",
    "audience",
    "markup",
)


@dataclass(frozen=True, slots=True)
class InlineCode:
    """One inline code of a segment side.

    ``kind`` is ``open``, ``close`` (the two halves of a paired code), ``standalone``
    (a placeholder such as ``<ph/>``, ``<x/>``) or ``isolated`` (an opening or closing
    half whose partner is outside the segment). ``id`` pairs codes across sides and
    halves; ``data`` is the original markup as it stood in the file (written back
    unchanged); ``display`` is a short label for reviewers (``<b>``, ``{1}``).
    """

    kind: str
    id: str
    data: str
    display: str = ""
    equiv: str | None = None


def code_label(code: InlineCode) -> str:
    """The short label of an inline code as chips show it: its display form, else its
    ``equiv`` text, else its id."""
    return code.display or code.equiv or code.id


def chip(i: int, label: str = "") -> str:
    """Code ``i`` written with its label: ``⟦2 <g2>⟧``; ``⟦2⟧`` when the label is empty
    or only repeats the number."""
    return f"⟦{i + 1} {label}⟧" if label and label != str(i + 1) else f"⟦{i + 1}⟧"


def code_chip(i: int, codes: Sequence[InlineCode]) -> str:
    """Inline code ``i`` as people see it everywhere (messages, the review screen and
    its editor, reports): ``⟦2 <g2>⟧``, its number then its short label; ``⟦2⟧``
    without one. Typing ``⟦2⟧`` in the editor restores the code."""
    return chip(i, code_label(codes[i]) if 0 <= i < len(codes) else "")


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable unit (or one segment of a multi-segment unit).

    ``target`` is None when the file has no translation for the unit, ``""`` when it
    has an empty one. ``plural_source``/``plural_targets`` carry PO plural forms: the
    unit is checked once per form (see :meth:`forms`). ``line`` is where the unit
    starts, ``target_line`` where its translation is (PO ``msgstr``, XLIFF
    ``<target>``), ``source_line`` where its source text is when that is not
    ``line`` (PO ``msgid`` after the comments), when the format says: findings on
    either side point there.
    """

    id: str
    index: int
    source: str
    target: str | None
    line: int | None = None
    source_codes: tuple[InlineCode, ...] = ()
    target_codes: tuple[InlineCode, ...] = ()
    reference: str | None = None
    notes: tuple[str, ...] = ()
    state: str | None = None
    flags: frozenset[str] = frozenset()
    plural_source: str | None = None
    plural_targets: tuple[str, ...] = ()
    max_length: int | None = None
    ignore: frozenset[str] = frozenset()
    terms: tuple[tuple[str, str], ...] = ()
    context: str | None = None
    #: workflow status from the format, normalised (see :mod:`reviewer.status`):
    #: ``new``, ``untranslated``, ``fuzzy``, ``translated``, ``reviewed``, ``final``;
    #: None when the format says nothing (the unit is checked as translated)
    status: str | None = None
    #: problems the reader met in this unit (malformed markup, invalid state, duplicate
    #: id): each ``(line, message)``, reported by the ``format`` check
    problems: tuple[tuple[int | None, str], ...] = ()
    #: named variants of a message checked one by one, ``(label, source, target)``:
    #: ICU plural/select branches (set by :mod:`reviewer.icu`), app plural forms
    branches: tuple[tuple[str, str, str], ...] = ()
    target_line: int | None = None  # where the translation is (msgstr, <target>)
    source_line: int | None = None  # where the source text is (PO msgid), when not ``line``
    #: PO plural units: the line of each ``msgstr[n]``, and of ``msgid_plural`` (findings
    #: on form n point there), when the reader knows them
    form_lines: tuple[int, ...] = ()
    plural_source_line: int | None = None

    @property
    def translated(self) -> bool:
        """True when the unit has a non-empty target."""
        return bool(self.target)

    def forms(self) -> Iterator[tuple[int | None, "Segment"]]:
        """Yield ``(form, segment)`` pairs to check: one for a singular unit (form None),
        and for a plural unit each target form paired with msgid (form 0) or
        msgid_plural (forms 1+)."""
        if self.branches:
            for i, (_label, src, tgt) in enumerate(self.branches):
                yield i, replace(self, source=src, target=tgt, branches=(), plural_targets=())
            return
        if self.plural_source is None or not self.plural_targets:
            yield None, self
            return
        for i, tgt in enumerate(self.plural_targets):
            src = self.source if i == 0 else self.plural_source
            yield i, replace(self, source=src, target=tgt, plural_targets=())


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one unit: the JSON Lines record of interfaces.md."""

    check: str
    category: str
    severity: Severity
    side: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str | None = None
    score: float | None = None
    file: str = ""
    unit: str = ""
    index: int = 0
    line: int | None = None
    form: int | None = None
    #: other checks that saw the same problem on the same span (they report no
    #: finding of their own; see :func:`reviewer.runner.dedupe`)
    also: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The finding as the stable JSON object (field order as documented)."""
        d: dict[str, object] = {
            "file": self.file,
            "unit": self.unit,
            "index": self.index,
            "line": self.line,
            "check": self.check,
            "category": self.category,
            "severity": str(self.severity),
            "side": self.side,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "score": None if self.score is None else round(float(self.score), 2),
        }
        if self.form is not None:
            d["form"] = self.form
        if self.also:
            d["also"] = list(self.also)
        return d


#: What a dismissal is bound to: (source, target, check, side, flagged text).
Content = tuple[str, str, str, str, str]


def dismissal_key(seg: Segment, finding: Finding) -> Content:
    """The content a dismissal of ``finding`` on ``seg`` is bound to: it stays dismissed
    wherever that content appears (after re-exports and moves), never elsewhere."""
    return (seg.source, seg.target or "", finding.check, finding.side, finding.text)


class DescribesDocument(Protocol):
    """What names a document and its languages (a :class:`Document`, a review project):
    the part of a project's interface that exports and the review screen share."""

    @property
    def path(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def source_lang(self) -> str | None: ...
    @property
    def target_lang(self) -> str | None: ...
    @property
    def target_only(self) -> bool: ...


@dataclass(slots=True)
class Document:
    """A bilingual document being read: metadata plus a (possibly lazy) unit stream.

    ``segments`` may be a one-shot iterator (streaming readers); call
    :meth:`materialize` to get a list when several passes are needed.
    """

    path: str
    format: str
    source_lang: str | None = None
    target_lang: str | None = None
    segments: Iterable[Segment] = field(default_factory=list)
    target_only: bool = False
    meta: dict[str, object] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def materialize(self) -> list[Segment]:
        """Read all units into a list (kept on the document) and return it."""
        segments = self.segments
        if not isinstance(segments, list):
            segments = self.segments = list(segments)
        return segments

"""Check base classes and the context checks run in.

A check is a small stateless class: class attributes describe it, :meth:`Check.run`
is pure and yields findings with exact spans. Use :meth:`Check.flag` to build them
(it fills the check id, category and default severity).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, ClassVar, Iterable, Mapping, NamedTuple, Sequence

from ..config import typed_option
from ..model import Finding, Segment, Severity


@dataclass(slots=True)
class CheckContext:
    """What a check may know beyond the segment: languages, its settings, the file.

    ``options`` holds this check's settings from ``reviewer.toml`` (``[checks.ID]``
    table, minus the ``enabled``/``severity`` keys); ``glossary`` is the loaded
    glossary or None; ``target_only`` is true when no source text exists; ``resource``
    when the file is an app's resource strings (``Document.meta["resource"]``).
    """

    source_lang: str | None = None
    target_lang: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    glossary: Any = None
    target_only: bool = False
    path: str = ""
    #: the units are an app's strings (a resource file: labels, fragments joined at
    #: run time), not running text
    resource: bool = False

    def option(self, key: str, default: Any) -> Any:
        """This check's setting ``key``, or ``default``; a configured value of another
        type than ``default``'s is a one-line configuration error."""
        options = self.options
        if not options or key not in options:  # the common case, asked per unit
            return default
        return typed_option(options, key, default)


class Check:
    """Base class of a per-segment check.

    Class attributes: ``id`` (stable, from interfaces.md), ``name``, ``category`` (MQM
    dimension), ``severity`` (default), ``default_enabled``, ``needs_source`` (skipped
    for target-only documents), ``needs_translation`` (skipped when the target is
    empty or untranslated: the precondition that stops one untranslated unit from
    drawing ten findings), ``precondition`` (true for the checks that decide that).
    """

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    category: ClassVar[str] = "accuracy"
    severity: ClassVar[Severity] = Severity.MINOR
    default_enabled: ClassVar[bool] = True
    needs_source: ClassVar[bool] = True
    needs_translation: ClassVar[bool] = True
    precondition: ClassVar[bool] = False
    description: ClassVar[str] = ""

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Yield the findings of this check on one segment (source/target pair)."""
        raise NotImplementedError

    def flag(
        self,
        side: str,
        start: int,
        end: int,
        text: str,
        message: str,
        suggestion: str | None = None,
        score: float | None = None,
        severity: Severity | None = None,
        category: str | None = None,
    ) -> Finding:
        """Build a finding of this check; ``text`` should be ``segment_side[start:end]``."""
        return Finding(
            check=self.id,
            category=category or self.category,
            severity=self.severity if severity is None else severity,
            side=side,
            start=start,
            end=end,
            text=text,
            message=message,
            suggestion=suggestion,
            score=score,
        )

    def flag_span(
        self, side: str, text: str, start: int, end: int, message: str, **kw: Any
    ) -> Finding:
        """Like :meth:`flag`, slicing the flagged text out of ``text``."""
        return self.flag(side, start, end, text[start:end], message, **kw)


class DocumentCheck(Check):
    """A check that needs the whole document (consistency, variants, spelling).

    It works in four steps, so that a document split into chunks (one process per
    chunk, :mod:`reviewer.distributed`) gives the findings of one pass over it:

    1. :meth:`statistics` of some units (the document, or a chunk of it): small and
       picklable, with a chunk-local part handed back to :meth:`emit` of the same units;
    2. :meth:`merge` adds the statistics of the next chunk, in document order;
    3. :meth:`decide` takes the document's verdicts from the merged statistics
       (reading a few units again through ``fetch`` when a message needs their text);
    4. :meth:`emit` yields the findings of the verdicts on some units.

    :meth:`run_document` runs the four steps over one chunk: the whole document. A
    check that only needs the units (a plugin) overrides :meth:`run_document`
    instead; the default steps then carry the units to it and its findings back.
    A false verdict (None, empty) means nothing to flag: :meth:`emit` is not called.
    """

    #: the verdicts are per unit: a chunk is given only its units' share
    #: (:meth:`verdicts_between`) instead of the whole document's verdicts
    per_unit_verdicts: ClassVar[bool] = True

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        return ()

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        """Yield findings over the whole document: the four steps over one chunk."""
        if type(self).decide is DocumentCheck.decide:
            raise NotImplementedError(f"{type(self).__name__} defines neither run_document nor decide")
        stats, local = self.statistics(segments, context)

        def fetch(indexes: Iterable[int]) -> dict[int, UnitText]:
            want = set(indexes)
            return {s.index: UnitText(s.id, s.source, s.target)
                    for s in segments if s.index in want}

        verdicts = self.decide(self.merge(None, stats, 0), context, fetch)
        if not verdicts:
            return ()
        return self.emit(segments, verdicts, context, local)

    def statistics(self, segments: Sequence[Segment], context: CheckContext) -> tuple[Any, Any]:
        """``(statistics, local)`` of some units: what :meth:`merge` adds up, and what
        :meth:`emit` of these same units is handed back. Default: the units themselves
        (for a check that overrides :meth:`run_document` only)."""
        return list(segments), None

    def merge(self, total: Any, part: Any, shift: int) -> Any:
        """``total`` (None at first) with the statistics of the next chunk added, whose
        unit indexes are ``shift`` lower than the document's. Default: the units,
        renumbered and joined."""
        if shift:
            part = [replace(s, index=s.index + shift) for s in part]
        return part if total is None else total + part

    def decide(self, stats: Any, context: CheckContext, fetch: Fetch) -> Any:
        """The document's verdicts from its merged statistics; ``fetch(indexes)`` reads
        units again (their id, source, target). Default: the findings of
        :meth:`run_document` over the joined units, by unit index."""
        out: dict[int, list[Finding]] = {}
        for seg, f in self.run_document(stats, context):
            out.setdefault(seg.index, []).append(f)
        return out

    def verdicts_between(self, verdicts: Any, lo: int, hi: int) -> Any:
        """The share of ``verdicts`` of the units ``lo <= index < hi`` (when
        :attr:`per_unit_verdicts`). Default: findings by unit index."""
        return {i: v for i, v in verdicts.items() if lo <= i < hi} or None

    def emit(self, segments: Sequence[Segment], verdicts: Any, context: CheckContext,
             local: Any = None) -> Iterable[tuple[Segment, Finding]]:
        """The findings of ``verdicts`` on ``segments`` (``local``: what
        :meth:`statistics` kept of these units). Default: the findings by unit index."""
        for seg in segments:
            for f in verdicts.get(seg.index, ()):
                yield seg, f


class UnitText(NamedTuple):
    """What :meth:`DocumentCheck.decide` may read of a unit again."""

    id: str
    source: str
    target: str | None


#: ``fetch(indexes)``: the :class:`UnitText` of units of the document, by index
Fetch = Callable[[Iterable[int]], Mapping[int, UnitText]]

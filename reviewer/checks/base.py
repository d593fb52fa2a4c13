"""Check base classes and the context checks run in.

A check is a small stateless class: class attributes describe it, :meth:`Check.run`
is pure and yields findings with exact spans. Use :meth:`Check.flag` to build them
(it fills the check id, category and default severity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping, Sequence

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
        from ..config import typed_option

        return typed_option(self.options, key, default)


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
    """A check that needs the whole document (consistency, variants).

    The runner calls :meth:`run_document` once with every unit; it yields
    ``(segment, finding)`` pairs. :meth:`run` is unused.
    """

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        return ()

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        """Yield findings over the whole document."""
        raise NotImplementedError

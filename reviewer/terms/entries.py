"""Glossary entries and term occurrences: :class:`Entry` and :class:`TermMatch`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .normalize import _default_case_sensitive

__all__ = ["Entry", "TermMatch"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry. ``targets`` empty means do-not-translate (the source form
    must stay as it is); ``case_sensitive`` None means the default rule (sensitive for
    all-caps and mixed-case forms only)."""

    source: str
    targets: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case_sensitive: bool | None = None
    note: str = ""
    origin: str = field(default="", compare=False)
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_hash",
            hash((self.source, self.targets, self.forbidden, self.case_sensitive, self.note)),
        )

    def __hash__(self) -> int:
        return self._hash

    @property
    def dnt(self) -> bool:
        """True for a do-not-translate entry."""
        return not self.targets

    @property
    def approved(self) -> tuple[str, ...]:
        """The target forms that are right: the targets, or the source itself (DNT)."""
        return self.targets or (self.source,)

    def is_case_sensitive(self, form: str) -> bool:
        """Whether ``form`` of this entry is matched case-sensitively."""
        if self.case_sensitive is not None:
            return self.case_sensitive
        return _default_case_sensitive(form)


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a glossary form in a text.

    ``kind`` is ``source`` (an entry's source term), ``approved`` or ``forbidden``
    (target forms). ``exact_case`` is False for a case variant of a case-sensitive form
    (``Openai`` for ``OpenAI``); ``inflected`` when the word only shares the form's
    stem; ``compound`` when the form is part of a longer compound word.
    """

    entry: Entry
    form: str
    kind: str
    start: int
    end: int
    text: str
    exact_case: bool = True
    inflected: bool = False
    compound: bool = False


_NO_ENTRIES: frozenset[Entry] = frozenset()


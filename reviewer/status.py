"""One workflow-status model for every format.

Readers map their format's own state (XLIFF 1.2 ``state``/``state-qualifier``, XLIFF 2
``state``/``subState``, PO fuzzy/untranslated/obsolete, Qt ``type``, ``.xcstrings``
``state``) onto :data:`STATUSES`; :func:`xliff12_status` and friends do the mapping
and say when a value is not one the format allows (a ``format`` finding).
"""

from __future__ import annotations

__all__ = ["STATUSES", "NOT_TRANSLATED", "xliff12_status", "xliff2_status", "default_status",
           "parse_states"]

#: the statuses, in workflow order
STATUSES = ("new", "untranslated", "fuzzy", "translated", "reviewed", "final")
#: statuses of units that have no translation yet: counted, not checked, by default
NOT_TRANSLATED = frozenset({"new", "untranslated"})

# XLIFF 1.2 state values (spec, section "state"), and what they mean here
_X12 = {
    "new": "new",
    "needs-translation": "untranslated",
    "needs-adaptation": "fuzzy",
    "needs-l10n": "fuzzy",
    "needs-review-adaptation": "fuzzy",
    "needs-review-l10n": "fuzzy",
    "needs-review-translation": "fuzzy",
    "translated": "translated",
    "signed-off": "reviewed",
    "final": "final",
}
_X2 = {"initial": "new", "translated": "translated", "reviewed": "reviewed", "final": "final"}


def default_status(target: str | None) -> str:
    """The status of a unit whose format says none: by whether it has a translation."""
    return "translated" if target else "untranslated"


def xliff12_status(state: str | None, target: str | None) -> tuple[str, str | None]:
    """``(status, problem)`` for an XLIFF 1.2 ``state`` value; user-defined ``x-`` values
    fall back to the target's presence; an unknown value is a problem."""
    if state is None or state.startswith("x-"):
        return default_status(target), None
    st = _X12.get(state)
    if st is None:
        return default_status(target), (f"invalid XLIFF 1.2 state {state!r} (allowed: "
                                        + ", ".join(_X12) + ", or x-...)")
    if st in ("translated", "reviewed", "final") and not target:
        st = "untranslated"
    return st, None


def xliff2_status(state: str | None, target: str | None) -> tuple[str, str | None]:
    """``(status, problem)`` for an XLIFF 2 segment ``state`` (default ``initial``)."""
    if state is None:
        return ("new" if not target else "translated"), None
    st = _X2.get(state)
    if st is None:
        return default_status(target), (f"invalid XLIFF 2 state {state!r} (allowed: "
                                        + ", ".join(_X2) + ")")
    if st != "new" and not target:
        st = "untranslated"
    return st, None


def parse_states(text: str) -> frozenset[str]:
    """The statuses of ``--states a,b`` (unknown names refused with ValueError)."""
    out = {s.strip().lower() for s in text.split(",") if s.strip()}
    bad = sorted(out - set(STATUSES))
    if bad:
        raise ValueError(f"unknown status {bad[0]!r} (known: {', '.join(STATUSES)})")
    return frozenset(out)

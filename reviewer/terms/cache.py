"""The glossary of one unit: the file glossary stacked with the unit's own terms, cached
by content."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from .glossary import Glossary

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Segment

__all__ = ["unit_glossary"]


_UNIT_CACHE: OrderedDict[tuple[int, tuple[tuple[str, str], ...]], tuple[Glossary | None, Glossary]] = OrderedDict()
_UNIT_CACHE_SIZE = 4096


def unit_glossary(glossary: Glossary | None, segment: Segment) -> Glossary | None:
    """The glossary that applies to one unit: the file glossary plus the unit's own
    ``terms`` pairs (cached by content), or just either, or None."""
    terms = segment.terms
    if not terms:
        return glossary
    key = (id(glossary), terms)
    hit = _UNIT_CACHE.get(key)
    if hit is not None and hit[0] is glossary:
        _UNIT_CACHE.move_to_end(key)
        return hit[1]
    tiny = Glossary.from_pairs(terms, name="unit")
    combined = tiny if glossary is None else glossary.stacked(tiny)
    if len(_UNIT_CACHE) >= _UNIT_CACHE_SIZE:
        _UNIT_CACHE.popitem(last=False)
    _UNIT_CACHE[key] = (glossary, combined)
    return combined


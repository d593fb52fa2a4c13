"""How the review store's state finds its units again.

The store keys everything by ``(unit id, source text)``. When the input changed since
the last session, a stored key matches the segment with the same id and source first,
then by source text alone (ids that moved, e.g. the line numbers of a re-sorted TSV);
a key that matches nothing is an orphan, kept and listed, never dropped. Repeated unit
ids are made unique first (:func:`unique_ids`). A plural entry is stored as its forms
joined by :data:`FORM_SEP`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any, Iterable, Sequence

from .errors import UsageError
from .model import Segment
from .packed import PackedSegments, SegmentView
from .store import Key

__all__ = ["FORM_SEP", "map_keys", "map_stored", "unique_ids", "same_text",
           "stored_text", "readable_text", "with_form"]

#: Separator of the plural forms in the stored text of a corrected plural entry (PO
#: ``msgstr[0]``, ``msgstr[1]``...): NUL, as in gettext's MO files, since no PO string
#: can hold one.
FORM_SEP = "\x00"


def map_keys(segments: Sequence[Segment], stored: Iterable[Key]) -> tuple[list[Key], list[Key]]:
    """Each segment's store key, and the stored keys that match no segment.

    A stored key matches the segment with the same unit id and source text; keys left
    over then match, in order, the first segment with the same (non-empty) source
    text whose own key is not stored.
    """
    keys: list[Key] = [(s.id, s.source) for s in segments]
    exact: dict[Key, int] = {}
    for i, k in enumerate(keys):
        exact.setdefault(k, i)
    claimed: set[int] = set()
    leftover: list[Key] = []
    for k in stored:
        hit = exact.get(k)
        if hit is None:
            leftover.append(k)
        else:
            claimed.add(hit)
    if not leftover:
        return keys, []
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(segments):
        if s.source and i not in claimed:
            by_source[s.source].append(i)
    orphans: list[Key] = []
    for k in leftover:
        free = by_source.get(k[1]) if k[1] else None
        if free:
            keys[free.pop(0)] = k
        else:
            orphans.append(k)
    return keys, orphans


def map_stored(segments: Sequence[Segment], stored: Iterable[Key],
                made_on: dict[Key, str | None] | None = None,
                ) -> tuple[dict[int, Key], dict[Key, list[int]], list[Key]]:
    """:func:`map_keys` without a key per segment: ``(override, positions, orphans)``.

    ``override`` holds the segments whose key is not their own ``(id, source)`` (a
    stored key matched by source text alone); ``positions`` the segments of every
    stored key that matches one; ``orphans`` the stored keys matching none. One pass
    over the segments, and none when nothing is stored yet.
    """
    stored = list(stored)
    if not stored:
        return {}, {}, []
    made_on = made_on or {}
    wanted = set(stored)
    units = {k[0] for k in wanted}
    positions: dict[Key, list[int]] = {}
    for i, s in enumerate(segments):
        if s.id in units:
            k = (s.id, s.source)
            if k in wanted and (k not in made_on or same_text(made_on[k], stored_text(s))):
                positions.setdefault(k, []).append(i)
    leftover = [k for k in stored if k not in positions]
    override: dict[int, Key] = {}
    if not leftover:
        return override, positions, []
    claimed = {v[0] for v in positions.values()}
    sources = {k[1] for k in leftover if k[1]}
    by_source: dict[str, list[int]] = defaultdict(list)
    if sources:
        for i, s in enumerate(segments):
            if s.source in sources and i not in claimed:
                by_source[s.source].append(i)
    orphans: list[Key] = []
    own: dict[Key, int] | None = None
    for k in leftover:
        free = by_source.get(k[1]) if k[1] else None
        if free:
            # a correction goes to a unit with the text it was made on, when there is one
            pick = next((i for i in free if same_text(stored_text(segments[i]), made_on[k])), free[0]) \
                if k in made_on else free[0]
            free.remove(pick)
            override[pick] = k
            positions[k] = [pick]
            continue
        if k in made_on:
            # the unit is still there but its target changed: bound to it, and stale
            if own is None:
                own = {}
                for i, s in enumerate(segments):
                    own.setdefault((s.id, s.source), i)
            if k in own:
                positions[k] = [own[k]]
                continue
        orphans.append(k)
    if override:
        # A segment given a stored key by source no longer holds its own key.
        for k, pos in list(positions.items()):
            kept = [i for i in pos if override.get(i, k) == k]
            if kept:
                positions[k] = kept
            else:
                del positions[k]
    return override, positions, orphans


def unique_ids(segments: Sequence[Segment]) -> Sequence[Segment]:
    """``segments`` with every unit id unique: a repeated id (two JSONL rows with one
    ``id``, a PO msgid twice, a trans-unit id in two ``<file>`` elements) keeps its id
    at its first occurrence and becomes ``ID#2``, ``ID#3``... at the next ones, in
    document order (skipping any such name the file already uses). Corrections, the
    store and ``apply`` use these ids, so no two units ever share a correction."""
    if isinstance(segments, PackedSegments):
        if not segments.repeated_ids():
            return segments
        return _unique_packed(segments)
    ids = [s.id for s in segments]
    used = set(ids)
    if len(used) == len(ids):
        return segments
    out = list(segments)
    seen: dict[str, int] = {}
    for i, s in enumerate(segments):
        n = seen.get(s.id, 0) + 1
        seen[s.id] = n
        if n == 1:
            continue
        new = f"{s.id}#{n}"
        while new in used:
            n += 1
            new = f"{s.id}#{n}"
        used.add(new)
        out[i] = replace(s, id=new)
    return out


def _unique_packed(segments: Any) -> Any:
    """:func:`unique_ids` of packed segments whose id hashes repeat: only the
    segments of a repeated hash are decoded; the renamed ones lie over the packed
    ones in a :class:`~reviewer.packed.SegmentView`."""
    import numpy as np  # numpy only for packed segments (a big input), not at open

    hashes = segments.id_hashes()
    uniq, counts = np.unique(hashes, return_counts=True)
    maybe = np.flatnonzero(np.isin(hashes, uniq[counts > 1]))

    def used(name: str) -> bool:
        k = np.searchsorted(uniq, hash(name))
        return bool(k < len(uniq) and uniq[k] == hash(name)) and \
            bool(segments.positions_of_id(name))

    renamed: dict[int, Segment] = {}
    taken: set[str] = set()
    seen: dict[str, int] = {}
    for i in maybe:
        s = segments[int(i)]
        n = seen.get(s.id, 0) + 1
        seen[s.id] = n
        if n == 1:
            continue
        new = f"{s.id}#{n}"
        while new in taken or used(new):
            n += 1
            new = f"{s.id}#{n}"
        taken.add(new)
        renamed[int(i)] = replace(s, id=new)
    return SegmentView(segments, renamed) if renamed else segments


def same_text(a: str | None, b: str | None) -> bool:
    """Equal texts, a missing one counting as empty."""
    return (a or "") == (b or "")


def stored_text(seg: Segment) -> str | None:
    """The text a segment is stored under in the review store: its target, or for a
    plural entry every form joined by :data:`FORM_SEP`."""
    if seg.plural_targets:
        return FORM_SEP.join(seg.plural_targets)
    return seg.target


def readable_text(text: str | None) -> str | None:
    """A stored text for listing: a plural entry's forms joined by `` | ``."""
    return None if text is None else text.replace(FORM_SEP, " | ")


def with_form(seg: Segment, form: int, text: str) -> str:
    """The stored text of ``seg`` once plural form ``form`` reads ``text``."""
    forms = list(seg.plural_targets)
    if not 0 <= form < len(forms):
        raise UsageError(f"unit {seg.id!r} has no plural form {form} "
                         f"(it has {len(forms)})")
    forms[form] = text
    return FORM_SEP.join(forms)

"""Consistency's share of a distributed check: the driver decides the flagged units from
the chunks' unit keys, reads the majority units its messages name again (those only),
and hands each chunk's flag task the messages of its units."""

from __future__ import annotations

import numpy as np

from ..checks.consistency import Conflicts, UnitKeys, conflicts, same_source_message, same_target_message
from ..chunks import Chunk
from .engines import Engine, Shared, ordered_map
from .tasks import Message, details_task

__all__ = ["Messages", "consistency_messages"]

class Messages:
    """The consistency findings of a file: for each of the two checks, the flagged
    unit indexes (ascending), their groups and each group's message and suggestion."""

    def __init__(self, parts: list[tuple[np.ndarray, np.ndarray, list[Message]]]) -> None:
        self.parts = parts

    def between(self, lo: int, hi: int) -> dict[int, list[Message]] | None:
        """Messages of the units ``lo <= index < hi``: "same source" before "same
        target", as ``ConsistencyCheck.run_document`` yields them."""
        out: dict[int, list[Message]] = {}
        for flagged, groups, msgs in self.parts:
            a, b = np.searchsorted(flagged, [lo, hi])
            for i, g in zip(flagged[a:b].tolist(), groups[a:b].tolist()):
                out.setdefault(i, []).append(msgs[g])
        return out or None


def consistency_messages(unit_keys: list[UnitKeys], bases: list[int], chunks: list[Chunk],
                         job: Shared, engine: Engine, same_target: bool = False) -> Messages | None:
    """The consistency findings of a file, decided from the chunks' unit keys (consumed:
    the list is emptied), ``bases`` the index of each chunk's first unit; the majority
    units named in the messages are read again (those only). ``same_target``: whether
    the "same translation, different sources" decision runs (its setting)."""
    keys = UnitKeys.concat(unit_keys)
    unit_keys.clear()  # the chunks' keys are freed as soon as they are joined
    same_src = conflicts(keys.pos_a, keys.key_a, keys.form_a)
    if same_target:
        same_tgt = conflicts(keys.pos_b, keys.key_b, keys.form_b)
    else:
        same_tgt = Conflicts(flagged=np.zeros(0, np.int64), groups=np.zeros(0, np.int64))
    del keys
    if not len(same_src.flagged) and not len(same_tgt.flagged):
        return None
    wanted = sorted({i for c in (same_src, same_tgt) for m in c.majority for i in m})
    # the chunk of each wanted unit: chunk k holds the indexes [bases[k], bases[k + 1])
    where = np.searchsorted(np.array(bases, np.int64), np.array(wanted, np.int64),
                            side="right") - 1
    asks: dict[int, list[int]] = {}
    for i, k in zip(wanted, where.tolist()):
        asks.setdefault(k, []).append(i)
    items = [(chunks[k], bases[k], asks[k]) for k in sorted(asks)]
    details: dict[int, tuple[str, str, str | None]] = {}
    for part in ordered_map(engine, details_task, items, job, window=len(items)):
        details.update(part)
    parts: list[tuple[np.ndarray, np.ndarray, list[Message]]] = []
    for c, make in ((same_src, lambda ids, n, d: same_source_message(ids, n, d[2] or "")),
                    (same_tgt, lambda ids, n, d: same_target_message(ids, n, d[1]))):
        msgs: list[Message] = [make([details[i][0] for i in maj], n, details[maj[0]])
                                               for maj, n in zip(c.majority, c.counts)]
        parts.append((c.flagged, c.groups, msgs))
    return Messages(parts)

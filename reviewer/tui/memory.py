"""Synthetic segments for benchmarks and tests of the review screen (a million of them
without a file): review them with :meth:`reviewer.project.Project.in_memory`."""

from __future__ import annotations

import random

from ..model import Segment


def synthetic_segments(n: int, seed: int = 7) -> list[Segment]:
    """``n`` segments of varied length (for benchmarks)."""
    rnd = random.Random(seed)
    words = ("the model reviews translation quality across many segments while "
             "reviewers correct errors in terminology accuracy style and markup").split()
    it_words = ("il modello rivede la qualità della traduzione su molti segmenti mentre "
                "i revisori correggono errori di terminologia accuratezza stile").split()
    out = []
    for i in range(n):
        k = rnd.choice((4, 8, 12, 20, 40))
        src = " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."
        tgt = " ".join(rnd.choice(it_words) for _ in range(k)).capitalize() + "."
        out.append(Segment(id=str(i + 1), index=i, source=src, target=tgt, line=i + 1))
    return out

"""Which reader a file needs: XLIFF 2.x (:mod:`.v2`) or 1.2 (:mod:`.v12`), by its
header; both yield each segment with the writer's location of its target."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ...errors import InputError, ReviewerError
from ...model import Segment
from . import v2, v12
from .stream import Header, Loc


def located_segments(path: Path, header: Header) -> Iterator[tuple[Segment, Loc]]:
    """Segments of the file with the writer's location of each."""
    try:
        if header.version == 2:
            yield from v2.read_segments(path, header)
        else:
            yield from v12.read_segments(path, header)
    except ReviewerError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as e:
        raise InputError(f"unexpected XLIFF structure ({type(e).__name__}: {e})", path) from None

"""Messages that cross the app: posted by the workers (from threads) to the screen."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class Progress(Message):
    """Background work advanced: ``phase`` at ``done`` of ``total``."""

    def __init__(self, phase: str, done: int, total: int) -> None:
        super().__init__()
        self.phase = phase
        self.done = done
        self.total = total


class Loaded(Message):
    """The segments and their review state are in the session: paint."""


class Indexed(Message):
    """The whole file is read: ``prepared`` for :meth:`ReviewSession.install_index`."""

    def __init__(self, prepared: dict[str, Any]) -> None:
        super().__init__()
        self.prepared = prepared


class LoadFailed(Message):
    """Opening the input failed (a user error: shown, then the app exits)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class FiguresReady(Message):
    """The live figures (chrF, HTER, MQM) have their baselines."""


class FindingsBatch(Message):
    """Findings of some segments, by position."""

    def __init__(self, batch: dict[int, list[Any]]) -> None:
        super().__init__()
        self.batch = batch


class ChecksDone(Message):
    """Every check ran."""


class Preview(Message):
    """The first units of a big file, to paint before the session is loaded (a
    :class:`~reviewer.tui.preview.HeadPreview`)."""

    def __init__(self, preview: Any) -> None:
        super().__init__()
        self.preview = preview


class ViewReady(Message):
    """A filter or search computed in a worker, ready to become the view; from a
    streamed scan, a step of it (``done`` of ``total`` segments scanned, the matches
    so far) under the query's ``serial`` (a step of a query since replaced is
    dropped)."""

    def __init__(self, kind: str, text: str, parsed: Any, positions: Any,
                 done: int = 0, total: int = 0, serial: int = 0) -> None:
        super().__init__()
        self.kind = kind
        self.text = text
        self.parsed = parsed
        self.positions = positions
        self.done = done
        self.total = total
        self.serial = serial

    @property
    def final(self) -> bool:
        """True for the whole result."""
        return self.done >= self.total


class MeaningReady(Message):
    """Meaning similarities of every segment, computed in a worker; then sort the view
    (``sort``) and/or apply a filter that needed them (``filter_text``)."""

    def __init__(self, values: list[float | None], sort: bool, filter_text: str | None) -> None:
        super().__init__()
        self.values = values
        self.sort = sort
        self.filter_text = filter_text


class MeaningFailed(Message):
    """Meaning similarities could not be computed (e.g. the extra is not installed)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

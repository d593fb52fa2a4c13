"""A quiet progress line on stderr for long runs: only on a terminal, never in CI; and
the one wrapper that counts units as a check run consumes them."""

from __future__ import annotations

import os
import sys
import time
from typing import IO, Iterable, Iterator, TypeVar

T = TypeVar("T")


class Progress:
    """Parts done (files, or chunks of a distributed run), units, rate and time left,
    redrawn at most 5 times a second on one stderr line. Silent when stderr is not a
    terminal or ``CI`` is set (``enabled=False``: a silent counter, its ``units`` read
    by the caller)."""

    def __init__(self, total_files: int, stream: IO[str] | None = None,
                 enabled: bool | None = None, parts: str = "files",
                 label: str = "checking") -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = self.stream.isatty() and not os.environ.get("CI")
        self.enabled = enabled
        self.total_files = total_files
        self.files_done = 0
        self.units = 0
        self.parts, self.label = parts, label
        self.start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def unit(self, n: int = 1) -> None:
        """Count ``n`` processed units; redraw if due."""
        self.units += n
        if self.enabled:
            now = time.monotonic()
            if now - self._last >= 0.2:
                self._last = now
                self._draw(now)

    def file_done(self) -> None:
        """Count one finished file (part)."""
        self.files_done += 1

    def advance(self, units: int) -> None:
        """One more part of ``units`` units done (a chunk of a distributed run);
        redrawn at once."""
        self.files_done += 1
        self.units += units
        if self.enabled:
            self._draw(time.monotonic())

    def counting(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` unchanged, each counted (:meth:`unit`) as it is consumed."""
        for item in items:
            self.unit()
            yield item

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-6)
        rate = self.units / elapsed
        left = ""
        if self.files_done and self.total_files > 1:
            remaining = elapsed / self.files_done * (self.total_files - self.files_done)
            left = f"  ~{remaining:.0f}s left"
        self.stream.write(
            f"\r\x1b[2K{self.label}: {self.files_done}/{self.total_files} {self.parts}  "
            f"{self.units:,} units  {rate:,.0f} units/s{left}"
        )
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the progress line."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

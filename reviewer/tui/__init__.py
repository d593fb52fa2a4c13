"""The interactive review screen (Textual). Imported only by ``reviewer review``.

The session, query, codes, live_stats, loader and memory modules are free of Textual
(tests import them alone); the app is imported lazily from here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ReviewApp", "ReviewOptions", "ReviewSession"]


def __getattr__(name: str) -> Any:
    if name == "ReviewApp":
        from .app import ReviewApp

        return ReviewApp
    if name == "ReviewOptions":
        from .loader import ReviewOptions

        return ReviewOptions
    if name == "ReviewSession":
        from .session import ReviewSession

        return ReviewSession
    raise AttributeError(name)

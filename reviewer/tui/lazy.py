"""numpy, imported when first used.

The review screen's first frame (the first units of a big file, see
:mod:`reviewer.tui.preview`) needs none of numpy, and importing it costs about a
fifth of the time to that frame; the modules the first frame imports (the session,
the segment list, the query module, the live figures) take ``np`` from here, so
numpy is imported by the first array operation instead, after that frame. Type
checkers see the real module (``if TYPE_CHECKING: import numpy as np``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["np"]


class LazyModule:
    """A module imported on the first attribute read (the import is thread-safe:
    importlib's module locks)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: Any = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)


np: Any = LazyModule("numpy")

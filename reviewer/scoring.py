"""The former name of :mod:`reviewer.ranking` (``reviewer score``: systems ranked by
corpus metrics), kept so that ``from reviewer.scoring import ...`` still works. The
metrics' statistics themselves are :mod:`reviewer.metrics`."""

from __future__ import annotations

from .ranking import *  # noqa: F401,F403
from .ranking import __all__  # noqa: F401

"""The former name of :mod:`reviewer.sentences` (sentence splitting), kept so that
``from reviewer.segment import ...`` still works; the unit of review is
:class:`reviewer.model.Segment`, which this module never was."""

from __future__ import annotations

from .sentences import *  # noqa: F401,F403
from .sentences import __all__  # noqa: F401

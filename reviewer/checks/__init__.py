"""Check registry: the built-in checks plus any registered under the
``reviewer.checks`` entry-point group (a class or a list of classes)."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from .base import Check, CheckContext, DocumentCheck

__all__ = ["Check", "CheckContext", "DocumentCheck", "all_checks", "BUILTIN_MODULES"]

# Each module exposes ``CHECKS``: a list of Check subclasses.
BUILTIN_MODULES: tuple[str, ...] = (
    "reviewer.checks.basic",
    "reviewer.checks.placeholders",
    "reviewer.checks.markup",
    "reviewer.checks.numbers",
    "reviewer.checks.links",
    "reviewer.checks.punctuation",
    "reviewer.checks.text",
    "reviewer.checks.terms",
    "reviewer.checks.variant",
    "reviewer.checks.entities",
    "reviewer.checks.consistency",
    "reviewer.checks.spelling",
    "reviewer.checks.alignment",
    "reviewer.checks.meaning",
)

_registry: dict[str, type[Check]] | None = None


def _add(reg: dict[str, type[Check]], cls: type[Check], origin: str) -> None:
    if not cls.id:
        raise TypeError(f"check class {cls.__name__} from {origin} has no id")
    if cls.id in reg and reg[cls.id] is not cls:
        raise TypeError(f"check id {cls.id!r} from {origin} is already registered")
    reg[cls.id] = cls


def all_checks() -> dict[str, type[Check]]:
    """Every known check class by id, built-ins first (in module order)."""
    global _registry
    if _registry is None:
        reg: dict[str, type[Check]] = {}
        for modname in BUILTIN_MODULES:
            try:
                mod = importlib.import_module(modname)
            except ModuleNotFoundError as e:
                if e.name != modname:
                    raise
                continue  # a family not written yet
            for cls in getattr(mod, "CHECKS", ()):
                _add(reg, cls, modname)
        for ep in entry_points(group="reviewer.checks"):
            obj = ep.load()
            for cls in obj if isinstance(obj, (list, tuple)) else [obj]:
                _add(reg, cls, f"entry point {ep.name}")
        _registry = reg
    return dict(_registry)


def register(cls: type[Check]) -> type[Check]:
    """Register a check class at run time (usable as a decorator)."""
    all_checks()
    assert _registry is not None
    _add(_registry, cls, cls.__module__)
    return cls

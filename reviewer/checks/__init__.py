"""Check registry: the built-in checks plus any registered under the
``reviewer.checks`` entry-point group (a class or a list of classes)."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from .base import Check, CheckContext, DocumentCheck

__all__ = ["Check", "CheckContext", "DocumentCheck", "all_checks", "check_defaults", "load_check",
           "BUILTIN_CHECKS"]

# Each built-in module exposes ``CHECKS``: a list of Check subclasses.
#: Every built-in check: ``(id, module, enabled by default)`` in registry order, so a
#: run imports only the modules of the checks it runs (tests/test_runner.py keeps this
#: in step with the classes).
BUILTIN_CHECKS: tuple[tuple[str, str, bool], ...] = (
    ("format", "structure", True),
    ("icu", "structure", True),
    ("empty", "basic", True),
    ("untranslated", "basic", True),
    ("whitespace", "basic", True),
    ("length", "basic", True),
    ("untranslated-words", "leftover", True),
    ("stray-punctuation", "leftover", True),
    ("placeholder", "placeholders", True),
    ("markup", "markup", True),
    ("number", "numbers", True),
    ("url", "links", True),
    ("email", "links", True),
    ("punctuation", "punctuation", True),
    ("brackets", "punctuation", True),
    ("quotes", "punctuation", True),
    ("capitalization", "text", True),
    ("repeated-word", "text", True),
    ("term", "terms", True),
    ("forbidden-term", "terms", True),
    ("variant", "variant", True),
    ("entity", "entities", True),
    ("consistency", "consistency", True),
    ("spelling", "spelling", True),
    ("alignment", "alignment", True),
    ("meaning", "meaning", False),
    ("coverage", "coverage", False),
)
_BUILTIN_MODULE = {cid: f"reviewer.checks.{mod}" for cid, mod, _ in BUILTIN_CHECKS}

_registry: dict[str, type[Check]] | None = None
_plugins: list[tuple[type[Check], str]] | None = None


def _add(reg: dict[str, type[Check]], cls: type[Check], origin: str) -> None:
    if not cls.id:
        raise TypeError(f"check class {cls.__name__} from {origin} has no id")
    if cls.id in reg and reg[cls.id] is not cls:
        raise TypeError(f"check id {cls.id!r} from {origin} is already registered")
    reg[cls.id] = cls


def _plugin_checks() -> list[tuple[type[Check], str]]:
    """Check classes registered under the ``reviewer.checks`` entry-point group."""
    global _plugins
    if _plugins is None:
        found: list[tuple[type[Check], str]] = []
        for ep in entry_points(group="reviewer.checks"):
            obj = ep.load()
            for cls in obj if isinstance(obj, (list, tuple)) else [obj]:
                found.append((cls, f"entry point {ep.name}"))
        _plugins = found
    return _plugins


def all_checks() -> dict[str, type[Check]]:
    """Every known check class by id, built-ins first (in module order)."""
    global _registry
    if _registry is None:
        reg: dict[str, type[Check]] = {}
        for modname in dict.fromkeys(_BUILTIN_MODULE.values()):
            mod = importlib.import_module(modname)
            for cls in getattr(mod, "CHECKS", ()):
                _add(reg, cls, modname)
        for cls, origin in _plugin_checks():
            _add(reg, cls, origin)
        _registry = reg
    return dict(_registry)


def check_defaults() -> dict[str, bool]:
    """Every known check id and whether it runs by default, in registry order, without
    importing the built-in check modules."""
    if _registry is not None:
        return {cid: cls.default_enabled for cid, cls in _registry.items()}
    out = {cid: on for cid, _mod, on in BUILTIN_CHECKS}
    for cls, _origin in _plugin_checks():
        if not cls.id or cls.id in out:
            all_checks()  # raises the registry's error for a bad or clashing id
        out[cls.id] = cls.default_enabled
    return out


def load_check(cid: str) -> type[Check]:
    """The class of check ``cid``, importing only its module when it is built in."""
    if _registry is None and cid in _BUILTIN_MODULE:
        mod = importlib.import_module(_BUILTIN_MODULE[cid])
        for cls in getattr(mod, "CHECKS", ()):
            if cls.id == cid:
                return cls
    return all_checks()[cid]

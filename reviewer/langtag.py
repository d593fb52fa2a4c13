"""The subtags of a BCP 47 language code (``it``, ``pt-BR``, ``zh-Hans``), on which
the language data of :mod:`reviewer.lang` is keyed."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["subtags", "base"]


@lru_cache(maxsize=256)
def subtags(lang: str | None) -> tuple[str, ...]:
    """The subtags of a BCP 47 code, lowercased (``pt_BR`` is accepted too)."""
    if not lang:
        return ()
    return tuple(p for p in lang.strip().replace("_", "-").lower().split("-") if p)


def base(lang: str | None) -> str:
    """The primary language subtag, lowercased: ``pt-BR`` -> ``pt``; ``""`` when unknown."""
    t = subtags(lang)
    return t[0] if t else ""

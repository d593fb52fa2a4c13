"""Words the spelling check accepts beyond the dictionary: loanwords, the user's word
lists, glossary terms (and where its data lives)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ..errors import ConfigError
from ..lang import base
from .spelling_tokens import iter_words


DATA_DIR = Path(__file__).resolve().parent.parent / "data"

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
    "it": "Italian", "ru": "Russian", "ar": "Arabic", "eu": "Basque", "lv": "Latvian",
    "nl": "Dutch", "fa": "Persian",
}  # fmt: skip

#: Languages that capitalise common nouns: capitalised words inside a sentence are
#: checked too (flagged only when a close dictionary word exists).
NOUN_CAPS = frozenset({"de", "lb"})



# --- word lists -----------------------------------------------------------------------


def _sectioned_words(filename: str, code: str) -> frozenset[str]:
    """Lowercase words of a ``reviewer/data`` list for language ``code``: sections
    ``[*]`` (every language) and ``[xx]``; an entry of several words adds each."""
    out: set[str] = set()
    section = "*"
    try:
        lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
        elif section in ("*", code):
            out.update(w.lower() for w in re.split(r"[\s\-]+", line) if w)
            out.add(line.lower())
    return frozenset(out)


@lru_cache(maxsize=64)
def loanwords(lang: str | None) -> frozenset[str]:
    """The loanwords of ``reviewer/data/loanwords.txt`` accepted in ``lang``."""
    return _sectioned_words("loanwords.txt", base(lang))


@lru_cache(maxsize=32)
def _wordlist_file(path: str) -> frozenset[str]:
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read the spelling word list: {e}", path=path) from None
    return frozenset(
        w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#")
    )


def glossary_entries(glossary: Any) -> list[Any]:
    """The entries of a glossary object (``.entries`` or iterable), defensively."""
    if glossary is None:
        return []
    entries = getattr(glossary, "entries", None)
    if entries is None:
        try:
            entries = list(glossary)
        except TypeError:
            return []
    if isinstance(entries, Mapping):
        entries = list(entries.values())
    return list(entries)


def entry_parts(entry: Any) -> tuple[str, list[str], bool]:
    """``(source, targets, dnt)`` of a glossary entry, whatever its exact shape."""

    def get(name: str, default: Any) -> Any:
        if isinstance(entry, Mapping):
            return entry.get(name, default)
        return getattr(entry, name, default)

    source = str(get("source", "") or "")
    targets = get("targets", None)
    if targets is None:
        t = get("target", "")
        targets = [t] if t else []
    elif isinstance(targets, str):
        targets = [t for t in targets.split("|") if t]
    targets = [str(t) for t in targets if t]
    dnt = get("dnt", None)
    if dnt is None:
        dnt = not targets or targets == [source]
    return source, targets, bool(dnt)


_GLOSS_CACHE: dict[int, tuple[Any, frozenset[str]]] = {}


def _glossary_words(glossary: Any) -> frozenset[str]:
    if glossary is None:
        return frozenset()
    hit = _GLOSS_CACHE.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    out: set[str] = set()
    for e in glossary_entries(glossary):
        source, targets, _ = entry_parts(e)
        for form in [source, *targets]:
            out.update(w.text.lower() for w in iter_words(form))
    words = frozenset(out)
    if len(_GLOSS_CACHE) > 8:
        _GLOSS_CACHE.clear()
    _GLOSS_CACHE[id(glossary)] = (glossary, words)
    return words

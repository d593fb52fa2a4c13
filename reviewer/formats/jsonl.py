"""JSON Lines: one object a line with source, target and optional reference, id, terms.

Key names come from :class:`ReadOptions` (``--source-key`` and friends), so WMT-style
data such as ``{"en": ..., "de": ..., "proper": {...}}`` reads with
``source_key="en", target_key="de", terms_key="proper"``. A unit's id is the value of
the id key (``options.id_key``, else ``"id"``) when present, else its 1-based line
number. Blank lines are skipped but keep their numbers.

The writer replaces the target value of changed lines only, in place
(:func:`splice_value`): every other byte of the line (other fields, their number
spellings such as ``1e400``, duplicate keys, spacing) and every other line stay as
they were.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import safejson
from ..errors import InputError
from ..model import Document, Segment
from .base import Format, ReadOptions, sniff_encoding
from .plaintext import iter_lines, load_lines, open_text, save_lines, split_eol

__all__ = ["JsonlFormat", "parse_terms"]

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _text(value: Any, what: str, path: Path, line: int) -> str | None:
    """A side's text: strings as they are, numbers as text, null as None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(f"{what} is a JSON {type(value).__name__}, not a string", path, line)


def _pair(item: Any) -> tuple[str, str] | None:
    """One glossary entry from ``[src, tgt]`` or ``{"source": .., "target": ..}``."""
    if isinstance(item, (list, tuple)) and len(item) == 2:
        src, tgt = item
    elif isinstance(item, dict):
        src = next((item[k] for k in ("source", "src", "term") if k in item), None)
        tgt = next(
            (item[k] for k in ("target", "tgt", "translation") if k in item), None
        )
    else:
        return None
    if isinstance(src, str) and src and isinstance(tgt, str):
        return src, tgt
    return None


def parse_terms(value: Any) -> tuple[tuple[str, str], ...]:
    """A per-unit glossary as ``((source term, target term), ...)``, leniently.

    Accepts ``{"source term": "target term"}`` (a list of target terms gives one pair
    each), a list of ``[source, target]`` pairs, or a list of
    ``{"source": .., "target": ..}`` objects. Entries of any other shape are ignored.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for src, tgt in value.items():
            if not isinstance(src, str) or not src:
                continue
            if isinstance(tgt, str):
                pairs.append((src, tgt))
            elif isinstance(tgt, list):
                pairs.extend((src, t) for t in tgt if isinstance(t, str))
    elif isinstance(value, list):
        for item in value:
            p = _pair(item)
            if p is not None:
                pairs.append(p)
    return tuple(pairs)


def _notes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()


def _parse_line(line: str, path: Path, lineno: int) -> dict[str, Any] | None:
    """The object on a line, None for a blank line; InputError for anything else."""
    text, _ = split_eol(line)
    if not text.strip():
        return None
    obj = safejson.loads(text, path, lineno)
    if not isinstance(obj, dict):
        raise InputError(
            f"each line must be a JSON object, found a JSON {type(obj).__name__}",
            path,
            lineno,
        )
    return obj


def _units(path: Path, options: ReadOptions) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Yield ``(index, line_number, object)`` for each unit line, checked."""
    index = 0
    for lineno, line in iter_lines(path):
        obj = _parse_line(line, path, lineno)
        if obj is None:
            continue
        if options.source_key not in obj:
            keys = ", ".join(map(repr, list(obj)[:8])) or "none"
            raise InputError(
                f"no {options.source_key!r} key on this line (keys: {keys}; "
                "choose the key names with --source-key/--target-key)",
                path,
                lineno,
            )
        yield index, lineno, obj
        index += 1


def _segment(index: int, lineno: int, obj: dict[str, Any], path: Path, options: ReadOptions) -> Segment:
    id_key = options.id_key or "id"
    raw_id = obj.get(id_key)
    unit_id = str(lineno) if raw_id is None or raw_id == "" else str(raw_id)
    source = _text(obj[options.source_key], options.source_key, path, lineno)
    target = _text(obj.get(options.target_key), options.target_key, path, lineno)
    reference = _text(obj.get(options.reference_key), options.reference_key, path, lineno)
    context = obj.get("context")
    return Segment(
        id=unit_id,
        index=index,
        source=source or "",
        target=target,
        line=lineno,
        reference=reference,
        notes=_notes(obj.get("note", obj.get("notes"))),
        terms=parse_terms(obj.get(options.terms_key)),
        context=context if isinstance(context, str) else None,
    )


# Only the extent of each value matters: numbers are not converted (no 4,300-digit limit).
_DECODER = json.JSONDecoder(parse_int=lambda s: 0, parse_float=lambda s: 0.0,
                            parse_constant=lambda s: 0.0)
_WS = re.compile(r"[ \t\n\r]*")


def _value_spans(line: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Where each top-level key's value lies in a JSON object line (the last one of a
    duplicated key, as ``json.loads`` reads it), and the offset of the closing ``}``."""
    spans: dict[str, tuple[int, int]] = {}
    i = _WS.match(line, 0).end()  # type: ignore[union-attr]
    if line[i:i + 1] != "{":
        raise ValueError("not an object")
    i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
    if line[i:i + 1] == "}":
        return spans, i
    while True:
        if line[i:i + 1] != '"':
            raise ValueError("expected a key")
        key, i = json.decoder.scanstring(line, i + 1)  # type: ignore[attr-defined]
        i = _WS.match(line, i).end()  # type: ignore[union-attr]
        if line[i:i + 1] != ":":
            raise ValueError("expected ':'")
        i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
        _, end = _DECODER.raw_decode(line, i)
        spans[key] = (i, end)
        i = _WS.match(line, end).end()  # type: ignore[union-attr]
        if line[i:i + 1] == ",":
            i = _WS.match(line, i + 1).end()  # type: ignore[union-attr]
            continue
        if line[i:i + 1] == "}":
            return spans, i
        raise ValueError("expected ',' or '}'")


def splice_value(line: str, key: str, value: str | None) -> str:
    """``line`` (one JSON object) with the value of ``key`` replaced by ``value``, or
    the key added before the closing brace; nothing else of the line changes."""
    spans, close = _value_spans(line)
    new = json.dumps(value, ensure_ascii=False)
    if key in spans:
        a, b = spans[key]
        return line[:a] + new + line[b:]
    sep = ", " if spans else ""
    return line[:close] + f"{sep}{json.dumps(key, ensure_ascii=False)}: {new}" + line[close:]


def _lang_from_key(key: str) -> str | None:
    """A key such as ``en`` or ``de-DE`` names its language (WMT data); else None."""
    if _LANG.match(key) and key.lower() not in {"src", "tgt", "ref", "hyp", "mt", "id"}:
        return key.replace("_", "-")
    return None


class JsonlFormat(Format):
    """JSON Lines bilingual files (``.jsonl``, ``.ndjson``)."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")

    def sniff(self, head: bytes) -> bool:
        """True when the first non-blank line starts with ``{``."""
        encoding, bom = sniff_encoding(head)
        text = head[bom:].decode(encoding, errors="ignore")
        for line in text.splitlines():
            if line.strip():
                return line.lstrip().startswith("{")
        return False

    def read(self, path: Path, options: ReadOptions) -> Document:
        """Stream the units of a JSONL file (errors surface while iterating)."""
        with open_text(path):  # fail early on a missing or binary file
            pass

        def segments() -> Iterator[Segment]:
            for index, lineno, obj in _units(path, options):
                yield _segment(index, lineno, obj, path, options)

        return Document(
            path=str(path),
            format=self.name,
            source_lang=options.source_lang or _lang_from_key(options.source_key),
            target_lang=options.target_lang or _lang_from_key(options.target_key),
            segments=segments(),
        )

    def write(
        self,
        path: Path,
        out: Path,
        changes: Mapping[int, Segment],
        options: ReadOptions,
    ) -> None:
        """Write ``path`` to ``out`` with the target of changed lines replaced."""
        text = load_lines(path)
        pending = dict(changes)
        for index, lineno, obj in _units(path, options):
            seg = pending.pop(index, None)
            if seg is None:
                continue
            if obj.get(options.target_key) == seg.target:
                continue
            body, eol = split_eol(text.lines[lineno - 1])
            text.lines[lineno - 1] = splice_value(body, options.target_key, seg.target) + eol
        if pending:
            raise InputError(
                f"no unit with index {min(pending)} (the file changed since it was read?)",
                path,
            )
        save_lines(out, text)

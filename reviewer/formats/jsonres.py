"""JSON resource files: i18next / ngx-translate JSON, Flutter ARB, Xcode ``.xcstrings``.

- i18next / ngx-translate (``.json``): nested objects, keys joined with ``.``; i18next
  plural keys (``_zero`` .. ``_other``) are plural forms of their base key; an empty
  string is "not translated yet".
- ARB (``.arb``): ``@@locale`` names the language, ``@key`` metadata gives the unit's
  description (a note); values are ICU MessageFormat.
- ``.xcstrings``: one file holds every language; a document is read for one target
  language (``--target-lang``, else every language in turn, see
  :meth:`XcstringsFormat.languages`). Plural and device variations and substitutions
  are units of their own (``key[one]``, ``key/arg1[few]``); ``stringUnit.state`` maps
  onto the status model; ``shouldTranslate: false`` units are skipped.

Writers replace one JSON string token in place (:mod:`reviewer.formats.jsonspan`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..plurals import singular_category
from ..model import Document
from .base import ReadOptions
from .jsonspan import JArr, JObj, JStr, JsonError, JValue, dumps_str, parse
from .keyed import Entry, KeyedFormat, Parsed, find_source, key_contexts, lang_from_path

CLDR_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_PLURAL_SUFFIX = re.compile(r"^(.+)_(zero|one|two|few|many|other|plural)$")


def _parse_json(text: str) -> JValue:
    try:
        return parse(text)
    except JsonError as e:
        err = ValueError(f"invalid JSON: {e.msg} (column {e.col})")
        err.line = e.line  # type: ignore[attr-defined]
        raise err from None


class I18nJsonFormat(KeyedFormat):
    """i18next and ngx-translate JSON (nested or flat key -> string objects)."""

    name = "json"
    suffixes = (".json",)

    def sniff(self, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and not _jsonl_like(head)

    def parse(self, text: str, path: Path) -> Parsed:
        root = _parse_json(text)
        if not isinstance(root, JObj):
            raise ValueError("the top level is not a JSON object of keys and strings")
        out: list[Entry] = []
        self._walk(root, "", out)
        return Parsed(out)

    def _walk(self, node: JValue, prefix: str, out: list[Entry]) -> None:
        if isinstance(node, JObj):
            for k, v, _ in node.members:
                self._walk(v, f"{prefix}.{k}" if prefix else k, out)
        elif isinstance(node, JArr):
            for i, v in enumerate(node.items):
                self._walk(v, f"{prefix}[{i}]", out)
        elif isinstance(node, JStr):
            m = _PLURAL_SUFFIX.match(prefix)
            base, plural = (m.group(1), "other" if m.group(2) == "plural" else m.group(2)) if m else (None, None)
            out.append(Entry(prefix, node.value, node.start, node.end, node.line,
                             base=base, plural=plural))

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return dumps_str(value, text[entry.start:entry.end])


class ArbFormat(I18nJsonFormat):
    """Flutter Application Resource Bundle (``.arb``)."""

    name = "arb"
    suffixes = (".arb",)
    empty_is_untranslated = True

    def parse(self, text: str, path: Path) -> Parsed:
        root = _parse_json(text)
        if not isinstance(root, JObj):
            raise ValueError("the top level is not a JSON object")
        meta: dict[str, JValue] = {k: v for k, v, _ in root.members if k.startswith("@")}
        out: list[Entry] = []
        lang = None
        for k, v, _ in root.members:
            if k == "@@locale" and isinstance(v, JStr):
                lang = v.value.replace("_", "-")
            if k.startswith("@") or not isinstance(v, JStr):
                continue
            notes: tuple[str, ...] = ()
            m = meta.get("@" + k)
            if isinstance(m, JObj):
                d = m.get("description")
                if isinstance(d, JStr) and d.value:
                    notes = (d.value,)
            out.append(Entry(k, v.value, v.start, v.end, v.line, notes=notes))
        return Parsed(out, target_lang=lang)


_XC_STATE = {"translated": "translated", "needs_review": "fuzzy", "new": "new",
             "stale": "translated"}


class XcstringsFormat(KeyedFormat):
    """Xcode String Catalog (``.xcstrings``): bilingual JSON holding every language."""

    name = "xcstrings"
    suffixes = (".xcstrings",)
    monolingual = False

    def languages(self, path: Path) -> list[str]:
        """The target languages the catalog holds (its source language excluded)."""
        root = self._root(path)
        src = _str(root.get("sourceLanguage")) or "en"
        langs: dict[str, None] = {}
        strings = root.get("strings")
        if isinstance(strings, JObj):
            for _k, unit, _ in strings.members:
                locs = unit.get("localizations") if isinstance(unit, JObj) else None
                if isinstance(locs, JObj):
                    for lang, _v, _l in locs.members:
                        if lang != src:
                            langs[lang] = None
        return sorted(langs)

    def _root(self, path: Path) -> JObj:
        text, _ = self.load(path)
        try:
            root = _parse_json(text)
        except ValueError as e:
            raise InputError(f"not a valid xcstrings file: {e}", path, getattr(e, "line", None)) from None
        if not isinstance(root, JObj):
            raise InputError("not a String Catalog: the top level is not an object", path)
        return root

    def parse(self, text: str, path: Path, lang: str | None = None) -> Parsed:  # type: ignore[override]
        root = _parse_json(text)
        if not isinstance(root, JObj):
            raise ValueError("the top level is not an object")
        return Parsed([], source_lang=_str(root.get("sourceLanguage")))

    def units(self, root: JObj, lang: str) -> Iterator[tuple[Entry | None, Entry | None]]:
        """``(source entry, target entry)`` pairs of one target language."""
        src_lang = _str(root.get("sourceLanguage")) or "en"
        strings = root.get("strings")
        if not isinstance(strings, JObj):
            return
        for key, unit, kline in strings.members:
            if not isinstance(unit, JObj):
                continue
            skip = unit.get("shouldTranslate") is False
            stale = _str(unit.get("extractionState")) == "stale"
            comment = _str(unit.get("comment"))
            locs = unit.get("localizations")
            locs = locs if isinstance(locs, JObj) else JObj([], 0, kline)
            src: dict[str, Entry] = {}
            sl = locs.get(src_lang)
            if isinstance(sl, JObj):
                for e in _xc_walk(sl, key, None):
                    src[e.key] = e
            if not src:
                src[key] = Entry(key, key, None, None, kline)
            tl = locs.get(lang)
            tgt = list(_xc_walk(tl, key, None)) if isinstance(tl, JObj) else []
            notes = (comment,) if comment else ()
            if not tgt:
                for s in src.values():
                    s.notes = notes
                    s.translatable = not (skip or stale)
                    yield s, None
                continue
            for t in tgt:
                same = t.plural != "one" or singular_category(lang, "one")
                s_e = (src.get(t.key) if same else None) \
                    or (src.get(f"{t.base}[other]") if t.base else None) or src.get(t.key) \
                    or next(iter(src.values()))
                s_e.notes = t.notes = notes
                t.translatable = not (skip or stale)
                yield s_e, t

    def read(self, path: Path, options: ReadOptions) -> Document:
        root = self._root(path)
        src_lang = options.source_lang or _str(root.get("sourceLanguage")) or "en"
        langs = [options.target_lang] if options.target_lang else self.languages(path)
        segs = []
        for lang in langs:
            prefix = "" if len(langs) == 1 else f"{lang}:"
            of_lang = []
            for s, t in self.units(root, lang):
                assert s is not None
                of_lang.append(self._segment(0, prefix + (t.key if t else s.key), s, t))
            segs.extend(key_contexts(of_lang, prefix))
        from .keyed import _dedupe_ids

        return Document(path=str(path), format=self.name, source_lang=src_lang,
                        target_lang=langs[0] if len(langs) == 1 else None,
                        segments=_dedupe_ids(segs), meta={"languages": langs})

    def write(self, path, out, changes, options):  # type: ignore[no-untyped-def]
        from .base import atomic_write_bytes

        text, bom = self.load(path)
        root = self._root(path)
        doc = self.read(path, options)
        spans = {}
        langs = [options.target_lang] if options.target_lang else self.languages(path)
        for lang in langs:
            prefix = "" if len(langs) == 1 else f"{lang}:"
            for _s, t in self.units(root, lang):
                if t is not None:
                    spans[prefix + t.key] = t
        ids = {s.index: s.id for s in doc.segments}
        edits = []
        for idx, seg in changes.items():
            t = spans.get(ids.get(idx, seg.id))
            if t is None or t.start is None:
                raise InputError(f"cannot write {seg.id!r}: no translation to replace in this "
                                 "catalog (adding one is not supported)", path)
            if seg.target is not None and seg.target != t.value:
                edits.append((t.start, t.end, dumps_str(seg.target, text[t.start:t.end])))
        for a, b, raw in sorted(edits, reverse=True):
            text = text[:a] + raw + text[b:]
        atomic_write_bytes(out, self.dump(text, bom))


def _str(v: JValue | None) -> str | None:
    return v.value if isinstance(v, JStr) else None


def _xc_walk(node: JObj, key: str, plural: str | None, base: str | None = None) -> Iterator[Entry]:
    su = node.get("stringUnit")
    if isinstance(su, JObj):
        v = su.get("value")
        if isinstance(v, JStr):
            st = _XC_STATE.get(_str(su.get("state")) or "", None)
            yield Entry(key, v.value, v.start, v.end, v.line, base=base, plural=plural,
                        status=st if v.value or st != "translated" else "untranslated")
    var = node.get("variations")
    if isinstance(var, JObj):
        for kind, forms, _ in var.members:
            if isinstance(forms, JObj):
                for cat, sub, _l in forms.members:
                    if isinstance(sub, JObj):
                        yield from _xc_walk(sub, f"{key}[{cat}]",
                                            cat if kind == "plural" else None,
                                            key if kind == "plural" else None)
    subs = node.get("substitutions")
    if isinstance(subs, JObj):
        for name, sub, _ in subs.members:
            if isinstance(sub, JObj):
                yield from _xc_walk(sub, f"{key}/{name}", None)


def _jsonl_like(head: bytes) -> bool:
    """True when the first line is a whole JSON object and another line follows
    (JSON Lines), as opposed to one object spread over many lines."""
    import json

    first, _, rest = head.partition(b"\n")
    try:
        json.loads(first.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    return bool(rest.strip())


def open_languages(path: Path, options: ReadOptions) -> Iterator[Document]:
    """One document per target language of a String Catalog (``--target-lang`` picks
    one)."""
    fmt = XcstringsFormat()
    langs = [options.target_lang] if options.target_lang else fmt.languages(path)
    from dataclasses import replace

    for lang in langs:
        yield fmt.read(path, replace(options, target_lang=lang))


__all__ = ["I18nJsonFormat", "ArbFormat", "XcstringsFormat", "open_languages",
           "find_source", "lang_from_path"]

"""Qt Linguist translation files (``.ts``): bilingual XML.

Each ``<message>`` is a unit: ``<source>``, ``<translation>`` (or its
``<numerusform>`` plural forms, one unit each: ``id[0]``, ``id[1]``...), ``<comment>``
(disambiguation: the unit's context) and ``<extracomment>``/``<translatorcomment>``
(notes). ``type="unfinished"`` is untranslated when empty, else fuzzy;
``type="obsolete"``/``"vanished"`` units are skipped. The unit id is the context name,
``/``, and the message's ``id`` attribute or its source text (and ``/`` comment).
"""

from __future__ import annotations

from pathlib import Path

from .keyed import Entry, KeyedFormat, Parsed
from .xmlspan import Elem, inner_text, scan, xml_escape


class QtTsFormat(KeyedFormat):
    """Qt Linguist ``.ts``."""

    name = "ts"
    suffixes = (".ts",)
    monolingual = False

    def sniff(self, head: bytes) -> bool:
        return b"<TS" in head

    def parse(self, text: str, path: Path) -> Parsed:
        root = scan(text)
        if root.tag != "TS":
            raise ValueError(f"the root element is <{root.tag}>, not <TS>")
        out: list[Entry] = []
        self.sources: dict[str, Entry] = {}
        for ctx in root.iter("context"):
            n = ctx.find("name")
            cname = inner_text(text, n) if n is not None else ""
            for msg in (c for c in ctx.children if c.tag == "message"):
                self._message(text, cname, msg, out)
        return Parsed(out, source_lang=_lang(root.attrs.get("sourcelanguage")),
                      target_lang=_lang(root.attrs.get("language")))

    def _message(self, text: str, cname: str, msg: Elem, out: list[Entry]) -> None:
        src = msg.find("source")
        tr = msg.find("translation")
        if src is None:
            return
        source = inner_text(text, src)
        comment = msg.find("comment")
        disamb = inner_text(text, comment) if comment is not None else ""
        key = f"{cname}/{msg.attrs.get('id') or source}" + (f"/{disamb}" if disamb else "")
        notes = tuple(inner_text(text, c) for c in msg.children
                      if c.tag in ("extracomment", "translatorcomment") and inner_text(text, c).strip())
        ttype = tr.attrs.get("type", "") if tr is not None else "unfinished"
        skip = ttype in ("obsolete", "vanished")
        forms = [c for c in tr.children if c.tag == "numerusform"] if tr is not None else []
        if msg.attrs.get("numerus") == "yes" and forms:
            for i, f in enumerate(forms):
                value = inner_text(text, f)
                k = f"{key}[{i}]"
                self.sources[k] = Entry(k, source, None, None, src.line)
                out.append(Entry(k, value, None if f.selfclosing else f.inner_start, f.inner_end,
                                 f.line, notes=notes, base=key, status=_status(ttype, value),
                                 translatable=not skip,
                                 context=f"{disamb}\u0004numerus form {i}" if disamb else f"numerus form {i}"))
            return
        value = inner_text(text, tr) if tr is not None else ""
        self.sources[key] = Entry(key, source, None, None, src.line)
        span = (tr.inner_start, tr.inner_end) if tr is not None and not tr.selfclosing else (None, None)
        out.append(Entry(key, value, span[0], span[1], (tr or src).line, notes=notes,
                         status=_status(ttype, value), translatable=not skip,
                         context=disamb or None))

    def read(self, path, options):  # type: ignore[no-untyped-def]
        from ..model import Document
        from .keyed import _dedupe_ids

        parsed = self.parse_file(path)
        segs = [self._segment(0, e.key, self.sources.get(e.key), e) for e in parsed.entries]
        return Document(path=str(path), format=self.name,
                        # Qt Linguist: without sourcelanguage the source is English
                        source_lang=options.source_lang or parsed.source_lang or "en",
                        target_lang=options.target_lang or parsed.target_lang,
                        segments=_dedupe_ids(segs))

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return xml_escape(value)


def _status(ttype: str, value: str) -> str:
    if ttype == "unfinished":
        return "fuzzy" if value else "untranslated"
    return "translated" if value else "untranslated"


def _lang(v: str | None) -> str | None:
    return v.replace("_", "-") if v else None

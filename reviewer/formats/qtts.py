"""Qt Linguist translation files (``.ts``): bilingual XML.

Each ``<message>`` is a unit: ``<source>``, ``<translation>`` (or its
``<numerusform>`` plural forms, one unit each: ``id[0]``, ``id[1]``...), the
``<context>`` name and ``<comment>`` (disambiguation; together the unit's context,
``Name · comment``) and ``<extracomment>``/``<translatorcomment>``
(notes). ``type="unfinished"`` is untranslated when empty, else fuzzy;
``type="obsolete"``/``"vanished"`` units are skipped. The unit id is the context name,
``/``, and the message's ``id`` attribute or its source text (and ``/`` comment).
"""

from __future__ import annotations

from pathlib import Path

import re

from ..model import CODE_RE, InlineCode, code_char, code_index
from .keyed import Entry, KeyedFormat, Parsed
from .xmlspan import Elem, inner_text, scan, xml_escape

#: Qt mnemonics: ``&File`` (``&&`` is a literal ampersand), and the CJK convention of
#: an appended ``(&F)``; each becomes one inline code (``id="mnemonic"``) so that no
#: check reads it as text or brackets, and the markup check sees one lost or added
_ACCEL = re.compile(r"\(&[^\s&()]\)|&(?=[^\s&;])(?![a-zA-Z]+;|#\d+;)")
#: Qt rich text (``<b>Password</b><br />...``, ``<html><head/><body><p>...``): markup a
#: widget renders, not words: each tag (lower-case name, as Qt writes them), comment,
#: doctype and ``<style>`` block becomes one inline code, so that lengths, spelling and
#: punctuation read the text and the markup check compares the tags
_RICH = re.compile(r"<!--.*?-->|<!DOCTYPE[^<>]*>|<style\b[^<>]*>.*?</style\s*>"
                   r"|</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.S)
_CODE = re.compile(f"(?P<rich>{_RICH.pattern})|(?P<acc>{_ACCEL.pattern})", re.S)
#: what makes a message rich text (Qt's own test, ``Qt::mightBeRichText``, looks for a
#: tag it knows in the first line): it opens with a tag, or holds a closing or an empty
#: tag; "Save to <file>" alone stays plain text
_ACCEL_ONLY = re.compile(f"(?P<acc>{_ACCEL.pattern})")
_IS_RICH = re.compile(r"^\s*<(?:[a-z!])|</[a-z][a-z0-9]*\s*>|<[a-z][a-z0-9]*(?:\s[^<>]*)?/>")


def mnemonic_codes(text: str) -> tuple[str, tuple[InlineCode, ...]]:
    """Text with each mnemonic marker, and each tag of a rich-text message, as an
    inline code."""
    if "&" not in text and "<" not in text:
        return text, ()
    codes: list[InlineCode] = []
    out: list[str] = []
    pos = 0
    rich = "<" in text and _IS_RICH.search(text) is not None
    for m in (_CODE if rich else _ACCEL_ONLY).finditer(text):
        if m.group("acc") is not None:
            if m.start() > 0 and text[m.start() - 1] == "&":
                continue  # the second half of '&&'
            code = InlineCode("standalone", "mnemonic", m.group(), display="&")
        else:
            code = _tag_code(m.group())
        out.append(text[pos:m.start()])
        out.append(code_char(len(codes)))
        codes.append(code)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tuple(codes)


def _tag_code(tag: str) -> InlineCode:
    """A rich-text tag as an inline code: ``<b>`` opens, ``</b>`` closes, ``<br />``, a
    comment, a doctype or a style block stands alone; its id is the tag's name."""
    name = re.match(r"</?([a-z][a-z0-9]*)", tag)
    if name is None or tag.endswith("/>") or tag.startswith("<style"):
        kind = "standalone"
    else:
        kind = "close" if tag.startswith("</") else "open"
    tid = name.group(1) if name else ("comment" if tag.startswith("<!--") else "doctype")
    short = tag if len(tag) <= 12 else (f"</{tid}>" if kind == "close" else f"<{tid}…>")
    return InlineCode(kind, tid, tag, display=short)


def _restore(text: str, codes: tuple[InlineCode, ...]) -> str:
    def sub(m: re.Match[str]) -> str:
        i = code_index(m.group())
        return codes[i].data if i is not None and i < len(codes) else ""

    return CODE_RE.sub(sub, text)


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
        sources: dict[str, Entry] = {}
        for ctx in root.iter("context"):
            n = ctx.find("name")
            cname = inner_text(text, n) if n is not None else ""
            for msg in (c for c in ctx.children if c.tag == "message"):
                self._message(text, cname, msg, out, sources)
        return Parsed(out, source_lang=_lang(root.attrs.get("sourcelanguage")),
                      target_lang=_lang(root.attrs.get("language")), meta={"sources": sources})

    def _message(self, text: str, cname: str, msg: Elem, out: list[Entry],
                 sources: dict[str, Entry]) -> None:
        src = msg.find("source")
        tr = msg.find("translation")
        if src is None:
            return
        raw_source = inner_text(text, src)
        source, s_codes = mnemonic_codes(raw_source)
        comment = msg.find("comment")
        disamb = inner_text(text, comment) if comment is not None else ""
        key = f"{cname}/{msg.attrs.get('id') or raw_source}" + (f"/{disamb}" if disamb else "")
        # Qt looks a translation up by (context, source, disambiguation): the same
        # source in two contexts is two messages, as two PO msgctxt are
        context = " · ".join(p for p in (cname, disamb) if p) or None
        notes = tuple(inner_text(text, c) for c in msg.children
                      if c.tag in ("extracomment", "translatorcomment") and inner_text(text, c).strip())
        ttype = tr.attrs.get("type", "") if tr is not None else "unfinished"
        skip = ttype in ("obsolete", "vanished")
        forms = [c for c in tr.children if c.tag == "numerusform"] if tr is not None else []
        if msg.attrs.get("numerus") == "yes" and forms:
            for i, f in enumerate(forms):
                value, t_codes = mnemonic_codes(inner_text(text, f))
                k = f"{key}[{i}]"
                sources[k] = Entry(k, source, None, None, src.line, codes=s_codes)
                out.append(Entry(k, value, None if f.selfclosing else f.inner_start, f.inner_end,
                                 f.line, codes=t_codes, notes=notes, base=key,
                                 status=_status(ttype, value),
                                 translatable=not skip,
                                 context=f"{context} · numerus form {i}"))
            return
        value, t_codes = mnemonic_codes(inner_text(text, tr)) if tr is not None else ("", ())
        sources[key] = Entry(key, source, None, None, src.line, codes=s_codes)
        span = (tr.inner_start, tr.inner_end) if tr is not None and not tr.selfclosing else (None, None)
        out.append(Entry(key, value, span[0], span[1], (tr or src).line, codes=t_codes, notes=notes,
                         status=_status(ttype, value), translatable=not skip,
                         context=context))

    def read(self, path, options):  # type: ignore[no-untyped-def]
        from ..model import Document
        from .keyed import _dedupe_ids

        parsed = self.parse_file(path)
        sources: dict[str, Entry] = parsed.meta.get("sources", {})  # type: ignore[assignment]
        segs = [self._segment(0, e.key, sources.get(e.key), e) for e in parsed.entries]
        return Document(path=str(path), format=self.name,
                        # Qt Linguist: without sourcelanguage the source is English
                        source_lang=options.source_lang or parsed.source_lang or "en",
                        target_lang=options.target_lang or parsed.target_lang,
                        segments=_dedupe_ids(segs))

    def encode(self, value: str, entry: Entry, text: str) -> str:
        return xml_escape(_restore(value, entry.codes))


def _status(ttype: str, value: str) -> str:
    if ttype == "unfinished":
        return "fuzzy" if value else "untranslated"
    return "translated" if value else "untranslated"


def _lang(v: str | None) -> str | None:
    return v.replace("_", "-") if v else None

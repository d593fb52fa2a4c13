"""Markup check: inline codes and literal HTML/XML markup must survive translation.

Two families are compared:

* **Inline codes** (:attr:`Segment.source_codes` / ``target_codes``, each one a
  private-use character in the text): matched by ``(kind, id)``; codes missing from
  the target (side ``source``), codes the target adds (side ``target``), and paired
  codes the target nests wrongly (a close before its open, ``<b><i></b></i>``).
* **Literal markup** in plain text: tags (``<b>``, ``</b>``, ``<a href="...">``,
  ``<br/>``) are compared by name and kind; ``alt``, ``title`` and other attributes
  are translatable and may differ, but a link target (``href``; ``src`` of images and
  media) must match (a localized URL, ``/en/`` -> ``/it/``, passes). Wrong nesting in
  the target is reported when the source itself is well nested. Entities
  (``&amp;``, ``&copy;``, ``&#169;``) are compared by the character they stand for,
  with minor severity: spacing, quote and dash entities are left to the typography
  checks; ``&amp;``/``&lt;``/``&gt;`` are only reported when the target writes the
  bare character instead (broken escaping), since ``Tom &amp; Jerry`` may well become
  ``Tom e Jerry``.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, NamedTuple, Sequence

from ..model import CODE_BASE, CODE_RE, Finding, InlineCode, Segment, Severity, code_chip
from .base import Check, CheckContext
from ..placeholders import usage_context
from .links import urls_equivalent

__all__ = ["MarkupCheck", "CHECKS", "find_tags"]

_TAG_RE = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][\w:.\-]*)"
    r"(?P<attrs>(?:\s+[^\s<>/=\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*(?P<self>/?)>"
)
_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ATTR_RE = re.compile(r"([^\s=/\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_BARE_AMP_RE = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)")

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Attributes whose value is an address that must not change.
_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "script": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
}
# Characters whose entity a translator may legitimately write differently or drop.
_FREE_CHARS = frozenset(
    "\u00a0\u202f\u2009\u2007\u200a\u200b\u200c\u200d\u2002\u2003"
    "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
    "\u2013\u2014\u2026\u00ad"
)
_ESCAPES = frozenset("&<>")


class Tag(NamedTuple):
    """A literal tag: span, text, ``open``/``close``/``self`` and lower-cased name."""

    start: int
    end: int
    text: str
    kind: str
    name: str
    link: str | None
    attrs: tuple[str, ...] = ()


def _link(name: str, attrs: str) -> str | None:
    attr = _LINK_ATTRS.get(name)
    if attr is None or attr not in attrs.lower():
        return None
    for m in _ATTR_RE.finditer(attrs):
        if m.group(1).lower() == attr:
            return m.group(2) or m.group(3) or m.group(4) or ""
    return None


# HTML elements whose end tag may be left out: unclosed, they are still markup.
_OPTIONAL_END = frozenset(
    "p li dt dd tr td th option optgroup colgroup thead tbody tfoot html head body rt rp".split()
)


def _closed(name: str, text: str, also: str) -> bool:
    """Whether ``</name`` occurs in either text (case-insensitively)."""
    close = "</" + name
    if close in text or close in also:
        return True
    close = close.lower()
    return close in text.lower() or close in also.lower()


def find_tags(text: str, also: str = "") -> list[Tag]:
    """The literal HTML/XML tags of ``text`` in order.

    A ``<name>`` (or ``<two words>``) without attribute values that is never closed,
    in ``text`` nor in ``also`` (the other side), is a metavariable of a usage string
    (``git add <pathspec>``, ``<object>``), which translators may translate: it is
    left out, unless it is an HTML element whose end tag is optional (``<p>``).
    """
    out: list[Tag] = []
    if "<" not in text:
        return out
    for m in _TAG_RE.finditer(text):
        name = m.group("name").lower()
        attrs = m.group("attrs")
        if m.group("close"):
            kind = "close"
        elif m.group("self") or name in _VOID:
            kind = "self"
            if (
                not m.group("self") and "=" not in attrs
                and usage_context(text, m.start(), m.end())
            ):
                continue  # [<source>...], url.<base>.insteadOf: a metavariable
        else:
            kind = "open"
            if "=" not in attrs and not _closed(m.group("name"), text, also) and (
                name not in _OPTIONAL_END or usage_context(text, m.start(), m.end())
            ):
                continue
        link = _link(name, attrs) if attrs and kind != "close" else None
        names = tuple(a.group(1).lower() for a in _ATTR_RE.finditer(attrs)) if attrs else ()
        out.append(Tag(m.start(), m.end(), m.group(), kind, name, link, names))
    return out


def _show(kind: str, name: str) -> str:
    return f"</{name}>" if kind == "close" else f"<{name}>"


def _nesting_error(
    items: Sequence[tuple[str, str, int]],
) -> tuple[int, str, str | None] | None:
    """First nesting error among ``(kind, name, position)`` items:
    ``(position, problem, expected closing name)``, or None when well nested."""
    stack: list[tuple[str, int]] = []
    for kind, name, pos in items:
        if kind == "open":
            stack.append((name, pos))
        elif kind == "close":
            if stack and stack[-1][0] == name:
                stack.pop()
            elif any(n == name for n, _ in stack):
                return pos, "overlap", stack[-1][0]
            else:
                return pos, "early", None
    if stack:
        return stack[-1][1], "unclosed", None
    return None


def _code_items(
    text: str, codes: Sequence[InlineCode]
) -> list[tuple[int, InlineCode]]:
    out = []
    n = len(codes)
    for m in CODE_RE.finditer(text):
        i = ord(m.group()) - CODE_BASE
        if i < n:
            out.append((m.start(), codes[i]))
    return out


def _code_label(text: str, pos: int, codes: Sequence[InlineCode]) -> str:
    """The code at ``pos`` as the review screen shows it (``⟦2 <g2>⟧``)."""
    return code_chip(ord(text[pos]) - CODE_BASE, codes)


class MarkupCheck(Check):
    """Inline codes and literal tags/entities of the source must be in the target,
    with none added and tags nested properly."""

    id = "markup"
    name = "Markup"
    category = "markup"
    severity = Severity.MAJOR
    description = (
        "Inline codes, HTML/XML tags and entities missing from the translation, "
        "added to it, changed (link targets) or wrongly nested."
    )

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Compare inline codes, then literal tags and entities."""
        src = segment.source
        tgt = segment.target or ""
        findings: list[Finding] = []
        if segment.source_codes or segment.target_codes:
            self._codes(src, tgt, segment.source_codes, segment.target_codes, findings)
        if "<" in src or "<" in tgt:
            self._tags(src, tgt, context, findings)
        if "&" in src or "&" in tgt:
            self._entities(src, tgt, findings)
        return findings

    # -- inline codes ---------------------------------------------------------------

    def _codes(
        self,
        src: str,
        tgt: str,
        scodes: Sequence[InlineCode],
        tcodes: Sequence[InlineCode],
        out: list[Finding],
    ) -> None:
        si = _code_items(src, scodes)
        ti = _code_items(tgt, tcodes)
        left: dict[tuple[str, str], list[int]] = {}
        for pos, c in ti:
            left.setdefault((c.kind, c.id), []).append(pos)
        missing = []
        for pos, c in si:
            bucket = left.get((c.kind, c.id))
            if bucket:
                bucket.pop(0)
            else:
                missing.append((pos, c))
        left_pos = {p for b in left.values() for p in b}
        extra = [(pos, c) for pos, c in ti if pos in left_pos]
        for pos, c in missing:
            out.append(
                self.flag(
                    "source",
                    pos,
                    pos + 1,
                    src[pos],
                    f"Inline code {_code_label(src, pos, scodes)} is missing from the translation",
                )
            )
        for pos, c in extra:
            out.append(
                self.flag(
                    "target",
                    pos,
                    pos + 1,
                    tgt[pos],
                    f"Inline code {_code_label(tgt, pos, tcodes)} is not in the source text",
                )
            )
        if missing or extra:
            return
        if _nesting_error([(c.kind, c.id, p) for p, c in si]) is not None:
            return
        err = _nesting_error([(c.kind, c.id, p) for p, c in ti])
        if err is None:
            return
        pos, problem, _ = err
        label = _code_label(tgt, pos, tcodes)
        if problem == "overlap":
            msg = f"Inline code {label} closes while a code opened after it is still open"
        elif problem == "early":
            msg = f"Inline code {label} closes before it is opened"
        else:
            msg = f"Inline code {label} is never closed"
        out.append(self.flag("target", pos, pos + 1, tgt[pos], msg))

    # -- literal tags ---------------------------------------------------------------

    def _tags(self, src: str, tgt: str, context: CheckContext, out: list[Finding]) -> None:
        st = find_tags(src, tgt)
        tt = find_tags(tgt, src)
        if not st and not tt:
            return
        left: dict[tuple[str, str, str | None], list[Tag]] = {}
        for t in tt:
            left.setdefault((t.kind, t.name, t.link), []).append(t)
        missing: list[Tag] = []
        pairs: list[tuple[Tag, Tag]] = []
        for t in st:
            bucket = left.get((t.kind, t.name, t.link))
            if bucket:
                pairs.append((t, bucket.pop(0)))
            else:
                missing.append(t)
        extra = sorted(t for b in left.values() for t in b)
        # Same tag with another link target: localized (passes) or changed.
        for s in list(missing):
            for t in extra:
                if t.kind == s.kind and t.name == s.name:
                    missing.remove(s)
                    extra.remove(t)
                    pairs.append((s, t))
                    if s.link is None or t.link is None or not urls_equivalent(
                        s.link, t.link, context.source_lang, context.target_lang
                    ):
                        out.append(
                            self.flag(
                                "target",
                                t.start,
                                t.end,
                                t.text,
                                f"Tag {t.text} links elsewhere than the source's {s.text}",
                                suggestion=s.text,
                            )
                        )
                    break
        for s in missing:
            out.append(
                self.flag(
                    "source",
                    s.start,
                    s.end,
                    s.text,
                    f"Tag {s.text} is missing from the translation",
                )
            )
        for t in extra:
            out.append(
                self.flag(
                    "target", t.start, t.end, t.text, f"Tag {t.text} is not in the source text"
                )
            )
        for s, t in pairs:
            self._attributes(s, t, out)
        if missing or extra or not tt:
            return
        if _nesting_error([(t.kind, t.name, i) for i, t in enumerate(st)]) is not None:
            return
        err = _nesting_error([(t.kind, t.name, i) for i, t in enumerate(tt)])
        if err is None:
            return
        i, problem, expected = err
        t = tt[i]
        if problem == "overlap":
            out.append(
                self.flag(
                    "target",
                    t.start,
                    t.end,
                    t.text,
                    f"Tag {t.text} closes while <{expected}> opened inside it is still "
                    f"open: the tags overlap",
                    suggestion=f"</{expected}>",
                )
            )
        elif problem == "early":
            out.append(
                self.flag(
                    "target", t.start, t.end, t.text, f"Tag {t.text} closes before it is opened"
                )
            )
        else:
            out.append(
                self.flag("target", t.start, t.end, t.text, f"Tag {t.text} is never closed")
            )

    def _attributes(self, s: Tag, t: Tag, out: list[Finding]) -> None:
        """An attribute of a source tag that its target tag lacks (``target="_blank"``
        dropped). Values may differ (``title``, ``alt`` are translatable)."""
        if not s.attrs:
            return
        gone = [a for a in s.attrs if a not in t.attrs]
        for a in gone[:1]:
            out.append(
                self.flag(
                    "target", t.start, t.end, t.text,
                    f"Attribute {a} of the source's {s.text} is missing from the "
                    f"translation's tag",
                    suggestion=s.text,
                )
            )  # fmt: skip

    # -- entities -------------------------------------------------------------------

    def _entities(self, src: str, tgt: str, out: list[Finding]) -> None:
        sent = [(m, html.unescape(m.group())) for m in _ENTITY_RE.finditer(src)]
        tent = [(m, html.unescape(m.group())) for m in _ENTITY_RE.finditer(tgt)]
        if not sent and not tent:
            return
        tchars: dict[str, int] = {}
        for _m, ch in tent:
            tchars[ch] = tchars.get(ch, 0) + 1
        schars: dict[str, int] = {}
        bare_done = False
        for m, ch in sent:
            schars[ch] = schars.get(ch, 0) + 1
            if ch in _FREE_CHARS or ch == m.group():
                continue
            if tchars.get(ch):
                tchars[ch] -= 1
                continue
            if ch in _ESCAPES:
                if ch in "<>" and ("&lt;" in tgt or "&gt;" in tgt):
                    # the translation keeps the escaped brackets, but not this one
                    out.append(
                        self.flag(
                            "source", m.start(), m.end(), m.group(),
                            f"Entity {m.group()} ({ch}) is missing from the translation",
                            severity=Severity.MINOR,
                        )
                    )  # fmt: skip
                    continue
                if bare_done:
                    continue
                pos = self._bare(tgt, ch)
                if pos >= 0:
                    bare_done = True
                    out.append(
                        self.flag(
                            "target",
                            pos,
                            pos + 1,
                            ch,
                            f"Character {ch} is written bare where the source escapes "
                            f"it as {m.group()}",
                            suggestion=m.group(),
                            severity=Severity.MINOR,
                        )
                    )
                continue
            if ch in tgt:
                continue
            out.append(
                self.flag(
                    "source",
                    m.start(),
                    m.end(),
                    m.group(),
                    f"Entity {m.group()} ({ch}) is missing from the translation",
                    severity=Severity.MINOR,
                )
            )
        for m, ch in tent:
            if schars.get(ch):
                schars[ch] -= 1
                continue
            if ch in _FREE_CHARS or ch in _ESCAPES or ch == m.group() or ch in src:
                continue
            out.append(
                self.flag(
                    "target",
                    m.start(),
                    m.end(),
                    m.group(),
                    f"Entity {m.group()} ({ch}) is not in the source text",
                    severity=Severity.MINOR,
                )
            )

    @staticmethod
    def _bare(tgt: str, ch: str) -> int:
        """Position of an unescaped ``&``/``<``/``>`` in the target (not part of an
        entity or a tag), or -1."""
        if ch == "&":
            m = _BARE_AMP_RE.search(tgt)
            return m.start() if m else -1
        spans = [(t.start, t.end) for t in find_tags(tgt)]
        pos = tgt.find(ch)
        while pos >= 0:
            if not any(a <= pos < b for a, b in spans):
                return pos
            pos = tgt.find(ch, pos + 1)
        return -1


CHECKS: list[type[Check]] = [MarkupCheck]

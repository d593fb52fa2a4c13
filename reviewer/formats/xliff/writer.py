"""Byte-faithful XLIFF writing: only the changed ``<target>`` elements (and a changed
review ``state``) are replaced in the original text; everything else keeps its bytes."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path
from typing import Mapping

from ...errors import InputError
from ...model import CODE_RE, InlineCode, Segment
from ..base import ReadOptions
from ..xmlsafe import _TOKEN, element_spans
from .reader import located_segments
from .stream import COUNTED, INVALID_XML_CHARS, Header, Loc

__all__ = ["render", "plan_edits"]


def render(text: str, codes: tuple[InlineCode, ...], version: int) -> str:
    """Target markup for ``text``: code characters become their original markup, other
    text is escaped."""
    out: list[str] = []
    pos = 0
    for m in CODE_RE.finditer(text):
        out.append(_escape(text[pos : m.start()], version))
        i = ord(m.group()) - 0xE000
        if i >= len(codes):
            raise ValueError(f"code character U+{ord(m.group()):04X} has no code in target_codes")
        out.append(codes[i].data)
        pos = m.end()
    out.append(_escape(text[pos:], version))
    return "".join(out)


def _escape(s: str, version: int) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A literal CR would come back as LF (XML end-of-line handling): a reference keeps it.
    s = s.replace("\r", "&#13;")
    if version == 2:
        return INVALID_XML_CHARS.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', s)
    return INVALID_XML_CHARS.sub("", s)


def _line_start(text: str, pos: int) -> tuple[str, str] | None:
    """(newline, indentation) when ``pos`` starts a line after only whitespace."""
    nl = text.rfind("\n", 0, pos)
    indent = text[nl + 1 : pos]
    if nl < 0 or indent.strip():
        return None
    return ("\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"), indent


def _qname(text: str, span: tuple[int, int]) -> str:
    m = re.match(r"<([^\s/>]+)", text[span[0] : span[1]])
    return m.group(1) if m else "target"


def plan_edits(
    text: str,
    path: Path,
    header: Header,
    changes: Mapping[int, Segment],
    options: ReadOptions | None = None,
) -> list[tuple[int, int, str]]:
    """The splice edits that put the changed targets into ``text``."""
    spans = element_spans(text, COUNTED)
    edits: list[tuple[int, int, str]] = []
    new_targets: dict[tuple[str, int], list[tuple[Loc, str]]] = {}
    appended: dict[int, list[str]] = {}
    for seg, loc in located_segments(path, header):
        new = changes.get(seg.index)
        if new is None or new.target is None:
            continue
        # Review export (reviewer.project): a changed ``state`` is written too (1.2: on
        # <target>, not for mrk sub-segments; 2.x: on <segment>), and a unit whose
        # text is unchanged keeps its target bytes.
        state = new.state if new.state not in (None, seg.state) and loc.mid is None else None
        same_text = (new.target, new.target_codes) == (seg.target, seg.target_codes)
        if state is not None and loc.version == 2:
            edits.append(_segment_state_edit(text, spans, loc, state))
        elif state is not None and loc.target is None:
            loc = replace(loc, extra=loc.extra + f' state="{_attr(state)}"')
        elif state is not None:
            t_span = spans["target"][loc.target]  # type: ignore[index]
            if same_text:
                edits.append(_state_edit(text, t_span[0], state))
                continue
            ed = _replace_content(text, t_span, render(new.target, new.target_codes, loc.version))
            if ed[0] == t_span[0]:  # an empty <target/> replaced whole
                edits.append((ed[0], ed[1], _state_edit(ed[2], 0, state)[2] + ed[2][_tag_end(ed[2]):]))
            else:
                edits.extend([_state_edit(text, t_span[0], state), ed])
            continue
        if same_text and loc.target is not None:
            continue
        content = render(new.target, new.target_codes, loc.version)
        if loc.mid is not None:  # XLIFF 1.2 seg-source segment
            if loc.target is None:
                new_targets.setdefault(loc.anchor, []).append((loc, content))
            elif loc.tmrk is not None:
                edits.append(_replace_content(text, spans["mrk"][loc.tmrk], content))
            else:
                appended.setdefault(loc.target, []).append(
                    f'<{loc.prefix}mrk mtype="seg" mid="{_attr(loc.mid)}">{content}</{loc.prefix}mrk>'
                )
            continue
        if loc.target is not None:
            edits.append(_replace_content(text, spans["target"][loc.target], content))
        else:
            new_targets.setdefault(loc.anchor, []).append((loc, content))
    for t_ord, parts in appended.items():
        s, e = spans["target"][t_ord]
        tag = text[s:e]
        if tag.endswith("/>"):
            edits.append((s, e, tag[:-2].rstrip() + ">" + "".join(parts) + f"</{_qname(text, (s, e))}>"))
        else:
            close = tag.rfind("</")
            edits.append((s + close, s + close, "".join(parts)))
    for (name, ordinal), items in new_targets.items():
        a_start, a_end = spans[name][ordinal]
        loc = items[0][0]
        if loc.mid is not None:
            content = "".join(
                f'<{l.prefix}mrk mtype="seg" mid="{_attr(l.mid or "")}">{c}</{l.prefix}mrk>'
                for l, c in items
            )
        else:
            content = items[-1][1]
        element = f"<{loc.prefix}target{loc.extra}>{content}</{loc.prefix}target>"
        ls = _line_start(text, a_start)
        ins = (ls[0] + ls[1] + element) if ls else element
        edits.append((a_end, a_end, ins))
    if new_targets and header.version == 2 and not header.target_lang:
        lang = options.target_lang if options else None
        if not lang:
            raise InputError("the file has no trgLang: give the target language to add translations", path)
        root = next(m for m in _TOKEN.finditer(text) if m.group(2) and not m.group(1))
        pos = root.start(3) + len(root.group(3).rstrip())
        edits.append((pos, pos, f' trgLang="{_attr(lang)}"'))
    return edits


def _attr(v: str) -> str:
    return v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _replace_content(text: str, span: tuple[int, int], content: str) -> tuple[int, int, str]:
    """Edit replacing the content of the element at ``span`` (tags kept)."""
    s, e = span
    m = _TOKEN.match(text, s)
    assert m is not None
    if m.group(4):  # empty-element tag
        tag = m.group(0)
        return s, e, tag[:-2].rstrip() + ">" + content + f"</{m.group(2)}>"
    close = text.rfind("</", s, e)
    return m.end(), close, content


# ------------------------------------------------------------------ review state


def _tag_end(text: str, start: int = 0) -> int:
    m = _TOKEN.match(text, start)
    assert m is not None
    return m.end()


def _state_edit(text: str, start: int, value: str) -> tuple[int, int, str]:
    """Edit setting ``state="value"`` on the start tag at ``start``."""
    m = _TOKEN.match(text, start)
    assert m is not None
    tag = m.group(0)
    found = re.search(r"(\sstate\s*=\s*)([\"'])(.*?)\2", tag, re.S)
    if found:
        tag = tag[: found.start(3)] + _attr(value) + tag[found.end(3) :]
    else:
        name = re.match(r"<[^\s/>]+", tag)
        assert name is not None
        tag = tag[: name.end()] + f' state="{_attr(value)}"' + tag[name.end() :]
    return start, m.end(), tag


def _segment_state_edit(text: str, spans: dict[str, list[tuple[int, int]]], loc: Loc,
                        value: str) -> tuple[int, int, str]:
    """XLIFF 2: edit setting ``state`` on the ``<segment>`` holding the source at
    ``loc.anchor``."""
    src_start = spans[loc.anchor[0]][loc.anchor[1]][0]
    starts = [s for s, _ in spans["segment"]]
    k = bisect.bisect_right(starts, src_start) - 1
    s, _ = spans["segment"][k]
    start, end, tag = _state_edit(text, s, value)
    return start, end, tag

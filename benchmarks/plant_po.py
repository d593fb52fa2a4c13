"""Placeholder and markup errors planted into real gettext catalogs (``bench_recall.py``).

Two kinds of rows:

* **natural**: a placeholder or a tag the catalog's own unit has on both sides
  (``%s``, ``%1$s``, ``%<PRIuMAX>``, ``<file>``, ``%(name)s``, ``<a href=...>``) is
  dropped from the translation (for markup: a tag, or one attribute of it);
* **synthetic**: a unit without any placeholder gets a placeholder of one syntax of
  the list below inserted on both sides (the clean row), then dropped from the
  translation (the planted row), so every syntax is measured even when the catalogs
  at hand do not use it.

The regular expressions here are the benchmark's own, independent of
:mod:`reviewer.placeholders`. Nothing here is imported by reviewer.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

#: syntax -> examples inserted into synthetic rows
SYNTAX_SAMPLES: dict[str, tuple[str, ...]] = {
    "printf": ("%s", "%d", "%5.2f", "%lu"),
    "printf-positional": ("%1$s", "%2$d"),
    "printf-flags": ("%'d", "%-5.2f", "%+d", "%#x"),
    "printf-inttypes": ("%<PRIuMAX>", "%<PRId64>"),
    "python-named": ("%(name)s", "%(count)d"),
    "python-format": ("{name!r:>10}", "{0}", "{count}", "{}"),
    "icu-argument": ("{count, number}", "{when, date, short}"),
    "qt": ("%1", "%L1", "%2"),
    "dotnet": ("{0,-10:N2}", "{1:C}"),
    "java": ("{0,number,integer}", "{1,date}"),
    "ruby": ("%{name}", "%<count>d"),
    "ios": ("%@", "%1$@"),
    "shell": ("$HOME", "${PATH}"),
    "project-vars": ("$file$", "#file#", "@VAR@"),
    "jinja": ("{{ user.name }}", "{% if admin %}"),
    "cli-metavar": ("<file>", "<n>", "[<options>]"),
    "operators": ("<<", ">>"),
}

#: syntax -> how the benchmark finds it in real units (order matters: first match wins)
NATURAL_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("printf-inttypes", re.compile(r"%<PRI[diouxX](?:MAX|PTR|8|16|32|64|LEAST\d+|FAST\d+)>")),
    ("python-named", re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdrfixXeEgG]")),
    ("printf-positional", re.compile(r"%\d+\$[-+ 0#']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp]")),
    ("printf-flags", re.compile(r"%[-+ 0#']+\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp]")),
    ("printf", re.compile(r"%\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcsp](?![a-zA-Z])")),
    ("jinja", re.compile(r"\{\{[^{}]+\}\}|\{%[^{}]+%\}")),
    ("python-format", re.compile(r"\{[A-Za-z_]\w*\}|\{\d\}")),
    ("cli-metavar", re.compile(r"\[?<[a-z][a-z0-9_-]*>\]?")),
    ("shell", re.compile(r"\$\{[A-Z_][A-Z0-9_]*\}|\$[A-Z_][A-Z0-9_]{2,}\b")),
)

_TAG_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-:]+=(?:\"[^\"]*\"|'[^']*'))*)\s*/?>")
_ATTR_RE = re.compile(r"\s+[a-zA-Z-:]+=(?:\"[^\"]*\"|'[^']*')")
_ENTITY_RE = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-fA-F]+);")

MARKUP_SAMPLES: tuple[tuple[str, str, str], ...] = (
    # (open, close, kind of drop)
    ('<a href="https://example.org/help" target="_blank">', "</a>", "attribute"),
    ("<b>", "</b>", "tag"),
    ('<span class="warning">', "</span>", "tag"),
    ("&lt;", "&gt;", "entity"),
)


@dataclass
class PoRow:
    """One unit of a planted catalog: the clean and the planted version."""

    type: str
    clean_source: str
    clean_target: str
    source: str
    target: str
    flags: frozenset[str]
    context: str | None


def _drop(text: str, token: str, rng: random.Random) -> str | None:
    idx = [m.start() for m in re.finditer(re.escape(token), text)]
    if not idx:
        return None
    i = rng.choice(idx)
    out = text[:i] + text[i + len(token) :]
    return re.sub(r"  +", " ", out)


def natural_placeholder(src: str, tgt: str, rng: random.Random) -> tuple[str, str] | None:
    """``(type, planted target)``: one placeholder of the unit dropped from the target."""
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for name, rx in NATURAL_RES:
        for m in rx.finditer(src):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            tok = m.group()
            if name == "cli-metavar" and tok.strip("[]") not in tgt:
                continue  # a metavariable the translation translated: not a placeholder
            if tok in tgt and src.count(tok) == tgt.count(tok):
                found.append((name, tok))
    if not found:
        return None
    name, tok = rng.choice(found)
    if name == "cli-metavar":
        tok = tok.strip("[]")
    t = _drop(tgt, tok, rng)
    if t is None or t == tgt or not any(c.isalnum() for c in t):
        return None  # nothing left: the empty check's business
    return f"placeholder:{name}", t


def natural_markup(src: str, tgt: str, rng: random.Random) -> tuple[str, str] | None:
    """``(type, planted target)``: a tag, an attribute or an entity of the unit dropped."""
    tags = [
        m for m in _TAG_RE.finditer(tgt)
        if m.group() in src
        # an unclosed <name> without attributes is a metavariable (placeholder type)
        and (m.group(2) or m.group().startswith("</") or m.group().endswith("/>")
             or f"</{m.group(1)}" in src)
    ]
    ents = [m for m in _ENTITY_RE.finditer(tgt) if m.group() in src]
    if not tags and not ents:
        return None
    with_attr = [m for m in tags if _ATTR_RE.search(m.group())]
    if not any(c.isalnum() for c in _TAG_RE.sub("", tgt)):
        return None  # nothing but markup: dropping some leaves no translation
    choice = rng.random()
    if with_attr and choice < 0.5:
        m = rng.choice(with_attr)
        attrs = list(_ATTR_RE.finditer(m.group()))
        a = rng.choice(attrs)
        new = m.group()[: a.start()] + m.group()[a.end() :]
        return "markup:attribute", tgt[: m.start()] + new + tgt[m.end() :]
    if tags and (choice < 0.8 or not ents):
        m = rng.choice(tags)
        return "markup:tag", tgt[: m.start()] + tgt[m.end() :]
    m = rng.choice(ents)
    return "markup:entity", tgt[: m.start()] + tgt[m.end() :]


def _insert(text: str, token: str, rng: random.Random, at: float) -> str:
    """``token`` put in ``text`` at a word boundary near fraction ``at`` of it."""
    gaps = [m.start() for m in re.finditer(r" ", text)]
    if gaps:
        g = gaps[min(len(gaps) - 1, int(at * len(gaps)))]
        return text[:g] + " " + token + text[g:]
    body = text.rstrip(".。:：!！?？")
    return body + (" " if text.isascii() else "") + token + text[len(body) :]


_TRIGGERS = re.compile(r"[%{}$<>&@#\[\]\\«»“”„]")


def synthetic_placeholder(
    src: str, tgt: str, syntax: str, rng: random.Random
) -> tuple[str, str, str] | None:
    """``(clean source, clean target, planted target)`` with a ``syntax`` sample."""
    if _TRIGGERS.search(src) or _TRIGGERS.search(tgt) or "\n" in src:
        return None
    tok = rng.choice(SYNTAX_SAMPLES[syntax])
    at = rng.random()
    cs = _insert(src, tok, rng, at)
    ct = _insert(tgt, tok, rng, at)
    return cs, ct, tgt


def synthetic_markup(
    src: str, tgt: str, k: int, rng: random.Random
) -> tuple[str, str, str, str] | None:
    """``(type, clean source, clean target, planted target)``: markup wrapped around
    both sides, then partly dropped from the target."""
    if _TRIGGERS.search(src) or _TRIGGERS.search(tgt) or "\n" in src:
        return None
    open_, close, kind = MARKUP_SAMPLES[k % len(MARKUP_SAMPLES)]
    cs, ct = open_ + src + close, open_ + tgt + close
    if kind == "attribute":
        attrs = list(_ATTR_RE.finditer(open_))
        a = rng.choice(attrs)
        planted = open_[: a.start()] + open_[a.end() :] + tgt + close
    elif kind == "entity":
        planted = tgt + close if rng.random() < 0.5 else open_ + tgt
    else:
        planted = tgt + close if rng.random() < 0.5 else open_ + tgt
    return f"markup:{kind}", cs, ct, planted


# ------------------------------------------------------------------ PO writing


def _po_str(s: str) -> str:
    e = (
        s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        .replace("\t", "\\t").replace("\r", "\\r")
    )
    return f'"{e}"'


def write_po(path: str, lang: str, rows: list[tuple[str, str, frozenset[str], str | None]]) -> None:
    """A PO file of ``(source, target, flags, context)`` rows, UTF-8, in order."""
    out = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {lang}\\n"',
        "",
    ]
    for src, tgt, flags, ctx in rows:
        fl = sorted(f for f in flags if f.endswith("-format"))
        if fl:
            out.append("#, " + ", ".join(fl))
        if ctx:
            out.append("msgctxt " + _po_str(ctx))
        out.append("msgid " + _po_str(src))
        out.append("msgstr " + _po_str(tgt))
        out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

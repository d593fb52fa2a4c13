"""URL and e-mail checks: addresses of the source must reach the target unchanged.

URLs are ``http(s)://``, ``ftp://`` and ``www.`` addresses plus bare domains with a
known lower-case top-level domain (``blogs.nvidia.com``, ``example.org/docs``). A target URL that
differs from a source URL only by a language code in a path segment, subdomain or
parameter (``/en/`` -> ``/it/``, ``en.example.com`` -> ``it.example.com``) is the
localized page and passes (the ``report_localized`` option reports it as neutral).

For each side the addresses are matched as a multiset: an exact (normalized) match
passes; a source address with a close target one (rapidfuzz ratio >= ``min_score``,
default 80) is reported on the target as changed, with the score and the source
address as suggestion; others are missing (side ``source``); target addresses left
over are extra (minor).
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from ..model import Finding, Segment, Severity
from .base import Check, CheckContext

__all__ = [
    "UrlCheck",
    "EmailCheck",
    "CHECKS",
    "find_urls",
    "find_emails",
    "urls_equivalent",
]

# Characters that end a URL: spaces, quotes, angle brackets, CJK punctuation and
# full-width forms.
_URL_BODY = r"[^\s<>\"'`{}|\\^\u3000-\u303f\uff00-\uffef]"
_URL_RE = re.compile(rf"(?:(?:https?|ftp)://|www\.){_URL_BODY}+", re.IGNORECASE)
_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|ai|dev|app|co|me|tv|cloud|online|site|"
    "tech|xyz|eu|uk|de|fr|it|es|nl|be|ch|at|se|no|dk|fi|pt|ie|pl|cz|ru|ua|jp|cn|kr|"
    "tw|hk|in|au|nz|ca|us|mx|br|ar|cl|za"
)
_BARE_RE = re.compile(
    r"(?<![\w@./:\-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    rf"(?:{_TLDS})(?![\w@\-])(?!\.\w)(?::\d{{2,5}})?(?:/{_URL_BODY}*)?"
)
_TLD_AT_RE = re.compile(rf"(?:{_TLDS})(?![\w@\-])")
_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w\-])"
)
_TRAIL = ".,;:!?'\"»”’›)]}"
_HOST_RE = re.compile(r"((?:[a-z][a-z0-9+.\-]*://)?[^/?#]*)(.*)", re.IGNORECASE | re.DOTALL)
_URL_SPLIT_RE = re.compile(r"([/.?&=#_\-])")
_LANG_PIECE_RE = re.compile(r"[A-Za-z]{2,4}")
_SCRIPTS = frozenset({"hans", "hant", "latn", "cyrl", "arab", "deva", "jpan", "kore"})


# Fuzzy pairing of changed addresses is skipped beyond this many comparisons.
_MAX_PAIRS = 2500


class Address(NamedTuple):
    """An address found in a text: its span and the text itself."""

    start: int
    end: int
    text: str


def _trim(text: str, start: int, end: int) -> int:
    """End of a URL candidate without trailing punctuation (balanced ``)`` kept)."""
    while end > start and text[end - 1] in _TRAIL:
        ch = text[end - 1]
        if ch == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def _maybe_domain(text: str) -> bool:
    """Cheap test: does a known top-level domain follow some dot of ``text``?"""
    i = text.find(".")
    while i >= 0:
        if i and text[i - 1].isalnum() and _TLD_AT_RE.match(text, i + 1):
            return True
        i = text.find(".", i + 1)
    return False


def find_urls(text: str) -> list[Address]:
    """The URLs (with scheme, ``www.`` or bare known-TLD domains) of ``text``, in order."""
    out: list[Address] = []
    if "." not in text and "://" not in text:
        return out
    taken: list[tuple[int, int]] = []
    if "://" in text or "www." in text or "WWW." in text or "Www." in text:
        for m in _URL_RE.finditer(text):
            end = _trim(text, m.start(), m.end())
            if end - m.start() > 4:
                out.append(Address(m.start(), end, text[m.start() : end]))
                taken.append((m.start(), m.end()))
    if not _maybe_domain(text):
        return out
    for m in _BARE_RE.finditer(text):
        s = m.start()
        if any(a <= s < b for a, b in taken):
            continue
        end = _trim(text, s, m.end())
        out.append(Address(s, end, text[s:end]))
    if taken and len(out) > len(taken):
        out.sort()
    return out


def find_emails(text: str) -> list[Address]:
    """The e-mail addresses of ``text``, in order."""
    if "@" not in text:
        return []
    return [Address(m.start(), m.end(), m.group()) for m in _EMAIL_RE.finditer(text)]


def _norm_url(url: str) -> str:
    """Compare form of a URL: scheme and host lower-cased, no trailing slash."""
    m = _HOST_RE.match(url)
    if m is None:  # pragma: no cover - the pattern matches any string
        return url
    return (m.group(1).lower() + m.group(2)).rstrip("/")


def _primary(lang: str | None) -> str | None:
    return lang.replace("_", "-").split("-", 1)[0].lower() if lang else None


def urls_equivalent(
    source_url: str, target_url: str, source_lang: str | None, target_lang: str | None
) -> bool:
    """True when two URLs are equal or differ only by language codes (the localized
    page: ``/en/docs`` vs ``/it/docs``, ``en.site.com`` vs ``it.site.com``,
    ``?lang=en-US`` vs ``?lang=it-IT``)."""
    a = _norm_url(source_url)
    b = _norm_url(target_url)
    if a == b:
        return True
    pa = _URL_SPLIT_RE.split(a)
    pb = _URL_SPLIT_RE.split(b)
    if len(pa) != len(pb):
        return False
    sl = _primary(source_lang)
    tl = _primary(target_lang)
    lang_seen = False
    for x, y in zip(pa, pb):
        if x == y:
            continue
        if not (_LANG_PIECE_RE.fullmatch(x) and _LANG_PIECE_RE.fullmatch(y)):
            return False
        xl = x.lower()
        yl = y.lower()
        if xl == yl:
            continue
        if sl is not None and tl is not None and xl == sl and yl == tl:
            lang_seen = True
        elif len(x) == 2 and len(y) == 2:
            # a region subtag (en-us -> it-it); with the languages unknown, any
            # two-letter code
            if sl is None or tl is None:
                lang_seen = True
        elif not (xl in _SCRIPTS or yl in _SCRIPTS):
            return False
    return lang_seen


class _AddressCheck(Check):
    """Shared matching of the addresses of source and target."""

    label: str = "Address"

    def _find(self, text: str) -> list[Address]:
        raise NotImplementedError

    def _norm(self, text: str) -> str:
        return text

    def _equiv(self, a: str, b: str, context: CheckContext) -> bool:
        return False

    def _quick(self, text: str) -> bool:
        return True

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Match the addresses of source and target; report missing, changed, extra."""
        src = segment.source
        tgt = segment.target or ""
        if src == tgt or not (self._quick(src) or self._quick(tgt)):
            return []
        sa = self._find(src)
        ta = self._find(tgt)
        if not sa and not ta:
            return []
        return self._compare(src, tgt, sa, ta, context)

    def _compare(
        self,
        src: str,
        tgt: str,
        sa: list[Address],
        ta: list[Address],
        context: CheckContext,
    ) -> list[Finding]:
        findings: list[Finding] = []
        # 1. exact matches (normalized)
        left_t: dict[str, list[Address]] = {}
        for a in ta:
            left_t.setdefault(self._norm(a.text), []).append(a)
        rest_s: list[Address] = []
        for a in sa:
            bucket = left_t.get(self._norm(a.text))
            if bucket:
                bucket.pop(0)
            else:
                rest_s.append(a)
        rest_t = sorted(a for b in left_t.values() for a in b)
        if not rest_s and not rest_t:
            return findings
        # 2. localized variants
        if rest_s and rest_t and len(rest_s) * len(rest_t) <= _MAX_PAIRS:
            report = bool(context.option("report_localized", False))
            for a in list(rest_s):
                for b in rest_t:
                    if self._equiv(a.text, b.text, context):
                        rest_s.remove(a)
                        rest_t.remove(b)
                        if report:
                            findings.append(
                                self.flag(
                                    "target",
                                    b.start,
                                    b.end,
                                    b.text,
                                    f"{self.label} {b.text} is a localized form of "
                                    f"the source's {a.text}",
                                    severity=Severity.NEUTRAL,
                                )
                            )
                        break
        # 3. changed: best fuzzy pairs first
        if rest_s and rest_t and len(rest_s) * len(rest_t) <= _MAX_PAIRS:
            from rapidfuzz.fuzz import ratio  # only for the rare changed link

            threshold = float(context.option("min_score", 80))
            pairs = []
            for i, a in enumerate(rest_s):
                for j, b in enumerate(rest_t):
                    score = ratio(self._norm(a.text), self._norm(b.text))
                    if score >= threshold:
                        pairs.append((-score, i, j))
            pairs.sort()
            used_s: set[int] = set()
            used_t: set[int] = set()
            for neg, i, j in pairs:
                if i in used_s or j in used_t:
                    continue
                used_s.add(i)
                used_t.add(j)
                a, b = rest_s[i], rest_t[j]
                findings.append(
                    self.flag(
                        "target",
                        b.start,
                        b.end,
                        b.text,
                        f"{self.label} {b.text} differs from the source's {a.text}",
                        suggestion=a.text,
                        score=-neg,
                    )
                )
            rest_s = [a for i, a in enumerate(rest_s) if i not in used_s]
            rest_t = [b for j, b in enumerate(rest_t) if j not in used_t]
        for a in rest_s:
            findings.append(
                self.flag(
                    "source",
                    a.start,
                    a.end,
                    a.text,
                    f"{self.label} {a.text} is missing from the translation",
                )
            )
        for b in rest_t:
            findings.append(
                self.flag(
                    "target",
                    b.start,
                    b.end,
                    b.text,
                    f"{self.label} {b.text} is not in the source text",
                    severity=Severity.MINOR,
                )
            )
        return findings


class UrlCheck(_AddressCheck):
    """URLs of the source must be in the target unchanged (localized variants pass)."""

    id = "url"
    name = "URLs"
    category = "accuracy"
    severity = Severity.MAJOR
    label = "URL"
    description = (
        "URLs and domain names missing from the translation, changed in it, or added."
    )

    def _find(self, text: str) -> list[Address]:
        return find_urls(text)

    def _norm(self, text: str) -> str:
        return _norm_url(text)

    def _equiv(self, a: str, b: str, context: CheckContext) -> bool:
        return urls_equivalent(a, b, context.source_lang, context.target_lang)

    def _quick(self, text: str) -> bool:
        return "." in text or "://" in text


class EmailCheck(_AddressCheck):
    """E-mail addresses of the source must be in the target unchanged."""

    id = "email"
    name = "E-mail addresses"
    category = "accuracy"
    severity = Severity.MAJOR
    label = "E-mail address"
    description = "E-mail addresses missing from the translation, changed in it, or added."

    def _find(self, text: str) -> list[Address]:
        return find_emails(text)

    def _norm(self, text: str) -> str:
        return text.lower()

    def _quick(self, text: str) -> bool:
        return "@" in text


CHECKS: list[type[Check]] = [UrlCheck, EmailCheck]

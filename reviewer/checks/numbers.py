"""Number check: the numbers of the source must be in the target, locale-aware.

Each side's numbers are read with that side's conventions (``1,000.5`` in English,
``1.000,5`` in Italian/German/Spanish, ``1 000,5`` with a space, no-break or narrow
no-break space in French/Russian/..., ``1'000.5`` / ``1’000.5`` in Swiss German) and
compared as a multiset of values, so reordering (dates, ``10:30`` vs ``10.30``) is
fine. An ambiguous token (``1,000``, ``1.000``) has two readings; the other one is
accepted when it makes the numbers match, and then reported, with minor severity
and the localized form as suggestion, when it is wrong for the target language
(Italian ``1,000.5`` where ``1.000,5`` is expected) instead of a missing number.

Also:

* ordinals ``1st``/``1°``/``1º``/``1er``/``1.`` stand for 1;
* tokens where digits and ASCII letters touch (``H100``, ``4K``, ``GPT-4o``, ``10px``)
  are compared as they are (case-insensitively), falling back to their digits
  (``10px`` vs ``10 px``);
* numbers inside placeholders, URLs, e-mail addresses, tags, entities and ICU
  selectors are ignored;
* small numbers (0-12) may be spelled out on the other side (``2`` / ``due`` /
  ``zwei`` / ``two``) in en, it, de, fr, es, pt, nl;
* a date whose day and year match may write its month as a name on the other side
  (``22/09/2025`` vs ``September 22, 2025``);
* other writings of the same figures (:mod:`.number_equiv`): a time on the other
  clock (``5.30pm`` = ``17:30``), a conversion one side restates in brackets
  (``800 kph (497 mph)``), a year of another era or in a code (``2556`` = ``2013``,
  ``SS19`` = ``2019``), a numeric day and month for a month name (``12.6.`` =
  ``June 12``); and a small number with a Chinese, Japanese or Korean counter
  (``3人組``, ``8番目``) that the other side says in words.

Findings: a source number missing or changed (side ``source``, suggestion: the number
in the target locale's format), a number the target adds (side ``target``), a number
formatted for another locale (side ``target``, minor).

Target-only documents (no source to compare with) get the locale rules alone (category
``locale``, minor), judged by the target language's conventions: a number whose
separators can only be another locale's (Italian ``1,000.5``, ``1,000,000``; English
``1.000,5``, ``3,5``), a ``d,ddd`` / ``d.ddd`` number ending in ``0`` grouped the
other locale's way (Italian ``10,000 utenti``, English ``10.000 users``), and a
currency sign written English-style before the amount where the language puts it
after (Italian ``$ 100 miliardi`` -> ``100 miliardi di dollari``; French, German,
Spanish ``$ 100`` -> ``100 $``). Not flagged: years and other bare digit runs, ordinals,
tokens with letters (``H100``, ``v1.2``), dates, and a single ``.`` between digits in a
comma-decimal language (``3.11`` may be a version, ``10.30`` a time). Nothing is
judged when the target language is unknown.

The conventions, the reading of numbers in a text and the writing of a value are in
:mod:`.number_reading`, the target-only locale rules in :mod:`.number_locale` (both
re-exported here); this module is the check and the helpers it alone uses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from .. import cldr
from ..lang import base as base_lang
from ..model import Finding, Segment, Severity
from . import number_equiv, number_forms
from .base import Check, CheckContext
from .number_reading import (  # noqa: F401 (re-exported)
    Conv,
    Num,
    Reading,
    _DATE_RE,
    _DIGIT_RE,
    _WORDS,
    _masked,
    _native,
    _preferred,
    conventions,
    find_numbers,
    format_number,
)
from .number_locale import (  # noqa: F401 (re-exported)
    currency_issues,
    locale_suggestion,
)

__all__ = [
    "NumberCheck", "CHECKS", "Conv", "conventions", "find_numbers", "format_number",
    "locale_suggestion", "currency_issues",
]  # fmt: skip


@lru_cache(maxsize=32)
def _word_regex(lang: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    words = _WORDS.get(lang)
    if words is None:
        return None
    table: dict[str, str] = {}
    for value, alts in enumerate(words):
        for w in alts.replace(" ", "|").split("|"):
            table[w] = str(value)
    rx = re.compile(
        r"(?<!\w)(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )
    return rx, table


def _spelled(text: str, lang: str | None) -> dict[str, int]:
    """Counts of the small numbers spelled out in ``text`` (by value)."""
    primary = lang.replace("_", "-").split("-", 1)[0].lower() if lang else "en"
    found = _word_regex(primary)
    counts: dict[str, int] = {}
    if found is None:
        return counts
    rx, table = found
    for m in rx.finditer(text):
        v = table[m.group(1).lower()]
        counts[v] = counts.get(v, 0) + 1
    return counts


def _date_groups(text: str, nums: Sequence[Num]) -> list[tuple[list[int], int]]:
    """Each numeric date (``22/09/2025``, ``2025-09-22``) of ``text``: the indexes of
    its three tokens and the index of its year."""
    groups = []
    for m in _DATE_RE.finditer(text):
        idx = [i for i, n in enumerate(nums) if m.start() <= n.start and n.end <= m.end()]
        if len(idx) == 3:
            groups.append((idx, idx[0] if m.group(2) else idx[2]))
    return groups


_LANG_NAMES = {
    "en": "English", "it": "Italian", "de": "German", "fr": "French", "es": "Spanish",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish",
    "da": "Danish", "fi": "Finnish", "nb": "Norwegian", "no": "Norwegian", "cs": "Czech",
    "tr": "Turkish", "el": "Greek", "uk": "Ukrainian", "ro": "Romanian", "hu": "Hungarian",
    "ja": "Japanese", "zh": "Chinese", "ko": "Korean",
}


def _lang_name(lang: str | None) -> str:
    """A readable name for a language tag (``it`` -> ``Italian``, ``de-CH`` ->
    ``German (de-CH)``)."""
    if not lang:
        return "the target language"
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    name = _LANG_NAMES.get(primary)
    if name is None:
        return lang
    return name if primary == lang.lower() else f"{name} ({lang})"


_PM_RE = re.compile(r"\d\s*(?:p\.\s?m\.|pm\b|PM\b|P\.M\.)")
_SMALL = frozenset(str(i) for i in range(13))


def _unspelled(rest: list[int], nums: Sequence[Num], other: str,
               other_lang: str | None) -> list[int]:
    """The numbers of ``rest`` (indexes into ``nums``) not written out in words on the
    other side (each word used once)."""
    if not any(_plain(nums[i]) in _SMALL for i in rest):
        return rest
    words = _spelled(other, other_lang)
    keep = []
    for i in rest:
        v = _plain(nums[i])
        if words.get(v):
            words[v] -= 1
        else:
            keep.append(i)
    return keep


class NumberCheck(Check):
    """Numbers of the source must be in the target with the same values, written in
    the target language's format. Without a source (target-only documents) only the
    target's locale format is checked (see the module docstring)."""

    id = "number"
    name = "Numbers"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_source = False
    description = (
        "Numbers missing from the translation, changed, added, or written with another "
        "locale's separators (locale-aware: 1,000.5 = 1.000,5 = 1 000,5)."
    )

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Match the numbers of source and target by value (target-only: check the
        target's locale format alone)."""
        if context.target_only:
            return self._target_only(segment.target or "", context)
        src = segment.source
        tgt = segment.target or ""
        if not (_DIGIT_RE.search(src) or _DIGIT_RE.search(tgt)):
            return []
        sn = find_numbers(src, context.source_lang)
        tn = find_numbers(tgt, context.target_lang)
        if not sn and not tn:
            return []
        found = self._compare(src, tgt, sn, tn, context)
        # the currency placement rule holds with a source too ("$ 100 miliardi")
        spans = [(f.start, f.end) for f in found if f.side == "target"]
        extra = [f for f in self._currency(tgt, context.target_lang)
                 if not any(a < f.end and f.start < b for a, b in spans)]
        return found + extra if extra else found

    def _target_only(self, tgt: str, context: CheckContext) -> list[Finding]:
        """Locale findings on a target with no source: separators and currency signs."""
        tl = context.target_lang
        if not tl or not _DIGIT_RE.search(tgt):
            return []
        conv = conventions(tl)
        findings: list[Finding] = []
        name = _lang_name(tl)
        for n in find_numbers(tgt):
            sugg = locale_suggestion(tgt, n, conv)
            if sugg is None:
                continue
            findings.append(
                self.flag(
                    "target", n.start, n.end, n.text,
                    f"Number {n.text} is written with separators that are wrong in "
                    f"{name}; write {sugg}",
                    suggestion=sugg,
                    severity=Severity.MINOR,
                    category="locale",
                )
            )  # fmt: skip
        findings += self._currency(tgt, tl)
        findings.sort(key=lambda f: (f.start, f.end))
        return findings

    def _currency(self, tgt: str, tl: str | None) -> list[Finding]:
        """Currency signs written before the amount where the language puts them
        after (see :func:`currency_issues`)."""
        if not tl:
            return []
        name = _lang_name(tl)
        return [
            self.flag(
                "target", start, end, text,
                f"In {name} the currency goes after the amount: write {sugg}",
                suggestion=sugg,
                severity=Severity.MINOR,
                category="locale",
            )
            for start, end, text, sugg in currency_issues(tgt, tl)
        ]  # fmt: skip

    def _compare(
        self, src: str, tgt: str, sn: list[Num], tn: list[Num], context: CheckContext
    ) -> list[Finding]:
        sconv = conventions(context.source_lang)
        tconv = conventions(context.target_lang)
        s_match: list[int | None] = [None] * len(sn)
        t_used = [False] * len(tn)
        t_reading: dict[int, Reading] = {}
        # 1. preferred readings on both sides
        by_pref: dict[str, list[int]] = {}
        for j, t in enumerate(tn):
            by_pref.setdefault(_preferred(t, tconv).value, []).append(j)
        for i, s in enumerate(sn):
            bucket = by_pref.get(_preferred(s, sconv).value)
            if bucket:
                j = bucket.pop(0)
                s_match[i] = j
                t_used[j] = True
                t_reading[j] = _preferred(tn[j], tconv)
        # 2. any reading (native ones of the target first)
        if None in s_match and not all(t_used):
            index: dict[str, list[tuple[int, Reading]]] = {}
            for j, t in enumerate(tn):
                if not t_used[j]:
                    for tr in t.readings:
                        index.setdefault(tr.value, []).append((j, tr))
            for i, s in enumerate(sn):
                if s_match[i] is not None:
                    continue
                found = self._other_reading(s, sconv, index, t_used, tconv)
                if found is not None:
                    j, r = found
                    s_match[i] = j
                    t_used[j] = True
                    t_reading[j] = r
        findings: list[Finding] = []
        # formatting of matched numbers
        for i, jm in enumerate(s_match):
            if jm is None:
                continue
            j = jm
            r = t_reading[j]
            if _native(r, tconv):
                continue
            s, t = sn[i], tn[j]
            if t.text == s.text and (sconv == tconv or (len(t.readings) == 1 and not r.group)):
                continue  # same conventions, or "3.11" copied as is: probably a version
            grouped = bool(r.group or _preferred(s, sconv).group)
            sugg = format_number(r.value, tconv, grouped)
            if sugg == t.text:
                continue
            findings.append(
                self.flag(
                    "target",
                    t.start,
                    t.end,
                    t.text,
                    f"Number {t.text} uses separators that are wrong in "
                    f"{_lang_name(context.target_lang)}; write {sugg}",
                    suggestion=sugg,
                    severity=Severity.MINOR,
                    category="locale",
                )
            )
        rest_s = [i for i, j in enumerate(s_match) if j is None]
        rest_t = [j for j, u in enumerate(t_used) if not u]
        if rest_s or rest_t:
            rest_s, rest_t = self._lenient(src, tgt, sn, tn, s_match, t_used, rest_s, rest_t, context)
        if rest_s or rest_t:
            rest_s, rest_t = _forms_lenient(src, tgt, sn, tn, rest_s, rest_t, context)
        if rest_s or rest_t:
            rest_s, rest_t = _equivalents(src, tgt, sn, tn, s_match, t_used, rest_s, rest_t, context)
        if not rest_t:  # nothing replaces them: may be written in words
            rest_s = [i for i in rest_s if not (_may_be_words(sn[i], context.target_lang)
                                                or _counted(src, sn[i]))]
        if not rest_s:  # "a decade later" -> "10 years later", "double" -> "2 times"
            rest_t = [j for j in rest_t if not number_forms.spellable(tn[j].text, _plain(tn[j]), tn[j].kind)]
        for i in rest_s:
            s = sn[i]
            pref = _preferred(s, sconv)
            sugg = s.text if s.kind == "word" else format_number(pref.value, tconv, bool(pref.group))
            findings.append(
                self.flag(
                    "source",
                    s.start,
                    s.end,
                    s.text,
                    f"Number {s.text} is missing or changed in the translation",
                    suggestion=sugg,
                )
            )
        for j in rest_t:
            t = tn[j]
            findings.append(
                self.flag(
                    "target",
                    t.start,
                    t.end,
                    t.text,
                    f"Number {t.text} is not in the source text",
                )
            )
        if rest_s != [i for i, j in enumerate(s_match) if j is None]:
            # numbers matched leniently (2 billion = 20 億, 20 feet = 6 m): pair
            # them in order, so that their signs are compared too
            s_match = list(s_match)
            used = {j for j in s_match if j is not None} | set(rest_t)
            free_t = [j for j in range(len(tn)) if j not in used]
            free_s = [i for i, j in enumerate(s_match) if j is None and i not in rest_s]
            if len(free_s) == len(free_t):
                for i, j in zip(free_s, free_t):
                    s_match[i] = j
        findings += self._lost_symbols(src, tgt, sn, tn, s_match, context)
        return findings

    def _lost_symbols(
        self,
        src: str,
        tgt: str,
        sn: Sequence[Num],
        tn: Sequence[Num],
        s_match: Sequence[int | None],
        context: CheckContext,
    ) -> list[Finding]:
        """Percent, per-mille, degree and currency marks of the source's numbers (a
        sign, or a CLDR word: ``100 percent``, ``2,8 Milliarden Pfund``) that the
        translation expresses neither as a sign nor in words. Reported on the target
        number when it is matched (``35`` for ``35%``), else on the source sign; only
        when the target has fewer such marks in all than the source."""
        sl, tl = context.source_lang, context.target_lang
        if not (sn or tn) or (tl and cldr.locale(tl) is None):
            return []  # no CLDR words for the target language: cannot judge
        ms, mt = _masked(src), _masked(tgt)
        lost: list[tuple[Num, number_forms.Mark, int | None]] = []
        totals: dict[str, int] = {}
        for i, n in enumerate(sn):
            for mark in number_forms.marks_near(ms, sl, n.start, n.end):
                totals[mark.kind] = totals.get(mark.kind, 0) + 1
                j = s_match[i]
                if j is None:  # matched leniently (100 ~ 100ig): the same digits
                    j = next((k for k, t in enumerate(tn) if set(n.atoms) & set(t.atoms)), None)
                if j is None:
                    continue  # the number itself is missing, changed or converted
                if number_forms.expressed(mt, tl, tn[j].start, tn[j].end, mark):
                    continue
                lost.append((n, mark, j))
        out = self._lost_with_words(src, tgt, ms, mt, tn, s_match, totals, lost, context)
        for n, mark, j in lost:
            codes = mark.codes if mark.kind == "currency" else frozenset()
            if number_forms.marks_in(mt, tl, mark.kind, codes) >= totals[mark.kind]:
                continue  # expressed elsewhere in the sentence
            what = _KIND_NAMES[mark.kind]
            shown = src[mark.start : mark.end]
            if j is not None:
                t = tn[j]
                out.append(self.flag(
                    "target", t.start, t.end, t.text,
                    f"Number {t.text}: the {what} of the source ({shown}) is lost in the translation",
                ))  # fmt: skip
            else:
                out.append(self.flag(
                    "source", mark.start, mark.end, shown,
                    f"'{shown}' ({what}) of {n.text} is lost in the translation",
                ))  # fmt: skip
        return out

    def _lost_with_words(
        self,
        src: str,
        tgt: str,
        ms: str,
        mt: str,
        tn: Sequence[Num],
        s_match: Sequence[int | None],
        totals: dict[str, int],
        lost: list[tuple[Num, number_forms.Mark, int | None]],
        context: CheckContext,
    ) -> list[Finding]:
        """A percent or currency mark of a number the source spells out ('Fifty-eight
        percent', 'dos millones de dólares') that the translation, writing the number
        in digits, drops: the source has no number in digits but such a mark, the
        translation fewer of them, and a number (not an ordinal) without one."""
        sl, tl = context.source_lang, context.target_lang
        out: list[Finding] = []
        if s_match or _DIGIT_RE.search(ms):
            # only a source with no number in digits: there, a word of a unit can
            # belong to nothing but a spelled-out number (not to '4.40 am Yuan')
            return out
        free = [j for j in range(len(tn)) if tn[j].kind == "num"]
        if not free:
            return out
        for kind in ("percent", "currency"):
            if any(mark.kind == kind for _n, mark, _j in lost):
                continue
            if kind == "percent" and _FORMAT_PERCENT_RE.search(ms):
                continue  # a '%' of a format string ('%{count} days') is no percent sign
            in_src = number_forms.marks_in(ms, sl, kind, frozenset(), firm=True)
            if in_src <= totals.get(kind, 0):
                continue  # every mark of the source belongs to a number in digits
            if number_forms.marks_in(mt, tl, kind, frozenset()) >= in_src:
                continue
            for j in free:
                t = tn[j]
                if any(m.kind == kind for m in number_forms.marks_near(mt, tl, t.start, t.end)):
                    continue
                out.append(self.flag(
                    "target", t.start, t.end, t.text,
                    f"Number {t.text}: the {_KIND_NAMES[kind]} of the source is lost in the "
                    "translation",
                ))  # fmt: skip
                break
        return out

    @staticmethod
    def _other_reading(
        s: Num,
        sconv: Conv,
        index: dict[str, list[tuple[int, Reading]]],
        t_used: Sequence[bool],
        tconv: Conv,
    ) -> tuple[int, Reading] | None:
        """The free target token matching some reading of ``s`` (native readings of
        the source first, then targets whose matching reading is native). A reading
        as a decimal with only zeros after the mark (``4,000`` as 4.000) comes last:
        the Vietnamese source's ``4,000`` is 4000 in an English target."""
        ordered = sorted(s.readings, key=lambda r: (_zero_fraction(s.text, r), not _native(r, sconv)))
        for r in ordered:
            cands = index.get(r.value)
            if not cands:
                continue
            best: tuple[int, Reading] | None = None
            for j, tr in cands:
                if t_used[j]:
                    continue
                if _native(tr, tconv):
                    return j, tr
                if best is None:
                    best = (j, tr)
            if best is not None:
                return best
        return None

    def _lenient(
        self,
        src: str,
        tgt: str,
        sn: list[Num],
        tn: list[Num],
        s_match: list[int | None],
        t_used: list[bool],
        rest_s: list[int],
        rest_t: list[int],
        context: CheckContext,
    ) -> tuple[list[int], list[int]]:
        """Forgive what is left when it is the same digits split or glued differently,
        a spelled-out small number, or the month of a date written as a name."""
        # same digit runs (10.30 vs 10:30, 10px vs 10 px)
        if rest_s and rest_t:
            s_pool: dict[str, int] = {}
            t_pool: dict[str, int] = {}
            for i in rest_s:
                for a in sn[i].atoms:
                    s_pool[a] = s_pool.get(a, 0) + 1
            for j in rest_t:
                for a in tn[j].atoms:
                    t_pool[a] = t_pool.get(a, 0) + 1

            def covered(atoms: tuple[str, ...], pool: dict[str, int]) -> bool:
                need: dict[str, int] = {}
                for a in atoms:
                    need[a] = need.get(a, 0) + 1
                return all(pool.get(a, 0) >= c for a, c in need.items())

            rest_s2 = [i for i in rest_s if not covered(sn[i].atoms, t_pool)]
            rest_t = [j for j in rest_t if not covered(tn[j].atoms, s_pool)]
            rest_s = rest_s2
        # 12-hour clock on one side, 24-hour on the other (5 p.m. = 17 h)
        if rest_s and rest_t and (_PM_RE.search(src) or _PM_RE.search(tgt)):
            s_pm = bool(_PM_RE.search(src))
            t_vals = {_plain(tn[j]): j for j in rest_t}
            s_vals = {_plain(sn[i]): i for i in rest_s}
            for h in range(1, 12):
                a, b = (str(h), str(h + 12)) if s_pm else (str(h + 12), str(h))
                if a in s_vals and b in t_vals:
                    rest_s.remove(s_vals.pop(a))
                    rest_t.remove(t_vals.pop(b))
        # spelled-out small numbers: "2" on one side, "due" on the other
        rest_s = _unspelled(rest_s, sn, tgt, context.target_lang)
        rest_t = _unspelled(rest_t, tn, src, context.source_lang)
        # dates: day and year matched, month spelled out on the other side (so no
        # number is left over there)
        rest_s0 = rest_s
        if rest_s and not rest_t and ("/" in src or "." in src or "-" in src):
            done = set(i for i, j in enumerate(s_match) if j is not None)
            for g, year in _date_groups(src, sn):
                if year in done and sum(1 for i in g if i in done) >= 2:
                    rest_s = [i for i in rest_s if i not in g]
        if rest_t and not rest_s0 and ("/" in tgt or "." in tgt or "-" in tgt):
            done = set(j for j, u in enumerate(t_used) if u)
            for g, year in _date_groups(tgt, tn):
                if year in done and sum(1 for j in g if j in done) >= 2:
                    rest_t = [j for j in rest_t if j not in g]
        return rest_s, rest_t


_KIND_NAMES = {"percent": "percent sign", "permille": "per-mille sign",
               "degree": "degree sign", "currency": "currency"}


def _zero_fraction(text: str, r: Reading) -> bool:
    """Whether ``r`` reads ``text`` as a decimal whose fraction is only zeros."""
    if not r.decimal or r.decimal not in text:
        return False
    frac = text.rsplit(r.decimal, 1)[1]
    return bool(frac) and set(frac) == {"0"}


def _plain(n: Num) -> str:
    """The value of ``n``; the digits of a word token with one digit run (``2pm``)."""
    if n.kind == "word" and len(n.atoms) == 1:
        return n.atoms[0]
    return n.readings[0].value


def _may_be_words(n: Num, other_lang: str | None) -> bool:
    """Whether the other side may have written ``n`` in words we cannot read: a
    spellable number (see :func:`number_forms.spellable`) beyond the small numbers
    whose words we know for ``other_lang``."""
    value = _plain(n)
    if not number_forms.spellable(n.text, value, n.kind):
        return False
    known = base_lang(other_lang) in _WORDS
    return not (known and value in _SMALL and value not in "012" and n.kind == "num")


#: scripts whose numbers take a counter or an ordinal mark written onto them
_COUNTER_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def _counted(text: str, n: Num) -> bool:
    """Whether ``n`` is a small number with a counter or ordinal mark of a Chinese,
    Japanese or Korean text written onto it (``3人組``, ``8番目``, ``第9``, ``10년``),
    which a translation says in words of its own ('a trio', 'the eighth', 'a
    decade'): its absence alone, with no other number in its place, is no error."""
    if n.kind != "num" or not number_forms.spellable(n.text, _plain(n), n.kind):
        return False
    from ..scripts import letter_script

    after = text[n.end : n.end + 2].lstrip()[:1]
    before = text[max(0, n.start - 2) : n.start].rstrip()[-1:]
    return any(c and c.isalpha() and letter_script(c) in _COUNTER_SCRIPTS for c in (after, before))


def _forms_lenient(
    src: str,
    tgt: str,
    sn: Sequence[Num],
    tn: Sequence[Num],
    rest_s: list[int],
    rest_t: list[int],
    context: CheckContext,
) -> tuple[list[int], list[int]]:
    """Forgive months written as names on the other side (``6月`` = ``June``), the
    century beside a decade (``20 世纪 30 年代`` = ``1930s``) and unit conversions
    (``20 feet`` = ``6 metres``)."""
    sl, tl = context.source_lang, context.target_lang
    for nums, rest, other, other_lang in ((sn, rest_s, tgt, tl), (tn, rest_t, src, sl)):
        small = [i for i in rest if nums[i].kind == "num" and _plain(nums[i]) in _MONTHS]
        if not small:
            continue
        names = number_forms.month_words_in(other, other_lang)
        for i in small:
            v = int(_plain(nums[i]))
            hit = next((k for k, months in enumerate(names) if v in months), None)
            if hit is not None:
                names.pop(hit)
                rest.remove(i)
    # "19th century" = "1800-luku" (Finnish, Swedish, Estonian write the hundreds)
    for nums, rest, others, orest in ((sn, rest_s, tn, rest_t), (tn, rest_t, sn, rest_s)):
        for i in [i for i in rest if nums[i].kind == "ord"]:
            c = int(_plain(nums[i]))
            hit = next((j for j in orest if 1 < c <= 21 and _plain(others[j]) == str((c - 1) * 100)), None)
            if hit is not None:
                rest.remove(i)
                orest.remove(hit)
    # the minutes of a full hour: "05:00" for "5 a.m."
    rest_s = [i for i in rest_s if sn[i].text != "00"]
    rest_t = [j for j in rest_t if tn[j].text != "00"]
    decades = [number_forms.decade(n.text) for n in list(sn) + list(tn) if n.kind == "word"]
    centuries = {str(d // 100 + 1) for d in decades if d is not None and d >= 1000}
    if centuries:
        rest_s = [i for i in rest_s if _plain(sn[i]) not in centuries]
        rest_t = [j for j in rest_t if _plain(tn[j]) not in centuries]
    if rest_s and rest_t:
        for i in list(rest_s):
            a = _float(sn[i])
            for j in rest_t:
                b = _float(tn[j])
                if a is not None and b is not None and number_forms.converted(
                    a, src, _digits_end(sn[i]), sl, b, tgt, _digits_end(tn[j]), tl
                ):
                    rest_s.remove(i)
                    rest_t.remove(j)
                    break
    return rest_s, rest_t


def _equivalents(
    src: str,
    tgt: str,
    sn: Sequence[Num],
    tn: Sequence[Num],
    s_match: Sequence[int | None],
    t_used: Sequence[bool],
    rest_s: list[int],
    rest_t: list[int],
    context: CheckContext,
) -> tuple[list[int], list[int]]:
    """Forgive other writings of the same figures (:mod:`.number_equiv`): a time on
    the other clock, a conversion one side restates, a year of another era or in a
    code, a numeric day and month for a month name."""
    sl, tl = context.source_lang, context.target_lang
    rest_s, rest_t = number_equiv.times(src, tgt, sn, tn, rest_s, rest_t, sl, tl)
    rest_s = number_equiv.restated(
        src, sl, sn, rest_s, {i for i, j in enumerate(s_match) if j is not None}, _float)
    rest_t = number_equiv.restated(tgt, tl, tn, rest_t, {j for j, u in enumerate(t_used) if u}, _float)
    rest_s, rest_t = number_equiv.years(sn, tn, rest_s, rest_t, _plain)
    rest_s, rest_t = number_equiv.day_month(src, tgt, sn, tn, rest_s, rest_t, sl, tl, _plain)
    return rest_s, rest_t


_MONTHS = frozenset(str(i) for i in range(1, 13))
_LEAD_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)?")
_FORMAT_PERCENT_RE = re.compile(r"%[^\s\d.,;:!?)\]]")


def _digits_end(n: Num) -> int:
    """Where the number of ``n`` ends: a unit glued to it (``300kg``,
    ``250kilogramový``) starts there."""
    if n.kind == "word":
        m = _LEAD_DIGITS_RE.match(n.text)
        if m is not None:
            return n.start + m.end()
    return n.end


def _float(n: Num) -> float | None:
    try:
        return float(_plain(n))
    except ValueError:
        return None




CHECKS: list[type[Check]] = [NumberCheck]

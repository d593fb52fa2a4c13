"""Equivalent writings of numbers that the number check forgives, beyond their value.

A good translation may write the same quantity with other digits:

* :func:`times`: a time of day on the 12-hour clock on one side and on the 24-hour
  clock on the other (``5.30pm`` = ``17:30`` = ``17 h 30`` = ``午後5:30``). The
  day-period words come from CLDR (``AM``/``PM``, ``午後``, ``오후``, ``مساءً``) and
  English ``a.m.``/``p.m.``; a time without one is never moved by twelve hours;
* :func:`restated`: a conversion the text gives in parentheses or beside the figure
  (``800 kph (497 mph)``, ``200 миль (322 км)``) that the other side leaves out or
  adds: the figure it converts must be matched, and the value must be the
  conversion of it (physical constants in :mod:`.number_forms`);
* :func:`years`: a year abbreviated to two digits inside a code (``SS19``, ``'19``,
  ``FY19``) for the four-digit year on the other side, and a year of another
  calendar era whose offset from the Gregorian year is constant (Thai Buddhist era
  +543: ``2556`` = ``2013``; Solar Hijri -621/-622; Hebrew +3760/+3761);
* :func:`day_month`: a numeric day and month (``12.6.``, ``20/7``) for a day and a
  month name on the other side (``June 12``, CLDR month names).

Each function takes the leftover (unmatched) tokens of both sides and returns them
without the ones it explains; none of them forgives a number the other side does not
account for.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Sequence

from ..cldr import day_periods, squash_period as _squash
from . import number_forms
from .number_reading import Num

__all__ = ["times", "restated", "years", "day_month"]


#: a clock time: hours and minutes (``5.30``, ``17:30``, ``17 h 30``, ``5時30``)
_CLOCK_RE = re.compile(r"(?<![\d.,:])(\d{1,2})(?:\s?[:.]\s?|\s?h\s?|時)(\d{2})(?![\d.,:]?\d)")
#: an hour alone, for a day period to follow or precede (``5pm``, ``5 p.m.``, ``午後5時``)
_HOUR_RE = re.compile(r"(?<![\d.,:])(\d{1,2})(?![\d.,:]?\d)")
_AFTER_RE = re.compile(r"[\s\u00a0\u202f]?([^\W\d_]{1,4}(?:\.[^\W\d_]\.?)?)(?![^\W\d_])")
_BEFORE_RE = re.compile(r"([^\W\d_]{1,4})[\s\u00a0\u202f]?$")


class _Time(NamedTuple):
    start: int
    end: int
    minutes: int


def _period(text: str, start: int, end: int, lang: str | None) -> str | None:
    """``am``/``pm`` when a day-period word of ``lang`` stands right after the time at
    ``start:end`` or right before it."""
    words = day_periods(lang)
    m = _AFTER_RE.match(text, end)
    if m is not None:
        hit = words.get(_squash(m.group(1)))
        if hit:
            return hit
    m = _BEFORE_RE.search(text[max(0, start - 6) : start])
    if m is None:
        return None
    run = _squash(m.group(1))
    hit = words.get(run)
    if hit is None and not run.isascii():
        # a script without spaces: the day period ends the run (会议于下午5:30)
        hit = next((k for w, k in words.items() if len(w) > 1 and not w.isascii()
                    and run.endswith(w)), None)
    return hit


def _times_in(text: str, lang: str | None) -> list[_Time]:
    out: list[_Time] = []
    taken: list[tuple[int, int]] = []
    for m in _CLOCK_RE.finditer(text):
        h, mi = int(m.group(1)), int(m.group(2))
        if h > 24 or mi > 59:
            continue
        period = _period(text, m.start(), m.end(), lang)
        if period is not None and not 1 <= h <= 12:
            continue
        if period is None and m.group(0)[len(m.group(1)):].strip() == "." and h <= 12:
            continue  # '5.30' alone may be a decimal; with a day period it is a time
        h = _to_24(h, period)
        out.append(_Time(m.start(), m.end(), h * 60 + mi))
        taken.append((m.start(), m.end()))
    for m in _HOUR_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        h = int(m.group(1))
        period = _period(text, m.start(), m.end(), lang)
        if period is None or not 1 <= h <= 12:
            continue
        out.append(_Time(m.start(), m.end(), _to_24(h, period) * 60))
    return out


def _to_24(h: int, period: str | None) -> int:
    if period == "pm" and h < 12:
        return h + 12
    if period == "am" and h == 12:
        return 0
    return h


def times(
    src: str, tgt: str, sn: Sequence[Num], tn: Sequence[Num],
    rest_s: list[int], rest_t: list[int], sl: str | None, tl: str | None,
) -> tuple[list[int], list[int]]:
    """Forgive the leftover tokens of a time of day written on the other clock
    (``5.30pm`` / ``17:30``): both times must name the same minute of the day, and one
    of them must carry a day-period word (else twelve hours apart are two times)."""
    if not (rest_s or rest_t):
        return rest_s, rest_t
    st, tt = _times_in(src, sl), _times_in(tgt, tl)
    if not st or not tt:
        return rest_s, rest_t
    used: set[int] = set()
    for a in st:
        k = next((k for k, b in enumerate(tt) if k not in used and b.minutes == a.minutes), None)
        if k is None:
            continue
        used.add(k)
        b = tt[k]
        rest_s = [i for i in rest_s if not (a.start <= sn[i].start and sn[i].end <= a.end)]
        rest_t = [j for j in rest_t if not (b.start <= tn[j].start and tn[j].end <= b.end)]
    return rest_s, rest_t


def restated(
    text: str, lang: str | None, nums: Sequence[Num], rest: list[int],
    matched: set[int], value: Callable[[Num], float | None],
) -> list[int]:
    """``rest`` without the numbers that restate a matched number of the same text in
    other units (``800 kph (497 mph)``: 497 restates 800, a value the other side has
    already given)."""
    if not rest or not matched:
        return rest
    keep = []
    for i in rest:
        n = nums[i]
        b = value(n)
        hit = False
        if b is not None and b > 0:
            for k in matched:
                m = nums[k]
                if abs(m.start - n.start) > 40:
                    continue
                a = value(m)
                if a is not None and number_forms.restates(a, b, text, _end(n), lang):
                    hit = True
                    break
        if not hit:
            keep.append(i)
    return keep


def _end(n: Num) -> int:
    m = re.match(r"\d+(?:[.,]\d+)?", n.text)
    return n.start + m.end() if n.kind == "word" and m is not None else n.end


#: calendar eras whose years run at a constant offset from the Gregorian year: Thai
#: Buddhist era (+543), Solar Hijri (-621 before the March equinox, -622 after),
#: Hebrew (+3760 / +3761); the lunar Islamic calendar has no constant offset.
_ERA_OFFSETS = (543, -621, -622, 3760, 3761)
_CODE_YEAR_RE = re.compile(r"(?:[A-Za-z]{1,4}|['’])(\d{2})")


def years(
    sn: Sequence[Num], tn: Sequence[Num], rest_s: list[int], rest_t: list[int],
    plain: Callable[[Num], str],
) -> tuple[list[int], list[int]]:
    """Forgive a year written in another calendar era (``2556`` = ``2013``) or
    abbreviated inside a code (``SS19`` = ``2019``), pairing leftovers one to one."""
    if not (rest_s and rest_t):
        return rest_s, rest_t
    for nums, rest, others, orest in ((sn, rest_s, tn, rest_t), (tn, rest_t, sn, rest_s)):
        for i in list(rest):
            if i not in rest:
                continue
            n = nums[i]
            short = _CODE_YEAR_RE.fullmatch(n.text)
            full = plain(n)
            for j in list(orest):
                o = plain(others[j])
                if not (others[j].kind == "num" and len(o) == 4 and o.isdigit()):
                    continue
                if short is not None and o[2:] == short.group(1) and o[:2] in ("19", "20"):
                    hit = True
                elif n.kind == "num" and len(full) == 4 and full.isdigit():
                    hit = any(int(full) - int(o) == d for d in _ERA_OFFSETS) or any(
                        int(o) - int(full) == d for d in _ERA_OFFSETS)
                    hit = hit and (1000 <= min(int(full), int(o)) and max(int(full), int(o)) < 6000)
                else:
                    hit = False
                if hit:
                    rest.remove(i)
                    orest.remove(j)
                    break
    return rest_s, rest_t


_DAY_MONTH_RE = re.compile(r"(\d{1,2})[./](\d{1,2})\.?")


def day_month(
    src: str, tgt: str, sn: Sequence[Num], tn: Sequence[Num],
    rest_s: list[int], rest_t: list[int], sl: str | None, tl: str | None,
    plain: Callable[[Num], str],
) -> tuple[list[int], list[int]]:
    """Forgive a numeric day and month (``12.6.``, ``20/7``) when the other side names
    that month (CLDR month names) and has that day among its numbers."""
    for nums, rest, other, others, orest, olang in (
        (sn, rest_s, tgt, tn, rest_t, tl), (tn, rest_t, src, sn, rest_s, sl)
    ):
        for i in list(rest):
            m = _DAY_MONTH_RE.fullmatch(nums[i].text)
            if m is None:
                continue
            a, b = int(m.group(1)), int(m.group(2))
            months = number_forms.month_words_in(other, olang)
            days = {plain(o) for o in others}
            for day, month in ((a, b), (b, a)):
                if 1 <= day <= 31 and any(month in ms for ms in months) and str(day) in days:
                    rest.remove(i)
                    hit = next((j for j in orest if plain(others[j]) == str(day)), None)
                    if hit is not None:
                        orest.remove(hit)
                    break
    return rest_s, rest_t

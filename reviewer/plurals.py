"""Gettext plural forms: which ``msgstr[i]`` stands for exactly one number.

A form chosen for a single number (Arabic's ``n==1`` and ``n==2`` forms, English
``msgstr[0]``) may leave the count out ("one file", "ملفان"), so a missing count
placeholder there is not an error. The catalog's own ``Plural-Forms`` expression is
evaluated (with the standard library's :func:`gettext.c2py`) over 0..1000.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["exact_forms", "singular_forms", "form_numbers", "singular_category", "exact_category"]

_EXPR = re.compile(r"plural\s*=\s*([^;]+)")


@lru_cache(maxsize=64)
def form_numbers(header: str | None) -> dict[int, frozenset[int]] | None:
    """For each form index, the numbers 0..1000 the ``Plural-Forms`` header selects it
    for; None when there is no header or it cannot be evaluated."""
    if not header:
        return None
    m = _EXPR.search(header)
    if not m:
        return None
    import gettext

    try:
        fn = gettext.c2py(m.group(1).strip().rstrip(";"))
        seen: dict[int, set[int]] = {}
        for n in range(0, 1001):
            seen.setdefault(int(fn(n)), set()).add(n)
    except (ValueError, SyntaxError, TypeError, ZeroDivisionError, RecursionError):
        return None
    return {i: frozenset(ns) for i, ns in seen.items()}


def exact_forms(header: str | None) -> frozenset[int]:
    """The form indexes a ``Plural-Forms`` header selects for exactly one number; empty
    when there is no header or it cannot be evaluated."""
    nums = form_numbers(header)
    return frozenset(i for i, ns in nums.items() if len(ns) == 1) if nums else frozenset()


def singular_forms(header: str | None) -> frozenset[int] | None:
    """The form indexes used for the number 1 alone: they translate ``msgid``; every
    other form translates ``msgid_plural`` (Russian's form 0 also serves 21, 31..., so
    it is compared with the plural). None without a usable header."""
    nums = form_numbers(header)
    if nums is None:
        return None
    return frozenset(i for i, ns in nums.items() if ns == {1})


@lru_cache(maxsize=256)
def singular_category(lang: str | None, category: str) -> bool:
    """True when ``lang``'s CLDR plural ``category`` holds no whole number but 0 and 1
    (English or French 'one'): such a form translates the source's 'one' form. Russian
    'one' is also 21, 31..., Arabic 'zero' is 0: those translate the 'other' form,
    which has the count. A language without 'one' (Thai): True, the form can only
    translate the source's 'one'. Unknown languages: True for 'one' (the usual case)."""
    if category == "other":
        return False
    if not lang:
        return category == "one"
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return category == "one"
    nums = [n for n in range(1001) if loc.plural_form(n) == category]
    # a 'one' the language never uses (Thai, Japanese: 'other' only) is the source's
    # 'one' translated (files carry it anyway; the app never shows it)
    return set(nums) <= {0, 1} and category == "one"


@lru_cache(maxsize=256)
def exact_category(lang: str | None, category: str) -> bool:
    """True when an app-resource plural form of ``category`` stands for one number only,
    so its text may leave the count out ("1 file", Arabic's dual): the language's CLDR
    category holds a single whole number (Arabic 'zero', 'one', 'two'; English 'one'),
    or it is a 'zero' form the language's rules never select (Russian), which only an
    explicit count of 0 reaches (Rails' ``zero:`` key). Latvian 'zero' (0, 10-20...),
    Russian 'one' (1, 21...) and 'other' are not exact; unknown languages: False."""
    if category == "other" or not lang:
        return False
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    nums = {n for n in range(1001) if loc.plural_form(n) == category}
    if not nums:
        return category == "zero"
    return len(nums) == 1

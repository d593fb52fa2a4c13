"""The contract of every registered check, built-in or plugin (``all_checks()``).

For each check, on pairs in several languages and scripts, clean and broken, and on
hostile text: spans lie inside their side's text and slice to the finding's text, the
check id is the registered one (ids are stable: the registry key, the class id and
the findings' ``check`` agree, and a second run gives the same findings), severities
are :class:`Severity` values, categories MQM dimensions; an empty pair draws no
finding; hostile text (controls, lone surrogates, private-use inline-code characters,
bidi marks, huge numbers, broken markup) crashes nothing.
"""

from __future__ import annotations

import pytest

from reviewer.checks import BUILTIN_CHECKS, all_checks
from reviewer.checks.base import Check
from reviewer.model import Severity

from .checkcontract import run_check

#: ids of interfaces.md: a renamed check breaks users' configurations
STABLE_IDS = {cid for cid, _mod, _on in BUILTIN_CHECKS}

#: (source, target, source language, target language): clean and broken pairs in
#: Latin, Cyrillic, Greek, Arabic, Devanagari, CJK and Thai scripts
PAIRS = [
    ("Save 3 files to {0} at https://example.com.", "Salva 3 file in {0} su https://example.com.", "en", "it"),
    ("Save 3 files to {0}.", "Speichern Sie 5 Dateien in %s", "en", "de"),
    ("The <b>Paris</b> office opens at 9:30.", "Офис в <b>Париже</b> открывается в 9:30.", "en", "ru"),
    ("Delete 12 items?", "Удалить 21 элементов??", "en", "ru"),
    ("Open the file.", "Άνοιξε το αρχείο.", "en", "el"),
    ("Call John Smith on 5 May.", "اتصل بجون سميث في 5 مايو.", "en", "ar"),
    ("The price is $1,250.50.", "कीमत $1,250.50 है।", "en", "hi"),
    ("Click OK to continue.", "「OK」をクリックして続行します。", "en", "ja"),
    ("Version 2.0 was released in 2024.", "2.0版于2023年发布", "en", "zh"),
    ("Restart the computer now.", "รีสตาร์ทคอมพิวเตอร์ตอนนี้", "en", "th"),
    ("Use the same word.", "Usa la la stessa parola.", "en", "it"),
    ("Hello world", "Hello world", "en", "fr"),
]

#: text no check may crash on
HOSTILE = [
    "\x00\x01\x1b[31mred\x7f",
    "\ud800 lone \udfff surrogates",
    "\ue000\ue001 codes \uf8ff",
    "\u202eevil\u202c \u200f\u200e \u2066x\u2069",
    "1e999999 " + "9" * 400 + " 0x" + "f" * 50,
    "<b><i>broken</b></i> <a href=\"x > {{{{ }} %%%% %1$ %(name ${ {0",
    "a\u0301\u0301\u0301" * 50 + " 👩\u200d👩\u200d👧 🏳️\u200d🌈",
    "word" * 2000,
    "\n\r\t \u00a0\u2028\u2029",
    "ـــــ ١٢٣٤ ۱۲۳ ०१२ 〇一二三",
]


def _checks() -> list[tuple[str, type[Check]]]:
    return sorted(all_checks().items())


def _options(cls: type[Check]) -> dict[str, object]:
    """No embedding cache written for the model checks (meaning, coverage)."""
    return {"cache": False} if cls.id in ("meaning", "coverage") else {}


@pytest.mark.parametrize("cid,cls", _checks(), ids=[c for c, _ in _checks()])
def test_ids_are_stable(cid: str, cls: type[Check]) -> None:
    assert cls.id == cid
    assert cid == cid.strip().lower() and " " not in cid
    assert isinstance(cls.severity, Severity)
    if cls.__module__.startswith("reviewer."):
        assert cid in STABLE_IDS


def test_every_builtin_check_is_registered() -> None:
    assert STABLE_IDS <= set(all_checks())


@pytest.mark.parametrize("cid,cls", _checks(), ids=[c for c, _ in _checks()])
def test_findings_keep_the_contract(cid: str, cls: type[Check]) -> None:
    check, opts = cls(), _options(cls)
    for source, target, sl, tl in PAIRS:
        first = run_check(check, source, target, sl, tl, options=opts)
        again = run_check(cls(), source, target, sl, tl, options=opts)
        assert first == again, (source, target)  # stable: same input, same findings
        if not cls.needs_source:  # target-only review: no source at hand
            run_check(check, "", target, None, tl, target_only=True, options=opts)


@pytest.mark.parametrize("cid,cls", _checks(), ids=[c for c, _ in _checks()])
def test_no_finding_on_an_empty_pair(cid: str, cls: type[Check]) -> None:
    for sl, tl in (("en", "de"), ("en", "ja"), ("ar", "ru")):
        assert run_check(cls, "", "", sl, tl, options=_options(cls)) == []


@pytest.mark.parametrize("cid,cls", _checks(), ids=[c for c, _ in _checks()])
def test_no_crash_on_hostile_text(cid: str, cls: type[Check]) -> None:
    check, opts = cls(), _options(cls)
    for text in HOSTILE:
        run_check(check, text, text, "en", "de", options=opts)
        run_check(check, "Plain source text.", text, "en", "ar", options=opts)
        run_check(check, text, "Testo semplice.", "en", "it", options=opts)
        run_check(check, text, text, None, None, options=opts)


def test_the_table_flags_something() -> None:
    """The pairs above are not all clean: across the checks they draw findings (a
    contract over pairs no check flags would hold vacuously)."""
    seen: set[str] = set()
    for _cid, cls in _checks():
        if cls.id in ("meaning", "coverage"):
            continue
        for source, target, sl, tl in PAIRS:
            if run_check(cls, source, target, sl, tl):
                seen.add(cls.id)
    assert {"number", "placeholder", "repeated-word", "untranslated"} <= seen, seen

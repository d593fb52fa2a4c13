"""The consistency check: same source translated differently, same target for
different sources."""

from __future__ import annotations

import time

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.consistency import ConsistencyCheck, loose, normalize
from reviewer.model import Segment, Severity, code_char

Pair = tuple[str, str]


ON = {"same_target": True}  # (b) is off by default; these tests cover both


def run(pairs: list[Pair], options: dict | None = None) -> list[tuple[str, str, str | None, str]]:
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t) for i, (s, t) in enumerate(pairs)]
    out = []
    ctx = CheckContext(source_lang="en", target_lang="it", options=ON if options is None else options)
    for seg, f in ConsistencyCheck().run_document(segs, ctx):
        assert (seg.target or "")[f.start : f.end] == f.text
        assert f.start == 0 and f.end == len(seg.target or "")
        assert f.category == "accuracy" and f.severity == Severity.MINOR
        out.append((seg.id, f.text, f.suggestion, f.message))
    return out


FAILS = [
    # same source, different targets: the minority is flagged, majority suggested
    ([("Save file", "Salva file"), ("Save file", "Salva il file"), ("Save  FILE", "Salva file")],
     [("2", "Salva il file", "Salva file")]),
    ([("Open the door.", "Öffne die Tür."), ("Open the door.", "Mach die Tür auf.")],
     [("2", "Mach die Tür auf.", "Öffne die Tür.")]),
    ([("Cancel", "Cancel"), ("Cancel", "Cancel"), ("Cancel", "Abort")],
     [("3", "Abort", "Cancel")]),
    # same target, different sources
    ([("Delete", "Elimina"), ("Remove", "Elimina")], [("2", "Elimina", None)]),
    ([("Close", "Schließen"), ("Close", "Schließen"), ("Exit", "Schließen")], [("3", "Schließen", None)]),
]


@pytest.mark.parametrize("pairs,expected", FAILS)
def test_fails(pairs: list[Pair], expected: list[tuple[str, str, str | None]]) -> None:
    got = [(u, t, s) for u, t, s, _ in run(pairs)]
    assert got == expected


PASSES = [
    [("Save file", "Salva file"), ("Save file", "Salva  file")],
    [("Save file", "Salva file"), ("save file.", "Salva file")],
    [("Save file", "Salva file"), ("Save, file!", "Salva file")],
    [("Datei speichern", "Save file"), ("Datei speichern", "Save file")],
    [("Save file", "Salva file"), ("Save file", "")],
    [("42", "42"), ("42", "quarantadue")],
    [("10", "1"), ("11", "1")],
    [("A", "B")],
]


@pytest.mark.parametrize("pairs", PASSES)
def test_passes(pairs: list[Pair]) -> None:
    assert run(pairs) == []


def test_message_names_other_units() -> None:
    (_, _, _, msg), = run([("Hi", "Ciao"), ("Hi", "Ciao"), ("Hi", "Salve")])
    assert "1, 2" in msg


def test_codes_ignored() -> None:
    a = f"{code_char(0)}Save{code_char(1)} file"
    assert normalize(a) == "save file"
    assert run([(a, "Salva file"), ("Save file", "Salva il file")]) == [
        ("2", "Salva il file", "Salva file", run([(a, "Salva file"), ("Save file", "Salva il file")])[0][3])
    ]
    assert loose("Save, FILE!") == "savefile"


def test_context_separates() -> None:
    segs = [
        Segment(id="1", index=0, source="Open", target="Apri", context="verb"),
        Segment(id="2", index=1, source="Open", target="Aperto", context="adjective"),
    ]
    assert list(ConsistencyCheck().run_document(segs, CheckContext())) == []


def _consistency_cpu(n: int) -> float:
    pairs = [(f"Source sentence number {i}", f"Frase numero {i}") for i in range(n)]
    pairs += [("Same", f"Diversa {i}") for i in range(n // 25)]
    segs = [Segment(id=str(i), index=i, source=s, target=t) for i, (s, t) in enumerate(pairs)]
    t0 = time.process_time()
    out = list(ConsistencyCheck().run_document(segs, CheckContext()))
    assert len(out) == n // 25 - 1
    return time.process_time() - t0


def test_scales_linearly() -> None:
    """Four times the segments cost about four times the CPU (a quadratic grouping
    would cost sixteen; each figure is the best of 3, and the bound leaves room for
    noise). A ratio of CPU times, so the machine's load and speed cancel out; the
    absolute cost is bench_check.py's business."""
    _consistency_cpu(2_000)  # warm-up: imports, caches
    small = min(_consistency_cpu(12_500) for _ in range(3))
    big = min(_consistency_cpu(50_000) for _ in range(3))
    assert big / max(small, 1e-3) < 10  # linear: about 4 (measured 4.3); quadratic: 16


def _run_ctx(rows: list[tuple[str, str, str | None]], src: str, tgt: str) -> list[str]:
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t, context=c)
            for i, (s, t, c) in enumerate(rows)]
    return [seg.id for seg, _f in ConsistencyCheck().run_document(
        segs, CheckContext(source_lang=src, target_lang=tgt, options=ON))]


@pytest.mark.parametrize("pairs", [
    [("Delete", "Elimina"), ("Remove", "Elimina")],
    [("Find", "検索"), ("Search", "検索")],
    [("None", "Нет"), ("No", "Нет"), ("No", "Нет")],
])
def test_same_target_is_off_by_default(pairs: list[Pair]) -> None:
    """(b) only with [checks.consistency] same_target = true; (a) always."""
    assert run(pairs, options={}) == []
    assert run(pairs) != []
    assert [u for u, *_ in run([("Save", "Salva"), ("Save", "Registra"), ("Save", "Salva")], options={})] == ["2"]


@pytest.mark.parametrize("rows,src,tgt", [
    # a language without number inflection: singular and plural sources share a target
    ([("Keep entry", "保留条目", None), ("Keep entries", "保留条目", None)], "en", "zh-CN"),
    ([("Delete item", "アイテムの削除", None), ("Delete items", "アイテムの削除", None)], "en", "ja"),
    ([("Assign to", "มอบหมายให้", None), ("Assigned to", "มอบหมายให้", None)], "en", "th"),
    # German source: inflected forms of one word
    ([("Datei öffnen", "打开文件", None), ("Dateien öffnen", "打开文件", None)], "de", "zh-CN"),
    # different contexts (Qt context, msgctxt) may share a translation
    ([("&Settings", "Настройки", "MainWindow"), ("&Configure", "Настройки", "ASIOConfig")], "en", "ru"),
    # nor is a source translated differently across contexts
    ([("Users", "用户", "SearchDialog"), ("Users", "用户数", "ConnectDialog")], "en", "zh-CN"),
])
def test_inflection_and_context_pass(rows: list[tuple[str, str, str | None]], src: str, tgt: str) -> None:
    assert _run_ctx(rows, src, tgt) == []


@pytest.mark.parametrize("rows,src,tgt,flagged", [
    # different words, one context: still flagged
    ([("Open", "Открыть", "MainWindow"), ("Close", "Открыть", "MainWindow")], "en", "ru", ["2"]),
    ([("Insert related work text", "插入相关工作文本", None),
      ("Insert related work comments", "插入相关工作文本", None),
      ("Insert related work comments", "插入相关工作文本", None)], "en", "zh-CN", ["1"]),
    ([("Users", "用户", "Dialog"), ("Users", "用户数", "Dialog")], "en", "zh-CN", ["2"]),
])
def test_same_context_still_flagged(rows: list[tuple[str, str, str | None]], src: str, tgt: str,
                                    flagged: list[str]) -> None:
    assert _run_ctx(rows, src, tgt) == flagged


@pytest.mark.parametrize("rows,tgt,flagged", [
    # one translation, inflected by the sentence around it: not two translations
    ([("Company", "Организация"), ("Company", "организации")], "ru", []),
    ([("Settings", "Einstellungen"), ("Settings", "Einstellung")], "de", []),
    # two translations: flagged, in languages with and without a lexicon
    ([("Resume", "Продолжить"), ("Resume", "Продолжить"), ("Resume", "Возобновить")], "ru", ["3"]),
    ([("Recently Used Sources", "最近使用的来源"), ("Recently Used Sources", "最近使用的来源"),
      ("Recently Used Sources", "最近使用的源")], "zh-CN", ["3"]),
    ([("Close Split Editor", "Fechar editor dividido"), ("Close Split Editor", "Fechar editor dividido"),
      ("Close Split Editor", "Feche o editor dividido")], "pt", ["3"]),
])
def test_same_source_compares_target_lemmas(rows: list[tuple[str, str]], tgt: str, flagged: list[str]) -> None:
    assert _run_ctx([(s, t, None) for s, t in rows], "en", tgt) == flagged

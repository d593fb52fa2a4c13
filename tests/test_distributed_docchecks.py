"""Document-level checks (consistency, variant, spelling) by map-reduce over chunks:
findings that span chunk boundaries come out byte-identical to one process.

The corpora put the units a finding depends on in different chunks: the same source
translated differently in the first and in a late chunk (the majority after the flagged
unit, more than five majority units), the same translation for another source, a name
misspelt in one chunk and right in others, a lowercase form of a mixed-case name in
another chunk, glossary-linked variants and glossary aliases, heading capitals, and a
target-only file where spellings tie (the first seen wins).
"""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path
from typing import Any, Iterator, Sequence

import pytest

from reviewer.checks.base import CheckContext, DocumentCheck, UnitText
from reviewer.checks.consistency import ConsistencyCheck
from reviewer.checks.spelling import SpellingCheck
from reviewer.checks.variant import VariantCheck, VariantStats
from reviewer.chunks import plan_chunks
from reviewer.config import Config
from reviewer.formats import ReadOptions, open_document
from reviewer.model import Finding, Segment
from reviewer.output import write_jsonl
from reviewer.runner import CheckPlan, plan_checks
from reviewer.terms import Entry, Glossary

OPTS = ReadOptions(source_lang="en", target_lang="it")
# consistency's "same translation for different sources" is off by default: on here, so
# that both of its decisions are compared across chunks
CONFIG = Config(options={"consistency": {"same_target": True}})
GLOSSARY = Glossary([Entry("OpenAI"), Entry("NVIDIA"), Entry("ChatGPT"), Entry("AI", ("IA",)),
                     Entry("GPU")])


def _bilingual(tmp_path: Path, n: int = 240) -> Path:
    """Rows whose document findings depend on rows many chunks away."""
    rows = ["source\ttarget"]
    for i in range(n):
        k = i % 12
        if i == 3:  # a minority translation before its majority (rows 51, 99, 147...)
            rows.append("Open the file.\tApri il file.")
        elif k == 3:
            rows.append("Open the file.\tApri file.")
        elif k == 0:  # seven majority units, then one other translation near the end
            rows.append("Save changes.\t" + ("Salva modifiche." if i == n - 12 else "Salva le modifiche."))
        elif k == 1:  # the same translation for another source, once, in a late chunk
            rows.append(("Exit" if i == n - 11 else "Close") + "\tChiudi")
        elif k == 2:  # a name misspelt once, late; the source spells it right
            name = "Kuberentes" if i == n - 10 else "Kubernetes"
            rows.append(f"The Kubernetes cluster {i} is ready.\tIl cluster {name} {i} è pronto.")
        elif k == 4:  # glossary variants of OpenAI in two chunks, an alias (AI -> IA)
            form = {4: "Openai", n // 2 + 4: "Openi"}.get(i, "OpenAI")
            rows.append(f"Made by OpenAI with AI.\tFatto da {form} con AI.")
        elif k == 5:  # lowercase form of a name written in capitals elsewhere
            t = "le schede nvidia" if i == 5 else "le schede NVIDIA"
            rows.append(f"The NVIDIA cards {i}.\t{t} {i}.")
        elif k == 6:  # heading capitals do not count as a spelling
            rows.append(f"JOINT STATEMENT {i}\tDICHIARAZIONE CONGIUNTA {i}")
        elif k == 7:  # a name only the target has, two spellings
            name = "Vodafome" if i % 36 == 7 else "Vodafone"
            rows.append(f"Phone company {i}.\tLa società {name} numero {i}.")
        else:
            rows.append(f"Row number {i} of the corpus.\tRiga numero {i} del corpus.")
    p = tmp_path / "c.tsv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def _target_only(tmp_path: Path) -> Path:
    """A target-only file where two spellings of a name tie: the first seen wins."""
    lines = []
    for i in range(120):
        if i in (10, 70):
            lines.append(f"Il gruppo Telekomm annuncia {i}.")
        elif i in (40, 100):
            lines.append(f"Il gruppo Telecomm annuncia {i}.")
        elif i % 9 == 0:
            lines.append(f"Rapporto Mircosoft numero {i}." if i == 90 else f"Rapporto Microsoft numero {i}.")
        else:
            lines.append(f"Una riga qualunque, la numero {i}.")
    p = tmp_path / "t.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _single(path: Path, opts: ReadOptions, glossary: Any,
            disable: tuple[str, ...] = ()) -> tuple[str, dict[str, Any]]:
    plan = plan_checks(CONFIG, disable=disable, glossary=glossary)
    buf = io.StringIO()
    write_jsonl(plan.run(open_document(path, opts)), buf)
    return buf.getvalue(), plan.stats.to_dict()


def _chunked(path: Path, opts: ReadOptions, glossary: Any, engine: Any, chunk_bytes: int,
             disable: tuple[str, ...] = ()) -> tuple[str, dict[str, Any], int]:
    from reviewer.distributed import run_check

    plan = plan_checks(CONFIG, disable=disable, glossary=glossary)
    chunks = plan_chunks([str(path)], opts, 2, chunk_bytes=chunk_bytes, min_bytes=1)
    buf = io.StringIO()
    write_jsonl(run_check(plan, chunks, opts, engine), buf)
    return buf.getvalue(), plan.stats.to_dict(), len(chunks[0])


@pytest.fixture(scope="module")
def pool() -> Iterator[Any]:
    from reviewer.distributed import LocalEngine

    eng = LocalEngine(2)
    yield eng
    eng.close()


@pytest.mark.parametrize("disable", [(), ("entity", "term")], ids=["all", "no-entity-term"])
@pytest.mark.parametrize("glossary", [None, GLOSSARY], ids=["plain", "glossary"])
def test_cross_chunk_findings_identical(tmp_path: Path, pool: Any, glossary: Any,
                                        disable: tuple[str, ...]) -> None:
    p = _bilingual(tmp_path)
    want, want_stats = _single(p, OPTS, glossary, disable)
    found = [json.loads(x) for x in want.splitlines()]
    by_check = {c: [f for f in found if f["check"] == c] for c in ("consistency", "variant")}
    # the findings this corpus is built for (entity and term, when on, take over
    # some of variant's: one problem, one finding)
    texts = {f["text"] for f in by_check["consistency"]}
    assert {"Apri il file.", "Salva modifiche.", "Chiudi"} <= texts
    assert any("and 14 more" in f["message"] for f in by_check["consistency"])
    if disable:
        vtexts = {f["text"] for f in by_check["variant"]}
        assert {"Kuberentes", "nvidia", "Vodafome", "Openai", "Openi"} <= vtexts
        if glossary is not None:
            assert "AI" in vtexts
    for chunk_bytes in (300, 2000):
        got, stats, n = _chunked(p, OPTS, glossary, pool, chunk_bytes, disable)
        assert n >= 4
        assert got == want
        assert stats == want_stats


def test_target_only_ties_identical(tmp_path: Path, pool: Any) -> None:
    p = _target_only(tmp_path)
    opts = ReadOptions(target_lang="it")
    want, _ = _single(p, opts, None)
    assert "Telecomm" in want and "Mircosoft" in want
    got, _, n = _chunked(p, opts, None, pool, 200)
    assert n > 4 and got == want


class _SameTarget(DocumentCheck):
    """A plugin document check that only overrides ``run_document``: every unit whose
    target an earlier unit has too (it runs on the joined units of every chunk)."""

    id = "t-same-target"
    needs_source = False

    def run_document(self, segments: Sequence[Segment],
                     context: CheckContext) -> Iterator[tuple[Segment, Finding]]:
        seen: set[str] = set()
        for s in segments:
            if s.target and s.target in seen:
                yield s, self.flag("target", 0, len(s.target), s.target, "seen before")
            seen.add(s.target or "")


def _run_plan(path: Path, opts: ReadOptions, checks: list[Any], engine: Any = None) -> str:
    from reviewer.distributed import run_check

    plan = CheckPlan(checks, CONFIG)
    buf = io.StringIO()
    if engine is None:
        write_jsonl(plan.run(open_document(path, opts)), buf)
    else:
        chunks = plan_chunks([str(path)], opts, 2, chunk_bytes=200, min_bytes=1)
        assert len(chunks[0]) >= 4
        write_jsonl(run_check(plan, chunks, opts, engine), buf)
    return buf.getvalue()


def test_plugin_document_check_by_chunks(tmp_path: Path, pool: Any) -> None:
    # a check with run_document only: the default steps carry the units to the
    # driver and its findings back to their chunks, merged with the built-in ones
    p = tmp_path / "p.tsv"
    rows = [f"Row {i}.\t{'Riga ripetuta.' if i % 7 == 3 else f'Riga {i}.'}" for i in range(60)]
    p.write_text("source\ttarget\n" + "\n".join(rows) + "\n", encoding="utf-8")
    checks = [_SameTarget(), VariantCheck(), ConsistencyCheck()]
    want = _run_plan(p, OPTS, checks)
    assert want.count('"t-same-target"') == 8  # rows 10, 17 ... 59
    assert _run_plan(p, OPTS, checks, pool) == want


@pytest.mark.parametrize("lang,typo,good", [
    ("pl", "sptkanie", "To jest bardzo ważne spotkanie dla wszystkich."),
    ("cs", "všehcny", "Tohle je velmi důležité setkání pro všechny."),
    ("it", "infrastrutura", "Il governo presenta il piano per la nuova infrastruttura."),
])
def test_spelling_by_chunks_as_one_process(tmp_path: Path, pool: Any, lang: str, typo: str,
                                           good: str) -> None:
    # the typo sits in a late chunk; in a language judged by its lexicon alone
    # (Polish, Czech) as in one with a word list (Italian)
    p = tmp_path / "s.tsv"
    rows = [f"Sentence {i}.\t{good}" for i in range(40)]
    bad = good.replace(typo.replace("hc", "ch").replace("sptk", "spotk").replace("tura", "ttura"), typo)
    assert bad != good
    rows[33] = f"Sentence 33.\t{bad}"
    p.write_text("source\ttarget\n" + "\n".join(rows) + "\n", encoding="utf-8")
    opts = ReadOptions(source_lang="en", target_lang=lang)
    want = _run_plan(p, opts, [SpellingCheck()])
    assert [json.loads(x)["text"] for x in want.splitlines()] == [typo]
    assert _run_plan(p, opts, [SpellingCheck()], pool) == want


def test_cross_chunk_on_dask(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from reviewer.distributed import DaskEngine

    p = _bilingual(tmp_path, 120)
    want, _ = _single(p, OPTS, GLOSSARY)
    eng = DaskEngine("local:2")
    try:
        got, _, _ = _chunked(p, OPTS, GLOSSARY, eng, 400)
    finally:
        eng.close()
    assert got == want


# ------------------------------------------------------------- the pieces, unit level


def _random_units(rng: random.Random, n: int) -> list[Segment]:
    srcs = ["Open", "Save", "Close", "Exit", "open!", "Save file", "1 2", ""]
    tgts = ["Apri", "Salva", "Chiudi", "apri", "Esci", "", None, "Salva file"]
    ctxs = [None, None, None, "menu", ""]
    return [Segment(str(i + 1), i, rng.choice(srcs), rng.choice(tgts), context=rng.choice(ctxs))
            for i in range(n)]


def _cuts(rng: random.Random, n: int) -> list[tuple[int, int]]:
    cuts = sorted(rng.sample(range(1, n), min(n - 1, rng.randrange(1, 6))))
    return list(zip([0, *cuts], [*cuts, n]))


def _reference(segs: list[Segment], lang: str | None) -> list[tuple[int, str, str | None]]:
    """The two decisions written plainly (groups of units in dicts, lemma forms
    counted, the first most common form wins), as the check took them before its
    steps: what the steps must give."""
    from collections import Counter

    from reviewer.checks.consistency import (lemma_form, normalize, same_source_message,
                                             same_target_message)

    units = [s for s in segs if s.target and s.source]
    out: list[tuple[int, str, str | None]] = []
    for side in ("source", "target"):
        groups: dict[tuple[str | None, str], list[Segment]] = {}
        for s in units:
            text = s.source if side == "source" else s.target or ""
            if any(c.isalpha() for c in text):
                groups.setdefault((s.context, normalize(text)), []).append(s)
        for members in groups.values():
            forms = [lemma_form((s.target or "") if side == "source" else s.source, lang)
                     for s in members]
            counts = Counter(forms)
            if len(members) < 2 or len(counts) < 2:
                continue
            best = max(counts, key=counts.__getitem__)
            majority = [s for s, f in zip(members, forms) if f == best]
            ids = [s.id for s in majority[:5]]
            if side == "source":
                msg, sugg = same_source_message(ids, len(majority), majority[0].target or "")
            else:
                msg, sugg = same_target_message(ids, len(majority), majority[0].source)
            out += [(s.index, msg, sugg) for s, f in zip(members, forms) if f != best]
    return sorted(out, key=lambda x: x[0])


@pytest.mark.parametrize("seed", range(20))
def test_consistency_steps_by_chunks_decide_as_run_document(seed: int) -> None:
    # statistics of random chunks, merged, decided (units read again through fetch),
    # emitted chunk by chunk with other cuts: the findings of one pass
    rng = random.Random(seed)
    segs = _random_units(rng, rng.randrange(2, 80))
    ctx = CheckContext(options={"same_target": True})
    check = ConsistencyCheck()
    want = [(s.index, f) for s, f in check.run_document(segs, ctx)]
    assert [(i, f.message, f.suggestion) for i, f in want] == _reference(segs, None)
    total = None
    for a, b in _cuts(rng, len(segs)):
        part = [Segment(s.id, s.index - a, s.source, s.target, context=s.context) for s in segs[a:b]]
        stats, _local = check.statistics(part, ctx)
        total = check.merge(total, stats, a)
    asked: list[int] = []

    def fetch(indexes: Any) -> dict[int, UnitText]:
        asked.extend(indexes)
        return {i: UnitText(segs[i].id, segs[i].source, segs[i].target) for i in indexes}

    verdicts = check.decide(total, ctx, fetch)
    got = []
    if verdicts:
        for a, b in _cuts(rng, len(segs)):
            share = check.verdicts_between(verdicts, a, b)
            if share:
                got += [(s.index, f) for s, f in check.emit(segs[a:b], share, ctx)]
    assert got == want
    # only units of groups whose texts differ are read again
    flagged = {i for i, _f in want}
    assert flagged <= set(asked)


def test_consistency_flags_across_scripts_and_leaves_inflection_alone() -> None:
    # the same source translated two ways is flagged (Russian, Japanese, Arabic); the
    # same translation in two inflected forms is one translation (Russian lemmas)
    rows = [("Open the file.", "Откройте файл."), ("Open the file.", "Откройте файл."),
            ("Open the file.", "Открыть документ."),
            ("Save", "保存"), ("Save", "保存"), ("Save", "セーブ"),
            ("Close", "إغلاق"), ("Close", "إغلاق"), ("Close", "أغلق"),
            ("The organisation", "Организация"), ("The organisation", "организации")]
    segs = [Segment(str(i), i, s, t) for i, (s, t) in enumerate(rows)]
    found = [(seg.id, f.suggestion) for seg, f in ConsistencyCheck().run_document(
        segs, CheckContext(source_lang="en", target_lang="ru"))]
    assert found == [("2", "Откройте файл."), ("5", "保存"), ("8", "إغلاق")]


VARIANT_LINES = ["Nvidia e NVIDIA.", "le gpu NVIDIA", "OpenAI, Openai e Openi.", "Openbrai",
                 "GEMEINSAME ERKLÄRUNG", "Microsoft e Mircosoft", "la Telekomm", "la Telecomm",
                 "L'AI e l'IA", "ChatGPT o Chatgpt?", "Kubernetes", "kubernetes", "KUBERNETES 2"]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("glossary", [None, GLOSSARY], ids=["plain", "glossary"])
def test_variant_merged_stats_decide_as_run_document(seed: int, glossary: Any) -> None:
    rng = random.Random(seed)
    n = rng.randrange(3, 40)
    segs = [Segment(str(i), i, rng.choice(["OpenAI and NVIDIA", "Kubernetes", ""]),
                    rng.choice(VARIANT_LINES)) for i in range(n)]
    ctx = CheckContext(source_lang="en", target_lang="it", glossary=glossary)
    check = VariantCheck()
    want = [(s.index, f) for s, f in check.run_document(segs, ctx)]
    merged = VariantStats()
    for a, b in _cuts(rng, n):
        part = VariantStats()
        part.scan([Segment(s.id, s.index - a, s.source, s.target) for s in segs[a:b]])
        merged.merge(part, a)
    verdicts = check.decide(merged, ctx)
    got = []
    for a, b in _cuts(rng, n):  # emitted chunk by chunk, with other cuts
        got += [(s.index, f) for s, f in check.emit(segs[a:b], verdicts)]
    assert got == want


WORD_TEXTS = [
    "Die Straße in İstanbul ist groß.", "l’uso dell’IA — e-mail: a.b@c.de, https://x.io/a_b?c=1",
    "C++ und C# sind Sprachen; snake_case und CamelCase.", "NVIDIA\u00a0GPUs, 3D-Modelle, H100s",
    "Ελληνικά και Русский текст", "emoji 😀 und \ue000Code\ue001 dazwischen", "ǅemal und ǈubljana",
    "MÜNCHEN, Köln-Ehrenfeld; O'Neill's café — naïve résumé", "x² + y³ = z½, №5, ⅷ",
]


def test_variant_word_spans() -> None:
    """The prefilter of ``VariantCheck.emit`` relies on this: on NFC text without CJK
    characters, every word ``terms._prepare`` finds is a match of ``_WORD_RE`` with
    the same span (so its spelling is among the regex's words)."""
    from reviewer.checks.variant import _WORD_RE, _may_hold, _spellings
    from reviewer.terms import _prepare

    texts = list(WORD_TEXTS)
    for p in (Path(__file__).parents[1] / "samples").glob("*.tsv"):
        texts += p.read_text(encoding="utf-8").replace("\t", "\n").splitlines()
    for text in texts:
        t = _prepare(text)
        spans = {m.span() for m in _WORD_RE.finditer(text)}
        assert all((s, e) in spans for s, e in zip(t.starts, t.ends)), text
        for sp in _spellings(text, t):
            assert _may_hold(text, frozenset([sp]))


# ------------------------------------------------------------------------- score


def test_score_sums_and_fallback_exact(tmp_path: Path, pool: Any) -> None:
    """Without per-segment rows, tasks send column sums (integers: exact in any
    order); fractional statistics (TER with two references) fall back to rows."""
    from reviewer.distributed import score_systems_on
    from reviewer.metrics import MetricOptions
    from reviewer.ranking import render, score_systems

    hyp = tmp_path / "h.txt"
    r1, r2 = tmp_path / "r1.txt", tmp_path / "r2.txt"
    hyp.write_text("\n".join(f"Das ist Satz {i} mit Text." for i in range(200)) + "\n")
    r1.write_text("\n".join(f"Dies ist der Satz {i} mit etwas Text." for i in range(200)) + "\n")
    r2.write_text("\n".join(f"Das ist Satz {i} mit Text {i % 3}." for i in range(200)) + "\n")
    for refs in ([str(r1)], [str(r1), str(r2)]):
        one, _ = score_systems([str(hyp)], refs, ["bleu", "chrf", "chrf++", "ter"], MetricOptions())
        for rows in (False, True):
            two, _ = score_systems_on(pool, [str(hyp)], refs, ["bleu", "chrf", "chrf++", "ter"],
                                      MetricOptions(), rows=rows, chunk=23)
            assert render(two, ["bleu", "chrf", "chrf++", "ter"], "json") == \
                render(one, ["bleu", "chrf", "chrf++", "ter"], "json")
            for m in one[0].stats:
                assert (one[0].stats[m].total == two[0].stats[m].total).all()
                if rows:
                    assert (one[0].stats[m].rows == two[0].stats[m].rows).all()


# ------------------------------------------------------------------------ report


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_report_workers_identical(tmp_path: Path, fmt: str) -> None:
    """``reviewer report --workers 2`` runs the checks as ``check --workers`` does:
    the same report (findings, statistics, MQM estimate, signature)."""
    import subprocess
    import sys

    p = _bilingual(tmp_path, 120)
    base = [sys.executable, "-m", "reviewer.cli", "report", str(p), "--source-lang", "en",
            "--target-lang", "it", "--format", fmt, "--no-store"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # the same "generated" time
    one = subprocess.run(base + ["-o", str(tmp_path / "one")], capture_output=True, text=True, env=env)
    two = subprocess.run(base + ["-o", str(tmp_path / "two"), "--workers", "2"],
                         capture_output=True, text=True, env=env)
    assert one.returncode == two.returncode == 0, two.stderr
    a, b = (tmp_path / "one").read_text(), (tmp_path / "two").read_text()
    if fmt == "json":
        assert json.loads(a)["summary"]["findings"]["total"] > 0
    assert a == b

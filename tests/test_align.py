"""Alignment (reviewer/align.py), the `align` command and the `alignment` check."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from lxml import etree

from reviewer import align as A
from reviewer import align_dp
from reviewer.align import Link, align, align_documents, align_texts
from reviewer.checks.alignment import AlignmentCheck
from reviewer.checks.base import CheckContext
from reviewer.cli import main
from reviewer.model import Segment, Severity

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

EN = [
    "On September 22, 2025, NVIDIA unveiled plans to invest up to $100 billion in OpenAI.",
    "The investment is structured in phases, with OpenAI set to deploy at least 10 gigawatts.",
    "The first phase covers the deployment of the first gigawatt of NVIDIA systems in 2026.",
    "The main goal of the partnership is to build a robust AI infrastructure for everyone.",
    "By combining GPU technology with research, the collaboration aims at an efficient ecosystem.",
    "Analysts at Morgan Stanley expect 45 new data centers by 2030.",
    "The companies did not comment on the price of the contract.",
]
IT = [
    "Il 22 settembre 2025 NVIDIA ha presentato il piano di investire fino a 100 miliardi di dollari in OpenAI.",
    "L'investimento è strutturato in fasi e OpenAI distribuirà almeno 10 gigawatt.",
    "La prima fase riguarda la distribuzione del primo gigawatt di sistemi NVIDIA nel 2026.",
    "L'obiettivo principale della partnership è costruire una solida infrastruttura AI per tutti.",
    "Unendo la tecnologia GPU alla ricerca, la collaborazione punta a un ecosistema efficiente.",
    "Gli analisti di Morgan Stanley prevedono 45 nuovi data center entro il 2030.",
    "Le aziende non hanno commentato il prezzo del contratto.",
]


def kinds(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(lk.source_sentences, lk.target_sentences) for lk in links]


def test_one_to_one() -> None:
    links = align([EN], [IT], "en", "it")
    assert kinds(links) == [((i,), (i,)) for i in range(7)]
    assert all(0.0 <= lk.confidence <= 1.0 for lk in links)
    assert all(lk.kind == "1-1" for lk in links)


def test_omission() -> None:
    it = IT[:2] + IT[3:]
    links = align([EN], [it], "en", "it")
    assert ((2,), ()) in kinds(links)
    assert ((3,), (2,)) in kinds(links) and ((1,), (1,)) in kinds(links)
    om = next(lk for lk in links if lk.kind == "1-0")
    assert om.target == "" and om.source == EN[2]


def test_addition() -> None:
    en = EN[:5] + EN[6:]
    links = align([en], [IT], "en", "it")
    assert ((), (5,)) in kinds(links)
    assert next(lk for lk in links if lk.kind == "0-1").source == ""


def test_merge_two_to_one() -> None:
    it = IT[:3] + [IT[3] + " " + IT[4]] + IT[5:]
    links = align([EN], [it], "en", "it")
    assert ((3, 4), (3,)) in kinds(links)
    assert next(lk for lk in links if lk.kind == "2-1").source == EN[3] + " " + EN[4]


def test_split_one_to_two() -> None:
    it = IT[:4] + ["Unendo la tecnologia GPU alla ricerca,", "la collaborazione punta a un ecosistema efficiente."] + IT[5:]
    links = align([EN], [it], "en", "it")
    assert ((4,), (4, 5)) in kinds(links)


def test_paragraphs_are_hard_boundaries() -> None:
    links = align([EN[:3], EN[3:]], [IT[:3], IT[3:]], "en", "it")
    assert kinds(links) == [((i,), (i,)) for i in range(7)]


@pytest.mark.xfail(reason="known weakness: the paragraph-level programme prefers merging a "
                   "short omitted paragraph into its neighbour (2-1) over a 1-0 paragraph link",
                   strict=False)
def test_whole_paragraph_missing() -> None:
    # a whole paragraph missing on one side: paragraphs aligned first
    links = align([EN[:3], EN[3:5], EN[5:]], [IT[:3], IT[5:]], "en", "it")
    assert ((3,), ()) in kinds(links) and ((4,), ()) in kinds(links)
    assert ((5,), (3,)) in kinds(links)


def test_empty_sides() -> None:
    assert align([], [], "en", "it") == []
    assert [lk.kind for lk in align([["One."]], [], "en", "it")] == ["1-0"]
    assert [lk.kind for lk in align([], [["Uno."]], "en", "it")] == ["0-1"]


def test_anchors() -> None:
    a = A.anchors("NVIDIA's H100 costs 1,000.5 dollars: see https://example.com/x (now)?")
    assert a["n:10005"] == 1 and a["u:https://example.com/x"] == 1
    assert a["m:nvidia"] == 1 and a["p:?"] == 1 and a["p:("] == 1
    assert A.anchors("Costa 1.000,5 euro")["n:10005"] == 1


def test_small_and_banded_programmes_agree() -> None:
    rng = random.Random(3)
    for _ in range(30):
        n, m = rng.randint(1, 9), rng.randint(1, 9)
        s = align_dp.Side([rng.randint(5, 150) for _ in range(n)], [{} for _ in range(n)])
        t = align_dp.Side([rng.randint(5, 150) for _ in range(m)], [{} for _ in range(m)])
        small = align_dp._dp_small(s, t, 1.1, False, False)
        band, _ = align_dp._dp_band(s, t, 1.1, m, False, False)
        assert small == band


def test_banded_long_document_recovers_structure() -> None:
    rng = random.Random(5)
    src = [f"Sentence number {i} talks about item {rng.randint(10, 99)} at length here." for i in range(600)]
    tgt = [s.replace("Sentence number", "Frase numero").replace("talks about", "parla di") for s in src]
    del tgt[300]
    links = align([src], [tgt], "en", "it")
    assert ((300,), ()) in kinds(links)
    assert sum(lk.kind == "1-1" for lk in links) >= 595


def test_sample_article() -> None:
    links, src, tgt = align_texts((SAMPLES / "article.en.txt").read_text("utf-8"),
                                  (SAMPLES / "article.it.txt").read_text("utf-8"), "en", "it")
    assert len(src) and len(tgt)
    one_one = sum(lk.kind == "1-1" for lk in links)
    assert one_one >= 0.9 * len(links)
    assert not any(lk.kind in ("1-0", "0-1") for lk in links)
    first = links[0]
    assert first.source.startswith("NVIDIA and OpenAI") and first.target.startswith("Nvidia e")


def test_align_documents(tmp_path: Path) -> None:
    s = tmp_path / "s.txt"
    t = tmp_path / "t.txt"
    s.write_text("Title\n" + " ".join(EN) + "\n", "utf-8")
    t.write_text("Titolo\n" + " ".join(IT[:2] + IT[3:]) + "\n", "utf-8")
    doc = align_documents(s, t, "en", "it")
    segs = doc.materialize()
    assert [sg.id for sg in segs] == [str(k) for k in range(1, len(segs) + 1)]
    om = [sg for sg in segs if "align:1-0" in sg.flags]
    assert len(om) == 1 and om[0].source == EN[2] and om[0].target == ""
    assert all(any(n.startswith("alignment confidence 0.") or n.startswith("alignment confidence 1.")
                   for n in sg.notes) for sg in segs)
    assert segs[0].line == 1 and segs[1].line == 2


# --------------------------------------------------------------------------- the command


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as e:
        main(args)
    return int(e.value.code or 0)


def test_cli_tsv(tmp_path: Path) -> None:
    out = tmp_path / "a.tsv"
    rc = run_cli(["align", str(SAMPLES / "article.en.txt"), str(SAMPLES / "article.it.txt"),
                  "-o", str(out), "--source-lang", "en", "--target-lang", "it"])
    assert rc == 0
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["source", "target", "confidence"]
    assert all(len(r) == 3 and 0.0 <= float(r[2]) <= 1.0 for r in rows[1:])
    assert rows[1][0].startswith("NVIDIA and OpenAI")


def test_cli_tsv_empty_side_and_min_confidence(tmp_path: Path) -> None:
    s, t, out = tmp_path / "s.txt", tmp_path / "t.txt", tmp_path / "a.tsv"
    s.write_text(" ".join(EN) + "\n", "utf-8")
    t.write_text(" ".join(IT[:2] + IT[3:]) + "\n", "utf-8")
    assert run_cli(["align", str(s), str(t), "-o", str(out)]) == 0
    rows = out.read_text("utf-8").splitlines()
    assert f"{EN[2]}\t\t" in "\n".join(rows)
    assert run_cli(["align", str(s), str(t), "-o", str(out), "--min-confidence", "0.99"]) == 0
    assert out.read_text("utf-8").splitlines() == ["source\ttarget\tconfidence"]


@pytest.mark.parametrize("suffix", [".tmx", ".xlf", ".xliff"])
def test_cli_xml_outputs(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / ("a" + suffix)
    args = ["align", str(SAMPLES / "article.en.txt"), str(SAMPLES / "article.it.txt"), "-o", str(out)]
    assert run_cli(args) == 2  # languages required
    assert not out.exists()
    assert run_cli(args + ["--source-lang", "en", "--target-lang", "it"]) == 0
    root = etree.parse(str(out)).getroot()
    text = out.read_text("utf-8")
    if suffix == ".tmx":
        assert root.tag == "tmx" and 'type="x-alignment-confidence"' in text
    else:
        assert root.get("version") == "2.1" and 'category="alignment"' in text


def test_cli_bad_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = SAMPLES / "article.en.txt"
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"abc\x00def")
    bad = tmp_path / "u.txt"
    bad.write_bytes(b"caf\xe9\n")
    for src in (tmp_path / "missing.txt", binary, bad):
        assert run_cli(["align", str(src), str(good), "-o", str(tmp_path / "o.tsv")]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("reviewer: error:") and "\n" not in err
    assert run_cli(["align", str(good), str(good), "-o", str(tmp_path / "o.csv")]) == 2


# --------------------------------------------------------------------------- the check

CHECK = AlignmentCheck()


def seg(source: str, target: str, kind: str | None, conf: float | None = 0.9) -> Segment:
    flags = frozenset({f"align:{kind}"}) if kind else frozenset()
    notes = (f"alignment confidence {conf:.2f}",) if conf is not None else ()
    return Segment(id="1", index=0, source=source, target=target, flags=flags, notes=notes)


FAILS = [
    (seg("Missing sentence.", "", "1-0"), "source", Severity.MAJOR, "omission"),
    (seg("", "Frase aggiunta.", "0-1"), "target", Severity.MAJOR, "addition"),
    (seg("A sentence.", "Una frase.", "1-1", 0.3), "target", Severity.MINOR, "doubtful"),
    (seg("A. B.", "A e B.", "2-1", 0.45), "target", Severity.MINOR, "doubtful"),
]
PASSES = [
    seg("A sentence.", "Una frase.", "1-1", 0.9),
    seg("A sentence.", "Una frase.", "1-1", 0.5),
    seg("A sentence.", "", None, None),  # an ordinary bilingual file: never flagged
    seg("A sentence.", "Una frase.", None, None),
    Segment(id="1", index=0, source="x", target="y", notes=("alignment confidence 0.10",)),
]


@pytest.mark.parametrize("segment,side,severity,word", FAILS)
def test_check_fails(segment: Segment, side: str, severity: Severity, word: str) -> None:
    found = list(CHECK.run(segment, CheckContext("en", "it")))
    assert len(found) == 1
    f = found[0]
    text = segment.source if side == "source" else segment.target
    assert (f.side, f.severity, f.check, f.category) == (side, severity, "alignment", "accuracy")
    assert (f.start, f.end, f.text) == (0, len(text), text)
    assert word in f.message


def test_check_omission_message() -> None:
    f = next(iter(CHECK.run(seg("Missing.", "", "1-0"), CheckContext())))
    assert f.message == "This source sentence has no translation (omission)."


@pytest.mark.parametrize("segment", PASSES)
def test_check_passes(segment: Segment) -> None:
    assert list(CHECK.run(segment, CheckContext("en", "it"))) == []


def test_check_threshold_option() -> None:
    s = seg("A sentence.", "Una frase.", "1-1", 0.6)
    assert list(CHECK.run(s, CheckContext(options={"min_confidence": 0.7})))
    assert not list(CHECK.run(s, CheckContext()))
    assert CHECK.needs_translation is False

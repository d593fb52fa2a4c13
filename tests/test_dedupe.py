"""One finding per problem: runner.dedupe and the ``also`` field; skipped checks in stats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.model import Finding, Severity
from reviewer.runner import RunStats, dedupe


def F(check: str, side: str, start: int, end: int, text: str, sugg: str | None = None,
      sev: Severity = Severity.MINOR, message: str = "m") -> Finding:
    return Finding(check, "accuracy", sev, side, start, end, text, message, sugg)


def test_same_span_same_fix_is_one_finding() -> None:
    out = dedupe([
        F("term", "target", 0, 6, "Nvidia", "NVIDIA", Severity.MAJOR),
        F("entity", "target", 0, 6, "Nvidia", "NVIDIA"),
        F("spelling", "target", 0, 6, "Nvidia", "NVIDIA"),
    ])
    assert len(out) == 1
    assert out[0].check == "term" and out[0].also == ("entity", "spelling")
    assert out[0].severity is Severity.MAJOR
    assert out[0].to_dict()["also"] == ["entity", "spelling"]


def test_more_severe_later_check_raises_severity() -> None:
    (f,) = dedupe([F("entity", "target", 3, 8, "Openi", "OpenAI"),
                   F("variant", "target", 3, 8, "Openi", "OpenAI", Severity.MAJOR)])
    assert f.check == "entity" and f.severity is Severity.MAJOR and f.also == ("variant",)


def test_two_glossary_rows_on_one_span() -> None:
    out = dedupe([
        F("term", "source", 10, 17, "scaling", None, Severity.MAJOR,
          'Glossary: "scaling" should be translated as "potenziare" or "scalare".'),
        F("term", "source", 10, 17, "scaling", None, Severity.MAJOR,
          'Glossary: "scaling" should be translated as "potenziamento".'),
    ])
    assert len(out) == 1 and out[0].also == ()


def test_source_term_and_target_fix_are_one_problem() -> None:
    src = F("term", "source", 30, 40, "deployment", None, Severity.MAJOR,
            'Glossary: "deployment" should be translated as "implementazione" or "distribuzione".')
    tgt = F("forbidden-term", "target", 50, 61, "spiegamento", "implementazione", Severity.MAJOR)
    for order in ([src, tgt], [tgt, src]):
        (f,) = dedupe(order)
        assert f.check == "forbidden-term" and f.side == "target" and f.also == ("term",)
    # the variant of the glossary's form ("AI" should be "IA") is the same problem too
    src = F("term", "source", 0, 2, "AI", None, Severity.MAJOR,
            'Glossary: "AI" should be translated as "IA", but no approved form is in the target.')
    var = F("variant", "target", 5, 7, "AI", "IA")
    (f,) = dedupe([src, var])
    assert f.check == "variant" and f.severity is Severity.MAJOR and f.also == ("term",)


def test_different_problems_on_one_span_both_stand() -> None:
    a = F("capitalization", "target", 0, 17, "ridimensionamento", "Ridimensionamento")
    b = F("forbidden-term", "target", 0, 17, "ridimensionamento", "potenziare", Severity.MAJOR)
    c = F("term", "source", 0, 5, "scale", None, Severity.MAJOR,
          'Glossary: "scale" should be translated as "scalare".')  # fix not suggested by b
    assert dedupe([a, b, c]) == [a, b, c]
    # different checks, no fix, same span: two diagnoses
    d = F("entity", "source", 0, 5, "Apple")
    e = F("untranslated", "source", 0, 5, "Apple")
    assert dedupe([d, e]) == [d, e]


def test_dedupe_is_associative() -> None:
    src = F("term", "source", 0, 2, "AI", None, Severity.MAJOR, 'should be "IA"')
    a = [F("term", "target", 0, 6, "Nvidia", "NVIDIA"), src]
    b = [F("entity", "target", 0, 6, "Nvidia", "NVIDIA"), F("variant", "target", 9, 11, "AI", "IA")]
    assert dedupe(dedupe(a) + b) == dedupe(a + b)
    assert dedupe(dedupe(a + b)) == dedupe(a + b)


def test_no_also_key_when_alone() -> None:
    assert "also" not in F("spelling", "target", 0, 3, "teh", "the").to_dict()


def test_stats_list_skipped_checks(tmp_path: Path) -> None:
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("The meeting was held in Paris.\n", encoding="utf-8")
    tgt.write_text("عقد الاجتماع في باريس.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--source", str(src), "--target", str(tgt),
                                   "--source-lang", "en", "--target-lang", "ar",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.output)["stats"]
    skipped = {(s["check"], s["language"]) for s in stats["skipped"]}
    assert ("spelling", "ar") in skipped
    assert all(s["reason"] for s in stats["skipped"])
    # a language the checks can judge: nothing skipped for spelling
    tgt.write_text("La riunione si è tenuta a Parigi.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--source", str(src), "--target", str(tgt),
                                   "--source-lang", "en", "--target-lang", "it",
                                   "--format", "json"])
    assert res.exit_code == 0
    assert not any(s["check"] == "spelling" for s in json.loads(res.output)["stats"]["skipped"])


def test_stats_text_line() -> None:
    from reviewer.cli import format_stats

    st = RunStats(units=1)
    st.skipped[("spelling", "fa")] = "the script has no capitals"
    text = format_stats(st.to_dict())
    assert "skipped: spelling for fa (the script has no capitals)" in text


def test_word_form_checks_on_one_span_are_one_problem() -> None:
    # a misspelt name seen by variant and spelling with different fixes: one finding
    v = F("variant", "target", 30, 37, "Leaguge", "League")
    s = F("spelling", "target", 30, 37, "Leaguge", "Leagues")
    (f,) = dedupe([v, s])
    assert f.check == "variant" and f.also == ("spelling",) and f.suggestion == "League"
    # Cyrillic and Greek words, entity before spelling
    e = F("entity", "target", 0, 6, "Газпорм", "Газпром", Severity.MAJOR)
    sp = F("spelling", "target", 0, 6, "Газпорм", "Газпора")
    (f,) = dedupe([e, sp])
    assert f.check == "entity" and f.also == ("spelling",)
    # a different span, or a check of another kind, stands on its own
    other = F("spelling", "target", 40, 45, "λάθος", "λάθη")
    cap = F("capitalization", "target", 30, 37, "Leaguge", "LEAGUGE")
    assert dedupe([v, other, cap]) == [v, other, cap]
    # associative, as the distributed engine needs
    assert dedupe(dedupe([v]) + [s, other]) == dedupe([v, s, other])

"""The check runner: preconditions, ignores, target-only, plurals, severity
overrides, document checks, enable/disable resolution and config parsing."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import pytest

from reviewer.checks.base import Check, CheckContext, DocumentCheck
from reviewer.config import Config, load_config, options_for, parse_config
from reviewer.errors import ConfigError, UsageError
from reviewer.model import Document, Finding, Segment, Severity
from reviewer.runner import CheckPlan, resolve_enabled


class Empty(Check):
    id = "t-empty"
    precondition = True
    needs_translation = False

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        if not segment.target:
            yield self.flag("target", 0, 0, "", "empty")


class EveryTarget(Check):
    """Flags every target (needs a translation)."""

    id = "t-every"

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, len(segment.target or ""), segment.target or "", "x")


class TargetOnlyOk(Check):
    id = "t-tonly"
    needs_source = False

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 1, (segment.target or "")[:1], "t")


class OptionEcho(Check):
    id = "t-opt"

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 0, "", str(context.option("k", "default")))


class Dup(DocumentCheck):
    id = "t-dup"

    def run_document(
        self, segments: Sequence[Segment], context: CheckContext
    ) -> Iterable[tuple[Segment, Finding]]:
        seen: dict[str, Segment] = {}
        for s in segments:
            if s.source in seen:
                yield s, self.flag("source", 0, len(s.source), s.source, "dup")
            seen[s.source] = s


def doc(*pairs: tuple[str, str | None], **kw: object) -> Document:
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t, line=i + 1)
            for i, (s, t) in enumerate(pairs)]
    return Document(path="f.tsv", format="tsv", segments=iter(segs), **kw)  # type: ignore[arg-type]


def run(checks: list[Check], d: Document, config: Config | None = None) -> list[Finding]:
    return list(CheckPlan(checks, config=config or Config()).run(d))


def test_precondition_silences_dependent_checks() -> None:
    out = run([Empty(), EveryTarget()], doc(("a", ""), ("b", "B")))
    assert [(f.check, f.unit) for f in out] == [("t-empty", "1"), ("t-every", "2")]


def test_none_target_skips_translation_checks_even_without_preconditions() -> None:
    assert run([EveryTarget()], doc(("a", None))) == []


def test_findings_carry_unit_fields() -> None:
    (f,) = run([EveryTarget()], doc(("a", "B")))
    assert (f.file, f.unit, f.index, f.line, f.text) == ("f.tsv", "1", 0, 1, "B")


def test_per_unit_ignore_and_all() -> None:
    segs = [
        Segment("1", 0, "a", "A", ignore=frozenset({"t-every"})),
        Segment("2", 1, "b", "B", ignore=frozenset({"all"})),
        Segment("3", 2, "c", "C"),
    ]
    d = Document("f", "po", segments=segs)
    assert [f.unit for f in run([EveryTarget()], d)] == ["3"]


def test_obsolete_units_are_skipped_and_not_counted() -> None:
    segs = [Segment("1", 0, "a", "A", flags=frozenset({"obsolete"})), Segment("2", 1, "b", "B")]
    plan = CheckPlan([EveryTarget()])
    assert [f.unit for f in plan.run(Document("f", "po", segments=segs))] == ["2"]
    assert plan.stats.units == 1


def test_plural_forms_each_checked_with_form_index() -> None:
    seg = Segment("1", 0, "%d file", "%d file", plural_source="%d files",
                  plural_targets=("%d file", "%d files"))
    out = run([EveryTarget()], Document("f", "po", segments=[seg]))
    assert [(f.form, f.text) for f in out] == [(0, "%d file"), (1, "%d files")]


def test_target_only_skips_source_checks() -> None:
    d = doc(("", "Ciao"), target_only=True)
    out = run([EveryTarget(), TargetOnlyOk()], d)
    assert [f.check for f in out] == ["t-tonly"]


def test_severity_override_from_config() -> None:
    cfg = parse_config({"checks": {"t-every": {"severity": "critical"}}})
    (f,) = run([EveryTarget()], doc(("a", "B")), cfg)
    assert f.severity is Severity.CRITICAL


def test_options_and_per_language_options() -> None:
    cfg = parse_config({"checks": {"t-opt": {"k": "base", "lang": {"fr": {"k": "french"}}}}})
    assert options_for(cfg, "t-opt", "fr-CA") == {"k": "french"}
    assert options_for(cfg, "t-opt", "it") == {"k": "base"}
    (f,) = run([OptionEcho()], doc(("a", "b"), target_lang="fr"), cfg)
    assert f.message == "french"


def test_document_check_findings_merge_in_document_order() -> None:
    out = run([EveryTarget(), Dup()], doc(("a", "1"), ("b", "2"), ("a", "3")))
    assert [(f.unit, f.check) for f in out] == [
        ("1", "t-every"), ("2", "t-every"), ("3", "t-every"), ("3", "t-dup"),
    ]


def test_stats_count_units_words_findings() -> None:
    plan = CheckPlan([EveryTarget()])
    list(plan.run(doc(("two words", "x"), ("three more words", "y"))))
    s = plan.stats.to_dict()
    assert s["units"] == 2 and s["words"] == 5
    assert s["findings"]["by_check"] == {"t-every": 2}
    assert s["findings"]["by_severity"]["minor"] == 2


def test_resolve_enabled_layers() -> None:
    from reviewer.checks import all_checks

    known = list(all_checks())
    if len(known) < 2:
        pytest.skip("needs at least two registered checks")
    a, b = known[0], known[1]
    cfg = parse_config({"check": {"disable": [a]}})
    assert a not in resolve_enabled(cfg)
    assert a in resolve_enabled(cfg, enable=[a])
    assert resolve_enabled(Config(), disable=["all"]) == []
    assert resolve_enabled(Config(), disable=["all"], enable=[f"{a},{b}"]) == [a, b]


def test_unknown_check_ids_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown check 'nope'"):
        resolve_enabled(Config(), enable=["nope"])
    with pytest.raises(UsageError, match="unknown check 'zzz'"):
        resolve_enabled(parse_config({"checks": {"zzz": {}}}))


def test_config_errors_name_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "reviewer.toml"
    p.write_text("[check]\nfail-on = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(p)
    assert str(e.value).startswith(f"{p}:2")
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")
    p.write_text('[checks.x]\nseverity = "huge"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown severity"):
        load_config(p)


def test_config_defaults_read_with_dashes_or_underscores() -> None:
    cfg = parse_config({"check": {"target_lang": "it", "fail-on": "major"}})
    assert cfg.check_setting("target-lang") == "it"
    assert cfg.check_setting("fail_on") == "major"


class SameSpanA(Check):
    id = "t-a"

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 3, "gpu", "a", suggestion="GPU")


class SameSpanB(Check):
    id = "t-b"
    severity = Severity.MAJOR

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 3, "gpu", "b", suggestion="GPU")
        yield self.flag("target", 0, 3, "gpu", "other fix", suggestion="GPUs")


def test_same_span_same_fix_from_two_checks_is_one_finding() -> None:
    out = run([SameSpanA(), SameSpanB()], doc(("GPU", "gpu")))
    assert [(f.check, f.message, f.severity) for f in out] == [
        ("t-a", "a", Severity.MAJOR), ("t-b", "other fix", Severity.MAJOR)]


class WholeTargetA(Check):
    id = "t-wa"

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 3, "abc", "too long")


class WholeTargetB(Check):
    id = "t-wb"

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        yield self.flag("target", 0, 3, "abc", "belongs to unit 7")


def test_same_span_without_a_fix_keeps_both_diagnoses() -> None:
    out = run([WholeTargetA(), WholeTargetB()], doc(("x", "abc")))
    assert [f.message for f in out] == ["too long", "belongs to unit 7"]


def test_unit_without_source_is_checked_as_target_only() -> None:
    """An addition (target with no source) gets no placeholder/number-style findings,
    but target-side checks still run."""
    out = run([EveryTarget(), TargetOnlyOk()], doc(("", "Aggiunta."), ("a", "b")))
    assert [(f.unit, f.check) for f in out] == [("1", "t-tonly"), ("2", "t-every"), ("2", "t-tonly")]


def test_builtin_manifest_matches_the_check_classes() -> None:
    """BUILTIN_CHECKS (what a run reads to import only the modules it needs) lists every
    built-in check with its module and default, in registry order."""
    from reviewer.checks import BUILTIN_CHECKS, all_checks

    real = [
        (cid, cls.__module__.rsplit(".", 1)[-1], cls.default_enabled)
        for cid, cls in all_checks().items()
        if cls.__module__.startswith("reviewer.checks.")
    ]
    assert list(BUILTIN_CHECKS) == real


def test_a_run_imports_only_the_modules_of_its_checks() -> None:
    """With the terminology and spelling checks disabled their modules (and rapidfuzz)
    are never imported: a lighter, faster run."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reviewer.runner import plan_checks\n"
        "from reviewer.config import Config\n"
        "p = plan_checks(Config(), disable=['term,forbidden-term,variant,entity,spelling,"
        "consistency,alignment'])\n"
        "assert 'placeholder' in p.ids and 'term' not in p.ids, p.ids\n"
        "bad = [m for m in ('reviewer.checks.terms', 'reviewer.checks.spelling', 'reviewer.terms',"
        " 'rapidfuzz') if m in sys.modules]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

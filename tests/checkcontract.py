"""The one way check tests run a check, and the contract every finding keeps.

Weblate's ``CheckTestCase`` shape: a check, a table of pairs it must leave alone
(``good``) and a table it must flag (``bad``), run by one helper. Two ways to use it:

* :func:`run_check` runs one check on one pair and asserts the finding contract
  (:func:`assert_contract`): each span lies inside its side's text and slices to the
  finding's text, the check id is the check's, the severity a :class:`Severity`, the
  category an MQM dimension, the message a sentence. The test files' ``run`` helpers
  are thin wrappers over it (their extra assertions stay in them).
* :class:`CheckTestCase`: subclass it as ``class TestX(CheckTestCase)`` with ``check``
  (a check class), ``good`` and ``bad`` (:class:`Pair` rows); pytest runs
  ``test_good`` (no finding on each good pair) and ``test_bad`` (a finding on each bad
  pair, of the expected text when the row names one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

from reviewer.checks.base import Check, CheckContext, DocumentCheck
from reviewer.model import CATEGORIES, Finding, Segment, Severity


def assert_contract(check_id: str, found: Iterable[Finding], source: str,
                    target: str | None, *, sentence: bool = False) -> None:
    """What every finding of ``check_id`` on (``source``, ``target``) must hold; with
    ``sentence`` the message must end with a full stop too."""
    for f in found:
        side = (target or "") if f.side == "target" else source
        assert f.side in ("source", "target"), f
        assert 0 <= f.start <= f.end <= len(side), f
        assert side[f.start:f.end] == f.text, f
        assert f.check == check_id, f
        assert isinstance(f.severity, Severity), f
        assert f.category in CATEGORIES, f
        assert f.message, f
        if sentence:
            assert f.message.endswith("."), f


def run_check(check: Check | type[Check], source: str, target: str | None,
              sl: str | None = "en", tl: str | None = "it", *, target_only: bool = False,
              options: dict[str, Any] | None = None, glossary: Any = None,
              category: str | None = None, sentence: bool = False,
              **segment: Any) -> list[Finding]:
    """Run one check (a class or an instance) on one pair and assert the finding
    contract (and the category, when given). ``segment`` holds more
    :class:`~reviewer.model.Segment` fields (flags, inline codes...). A document check
    runs on a one-unit document."""
    inst = check() if isinstance(check, type) else check
    seg = Segment(id="1", index=0, source=source, target=target, **segment)
    ctx = CheckContext(source_lang=sl, target_lang=tl, target_only=target_only,
                       options=options or {}, glossary=glossary)
    if isinstance(inst, DocumentCheck):
        found = [f for _, f in inst.run_document([seg], ctx)]
    else:
        found = list(inst.run(seg, ctx))
    assert_contract(inst.id, found, source, target, sentence=sentence)
    if category is not None:
        assert all(f.category == category for f in found), found
    return found


@dataclass(frozen=True)
class Pair:
    """One row of a check table: a pair, its languages, and for a bad row the text a
    finding must flag (None: any finding)."""

    source: str
    target: str
    sl: str = "en"
    tl: str = "it"
    flagged: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


class CheckTestCase:
    """Good and bad tables of one check (subclass as ``TestSomething``)."""

    check: ClassVar[type[Check]]
    good: ClassVar[tuple[Pair, ...]] = ()
    bad: ClassVar[tuple[Pair, ...]] = ()

    def _run(self, row: Pair) -> list[Finding]:
        return run_check(self.check, row.source, row.target, row.sl, row.tl,
                         options=row.options)

    def test_good(self) -> None:
        """No finding on any good row."""
        assert self.good, "a check table needs good rows"
        for row in self.good:
            assert self._run(row) == [], row

    def test_bad(self) -> None:
        """A finding on every bad row (flagging the named text, when given)."""
        assert self.bad, "a check table needs bad rows"
        for row in self.bad:
            found = self._run(row)
            assert found, row
            if row.flagged is not None:
                assert row.flagged in [f.text for f in found], (row, found)

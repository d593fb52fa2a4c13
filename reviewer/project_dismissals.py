"""Dismissed findings of a review project: one finding for its content (source,
target, check, flagged text) wherever that content appears, or every finding of a
check (on one flagged text) by a rule with the reviewer's reason. A mixin of
:class:`~reviewer.project.Project`."""

from __future__ import annotations

from .errors import UsageError
from .model import Finding, dismissal_key
from .project_part import ProjectPart
from .store import Content, Dismissal, DismissRule

__all__ = ["ProjectDismissals"]


class ProjectDismissals(ProjectPart):
    """Dismissing findings and taking dismissals back (see the module docstring)."""

    def _content(self, i: int, finding: Finding) -> Content:
        return dismissal_key(self._segment(i), finding)

    def dismiss(self, i: int, finding: Finding) -> bool:
        """Dismiss ``finding`` of segment ``i`` for this content (source, target,
        check, flagged text): it stays dismissed wherever that content appears, after
        re-exports and moves. False when it was dismissed already."""
        self._sync()
        key = self._key(self._index(i))
        done = self.store.dismiss(key, self._content(i, finding), self.reviewer)
        self._reload_key(key, i)
        return done

    def is_dismissed(self, i: int, finding: Finding) -> bool:
        """True when ``finding`` was dismissed for segment ``i``'s current content, or
        falls under a rule dismissing its check (or its check on its flagged text)."""
        self._sync()
        if self._by_rule(finding):
            return True
        return self._content(self._index(i), finding) in self._state.dismissed

    def _by_rule(self, finding: Finding) -> bool:
        return any(r.matches(finding.check, finding.text) for r in self._state.rules)

    def dismiss_check(self, check: str, text: str | None = None, reason: str = "") -> DismissRule:
        """Dismiss every finding of ``check`` in the file (only those flagging ``text``
        when given: one term or pattern), with the reviewer's reason."""
        if not check:
            raise UsageError("name the check whose findings to dismiss")
        rule = self.store.add_dismiss_rule(check, text, reason.strip(), self.reviewer)
        self._load()
        return rule

    def dismiss_rules(self) -> list[DismissRule]:
        """The live rules dismissing findings wholesale."""
        self._sync()
        return list(self._state.rules)

    def dismissals(self) -> list[Dismissal]:
        """The live single-finding dismissals."""
        return self.store.dismissals()

    def restore_rule(self, rule_id: int) -> DismissRule:
        """Take a dismissal rule back: its findings are reported again."""
        rule = self.store.restore_dismiss_rule(rule_id)
        self._load()
        return rule

    def restore_dismissal(self, dismissal_id: int) -> None:
        """Report one dismissed finding again."""
        self.store.restore_dismissal(dismissal_id, self.reviewer)
        self._load()

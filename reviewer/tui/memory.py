"""An in-memory stand-in for :class:`reviewer.project.Project` over a list of segments.

For benchmarks (a million segments without a million-row store import) and demos:
the same methods the review screen calls, state kept in dictionaries, nothing durable.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..model import Finding, Segment
from ..store import Dismissal, DismissRule

STATUSES = ("unreviewed", "accepted", "corrected", "rejected")


@dataclass(frozen=True, slots=True)
class MemoryAnnotation:
    """An MQM annotation (the fields the screen reads)."""

    id: int
    side: str
    start: int
    end: int
    category: str
    severity: str
    comment: str


@dataclass(frozen=True, slots=True)
class MemoryChange:
    """An undoable change: kind and what to restore."""

    kind: str
    pos: int
    before: Any


@dataclass(frozen=True, slots=True)
class MemoryGlossaryRow:
    """A glossary entry added during review."""

    source: str
    target: str
    note: str | None


class MemoryProject:
    """Project API over a list of segments, all in memory."""

    def __init__(self, segments: Sequence[Segment], path: str = "memory.tsv",
                 source_lang: str | None = "en", target_lang: str | None = "it") -> None:
        self._orig = list(segments)
        self._cur = list(segments)
        self.path = path
        self.format = Path(path).suffix.lstrip(".") or "tsv"
        self.source_lang = source_lang
        self.target_lang = target_lang
        self._status: dict[int, str] = {}
        self._ann: dict[int, list[MemoryAnnotation]] = {}
        self._dismissed: set[tuple[str, str, str, str, str]] = set()
        self._log: dict[int, list[MemoryChange]] = {}
        self._glossary: list[MemoryGlossaryRow] = []
        self._next_ann = 1
        self.exported: list[Path] = []
        self._rules: list[DismissRule] = []
        self._resume: int | None = None
        self._notes: dict[int, str | None] = {}

    def __len__(self) -> int:
        return len(self._orig)

    @property
    def segments(self) -> list[Segment]:
        """Current segments (a new list)."""
        return list(self._cur)

    def segment(self, i: int) -> Segment:
        """Segment ``i`` with its current target."""
        return self._cur[i]

    def original(self, i: int) -> Segment:
        """Segment ``i`` as read."""
        return self._orig[i]

    def status(self, i: int) -> str:
        """Review status."""
        return self._status.get(i, "unreviewed")

    def bulk_state(self) -> tuple[np.ndarray, dict[int, list[Any]]]:
        """Statuses and annotations of every segment at once."""
        st = np.zeros(len(self._orig), dtype=np.int8)
        for i, s in self._status.items():
            st[i] = STATUSES.index(s)
        return st, {i: list(a) for i, a in self._ann.items() if a}

    def annotations(self, i: int) -> list[MemoryAnnotation]:
        """Live annotations of segment ``i``."""
        return list(self._ann.get(i, ()))

    def _push(self, i: int, kind: str, before: Any) -> None:
        self._log.setdefault(i, []).append(MemoryChange(kind, i, before))

    def correct(self, i: int, new_target: str, note: str | None = None,
                expected: str | None = None, check: bool = False,
                form: int | None = None) -> Any:
        """Replace the target, or one plural form (status ``corrected``); with
        ``check``, only when the current text (of that form) is ``expected`` (else
        :class:`ConflictError`)."""
        cur = self._cur[i]
        current: str | None
        if cur.plural_targets:
            forms = list(cur.plural_targets)
            current = forms[form or 0]
            forms[form or 0] = new_target
            if tuple(forms) == cur.plural_targets:
                return None
            new = replace(cur, target=forms[0], plural_targets=tuple(forms))
        elif new_target == cur.target:
            return None
        else:
            current = cur.target
            new = replace(cur, target=new_target)
        if check and (expected or "") != (current or ""):
            from ..store import ConflictError

            raise ConflictError(f"unit {cur.id!r} changed meanwhile", expected, current)
        self._push(i, "correct", (self._cur[i], self.status(i)))
        self._notes[i] = note
        self._cur[i] = new
        self._status[i] = "corrected"
        return True

    def _set_status(self, i: int, status: str) -> None:
        self._push(i, "status", self.status(i))
        self._status[i] = status

    def accept(self, i: int) -> None:
        """Mark accepted."""
        self._set_status(i, "accepted")

    def reject(self, i: int) -> None:
        """Mark rejected."""
        self._set_status(i, "rejected")

    def annotate(self, i: int, side: str, start: int, end: int, category: str,
                 severity: str, comment: str = "") -> MemoryAnnotation:
        """Add an annotation."""
        a = MemoryAnnotation(self._next_ann, side, start, end, category, severity, comment)
        self._next_ann += 1
        self._ann.setdefault(i, []).append(a)
        self._push(i, "annotate", a)
        return a

    def _content(self, i: int, f: Finding) -> tuple[str, str, str, str, str]:
        s = self._cur[i]
        return (s.source, s.target or "", f.check, f.side, f.text)

    def dismiss(self, i: int, finding: Finding) -> bool:
        """Dismiss a finding by content."""
        c = self._content(i, finding)
        if c in self._dismissed:
            return False
        self._dismissed.add(c)
        self._push(i, "dismiss", c)
        return True

    def is_dismissed(self, i: int, finding: Finding) -> bool:
        """True when dismissed for this content or by a rule."""
        if any(r.matches(finding.check, finding.text) for r in self._rules):
            return True
        return self._content(i, finding) in self._dismissed

    def dismiss_check(self, check: str, text: str | None = None, reason: str = "") -> DismissRule:
        """Dismiss every finding of a check (of a flagged text), with a reason."""
        rule = DismissRule(max((r.id for r in self._rules), default=0) + 1, check, text,
                           reason, None, "")
        self._rules.append(rule)
        return rule

    def dismiss_rules(self) -> list[DismissRule]:
        """The live dismissal rules."""
        return list(self._rules)

    def dismissals(self) -> list[Dismissal]:
        """The live single-finding dismissals."""
        return [Dismissal(k, "", c[0], c[1], c[2], c[3], c[4], None, "")
                for k, c in enumerate(sorted(self._dismissed), 1)]

    def restore_rule(self, rule_id: int) -> DismissRule:
        """Take a rule back."""
        rule = next(r for r in self._rules if r.id == rule_id)
        self._rules.remove(rule)
        return rule

    def restore_dismissal(self, dismissal_id: int) -> None:
        """Report one dismissed finding again."""
        self._dismissed.discard(sorted(self._dismissed)[dismissal_id - 1])

    def undo_batch(self, note: str) -> list[int]:
        """Undo together the latest corrections carrying ``note``."""
        done = []
        for i, log in self._log.items():
            if log and log[-1].kind == "correct" and self._notes.get(i) == note:
                self.undo(i)
                done.append(i)
        return sorted(done)

    def save_position(self, i: int) -> None:
        """Remember where the reviewer left off."""
        self._resume = i

    def resume_position(self) -> int | None:
        """Where the reviewer left off."""
        return self._resume

    def undo(self, i: int) -> MemoryChange | None:
        """Revert the segment's last change."""
        log = self._log.get(i)
        if not log:
            return None
        ch = log.pop()
        if ch.kind == "correct":
            self._cur[i], st = ch.before
            self._status[i] = st
        elif ch.kind == "status":
            self._status[i] = ch.before
        elif ch.kind == "annotate":
            self._ann[i].remove(ch.before)
        elif ch.kind == "dismiss":
            self._dismissed.discard(ch.before)
        return ch

    def add_glossary_entry(self, source: str, target: str, note: str | None = None) -> MemoryGlossaryRow:
        """Record a glossary entry."""
        row = MemoryGlossaryRow(source, target, note)
        self._glossary.append(row)
        return row

    def glossary_entries(self) -> list[MemoryGlossaryRow]:
        """Entries added."""
        return list(self._glossary)

    def export(self, out: Any, only_corrected: bool = False, to: str | None = None) -> int:
        """Write the current targets, one a line (for demos)."""
        p = Path(out)
        p.write_text("".join((s.target or "") + "\n" for s in self._cur), encoding="utf-8")
        self.exported.append(p)
        return sum(1 for a, b in zip(self._orig, self._cur) if a.target != b.target)


def synthetic_segments(n: int, seed: int = 7) -> list[Segment]:
    """``n`` segments of varied length (for benchmarks)."""
    import random

    rnd = random.Random(seed)
    words = ("the model reviews translation quality across many segments while "
             "reviewers correct errors in terminology accuracy style and markup").split()
    it_words = ("il modello rivede la qualità della traduzione su molti segmenti mentre "
                "i revisori correggono errori di terminologia accuratezza stile").split()
    out = []
    for i in range(n):
        k = rnd.choice((4, 8, 12, 20, 40))
        src = " ".join(rnd.choice(words) for _ in range(k)).capitalize() + "."
        tgt = " ".join(rnd.choice(it_words) for _ in range(k)).capitalize() + "."
        out.append(Segment(id=str(i + 1), index=i, source=src, target=tgt, line=i + 1))
    return out

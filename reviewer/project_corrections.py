"""The corrections of a review project across sessions and tools: those recorded
elsewhere applied in one transaction (``reviewer apply``), and the listings of what
the store holds against the input: current, stale (the input's target changed since)
and orphaned (the unit left the input) corrections. A mixin of
:class:`~reviewer.project.Project`."""

from __future__ import annotations

from typing import Iterable

from .corrections import ApplyResult, Correction, CorrectionRecord, check_correction
from .errors import UsageError
from .project_part import ProjectPart
from .store import now_iso
from .unit_keys import readable_text, same_text, stored_text, with_form

__all__ = ["ProjectCorrections"]


class ProjectCorrections(ProjectPart):
    """Applying and listing corrections (see the module docstring)."""

    def apply_corrections(self, records: Iterable[CorrectionRecord]) -> ApplyResult:
        """Record corrections made elsewhere (Corrections JSONL objects), in one
        transaction. A record whose ``before`` is not the current target is a
        conflict and is not applied; one already applied is left alone."""
        self._sync()
        ids: dict[str, int] = {}
        for i, s in enumerate(self._orig):
            ids.setdefault(s.id, i)
        result = ApplyResult([], [], [], [])
        items = []
        units = []
        now = now_iso()
        for rec in records:
            unit = str(rec["unit"])
            found = ids.get(unit)
            if found is None:
                result.unknown.append(unit)
                continue
            i = found
            after = rec["after"]
            before = rec.get("before")
            check_correction(self._orig[i], after, self.doc.format)
            form = rec.get("form")
            cur = self._segment(i)
            if cur.plural_targets:
                # The form the record names, else the one whose text it says it replaces.
                if form is None:
                    forms = cur.plural_targets
                    form = next((k for k, t in enumerate(forms) if same_text(t, before)), 0)
                try:
                    after = with_form(cur, int(form), after)
                except (UsageError, ValueError):
                    result.unknown.append(f"{unit} [form {form}]")
                    continue
                before = with_form(cur, int(form), before or "")
            elif form not in (None, 0):
                result.unknown.append(f"{unit} [form {form}]")
                continue
            items.append((self._key(i), after, before, stored_text(self._orig[i]),
                          rec.get("reviewer") or self.reviewer, rec.get("note"),
                          rec.get("time") or now))
            units.append((unit, rec.get("before")))
        outcomes = self.store.record_corrections(items) if items else []
        for (unit, before), (outcome, current) in zip(units, outcomes):
            if outcome == "applied":
                result.applied.append(unit)
            elif outcome == "unchanged":
                result.unchanged.append(unit)
            else:
                result.conflicts.append((unit, before, current))
        self._load()
        return result

    def corrections(self) -> list[Correction]:
        """Current corrections of segments in the input, in document order."""
        self._sync()
        out: list[Correction] = []
        corrections = self._state.corrections
        for i in sorted(i for k in corrections for i in self._positions.get(k, ())):
            seg = self._orig[i]
            row = corrections.get(self._key(i))
            if row is None or row.after is None or same_text(row.after, stored_text(seg)):
                continue
            if not same_text(row.original, stored_text(seg)):
                continue  # stale: listed by stale()
            if seg.plural_targets:  # one correction a changed plural form
                cur = self._segment(i).plural_targets
                for k, (old, new) in enumerate(zip(seg.plural_targets, cur)):
                    if old != new:
                        src = seg.source if k == 0 else seg.plural_source or seg.source
                        out.append(Correction(seg.id, src, old, new, row.reviewer, row.time,
                                              row.note, i, k))
                continue
            out.append(Correction(seg.id, seg.source, seg.target, row.after, row.reviewer,
                                  row.time, row.note, i))
        return out

    def stale(self) -> list[Correction]:
        """Corrections of units still in the input whose target changed since the
        correction was made: not applied (the screen and exports show the input's new
        text), listed so nobody loses them. ``before`` is the text the correction was
        made on."""
        self._sync()
        out: list[Correction] = []
        corrections = self._state.corrections
        seen: set[int] = set()
        for i in sorted(i for k in corrections for i in self._positions.get(k, ())):
            if i in seen:
                continue
            seen.add(i)
            seg = self._orig[i]
            row = corrections.get(self._key(i))
            if row is None or row.after is None or same_text(row.original, stored_text(seg)):
                continue
            out.append(Correction(seg.id, seg.source, readable_text(row.original),
                                  readable_text(row.after) or "", row.reviewer, row.time, row.note, i,
                                  stale=True))
        return out

    def unapplied(self) -> list[tuple[Correction, str]]:
        """Every recorded correction an export cannot apply, with the reason: its
        unit's target changed since (stale), or its unit left the input (orphan)."""
        out = []
        for c in self.stale():
            now = readable_text(stored_text(self._orig[c.index])) if c.index is not None else None
            out.append((c, f"the input's target changed since the correction (made on "
                           f"{c.before!r}, now {now!r})"))
        for c in self.orphans():
            out.append((c, "the unit is no longer in the input"))
        return out

    def orphans(self) -> list[Correction]:
        """Stored corrections whose segment is no longer in the input (kept, never
        dropped: they are still in the store's history)."""
        self._sync()
        out: list[Correction] = []
        for k in self._orphan_keys:
            row = self._state.corrections.get(k)
            if row is None or row.after is None:
                continue
            out.append(Correction(k[0], k[1], readable_text(row.before), readable_text(row.after) or "",
                                  row.reviewer, row.time, row.note, None))
        return out

"""What a check run counts: units, words, findings by severity and by check, glossary
adherence, the checks that could not judge a document's language."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .checks.base import Check, CheckContext
from .model import CODE_RE, Finding, Severity

__all__ = ["RunStats", "count_words"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def count_words(text: str) -> int:
    """Words in a text, for statistics (inline codes and punctuation not counted)."""
    if not text.isascii():  # inline codes are private-use characters
        text = CODE_RE.sub(" ", text)
    return len(_WORD.findall(text))


@dataclass(slots=True)
class RunStats:
    """Counts over a run: units, source words, findings by severity and by check."""

    units: int = 0
    words: int = 0
    files: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_check: Counter[str] = field(default_factory=Counter)
    terms_found: int = 0
    terms_approved: int = 0
    glossary_applied: bool = False
    #: units the checks ran on (units minus those skipped by status)
    checked: int = 0
    #: units not translated yet (status new/untranslated), counted instead of checked
    not_translated: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    #: ``(check id, language) -> reason`` for the checks that could not judge a
    #: document's language and stayed silent on it
    skipped: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        """Count one finding."""
        self.by_severity[str(finding.severity)] += 1
        self.by_check[finding.check] += 1

    def to_dict(self) -> dict[str, Any]:
        """The ``stats`` object of the whole-run JSON."""
        return {
            "files": self.files,
            "units": self.units,
            "checked": self.checked,
            "not_translated": self.not_translated,
            "statuses": dict(self.statuses),
            "words": self.words,
            "findings": {
                "total": sum(self.by_severity.values()),
                "by_severity": {
                    str(s): self.by_severity.get(str(s), 0) for s in Severity
                },
                "by_check": dict(sorted(self.by_check.items())),
            },
            **({"term_adherence": self.term_adherence()} if self.glossary_applied else {}),
            "skipped": [
                {"check": c, "language": lang, "reason": why}
                for (c, lang), why in sorted(self.skipped.items())
            ],
        }

    def note_skipped(self, checks: Iterable[Check], contexts: dict[str, CheckContext]) -> None:
        """Record the checks that say they cannot judge this document's languages
        (their ``skip_reason(context)``, when they have one)."""
        for c in checks:
            why_fn = getattr(c, "skip_reason", None)
            if why_fn is None:
                continue
            ctx = contexts[c.id]
            why = why_fn(ctx)
            if why:
                lang = (ctx.target_lang or "?") if not getattr(c, "pair_language", False) \
                    else f"{ctx.source_lang or '?'}-{ctx.target_lang or '?'}"
                self.skipped.setdefault((c.id, lang), why)

    def term_adherence(self) -> dict[str, Any]:
        """Of the glossary source terms found in sources, how many have an approved
        target form: ``{"found": N, "approved": M, "rate": M/N}`` (rate null for N=0)."""
        n, m = self.terms_found, self.terms_approved
        return {"found": n, "approved": m, "rate": round(m / n, 4) if n else None}

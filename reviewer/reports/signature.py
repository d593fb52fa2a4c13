"""The reproducibility signature printed in every report, in the manner of sacrebleu's.

Two reports with the same signature were made by the same tool version with the same
checks and settings, the same glossaries (by content), the same MQM profile and the
same metric settings; the short string names all of that, the full object lists it::

    reviewer:0.1.0|checks:23:5f2a9c0e1b7d|glossary:sha256.3e1f0a9b22c4|mqm:mqm|sacrebleu:2.6.0
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .. import __version__


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _canonical_sha(obj: Any) -> str:
    data = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class Signature:
    """What made a report: tool version, checks and settings, glossaries, MQM profile,
    metric signatures."""

    version: str = __version__
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    glossaries: list[dict[str, str]] = field(default_factory=list)
    config: dict[str, str] | None = None
    mqm_profile: dict[str, Any] = field(default_factory=dict)
    sacrebleu: dict[str, str] = field(default_factory=dict)
    sacrebleu_version: str | None = None

    @property
    def checks_hash(self) -> str:
        """sha256 (12 hex digits) of the checks and their settings."""
        return _canonical_sha(self.checks)[:12]

    @property
    def glossary_hash(self) -> str | None:
        """sha256 of the glossary (of their hashes, in order, when several); None without."""
        if not self.glossaries:
            return None
        if len(self.glossaries) == 1:
            return self.glossaries[0]["sha256"]
        return hashlib.sha256("".join(g["sha256"] for g in self.glossaries).encode()).hexdigest()

    def string(self) -> str:
        """The short signature: ``reviewer:V|checks:N:HASH|glossary:...|mqm:P[|sacrebleu:V]``."""
        g = self.glossary_hash
        parts = [
            f"reviewer:{self.version}",
            f"checks:{len(self.checks)}:{self.checks_hash}",
            f"glossary:{'sha256.' + g[:12] if g else 'none'}",
            f"mqm:{self.mqm_profile.get('name', 'none')}",
        ]
        if self.sacrebleu_version:
            parts.append(f"sacrebleu:{self.sacrebleu_version}")
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object (``string`` first, then every detail)."""
        d = asdict(self)
        return {
            "string": self.string(),
            "tool": {"name": "reviewer", "version": d.pop("version")},
            "checks_sha256": _canonical_sha(self.checks),
            "glossary_sha256": self.glossary_hash,
            **d,
        }


def build_signature(plan: Any, config: Any, glossary_paths: Sequence[str],
                    profile: Any, metric_signatures: dict[str, str]) -> Signature:
    """The signature of a run: ``plan`` (a CheckPlan), the ``config``, glossary files,
    the MQM ``profile`` and the sacrebleu signatures of the metrics computed."""
    checks: dict[str, dict[str, Any]] = {}
    for c in plan.checks:
        sev = config.severity.get(c.id, c.severity)
        checks[c.id] = {"severity": str(sev), "settings": dict(config.options.get(c.id, {}))}
    glossaries = [{"path": Path(p).name, "sha256": file_sha256(p)} for p in glossary_paths]
    cfg = None
    if config.path and Path(config.path).is_file():
        cfg = {"path": Path(config.path).name, "sha256": file_sha256(config.path)}
    prof: dict[str, Any] = {}
    if profile is not None:
        prof = {
            "name": profile.name,
            "weights": dict(profile.weights),
            "overrides": {f"{c}/{s}": w for (c, s), w in sorted(profile.overrides.items())},
            "per_word": profile.per_word,
            "pass_threshold": profile.pass_threshold,
            "tolerance": profile.tolerance,
            "critical_fails": profile.critical_fails,
        }
    sb_version = None
    if metric_signatures:
        import sacrebleu

        sb_version = sacrebleu.__version__
    return Signature(checks=checks, glossaries=glossaries, config=cfg, mqm_profile=prof,
                     sacrebleu=dict(metric_signatures), sacrebleu_version=sb_version)

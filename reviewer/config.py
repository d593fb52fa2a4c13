"""``reviewer.toml``: per-check enable/disable, severity overrides and settings.

Looked up in the current directory unless ``--config`` names a file. Layout::

    [check]                      # defaults for `reviewer check`
    source-lang = "en"
    target-lang = "it"
    fail-on = "major"
    enable = ["spelling"]
    disable = ["length"]

    [checks.length]              # one table a check: enabled, severity, settings
    severity = "major"
    max_ratio = 2.5

    [checks.punctuation.lang.fr] # settings for one target language
    french_spacing = false
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Severity

DEFAULT_NAME = "reviewer.toml"


@dataclass(slots=True)
class Config:
    """The parsed configuration (empty when there is no file)."""

    path: str | None = None
    enable: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    enabled: dict[str, bool] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    def default(self, key: str, fallback: Any = None) -> Any:
        """A ``[check]`` default such as ``target-lang`` (dashes or underscores)."""
        for k in (key, key.replace("-", "_"), key.replace("_", "-")):
            if k in self.defaults:
                return self.defaults[k]
        return fallback


def _as_list(value: Any, where: str, path: str) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where} must be a list of check ids", path)


def load_config(path: str | Path | None = None) -> Config:
    """Read ``path`` (must exist) or ``./reviewer.toml`` (optional)."""
    if path is None:
        p = Path(DEFAULT_NAME)
        if not p.is_file():
            return Config()
    else:
        p = Path(path)
        if not p.is_file():
            raise ConfigError("configuration file not found", p)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"invalid UTF-8 at byte offset {e.start}", p) from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise ConfigError(
            f"invalid TOML: {msg}", p, int(m.group(1)) if m else None,
            int(m.group(2)) if m else None,
        ) from None
    return parse_config(raw, str(p))


def parse_config(raw: dict[str, Any], path: str = "<config>") -> Config:
    """Build a :class:`Config` from a parsed TOML mapping."""
    cfg = Config(path=path, raw=raw)
    defaults = raw.get("check", {})
    if not isinstance(defaults, dict):
        raise ConfigError("[check] must be a table", path)
    cfg.defaults = dict(defaults)
    cfg.enable = _as_list(defaults.get("enable", []), "check.enable", path)
    cfg.disable = _as_list(defaults.get("disable", []), "check.disable", path)
    checks = raw.get("checks", {})
    if not isinstance(checks, dict):
        raise ConfigError("[checks] must be a table of check tables", path)
    for cid, table in checks.items():
        if not isinstance(table, dict):
            raise ConfigError(f"[checks.{cid}] must be a table", path)
        opts = dict(table)
        if "enabled" in opts:
            val = opts.pop("enabled")
            if not isinstance(val, bool):
                raise ConfigError(f"checks.{cid}.enabled must be true or false", path)
            cfg.enabled[cid] = val
        if "severity" in opts:
            try:
                cfg.severity[cid] = Severity.parse(str(opts.pop("severity")))
            except ValueError as e:
                raise ConfigError(f"checks.{cid}.severity: {e}", path) from None
        cfg.options[cid] = opts
    return cfg


def options_for(cfg: Config, check_id: str, target_lang: str | None) -> dict[str, Any]:
    """A check's settings, with the ``lang.<target>`` sub-table merged on top."""
    opts = dict(cfg.options.get(check_id, {}))
    per_lang = opts.pop("lang", {})
    if target_lang and isinstance(per_lang, dict):
        tl = target_lang.lower()
        for key in (tl.split("-")[0], tl):  # primary subtag, then the full tag
            sub = {k.lower(): v for k, v in per_lang.items()}.get(key)
            if isinstance(sub, dict):
                opts.update(sub)
    if check_id == "placeholder":
        _placeholder_syntaxes(cfg, opts)
    return opts


def _placeholder_syntaxes(cfg: Config, opts: dict[str, Any]) -> None:
    """``[check] placeholder-syntaxes`` as the placeholder check's ``syntaxes``
    setting (its own table wins), checked against the registry."""
    if "syntaxes" not in opts:
        declared = cfg.default("placeholder-syntaxes")
        if declared is not None:
            opts["syntaxes"] = declared
    for key in ("syntaxes", "styles"):
        if key in opts:
            from .placeholders import resolve_syntaxes

            value = opts[key]
            try:
                if isinstance(value, str):
                    value = value.split(",")
                if not isinstance(value, list):
                    raise ValueError("must be a list of syntax names")
                resolve_syntaxes(value)
            except ValueError as e:
                raise ConfigError(f"placeholder syntaxes: {e}", cfg.path) from None


def config_paths(cfg: Config, key: str) -> list[str]:
    """A ``[check]`` path setting (string or list), resolved against the directory of
    the configuration file it came from."""
    value = cfg.default(key, None)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(f"check.{key} must be a path or a list of paths", cfg.path)
    base = Path(cfg.path).parent if cfg.path else Path(".")
    return [str(p if Path(p).is_absolute() else base / p) for p in items]

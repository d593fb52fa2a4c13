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
SEVERITY_NAMES = tuple(str(s) for s in Severity)


@dataclass(slots=True)
class Config:
    """The parsed configuration (empty when there is no file)."""

    path: str | None = None
    enable: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    enabled: dict[str, bool] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    check_table: dict[str, Any] = field(default_factory=dict)  # the [check] table as written
    raw: dict[str, Any] = field(default_factory=dict)

    def check_setting(self, key: str, fallback: Any = None) -> Any:
        """A ``[check]`` setting such as ``target-lang`` (dashes or underscores)."""
        for k in (key, key.replace("-", "_"), key.replace("_", "-")):
            if k in self.check_table:
                return self.check_table[k]
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
    except RecursionError:
        raise ConfigError("invalid TOML: values nested too deeply", p) from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise ConfigError(
            f"invalid TOML: {msg}", p, int(m.group(1)) if m else None,
            int(m.group(2)) if m else None,
        ) from None
    return parse_config(raw, str(p))


#: ``[check]`` keys every command reads, and the type each must have.
CHECK_KEYS: dict[str, str] = {
    "source-lang": "str", "target-lang": "str", "fail-on": "severity",
    "enable": "ids", "disable": "ids", "glossary": "paths",
    "source-key": "str", "target-key": "str", "reference-key": "str", "id-key": "str",
    "terms-key": "str", "input-format": "str",
}
#: Top-level tables and the type of each value they hold.
TABLES = ("check", "checks", "review", "mqm", "keys")
REVIEW_KEYS = {"theme": "str", "mqm-profile": "str"}
MQM_KEYS = {"profile": "str", "profiles": "table"}


def _check_value(value: Any, kind: str, where: str, path: str) -> None:
    """Raise a one-line :class:`ConfigError` naming ``where`` when ``value`` is not of
    ``kind`` (str, severity, ids, paths, table)."""
    ok = True
    if kind == "str":
        ok = isinstance(value, str) and bool(value.strip())
        need = "a non-empty string"
    elif kind == "severity":
        if not (isinstance(value, str) and value.strip().lower() in SEVERITY_NAMES):
            raise ConfigError(f"{where}: unknown severity {_show(value)} (use "
                              + ", ".join(SEVERITY_NAMES) + ")", path)
        return
    elif kind in ("ids", "paths"):
        ok = isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value))
        need = "a string or a list of strings"
    else:
        ok = isinstance(value, dict)
        need = "a table"
    if not ok:
        raise ConfigError(f"{where} must be {need}, not {_show(value)}", path)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _validate(raw: dict[str, Any], path: str) -> None:
    """Every known setting has its type (unknown keys are left to their readers)."""
    for table in TABLES:
        if table in raw and not isinstance(raw[table], dict):
            raise ConfigError(f"[{table}] must be a table, not {_show(raw[table])}", path)
    if "reviewer" in raw:
        _check_value(raw["reviewer"], "str", "reviewer", path)
    for section, keys in (("check", CHECK_KEYS), ("review", REVIEW_KEYS), ("mqm", MQM_KEYS)):
        table = raw.get(section, {})
        for key, kind in keys.items():
            for k in {key, key.replace("-", "_")}:
                if k in table:
                    _check_value(table[k], kind, f"{section}.{k}", path)
    profiles = raw.get("mqm", {}).get("profiles", {})
    for name, prof in profiles.items():
        _check_value(prof, "table", f"mqm.profiles.{name}", path)
        _check_profile(name, prof, path)


def _check_profile(name: str, prof: dict[str, Any], path: str) -> None:
    """An MQM profile table, checked by :mod:`reviewer.mqm` (every key and value) when
    the file is read, the error naming the file."""
    from .mqm import _user_profile

    try:
        _user_profile(name, prof)
    except ConfigError as e:
        raise ConfigError(e.message, path) from None


def parse_config(raw: dict[str, Any], path: str = "<config>") -> Config:
    """Build a :class:`Config` from a parsed TOML mapping (types checked: a value of
    the wrong type is a one-line error naming the file and the key)."""
    _validate(raw, path)
    cfg = Config(path=path, raw=raw)
    defaults = raw.get("check", {})
    cfg.check_table = dict(defaults)
    cfg.enable = _as_list(defaults.get("enable", []), "check.enable", path)
    cfg.disable = _as_list(defaults.get("disable", []), "check.disable", path)
    checks = raw.get("checks", {})
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
            _check_value(opts["severity"], "severity", f"checks.{cid}.severity", path)
            cfg.severity[cid] = Severity.parse(opts.pop("severity"))
        for key, value in opts.items():  # paths are relative to the file's folder
            if key.endswith(("_file", "-file")) and isinstance(value, str) and value:
                p = Path(value).expanduser()
                if not p.is_absolute() and path != "<config>":
                    opts[key] = str(Path(path).parent / p)
        cfg.options[cid] = CheckOptions(opts, f"checks.{cid}", path)
    return cfg


class CheckOptions(dict):  # type: ignore[type-arg]
    """One check's settings, knowing where they came from, so that a value of the
    wrong type is reported as ``FILE: checks.ID.KEY must be ...`` (see
    :func:`typed_option`)."""

    def __init__(self, items: dict[str, Any], where: str, path: str | None) -> None:
        super().__init__(items)
        self.where = where
        self.path = path


def typed_option(options: Any, key: str, default: Any) -> Any:
    """``options[key]`` when present and of the default's type, else ``default``. A
    present value of another type is a :class:`ConfigError` naming the file and key
    (numbers for numbers, true/false for flags, strings for strings, lists of the
    default's element type for lists)."""
    if key not in options:
        return default
    value = options[key]
    if default is None:
        return value
    where = f"{getattr(options, 'where', 'checks')}.{key}"
    path = getattr(options, "path", None)
    if isinstance(default, bool):
        ok, need = isinstance(value, bool), "true or false"
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and isinstance(default, int) and not isinstance(value, int):
            ok = float(value).is_integer()
        need = "a number"
    elif isinstance(default, str):
        ok, need = isinstance(value, str), "a string"
    elif isinstance(default, (list, tuple, set, frozenset)):
        kinds = {type(v) for v in default} or {str}
        ok = isinstance(value, list) and all(type(v) in kinds for v in value)
        if kinds == {str}:  # the checks also take one string (split on spaces/commas)
            ok = ok or isinstance(value, str)
        need = "a list of " + ("strings" if kinds == {str} else "values")
    elif isinstance(default, dict):
        ok, need = isinstance(value, dict), "a table"
    else:
        return value
    if not ok:
        raise ConfigError(f"{where} must be {need}, not {_show(value)}", path)
    return value


def options_for(cfg: Config, check_id: str, target_lang: str | None) -> dict[str, Any]:
    """A check's settings, with the ``lang.<target>`` sub-table merged on top."""
    opts = CheckOptions(dict(cfg.options.get(check_id, {})), f"checks.{check_id}", cfg.path)
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
        declared = cfg.check_setting("placeholder-syntaxes")
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
    value = cfg.check_setting(key, None)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(f"check.{key} must be a path or a list of paths", cfg.path)
    base = Path(cfg.path).parent if cfg.path else Path(".")
    return [str(p if Path(p).is_absolute() else base / p) for p in items]

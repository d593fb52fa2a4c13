"""One resolver for every command's settings.

Each setting comes from, in rising order: the built-in default, ``reviewer.toml`` (the
current folder's, or ``--config FILE``; paths in it are relative to the file's folder),
then the options the user actually typed (click's parameter source: an option's
default never overrides the file). The file is read once, by :func:`resolve`; the
result is a frozen :class:`Settings` every command and the distributed path use. No
other module loads the configuration.

Where each setting lives in ``reviewer.toml``::

    reviewer = "anna"                 # the name recorded in review stores
    [check]                           # read by every command, not only `check`
    source-lang = "en"                # languages (BLEU's tokenizer, alignment, TMX)
    target-lang = "it"
    glossary = ["terms.tsv"]          # relative to this file
    fail-on = "major"
    enable = ["spelling"]
    disable = ["length"]
    source-key = "en"                 # read keys of JSONL/TSV/CSV inputs
    target-key = "it"
    input-format = "tsv"
    [review]
    theme = "textual-light"
    [mqm]
    profile = "mqm"                   # the one default MQM profile (review, report, mqm score)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .config import Config, config_paths, load_config
from .errors import ConfigError, UsageError
from .model import Severity

if TYPE_CHECKING:  # imported where used: settings are resolved before anything is read
    from .formats.base import ReadOptions
    from .mqm import Profile
    from .runner import CheckPlan
    from .terms.glossary import Glossary

#: The MQM profile every command uses unless the file or ``--profile`` names another.
DEFAULT_MQM_PROFILE = "mqm"

#: Read keys: (option parameter name, ``[check]`` key, built-in default, the
#: :class:`~reviewer.formats.ReadOptions` field it sets).
READ_KEYS: tuple[tuple[str, str, str | None, str], ...] = (
    ("source_lang", "source-lang", None, "source_lang"),
    ("target_lang", "target-lang", None, "target_lang"),
    ("source_key", "source-key", "source", "source_key"),
    ("target_key", "target-key", "target", "target_key"),
    ("reference_key", "reference-key", "reference", "reference_key"),
    ("id_key", "id-key", None, "id_key"),
    ("terms_key", "terms-key", "terms", "terms_key"),
    ("input_format", "input-format", None, "format"),
)


def _default_read_options() -> ReadOptions:
    from .formats.base import ReadOptions

    return ReadOptions()


@dataclass(frozen=True)
class ReadSettings:
    """How inputs are read: the :class:`~reviewer.formats.ReadOptions` (languages,
    JSONL/TSV keys, a forced format) the options and the file resolve to."""

    options: ReadOptions = field(default_factory=_default_read_options)
    keys_given: frozenset[str] = frozenset()  # read keys set by the user (file or option)


@dataclass(frozen=True)
class CheckSettings:
    """Which checks run, with which glossaries, and when the run fails."""

    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    glossaries: tuple[str, ...] = ()
    fail_on: Severity | None = None
    run: bool = True  # False for `review --no-checks`


@dataclass(frozen=True)
class ReviewSettings:
    """The review screen's and the store's settings."""

    reviewer: str | None = None
    theme: str | None = None


@dataclass(frozen=True)
class MqmSettings:
    """The MQM profile (one default everywhere) and the file's profile table."""

    profile: str = DEFAULT_MQM_PROFILE

    def get(self, config: Config) -> Profile:
        """The :class:`~reviewer.mqm.Profile` object."""
        from .mqm import get_profile

        return get_profile(self.profile, config.raw)


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know, resolved once."""

    config: Config = field(default_factory=Config)
    read: ReadSettings = field(default_factory=ReadSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    mqm: MqmSettings = field(default_factory=MqmSettings)

    @property
    def read_options(self) -> ReadOptions:
        """Shorthand for ``self.read.options``."""
        return self.read.options

    def load_glossary(self) -> Glossary | None:
        """The merged glossary of ``check.glossaries`` (None when there is none)."""
        if not self.check.glossaries:
            return None
        from .inputs import readable_path
        from .glossary_io import load_glossary

        ro = self.read.options
        loaded = [load_glossary(str(readable_path(p)), ro.source_lang, ro.target_lang)
                  for p in self.check.glossaries]
        return loaded[0] if len(loaded) == 1 else loaded[0].merge(*loaded[1:])

    def plan(self, glossary: Glossary | None = None) -> CheckPlan:
        """The check plan (enable/disable over the file's and the built-in defaults)."""
        from .runner import plan_checks

        return plan_checks(self.config, self.check.enable, self.check.disable,
                           glossary=glossary)

    def validate_checks(self) -> None:
        """Run the planned checks once over a two-unit probe so that a ``[checks.ID]``
        value of the wrong type fails now, in one line, before any output or screen
        (checks read their settings as they run)."""
        from .model import Document, Segment

        plan = self.plan(None)
        pairs = (("Save 3 changes to the <b>data</b> center {0} at https://example.com.",
                  "Salva 3 modifiche al <b>data</b> center {0} su https://example.com."),
                 ("Close the window now, please.", "Chiudi subito la finestra, per favore."))
        segs = [Segment(id=str(i + 1), index=i, source=s, target=t, line=i + 1)
                for i, (s, t) in enumerate(pairs)]
        for tl in {self.read_options.target_lang or "en"}:
            doc = Document(path="<probe>", format="txt",
                           source_lang=self.read_options.source_lang or "en",
                           target_lang=tl, segments=segs)
            for _ in plan.run(doc):
                pass


def _typed(params: Mapping[str, Any], sources: Mapping[str, Any], name: str) -> bool:
    """True when the user gave option ``name`` (not click's default)."""
    if name not in params:
        return False
    src = sources.get(name)
    if src is None:  # called without click (tests, library use): a value is a choice
        value = params[name]
        return value not in (None, (), [], False)
    import click

    return src not in (click.core.ParameterSource.DEFAULT,
                       click.core.ParameterSource.DEFAULT_MAP)


def _split_ids(values: Any) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in str(v).split(",") if x.strip())
    return tuple(out)


def resolve(params: Mapping[str, Any], sources: Mapping[str, Any] | None = None,
            config: Config | None = None) -> Settings:
    """Settings from a command's ``params`` (click's ``ctx.params``; ``sources`` maps a
    parameter name to its click ``ParameterSource``) over ``reviewer.toml``.

    ``config_path`` in ``params`` names the file (else ``./reviewer.toml`` when it
    exists); a given ``config`` skips the loading (it was loaded once already)."""
    sources = sources or {}
    if config is None:
        config = load_config(params.get("config_path"))

    def pick(name: str, key: str, default: Any) -> Any:
        if _typed(params, sources, name):
            return params[name]
        return config.check_setting(key, default)

    from .formats import FORMAT_MODULES, ReadOptions

    read_values = {opt: pick(name, key, default) for name, key, default, opt in READ_KEYS}
    given = frozenset(name for name, key, _, _ in READ_KEYS
                      if _typed(params, sources, name) or config.check_setting(key) is not None)
    if read_values["format"] is not None and read_values["format"] not in FORMAT_MODULES:
        raise UsageError(f"unknown input format {read_values['format']!r} "
                         f"(known: {', '.join(sorted(FORMAT_MODULES))})", config.path)
    read = ReadSettings(ReadOptions(**read_values), keys_given=given)

    if _typed(params, sources, "glossaries"):
        glossaries = tuple(str(p) for p in params["glossaries"])
    else:
        glossaries = tuple(config_paths(config, "glossary"))
    fail = pick("fail_on", "fail-on", None)
    check = CheckSettings(
        enable=_split_ids(params.get("enable")) if _typed(params, sources, "enable") else (),
        disable=_split_ids(params.get("disable")) if _typed(params, sources, "disable") else (),
        glossaries=glossaries,
        fail_on=Severity.parse(fail) if fail else None,
        run=not params.get("no_checks", False),
    )
    raw = config.raw or {}
    review_table = raw.get("review", {})
    reviewer = params.get("reviewer_name") if _typed(params, sources, "reviewer_name") else None
    if reviewer is None and _typed(params, sources, "reviewer"):
        reviewer = params.get("reviewer")
    if reviewer is None and isinstance(raw.get("reviewer"), str):
        reviewer = raw["reviewer"].strip() or None
    theme = params.get("theme") if _typed(params, sources, "theme") else review_table.get("theme")
    if _typed(params, sources, "profile"):
        profile = str(params["profile"])
    else:
        profile = (raw.get("mqm", {}).get("profile") or review_table.get("mqm-profile")
                   or DEFAULT_MQM_PROFILE)
    settings = Settings(config=config, read=read, check=check,
                        review=ReviewSettings(reviewer=reviewer, theme=theme),
                        mqm=MqmSettings(profile=profile))
    try:
        settings.mqm.get(config)  # an unknown or broken profile fails now, in one line
    except ConfigError as e:
        if _typed(params, sources, "profile") or e.path is not None:
            raise
        key = "mqm.profile" if raw.get("mqm", {}).get("profile") else "review.mqm-profile"
        raise ConfigError(f"{key}: {e.message}", config.path) from None
    return settings


def from_context(ctx: Any = None, config: Config | None = None) -> Settings:
    """:func:`resolve` for the running click command (``ctx`` defaults to the current
    one)."""
    import click

    ctx = ctx or click.get_current_context()
    sources = {name: ctx.get_parameter_source(name) for name in ctx.params}
    return resolve(ctx.params, sources, config)


def config_dir(settings: Settings) -> Path:
    """The folder of the configuration file (the current folder without one)."""
    return Path(settings.config.path).parent if settings.config.path else Path(".")

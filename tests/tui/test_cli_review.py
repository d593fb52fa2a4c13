"""``reviewer review`` on the command line: registration, options, the keymap and theme
from reviewer.toml, one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reviewer.cli import cli


def test_review_help() -> None:
    r = CliRunner().invoke(cli, ["review", "--help"])
    assert r.exit_code == 0 and "--glossary" in r.output and "--reference" in r.output


def test_review_runs_the_app_with_keymap_and_theme(tmp_path: Path, sample: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.tui.app import ReviewApp

    seen: dict[str, Any] = {}

    def fake_run(self: ReviewApp, *a: Any, **k: Any) -> None:
        seen["keymap"] = self._startup_keymap
        seen["theme"] = self._startup_theme
        seen["warnings"] = self._warnings

    monkeypatch.setattr(ReviewApp, "run", fake_run)
    monkeypatch.setattr("reviewer.cli_review.need_terminal", lambda: None)  # CliRunner: no tty
    cfg = tmp_path / "reviewer.toml"
    cfg.write_text('[keys]\n"decide.accept" = "A"\n"nope" = "z"\n[review]\ntheme = "textual-light"\n',
                   encoding="utf-8")
    r = CliRunner().invoke(cli, ["review", str(sample), "--config", str(cfg),
                                 "--store", str(tmp_path / "s.sqlite")])
    assert r.exit_code == 0, r.output
    assert seen["keymap"] == {"decide.accept": "A"}
    assert seen["theme"] == "textual-light"
    assert any("nope" in w for w in seen["warnings"])


def test_review_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    from reviewer.cli import main

    with pytest.raises(SystemExit) as e:
        main(["review", str(tmp_path / "missing.tsv")])
    assert e.value.code == 2

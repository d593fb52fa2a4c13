"""The review app: composes the review screen, applies the keymap and theme from
``reviewer.toml``, adds the review actions to the command palette."""

from __future__ import annotations

import sys
from functools import partial
from typing import Any, Iterable, Mapping

from textual.app import App, SystemCommand
from textual.screen import Screen

from .keymap import REVIEW_BINDINGS
from .screens.review import Opener, ReviewScreen
from .session import ReviewSession


SWITCH_INTERVAL = 0.001  # seconds (CPython's default is 0.005)


class ReviewApp(App[None]):
    """``reviewer review``: one document, side by side."""

    CSS_PATH = "app.tcss"
    TITLE = "reviewer"

    def __init__(self, session: ReviewSession, opener: Opener | None = None,
                 keymap: Mapping[str, str] | None = None, theme: str | None = None,
                 blink: bool = True, warnings: Iterable[str] = ()) -> None:
        super().__init__()
        self.session = session
        self.opener = opener
        self.blink = blink
        self.load_error: BaseException | None = None
        self._startup_keymap = dict(keymap or {})
        self._startup_theme = theme
        self._warnings = list(warnings)

    def get_default_screen(self) -> Screen[Any]:
        """The review screen."""
        return ReviewScreen(self.session, self.opener, self.blink)

    @property
    def review(self) -> ReviewScreen:
        """The review screen (whatever is on top)."""
        return self.screen_stack[0] if isinstance(self.screen_stack[0], ReviewScreen) \
            else self.query_one(ReviewScreen)  # type: ignore[return-value]

    def on_mount(self) -> None:
        """Keymap, theme, configuration warnings; a short interpreter switch interval so
        keys are not kept waiting behind the worker threads."""
        sys.setswitchinterval(SWITCH_INTERVAL)
        if self._startup_keymap:
            self.set_keymap(self._startup_keymap)
        if self._startup_theme:
            try:
                self.theme = self._startup_theme
            except Exception:  # unknown theme name: keep the default, say so
                self._warnings.append(f"unknown theme {self._startup_theme!r}")
        for w in self._warnings:
            self.notify(w, severity="warning", timeout=8)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands plus every review action."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReviewScreen):
            for b in REVIEW_BINDINGS:
                if b.description:
                    yield SystemCommand(b.description, f"{b.id} ({b.key})",
                                        partial(screen.run_action, b.action))

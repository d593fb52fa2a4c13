"""One error tree for everything a user can cause.

The CLI maps :class:`ReviewerError` to a one-line message and exit status 2 in one
place; anything else escaping is a bug (exit 3, traceback).
"""

from __future__ import annotations

from os import PathLike


class ReviewerError(Exception):
    """An error the user can cause (bad file, bad option): shown as one line.

    ``path``, ``line`` and ``column`` locate the problem when known; ``str()`` gives
    ``path:line:column: message``.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class InputError(ReviewerError):
    """An input file cannot be read: bad encoding, malformed, unsafe or wrong shape."""


class UsageError(ReviewerError):
    """A wrong option or combination of options."""


class ConfigError(ReviewerError):
    """``reviewer.toml`` or a glossary/config file is invalid."""

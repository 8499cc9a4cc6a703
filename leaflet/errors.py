"""The project's own error types: each carries where, what and what to do.

Errors are values with an exit code so that the command line can print one
short line and exit, without a traceback: 2 when the input or the command line
cannot be used, 1 when the content does not make a good leaflet.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_BAD_LEAFLET = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True)
class Location:
    """A place in a source file, 1-based as editors show it."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class LeafletError(Exception):
    """Base of every error the tool reports to its user."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, where: Location | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class SourceError(LeafletError):
    """The leaflet source (YAML, assets) cannot be read or understood."""

    exit_code = EXIT_BAD_INPUT


class UsageError(LeafletError):
    """The command line asks for something that cannot be done."""

    exit_code = EXIT_BAD_INPUT


class LayoutError(LeafletError):
    """The content was understood but does not make a good leaflet (overflow...)."""

    exit_code = EXIT_BAD_LEAFLET

    def __init__(self, problems: list[str], where: Location | str | None = None, hint: str = "") -> None:
        super().__init__("\n".join(problems), where)
        self.problems = problems
        self.hint = hint
        """What the user can do about all of them at once, said after the list."""

"""Diagnostics: what every stage says about its input, as data.

A stage reports what it found as `Diagnostic`s (severity, code, message,
location); it never writes text for a terminal and never reads another stage's
messages back. Only the edges (the command line, `leaflet serve`, the JSON of
`leaflet check`) turn diagnostics into text, and the exit status follows from
the worst severity. A caller that acts on one kind of diagnostic asks for its
`code`, never for words in its message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["warning", "error", "fatal"]
"""warning: said, and the PDF is made; error: the leaflet was laid out and checked but is not
good enough to print (overflow, contrast, an unfinished translation); fatal: the input or the
command line cannot be used at all, so nothing was made."""

EXIT_OK = 0
EXIT_BAD_LEAFLET = 1
EXIT_BAD_INPUT = 2

EXIT_STATUS: dict[str, int] = {"warning": EXIT_OK, "error": EXIT_BAD_LEAFLET, "fatal": EXIT_BAD_INPUT}
"""The exit status each severity gives: a script can tell 'fix the text' (1) from 'fix the command' (2)."""


@dataclass(frozen=True)
class Location:
    """A place in a source file, 1-based as editors show it."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One thing a stage found: how bad, what kind, what to do, and where.

    `where` is a `Location` inside a file when there is one; otherwise the file or the
    command-line flag the message is about ("translations/pl.po", "--lang"), or None.
    """

    severity: Severity
    code: str
    """The kind of diagnostic, stable across wording changes: 'overflow', 'sample-clinic'..."""
    message: str
    where: Location | str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    @property
    def located(self) -> bool:
        """Whether it points at a line and column, as editors and the catalogue of bad inputs expect."""
        return isinstance(self.where, Location)

    def to_dict(self) -> dict[str, object]:
        """Plain values for JSON: the location both as one string and as its parts."""
        where = self.where
        place: dict[str, object] = (
            {"file": where.path, "line": where.line, "column": where.column}
            if isinstance(where, Location)
            else {"file": where or None, "line": None, "column": None}
        )
        said = {"severity": self.severity, "code": self.code, "message": self.message, "where": str(where or "")}
        return {**said, **place}


def exit_status(diagnostics: Iterable[Diagnostic]) -> int:
    """The exit status for a run that found these: that of the worst severity, 0 for none."""
    return max((EXIT_STATUS[d.severity] for d in diagnostics), default=EXIT_OK)


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that stop a PDF from being written."""
    return [d for d in diagnostics if d.severity != "warning"]

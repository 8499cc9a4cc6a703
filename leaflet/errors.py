"""The project's own errors: a stage that cannot go on raises one, carrying its diagnostics.

An error is the way a stage stops the pipeline; what it says is data
(`diagnostics.Diagnostic`), turned into text only at the edge. The exit status
follows from the severity: 2 (fatal) when the input or the command line cannot
be used, 1 (error) when the content does not make a good leaflet.
"""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import EXIT_BAD_INPUT, EXIT_BAD_LEAFLET, EXIT_OK, EXIT_STATUS, Diagnostic, Location, Severity

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BAD_LEAFLET",
    "EXIT_OK",
    "Diagnostic",
    "LayoutError",
    "LeafletError",
    "Location",
    "SourceError",
    "TranslationError",
    "UsageError",
]


class LeafletError(Exception):
    """Base of every error the tool reports to its user: one diagnostic, fatal unless said otherwise."""

    severity: Severity = "fatal"
    code = "unusable-input"

    def __init__(self, message: str, where: Location | str | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.diagnostics: tuple[Diagnostic, ...] = (Diagnostic(self.severity, code or self.code, message, where),)
        self.hint = ""
        """What the user can do about all the diagnostics at once, said after them."""

    @property
    def exit_code(self) -> int:
        return max(EXIT_STATUS[d.severity] for d in self.diagnostics)

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class SourceError(LeafletError):
    """The leaflet source (YAML, assets, a PO or clinic file) cannot be read or understood."""

    code = "bad-source"


class UsageError(LeafletError):
    """The command line asks for something that cannot be done."""

    code = "bad-usage"


class _Problems(LeafletError):
    """Several diagnostics found at once, all reported before the run stops."""

    def __init__(self, diagnostics: Sequence[Diagnostic], hint: str = "") -> None:
        super().__init__("\n".join(d.message for d in diagnostics))
        self.diagnostics = tuple(diagnostics)
        self.hint = hint


class LayoutError(_Problems):
    """The content was laid out and checked but does not make a good leaflet (overflow, contrast...)."""


class TranslationError(_Problems):
    """A translation cannot make a final edition yet: entries missing, fuzzy or stale."""

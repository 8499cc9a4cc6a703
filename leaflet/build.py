"""The pipeline, top to bottom: content -> layout -> render -> checks -> file.

    leaflet = content.load(source)                  # YAML -> checked model
    layout  = lay_out(leaflet, sheet, fonts)        # model -> positioned items
    pdf     = render_pdf(layout, leaflet, fonts)    # items -> PDF bytes
    errors  = preflight(leaflet, layout, fonts)     # what a print shop would flag
    write_atomically(path, pdf)                     # only when nothing failed

A failed build raises before the last step, so an existing PDF is never
touched; the file is written beside its final name and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import geometry
from .checks import Finding, preflight
from .content import load
from .errors import LayoutError, UsageError
from .languages import direction_for
from .layout import Layout, lay_out
from .model import Leaflet
from .render import Fonts, render_pdf


@dataclass(frozen=True)
class Options:
    """What the command line (or a caller) may change about a build."""

    paper: str | None = None
    output: Path | None = None

    def __post_init__(self) -> None:
        if self.paper is not None and self.paper not in geometry.PAPERS:
            raise UsageError(f"unknown paper {self.paper!r}; use one of: {', '.join(geometry.PAPERS)}")


@dataclass(frozen=True)
class Edition:
    """A leaflet laid out, rendered and checked; `pdf` is None when checks failed."""

    leaflet: Leaflet
    layout: Layout
    findings: tuple[Finding, ...]
    pdf: bytes

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def make(source: Path | str, options: Options = Options()) -> Edition:
    """Run the pipeline in memory, up to and including the checks."""
    leaflet = load(source)
    sheet = geometry.sheet(options.paper or leaflet.paper, leaflet.fold, direction_for(leaflet.language))
    fonts = Fonts()
    layout = lay_out(leaflet, sheet, fonts)
    pdf = render_pdf(layout, leaflet, fonts)
    findings = preflight(leaflet, layout, fonts)
    return Edition(leaflet, layout, tuple(findings), pdf)


def build(source: Path | str, options: Options = Options()) -> tuple[Edition, Path]:
    """Make the leaflet and write its PDF; raise `LayoutError` (writing nothing) if a check fails."""
    edition = make(source, options)
    if edition.errors:
        raise LayoutError([str(f) for f in edition.errors])
    path = options.output or default_output(source, edition.leaflet)
    write_atomically(path, edition.pdf)
    return edition, path


def default_output(source: Path | str, leaflet: Leaflet) -> Path:
    """`output/<leaflet id>.pdf`, beside the source."""
    return Path(source).resolve().parent / "output" / f"{leaflet.id}.pdf"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the target folder, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

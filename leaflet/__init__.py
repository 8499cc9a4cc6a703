"""leaflet: print-ready tri-fold PDFs from a YAML file of leaflet text.

The pipeline, one module per stage: `content` (load and check the YAML),
`layout` (pure geometry: panels, lines, blocks), `render` (ReportLab draws),
`checks` (preflight), strung together in `build`.

The names below are imported on first use, not with the package: a command
pays at start-up only for the stages it runs (`leaflet --version` needs none).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Options": "build",
    "make": "build",
    "load": "content",
    "loads": "content",
    "LeafletError": "errors",
    "LayoutError": "errors",
    "SourceError": "errors",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    """The public API, fetched from its stage's module when first asked for (PEP 562)."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

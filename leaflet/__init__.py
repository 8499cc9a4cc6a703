"""leaflet: print-ready tri-fold PDFs from a YAML file of leaflet text.

The pipeline, one module per stage: `content` (load and check the YAML),
`layout` (pure geometry: panels, lines, blocks), `render` (ReportLab draws),
`checks` (preflight), strung together in `build`.
"""

__version__ = "0.1.0"  # before the imports: build.py puts it on the slug line

from .build import Options, build, make
from .content import load, loads
from .errors import LayoutError, LeafletError, SourceError

__all__ = ["Options", "build", "make", "load", "loads", "LeafletError", "LayoutError", "SourceError"]

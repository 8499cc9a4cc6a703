"""Render stage: takes a `Layout`, gives PDF bytes. The only place ReportLab draws.

`fonts` registers the bundled fonts and measures text for layout; `pdf`
copies the positioned items onto ReportLab canvas pages.
"""

from .fonts import Fonts
from .pdf import DocumentInfo, render_pdf

__all__ = ["DocumentInfo", "Fonts", "render_pdf"]

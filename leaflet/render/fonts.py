"""Bundled fonts: where the files are, registering them with ReportLab, measuring text.

Layout asks for faces by role ('regular', 'bold'); this module maps each role
to a bundled TrueType file, loads it only when first used (parsing a font costs
tens of milliseconds), and answers the `Measure` questions. Fonts are always
embedded and subset by ReportLab, so a PDF never depends on the reader's fonts.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_PACKAGE = Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    """The bundled assets: inside the installed package, or beside it in a checkout."""
    for candidate in (_PACKAGE / "assets", _PACKAGE.parent / "assets"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("the bundled assets folder is missing; reinstall leaflet")


FACES: dict[str, str] = {
    "regular": "noto-sans/NotoSans-Regular.ttf",
    "bold": "noto-sans/NotoSans-Bold.ttf",
}
"""Face role -> font file under assets/fonts/ (each folder holds its licence). There is no
italic role: patient information uses bold for emphasis, never italics."""


class Fonts:
    """The fonts of one build: registers faces on first use and measures text with them."""

    def __init__(self, faces: dict[str, str] = FACES) -> None:
        self._files = faces
        self._loaded: dict[str, TTFont] = {}

    def font_name(self, face: str) -> str:
        """The ReportLab name of a face, registering its file on first use."""
        return self._font(face).fontName

    def _font(self, face: str) -> TTFont:
        font = self._loaded.get(face)
        if font is None:
            path = assets_dir() / "fonts" / self._files[face]
            name = Path(self._files[face]).stem
            # asking getFont for an unknown name makes ReportLab read every Type 1
            # metrics file on its search path (tens of ms), so look the name up first
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                font = TTFont(name, str(path))
                pdfmetrics.registerFont(font)
            self._loaded[face] = font
        return font

    def width(self, text: str, face: str, size: float) -> float:
        return self._font(face).stringWidth(text, size)

    def ascent(self, face: str, size: float) -> float:
        return self._font(face).face.ascent * size / 1000

    def descent(self, face: str, size: float) -> float:
        return -self._font(face).face.descent * size / 1000

    def missing(self, text: str, face: str) -> set[str]:
        """Characters of `text` the face has no glyph for (they would print as empty boxes)."""
        cmap = self._font(face).face.charToGlyph
        return {char for char in text if not char.isspace() and ord(char) not in cmap}

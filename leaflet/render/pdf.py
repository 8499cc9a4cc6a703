"""Draw finished pages onto a PDF with ReportLab.

Nothing is decided here: every position, size and colour comes from layout
and prepress. The document carries its title, language and subject, asks
viewers to print duplex flipping on the short edge (how a tri-fold is
printed), sets TrimBox and BleedBox, and is written `invariant` so that the
same input gives byte-identical files. With `cmyk`, every colour and picture
is written in CMYK and no RGB is left.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..colours import to_cmyk
from ..layout.items import Circle, Item, Line, Link, Outline, Picture, QRSymbol, Rect, TextRun
from ..layout.prepress import PrintPage
from .fonts import Fonts
from .qr import qr_modules

CREATOR = "leaflet"
SYNTHETIC_BOLD_STROKE = 0.035
"""Outline width, as a share of the type size, that makes a regular weight read as bold."""


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    language: str
    subject: str = ""
    author: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class _Pen:
    """What every drawing function needs besides the item: the canvas, fonts and colour model."""

    canvas: Canvas
    fonts: Fonts
    cmyk: bool

    def colour(self, hex_colour: str) -> Color:
        if self.cmyk:
            return CMYKColor(*to_cmyk(hex_colour))
        return HexColor(hex_colour)


def render_pdf(pages: Sequence[PrintPage], info: DocumentInfo, fonts: Fonts, cmyk: bool = False) -> bytes:
    """The PDF of finished pages, as bytes (written to disk by the caller)."""
    buffer = io.BytesIO()
    first = pages[0].media
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        lang=info.language,
        # start pages in a bundled font, or ReportLab lists an unembedded Helvetica
        initialFontName=fonts.font_name("regular"),
    )
    canvas.setTitle(info.title)
    canvas.setSubject(info.subject or info.title)
    canvas.setAuthor(info.author)
    canvas.setCreator(CREATOR)
    canvas.setKeywords(info.keywords)
    canvas.setViewerPreference("Duplex", "/DuplexFlipShortEdge")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    pen = _Pen(canvas, fonts, cmyk)
    for page in pages:
        canvas.setPageSize((page.media.width, page.media.height))
        canvas.setTrimBox(_array(page.trim))
        canvas.setBleedBox(_array(page.bleed))
        for item in page.items:
            _DRAW[type(item)](pen, item)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _array(box) -> list[float]:
    return [box.x0, box.y0, box.x1, box.y1]


def _text(pen: _Pen, run: TextRun) -> None:
    pen.canvas.setFillColor(pen.colour(run.colour))
    text = pen.canvas.beginText(run.x, run.baseline)
    text.setFont(pen.fonts.font_name(run.face), run.size)
    emboldened = ":" in run.face and pen.fonts.synthetic_bold(run.face)
    if emboldened:  # fill and stroke: a font with no bold weight still sets headings apart
        pen.canvas.setStrokeColor(pen.colour(run.colour))
        pen.canvas.setLineWidth(run.size * SYNTHETIC_BOLD_STROKE)
        text.setTextRenderMode(2)
    shaped = pen.fonts.shape(run.text, run.face, run.size)
    glyphs = getattr(shaped, "__shapeData__", None)
    if glyphs is None:
        text.textOut(_printable(run.text))
    else:
        # Complex scripts are drawn glyph by glyph where HarfBuzz put them (joined Arabic,
        # conjuncts, marks, right-to-left order). ReportLab's drawString only shapes with its
        # optional rlbidi, and its run-at-once output takes some substituted glyphs' widths
        # from the unshaped characters, which PDF readers then follow.
        _glyphs(text, shaped, glyphs, run)
    if emboldened:
        text.setTextRenderMode(0)
    pen.canvas.drawText(text)


def _printable(text: str) -> str:
    """The text without invisible format marks (LRM, ZWJ...): a shaper hides them, a plain font may draw a box."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def _glyphs(text, shaped: str, glyphs, run: TextRun) -> None:
    """Shaped glyphs, each where HarfBuzz put it; a glyph that sits where the one before left the
    pen (on the same height, at its own advance) joins that one's string, so a line is a few
    strings, not one positioning command per glyph."""
    scale = run.size / 1000
    x = run.x
    pen: tuple[float, float] | None = None  # where the PDF's own text position is after the string so far
    pending: list[str] = []
    for char, glyph in zip(shaped, glyphs):
        gx, gy = x + glyph.x_offset * scale, run.baseline + glyph.y_offset * scale
        if pen is None or abs(gx - pen[0]) > 1e-4 or abs(gy - pen[1]) > 1e-4:
            if pending:
                text.textOut("".join(pending))
                pending.clear()
            text.setTextOrigin(gx, gy)
            pen = (gx, gy)
        pending.append(str(char))
        pen = (pen[0] + glyph.width * scale, gy)  # the glyph's own advance in the font
        x += glyph.x_advance * scale
    if pending:
        text.textOut("".join(pending))


def _rect(pen: _Pen, rect: Rect) -> None:
    pen.canvas.setFillColor(pen.colour(rect.colour))
    box = rect.box
    if rect.radius:
        pen.canvas.roundRect(box.x0, box.y0, box.width, box.height, rect.radius, stroke=0, fill=1)
    else:
        pen.canvas.rect(box.x0, box.y0, box.width, box.height, stroke=0, fill=1)


def _circle(pen: _Pen, circle: Circle) -> None:
    pen.canvas.setFillColor(pen.colour(circle.colour))
    pen.canvas.circle(circle.cx, circle.cy, circle.r, stroke=0, fill=1)


def _outline(pen: _Pen, outline: Outline) -> None:
    path = pen.canvas.beginPath()
    for op, *coords in outline.commands:
        {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo, "Z": path.close}[op](*coords)
    pen.canvas.setFillColor(pen.colour(outline.colour))
    pen.canvas.drawPath(path, stroke=0, fill=1)


def _line(pen: _Pen, line: Line) -> None:
    canvas = pen.canvas
    canvas.setStrokeColor(pen.colour(line.colour))
    canvas.setLineWidth(line.width)
    canvas.setDash(list(line.dash) if line.dash else [])
    canvas.line(line.x0, line.y0, line.x1, line.y1)


def _picture(pen: _Pen, picture: Picture) -> None:
    box = picture.box
    if pen.cmyk:
        from PIL import Image  # only builds with pictures pay for Pillow

        with Image.open(picture.path) as image:
            source = ImageReader(image.convert("CMYK"))
    else:
        source = str(picture.path)
    pen.canvas.drawImage(source, box.x0, box.y0, box.width, box.height, mask="auto")


def _qr(pen: _Pen, symbol: QRSymbol) -> None:
    """Draw the code's dark modules as one filled path, a rectangle per horizontal run."""
    modules = qr_modules(symbol.data)
    box = symbol.box
    size = min(box.width, box.height) / len(modules)
    path = pen.canvas.beginPath()  # one path: no seams between neighbouring modules
    for row_index, row in enumerate(modules):
        y = box.y1 - (row_index + 1) * size
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                path.rect(box.x0 + column * size, y, length * size, size)
            column += length
    pen.canvas.setFillColor(pen.colour(symbol.colour))
    pen.canvas.drawPath(path, stroke=0, fill=1)


def _link(pen: _Pen, link: Link) -> None:
    box = link.box
    pen.canvas.linkURL(link.url, (box.x0, box.y0, box.x1, box.y1), relative=0, thickness=0)


_DRAW: dict[type, Callable[[_Pen, Item], None]] = {
    TextRun: _text,
    Rect: _rect,
    Circle: _circle,
    Outline: _outline,
    Line: _line,
    Picture: _picture,
    QRSymbol: _qr,
    Link: _link,
}

"""Draw a finished layout onto PDF pages with ReportLab.

Nothing is decided here: every position, size and colour comes from the
layout. The document carries its title, language and subject, asks viewers
to print duplex flipping on the short edge (how a tri-fold is printed), and
is written `invariant` so that the same input gives byte-identical files.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from itertools import groupby

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ..layout import Layout
from ..layout.items import Circle, Item, Link, Outline, Picture, QRSymbol, Rect, TextRun
from ..model import Leaflet
from .fonts import Fonts
from .qr import qr_modules

CREATOR = "leaflet"


def render_pdf(layout: Layout, leaflet: Leaflet, fonts: Fonts) -> bytes:
    """The PDF of a laid-out leaflet, as bytes (written to disk by the caller)."""
    buffer = io.BytesIO()
    first = layout.sheet.pages[0]
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        lang=leaflet.language,
        # start pages in a bundled font, or ReportLab lists an unembedded Helvetica
        initialFontName=fonts.font_name("regular"),
    )
    canvas.setTitle(leaflet.title)
    canvas.setSubject(leaflet.subject or leaflet.title)
    canvas.setAuthor(leaflet.author)
    canvas.setCreator(CREATOR)
    canvas.setViewerPreference("Duplex", "/DuplexFlipShortEdge")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    for index, page in enumerate(layout.sheet.pages):
        canvas.setPageSize((page.width, page.height))
        for panel in layout.page_panels(index):
            for item in panel.items:
                _DRAW[type(item)](canvas, item, fonts)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text(canvas: Canvas, run: TextRun, fonts: Fonts) -> None:
    canvas.setFillColor(HexColor(run.colour))
    canvas.setFont(fonts.font_name(run.face), run.size)
    canvas.drawString(run.x, run.baseline, run.text)


def _rect(canvas: Canvas, rect: Rect, fonts: Fonts) -> None:
    canvas.setFillColor(HexColor(rect.colour))
    box = rect.box
    if rect.radius:
        canvas.roundRect(box.x0, box.y0, box.width, box.height, rect.radius, stroke=0, fill=1)
    else:
        canvas.rect(box.x0, box.y0, box.width, box.height, stroke=0, fill=1)


def _circle(canvas: Canvas, circle: Circle, fonts: Fonts) -> None:
    canvas.setFillColor(HexColor(circle.colour))
    canvas.circle(circle.cx, circle.cy, circle.r, stroke=0, fill=1)


def _outline(canvas: Canvas, outline: Outline, fonts: Fonts) -> None:
    path = canvas.beginPath()
    for op, *coords in outline.commands:
        {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo, "Z": path.close}[op](*coords)
    canvas.setFillColor(HexColor(outline.colour))
    canvas.drawPath(path, stroke=0, fill=1)


def _picture(canvas: Canvas, picture: Picture, fonts: Fonts) -> None:
    box = picture.box
    canvas.drawImage(str(picture.path), box.x0, box.y0, box.width, box.height, mask="auto")


def _qr(canvas: Canvas, symbol: QRSymbol, fonts: Fonts) -> None:
    """Draw the code's dark modules as one filled path, a rectangle per horizontal run."""
    modules = qr_modules(symbol.data)
    box = symbol.box
    size = min(box.width, box.height) / len(modules)
    path = canvas.beginPath()  # one path: no seams between neighbouring modules
    for row_index, row in enumerate(modules):
        y = box.y1 - (row_index + 1) * size
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                path.rect(box.x0 + column * size, y, length * size, size)
            column += length
    canvas.setFillColor(HexColor(symbol.colour))
    canvas.drawPath(path, stroke=0, fill=1)


def _link(canvas: Canvas, link: Link, fonts: Fonts) -> None:
    box = link.box
    canvas.linkURL(link.url, (box.x0, box.y0, box.x1, box.y1), relative=0, thickness=0)


_DRAW: dict[type, Callable[[Canvas, Item, Fonts], None]] = {
    TextRun: _text,
    Rect: _rect,
    Circle: _circle,
    Outline: _outline,
    Picture: _picture,
    QRSymbol: _qr,
    Link: _link,
}

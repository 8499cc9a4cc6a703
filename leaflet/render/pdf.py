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
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas

from ..colours import to_cmyk
from ..languages import direction_for, script_for
from ..layout.bidi import RIGHT_TO_LEFT_LETTERS
from ..layout.items import Circle, Item, Line, Link, Outline, Picture, QRSymbol, Rect, TextRun
from ..layout.prepress import PrintPage
from ..markup import ascii_address
from .fonts import Fonts
from .qr import qr_modules
from .structure import Marks, output_intent

CREATOR = "leaflet"
SYNTHETIC_BOLD_STROKE = 0.035
"""Outline width, as a share of the type size, that makes a regular weight read as bold."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says of itself: title, language, subject, author and keywords."""

    title: str
    language: str
    subject: str = ""
    author: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class _Pen:
    """What every drawing function needs besides the item: the canvas, fonts, colour model and the
    marked content being numbered for the structure tree."""

    canvas: Canvas
    fonts: Fonts
    cmyk: bool
    marks: Marks
    latin_edition: bool = True
    pictures: dict[Path, ImageReader] = field(default_factory=dict)
    """Each picture converted to CMYK once, however many times it is placed (a logo in every clinic box)."""

    def other_language(self, text: str) -> str:
        """'en' for a run of Latin words in an edition in another script ("IPT", an English
        address in Urdu), so that a screen reader speaks it as English; '' otherwise."""
        if self.latin_edition or not _LATIN_WORD.search(text):
            return ""
        letters = [char for char in text if char.isalpha()]
        return "en" if letters and all(char.isascii() for char in letters) else ""

    def colour(self, hex_colour: str) -> Color:
        if self.cmyk:
            return CMYKColor(*to_cmyk(hex_colour))
        return HexColor(hex_colour)


def render_pdf(
    pages: Sequence[PrintPage], info: DocumentInfo, fonts: Fonts, cmyk: bool = False, press: bool = False
) -> bytes:
    """The PDF of finished pages, as bytes (written to disk by the caller).

    For a print shop (`press`) it is PDF/X-4: every colour in CMYK for the printing condition
    its output intent names, with that condition's ICC profile embedded.
    """
    cmyk = cmyk or press
    buffer = io.BytesIO()
    first = pages[0].media
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        lang=info.language,
        # start pages in a bundled font, or ReportLab lists an unembedded Helvetica
        initialFontName=fonts.font_name("regular"),
        pdfVersion=(1, 7),
    )
    canvas.setTitle(info.title)
    canvas.setSubject(info.subject or info.title)
    canvas.setAuthor(info.author)
    canvas.setCreator(CREATOR)
    canvas.setKeywords(info.keywords)
    canvas.setViewerPreference("Duplex", "/DuplexFlipShortEdge")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    marks = Marks(canvas, direction_for(info.language) == "rtl")
    pen = _Pen(canvas, fonts, cmyk, marks, script_for(info.language).code in ("Latn", "Cyrl", "Grek"))
    for page in pages:
        canvas.setPageSize((page.media.width, page.media.height))
        canvas.setTrimBox(_array(page.trim))
        canvas.setBleedBox(_array(page.bleed))
        marks.start_page()
        for line in _lines(page.items):
            if isinstance(line, list):
                _text_line(pen, line)
            elif isinstance(line, Link):
                _link(pen, line)  # an annotation, not page content: no marked content around it
            else:
                marks.begin(getattr(line, "tag", None), getattr(line, "order", ()))
                _DRAW[type(line)](pen, line)
                marks.end()
        canvas.showPage()
        marks.finish_page()
    marks.write(info.language)
    marks.metadata(info.title, info.language, info.subject or info.title, info.author, CREATOR, press)
    if press:
        output_intent(canvas)
    canvas.save()
    return buffer.getvalue()


def _lines(items: Sequence[Item]) -> list[Item | list[TextRun]]:
    """The items, with the runs of each line of text put together: the first run of a line carries
    the line's text (`TextRun.actual`) and the runs after it ''."""
    result: list[Item | list[TextRun]] = []
    for item in items:
        if isinstance(item, TextRun) and item.actual is not None:
            if item.actual == "" and result and isinstance(result[-1], list):
                result[-1].append(item)
            else:
                result.append([item])
        else:
            result.append(item)
    return result


def _text_line(pen: _Pen, runs: list[TextRun]) -> None:
    """A line of text, marked with the text it says where its glyphs do not say it in order.

    Shaped glyphs (ligatures, conjuncts, joined Arabic), a right-to-left line drawn
    in display order, or a hyphenated word would be copied, searched and read aloud
    wrong; a marked-content span with /ActualText gives readers the line as written.
    """
    text = runs[0].actual or ""
    said = "".join(run.text for run in runs)
    marked = bool(text) and (said != text or any(pen.fonts.shaped(run.face) for run in runs))
    if marked:
        pen.canvas.addLiteral(f"/Span <</ActualText {_pdf_text(_in_reading_order(text))}>> BDC")
    if not pen.latin_edition and any(RIGHT_TO_LEFT_LETTERS.search(run.text) for run in runs):
        runs = runs[::-1]  # drawn from its first word, so the content stream holds it in reading order
    for run in runs:
        pen.marks.begin(run.tag, run.order, pen.other_language(run.text))
        _text(pen, run)
        pen.marks.end()
    if marked:
        pen.canvas.addLiteral("EMC")


def _in_reading_order(text: str) -> str:
    """The line's text as text extraction expects to meet it on the page, so that it gives the logical text back.

    Readers put the characters of a line back in reading order themselves, as they must
    for glyphs drawn in display order, and poppler (pdftotext, Evince, most Linux readers)
    does the same with /ActualText. It takes a line's direction from its count of
    left-to-right against right-to-left letters, then reads it in sections: in a
    right-to-left line, from the right, a section of everything but Latin letters and
    digits, read backwards, then a Latin section read forwards up to the next
    right-to-left letter; a left-to-right line the other way about. So the text is written
    in the order that reading undoes. A space between "IPT" and the Arabic word after it
    would be read into the Latin section, before "IPT": a right-to-left mark (an invisible
    U+200F) after the Latin section keeps it where it was written, and a left-to-right
    mark does the same in a left-to-right line. Text with no right-to-left letters is left
    as it is.
    """
    kinds = "".join(_strength(char) for char in text)
    if "R" not in kinds:
        return text
    if kinds.count("L") - kinds.count("D") >= kinds.count("R"):  # poppler's count leaves digits out
        sections, mark = _RIGHT_TO_LEFT_SECTION, "\u200e"
    else:
        sections, mark = _LEFT_TO_RIGHT_SECTION, "\u200f"
    parts: list[tuple[bool, str]] = []  # (is a section of the line's minority direction, its text)
    at = 0
    for found in sections.finditer(kinds):
        parts += [(False, text[at : found.start()]), (True, text[found.start() : found.end()])]
        at = found.end()
    parts.append((False, text[at:]))
    for index in range(1, len(parts) - 1, 2):  # keep what follows a section out of it
        following = parts[index + 1][1]
        if following and _strength(following[0]) == "n":
            parts[index + 1] = (False, mark + following)
    if mark == "\u200e":
        return "".join(part[::-1] if minority else part for minority, part in parts)
    return "".join(part if minority else part[::-1] for minority, part in reversed(parts))


_LEFT_TO_RIGHT_SECTION = re.compile("[LD](?:[^R]*[LD])?")
_RIGHT_TO_LEFT_SECTION = re.compile("R(?:[^LD]*R)?")


def _strength(char: str) -> str:
    """'R', 'L', 'D' (a digit) or 'n', as poppler classes characters: marks go with their script's letters."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL") or (kind == "NSM" and RIGHT_TO_LEFT_LETTERS.match(char)):
        return "R"
    if kind in ("EN", "AN") or char in _NUMBER_PUNCTUATION:
        return "D"
    return "L" if kind == "L" else "n"


_LATIN_WORD = re.compile("[A-Za-z]{2,}")
_NUMBER_PUNCTUATION = frozenset(".,:\u060c\u066b\u066c")
"""Full stops, commas and colons (the Arabic ones too), which poppler reads as part of a number."""


def _pdf_text(text: str) -> str:
    """A PDF text string in UTF-16BE with its byte-order mark, written in hex (nothing to escape)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


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
    strings, not one positioning command per glyph.

    A right-to-left run is drawn glyph by glyph from its first letter (HarfBuzz gives it from
    the left): the content stream then holds the text in the order it is read, which is what
    text extraction that follows the stream (and a screen reader without the tags) gets.
    """
    scale = run.size / 1000
    x = run.x
    placed = []  # (x, y, glyph code, advance) in display order
    for char, glyph in zip(shaped, glyphs):
        placed.append((x + glyph.x_offset * scale, run.baseline + glyph.y_offset * scale, str(char), glyph.width))
        x += glyph.x_advance * scale
    if len(glyphs) > 1 and glyphs[0].cluster > glyphs[-1].cluster:  # right to left
        for gx, gy, char, _ in reversed(placed):
            text.setTextOrigin(gx, gy)
            text.textOut(char)
        return
    pen: tuple[float, float] | None = None  # where the PDF's own text position is after the string so far
    pending: list[str] = []
    for gx, gy, char, width in placed:
        if pen is None or abs(gx - pen[0]) > 1e-4 or abs(gy - pen[1]) > 1e-4:
            if pending:
                text.textOut("".join(pending))
                pending.clear()
            text.setTextOrigin(gx, gy)
            pen = (gx, gy)
        pending.append(char)
        pen = (pen[0] + width * scale, gy)  # the glyph's own advance in the font
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

        source = pen.pictures.get(picture.path)
        if source is None:
            with Image.open(picture.path) as image:
                source = pen.pictures[picture.path] = ImageReader(image.convert("CMYK"))
    else:
        source = str(picture.path)
    pen.canvas.drawImage(source, box.x0, box.y0, box.width, box.height, mask="auto")


def _qr(pen: _Pen, symbol: QRSymbol) -> None:
    """Draw the code's dark modules as one filled path, a rectangle per horizontal run."""
    modules = qr_modules(ascii_address(symbol.data))  # what every phone's reader opens
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
    keys = pen.marks.link(link.tag, (box.x0,))
    said = f"{link.text.strip()}: {link.url}" if link.text.strip() and link.text.strip() != link.url else link.url
    pen.canvas.linkURL(
        ascii_address(link.url),
        (box.x0, box.y0, box.x1, box.y1),
        relative=0,
        thickness=0,
        Contents=PDFString(said),
        **keys,
    )
    if keys:
        pen.marks.annotated("NUMBER" + repr(pen.canvas._annotationCount))


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

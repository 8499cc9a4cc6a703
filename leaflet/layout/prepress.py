"""Prepress: a laid-out sheet made ready for its printer. Pure geometry, nothing drawn.

Takes the `Layout` (trim coordinates) and a `Target`; gives `PrintPage`s with
their page boxes and every item in page coordinates:

- **office**: the page is the sheet. Office printers cannot print the outer
  4-5 mm, so colour bands that touch the sheet edge stop 5 mm inside it and
  the sheet gets a clean white margin rather than a ragged one.
- **press**: the page is the sheet plus a 3 mm (1/8 in) bleed plus a slug.
  Bands that touch the trim run out to the bleed edge; crop marks, dashed fold
  marks and a slug line sit outside the bleed. TrimBox and BleedBox say which
  is which, as print shops expect.

A measured duplex offset moves the inside page only, to make up for an office
printer that prints the back of the sheet a few millimetres off.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..geometry import PageGeometry, Sheet, Target
from ..units import Box, mm, to_mm
from . import Layout
from .items import Item, Line, Rect, TextRun, node
from .lines import Measure

SLUG = mm(12)
"""Room beyond the bleed for the marks and the slug line."""
CROP_MARK_LENGTH = mm(6)
MARK_OFFSET = mm(1)
"""Marks start this far outside the bleed edge, so that none enters it."""
HAIRLINE = 0.25
MARK_COLOUR = "#000000"
FOLD_DASH = (3.0, 2.0)
SLUG_TEXT_SIZE = 6.0
DRAFT_TEXT = "DRAFT TRANSLATION - NOT FOR PATIENT USE"
DRAFT_COLOUR = "#D5281B"
"""NHS red: white bold text on it reaches 4.5:1."""


@dataclass(frozen=True)
class PrintPage:
    """A finished page: its boxes and what to draw, in page coordinates."""

    name: str
    media: Box
    trim: Box
    bleed: Box
    items: tuple[Item, ...]


def prepare(
    layout: Layout,
    target: Target,
    slug_text: str,
    measure: Measure,
    duplex_offset: tuple[float, float] = (0.0, 0.0),
    draft: bool = False,
) -> tuple[PrintPage, ...]:
    """Turn a laid-out sheet into pages for the target printer; a draft is marked on every panel."""
    pages = []
    any_band = False
    for index, page in enumerate(layout.sheet.pages):
        dx, dy = duplex_offset if index == 1 else (0.0, 0.0)
        # the offset moves the page first, so that office margins hold where the printer really prints
        items = [item.moved(dx, dy) for panel in layout.page_panels(index) for item in panel.items]
        items = [edged for item in items if (edged := _edge_artwork(item, page, layout.sheet, target)) is not None]
        if draft:
            for panel in page.panels:  # the first band is read out, before the leaflet; the rest repeat it
                items += draft_mark(panel.box.moved(dx, dy), measure, read_out=not any_band)
                any_band = True
        pages.append(frame_page(page, layout.sheet, target, items, f"{slug_text} | {page.name} page", measure))
    return tuple(pages)


def frame_page(
    page: PageGeometry,
    sheet: Sheet,
    target: Target,
    items: list[Item],
    slug_text: str,
    measure: Measure,
    shift: tuple[float, float] = (0.0, 0.0),
) -> PrintPage:
    """Place trim-coordinate items on a page with the target's boxes and marks."""
    margin = sheet.paper.bleed + SLUG if target.bleeds else 0.0
    trim = Box(margin, margin, margin + page.width, margin + page.height)
    media = Box(0.0, 0.0, page.width + 2 * margin, page.height + 2 * margin)
    bleed_amount = sheet.paper.bleed if target.bleeds else 0.0
    bleed = trim.inset(-bleed_amount, -bleed_amount, -bleed_amount, -bleed_amount)
    placed = [item.moved(margin + shift[0], margin + shift[1]) for item in items]
    if target.bleeds:
        placed += crop_marks(trim, bleed) + fold_marks(page, trim, bleed)
        placed.append(_slug_line(slug_text, trim, bleed, measure))
    return PrintPage(page.name, media, trim, bleed, tuple(placed))


def draft_mark(panel: Box, measure: Measure, read_out: bool = False) -> list[Item]:
    """A red band across the top of a panel: an unreviewed translation must never pass for a final one.

    It sits in the top margin, between 5.3 and 8.6 mm from the edge, clear of text that
    starts at 10 mm, over any colour band there.
    """
    size = 6.5
    band = Box(panel.x0 + mm(5.5), panel.y1 - mm(8.6), panel.x1 - mm(5.5), panel.y1 - mm(5.3))
    width = measure.width(DRAFT_TEXT, "bold", size)
    text = TextRun(
        x=(band.x0 + band.x1 - width) / 2,
        baseline=band.y0 + (band.height - size * 0.7) / 2,
        text=DRAFT_TEXT,
        face="bold",
        size=size,
        colour="#FFFFFF",
        width=width,
        ascent=measure.ascent("bold", size),
        descent=measure.descent("bold", size),
        tag=(node("P", (-1, 0), Lang="en-GB"),) if read_out else None,
    )
    return [Rect(band, DRAFT_COLOUR), text]


def crop_marks(trim: Box, bleed: Box) -> list[Item]:
    """Two hairlines at each corner, in line with the trim edges, outside the bleed."""
    marks: list[Item] = []
    gap_x = trim.x0 - bleed.x0 + MARK_OFFSET
    gap_y = trim.y0 - bleed.y0 + MARK_OFFSET
    for x, sx in ((trim.x0, -1), (trim.x1, 1)):
        for y, sy in ((trim.y0, -1), (trim.y1, 1)):
            near_x, far_x = x + sx * gap_x, x + sx * (gap_x + CROP_MARK_LENGTH)
            near_y, far_y = y + sy * gap_y, y + sy * (gap_y + CROP_MARK_LENGTH)
            marks.append(Line(near_x, y, far_x, y, MARK_COLOUR, HAIRLINE))
            marks.append(Line(x, near_y, x, far_y, MARK_COLOUR, HAIRLINE))
    return marks


def fold_marks(page: PageGeometry, trim: Box, bleed: Box) -> list[Item]:
    """A short dashed line above and below the sheet in line with every fold."""
    marks: list[Item] = []
    gap = trim.y0 - bleed.y0 + MARK_OFFSET
    for fold in page.folds:
        x = trim.x0 + fold
        marks.append(Line(x, trim.y1 + gap, x, trim.y1 + gap + CROP_MARK_LENGTH, MARK_COLOUR, HAIRLINE, FOLD_DASH))
        marks.append(Line(x, trim.y0 - gap, x, trim.y0 - gap - CROP_MARK_LENGTH, MARK_COLOUR, HAIRLINE, FOLD_DASH))
    return marks


def _slug_line(text: str, trim: Box, bleed: Box, measure: Measure) -> TextRun:
    """Identification below the sheet: what this is, without a date, so builds stay identical."""
    baseline = bleed.y0 - MARK_OFFSET - CROP_MARK_LENGTH - mm(3)
    return TextRun(
        x=trim.x0 + mm(4),
        baseline=baseline,
        text=text,
        face="regular",
        size=SLUG_TEXT_SIZE,
        colour=MARK_COLOUR,
        width=measure.width(text, "regular", SLUG_TEXT_SIZE),
        ascent=measure.ascent("regular", SLUG_TEXT_SIZE),
        descent=measure.descent("regular", SLUG_TEXT_SIZE),
    )


def _edge_artwork(item: Item, page: PageGeometry, sheet: Sheet, target: Target) -> Item | None:
    """Colour at the sheet edge: out into the bleed (press), or kept off the unprintable margin (office).

    Press: a side that touches the trim runs out to the bleed edge. Office: every
    colour area is cut back to the printable area, 5 mm inside the sheet, even when a
    duplex offset has moved it there; one left with nothing to print is dropped.
    """
    if not isinstance(item, Rect):
        return item
    box = item.box
    edges = Box(0.0, 0.0, page.width, page.height)
    if target.bleeds:
        reach, touching = sheet.paper.bleed, 0.01
        x0 = edges.x0 - reach if box.x0 <= edges.x0 + touching else box.x0
        y0 = edges.y0 - reach if box.y0 <= edges.y0 + touching else box.y0
        x1 = edges.x1 + reach if box.x1 >= edges.x1 - touching else box.x1
        y1 = edges.y1 + reach if box.y1 >= edges.y1 - touching else box.y1
        return replace(item, box=Box(x0, y0, x1, y1))
    clear = target.edge_clearance
    printable = edges.inset(clear, clear, clear, clear)
    clipped = Box(max(box.x0, printable.x0), max(box.y0, printable.y0), min(box.x1, printable.x1),
                  min(box.y1, printable.y1))  # fmt: skip
    if clipped.width <= 0 or clipped.height <= 0:
        return None
    return item if clipped == box else replace(item, box=clipped)


def describe(sheet: Sheet, target: Target) -> str:
    """The sheet in words, for the slug line and reports."""
    size = f"{to_mm(sheet.paper.width):.0f} x {to_mm(sheet.paper.height):.0f} mm"
    return f"{sheet.paper.name.upper()} {size} {sheet.fold}-fold, {target.name}"

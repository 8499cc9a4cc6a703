"""The duplex calibration sheet: measures how far a printer puts the back of a sheet off.

Page 1 carries a crosshair in each panel; page 2 carries, exactly behind each
one, a millimetre scale across and up. Printed double-sided and held up to a
window, each crosshair shows through against its scale, and the readings are
the offset to give `--duplex-offset X,Y`, which moves the inside page by that
much. Both sides also show the panels and the folds, and which way to flip.
Pure layout: the sheet is built from the same geometry as the leaflets.
"""

from __future__ import annotations

from dataclasses import replace

from ..geometry import PageGeometry, PanelPlace, Sheet
from ..markup import parse_inline
from ..units import mm
from .items import Circle, Item, Line, Outline, TextRun, node
from .lines import Measure, TextStyle, set_text

INK = "#212B32"
GUIDE = "#005EB8"
FAINT = "#768692"
SCALE_MM = 8
"""Each scale reads from -8 to +8 mm: office duplex is usually 1-4 mm off."""
CROSS = mm(7)
TARGET_HEIGHT = 0.62
"""Crosshairs sit this far up the sheet, leaving the lower middle panel for the instructions."""

INSTRUCTIONS = (
    "**How to measure your printer**\n\n"
    "1. Print this sheet double-sided, **flip on short edge**, at actual size (100%, not 'fit to page').\n\n"
    "2. Hold it up to a window or a lamp with this side facing you.\n\n"
    "3. Each cross from the other side shows through on a scale. Read **X** (across) and **Y** (up) in mm "
    "where its centre falls; A, B and C should agree.\n\n"
    "4. Build leaflets with **leaflet build --duplex-offset X,Y**, or save the two numbers in a printer file "
    "(duplex_offset_mm: \\[X, Y\\]) and use **--printer FILE**.\n\n"
    "5. Print this sheet again with the same option: every cross should now sit on 0.\n\n"
    "If this side comes out upside down, the printer flipped on the long edge: choose **flip on short edge**."
)


def calibration_pages(
    sheet: Sheet, measure: Measure, offset_mm: tuple[float, float] = (0.0, 0.0)
) -> tuple[list[Item], list[Item]]:
    """Items for the outside and inside pages, in trim coordinates; a sheet printed with an offset
    says so, since its readings are then what is left over, to add to that offset."""
    outside, inside = sheet.pages
    front: list[Item] = []
    back: list[Item] = []
    for page, items, label in ((outside, front, "page 1: outside"), (inside, back, "page 2: inside")):
        items += _folds(page) + _panel_names(page, label, measure) + _top_arrow(page, measure)
    for letter, panel in zip("ABC", outside.panels):
        x, y = (panel.box.x0 + panel.box.x1) / 2, outside.height * TARGET_HEIGHT
        front.extend(_crosshair(x, y, letter, measure))
        # seen from the other side (flipped on the short edge) the same point is mirrored left to right
        back.extend(_scales(outside.width - x, y, letter, measure))
    back.extend(_instructions(inside, measure, offset_mm))
    return front, back


def _text(
    text: str, x: float, baseline: float, size: float, measure: Measure, colour: str = INK, bold=False
) -> TextRun:
    face = "bold" if bold else "regular"
    return TextRun(
        x, baseline, text, face, size, colour,
        measure.width(text, face, size), measure.ascent(face, size), measure.descent(face, size),
    )  # fmt: skip


def _centred(text: str, cx: float, baseline: float, size: float, measure: Measure, **kw) -> TextRun:
    face = "bold" if kw.get("bold") else "regular"
    return _text(text, cx - measure.width(text, face, size) / 2, baseline, size, measure, **kw)


def _folds(page: PageGeometry) -> list[Item]:
    margin = mm(6)
    return [Line(x, margin, x, page.height - margin, GUIDE, 0.75, (6.0, 4.0)) for x in page.folds]


def _panel_names(page: PageGeometry, label: str, measure: Measure) -> list[Item]:
    items: list[Item] = []
    for panel in page.panels:
        cx = (panel.box.x0 + panel.box.x1) / 2
        items.append(_centred(panel.name, cx, page.height - mm(32), 22, measure, colour=FAINT, bold=True))
        items.append(_centred(label, cx, page.height - mm(39), 9, measure, colour=FAINT))
    return items


def _top_arrow(page: PageGeometry, measure: Measure) -> list[Item]:
    """An arrow to the top edge: both sides must come out this way up when flipped on the short edge."""
    cx, top = page.width / 2, page.height - mm(8)
    head = mm(3)
    arrow: list[Item] = [
        Line(cx, top - mm(12), cx, top - head, INK, 1.0),
        Outline((("M", cx - head, top - head), ("L", cx, top), ("L", cx + head, top - head), ("Z",)), INK),
    ]
    arrow.append(_text("top", cx + mm(2.5), top - mm(6), 9, measure, bold=True))
    return arrow


def _crosshair(x: float, y: float, letter: str, measure: Measure) -> list[Item]:
    items: list[Item] = [
        Line(x - CROSS, y, x + CROSS, y, INK, 0.5),
        Line(x, y - CROSS, x, y + CROSS, INK, 0.5),
        Circle(x, y, mm(0.6), INK),
    ]
    items.append(_text(letter, x + mm(2), y + mm(2), 14, measure, bold=True))
    return items


def _scales(x: float, y: float, letter: str, measure: Measure) -> list[Item]:
    """A millimetre scale across and one up, crossing where the crosshair should fall."""
    items: list[Item] = []
    for step in range(-SCALE_MM, SCALE_MM + 1):
        long = step % 5 == 0
        tick = mm(2.2 if long else 1.2)
        items.append(Line(x + mm(step), y - tick, x + mm(step), y + tick, INK, 0.4))
        items.append(Line(x - tick, y + mm(step), x + tick, y + mm(step), INK, 0.4))
        if long and step:  # X labels below, Y labels well to the left: the two sets never meet
            items.append(_centred(f"{step:+d}", x + mm(step), y - mm(7.5), 7, measure))
            label = f"{step:+d}"
            items.append(
                _text(label, x - mm(8) - measure.width(label, "regular", 7), y + mm(step) - mm(0.9), 7, measure)
            )
    reach = mm(SCALE_MM)
    items += [Line(x - reach, y, x + reach, y, INK, 0.4), Line(x, y - reach, x, y + reach, INK, 0.4)]
    items.append(_text("X", x + reach + mm(1.5), y - mm(1.2), 9, measure, bold=True))
    items.append(_centred("Y", x, y + reach + mm(2), 9, measure, bold=True))
    items.append(_text(letter, x + mm(4), y + reach - mm(3), 14, measure, bold=True))
    return items


def _instructions(page: PageGeometry, measure: Measure, offset_mm: tuple[float, float]) -> list[Item]:
    """The steps, in the middle panel below its scale, clear of the folds; on a sheet printed with an
    offset, a note of it at the foot of the first panel."""
    items = _text_block(INSTRUCTIONS, page.panels[1], 1, measure)
    if any(offset_mm):
        x, y = offset_mm
        note = (
            f"**This sheet was printed with --duplex-offset {x:g},{y:g}**: this side moved X {x:+g} mm, "
            f"Y {y:+g} mm.\n\nIf every cross sits on 0, that offset is right. If not, add what you read to it."
        )
        items += _text_block(note, page.panels[0], 0, measure)
    return items


def _text_block(said: str, panel: PanelPlace, order: int, measure: Measure) -> list[Item]:
    """Text set at the foot of a panel's text area."""
    style = TextStyle(9.5, 13, INK, GUIDE)
    text = set_text(parse_inline(said).spans, style, panel.content.width, measure)
    top = panel.content.y0 + text.height
    tag = (node("P", (order,)),)  # what a screen reader reads of the sheet; the scales are artifacts
    return [
        replace(run.moved(panel.content.x0, top), tag=tag, order=(order, -run.baseline, run.x)) for run in text.runs
    ]

"""Redraw the pictures in docs/ from the code, so they cannot drift from it.

`make docs` runs this from the project root. The panel map and the folding
guide are drawn with Pillow from `leaflet.geometry.sheet()` (no measurement is
copied into this file), and the page previews are the real leaflet built in
memory from content.yaml. Fonts come from the bundled assets, so nothing is
needed from the system.

    docs/panel-map.png               where each panel sits, to scale
    docs/fold.png                    how to fold the printed sheet by hand
    docs/<id>-1-outside.png          the built leaflet, page 1
    docs/<id>-2-inside.png           the built leaflet, page 2
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from leaflet.build import Options, calibrate, make
from leaflet.geometry import SAFE_DISTANCE, Margins, PageGeometry, PanelPlace, Sheet, sheet
from leaflet.preview import write_previews
from leaflet.render.fonts import assets_dir
from leaflet.units import Box, to_mm

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCE = ROOT / "content.yaml"
PREVIEW_DPI = 64

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
TEXT = "#212B32"
GREY = "#4C6272"
PALE_GREY = "#D8DDE0"
SAFE_FILL = "#FBE1DC"
SAFE_LINE = "#E8A396"
CONTENT_FILL = "#EEF5FC"
FLAP_FILL = "#D2E3F5"
GHOST = "#AEB7BD"
WHITE = "#FFFFFF"

SUPERSAMPLE = 2
"""Pictures are drawn this many times larger and shrunk on save, which smooths lines and curves."""
PALETTE_COLOURS = 128

ROLES = {"front": "front cover", "back": "back cover", "flap": "tucks in first"}
PAGE_NOTES = {
    "outside": "the covers: what shows when the leaflet is folded",
    "inside": "printed on the back of page 1: what shows when it is opened",
}

Point = tuple[float, float]
Rect = tuple[float, float, float, float]
"""Pixels in the picture: left, top, right, bottom (y grows downwards)."""


@lru_cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    face = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return ImageFont.truetype(str(assets_dir() / "fonts" / "noto-sans" / face), size * SUPERSAMPLE)


class Canvas:
    """A white picture, addressed in final pixels but drawn at `SUPERSAMPLE` times the size."""

    def __init__(self, width: int, height: int) -> None:
        self.size = (width, height)
        self.image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), WHITE)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _up(points: Sequence[Point]) -> list[Point]:
        return [(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points]

    def rect(self, rect: Rect, fill: str | None = None, outline: str | None = None, width: float = 1) -> None:
        x0, y0, x1, y1 = (value * SUPERSAMPLE for value in rect)
        self.draw.rectangle((x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * SUPERSAMPLE))

    def line(self, points: Sequence[Point], fill: str, width: float = 1) -> None:
        self.draw.line(self._up(points), fill=fill, width=round(width * SUPERSAMPLE), joint="curve")

    def disc(self, at: Point, radius: float, fill: str) -> None:
        x, y = at
        self.draw.ellipse(
            [
                (x - radius) * SUPERSAMPLE,
                (y - radius) * SUPERSAMPLE,
                (x + radius) * SUPERSAMPLE,
                (y + radius) * SUPERSAMPLE,
            ],
            fill=fill,
        )

    def dashed(self, start: Point, end: Point, fill: str, width: float = 2, dash: float = 9, gap: float = 6) -> None:
        (x0, y0), (x1, y1) = start, end
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        at = 0.0
        while at < length:
            stop = min(at + dash, length)
            self.line(
                [
                    (x0 + (x1 - x0) * at / length, y0 + (y1 - y0) * at / length),
                    (x0 + (x1 - x0) * stop / length, y0 + (y1 - y0) * stop / length),
                ],
                fill,
                width,
            )
            at = stop + gap

    def dashed_rect(self, rect: Rect, fill: str, width: float = 2) -> None:
        x0, y0, x1, y1 = rect
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        for start, end in zip(corners, corners[1:]):
            self.dashed(start, end, fill, width)

    def arrow(self, points: Sequence[Point], fill: str, width: float = 2, head: float = 12) -> None:
        """A polyline with an arrowhead at its last point."""
        self.line(points, fill, width)
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        base = (x1 - ux * head, y1 - uy * head)
        wing = (-uy * head * 0.5, ux * head * 0.5)
        tip = [(x1, y1), (base[0] + wing[0], base[1] + wing[1]), (base[0] - wing[0], base[1] - wing[1])]
        self.draw.polygon(self._up(tip), fill=fill)

    def double_arrow(self, start: Point, end: Point, fill: str, width: float = 1.5) -> None:
        self.arrow([end, start], fill, width, head=9)
        self.arrow([start, end], fill, width, head=9)

    def text(self, at: Point, text: str, size: int, fill: str = TEXT, bold: bool = False, anchor: str = "la") -> None:
        x, y = at
        self.draw.text((x * SUPERSAMPLE, y * SUPERSAMPLE), text, font=font(size, bold), fill=fill, anchor=anchor)

    def text_width(self, text: str, size: int, bold: bool = False) -> float:
        return self.draw.textlength(text, font=font(size, bold)) / SUPERSAMPLE

    def save(self, path: Path, height: float | None = None) -> None:
        """Shrink to the final size, cut off below `height` if given, and write a small palette PNG."""
        image = self.image.resize(self.size, Image.Resampling.LANCZOS)
        if height is not None:
            image = image.crop((0, 0, self.size[0], min(round(height), self.size[1])))
        # a flat diagram needs few colours; a palette makes the file about a third the size
        image = image.quantize(PALETTE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        image.save(path, optimize=True)


@dataclass(frozen=True)
class Frame:
    """Where a page is drawn: maps its points (origin bottom left) to picture pixels."""

    left: float
    top: float
    scale: float
    """Pixels per point."""
    page_width: float
    page_height: float

    def x(self, x: float) -> float:
        return self.left + x * self.scale

    def rect(self, box: Box) -> Rect:
        return (
            self.left + box.x0 * self.scale,
            self.top + (self.page_height - box.y1) * self.scale,
            self.left + box.x1 * self.scale,
            self.top + (self.page_height - box.y0) * self.scale,
        )


def millimetres(points: float) -> str:
    return f"{round(to_mm(points), 1):g} mm"


def centre(rect: Rect) -> Point:
    return ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)


def behind(geometry: Sheet, place: PanelPlace) -> PanelPlace:
    """The panel printed on the other side of `place` when the sheet is turned over on its short edge."""
    other = geometry.pages[1 - place.page]
    target = place.box.mirrored(other.width)
    for candidate in other.panels:
        if abs(candidate.box.x0 - target.x0) < 0.5 and abs(candidate.box.x1 - target.x1) < 0.5:
            return candidate
    raise ValueError(f"no panel lies behind {place.name}: the two pages' folds do not line up")


def flap_of(geometry: Sheet) -> PanelPlace:
    """The outside panel that folds in first: the narrowest one."""
    return min(geometry.pages[0].panels, key=lambda place: place.box.width)


def fold_edge(place: PanelPlace) -> float:
    """x of the fold an end panel turns about: the edge that is not a trim edge."""
    return place.box.x0 if place.trim_right else place.box.x1


def folded_over(place: PanelPlace) -> Box:
    """Where an end panel lies once folded over its fold (reflected about it)."""
    edge = fold_edge(place)
    box = place.box
    return Box(2 * edge - box.x1, box.y0, 2 * edge - box.x0, box.y1)


# --- panel map -----------------------------------------------------------------------------------------------------

MAP_WIDTH = 1400
MAP_SHEET_WIDTH = 1040
MAP_TITLE_HEIGHT = 120
MAP_PAGE_HEADING = 104
MAP_PAGE_FOOT = 64
MAP_LEGEND_HEIGHT = 600
"""Room for the legend and notes; the picture is cropped to what they use."""


def draw_dimensions(canvas: Canvas, page: PageGeometry, frame: Frame, y: float) -> None:
    """Arrows above the page giving each panel's width."""
    for place in page.panels:
        x0, x1 = frame.x(place.box.x0), frame.x(place.box.x1)
        canvas.line([(x0, y - 10), (x0, y + 10)], GREY, 1)
        canvas.line([(x1, y - 10), (x1, y + 10)], GREY, 1)
        canvas.double_arrow((x0 + 2, y), (x1 - 2, y), GREY)
        label = millimetres(place.box.width)
        half = canvas.text_width(label, 19, bold=True) / 2 + 8
        mid = (x0 + x1) / 2
        canvas.rect((mid - half, y - 14, mid + half, y + 14), fill=WHITE)
        canvas.text((mid, y), label, 19, NHS_DARK_BLUE, bold=True, anchor="mm")


def draw_panel(canvas: Canvas, geometry: Sheet, place: PanelPlace, frame: Frame) -> None:
    """One panel: the 5 mm band shaded, the content box outlined, and its labels."""
    canvas.rect(frame.rect(place.box), fill=SAFE_FILL)
    canvas.rect(frame.rect(place.box.inset(*(SAFE_DISTANCE,) * 4)), fill=WHITE, outline=SAFE_LINE, width=1)
    content = frame.rect(place.content)
    canvas.rect(content, fill=CONTENT_FILL, outline=NHS_BLUE, width=2.5)
    x, y = centre(content)
    canvas.text((x, y - 58), place.name, 40, NHS_BLUE, bold=True, anchor="ms")
    canvas.text((x, y - 26), ROLES.get(place.name, ""), 20, NHS_DARK_BLUE, anchor="ms")
    canvas.text((x, y + 20), f"{millimetres(place.box.width)} wide", 22, TEXT, anchor="ms")
    box = place.content
    canvas.text((x, y + 52), f"text box {millimetres(box.width)} × {millimetres(box.height)}", 17, GREY, anchor="ms")
    canvas.text((x, y + 80), f"other side: {behind(geometry, place).name}", 17, GREY, anchor="ms")


def draw_page(canvas: Canvas, geometry: Sheet, page: PageGeometry, index: int, top: float) -> float:
    """A page with its heading, widths, panels and folds; returns the y below it."""
    left = (MAP_WIDTH - MAP_SHEET_WIDTH) / 2
    heading = f"{page.name.capitalize()} (page {index + 1})"
    canvas.text((left, top), heading, 28, NHS_BLUE, bold=True)
    canvas.text(
        (left + canvas.text_width(heading, 28, bold=True) + 14, top + 11), PAGE_NOTES.get(page.name, ""), 19, GREY
    )
    frame = Frame(left, top + MAP_PAGE_HEADING, MAP_SHEET_WIDTH / page.width, page.width, page.height)
    draw_dimensions(canvas, page, frame, frame.top - 26)
    for place in page.panels:
        draw_panel(canvas, geometry, place, frame)
    outline = frame.rect(Box(0, 0, page.width, page.height))
    canvas.rect(outline, outline=TEXT, width=2)
    for fold in page.folds:
        x = frame.x(fold)
        canvas.dashed((x, outline[1] - 12), (x, outline[3] + 12), TEXT, width=2)
        canvas.text((x, outline[3] + 16), "fold", 17, TEXT, anchor="mt")
    canvas.text((outline[0], outline[3] + 16), "trim edge", 15, GREY, anchor="lt")
    canvas.text((outline[2], outline[3] + 16), "trim edge", 15, GREY, anchor="rt")
    return outline[3] + MAP_PAGE_FOOT


def wrap(canvas: Canvas, text: str, size: int, width: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and canvas.text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def draw_note(canvas: Canvas, left: float, top: float, right: float, paragraphs: Sequence[tuple[str, str]]) -> float:
    """A grey box with a blue rule holding (heading, text) paragraphs; returns its bottom."""
    rows: list[tuple[str, bool]] = []
    for heading, text in paragraphs:
        rows.append((heading, True))
        rows += [(line, False) for line in wrap(canvas, text, 18, right - left - 48)]
    bottom = top + 20 + 28 * len(rows) + 8 * (len(paragraphs) - 1) + 12
    canvas.rect((left, top, right, bottom), fill=PALE_GREY)
    canvas.rect((left, top, left + 6, bottom), fill=NHS_BLUE)
    y = top + 18
    for index, (line, bold) in enumerate(rows):
        if bold and index:
            y += 8
        canvas.text((left + 24, y), line, 18, NHS_DARK_BLUE if bold else TEXT, bold=bold)
        y += 28
    return bottom


def legend_row(canvas: Canvas, left: float, y: float, text: str) -> None:
    canvas.text((left + 56, y), text, 18, anchor="lm")


def draw_map_legend(canvas: Canvas, geometry: Sheet, top: float) -> float:
    """What the shading means, why the flap is narrower, and how to print; returns the y below it."""
    left = (MAP_WIDTH - MAP_SHEET_WIDTH) / 2
    margins = Margins()
    canvas.rect((left, top + 4, left + 40, top + 28), fill=SAFE_FILL, outline=SAFE_LINE)
    legend_row(
        canvas,
        left,
        top + 16,
        f"{millimetres(SAFE_DISTANCE)} safe distance (geometry.SAFE_DISTANCE): "
        "no text comes this close to a fold or a trim edge",
    )
    canvas.rect((left, top + 44, left + 40, top + 68), fill=CONTENT_FILL, outline=NHS_BLUE, width=2.5)
    legend_row(
        canvas,
        left,
        top + 56,
        f"Content box (PanelPlace.content), where text goes: "
        f"{millimetres(margins.trim)} from trim edges, {millimetres(margins.fold)} from folds, "
        f"{millimetres(margins.top)} top and bottom",
    )
    canvas.dashed((left + 20, top + 84), (left + 20, top + 108), TEXT, width=2)
    legend_row(canvas, left, top + 96, "Fold")

    flap = flap_of(geometry)
    front = geometry.panel("front")
    wide = max(place.box.width for place in geometry.pages[0].panels)
    narrower = millimetres(wide - flap.box.width)
    return draw_note(
        canvas,
        left,
        top + 136,
        left + MAP_SHEET_WIDTH,
        [
            (
                f"Why the {flap.name} is narrower",
                f"The {flap.name} is {millimetres(flap.box.width)}, {narrower} less than the other panels. It folds in "
                f"first and has to sit inside the front cover, so the shorter panel tucks in without catching in "
                "the fold or bowing the leaflet open.",
            ),
            (
                "Printing",
                "Print double-sided, landscape, with “flip on short edge”. Page 2 then lands the right way up behind "
                f"page 1: the front cover backs onto {behind(geometry, front).name} and the {flap.name} onto "
                f"{behind(geometry, flap).name}. “Flip on long edge” turns page 2 upside down.",
            ),
        ],
    )


def panel_map(geometry: Sheet, path: Path) -> None:
    page_heights = [
        MAP_PAGE_HEADING + page.height * MAP_SHEET_WIDTH / page.width + MAP_PAGE_FOOT for page in geometry.pages
    ]
    canvas = Canvas(MAP_WIDTH, round(MAP_TITLE_HEIGHT + sum(page_heights) + MAP_LEGEND_HEIGHT))
    left = (MAP_WIDTH - MAP_SHEET_WIDTH) / 2
    paper = geometry.paper
    canvas.text(
        (left, 34), f"{paper.name.upper()} {geometry.fold}-fold tri-fold: where each panel sits", 34, TEXT, bold=True
    )
    canvas.text(
        (left, 84),
        f"Drawn to scale from leaflet.geometry.sheet({paper.name!r}, {geometry.fold!r}, "
        f"{geometry.direction!r}); both pages are seen face up, "
        f"{millimetres(paper.width)} × {millimetres(paper.height)}.",
        18,
        GREY,
    )
    y = MAP_TITLE_HEIGHT + 20
    for index, page in enumerate(geometry.pages):
        y = draw_page(canvas, geometry, page, index, y)
    bottom = draw_map_legend(canvas, geometry, y)
    canvas.save(path, height=bottom + 36)


# --- folding guide -------------------------------------------------------------------------------------------------


FOLD_WIDTH = 1400
FOLD_SHEET_WIDTH = 380
FOLD_SHEET_TOP = 250
FOLD_HEIGHT = 720
"""Room for the captions; the picture is cropped to what they use."""


@dataclass(frozen=True)
class Leaf:
    """A panel as one folding step shows it: where it lies, which face is up, and how it is drawn."""

    box: Box
    label: str
    style: Literal["flat", "folded", "ghost"] = "flat"
    """'flat' (part of the open sheet), 'folded' (turned over, lying on top) or 'ghost' (where it was)."""
    fill: str = WHITE
    ink: str = GREY


@dataclass(frozen=True)
class Step:
    title: str
    caption: str
    leaves: tuple[Leaf, ...]
    folds: tuple[float, ...] = ()
    move: tuple[Box, Box] | None = None
    """A panel folding over: from where it was to where it lands."""


def fold_steps(geometry: Sheet) -> list[Step]:
    """Folding the roll fold by hand: the tuck-in flap first, then the front cover over it."""
    inside = geometry.pages[1]
    flap = flap_of(geometry)
    front = geometry.panel("front")
    tuck, cover = behind(geometry, flap), behind(geometry, front)
    side = "right" if tuck.trim_right else "left"
    opened = tuple(Leaf(place.box, place.name) for place in inside.panels)
    flap_down = Leaf(folded_over(tuck), flap.name, "folded", FLAP_FILL, NHS_DARK_BLUE)
    front_down = Leaf(folded_over(cover), "front cover", "folded", NHS_BLUE, WHITE)
    names = ", ".join(place.name for place in inside.panels)
    narrower = millimetres(max(place.box.width for place in inside.panels) - tuck.box.width)
    return [
        Step(
            "Outside facing down",
            f"Lay the printed sheet with page 1 (the outside) facing down, so you see {names}.",
            opened,
            inside.folds,
        ),
        Step(
            f"Fold the {flap.name} in",
            f"Fold the narrow {side}-hand panel ({tuck.name}) over along its fold. It is {narrower} narrower, "
            "so it lies flat.",
            tuple(leaf for leaf in opened if leaf.label != tuck.name) + (Leaf(tuck.box, "", "ghost"), flap_down),
            tuple(x for x in inside.folds if abs(x - fold_edge(tuck)) > 0.5),
            (tuck.box, flap_down.box),
        ),
        Step(
            "Fold the front cover over it",
            f"Fold the other end panel ({cover.name}) over the {flap.name}: the front cover is on top. "
            "Crease both folds firmly.",
            (Leaf(cover.box, "", "ghost"), front_down),
            move=(cover.box, front_down.box),
        ),
    ]


def curve(start: Point, control: Point, end: Point, steps: int = 32) -> list[Point]:
    """Points along a quadratic Bézier curve."""
    points = []
    for index in range(steps + 1):
        t = index / steps
        weights = ((1 - t) ** 2, 2 * (1 - t) * t, t**2)
        x = sum(w * point[0] for w, point in zip(weights, (start, control, end)))
        y = sum(w * point[1] for w, point in zip(weights, (start, control, end)))
        points.append((x, y))
    return points


def draw_leaf(canvas: Canvas, leaf: Leaf, frame: Frame) -> None:
    rect = frame.rect(leaf.box)
    if leaf.style == "ghost":
        canvas.dashed_rect(rect, GHOST, width=1.5)
        return
    canvas.rect(rect, fill=leaf.fill, outline=TEXT if leaf.style == "folded" else None, width=2)
    canvas.text(centre(rect), leaf.label, 19, leaf.ink, bold=leaf.style == "folded", anchor="mm")


def draw_step(canvas: Canvas, step: Step, number: int, frame: Frame) -> float:
    """One step: badge, title, the sheet as it lies, the move and the caption; returns the y below it."""
    left, right = frame.x(0), frame.x(frame.page_width)
    canvas.disc((left + 18, 128), 18, NHS_BLUE)
    canvas.text((left + 18, 128), str(number), 21, WHITE, bold=True, anchor="mm")
    canvas.text((left + 48, 128), step.title, 22, TEXT, bold=True, anchor="lm")
    flat = [leaf for leaf in step.leaves if leaf.style == "flat"]
    for leaf in flat:
        draw_leaf(canvas, leaf, frame)
    if flat:
        x0, x1 = min(leaf.box.x0 for leaf in flat), max(leaf.box.x1 for leaf in flat)
        canvas.rect(frame.rect(Box(x0, 0, x1, frame.page_height)), outline=TEXT, width=2)
    top, bottom = frame.top, frame.top + frame.page_height * frame.scale
    for fold in step.folds:
        canvas.dashed((frame.x(fold), top), (frame.x(fold), bottom), TEXT, width=1.5, dash=7, gap=5)
    for leaf in step.leaves:
        if leaf.style != "flat":
            draw_leaf(canvas, leaf, frame)
    if step.move:
        start, end = (frame.x((box.x0 + box.x1) / 2) for box in step.move)
        points = curve((start, top + 24), ((start + end) / 2, top - 120), (end, top - 6))
        canvas.arrow(points, NHS_BLUE, width=3, head=16)
    y = bottom + 24
    for line in wrap(canvas, step.caption, 18, right - left):
        canvas.text((left, y), line, 18, TEXT)
        y += 27
    return y


def fold_picture(geometry: Sheet, path: Path) -> None:
    canvas = Canvas(FOLD_WIDTH, FOLD_HEIGHT)
    column = FOLD_WIDTH / 3
    page = geometry.pages[1]
    canvas.text(
        ((column - FOLD_SHEET_WIDTH) / 2, 34),
        f"Folding the {geometry.fold}-fold leaflet by hand",
        32,
        TEXT,
        bold=True,
    )
    bottom = 0.0
    for index, step in enumerate(fold_steps(geometry)):
        left = column * index + (column - FOLD_SHEET_WIDTH) / 2
        frame = Frame(left, FOLD_SHEET_TOP, FOLD_SHEET_WIDTH / page.width, page.width, page.height)
        bottom = max(bottom, draw_step(canvas, step, index + 1, frame))
    canvas.save(path, height=bottom + 24)


# --- page previews -------------------------------------------------------------------------------------------------


def page_previews(source: Path, folder: Path, dpi: float = PREVIEW_DPI) -> list[Path]:
    """Build the leaflet in memory and render its pages; refuse if the build fails its checks."""
    edition = make(source)
    if edition.errors:
        raise SystemExit(
            "the leaflet fails its checks, so no previews were drawn:\n"
            + "\n".join(str(finding) for finding in edition.errors)
        )
    return write_previews(edition.pdf, folder, edition.leaflet.id, dpi, PALETTE_COLOURS)


def press_preview(source: Path, path: Path, dpi: float = PREVIEW_DPI) -> Path:
    """Page 1 of a press build: the bleed, crop marks, fold marks and slug line around the sheet."""
    edition = make(source, Options(target="press"))
    document = pypdfium2.PdfDocument(edition.pdf)
    try:
        document[0].render(scale=dpi / 72).to_pil().quantize(PALETTE_COLOURS).save(path, optimize=True)
    finally:
        document.close()
    return path


def calibration_previews(folder: Path, dpi: float = PREVIEW_DPI) -> list[Path]:
    """Both sides of the duplex calibration sheet."""
    with tempfile.TemporaryDirectory() as scratch:
        pdf = calibrate(Options(output=Path(scratch) / "calibration.pdf")).read_bytes()
    return write_previews(pdf, folder, "calibration", dpi, PALETTE_COLOURS)


PREVIEW_LANGUAGES = ("ar", "bn", "zh-Hans")
"""The translations the README shows: right to left, an Indic script, Chinese."""


def edition_previews(source: Path, folder: Path, dpi: float = PREVIEW_DPI) -> list[Path]:
    """Both pages of the demo translations the README shows, built as drafts (they are not clinically reviewed)."""
    written = []
    for lang in PREVIEW_LANGUAGES:
        edition = make(source, Options(lang=lang, draft=True))
        if edition.errors:
            print(f"skipped the {lang} previews: {edition.errors[0]}")
            continue
        written += write_previews(edition.pdf, folder, f"{edition.leaflet.id}.{lang}", dpi, PALETTE_COLOURS)
    return written


def main() -> int:
    geometry = sheet("a4", "roll", "ltr")
    written = [DOCS / "panel-map.png", DOCS / "fold.png"]
    panel_map(geometry, written[0])
    fold_picture(geometry, written[1])
    written += page_previews(SOURCE, DOCS)
    written.append(press_preview(SOURCE, DOCS / "press-outside.png"))
    written += calibration_previews(DOCS)
    written += edition_previews(SOURCE, DOCS)
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

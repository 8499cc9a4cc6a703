"""What layout gives the renderer: positioned, fully resolved things to draw.

Coordinates are points on the page, origin bottom left. An item knows its
place, size, font face name and colour; the renderer decides nothing.
While a block is being laid out its items are placed relative to the block's
top-left corner, then `moved` onto the page. Items are values: nothing changes
one once it is made (`moved` returns a new one). They are plain rather than
frozen dataclasses because a build makes thousands, and frozen ones cost about
twice as much to create.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Location
from ..units import Box

Node = tuple[str, tuple, tuple[tuple[str, str], ...]]
"""One element of the document's structure: its role (P, H2, LI, Figure...), a key that puts it
in source order among its siblings, and attributes (("Alt", ...), ("Lang", ...))."""
Tag = tuple[Node, ...]
"""Where an item sits in the structure, from the top element down to the one it belongs to;
None for decoration (bands, tints, marks), which the PDF marks as an artifact."""


def node(role: str, key: tuple = (), **attributes: str) -> Node:
    return role, key, tuple(sorted(attributes.items()))


@dataclass
class TextRun:
    """A run of text in one face, size and colour, starting at (x, baseline)."""

    x: float
    baseline: float
    text: str
    face: str
    size: float
    colour: str
    width: float
    ascent: float
    descent: float
    link: str | None = None
    where: Location | None = None
    """The block it was set from, so that a check can point at its line in the source."""
    actual: str | None = None
    """What the run says, for copying, search and screen readers, when its glyphs are not that
    text in order (shaped, right to left, hyphenated): a line's first run carries the whole
    line's text and its other runs ''. None: the glyphs say it."""
    tag: Tag | None = None
    order: tuple = ()
    """Where it comes in reading order (panel, then place on it): set when the panel is placed."""

    @property
    def box(self) -> Box:
        return Box(self.x, self.baseline - self.descent, self.x + self.width, self.baseline + self.ascent)

    def moved(self, dx: float, dy: float) -> TextRun:
        # built directly rather than with dataclasses.replace: runs are moved thousands of times a build
        return TextRun(
            self.x + dx, self.baseline + dy, self.text, self.face, self.size, self.colour, self.width,
            self.ascent, self.descent, self.link, self.where, self.actual, self.tag, self.order,
        )  # fmt: skip

    def tagged(self, tag: Tag | None) -> TextRun:
        return TextRun(
            self.x, self.baseline, self.text, self.face, self.size, self.colour, self.width,
            self.ascent, self.descent, self.link, self.where, self.actual, tag, self.order,
        )  # fmt: skip

    def placed(self, where: Location | None, order: tuple) -> TextRun:
        """The run with the block it comes from and its place in reading order (see `flow`)."""
        return TextRun(
            self.x, self.baseline, self.text, self.face, self.size, self.colour, self.width,
            self.ascent, self.descent, self.link, where, self.actual, self.tag, order,
        )  # fmt: skip


@dataclass
class Rect:
    """A filled rectangle, square or rounded: bands, tints, callout boxes."""

    box: Box
    colour: str
    radius: float = 0.0
    tag: Tag | None = None

    def moved(self, dx: float, dy: float) -> Rect:
        return replace(self, box=self.box.moved(dx, dy))


@dataclass
class Circle:
    """A filled circle: the illustration's heads, dots and backdrop."""

    cx: float
    cy: float
    r: float
    colour: str
    tag: Tag | None = None

    def moved(self, dx: float, dy: float) -> Circle:
        return replace(self, cx=self.cx + dx, cy=self.cy + dy)


@dataclass
class Outline:
    """A filled outline: ('M', x, y), ('L', x, y), ('C', x1, y1, x2, y2, x, y), ('Z',)."""

    commands: tuple[tuple, ...]
    colour: str
    tag: Tag | None = None

    def moved(self, dx: float, dy: float) -> Outline:
        moved = []
        for op, *coords in self.commands:
            shifted = [c + (dx if i % 2 == 0 else dy) for i, c in enumerate(coords)]
            moved.append((op, *shifted))
        return replace(self, commands=tuple(moved))


@dataclass
class Line:
    """A stroked straight line: printer's marks and fold lines."""

    x0: float
    y0: float
    x1: float
    y1: float
    colour: str
    width: float
    dash: tuple[float, ...] = ()
    tag: Tag | None = None

    def moved(self, dx: float, dy: float) -> Line:
        return replace(self, x0=self.x0 + dx, y0=self.y0 + dy, x1=self.x1 + dx, y1=self.y1 + dy)


@dataclass
class Picture:
    """A raster picture placed in a box, with its alt text for the structure tree."""

    box: Box
    path: Path
    alt: str
    pixels: tuple[int, int]
    where: Location | None = None
    tag: Tag | None = None
    order: tuple = ()
    """Where it comes in reading order (panel, then place on it): set when the panel is placed."""

    def moved(self, dx: float, dy: float) -> Picture:
        return replace(self, box=self.box.moved(dx, dy))

    @property
    def ppi(self) -> float:
        """Effective resolution at the placed size, in pixels per inch."""
        return min(self.pixels[0] / (self.box.width / 72), self.pixels[1] / (self.box.height / 72))


@dataclass
class QRSymbol:
    """A QR code placed in a box; its modules are worked out when it is drawn."""

    box: Box
    data: str
    colour: str
    tag: Tag | None = None
    order: tuple = ()

    def moved(self, dx: float, dy: float) -> QRSymbol:
        return replace(self, box=self.box.moved(dx, dy))


@dataclass
class Link:
    """A clickable area over text or a code."""

    box: Box
    url: str
    tag: Tag | None = None
    text: str = ""
    """What the linked text says, for the annotation's /Contents (what a screen reader announces)."""

    def moved(self, dx: float, dy: float) -> Link:
        return replace(self, box=self.box.moved(dx, dy))


Item = TextRun | Rect | Circle | Outline | Line | Picture | QRSymbol | Link

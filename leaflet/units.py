"""Units and boxes: the only place that knows how many points make a millimetre.

PDF coordinates are points (1/72 inch) with the origin at the bottom left of
the page; every other module speaks millimetres through these helpers so that
the numbers in the code read like the numbers a printer quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * POINTS_PER_INCH / MM_PER_INCH


def inch(value: float) -> float:
    """Inches to points."""
    return value * POINTS_PER_INCH


def to_mm(points: float) -> float:
    """Points to millimetres, for messages and reports."""
    return points * MM_PER_INCH / POINTS_PER_INCH


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in points, origin bottom left."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def inset(self, left: float, bottom: float, right: float, top: float) -> Box:
        """The box shrunk by the given distance on each side."""
        return Box(self.x0 + left, self.y0 + bottom, self.x1 - right, self.y1 - top)

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        """True when `other` lies wholly inside this box."""
        return (
            other.x0 >= self.x0 - tolerance
            and other.y0 >= self.y0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.y1 <= self.y1 + tolerance
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def mirrored(self, page_width: float) -> Box:
        """The box reflected about the vertical centre line of a page."""
        return Box(page_width - self.x1, self.y0, page_width - self.x0, self.y1)

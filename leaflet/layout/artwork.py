"""Built-in cover illustrations, drawn from simple vector shapes.

Each illustration is a function of the space it gets and the theme, returning
shapes in a box whose bottom-left corner is (0, 0). They are pure data: no
stock photos, no logos, nothing to license, and they scale to any panel.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Theme
from ..units import Box
from .items import Circle, Item, Outline, Rect

LIGHT_BLUE = "#41B6E6"
AQUA_GREEN = "#00A499"
WARM_YELLOW = "#FFB81C"
WHITE = "#FFFFFF"


def _person(cx: float, base: float, scale: float, colour: str) -> list[Item]:
    """A calm, faceless figure: a round head over a domed body."""
    half = 21 * scale
    top = base + 44 * scale
    body = Outline(
        (
            ("M", cx - half, base),
            ("L", cx - half, base + 20 * scale),
            ("C", cx - half, top, cx + half, top, cx + half, base + 20 * scale),
            ("L", cx + half, base),
            ("Z",),
        ),
        colour,
    )
    head = Circle(cx, top + 15 * scale, 13 * scale, colour)
    return [body, head]


def _bubble(x: float, y: float, w: float, h: float, tail_right: bool, colour: str, dots: str) -> list[Item]:
    """A speech bubble with its tail pointing down towards a speaker, and three dots."""
    tail_x = x + w * (0.72 if tail_right else 0.28)
    drop = h * 0.45
    direction = 1 if tail_right else -1
    tail = Outline(
        (
            ("M", tail_x - w * 0.09, y + 1),
            ("L", tail_x + direction * w * 0.12, y - drop),
            ("L", tail_x + w * 0.09, y + 1),
            ("Z",),
        ),
        colour,
    )
    shapes: list[Item] = [Rect(Box(x, y, x + w, y + h), colour, radius=h * 0.42), tail]
    r = h * 0.09
    for i in (-1, 0, 1):
        shapes.append(Circle(x + w / 2 + i * r * 3.4, y + h / 2, r, dots))
    return shapes


def conversation(width: float, height: float, theme: Theme) -> list[Item]:
    """Two people talking, in a soft circle: interpersonal therapy, without a face or a logo."""
    scale = min(width / 200, height / 170)
    cx = width / 2
    ground = height * 0.12
    shapes: list[Item] = [Circle(cx, height * 0.5, min(width, height) * 0.48, theme.tint)]
    shapes += _bubble(cx - 72 * scale, ground + 105 * scale, 64 * scale, 34 * scale, False, LIGHT_BLUE, WHITE)
    shapes += _bubble(cx + 8 * scale, ground + 122 * scale, 64 * scale, 34 * scale, True, WARM_YELLOW, WHITE)
    shapes += _person(cx - 45 * scale, ground, scale, theme.accent)
    shapes += _person(cx + 45 * scale, ground, scale, AQUA_GREEN)
    shapes.append(
        Rect(Box(cx - 85 * scale, ground - 3 * scale, cx + 85 * scale, ground), theme.accent, radius=1.5 * scale)
    )
    return shapes


ILLUSTRATIONS: dict[str, Callable[[float, float, Theme], list[Item]]] = {
    "conversation": conversation,
}

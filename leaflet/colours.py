"""Colour arithmetic for #RRGGBB values: WCAG contrast, and picking readable ink."""

from __future__ import annotations


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background: str, inks: tuple[str, ...]) -> str:
    """Of the candidate text colours, the one that contrasts most with the background."""
    return max(inks, key=lambda ink: contrast_ratio(ink, background))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def to_cmyk(colour: str) -> tuple[float, float, float, float]:
    """A #RRGGBB colour as (c, m, y, k) from 0 to 1, for press output.

    Near-black neutrals become plain 100 K: text in rich black (all four inks)
    blurs when the plates are slightly out of register, 100 K stays crisp.
    Other colours take the simple complement conversion; a print shop applies
    its own profile to match them exactly.
    """
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    darkest, lightest = min(r, g, b), max(r, g, b)
    if lightest <= NEAR_BLACK and lightest - darkest <= NEUTRAL_SPREAD:
        return (0.0, 0.0, 0.0, 1.0)
    k = 1 - lightest
    return tuple(round((1 - v - k) / (1 - k), 4) for v in (r, g, b)) + (round(k, 4),)  # type: ignore[return-value]


NEAR_BLACK = 0.3
"""Colours no lighter than this (0-1) and nearly grey count as black for press."""
NEUTRAL_SPREAD = 0.1

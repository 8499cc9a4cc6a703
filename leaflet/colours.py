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

"""Ink between lines: where a line's words really print, and how far apart two lines must be.

A script's line height is set for typical text; a tall Nastaliq letter can still meet a
deep one in the line above. Each line of a tall script keeps a `Profile` of its words'
ink, and two lines (or a step's title and its text) move apart by what is missing, as
TeX's lineskip does. Pure geometry: the ink itself comes from the injected `Measure`.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lines import SetText

Profile = tuple[tuple[float, float, float, float], ...]
"""A line's ink word by word: (left, right, top, bottom) in points from the line's start and baseline."""

INK_CLEARANCE = 0.05
"""Of the size: the least white between the ink of two lines."""


def inked(text: str) -> bool:
    """Whether a run prints anything: spaces and invisible marks (LRM) must not make a line taller."""
    return any(not char.isspace() and unicodedata.category(char) != "Cf" for char in text)


def clearance(upper: Profile, upper_x: float, lower: Profile, lower_x: float) -> float:
    """How far apart two baselines must be for no word of the lower line to touch a word above it.

    A word's box is its ink's width, which may reach past its neighbours' (a Nastaliq tail),
    so every pair is looked at: a line holds a few words.
    """
    needed = 0.0
    for left, right, _, bottom in upper:
        left, right = left + upper_x, right + upper_x
        for other_left, other_right, top, _ in lower:
            if other_left + lower_x < right and other_right + lower_x > left:
                needed = max(needed, top - bottom)
    return needed


Placed = tuple[float, Profile, float]
"""A line's ink where it stands: its baseline (y), its profile, and its start (x)."""


def extra_space(upper: Placed, lower: Placed, size: float) -> float:
    """How much further down the lower line must go for its ink to keep clear of the upper line's."""
    (upper_baseline, upper_ink, upper_x), (lower_baseline, lower_ink, lower_x) = upper, lower
    needed = clearance(upper_ink, upper_x, lower_ink, lower_x)
    if not needed:
        return 0.0
    return max(0.0, needed + size * INK_CLEARANCE - (upper_baseline - lower_baseline))


def ink_gap(upper: SetText, upper_at: tuple[float, float], lower: SetText, lower_at: tuple[float, float]) -> float:
    """The extra space two texts stacked one under the other need for their ink to stay apart.

    `upper_at` and `lower_at` are where each text's top-left is put (x, y): a step's title
    over its text. Zero for scripts whose lines never reach that far (only texts with taller
    lines keep their ink); between separate blocks, the ink check in preflight has the last word.
    """
    if upper.last_ink is None or lower.first_ink is None:
        return 0.0
    size = max((run.size for run in lower.runs), default=0.0)
    return extra_space(_moved(upper.last_ink, upper_at), _moved(lower.first_ink, lower_at), size)


def _moved(line: Placed, at: tuple[float, float]) -> Placed:
    baseline, ink, x = line
    return baseline + at[1], ink, x + at[0]

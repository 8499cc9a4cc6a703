"""Bidirectional text: which way each character runs, and the visual order of a line's runs.

Levels are resolved once per paragraph by the Unicode bidi algorithm (UAX #9,
bracket pairs included) as ICU implements it, the library browsers use: in an
Arabic paragraph the words run right to left, while "IPT-UK", "16" or a web
address inside it keep their left-to-right order, and "(NICE)" keeps its
brackets. Lines are then put in display order run by run (rule L2), so that
each run can be shaped as one piece. Checked against Unicode's own conformance
file, BidiCharacterTest.txt (a sample is in tests/fixtures/unicode/).
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


@cache
def _icu() -> ModuleType:
    """ICU, loaded for the first text that has right-to-left in it: most editions never need it."""
    import icu

    return icu


def embedding_levels(text: str, direction: str) -> list[int]:
    """The resolved level of every character of a paragraph (odd: right to left)."""
    icu = _icu()
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), 1 if direction == "rtl" else 0)
    levels = bidi.getLevels()  # one per UTF-16 unit: a character beyond the BMP takes two
    if len(levels) == len(text):
        return list(levels)
    result = []
    unit = 0
    for char in text:
        result.append(levels[unit])
        unit += 2 if ord(char) > 0xFFFF else 1
    return result


def visual_order(levels: list[int]) -> list[int]:
    """Indexes of runs in left-to-right display order, given each run's level (rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(level for level in levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    return order


def mirrored(text: str) -> str:
    """Brackets and similar characters as they look in right-to-left text (rule L4)."""
    char_mirror = _icu().Char.charMirror
    return "".join(char_mirror(char) for char in text)

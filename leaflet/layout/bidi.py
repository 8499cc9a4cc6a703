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

import re
from functools import cache
from types import ModuleType

RIGHT_TO_LEFT_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
"""The Hebrew and Arabic blocks (letters, marks and presentation forms): text that needs bidi.
(U+FEFF, at the end of the last block, is the byte-order mark: no letter.)"""


@cache
def _icu() -> ModuleType:
    """ICU, loaded for the first text that has right-to-left in it: most editions never need it."""
    import icu

    return icu


FIRST_STRONG_OR_LTR = 0xFE
FIRST_STRONG_OR_RTL = 0xFF
"""ICU's paragraph levels that take the direction from the first strong character (rules P2 and P3),
falling back to the given one for a paragraph with no letter in it."""


def embedding_levels(text: str, direction: str, forced: bool = False) -> list[int]:
    """The resolved level of every character of a paragraph (odd: right to left).

    The paragraph runs the way its first letter does, so an English address in an Urdu
    edition reads left to right; `direction` decides only for a paragraph with no letters
    (a phone number), unless `forced`.
    """
    icu = _icu()
    bidi = icu.Bidi()
    if forced:
        level = 1 if direction == "rtl" else 0
    else:
        level = FIRST_STRONG_OR_RTL if direction == "rtl" else FIRST_STRONG_OR_LTR
    bidi.setPara(icu.UnicodeString(text), level)
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

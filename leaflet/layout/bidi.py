"""Bidirectional text: which way each character runs, and the visual order of a line's runs.

Lines are broken in logical (reading) order; each line is then shown in visual
order by the Unicode bidi algorithm (UAX #9): in an Arabic paragraph the words
run right to left, while "IPT-UK", "16" or a web address inside it keep their
left-to-right order as a unit. The algorithm's levels come from python-bidi;
reordering works on whole runs so that each run can be shaped as one piece.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


@cache
def _uax9() -> ModuleType:
    """python-bidi's algorithm, loaded on the first right-to-left line: most editions never need it."""
    from bidi import algorithm

    return algorithm


ISOLATES = frozenset("\u2066\u2067\u2068\u2069")
"""Isolate controls (LRI, RLI, FSI, PDI), which python-bidi's algorithm does not know: read as spaces."""


def embedding_levels(text: str, direction: str) -> list[int]:
    """The resolved embedding level of every character (odd: right to left)."""
    text = "".join(" " if char in ISOLATES else char for char in text)
    try:
        return _levels(text, direction)
    except AssertionError:  # a character mix the library does not handle: keep the line in one direction
        return [1 if direction == "rtl" else 0] * len(text)


def _levels(text: str, direction: str) -> list[int]:
    uax9 = _uax9()
    storage = uax9.get_empty_storage()
    storage["base_level"] = 1 if direction == "rtl" else 0
    storage["base_dir"] = "R" if direction == "rtl" else "L"
    uax9.get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uax9.explicit_embed_and_overrides(storage, False)
    uax9.resolve_weak_types(storage, False)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    levels = [storage["base_level"]] * len(text)
    known = {char["index"]: char["level"] for char in storage["chars"]}
    for index in range(len(text)):
        # characters the algorithm drops (joiners, controls) take the level before them
        levels[index] = known.get(index, levels[index - 1] if index else storage["base_level"])
    # trailing spaces of a line go back to the paragraph level (rule L1)
    for index in range(len(text) - 1, -1, -1):
        if not text[index].isspace():
            break
        levels[index] = storage["base_level"]
    return levels


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
    from bidi.mirror import MIRRORED  # a plain table; loaded with the algorithm it belongs to

    return "".join(MIRRORED.get(char, char) for char in text)

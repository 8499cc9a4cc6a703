"""Ink extents from the real bundled fonts, and the preflight check that lines never collide in ink."""

from __future__ import annotations

import pytest

from leaflet.checks import Finding, Subject, ink_overlap
from leaflet.content import loads
from leaflet.geometry import TARGETS, sheet
from leaflet.languages import font_chain
from leaflet.layout import Layout, PanelLayout
from leaflet.layout.items import TextRun
from leaflet.render import Fonts

from .conftest import MINIMAL, ROOT

URDU = "کیا آپ ٹھیک ہیں"
NASTALIQ = "noto-nastaliq-urdu:regular"


def urdu_fonts() -> Fonts:
    return Fonts(("noto-nastaliq-urdu", "noto-sans"))


def test_the_ink_of_x_spans_the_x_height_from_the_baseline():
    top, bottom = Fonts().ink("x", "noto-sans:regular", 10)
    assert top == pytest.approx(5.36, abs=0.1)
    assert bottom == pytest.approx(0.0, abs=0.1)


def test_the_ink_of_g_goes_below_the_baseline():
    assert Fonts().ink("g", "noto-sans:regular", 10)[1] < -1.5


def test_ink_scales_with_the_size():
    fonts = Fonts()
    top, bottom = fonts.ink("Hg", "noto-sans:bold", 10)
    assert fonts.ink("Hg", "noto-sans:bold", 20) == pytest.approx((2 * top, 2 * bottom))


def test_spaces_and_empty_text_have_no_ink():
    assert Fonts().ink("", "regular", 12) == (0.0, 0.0)
    assert Fonts().ink("   ", "regular", 12) == (0.0, 0.0)


def test_nastaliq_ink_reaches_further_above_and_below_than_latin():
    fonts = urdu_fonts()
    urdu_top, urdu_bottom = fonts.ink(URDU, NASTALIQ, 12)
    latin_top, latin_bottom = fonts.ink("Are you well?", "noto-sans:regular", 12)
    assert urdu_top > latin_top
    assert urdu_bottom < latin_bottom


def urdu_lines(apart: float, size: float = 12.0) -> Subject:
    """Two runs of Nastaliq on one panel, one baseline `apart` points above the other."""
    fonts = urdu_fonts()
    place = sheet("a4").panel("inside-1")
    width = fonts.width(URDU, NASTALIQ, size)
    x, top = place.content.x0, place.content.y1 - 3 * size

    def run(baseline: float) -> TextRun:
        return TextRun(
            x, baseline, URDU, NASTALIQ, size, "#212B32", width,
            fonts.ascent(NASTALIQ, size), fonts.descent(NASTALIQ, size),
        )  # fmt: skip

    panel = PanelLayout(place, (run(top), run(top - apart)), body_size=size, used=apart + size)
    layout = Layout(sheet("a4"), {place.name: panel}, overflows=())
    return Subject(loads(MINIMAL), layout, fonts, TARGETS["office"])


def test_nastaliq_lines_8_pt_apart_collide_in_ink():
    [finding] = ink_overlap(urdu_lines(apart=8))
    assert finding.severity == "error"
    assert finding.message.startswith("lines collide in ink on panel 'inside-1' by ")
    assert f"'{URDU[:20]}' over '{URDU[:20]}'" in finding.message


def test_nastaliq_lines_40_pt_apart_do_not_collide():
    assert ink_overlap(urdu_lines(apart=40)) == []


def test_runs_side_by_side_in_columns_are_not_compared():
    subject = urdu_lines(apart=8)
    panel = subject.layout.panels["inside-1"]
    upper, lower = panel.items
    beside = TextRun(
        upper.x + upper.width + 10, lower.baseline, lower.text, lower.face, lower.size, lower.colour, lower.width,
        lower.ascent, lower.descent,
    )  # fmt: skip
    apart = Layout(subject.layout.sheet, {"inside-1": PanelLayout(panel.place, (upper, beside), 12, 20)}, ())
    assert ink_overlap(Subject(subject.leaflet, apart, subject.fonts, subject.target)) == []


def test_the_english_leaflet_has_no_lines_colliding_in_ink():
    from leaflet.build import make

    edition = make(ROOT / "content.yaml")
    fonts = Fonts(font_chain(edition.leaflet.language))
    subject = Subject(edition.leaflet, edition.layout, fonts, edition.target)
    findings: list[Finding] = ink_overlap(subject)
    assert findings == []

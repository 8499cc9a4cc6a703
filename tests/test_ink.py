"""Ink extents from the real bundled fonts, and the preflight check that lines never collide in ink."""

from __future__ import annotations

import shutil

import pytest

from leaflet.checks import Subject, ink_overlap
from leaflet.content import loads
from leaflet.diagnostics import Diagnostic
from leaflet.geometry import TARGETS, sheet
from leaflet.languages import font_chain
from leaflet.layout import LEVERS, Layout, PanelLayout
from leaflet.layout.items import TextRun
from leaflet.render import Fonts

from .conftest import MINIMAL, SAMPLE
from .test_layout import MonoMeasure

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


def test_an_english_leaflet_set_tight_has_no_lines_colliding_in_ink(tmp_path):
    """The test leaflet with eight more paragraphs: copyfit closes its lines up to the tightest
    leading English takes, and still no line's ink meets the next."""
    from leaflet.build import make

    shutil.copytree(SAMPLE.parent, tmp_path / "leaflet")
    source = tmp_path / "leaflet" / SAMPLE.name
    extra = "      - paragraph: The reading room is upstairs, with a lift by the stairs and a seat by every window.\n"
    source.write_text(SAMPLE.read_text(encoding="utf-8").replace("      - image:\n", extra * 8 + "      - image:\n", 1))
    edition = make(source)
    assert edition.layout.copyfit.levers.leading == min(levers.leading for levers in LEVERS)  # lines closed up
    fonts = Fonts(font_chain(edition.leaflet.language))
    subject = Subject(edition.leaflet, edition.layout, fonts, edition.target)
    findings: list[Diagnostic] = ink_overlap(subject)
    assert findings == []


def test_clearance_counts_only_words_that_share_a_column():
    from leaflet.layout.ink import clearance

    upper = ((0.0, 10.0, 8.0, -4.0), (20.0, 30.0, 8.0, -1.0))  # a deep word, then a shallow one
    lower = ((22.0, 28.0, 9.0, 0.0),)  # a tall word under the shallow one only
    assert clearance(upper, 0.0, lower, 0.0) == pytest.approx(10.0)  # 9 up + 1 down
    assert clearance(upper, 0.0, lower, -20.0) == pytest.approx(13.0)  # moved under the deep word
    assert clearance(upper, 0.0, lower, 100.0) == 0.0  # nothing above it


class TallMeasure(MonoMeasure):
    """A fixed-width face whose ink reaches 1.5 em up and 0.8 em down, with lines 1.2 times Latin."""

    def line_factor(self, face):
        return 1.2

    def ink(self, text, face, size):
        return size * 1.5, -size * 0.8

    def ink_sides(self, text, face, size):
        return 0.0, len(text) * size / 2


def test_lines_whose_ink_would_meet_move_apart_by_what_is_missing():
    from leaflet.layout.ink import INK_CLEARANCE
    from leaflet.layout.lines import TextStyle, set_text
    from leaflet.markup import parse_inline

    style = TextStyle(10, 13.8, "#000000", "#0000FF")
    result = set_text(parse_inline("one two three four").spans, style, width=40, measure=TallMeasure())
    baselines = sorted({run.baseline for run in result.runs}, reverse=True)
    assert len(baselines) == 3  # "one two", "three", "four"
    gaps = {round(a - b, 6) for a, b in zip(baselines, baselines[1:])}
    assert gaps == {round(10 * (1.5 + 0.8 + INK_CLEARANCE), 6)}  # 23.5 pt, not the 16.56 pt of the leading
    assert result.height == pytest.approx(result.line_tops[-1])

"""Fold geometry: panel widths, imposition and safe areas, asserted in millimetres."""

from __future__ import annotations

import pytest

from leaflet.geometry import IMPOSITIONS, PAPERS, SAFE_DISTANCE, Margins, mirrored, sheet
from leaflet.units import to_mm


def widths_mm(page) -> list[float]:
    return [round(to_mm(p.box.width), 3) for p in page.panels]


def names(page) -> list[str]:
    return [p.name for p in page.panels]


def test_a4_roll_fold_outside_is_flap_back_front_97_100_100():
    outside, inside = sheet("a4").pages
    assert names(outside) == ["flap", "back", "front"]
    assert widths_mm(outside) == [97, 100, 100]
    assert names(inside) == ["inside-1", "inside-2", "inside-3"]
    assert widths_mm(inside) == [100, 100, 97]


def test_letter_roll_fold_panels_in_inches():
    outside, inside = sheet("letter").pages
    assert [round(p.box.width / 72, 4) for p in outside.panels] == [3.625, 3.6875, 3.6875]
    assert [round(p.box.width / 72, 4) for p in inside.panels] == [3.6875, 3.6875, 3.625]
    assert round(outside.width / 72, 4) == 11 and round(outside.height / 72, 4) == 8.5


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_panels_tile_the_sheet_without_gaps(paper):
    for page in sheet(paper).pages:
        xs = [(p.box.x0, p.box.x1) for p in page.panels]
        assert xs[0][0] == 0
        assert xs[-1][1] == pytest.approx(page.width)
        assert all(a[1] == pytest.approx(b[0]) for a, b in zip(xs, xs[1:]))


def test_flap_backs_onto_inside_3_and_front_onto_inside_1():
    outside, inside = sheet("a4").pages
    width = outside.width
    flap, front = outside.panels[0], outside.panels[2]
    # seen through the sheet, x mirrors: the flap's back is at the far right of the inside page
    assert inside.panels[2].name == "inside-3"
    assert inside.panels[2].box == flap.box.mirrored(width)
    assert inside.panels[0].name == "inside-1"
    assert inside.panels[0].box == front.box.mirrored(width)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_text_area_keeps_at_least_5_mm_from_every_fold_and_edge(paper):
    for page in sheet(paper).pages:
        for panel in page.panels:
            box, content = panel.box, panel.content
            gaps = [content.x0 - box.x0, box.x1 - content.x1, content.y0 - box.y0, box.y1 - content.y1]
            assert min(gaps) >= SAFE_DISTANCE - 1e-9
            assert to_mm(SAFE_DISTANCE) == pytest.approx(5)


def test_margins_closer_than_5_mm_are_refused():
    with pytest.raises(ValueError, match="5 mm"):
        Margins(fold=10.0)


def test_right_to_left_sheet_is_the_left_to_right_sheet_mirrored():
    ltr, rtl = sheet("a4", direction="ltr"), sheet("a4", direction="rtl")
    for page_ltr, page_rtl in zip(ltr.pages, rtl.pages):
        for panel in page_ltr.panels:
            mirrored_panel = next(p for p in page_rtl.panels if p.name == panel.name)
            assert mirrored_panel.box == pytest.approx(panel.box.mirrored(page_ltr.width))
    assert names(rtl.pages[0]) == ["front", "back", "flap"]


def test_imposition_table_has_a_mirrored_entry_for_every_fold():
    for (fold, direction), pages in IMPOSITIONS.items():
        other = IMPOSITIONS[(fold, "rtl" if direction == "ltr" else "ltr")]
        assert mirrored(pages) == other


def test_folds_lie_between_panels():
    outside = sheet("a4").pages[0]
    assert [round(to_mm(x), 3) for x in outside.folds] == [97, 197]


@pytest.mark.parametrize(
    ("paper", "fold", "direction", "widths_mm"),
    [
        ("a4", "roll", "ltr", [[97, 100, 100], [100, 100, 97]]),
        ("a4", "roll", "rtl", [[100, 100, 97], [97, 100, 100]]),
        ("a4", "z", "ltr", [[99, 99, 99], [99, 99, 99]]),
        ("letter", "roll", "ltr", [[92.08, 93.66, 93.66], [93.66, 93.66, 92.08]]),  # 3.625 | 3.6875 | 3.6875 in
        ("letter", "roll", "rtl", [[93.66, 93.66, 92.08], [92.08, 93.66, 93.66]]),
        ("letter", "z", "ltr", [[93.13, 93.13, 93.13], [93.13, 93.13, 93.13]]),  # 11 in in three
    ],
)
def test_every_panel_width_for_each_paper_fold_and_direction(paper, fold, direction, widths_mm):
    found = [[to_mm(p.box.x1 - p.box.x0) for p in page.panels] for page in sheet(paper, fold, direction).pages]
    assert found == [pytest.approx(row, abs=0.01) for row in widths_mm]

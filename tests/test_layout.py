"""Layout with a fake, fixed-width font: line breaking, panel flow, fit and overflow, in numbers."""

from __future__ import annotations

import importlib

import pytest

from leaflet import model as m
from leaflet.content import loads
from leaflet.geometry import sheet
from leaflet.layout import Levers, body_sizes, lay_out
from leaflet.layout.items import TextRun
from leaflet.layout.lines import TextStyle, set_text
from leaflet.markup import parse_inline
from leaflet.units import mm


class MonoMeasure:
    """Every character is half the type size wide: easy to reason about."""

    def segments(self, text: str, role: str) -> list[tuple[str, str]]:
        return [(text, role)]

    def width(self, text: str, face: str, size: float) -> float:
        return len(text) * size / 2

    def ascent(self, face: str, size: float) -> float:
        return size * 0.8

    def descent(self, face: str, size: float) -> float:
        return size * 0.2

    def scale(self, face: str) -> float:
        return 1.0

    def line_factor(self, face: str) -> float:
        return 1.0


STYLE = TextStyle(size=10, leading=14, colour="#000000", link_colour="#0000FF")


def lines_of(result) -> list[str]:
    by_line: dict[float, str] = {}
    for run in result.runs:
        by_line[run.baseline] = by_line.get(run.baseline, "") + run.text
    return [by_line[b] for b in sorted(by_line, reverse=True)]


def test_lines_break_at_spaces_and_never_exceed_the_width():
    text = parse_inline("one two three four five six seven")
    result = set_text(text.spans, STYLE, width=50, measure=MonoMeasure())  # 10 characters a line
    assert lines_of(result) == ["one two", "three four", "five six", "seven"]
    assert all(run.x + run.width <= 50 for run in result.runs)
    assert result.height == 4 * 14


def test_a_word_longer_than_the_line_is_cut_between_characters():
    result = set_text(parse_inline("abcdefghijklmnop").spans, STYLE, width=25, measure=MonoMeasure())
    assert lines_of(result) == ["abcde", "fghij", "klmno", "p"]


def test_newline_in_the_source_forces_a_line_break():
    result = set_text(parse_inline("one\ntwo").spans, STYLE, width=500, measure=MonoMeasure())
    assert lines_of(result) == ["one", "two"]


def test_bold_and_links_keep_their_face_and_address_on_one_line():
    text = parse_inline("see **bold words** and [a link](https://example.org)")
    runs = set_text(text.spans, STYLE, width=500, measure=MonoMeasure()).runs
    assert [(r.text, r.face, r.link) for r in runs] == [
        ("see ", "regular", None),
        ("bold words ", "bold", None),
        ("and ", "regular", None),
        ("a link", "regular", "https://example.org"),
    ]
    assert runs[-1].colour == "#0000FF"


def test_bold_and_links_keep_their_face_and_address_across_a_break():
    text = parse_inline("**bold words here** then [a long link](https://example.org)")
    result = set_text(text.spans, STYLE, width=60, measure=MonoMeasure())  # 12 characters a line
    assert lines_of(result) == ["bold words", "here then a", "long link"]
    assert [(r.text, r.face, r.link) for r in result.runs if r.baseline == result.runs[-1].baseline] == [
        ("long link", "regular", "https://example.org")
    ]
    assert {r.face for r in result.runs if r.text.startswith(("bold", "here"))} == {"bold"}


def test_no_break_space_keeps_words_together():
    result = set_text(parse_inline("call 01234\u00a0567890 now").spans, STYLE, width=75, measure=MonoMeasure())
    assert "01234\u00a0567890" in lines_of(result)


def test_blank_line_in_the_source_stays_a_blank_line():
    result = set_text(parse_inline("one\n\ntwo").spans, STYLE, width=500, measure=MonoMeasure())
    assert result.line_count == 3 and lines_of(result) == ["one", "two"]


def test_qr_code_never_grows_wider_than_its_column():
    leaflet = leaflet_with("    - qr: {url: https://example.org, size_mm: 80, caption: Visit us}\n")
    panel = lay_out(leaflet, sheet("letter"), MonoMeasure()).panels["inside-1"]
    code = next(i for i in panel.items if type(i).__name__ == "QRSymbol")
    assert panel.place.content.contains(code.box)
    caption = next(i for i in panel.items if isinstance(i, TextRun))
    assert caption.baseline < code.box.y0  # no room beside it: the caption goes underneath


def test_right_aligned_lines_end_at_the_column_edge():
    style = TextStyle(10, 14, "#000000", "#0000FF", align="right")
    runs = set_text(parse_inline("ab cd").spans, style, width=100, measure=MonoMeasure()).runs
    assert runs[-1].x + runs[-1].width == pytest.approx(100)


def leaflet_with(inside_1: str, extra: str = "") -> m.Leaflet:
    return loads(
        "leaflet: {id: t, title: T, language: en-GB}\n"
        f"{extra}panels:\n  front:\n    - heading: Cover\n  inside-1:\n{inside_1}"
    )


def paragraphs(count: int, words: int = 60, indent: str = "    ") -> str:
    return "".join(f"{indent}- paragraph: {' '.join(['word'] * words)} end{i}\n" for i in range(count))


def test_every_text_run_stays_inside_its_panel_text_area():
    leaflet = leaflet_with(paragraphs(3))
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    runs = [(panel, r) for panel in layout.panels.values() for r in panel.items if isinstance(r, TextRun)]
    assert len(runs) > 20
    for panel, run in runs:
        content = panel.place.content
        assert content.x0 - 0.01 <= run.x and run.x + run.width <= content.x1 + 0.01
        assert content.y0 - 0.01 <= run.baseline - run.descent and run.baseline <= content.y1


def test_largest_body_size_that_fits_is_chosen():
    short = lay_out(leaflet_with(paragraphs(1)), sheet("a4"), MonoMeasure())
    assert short.panels["inside-1"].body_size == 14  # the ceiling
    assert short.copyfit.levers == Levers()  # nothing tightened
    # add words a line's worth at a time until 14 pt no longer fits even with every lever pulled
    for words in range(100, 3000, 8):
        layout = lay_out(leaflet_with(paragraphs(1, words=words)), sheet("a4"), MonoMeasure())
        if layout.copyfit.body < 14:
            break
    assert not layout.overflows
    assert layout.copyfit.body == 13.5
    assert {p.body_size for p in layout.panels.values()} == {13.5}


def test_copyfit_tightens_paragraph_spacing_before_it_makes_the_body_smaller():
    for count in range(2, 40):
        layout = lay_out(leaflet_with(paragraphs(count, words=5)), sheet("a4"), MonoMeasure())
        if layout.copyfit.levers != Levers():
            break
    assert layout.copyfit.body == 14  # still the ceiling
    assert layout.copyfit.levers.spacing < 1 and layout.copyfit.levers.leading == 1
    assert "paragraph spacing" in layout.copyfit.summary()


def test_every_panel_of_an_edition_takes_one_body_size():
    leaflet = loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  flap:\n{paragraphs(1, words=40)}  inside-1:\n{paragraphs(4, words=60)}"
    )
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    assert not layout.overflows
    assert len({p.body_size for p in layout.panels.values()}) == 1
    sizes = {r.size for p in layout.panels.values() for r in p.items if isinstance(r, TextRun)}
    assert min(sizes) == layout.copyfit.body < 14


def test_the_floor_can_be_lowered_only_by_the_source():
    for words in range(200, 3000, 10):
        if lay_out(leaflet_with(paragraphs(1, words=words)), sheet("a4"), MonoMeasure()).overflows:
            break  # too long for the 11 pt floor
    leaflet = leaflet_with(paragraphs(1, words=words), extra="typography: {body_min: 10}\n")
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    assert layout.copyfit.floor == 10 and layout.copyfit.body < 11 and not layout.overflows


def test_body_size_that_is_not_a_half_point_still_steps_down_to_the_floor():
    assert body_sizes(m.Typography(12.3, 11)) == [12.3, 11.8, 11.3, 11]
    assert body_sizes(m.Typography(11.4, 11)) == [11.4, 11]


def test_candidate_sizes_step_down_half_a_point_to_the_floor():
    assert body_sizes(m.Typography(12, 11)) == [12, 11.5, 11]


def test_overflow_names_panel_block_and_amount():
    leaflet = leaflet_with(paragraphs(30))
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    [overflow] = layout.overflows
    assert overflow.panel == "inside-1"
    assert isinstance(overflow.block, m.Paragraph)
    assert overflow.amount > mm(10)
    assert (overflow.block.where.line, overflow.block.where.column) == (10, 7)  # the fifth paragraph misses at 11 pt


def test_a_block_taller_than_its_panel_overflows_there_not_further_on():
    tall = "    - illustration: {name: conversation, alt: x, height_mm: 195}\n"
    leaflet = loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  inside-1:\n    continues_to: inside-2\n    blocks:\n  {tall}"
        "  inside-2: [{paragraph: short}]\n"
    )
    [overflow] = lay_out(leaflet, sheet("a4"), MonoMeasure()).overflows
    assert overflow.panel == "inside-1" and isinstance(overflow.block, m.Illustration)
    assert overflow.amount == pytest.approx(mm(5), abs=0.01)


def continued(first: str, second: str = "") -> m.Leaflet:
    return loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  inside-2:\n    continues_to: inside-3\n    blocks:\n{first}" + (f"  inside-3:\n{second}" if second else "")
    )


def panel_of(layout, needle: str) -> str:
    for name, panel in layout.panels.items():
        if any(needle in r.text for r in panel.items if isinstance(r, TextRun)):
            return name
    raise AssertionError(needle)


def test_text_continues_on_the_next_panel_only_where_allowed():
    layout = lay_out(continued(paragraphs(8, indent="      ")), sheet("a4"), MonoMeasure())
    assert not layout.overflows
    assert panel_of(layout, "end0") == "inside-2"
    assert panel_of(layout, "end7") == "inside-3"


def test_tight_text_is_shared_evenly_between_panels():
    layout = lay_out(continued(paragraphs(8, words=60, indent="      ")), sheet("a4"), MonoMeasure())
    assert not layout.overflows and layout.copyfit.body < 14  # tight: below the ceiling
    fills = [layout.panels[name].fill_ratio for name in ("inside-2", "inside-3")]
    assert abs(fills[0] - fills[1]) < 0.1, fills
    assert layout.copyfit.balanced == (("inside-2", "inside-3"),)


def test_a_block_that_fits_is_not_moved_when_there_is_room():
    layout = lay_out(continued(paragraphs(2, indent="      ")), sheet("a4"), MonoMeasure())
    assert layout.copyfit.body == 14 and layout.copyfit.balanced == ()
    assert panel_of(layout, "end0") == panel_of(layout, "end1") == "inside-2"
    assert not [r for r in layout.panels["inside-3"].items if isinstance(r, TextRun)]


def test_a_heading_never_ends_a_panel_without_its_text():
    # the heading would fit under the 175 mm spacer, but not two lines of the paragraph after it
    long_text = " ".join(["word"] * 60)
    blocks = f"      - spacer: 175\n      - heading: Stays with its text\n      - paragraph: {long_text} last\n"
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert not layout.overflows
    assert panel_of(layout, "Stays") == panel_of(layout, "last") == "inside-3"


def test_a_paragraph_splits_between_panels_keeping_two_lines_on_each_side():
    # a 150 mm spacer leaves room for a few lines of the long paragraph on inside-2
    text = " ".join(f"w{i:03d}" for i in range(150))
    blocks = f"      - spacer: 150\n      - paragraph: {text}\n"
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert not layout.overflows
    first = [r for r in layout.panels["inside-2"].items if isinstance(r, TextRun)]
    second = [r for r in layout.panels["inside-3"].items if isinstance(r, TextRun)]
    assert len({r.baseline for r in first}) >= 2 and len({r.baseline for r in second}) >= 2
    words = " ".join(r.text for r in first + second).split()
    assert words == text.split()  # every word once, in order, nothing lost at the cut


def test_a_short_paragraph_is_never_split_into_a_widow_or_an_orphan():
    text = " ".join(["word"] * 20)  # three lines at 14 pt in a 90 mm column
    blocks = f"      - spacer: 175\n      - paragraph: {text} last\n"
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert panel_of(layout, "last") == "inside-3"
    assert not [r for r in layout.panels["inside-2"].items if isinstance(r, TextRun)]


def test_steps_carry_on_to_the_next_panel_and_keep_their_numbering():
    steps = "".join(
        f"          - title: Stage {i}\n            text: {' '.join(['word'] * 60)} end{i}\n" for i in range(1, 6)
    )
    layout = lay_out(continued(f"      - steps:\n{steps}"), sheet("a4"), MonoMeasure())
    assert not layout.overflows
    badges = [
        [r.text for r in layout.panels[name].items if isinstance(r, TextRun) and r.text.isdigit()]
        for name in ("inside-2", "inside-3")
    ]
    assert badges[0] and badges[1]
    assert badges[0] + badges[1] == ["1", "2", "3", "4", "5"]
    assert panel_of(layout, "end5") == "inside-3"


def test_a_pinned_block_stays_on_its_own_panel():
    # without the pin, the end of inside-2 would run on into inside-3 at a larger size
    blocks = paragraphs(4, words=60, indent="      ") + "      - paragraph: pinned here\n        pin: true\n"
    layout = lay_out(continued(blocks, "    - paragraph: own text\n"), sheet("a4"), MonoMeasure())
    assert not layout.overflows
    assert panel_of(layout, "pinned here") == "inside-2"


def test_break_before_starts_a_new_panel():
    blocks = "      - paragraph: first\n      - paragraph: second\n        break_before: true\n"
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert panel_of(layout, "first") == "inside-2" and panel_of(layout, "second") == "inside-3"


def test_keep_together_moves_a_paragraph_whole():
    text = " ".join(["word"] * 200)
    blocks = f"      - spacer: 150\n      - paragraph: {text} last\n        keep_together: true\n"
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert not [r for r in layout.panels["inside-2"].items if isinstance(r, TextRun)]
    assert panel_of(layout, "last") == "inside-3"


def test_the_share_out_is_linear_in_the_number_of_blocks(monkeypatch):
    flow_module = importlib.import_module("leaflet.layout.flow")

    calls = []
    real = flow_module.lay_block
    monkeypatch.setattr(flow_module, "lay_block", lambda *args: calls.append(1) or real(*args))  # noqa: B023
    for count in (200, 800):
        calls.clear()
        lines = "".join(f"      - paragraph: w{i}\n" for i in range(count))
        lay_out(continued(lines), sheet("a4"), MonoMeasure())
        per_block = len(calls) / count
        assert per_block < 40, (count, per_block)  # a few layouts per size tried, not one per cut tried


def test_many_chained_panels_are_shared_out_quickly():
    # every panel continues on the next: the share-out search must not grow exponentially
    lines = "".join(f"      - paragraph: line {i}\n" for i in range(120))
    chain = "".join(
        f"  {a}: {{continues_to: {b}, blocks: [{{paragraph: x}}]}}\n"
        for a, b in (("flap", "inside-1"), ("inside-1", "inside-2"), ("inside-2", "inside-3"), ("inside-3", "back"))
    )
    leaflet = loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  front:\n    continues_to: flap\n    blocks:\n{lines}{chain}  back: [{{paragraph: y}}]\n"
    )
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    assert not layout.overflows
    fills = [p.fill_ratio for p in layout.panels.values()]
    assert max(fills) - min(fills) < 0.2


def test_continuation_panel_keeps_its_own_blocks():
    layout = lay_out(
        continued(paragraphs(1, indent="      "), "    - paragraph: own text\n"), sheet("a4"), MonoMeasure()
    )
    assert panel_of(layout, "own text") == "inside-3"
    assert panel_of(layout, "end0") == "inside-2"


def test_fill_spacer_pushes_what_follows_to_the_bottom():
    leaflet = leaflet_with("    - paragraph: top\n    - spacer: fill\n    - paragraph: bottom\n")
    panel = lay_out(leaflet, sheet("a4"), MonoMeasure()).panels["inside-1"]
    bottom = next(r for r in panel.items if isinstance(r, TextRun) and r.text == "bottom")
    assert bottom.baseline - panel.place.content.y0 < 16  # last line sits on the bottom margin


def test_banner_at_the_top_runs_to_the_trim_edge():
    leaflet = loads("leaflet: {id: t, title: T, language: en-GB}\npanels:\n  front:\n    - banner: Title\n")
    panel = lay_out(leaflet, sheet("a4"), MonoMeasure()).panels["front"]
    band = next(i for i in panel.items if not isinstance(i, TextRun))
    assert band.box.y1 == pytest.approx(panel.place.box.y1)
    assert (band.box.x0, band.box.x1) == pytest.approx((panel.place.box.x0, panel.place.box.x1))


def test_text_that_moves_on_is_laid_out_at_the_width_of_its_new_panel():
    # inside-2 is 100 mm wide, inside-3 only 97 mm: what moves on must be re-broken for the narrower column
    layout = lay_out(continued(paragraphs(8, words=40, indent="      ")), sheet("a4"), MonoMeasure())
    narrow = layout.panels["inside-3"]
    runs = [r for r in narrow.items if isinstance(r, TextRun)]
    assert runs, "some text moved on to inside-3"
    assert max(r.x + r.width for r in runs) <= narrow.place.content.x1 + 0.01
    assert max(r.x + r.width for r in runs) > narrow.place.content.x1 - 40  # and it does use the width


def test_a_web_address_too_long_for_the_line_is_cut_after_a_slash():
    address = "https://www.example.org/services/mental-health/talking-therapies"
    result = set_text(
        parse_inline(f"[{address}](https://www.example.org)").spans, STYLE, width=150, measure=MonoMeasure()
    )
    lines = lines_of(result)
    assert "".join(lines) == address
    assert all(line.endswith(("/", "-")) for line in lines[:-1])


def test_a_banner_title_too_long_for_the_panel_gets_smaller_instead_of_cutting_a_word():
    word = "Psychotherapeutical"  # 19 characters of 16.1 pt at 14 pt x 2.3: wider than a 90 mm column
    leaflet = loads(f"leaflet: {{id: t, title: T, language: en-GB}}\npanels:\n  front:\n    - banner: {word} therapy\n")
    panel = lay_out(leaflet, sheet("a4"), MonoMeasure()).panels["front"]
    runs = [r for r in panel.items if isinstance(r, TextRun)]
    assert [r.text for r in runs] == [word, "therapy"]  # the long word whole, on its own line
    assert max(r.x + r.width for r in runs) <= panel.place.content.x1 + 0.01
    assert runs[0].size < panel.body_size * 2.3


def test_a_qr_code_stays_on_the_panel_of_the_text_that_introduces_it():
    section = (
        "      - spacer: 150\n"
        "      - section:\n          heading: More\n          body:\n"
        "            - paragraph: Scan the code below to read more about it.\n"
        "            - qr: {url: https://example.org, size_mm: 20}\n"
    )
    layout = lay_out(continued(section), sheet("a4"), MonoMeasure())
    code = [name for name, p in layout.panels.items() if any(type(i).__name__ == "QRSymbol" for i in p.items)]
    assert code == [panel_of(layout, "below")] == ["inside-3"]


def test_text_running_on_into_a_panel_never_pushes_its_pinned_block_off_it():
    long_text = " ".join(["word"] * 900)  # more than two panels even at the floor
    leaflet = loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  inside-1:\n    continues_to: inside-2\n    blocks:\n      - paragraph: {long_text}\n"
        "  inside-2:\n    continues_to: inside-3\n    blocks:\n"
        "      - paragraph: pinned here\n        pin: true\n"
    )
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    assert panel_of(layout, "pinned here") == "inside-2"  # it stays, and the panel overflows instead
    assert [o.panel for o in layout.overflows] == ["inside-2"]


def test_a_cut_above_a_picture_draws_the_picture_once():
    text = " ".join(["word"] * 150)
    blocks = (
        "      - spacer: 120\n      - section:\n          heading: H\n          body:\n"
        f"            - paragraph: {text}\n"
        "            - illustration: {name: conversation, alt: x, height_mm: 40}\n"
    )
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    outlines = {name: sum(type(i).__name__ == "Outline" for i in p.items) for name, p in layout.panels.items()}
    alone = lay_out(continued("      - illustration: {name: conversation, alt: x, height_mm: 40}\n"), sheet("a4"),
                    MonoMeasure())  # fmt: skip
    assert sum(outlines.values()) == sum(type(i).__name__ == "Outline" for i in alone.panels["inside-2"].items)
    assert [name for name, count in outlines.items() if count] == ["inside-3"]


def test_a_heading_inside_a_section_is_never_cut_from_its_text():
    from leaflet.layout.blocks import Column, Typesetting, lay_block

    leaflet = continued(
        "      - section:\n          heading: Outer\n          body:\n"
        "            - paragraph: first\n            - heading: Inner\n            - paragraph: second\n"
    )
    section = leaflet.panels["inside-2"].blocks[0]
    laid = lay_block(section, Column(250), Typesetting(12, m.Theme()), MonoMeasure())
    starts = [cut.rest[0] for cut in laid.cuts]
    assert section.body[1] in starts  # a cut before the inner heading
    assert section.body[2] not in starts  # never between it and its text


def test_a_heading_before_a_break_moves_on_with_the_block_that_asks_for_it():
    leaflet = loads(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        "  inside-1:\n    continues_to: inside-2\n    blocks:\n"
        "      - paragraph: first\n      - heading: Title\n"
        "      - paragraph: second\n        break_before: true\n"
        "  inside-2:\n    continues_to: inside-3\n    blocks:\n      - paragraph: own text\n"
    )
    layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
    assert panel_of(layout, "first") == "inside-1"
    assert panel_of(layout, "Title") == panel_of(layout, "second") == panel_of(layout, "own text") == "inside-2"


def test_a_pinned_block_outranks_a_break_before_it():
    blocks = (
        "      - paragraph: first\n      - paragraph: second\n        break_before: true\n"
        "      - paragraph: third\n        pin: true\n"
    )
    layout = lay_out(continued(blocks), sheet("a4"), MonoMeasure())
    assert {panel_of(layout, word) for word in ("first", "second", "third")} == {"inside-2"}


def test_an_edition_that_overflows_is_not_reported_as_balanced():
    layout = lay_out(continued(paragraphs(40, words=60, indent="      ")), sheet("a4"), MonoMeasure())
    assert layout.overflows and layout.copyfit.balanced == ()


@pytest.mark.parametrize("size", [14, 12.5, 11])
def test_copyfits_quick_fit_test_agrees_with_the_full_flow(size):
    # the search asks `fits`, which places nothing and gives up early; the edition is laid out with `flow`
    flow_module = importlib.import_module("leaflet.layout.flow")
    blocks_module = importlib.import_module("leaflet.layout.blocks")
    a4 = sheet("a4")
    answers = set()
    for count in range(1, 14):
        pinned = "      - {paragraph: signed off, pin: true}\n"
        broken = "      - {heading: Later, break_before: true}\n"
        leaflet = continued(paragraphs(count, words=40, indent="      ") + broken + pinned, paragraphs(1))
        chain = [leaflet.panels["inside-2"], leaflet.panels["inside-3"]]
        places = [a4.panel("inside-2"), a4.panel("inside-3")]
        ts = blocks_module.Typesetting(size, leaflet.theme)
        full = flow_module.flow(chain, places, ts, MonoMeasure(), balance=False)
        quick = flow_module.fits(chain, places, ts, MonoMeasure(), {})
        assert quick == (not full.overflows), count
        answers.add(quick)
    assert answers == {True, False}  # both answers were asked for


def test_a_text_carried_on_to_a_wider_panel_still_opens_it_with_two_lines():
    # inside-3 is narrower than back (A4 roll fold): two lines cut off at its width can be one at back's
    widows = []
    for spacer in range(120, 176, 4):
        for words in range(30, 80, 3):
            text = " ".join(f"w{i % 10}" for i in range(words)) + " last"
            leaflet = loads(
                "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
                f"  inside-3:\n    continues_to: back\n    blocks:\n      - spacer: {spacer}\n"
                f"      - paragraph: {text}\n  back:\n    - paragraph: end\n"
            )
            layout = lay_out(leaflet, sheet("a4"), MonoMeasure())
            where = leaflet.panels["inside-3"].blocks[1].where
            for name in ("inside-3", "back"):
                own = {
                    round(r.baseline, 1)
                    for r in layout.panels[name].items
                    if isinstance(r, TextRun) and r.where == where
                }
                if own and len(own) < 2:
                    widows.append((spacer, words, name))
    assert not widows, widows[:5]

"""Loading and checking leaflet YAML: good files give a model, bad ones say FILE:LINE:COLUMN."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leaflet import model as m
from leaflet.content import load, loads
from leaflet.errors import SourceError

from .conftest import MINIMAL, SAMPLE


def error_for(text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        loads(text, "leaflet.yaml")
    return caught.value


def test_a_leaflet_file_loads_with_every_panel_in_reading_order():
    leaflet = load(SAMPLE)
    assert leaflet.id == "town-library"
    assert leaflet.language == "en-GB"
    assert leaflet.panels["inside-2"].continues_to == "inside-3"
    assert list(leaflet.panels) == list(m.PANEL_NAMES)


def test_minimal_leaflet_loads_with_defaults():
    leaflet = loads(MINIMAL)
    assert leaflet.paper == "a4" and leaflet.fold == "roll"
    assert isinstance(leaflet.panels["front"].blocks[0], m.Heading)


def test_block_remembers_its_line_and_column():
    block = loads(MINIMAL, "x.yaml").panels["inside-1"].blocks[0]
    assert (block.where.line, block.where.column) == (9, 7)


def test_yaml_syntax_error_points_at_the_line():
    error = error_for("leaflet:\n  id: x\n  title: [unclosed\n")
    assert error.where.line >= 3
    assert "YAML syntax" in error.message


def test_unknown_key_suggests_the_nearest_valid_one():
    error = error_for(MINIMAL.replace("  title:", "  titel:"))
    assert (error.where.line, error.where.column) == (3, 3)
    assert "unknown key 'titel'" in error.message and "did you mean 'title'?" in error.message


def test_unknown_block_type_suggests_the_nearest_one():
    error = error_for(MINIMAL.replace("- paragraph:", "- paragrph:"))
    assert "unknown block type 'paragrph'" in error.message
    assert "did you mean 'paragraph'?" in error.message
    assert error.where.line == 9


def test_unknown_panel_is_refused_with_a_suggestion():
    error = error_for(MINIMAL.replace("inside-1:", "insde-1:"))
    assert "did you mean 'inside-1'?" in error.message


def test_missing_required_field_is_named():
    error = error_for(MINIMAL.replace("  language: en-GB\n", ""))
    assert "needs the key 'language'" in error.message
    assert error.where.line == 2


def test_wrong_type_says_what_is_expected():
    error = error_for(MINIMAL.replace("- heading: Hello", "- bullets: just one string"))
    assert "must be a list" in error.message


def test_duplicate_key_is_refused():
    error = error_for(MINIMAL.replace("  title: A tiny leaflet\n", "  title: A\n  title: B\n"))
    assert "appears twice" in error.message and error.where.line == 4


def test_broken_inline_markup_points_at_the_text():
    error = error_for(MINIMAL.replace("Some text", "Some **text"))
    assert "never closed" in error.message and error.where.line == 9


def test_continuing_on_a_panel_that_is_not_next_is_refused():
    text = MINIMAL.replace("  inside-1:\n", "  inside-1:\n    continues_to: back\n    blocks:\n")
    text = text.replace("    - paragraph: Some", "      - paragraph: Some")
    error = error_for(text)
    assert "can only continue on the panel after it" in error.message


def test_bad_colour_is_refused_with_the_expected_form():
    error = error_for(MINIMAL + "theme:\n  heading: blue\n")
    assert "#RRGGBB" in error.message


def test_body_size_below_the_smallest_floor_is_refused():
    error = error_for(MINIMAL + "typography:\n  body_min: 7\n")
    assert "between 8 and 24" in error.message


def test_the_old_fit_setting_says_it_is_no_longer_needed():
    error = error_for(MINIMAL + "typography:\n  fit: shrink\n")
    assert "no longer needed" in error.message and error.where.line == 11


def test_empty_file_says_so():
    assert "empty" in error_for("").message


def test_missing_file_says_so(tmp_path: Path):
    with pytest.raises(SourceError, match="no such file"):
        load(tmp_path / "nope.yaml")


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load(path).id == "tiny"


def test_image_outside_the_leaflet_folder_is_refused(write_leaflet):
    path = write_leaflet(MINIMAL + "    - image:\n        src: ../../etc/passwd\n        alt: x\n")
    with pytest.raises(SourceError, match="outside the leaflet's folder"):
        load(path)


def test_message_has_file_line_column_prefix():
    error = error_for(MINIMAL.replace("  title:", "  titel:"))
    assert re.match(r"^leaflet\.yaml:\d+:\d+: ", str(error))


def test_text_spelt_with_combining_marks_is_read_in_its_composed_form(tmp_path):
    # a Mac often spells 'ö' as 'o' and U+0308, which a Latin font would print with the dots beside the 'o'
    leaflet = loads(
        'leaflet: {id: t, title: "Bro\\u0308tchen", language: de}\npanels:\n  front:\n'
        '    - paragraph: "Scho\\u0308n, A\\u030Angstro\\u0308m"\n'
    )
    assert leaflet.title == "Brötchen"
    assert leaflet.panels["front"].blocks[0].text.plain == "Schön, Ångström"

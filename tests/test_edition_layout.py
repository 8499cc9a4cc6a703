"""An edition's layout file (translations/ur.layout.yaml): pins, moves and sizes for one edition only."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from leaflet import model as m
from leaflet.content import load
from leaflet.edition_layout import MAX_LAYOUT_BYTES, apply_layout_file, layout_file_for
from leaflet.errors import SourceError

SOURCE = """
leaflet:
  id: tiny
  title: A tiny leaflet
  language: en-GB
typography:
  font: noto-sans
panels:
  front:
    - heading: Hello
  inside-1:
    continues_to: inside-2
    blocks:
      - paragraph: First.
      - section:
          heading: Why
          body: Because.
        keep_with_next: true
      - paragraph: Third.
  inside-2:
    - paragraph: Inside two.
    - paragraph: Inside two, again.
"""


@pytest.fixture
def source(write_leaflet) -> m.Leaflet:
    return load(write_leaflet(SOURCE))


@pytest.fixture
def layout(tmp_path: Path):
    """Write an edition's layout file (dedented) beside where its PO file would be, and return its path."""

    def write(body: str) -> Path:
        path = tmp_path / "ur.layout.yaml"
        path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        return path

    return write


def words(leaflet: m.Leaflet, panel: str) -> list[str]:
    """The first text of each block of a panel: enough to tell the blocks apart."""
    return [m.block_texts(block)[0].plain for block in leaflet.panels[panel].blocks]


# -- placement flags ------------------------------------------------------------


def test_flags_apply_to_the_named_block_only(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/2:
            pin: true
            keep_together: yes
            break_before: true
        """)
    edition = apply_layout_file(source, path)
    blocks = edition.panels["inside-1"].blocks
    assert blocks[2].placement == m.Placement(pin=True, keep_together=True, break_before=True)
    assert blocks[0].placement == m.Placement()
    assert blocks[1].placement == source.panels["inside-1"].blocks[1].placement
    assert edition.panels["inside-2"] == source.panels["inside-2"]
    assert edition.panels["front"] == source.panels["front"]


def test_flags_the_file_does_not_name_keep_the_sources_values(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/1:
            pin: true
        """)
    placement = apply_layout_file(source, path).panels["inside-1"].blocks[1].placement
    assert placement == m.Placement(pin=True, keep_with_next=True)


def test_a_flag_can_turn_off_what_the_source_turns_on(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/1:
            keep_with_next: false
        """)
    assert apply_layout_file(source, path).panels["inside-1"].blocks[1].placement == m.Placement()


def test_a_place_written_with_its_kind_as_msgctxt_does_is_accepted(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/1.section:
            break_before: true
        """)
    assert apply_layout_file(source, path).panels["inside-1"].blocks[1].placement.break_before


def test_the_source_leaflet_is_left_as_it_was(source: m.Leaflet, layout) -> None:
    before = source.panels["inside-1"]
    apply_layout_file(source, layout("blocks:\n  inside-1/0:\n    pin: true\n    move_to: inside-2\n"))
    assert source.panels["inside-1"] == before


# -- moving blocks --------------------------------------------------------------


def test_move_to_a_later_panel_puts_the_block_on_top(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/2:
            move_to: inside-2
        """)
    edition = apply_layout_file(source, path)
    assert words(edition, "inside-1") == ["First.", "Why"]
    assert words(edition, "inside-2") == ["Third.", "Inside two.", "Inside two, again."]


def test_move_to_an_earlier_panel_puts_the_block_at_the_bottom(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-2/0:
            move_to: inside-1
        """)
    edition = apply_layout_file(source, path)
    assert words(edition, "inside-1") == ["First.", "Why", "Third.", "Inside two."]
    assert words(edition, "inside-2") == ["Inside two, again."]


def test_a_moved_block_takes_its_flags_along(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/2:
            move_to: inside-2
            pin: true
        """)
    moved = apply_layout_file(source, path).panels["inside-2"].blocks[0]
    assert m.block_texts(moved)[0].plain == "Third."
    assert moved.placement.pin


def test_indexes_mean_the_sources_panels_before_any_move(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/0:
            move_to: inside-2
          inside-1/2:
            pin: true
        """)
    edition = apply_layout_file(source, path)
    assert words(edition, "inside-1") == ["Why", "Third."]
    assert edition.panels["inside-1"].blocks[1].placement.pin


def test_blocks_moved_onto_one_panel_keep_their_reading_order(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-1/2:
            move_to: inside-2
          inside-1/0:
            move_to: inside-2
        """)
    assert words(apply_layout_file(source, path), "inside-2")[:2] == ["First.", "Third."]


def test_moving_to_a_panel_the_source_lacks_creates_it(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          inside-2/1:
            move_to: inside-3
        """)
    edition = apply_layout_file(source, path)
    assert edition.panels["inside-3"].name == "inside-3"
    assert words(edition, "inside-3") == ["Inside two, again."]
    assert words(edition, "inside-2") == ["Inside two."]


def test_a_panel_whose_blocks_would_all_move_away_is_refused_as_a_blank_panel(source: m.Leaflet, layout) -> None:
    path = layout("""
        blocks:
          front/0:
            move_to: inside-1
        """)
    with pytest.raises(SourceError, match="every block of panel 'front' is moved away") as caught:
        apply_layout_file(source, path)
    assert caught.value.where.line == 2


# -- typography -----------------------------------------------------------------


def test_typography_sets_the_size_range_and_keeps_the_rest(source: m.Leaflet, layout) -> None:
    path = layout("""
        typography:
          body_min: 10.5
        """)
    typography = apply_layout_file(source, path).typography
    assert typography == m.Typography(body_min=10.5, body_max=14.0, font="noto-sans")


def test_typography_can_set_both_ends(source: m.Leaflet, layout) -> None:
    path = layout("typography:\n  body_min: 9\n  body_max: 10\n")
    typography = apply_layout_file(source, path).typography
    assert (typography.body_min, typography.body_max) == (9.0, 10.0)


# -- finding the file -----------------------------------------------------------


def test_layout_file_for_finds_the_file_beside_the_po_file(tmp_path: Path) -> None:
    po = tmp_path / "translations" / "ur.po"
    po.parent.mkdir()
    po.write_text("", encoding="utf-8")
    (po.parent / "ur.layout.yaml").write_text("blocks: {}\n", encoding="utf-8")
    assert layout_file_for(po) == po.parent / "ur.layout.yaml"


def test_layout_file_for_keeps_the_whole_language_code(tmp_path: Path) -> None:
    po = tmp_path / "zh-Hans.po"
    (tmp_path / "zh-Hans.layout.yaml").write_text("blocks: {}\n", encoding="utf-8")
    assert layout_file_for(po) == tmp_path / "zh-Hans.layout.yaml"


def test_layout_file_for_is_none_without_one(tmp_path: Path) -> None:
    po = tmp_path / "ur.po"
    po.write_text("", encoding="utf-8")
    (tmp_path / "pl.layout.yaml").write_text("blocks: {}\n", encoding="utf-8")
    assert layout_file_for(po) is None


# -- mistakes -------------------------------------------------------------------

B = "blocks:\n  inside-1/0:\n"
"""The start of a layout file that gives options to block inside-1/0, on line 3 onwards."""
T = "typography:\n"

MISTAKES = {  # the file's text, where the error points (LINE:COLUMN), what it says, what it says to do
    "unknown top-level key": ("blocs:\n  inside-1/0:\n    pin: true\n", "1:1", "unknown key 'blocs'", "'blocks'?"),
    "top-level key twice": (T + "  body_min: 10\n" + T + "  body_max: 12\n", "3:1", "twice", "keep one"),
    "not a mapping": ("- inside-1/0\n", "1:1", "the layout file must be a mapping", "typography, blocks"),
    "sets nothing": ("{}\n", "1:1", "the layout file sets nothing", "or delete it"),
    "blocks not a mapping": ("blocks:\n  - inside-1/0\n", "2:3", "'blocks' must be a mapping", "inside-2/3"),
    "blocks empty": ("blocks: {}\n", "1:9", "'blocks' is empty", "name a block"),
    "unknown option": (B + "    pinned: true\n", "3:5", "unknown key 'pinned'", "did you mean 'pin'?"),
    "option twice": (B + "    pin: true\n    pin: false\n", "4:5", "'pin' appears twice", "keep one"),
    "options not a mapping": ("blocks:\n  inside-1/0: true\n", "2:15", "go on the lines under it", "'pin: true'"),
    "no options": ("blocks:\n  inside-1/0: {}\n", "2:15", "has no options", "delete it"),
    "flag not true or false": (B + "    pin: maybe\n", "3:10", "'pin' is true or false", "'maybe'"),
    "panel the source lacks": ("blocks:\n  flap/0: {pin: true}\n", "2:3", "no panel 'flap'", "front, inside-1, in"),
    "misspelt panel": ("blocks:\n  insde-1/0: {pin: true}\n", "2:3", "unknown panel 'insde-1'", "'inside-1'?"),
    "index out of range": ("blocks:\n  inside-1/3: {pin: true}\n", "2:3", "has 3 blocks (0 to 2)", "no block 3"),
    "wrong kind": ("blocks:\n  inside-1/1.bullets: {pin: true}\n", "2:3", "a section, not a bullets", ".section"),
    "not a place": ("blocks:\n  inside-1: {pin: true}\n", "2:3", "not a block's place", "PANEL/INDEX"),
    "a block inside a block": ("blocks:\n  inside-1/1.section/body: {}\n", "2:3", "inside a block", "write inside-1/1"),
    "same block twice": (B + "    pin: true\n  inside-1/0.paragraph: {}\n", "4:3", "already named on line 2", "merge"),
    "move_to unknown panel": (B + "    move_to: inside-4\n", "3:14", "'move_to' must be one of", "'inside-3'?"),
    "move_to its own panel": (B + "    move_to: inside-1\n", "3:14", "already on panel 'inside-1'", "delete 'move_to'"),
    "size below the floor": (T + "  body_min: 6\n", "2:13", "'body_min' must be between 8 and 24", "not 6"),
    "size not a number": (T + "  body_max: big\n", "2:13", "'body_max' must be a number", "'big'"),
    "font belongs to the source": (T + "  font: noto-sans\n", "2:3", "unknown key 'font'", "body_min, body_max"),
    "typography empty": ("typography: {}\n", "1:13", "'typography' is empty", "body_min"),
    "min above the source's max": (T + "  body_min: 15\n", "2:13", "source's body_max (14)", "set body_max here"),
    "max below the source's min": (T + "  body_max: 10\n", "2:13", "source's body_min (11)", "set body_min here"),
    "min above max": (T + "  body_max: 10\n  body_min: 12\n", "3:13", "larger than 'body_max' (10)", "swap them"),
    "YAML syntax": ("blocks:\n  inside-1/0: {pin: true\n", "2:15", "YAML syntax", "check the indentation"),
    "tab indentation": ("blocks:\n\tinside-1/0:\n", "2:1", "YAML syntax", "indented with tabs"),
}


@pytest.mark.parametrize(("text", "at", "what", "todo"), MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_names_its_line_and_column_and_what_to_do(
    source: m.Leaflet, layout, text: str, at: str, what: str, todo: str
) -> None:
    path = layout(text)
    with pytest.raises(SourceError) as caught:
        apply_layout_file(source, path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{at}: "), message
    assert what in message, message
    assert todo in message, message


@pytest.mark.parametrize(
    ("text", "what"), [("", "is empty"), ("\n  \n", "is empty"), ("# only a comment\n", "has only comments in it")]
)
def test_an_empty_layout_file_says_so(source: m.Leaflet, tmp_path: Path, text: str, what: str) -> None:
    path = tmp_path / "ur.layout.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        apply_layout_file(source, path)
    assert str(caught.value).startswith(f"{path}: the layout file {what}; give 'typography', 'blocks' or both")


def test_a_file_far_larger_than_a_layout_file_is_refused_unread(source: m.Leaflet, tmp_path: Path) -> None:
    path = tmp_path / "ur.layout.yaml"
    path.write_text("#" * (MAX_LAYOUT_BYTES + 1), encoding="utf-8")
    with pytest.raises(SourceError, match="a layout file is a few lines"):
        apply_layout_file(source, path)


def test_a_missing_layout_file_names_the_path(source: m.Leaflet, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        apply_layout_file(source, tmp_path / "ur.layout.yaml")


def test_break_before_on_the_last_panel_of_its_flow_is_refused(source: m.Leaflet, layout) -> None:
    path = layout("blocks:\n  inside-2/1:\n    break_before: true\n")
    with pytest.raises(SourceError, match="panel 'inside-2' is the last of its flow, so there is none to break to"):
        apply_layout_file(source, path)

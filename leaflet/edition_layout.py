"""An edition's layout file: a designer's last resort for one translation, without touching the source.

A translation can run longer than the English (Urdu or Polish often take a
fifth more room), and the one place where a panel break or a pinned block would
fix it is that edition: the same change in the source would spoil the English
and every other language. So a small YAML file beside the translation's PO file,
`translations/ur.layout.yaml` beside `translations/ur.po`, changes the layout of
that edition only:

    # translations/ur.layout.yaml: layout choices for the Urdu edition only
    typography:          # optional: body_min, body_max (points), as in the source's typography
      body_min: 10.5
    blocks:              # optional: a block's place, as in the PO file's msgctxt (panel/index)
      inside-2/3:        # "inside-2/3.section" (with the kind, as msgctxt writes it) is accepted too
        pin: true
        keep_together: true
        keep_with_next: true
        break_before: true
        move_to: inside-3

Blocks are addressed the way the PO file's msgctxt names them, PANEL/I with I
counting every top-level block of the source's panel from 0, so a designer can
copy the place from the PO file. Indexes always mean the source's panels, before
any move: moving one block never renumbers another. The placement options
replace only the ones the file names; `move_to` puts the block on top of a panel
that comes later in reading order and at the bottom of one that comes earlier,
which is where text flowing forward or back would meet it.

Apply the file after translating: the PO file's contexts count the source's
blocks, and a moved block would no longer be where its msgctxt says. The file is
checked as strictly as the source, and every mistake names its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import model as m
from .content import MAX_BODY_SIZE, MIN_FLOOR, _did_you_mean, _Reader, compose, nowhere_to_break
from .errors import Location, SourceError
from .sources import read_text

LAYOUT_SUFFIX = ".layout.yaml"
MAX_LAYOUT_BYTES = 100_000
"""A layout file is a few lines; anything this large is the wrong file."""
TOP_KEYS = ("typography", "blocks")
SIZE_KEYS = ("body_min", "body_max")
BLOCK_OPTIONS = (*m.PLACEMENT_OPTIONS, "move_to")
_PLACE = re.compile(r"^(?P<panel>[^/.\s]+)/(?P<index>[0-9]+)(?:\.(?P<kind>[A-Za-z_-]+))?(?P<rest>.*)$")
"""PANEL/I or PANEL/I.KIND, as msgctxt writes a top-level block; `rest` catches deeper paths."""
_EXAMPLE = "e.g. inside-2/3 or inside-2/3.section"


@dataclass(frozen=True)
class _Change:
    """What the file asks of one block: placement options to set, and perhaps a panel to move to."""

    panel: str
    index: int
    flags: dict[str, bool] = field(default_factory=dict)
    move_to: str | None = None


def layout_path(po: Path) -> Path:
    """Where an edition's layout file goes: beside its PO file (ur.po -> ur.layout.yaml)."""
    return po.with_name(po.stem + LAYOUT_SUFFIX)


def layout_file_for(po: Path) -> Path | None:
    """The edition's layout file, or None when there is none.

    Anything by that name counts, a folder too, so that a misplaced file is reported rather than ignored.
    """
    candidate = layout_path(po)
    return candidate if candidate.exists() else None


def apply_layout_file(leaflet: m.Leaflet, path: Path) -> m.Leaflet:
    """The leaflet with the layout file's choices applied; a `SourceError` at the first mistake in it."""
    path = Path(path)
    root = compose(
        _read(path),
        path,
        document="a layout file",
        colon_hint="a block's place is written inside-2/3: on a line of its own, its options indented under it",
        empty="the layout file {what}; give 'typography', 'blocks' or both "
        "(e.g. blocks: {{inside-2/3: {{pin: true}}}}), or delete the file",
    )
    reader = _Reader(str(path), path.parent)
    found = reader.mapping(root, "the layout file", (), TOP_KEYS)
    if not found:
        raise reader.fail(root, "the layout file sets nothing; give 'typography', 'blocks' or both, or delete it")
    if "typography" in found:
        leaflet = replace(leaflet, typography=_typography(reader, found["typography"], leaflet.typography))
    if "blocks" in found:
        panels = _apply(leaflet.panels, _changes(reader, found["blocks"], leaflet.panels))
        for name, panel in leaflet.panels.items():
            if panel.blocks and not panels[name].blocks:  # a blank cover would pass every check
                raise reader.fail(
                    found["blocks"],
                    f"every block of panel '{name}' is moved away, which would print it blank; "
                    "keep at least one block on it",
                )
        leaflet = replace(leaflet, panels=panels)
    return leaflet


# -- reading the file ---------------------------------------------------------


def _read(path: Path) -> str:
    """The file's text, refusing anything far larger than a layout file can be before reading it."""
    if path.is_file() and path.stat().st_size > MAX_LAYOUT_BYTES:
        size = path.stat().st_size
        raise SourceError(f"{path} is {size / 1e3:.0f} kB; a layout file is a few lines: is this the right file?")
    return read_text(path, "an edition's layout file (LANGUAGE.layout.yaml)")


def _typography(reader: _Reader, node: yaml.Node, source: m.Typography) -> m.Typography:
    """The source's typography with the sizes the file sets; the range must still make sense."""
    found = reader.mapping(node, "'typography'", (), SIZE_KEYS)
    if not found:
        raise reader.fail(node, "'typography' is empty; set body_min, body_max or both, or delete it")
    sizes = {key: reader.number(value, f"'{key}'", MIN_FLOOR, MAX_BODY_SIZE) for key, value in found.items()}
    result = replace(source, **sizes)
    if result.body_min > result.body_max:
        raise reader.fail(found.get("body_min") or found["body_max"], _range_problem(result, found))
    return result


def _range_problem(result: m.Typography, found: dict[str, yaml.Node]) -> str:
    """Say which size is the source's, so the designer knows which one to add here."""
    low, high = f"{result.body_min:g}", f"{result.body_max:g}"
    if len(found) == 2:
        return f"'body_min' ({low}) is larger than 'body_max' ({high}); swap them or lower body_min"
    if "body_min" in found:
        return f"'body_min' ({low}) is larger than the source's body_max ({high}); set body_max here too"
    return f"'body_max' ({high}) is smaller than the source's body_min ({low}); set body_min here too"


def _changes(reader: _Reader, node: yaml.Node, panels: dict[str, m.Panel]) -> list[_Change]:
    """Each block the file names, checked against the source's panels; a block named twice is refused."""
    if not isinstance(node, yaml.MappingNode):
        raise reader.fail(node, f"'blocks' must be a mapping: each block's place ({_EXAMPLE}), its options under it")
    if not node.value:
        raise reader.fail(node, f"'blocks' is empty; name a block ({_EXAMPLE}) or delete it")
    changes: list[_Change] = []
    seen: dict[tuple[str, int], Location] = {}
    for key_node, value_node in node.value:
        panel, index = _place(reader, key_node, panels)
        if (panel, index) in seen:
            first = seen[panel, index]
            raise reader.fail(
                key_node, f"block {panel}/{index} is already named on line {first.line}; merge the two entries"
            )
        seen[panel, index] = reader.where(key_node)
        changes.append(_options(reader, value_node, panel, index, panels))
    return changes


def _place(reader: _Reader, node: yaml.Node, panels: dict[str, m.Panel]) -> tuple[str, int]:
    """PANEL/I (or PANEL/I.KIND) of a block the source really has, of the kind it says."""
    text = reader.scalar(node, "a block's place")
    match = _PLACE.fullmatch(text.strip())
    if not match:
        raise reader.fail(node, f"{text!r} is not a block's place; write PANEL/INDEX as in the PO file's msgctxt, "
                          f"{_EXAMPLE}")  # fmt: skip
    if match["rest"]:
        raise reader.fail(
            node,
            f"{text!r} is inside a block; only a panel's own blocks can be moved or pinned: "
            f"write {match['panel']}/{match['index']}",
        )
    name, index = match["panel"], int(match["index"])
    blocks = _panel(reader, node, name, panels).blocks
    if index >= len(blocks):
        raise reader.fail(
            node,
            f"panel '{name}' has {len(blocks)} block{'s' if len(blocks) != 1 else ''} (0 to {len(blocks) - 1}) "
            f"in the source; there is no block {index}",
        )
    kind = match["kind"]
    if kind and kind != blocks[index].kind:
        actual = blocks[index].kind
        raise reader.fail(
            node, f"block {name}/{index} is a {actual}, not a {kind}; write {name}/{index}.{actual} or {name}/{index}"
        )
    return name, index


def _panel(reader: _Reader, node: yaml.Node, name: str, panels: dict[str, m.Panel]) -> m.Panel:
    """The source's panel by that name, or an error listing the panels the source has."""
    if name in panels:
        return panels[name]
    have = ", ".join(p for p in m.PANEL_NAMES if p in panels)
    if name in m.PANEL_NAMES:
        raise reader.fail(node, f"the source has no panel '{name}'; its panels are: {have}")
    hint = _did_you_mean(name, m.PANEL_NAMES)
    close = hint if "did you mean" in hint else ""
    raise reader.fail(node, f"unknown panel '{name}'; the source's panels are: {have}{close}")


def _options(reader: _Reader, node: yaml.Node, panel: str, index: int, panels: dict[str, m.Panel]) -> _Change:
    """The options under one block's place: placement flags and `move_to`."""
    what = f"block {panel}/{index}"
    if not isinstance(node, yaml.MappingNode):
        raise reader.fail(
            node,
            f"the options of {what} go on the lines under it, indented (e.g. 'pin: true'); one or more of: "
            f"{', '.join(BLOCK_OPTIONS)}",
        )
    found = reader.mapping(node, what, (), BLOCK_OPTIONS)
    if not found:
        raise reader.fail(node, f"{what} has no options; give one of: {', '.join(BLOCK_OPTIONS)}, or delete it")
    flags = {key: reader.flag(value, f"'{key}'") for key, value in found.items() if key in m.PLACEMENT_OPTIONS}
    target = reader.choice(found["move_to"], "'move_to'", m.PANEL_NAMES) if "move_to" in found else None
    if target == panel:
        raise reader.fail(found["move_to"], f"{what} is already on panel '{panel}'; delete 'move_to'")
    lands = panels.get(target or panel)
    if flags.get("break_before") and (lands is None or lands.continues_to is None):
        raise reader.fail(found["break_before"], nowhere_to_break(target or panel))
    return _Change(panel, index, flags, target)


# -- applying it --------------------------------------------------------------


def _apply(panels: dict[str, m.Panel], changes: list[_Change]) -> dict[str, m.Panel]:
    """New panels: flags set, moved blocks taken out and put on top of (or under) their new panel's blocks.

    Everything is looked up by the source's indexes first, then rebuilt, so the order of the
    entries in the file never matters. Blocks moved onto one panel keep their reading order.
    """
    by_place = {(c.panel, c.index): c for c in changes}
    kept: dict[str, list[m.Block]] = {name: [] for name in panels}
    above: dict[str, list[m.Block]] = {}
    below: dict[str, list[m.Block]] = {}
    for name in _reading_order(panels):
        for index, block in enumerate(panels[name].blocks):
            change = by_place.get((name, index))
            if change is None:
                kept[name].append(block)
                continue
            block = replace(block, placement=replace(block.placement, **change.flags))
            if change.move_to is None:
                kept[name].append(block)
            elif _later(change.move_to, name):
                above.setdefault(change.move_to, []).append(block)
            else:
                below.setdefault(change.move_to, []).append(block)
    return _rebuild(panels, kept, above, below)


def _rebuild(
    panels: dict[str, m.Panel],
    kept: dict[str, list[m.Block]],
    above: dict[str, list[m.Block]],
    below: dict[str, list[m.Block]],
) -> dict[str, m.Panel]:
    """The source's panels in their order, then any panel a move creates, in reading order."""
    result: dict[str, m.Panel] = {}
    for name in [*panels, *(p for p in m.PANEL_NAMES if p not in panels)]:
        blocks = (*above.get(name, ()), *kept.get(name, ()), *below.get(name, ()))
        if name in panels:
            result[name] = replace(panels[name], blocks=blocks)
        elif blocks:
            result[name] = m.Panel(name, blocks)
    return result


def _reading_order(panels: dict[str, m.Panel]) -> list[str]:
    return [name for name in m.PANEL_NAMES if name in panels]


def _later(target: str, source: str) -> bool:
    """Whether `target` comes after `source` in reading order (front, flap, inside-1..3, back)."""
    return m.PANEL_NAMES.index(target) > m.PANEL_NAMES.index(source)

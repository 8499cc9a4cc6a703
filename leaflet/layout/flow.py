"""Panel flow: laid blocks poured into panels, continuing only where the YAML allows.

A *flow* is a panel plus the panels it `continues_to`. Blocks stay in order;
a block that does not fit moves on to the next panel of its flow, taking a
heading that must stay with it; a continuation panel's own blocks never move
back. Whatever still does not fit is an `Overflow`, never clipped or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..geometry import PanelPlace
from .blocks import Column, Laid, Typesetting, lay_block
from .items import Item, Rect
from .lines import Measure


@dataclass(frozen=True)
class Overflow:
    """Content that does not fit: where, which block first, and by how much (points)."""

    panel: str
    block: m.Block
    amount: float


@dataclass(frozen=True)
class PanelLayout:
    """A panel's finished content: page items plus how full the panel is."""

    place: PanelPlace
    items: tuple[Item, ...]
    body_size: float
    used: float

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def fill_ratio(self) -> float:
        return self.used / self.place.content.height


@dataclass(frozen=True)
class FlowResult:
    panels: tuple[PanelLayout, ...]
    overflow: Overflow | None


def flow(panels: list[m.Panel], places: list[PanelPlace], ts: Typesetting, measure: Measure) -> FlowResult:
    """Pour the blocks of a chain of panels into their places on the sheet.

    Of every way to share the blocks out that fits, the most even one is taken
    (the fullest panel as empty as possible), so that a continued text does not
    leave one panel crammed and the next half empty.
    """
    laid_by_panel = [
        [lay_block(block, _column(place), ts, measure) for block in panel.blocks]
        for panel, place in zip(panels, places)
    ]
    columns = _most_even(laid_by_panel, places)
    overflow = None
    if columns is None:
        columns, overflow = _greedy(laid_by_panel, places)
    results = tuple(
        PanelLayout(place, _place(column, place), ts.body, min(_height(column), place.content.height))
        for column, place in zip(columns, places)
    )
    return FlowResult(results, overflow)


def _most_even(laid_by_panel: list[list[Laid]], places: list[PanelPlace]) -> list[list[Laid]] | None:
    """The fitting share-out of blocks over the panels with the lowest highest fill, or None."""
    blocks = [laid for group in laid_by_panel for laid in group]
    own_starts = [sum(len(group) for group in laid_by_panel[:k]) for k in range(len(places))]
    best: tuple[tuple, list[list[Laid]]] | None = None

    def share(panel: int, begin: int, taken: list[list[Laid]]) -> None:
        nonlocal best
        last = panel == len(places) - 1
        ends = [len(blocks)] if last else range(begin, own_starts[panel + 1] + 1)
        for end in ends:
            column = blocks[begin:end]
            if not _fits(column, places[panel]):
                break
            if column and column[-1].keep_with_next and end < len(blocks):
                continue
            if last:
                columns = [*taken, column]
                fills = [_height(c) / p.content.height for c, p in zip(columns, places)]
                score = (round(max(fills), 3), [-f for f in fills])
                if best is None or score < best[0]:
                    best = (score, columns)
            else:
                share(panel + 1, end, [*taken, column])

    share(0, 0, [])
    return best[1] if best else None


def _greedy(laid_by_panel: list[list[Laid]], places: list[PanelPlace]) -> tuple[list[list[Laid]], Overflow]:
    """Fill panels in order when nothing fits, to say where and by how much it overflows."""
    columns: list[list[Laid]] = [[] for _ in places]
    current = 0
    first: Laid | None = None
    for own_index, laid_blocks in enumerate(laid_by_panel):
        current = max(current, own_index)
        for laid in laid_blocks:
            if not _fits(columns[current] + [laid], places[current]) and current + 1 < len(places):
                carried = _carried_headings(columns[current])
                del columns[current][len(columns[current]) - len(carried) :]
                current += 1
                columns[current].extend(carried)
            columns[current].append(laid)
            if first is None and not _fits(columns[current], places[current]):
                first = laid
    over = [(k, _height(c) - places[k].content.height) for k, c in enumerate(columns)]
    panel, amount = max(over, key=lambda pair: pair[1])
    assert first is not None, "_greedy is only called when the blocks do not fit"
    return columns, Overflow(places[panel].name, first.block, amount)


def _column(place: PanelPlace) -> Column:
    return Column(
        place.content.width,
        outset_left=place.content.x0 - place.box.x0,
        outset_right=place.box.x1 - place.content.x1,
    )


def _height(column: list[Laid]) -> float:
    if not column:
        return 0.0
    return sum(laid.height for laid in column) + sum(_gap(a, b) for a, b in zip(column, column[1:]))


def _gap(above: Laid, below: Laid) -> float:
    """Space between two blocks; colour bands stack without a gap."""
    return 0.0 if above.is_band and below.is_band else above.space_after


def _fits(column: list[Laid], place: PanelPlace) -> bool:
    return _height(column) <= place.content.height + 0.01


def _carried_headings(column: list[Laid]) -> list[Laid]:
    """The headings at the end of a column, which move on with the block they introduce."""
    carried: list[Laid] = []
    for laid in reversed(column[1:]):
        if not laid.keep_with_next:
            break
        carried.insert(0, laid)
    return carried


def _place(column: list[Laid], place: PanelPlace) -> tuple[Item, ...]:
    """Position laid blocks top to bottom; fill spacers share the room left over."""
    content = place.content
    spare = max(0.0, content.height - _height(column))
    fills = sum(1 for laid in column if laid.is_fill)
    items: list[Item] = []
    y = content.y1
    for index, laid in enumerate(column):
        if laid.is_fill:
            y -= spare / fills
        block_items = [item.moved(content.x0, y) for item in laid.items]
        if laid.is_band:
            at_top = index == 0
            at_bottom = index == len(column) - 1 and (fills or spare < 0.01)
            block_items = [_bleed_band(i, place, at_top, at_bottom) for i in block_items]
        items.extend(block_items)
        y -= laid.height + (_gap(laid, column[index + 1]) if index + 1 < len(column) else 0.0)
    return tuple(items)


def _bleed_band(item: Item, place: PanelPlace, at_top: bool, at_bottom: bool) -> Item:
    """Stretch a banner's colour band to the panel's top or bottom edge when it sits there."""
    if not isinstance(item, Rect):
        return item
    box = item.box
    y1 = place.box.y1 if at_top else box.y1
    y0 = place.box.y0 if at_bottom else box.y0
    return Rect(type(box)(box.x0, y0, box.x1, y1), item.colour, item.radius)

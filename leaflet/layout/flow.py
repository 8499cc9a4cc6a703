"""Panel flow: laid blocks poured into panels, continuing only where the YAML allows.

A *flow* is a panel plus the panels it `continues_to`. Blocks stay in order;
a block that does not fit moves on to the next panel of its flow, taking a
heading that must stay with it; a continuation panel's own blocks never move
back. Whatever still does not fit is an `Overflow`, never clipped or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import model as m
from ..geometry import PanelPlace
from .blocks import Column, Laid, Typesetting, lay_block
from .items import Item, Picture, Rect, TextRun
from .lines import Measure


@dataclass
class Overflow:
    """Content that does not fit: where, which block first, and by how much (points)."""

    panel: str
    block: m.Block
    amount: float


@dataclass
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


@dataclass
class FlowResult:
    panels: tuple[PanelLayout, ...]
    overflows: tuple[Overflow, ...]


def flow(panels: list[m.Panel], places: list[PanelPlace], ts: Typesetting, measure: Measure) -> FlowResult:
    """Pour the blocks of a chain of panels into their places on the sheet.

    Of every way to share the blocks out that fits, the most even one is taken
    (the fullest panel as empty as possible), so that a continued text does not
    leave one panel crammed and the next half empty.
    """
    blocks = [block for panel in panels for block in panel.blocks]
    own_starts = [sum(len(panel.blocks) for panel in panels[:k]) for k in range(len(panels))]
    # each block is laid out at the width of every panel it may land in: its own or a later one
    laid = [
        [lay_block(block, _column(place), ts, measure) if index < _end(own_starts, k, len(blocks)) else None
         for index, block in enumerate(blocks)]
        for k, place in enumerate(places)
    ]  # fmt: skip
    chain = _Chain(laid, own_starts, places)
    columns = chain.most_even()
    overflows: tuple[Overflow, ...] = ()
    if columns is None:
        columns = chain.in_order()
        overflows = tuple(
            Overflow(place.name, _first_misfit(column, place).block, _height(column) - place.content.height)
            for column, place in zip(columns, places)
            if column and not _fits(column, place)
        )
    placed = [laid.block for column in columns for laid in column]
    if placed != blocks:  # nothing may be lost, doubled or reordered on the way to the page
        raise RuntimeError(f"panel flow placed {len(placed)} of {len(blocks)} blocks")
    results = tuple(
        PanelLayout(place, _place(column, place), ts.body, min(_height(column), place.content.height))
        for column, place in zip(columns, places)
    )
    return FlowResult(results, overflows)


def _end(own_starts: list[int], panel: int, count: int) -> int:
    """Blocks of later panels never move back: panel k takes blocks before panel k+1's own."""
    return own_starts[panel + 1] if panel + 1 < len(own_starts) else count


class _Chain:
    """The blocks of a chain of panels in order, and where each panel's own blocks begin.

    A share-out is a list of cut points: panel k takes blocks[cuts[k]:cuts[k + 1]], laid
    out at panel k's width. Heights of runs of blocks come from prefix sums per panel,
    so trying a cut costs nothing.
    """

    def __init__(self, laid: list[list[Laid | None]], own_starts: list[int], places: list[PanelPlace]) -> None:
        self.laid = laid
        self.count = len(laid[0])
        self.places = places
        self.own_starts = own_starts
        self._memo: dict[tuple[int, int], tuple[tuple[float, ...], tuple[int, ...]] | None] = {}
        self._heights: list[list[float]] = []
        self._gaps: list[list[float]] = []
        for row in laid:
            heights, gaps = [0.0], [0.0]
            for index, block in enumerate(row):
                following = row[index + 1] if index + 1 < len(row) else None
                heights.append(heights[-1] + (block.height if block else 0.0))
                gaps.append(gaps[-1] + (_gap(block, following) if block and following else 0.0))
            self._heights.append(heights)
            self._gaps.append(gaps)

    def blocks(self, panel: int, begin: int, end: int) -> list[Laid]:
        return [laid for laid in self.laid[panel][begin:end] if laid is not None]

    def height(self, panel: int, begin: int, end: int) -> float:
        """Height of blocks[begin:end] laid out for `panel`, stacked with their gaps."""
        if end <= begin:
            return 0.0
        heights, gaps = self._heights[panel], self._gaps[panel]
        return heights[end] - heights[begin] + gaps[end - 1] - gaps[begin]

    def latest_end(self, panel: int) -> int:
        return _end(self.own_starts, panel, self.count)

    def most_even(self) -> list[list[Laid]] | None:
        """The fitting share-out whose fullest panel is least full, or None if none fits."""
        best = self._best(0, 0)
        if best is None:
            return None
        cuts = [0, *best[1]]
        return [self.blocks(k, a, b) for k, (a, b) in enumerate(zip(cuts, cuts[1:]))]

    def _best(self, panel: int, begin: int) -> tuple[tuple[float, ...], tuple[int, ...]] | None:
        """(score, ends) for panels panel.. given that they start at block `begin`; memoised."""
        key = (panel, begin)
        if key not in self._memo:
            self._memo[key] = self._search(panel, begin)
        return self._memo[key]

    def _search(self, panel: int, begin: int) -> tuple[tuple[float, ...], tuple[int, ...]] | None:
        available = self.places[panel].content.height
        last = panel == len(self.places) - 1
        best = None
        ends = [self.count] if last else range(begin, self.latest_end(panel) + 1)
        for end in ends:
            fill = self.height(panel, begin, end) / available
            if fill > 1 + 1e-4:
                break
            if begin < end < self.count and self.laid[panel][end - 1].keep_with_next:
                continue  # a heading never ends a panel without its text
            if last:
                candidate = ((round(fill, 3), -fill), (end,))
            else:
                rest = self._best(panel + 1, end)
                if rest is None:
                    continue
                (rest_max, *rest_fills), rest_ends = rest
                candidate = ((max(round(fill, 3), rest_max), -fill, *rest_fills), (end, *rest_ends))
            if best is None or candidate[0] < best[0]:
                best = candidate
        return best

    def in_order(self) -> list[list[Laid]]:
        """Fill panels in order, for when nothing fits: each keeps what overflows it, to report."""
        taken: list[list[int]] = [[] for _ in self.places]
        current = 0
        for index in range(self.count):
            while current + 1 < len(self.places) and index >= self.own_starts[current + 1]:
                current += 1
            column = [self.laid[current][i] for i in taken[current]]
            laid = self.laid[current][index]
            if column and not _fits([*column, laid], self.places[current]) and current + 1 < len(self.places):
                carried = len(_carried_headings(column))
                moving = taken[current][len(column) - carried :]
                del taken[current][len(column) - carried :]
                current += 1
                taken[current].extend(moving)  # laid out again at the next panel's width
            taken[current].append(index)
        return [[self.laid[k][i] for i in indexes] for k, indexes in enumerate(taken)]


def _first_misfit(column: list[Laid], place: PanelPlace) -> Laid:
    """The first block that does not fit in the panel."""
    for count in range(1, len(column) + 1):
        if not _fits(column[:count], place):
            return column[count - 1]
    return column[-1]


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
        block_items = [_located(item.moved(content.x0, y), laid.block) for item in laid.items]
        if laid.is_band:
            at_top = index == 0
            at_bottom = index == len(column) - 1 and (fills or spare < 0.01)
            block_items = [_bleed_band(i, place, at_top, at_bottom) for i in block_items]
        items.extend(block_items)
        y -= laid.height + (_gap(laid, column[index + 1]) if index + 1 < len(column) else 0.0)
    return tuple(items)


def _located(item: Item, block: m.Block) -> Item:
    """Text and pictures remember the block they come from, for messages that point at the source."""
    if isinstance(item, (TextRun, Picture)) and item.where is None:
        return replace(item, where=block.where)
    return item


def _bleed_band(item: Item, place: PanelPlace, at_top: bool, at_bottom: bool) -> Item:
    """Stretch a banner's colour band to the panel's top or bottom edge when it sits there."""
    if not isinstance(item, Rect):
        return item
    box = item.box
    y1 = place.box.y1 if at_top else box.y1
    y0 = place.box.y0 if at_bottom else box.y0
    return Rect(type(box)(box.x0, y0, box.x1, y1), item.colour, item.radius)

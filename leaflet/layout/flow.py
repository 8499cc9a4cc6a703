"""Panel flow: the text of a chain of panels poured into them as one story.

A *flow* is a panel plus the panels it `continues_to`. Blocks stay in order. A
block that does not fit is split where it allows (a paragraph between lines,
keeping two on each side; a list between items; steps between steps, numbering
on) and the rest carries on to the next panel; a heading never ends a panel.
A block never moves to a panel before the one it is written under, and a pinned
block never leaves its own. Whatever still does not fit is an `Overflow`, never
clipped or dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .. import model as m
from ..geometry import PanelPlace
from .blocks import Column, Cut, Laid, Typesetting, ink_between, lay_block
from .items import Item, Picture, QRSymbol, Rect, TextRun
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
    """A chain of panels filled from one story, and what did not fit."""

    panels: tuple[PanelLayout, ...]
    overflows: tuple[Overflow, ...]


LaidCache = dict[tuple[m.Block, Column], Laid]
"""Blocks laid out in a column, kept by whoever tries one typesetting more than once."""


def flow(
    panels: list[m.Panel],
    places: list[PanelPlace],
    ts: Typesetting,
    measure: Measure,
    balance: bool = True,
    cache: LaidCache | None = None,
) -> FlowResult:
    """Pour the blocks of a chain of panels into their places on the sheet.

    Balanced, each panel is filled up to a share of its height; the smallest share at
    which everything fits is found by bisection, so the fullest panel is as empty as it
    can be and a continued text does not leave one panel crammed and the next half empty.
    Unbalanced, a block moves on only when it does not fit: copyfit balances only when
    the text is tight (below the ceiling, or with a lever pulled), never moving a block for nothing.
    """
    story = _Story(panels, places, ts, measure, {} if cache is None else cache)
    columns = story.balanced() if balance and len(places) > 1 else story.fill(1.0)
    overflows = tuple(
        Overflow(place.name, _first_misfit(column, place).block, _height(column) - place.content.height)
        for column, place in zip(columns, places)
        if column and not _fits(column, place)
    )
    results = tuple(
        PanelLayout(place, _place(column, place), ts.body, min(_height(column), place.content.height))
        for column, place in zip(columns, places)
    )
    return FlowResult(results, overflows)


def fits(panels: list[m.Panel], places: list[PanelPlace], ts: Typesetting, measure: Measure, cache: LaidCache) -> bool:
    """Whether every block of a chain fits its panels, filled as `flow` fills them unbalanced.

    Copyfit asks this of many sizes and levers before it lays out the one it chose, so
    nothing is placed on the page here, and the fill gives up at the first block that
    overflows: a try that fails costs only the panels up to where it failed.
    """
    story = _Story(panels, places, ts, measure, cache)
    columns = story.fill(1.0, give_up=True)
    return columns is not None and story.fits(columns, 1.0)


BISECTION_STEPS = 8
"""Halvings of the share searched for: 1/256 of a panel, under a millimetre, well under a line."""


@dataclass(frozen=True)
class _Unit:
    """A block waiting to be placed, and the panel it is written under: it never goes to an earlier one."""

    block: m.Block
    home: int


class _Story:
    """The blocks of a chain of panels in order, filled into the panels one after another.

    A panel takes blocks while they fit under its cap, splits the one that does not
    where the block allows it (between lines, list items or steps), and leaves the
    rest for the next panel. Blocks never move to a panel before the one they are
    written under, and a pinned block never leaves its own. Laid-out blocks are kept
    per panel width, so each bisection step only walks the list: linear in the blocks.
    """

    def __init__(
        self, panels: list[m.Panel], places: list[PanelPlace], ts: Typesetting, measure: Measure, cache: LaidCache
    ) -> None:
        self.places = places
        self.ts = ts
        self.measure = measure
        self.units = [_Unit(block, k) for k, panel in enumerate(panels) for block in panel.blocks]
        self.last_pinned = {unit.home: index for index, unit in enumerate(self.units) if unit.block.placement.pin}
        """Per panel, the last of its own blocks that must stay on it: everything before it stays too."""
        self.columns = [_column(place) for place in places]
        self._laid = cache

    def lay(self, block: m.Block, panel: int) -> Laid:
        key = (block, self.columns[panel])
        laid = self._laid.get(key)
        if laid is None:
            laid = self._laid[key] = lay_block(block, self.columns[panel], self.ts, self.measure)
        return laid

    def carries_two_lines(self, cut: Cut, panel: int) -> bool:
        """Whether a text cut between its lines opens the next panel with two of them at least: the
        rest is set at that panel's width, and a wider panel can make two lines one (a widow)."""
        if not cut.inside_text or panel >= len(self.places):
            return True
        rest = cut.rest
        lead = self.lay(rest[0], panel).lead_lines if rest else None
        return lead is None or lead >= 2

    def balanced(self) -> list[list[Laid]]:
        """The fill at the smallest share of each panel at which everything fits (or at full panels)."""
        best = self.fill(1.0)
        if not self.fits(best, 1.0):
            return best
        low, high = 0.0, 1.0
        for _ in range(BISECTION_STEPS):
            share = (low + high) / 2
            columns = self.fill(share)
            if self.fits(columns, share):
                high, best = share, columns
            else:
                low = share
        return best

    def fits(self, columns: list[list[Laid]], share: float) -> bool:
        return all(_fits(column, place, share) for column, place in zip(columns, self.places))

    def fill(self, share: float, give_up: bool = False) -> list[list[Laid]] | None:
        """Fill each panel up to `share` of its height; the last panel takes whatever is left.

        With `give_up`, None as soon as a block the panel must take runs past its foot.
        """
        columns: list[list[Laid]] = []
        pending: list[_Unit] = []  # the rest of a split block (or a heading moved on), placed first
        index = 0
        count = len(self.units)
        last = len(self.places) - 1
        for k, place in enumerate(self.places):
            cap = place.content.height * share + 0.01
            must = self.last_pinned.get(k, -1)
            column: list[Laid] = []
            movable: list[_Unit | None] = []  # per laid block, the unit to move on if it must not end the panel
            height = 0.0
            while pending or index < count:
                unit = pending[-1] if pending else self.units[index]
                if unit.home > k:
                    break
                if unit.block.placement.break_before and _breaks_here(column, bool(pending), index > must, k < last):
                    break
                laid = self.lay(unit.block, k)
                forced = k == last or index <= must  # what comes before a pinned block stays with it
                gap = _gap(column[-1], laid) if column else 0.0
                from_pending = bool(pending)
                cut = None
                if forced or height + gap + laid.height <= cap:
                    column.append(laid)
                    movable.append(None if forced else unit)
                    height += gap + laid.height
                    if give_up and height > place.content.height + 0.02:  # past doubt: `fits` has the last word
                        return None
                else:
                    cut = _best_cut(laid, cap - height - gap, lambda cut, k=k: self.carries_two_lines(cut, k + 1))
                    if cut is not None:
                        column.append(laid.head(cut))
                    elif not _has_content(column) and laid.height > place.content.height:
                        column.append(laid)  # taller than any panel and whole: it overflows where it is written
                    else:
                        break
                    movable.append(None)
                if from_pending:
                    pending.pop()
                else:
                    index += 1
                if cut is not None:  # split: the rest carries on to the next panel
                    pending.extend(_Unit(b, unit.home) for b in reversed(cut.rest))
                    break
            if k < last:
                while len(column) > 1 and column[-1].keep_with_next and movable[-1] and (pending or index < count):
                    column.pop()  # a heading never ends a panel: it moves on with its text
                    pending.append(movable.pop())
            columns.append(column)
        return columns


def _best_cut(laid: Laid, room: float, acceptable: Callable[[Cut], bool]) -> Cut | None:
    """The lowest cut that leaves the part above it within `room`, and that `acceptable` allows, if any.

    Only the cuts tried are asked about, lowest first, so a text's rest is made for one or two of them."""
    fitting = [cut for cut in laid.cuts if cut.height <= room + 1e-6]
    return next((cut for cut in reversed(fitting) if acceptable(cut)), None)


def _breaks_here(column: list[Laid], carried: bool, after_pins: bool, has_next: bool) -> bool:
    """Whether a block that asks for a new panel starts one here: not for the rest of a split block,
    never past a pinned block of this panel, only if there is a next panel, and only if something
    other than headings waiting for it is on this one (those move on with it)."""
    if carried or not after_pins or not has_next:
        return False
    end = len(column)
    while end and column[end - 1].keep_with_next:
        end -= 1
    return _has_content(column[:end])


def _has_content(column: list[Laid]) -> bool:
    return any(not isinstance(laid.block, m.Spacer) for laid in column)


def _first_misfit(column: list[Laid], place: PanelPlace) -> Laid:
    """The first block that does not fit in the panel (one pass: a long column must not cost its square)."""
    bottom = 0.0
    for index, laid in enumerate(column):
        bottom += laid.height + (_gap(column[index - 1], laid) if index else 0.0)
        if bottom > place.content.height + 0.01:
            return laid
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
    """Space between two blocks; colour bands stack without a gap; tall scripts' ink kept apart."""
    if above.is_band and below.is_band:
        return 0.0
    return above.space_after + ink_between(above, above.space_after, below)


def _fits(column: list[Laid], place: PanelPlace, share: float = 1.0) -> bool:
    return _height(column) <= place.content.height * share + 0.01


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
        panel = m.PANEL_NAMES.index(place.name) if place.name in m.PANEL_NAMES else 0
        block_items = [_located(item.moved(content.x0, y), laid.block, panel) for item in laid.items]
        if laid.is_band:
            at_top = index == 0
            at_bottom = index == len(column) - 1 and (fills or spare < 0.01)
            block_items = [_bleed_band(i, place, at_top, at_bottom) for i in block_items]
        items.extend(block_items)
        y -= laid.height + (_gap(laid, column[index + 1]) if index + 1 < len(column) else 0.0)
    return tuple(items)


def _located(item: Item, block: m.Block, panel: int) -> Item:
    """Text and pictures remember the block they come from, for messages that point at the source,
    and where they come in reading order: the panel, then down it, then along the line."""
    if isinstance(item, TextRun):
        return item.placed(item.where or block.where, (panel, -round(item.baseline, 1), item.x))
    if isinstance(item, Picture | QRSymbol):
        located = replace(item, where=item.where or block.where) if isinstance(item, Picture) else item
        return replace(located, order=(panel, -round(item.box.y1, 1), item.box.x0))
    return item


def _bleed_band(item: Item, place: PanelPlace, at_top: bool, at_bottom: bool) -> Item:
    """Stretch a banner's colour band to the panel's top or bottom edge when it sits there."""
    if not isinstance(item, Rect):
        return item
    box = item.box
    y1 = place.box.y1 if at_top else box.y1
    y0 = place.box.y0 if at_bottom else box.y0
    return Rect(type(box)(box.x0, y0, box.x1, y1), item.colour, item.radius)

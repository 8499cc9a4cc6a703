"""Layout stage: takes a `Leaflet` and a `Sheet`, gives every panel's positioned items.

Pure geometry: fonts are reached only through the injected `Measure`, nothing
is drawn, and the result is plain data the renderer copies onto the page.

Copyfit: the whole edition takes one body size, the largest between the floor and
the ceiling at which every flow fits. Its levers are used in a fixed order, each
within its own limits: the panels of a flow are balanced (once the text is tight:
at the ceiling a block only moves on when it does not fit), then the space between
paragraphs, the line spacing (within the script's limit) and the size of headings
are tightened, and only then is the body made smaller. What it chose is
a `Copyfit`, which the PDF's metadata and `leaflet check` report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import model as m
from ..geometry import Sheet
from ..languages import Script, script_for
from .blocks import BODY_LEADING, Levers, Typesetting
from .flow import FlowResult, LaidCache, Overflow, PanelLayout, fits, flow
from .items import Item
from .linebreak import can_hyphenate
from .lines import Measure
from .structure import block_tags

__all__ = ["Copyfit", "Layout", "Levers", "Measure", "Overflow", "PanelLayout", "Item", "lay_out", "body_sizes"]

SIZE_STEP = 0.5


LEVERS: tuple[Levers, ...] = (
    Levers(),
    Levers(spacing=0.8),
    Levers(spacing=0.6),
    Levers(spacing=0.6, leading=0.95),
    Levers(spacing=0.6, leading=0.9),
    Levers(spacing=0.6, leading=0.9, headings=0.85),
    Levers(spacing=0.6, leading=0.9, headings=0.7),
)
"""Loosest first: paragraph spacing, then leading, then heading scale, each to its limit."""


@dataclass(frozen=True)
class Copyfit:
    """What copyfit chose for an edition: one body size and how far each lever was used."""

    body: float
    levers: Levers
    ceiling: float
    floor: float
    balanced: tuple[str, ...] = ()
    """The flows whose text was shared out over several panels, written 'flap > inside-1'."""

    @property
    def leading(self) -> float:
        """Points, baseline to baseline, for body text in Latin letters (taller scripts take more)."""
        return self.body * BODY_LEADING * self.levers.leading

    def actions(self) -> list[str]:
        """What copyfit did, in the order it tries its levers, as a designer would say it."""
        done = [f"{' > '.join(chain)} balanced" for chain in self.balanced]
        levers = self.levers
        if levers.spacing < 1:
            done.append(f"paragraph spacing {levers.spacing:.0%}")
        if levers.leading < 1:
            done.append(f"leading {levers.leading:.0%}")
        if levers.headings < 1:
            done.append(f"heading scale {levers.headings:.0%}")
        if self.body < self.ceiling:
            done.append(f"body {self.body:g} pt (ceiling {self.ceiling:g} pt)")
        else:
            done.append(f"body at the ceiling, {self.body:g} pt")
        return done

    def summary(self) -> str:
        """One line for the PDF's keywords."""
        return f"body text {self.body:g} pt, leading {self.leading:.1f} pt; copyfit: " + "; ".join(self.actions())


@dataclass(frozen=True)
class Layout:
    """Every panel laid out, what overflows, and what copyfit chose."""

    sheet: Sheet
    panels: dict[str, PanelLayout]
    overflows: tuple[Overflow, ...]
    copyfit: Copyfit | None = None

    def page_panels(self, page: int) -> list[PanelLayout]:
        """The panels of one page, left to right."""
        return [self.panels[p.name] for p in self.sheet.pages[page].panels if p.name in self.panels]


def body_sizes(typography: m.Typography) -> list[float]:
    """Candidate body sizes, largest first, in half points, always ending on the floor itself."""
    sizes = []
    size = typography.body_max
    while size > typography.body_min + 1e-9:
        sizes.append(round(size, 2))
        size -= SIZE_STEP
    return [*sizes, typography.body_min]


def levers_for(script: Script) -> tuple[Levers, ...]:
    """The levers in order, with line spacing kept within what the script's letters need."""
    result: list[Levers] = []
    for levers in LEVERS:
        clamped = Levers(levers.spacing, max(levers.leading, script.min_leading), levers.headings)
        if clamped not in result:
            result.append(clamped)
    return tuple(result)


def lay_out(leaflet: m.Leaflet, sheet: Sheet, measure: Measure) -> Layout:
    """Lay out every panel of the leaflet at the largest body size at which everything fits.

    Both searches are bisections (fitting is monotone in the size and in each lever), so
    an edition is laid out about six times, not once per size and lever.
    """
    script = script_for(leaflet.language)
    chains = _flows(leaflet)
    sizes = body_sizes(leaflet.typography)
    levers = levers_for(script)
    hyphenate = leaflet.typography.hyphenate and can_hyphenate(leaflet.language, script.code)
    structure = tuple(block_tags(leaflet).items())
    fitted: dict[tuple[float, Levers], bool] = {}
    laid: dict[tuple[float, Levers], LaidCache] = {}

    def typesetting(size: float, lever: Levers) -> Typesetting:
        return Typesetting(size, leaflet.theme, script, lever, leaflet.language, hyphenate, structure)

    def fits(size: float, lever: Levers) -> bool:
        """Whether every flow fits at a size and levers: unbalanced (fitting does not depend on it)."""
        if (size, lever) not in fitted:
            ts = typesetting(size, lever)
            cache = laid.setdefault((size, lever), {})  # the final layout reuses the blocks laid out here
            fitted[size, lever] = all(_fits(chain, sheet, ts, measure, cache) for chain in chains)
        return fitted[size, lever]

    size = sizes[_first(len(sizes), lambda i: fits(sizes[i], levers[-1]))]
    lever = levers[_first(len(levers), lambda i: fits(size, levers[i]))]
    balance = (size < sizes[0] or lever != levers[0]) and fits(size, lever)  # tight, and it fits
    ts = typesetting(size, lever)
    cache = laid.setdefault((size, lever), {})
    results = [_flow(chain, sheet, ts, measure, balance, cache) for chain in chains]
    panels = {p.name: p for result in results for p in result.panels}
    overflows = tuple(o for result in results for o in result.overflows)
    balanced = tuple(tuple(p.name for p in chain) for chain in chains if len(chain) > 1) if balance else ()
    copyfit = Copyfit(size, lever, sizes[0], sizes[-1], balanced)
    return Layout(sheet, panels, overflows, copyfit)


def _first(count: int, good: Callable[[int], bool]) -> int:
    """The first index in range(count) for which `good` holds, given that it holds from there on.

    The last index is taken to hold without asking (it is the floor, or the tightest levers):
    when nothing holds, the caller lays out there anyway and reports what overflows, so the
    usual leaflet is never laid out at the floor just to learn that it fits there.
    """
    low, high = 0, count - 1
    while low < high:
        middle = (low + high) // 2
        if good(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _flow(
    chain: list[m.Panel], sheet: Sheet, ts: Typesetting, measure: Measure, balance: bool, cache: LaidCache
) -> FlowResult:
    return flow(chain, [sheet.panel(panel.name) for panel in chain], ts, measure, balance, cache)


def _fits(chain: list[m.Panel], sheet: Sheet, ts: Typesetting, measure: Measure, cache: LaidCache) -> bool:
    return fits(chain, [sheet.panel(panel.name) for panel in chain], ts, measure, cache)


def _flows(leaflet: m.Leaflet) -> list[list[m.Panel]]:
    """Chains of panels: each starts at a panel nothing continues into."""
    targets = {p.continues_to for p in leaflet.panels.values() if p.continues_to}
    chains = []
    for name in m.PANEL_NAMES:
        if name not in leaflet.panels or name in targets:
            continue
        chain = [leaflet.panels[name]]
        while chain[-1].continues_to:
            following = chain[-1].continues_to
            chain.append(leaflet.panels.get(following) or m.Panel(following, ()))
        chains.append(chain)
    return chains

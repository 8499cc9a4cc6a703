"""Layout stage: takes a `Leaflet` and a `Sheet`, gives every panel's positioned items.

Pure geometry: fonts are reached only through the injected `Measure`, nothing
is drawn, and the result is plain data the renderer copies onto the page.
Each flow (a panel and the panels it continues on) gets the largest body size,
in half-point steps from the leaflet's maximum down to its floor, at which
everything fits; if nothing fits at the floor, the overflow is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..geometry import Sheet
from ..languages import script_for
from .blocks import Typesetting
from .flow import FlowResult, Overflow, PanelLayout, flow
from .items import Item
from .lines import Measure

__all__ = ["Layout", "Measure", "Overflow", "PanelLayout", "Item", "lay_out", "body_sizes"]

SIZE_STEP = 0.5


@dataclass(frozen=True)
class Layout:
    sheet: Sheet
    panels: dict[str, PanelLayout]
    overflows: tuple[Overflow, ...]

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


def lay_out(leaflet: m.Leaflet, sheet: Sheet, measure: Measure) -> Layout:
    """Lay out every panel of the leaflet on the sheet, at the body size its fit policy picks.

    'panel' (the default for a source leaflet): each flow takes the largest size at
    which it fits, so 12 pt is used wherever the panel structure allows it.
    'shrink' (the default for a translation, which runs longer): the whole edition
    takes one size, the largest at which every flow fits, headings in proportion.
    """
    script = script_for(leaflet.language)
    chains = _flows(leaflet)
    sizes = body_sizes(leaflet.typography)
    if leaflet.typography.fit == "shrink":  # set for translations unless the YAML says otherwise
        for size in sizes:
            results = [_flow(chain, sheet, Typesetting(size, leaflet.theme, script), measure) for chain in chains]
            if not any(result.overflows for result in results):
                break
    else:
        results = [_best_fit(chain, sheet, sizes, leaflet.theme, script, measure) for chain in chains]
    panels = {p.name: p for result in results for p in result.panels}
    overflows = tuple(o for result in results for o in result.overflows)
    return Layout(sheet, panels, overflows)


def _flow(chain: list[m.Panel], sheet: Sheet, ts: Typesetting, measure: Measure) -> FlowResult:
    return flow(chain, [sheet.panel(panel.name) for panel in chain], ts, measure)


def _best_fit(chain, sheet, sizes, theme, script, measure) -> FlowResult:
    """The chain at the largest body size at which it fits, or at the floor with its overflow."""
    for size in sizes:
        result = _flow(chain, sheet, Typesetting(size, theme, script), measure)
        if not result.overflows:
            break
    return result


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

"""Sheet geometry: papers, folds, imposition and print targets, in points. Pure: nothing is drawn.

A tri-fold is two pages (outside and inside) of three panels each. Which panel
sits where is data, `IMPOSITIONS`, keyed by fold and reading direction: a
right-to-left edition is the left-to-right entry mirrored, and a new fold is a
new entry, not a new code path.
"""

from __future__ import annotations

from dataclasses import dataclass

from .units import Box, inch, mm

SAFE_DISTANCE = mm(5)
"""No glyph comes closer than this to a fold or trim edge (office printers lose 4-5 mm)."""


@dataclass(frozen=True)
class Paper:
    """A landscape sheet and the widths its panels take."""

    name: str
    width: float
    height: float
    panel_widths: dict[str, float]
    """Width of each kind of panel: 'wide', 'narrow' for the one that tucks in, 'third' for a Z-fold."""
    bleed: float
    """How far artwork that touches the trim runs beyond it for a print shop."""


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", mm(297), mm(210), {"wide": mm(100), "narrow": mm(97), "third": mm(99)}, bleed=mm(3)),
    "letter": Paper(
        "letter",
        inch(11),
        inch(8.5),
        {"wide": inch(3.6875), "narrow": inch(3.625), "third": inch(11) / 3},
        bleed=inch(0.125),
    ),
}


@dataclass(frozen=True)
class Slot:
    """One panel's place on a page: which panel, and which width it takes."""

    panel: str
    width: str


@dataclass(frozen=True)
class PageSpec:
    """One side of the sheet as a table row: which panel takes each slot."""

    name: str
    slots: tuple[Slot, ...]
    """Left to right as the page lies face up."""


Imposition = tuple[PageSpec, ...]


def mirrored(imposition: Imposition) -> Imposition:
    """The same pages with their panels in reverse order: how a right-to-left edition opens."""
    return tuple(PageSpec(page.name, page.slots[::-1]) for page in imposition)


# Roll fold (letter fold): the flap folds in first, so it is narrower; behind the
# front cover is inside-1, behind the flap is inside-3.
ROLL: Imposition = (
    PageSpec("outside", (Slot("flap", "narrow"), Slot("back", "wide"), Slot("front", "wide"))),
    PageSpec("inside", (Slot("inside-1", "wide"), Slot("inside-2", "wide"), Slot("inside-3", "narrow"))),
)

# Z-fold (accordion): three equal panels folding alternately. Folded, the front
# cover is on top and inside-3 is on the back; opened, inside-1 to inside-3 read
# across the inside page, and turning the sheet over shows flap and back.
Z_FOLD: Imposition = (
    PageSpec("outside", (Slot("flap", "third"), Slot("back", "third"), Slot("front", "third"))),
    PageSpec("inside", (Slot("inside-1", "third"), Slot("inside-2", "third"), Slot("inside-3", "third"))),
)

IMPOSITIONS: dict[tuple[str, str], Imposition] = {
    ("roll", "ltr"): ROLL,
    ("roll", "rtl"): mirrored(ROLL),
    ("z", "ltr"): Z_FOLD,
    ("z", "rtl"): mirrored(Z_FOLD),
}

FOLDS: tuple[str, ...] = tuple(dict.fromkeys(fold for fold, _ in IMPOSITIONS))
DIRECTIONS: tuple[str, ...] = ("ltr", "rtl")


@dataclass(frozen=True)
class Target:
    """Where the PDF will be printed, and what that asks of the page."""

    name: str
    bleeds: bool
    """Artwork touching the trim runs into a bleed, with marks in a slug around it."""
    edge_clearance: float
    """Colour that touches the sheet edge stops this far inside it."""
    min_ppi: float
    low_ppi_is_error: bool


DEFAULT_PAPER, DEFAULT_FOLD, DEFAULT_TARGET = "a4", "roll", "office"
"""What a leaflet is printed on when its source and the command line say nothing: the one place they are set."""

TARGETS: dict[str, Target] = {
    "office": Target("office", bleeds=False, edge_clearance=SAFE_DISTANCE, min_ppi=300, low_ppi_is_error=False),
    "press": Target("press", bleeds=True, edge_clearance=0.0, min_ppi=300, low_ppi_is_error=True),
}


@dataclass(frozen=True)
class Margins:
    """Distance from a panel's edges to its text, by what kind of edge it is."""

    trim: float = mm(9)
    fold: float = mm(8)
    top: float = mm(10)
    bottom: float = mm(10)

    def __post_init__(self) -> None:
        if min(self.trim, self.fold, self.top, self.bottom) < SAFE_DISTANCE:
            raise ValueError("margins must keep text at least 5 mm from folds and trim edges")


@dataclass(frozen=True)
class PanelPlace:
    """A panel laid on a page: its full box and the box text may use."""

    name: str
    page: int
    box: Box
    content: Box
    trim_left: bool
    trim_right: bool


@dataclass(frozen=True)
class PageGeometry:
    """One side of the sheet with its panels placed, in points."""

    name: str
    width: float
    height: float
    panels: tuple[PanelPlace, ...]

    @property
    def folds(self) -> tuple[float, ...]:
        """x positions of the folds on this page."""
        return tuple(panel.box.x1 for panel in self.panels[:-1])


@dataclass(frozen=True)
class Sheet:
    """The whole sheet for a paper, fold and direction: both its sides."""

    paper: Paper
    fold: str
    direction: str
    pages: tuple[PageGeometry, ...]

    def panel(self, name: str) -> PanelPlace:
        for page in self.pages:
            for panel in page.panels:
                if panel.name == name:
                    return panel
        raise KeyError(name)


def sheet(
    paper: str = DEFAULT_PAPER, fold: str = DEFAULT_FOLD, direction: str = "ltr", margins: Margins = Margins()
) -> Sheet:
    """Where every panel lies on the two pages, and where its text may go."""
    spec = PAPERS[paper]
    pages = []
    for index, page in enumerate(IMPOSITIONS[(fold, direction)]):
        widths = [spec.panel_widths[slot.width] for slot in page.slots]
        if abs(sum(widths) - spec.width) > 0.01:
            raise ValueError(f"the {fold}-fold panels of {paper} do not add up to the sheet width")
        places = []
        x = 0.0
        last = len(page.slots) - 1
        for position, (slot, width) in enumerate(zip(page.slots, widths)):
            box = Box(x, 0.0, x + width, spec.height)
            left = margins.trim if position == 0 else margins.fold
            right = margins.trim if position == last else margins.fold
            content = box.inset(left, margins.bottom, right, margins.top)
            places.append(PanelPlace(slot.panel, index, box, content, position == 0, position == last))
            x += width
        pages.append(PageGeometry(page.name, spec.width, spec.height, tuple(places)))
    return Sheet(spec, fold, direction, tuple(pages))

"""The leaflet as data: what the YAML says, checked, with no fonts or geometry.

Every block remembers where it came from (`where`) so that a layout problem,
such as text overflowing its panel, can point back at the line in the source.
Text is kept both as the author wrote it (`source`, what a translator sees)
and as parsed inline spans (bold, links), which is all the markup there is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .colours import readable_on
from .diagnostics import Location
from .geometry import DEFAULT_FOLD, DEFAULT_PAPER, DEFAULT_TARGET

PANEL_NAMES = ("front", "flap", "inside-1", "inside-2", "inside-3", "back")
"""Panels in reading order: cover, flap, the three inside panels, back cover."""

ILLUSTRATION_NAMES = ("conversation",)
"""The built-in vector illustrations (drawn in `layout.artwork`)."""


@dataclass(frozen=True)
class Span:
    """A run of text with one look: plain, bold, or a link (which may be bold)."""

    text: str
    bold: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Text:
    """A piece of leaflet text: the source string and its parsed spans."""

    source: str
    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Placement:
    """What the source (or an edition's layout file) says about where a block may go.

    Text flows forward through the panels a panel `continues_to`; these options
    hold it back or push it on. They sit beside the block's type in the YAML:
    `- callout: ...` then `  pin: true` on the next line.
    """

    pin: bool = False
    """The block stays on the panel it is written under (the clinic's details, say)."""
    keep_together: bool = False
    """Never split between panels (a paragraph or list is split when it must be, otherwise)."""
    keep_with_next: bool = False
    """Never the last thing on a panel: it moves on with the block after it (headings always do)."""
    break_before: bool = False
    """Start a new panel here, whatever room is left on this one."""


PLACEMENT_OPTIONS: tuple[str, ...] = ("pin", "keep_together", "keep_with_next", "break_before")


@dataclass(frozen=True, kw_only=True)
class Block:
    """Base of every block; `where` is the block's place in the source."""

    where: Location | None = None
    placement: Placement = field(default_factory=Placement)
    """How the block may move between panels: pinned, kept together, breaks (see `Placement`)."""
    translation: Location | None = None
    """In a translated edition, where its first translated text is (PO file and line), for messages."""
    tag: tuple | None = None
    """Its place in the document structure, for a block that layout makes up (the clinic box's parts);
    blocks of the source get theirs from where they are written (`layout.structure`)."""

    @property
    def kind(self) -> str:
        return BLOCK_KINDS[type(self)]

    def describe(self) -> str:
        """A short human name for messages: the kind and its first words."""
        words = _first_words(self)
        return f"{self.kind} {words!r}" if words else self.kind


@dataclass(frozen=True, kw_only=True)
class Heading(Block):
    """A heading over the text that follows (level 2 unless the source says otherwise)."""

    text: Text
    level: int = 2


@dataclass(frozen=True, kw_only=True)
class Paragraph(Block):
    """Running text, which may split between panels at a line."""

    text: Text


@dataclass(frozen=True, kw_only=True)
class Bullets(Block):
    """A bulleted list; it may split between items or within one."""

    items: tuple[Text, ...]
    continued: bool = False
    """The first item carries on from the panel before: it has no bullet of its own."""
    start: int = 0
    """Which item of the list written in the source the first one is: a list that carries on to
    another panel stays one list for screen readers."""


@dataclass(frozen=True, kw_only=True)
class Section(Block):
    """A heading kept together with the body that follows it."""

    heading: Text
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Step:
    """One numbered step: a short title and the text under it."""

    title: Text | None
    """None only for a step whose text carries on from the panel before."""
    body: Text


@dataclass(frozen=True, kw_only=True)
class Steps(Block):
    """Numbered stages, each with a title and a paragraph."""

    steps: tuple[Step, ...]
    start: int = 1
    """The number of the first step: steps that carry on to another panel keep counting."""


@dataclass(frozen=True, kw_only=True)
class Callout(Block):
    """A tinted box that sets its content apart, e.g. the clinic's details."""

    heading: Text | None
    body: tuple[Block, ...]


@dataclass(frozen=True)
class ClinicDetails:
    """Who gives the leaflet out: a clinic profile (its own YAML file) or the leaflet's sample.

    Values are printed as written, never translated nor read as markup.
    """

    name: str
    address: tuple[str, ...]
    phone: str
    email: str = ""
    website: str = ""
    hours: str = ""
    logo: Path | None = None
    logo_pixels: tuple[int, int] | None = None
    logo_where: Location | None = None
    """Where the logo is named, for a message about the picture."""
    source: Path | None = None
    """The clinic file the details come from; None for the sample written in the leaflet."""


CLINIC_LABELS: dict[str, str] = {
    "heading": "Your clinic",
    "telephone": "Telephone",
    "email": "Email",
    "website": "Website",
    "hours": "Opening hours",
    "sample": "These are sample details: put your clinic's own here before printing.",
}
"""The words a clinic box prints around the details, in English; translated through the PO file."""


def plain_text(source: str) -> Text:
    """Text taken as written: no markup is read in it."""
    return Text(source, (Span(source),))


@dataclass(frozen=True, kw_only=True)
class Clinic(Block):
    """Where the clinic's details print: filled from a clinic file, or the leaflet's own sample."""

    details: ClinicDetails
    labels: tuple[Text, ...] = tuple(plain_text(label) for label in CLINIC_LABELS.values())
    """CLINIC_LABELS' words, in its order, in the edition's language."""
    sample: bool = True
    """Still the leaflet's sample details: not for patients until a clinic's own replace them."""

    def label(self, key: str) -> Text:
        return self.labels[list(CLINIC_LABELS).index(key)]


@dataclass(frozen=True, kw_only=True)
class Image(Block):
    """A raster picture (PNG or JPEG); alt text is kept for accessibility."""

    src: Path
    alt: Text
    pixels: tuple[int, int]
    width_mm: float | None = None


@dataclass(frozen=True, kw_only=True)
class QRCode(Block):
    """A QR code for a web address, drawn as vectors, with an optional caption under it."""

    url: str
    caption: Text | None = None
    size_mm: float = 22.0


@dataclass(frozen=True, kw_only=True)
class Illustration(Block):
    """A built-in vector illustration, named, drawn from shapes."""

    name: str
    alt: Text
    height_mm: float = 70.0


@dataclass(frozen=True, kw_only=True)
class Banner(Block):
    """A colour band running the full width of the panel, optionally with a title.

    At the top or bottom of a panel it runs to the trim edge; its text stays
    inside the panel's safe area.
    """

    text: Text | None = None
    height_mm: float | None = None
    colour: str = "accent"
    """A theme colour name; the title takes whichever theme text colour reads best on it."""


@dataclass(frozen=True, kw_only=True)
class Spacer(Block):
    """Vertical space: a fixed height, or `fill` to push what follows to the bottom."""

    fill: bool = False
    height_mm: float = 0.0


BLOCK_KINDS: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    Bullets: "bullets",
    Section: "section",
    Steps: "steps",
    Callout: "callout",
    Clinic: "clinic",
    Image: "image",
    QRCode: "qr",
    Illustration: "illustration",
    Banner: "banner",
    Spacer: "spacer",
}


@dataclass(frozen=True)
class Panel:
    """One panel's blocks as written, and the panel its text runs on to, if any."""

    name: str
    blocks: tuple[Block, ...]
    continues_to: str | None = None
    where: Location | None = None


@dataclass(frozen=True)
class Theme:
    """Colours as #RRGGBB. Defaults are NHS identity colours with AA contrast."""

    text: str = "#212B32"
    heading: str = "#005EB8"
    accent: str = "#005EB8"
    on_accent: str = "#FFFFFF"
    tint: str = "#E8F1F8"
    link: str = "#005EB8"
    secondary: str = "#41B6E6"
    """Decorative only (bands, artwork): too light for text on white."""

    def colour(self, name: str) -> str:
        return getattr(self, name)

    def ink_on(self, background: str) -> str:
        """The theme's text colour that reads best on a background."""
        return readable_on(background, (self.on_accent, self.text, self.heading))


THEME_COLOURS: tuple[str, ...] = tuple(Theme.__dataclass_fields__)


@dataclass(frozen=True)
class Typography:
    """Body sizes in points: the edition takes the largest that fits, one size on every panel."""

    body_max: float = 14.0
    """The ceiling: RNIB's preferred size for print."""
    body_min: float = 11.0
    """The floor. Patient information is never set smaller unless the source says so here."""
    font: str | None = None
    """A bundled font family to set the text in, instead of the one the language's script uses."""
    hyphenate: bool = False
    """`hyphenate: true` lets body text be hyphenated where a line would otherwise be left short
    (never headings, callouts, addresses or acronyms). Off unless asked for: clear-print guidance
    for patient information keeps words whole, and loading a hyphenation dictionary costs a
    tenth of a second of every build."""


@dataclass(frozen=True)
class Leaflet:
    """A whole leaflet as its source says it: what it is, its panels, and how it is printed."""

    id: str
    title: str
    language: str
    panels: dict[str, Panel]
    subject: str = ""
    author: str = ""
    review_date: date | None = None
    """When the clinical content is next due for review; preflight warns once it has passed."""
    paper: str = DEFAULT_PAPER
    fold: str = DEFAULT_FOLD
    target: str = DEFAULT_TARGET
    theme: Theme = field(default_factory=Theme)
    theme_where: dict[str, Location] = field(default_factory=dict)
    """Where each colour the YAML sets in 'theme' is written, for messages about it."""
    typography: Typography = field(default_factory=Typography)
    source: Path | None = None

    def texts(self) -> list[Text]:
        """Every piece of text in reading order, for checks and reports."""
        found: list[Text] = []
        for name in PANEL_NAMES:
            if name in self.panels:
                for block in self.panels[name].blocks:
                    found.extend(block_texts(block))
        return found


def all_blocks(leaflet: Leaflet) -> Iterator[Block]:
    """Every block of the leaflet, those inside sections and callouts too."""

    def within(blocks: tuple[Block, ...]) -> Iterator[Block]:
        for block in blocks:
            yield block
            if isinstance(block, Section | Callout):
                yield from within(block.body)

    for panel in leaflet.panels.values():
        yield from within(panel.blocks)


def picture_files(leaflet: Leaflet) -> list[Path]:
    """Every picture file the leaflet prints: its images and its clinic boxes' logos."""
    found: list[Path] = []
    for block in all_blocks(leaflet):
        if isinstance(block, Image):
            found.append(block.src)
        elif isinstance(block, Clinic) and block.details.logo:
            found.append(block.details.logo)
    return found


def block_texts(block: Block) -> list[Text]:
    """The texts a block shows (or, for pictures, describes), in order."""
    match block:
        case Heading(text=text) | Paragraph(text=text):
            return [text]
        case Bullets(items=items):
            return list(items)
        case Section(heading=heading, body=body):
            return [heading] + [t for b in body for t in block_texts(b)]
        case Steps(steps=steps):
            return [t for step in steps for t in (step.title, step.body) if t is not None]
        case Callout(heading=heading, body=body):
            return ([heading] if heading else []) + [t for b in body for t in block_texts(b)]
        case Clinic(details=details):
            values = [details.name, *details.address, details.phone, details.email, details.website, details.hours]
            return [block.label("heading")] + [plain_text(value) for value in values if value]
        case Image(alt=alt) | Illustration(alt=alt):
            return [alt]
        case QRCode(caption=caption) | Banner(text=caption):
            return [caption] if caption else []
    return []


def _first_words(block: Block, count: int = 5) -> str:
    texts = block_texts(block)
    if not texts:
        return ""
    words = texts[0].plain.split()
    return " ".join(words[:count]) + (" ..." if len(words) > count else "")

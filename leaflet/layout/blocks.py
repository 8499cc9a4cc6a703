"""Block layout: one model block and a column width in, positioned items out.

Each block is laid out with its top-left corner at (0, 0) and y pointing up,
so everything it draws has y <= 0; the panel flow then moves it into place.
Sizes derive from one number, the body size, so that shrinking a translated
edition keeps every proportion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from .. import model as m
from ..diagnostics import Location
from ..languages import SCRIPTS, Script
from ..units import Box, mm
from .artwork import ILLUSTRATIONS
from .ink import Placed, extra_space, ink_gap
from .items import Circle, Item, Line, Link, Outline, Picture, QRSymbol, Rect, Tag, TextRun, node
from .lines import Measure, SetText, TextStyle, set_text, widest_word


@dataclass(frozen=True)
class Levers:
    """How far copyfit tightened the type, as fractions of the designed look (1 is untouched)."""

    spacing: float = 1.0
    """Space between paragraphs and blocks."""
    leading: float = 1.0
    """Line spacing."""
    headings: float = 1.0
    """How much larger than the body headings are."""


@dataclass(frozen=True)
class Typesetting:
    """Every size, colour and direction a block needs, derived from the body size, theme and script,
    and from how far copyfit pulled its `levers` to fit more text."""

    body: float
    theme: m.Theme
    script: Script = SCRIPTS["Latn"]
    levers: Levers = Levers()
    language: str = "en"
    hyphenate: bool = False
    """Body text may be hyphenated (the leaflet allows it and the language has a dictionary)."""
    structure: tuple[tuple[Location, Tag], ...] = ()
    """Each source block's place in the document structure, by where it is written."""

    @cached_property
    def _tags(self) -> dict[Location, Tag]:
        return dict(self.structure)

    def tag(self, block: m.Block) -> Tag | None:
        """The block's place in the structure (None: not content, so an artifact)."""
        if block.tag is not None:
            return block.tag
        return self._tags.get(block.where) if block.where is not None else None

    @property
    def rtl(self) -> bool:
        return self.script.direction == "rtl"

    @property
    def leading(self) -> float:
        """Baseline to baseline for body text in Latin letters; a taller script's lines take more."""
        return self.body * BODY_LEADING * self.levers.leading

    @property
    def gap(self) -> float:
        """Space after a paragraph."""
        return self.body * 0.7 * self.levers.spacing

    def _style(
        self, size: float, leading: float, colour: str, face: str = "regular", align: str = "", heading: bool = False
    ) -> TextStyle:
        start = "right" if self.rtl else "left"
        return TextStyle(
            size,
            leading * self.levers.leading,
            colour,
            self.theme.link,
            face=face,
            align=align or start,
            direction=self.script.direction,
            language=self.language,
            hyphenate=self.hyphenate and not heading,
            heading=heading,
        )

    def larger(self, scale: float) -> float:
        """A heading's size: `scale` times the body, brought towards the body by the headings lever."""
        return self.body * (1 + (scale - 1) * self.levers.headings)

    def text(self, colour: str | None = None) -> TextStyle:
        return self._style(self.body, self.body * BODY_LEADING, colour or self.theme.text)

    def heading(self, level: int) -> TextStyle:
        size = self.larger({1: 2.0, 2: 1.5, 3: 1.15}[level])
        return self._style(size, size * 1.18, self.theme.heading, face="bold", heading=True)

    def subheading(self, scale: float = 1.08, leading: float = 1.3) -> TextStyle:
        size = self.larger(scale)
        return self._style(size, size * leading, self.theme.heading, face="bold", heading=True)

    def badge_number(self, badge: float) -> TextStyle:
        return replace(self._style(self.body * 1.05, badge, self.theme.on_accent, "bold", "centre"), leading=badge)

    def title(self, colour: str) -> TextStyle:
        size = self.body * 2.3
        return self._style(size, size * 1.15, colour, face="bold", heading=True)

    def at(self, items: tuple[Item, ...] | list[Item], x: float, width: float, column: Column) -> list[Item]:
        """Place items laid out in a box of `width` at `x` from the start of the line.

        The start is the left in left-to-right text and the right in right-to-left
        text, so bullets, step numbers and codes sit on the reading side.
        """
        dx = column.width - x - width if self.rtl else x
        return [item.moved(dx, 0) for item in items]


BODY_LEADING = 1.38
"""Body text line spacing in Latin, as a multiple of the size (RNIB asks 1.2 to 1.5)."""


@dataclass(frozen=True)
class Column:
    """Where a block is laid: its text width and how far the panel edges lie beyond it."""

    width: float
    outset_left: float = 0.0
    outset_right: float = 0.0


@dataclass(frozen=True)
class Cut:
    """Where a block may be split between panels: the height above the cut, and what carries on.

    The blocks that carry on are made only for the cut that is taken: a long list or
    text has a cut at every line, and making every rest would cost the square of its length.
    """

    height: float
    carry_on: Callable[[], tuple[m.Block, ...]]
    inside_text: bool = False
    """It falls between two lines of one text: the text carried on must keep two lines on the next
    panel too, where a wider column may set them as one (see `Laid.lead_lines`)."""

    @cached_property
    def rest(self) -> tuple[m.Block, ...]:
        """Blocks that continue the text on the next panel (a paragraph's remaining lines, the next steps);
        made once, though the fill asks both whether the cut leaves two lines and then for what carries on."""
        return self.carry_on()


@dataclass
class Laid:
    """A block laid out: what to draw, how tall it is, and how it sits among others."""

    block: m.Block
    items: tuple[Item, ...]
    height: float
    space_after: float
    keep_with_next: bool = False
    cuts: tuple[Cut, ...] = ()
    """Where it may be split, lowest first; none for a block that must stay whole."""
    first_ink: Placed | None = None
    last_ink: Placed | None = None
    """Its first and last lines' ink (baseline from the block's top, word boxes, start), for a
    script with taller lines: a block stacked under it keeps its ink clear (see `ink_between`)."""
    ink_size: float = 0.0
    lead_lines: int | None = None
    """The lines of the text it opens with (a paragraph's, its first list item's or step's); None for a
    block that opens with no text. A text carried on to a panel must open it with two at least."""

    @property
    def is_band(self) -> bool:
        return isinstance(self.block, m.Banner)

    @property
    def is_fill(self) -> bool:
        return isinstance(self.block, m.Spacer) and self.block.fill

    def head(self, cut: Cut) -> Laid:
        """The part above a cut: what stays on this panel."""
        items = tuple(item for item in self.items if _anchor(item) > -cut.height)
        return Laid(self.block, items, cut.height, 0.0, first_ink=self.first_ink, ink_size=self.ink_size)


def ink_between(above: Laid, gap: float, below: Laid) -> float:
    """The extra space two blocks stacked `gap` apart need so that a tall letter of the lower one
    keeps clear of a deep one of the upper (only texts with taller lines keep their ink)."""
    if above.last_ink is None or below.first_ink is None:
        return 0.0
    baseline, ink, x = below.first_ink
    lower = (baseline - above.height - gap, ink, x)
    return extra_space(above.last_ink, lower, max(above.ink_size, below.ink_size))


def _anchor(item: Item) -> float:
    """The height that decides which side of a cut an item falls on: a line's baseline, a shape's middle."""
    match item:
        case TextRun():
            return item.baseline
        case Circle():
            return item.cy
        case Rect() | Link() | Picture() | QRSymbol():
            return (item.box.y0 + item.box.y1) / 2
        case Line():
            return (item.y0 + item.y1) / 2
        case Outline():
            ys = [coordinate for _, *points in item.commands for coordinate in points[1::2]]
            return (min(ys) + max(ys)) / 2 if ys else 0.0
    raise TypeError(f"no anchor for {type(item).__name__}")  # a new kind of item must say where it sits


def text_cuts(
    text: SetText,
    spans: tuple[m.Span, ...],
    make: Callable[[tuple[m.Span, ...]], tuple[m.Block, ...]],
    top: float = 0.0,
    lines: int = 2,
) -> list[Cut]:
    """Cuts between the lines of a text, leaving at least `lines` lines on each side (no widows or orphans).

    `make` turns the spans of the remaining text into the blocks that carry on.
    """
    return [
        Cut(top + text.line_tops[line], lambda line=line: make(text.rest(spans, line) or ()), inside_text=True)
        for line in range(lines, text.line_count - lines + 1)
        if text.line_starts[line] is not None
    ]


def lay_block(block: m.Block, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    """Lay out any block; the kind of block picks the function, its placement what may split it."""
    laid = _LAYOUTS[type(block)](block, column, ts, measure)
    placement = block.placement
    if placement.keep_together:
        laid.cuts = ()
    if placement.keep_with_next:
        laid.keep_with_next = True
    return laid


def _stack(parts: list[tuple[tuple[Item, ...], float, float]]) -> tuple[tuple[Item, ...], float]:
    """Put (items, height, space after) parts one under another; return items and height."""
    items: list[Item] = []
    y = 0.0
    for index, (part_items, height, after) in enumerate(parts):
        items.extend(item.moved(0, -y) for item in part_items)
        y += height + (after if index < len(parts) - 1 else 0)
    return tuple(items), y


def _heading(block: m.Heading, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    style = ts.heading(block.level)
    text = set_text(block.text.spans, style, column.width, measure)
    runs = tuple(tagged(text.runs, ts.tag(block)))
    return Laid(
        block, _with_links(runs), text.height, ts.body * 0.45, keep_with_next=True,
        first_ink=text.first_ink, last_ink=text.last_ink, ink_size=style.size,
    )  # fmt: skip


def _paragraph(block: m.Paragraph, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    text = set_text(block.text.spans, ts.text(), column.width, measure)

    def rest(spans: tuple[m.Span, ...]) -> tuple[m.Block, ...]:
        return (replace(block, text=m.Text(block.text.source, spans)),)

    cuts = tuple(text_cuts(text, block.text.spans, rest))
    runs = tuple(tagged(text.runs, ts.tag(block)))
    return Laid(
        block, _with_links(runs), text.height, ts.gap, cuts=cuts,
        first_ink=text.first_ink, last_ink=text.last_ink, ink_size=ts.body, lead_lines=text.line_count,
    )  # fmt: skip


def _bullets(block: m.Bullets, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    indent = ts.body * 1.1
    style = ts.text()
    after = ts.body * 0.3
    parts = []
    cuts: list[Cut] = []
    lead_lines: int | None = None
    top = 0.0
    for index, item in enumerate(block.items):
        text = set_text(item.spans, style, column.width - indent, measure)
        own = ts.tag(block)
        entry = own + (node("LI", (block.start + index,)),) if own else None
        body_tag = entry + (node("LBody", (block.start + index, 1)),) if entry else None
        runs = ts.at(tagged(text.runs, body_tag), indent, column.width - indent, column)
        if index or not block.continued:
            bullet = set_text((m.Span("\u2022", bold=True),), replace(style, colour=ts.theme.accent), indent, measure)
            label = entry + (node("Lbl", (block.start + index, 0)),) if entry else None
            runs += ts.at(tagged(bullet.runs, label), 0, indent, column)
        parts.append((_with_links(tuple(runs)), text.height, after))

        def rest(spans: tuple[m.Span, ...], index=index) -> tuple[m.Block, ...]:
            items = (m.Text("", spans), *block.items[index + 1 :])
            return (replace(block, items=items, continued=True, start=block.start + index),)

        def next_items(index=index) -> tuple[m.Block, ...]:
            return (replace(block, items=block.items[index + 1 :], continued=False, start=block.start + index + 1),)

        cuts += text_cuts(text, item.spans, rest, top)
        if index + 1 < len(block.items):
            cuts.append(Cut(top + text.height, next_items))
        if not index:
            lead_lines = text.line_count
        top += text.height + after
    items, height = _stack(parts)
    return Laid(block, items, height, ts.gap, cuts=tuple(cuts), lead_lines=lead_lines)


def _section(block: m.Section, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    heading = set_text(block.heading.spans, ts.subheading(), column.width, measure)
    own = ts.tag(block)
    title_tag = own + (node("H3", (0,)),) if own else None
    title = Laid(block, _with_links(tuple(tagged(heading.runs, title_tag))), heading.height, ts.body * 0.2,
                 first_ink=heading.first_ink,
                 last_ink=heading.last_ink, ink_size=ts.subheading().size)  # fmt: skip
    laid = [lay_block(b, column, ts, measure) for b in block.body]
    for index, part in enumerate([title, *laid[:-1]]):  # each block's ink clear of the one above
        part.space_after += ink_between(part, part.space_after, laid[index])
    parts = _laid_parts([title, *laid])
    items, height = _stack(parts)
    cuts: list[Cut] = []
    top = heading.height + title.space_after
    for index, part in enumerate(laid):
        cuts += [
            Cut(top + cut.height, lambda cut=cut, index=index: (*cut.rest, *block.body[index + 1 :]), cut.inside_text)
            for cut in part.cuts
        ]
        following = block.body[index + 1] if index + 1 < len(block.body) else None
        if following is not None and not isinstance(following, PICTURES) and not part.keep_with_next:
            # after a whole part, so the section's heading keeps its first block; a picture stays
            # with the text before it, a heading inside the body with the text after it
            cuts.append(Cut(top + part.height, lambda index=index: block.body[index + 1 :]))
        top += part.height + part.space_after
    last = laid[-1].last_ink if laid else title.last_ink
    if last is not None:
        last = (last[0] - (height - (laid[-1].height if laid else title.height)), last[1], last[2])
    return Laid(
        block, items, height, ts.gap * 1.3, cuts=tuple(cuts), first_ink=title.first_ink, last_ink=last,
        ink_size=ts.body,
    )  # fmt: skip


def _steps(block: m.Steps, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    badge = ts.body * 1.9
    title_style = ts.subheading(1.15)
    title_style = replace(title_style, leading=max(ts.leading, title_style.size * 1.15))  # wraps at text leading
    title_x = badge * 1.35
    parts = []
    cuts: list[Cut] = []
    lead_lines: int | None = None
    top = 0.0
    for index, step in enumerate(block.steps):
        number = block.start + index
        body = set_text(step.body.spans, ts.text(), column.width, measure)
        own = ts.tag(block)
        entry = own + (node("LI", (number,)),) if own else None
        label_tag = entry + (node("Lbl", (number, 0)),) if entry else None
        title_tag = entry + (node("LBody", (number, 1)), node("H3", (0,))) if entry else None
        body_tag = entry + (node("LBody", (number, 1)), node("P", (1,))) if entry else None
        body = replace(body, runs=tuple(tagged(body.runs, body_tag)))
        items: list[Item] = []
        title_height = 0.0
        if step.title is not None:
            title = set_text(step.title.spans, title_style, column.width - title_x, measure)
            title = replace(title, runs=tuple(tagged(title.runs, title_tag)))
            digits = set_text((m.Span(str(number)),), ts.badge_number(badge), badge, measure)
            digits = replace(digits, runs=tuple(tagged(digits.runs, label_tag)))
            first_line = title.line_tops[1]
            drop = max(0.0, (badge - first_line) / 2)  # the title's first line is centred on the badge
            centre = -(drop + first_line / 2)
            title_height = max(drop + title.height, badge)
            badge_items = [
                Circle(badge / 2, centre, badge / 2, ts.theme.accent),
                *(r.moved(0, centre - r.size * 0.36 - r.baseline) for r in digits.runs),  # digits centred
            ]
            items += ts.at(badge_items, 0, badge, column)
            items += ts.at([r.moved(0, -drop) for r in title.runs], title_x, column.width - title_x, column)
            title_height += ts.body * 0.35
            title_dx = 0.0 if ts.rtl else title_x
            title_height += ink_gap(title, (title_dx, -drop), body, (0.0, -title_height))
        items += [run.moved(0, -title_height) for run in body.runs]
        height = title_height + body.height
        parts.append((_with_links(tuple(items)), height, ts.gap * 1.2))

        def rest(spans: tuple[m.Span, ...], index=index, number=number) -> tuple[m.Block, ...]:
            steps = (m.Step(None, m.Text("", spans)), *block.steps[index + 1 :])
            return (replace(block, steps=steps, start=number),)

        def next_steps(index=index, number=number) -> tuple[m.Block, ...]:
            return (replace(block, steps=block.steps[index + 1 :], start=number + 1),)

        cuts += text_cuts(text=body, spans=step.body.spans, make=rest, top=top + title_height)
        if not index:
            lead_lines = body.line_count
        if index + 1 < len(block.steps):
            cuts.append(Cut(top + height, next_steps))
        top += height + ts.gap * 1.2
    items, height = _stack(parts)
    return Laid(block, items, height, ts.gap, cuts=tuple(cuts), lead_lines=lead_lines)


def _callout(block: m.Callout, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    pad = mm(4)
    inner = Column(column.width - 2 * pad)
    parts = []
    if block.heading:
        heading = set_text(block.heading.spans, ts.subheading(), inner.width, measure)
        own = ts.tag(block)
        runs = tuple(tagged(heading.runs, own + (node("H3", (0,)),) if own else None))
        parts.append((_with_links(runs), heading.height, ts.body * 0.25))
    plain = replace(ts, hyphenate=False)  # a callout holds names, addresses and numbers: never hyphenated
    parts += _laid_parts([lay_block(b, inner, plain, measure) for b in block.body], gap_scale=0.5)
    content, height = _stack(parts)
    box_height = height + 2 * pad
    background = Rect(Box(0, -box_height, column.width, 0), ts.theme.tint, radius=mm(2))
    return Laid(block, (background, *(i.moved(pad, -pad) for i in content)), box_height, ts.gap)


def _clinic(block: m.Clinic, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    """The clinic's details in a tinted box: its logo, name, address, then each labelled value.

    A value is set in its own direction inside a first-strong isolate (U+2068..U+2069), so a
    phone number or an English address reads as written in an Urdu edition; the spaces in a
    phone number are no-break, so it never splits over two lines.
    """
    details = block.details
    spans = [m.Span(details.name, bold=True)] + [m.Span("\n" + line) for line in details.address]
    labelled = [
        ("telephone", details.phone.replace(" ", "\u00a0"), None),
        ("email", details.email, f"mailto:{details.email}"),
        ("website", details.website.removeprefix("https://").removeprefix("http://"), details.website),
        ("hours", details.hours, None),
    ]
    for key, value, link in labelled:
        if value:
            spans.append(m.Span(f"\n{block.label(key).plain}: "))
            spans.append(m.Span(f"\u2068{value}\u2069", link=link))
    body: list[m.Block] = []
    own = ts.tag(block)

    def part(role: str, index: int, **attributes: str) -> Tag | None:
        return own + (node(role, (index,), **attributes),) if own else None

    if details.logo and details.logo_pixels:
        logo = m.Image(src=details.logo, alt=m.plain_text(details.name), pixels=details.logo_pixels, width_mm=30)
        body.append(replace(logo, where=details.logo_where, tag=part("Figure", 1, Alt=details.name)))
    text = m.Text("".join(span.text for span in spans), tuple(spans))
    body.append(m.Paragraph(text=text, where=block.where, tag=part("P", 2)))
    if block.sample:
        body.append(m.Paragraph(text=block.label("sample"), where=block.where, tag=part("P", 3)))
    box = m.Callout(heading=block.label("heading"), body=tuple(body), where=block.where, placement=block.placement)
    return replace(_callout(box, column, ts, measure), block=block)


def _image(block: m.Image, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    pixels_w, pixels_h = block.pixels
    width = min(mm(block.width_mm) if block.width_mm else column.width, column.width)
    height = width * pixels_h / pixels_w
    picture = Picture(Box(0, -height, width, 0), block.src, block.alt.plain, block.pixels, tag=ts.tag(block))
    return Laid(block, tuple(ts.at([picture], 0, width, column)), height, ts.gap)


def _qr(block: m.QRCode, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    size = min(mm(block.size_mm), column.width)
    own = ts.tag(block)
    caption_tag = own + (node("Caption", (1,)),) if own else None
    code: list[Item] = [
        QRSymbol(Box(0, -size, size, 0), block.url, ts.theme.text, tag=own),
        Link(Box(0, -size, size, 0), block.url, own, f"QR code that opens {block.url}"),
    ]
    items = ts.at(code, 0, size, column)
    height = size
    if block.caption:
        gap = mm(4)
        beside = column.width - size - gap
        if beside >= MIN_CAPTION_WIDTH:
            caption = set_text(block.caption.spans, ts.text(), beside, measure)
            caption = replace(caption, runs=tuple(tagged(caption.runs, caption_tag)))
            top = -(size - caption.height) / 2 if caption.height < size else 0
            items += ts.at([run.moved(0, top) for run in _with_links(caption.runs)], size + gap, beside, column)
            height = max(size, caption.height)
        else:  # no room beside the code: the caption goes underneath
            caption = set_text(block.caption.spans, ts.text(), column.width, measure)
            caption = replace(caption, runs=tuple(tagged(caption.runs, caption_tag)))
            items += [run.moved(0, -(size + gap / 2)) for run in _with_links(caption.runs)]
            height = size + gap / 2 + caption.height
    return Laid(block, tuple(items), height, ts.gap)


MIN_CAPTION_WIDTH = mm(30)


def _illustration(block: m.Illustration, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    height = mm(block.height_mm)
    shapes = tagged(ILLUSTRATIONS[block.name](column.width, height, ts.theme), ts.tag(block), Rect, Circle, Outline)
    return Laid(block, tuple(shape.moved(0, -height) for shape in shapes), height, ts.gap)


def _banner(block: m.Banner, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    pad = ts.body * 1.2
    items: list[Item] = []
    height = mm(block.height_mm) if block.height_mm else 0.0
    colour = ts.theme.colour(block.colour)
    if block.text:
        style = ts.title(ts.theme.ink_on(colour))
        widest = widest_word(block.text.spans, style, measure)
        if widest > column.width:  # a long word ("Міжособистісна") makes the title smaller, never cut
            size = max(style.size * column.width / widest, ts.body * MIN_TITLE_SCALE)
            style = replace(style, size=size, leading=style.leading * size / style.size)
        text = set_text(block.text.spans, style, column.width, measure)
        items += [run.moved(0, -pad) for run in tagged(text.runs, ts.tag(block))]
        height = max(height, text.height + 2 * pad)
    band = Rect(Box(-column.outset_left, -height, column.width + column.outset_right, 0), colour)
    return Laid(block, (band, *items), height, ts.gap * 1.5)


PICTURES = (m.QRCode, m.Image, m.Illustration)
"""Blocks that show what the text before them speaks of: never cut from it onto another panel."""

MIN_TITLE_SCALE = 1.3
"""A banner title shrinks to fit its longest word, but stays at least this many times the body."""


def _spacer(block: m.Spacer, column: Column, ts: Typesetting, measure: Measure) -> Laid:
    return Laid(block, (), mm(block.height_mm), 0.0)


def _laid_parts(laid: list[Laid], gap_scale: float = 1.0) -> list[tuple[tuple[Item, ...], float, float]]:
    """Laid blocks as (items, height, space after) parts for `_stack`."""
    return [(x.items, x.height, x.space_after * gap_scale) for x in laid]


def _with_links(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Add a clickable area over every linked text run; a tagged run's link is a Link element."""
    links = []
    for run in items:
        if isinstance(run, TextRun) and run.link:
            links.append(Link(run.box, run.link, run.tag, run.text))
    return items + tuple(links)


def tagged(items, tag: Tag | None, *kinds: type) -> list:
    """Items with their place in the structure: text runs (a linked one inside a Link element),
    and items of the given kinds (a picture's shapes); the rest stay decoration."""
    if tag is None:
        return list(items)
    result = []
    for item in items:
        if isinstance(item, TextRun):
            result.append(item.tagged(tag + (node("Link", (item.link,)),) if item.link else tag))
        elif isinstance(item, kinds):
            result.append(replace(item, tag=tag))
        else:
            result.append(item)
    return result


_LAYOUTS = {
    m.Heading: _heading,
    m.Clinic: _clinic,
    m.Paragraph: _paragraph,
    m.Bullets: _bullets,
    m.Section: _section,
    m.Steps: _steps,
    m.Callout: _callout,
    m.Image: _image,
    m.QRCode: _qr,
    m.Illustration: _illustration,
    m.Banner: _banner,
    m.Spacer: _spacer,
}

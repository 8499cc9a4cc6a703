"""Checks stage (preflight): what a print shop and an accessibility reviewer would flag.

Takes the model, the layout and the fonts; gives `Diagnostic`s as data. Errors
stop the build before anything is written; warnings are reported. The checks
look at the layout the PDF is drawn from, so what passes here is what prints.
"""

from __future__ import annotations

import bisect
import datetime
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .colours import contrast_ratio
from .diagnostics import Diagnostic, Location
from .geometry import SAFE_DISTANCE, Target
from .languages import writing_system
from .layout import Layout
from .layout.items import Circle, Picture, QRSymbol, Rect, TextRun
from .model import (
    CLINIC_LABELS,
    PANEL_NAMES,
    Banner,
    Block,
    Callout,
    Clinic,
    Illustration,
    Image,
    Leaflet,
    QRCode,
    Spacer,
    Theme,
    all_blocks,
    block_texts,
)
from .units import Box, to_mm

MIN_TEXT_SIZE = 11.0
"""Points. Patient information is never set smaller (RNIB Clear Print asks 12)."""
WHITE = "#FFFFFF"


class Coverage(Protocol):
    """What the checks ask of the fonts: which characters they cannot draw, who could, and where ink goes."""

    def missing(self, text: str, role: str) -> set[str]: ...

    def bundled_family_with(self, char: str) -> str | None: ...

    def ink(self, text: str, face: str, size: float) -> tuple[float, float]: ...

    def glyph_inks(self, text: str, face: str, size: float) -> tuple[tuple[float, float, float, float], ...]: ...


@dataclass(frozen=True)
class Subject:
    """What the checks look at: the leaflet, its layout, the fonts and the printer it is for."""

    leaflet: Leaflet
    layout: Layout
    fonts: Coverage
    target: Target


def preflight(subject: Subject) -> list[Diagnostic]:
    """Run every check; the list is empty when the leaflet is ready to print."""
    findings: list[Diagnostic] = []
    for check in CHECKS:
        findings.extend(check(subject))
    return findings


def overflow(subject: Subject) -> list[Diagnostic]:
    """Text that does not fit even at the floor: where, by how much, and the fixes that can be made."""
    findings = []
    floor = subject.leaflet.typography.body_min
    for problem in subject.layout.overflows:
        block = problem.block
        translated = f" (translated at {block.translation})" if block.translation else ""
        findings.append(
            Diagnostic(
                "error",
                "overflow",
                f"panel '{problem.panel}' overflows by {to_mm(problem.amount):.1f} mm even at {floor:g} pt body text, "
                f"from the {block.describe()}{translated} on; {_overflow_fixes(subject.leaflet, problem.panel, block)}",
                block.where,
            )
        )
    return findings


def _overflow_fixes(leaflet: Leaflet, panel: str, block: Block) -> str:
    """What the person who sees the message can change: the source's author, or a translation's designer."""
    if block.translation:
        from .edition_layout import layout_path  # only a translated edition that overflows asks

        layout = layout_path(Path(block.translation.path)).name
        return (
            f"the text is never shortened: in {layout} beside the PO file, move a block of this panel on "
            "to a panel with room (move_to), or let this edition go smaller (typography: body_min)"
        )
    following = PANEL_NAMES[PANEL_NAMES.index(panel) + 1 :]
    own = leaflet.panels.get(panel)
    if isinstance(block, Spacer) and not block.fill:  # no type size makes room for a fixed space
        return f"make the spacer smaller (it is {block.height_mm:g} mm) or delete it"
    fixes = ["move blocks to a panel with room"]
    if isinstance(block, Callout | Clinic | Image | Illustration | QRCode | Banner):  # these never split
        fixes = [f"a {block.kind} is never split between panels: make it shorter or move it to a panel with room"]
    if own is not None and own.continues_to is None and following and following[0] != "front":
        fixes.append(f"let the panel run on with 'continues_to: {following[0]}'")
    if any(b.placement.pin or b.placement.keep_together for b in (own.blocks if own else ())):
        fixes.append("unpin a block or let it split (pin, keep_together)")
    fixes.append("lower 'body_min' in typography")
    return ", or ".join([", ".join(fixes[:-1]), fixes[-1]]) if len(fixes) > 1 else fixes[0]


def safe_area(subject: Subject) -> list[Diagnostic]:
    """Text, codes and pictures keep 5 mm from every fold and edge (overflowing panels are reported already)."""
    overflowing = {problem.panel for problem in subject.layout.overflows}
    findings = []
    for panel in subject.layout.panels.values():
        if panel.name in overflowing:
            continue
        safe = panel.place.box.inset(SAFE_DISTANCE, SAFE_DISTANCE, SAFE_DISTANCE, SAFE_DISTANCE)
        for item in panel.items:
            box, what = _extent(item)
            if isinstance(item, TextRun) and box is not None and not safe.contains(box):
                box = _ink_box(item, subject.fonts)  # the font's ascent is not ink: Nastaliq's is 1.9 em
            if box is not None and not safe.contains(box):
                where = getattr(item, "where", None)
                message = f"{what} on panel '{panel.name}' comes within 5 mm of a fold or edge"
                findings.append(Diagnostic("error", "safe-area", message, where))
    return findings


def _ink_box(run: TextRun, fonts: Coverage) -> Box:
    """Where a run's ink really is: its width, and its glyphs' highest top and lowest bottom."""
    top, bottom = fonts.ink(run.text, run.face, run.size)
    return Box(run.x, run.baseline + bottom, run.x + run.width, run.baseline + top)


def _extent(item: object) -> tuple[Box | None, str]:
    match item:
        case TextRun():
            return item.box, f"text {item.text[:30]!r}"
        case QRSymbol():
            return item.box, "the QR code"
        case Picture():
            return item.box, f"the picture {item.path.name}"
    return None, ""


def type_size(subject: Subject) -> list[Diagnostic]:
    """Nothing below 11 pt, or below the floor the source chose if it chose a smaller one (then a warning)."""
    sizes = [run.size for p in subject.layout.panels.values() for run in p.items if isinstance(run, TextRun)]
    smallest = min(sizes, default=MIN_TEXT_SIZE)
    floor = min(MIN_TEXT_SIZE, subject.leaflet.typography.body_min)
    if smallest < floor - 1e-6:
        message = f"text set at {smallest:g} pt; patient information needs at least {floor:g} pt"
        return [Diagnostic("error", "small-text", message)]
    if smallest < MIN_TEXT_SIZE - 1e-6:
        return [
            Diagnostic(
                "warning",
                "small-text",
                f"text set at {smallest:g} pt, below {MIN_TEXT_SIZE:g} pt, because 'body_min' in the source allows "
                "it: small print is hard for many patients to read",
            )
        ]
    return []


def glyph_coverage(subject: Subject) -> list[Diagnostic]:
    """Every character has a glyph in the edition's fonts: never an empty box, never a silent substitute.

    One message per block and kind of character, naming the first few in the order they are written:
    a sentence in a script the edition cannot set would otherwise give a line per letter.
    """
    language = subject.leaflet.language
    findings = []
    for name, panel in subject.leaflet.panels.items():
        for block in panel.blocks:
            text = "".join(t.plain for t in block_texts(block))
            missing = subject.fonts.missing(text, "regular") | subject.fonts.missing(text, "bold")
            by_hint: dict[str, list[str]] = {}
            for char in sorted(missing, key=text.find):
                by_hint.setdefault(_missing_glyph_hint(char, language, subject.fonts), []).append(char)
            for hint, chars in by_hint.items():
                named = ", ".join(
                    f"{char!r} (U+{ord(char):04X}, {unicodedata.name(char, 'unnamed')})" for char in chars[:3]
                )
                more = f" and {len(chars) - 3} more" if len(chars) > 3 else ""
                boxes = "it would print as an empty box" if len(chars) == 1 else "they would print as empty boxes"
                hint = hint if len(chars) == 1 else hint.replace("the character", "these characters")
                findings.append(
                    Diagnostic(
                        "error",
                        "missing-glyph",
                        f"the {language} edition's fonts have no glyph for {named}{more} in the {block.describe()} "
                        f"on panel '{name}'; {boxes}; {hint}",
                        block.where,
                    )
                )
    return findings


def _missing_glyph_hint(char: str, language: str, fonts: Coverage) -> str:
    """What to do about a character the edition cannot draw, by what kind of character it is."""
    kind = unicodedata.category(char)
    if kind == "Zs":  # an ideographic or em space pasted into the text
        return "write an ordinary space instead"
    if kind[0] in "LM":  # a letter of another script: perhaps the edition's language is not the text's
        script, can_be_set = writing_system(char)
        family = fonts.bundled_family_with(char)
        if family and can_be_set:
            return f"the bundled font {family} has it: is the language right?"
        if not can_be_set:
            return f"no edition can be set in the {script} script: replace or delete the character"
    elif kind[0] in "SPN":  # a symbol: only a font for another language has it, if any
        return "replace or delete the character, or say it in words ('≥ 18' as '18 or over')"
    return "no bundled font has it: replace or delete the character"


def contrast(subject: Subject) -> list[Diagnostic]:
    """Every colour pair text is actually printed in reaches WCAG AA: 4.5:1, or 3:1 for large text."""
    findings = []
    seen: set[tuple[str, str, bool]] = set()
    for panel in subject.layout.panels.values():
        for run, background in colour_pairs(panel.items):
            key = (run.colour, background, large_text(run))
            if key in seen:
                continue
            seen.add(key)
            ratio, needed = contrast_ratio(run.colour, background), 3.0 if key[2] else 4.5
            if ratio < needed:
                findings.append(
                    Diagnostic(
                        "error",
                        "low-contrast",
                        f"text in {run.colour} on {background} (first on panel '{panel.name}': {run.text[:30]!r}) "
                        f"has contrast {ratio:.1f}:1; it needs at least {needed:g}:1 (WCAG AA): choose a darker "
                        "text or a lighter background colour in 'theme'",
                        _theme_entry(subject.leaflet, run.colour, background) or run.where,
                    )
                )
    return findings


def _theme_entry(leaflet: Leaflet, *colours: str) -> Location | None:
    """Where the YAML sets one of these colours in 'theme', if it does: the place to change it."""
    for name, where in leaflet.theme_where.items():
        if leaflet.theme.colour(name) in colours:
            return where
    return None


def colour_pairs(items) -> list[tuple[TextRun, str]]:
    """Each text run with the colour behind it: the last shape drawn under it, or the white page.

    Shapes are filed by the grid cells they cover, so a run only looks at the shapes of its
    own cell: thousands of step badges must not make every run look at every badge.
    """
    pairs = []
    cells: dict[tuple[int, int], list[Rect | Circle]] = {}
    for item in items:
        if isinstance(item, (Rect, Circle)):
            x0, y0, x1, y1 = _bounds(item)
            for column in range(int(x0 // GRID), int(x1 // GRID) + 1):
                for row in range(int(y0 // GRID), int(y1 // GRID) + 1):
                    cells.setdefault((column, row), []).append(item)
        elif isinstance(item, TextRun) and item.text.strip():
            x, y = _probe(item)
            shapes = cells.get((int(x // GRID), int(y // GRID)), ())
            pairs.append((item, next((s.colour for s in reversed(shapes) if _under(s, item)), WHITE)))
    return pairs


GRID = 24.0
"""Points: the side of a cell in which `colour_pairs` files shapes."""


def _bounds(shape: Rect | Circle) -> tuple[float, float, float, float]:
    if isinstance(shape, Circle):
        return shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r
    return shape.box.x0, shape.box.y0, shape.box.x1, shape.box.y1


def _probe(run: TextRun) -> tuple[float, float]:
    """The point of a run whose background counts: the middle of its width, a third of the size up."""
    return run.x + run.width / 2, run.baseline + run.size * 0.3


def _under(shape: Rect | Circle, run: TextRun) -> bool:
    x, y = _probe(run)
    if isinstance(shape, Circle):
        return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r**2
    box = shape.box
    return box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1


def large_text(run: TextRun) -> bool:
    """WCAG's large text: 18 pt, or 14 pt bold."""
    return run.size >= 18 or (run.size >= 14 and run.face.endswith("bold"))


def theme_contrasts(theme: Theme) -> dict[tuple[str, str], float]:
    """Contrast ratio of every text colour against every background it is set on."""
    colours = {"white": WHITE, **{k: getattr(theme, k) for k in theme.__dataclass_fields__}}
    pairs = [
        ("text", "white"),
        ("heading", "white"),
        ("link", "white"),
        ("text", "tint"),
        ("heading", "tint"),
        ("link", "tint"),
        ("on_accent", "accent"),
    ]
    return {(fg, bg): contrast_ratio(colours[fg], colours[bg]) for fg, bg in pairs}


def image_resolution(subject: Subject) -> list[Diagnostic]:
    target = subject.target
    findings = []
    for panel in subject.layout.panels.values():
        for picture in (i for i in panel.items if isinstance(i, Picture)):
            if picture.ppi < target.min_ppi - 0.5:
                severity = "error" if target.low_ppi_is_error else "warning"
                findings.append(
                    Diagnostic(
                        severity,
                        "low-resolution",
                        f"image {picture.path.name} on panel '{panel.name}' prints at {picture.ppi:.0f} ppi; "
                        f"{target.name} printing needs {target.min_ppi:.0f} ppi: use a larger image or place it "
                        "smaller",
                        picture.where,
                    )
                )
    return findings


BASELINE_TOLERANCE = 0.01
"""Points. Runs whose baselines differ by less are on one line."""
LINE_REACH = 3.0
"""Lines whose baselines are this many times the larger type size apart cannot touch: only nearer ones are compared."""
MIN_SHARED_WIDTH = 0.5
"""Points. Runs must share more of the measure than this to be one above the other (not merely touching corners)."""
INK_TOLERANCE = 0.1
"""Points. Ink may meet by less than this: glyph boxes are rectangles around curved outlines, so a
grazing overlap (Greek accents over a descender, 0.03 pt) is almost never a real touch."""

Inked = tuple[TextRun, float, float]
"""A run with the top and bottom of its ink on the page."""
Collision = tuple[float, TextRun, TextRun]
"""How deep (points) an upper run's ink reaches into a lower one's, and the two runs."""


def ink_overlap(subject: Subject) -> list[Diagnostic]:
    """Lines never collide in ink: a script's leading is set from typical text, and tall or cascading
    words (Nastaliq above all) can still reach the line below. One finding per panel, its worst collision."""
    findings = []
    for panel in subject.layout.panels.values():
        worst = _worst_collision(_lines(panel.items, subject.fonts), subject.fonts)
        if worst is None:
            continue
        overlap, upper, lower = worst
        findings.append(
            Diagnostic(
                "error",
                "ink-collision",
                f"lines collide in ink on panel '{panel.name}' by {overlap:.1f} pt: '{upper.text[:20]}' over "
                f"'{lower.text[:20]}'; lines of one text keep apart by themselves, so these are two blocks "
                "set too close: put a spacer between them (e.g. spacer: 2), and report it",
                upper.where or lower.where,
            )
        )
    return findings


def _lines(items: Iterable[object], fonts: Coverage) -> list[list[Inked]]:
    """Text runs with their ink, grouped by baseline, top line first.

    Columns side by side share a group: the pairwise test of horizontal overlap keeps them apart.
    """
    runs = sorted((i for i in items if isinstance(i, TextRun) and i.text.strip()), key=lambda r: -r.baseline)
    lines: list[list[Inked]] = []
    for run in runs:
        top, bottom = fonts.ink(run.text, run.face, run.size)
        inked = (run, run.baseline + top, run.baseline + bottom)
        if lines and lines[-1][0][0].baseline - run.baseline < BASELINE_TOLERANCE:
            lines[-1].append(inked)
        else:
            lines.append([inked])
    return lines


def _worst_collision(lines: list[list[Inked]], fonts: Coverage) -> Collision | None:
    """The deepest overlap of one line's ink bottom into a nearby lower line's ink top, if any.

    Each line is compared only with the lines below it within reach of the larger of its own
    size and the largest still to come, so the work grows with the number of lines, not its square.
    """
    sizes = [max(run.size for run, _, _ in line) for line in lines]
    largest_from = sizes[:]
    for i in range(len(lines) - 2, -1, -1):
        largest_from[i] = max(sizes[i], largest_from[i + 1])
    worst: Collision | None = None
    for i, upper_line in enumerate(lines):
        for j in range(i + 1, len(lines)):
            gap = upper_line[0][0].baseline - lines[j][0][0].baseline
            if gap >= LINE_REACH * max(sizes[i], largest_from[j]):
                break
            for collision in _collisions(upper_line, lines[j], gap, fonts):
                if worst is None or collision[0] > worst[0]:
                    worst = collision
    return worst


def _collisions(upper_line: list[Inked], lower_line: list[Inked], gap: float, fonts: Coverage) -> Iterator[Collision]:
    """(overlap, upper run, lower run) for every run over another whose glyphs reach into its glyphs.

    Runs whose ink envelopes do not meet are passed over at once; for those that do, each
    glyph of the upper run is compared with the glyphs of the lower one beneath it, since a
    tall letter at one end of a Nastaliq line and a deep one at the other never touch.
    """
    for upper, _, bottom in upper_line:
        for lower, top, _ in lower_line:
            shared = min(upper.x + upper.width, lower.x + lower.width) - max(upper.x, lower.x)
            if shared <= MIN_SHARED_WIDTH or gap >= LINE_REACH * max(upper.size, lower.size):
                continue
            if top - bottom <= INK_TOLERANCE:
                continue
            overlap = _glyph_overlap(_glyph_boxes(upper, fonts), _glyph_boxes(lower, fonts))
            if overlap > INK_TOLERANCE:
                yield overlap, upper, lower


def _glyph_boxes(run: TextRun, fonts: Coverage) -> list[tuple[float, float, float, float]]:
    """The run's glyphs as (left, right, top, bottom) on the page, left to right."""
    boxes = [
        (run.x + left, run.x + right, run.baseline + top, run.baseline + bottom)
        for left, right, top, bottom in fonts.glyph_inks(run.text, run.face, run.size)
    ]
    return sorted(boxes)


def _glyph_overlap(upper: list[tuple[float, ...]], lower: list[tuple[float, ...]]) -> float:
    """How far any lower glyph's top reaches above an upper glyph's bottom where the two share a column."""
    lefts = [box[0] for box in lower]
    widest = max((box[1] - box[0] for box in lower), default=0.0)
    worst = 0.0
    for left, right, _, bottom in upper:
        start = bisect.bisect_left(lefts, left - widest)
        for other in lower[start : bisect.bisect_left(lefts, right)]:
            if min(right, other[1]) - max(left, other[0]) > MIN_SHARED_WIDTH:
                worst = max(worst, other[2] - bottom)
    return worst


def review_date(subject: Subject) -> list[Diagnostic]:
    """Clinical content past its review date may be out of date: a warning, not a failure."""
    due = subject.leaflet.review_date
    if due and due < datetime.date.today():
        message = f"the leaflet's clinical review was due on {due.isoformat()}; have it reviewed"
        return [Diagnostic("warning", "review-due", message)]
    return []


SAMPLE_CLINIC = (
    "the clinic box still shows the leaflet's sample details: give your clinic's own with --clinic FILE "
    "(a clinic file, see the README) before this edition goes to patients"
)


def sample_clinic(subject: Subject) -> list[Diagnostic]:
    """A leaflet whose clinic box shows its sample details is not for patients yet (the PDF is still made)."""
    from .clinic import sample_clinics

    blocks = sample_clinics(subject.leaflet)
    return [Diagnostic("warning", "sample-clinic", SAMPLE_CLINIC, block.where) for block in blocks]


def clinic_labels(subject: Subject) -> list[Diagnostic]:
    """A clinic box in a leaflet not written in English still says 'Your clinic', 'Telephone'... in English:
    a translation gives it its own words, a leaflet written in another language must give them itself."""
    leaflet = subject.leaflet
    if leaflet.language.split("-")[0].lower() == "en":
        return []
    english = tuple(CLINIC_LABELS.values())
    return [
        Diagnostic(
            "warning",
            "english-labels",
            f"the clinic box prints its labels in English ('{english[0]}', '{english[1]}'...) in this "
            f"{leaflet.language} leaflet: give them in its language under 'labels' in the clinic block "
            f"({', '.join(CLINIC_LABELS)})",
            block.where,
        )
        for block in all_blocks(leaflet)
        if isinstance(block, Clinic) and tuple(label.source for label in block.labels) == english
    ]


def blank_panel(subject: Subject) -> list[Diagnostic]:
    """A panel the source writes that prints nothing at all (only spacers on it, or its blocks moved away)."""
    findings = []
    for name, panel in subject.leaflet.panels.items():
        laid = subject.layout.panels.get(name)
        if panel.blocks and laid is not None and not laid.items:
            findings.append(
                Diagnostic(
                    "warning",
                    "blank-panel",
                    f"panel '{name}' prints blank: it holds only spacers; give it a block, or leave the panel out",
                    panel.where,
                )
            )
    return findings


CHECKS: list[Callable[[Subject], list[Diagnostic]]] = [
    sample_clinic,
    clinic_labels,
    blank_panel,
    review_date,
    image_resolution,
    overflow,
    safe_area,
    type_size,
    glyph_coverage,
    contrast,
    ink_overlap,
]

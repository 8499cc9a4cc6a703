"""Checks stage (preflight): what a print shop and an accessibility reviewer would flag.

Takes the model, the layout and the fonts; gives `Finding`s as data. Errors
stop the build before anything is written; warnings are reported. The checks
look at the layout the PDF is drawn from, so what passes here is what prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .geometry import SAFE_DISTANCE
from .layout import Layout
from .layout.items import TextRun
from .model import Leaflet, Theme
from .render.fonts import Fonts
from .units import to_mm

MIN_TEXT_SIZE = 11.0
"""Points. Patient information is never set smaller (RNIB Clear Print asks 12)."""
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def preflight(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    """Run every check; the list is empty when the leaflet is ready to print."""
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(leaflet, layout, fonts))
    return findings


def overflow(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    findings = []
    floor = leaflet.typography.body_min
    for problem in layout.overflows:
        findings.append(
            Finding(
                "error",
                f"panel '{problem.panel}' overflows by {to_mm(problem.amount):.1f} mm even at {floor:g} pt body text, "
                f"from the {problem.block.describe()} on; move blocks to a panel with room, or let the panel "
                "continue on the next one with 'continues_to'",
                str(problem.block.where or ""),
            )
        )
    return findings


def safe_area(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    findings = []
    for panel in layout.panels.values():
        safe = panel.place.box.inset(SAFE_DISTANCE, SAFE_DISTANCE, SAFE_DISTANCE, SAFE_DISTANCE)
        for run in (i for i in panel.items if isinstance(i, TextRun)):
            if not safe.contains(run.box):
                findings.append(
                    Finding(
                        "error", f"text {run.text[:30]!r} on panel '{panel.name}' comes within 5 mm of a fold or edge"
                    )
                )
    return findings


def type_size(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    sizes = [run.size for p in layout.panels.values() for run in p.items if isinstance(run, TextRun)]
    smallest = min(sizes, default=MIN_TEXT_SIZE)
    if smallest < MIN_TEXT_SIZE - 1e-6:
        return [
            Finding("error", f"text set at {smallest:g} pt; patient information needs at least {MIN_TEXT_SIZE:g} pt")
        ]
    return []


def glyph_coverage(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    findings = []
    for panel in layout.panels.values():
        for run in (i for i in panel.items if isinstance(i, TextRun)):
            for char in sorted(fonts.missing(run.text, run.face)):
                findings.append(
                    Finding(
                        "error",
                        f"the font has no glyph for {char!r} (U+{ord(char):04X}) on panel '{panel.name}'; "
                        "it would print as an empty box: replace the character",
                    )
                )
    return findings


def contrast(leaflet: Leaflet, layout: Layout, fonts: Fonts) -> list[Finding]:
    findings = []
    for (fg_name, bg_name), ratio in theme_contrasts(leaflet.theme).items():
        if ratio < 4.5:
            findings.append(
                Finding(
                    "error",
                    f"theme colour '{fg_name}' on '{bg_name}' has contrast {ratio:.1f}:1; text needs at least 4.5:1 "
                    "(WCAG AA): choose a darker text or lighter background colour",
                )
            )
    return findings


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


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


CHECKS: list[Callable[[Leaflet, Layout, Fonts], list[Finding]]] = [
    overflow,
    safe_area,
    type_size,
    glyph_coverage,
    contrast,
]

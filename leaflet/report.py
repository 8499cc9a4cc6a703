"""The preflight report: what `leaflet check` prints, as data first.

Takes a made `Edition`; gives a `Report` of plain values (per panel: width,
body size, smallest type, how full, closest glyph to a fold or edge; every
text/background colour pair in use with its contrast; each picture's ppi;
readability for English; the findings) that prints as a table a designer
reads in a minute, or as JSON for other tools. Nothing here decides pass or
fail: the checks did that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from .build import Edition
from .checks import colour_pairs, large_text
from .colours import contrast_ratio
from .diagnostics import Diagnostic
from .layout import Copyfit
from .layout.items import Picture, TextRun
from .units import to_mm

PLAIN_ENGLISH = (60, 70)
"""Flesch reading ease of plain English; NHS content aims at a reading age of 9-11."""


@dataclass
class PanelReport:
    name: str
    width_mm: float
    body_pt: float
    smallest_pt: float
    fill: float
    closest_mm: float | None


@dataclass
class PairReport:
    text: str
    background: str
    ratio: float
    needed: float
    large: bool
    panels: list[str]


@dataclass
class ImageReport:
    file: str
    panel: str
    ppi: float
    needed: float


@dataclass
class Report:
    edition: str
    leaflet: str
    language: str
    sheet: str
    ready: bool
    panels: list[PanelReport]
    contrast: list[PairReport]
    images: list[ImageReport]
    flesch: float | None
    review_date: str | None
    findings: list[dict[str, object]]
    """Each diagnostic as `Diagnostic.to_dict` gives it: severity, code, message, where."""
    copyfit: dict[str, object] | None = None
    """The body size and leading copyfit chose, and what it did to get there."""

    def to_json(self) -> str:
        """The report as JSON that is valid UTF-8 even when a file name is not (a byte the file
        system kept as a lone surrogate is written as its escape, '\\udce9')."""
        text = json.dumps(asdict(self), indent=2, ensure_ascii=False)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def report(edition: Edition, name: str = "source") -> Report:
    """Everything a print shop and an accessibility reviewer would ask about one edition."""
    layout, leaflet = edition.layout, edition.leaflet
    sheet = layout.sheet
    panels = [
        PanelReport(
            panel.name,
            round(to_mm(panel.place.box.width), 1),
            panel.body_size,
            round(min((r.size for r in panel.items if isinstance(r, TextRun)), default=0.0), 1),
            round(panel.fill_ratio, 3),
            _closest(panel),
        )
        for panel in (layout.panels[p.name] for page in sheet.pages for p in page.panels if p.name in layout.panels)
    ]
    pairs: dict[tuple[str, str, bool], list[str]] = {}
    for panel in layout.panels.values():
        for run, background in colour_pairs(panel.items):
            where = pairs.setdefault((run.colour, background, large_text(run)), [])
            if panel.name not in where:
                where.append(panel.name)
    contrast = [
        PairReport(text, background, round(contrast_ratio(text, background), 2), 3.0 if large else 4.5, large, where)
        for (text, background, large), where in sorted(pairs.items())
    ]
    images = [
        ImageReport(item.path.name, panel.name, round(item.ppi), edition.target.min_ppi)
        for panel in layout.panels.values()
        for item in panel.items
        if isinstance(item, Picture)
    ]
    english = leaflet.language.lower().startswith("en")
    return Report(
        edition=name,
        leaflet=leaflet.id,
        language=leaflet.language,
        sheet=f"{sheet.paper.name.upper()} {sheet.fold}-fold for {edition.target.name}",
        ready=not edition.errors and not any(f.code == "sample-clinic" for f in edition.findings),
        panels=panels,
        contrast=contrast,
        images=images,
        flesch=round(flesch_reading_ease(" ".join(t.plain for t in leaflet.texts())), 1) if english else None,
        review_date=leaflet.review_date.isoformat() if leaflet.review_date else None,
        findings=[finding.to_dict() for finding in edition.findings],
        copyfit=_copyfit(layout.copyfit),
    )


def _copyfit(copyfit: Copyfit | None) -> dict[str, object] | None:
    """What copyfit chose, as plain values for the table and the JSON."""
    if copyfit is None:
        return None
    return {
        "body_pt": copyfit.body,
        "leading_pt": round(copyfit.leading, 2),
        "floor_pt": copyfit.floor,
        "ceiling_pt": copyfit.ceiling,
        "levers": {"spacing": copyfit.levers.spacing, "leading": copyfit.levers.leading,
                   "headings": copyfit.levers.headings},
        "actions": copyfit.actions(),
    }  # fmt: skip


def unmade(name: str, problems: Sequence[Diagnostic]) -> Report:
    """The report of an edition that could not even be laid out (an unreviewed translation, say)."""
    return Report(
        edition=name, leaflet="", language=name, sheet="", ready=False, panels=[], contrast=[], images=[],
        flesch=None, review_date=None, findings=[problem.to_dict() for problem in problems],
    )  # fmt: skip


def _closest(panel) -> float | None:
    """How close, in mm, any text comes to the panel's folds and edges."""
    box = panel.place.box
    gaps = [
        min(run.x - box.x0, box.x1 - run.x - run.width, run.box.y0 - box.y0, box.y1 - run.box.y1)
        for run in panel.items
        if isinstance(run, TextRun) and run.text.strip()
    ]
    return round(to_mm(min(gaps)), 1) if gaps else None


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease (higher is easier; 60-70 is plain English), with a vowel-group syllable count."""
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    sentences = max(1, len(re.findall(r"[.!?:](?:\s|$)", text)))
    if not words:
        return 0.0
    syllables = sum(_syllables(word) for word in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))


def _syllables(word: str) -> int:
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1  # a silent final e
    return max(1, count)


def as_text(r: Report) -> str:
    """The report as a designer reads it: one table, then what to look at."""
    verdict = "ready to print" if r.ready else "NOT READY: fix the errors below"
    if not r.ready and all(f["severity"] == "warning" for f in r.findings):
        verdict = "NOT READY for patients: the clinic box shows the sample details (see below)"
    if not r.panels:
        return "\n".join([f"[{r.edition}]: {verdict}", *(_finding_line(f) for f in r.findings)])
    lines = [f"{r.leaflet} [{r.edition}, {r.language}]: {r.sheet}: {verdict}", ""]
    lines.append(f"  {'panel':<9} {'width':>8} {'body':>7} {'smallest':>9} {'full':>5}  closest to a fold or edge")
    for p in r.panels:
        closest = f"{p.closest_mm:.1f} mm" if p.closest_mm is not None else "-"
        lines.append(
            f"  {p.name:<9} {p.width_mm:>5.1f} mm {p.body_pt:>4g} pt {p.smallest_pt:>6.1f} pt {p.fill:>5.0%}  {closest}"
        )
    if r.copyfit:
        fit = r.copyfit
        lines += [
            "",
            f"  copyfit: body {fit['body_pt']:g} pt, leading {fit['leading_pt']:g} pt: " + "; ".join(fit["actions"]),
        ]
    lines += ["", "  contrast (WCAG AA: 4.5:1, or 3:1 for large text)"]
    for pair in r.contrast:
        mark = "ok" if pair.ratio >= pair.needed else "TOO LOW"
        kind = "large text" if pair.large else "text"
        panels = ", ".join(pair.panels)
        lines.append(f"    {pair.text} on {pair.background}  {kind:<10} {pair.ratio:>5.1f}:1  {mark:<7} ({panels})")
    lines.append("")
    if r.images:
        for image in r.images:
            lines.append(f"  picture {image.file} on {image.panel}: {image.ppi:.0f} ppi (needs {image.needed:.0f})")
    else:
        lines.append("  pictures: none (the illustration and QR code are drawn as vectors)")
    if r.flesch is not None:
        low, high = PLAIN_ENGLISH
        lines.append(
            f"  readability: Flesch reading ease {r.flesch:.0f} (plain English is {low}-{high}; "
            "NHS content aims at a reading age of 9-11): for information"
        )
    if r.review_date:
        lines.append(f"  clinical review due: {r.review_date}")
    lines += [_finding_line(finding) for finding in r.findings]
    return "\n".join(lines)


def _finding_line(finding: dict[str, object]) -> str:
    """One finding of the report as a line: what kind, where, what."""
    kind = "warning" if finding["severity"] == "warning" else "error"
    where = f"{finding['where']}: " if finding["where"] else ""
    return f"{kind}: {where}{finding['message']}"

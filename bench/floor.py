"""The floor for `make bench`: the least ReportLab work that prints the leaflet's text.

It reads the same content.yaml, registers the same bundled TrueType fonts and
flows the same words through plain platypus Paragraphs into six Frames (three
per A4 landscape page), then writes the PDF. No layout search, no checks, no
artwork: what is left is the unavoidable cost of Python, PyYAML and ReportLab
(imports, font parsing and subsetting, line breaking, PDF writing), which a
`leaflet build` cannot go below. bench.py times a build against this script.

Usage: python bench/floor.py [content.yaml] [out.pdf]   (default out: <tmp>/leaflet-floor.pdf)
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts" / "noto-sans"
REGULAR, BOLD = "NotoSans-Regular", "NotoSans-Bold"

PAGE = landscape(A4)
PANELS_PER_PAGE = 3
MARGIN = 10 * mm

SKIPPED_KEYS = frozenset({"leaflet", "paper", "name", "alt", "url", "continues_to", "spacer"})
"""Document settings, alt text and layout hints: the leaflet prints none of them, so neither does the floor."""

BOLD_KEYS = frozenset({"title", "banner", "heading"})
"""Keys whose text the leaflet sets in the bold face, so both faces get subset and embedded."""

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]+\)")


def register_fonts() -> None:
    """Parse the two bundled faces, as the build must; this is a real share of the floor."""
    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


def strings(node: object, bold: bool = False) -> Iterator[tuple[str, bool]]:
    """Every printable string in the YAML tree, in document order, with whether it is set in bold."""
    if isinstance(node, str):
        yield node, bold
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIPPED_KEYS:
                yield from strings(value, key in BOLD_KEYS)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, bold)


def plain(text: str) -> str:
    """Drop the leaflet's inline markup and escape what Paragraph would read as XML.

    `html.escape`, not `xml.sax.saxutils.escape`: the latter imports urllib.request,
    http and ssl, start-up cost that would pad the floor and flatter the build.
    """
    return html.escape(_LINK.sub(r"\1", _BOLD.sub(r"\1", text)), quote=False)


def story(source: Path) -> list[Flowable]:
    """One Paragraph per string of the leaflet, headings in bold."""
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=14, spaceAfter=5)
    heading = ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=13, leading=16)
    content = yaml.safe_load(source.read_text(encoding="utf-8"))
    return [Paragraph(plain(text), heading if bold else body) for text, bold in strings(content)]


def frames() -> list[Frame]:
    """The three panels of a page, as plain frames with a margin all round."""
    width = PAGE[0] / PANELS_PER_PAGE
    return [
        Frame(i * width + MARGIN, MARGIN, width - 2 * MARGIN, PAGE[1] - 2 * MARGIN, showBoundary=0)
        for i in range(PANELS_PER_PAGE)
    ]


def draw(flowables: list[Flowable], output: Path) -> None:
    """Flow the story through six frames on two pages; fail if any text is left over.

    Left-over text would make the floor cheaper than the work it stands for.
    """
    # Start pages in a bundled face, as the build does, so no unused Helvetica is listed.
    canvas = Canvas(str(output), pagesize=PAGE, invariant=1, initialFontName=REGULAR)
    for _page in range(2):
        for frame in frames():
            frame.addFromList(flowables, canvas)
        canvas.showPage()
    if flowables:
        raise SystemExit(f"floor: {len(flowables)} paragraphs did not fit in six frames")
    canvas.save()


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else ROOT / "content.yaml"
    output = Path(argv[1]) if len(argv) > 1 else Path(tempfile.gettempdir()) / "leaflet-floor.pdf"
    register_fonts()
    draw(story(source), output)


if __name__ == "__main__":
    main(sys.argv[1:])

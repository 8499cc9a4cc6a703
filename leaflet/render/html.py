"""The leaflet as one self-contained HTML page: for a trust's website and for people who read on screen.

It is made from the model, not from the PDF: panels in reading order (front, flap,
inside-1, inside-2, inside-3, back), each block as the HTML element that means the same
(h1 for the cover title, h2 and h3 for headings, p, ul, ol for steps, aside for boxes,
address for the clinic), pictures with their alt text. The illustration and QR code are
inline SVG and a photo is embedded, so the file works offline and on its own. Text uses
the reader's system fonts (the Noto families first, where installed): a web page is read
at the size the reader chose, and embedding every script's font would weigh megabytes.

A draft (an unreviewed translation, built with --draft) says so as the PDF does: a red
band, in English, first in the page's reading order and kept in view while scrolling;
"DRAFT" in the title; and no indexing by search engines.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from .. import model as m
from ..languages import direction_for
from ..layout.artwork import ILLUSTRATIONS
from ..layout.items import Circle, Item, Outline, Rect
from ..layout.prepress import DRAFT_COLOUR, DRAFT_TEXT
from .qr import qr_modules

STYLE = """
:root { --text: #212B32; --accent: #005EB8; --tint: #E8F1F8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 42rem; padding: 1.25rem; font: 1.125rem/1.6 "Noto Sans", "Noto Naskh Arabic",
  "Noto Nastaliq Urdu", "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Devanagari", "Noto Sans Tamil",
  "Noto Sans Gujarati", "Noto Sans Ethiopic", "Noto Sans CJK SC", system-ui, sans-serif; color: var(--text); }
h1 { background: var(--accent); color: #FFFFFF; padding: 1rem; border-radius: .25rem; font-size: 2rem;
  line-height: 1.2; }
h2, h3 { color: var(--accent); line-height: 1.3; }
aside { background: var(--tint); padding: .75rem 1rem; border-radius: .5rem; margin: 1rem 0; }
address { font-style: normal; }
figure { margin: 1rem 0; text-align: center; }
figure svg, figure img { max-width: 100%; height: auto; }
.qr svg { width: 8rem; height: 8rem; }
ol.steps > li { margin-bottom: .75rem; }
a { color: var(--accent); }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; font-size: 11pt; }
  h1 { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a::after { content: " (" attr(href) ")"; font-size: 90%; }
  section, aside, li { break-inside: avoid; }
}
"""
DRAFT_STYLE = (
    ".draft { position: sticky; top: 0; z-index: 1; margin: 0 0 1rem; padding: .75rem 1rem; border-radius: .25rem;\n"
    f"  background: {DRAFT_COLOUR}; color: #FFFFFF; box-shadow: 0 0 0 .25rem #FFFFFF; }}\n"
    ".draft strong { display: block; font-size: 1.25rem; letter-spacing: .05em; }\n"
    ".draft p { margin: .25rem 0 0; }\n"
    "@media print { .draft { position: static; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }\n"
)
"""Only a draft's page has it: white on NHS red (5:1), kept at the top of the window while scrolling."""


DRAFT_NOTE = (
    "This translation has not been reviewed. Parts of it may be wrong, or still in English. "
    "Do not give it to patients or publish it."
)
"""Said under the band's DRAFT_TEXT: what a draft is and what not to do with it."""


def render_html(leaflet: m.Leaflet, draft: bool = False) -> str:
    """The leaflet as an HTML document (UTF-8 text), marked as a draft (an unreviewed translation) if `draft`."""
    direction = direction_for(leaflet.language)
    parts = [
        "<!doctype html>",
        f'<html lang="{_e(leaflet.language)}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">' if draft else "",
        f"<title>{'DRAFT - ' if draft else ''}{_e(leaflet.title)}</title>",
        f'<meta name="description" content="{_e(leaflet.subject)}">' if leaflet.subject else "",
        f'<meta name="author" content="{_e(leaflet.author)}">' if leaflet.author else "",
        f"<style>{STYLE}{DRAFT_STYLE if draft else ''}</style>",
        "</head>",
        "<body>",
        "<main>",
        _draft_band() if draft else "",
    ]
    start = len(parts)
    writer = _Writer(leaflet)
    for name in m.PANEL_NAMES:
        if name in leaflet.panels:
            for block in leaflet.panels[name].blocks:
                parts.append(writer.block(block))
    if not writer.has_title:  # one h1 on every page, even for a leaflet with no cover banner
        parts.insert(start, f"<h1>{_e(leaflet.title)}</h1>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(part for part in parts if part)


def _draft_band() -> str:
    """The band at the top of a draft: in English (the reviewer's language, as on the PDF), left to right
    even on a right-to-left page, and a note that screen readers reach before the leaflet's title."""
    return (
        f'<div class="draft" role="note" aria-label="Draft" lang="en-GB" dir="ltr">'
        f"<strong>{_e(DRAFT_TEXT)}</strong><p>{_e(DRAFT_NOTE)}</p></div>"
    )


class _Writer:
    def __init__(self, leaflet: m.Leaflet) -> None:
        self.leaflet = leaflet
        self.has_title = False

    def block(self, block: m.Block) -> str:  # noqa: C901 - one case per kind of block reads best
        match block:
            case m.Banner(text=text) if text:
                if self.has_title:
                    return f"<h2>{_spans(text)}</h2>"
                self.has_title = True
                return f"<h1>{_spans(text)}</h1>"
            case m.Heading(text=text, level=level):
                level = max(2, min(level, 6))
                return f"<h{level}>{_spans(text)}</h{level}>"
            case m.Paragraph(text=text):
                return f"<p>{_spans(text)}</p>"
            case m.Bullets(items=items):
                return "<ul>" + "".join(f"<li>{_spans(item)}</li>" for item in items) + "</ul>"
            case m.Steps(steps=steps, start=start):
                rows = "".join(
                    f"<li>{f'<h3>{_spans(step.title)}</h3>' if step.title else ''}<p>{_spans(step.body)}</p></li>"
                    for step in steps
                )
                return f'<ol class="steps" start="{start}">{rows}</ol>'
            case m.Section(heading=heading, body=body):
                return f"<section><h3>{_spans(heading)}</h3>{''.join(self.block(b) for b in body)}</section>"
            case m.Callout(heading=heading, body=body):
                title = f"<h3>{_spans(heading)}</h3>" if heading else ""
                return f"<aside>{title}{''.join(self.block(b) for b in body)}</aside>"
            case m.Clinic():
                return _clinic(block)
            case m.Image(src=src, alt=alt):
                return f'<figure><img src="{_data_url(src)}" alt="{_e(alt.plain)}"></figure>'
            case m.Illustration(name=name, alt=alt):
                shapes = ILLUSTRATIONS[name](200, 170, self.leaflet.theme)
                return f"<figure>{_svg(shapes, 200, 170, alt.plain)}</figure>"
            case m.QRCode(url=url, caption=caption):
                label = f"QR code for {url}"
                shown = f"<figcaption>{_spans(caption)}</figcaption>" if caption else ""
                return f'<figure class="qr">{_qr_svg(url, label)}{shown}</figure>'
        return ""


def _clinic(block: m.Clinic) -> str:
    details = block.details
    lines = [f"<strong>{_e(details.name)}</strong>", *(_e(line) for line in details.address)]
    rows = [f'<address dir="auto">{"<br>".join(lines)}</address>']
    values = [
        ("telephone", details.phone, f"tel:{details.phone.replace(' ', '')}"),
        ("email", details.email, f"mailto:{details.email}"),
        ("website", details.website, details.website),
        ("hours", details.hours, None),
    ]
    for key, value, link in values:
        if value:
            shown = f'<a href="{_e(link)}">{_e(value)}</a>' if link else _e(value)
            rows.append(f'<p>{_spans(block.label(key))}: <bdi dir="auto">{shown}</bdi></p>')
    if block.sample:
        rows.append(f"<p><em>{_spans(block.label('sample'))}</em></p>")
    return f"<aside><h2>{_spans(block.label('heading'))}</h2>{''.join(rows)}</aside>"


def _spans(text: m.Text) -> str:
    out = []
    for span in text.spans:
        shown = _e(span.text).replace("\n", "<br>")
        if span.link:
            shown = f'<a href="{_e(span.link)}">{shown}</a>'
        if span.bold:
            shown = f"<strong>{shown}</strong>"
        out.append(shown)
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _data_url(path: Path) -> str:
    kind = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _svg(shapes: list[Item], width: float, height: float, alt: str) -> str:
    """Vector shapes (y up, as layout draws them) as an SVG picture with its alt text."""
    body = []
    for shape in shapes:
        match shape:
            case Circle(cx=cx, cy=cy, r=r, colour=colour):
                body.append(f'<circle cx="{cx:.1f}" cy="{height - cy:.1f}" r="{r:.1f}" fill="{colour}"/>')
            case Rect(box=box, colour=colour, radius=radius):
                body.append(
                    f'<rect x="{box.x0:.1f}" y="{height - box.y1:.1f}" width="{box.x1 - box.x0:.1f}" '
                    f'height="{box.y1 - box.y0:.1f}" rx="{radius:.1f}" fill="{colour}"/>'
                )
            case Outline(commands=commands, colour=colour):
                path = []
                for op, *coords in commands:
                    points = " ".join(f"{c:.1f}" if i % 2 == 0 else f"{height - c:.1f}" for i, c in enumerate(coords))
                    path.append(f"{op} {points}".strip())
                body.append(f'<path d="{" ".join(path)}" fill="{colour}"/>')
    tops = [shape.cy + shape.r for shape in shapes if isinstance(shape, Circle)]
    tops += [shape.box.y1 for shape in shapes if isinstance(shape, Rect)]
    top = min(0.0, height - max(tops, default=height))  # a speech bubble may reach above the drawing's box
    view = f"0 {top - 4:.0f} {width:.0f} {height - top + 4:.0f}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" role="img" '
        f'aria-label="{_e(alt)}"><title>{_e(alt)}</title>{"".join(body)}</svg>'
    )


def _qr_svg(url: str, label: str) -> str:
    modules = qr_modules(url)
    size = len(modules) + 8
    cells = "".join(
        f'<rect x="{x + 4}" y="{y + 4}" width="1" height="1"/>'
        for y, row in enumerate(modules)
        for x, dark in enumerate(row)
        if dark
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{_e(label)}" '
        f'shape-rendering="crispEdges"><title>{_e(label)}</title><rect width="{size}" height="{size}" fill="#FFFFFF"/>'
        f'<g fill="#000000">{cells}</g></svg>'
    )

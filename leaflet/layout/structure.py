"""The document's logical structure: which element (heading, paragraph, list, figure) each block is.

Tagged PDF (PDF/UA) gives screen readers the leaflet in the order it is written, whatever the
imposition puts where on the sheet. Each block of the source gets a path of elements from the
top down (a section's paragraph: Sect > P), keyed by where the block is written, so a paragraph
that continues on the next panel is still one element. Layout puts the path on every item it
draws (`items.Tag`); the renderer numbers the marked content and writes the tree.
"""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Location
from .items import Tag, node


def block_tags(leaflet: m.Leaflet) -> dict[Location, Tag]:
    """Each block's path in the structure, by where it is written; blocks that draw no content have none."""
    found: dict[Location, Tag] = {}

    def walk(blocks: tuple[m.Block, ...], parent: Tag) -> None:
        for block in blocks:
            own = _node(block)
            if own is None or block.where is None:
                continue
            path = parent + (own,)
            found[block.where] = path
            if isinstance(block, m.Section | m.Callout):
                walk(block.body, path)

    for name in m.PANEL_NAMES:
        if name in leaflet.panels:
            walk(leaflet.panels[name].blocks, ())
    return found


def _node(block: m.Block):
    key = (block.where.line, block.where.column) if block.where else (0, 0)
    match block:
        case m.Heading(level=level):
            return node(f"H{max(1, min(level, 6))}", key)
        case m.Paragraph():
            return node("P", key)
        case m.Bullets() | m.Steps():
            return node("L", key)
        case m.Section():
            return node("Sect", key)
        case m.Callout() | m.Clinic():
            return node("Div", key)
        case m.Image(alt=alt) | m.Illustration(alt=alt):
            return node("Figure", key, Alt=alt.plain)
        case m.QRCode(url=url):
            return node("Figure", key, Alt=f"QR code that opens {url}")
        case m.Banner(text=text) if text:
            return node("H1", key)
    return None

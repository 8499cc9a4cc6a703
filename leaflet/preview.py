"""PNG previews of a PDF's pages, with pypdfium2 (no system tools needed)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2

from .outputs import PNG, refuse_to_overwrite, write_atomically

PAGE_NAMES = ("outside", "inside")


def page_pictures(pdf: bytes, dpi: float = 110, colours: int | None = None) -> list[tuple[str, bytes]]:
    """Each page as a PNG, with the name that tells it apart: '1-outside', '2-inside'.

    `colours` reduces each picture to a palette of that many colours: a third of the
    size for pictures kept in a repository, at no visible cost.
    """
    pictures = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            if colours:
                image = image.quantize(colours)
            png = io.BytesIO()
            image.save(png, format="PNG", optimize=True)
            name = PAGE_NAMES[index] if index < len(PAGE_NAMES) else f"page{index + 1}"
            pictures.append((f"{index + 1}-{name}", png.getvalue()))
    finally:
        document.close()
    return pictures


def write_previews(
    pdf: bytes,
    folder: Path,
    stem: str,
    dpi: float = 110,
    colours: int | None = None,
    inputs: tuple[Path | None, ...] = (),
    force: bool = False,
) -> list[Path]:
    """Write every page to `folder/<stem>-<n>-<outside|inside>.png`, as `outputs` allows; return the paths."""
    pictures = [(folder / f"{stem}-{name}.png", png) for name, png in page_pictures(pdf, dpi, colours)]
    for path, _ in pictures:  # every page's place first: a refused second page must not leave the first changed
        refuse_to_overwrite(path, PNG, inputs, force)
    for path, png in pictures:
        write_atomically(path, png, PNG, inputs, force)
    return [path for path, _ in pictures]

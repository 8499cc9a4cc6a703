"""PNG previews of a PDF's pages, with pypdfium2 (no system tools needed)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

PAGE_NAMES = ("outside", "inside")


def write_previews(pdf: bytes, folder: Path, stem: str, dpi: float = 110, colours: int | None = None) -> list[Path]:
    """Render every page to `folder/<stem>-<n>-<outside|inside>.png`; return the paths.

    `colours` reduces each picture to a palette of that many colours: a third of the
    size for pictures kept in a repository, at no visible cost.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            if colours:
                image = image.quantize(colours)
            name = PAGE_NAMES[index] if index < len(PAGE_NAMES) else f"page{index + 1}"
            path = folder / f"{stem}-{index + 1}-{name}.png"
            image.save(path, optimize=True)
            written.append(path)
    finally:
        document.close()
    return written

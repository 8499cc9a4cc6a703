"""Clinic profiles: a clinic's details in a small YAML file of their own, put into any leaflet.

    clinic:
      name: Riverside Talking Therapies
      address: [12 Mill Lane, Townsville, TV1 4AB]
      phone: 01234 567890
      email: talking.therapies@example.nhs.uk     # optional
      website: https://example.nhs.uk/talking     # optional
      hours: Monday to Friday, 9am to 5pm         # optional
      logo: riverside.png                         # optional, PNG or JPEG beside this file

A leaflet's `clinic` block says where the details print; without a clinic file the
leaflet's own sample prints there, and the edition is not ready for patients. The
details never enter a translation (a PO file made before the clinic existed still
builds); only the words around them (Telephone, Opening hours...) are translated.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import model as m
from .content import MAX_TOTAL_PIXELS, _Reader, compose, mapping_keys
from .errors import SourceError, UsageError
from .sources import read_text

MAX_CLINIC_BYTES = 64_000
"""A clinic file is a few lines; anything larger is the wrong file."""


def load_clinic(path: Path | str) -> m.ClinicDetails:
    """Read and check a clinic file; errors say FILE:LINE:COL."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > MAX_CLINIC_BYTES:
        raise SourceError(
            f"{path} is {path.stat().st_size:,} bytes; a clinic file is a few lines: is this the right file?"
        )
    reader = _Reader(str(path), path.parent, "the clinic file's folder")
    root = compose(
        read_text(path, "a clinic file", MAX_CLINIC_BYTES),
        path,
        document="a clinic file",
        colon_hint='put the value in double quotes, e.g. hours: "Monday to Friday: 9am to 5pm"',
        empty="the clinic file {what}; start from the example in the README (clinic: name: ...)",
    )
    keys = mapping_keys(root)
    if "clinic" not in keys and keys & {"name", "address", "phone"}:  # the details, with no 'clinic:' over them
        raise reader.fail(root, "a clinic file starts with 'clinic:'; put the details on the lines under it, indented")
    found = reader.mapping(root, "a clinic file", ("clinic",))
    return replace(reader.clinic_details(found["clinic"]), source=path)


def with_clinic(leaflet: m.Leaflet, details: m.ClinicDetails) -> m.Leaflet:
    """The leaflet with the clinic's details in every clinic block, and the clinic as the PDF's author.

    A leaflet with no clinic block would print none of the details: that is refused, not ignored.
    """
    if not _clinic_blocks(leaflet):
        raise UsageError(
            "--clinic fills the leaflet's clinic block, and this leaflet has none, so the clinic's details "
            "would not print: add '- clinic:' to a panel (see the README), or leave --clinic out"
        )
    _refuse_past_the_pixel_budget(leaflet, details)
    panels = {name: replace(panel, blocks=_filled(panel.blocks, details)) for name, panel in leaflet.panels.items()}
    return replace(leaflet, panels=panels, author=details.name)


def _refuse_past_the_pixel_budget(leaflet: m.Leaflet, details: m.ClinicDetails) -> None:
    """The clinic's logo counts towards the pixels of all the leaflet's pictures, as another picture would."""
    if details.logo is None or details.logo_pixels is None:
        return
    sizes = {block.src.resolve(): block.pixels for block in m.all_blocks(leaflet) if isinstance(block, m.Image)}
    sizes[details.logo.resolve()] = details.logo_pixels
    total = sum(width * height for width, height in sizes.values())
    if total > MAX_TOTAL_PIXELS:
        raise SourceError(
            f"with the logo {details.logo.name} the leaflet's pictures come to {total / 1e6:.0f} megapixels, "
            f"more than {MAX_TOTAL_PIXELS // 1_000_000}; scale the logo down to print size (300 ppi is plenty)",
            details.logo_where,
        )


def _filled(blocks: tuple[m.Block, ...], details: m.ClinicDetails) -> tuple[m.Block, ...]:
    result = []
    for block in blocks:
        if isinstance(block, m.Clinic):
            block = replace(block, details=details, sample=False)
        elif isinstance(block, m.Section | m.Callout):
            block = replace(block, body=_filled(block.body, details))
        result.append(block)
    return tuple(result)


def sample_clinics(leaflet: m.Leaflet) -> list[m.Clinic]:
    """The clinic blocks still showing the leaflet's sample details."""
    return [block for block in _clinic_blocks(leaflet) if block.sample]


def _clinic_blocks(leaflet: m.Leaflet) -> list[m.Clinic]:
    """Every clinic block, in sections and callouts too."""
    return [block for block in m.all_blocks(leaflet) if isinstance(block, m.Clinic)]

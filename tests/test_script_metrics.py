"""The per-script size and line-height figures in `render.fonts.FAMILIES`, measured again on the bundled fonts.

The docstring of `Family.scale` gives each script's letter body (the median top of its
body letters, shaped by HarfBuzz); these tests measure it again, so a font update that
changes the figures fails here instead of quietly changing how large a script reads.
"""

from __future__ import annotations

import statistics

import pytest
import uharfbuzz as hb

from leaflet.render.fonts import FAMILIES, assets_dir

BODY_LETTERS = {
    "noto-sans": ("xnuvmarsoecwz", 0.546),
    "noto-naskh-arabic": ("مسعنهصسمعن", 0.365),
    "noto-nastaliq-urdu": ("مسعنهصسمعن", 0.334),
    "noto-sans-bengali": ("কনমবপসরলতদ", 0.622),
    "noto-sans-devanagari": ("कनमबपसरलतद", 0.622),
    "noto-sans-gurmukhi": ("ਕਨਮਬਪਸਰਲਤਦ", 0.622),
    "noto-sans-tamil": ("கநமபசரலதவன", 0.554),
    "noto-sans-gujarati": ("કનમબપસરલતદ", 0.603),
    "noto-sans-ethiopic": ("ሰለመነረበተከወሀ", 0.714),
    "wqy-microhei": ("国中永的是在人有我他这", 0.81),
}


def letter_body(family: str, letters: str) -> float:
    """The median top of the shaped letters' ink, in em."""
    spec = FAMILIES[family]
    font = hb.Font(hb.Face(hb.Blob.from_file_path(assets_dir() / "fonts" / spec.regular), spec.subfont))
    buffer = hb.Buffer()
    buffer.add_str(letters)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    tops = [font.get_glyph_extents(info.codepoint).y_bearing for info in buffer.glyph_infos]
    return statistics.median(tops) / font.face.upem


@pytest.mark.parametrize(("family", "letters", "body"), [(f, *v) for f, v in BODY_LETTERS.items()])
def test_letter_body_of_each_script_is_as_documented(family, letters, body):
    assert letter_body(family, letters) == pytest.approx(body, abs=0.01)


def test_no_script_is_set_smaller_than_latin_or_larger_than_a_full_x_height_match():
    latin = BODY_LETTERS["noto-sans"][1]
    for family, (_, body) in BODY_LETTERS.items():
        assert 1.0 <= FAMILIES[family].scale <= max(1.0, latin / body) + 1e-9, family


def test_naskh_is_set_larger_than_latin_and_its_lines_are_taller_still():
    naskh = FAMILIES["noto-naskh-arabic"]
    assert naskh.scale > 1 and naskh.line_factor > naskh.scale
    assert FAMILIES["noto-nastaliq-urdu"].line_factor > naskh.line_factor  # Nastaliq stacks climb higher
    assert FAMILIES["noto-sans"].scale == FAMILIES["noto-sans"].line_factor == 1.0

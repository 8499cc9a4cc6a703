"""Bundled fonts: where the files are, registering them with ReportLab, measuring text.

Layout asks for text in a role ('regular', 'bold'); an edition's `Fonts` holds
a chain of font families (the script's own, then Noto Sans for the Latin words
that translated patient text keeps: "IPT", "NICE", web addresses) and splits
text into runs, each in the first family that has every character of it.
A run's face is named 'family:role'. Complex scripts are measured as HarfBuzz
shapes them, so line breaking sees the widths that will print. Fonts are
parsed only when first used: a Chinese font costs nothing to a Polish edition.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont, shapeStr

_PACKAGE = Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    """The bundled assets: inside the installed package, or beside it in a checkout."""
    for candidate in (_PACKAGE / "assets", _PACKAGE.parent / "assets"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("the bundled assets folder is missing; reinstall leaflet")


@dataclass(frozen=True)
class Family:
    """A bundled font family: a file per role, and whether its script needs shaping."""

    regular: str
    bold: str
    shaping: bool = False
    subfont: int = 0
    """Index of the font inside a .ttc collection."""
    scale: float = 1.0
    """Set this many times the nominal size so that its letters read closer to Latin ones.

    Measured with HarfBuzz on the bundled fonts (`tests/test_script_metrics.py` does it
    again): the letter body is the median top of body letters, 0.546 em for Noto Sans's
    x-height, 0.365 em for Naskh's teeth, 0.334 em for Nastaliq, 0.622 em for the Bengali,
    Devanagari and Gurmukhi head-line, 0.554 em for Tamil, 0.603 em for Gujarati, 0.714 em
    for Ethiopic syllables, 0.81 em for the CJK face. A full match would set
    Naskh 1.50x and Nastaliq 1.63x larger: the text then needs more than twice the room,
    and no faithful translation fits a tri-fold at the floor (Sorani and Farsi run 0.93 to
    1.03 times the English). So Naskh is set 1.2x, the most at which every demo edition
    still fits at 11 pt (its letters read as 0.80 of Latin instead of 0.67); Nastaliq,
    whose words climb and stand taller than their letters, at 1; and no script is set
    smaller than Latin."""
    line_factor: float = 1.0
    """Its lines are this many times the Latin leading: enough for typical text, from its ink extent in
    real text (the 90th percentile of glyph tops to the 10th of bottoms, at its scale, over Noto
    Sans's 0.98 em): Naskh 0.95 em x 1.2 with room for its marks, 1.3; Nastaliq 1.54 em, 1.45 (2
    em of its own size); Bengali, Devanagari, Gurmukhi and Gujarati 1.08 with their vowel signs
    above and below; Tamil 1.16 em, 1.05 (its words are wide: more would leave no faithful Tamil
    text room even at 10 pt); Ethiopic 0.88 em, 1. Where a tall letter would still meet a deep
    one in the line above, line breaking moves those two lines apart (`layout.ink`). Latin lines
    inside such a text keep the Latin leading."""

    def file(self, role: str) -> str:
        return self.bold if role == "bold" else self.regular


FAMILIES: dict[str, Family] = {
    "noto-sans": Family("noto-sans/NotoSans-Regular.ttf", "noto-sans/NotoSans-Bold.ttf"),
    "noto-naskh-arabic": Family(
        "noto-naskh-arabic/NotoNaskhArabic-Regular.ttf",
        "noto-naskh-arabic/NotoNaskhArabic-Bold.ttf",
        shaping=True,
        scale=1.2,
        line_factor=1.3,
    ),
    "noto-nastaliq-urdu": Family(
        "noto-nastaliq-urdu/NotoNastaliqUrdu-Regular.ttf",
        "noto-nastaliq-urdu/NotoNastaliqUrdu-Bold.ttf",
        shaping=True,
        line_factor=1.45,
    ),
    "noto-sans-bengali": Family(
        "noto-sans-bengali/NotoSansBengali-Regular.ttf",
        "noto-sans-bengali/NotoSansBengali-Bold.ttf",
        shaping=True,
        line_factor=1.08,
    ),
    "noto-sans-gurmukhi": Family(
        "noto-sans-gurmukhi/NotoSansGurmukhi-Regular.ttf",
        "noto-sans-gurmukhi/NotoSansGurmukhi-Bold.ttf",
        shaping=True,
        line_factor=1.08,
    ),
    "noto-sans-devanagari": Family(
        "noto-sans-devanagari/NotoSansDevanagari-Regular.ttf",
        "noto-sans-devanagari/NotoSansDevanagari-Bold.ttf",
        shaping=True,
        line_factor=1.08,
    ),
    "noto-sans-tamil": Family(
        "noto-sans-tamil/NotoSansTamil-Regular.ttf",
        "noto-sans-tamil/NotoSansTamil-Bold.ttf",
        shaping=True,
        line_factor=1.05,
    ),
    "noto-sans-gujarati": Family(
        "noto-sans-gujarati/NotoSansGujarati-Regular.ttf",
        "noto-sans-gujarati/NotoSansGujarati-Bold.ttf",
        shaping=True,
        line_factor=1.08,
    ),
    "noto-sans-ethiopic": Family(
        "noto-sans-ethiopic/NotoSansEthiopic-Regular.ttf",
        "noto-sans-ethiopic/NotoSansEthiopic-Bold.ttf",
    ),  # syllables are whole characters: nothing to join or reorder
    # WenQuanYi Micro Hei has TrueType outlines (ReportLab cannot embed the CFF ones of
    # Noto Sans CJK) but no bold: headings are set in its one weight.
    "wqy-microhei": Family("wqy-microhei/wqy-microhei.ttc", "wqy-microhei/wqy-microhei.ttc"),
}
"""Family -> files under assets/fonts/ (each folder holds its licence). There is no italic
role: patient information uses bold for emphasis, never italics."""


SHAPING_FEATURES = {"kern": True, "liga": True, "dlig": True}
"""The OpenType features ReportLab draws shaped text with: measuring must shape the same way."""


LAID_SPACES = frozenset(" \t\r\n")
"""The white space layout turns into gaps and line ends; every other space character is a glyph to draw."""


class Fonts:
    """The fonts of one edition: splits text over its family chain, measures and names faces."""

    def __init__(self, chain: tuple[str, ...] = ("noto-sans",)) -> None:
        self.chain = chain
        self._loaded: dict[str, TTFont] = {}
        self._widths: dict[tuple[str, str], float] = {}
        self._shapes: dict[tuple[str, str, float], str] = {}
        self._inks: dict[tuple[str, str], tuple[float, tuple[tuple[float, float, float, float], ...]]] = {}
        self._envelopes: dict[tuple[str, str], tuple[float, float]] = {}
        self._families: dict[tuple[str, str | None], str] = {}
        self._hb_fonts: dict[str, object] = {}
        self._face_families: dict[str, Family] = {}
        self._glyph_extents: dict[str, dict[int, object]] = {}  # per face, per glyph id: a glyph recurs in many words

    # -- faces ----------------------------------------------------------------------

    def font_name(self, face: str) -> str:
        """The ReportLab name of a face ('family:role'), registering its file on first use."""
        return self._font(face).fontName

    def synthetic_bold(self, face: str) -> bool:
        """True for bold text in a family with one weight: it is drawn with a thin outline to embolden it."""
        family, _, role = face.partition(":")
        return role == "bold" and FAMILIES[family].bold == FAMILIES[family].regular

    def shaped(self, face: str) -> bool:
        return ":" in face and FAMILIES[face.split(":")[0]].shaping

    def _font(self, face: str) -> TTFont:
        font = self._loaded.get(face)
        if font is None:
            # a bare role ('regular') means the chain's Latin family: for marks and labels
            family_name, _, role = face.partition(":") if ":" in face else (self.chain[-1], ":", face)
            family = FAMILIES[family_name]
            relative = family.file(role or "regular")
            name = Path(relative).stem
            # asking getFont for an unknown name makes ReportLab read every Type 1
            # metrics file on its search path (tens of ms), so look the name up first
            if name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(name)
            else:
                path = assets_dir() / "fonts" / relative
                font = TTFont(name, str(path), subfontIndex=family.subfont, shapable=family.shaping)
                pdfmetrics.registerFont(font)
            self._loaded[face] = font
        return font

    # -- splitting text over the chain ---------------------------------------------

    def segments(self, text: str, role: str) -> list[tuple[str, str]]:
        """Split text into (run, face) pairs, each run in the first family of the chain that has it.

        Spaces and punctuation stay with the run they sit in, so a word is only split
        where its letters really need another font.
        """
        if len(self.chain) == 1:
            return [(text, f"{self.chain[0]}:{role}")]
        runs: list[tuple[list[str], str]] = []  # characters and family of each run
        settled = False  # the run so far has a letter, not only marks: its font is decided
        for char in text:
            family = self._family_of(char, runs[-1][1] if settled else None)
            if runs and runs[-1][1] == family:
                runs[-1][0].append(char)
            else:
                runs.append(([char], family))
                settled = False
            settled = settled or not _is_neutral(char)
        result = [("".join(chars), f"{family}:{role}") for chars, family in runs]
        first, following = (result + [("", "")])[:2]
        if following[0] and all(map(_is_neutral, first[0])) and self._has(following[1].split(":")[0], first[0][0]):
            # an opening bracket or quote goes with the word it opens: "(IPT)" is all in one font
            result[:2] = [(first[0] + following[0], following[1])]
        return result

    def _family_of(self, char: str, current: str | None) -> str:
        """`_family_for`, remembered: a text asks about the same few characters again and again."""
        key = (char, current)
        family = self._families.get(key)
        if family is None:
            family = self._families[key] = self._family_for(char, current)
        return family

    def _family_for(self, char: str, current: str | None) -> str:
        if current and _is_neutral(char) and self._has(current, char):
            return current
        if "0" <= char <= "9":  # European digits: "16", a phone number, a postcode
            if current and self._has(current, char):
                return current  # inside a word, the word's font: "SA1", "١٦" aside
            if not self._has(self.chain[0], "A") and self._has(self.chain[-1], char):
                return self.chain[-1]  # beside a script font with no Latin (Nastaliq, Naskh): Latin digits
        for family in self.chain:
            if self._has(family, char):
                return family
        return self.chain[0]

    def _has(self, family: str, char: str) -> bool:
        return ord(char) in self._font(f"{family}:regular").face.charToGlyph

    def missing(self, text: str, role: str) -> set[str]:
        """Characters no family of the chain can draw (they would print as empty boxes)."""
        # only the spaces layout itself sets are not drawn; any other (U+3000, U+2003) needs a glyph
        return {c for c in set(text) if c not in LAID_SPACES and not any(self._has(f, c) for f in self.chain)}

    def bundled_family_with(self, char: str) -> str | None:
        """Which bundled family has a glyph for the character, for the message when none in the chain does."""
        for family in FAMILIES:
            if ord(char) in self._font(f"{family}:regular").face.charToGlyph:
                return family
        return None

    # -- measuring -----------------------------------------------------------------

    def width(self, text: str, face: str, size: float) -> float:
        """Advance width in points; kept per text and face at 1 pt, since widths scale with the size."""
        key = (text, face)
        width = self._widths.get(key)
        if width is None:
            # a complex script is measured as HarfBuzz shapes it (the same shaping ReportLab draws with)
            shaped = self.shaped(face) and needs_shaping(text)
            width = self._harfbuzz(text, face)[0] if shaped else self._font(face).stringWidth(text, 1.0)
            self._widths[key] = width
        return width * size

    def scale(self, face: str) -> float:
        return self._family(face).scale

    def line_factor(self, face: str) -> float:
        return self._family(face).line_factor

    def _family(self, face: str) -> Family:
        family = self._face_families.get(face)
        if family is None:  # asked for every piece of text at every size: kept per face
            family = self._face_families[face] = FAMILIES[face.partition(":")[0] if ":" in face else self.chain[-1]]
        return family

    def shape(self, text: str, face: str, size: float) -> str:
        """The text as HarfBuzz shapes it in this face: glyphs in visual order, joined, with positions.

        ReportLab draws such a string glyph by glyph; plain text is returned as it is.
        """
        if not self.shaped(face) or not needs_shaping(text):
            return text
        words = text.split(" ")
        if len(words) < 2 or not all(words):
            return self._shape_word(text, face, size)
        # no shaping acts across a single space: a line is its words' shapes put together, as it
        # was measured, so each word is shaped once however many lines it is set in
        if _right_to_left(words):
            words = words[::-1]
        space = self._shape_word(" ", face, size)
        shaped = self._shape_word(words[0], face, size)
        for word in words[1:]:
            shaped = shaped + space + self._shape_word(word, face, size)
        return shaped

    def _shape_word(self, text: str, face: str, size: float) -> str:
        key = (text, face, size)
        shaped = self._shapes.get(key)
        if shaped is None:
            # forced: a text HarfBuzz leaves as it is still carries its advances, so words join
            font = self._font(face)
            shaped = self._shapes[key] = shapeStr(text, font.fontName, size, force=True)
            _remember_private_glyphs(font, text, shaped)
        return shaped

    def ascent(self, face: str, size: float) -> float:
        return self._font(face).face.ascent * size / 1000

    def descent(self, face: str, size: float) -> float:
        return -self._font(face).face.descent * size / 1000

    def ink_sides(self, text: str, face: str, size: float) -> tuple[float, float]:
        """(left, right) of the text's ink from its start, in points: a Nastaliq tail reaches past its advance."""
        boxes = self._unit_inks(text, face)
        return (min(b[0] for b in boxes) * size, max(b[1] for b in boxes) * size) if boxes else (0.0, 0.0)

    def ink(self, text: str, face: str, size: float) -> tuple[float, float]:
        """(top, bottom) of the text's ink about the baseline, in points: the envelope of `glyph_inks`."""
        key = (text, face)
        envelope = self._envelopes.get(key)
        if envelope is None:
            boxes = self._unit_inks(text, face)
            envelope = (max(b[2] for b in boxes), min(b[3] for b in boxes)) if boxes else (0.0, 0.0)
            self._envelopes[key] = envelope
        return envelope[0] * size, envelope[1] * size

    def glyph_inks(self, text: str, face: str, size: float) -> tuple[tuple[float, float, float, float], ...]:
        """Each glyph's ink as HarfBuzz places it: (left, right, top, bottom) in points from the run's
        start and baseline.

        A face's ascent and descent say where lines are meant to sit, not where the ink
        goes: Nastaliq glyphs cascade far above and below them, so the check that lines
        never collide in ink needs each glyph's own extents at its shaped position.
        Kept per text and face at 1 pt (extents scale with the size); the HarfBuzz font
        per face; uharfbuzz is imported on first use.
        """
        return tuple(
            (x0 * size, x1 * size, top * size, bottom * size) for x0, x1, top, bottom in self._unit_inks(text, face)
        )

    def _unit_inks(self, text: str, face: str) -> tuple[tuple[float, float, float, float], ...]:
        return self._harfbuzz(text, face)[1]

    def _harfbuzz(self, text: str, face: str) -> tuple[float, tuple[tuple[float, float, float, float], ...]]:
        """The text shaped once at 1 pt: its advance and each glyph's ink box, kept per text and face."""
        key = (text, face)
        if key not in self._inks:
            words = text.split(" ")
            joined = len(words) > 1 and all(words)  # single spaces between words: put the words' shapes together
            self._inks[key] = self._joined(words, face) if joined else self._shape_with_harfbuzz(text, face)
        return self._inks[key]

    def _joined(self, words: list[str], face: str) -> tuple[float, tuple[tuple[float, float, float, float], ...]]:
        """A line's shaping from its words' (kept from laying it out): no shaping acts across a space,
        and a right-to-left line shows its last word first."""
        if _right_to_left(words):
            words = words[::-1]
        space = self._harfbuzz(" ", face)[0]  # one space is shaped on its own: it has no words to join
        boxes: list[tuple[float, float, float, float]] = []
        x = 0.0
        for index, word in enumerate(words):
            if index:
                x += space
            advance, word_boxes = self._harfbuzz(word, face)
            boxes += [(left + x, right + x, top, bottom) for left, right, top, bottom in word_boxes]
            x += advance
        return x, tuple(boxes)

    def _shape_with_harfbuzz(self, text: str, face: str) -> tuple[float, tuple[tuple[float, float, float, float], ...]]:
        import uharfbuzz as hb

        if face not in self._hb_fonts:
            family, role = self._family(face), face.rpartition(":")[2]
            blob = hb.Blob.from_file_path(assets_dir() / "fonts" / family.file(role))
            self._hb_fonts[face] = hb.Font(hb.Face(blob, family.subfont))
        font, buffer = self._hb_fonts[face], hb.Buffer()
        extents_of = self._glyph_extents.setdefault(face, {})
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, SHAPING_FEATURES)
        upem = font.face.upem
        boxes = []
        pen_x = pen_y = 0
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions or []):  # None for no text
            extents = extents_of.get(info.codepoint)
            if extents is None:
                extents = extents_of[info.codepoint] = font.get_glyph_extents(info.codepoint)
            if extents is not None and (extents.width or extents.height):
                left = pen_x + position.x_offset + extents.x_bearing
                top = pen_y + position.y_offset + extents.y_bearing  # height is negative: y grows up
                boxes.append((left / upem, (left + extents.width) / upem, top / upem, (top + extents.height) / upem))
            pen_x += position.x_advance
            pen_y += position.y_advance
        return pen_x / upem, tuple(boxes)


PRIVATE_TEXT: dict[tuple[str, int], str] = {}
"""(font face name, private-use code) -> the text its glyph stands for.

ReportLab gives a shaped glyph that no character maps to (a joined Arabic form, the lam-alef
ligature, a Bengali conjunct) a private-use code, and would write that code in the font's
ToUnicode map: text copied glyph by glyph would come out as U+E000. Each such glyph is
remembered with the characters of the cluster it was first shaped from, and the ToUnicode
map says those instead (a line's /ActualText still gives the whole line in order)."""


def _remember_private_glyphs(font: TTFont, text: str, shaped: str) -> None:
    glyphs = getattr(shaped, "__shapeData__", None) or []
    starts = sorted({glyph.cluster for glyph in glyphs if 0 <= glyph.cluster < len(text)})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    name = font.face.name.decode("latin-1") if isinstance(font.face.name, bytes) else str(font.face.name)
    for char, glyph in zip(shaped, glyphs, strict=False):
        code = ord(char)
        if 0xE000 <= code <= 0xF8FF and glyph.cluster in ends:
            PRIVATE_TEXT.setdefault((name, code), text[glyph.cluster : ends[glyph.cluster]])


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for a font subset, with private-use codes replaced by their text, and
    Arabic presentation forms (the code a font's cmap gives a joined letter) by the letters themselves."""
    face = fontname.split("+", 1)[-1]
    entries = []
    for index, code in enumerate(subset):
        text = PRIVATE_TEXT.get((face, code)) if 0xE000 <= code <= 0xF8FF else None
        if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # an Arabic presentation form: its letters
            text = unicodedata.normalize("NFKC", chr(code))
        target = text.encode("utf-16-be").hex().upper() if text else f"{code:04X}"
        entries.append(f"<{index:02X}> <{target}>")
    cmap = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar", *entries,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]  # fmt: skip
    return "\n".join(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
"""ReportLab calls this module function when it embeds a subset (`TTFont.addObjects`); it is
replaced for the private-use glyphs above (`tests/test_tagged.py` checks it still is called)."""


def _right_to_left(words: list[str]) -> bool:
    """Whether HarfBuzz sets these words right to left (a run is all one bidi level): then its last word comes first."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in "".join(words)[:64])


def needs_shaping(text: str) -> bool:
    """Whether a run holds letters or marks a shaper must join, reorder or place.

    A run of digits and punctuation does not: "١٦", "١٧:٣٠" or "۰۱۶۳۲" in an Arabic, Urdu or
    Persian line. Such a run is set left to right (UAX #9 gives numbers an even level), but
    HarfBuzz, taking the direction from the digits' Arabic script, would set it right to left
    and print 16 as 61; drawn unshaped, its glyphs stand in the order they are written.
    """
    return not all(unicodedata.category(char)[0] in "NPSZ" for char in text)


@lru_cache(maxsize=4096)
def _is_neutral(char: str) -> bool:
    """Spaces, punctuation, symbols and invisible marks (LRM): characters of no script of their own."""
    return unicodedata.category(char)[0] in "ZPS" or unicodedata.category(char) == "Cf" or char.isspace()

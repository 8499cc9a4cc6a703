"""Line breaking: spans of text in, positioned text runs out.

Measuring is injected (`Measure`), so this module never touches a font file
and tests can use a fake. Lines break at spaces only; a word wider than the
line (a long web address) is broken between characters as a last resort.
Text is never hyphenated: patient information should read as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from ..model import Span
from .items import TextRun


class Measure(Protocol):
    """What layout needs to know about fonts: widths and vertical extents."""

    def width(self, text: str, face: str, size: float) -> float: ...

    def ascent(self, face: str, size: float) -> float: ...

    def descent(self, face: str, size: float) -> float: ...


@dataclass(frozen=True)
class TextStyle:
    size: float
    leading: float
    colour: str
    link_colour: str
    face: str = "regular"
    bold_face: str = "bold"
    align: str = "left"

    def face_for(self, span: Span) -> str:
        return self.bold_face if span.bold else self.face


@dataclass(frozen=True)
class SetText:
    """Text broken into lines; runs are placed with the block's top-left at (0, 0), y up."""

    runs: tuple[TextRun, ...]
    line_count: int
    height: float
    widest: float


@dataclass(frozen=True)
class _Piece:
    text: str
    face: str
    colour: str
    link: str | None


_SPACES = re.compile(r"([ \t\r\n]+)")
"""Where lines may break: ordinary spaces only. A no-break space (U+00A0, U+202F)
keeps a phone number or '16 sessions' together, as its author meant."""


def set_text(spans: tuple[Span, ...], style: TextStyle, width: float, measure: Measure) -> SetText:
    """Break `spans` into lines no wider than `width` and position every run."""
    lines = _break_lines(_words(spans, style), style, width, measure)
    runs: list[TextRun] = []
    widest = 0.0
    ascent = max((measure.ascent(f, style.size) for f in (style.face, style.bold_face)), default=0)
    for index, line in enumerate(lines):
        baseline = -(index * style.leading + _first_baseline(style))
        merged = _merge(line)
        line_width = sum(measure.width(p.text, p.face, style.size) for p in merged)
        widest = max(widest, line_width)
        x = {"left": 0.0, "centre": (width - line_width) / 2, "right": width - line_width}[style.align]
        for piece in merged:
            piece_width = measure.width(piece.text, piece.face, style.size)
            runs.append(
                TextRun(
                    x=x,
                    baseline=baseline,
                    text=piece.text,
                    face=piece.face,
                    size=style.size,
                    colour=piece.colour,
                    width=piece_width,
                    ascent=ascent,
                    descent=measure.descent(piece.face, style.size),
                    link=piece.link,
                )
            )
            x += piece_width
    return SetText(tuple(runs), len(lines), len(lines) * style.leading, widest)


def _first_baseline(style: TextStyle) -> float:
    """Distance from the top of the first line box to its baseline.

    Half the extra leading above, then 0.8 em: a little more than the cap height
    (0.71 em in Noto Sans), so capitals and ascenders start at the top of the box.
    The font's full ascent (1.07 em) would leave a visible gap above every block.
    """
    return (style.leading - style.size) / 2 + style.size * 0.8


def _words(spans: tuple[Span, ...], style: TextStyle) -> list[list[_Piece]]:
    """Group the text into words (no space inside), each a list of styled pieces.

    A `None` word stands for a forced line break (a newline in the source).
    """
    words: list[list[_Piece]] = [[]]
    for span in spans:
        face = style.face_for(span)
        colour = style.link_colour if span.link else style.colour
        for part in _SPACES.split(span.text):
            if not part:
                continue
            if _SPACES.fullmatch(part):
                for _ in range(part.count("\n")):
                    words.append(None)  # type: ignore[arg-type]
                words.append([])
            else:
                words[-1].append(_Piece(part, face, colour, span.link))
    return [w for w in words if w is None or w]


def _break_lines(words: list[list[_Piece]], style: TextStyle, width: float, measure: Measure) -> list[list[_Piece]]:
    lines: list[list[_Piece]] = [[]]
    line_width = 0.0
    for word in words:
        if word is None:
            lines.append([])
            line_width = 0.0
            continue
        word_width = sum(measure.width(p.text, p.face, style.size) for p in word)
        if lines[-1]:
            before = lines[-1][-1]
            shared_link = before.link if before.link == word[0].link else None
            space = _Piece(
                " ", before.face, before.colour if shared_link == before.link else word[0].colour, shared_link
            )
            space_width = measure.width(" ", space.face, style.size)
            if line_width + space_width + word_width <= width + 1e-6:
                lines[-1].extend([space, *word])
                line_width += space_width + word_width
                continue
            lines.append([])
        if word_width <= width + 1e-6:
            lines[-1].extend(word)
            line_width = word_width
        else:
            for chunk in _split_long_word(word, style, width, measure):
                if lines[-1]:
                    lines.append([])
                lines[-1].extend(chunk)
            line_width = sum(measure.width(p.text, p.face, style.size) for p in lines[-1])
    while len(lines) > 1 and not lines[-1]:
        lines.pop()  # a trailing newline adds no empty line; blank lines inside the text stay
    return lines


def _split_long_word(word: list[_Piece], style: TextStyle, width: float, measure: Measure) -> list[list[_Piece]]:
    """Cut a word wider than the line between characters, filling each line."""
    chunks: list[list[_Piece]] = [[]]
    used = 0.0
    for piece in word:
        for char in piece.text:
            w = measure.width(char, piece.face, style.size)
            if used + w > width and chunks[-1]:
                chunks.append([])
                used = 0.0
            chunks[-1].append(_Piece(char, piece.face, piece.colour, piece.link))
            used += w
    return chunks


def _merge(line: list[_Piece]) -> list[_Piece]:
    """Join neighbouring pieces that share face, colour and link into one run."""
    merged: list[_Piece] = []
    for piece in line:
        if merged and (merged[-1].face, merged[-1].colour, merged[-1].link) == (piece.face, piece.colour, piece.link):
            last = merged[-1]
            merged[-1] = _Piece(last.text + piece.text, last.face, last.colour, last.link)
        else:
            merged.append(piece)
    return merged

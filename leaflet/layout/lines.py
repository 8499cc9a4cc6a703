"""Line breaking: spans of text in, positioned text runs out.

Measuring is injected (`Measure`), so this module never touches a font file
and tests can use a fake. Text is split into words at the line-break
opportunities of Unicode's algorithm and the language's own rules
(`linebreak`); a word is split into runs by font (the script's font, Noto Sans
for Latin words inside it). Lines are filled first fit; a word wider than the
line is cut between characters as a last resort. Body text may be hyphenated
where a line would otherwise be left short; a heading never ends on one word,
nor a Chinese paragraph on one character, when the word before can come down.
Each line is then put in visual order by the bidi algorithm, so a right-to-left
line runs from the right with its Latin words and numbers intact, and carries
its text in logical order for copying and screen readers.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Protocol
from weakref import WeakKeyDictionary

from ..model import Span
from .bidi import RIGHT_TO_LEFT_LETTERS, embedding_levels, mirrored, visual_order
from .ink import Placed, Profile, extra_space, inked
from .items import TextRun
from .linebreak import break_opportunities, clusters, hyphenations


class Measure(Protocol):
    """What layout needs to know about fonts: runs by font, widths, extents and script metrics."""

    def segments(self, text: str, role: str) -> list[tuple[str, str]]: ...

    def width(self, text: str, face: str, size: float) -> float: ...

    def ascent(self, face: str, size: float) -> float: ...

    def descent(self, face: str, size: float) -> float: ...

    def scale(self, face: str) -> float:
        """How much larger than the nominal size this face is set, so its letters read as large as Latin."""
        ...

    def line_factor(self, face: str) -> float:
        """A line holding this face is this many times the Latin leading, so lines rarely touch in ink."""
        ...

    def ink(self, text: str, face: str, size: float) -> tuple[float, float]:
        """The top and bottom of the text's ink about the baseline (asked only for faces with taller lines)."""
        ...

    def ink_sides(self, text: str, face: str, size: float) -> tuple[float, float]:
        """The left and right of the text's ink from its start: it may reach past the advance."""
        ...


@dataclass(frozen=True)
class TextStyle:
    """How a text is set: size, leading, colours, faces, alignment, language and direction."""

    size: float
    leading: float
    colour: str
    link_colour: str
    face: str = "regular"
    bold_face: str = "bold"
    align: str = "left"
    direction: str = "ltr"
    language: str = "en"
    """Where lines may break follows the language's rules (`linebreak`)."""
    hyphenate: bool = False
    """Body text in a language with a hyphenation dictionary, when the leaflet allows it."""
    heading: bool = False
    """A heading or title: never hyphenated, and its last line not left with one word."""

    def role_for(self, span: Span) -> str:
        return self.bold_face if span.bold else self.face


@dataclass
class SetText:
    """Text broken into lines; runs are placed with the block's top-left at (0, 0), y up."""

    runs: tuple[TextRun, ...]
    line_count: int
    height: float
    widest: float
    line_tops: tuple[float, ...] = ()
    """How far down each line's box starts; one more entry than lines, the last being the height."""
    line_starts: tuple[int | None, ...] = ()
    """Where in the text (characters) each line starts; None for a line that starts inside a word."""
    first_ink: Placed | None = None
    last_ink: Placed | None = None
    """The first and last lines' baseline, ink word by word and start, for a script with taller
    lines: what a block needs to keep another text stacked above or below it clear of its ink."""

    def rest(self, spans: tuple[Span, ...], line: int) -> tuple[Span, ...] | None:
        """The text from `line` on, as spans, to continue on another panel; None if it cannot be cut there."""
        start = self.line_starts[line] if 0 < line < len(self.line_starts) else None
        return None if start is None else spans_from(spans, start)


def spans_from(spans: tuple[Span, ...], offset: int) -> tuple[Span, ...]:
    """The spans of a text from a character offset on (as if the text began there)."""
    result: list[Span] = []
    seen = 0
    for span in spans:
        if seen + len(span.text) > offset:
            text = span.text[max(0, offset - seen) :]
            result.append(Span(text, span.bold, span.link))
        seen += len(span.text)
    while result and not result[0].text.lstrip(" \t\n"):
        result.pop(0)
    if result:
        result[0] = Span(result[0].text.lstrip(" \t\n"), result[0].bold, result[0].link)
    return tuple(result)


@dataclass
class _Piece:
    """A run of a word in one face, colour and link, with its width at 1 pt."""

    text: str
    face: str
    colour: str
    link: str | None
    level: int = 0
    unit: float = 0.0
    """Its width at a nominal size of 1 pt (its face's scale included): widths grow with the size, so a
    piece is measured (shaped, for complex scripts) once however many sizes copyfit tries."""
    levels: tuple[int, ...] = ()
    """The bidi level of each character, resolved once for the whole paragraph; empty in a
    left-to-right text with no right-to-left letters, which needs no reordering."""
    actual: str | None = None
    """The text it stands for when that is not its own: the whole word on the first part of
    a hyphenated word, nothing on the rest."""


def _piece(
    text: str, face: str, colour: str, link: str | None, measure: Measure, levels: tuple[int, ...] = ()
) -> _Piece:
    return _Piece(text, face, colour, link, 0, measure.width(text, face, measure.scale(face)), levels)


@dataclass
class _Word:
    """What lies between two line-break opportunities: the pieces a line is made of."""

    pieces: list[_Piece] = field(default_factory=list)
    joined: bool = False
    """No space before it: the next character of a text written without spaces."""
    start: int | None = None
    """Where the word starts in the text, in characters: a paragraph can be cut there."""
    space_level: int = 0
    """The bidi level of the space before it, as resolved in the paragraph."""
    width: float = 0.0
    """Its width at 1 pt (each piece at its face's scale): line breaking multiplies by the size."""


_LINE_BREAK = _Word()
"""Stands for a newline in the source: the line ends here."""

_SPACES = re.compile(r"([ \t\r\n]+)")
"""Spaces between words. A no-break space (U+00A0, U+202F) is not one: it keeps a phone
number or '16 sessions' together, as its author meant."""

_NO_BREAK_BEFORE = set(
    "、。，．,.：:；;？?！!）)］]｝}」』】〉》〕〗〙〛’”ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻…‥"
)


def set_text(spans: tuple[Span, ...], style: TextStyle, width: float, measure: Measure) -> SetText:
    """Break `spans` into lines no wider than `width` and position every run.

    A run is set at the nominal size times its face's scale (Arabic Naskh letters are
    small on the body), and a line is as tall as the tallest script in it needs: a line
    of Latin words in an Urdu text keeps the Latin leading.
    """
    lines, starts, profiles = _visual_lines(spans, style, width, measure)
    runs: list[TextRun] = []
    widest = 0.0
    top = 0.0
    tops = [0.0]
    above: Placed | None = None  # the line above: its baseline, ink and start
    first: Placed | None = None
    for index, line in enumerate(lines):
        height = style.leading * line.factor
        baseline = -(top + _first_baseline(style) + (height - style.leading) * _EXTRA_ABOVE)
        widest = max(widest, line.width)
        x = {"left": 0.0, "centre": (width - line.width) / 2, "right": width - line.width}[style.align]
        if profiles:
            if above is not None:
                extra = extra_space(above, (baseline, profiles[index], x), style.size)
                height += extra  # two lines whose tall and deep letters would meet move apart
                baseline -= extra
            above = (baseline, profiles[index], x)
            first = first or above
        runs.extend(run.moved(x, baseline) for run in line.runs)
        top += height
        tops.append(top)
    return SetText(tuple(runs), len(lines), top, widest, tuple(tops), tuple(starts), first, above)


@dataclass(frozen=True)
class _Line:
    """A line set at a size: its runs from its start on its baseline, its width, and how tall it is
    against the Latin leading (the tallest script it holds)."""

    runs: tuple[TextRun, ...]
    width: float
    factor: float


def _line(pieces: tuple[_Piece, ...], style: TextStyle, measure: Measure, text: str) -> _Line:
    """The line's runs from its start; the first carries the line's text in logical order, for
    copying, search and screen readers (the glyphs of a shaped or right-to-left line do not say it)."""
    runs = []
    x = 0.0
    for index, piece in enumerate(pieces):
        size = style.size * measure.scale(piece.face)
        width = piece.unit * style.size
        ascent, descent = measure.ascent(piece.face, size), measure.descent(piece.face, size)
        actual = "" if index else text
        text_run = TextRun(x, 0.0, piece.text, piece.face, size, piece.colour, width, ascent, descent, piece.link)
        text_run.actual = actual  # set on the new run before anyone sees it: cheaper than replace()
        runs.append(text_run)
        x += width
    factor = max((measure.line_factor(p.face) for p in pieces if inked(p.text)), default=1.0)
    return _Line(tuple(runs), x, factor)


def _logical_text(line: list[_Piece]) -> str:
    """What a line says, in the order it was written: hyphenated words whole, invisible marks left out."""
    return _INVISIBLE.sub("", "".join(piece.text if piece.actual is None else piece.actual for piece in line))


_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]")
"""Direction marks, zero-width spaces and soft hyphens: no reader needs them back. (The
zero-width non-joiner and joiner stay: they are part of how a Persian or Indic word is spelt.)"""


def widest_word(spans: tuple[Span, ...], style: TextStyle, measure: Measure) -> float:
    """The width of the text's longest word at the style's size: a title is made smaller until it fits,
    rather than have a word cut in two."""
    words = _cached_words(spans, style, measure)
    return max((word.width for word in words if word is not _LINE_BREAK), default=0.0) * style.size


def _visual_lines(
    spans: tuple[Span, ...], style: TextStyle, width: float, measure: Measure
) -> tuple[tuple[_Line, ...], tuple[int | None, ...], tuple[Profile, ...]]:
    """`_set_lines`, kept in the edition's memo (leading and alignment only move lines: not in the key)."""
    memo = _memo(measure).lines
    key = (spans, style.size, style.face, style.bold_face, style.colour, style.link_colour, style.direction,
           style.language, style.hyphenate, style.heading, width)  # fmt: skip
    if key not in memo:
        memo[key] = _set_lines(spans, style, width, measure)
    return memo[key]


def _set_lines(
    spans: tuple[Span, ...], style: TextStyle, width: float, measure: Measure
) -> tuple[tuple[_Line, ...], tuple[int | None, ...], tuple[Profile, ...]]:
    """The lines of a text in display order, where each starts and, for a script with taller lines,
    the ink of each line word by word. Kept, because copyfit sets the same text at the same size and
    width again for every spacing, leading and heading lever it tries."""
    lines, starts = _break_lines(_cached_words(spans, style, measure), style, width, measure)
    lines = [_shown_soft_hyphen(line) if index < len(lines) - 1 else line for index, line in enumerate(lines)]
    visual = tuple(
        _line(tuple(_visual(_merge(line), style, measure)), style, measure, _logical_text(line)) for line in lines
    )
    tall = any(measure.line_factor(piece.face) > 1 for line in lines for piece in line)
    profiles = tuple(_profile(line, style, measure) for line in lines) if tall else ()
    return visual, tuple(starts), profiles


def _shown_soft_hyphen(line: list[_Piece]) -> list[_Piece]:
    """A line that ends at a soft hyphen (U+00AD, where the author allowed a word to break) shows a
    hyphen there; inside a line the soft hyphen prints as nothing. It was measured as wide as a
    hyphen, so the line still fits."""
    if not line or not line[-1].text.endswith(SOFT_HYPHEN):
        return line
    last = line[-1]
    return [*line[:-1], replace(last, text=last.text[:-1] + "-")]


SOFT_HYPHEN = "\u00ad"


def _profile(line: list[_Piece], style: TextStyle, measure: Measure) -> Profile:
    """The ink of each word of a line where it stands in display order.

    Words are ordered by their bidi levels as the line is (rule L2); a word whose characters
    run at different levels ("IPT-UK:" in Arabic) counts as one box, which only errs wide.
    """
    pieces = [piece for piece in line if piece.text]
    levels = [min(piece.levels) if piece.levels else 0 for piece in pieces]
    boxes = []
    x = 0.0
    for index in visual_order(levels) if any(levels) else range(len(pieces)):
        piece = pieces[index]
        width = piece.unit * style.size
        if inked(piece.text):
            size = style.size * measure.scale(piece.face)
            top, bottom = measure.ink(piece.text, piece.face, size)
            left, right = measure.ink_sides(piece.text, piece.face, size)
            boxes.append((x + min(0.0, left), x + max(width, right), top, bottom))
        x += width
    return tuple(boxes)


_EXTRA_ABOVE = 0.6
"""Of the extra height a tall script's line gets, the share above the baseline: Nastaliq
and Naskh climb higher above it than they sink below."""


def _first_baseline(style: TextStyle) -> float:
    """Distance from the top of the first line box to its baseline.

    Half the extra leading above, then 0.8 em: a little more than the cap height
    (0.71 em in Noto Sans), so capitals and ascenders start at the top of the box.
    The font's full ascent (1.07 em) would leave a visible gap above every block.
    """
    return (style.leading - style.size) / 2 + style.size * 0.8


def _cached_words(spans: tuple[Span, ...], style: TextStyle, measure: Measure) -> list[_Word]:
    """The words of a text, worked out once: a block is set at several sizes and widths while fitting.

    Words do not depend on the size or the width, so neither is part of the key.
    """
    key = (spans, style.face, style.bold_face, style.colour, style.link_colour, style.language, style.direction)
    memo = _memo(measure).words
    words = memo.get(key)
    if words is None:
        words = memo[key] = _words(spans, replace(style, size=1.0, leading=0.0), measure)
        for word in words:
            word.width = sum(p.unit for p in word.pieces)
    return words


@dataclass
class _Memo:
    """What one edition's fonts have already set: its words, and its lines at each size and width."""

    words: dict[tuple, list[_Word]] = field(default_factory=dict)
    lines: dict[tuple, tuple] = field(default_factory=dict)


_MEMOS: WeakKeyDictionary[Measure, _Memo] = WeakKeyDictionary()
"""Kept per Measure (an edition's fonts) and dropped with it, so a long-running server holds
no text of editions it built long ago."""


def _memo(measure: Measure) -> _Memo:
    memo = _MEMOS.get(measure)
    if memo is None:
        memo = _MEMOS[measure] = _Memo()
    return memo


def _paragraph_levels(text: str, direction: str) -> tuple[int, ...]:
    """Bidi levels, each line of the source (a newline ends a bidi paragraph) resolved on its own.

    A line takes the direction of its first letter, so an English address left in an Urdu
    edition reads left to right; but a line in a right-to-left edition's own script is right
    to left even when it opens with a Latin word ("IPT هو علاج...").
    """
    levels: list[int] = []
    base = 1 if direction == "rtl" else 0
    for index, line in enumerate(text.split("\n")):
        if index:
            levels.append(base)  # the newline itself, never drawn
        own_script = direction == "rtl" and bool(RIGHT_TO_LEFT_LETTERS.search(line))
        levels += embedding_levels(line, direction, forced=own_script) if line else []
    return tuple(levels)


def _words(spans: tuple[Span, ...], style: TextStyle, measure: Measure) -> list[_Word]:
    """The text as words, each a list of styled pieces in logical order, with where it starts.

    A word runs from one line-break opportunity to the next (`linebreak`): a space
    where no line may break ("w domu" in Polish, "word )") stays inside the word.
    Bidi levels are resolved here, once for the whole paragraph as UAX #9 asks (a line is
    only reordered with them), and only for a text that has right-to-left in it.
    """
    text = "".join(span.text for span in spans)
    bidi = style.direction == "rtl" or bool(RIGHT_TO_LEFT_LETTERS.search(text))
    levels = _paragraph_levels(text, style.direction) if bidi else ()
    opportunities = break_opportunities(text, style.language)
    ordered = sorted(opportunities)  # each part looks up only its own breaks: linear in the paragraph
    words: list[_Word] = [_Word(start=0)]
    offset = 0
    for span in spans:
        role = style.role_for(span)
        colour = style.link_colour if span.link else style.colour

        def add(part: str, at: int, role: str = role, colour: str = colour, link: str | None = span.link) -> None:
            for piece_text, face in measure.segments(part, role):
                own = levels[at : at + len(piece_text)]
                words[-1].pieces.append(_piece(piece_text, face, colour, link, measure, own))
                at += len(piece_text)

        for part in _SPACES.split(span.text):
            if not part:
                continue
            after = offset + len(part)
            if _SPACES.fullmatch(part):
                if "\n" in part or after in opportunities or after == len(text):
                    words.extend([_LINE_BREAK] * part.count("\n"))
                    words.append(_Word(start=after, space_level=levels[offset] if levels else 0))
                elif words[-1].pieces:
                    add(" ", offset)  # no line may break here: the space is part of the word
                offset = after
                continue
            if offset in opportunities and words[-1].pieces:
                words.append(_Word(joined=True, start=offset))  # a break where a span starts, with no space
            cut = offset
            for inside in ordered[bisect_right(ordered, offset) : bisect_left(ordered, after)]:
                add(part[cut - offset : inside - offset], cut)
                words.append(_Word(joined=True, start=inside))
                cut = inside
            add(part[cut - offset :], cut)
            offset = after
    return [w for w in words if w is _LINE_BREAK or w.pieces]


def _break_lines(
    words: list[_Word], style: TextStyle, width: float, measure: Measure
) -> tuple[list[list[_Piece]], list[int | None]]:
    """Lines of pieces, first fit, and where each line starts in the text (None: inside a word).

    Then the last line is looked at again: a heading does not end on one word, and no
    paragraph ends on one Chinese character, when moving the word before it down still fits.
    """
    lines, starts, firsts = _first_fit(words, style, width, measure)
    if len(lines) > 1 and firsts[-1] - firsts[-2] > 1 and _lonely(words[firsts[-1] :], style):
        held = _first_fit(words, style, width, measure, break_before=firsts[-1] - 1)
        if len(held[0]) == len(lines) and not _lonely(words[held[2][-1] :], style):
            lines, starts = held[0], held[1]
    return lines, starts


def _lonely(last: list[_Word], style: TextStyle) -> bool:
    """A last line that reads as stranded: one word of a heading, or one Chinese character
    (with its punctuation, or a Latin word beside it: "疗（IPT）" splits 治疗)."""
    words = [word for word in last if word is not _LINE_BREAK]
    if len(words) != len(last) or not words:
        return False  # the text's own line break ends the line: nothing is stranded
    ideographs = sum(1 for word in words for piece in word.pieces for char in piece.text if _IDEOGRAPH.match(char))
    return ideographs == 1 if ideographs else style.heading and len(words) == 1


_IDEOGRAPH = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
"""Chinese characters and kana: text written without spaces, where any character may end a line."""

HYPHENATE_BELOW = 0.75
"""A word is hyphenated only when the line would otherwise be left less full than this: a ragged
line is harder to read than a hyphen, but a hyphen is not used to gain a few points (at 0.85 the
English edition takes 8 hyphens, at 0.75 four)."""


def _first_fit(
    words: list[_Word], style: TextStyle, width: float, measure: Measure, break_before: int | None = None
) -> tuple[list[list[_Piece]], list[int | None], list[int]]:
    """Lines filled word by word; also the index of each line's first word. A line break is forced
    before word `break_before` (to carry a word down to a stranded last line)."""
    lines: list[list[_Piece]] = [[]]
    starts: list[int | None] = [0]
    firsts: list[int] = [0]
    line_width = 0.0

    def new_line(start: int | None, index: int) -> None:
        lines.append([])
        starts.append(start)
        firsts.append(index)

    for index, word in enumerate(words):
        if word is _LINE_BREAK:
            new_line(None, index + 1)
            line_width = 0.0
            continue
        word_width = word.width * style.size
        if lines[-1]:
            gap: list[_Piece] = [] if word.joined else [_space(lines[-1][-1], word, measure)]
            gap_width = sum(p.unit for p in gap) * style.size
            if index != break_before and line_width + gap_width + word_width <= width + 1e-6:
                lines[-1].extend([*gap, *word.pieces])
                line_width += gap_width + word_width
                continue
            parts = _hyphenated(word, style, width - line_width - gap_width, width, measure) if (
                style.hyphenate and not style.heading and index != break_before and line_width < width * HYPHENATE_BELOW
            ) else None  # fmt: skip
            if parts:
                lines[-1].extend([*gap, parts[0]])
                new_line(None, index)
                lines[-1].append(parts[1])
                line_width = parts[1].unit * style.size
                continue
            new_line(word.start, index)
        elif starts[-1] is None:
            starts[-1] = word.start  # the first word after a line break in the source
        if word_width <= width + 1e-6:
            lines[-1].extend(word.pieces)
            line_width = word_width
        else:
            for chunk in _split_long_word(word.pieces, style, width, measure):
                if lines[-1]:
                    new_line(None, index)
                lines[-1].extend(chunk)
            line_width = _width(lines[-1], style)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()  # a trailing newline adds no empty line; blank lines inside the text stay
        starts.pop()
        firsts.pop()
    return lines, starts, firsts


def _hyphenated(
    word: _Word, style: TextStyle, room: float, width: float, measure: Measure
) -> tuple[_Piece, _Piece] | None:
    """The word cut at the longest hyphenation point whose first part, with its hyphen, fits `room`.

    Only a plain word in one face, outside a link, is hyphenated. Each part carries the text
    it stands for, so that copying or reading the PDF gives the word whole.
    """
    if len(word.pieces) != 1 or word.pieces[0].link or len(set(word.pieces[0].levels)) > 1:
        return None  # (nor a word that runs in both directions)
    piece = word.pieces[0]
    letters = piece.text.rstrip(".,;:!?)\u201d\u2019\"'")
    level = piece.levels[:1]  # in a paragraph with right-to-left text, each part keeps the word's level
    for before, after in hyphenations(letters, style.language):
        first = _piece(before + "-", piece.face, piece.colour, None, measure, level * (len(before) + 1))
        if first.unit * style.size <= room + 1e-6:
            tail = after + piece.text[len(letters) :]
            rest = _piece(tail, piece.face, piece.colour, None, measure, level * len(tail))
            if rest.unit * style.size > width + 1e-6:
                return None
            first.actual, rest.actual = piece.text, ""
            return first, rest
    return None


def _width(pieces: list[_Piece], style: TextStyle) -> float:
    return sum(p.unit for p in pieces) * style.size


def _space(before: _Piece, word: _Word, measure: Measure) -> _Piece:
    """The space before a word: in the font and colour of the word before it, at its level in the paragraph."""
    after = word.pieces[0]
    shared_link = before.link if before.link == after.link else None
    colour = before.colour if shared_link == before.link else after.colour
    return _piece(" ", before.face, colour, shared_link, measure, (word.space_level,) if before.levels else ())


def _split_long_word(word: list[_Piece], style: TextStyle, width: float, measure: Measure) -> list[list[_Piece]]:
    """Cut a word wider than the line between characters (grapheme clusters), filling each line."""
    chunks: list[list[_Piece]] = [[]]
    used = 0.0
    for piece in word:
        index = 0
        for cluster in clusters(piece.text, style.language):  # never inside a conjunct or before a mark
            w = measure.width(cluster, piece.face, style.size * measure.scale(piece.face))
            if used + w > width and chunks[-1]:
                carried = _carried_tail(chunks[-1], cluster[0])
                del chunks[-1][len(chunks[-1]) - len(carried) :]
                chunks.append(carried)
                used = _width(carried, style)
            levels = piece.levels[index : index + len(cluster)]
            chunks[-1].append(_piece(cluster, piece.face, piece.colour, piece.link, measure, levels))
            used += w
            index += len(cluster)
    return chunks


_ADDRESS_BREAKS = set("/.-?&=_#")
"""Where a web address too long for the line is best cut: after these, so each part still reads as one."""


def _carried_tail(chunk: list[_Piece], next_char: str) -> list[_Piece]:
    """What moves to the next line when a too-long word is cut before `next_char`.

    Nothing, normally; after a '/' or '.' in the last two thirds of the line, the rest
    of a web address, so it is not cut mid-word; and never closing punctuation alone.
    """
    if next_char in _NO_BREAK_BEFORE and len(chunk) > 1:
        return chunk[-1:]
    for index in range(len(chunk) - 1, len(chunk) // 3, -1):
        if chunk[index - 1].text in _ADDRESS_BREAKS:
            return chunk[index:]
    return []


def _merge(line: list[_Piece]) -> list[_Piece]:
    """Join neighbouring pieces that share face, colour and link into one run (logical order)."""
    merged: list[_Piece] = []
    for piece in line:
        if (
            merged
            and (merged[-1].face, merged[-1].colour, merged[-1].link) == (piece.face, piece.colour, piece.link)
            and merged[-1].actual is None
            and piece.actual is None
        ):
            last = merged[-1]
            merged[-1] = _Piece(
                last.text + piece.text, last.face, last.colour, last.link, 0, last.unit + piece.unit,
                last.levels + piece.levels,
            )  # fmt: skip
        else:
            merged.append(piece)
    return merged


def _visual(pieces: list[_Piece], style: TextStyle, measure: Measure) -> list[_Piece]:
    """A line's runs in display order: split where the level changes, then reordered (UAX #9, rule L2).

    Runs in a right-to-left script are shaped right to left by HarfBuzz; runs of
    neutral characters inside them (brackets, punctuation) are mirrored and
    reversed here, since no shaper will do it for them.
    """
    if not any(piece.levels for piece in pieces):
        return pieces
    split: list[_Piece] = []
    for piece in pieces:
        levels = piece.levels
        start = 0
        for index in range(1, len(piece.text) + 1):
            if index == len(piece.text) or levels[index] != levels[start]:
                part = piece.text[start:index]
                level = levels[start]
                if level % 2 and not RIGHT_TO_LEFT_LETTERS.search(part):
                    part = mirrored(part)[::-1]
                unit = piece.unit if part == piece.text else measure.width(part, piece.face, measure.scale(piece.face))
                actual = piece.actual if part == piece.text else None
                split.append(_Piece(part, piece.face, piece.colour, piece.link, level, unit, (), actual))
                start = index
    return [split[i] for i in visual_order([p.level for p in split])]

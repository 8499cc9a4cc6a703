"""`python bench/worst.py`: the most hostile inputs the tool accepts, timed against its promise.

The README promises that nothing inside the input limits takes more than 10 s
or 500 MB. A limit only keeps that promise if the work behind it grows about
linearly with what it bounds, so each case here is the largest input of one
shape that the limits still let through: a source YAML at its text, value or
byte limit (`leaflet.content`), a PO file at 2 MB (`leaflet.sources`), a clinic
file at 64 kB, pictures at their pixel budgets. The shapes are the ones the code's
costs grow with: words per paragraph, blocks per panel, characters per word,
scripts that need shaping or bidi, markup, links, codes, pictures, translations.

Sizes come from the limits themselves, read from leaflet's own constants: text
is made as long as MAX_TEXT allows, and a shape bounded by the value or byte
limit is grown by bisection until `leaflet.content.loads` would refuse it. So
the cases follow the limits when they change, and an input the tool refuses
anyway (exit 2) is reported as "refused", which keeps the promise, rather than
timed as if it did work. Exit 1 (a check failed, such as overflow) comes after
all the work, so its time counts.

Each case runs as a fresh process, `python -m leaflet check` as a user runs it
(and `build` where that does more), in a scratch folder, with a safety timeout
so that a runaway case is reported and the rest still run. Peak memory is read
with GNU time where it exists; otherwise from the child's own rusage
(`os.wait4`), since `getrusage(RUSAGE_CHILDREN)` keeps only the largest child
so far and cannot tell two cases apart.

To see where a case's time goes, keep its files and profile the same command:

    python bench/worst.py bullets --keep /tmp/worst
    python -m cProfile -s cumtime -m leaflet check /tmp/worst/bullets/leaflet.yaml

Exit status is 0 whatever the figures; `--strict` makes a case over budget
exit 1 (for CI).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # a fresh clone with only the venv: leaflet from this checkout

from leaflet.clinic import MAX_CLINIC_BYTES  # noqa: E402
from leaflet.content import (  # noqa: E402
    MAX_PIXELS,
    MAX_QR_LENGTH,
    MAX_SOURCE_BYTES,
    MAX_TEXT,
    MAX_TOTAL_PIXELS,
    MAX_VALUES,
    loads,
)
from leaflet.edition_layout import MAX_LAYOUT_BYTES  # noqa: E402
from leaflet.errors import LeafletError  # noqa: E402
from leaflet.sources import MAX_TEXT_BYTES  # noqa: E402

BUDGET_SECONDS = 10.0
BUDGET_MB = 500.0
"""The README's promise for any input inside the limits."""
TIMEOUT_SECONDS = 600.0
"""A case still running after this is stopped and reported; the promise is long broken by then."""
GNU_TIME = Path("/usr/bin/time")
GNU_TIME_LINES = r"(?m)^\s*Command (?:being timed|exited with non-zero status|terminated by signal)"
"""Where GNU time's own report starts on the command's stderr."""
SOURCE = "leaflet.yaml"
PICTURE = "picture.png"
EXIT_MEANINGS = {0: "ok", 1: "fails a check", 2: "refused"}
"""`leaflet`'s exit statuses: 1 means the work was done and a check failed (overflow), so its time counts."""


@dataclass(frozen=True)
class Inputs:
    """The files of one case (relative path -> content) and the commands to time on them."""

    files: dict[str, str | bytes | Callable[[Path], None]]
    """A callable writes a large binary file itself (a picture), instead of holding it in memory."""
    args: tuple[str, ...] = ("check", SOURCE)
    build: tuple[str, ...] | None = None
    """Extra arguments of a `build` run, when building does more than checking (None: not run)."""


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], Inputs]

    @property
    def why(self) -> str:
        return (self.make.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True)
class Run:
    """One timed command: wall time, peak memory, exit status (None: stopped at the timeout)."""

    case: str
    command: str
    seconds: float
    peak_mb: float | None
    status: int | None
    stderr: str = ""

    @property
    def over(self) -> bool:
        """Over budget: too slow or too large, or stopped; a crash is not a measurement, so it is not over."""
        if self.outcome.startswith("crashed"):
            return False
        return self.status is None or self.seconds > BUDGET_SECONDS or (self.peak_mb or 0) > BUDGET_MB

    @property
    def outcome(self) -> str:
        if self.status is None:
            return "TIMEOUT"
        if self.status not in EXIT_MEANINGS or "Traceback (most recent call last)" in self.stderr:
            return f"crashed ({self.status}): {first_line(self.stderr)}"
        meaning = EXIT_MEANINGS[self.status]
        return meaning if self.status != 2 else f"refused: {first_line(self.stderr)}"


def first_line(stderr: str) -> str:
    """The line of stderr that says why: the last of a traceback, else the first."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return "(nothing on stderr)"
    line = lines[-1] if "Traceback (most recent call last)" in stderr else lines[0]
    return line if len(line) <= 90 else line[:87] + "..."


# -- building inputs ---------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's): any character, newlines and all."""
    return json.dumps(text, ensure_ascii=False)


def leaflet_yaml(panels: str, language: str = "en-GB", extra: str = "") -> str:
    """A whole leaflet around the given `panels:` body (already indented by two)."""
    return f"leaflet:\n  id: worst\n  title: Worst case\n  language: {language}\n{extra}panels:\n{panels}"


HTML = ("--format", "html", "-o", "out.html")
"""A build of the page for screens: made from the model, after the same layout and checks as the PDF."""
CHAIN = ("flap", "inside-1", "inside-2", "inside-3", "back")
"""Five panels that run on into each other: the longest flow a leaflet can have."""


def one_panel(blocks: str, panel: str = "inside-1") -> str:
    """The blocks (a YAML list, not indented) under one panel."""
    return f"  {panel}:\n{_indent(blocks, 4)}"


def chained(blocks: str) -> str:
    """The blocks under the flap, flowing on through the inside panels to the back."""
    head = "".join(
        f"  {a}:\n    continues_to: {b}\n    blocks: [{{spacer: 1}}]\n" for a, b in zip(CHAIN[1:], CHAIN[2:])
    )
    return f"  flap:\n    continues_to: inside-1\n    blocks:\n{_indent(blocks, 6)}{head}  back: [{{spacer: 1}}]\n"


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def word(index: int, letters: str = "abcdefghijklmnopqrstuvwxyz") -> str:
    """The index-th shortest distinct word over `letters`: distinct texts defeat every cache by text."""
    base = len(letters)
    chars = []
    index += 1
    while index:
        index, digit = divmod(index - 1, base)
        chars.append(letters[digit])
    return "".join(reversed(chars))


def accepted(text: str, folder: Path | None = None) -> bool:
    """Whether `leaflet.content` reads this source (its limits, not layout): the size a case may grow to."""
    if len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        return False
    try:
        loads(text, (folder or Path(tempfile.gettempdir())) / SOURCE)
    except LeafletError:
        return False
    return True


def largest(source: Callable[[int], str], high: int = MAX_VALUES, folder: Path | None = None) -> int:
    """The largest n in [1, high] whose source is accepted (acceptance falls as n grows), by bisection."""
    low = 1
    if accepted(source(high), folder):
        return high
    while low < high - 1:
        middle = (low + high) // 2
        if accepted(source(middle), folder):
            low = middle
        else:
            high = middle
    return low


def longest_text(make: Callable[[int], str], separator: str = " ", limit: int = MAX_TEXT) -> str:
    """As many pieces as fit in `limit` characters of text."""
    parts: list[str] = []
    used = 0
    index = 0
    while True:
        piece = make(index)
        cost = len(piece) + (len(separator) if parts else 0)
        if used + cost > limit:
            return separator.join(parts)
        parts.append(piece)
        used += cost
        index += 1


def paragraph_source(text: str, language: str = "en-GB", extra: str = "", flow: bool = False) -> str:
    block = f"- paragraph: {quoted(text)}\n"
    return leaflet_yaml(chained(block) if flow else one_panel(block), language, extra)


# -- the cases: one shape each, at the largest size the limits let through -------------


def words_in_one_paragraph() -> Inputs:
    """One paragraph of one-letter words up to the text limit: the cost per word must not grow with the paragraph."""
    return Inputs({SOURCE: paragraph_source(longest_text(lambda i: "a"))})


def words_in_one_paragraph_over_five_panels() -> Inputs:
    """The same paragraph flowing over five panels: its rest is set again at every cut copyfit tries."""
    return Inputs({SOURCE: paragraph_source(longest_text(lambda i: "a"), flow=True)})


def distinct_words_in_one_paragraph() -> Inputs:
    """One paragraph of distinct words (no width or shape is measured twice), up to the text limit."""
    return Inputs({SOURCE: paragraph_source(longest_text(word))})


def paragraphs_in_one_panel() -> Inputs:
    """As many paragraphs as the value limit allows, all under one panel (they overflow it)."""

    def source(n: int) -> str:
        return leaflet_yaml(one_panel("".join(f"- paragraph: {word(i)}\n" for i in range(n))))

    return Inputs({SOURCE: source(largest(source))})


def paragraphs_over_five_panels() -> Inputs:
    """As many paragraphs as allowed, flowing over five panels: the share-out bisects over all of them."""

    def source(n: int) -> str:
        return leaflet_yaml(chained("".join(f"- paragraph: {word(i)}\n" for i in range(n))))

    return Inputs({SOURCE: source(largest(source))})


def all_six_panels_overflowing() -> Inputs:
    """Every panel overflows: six overflow messages, each with its fixes, and six full columns checked."""

    def source(n: int) -> str:
        panels = ("front", *CHAIN)
        blocks = "".join(f"- paragraph: {word(i)}\n" for i in range(n // len(panels) + 1))
        return leaflet_yaml("".join(one_panel(blocks, panel) for panel in panels))

    return Inputs({SOURCE: source(largest(source))})


def headings_over_five_panels() -> Inputs:
    """Only headings, flowing over five panels: each keeps with the next, so every panel end moves them all on."""

    def source(n: int) -> str:
        return leaflet_yaml(chained("".join(f"- heading: {word(i)}\n" for i in range(n))))

    return Inputs({SOURCE: source(largest(source))})


def fill_spacers() -> Inputs:
    """As many `spacer: fill` as allowed in one panel: the room left is shared among all of them."""

    def source(n: int) -> str:
        return leaflet_yaml(one_panel("- paragraph: a\n" + "- spacer: fill\n" * n))

    return Inputs({SOURCE: source(largest(source))}, build=("-o", "out.pdf"))


def bullets() -> Inputs:
    """One bullet list with as many items as allowed: a cut at every line, tags (LI, Lbl, LBody) for each."""

    def source(n: int) -> str:
        items = "".join(f"    - {word(i)}\n" for i in range(n))
        return leaflet_yaml(chained(f"- bullets:\n{items}"))

    return Inputs({SOURCE: source(largest(source))})


def steps() -> Inputs:
    """One list of numbered steps, as many as allowed, flowing over five panels: badges, titles, cuts."""

    def source(n: int) -> str:
        items = "".join(f"    - {{title: {word(i)}, text: {word(i)}}}\n" for i in range(n))
        return leaflet_yaml(chained(f"- steps:\n{items}"))

    return Inputs({SOURCE: source(largest(source))})


def nested_sections() -> Inputs:
    """Sections nested as deep as allowed, the innermost holding as many paragraphs as allowed."""

    def source(n: int) -> str:
        inner = "".join(f"- paragraph: {word(i)}\n" for i in range(n))
        for depth in range(5):
            inner = f"- section:\n    heading: Level {depth}\n    body:\n{_indent(inner, 6)}"
        return leaflet_yaml(chained(inner))

    return Inputs({SOURCE: source(largest(source))})


def one_long_word() -> Inputs:
    """One word as long as the text limit: cut between characters, line after line."""
    return Inputs({SOURCE: paragraph_source("a" * MAX_TEXT)})


def one_long_address() -> Inputs:
    """One web address as long as the text limit: cut after its slashes, looking back along each line."""
    return Inputs({SOURCE: paragraph_source(("https://example.org/" + "ab/" * MAX_TEXT)[:MAX_TEXT])})


def a_line_of_spaces() -> Inputs:
    """Two letters with the text limit's worth of spaces between them."""
    return Inputs({SOURCE: paragraph_source("a" + " " * (MAX_TEXT - 2) + "b")})


def no_break_spaces() -> Inputs:
    """Letters joined by no-break spaces up to the text limit: one word no line can hold."""
    return Inputs({SOURCE: paragraph_source(longest_text(lambda i: "a", separator="\u00a0"))})


def blank_lines() -> Inputs:
    """A paragraph of newlines: one line each, every one a forced break (and a bidi paragraph in RTL)."""
    return Inputs({SOURCE: paragraph_source(longest_text(lambda i: "a", separator="\n"))})


def zero_width_spaces() -> Inputs:
    """Zero-width spaces up to the text limit: a break after each, and all of them fit on one line."""
    return Inputs({SOURCE: paragraph_source("a" + "\u200b" * (MAX_TEXT - 2) + "b")}, build=HTML)


def zero_width_spaces_right_to_left() -> Inputs:
    """The same in Arabic, where each piece also carries its bidi levels, joined into one line."""
    return Inputs({SOURCE: paragraph_source("\u0628" + "\u200b" * (MAX_TEXT - 2) + "\u0628", language="ar")})


def combining_marks() -> Inputs:
    """One letter carrying the text limit's worth of combining accents: one cluster, one glyph position."""
    return Inputs({SOURCE: paragraph_source("a" + "\u0301" * (MAX_TEXT - 1))})


SYLLABLES = [c + v for c in "bcdfghklmnprstv" for v in "aeiou"]


def long_word(index: int, syllables: int = 6) -> str:
    """A distinct word of `syllables` syllables (index in base 75), which a hyphenation dictionary can break."""
    return "".join(SYLLABLES[index // len(SYLLABLES) ** k % len(SYLLABLES)] for k in range(syllables))


def hyphenated_paragraphs() -> Inputs:
    """Hyphenation on, long distinct words in paragraphs of ten: each short line tries a dictionary."""

    def source(n: int) -> str:
        blocks = "".join(f"- paragraph: {' '.join(long_word(i * 10 + k) for k in range(10))}\n" for i in range(n))
        return leaflet_yaml(chained(blocks), extra="typography: {hyphenate: true}\n")

    return Inputs({SOURCE: source(largest(source, 2_000))})


def hyphenated_paragraph() -> Inputs:
    """Hyphenation on, one paragraph of long distinct words up to the text limit."""
    text = longest_text(long_word)
    return Inputs({SOURCE: paragraph_source(text, extra="typography: {hyphenate: true}\n", flow=True)})


def chinese() -> Inputs:
    """Chinese up to the text limit, no spaces: a break opportunity at every character (strict rules)."""
    return Inputs({SOURCE: paragraph_source("".join(chr(0x4E00 + i % 20000) for i in range(MAX_TEXT)), "zh-Hans")})


ARABIC_LETTERS = "\u0627\u0628\u062a\u062b\u062c\u062d\u062e\u062f\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637"
BENGALI_LETTERS = "\u0995\u0996\u0997\u0998\u099a\u099b\u099c\u099d\u099f\u09a0\u09a1\u09a2\u09a4\u09a5\u09a6\u09a7"
BENGALI_SIGNS = "\u09be\u09bf\u09c0\u09c1\u09c2\u09c7\u09cb\u09cd"


def arabic_word(index: int) -> str:
    return word(index, ARABIC_LETTERS) + ARABIC_LETTERS[index % 16] * 2


def bengali_word(index: int) -> str:
    """Consonants with vowel signs and viramas: conjuncts and reordering for the shaper."""
    letters = word(index, BENGALI_LETTERS) + BENGALI_LETTERS[index % 16]
    return "".join(char + BENGALI_SIGNS[(index + k) % len(BENGALI_SIGNS)] for k, char in enumerate(letters))


def script_paragraphs(language: str, make: Callable[[int], str]) -> Inputs:
    """Paragraphs of twenty distinct words, as many as the limits allow, flowing over five panels."""

    def source(n: int) -> str:
        blocks = "".join(f"- paragraph: {' '.join(make(i * 20 + k) for k in range(20))}\n" for i in range(n))
        return leaflet_yaml(chained(blocks), language)

    return Inputs({SOURCE: source(largest(source, 2_000))})


def arabic_paragraphs() -> Inputs:
    """Arabic (shaped, right to left, bidi levels) in paragraphs of twenty distinct words, over five panels."""
    return script_paragraphs("ar", arabic_word)


def urdu_paragraphs() -> Inputs:
    """Urdu in Nastaliq, the slowest script to shape and the tallest ink, checked glyph by glyph."""
    return script_paragraphs("ur", arabic_word)


def bengali_paragraphs() -> Inputs:
    """Bengali: conjuncts and reordered vowel signs, in paragraphs of twenty distinct words, over five panels."""
    return script_paragraphs("bn", bengali_word)


def arabic_paragraph() -> Inputs:
    """One Arabic paragraph of distinct words up to the text limit."""
    return Inputs({SOURCE: paragraph_source(longest_text(arabic_word), "ar", flow=True)})


def bidi_alternating_words() -> Inputs:
    """An Arabic paragraph whose words alternate with Latin ones: a level change at every space."""
    text = longest_text(lambda i: arabic_word(i) if i % 2 else word(i))
    return Inputs({SOURCE: paragraph_source(text, "ar", flow=True)})


def bidi_alternating_letters() -> Inputs:
    """Latin and Arabic letters alternating with no space, up to the text limit: one word, a run per letter."""
    return Inputs({SOURCE: paragraph_source("a\u0628" * (MAX_TEXT // 2), "ar")})


def bidi_embeddings() -> Inputs:
    """Explicit embeddings nested to the deepest level UAX #9 allows, around short words: many levels per line."""
    opening = "\u202b\u202a" * 62
    text = opening + longest_text(lambda i: f"{word(i)} {arabic_word(i)}", limit=MAX_TEXT - len(opening) - 124)
    return Inputs({SOURCE: paragraph_source(text + "\u202c" * 124, "ar", flow=True)})


def bold_alternating() -> Inputs:
    """Bold switched on and off at every word, up to the text limit: a span per word."""
    return Inputs({SOURCE: paragraph_source(longest_text(lambda i: f"**{word(i)}**" if i % 2 else word(i)))})


def links() -> Inputs:
    """Distinct bold links in paragraphs of ten, up to the text limit: link areas, annotations, Link tags."""

    def paragraph(i: int) -> str:
        return "- paragraph: " + quoted(" ".join(f"**[{word(i * 10 + k)}](tel:{i * 10 + k})**" for k in range(10)))

    def source(n: int) -> str:
        return leaflet_yaml(chained("".join(paragraph(i) + "\n" for i in range(n))))

    return Inputs({SOURCE: source(largest(source, 2_000))})


def qr_codes() -> Inputs:
    """Distinct QR codes with addresses of the longest length allowed, as many as the file's size allows."""

    def url(i: int) -> str:
        return f"https://example.org/{i}/" + "q" * MAX_QR_LENGTH

    def source(n: int) -> str:
        return leaflet_yaml(chained("".join(f"- qr: {url(i)[:MAX_QR_LENGTH]}\n" for i in range(n))))

    return Inputs({SOURCE: source(largest(source))})


def write_picture(pixels: int = MAX_PIXELS, noise: bool = False, mode: str = "RGB") -> Callable[[Path], None]:
    """A PNG of `pixels` (just inside the limit), plain or noisy (noise defeats compression on both sides)."""

    def write(path: Path) -> None:
        from PIL import Image

        width = 8_000
        height = pixels // width
        if not noise:
            Image.new(mode, (width, height), (200, 40, 40, 255)[: len(mode)]).save(path, compress_level=1)
            return
        band = os.urandom(width * len(mode) * 64)  # 64 rows of noise, repeated: beyond zlib's 32 kB window
        rows = band * (height // 64) + band[: width * len(mode) * (height % 64)]
        Image.frombytes(mode, (width, height), rows).save(path, compress_level=1)

    return write


def picture_blocks() -> Inputs:
    """One 40-megapixel picture placed as many times as the value limit allows."""

    def source(n: int) -> str:
        images = "".join(f"- image: {{src: {PICTURE}, alt: {word(i)}, width_mm: 5}}\n" for i in range(n))
        return leaflet_yaml(chained(images))

    with tempfile.TemporaryDirectory() as folder:
        tiny = write_picture(pixels=8_000)
        tiny(Path(folder) / PICTURE)
        count = largest(source, folder=Path(folder))
    return Inputs({SOURCE: source(count), PICTURE: write_picture()})


def noisy_picture() -> Inputs:
    """One RGBA picture of noise at the pixel limit: decoded, its alpha split off and compressed for the PDF."""
    images = f"- image: {{src: {PICTURE}, alt: A picture}}\n"
    return Inputs({SOURCE: leaflet_yaml(one_panel(images)), PICTURE: write_picture(noise=True, mode="RGBA")})


def noisy_picture_cmyk() -> Inputs:
    """The same picture for press in CMYK: converted and compressed once more."""
    inputs = noisy_picture()
    return Inputs(inputs.files, ("check", SOURCE, "--cmyk"))


def noisy_pictures_for_press() -> Inputs:
    """Noisy RGBA pictures up to the budget of all pictures together, built for press in CMYK."""
    count = -(-MAX_TOTAL_PIXELS // MAX_PIXELS)  # as few pictures as the per-picture limit allows
    names = [f"picture-{index}.png" for index in range(count)]
    images = "".join(f"- image: {{src: {name}, alt: A picture}}\n" for name in names)
    pictures = {name: write_picture(MAX_TOTAL_PIXELS // count, noise=True, mode="RGBA") for name in names}
    return Inputs(
        {SOURCE: leaflet_yaml(one_panel(images)), **pictures},
        build=("--cmyk", "--target", "press", "-o", "out.pdf"),
    )


def clinic_file() -> Inputs:
    """A clinic file at 64 kB (every field at its longest, a logo at the pixel limit) in every clinic box allowed."""
    fields = (
        f"clinic:\n  name: {quoted('N' * 100)}\n"
        f"  address: {json.dumps(['A' * 80] * 6)}\n  phone: {quoted('0' * 40)}\n"
        f"  email: {quoted('e' * 100 + '@example.org')}\n  website: {quoted('https://example.org/' + 'w' * 180)}\n"
        f"  hours: {quoted('H' * 120)}\n  logo: {PICTURE}\n"
    )
    padding = "# " + "x" * 78 + "\n"
    clinic = fields + padding * ((MAX_CLINIC_BYTES - len(fields)) // len(padding) - 1)

    def source(n: int) -> str:
        box = "- clinic: {name: Sample clinic, address: 1 Sample Street, phone: 01234 567890}\n"
        return leaflet_yaml(chained(box * n))

    return Inputs(
        {SOURCE: source(largest(source)), "clinic.yaml": clinic, PICTURE: write_picture()},
        ("check", SOURCE, "--clinic", "clinic.yaml"),
        build=("--clinic", "clinic.yaml", "--cmyk", "-o", "out.pdf"),
    )


PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: worst\\n"\n"Language: {language}\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def po_entry(context: str, english: str, translation: str, fuzzy: bool = False) -> str:
    flag = "#, fuzzy\n" if fuzzy else ""
    return f"{flag}msgctxt {quoted(context)}\nmsgid {quoted(english)}\nmsgstr {quoted(translation)}\n\n"


TRANSLATED_TEXT = MAX_TEXT - 100
"""A translation's text is held to the source's limit, counting the untranslated title's English."""


def po_padded(entries: str, language: str = "de") -> str:
    """A PO file of these entries, filled up to the 2 MB limit with translator comments (polib reads them all)."""
    head = PO_HEADER.format(language=language)
    comment = "# " + "c" * 76 + "\n"
    room = MAX_TEXT_BYTES - len((head + entries).encode("utf-8")) - 100
    return head + comment * (room // len(comment)) + entries


def po_one_paragraph() -> Inputs:
    """A 2 MB PO file: one entry turns a one-word paragraph into one-letter words up to the text limit."""
    translation = longest_text(lambda i: "a", limit=TRANSLATED_TEXT)
    files: dict[str, str | bytes | Callable[[Path], None]] = {
        SOURCE: paragraph_source("a"),
        "translations/de.po": po_padded(po_entry("inside-1/0.paragraph", "a", translation)),
    }
    return Inputs(files, ("check", SOURCE, "--lang", "de", "--draft"))


def po_many_paragraphs() -> Inputs:
    """A 2 MB PO file translating as many paragraphs as allowed, sharing the text limit, with long notes."""

    def source(n: int) -> str:
        return leaflet_yaml(chained("".join(f"- paragraph: {word(i)}\n" for i in range(n))))

    count = largest(source)
    share = TRANSLATED_TEXT // count
    note = "#. " + "n" * max(0, (MAX_TEXT_BYTES - 200) // count - 80 - share) + "\n"
    entries = "".join(
        note + po_entry(f"flap/{i}.paragraph", word(i), longest_text(lambda k, i=i: word(i + k), limit=share))
        for i in range(count)
    )
    files: dict[str, str | bytes | Callable[[Path], None]] = {
        SOURCE: source(count),
        "translations/de.po": po_padded(entries),
    }
    return Inputs(files, ("check", SOURCE, "--lang", "de", "--draft"))


def po_stale_entries() -> Inputs:
    """A 2 MB PO file of entries that match no text, built as a draft: each is a warning to sort and print."""
    entries = []
    size = 0
    index = 0
    while size < MAX_TEXT_BYTES - 1_000:
        entry = po_entry(f"inside-9/{index}.paragraph", word(index), word(index)[::-1])
        entries.append(entry)
        size += len(entry.encode("utf-8"))
        index += 1
    files: dict[str, str | bytes | Callable[[Path], None]] = {
        SOURCE: paragraph_source("a"),
        "translations/de.po": PO_HEADER.format(language="de") + "".join(entries[:-2]),
    }
    return Inputs(files, ("check", SOURCE, "--lang", "de", "--draft"))


def po_fuzzy_draft() -> Inputs:
    """A fuzzy entry for each of as many bullets as allowed, built as a draft: each is a note to summarise."""

    def source(n: int) -> str:
        return leaflet_yaml(chained("- bullets:\n" + "".join(f"    - {word(i)}\n" for i in range(n))))

    count = largest(source) - 100  # the title's English counts too
    entries = "".join(po_entry(f"flap/0.bullets/{i}", word(i), word(i)[::-1], fuzzy=True) for i in range(count))
    files: dict[str, str | bytes | Callable[[Path], None]] = {
        SOURCE: source(count),
        "translations/de.po": po_padded(entries),
    }
    return Inputs(files, ("check", SOURCE, "--lang", "de", "--draft"))


def layout_file_moves() -> Inputs:
    """An edition's layout file at its size limit, moving as many blocks as it can name to another panel."""

    def source(n: int) -> str:
        return leaflet_yaml(one_panel("".join(f"- paragraph: {word(i)}\n" for i in range(n))))

    count = largest(source)
    line = "  inside-1/{}: {{move_to: back, keep_together: true}}\n"
    moves = ""
    for index in range(count):
        if len(moves) + len(line.format(index)) > MAX_LAYOUT_BYTES - 100:
            break
        moves += line.format(index)
    files: dict[str, str | bytes | Callable[[Path], None]] = {
        SOURCE: source(count),
        "translations/de.po": PO_HEADER.format(language="de"),
        "translations/de.layout.yaml": f"blocks:\n{moves}",
    }
    return Inputs(files, ("check", SOURCE, "--lang", "de", "--draft"))


def yaml_of_comments() -> Inputs:
    """A source at its byte limit that is nearly all comments and indentation around a small leaflet."""
    small = paragraph_source("A short paragraph.")
    padding = "#" + " " * 98 + "\n"
    return Inputs({SOURCE: padding * ((MAX_SOURCE_BYTES - len(small) - 1) // len(padding)) + small})


def aliases() -> Inputs:
    """One anchored paragraph repeated by alias (*p) as many times as the value limit allows."""

    def source(n: int) -> str:
        first = f"- &p {{paragraph: {quoted(longest_text(word, limit=MAX_TEXT // max(n, 1)))}}}\n"
        return leaflet_yaml(chained(first + "- *p\n" * (n - 1)))

    return Inputs({SOURCE: source(largest(source))})


CASES: tuple[Case, ...] = tuple(
    Case(make.__name__.replace("_", "-"), make)
    for make in (
        words_in_one_paragraph,
        words_in_one_paragraph_over_five_panels,
        distinct_words_in_one_paragraph,
        paragraphs_in_one_panel,
        paragraphs_over_five_panels,
        all_six_panels_overflowing,
        headings_over_five_panels,
        fill_spacers,
        bullets,
        steps,
        nested_sections,
        one_long_word,
        one_long_address,
        a_line_of_spaces,
        no_break_spaces,
        blank_lines,
        zero_width_spaces,
        zero_width_spaces_right_to_left,
        combining_marks,
        hyphenated_paragraphs,
        hyphenated_paragraph,
        chinese,
        arabic_paragraphs,
        urdu_paragraphs,
        bengali_paragraphs,
        arabic_paragraph,
        bidi_alternating_words,
        bidi_alternating_letters,
        bidi_embeddings,
        bold_alternating,
        links,
        qr_codes,
        picture_blocks,
        noisy_picture,
        noisy_picture_cmyk,
        noisy_pictures_for_press,
        clinic_file,
        po_one_paragraph,
        po_many_paragraphs,
        po_stale_entries,
        po_fuzzy_draft,
        layout_file_moves,
        yaml_of_comments,
        aliases,
    )
)


# -- running -----------------------------------------------------------------------


def write_inputs(inputs: Inputs, folder: Path) -> None:
    for name, content in inputs.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def timed(case: str, command: str, args: Sequence[str], folder: Path, timeout: float) -> Run:
    """Run `python -m leaflet ARGS` in `folder`; its wall time, peak memory and exit status.

    The child gets a session of its own, so that at the timeout the whole group (GNU time
    and leaflet under it) is stopped, not just the outer process.
    """
    leaflet = [sys.executable, "-m", "leaflet", *args]
    gnu = GNU_TIME.exists()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(GNU_TIME), "-v", *leaflet] if gnu else leaflet,
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    peak: float | None = usage.ru_maxrss / 1024  # kilobytes on Linux
    if gnu:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        peak = int(found.group(1)) / 1024 if found else None
        stderr = re.split(GNU_TIME_LINES, stderr)[0]
    status = None if stopped.is_set() else child.returncode
    if gnu and status is not None and status < 0:
        status = None
    return Run(case, command, seconds, peak, status, stderr)


def run_case(case: Case, timeout: float, keep: Path | None) -> list[Run]:
    """Write a case's files into a scratch folder (or `keep/NAME`) and time its commands."""
    inputs = case.make()
    with tempfile.TemporaryDirectory(prefix="leaflet-worst-") as scratch:
        folder = keep / case.name if keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        write_inputs(inputs, folder)
        runs = [timed(case.name, inputs.args[0], inputs.args, folder, timeout)]
        if inputs.build is not None:
            runs.append(timed(case.name, "build", ("build", SOURCE, *inputs.build), folder, timeout))
    return runs


def row(run: Run) -> str:
    shown = f"{run.seconds:.1f} s" if run.status is not None else f"> {run.seconds:.0f} s"
    memory = f"{run.peak_mb:.0f} MB" if run.peak_mb is not None else "-"
    verdict = "OVER" if run.over else "ok"
    return f"{run.case:<42}{run.command:<7}{shown:>9}{memory:>9}   {verdict:<5}{run.outcome}"


@dataclass
class Table:
    runs: list[Run] = field(default_factory=list)

    def worst(self) -> list[str]:
        """The slowest and the largest run, and how many missed the budget."""
        if not self.runs:
            return []
        slowest = max(self.runs, key=lambda r: (r.status is None, r.seconds))
        largest_run = max(self.runs, key=lambda r: r.peak_mb or 0)
        over = sum(1 for r in self.runs if r.over)
        stopped = " (stopped at the timeout)" if slowest.status is None else ""
        return [
            "",
            f"slowest: {slowest.case} ({slowest.command}), {slowest.seconds:.1f} s{stopped}",
            f"largest: {largest_run.case} ({largest_run.command}), {largest_run.peak_mb or 0:.0f} MB",
            f"{over} of {len(self.runs)} runs over the budget of {BUDGET_SECONDS:g} s or {BUDGET_MB:g} MB",
        ]


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="worst", description="Time the worst inputs inside the limits.")
    parser.add_argument("only", nargs="*", help="run only the cases whose names contain one of these")
    parser.add_argument("--list", action="store_true", help="list the cases and what each is for")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="seconds before a case is stopped")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write each case's files into DIR/NAME and keep them")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a case is over budget")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    cases = [case for case in CASES if not args.only or any(part in case.name for part in args.only)]
    if args.list:
        for case in cases:
            print(f"{case.name:<42}{case.why}")
        return 0
    memory = "peak RSS by GNU time" if GNU_TIME.exists() else "peak RSS from the child's rusage"
    print(f"budget {BUDGET_SECONDS:g} s and {BUDGET_MB:g} MB per command; fresh processes, stopped after "
          f"{args.timeout:g} s; {memory}")  # fmt: skip
    print()
    print(f"{'case':<42}{'run':<7}{'time':>9}{'memory':>9}   {'':<5}outcome")
    table = Table()
    for case in cases:
        try:
            runs = run_case(case, args.timeout, args.keep)
        except Exception as error:  # a generator broken by a change in the limits: report it, run the rest
            print(f"{case.name:<42}not generated: {type(error).__name__}: {error}", flush=True)
            continue
        for run in runs:
            print(row(run), flush=True)
        table.runs += runs
    print("\n".join(table.worst()))
    return 1 if args.strict and any(run.over for run in table.runs) else 0


if __name__ == "__main__":
    sys.exit(main())

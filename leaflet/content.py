"""Content stage: read a leaflet's YAML and check it, giving a `Leaflet` model.

The YAML is composed into nodes (not constructed into Python objects) so that
every value keeps its line and column; each complaint then says
`FILE:LINE:COLUMN: what is wrong, and what to do`. Nothing here knows about
fonts, paper sizes in points, or drawing.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from . import model as m
from .errors import Location, SourceError, UsageError
from .geometry import DEFAULT_FOLD, DEFAULT_PAPER, DEFAULT_TARGET, FOLDS, PAPERS, TARGETS
from .languages import FONT_FAMILIES, is_language_tag, script_for
from .markup import MarkupError, checked_address, invisible_character, parse_inline, shows_nothing
from .sources import YAML_HIDDEN_BREAKS, folder_of, read_text, refuse_hidden_line_breaks

try:  # the C parser is several times faster and gives the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_SOURCE_BYTES = 1_000_000
MAX_DEPTH = 6
"""Lists of blocks inside blocks (a section in a callout in a section...): a leaflet needs two."""
MAX_TEXT = 25_000
"""Characters of text, aliases expanded: six panels hold about 4,000 at 13 pt and 12,000 at the 8 pt
floor, so twice the most a leaflet can print, and quick to lay out (bench/worst.py)."""
MAX_VALUES = 2_000
"""A leaflet has a few hundred values (the IPT leaflet 169); aliases (*name) that repeat lists can
make billions, and each value may be a block, a list item or a step the layout sets several times."""
MAX_BODY_SIZE = 24.0
"""Points: a larger body is a poster, not a leaflet."""
MIN_FLOOR = 8.0
"""Points: the smallest floor a source may set (below 11 pt the checks warn that it is small print)."""
MAX_QR_LENGTH = 300
"""Characters; a longer address makes a code too dense to scan from a folded leaflet."""
IMAGE_FORMATS = ("PNG", "JPEG")
MAX_PIXELS = 12_000_000
"""A whole panel at 600 ppi is under 12 megapixels; a larger picture only costs seconds and memory to decode."""
MAX_TOTAL_PIXELS = 18_000_000
"""All the leaflet's different pictures together, the clinic's logo included: six panels' worth at
300 ppi. Each decoded picture costs a press build about 25 MB, and seconds in ReportLab's output."""
MAX_QR_CODES = 12
"""Two per panel: more codes than that are not a leaflet, and each costs milliseconds to encode."""
MAX_PICTURES = 24
"""Picture blocks, four per panel; each is drawn, and in a CMYK build converted, on its own."""
MAX_CLINIC_BOXES = 6
"""One per panel: each carries the clinic's logo, a picture of its own."""


def load(path: Path | str) -> m.Leaflet:
    """Read and check a leaflet source file."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > MAX_SOURCE_BYTES:
        size = path.stat().st_size
        raise SourceError(
            f"{path} is {size / 1e6:.1f} MB; a leaflet source is a few kilobytes of text: is this the right file?"
        )
    return loads(read_text(path, "a leaflet YAML file", MAX_SOURCE_BYTES), path)


def loads(text: str, path: Path | str = "<string>") -> m.Leaflet:
    """Check leaflet YAML given as a string; `path` names it in messages and finds its pictures."""
    path = Path(path)
    reader = _Reader(str(path), folder_of(path))
    root = compose(
        text,
        path,
        document="a leaflet",
        colon_hint='put the text in double quotes, e.g. title: "IPT: a guide"',
        empty="the file {what}; start from the example content.yaml",
    )
    try:
        return reader.leaflet(root, path)
    except RecursionError:
        raise SourceError(
            "the blocks are nested too deeply; a section or callout holds a few blocks", str(path)
        ) from None


def compose(text: str, path: Path, document: str, colon_hint: str, empty: str) -> yaml.Node:
    """YAML text as nodes, which keep their line and column; every way it can fail says where and what to do.

    `document` names the kind of file ("a leaflet"), `colon_hint` says how to write a colon
    inside a value of this kind of file, `empty` what to say of a file with no content (its
    `{what}` becomes "is empty" or "has only comments in it").
    """
    refuse_hidden_line_breaks(text, path, "a YAML file", YAML_HIDDEN_BREAKS)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise SourceError(f"the YAML is nested too deeply to be {document}; check the brackets and indentation",
                          str(path)) from None  # fmt: skip
    except UnicodeEncodeError as error:  # only text handed to loads() can hold half a character
        raise SourceError(f"the text holds an unpaired surrogate (character {error.start + 1}), which is not "
                          "Unicode text; remove it", str(path)) from None  # fmt: skip
    except yaml.MarkedYAMLError as error:
        lines = text.splitlines()
        mark = error.problem_mark or error.context_mark
        if mark and mark.line >= len(lines) and error.context_mark:  # met at the end of the file: say where it began
            mark = error.context_mark
        where = Location(str(path), mark.line + 1, mark.column + 1) if mark else str(path)
        what = error.problem or error.context or "cannot be read"
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        opened = error.context_mark.line if error.context_mark and error.context_mark.line < len(lines) else None
        start = _value_start(lines[opened] if opened is not None else line)  # (a '[' or '{' began on that line)
        if mark and "\t" in line[: mark.column + 1]:
            hint = "YAML cannot be indented with tabs: use spaces"
        elif "mapping values are not allowed" in what:
            what = "a colon and a space inside text that is not in quotes"
            hint = colon_hint
        elif "another document" in what:
            what = f"a '---' line starts a second document, but {document} is one"
            hint = "delete that line and what follows it, or split the file in two"
        elif _COMMENT_IN_TEXT.search(line) or (opened is not None and _COMMENT_IN_TEXT.search(lines[opened])):
            hint = "' #' starts a comment in YAML: put text with a '#' in double quotes"
        elif start[:1] in _QUOTE_FIRST or _LINK_FIRST.match(start):
            shown = start if len(start) <= 40 else start[:37] + "..."
            hint = f"a value that starts with '{start[0]}' must be in double quotes, e.g. \"{shown}\""
        else:
            hint = "check the indentation and quotes here"
        raise SourceError(f"YAML syntax: {what}; {hint}", where) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        where = Location(str(path), before.count("\n") + 1, len(before) - before.rfind("\n"))
        raise SourceError(
            f"the character U+{error.character:04X} cannot appear in a YAML file; delete it "
            "(it often comes from text pasted from another program)",
            where,
        ) from None
    except yaml.YAMLError as error:
        raise SourceError(f"YAML syntax: {error}", str(path)) from None
    if root is None:
        what = "is empty" if not text.strip() else "has only comments in it"
        raise SourceError(empty.format(what=what), str(path))
    _refuse_text_yaml_would_drop(root, text.splitlines(), path)
    return root


_QUOTE_FIRST = frozenset("*&!@`%")
"""Characters YAML reads as syntax at the start of a value: text that starts with one goes in quotes."""
_LINK_FIRST = re.compile(r"\[[^\]]*\]\(")
"""A value that opens with a link, '[label](address) ...', which YAML reads as the start of a list."""


def _value_start(line: str) -> str:
    """The start of the value on a line 'key: value' or '- value', as typed."""
    found = re.match(r"\s*(?:-\s+)*(?:[\w-]+:\s+)?(.*)", line)
    return found.group(1) if found else ""


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "timestamp", "merge", "map", "seq")
)
"""The tags YAML gives plain text, numbers, lists and mappings; any other was written in the file."""
_COMMENT_IN_TEXT = re.compile(r"\s#\S")
"""' #4', ' #closed': a number sign typed as text, which YAML reads as the start of a comment."""


def _refuse_text_yaml_would_drop(root: yaml.Node, lines: list[str], path: Path) -> None:
    """Text that YAML reads but would never print, refused where it is written.

    A word after ' #' on the line of an unquoted value ('room #12 at reception') is a
    comment to YAML, and a value starting with '!' ('!Important read this') a tag: both
    vanish from the leaflet without a word. A comment proper ('# like this') is left alone.
    """
    seen: set[int] = set()
    waiting = [root]
    problems: list[SourceError] = []  # the first in the file is said, whichever the walk meets first
    while waiting:
        node = waiting.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        where = Location(str(path), node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            problems.append(SourceError(
                f"{node.tag.removeprefix('tag:yaml.org,2002:')!r} at the start of this value is a YAML tag, which "
                "would not print; put text that starts with '!' in double quotes",
                where,
            ))  # fmt: skip
        if isinstance(node, yaml.ScalarNode):
            end = node.end_mark
            rest = lines[end.line][end.column :] if end.line < len(lines) else ""
            if not node.style and node.tag.endswith(":str") and _COMMENT_IN_TEXT.match(rest):  # plain: None or ""
                problems.append(SourceError(
                    f"{rest.strip()!r} after the text is read by YAML as a comment, so it would not print; put "
                    "the whole text in double quotes (or, for a comment, write '# ' with a space)",
                    Location(str(path), end.line + 1, end.column + 2),
                ))  # fmt: skip
        elif isinstance(node, yaml.MappingNode):
            waiting += [part for pair in node.value for part in pair]
        else:
            waiting += node.value
    if problems:
        raise min(problems, key=lambda problem: (problem.where.line, problem.where.column))


def mapping_keys(node: yaml.Node) -> set[str]:
    """The keys a YAML mapping is written with (none for anything else): enough to tell one kind of file
    from another before it is read as one."""
    return {key.value for key, _ in node.value} if isinstance(node, yaml.MappingNode) else set()


def nowhere_to_break(panel: str) -> str:
    """Why `break_before` can do nothing on a panel that no other panel follows in its flow."""
    return (
        f"'break_before' asks for a new panel, but panel '{panel}' is the last of its flow, so there is none to "
        f"break to; leave it out, or let '{panel}' continue on the next panel with continues_to"
    )


def load_printer(path: Path | str) -> tuple[float, float]:
    """A printer profile: the duplex offset (mm) measured with the calibration sheet."""
    path = Path(path)
    text = read_text(path, "a printer profile", 64_000)
    root = compose(
        text,
        path,
        document="a printer profile",
        colon_hint='put the name in double quotes, e.g. name: "Ward 3: duplex"',
        empty="the printer profile {what}; write duplex_offset_mm: [X, Y]",
    )
    reader = _Reader(str(path), path.parent)
    keys = mapping_keys(root)
    if keys & {"clinic", "leaflet"}:
        kind = "a leaflet" if "leaflet" in keys else "a clinic file: give it with --clinic"
        raise reader.fail(root, f"this is {kind}, not a printer profile (duplex_offset_mm: [X, Y])")
    found = reader.mapping(root, "the printer profile", ("duplex_offset_mm",), ("name",))
    pair = found["duplex_offset_mm"]
    values = reader.sequence(pair, "'duplex_offset_mm'")
    if len(values) != 2:
        commas = " (write decimals with a point: [1.5, -0.5], not [1,5, -0,5])" if len(values) == 4 else ""
        raise reader.fail(pair, f"'duplex_offset_mm' is two numbers, [X, Y], in millimetres{commas}")
    x, y = (reader.number(v, "a duplex offset", -10, 10) for v in values)
    return (x, y)


class _Reader:
    """Walks composed YAML nodes, turning them into model objects or errors."""

    def __init__(self, path: str, folder: Path, folder_name: str = "the leaflet's folder") -> None:
        self.path = path
        self.folder = folder
        self.folder_name = folder_name
        """How messages name `folder`, where pictures must stay."""
        self.reading: set[int] = set()
        """Lists of blocks being read now, to refuse an alias that makes one contain itself."""
        self.visits = 0
        self.characters = 0
        self.counts: Counter[str] = Counter()
        """Blocks of each costly kind read so far (QR codes, pictures, clinic boxes), held to their limits."""
        self.pictures: dict[Path, tuple[int, int]] = {}
        """Each picture file checked so far, and its size in pixels."""

    # -- locations and errors -------------------------------------------------

    def visit(self, node: yaml.Node) -> None:
        """Count values read, so that aliases repeating lists cannot make the tool work for ever."""
        self.visits += 1
        if self.visits > MAX_VALUES:
            raise self.fail(
                node,
                f"the file holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded; "
                "a leaflet needs a few hundred: remove the aliases",
            )

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def count(self, node: yaml.Node, kind: str, limit: int, need: str) -> None:
        """One more block of a kind whose number is limited; refused at the one past the limit."""
        self.counts[kind] += 1
        if self.counts[kind] > limit:
            raise self.fail(node, f"more than {limit} {kind}; {need}: remove some")

    def fail(self, node: yaml.Node, message: str) -> SourceError:
        return SourceError(message, self.where(node))

    # -- generic shapes -------------------------------------------------------

    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node]:
        """The keys of a mapping, refusing unknown, duplicate and missing ones."""
        self.visit(node)
        if not isinstance(node, yaml.MappingNode):
            keys = ", ".join(required + optional)
            raise self.fail(node, f"{what} must be a mapping with the keys: {keys}")
        allowed = required + optional
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"a key in {what}")
            if key in found:
                raise self.fail(key_node, f"'{key}' appears twice in {what}; keep one")
            if key not in allowed:
                raise self.fail(key_node, f"unknown key '{key}' in {what}{_did_you_mean(key, allowed)}")
            found[key] = value_node
        missing = [key for key in required if key not in found]
        if missing:
            raise self.fail(node, f"{what} needs the key '{missing[0]}'")
        return found

    def scalar(self, node: yaml.Node, what: str) -> str:
        self.visit(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        return node.value

    def string(self, node: yaml.Node, what: str, composed: bool = True) -> str:
        """A text value, in Unicode's composed form (NFC) unless it names a file.

        Text copied on a Mac often spells 'ö' as 'o' and a combining diaeresis; the fonts place
        such marks only in the scripts that are shaped, so a Latin 'ö' would print with its dots
        beside the letter. The composed form is the same text, and prints as one letter.
        """
        value = self.scalar(node, what)
        if node.tag.endswith(":null"):  # '~' or 'null': YAML's "no value", which would print as '~'
            raise self.fail(node, f"{what} has no value ({value or 'nothing'} in YAML means none); give it some text")
        if shows_nothing(value):
            empty = "is empty" if not value.strip() else "holds only invisible characters"
            raise self.fail(node, f"{what} {empty}; give it some text")
        problem = invisible_character(value)
        if problem:  # the title, the author, a clinic's name: text as much as a paragraph is
            raise self.fail(node, f"{what}: {problem}")
        return unicodedata.normalize("NFC", value) if composed else value

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float:
        value = self.scalar(node, what)
        try:
            number = float(value)
        except ValueError:
            raise self.fail(node, f"{what} must be a number, not {value!r}") from None
        if not low <= number <= high:
            raise self.fail(node, f"{what} must be between {low:g} and {high:g}, not {number:g}")
        return number

    def date(self, node: yaml.Node, what: str) -> datetime.date:
        value = self.scalar(node, what)
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.fail(node, f"{what} must be a date written YYYY-MM-DD, e.g. 2027-06-30, not {value!r}") from None

    def setting(self, found: dict[str, yaml.Node], key: str, choices: tuple[str, ...], default: str) -> str:
        """A printing setting (paper, fold, target) in any case, as on the command line, or the default."""
        return self.choice(found[key], f"'{key}'", choices, any_case=True) if key in found else default

    def choice(self, node: yaml.Node, what: str, choices: tuple[str, ...], any_case: bool = False) -> str:
        value = self.scalar(node, what)
        if any_case:  # 'A4' as on the command line, where --paper A4 is read as a4
            value = value.lower()
        if value not in choices:
            raise self.fail(
                node, f"{what} must be one of {', '.join(choices)}, not {value!r}{_did_you_mean(value, choices)}"
            )
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self.visit(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list (lines starting with '- ')")
        if not node.value:
            raise self.fail(node, f"{what} is an empty list; give at least one entry")
        return node.value

    def text(self, node: yaml.Node, what: str) -> m.Text:
        source = self.string(node, what)
        self.characters += len(source)
        if self.characters > MAX_TEXT:
            raise self.fail(
                node,
                f"the leaflet's text runs past {MAX_TEXT:,} characters once its aliases (*name) are expanded; "
                "a tri-fold holds a few thousand: remove the aliases or the repeated text",
            )
        try:
            return parse_inline(source)
        except MarkupError as error:
            raise self.fail(node, f"{what}: {error}") from None

    # -- the leaflet ----------------------------------------------------------

    def leaflet(self, root: yaml.Node, path: Path) -> m.Leaflet:
        keys = mapping_keys(root)
        if "clinic" in keys and "leaflet" not in keys:
            raise self.fail(root, "this is a clinic file, not a leaflet: give it with --clinic, after the leaflet")
        if "duplex_offset_mm" in keys and "leaflet" not in keys:
            raise self.fail(root, "this is a printer profile, not a leaflet: give it with --printer, after the leaflet")
        top = self.mapping(
            root, "the leaflet file", ("leaflet", "panels"), ("paper", "fold", "target", "theme", "typography")
        )
        meta = self.mapping(
            top["leaflet"], "'leaflet'", ("id", "title", "language"), ("subject", "author", "review_date")
        )
        leaflet_id = self.scalar(meta["id"], "the leaflet id")
        if not _IDENTIFIER.fullmatch(leaflet_id):
            raise self.fail(
                meta["id"],
                f"the leaflet id {leaflet_id!r} names the PDF: use up to 64 lower-case letters, digits and '-'",
            )
        language = self.string(meta["language"], "the language")
        if not is_language_tag(language):
            raise self.fail(
                meta["language"], f"the language {language!r} is not a language code; write one such as en-GB, pl or ur"
            )
        try:
            script_for(language)
        except UsageError as error:
            raise self.fail(meta["language"], error.message) from None
        return m.Leaflet(
            id=leaflet_id,
            title=self.string(meta["title"], "the title"),
            language=language,
            subject=self.string(meta["subject"], "the subject") if "subject" in meta else "",
            author=self.string(meta["author"], "the author") if "author" in meta else "",
            review_date=self.date(meta["review_date"], "'review_date'") if "review_date" in meta else None,
            paper=self.setting(top, "paper", tuple(PAPERS), DEFAULT_PAPER),
            fold=self.setting(top, "fold", FOLDS, DEFAULT_FOLD),
            target=self.setting(top, "target", tuple(TARGETS), DEFAULT_TARGET),
            theme=self.theme(top["theme"]) if "theme" in top else m.Theme(),
            theme_where={k.value: self.where(v) for k, v in top["theme"].value} if "theme" in top else {},
            typography=self.typography(top["typography"]) if "typography" in top else m.Typography(),
            panels=self.panels(top["panels"]),
            source=path,
        )

    def theme(self, node: yaml.Node) -> m.Theme:
        found = self.mapping(node, "'theme'", (), m.THEME_COLOURS)
        colours = {}
        for key, value in found.items():
            colour = self.scalar(value, f"theme colour '{key}'")
            if not _COLOUR.fullmatch(colour):
                raise self.fail(value, f"theme colour '{key}' must be written #RRGGBB, e.g. \"#005EB8\" (quoted)")
            colours[key] = colour.upper()
        return m.Theme(**colours)

    def typography(self, node: yaml.Node) -> m.Typography:
        found = self.mapping(node, "'typography'", (), ("body_max", "body_min", "font", "hyphenate", "fit"))
        if "fit" in found:
            raise self.fail(
                found["fit"],
                "'fit' is no longer needed: every edition takes one body size, the largest that fits "
                "between body_min and body_max; delete the line",
            )
        font = self.choice(found.pop("font"), "'font'", FONT_FAMILIES) if "font" in found else None
        hyphenate = self.flag(found.pop("hyphenate"), "'hyphenate'") if "hyphenate" in found else False
        sizes = {key: self.number(value, f"'{key}'", MIN_FLOOR, MAX_BODY_SIZE) for key, value in found.items()}
        result = m.Typography(**sizes, font=font, hyphenate=hyphenate)
        if result.body_min > result.body_max:
            raise self.fail(node, "'body_min' is larger than 'body_max'")
        return result

    def panels(self, node: yaml.Node) -> dict[str, m.Panel]:
        found = self.mapping(node, "'panels'", (), m.PANEL_NAMES)
        if not found:
            raise self.fail(node, f"'panels' is empty; give the blocks of at least one of: {', '.join(m.PANEL_NAMES)}")
        panels = {name: self.panel(name, value) for name, value in found.items()}
        for panel in panels.values():
            target = panel.continues_to
            if target is None:
                continue
            order = m.PANEL_NAMES
            if order.index(target) != order.index(panel.name) + 1:
                raise SourceError(
                    f"panel '{panel.name}' can only continue on the panel after it in reading order, not on '{target}'",
                    panel.where,
                )
        for panel in panels.values():
            for block in panel.blocks:
                if block.placement.break_before and panel.continues_to is None:
                    raise SourceError(nowhere_to_break(panel.name), block.where)
        return panels

    def panel(self, name: str, node: yaml.Node) -> m.Panel:
        if isinstance(node, yaml.SequenceNode):  # shorthand: just the blocks
            return m.Panel(name, self.blocks(node, f"panel '{name}'"), where=self.where(node))
        found = self.mapping(node, f"panel '{name}'", ("blocks",), ("continues_to",))
        continues_to = None
        if "continues_to" in found:
            continues_to = self.choice(found["continues_to"], "'continues_to'", m.PANEL_NAMES)
        return m.Panel(name, self.blocks(found["blocks"], f"panel '{name}'"), continues_to, self.where(node))

    def blocks(self, node: yaml.Node, what: str) -> tuple[m.Block, ...]:
        if id(node) in self.reading:  # an alias (*name) pointing back at a list that contains it
            raise self.fail(node, "this list of blocks contains itself through an alias (*name); remove the alias")
        if len(self.reading) >= MAX_DEPTH:
            raise self.fail(node, f"blocks nest more than {MAX_DEPTH} deep here; a section or callout holds a few "
                            "plain blocks")  # fmt: skip
        self.reading.add(id(node))
        try:
            return tuple(self.block(item) for item in self.sequence(node, f"the blocks of {what}"))
        finally:
            self.reading.discard(id(node))

    def block(self, node: yaml.Node) -> m.Block:
        """One 'type: content' entry, with placement options (pin, keep_together...) beside it."""
        kinds = tuple(_BLOCK_READERS)
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise self.fail(node, f"a block is one 'type: content' entry, with type one of: {', '.join(kinds)}")
        key_node, value = node.value[0]
        kind = self.scalar(key_node, "a block type")
        if kind not in _BLOCK_READERS:
            hint = _did_you_mean(kind, kinds)
            if kind in m.PLACEMENT_OPTIONS:
                hint = f"; write the block's type first, then '{kind}' on the line under it"
            raise self.fail(key_node, f"unknown block type '{kind}'{hint}")
        block = _BLOCK_READERS[kind](self, value, self.where(key_node))
        if len(node.value) > 1:
            block = replace(block, placement=self.placement(node.value[1:], kind))
        return block

    def placement(self, pairs: list[tuple[yaml.Node, yaml.Node]], kind: str) -> m.Placement:
        """The options written beside a block's type: each a yes/no flag."""
        found: dict[str, bool] = {}
        for key_node, value_node in pairs:
            key = self.scalar(key_node, "a block option")
            if key in _BLOCK_READERS:
                raise self.fail(key_node, f"a second block type '{key}' in one entry; start it on a new '- ' line")
            if key not in m.PLACEMENT_OPTIONS:
                raise self.fail(
                    key_node, f"unknown option '{key}' for a {kind}{_did_you_mean(key, m.PLACEMENT_OPTIONS)}"
                )
            if key in found:
                raise self.fail(key_node, f"'{key}' appears twice for this {kind}; keep one")
            found[key] = self.flag(value_node, f"'{key}'")
        return m.Placement(**found)

    def flag(self, node: yaml.Node, what: str) -> bool:
        value = self.scalar(node, what).lower()
        if value not in ("true", "false", "yes", "no"):
            raise self.fail(node, f"{what} is true or false, not {value!r}")
        return value in ("true", "yes")

    def body(self, node: yaml.Node, what: str) -> tuple[m.Block, ...]:
        """A body is either one paragraph of text or a list of blocks."""
        if isinstance(node, yaml.ScalarNode):
            return (m.Paragraph(text=self.text(node, what), where=self.where(node)),)
        return self.blocks(node, what)

    # -- blocks, one reader each ----------------------------------------------

    def heading(self, node: yaml.Node, where: Location) -> m.Block:
        if isinstance(node, yaml.ScalarNode):
            return m.Heading(text=self.text(node, "heading"), where=where)
        found = self.mapping(node, "heading", ("text",), ("level",))
        level = self.choice(found["level"], "heading level", ("1", "2", "3")) if "level" in found else "2"
        return m.Heading(text=self.text(found["text"], "heading"), level=int(level), where=where)

    def paragraph(self, node: yaml.Node, where: Location) -> m.Block:
        return m.Paragraph(text=self.text(node, "paragraph"), where=where)

    def bullets(self, node: yaml.Node, where: Location) -> m.Block:
        items = self.sequence(node, "bullets")
        return m.Bullets(items=tuple(self.text(item, "a bullet") for item in items), where=where)

    def section(self, node: yaml.Node, where: Location) -> m.Block:
        found = self.mapping(node, "section", ("heading", "body"))
        return m.Section(
            heading=self.text(found["heading"], "section heading"),
            body=self.body(found["body"], "section body"),
            where=where,
        )

    def steps(self, node: yaml.Node, where: Location) -> m.Block:
        steps = []
        for item in self.sequence(node, "steps"):
            found = self.mapping(item, "a step", ("title", "text"))
            steps.append(m.Step(self.text(found["title"], "step title"), self.text(found["text"], "step text")))
        return m.Steps(steps=tuple(steps), where=where)

    def callout(self, node: yaml.Node, where: Location) -> m.Block:
        found = self.mapping(node, "callout", ("body",), ("heading",))
        heading = self.text(found["heading"], "callout heading") if "heading" in found else None
        return m.Callout(heading=heading, body=self.body(found["body"], "callout body"), where=where)

    def clinic(self, node: yaml.Node, where: Location) -> m.Block:
        """A clinic box: the sample details, and the words around them in the leaflet's language."""
        self.count(node, "clinic boxes", MAX_CLINIC_BOXES, "a leaflet needs one")
        labels_node = None
        if isinstance(node, yaml.MappingNode) and any(key.value == "labels" for key, _ in node.value):
            labels_node = next(value for key, value in node.value if key.value == "labels")
            kept = [(key, value) for key, value in node.value if key.value != "labels"]
            node = yaml.MappingNode(node.tag, kept, node.start_mark, node.end_mark)
        details = self.clinic_details(node)
        if labels_node is None:
            return m.Clinic(details=details, where=where)
        return m.Clinic(details=details, labels=self.clinic_labels(labels_node), where=where)

    def clinic_labels(self, node: yaml.Node) -> tuple[m.Text, ...]:
        """The clinic box's words (heading, telephone...) for a leaflet written in another language than
        English; any left out stay English."""
        found = self.mapping(node, "'labels'", (), tuple(m.CLINIC_LABELS))
        return tuple(
            m.plain_text(self.value(found[key], f"the '{key}' label", 160)) if key in found else m.plain_text(english)
            for key, english in m.CLINIC_LABELS.items()
        )

    def clinic_details(self, node: yaml.Node) -> m.ClinicDetails:
        """A clinic's details, in a leaflet's clinic block or a clinic file: each value checked on its own."""
        found = self.mapping(node, "the clinic", CLINIC_REQUIRED, CLINIC_OPTIONAL)
        name = self.value(found["name"], "'name'", 100)
        lines = found["address"]
        if isinstance(lines, yaml.ScalarNode) and "\n" in lines.value.strip():  # written as a | block: its lines
            address = tuple(line.strip() for line in self.string(lines, "'address'").splitlines() if line.strip())
            if len(address) > MAX_ADDRESS_LINES or any(len(line) > 80 for line in address):
                raise self.fail(lines, "'address' is a postal address: at most 6 lines of at most 80 characters")
        elif isinstance(lines, yaml.ScalarNode):
            address = (self.value(lines, "'address'", 80),)
        else:
            nodes = self.sequence(lines, "'address'")
            if len(nodes) > MAX_ADDRESS_LINES:
                raise self.fail(lines, f"'address' has {len(nodes)} lines; a postal address needs at most 6")
            address = tuple(self.value(line, "an address line", 80) for line in nodes)
        phone = self.value(found["phone"], "'phone'", 40)
        if not _PHONE.fullmatch(phone) or sum(char.isdigit() for char in phone) < 3:
            raise self.fail(
                found["phone"],
                f"'phone' must be a telephone number (digits, spaces, + ( ) - .), not {phone!r}; "
                "put an extension or a second number under 'hours'",
            )
        details = m.ClinicDetails(name, address, phone)
        if "email" in found:
            email = self.value(found["email"], "'email'", 120)
            if not _EMAIL.fullmatch(email):
                raise self.fail(
                    found["email"], f"'email' must be an address such as clinic@example.nhs.uk, not {email!r}"
                )
            details = replace(details, email=email)
        if "website" in found:
            website = self.value(found["website"], "'website'", 200)
            if not _WEBSITE.fullmatch(website):
                raise self.fail(found["website"], f"'website' must be a web address starting https://, not {website!r}")
            details = replace(details, website=website)
        if "hours" in found:
            hours = found["hours"]
            if isinstance(hours, yaml.ScalarNode) and "\n" in hours.value.strip():  # a | block: one line a day
                lines = [" ".join(line.split()) for line in self.string(hours, "'hours'").splitlines() if line.strip()]
                hours = yaml.ScalarNode(hours.tag, "; ".join(lines), hours.start_mark, hours.end_mark, '"')
            details = replace(details, hours=self.value(hours, "'hours'", 120))
        if "logo" in found:
            logo = self.asset(found["logo"])
            pixels = self.picture_size(found["logo"], logo)
            details = replace(details, logo=logo, logo_pixels=pixels, logo_where=self.where(found["logo"]))
        return details

    def value(self, node: yaml.Node, what: str, longest: int) -> str:
        """A value printed as written (never read as markup): one line, no control characters, not too long."""
        text = " ".join(self.string(node, what).split())
        if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn") for char in text):
            raise self.fail(node, f"{what} holds an invisible or control character; type it again as plain text")
        if len(text) > longest:
            raise self.fail(node, f"{what} is {len(text)} characters long; keep it to {longest}")
        return text

    def image(self, node: yaml.Node, where: Location) -> m.Block:
        found = self.mapping(node, "image", ("src", "alt"), ("width_mm",))
        self.count(node, "pictures", MAX_PICTURES, "a leaflet has a few")
        src = self.asset(found["src"])
        width = self.number(found["width_mm"], "'width_mm'", 5, 300) if "width_mm" in found else None
        pixels = self.picture_size(found["src"], src)
        return m.Image(src=src, alt=self.text(found["alt"], "alt text"), pixels=pixels, width_mm=width, where=where)

    def picture_size(self, node: yaml.Node, path: Path) -> tuple[int, int]:
        """Open the picture once to be sure it is a whole PNG or JPEG, and get its size in pixels."""
        import warnings

        from PIL import Image, UnidentifiedImageError  # only leaflets with pictures pay for Pillow

        key = path.resolve()
        if key in self.pictures:  # a logo in every clinic box is read once
            return self.pictures[key]
        too_large = f"{path.name} is too large to be a leaflet picture (more than {MAX_PIXELS // 1_000_000} megapixels"
        try:
            with warnings.catch_warnings():  # Pillow's own bomb warning would print before our message
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(path) as picture:
                    kind, size = picture.format, picture.size
                    if size[0] * size[1] > MAX_PIXELS:  # decoded, it would take gigabytes: refused unread
                        raise self.fail(node, f"{too_large}, {size[0]} x {size[1]}); scale it down to print size")
                    picture.load()
        except Image.DecompressionBombError:
            raise self.fail(node, f"{too_large}); scale it down") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise self.fail(node, f"{path.name} is not a readable picture; export it again as PNG or JPEG") from None
        if kind == "MPO":  # a camera's JPEG with a second frame (a preview or depth map): the first is a JPEG
            kind = "JPEG"
        if kind not in IMAGE_FORMATS:
            raise self.fail(node, f"{path.name} is a {kind} picture; convert it to PNG or JPEG")
        total = sum(w * h for w, h in self.pictures.values()) + size[0] * size[1]
        if total > MAX_TOTAL_PIXELS:
            raise self.fail(
                node,
                f"with {path.name} the leaflet's pictures come to {total / 1e6:.0f} megapixels, more than "
                f"{MAX_TOTAL_PIXELS // 1_000_000}; scale them down to print size (300 ppi is plenty)",
            )
        self.pictures[key] = size
        return size

    def qr(self, node: yaml.Node, where: Location) -> m.Block:
        if isinstance(node, yaml.ScalarNode):
            found = {"url": node}
        else:
            found = self.mapping(node, "qr", ("url",), ("caption", "size_mm"))
        url = self.string(found["url"], "QR code address")
        self.count(node, "QR codes", MAX_QR_CODES, "a leaflet needs one or two")
        if not url.startswith(("https://", "http://")):
            raise self.fail(found["url"], "a QR code address must start with https:// or http://")
        try:
            checked_address(url)  # what a phone opens must not hide anything from the eye (U+202E, NUL)
        except MarkupError as error:
            raise self.fail(found["url"], f"QR code {error}") from None
        if len(url) > MAX_QR_LENGTH:
            raise self.fail(
                found["url"],
                f"a QR code address of {len(url)} characters is too long to scan; keep it under "
                f"{MAX_QR_LENGTH} (a shorter page address, or a link shortener you trust)",
            )
        return m.QRCode(
            url=url,
            caption=self.text(found["caption"], "QR caption") if "caption" in found else None,
            size_mm=self.number(found["size_mm"], "'size_mm'", 15, 80) if "size_mm" in found else 22.0,
            where=where,
        )

    def illustration(self, node: yaml.Node, where: Location) -> m.Block:
        found = self.mapping(node, "illustration", ("name", "alt"), ("height_mm",))
        name = self.choice(found["name"], "illustration name", m.ILLUSTRATION_NAMES)
        height = self.number(found["height_mm"], "'height_mm'", 10, 200) if "height_mm" in found else 70.0
        return m.Illustration(name=name, alt=self.text(found["alt"], "alt text"), height_mm=height, where=where)

    def banner(self, node: yaml.Node, where: Location) -> m.Block:
        if isinstance(node, yaml.ScalarNode):
            return m.Banner(text=self.text(node, "banner"), where=where)
        found = self.mapping(node, "banner", (), ("text", "height_mm", "colour"))
        if "text" not in found and "height_mm" not in found:
            raise self.fail(node, "a banner needs 'text', 'height_mm' or both")
        return m.Banner(
            text=self.text(found["text"], "banner") if "text" in found else None,
            height_mm=self.number(found["height_mm"], "'height_mm'", 1, 200) if "height_mm" in found else None,
            colour=self.choice(found["colour"], "banner colour", m.THEME_COLOURS) if "colour" in found else "accent",
            where=where,
        )

    def spacer(self, node: yaml.Node, where: Location) -> m.Block:
        if isinstance(node, yaml.ScalarNode) and node.value == "fill":
            return m.Spacer(fill=True, where=where)
        return m.Spacer(height_mm=self.number(node, "a spacer ('fill' or a height in mm)", 0.1, 200), where=where)

    def asset(self, node: yaml.Node) -> Path:
        """A file beside the source: it must exist and stay inside the source's folder."""
        relative = self.string(node, "a file path", composed=False)  # a file's name is spelt as on the disk
        folder = self.folder.resolve()
        try:
            path = (folder / relative).resolve()
            inside, exists = path.is_relative_to(folder), path.is_file()
        except RuntimeError:  # a symbolic link that leads back to itself
            looped = f"{relative!r} is a symbolic link that leads round in a loop; give the picture itself"
            raise self.fail(node, looped) from None
        except (OSError, ValueError):
            raise self.fail(node, f"{relative!r} is not a usable file name") from None
        if not inside:
            raise self.fail(node, f"{relative!r} is outside {self.folder_name}; copy the file into it")
        if not exists:
            raise self.fail(node, f"no file {relative!r} next to the leaflet; check the name")
        return path


CLINIC_REQUIRED = ("name", "address", "phone")
CLINIC_OPTIONAL = ("email", "website", "hours", "logo")
MAX_ADDRESS_LINES = 6
_PHONE = re.compile(r"[0-9+()\- .]+")
_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:]+@[^@\s<>\"'()\[\],;:]+\.[A-Za-z]{2,}")
_WEBSITE = re.compile(r"https?://[^\s<>\"'`\\{}|^]+")

_BLOCK_READERS: dict[str, Callable[[_Reader, yaml.Node, Location], m.Block]] = {
    "heading": _Reader.heading,
    "paragraph": _Reader.paragraph,
    "bullets": _Reader.bullets,
    "section": _Reader.section,
    "steps": _Reader.steps,
    "callout": _Reader.callout,
    "clinic": _Reader.clinic,
    "image": _Reader.image,
    "qr": _Reader.qr,
    "illustration": _Reader.illustration,
    "banner": _Reader.banner,
    "spacer": _Reader.spacer,
}


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    import difflib  # only a mistake pays for it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; expected one of: {', '.join(choices)}"

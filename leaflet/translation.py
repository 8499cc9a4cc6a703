"""Content stage: the leaflet's text out to a gettext PO template, and translations back in.

`extract` gives one entry per translatable string in reading order; `translate`
reads a filled-in PO file and gives the same leaflet with every text swapped for
its translation. Both walk the leaflet with one function, `_walk`, so the two
never disagree on what is translatable or what it is called.

`msgctxt` names where a string sits, so that the same English in two places can
be translated apart. I counts every block of its panel (or body) from 0, in YAML
order, spacers too:

    leaflet/title, leaflet/subject          the PDF's title and subject
    PANEL/I.heading, PANEL/I.paragraph      e.g. inside-1/2.paragraph
    PANEL/I.bullets/J                       bullet item J
    PANEL/I.steps/J/title, PANEL/I.steps/J/text
    PANEL/I.section/heading, PANEL/I.section/body/K.KIND...   (a body nests the same way)
    PANEL/I.callout/heading, PANEL/I.callout/body/K.KIND...
    PANEL/I.banner/text, PANEL/I.qr/caption, PANEL/I.image/alt, PANEL/I.illustration/alt

`msgid` is the text exactly as written in the YAML, inline markup included, so
that translators keep the markup. Adding or removing a block renumbers those
after it in its list: their entries then count as missing until the PO file is
merged with a fresh template (msgmerge). Nothing here knows fonts or drawing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from . import model as m
from .content import MAX_TEXT
from .diagnostics import Diagnostic, Location
from .errors import SourceError, TranslationError
from .languages import is_language_tag
from .markup import MarkupError, invisible_character, parse_inline, shows_nothing
from .sources import PO_HIDDEN_BREAKS, read_text, refuse_hidden_line_breaks

PANEL_WORDS = {"front": "Front cover", "flap": "Flap", "back": "Back cover"} | {
    f"inside-{i}": f"Inside panel {i}" for i in (1, 2, 3)
}
_KIND_WORDS = {
    "steps": "numbered steps",
    "bullets": "bullet list",
    "callout": "callout box",
    "clinic": "clinic box",
    "qr": "QR code",
}
_UTF8 = "text/plain; charset=UTF-8"
CLINIC_PLACES = {
    "heading": "heading",
    "telephone": "label printed before the clinic's phone number",
    "email": "label printed before the clinic's email address",
    "website": "label printed before the clinic's web address",
    "hours": "label printed before the clinic's opening hours",
    "sample": "note printed under the sample details until a clinic's own replace them",
}
"""What each clinic label is, for the translator: the clinic's own details are never in the PO file."""
FULL = 0.85
"""A panel this full (or more) has no room for a longer translation."""
_MARKUP_NOTES = {
    (True, True): "Keep **...** (bold) and [label](address) as they are; translate the label, never the address.",
    (True, False): "Keep **...** (bold) as it is; translate the words inside it.",
    (False, True): "Keep [label](address) as it is; translate the label, never the address.",
}
_DRAFT = "--draft builds it anyway, with a DRAFT mark: fuzzy entries are used and missing ones stay in English"
"""Said once after the list of what holds a final edition back."""


@dataclass(frozen=True)
class _Slot:
    """One translatable string: its context, its English, and where it sits."""

    context: str
    text: m.Text
    place: str
    where: Location | None = None
    panel: str | None = None
    printed: bool = True
    markup: bool = True


Visit = Callable[[_Slot], m.Text]
"""Called on every string in reading order; returns the text to put in its place."""


def extract(leaflet: m.Leaflet, room: dict[str, float] | None = None) -> polib.POFile:
    """A PO template of the leaflet's text; `room` (panel name -> fill ratio) adds length advice."""
    po = polib.POFile(wrapwidth=78)
    po.header = (
        f"Translation template for the leaflet {leaflet.title!r} ({leaflet.id}).\n"
        "Copy it to a PO file for your language, set its Language, and fill in every msgstr.\n"
        "The #. notes say where each text is printed and how much room it has."
    )
    po.metadata = {"Project-Id-Version": leaflet.id, "Language": "", "MIME-Version": "1.0", "Content-Type": _UTF8}
    po.metadata |= {"Content-Transfer-Encoding": "8bit", "X-Source-Language": leaflet.language}
    fallback = leaflet.source.name if leaflet.source else None

    def add(slot: _Slot) -> m.Text:
        name = Path(slot.where.path).name if slot.where else fallback
        occurrences = [(name, str(slot.where.line) if slot.where else "")] if name else []
        comment = _comment(slot, room)
        po.append(polib.POEntry(msgctxt=slot.context, msgid=slot.text.source, comment=comment, occurrences=occurrences))
        return slot.text

    _walk(leaflet, add)
    return po


def write_po(po: polib.POFile, path: Path) -> None:
    """Save a PO file or template, making its folder if need be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    except OSError as error:
        raise SourceError(f"cannot write {path}: {error.strerror or error}; choose a folder you can write to") from None


def translate(leaflet: m.Leaflet, po_path: Path, draft: bool = False) -> tuple[m.Leaflet, list[Diagnostic]]:
    """The leaflet with its text from a PO file, and warnings.

    Missing, fuzzy and obsolete entries make a `TranslationError` unless `draft`, when
    fuzzy translations are used and missing ones stay in English. A translation whose text
    runs past `content.MAX_TEXT` characters is a `SourceError` at the entry that takes it there.
    """
    po = _read_po(po_path)
    translator = _Translator(po, po_path, draft)
    translated = _located(_walk(leaflet, translator), translator.entry_lines)
    translator.finish(leaflet.id)
    if translator.problems:
        raise TranslationError(sorted(translator.problems, key=_po_line), hint=_DRAFT)
    language = po.metadata.get("Language", "").strip()
    if language:  # gettext writes pt_BR, sr@latin or a locale's pt_BR.UTF-8; the leaflet wants BCP 47, pt-BR
        tag = language.split("@")[0].split(".")[0].replace("_", "-")
        if not is_language_tag(tag):
            raise SourceError(
                f"the header's Language {language!r} is not a language code; write one such as pl or pt_BR",
                header_line(po_path, "Language"),
            )
        translated = replace(translated, language=tag)
    else:  # the language picks the text direction and the PDF's /Lang: worth saying
        message = f"no Language in its header; the leaflet stays {leaflet.language!r}"
        translator.warnings.append(Diagnostic("warning", "no-language", message, str(po_path)))
    return translated, translator.warnings


# -- walking the leaflet ------------------------------------------------------


def _walk(leaflet: m.Leaflet, visit: Visit) -> m.Leaflet:
    """Visit every string in reading order and rebuild the leaflet from what `visit` returns."""
    info = "the PDF's {}, shown by PDF readers (not printed)"
    place = "Leaflet title: " + info.format("title")
    title = visit(_Slot("leaflet/title", _plain(leaflet.title), place, printed=False, markup=False)).source
    subject = leaflet.subject
    if subject:
        place = "Leaflet subject: " + info.format("description")
        subject = visit(_Slot("leaflet/subject", _plain(subject), place, printed=False, markup=False)).source
    panels = {}
    for name in m.PANEL_NAMES:  # reading order, whatever order the YAML has them in
        if name in leaflet.panels:
            panel = leaflet.panels[name]
            panels[name] = replace(panel, blocks=_blocks(panel.blocks, name, PANEL_WORDS[name], name, visit))
    return replace(leaflet, title=title, subject=subject, panels={name: panels[name] for name in leaflet.panels})


def _blocks(blocks: tuple[m.Block, ...], path: str, words: str, panel: str, visit: Visit) -> tuple[m.Block, ...]:
    """Visit a list of blocks; 'paragraph 2 of 3' counts only the blocks of a kind that have text."""
    totals = Counter(block.kind for block in blocks if m.block_texts(block))
    seen: Counter[str] = Counter()
    result = []
    for index, block in enumerate(blocks):
        seen[block.kind] += 1 if m.block_texts(block) else 0
        name = _KIND_WORDS.get(block.kind, block.kind)
        if totals[block.kind] > 1:
            name += f" {seen[block.kind]} of {totals[block.kind]}"
        result.append(_block(block, f"{path}/{index}.{block.kind}", f"{words}, {name}", panel, visit))
    return tuple(result)


def _block(block: m.Block, path: str, words: str, panel: str, visit: Visit) -> m.Block:
    """Visit one block's strings and rebuild it (keyword arguments are evaluated in reading order)."""

    def slot(suffix: str, text: m.Text, detail: str = "", printed: bool = True) -> m.Text:
        return visit(_Slot(path + suffix, text, words + detail, block.where, panel, printed))

    def step(j: int, n: int, s: m.Step) -> m.Step:
        return replace(
            s,
            title=slot(f"/{j}/title", s.title, f", step {j + 1} of {n}, title"),
            body=slot(f"/{j}/text", s.body, f", step {j + 1} of {n}, text"),
        )

    match block:
        case m.Heading() | m.Paragraph():
            return replace(block, text=slot("", block.text))
        case m.Bullets(items=items):
            n = len(items)
            return replace(block, items=tuple(slot(f"/{j}", t, f", item {j + 1} of {n}") for j, t in enumerate(items)))
        case m.Steps(steps=steps):
            return replace(block, steps=tuple(step(j, len(steps), s) for j, s in enumerate(steps)))
        case m.Section() | m.Callout():
            heading = slot("/heading", block.heading, ", heading") if block.heading else None
            return replace(block, heading=heading, body=_blocks(block.body, path + "/body", words, panel, visit))
        case m.Clinic():
            labels = tuple(
                slot(f"/{key}", label, f", {CLINIC_PLACES[key]}")
                for key, label in zip(m.CLINIC_LABELS, block.labels, strict=True)
            )
            return replace(block, labels=labels)
        case m.Image() | m.Illustration():
            return replace(block, alt=slot("/alt", block.alt, ", description for screen readers (not printed)", False))
        case m.QRCode(caption=caption) if caption:
            return replace(block, caption=slot("/caption", caption, ", caption"))
        case m.Banner(text=text) if text:
            return replace(block, text=slot("/text", text, " title"))
    return block


def _located(leaflet: m.Leaflet, entry_lines: dict[Location, Location]) -> m.Leaflet:
    """The blocks with where their translation is, so that a layout problem can name the PO line."""

    def located(block: m.Block) -> m.Block:
        if isinstance(block, (m.Section, m.Callout)):
            block = replace(block, body=tuple(located(b) for b in block.body))
        return replace(block, translation=entry_lines[block.where]) if block.where in entry_lines else block

    panels = {
        name: replace(panel, blocks=tuple(located(block) for block in panel.blocks))
        for name, panel in leaflet.panels.items()
    }
    return replace(leaflet, panels=panels)


def _plain(source: str) -> m.Text:
    """The PDF's title and subject are never parsed for markup: readers show them as they are."""
    return m.Text(source, (m.Span(source),))


# -- advice for translators ---------------------------------------------------


def _comment(slot: _Slot, room: dict[str, float] | None) -> str:
    """Where the string sits, how much room it has, and what markup to keep."""
    lines = [slot.place]
    if room and slot.printed and slot.panel in room:
        lines.append(_room(room[slot.panel]))
    if slot.markup:
        bold, link = any(s.bold for s in slot.text.spans), any(s.link for s in slot.text.spans)
        lines += [_MARKUP_NOTES[bold, link]] if bold or link else []
    return "\n".join(lines)


def _room(fill: float) -> str:
    """Length advice from how full the English makes the panel (rounded down, to be safe)."""
    full = f"The panel is {fill:.0%} full"
    if fill > 1:
        return f"{full}: the English already overflows, so make the translation shorter than the English"
    if fill >= FULL:
        return f"{full}: keep the translation close to the English length"
    more = min(int((1 / max(fill, 0.01) - 1) * 100) // 5 * 5, 100)
    return f"{full}: room for about {more}% more text"


# -- reading translations -----------------------------------------------------


def header_line(po_path: Path, field: str) -> Location | str:
    """Where a PO header field is written, for a message about its value."""
    for number, line in enumerate(read_text(po_path, "a translated PO file").split("\n"), start=1):
        if line.strip().startswith(f'"{field}:'):
            return Location(str(po_path), number, line.index(field) + 1)
    return str(po_path)


def _po_line(problem: Diagnostic) -> tuple[int, str]:
    """Order problems by their PO line; those about strings with no entry at all come last."""
    return (problem.where.line if isinstance(problem.where, Location) else 10**9, problem.message)


def _read_po(path: Path) -> polib.POFile:
    """Parse a PO file, turning every way it can fail into FILE:LINE and a hint."""
    text = read_text(path, "a translated PO file")
    refuse_hidden_line_breaks(text, path, "a PO file", PO_HIDDEN_BREAKS)
    _check_quotes(text, path)
    try:  # polib reads a string without a line break as a file name: never let it
        po = polib.pofile(text if "\n" in text else text + "\n")
    except (OSError, ValueError) as error:
        found = re.search(r"\(line (\d+)\)(?:: (.*))?", str(error))
        where = Location(str(path), int(found[1]), 1) if found else str(path)
        what = found[2] if found and found[2] else "this line is not PO syntax"
        hint = 'each entry is msgctxt, msgid and msgstr lines, with the text in double quotes; write a " as \\"'
        raise SourceError(f"{what}; {hint}", where) from None
    if not po and not po.metadata:
        raise SourceError("there are no entries in it; start from the template that extract writes", str(path))
    return po


_KEYWORDS = re.compile(r"^(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_ODD_ESCAPE = re.compile(r'(?<!\\)(?:\\\\)*(\\[^ntr"\\])')
"""A backslash escape other than those polib reads (an even run of backslashes before it is literal)."""


def _check_quotes(text: str, path: Path) -> None:
    """Catch unquoted or unterminated strings, which polib would silently read with a letter lost."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        keyword = _KEYWORDS.match(stripped)
        value = keyword.group(2) if keyword else stripped if stripped.startswith('"') else None
        if value is not None and not _STRING.match(value):
            column = len(line) - len(line.lstrip()) + (len(stripped) - len(value)) + 1
            raise SourceError(
                'this text is not one string in double quotes; write it as "text", with a " inside it as \\"',
                Location(str(path), number, column),
            )
        odd = _ODD_ESCAPE.search(value) if value is not None else None
        if odd:  # polib drops the backslash of any other: "1\2 tablets" would print as "12 tablets"
            column = len(line) - len(line.lstrip()) + (len(stripped) - len(value)) + odd.start(1) + 1
            raise SourceError(
                f"'\\{odd.group(1)[1:]}' is not an escape a PO file may hold (\\n, \\t, \\\" and \\\\ are); "
                "to print a backslash write it twice (1\\\\2)",
                Location(str(path), number, column),
            )


class _Translator:
    """The `Visit` for `translate`: looks each string up and notes what it could not use."""

    def __init__(self, po: polib.POFile, po_path: Path, draft: bool) -> None:
        self.po, self.path, self.draft = po, str(po_path), draft
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.entries: dict[str, polib.POEntry] = {}
        self.used: set[str] = set()
        self.english_at: dict[str, str] = {}
        """Each English text of the leaflet, and the place (msgctxt) it is at now."""
        self.entry_lines: dict[Location, Location] = {}
        """Per block (its place in the source), where the first entry translating it is."""
        self.characters = self.english = 0
        """Characters of the edition's text so far, and of the English they stand for (see `spend`)."""
        for entry in po:
            if entry.msgctxt is None and entry.msgid == "" and entry.linenum < 1:
                continue  # the file's own header, which polib lists as an entry when a second one follows
            if entry.msgctxt is None and not entry.obsolete:
                what = 'a second header (msgid "")' if entry.msgid == "" else "entry without msgctxt"
                self.note("no-msgctxt", f"{what} matches no text: delete it", "ignored", entry)
            if entry.obsolete or entry.msgctxt is None:
                continue
            # composed, as the source is read (content._Reader.string): a file saved decomposed still matches
            entry.msgid, entry.msgstr = (
                unicodedata.normalize("NFC", entry.msgid),
                unicodedata.normalize("NFC", entry.msgstr),
            )
            if entry.msgctxt in self.entries:
                first = self.entries[entry.msgctxt].linenum
                message = f"a second entry for {entry.msgctxt!r} (the first is at line {first}); keep one"
                raise SourceError(message, Location(self.path, entry.linenum, 1))
            self.entries[entry.msgctxt] = entry

    def __call__(self, slot: _Slot) -> m.Text:
        entry = self.entries.get(slot.context)
        self.used.add(slot.context)
        self.english_at.setdefault(slot.text.source, slot.context)
        self.spend(slot, entry)
        if entry is None:
            return self.missing(slot, None)
        if entry.msgid != slot.text.source:
            return self.missing(slot, entry, ": the English changed since this was translated")
        if entry.msgid_plural:  # a hand edit: no leaflet text has plural forms to choose between
            raise SourceError(
                f"the entry {slot.context!r} has plural forms (msgid_plural, msgstr[0]...), which a leaflet does "
                "not use: delete msgid_plural and write the translation as one msgstr",
                Location(self.path, entry.linenum, 1),
            )
        if shows_nothing(entry.msgstr):  # empty, or only zero-width characters: nothing would print
            return self.missing(slot, entry)
        text = _checked(entry, slot, Location(self.path, entry.linenum, 1))
        if slot.where is not None:
            self.entry_lines.setdefault(slot.where, Location(self.path, entry.linenum, 1))
        for code, changed in _clinical_changes(slot.text, text):  # a warning: '7pm' may rightly be '19'
            where = Location(self.path, entry.linenum, 1)
            self.warnings.append(Diagnostic("warning", code, f"{slot.context!r}: {changed}", where))
        if entry.fuzzy:
            message = f"fuzzy entry {slot.context!r}: check it, then clear its fuzzy mark"
            self.note("fuzzy-entry", message, "used in this draft", entry)
            return text if self.draft else slot.text
        return text

    def spend(self, slot: _Slot, entry: polib.POEntry | None) -> None:
        """Count the text this string adds to the edition, before parsing it: past `MAX_TEXT` (the
        source's own limit) a translation would take seconds to lay out, so stop at the entry that
        goes over. A translation counts whether or not this edition may use it; the English counts
        where there is none."""
        translated = entry is not None and entry.msgid == slot.text.source and entry.msgstr.strip()
        self.characters += len(entry.msgstr if entry is not None and translated else slot.text.source)
        self.english += len(slot.text.source)
        if self.characters <= MAX_TEXT:
            return
        where = Location(self.path, entry.linenum, 1) if entry is not None else self.path
        raise SourceError(
            f"with {slot.context!r} the translation's text runs past {MAX_TEXT:,} characters, the limit for a "
            f"leaflet ({self.characters:,} so far, where the English has {self.english:,}); a translation much "
            "longer than its English is probably wrong (pasted twice, or the wrong text): check this entry. "
            "A leaflet that really needs more text should be split into two",
            where,
        )

    def missing(self, slot: _Slot, entry: polib.POEntry | None, why: str = "") -> m.Text:
        source = f" ({Path(slot.where.path).name}:{slot.where.line})" if slot.where else ""
        message = f"missing translation for {slot.context!r}{source}{why}"
        self.note("missing-translation", message, "the English is printed instead", entry)
        return slot.text

    def note(self, code: str, problem: str, done: str, entry: polib.POEntry | None) -> None:
        """A problem blocks a final edition; in a draft it is a warning saying what was done.

        It is located at its PO entry; a string with no entry at all is said without a place.
        """
        where = Location(self.path, entry.linenum, 1) if entry is not None else None
        if self.draft:
            self.warnings.append(Diagnostic("warning", code, f"{problem}; {done}", where))
        else:
            self.problems.append(Diagnostic("error", code, problem, where))

    def finish(self, leaflet_id: str) -> None:
        """After the walk: obsolete entries, entries matching nothing, a PO made for another leaflet."""
        for entry in self.po.obsolete_entries():
            name = entry.msgctxt or entry.msgid
            self.note("obsolete-entry", f"obsolete entry {name!r}: delete it", "ignored", entry)
        for context, entry in self.entries.items():
            if context in self.used:
                continue
            moved_to = self.english_at.get(entry.msgid)
            if moved_to:  # blocks were added or moved: the translation is good, only its place changed
                stale = (
                    f"entry {context!r} matches no text here, but its English is now at {moved_to!r}: blocks were "
                    "added or moved. Update this file from a new template ('leaflet extract', then msgmerge), "
                    "which keeps its translations, marked fuzzy for a check"
                )
            else:
                stale = f"entry {context!r} matches no text (a stale entry): delete it"
            self.note("stale-entry", stale, "ignored", entry)
        made_for = self.po.metadata.get("Project-Id-Version", "")
        if made_for and made_for != leaflet_id:
            message = f"this PO file was made for {made_for!r}, not {leaflet_id!r}"
            self.warnings.append(Diagnostic("warning", "other-leaflet", message, self.path))


def _numbers(text: str) -> Counter[str]:
    """The numbers a text holds, in any script's digits (١٦ is 16), however they are ordered."""
    digits = "".join(str(unicodedata.decimal(char, "")) if char.isdecimal() else " " for char in text)
    return Counter(digits.split())


def _looks_like_an_address(label: str) -> bool:
    """A link label a patient reads to type or dial: a web or mail address, or a number."""
    return any(char.isdecimal() for char in label) or "." in label or "@" in label


def _clinical_changes(english: m.Text, translation: m.Text) -> list[tuple[str, str]]:
    """What a translation may not change and the markup check does not see: the numbers (a dose, a count,
    a phone number) and a link's printed address (in capitals or not). Each is (code, what changed)."""
    changes = []
    said, written = _numbers(english.plain), _numbers(translation.plain)
    if said != written:
        before, after = " ".join(sorted(said.elements())), " ".join(sorted(written.elements()))
        changes.append((
            "numbers-differ",
            f"the numbers differ from the English ({before or 'none'} in English, {after or 'none'} here); a dose, "
            "a count or a phone number must print as in the English: check it (a time in another clock is fine)",
        ))  # fmt: skip
    printed = {span.link: span.text for span in translation.spans if span.link}
    for span in english.spans:
        shown = printed.get(span.link, span.text) if span.link else span.text
        if span.link and _looks_like_an_address(span.text) and shown.casefold() != span.text.casefold():
            changes.append((
                "address-differs",
                f"the link to {span.link} prints {shown!r}, where the English prints {span.text!r}; "
                "an address a patient types or dials must print as in the English: check it",
            ))  # fmt: skip
    return changes


def _checked(entry: polib.POEntry, slot: _Slot, where: Location) -> m.Text:
    """The translation parsed, or a SourceError if its markup is broken or differs from the English's."""
    msgstr = entry.msgstr
    if not slot.markup:  # the PDF's title and subject: shown as they are, so held to the same characters
        if problem := invisible_character(msgstr):
            raise SourceError(f"the translation of {slot.context!r}: {problem}", where)
        return _plain(msgstr)
    try:
        text = parse_inline(msgstr)
    except MarkupError as error:
        raise SourceError(f"the translation of {slot.context!r}: {error}", where) from None
    if problem := _markup_difference(slot.text, text):
        raise SourceError(f"the translation of {slot.context!r}: {problem}", where)
    return text


def _markup_difference(english: m.Text, translation: m.Text) -> str:
    """What a translation changed in the English's links or bold, and how to fix it; '' if nothing.

    Links are compared as a multiset, since word order may move them about.
    """
    wanted = Counter(s.link for s in english.spans if s.link)
    got = Counter(s.link for s in translation.spans if s.link)
    lost, added = list(wanted - got), list(got - wanted)
    if lost:
        instead = f"; the translation links to {added[0]} instead" if added else ""
        return f"the English has the link {lost[0]}{instead}; keep [label]({lost[0]}) with the same address"
    if added:
        return f"the link {added[0]} is not in the English; link only where the English does, to the same address"
    bold, bold_got = _bold_parts(english), _bold_parts(translation)
    if bold != bold_got:
        return f"the English has {bold} bold part(s) (**...**), the translation {bold_got}; make the same words bold"
    return ""


def _bold_parts(text: m.Text) -> int:
    """How many separate bold runs a text has (a bold link next to bold words is one run)."""
    flags = [False] + [span.bold for span in text.spans]
    return sum(1 for before, now in zip(flags, flags[1:]) if now and not before)

"""The pipeline, top to bottom: content -> layout -> render -> checks -> file.

    leaflet = content.load(source)                   # YAML -> checked model
    layout  = lay_out(leaflet, sheet, fonts)         # model -> positioned items
    pages   = prepare(layout, target, ...)           # + page boxes, bleed, marks
    pdf     = render_pdf(pages, info, fonts)         # items -> PDF bytes
    errors  = preflight(Subject(leaflet, layout...)) # what a print shop would flag
    write_atomically(path, pdf, PDF)                 # only when nothing failed

A failed build raises before the last step, so an existing PDF is never
touched; the file is written beside its final name and renamed into place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__, geometry
from .checks import Subject, preflight
from .content import load
from .diagnostics import Diagnostic, Location, errors
from .errors import LayoutError, SourceError, UsageError
from .languages import direction_for, font_chain, is_language_tag, script_for
from .layout import Layout, lay_out
from .layout.prepress import describe, frame_page, prepare
from .model import Leaflet, picture_files
from .outputs import HTML, PDF, write_atomically
from .render import DocumentInfo, Fonts, render_pdf
from .sources import folder_of
from .units import mm


@dataclass(frozen=True)
class Options:
    """What the command line (or a caller) may change about a build; None keeps the YAML's choice."""

    paper: str | None = None
    fold: str | None = None
    target: str | None = None
    cmyk: bool = False
    duplex_offset_mm: tuple[float, float] = (0.0, 0.0)
    """Moves the inside page right and up, to make up for a printer's duplex misregistration."""
    output: Path | None = None
    lang: str | None = None
    """Build the translated edition in this language, from translations/<lang>.po beside the source."""
    po: Path | None = None
    draft: bool = False
    """Build a translation with missing or unreviewed entries anyway, marked as a draft on every panel."""
    clinic: Path | None = None
    """A clinic file whose details fill the leaflet's clinic block (see `clinic`)."""
    format: str = "pdf"
    """'pdf', or 'html' for the page for screens and websites (`render.html`)."""
    force: bool = False
    """Replace an existing output that is read-only or not of the output's kind (`outputs`)."""
    printer: Path | None = None
    """The printer profile `duplex_offset_mm` was read from: an input, never to be written over."""

    def __post_init__(self) -> None:
        for name, value, choices in (
            ("format", self.format, FORMATS),
            ("paper", self.paper, geometry.PAPERS),
            ("fold", self.fold, geometry.FOLDS),
            ("target", self.target, geometry.TARGETS),
        ):
            if value is not None and value not in choices:
                raise UsageError(f"unknown {name} {value!r}; use one of: {', '.join(choices)}")
        if any(abs(v) > MAX_DUPLEX_OFFSET_MM for v in self.duplex_offset_mm):
            raise UsageError(
                f"a duplex offset of more than {MAX_DUPLEX_OFFSET_MM:g} mm is not a misregistration: "
                "check the printer's paper guides and print the calibration sheet again"
            )


MAX_DUPLEX_OFFSET_MM = 10.0
FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Edition:
    """A leaflet laid out, rendered and checked; the PDF is only written when `errors` is empty."""

    leaflet: Leaflet
    layout: Layout
    target: geometry.Target
    findings: tuple[Diagnostic, ...]
    pdf: bytes
    lang: str | None = None
    """The language code of a translated edition, which names its PDF."""

    @property
    def errors(self) -> list[Diagnostic]:
        return errors(self.findings)


def make(source: Path | str, options: Options = Options()) -> Edition:
    """Run the pipeline in memory, up to and including the checks."""
    leaflet, notes = edition_content(Path(source), options)
    if options.clinic:
        from .clinic import load_clinic, with_clinic  # only a build for a clinic reads a clinic file

        leaflet = with_clinic(leaflet, load_clinic(options.clinic))
    fold = options.fold or leaflet.fold
    sheet = geometry.sheet(options.paper or leaflet.paper, fold, direction_for(leaflet.language))
    target = geometry.TARGETS[options.target or leaflet.target]
    if any(options.duplex_offset_mm) and target.bleeds:
        raise UsageError(
            "a duplex offset makes up for an office printer; a press PDF must stay in register with its "
            "trim and fold marks: leave out --duplex-offset and --printer, or use --target office"
        )
    fonts = Fonts(font_chain(leaflet.language, leaflet.typography.font))
    layout = lay_out(leaflet, sheet, fonts)
    offset = (mm(options.duplex_offset_mm[0]), mm(options.duplex_offset_mm[1]))
    draft = is_draft(options)
    pages = prepare(layout, target, slug_text(leaflet, sheet, target), fonts, offset, draft=draft)
    info = DocumentInfo(
        ("DRAFT - " if draft else "") + leaflet.title,
        leaflet.language,
        leaflet.subject,
        leaflet.author,
        keywords=layout.copyfit.summary() if layout.copyfit else "",
    )
    pdf = render_pdf(pages, info, fonts, cmyk=options.cmyk, press=target.bleeds)
    findings = notes + preflight(Subject(leaflet, layout, fonts, target))
    return Edition(leaflet, layout, target, tuple(findings), pdf, options.lang)


def is_draft(options: Options) -> bool:
    """Whether the edition is marked as a draft: only a translation can be one."""
    return options.draft and bool(options.lang or options.po)


def edition_content(source: Path, options: Options) -> tuple[Leaflet, list[Diagnostic]]:
    """The leaflet's model, translated when a language or PO file is asked for; plus notes on the translation."""
    leaflet = load(source)
    if not (options.lang or options.po):
        return leaflet, []
    po = options.po or folder_of(source) / "translations" / f"{options.lang}.po"
    if options.lang:
        if po.exists() and not is_language_tag(options.lang):  # --all-languages found translations/pt_BR.po
            right = options.lang.replace("_", "-").split(".")[0]
            raise UsageError(
                f"{po.name} is not named with a language code: rename it {right}.po (as pl.po or pt-BR.po are)",
                str(po),
            )
        try:
            script_for(options.lang)  # an unknown language is said first, not after every missing entry
        except UsageError as error:  # the language is the PO file's name (--all-languages): name the file
            raise UsageError(error.message, str(po) if po.exists() else "--lang") from None
    if po.is_symlink() and not po.exists():
        raise UsageError(f"{po} is a symbolic link that leads nowhere, or round in a loop; put the translation there")
    if not po.exists():  # anything else by that name (a folder, a pipe) is said by the reader
        raise UsageError(_no_translation(po, options.lang, leaflet.language))
    folder = source.resolve().parent
    if not options.po and not po.resolve().is_relative_to(folder):  # as strict as for pictures
        raise UsageError(
            f"{po} links to {po.resolve()}, outside the leaflet's folder; copy the translation into "
            "translations/, or name it with --po"
        )

    from .translation import header_line, translate  # polib is only needed for translated editions

    translated, notes = translate(leaflet, po, draft=options.draft)
    if options.lang:
        written = translated.language if translated.language != leaflet.language else None
        if written and not _same_edition(written, options.lang):
            raise SourceError(
                f"this is a translation into {written!r}, not {options.lang!r}: give the right --po or --lang",
                header_line(po, "Language"),
            )
        translated = replace(translated, language=options.lang)
    try:
        script_for(translated.language)
    except UsageError as error:  # the language came from the PO file's header: point at it
        raise SourceError(error.message, header_line(po, "Language")) from None
    from .edition_layout import apply_layout_file, layout_file_for  # only translated editions have one

    layout_file = layout_file_for(po)
    if layout_file and not options.po and not layout_file.resolve().is_relative_to(folder):
        raise UsageError(
            f"{layout_file} links to {layout_file.resolve()}, outside the leaflet's folder; copy the layout "
            "file into translations/"
        )
    if layout_file:  # the designer's choices for this edition only
        translated = apply_layout_file(translated, layout_file)
    return translated, _summarised(notes)


def _no_translation(po: Path, lang: str | None, source_language: str) -> str:
    """Why there is no edition by that name, and the nearest thing there is: the source's own language,
    or a translation whose name differs only in case or region (--lang PL, pl-PL for pl.po)."""
    if lang and lang.lower() == source_language.lower():
        return f"the leaflet itself is written in {source_language}; leave out --lang to build it"
    primary = (lang or "").split("-")[0].lower()
    near = sorted(
        path.stem for path in po.parent.glob("*.po") if lang and path.stem.split("-")[0].lower() == primary
    ) if po.parent.is_dir() else []  # fmt: skip
    if near:
        return f"no translation file {po}; there is {po.parent / (near[0] + '.po')}: use --lang {near[0]}"
    return (
        f"no translation file {po}; make one from the template written by 'leaflet extract', or name another with --po"
    )


def _same_edition(written: str, asked: str) -> bool:
    """Whether a PO file written in `written` makes the edition `asked` for: the same language in the same
    script (a zh-Hans translation is not zh-TW, a Gurmukhi pa is not pa-Arab); a region alone may differ."""
    if written.split("-")[0].lower() != asked.split("-")[0].lower():
        return False
    try:
        return script_for(written).code == script_for(asked).code
    except UsageError:  # a language no edition is set in: said where the header is read
        return True


def _summarised(notes: list[Diagnostic]) -> list[Diagnostic]:
    """A draft's notes with its fuzzy entries counted in one line, not one line each (a demo has dozens)."""

    def counted(note: Diagnostic) -> bool:
        return note.code == "fuzzy-entry" and isinstance(note.where, Location)

    places = [note.where for note in notes if counted(note) and isinstance(note.where, Location)]
    if len(places) <= 3:
        return notes
    lines = ", ".join(str(place.line) for place in places)
    message = (
        f"{len(places)} fuzzy entries (lines {lines}) used in this draft: have them reviewed, "
        "then clear their fuzzy marks"
    )
    summary = Diagnostic("warning", "fuzzy-entry", message, places[0].path)
    return [note for note in notes if not counted(note)] + [summary]


def slug_text(leaflet: Leaflet, sheet: geometry.Sheet, target: geometry.Target) -> str:
    """What the slug line says: enough to tell editions apart, and no date, so builds stay identical."""
    return f"{leaflet.id} | {leaflet.language} | {describe(sheet, target)} | leaflet {__version__}"


def build(source: Path | str, options: Options = Options()) -> tuple[Edition, Path]:
    """Make the leaflet and write its PDF; raise `LayoutError` (writing nothing) if a check fails."""
    edition = make(source, options)
    if edition.errors:
        raise LayoutError(edition.errors)
    path = options.output or default_output(source, edition.leaflet, options)
    inputs = edition_inputs(Path(source), options, edition.leaflet)
    if options.format == "html":
        from .render.html import render_html  # only an HTML edition needs it

        page = render_html(edition.leaflet, draft=is_draft(options))
        write_atomically(path, page.encode("utf-8"), HTML, inputs, options.force)
    else:
        write_atomically(path, edition.pdf, PDF, inputs, options.force)
    return edition, path


def _name_part(name: str) -> str:
    """A file's name as one part of an output name: its dots would read as more parts."""
    return name.replace(".", "-") or "unnamed"


def edition_inputs(source: Path, options: Options, leaflet: Leaflet | None = None) -> tuple[Path | None, ...]:
    """The files an edition is made from, which its output must never replace, not even with
    --force: the source, the translation and its layout file, the clinic and printer files, and
    the pictures the leaflet prints (given the leaflet)."""
    files = [source, options.clinic, options.printer, *(picture_files(leaflet) if leaflet else ())]
    po = options.po or (folder_of(source) / "translations" / f"{options.lang}.po" if options.lang else None)
    if po is not None:
        from .edition_layout import layout_path  # only translated editions have one

        files += [po, layout_path(po)]
    return tuple(files)


def calibrate(options: Options = Options()) -> Path:
    """Write the duplex calibration sheet for a paper and fold; return its path."""
    from .layout.calibration import calibration_pages  # only the calibrate command draws this sheet

    sheet = geometry.sheet(options.paper or geometry.DEFAULT_PAPER, options.fold or geometry.DEFAULT_FOLD)
    fonts = Fonts()
    office = geometry.TARGETS["office"]  # the sheet is for calibrating an office printer, whatever the default
    outside, inside = calibration_pages(sheet, fonts, options.duplex_offset_mm)
    offset = (mm(options.duplex_offset_mm[0]), mm(options.duplex_offset_mm[1]))
    pages = (
        frame_page(sheet.pages[0], sheet, office, outside, "", fonts),
        frame_page(sheet.pages[1], sheet, office, inside, "", fonts, offset),
    )
    info = DocumentInfo(f"Duplex calibration sheet ({sheet.paper.name.upper()})", "en")
    path = options.output or Path("output") / calibration_name(sheet, options.duplex_offset_mm)
    write_atomically(path, render_pdf(pages, info, fonts), PDF, (options.printer,), options.force)
    return path


def calibration_name(sheet: geometry.Sheet, offset_mm: tuple[float, float]) -> str:
    """'calibration-a4.pdf', with a part for a fold other than the default and for an offset applied:
    a sheet printed to check an offset must not replace the plain one it was measured from."""
    parts = [f"calibration-{sheet.paper.name}"]
    if sheet.fold != geometry.DEFAULT_FOLD:
        parts.append(f"{sheet.fold}-fold")
    if any(offset_mm):
        parts.append(f"offset-x{offset_mm[0]:+g}-y{offset_mm[1]:+g}")
    return ".".join(parts) + ".pdf"


def default_output(source: Path | str, leaflet: Leaflet, options: Options = Options()) -> Path:
    """`output/<leaflet id>.pdf` beside the source, with a part for each way the edition differs
    from the source's own: `ipt-leaflet.pl.riverside.letter.press.cmyk.draft.pdf`. Every variant
    gets a name of its own, so building one never overwrites another."""
    return Path(source).resolve().parent / "output" / output_name(leaflet.id, options, leaflet)


def output_name(leaflet_id: str, options: Options, leaflet: Leaflet | None = None) -> str:
    """The PDF's file name for these options: the id, then a part for each way the edition differs.

    The language is a tag (--lang) or 'po-' and the PO file's name; the clinic is 'clinic-' and
    its file's name. The marks keep a name a user chose from reading as another part: a clinic
    file called cy.yaml or letter.yaml must not give the name of the Welsh or the Letter edition,
    which would then replace it.
    """
    lang = options.lang or (f"po-{_name_part(options.po.stem)}" if options.po else None)
    parts = [leaflet_id, lang, f"clinic-{_name_part(options.clinic.stem)}" if options.clinic else None]
    if options.paper and (leaflet is None or options.paper != leaflet.paper):
        parts.append(options.paper)
    if options.fold and (leaflet is None or options.fold != leaflet.fold):
        parts.append(f"{options.fold}-fold")
    if options.target and (leaflet is None or options.target != leaflet.target):
        parts.append(options.target)
    parts += ["cmyk" if options.cmyk else None, "draft" if options.draft and lang else None]
    return ".".join(part for part in parts if part) + f".{options.format}"

"""The `leaflet` command: build, check and preview a tri-fold leaflet.

Exit codes: 0 fine; 1 the content does not make a good leaflet (overflow,
contrast...); 2 the input or the command line cannot be used. Problems are
one line each on stderr, never a traceback (unless `--debug`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from . import __version__, geometry
from .diagnostics import Diagnostic
from .errors import EXIT_BAD_INPUT, EXIT_BAD_LEAFLET, EXIT_OK, LayoutError, LeafletError, UsageError
from .languages import is_language_tag

if TYPE_CHECKING:
    from .build import Edition, Options

# The pipeline (build, content, layout, render, checks) is imported by the commands that run it,
# after `main` has set the collector for a one-shot command (see `_collect_rarely`).

DEFAULT_SOURCE = "content.yaml"
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors are made screen-safe: they quote what was typed, and a
    file name from `leaflet build *.yaml` may hold an escape sequence."""

    def error(self, message: str) -> NoReturn:
        raise _CommandLineMistake(self, screen_safe(message))


class _CommandLineMistake(Exception):
    """A usage error, said by `main`: as argparse says it, and as JSON too when `check --json` was asked for."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser, self.message = parser, message


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="leaflet", description="Print-ready tri-fold leaflets from YAML.")
    top.add_argument("--version", action="version", version=f"leaflet {__version__}")
    top.add_argument("--debug", action="store_true", help="show a traceback when something fails")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, source: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        if source:
            sub.add_argument(
                "source", nargs="?", default=DEFAULT_SOURCE, help=f"leaflet YAML (default {DEFAULT_SOURCE})"
            )
        sub.add_argument(
            "--paper",
            type=str.lower,
            choices=tuple(geometry.PAPERS),
            help="paper size (overrides 'paper:' in the YAML)",
        )
        sub.add_argument("--fold", type=str.lower, choices=geometry.FOLDS, help="roll (letter fold) or z (accordion)")
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return sub

    def printing(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--target", type=str.lower, choices=tuple(geometry.TARGETS), help="office printer (default) or print shop"
        )
        sub.add_argument("--cmyk", action="store_true", help="write colours and pictures in CMYK (for press)")
        duplex(sub)

    def duplex(sub: argparse.ArgumentParser) -> None:
        group = sub.add_mutually_exclusive_group()
        group.add_argument(
            "--duplex-offset",
            type=_offset,
            metavar="X,Y",
            help="move the inside page X mm right and Y mm up (read them off the calibration sheet)",
        )
        group.add_argument("--printer", type=Path, metavar="FILE", help="printer profile with duplex_offset_mm: [X, Y]")

    def forcing(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--force",
            action="store_true",
            help="replace an existing file that is read-only or of another kind (never an input or a folder)",
        )

    def language(sub: argparse.ArgumentParser, batch: bool = False) -> None:
        group = sub.add_mutually_exclusive_group()
        group.add_argument(
            "--lang", metavar="CODE", help="translated edition from translations/CODE.po (pl, ar, zh-Hans...)"
        )
        if batch:
            group.add_argument("--all-languages", action="store_true", help="the source and every translation")
        sub.add_argument("--po", type=Path, metavar="FILE", help="read the translation from this PO file")
        sub.add_argument("--draft", action="store_true", help="build unreviewed translations, marked DRAFT")
        sub.add_argument(
            "--clinic", type=Path, metavar="FILE", help="your clinic's details, from a clinic file (see the README)"
        )

    build_cmd = command("build", "lay out the leaflet and write its PDF")
    build_cmd.add_argument(
        "-o", "--output", type=_output_path, metavar="PDF", help="PDF to write (default output/<id>.pdf)"
    )
    forcing(build_cmd)
    build_cmd.add_argument(
        "--format", type=str.lower, choices=("pdf", "html"), default="pdf", help="pdf (default), or an html page"
    )
    printing(build_cmd)
    language(build_cmd, batch=True)
    check_cmd = command("check", "preflight: lay out every edition and report what a print shop would, writing nothing")
    printing(check_cmd)
    language(check_cmd, batch=True)
    check_cmd.add_argument("--json", action="store_true", help="the same report as JSON")
    preview = command("preview", "write a PNG of each page into output/")
    preview.add_argument(
        "--dpi", type=_dpi, default=110, help=f"resolution of the PNGs, 20 to {MAX_PREVIEW_DPI} (default 110)"
    )
    printing(preview)
    language(preview)
    forcing(preview)
    extract = command("extract", "write the PO template translators start from", source=True)
    extract.add_argument("-o", "--output", type=_output_path, metavar="POT", help="default translations/<id>.pot")
    forcing(extract)
    calibrate = command("calibrate", "write a test sheet to measure a printer's duplex offset", source=False)
    calibrate.add_argument(
        "-o", "--output", type=_output_path, metavar="PDF", help="default output/calibration-<paper>.pdf"
    )
    forcing(calibrate)
    duplex(calibrate)
    serve = commands.add_parser(
        "serve", help="a page in the browser to print leaflets", description="a page in the browser to print leaflets"
    )
    serve.add_argument("folder", nargs="?", default=".", help="the folder that holds the leaflets (default: here)")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return top


ALLOCATIONS_BETWEEN_COLLECTIONS = 50_000
"""For a one-shot command, instead of Python's 700 (see `_collect_rarely`)."""


@contextlib.contextmanager
def _collect_rarely(command: str) -> Iterator[None]:
    """Run a one-shot command with Python's cycle collector run rarely.

    A build makes millions of small objects (runs, lines, boxes) and hardly any reference
    cycles, and the collector, run every 700 allocations, walks ever more of them as a
    build grows: about 4% of a small build, and a third of one at the input limits, where
    it made the time grow faster than the input. Cycles are still collected, every 50,000
    allocations. `leaflet serve` runs for days and keeps Python's own setting; the setting
    is put back for a caller that runs `main` in its own process.
    """
    if command == "serve":
        yield
        return
    before = gc.get_threshold()
    gc.set_threshold(ALLOCATIONS_BETWEEN_COLLECTIONS, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def run() -> NoReturn:
    """The `leaflet` command (and `python -m leaflet`): `main`, then the process ends at once.

    When a command returns, its files are written and closed; what is left is Python
    freeing each of the build's objects and modules one by one, about 20 ms, 8% of a
    build, which the user would wait for to see nothing. So the output is flushed and
    the process leaves with os._exit. Callers that run `main` in their own process
    (the tests, a script) keep their interpreter as it was.
    """
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(status)


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    words = _negative_values(sys.argv[1:] if argv is None else argv)
    try:
        with contextlib.redirect_stderr(err):  # --help and --version print, then exit
            args = parser().parse_args(words)
    except SystemExit as exit:
        return int(exit.code or 0)
    except _CommandLineMistake as mistake:
        mistake.parser.print_usage(err)
        print(f"{mistake.parser.prog}: error: {mistake.message}", file=err)
        if words[:1] == ["check"] and "--json" in words:  # a script reading the JSON gets JSON
            from .report import unmade

            document = unmade("source", (Diagnostic("fatal", "bad-usage", mistake.message, "the command line"),))
            print(f"[{document.to_json()}]" if "--all-languages" in words else document.to_json(), file=out)
        return EXIT_BAD_INPUT
    try:
        with _collect_rarely(args.command):
            return _COMMANDS[args.command](args, out, err)
    except LeafletError as error:
        if args.debug:
            _print_traceback(err)
        for diagnostic in error.diagnostics:
            print(said(diagnostic), file=err)
        if error.hint:
            print(f"hint: {screen_safe(error.hint)}", file=err)
        return error.exit_code
    except BrokenPipeError:  # the reader stopped early (leaflet check | head): nothing more to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so the interpreter's final flush stays quiet
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=err)
        return EXIT_INTERRUPTED
    except OSError as error:  # the system refused a file (a name too long for it, a disk full): not a bug
        if args.debug:
            _print_traceback(err)
        print(said(_os_problem(error).diagnostics[0]), file=err)
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug: say so plainly, keep the traceback for --debug
        if args.debug:
            _print_traceback(err)
        print(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", file=err)
        return EXIT_BAD_INPUT


def _as_leaflet_error(error: LeafletError | OSError) -> LeafletError:
    """A refusal from the system as one of the tool's own, so a report can list its diagnostics."""
    return _os_problem(error) if isinstance(error, OSError) else error


def _os_problem(error: OSError) -> UsageError:
    """What the system said of a file, as a message: the file's name (cut short if long) and why."""
    name = f"'{error.filename}'" if error.filename else "a file"
    return UsageError(f"cannot use {name}: {error.strerror or error}; check the file's name and where it is")


def _print_traceback(err: TextIO) -> None:
    """The traceback `--debug` asks for; `traceback` is imported only then, not by every run."""
    import traceback

    traceback.print_exc(file=err)


def said(diagnostic: Diagnostic) -> str:
    """A diagnostic as one line on the terminal: FILE:LINE:COLUMN first when it has a place in a
    file, as editors and compilers write it; otherwise what kind of line it is."""
    kind = "warning" if diagnostic.severity == "warning" else "error"
    return screen_safe(str(diagnostic) if diagnostic.located else f"{kind}: {diagnostic}")


def _offset(text: str) -> tuple[float, float]:
    """X,Y in millimetres: '1.5,-0.5', or with decimal commas '1,5;-0,5' (a semicolon between the two)."""
    parts = text.replace(",", ".").split(";") if ";" in text else text.split(",")
    try:
        x, y = (float(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not X,Y in millimetres: write 1.5,-0.5 (or with decimal commas 1,5;-0,5)"
        ) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise argparse.ArgumentTypeError(f"{text!r} is not X,Y in millimetres, e.g. 1.5,-0.5")
    return (x, y)


def _negative_values(argv: list[str]) -> list[str]:
    """`--duplex-offset -1.5,0.5` as `--duplex-offset=-1.5,0.5`: argparse takes a value that starts
    with '-' (and is not a plain number) for an option of its own."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] == "--duplex-offset" and arg.startswith("-") and arg[1:2].isdigit():
            joined[-1] = f"--duplex-offset={arg}"
        else:
            joined.append(arg)
    return joined


def _offset_said(options: Options) -> str:
    """The duplex offset applied, said back so that a misread value ('1,5' as X 1, Y 5) shows at once."""
    x, y = options.duplex_offset_mm
    return f", inside page moved X {x:+g} mm, Y {y:+g} mm" if x or y else ""


def _output_path(text: str) -> Path:
    """-o names a file: '' names nothing, and 'folder/' a folder (Path would drop the slash and write a file)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("'' names no file; give the name of the file to write")
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"{text!r} names a folder; give a file name in it, e.g. {text}leaflet.pdf")
    return Path(text)


MAX_PREVIEW_DPI = 400
"""A press sheet (with bleed) at 600 dpi took over 500 MB to render; 400 shows more than any screen."""


def _dpi(text: str) -> float:
    try:
        dpi = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 20 <= dpi <= MAX_PREVIEW_DPI:
        raise argparse.ArgumentTypeError(
            f"{text} dpi is outside 20 to {MAX_PREVIEW_DPI}; 110 suits a screen, 300 a print"
        )
    return dpi


def _duplex_offset(args: argparse.Namespace) -> tuple[float, float]:
    if getattr(args, "printer", None):
        from .content import load_printer

        return load_printer(args.printer)
    return getattr(args, "duplex_offset", None) or (0.0, 0.0)


def _options(args: argparse.Namespace) -> Options:
    lang = getattr(args, "lang", None)
    if lang is not None and not lang.strip():
        raise UsageError("--lang '' names no language; give a code such as pl or ur, or leave --lang out")
    if lang is not None and not is_language_tag(lang):
        raise UsageError(f"--lang: the language {lang!r} is not a language code; give one such as pl, ur or zh-Hans")
    if getattr(args, "format", "pdf") == "html":
        printed_only = [flag for flag, given in (
            ("--paper", args.paper), ("--fold", args.fold), ("--target", getattr(args, "target", None)),
            ("--cmyk", getattr(args, "cmyk", False)), ("--duplex-offset", getattr(args, "duplex_offset", None)),
            ("--printer", getattr(args, "printer", None)),
        ) if given]  # fmt: skip
        if printed_only:
            raise UsageError(
                f"{', '.join(printed_only)} only change a printed PDF, and --format html makes a page for "
                "screens: leave them out, or build a PDF"
            )
    translated = lang or getattr(args, "po", None) or getattr(args, "all_languages", False)
    if getattr(args, "draft", False) and not translated:
        raise UsageError(
            "--draft marks an unreviewed translation: add --lang CODE (or --po FILE), or leave --draft out"
        )
    from .build import Options

    return Options(
        paper=args.paper,
        fold=args.fold,
        target=getattr(args, "target", None),
        cmyk=getattr(args, "cmyk", False),
        duplex_offset_mm=_duplex_offset(args),
        output=getattr(args, "output", None),
        lang=getattr(args, "lang", None),
        po=getattr(args, "po", None),
        draft=getattr(args, "draft", False),
        clinic=getattr(args, "clinic", None),
        format=getattr(args, "format", "pdf"),
        force=getattr(args, "force", False),
        printer=getattr(args, "printer", None),
    )


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import build

    if args.all_languages:
        return _build_all(args, out, err)
    options = _options(args)
    edition, path = build(args.source, options)
    what = f"an HTML page in {edition.leaflet.language}" if options.format == "html" else _summary(edition)
    print(f"wrote {_shown(path)}: {what}{_offset_said(options)}", file=out)
    _warnings(edition, out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import make
    from .report import as_text, report, unmade

    source = Path(args.source)
    try:
        if args.all_languages and args.po:
            raise UsageError("--all-languages checks every translation in translations/ itself; leave out --po", "--po")
        options = _options(args)
        if args.all_languages:
            from .batch import languages  # the PO files beside the source, not the worker pool

            editions = [None, *languages(source)]
        else:
            editions = [options.lang]
    except (LeafletError, OSError) as error:  # the command line itself cannot be used: --json still gets JSON
        if not args.json:
            raise
        problem = _as_leaflet_error(error)
        document = unmade(args.lang or "source", problem.diagnostics).to_json()
        print(f"[{document}]" if args.all_languages else document, file=out)
        return error.exit_code
    reports = []
    worst = EXIT_OK
    for lang in editions:
        try:
            reports.append(report(make(source, replace(options, lang=lang)), lang or "source"))
        except (LeafletError, OSError) as error:  # an edition that cannot be made is reported, the others still are
            if len(editions) == 1 and not args.json:
                raise
            problem = _as_leaflet_error(error)
            reports.append(unmade(lang or "source", problem.diagnostics))
            worst = max(worst, problem.exit_code)
    if args.json:
        documents = [r.to_json() for r in reports]  # --all-languages always gives a list, even of one
        print("[" + ",\n".join(documents) + "]" if args.all_languages else documents[0], file=out)
    else:
        text = "\n\n".join(as_text(r) for r in reports)
        print("\n".join(screen_safe(line) for line in text.splitlines()), file=out)
    return worst or (EXIT_OK if all(r.ready for r in reports) else EXIT_BAD_LEAFLET)


def _preview(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import edition_inputs, make, output_name
    from .preview import write_previews  # pypdfium2 is only needed for previews

    options = _options(args)
    edition = make(args.source, options)
    if edition.errors:
        raise LayoutError(edition.errors)
    folder = Path(args.source).resolve().parent / "output"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, where the pictures go into a folder of that name; move the file away")
    stem = output_name(edition.leaflet.id, options, edition.leaflet).removesuffix(".pdf")
    inputs = edition_inputs(Path(args.source), options, edition.leaflet)
    for path in write_previews(edition.pdf, folder, stem, args.dpi, inputs=inputs, force=args.force):
        print(f"wrote {_shown(path)}{_offset_said(options)}", file=out)
    _warnings(edition, out)
    return EXIT_OK


def _build_all(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # worker processes cost start-up time only the batch build should pay
    from .batch import EditionReport, build_all

    if args.output or args.po:
        raise UsageError("--all-languages names every PDF itself; leave out -o and --po")
    source = Path(args.source)

    def progress(report: EditionReport, done: int, total: int) -> None:
        if report.path:
            what = f"wrote {_shown(report.path)}"
        else:
            what = f"FAILED: {screen_safe(report.problems[0].message) if report.problems else 'see above'}"
        print(f"[{done}/{total}] {screen_safe(report.name)}: {what} ({report.seconds:.2f} s)", file=out, flush=True)

    started = time.perf_counter()
    reports = build_all(source, _options(args), progress)
    print(f"\n{'edition':<10} {'pages':>5}  {'body':<12} {'warnings':>8} {'time':>7}  result", file=out)
    for r in reports:
        result = "ok" if not r.exit_code else f"failed ({len(r.problems)} problems)"
        name = screen_safe(r.name)
        print(f"{name:<10} {r.pages:>5}  {r.body:<12} {r.warnings:>8} {r.seconds:>6.2f}s  {result}", file=out)
    print(f"{len(reports)} editions in {time.perf_counter() - started:.2f} s", file=out)
    for report in reports:  # problems on stderr, each starting with its FILE:LINE:COLUMN, as for one edition
        for problem in report.problems:
            print(f"{said(problem)} [{screen_safe(report.name)}]", file=err)
        if report.hint:
            print(f"hint: {screen_safe(report.hint)} [{screen_safe(report.name)}]", file=err)
    return max(r.exit_code for r in reports)


def _extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import make
    from .outputs import TEMPLATE, refuse_to_overwrite, write_atomically
    from .translation import extract  # polib is only needed for translations

    source = Path(args.source)
    edition = make(source, _options(args))
    room = {name: panel.fill_ratio for name, panel in edition.layout.panels.items()}
    path = args.output or source.resolve().parent / "translations" / f"{edition.leaflet.id}.pot"
    refuse_to_overwrite(path, TEMPLATE, (source,), args.force)  # before the work, as a build does after it
    po = extract(edition.leaflet, room)
    write_atomically(path, str(po).encode("utf-8"), TEMPLATE, (source,), args.force)
    print(f"wrote {_shown(path)}: {len(po)} strings to translate", file=out)
    return EXIT_OK


def _calibrate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import calibrate

    path = calibrate(_options(args))
    print(f"wrote {_shown(path)}: print it double-sided, flip on short edge, at 100%,", file=out)
    print("then follow the steps on its inside page", file=out)
    return EXIT_OK


def _summary(edition: Edition) -> str:
    sheet = edition.layout.sheet
    body = edition.layout.copyfit.body if edition.layout.copyfit else 0.0
    return (
        f"{sheet.paper.name.upper()} {sheet.fold}-fold for {edition.target.name}, {len(sheet.pages)} pages, "
        f"body {body:g} pt"
    )


def _warnings(edition: Edition, out: TextIO) -> None:
    for finding in edition.findings:
        if finding.severity == "warning":
            print(screen_safe(f"warning: {finding}"), file=out)


QUOTE_LIMIT = 80
QUOTED = re.compile("(?:^|(?<=[\\s(\\[]))(['\"])((?:(?!\\1)[^\n]){" + str(QUOTE_LIMIT) + ",})\\1(?!\\w)")
"""User text in a message: in single or double quotes (Python quotes a text holding an apostrophe in
double ones), opening after a space or bracket and closing before a non-letter."""


def screen_safe(line: str) -> str:
    """A message line as the terminal shows it: control characters (an escape sequence in a key would
    clear the screen or retitle the window) written as codes, and user text quoted in it cut to
    about 80 characters, so that one bad value cannot fill the screen."""
    line = "".join(f"\\x{ord(char):02x}" if unicodedata.category(char) == "Cc" else char for char in line)
    return QUOTED.sub(_shortened, line)


def _shortened(quoted: re.Match) -> str:
    """Its start and its end, which say most (a file's name, a key's last word), about 80 characters in all."""
    mark, text = quoted.group(1), quoted.group(2)
    if len(text) <= QUOTE_LIMIT + 10:
        return quoted.group(0)
    return f"{mark}{text[:30]}...{text[-(QUOTE_LIMIT - 33) :]}{mark}"


def _shown(path: Path) -> str:
    """A path as the terminal shows it: from here if it is below here, and screen-safe (a file may
    be named with an escape sequence)."""
    try:
        shown = str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return screen_safe(shown)


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .serve import listen, serve  # the web framework only loads for the page

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; give the folder that holds the leaflet YAML files")
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port; use a number from 1 to 65535, e.g. 8000")
    host = args.host or "127.0.0.1"
    listener = listen(host, args.port)
    print(f"open http://{'localhost' if host == '127.0.0.1' else host}:{args.port}/ in your browser; Ctrl-C stops",
          file=out, flush=True)  # fmt: skip
    serve(folder, host, args.port, listener)
    return EXIT_OK


_COMMANDS = {
    "build": _build, "check": _check, "preview": _preview, "extract": _extract, "calibrate": _calibrate, "serve": _serve
}  # fmt: skip

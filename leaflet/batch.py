"""Every edition at once: the source leaflet and each translation beside it, in parallel processes.

Each edition is independent (its own fonts, layout and file), so they are
built in worker processes, one per core; a failing edition is reported and
the others still build. Fonts are loaded per edition, so an edition that does
not use the Chinese font never pays for it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from .build import Options, build
from .diagnostics import Diagnostic
from .errors import EXIT_OK, LeafletError, UsageError
from .sources import folder_of

SOURCE_EDITION = "source"
"""How the untranslated leaflet is named in progress lines and the summary."""


@dataclass(frozen=True)
class EditionReport:
    """How one edition's build went, small enough to send back from a worker."""

    name: str
    path: Path | None
    pages: int
    body: str
    warnings: int
    seconds: float
    exit_code: int
    problems: tuple[Diagnostic, ...] = ()
    hint: str = ""


def languages(source: Path) -> list[str]:
    """The language codes of the PO files in translations/ beside the source."""
    folder = folder_of(source) / "translations"
    if folder.exists() and not folder.is_dir():  # else every translation would be left out without a word
        raise UsageError(f"{folder} is a file, where --all-languages looks for a folder of PO files; move it away")
    return sorted(path.stem for path in folder.glob("*.po")) if folder.is_dir() else []


def build_edition(source: Path, options: Options, lang: str | None) -> EditionReport:
    """Build one edition, turning its failure into a report instead of an exception."""
    started = time.perf_counter()
    name = lang or SOURCE_EDITION
    try:
        edition, path = build(source, replace(options, lang=lang, output=None))
    except LeafletError as error:
        seconds = time.perf_counter() - started
        return EditionReport(name, None, 0, "-", 0, seconds, error.exit_code, error.diagnostics, error.hint)
    body = edition.layout.copyfit.body if edition.layout.copyfit else 0.0
    warnings = sum(1 for f in edition.findings if f.severity == "warning")
    return EditionReport(
        name,
        path,
        len(edition.layout.sheet.pages),
        f"{body:g} pt",
        warnings,
        time.perf_counter() - started,
        EXIT_OK,
    )


def build_all(
    source: Path,
    options: Options,
    on_done: Callable[[EditionReport, int, int], None],
    workers: int | None = None,
) -> list[EditionReport]:
    """Build the source and every translation; call `on_done(report, done, total)` as each finishes."""
    editions: list[str | None] = [None, *languages(source)]
    workers = workers or min(len(editions), os.cpu_count() or 1)
    reports: dict[int, EditionReport] = {}
    # fork shares the parent's imported modules with the workers, so none pays start-up again
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(build_edition, source, options, lang): index for index, lang in enumerate(editions)}
        for future in as_completed(futures):
            reports[futures[future]] = future.result()
            on_done(reports[futures[future]], len(reports), len(editions))
    return [reports[index] for index in sorted(reports)]

"""`make bench`: how much slower is `leaflet build` than the least ReportLab can do?

A user waits for the whole command, start-up included, so the build is timed
as a fresh process and compared with bench/floor.py, a bare ReportLab script
that prints the same text in the same fonts (the floor). The two commands
alternate round by round so that drift on the machine (CPU clocks, other
load, a warming file cache) falls on both alike, and medians keep the odd
slow run from deciding the result. Start-up hides the cost of the pipeline
itself, so a warm in-process `make()` is timed as well, and each command's
peak memory is read once with `/usr/bin/time -v` where that exists.

Translations must not make a leaflet much slower to build (a script with
shaping, a font fallback chain or a longer text is the usual culprit), so every
edition in translations/*.po is timed warm in-process against the source
edition of the same run, round-robin so drift falls on all alike. The
`--all-languages` batch is timed against the sum of the single builds it
replaces. Every target is a ratio to a baseline measured alongside it, since
absolute times on these machines say more about the machine than the code.

A build that fails (the layout code changes under the bench) is reported as
"not measured" or "not built" and the bench goes on with the rest.

Exit status is 0 whatever the figures, so a slow machine does not break
`make bench`; `--strict` turns a missed target into exit status 1 (for CI).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "content.yaml"
TRANSLATIONS = ROOT / "translations"
FLOOR_SCRIPT = ROOT / "bench" / "floor.py"
GNU_TIME = Path("/usr/bin/time")

RATIO_TARGET = 1.0
"""The target: a whole build may cost no more than the floor."""

WARM_TARGET_MS = 60.0
"""The target for a warm in-process build, start-up and imports excluded."""
BATCH_TARGET = 0.6
"""All editions in one parallel build, against the sum of their single builds, on two cores."""
EDITION_TARGET = 2.0
"""A translated edition may take at most this many source editions to build warm."""
BASELINE_DRIFT = 1.5
"""How far the source edition's two warm medians may differ before the ratios are flagged as doubtful."""
EXIT_BAD_LEAFLET = 1
"""`leaflet`'s exit status for content that was laid out and checked but failed a check: the work was done."""


class BuildFailed(Exception):
    """A timed command did not run to the end, so its time means nothing; said on one line, no traceback."""


def first_line(error: BaseException) -> str:
    """The line of an error worth printing: the message's first line, with the type when it is not the tool's own.

    The tool's errors (LayoutError...) speak to the user; anything else is a
    bug in code being edited right now, and its type is half the message.
    """
    from leaflet.errors import LeafletError

    lines = str(error).strip().splitlines()
    text = lines[0] if lines else ""
    if isinstance(error, LeafletError | BuildFailed):
        return text or type(error).__name__
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def stderr_line(stderr: str) -> str:
    """The line of a failed command's stderr that names the failure: the last of a traceback, else the first."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not lines:
        return "(nothing on stderr)"
    return lines[-1] if lines[0].startswith("Traceback") else lines[0]


@dataclass(frozen=True)
class Timings:
    """Wall-clock seconds of repeated runs of one command."""

    seconds: list[float]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.seconds) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.seconds) * 1000


def commands(workdir: Path) -> dict[str, list[str]]:
    """The two commands under test, writing into a scratch folder so output/ is left alone.

    `sys.executable` is the venv's Python when run by `make bench`; the build is
    started as users start it, by the `leaflet` script installed beside it (or
    `python -m leaflet` where there is none).
    """
    script = Path(sys.executable).parent / "leaflet"
    leaflet = [str(script)] if script.is_file() else [sys.executable, "-m", "leaflet"]
    return {
        "floor": [sys.executable, str(FLOOR_SCRIPT), str(SOURCE), str(workdir / "floor.pdf")],
        "build": [*leaflet, "build", str(SOURCE), "-o", str(workdir / "x.pdf")],
    }


def compile_package() -> None:
    """Write the package's bytecode, as `pip install` does for an installed package.

    An editable install (`make`) leaves none, and where PYTHONDONTWRITEBYTECODE is
    set Python never writes it, so every start would compile the sources again:
    tens of milliseconds a user of an installed leaflet never pays.
    """
    compileall.compile_dir(str(ROOT / "leaflet"), quiet=1)


def run(command: Sequence[str], accept: frozenset[int] = frozenset({0})) -> tuple[float, int]:
    """Run a command to completion; return its wall-clock time and exit status.

    A status outside `accept` means the command stopped part-way, which times
    nothing, so it raises BuildFailed for the caller to report and move on.
    """
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in accept:
        shown = " ".join(Path(part).name if os.sep in part else part for part in command)
        raise BuildFailed(f"{shown} exited {done.returncode}: {stderr_line(done.stderr.decode(errors='replace'))}")
    return elapsed, done.returncode


def alternate(cmds: dict[str, list[str]], rounds: int) -> dict[str, Timings]:
    """Time the commands in turn, `rounds` times each, after one untimed run of each.

    The untimed run fills the file cache and writes the .pyc files, which a
    user's second build finds ready too.
    """
    for command in cmds.values():
        run(command)
    seconds: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, command in cmds.items():
            seconds[name].append(run(command)[0])
    return {name: Timings(values) for name, values in seconds.items()}


def time_calls(call: Callable[[], object], calls: int) -> Timings:
    """Time `calls` calls of a function after one warm-up call (fonts parsed, caches filled)."""
    call()
    seconds = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return Timings(seconds)


def warm_build(calls: int) -> Timings:
    """Time `leaflet.build.make` in this process: the pipeline alone, without start-up or imports.

    Imported here, after the child processes have run, so the bench's own
    imports cannot disturb the timed commands. (`leaflet.build` as an
    attribute is the `build` function the package re-exports, hence `from`.)
    """
    from leaflet.build import make

    return time_calls(lambda: make(SOURCE), calls)


SERVE_TARGET = 1.5
"""A PDF from `leaflet serve` may take at most this many warm in-process builds (HTTP and a worker hop)."""


def serve_timings(calls: int) -> Timings:
    """Time PDF requests to a running `leaflet serve`, after one warm-up request, one at a time."""
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory(prefix="leaflet-serve-bench-") as folder:
        shutil.copy(SOURCE, Path(folder) / SOURCE.name)
        shutil.copytree(TRANSLATIONS, Path(folder) / "translations")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "leaflet", "serve", folder, "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise BuildFailed("leaflet serve did not start") from None
                    time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/leaflets/ipt-leaflet.pdf"
            return time_calls(lambda: urllib.request.urlopen(url, timeout=60).read(), calls)
        finally:
            server.terminate()
            server.wait(timeout=10)


def serve_report(requests: Timings | Exception, warm: Timings | Exception) -> tuple[str, bool]:
    if not isinstance(requests, Timings):
        return f"\n{'PDF from leaflet serve':<24}not measured: {first_line(requests)}", False
    line = f"\n{'PDF from leaflet serve':<24}{requests.median_ms:>7.1f} ms median of {len(requests.seconds)} requests"
    if not isinstance(warm, Timings):
        return line, False
    ratio = requests.median_ms / warm.median_ms
    ok = ratio <= SERVE_TARGET
    said = f"\n{'request / warm make()':<24}{f'{ratio:.2f}x':>10}   target <= {SERVE_TARGET:.1f}x   {verdict(ok)}"
    return line + said, ok


def batch_commands(workdir: Path) -> tuple[dict[str, list[str]], list[str]]:
    """One build per edition (the demo translations are drafts), and the one parallel build of them all.

    Both run on a copy of the leaflet and its translations, so output/ is left
    alone: `--all-languages` names its PDFs itself and refuses `-o`. Both sides
    pass `--draft`, so an unreviewed translation is laid out in full on each
    side rather than stopping early on one and not the other.
    """
    from leaflet.batch import languages

    project = workdir / "batch"
    (project / "translations").mkdir(parents=True)
    shutil.copy(SOURCE, project / "content.yaml")
    for path in [*(ROOT / "translations").glob("*.po"), *(ROOT / "translations").glob("*.layout.yaml")]:
        shutil.copy(path, project / "translations" / path.name)  # a layout file too: Tamil needs its own
    source = str(project / "content.yaml")
    build = [sys.executable, "-m", "leaflet", "build", source]
    singles = {"source": [*build, "-o", str(workdir / "single.pdf")]}
    singles |= {
        lang: [*build, "--lang", lang, "--draft", "-o", str(workdir / f"single.{lang}.pdf")]
        for lang in languages(project / "content.yaml")
    }
    return singles, [*build, "--all-languages", "--draft"]


@dataclass(frozen=True)
class Batch:
    """The batch figure: the sum of single builds and the one batch build, and which editions were not written."""

    summed: Timings
    together: Timings
    editions: int
    unwritten: list[str] = field(default_factory=list)


def batch_timings(workdir: Path, rounds: int) -> Batch:
    """Alternate the sum of single builds with the batch build; return both, and the number of editions.

    An edition that fails a check (exit 1, overflow...) was still laid out,
    rendered and checked on both sides, so its time counts; it is named in the
    report, since no PDF was written for it.
    """
    singles, batch = batch_commands(workdir)
    accept = frozenset({0, EXIT_BAD_LEAFLET})
    run(batch, accept)
    summed, together, unwritten = [], [], set()
    for _ in range(rounds):
        total = 0.0
        for name, command in singles.items():
            seconds, status = run(command, accept)
            total += seconds
            if status:
                unwritten.add(name)
        summed.append(total)
        together.append(run(batch, accept)[0])
    return Batch(Timings(summed), Timings(together), len(singles), sorted(unwritten))


@dataclass(frozen=True)
class EditionTiming:
    """One edition's warm builds, or why it could not be built."""

    lang: str | None
    """None for the source edition, the baseline."""
    timings: Timings | None = None
    failure: str | None = None
    errors: int = 0
    """Findings of severity error: the edition was built, but `leaflet build` would not write it."""


def edition_timings(calls: int) -> list[EditionTiming]:
    """Time a warm `make()` of the source edition and of every translation, `calls` rounds, round-robin.

    Every edition is built once first, untimed, so each one's fonts and
    shaping tables are loaded before any is timed; then each round builds
    every edition once, so a slow spell on the machine lands on all of them
    rather than on the few timed during it. The source edition is the
    baseline of every ratio, so it is timed twice a round, first and halfway:
    a busy spell (other work on a two-core machine) then cannot skew all the
    ratios at once by landing on the baseline alone. An edition whose `make()`
    raises is reported by its message and left out of the rounds.
    """
    from leaflet.build import Options, make

    codes: list[str | None] = [None, *sorted(path.stem for path in TRANSLATIONS.glob("*.po"))]
    results: dict[str | None, EditionTiming] = {}
    errors: dict[str | None, int] = {}
    for code in codes:
        try:
            errors[code] = len(make(SOURCE, Options(lang=code)).errors)
        except Exception as error:  # any failure, the layout code is being edited: report it, time the rest
            results[code] = EditionTiming(code, failure=first_line(error))
    seconds: dict[str | None, list[float]] = {code: [] for code in errors}
    translations = [code for code in codes if code is not None]
    half = len(translations) // 2
    order = [None, *translations[:half], None, *translations[half:]]
    for _ in range(calls):
        for code in order:
            if code not in seconds:  # not built in the warm-up, or failed in an earlier round
                continue
            start = time.perf_counter()
            try:
                make(SOURCE, Options(lang=code))
            except Exception as error:
                results[code] = EditionTiming(code, failure=first_line(error))
                del seconds[code]
                continue
            seconds[code].append(time.perf_counter() - start)
    for code, values in seconds.items():
        results[code] = EditionTiming(code, Timings(values), errors=errors[code])
    return [results[code] for code in codes]


def peak_memory_mb(command: Sequence[str]) -> float | None:
    """Peak resident memory of one run of `command`, in MB, or None without GNU time.

    `getrusage(RUSAGE_CHILDREN)` only keeps the largest child so far, so it
    cannot tell two commands apart; GNU time measures just the one it runs.
    """
    if not GNU_TIME.exists():
        return None
    done = subprocess.run(
        [str(GNU_TIME), "-v", *command], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr.decode(errors="replace"))
    return int(found.group(1)) / 1024 if done.returncode == 0 and found else None


def verdict(passed: bool) -> str:
    """A word a reader finds at a glance at the end of a target line."""
    return "PASS" if passed else "FAIL"


def batch_report(batch: Batch) -> tuple[str, bool]:
    """The batch lines of the results, and whether the batch target was met."""
    summed, together = batch.summed, batch.together
    ratio = together.median_ms / summed.median_ms
    passed = ratio <= BATCH_TARGET
    lines = [
        "",
        f"{batch.editions} editions (--draft), {len(summed.seconds)} rounds on {os.cpu_count()} cores:",
        f"{'sum of single builds':<24}{summed.median_ms:>7.0f} ms",
        f"{'--all-languages':<24}{together.median_ms:>7.0f} ms",
        f"{'batch / singles':<24}{f'{ratio:.2f}x':>10}   target <= {BATCH_TARGET:.2f}x   {verdict(passed)}",
    ]
    if batch.unwritten:
        lines.append(f"{'not written (exit 1)':<24}{', '.join(batch.unwritten)}: timed all the same")
    return "\n".join(lines), passed


def edition_report(
    editions: list[EditionTiming], calls: int, target: float, warm: Timings | None = None
) -> tuple[str, bool]:
    """The per-edition table, and whether every built edition is within `target` times the source.

    Editions that were not built have no time to judge, so they are listed but
    do not miss the target; without a source edition nothing can be judged.
    `warm`, the source edition timed on its own earlier, is a second look at
    the baseline: when the two disagree a lot, the machine was busy during one
    of them and the ratios deserve a second run.
    """
    source = editions[0]
    base = source.timings.median_ms if source.timings else None
    lines = [
        "",
        f"warm make() per edition, median of {calls} round-robin calls ({2 * calls} of the source), ratio to it:",
        "",
        f"{'language':<24}{'median':>10}{'ratio':>9}   target <= {target:.1f}x",
    ]
    ratios: list[tuple[float, str]] = []
    for edition in editions:
        name = edition.lang or "source"
        if edition.timings is None:
            lines.append(f"{name:<24}   not built: {edition.failure}")
            continue
        median = edition.timings.median_ms
        plural = "s" if edition.errors != 1 else ""
        note = f"   ({edition.errors} error{plural}: built, not writable)" if edition.errors else ""
        if base is None:
            lines.append(f"{name:<24}{median:>7.1f} ms{'-':>9}{note}")
            continue
        ratio = median / base
        if edition.lang is not None:
            ratios.append((ratio, name))
        mark = "ok" if ratio <= target else f"OVER {target:g}x"
        lines.append(f"{name:<24}{median:>7.1f} ms{f'{ratio:.2f}x':>9}   {mark}{note}")
    unbuilt = sum(1 for edition in editions if edition.timings is None)
    if base is None:
        lines += ["", "no ratios: the source edition was not built, so there is no baseline"]
        return "\n".join(lines), False
    if not ratios:
        lines += ["", "no translation was built"]
        return "\n".join(lines), unbuilt == 0
    if warm is not None and source.timings is not None:
        drift = source.timings.median_ms / warm.median_ms
        if not 1 / BASELINE_DRIFT <= drift <= BASELINE_DRIFT:
            lines += [
                "",
                f"note: the source edition took {source.timings.median_ms:.0f} ms here and {warm.median_ms:.0f} ms "
                "in the warm make() row: the machine was busy, run the bench again before trusting these ratios",
            ]
    worst, worst_name = max(ratios)
    over = sum(1 for ratio, _ in ratios if ratio > target)
    passed = over == 0
    summary = f"{'worst edition / source':<24}{f'{worst:.2f}x':>10}   ({worst_name})   target <= {target:.1f}x"
    lines += ["", f"{summary}   {verdict(passed)}"]
    counts = f"{len(ratios)} translations timed, {over} over {target:g}x"
    lines.append(counts + (f", {unbuilt} not built" if unbuilt else ""))
    return "\n".join(lines), passed


def report(
    timings: dict[str, Timings] | BuildFailed,
    warm: Timings | Exception,
    memory: dict[str, float | None],
    ratio_target: float,
    warm_target: float,
) -> tuple[str, bool]:
    """The results table, and whether every target was met.

    A measurement that failed stands in as its error, reported in its place,
    and misses its target: a build that does not run is not fast.
    """
    lines = [
        f"{'':<24}{'median':>10}{'min':>10}{'max':>10}{'peak RSS':>11}",
    ]
    if isinstance(timings, dict):
        floor, build = timings["floor"], timings["build"]
        rounds = f"{len(floor.seconds)} rounds of fresh processes, alternating"
        rows: list[tuple[str, Timings, float | None]] = [
            ("floor (bench/floor.py)", floor, memory.get("floor")),
            ("leaflet build", build, memory.get("build")),
        ]
    else:
        rounds, rows = "fresh processes not measured", []
    lines.insert(0, f"{rounds}; warm: {len(warm.seconds)} calls" if isinstance(warm, Timings) else rounds)
    lines.insert(1, "")
    if isinstance(warm, Timings):
        rows.append(("warm make() in-process", warm, None))
    if not rows:
        del lines[2]  # the column headings, over no rows
    for label, t, mb in rows:
        rss = f"{mb:.1f} MB" if mb is not None else "-"
        lines.append(f"{label:<24}{t.median_ms:>7.1f} ms{t.min_ms:>7.1f} ms{t.max_ms:>7.1f} ms{rss:>11}")
    lines.append("")
    if isinstance(timings, dict):
        ratio = timings["build"].median_ms / timings["floor"].median_ms
        ratio_ok = ratio <= ratio_target
        lines.append(
            f"{'build / floor':<24}{f'{ratio:.2f}x':>10}   target <= {ratio_target:.2f}x   {verdict(ratio_ok)}"
        )
    else:
        ratio_ok = False
        lines.append(f"{'build / floor':<24}not measured: {timings}")
    if isinstance(warm, Timings):
        warm_ok = warm.median_ms < warm_target
        shown = f"{warm.median_ms:.1f} ms"
        lines.append(f"{'warm make()':<24}{shown:>10}   target <  {warm_target:.0f} ms   {verdict(warm_ok)}")
    else:
        warm_ok = False
        lines.append(f"{'warm make()':<24}not measured: {first_line(warm)}")
    return "\n".join(lines), ratio_ok and warm_ok


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description="Time leaflet build against a bare ReportLab floor.")
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--calls", type=int, default=30, help="timed warm make() calls (default 30)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    parser.add_argument("--batch-rounds", type=int, default=3, help="rounds of the all-editions figure (0 skips it)")
    parser.add_argument(
        "--edition-calls", type=int, default=7, help="timed warm make() rounds per edition (default 7, 0 skips them)"
    )
    parser.add_argument("--serve-calls", type=int, default=15, help="timed PDF requests to leaflet serve (0 skips)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.calls < 1:
        parser.error("--rounds and --calls must be at least 1")
    if args.batch_rounds < 0 or args.edition_calls < 0:
        parser.error("--batch-rounds and --edition-calls cannot be negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    compile_package()
    batch: Batch | BuildFailed | None = None
    with tempfile.TemporaryDirectory(prefix="leaflet-bench-") as workdir:
        cmds = commands(Path(workdir))
        timings: dict[str, Timings] | BuildFailed
        try:
            timings = alternate(cmds, args.rounds)
        except BuildFailed as failure:
            timings = failure
        memory = {} if args.no_memory else {name: peak_memory_mb(command) for name, command in cmds.items()}
        if args.batch_rounds:
            try:
                batch = batch_timings(Path(workdir), args.batch_rounds)
            except BuildFailed as failure:
                batch = failure
    warm: Timings | Exception
    try:
        warm = warm_build(args.calls)
    except Exception as error:  # the layout code is being edited: say so and time the rest
        warm = error
    table, passed = report(timings, warm, memory, RATIO_TARGET, WARM_TARGET_MS)
    print(table)
    if args.edition_calls:
        editions = edition_timings(args.edition_calls)
        baseline = warm if isinstance(warm, Timings) else None
        lines, editions_passed = edition_report(editions, args.edition_calls, EDITION_TARGET, baseline)
        print(lines)
        passed = passed and editions_passed
    if args.serve_calls:
        try:
            requests: Timings | Exception = serve_timings(args.serve_calls)
        except Exception as error:  # the page is being edited: say so and report the rest
            requests = error
        lines, serve_passed = serve_report(requests, warm)
        print(lines)
        passed = passed and serve_passed
    if isinstance(batch, Batch):
        lines, batch_passed = batch_report(batch)
        print(lines)
        passed = passed and batch_passed
    elif batch is not None:
        print(f"\n{'--all-languages':<24}not measured: {batch}")
        passed = False
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())

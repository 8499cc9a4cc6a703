"""`make bench`: how much slower is `leaflet build` than the least ReportLab can do?

A user waits for the whole command, start-up included, so the build is timed
as a fresh process and compared with bench/floor.py, a bare ReportLab script
that prints the same text in the same fonts (the floor). The two commands
alternate round by round so that drift on the machine (CPU clocks, other
load, a warming file cache) falls on both alike, and medians keep the odd
slow run from deciding the result. Start-up hides the cost of the pipeline
itself, so a warm in-process `make()` is timed as well, and each command's
peak memory is read once with `/usr/bin/time -v` where that exists.

Exit status is 0 whatever the figures, so a slow machine does not break
`make bench`; `--strict` turns a missed target into exit status 1 (for CI).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "content.yaml"
FLOOR_SCRIPT = ROOT / "bench" / "floor.py"
GNU_TIME = Path("/usr/bin/time")

RATIO_TARGET = 1.2
"""The target: a whole build may cost at most this many floors."""

WARM_TARGET_MS = 60.0
BATCH_TARGET = 0.6
"""All editions in one parallel build, against the sum of their single builds, on two cores."""
"""The target for a warm in-process build, start-up and imports excluded."""


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

    `sys.executable` is the venv's Python when run by `make bench`, the same
    interpreter a user's `leaflet` script starts.
    """
    return {
        "floor": [sys.executable, str(FLOOR_SCRIPT), str(SOURCE), str(workdir / "floor.pdf")],
        "build": [sys.executable, "-m", "leaflet", "build", str(SOURCE), "-o", str(workdir / "x.pdf")],
    }


def run(command: Sequence[str]) -> float:
    """Run a command to completion and return its wall-clock time; a failed run would time nothing, so raise."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


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
            seconds[name].append(run(command))
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


def batch_commands(workdir: Path) -> tuple[list[list[str]], list[str]]:
    """One build per edition (the demo translations are drafts), and the one parallel build of them all.

    Both run on a copy of the leaflet and its translations, so output/ is left alone.
    """
    from leaflet.batch import languages

    project = workdir / "batch"
    (project / "translations").mkdir(parents=True)
    shutil.copy(SOURCE, project / "content.yaml")
    for po in (ROOT / "translations").glob("*.po"):
        shutil.copy(po, project / "translations" / po.name)
    source = str(project / "content.yaml")
    build = [sys.executable, "-m", "leaflet", "build", source]
    singles = [[*build, "-o", str(workdir / "single.pdf")]]
    singles += [
        [*build, "--lang", lang, "--draft", "-o", str(workdir / f"single.{lang}.pdf")]
        for lang in languages(project / "content.yaml")
    ]
    return singles, [*build, "--all-languages", "--draft"]


def batch_timings(workdir: Path, rounds: int) -> tuple[Timings, Timings, int]:
    """Alternate the sum of single builds with the batch build; return both, and the number of editions."""
    singles, batch = batch_commands(workdir)
    run(batch)
    summed, together = [], []
    for _ in range(rounds):
        summed.append(sum(run(command) for command in singles))
        together.append(run(batch))
    return Timings(summed), Timings(together), len(singles)


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


def batch_report(summed: Timings, together: Timings, editions: int) -> tuple[str, bool]:
    """The batch lines of the results, and whether the batch target was met."""
    ratio = together.median_ms / summed.median_ms
    passed = ratio <= BATCH_TARGET
    return "\n".join([
        "",
        f"{editions} editions, {len(summed.seconds)} rounds on {os.cpu_count()} cores:",
        f"{'sum of single builds':<24}{summed.median_ms:>7.0f} ms",
        f"{'--all-languages':<24}{together.median_ms:>7.0f} ms",
        f"{'batch / singles':<24}{f'{ratio:.2f}x':>10}   target <= {BATCH_TARGET:.2f}x   {verdict(passed)}",
    ]), passed  # fmt: skip


def report(
    timings: dict[str, Timings], warm: Timings, memory: dict[str, float | None], ratio_target: float, warm_target: float
) -> tuple[str, bool]:
    """The results table, and whether every target was met."""
    floor, build = timings["floor"], timings["build"]
    ratio = build.median_ms / floor.median_ms
    ratio_ok = ratio <= ratio_target
    warm_ok = warm.median_ms < warm_target
    rows = [
        ("floor (bench/floor.py)", floor, memory.get("floor")),
        ("leaflet build", build, memory.get("build")),
        ("warm make() in-process", warm, None),
    ]
    lines = [
        f"{len(floor.seconds)} rounds of fresh processes, alternating; warm: {len(warm.seconds)} calls",
        "",
        f"{'':<24}{'median':>10}{'min':>10}{'max':>10}{'peak RSS':>11}",
    ]
    for label, t, mb in rows:
        rss = f"{mb:.1f} MB" if mb is not None else "-"
        lines.append(f"{label:<24}{t.median_ms:>7.1f} ms{t.min_ms:>7.1f} ms{t.max_ms:>7.1f} ms{rss:>11}")
    lines += [
        "",
        f"{'build / floor':<24}{f'{ratio:.2f}x':>10}   target <= {ratio_target:.2f}x   {verdict(ratio_ok)}",
        f"{'warm make()':<24}{f'{warm.median_ms:.1f} ms':>10}   target <  {warm_target:.0f} ms   {verdict(warm_ok)}",
    ]
    return "\n".join(lines), ratio_ok and warm_ok


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description="Time leaflet build against a bare ReportLab floor.")
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--calls", type=int, default=30, help="timed warm make() calls (default 30)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    parser.add_argument("--batch-rounds", type=int, default=3, help="rounds of the all-editions figure (0 skips it)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.calls < 1:
        parser.error("--rounds and --calls must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    with tempfile.TemporaryDirectory(prefix="leaflet-bench-") as workdir:
        cmds = commands(Path(workdir))
        timings = alternate(cmds, args.rounds)
        memory = {} if args.no_memory else {name: peak_memory_mb(command) for name, command in cmds.items()}
        batch = batch_timings(Path(workdir), args.batch_rounds) if args.batch_rounds else None
    warm = warm_build(args.calls)
    table, passed = report(timings, warm, memory, RATIO_TARGET, WARM_TARGET_MS)
    print(table)
    if batch:
        lines, batch_passed = batch_report(*batch)
        print(lines)
        passed = passed and batch_passed
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())

"""The catalogue of bad inputs in tests/catalogue/cases.yaml, one test per case.

Each case writes its files into a fresh folder, runs `leaflet.cli.main` there
in-process, and checks what a user would see: the exit code, one clear message
(with FILE:LINE:COLUMN when the problem is in a YAML or PO file), no traceback,
no PDF from a failed build, and an answer within a few seconds.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import signal
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from PIL import Image

from leaflet.cli import main

CATALOGUE = Path(__file__).resolve().parent / "catalogue"
CASES: list[dict[str, Any]] = yaml.safe_load((CATALOGUE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
TIME_LIMIT = 5.0
"""Seconds: a guard against hangs and runaway work, not a speed test."""


class Hung(BaseException):
    """Raised by the alarm when a case runs past the time limit (not an Exception, so `main` cannot catch it)."""


@dataclass(frozen=True)
class Outcome:
    """What one run of the command line gave."""

    code: int
    stdout: str
    stderr: str
    seconds: float


def png_header(width: int, height: int) -> bytes:
    """A PNG's signature, header and end, with no pixels: a file of 57 bytes claiming any size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def write_file(path: Path, spec: str | dict[str, Any], root: Path) -> None:
    """Make one file of a case from its spec (see the top of cases.yaml)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        spec = {"text": spec}
    if "text" in spec:
        text = spec["text"].replace("@ROOT@", str(root))
        for name, (unit, count) in spec.get("repeat", {}).items():
            text = text.replace(f"@{name}@", unit * count)
        path.write_bytes(text.encode(spec.get("encoding", "utf-8")))
    elif "copy" in spec:
        path.write_bytes((CATALOGUE / "files" / spec["copy"]).read_bytes())
    elif "random_bytes" in spec:
        path.write_bytes(random.Random(spec["seed"]).randbytes(spec["random_bytes"]))
    elif "png" in spec:
        Image.new("RGB", tuple(spec["png"]), "teal").save(path)
    elif "png_header" in spec:
        path.write_bytes(png_header(*spec["png_header"]))
    elif "symlink" in spec:
        path.symlink_to(spec["symlink"])
    elif spec.get("folder"):
        path.mkdir()
    else:
        raise ValueError(f"unknown file spec {spec!r}")


def run_case(case: dict[str, Any], root: Path) -> Outcome:
    """Write the case's files under `root/project` and run its command line there, with a hang guard.

    argparse reports command-line mistakes on `sys.stderr`, not on `main`'s `stderr`, so
    that is caught too and counted as stderr: a user at a terminal sees both.
    """
    project = root / "project"
    project.mkdir()
    for name, spec in case.get("files", {}).items():
        write_file(project / name, spec, root)
    argv = [arg.replace("@ROOT@", str(root)) for arg in case["args"]]
    out, err, stray = io.StringIO(), io.StringIO(), io.StringIO()

    def hung(signum: int, frame: object) -> None:
        raise Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    started = time.perf_counter()
    try:
        with contextlib.chdir(project), contextlib.redirect_stderr(stray), contextlib.redirect_stdout(out):
            code = main(argv, stdout=out, stderr=err)
    except Hung:
        pytest.fail(f"{case['name']}: no answer within {TIME_LIMIT:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(code, out.getvalue(), err.getvalue() + stray.getvalue(), time.perf_counter() - started)


def location_pattern(at: str) -> re.Pattern[str]:
    """A stderr line that starts with FILE:LINE:COLUMN: for `at` = FILE[:LINE[:COLUMN]]."""
    file, *numbers = at.split(":")
    line, column = (*numbers, r"\d+", r"\d+")[:2]
    return re.compile(rf"^(?:.*/)?{re.escape(file)}:{line}:{column}: .*$", re.MULTILINE)


def pdfs_written(root: Path) -> set[str]:
    """Every PDF under the case's folder, relative to project/ (as `written` in the manifest names them)."""
    return {os.path.relpath(path, root / "project") for path in root.rglob("*.pdf")}


def pdf_text(path: Path) -> str:
    """The text of a PDF, with its lines joined by spaces."""
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).replace("\n", " ")


def params() -> list[Any]:
    """One pytest parameter per case, named after it; cases the tool fails are strict xfails."""
    return [
        pytest.param(case, id=case["name"], marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])])
        if "xfail" in case
        else pytest.param(case, id=case["name"])
        for case in CASES
    ]


def test_the_catalogue_is_well_formed() -> None:
    """Unique names, the keys every case needs, and locations only in files the case writes."""
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) >= 34
    for case in CASES:
        assert {"name", "why", "args", "exit", "message"} <= case.keys(), case["name"]
        assert "at" not in case or case["at"].split(":")[0] in case["files"], case["name"]
        assert case["exit"] != 0 or "written" in case, case["name"]


@pytest.mark.parametrize("case", params())
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    """One bad input: its exit code, its message (where, what, what to do), no PDF unless expected, no hang."""
    outcome = run_case(case, tmp_path)
    shown = f"exit {outcome.code}\nstderr:\n{outcome.stderr}\nstdout:\n{outcome.stdout}"
    for text in (outcome.stderr, outcome.stdout):
        assert "Traceback" not in text and "internal error" not in text, shown
    assert outcome.code == case["exit"], shown
    if "at" in case:
        located = location_pattern(case["at"]).findall(outcome.stderr)
        assert located, f"no line starting {case['at']}: ...\n{shown}"
        assert any(re.search(case["message"], line) for line in located), shown
    else:
        assert re.search(case["message"], outcome.stderr, re.MULTILINE), shown
    assert pdfs_written(tmp_path) == set(case.get("written", [])), f"PDFs written\n{shown}"
    for expected in case.get("pdf_text", []):
        # compared without spaces: a line may break wherever Unicode allows it ("</" | "font>")
        printed = "".join(pdf_text(tmp_path / "project" / case["written"][0]).split())
        assert "".join(expected.split()) in printed, shown
    assert outcome.seconds < TIME_LIMIT, f"{outcome.seconds:.1f} s\n{shown}"

"""Diagnostics are data: every stage reports severity, code, message and place; the edges print them.

The exit status follows from the worst severity, JSON carries the code and the place
as numbers, and the terminal shows FILE:LINE:COLUMN first when there is one.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from leaflet.diagnostics import Diagnostic, Location, exit_status

from .conftest import MINIMAL
from .test_cli import overflowing, run


@pytest.mark.parametrize(
    ("severities", "status"),
    [((), 0), (("warning",), 0), (("warning", "error"), 1), (("error", "fatal", "warning"), 2)],
)
def test_exit_status_is_that_of_the_worst_severity(severities, status):
    assert exit_status(Diagnostic(s, "x", "said") for s in severities) == status


def test_a_diagnostic_in_json_has_its_code_and_its_place_as_numbers():
    located = Diagnostic("error", "overflow", "too long", Location("a.yaml", 12, 5)).to_dict()
    assert located == {
        "severity": "error",
        "code": "overflow",
        "message": "too long",
        "where": "a.yaml:12:5",
        "file": "a.yaml",
        "line": 12,
        "column": 5,
    }
    unlocated = Diagnostic("fatal", "bad-usage", "no such file", "--po").to_dict()
    assert (unlocated["file"], unlocated["line"], unlocated["where"]) == ("--po", None, "--po")


def test_check_json_gives_an_overflow_its_code_and_the_blocks_line(tmp_path: Path):
    source = overflowing(tmp_path / "leaflet.yaml")
    code, out, _ = run("check", str(source), "--json")
    findings = json.loads(out)["findings"]
    overflow = next(f for f in findings if f["code"] == "overflow")
    lines = source.read_text(encoding="utf-8").splitlines()
    block_line = next(number for number, line in enumerate(lines, start=1) if "Words that will not fit" in line)
    assert code == 1 and overflow["severity"] == "error"
    assert (overflow["file"], overflow["line"]) == (str(source), block_line)


def unfinished_translation(tmp_path: Path) -> Path:
    """A leaflet with a French PO file whose entries are all still empty."""
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    assert run("extract", str(source))[0] == 0
    po = polib.pofile(str(tmp_path / "translations" / "tiny.pot"))
    po.metadata["Language"] = "fr"
    po.save(str(tmp_path / "translations" / "fr.po"))
    return source


def test_an_unfinished_translation_is_reported_per_entry_with_its_po_line(tmp_path: Path):
    source = unfinished_translation(tmp_path)
    code, out, _ = run("check", str(source), "--lang", "fr", "--json")
    findings = json.loads(out)["findings"]
    po = tmp_path / "translations" / "fr.po"
    assert code == 1
    assert {f["code"] for f in findings} == {"missing-translation"}
    assert all(f["severity"] == "error" and f["file"] == str(po) and f["line"] > 1 for f in findings)
    assert len({f["line"] for f in findings}) == len(findings) == 3  # the title, the heading and the paragraph


def test_the_terminal_shows_the_place_first_or_says_what_kind_of_line_it_is(tmp_path: Path):
    source = unfinished_translation(tmp_path)
    code, _, err = run("build", str(source), "--lang", "fr", "-o", str(tmp_path / "fr.pdf"))
    lines = err.splitlines()
    assert code == 1
    assert all(line.startswith(f"{tmp_path / 'translations' / 'fr.po'}:") for line in lines[:-1])
    assert lines[-1].startswith("hint: ")
    code, _, err = run("build", str(tmp_path / "missing.yaml"))
    assert code == 2 and err.startswith("error: ")

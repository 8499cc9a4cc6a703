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
from leaflet.translation import _numbers

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


DOSE = """leaflet:
  id: dose
  title: Your medicine
  language: en-GB
panels:
  front:
    - paragraph: "Take **2 tablets** (500 mg) each morning. Call [01632 960000](tel:01632960000) with questions."
"""


def translated_dose(tmp_path: Path, translation: str) -> Path:
    """The dose leaflet with a Polish PO whose only paragraph says `translation`."""
    source = tmp_path / "leaflet.yaml"
    source.write_text(DOSE, encoding="utf-8")
    assert run("extract", str(source))[0] == 0
    po = polib.pofile(str(tmp_path / "translations" / "dose.pot"))
    po.metadata["Language"] = "pl"
    for entry in po:
        entry.msgstr = translation if entry.msgctxt.endswith("paragraph") else "Twój lek"
    po.save(str(tmp_path / "translations" / "pl.po"))
    return source


def test_a_translation_that_changes_a_dose_or_a_phone_number_is_warned_about_at_its_entry(tmp_path: Path):
    changed = "Weź **5 tabletek** (5000 mg) rano. Zadzwoń [0800 123 456](tel:01632960000) z pytaniami."
    source = translated_dose(tmp_path, changed)
    code, out, _ = run("check", str(source), "--lang", "pl", "--json")
    findings = [f for f in json.loads(out)["findings"] if f["code"] != "sample-clinic"]
    assert {f["code"] for f in findings} == {"numbers-differ", "address-differs"}
    assert all(f["severity"] == "warning" and f["file"].endswith("pl.po") and f["line"] > 1 for f in findings)
    code, out, _ = run("build", str(source), "--lang", "pl", "-o", str(tmp_path / "pl.pdf"))
    assert code == 0 and "5 5000" in out and "'0800 123 456'" in out  # said where a build is looked at


def test_a_translation_that_keeps_the_numbers_in_another_order_says_nothing_of_them(tmp_path: Path):
    kept = "Zadzwoń [01632 960000](tel:01632960000) z pytaniami. Rano weź **2 tabletki** (500 mg)."
    source = translated_dose(tmp_path, kept)
    code, out, err = run("build", str(source), "--lang", "pl", "-o", str(tmp_path / "pl.pdf"))
    assert code == 0 and "numbers-differ" not in out and "differ" not in out, err
    assert _numbers("١٦ جلسة") == _numbers("16 sessions")  # Arabic-Indic digits are the same numbers

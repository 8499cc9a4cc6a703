"""Clinic profiles, output names and the newcomer's first commands, through the command line."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import polib
import pypdf
import pytest

from .conftest import CLINIC, ROOT, SAMPLE
from .test_cli import run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The test leaflet with its translations, copied so that builds write into a fresh folder."""
    shutil.copytree(SAMPLE.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / SAMPLE.name


def clinic_file(folder: Path, body: str, name: str = "clinic.yaml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_a_clinic_file_puts_its_details_on_the_leaflet_and_names_the_author(project):
    code, out, err = run("build", str(project), "--clinic", str(CLINIC))
    assert code == 0, err
    pdf = project.parent / "output" / "town-library.clinic-riverside.pdf"
    text = " ".join(pdf_text(pdf).split())
    assert "Riverside Talking Therapies" in text and "12 Mill Lane" in text and "Sample Town Library" not in text
    assert "These are sample details" not in text
    assert pypdf.PdfReader(pdf).metadata.author == "Riverside Talking Therapies"
    assert "sample" not in out


def test_without_a_clinic_the_sample_prints_and_the_build_says_so(project):
    code, out, _ = run("build", str(project))
    assert code == 0
    assert "sample details" in out and "--clinic FILE" in out
    assert "Sample Town Library" in pdf_text(project.parent / "output" / "town-library.pdf")


def test_a_po_made_before_the_clinic_existed_builds_final_with_the_clinics_address(project):
    po_file = str(project.parent / "translations" / "pl.po")
    code, _, err = run("build", str(project), "--clinic", str(CLINIC), "--lang", "pl", "--po", po_file)
    assert code == 0, err
    po = polib.pofile(str(project.parent / "translations" / "pl.po"))
    assert not any("Riverside" in entry.msgid or "Mill Lane" in entry.msgid for entry in po)
    text = pdf_text(project.parent / "output" / "town-library.pl.clinic-riverside.pdf")
    assert "12 Mill Lane" in text and "Telefon" in text


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("clinic:\n  name: X\n  address: [1 Road]\n", 2, "needs the key 'phone'"),
        ("clinic:\n  name: X\n  address: [1 Road]\n  phone: call us\n", 4, "'phone' must be a telephone number"),
        (
            "clinic:\n  name: X\n  address: [1 Road]\n  phone: 01632 960000 ext. 123\n",
            4,
            "put an extension or a second number under 'hours'",
        ),
        ("clinic:\n  name: X\n  address: [1 Road]\n  phone: '0123'\n  email: nobody\n", 5, "'email' must be"),
        (
            "clinic:\n  name: X\n  address: [1 Road]\n  phone: '0123'\n  website: javascript:alert(1)\n",
            5,
            "'website' must be a web address starting https://",
        ),
        ("clinic:\n  name: X\n  address: [1 Road]\n  phone: '0123'\n  logo: ../escape.png\n", 5, "outside"),
        ("clinic:\n  name: \"A\\u202eB\"\n  address: [1 Road]\n  phone: '0123'\n", 2, "U+202E at character 2"),
        ("clinic:\n  nmae: X\n", 2, "did you mean 'name'"),
    ],
)
def test_a_bad_clinic_file_says_where_and_what_exits_2_and_writes_nothing(project, body, line, message):
    (project.parent / "escape.png").write_bytes((ROOT / "tests" / "fixtures" / "clinic" / "riverside.png").read_bytes())
    folder = project.parent / "clinics"
    folder.mkdir()
    path = clinic_file(folder, body)
    code, _, err = run("build", str(project), "--clinic", str(path))
    assert code == 2
    assert f"{path}:{line}:" in err and message in err, err
    assert "Traceback" not in err
    assert not (project.parent / "output").exists()


def test_clinic_values_are_printed_as_written_never_read_as_markup(project, tmp_path):
    body = "clinic:\n  name: '**Not bold** [x](https://e.org)'\n  address: [1 Road]\n  phone: '0123'\n"
    path = clinic_file(tmp_path, body)
    assert run("build", str(project), "--clinic", str(path), "-o", str(tmp_path / "c.pdf"))[0] == 0
    assert "**Not bold** [x](https://e.org)" in pdf_text(tmp_path / "c.pdf")


def test_every_variant_gets_its_own_pdf_name_even_a_clinic_file_named_like_another_part(project, tmp_path):
    out = project.parent / "output"
    named_like_a_language, named_like_paper = tmp_path / "pl.yaml", tmp_path / "letter.yaml"
    shutil.copytree(CLINIC.parent, tmp_path, dirs_exist_ok=True)  # the clinic file and its logo
    for copy in (named_like_a_language, named_like_paper):
        shutil.copy(CLINIC, copy)
    variants = (
        [], ["--paper", "letter"], ["--target", "press"], ["--clinic", str(CLINIC)], ["--lang", "pl"],
        ["--clinic", str(named_like_a_language)], ["--clinic", str(named_like_paper)],
    )  # fmt: skip
    for args in variants:
        assert run("build", str(project), *args)[0] == 0, args
    names = sorted(path.name for path in out.glob("*.pdf"))
    assert len(names) == len(variants)
    assert names == [
        "town-library.clinic-letter.pdf", "town-library.clinic-pl.pdf", "town-library.clinic-riverside.pdf",
        "town-library.letter.pdf", "town-library.pdf", "town-library.pl.pdf", "town-library.press.pdf",
    ]  # fmt: skip


def test_a_pdf_takes_the_users_umask_like_any_new_file(project, tmp_path):
    target = tmp_path / "shared.pdf"
    target.write_bytes(b"%PDF-1.4 an older edition")
    os.chmod(target, 0o644)
    previous = os.umask(0o022)
    try:
        assert run("build", str(project), "-o", str(target))[0] == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(("value", "expected"), [("-1.5,0.5", (-1.5, 0.5)), ("1,5;-0,5", (1.5, -0.5)), ("2", None)])
def test_a_negative_or_comma_decimal_duplex_offset_is_read_or_refused_clearly(project, tmp_path, value, expected):
    code, out, err = run("build", str(project), "--duplex-offset", value, "-o", str(tmp_path / "o.pdf"))
    if expected is None:
        assert code == 2 and "X,Y" in err
    else:
        assert code == 0, err
        assert f"moved X {expected[0]:+g} mm, Y {expected[1]:+g} mm" in out


def test_paper_is_read_in_any_case_in_the_yaml(project, tmp_path):
    text = project.read_text(encoding="utf-8").replace("\npaper: a4", "\npaper: A4", 1)
    project.write_text(text, encoding="utf-8")
    code, out, err = run("build", str(project), "-o", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert "A4 roll-fold" in out


def test_a_read_only_pdf_is_refused_and_left_as_it_was(project, tmp_path):
    target = tmp_path / "kept.pdf"
    target.write_bytes(b"the approved print run")
    os.chmod(target, 0o444)
    code, _, err = run("build", str(project), "-o", str(target))
    assert code == 2 and "read-only" in err
    assert target.read_bytes() == b"the approved print run"


def outside_with_clinic(project: Path, folder: Path, body: str) -> str:
    """The text of the outside page (where the clinic box prints) built with a clinic file of that body."""
    code, _, err = run("build", str(project), "--clinic", str(clinic_file(folder, body)), "-o", str(folder / "c.pdf"))
    assert code == 0, err
    return pypdf.PdfReader(folder / "c.pdf").pages[0].extract_text()


def test_an_address_written_as_a_block_of_lines_prints_one_line_each(project, tmp_path):
    body = (
        "clinic:\n  name: Riverside\n  address: |\n    Unit 4, Mill Lane\n    Townsville\n    TV1 4AB\n"
        "  phone: 01234 567890\n"
    )
    lines = [line.strip() for line in outside_with_clinic(project, tmp_path, body).splitlines()]
    assert lines[lines.index("Unit 4, Mill Lane") :][:3] == ["Unit 4, Mill Lane", "Townsville", "TV1 4AB"]


def test_opening_hours_written_as_a_block_of_lines_keep_the_lines_apart(project, tmp_path):
    body = (
        "clinic:\n  name: Riverside\n  address: [1 Road]\n  phone: 01234 567890\n"
        "  hours: |\n    Monday to Friday 9am to 5pm\n    Saturday 10am to 1pm\n"
    )
    text = " ".join(outside_with_clinic(project, tmp_path, body).split())
    assert "Monday to Friday 9am to 5pm; Saturday 10am to 1pm" in text


def test_a_leaflet_written_in_another_language_gives_the_clinic_box_its_own_words(tmp_path):
    def leaflet(labels: str) -> Path:
        source = tmp_path / "leaflet.yaml"
        source.write_text(
            "leaflet: {id: t, title: Ulotka, language: pl}\npanels:\n  back:\n    - clinic:\n"
            f"{labels}        name: Przychodnia\n        address: [ul. Długa 1]\n        phone: 22 123 45 67\n",
            encoding="utf-8",
        )
        return source

    code, out, _ = run("build", str(leaflet("")), "-o", str(tmp_path / "en.pdf"))
    assert code == 0 and "the clinic box prints its labels in English ('Your clinic', 'Telephone'...)" in out
    code, out, _ = run(
        "build", str(leaflet("        labels: {heading: Twoja przychodnia, telephone: Telefon}\n")), "-o",
        str(tmp_path / "pl.pdf"),
    )  # fmt: skip
    text = " ".join(pypdf.PdfReader(tmp_path / "pl.pdf").pages[0].extract_text().split())
    assert code == 0 and "labels in English" not in out
    assert "Twoja przychodnia" in text and "Telefon: 22 123 45 67" in text and "Your clinic" not in text

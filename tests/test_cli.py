"""The command line end to end: exit codes, messages on stderr, and nothing lost on failure."""

from __future__ import annotations

import importlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf

from leaflet.cli import main

from .conftest import CLINIC, MINIMAL, ROOT, SAMPLE


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def overflowing(path: Path) -> Path:
    text = " ".join(["Words that will not fit on one panel however small."] * 40)
    return path.parent / _write(path.parent / "long.yaml", MINIMAL + f"    - paragraph: {text}\n")


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return path.name


def test_build_writes_output_named_after_the_leaflet_id(tmp_path, monkeypatch):
    shutil.copytree(SAMPLE.parent, tmp_path, dirs_exist_ok=True)  # the test leaflet, its picture beside it
    (tmp_path / SAMPLE.name).rename(tmp_path / "content.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    assert code == 0, err
    assert (tmp_path / "output" / "town-library.pdf").is_file()
    assert "output/town-library.pdf" in out and "A4" in out


def test_paper_flag_wins_over_the_yaml(tmp_path):
    target = tmp_path / "letter.pdf"
    code, _, err = run("build", str(SAMPLE), "--paper", "letter", "-o", str(target))
    assert code == 0, err
    assert round(float(pypdf.PdfReader(target).pages[0].mediabox.width)) == 792


def test_check_reports_every_panel_and_writes_nothing(sample_copy):
    code, out, _ = run("check", str(sample_copy), "--clinic", str(CLINIC))
    assert code == 0
    for panel in ("front", "flap", "inside-1", "inside-2", "inside-3", "back"):
        assert panel in out
    assert "ready to print" in out
    assert not (sample_copy.parent / "output").exists()


def test_check_says_the_sample_clinic_is_not_ready_for_patients(sample_copy):
    code, out, _ = run("check", str(sample_copy))
    assert code == 1
    assert "NOT READY for patients" in out and "--clinic FILE" in out


def test_overflow_exits_1_names_panel_and_amount_and_writes_no_pdf(tmp_path):
    source = overflowing(tmp_path / "x")
    target = tmp_path / "out.pdf"
    code, _, err = run("build", str(source), "-o", str(target))
    assert code == 1
    assert re.search(r"panel 'inside-1' overflows by \d+\.\d mm", err)
    assert re.search(r"long\.yaml:\d+:\d+: ", err)
    assert "paragraph 'Words that will not" in err
    assert not target.exists()


def test_failed_build_leaves_the_previous_pdf_untouched(tmp_path):
    target = tmp_path / "out.pdf"
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    assert run("build", str(good), "-o", str(target))[0] == 0
    before = target.read_bytes()
    assert run("build", str(overflowing(tmp_path / "x")), "-o", str(target))[0] == 1
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_bad_yaml_exits_2_with_file_line_column_and_a_suggestion(tmp_path):
    source = tmp_path / "typo.yaml"
    source.write_text(MINIMAL.replace("  title:", "  titel:"), encoding="utf-8")
    code, out, err = run("build", str(source))
    assert code == 2
    assert err.strip() == f"{source}:3:3: unknown key 'titel' in 'leaflet'; did you mean 'title'?"
    assert "Traceback" not in err and out == ""


def test_missing_source_exits_2_without_traceback(tmp_path):
    code, _, err = run("check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "no such file" in err and "Traceback" not in err


def test_unknown_paper_on_the_command_line_exits_2():
    code, _, _ = run("build", "--paper", "a3")
    assert code == 2


def test_preview_writes_a_png_per_page(sample_copy):
    code, out, err = run("preview", str(sample_copy), "--dpi", "30")
    assert code == 0, err
    pngs = sorted((sample_copy.parent / "output").glob("*.png"))
    assert [p.name for p in pngs] == ["town-library-1-outside.png", "town-library-2-inside.png"]
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_python_dash_m_and_console_script_behave_the_same(tmp_path):
    source = tmp_path / "typo.yaml"
    source.write_text(MINIMAL.replace("- heading:", "- headng:"), encoding="utf-8")
    script = Path(sys.executable).with_name("leaflet")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    results = [
        subprocess.run(
            [sys.executable, "-m", "leaflet", "check", str(source)], capture_output=True, text=True, env=env
        ),
        subprocess.run([str(script), "check", str(source)], capture_output=True, text=True, env=env),
    ]
    for result in results:
        assert result.returncode == 2
        assert "did you mean 'heading'?" in result.stderr
        assert "Traceback" not in result.stderr
    assert results[0].stderr == results[1].stderr


def test_theme_colours_without_enough_contrast_fail_the_build(tmp_path):
    source = tmp_path / "pale.yaml"
    source.write_text(MINIMAL + 'theme:\n  heading: "#FFB81C"\n', encoding="utf-8")
    code, _, err = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert code == 1
    assert "text in #FFB81C on #FFFFFF (first on panel 'front': 'Hello') has contrast 1.7:1" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_link_to_a_leaflet_finds_the_translations_and_pictures_beside_the_leaflet(tmp_path):
    real, elsewhere = tmp_path / "real", tmp_path / "elsewhere"
    shutil.copytree(SAMPLE.parent, real)
    elsewhere.mkdir()
    (elsewhere / "link.yaml").symlink_to(real / SAMPLE.name)
    code, out, err = run("build", str(elsewhere / "link.yaml"), "--lang", "pl", "-o", str(tmp_path / "pl.pdf"))
    assert code == 0, err
    assert (tmp_path / "pl.pdf").read_bytes().startswith(b"%PDF-")


def test_debug_shows_the_traceback_written_before_or_after_the_command(tmp_path, monkeypatch):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(importlib.import_module("leaflet.build"), "lay_out", broken)
    for argv in (["--debug", "build"], ["build", "--debug"]):
        code, _, err = run(*argv, str(source), "-o", str(tmp_path / "x.pdf"))
        assert code == 2 and "Traceback" in err and "RuntimeError: a bug" in err, argv
    code, _, err = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert "Traceback" not in err and "internal error: RuntimeError: a bug" in err


def test_check_json_of_all_languages_is_json_when_translations_cannot_be_read(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "translations").write_text("not a folder", encoding="utf-8")
    code, out, _ = run("check", str(source), "--all-languages", "--json")
    [document] = json.loads(out)
    assert code == 2 and document["findings"][0]["severity"] == "fatal"
    assert "translations is a file" in document["findings"][0]["message"]


def test_check_json_says_in_json_why_a_source_name_cannot_be_used(tmp_path):
    code, out, _ = run("check", str(tmp_path / ("b" * 300 + ".yaml")), "--json")
    document = json.loads(out)
    assert code == 2 and "File name too long" in document["findings"][0]["message"]


def test_a_panel_of_only_spacers_is_built_with_a_warning_that_it_prints_blank(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL + "  flap:\n    - spacer: fill\n", encoding="utf-8")
    code, out, _ = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert code == 0 and "panel 'flap' prints blank: it holds only spacers" in out

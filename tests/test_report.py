"""`leaflet check`: the preflight report, as text and as JSON, for one edition or all of them."""

from __future__ import annotations

import json
import os
import shutil

from PIL import Image

from leaflet.report import flesch_reading_ease

from .conftest import CLINIC, MINIMAL, ROOT, SAMPLE
from .test_cli import run


def check_json(*args: str) -> tuple[int, object]:
    code, out, err = run("check", *args, "--json")
    return code, json.loads(out)


def test_report_covers_every_panel_with_fill_type_size_and_distance_to_folds():
    code, report = check_json(str(SAMPLE), "--clinic", str(CLINIC))
    assert code == 0 and report["ready"] is True
    panels = {p["name"]: p for p in report["panels"]}
    assert set(panels) == {"front", "flap", "back", "inside-1", "inside-2", "inside-3"}
    assert len({p["body_pt"] for p in panels.values()}) == 1 and panels["flap"]["body_pt"] >= 12  # one size
    assert all(p["smallest_pt"] >= 11 for p in panels.values())
    assert all(5 <= p["closest_mm"] < 12 for p in panels.values())
    assert all(0 < p["fill"] <= 1 for p in panels.values())


def test_report_lists_every_colour_pair_in_use_with_its_contrast():
    _, report = check_json(str(SAMPLE))
    pairs = {(p["text"], p["background"], p["large"]): p for p in report["contrast"]}
    body = pairs[("#212B32", "#FFFFFF", False)]
    assert abs(body["ratio"] - 14.4) < 0.05 and body["needed"] == 4.5
    title = pairs[("#FFFFFF", "#005EB8", True)]
    assert title["needed"] == 3.0 and "front" in title["panels"]
    assert ("#212B32", "#E8F1F8", False) in pairs  # text in the callout box and the clinic's


def test_readability_is_given_for_english_only(tmp_path):
    _, english = check_json(str(SAMPLE))
    assert 70 < english["flesch"] < 95  # the test leaflet's short words and sentences read easily (81.5)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    _, arabic = check_json(str(tmp_path / "mini" / "leaflet.yaml"), "--lang", "ar")
    assert arabic["flesch"] is None and arabic["language"] == "ar"


def test_flesch_reading_ease_rewards_short_words_and_sentences():
    easy = flesch_reading_ease("The cat sat on the mat. It was warm.")
    hard = flesch_reading_ease("Interpersonal psychotherapy addresses psychological vulnerabilities comprehensively.")
    assert easy > 90 > 0 > hard


def test_report_gives_the_ppi_of_every_picture(tmp_path):
    Image.new("RGB", (600, 600), (0, 94, 184)).save(tmp_path / "photo.png")
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL + "    - image: {src: photo.png, alt: A blue square, width_mm: 40}\n", encoding="utf-8")
    code, report = check_json(str(source))
    assert code == 0
    assert report["images"] == [{"file": "photo.png", "panel": "inside-1", "ppi": 381, "needed": 300}]


def test_a_passed_review_date_is_a_warning_not_a_failure(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL.replace("  language: en-GB\n", "  language: en-GB\n  review_date: 2020-01-31\n"))
    code, out, _ = run("check", str(source))
    assert code == 0
    assert "warning: the leaflet's clinical review was due on 2020-01-31; have it reviewed" in out


def test_all_languages_reports_every_edition_and_fails_while_translations_are_unreviewed(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    source = str(tmp_path / "mini" / "leaflet.yaml")
    code, reports = check_json(source, "--all-languages")
    assert code == 0 and [r["edition"] for r in reports] == ["source", "ar", "bn", "pl", "ur", "zh-Hans"]
    shutil.copytree(SAMPLE.parent, tmp_path / "leaflet")
    code, out, _ = run("check", str(tmp_path / "leaflet" / SAMPLE.name), "--all-languages", "--clinic", str(CLINIC))
    assert code == 0 and out.count("ready to print") == 1 + 3  # English, and its Arabic, French and Polish
    assert "[fr, fr]" in out and "[pl, pl]" in out and "[ar, ar]" in out
    assert not (tmp_path / "mini" / "output").exists() and not (tmp_path / "leaflet" / "output").exists()  # no writes


def test_text_report_reads_as_a_table(tmp_path):
    code, out, _ = run("check", str(SAMPLE), "--target", "press", "--clinic", str(CLINIC))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "town-library [source, en-GB]: A4 roll-fold for press: ready to print"
    assert any(line.split()[:2] == ["flap", "97.0"] for line in lines)
    assert any("14.4:1  ok" in line for line in lines)


def test_json_for_all_languages_is_always_a_list(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")  # no translations beside it
    code, reports = check_json(str(source), "--all-languages")
    assert code == 0 and isinstance(reports, list) and [r["edition"] for r in reports] == ["source"]


def test_json_is_printed_even_when_the_source_cannot_be_read(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text("leaflet: [\n", encoding="utf-8")
    for path in (source, tmp_path / "missing.yaml"):
        code, report = check_json(str(path))
        assert code == 2 and report["ready"] is False
        assert report["findings"][0]["severity"] == "fatal" and report["findings"][0]["message"]


def test_one_bad_translation_does_not_hide_the_other_editions_json(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", tmp_path / "mini")
    (tmp_path / "mini" / "translations" / "pl.po").write_text('msgid "x\n', encoding="utf-8")  # broken
    code, reports = check_json(str(tmp_path / "mini" / "leaflet.yaml"), "--all-languages")
    assert code == 2
    by_edition = {r["edition"]: r for r in reports}
    assert by_edition["pl"]["ready"] is False and by_edition["source"]["ready"] is True
    assert len(reports) == 6


def test_json_is_valid_utf8_even_for_a_file_name_that_is_not(tmp_path):
    source = tmp_path / os.fsdecode(b"caf\xe9.yaml")  # a Latin-1 name: Python keeps the byte as a lone surrogate
    source.write_text("leaflet:\n  id: tiny\n  titel: T\n", encoding="utf-8")
    code, out, _ = run("check", str(source), "--json")
    report = json.loads(out.encode("utf-8").decode("utf-8"))  # writable to a UTF-8 pipe, and readable back
    assert code == 2 and report["findings"][0]["file"].startswith(str(tmp_path))


def test_json_is_printed_for_a_command_line_argparse_refuses(tmp_path):
    code, out, err = run("check", str(SAMPLE), "--json", "--paper", "b5")
    report = json.loads(out)
    assert code == 2 and "invalid choice: 'b5'" in err
    assert report["findings"][0]["code"] == "bad-usage" and "'b5'" in report["findings"][0]["message"]

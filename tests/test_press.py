"""Press and office output, read back from the PDF: page boxes, bleed, marks, Z-fold, CMYK, duplex."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from PIL import Image

from leaflet.build import Options, build, calibrate
from leaflet.colours import to_cmyk
from leaflet.geometry import sheet

from .conftest import MINIMAL, MM, SAMPLE
from .test_cli import run

BLEED = {"a4": 3 * MM, "letter": 0.125 * 72}
SHEET = {"a4": (297 * MM, 210 * MM), "letter": (11 * 72, 8.5 * 72)}
NHS_BLUE = (0.0, 0.368627, 0.721569)


def built(tmp_path: Path, name: str, **options) -> Path:
    out = tmp_path / f"{name}.pdf"
    build(SAMPLE, Options(output=out, **options))
    return out


def boxes(page: pypdf.PageObject) -> dict[str, list[float]]:
    return {name: [float(v) for v in getattr(page, name)] for name in ("mediabox", "trimbox", "bleedbox")}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_press_pages_have_trim_bleed_and_media_boxes(tmp_path, paper):
    width, height = SHEET[paper]
    bleed = BLEED[paper]
    for page in pypdf.PdfReader(built(tmp_path, paper, paper=paper, target="press")).pages:
        box = boxes(page)
        x0, y0, x1, y1 = box["trimbox"]
        assert (x1 - x0, y1 - y0) == pytest.approx((width, height), abs=0.01)
        assert box["bleedbox"] == pytest.approx([x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed], abs=0.01)
        mx0, my0, mx1, my1 = box["mediabox"]
        assert (mx0, my0) == (0, 0)
        assert x0 - bleed > 10 * MM and mx1 - (x1 + bleed) > 10 * MM  # a slug for the marks on every side
        assert (mx1, my1) == pytest.approx((x1 + x0, y1 + y0), abs=0.01)  # centred


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_office_page_is_the_sheet(tmp_path, paper):
    for page in pypdf.PdfReader(built(tmp_path, paper, paper=paper)).pages:
        box = boxes(page)
        assert box["mediabox"] == box["trimbox"] == box["bleedbox"]
        assert box["mediabox"] == pytest.approx([0, 0, *SHEET[paper]], abs=0.01)


def marks(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [[dict(line) for line in page.lines] for page in pdf.pages]


def test_crop_marks_sit_at_each_corner_outside_the_bleed(tmp_path):
    path = built(tmp_path, "press", target="press")
    reader = pypdf.PdfReader(path)
    for page, lines in zip(reader.pages, marks(path)):
        tx0, ty0, tx1, ty1 = boxes(page)["trimbox"]
        bx0, by0, bx1, by1 = boxes(page)["bleedbox"]
        height = float(page.mediabox.top)
        solid = [line for line in lines if not line["dash"][0]]
        assert len(solid) == 8
        for line in solid:
            x0, x1 = line["x0"], line["x1"]
            y0, y1 = height - line["bottom"], height - line["top"]
            assert line["linewidth"] <= 0.3
            # in line with a trim edge
            assert any(abs(v - t) < 0.01 for v in (x0, y0) for t in (tx0, tx1, ty0, ty1))
            # entirely outside the bleed box
            assert x1 <= bx0 or x0 >= bx1 or y1 <= by0 or y0 >= by1
            assert max(x1 - x0, y1 - y0) == pytest.approx(6 * MM, abs=0.1)


def test_fold_marks_are_dashed_and_in_line_with_every_fold_on_both_pages(tmp_path):
    path = built(tmp_path, "press", target="press")
    reader = pypdf.PdfReader(path)
    expected = [[97, 197], [100, 200]]
    for page, lines, folds_mm in zip(reader.pages, marks(path), expected):
        trim_x0 = boxes(page)["trimbox"][0]
        dashed = [line for line in lines if line["dash"][0]]
        xs = sorted({round((line["x0"] - trim_x0) / MM, 2) for line in dashed})
        assert xs == folds_mm
        assert len(dashed) == 4  # above and below the sheet


def test_slug_line_names_the_edition_without_a_date(tmp_path):
    path = built(tmp_path, "press", target="press")
    with pdfplumber.open(path) as pdf:
        slug = [pdf.pages[i].extract_text().splitlines()[-1] for i in (0, 1)]
    assert slug[0].startswith("town-library | en-GB | A4 297 x 210 mm roll-fold, press | leaflet ")
    assert slug[0].endswith("outside page") and slug[1].endswith("inside page")
    assert not re.search(r"20\d\d", " ".join(slug))


def accent_rects(path: Path, page_index: int = 0) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[page_index]
        blue = [NHS_BLUE, tuple(to_cmyk("#005EB8"))]  # a press PDF is in CMYK, for its output intent
        return [r for r in page.rects if any(_same(r["non_stroking_color"], colour) for colour in blue)]


def _same(found, colour) -> bool:
    return found is not None and len(found) == len(colour) and found == pytest.approx(colour, abs=0.01)


def test_cover_band_runs_into_the_bleed_for_press(tmp_path):
    path = built(tmp_path, "press", target="press")
    page = pypdf.PdfReader(path).pages[0]
    bx0, by0, bx1, by1 = boxes(page)["bleedbox"]
    height = float(page.mediabox.top)
    top_band = min(accent_rects(path), key=lambda r: r["top"])
    assert height - top_band["top"] == pytest.approx(by1, abs=0.01)  # up to the bleed edge
    assert top_band["x1"] == pytest.approx(bx1, abs=0.01)  # and out past the right-hand trim
    tx0 = boxes(page)["trimbox"][0]
    assert top_band["x0"] == pytest.approx(tx0 + 197 * MM, abs=0.01)  # but not across the fold


def test_cover_band_stops_5_mm_from_the_sheet_edge_for_office(tmp_path):
    path = built(tmp_path, "office")
    top_band = min(accent_rects(path), key=lambda r: r["top"])
    assert top_band["top"] == pytest.approx(5 * MM, abs=0.01)
    assert 297 * MM - top_band["x1"] == pytest.approx(5 * MM, abs=0.01)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for shape in page.rects + page.curves + page.lines:
                assert shape["x0"] >= 5 * MM - 0.01 and shape["x1"] <= page.width - 5 * MM + 0.01
                assert shape["top"] >= 5 * MM - 0.01 and shape["bottom"] <= page.height - 5 * MM + 0.01


@pytest.mark.parametrize(("paper", "width"), [("a4", 99 * MM), ("letter", 11 * 72 / 3)])
def test_z_fold_has_three_equal_panels(paper, width):
    for page in sheet(paper, "z").pages:
        assert [p.box.width for p in page.panels] == pytest.approx([width] * 3)


def test_z_fold_build_keeps_every_glyph_in_equal_panels(tmp_path):
    path = built(tmp_path, "z", fold="z")
    third = 99 * MM
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for char in (c for c in page.chars if c["text"].strip()):
                left = (char["x0"] + char["x1"]) / 2 // third * third
                assert char["x0"] >= left + 5 * MM - 0.5 and char["x1"] <= left + third - 5 * MM + 0.5


def colour_operators(path: Path) -> set[str]:
    found: set[str] = set()
    for page in pypdf.PdfReader(path).pages:
        data = page.get_contents().get_data().decode("latin-1")
        found |= set(re.findall(r"(?<![A-Za-z/])(rg|RG|k|K|g|G|cs|CS|sc|scn)(?![A-Za-z])", data))
    return found


def test_cmyk_output_has_no_rgb_left(tmp_path):
    assert colour_operators(built(tmp_path, "rgb")) >= {"rg"}
    cmyk = built(tmp_path, "cmyk", target="press", cmyk=True)
    operators = colour_operators(cmyk)
    assert "k" in operators
    assert not operators & {"rg", "RG", "g", "G", "cs", "CS"}


def test_body_text_is_plain_100_k_in_cmyk(tmp_path):
    data = pypdf.PdfReader(built(tmp_path, "cmyk", cmyk=True)).pages[1].get_contents().get_data().decode("latin-1")
    assert re.search(r"\b0 0 0 1 k\b", data)


def leaflet_with_image(folder: Path, pixels: int, width_mm: float) -> Path:
    Image.new("RGB", (pixels, pixels), (200, 30, 30)).save(folder / "photo.png")
    source = folder / "leaflet.yaml"
    source.write_text(
        MINIMAL + f"    - image:\n        src: photo.png\n        alt: A red square\n        width_mm: {width_mm}\n",
        encoding="utf-8",
    )
    return source


def test_low_resolution_image_is_a_warning_for_office(tmp_path):
    source = leaflet_with_image(tmp_path, 100, 40)  # 100 px over 40 mm: 63 ppi
    code, out, _ = run("build", str(source), "-o", str(tmp_path / "x.pdf"))
    assert code == 0
    assert "image photo.png on panel 'inside-1' prints at 63 ppi; office printing needs 300 ppi" in out


def test_low_resolution_image_is_an_error_for_press(tmp_path):
    source = leaflet_with_image(tmp_path, 100, 40)
    code, _, err = run("build", str(source), "--target", "press", "-o", str(tmp_path / "x.pdf"))
    assert code == 1
    assert "image photo.png on panel 'inside-1' prints at 63 ppi; press printing needs 300 ppi" in err
    assert not (tmp_path / "x.pdf").exists()


def test_sharp_image_passes_and_is_cmyk_when_asked(tmp_path):
    source = leaflet_with_image(tmp_path, 600, 40)  # 381 ppi
    out = tmp_path / "x.pdf"
    assert run("build", str(source), "--target", "press", "--cmyk", "-o", str(out))[0] == 0
    page = pypdf.PdfReader(out).pages[1]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    assert [str(i["/ColorSpace"]) for i in images] == ["/DeviceCMYK"]


def test_duplex_offset_moves_the_inside_page_only(tmp_path):
    plain = built(tmp_path, "plain")
    moved = built(tmp_path, "moved", duplex_offset_mm=(2.0, -1.0))
    with pdfplumber.open(plain) as a, pdfplumber.open(moved) as b:
        assert [(c["x0"], c["top"]) for c in a.pages[0].chars] == [(c["x0"], c["top"]) for c in b.pages[0].chars]
        for before, after in zip(a.pages[1].chars, b.pages[1].chars):
            assert after["x0"] - before["x0"] == pytest.approx(2 * MM, abs=0.01)
            assert after["top"] - before["top"] == pytest.approx(1 * MM, abs=0.01)  # 'top' grows downwards


def test_printer_profile_gives_the_duplex_offset(tmp_path):
    profile = tmp_path / "printer.yaml"
    profile.write_text("name: Ward 3 printer\nduplex_offset_mm: [1.5, 0]\n", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert run("build", str(SAMPLE), "--printer", str(profile), "-o", str(out))[0] == 0
    with pdfplumber.open(out) as pdf, pdfplumber.open(built(tmp_path, "plain")) as plain:
        assert pdf.pages[1].chars[0]["x0"] - plain.pages[1].chars[0]["x0"] == pytest.approx(1.5 * MM, abs=0.01)


def test_bad_printer_profile_says_where(tmp_path):
    profile = tmp_path / "printer.yaml"
    profile.write_text("duplex_offset_mm: [1.5]\n", encoding="utf-8")
    code, _, err = run("build", str(SAMPLE), "--printer", str(profile), "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert err.startswith(f"{profile}:1:19: 'duplex_offset_mm' is two numbers")


def test_calibration_sheet_puts_each_scale_behind_its_crosshair(tmp_path):
    path = calibrate(Options(output=tmp_path / "cal.pdf"))
    width = 297 * MM
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        front, back = pdf.pages
        crosses = sorted(
            line["x0"] + line["width"] / 2 for line in front.lines if line["height"] == 0 and line["width"] > 13 * MM
        )
        scales = sorted(
            line["x0"] + line["width"] / 2 for line in back.lines if line["height"] == 0 and line["width"] > 15 * MM
        )
        assert len(crosses) == 3 and len(scales) == 3
        assert [width - x for x in reversed(crosses)] == pytest.approx(scales, abs=0.01)
        assert "flip on short edge" in back.extract_text()
        for page, folds in ((front, [97, 197]), (back, [100, 200])):
            dashed = sorted({round(line["x0"] / MM, 2) for line in page.lines if line["dash"][0]})
            assert dashed == folds


def test_calibration_with_an_offset_moves_only_page_two(tmp_path):
    plain = calibrate(Options(output=tmp_path / "a.pdf"))
    moved = calibrate(Options(output=tmp_path / "b.pdf", duplex_offset_mm=(3.0, 0.0)))
    with pdfplumber.open(plain) as a, pdfplumber.open(moved) as b:
        assert [c["x0"] for c in a.pages[0].chars] == [c["x0"] for c in b.pages[0].chars]
        shifts = {round(y["x0"] - x["x0"], 2) for x, y in zip(a.pages[1].chars, b.pages[1].chars)}
        assert shifts == {round(3 * MM, 2)}


def test_calibrate_command_writes_the_sheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("calibrate", "--paper", "letter")
    assert code == 0 and "flip on short edge" in out
    page = pypdf.PdfReader(tmp_path / "output" / "calibration-letter.pdf").pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 792, 612]


def test_a_sheet_printed_with_an_offset_or_fold_has_its_own_name_and_says_the_offset(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("calibrate")[0] == 0
    plain = (tmp_path / "output" / "calibration-a4.pdf").read_bytes()
    code, out, _ = run("calibrate", "--fold", "z", "--duplex-offset", "2,-1.5")
    moved = tmp_path / "output" / "calibration-a4.z-fold.offset-x+2-y-1.5.pdf"
    assert code == 0 and moved.name in out
    assert (tmp_path / "output" / "calibration-a4.pdf").read_bytes() == plain  # the plain sheet is still there
    with pdfplumber.open(moved) as pdf:
        page = pdf.pages[1]
        said = " ".join(page.crop((0, 0, page.width / 3, page.height)).extract_text().split())  # the first panel
    assert "This sheet was printed with --duplex-offset 2,-1.5: this side moved X +2 mm, Y -1.5 mm." in said
    assert "add what you read to it" in said


def test_a_duplex_offset_is_refused_for_press(tmp_path):
    code, _, err = run("build", str(SAMPLE), "--target", "press", "--duplex-offset", "2,1")
    assert code == 2 and "a duplex offset makes up for an office printer" in err


def test_duplex_offset_keeps_office_colour_off_the_unprintable_margin(tmp_path):
    path = built(tmp_path, "moved", duplex_offset_mm=(-4.0, 0.0))  # would push inside bands off the left edge
    with pdfplumber.open(path) as pdf:
        assert any(rect["x0"] < 10 * MM for rect in pdf.pages[1].rects)  # the band at the top of inside-1
        for page in pdf.pages:
            for rect in page.rects:
                assert rect["x0"] >= 5 * MM - 0.01 and rect["x1"] <= page.width - 5 * MM + 0.01

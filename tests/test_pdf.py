"""The built IPT leaflet, read back from the PDF: pages, panels, glyph positions, text, fonts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from leaflet.build import Options, build

from .conftest import FIXTURES, MM, ROOT

# Panel edges in mm from the left of each page, as a printer specifies a roll fold.
A4_PANELS = {
    0: {"flap": (0, 97), "back": (97, 197), "front": (197, 297)},
    1: {"inside-1": (0, 100), "inside-2": (100, 200), "inside-3": (200, 297)},
}
LETTER_IN = {
    0: {"flap": (0, 3.625), "back": (3.625, 7.3125), "front": (7.3125, 11)},
    1: {"inside-1": (0, 3.6875), "inside-2": (3.6875, 7.375), "inside-3": (7.375, 11)},
}
SAFE = 5 * MM


def panels_pt(paper: str) -> dict[int, dict[str, tuple[float, float]]]:
    if paper == "a4":
        return {p: {n: (a * MM, b * MM) for n, (a, b) in row.items()} for p, row in A4_PANELS.items()}
    return {p: {n: (a * 72, b * 72) for n, (a, b) in row.items()} for p, row in LETTER_IN.items()}


def panel_text(pdf_path: Path, paper: str = "a4") -> dict[str, str]:
    texts = {}
    with pdfplumber.open(pdf_path) as pdf:
        for index, row in panels_pt(paper).items():
            page = pdf.pages[index]
            for name, (x0, x1) in row.items():
                texts[name] = page.crop((x0, 0, x1, page.height)).extract_text() or ""
    return texts


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\u00ad\-]+", "", text)


def test_leaflet_has_two_a4_landscape_pages(ipt_pdf):
    reader = pypdf.PdfReader(ipt_pdf)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(297 * MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(210 * MM, abs=0.01)


def test_letter_build_has_letter_pages(ipt_letter_pdf):
    reader = pypdf.PdfReader(ipt_letter_pdf)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == [(792, 612)] * 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_glyph_is_at_least_5_mm_inside_its_panel(paper, ipt_pdf, ipt_letter_pdf):
    path = ipt_pdf if paper == "a4" else ipt_letter_pdf
    checked = 0
    with pdfplumber.open(path) as pdf:
        for index, row in panels_pt(paper).items():
            page = pdf.pages[index]
            for char in page.chars:
                if not char["text"].strip():
                    continue
                centre = (char["x0"] + char["x1"]) / 2
                x0, x1 = next(edges for edges in row.values() if edges[0] <= centre < edges[1])
                assert char["x0"] >= x0 + SAFE - 0.5 and char["x1"] <= x1 - SAFE + 0.5, char
                assert char["top"] >= SAFE - 0.5 and char["bottom"] <= page.height - SAFE + 0.5, char
                checked += 1
    assert checked > 3000


@pytest.mark.parametrize(
    ("panel", "heading"),
    [
        ("front", "Inter Personal Therapy (IPT)"),
        ("flap", "IPT moves through three main stages"),
        ("inside-1", "What is IPT?"),
        ("inside-2", "IPT usually focuses on one of these four interpersonal issues"),
        ("inside-3", "Length and frequency of treatment"),
        ("inside-3", "Use of Medication"),
        ("inside-3", "Finding out more about IPT"),
    ],
)
def test_each_heading_is_on_its_own_panel_or_later_in_its_flow(ipt_pdf, panel, heading):
    texts = {name: normalised(text) for name, text in panel_text(ipt_pdf).items()}
    holders = [name for name, text in texts.items() if normalised(heading) in text]
    order = ["front", "flap", "inside-1", "inside-2", "inside-3", "back"]
    assert len(holders) == 1 and order.index(holders[0]) >= order.index(panel)
    assert panel == "front" or holders[0] != "front"  # the cover is pinned: nothing flows onto it


def test_continued_issues_stay_on_inside_2_and_inside_3(ipt_pdf):
    texts = panel_text(ipt_pdf)
    inside = normalised(texts["inside-2"] + texts["inside-3"])
    for heading in ("Changes in life", "Difficulties with another person", "Grief and loss", "Difficulty in beginning"):
        assert normalised(heading) in inside
    assert normalised("Not having someone to turn to") in normalised(texts["inside-3"])


def seed_sentences() -> list[str]:
    text = (FIXTURES / "ipt-seed.txt").read_text(encoding="utf-8")
    parts = re.split(r"(?<=[.!?:])\s+|\n\s*\n", text)
    return [" ".join(p.split()) for p in parts if len(normalised(p)) > 3]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_sentence_of_the_original_is_printed(paper, ipt_pdf, ipt_letter_pdf):
    texts = panel_text(ipt_pdf if paper == "a4" else ipt_letter_pdf, paper)
    order = ["front", "flap", "inside-1", "inside-2", "inside-3", "back"]
    whole = normalised(" ".join(texts[name] for name in order))
    sentences = seed_sentences()
    assert len(sentences) > 40
    missing = [s for s in sentences if normalised(s) not in whole]
    assert missing == []


def test_fonts_are_embedded_subsets(ipt_pdf):
    reader = pypdf.PdfReader(ipt_pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = descriptor.get_object() if descriptor else {}
    assert fonts, "no fonts found"
    for name, descriptor in fonts.items():
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert re.match(r"^/[A-Z]{6}\+NotoSans", name), f"{name} is not a Noto Sans subset"


def test_body_text_is_never_below_11_pt_and_mostly_12(ipt_pdf):
    with pdfplumber.open(ipt_pdf) as pdf:
        sizes = [round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip()]
    assert min(sizes) >= 11
    assert sum(1 for s in sizes if s >= 12) / len(sizes) > 0.6


def test_metadata_title_language_and_duplex_hint(ipt_pdf):
    reader = pypdf.PdfReader(ipt_pdf)
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Inter Personal Therapy (IPT)"
    assert "Interpersonal Therapy" in reader.metadata.subject
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"


def test_web_address_in_the_text_is_a_clickable_link(ipt_pdf):
    reader = pypdf.PdfReader(ipt_pdf)
    links = [
        ([float(v) for v in a.get_object()["/Rect"]], a.get_object()["/A"]["/URI"])
        for a in reader.pages[0].get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    with pdfplumber.open(ipt_pdf) as pdf:
        page = pdf.pages[0]
        [word] = [w for w in page.extract_words() if w["text"].endswith("www.iptuk.org")]
    x_mid, y_mid = word["x1"] - 10, page.height - (word["top"] + word["bottom"]) / 2  # inside the address
    over_word = [uri for (x0, y0, x1, y1), uri in links if x0 <= x_mid <= x1 and y0 <= y_mid <= y1]
    assert over_word == ["https://www.iptuk.org"]
    assert len(links) == 2  # the address in the text and the QR code


def test_two_builds_of_the_same_source_are_byte_identical(tmp_path):
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    build(ROOT / "content.yaml", Options(output=first))
    build(ROOT / "content.yaml", Options(output=second))
    assert first.read_bytes() == second.read_bytes()


def test_text_is_left_aligned_not_justified(ipt_pdf):
    with pdfplumber.open(ipt_pdf) as pdf:
        page = pdf.pages[1]
        inside_1 = page.crop((0, 0, 100 * MM, page.height))
        lines = inside_1.extract_text_lines()
    body_size = float(pypdf.PdfReader(ipt_pdf).metadata["/Keywords"].split("body text ")[1].split(" pt")[0])
    body = [line for line in lines if line["chars"][0]["size"] <= body_size + 0.01]
    starts = {round(line["x0"], 1) for line in body}
    ends = {round(line["x1"]) for line in body}
    assert len(starts) == 1  # one left edge
    assert len(ends) > len(body) / 2  # ragged right

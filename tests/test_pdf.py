"""The built leaflet, read back from the PDF: pages, panels, glyph positions, text, fonts.

The engine is tested on the test leaflet (tests/fixtures/leaflet/); the last test is about the
IPT edition itself: that content.yaml prints every sentence of the original leaflet."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from leaflet.build import Options, build
from leaflet.content import load
from leaflet.markup import parse_inline
from leaflet.translation import extract

from .conftest import FIXTURES, MM, ROOT, SAMPLE

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


def test_leaflet_has_two_a4_landscape_pages(sample_pdf):
    reader = pypdf.PdfReader(sample_pdf)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(297 * MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(210 * MM, abs=0.01)


def test_letter_build_has_letter_pages(sample_letter_pdf):
    reader = pypdf.PdfReader(sample_letter_pdf)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == [(792, 612)] * 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_glyph_is_at_least_5_mm_inside_its_panel(paper, sample_pdf, sample_letter_pdf):
    path = sample_pdf if paper == "a4" else sample_letter_pdf
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
    assert checked > 1300  # every glyph of the test leaflet (1414)


@pytest.mark.parametrize(
    ("panel", "heading"),
    [
        ("front", "Visiting the town library"),
        ("flap", "A visit has three steps"),
        ("inside-1", "What the library offers"),
        ("inside-2", "Four things to try this month"),
        ("inside-2", "Local history:"),
        ("inside-3", "Opening hours"),
        ("inside-3", "Finding out more"),
        ("back", "Your clinic"),
    ],
)
def test_each_heading_is_on_its_own_panel_or_later_in_its_flow(sample_pdf, panel, heading):
    texts = {name: normalised(text) for name, text in panel_text(sample_pdf).items()}
    holders = [name for name, text in texts.items() if normalised(heading) in text]
    order = ["front", "flap", "inside-1", "inside-2", "inside-3", "back"]
    assert len(holders) == 1 and order.index(holders[0]) >= order.index(panel)
    assert panel == "front" or holders[0] != "front"  # the cover is pinned: nothing flows onto it


def test_text_written_under_inside_2_runs_on_into_inside_3(sample_pdf):
    texts = panel_text(sample_pdf)
    inside = normalised(texts["inside-2"] + texts["inside-3"])
    for heading in ("Reading group:", "Computer help:", "Story time:", "Local history:"):
        assert normalised(heading) in inside
    # inside-2 is written longer than its panel: its callout and list are carried on to inside-3
    for carried in ("You can ask for a book we do not have", "Books in other languages"):
        assert normalised(carried) in normalised(texts["inside-3"])
        assert normalised(carried) not in normalised(texts["inside-2"])


def seed_sentences() -> list[str]:
    text = (FIXTURES / "ipt-seed.txt").read_text(encoding="utf-8")
    parts = re.split(r"(?<=[.!?:])\s+|\n\s*\n", text)
    return [" ".join(p.split()) for p in parts if len(normalised(p)) > 3]


NOT_PRINTED = (
    "leaflet/title",
    "leaflet/subject",
    "back/1.clinic/email",
    "back/1.clinic/website",
    "back/1.clinic/hours",
)
"""The test leaflet's texts that are not printed: the PDF's title and subject, and the labels of
clinic fields its sample clinic leaves out (picture descriptions are not printed either)."""


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_text_of_the_source_is_printed(paper, sample_pdf, sample_letter_pdf):
    texts = panel_text(sample_pdf if paper == "a4" else sample_letter_pdf, paper)
    whole = normalised(" ".join(texts[name] for name in ["front", "flap", "inside-1", "inside-2", "inside-3", "back"]))
    printed = [
        parse_inline(entry.msgid).plain
        for entry in extract(load(SAMPLE))
        if entry.msgctxt not in NOT_PRINTED and not entry.msgctxt.endswith("/alt")
    ]
    assert len(printed) > 30
    assert [text for text in printed if normalised(text) not in whole] == []


def test_fonts_are_embedded_subsets(sample_pdf):
    reader = pypdf.PdfReader(sample_pdf)
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


def test_body_text_is_never_below_11_pt_and_mostly_12(sample_pdf):
    with pdfplumber.open(sample_pdf) as pdf:
        sizes = [round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip()]
    assert min(sizes) >= 11
    assert sum(1 for s in sizes if s >= 12) / len(sizes) > 0.6


def test_metadata_title_language_and_duplex_hint(sample_pdf):
    reader = pypdf.PdfReader(sample_pdf)
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Visiting the town library"
    assert reader.metadata.subject == "A sample leaflet about visiting the town library"
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipShortEdge"


def test_web_address_in_the_text_is_a_clickable_link(sample_pdf):
    reader = pypdf.PdfReader(sample_pdf)
    links = [
        ([float(v) for v in a.get_object()["/Rect"]], a.get_object()["/A"]["/URI"])
        for a in reader.pages[1].get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link"
    ]
    with pdfplumber.open(sample_pdf) as pdf:
        page = pdf.pages[1]
        [word] = [w for w in page.extract_words() if w["text"].endswith("www.example.org")]
    x_mid, y_mid = word["x1"] - 10, page.height - (word["top"] + word["bottom"]) / 2  # inside the address
    over_word = [uri for (x0, y0, x1, y1), uri in links if x0 <= x_mid <= x1 and y0 <= y_mid <= y1]
    assert over_word == ["https://www.example.org"]
    assert len(links) == 2  # the address in the text and the QR code
    assert not reader.pages[0].get("/Annots")  # nothing on the outside page links anywhere


def test_two_builds_of_the_same_source_are_byte_identical(tmp_path):
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    build(SAMPLE, Options(output=first))
    build(SAMPLE, Options(output=second))
    assert first.read_bytes() == second.read_bytes()


def test_text_is_left_aligned_not_justified(sample_pdf):
    with pdfplumber.open(sample_pdf) as pdf:
        page = pdf.pages[1]
        inside_1 = page.crop((0, 0, 100 * MM, page.height))
        lines = inside_1.extract_text_lines()
    body_size = float(pypdf.PdfReader(sample_pdf).metadata["/Keywords"].split("body text ")[1].split(" pt")[0])
    body = [line for line in lines if line["chars"][0]["size"] <= body_size + 0.01]
    starts = {round(line["x0"], 1) for line in body}
    ends = {round(line["x1"]) for line in body}
    assert len(starts) == 1  # one left edge
    assert len(ends) > len(body) / 2  # ragged right


# -- the IPT edition ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ipt_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The IPT leaflet, built from the project's own content.yaml on A4 and US Letter."""
    folder = tmp_path_factory.mktemp("ipt")
    for paper in ("a4", "letter"):
        build(ROOT / "content.yaml", Options(paper=paper, output=folder / f"{paper}.pdf"))
    return {paper: folder / f"{paper}.pdf" for paper in ("a4", "letter")}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_ipt_edition_prints_every_sentence_of_the_original(paper, ipt_pdfs):
    """About the IPT edition itself, so on content.yaml: every sentence of the printed original
    leaflet (tests/fixtures/ipt-seed.txt) is in it, on both papers."""
    texts = panel_text(ipt_pdfs[paper], paper)
    order = ["front", "flap", "inside-1", "inside-2", "inside-3", "back"]
    whole = normalised(" ".join(texts[name] for name in order))
    sentences = seed_sentences()
    assert len(sentences) > 40
    missing = [s for s in sentences if normalised(s) not in whole]
    assert missing == []


def test_a_link_to_an_address_in_another_script_is_written_in_ascii(tmp_path):
    source = tmp_path / "links.yaml"
    source.write_text(
        "leaflet: {id: l, title: Links, language: en-GB}\npanels:\n  front:\n"
        '    - paragraph: "See [пример.рф](https://пример.рф/помощь) or [mail](mailto:zoë@example.org)."\n',
        encoding="utf-8",
    )
    build(source, Options(output=tmp_path / "l.pdf"))
    reader = pypdf.PdfReader(tmp_path / "l.pdf")
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])]
    assert sorted(uris) == [
        "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C",
        "mailto:zo%C3%AB@example.org",
    ]
    with pdfplumber.open(tmp_path / "l.pdf") as pdf:
        assert "пример.рф" in "".join(page.extract_text() for page in pdf.pages)  # printed as written

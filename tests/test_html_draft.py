"""An unreviewed translation built with --draft as HTML says so, as its PDF does: band, title, noindex."""

from __future__ import annotations

import io
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from leaflet.cli import main
from leaflet.colours import contrast_ratio
from leaflet.content import load
from leaflet.layout.prepress import DRAFT_COLOUR, DRAFT_TEXT
from leaflet.render.html import render_html
from leaflet.translation import extract, translate, write_po

from .conftest import MINIMAL

SOURCE = MINIMAL + "    - paragraph: More text.\n"
POLISH = {
    "leaflet/title": "Mała ulotka",
    "front/0.heading": "Dzień dobry",
    "inside-1/0.paragraph": "Trochę tekstu w środku.",
    "inside-1/1.paragraph": "Więcej tekstu.",
}


class Page(HTMLParser):
    """The page's elements in order (tag, attributes, text inside), its title, and its meta tags."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.open: list[list[str]] = []
        self.title = ""
        self.meta: dict[str, str | None] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "name" in attributes:
            self.meta[attributes["name"] or ""] = attributes.get("content")
        self.elements.append((tag, attributes, []))
        self.open.append(self.elements[-1][2])

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.elements[-1][0] == "title" and self.open[-1] is self.elements[-1][2]:
            self.title += data
        for texts in self.open:
            texts.append(data)

    def body(self) -> list[tuple[str, dict[str, str | None], str]]:
        """The elements inside <main>, in reading order, with all the text inside each."""
        start = next(i for i, (tag, _, _) in enumerate(self.elements) if tag == "main")
        return [(tag, attrs, " ".join("".join(texts).split())) for tag, attrs, texts in self.elements[start + 1 :]]


def project(tmp_path: Path, translated: dict[str, str]) -> Path:
    """The tiny leaflet, and a Polish PO file with the given entries filled in."""
    source = tmp_path / "leaflet.yaml"
    source.write_text(SOURCE, encoding="utf-8")
    po = extract(load(source))
    po.metadata["Language"] = "pl"
    for entry in po:
        entry.msgstr = translated.get(entry.msgctxt or "", "")
    write_po(po, tmp_path / "translations" / "pl.po")
    return source


def build(source: Path, *args: str) -> Page:
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", str(source), "--lang", "pl", "--format", "html", *args], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    path = source.parent / out.getvalue().split()[1].rstrip(":")
    assert path.suffix == ".html"
    return Page(path.read_text(encoding="utf-8"))


def test_a_draft_page_opens_with_a_band_saying_it_is_not_for_patients(tmp_path):
    unfinished = {k: v for k, v in POLISH.items() if k != "inside-1/1.paragraph"}
    page = build(project(tmp_path, unfinished), "--draft")
    body = page.body()
    tag, attrs, text = body[0]  # first in reading order, before the leaflet's title
    assert tag == "div" and attrs["role"] == "note" and attrs["class"] == "draft"
    assert attrs["lang"] == "en-GB" and attrs["dir"] == "ltr"  # English, whatever the page's language
    assert DRAFT_TEXT in text and "not been reviewed" in text and "patients" in text
    assert [t for tag, _, t in body if tag == "h1"] == ["Mała ulotka"]
    assert [t for tag, _, t in body if tag == "p"][-1] == "More text."  # missing: left in English
    assert page.title == "DRAFT - Mała ulotka"
    assert page.meta["robots"] == "noindex"


def test_a_final_page_has_no_draft_mark(tmp_path):
    page = build(project(tmp_path, POLISH))
    body = page.body()
    assert body[0][0] == "h1" and body[0][2] == "Mała ulotka"
    assert not any(attrs.get("role") == "note" or "DRAFT" in text for _, attrs, text in body)
    assert page.title == "Mała ulotka" and "robots" not in page.meta


def test_draft_is_marked_even_when_the_translation_is_complete(tmp_path):
    page = build(project(tmp_path, POLISH), "--draft")  # as the PDF: --draft means unreviewed
    assert page.body()[0][1]["role"] == "note" and page.title.startswith("DRAFT")


def test_the_draft_band_reads_left_to_right_on_a_right_to_left_page(tmp_path):
    source = project(tmp_path, POLISH)
    draft, _ = translate(load(source), tmp_path / "translations" / "pl.po", draft=True)
    arabic = replace(draft, language="ar", title="نشرة")
    page = Page(render_html(arabic, draft=True))
    assert page.elements[0][1]["dir"] == "rtl"
    assert page.body()[0][1]["dir"] == "ltr" and page.title == "DRAFT - نشرة"
    assert "robots" not in Page(render_html(arabic)).meta  # only a draft is kept out of search engines


def test_the_band_is_readable(tmp_path):
    style = render_html(load(project(tmp_path, POLISH)), draft=True)
    assert f"background: {DRAFT_COLOUR}; color: #FFFFFF" in style
    assert contrast_ratio("#FFFFFF", DRAFT_COLOUR) >= 4.5  # WCAG AA for its normal-size sentence

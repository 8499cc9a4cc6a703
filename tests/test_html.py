"""`leaflet build --format html`: one self-contained page per edition, with the leaflet's structure."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from leaflet.content import load
from leaflet.markup import parse_inline
from leaflet.translation import extract

from .conftest import CLINIC, SAMPLE
from .test_cli import run
from .test_translation import normalised


class Page(HTMLParser):
    """What a test needs from a page: its tags in order, attributes, and its text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The test leaflet with its picture and translations, in a fresh folder."""
    shutil.copytree(SAMPLE.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / SAMPLE.name


def build_html(project: Path, *args: str) -> Page:
    code, out, err = run("build", str(project), "--format", "html", "--clinic", str(CLINIC), *args)
    assert code == 0, err
    path = project.parent / out.split()[1].rstrip(":")
    assert path.suffix == ".html"
    return Page(path.read_text(encoding="utf-8"))


def test_the_page_has_one_h1_headings_lists_and_every_text(project):
    page = build_html(project)
    assert page.count("h1") == 1 and page.count("h2") >= 3 and page.count("h3") >= 5
    assert page.count("ol") == 1 and page.count("ul") == 1 and page.count("aside") >= 2 and page.count("address") == 1
    html_tag = dict(page.tags)["html"]
    assert html_tag["lang"] == "en-GB" and html_tag["dir"] == "ltr"
    printed = [  # every text but the PDF's description, those of pictures, and the sample clinic's note
        parse_inline(entry.msgid).plain
        for entry in extract(load(project))
        if entry.msgctxt != "leaflet/subject" and not entry.msgctxt.endswith(("/alt", "clinic/sample"))
    ]
    whole = normalised(page.words)
    assert len(printed) > 30
    assert [text for text in printed if normalised(text) not in whole] == []
    assert "Riverside Talking Therapies" in page.words and "Sample Town Library" not in page.words


def test_every_picture_has_its_alternative(project):
    page = build_html(project)
    pictures = [attrs for tag, attrs in page.tags if tag in ("img", "svg")]
    assert len(pictures) == 3  # the illustration, the picture and the QR code
    assert all((attrs.get("alt") or attrs.get("aria-label")) for attrs in pictures)
    assert [attrs.get("alt") for tag, attrs in page.tags if tag == "img"] == ["Three books in a pile."]
    assert any("www.example.org" in (attrs.get("aria-label") or "") for attrs in pictures)  # the QR code's address
    loaded = [attrs for tag, attrs in page.tags if tag in ("img", "script", "link")]
    fetched = [attrs.get("src") or attrs.get("href") or "" for attrs in loaded]
    assert not any(address.startswith("http") for address in fetched)  # self-contained


def test_a_right_to_left_edition_is_marked_rtl_with_its_language(project):
    page = build_html(project, "--lang", "ar")
    html_tag = dict(page.tags)["html"]
    assert html_tag["dir"] == "rtl" and html_tag["lang"] == "ar"
    assert "(Wi-Fi)" in page.words and "12 Mill Lane" in page.words


def test_markup_in_text_is_escaped_not_run(project, tmp_path):
    text = project.read_text(encoding="utf-8").replace(
        "title: Visiting the town library", 'title: "Visiting the town library <script>alert(1)</script>"', 1
    )
    project.write_text(text, encoding="utf-8")
    page = build_html(project)
    assert page.count("script") == 0

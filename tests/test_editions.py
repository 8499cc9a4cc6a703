"""Every demo translation in translations/, built final and read back from its PDF.

What copy, search and screen readers get (pdftotext, which honours /ActualText as
most Linux readers do) must be the translation as written; lines must break by each
language's rules. The words compared are the printed ones: every PO entry but the
PDF's title, its subject and picture descriptions.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import polib
import pytest

from leaflet.build import Options, make
from leaflet.markup import parse_inline

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = sorted(path.stem for path in (ROOT / "translations").glob("*.po"))
NOT_PRINTED = ("leaflet/title", "leaflet/subject", "back/1.clinic/sample")
"""Entries not printed: the PDF's title and subject, and the sample-details note (a clinic is given)."""
CLINIC = Path(__file__).resolve().parent / "fixtures" / "clinic" / "riverside.yaml"
NEEDS_PDFTOTEXT = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian's poppler-utils) is not installed"
)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    folder = tmp_path_factory.mktemp("editions")
    built = {}
    for language in LANGUAGES:
        edition = make(ROOT / "content.yaml", Options(lang=language, clinic=CLINIC))
        path = folder / f"{language}.pdf"
        path.write_bytes(edition.pdf)
        built[language] = (path, edition)
    return built


def without_format_marks(text: str) -> str:
    """Text without the direction marks and embeddings readers add (ZWNJ and ZWJ are spelling)."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf" or char in "\u200c\u200d")


def printed(language: str) -> list[str]:
    entries = polib.pofile(str(ROOT / "translations" / f"{language}.po"))
    return [
        without_format_marks(parse_inline(entry.msgstr).plain)
        for entry in entries
        if entry.msgctxt not in NOT_PRINTED and not entry.msgctxt.endswith("/alt")
    ]


def pdftotext(path: Path) -> str:
    return without_format_marks(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)


def test_there_is_a_demo_translation_for_every_script_issue_languages_need():
    assert {"ta", "gu", "ti", "zh-Hant", "ar", "ur", "bn", "pa", "zh-Hans", "pl", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_edition_builds_final_at_one_body_size(editions, language):
    _, edition = editions[language]
    assert edition.errors == []
    floor = edition.leaflet.typography.body_min
    assert edition.layout.copyfit.body >= floor >= 10


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize("language", [code for code in LANGUAGES if not code.startswith("zh")])
def test_copying_an_edition_gives_back_the_translations_words(editions, language):
    path, _ = editions[language]
    found = collections.Counter(pdftotext(path).split())
    wanted = [word for text in printed(language) for word in text.split()]
    missing = []
    for word in wanted:
        if found[word]:
            found[word] -= 1
        else:
            missing.append(word)
    assert len(missing) <= 0.02 * len(wanted), missing[:10]


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize("language", [code for code in LANGUAGES if code.startswith("zh")])
def test_copying_a_chinese_edition_gives_back_whole_sentences(editions, language):
    path, _ = editions[language]
    flat = "".join(pdftotext(path).split())
    sentences = [s for text in printed(language) for s in re.split("(?<=[。！？])", "".join(text.split())) if s]
    missing = [sentence for sentence in sentences if sentence not in flat]
    assert len(missing) <= 0.02 * len(sentences), missing[:3]


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize("language", LANGUAGES)
def test_brackets_read_back_in_logical_order(editions, language):
    path, _ = editions[language]
    text = pdftotext(path)
    for term in ("(NICE)", "(IPT)"):
        if any(term in line for line in printed(language)):
            assert term in text, term


@NEEDS_PDFTOTEXT
@pytest.mark.parametrize("language", ["ur", "ar", "fa", "pl", "zh-Hans"])
def test_the_clinics_details_read_back_as_written_in_every_script(editions, language):
    path, edition = editions[language]
    lines = [
        line.replace("\u00a0", " ").strip() for line in pdftotext(path).splitlines()
    ]  # a no-break space keeps the number whole
    for written in ("Riverside Talking Therapies", "12 Mill Lane", "TV1 4AB"):
        assert any(written in line for line in lines), written
    assert "talking.therapies@example.nhs.uk" in "".join(lines)  # a long address may be cut over two lines
    assert any("01234 567890" in line for line in lines)  # the number's groups in their order
    assert edition.leaflet.author == "Riverside Talking Therapies"


def panel_lines(path: Path) -> list[str]:
    """Each printed line of each panel: characters grouped by baseline, split where a gap
    as wide as a fold margin separates two panels."""
    lines = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[float, list[dict]] = collections.defaultdict(list)
            for char in page.chars:
                rows[round(char["bottom"], 0)].append(char)
            for row in rows.values():
                row.sort(key=lambda char: char["x0"])
                current = [row[0]]
                for char in row[1:]:
                    if char["x0"] - current[-1]["x1"] > 20:
                        lines.append("".join(c["text"] for c in current))
                        current = []
                    current.append(char)
                lines.append("".join(c["text"] for c in current))
    return lines


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code in ("pl", "uk", "cs", "sk")])
def test_no_line_ends_in_a_one_letter_word(editions, language):
    path, _ = editions[language]
    stranded = [line for line in panel_lines(path) if re.search(r"(?:^|\s)[^\W\d_]\s*$", line)]
    assert stranded == []


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code.startswith("zh")])
def test_no_chinese_line_holds_a_single_character(editions, language):
    path, _ = editions[language]
    ideograph = re.compile("[\u3400-\u9fff]")
    lonely = [line for line in panel_lines(path) if ideograph.search(line) and len(ideograph.findall(line)) < 2]
    assert lonely == []

"""Translated editions in other scripts, read back from the PDF: shaping, right to left, fonts, fit."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pdfplumber
import polib
import pypdf
import pytest
from fontTools.ttLib import TTFont

from leaflet.build import Options, build
from leaflet.layout.lines import TextStyle, set_text
from leaflet.markup import parse_inline
from leaflet.render import Fonts

from .conftest import FIXTURES, MM
from .test_cli import run

MINI = FIXTURES / "mini" / "leaflet.yaml"
LANGUAGES = ["ar", "ur", "bn", "zh-Hans", "pl"]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("editions")
    built = {}
    for lang in LANGUAGES:
        built[lang] = folder / f"mini.{lang}.pdf"
        build(MINI, Options(lang=lang, output=built[lang]))
    return built


def body_sizes(path: Path) -> tuple[float, float]:
    """The edition's body size, from the PDF's keywords, and the largest size a body-text glyph may have
    (Naskh is set a quarter larger than the nominal size; subheadings start above that)."""
    body = float(re.search(r"body text ([\d.]+) pt", pypdf.PdfReader(path).metadata["/Keywords"])[1])
    return body - 0.01, body * 1.3


def notdef_glyphs(path: Path) -> list[str]:
    """Characters drawn with glyph 0 (.notdef, an empty box): read from the embedded subsets themselves."""
    found = []
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            program = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            cmap = TTFont(io.BytesIO(program)).getBestCmap() or {}
            first = int(font["/FirstChar"])
            used = [first + i for i, width in enumerate(font["/Widths"]) if width]
            found += [f"{font['/BaseFont']} code {code}" for code in used if code and cmap.get(code) == ".notdef"]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_glyph_exists_and_every_font_is_embedded(editions, lang):
    assert notdef_glyphs(editions[lang]) == []
    reader = pypdf.PdfReader(editions[lang])
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            assert "/FontFile2" in ref.get_object()["/FontDescriptor"]


@pytest.mark.parametrize(
    ("lang", "font"), [("ar", "NotoNaskhArabic"), ("ur", "NotoNastaliqUrdu"), ("bn", "NotoSansBengali")]
)
def test_script_font_and_latin_fallback_are_both_used(editions, lang, font):
    with pdfplumber.open(editions[lang]) as pdf:
        names = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert any(n.startswith(font) for n in names), names
    assert any(n.startswith("NotoSans-") for n in names), names  # for "IPT", "IPT-UK", the web address


def test_chinese_is_set_in_a_truetype_cjk_font_that_also_has_latin(editions):
    with pdfplumber.open(editions["zh-Hans"]) as pdf:
        names = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert names == {"WenQuanYiMicroHei-0"}


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_right_to_left_editions_mirror_the_sheet(editions, lang):
    with pdfplumber.open(editions[lang]) as pdf:
        outside, inside = pdf.pages
        banner = [c for c in outside.chars if c["text"] in "IPT" and c["size"] > 20]
        assert banner and max(c["x1"] for c in banner) < 100 * MM  # the front cover is on the left
        words = [c for c in inside.chars if c["size"] < body_sizes(editions[lang])[1] and c["text"].strip()]
        assert min(c["x0"] for c in words) > 197 * MM  # inside-1 is the right-hand panel
        assert pypdf.PdfReader(editions[lang]).trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_rtl_paragraph_starts_at_the_right_edge_with_its_first_word(editions, lang):
    low, high = body_sizes(editions[lang])
    with pdfplumber.open(editions[lang]) as pdf:
        page = pdf.pages[1]
        body = [c for c in page.chars if c["text"].strip() and low <= c["size"] < high and c["x0"] > 200 * MM]
    latin = sorted((c for c in body if c["text"] in "IPT"), key=lambda c: (round(c["top"]), c["x0"]))
    first_word = latin[:3]
    assert "".join(c["text"] for c in first_word) == "IPT"  # the paragraph opens with "IPT"
    band = [c for c in body if first_word[0]["top"] - 2 < (c["top"] + c["bottom"]) / 2 < first_word[0]["bottom"] + 2]
    assert max(c["x1"] for c in band) == pytest.approx(first_word[-1]["x1"], abs=0.5)  # nothing to its right
    assert first_word[-1]["x1"] == pytest.approx((297 - 9) * MM, abs=1.0)  # flush with the right margin


def test_arabic_lines_are_flush_right(editions):
    low, high = body_sizes(editions["ar"])
    with pdfplumber.open(editions["ar"]) as pdf:
        page = pdf.pages[1]
        body = [
            c for c in page.chars
            if low <= c["size"] < high and c["x0"] > 200 * MM and unicodedata.category(c["text"][0]) not in ("Mn", "Zs")
        ]  # fmt: skip
    bullets = min((c["top"] for c in body if c["text"] == "\u2022"), default=float("inf"))
    body = [c for c in body if c["bottom"] < bullets - 2]  # a list's lines are indented past its bullets
    lines: dict[int, list[dict]] = {}
    for char in body:
        lines.setdefault(round(char["matrix"][5] / 3), []).append(char)
    right_edges = [max(c["x1"] for c in line) for line in lines.values() if len(line) > 3]
    assert len(right_edges) >= 3
    assert max(right_edges) - min(right_edges) < 1.5


def test_arabic_letters_are_joined_and_right_to_left():
    fonts = Fonts(("noto-naskh-arabic", "noto-sans"))
    shaped = fonts.shape("العلاج", "noto-naskh-arabic:regular", 12)
    glyphs = shaped.__shapeData__
    assert [g.cluster for g in glyphs] == sorted((g.cluster for g in glyphs), reverse=True)  # visual order
    assert str(shaped) != "العلاج"  # contextual forms replaced the isolated letters
    lam_alef = fonts.shape("لا", "noto-naskh-arabic:regular", 12)
    assert "ل" not in str(lam_alef) and "ا" not in str(lam_alef)  # the lam-alef form, not two letters


def test_bengali_conjunct_is_one_glyph_and_vowel_sign_goes_first():
    fonts = Fonts(("noto-sans-bengali", "noto-sans"))
    conjunct = fonts.shape("ক্ষ", "noto-sans-bengali:regular", 12)  # ka + virama + ssa
    assert len(conjunct.__shapeData__) == 1
    kinu = fonts.shape("কি", "noto-sans-bengali:regular", 12)  # ka + vowel sign i, drawn before ka
    assert [g.cluster for g in kinu.__shapeData__] == [0, 0]
    assert kinu[0] != "ক"


class Mono:
    def segments(self, text, role):
        return [(text, role)]

    def width(self, text, face, size):
        return len(text) * size

    def ascent(self, face, size):
        return size

    def descent(self, face, size):
        return 0.0

    def scale(self, face):
        return 1.0

    def line_factor(self, face):
        return 1.0


def test_chinese_breaks_between_characters_but_never_before_closing_punctuation():
    style = TextStyle(10, 14, "#000000", "#0000FF", language="zh")
    for width in range(40, 200, 10):
        text = set_text(
            parse_inline("您和您的治疗师，就治疗重点达成一致。然后（IPT）开始。").spans, style, width, Mono()
        )
        starts = [r.text[0] for r in text.runs if r.x == 0]
        ends = [r.text[-1] for r in text.runs]
        assert not set(starts) & set("，。）：；、"), (width, starts)
        assert "（" not in {line[-1] for line in ends}
        assert "".join(r.text for r in text.runs) == "您和您的治疗师，就治疗重点达成一致。然后（IPT）开始。"


def test_translation_round_trip_through_the_command_line(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    source = tmp_path / "mini" / "leaflet.yaml"
    assert run("extract", str(source))[0] == 0
    template = polib.pofile(str(tmp_path / "mini" / "translations" / "mini.pot"))
    for entry in template:
        entry.msgstr = entry.msgid.replace("therapy", "terapia").replace("IPT is", "IPT jest")
    template.metadata["Language"] = "pl"
    template.save(str(tmp_path / "mini" / "translations" / "xx.po"))
    code, out, err = run(
        "build", str(source), "--lang", "pl", "--po", str(tmp_path / "mini" / "translations" / "xx.po")
    )
    assert code == 0, err
    pdf = tmp_path / "mini" / "output" / "mini.pl.pdf"
    with pdfplumber.open(pdf) as document:
        text = " ".join(page.extract_text() for page in document.pages)
    assert "IPT jest a focused terapia" in " ".join(text.split())
    assert pypdf.PdfReader(pdf).trailer["/Root"]["/Lang"] == "pl"


def fuzzy_copy(tmp_path: Path, lang: str = "pl") -> Path:
    shutil.copytree(MINI.parent, tmp_path / "mini")
    po = polib.pofile(str(tmp_path / "mini" / "translations" / f"{lang}.po"))
    po[2].flags.append("fuzzy")
    po[5].msgstr = ""
    po.save()
    return tmp_path / "mini" / "leaflet.yaml"


def test_fuzzy_and_missing_entries_block_a_final_edition(tmp_path):
    source = fuzzy_copy(tmp_path)
    code, _, err = run("build", str(source), "--lang", "pl")
    assert code == 1
    assert "fuzzy entry 'flap/0.steps/0/title'" in err and "missing translation for" in err
    assert "pl.po:" in err and "--draft" in err
    assert not (tmp_path / "mini" / "output").exists()


def test_draft_builds_and_marks_every_panel(tmp_path):
    source = fuzzy_copy(tmp_path)
    code, out, _ = run("build", str(source), "--lang", "pl", "--draft")
    assert code == 0
    assert "warning:" in out
    pdf = tmp_path / "mini" / "output" / "mini.pl.draft.pdf"  # a draft never takes the final edition's name
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            lines = page.extract_text().splitlines()
            assert sum("DRAFT TRANSLATION - NOT FOR PATIENT USE" in line for line in lines) >= 1
            marks = [c for c in page.chars if c["text"] == "D" and c["size"] == 6.5]
            assert len(marks) == 3  # one band on each panel
    assert pypdf.PdfReader(pdf).metadata.title.startswith("DRAFT")


def test_a_character_the_edition_fonts_lack_names_language_block_and_the_font_that_has_it(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    po_path = tmp_path / "mini" / "translations" / "ar.po"
    po = polib.pofile(str(po_path))
    po.find("Grief and loss", by="msgid").msgstr = "الحزن ক"
    po.save()
    code, _, err = run("build", str(tmp_path / "mini" / "leaflet.yaml"), "--lang", "ar")
    assert code == 1
    assert "the ar edition's fonts have no glyph for 'ক' (U+0995, BENGALI LETTER KA)" in err and "in the bullets" in err
    assert "panel 'inside-1'" in err and "noto-sans-bengali has it" in err


def test_translation_that_runs_long_shrinks_the_whole_edition_but_not_below_the_floor(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    po_path = tmp_path / "mini" / "translations" / "pl.po"
    po = polib.pofile(str(po_path))
    entry = po.find("Your therapist will discuss medication with you.", by="msgid")
    entry.msgstr = " ".join(["Terapeuta omówi z Tobą leki i ich działanie."] * 30)
    po.save()
    out = tmp_path / "long.pdf"
    edition, _ = build(tmp_path / "mini" / "leaflet.yaml", Options(lang="pl", output=out))
    sizes = {panel.body_size for panel in edition.layout.panels.values()}
    assert len(sizes) == 1 and 11 <= sizes.pop() < 14  # one size for the whole edition, below the ceiling
    assert "body text" in pypdf.PdfReader(out).metadata["/Keywords"]
    entry.msgstr = " ".join(["Terapeuta omówi z Tobą leki i ich działanie."] * 80)
    po.save()
    code, _, err = run("build", str(tmp_path / "mini" / "leaflet.yaml"), "--lang", "pl", "-o", str(out))
    assert code == 1 and "panel 'back' overflows by" in err and "at 11 pt" in err
    line = next(e.linenum for e in polib.pofile(str(po_path)) if e.msgid == entry.msgid)
    assert f"(translated at {po_path}:{line}:1)" in err  # the PO entry, beside the source block
    assert "pl.layout.yaml" in err and "continues_to" not in err  # fixes a translator can make


def test_all_languages_builds_every_edition_in_parallel(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    code, out, _ = run("build", str(tmp_path / "mini" / "leaflet.yaml"), "--all-languages")
    assert code == 0, out
    built = sorted(p.name for p in (tmp_path / "mini" / "output").glob("*.pdf"))
    assert built == ["mini.ar.pdf", "mini.bn.pdf", "mini.pdf", "mini.pl.pdf", "mini.ur.pdf", "mini.zh-Hans.pdf"]
    assert out.count("] ") >= 6 and "6 editions in" in out
    for lang in ("ar", "zh-Hans", "source"):
        assert any(line.startswith(lang) and line.rstrip().endswith("ok") for line in out.splitlines())


@pytest.mark.parametrize(
    ("language", "script", "direction", "family"),
    [
        ("pl", "Latn", "ltr", "noto-sans"),
        ("ru", "Cyrl", "ltr", "noto-sans"),
        ("ar", "Arab", "rtl", "noto-naskh-arabic"),
        ("fa", "Arab", "rtl", "noto-naskh-arabic"),
        ("ur", "Aran", "rtl", "noto-nastaliq-urdu"),
        ("pa", "Guru", "ltr", "noto-sans-gurmukhi"),
        ("pa-Arab", "Aran", "rtl", "noto-nastaliq-urdu"),
        ("hi", "Deva", "ltr", "noto-sans-devanagari"),
        ("zh-Hans", "Hans", "ltr", "wqy-microhei"),
        ("zh-Hant", "Hant", "ltr", "wqy-microhei"),
        ("zh-HK", "Hant", "ltr", "wqy-microhei"),
        ("yue", "Hant", "ltr", "wqy-microhei"),
        ("ta", "Taml", "ltr", "noto-sans-tamil"),
        ("gu", "Gujr", "ltr", "noto-sans-gujarati"),
        ("ti", "Ethi", "ltr", "noto-sans-ethiopic"),
        ("am", "Ethi", "ltr", "noto-sans-ethiopic"),
        ("prs", "Arab", "rtl", "noto-naskh-arabic"),
        ("syl", "Beng", "ltr", "noto-sans-bengali"),
    ],
)
def test_language_picks_script_direction_and_font(language, script, direction, family):
    from leaflet.languages import script_for

    found = script_for(language)
    assert (found.code, found.direction, found.family) == (script, direction, family)


NHS_LANGUAGES = {
    # the languages NHS interpreting services most often need, each with a few of its letters
    "sq": "ëç", "am": "ሰላም", "ar": "مرحبا", "bn": "বাংলা", "syl": "বাংলা", "zh-Hans": "汉语",
    "zh-Hant": "漢語憂鬱", "yue": "廣東話", "prs": "دری", "fa": "فارسی", "fr": "éàç", "de": "äöüß",
    "el": "ελληνικά", "gu": "ગુજરાતી", "hi": "हिन्दी", "it": "àè", "ckb": "کوردی", "kmr": "êîûş",
    "lt": "ąčęėįšųūž", "ne": "नेपाली", "ps": "پښتو", "pl": "ąćęłńóśźż", "pt": "ãõç", "pa": "ਪੰਜਾਬੀ",
    "ro": "ăâîșț", "ru": "русский", "so": "Soomaali", "es": "ñ¿¡", "ta": "தமிழ்", "ti": "ትግርኛ",
    "tr": "ğışİ", "uk": "українська ґє", "ur": "اردو", "vi": "tiếng Việt", "cy": "ŵŷ",
}  # fmt: skip


@pytest.mark.parametrize(("language", "letters"), sorted(NHS_LANGUAGES.items()))
def test_every_language_nhs_services_need_has_a_bundled_font_for_its_letters(language, letters):
    from leaflet.languages import font_chain
    from leaflet.render.fonts import Fonts

    fonts = Fonts(font_chain(language))
    assert fonts.missing(letters, "regular") == set() and fonts.missing(letters, "bold") == set()


def test_an_unsupported_script_is_a_clear_usage_error():
    from leaflet.errors import UsageError
    from leaflet.languages import script_for

    with pytest.raises(UsageError, match="no bundled font sets the Sinh script"):
        script_for("si-Sinh")


def test_noto_sans_covers_the_latin_cyrillic_and_greek_letters_of_the_languages_clinics_need():
    letters = "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ ăâîșț ĂÂÎȘȚ çğıöşü İĞŞ ąčęėįšųūž ãõçáéíóú ñ Привет мир Ελληνικά"
    assert Fonts(("noto-sans",)).missing(letters, "regular") == set()


@pytest.mark.parametrize(
    ("family", "text"),
    [("noto-sans-gurmukhi", "ਪ੍ਰ"), ("noto-sans-devanagari", "क्ष")],  # conjuncts in Punjabi and Hindi
)
def test_gurmukhi_and_devanagari_conjuncts_form(family, text):
    shaped = Fonts((family, "noto-sans")).shape(text, f"{family}:regular", 12)
    assert len(shaped.__shapeData__) < len(text)


def test_a_po_file_for_another_language_is_refused(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    po = tmp_path / "mini" / "translations" / "pl.po"
    code, _, err = run("build", str(tmp_path / "mini" / "leaflet.yaml"), "--lang", "ar", "--po", str(po))
    assert code == 2
    assert err.startswith(f"{po}:4:2: this is a translation into 'pl', not 'ar'")


def test_preview_of_a_translation_is_named_after_its_language(tmp_path):
    shutil.copytree(MINI.parent, tmp_path / "mini")
    code, out, _ = run("preview", str(tmp_path / "mini" / "leaflet.yaml"), "--lang", "ar", "--dpi", "20")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "mini" / "output").glob("*.png")) == [
        "mini.ar-1-outside.png", "mini.ar-2-inside.png"]  # fmt: skip


def test_brackets_take_the_font_of_the_word_they_open():
    fonts = Fonts(("noto-nastaliq-urdu", "noto-sans"))
    assert fonts.segments("(IPT)", "bold") == [("(IPT)", "noto-sans:bold")]
    assert fonts.segments("(علاج)", "bold") == [("(علاج)", "noto-nastaliq-urdu:bold")]


def test_an_english_address_in_urdu_text_keeps_latin_digits_and_latin_line_spacing():
    fonts = Fonts(("noto-nastaliq-urdu", "noto-sans"))
    style = TextStyle(11, 11 * 1.38, "#000000", "#0000FF", direction="rtl", align="right")
    text = parse_inline("آپ کا کلینک\n\u200e1 Example Road\nSampletown SA1 2MP\nآپ کا کلینک")
    result = set_text(text.spans, style, 250, fonts)
    baselines = sorted({run.baseline for run in result.runs}, reverse=True)
    gaps = [round(a - b, 2) for a, b in zip(baselines, baselines[1:])]
    assert gaps[1] == pytest.approx(style.leading)  # two English lines: the English line spacing
    assert gaps[0] > style.leading and gaps[2] > style.leading  # Urdu lines are taller
    digits = [run for run in result.runs if any(c.isdigit() for c in run.text)]
    assert digits and {run.face for run in digits} == {"noto-sans:regular"}


def test_an_english_line_in_an_urdu_paragraph_reads_left_to_right_without_marks():
    fonts = Fonts(("noto-nastaliq-urdu", "noto-sans"))
    style = TextStyle(11, 11 * 1.38, "#000000", "#0000FF", direction="rtl", align="right")
    result = set_text(parse_inline("آپ کا کلینک\n1 Example Road.\nفون: 01632 960000").spans, style, 250, fonts)
    (baseline,) = {run.baseline for run in result.runs if "Example" in run.text}
    line = sorted((run for run in result.runs if run.baseline == baseline), key=lambda run: run.x)
    assert "".join(run.text for run in line) == "1 Example Road."  # not "Example Road 1", no stop in front


@pytest.mark.parametrize("text", ["\nالعلاج", "العلاج\n\n", "\n\nIPT علاج\n"])
def test_blank_source_lines_around_right_to_left_text_set_every_word(text):
    fonts = Fonts(("noto-naskh-arabic", "noto-sans"))
    style = TextStyle(11, 15, "#000000", "#0000FF", direction="rtl", align="right")
    result = set_text(parse_inline(text).spans, style, 250, fonts)
    assert sorted("".join(run.text for run in result.runs).split()) == sorted(text.split())


def test_an_invisible_direction_mark_prints_nothing(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        "leaflet: {id: t, title: T, language: ur}\npanels:\n"
        '  inside-1:\n    - paragraph: "آپ کا کلینک\\n\\u200e1 Example Road"\n',
        encoding="utf-8",
    )
    out = tmp_path / "t.pdf"
    build(source, Options(output=out))
    with pdfplumber.open(out) as pdf:
        chars = [c["text"] for page in pdf.pages for c in page.chars]
    assert "\u200e" not in chars and "1" in chars  # the mark steers the order; it is never drawn


@pytest.mark.parametrize(
    ("lang", "number"),
    [("ar", "١٢٣٤٥"), ("ur", "۱۲۳۴۵"), ("fa", "۰۱۶۳۲"), ("ar", "١٧:٣٠")],
)
def test_numbers_in_arabic_script_digits_read_left_to_right_on_the_page(tmp_path, lang, number):
    # a dose or a time printed backwards (16 as 61) reads as another number
    source = tmp_path / "digits.yaml"
    source.write_text(
        f'leaflet: {{id: d, title: ا, language: {lang}}}\npanels:\n  front:\n    - paragraph: "جلسة {number} في"\n',
        encoding="utf-8",
    )
    assert run("build", str(source), "-o", str(tmp_path / "d.pdf"))[0] == 0
    with pdfplumber.open(tmp_path / "d.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars if c["text"] in number]
    drawn = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
    assert drawn == number

"""Where lines break: Unicode's conformance file for UAX #14, then each language's own rules, in numbers.

The layout cases use a fixed-width fake font (every character half the size wide, so a
line of width 50 at 10 pt holds 10 characters).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from leaflet.layout.linebreak import break_opportunities, can_hyphenate, hyphenations
from leaflet.layout.lines import TextStyle, set_text
from leaflet.markup import parse_inline

from .test_layout import MonoMeasure

CONFORMANCE = Path(__file__).parent / "fixtures" / "unicode" / "LineBreakTest.txt"

KNOWN_DIFFERENCES = {
    "× 002D ÷ 0023 ÷",
    "× 002D × 0308 ÷ 0023 ÷",
    "× 002D ÷ 00A7 ÷",
    "× 002D × 0308 ÷ 00A7 ÷",
    "× 002D ÷ 50005 ÷",
    "× 002D × 0308 ÷ 50005 ÷",
    "× 002D ÷ 0E01 ÷",
    "× 002D × 0308 ÷ 0E01 ÷",
    "× 002C ÷ 0030 ÷",
    "× 002C × 0308 ÷ 0030 ÷",
    "× 0022 × 0020 × 2329 ÷",
    "× 0022 × 0308 × 0020 × 2329 ÷",
    "× 0022 × 0020 × 0028 ÷",
    "× 0022 × 0308 × 0020 × 0028 ÷",
    "× 05D0 × 002D × 05D0 ÷",
}
"""Cases of the Unicode 15.0 file that ICU, following Unicode 15.1 and 16.0, breaks otherwise: a
hyphen before a letter (rule LB20a), a number after a comma or full stop (LB25, now that IS
before a digit is tailored), a quotation mark before an opening bracket (LB15a to LB15d), and
Hebrew letter, hyphen, Hebrew letter (LB21a). The 16 further differences are longer cases of the
same rule changes (a letter, full stop and digit; quotation marks beside spaces and brackets), and
are counted rather than listed."""
MORE_DIFFERENCES_WITH_THE_SAME_PAIRS = 16


def conformance_cases() -> list[tuple[str, str, set[int]]]:
    cases = []
    for line in CONFORMANCE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        chars: list[str] = []
        breaks: set[int] = set()
        for token in line.split():
            if token == "÷":
                breaks.add(len(chars))
            elif token != "×":
                chars.append(chr(int(token, 16)))
        cases.append((line, "".join(chars), breaks - {0}))
    return cases


def test_break_opportunities_match_unicodes_conformance_file():
    cases = conformance_cases()
    assert len(cases) == 7654
    differing = []
    for line, text, expected in cases:
        found = set(break_opportunities(text, "und")) | {len(text)}
        if found != expected:
            differing.append(line)
    listed = [line for line in differing if line in KNOWN_DIFFERENCES]
    assert len(listed) == len(KNOWN_DIFFERENCES)
    assert len(differing) - len(listed) <= MORE_DIFFERENCES_WITH_THE_SAME_PAIRS, differing[:5]


def lines(text: str, width: float, **style) -> list[str]:
    result = set_text(parse_inline(text).spans, TextStyle(10, 14, "#000000", "#0000FF", **style), width, MonoMeasure())
    by_line: dict[float, str] = {}
    for run in result.runs:
        by_line[run.baseline] = by_line.get(run.baseline, "") + run.text
    return [by_line[b] for b in sorted(by_line, reverse=True)]


def test_a_polish_one_letter_word_goes_to_the_next_line_with_the_word_it_leads():
    # "Idziemy w" is 9 characters and fits a 10-character line, but "w" may not end it;
    # "i z nami" holds together: each one-letter word leads the next
    assert lines("Idziemy w domu i z nami", 50, language="pl") == ["Idziemy", "w domu", "i z nami"]
    assert lines("Idziemy w domu i z nami", 50, language="en") == ["Idziemy w", "domu i z", "nami"]


def test_a_ukrainian_one_letter_word_stays_with_the_next_word():
    assert lines("Допомога в лікуванні", 50, language="uk")[0] == "Допомога"


def test_a_hyphenated_compound_may_break_after_its_hyphen():
    assert lines("well-being matters", 40) == ["well-", "being", "matters"]


def test_no_line_starts_with_closing_punctuation_after_a_space():
    # "(NICE) )" never puts the lone bracket at the start of a line
    assert all(not line.startswith(")") for width in range(30, 120, 5) for line in lines("see NICE ) and more", width))


def test_a_chinese_paragraph_never_ends_on_one_character():
    text = "您和您的治疗师就治疗重点达成一致化"  # 17 characters: 8 on a 4-character line leaves 1
    for width in (20, 40, 80):
        found = lines(text, width, language="zh")
        assert len(found[-1]) >= 2, (width, found)
        assert "".join(found) == text


def test_a_chinese_paragraph_keeps_closing_punctuation_off_the_start_of_a_line():
    for width in range(20, 120, 5):
        found = lines("您和您的治疗师，就治疗重点达成一致。然后开始。", width, language="zh")
        assert not any(line[0] in "，。" for line in found), found


def test_a_heading_does_not_end_on_a_word_alone_when_the_word_before_can_come_down():
    text = "Interpersonal therapy and you"
    assert lines(text, 140) == ["Interpersonal therapy and", "you"]
    assert lines(text, 140, heading=True) == ["Interpersonal therapy", "and you"]


def test_a_heading_keeps_its_lines_when_no_other_break_would_fit():
    assert lines("Abcdefghijklm nop", 70, heading=True) == ["Abcdefghijklm", "nop"]


def test_body_text_is_hyphenated_only_where_the_line_would_be_left_short():
    # 20 characters a line: "Patients" (8) leaves 12 empty, so "psychotherapy" is hyphenated
    found = lines("Patients psychotherapy helps", 100, language="en", hyphenate=True)
    assert found[0].endswith("-") and len(found[0]) <= 20
    assert "".join(found).replace("-", "").replace(" ", "") == "Patientspsychotherapyhelps"
    assert lines("Patients psychotherapy helps", 100, language="en") == ["Patients", "psychotherapy helps"]


def test_a_hyphenated_word_reads_back_whole():
    style = TextStyle(10, 14, "#000000", "#0000FF", language="en", hyphenate=True)
    result = set_text(parse_inline("Patients psychotherapy helps").spans, style, 100, MonoMeasure())
    first, second = (run for run in result.runs if run.actual is not None and run.actual != "")
    assert first.actual == "Patients psychotherapy"  # the line says the whole word
    assert second.actual.startswith(" helps") or second.actual == "helps"


def test_headings_acronyms_and_addresses_are_never_hyphenated():
    assert hyphenations("NHS", "en") == [] and hyphenations("IPTUKABCDEFG", "en") == []
    assert hyphenations("www.example.org", "en") == [] and hyphenations("people", "en") == []
    assert hyphenations("psychotherapy", "en")
    found = lines("Patients psychotherapy helps", 100, language="en", hyphenate=True, heading=True)
    assert not any(line.endswith("-") for line in found)


@pytest.mark.parametrize(("language", "script", "hyphenated"), [
    ("pl", "Latn", True), ("uk", "Cyrl", True), ("de", "Latn", True), ("el", "Grek", True),
    ("ar", "Arab", False), ("pa", "Guru", False), ("zh", "Hans", False),
])  # fmt: skip
def test_only_alphabetic_scripts_with_a_dictionary_are_hyphenated(language, script, hyphenated):
    assert can_hyphenate(language, script) is hyphenated


def test_a_leaflet_is_hyphenated_only_when_its_yaml_asks(tmp_path):
    import pdfplumber

    from leaflet.build import Options, build

    words = " ".join(["Patients", "psychotherapeutically", "understanding"] * 15)
    ends = {}
    for asked in ("false", "true"):
        source = tmp_path / f"{asked}.yaml"
        source.write_text(
            f"leaflet: {{id: h, title: H, language: en-GB}}\ntypography: {{hyphenate: {asked}}}\n"
            f"panels:\n  inside-1:\n    - paragraph: {words}\n",
            encoding="utf-8",
        )
        out = tmp_path / f"{asked}.pdf"
        build(source, Options(output=out))
        with pdfplumber.open(out) as pdf:
            lines = pdf.pages[1].extract_text().splitlines()
        ends[asked] = sum(line.endswith("-") for line in lines)
    assert ends["false"] == 0 and ends["true"] > 0


def test_a_word_is_hyphenated_in_a_paragraph_that_also_runs_right_to_left():
    # an Arabic word gives the paragraph bidi levels: each part of a hyphenated word keeps its level
    found = lines("Patients psychotherapy العلاج helps", 100, language="en", hyphenate=True)
    assert found[0].endswith("-")
    assert "".join(found).replace("-", "").replace(" ", "") == "Patientspsychotherapyالعلاجhelps"


def test_a_byte_order_mark_inside_a_word_is_not_taken_for_right_to_left_text():
    found = lines("Patients psycho\ufefftherapy helps", 100, language="en", hyphenate=True)
    assert "".join(found).replace(" ", "") == "Patientspsycho\ufefftherapyhelps"  # one line each way, no levels


def test_a_line_that_breaks_at_a_soft_hyphen_shows_a_hyphen_and_no_other_line_does():
    found = lines("Soft hy\u00adphen\u00adated ex\u00adtra\u00ador\u00addi\u00adnar\u00adi\u00adly long words", 100)
    assert found == ["Soft hy\u00adphen\u00adated", "ex\u00adtra\u00ador\u00addi\u00adnar\u00adi-", "ly long words"]


@pytest.mark.parametrize(
    ("language", "word"),
    [("bn", "আন্তঃব্যক্তিকমনোচিকিৎসাবিশেষজ্ঞদেরসাথেআলোচনা"), ("ta", "உளவியல்சிகிச்சைநிபுணர்களுடனானகலந்துரையாடல்கள்")],
)
def test_a_word_too_long_for_the_line_is_cut_between_whole_characters(language, word):
    # a vowel sign or virama starting a line prints on a dotted circle, and a cut conjunct falls apart
    for width in (20, 35, 50):
        found = lines(word, width, language=language)
        assert len(found) > 1 and "".join(found) == word
        for line in found:
            assert not unicodedata.category(line[0]).startswith("M"), (width, line)
            assert not line.endswith("\u09cd"), (width, line)  # a Bengali virama at the end: a conjunct cut

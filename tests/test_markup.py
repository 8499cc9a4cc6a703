"""Inline markup: bold and links become spans; anything else prints as written."""

from __future__ import annotations

import unicodedata

import pytest

from leaflet.markup import MarkupError, ascii_address, invisible_character, parse_inline
from leaflet.model import Span


def test_plain_text_is_one_span():
    assert parse_inline("Sessions last an hour.").spans == (Span("Sessions last an hour."),)


def test_double_asterisks_make_bold():
    assert parse_inline("a **bold** word").spans == (Span("a "), Span("bold", bold=True), Span(" word"))


def test_link_keeps_label_and_address():
    text = parse_inline("site: [www.iptuk.org](https://www.iptuk.org)")
    assert text.spans[-1] == Span("www.iptuk.org", link="https://www.iptuk.org")
    assert text.plain == "site: www.iptuk.org"


def test_link_inside_bold_is_bold_link():
    assert parse_inline("**[call](tel:01632960000)**").spans == (Span("call", bold=True, link="tel:01632960000"),)


def test_angle_brackets_are_printed_literally():
    source = '<img src="/etc/passwd"/> <font color=red>x</font>'
    assert parse_inline(source).plain == source


def test_backslash_escapes_markup_characters():
    assert parse_inline(r"\*\*not bold\*\* and \[not a link\]").plain == "**not bold** and [not a link]"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("**never closed", "never closed"),
        ("[label] without address", "does not start a link"),
        ("[x](javascript:alert(1))", "must start with http"),
        ("[x](file:///etc/passwd)", "must start with http"),
    ],
)
def test_broken_markup_is_an_error_that_says_how_to_fix_it(source, message):
    with pytest.raises(MarkupError, match=message):
        parse_inline(source)


def _refused(char: str) -> bool:
    """The rule `invisible_character` states, character by character."""
    code, kind = ord(char), unicodedata.category(char)
    control = (kind == "Cc" and char not in "\t\n\r") or kind in ("Zl", "Zp")
    noncharacter = (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF
    return control or noncharacter or kind in ("Co", "Cs") or 0x202A <= code <= 0x202E or char in "\ufffc\ufffd"


def test_every_character_that_prints_as_nothing_or_a_box_is_refused_and_no_other():
    # the whole Basic Multilingual Plane, the start of the next two planes and the end of every plane
    codes = [*range(0x10000), *range(0x10000, 0x12000), *range(0x20000, 0x20400)]
    codes += [plane * 0x10000 + low for plane in range(17) for low in (0xFFFD, 0xFFFE, 0xFFFF)]
    wrong = [hex(code) for code in codes if (invisible_character(f"a{chr(code)}b") is not None) != _refused(chr(code))]
    assert not wrong, wrong[:10]


def test_a_link_address_in_another_script_has_an_ascii_form():
    assert ascii_address("https://www.example.org/a%20b") == "https://www.example.org/a%20b"
    assert ascii_address("https://bücher.example:8080/übersicht?q=ä#ö") == (
        "https://xn--bcher-kva.example:8080/%C3%BCbersicht?q=%C3%A4#%C3%B6"
    )
    assert ascii_address("http://[é/") == "http://[%C3%A9/"  # no address urllib can split: still ASCII
    assert ascii_address("https://пример..рф/") == "https://%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80..%D1%80%D1%84/"

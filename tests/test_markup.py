"""Inline markup: bold and links become spans; anything else prints as written."""

from __future__ import annotations

import pytest

from leaflet.markup import MarkupError, parse_inline
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

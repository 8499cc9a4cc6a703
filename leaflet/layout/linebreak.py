"""Where a line may break: Unicode's line-breaking algorithm (UAX #14), then the language's own rules.

ICU finds the break opportunities, as browsers do: after spaces, between Chinese
characters, after a hyphen, never before a closing bracket or a full stop
(kinsoku). On top of that, a language's typography may forbid more: Polish,
Czech, Slovak, Slovenian and the East Slavic languages never leave a one-letter
word (i, w, z, o; і, в, у, й) at the end of a line. Hyphenation points come
from the dictionaries pyphen bundles (the ones LibreOffice uses).
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

BINDS_ONE_LETTER_WORDS = frozenset({"pl", "cs", "sk", "sl", "uk", "be", "ru"})
"""Languages whose typography keeps a one-letter word on the line of the word it leads."""

STRICT_BREAKING = frozenset({"zh", "yue", "ja"})
"""Languages broken with ICU's strict rules: no line starts with a small kana or an iteration mark."""

_ONE_LETTER_WORD = re.compile(r"(?:^|(?<=[\s(\"'«„“‘\[]))([^\W\d_])(\s+)(?=\S)")
"""A single letter standing alone as a word, and the spaces after it."""

MIN_HYPHENATED_WORD = 7
"""Shorter words are never hyphenated: a reader should not have to put 'the-rapy' together."""
HYPHEN_MARGIN = 3
"""Letters kept on each side of a hyphen."""


def primary_language(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=16)
def _iterator(language: str) -> icu.BreakIterator:
    primary = primary_language(language)
    locale = icu.Locale(f"{primary}@lb=strict" if primary in STRICT_BREAKING else primary)
    return icu.BreakIterator.createLineInstance(locale)


@lru_cache(maxsize=4096)
def break_opportunities(text: str, language: str) -> frozenset[int]:
    """The character offsets where a new line may start (0 and the text's end left out).

    A newline in the text is a forced break; it is not reported here, since the
    caller ends the line at it anyway.
    """
    iterator = _iterator(language)
    iterator.setText(icu.UnicodeString(text))
    utf16_to_char = _utf16_offsets(text)
    found = {utf16_to_char[boundary] for boundary in iterator}
    found.discard(0)
    found.discard(len(text))
    if primary_language(language) in BINDS_ONE_LETTER_WORDS:
        found -= {match.end(2) for match in _ONE_LETTER_WORD.finditer(text)}
    return frozenset(found)


@lru_cache(maxsize=16)
def _cluster_iterator(language: str) -> icu.BreakIterator:
    return icu.BreakIterator.createCharacterInstance(icu.Locale(primary_language(language)))


def clusters(text: str, language: str) -> list[str]:
    """The text as user-perceived characters (UAX #29 grapheme clusters, Indic conjuncts kept whole):
    where a word too long for any line may be cut without leaving a vowel sign or a virama to
    start the next line on a dotted circle."""
    iterator = _cluster_iterator(language)
    iterator.setText(icu.UnicodeString(text))
    utf16_to_char = _utf16_offsets(text)
    ends = [utf16_to_char[boundary] for boundary in iterator]
    return [text[start:end] for start, end in zip([0, *ends], ends) if end > start]


def _utf16_offsets(text: str) -> dict[int, int]:
    """UTF-16 index (what ICU counts) -> character index (what Python counts)."""
    if text.isascii() or all(ord(char) < 0x10000 for char in text):
        return {index: index for index in range(len(text) + 1)}
    mapping: dict[int, int] = {}
    utf16 = 0
    for index, char in enumerate(text):
        mapping[utf16] = index
        utf16 += 2 if ord(char) > 0xFFFF else 1
    mapping[utf16] = len(text)
    return mapping


@lru_cache(maxsize=32)
def _dictionary(language: str):
    import pyphen

    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found, left=HYPHEN_MARGIN, right=HYPHEN_MARGIN) if found else None


HYPHENATED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek"})
"""Scripts whose words are broken with a hyphen; Indic, Arabic and Ethiopic text is not."""


def can_hyphenate(language: str, script: str) -> bool:
    """Whether text in this language and script can be hyphenated: it is broken so, and a dictionary is
    bundled (found without loading it: that waits for the first word to hyphenate)."""
    import pyphen

    found = pyphen.language_fallback(primary_language(language).replace("-", "_"))
    return script in HYPHENATED_SCRIPTS and found is not None


def hyphenations(word: str, language: str) -> list[tuple[str, str]]:
    """Where a word may be hyphenated, as (before, after) pairs from the longest first part.

    Only plain words are offered: not short ones, not acronyms (NHS, IPT), nor
    anything with a digit, '@', '/' or '.' in it (an address, a phone number, a dose).
    """
    if len(word) < MIN_HYPHENATED_WORD or not word.isalpha() or word.isupper():
        return []
    dictionary = _dictionary(primary_language(language))
    return list(dictionary.iterate(word)) if dictionary else []

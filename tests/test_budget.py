"""The input limits keep the promise of 10 s and 500 MB only if the work grows about linearly with the input.

Each test builds one shape of input at a size n and at 4n, times the pipeline on
both in this process (`leaflet.build.make`: content, layout, render, checks), and
asserts that four times the input costs well under sixteen times the time, the
quadratic. Linear work takes about 4 times as long; the limit of 8 leaves room for
a noisy machine and for the fixed costs, which only lower the ratio. Each time is
the best of two runs (the first run of a size also fills the caches), and a size
pair over the limit is timed once more before it counts. The small size is made
large enough that the shape's own work, not the fixed cost of a build, is timed.

`bench/worst.py` times the same shapes at the limits themselves, as a user's
command; these tests keep the growth in check on every run of the suite.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from leaflet.build import Options, make
from leaflet.layout.lines import TextStyle, set_text
from leaflet.model import Span

from .test_layout import MonoMeasure

GROWTH = 4
RATIO_LIMIT = 8.0
"""For four times the input: linear work is 4, quadratic 16."""
MIN_SECONDS = 0.01
"""The small size must take at least this long, or the ratio measures the clock."""

Source = Callable[[int], str]
"""A leaflet's YAML for a size n of one shape."""


def word(index: int, letters: str = "abcdefghijklmnopqrstuvwxyz") -> str:
    """The index-th shortest distinct word: distinct words defeat the caches of widths and shapes by text."""
    chars = []
    index += 1
    while index:
        index, digit = divmod(index - 1, len(letters))
        chars.append(letters[digit])
    return "".join(reversed(chars))


ARABIC = "\u0627\u0628\u062a\u062b\u062c\u062d\u062e\u062f\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637"
BENGALI = "\u0995\u0996\u0997\u0998\u099a\u099b\u099c\u099d\u099f\u09a0\u09a1\u09a2\u09a4\u09a5\u09a6\u09a7"
BENGALI_SIGNS = "\u09be\u09bf\u09c0\u09c1\u09c2\u09c7\u09cb\u09cd"
SYLLABLES = [c + v for c in "bcdfghklmnprstv" for v in "aeiou"]


def arabic_word(index: int) -> str:
    return word(index, ARABIC) + ARABIC[index % 16] * 2


def bengali_word(index: int) -> str:
    """Consonants each with a vowel sign or virama: conjuncts and reordering for the shaper."""
    letters = word(index, BENGALI) + BENGALI[index % 16]
    return "".join(char + BENGALI_SIGNS[(index + k) % len(BENGALI_SIGNS)] for k, char in enumerate(letters))


def long_word(index: int) -> str:
    """Six distinct syllables: a word long enough to be hyphenated."""
    return "".join(SYLLABLES[index // len(SYLLABLES) ** k % len(SYLLABLES)] for k in range(6))


def mixed_word(index: int) -> str:
    """Latin and Arabic words in turn: the bidi level changes at every space."""
    return arabic_word(index) if index % 2 else word(index)


def leaflet(blocks: str, language: str = "en-GB", extra: str = "", flow: bool = False) -> str:
    """A leaflet of these blocks (a YAML list) on one panel, or flowing from the flap through five panels.

    Both sizes of a shape must overflow, so that copyfit does the same work for each: a
    text that fits at one size and not at the other is set a different number of times.
    """
    head = f"leaflet: {{id: budget, title: Budget, language: {language}}}\n{extra}panels:\n"
    if not flow:
        return head + "  inside-1:\n" + "".join(f"    {line}\n" for line in blocks.splitlines())
    chain = ("inside-1", "inside-2", "inside-3", "back")
    rest = "".join(f"  {a}:\n    continues_to: {b}\n    blocks: [{{spacer: 1}}]\n" for a, b in zip(chain, chain[1:]))
    indented = "".join(f"      {line}\n" for line in blocks.splitlines())
    return f"{head}  flap:\n    continues_to: inside-1\n    blocks:\n{indented}{rest}  back: [{{spacer: 1}}]\n"


def paragraphs(make_word: Callable[[int], str], words: int, language: str = "en-GB", **options) -> Source:
    """n paragraphs of `words` distinct words each."""

    def source(n: int) -> str:
        texts = (" ".join(make_word(i * words + k) for k in range(words)) for i in range(n))
        blocks = "".join(f"- paragraph: {json.dumps(text, ensure_ascii=False)}\n" for text in texts)
        return leaflet(blocks, language, **options)

    return source


def seconds(call: Callable[[], object], runs: int = 2) -> float:
    """The best of `runs` timed calls, with the cyclic garbage collector paused.

    Its full collections cost more the more objects a build keeps alive, which makes every
    build grow a little faster than linearly (bench/worst.py measures builds as users run
    them, collector and all); here the algorithms are timed, and a pause in a collection
    would be noise.
    """
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def growth(call_at: Callable[[int], Callable[[], object]], n: int) -> tuple[float, float, float]:
    """time(4n) / time(n), with both times; a ratio over the limit is measured once more before it counts."""
    small_call, large_call = call_at(n), call_at(GROWTH * n)
    small = seconds(small_call)
    large = seconds(large_call, runs=1)
    if large / small >= RATIO_LIMIT:  # a busy moment on the machine, or the real thing: look again
        small = min(small, seconds(small_call, runs=1))
        large = min(large, seconds(large_call, runs=1))
    return large / small, small, large


def build_growth(tmp_path: Path, source: Source, n: int) -> tuple[float, float, float]:
    """`growth` of a whole build (content, layout, PDF, checks) of the shape's leaflet."""

    def call_at(size: int) -> Callable[[], object]:
        path = tmp_path / f"leaflet-{size}.yaml"
        path.write_text(source(size), encoding="utf-8")
        return lambda: make(path)

    return growth(call_at, n)


def assert_near_linear(measured: tuple[float, float, float]) -> None:
    ratio, small, large = measured
    assert small >= MIN_SECONDS, f"the small size took {small * 1000:.0f} ms: too quick to time, make it larger"
    assert ratio < RATIO_LIMIT, (
        f"4x the input took {ratio:.1f}x the time ({small * 1000:.0f} ms -> {large * 1000:.0f} ms): "
        "that is growing like its square, not linearly"
    )


def test_paragraphs_flowing_over_five_panels_are_shared_out_in_near_linear_time(tmp_path):
    assert_near_linear(build_growth(tmp_path, paragraphs(word, 1, flow=True), 150))


def test_a_long_bullet_list_is_laid_out_in_near_linear_time(tmp_path):
    def source(n: int) -> str:
        return leaflet("- bullets:\n" + "".join(f"    - {word(i)}\n" for i in range(n)))

    assert_near_linear(build_growth(tmp_path, source, 200))


def test_many_numbered_steps_are_laid_out_in_near_linear_time(tmp_path):
    def source(n: int) -> str:
        return leaflet("- steps:\n" + "".join(f"    - {{title: {word(i)}, text: {word(i)}}}\n" for i in range(n)))

    assert_near_linear(build_growth(tmp_path, source, 60))


def test_a_word_longer_than_the_line_is_cut_in_near_linear_time(tmp_path):
    def source(n: int) -> str:
        return leaflet(f"- paragraph: {'a' * n}\n")

    assert_near_linear(build_growth(tmp_path, source, 5_000))


@pytest.mark.parametrize(
    ("language", "make_word"),
    [("ar", arabic_word), ("bn", bengali_word), ("ar", mixed_word)],
    ids=["arabic", "bengali", "arabic-and-latin"],
)
def test_shaped_and_right_to_left_text_is_set_in_near_linear_time(tmp_path, language, make_word):
    assert_near_linear(build_growth(tmp_path, paragraphs(make_word, 20, language), 20))


def test_chinese_without_spaces_is_broken_in_near_linear_time(tmp_path):
    def source(n: int) -> str:
        return leaflet(f"- paragraph: {''.join(chr(0x4E00 + i) for i in range(n))}\n", "zh-Hans")

    assert_near_linear(build_growth(tmp_path, source, 2_000))


def test_hyphenated_text_is_set_in_near_linear_time(tmp_path):
    source = paragraphs(long_word, 10, extra="typography: {hyphenate: true}\n")
    assert_near_linear(build_growth(tmp_path, source, 40))


def test_bold_links_are_drawn_and_tagged_in_near_linear_time(tmp_path):
    def source(n: int) -> str:
        links = (" ".join(f"**[{word(i * 10 + k)}](tel:{i * 10 + k})**" for k in range(10)) for i in range(n))
        return leaflet("".join(f"- paragraph: {json.dumps(text)}\n" for text in links))

    assert_near_linear(build_growth(tmp_path, source, 25))


def test_a_translation_of_many_paragraphs_is_read_and_set_in_near_linear_time(tmp_path):
    def po(n: int) -> Path:
        header = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        title = 'msgctxt "leaflet/title"\nmsgid "Budget"\nmsgstr "Budget"\n\n'
        entries = "".join(
            f'msgctxt "inside-1/{i}.paragraph"\nmsgid "{word(i)}"\nmsgstr "{word(i)[::-1]} {word(i + n)}"\n\n'
            for i in range(n)
        )
        path = tmp_path / f"de-{n}.po"
        path.write_text(header + title + entries, encoding="utf-8")
        return path

    def call_at(size: int) -> Callable[[], object]:
        path = tmp_path / f"leaflet-{size}.yaml"
        path.write_text(paragraphs(word, 1)(size), encoding="utf-8")
        options = Options(po=po(size))
        return lambda: make(path, options)

    assert_near_linear(growth(call_at, 150))


STYLE = TextStyle(size=11, leading=15, colour="#000000", link_colour="#0000FF")


def test_the_words_of_one_paragraph_are_found_in_near_linear_time():
    def call_at(n: int) -> Callable[[], object]:
        spans = (Span(" ".join(["a"] * n)),)
        return lambda: set_text(spans, STYLE, 280.0, MonoMeasure())  # a new measure: nothing kept from the last call

    assert_near_linear(growth(call_at, 3000))

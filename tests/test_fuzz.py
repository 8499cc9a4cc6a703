"""Property-based (fuzz) tests: whatever text a user gives, the tool answers with a result or its own error.

Three layers, each with its own generators:

- inline markup (`parse_inline`): arbitrary Unicode, and markup built from a small model of what it means;
- the YAML reader (`loads`): arbitrary text, and arbitrary YAML-shaped data using the real key vocabulary;
- the whole pipeline (`make`): well-shaped leaflets with random blocks, scripts, paper, fold and target.

Every test is derandomized (the examples depend only on the test and the Hypothesis version) and keeps
no example database, so a CI run is reproducible. (Hypothesis still caches Unicode tables in .hypothesis/,
which ignores itself in git.)
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import pypdf
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from leaflet.build import Edition, Options, make
from leaflet.content import loads
from leaflet.errors import LeafletError
from leaflet.languages import FONT_FAMILIES
from leaflet.markup import DAMAGED_TEXT, EMBEDDINGS_AND_OVERRIDES, LINK_SCHEMES, MarkupError, parse_inline
from leaflet.model import PANEL_NAMES, THEME_COLOURS, Leaflet, Span

BASE = settings(derandomize=True, database=None, deadline=None)
SCALE = float(os.environ.get("LEAFLET_FUZZ_SCALE", "0.3"))
"""How many of each property's inputs to try: `make test` tries a third, to stay near a minute;
`make fuzz` sets LEAFLET_FUZZ_SCALE=4 for the full run."""


def fuzz(examples: int, *checks: HealthCheck) -> settings:
    """Settings for one property: reproducible, no deadline (the first build loads fonts), `examples` inputs
    (times SCALE).

    `checks` are the health checks to suppress: only `too_slow`, for the strategies that build whole YAML
    documents, whose generation time depends on the machine."""
    return settings(BASE, max_examples=max(5, round(examples * SCALE)), suppress_health_check=list(checks))


# -- text ----------------------------------------------------------------------------------------------------------

MARKUP = "*[\\"
"""The characters that can start markup: outside them, text prints exactly as written."""

SAMPLES = {
    "latin": "Sessions last an hour. Zażółć gęślą jaźń — “quoted” «text» (IPT-UK) 01632 960000",
    "arabic": "العلاج النفسي بين الأشخاص يساعدك على فهم مشاعرك ١٢٣ (IPT) ؟،",
    "urdu": "بین الشخصی علاج آپ کے جذبات کو سمجھنے میں مدد کرتا ہے۔",
    "bengali": "আন্তঃব্যক্তিক থেরাপি ক্ষ্ম জ্ঞ র‍্যাব স্ত্র আপনাকে সাহায্য করে।",
    "cjk": "人际心理治疗（IPT）帮助你理解情绪。「会谈」每周一次，共16次！",
    "emoji": "🙂👍🏽👨‍👩‍👧‍👦🏳️‍🌈❤️‍🔥🇬🇧",
    "combining": "e\u0301a\u0308o\u0323\u0302 Z\u0335\u0321a\u0336l\u0338g\u0337o\u0334 \u0e01\u0e34\u0e4a",
    "joiners": "a\u200db\u200cc\u2060d\ufeffe\u00adf\u200bg\u202fh\u00a0i",
    "bidi": "\u2067xyz\u2069 \u200fשלום\u200e \u2068(1)\u2069",  # embeddings and overrides are refused
    "controls": "\t\r\n",  # the others (NUL, ESC, U+0085...) are refused: see the test that says so
    "brackets": "()[]{}<>:;,-#&*!|>%@`'\"?",
}
ALPHABET = "".join(sorted(set("".join(SAMPLES.values()))))


def _prints(char: str) -> bool:
    refused = EMBEDDINGS_AND_OVERRIDES | DAMAGED_TEXT
    return (ord(char) & 0xFFFE) != 0xFFFE and not 0xFDD0 <= ord(char) <= 0xFDEF and char not in refused


printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Zl", "Zp")).filter(_prints)
"""Any code point a UTF-8 file can hold that prints: control, private-use and noncharacters are refused."""

characters = st.one_of(
    printable,
    st.sampled_from(ALPHABET),
    st.sampled_from(" \n"),
)
long_word = st.integers(60, 400).map(lambda n: "Psychotherapie" * (n // 14) + "x" * (n % 14))
long_cjk = st.integers(60, 400).map(lambda n: "人际心理治疗" * (n // 6))
words = st.one_of(
    st.sampled_from([w for sample in SAMPLES.values() for w in sample.split()]),
    st.text(characters, min_size=1, max_size=12),
    long_word,
    long_cjk,
)
separators = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t"])


def prose_of(word: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Words and separators (spaces, newlines, tabs) run together."""
    return st.lists(st.one_of(word, separators), min_size=1, max_size=30).map("".join)


prose = prose_of(words)
"""Text of every script the tool sets and many it does not (markup characters unescaped)."""


def escaped(text: str) -> str:
    """`text` written so that it prints as written: every markup character escaped with a backslash."""
    return re.sub(r"([*\[\\])", r"\\\1", text)


def label_escaped(text: str) -> str:
    """A link label written so that it prints as written (labels cannot hold brackets at all)."""
    return re.sub(r"([*\\])", r"\\\1", text)


addresses = st.tuples(
    st.sampled_from([*LINK_SCHEMES, "HTTPS://"]),
    st.text(st.characters(exclude_categories=("C", "Z"), exclude_characters="()\"'<>`{}|\\^"), min_size=1, max_size=30),
).map("".join)
"""Link addresses as a URI may be written (quotes, angle brackets and the like are refused: see the catalogue)."""
labels = st.text(
    st.characters(
        codec="utf-8", exclude_characters="[]\n\r\x85\u2028\u2029", exclude_categories=("Cc", "Cs", "Co")
    ).filter(_prints),
    min_size=1,
    max_size=20,
)
"""Link labels. Not modelled: brackets (a label cannot hold one, escaped or not) and line breaks (in a label,
a backslash before a line break stays, while outside a link it is dropped)."""


@st.composite
def segments(draw, text=prose) -> list[tuple[str, str, str | None, bool]]:
    """A small model of marked-up text: (kind, text, link, bold) segments, kind 'plain', 'bold' or 'link'."""
    found = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["plain", "plain", "bold", "link"]))
        if kind == "link":
            found.append((kind, draw(labels), draw(addresses), draw(st.booleans())))
        else:
            found.append((kind, draw(text), None, kind == "bold"))
    return found


def written(model: list[tuple[str, str, str | None, bool]]) -> str:
    """The markup an author writes for the segments."""
    out = []
    for kind, text, link, bold in model:
        if kind == "link":
            out.append(("**" if bold else "") + f"[{label_escaped(text)}]({link})" + ("**" if bold else ""))
        elif bold:
            out.append(f"**{escaped(text)}**")
        else:
            out.append(escaped(text))
    return "".join(out)


def expected_spans(model: list[tuple[str, str, str | None, bool]]) -> tuple[Span, ...]:
    """What the segments mean: spans with one look each, neighbours with the same look joined, empty ones dropped."""
    spans: list[Span] = []
    for _, text, link, bold in model:
        if not text:
            continue
        if spans and (spans[-1].bold, spans[-1].link) == (bold, link):
            spans[-1] = Span(spans[-1].text + text, bold, link)
        else:
            spans.append(Span(text, bold, link))
    return tuple(spans)


markup_text = segments().map(written)
"""Valid markup of random Unicode text: what a careful author writes."""

leaflet_text = st.one_of(prose.map(escaped), markup_text)
"""Any text a leaflet can hold: plain text of any script, or valid markup."""

# -- 1. inline markup ----------------------------------------------------------------------------------------------

markupish = st.lists(
    st.one_of(characters, st.sampled_from(["**", "[", "]", "(", ")", "\\", "](https://x.org)"])), max_size=80
).map("".join)


@fuzz(1500)
@given(st.one_of(st.text(), markupish))
@example("[")
@example("**")
@example("\\")
@example("[a](https://x)[b](https://x)")
@example("***")
@example("[\\**](https://x)")
def test_parse_inline_returns_text_or_raises_markup_error_only(source):
    """On any Unicode string, parse_inline returns a well-formed Text or raises MarkupError, nothing else.

    Well formed: it keeps the source; its spans are non-empty, neighbours differ in look, links have an
    allowed scheme; and its plain text is never longer than the source (markup only ever removes characters).
    """
    try:
        text = parse_inline(source)
    except MarkupError:
        return
    assert text.source == source
    assert all(span.text for span in text.spans)
    assert all((a.bold, a.link) != (b.bold, b.link) for a, b in zip(text.spans, text.spans[1:]))
    assert all(span.link is None or span.link.lower().startswith(LINK_SCHEMES) for span in text.spans)
    assert len(text.plain) <= len(source)


PRINTABLE = printable.filter(lambda char: char not in MARKUP)


INVISIBLE = ["\x00", "\x0b", "\x1c", "\x85", "\u2028", "\u2029", "\ufffe", "\uffff", "\ue000", "\u202e", "\ufffd"]
"""Control characters, line and paragraph separators, noncharacters, a private-use code, an override,
and the replacement character."""


@fuzz(200)
@given(st.text(PRINTABLE), st.sampled_from(INVISIBLE))
def test_a_character_that_prints_as_nothing_is_refused_with_its_code_point(text, invisible):
    with pytest.raises(MarkupError, match=f"U\\+{ord(invisible):04X}"):
        parse_inline(text + invisible + text)


@fuzz(800)
@given(st.text(PRINTABLE))
@example("<b>not bold</b> & <font color=red>")
@example("a ] b ) c ( d")
def test_text_without_markup_characters_prints_exactly_as_written(source):
    """Text without '*', '[' and '\\' has no markup: plain == source, in one plain span (or none when empty)."""
    text = parse_inline(source)
    assert text.plain == source
    assert text.spans == ((Span(source),) if source else ())


@fuzz(800)
@given(st.text(printable))
@example("\\")
@example("a\\")
@example("**[x](https://y)**")
def test_escaping_every_markup_character_prints_the_text_exactly(source):
    """A backslash before every '*', '[' and '\\' makes any text print as written, in one plain span."""
    text = parse_inline(escaped(source))
    assert text.plain == source
    assert text.spans == ((Span(source),) if source else ())


@fuzz(800)
@given(segments(text=st.text(characters, max_size=20)))
def test_markup_means_what_the_reference_model_says(model):
    """Bold and link segments written as markup parse back to exactly the spans the model predicts."""
    text = parse_inline(written(model))
    assert text.spans == expected_spans(model)
    assert text.plain == "".join(span.text for span in expected_spans(model))


# -- 2. the YAML reader --------------------------------------------------------------------------------------------

VOCABULARY = [
    "leaflet", "id", "title", "language", "subject", "author", "review_date", "paper", "fold", "target",
    "theme", "typography", "panels", *PANEL_NAMES, "blocks", "continues_to", "heading", "paragraph", "bullets",
    "section", "body", "steps", "text", "callout", "qr", "url", "caption", "size_mm", "spacer", "banner",
    "colour", "height_mm", "level", "image", "src", "alt", "width_mm", "illustration", "name", "body_max",
    "body_min", "fit", "font", *THEME_COLOURS,
]  # fmt: skip
VALUES = [
    "a4", "letter", "roll", "z", "office", "press", "en-GB", "pl", "ar", "zh-Hans", "fill", "conversation",
    "https://www.iptuk.org", "#005EB8", "#FFF", "shrink", "panel", "noto-sans", "2027-06-30", "2027-02-30",
    "1", "2", "3", "0", "-1", "1e400", "nan", "inf", "11", "24", "12.5", "~", "", " ", "../../etc/passwd",
    "/dev/zero", ".", "**unclosed", "[not a link", "[x](javascript:alert(1))",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(VALUES),
    st.text(max_size=30),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(),
)
keys = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY), st.text(max_size=12), st.integers(0, 9))
yaml_data = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=6)),
    max_leaves=60,
)


@st.composite
def leaflet_shaped(draw) -> dict:
    """A mapping with the real top-level keys, whose values are arbitrary YAML data (often nearly right)."""
    top = {
        "leaflet": draw(
            st.one_of(
                yaml_data,
                st.fixed_dictionaries(
                    {}, optional=dict.fromkeys(["id", "title", "language", "subject", "author", "review_date"], scalars)
                ),
            )
        )
    }
    panel_values = st.lists(st.dictionaries(keys, yaml_data, min_size=1, max_size=2), max_size=4)
    top["panels"] = draw(st.one_of(yaml_data, st.dictionaries(st.sampled_from(PANEL_NAMES), panel_values)))
    top.update(draw(st.dictionaries(keys, yaml_data, max_size=3)))
    return top


yaml_text = st.one_of(
    yaml_data.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    leaflet_shaped().map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    leaflet_shaped().map(lambda data: yaml.safe_dump(data, allow_unicode=True, default_flow_style=True)),
)
"""YAML that parses, shaped like data, from a mix of the leaflet's own vocabulary and arbitrary keys."""

yaml_like_text = st.lists(
    st.one_of(st.characters(), st.sampled_from(list(":-[]{},#&*!|>'\"%@`?\t\n ") + VOCABULARY)), max_size=400
).map("".join)
"""Text built of YAML's own punctuation and the leaflet's words, so that it often almost parses (and, since
`loads` takes any str, now and then a lone surrogate that no file could hold)."""

very_long_lines = st.tuples(st.sampled_from(["a", "[", "{", "- ", "&a ", "*a ", "\t", "'", '"']), st.integers(1, 5000))


def loads_or_leaflet_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:  # no file beside the source: an image src never resolves
        try:
            result = loads(text, Path(folder) / "fuzz.yaml")
        except LeafletError:
            return
        except RecursionError as error:
            raise AssertionError("RecursionError escaped loads") from error
    assert isinstance(result, Leaflet)


@fuzz(1000)
@given(st.one_of(st.text(), yaml_like_text, very_long_lines.map(lambda pair: pair[0] * pair[1])))
@example("\ud800")  # a lone surrogate: no file holds one, but `loads` takes any str
@example("\ufeffleaflet: x")
@example("a: b\n\tc: d")
@example("\x00")
@example("\u2028\u2029\x85: [")
@example("- " * 2000 + "x")
@example("[" * 20000)
@example("{a: " * 5000)
@example("&a [*a]")
@example("a: &a [*a, *a]\nb: *a")
@example("x: !!python/object:os.system echo\n")
@example("leaflet: {id: x, title: T, language: en}\npanels: {front: &b [{section: {heading: h, body: *b}}]}")
def test_loads_on_any_text_returns_leaflet_or_leaflet_error(text):
    """`loads` on arbitrary text (controls, tabs, brackets, colons, long lines) returns a Leaflet or raises
    LeafletError: never another exception, and never a RecursionError."""
    loads_or_leaflet_error(text)


def nested_sections(depth: int) -> str:
    """A leaflet whose front panel holds sections nested `depth` deep (flow style, to stay under YAML's limit)."""
    body = "[{paragraph: innermost}]"
    for _ in range(depth):
        body = "[{section: {heading: h, body: " + body + "}}]"
    return f"leaflet: {{id: deep, title: Deep, language: en-GB}}\npanels: {{front: {body}}}\n"


@fuzz(600, HealthCheck.too_slow)
@given(yaml_text)
@example(nested_sections(300))
@example('leaflet: {id: "abc\\n", title: T, language: en}\npanels: {front: [spacer: fill]}')
def test_loads_on_any_yaml_structure_returns_leaflet_or_leaflet_error(text):
    """`loads` on any YAML-shaped data (nested lists, mappings and scalars, keys partly from the real
    vocabulary) returns a Leaflet or raises LeafletError: never another exception, and never a RecursionError."""
    loads_or_leaflet_error(text)


IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@fuzz(300)
@given(st.text(st.sampled_from("az09-_A .\n\r\té"), min_size=1, max_size=70))
@example("abc\n")
def test_a_leaflet_id_is_accepted_exactly_when_it_is_a_safe_pdf_name(leaflet_id):
    """The id names the PDF, so `loads` accepts it exactly when it is 1 to 64 lower-case letters, digits and '-'
    starting with a letter or digit (README, and the message that refuses any other)."""
    document = {"leaflet": {"id": leaflet_id, "title": "T", "language": "en"}, "panels": {"front": [{"spacer": 5}]}}
    try:
        accepted = loads(yaml.safe_dump(document)).id == leaflet_id
    except LeafletError:
        accepted = False
    assert accepted == bool(IDENTIFIER.fullmatch(leaflet_id))


# -- 3. whole documents --------------------------------------------------------------------------------------------

LANGUAGES = ["en-GB", "pl", "ar", "ur", "bn", "zh-Hans"]
SCRIPT_SAMPLES = {
    "en-GB": ["latin"],
    "pl": ["latin"],
    "ar": ["arabic", "latin"],
    "ur": ["urdu", "latin"],
    "bn": ["bengali", "latin"],
    "zh-Hans": ["cjk", "latin"],
}
"""The samples an edition's fonts can set: text drawn from them makes editions without missing glyphs."""


def text_for(language: str, any_script: bool) -> st.SearchStrategy[str]:
    """Leaflet text for an edition: in its own script (and Latin), or also in any script at all."""
    own_words = st.sampled_from([word for key in SCRIPT_SAMPLES[language] for word in SAMPLES[key].split()])
    own = prose_of(st.one_of(own_words, long_cjk if language == "zh-Hans" else long_word))
    text = st.one_of(own.map(escaped), segments(own).map(written))
    return st.one_of(text, leaflet_text) if any_script else text


colours = st.one_of(
    st.sampled_from(["#005EB8", "#212B32", "#FFFFFF", "#E8F1F8", "#41B6E6", "#000000", "#FFFF00"]),
    st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}"),
)


def blocks(text_value: st.SearchStrategy[str], depth: int = 0) -> st.SearchStrategy[list]:
    """A list of blocks with text from `text_value`; sections and callouts hold blocks of their own, 3 deep."""
    heading = st.one_of(
        text_value,
        st.fixed_dictionaries({"text": text_value}, optional={"level": st.sampled_from([1, 2, 3])}),
    )
    body = text_value if depth >= 2 else st.one_of(text_value, st.deferred(lambda: blocks(text_value, depth + 1)))
    qr_url = st.tuples(st.sampled_from(["https://", "http://"]), st.text(max_size=60)).map("".join)
    kinds = [
        st.fixed_dictionaries({"heading": heading}),
        st.fixed_dictionaries({"paragraph": text_value}),
        st.fixed_dictionaries({"bullets": st.lists(text_value, min_size=1, max_size=5)}),
        st.fixed_dictionaries({"section": st.fixed_dictionaries({"heading": text_value, "body": body})}),
        st.fixed_dictionaries(
            {
                "steps": st.lists(
                    st.fixed_dictionaries({"title": text_value, "text": text_value}), min_size=1, max_size=4
                )
            }
        ),
        st.fixed_dictionaries(
            {"callout": st.fixed_dictionaries({"body": body}, optional={"heading": text_value})},
        ),
        st.fixed_dictionaries(
            {
                "qr": st.one_of(
                    qr_url,
                    st.fixed_dictionaries(
                        {"url": qr_url}, optional={"caption": text_value, "size_mm": st.floats(15, 80)}
                    ),
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "illustration": st.fixed_dictionaries(
                    {"name": st.just("conversation"), "alt": text_value}, optional={"height_mm": st.floats(10, 200)}
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "banner": st.one_of(
                    text_value,
                    st.fixed_dictionaries(
                        {"text": text_value},
                        optional={"height_mm": st.floats(1, 200), "colour": st.sampled_from(THEME_COLOURS)},
                    ),
                    st.fixed_dictionaries(
                        {"height_mm": st.floats(1, 200)}, optional={"colour": st.sampled_from(THEME_COLOURS)}
                    ),
                )
            }
        ),
        st.fixed_dictionaries({"spacer": st.one_of(st.just("fill"), st.floats(0.1, 200))}),
        st.fixed_dictionaries(
            {
                "image": st.fixed_dictionaries(
                    {"src": st.sampled_from(["picture.png", "photo.jpg"]), "alt": text_value},
                    optional={"width_mm": st.floats(5, 300)},
                )
            }
        ),
    ]
    return st.lists(st.one_of(kinds), min_size=1, max_size=4 if depth == 0 else 2)


@st.composite
def documents(draw) -> dict:
    """A leaflet in the documented shape: metadata, some panels (some continuing), random blocks and settings."""
    language = draw(st.sampled_from(LANGUAGES))
    text_value = text_for(language, any_script=draw(st.booleans())).filter(str.strip)
    names = draw(st.lists(st.sampled_from(PANEL_NAMES), min_size=1, max_size=6, unique=True))
    panels = {}
    for name in sorted(names, key=PANEL_NAMES.index):
        content = draw(blocks(text_value))
        following = PANEL_NAMES.index(name) + 1
        if following < len(PANEL_NAMES) and draw(st.booleans()) and draw(st.booleans()):
            panels[name] = {"continues_to": PANEL_NAMES[following], "blocks": content}
        else:
            panels[name] = content
    document = {
        "leaflet": draw(
            st.fixed_dictionaries(
                {
                    "id": st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
                    "title": text_value,
                    "language": st.just(language),
                },
                optional={"subject": text_value, "author": text_value, "review_date": st.dates().map(str)},
            )
        ),
        "panels": panels,
    }
    optional = {
        "paper": st.sampled_from(["a4", "letter"]),
        "fold": st.sampled_from(["roll", "z"]),
        "target": st.sampled_from(["office", "press"]),
        "theme": st.dictionaries(st.sampled_from(THEME_COLOURS), colours, max_size=3),
        "typography": st.fixed_dictionaries(
            {}, optional={"fit": st.sampled_from(["panel", "shrink"]), "font": st.sampled_from(FONT_FAMILIES)}
        ).flatmap(
            lambda found: st.tuples(st.integers(22, 48), st.integers(22, 48)).map(
                lambda pair: {**found, "body_min": min(pair) / 2, "body_max": max(pair) / 2}
            )
        ),
    }
    document.update(draw(st.fixed_dictionaries({}, optional=optional)))
    return document


options = st.builds(
    Options,
    paper=st.sampled_from([None, "a4", "letter"]),
    fold=st.sampled_from([None, "roll", "z"]),
    target=st.sampled_from([None, "office", "press"]),
    cmyk=st.booleans(),
    duplex_offset_mm=st.one_of(st.just((0.0, 0.0)), st.tuples(st.floats(-10, 10), st.floats(-10, 10))),
)


def write_pictures(folder: Path) -> None:
    Image.new("RGB", (600, 400), "#4080C0").save(folder / "picture.png")
    Image.new("RGB", (120, 90), "#C08040").save(folder / "photo.jpg")


def make_or_leaflet_error(text: str, chosen: Options) -> Edition | None:
    with tempfile.TemporaryDirectory() as folder:
        write_pictures(Path(folder))
        source = Path(folder) / "leaflet.yaml"
        source.write_text(text, encoding="utf-8")
        try:
            return make(source, chosen)
        except LeafletError:
            return None


SIMPLE = {
    "leaflet": {"id": "x", "title": "T", "language": "en-GB"},
    "panels": {"front": [{"paragraph": "Hello"}], "inside-1": [{"heading": "Hi"}]},
}


@fuzz(100, HealthCheck.too_slow)
@given(documents(), options)
@example(SIMPLE, Options())
# An unassigned code point (U+0378 here; U+1FAE8, a Unicode 15 emoji, for Python 3.11) in a line with
# right-to-left letters: python-bidi gives it no bidi class and trips an assertion.
@example({**SIMPLE, "panels": {"front": [{"paragraph": "\u0627\u0378"}]}}, Options())
@example(
    {
        **SIMPLE,
        "leaflet": {"id": "x", "title": "T", "language": "ar"},
        "panels": {"front": [{"paragraph": "مرحبا \U0001fae8"}]},
    },
    Options(),
)
@example({**SIMPLE, "panels": {"front": [{"paragraph": "人" * 3000}]}}, Options(fold="z"))
@example({**SIMPLE, "panels": {"front": [{"paragraph": "\x00\x01\x1b\ufffe"}]}}, Options())
@example(
    {
        **SIMPLE,
        "leaflet": {"id": "x", "title": "T", "language": "ar"},
        "panels": {"front": [{"paragraph": "\u202e(ab)\u202c [c](https://d) ١٢ \u200d"}]},
    },
    Options(),
)
def test_whole_leaflet_builds_or_raises_leaflet_error(document, chosen):
    """A leaflet of the documented shape, with any blocks and text in any script, makes an Edition (possibly
    with error findings: overflow, missing glyphs, contrast) or raises LeafletError, never another exception.
    An edition without error findings has a PDF that pypdf reads as two pages."""
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    edition = make_or_leaflet_error(text, chosen)
    if edition is None or edition.errors:
        return
    assert edition.pdf.startswith(b"%PDF")
    assert len(pypdf.PdfReader(io.BytesIO(edition.pdf)).pages) == 2

"""Languages and scripts: the one table that says how each edition is set.

A BCP 47 code ('pl', 'ar', 'ur', 'bn', 'pa', 'zh-Hans') gives a script; the
script gives the direction, the bundled font family, and how far copyfit may
tighten its line spacing. (Where lines may break is the language's business: see
`layout.linebreak`; how large and how tall its letters are is the font's: see
`render.fonts.FAMILIES`.)
Adding a language is a row here; adding a script is a row here and a font.
Direction follows the script, not the language alone: Punjabi in Gurmukhi is
left to right, Punjabi in Shahmukhi (pa-Arab) right to left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError


@dataclass(frozen=True)
class Script:
    """A writing system and what setting it needs: its font family, direction and tightest leading."""

    code: str
    """ISO 15924, with 'Aran' for Arabic script set in Nastaliq (Urdu)."""
    direction: str
    family: str
    """The bundled font family for this script's letters; Latin falls back to Noto Sans."""
    min_leading: float
    """How far copyfit may tighten its line spacing (a fraction of the designed leading):
    scripts with stacked marks or deep descenders keep more."""


SCRIPTS: dict[str, Script] = {
    "Latn": Script("Latn", "ltr", "noto-sans", 0.9),
    "Cyrl": Script("Cyrl", "ltr", "noto-sans", 0.9),
    "Grek": Script("Grek", "ltr", "noto-sans", 0.9),
    "Arab": Script("Arab", "rtl", "noto-naskh-arabic", 0.95),
    "Aran": Script("Aran", "rtl", "noto-nastaliq-urdu", 1.0),
    "Beng": Script("Beng", "ltr", "noto-sans-bengali", 0.95),
    "Guru": Script("Guru", "ltr", "noto-sans-gurmukhi", 0.95),
    "Deva": Script("Deva", "ltr", "noto-sans-devanagari", 0.95),
    "Taml": Script("Taml", "ltr", "noto-sans-tamil", 0.95),
    "Gujr": Script("Gujr", "ltr", "noto-sans-gujarati", 0.95),
    "Ethi": Script("Ethi", "ltr", "noto-sans-ethiopic", 0.9),
    "Hans": Script("Hans", "ltr", "wqy-microhei", 0.95),
    "Hant": Script("Hant", "ltr", "wqy-microhei", 0.95),
}

LANGUAGE_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "en",
            "pl",
            "ro",
            "tr",
            "lt",
            "lv",
            "pt",
            "es",
            "fr",
            "it",
            "de",
            "nl",
            "so",
            "sq",
            "sk",
            "cs",
            "hu",
            "hr",
            "sl",
            "ku",
            "vi",
            "tl",
            "yo",
            "ig",
            "ha",
            "sw",
            "cy",
            "ga",
            "gd",
            "kmr",
            "om",
            "ms",
            "id",
            "af",
            "et",
            "fi",
            "sv",
            "da",
            "nb",
            "no",
        ),
        "Latn",
    ),  # fmt: skip
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be"), "Cyrl"),
    "el": "Grek",
    **dict.fromkeys(("ar", "fa", "prs", "ps", "ckb", "sd", "ug"), "Arab"),
    "ur": "Aran",
    **dict.fromkeys(("bn", "syl"), "Beng"),  # Sylheti readers read Bengali script
    "pa": "Guru",
    **dict.fromkeys(("hi", "mr", "ne"), "Deva"),
    "ta": "Taml",
    "gu": "Gujr",
    **dict.fromkeys(("am", "ti"), "Ethi"),
    "zh": "Hans",
    "yue": "Hant",  # Cantonese is written in Traditional characters
}
"""Primary language subtag -> its usual script. An explicit script subtag (pa-Arab) wins."""

REGION_SCRIPTS: dict[tuple[str, str], str] = {
    ("zh", "TW"): "Hant",
    ("zh", "HK"): "Hant",
    ("zh", "MO"): "Hant",
    ("yue", "CN"): "Hans",
}
"""Where a region changes the usual script: Chinese in Taiwan, Hong Kong and Macau is Traditional."""

SCRIPT_SUBTAGS: frozenset[str] = frozenset(SCRIPTS) - {"Aran"}
"""Script subtags a language code may carry; 'Aran' is ours, chosen for Urdu and Shahmukhi."""
NASTALIQ_LANGUAGES = frozenset({"ur", "pa"})
"""Written in Arabic script, these are set in Nastaliq (pa-Arab is Shahmukhi Punjabi)."""


LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*")
"""A BCP 47 language tag as leaflets use them: language, then script, region and variants."""


def is_language_tag(text: str) -> bool:
    """Whether the text is a language tag ('en-GB', 'zh-Hans', 'pa-Arab'), not a name ('english', 'en_GB')."""
    return LANGUAGE_TAG.fullmatch(text) is not None


def writing_system(char: str) -> tuple[str, bool]:
    """The name of the script a letter belongs to (ICU's, e.g. 'Hangul'), and whether an edition can
    be set in it: a message may ask whether the language is right only when another one would do."""
    import icu  # loaded already by line breaking; imported here only for messages

    script = icu.Script.getScript(ord(char))
    code = script.getShortName()
    return script.getName(), code in SCRIPTS or code == "Hani"


def script_for(language: str) -> Script:
    """The script an edition in this BCP 47 language is set in; a clear error if none is bundled."""
    subtags = language.replace("_", "-").split("-")
    primary = subtags[0].lower()
    explicit = next((s.title() for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if explicit:
        if explicit not in SCRIPT_SUBTAGS:
            raise UsageError(f"no bundled font sets the {explicit} script of {language!r}; supported: {_supported()}")
        code = explicit
        if code == "Arab" and primary in NASTALIQ_LANGUAGES:
            code = "Aran"
        return SCRIPTS[code]
    if primary not in LANGUAGE_SCRIPTS:
        raise UsageError(f"no script is known for the language {language!r}; supported: {_supported()}")
    region = next((s.upper() for s in subtags[1:] if len(s) == 2 and s.isalpha()), None)
    return SCRIPTS[REGION_SCRIPTS.get((primary, region or ""), LANGUAGE_SCRIPTS[primary])]


def direction_for(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag such as 'en-GB', 'ar' or 'pa-Arab'."""
    return script_for(language).direction


FONT_FAMILIES: tuple[str, ...] = tuple(sorted({script.family for script in SCRIPTS.values()}))
"""The bundled font families: one per script (Noto Sans sets Latin, Cyrillic and Greek)."""


def font_chain(language: str, font: str | None = None) -> tuple[str, ...]:
    """Font families to try, in order, for each character: the script's font (or the one
    the leaflet asks for), then Noto Sans for Latin."""
    family = font or script_for(language).family
    return (family,) if family == "noto-sans" else (family, "noto-sans")


def _supported() -> str:
    return ", ".join(sorted(LANGUAGE_SCRIPTS)) + " (with a script subtag such as zh-Hant or pa-Arab)"

"""Language facts the pipeline needs: which way a language's text runs."""

from __future__ import annotations

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "ckb", "dv"})
"""Primary language subtags written right to left (Arabic script, Hebrew, Thaana)."""


def direction_for(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag such as 'en-GB', 'ar' or 'pa-Arab'."""
    subtags = language.replace("_", "-").split("-")
    if "Arab" in subtags[1:] or "Hebr" in subtags[1:]:
        return "rtl"
    return "rtl" if subtags[0].lower() in RTL_LANGUAGES else "ltr"

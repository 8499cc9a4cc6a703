"""Inline markup: `**bold**` and `[label](address)`, and nothing else.

This is the only text syntax a leaflet has. It is small on purpose: patient
information needs bold for emphasis (never italics) and links, and a
translator must be able to keep the markup intact in a PO editor. Everything
else, including angle brackets, is printed literally.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from .model import Span, Text

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_LINK = re.compile(r"\[([^\[\]]+)\]\(")
"""The start of a link: [label]( ; the address runs to the bracket that closes the '('."""


class MarkupError(ValueError):
    """Inline markup that cannot be read; the message says how to fix it."""


def parse_inline(source: str) -> Text:
    """Parse a string with inline markup into spans.

    A backslash escapes the next character, so `\\*\\*` prints two asterisks.
    """
    _refuse_invisible(source)
    spans: list[Span] = []
    bold = False
    buffer: list[str] = []
    i = 0

    def flush() -> None:
        if buffer:
            spans.append(Span("".join(buffer), bold=bold))
            buffer.clear()

    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            buffer.append(source[i + 1])
            i += 2
        elif source.startswith("**", i):
            flush()
            bold = not bold
            i += 2
        elif char == "[":
            match = _LINK.match(source, i)
            end = _closing_bracket(source, match.end()) if match else -1
            if end < 0:
                raise MarkupError(
                    f"'[' at character {i + 1} does not start a link; write links as "
                    "[label](https://address), or escape the bracket as \\["
                )
            flush()
            address = source[match.end() : end]
            spans.append(Span(_label(match.group(1)), bold=bold, link=checked_address(address)))
            i = end + 1
        else:
            buffer.append(char)
            i += 1
    if bold:
        raise MarkupError("'**' opens bold text that is never closed; add the closing '**'")
    flush()
    return Text(source=source, spans=_merged(spans))


def _closing_bracket(source: str, start: int) -> int:
    """Index of the ')' that closes a link address, or -1: an address has no spaces, and its own
    brackets pair up (so a refused 'javascript:alert(1)' is named as such)."""
    depth = 0
    for index in range(start, len(source)):
        char = source[index]
        if char.isspace():
            return -1
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index if index > start else -1
            depth -= 1
    return -1


def _label(label: str) -> str:
    """A link's label: escapes work as elsewhere; bold goes around the whole link."""
    if "**" in label.replace("\\*", ""):
        raise MarkupError("bold inside a link label is not possible; put it around the link: **[label](address)**")
    return re.sub(r"\\(.)", r"\1", label, flags=re.DOTALL)


def checked_address(address: str) -> str:
    """The address of a link or QR code, or a MarkupError: a known scheme, and nothing that could mislead."""
    if not address.lower().startswith(LINK_SCHEMES):
        raise MarkupError(f"link address {address!r} must start with http://, https://, mailto: or tel:")
    odd = next((char for char in address if unicodedata.category(char)[0] == "C" or char in "\"'<>`{}|\\^"), None)
    if odd is not None:
        raise MarkupError(
            f"link address {address!r} holds U+{ord(odd):04X}, which an address cannot hold; "
            "type the address again, or percent-encode the character"
        )
    return address


def ascii_address(address: str) -> str:
    """The address as a PDF link and a QR code must hold it, in ASCII: a host name in another script
    in its xn-- form (IDNA), every other character percent-encoded as UTF-8 (RFC 3987's mapping).

    'https://пример.рф/помощь' is printed as written but links to 'https://xn--e1afmkfd.xn--p1ai/%D0%BF...'.
    A host that has no xn-- form (an empty or overlong label) is percent-encoded like the rest.
    """
    if address.isascii():
        return address
    try:
        parts = urlsplit(address)
    except ValueError:  # a '[' in the host that opens no IPv6 address: encode what is not ASCII, as written
        return _encoded(address)
    netloc = parts.netloc
    if netloc:
        user, at, host_port = netloc.rpartition("@")
        host, colon, port = host_port.rpartition(":") if host_port.rpartition(":")[2].isdigit() else (host_port, "", "")
        netloc = _encoded(user) + at + _host(host) + colon + port
    return urlunsplit((parts.scheme, netloc, _encoded(parts.path), _encoded(parts.query), _encoded(parts.fragment)))


def _host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return _encoded(host)


def _encoded(part: str) -> str:
    """Non-ASCII characters percent-encoded as UTF-8; what is ASCII, percent signs too, left as written."""
    return quote(part, safe="".join(chr(code) for code in range(0x21, 0x7F)))


def _refuse_invisible(source: str) -> None:
    problem = invisible_character(source)
    if problem:
        raise MarkupError(problem)


def shows_nothing(text: str) -> bool:
    """Whether a text would print as nothing: only spaces and invisible format characters (a
    zero-width space or joiner, a soft hyphen, a direction mark), as text pasted from a web page can be."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def invisible_character(source: str) -> str | None:
    """What is wrong with the first character that would print as nothing or as a box, if any: a control
    character (but tab and newline), a line or paragraph separator (U+2028, U+2029: a line break
    no reader of the text sees), a noncharacter (U+FFFE, U+FFFF, U+FDD0 to U+FDEF) or a private-use one."""
    if source.translate(_LINE_CONTROLS).isprintable() and DAMAGED_TEXT.isdisjoint(source):
        return None  # every character refused below is unprintable to Python, or damaged text
    for index, char in enumerate(source):
        code = ord(char)
        kind = unicodedata.category(char)
        control = (kind == "Cc" and char not in "\t\n\r") or kind in ("Zl", "Zp")
        noncharacter = (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF
        if control or noncharacter or kind in ("Co", "Cs"):
            what = (
                "a control character" if control
                else "not a character" if noncharacter
                else "half of a character pair (a lone surrogate)" if kind == "Cs"
                else "a private-use code"
            )  # fmt: skip
            return (
                f"U+{code:04X} at character {index + 1} is {what} and would print as nothing or as a box; "
                "delete it (it often comes from copying text out of another program)"
            )
        if char in EMBEDDINGS_AND_OVERRIDES:
            return (
                f"U+{code:04X} at character {index + 1} is a bidi embedding or override, which can print text in "
                "another order than it is read ('10 mg' as 'gm 01'); delete it, and where a direction must be "
                "set use an isolate (U+2066 to U+2069) or a mark (U+200E, U+200F)"
            )
        if char in DAMAGED_TEXT:
            return (
                f"U+{code:04X} at character {index + 1} stands for text that was lost when it was copied or "
                "converted, and prints as a box or a '?'; type that part again"
            )
    return None


EMBEDDINGS_AND_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e")
"""LRE, RLE, PDF, LRO, RLO: an override draws characters against their reading order, so the page
and the text a reader copies or hears would differ. Isolates and marks say the same safely."""
DAMAGED_TEXT = frozenset("\ufffc\ufffd")
"""The object replacement and replacement characters: what is left where text could not be read."""
_LINE_CONTROLS = str.maketrans("", "", "\t\n\r")
"""The control characters a text may hold, taken out before asking whether the rest is printable."""


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans that look the same, so layout sees fewer runs."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and (merged[-1].bold, merged[-1].link) == (span.bold, span.link):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.link)
        else:
            merged.append(span)
    return tuple(merged)

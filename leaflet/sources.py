"""Reading text files a user gives us (YAML sources, PO files, printer profiles), with useful errors.

One place decides what a bad file looks like to the user: a binary file is
called binary, a file in another encoding gets the line and column of its
first bad byte, and every problem names the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Location, SourceError

MAX_TEXT_BYTES = 2_000_000
"""No text file a user gives is larger: a leaflet is a few kilobytes, a complete PO file under 100 kB."""


def folder_of(path: Path) -> Path:
    """The folder a file's neighbours (its pictures, its translations) are found in: the folder of
    the file itself, so that a link to a leaflet finds what lies beside the leaflet, not the link."""
    return path.resolve().parent if path.is_symlink() else path.parent


def read_text(path: Path, what: str, limit: int = MAX_TEXT_BYTES) -> str:
    """The file's text (UTF-8, a byte-order mark allowed), or a SourceError saying what is wrong with it.

    Only a regular file is read, and never more than `limit` bytes: a device (/dev/zero), a pipe
    or a huge file is refused before it can hold the tool up.
    """
    try:
        # opened without waiting, so that a named pipe with no writer is refused instead of hanging
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
            kind = os.fstat(stream.fileno()).st_mode
            if stat.S_ISDIR(kind):
                raise IsADirectoryError
            if not stat.S_ISREG(kind):
                raise SourceError(f"{path} is not a regular file (a device or a pipe); give the path of {what}")
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise SourceError(
                f"{path} is larger than {_size(limit)}; {what} is a few kilobytes of text: is this the right file?"
            )
    except FileNotFoundError:
        hint = " (run the command in its folder, or give its path)" if not path.parent.parts else ""
        raise SourceError(f"no such file: {path}; give the path of {what}{hint}") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder; give the path of {what}") from None
    except PermissionError:
        raise SourceError(f"{path} cannot be read (permission denied)") from None
    except OSError as error:
        raise SourceError(f"{path} cannot be read ({error.strerror or error})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16's byte-order marks: Windows' "Unicode" text
        raise SourceError(
            f"{path} is saved as UTF-16 (Windows' 'Unicode'); save it as UTF-8 (in most editors: Save As, "
            "Encoding: UTF-8)"
        )
    if _looks_binary(data[:8192]):
        raise SourceError(f"{path} is a binary file, not text; give the path of {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise SourceError(
            f"this is not UTF-8 text (byte 0x{data[error.start]:02X}); save the file as UTF-8 "
            "(in most editors: Save As, Encoding: UTF-8)",
            Location(str(path), line, column),
        ) from None


def _size(limit: int) -> str:
    """A limit as people say it: '64 kB', '2 MB'."""
    return f"{limit / 1e6:g} MB" if limit >= 1_000_000 else f"{limit / 1e3:g} kB"


def _looks_binary(head: bytes) -> bool:
    """Many control bytes: a picture, a PDF or a program, not text with a stray character in it."""
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 20)


YAML_HIDDEN_BREAKS = "\x85\u2028\u2029"
"""Characters YAML reads as line breaks though editors show none (NEXT LINE, LINE and PARAGRAPH SEPARATOR)."""
PO_HIDDEN_BREAKS = "\v\f\x1c\x1d\x1e" + YAML_HIDDEN_BREAKS
"""Characters that break lines for some programs (Python's splitlines, which PO readers use) and not for editors."""


def refuse_hidden_line_breaks(text: str, path: Path, kind: str, breaks: str) -> None:
    """Refuse a character that some programs read as a line break and editors do not: with one in
    the file, every line number said after it would be one off from the line the editor shows."""
    found = next((index for index, char in enumerate(text) if char in breaks), None)
    if found is None:
        return
    before = text[:found]
    line, column = before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1
    raise SourceError(
        f"the character U+{ord(text[found]):04X} cannot appear in {kind}: it is a line break for some programs "
        "and not for others, so line numbers would not match your editor's; delete it",
        Location(str(path), line, column),
    )

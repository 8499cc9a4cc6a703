"""Writing what a command makes: whole or not at all, and never over something it must not replace.

A file is written beside its final name and renamed into place, so a failed or
interrupted run leaves the old file as it was. An existing file is replaced only
by a file of its own kind: a PDF over a PDF, a PO template over a template. So
`-o` that names the leaflet's own YAML, its printer profile, a translation, a
picture, or (for `extract`) a finished translation is refused, whatever path
leads there. A folder, a device or a pipe is never written; a read-only file, or
a file of another kind, only with `--force`.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

HEAD_BYTES = 64
"""How much of an existing file is read to tell its kind."""


@dataclass(frozen=True)
class Kind:
    """A kind of file a command writes, and how to recognise an existing one of that kind."""

    name: str
    """As the user says it: 'PDF', 'PNG picture'."""
    holds: Callable[[Path], bool]
    """Whether an existing file at this path is of this kind, so replacing it loses nothing."""
    named_by_o: bool = True
    """The user names it with -o; otherwise the command names it (preview pictures, saved clinics)."""
    suffixes: tuple[str, ...] = ()
    """The endings its name may have, the usual first: a PDF called out.png opens in no program."""

    @property
    def article(self) -> str:
        return "an" if self.name[0] in "AEFHILMNORSX" else "a"  # said by letter: an HTML page, an SVG

    def rename(self) -> str:
        """What the user can do about a name that cannot be written."""
        if self.named_by_o:
            return "give another name with -o"
        return (
            "its name is made from the leaflet's id and the clinic and translation files' names: move what is "
            "in the way, or shorten those names"
        )


def _starts_with(*signatures: bytes) -> Callable[[Path], bool]:
    def holds(path: Path) -> bool:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return head.startswith(signatures)

    return holds


def _is_template(path: Path) -> bool:
    """A PO file with nothing translated in it: what `extract` writes, and what it may write over."""
    import polib

    from .sources import read_text

    try:
        po = polib.pofile(read_text(path, "a PO template") + "\n")
    except Exception:  # a file that is not PO at all (or not text) is not a template to write over
        return False
    return not po.translated_entries() and not po.fuzzy_entries()


def _anything(path: Path) -> bool:
    return True


PDF = Kind("PDF", _starts_with(b"%pdf-"), suffixes=(".pdf",))
HTML = Kind("HTML page", _starts_with(b"<!doctype html", b"<html"), suffixes=(".html", ".htm"))
PNG = Kind("PNG picture", _starts_with(b"\x89png\r\n\x1a\n"), named_by_o=False)
TEMPLATE = Kind("PO template", _is_template, suffixes=(".pot", ".po"))
CLINIC_FILE = Kind("clinic file", _anything, named_by_o=False)
"""Written by `leaflet serve` into its own clinics/ folder, where every file is one."""


def refuse_to_overwrite(path: Path, kind: Kind, inputs: tuple[Path | None, ...] = (), force: bool = False) -> None:
    """Raise UsageError if `path` may not be written: one of the command's `inputs`, a folder, a device
    or a pipe (always), or a read-only file or a file of another kind (unless `force`)."""
    try:
        _refuse_to_overwrite(path, kind, inputs, force)
    except (OSError, RuntimeError) as error:  # a name too long, a link in a loop
        looped = "a link that leads round in a loop"
        reason = error.strerror if isinstance(error, OSError) and error.strerror else looped
        raise UsageError(f"cannot write {path}: {reason}; {kind.rename()}") from None


def _refuse_to_overwrite(path: Path, kind: Kind, inputs: tuple[Path | None, ...], force: bool) -> None:
    target = path.resolve()
    for given in inputs:
        if given is not None and Path(given).resolve() == target:
            named = f"-o {path}" if kind.named_by_o else str(path)
            raise UsageError(f"{named} is one of this command's inputs; give the output another name")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise UsageError(f"cannot write {path}: {parent} is a file, not a folder; {kind.rename()}")
    if path.is_dir():
        advice = f"give the name of the {kind.name} to write" if kind.named_by_o else kind.rename()
        raise UsageError(f"{path} is a folder; {advice}")
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a regular file (a device or a pipe); give a file name to write")
    if kind.suffixes and path.suffix.lower() not in kind.suffixes:
        raise UsageError(
            f"-o {path}: {kind.article} {kind.name}'s name ends in {kind.suffixes[0]}, or no program will open it; "
            f"give -o {path.with_suffix(kind.suffixes[0])}"
        )
    if not path.exists():
        return
    if force:
        return
    if not (path.stat().st_mode & 0o200 and os.access(path, os.W_OK)):  # root may write anything
        raise UsageError(f"{path} is read-only; make it writable, {kind.rename()}, or add --force")
    if not kind.holds(path):
        raise UsageError(
            f"{path} is not {kind.article} {kind.name}, and writing would replace it; "
            + (f"give the {kind.name} another name with -o" if kind.named_by_o else kind.rename())
            + ", or add --force to replace it"
        )


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _advice(error: OSError, path: Path, kind: Kind) -> str:
    """What to do when the system refused the write: a folder that may not be written to is not
    mended by another name; a full disk, by room."""
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {path.parent} cannot be written to: make it writable, or work in a copy elsewhere"
    if error.errno == errno.ENOSPC:
        return "the disk is full: make room, then try again"
    return kind.rename()


def write_atomically(
    path: Path, data: bytes, kind: Kind, inputs: tuple[Path | None, ...] = (), force: bool = False
) -> None:
    """Write to a temporary file in the target folder, then rename it into place (after
    `refuse_to_overwrite`). A link at `path` is replaced, never the file it leads to."""
    refuse_to_overwrite(path, kind, inputs, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}; {_advice(error, path, kind)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # as any new file: colleagues on a shared drive can open it
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {error.strerror}; {_advice(error, path, kind)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

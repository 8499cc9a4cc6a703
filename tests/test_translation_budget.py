"""A translation may not make the leaflet's text longer than a source may be (content.MAX_TEXT)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import polib
import pytest

from leaflet.cli import main
from leaflet.content import MAX_TEXT, load
from leaflet.errors import SourceError
from leaflet.translation import extract, translate, write_po

from .conftest import MINIMAL

ILLUSTRATION = "    - illustration:\n        name: conversation\n        alt: Two people talking.\n"
SOURCE = MINIMAL.replace("  inside-1:\n", ILLUSTRATION + "  inside-1:\n") + "    - paragraph: More text.\n"


def project(tmp_path: Path, long: dict[str, int]) -> tuple[Path, Path]:
    """The tiny leaflet and a complete Polish PO file; the entries in `long` get that many characters."""
    source = tmp_path / "leaflet.yaml"
    source.write_text(SOURCE, encoding="utf-8")
    po = extract(load(source))
    po.metadata["Language"] = "pl"
    for entry in po:
        size = long.get(entry.msgctxt or "")
        entry.msgstr = ("Tekst. " * (size // 7 + 1))[:size] if size else "Po polsku."
    path = tmp_path / "translations" / "pl.po"
    write_po(po, path)
    return source, path


def line_of(po: Path, context: str) -> int:
    return next(entry.linenum for entry in polib.pofile(str(po)) if entry.msgctxt == context)


def build(*args: str) -> tuple[int, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code = main(["build", *args], stdout=out, stderr=err)
    return code, err.getvalue(), time.perf_counter() - started


@pytest.mark.parametrize("extra", [[], ["--draft"], ["--format", "html"]])
def test_a_long_alt_text_is_refused_at_its_entry_quickly(tmp_path, extra):
    source, po = project(tmp_path, {"front/1.illustration/alt": 60_800})
    code, err, seconds = build(str(source), "--lang", "pl", *extra)
    assert code == 2
    assert err.startswith(f"{po}:{line_of(po, 'front/1.illustration/alt')}:1: ")
    assert f"{MAX_TEXT:,} characters" in err and "split" in err and "English" in err
    assert seconds < 0.5  # refused before any layout: a 95 kB paragraph takes seconds to lay out
    assert not (tmp_path / "output").exists()


def test_the_entry_that_takes_it_over_the_limit_is_named(tmp_path):
    half = MAX_TEXT // 2 + 10  # neither is too long alone; the second makes the total so
    source, po = project(tmp_path, {"inside-1/0.paragraph": half, "inside-1/1.paragraph": half})
    code, err, seconds = build(str(source), "--po", str(po), "--format", "html")
    assert code == 2 and seconds < 0.5
    assert err.startswith(f"{po}:{line_of(po, 'inside-1/1.paragraph')}:1: ") and "'inside-1/1.paragraph'" in err


def test_a_translation_within_the_limit_is_read(tmp_path):
    source, po = project(tmp_path, {"front/1.illustration/alt": MAX_TEXT - 100})
    translated, _ = translate(load(source), po)
    assert len(translated.panels["front"].blocks[1].alt.source) == MAX_TEXT - 100


def test_the_limit_is_a_source_error_from_translate(tmp_path):
    source, po = project(tmp_path, {"front/0.heading": MAX_TEXT + 1})
    with pytest.raises(SourceError, match="probably wrong") as caught:
        translate(load(source), po, draft=True)
    assert caught.value.where.line == line_of(po, "front/0.heading")

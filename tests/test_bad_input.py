"""Bad input ends in one clear message with its location and the right exit code, never a traceback."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from .conftest import MINIMAL
from .test_cli import run

H = "leaflet: {id: t, title: T, language: en-GB}\n"


def check(tmp_path: Path, text: str | bytes, *args: str) -> tuple[int, str]:
    source = tmp_path / "leaflet.yaml"
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text, encoding="utf-8")
    code, _, err = run("build", str(source), "-o", str(tmp_path / "out.pdf"), *args)
    assert "Traceback" not in err and "internal error" not in err, err
    if code:
        assert not (tmp_path / "out.pdf").exists()
    return code, err.strip()


def with_image(tmp_path: Path, name: str) -> str:
    return MINIMAL + f"    - image:\n        src: {name}\n        alt: a picture\n"


def test_a_text_file_named_png_is_not_a_picture(tmp_path):
    (tmp_path / "fake.png").write_text("not a picture")
    code, err = check(tmp_path, with_image(tmp_path, "fake.png"))
    assert code == 2
    assert err.endswith("leaflet.yaml:11:14: fake.png is not a readable picture; export it again as PNG or JPEG")


def test_a_truncated_png_is_not_a_picture(tmp_path):
    Image.new("RGB", (400, 400), "red").save(tmp_path / "whole.png")
    (tmp_path / "cut.png").write_bytes((tmp_path / "whole.png").read_bytes()[:80])
    code, err = check(tmp_path, with_image(tmp_path, "cut.png"))
    assert code == 2 and "cut.png is not a readable picture" in err


def test_a_gif_must_be_converted(tmp_path):
    Image.new("RGB", (10, 10)).save(tmp_path / "anim.gif")
    code, err = check(tmp_path, with_image(tmp_path, "anim.gif"))
    assert code == 2 and "anim.gif is a GIF picture; convert it to PNG or JPEG" in err


def test_a_decompression_bomb_is_refused(tmp_path):
    # a PNG header claiming 50000 x 50000 pixels, which Pillow's guard refuses to open
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0))
    (tmp_path / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IEND", b""))
    code, err = check(tmp_path, with_image(tmp_path, "bomb.png"))
    assert code == 2 and "too large" in err


def test_a_qr_address_too_long_to_scan_is_refused(tmp_path):
    code, err = check(tmp_path, MINIMAL + f"    - qr: https://example.org/{'a' * 400}\n")
    assert code == 2 and "too long to scan" in err and ":10:11:" in err


def test_an_alias_that_makes_a_list_contain_itself_is_refused(tmp_path):
    code, err = check(tmp_path, H + "panels:\n  front: &p [{section: {heading: x, body: *p}}]\n")
    assert code == 2 and "contains itself through an alias" in err


def test_a_file_name_with_a_null_byte_is_refused(tmp_path):
    code, err = check(tmp_path, MINIMAL + '    - image: {src: "a\\0b.png", alt: x}\n')
    assert code == 2 and "a file path: U+0000 at character 2 is a control character" in err
    assert err.startswith(str(tmp_path / "leaflet.yaml") + ":")


def test_an_overlong_id_is_refused_before_it_names_a_file(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("id: tiny", "id: " + "x" * 300))
    assert code == 2 and "up to 64" in err and err.startswith(str(tmp_path / "leaflet.yaml") + ":2:7:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (H + "panels: {}\n", "'panels' is empty"),
        (H + "panels:\n  front:\n    - banner: {}\n", "a banner needs 'text', 'height_mm' or both"),
        (H + "panels:\n  front:\n    - heading: {text: x, level: 2.5}\n", "heading level must be one of 1, 2, 3"),
        (H + "panels:\n  front:\n    - spacer: lots\n", "must be a number, not 'lots'"),
    ],
)
def test_content_that_would_print_nothing_useful_is_refused(tmp_path, text, message):
    code, err = check(tmp_path, text)
    assert code == 2 and message in err


def test_a_control_character_is_located(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("Some text", "Some\x00text"))
    assert code == 2
    assert err == f"{tmp_path / 'leaflet.yaml'}:9:22: the character U+0000 cannot appear in a YAML file; delete it " + (
        "(it often comes from text pasted from another program)"
    )


def test_tab_indentation_gets_a_hint(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("    - paragraph", "\t- paragraph"))
    assert code == 2 and "YAML cannot be indented with tabs: use spaces" in err


def test_a_character_no_font_has_names_it_and_its_block(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("Some text", "Some text \u2603\u2603"))
    assert code == 1
    assert err.count("U+2603") == 1
    where = f"{tmp_path / 'leaflet.yaml'}:9:7: "
    assert where + "the en-GB edition's fonts have no glyph for '\u2603' (U+2603, SNOWMAN) in the paragraph" in err


def test_a_sentence_the_fonts_cannot_set_is_one_message_naming_its_first_characters_in_order(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("Some text", "Some text สวัสดีครับ"))
    [line] = [line for line in err.splitlines() if "no glyph" in line]
    assert code == 1 and line.count("U+") == 3 and "and 5 more" in line
    assert line.index("U+0E2A") < line.index("U+0E27") < line.index("U+0E31")  # as written, not by code point
    assert "no edition can be set in the Thai script: replace or delete these characters" in line


def test_a_symbol_only_another_languages_font_has_is_not_blamed_on_the_language(tmp_path):
    code, err = check(tmp_path, MINIMAL.replace("Some text", "Some text \u2264 5"))
    assert code == 1 and "U+2264" in err and "is the language right" not in err
    assert "say it in words" in err


def test_output_to_a_folder_is_a_usage_error(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    code, _, err = run("build", str(source), "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_output_where_nothing_can_be_written_is_a_usage_error(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    code, _, err = run("build", str(source), "-o", "/proc/leaflet/x.pdf")
    assert code == 2 and err.startswith("error: cannot write /proc/leaflet/x.pdf")


def test_output_folder_is_created_when_missing(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    assert run("build", str(source), "-o", str(tmp_path / "new" / "deeper" / "x.pdf"))[0] == 0
    assert (tmp_path / "new" / "deeper" / "x.pdf").is_file()


def test_a_folder_that_cannot_be_written_to_is_said_to_be_so_not_to_need_another_name(tmp_path, monkeypatch):
    import errno
    import tempfile as tempfile_module

    from leaflet.errors import UsageError
    from leaflet.outputs import PDF, write_atomically

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile_module, "mkstemp", refused)
    with pytest.raises(UsageError) as caught:
        write_atomically(tmp_path / "out" / "x.pdf", b"%PDF-", PDF)
    assert f"the folder {tmp_path / 'out'} cannot be written to: make it writable" in caught.value.message
    assert "with -o" not in caught.value.message

"""Shared fixtures: the IPT leaflet built once per test session, and helpers to read PDFs back."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from leaflet.build import Options, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MM = 72 / 25.4
CLINIC = FIXTURES / "clinic" / "riverside.yaml"
"""A clinic file with every field and a logo: an edition built with it is ready for patients."""


@pytest.fixture(scope="session")
def ipt_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The IPT leaflet on A4, built from the project's own content.yaml."""
    out = tmp_path_factory.mktemp("a4") / "ipt-leaflet.pdf"
    build(ROOT / "content.yaml", Options(output=out))
    return out


@pytest.fixture(scope="session")
def ipt_letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("letter") / "ipt-leaflet.pdf"
    build(ROOT / "content.yaml", Options(paper="letter", output=out))
    return out


@pytest.fixture
def write_leaflet(tmp_path: Path):
    """Write a small leaflet YAML (dedented) into a fresh folder and return its path."""

    def write(body: str, name: str = "leaflet.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's content.yaml in a fresh folder, to edit freely."""
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    return tmp_path / "content.yaml"


MINIMAL = """leaflet:
  id: tiny
  title: A tiny leaflet
  language: en-GB
panels:
  front:
    - heading: Hello
  inside-1:
    - paragraph: Some text for the inside.
"""

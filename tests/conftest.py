"""Shared fixtures: the test leaflet (tests/fixtures/leaflet/) built once per session, and helpers.

Tests of the engine use the small test leaflet, `SAMPLE`; only tests whose subject is the IPT
edition itself (its text, its demo translations) build the project's content.yaml."""

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
SAMPLE = FIXTURES / "leaflet" / "sample.yaml"
"""The test leaflet: all six panels, every block kind, a flow that runs on, a picture and a QR code,
in short neutral text, with complete Polish, French and Arabic translations beside it."""


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test leaflet on A4."""
    out = tmp_path_factory.mktemp("a4") / "sample.pdf"
    build(SAMPLE, Options(output=out))
    return out


@pytest.fixture(scope="session")
def sample_letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test leaflet on US Letter."""
    out = tmp_path_factory.mktemp("letter") / "sample.pdf"
    build(SAMPLE, Options(paper="letter", output=out))
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
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the test leaflet's folder (its picture and translations too), to build into and edit freely."""
    shutil.copytree(SAMPLE.parent, tmp_path / "leaflet")
    return tmp_path / "leaflet" / SAMPLE.name


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

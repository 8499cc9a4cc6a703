"""Preflight checks on real layouts, including the ones the layout itself never triggers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from leaflet import geometry
from leaflet.checks import Subject, preflight, theme_contrasts
from leaflet.colours import contrast_ratio
from leaflet.content import load
from leaflet.geometry import TARGETS, sheet
from leaflet.layout import lay_out
from leaflet.layout.items import TextRun
from leaflet.model import Theme
from leaflet.render import Fonts
from leaflet.units import mm

from .conftest import ROOT, SAMPLE


def laid_out(source):
    leaflet = load(source)
    fonts = Fonts()
    return leaflet, lay_out(leaflet, sheet("a4"), fonts), fonts


@pytest.fixture(scope="module")
def sample():
    """The test leaflet, laid out on A4."""
    return laid_out(SAMPLE)


def messages(subject: Subject) -> list[str]:
    return [f.message for f in preflight(subject) if f.severity == "error"]


def with_run(layout, panel_name: str, change) -> object:
    """The layout with the first text run of a panel changed."""
    panel = layout.panels[panel_name]
    index = next(i for i, item in enumerate(panel.items) if isinstance(item, TextRun))
    items = list(panel.items)
    items[index] = change(items[index])
    return replace(layout, panels={**layout.panels, panel_name: replace(panel, items=tuple(items))})


def test_the_ipt_leaflet_passes_every_check_but_says_its_clinic_is_the_sample():
    """About the IPT edition itself, so on content.yaml: the project's leaflet is ready to print."""
    leaflet, layout, fonts = laid_out(ROOT / "content.yaml")
    findings = preflight(Subject(leaflet, layout, fonts, TARGETS["office"]))
    assert [(f.severity, f.code) for f in findings] == [("warning", "sample-clinic")]
    assert findings[0].where.path == str(ROOT / "content.yaml")  # the clinic block's line


def test_the_test_leaflet_passes_every_check_but_says_its_clinic_is_the_sample(sample):
    leaflet, layout, fonts = sample
    findings = preflight(Subject(leaflet, layout, fonts, TARGETS["office"]))
    assert [(f.severity, f.code) for f in findings] == [("warning", "sample-clinic")]
    clinic = leaflet.panels["back"].blocks[1]
    assert (findings[0].where.path, findings[0].where.line) == (str(SAMPLE), clinic.where.line)


def test_text_smaller_than_11_pt_is_an_error(sample):
    leaflet, layout, fonts = sample
    small = with_run(layout, "back", lambda run: replace(run, size=9.0))
    assert messages(Subject(leaflet, small, fonts, TARGETS["office"])) == [
        "text set at 9 pt; patient information needs at least 11 pt"
    ]


def test_text_within_5_mm_of_a_fold_is_an_error(sample):
    leaflet, layout, fonts = sample
    fold = geometry.sheet("a4").panel("back").box.x0
    near = with_run(layout, "back", lambda run: replace(run, x=fold + mm(3)))
    first = next(item for item in layout.panels["back"].items if isinstance(item, TextRun))
    [message] = messages(Subject(leaflet, near, fonts, TARGETS["office"]))
    assert message.startswith(f"text {first.text[:30]!r}") and "within 5 mm of a fold or edge" in message


def test_contrast_ratios_match_wcag_figures():
    assert contrast_ratio("#005EB8", "#FFFFFF") == pytest.approx(6.4, abs=0.05)
    assert contrast_ratio("#212B32", "#FFFFFF") == pytest.approx(14.4, abs=0.1)
    assert contrast_ratio("#FFB81C", "#FFFFFF") == pytest.approx(1.7, abs=0.05)


def test_default_theme_reaches_aa_for_every_text_pair():
    assert min(theme_contrasts(Theme()).values()) >= 4.5


def test_each_run_is_matched_only_with_the_shapes_near_it(monkeypatch):
    from leaflet import checks
    from leaflet.layout.items import Circle

    calls = []
    real = checks._under
    monkeypatch.setattr(checks, "_under", lambda shape, run: calls.append(1) or real(shape, run))
    items = []
    for i in range(2000):  # a badge and its digit, down a very long list of steps
        items.append(Circle(20.0, -30.0 * i, 10.0, "#005EB8"))
        items.append(TextRun(15.0, -30.0 * i - 3, str(i), "bold", 12, "#FFFFFF", 10.0, 10.0, 2.0))
    pairs = checks.colour_pairs(items)
    assert [background for _, background in pairs] == ["#005EB8"] * 2000
    assert len(calls) < 5 * 2000  # not one look at every badge for every digit

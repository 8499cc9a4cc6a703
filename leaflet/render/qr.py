"""QR codes with ReportLab's own encoder, loaded without its barcode widget registry.

Importing `reportlab.graphics.barcode` (even for one submodule) registers every
barcode widget, which imports ReportLab's graphics shapes and platypus: about
45 ms, a third of a whole build. The encoder module itself needs only `re` and
`itertools`, so it is loaded straight from its file; if ReportLab ever moves
it, the ordinary import is used instead.
"""

from __future__ import annotations

import importlib.util
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType

import reportlab

ERROR_CORRECTION = "M"
"""Recovers from about 15% damage: enough for a folded, handled leaflet."""


@cache
def _encoder() -> ModuleType:
    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("leaflet_reportlab_qrencoder", path)
    if spec is None or spec.loader is None or not path.is_file():
        from reportlab.graphics.barcode import qrencoder

        return qrencoder
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=64)
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules, row by row from the top: True where dark.

    Kept for the last addresses encoded (immutable, so callers can share them): the
    encoder tries all eight masks in pure Python, milliseconds a code, and a batch or
    `leaflet serve` draws the same address in every edition.
    """
    encoder = _encoder()
    code = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, ERROR_CORRECTION))
    code.addData(data)
    code.make()
    return tuple(tuple(bool(module) for module in row) for row in code.modules)

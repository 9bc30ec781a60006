"""The certificate fonts, parsed once per process and handed to each new PDF.

fpdf2's ``add_font`` reads and measures the whole TrueType file every time (about a third of a certificate's
build time), and at output it subsets the font in place, so a parsed font cannot simply be shared between
documents. Here the measuring (character widths, glyph ids, metrics) happens once per font and process; each
document gets a shallow copy of it with a fresh, lazily read font file and an empty subset of its own. The
font files are read with ``recalcBBoxes=False`` so saving the subset copies each glyph's stored outline instead
of decoding and re-encoding it to recompute bounding boxes that a subset does not change, and without the
OpenType layout tables that fpdf2 drops from every subset anyway (the subsetter would still decode them first).
"""

from __future__ import annotations

import copy
import io
import threading
from functools import cache
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVu"
#: style -> file in ``FONT_DIRECTORY``
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
#: tables fpdf2 leaves out of an embedded subset (see ``fpdf.output``): removed once, before any subsetting
UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta")

_lock = threading.Lock()


@cache
def _font_bytes(style: str) -> bytes:
    """The font file without ``UNUSED_TABLES``; the glyph order, and so the glyph ids, are unchanged."""
    font = ttLib.TTFont(FONT_DIRECTORY / FILES[style], recalcTimestamp=False, recalcBBoxes=False)
    for tag in UNUSED_TABLES:
        if tag in font:
            del font[tag]
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@cache
def _template(style: str) -> TTFFont:
    """The font measured once: widths, glyph ids and descriptor are shared by every document (read only)."""
    scratch = FPDF()
    scratch.add_font(FAMILY, style, FONT_DIRECTORY / FILES[style])
    return scratch.fonts[f"{FAMILY.lower()}{style}"]


def _fresh_copy(template: TTFFont, index: int, style: str) -> TTFFont:
    font = copy.copy(template)
    font.i = index
    font.ttfont = ttLib.TTFont(io.BytesIO(_font_bytes(style)), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    return font


def add_certificate_fonts(pdf: FPDF) -> None:
    """Register the regular and bold DejaVu fonts on ``pdf`` as ``add_font`` would, without parsing them again."""
    for style in FILES:
        with _lock:  # the first call per process builds the template; later calls only read it
            template, _ = _template(style), _font_bytes(style)
        pdf.fonts[template.fontkey] = _fresh_copy(template, len(pdf.fonts) + 1, style)

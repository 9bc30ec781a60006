"""Certificates as documents: the translated lines, one PDF (fpdf2 + a segno QR code) and a ZIP of many.

The wording is built by ``certificate_lines`` (pure, testable in every language); ``render_pdf`` only lays it
out. The bundled DejaVu fonts carry Cyrillic and the Kazakh letters (ә ғ қ ң ө ұ ү һ і), so no system fonts
are needed; they are parsed once per process (``certificate_fonts``). The QR code is drawn as filled
rectangles, one per run of dark modules in a row: sharp at any zoom and no PNG to encode and embed.

A PDF depends only on its ``CertificateFacts`` and the layout, so ``document_key`` (a hash of both) tells
whether stored bytes still match the certificate (``certificate_files`` stores and streams them).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import segno
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal
from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from app.errors import Conflict
from app.events.models import Certificate
from app.events.services.certificate_fonts import FAMILY as FONT
from app.events.services.certificate_fonts import add_certificate_fonts

#: change when the layout or wording changes, so stored PDFs are built again
LAYOUT_VERSION = "2"
#: the QR code's side in mm, and its distance from the right and bottom page edges
QR_SIZE = 40
QR_OFFSET = 62
#: style -> (bold, font size in points, space after in mm)
STYLES = {
    "title": ("B", 30, 8),
    "lead": ("", 14, 4),
    "name": ("B", 24, 4),
    "event": ("B", 17, 4),
    "body": ("", 12, 2),
    "small": ("", 10, 1.5),
}


@dataclass(frozen=True)
class CertificateFacts:
    name: str
    event_title: str
    starts_on: date
    ends_on: date | None
    city: str | None
    attended: int
    total: int
    contact_minutes: int | None
    code: str
    verify_url: str
    language: str


@dataclass(frozen=True)
class Line:
    text: str
    #: a key of ``STYLES``
    style: str


def facts_of(certificate: Certificate, verify_url: str) -> CertificateFacts:
    """What a certificate prints, read from the certificate with its event and person loaded."""
    event = certificate.event
    return CertificateFacts(
        name=certificate.person.full_name,
        event_title=event.title,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        city=event.city,
        attended=certificate.sessions_attended,
        total=certificate.sessions_total,
        contact_minutes=certificate.contact_minutes,
        code=certificate.code,
        verify_url=verify_url,
        language=certificate.language,
    )


def format_dates(starts_on: date, ends_on: date | None, language: str) -> str:
    if ends_on is None or ends_on == starts_on:
        return format_date(starts_on, "long", locale=language)
    return format_interval(starts_on, ends_on, "yMMMMd", locale=language)


def _contact_hours_line(minutes: int | None, language: str) -> str:
    if minutes is None:
        return _("Contact hours: not recorded")
    hours = format_decimal(round(minutes / 60, 1), format="#,##0.#", locale=language)
    return _("Contact hours: %(hours)s", hours=hours)


def certificate_lines(facts: CertificateFacts) -> list[Line]:
    """The certificate's text, top to bottom, in the certificate's language."""
    with force_locale(facts.language):
        when_and_where = " · ".join(
            part for part in (format_dates(facts.starts_on, facts.ends_on, facts.language), facts.city) if part
        )
        return [
            Line(_("Certificate of attendance"), "title"),
            Line(_("This certifies that"), "lead"),
            Line(facts.name, "name"),
            Line(_("took part in"), "lead"),
            Line(facts.event_title, "event"),
            Line(when_and_where, "body"),
            Line(_("Sessions attended: %(attended)s of %(total)s", attended=facts.attended, total=facts.total), "body"),
            Line(_contact_hours_line(facts.contact_minutes, facts.language), "body"),
            Line(_("Certificate code: %(code)s", code=facts.code), "small"),
            Line(_("Check that it is valid: %(url)s", url=facts.verify_url), "small"),
        ]


def document_key(facts: CertificateFacts) -> str:
    """A fingerprint of everything a PDF shows: equal keys mean byte-for-byte interchangeable documents."""
    return hashlib.sha256(f"{LAYOUT_VERSION}|{facts!r}".encode()).hexdigest()


def qr_runs(url: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code of ``url`` as (modules per side, [(row, first column, length) of each run of dark modules])."""
    matrix = segno.make(url, error="m").matrix
    runs = []
    for row, modules in enumerate(matrix):
        start = None
        for column, dark in enumerate((*modules, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row, start, column - start))
                start = None
    return len(matrix), runs


def _draw_qr(pdf: FPDF, url: str, *, x: float, y: float, size: float) -> None:
    modules, runs = qr_runs(url)
    module = size / modules
    pdf.set_fill_color(0, 0, 0)
    for row, column, length in runs:
        pdf.rect(x + column * module, y + row * module, length * module, module, style="F")


def _write(pdf: FPDF, line: Line, *, width: float, align: str) -> None:
    bold, size, space_after = STYLES[line.style]
    pdf.set_font(FONT, bold, size)
    pdf.multi_cell(width, size * 0.45, line.text, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(space_after)


def render_pdf(facts: CertificateFacts) -> bytes:
    """One A4 landscape page: the lines centred, the code and link bottom left, the QR code bottom right."""
    lines = certificate_lines(facts)
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(22, 22, 22)
    add_certificate_fonts(pdf)
    pdf.set_title(lines[0].text)
    pdf.set_subject(facts.code)
    pdf.set_creator("Water Academy")
    pdf.add_page()
    pdf.set_draw_color(31, 95, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(30)
    for line in (line for line in lines if line.style != "small"):
        _write(pdf, line, width=0, align="C")
    pdf.set_y(pdf.h - 45)
    for line in (line for line in lines if line.style == "small"):
        _write(pdf, line, width=pdf.w - 100, align="L")
    _draw_qr(pdf, facts.verify_url, x=pdf.w - QR_OFFSET, y=pdf.h - QR_OFFSET, size=QR_SIZE)
    return bytes(pdf.output())


def certificate_filename(certificate: Certificate) -> str:
    """``certificate-<latin name>-<code>.pdf``: readable in a folder, safe on every file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", certificate.person.latin_name.lower()).strip("-")[:60] or "participant"
    return f"certificate-{slug}-{certificate.code}.pdf"


def current_pdf(certificate: Certificate, facts: CertificateFacts) -> bytes | None:
    """The stored PDF when it still shows exactly ``facts``, else None (never stored, or out of date)."""
    if certificate.pdf_key != document_key(facts):
        return None
    return certificate.pdf


def printable_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The PDF of a valid certificate, stored or (when out of date) built now; a revoked one is not printed."""
    if certificate.revoked_at is not None:
        raise Conflict(_("This certificate was revoked, so it cannot be downloaded. Ask the organisers."))
    facts = facts_of(certificate, verify_url)
    return current_pdf(certificate, facts) or render_pdf(facts)


@dataclass(frozen=True)
class ZipEntry:
    filename: str
    facts: CertificateFacts
    #: the stored PDF when it is current; otherwise the entry is built while the ZIP streams
    stored: bytes | None


def zip_entries(certificates: Iterable[Certificate], link: Callable[[str], str]) -> list[ZipEntry]:
    """What the ZIP holds, read up front (certificates with person, event and ``pdf`` loaded)."""
    entries = []
    for certificate in certificates:
        facts = facts_of(certificate, link(certificate.code))
        entries.append(ZipEntry(certificate_filename(certificate), facts, current_pdf(certificate, facts)))
    return entries


class _Chunks(io.RawIOBase):
    """A write-only, unseekable file that hands over what was written so far (``zipfile`` streams into it)."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def stream_zip(entries: Iterable[ZipEntry]) -> Iterator[bytes]:
    """The ZIP of ``entries``, one chunk per PDF as soon as it is written (PDFs are compressed: stored as is)."""
    chunks = _Chunks()
    with zipfile.ZipFile(chunks, "w", zipfile.ZIP_STORED) as archive:
        for entry in entries:
            archive.writestr(entry.filename, entry.stored or render_pdf(entry.facts))
            yield chunks.take()
    yield chunks.take()

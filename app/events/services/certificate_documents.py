"""Certificates as documents: the translated lines, one PDF (fpdf2 + a segno QR code) and a ZIP of many.

The wording is built by ``certificate_lines`` (pure, testable in every language); ``render_pdf`` only lays it
out. The bundled DejaVu fonts carry Cyrillic and the Kazakh letters (ә ғ қ ң ө ұ ү һ і), so no system fonts
are needed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal
from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from app.errors import Conflict
from app.events.models import Certificate

FONT_DIRECTORY = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
#: Latin, Cyrillic (with the Kazakh letters) and punctuation: embedding only these keeps a PDF fast to build
UNICODE_RANGE = "U+0020-024F, U+0400-04FF, U+2000-206F, U+20AC, U+2116"
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


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


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
    pdf.add_font(FONT, "", FONT_DIRECTORY / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIRECTORY / "DejaVuSans-Bold.ttf")
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
    pdf.image(_qr_png(facts.verify_url), x=pdf.w - 62, y=pdf.h - 62, w=40, h=40)
    return bytes(pdf.output())


def certificate_filename(certificate: Certificate) -> str:
    """``certificate-<latin name>-<code>.pdf``: readable in a folder, safe on every file system."""
    slug = re.sub(r"[^a-z0-9]+", "-", certificate.person.latin_name.lower()).strip("-")[:60] or "participant"
    return f"certificate-{slug}-{certificate.code}.pdf"


def certificates_zip(certificates: Iterable[Certificate], link: Callable[[str], str]) -> bytes:
    """One PDF per certificate in a ZIP built in memory (an event has at most a few hundred)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            document = render_pdf(facts_of(certificate, link(certificate.code)))
            archive.writestr(certificate_filename(certificate), document)
    return buffer.getvalue()


def printable_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The PDF of a valid certificate; a revoked one is not printed again."""
    if certificate.revoked_at is not None:
        raise Conflict(_("This certificate was revoked, so it cannot be downloaded. Ask the organisers."))
    return render_pdf(facts_of(certificate, verify_url))

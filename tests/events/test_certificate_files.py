"""Certificate PDFs at scale: shared fonts, a vector QR code, stored bytes reused and rebuilt, a streamed ZIP."""

import io
import re
import zipfile
import zlib
from datetime import date

import pytest
import segno
from fontTools import ttLib
from sqlalchemy import select

from app.auth.models import Role
from app.events.models import Certificate
from app.events.services import certificates as certificate_services
from app.events.services.certificate_documents import CertificateFacts, document_key, facts_of, qr_runs, render_pdf


def _streams(document: bytes) -> list[bytes]:
    """Every compressed stream of a PDF, inflated (fonts and page contents; fpdf2 compresses them)."""
    inflated = []
    for raw in re.findall(rb"stream\n(.*?)endstream", document, re.S):
        try:
            inflated.append(zlib.decompressobj().decompress(raw))
        except zlib.error:
            continue
    return inflated


def _embedded_characters(document: bytes) -> set[str]:
    """The characters of every font subset embedded in the PDF (read back with fontTools)."""
    characters: set[str] = set()
    for stream in _streams(document):
        if stream[:4] in (b"\x00\x01\x00\x00", b"true"):
            characters |= {chr(code) for code in ttLib.TTFont(io.BytesIO(stream)).getBestCmap()}
    return characters


def _facts(name: str, language: str = "kk") -> CertificateFacts:
    return CertificateFacts(
        name=name,
        event_title="Basin planning",
        starts_on=date(2030, 5, 12),
        ends_on=None,
        city="Astana",
        attended=2,
        total=2,
        contact_minutes=None,
        code="0123456789ABCDEF",
        verify_url="http://localhost/certificates/0123456789ABCDEF",
        language=language,
    )


def test_qr_runs_redraw_exactly_the_segno_matrix():
    url = "http://localhost/certificates/0123456789ABCDEF"
    size, runs = qr_runs(url)
    drawn = [[0] * size for _ in range(size)]
    for row, column, length in runs:
        drawn[row][column : column + length] = [1] * length
    assert drawn == [list(row) for row in segno.make(url, error="m").matrix]


def test_each_pdf_embeds_its_own_font_subset_when_fonts_are_shared(app):
    with app.test_request_context():
        kazakh = render_pdf(_facts("Әлия Қоңырбаева"))
        latin = render_pdf(_facts("Zhanna Wexford", language="en"))
    assert {"Ә", "Қ", "ң"} <= _embedded_characters(kazakh)
    assert "W" in _embedded_characters(latin) and not {"Ә", "Қ", "ң"} & _embedded_characters(latin)
    assert b"/Subtype /Image" not in kazakh and b"/Subtype /Image" not in latin


def test_document_key_changes_with_anything_printed():
    facts = _facts("Әлия Қоңырбаева")
    assert document_key(facts) == document_key(_facts("Әлия Қоңырбаева"))
    assert document_key(facts) != document_key(_facts("Әлия Қоңырбаева", language="ru"))
    assert document_key(facts) != document_key(_facts("Aliya Konyrbayeva"))


@pytest.fixture()
def event_with_two(db, make, login_as):
    """Two qualifying people, certificates issued through the coordinator's form (so their PDFs are stored)."""
    event = make.event(title="Stored certificates")
    event_session = make.event_session(event)
    people = [make.person(full_name=f"Stored Person {number}") for number in (1, 2)]
    for person in people:
        make.registration(event, person)
        make.attendance(event_session, person)
    return event, people


def _issue(client, make, login_as, event):
    login_as(make.user(role=Role.COORDINATOR))
    assert client.post(f"/events/manage/{event.id}/certificates/issue", data={"language": "ru"}).status_code == 302


def test_issuing_stores_each_pdf_and_downloads_reuse_the_stored_bytes(client, db, make, login_as, event_with_two):
    event, _people = event_with_two
    _issue(client, make, login_as, event)
    first, second = db.scalars(select(Certificate).order_by(Certificate.id)).all()
    assert first.pdf.startswith(b"%PDF") and first.code.encode() in first.pdf and first.pdf_key
    first.pdf = b"%PDF-stored " + first.code.encode()  # same key: the stored bytes are served as they are
    db.flush()
    assert client.get(f"/events/certificates/{first.id}.pdf").data == first.pdf
    response = client.get(f"/events/manage/{event.id}/certificates.zip")
    assert response.is_streamed
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    contents = {name: archive.read(name) for name in archive.namelist()}
    assert len(contents) == 2 and first.pdf in contents.values() and second.pdf in contents.values()


def test_out_of_date_pdf_is_built_on_download_without_writing_and_stored_on_the_next_issue(
    client, db, make, login_as, event_with_two
):
    event, people = event_with_two
    _issue(client, make, login_as, event)
    certificate = db.scalar(select(Certificate).where(Certificate.person_id == people[0].id))
    old_key, old_pdf = certificate.pdf_key, certificate.pdf
    people[0].full_name = "Renamed Person"
    db.flush()
    download = client.get(f"/events/certificates/{certificate.id}.pdf").data
    assert download.startswith(b"%PDF") and download != old_pdf
    assert "R" in _embedded_characters(download) and "R" not in _embedded_characters(old_pdf)
    db.refresh(certificate)
    assert certificate.pdf_key == old_key  # a GET does not write
    _issue(client, make, login_as, event)  # nobody new qualifies, but the stale PDF is rebuilt and stored
    db.refresh(certificate)
    assert certificate.pdf_key != old_key and certificate.pdf != old_pdf


def test_language_change_makes_the_stored_pdf_out_of_date(app, db, make, event_with_two):
    event, _people = event_with_two
    link = lambda code: f"http://localhost/certificates/{code}"  # noqa: E731
    certificate_services.issue_certificates(db, event, actor_id=None, link=link)
    certificates = certificate_services.valid_certificates(db, event)
    with app.test_request_context():
        assert certificate_services.store_documents(db, certificates, link) == 0  # all current
        certificates[0].language = "kk"
        assert certificate_services.store_documents(db, certificates, link) == 1
        assert certificates[0].pdf_key == document_key(facts_of(certificates[0], link(certificates[0].code)))


def test_reissue_builds_a_new_pdf_with_the_new_code(client, db, make, login_as, event_with_two):
    event, _people = event_with_two
    _issue(client, make, login_as, event)
    old = db.scalar(select(Certificate).order_by(Certificate.id))
    client.post(f"/events/manage/certificates/{old.id}/reissue")
    new = db.scalar(select(Certificate).where(Certificate.person_id == old.person_id, Certificate.revoked_at.is_(None)))
    assert new.id != old.id and new.pdf.startswith(b"%PDF") and new.code.encode() in new.pdf
    assert old.code.encode() not in new.pdf and new.pdf_key != old.pdf_key


def test_zip_has_one_valid_pdf_per_valid_certificate_and_constant_queries(
    client, db, make, login_as, count_queries, event_with_two
):
    event, people = event_with_two
    _issue(client, make, login_as, event)
    url = f"/events/manage/{event.id}/certificates.zip"
    with count_queries() as small:
        client.get(url).get_data()
    session = event.sessions[0]
    for number in range(3, 8):
        person = make.person(full_name=f"Stored Person {number}")
        make.registration(event, person)
        make.attendance(session, person)
    _issue(client, make, login_as, event)
    revoked = db.scalar(select(Certificate).where(Certificate.person_id == people[1].id))
    certificate_services.revoke_certificate(db, revoked, actor_id=None)
    db.flush()
    with count_queries() as large:
        data = client.get(url).get_data()
    archive = zipfile.ZipFile(io.BytesIO(data))
    valid = db.scalars(select(Certificate).where(Certificate.revoked_at.is_(None))).all()
    assert len(archive.namelist()) == len(valid) == 6
    assert sorted(name.rsplit("-", 1)[1] for name in archive.namelist()) == sorted(f"{c.code}.pdf" for c in valid)
    assert all(
        archive.read(name).startswith(b"%PDF") and archive.read(name).endswith(b"%%EOF\n")
        for name in archive.namelist()
    )
    assert len(large.statements) == len(small.statements)

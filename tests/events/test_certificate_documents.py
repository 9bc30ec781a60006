"""Certificates as PDFs: wording in three languages, downloads, the ZIP, language choice and the post-test rule."""

import io
import zipfile
from datetime import date, time

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.events.models import AssessmentKind, Certificate, EventAssessment
from app.events.services import certificates as certificate_services
from app.events.services import duplicates as duplicate_services
from app.events.services.certificate_documents import CertificateFacts, certificate_lines, facts_of, render_pdf
from app.quizzes.models import QuizAttempt


def _facts(language: str, contact_minutes: int | None = 390) -> CertificateFacts:
    return CertificateFacts(
        name="Гаухар Бейсеева",
        event_title="Basin planning workshop",
        starts_on=date(2030, 5, 12),
        ends_on=date(2030, 5, 14),
        city="Astana",
        attended=4,
        total=5,
        contact_minutes=contact_minutes,
        code="ABCD1234EF567890",
        verify_url="http://localhost/certificates/ABCD1234EF567890",
        language=language,
    )


@pytest.mark.parametrize(
    ("language", "title", "sessions", "hours", "dates"),
    [
        ("en", "Certificate of attendance", "Sessions attended: 4 of 5", "Contact hours: 6.5", "2030"),
        ("ru", "Сертификат об участии", "Посещено занятий: 4 из 5", "Контактных часов: 6,5", "мая 2030"),
        ("kk", "Қатысу туралы сертификат", "Қатысқан сабақтар: 5 сабақтың 4", "Байланыс сағаттары: 6,5", "2030"),
    ],
)
def test_certificate_lines_are_translated(app, language, title, sessions, hours, dates):
    with app.test_request_context():
        texts = [line.text for line in certificate_lines(_facts(language))]
    assert texts[0] == title
    assert "Гаухар Бейсеева" in texts and "Basin planning workshop" in texts
    assert sessions in texts and hours in texts
    assert any(dates in text and "Astana" in text for text in texts)
    assert any("ABCD1234EF567890" in text for text in texts)
    assert any("http://localhost/certificates/ABCD1234EF567890" in text for text in texts)


def test_certificate_lines_say_when_contact_hours_were_not_recorded(app):
    with app.test_request_context():
        english = [line.text for line in certificate_lines(_facts("en", contact_minutes=None))]
        russian = [line.text for line in certificate_lines(_facts("ru", contact_minutes=None))]
    assert "Contact hours: not recorded" in english
    assert "Контактные часы: не учитывались" in russian


def test_pdf_prints_kazakh_letters_and_carries_the_code(app):
    facts = _facts("kk")
    with app.test_request_context():
        document = render_pdf(CertificateFacts(**{**facts.__dict__, "name": "Әлия Ғалымқызы Қоңырбаева"}))
    assert document.startswith(b"%PDF")
    assert b"ABCD1234EF567890" in document
    assert b"/Subtype /Image" not in document  # the QR code is drawn as vector rectangles, not an image


@pytest.fixture()
def issued(db, make):
    """An event of three timed sessions and one untimed; two people qualify, one does not."""
    event = make.event(title="Certificate event")
    sessions = [
        make.event_session(event, start_time=time(9, 0), end_time=time(12, 30)),
        make.event_session(event, start_time=time(14, 0), end_time=time(17, 0)),
        make.event_session(event),
    ]
    people = [make.person(full_name=f"Participant {number}") for number in (1, 2, 3)]
    for person in people:
        make.registration(event, person)
    for person in people[:2]:
        for event_session in sessions:
            make.attendance(event_session, person)
    certificate_services.issue_certificates(db, event, actor_id=None)
    return event, people


def test_contact_minutes_sum_only_sessions_with_times(db, issued):
    event, people = issued
    certificate = db.scalar(select(Certificate).where(Certificate.person_id == people[0].id))
    assert certificate.contact_minutes == 390
    assert (certificate.sessions_attended, certificate.sessions_total) == (3, 3)


def test_coordinator_downloads_a_pdf_and_a_zip_of_valid_certificates(client, db, make, login_as, issued):
    event, people = issued
    login_as(make.user(role=Role.COORDINATOR))
    first, second = db.scalars(select(Certificate).order_by(Certificate.id)).all()
    response = client.get(f"/events/certificates/{first.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and first.code.encode() in response.data
    client.post(f"/events/manage/certificates/{second.id}/revoke")
    third = make.person(full_name="Participant 4")
    make.registration(event, third)
    for event_session in event.sessions:
        make.attendance(event_session, third)
    client.post(f"/events/manage/{event.id}/certificates/issue", data={"language": "ru"})
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/events/manage/{event.id}/certificates.zip").data))
    names = archive.namelist()
    valid = db.scalars(select(Certificate).where(Certificate.revoked_at.is_(None))).all()
    assert len(names) == len(valid) == 3  # the revoked person qualified again and got a new code
    assert all(name.endswith(".pdf") and archive.read(name).startswith(b"%PDF") for name in names)
    assert not any(second.code in name for name in names)
    assert db.scalar(select(Certificate.language).where(Certificate.person_id == third.id)) == "ru"


def test_certificates_page_offers_language_pdf_and_zip(client, make, login_as, issued):
    event, _people = issued
    login_as(make.user(role=Role.COORDINATOR))
    page = client.get(f"/events/manage/{event.id}/certificates").get_data(as_text=True)
    assert 'name="language"' in page and "Қазақша" in page
    assert f"/events/manage/{event.id}/certificates.zip" in page and ".pdf" in page


def test_participant_downloads_only_their_own_valid_certificate(client, db, make, login_as, issued):
    _event, people = issued
    mine, theirs = db.scalars(select(Certificate).order_by(Certificate.id)).all()
    assert client.get(f"/events/certificates/{mine.id}.pdf").status_code == 302  # to the sign-in page
    login_as(make.user(person_id=people[0].id))
    assert client.get(f"/events/certificates/{mine.id}.pdf").data.startswith(b"%PDF")
    assert client.get(f"/events/certificates/{theirs.id}.pdf").status_code == 403
    assert mine.code in client.get("/events/my-certificates").get_data(as_text=True)
    certificate_services.revoke_certificate(db, mine, actor_id=None)
    assert client.get(f"/events/certificates/{mine.id}.pdf").status_code == 409


def test_linked_account_language_wins_over_the_form_choice(client, db, make, login_as):
    event = make.event()
    event_session = make.event_session(event)
    kazakh, unlinked = make.person(), make.person()
    make.user(person_id=kazakh.id, locale="kk")
    for person in (kazakh, unlinked):
        make.registration(event, person)
        make.attendance(event_session, person)
    login_as(make.user(role=Role.COORDINATOR))
    client.post(f"/events/manage/{event.id}/certificates/issue", data={"language": "ru"})
    languages = dict(db.execute(select(Certificate.person_id, Certificate.language)).all())
    assert languages == {kazakh.id: "kk", unlinked.id: "ru"}


def test_post_test_quiz_must_be_passed_for_a_certificate(db, make):
    event = make.event()
    event_session = make.event_session(event)
    person = make.person()
    user = make.user(person_id=person.id)
    make.registration(event, person)
    make.attendance(event_session, person)
    quiz = make.quiz()
    db.add(EventAssessment(event_id=event.id, quiz_id=quiz.id, kind=AssessmentKind.POST))
    db.flush()
    assert certificate_services.post_test_quiz_ids(db, event) == [quiz.id]
    assert certificate_services.issue_certificates(db, event, actor_id=None) == 0
    (standing,) = certificate_services.standings(db, event)
    assert standing.quiz_required and not standing.quiz_passed and not standing.qualifies
    db.add(QuizAttempt(quiz_id=quiz.id, user_id=user.id, number=1, seed=1, question_keys=[], passed=False))
    db.flush()
    assert certificate_services.issue_certificates(db, event, actor_id=None) == 0
    db.add(QuizAttempt(quiz_id=quiz.id, user_id=user.id, number=2, seed=2, question_keys=[], passed=True))
    db.flush()
    assert certificate_services.issue_certificates(db, event, actor_id=None) == 1


def test_certificate_prints_the_kept_person_after_a_merge(app, db, make, issued):
    _event, people = issued
    kept = make.person(full_name="Kept Participant")
    duplicate_services.merge_people(db, kept, people[0], actor_id=None)
    certificate = db.scalar(select(Certificate).where(Certificate.person_id == kept.id))
    db.refresh(certificate)
    with app.test_request_context():
        texts = [line.text for line in certificate_lines(facts_of(certificate, "http://localhost/x"))]
    assert "Kept Participant" in texts and "Participant 1" not in texts

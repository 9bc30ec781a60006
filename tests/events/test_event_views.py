"""Events: create, edit, sessions, list, detail; coordinator registration; learner self-registration."""

from datetime import date

import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import Event, EventSession, Person, Registration, RegistrationStatus

EVENT_FORM = {
    "kind": "training",
    "title": "EU water quality management",
    "city": "Astana",
    "country": "Kazakhstan",
    "starts_on": "2030-05-12",
    "ends_on": "2030-05-14",
    "points_present": "2",
    "points_late": "1",
    "points_excused": "1",
    "points_absent": "0",
    "certificate_percent": "80",
}


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


@pytest.mark.parametrize("role", [Role.LEARNER, Role.TRAINER])
def test_event_management_refuses_non_coordinators(client, make, login_as, role):
    event = make.event()
    login_as(make.user(role=role))
    for url in (
        "/events/",
        "/events/manage/new",
        f"/events/manage/{event.id}",
        f"/events/manage/{event.id}/participants",
    ):
        assert client.get(url).status_code == 403
    assert client.post(f"/events/manage/{event.id}/edit", data=EVENT_FORM).status_code == 403


def test_create_event_then_add_session_and_see_it_listed(client, db, coordinator):
    response = client.post("/events/manage/new", data=EVENT_FORM)
    assert response.status_code == 302
    event = db.scalar(select(Event).where(Event.title == EVENT_FORM["title"]))
    assert event.ends_on == date(2030, 5, 14) and event.points_present == 2
    response = client.post(
        f"/events/manage/{event.id}/sessions",
        data={"title": "Day 1: directives", "held_on": "2030-05-12", "start_time": "09:00", "end_time": "13:00"},
    )
    assert response.status_code == 302
    page = client.get(f"/events/manage/{event.id}").get_data(as_text=True)
    assert "Day 1: directives" in page and "09:00" in page
    assert EVENT_FORM["title"] in client.get("/events/").get_data(as_text=True)


def test_event_ending_before_it_starts_is_refused(client, db, coordinator):
    response = client.post("/events/manage/new", data=EVENT_FORM | {"ends_on": "2030-05-01"})
    assert response.status_code == 400
    assert "cannot end before it starts" in response.get_data(as_text=True)
    assert db.scalar(select(Event).where(Event.title == EVENT_FORM["title"])) is None


def test_session_outside_event_dates_is_refused(client, db, make, coordinator):
    event = make.event(starts_on=date(2030, 5, 12), ends_on=date(2030, 5, 12))
    response = client.post(f"/events/manage/{event.id}/sessions", data={"title": "Late day", "held_on": "2030-06-01"})
    assert response.status_code == 400
    assert "between the event" in response.get_data(as_text=True)
    assert db.scalar(select(EventSession).where(EventSession.event_id == event.id)) is None


def test_session_with_attendance_cannot_be_removed(client, db, make, coordinator):
    event_session = make.event_session()
    person = make.person()
    make.registration(event_session.event, person)
    make.attendance(event_session, person)
    response = client.post(f"/events/manage/sessions/{event_session.id}/delete")
    assert response.status_code == 400
    assert db.get(EventSession, event_session.id) is not None


def test_event_list_query_count_is_constant(client, make, coordinator, count_queries):
    def measure():
        with count_queries() as counter:
            assert client.get("/events/").status_code == 200
        return counter.count

    make.registration(make.event())
    small = measure()
    for _ in range(15):
        event = make.event()
        make.registration(event)
        make.registration(event)
    assert measure() == small


def test_coordinator_adds_existing_and_new_people_with_status_role_consent(client, db, make, coordinator):
    event = make.event()
    known = make.person(full_name="Demo Participant 07")
    response = client.post(
        f"/events/manage/{event.id}/participants/existing",
        data={"existing-person_id": str(known.id), "existing-status": "invited", "existing-role": "speaker"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/events/manage/{event.id}/participants/new",
        data={
            "new-full_name": "Demo Participant 08",
            "new-gender": "female",
            "new-organisation_id": "0",
            "new-status": "confirmed",
            "new-role": "trainer",
            "new-consent_public_list": "y",
        },
    )
    assert response.status_code == 302
    registrations = db.scalars(select(Registration).where(Registration.event_id == event.id)).all()
    by_name = {registration.person.full_name: registration for registration in registrations}
    assert by_name["Demo Participant 07"].status == RegistrationStatus.INVITED
    assert by_name["Demo Participant 07"].role.value == "speaker"
    assert not by_name["Demo Participant 07"].consent_public_list
    assert by_name["Demo Participant 08"].consent_public_list
    assert db.scalar(select(AuditEntry).where(AuditEntry.action == "registration.created")) is not None
    page = client.get(f"/events/manage/{event.id}/participants").get_data(as_text=True)
    assert "Demo Participant 07" in page and "Demo Participant 08" in page


def test_registering_the_same_person_twice_is_a_conflict(client, db, make, coordinator):
    registration = make.registration()
    response = client.post(
        f"/events/manage/{registration.event_id}/participants/existing",
        data={
            "existing-person_id": str(registration.person_id),
            "existing-status": "registered",
            "existing-role": "participant",
        },
    )
    assert response.status_code == 409
    assert "already registered" in response.get_data(as_text=True)


def test_participant_search_offers_known_people(client, make, coordinator):
    event = make.event()
    make.person(full_name="Гаухар Бейсеева")
    page = client.get(f"/events/manage/{event.id}/participants", query_string={"q": "Gaukhar"}).get_data(as_text=True)
    assert "Гаухар Бейсеева" in page


def test_edit_registration_changes_status(client, db, make, coordinator):
    registration = make.registration()
    response = client.post(
        f"/events/manage/registrations/{registration.id}",
        data={"status": "cancelled", "role": "organiser"},
    )
    assert response.status_code == 302
    assert registration.status == RegistrationStatus.CANCELLED


def test_participant_list_query_count_is_constant(client, make, coordinator, count_queries):
    event = make.event()

    def measure():
        with count_queries() as counter:
            assert client.get(f"/events/manage/{event.id}/participants").status_code == 200
        return counter.count

    make.registration(event, make.person(organisation=make.organisation()))
    small = measure()
    for _ in range(30):
        make.registration(event, make.person(organisation=make.organisation()))
    assert measure() == small


def test_learner_registers_for_open_event_and_sees_status(client, db, make, login_as):
    user = login_as(make.user(role=Role.LEARNER, name="Demo Learner Nine"))
    event = make.event(is_open_for_registration=True, starts_on=date(2099, 1, 1), ends_on=None)
    assert event.title in client.get("/events/open").get_data(as_text=True)
    response = client.post(f"/events/{event.id}/register", data={"consent_public_list": "y"})
    assert response.status_code == 302
    registration = db.scalar(select(Registration).where(Registration.event_id == event.id))
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.consent_public_list
    assert user.person.full_name == "Demo Learner Nine"
    assert "You are registered" in client.get("/events/open").get_data(as_text=True)
    client.post(f"/events/{event.id}/cancel")
    assert registration.status == RegistrationStatus.CANCELLED


def test_event_requiring_approval_puts_learner_on_waiting_list(client, db, make, login_as):
    login_as(make.user(role=Role.LEARNER))
    event = make.event(is_open_for_registration=True, requires_approval=True, starts_on=date(2099, 1, 1), ends_on=None)
    client.post(f"/events/{event.id}/register")
    registration = db.scalar(select(Registration).where(Registration.event_id == event.id))
    assert registration.status == RegistrationStatus.WAITING_LIST


def test_learner_cannot_register_for_closed_or_past_event(client, db, make, login_as):
    login_as(make.user(role=Role.LEARNER))
    closed = make.event(is_open_for_registration=False)
    past = make.event(is_open_for_registration=True, starts_on=date(2001, 1, 1), ends_on=None)
    assert client.post(f"/events/{closed.id}/register").status_code == 403
    assert client.post(f"/events/{past.id}/register").status_code == 400
    assert db.scalar(select(Registration).where(Registration.event_id.in_([closed.id, past.id]))) is None
    assert db.scalar(select(Person).where(Person.full_name == "nobody")) is None

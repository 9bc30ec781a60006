"""The public participant list (consent only, names and organisations) and course progress on a person's page."""

import pytest

from app.auth.models import Role
from app.events.models import RegistrationStatus


def test_public_list_shows_only_consenting_registered_people(client, make):
    event = make.event(title="Public list event")
    organisation = make.organisation(name="Aral Basin Inspection")
    shown = make.person(full_name="Listed Person", organisation=organisation, email="listed@example.org")
    make.registration(event, shown, consent_public_list=True, status=RegistrationStatus.CONFIRMED)
    make.registration(event, make.person(full_name="Private Person"))
    make.registration(event, make.person(full_name="Cancelled Person"), consent_public_list=True,
                      status=RegistrationStatus.CANCELLED)  # fmt: skip
    make.registration(event, make.person(full_name="Waiting Person"), consent_public_list=True,
                      status=RegistrationStatus.WAITING_LIST)  # fmt: skip
    response = client.get(f"/events/{event.id}/people")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Listed Person" in page and "Aral Basin Inspection" in page
    assert "Private Person" not in page and "Cancelled Person" not in page and "Waiting Person" not in page
    assert "listed@example.org" not in page
    assert client.get("/events/999999/people").status_code == 404


def test_public_list_query_count_is_constant(client, make, count_queries):
    def count(size: int) -> int:
        event = make.event()
        for _number in range(size):
            person = make.person(organisation=make.organisation())
            make.registration(event, person, consent_public_list=True)
        with count_queries() as counter:
            assert client.get(f"/events/{event.id}/people").status_code == 200
        return counter.count

    assert count(3) == count(30)


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


def _learner_with_courses(make, courses: int):
    person = make.person(full_name="Learner With Account")
    user = make.user(person_id=person.id)
    for _number in range(courses):
        course = make.course()
        lessons = [make.lesson(make.module(course)) for _lesson in range(2)]
        make.enrolment(course, user)
    return person, lessons, course


def test_person_page_shows_course_progress_of_the_linked_account(client, make, coordinator):
    person, _lessons, course = _learner_with_courses(make, 1)
    page = client.get(f"/events/manage/people/{person.id}").get_data(as_text=True)
    assert "Course progress" in page and course.title in page and "0 / 2" in page
    unlinked = make.person()
    assert "Course progress" not in client.get(f"/events/manage/people/{unlinked.id}").get_data(as_text=True)


def test_person_page_query_count_does_not_grow_with_courses(client, make, coordinator, count_queries):
    def count(courses: int) -> int:
        person, _lessons, _course = _learner_with_courses(make, courses)
        with count_queries() as counter:
            assert client.get(f"/events/manage/people/{person.id}").status_code == 200
        return counter.count

    assert count(1) == count(4)

"""Organisations and people pages: search in either script, create, edit, history, access."""

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.events.models import Organisation, Person


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


@pytest.mark.parametrize("role", [Role.LEARNER, Role.TRAINER])
def test_people_pages_refuse_non_coordinators(client, make, login_as, role):
    login_as(make.user(role=role))
    for url in ("/events/manage/people", "/events/manage/organisations", "/events/manage/people/new"):
        assert client.get(url).status_code == 403


def test_people_list_requires_sign_in(client, db):
    response = client.get("/events/manage/people")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_create_person_derives_latin_name_and_links_organisation(client, db, coordinator, make):
    organisation = make.organisation(name="Demo Basin Inspection")
    response = client.post(
        "/events/manage/people/new",
        data={
            "full_name": "  Гаухар   Бейсеева ",
            "gender": "female",
            "organisation_id": str(organisation.id),
            "country": "kz",
            "email": "G.Beiseeva@Example.org",
        },
    )
    assert response.status_code == 302
    person = db.scalar(select(Person).where(Person.full_name == "Гаухар Бейсеева"))
    assert person.latin_name.lower().startswith("gaukhar")
    assert person.organisation_id == organisation.id
    assert person.email == "g.beiseeva@example.org"
    assert person.country == "KZ"


def test_create_person_with_bad_email_shows_error_and_writes_nothing(client, db, coordinator):
    before = db.scalar(select(Person.id).order_by(Person.id.desc()))
    response = client.post(
        "/events/manage/people/new",
        data={"full_name": "Someone", "gender": "male", "organisation_id": "0", "email": "nope"},
    )
    assert response.status_code == 400
    assert "valid e-mail" in response.get_data(as_text=True)
    assert db.scalar(select(Person.id).order_by(Person.id.desc())) == before


@pytest.mark.parametrize("query", ["гаухар", "Gaukhar", "GAUKHAR", "бейсеева"])
def test_search_finds_cyrillic_names_with_either_script(client, make, coordinator, query):
    make.person(full_name="Гаухар Бейсеева", latin_name="Gaukhar Beyseeva")
    make.person(full_name="Aidos Nurlanov", latin_name="Aidos Nurlanov")
    page = client.get("/events/manage/people", query_string={"q": query}).get_data(as_text=True)
    assert "Гаухар Бейсеева" in page
    assert "Aidos Nurlanov" not in page


def test_search_with_cyrillic_finds_latin_written_name(client, make, coordinator):
    make.person(full_name="Aidos Nurlanov", latin_name="Aidos Nurlanov")
    page = client.get("/events/manage/people", query_string={"q": "Айдос"}).get_data(as_text=True)
    assert "Aidos Nurlanov" in page


def test_search_treats_like_wildcards_literally(client, make, coordinator):
    make.person(full_name="Aidos Nurlanov", latin_name="Aidos Nurlanov")
    page = client.get("/events/manage/people", query_string={"q": "%"}).get_data(as_text=True)
    assert "Aidos Nurlanov" not in page


def test_people_list_query_count_is_constant(client, make, coordinator, count_queries):
    organisation = make.organisation()

    def measure():
        with count_queries() as counter:
            assert client.get("/events/manage/people").status_code == 200
        return counter.count

    for number in range(3):
        make.person(full_name=f"Small {number}", organisation=organisation)
    small = measure()
    for number in range(40):
        make.person(full_name=f"Large {number}", organisation=make.organisation())
    assert measure() == small


def test_edit_person_and_page_shows_history(client, db, make, coordinator):
    person = make.person(full_name="Demo Participant 01")
    event = make.event(title="Water quality training")
    event_session = make.event_session(event, title="Day one")
    make.registration(event, person)
    make.attendance(event_session, person)
    response = client.post(
        f"/events/manage/people/{person.id}/edit",
        data={"full_name": "Demo Participant 01A", "gender": "other", "organisation_id": "0"},
    )
    assert response.status_code == 302
    page = client.get(f"/events/manage/people/{person.id}").get_data(as_text=True)
    assert "Demo Participant 01A" in page
    assert "Water quality training" in page
    assert "Day one" in page


def test_organisation_create_edit_and_search(client, db, coordinator):
    response = client.post(
        "/events/manage/organisations/new",
        data={"name": "Балқаш-Алакөл бассейндік инспекциясы", "alternative_name": "BAIB", "type": "basin_inspection"},
    )
    assert response.status_code == 302
    organisation = db.scalar(select(Organisation).where(Organisation.alternative_name == "BAIB"))
    client.post(
        f"/events/manage/organisations/{organisation.id}/edit",
        data={"name": organisation.name, "alternative_name": "BAIB", "type": "ministry", "country": "KZ"},
    )
    assert organisation.type.value == "ministry"
    assert organisation.country == "KZ"
    page = client.get("/events/manage/organisations", query_string={"q": "baib"}).get_data(as_text=True)
    assert "Балқаш" in page

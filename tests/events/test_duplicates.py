"""Duplicates: candidate pairs with evidence, merge moves history, undo restores exactly what moved."""

import pytest
from sqlalchemy import select

from app.audit import AuditEntry
from app.auth.models import Role
from app.events.models import Attendance, PersonMerge, Registration
from app.events.services import duplicates as duplicate_services
from app.events.services.duplicates import MergeRefused


@pytest.fixture()
def coordinator(make, login_as):
    return login_as(make.user(role=Role.COORDINATOR))


def test_duplicates_page_shows_pair_with_score_and_evidence(client, make, coordinator):
    make.person(full_name="Гаухар Бейсеева", email="g.beiseeva@example.org")
    make.person(full_name="Gaukhar Beiseyeva", email="G.Beiseeva@example.org")
    make.person(full_name="Aidos Nurlanov")
    page = client.get("/events/manage/duplicates").get_data(as_text=True)
    assert "Гаухар Бейсеева" in page and "Gaukhar Beiseyeva" in page
    assert "score 0." in page or "score 1." in page
    assert "Aidos Nurlanov" not in page


def test_duplicates_page_refuses_learners(client, make, login_as):
    login_as(make.user(role=Role.LEARNER))
    assert client.get("/events/manage/duplicates").status_code == 403


def _history(make):
    kept, merged = make.person(full_name="Gaukhar Beiseyeva"), make.person(full_name="Бейсеева Г.")
    shared_event, own_event = make.event(), make.event()
    shared_session = make.event_session(shared_event)
    own_session = make.event_session(own_event)
    make.registration(shared_event, kept)
    make.attendance(shared_session, kept)
    clash_registration = make.registration(shared_event, merged)
    clash_attendance = make.attendance(shared_session, merged)
    moved_registration = make.registration(own_event, merged)
    moved_attendance = make.attendance(own_session, merged)
    return kept, merged, (moved_registration, moved_attendance), (clash_registration, clash_attendance)


def test_merge_moves_history_and_undo_restores_exactly_it(client, db, make, coordinator):
    kept, merged, moved, clashing = _history(make)
    response = client.post("/events/manage/duplicates/merge", data={"kept_id": kept.id, "merged_id": merged.id})
    assert response.status_code == 302
    db.expire_all()
    assert merged.merged_into_id == kept.id
    assert [row.person_id for row in moved] == [kept.id, kept.id]
    assert [row.person_id for row in clashing] == [merged.id, merged.id]  # kept already had them
    entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "person.merged"))
    assert entry.details["registrations"] == [moved[0].id]
    assert entry.actor_id == coordinator.id
    merge = db.scalar(select(PersonMerge))
    assert client.post(f"/events/manage/merges/{merge.id}/undo").status_code == 302
    db.expire_all()
    assert merged.merged_into_id is None
    assert [row.person_id for row in moved] == [merged.id, merged.id]
    assert db.scalar(select(Registration.person_id).where(Registration.id == clashing[0].id)) == merged.id
    assert merge.undone_at is not None
    assert client.post(f"/events/manage/merges/{merge.id}/undo").status_code == 409


def test_merged_person_leaves_the_people_list_but_keeps_a_page(client, make, db, coordinator):
    kept, merged, _moved, _clashing = _history(make)
    duplicate_services.merge_people(db, kept, merged, actor_id=None)
    assert merged.full_name not in client.get("/events/manage/people").get_data(as_text=True)
    page = client.get(f"/events/manage/people/{merged.id}").get_data(as_text=True)
    assert "merged as a duplicate" in page


def test_merge_refuses_self_and_already_merged(db, make):
    first, second, third = make.person(), make.person(), make.person()
    with pytest.raises(MergeRefused):
        duplicate_services.merge_people(db, first, first, actor_id=None)
    duplicate_services.merge_people(db, first, second, actor_id=None)
    with pytest.raises(MergeRefused):
        duplicate_services.merge_people(db, third, second, actor_id=None)


def test_undo_is_refused_after_the_kept_person_was_merged_again(db, make):
    kept, merged, _moved, _clashing = _history(make)
    final = make.person()
    first = duplicate_services.merge_people(db, kept, merged, actor_id=None)
    duplicate_services.merge_people(db, final, kept, actor_id=None)
    with pytest.raises(MergeRefused):
        duplicate_services.undo_merge(db, first, actor_id=None)
    assert db.scalar(select(Attendance).where(Attendance.person_id == merged.id)) is not None

"""A small hand-built dataset whose report figures are worked out by hand in the tests' comments.

Events (participants are registered with the role "participant", not cancelled):
- E1 workshop, Almaty, Kazakhstan, 2019-03-10, sessions S1 (03-10) and S2 (03-11)
    A: S1 present, S2 late (2 days) · B: S1 present, S2 absent · C: S1 late · D: S1 excused, S2 present
    G: excused twice (registered, never attended) · F: cancelled registration, present at S1 (ignored)
    T: a trainer, present twice (ignored)
- E2 training, Astana, Kazakhstan, 2019-10-01, sessions S3 and S4 on the same day
    A2 (a duplicate of A, merged into A; its rows were not moved): S3 and S4 present (1 day) · C: S3 present
    E: S4 late
- E3 study tour, Tashkent, Uzbekistan, 2020-05-05, session S5: A present · D absent
- E4 webinar, Almaty, Kazakhstan, 2021-01-01, session S6: H registered, absent (not held)
People: A, B female ministry KZ · C male NGO KZ · D female NGO UZ · E male ministry KG.
Course K (two lessons, one required quiz Q) is linked to E1; quiz P is E1's pre-test and Q2 its post-test.
Accounts: A (K complete, Q passed, P 50 %, Q2 100 %), B (K enrolled, one lesson, Q failed, P 25 % then
75 %, Q2 75 %), C (not enrolled, P 50 %). D has no account.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from app.auth.models import Role
from app.courses.models import LessonProgress
from app.events.models import (
    AssessmentKind,
    AttendanceStatus,
    Certificate,
    EventAssessment,
    EventCourseLink,
    EventKind,
    Gender,
    OrganisationType,
    ParticipantRole,
    RegistrationStatus,
)
from app.quizzes.models import QuizAttempt, QuizResponse
from tests.factories import Make

PRESENT, LATE, EXCUSED, ABSENT = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
NOW = datetime(2021, 2, 1, 12, 0, tzinfo=UTC)


def build(make: Make) -> SimpleNamespace:
    data = SimpleNamespace()
    _people(make, data)
    _events(make, data)
    _attendance(make, data)
    _courses(make, data)
    return data


def _people(make: Make, data: SimpleNamespace) -> None:
    ministry = make.organisation(type=OrganisationType.MINISTRY, name="Ministry of Water")
    ngo = make.organisation(type=OrganisationType.NGO, name="River Friends")
    data.a = make.person(full_name="Aigerim A", gender=Gender.FEMALE, organisation_id=ministry.id, country="KZ")
    data.b = make.person(full_name="Bota B", gender=Gender.FEMALE, organisation_id=ministry.id, country="KZ")
    data.c = make.person(full_name="Chingiz C", gender=Gender.MALE, organisation_id=ngo.id, country="KZ")
    data.d = make.person(full_name="Dilnoza D", gender=Gender.FEMALE, organisation_id=ngo.id, country="UZ")
    data.e = make.person(full_name="Emil E", gender=Gender.MALE, organisation_id=ministry.id, country="KG")
    data.a2 = make.person(full_name="Aigerim A.", gender=Gender.NOT_STATED, country=None, merged_into_id=data.a.id)
    data.f = make.person(full_name="Farida F", gender=Gender.FEMALE, country="KZ")
    data.g = make.person(full_name="Gulnara G", gender=Gender.FEMALE, country="KZ")
    data.t = make.person(full_name="Timur T", gender=Gender.MALE, country="KZ")
    data.h = make.person(full_name="Hasan H", gender=Gender.MALE, country="TJ")


def _events(make: Make, data: SimpleNamespace) -> None:
    def event(kind: EventKind, city: str, country: str, on: date, title: str):  # noqa: ANN202
        return make.event(kind=kind, city=city, country=country, starts_on=on, ends_on=on, title=title)

    data.e1 = event(EventKind.WORKSHOP, "Almaty", "Kazakhstan", date(2019, 3, 10), "Basin planning workshop")
    data.e2 = event(EventKind.TRAINING, "Astana", "Kazakhstan", date(2019, 10, 1), '=HYPERLINK("http://x")')
    data.e3 = event(EventKind.STUDY_TOUR, "Tashkent", "Uzbekistan", date(2020, 5, 5), "Study tour")
    data.e4 = event(EventKind.WEBINAR, "Almaty", "Kazakhstan", date(2021, 1, 1), "Webinar")
    data.s1 = make.event_session(data.e1, held_on=date(2019, 3, 10))
    data.s2 = make.event_session(data.e1, held_on=date(2019, 3, 11))
    data.s3 = make.event_session(data.e2, held_on=date(2019, 10, 1))
    data.s4 = make.event_session(data.e2, held_on=date(2019, 10, 1))
    data.s5 = make.event_session(data.e3, held_on=date(2020, 5, 5))
    data.s6 = make.event_session(data.e4, held_on=date(2021, 1, 1))


def _attendance(make: Make, data: SimpleNamespace) -> None:
    registrations = {
        data.e1: [data.a, data.b, data.c, data.d, data.g],
        data.e2: [data.a2, data.c, data.e],
        data.e3: [data.a, data.d],
        data.e4: [data.h],
    }
    for event, people in registrations.items():
        for person in people:
            make.registration(event, person)
    make.registration(data.e1, data.f, status=RegistrationStatus.CANCELLED)
    make.registration(data.e1, data.t, role=ParticipantRole.TRAINER)
    marks = [
        (data.s1, data.a, PRESENT), (data.s2, data.a, LATE), (data.s1, data.b, PRESENT), (data.s2, data.b, ABSENT),
        (data.s1, data.c, LATE), (data.s1, data.d, EXCUSED), (data.s2, data.d, PRESENT),
        (data.s1, data.g, EXCUSED), (data.s2, data.g, EXCUSED), (data.s1, data.f, PRESENT),
        (data.s1, data.t, PRESENT), (data.s2, data.t, PRESENT),
        (data.s3, data.a2, PRESENT), (data.s4, data.a2, PRESENT), (data.s3, data.c, PRESENT), (data.s4, data.e, LATE),
        (data.s5, data.a, PRESENT), (data.s5, data.d, ABSENT), (data.s6, data.h, ABSENT),
    ]  # fmt: skip
    for event_session, person, status in marks:
        make.attendance(event_session, person, status=status)
    make._add(Certificate(code="CERT-A", event_id=data.e1.id, person_id=data.a.id, sessions_attended=2))
    make._add(Certificate(code="CERT-B", event_id=data.e1.id, person_id=data.b.id, revoked_at=NOW))


def _attempt(make: Make, quiz, user, number: int, score: float, max_score: float, passed: bool) -> QuizAttempt:  # noqa: ANN001
    return make._add(
        QuizAttempt(
            quiz_id=quiz.id, user_id=user.id, number=number, seed=1, submitted_at=NOW,
            score=score, max_score=max_score, passed=passed, question_keys=[],
        )
    )  # fmt: skip


def _courses(make: Make, data: SimpleNamespace) -> None:
    data.course = make.course(title="Integrated water resources")
    module = make.module(data.course)
    lessons = [make.lesson(module), make.lesson(module)]
    data.quiz = make.quiz(module, title="Basins quiz")
    data.pre = make.quiz(title="Pre-test")
    data.post = make.quiz(title="Post-test")
    make._add(EventCourseLink(event_id=data.e1.id, course_id=data.course.id))
    make._add(EventAssessment(event_id=data.e1.id, quiz_id=data.pre.id, kind=AssessmentKind.PRE))
    make._add(EventAssessment(event_id=data.e1.id, quiz_id=data.post.id, kind=AssessmentKind.POST))
    user_a = make.user(Role.LEARNER, person_id=data.a.id)
    user_b = make.user(Role.LEARNER, person_id=data.b.id)
    user_c = make.user(Role.LEARNER, person_id=data.c.id)
    make.enrolment(data.course, user_a)
    make.enrolment(data.course, user_b)
    for lesson in lessons:
        make._add(LessonProgress(lesson_id=lesson.id, user_id=user_a.id))
    make._add(LessonProgress(lesson_id=lessons[0].id, user_id=user_b.id))
    basin, ph = data.quiz.questions
    attempt_a = _attempt(make, data.quiz, user_a, 1, 2, 2, True)
    attempt_b = _attempt(make, data.quiz, user_b, 1, 1, 2, False)
    for attempt, question, score in (
        (attempt_a, basin, 1),
        (attempt_a, ph, 1),
        (attempt_b, basin, 1),
        (attempt_b, ph, 0),
    ):
        make._add(QuizResponse(attempt_id=attempt.id, question_id=question.id, score=score, max_score=1,
                               is_correct=bool(score)))  # fmt: skip
    _attempt(make, data.pre, user_a, 1, 2, 4, False)
    _attempt(make, data.pre, user_b, 1, 1, 4, False)
    _attempt(make, data.pre, user_b, 2, 3, 4, True)
    _attempt(make, data.pre, user_c, 1, 2, 4, False)
    _attempt(make, data.post, user_a, 1, 4, 4, True)
    _attempt(make, data.post, user_b, 1, 3, 4, True)
    data.users = SimpleNamespace(a=user_a, b=user_b, c=user_c)

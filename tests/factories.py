"""``make.<model>(**overrides)``: one method per model, unique defaults.

Each made row is committed to the test's savepoint: it survives a request that rolls back its own
work (a refused form), and the whole test transaction is still rolled back afterwards."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.audit import AuditEntry
from app.auth.models import Role, User, UserRole
from app.courses.models import Course, CourseTrainer, Enrolment, Lesson, Module
from app.courses.services.texts import course_links, render_lesson_cache
from app.events.models import (
    Attendance,
    AttendanceStatus,
    Event,
    EventKind,
    EventSession,
    Gender,
    Organisation,
    OrganisationType,
    ParticipantRole,
    Person,
    Registration,
    RegistrationStatus,
)
from app.quizzes.models import Question, Quiz
from app.quizzes.sync import apply_question
from app.rivers.models import Measurement, Parameter, Source, Standard, Station

TEST_PASSWORD = "correct-horse-battery"
# Hashing is deliberately slow; every factory user shares one precomputed hash.
_TEST_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD)
_sequence = itertools.count(1)


class Make:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _add(self, instance: Any) -> Any:
        self.session.add(instance)
        self.session.commit()
        return instance

    def user(self, role: Role | None = Role.LEARNER, roles: tuple[Role, ...] = (), **overrides: Any) -> User:
        number = next(_sequence)
        wanted = set(roles) or ({role} if role else set())
        values: dict[str, Any] = {
            "email": f"user{number}@example.org",
            "name": f"Test User {number}",
            "password_hash": _TEST_PASSWORD_HASH,
            "role_links": [UserRole(role=item) for item in wanted],
        }
        values.update(overrides)
        return self._add(User(**values))

    def organisation(self, **overrides: Any) -> Organisation:
        number = next(_sequence)
        values: dict[str, Any] = {
            "name": f"Test Organisation {number}",
            "type": OrganisationType.NGO,
            "country": "KZ",
        }
        values.update(overrides)
        return self._add(Organisation(**values))

    def person(self, **overrides: Any) -> Person:
        number = next(_sequence)
        values: dict[str, Any] = {
            "full_name": f"Test Person {number}",
            "latin_name": f"test person {number}",
            "gender": Gender.NOT_STATED,
            "country": "KZ",
        }
        values.update(overrides)
        return self._add(Person(**values))

    def audit_entry(self, **overrides: Any) -> AuditEntry:
        values: dict[str, Any] = {
            "actor_id": None,
            "action": "test.action",
            "subject": "tests:1",
            "details": {},
        }
        values.update(overrides)
        return self._add(AuditEntry(**values))

    # --- events area ---------------------------------------------------------------------------

    def event(self, **overrides: Any) -> Event:
        number = next(_sequence)
        values: dict[str, Any] = {
            "kind": EventKind.TRAINING,
            "title": f"Test Event {number}",
            "city": "Astana",
            "country": "Kazakhstan",
            "starts_on": date(2030, 3, 10),
            "ends_on": date(2030, 3, 12),
        }
        values.update(overrides)
        return self._add(Event(**values))

    def event_session(self, event: Event | None = None, **overrides: Any) -> EventSession:
        event = event or self.event()
        values: dict[str, Any] = {"event": event, "held_on": event.starts_on, "title": f"Day {next(_sequence)}"}
        values.update(overrides)
        return self._add(EventSession(**values))

    def registration(self, event: Event | None = None, person: Person | None = None, **overrides: Any) -> Registration:
        values: dict[str, Any] = {
            "event": event or self.event(),
            "person": person or self.person(),
            "status": RegistrationStatus.REGISTERED,
            "role": ParticipantRole.PARTICIPANT,
        }
        values.update(overrides)
        return self._add(Registration(**values))

    def attendance(self, event_session: EventSession, person: Person, **overrides: Any) -> Attendance:
        values: dict[str, Any] = {
            "session_id": event_session.id,
            "event_id": event_session.event_id,
            "person_id": person.id,
            "status": AttendanceStatus.PRESENT,
        }
        values.update(overrides)
        return self._add(Attendance(**values))

    # --- courses ---

    def course(self, trainers: tuple[User, ...] = (), **overrides: Any) -> Course:
        number = next(_sequence)
        values: dict[str, Any] = {
            "slug": f"course-{number}",
            "title": f"Test Course {number}",
            "summary": "A course made by the tests.",
            "language": "en",
            "status": "published",
            "translations": {},
            "trainer_links": [CourseTrainer(user_id=trainer.id) for trainer in trainers],
        }
        values.update(overrides)
        return self._add(Course(**values))

    def module(self, course: Course | None = None, **overrides: Any) -> Module:
        number = next(_sequence)
        course = course or self.course()
        values: dict[str, Any] = {
            "course": course,
            "slug": f"module-{number}",
            "title": f"Module {number}",
            "position": number,
            "translations": {},
        }
        values.update(overrides)
        return self._add(Module(**values))

    def lesson(self, module: Module | None = None, **overrides: Any) -> Lesson:
        """A published lesson whose cached HTML is rendered from its Markdown, as a save would."""
        number = next(_sequence)
        module = module or self.module()
        values: dict[str, Any] = {
            "module": module,
            "slug": f"lesson-{number}",
            "title": f"Lesson {number}",
            "position": number,
            "markdown": f"Text of lesson {number}.\n",
            "status": "published",
            "estimated_minutes": 10,
            "version": 1,
        }
        values.update(overrides)
        lesson = Lesson(**values)
        self.session.add(lesson)
        self.session.flush()
        render_lesson_cache(lesson, course_links(module.course))
        return self._add(lesson)

    def enrolment(self, course: Course, user: User, **overrides: Any) -> Enrolment:
        return self._add(Enrolment(course_id=course.id, user_id=user.id, **overrides))

    # ---- rivers ----
    def river_source(self, **overrides: Any) -> Source:
        number = next(_sequence)
        values: dict[str, Any] = {
            "code": f"TEST_SOURCE_{number}",
            "citation": f"Test citation {number}",
            "url": "https://example.org/",
            "reliability": "**A** test",
        }
        values.update(overrides)
        return self._add(Source(**values))

    def river_parameter(self, **overrides: Any) -> Parameter:
        number = next(_sequence)
        values: dict[str, Any] = {
            "code": f"P{number}",
            "name": f"test substance {number}",
            "dimension": "mass_concentration",
            "canonical_unit": "mg/l",
        }
        values.update(overrides)
        return self._add(Parameter(**values))

    def river_station(self, source: Source | None = None, **overrides: Any) -> Station:
        number = next(_sequence)
        source = source or self.river_source()
        values: dict[str, Any] = {
            "code": f"KZ-TEST-{number}",
            "river": f"Test River {number}",
            "basin": "Test Basin",
            "basin_slug": "test-basin",
            "site_name": f"Test site {number}",
            "oblast": "Test oblast",
            "source_id": source.id,
            "source_codes": source.code,
        }
        values.update(overrides)
        return self._add(Station(**values))

    def river_measurement(
        self, station: Station, parameter: Parameter, on: date, value: float | None, **overrides: Any
    ) -> Measurement:
        source = overrides.pop("source", None) or self.river_source()
        values: dict[str, Any] = {
            "station_id": station.id,
            "parameter_id": parameter.id,
            "source_id": source.id,
            "source_codes": source.code,
            "period": on.strftime("%Y-%m"),
            "period_start_on": on,
            "period_end_on": on,
            "value_text": "" if value is None else f"{value:g}",
            "value": value,
            "unit": "mg/L",
            "canonical_value": value,
            "canonical_unit": "mg/l",
        }
        values.update(overrides)
        return self._add(Measurement(**values))

    def river_standard(self, parameter: Parameter, value: float, **overrides: Any) -> Standard:
        number = next(_sequence)
        source = overrides.pop("source", None) or self.river_source()
        values: dict[str, Any] = {
            "row_key": f"test-standard-{number}",
            "jurisdiction": "KZ",
            "instrument": "Test fishery norms",
            "item": f"{parameter.code} - fishery MPC",
            "standard_code": "AQM_FISHERY",
            "parameter_id": parameter.id,
            "kind": "max",
            "value_text": f"{value:g}",
            "value": value,
            "unit": "mg/dm3",
            "canonical_value": value,
            "source_id": source.id,
            "source_codes": source.code,
        }
        values.update(overrides)
        return self._add(Standard(**values))

    # ---- quizzes ----
    def quiz(
        self, module: Module | None = None, questions: list[dict[str, Any]] | None = None, **overrides: Any
    ) -> Quiz:
        """A live quiz whose questions are made from file-shaped definitions (a default pair of two)."""
        number = next(_sequence)
        definitions = questions if questions is not None else [
            {"id": "basin", "kind": "single_choice", "prompt": "Which unit?", "options": [
                {"text": "The river basin", "correct": True, "feedback": "Right: basins."},
                {"text": "The region", "feedback": "Regions cut across rivers."}]},
            {"id": "ph", "kind": "numeric", "prompt": "Neutral pH?", "answers": [{"value": 7, "tolerance": 0.1}]},
        ]  # fmt: skip
        values: dict[str, Any] = {
            "module": module or self.module(),
            "slug": f"quiz-{number}",
            "title": f"Quiz {number}",
            "pass_mark": 50,
        }
        values.update(overrides)
        quiz = Quiz(**values)
        for position, definition in enumerate(definitions, start=1):
            question = Question(key=definition["id"])
            apply_question(question, definition, position)
            quiz.questions.append(question)
        return self._add(quiz)

"""Taking a quiz: start an attempt, save answers as you go, submit once, graded on the server.

Saving and submitting begin with a conditional UPDATE of the attempt row (``... WHERE submitted_at IS
NULL``). That statement is the guard against double submission (two tabs, a double click, a replayed
request: only one UPDATE matches), it serialises concurrent saves of one attempt, and, being the first
write of the transaction, it takes SQLite's write lock before anything is read for the write.
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from flask_babel import gettext as _
from sqlalchemy import Select, Text, Update, bindparam, cast, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.courses.models import Course, Enrolment, Module
from app.db import utcnow
from app.driver_statements import DriverStatement
from app.quizzes.grading import GradingInputError, QuestionDefinitionError, grade
from app.quizzes.grading.messages import to_stored
from app.quizzes.models import Question, Quiz, QuizAttempt, QuizResponse
from app.quizzes.services.errors import AttemptClosed, AttemptsExhausted, QuizUnavailable
from app.quizzes.services.localize import accepted_in_every_language

#: a request that left the browser just before the deadline still counts as in time
GRACE = timedelta(seconds=15)
MAX_SEED = 2**31


def load_quiz(session: Session, quiz_id: int) -> Quiz | None:
    """A quiz with its module, course and trainer links (what the policy checks need)."""
    return session.scalar(
        select(Quiz)
        .where(Quiz.id == quiz_id)
        .options(joinedload(Quiz.module).joinedload(Module.course).selectinload(Course.trainer_links))
    )


def load_attempt(session: Session, attempt_id: int, *, for_staff: bool = True) -> QuizAttempt | None:
    """An attempt with its quiz, module and course (one statement); for staff also the trainer links.

    Submitting reads its attempt with ``load_for_submission`` instead."""
    option = joinedload(QuizAttempt.quiz).joinedload(Quiz.module).joinedload(Module.course)
    if for_staff:
        option = option.selectinload(Course.trainer_links)
    return session.scalar(select(QuizAttempt).where(QuizAttempt.id == attempt_id).options(option))


def get_enrolment(session: Session, user_id: int, course_id: int) -> Enrolment | None:
    return session.scalar(select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.course_id == course_id))


def list_attempts(session: Session, quiz_id: int, user_id: int) -> list[QuizAttempt]:
    """A learner's attempts at one quiz, first to last (served by the unique index)."""
    statement = (
        select(QuizAttempt)
        .where(QuizAttempt.quiz_id == quiz_id, QuizAttempt.user_id == user_id)
        .order_by(QuizAttempt.number)
    )
    return list(session.scalars(statement))


def attempts_left(quiz: Quiz, attempts: list[QuizAttempt]) -> int | None:
    """How many more attempts may be started; None means unlimited."""
    if not quiz.attempts_allowed:
        return None
    return max(0, quiz.attempts_allowed - len(attempts))


def is_expired(attempt: QuizAttempt, now: datetime) -> bool:
    """True once the time limit (plus a short grace for the network) has run out."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + GRACE


def draw_questions(quiz: Quiz, seed: int) -> list[str]:
    """The keys of the questions this attempt shows: drawn from the pool and shuffled by ``seed``."""
    keys = [question.key for question in quiz.active_questions]
    rng = random.Random(f"{seed}:draw")
    if quiz.draw and quiz.draw < len(keys):
        chosen = set(rng.sample(keys, quiz.draw))
        keys = [key for key in keys if key in chosen]
    if quiz.shuffle_questions:
        rng.shuffle(keys)
    return keys


def start_attempt(session: Session, quiz: Quiz, user_id: int, *, now: datetime | None = None) -> QuizAttempt:
    """Resume the learner's open attempt, or start the next one if attempts remain."""
    now = now or utcnow()
    if quiz.is_archived or quiz.module.is_archived or not quiz.active_questions:
        raise QuizUnavailable(_("This quiz is not open at the moment."))
    attempts = list_attempts(session, quiz.id, user_id)
    current = next((attempt for attempt in attempts if not attempt.is_submitted), None)
    if current is not None and not is_expired(current, now):
        return current
    if current is not None:
        submit_attempt(session, current, None, now=now)
    if attempts_left(quiz, attempts) == 0:
        raise AttemptsExhausted(_("You have used all the attempts this quiz allows."))
    seed = secrets.randbelow(MAX_SEED)
    limit = quiz.time_limit_minutes
    attempt = QuizAttempt(
        quiz_id=quiz.id,
        user_id=user_id,
        number=(attempts[-1].number if attempts else 0) + 1,
        seed=seed,
        started_at=now,
        deadline_at=now + timedelta(minutes=limit) if limit else None,
        question_keys=draw_questions(quiz, seed),
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError as error:
        raise AttemptClosed(
            _("An attempt was started in another tab at the same moment. Open the quiz again.")
        ) from error
    return attempt


def questions_by_key(session: Session, attempt: QuizAttempt) -> dict[str, Question]:
    """The questions the attempt drew (archived ones too: the attempt keeps them)."""
    statement = select(Question).where(Question.quiz_id == attempt.quiz_id, Question.key.in_(attempt.question_keys))
    return {question.key: question for question in session.scalars(statement)}


def load_responses(session: Session, attempt: QuizAttempt) -> dict[int, QuizResponse]:
    """The attempt's responses by question id."""
    statement = select(QuizResponse).where(QuizResponse.attempt_id == attempt.id)
    return {response.question_id: response for response in session.scalars(statement)}


def _claim(session: Session, attempt: QuizAttempt | SubmittingAttempt, now: datetime, **values: Any) -> bool:
    """The conditional UPDATE (see the module docstring); True when this request got the attempt."""
    check_deadline = "last_saved_at" in values
    parameters = {"attempt_id": attempt.id, **{f"new_{name}": value for name, value in values.items()}}
    if check_deadline:
        parameters["earliest"] = now - GRACE
    claimed = _claim_statement(tuple(values), check_deadline=check_deadline).execute(session, parameters)
    if isinstance(attempt, QuizAttempt):  # a plain record (the submit path) has no ORM state to keep in step
        for name, value in values.items():
            set_committed_value(attempt, name, value)
    return bool(claimed)


@cache
def _claim_statement(names: tuple[str, ...], *, check_deadline: bool) -> DriverStatement:
    """Built once per set of columns, run on the driver (app.driver_statements): Core, not the ORM's bulk
    UPDATE, since nothing needs synchronising."""

    def build() -> Update:
        table = QuizAttempt.__table__
        statement = update(table).where(table.c.id == bindparam("attempt_id"), table.c.submitted_at.is_(None))
        if check_deadline:
            deadline = table.c.deadline_at
            statement = statement.where(or_(deadline.is_(None), deadline >= bindparam("earliest", type_=deadline.type)))
        return statement.values({name: bindparam(f"new_{name}", type_=table.c[name].type) for name in names})

    return DriverStatement(build)


def _store_answers(session: Session, attempt: QuizAttempt, answers: dict[str, Any], now: datetime) -> dict[str, str]:
    """Upsert the given answers; returns per question key the reason a grader cannot read one."""
    questions, responses = questions_by_key(session, attempt), load_responses(session, attempt)
    problems: dict[str, str] = {}
    for key in attempt.question_keys:
        question = questions.get(key)
        if question is None or key not in answers:
            continue
        response = responses.get(question.id)
        if response is None:
            response = QuizResponse(attempt_id=attempt.id, question_id=question.id)
            responses[question.id] = response
            session.add(response)
        response.answer, response.saved_at = answers[key], now
        problems.update(_input_problem(question, answers[key], attempt.seed))
    return problems


def _input_problem(question: Question, answer: Any, seed: int) -> dict[str, str]:
    try:
        grade(question.definition, answer, seed=seed)
    except GradingInputError as error:
        return {question.key: str(error)}
    except QuestionDefinitionError:
        return {}
    return {}


def save_answers(
    session: Session, attempt: QuizAttempt, answers: dict[str, Any], *, now: datetime | None = None
) -> dict[str, str]:
    """Save without submitting; refused once submitted or out of time. Returns answers to fix."""
    now = now or utcnow()
    if not _claim(session, attempt, now, last_saved_at=now):
        if attempt.submitted_at is None and is_expired(attempt, now):
            raise AttemptClosed(_("The time limit has passed, so this answer was not saved. Submit the attempt."))
        raise AttemptClosed(_("This attempt has already been submitted; answers can no longer change."))
    return _store_answers(session, attempt, answers, now)


@dataclass(frozen=True)
class PreparedSubmission:
    """A submission graded before the attempt is claimed, so the write transaction stays short."""

    submitted_at: datetime
    is_late: bool
    score: float
    max_score: float
    passed: bool
    #: one row per drawn question, every column of quiz_responses that the submission sets
    rows: list[dict[str, Any]]


class QuestionData(NamedTuple):
    """The columns the answer form and grading need: rows, lighter than ORM objects on the submit path."""

    id: int
    key: str
    kind: str
    points: float
    definition: dict[str, Any]


def ordered_questions(session: Session, attempt: QuizAttempt) -> list[QuestionData]:
    """The attempt's drawn questions in the order shown, in one statement."""
    table = Question.__table__
    columns = (table.c.id, table.c.key, table.c.kind, table.c.points, table.c.definition)
    statement = select(*columns).where(table.c.quiz_id == attempt.quiz_id, table.c.key.in_(attempt.question_keys))
    return _in_drawn_order({row[1]: QuestionData(*row) for row in session.execute(statement)}, attempt.question_keys)


def _in_drawn_order(questions: dict[str, QuestionData], drawn_keys: list[str]) -> list[QuestionData]:
    """The attempt's drawn questions in the order shown; keys no longer in the quiz are skipped."""
    return [questions[key] for key in drawn_keys if key in questions]


@dataclass(frozen=True, slots=True)
class SubmittingQuiz:
    pass_mark: int
    shuffle_options: bool
    translations: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SubmittingAttempt:
    """An attempt as submitting reads it: plain values, lighter than ORM objects on the busiest write."""

    id: int
    user_id: int
    quiz_id: int
    seed: int
    question_keys: list[str]
    deadline_at: datetime | None
    quiz: SubmittingQuiz


def load_for_submission(session: Session, attempt_id: int) -> tuple[SubmittingAttempt, list[QuestionData]] | None:
    """The attempt, its quiz's grading settings and its drawn questions in order, in one statement.

    It runs on the driver (app.driver_statements). The attempt's drawn keys and the quiz's translations
    repeat on every question's row, so they come as JSON text and are decoded once, not once per row."""
    rows = _SUBMISSION.rows(session, {"attempt_id": attempt_id})
    if not rows:
        return None
    first = rows[0]
    translations = (json.loads(first.translations) if first.translations else None) or {}  # NULL or JSON null
    quiz = SubmittingQuiz(first.pass_mark, first.shuffle_options, translations)
    question_keys = json.loads(first.question_keys)
    attempt = SubmittingAttempt(
        attempt_id, first.user_id, first.quiz_id, first.seed, question_keys, first.deadline_at, quiz
    )
    questions = {
        row.key: QuestionData(row.question_id, row.key, row.kind, row.points, row.definition)
        for row in rows
        if row.key is not None  # a quiz without questions still gives its one attempt row
    }
    return attempt, _in_drawn_order(questions, attempt.question_keys)


def _submission_statement() -> Select:
    """One row per question of the attempt's quiz (the drawn ones are picked in Python; a pool is small)."""
    attempts, quizzes, questions = QuizAttempt.__table__, Quiz.__table__, Question.__table__
    attempt_columns = (attempts.c.user_id, attempts.c.quiz_id, attempts.c.seed)
    question_columns = (questions.c.key, questions.c.kind, questions.c.points, questions.c.definition)
    return (
        select(
            *attempt_columns,
            cast(attempts.c.question_keys, Text).label("question_keys"),
            attempts.c.deadline_at,
            quizzes.c.pass_mark,
            quizzes.c.shuffle_options,
            cast(quizzes.c.translations, Text).label("translations"),
            questions.c.id.label("question_id"),
            *question_columns,
        )
        .join(quizzes, quizzes.c.id == attempts.c.quiz_id)
        .outerjoin(questions, questions.c.quiz_id == attempts.c.quiz_id)
        .where(attempts.c.id == bindparam("attempt_id"))
    )


_SUBMISSION = DriverStatement(_submission_statement)


def prepare_submission(
    session: Session,
    attempt: QuizAttempt | SubmittingAttempt,
    answers: dict[str, Any] | None,
    *,
    now: datetime | None = None,
    questions: list[QuestionData] | None = None,
) -> PreparedSubmission:
    """Grade the form's answers (or, after the deadline, only those saved in time); writes nothing.

    Saved answers are read only when some are needed (late, or a question missing from the form).
    Saved answers are final once the deadline has passed (saving is refused after it), and before it
    the submitted form is what the learner submits, so reading before the claim is safe."""
    now = now or utcnow()
    late = is_expired(attempt, now)
    questions = ordered_questions(session, attempt) if questions is None else questions
    from_form = {} if late or answers is None else answers
    missing = any(question.key not in from_form for question in questions)
    saved = load_responses(session, attempt) if missing else {}
    translations = attempt.quiz.translations or {}
    rows: list[dict[str, Any]] = []
    for question in questions:
        response = saved.get(question.id)
        if question.key in from_form:
            answer, saved_at = from_form[question.key], now
        else:
            answer, saved_at = (response.answer, response.saved_at) if response else (None, None)
        values = graded_values(question, answer, attempt.seed, translations)
        rows.append({"attempt_id": attempt.id, "question_id": question.id, "answer": answer, "saved_at": saved_at})
        rows[-1].update(values)
    total = sum(row["score"] for row in rows)
    maximum = sum(row["max_score"] for row in rows)
    passed = is_pass(attempt.quiz.pass_mark, total, maximum)
    return PreparedSubmission(now, late, round(total, 6), round(maximum, 6), passed, rows)


_UPSERT_COLUMNS = ("answer", "saved_at", "score", "max_score", "is_correct", "feedback")


def _upsert_statement(insert: Any) -> Callable[[], Any]:
    """The submission's INSERT ... ON CONFLICT DO UPDATE, with ``insert`` of the dialect's flavour."""

    def build() -> Any:
        table = QuizResponse.__table__
        columns = ("attempt_id", "question_id", *_UPSERT_COLUMNS)
        statement = insert(table).inline()  # no RETURNING: nothing reads the new ids
        statement = statement.values({name: bindparam(name, type_=table.c[name].type) for name in columns})
        statement = statement.values(is_overridden=False)  # a new response; an existing one keeps its override
        return statement.on_conflict_do_update(
            index_elements=["attempt_id", "question_id"],
            set_={column: statement.excluded[column] for column in _UPSERT_COLUMNS},
        )

    return build


#: run on the driver (app.driver_statements), one executemany per submission
_UPSERTS = {
    "sqlite": DriverStatement(_upsert_statement(sqlite_insert)),
    "postgresql": DriverStatement(_upsert_statement(postgresql_insert)),
}


def _upsert_responses(session: Session, rows: list[dict[str, Any]]) -> None:
    """Write every response in one executemany INSERT ... ON CONFLICT DO UPDATE (no read first)."""
    _UPSERTS[session.get_bind().dialect.name].execute_many(session, rows)


def record_submission(
    session: Session, attempt: QuizAttempt | SubmittingAttempt, prepared: PreparedSubmission
) -> QuizAttempt | SubmittingAttempt:
    """Claim the attempt with its final score in one conditional UPDATE, then write the responses.

    Two statements in all; the claim is the transaction's first, so on SQLite it takes the write
    lock at once (waiting on busy_timeout) instead of upgrading a read snapshot, which could fail
    with "database is locked"."""
    claimed = _claim(
        session,
        attempt,
        prepared.submitted_at,
        submitted_at=prepared.submitted_at,
        is_late=prepared.is_late,
        score=prepared.score,
        max_score=prepared.max_score,
        passed=prepared.passed,
    )
    if not claimed:
        raise AttemptClosed(_("This attempt had already been submitted; it was graded once."))
    if prepared.rows:
        _upsert_responses(session, prepared.rows)
    for response in list(session.identity_map.values()):
        if isinstance(response, QuizResponse) and response.attempt_id == attempt.id:
            session.expire(response)
    return attempt


def submit_attempt(
    session: Session, attempt: QuizAttempt, answers: dict[str, Any] | None, *, now: datetime | None = None
) -> QuizAttempt:
    """Submit and grade, exactly once. After the deadline only answers saved in time are graded."""
    return record_submission(session, attempt, prepare_submission(session, attempt, answers, now=now))


def graded_values(
    question: Question | QuestionData, answer: Any, seed: int, translations: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Score, correctness and feedback of one answer; an unreadable answer scores 0 and says why.

    Feedback is stored with ``to_stored`` so the review can show it in the reader's language; a
    short-text question also accepts the answers its translations give."""
    definition = accepted_in_every_language(question.definition, translations or {})
    try:
        result = grade(definition, answer, seed=seed)
    except GradingInputError as error:
        feedback = [to_stored(error.message)]
        return {"score": 0.0, "max_score": question.points, "is_correct": False, "feedback": feedback}
    except QuestionDefinitionError:
        return {"score": 0.0, "max_score": question.points, "is_correct": False, "feedback": []}
    return {
        "score": result.score,
        "max_score": question.points,
        "is_correct": result.is_correct,
        "feedback": [to_stored(line) for line in result.feedback],
    }


def is_pass(pass_mark: int, total: float, maximum: float) -> bool:
    """At least `pass_mark` percent of the points (a quiz worth nothing passes only with mark 0)."""
    if maximum <= 0:
        return pass_mark == 0
    return 100 * total / maximum >= pass_mark - 1e-9


def _apply_grade(response: QuizResponse, question: Question, attempt: QuizAttempt) -> None:
    values = graded_values(question, response.answer, attempt.seed, attempt.quiz.translations)
    response.score, response.max_score = values["score"], values["max_score"]
    response.is_correct, response.feedback = values["is_correct"], values["feedback"]


def grade_attempt(session: Session, attempt: QuizAttempt) -> None:
    """Regrade every drawn question (after a key was fixed); scores a trainer overrode are kept."""
    questions, responses = questions_by_key(session, attempt), load_responses(session, attempt)
    total = maximum = 0.0
    for key in attempt.question_keys:
        question = questions.get(key)
        if question is None:
            continue
        response = responses.get(question.id)
        if response is None:
            response = QuizResponse(attempt_id=attempt.id, question_id=question.id, answer=None)
            session.add(response)
        if response.is_overridden:
            response.max_score = question.points
            response.score = min(response.score or 0.0, question.points)
        else:
            _apply_grade(response, question, attempt)
        total += response.score or 0.0
        maximum += question.points
    set_attempt_score(attempt, total, maximum)
    session.flush()


def set_attempt_score(attempt: QuizAttempt, total: float, maximum: float) -> None:
    attempt.score, attempt.max_score = round(total, 6), round(maximum, 6)
    attempt.passed = is_pass(attempt.quiz.pass_mark, total, maximum)


def has_passed(session: Session, quiz_id: int, user_id: int) -> bool:
    statement = select(func.count(QuizAttempt.id)).where(
        QuizAttempt.quiz_id == quiz_id, QuizAttempt.user_id == user_id, QuizAttempt.passed.is_(True)
    )
    return bool(session.scalar(statement))

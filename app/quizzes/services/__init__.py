"""Quiz services: taking quizzes, reviews, results for trainers, authoring and course completion."""

from app.quizzes.services.attempts import (
    GRACE,
    attempts_left,
    draw_questions,
    get_enrolment,
    grade_attempt,
    has_passed,
    is_expired,
    list_attempts,
    load_attempt,
    load_for_submission,
    load_quiz,
    ordered_questions,
    prepare_submission,
    record_submission,
    save_answers,
    start_attempt,
    submit_attempt,
)
from app.quizzes.services.completion import count_required_quizzes_not_passed, required_quizzes_passed
from app.quizzes.services.errors import (
    AttemptClosed,
    AttemptsExhausted,
    InvalidAnswer,
    InvalidQuestion,
    QuizUnavailable,
)
from app.quizzes.services.localize import QuizTexts, quiz_texts
from app.quizzes.services.review import answer_fields, build_review, my_course_results, shown_questions

__all__ = [
    "GRACE",
    "AttemptClosed",
    "AttemptsExhausted",
    "InvalidAnswer",
    "InvalidQuestion",
    "QuizTexts",
    "QuizUnavailable",
    "answer_fields",
    "attempts_left",
    "build_review",
    "count_required_quizzes_not_passed",
    "draw_questions",
    "get_enrolment",
    "grade_attempt",
    "has_passed",
    "is_expired",
    "list_attempts",
    "load_attempt",
    "load_quiz",
    "quiz_texts",
    "my_course_results",
    "load_for_submission",
    "ordered_questions",
    "prepare_submission",
    "record_submission",
    "required_quizzes_passed",
    "save_answers",
    "shown_questions",
    "start_attempt",
    "submit_attempt",
]

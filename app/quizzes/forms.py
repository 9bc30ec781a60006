"""Quiz forms: shape and format only. Answers are read from the attempt page's fields by kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.quizzes.models import ReviewWhen

MAX_TEXT = 500
MAX_CHOICES = 100


class ActionForm(FlaskForm):
    """Only the CSRF token: start, save and submit carry their data in the question fields."""


def _index(value: str | None) -> int | str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()[:MAX_TEXT]
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= 6 else text


def _single(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    return _index(form.get(f"q-{key}"))


def _multiple(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    values = [_index(value) for value in form.getlist(f"q-{key}")[:MAX_CHOICES]]
    return [value for value in values if value is not None]


def _true_false(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    return {"true": True, "false": False}.get(form.get(f"q-{key}", ""))


def _text(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    return form.get(f"q-{key}", "")[:MAX_TEXT]


def _matching(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    pairs = {str(left["index"]): _index(form.get(f"q-{key}-{left['index']}")) for left in view.get("left", [])}
    return {left: right for left, right in pairs.items() if right is not None}


def _ordering(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    """Rank inputs (1 = first) to the grader's list of positions; a rank used twice drops out."""
    ranks: dict[int, int] = {}
    for item in view.get("items", []):
        rank = _index(form.get(f"q-{key}-{item['index']}"))
        if isinstance(rank, int):
            ranks[item["index"]] = rank
    counts = [rank for rank in ranks.values()]
    unique = {position: rank for position, rank in ranks.items() if counts.count(rank) == 1}
    return sorted(unique, key=unique.__getitem__)


def _computed(key: str, view: dict[str, Any], form: MultiDict) -> Any:
    """The exercises feature's `computed` kind: checkboxes when it lists options, else a number as text."""
    return _multiple(key, view, form) if view.get("options") else _text(key, view, form)


#: the kinds whose fields are read with the learner view (the positions shown); the others need only the key
READ_WITH_VIEW = frozenset({"matching", "ordering", "computed"})
ANSWER_READERS: dict[str, Callable[[str, dict[str, Any], MultiDict], Any]] = {
    "single_choice": _single,
    "multiple_choice": _multiple,
    "true_false": _true_false,
    "numeric": _text,
    "short_text": _text,
    "matching": _matching,
    "ordering": _ordering,
    "computed": _computed,
}


def read_answers(questions: list[Any], form: MultiDict) -> dict[str, Any]:
    """Each shown question's answer from the posted fields, in the grader's response shape."""
    return {
        question.key: ANSWER_READERS.get(question.kind, _text)(question.key, question.view, form)
        for question in questions
    }


def ordering_ranks(answer: Any) -> dict[int, int]:
    """A saved ordering answer back to rank inputs: {position on screen: rank}."""
    if not isinstance(answer, list):
        return {}
    return {position: rank for rank, position in enumerate(answer, start=1) if isinstance(position, int)}


class QuizSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    pass_mark = IntegerField(_l("Pass mark (percent)"), validators=[InputRequired(), NumberRange(0, 100)])
    attempts_allowed = IntegerField(
        _l("Attempts allowed (0 = unlimited)"), validators=[InputRequired(), NumberRange(0, 100)]
    )
    time_limit_minutes = IntegerField(_l("Time limit in minutes"), validators=[Optional(), NumberRange(1, 1440)])
    draw = IntegerField(_l("Questions drawn per attempt"), validators=[Optional(), NumberRange(1, 500)])
    shuffle_questions = BooleanField(_l("Shuffle questions"))
    shuffle_options = BooleanField(_l("Shuffle options"))
    required = BooleanField(_l("Required for course completion"))
    review_when = SelectField(
        _l("Learners may review an attempt"),
        choices=[
            SelectChoice(ReviewWhen.AFTER_ATTEMPT.value, _l("right after the attempt")),
            SelectChoice(ReviewWhen.AFTER_PASS.value, _l("after passing")),
            SelectChoice(ReviewWhen.AFTER_CLOSE.value, _l("after the quiz closes for them")),
            SelectChoice(ReviewWhen.NEVER.value, _l("never")),
        ],
    )
    review_show = SelectMultipleField(
        _l("The review shows"),
        choices=[
            SelectChoice("score", _l("score")),
            SelectChoice("correctness", _l("correctness")),
            SelectChoice("feedback", _l("feedback")),
            SelectChoice("answer", _l("the right answer")),
        ],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )


class QuestionForm(FlaskForm):
    definition = TextAreaField(
        _l("Question (YAML, as in the quiz file)"),
        validators=[DataRequired(), Length(max=50_000)],
        render_kw={"rows": 22, "spellcheck": "false"},
    )


class OverrideForm(FlaskForm):
    score = DecimalField(_l("New score"), validators=[InputRequired(), NumberRange(min=0)], places=None)
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=300)])

"""Report filters (a GET form, no CSRF: it changes nothing) and the event link forms."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from app.events.forms import EVENT_KIND_LABELS
from app.reports.services.base import ReportFilters

NONE_CHOSEN = 0


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    date_from = DateField(_l("Held from"), validators=[Optional()])
    date_to = DateField(_l("Held until"), validators=[Optional()])
    country = SelectField(_l("Country of the event"), validators=[Optional()])
    kind = SelectField(_l("Kind of event"), validators=[Optional()])

    def __init__(self, countries: Sequence[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.country.choices = [("", _l("All countries")), *((country, country) for country in countries)]
        self.kind.choices = [("", _l("All kinds")), *((kind.value, label) for kind, label in EVENT_KIND_LABELS.items())]

    def validate_date_to(self, field: DateField) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end of the period must not be before its start."))

    def filters(self) -> ReportFilters:
        kind = next((item for item in EVENT_KIND_LABELS if item.value == self.kind.data), None)
        return ReportFilters(self.date_from.data, self.date_to.data, self.country.data or None, kind)


class LinkCourseForm(FlaskForm):
    course_id = SelectField(_l("Course"), coerce=int)


class AssessmentForm(FlaskForm):
    pre_quiz_id = SelectField(_l("Pre-test quiz"), coerce=int)
    post_quiz_id = SelectField(_l("Post-test quiz"), coerce=int)

    def set_choices(self, quizzes: Sequence[tuple[int, str]]) -> None:
        choices = [(NONE_CHOSEN, _l("None")), *quizzes]
        self.pre_quiz_id.choices = choices
        self.post_quiz_id.choices = choices


class ConfirmForm(FlaskForm):
    """A button that only carries the CSRF token (unlink a course)."""

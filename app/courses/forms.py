"""Course forms: shape and format only; the services hold the rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DecimalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import HiddenInput

STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"), "archived": _l("Archived")}
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_HELP = _l("Lower-case letters, digits and hyphens, e.g. water-basics. It becomes part of the address.")
LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("ru", "Русский"), SelectChoice("kk", "Қазақша")]


class ConfirmForm(FlaskForm):
    """A POST button with nothing but the CSRF token."""


class NewCourseForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        _l("Short name"), validators=[DataRequired(), Length(max=100), Regexp(SLUG_PATTERN, message=SLUG_HELP)]
    )
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=2000)])
    language = SelectField(_l("Language of the course"), choices=LANGUAGE_CHOICES)


class CourseSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=2000)])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(value, label) for value, label in STATUS_LABELS.items()],
    )
    estimated_hours = DecimalField(_l("Estimated hours"), validators=[Optional(), NumberRange(min=0.1, max=1000)])


class NewItemForm(FlaskForm):
    """A module or a lesson: a title and a short name."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    slug = StringField(
        _l("Short name"), validators=[DataRequired(), Length(max=100), Regexp(SLUG_PATTERN, message=SLUG_HELP)]
    )


class RenameForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])


class LessonForm(FlaskForm):
    #: the lesson version the editor started from (optimistic locking)
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    estimated_minutes = IntegerField(_l("Reading time (minutes)"), validators=[DataRequired(), NumberRange(1, 240)])
    markdown = TextAreaField(_l("Text (Markdown)"), validators=[Length(max=200_000)])
    preview = SubmitField(_l("Preview"))
    save_draft = SubmitField(_l("Save as draft"))
    publish = SubmitField(_l("Save and publish"))


class ImageForm(FlaskForm):
    image = FileField(_l("Image (PNG, JPEG, GIF or WebP, at most 2 MB)"), validators=[FileRequired()])

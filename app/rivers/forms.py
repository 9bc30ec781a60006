"""The WPI calculator form: six ingredients typed by a learner (decimal comma accepted)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.quizzes.grading import GradingInputError, parse_number
from app.rivers.chemistry import PARAMETERS, Dimension
from app.rivers.labels import parameter_choice_label
from app.rivers.services.calculator import OTHER_COUNT, CalculatorRow

#: substances a learner may pick for the four other ingredients (DO and BOD5 have their own rows)
SUBSTANCE_CHOICES = [
    SelectChoice(parameter.code, parameter_choice_label(parameter.code))
    for parameter in PARAMETERS.values()
    if parameter.dimension is Dimension.MASS_CONCENTRATION and parameter.code not in ("DO", "BOD5")
]
DEFAULT_SUBSTANCES = ("Cu", "Zn", "SO4", "oil_products")


def readable_number(_form: FlaskForm, field: Field) -> None:
    """A number as people type it: 0,05 or 0.05 or <0,01."""
    try:
        parse_number(field.data or "")
    except GradingInputError as error:
        raise ValidationError(str(error)) from error


def not_negative(_form: FlaskForm, field: Field) -> None:
    """A concentration cannot be below zero."""
    try:
        parsed = parse_number(field.data or "")
    except GradingInputError:
        return  # readable_number reports it
    if parsed.value < 0:
        raise ValidationError(_l("A concentration cannot be negative."))


def positive_limit(_form: FlaskForm, field: Field) -> None:
    """A limit divides the value, so it must be a plain number above zero."""
    try:
        parsed = parse_number(field.data or "")
    except GradingInputError:
        return  # readable_number reports it
    if parsed.below_detection or parsed.value <= 0:
        raise ValidationError(_l("A limit must be a number above zero."))


def _value(label: str) -> StringField:
    return StringField(label, validators=[DataRequired(), Length(max=40), readable_number, not_negative])


def _limit(label: str) -> StringField:
    return StringField(label, validators=[DataRequired(), Length(max=40), readable_number, positive_limit])


class WpiCalculatorForm(FlaskForm):
    """Sent by GET: the calculator changes nothing, so it needs no CSRF token and its URL can be shared."""

    class Meta:
        csrf = False

    oxygen_value = _value(_l("Dissolved oxygen, measured (mg/l)"))
    oxygen_limit = _limit(_l("Dissolved oxygen, minimum norm (mg/l)"))
    bod5_value = _value(_l("BOD5, measured (mg O2/l)"))
    bod5_limit = _limit(_l("BOD5, limit you chose (mg O2/l)"))
    substance_1 = SelectField(_l("Substance 1"), choices=SUBSTANCE_CHOICES, default=DEFAULT_SUBSTANCES[0])
    value_1 = _value(_l("Substance 1, measured (mg/l)"))
    limit_1 = _limit(_l("Substance 1, limit (mg/l)"))
    substance_2 = SelectField(_l("Substance 2"), choices=SUBSTANCE_CHOICES, default=DEFAULT_SUBSTANCES[1])
    value_2 = _value(_l("Substance 2, measured (mg/l)"))
    limit_2 = _limit(_l("Substance 2, limit (mg/l)"))
    substance_3 = SelectField(_l("Substance 3"), choices=SUBSTANCE_CHOICES, default=DEFAULT_SUBSTANCES[2])
    value_3 = _value(_l("Substance 3, measured (mg/l)"))
    limit_3 = _limit(_l("Substance 3, limit (mg/l)"))
    substance_4 = SelectField(_l("Substance 4"), choices=SUBSTANCE_CHOICES, default=DEFAULT_SUBSTANCES[3])
    value_4 = _value(_l("Substance 4, measured (mg/l)"))
    limit_4 = _limit(_l("Substance 4, limit (mg/l)"))

    def validate_substance_4(self, _field: Field) -> None:
        codes = [self[f"substance_{number}"].data for number in range(1, OTHER_COUNT + 1)]
        if len(set(codes)) != len(codes):
            raise ValidationError(_l("Choose four different substances."))

    def other_rows(self) -> list[tuple[Field, Field, Field]]:
        """(substance, value, limit) fields of the four other ingredients, for the template."""
        return [
            (self[f"substance_{number}"], self[f"value_{number}"], self[f"limit_{number}"])
            for number in range(1, OTHER_COUNT + 1)
        ]

    def rows(self) -> list[CalculatorRow]:
        """The six ingredients as numbers (call after validation)."""
        pairs = [("DO", self.oxygen_value, self.oxygen_limit), ("BOD5", self.bod5_value, self.bod5_limit)]
        pairs += [(substance.data, value, limit) for substance, value, limit in self.other_rows()]
        rows = []
        for code, value_field, limit_field in pairs:
            value = parse_number(value_field.data)
            rows.append(CalculatorRow(code, value.value, value.below_detection, parse_number(limit_field.data).value))
        return rows

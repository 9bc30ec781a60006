"""Account forms: shape and format only (business rules live in services)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.models import Role
from app.auth.services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField(_l("Remember me on this computer"))


def _new_password_validators() -> list:
    return [
        DataRequired(),
        Length(
            min=MIN_PASSWORD_LENGTH,
            max=1000,
            message=_l("The password must have at least %(n)s characters.", n=MIN_PASSWORD_LENGTH),
        ),
    ]


class SignupForm(FlaskForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    password = PasswordField(_l("Password"), validators=_new_password_validators())
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=_new_password_validators())
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two passwords do not match."))],
    )


ROLE_LABELS = {
    Role.LEARNER: _l("Learner"),
    Role.TRAINER: _l("Trainer"),
    Role.COORDINATOR: _l("Event coordinator"),
    Role.ADMIN: _l("Administrator"),
}


class UserRolesForm(FlaskForm):
    roles = SelectMultipleField(
        _l("Roles"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class ConfirmForm(FlaskForm):
    """A POST with nothing but its CSRF token (deactivate, sign out)."""

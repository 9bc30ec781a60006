"""Event, people and attendance forms: shape and format only (business rules live in services)."""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp

from app.events.models import (
    AttendanceStatus,
    EventKind,
    Gender,
    OrganisationType,
    ParticipantRole,
    RegistrationStatus,
)

ORGANISATION_TYPE_LABELS = {
    OrganisationType.MINISTRY: _l("Ministry"),
    OrganisationType.GOVERNMENT_AGENCY: _l("Government agency"),
    OrganisationType.BASIN_INSPECTION: _l("Basin inspection"),
    OrganisationType.WATER_UTILITY: _l("Water utility"),
    OrganisationType.NGO: _l("NGO"),
    OrganisationType.PRIVATE_COMPANY: _l("Private company"),
    OrganisationType.ACADEMIA: _l("Academia"),
    OrganisationType.INTERNATIONAL: _l("International organisation"),
    OrganisationType.OTHER: _l("Other"),
}
GENDER_LABELS = {
    Gender.NOT_STATED: _l("Not stated"),
    Gender.FEMALE: _l("Female"),
    Gender.MALE: _l("Male"),
    Gender.OTHER: _l("Other"),
}
EVENT_KIND_LABELS = {
    EventKind.WORKSHOP: _l("Workshop"),
    EventKind.TRAINING: _l("Training"),
    EventKind.STUDY_TOUR: _l("Study tour"),
    EventKind.WEBINAR: _l("Webinar"),
    EventKind.CONFERENCE: _l("Conference"),
}
REGISTRATION_STATUS_LABELS = {
    RegistrationStatus.INVITED: _l("Invited"),
    RegistrationStatus.REGISTERED: _l("Registered"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITING_LIST: _l("Waiting list"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}
ROLE_LABELS = {
    ParticipantRole.PARTICIPANT: _l("Participant"),
    ParticipantRole.TRAINER: _l("Trainer"),
    ParticipantRole.SPEAKER: _l("Speaker"),
    ParticipantRole.ORGANISER: _l("Organiser"),
}
ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: _l("Present"),
    AttendanceStatus.LATE: _l("Late"),
    AttendanceStatus.EXCUSED: _l("Excused"),
    AttendanceStatus.ABSENT: _l("Absent"),
}


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(member.value, label) for member, label in labels.items()]


_COUNTRY = Regexp(r"^[A-Za-z]{2}$", message=_l("Use the two-letter country code, e.g. KZ."))


class OrganisationForm(FlaskForm):
    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=300)])
    alternative_name = StringField(_l("Other spelling or abbreviation"), validators=[Optional(), Length(max=300)])
    type = SelectField(_l("Type"), choices=_choices(ORGANISATION_TYPE_LABELS))
    country = StringField(_l("Country code"), validators=[Optional(), _COUNTRY])


class PersonForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=300)])
    gender = SelectField(_l("Gender"), choices=_choices(GENDER_LABELS))
    organisation_id = SelectField(_l("Organisation"), coerce=int, validate_choice=True)
    position = StringField(_l("Position"), validators=[Optional(), Length(max=300)])
    country = StringField(_l("Country code"), validators=[Optional(), _COUNTRY])
    email = EmailField(
        _l("E-mail"),
        validators=[
            Optional(),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])

    def set_organisations(self, choices: list[tuple[int, str]]) -> None:
        self.organisation_id.choices = [
            SelectChoice(0, _l("No organisation")),
            *(SelectChoice(value, label) for value, label in choices),
        ]

    def person_values(self) -> dict[str, object]:
        values = {name: self[name].data for name in ("full_name", "gender", "position", "country", "email", "phone")}
        values["organisation_id"] = self.organisation_id.data or None
        return values


class EventForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=_choices(EVENT_KIND_LABELS))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    country = StringField(_l("Country"), validators=[Optional(), Length(max=120)])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=300)])
    starts_on = DateField(_l("First day"), validators=[InputRequired()])
    ends_on = DateField(_l("Last day"), validators=[Optional()])
    organisers = TextAreaField(_l("Organisers"), validators=[Optional(), Length(max=5000)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])
    source_reference = StringField(_l("Source reference"), validators=[Optional(), Length(max=300)])
    is_open_for_registration = BooleanField(_l("Learners may register themselves"))
    requires_approval = BooleanField(_l("Self-registrations need a coordinator's approval"))
    points_present = IntegerField(_l("Points for present"), default=2, validators=[NumberRange(0, 100)])
    points_late = IntegerField(_l("Points for late"), default=1, validators=[NumberRange(0, 100)])
    points_excused = IntegerField(_l("Points for excused"), default=1, validators=[NumberRange(0, 100)])
    points_absent = IntegerField(_l("Points for absent"), default=0, validators=[NumberRange(0, 100)])
    certificate_percent = IntegerField(
        _l("Share of sessions needed for a certificate (%)"), default=80, validators=[NumberRange(0, 100)]
    )


class SessionForm(FlaskForm):
    title = StringField(_l("Session title"), validators=[DataRequired(), Length(max=300)])
    held_on = DateField(_l("Date"), validators=[InputRequired()])
    start_time = TimeField(_l("Starts at"), validators=[Optional()])
    end_time = TimeField(_l("Ends at"), validators=[Optional()])


class RegistrationForm(FlaskForm):
    status = SelectField(_l("Status"), choices=_choices(REGISTRATION_STATUS_LABELS))
    role = SelectField(_l("Role in the event"), choices=_choices(ROLE_LABELS))
    consent_public_list = BooleanField(_l("Agrees to appear on the public participant list"))


class AddExistingForm(RegistrationForm):
    person_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])


class AddNewPersonForm(RegistrationForm, PersonForm):
    pass


class SelfRegisterForm(FlaskForm):
    consent_public_list = BooleanField(_l("I agree to appear on the event's public participant list"))


class MarkForm(FlaskForm):
    """One tap on the attendance sheet: the button pressed carries the status."""

    person_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    status = SelectField(choices=_choices(ATTENDANCE_LABELS))


class WalkInForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=300)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=300)])
    email = EmailField(
        _l("E-mail"),
        validators=[
            Optional(),
            Email(message=_l("Enter a valid e-mail address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])


class UploadForm(FlaskForm):
    sheet = FileField(_l("Sign-in sheet (CSV or XLSX)"), validators=[FileRequired()])


class ConfirmForm(FlaskForm):
    """A POST with nothing but its CSRF token."""


class MergeForm(FlaskForm):
    kept_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    merged_id = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])


def row_decisions(formdata: Mapping[str, str]) -> dict[int, str]:
    """The import preview's choices: field ``row-<n>`` holds ``new`` or an existing person's id."""
    decisions = {}
    for name, value in formdata.items():
        number = name.removeprefix("row-")
        if name.startswith("row-") and number.isdigit() and (value == "new" or value.isdigit()):
            decisions[int(number)] = value
    return decisions


CERTIFICATE_LANGUAGE_LABELS = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


class IssueCertificatesForm(FlaskForm):
    language = SelectField(
        _l("Language of certificates for people without an account"),
        choices=[SelectChoice(code, label) for code, label in CERTIFICATE_LANGUAGE_LABELS.items()],
        default="en",
        description=_l("People whose account is linked get the language of their account."),
    )


class CheckInForm(FlaskForm):
    code = StringField(_l("Check-in code"), validators=[DataRequired(), Length(max=40)])

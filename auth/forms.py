"""Staff forms."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    ValidationError,
)

from auth.passwords import MAX_LENGTH, MIN_LENGTH, password_problem
from web.choices import opts

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least %(n)d characters. A few unrelated words make a strong, "
                    "memorable password.", n=MIN_LENGTH),
    "too_long": _l("Use at most %(n)d characters.", n=MAX_LENGTH),
    "common": _l("This password is too common. Please choose another one."),
    "personal": _l("Please do not use your name or email address in your password."),
}


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        DataRequired(message=_l("Please enter your email.")), Length(max=254)])
    password = PasswordField(_l("Password"),
                             validators=[DataRequired(message=_l("Please enter your password.")),
                                         Length(max=MAX_LENGTH)])


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(message=_l("Please enter a code.")), Length(max=40)],
    )


class NewPasswordForm(FlaskForm):
    """Sets a password; `email` and `name` feed the personal-information check."""

    password = PasswordField(_l("New password"), validators=[DataRequired(
        message=_l("Please choose a password."))])
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        EqualTo("password", message=_l("The two passwords are not the same."))])

    def __init__(self, *args: Any, email: str = "", name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._email = email
        self._name = name

    def validate_password(self, field: Any) -> None:
        problem = password_problem(field.data or "", email=self._email, name=self._name)
        if problem is not None:
            raise ValidationError(PASSWORD_MESSAGES[problem])


class SetupForm(NewPasswordForm):
    display_name = StringField(_l("Your name"), validators=[
        DataRequired(message=_l("Please enter your name.")), Length(max=200)])
    email = EmailField(_l("Email"), validators=[
        DataRequired(message=_l("Please enter your email.")),
        Email(message=_l("Please enter a valid email address.")), Length(max=254)])

    def validate_password(self, field: Any) -> None:
        self._email = self.email.data or ""
        self._name = self.display_name.data or ""
        super().validate_password(field)


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(
        message=_l("Please enter your current password."))])


class StepUpForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(
        message=_l("Please enter your password."))])
    code = StringField(_l("Code from your authenticator app"), validators=[
        DataRequired(message=_l("Please enter a code.")), Length(max=40)])


class UserForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Please enter a name.")), Length(max=200)])
    email = EmailField(_l("Email"), validators=[
        DataRequired(message=_l("Please enter an email address.")),
        Email(message=_l("Please enter a valid email address.")), Length(max=254)])
    role = SelectField(_l("Role"), choices=opts([
        ("focal_point", _l("Focal point")), ("auditor", _l("Auditor")), ("admin", _l("Admin"))]))
    safeguarding = BooleanField(_l("Safeguarding lead (focal points only)"))
    leadership = BooleanField(_l("Network leadership (concerns about them escalate)"))
    networks = SelectMultipleField(_l("Networks"), choices=opts([]))


class NetworkForm(FlaskForm):
    slug = StringField(_l("Short name (letters, digits, dashes)"), validators=[
        DataRequired(message=_l("Please enter a short name.")), Length(max=64)])
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Please enter a name.")), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=opts([
        ("national", _l("National")), ("regional", _l("Regional")), ("global", _l("Global"))]))
    parent = SelectField(_l("Part of"), choices=opts([]))
    country = StringField(_l("Country code (two letters)"), validators=[Length(max=2)])

    def validate_slug(self, field: Any) -> None:
        value = field.data or ""
        if not value.replace("-", "").isalnum() or value != value.lower():
            raise ValidationError(_l("Use lower-case letters, digits and dashes only."))


class NetworkSettingsForm(FlaskForm):
    """A network's clocks and retention, within bounds that keep the standards meaningful."""

    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Please enter a name.")), Length(max=200)])
    active = BooleanField(_l("Reports can be addressed to this network"))
    ack_days = IntegerField(_l("Days to acknowledge a report"), validators=[
        NumberRange(min=1, max=7, message=_l("Between 1 and 7 days (EU Directive 2019/1937)."))])
    feedback_days = IntegerField(_l("Days to give feedback after acknowledgement"), validators=[
        NumberRange(min=7, max=90, message=_l("Between 7 and 90 days."))])
    urgent_triage_hours = IntegerField(_l("Hours to triage an urgent report"), validators=[
        NumberRange(min=1, max=24, message=_l("Between 1 and 24 hours."))])
    keep_unfounded = IntegerField(_l("Days to keep an unfounded case after closure"),
                                  validators=[NumberRange(min=1, max=3650)])
    keep_referred = IntegerField(_l("Days to keep a referred case"),
                                 validators=[NumberRange(min=1, max=3650)])
    keep_inconclusive = IntegerField(_l("Days to keep an inconclusive case"),
                                     validators=[NumberRange(min=1, max=3650)])
    keep_action_taken = IntegerField(_l("Days to keep a case where action was taken"),
                                     validators=[NumberRange(min=1, max=3650)])
    keep_default = IntegerField(_l("Days to keep any other closed case"),
                                validators=[NumberRange(min=1, max=3650)])


class ConfirmForm(FlaskForm):
    """An empty form: a POST button with CSRF protection."""

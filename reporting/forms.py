"""The reporter's forms. Every message is translatable; every field keeps what was typed."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    MultipleFileField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from web.choices import opts
from web.i18n import wtforms_translations

TEXT_MAX = 20_000
SHORT_MAX = 300

YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
YES_NO_UNSURE = [("yes", _l("Yes")), ("no", _l("No")), ("unsure", _l("I don't know"))]

CONCERNED_ROLES = [
    ("", _l("Choose if you know")),
    ("staff", _l("Staff of a member organisation")),
    ("volunteer", _l("Volunteer or activist")),
    ("board", _l("Board or steering committee member")),
    ("focal_point", _l("Accountability focal point")),
    ("leadership", _l("Network coordinator or leadership")),
    ("secretariat", _l("Global secretariat staff")),
    ("participant", _l("Programme participant")),
    ("partner", _l("Partner, donor or supplier")),
    ("other", _l("Someone else")),
    ("unknown", _l("I don't know")),
]


class ReporterForm(FlaskForm):
    """The reporter side's forms: WTForms' messages from catalogs loaded once per process."""

    class Meta:
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations


class IntakeForm(ReporterForm):
    """The guided concern form (DESIGN.md "Intake and the reporter's journey")."""

    danger_now = RadioField(
        _l("Is anyone in danger right now?"), choices=opts(YES_NO), validators=[InputRequired(
            message=_l("Please tell us whether anyone is in danger right now."))]
    )
    channel = RadioField(
        _l("What would you like to do?"),
        choices=opts([
            ("complaint", _l("Raise a concern about someone's conduct")),
            ("feedback", _l("Give feedback (no reply needed)")),
        ]),
        default="complaint",
        validators=[InputRequired(message=_l("Please choose what you would like to do."))],
    )
    what_happened = TextAreaField(
        _l("What happened?"),
        description=_l("In your own words and your own language. Share only what you are "
                       "comfortable sharing."),
        validators=[
            DataRequired(message=_l("Please describe what happened.")),
            Length(max=TEXT_MAX, message=_l("Please keep this under %(max)d characters.",
                                            max=TEXT_MAX)),
        ],
    )
    when = StringField(
        _l("When did it happen?"),
        description=_l("A date, a period, or \"it is still happening\"."),
        validators=[Optional(), Length(max=SHORT_MAX)],
    )
    network = SelectField(
        _l("Which network is this about?"),
        validators=[InputRequired(message=_l("Please choose a network."))],
        validate_choice=True,
    )
    location = StringField(
        _l("Where did it happen?"),
        description=_l("Country, town, event or online."),
        validators=[Optional(), Length(max=SHORT_MAX)],
    )
    concerned_role = SelectField(_l("What is the role of the person concerned?"),
                                 choices=opts(CONCERNED_ROLES), validators=[Optional()])
    concerned_names = StringField(
        _l("Names of the people involved (optional)"),
        validators=[Optional(), Length(max=SHORT_MAX)],
    )
    child_involved = RadioField(
        _l("Is a child or young person under 18 involved?"), choices=opts(YES_NO_UNSURE),
        validators=[InputRequired(message=_l("Please tell us whether a child is involved."))],
    )
    reported_elsewhere = RadioField(
        _l("Have you reported this anywhere else?"), choices=opts(YES_NO), default="no",
        validators=[Optional()],
    )
    reported_where = StringField(
        _l("If yes, where?"), validators=[Optional(), Length(max=SHORT_MAX)]
    )
    outcome = TextAreaField(
        _l("What would you like to happen?"),
        validators=[Optional(), Length(max=5_000)],
    )
    on_behalf = RadioField(
        _l("Who are you reporting for?"),
        choices=opts([("self", _l("Myself")), ("other", _l("Someone else"))]), default="self",
        validators=[InputRequired(message=_l("Please tell us who you are reporting for."))],
    )
    consent = RadioField(
        _l("Does the person affected agree to this report?"),
        choices=opts([("yes", _l("Yes")), ("no", _l("No")),
                      ("not_asked", _l("I could not ask them"))]),
        validators=[Optional()],
    )
    identity_choice = RadioField(
        _l("Do you want to tell us who you are?"),
        choices=opts([
            ("anonymous", _l("No, stay anonymous")),
            ("identified", _l("Yes, I will give my name")),
        ]),
        default="anonymous",
        validators=[InputRequired(message=_l("Please choose whether to stay anonymous."))],
    )
    name = StringField(_l("Your name"), validators=[Optional(), Length(max=SHORT_MAX)])
    contact = StringField(
        _l("How can we contact you? (optional)"),
        description=_l("An email address or phone number that only you can read."),
        validators=[Optional(), Length(max=SHORT_MAX)],
    )
    excluded_staff = SelectMultipleField(
        _l("Focal points who must not see this report"), choices=opts([]), validators=[Optional()],
        validate_choice=True,
    )
    excluded = TextAreaField(
        _l("Is there anyone who must not see this report?"),
        description=_l("For example a focal point who is involved. They will not be told."),
        validators=[Optional(), Length(max=1_000)],
    )
    attachments = MultipleFileField(_l("Files (optional)"))
    # Anti-automation that needs no JavaScript: people never see or fill this field.
    website = StringField(_l("Leave this field empty"), validators=[Optional()])

    def validate(self, extra_validators: Any = None) -> bool:
        # Cross-field rules run here: an Optional() field stops its own validator chain
        # when empty, which is exactly when these rules matter.
        valid: bool = super().validate(extra_validators)
        if self.on_behalf.data == "other" and not self.consent.data:
            self.consent.errors = [*self.consent.errors, _l(
                "Please tell us whether the person affected agrees to this report.")]
            valid = False
        if self.identity_choice.data == "identified" and not (self.name.data or "").strip():
            self.name.errors = [*self.name.errors, _l(
                "Please give your name, or choose to stay anonymous.")]
            valid = False
        return valid

    def validate_website(self, field: Any) -> None:
        if field.data:
            raise ValidationError(_l("Please leave this field empty."))


class ReceiptForm(ReporterForm):
    receipt = StringField(
        _l("Your receipt"),
        description=_l("The code you were given when you sent your report, for example "
                       "ABCD-EFGH-JKMN-PQRS-TVWX."),
        validators=[DataRequired(message=_l("Please enter your receipt.")), Length(max=64)],
    )


class ReplyForm(ReporterForm):
    body = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(message=_l("Please write a message.")),
            Length(max=TEXT_MAX, message=_l("Please keep this under %(max)d characters.",
                                            max=TEXT_MAX)),
        ],
    )
    attachments = MultipleFileField(_l("Files (optional)"))


class LeaveForm(ReporterForm):
    """Ends the reporter's follow-up session (a POST, so a link cannot do it)."""


def answer_label(field: str, value: object) -> str:
    """What the reporter chose, as the form showed it, in the reader's language.

    Reports store choice codes ("board", "unsure"); a handler reads "Board or steering
    committee member". A code the form no longer offers is shown as stored.
    """
    unbound = getattr(IntakeForm, field, None)
    for choice in getattr(unbound, "kwargs", {}).get("choices") or []:
        if choice.value == value:
            return str(choice.label)
    return "" if value is None else str(value)

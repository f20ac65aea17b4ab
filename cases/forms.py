"""Forms of the case page and the queue."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from cases.models import Category, Finding, Outcome
from cases.rekey import RekeyReason
from web.choices import opts

CATEGORY_LABELS = {
    Category.ABUSIVE_BEHAVIOUR: _l("Abusive behaviour"),
    Category.SEXUAL_MISCONDUCT: _l("Sexual harassment, abuse and exploitation"),
    Category.DISCRIMINATION: _l("Discrimination"),
    Category.CONFLICT_OF_INTEREST: _l("Conflict of interest"),
    Category.FRAUD_CORRUPTION: _l("Fraud and corruption"),
    Category.SUBSTANCE_MISUSE: _l("Substance misuse"),
    Category.OTHER: _l("Not a Code of Conduct concern"),
}
FLAG_LABELS = {
    "minor_involved": _l("A child is involved"),
    "immediate_danger": _l("Someone is in danger now"),
    "retaliation": _l("Retaliation"),
}
FINDING_LABELS = {
    Finding.SUBSTANTIATED: _l("Substantiated"),
    Finding.PARTLY_SUBSTANTIATED: _l("Partly substantiated"),
    Finding.UNSUBSTANTIATED: _l("Unsubstantiated"),
    Finding.INCONCLUSIVE: _l("Inconclusive"),
}
OUTCOME_LABELS = {
    Outcome.ACTION_TAKEN: _l("Action taken"),
    Outcome.NO_ACTION: _l("No action needed"),
    Outcome.REFERRED: _l("Referred elsewhere"),
    Outcome.NO_CASE: _l("No case to answer"),
    Outcome.WITHDRAWN: _l("Withdrawn by the reporter"),
    Outcome.FEEDBACK_NOTED: _l("Feedback noted"),
    Outcome.APPEAL_UPHELD: _l("Appeal: decision upheld"),
    Outcome.APPEAL_REVISED: _l("Appeal: decision revised"),
}

REKEY_REASON_LABELS = {
    RekeyReason.SUSPECTED_LEAK: _l("The case key may have been exposed"),
    RekeyReason.HOLDER_REMOVED: _l("Someone who held the case key should no longer have it"),
    RekeyReason.ROUTINE: _l("Routine renewal"),
}


class TriageForm(FlaskForm):
    category = SelectField(_l("Category"), choices=opts([(c.value, label) for c, label in
                                                    CATEGORY_LABELS.items()]))
    flags = SelectMultipleField(_l("Urgency flags"), choices=opts(list(FLAG_LABELS.items())),
                                validators=[Optional()])
    serious = BooleanField(_l("Serious case (closing needs a second person)"))


class ActionForm(FlaskForm):
    text = TextAreaField(_l("Reasons or message"), validators=[Optional(), Length(max=20_000)])
    finding = SelectField(_l("Finding"), choices=opts([("", "—")] + [
        (f.value, label) for f, label in FINDING_LABELS.items()]), validators=[Optional()])
    outcome = SelectField(_l("Outcome"), choices=opts([("", "—")] + [
        (o.value, label) for o, label in OUTCOME_LABELS.items()]), validators=[Optional()])


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message to the reporter"), validators=[
        DataRequired(message=_l("Please write a message.")), Length(max=20_000)])
    attachments = MultipleFileField(_l("Files (optional)"))


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Internal note"), validators=[
        DataRequired(message=_l("Please write a note.")), Length(max=20_000)])


class RoleForm(FlaskForm):
    person = SelectField(_l("Person"), choices=opts([]))
    role = SelectField(_l("Role in this case"), choices=opts([
        ("handler", _l("Handler")), ("investigator", _l("Investigator")),
        ("decision_maker", _l("Decision-maker")), ("appeal_reviewer", _l("Appeal reviewer"))]))


class HandoverForm(FlaskForm):
    person = SelectField(_l("Hand over to"), choices=opts([]))
    keep_access = BooleanField(_l("Keep my access to this case"), default=True)


class ConfirmForm(FlaskForm):
    """A POST button with CSRF protection."""


class RekeyForm(FlaskForm):
    """Re-key a case: a reason code for the trail, an optional note, an explicit confirmation."""

    reason = SelectField(_l("Why"), choices=opts([(r.value, label) for r, label in
                                                 REKEY_REASON_LABELS.items()]))
    details = TextAreaField(_l("Details for the case team (optional, kept as an internal note)"),
                            validators=[Optional(), Length(max=20_000)])
    confirm = BooleanField(
        _l("I understand: the case gets a new key and every old copy of the key is deleted."),
        validators=[DataRequired(message=_l("Please confirm."))])

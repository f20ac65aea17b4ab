"""What templates may call: the one permission policy and a few labels."""

from __future__ import annotations

from flask import Flask
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_timedelta,
    get_locale,
)
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import generate_csrf

from auth.models import GlobalRole, StaffUser
from auth.permissions import Permission, can

ROLE_NAMES = {
    GlobalRole.ADMIN: _l("Admin"),
    GlobalRole.FOCAL_POINT: _l("Focal point"),
    GlobalRole.AUDITOR: _l("Auditor"),
}


def role_label(user: StaffUser) -> str:
    label = str(ROLE_NAMES[user.role])
    if user.is_safeguarding_lead:
        label += f" · {_l('safeguarding lead')}"
    return label


def install_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(
        can=can, P=Permission, role_label=role_label, csrf_token=generate_csrf,
        get_locale=get_locale, format_date=format_date, format_datetime=format_datetime,
        format_decimal=format_decimal, format_timedelta=format_timedelta,
    )

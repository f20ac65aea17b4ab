"""The anonymous reporter's pages. No account, no JavaScript, no address kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from typing import Any, cast

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from sqlalchemy import Select, Table, select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import FileStorage

from audit import Actor
from cases.models import Author, Channel
from cases.reminders import alert_in_background, mailer
from config import Settings
from db import db_session, end_read, read_only
from keyring.services import KDF_PARAMS, RecoveryKeyMissing, recovery_keys_to_seal
from networks.models import Network, NetworkKind
from reporting import services
from reporting.forms import IntakeForm, LeaveForm, ReceiptForm, ReplyForm, answer_label
from reporting.status import next_date, stage_for
from reporting.uploads import EncryptedSpool
from web.access import public
from web.choices import opts
from web.clock import now
from web.throttle import Throttle

log = logging.getLogger(__name__)
bp = Blueprint("reporting", __name__)
# Handlers read the reporter's choices as labels in their own language (cases/detail.html).
bp.add_app_template_global(answer_label, "answer_label")

# Receipt guessing: per (hashed) client and across the instance, so that neither one
# patient attacker nor many addresses get far against 100 bits anyway.
RECEIPT_TRIES_PER_CLIENT = 10
RECEIPT_TRIES_ALL = 300
RECEIPT_WINDOW_SECONDS = 600
FOLLOWUP_KEY = "followup"

ANSWER_FIELDS = (
    "danger_now", "channel", "what_happened", "when", "location", "concerned_role",
    "concerned_names", "child_involved", "reported_elsewhere", "reported_where", "outcome",
    "on_behalf", "consent", "excluded", "excluded_staff",
)


def _settings() -> Settings:
    settings: Settings = current_app.config["SETTINGS"]
    return settings


def _throttle() -> Throttle:
    throttle: Throttle = current_app.extensions["redevable.throttle"]
    return throttle


Choices = tuple[tuple[str, str], ...]


@functools.cache
def _directory_queries() -> tuple[Select[NetworkKind, str, str], Select[str, str, str]]:
    """Built once: constructing a statement costs more than running it on a small table.

    On the tables, not the mapped classes: plain rows skip the ORM's per-statement work.
    """
    from auth.models import GlobalRole, StaffUser, staff_networks  # noqa: PLC0415

    nets, staff = cast(Table, Network.__table__), cast(Table, StaffUser.__table__)
    networks = select(nets.c.kind, nets.c.name, nets.c.slug).where(nets.c.active.is_(True))
    focal_points = (
        select(staff.c.public_id, staff.c.display_name, nets.c.name)
        .outerjoin(staff_networks, staff_networks.c.staff_id == staff.c.id)
        .outerjoin(nets, nets.c.id == staff_networks.c.network_id)
        .where(staff.c.role == GlobalRole.FOCAL_POINT, staff.c.active.is_(True))
        .order_by(staff.c.display_name, staff.c.id, nets.c.id))
    return networks, focal_points


def _directory() -> tuple[Choices, Choices]:
    """Active networks and the focal points a reporter may exclude, as plain (value, label) rows.

    Column queries, not ORM objects: this runs on every view of the form. Focal points' names
    are public to members anyway.
    """
    dbs = db_session()
    networks_query, focal_points_query = _directory_queries()
    order = {NetworkKind.NATIONAL: 0, NetworkKind.REGIONAL: 1, NetworkKind.GLOBAL: 2}
    networks = sorted(dbs.execute(networks_query).all(), key=lambda row: (order[row[0]], row[1]))
    people: dict[str, tuple[str, list[str]]] = {}
    for public_id, display_name, network_name in dbs.execute(focal_points_query):
        names = people.setdefault(public_id, (display_name, []))[1]
        if network_name is not None:
            names.append(network_name)
    return (tuple((slug, name) for _kind, name, slug in networks),
            tuple((public_id, name + (f" ({', '.join(nets)})" if nets else ""))
                  for public_id, (name, nets) in people.items()))


def _intake_form(directory: tuple[Choices, Choices]) -> IntakeForm:
    networks, focal_points = directory
    form = IntakeForm()
    form.network.choices = opts([("", _("Choose a network")), *networks])
    form.excluded_staff.choices = opts(focal_points)
    return form


# The empty form is the same page for everyone who reads it in one language with the same
# networks and focal points: render it once per process and put each reader's CSRF token in.
_CSRF_PLACEHOLDER = "redevable-csrf-placeholder"
_EMPTY_FORMS: dict[tuple[str, tuple[Choices, Choices]], str] = {}
_EMPTY_FORMS_MAX = 32


def _empty_form_page(directory: tuple[Choices, Choices]) -> str:
    key = (str(get_locale()), directory)
    page = _EMPTY_FORMS.get(key)
    if page is None:
        form = _intake_form(directory)
        form.csrf_token.current_token = _CSRF_PLACEHOLDER
        page = render_template("reporting/report.html", form=form)
        if len(_EMPTY_FORMS) >= _EMPTY_FORMS_MAX:
            _EMPTY_FORMS.clear()
        _EMPTY_FORMS[key] = page
    return page.replace(_CSRF_PLACEHOLDER, generate_csrf(), 1)


# The receipt page differs between reporters of one language, on one day, only by the
# receipt: render it once with a stand-in for each group of the receipt, then put them in.
_RECEIPT_STAND_IN = "-".join(f"\x00{n}\x00" for n in range(5))
_RECEIPT_PAGES: dict[tuple[str, str, bool, bool, dt.date], str] = {}
_RECEIPT_PAGES_MAX = 64


def _receipt_page(submission: services.Submission, *, danger: bool, child: bool) -> str:
    def render(receipt: str) -> str:
        return render_template("reporting/receipt.html", receipt=receipt, case=submission.case,
                               danger=danger, child=child,
                               rejected_images=submission.rejected_images)

    groups = submission.receipt.split("-")
    if submission.rejected_images or len(groups) != 5:
        return render(submission.receipt)
    key = (str(get_locale()), request.host_url, danger, child,
           submission.case.ack_due_at.astimezone(dt.UTC).date())
    page = _RECEIPT_PAGES.get(key)
    if page is None:
        page = render(_RECEIPT_STAND_IN)
        if len(_RECEIPT_PAGES) >= _RECEIPT_PAGES_MAX:
            _RECEIPT_PAGES.clear()
        _RECEIPT_PAGES[key] = page
    for n, group in enumerate(groups):
        page = page.replace(f"\x00{n}\x00", group)
    return page


def _offline_intake_form() -> IntakeForm:
    """The form as sent, when the database cannot even list the networks.

    The choices are what the reporter picked, so re-sending the page keeps their
    network and, above all, the focal points they asked to keep away from the report.
    """
    form = IntakeForm()
    chosen = form.network.data or ""
    form.network.choices = opts([("", _("Choose a network"))] + ([(chosen, chosen)] if chosen
                                                                 else []))
    form.excluded_staff.choices = opts([(value, _("A focal point you chose"))
                                        for value in form.excluded_staff.data or []])
    return form


def _uploads(files: list[FileStorage], form_field: Any) -> list[services.Upload] | None:
    """The files that were really chosen, or None (with errors on the field) if one is refused."""
    chosen = [f for f in files if isinstance(f, FileStorage) and f.filename]
    settings = _settings()
    if len(chosen) > settings.max_attachments:
        form_field.errors = [
            *form_field.errors,
            _("You can attach at most %(n)d files.", n=settings.max_attachments),
        ]
        return None
    uploads: list[services.Upload] = []
    for storage in chosen:
        stream = storage.stream
        if isinstance(stream, EncryptedSpool) and stream.too_large:
            form_field.errors = [
                *form_field.errors,
                _("The file %(name)s is larger than %(mb)d MB.", name=storage.filename,
                  mb=settings.max_attachment_bytes // (1024 * 1024)),
            ]
            return None
        name = (storage.filename or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
        # A label, never a path or a header: no control or direction-override characters.
        name = "".join(ch for ch in name if ch.isprintable()).strip()
        if name in {".", ".."}:
            name = "file"
        uploads.append(services.Upload(name or "file", storage.mimetype or "", stream))
    return uploads


@bp.get("/")
@public
def index() -> ResponseReturnValue:
    return render_template("reporting/index.html")


@bp.get("/safety")
@public
def safety() -> ResponseReturnValue:
    return render_template("reporting/safety.html")


@bp.route("/report", methods=["GET", "POST"])
@public
def report() -> ResponseReturnValue:
    try:
        read_only(db_session())
        directory = _directory()
        # End the read transaction now: on SQLite every transaction holds the write lock,
        # and nothing below needs the database until the report is stored.
        if request.method == "GET":
            db_session().commit()
        else:
            end_read(db_session())
    except SQLAlchemyError as exc:
        if request.method == "GET":
            raise  # the "briefly unavailable" page: there is nothing typed to keep yet
        # The database is down before we could even list the networks: keep the text.
        with contextlib.suppress(SQLAlchemyError):
            db_session().rollback()
        log.error("report not saved", extra={"event": "intake_failed", "kind": type(exc).__name__})
        return render_template("reporting/report.html", form=_offline_intake_form(),
                               save_failed=True, files_lost=bool(
                                   request.files.getlist("attachments"))), 503
    if request.method == "GET":
        return _empty_form_page(directory)
    form = _intake_form(directory)
    valid = form.validate_on_submit()
    uploads = _uploads(request.files.getlist(form.attachments.name), form.attachments)
    if not valid or uploads is None:
        return render_template("reporting/report.html", form=form, files_lost=bool(
            request.files.getlist(form.attachments.name))), 400
    answers = {name: getattr(form, name).data for name in ANSWER_FIELDS}
    identity = None
    if form.identity_choice.data == "identified":
        identity = {"name": form.name.data or "", "contact": form.contact.data or ""}
    dbs = db_session()
    try:
        read_only(dbs)
        network = services.intake_network(dbs, form.network.data or "")
        keys = services.IntakeKeys(
            recovery=recovery_keys_to_seal(dbs),
            pepper=_settings().receipt_pepper,
        )
        # Classification, the receipt's key derivation and the sealing run before the write.
        end_read(dbs)
        received = now()  # the alert below finds its claims by this exact time
        submission = services.submit_report(
            dbs, network=network, channel=Channel(form.channel.data), answers=answers,
            identity=identity, uploads=uploads, keys=keys, now=received,
            claim_alerts=not _settings().testing,
        )
        dbs.commit()
    except (SQLAlchemyError, RecoveryKeyMissing) as exc:
        dbs.rollback()
        log.error("report not saved", extra={"event": "intake_failed", "kind": type(exc).__name__})
        return render_template("reporting/report.html", form=form, save_failed=True,
                               files_lost=bool(uploads)), 503
    log.info("report received", extra={"event": "intake_ok"})
    if submission.case.urgent and not _settings().testing:
        alert_in_background(current_app.extensions["redevable.engine"], mailer(_settings()),
                            submission.case.id, received)
    return _receipt_page(submission, danger=form.danger_now.data == "yes",
                         child=form.child_involved.data == "yes")


@bp.route("/follow-up", methods=["GET", "POST"])
@public
def follow_up() -> ResponseReturnValue:
    form = ReceiptForm()
    if request.method == "GET" or not form.validate_on_submit():
        code = 400 if request.method == "POST" else 200
        return render_template("reporting/follow_up.html", form=form), code
    client = request.remote_addr or "unknown"
    throttle = _throttle()
    if not (
        throttle.allow("receipt", client, limit=RECEIPT_TRIES_PER_CLIENT,
                       window_seconds=RECEIPT_WINDOW_SECONDS)
        and throttle.allow("receipt-all", "*", limit=RECEIPT_TRIES_ALL,
                           window_seconds=60)
    ):
        form.receipt.errors = [_("Too many attempts. Please wait ten minutes and try again.")]
        return render_template("reporting/follow_up.html", form=form), 429
    dbs = db_session()
    settings = _settings()
    found = services.open_with_receipt(
        dbs, form.receipt.data or "", pepper=settings.receipt_pepper,
        legacy_params=KDF_PARAMS[settings.receipt_kdf],
    )
    if found is None:
        form.receipt.errors = [_("We could not find a report with this receipt. Please check it "
                                 "and try again.")]
        form.receipt.data = ""
        return render_template("reporting/follow_up.html", form=form), 400
    case, data_key = found
    token = services.start_reporter_session(
        dbs, case, data_key, now=now(), minutes=settings.reporter_session_minutes
    )
    dbs.commit()
    session[FOLLOWUP_KEY] = token
    return redirect(url_for("reporting.case_view"), code=303)


def _resume() -> tuple[Any, Any] | None:
    token = session.get(FOLLOWUP_KEY)
    if not token:
        return None
    return services.resume_reporter_session(
        db_session(), str(token), now=now(), minutes=_settings().reporter_session_minutes
    )


def _render_case(case: Any, data_key: Any, form: ReplyForm, code: int = 200) -> ResponseReturnValue:
    messages = services.read_messages(db_session(), case, data_key, reader=Author.REPORTER,
                                      actor=Actor.reporter(), now=now())
    db_session().commit()
    return render_template(
        "reporting/case.html", case=case, stage=stage_for(case), next_date=next_date(case),
        messages=messages, form=form, leave_form=LeaveForm(),
    ), code


@bp.get("/follow-up/case")
@public
def case_view() -> ResponseReturnValue:
    resumed = _resume()
    if resumed is None:
        session.pop(FOLLOWUP_KEY, None)
        return redirect(url_for("reporting.follow_up"), code=303)
    case, data_key = resumed
    return _render_case(case, data_key, ReplyForm())


@bp.post("/follow-up/case")
@public
def reply() -> ResponseReturnValue:
    resumed = _resume()
    if resumed is None:
        session.pop(FOLLOWUP_KEY, None)
        return redirect(url_for("reporting.follow_up"), code=303)
    case, data_key = resumed
    form = ReplyForm()
    valid = form.validate_on_submit()
    uploads = _uploads(request.files.getlist(form.attachments.name), form.attachments)
    if not valid or uploads is None:
        return _render_case(case, data_key, form, 400)
    dbs = db_session()
    services.add_reporter_message(dbs, case, data_key, form.body.data or "", uploads, now=now())
    dbs.commit()
    return redirect(url_for("reporting.case_view", sent=1), code=303)


@bp.post("/follow-up/leave")
@public
def leave() -> ResponseReturnValue:
    form = LeaveForm()
    token = session.pop(FOLLOWUP_KEY, None)
    if form.validate_on_submit() and token:
        services.end_reporter_session(db_session(), str(token))
        db_session().commit()
    return redirect(url_for("reporting.index"), code=303)

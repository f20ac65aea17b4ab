"""`flask demo seed`: a working instance in one minute, clearly marked as demo data.

Demo cases carry the reference prefix DEMO and the staff names say "(demo)".
The command refuses to run on an instance that holds any real case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import click
import pyotp
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auth import services as auth_services
from auth.models import GlobalRole, StaffUser
from cases import access
from cases import services as case_services
from cases.models import Case, CaseRoleKind, Category, Channel, Finding, Outcome
from cases.workflow import CaseAction
from config import Settings
from crypto import unwrap_private_key
from db import db_session
from keyring.services import KDF_PARAMS, RecoveryKeyMissing, active_recovery_key
from networks.models import Network, NetworkKind
from reporting.services import IntakeKeys, submit_report
from web.clock import now

demo_cli = AppGroup("demo", help="Demonstration data.")
DEMO_PASSWORD = "demo only - change me 2026"  # noqa: S105 - printed for the demo's users
PREFIX = "DEMO"

NETWORKS = [
    ("demo-global", "[DEMO] Global secretariat", NetworkKind.GLOBAL, None),
    ("demo-africa", "[DEMO] Africa region", NetworkKind.REGIONAL, "demo-global"),
    ("demo-latam", "[DEMO] Latin America region", NetworkKind.REGIONAL, "demo-global"),
    ("demo-senegal", "[DEMO] Senegal", NetworkKind.NATIONAL, "demo-africa"),
    ("demo-brasil", "[DEMO] Brasil", NetworkKind.NATIONAL, "demo-latam"),
]

# (network, role, name, safeguarding)
STAFF = [
    ("demo-senegal", GlobalRole.FOCAL_POINT, "Aminata (demo)", False),
    ("demo-senegal", GlobalRole.FOCAL_POINT, "Ibrahima (demo)", False),
    ("demo-africa", GlobalRole.FOCAL_POINT, "Grace (demo)", True),
    ("demo-brasil", GlobalRole.FOCAL_POINT, "Joana (demo)", False),
    ("demo-brasil", GlobalRole.FOCAL_POINT, "Thiago (demo)", False),
    (None, GlobalRole.AUDITOR, "Olivier (demo auditor)", False),
    (None, GlobalRole.ADMIN, "Alex (demo admin)", False),
]


@dataclass(frozen=True)
class DemoReport:
    network: str
    text: str
    child: str = "no"
    danger: str = "no"
    channel: Channel = Channel.COMPLAINT
    # How far the workflow goes, in order.
    steps: tuple[CaseAction, ...] = ()


REPORTS = [
    DemoReport("demo-senegal", "[DEMO] Le trésorier garde l'argent des cotisations chez lui "
               "et les reçus ne correspondent pas aux dépenses."),
    DemoReport("demo-senegal", "[DEMO] Pendant l'atelier, un formateur a fait des remarques "
               "sur le corps d'une participante et lui a proposé de venir dans sa chambre.",
               steps=(CaseAction.ACKNOWLEDGE,)),
    DemoReport("demo-senegal", "[DEMO] Un animateur envoie des messages la nuit à un garçon de "
               "15 ans du club de football.", child="yes",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE)),
    DemoReport("demo-brasil", "[DEMO] O coordenador contratou a empresa do cunhado para o "
               "transporte sem outro orçamento.",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE,
                      CaseAction.OPEN_INVESTIGATION)),
    DemoReport("demo-brasil", "[DEMO] Desde que reclamei das diárias, me tiraram da lista de "
               "facilitadores e o diretor disse que eu devia tomar cuidado.",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE,
                      CaseAction.OPEN_INVESTIGATION, CaseAction.RECORD_FINDINGS)),
    DemoReport("demo-brasil", "[DEMO] Um voluntário chegou bêbado à oficina com adolescentes "
               "e gritou com todos.",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE,
                      CaseAction.OPEN_INVESTIGATION, CaseAction.RECORD_FINDINGS,
                      CaseAction.DECIDE, CaseAction.GIVE_FEEDBACK, CaseAction.CLOSE)),
    DemoReport("demo-senegal", "[DEMO] The venue for the regional meeting was too far from "
               "the bus station.", channel=Channel.FEEDBACK,
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE,
                      CaseAction.CLOSE_NO_CASE, CaseAction.CLOSE)),
    DemoReport("demo-senegal", "[DEMO] My colleague says women cannot lead the men's groups "
               "and removed me from the facilitators' rota.",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE,
                      CaseAction.REQUEST_INFO)),
    DemoReport("demo-brasil", "[DEMO] El proveedor de la conferencia cobró dos veces la misma "
               "factura y alguien del equipo lo aprobó.",
               steps=(CaseAction.ACKNOWLEDGE, CaseAction.START_TRIAGE, CaseAction.REFER)),
    DemoReport("demo-senegal", "[DEMO] Il m'a menacé ce soir devant le bureau, il a dit qu'il "
               "reviendrait avec un couteau.", danger="yes"),
]


def _real_cases(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Case).where(
        ~Case.reference.startswith(f"{PREFIX}-"))) or 0


@demo_cli.command("seed")
def seed() -> None:
    """Fill this instance with demo networks, staff and cases in every state."""
    settings: Settings = current_app.config["SETTINGS"]
    session = db_session()
    if _real_cases(session):
        raise click.ClickException("this instance holds real cases: demo data refused")
    if session.scalars(select(Network).where(Network.slug == "demo-global")).first():
        raise click.ClickException("demo data is already here")
    try:
        recovery = active_recovery_key(session)
    except RecoveryKeyMissing:
        raise click.ClickException("run 'flask keys init-recovery' first") from None
    networks = _networks(session)
    params = KDF_PARAMS[settings.password_kdf]
    people: dict[str, tuple[StaffUser, str]] = {}
    for slug, role, name, safeguarding in STAFF:
        email = name.split()[0].lower() + "@demo.invalid"
        user = auth_services.create_user(
            session, email=email, display_name=name, role=role,
            networks=[networks[slug]] if slug else [], safeguarding=safeguarding)
        auth_services.set_password_with_new_keys(session, user, DEMO_PASSWORD, params, now())
        secret = auth_services.begin_totp_enrolment(session, user, settings.secret_key)
        user.totp_enabled_at = now()
        people[name] = (user, secret)
    session.flush()
    keys = IntakeKeys(recovery=[recovery], pepper=settings.receipt_pepper)
    start = now() - dt.timedelta(days=40)
    for index, report in enumerate(REPORTS):
        received = start + dt.timedelta(days=index * 3)
        submission = submit_report(
            session, network=networks[report.network], channel=report.channel,
            answers={"what_happened": report.text, "child_involved": report.child,
                     "danger_now": report.danger, "channel": str(report.channel)},
            identity=None, uploads=[], keys=keys, now=received, reference_prefix=PREFIX)
        _advance(session, submission.case, report, received)
    session.commit()
    click.echo("Demo data created. Every demo account uses the password:")
    click.echo(f"  {DEMO_PASSWORD}")
    for name, (user, secret) in people.items():
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Redevable demo")
        click.echo(f"  {user.email:28} {name:24} TOTP key {secret}  ({uri})")


def _networks(session: Session) -> dict[str, Network]:
    made: dict[str, Network] = {}
    for slug, name, kind, parent in NETWORKS:
        made[slug] = Network(slug=slug, name=name, kind=kind,
                             parent=made.get(parent) if parent else None)
        session.add(made[slug])
    session.flush()
    return made


def _advance(session: Session, case: Case, report: DemoReport, received: dt.datetime) -> None:
    """Walk the case through the report's steps as its focal points would (stops if refused)."""
    holders = access.holders(session, case)
    if not report.steps or len(holders) < 2:
        return
    handler, other = holders[0], holders[1]
    private = unwrap_private_key(handler.private_key_wrapped or b"", DEMO_PASSWORD)
    key = access.open_case_key(handler, private, case)
    if key is None:
        return
    when = received + dt.timedelta(days=1)
    case_services.assign_role(session, case, handler, key, handler, CaseRoleKind.HANDLER,
                              now=when)
    for action in report.steps:
        when += dt.timedelta(days=2)
        if action == CaseAction.START_TRIAGE:
            case_services.perform(session, case, action, handler, key, now=when)
            case_services.confirm_classification(
                session, case, handler, category=case.suggested_category or Category.OTHER,
                flags=set(case.suggested_flags), serious=False)
            continue
        if action == CaseAction.OPEN_INVESTIGATION:
            case_services.assign_role(session, case, handler, key, other,
                                      CaseRoleKind.INVESTIGATOR, now=when)
            case_services.assign_role(session, case, handler, key, handler,
                                      CaseRoleKind.DECISION_MAKER, now=when)
        actor = other if action == CaseAction.RECORD_FINDINGS else handler
        try:
            case_services.perform(
                session, case, action, actor, key, now=when,
                text="[DEMO] Reasons recorded for the demonstration.",
                finding=Finding.SUBSTANTIATED if action == CaseAction.RECORD_FINDINGS else None,
                outcome=(Outcome.ACTION_TAKEN if action == CaseAction.CLOSE else None))
        except case_services.ActionRefused:
            return  # e.g. a safeguarding case that needs a second person: left for the demo

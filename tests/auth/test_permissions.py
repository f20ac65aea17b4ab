"""The role × endpoint matrix, walked over app.url_map so that no route slips past."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import GlobalRole
from auth.permissions import ROLE_PERMISSIONS, Permission, can
from cases import services
from cases.models import CaseKeyWrap, CaseStatus, HolderKind
from tests.conftest import FIXED_NOW, https_client
from tests.factories import make_case, make_network
from web.access import declared_permission, is_public

PERSONAS = ("anonymous", "admin", "focal_point", "safeguarding", "auditor", "other_network")
EVERY_STAFF = {"admin", "focal_point", "safeguarding", "auditor", "other_network"}
HOLDERS = {"focal_point", "safeguarding"}

# Who may reach each protected endpoint (for an open case held by the two holders).
EXPECTED: dict[str, set[str]] = {
    "auth.home": EVERY_STAFF,
    "auth.logout": EVERY_STAFF,
    "auth.change_password": EVERY_STAFF,
    "auth.step_up": EVERY_STAFF,
    "auth.rotate_key": EVERY_STAFF,
    "admin.users": {"admin"},
    "admin.invite": {"admin"},
    "admin.edit_user": {"admin"},
    "admin.disable": {"admin"},
    "admin.enable": {"admin"},
    "admin.reset": {"admin"},
    "admin.networks": {"admin"},
    "admin.edit_network": {"admin"},
    "admin.export_user": {"admin"},
    "cases.queue": {"focal_point", "safeguarding", "other_network"},
    "cases.detail": HOLDERS,
    "cases.act": HOLDERS,
    "cases.triage": HOLDERS,
    "cases.message": HOLDERS,
    "cases.add_note": HOLDERS,
    "cases.edit_note": HOLDERS,
    "cases.assign": HOLDERS,
    "cases.handover": HOLDERS,
    "cases.conflict": HOLDERS,
    "cases.identity": HOLDERS,
    "cases.attachment": HOLDERS,
    "cases.hold": HOLDERS,
    "cases.subject_export": HOLDERS,
    "cases.purge": HOLDERS,
    "cases.rekey": HOLDERS,
    "auditdesk.trail": {"auditor"},
    "auditdesk.verify_now": {"auditor"},
    "auditdesk.export_trail": {"auditor"},
    "auditdesk.closed": {"auditor"},
    "auditdesk.closed_case": {"auditor"},
    "stats.overview": {"admin", "auditor"},
    "stats.report": {"admin", "auditor"},
    "stats.export_csv": {"admin", "auditor"},
    "stats.stylesheet": {"admin", "auditor"},
}


@pytest.fixture
def world(session: Session, staff: Any, login: Any, app: Flask) -> dict[str, Any]:
    home = make_network(session)
    other = make_network(session, slug="brasil", name="Brasil")
    people = {
        "admin": staff(role=GlobalRole.ADMIN, name="Ada Admin"),
        "focal_point": staff(name="Fanta Focal", networks=[home]),
        "safeguarding": staff(name="Sami Safe", networks=[home], safeguarding=True),
        "auditor": staff(role=GlobalRole.AUDITOR, name="Aude Auditor"),
        "other_network": staff(name="Olga Other", networks=[other]),
    }
    holders = [people["focal_point"][0], people["safeguarding"][0]]
    case, key = make_case(session, network=home, holders=holders, now=FIXED_NOW)
    note = services.add_note(session, case, holders[0], key, "n", now=FIXED_NOW)
    closed, _ = make_case(session, network=home, holders=holders, status=CaseStatus.CLOSED,
                          now=FIXED_NOW)
    session.commit()
    clients: dict[str, FlaskClient] = {"anonymous": https_client(app)}
    for name, (user, secret) in people.items():
        clients[name] = login(user, secret)
    return {"case": case, "closed": closed, "note": note, "clients": clients,
            "admin_user": people["admin"][0]}


def url_for_endpoint(endpoint: str, world: dict[str, Any]) -> str:
    case = world["case"]
    base = f"/staff/cases/{case.public_id}"
    urls = {
        "auth.home": "/staff/", "auth.logout": "/staff/logout",
        "auth.change_password": "/staff/account/password", "auth.step_up": "/staff/step-up",
        "auth.rotate_key": "/staff/account/rotate-key",
        "admin.users": "/staff/admin/users", "admin.invite": "/staff/admin/users/new",
        "admin.edit_user": f"/staff/admin/users/{world['admin_user'].public_id}",
        "admin.disable": f"/staff/admin/users/{world['admin_user'].public_id}/disable",
        "admin.enable": f"/staff/admin/users/{world['admin_user'].public_id}/enable",
        "admin.reset": f"/staff/admin/users/{world['admin_user'].public_id}/reset",
        "admin.networks": "/staff/admin/networks",
        "admin.edit_network": "/staff/admin/networks/senegal",
        "admin.export_user": f"/staff/admin/users/{world['admin_user'].public_id}/export",
        "cases.queue": "/staff/cases/", "cases.detail": base,
        "cases.act": f"{base}/action/acknowledge", "cases.triage": f"{base}/triage",
        "cases.message": f"{base}/messages", "cases.add_note": f"{base}/notes",
        "cases.edit_note": f"{base}/notes/{world['note'].public_id}",
        "cases.assign": f"{base}/roles", "cases.handover": f"{base}/handover",
        "cases.conflict": f"{base}/conflict", "cases.identity": f"{base}/identity",
        "cases.attachment": f"{base}/attachments/none",
        "cases.hold": f"{base}/hold", "cases.purge": f"{base}/purge",
        "cases.subject_export": f"{base}/subject-export", "cases.rekey": f"{base}/rekey",
        "auditdesk.trail": "/staff/audit/", "auditdesk.verify_now": "/staff/audit/verify",
        "auditdesk.export_trail": "/staff/audit/export", "auditdesk.closed": "/staff/audit/closed",
        "auditdesk.closed_case": f"/staff/audit/closed/{world['closed'].public_id}",
        "stats.overview": "/staff/stats/", "stats.report": "/staff/stats/report",
        "stats.export_csv": "/staff/stats/export.csv", "stats.stylesheet": "/staff/stats/stats.css",
    }
    return urls[endpoint]


def test_every_protected_endpoint_is_in_the_matrix(app: Flask) -> None:
    protected = {rule.endpoint for rule in app.url_map.iter_rules()
                 if declared_permission(app.view_functions[rule.endpoint]) is not None}
    assert protected == set(EXPECTED)
    public = {rule.endpoint for rule in app.url_map.iter_rules()
              if is_public(app.view_functions[rule.endpoint])}
    assert all(not e.startswith(("admin.", "cases.", "auditdesk.")) for e in public)


def test_role_by_endpoint_matrix(app: Flask, world: dict[str, Any]) -> None:
    methods = {rule.endpoint: rule.methods or set() for rule in app.url_map.iter_rules()}
    failures = []
    for endpoint, allowed in EXPECTED.items():
        url = url_for_endpoint(endpoint, world)
        method = "GET" if "GET" in methods[endpoint] else "POST"
        for persona in PERSONAS:
            client = world["clients"][persona]
            response = client.open(url, method=method)
            code = response.status_code
            location = response.headers.get("Location", "")
            if persona == "anonymous":
                ok = code == 302 and location.endswith("/staff/login")
            elif persona in allowed:
                ok = code != 404 and not location.endswith("/staff/login")
                if endpoint == "cases.attachment":
                    ok = code == 404  # no such file: the 404 comes after the access check
            else:
                ok = code == 404
            if not ok:
                failures.append((endpoint, persona, code, location))
    assert failures == []


def test_hidden_case_answers_404_like_a_missing_one(world: dict[str, Any]) -> None:
    client = world["clients"]["other_network"]
    hidden = client.get(f"/staff/cases/{world['case'].public_id}")
    missing = client.get("/staff/cases/00000000-0000-0000-0000-000000000000")
    assert hidden.status_code == missing.status_code == 404
    hidden_page = hidden.get_data(as_text=True).replace(world["case"].public_id, "ID")
    missing_page = missing.get_data(as_text=True).replace("00000000-0000-0000-0000-000000000000",
                                                          "ID")
    assert hidden_page == missing_page


def test_admin_has_no_case_permission_and_holds_no_case_key(session: Session,
                                                            world: dict[str, Any]) -> None:
    case_permissions = {p for p in Permission if p.value.startswith("cases:")}
    assert not (ROLE_PERMISSIONS[GlobalRole.ADMIN] & case_permissions)
    admin = world["admin_user"]
    assert not can(admin, Permission.CASE_READ, world["case"])
    wraps = session.scalars(select(CaseKeyWrap).where(
        CaseKeyWrap.holder_kind == HolderKind.STAFF, CaseKeyWrap.holder_id == admin.id)).all()
    assert wraps == []


def test_admin_sets_a_networks_deadlines_and_retention(world: dict[str, Any],
                                                       session: Session) -> None:
    from networks.models import Network  # noqa: PLC0415
    from tests.helpers import csrf_token  # noqa: PLC0415

    client = world["clients"]["admin"]
    url = "/staff/admin/networks/senegal"
    data = {"name": "Senegal", "active": "y", "ack_days": "5", "feedback_days": "60",
            "urgent_triage_hours": "12", "keep_unfounded": "30", "keep_referred": "90",
            "keep_inconclusive": "200", "keep_action_taken": "1000", "keep_default": "400",
            "csrf_token": csrf_token(client, url)}
    assert client.post(url, data={**data, "ack_days": "30"}).status_code == 400  # > 7 days
    assert client.post(url, data=data).status_code == 303
    network = session.scalars(select(Network).where(Network.slug == "senegal")).one()
    session.refresh(network)
    assert (network.ack_days, network.feedback_days, network.urgent_triage_hours) == (5, 60, 12)
    assert network.retention_days["unfounded"] == 30

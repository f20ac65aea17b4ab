"""A new report reaches the right people and nobody else (DESIGN.md "People")."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from audit.actions import Action
from audit.models import AuditEvent
from cases import access
from cases.models import Case
from networks.models import Network, NetworkKind
from tests.factories import ensure_recovery_key, make_network
from tests.helpers import submit_report


@pytest.fixture
def org(session: Session, staff: Any) -> dict[str, Any]:
    world = make_network(session, slug="global", name="Global", kind=NetworkKind.GLOBAL)
    region = make_network(session, slug="africa", name="Africa", kind=NetworkKind.REGIONAL,
                          parent=world)
    nation = make_network(session, slug="senegal", name="Senegal", parent=region)
    ensure_recovery_key(session)
    people = {
        "fp1": staff(name="Fatou Diallo", networks=[nation])[0],
        "fp2": staff(name="Moussa Kane", networks=[nation])[0],
        "regional": staff(name="Rita Regional", networks=[region])[0],
        "global": staff(name="Gloria Global", networks=[world])[0],
        "lead": staff(name="Sara Safeguard", networks=[region], safeguarding=True)[0],
    }
    session.commit()
    return {"nation": nation, "region": region, **people}


def the_case(session: Session) -> Case:
    return session.scalars(select(Case)).one()


def holders(session: Session) -> set[str]:
    case = the_case(session)
    return {u.display_name for u in access.holders(session, case)}


def test_report_goes_to_the_focal_points_of_the_chosen_network(
    client: FlaskClient, session: Session, org: dict[str, Any]
) -> None:
    submit_report(client, network="senegal")
    assert holders(session) == {"Fatou Diallo", "Moussa Kane"}


def test_person_excluded_by_the_reporter_never_gets_the_key(
    client: FlaskClient, session: Session, org: dict[str, Any]
) -> None:
    submit_report(client, network="senegal", excluded_staff=[org["fp2"].public_id])
    assert holders(session) == {"Fatou Diallo"}


def test_named_staff_member_is_left_out(client: FlaskClient, session: Session,
                                        org: dict[str, Any]) -> None:
    submit_report(client, network="senegal", concerned_names="moussa KANE (coordinator)")
    assert "Moussa Kane" not in holders(session)


def test_concern_about_a_focal_point_escalates_to_the_region(
    client: FlaskClient, session: Session, org: dict[str, Any]
) -> None:
    submit_report(client, network="senegal", concerned_role="focal_point")
    assert holders(session) == {"Rita Regional", "Sara Safeguard"}
    event = session.scalars(select(AuditEvent).where(
        AuditEvent.action == Action.CASE_CREATED)).one()
    assert event.details["escalated_to"] == "africa"


def test_everyone_excluded_escalates_up_the_chain(client: FlaskClient, session: Session,
                                                  org: dict[str, Any]) -> None:
    submit_report(client, network="senegal",
                  excluded_staff=[org["fp1"].public_id, org["fp2"].public_id,
                                  org["regional"].public_id, org["lead"].public_id])
    assert holders(session) == {"Gloria Global"}


def test_urgent_report_is_sealed_to_the_safeguarding_lead(
    client: FlaskClient, session: Session, org: dict[str, Any]
) -> None:
    submit_report(client, network="senegal", child_involved="yes",
                  what_happened="The coach keeps messaging a 14-year-old boy at night.")
    case = the_case(session)
    assert case.urgent
    assert holders(session) == {"Fatou Diallo", "Moussa Kane", "Sara Safeguard"}


def test_creation_event_names_no_content(client: FlaskClient, session: Session,
                                         org: dict[str, Any]) -> None:
    marker = "ZEBRA-MARKER-4411"
    submit_report(client, network="senegal", what_happened=f"words {marker}",
                  concerned_names=f"Name {marker}")
    for event in session.scalars(select(AuditEvent)):
        assert marker.encode() not in event.body
        assert marker not in str(event.details)


def test_network_without_focal_points_falls_back_to_its_parent(
    client: FlaskClient, session: Session, org: dict[str, Any]
) -> None:
    empty = Network(slug="haiti", name="Haiti", kind=NetworkKind.NATIONAL, parent=org["region"])
    session.add(empty)
    session.commit()
    submit_report(client, network="haiti")
    assert holders(session) == {"Rita Regional", "Sara Safeguard"}

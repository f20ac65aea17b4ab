"""Guessing or swapping object references answers 404, exactly like a missing page.

Every reference a URL carries: case public ids, note ids, attachment ids, user ids in the
admin pages, one-time link tokens; tried by the wrong person, on the wrong case, or made up.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.models import GlobalRole
from cases.models import Attachment, Author, CaseNote
from crypto import new_data_key
from networks.models import Network
from reporting import services as rs
from tests.factories import make_case, make_network

CASE_POSTS = ["action/acknowledge", "triage", "messages", "notes", "roles", "handover",
              "conflict", "hold", "purge"]


def any_token(client: FlaskClient) -> str:
    page = client.get("/staff/account/password").get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert found
    return found.group(1)


def with_attachment(session: Session, case: Any, key: Any) -> Attachment:
    import io  # noqa: PLC0415

    rs.store_attachments(session, case, key, [rs.Upload("a.txt", "text/plain",
                                                        io.BytesIO(b"secret file"))],
                         author=Author.REPORTER)
    return session.scalars(select(Attachment).where(Attachment.case_id == case.id)).one()


def test_object_references_of_someone_elses_case_answer_404(
        ready: Session, staff: Any, login: Any, client: FlaskClient) -> None:
    senegal = ready.scalars(select(Network)).one()
    other = make_network(ready, slug="rdc", name="RDC national network")
    mine, mine_secret = staff(networks=[senegal], name="Awa Diop")
    theirs, theirs_secret = staff(networks=[other], name="Jean Kabila")
    case_a, key_a = make_case(ready, network=senegal, holders=[mine], text="marker-A")
    case_b, key_b = make_case(ready, network=other, holders=[theirs], text="marker-B")
    file_a = with_attachment(ready, case_a, key_a)
    file_b = with_attachment(ready, case_b, key_b)
    ready.commit()
    me = login(mine, mine_secret)
    them = login(theirs, theirs_secret)
    # A note of mine on case A, through the page.
    page = me.get(f"/staff/cases/{case_a.public_id}").get_data(as_text=True)
    form = re.search(r'action="/staff/cases/[^"]+/notes".*?</form>', page, re.DOTALL)
    assert form
    fields = dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', form.group(0)))
    for name in re.findall(r'<textarea[^>]*name="([^"]+)"', form.group(0)):
        fields[name] = "note-A"
    me.post(f"/staff/cases/{case_a.public_id}/notes", data=fields)
    ready.expire_all()
    note_a = ready.scalars(select(CaseNote).where(CaseNote.case_id == case_a.id)).one()

    token = any_token(them)
    base = f"/staff/cases/{case_a.public_id}"
    for path in (base, f"{base}/identity", f"{base}/attachments/{file_a.public_id}"):
        response = them.get(path)
        assert response.status_code == 404, path
        assert "marker-A" not in response.get_data(as_text=True)
    for suffix in [*CASE_POSTS, f"notes/{note_a.public_id}"]:
        response = them.post(f"{base}/{suffix}", data={
            "csrf_token": token, "text": "x", "body": "x", "person": theirs.public_id,
            "note-csrf_token": token, "note-body": "x"})
        assert response.status_code == 404, suffix

    # The right person, the wrong pairing: case B's file or note through case A's page.
    assert me.get(f"{base}/attachments/{file_b.public_id}").status_code == 404
    token = any_token(me)
    fake_note = str(uuid.uuid4())
    assert me.post(f"{base}/notes/{fake_note}", data={
        "csrf_token": token, "body": "x", "note-csrf_token": token, "note-body": "x"}
                   ).status_code == 404
    # Made-up references.
    for made_up in (str(uuid.uuid4()), "1", "../..", "%00", "' OR 1=1 --"):
        assert me.get(f"/staff/cases/{made_up}").status_code == 404, made_up
    assert me.get(f"{base}/attachments/{uuid.uuid4()}").status_code == 404
    # Nobody logged in: the login page, never the case.
    anonymous = client.get(base)
    assert anonymous.status_code in (302, 303, 404)
    assert "marker-A" not in anonymous.get_data(as_text=True)
    assert new_data_key()  # keys were never shared between the two cases


def test_admin_and_auditor_references_answer_404(ready: Session, staff: Any,
                                                 login: Any, client: FlaskClient) -> None:
    senegal = ready.scalars(select(Network)).one()
    focal, focal_secret = staff(networks=[senegal], name="Awa Diop")
    admin, admin_secret = staff(role=GlobalRole.ADMIN, name="Ada Admin")
    auditor, auditor_secret = staff(role=GlobalRole.AUDITOR, name="Aud Itor")
    case, _key = make_case(ready, network=senegal, holders=[focal])
    ready.commit()
    as_focal = login(focal, focal_secret)
    for path in ("/staff/admin/users", f"/staff/admin/users/{admin.public_id}",
                 "/staff/admin/networks"):
        assert as_focal.get(path).status_code == 404, path
    as_admin = login(admin, admin_secret)
    assert as_admin.get(f"/staff/admin/users/{uuid.uuid4()}").status_code == 404
    assert as_admin.get(f"/staff/admin/users/{admin.public_id}").status_code == 200
    assert as_admin.get(f"/staff/cases/{case.public_id}").status_code == 404
    as_auditor = login(auditor, auditor_secret)
    assert as_auditor.get(f"/staff/audit/closed/{case.public_id}").status_code == 404
    assert as_auditor.get(f"/staff/cases/{case.public_id}").status_code == 404
    for token in ("0" * 64, "zz", str(uuid.uuid4()), "a" * 500):
        assert client.get(f"/staff/welcome/{token}").status_code == 404, token

"""Issue 10, points 1 and 2 against a real hub (SQLite and PostgreSQL): ids are never handed out
twice, a deleted user leaves nothing behind, and nobody can give more rights than they hold."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from tests.server.conftest import bearer, register
from tests.server.media import png_bytes
from whitephone.server import migrate
from whitephone.server.db import (
    attachments,
    audit_log,
    change_log,
    contact_requests,
    messages,
    open_engine,
    records,
    reminders,
    sip_contacts,
    tokens,
    users,
)

pytestmark = pytest.mark.timeout(120)
PNG = png_bytes()  # a real image: the hub checks an upload's structure, not only its magic


def _add(client, admin, email, permissions=()):
    r = client.post("/api/v1/users", headers=bearer(admin),
                    json={"name": email.split("@")[0], "email": email, "password": "password123",
                          "permissions": list(permissions)})
    assert r.status_code == 201, r.text
    tok = client.post("/api/v1/login", json={"email": email, "password": "password123"}).json()
    return r.json()["id"], tok


def _wait_for(fn, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if got := fn():
            return got
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


# --- point 1: ids -------------------------------------------------------------------------------

def test_deleted_newest_users_inbox_is_not_readable_by_the_next_user_of_another_company(client):
    a = register(client, "A", "admin@a.test")
    x_id, _ = _add(client, a, "x@a.test")  # the newest user
    assert client.post("/api/v1/messages", headers=bearer(a), json={"to": x_id, "body": "confidential"}
                       ).status_code == 201
    assert client.delete(f"/api/v1/users/{x_id}", headers=bearer(a)).status_code == 204
    b = register(client, "B", "y@b.test")
    y = client.get("/api/v1/me", headers=bearer(b)).json()
    assert y["id"] != x_id
    assert client.get("/api/v1/messages", headers=bearer(b)).json() == []


def test_pending_reminder_of_a_deleted_user_is_not_delivered_to_the_next_user(client):
    a = register(client, "A", "admin@a.test")
    a_id = client.get("/api/v1/me", headers=bearer(a)).json()["id"]
    x_id, _ = _add(client, a, "x@a.test")
    due = time.time() + 1.5
    assert client.post("/api/v1/reminders", headers=bearer(a), json={"to": x_id, "body": "secret plan",
                                                                      "due": due}).status_code == 201
    assert client.delete(f"/api/v1/users/{x_id}", headers=bearer(a)).status_code == 204
    b = register(client, "B", "y@b.test")
    # a control reminder due at the same time: once it arrives, the other one would have too
    client.post("/api/v1/reminders", headers=bearer(a), json={"to": a_id, "body": "control", "due": due})
    _wait_for(lambda: client.get("/api/v1/messages", headers=bearer(a)).json(), "the control reminder")
    assert client.get("/api/v1/messages", headers=bearer(b)).json() == []
    assert client.get("/api/v1/reminders", headers=bearer(b)).json() == []


def test_deleting_the_newest_message_does_not_make_a_cursor_skip_the_next(client):
    a = register(client, "A", "admin@a.test")
    bob_id, bob = _add(client, a, "bob@a.test")
    client.post("/api/v1/messages", headers=bearer(a), json={"to": bob_id, "body": "one"})
    newest = client.post("/api/v1/messages", headers=bearer(a), json={"to": bob_id, "body": "two"}).json()
    cursor = newest["id"]  # what bob's client has seen
    assert client.delete(f"/api/v1/messages/{cursor}", headers=bearer(bob)).status_code == 204
    nxt = client.post("/api/v1/messages", headers=bearer(a), json={"to": bob_id, "body": "three"}).json()
    assert nxt["id"] > cursor
    assert [m["body"] for m in client.get(f"/api/v1/messages?after={cursor}", headers=bearer(bob)).json()
            ] == ["three"]


def test_deleting_a_user_removes_what_was_theirs_in_the_same_transaction(client, hub, tmp_path):
    a = register(client, "A", "admin@a.test")
    a_id = client.get("/api/v1/me", headers=bearer(a)).json()["id"]
    x_id, x = _add(client, a, "x@a.test")
    other = register(client, "B", "o@b.test")
    o_id = client.get("/api/v1/me", headers=bearer(other)).json()["id"]
    req = client.post("/api/v1/contact-requests", headers=bearer(x), json={"to": o_id}).json()
    client.post(f"/api/v1/contact-requests/{req['id']}/accept", headers=bearer(other))
    client.post("/api/v1/messages", headers=bearer(a), json={"to": x_id, "body": "for x"})
    client.post("/api/v1/reminders", headers=bearer(x), json={"to": a_id, "body": "x's", "due": time.time() + 3600})
    loose = client.post("/api/v1/attachments", headers=bearer(x), json={"length": len(PNG)}).json()
    client.patch(f"/api/v1/attachments/{loose['id']}", headers={**bearer(x), "Upload-Offset": "0"}, content=PNG)
    sent = client.post("/api/v1/attachments", headers=bearer(x), json={"length": len(PNG)}).json()
    client.patch(f"/api/v1/attachments/{sent['id']}", headers={**bearer(x), "Upload-Offset": "0"}, content=PNG)
    assert client.post("/api/v1/messages", headers=bearer(x), json={"to": a_id, "body": "pic",
                                                                    "attachments": [sent["id"]]}).status_code == 201
    book = {"mutation_id": uuid.uuid4().hex, "entity": "address_book", "id": "xbook", "op": "upsert",
            "fields": {"name": "mine", "private": True}}
    assert client.post("/api/v1/sync/mutations", headers=bearer(x), json={"mutations": [book]}
                       ).json()[0]["status"] == "applied"
    engine = hub.app.state.engine
    with engine.begin() as conn:
        conn.execute(sa.insert(sip_contacts).values(user_id=x_id, origin="o", uri="sip:x@h", seen=time.time()))

    assert client.delete(f"/api/v1/users/{x_id}", headers=bearer(a)).status_code == 204
    with engine.connect() as conn:
        def count(table, *where):
            return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar()
        assert count(users, users.c.id == x_id) == 0
        assert count(messages, messages.c.recipient_id == x_id) == 0
        assert count(reminders, sa.or_(reminders.c.sender_id == x_id, reminders.c.recipient_id == x_id)) == 0
        assert count(contact_requests, sa.or_(contact_requests.c.from_id == x_id,
                                              contact_requests.c.to_id == x_id)) == 0
        assert count(sip_contacts, sip_contacts.c.user_id == x_id) == 0
        assert count(tokens, tokens.c.user_id == x_id) == 0
        assert count(records, records.c.owner_id == x_id) == 0
        assert count(change_log, change_log.c.owner_id == x_id) == 0
        # the upload no message carries is gone, file and all; the one a's inbox holds stays a's to read
        assert count(attachments, attachments.c.id == loose["id"]) == 0
        files = tmp_path / "attachments" / str(client.get("/api/v1/me", headers=bearer(a)).json()["company_id"])
        assert not (files / str(loose["id"])).exists() and (files / str(sent["id"])).exists()
    got = client.get(f"/api/v1/attachments/{sent['id']}/content", headers=bearer(a))
    assert got.status_code == 200 and got.content == PNG
    assert [m["body"] for m in client.get("/api/v1/messages", headers=bearer(a)).json()] == ["pic"]


def test_migration_keeps_ids_of_a_0004_database_and_continues_above_the_old_max(db_url):
    from alembic import command

    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
            cid = conn.execute(sa.text("INSERT INTO companies (name, created) VALUES ('Old', 1.0) RETURNING id")
                               ).scalar()
            ids = [conn.execute(sa.text(
                "INSERT INTO users (company_id, email, name, password_hash, is_admin, permissions, disabled, hidden)"
                " VALUES (:c, :e, 'n', 'h', false, '[]', false, false) RETURNING id"), {"c": cid, "e": f"u{i}@o.test"}
            ).scalar() for i in range(3)]
            mids = [conn.execute(sa.text(
                "INSERT INTO messages (company_id, sender_id, recipient_id, kind, body, created, read)"
                " VALUES (:c, :s, :r, 'text', :b, 1.0, false) RETURNING id"),
                {"c": cid, "s": ids[0], "r": ids[1], "b": f"m{i}"}).scalar() for i in range(3)]
        engine.dispose()
        engine = open_engine(db_url)  # migrates to head
        with engine.begin() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert conn.execute(sa.select(users.c.id).order_by(users.c.id)).scalars().all() == ids
            assert [tuple(r) for r in conn.execute(sa.select(messages.c.id, messages.c.body).order_by(messages.c.id))
                    ] == [(m, f"m{i}") for i, m in enumerate(mids)]
            conn.execute(sa.delete(messages).where(messages.c.id == mids[-1]))  # the newest goes
            new = conn.execute(sa.insert(messages).values(company_id=cid, sender_id=ids[0], recipient_id=ids[1],
                                                          kind="text", body="new", created=2.0, read=False)
                               ).inserted_primary_key[0]
            assert new > mids[-1]
            conn.execute(sa.delete(users).where(users.c.id == ids[-1]))
            uid = conn.execute(sa.insert(users).values(
                company_id=cid, email="new@o.test", name="n", password_hash="h", is_admin=False, permissions=[],
                disabled=False, hidden=False)).inserted_primary_key[0]
            assert uid > ids[-1]
    finally:
        engine.dispose()


# --- point 2: privilege -------------------------------------------------------------------------

def _audit(hub, action):
    with hub.app.state.engine.connect() as conn:
        return [dict(r.detail, actor=r.actor_id) for r in conn.execute(
            sa.select(audit_log).where(audit_log.c.action == action).order_by(audit_log.c.id))]


def test_a_user_grants_only_permissions_they_hold(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    hr_id, hr = _add(client, admin, "hr@acme.test", ["users", "pstn"])
    r = client.post("/api/v1/users", headers=bearer(hr), json={
        "name": "Evil", "email": "evil@acme.test", "password": "password123",
        "permissions": ["users", "company", "crm_admin"]})
    assert r.status_code == 403 and "company" in r.json()["detail"]
    assert client.post("/api/v1/login", json={"email": "evil@acme.test", "password": "password123"}
                       ).status_code == 401
    r = client.post("/api/v1/users", headers=bearer(hr), json={
        "name": "Ok", "email": "ok@acme.test", "password": "password123", "permissions": ["pstn"]})
    assert r.status_code == 201 and r.json()["permissions"] == ["pstn"]
    assert _audit(hub, "add_user")[-1] == {"user_id": r.json()["id"], "email": "ok@acme.test",
                                           "permissions": ["pstn"], "actor": hr_id}


def test_only_an_admin_may_disable_enable_or_delete_an_admin(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    admin_id = client.get("/api/v1/me", headers=bearer(admin)).json()["id"]
    _, hr = _add(client, admin, "hr@acme.test", ["users"])
    for path in (f"/api/v1/users/{admin_id}/disable", f"/api/v1/users/{admin_id}/enable"):
        r = client.post(path, headers=bearer(hr))
        assert r.status_code == 403 and "admin" in r.json()["detail"]
    assert client.delete(f"/api/v1/users/{admin_id}", headers=bearer(hr)).status_code == 403
    assert client.get("/api/v1/me", headers=bearer(admin)).json()["disabled"] is False
    assert _audit(hub, "disable_user") == [] and _audit(hub, "remove_user") == []


def test_the_last_enabled_admin_cannot_be_disabled(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    admin_id = client.get("/api/v1/me", headers=bearer(admin)).json()["id"]
    r = client.post(f"/api/v1/users/{admin_id}/disable", headers=bearer(admin))
    assert r.status_code == 409 and "last enabled admin" in r.json()["detail"]
    assert client.get("/api/v1/me", headers=bearer(admin)).status_code == 200


def test_two_admins_disabling_each_other_at_once_leave_one_enabled(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    a_id = client.get("/api/v1/me", headers=bearer(admin)).json()["id"]
    b_id, _ = _add(client, admin, "b@acme.test")
    with hub.app.state.engine.begin() as conn:  # the API has no route that makes a second admin
        conn.execute(sa.update(users).where(users.c.id == b_id).values(is_admin=True))
    b = client.post("/api/v1/login", json={"email": "b@acme.test", "password": "password123"}).json()
    codes = []

    def disable(tok, target):
        codes.append(client.post(f"/api/v1/users/{target}/disable", headers=bearer(tok)).status_code)

    for _ in range(3):  # a few rounds, re-enabling in between, to give the race its chances
        threads = [threading.Thread(target=disable, args=(admin, b_id)),
                   threading.Thread(target=disable, args=(b, a_id))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with hub.app.state.engine.connect() as conn:
            enabled = conn.execute(sa.select(sa.func.count()).select_from(users).where(
                users.c.is_admin.is_(True), users.c.disabled.is_(False))).scalar()
        assert enabled >= 1
        with hub.app.state.engine.begin() as conn:
            conn.execute(sa.update(users).values(disabled=False))
        admin = client.post("/api/v1/login", json={"email": "a@acme.test", "password": "password123"}).json()
        b = client.post("/api/v1/login", json={"email": "b@acme.test", "password": "password123"}).json()
    assert set(codes) <= {200, 401, 409}


def test_a_disabled_user_is_enabled_again_and_every_change_is_audited(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    admin_id = client.get("/api/v1/me", headers=bearer(admin)).json()["id"]
    bea_id, _ = _add(client, admin, "bea@acme.test")
    assert client.post(f"/api/v1/users/{bea_id}/disable", headers=bearer(admin)).json()["disabled"] is True
    assert client.post("/api/v1/login", json={"email": "bea@acme.test", "password": "password123"}
                       ).status_code == 403  # disabled (told only to who knows the password)
    r = client.post(f"/api/v1/users/{bea_id}/enable", headers=bearer(admin))
    assert r.status_code == 200 and r.json()["disabled"] is False
    assert client.post("/api/v1/login", json={"email": "bea@acme.test", "password": "password123"}
                       ).status_code == 200
    assert client.post("/api/v1/users/999999/enable", headers=bearer(admin)).status_code == 404
    assert client.delete(f"/api/v1/users/{bea_id}", headers=bearer(admin)).status_code == 204
    for action in ("disable_user", "enable_user", "remove_user"):
        assert _audit(hub, action) == [{"user_id": bea_id, "email": "bea@acme.test", "actor": admin_id}]

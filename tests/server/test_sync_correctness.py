"""Issue 10 point 5: sync correctness against a real hub on SQLite and PostgreSQL. A purged row
is not resurrected, a cursor from the future is refused, mutation ids are per company, hub-owned
fields stay the hub's, append-only rows stay as written, and a conflict reaches every client of the
user whose change lost (in their change feed), not only the device that pushed."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.server.conftest import bearer, register
from whitephone.server.resync import purge_tombstones

pytestmark = pytest.mark.timeout(120)


def _mut(entity, rid, fields, base=0, op="upsert", mutation_id=None):
    return {"mutation_id": mutation_id or str(uuid.uuid4()), "entity": entity, "id": rid, "op": op,
            "fields": fields, "base_version": base}


def _push(client, tok, *muts):
    r = client.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": list(muts)})
    assert r.status_code == 200, r.text
    return r.json()


def _feed(client, tok, since=0):
    r = client.get("/api/v1/sync/changes", params={"since": since}, headers=bearer(tok))
    assert r.status_code == 200, r.text
    return r.json()


def _colleague(client, admin, name):
    email = f"{name}@acme.test"
    r = client.post("/api/v1/users", headers=bearer(admin), json={"name": name, "email": email,
                                                                  "password": "password123"})
    assert r.status_code == 201, r.text
    return client.post("/api/v1/login", json={"email": email, "password": "password123"}).json()


def test_an_old_edit_does_not_resurrect_a_purged_row(client, hub):
    admin = register(client, "Acme", "boss@acme.test")
    v1 = _push(client, admin, _mut("contact", "c", {"display_name": "Ann"}))[0]["version"]
    _push(client, admin, _mut("contact", "c", {}, op="delete"))
    assert purge_tombstones(hub.app.state.engine, time.time() + 1) == 1
    late = _push(client, admin, _mut("contact", "c", {"notes": "offline edit"}, base=v1))[0]
    assert late["status"] == "rejected" and late["reason"] == "deleted"
    assert _feed(client, admin)["changes"] == []
    assert client.get("/api/v1/sync/snapshot", headers=bearer(admin)).json()["records"] == []
    # a new row (base 0) with that id is still welcome
    assert _push(client, admin, _mut("contact", "c", {"display_name": "New"}))[0]["status"] == "applied"


def test_a_cursor_from_the_future_must_resync(client):
    admin = register(client, "Acme", "boss@acme.test")
    _push(client, admin, _mut("contact", "c", {"display_name": "Ann"}))
    head = _feed(client, admin)["next"]
    assert _feed(client, admin, head)["changes"] == []
    r = client.get("/api/v1/sync/changes", params={"since": 10**9}, headers=bearer(admin))
    assert r.status_code == 409, r.text
    assert r.json()["detail"]["code"] == "resync_required"


def test_mutation_ids_are_scoped_per_company(client):
    a = register(client, "A", "a@a.test")
    b = register(client, "B", "b@b.test")
    mid = "same-mutation-id-0001"
    assert _push(client, a, _mut("contact", "x", {"display_name": "A"}, mutation_id=mid))[0]["status"] == "applied"
    assert _push(client, b, _mut("contact", "x", {"display_name": "B"}, mutation_id=mid))[0]["status"] == "applied"
    assert _push(client, a, _mut("contact", "x", {"display_name": "A"}, mutation_id=mid))[0]["status"] == "duplicate"
    assert _feed(client, b)["changes"][0]["fields"] == {"display_name": "B"}
    # inside one company another user cannot reuse it
    a2 = _colleague(client, a, "a2")
    assert _push(client, a2, _mut("contact", "y", {}, mutation_id=mid))[0]["reason"] == "mutation_id in use"


def admin_id(client, tok) -> int:
    return client.get("/api/v1/me", headers=bearer(tok)).json()["id"]


def test_clients_cannot_write_hub_owned_fields(client):
    admin = register(client, "Acme", "boss@acme.test")
    v = _push(client, admin, _mut("crm_record", "t", {"title": "T", "task_number": 999}))[0]["version"]
    _push(client, admin, _mut("crm_record", "t", {"title": "T2", "task_number": 5, "owner_id": 7}, base=v))
    fields = next(c for c in _feed(client, admin)["changes"] if c["id"] == "t")["fields"]
    assert fields == {"title": "T2", "task_number": 1, "owner_id": admin_id(client, admin), "owner_name": "boss"}


def test_append_only_rows_cannot_be_changed(client):
    admin = register(client, "Acme", "boss@acme.test")
    _push(client, admin, _mut("crm_record", "t", {"title": "T"}))
    v = _push(client, admin, _mut("crm_note", "n", {"record": "t", "body": "said yes"}))[0]["version"]
    edit = _push(client, admin, _mut("crm_note", "n", {"body": "said no"}, base=v))[0]
    assert edit["status"] == "rejected" and "append-only" in edit["reason"]
    assert _push(client, admin, _mut("crm_note", "n", {"body": "said yes"}, base=v))[0]["status"] == "applied"
    assert next(c for c in _feed(client, admin)["changes"] if c["id"] == "n")["fields"]["body"] == "said yes"
    # a note is not deleted on its own (append-only, issue 13 review #5): it goes with its record
    gone = _push(client, admin, _mut("crm_note", "n", {}, op="delete", base=v))[0]
    assert gone["status"] == "rejected" and "append-only" in gone["reason"]
    assert _push(client, admin, _mut("crm_record", "t", {}, op="delete"))[0]["status"] == "applied"
    assert next(c for c in _feed(client, admin)["changes"] if c["id"] == "n")["deleted"] is True


def test_a_field_conflict_reaches_the_other_devices_of_its_author(client):
    admin = register(client, "Acme", "boss@acme.test")
    bob_laptop = _colleague(client, admin, "bob")
    bob_phone = client.post("/api/v1/login", json={"email": "bob@acme.test", "password": "password123"}).json()
    v = _push(client, admin, _mut("contact", "c", {"display_name": "Ann"}))[0]["version"]
    _push(client, admin, _mut("contact", "c", {"display_name": "Anne"}, base=v))
    lost = _mut("contact", "c", {"display_name": "Annie"}, base=v)
    assert _push(client, bob_laptop, lost)[0]["status"] == "conflict"
    feed = _feed(client, bob_phone)
    assert [(c["id"], c["mutation_id"], c["reason"]) for c in feed["conflicts"]] == [("c", lost["mutation_id"], "conflict")]
    assert feed["conflicts"][0]["fields"] == {"display_name": {"local": "Annie", "server": "Anne"}}
    assert feed["next"] >= feed["conflicts"][0]["seq"]
    # the winner has nothing to repair, but is told which value lost to theirs (shown on both sides)
    assert [(c["id"], c["mutation_id"], c["reason"], c["fields"]) for c in _feed(client, admin)["conflicts"]] == [
        ("c", None, "kept", {"display_name": {"local": "Annie", "server": "Anne"}})]
    assert _feed(client, bob_phone, feed["next"])["conflicts"] == []  # seen once per cursor


def test_a_delete_reaches_the_authors_of_the_edits_it_overrode(client):
    admin = register(client, "Acme", "boss@acme.test")
    bob = _colleague(client, admin, "bob")
    cat = _colleague(client, admin, "cat")
    v = _push(client, admin, _mut("contact", "c", {"display_name": "Ann"}))[0]["version"]
    assert _push(client, bob, _mut("contact", "c", {"notes": "call back Monday"}, base=v))[0]["status"] == "applied"
    # cat deletes from the state she saw (before bob's edit): delete wins, bob's edit is lost
    assert _push(client, cat, _mut("contact", "c", {}, op="delete", base=v))[0]["status"] == "applied"
    conflicts = _feed(client, bob)["conflicts"]
    assert [(c["id"], c["reason"]) for c in conflicts] == [("c", "deleted")]
    assert conflicts[0]["fields"] == {"notes": {"local": "call back Monday", "server": None}}
    assert _feed(client, cat)["conflicts"] == [] and _feed(client, admin)["conflicts"] == []


def test_the_authors_other_devices_are_told_to_pull_a_lost_change(client, hub):
    import json

    from websockets.sync.client import connect

    admin = register(client, "Acme", "boss@acme.test")
    bob_laptop = _colleague(client, admin, "bob")
    bob_phone = client.post("/api/v1/login", json={"email": "bob@acme.test", "password": "password123"}).json()
    v = _push(client, admin, _mut("contact", "c", {"display_name": "Ann"}))[0]["version"]
    _push(client, admin, _mut("contact", "c", {"display_name": "Anne"}, base=v))
    cursor = _feed(client, bob_phone)["next"]
    url = f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={bob_phone['access_token']}"
    with connect(url, open_timeout=10, compression=None) as conn:
        assert json.loads(conn.recv(timeout=10))["type"] == "hello"
        # the losing push changes no row (nothing new in `changes`), yet the phone must pull
        assert _push(client, bob_laptop, _mut("contact", "c", {"display_name": "Annie"}, base=v))[0]["status"] == "conflict"
        while (event := json.loads(conn.recv(timeout=10)))["type"] != "changed":
            pass
    assert event["seq"] > cursor
    assert [c["reason"] for c in _feed(client, bob_phone, cursor)["conflicts"]] == ["conflict"]


def test_migration_0006_gives_the_applied_mutations_their_company(db_url):
    import sqlalchemy as sa
    from alembic import command

    from whitephone.server import migrate
    from whitephone.server.db import open_engine

    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:  # a hub from before: mutation ids unique across companies
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
            conn.exec_driver_sql("INSERT INTO companies (id, name, created) VALUES (7, 'Old', 1.0)")
            conn.exec_driver_sql("INSERT INTO users (id, company_id, email, name, password_hash, is_admin, "
                                 "permissions, disabled, hidden) VALUES (3, 7, 'o@o.test', 'o', 'x', true, '[]', "
                                 "false, false)")
            conn.exec_driver_sql("INSERT INTO applied_mutations (mutation_id, user_id, result) VALUES "
                                 "('old-mutation-1', 3, '{\"mutation_id\": \"old-mutation-1\", \"status\": \"applied\"}')")
        engine.dispose()
        engine = open_engine(db_url)
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT company_id, mutation_id, user_id FROM applied_mutations").one()
        assert tuple(row) == (7, "old-mutation-1", 3)
    finally:
        engine.dispose()

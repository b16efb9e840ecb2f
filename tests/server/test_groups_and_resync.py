"""Call groups, call-group visibility of synced rows, tombstone purge and the forced full resync,
against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.server.conftest import bearer, register
from whitephone.server.resync import purge_tombstones

pytestmark = pytest.mark.timeout(120)


def _mut(entity, rid, fields, base=0, op="upsert"):
    return {"mutation_id": str(uuid.uuid4()), "entity": entity, "id": rid, "op": op, "fields": fields,
            "base_version": base}


def _push(client, tok, *muts):
    r = client.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": list(muts)})
    assert r.status_code == 200, r.text
    return r.json()


def _pull(client, tok, since=0):
    """The whole feed after `since`: ({id: change}, next cursor)."""
    out, more = {}, True
    while more:
        r = client.get("/api/v1/sync/changes", params={"since": since, "limit": 2}, headers=bearer(tok))
        assert r.status_code == 200, r.text
        feed = r.json()
        out.update({c["id"]: c for c in feed["changes"] if c["entity"] != "crm_change"})  # history rows aside
        since, more = feed["next"], feed["more"]
    return out, since


def _snapshot(client, tok):
    """A full resync: every visible live row, and the head to continue the feed from."""
    rows, after, head = {}, None, None
    while True:
        params = {"limit": 2} | ({"after": after} if after else {})
        page = client.get("/api/v1/sync/snapshot", params=params, headers=bearer(tok)).json()
        head = page["head"] if head is None else head  # the first page's head
        rows.update({c["id"]: c for c in page["records"] if c["entity"] != "crm_change"})
        after = page["after"]
        if not page["more"]:
            return rows, head


def _team(client):
    admin = register(client, "Acme", "a@acme.test")
    ids = {}
    for name in ("bob", "cat"):
        ids[name] = client.post("/api/v1/users", headers=bearer(admin), json={
            "name": name, "email": f"{name}@acme.test", "password": "password123"}).json()["id"]
    login = {n: client.post("/api/v1/login", json={"email": f"{n}@acme.test", "password": "password123"}).json()
             for n in ids}
    return admin, login["bob"], login["cat"], ids


def test_call_groups_need_crm_admin_and_are_managed(client):
    admin, bob, cat, ids = _team(client)
    assert client.post("/api/v1/groups", headers=bearer(bob), json={"name": "Sales"}).status_code == 403
    g = client.post("/api/v1/groups", headers=bearer(admin), json={"name": "Sales", "members": [ids["bob"]]})
    assert g.status_code == 201 and g.json()["members"] == [ids["bob"]]
    gid = g.json()["id"]
    assert client.post("/api/v1/groups", headers=bearer(admin), json={"name": "Sales"}).status_code == 409
    assert client.post("/api/v1/groups", headers=bearer(admin), json={"name": "  "}).status_code == 422
    assert client.post("/api/v1/groups", headers=bearer(admin), json={"name": "X", "members": [999999]}).status_code == 404
    r = client.patch(f"/api/v1/groups/{gid}", headers=bearer(admin), json={"name": "Sales UK"})
    assert r.json()["name"] == "Sales UK"
    r = client.post(f"/api/v1/groups/{gid}/members", headers=bearer(admin), json={"user_id": ids["cat"]})
    assert r.json()["members"] == sorted([ids["bob"], ids["cat"]])
    assert client.post(f"/api/v1/groups/{gid}/members", headers=bearer(cat), json={"user_id": ids["cat"]}).status_code == 403
    r = client.delete(f"/api/v1/groups/{gid}/members/{ids['bob']}", headers=bearer(admin))
    assert r.json()["members"] == [ids["cat"]]
    assert client.delete(f"/api/v1/groups/{gid}/members/{ids['bob']}", headers=bearer(admin)).status_code == 404
    # any colleague may list the groups (the "Opened As" choice); a crm_admin user may manage them
    assert [g["name"] for g in client.get("/api/v1/groups", headers=bearer(bob)).json()] == ["Sales UK"]
    dan = client.post("/api/v1/users", headers=bearer(admin), json={
        "name": "dan", "email": "dan@acme.test", "password": "password123", "permissions": ["crm_admin"]})
    assert dan.status_code == 201
    dan_t = client.post("/api/v1/login", json={"email": "dan@acme.test", "password": "password123"}).json()
    assert client.delete(f"/api/v1/groups/{gid}", headers=bearer(dan_t)).status_code == 204
    assert client.get(f"/api/v1/groups/{gid}", headers=bearer(admin)).status_code == 404


def test_group_rows_are_seen_by_members_only_and_membership_changes_force_a_resync(client):
    admin, bob, cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin),
                      json={"name": "Sales", "members": [ids["bob"]]}).json()["id"]
    # only members may file a row into the group
    rej = _push(client, cat, _mut("crm_record", "x", {"title": "no", "group_id": gid}))[0]
    assert rej["status"] == "rejected" and "group" in rej["reason"]
    assert _push(client, bob, _mut("crm_record", "bad", {"group_id": "Sales"}))[0]["status"] == "rejected"
    _push(client, bob, _mut("crm_record", "lead", {"title": "Big lead", "group_id": gid}),
          _mut("crm_record", "open", {"title": "Everyone"}))
    bob_rows, _ = _pull(client, bob)
    cat_rows, cat_cursor = _pull(client, cat)
    assert set(bob_rows) == {"lead", "open"} and set(cat_rows) == {"open"}
    assert _push(client, cat, _mut("crm_record", "lead", {"title": "mine"}))[0]["reason"] == "not found"
    assert "lead" not in _snapshot(client, cat)[0]
    # Cat joins: her cursor cannot bring her the group's older rows, so the hub asks for a resync
    client.post(f"/api/v1/groups/{gid}/members", headers=bearer(admin), json={"user_id": ids["cat"]})
    r = client.get("/api/v1/sync/changes", params={"since": cat_cursor}, headers=bearer(cat))
    assert r.status_code == 409 and r.json()["detail"]["code"] == "resync_required"
    rows, head = _snapshot(client, cat)
    assert set(rows) == {"lead", "open"}
    assert client.get("/api/v1/sync/changes", params={"since": head}, headers=bearer(cat)).status_code == 200
    # Bob leaves: his copy of the group's rows must go, so he too must resync
    _, bob_cursor = _pull(client, bob)
    client.delete(f"/api/v1/groups/{gid}/members/{ids['bob']}", headers=bearer(admin))
    assert client.get("/api/v1/sync/changes", params={"since": bob_cursor}, headers=bearer(bob)).status_code == 409
    assert set(_snapshot(client, bob)[0]) == {"open"}
    # a group with live rows cannot be deleted; moving a row out of sight resyncs those who lose it
    assert client.delete(f"/api/v1/groups/{gid}", headers=bearer(admin)).status_code == 409
    _, bob_cursor = _pull(client, bob)
    moved = _push(client, cat, _mut("crm_record", "open", {"group_id": gid}, base=rows["open"]["seq"]))[0]
    assert moved["status"] == "applied"
    assert client.get("/api/v1/sync/changes", params={"since": bob_cursor}, headers=bearer(bob)).status_code == 409
    assert _snapshot(client, bob)[0] == {}


def test_expired_tombstones_are_purged_and_old_cursors_must_resync(client, hub):
    admin, bob, _cat, _ids = _team(client)
    _push(client, admin, _mut("contact", "keep", {"display_name": "K"}), _mut("contact", "gone", {"display_name": "G"}),
          _mut("crm_record", "t1", {"title": "1"}))
    _, old_cursor = _pull(client, bob)
    _push(client, admin, _mut("contact", "gone", {}, op="delete"), _mut("crm_record", "t1", {}, op="delete"))
    changes, fresh_cursor = _pull(client, bob, old_cursor)
    assert changes["gone"]["deleted"] and changes["t1"]["deleted"]
    # within the retention window nothing is purged
    assert purge_tombstones(hub.app.state.engine, time.time() - 3600) == 0
    assert purge_tombstones(hub.app.state.engine, time.time() + 1) == 3  # with the record's history row
    r = client.get("/api/v1/sync/changes", params={"since": old_cursor}, headers=bearer(bob))
    assert r.status_code == 409
    detail = r.json()["detail"]
    assert detail["code"] == "resync_required" and "purged" in detail["reason"]
    # a cursor that saw the tombstones goes on as before; a full pull from 0 works too
    assert client.get("/api/v1/sync/changes", params={"since": fresh_cursor}, headers=bearer(bob)).status_code == 200
    rows, head = _snapshot(client, bob)
    assert set(rows) == {"keep"} and head >= fresh_cursor
    assert set(_pull(client, bob, 0)[0]) == {"keep"}
    # task numbers never come round again after their rows are purged
    _push(client, admin, _mut("crm_record", "t2", {"title": "2"}))
    assert _pull(client, bob, head)[0]["t2"]["fields"]["task_number"] == 2


def test_joining_a_group_hints_the_member_to_pull(client, hub):
    import json

    from websockets.sync.client import connect

    admin, _bob, cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin), json={"name": "G"}).json()["id"]
    _push(client, admin, _mut("contact", "c", {"display_name": "C"}))
    _, cursor = _pull(client, cat)
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={cat['access_token']}", compression=None) as conn:
        assert json.loads(conn.recv(timeout=10))["type"] == "hello"
        client.post(f"/api/v1/groups/{gid}/members", headers=bearer(admin), json={"user_id": ids["cat"]})
        while (ev := json.loads(conn.recv(timeout=10)))["type"] != "changed":
            pass
    assert ev["seq"] > cursor
    assert client.get("/api/v1/sync/changes", params={"since": cursor}, headers=bearer(cat)).status_code == 409


def test_a_removed_user_leaves_no_memberships_behind(client):
    admin, _bob, _cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin),
                      json={"name": "G", "members": [ids["bob"], ids["cat"]]}).json()["id"]
    mid = client.post("/api/v1/markets", headers=bearer(admin), json={"name": "M"}).json()["id"]
    cat = client.post("/api/v1/login", json={"email": "cat@acme.test", "password": "password123"}).json()
    client.post(f"/api/v1/markets/{mid}/join", headers=bearer(cat))
    assert client.delete(f"/api/v1/users/{ids['cat']}", headers=bearer(admin)).status_code == 204
    assert client.get(f"/api/v1/groups/{gid}", headers=bearer(admin)).json()["members"] == [ids["bob"]]
    assert client.get("/api/v1/markets", headers=bearer(admin)).json()[0]["members"] == 0


def test_snapshot_rejects_a_bad_cursor(client):
    t = register(client, "Acme", "s@acme.test")
    for after in ("nonsense", "planet:1", "contact:"):
        r = client.get("/api/v1/sync/snapshot", params={"after": after}, headers=bearer(t))
        assert r.status_code == 400 and r.json()["detail"]
    assert client.get("/api/v1/sync/snapshot", params={"limit": 0}, headers=bearer(t)).status_code == 422


def test_the_last_member_of_a_group_with_rows_stays_until_the_rows_go(client):
    admin, bob, _cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin),
                      json={"name": "Sales", "members": [ids["bob"]]}).json()["id"]
    v = _push(client, bob, _mut("contact", "gc", {"display_name": "group only", "group_id": gid}))[0]["version"]
    r = client.delete(f"/api/v1/groups/{gid}/members/{ids['bob']}", headers=bearer(admin))
    assert r.status_code == 409 and "last member" in r.json()["detail"]
    assert client.get(f"/api/v1/groups/{gid}", headers=bearer(admin)).json()["members"] == [ids["bob"]]
    assert "gc" in _pull(client, bob)[0]  # Bob still sees (and can move) the row
    assert _push(client, bob, _mut("contact", "gc", {"group_id": None}, base=v))[0]["status"] == "applied"
    assert client.delete(f"/api/v1/groups/{gid}/members/{ids['bob']}", headers=bearer(admin)).status_code == 200
    assert client.delete(f"/api/v1/groups/{gid}", headers=bearer(admin)).status_code == 204

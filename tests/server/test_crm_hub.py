"""CRM on a real hub (SQLite and PostgreSQL): record types and their admin routes, task numbers,
notes refused on closed records, call-group visibility on every route and in the feed, history of
changes, reminders of records delivered as reminder messages."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)


def _mut(entity, rid, fields, base=0, op="upsert"):
    return {"mutation_id": str(uuid.uuid4()), "entity": entity, "id": rid, "op": op, "fields": fields,
            "base_version": base}


def _push(client, tok, *muts):
    r = client.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": list(muts)})
    assert r.status_code == 200, r.text
    return r.json()


def _feed(client, tok):
    out, since, more = {}, 0, True
    while more:
        feed = client.get("/api/v1/sync/changes", params={"since": since, "limit": 500}, headers=bearer(tok)).json()
        out.update({c["id"]: c for c in feed["changes"]})
        since, more = feed["next"], feed["more"]
    return out


def _team(client):
    admin = register(client, "Acme", "a@acme.test")
    ids = {}
    for name in ("bob", "cat"):
        ids[name] = client.post("/api/v1/users", headers=bearer(admin), json={
            "name": name, "email": f"{name}@acme.test", "password": "password123"}).json()["id"]
    login = {n: client.post("/api/v1/login", json={"email": f"{n}@acme.test", "password": "password123"}).json()
             for n in ids}
    return admin, login["bob"], login["cat"], ids


def _record(**extra):
    return {"subject": "Boiler broken", "type": "Support", "priority": "high", "status": "open",
            "number": "+4930123456", **extra}


def test_types_start_with_the_defaults_and_crm_admins_manage_them(client):
    admin, bob, _cat, ids = _team(client)
    assert client.get("/api/v1/crm/types", headers=bearer(bob)).json()["types"] == [
        "Sales enquiry", "Support", "Complaint", "Follow-up"]
    assert client.post("/api/v1/crm/types", headers=bearer(bob), json={"name": "Repair"}).status_code == 403
    assert client.put("/api/v1/crm/types", headers=bearer(bob), json={"types": ["X"]}).status_code == 403
    r = client.post("/api/v1/crm/types", headers=bearer(admin), json={"name": "Repair"})
    assert r.status_code == 201 and r.json()["types"][-1] == "Repair"
    assert client.post("/api/v1/crm/types", headers=bearer(admin), json={"name": "repair"}).status_code == 400
    assert client.put("/api/v1/crm/types", headers=bearer(admin), json={"types": []}).status_code == 422
    assert client.put("/api/v1/crm/types", headers=bearer(admin), json={"types": [" "]}).status_code == 400
    assert client.delete("/api/v1/crm/types/Nope", headers=bearer(admin)).status_code == 404
    assert client.delete("/api/v1/crm/types/Complaint", headers=bearer(admin)).json()["types"] == [
        "Sales enquiry", "Support", "Follow-up", "Repair"]
    # a user given crm_admin may manage them too
    client.put(f"/api/v1/users/{ids['bob']}/permissions", headers=bearer(admin), json={"permissions": ["crm_admin"]})
    assert client.put("/api/v1/crm/types", headers=bearer(bob), json={"types": ["Only"]}).json()["types"] == ["Only"]
    assert client.delete("/api/v1/crm/types/Only", headers=bearer(bob)).status_code == 400
    other = register(client, "Other", "o@other.test")  # another company keeps its own list
    assert client.get("/api/v1/crm/types", headers=bearer(other)).json()["types"][0] == "Sales enquiry"


def test_task_numbers_owner_history_and_closed_records_take_no_notes(client):
    admin, bob, _cat, ids = _team(client)
    res = _push(client, bob, _mut("crm_record", "r1", _record(owner_id=ids["cat"])),
                _mut("crm_record", "r2", _record(subject="Second")))
    feed = _feed(client, admin)
    assert (feed["r1"]["fields"]["task_number"], feed["r2"]["fields"]["task_number"]) == (1, 2)
    assert (feed["r1"]["fields"]["owner_id"], feed["r1"]["fields"]["owner_name"]) == (ids["bob"], "bob")
    assert _push(client, admin, _mut("crm_note", "n1", {"record": "r1", "body": "called", "author_id": 1}))[0][
        "status"] == "applied"
    _push(client, bob, _mut("crm_record", "r1", {"status": "closed"}, base=res[0]["version"]))
    late = _push(client, admin, _mut("crm_note", "n2", {"record": "r1", "body": "too late"}))[0]
    assert late["status"] == "rejected" and "task 1 is closed" in late["reason"]
    assert _push(client, admin, _mut("crm_note", "n3", {"record": "nope", "body": "x"}))[0]["reason"] == \
        "no such CRM record"
    assert "rejected" == _push(client, admin, _mut("crm_change", "h1", {"record": "r1", "field": "x"}))[0]["status"]
    shown = client.get("/api/v1/crm/records/1", headers=bearer(admin)).json()
    assert [n["body"] for n in shown["notes"]] == ["called"] and shown["notes"][0]["author_name"] == "a"
    assert [(h["field"], h["old"], h["new"], h["author_name"]) for h in shown["history"]] == [
        ("created", None, "Boiler broken", "bob"), ("status", "open", "closed", "bob")]
    assert client.get("/api/v1/crm/records/r1", headers=bearer(admin)).json()["task_number"] == 1
    for key in ("99", "9" * 40, "²"):
        assert client.get(f"/api/v1/crm/records/{key}", headers=bearer(admin)).status_code == 404
    assert client.get("/api/v1/crm/records", params={"status": "maybe"}, headers=bearer(admin)).status_code == 400
    assert [r["id"] for r in client.get("/api/v1/crm/records", params={"status": "open"},
                                        headers=bearer(admin)).json()] == ["r2"]


def test_group_records_are_seen_by_members_only_on_every_route(client):
    admin, bob, cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin), json={"name": "Sales", "members": [ids["bob"]]}).json()["id"]
    assert _push(client, cat, _mut("crm_record", "x", _record(group_id=gid)))[0]["reason"].startswith("no such call group")
    v = _push(client, bob, _mut("crm_record", "g1", _record(group_id=gid)))[0]["version"]
    _push(client, bob, _mut("crm_note", "gn", {"record": "g1", "body": "inside"}),
          _mut("crm_note", "pn", {"record": "g1", "body": "mine only", "private": True}),
          _mut("crm_record", "g1", {"priority": "low"}, base=v))
    cat_feed, bob_feed = _feed(client, cat), _feed(client, bob)
    assert not {"g1", "gn", "pn"} & set(cat_feed)
    assert not any(c["entity"] == "crm_change" for c in cat_feed.values())
    assert {"g1", "gn", "pn"} <= set(bob_feed)
    assert client.get("/api/v1/crm/records/1", headers=bearer(cat)).status_code == 404
    assert client.get("/api/v1/crm/records/g1", headers=bearer(cat)).status_code == 404
    assert client.get("/api/v1/crm/records", headers=bearer(cat)).json() == []
    snap = client.get("/api/v1/sync/snapshot", params={"limit": 1000}, headers=bearer(cat)).json()
    assert not {"g1", "gn", "pn"} & {r["id"] for r in snap["records"]}
    # a colleague outside the group cannot write to it either
    assert _push(client, cat, _mut("crm_record", "g1", {"status": "closed"}, base=v))[0]["reason"] == "not found"
    assert _push(client, cat, _mut("crm_note", "cn", {"record": "g1", "body": "x"}))[0]["reason"] == "no such CRM record"
    # the admin is no member either; the private note stays its author's even inside the group
    client.post(f"/api/v1/groups/{gid}/members", headers=bearer(admin), json={"user_id": ids["cat"]})
    cat = client.post("/api/v1/login", json={"email": "cat@acme.test", "password": "password123"}).json()
    shown = client.get("/api/v1/crm/records/g1", headers=bearer(cat)).json()
    assert [n["body"] for n in shown["notes"]] == ["inside"]
    assert [(h["field"], h["new"]) for h in shown["history"]][-1] == ("priority", "low")
    # moved to the whole company: notes and history follow it
    v = client.get("/api/v1/crm/records/g1", headers=bearer(bob)).json()
    _push(client, bob, _mut("crm_record", "g1", {"group_id": None}, base=_feed(client, bob)["g1"]["seq"]))
    shown = client.get("/api/v1/crm/records/g1", headers=bearer(admin)).json()
    assert [n["body"] for n in shown["notes"]] == ["inside"] and shown["history"][-1]["field"] == "group_id"
    assert v["group_id"] == gid


def _wait_for(fn, what, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if got := fn():
            return got
        time.sleep(0.1)
    raise AssertionError(f"no {what} within {timeout}s")


def test_a_record_reminder_becomes_a_reminder_message_with_no_app_running(client):
    _admin, bob, _cat, _ids = _team(client)
    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    v = _push(client, bob, _mut("crm_record", "r", _record(remind_at=later)))[0]["version"]
    assert [r["body"] for r in client.get("/api/v1/reminders", headers=bearer(bob)).json()] == [
        "Reminder: task 1: Boiler broken"]
    _push(client, bob, _mut("crm_record", "r", {"remind_at": soon}, base=v))  # replaces the first
    assert len(client.get("/api/v1/reminders", headers=bearer(bob)).json()) == 1
    # nobody is connected: the hub delivers it as a message found in the backlog
    msgs = _wait_for(lambda: [m for m in client.get("/api/v1/messages", headers=bearer(bob)).json()
                              if m["kind"] == "reminder"], "reminder message")
    assert msgs[0]["body"] == "Reminder: task 1: Boiler broken"
    assert msgs[0]["link"] == "crm_record:r"  # the Messages tab opens the record from it
    # closing a record drops its pending reminder
    v2 = _push(client, bob, _mut("crm_record", "s", _record(subject="Other", remind_at=later)))[0]["version"]
    _push(client, bob, _mut("crm_record", "s", {"status": "closed"}, base=v2))
    assert client.get("/api/v1/reminders", headers=bearer(bob)).json() == []

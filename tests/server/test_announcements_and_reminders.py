"""Markets and announcements, reminders delivered at their due time (also offline and across a
restart), and devices' SIP contacts, against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time

import httpx
import pytest
import sqlalchemy as sa
from websockets.sync.client import connect

from tests.server.conftest import RunningHub, bearer, register
from whitephone.server.db import reminders

pytestmark = pytest.mark.timeout(120)


def ws(hub, tokens, since=0):
    return connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={tokens['access_token']}&since_message={since}",
                   open_timeout=10, compression=None)


def recv_type(conn, kind, timeout=20):
    while True:
        event = json.loads(conn.recv(timeout=timeout))
        if event["type"] == kind:
            return event


def _team(client, perms=()):
    admin = register(client, "Acme", "a@acme.test")
    ids, toks = {}, {}
    for name in ("bob", "cat"):
        ids[name] = client.post("/api/v1/users", headers=bearer(admin), json={
            "name": name, "email": f"{name}@acme.test", "password": "password123",
            "permissions": list(perms) if name == "bob" else []}).json()["id"]
        toks[name] = client.post("/api/v1/login", json={"email": f"{name}@acme.test",
                                                        "password": "password123"}).json()
    return admin, toks, ids


def _wait_for(predicate, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return result


def test_markets_join_leave_and_announcements_reach_members_live_and_in_the_inbox(client, hub):
    admin, t, ids = _team(client, perms=["announcements"])
    assert client.post("/api/v1/markets", headers=bearer(t["cat"]), json={"name": "Retail"}).status_code == 403
    m = client.post("/api/v1/markets", headers=bearer(t["bob"]), json={"name": "Retail"})
    assert m.status_code == 201 and m.json() == {"id": m.json()["id"], "name": "Retail", "members": 0, "joined": False}
    mid = m.json()["id"]
    assert client.post("/api/v1/markets", headers=bearer(admin), json={"name": "Retail"}).status_code == 409
    assert client.post(f"/api/v1/markets/{mid}/join", headers=bearer(t["cat"])).json()["joined"] is True
    assert client.post(f"/api/v1/markets/{mid}/join", headers=bearer(t["cat"])).json()["members"] == 1
    listed = client.get("/api/v1/markets", headers=bearer(t["cat"])).json()
    assert listed == [{"id": mid, "name": "Retail", "members": 1, "joined": True}]
    # Cat (in the market) is online; Bob posts to the market, then to the whole company
    with ws(hub, t["cat"]) as cat_ws:
        recv_type(cat_ws, "hello")
        assert client.post("/api/v1/announcements", headers=bearer(t["cat"]), json={"body": "x"}).status_code == 403
        r = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={"body": "Sale!", "market_id": mid})
        assert r.status_code == 201 and r.json()["recipients"] == 1
        live = recv_type(cat_ws, "message")["message"]
        assert (live["kind"], live["body"], live["market_id"]) == ("announcement", "Sale!", mid)
        r = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={"body": "Office closed"})
        assert r.json()["recipients"] == 2  # admin and Cat; not the sender
        assert recv_type(cat_ws, "message")["message"]["body"] == "Office closed"
    # retrievable like messages: the inbox, the backlog after a cursor, read and delete
    inbox = client.get("/api/v1/messages", headers=bearer(t["cat"])).json()
    assert [(m["body"], m["market_id"]) for m in inbox] == [("Sale!", mid), ("Office closed", None)]
    assert [m["body"] for m in client.get("/api/v1/messages", headers=bearer(admin)).json()] == ["Office closed"]
    with ws(hub, t["cat"], since=inbox[0]["id"]) as cat_ws:
        recv_type(cat_ws, "hello")
        assert recv_type(cat_ws, "message")["message"]["body"] == "Office closed"
    assert client.post(f"/api/v1/messages/{inbox[0]['id']}/read", headers=bearer(t["cat"])).status_code == 204
    # after leaving, market announcements no longer arrive
    assert client.post(f"/api/v1/markets/{mid}/leave", headers=bearer(t["cat"])).json()["joined"] is False
    r = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={"body": "again", "market_id": mid})
    assert r.json()["recipients"] == 0
    assert client.post("/api/v1/announcements", headers=bearer(t["bob"]),
                       json={"body": "x", "market_id": 999999}).status_code == 404
    assert client.delete(f"/api/v1/markets/{mid}", headers=bearer(t["cat"])).status_code == 403
    assert client.delete(f"/api/v1/markets/{mid}", headers=bearer(t["bob"])).status_code == 204
    assert client.get("/api/v1/markets", headers=bearer(t["cat"])).json() == []


def test_reminder_is_delivered_at_its_due_time_live_and_to_an_offline_recipient(client, hub):
    admin, t, ids = _team(client)
    bad = client.post("/api/v1/reminders", headers=bearer(admin), json={"to": ids["bob"], "body": "x", "due": "soon"})
    assert bad.status_code == 422
    assert client.post("/api/v1/reminders", headers=bearer(admin),
                       json={"to": 999999, "body": "x", "due": time.time()}).status_code == 404
    with ws(hub, t["bob"]) as bob_ws:
        hello = recv_type(bob_ws, "hello")
        assert hello["type"] == "hello"
        due = time.time() + 1.0
        r = client.post("/api/v1/reminders", headers=bearer(admin), json={"to": ids["bob"], "body": "call back",
                                                                           "due": due})
        assert r.status_code == 201 and r.json()["delivered"] is False
        pending = client.get("/api/v1/reminders", headers=bearer(t["bob"])).json()
        assert [p["body"] for p in pending] == ["call back"]
        # not in the inbox before it is due
        assert client.get("/api/v1/messages", headers=bearer(t["bob"])).json() == []
        msg = recv_type(bob_ws, "message")["message"]
        assert (msg["kind"], msg["body"]) == ("reminder", "call back")
        assert msg["created"] >= due  # stored at (not before) its due time
    # Cat is offline when hers falls due; it waits in her backlog
    client.post("/api/v1/reminders", headers=bearer(t["cat"]), json={"to": ids["cat"], "body": "standup",
                                                                      "due": time.time() + 0.5})
    _wait_for(lambda: client.get("/api/v1/messages", headers=bearer(t["cat"])).json(), "the reminder")
    with ws(hub, t["cat"]) as cat_ws:
        recv_type(cat_ws, "hello")
        got = recv_type(cat_ws, "message")["message"]
        assert (got["kind"], got["body"]) == ("reminder", "standup")
    assert client.get("/api/v1/reminders", headers=bearer(t["cat"])).json() == []
    # a pending reminder can be cancelled by its sender only
    far = client.post("/api/v1/reminders", headers=bearer(admin), json={"to": ids["bob"], "body": "later",
                                                                         "due": time.time() + 86400}).json()
    assert client.delete(f"/api/v1/reminders/{far['id']}", headers=bearer(t["bob"])).status_code == 404
    assert client.delete(f"/api/v1/reminders/{far['id']}", headers=bearer(admin)).status_code == 204
    assert len(client.get("/api/v1/messages", headers=bearer(t["bob"])).json()) == 1


def test_pending_reminders_survive_a_restart(db_url, tmp_path):
    first = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=first.base, timeout=20) as c:
            admin = register(c, "Acme", "r@acme.test")
            me = c.get("/api/v1/me", headers=bearer(admin)).json()["id"]
            r = c.post("/api/v1/reminders", headers=bearer(admin),
                       json={"to": me, "body": "after restart", "due": time.time() + 86400})
            assert r.status_code == 201
    finally:
        first.stop()
    # the hub was down when it fell due
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.update(reminders).values(due=time.time() - 60))
    engine.dispose()
    second = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=second.base, timeout=20) as c:
            got = _wait_for(lambda: c.get("/api/v1/messages", headers=bearer(admin)).json(), "the reminder")
            assert [(m["kind"], m["body"]) for m in got] == [("reminder", "after restart")]
    finally:
        second.stop()


def test_expired_tombstones_are_purged_by_the_background_task(db_url, tmp_path):
    first = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=first.base, timeout=20) as c:
            tok = register(c, "Acme", "p@acme.test")
            for op in ("upsert", "delete"):
                c.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": [
                    {"mutation_id": f"m-{op}-0001", "entity": "contact", "id": "c", "op": op,
                     "fields": {"display_name": "C"} if op == "upsert" else {}}]})
            c.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": [
                {"mutation_id": "m-keep-0001", "entity": "contact", "id": "k", "op": "upsert", "fields": {}}]})
    finally:
        first.stop()
    second = RunningHub(db_url, tmp_path, tombstone_retention=0.0)  # purges at start
    try:
        with httpx.Client(base_url=second.base, timeout=20) as c:
            r = _wait_for(lambda: (x := c.get("/api/v1/sync/changes", params={"since": 1}, headers=bearer(tok)))
                          .status_code == 409 and x, "the purge")
            assert r.json()["detail"]["code"] == "resync_required"
    finally:
        second.stop()


def test_online_devices_publish_sip_contacts_removed_on_disconnect(client, hub):
    admin, t, ids = _team(client)
    outsider = register(client, "Other", "o@other.test")
    url = f"/api/v1/users/{ids['bob']}/sip-contacts"
    with ws(hub, t["bob"]) as d1, ws(hub, t["bob"]) as d2:
        recv_type(d1, "hello")
        recv_type(d2, "hello")
        d1.send(json.dumps({"type": "sip_contact", "uri": "sip:bob@192.0.2.10:5060;transport=udp"}))
        d2.send(json.dumps({"type": "sip_contact", "uri": "sip:bob@198.51.100.7:5062"}))
        d2.send(json.dumps({"type": "sip_contact", "uri": "http://evil"}))
        assert "bad sip contact" in recv_type(d2, "error")["reason"]
        got = _wait_for(lambda: len(r := client.get(url, headers=bearer(admin)).json()) == 2 and r, "two contacts")
        assert sorted(c["uri"] for c in got) == ["sip:bob@192.0.2.10:5060;transport=udp", "sip:bob@198.51.100.7:5062"]
        # another company sees nothing, unless it is an accepted contact
        assert client.get(url, headers=bearer(outsider)).status_code == 404
        req = client.post("/api/v1/contact-requests", headers=bearer(outsider), json={"to": ids["bob"]}).json()
        client.post(f"/api/v1/contact-requests/{req['id']}/accept", headers=bearer(t["bob"]))
        assert len(client.get(url, headers=bearer(outsider)).json()) == 2
        # an invisible user hands out no contacts
        for d in (d1, d2):
            d.send(json.dumps({"type": "presence", "status": "invisible"}))
        _wait_for(lambda: client.get(url, headers=bearer(admin)).json() == [], "invisible")
        d1.send(json.dumps({"type": "presence", "status": "online"}))
        _wait_for(lambda: len(client.get(url, headers=bearer(admin)).json()) == 2, "visible again")
    # both sockets closed: nothing left
    _wait_for(lambda: client.get(url, headers=bearer(admin)).json() == [], "contacts removed")

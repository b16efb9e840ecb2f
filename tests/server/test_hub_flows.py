"""Accounts, users, directory, messages, presence and sync against a real hub (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid

import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)


def ws(hub, tokens, since=0):
    return connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={tokens['access_token']}&since_message={since}",
                   open_timeout=10, compression=None)


def recv_type(conn, kind, timeout=10):
    while True:
        event = json.loads(conn.recv(timeout=timeout))
        if event["type"] == kind:
            return event


def test_register_login_refresh_logout_and_password(client):
    t = register(client, "Acme", "boss@acme.test")
    me = client.get("/api/v1/me", headers=bearer(t)).json()
    assert me["is_admin"] and me["email"] == "boss@acme.test"
    assert client.post("/api/v1/login", json={"email": "boss@acme.test", "password": "nope"}).status_code == 401
    t2 = client.post("/api/v1/login", json={"email": "BOSS@acme.test", "password": "password123"}).json()
    t3 = client.post("/api/v1/refresh", json={"refresh_token": t2["refresh_token"]}).json()
    # a refresh token works once
    assert client.post("/api/v1/refresh", json={"refresh_token": t2["refresh_token"]}).status_code == 401
    r = client.post("/api/v1/password", headers=bearer(t3),
                    json={"old_password": "password123", "new_password": "better-pass-1"})
    assert r.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(t3)).status_code == 401  # change revokes sessions
    t4 = client.post("/api/v1/login", json={"email": "boss@acme.test", "password": "better-pass-1"}).json()
    assert client.post("/api/v1/logout", headers=bearer(t4)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(t4)).status_code == 401
    assert client.post("/api/v1/register", json={"company": "X", "name": "n", "email": "boss@acme.test",
                                                 "password": "password123"}).status_code == 409


def test_login_throttled_after_repeated_failures(client):
    register(client, "Acme", "t@acme.test")
    codes = [client.post("/api/v1/login", json={"email": "t@acme.test", "password": "bad"}).status_code
             for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    r = client.post("/api/v1/login", json={"email": "t@acme.test", "password": "password123"})
    assert r.status_code == 429


def test_user_admin_permissions_audit_and_mail(client, tmp_path):
    admin = register(client, "Acme", "a@acme.test")
    r = client.post("/api/v1/users", headers=bearer(admin),
                    json={"name": "Bea", "email": "bea@acme.test", "password": "password123"})
    assert r.status_code == 201, r.text
    bea_id = r.json()["id"]
    assert list((tmp_path / "outbox-mail").glob("*.eml"))
    bea = client.post("/api/v1/login", json={"email": "bea@acme.test", "password": "password123"}).json()
    # without the users permission Bea cannot add users
    r = client.post("/api/v1/users", headers=bearer(bea),
                    json={"name": "C", "email": "c@acme.test", "password": "password123"})
    assert r.status_code == 403
    assert client.post(f"/api/v1/users/{bea_id}/disable", headers=bearer(admin)).json()["disabled"]
    assert client.get("/api/v1/me", headers=bearer(bea)).status_code == 401
    assert client.delete(f"/api/v1/users/{bea_id}", headers=bearer(admin)).status_code == 204
    assert [u["email"] for u in client.get("/api/v1/users", headers=bearer(admin)).json()] == ["a@acme.test"]


def test_directory_search(client):
    a = register(client, "Acme", "anna@acme.test")
    register(client, "Other", "anton@other.test")
    found = client.get("/api/v1/directory", params={"q": "ant"}, headers=bearer(a)).json()
    assert [u["name"] for u in found] == ["anton"] and "email" not in found[0]  # another company's name card
    found = client.get("/api/v1/directory", params={"q": "an"}, headers=bearer(a)).json()
    assert {u["email"] for u in found} == {"anna@acme.test"}  # under 3 characters: the own company only
    assert client.get("/api/v1/directory", params={"q": ""}, headers=bearer(a)).status_code == 422


def test_sip_credentials_are_hmac_sha1_of_expiring_username(client):
    t = register(client, "Acme", "s@acme.test")
    c = client.get("/api/v1/sip/credentials", headers=bearer(t)).json()
    expect = base64.b64encode(hmac.new(b"s3cret-for-the-tests", c["username"].encode(), hashlib.sha1).digest()).decode()
    assert c["password"] == expect and c["username"].startswith(str(c["expires"]))
    assert c["domain"] is None  # no company registrar configured (hub --sip-domain)


def _two_users(client):
    admin = register(client, "Acme", "a@acme.test")
    r = client.post("/api/v1/users", headers=bearer(admin),
                    json={"name": "Bob", "email": "b@acme.test", "password": "password123"})
    bob = client.post("/api/v1/login", json={"email": "b@acme.test", "password": "password123"}).json()
    return admin, bob, r.json()["id"]


def test_messages_live_backlog_and_no_loss_across_reconnect(client, hub):
    admin, bob, bob_id = _two_users(client)
    with ws(hub, bob) as conn:
        recv_type(conn, "hello")
        client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": "hi 1"})
        first = recv_type(conn, "message")["message"]
    assert first["body"] == "hi 1"
    # sent while Bob is offline; he reconnects with his cursor and gets exactly the missing ones
    for i in range(2, 6):
        client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": f"hi {i}"})
    with ws(hub, bob, since=first["id"]) as conn:
        recv_type(conn, "hello")
        got = [recv_type(conn, "message")["message"]["body"] for _ in range(4)]
    assert got == ["hi 2", "hi 3", "hi 4", "hi 5"]
    listed = client.get("/api/v1/messages", headers=bearer(bob)).json()
    assert [m["body"] for m in listed] == [f"hi {i}" for i in range(1, 6)]
    assert client.post(f"/api/v1/messages/{first['id']}/read", headers=bearer(bob)).status_code == 204
    assert client.get("/api/v1/messages", headers=bearer(bob)).json()[0]["read"] is True
    assert client.delete(f"/api/v1/messages/{first['id']}", headers=bearer(admin)).status_code == 404
    assert client.delete(f"/api/v1/messages/{first['id']}", headers=bearer(bob)).status_code == 204


def test_presence_combines_devices_and_invisible_is_offline(client, hub):
    admin, bob, bob_id = _two_users(client)
    with ws(hub, admin) as watcher:
        recv_type(watcher, "hello")
        with ws(hub, bob) as d1, ws(hub, bob) as d2:
            assert recv_type(watcher, "presence")["status"] == "online"
            d1.send(json.dumps({"type": "presence", "status": "busy", "note": "in a meeting"}))
            d2.send(json.dumps({"type": "presence", "status": "away"}))
            ev = recv_type(watcher, "presence")
            # the second device (away) keeps "online"... until it changes; busy outranks away
            assert ev["user_id"] == bob_id
            d1.send(json.dumps({"type": "presence", "status": "invisible"}))
            d2.send(json.dumps({"type": "presence", "status": "invisible"}))
            while ev["status"] != "offline":
                ev = recv_type(watcher, "presence")
            d1.send("not json")
            assert recv_type(d1, "error")["reason"]
        # last seen is set once the last device leaves (written off the event loop: poll briefly)
        deadline = time.monotonic() + 10
        while True:
            users = {u["id"]: u for u in client.get("/api/v1/users", headers=bearer(admin)).json()}
            if users[bob_id]["last_seen"] is not None or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert users[bob_id]["last_seen"] is not None


def _mut(entity, rid, fields, base=0, op="upsert"):
    return {"mutation_id": str(uuid.uuid4()), "entity": entity, "id": rid, "op": op, "fields": fields,
            "base_version": base}


def test_sync_idempotent_merge_conflict_delete_wins_and_feed(client, hub):
    admin, bob, _ = _two_users(client)
    m = _mut("contact", "c1", {"display_name": "Ann", "notes": "+441"})
    r1 = client.post("/api/v1/sync/mutations", headers=bearer(admin), json={"mutations": [m]}).json()[0]
    again = client.post("/api/v1/sync/mutations", headers=bearer(admin), json={"mutations": [m]}).json()[0]
    assert r1["status"] == "applied" and again["status"] == "duplicate" and again["version"] == r1["version"]
    v = r1["version"]
    # two edits from the same base: different fields merge, the same field conflicts (server kept)
    a = client.post("/api/v1/sync/mutations", headers=bearer(admin),
                    json={"mutations": [_mut("contact", "c1", {"display_name": "Anne"}, v)]}).json()[0]
    b = client.post("/api/v1/sync/mutations", headers=bearer(bob),
                    json={"mutations": [_mut("contact", "c1", {"notes": "+442"}, v)]}).json()[0]
    c = client.post("/api/v1/sync/mutations", headers=bearer(bob),
                    json={"mutations": [_mut("contact", "c1", {"display_name": "Annie"}, v)]}).json()[0]
    assert a["status"] == "applied" and b["status"] == "merged" and c["status"] == "conflict"
    assert c["conflict"]["display_name"] == {"local": "Annie", "server": "Anne"}
    feed = client.get("/api/v1/sync/changes", params={"since": 0}, headers=bearer(bob)).json()
    assert feed["changes"][0]["fields"] == {"display_name": "Anne", "notes": "+442"}
    # delete wins over a later edit
    client.post("/api/v1/sync/mutations", headers=bearer(admin),
                json={"mutations": [_mut("contact", "c1", {}, 0, op="delete")]})
    late = client.post("/api/v1/sync/mutations", headers=bearer(bob),
                       json={"mutations": [_mut("contact", "c1", {"display_name": "X"}, feed["next"])]}).json()[0]
    assert late["status"] == "rejected" and late["reason"] == "deleted"
    feed2 = client.get("/api/v1/sync/changes", params={"since": feed["next"]}, headers=bearer(bob)).json()
    assert feed2["changes"][0]["deleted"] is True
    # a private address book is its owner's alone
    client.post("/api/v1/sync/mutations", headers=bearer(admin),
                json={"mutations": [_mut("address_book", "pb", {"name": "mine", "private": True})]})
    ids = [ch["id"] for ch in client.get("/api/v1/sync/changes", headers=bearer(bob)).json()["changes"]]
    assert "pb" not in ids
    stolen = client.post("/api/v1/sync/mutations", headers=bearer(bob),
                         json={"mutations": [_mut("address_book", "pb", {"name": "ha"}, 0)]}).json()[0]
    assert stolen["status"] == "rejected"


def test_changed_hint_over_websocket(client, hub):
    admin, bob, _ = _two_users(client)
    with ws(hub, bob) as conn:
        recv_type(conn, "hello")
        r = client.post("/api/v1/sync/mutations", headers=bearer(admin),
                        json={"mutations": [_mut("crm_record", "r1", {"title": "T"})]}).json()[0]
        assert recv_type(conn, "changed")["seq"] == r["version"]


def test_concurrent_conflicting_mutations_keep_one_value_and_report_the_rest(client, hub):
    admin, bob, _ = _two_users(client)
    v = client.post("/api/v1/sync/mutations", headers=bearer(admin),
                    json={"mutations": [_mut("contact", "k", {"display_name": "0"})]}).json()[0]["version"]
    results = []

    def edit(tok, i):
        import httpx
        with httpx.Client(base_url=hub.base, timeout=30) as c:
            results.append(c.post("/api/v1/sync/mutations", headers=bearer(tok),
                                  json={"mutations": [_mut("contact", "k", {"display_name": str(i)}, v)]}).json()[0])

    threads = [threading.Thread(target=edit, args=(admin if i % 2 else bob, i)) for i in range(1, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r["status"] for r in results)
    assert statuses.count("applied") == 1 and statuses.count("conflict") == 7
    winner = next(r for r in results if r["status"] == "applied")
    feed = client.get("/api/v1/sync/changes", headers=bearer(admin)).json()["changes"]
    assert feed[0]["seq"] == winner["version"]


def test_crm_records_get_per_company_task_numbers(client, hub):
    a = register(client, "A", "a@a.test")
    b = register(client, "B", "b@b.test")
    for tok in (a, b):
        client.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": [
            _mut("crm_record", f"r{i}", {"title": str(i)}) for i in range(3)]})
    nums = [c["fields"]["task_number"] for c in client.get("/api/v1/sync/changes", headers=bearer(b)).json()["changes"]
            if c["entity"] == "crm_record"]  # the feed also carries each record's history (crm_change)
    assert nums == [1, 2, 3]

"""Company isolation over every route, and a bounded schemathesis run with no 5xx."""

from __future__ import annotations

import json
import uuid

import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register
from tests.server.media import png_bytes

pytestmark = pytest.mark.timeout(180)


def test_company_a_can_read_or_change_nothing_of_company_b(client, hub):
    a = register(client, "A", "a@a.test")
    b = register(client, "B", "b@b.test")
    bob = client.post("/api/v1/users", headers=bearer(b),
                      json={"name": "B2", "email": "b2@b.test", "password": "password123"}).json()
    client.post("/api/v1/sync/mutations", headers=bearer(b), json={"mutations": [
        {"mutation_id": str(uuid.uuid4()), "entity": "crm_record", "id": "secret", "op": "upsert",
         "fields": {"title": "B only"}}]})
    b2 = client.post("/api/v1/login", json={"email": "b2@b.test", "password": "password123"}).json()
    msg = client.post("/api/v1/messages", headers=bearer(b), json={"to": bob["id"], "body": "b secret"}).json()
    group = client.post("/api/v1/groups", headers=bearer(b), json={"name": "G", "members": [bob["id"]]}).json()
    market = client.post("/api/v1/markets", headers=bearer(b), json={"name": "M"}).json()
    client.post(f"/api/v1/markets/{market['id']}/join", headers=bearer(b2))
    client.post("/api/v1/announcements", headers=bearer(b), json={"body": "b news"})
    reminder = client.post("/api/v1/reminders", headers=bearer(b),
                           json={"to": bob["id"], "body": "b later", "due": 4e9}).json()
    png = png_bytes()
    done = client.post("/api/v1/attachments", headers=bearer(b), json={"length": len(png)}).json()
    client.patch(f"/api/v1/attachments/{done['id']}", headers={**bearer(b), "Upload-Offset": "0"}, content=png)
    client.post("/api/v1/messages", headers=bearer(b), json={"to": bob["id"], "body": "pic", "attachments": [done["id"]]})
    half = client.post("/api/v1/attachments", headers=bearer(b), json={"length": len(png)}).json()
    client.patch(f"/api/v1/attachments/{half['id']}", headers={**bearer(b), "Upload-Offset": "0"}, content=png[:50])
    client.put("/api/v1/company/attachment-limit", headers=bearer(b), json={"max_bytes": 1000})
    h = bearer(a)
    assert {u["email"] for u in client.get("/api/v1/users", headers=h).json()} == {"a@a.test"}
    assert client.post(f"/api/v1/users/{bob['id']}/disable", headers=h).status_code == 404
    assert client.delete(f"/api/v1/users/{bob['id']}", headers=h).status_code == 404
    assert client.post("/api/v1/messages", headers=h, json={"to": bob["id"], "body": "x"}).status_code == 404
    assert client.get("/api/v1/messages", headers=h).json() == []
    assert client.post(f"/api/v1/messages/{msg['id']}/read", headers=h).status_code == 404
    assert client.delete(f"/api/v1/messages/{msg['id']}", headers=h).status_code == 404
    assert client.get("/api/v1/sync/changes", headers=h).json()["changes"] == []
    assert client.get("/api/v1/sync/snapshot", headers=h).json()["records"] == []
    # call groups, markets, announcements, reminders and SIP contacts of B are out of reach
    g = f"/api/v1/groups/{group['id']}"
    assert client.get("/api/v1/groups", headers=h).json() == []
    assert client.get(g, headers=h).status_code == 404
    assert client.patch(g, headers=h, json={"name": "mine"}).status_code == 404
    assert client.post(f"{g}/members", headers=h, json={"user_id": bob["id"]}).status_code == 404
    assert client.delete(f"{g}/members/{bob['id']}", headers=h).status_code == 404
    assert client.delete(g, headers=h).status_code == 404
    mine = client.post("/api/v1/groups", headers=h, json={"name": "A", "members": [bob["id"]]})
    assert mine.status_code == 404  # B's user cannot be put in A's group
    a_group = client.post("/api/v1/groups", headers=h, json={"name": "A"}).json()
    assert client.post(f"/api/v1/groups/{a_group['id']}/members", headers=h,
                       json={"user_id": bob["id"]}).status_code == 404
    rej = client.post("/api/v1/sync/mutations", headers=h, json={"mutations": [
        {"mutation_id": str(uuid.uuid4()), "entity": "contact", "id": "g", "op": "upsert",
         "fields": {"group_id": group["id"]}}]}).json()[0]
    assert rej["status"] == "rejected"
    m = f"/api/v1/markets/{market['id']}"
    assert client.get("/api/v1/markets", headers=h).json() == []
    for path in (f"{m}/join", f"{m}/leave"):
        assert client.post(path, headers=h).status_code == 404
    assert client.delete(m, headers=h).status_code == 404
    assert client.post("/api/v1/announcements", headers=h,
                       json={"body": "x", "market_id": market["id"]}).status_code == 404
    assert client.post("/api/v1/announcements", headers=h, json={"body": "a news"}).json()["recipients"] == 0
    assert client.post("/api/v1/reminders", headers=h, json={"to": bob["id"], "body": "x", "due": 1}).status_code == 404
    assert client.get("/api/v1/reminders", headers=h).json() == []
    assert client.delete(f"/api/v1/reminders/{reminder['id']}", headers=h).status_code == 404
    assert client.get(f"/api/v1/users/{bob['id']}/sip-contacts", headers=h).status_code == 404
    # B's attachments, finished or half uploaded, cannot be read, resumed, deleted or sent
    for att in (done, half):
        at = f"/api/v1/attachments/{att['id']}"
        assert client.head(at, headers=h).status_code == 404
        assert client.get(at, headers=h).status_code == 404
        assert client.get(f"{at}/content", headers=h).status_code == 404
        assert client.patch(at, headers={**h, "Upload-Offset": "50"}, content=png[50:]).status_code == 404
        assert client.delete(at, headers=h).status_code == 404
        me_id = client.get("/api/v1/me", headers=h).json()["id"]
        assert client.post("/api/v1/messages", headers=h,
                           json={"to": me_id, "body": "x", "attachments": [att["id"]]}).status_code == 404
    assert client.get(f"/api/v1/attachments/{half['id']}", headers=bearer(b)).json()["offset"] == 50
    assert client.get("/api/v1/company/attachment-limit", headers=h).json()["max_bytes"] != 1000
    assert client.post("/api/v1/attachments", headers=h, json={"length": 5000}).status_code == 201
    # the same record id in A is A's own row; B's row is untouched
    client.post("/api/v1/sync/mutations", headers=h, json={"mutations": [
        {"mutation_id": str(uuid.uuid4()), "entity": "crm_record", "id": "secret", "op": "delete"}]})
    feed = client.get("/api/v1/sync/changes", headers=bearer(b)).json()["changes"]
    assert feed[0]["fields"]["title"] == "B only" and not feed[0]["deleted"]
    # directory: B's users only for searches of 3+ characters, by name, as name cards
    assert client.get("/api/v1/directory", params={"q": "b2"}, headers=h).json() == []
    assert client.get("/api/v1/directory", params={"q": "b.test"}, headers=h).json() == []
    # presence of B never reaches A
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={a['access_token']}", compression=None) as wa:
        hello = json.loads(wa.recv(timeout=10))
        with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={b2['access_token']}", compression=None) as wb:
            json.loads(wb.recv(timeout=10))
            wb.send(json.dumps({"type": "ping"}))
            wb.recv(timeout=10)
        wa.send(json.dumps({"type": "ping"}))
        assert json.loads(wa.recv(timeout=10))["type"] == "pong"  # no presence event queued before it
    assert hello["presence"] == []


def test_every_route_requires_a_token(client, hub):
    schema = client.get("/openapi.json").json()
    public = {"/api/v1/register", "/api/v1/login", "/api/v1/refresh", "/api/v1/password/forgot",
              "/api/v1/password/reset",
              "/api/v1/network"}  # the SIP domain and TURN/STUN addresses (no credentials), for the network test
    for path, ops in schema["paths"].items():
        if path in public:
            continue
        for method in ops:
            url = path
            for param in ("user_id", "message_id", "request_id", "group_id", "market_id", "reminder_id",
                          "attachment_id"):
                url = url.replace("{" + param + "}", "1")
            url = url.replace("{name}", "x").replace("{key}", "1")
            assert "{" not in url, path
            r = client.request(method.upper(), url, headers={"Authorization": "Bearer nope"})
            assert r.status_code in (401, 422), (method, path, r.status_code)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_schemathesis_finds_no_server_errors(hub, client):
    import schemathesis
    from hypothesis import HealthCheck, given, settings

    token = register(client, "Fuzz", "fuzz@f.test")["access_token"]
    schema = schemathesis.openapi.from_url(f"{hub.base}/openapi.json")
    failures = []
    for result in schema.get_all_operations():
        op = result.ok()

        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=op.as_strategy())
        def check(case):
            r = case.call(headers={"Authorization": f"Bearer {token}"}, timeout=20)
            if r.status_code >= 500:
                failures.append((case.operation.label, r.status_code, r.text[:200]))

        check()
    assert failures == []


def _deep(n: int):
    value: object = 1
    for _ in range(n):
        value = [value]
    return value


# Values a hostile client sends: lone surrogates, NUL, NaN/Infinity (written raw, as Python's json
# does), numbers beyond any column, deep nesting, long text.
HOSTILE = ["\ud800", "a\udfffb", "x\x00y", float("nan"), float("inf"), -float("inf"), 10**30, -(10**300),
           1e308, 2**63, _deep(300), {"k": _deep(200)}, "x" * 100_000, "", [], {}]


def _leaf_paths(value, path=()):
    """Every place in a JSON value a hostile value can go (the value itself included)."""
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaf_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            yield from _leaf_paths(v, (*path, i))


def _put(value, path, hostile):
    if not path:
        return hostile
    value = json.loads(json.dumps(value))
    target = value
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = hostile
    return value


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_schemathesis_signed_in_with_hostile_values_finds_no_server_errors(hub, client):
    """Every operation, signed in (a token from /login), with one hostile value put anywhere in
    the generated body (sync fields included): never a 5xx, and the hub still answers."""
    import httpx
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    register(client, "Fuzz", "fuzz@f.test")
    schema = schemathesis.openapi.from_url(f"{hub.base}/openapi.json")
    failures = []
    with httpx.Client(base_url=hub.base, timeout=20) as http:
        for result in schema.get_all_operations():
            op = result.ok()
            if op.method.upper() not in ("POST", "PUT", "PATCH") or op.path in (
                    "/api/v1/logout", "/api/v1/password", "/api/v1/users/{user_id}/disable"):
                continue  # (these end the session the others use)
            signed_in = http.post("/api/v1/login", json={"email": "fuzz@f.test", "password": "password123"})
            assert signed_in.status_code == 200, (op.path, signed_in.text)
            token = signed_in.json()["access_token"]

            @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            @given(case=op.as_strategy(), hostile=st.sampled_from(HOSTILE), data=st.data())
            def check(case, hostile, data):
                body = case.body if isinstance(case.body, dict | list) else {}
                if isinstance(body, dict) and isinstance(body.get("mutations"), list) and body["mutations"]:
                    body["mutations"][0]["fields"] = {"display_name": "x"}  # reach the entity checks too
                path = data.draw(st.sampled_from(list(_leaf_paths(body))))
                raw = json.dumps(_put(body, path, hostile))  # NaN/Infinity written raw, surrogates escaped
                r = http.request(case.method, case.formatted_path, params=case.query or None, content=raw,
                                 headers={"Authorization": f"Bearer {token}",  # noqa: B023 (called at once)
                                          "content-type": "application/json"})
                if r.status_code >= 500:
                    failures.append((case.operation.label, path, repr(hostile)[:40], r.status_code, r.text[:200]))

            check()
        # raw documents no generator makes: deeper than any parser allows, and bytes that are not UTF-8
        for raw in (b"[" * 100_000 + b"]" * 100_000, b'{"email": "\xed\xa0\x80@x.test"}'):
            r = http.post("/api/v1/login", content=raw, headers={"content-type": "application/json"})
            if r.status_code >= 500:
                failures.append(("raw", raw[:20], r.status_code))
    assert failures == []
    token = client.post("/api/v1/login", json={"email": "fuzz@f.test", "password": "password123"}).json()["access_token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200

"""Issue 10 point 4: hostile values (lone surrogates, NaN/Infinity, deep nesting, unknown or
oversized sync fields, binary WebSocket frames, bad tokens) get a 4xx or a close code with a
reason, never a 500, and never reach storage. Against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)

SURROGATE = '"\\ud800x"'  # a lone surrogate, as JSON text (json.dumps would write the same)


def _s(template: str) -> str:
    return template.replace("$S", SURROGATE)


def _raw(client, path, body: str, tok=None):
    headers = {"content-type": "application/json", **(bearer(tok) if tok else {})}
    return client.post(path, content=body.encode(), headers=headers)


def _assert_4xx_with_reason(r):
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert r.json()["detail"], r.text


@pytest.mark.parametrize("path,body", [
    ("/api/v1/login", _s('{"email": $S, "password": "x"}')),
    ("/api/v1/login", _s('{"email": "a@b.test", "password": $S}')),
    ("/api/v1/register", _s('{"company": $S, "name": "n", "email": "s@s.test", "password": "password123"}')),
    ("/api/v1/register", '{"company": "c", "name": "n", "email": "s@s.test", "password": "\\udfffaaaaaaaaa"}'),
    ("/api/v1/password/forgot", _s('{"email": $S}')),
    ("/api/v1/password/forgot", '{"email": "x\\udc00@b.test"}'),
    ("/api/v1/login", '{"email": "a@b.test", "password": NaN}'),
    ("/api/v1/register", '{"company": "c", "name": "n", "email": "i@i.test", "password": Infinity}'),
    ("/api/v1/login", "[" * 100_000 + "]" * 100_000),
])
def test_unauthenticated_routes_refuse_hostile_json(client, path, body):
    _assert_4xx_with_reason(_raw(client, path, body))
    assert client.get("/openapi.json").status_code == 200  # the hub lives on


def test_authenticated_routes_refuse_surrogates_and_nan_and_store_nothing(client):
    t = register(client, "Acme", "boss@acme.test")
    me = client.get("/api/v1/me", headers=bearer(t)).json()
    cases = [
        ("/api/v1/messages", _s('{"to": %ID, "body": $S}').replace("%ID", str(me["id"]))),
        ("/api/v1/messages", '{"to": NaN, "body": "x"}'),
        ("/api/v1/users", _s('{"name": $S, "email": "u@acme.test", "password": "password123"}')),
        ("/api/v1/sync/mutations", json.dumps({"mutations": [{
            "mutation_id": str(uuid.uuid4()), "entity": "contact", "id": "c", "op": "upsert",
            "fields": {"display_name": "PLACEHOLDER"}}]}).replace('"PLACEHOLDER"', SURROGATE)),
        ("/api/v1/sync/mutations", json.dumps({"mutations": [{
            "mutation_id": str(uuid.uuid4()), "entity": "call_log", "id": "c", "op": "upsert",
            "fields": {"duration": 1}}]}).replace(": 1}", ": Infinity}")),
    ]
    for path, body in cases:
        _assert_4xx_with_reason(_raw(client, path, body, t))
    assert client.get("/api/v1/messages", headers=bearer(t)).json() == []
    assert client.get("/api/v1/sync/changes", headers=bearer(t)).json()["changes"] == []
    assert [u["email"] for u in client.get("/api/v1/users", headers=bearer(t)).json()] == ["boss@acme.test"]


def _mut(fields, entity="contact", rid="c1"):
    return {"mutation_id": str(uuid.uuid4()), "entity": entity, "id": rid, "op": "upsert", "fields": fields}


def test_mutation_fields_are_checked_against_the_entity_declaration(client):
    t = register(client, "Acme", "boss@acme.test")
    deep: object = "x"
    for _ in range(300):
        deep = {"k": deep}
    bad = [
        {"colour": "red"},  # unknown field
        {"display_name": "x" * 5000},  # too long
        {"notes": deep},  # 300 deep
        {"phones": [{"number": "1", "kind": "work", "extra": [[[[1]]]]}]},
        {"tags": ["t"] * 1000},
        {"display_name": 12},
    ]
    results = client.post("/api/v1/sync/mutations", headers=bearer(t), json={"mutations": [
        _mut(f, rid=f"c{i}") for i, f in enumerate(bad)] + [_mut({"display_name": "Good"}, rid="ok")]}).json()
    assert [r["status"] for r in results] == ["rejected"] * len(bad) + ["applied"]
    assert all(r["reason"].startswith("invalid fields:") for r in results[:-1])
    assert "colour" in results[0]["reason"]
    # what is stored is only the good row, and the feed and snapshot still answer for everyone
    feed = client.get("/api/v1/sync/changes", headers=bearer(t))
    assert feed.status_code == 200 and [c["id"] for c in feed.json()["changes"]] == ["ok"]
    assert client.get("/api/v1/sync/snapshot", headers=bearer(t)).status_code == 200


def _ws_url(hub, token):
    return f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={token}"


def _closed(conn):
    with pytest.raises(ConnectionClosed) as info:
        while True:
            conn.recv(timeout=10)
    return info.value.rcvd


def test_websocket_bad_token_closes_with_4401(hub):
    with connect(_ws_url(hub, "nope"), open_timeout=10, compression=None) as conn:
        rcvd = _closed(conn)
    assert rcvd is not None and rcvd.code == 4401 and rcvd.reason


@pytest.mark.parametrize("frame,code", [
    (b"\x00\x01binary", 1003),
    ("[" * 100_000 + "]" * 100_000, 1007),
])
def test_websocket_hostile_frames_close_with_a_code_and_reason(client, hub, frame, code):
    t = register(client, "Acme", "boss@acme.test")
    with connect(_ws_url(hub, t["access_token"]), open_timeout=10, compression=None, max_size=None) as conn:
        assert json.loads(conn.recv(timeout=10))["type"] == "hello"
        conn.send(frame)
        rcvd = _closed(conn)
    assert rcvd is not None and rcvd.code == code and rcvd.reason


def test_websocket_surrogates_and_nan_get_an_error_and_the_socket_stays(client, hub):
    t = register(client, "Acme", "boss@acme.test")
    with connect(_ws_url(hub, t["access_token"]), open_timeout=10, compression=None) as conn:
        assert json.loads(conn.recv(timeout=10))["type"] == "hello"
        for text in (_s('{"type": "presence", "status": "away", "note": $S}'),
                     '{"type": "sip_contact", "uri": "sip:a\\ud800@b"}', '{"type": "ping", "x": NaN}'):
            conn.send(text)
            event = json.loads(conn.recv(timeout=10))
            assert event["type"] == "error" and event["reason"], text
        conn.send('{"type": "ping"}')
        assert json.loads(conn.recv(timeout=10))["type"] == "pong"

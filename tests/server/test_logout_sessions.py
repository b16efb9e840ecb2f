"""`POST /api/v1/logout` ends the caller's session only (its tokens, their refreshes and its
sockets); `?everywhere=true` ends every session of the user."""

from __future__ import annotations

from websockets.sync.client import connect

from tests.server.conftest import bearer, register
from tests.server.test_auth_under_attack import _closed, _login


def test_logout_ends_this_session_only(client, hub):
    home = register(client, "Acme", "a@acme.test")
    office = _login(client, "a@acme.test", "password123").json()
    refreshed = client.post("/api/v1/refresh", json={"refresh_token": home["refresh_token"]}).json()
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={office['access_token']}", open_timeout=10,
                 compression=None) as other_ws:
        other_ws.recv(timeout=10)  # hello
        # the socket opened with the session's first token closes too (a refresh keeps the session)
        assert _closed(hub, home, lambda: client.post("/api/v1/logout", headers=bearer(refreshed))
                       ) == (4401, "signed out")
        assert client.get("/api/v1/me", headers=bearer(refreshed)).status_code == 401
        assert client.post("/api/v1/refresh", json={"refresh_token": refreshed["refresh_token"]}).status_code == 401
        # the other computer's session goes on: its socket, its access and its refresh token
        assert client.get("/api/v1/me", headers=bearer(office)).status_code == 200
        assert other_ws.ping().wait(10)  # its socket is still open
        office = client.post("/api/v1/refresh", json={"refresh_token": office["refresh_token"]}).json()
        assert client.get("/api/v1/me", headers=bearer(office)).status_code == 200


def test_logout_everywhere_ends_every_session(client, hub):
    home = register(client, "Acme", "a@acme.test")
    office = _login(client, "a@acme.test", "password123").json()
    assert _closed(hub, office, lambda: client.post("/api/v1/logout", params={"everywhere": "true"},
                                                    headers=bearer(home))) == (4401, "signed out")
    for t in (home, office):
        assert client.get("/api/v1/me", headers=bearer(t)).status_code == 401
        assert client.post("/api/v1/refresh", json={"refresh_token": t["refresh_token"]}).status_code == 401


def test_logout_with_a_bad_everywhere_value_is_a_422_with_a_reason(client, hub):
    t = register(client, "Acme", "a@acme.test")
    r = client.post("/api/v1/logout", params={"everywhere": "perhaps"}, headers=bearer(t))
    assert r.status_code == 422
    assert client.get("/api/v1/me", headers=bearer(t)).status_code == 200



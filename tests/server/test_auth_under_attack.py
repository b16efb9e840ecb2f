"""Issue 10, point 3: authentication under attack, against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import stat
import threading
import time

import httpx
import pytest
import sqlalchemy as sa
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.server.conftest import RunningHub, bearer, register
from tests.server.test_two_hubs import two_hubs  # noqa: F401 (a fixture)
from whitephone.server import auth, cli, db, sipsecret
from whitephone.server.app import create_app
from whitephone.server.db import auth_throttle, password_resets, users

pytestmark = pytest.mark.timeout(120)


def _login(client, email, password):
    return client.post("/api/v1/login", json={"email": email, "password": password})


def _reset_tokens(tmp_path) -> list[str]:
    """The reset tokens mailed so far (the embedded hub writes mail to DATA/outbox-mail), oldest first."""
    out = []
    for path in sorted((tmp_path / "outbox-mail").glob("*.eml")):
        text = path.read_text()
        if "token=" in text:
            out.append(text.split("token=")[1].split()[0])
    return out


def test_argon2_never_runs_inside_a_write_transaction(client, tmp_path, monkeypatch):
    calls: list[tuple[str, int]] = []  # (what, write transactions the calling thread is inside)

    def spy(name, real):
        def wrapped(*args):
            calls.append((name, db.writing()))
            return real(*args)
        return wrapped

    monkeypatch.setattr(auth, "hash_password", spy("hash", auth.hash_password))
    monkeypatch.setattr(auth, "verify_password", spy("verify", auth.verify_password))
    admin = register(client, "Acme", "a@acme.test")
    assert _login(client, "a@acme.test", "password123").status_code == 200
    assert _login(client, "a@acme.test", "wrong-one").status_code == 401
    assert _login(client, "nobody@acme.test", "wrong-one").status_code == 401
    client.post("/api/v1/users", headers=bearer(admin), json={"name": "B", "email": "b@acme.test",
                                                              "password": "password123"})
    client.post("/api/v1/password/forgot", json={"email": "b@acme.test"})
    token = _reset_tokens(tmp_path)[-1]
    assert client.post("/api/v1/password/reset", json={"token": token, "new_password": "brand-new-1"}
                       ).status_code == 204
    assert client.post("/api/v1/password", headers=bearer(admin), json={
        "old_password": "password123", "new_password": "better-pass-1"}).status_code == 204
    kinds = [k for k, _ in calls]
    assert kinds.count("hash") == 4 and kinds.count("verify") == 4  # register, add, reset, change; 3 logins + change
    assert [depth for _, depth in calls] == [0] * 8


def test_thirty_parallel_wrong_guesses_check_only_the_allowed_number(client):
    register(client, "Acme", "t@acme.test")
    before = auth.verifications()
    codes: list[int] = []

    def guess(i):
        codes.append(_login(client, "t@acme.test", f"guess-{i}").status_code)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert auth.verifications() - before == 5
    assert sorted(codes) == [401] * 5 + [429] * 25


def test_the_throttle_survives_a_restart_and_prunes_expired_windows(db_url, tmp_path):
    first = RunningHub(db_url, tmp_path)
    try:
        with httpx.Client(base_url=first.base, timeout=20) as c:
            register(c, "Acme", "t@acme.test")
            assert [_login(c, "t@acme.test", "bad").status_code for _ in range(5)] == [401] * 5
    finally:
        first.stop()
    second = RunningHub(db_url, tmp_path)
    try:
        with second.app.state.engine.begin() as conn:
            conn.execute(sa.insert(auth_throttle).values(key="login:old@acme.test", expires=time.time() - 1, count=9))
        with httpx.Client(base_url=second.base, timeout=20) as c:
            assert _login(c, "t@acme.test", "password123").status_code == 429
        with second.app.state.engine.connect() as conn:
            keys = set(conn.execute(sa.select(auth_throttle.c.key)).scalars())
        assert "login:old@acme.test" not in keys and "login:t@acme.test" in keys
    finally:
        second.stop()


def test_a_successful_login_does_not_count_against_the_address(client):
    register(client, "Acme", "t@acme.test")
    # more good logins from one address than the per-address limit of attempts
    assert {_login(client, "t@acme.test", "password123").status_code for _ in range(25)} == {200}


def test_unknown_email_and_disabled_account_check_one_hash_each(client):
    """Every answer costs exactly one password check (a dummy one for an unknown e-mail), so
    timing tells nothing; a disabled account is told apart only to who knows its password."""
    admin = register(client, "Acme", "a@acme.test")
    bea = client.post("/api/v1/users", headers=bearer(admin), json={
        "name": "B", "email": "bea@acme.test", "password": "password123"}).json()
    client.post(f"/api/v1/users/{bea['id']}/disable", headers=bearer(admin))
    for email, password, code in (("nobody@acme.test", "whatever-1", 401), ("bea@acme.test", "wrong-pass-1", 401),
                                  ("bea@acme.test", "password123", 403)):
        before = auth.verifications()
        r = _login(client, email, password)
        assert r.status_code == code
        assert auth.verifications() - before == 1
    assert "disabled" in r.json()["detail"]


def test_forgot_is_limited_per_address_asked_for_and_per_client(client, tmp_path):
    register(client, "Acme", "f@acme.test")
    codes = [client.post("/api/v1/password/forgot", json={"email": "f@acme.test"}).status_code for _ in range(5)]
    assert codes == [202, 202, 202, 429, 429]
    assert len(_reset_tokens(tmp_path)) == 3
    # unknown addresses count the same, so a 429 tells nothing about whether an account exists
    codes = [client.post("/api/v1/password/forgot", json={"email": "ghost@acme.test"}).status_code for _ in range(4)]
    assert codes == [202, 202, 202, 429]
    # per client address: 10 requests an hour whatever the e-mail (9 made above, refused ones included)
    codes = [client.post("/api/v1/password/forgot", json={"email": f"n{i}@acme.test"}).status_code for i in range(3)]
    assert codes == [202, 429, 429]


def test_a_reset_or_a_password_change_voids_every_other_reset_link(client, tmp_path, hub):
    t = register(client, "Acme", "f@acme.test")
    for _ in range(2):
        client.post("/api/v1/password/forgot", json={"email": "f@acme.test"})
    first, second = _reset_tokens(tmp_path)
    assert client.post("/api/v1/password/reset", json={"token": first, "new_password": "fresh-pass-1"}
                       ).status_code == 204
    r = client.post("/api/v1/password/reset", json={"token": second, "new_password": "evil-pass-1"})
    assert r.status_code == 400
    t = _login(client, "f@acme.test", "fresh-pass-1").json()
    client.post("/api/v1/password/forgot", json={"email": "f@acme.test"})
    third = _reset_tokens(tmp_path)[-1]
    assert client.post("/api/v1/password", headers=bearer(t), json={
        "old_password": "fresh-pass-1", "new_password": "changed-pass-1"}).status_code == 204
    assert client.post("/api/v1/password/reset", json={"token": third, "new_password": "evil-pass-1"}
                       ).status_code == 400
    with hub.app.state.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(password_resets)).scalar() == 0
    assert _login(client, "f@acme.test", "changed-pass-1").status_code == 200


def test_the_reset_link_uses_the_public_url(db_url, tmp_path):
    hub = RunningHub(db_url, tmp_path, public_url="https://phone.example.org")
    try:
        with httpx.Client(base_url=hub.base, timeout=20) as c:
            register(c, "Acme", "f@acme.test")
            c.post("/api/v1/password/forgot", json={"email": "f@acme.test"})
    finally:
        hub.stop()
    mail = [p.read_text() for p in (tmp_path / "outbox-mail").glob("*.eml") if "token=" in p.read_text()]
    assert len(mail) == 1 and "https://phone.example.org/reset-password?token=" in mail[0]
    assert "127.0.0.1" not in mail[0]


def _closed(hub, tokens, action) -> tuple[int, str]:
    """Open a socket, run `action`, and return the close code and reason the hub sent."""
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={tokens['access_token']}", open_timeout=10,
                 compression=None) as ws:
        ws.recv(timeout=10)  # hello
        action()
        try:
            while True:
                ws.recv(timeout=10)
        except ConnectionClosed as exc:
            return exc.rcvd.code, exc.rcvd.reason


def test_logout_password_change_disable_and_delete_close_the_users_sockets(client, hub):
    admin = register(client, "Acme", "a@acme.test")
    t = register(client, "Solo", "s@solo.test")
    assert _closed(hub, t, lambda: client.post("/api/v1/logout", headers=bearer(t))) == (4401, "signed out")
    t = _login(client, "s@solo.test", "password123").json()
    assert _closed(hub, t, lambda: client.post("/api/v1/password", headers=bearer(t), json={
        "old_password": "password123", "new_password": "better-pass-1"})) == (4401, "password changed")
    bea_id = client.post("/api/v1/users", headers=bearer(admin), json={
        "name": "B", "email": "bea@acme.test", "password": "password123"}).json()["id"]
    bea = _login(client, "bea@acme.test", "password123").json()
    assert _closed(hub, bea, lambda: client.post(f"/api/v1/users/{bea_id}/disable", headers=bearer(admin))
                   ) == (4403, "account disabled")
    client.post(f"/api/v1/users/{bea_id}/enable", headers=bearer(admin))
    bea = _login(client, "bea@acme.test", "password123").json()
    assert _closed(hub, bea, lambda: client.delete(f"/api/v1/users/{bea_id}", headers=bearer(admin))
                   ) == (4403, "account deleted")


def test_sip_secret_is_made_on_first_start_and_weak_values_are_refused(tmp_path, monkeypatch):
    made = sipsecret.resolve(None, tmp_path)
    path = tmp_path / sipsecret.FILE_NAME
    assert len(made) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sipsecret.resolve(None, tmp_path) == made  # kept for the next start
    for weak in ("change-me", "short-one", "CHANGE-ME", "change-me-to-the-kamailio-coturn-secret"):
        with pytest.raises(sipsecret.WeakSecret):
            sipsecret.resolve(weak, tmp_path)
    with pytest.raises(sipsecret.WeakSecret):
        create_app(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path, sip_secret="change-me")
    monkeypatch.delenv("WHITEPHONE_SIP_SECRET", raising=False)
    assert cli.main(["--data", str(tmp_path / "d"), "--sip-secret", "change-me"]) == 2


def test_the_hub_signs_sip_credentials_with_the_secret_it_made(tmp_path):
    import base64
    import hmac

    app = create_app(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)
    try:
        secret = (tmp_path / sipsecret.FILE_NAME).read_text().strip()
        route = next(r for r in app.routes if getattr(r, "path", "") == "/api/v1/sip/credentials")
        with app.state.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(users)).scalar() == 0
        me = type("Me", (), {"id": 7})()
        creds = route.endpoint(me)
        expect = base64.b64encode(hmac.new(secret.encode(), creds["username"].encode(), hashlib.sha1).digest())
        assert creds["password"] == expect.decode()
    finally:
        app.state.engine.dispose()


def test_disabling_a_user_on_one_hub_process_closes_their_socket_on_another(two_hubs):  # noqa: F811
    h1, h2 = two_hubs
    with httpx.Client(base_url=f"http://{h1}", timeout=20) as c1, \
            httpx.Client(base_url=f"http://{h2}", timeout=20) as c2:
        admin = register(c1, "Acme", "a@acme.test")
        bob_id = c1.post("/api/v1/users", headers=bearer(admin), json={
            "name": "Bob", "email": "b@acme.test", "password": "password123"}).json()["id"]
        bob = _login(c2, "b@acme.test", "password123").json()
        with connect(f"ws://{h2}/api/v1/ws?token={bob['access_token']}", open_timeout=10, compression=None) as ws:
            ws.recv(timeout=10)  # hello
            assert c1.post(f"/api/v1/users/{bob_id}/disable", headers=bearer(admin)).status_code == 200
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(timeout=10)
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4403, "account disabled")

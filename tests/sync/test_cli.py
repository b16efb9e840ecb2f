"""The hub commands end to end: real `whitephone` processes against a real hub."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx

PASSWORD = "password123"


def env_of(profile) -> dict[str, str]:
    """Each profile stands for a user's own computer, so it gets its own keyring. The tests'
    keyring is a plain file that keyrings.alt rewrites whole: two profiles' processes writing it
    at once (Alice's sync rotating her token while Bob's CLI rotates his) lost one of the
    writes, and Bob's next command found his rotated-out token (CI run of stop 19). OS keyrings
    store each item on its own; within one profile, token refreshes are serialised by a lock."""
    return {**os.environ, "XDG_DATA_HOME": str(profile) + "-keyring"}


def wp(profile, *args, stdin: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), *args],
                          input=stdin, capture_output=True, text=True, timeout=timeout, env=env_of(profile))


def out(r: subprocess.CompletedProcess) -> list[dict]:
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def err(r: subprocess.CompletedProcess) -> dict:
    return json.loads(r.stderr.strip().splitlines()[-1])


def test_register_login_sync_status_books_and_errors(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    (me,) = out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
                   "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    assert me == {"user": "alice@example.com", "name": "Alice", "company": "Acme", "hub": hub.base}
    assert out(wp(a, "books")) == [{"name": "Acme", "shared": True, "contacts": 0, "id": "company"}]
    out(wp(a, "contacts", "add", "--name", "Carol Jones", "--phone", "+44 20 7946 0000", "--book", "Acme"))
    out(wp(a, "contacts", "add", "--name", "Private Person", "--book", "Personal"))
    (st,) = out(wp(a, "status"))
    assert st["user"] == "alice@example.com" and st["hub"] == hub.base and st["online"] is True
    assert st["outbox"] == 4 and st["conflicts"] == 0 and st["cursor"] == 0
    assert out(wp(a, "sync", "--once")) == [{"pushed": 4, "pulled": 0, "conflicts": 0, "rejected": 0}]
    (st,) = out(wp(a, "status"))
    assert st["outbox"] == 0 and st["cursor"] > 0

    # a colleague, added by the admin, signs in on another computer
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        r = h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
                   json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD})
        assert r.status_code == 201
        bob_id = r.json()["id"]
    wrong = wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin="nope\n")
    assert wrong.returncode == 4 and err(wrong) == {"error": "Wrong e-mail or password.", "kind": "bad_credentials"}
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    assert out(wp(b, "sync", "--once"))[0]["pulled"] == 1  # Carol (B made the company book itself)
    books = {x["name"]: x for x in out(wp(b, "books"))}
    assert books["Acme"]["contacts"] == 1 and books["Acme"]["shared"] is True
    assert [c["display_name"] for c in out(wp(b, "contacts", "search", "Jones"))] == ["Carol Jones"]
    assert out(wp(b, "contacts", "search", "Private")) == []

    # disabled: told apart from a wrong password (only to who knows the password)
    with httpx.Client(base_url=hub.base) as h:
        h.post(f"/api/v1/users/{bob_id}/disable", headers={"Authorization": f"Bearer {tok['access_token']}"})
    r = wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 4 and err(r)["kind"] == "disabled" and "disabled" in err(r)["error"]
    r = wp(b, "sync", "--once")
    assert r.returncode == 4 and err(r)["kind"] == "bad_credentials"

    # logout: the session is gone here and on the hub
    assert out(wp(a, "logout")) == [{"signed_out": True, "hub": hub.base, "waiting": 0}]
    r = wp(a, "sync", "--once")
    assert r.returncode == 4 and "login" in err(r)["error"]
    (st,) = out(wp(a, "status"))
    assert st["user"] is None and st["hub"] == hub.base

    # an unreachable hub
    r = wp(tmp_path / "c", "login", "--server", "http://127.0.0.1:9", "--email", "x@example.com",
           "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 3 and err(r) == {"error": "Cannot reach the hub at http://127.0.0.1:9.",
                                            "kind": "unreachable"}
    r = wp(tmp_path / "c", "register", "--server", hub.base, "--company", "X", "--name", "X",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 2 and "already has an account" in err(r)["error"]


def test_presence_set_and_monitor(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
               json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD})
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    assert out(wp(a, "presence", "set", "away", "--note", "lunch")) == [{"status": "away", "note": "lunch"}]
    bad = wp(a, "presence", "set", "asleep")
    assert bad.returncode == 2
    # Alice's app (here: the headless sync) keeps her online with that status
    daemon = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(a), "sync"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_of(a))
    try:
        deadline = time.monotonic() + 30
        rows: list[dict] = []
        while time.monotonic() < deadline:
            rows = out(wp(b, "monitor", "--once"))
            if rows and rows[0]["status"] == "away":
                break
            time.sleep(0.3)
        assert len(rows) == 1, rows
        (alice,) = rows
        assert (alice["who"], alice["status"], alice["note"]) == ("Alice", "away", "lunch")
        assert set(alice) >= {"who", "status", "note", "last_seen"}
        # changed from another process while the app runs: followed
        out(wp(a, "presence", "set", "dnd", "--note", "in a meeting"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            (alice,) = out(wp(b, "monitor", "--once"))
            if alice["status"] == "dnd":
                break
            time.sleep(0.3)
        assert (alice["status"], alice["note"]) == ("dnd", "in a meeting")
    finally:
        daemon.terminate()
        daemon.wait(20)
    assert daemon.returncode == 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the hub sees the socket close a moment later
        (alice,) = out(wp(b, "monitor", "--once"))
        if alice["status"] == "offline":
            break
        time.sleep(0.3)
    assert alice["status"] == "offline"

"""`whitephone diary add --participant` with a colleague's address invites the colleague: two
CLI profiles (real processes, each its own keyring) and a real hub."""

from __future__ import annotations

import httpx

from tests.sync.conftest import PASSWORD
from tests.sync.test_cli import out, wp


def test_a_colleague_invited_from_the_cli_sees_it_in_their_diary(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        bob = h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
                     json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD}).json()
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    (appt,) = out(wp(a, "diary", "add", "--subject", "Demo next Tuesday", "--start", "2026-06-02T10:00+02:00",
                     "--end", "2026-06-02T11:00+02:00", "--participant", "bob@example.com",
                     "--participant", "client@example.org", "--remind", "1h"))
    assert [(p["kind"], p["id"]) for p in appt["participants"]] == [("user", str(bob["id"])), ("contact", None)]
    out(wp(a, "sync", "--once"))
    assert out(wp(b, "diary", "list", "--from", "2026-06-01", "--to", "2026-06-03")) == []  # not pulled yet
    out(wp(b, "sync", "--once"))
    (occ,) = out(wp(b, "diary", "list", "--from", "2026-06-01", "--to", "2026-06-03"))
    assert occ["uid"] == appt["uid"] and occ["start"].startswith("2026-06-02T") and occ["subject"] == "Demo next Tuesday"

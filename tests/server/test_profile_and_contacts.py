"""Profiles, company details, password reset by e-mail link, contact requests across companies."""

from __future__ import annotations

import json
import re

import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)


def test_profile_and_company_details(client):
    t = register(client, "Acme", "p@acme.test")
    r = client.patch("/api/v1/profile", headers=bearer(t),
                     json={"name": "Pat", "region": "GB", "timezone": "Europe/London",
                           "preferences": {"ring": "classic"}, "hidden": True})
    assert r.status_code == 200 and r.json()["region"] == "GB" and r.json()["hidden"]
    assert client.patch("/api/v1/profile", headers=bearer(t), json={"region": "gb1"}).status_code == 422
    c = client.patch("/api/v1/company", headers=bearer(t), json={"name": "Acme Ltd", "regions": ["GB", "PL"]})
    assert c.json() == {"id": c.json()["id"], "name": "Acme Ltd", "regions": ["GB", "PL"],
                        "voice_mail_seconds": 180}
    client.post("/api/v1/users", headers=bearer(t), json={"name": "U", "email": "u@acme.test",
                                                          "password": "password123"})
    u = client.post("/api/v1/login", json={"email": "u@acme.test", "password": "password123"}).json()
    assert client.patch("/api/v1/company", headers=bearer(u), json={"name": "Mine"}).status_code == 403


def test_forgotten_password_link_is_single_use(client, tmp_path):
    register(client, "Acme", "f@acme.test")
    assert client.post("/api/v1/password/forgot", json={"email": "f@acme.test"}).status_code == 202
    assert client.post("/api/v1/password/forgot", json={"email": "nobody@acme.test"}).status_code == 202
    mails = [p.read_text() for p in sorted((tmp_path / "outbox-mail").glob("*.eml"))]
    token = re.search(r"token=([\w-]+)", mails[-1]).group(1)
    body = {"token": token, "new_password": "fresh-password"}
    assert client.post("/api/v1/password/reset", json=body).status_code == 204
    assert client.post("/api/v1/password/reset", json=body).status_code == 400
    assert client.post("/api/v1/login", json={"email": "f@acme.test", "password": "fresh-password"}
                       ).status_code == 200


def test_contact_request_accept_makes_presence_visible_across_companies(client, hub):
    a = register(client, "A", "ann@a.test")
    b = register(client, "B", "ben@b.test")
    ben = client.get("/api/v1/me", headers=bearer(b)).json()
    req = client.post("/api/v1/contact-requests", headers=bearer(a), json={"to": ben["id"]}).json()
    assert client.post(f"/api/v1/contact-requests/{req['id']}/accept", headers=bearer(a)).status_code == 404
    assert client.post(f"/api/v1/contact-requests/{req['id']}/accept", headers=bearer(b)
                       ).json()["status"] == "accepted"
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={a['access_token']}", compression=None) as wa:
        json.loads(wa.recv(timeout=10))
        with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={b['access_token']}", compression=None):
            while True:
                ev = json.loads(wa.recv(timeout=10))
                if ev["type"] == "presence":
                    break
            assert (ev["user_id"], ev["status"]) == (ben["id"], "online")
    # a hidden user of another company cannot be requested
    client.patch("/api/v1/profile", headers=bearer(b), json={"hidden": True})
    c = register(client, "C", "cat@c.test")
    assert client.post("/api/v1/contact-requests", headers=bearer(c), json={"to": ben["id"]}).status_code == 404

"""Issue 14: the company's longest voice/video mail (set by company admins, enforced on the hub
from the file's own duration), and client ids for announcements and reminders (a retried POST is
stored once: 201, then 200 with the stored item; the same id for something else is 409), and the
link a reminder message carries to its source. Against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest

from tests.server.conftest import bearer, register
from tests.server.media import mp4_bytes, opus_bytes, wav_bytes

pytestmark = pytest.mark.timeout(180)


def _team(client):
    admin = register(client, "Acme", "a@acme.test")
    ids, toks = {}, {}
    for name, perms in (("bob", ["company", "announcements"]), ("cat", [])):
        ids[name] = client.post("/api/v1/users", headers=bearer(admin), json={
            "name": name, "email": f"{name}@acme.test", "password": "password123", "permissions": perms}).json()["id"]
        toks[name] = client.post("/api/v1/login", json={"email": f"{name}@acme.test",
                                                        "password": "password123"}).json()
    return admin, toks, ids


def _upload(client, tok, data: bytes, content_type: str) -> int:
    r = client.post("/api/v1/attachments", headers=bearer(tok), json={"length": len(data), "content_type": content_type})
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    r = client.patch(f"/api/v1/attachments/{aid}", content=data, headers={
        **bearer(tok), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 200 and r.json()["finished"], r.text
    return aid


def _send(client, tok, to, kind, aid):
    return client.post("/api/v1/messages", headers=bearer(tok),
                       json={"to": to, "kind": kind, "body": "hi", "attachments": [aid]})


def test_the_company_voice_mail_limit_is_set_by_admins_within_bounds_and_enforced(client):
    admin, t, ids = _team(client)
    assert client.get("/api/v1/company", headers=bearer(t["cat"])).json()["voice_mail_seconds"] == 180
    # the Company permission is not enough: company admins only
    r = client.patch("/api/v1/company", headers=bearer(t["bob"]), json={"voice_mail_seconds": 60})
    assert r.status_code == 403 and "admin" in r.json()["detail"]
    for bad in (5, 1801, -1, "x", 60.5):
        r = client.patch("/api/v1/company", headers=bearer(admin), json={"voice_mail_seconds": bad})
        assert r.status_code == 422 and "voice_mail_seconds" in r.text, (bad, r.text)
    r = client.patch("/api/v1/company", headers=bearer(admin), json={"voice_mail_seconds": 60})
    assert r.status_code == 200 and r.json()["voice_mail_seconds"] == 60
    assert client.get("/api/v1/company", headers=bearer(t["cat"])).json()["voice_mail_seconds"] == 60
    other = register(client, "Other", "o@other.test")  # another company keeps the default
    assert client.get("/api/v1/company", headers=bearer(other)).json()["voice_mail_seconds"] == 180

    # Ogg Opus: 30 s goes, 70 s is refused with the reason; a WAV is measured too
    assert _send(client, t["cat"], ids["bob"], "voice_mail", _upload(client, t["cat"], opus_bytes(30), "audio/ogg")
                 ).status_code == 201
    r = _send(client, t["cat"], ids["bob"], "voice_mail", _upload(client, t["cat"], opus_bytes(70), "audio/ogg"))
    assert r.status_code == 413, r.text
    assert "1 minute 10 seconds" in r.json()["detail"] and "at most 1 minute (60 s)" in r.json()["detail"]
    r = _send(client, t["cat"], ids["bob"], "voice_mail", _upload(client, t["cat"], wav_bytes(61.5), "audio/wav"))
    assert r.status_code == 413, r.text
    # MP4 video mail: its movie header's duration
    assert _send(client, t["cat"], ids["bob"], "video_mail", _upload(client, t["cat"], mp4_bytes(59.5), "video/mp4")
                 ).status_code == 201
    r = _send(client, t["cat"], ids["bob"], "video_mail", _upload(client, t["cat"], mp4_bytes(200), "video/mp4"))
    assert r.status_code == 413 and "video mail is 3 minutes 20 seconds long" in r.json()["detail"]
    # a length the hub cannot read is refused for voice/video mail (not for other attachments)
    headless = mp4_bytes(10).replace(b"moov", b"free")  # no movie header: no duration
    r = _send(client, t["cat"], ids["bob"], "video_mail", _upload(client, t["cat"], headless, "video/mp4"))
    assert r.status_code == 413 and "cannot be read" in r.json()["detail"]
    # raising the limit lets the long one go
    client.patch("/api/v1/company", headers=bearer(admin), json={"voice_mail_seconds": 240})
    assert _send(client, t["cat"], ids["bob"], "video_mail", _upload(client, t["cat"], mp4_bytes(200), "video/mp4")
                 ).status_code == 201
    kinds = [m["kind"] for m in client.get("/api/v1/messages", headers=bearer(t["bob"])).json()]
    assert kinds == ["voice_mail", "video_mail", "video_mail"]


def test_a_retried_reminder_is_stored_once(client, hub):
    _admin, t, ids = _team(client)
    cid = str(uuid.uuid4())
    body = {"to": ids["cat"], "body": "Call the plumber", "due": time.time() + 3600, "client_id": cid,
            "link": "crm_record:abc"}
    first = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json=body)
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json=body)
    assert again.status_code == 200 and again.json() == first.json()
    assert first.json()["client_id"] == cid and first.json()["link"] == "crm_record:abc"
    # the same id for another reminder: 409 with the reason, nothing stored
    for change in ({"body": "Other"}, {"due": body["due"] + 60}, {"to": ids["bob"]}, {"link": None}):
        r = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json={**body, **change})
        assert r.status_code == 409 and "client_id" in r.json()["detail"], (change, r.text)
    # parallel retries of another one: one stored
    cid2 = str(uuid.uuid4())
    results = []

    def post():
        with httpx.Client(base_url=hub.base, timeout=30) as c:
            results.append(c.post("/api/v1/reminders", headers=bearer(t["bob"]), json={
                "to": ids["cat"], "body": "twice", "due": 4000000000, "client_id": cid2}))

    threads = [threading.Thread(target=post) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(r.status_code for r in results) == [200] * 5 + [201]
    assert len({r.json()["id"] for r in results}) == 1
    pending = client.get("/api/v1/reminders", headers=bearer(t["cat"])).json()
    assert sorted(r["body"] for r in pending) == ["Call the plumber", "twice"]
    # the id is the sender's own: someone else may use it
    assert client.post("/api/v1/reminders", headers=bearer(t["cat"]), json=body).status_code == 201
    assert client.post("/api/v1/reminders", headers=bearer(t["bob"]), json={**body, "client_id": "nope"}
                       ).status_code == 422


def test_a_retried_announcement_is_posted_once(client, hub):
    _admin, t, ids = _team(client)
    cid = str(uuid.uuid4())
    body = {"body": "Office closed on Friday", "client_id": cid}
    first = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json=body)
    assert first.status_code == 201 and first.json()["recipients"] == 2, first.text
    again = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json=body)
    assert again.status_code == 200 and again.json() == first.json()
    r = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={**body, "body": "Open on Friday"})
    assert r.status_code == 409 and "client_id" in r.json()["detail"]
    market = client.post("/api/v1/markets", headers=bearer(t["bob"]), json={"name": "Retail"}).json()
    r = client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={**body, "market_id": market["id"]})
    assert r.status_code == 409
    cid2 = str(uuid.uuid4())
    results = []

    def post():
        with httpx.Client(base_url=hub.base, timeout=30) as c:
            results.append(c.post("/api/v1/announcements", headers=bearer(t["bob"]),
                                  json={"body": "twice", "client_id": cid2}).status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == [200] * 5 + [201]
    for who in ("cat",):
        inbox = [m["body"] for m in client.get("/api/v1/messages", headers=bearer(t[who])).json()
                 if m["kind"] == "announcement"]
        assert inbox == ["Office closed on Friday", "twice"]
    # without a client id every post is a new announcement (as before)
    for _ in range(2):
        assert client.post("/api/v1/announcements", headers=bearer(t["bob"]), json={"body": "plain"}).status_code == 201
    assert ids


def test_a_reminder_message_carries_its_link(client):
    _admin, t, ids = _team(client)
    link = "appointment:7f1c2a@2026-12-05T08:00:00+00:00"
    r = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json={
        "to": ids["cat"], "body": "Dentist", "due": time.time() - 1, "link": link, "client_id": str(uuid.uuid4())})
    assert r.status_code == 201, r.text
    deadline = time.monotonic() + 60
    while not (got := [m for m in client.get("/api/v1/messages", headers=bearer(t["cat"])).json()
                       if m["kind"] == "reminder"]):
        assert time.monotonic() < deadline, "the reminder was not delivered"
        time.sleep(0.1)
    assert got[0]["link"] == link and got[0]["body"] == "Dentist"
    # a record id may hold spaces (the hub makes such links); an appointment's occurrence must be a date
    for bad in ("no colon", "crm_record:", "CRM:x", "crm_record:a\x00b", "x:" + "y" * 200, "appointment:u@nan",
                "appointment:u@inf", "appointment:u@1e20", "appointment:u@-5", "appointment:u@99999999999999"):
        r = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json={
            "to": ids["cat"], "body": "x", "due": time.time() + 60, "link": bad})
        assert r.status_code == 422, bad
    for good in ("crm_record:Job 42", "crm_record:a@1e20", "appointment:u@host", "appointment:a@b@1700000000"):
        r = client.post("/api/v1/reminders", headers=bearer(t["bob"]), json={
            "to": ids["cat"], "body": "x", "due": time.time() + 60, "link": good})
        assert r.status_code == 201 and r.json()["link"] == good, (good, r.text)

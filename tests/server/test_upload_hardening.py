"""Uploads under attack, against real hubs (SQLite and PostgreSQL): one writer per upload even across
hub processes, a media header in front of a web page refused, executable names refused, a quota
per user and a cap on unfinished uploads."""

from __future__ import annotations

import socket
import struct
import time

import httpx
import pytest
from sqlalchemy import select

from tests.server.conftest import RunningHub, bearer, register
from tests.server.media import png_bytes, wav_bytes
from tests.server.test_attachments import create, head_offset, patch
from whitephone.server import routes_attachments
from whitephone.server.db import attachments

pytestmark = pytest.mark.timeout(120)


def _http_answer(s: socket.socket) -> tuple[int, bytes]:
    s.settimeout(30)
    raw = b""
    while b"\r\n\r\n" not in raw:
        raw += s.recv(65536)
    head, body = raw.split(b"\r\n\r\n", 1)
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += s.recv(65536)
    return int(head.split(b" ")[1]), body


def _send_part(port: int, tokens: dict, aid: int, data: bytes, part: int) -> socket.socket:
    """A PATCH of all of `data` at offset 0 that sends only its first `part` bytes for now."""
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"PATCH /api/v1/attachments/{aid} HTTP/1.1\r\nHost: hub\r\n"
              f"Authorization: Bearer {tokens['access_token']}\r\nUpload-Offset: 0\r\n"
              f"Content-Type: application/offset+octet-stream\r\nContent-Length: {len(data)}\r\n\r\n".encode()
              + data[:part])
    return s


def test_two_patches_at_the_same_offset_one_writes_even_on_two_hub_processes(hub, db_url, tmp_path):
    second = RunningHub(db_url, tmp_path)  # another hub process on the same database and data folder
    try:
        with httpx.Client(base_url=hub.base, timeout=20) as c1, httpx.Client(base_url=second.base, timeout=20) as c2:
            a = register(c1, "A", "a@a.test")
            company = c1.get("/api/v1/me", headers=bearer(a)).json()["company_id"]
            mine, theirs = wav_bytes(0.5, seed=1), wav_bytes(0.5, seed=2)
            up = create(c1, a, mine, content_type="audio/wav")
            # PATCH 1 on hub 1 sends a first part of its body and pauses
            s = _send_part(hub.port, a, up["id"], mine, 5000)
            deadline = time.monotonic() + 20
            with hub.app.state.engine.connect() as conn:
                while conn.execute(select(attachments.c.writer).where(attachments.c.id == up["id"])).scalar() is None:
                    assert time.monotonic() < deadline, "hub 1 never started writing"
                    time.sleep(0.05)
                    conn.rollback()
            # PATCH 2 at the same offset on hub 2: refused, nothing of it written
            r = patch(c2, a, up["id"], 0, theirs)
            assert r.status_code == 409, r.text
            s.sendall(mine[5000:])
            status, body = _http_answer(s)
            s.close()
            assert status == 200, body
            r = patch(c2, a, up["id"], 0, theirs)  # late: the upload is complete
            assert r.status_code == 409 and "complete" in r.json()["detail"]
            # the file is exactly the winner's bytes, as long as the committed offset
            stored = tmp_path / "attachments" / str(company) / str(up["id"])
            assert stored.read_bytes() == mine
            assert head_offset(c2, a, up["id"]) == stored.stat().st_size == len(mine)
            assert c2.get(f"/api/v1/attachments/{up['id']}/content", headers=bearer(a)).content == mine
    finally:
        second.stop()


def test_a_writer_that_stalls_past_its_lease_loses_to_a_retry_and_writes_nothing(hub, client, tmp_path, monkeypatch):
    monkeypatch.setattr(routes_attachments, "LEASE", 1.0)
    a = register(client, "A", "a@a.test")
    company = client.get("/api/v1/me", headers=bearer(a)).json()["company_id"]
    stalled, retry = wav_bytes(0.5, seed=3), wav_bytes(0.5, seed=4)
    up = create(client, a, stalled)
    s = _send_part(hub.port, a, up["id"], stalled, 5000)
    deadline = time.monotonic() + 20
    with hub.app.state.engine.connect() as conn:
        while True:  # until the stalled PATCH's lease was taken and has lapsed
            until = conn.execute(select(attachments.c.writer_until).where(attachments.c.id == up["id"])).scalar()
            if until is not None and until < time.time():
                break
            assert time.monotonic() < deadline, "the lease never lapsed"
            time.sleep(0.1)
            conn.rollback()
    r = patch(client, a, up["id"], 0, retry)
    assert r.status_code == 200 and r.json()["finished"], r.text
    s.sendall(stalled[5000:])
    status, body = _http_answer(s)
    s.close()
    assert status == 409 and b"took over" in body
    stored = tmp_path / "attachments" / str(company) / str(up["id"])
    assert stored.read_bytes() == retry


def test_a_media_header_in_front_of_a_web_page_is_refused(client):
    a = register(client, "A", "a@a.test")
    page = b"<!DOCTYPE html><html><body><script>document.location='https://evil.test'</script></body></html>"
    wav = wav_bytes(0.2)
    for data in (b"RIFF" + struct.pack("<I", 4 + len(page)) + b"WAVE" + page,  # just the magic
                 wav[:44] + page + bytes(len(wav) - 44 - len(page)),  # a sound header, the page as samples
                 b"\x89PNG\r\n\x1a\n" + page):
        up = create(client, a, data)
        r = patch(client, a, up["id"], 0, data)
        assert r.status_code == 415, r.text
        assert client.head(f"/api/v1/attachments/{up['id']}", headers=bearer(a)).status_code == 404  # discarded
    # in two chunks: the magic passes, the container is checked once its head is in
    data = wav[:44] + page + bytes(len(wav) - 44 - len(page))
    up = create(client, a, data, content_type="audio/wav")
    assert patch(client, a, up["id"], 0, data[:20]).status_code == 200
    assert patch(client, a, up["id"], 20, data[20:]).status_code == 415


def test_executable_names_quota_and_unfinished_uploads(client):
    a = register(client, "A", "a@a.test")
    for name in ("bob", "carol"):
        client.post("/api/v1/users", headers=bearer(a),
                    json={"name": name, "email": f"{name}@a.test", "password": "password123"})
    bob, carol = (client.post("/api/v1/login", json={"email": f"{n}@a.test", "password": "password123"}).json()
                  for n in ("bob", "carol"))
    png = png_bytes()
    for name in ("invoice.pdf.exe", "run.BAT", "page.html", "x.svg", "setup.msi. "):
        r = client.post("/api/v1/attachments", headers=bearer(bob), json={"length": len(png), "name": name})
        assert r.status_code == 415, (name, r.text)
    # the company sets each user's quota and unfinished-upload cap where it sets the size limit
    settings = {"max_bytes": 8000, "user_quota_bytes": 10_000, "max_open_uploads": 2}
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(bob), json=settings).status_code == 403
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(a), json=settings).json() == settings
    assert client.get("/api/v1/company/attachment-limit", headers=bearer(bob)).json() == settings
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(a), json={"max_bytes": 8000}
                      ).json() == settings  # left out: kept
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(a),
                      json={"max_bytes": 8000, "max_open_uploads": 0}).status_code == 422

    first = create(client, bob, png)
    second = create(client, bob, bytes(3000))
    r = client.post("/api/v1/attachments", headers=bearer(bob), json={"length": 10})
    assert r.status_code == 429 and "unfinished" in r.json()["detail"]
    assert patch(client, bob, first["id"], 0, png).json()["finished"]  # one finished: a slot is free
    r = client.post("/api/v1/attachments", headers=bearer(bob), json={"length": 10_000 - len(png) - 3000 + 1})
    assert r.status_code == 413 and "quota" in r.json()["detail"]
    create(client, bob, bytes(10_000 - len(png) - 3000))  # exactly the quota
    assert client.delete(f"/api/v1/attachments/{second['id']}", headers=bearer(bob)).status_code == 204
    create(client, bob, bytes(3000))  # deleting gave the bytes and the slot back
    create(client, carol, bytes(5000))  # per user

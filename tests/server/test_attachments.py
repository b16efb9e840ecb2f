"""Message attachments against a real hub: resumable chunked upload, offsets, size limit, sniffed
content type, messages carrying them, downloads only for sender and recipients."""

from __future__ import annotations

import json
import socket
import struct
import time
from urllib.parse import urlparse

import pytest
from websockets.sync.client import connect

from tests.server.conftest import bearer, register
from tests.server.media import png_bytes, wav_bytes

pytestmark = pytest.mark.timeout(120)


PNG = png_bytes(32)


def users(client) -> tuple[dict, dict, dict, dict]:
    """Admin of company A, Bob and Carol in A, and the admin of company B (tokens)."""
    a = register(client, "A", "a@a.test")
    out = []
    for name in ("bob", "carol"):
        client.post("/api/v1/users", headers=bearer(a),
                    json={"name": name, "email": f"{name}@a.test", "password": "password123"})
        out.append(client.post("/api/v1/login", json={"email": f"{name}@a.test", "password": "password123"}).json())
    b = register(client, "B", "b@b.test")
    return a, out[0], out[1], b


def user_id(client, tokens) -> int:
    return client.get("/api/v1/me", headers=bearer(tokens)).json()["id"]


def create(client, tokens, data: bytes, **extra) -> dict:
    r = client.post("/api/v1/attachments", headers=bearer(tokens), json={"length": len(data), **extra})
    assert r.status_code == 201, r.text
    assert r.headers["Upload-Offset"] == "0" and r.headers["Location"] == f"/api/v1/attachments/{r.json()['id']}"
    return r.json()


def patch(client, tokens, aid: int, offset: int, chunk: bytes):
    return client.patch(f"/api/v1/attachments/{aid}", content=chunk, headers={
        **bearer(tokens), "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"})


def head_offset(client, tokens, aid: int) -> int:
    r = client.head(f"/api/v1/attachments/{aid}", headers=bearer(tokens))
    assert r.status_code == 200
    return int(r.headers["Upload-Offset"])


def broken_patch(base: str, tokens: dict, aid: int, offset: int, declared: int, sent: bytes) -> None:
    """A PATCH that announces `declared` bytes, sends `sent`, and loses its connection."""
    u = urlparse(base)
    with socket.create_connection((u.hostname, u.port)) as s:
        s.sendall(f"PATCH /api/v1/attachments/{aid} HTTP/1.1\r\nHost: {u.hostname}\r\n"
                  f"Authorization: Bearer {tokens['access_token']}\r\nUpload-Offset: {offset}\r\n"
                  f"Content-Type: application/offset+octet-stream\r\nContent-Length: {declared}\r\n\r\n".encode()
                  + sent)
        time.sleep(1.0)  # the hub reads what arrived (uvicorn drops body bytes still unread at a disconnect)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, as a dropped link


def upload_resuming(client, tokens, aid: int, data: bytes, chunk: int = 64 * 1024) -> None:
    """What a client does: ask for the offset, send from there, ask again after any refusal."""
    deadline = time.monotonic() + 30
    offset = head_offset(client, tokens, aid)
    while offset < len(data):
        r = patch(client, tokens, aid, offset, data[offset:offset + chunk])
        if r.status_code == 409:  # the broken request may still be finishing on the hub
            assert time.monotonic() < deadline, r.text
            time.sleep(0.1)
            offset = head_offset(client, tokens, aid)
            continue
        assert r.status_code == 200, r.text
        offset = int(r.headers["Upload-Offset"])
        assert r.json()["offset"] == offset


def test_interrupted_upload_resumes_to_the_same_bytes_and_reaches_only_the_recipient(client, hub):
    a, bob, carol, b = users(client)
    bob_id = user_id(client, bob)
    data = wav_bytes()
    up = create(client, a, data, name="hello.wav", content_type="audio/x-wav")
    r = patch(client, a, up["id"], 0, data[:100_000])
    assert r.status_code == 200 and r.json()["offset"] == 100_000 and not r.json()["finished"]
    # the link drops half-way through the second chunk: the hub keeps what arrived
    broken_patch(hub.base, a, up["id"], 100_000, 200_000, data[100_000:150_000])
    deadline = time.monotonic() + 5
    while (offset := head_offset(client, a, up["id"])) == 100_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert 100_000 <= offset <= 150_000
    # a chunk at a stale offset is refused with the real one
    r = patch(client, a, up["id"], 100_000, data[100_000:120_000])
    assert r.status_code == 409 and r.headers["Upload-Offset"] == str(offset)
    assert r.json()["detail"] == {"code": "offset_mismatch", "offset": offset}
    assert client.get(f"/api/v1/attachments/{up['id']}/content", headers=bearer(a)).status_code == 409
    upload_resuming(client, a, up["id"], data)
    status = client.get(f"/api/v1/attachments/{up['id']}", headers=bearer(a)).json()
    assert status == {**status, "finished": True, "offset": len(data), "content_type": "audio/wav",
                      "name": "hello.wav"}
    assert patch(client, a, up["id"], len(data), b"x").status_code == 409  # complete: nothing more

    # a voice mail carrying it arrives live, with the attachment listed
    with connect(f"ws://127.0.0.1:{hub.port}/api/v1/ws?token={bob['access_token']}", compression=None) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "hello"
        r = client.post("/api/v1/messages", headers=bearer(a), json={
            "to": bob_id, "kind": "voice_mail", "body": "Call me back", "attachments": [up["id"]]})
        assert r.status_code == 201, r.text
        while (ev := json.loads(ws.recv(timeout=10)))["type"] != "message":
            pass
    ref = {"id": up["id"], "content_type": "audio/wav", "length": len(data), "name": "hello.wav"}
    assert ev["message"]["attachments"] == [ref] == r.json()["attachments"]
    assert client.get("/api/v1/messages", headers=bearer(bob)).json()[0]["attachments"] == [ref]
    # the recipient downloads exactly the bytes, with the sniffed type; others in the company cannot
    got = client.get(f"/api/v1/attachments/{up['id']}/content", headers=bearer(bob))
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"] == "audio/wav" and got.headers["x-content-type-options"] == "nosniff"
    assert "hello.wav" in got.headers["content-disposition"]
    ranged = client.get(f"/api/v1/attachments/{up['id']}/content", headers={**bearer(bob), "Range": "bytes=44-99"})
    assert ranged.status_code == 206 and ranged.content == data[44:100]
    for who in (carol, b):
        h = bearer(who)
        assert client.get(f"/api/v1/attachments/{up['id']}/content", headers=h).status_code == 404
        assert client.get(f"/api/v1/attachments/{up['id']}", headers=h).status_code == 404
        assert client.head(f"/api/v1/attachments/{up['id']}", headers=h).status_code == 404
    # a recipient cannot write or delete it; its sender cannot delete it while a message carries it
    assert patch(client, bob, up["id"], len(data), b"x").status_code == 404
    assert client.delete(f"/api/v1/attachments/{up['id']}", headers=bearer(bob)).status_code == 404
    assert client.delete(f"/api/v1/attachments/{up['id']}", headers=bearer(a)).status_code == 409


def test_limit_type_and_message_rules(client, hub):
    a, bob, carol, b = users(client)
    bob_id = user_id(client, bob)
    # the company's size limit: admins (or the 'company' permission) set it
    assert client.get("/api/v1/company/attachment-limit", headers=bearer(bob)).json()["max_bytes"] > 1_000_000
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(bob),
                      json={"max_bytes": 1000}).status_code == 403
    assert client.put("/api/v1/company/attachment-limit", headers=bearer(a), json={"max_bytes": 5000}
                      ).json()["max_bytes"] == 5000
    r = client.post("/api/v1/attachments", headers=bearer(bob), json={"length": 5001})
    assert r.status_code == 413
    assert client.get("/api/v1/company/attachment-limit", headers=bearer(b)).json()["max_bytes"] > 5000  # B's own
    # more bytes than announced
    up = create(client, bob, PNG[:1000])
    assert patch(client, bob, up["id"], 0, PNG[:1001]).status_code == 413
    assert head_offset(client, bob, up["id"]) == 0
    # the type comes from the bytes: a PNG declared as WAV is refused and the upload dropped
    up = create(client, bob, PNG, content_type="audio/wav")
    r = patch(client, bob, up["id"], 0, PNG[:100])
    assert r.status_code == 415
    assert client.head(f"/api/v1/attachments/{up['id']}", headers=bearer(bob)).status_code == 404
    # bytes of no accepted kind (an executable), declared or not
    for declared in ({"content_type": "image/png"}, {}):
        up = create(client, bob, b"MZ\x90\x00" + bytes(2000), **declared)
        assert patch(client, bob, up["id"], 0, b"MZ\x90\x00" + bytes(2000)).status_code == 415
    assert client.post("/api/v1/attachments", headers=bearer(bob),
                       json={"length": 10, "content_type": "text/html"}).status_code == 415
    # an undeclared PNG in two chunks is an image/png
    png = create(client, bob, PNG)
    assert patch(client, bob, png["id"], 0, PNG[:10]).json()["content_type"] is None
    done = patch(client, bob, png["id"], 10, PNG[10:]).json()
    assert done["finished"] and done["content_type"] == "image/png"
    # messages: only finished attachments of the sender; a voice mail needs audio
    unfinished = create(client, bob, PNG)
    send = {"to": bob_id, "body": "see", "attachments": [png["id"]]}
    assert client.post("/api/v1/messages", headers=bearer(carol), json=send).status_code == 404
    assert client.post("/api/v1/messages", headers=bearer(bob),
                       json={**send, "attachments": [unfinished["id"]]}).status_code == 409
    assert client.post("/api/v1/messages", headers=bearer(bob), json={**send, "kind": "voice_mail"}).status_code == 422
    ok = client.post("/api/v1/messages", headers=bearer(bob), json=send)
    assert ok.status_code == 201 and ok.json()["attachments"][0]["content_type"] == "image/png"
    # an unused upload can be deleted by its owner
    assert client.delete(f"/api/v1/attachments/{unfinished['id']}", headers=bearer(carol)).status_code == 404
    assert client.delete(f"/api/v1/attachments/{unfinished['id']}", headers=bearer(bob)).status_code == 204
    assert client.head(f"/api/v1/attachments/{unfinished['id']}", headers=bearer(bob)).status_code == 404


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_bodies_over_the_limit_are_refused_with_or_without_a_length(client, hub):
    a = register(client, "A", "a@a.test")
    up = create(client, a, b"x" * (3 * 2**20))
    big = PNG + bytes(3 * 2**20 - len(PNG))
    assert patch(client, a, up["id"], 0, big).status_code == 413  # Content-Length over 2 MiB

    def chunked():  # no Content-Length: counted as it arrives
        for i in range(0, len(big), 256 * 1024):
            yield big[i:i + 256 * 1024]

    r = client.patch(f"/api/v1/attachments/{up['id']}", content=chunked(),
                     headers={**bearer(a), "Upload-Offset": "0"})
    assert r.status_code == 413
    time.sleep(0.5)  # the hub finishes the refused request after answering
    assert head_offset(client, a, up["id"]) == 0
    r = client.post("/api/v1/messages", headers={**bearer(a), "Content-Type": "application/json"},
                    content=(b'{"to": 1, "body": "' + b"y" * (3 * 2**20) + b'"}' for _ in range(1)))
    assert r.status_code == 413

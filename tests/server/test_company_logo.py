"""The company logo route: PNG/JPEG ≤ 1 MB with a sound structure, `logo` permission to change,
every colleague may fetch (as a download, never sniffed); concurrent uploads leave one whole logo."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import httpx
from PIL import Image

from tests.server.conftest import bearer, register
from tests.server.media import png_bytes


def _jpeg(side: int = 16) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (side, side), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


PNG = png_bytes()
JPEG = _jpeg()


def test_logo_upload_fetch_replace_remove(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    assert client.get("/api/v1/company/logo", headers=admin).status_code == 404
    r = client.put("/api/v1/company/logo", headers={**admin, "Content-Type": "image/png"}, content=PNG)
    assert r.status_code == 204, r.text
    client.post("/api/v1/users", headers=admin, json={"name": "Bob", "email": "bob@example.com",
                                                      "password": "password123"})
    bob = bearer(client.post("/api/v1/login", json={"email": "bob@example.com", "password": "password123"}).json())
    got = client.get("/api/v1/company/logo", headers=bob)
    assert (got.status_code, got.content, got.headers["content-type"]) == (200, PNG, "image/png")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"] == 'attachment; filename="company-logo.png"'
    client.put("/api/v1/company/logo", headers={**admin, "Content-Type": "image/jpeg"}, content=JPEG)
    assert client.get("/api/v1/company/logo", headers=bob).headers["content-type"] == "image/jpeg"

    refused = client.put("/api/v1/company/logo", headers={**bob, "Content-Type": "image/png"}, content=PNG)
    assert refused.status_code == 403 and refused.json()["detail"] == "needs the 'logo' permission"
    assert client.delete("/api/v1/company/logo", headers=bob).status_code == 403
    other = bearer(register(client, "Other", "olga@example.com"))
    assert client.get("/api/v1/company/logo", headers=other).status_code == 404  # not theirs

    assert client.delete("/api/v1/company/logo", headers=admin).status_code == 204
    assert client.get("/api/v1/company/logo", headers=bob).status_code == 404


def test_logo_refuses_what_is_no_picture_or_too_big(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    text = client.put("/api/v1/company/logo", headers={**admin, "Content-Type": "image/png"}, content=b"hello")
    assert text.status_code == 415 and "PNG or JPEG" in text.json()["detail"]
    big = client.put("/api/v1/company/logo", headers={**admin, "Content-Type": "image/png"},
                     content=PNG + b"\0" * 1_000_000)
    assert big.status_code == 413 and "1 MB" in big.json()["detail"]
    assert client.get("/api/v1/company/logo", headers=admin).status_code == 404  # nothing half-stored
    assert client.get("/api/v1/company/logo").status_code == 401


def test_logo_needs_a_sound_picture_not_just_its_magic(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    for polyglot in (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script>",  # PNG magic, then HTML
                     PNG[:40] + b"<script>alert(1)</script>" + PNG[40:],  # markup inside a sound head
                     b"\xff\xd8\xff<html><body>hi</body></html>"):
        r = client.put("/api/v1/company/logo", headers=admin, content=polyglot)
        assert r.status_code == 415, r.text
    assert client.get("/api/v1/company/logo", headers=admin).status_code == 404
    assert client.put("/api/v1/company/logo", headers=admin, content=JPEG).status_code == 204


def test_concurrent_logo_uploads_leave_one_whole_logo(client, hub, tmp_path):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    logos = [png_bytes(side) for side in range(700, 1000, 50)]  # six sound PNGs of 0.5 to 1 MB
    assert len(set(logos)) == 6 and max(map(len, logos)) <= 1_000_000

    def put(data):
        with httpx.Client(base_url=hub.base, timeout=60) as c:
            return c.put("/api/v1/company/logo", headers=admin, content=data).status_code

    for _round in range(3):
        with ThreadPoolExecutor(6) as pool:
            assert list(pool.map(put, logos)) == [204] * 6
        assert client.get("/api/v1/company/logo", headers=admin).content in logos
    assert len(list((tmp_path / "logos").iterdir())) == 1  # the logo, no temporary files left


def test_a_chunked_logo_over_the_limit_gets_413(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))

    def chunks(n):
        yield PNG
        for _ in range(n):
            yield b"a" * 65536

    for n in (20, 40):  # 1.3 MB (past the logo's limit) and 2.6 MB (past the hub's body limit)
        r = client.put("/api/v1/company/logo", headers=admin, content=chunks(n))
        assert r.status_code == 413, r.text
    assert client.get("/api/v1/company/logo", headers=admin).status_code == 404

"""The company logo route: PNG/JPEG ≤ 1 MB, `logo` permission to change, every colleague may fetch."""

from __future__ import annotations

from tests.server.conftest import bearer, register

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 100


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

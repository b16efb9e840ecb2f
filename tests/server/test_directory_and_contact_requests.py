"""The directory and contact requests against a real hub (SQLite and PostgreSQL): LIKE wildcards
match themselves, other companies appear only as name cards and only for searches of 3+ characters,
both routes are rate-limited per user, and contact requests are deduplicated."""

from __future__ import annotations

import pytest

from tests.server.conftest import bearer, register
from whitephone.server.app import DIRECTORY_RATE
from whitephone.server.routes_profile import CONTACT_REQUESTS_PER_HOUR

pytestmark = pytest.mark.timeout(120)


def me(client, tokens) -> dict:
    return client.get("/api/v1/me", headers=bearer(tokens)).json()


def test_directory_escapes_wildcards_and_shows_outsiders_as_name_cards(client):
    a = register(client, "Acme", "anna@acme.test")
    client.post("/api/v1/users", headers=bearer(a),
                json={"name": "Bob 100%_sure", "email": "bob@acme.test", "password": "password123"})
    register(client, "Other", "anton.secret@other.test")
    register(client, "Third", "zed@third.test")

    def search(q: str) -> list[dict]:
        r = client.get("/api/v1/directory", params={"q": q}, headers=bearer(a))
        assert r.status_code == 200, r.text
        return r.json()

    for wildcard in ("\\", "%%%", "___", "a%", "\\%", "n_a"):
        assert search(wildcard) == [], wildcard
    for literal in ("%", "_", "0%_", "%_s"):  # the characters themselves: Bob's name has them
        assert [u["name"] for u in search(literal)] == ["Bob 100%_sure"], literal
    # two characters: the own company only; three: other companies too, by name, as a name card
    assert {u["email"] for u in search("an")} == {"anna@acme.test"}
    found = search("ant")
    assert found == [{"id": found[0]["id"], "company_id": found[0]["company_id"], "name": "anton.secret"}]
    assert found[0]["company_id"] != me(client, a)["company_id"]
    # another company's address is never searchable (nor shown); the own company's is
    assert search("other.test") == [] and search("secret@") == []
    assert [u["email"] for u in search("acme.test")] == ["anna@acme.test", "bob@acme.test"]


def test_directory_is_rate_limited_per_user(client):
    a = register(client, "Acme", "anna@acme.test")
    o = register(client, "Other", "olga@other.test")
    codes = [client.get("/api/v1/directory", params={"q": "ann"}, headers=bearer(a)).status_code
             for _ in range(DIRECTORY_RATE + 1)]
    assert codes == [200] * DIRECTORY_RATE + [429]
    assert client.get("/api/v1/directory", params={"q": "olg"}, headers=bearer(o)).status_code == 200  # per user


def test_contact_requests_are_deduplicated_and_rate_limited(client):
    a = register(client, "A", "ann@a.test")
    b = register(client, "B", "ben@b.test")
    ben = me(client, b)["id"]
    first = client.post("/api/v1/contact-requests", headers=bearer(a), json={"to": ben})
    assert first.status_code == 201
    again = client.post("/api/v1/contact-requests", headers=bearer(a), json={"to": ben})
    assert again.status_code == 200 and again.json() == first.json()
    # the other way round while it is pending: accept theirs instead
    reverse = client.post("/api/v1/contact-requests", headers=bearer(b), json={"to": me(client, a)["id"]})
    assert reverse.status_code == 409 and str(first.json()["id"]) in reverse.json()["detail"]
    assert len(client.get("/api/v1/contact-requests", headers=bearer(b)).json()) == 1
    client.post(f"/api/v1/contact-requests/{first.json()['id']}/accept", headers=bearer(b))
    already = client.post("/api/v1/contact-requests", headers=bearer(a), json={"to": ben})
    assert already.status_code == 409 and "already contacts" in already.json()["detail"]

    # a sender may ask only so many people an hour
    spammer = register(client, "S", "spam@s.test")
    targets = [me(client, register(client, f"T{i}", f"t{i}@t.test"))["id"]
               for i in range(CONTACT_REQUESTS_PER_HOUR + 1)]
    codes = [client.post("/api/v1/contact-requests", headers=bearer(spammer), json={"to": t}).status_code
             for t in targets]
    assert codes == [201] * CONTACT_REQUESTS_PER_HOUR + [429]
    assert client.post("/api/v1/contact-requests", headers=bearer(spammer), json={"to": targets[0]}
                       ).status_code == 200  # a repeat is no new request

"""A private address book is its owner's alone, whichever way rows reach it (SQLite and PostgreSQL):
nobody else can write or move a contact into it, and when a book's `private` flag changes its
contacts follow it and colleagues who lose (or gain) rows are told to resync."""

from __future__ import annotations

import uuid

import pytest

from tests.server.conftest import bearer, register

pytestmark = pytest.mark.timeout(120)


def _mut(entity, rid, fields, base=0):
    return {"mutation_id": str(uuid.uuid4()), "entity": entity, "id": rid, "op": "upsert",
            "fields": fields, "base_version": base}


def _push(client, tok, *muts):
    r = client.post("/api/v1/sync/mutations", headers=bearer(tok), json={"mutations": list(muts)})
    assert r.status_code == 200, r.text
    return r.json()


def _feed(client, tok, since=0):
    return client.get("/api/v1/sync/changes", params={"since": since}, headers=bearer(tok))


def _ids(client, tok) -> set[str]:
    r = _feed(client, tok)
    assert r.status_code == 200, r.text
    return {c["id"] for c in r.json()["changes"] if not c["deleted"]}


def _snapshot_ids(client, tok) -> set[str]:
    r = client.get("/api/v1/sync/snapshot", headers=bearer(tok))
    assert r.status_code == 200, r.text
    return {c["id"] for c in r.json()["records"]}


def _colleague(client, admin, name):
    email = f"{name}@acme.test"
    r = client.post("/api/v1/users", headers=bearer(admin), json={"name": name, "email": email,
                                                                  "password": "password123"})
    assert r.status_code == 201, r.text
    return client.post("/api/v1/login", json={"email": email, "password": "password123"}).json()


def test_nobody_writes_or_moves_a_contact_into_a_colleagues_private_book(client):
    admin = register(client, "Acme", "boss@acme.test")
    bea, carl = _colleague(client, admin, "bea"), _colleague(client, admin, "carl")
    _push(client, bea, _mut("address_book", "bookB", {"name": "Bea's", "private": True}))
    new = _push(client, admin, _mut("contact", "c1", {"book": "bookB", "display_name": "injected"}))[0]
    assert (new["status"], new["reason"]) == ("rejected", "not found")
    v = _push(client, carl, _mut("contact", "c2", {"display_name": "shared"}))[0]["version"]
    moved = _push(client, admin, _mut("contact", "c2", {"book": "bookB"}, base=v))[0]
    assert (moved["status"], moved["reason"]) == ("rejected", "not found")
    assert "c1" not in _ids(client, bea) and "c2" in _ids(client, carl)
    assert _feed(client, carl, since=v).status_code == 200  # nothing was taken from Carl
    # the owner herself may
    assert _push(client, bea, _mut("contact", "c3", {"book": "bookB", "display_name": "mine"}))[0]["status"] == "applied"
    assert "c3" in _ids(client, bea) and "c3" not in _ids(client, carl)


def test_making_a_book_private_takes_it_and_its_contacts_from_colleagues(client):
    admin = register(client, "Acme", "boss@acme.test")
    bea = _colleague(client, admin, "bea")
    v = _push(client, admin, _mut("address_book", "bookS", {"name": "shared", "private": False}))[0]["version"]
    head = _push(client, bea, _mut("contact", "cS", {"book": "bookS", "display_name": "in shared"}))[0]["version"]
    assert {"bookS", "cS"} <= _ids(client, bea)
    assert _push(client, admin, _mut("address_book", "bookS", {"private": True}, base=v))[0]["status"] == "applied"
    r = _feed(client, bea, since=head)
    assert r.status_code == 409 and r.json()["detail"]["code"] == "resync_required"
    assert not {"bookS", "cS"} & _snapshot_ids(client, bea)
    assert {"bookS", "cS"} <= _snapshot_ids(client, admin)
    # the contact is the book owner's now: Bea can no longer write it
    assert _push(client, bea, _mut("contact", "cS", {"display_name": "x"}, base=head))[0]["reason"] == "not found"


def test_making_a_private_book_shared_gives_it_and_its_contacts_to_colleagues(client):
    admin = register(client, "Acme", "boss@acme.test")
    bea = _colleague(client, admin, "bea")
    v = _push(client, admin, _mut("address_book", "bookP", {"name": "mine", "private": True}))[0]["version"]
    head = _push(client, admin, _mut("contact", "cP", {"book": "bookP", "display_name": "p"}))[0]["version"]
    assert _feed(client, bea, since=head).status_code == 200
    assert _push(client, admin, _mut("address_book", "bookP", {"private": False}, base=v))[0]["status"] == "applied"
    # the feed would not repeat the older contact: Bea resyncs and finds both
    assert _feed(client, bea, since=head).status_code == 409
    assert {"bookP", "cP"} <= _snapshot_ids(client, bea)
    assert _push(client, bea, _mut("contact", "cP", {"notes": "now shared"}))[0]["status"] in ("applied", "merged")


def test_a_contact_pushed_before_its_private_book_follows_the_book(client):
    admin = register(client, "Acme", "boss@acme.test")
    bea = _colleague(client, admin, "bea")
    head = _push(client, admin, _mut("contact", "cq", {"book": "bookLater", "display_name": "q"}))[0]["version"]
    assert "cq" in _ids(client, bea)
    assert _push(client, admin, _mut("address_book", "bookLater", {"name": "later", "private": True}))[0][
        "status"] == "applied"
    assert _feed(client, bea, since=head).status_code == 409
    assert "cq" not in _snapshot_ids(client, bea) and "cq" not in _ids(client, bea)
    assert "cq" in _snapshot_ids(client, admin)

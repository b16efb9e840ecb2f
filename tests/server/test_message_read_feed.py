"""Issue 14 (tester's defect 17): `GET /api/v1/messages/read-since?after=SEQ` tells a user's other
computers which of their messages were read, in the order they were marked. Against a real hub
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.server.conftest import bearer
from tests.server.test_message_idempotency import _two

pytestmark = pytest.mark.timeout(120)


def test_reads_come_back_in_order_after_the_cursor(client, hub):
    admin, bob, bob_id = _two(client)
    ids = [client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": f"m{i}"}).json()["id"]
           for i in range(3)]
    assert client.get("/api/v1/messages/read-since", headers=bearer(bob)).json() == []
    for mid in (ids[2], ids[0]):
        assert client.post(f"/api/v1/messages/{mid}/read", headers=bearer(bob)).status_code == 204
    got = client.get("/api/v1/messages/read-since", headers=bearer(bob)).json()
    assert [r["id"] for r in got] == [ids[2], ids[0]]
    # read again: nothing new in the feed
    assert client.post(f"/api/v1/messages/{ids[2]}/read", headers=bearer(bob)).status_code == 204
    after = got[-1]["seq"]
    assert client.get("/api/v1/messages/read-since", headers=bearer(bob), params={"after": after}).json() == []
    client.post(f"/api/v1/messages/{ids[1]}/read", headers=bearer(bob))
    got = client.get("/api/v1/messages/read-since", headers=bearer(bob), params={"after": after}).json()
    assert [r["id"] for r in got] == [ids[1]]


def test_the_feed_is_mine_only_and_bad_cursors_are_refused(client, hub):
    admin, bob, bob_id = _two(client)
    mid = client.post("/api/v1/messages", headers=bearer(admin), json={"to": bob_id, "body": "hi"}).json()["id"]
    assert client.post(f"/api/v1/messages/{mid}/read", headers=bearer(admin)).status_code == 404  # not hers
    client.post(f"/api/v1/messages/{mid}/read", headers=bearer(bob))
    assert client.get("/api/v1/messages/read-since", headers=bearer(admin)).json() == []
    for params in ({"after": -1}, {"after": "x"}, {"limit": 0}, {"limit": 1001}, {"after": 2**63}):
        r = client.get("/api/v1/messages/read-since", headers=bearer(bob), params=params)
        assert r.status_code == 422, (params, r.status_code)
    assert client.get("/api/v1/messages/read-since").status_code == 401

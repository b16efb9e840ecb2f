"""CRM defects found in review (hub): defects found by attacking a real hub (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.server.conftest import bearer, register
from tests.server.test_crm_hub import _mut, _push, _record, _team  # the same hub set-up

pytestmark = pytest.mark.timeout(120)


def _pull(client, tok, since=0):
    out, more = {}, True
    while more:
        r = client.get("/api/v1/sync/changes", params={"since": since, "limit": 500}, headers=bearer(tok))
        assert r.status_code == 200, r.text
        feed = r.json()
        out.update({c["id"]: c for c in feed["changes"]})
        since, more = feed["next"], feed["more"]
    return out, since


def test_a_colleague_cannot_delete_someone_elses_append_only_note(client):
    """Notes are append-only (author and time), yet any colleague can delete bob's note, even on a
    closed record, and it disappears for everybody."""
    admin, bob, cat, _ids = _team(client)
    v = _push(client, bob, _mut("crm_record", "r1", _record()))[0]["version"]
    _push(client, bob, _mut("crm_note", "n1", {"record": "r1", "body": "promised a refund"}))
    _push(client, bob, _mut("crm_record", "r1", {"status": "closed"}, base=v))
    res = _push(client, cat, _mut("crm_note", "n1", {}, op="delete"))[0]
    assert res["status"] == "rejected", f"cat deleted bob's note on a closed record: {res}"
    shown = client.get("/api/v1/crm/records/r1", headers=bearer(admin)).json()
    assert [n["body"] for n in shown["notes"]] == ["promised a refund"]


def test_reopening_a_record_brings_its_reminder_back(client):
    """A record with a reminder is closed (its reminder is dropped) and re-opened: the remind_at is
    still on the record and shown in the app, but the hub never delivers it any more."""
    _admin, bob, _cat, _ids = _team(client)
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    v = _push(client, bob, _mut("crm_record", "r", _record(remind_at=later)))[0]["version"]
    v = _push(client, bob, _mut("crm_record", "r", {"status": "closed"}, base=v))[0]["version"]
    _push(client, bob, _mut("crm_record", "r", {"status": "open"}, base=v))
    shown = client.get("/api/v1/crm/records/r", headers=bearer(bob)).json()
    assert shown["status"] == "open" and shown["remind_at"] == later
    assert len(client.get("/api/v1/reminders", headers=bearer(bob)).json()) == 1, \
        "the re-opened record's reminder is silently gone"


def test_a_reminder_is_not_delivered_to_someone_who_can_no_longer_see_the_record(client):
    """cat sets a reminder on a company record; bob moves the record into Sales (cat is not a
    member). cat's pending reminder stays and will be delivered with the record's subject."""
    admin, bob, cat, ids = _team(client)
    gid = client.post("/api/v1/groups", headers=bearer(admin), json={"name": "Sales", "members": [ids["bob"]]}).json()["id"]
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    v = _push(client, bob, _mut("crm_record", "r", _record(subject="Secret merger")))[0]["version"]
    v = _push(client, cat, _mut("crm_record", "r", {"remind_at": later}, base=v))[0]["version"]
    assert len(client.get("/api/v1/reminders", headers=bearer(cat)).json()) == 1
    assert _push(client, bob, _mut("crm_record", "r", {"group_id": gid}, base=v))[0]["status"] == "applied"
    assert client.get("/api/v1/crm/records/r", headers=bearer(cat)).status_code == 404
    pending = client.get("/api/v1/reminders", headers=bearer(cat)).json()
    assert pending == [], f"cat will still be reminded of a record it may not see: {pending}"


def test_a_colleague_cannot_wipe_someone_elses_record_with_its_notes_and_history(client):
    """The app offers no delete of CRM records (close/re-open only), but the sync route lets any
    colleague delete bob's record: its notes and history go with it, for everybody."""
    admin, bob, cat, _ids = _team(client)
    _push(client, bob, _mut("crm_record", "r1", _record()))
    _push(client, bob, _mut("crm_note", "n1", {"record": "r1", "body": "promised a refund"}))
    res = _push(client, cat, _mut("crm_record", "r1", {}, op="delete"))[0]
    assert res["status"] == "rejected", f"cat deleted bob's record and its notes: {res}"
    assert client.get("/api/v1/crm/records/1", headers=bearer(admin)).status_code == 200


def test_a_task_number_lookup_is_not_hijacked_by_a_record_whose_id_is_that_number(client):
    """Record ids are chosen by clients. cat creates a record whose id is "2" (it gets task 1);
    bob's next record gets task 2. GET /crm/records/2 (and `whitephone crm show 2` on the hub)
    must show task 2, but it shows cat's record (task 1)."""
    _admin, bob, cat, _ids = _team(client)
    _push(client, cat, _mut("crm_record", "2", _record(subject="Decoy")))
    _push(client, bob, _mut("crm_record", "real", _record(subject="Real task two")))
    shown = client.get("/api/v1/crm/records/2", headers=bearer(bob)).json()
    assert shown["task_number"] == 2 and shown["subject"] == "Real task two", shown


def test_concurrent_type_additions_all_survive(hub, client):
    """Two CRM admins add types at the same moment: every POST answers 201 with its type, but on
    SQLite and PostgreSQL most of them are lost (whitephone/server/crm.py add_type reads the list in one
    connection and writes the whole list back in another, with no lock: lost update)."""
    import threading

    import httpx

    admin = register(client, "Acme", "a@acme.test")
    barrier, codes = threading.Barrier(8), []

    def add(i):
        with httpx.Client(base_url=hub.base, timeout=60) as c:
            barrier.wait()
            codes.append(c.post("/api/v1/crm/types", headers=bearer(admin), json={"name": f"T{i}"}).status_code)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    types = client.get("/api/v1/crm/types", headers=bearer(admin)).json()["types"]
    accepted = codes.count(201)
    assert len(types) == 4 + accepted, f"{accepted} additions answered 201, the list kept only: {types}"


def test_a_far_future_created_at_cannot_pin_a_record_or_note_on_top_of_every_list(client):
    """created_at is taken from the client as is: a colleague's record or note dated 9999-12-31
    sorts first in everybody's CRM tab, popup and timeline (all order by created_at) for ever.
    The hub should stamp it, or refuse a time far ahead of its clock."""
    _admin, bob, _cat, _ids = _team(client)
    res = _push(client, bob, _mut("crm_record", "r1", _record(created_at="9999-12-31T23:59:59+00:00")))[0]
    note = _push(client, bob, _mut("crm_note", "n1", {"record": "r1", "body": "x",
                                                      "created_at": "9999-12-31T23:59:59+00:00"}))[0]
    shown = client.get("/api/v1/crm/records/r1", headers=bearer(bob)).json()
    stored = [shown.get("created_at")] + [n.get("created_at") for n in shown["notes"]]
    assert res["status"] == "rejected" or note["status"] == "rejected" or \
        not any(s and s.startswith("9999") for s in stored), f"accepted and kept as {stored}"


@pytest.mark.parametrize("to_company", [True, False], ids=["to-company", "to-other-group"])
def test_a_moved_group_record_brings_its_notes_and_history_to_new_viewers(client, to_company):
    """bob's Sales record with a note moves to the whole company (or to Support, cat's group).
    cat, already synced, pulls incrementally: it gets the record but never its earlier note or
    history, which kept their old versions (server/crm.py record_changed updates group_id of the
    children without a new seq, and sync.py _moved_out only handles users who LOSE the row); a
    pull from 0 does have them, so cat's copy differs for ever."""
    admin, bob, cat, ids = _team(client)
    sales = client.post("/api/v1/groups", headers=bearer(admin), json={
        "name": "Sales", "members": [ids["bob"]]}).json()["id"]
    support = client.post("/api/v1/groups", headers=bearer(admin), json={
        "name": "Support", "members": [ids["bob"], ids["cat"]]}).json()["id"]
    cat = client.post("/api/v1/login", json={"email": "cat@acme.test", "password": "password123"}).json()
    v = _push(client, bob, _mut("crm_record", "g1", _record(group_id=sales)))[0]["version"]
    _push(client, bob, _mut("crm_note", "gn", {"record": "g1", "body": "customer is angry"}))
    _push(client, admin, _mut("crm_record", "pub", _record(subject="Public")))  # moves cat's cursor on
    seen, cursor = _pull(client, cat)
    assert "pub" in seen and "g1" not in seen and cursor > 0
    target = None if to_company else support
    assert _push(client, bob, _mut("crm_record", "g1", {"group_id": target}, base=v))[0]["status"] == "applied"
    full, _ = _pull(client, cat, 0)
    assert "gn" in full  # the hub considers the note visible to cat now
    incremental, _ = _pull(client, cat, cursor)
    assert "g1" in incremental
    assert "gn" in incremental, "the record's earlier note never reaches a client that was already synced"
    created = [c for c in incremental.values() if c["entity"] == "crm_change" and c["fields"].get("record") == "g1"
               and c["fields"]["field"] == "created"]
    assert created, "the record's earlier history never reaches a client that was already synced"


def test_a_pending_reminder_follows_the_records_new_subject(client):
    """The reminder text is frozen when remind_at is set (server/crm.py _set_reminder runs only
    when remind_at or status change): after the subject is corrected, the reminder message still
    carries the old (maybe wrong, maybe confidential) subject."""
    _admin, bob, _cat, _ids = _team(client)
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    v = _push(client, bob, _mut("crm_record", "r", _record(subject="Call Smith re: layoffs", remind_at=later)))[0]
    _push(client, bob, _mut("crm_record", "r", {"subject": "Call Smith"}, base=v["version"]))
    bodies = [r["body"] for r in client.get("/api/v1/reminders", headers=bearer(bob)).json()]
    assert bodies == ["Reminder: task 1: Call Smith"], bodies

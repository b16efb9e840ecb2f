"""CRM records across two clients and a real hub (SQLite and PostgreSQL): task numbers from
offline clients, call-group visibility, notes refused on closed records, history, reminders that
come due while no app runs."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from whitephone.store.crm import CrmError

pytestmark = pytest.mark.timeout(180)


def _wait_for(fn, what, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if got := fn():
            return got
        time.sleep(0.1)
    raise AssertionError(f"no {what} within {timeout}s")


def test_task_numbers_from_two_offline_clients_are_unique_and_never_reused(clients):
    a, b = clients("alice"), clients("bob")
    made_a = [a.store.crm.create(subject=f"A{i}", type="Support", number="+4930111") for i in range(5)]
    made_b = [b.store.crm.create(subject=f"B{i}", type="Complaint", priority="high") for i in range(5)]
    assert {r.task_label for r in made_a + made_b} == {"pending"}
    b.engine.sync_once()  # bob first: numbers are given in the order the hub sees them
    a.engine.sync_once()
    b.engine.sync_once()
    numbers = {}
    for c in (a, b):
        got = {r.uid: r.task_number for r in c.store.crm.find(limit=100)}
        assert set(got) == {r.uid for r in made_a + made_b}
        numbers[c] = got
    assert numbers[a] == numbers[b]
    assert sorted(numbers[a].values()) == list(range(1, 11))
    assert {numbers[a][r.uid] for r in made_b} == set(range(1, 6))
    # history is the hub's now (its rows replaced the pending ones), the opener is known
    rec = a.store.crm.get(numbers[a][made_b[0].uid])
    assert (rec.owner_name, rec.subject) == ("bob", "B0")
    assert [(h["field"], h["who"], h["pending"]) for h in a.store.crm.history(rec.uid)] == [("created", "bob", False)]
    # a deleted record's number is not given again
    client = a.session.ensure()
    client.mutations([{"mutation_id": "delete-record-1", "entity": "crm_record", "id": made_a[0].uid, "op": "delete",
                       "fields": {}, "base_version": 0}])
    c = b.store.crm.create(subject="after", type="Support")
    b.engine.sync_once()
    assert b.store.crm.get(c.uid).task_number == 11
    a.engine.sync_once()
    assert a.store.crm.get(made_a[0].uid) is None and a.store.crm.count() == 10


def test_group_records_reach_members_only(clients):
    a, b, c = clients("alice"), clients("bob"), clients("cat")
    admin = a.session.ensure()
    ids = {u["name"]: u["id"] for u in admin.users()}
    gid = admin.create_group("Support team", [ids["alice"], ids["bob"]])["id"]
    rec = a.store.crm.create(subject="VIP outage", type="Support", group_id=gid)
    a.store.crm.add_note(rec.uid, "on it")
    a.store.crm.create(subject="Everyone's", type="Support")
    a.engine.sync_once()
    b.engine.sync_once()
    c.engine.sync_once()
    assert {r.subject for r in b.store.crm.find()} == {"VIP outage", "Everyone's"}
    assert [n.body for n in b.store.crm.notes(rec.uid)] == ["on it"]
    assert {r.subject for r in c.store.crm.find()} == {"Everyone's"}
    assert c.store.crm.get(rec.uid) is None and c.store.crm.notes(rec.uid) == []
    assert c.store.crm.count(group_id=gid) == 0 and b.store.crm.count(group_id=gid) == 1
    # through the hub's API directly too
    cat = c.session.ensure()
    assert [r["subject"] for r in cat.request("GET", "/api/v1/crm/records")] == ["Everyone's"]
    assert b.session.ensure().request("GET", f"/api/v1/crm/records/{rec.uid}")["notes"][0]["body"] == "on it"
    from whitephone.sync.hub_client import HubError

    with pytest.raises(HubError) as e:
        cat.request("GET", f"/api/v1/crm/records/{rec.uid}")
    assert e.value.status == 404


def test_task_numbers_stay_unique_when_two_clients_sync_at_the_same_moment(clients):
    import threading

    a, b = clients("alice"), clients("bob")
    for c in (a, b):
        for i in range(40):
            c.store.crm.create(subject=f"{c.root.name} {i}", type="Support")
    go = threading.Barrier(2)

    def sync(c):
        go.wait()
        c.engine.sync_once()

    threads = [threading.Thread(target=sync, args=(c,)) for c in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    a.engine.sync_once()
    b.engine.sync_once()
    for c in (a, b):
        numbers = sorted(r.task_number for r in c.store.crm.find(limit=1000))
        assert numbers == list(range(1, 81))


def test_a_note_on_a_closed_record_is_refused_on_the_client_and_on_the_hub(clients):
    a, b = clients("alice"), clients("bob")
    rec = a.store.crm.create(subject="Refund", type="Complaint")
    a.engine.sync_once()
    b.engine.sync_once()
    a.store.crm.close(rec.uid)
    with pytest.raises(CrmError) as e:
        a.store.crm.add_note(rec.uid, "x")
    assert e.value.kind == "closed"
    a.engine.sync_once()
    b.store.crm.add_note(rec.uid, "written before bob saw it closed")  # his copy is still open
    summary = b.engine.sync_once()
    assert summary.rejected == 1
    (why,) = [r for r in b.engine.rejections() if r.entity == "crm_note"]
    assert "task 1 is closed" in why.reason
    assert b.store.crm.get(rec.uid).status == "closed"
    # re-opened, a note goes through and reaches alice with its author
    b.store.crm.reopen(rec.uid)
    b.store.crm.add_note(rec.uid, "back on it")
    b.engine.sync_once()
    a.engine.sync_once()
    notes = a.store.crm.notes(rec.uid)
    assert [(n.body, n.author_name) for n in notes] == [("back on it", "bob")]
    fields = [(h["field"], h["new"], h["who"]) for h in a.store.crm.history(rec.uid)]
    assert fields == [("created", "Refund", "alice"), ("status", "closed", "alice"), ("status", "open", "bob")]


def test_a_reminder_due_while_the_app_is_closed_is_delivered_after(clients, tmp_path):
    from tests.sync.conftest import Client

    a = clients("alice")
    assert a.store.crm.types()[0] == "Sales enquiry"
    rec = a.store.crm.create(subject="Call Mr Jones back", type="Follow-up")
    a.store.crm.remind(rec.uid, (datetime.now(UTC) + timedelta(seconds=2)).isoformat())
    a.engine.sync_once()
    root = a.root
    a.close()  # the app is closed when the reminder comes due
    time.sleep(3)
    again = Client(root)  # the next start
    try:
        assert again.session.resume()
        due = again.store.crm.due_reminders()
        assert [r.uid for r in due] == [rec.uid]  # the desktop notification the window shows
        again.store.crm.mark_reminded(rec.uid)
        assert again.store.crm.due_reminders() == []
        msgs = _wait_for(lambda: [m for m in again.session.ensure().request("GET", "/api/v1/messages")
                                  if m["kind"] == "reminder"], "reminder message")
        assert msgs[0]["body"] == "Reminder: task 1: Call Mr Jones back"
    finally:
        again.close()

"""The CRM store API (store.crm): records, notes, history, filters and counts, reminders."""

from __future__ import annotations

import json

import pytest

from whitephone.store import Store
from whitephone.store.crm import DEFAULT_TYPES, CrmError


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "wp.sqlite")
    yield s
    s.close()


def test_create_is_pending_and_queued_for_sync(store):
    r = store.crm.create(subject="Printer on fire", type="Support", priority="high", number="+4930123")
    assert r.task_number is None and r.task_label == "pending" and r.status == "open"
    assert store.crm.get(r.uid) == r
    pending = store.outbox.pending()
    assert [(p["entity"], p["entity_id"]) for p in pending] == [("crm_record", r.uid)]
    assert store.crm.history(r.uid)[0]["field"] == "created"


def test_defaults_types_and_the_hub_list(store):
    assert store.crm.types() == list(DEFAULT_TYPES)
    store.crm.set_types(["Repair", "Support"])
    assert store.crm.types() == ["Repair", "Support"]
    with pytest.raises(CrmError) as e:
        store.crm.create(subject="x", type="Complaint")
    assert e.value.kind == "bad_value" and "Repair" in str(e.value)


@pytest.mark.parametrize("kwargs, words", [
    ({"subject": "", "type": "Support"}, "subject"),
    ({"subject": "x" * 201, "type": "Support"}, "longer"),
    ({"subject": "x", "type": ""}, "type"),
    ({"subject": "x", "type": "Support", "priority": "urgent"}, "priority"),
    ({"subject": "x", "type": "Support", "group_id": 0}, "group"),
])
def test_bad_values_are_refused_and_nothing_is_stored(store, kwargs, words):
    with pytest.raises(CrmError) as e:
        store.crm.create(**kwargs)
    assert e.value.kind == "bad_value" and words in str(e.value)
    assert store.crm.count() == 0 and store.outbox.count() == 0


def test_notes_close_reopen_and_history(store):
    store.sync.set("user_id", "7")
    store.sync.set("user_name", "Ana Souza")
    r = store.crm.create(subject="Quote", type="Sales enquiry", contact="c-1")
    n = store.crm.add_note(r.uid, "called back", private=True)
    assert (n.author_id, n.author_name, n.private) == (7, "Ana Souza", True)
    store.crm.close(r.uid)
    with pytest.raises(CrmError) as e:
        store.crm.add_note(r.uid, "too late")
    assert e.value.kind == "closed" and "re-open" in str(e.value)
    assert [x.body for x in store.crm.notes(r.uid)] == ["called back"]
    again = store.crm.reopen(r.uid)
    assert again.status == "open" and again.closed_at is None
    store.crm.add_note(r.uid, "ok now")
    h = [(x["field"], x["old"], x["new"], x["who"]) for x in store.crm.history(r.uid)]
    assert h[1:] == [("status", "open", "closed", "Ana Souza"), ("status", "closed", "open", "Ana Souza")]
    with pytest.raises(CrmError) as e:
        store.crm.add_note(r.uid, "   ")
    assert e.value.kind == "bad_value"
    with pytest.raises(CrmError) as e:
        store.crm.close("no-such")
    assert e.value.kind == "not_found"


def test_only_changed_fields_are_pushed(store):
    r = store.crm.create(subject="Quote", type="Support")
    store.outbox.acknowledge([p["mutation_id"] for p in store.outbox.pending()])
    store.crm.close(r.uid)
    (p,) = store.outbox.pending()
    assert set(json.loads(p["fields"])) == {"status", "closed_at", "updated_at"}
    store.crm.close(r.uid)  # already closed: nothing new
    assert store.outbox.count() == 1


def test_find_count_and_for_contact(store):
    made = []
    for i in range(30):
        made.append(store.crm.create(subject=f"s{i}", type=DEFAULT_TYPES[i % 4], priority=("low", "medium", "high")[i % 3],
                                     contact="c-1" if i % 5 == 0 else None, number="+4930" if i % 7 == 0 else None,
                                     group_id=3 if i % 2 else None))
    for r in made[:10]:
        store.crm.close(r.uid)
    assert store.crm.count() == 30
    assert store.crm.count(status="closed") == 10 and store.crm.count(status="open") == 20
    for kw in ({"type": "Support"}, {"priority": "high", "status": "open"}, {"group_id": 3}, {"group_id": 0},
               {"contact": "c-1"}, {"number": "+4930", "status": "closed"}):
        found = store.crm.find(**kw, limit=1000)
        assert len(found) == store.crm.count(**kw)
        assert all(all(getattr(r, k) == (None if (k, v) == ("group_id", 0) else v) for k, v in kw.items()) for r in found)
    page = store.crm.find(limit=10)
    assert [r.subject for r in page] == [f"s{i}" for i in range(29, 19, -1)]
    assert [r.subject for r in store.crm.find(offset=10, limit=5)] == [f"s{i}" for i in range(19, 14, -1)]
    mine = store.crm.for_contact("c-1", "+4930")
    assert {r.subject for r in mine} == {f"s{i}" for i in range(30) if i % 5 == 0 or i % 7 == 0}
    statuses = [r.status for r in mine]
    assert statuses == sorted(statuses, key=lambda s: s != "open")
    assert store.crm.for_contact() == []


def test_get_by_task_number_or_uid(store):
    r = store.crm.create(subject="x", type="Support")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE crm_records SET task_number = 42 WHERE uid = ?", (r.uid,))
    assert store.crm.get(42).uid == r.uid and store.crm.get("42").uid == r.uid
    assert store.crm.get(43) is None and store.crm.get("") is None
    assert store.crm.get(2**70) is None and store.crm.get(-1) is None
    assert store.crm.get("²") is None and store.crm.get("9" * 40) is None
    store.crm.add_note(store.crm.resolve("42").uid, "by number")  # the CLI's TASK is resolved first
    with pytest.raises(CrmError):
        store.crm.add_note("42", "writes take the record's uid, never a task number")
    assert store.crm.notes(r.uid)[0].body == "by number"


def test_due_reminders(store):
    r = store.crm.create(subject="call back", type="Follow-up")
    store.crm.remind(r.uid, "2026-12-24T09:30:00+01:00")
    assert store.crm.get(r.uid).remind_at == "2026-12-24T08:30:00+00:00"
    assert store.crm.due_reminders("2026-12-24T08:29:00Z") == []
    assert [x.uid for x in store.crm.due_reminders("2026-12-24T08:30:00Z")] == [r.uid]
    store.crm.mark_reminded(r.uid)
    assert store.crm.due_reminders("2026-12-25T00:00:00Z") == []
    store.crm.remind(r.uid, "2026-12-26T10:00")  # a new time: shown again when due
    assert [x.uid for x in store.crm.due_reminders("2026-12-27T00:00:00Z")] == [r.uid]
    with pytest.raises(CrmError) as e:
        store.crm.remind(r.uid, "tomorrow-ish")
    assert e.value.kind == "bad_value"
    store.crm.close(r.uid)
    assert store.crm.due_reminders("2026-12-27T00:00:00Z") == []


def test_a_write_is_seen_by_a_watch(store):
    w = store.watch_changes()
    w.changed()
    store.crm.create(subject="x", type="Support")
    assert w.changed()


def test_records_of_a_call(store):
    a = store.crm.create(subject="during the call", type="Support", call="call-1", number="+4930")
    store.crm.create(subject="other", type="Support", call="call-2")
    assert [r.uid for r in store.crm.for_call("call-1")] == [a.uid]
    assert store.crm.for_call("") == []


def test_rows_from_the_hub_apply_with_their_reminder_in_utc(store):
    from whitephone.store.database import write_transaction
    from whitephone.store.sync_rows import CrmRecordRows

    with write_transaction(store.engine) as conn:
        CrmRecordRows().upsert(conn, [("r-1", {"subject": "From a colleague", "type": "Support", "priority": "bogus",
                                               "status": "closed", "task_number": 9, "remind_at": "2026-01-01T10:00+02:00",
                                               "group_id": True, "owner_name": "Bob"})])
    r = store.crm.get(9)
    assert (r.uid, r.priority, r.status, r.remind_at, r.group_id, r.owner_name) == (
        "r-1", "medium", "closed", "2026-01-01T08:00:00+00:00", None, "Bob")
    assert store.crm.count(status="closed") == 1 and store.outbox.count() == 0

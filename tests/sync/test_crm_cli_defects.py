"""CRM defects found in review (CLI): real `whitephone` processes with their own profiles."""

from __future__ import annotations

import pytest

from tests.sync.test_cli import err, out, wp

pytestmark = pytest.mark.timeout(240)


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_remind_at_the_edge_of_the_calendar_is_a_clear_error_not_a_traceback(tmp_path, when):
    """`crm remind 1 --at 9999-12-31T23:59:59-05:00` parses, but converting it to UTC overflows:
    the command dies with an OverflowError traceback instead of exit 2 and {"kind": "bad_value"}
    (whitephone/store/crm.py _iso catches only ValueError)."""
    a = tmp_path / "a"
    (rec,) = out(wp(a, "crm", "new", "--number", "+4930123456", "--type", "Support", "--priority", "high",
                    "--subject", "Boiler"))
    r = wp(a, "crm", "remind", rec["id"], "--at", when)
    assert "Traceback" not in r.stderr, r.stderr[-600:]
    assert r.returncode == 2 and err(r)["kind"] == "bad_value"


def _two_users(hub, a, b):
    import httpx

    from tests.sync.test_cli import PASSWORD
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
               json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD})
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_note_the_hub_refused_is_not_shown_as_a_note_of_the_closed_record(hub, tmp_path):
    """Bob notes task 1 while offline; Alice closes it and syncs first. Bob's sync reports
    rejected: 1, yet `crm show 1` on Bob's profile keeps listing the refused note as an ordinary
    note of the (now closed) record, with no mark, for ever; Alice and the hub never have it."""
    a, b = tmp_path / "a", tmp_path / "b"
    _two_users(hub, a, b)
    out(wp(a, "crm", "new", "--number", "+4930123456", "--type", "Support", "--priority", "high", "--subject", "Boiler"))
    out(wp(a, "sync", "--once"))
    out(wp(b, "sync", "--once"))
    out(wp(b, "crm", "note", "1", "offline note from bob"))
    out(wp(a, "crm", "close", "1"))
    out(wp(a, "sync", "--once"))
    assert out(wp(b, "sync", "--once"))[0]["rejected"] == 1
    (alice,) = out(wp(a, "crm", "show", "1"))
    (bob,) = out(wp(b, "crm", "show", "1"))
    assert bob["status"] == "closed" and alice["notes"] == []
    lying = [n for n in bob["notes"] if not (n.get("rejected") or n.get("pending"))]
    assert lying == [], f"a refused note is shown as part of the closed record: {lying}"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_reminder_pops_up_only_for_the_user_who_set_it(hub, tmp_path):
    """Alice sets a reminder on a company record. The hub reminds Alice only, but remind_at is a
    plain synced field and the app's ReminderWatch (ui/crm_parts.py) notifies whatever
    store.crm.due_reminders() returns, which has no notion of who set it: every colleague's app
    pops up Alice's reminder."""
    from datetime import UTC, datetime, timedelta

    from whitephone.profile import Profile
    from whitephone.store import Store

    a, b = tmp_path / "a", tmp_path / "b"
    _two_users(hub, a, b)
    (rec,) = out(wp(a, "crm", "new", "--number", "+4930123456", "--type", "Support", "--priority", "high",
                    "--subject", "Call the supplier"))
    out(wp(a, "crm", "remind", rec["id"], "--at", (datetime.now(UTC) + timedelta(seconds=2)).isoformat()))
    out(wp(a, "sync", "--once"))
    out(wp(b, "sync", "--once"))
    store = Store(Profile.open(b).db_path)
    try:
        due = store.crm.due_reminders(datetime.now(UTC) + timedelta(minutes=1))
    finally:
        store.close()
    assert [r.subject for r in due] == [], "Bob's app would pop up Alice's reminder"


def test_list_with_a_huge_limit_is_a_clear_error_not_a_traceback(tmp_path):
    """`crm list --limit 99999999999999999999` dies with "OverflowError: Python int too large to
    convert to SQLite INTEGER" (commands/crm_cmd.py checks only --limit >= 1)."""
    a = tmp_path / "a"
    out(wp(a, "crm", "new", "--number", "1", "--type", "Support", "--priority", "low", "--subject", "x"))
    r = wp(a, "crm", "list", "--limit", "99999999999999999999")
    assert "Traceback" not in r.stderr, r.stderr[-300:]
    assert r.returncode in (0, 2)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_reminder_already_shown_is_not_shown_again_on_a_second_device(hub, tmp_path):
    """Alice's reminder fell due and her desktop showed it (and the hub sent the reminder
    message). Days later she signs in on a laptop: its first sync pulls the record with its past
    remind_at, and the laptop's ReminderWatch pops the old reminder again (the "shown" mark,
    reminded_at, is kept per device only: whitephone/store/crm.py mark_reminded/due_reminders)."""
    import time
    from datetime import UTC, datetime, timedelta

    from tests.sync.test_cli import PASSWORD
    from whitephone.profile import Profile
    from whitephone.store import Store

    a, laptop = tmp_path / "a", tmp_path / "laptop"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    (rec,) = out(wp(a, "crm", "new", "--number", "1", "--type", "Support", "--priority", "low", "--subject", "Old"))
    out(wp(a, "crm", "remind", rec["id"], "--at", (datetime.now(UTC) + timedelta(seconds=1)).isoformat()))
    out(wp(a, "sync", "--once"))
    time.sleep(2)
    desk = Store(Profile.open(a).db_path)
    try:
        assert [r.subject for r in desk.crm.due_reminders()] == ["Old"]
        desk.crm.mark_reminded(rec["id"])  # what ReminderWatch does once it showed it
        assert desk.crm.due_reminders() == []
    finally:
        desk.close()
    out(wp(laptop, "login", "--server", hub.base, "--email", "alice@example.com", "--password-stdin",
           stdin=PASSWORD + "\n"))
    out(wp(laptop, "sync", "--once"))
    second = Store(Profile.open(laptop).db_path)
    try:
        assert [r.subject for r in second.crm.due_reminders()] == [], "the old reminder pops up again"
    finally:
        second.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_record_whose_id_is_all_digits_cannot_divert_notes_and_closes_to_another_task(hub, tmp_path):
    """Record ids come from clients. Bob pushes a record with id "2" (it gets task 1); Alice's
    next record gets task 2. The CRM window acts by uid (crm_window.py add_note/close_record pass
    self.current.uid), but store.crm treats any digit string as a task number (store/crm.py
    _locked/get): Alice writing on Bob's record puts her note on task 2 and closes task 2."""
    import uuid

    import httpx

    from tests.sync.test_cli import PASSWORD
    from whitephone.profile import Profile
    from whitephone.store import Store

    a, b = tmp_path / "a", tmp_path / "b"
    _two_users(hub, a, b)
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "bob@example.com", "password": PASSWORD}).json()
        r = h.post("/api/v1/sync/mutations", headers={"Authorization": f"Bearer {tok['access_token']}"}, json={
            "mutations": [{"mutation_id": str(uuid.uuid4()), "entity": "crm_record", "id": "2", "op": "upsert",
                           "base_version": 0, "fields": {"subject": "Bob's record", "type": "Support",
                                                         "priority": "low", "status": "open", "number": "1"}}]})
        assert r.json()[0]["status"] == "applied"
    (mine,) = out(wp(a, "crm", "new", "--number", "1", "--type", "Support", "--priority", "low",
                     "--subject", "Alice's record"))
    out(wp(a, "sync", "--once"))
    store = Store(Profile.open(a).db_path)
    try:
        assert store.crm.get(mine["id"]).task_number == 2
        note = store.crm.add_note("2", "for Bob's record")  # the window passes the record's uid
        store.crm.close("2")
        assert note.record == "2", "the note went to task 2 (Alice's record) instead"
        assert store.crm.get(mine["id"]).status == "open", "closing Bob's record closed Alice's task 2"
    finally:
        store.close()

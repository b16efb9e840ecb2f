"""The hub's appointment rules (server/appointments.py) through its mutation API, unhappy paths
first: what an invitee may not do is kept as it was and reported back to them; what they may do
(answer for themselves) still goes through; the organiser keeps every right."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)


def uid_of(client) -> int:
    return int(client.session.info["user_id"])


def invite(client, answer: str = "needs-action") -> dict:
    return {"kind": "user", "id": str(uid_of(client)), "name": client.root.name,
            "email": f"{client.root.name}@example.com", "answer": answer}


def push(client, appt_id: str, op: str = "upsert", fields: dict | None = None, base: int = 10**6) -> dict:
    (res,) = client.session.ensure().mutations([{"mutation_id": str(uuid.uuid4()), "entity": "appointment",
                                                  "id": appt_id, "op": op, "fields": fields or {},
                                                  "base_version": base}])
    return res


def _private(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    appt = a.store.diary.add(subject="Salary talk", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)], private=True)
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    return a, b, c, appt


def test_an_invitees_forbidden_edit_is_reported_to_him_and_his_answer_still_counts(clients):
    a, b, c, appt = _private(clients)
    res = push(b, appt.uid, fields={"subject": "Cancelled", "participants": [invite(b, "accepted")]})
    assert res["status"] == "conflict" and "subject" in res["conflict"], res
    feed = b.session.ensure().changes(0)
    assert any(cf["id"] == appt.uid and "subject" in cf["fields"] for cf in feed["conflicts"])
    a.engine.sync_once()
    got = a.store.diary.get(appt.uid)
    assert got.subject == "Salary talk"
    assert [p["answer"] for p in got.participants] == ["accepted"]


def test_an_invitee_cannot_delete_and_is_told_why(clients):
    a, b, c, appt = _private(clients)
    res = push(b, appt.uid, op="delete")
    assert res["status"] == "rejected" and "organiser" in res["reason"]


def test_the_organiser_keeps_every_right_but_cannot_answer_for_an_invitee(clients):
    a, b, c, appt = _private(clients)
    res = push(a, appt.uid, fields={"subject": "Pay review", "participants": [invite(b, "accepted"), invite(c)]})
    assert res["status"] in ("applied", "merged"), res
    c.engine.sync_once()
    got = c.store.diary.get(appt.uid)
    assert got is not None and got.subject == "Pay review"
    assert {p["name"]: p["answer"] for p in got.participants} == {"bob": "needs-action", "carol": "needs-action"}
    assert push(a, appt.uid, op="delete")["status"] == "applied"


def test_the_organiser_cannot_be_changed_by_an_update(clients):
    a, b, c, appt = _private(clients)
    push(a, appt.uid, fields={"organizer_id": uid_of(c)})
    b.engine.sync_once()
    assert b.store.diary.get(appt.uid).organizer_id == uid_of(a)


def test_a_colleague_cannot_make_a_shared_appointment_private_to_hide_it(clients):
    a, b = clients("alice"), clients("bob")
    appt = a.store.diary.add(subject="All hands", start=START, end=START + timedelta(hours=1))
    assert a.engine.sync_once().rejected == 0
    res = push(b, appt.uid, fields={"private": True})
    assert res["status"] == "conflict", res
    c = clients("carol")
    c.engine.sync_once()
    assert c.store.diary.get(appt.uid) is not None


def test_a_rule_repeating_every_minute_is_refused_with_the_reason(clients):
    b = clients("bob")
    res = push(b, str(uuid.uuid4()), base=0, fields={
        "subject": "tick", "start": START.isoformat(), "end": (START + timedelta(minutes=1)).isoformat(),
        "rrule": "FREQ=MINUTELY;INTERVAL=5"})
    assert res["status"] == "rejected" and "FREQ=MINUTELY" in res["reason"], res


@pytest.mark.parametrize(("rule", "why"), [
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),  # dateutil would loop for ever inside the hub's writer
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no month has that day"),  # walked to the year 9999
    ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "weekday"),  # every 7th day from a Friday is never a Tuesday
    ("FREQ=DAILY;UNTIL=20200101T000000Z", "no occurrence"),
])
def test_a_rule_that_yields_nothing_is_refused_with_the_reason(clients, rule, why):
    b = clients("bob")
    res = push(b, str(uuid.uuid4()), base=0, fields={
        "subject": "never", "start": START.isoformat(), "end": (START + timedelta(minutes=5)).isoformat(),
        "timezone": "Europe/Berlin", "remind_minutes": 5, "rrule": rule})
    assert res["status"] == "rejected" and why in res["reason"], res


def test_the_invitees_own_diary_refuses_what_the_hub_would_and_his_editor_is_read_only(clients, qtbot):
    from whitephone.core.diary import DiaryError
    from whitephone.ui.diary.editor import AppointmentEditor

    a, b, c, appt = _private(clients)

    with pytest.raises(DiaryError, match="only its organiser can change a private appointment"):
        b.store.diary.update(appt.uid, subject="Cancelled")
    with pytest.raises(DiaryError, match="only its organiser can delete"):
        b.store.diary.delete(appt.uid)
    assert b.store.diary.answer(appt.uid, "accepted").participants[0]["answer"] == "accepted"
    assert b.engine.sync_once().rejected == 0
    dlg = AppointmentEditor(appointment=b.store.diary.get(appt.uid), tz=BERLIN, my_user_id=uid_of(b))
    qtbot.addWidget(dlg)
    assert not dlg.subject.isEnabled() and not dlg.place.isEnabled()
    assert dlg.decline_button.isEnabled() and "Only" in dlg.invitation_text.text()
    dlg.grab().save("/tmp/fd_invitee_editor.png")

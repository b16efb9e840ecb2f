"""Appointment reminders as reminder messages (issue 15, point 4) through a real hub and two
clients: one pending reminder per participant who has the appointment in their diary, for its
next occurrence, re-planned on every change and after each delivery; declined invitees, deleted
appointments and colleagues of a private one get none; the message links the occurrence, and the
app shows one notification for it (whichever of the message and its own diary comes first)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from whitephone.core import diary as core
from whitephone.server.db import reminders
from whitephone.server.fanout import Fanout
from whitephone.server.reminders import deliver_due


def uid_of(client) -> int:
    return int(client.session.info["user_id"])


def invite(client) -> dict:
    return {"kind": "user", "id": str(uid_of(client)), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def pending(hub, appointment: str) -> dict[int, tuple[str, float, str]]:
    with hub.app.state.engine.connect() as conn:
        rows = conn.execute(sa.select(reminders).where(reminders.c.appointment == appointment,
                                                       reminders.c.delivered_at.is_(None))).all()
    out = {r.recipient_id: (r.occurrence, r.due, r.body) for r in rows}
    assert len(out) == len(rows), "more than one pending reminder for one participant"
    return out


def deliver(hub, at: datetime) -> int:
    return deliver_due(hub.app.state.engine, Fanout(), now=at.timestamp())


def soon(hours: int = 3) -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=hours)


def test_organiser_and_invitees_who_did_not_decline_get_it_once_with_a_link(hub, clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    start = soon()
    appt = a.store.diary.add(subject="Demo for Acme", start=start, end=start + timedelta(hours=1),
                             place="Acme office", participants=[invite(b), invite(c)], remind_minutes=15)
    assert a.engine.sync_once().rejected == 0
    c.engine.sync_once()
    c.store.diary.answer(appt.uid, "declined")
    assert c.engine.sync_once().rejected == 0
    key, due = core.rid_key(start), (start - timedelta(minutes=15)).timestamp()
    got = pending(hub, appt.uid)
    assert set(got) == {uid_of(a), uid_of(b)}, "carol declined"
    assert {(k, d) for k, d, _ in got.values()} == {(key, due)}
    assert all("Demo for Acme" in body and "Acme office" in body for _, _, body in got.values())

    assert deliver(hub, start - timedelta(minutes=20)) == 0  # not due yet
    assert deliver(hub, start - timedelta(minutes=14)) == 2
    assert pending(hub, appt.uid) == {}  # a single appointment: nothing follows
    b.engine.sync_once()
    [msg] = [m for m in b.store.messages.list() if m.kind == "reminder"]
    assert msg.link == f"appointment:{appt.uid}@{key}" and msg.appointment_link == (appt.uid, key)
    assert "Demo for Acme" in msg.body
    # one notification: the message claims the occurrence, so bob's own diary stays silent ...
    assert b.store.diary.claim_reminder(*msg.appointment_link)
    assert b.store.diary.due_reminders(start - timedelta(minutes=10)) == []
    assert not b.store.diary.claim_reminder(*msg.appointment_link)
    # ... and where the diary reminded first (alice's app was open), the message is not shown again
    [(occ, _)] = a.store.diary.due_reminders(start - timedelta(minutes=14))
    assert a.store.diary.mark_reminded([occ]) == [occ]
    a.engine.sync_once()
    [amsg] = [m for m in a.store.messages.list() if m.kind == "reminder"]
    assert not a.store.diary.claim_reminder(*amsg.appointment_link)
    assert a.store.diary.mark_reminded([occ]) == []  # never twice the other way either


def test_a_series_plans_its_next_occurrence_and_follows_every_change(hub, clients):
    a, b = clients("alice"), clients("bob")
    start = soon()
    appt = a.store.diary.add(subject="Stand-up", start=start, end=start + timedelta(minutes=15),
                             rrule="FREQ=DAILY;COUNT=3", participants=[invite(b)], remind_minutes=5)
    a.engine.sync_once()
    keys = [core.rid_key(start + timedelta(days=i)) for i in range(3)]
    assert {k for k, _, _ in pending(hub, appt.uid).values()} == {keys[0]}
    assert deliver(hub, start) == 2
    # after delivery: the following occurrence, for each of them
    assert {u: k for u, (k, _, _) in pending(hub, appt.uid).items()} == {uid_of(a): keys[1], uid_of(b): keys[1]}
    # a change re-plans (new text), and the delivered occurrence does not come back
    a.store.diary.update(appt.uid, subject="Daily stand-up")
    a.engine.sync_once()
    got = pending(hub, appt.uid)
    assert {k for k, _, _ in got.values()} == {keys[1]} and all("Daily stand-up" in t for _, _, t in got.values())
    # the second occurrence moved an hour later: its reminder moves with it
    rid = start + timedelta(days=1)
    a.store.diary.move(appt.uid, rid + timedelta(hours=1), rid + timedelta(hours=1, minutes=15), recurrence_id=rid)
    a.engine.sync_once()
    assert {d for _, d, _ in pending(hub, appt.uid).values()} == {(rid + timedelta(minutes=55)).timestamp()}
    # bob declines: his goes, alice keeps hers
    b.engine.sync_once()
    b.store.diary.answer(appt.uid, "declined")
    b.engine.sync_once()
    assert set(pending(hub, appt.uid)) == {uid_of(a)}
    # no reminder any more, then deleted: nothing pending
    a.engine.sync_once()
    a.store.diary.update(appt.uid, remind_minutes=None)
    a.engine.sync_once()
    assert pending(hub, appt.uid) == {}
    a.store.diary.update(appt.uid, remind_minutes=15)
    a.engine.sync_once()
    assert set(pending(hub, appt.uid)) == {uid_of(a)}
    a.store.diary.delete(appt.uid)
    a.engine.sync_once()
    assert pending(hub, appt.uid) == {}


def test_a_private_appointments_reminder_reaches_only_its_owner(hub, clients):
    a, b = clients("alice"), clients("bob")
    start = soon()
    appt = a.store.diary.add(subject="Salary talk", start=start, end=start + timedelta(hours=1), private=True,
                             participants=[invite(b)], remind_minutes=30)
    a.engine.sync_once()
    b.engine.sync_once()
    b.store.diary.answer(appt.uid, "accepted")
    b.engine.sync_once()
    assert set(pending(hub, appt.uid)) == {uid_of(a)}
    assert deliver(hub, start) == 1
    b.engine.sync_once()
    assert [m for m in b.store.messages.list() if m.kind == "reminder"] == []


def test_a_reminder_due_while_the_appointment_went_is_not_delivered(hub, clients):
    a, b = clients("alice"), clients("bob")
    start = soon()
    appt = a.store.diary.add(subject="Gone soon", start=start, end=start + timedelta(hours=1),
                             participants=[invite(b)], remind_minutes=60)
    a.engine.sync_once()
    assert len(pending(hub, appt.uid)) == 2
    with hub.app.state.engine.begin() as conn:  # deleted behind the planner's back: delivery checks again
        conn.execute(sa.text("UPDATE records SET deleted = :t WHERE record_id = :r").bindparams(t=True, r=appt.uid))
    assert deliver(hub, start) == 0
    assert pending(hub, appt.uid) == {}

"""Appointments across two (three) clients and a real hub: invitations reach the colleague's
diary, answers reach the organiser, private appointments stay with organiser and invitees."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)
WEEK = (datetime(2026, 3, 23, tzinfo=BERLIN), datetime(2026, 4, 6, tzinfo=BERLIN))


def uid_of(client) -> int:
    return int(client.session.info["user_id"])


def invite(client) -> dict:
    return {"kind": "user", "id": str(uid_of(client)), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def subjects(client, everyone=False) -> list[str]:
    return [o.subject for o in client.store.diary.occurrences(*WEEK, everyone=everyone)]


def test_an_invitation_reaches_the_colleague_and_the_answer_comes_back(clients):
    a, b = clients("alice"), clients("bob")
    appt = a.store.diary.add(subject="Demo for Acme", start=START, end=START + timedelta(hours=1),
                             timezone="Europe/Berlin", participants=[invite(b)], remind_minutes=15,
                             rrule="FREQ=DAILY;COUNT=3", place="Room 1")
    assert appt.organizer_id == uid_of(a)
    s = a.engine.sync_once()
    assert s.rejected == 0
    b.engine.sync_once()
    got = b.store.diary.get(appt.uid)
    assert got is not None and got.place == "Room 1" and got.rrule == "FREQ=DAILY;COUNT=3"
    occ = b.store.diary.occurrences(*WEEK)
    # across the change to summer time (29 March) the demo stays at 10:00 Berlin time
    assert [o.start.astimezone(BERLIN).hour for o in occ] == [10, 10, 10]
    assert [o.start.utcoffset() for o in occ] == [timedelta(hours=1), timedelta(hours=1), timedelta(hours=2)]
    b.store.diary.answer(appt.uid, "accepted")
    assert b.engine.sync_once().rejected == 0
    a.engine.sync_once()
    assert [p["answer"] for p in a.store.diary.get(appt.uid).participants] == ["accepted"]


def test_private_appointments_stay_with_organiser_and_invitees(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    private = a.store.diary.add(subject="Salary talk", start=START, end=START + timedelta(hours=1),
                                participants=[invite(b)], private=True)
    shared = a.store.diary.add(subject="Team lunch", start=START + timedelta(hours=2),
                               end=START + timedelta(hours=3))
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    c.engine.sync_once()
    assert b.store.diary.get(private.uid) is not None
    assert c.store.diary.get(private.uid) is None  # not even in Carol's store
    # the shared one reaches everyone's group calendar, but only Alice's own diary
    assert c.store.diary.get(shared.uid) is not None
    assert subjects(c) == [] and subjects(c, everyone=True) == ["Team lunch"]
    assert subjects(b) == ["Salary talk"]
    assert subjects(a) == ["Salary talk", "Team lunch"]
    # made private later: Carol's copy goes on her next sync
    a.store.diary.update(shared.uid, private=True)
    a.engine.sync_once()
    c.engine.sync_once()
    assert c.store.diary.get(shared.uid) is None
    # Bob uninvited from the private one: his copy goes too
    a.store.diary.update(private.uid, participants=[])
    a.engine.sync_once()
    b.engine.sync_once()
    assert b.store.diary.get(private.uid) is None
    # and a colleague's private appointment cannot be written by someone who cannot see it
    import uuid

    (res,) = c.session.ensure().mutations([{"mutation_id": str(uuid.uuid4()), "entity": "appointment",
                                             "id": private.uid, "op": "upsert", "fields": {"subject": "mine"},
                                             "base_version": 0}])
    assert (res["status"], res["reason"]) == ("rejected", "not found")
    assert a.store.diary.get(private.uid).subject == "Salary talk"


def test_moves_and_cancellations_of_occurrences_travel(clients):
    a, b = clients("alice"), clients("bob")
    appt = a.store.diary.add(subject="Standup", start=START, end=START + timedelta(minutes=15),
                             timezone="Europe/Berlin", rrule="FREQ=DAILY;COUNT=5", participants=[invite(b)])
    a.engine.sync_once()
    b.engine.sync_once()
    second, third = START + timedelta(days=1), START + timedelta(days=2)
    b.store.diary.move(appt.uid, third.replace(hour=14), third.replace(hour=15), recurrence_id=third)
    b.engine.sync_once()
    a.store.diary.delete(appt.uid, recurrence_id=second)  # another field: merges with Bob's move
    a.engine.sync_once()
    b.engine.sync_once()
    a.engine.sync_once()
    for client in (a, b):
        occ = client.store.diary.occurrences(*WEEK)
        assert [(o.start.day, o.start.hour, o.moved) for o in occ] == [
            (27, 10, False), (29, 14, True), (30, 10, False), (31, 10, False)]
    a.store.diary.delete(appt.uid)
    a.engine.sync_once()
    b.engine.sync_once()
    assert b.store.diary.get(appt.uid) is None

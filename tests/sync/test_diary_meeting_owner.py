"""Review (issue 15): an automatic phone meeting is dialled by every diary it is in, not only by
its owner. A colleague invited to it (even one who declined), or anyone in the company when a
colleague pushes it with no organiser, has their app dial the number at the start: the customer
gets the call several times, and any colleague can make everyone's phone dial a number of their
choosing at a time of their choosing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta


def uid_of(client) -> int:
    return int(client.session.info["user_id"])


def invite(client) -> dict:
    return {"kind": "user", "id": str(uid_of(client)), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def test_only_the_owner_dials_an_automatic_phone_meeting(clients):
    a, b = clients("alice"), clients("bob")
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    a.store.diary.add(subject="Call Acme", start=now, end=now + timedelta(minutes=30),
                      participants=[invite(b)], meeting={"number": "+44 20 7946 0000", "mode": "automatic"})
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    appt_uid = a.store.diary.all()[0].uid
    b.store.diary.answer(appt_uid, "declined")
    assert [o.subject for o in a.store.diary.meetings_starting(now)] == ["Call Acme"]
    assert b.store.diary.meetings_starting(now) == [], "Bob's app dials Alice's customer as well (he even declined)"


def test_a_colleagues_organiserless_meeting_is_not_dialled_by_everyone(clients):
    a, b = clients("alice"), clients("bob")
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    (res,) = b.session.ensure().mutations([{
        "mutation_id": str(uuid.uuid4()), "entity": "appointment", "id": str(uuid.uuid4()), "op": "upsert",
        "base_version": 0, "fields": {"subject": "x", "start": now.isoformat(),
                                      "end": (now + timedelta(minutes=30)).isoformat(),
                                      "meeting": {"number": "+44 909 876 5432", "mode": "automatic"}}}])
    assert res["status"] == "applied"
    a.engine.sync_once()
    assert a.store.diary.meetings_starting(now) == [], \
        "Bob's appointment (no organiser) is in Alice's own diary and her app dials his number"

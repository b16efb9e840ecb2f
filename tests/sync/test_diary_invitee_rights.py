"""Review (issue 15): what an invitee and a forger can do to someone else's appointment through
the hub's mutation API. The organiser's private appointment must stay the organiser's: an invitee
may answer, not rewrite, un-privatise, delete, or invite more people."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)



def uid_of(client) -> int:
    return int(client.session.info["user_id"])


def invite(client) -> dict:
    return {"kind": "user", "id": str(uid_of(client)), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def push(client, appt_id: str, op: str = "upsert", fields: dict | None = None, base: int = 0) -> dict:
    (res,) = client.session.ensure().mutations([{"mutation_id": str(uuid.uuid4()), "entity": "appointment",
                                                  "id": appt_id, "op": op, "fields": fields or {},
                                                  "base_version": base}])
    return res


def _private_with_bob(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    appt = a.store.diary.add(subject="Salary talk", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)], private=True)
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    c.engine.sync_once()
    assert b.store.diary.get(appt.uid) is not None and c.store.diary.get(appt.uid) is None
    return a, b, c, appt


def test_an_invitee_cannot_make_the_organisers_private_appointment_public(clients):
    a, b, c, appt = _private_with_bob(clients)
    res = push(b, appt.uid, fields={"private": False}, base=10**6)
    c.engine.sync_once()
    assert c.store.diary.get(appt.uid) is None, f"Carol now sees Alice's private appointment ({res})"


def test_an_invitee_cannot_invite_more_people_to_a_private_appointment(clients):
    a, b, c, appt = _private_with_bob(clients)
    res = push(b, appt.uid, fields={"participants": [invite(b), invite(c)]}, base=10**6)
    c.engine.sync_once()
    assert c.store.diary.get(appt.uid) is None, f"Bob invited Carol to Alice's private appointment ({res})"


def test_an_invitee_cannot_delete_the_organisers_appointment(clients):
    a, b, c, appt = _private_with_bob(clients)
    res = push(b, appt.uid, op="delete", base=10**6)
    a.engine.sync_once()
    assert a.store.diary.get(appt.uid) is not None, f"Bob deleted Alice's appointment ({res})"


def test_an_invitee_cannot_rewrite_the_organisers_appointment(clients):
    a, b, c, appt = _private_with_bob(clients)
    res = push(b, appt.uid, fields={"subject": "Cancelled - do not come", "place": "nowhere"}, base=10**6)
    a.engine.sync_once()
    assert a.store.diary.get(appt.uid).subject == "Salary talk", f"Bob rewrote Alice's appointment ({res})"


def test_a_colleague_cannot_forge_an_appointment_organised_by_someone_else(clients):
    a, b, c, _appt = _private_with_bob(clients)
    forged = str(uuid.uuid4())
    res = push(c, forged, fields={"subject": "Fired - pack your desk", "start": START.isoformat(),
                                  "end": (START + timedelta(hours=1)).isoformat(), "private": True,
                                  "organizer_id": uid_of(a), "participants": [invite(b)]})
    b.engine.sync_once()
    got = b.store.diary.get(forged)
    assert res["status"] == "rejected" or got is None or got.organizer_id != uid_of(a), \
        f"Carol's appointment shows in Bob's diary as organised by Alice ({res})"


def test_an_invitee_cannot_answer_for_another_invitee(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    appt = a.store.diary.add(subject="Demo", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b), invite(c)])
    assert a.engine.sync_once().rejected == 0
    parts = [dict(p, answer="declined") for p in a.store.diary.get(appt.uid).participants]
    res = push(b, appt.uid, fields={"participants": parts}, base=10**6)
    a.engine.sync_once()
    answers = {p["name"]: p["answer"] for p in a.store.diary.get(appt.uid).participants}
    assert answers["carol"] == "needs-action", f"Bob declined on Carol's behalf ({res}): {answers}"

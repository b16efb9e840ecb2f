"""Review (issue 15): the hub tells the authors of kept values about a conflicting change
(sync._tell_winners) without asking whether they may still see the row. A colleague who edited
a shared appointment, which the organiser then made private without him, still receives, in his
change feed's conflicts, the organiser's new (private) text for the field he once edited.

(Fix note: the tester's version had Bob edit the place of the *private* appointment he was
invited to; an invitee may now only answer, so the scenario starts from a shared appointment,
where colleagues may still edit.)"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)


def invite(client) -> dict:
    return {"kind": "user", "id": str(client.session.info["user_id"]), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def push(client, appt_id: str, fields: dict, base: int) -> dict:
    (res,) = client.session.ensure().mutations([{"mutation_id": str(uuid.uuid4()), "entity": "appointment",
                                                  "id": appt_id, "op": "upsert", "fields": fields,
                                                  "base_version": base}])
    return res


def test_an_uninvited_colleague_gets_no_private_text_through_conflicts(clients):
    a, b = clients("alice"), clients("bob")
    appt = a.store.diary.add(subject="Team offsite", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)])
    assert a.engine.sync_once().rejected == 0
    first = b.session.ensure().changes(0)["next"]
    assert push(b, appt.uid, {"place": "Bob's suggestion: Room 3"}, base=first)["status"] == "applied"
    assert push(a, appt.uid, {"participants": [], "private": True}, base=10**6)["status"] == "applied"  # private
    # Alice's offline edit of the place, from before Bob's, reaches the hub now and loses
    res = push(a, appt.uid, {"place": "HR office - Bob's dismissal"}, base=1)
    assert res["status"] == "conflict"
    feed = b.session.ensure().changes(0)
    assert appt.uid not in [ch["id"] for ch in feed["changes"]]  # the row itself is hidden from Bob
    leaked = [c for c in feed["conflicts"] if "dismissal" in str(c["fields"])]
    assert not leaked, f"Bob, no longer invited, reads Alice's private text: {leaked}"

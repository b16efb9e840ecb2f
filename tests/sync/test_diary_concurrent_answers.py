"""Review (issue 15): invitees' answers live inside the one `participants` field, which the hub
merges as a whole. Two invitees answering between the same two syncs (or the organiser adding
someone while an invitee answers) conflict, and one answer is thrown away: the organiser never
sees that Carol accepted."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)


def invite(client) -> dict:
    return {"kind": "user", "id": str(client.session.info["user_id"]), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def test_two_invitees_answering_at_once_both_reach_the_organiser(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    appt = a.store.diary.add(subject="Demo", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b), invite(c)])
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    c.engine.sync_once()
    b.store.diary.answer(appt.uid, "accepted")
    c.store.diary.answer(appt.uid, "declined")
    b.engine.sync_once()
    c.engine.sync_once()
    for client in (a, b, c):
        client.engine.sync_once()
    answers = {p["name"]: p["answer"] for p in a.store.diary.get(appt.uid).participants}
    assert answers == {"bob": "accepted", "carol": "declined"}, f"an answer was lost: {answers}"


def test_an_answer_survives_the_organiser_inviting_someone_else(clients):
    a, b, c = clients("alice"), clients("bob"), clients("carol")
    appt = a.store.diary.add(subject="Demo", start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)])
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    b.store.diary.answer(appt.uid, "accepted")
    a.store.diary.update(appt.uid, participants=[*a.store.diary.get(appt.uid).participants, invite(c)])
    a.engine.sync_once()
    b.engine.sync_once()
    a.engine.sync_once()
    answers = {p["name"]: p["answer"] for p in a.store.diary.get(appt.uid).participants}
    assert answers == {"bob": "accepted", "carol": "needs-action"}, f"Bob's accept was lost: {answers}"

"""Review (issue 15): declining an invitation changes nothing in the invitee's own diary: the
appointment stays in it (store.diary.is_mine ignores the answer) and its reminder still fires."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def invite(client) -> dict:
    return {"kind": "user", "id": str(client.session.info["user_id"]), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def test_a_declined_invitation_brings_no_reminder(clients):
    a, b = clients("alice"), clients("bob")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    appt = a.store.diary.add(subject="Friday drinks", start=start, end=start + timedelta(hours=1),
                             participants=[invite(b)], remind_minutes=15)
    assert a.engine.sync_once().rejected == 0
    b.engine.sync_once()
    b.store.diary.answer(appt.uid, "declined")
    due = [o.subject for o, _ in b.store.diary.due_reminders(start - timedelta(minutes=10))]
    assert due == [], "Bob declined and is still reminded"

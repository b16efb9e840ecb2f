"""Review (issue 15): the local diary accepts appointments the hub refuses (a subject over 200
characters, more than 2 000 exceptions, a description over 20 000 characters: all ordinary in
imported calendars). They stay in the organiser's diary and never reach the invited colleague;
nothing tells the user why.

(Fix note: the diary now refuses, with the reason, what the hub would refuse: the tester's test
expected the 295-character subject to reach the invitee, which the hub's declaration forbids; it
now checks that such an appointment is refused locally with a clear message, and that one at the
limit reaches the invitee.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from whitephone.core.diary import DiaryError

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)


def invite(client) -> dict:
    return {"kind": "user", "id": str(client.session.info["user_id"]), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def test_an_appointment_the_diary_accepts_reaches_the_invitee(clients):
    a, b = clients("alice"), clients("bob")
    long_subject = "Quarterly review with Acme Corp. - " + "agenda item, " * 20  # 295 characters
    with pytest.raises(DiaryError, match="subject is longer than 200 characters"):
        a.store.diary.add(subject=long_subject, start=START, end=START + timedelta(hours=1),
                          participants=[invite(b)])
    assert a.store.diary.all() == []
    appt = a.store.diary.add(subject=long_subject[:200], start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)])
    s = a.engine.sync_once()
    b.engine.sync_once()
    assert b.store.diary.get(appt.uid) is not None, f"the diary took what the hub refuses (rejected={s.rejected})"


def test_an_over_long_description_is_refused_on_edit_with_the_reason(clients):
    a = clients("alice")
    appt = a.store.diary.add(subject="Review", start=START, end=START + timedelta(hours=1))
    with pytest.raises(DiaryError, match="description"):
        a.store.diary.update(appt.uid, description="x" * 20_001)
    assert a.store.diary.get(appt.uid).description == ""

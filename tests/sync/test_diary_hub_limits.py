"""Review (issue 15): the local diary accepts appointments the hub refuses (a subject over 200
characters, more than 2 000 exceptions, a description over 20 000 characters: all ordinary in
imported calendars). They stay in the organiser's diary and never reach the invited colleague;
nothing tells the user why."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.sync.conftest import clients, db_url, hub, own_keyring  # noqa: F401  (fixtures)

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)


def invite(client) -> dict:
    return {"kind": "user", "id": str(client.session.info["user_id"]), "name": client.root.name,
            "email": f"{client.root.name}@example.com"}


def test_an_appointment_the_diary_accepts_reaches_the_invitee(clients):
    a, b = clients("alice"), clients("bob")
    long_subject = "Quarterly review with Acme Corp. - " + "agenda item, " * 20  # 295 characters
    appt = a.store.diary.add(subject=long_subject, start=START, end=START + timedelta(hours=1),
                             participants=[invite(b)])
    s = a.engine.sync_once()
    b.engine.sync_once()
    assert b.store.diary.get(appt.uid) is not None, \
        f"the diary took a {len(long_subject)}-character subject the hub refuses (rejected={s.rejected})"

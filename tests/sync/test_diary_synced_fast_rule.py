"""Review (issue 15): one colleague can make everyone's diary hang. The hub accepts any rule
text (`rrule: Text(1000)`), a row with no `organizer_id` counts as "mine" in every diary
(store.diary.is_mine), and an endless FREQ=SECONDLY rule from 2000 makes expanding any day of
it walk every second since then. After one pull, `whitephone diary list` for one day in Alice's
profile does not finish (the Diary tab would never load).

(Fix note: the hub now refuses FREQ=SECONDLY/MINUTELY, so the tester's push is rejected with the
reason; a row that is already on the hub, or arrives from an older hub, is written into Alice's
store through the sync row adapter and must not hang her diary either.)"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid


def test_a_colleagues_endless_secondly_rule_does_not_hang_my_diary(clients):
    a, b = clients("alice"), clients("bob")
    (res,) = b.session.ensure().mutations([{
        "mutation_id": str(uuid.uuid4()), "entity": "appointment", "id": str(uuid.uuid4()), "op": "upsert",
        "base_version": 0, "fields": {"subject": "tick", "start": "2000-01-01T00:00:00+00:00",
                                      "end": "2000-01-01T00:00:01+00:00", "timezone": "UTC",
                                      "rrule": "FREQ=SECONDLY"}}])
    assert res["status"] == "rejected" and "FREQ=SECONDLY" in res["reason"], res
    a.engine.sync_once()
    from whitephone.store.database import write_transaction
    from whitephone.store.sync_rows import AppointmentRows

    with write_transaction(a.store.engine) as conn:  # as if an older hub had sent it
        AppointmentRows().upsert(conn, [(str(uuid.uuid4()), {
            "subject": "tick", "start": "2000-01-01T00:00:00+00:00", "end": "2000-01-01T00:00:01+00:00",
            "timezone": "UTC", "rrule": "FREQ=SECONDLY"})])
    env = {**os.environ, "TZ": "Europe/Berlin"}
    try:
        r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(a.root), "diary", "list",
                            "--from", "2026-03-01T00:00", "--to", "2026-03-02T00:00"],
                           capture_output=True, text=True, timeout=30, env=env)
    except subprocess.TimeoutExpired:
        raise AssertionError("one day of Alice's diary does not list within 30 s after Bob's row") from None
    assert r.returncode == 0, r.stderr

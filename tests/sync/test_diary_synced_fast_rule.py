"""Review (issue 15): one colleague can make everyone's diary hang. The hub accepts any rule
text (`rrule: Text(1000)`), a row with no `organizer_id` counts as "mine" in every diary
(store.diary.is_mine), and an endless FREQ=SECONDLY rule from 2000 makes expanding any day of
it walk every second since then. After one pull, `whitephone diary list` for one day in Alice's
profile does not finish (the Diary tab would never load)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from tests.sync.conftest import clients, db_url, hub, own_keyring  # noqa: F401  (fixtures)


def test_a_colleagues_endless_secondly_rule_does_not_hang_my_diary(clients):
    a, b = clients("alice"), clients("bob")
    (res,) = b.session.ensure().mutations([{
        "mutation_id": str(uuid.uuid4()), "entity": "appointment", "id": str(uuid.uuid4()), "op": "upsert",
        "base_version": 0, "fields": {"subject": "tick", "start": "2000-01-01T00:00:00+00:00",
                                      "end": "2000-01-01T00:00:01+00:00", "timezone": "UTC",
                                      "rrule": "FREQ=SECONDLY"}}])
    assert res["status"] == "applied"
    a.engine.sync_once()
    env = {**os.environ, "TZ": "Europe/Berlin"}
    try:
        r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(a.root), "diary", "list",
                            "--from", "2026-03-01T00:00", "--to", "2026-03-02T00:00"],
                           capture_output=True, text=True, timeout=30, env=env)
    except subprocess.TimeoutExpired:
        raise AssertionError("one day of Alice's diary does not list within 30 s after Bob's row") from None
    assert r.returncode == 0, r.stderr

"""A phone meeting in automatic mode places a real call (the engine client the window uses, a
real agent answering); manual mode prompts instead; neither happens twice."""

from __future__ import annotations

import queue
from datetime import UTC, datetime, timedelta

import pytest

from tests.sip.agents import AgentProcess
from whitephone.core.meetings import start_due_meetings
from whitephone.sip.client import EngineClient
from whitephone.store import Store

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_an_automatic_meeting_dials_the_agent_and_a_manual_one_prompts(tmp_path):
    store = Store(tmp_path / "store.db")
    events: queue.Queue = queue.Queue()
    client = EngineClient(events.put)
    try:
        client.start()
        with AgentProcess("--answer", "--once") as peer:
            now = datetime.now(UTC).replace(microsecond=0)
            store.diary.add(subject="Weekly with Bob", start=now, end=now + timedelta(minutes=30),
                            meeting={"number": peer.uri, "mode": "automatic", "notes": "budget"})
            store.diary.add(subject="Ask Jim", start=now, end=now + timedelta(minutes=10),
                            meeting={"number": "sip:jim@192.0.2.1", "mode": "manual"})
            store.diary.add(subject="Broken number", start=now, end=now + timedelta(minutes=10),
                            meeting={"number": "not a number!", "mode": "automatic"})
            dialled, prompts = [], []

            def dial(o, target):
                dialled.append(o.subject)
                client.send("call", uri=target.uri)

            handled = start_due_meetings(store.diary, now + timedelta(seconds=5), "GB", dial,
                                         lambda o, target, why: prompts.append((o.subject, why)))
            assert sorted(o.subject for o in handled) == ["Ask Jim", "Broken number", "Weekly with Bob"]
            assert dialled == ["Weekly with Bob"]
            assert prompts[0] == ("Ask Jim", None) or prompts[1] == ("Ask Jim", None)
            assert any(s == "Broken number" and "neither a phone number" in why for s, why in prompts if why)
            inc = peer.wait_for("incoming", timeout=30)
            assert inc["remote_uri"]
            while True:
                ev = events.get(timeout=30)
                if ev.get("event") == "state" and ev.get("state") == "confirmed":
                    break
            client.send("hangup", call=ev["call"])  # the engine's id of the call it placed
            peer.wait_for("ended", timeout=15)
            # the next timer tick starts nothing again
            assert start_due_meetings(store.diary, now + timedelta(seconds=10), "GB", dial,
                                      lambda *a: prompts.append(a)) == []
            assert dialled == ["Weekly with Bob"]
    finally:
        client.stop()
        store.close()

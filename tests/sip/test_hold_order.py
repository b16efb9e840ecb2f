"""One conversation on the devices at a time, whatever the order: a call that connects holds
the others (even one we dialled before answering another), and hold/resume commands sent back
to back end with exactly the last-resumed call active."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def last_media(agent: AgentProcess) -> dict[int, tuple[str, str | None]]:
    last = {}
    for e in agent.events:
        if e["event"] == "media":
            last[e["call"]] = (e["status"], e.get("by"))
    return last


def settle(agent: AgentProcess, want, timeout: float = 15) -> dict:
    """Wait until `want(last media per call)` holds and stays so for a second."""
    end, since = time.monotonic() + timeout, None
    while time.monotonic() < end:
        if want(last_media(agent)):
            since = since or time.monotonic()
            if time.monotonic() - since > 1.0:
                return last_media(agent)
        else:
            since = None
        time.sleep(0.05)
    raise AssertionError(f"never settled: {last_media(agent)}; {agent.events}")


def test_an_outgoing_call_answered_late_holds_the_call_we_took_meanwhile():
    with AgentProcess("--no-audio", ipc=True) as b, AgentProcess("--no-audio", ipc=True) as c, \
            AgentProcess("--no-audio", ipc=True) as a:
        a.send(cmd="call", uri=b.uri)
        to_b = a.wait_for("calling")["call"]
        b_call = b.wait_for("incoming")["call"]
        c.send(cmd="call", uri=a.uri)
        from_c = a.wait_for("incoming")["call"]
        a.send(cmd="answer", call=from_c)
        a.wait_for("state", call=from_c, state="confirmed")
        b.send(cmd="answer", call=b_call)
        a.wait_for("state", call=to_b, state="confirmed")
        c.wait_for("media", status="held", by="remote")
        settle(a, lambda m: m.get(to_b, ("",))[0] == "active" and m.get(from_c) == ("held", "local"))


def test_back_to_back_resumes_leave_exactly_the_last_one_active():
    with AgentProcess("--no-audio", "--answer", ipc=True) as g0, AgentProcess("--no-audio", "--answer", ipc=True) as g1, \
            AgentProcess("--no-audio", "--answer", ipc=True) as g2, AgentProcess("--no-audio", ipc=True) as a:
        calls = []
        for g in (g0, g1, g2):
            a.send(cmd="call", uri=g.uri)
            cid = a.wait_for("calling", uri=g.uri)["call"]
            a.wait_for("state", call=cid, state="confirmed")
            calls.append(cid)
        settle(a, lambda m: [m.get(c, ("",))[0] for c in calls] == ["held", "held", "active"])
        order = [calls[0], calls[1], calls[2], calls[0], calls[2], calls[1]]
        for cid in order:
            a.send(cmd="resume", call=cid)
        last = settle(a, lambda m: [m.get(c, ("",))[0] for c in calls].count("active") == 1
                      and m.get(order[-1], ("",))[0] == "active")
        assert [last[c][0] for c in calls] == ["held", "active", "held"], last
        assert not [e for e in a.events if e["event"] == "error"], a.events

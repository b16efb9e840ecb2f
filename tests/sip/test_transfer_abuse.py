"""REFERs we receive are not a way to make us call anything: one transfer at a time per call,
never to ourselves, only to trusted hosts with screening on; and an attended transfer of a
call to itself is refused."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess
from tests.sip.test_call_control import connect

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def kinds(agent: AgentProcess, name: str) -> list[dict]:
    return [e for e in agent.events if e["event"] == name]


def test_a_refer_flood_makes_one_call_and_leaks_nothing():
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b, \
            AgentProcess("--no-audio", ipc=True) as c:
        a_call, b_call = connect(a, b)
        for req in range(10):
            a.send(cmd="transfer", call=a_call, uri=c.uri, req=req)
        c_call = c.wait_for("incoming")["call"]
        time.sleep(2)
        assert len(kinds(c, "incoming")) == 1, c.events
        assert len(kinds(b, "transfer_request")) == 1 and len(kinds(b, "calling")) == 1, b.events
        c.send(cmd="busy", call=c_call)  # that transfer fails: the next one may go
        b.wait_for("ended", call=b.wait_for("calling")["call"])
        a.send(cmd="transfer", call=a_call, uri=c.uri, req=99)
        c.reset()
        c.wait_for("incoming")


def test_a_refer_to_ourselves_is_refused():
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b:
        a_call, b_call = connect(a, b)
        a.send(cmd="transfer", call=a_call, uri=b.uri)
        status = a.wait_for("transfer_status", call=a_call, final=True)
        assert status["code"] == 603, status
        time.sleep(0.5)
        assert not kinds(b, "calling") and not kinds(b, "transfer_request"), b.events
        assert kinds(b, "transfer_refused")[0]["to"] == b.uri


def test_with_screening_a_refer_to_a_stranger_is_refused():
    with AgentProcess("--no-audio", ipc=True) as a, \
            AgentProcess("--no-audio", "--screen-calls", "--peer", "127.0.0.1", ipc=True) as b:
        a_call, _ = connect(a, b)
        a.send(cmd="transfer", call=a_call, uri="sip:premium@127.0.0.9:5060")
        assert a.wait_for("transfer_status", call=a_call, final=True)["code"] == 603
        assert not kinds(b, "calling"), b.events


def test_an_attended_transfer_of_a_call_to_itself_is_refused():
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", ipc=True) as b:
        a_call, _ = connect(a, b)
        a.send(cmd="transfer", call=a_call, to_call=a_call, req=1)
        assert "itself" in a.wait_for("error", req=1)["reason"]
        time.sleep(0.5)
        assert not kinds(b, "transfer_request") and not kinds(b, "ended"), b.events

"""What a hostile tester found in the call engine after issue 11: floods, odd commands and
requests from strangers must neither crash the engine nor cost a real caller their call."""

from __future__ import annotations

import re
import time

import pytest

from tests.sip.agents import AgentProcess
from tests.sip.sipraw import replies, request

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _alive(agent: AgentProcess, req: int) -> bool:
    agent.send(cmd="ping", req=req)
    try:
        agent.wait_for("pong", timeout=10, req=req)
        return True
    except AssertionError:
        return False


@pytest.mark.parametrize("line", ["[1]", '"x"', "5", "null"])
def test_a_command_that_is_no_json_object_is_an_error_not_a_crash(line):
    with AgentProcess("--no-audio", ipc=True) as a:
        a.proc.stdin.write(line + "\n")
        a.proc.stdin.flush()
        error = a.wait_for("error")
        assert "JSON object" in error["reason"], error
        assert _alive(a, 1)


def test_commands_on_a_call_that_does_not_exist_say_so():
    with AgentProcess("--no-audio", ipc=True) as a:
        for req, cmd in enumerate(("hangup", "answer", "decline", "busy", "hold", "resume"), start=1):
            a.send(cmd=cmd, call=7, req=req)
            error = a.wait_for("error", req=req)
            assert error["reason"].endswith("no call 7"), error
        assert not [e for e in a.events if e["event"] == "ok"]


def test_a_stranger_flood_with_screening_on_neither_crashes_the_engine_nor_locks_out_a_known_peer():
    with AgentProcess("--no-audio", "--screen-calls", "--peer", "127.0.0.2", ipc=True) as a:
        dst = ("127.0.0.1", a.ready["port"])
        socks = [request("127.0.0.3", dst, n=i) for i in range(120)]  # as fast as Python sends
        time.sleep(1)
        assert a.proc.poll() is None, a._stderr()
        assert _alive(a, 1)
        answers = [line for s in socks[:3] for line in replies(s, 0.1)]
        assert answers and all(" 200 " not in line for line in answers), answers
        time.sleep(1.5)  # the refused calls have ended
        known = request("127.0.0.2", dst, n=999)
        lines = replies(known, 2)
        assert any(line.startswith("SIP/2.0 180") for line in lines), lines
        assert a.wait_for("incoming")


def test_a_scanner_cannot_take_every_line_from_a_real_caller_with_screening_off():
    with AgentProcess("--no-audio", "--ring-timeout", "60", ipc=True) as a:
        dst = ("127.0.0.1", a.ready["port"])
        scans = [request("127.0.0.3", dst, n=i) for i in range(6)]
        time.sleep(2)
        busy = [line for s in scans for line in replies(s, 0.1) if line.startswith("SIP/2.0 486")]
        assert len(busy) >= 4, busy  # only two ring per address; the rest are busy at once
        real = request("127.0.0.2", dst, n=99)
        lines = replies(real, 2)
        assert any(line.startswith("SIP/2.0 180") for line in lines), lines
        assert a.proc.poll() is None


@pytest.mark.parametrize("screening", [True, False])
def test_a_stranger_cannot_take_over_a_call_with_replaces(tmp_path, screening):
    """Someone who learnt a call's dialog ids sends an INVITE with Replaces from elsewhere: 403,
    and the call stays as it was."""
    log = tmp_path / "b.log"
    screen = ["--screen-calls", "--peer", "127.0.0.2"] if screening else []
    with AgentProcess("--no-audio", "--answer", *screen, "--log", str(log), ipc=True) as b, \
            AgentProcess("--no-audio", "--listen", "127.0.0.2:0", ipc=True) as a:
        a.send(cmd="call", uri=b.uri)
        a.wait_for("state", state="confirmed")
        call = b.wait_for("state", state="confirmed")["call"]
        time.sleep(0.3)
        text = log.read_text()
        text = text[text.rfind("whitephone-selftest") + 1:]  # after the engine's start-up self-test call
        call_id = re.search(r"INVITE sip:.*?Call-ID: (\S+)", text, re.S).group(1)
        from_tag = re.search(r"From: .*?;tag=([^\s;>]+)", text).group(1)
        to_tag = re.search(r"SIP/2.0 200 OK.*?To: .*?;tag=([^\s;>]+)", text, re.S).group(1)
        s = request("127.0.0.3", ("127.0.0.1", b.ready["port"]), n=5,
                    extra=f"Replaces: {call_id};to-tag={to_tag};from-tag={from_tag}\r\nRequire: replaces\r\n")
        lines = replies(s, 1.5)
        assert any(line.startswith("SIP/2.0 403") for line in lines), lines
        assert not any(line.startswith("SIP/2.0 200") for line in lines), lines
        refused = b.wait_for("call_refused")
        assert refused["code"] == 403 and refused["source"].startswith("127.0.0.3:"), refused
        assert not [e for e in b.events if e["event"] in ("replaced", "ended")], b.events
        b.send(cmd="hold", call=call, req=1)  # the call is still ours
        b.wait_for("ok", req=1)


def test_a_strangers_subscribe_is_refused_with_screening_on():
    with AgentProcess("--no-audio", "--screen-calls", "--peer", "127.0.0.2", ipc=True) as a:
        dst = ("127.0.0.1", a.ready["port"])
        stranger = replies(request("127.0.0.3", dst, method="SUBSCRIBE", extra="Event: presence\r\nExpires: 60\r\n"))
        assert stranger and stranger[0].startswith("SIP/2.0 403"), stranger
        assert not any(line.startswith("NOTIFY") for line in stranger), stranger
        peer = replies(request("127.0.0.2", dst, method="SUBSCRIBE", extra="Event: presence\r\nExpires: 60\r\n"))
        assert peer and peer[0].startswith("SIP/2.0 200"), peer

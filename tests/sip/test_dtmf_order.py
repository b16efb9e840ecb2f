"""Regression (found by a review, fixed; the story as found): (Engine.dtmf): digits sent in two quick commands arrive out of order, and digits
that are not DTMF are sent anyway.

`Engine.dtmf` (whitephone/sip/engine.py, `dtmf`) falls back to SIP INFO whenever
`dialDtmf` raises. pjmedia's stream queues at most 32 RFC 2833 digits and raises PJ_ETOOMANY
beyond that, so a second command while the first is still on the wire goes by INFO at once
and reaches the far end *before* the first command's queued digits (an IVR gets a scrambled
PIN / card number). And `dialDtmf` raises PJ_EINVAL for a non-DTMF character: that too "falls
back" to INFO, which carries the character to the peer instead of refusing it."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _call(me: AgentProcess, far: AgentProcess) -> int:
    far.send(cmd="call", uri=me.uri)
    inc = me.wait_for("incoming")["call"]
    me.send(cmd="answer", call=inc)
    me.wait_for("state", state="confirmed")
    far.wait_for("state", state="confirmed")
    return inc


def _digits(far: AgentProcess, n: int, timeout: float) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end and sum(e.get("event") == "dtmf" for e in far.events) < n:
        time.sleep(0.2)
    time.sleep(0.5)
    return "".join(e["digit"] for e in far.events if e.get("event") == "dtmf")


def test_two_commands_of_digits_arrive_in_the_order_they_were_sent():
    first, second = "01234567890123456789", "98765432109876543210"
    with AgentProcess("--no-audio", ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        inc = _call(me, far)
        me.send(cmd="dtmf", call=inc, digits=first)
        me.send(cmd="dtmf", call=inc, digits=second)
        assert _digits(far, 40, 20) == first + second


def test_a_character_that_is_not_dtmf_is_refused_not_sent():
    with AgentProcess("--no-audio", ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        inc = _call(me, far)
        me.send(cmd="dtmf", call=inc, digits="1x2")
        got = _digits(far, 3, 5)
        assert "x" not in got, f"the far end was sent {got!r}"

"""Regression (found by a review, fixed; the story as found): (Engine.dtmf): digits sent on a held call vanish without a word.

Held by the far end (it sent a=sendonly, e.g. a call centre queue playing music "press 1 to
leave a message"), our stream is recvonly: `dialDtmf` queues the digits in a stream that never
sends, no SIP INFO fallback is tried (it is taken only when `dialDtmf` raises), and nothing tells
the user; the queued digits are not even sent after the far end resumes. Held by us, the digits
are lost the same way (`_audio_media` returns None for a locally held call, so nothing carries
them either). Expected: the digits arrive (SIP INFO when RTP cannot carry them) or an error."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("held_by", ["far end", "us"])
def test_digits_typed_on_a_held_call_arrive_or_are_refused(held_by):
    with AgentProcess("--no-audio", ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        far.send(cmd="call", uri=me.uri)
        inc = me.wait_for("incoming")["call"]
        me.send(cmd="answer", call=inc)
        me.wait_for("state", state="confirmed")
        out = far.wait_for("state", state="confirmed")["call"]
        if held_by == "far end":
            far.send(cmd="hold", call=out)
            me.wait_for("media", call=inc, status="held", by="remote")
        else:
            me.send(cmd="hold", call=inc)
            me.wait_for("media", call=inc, status="held", by="local")
        for digit in "159#":
            me.send(cmd="dtmf", call=inc, digits=digit)
            time.sleep(0.3)
        end = time.monotonic() + 5
        while time.monotonic() < end:
            got = "".join(e["digit"] for e in far.events if e.get("event") == "dtmf")
            errors = [e for e in me.events if e.get("event") == "error"]
            if got == "159#" or errors:
                break
            time.sleep(0.2)
        assert got == "159#" or errors, f"far end got {got!r} and we were told nothing"

"""An engine listens on UDP and TCP, so `;transport=tcp` calls and accounts work on any engine."""

from __future__ import annotations

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("main", ["udp", "tcp"])
def test_engine_calls_over_either_transport(main):
    with AgentProcess("--answer", "--echo", "--transport", main) as far, \
            AgentProcess("--no-audio", "--transport", main, ipc=True) as me:
        host_port = far.ready["address"]
        for suffix in (";transport=tcp", ";transport=udp"):
            if main == "tcp" and suffix == ";transport=udp":
                continue  # a TCP engine binds its accounts to TCP (see Engine.add_account)
            me.reset()
            me.send(cmd="call", uri=f"sip:echo@{host_port}{suffix}")
            media = me.wait_for("media", status="active")
            me.send(cmd="hangup", call=media["call"])
            assert me.wait_for("ended")["code"] == 200, suffix


def test_a_caller_that_vanishes_without_cancel_stops_ringing():
    with AgentProcess("--no-audio", "--ring-timeout", "1.5", ipc=True) as me, \
            AgentProcess("--no-audio", ipc=True) as caller:
        caller.send(cmd="call", uri=me.uri)
        incoming = me.wait_for("incoming")
        caller.proc.kill()  # gone without a CANCEL
        ended = me.wait_for("ended", call=incoming["call"])
        assert ended["direction"] == "in" and ended["duration"] == 0

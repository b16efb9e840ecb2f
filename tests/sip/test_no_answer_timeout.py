"""A peer that never answers at all: pjsip's INVITE transaction times out (Timer B, 64 x T1 =
32 s) and the call ends as 408, logged as failed, with the engine still healthy."""

import socket

from tests.sip.agents import AgentProcess
from whitephone.core.calls import result_for


def test_invite_to_a_silent_address_times_out_as_408():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as hole:  # receives, never replies
        hole.bind(("127.0.0.1", 0))
        port = hole.getsockname()[1]
        with AgentProcess("--no-audio", ipc=True) as agent, AgentProcess("--answer", "--no-audio") as peer:
            agent.send(cmd="call", uri=f"sip:nobody@127.0.0.1:{port}")
            ended = agent.wait_for("ended", timeout=60)
            assert ended["code"] == 408 and ended["duration"] == 0, ended
            assert result_for("out", False, ended["code"]) == "failed"
            hole.settimeout(1)
            assert b"INVITE sip:nobody@" in hole.recv(65536)  # it was tried (and retransmitted)
            agent.send(cmd="call", uri=peer.uri)  # and the engine still calls
            agent.wait_for("state", state="confirmed")

"""The SIP port: one another program holds is replaced by a free one (and the reason said);
an impossible one is refused."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.sip.agents import AgentProcess, free_port

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_an_out_of_range_port_is_refused_with_the_reason():
    p = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--listen", "127.0.0.1:99999"],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 2 and p.stdout == ""
    assert "port 99999 is out of range" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_a_port_in_use_falls_back_to_a_free_one_and_says_why(transport):
    kind = socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM
    port = free_port(kind)
    with socket.socket(socket.AF_INET, kind) as taken:
        taken.bind(("127.0.0.1", port))
        if transport == "tcp":
            taken.listen()
        with AgentProcess("--no-audio", "--answer", "--listen", f"127.0.0.1:{port}", "--transport", transport) as me, \
                AgentProcess("--no-audio", "--echo", "--transport", transport, ipc=True) as caller:
            ready = me.ready
            assert ready["port"] not in (port, 0) and ready["wanted_port"] == port
            assert f"port {port}" in ready["fallback_reason"] and "another program" in ready["fallback_reason"]
            caller.send(cmd="call", uri=me.uri)  # and it takes calls on the port it found
            call = caller.wait_for("state", state="confirmed")["call"]
            caller.send(cmd="hangup", call=call)
            caller.wait_for("ended")


def test_a_free_port_is_used_as_asked_with_no_fallback():
    port = free_port()
    with AgentProcess("--no-audio", "--listen", f"127.0.0.1:{port}") as me:
        assert me.ready["port"] == port and "fallback_reason" not in me.ready


def test_the_second_transport_on_another_port_is_said_in_ready():
    """UDP gets the wanted port but another program holds it on TCP: TCP listens elsewhere and
    `ready` says where and why."""
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        with AgentProcess("--no-audio", "--listen", f"127.0.0.1:{port}") as me:
            ready = me.ready
            assert ready["port"] == port and "fallback_reason" not in ready
            assert ready["tcp_port"] not in (port, 0), ready
            assert f"port {port}" in ready["tcp_fallback_reason"] and "TCP" in ready["tcp_fallback_reason"]

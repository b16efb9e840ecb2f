"""Who may ring us (issue 11.11): with screening on, a call that comes neither through one of
our accounts' servers nor from a known peer is refused with 403 and logged; the rest ring."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sip.agents import AgentProcess
from whitephone.sip.screening import CallScreen, host_of

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_hosts_are_read_from_uris_and_addresses():
    assert host_of("sip:alice@Example.com:5070;transport=tcp") == "example.com"
    assert host_of("<sips:pbx.example.com;lr>") == "pbx.example.com"
    assert host_of("192.0.2.7:5060") == "192.0.2.7"
    assert host_of("[2001:db8::1]:5060") == "2001:db8::1"
    assert host_of("sip:bob@[2001:db8::2]") == "2001:db8::2"


def test_screen_allows_servers_and_peers_and_nobody_else():
    screen = CallScreen(on=True, resolve=lambda name: {"198.51.100.9"} if name == "friend.example" else set())
    assert not screen.allows("203.0.113.66:5060")  # a scanner
    screen.account_server("work", "192.0.2.10:5060")
    assert screen.allows("192.0.2.10:5099")
    screen.set_peers(["sip:bob@192.0.2.20", "sip:ann@friend.example"])
    assert screen.allows("192.0.2.20:5060")
    screen.drop_account("work")
    assert not screen.allows("192.0.2.10:5060")
    screen.on = False
    assert screen.allows("203.0.113.66:5060")


def test_a_stranger_gets_403_and_a_known_peer_rings():
    with AgentProcess("--no-audio", "--answer", "--screen-calls", ipc=True) as me, \
            AgentProcess("--no-audio", ipc=True) as stranger:
        stranger.send(cmd="call", uri=me.uri)
        ended = stranger.wait_for("ended")
        assert ended["code"] == 403, ended
        refused = me.wait_for("call_refused")
        assert refused["source"].startswith("127.0.0.1:") and refused["code"] == 403
        assert not any(e["event"] in ("incoming", "state", "ended") for e in me.events)  # it never rang
        me.send(cmd="screening", on=True, peers=["sip:friend@127.0.0.1"], req=1)
        me.wait_for("ok", req=1)
        stranger.reset()
        stranger.send(cmd="call", uri=me.uri)  # now a known peer
        call = stranger.wait_for("state", state="confirmed")["call"]
        stranger.send(cmd="hangup", call=call)
        assert stranger.wait_for("ended")["code"] == 200


def test_screening_off_lets_anyone_ring():
    with AgentProcess("--no-audio", "--answer") as me, AgentProcess("--no-audio", ipc=True) as caller:
        caller.send(cmd="call", uri=me.uri)
        call = caller.wait_for("state", state="confirmed")["call"]
        caller.send(cmd="hangup", call=call)
        caller.wait_for("ended")


@pytest.mark.skipif(not shutil.which("kamailio") and not Path("/usr/sbin/kamailio").exists(),
                    reason="kamailio is not installed")
def test_calls_through_our_registrar_ring_and_a_direct_one_from_elsewhere_is_refused(tmp_path):
    from tests.sip.test_kamailio import USERS, Kamailio, registered_agent

    k = Kamailio(tmp_path, USERS)
    try:
        with registered_agent(k, "alice", USERS["alice"], "--no-audio", "--answer", "--screen-calls",
                              ipc=True) as alice, \
                registered_agent(k, "bob", USERS["bob"], "--no-audio", ipc=True) as bob, \
                AgentProcess("--no-audio", "--listen", "127.0.0.2:0", ipc=True) as scanner:
            alice.wait_for("registered")
            bob.wait_for("registered")
            bob.send(cmd="call", uri=k.uri("alice"))  # through the registrar: rings, answered
            call = bob.wait_for("state", state="confirmed")["call"]
            bob.send(cmd="hangup", call=call)
            bob.wait_for("ended")
            scanner.send(cmd="call", uri=f"sip:alice@{alice.ready['address']}")  # straight at her port
            assert scanner.wait_for("ended")["code"] == 403
            assert alice.wait_for("call_refused")["source"].startswith("127.0.0.2:")
    finally:
        k.stop()

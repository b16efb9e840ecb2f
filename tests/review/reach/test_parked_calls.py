"""Break-it review of "a call on an account still climbing waits for its rung" (sip/agent.py's
parked calls) against real engine processes: the account edited, the engine quitting, two
accounts climbing at once, a ladder that never finds a rung."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.review.reach.relay import HeldRelay
from tests.sip.agents import AgentProcess
from tests.sip.test_reach import BlackHole

ENV = {**os.environ, "https_proxy": "", "HTTPS_PROXY": "", "http_proxy": "", "HTTP_PROXY": ""}


def engine(*extra: str) -> AgentProcess:
    return AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--probe-timeout", "2",
                        *extra, ipc=True, env=ENV)


def hub_account(port: int, user: str = "ann", password: str = "pw", acc: str = "hub") -> dict:
    return dict(cmd="account", id=acc, uri=f"sip:{user}@127.0.0.1:{port}", registrar=f"sip:127.0.0.1:{port}",
                user=user, password=password, transport="auto", tls_proxy="", reg_interval=300)


def test_a_call_dialled_on_the_old_server_is_not_placed_from_the_account_sent_again():
    """The account is sent again (new server, new user) while its first ladder climbs: the first
    climb's result is thrown away (the agent's own rule), but the call dialled while the account
    named the old company is placed from the new one: From the new identity, with its password."""
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as old_far, \
            AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as new_server:
        relay = HeldRelay(("127.0.0.1", int(old_far.ready["port"])))  # the old company: not reachable yet
        try:
            with engine() as w:
                w.send(**hub_account(relay.port, "ann"))
                w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{relay.port}", account="hub", req=1)
                time.sleep(0.5)
                new_port = int(new_server.ready["port"])
                w.send(**hub_account(new_port, "zed", "other-company-pw"))  # edited / another company
                relay.open()  # the old company is reachable again
                w.wait_for("ladder", timeout=15, account="hub")
                time.sleep(4)
                calling = [e for e in w.events if e.get("event") == "calling" and e.get("req") == 1]
                answered = [e for e in w.events if e.get("req") == 1]
        finally:
            relay.close()
    invites = [p for p in relay.forwarded if p.startswith(b"INVITE")]
    assert not calling, ("the call dialled on ann's account went out from zed's: "
                         f"{calling}; INVITE seen by the old server: {invites[:1]}")
    assert answered and answered[0]["event"] == "error", answered


def test_quitting_while_calls_wait_answers_each_of_them():
    """The engine is told to quit (the window closing, sign-out of the computer) while two calls
    wait for the ladder: each request is answered before `stopped` (the window's `dialling`
    entries, its "Calling…" rows), never silently forgotten."""
    relay = HeldRelay(("127.0.0.1", 9))
    try:
        with engine() as w:
            w.send(**hub_account(relay.port))
            w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{relay.port}", account="hub", req=11)
            w.send(cmd="call", uri=f"sip:cy@127.0.0.1:{relay.port}", account="hub", req=12)
            time.sleep(0.5)
            w.send(cmd="quit")
            w.wait_for("stopped", timeout=15)
            w.proc.wait(10)
            events = list(w.events)
    finally:
        relay.close()
    answers = {e.get("req"): e for e in events if e.get("req") in (11, 12)}
    assert set(answers) == {11, 12}, f"parked calls never answered before the engine stopped: {events}"


def test_two_accounts_climbing_at_once_both_remember_their_rung(tmp_path):
    """Two "auto" accounts climb at the same time (the company account and a provider's): each
    climb reads the profile's ladder memory when it starts and writes the whole of it back when
    it ends, so the one finishing last throws away the other's remembered rung."""
    profile = tmp_path / "profile"
    profile.mkdir()
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as slow_backend, \
            AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as fast:
        slow = HeldRelay(("127.0.0.1", int(slow_backend.ready["port"])))  # answers after a second
        try:
            with AgentProcess("--profile", str(profile), "--listen", "127.0.0.1:0", "--transport", "udp",
                              "--no-audio", "--probe-timeout", "3", ipc=True, env=ENV) as w:
                w.send(**hub_account(slow.port, acc="hub"))
                time.sleep(0.8)  # the company account's ladder has read the memory and waits on UDP
                w.send(**hub_account(int(fast.ready["port"]), acc="provider"))
                w.wait_for("ladder", timeout=15, account="provider")  # remembered first
                time.sleep(0.3)
                slow.open()
                w.wait_for("ladder", timeout=15, account="hub")
                time.sleep(0.5)
                ladders = [e for e in w.events if e.get("event") == "ladder"]
        finally:
            slow.close()
    assert all(e["rung"] == "udp" for e in ladders), ladders
    settings = json.loads((profile / "settings.json").read_text())
    memory = {srv for net in settings.get("reach", {}).values() for srv in net}
    assert memory == {f"sip:127.0.0.1:{slow.port}", f"sip:127.0.0.1:{fast.ready['port']}"}, settings


def test_a_call_on_an_account_whose_ladder_finds_nothing_fails_quickly():
    """Nothing answers on any rung (a firewall that drops): the call that waited for the ladder
    should fail naming that, once the ladder has given up; instead it is placed over UDP anyway
    and the user watches "Calling…" until SIP's 32 s transaction timer ends it."""
    hole = BlackHole()
    try:
        with engine() as w:
            start = time.monotonic()
            w.send(**hub_account(hole.port))
            w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{hole.port}", account="hub", req=21)
            ladder = w.wait_for("ladder", timeout=30, account="hub")
            climbed = time.monotonic() - start
            deadline = start + climbed + 5
            outcome = None
            while time.monotonic() < deadline and outcome is None:
                outcome = next((e for e in w.events if (e.get("event") == "error" and e.get("req") == 21)
                                or e.get("event") == "ended"), None)
                time.sleep(0.1)
            events = list(w.events)
    finally:
        hole.close()
    assert ladder["rung"] is None, ladder
    assert outcome is not None, (f"the ladder gave up after {climbed:.1f} s but the waiting call was still "
                                 f"not failed 5 s later: {[e for e in events if e.get('req') == 21 or e.get('event') in ('calling', 'rung')]}")


def test_a_flood_of_calls_waiting_for_the_ladder_each_gets_an_answer():
    """(Held) 60 calls dialled while the account climbs: once the rung is found each request is
    answered (placed, or an error once pjsua's call slots are full) and the engine keeps going."""
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as far:
        relay = HeldRelay(("127.0.0.1", int(far.ready["port"])))
        try:
            with engine() as w:
                w.send(**hub_account(relay.port))
                for i in range(60):
                    w.send(cmd="call", uri=f"sip:u{i}@127.0.0.1:{relay.port}", account="hub", req=100 + i)
                time.sleep(0.5)
                relay.open()
                end = time.monotonic() + 30
                while time.monotonic() < end:
                    reqs = {e.get("req") for e in w.events if e.get("event") in ("calling", "error")}
                    if reqs >= set(range(100, 160)):
                        break
                    time.sleep(0.2)
                w.send(cmd="ping", req=999)
                w.wait_for("pong", req=999, timeout=10)
        finally:
            relay.close()
    assert reqs >= set(range(100, 160)), sorted(set(range(100, 160)) - reqs)


def test_a_remembered_rung_now_blocked_is_left_and_the_waiting_call_goes_out(tmp_path):
    """(Held) The profile remembers TCP for this server, but TCP now takes the connection and says
    nothing (a firewall's proxy): the ladder leaves it after the time-out, finds UDP, and the
    call that waited goes out on it."""
    import socket

    from whitephone.sip import ladder

    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as far:
        relay = HeldRelay(("127.0.0.1", int(far.ready["port"])))
        relay.open()
        silent = socket.socket()
        silent.bind(("127.0.0.1", relay.port))
        silent.listen()
        profile = tmp_path / "profile"
        profile.mkdir()
        server = f"sip:127.0.0.1:{relay.port}"
        (profile / "settings.json").write_text(json.dumps(
            {"reach": {ladder.network_key(None): {server: {"rung": "tcp", "port": relay.port}}}}))
        try:
            with AgentProcess("--profile", str(profile), "--listen", "127.0.0.1:0", "--transport", "udp",
                              "--no-audio", "--probe-timeout", "2", ipc=True, env=ENV) as w:
                w.send(**hub_account(relay.port))
                w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{relay.port}", account="hub", req=31)
                calling = w.wait_for("calling", req=31, timeout=20)
                ladder_ev = w.wait_for("ladder", account="hub")
                far.wait_for("incoming", timeout=10)
        finally:
            silent.close()
            relay.close()
    assert ladder_ev["remembered"] == "tcp" and ladder_ev["rung"] == "udp", ladder_ev
    assert calling["account"] == "hub"
    saved = json.loads((profile / "settings.json").read_text())["reach"]
    assert saved[ladder.network_key(None)][server]["rung"] == "udp", saved

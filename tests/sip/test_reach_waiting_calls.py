"""A call on an account still climbing its ladder waits for the rung (sip/agent.py), against
real engine processes: told at once with a provisional id, hung up before it goes out, the
account sent again, the engine quitting, two accounts climbing at once, a ladder that never
finds a rung, a flood of waiting calls, a remembered rung now blocked."""

from __future__ import annotations

import json
import os
import time

from tests.sip.agents import AgentProcess
from tests.sip.held_relay import HeldRelay
from tests.sip.test_reach import BlackHole

ENV = {**os.environ, "https_proxy": "", "HTTPS_PROXY": "", "http_proxy": "", "HTTP_PROXY": ""}


def engine(*extra: str) -> AgentProcess:
    return AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--probe-timeout", "2",
                        *extra, ipc=True, env=ENV)


def hub_account(port: int, user: str = "ann", password: str = "pw", acc: str = "hub") -> dict:
    return dict(cmd="account", id=acc, uri=f"sip:{user}@127.0.0.1:{port}", registrar=f"sip:127.0.0.1:{port}",
                user=user, password=password, transport="auto", tls_proxy="", reg_interval=300)


def test_a_call_dialled_on_the_old_server_is_not_placed_from_the_account_sent_again():
    """The account is sent again (new server, new user) while its first ladder climbs: the call
    dialled while the account named the old company belongs to that climb and ends, naming why;
    it never goes out from the new identity (with its password), nor to the old server."""
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
                held = calling[0]["call"]
                ended = [e for e in w.events if e.get("event") == "ended" and e.get("call") == held]
        finally:
            relay.close()
    invites = [p for p in relay.forwarded if p.startswith(b"INVITE")]
    assert [e.get("waiting") for e in calling] == ["network"], (
        f"the call dialled on ann's account went out from zed's: {calling}; INVITE seen by the old server: "
        f"{invites[:1]}")
    assert not invites and not [e for e in new_server.events if e.get("event") == "incoming"], new_server.events
    assert len(ended) == 1 and ended[0]["reason"] == (
        f"cannot call sip:bob@127.0.0.1:{relay.port}: the account was changed before its server was reached"), ended


def test_a_waiting_call_hung_up_never_goes_out_and_one_placed_hangs_up_by_its_first_id():
    """Hang up while the call waits for the ladder (the window's Hang up on "Connecting…"): it
    ends at once and never goes out once the server answers. A second call, hung up by its
    provisional id after it went out (the window had not heard yet), is hung up too."""
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as far:
        relay = HeldRelay(("127.0.0.1", int(far.ready["port"])))
        try:
            with engine() as w:
                w.send(**hub_account(relay.port))
                w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{relay.port}", account="hub", req=41)
                held = w.wait_for("calling", req=41)["call"]
                w.send(cmd="hold", call=held, req=42)  # nothing to hold yet: refused in words
                refused = w.wait_for("error", req=42)
                w.send(cmd="hangup", call=held, req=43)
                ended = w.wait_for("ended", call=held)
                w.wait_for("ok", req=43)
                w.send(cmd="call", uri=f"sip:cy@127.0.0.1:{relay.port}", account="hub", req=44)
                second = w.wait_for("calling", req=44)["call"]
                relay.open()
                placed = w.wait_for("calling", waited_as=second, timeout=20)
                far.wait_for("incoming", timeout=10)
                w.send(cmd="hangup", call=second, req=45)
                w.wait_for("ended", call=placed["call"], timeout=10)
                w.wait_for("ok", req=45)
                time.sleep(1)
        finally:
            relay.close()
    assert refused["reason"].endswith("the call has not gone out yet: it waits until the account's server is "
                                      "reached"), refused
    assert ended["code"] == 0 and ended["reason"].endswith("hung up before the call went out"), ended
    invites = [p for p in relay.forwarded if p.startswith(b"INVITE")]
    assert len(invites) == 1 and b"sip:cy@" in invites[0], invites
    assert [e["local_uri"] for e in far.events if e.get("event") == "incoming"] != [], far.events


def test_quitting_while_calls_wait_answers_each_of_them():
    """The engine is told to quit (the window closing, sign-out of the computer) while two calls
    wait for the ladder: each ends, naming why, before `stopped` (the window's call windows and
    "Calling…" rows), never silently forgotten."""
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
    held = {e["call"]: e["req"] for e in events if e.get("event") == "calling" and e.get("req") in (11, 12)}
    assert sorted(held.values()) == [11, 12] and all(c < 0 for c in held), events
    stopped = next(i for i, e in enumerate(events) if e.get("event") == "stopped")
    ended = [e for e in events[:stopped] if e.get("event") == "ended" and e.get("call") in held]
    assert len(ended) == 2, f"waiting calls not ended before the engine stopped: {events}"
    assert all(e["reason"].endswith(": the call engine stopped before the account's server was reached")
               for e in ended), ended


def test_two_accounts_climbing_at_once_both_remember_their_rung(tmp_path):
    """Two "auto" accounts climb at the same time (the company account and a provider's): each
    climb read the profile's ladder memory when it started; its rung is merged into what the
    file holds when it ends, so the one finishing last keeps the other's remembered rung."""
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
    ends naming that as soon as the ladder gives up, never placed over UDP to wait for SIP's 32 s
    transaction timer; the account still registers over UDP (pjsip's answer names its failure)."""
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
    server = f"sip:127.0.0.1:{hole.port}"
    assert outcome["event"] == "ended" and outcome["reason"] == (
        f"cannot call sip:bob@127.0.0.1:{hole.port}: no way to reach {server} was found "
        f"(UDP {hole.port}, TCP {hole.port}, TLS 5061, TLS 443: all blocked)"), outcome
    assert not [e for e in events if e.get("event") == "calling" and "waiting" not in e], events
    assert [e["rung"] for e in events if e.get("event") == "rung" and e.get("for") == "ladder"] == ["udp"]


def test_a_flood_of_calls_waiting_for_the_ladder_each_gets_an_answer():
    """60 calls dialled while the account climbs: each is told at once; once the rung is found
    each is placed or ends (pjsua's call slots are full) and the engine keeps going."""
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as far:
        relay = HeldRelay(("127.0.0.1", int(far.ready["port"])))
        try:
            with engine() as w:
                w.send(**hub_account(relay.port))
                for i in range(60):
                    w.send(cmd="call", uri=f"sip:u{i}@127.0.0.1:{relay.port}", account="hub", req=100 + i)
                time.sleep(0.5)
                relay.open()
                held = {e["call"] for e in w.events if e.get("event") == "calling" and e.get("waiting")}
                end = time.monotonic() + 30
                while time.monotonic() < end:
                    done = {e.get("waited_as") for e in w.events if e.get("event") == "calling"} | {
                        e.get("call") for e in w.events if e.get("event") == "ended"}
                    if done >= held:
                        break
                    time.sleep(0.2)
                w.send(cmd="ping", req=999)
                w.wait_for("pong", req=999, timeout=10)
        finally:
            relay.close()
    assert len(held) == 60, held
    assert done >= held, sorted(held - done)


def test_a_remembered_rung_now_blocked_is_left_and_the_waiting_call_goes_out(tmp_path):
    """The profile remembers TCP for this server, but TCP now takes the connection and says
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

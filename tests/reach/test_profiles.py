"""Reach profiles with real agents and a real coturn:
(1) UDP blocked by the router (namespaces + nftables): SIP over TCP, media falls to TURN over TCP;
(4) the clients behind symmetric NATs (masquerade with random ports): ICE must use the relay;
(5) 3 % loss and ~50 ms jitter (Normal(75 ms, 25 ms)) in a user-space relay in front of coturn.
In each the call connects and audio passes both ways; the network test names the blockage."""

from __future__ import annotations

import json
import os
import sys

import pytest

from tests.reach.impair import ImpairedUdpRelay
from tests.reach.netns import ROOT, Net, NsAgent, why_not
from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.sip.coturn import AVAILABLE, TURNSERVER, Coturn, credentials

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"),
              pytest.mark.skipif(not AVAILABLE, reason="coturn is not installed (Debian coturn)")]
NETNS = why_not()
needs_netns = pytest.mark.skipif(bool(NETNS), reason=NETNS or "namespaces available")
TURN_PORT = 3478


def _coturn_in(net: Net, tmp_path):
    ip = net.addr("s")
    log = tmp_path / "turn.log"
    proc = net.popen("s", [TURNSERVER, "-n", "--listening-ip", ip, "--listening-port", str(TURN_PORT), "--relay-ip", ip,
                           "--use-auth-secret", "--static-auth-secret", "test-turn-secret-0123456789",
                           "--realm", "whitephone.test", "--min-port", "49160", "--max-port", "49260",
                           "--no-tls", "--no-dtls", "--no-cli", "--log-file", str(log), "--simple-log", "--verbose",
                           "--pidfile", str(tmp_path / "turn.pid"), "--userdb", str(tmp_path / "turndb")],
                     stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    net.wait_listening("s", TURN_PORT)
    return proc


def _call_in(net: Net, tmp_path, transport: str = "udp") -> tuple[NsAgent, NsAgent]:
    user, password = credentials(3)
    env = dict(os.environ, WP_TURN_PASSWORD=password)
    turn = ["--turn", f"turn:{net.addr('s')}:{TURN_PORT}", "--turn-user", user, "--turn-password-env",
            "WP_TURN_PASSWORD"]
    a_wav, b_wav = tone(tmp_path / "a.wav", 440, 4), tone(tmp_path / "b.wav", 660, 4)
    with NsAgent(net, "b", "--listen", f"{net.addr('b')}:0", "--transport", transport, "--answer", "--play",
                 str(b_wav), "--record", str(tmp_path / "b_heard.wav"), *turn, env=env) as b:
        uri = f"sip:b@{b.ready['address']}" + (";transport=tcp" if transport == "tcp" else "")
        with NsAgent(net, "a", "--listen", f"{net.addr('a')}:0", "--transport", transport, "--call", uri,
                     "--play", str(a_wav), "--record", str(tmp_path / "a_heard.wav"), "--hangup-after", "3",
                     *turn, env=env) as a:
            a.wait_for("ended", timeout=60)
        b.wait_for("ended", timeout=30)
    return a, b


def _both_hear(tmp_path) -> None:
    freq_a, level_a = dominant_frequency(tmp_path / "a_heard.wav")
    freq_b, level_b = dominant_frequency(tmp_path / "b_heard.wav")
    assert abs(freq_a - 660) < 15 and level_a > 1000, (freq_a, level_a)
    assert abs(freq_b - 440) < 15 and level_b > 1000, (freq_b, level_b)


def _nettest_in(net: Net, side: str, *args: str) -> dict:
    user, password = credentials(3)
    out = net.run(side, [sys.executable, "-m", "whitephone", "nettest", "--turn", f"turn:{net.addr('s')}:{TURN_PORT}",
                         "--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD", "--timeout", "2", *args],
                  env=dict(os.environ, PYTHONPATH=str(ROOT), WP_TURN_PASSWORD=password))
    return json.loads(out.stdout)


@needs_netns
def test_profile_1_udp_blocked_media_over_turn_tcp(tmp_path):
    with Net() as net:
        net.block_udp()
        turn = _coturn_in(net, tmp_path)
        try:
            a, b = _call_in(net, tmp_path, transport="tcp")
            report = _nettest_in(net, "a", "--registrar", f"sip:{net.addr('s')}:{TURN_PORT}")
        finally:
            turn.terminate()
            turn.wait(10)
    for agent in (a, b):
        ladder = agent.wait_for("nat")["ladder"]
        assert [(r["rung"], r["ok"]) for r in ladder] == [("turn-udp", False), ("turn-tcp", True)], ladder
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "tcp", path
    _both_hear(tmp_path)
    by = {r["rung"]: r for r in report["rungs"]}
    assert not by["turn-udp"]["ok"] and by["turn-tcp"]["ok"], report
    assert report["media"] == "turn-tcp" and "UDP is blocked for audio" in report["summary"]
    assert any(f"allow outgoing UDP to {net.addr('s')} port {TURN_PORT}" in b for b in report["blocked"]), report


@needs_netns
def test_profile_4_symmetric_nat_media_relayed(tmp_path):
    with Net() as net:
        net.symmetric_nat()
        turn = _coturn_in(net, tmp_path)
        try:
            a, b = _call_in(net, tmp_path, transport="tcp")
            report = _nettest_in(net, "a")
        finally:
            turn.terminate()
            turn.wait(10)
    for agent in (a, b):
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "udp", path  # host and reflexive pairs fail
    _both_hear(tmp_path)
    assert report["media"] == "turn-udp" and not report["blocked"], report


def test_profile_5_loss_and_jitter_call_connects_and_audio_passes(tmp_path):
    with Coturn(tmp_path) as server, ImpairedUdpRelay(("127.0.0.1", server.port)) as relay:
        user, password = credentials(5)
        env = dict(os.environ, WP_TURN_PASSWORD=password)
        common = ["--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD", "--ice-max-host", "0"]
        a_wav, b_wav = tone(tmp_path / "a.wav", 440, 5), tone(tmp_path / "b.wav", 660, 5)
        with AgentProcess("--answer", "--play", str(b_wav), "--record", str(tmp_path / "b_heard.wav"),
                          "--turn", f"{server.uri}?transport=udp", *common, env=env) as b:
            # a reaches coturn only through the impaired relay: all of its media crosses it
            with AgentProcess("--call", b.uri, "--play", str(a_wav), "--record", str(tmp_path / "a_heard.wav"),
                              "--hangup-after", "4", "--turn", f"turn:127.0.0.1:{relay.port}?transport=udp",
                              *common, env=env) as a:
                a.wait_for("ended", timeout=60)
            b.wait_for("ended", timeout=30)
    assert a.wait_for("media_path")["path"] == "relayed"
    assert relay.stats["dropped"] > 0 and relay.stats["forwarded"] > 200, relay.stats
    _both_hear(tmp_path)

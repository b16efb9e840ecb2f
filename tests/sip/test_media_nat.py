"""Media NAT traversal against a real coturn: ICE with a TURN-relayed candidate over UDP, the
fall to TURN over TCP when the server takes no UDP, the `media_path` event, and the STUN/TURN
client's answers (allocation, refused credential, nothing listening)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.sip.coturn import AVAILABLE, Coturn, credentials
from whitephone.net import stun
from whitephone.sip import nat

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(not AVAILABLE, reason="coturn is not installed (Debian coturn; `make test` installs it)"),
]


def _nat_args(server: Coturn, uri: str | None = None, user_id: int = 1) -> tuple[list[str], dict]:
    user, password = credentials(user_id)
    env = dict(os.environ, WP_TURN_PASSWORD=password)
    # one machine: no host candidates, so ICE can only use the relay (as across two NATs)
    return ["--turn", uri or server.uri, "--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD",
            "--ice-max-host", "0"], env


def _relayed_call(tmp_path, server: Coturn, uri: str | None = None) -> tuple[AgentProcess, AgentProcess]:
    args, env = _nat_args(server, uri)
    a_wav, b_wav = tone(tmp_path / "a.wav", 440, 4), tone(tmp_path / "b.wav", 660, 4)
    with AgentProcess("--answer", "--play", str(b_wav), "--record", str(tmp_path / "b_heard.wav"), *args,
                      env=env) as b:
        with AgentProcess("--call", b.uri, "--play", str(a_wav), "--record", str(tmp_path / "a_heard.wav"),
                          "--hangup-after", "3", *args, env=env) as a:
            a.wait_for("ended", timeout=40)
        b.wait_for("ended", timeout=20)
    return a, b


def _assert_both_hear(tmp_path) -> None:
    freq_a, level_a = dominant_frequency(tmp_path / "a_heard.wav")
    freq_b, level_b = dominant_frequency(tmp_path / "b_heard.wav")
    assert abs(freq_a - 660) < 15 and level_a > 1000, (freq_a, level_a)
    assert abs(freq_b - 440) < 15 and level_b > 1000, (freq_b, level_b)


def test_call_media_relayed_by_turn_over_udp(tmp_path):
    with Coturn(tmp_path) as server:
        a, b = _relayed_call(tmp_path, server)
        log = server.log_text()
    for agent in (a, b):
        ladder = agent.wait_for("nat")["ladder"]
        assert ladder[0]["rung"] == "turn-udp" and ladder[0]["ok"], ladder
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "udp" and path["candidate"] == "relay", path
    _assert_both_hear(tmp_path)
    # coturn itself says it relayed: allocations and peer permissions in its log
    assert "ALLOCATE" in log.upper() and "CREATE_PERMISSION" in log.upper() or "permission" in log.lower(), log[-3000:]


def test_udp_blocked_media_falls_to_turn_over_tcp(tmp_path):
    with Coturn(tmp_path, "--no-udp") as server:  # the TURN server takes no UDP: as a firewall blocking it
        a, b = _relayed_call(tmp_path, server)
    for agent in (a, b):
        ladder = agent.wait_for("nat")["ladder"]
        assert [r["rung"] for r in ladder] == ["turn-udp", "turn-tcp"], ladder
        assert not ladder[0]["ok"] and "no answer" in ladder[0]["reason"] and ladder[1]["ok"], ladder
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "tcp", path
    _assert_both_hear(tmp_path)


def test_turn_uri_naming_tcp_is_used_without_probing_udp(tmp_path):
    with Coturn(tmp_path) as server:
        a, _b = _relayed_call(tmp_path, server, uri=f"{server.uri}?transport=tcp")
    assert [r["rung"] for r in a.wait_for("nat")["ladder"]] == ["turn-tcp"]
    assert a.wait_for("media_path")["transport"] == "tcp"
    _assert_both_hear(tmp_path)


def _lan_address() -> str | None:
    """This machine's first IPv4 address that is not loopback (ICE leaves loopback out)."""
    import subprocess

    try:
        out = subprocess.run(["ip", "-o", "-4", "addr", "show", "scope", "global"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        parts = line.split()
        if "inet" in parts:
            return parts[parts.index("inet") + 1].split("/")[0]
    return None


PJNATH_5126 = "pj_stun_sock_sendto: Assertion `stun_sock && pkt && dst_addr && addr_len' failed"


def test_ice_without_relay_between_hosts_is_direct(tmp_path):
    ip = _lan_address()
    if ip is None:
        pytest.skip("no non-loopback IPv4 address: ICE host candidates leave loopback out")
    a_wav = tone(tmp_path / "a.wav", 440, 3)
    with AgentProcess("--answer", "--ice", "--listen", f"{ip}:0", "--record", str(tmp_path / "b_heard.wav")) as b:
        with AgentProcess("--call", b.uri, "--ice", "--listen", f"{ip}:0", "--play", str(a_wav),
                          "--hangup-after", "2") as a:
            a.wait_for("ended", timeout=30)
        try:
            b.wait_for("ended", timeout=20)
        except AssertionError as exc:
            # pjproject 5126 (fixed upstream after the 2.15.1 wheel): pjnath's ICE sends a packet
            # racing the media teardown of a call that has ended and asserts; seen ~1 run in 5 on
            # a loaded machine. The call itself is checked below; any other failure still fails.
            if not (b.wait_for("state", state="disconnected") and PJNATH_5126 in str(exc)):
                raise
    path = a.wait_for("media_path")
    assert path["path"] == "direct" and path["candidate"] == "host", path
    assert abs(dominant_frequency(tmp_path / "b_heard.wav")[0] - 440) < 15


def test_bad_turn_uri_is_an_error_event(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--turn", "http://x:1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "bad STUN/TURN setting" in proc.stdout and "turn:host:port" in proc.stdout, proc.stdout


def test_turn_client_allocates_and_explains_failures(tmp_path):
    with Coturn(tmp_path) as server:
        user, password = credentials(7)
        for transport in ("udp", "tcp"):
            ok = stun.allocate(server.host, server.port, user, password, transport)
            assert ok.ok and ok.relayed.startswith("127.0.0.1:"), ok
        assert stun.binding(server.host, server.port).mapped.startswith("127.0.0.1:")
        refused = stun.allocate(server.host, server.port, user, "wrong", "udp")
        assert not refused.ok and refused.code == 401 and "password was refused" in refused.reason
        expired_user, expired_password = credentials(7, ttl=-60)
        assert stun.allocate(server.host, server.port, expired_user, expired_password).code == 401
        closed = stun.allocate("127.0.0.1", 9, user, password, "tcp", timeout=1)
        assert not closed.ok and "refused the TCP connection" in closed.reason


def test_turn_uri_and_candidates_parsing():
    assert stun.parse_turn_uri("turn:turn.example.com?transport=tcp") == stun.TurnServer(
        "turn.example.com", 3478, "tcp", False)
    assert stun.parse_turn_uri("turns:t.example.com:443").port == 443
    with pytest.raises(ValueError, match="udp or tcp"):
        stun.parse_turn_uri("turn:x:3478?transport=sctp")
    sdp = ("a=candidate:Hc0a80001 1 UDP 2130706431 192.168.0.1 4000 typ host\r\n"
           "a=candidate:Rc0a80001 1 UDP 16777215 203.0.113.9 50000 typ relay raddr 1.2.3.4 rport 9\r\n"
           "a=candidate:Rc0a80001 2 UDP 16777214 203.0.113.9 50001 typ relay\r\n")
    cands = nat.local_candidates(sdp)
    assert cands == {"192.168.0.1:4000": "host", "203.0.113.9:50000": "relay"}
    assert nat.media_path(cands, "203.0.113.9:50000", True, "tcp")["path"] == "relayed"
    assert nat.media_path(cands, "192.168.0.1:4000", True, "udp")["path"] == "direct"
    assert nat.media_path({}, "10.0.0.1:4000", False, "")["path"] == "direct"


def test_nat_command_from_the_window_relays_the_next_call(tmp_path):
    """The window sends the hub's TURN server and credential with the `nat` command after sign-in;
    the TURN ladder is probed off the pump thread and the next call is relayed."""
    with Coturn(tmp_path) as server:
        user, password = credentials(9)
        a_wav = tone(tmp_path / "a.wav", 440, 4)
        with AgentProcess("--answer", "--record", str(tmp_path / "b_heard.wav"), "--ice-max-host", "0",
                          "--turn", server.uri, "--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD",
                          env=dict(os.environ, WP_TURN_PASSWORD=password)) as b:
            with AgentProcess("--play", str(a_wav), "--ice-max-host", "0", ipc=True) as a:
                a.send(cmd="nat", req=1, ice=True, turn=server.uri, turn_user=user, turn_password=password)
                nat_event = a.wait_for("nat", timeout=20)
                assert nat_event["turn_transport"] == "udp" and nat_event["ladder"][0]["ok"], nat_event
                a.send(cmd="call", req=2, uri=b.uri)
                path = a.wait_for("media_path", timeout=20)
                assert path["path"] == "relayed", path
                a.wait_for("state", state="confirmed", timeout=20)
                a.send(cmd="quit")
                a.proc.wait(20)
        with pytest.raises(AssertionError):
            a.wait_for("error", timeout=0.1)


def test_ice_on_loopback_without_servers_is_refused_in_words():
    proc = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--ice"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "ICE leaves loopback addresses out" in proc.stdout, proc.stdout

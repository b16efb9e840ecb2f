"""Issue 16, media through the strictest networks: TURN over TLS (RFC 7065 `turns:`) and TURN over
TLS inside an HTTP CONNECT tunnel, with a real coturn (TLS on 443) and a real tinyproxy on the
host, and both agents in one network namespace whose nftables let out only
(2) TCP to port 443 of the stack, or (3) TCP to the proxy (which allows CONNECT to 443 only).
The media ladder climbs by itself (turn: and turns: URIs, no transport named): UDP, TCP, TLS,
TLS in CONNECT, giving up each blocked rung in ~2 s; the call's audio passes both ways; the
network test names the blockage. One namespace, coturn and tinyproxy for the module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reach.netns import ROOT
from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.sip.coturn import AVAILABLE, Coturn, credentials, free_udp_and_tcp_port
from tests.sip.test_kamailio import USERS
from tests.sip.test_reach import ProxyOnlyNetwork, _can_make_namespaces, needs_kamailio, tls_kamailio
from tests.sip.tlspeer import CertAuthority, Tinyproxy, TlsTerminator
from whitephone.sip.nat import NatSettings

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(not AVAILABLE, reason="coturn is not installed (Debian coturn)"),
    pytest.mark.skipif(shutil.which("tinyproxy") is None and not Path("/usr/bin/tinyproxy").exists(),
                       reason="tinyproxy is not installed (Debian tinyproxy)"),
]
needs_netns = pytest.mark.skipif(not _can_make_namespaces(), reason="needs root, ip and nft (network namespaces)")
TLS_PORT = 443  # on the namespace's own host address (10.x.y.1): no other test binds it


class Stack:
    def __init__(self, workdir: Path) -> None:
        self.net = ProxyOnlyNetwork()
        self.turn = self.proxy = None
        try:
            self.ca = CertAuthority(workdir)
            self.host = self.net.host_ip
            cert, key = self.ca.server("turn", san=f"IP:{self.host}")
            self.plain_port = free_udp_and_tcp_port()
            self.turn = Coturn(workdir, listen=self.host, relay_ip=self.host, port=self.plain_port,
                               tls=(cert, key, TLS_PORT))
            self.proxy = Tinyproxy(workdir, allow_port=TLS_PORT, host=self.host, allow=f"{self.net.ns_ip}/32")
            self.workdir = workdir
        except BaseException:
            self.close()
            raise

    def allow_only(self, rule: str) -> None:
        """Replace the namespace's rules: loopback and `rule` go out, nothing else."""
        subprocess.run([*self.net.prefix, "nft", "delete", "table", "inet", "wp"], capture_output=True)
        rules = self.workdir / "rules.nft"
        rules.write_text("table inet wp {\n chain out {\n  type filter hook output priority 0; policy drop;\n"
                         f"  oif lo accept\n  {rule}\n }}\n}}\n")
        self.net.run(*self.net.prefix, "nft", "-f", str(rules))

    def turn_args(self, user_id: int = 2) -> tuple[list[str], dict]:
        user, password = credentials(user_id)
        return (["--turn", f"turn:{self.host}:{self.plain_port}", "--turn", f"turns:{self.host}:{TLS_PORT}",
                 "--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD", "--ca-file", str(self.ca.ca)],
                dict(os.environ, WP_TURN_PASSWORD=password, PYTHONPATH=str(ROOT)))

    def close(self) -> None:
        for part in (self.proxy, self.turn):
            if part is not None:
                part.stop()
        self.net.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not _can_make_namespaces():
        pytest.skip("needs root, ip and nft (network namespaces)")
    s = Stack(tmp_path_factory.mktemp("turn-tls"))
    yield s
    s.close()


def _call(stack: Stack, tmp_path: Path, env_extra: dict) -> tuple[AgentProcess, AgentProcess]:
    """Two agents in the namespace; SIP between them stays inside it (loopback), so their audio can
    only go through the relay (no host candidates), over whatever rung the ladder found."""
    args, env = stack.turn_args()
    env.update(env_extra)
    ns_ip = stack.net.ns_ip
    a_wav, b_wav = tone(tmp_path / "a.wav", 440, 4), tone(tmp_path / "b.wav", 660, 4)
    common = ["--transport", "udp", "--ice-max-host", "0", *args]
    with AgentProcess("--listen", f"{ns_ip}:0", "--answer", "--play", str(b_wav), "--record",
                      str(tmp_path / "b_heard.wav"), *common, env=env, prefix=stack.net.prefix) as b:
        with AgentProcess("--listen", f"{ns_ip}:0", "--call", f"sip:b@{b.ready['address']}", "--play", str(a_wav),
                          "--record", str(tmp_path / "a_heard.wav"), "--hangup-after", "3", *common, env=env,
                          prefix=stack.net.prefix) as a:
            a.wait_for("ended", timeout=90)
        b.wait_for("ended", timeout=30)
    return a, b


def _both_hear(tmp_path: Path) -> None:
    freq_a, level_a = dominant_frequency(tmp_path / "a_heard.wav")
    freq_b, level_b = dominant_frequency(tmp_path / "b_heard.wav")
    assert abs(freq_a - 660) < 15 and level_a > 1000, (freq_a, level_a)
    assert abs(freq_b - 440) < 15 and level_b > 1000, (freq_b, level_b)


def _nettest(stack: Stack, env_extra: dict) -> dict:
    args, env = stack.turn_args()
    env.update(env_extra)
    keep = [x for x in args if x != "--ca-file" and x != str(stack.ca.ca)]
    out = subprocess.run([*stack.net.prefix, sys.executable, "-m", "whitephone", "nettest", *keep,
                          "--ca-file", str(stack.ca.ca), "--timeout", "2"],
                         capture_output=True, text=True, timeout=120, env=env)
    return json.loads(out.stdout)


@needs_netns
def test_profile_2_only_tcp_443_media_over_turn_tls(stack, tmp_path):
    stack.allow_only(f"ip daddr {stack.host} tcp dport {TLS_PORT} accept")
    a, b = _call(stack, tmp_path, {"no_proxy": "*"})
    for agent in (a, b):
        ladder = agent.wait_for("nat")["ladder"]
        assert [(r["rung"], r["ok"]) for r in ladder] == [
            ("turn-udp", False), ("turn-tcp", False), ("turn-tls", True)], ladder
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "tls", path
    _both_hear(tmp_path)
    report = _nettest(stack, {"no_proxy": "*"})
    assert report["media"] == "turn-tls", report
    assert "only TLS" in report["summary"], report
    assert any(f"allow outgoing UDP to {stack.host} port {stack.plain_port}" in x for x in report["blocked"]), report


@needs_netns
def test_profile_3_only_an_http_proxy_media_over_turn_tls_in_connect(stack, tmp_path):
    stack.allow_only(f"ip daddr {stack.host} tcp dport {stack.proxy.port} accept")
    env = {"https_proxy": stack.proxy.url, "no_proxy": ""}
    a, b = _call(stack, tmp_path, env)
    for agent in (a, b):
        ladder = agent.wait_for("nat")["ladder"]
        assert [(r["rung"], r["ok"]) for r in ladder] == [
            ("turn-udp", False), ("turn-tcp", False), ("turn-tls", False), ("turn-tls-proxy", True)], ladder
        assert all(r["ms"] < 10_000 for r in ladder)
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "tls-proxy", path
    _both_hear(tmp_path)
    assert f"CONNECT {stack.host}:{TLS_PORT}" in stack.proxy.log()
    report = _nettest(stack, env)
    assert report["media"] == "turn-tls-proxy", report
    assert "HTTP proxy" in report["summary"], report


@needs_netns
@needs_kamailio
def test_profile_2_signalling_climbs_to_tls_on_443(stack, tmp_path):
    """The registrar's own address (a second one on the host, so its 443 is free) answers SIP only
    over TLS on 443 (a TLS terminator in front of Kamailio); the ladder gives up UDP and TCP on
    5060-like ports in about a second each and registers over TLS 443."""
    sip_ip = f"10.{int(stack.host.split('.')[1]) ^ 1}.{stack.host.split('.')[2]}.1"
    ProxyOnlyNetwork.run("ip", "addr", "add", f"{sip_ip}/32", "dev", stack.net.veth)
    term = TlsTerminator(*stack.ca.server("pbx", san=f"IP:{sip_ip}"), 0, host=sip_ip, port=TLS_PORT)
    k = tls_kamailio(tmp_path, term)
    try:
        stack.allow_only(f"ip daddr {{ {stack.host}, {sip_ip} }} tcp dport {TLS_PORT} accept")
        env = {**os.environ, "WP_SIP_PASSWORD": USERS["alice"], "no_proxy": "*", "https_proxy": ""}
        with AgentProcess("--account", k.uri("alice"), "--user", "alice", "--password-env", "WP_SIP_PASSWORD",
                          "--no-audio", "--registrar", f"sip:{sip_ip}:{k.port}", "--tls-port", str(TLS_PORT),
                          "--ca-file", str(stack.ca.ca), "--probe-timeout", "1", env=env,
                          prefix=stack.net.prefix) as alice:
            ladder = alice.wait_for("ladder", timeout=60)
            reg = alice.wait_for("registered", timeout=30)
        assert [(t["rung"], t["ok"]) for t in ladder["tried"]] == [("udp", False), ("tcp", False), ("tls", True)], ladder
        assert ladder["port"] == TLS_PORT and all(t["ms"] < 10_000 for t in ladder["tried"]), ladder
        assert reg["code"] == 200 and alice.ready["signalling"] == "tls"
    finally:
        k.stop()
        term.close()
        ProxyOnlyNetwork.run("ip", "addr", "del", f"{sip_ip}/32", "dev", stack.net.veth)


def test_turn_over_tls_refuses_an_untrusted_certificate_in_words(tmp_path):
    ca = CertAuthority(tmp_path)
    port = free_udp_and_tcp_port()
    with Coturn(tmp_path, tls=(*ca.server("turn"), port)) as server:
        user, password = credentials()
        turns = f"turns:127.0.0.1:{port}"
        good = NatSettings(turn=turns, turn_user=user, turn_password=password, ca_file=str(ca.ca))
        assert good.probe() == "tls" and good.ladder[0]["relayed"].startswith("127.0.0.1:"), good.ladder
        bad = NatSettings(turn=turns, turn_user=user, turn_password=password)  # system store only
        assert bad.probe() == "" and "not signed by a trusted authority" in bad.ladder[0]["reason"], bad.ladder
        assert server.proc.poll() is None

"""Issue 16, profiles 2 and 3 as whole calls: Ann's computer sits in a network namespace whose
nftables let out only (2) TCP to port 443 of the stack, or (3) TCP to the HTTP proxy (tinyproxy,
CONNECT to 443 only). The stack has two addresses on the host: the SIP server's (Kamailio behind
TLS on 443) and the media relay's (coturn, TURN over TLS on 443, plain TURN on another port). Bob
is on the open network. Ann registers by climbing the signalling ladder (UDP, TCP blocked: TLS on
443, or TLS in CONNECT), her media climbs the TURN ladder to the same rung, she calls Bob through
Kamailio, both hear the other's speech (PESQ), and the network test names the blockage."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reach.test_turn_tls import TLS_PORT, Stack, needs_netns
from tests.sip.test_kamailio import USERS
from tests.sip.test_reach import ProxyOnlyNetwork, needs_kamailio, tls_kamailio
from tests.sip.tlspeer import TlsTerminator

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"), needs_netns, needs_kamailio]
SPEECH_S = 14  # benchmarks/call_quality.py's five Harvard sentences with their pauses


def _speech_missing() -> str:
    import shutil

    try:
        import pesq  # noqa: F401
    except ImportError:
        return "the pesq package is not installed (dev extras)"
    gone = [p for p in ("espeak-ng", "sox") if shutil.which(p) is None]
    return f"not installed: {', '.join(gone)}" if gone else ""


class WholeStack:
    """Stack (coturn on the host's address, tinyproxy) plus a second host address on which a TLS
    terminator on 443 stands for Kamailio's TLS listener in front of a real Kamailio."""

    def __init__(self, workdir: Path) -> None:
        self.media = Stack(workdir)
        self.term = self.kamailio = None
        host = self.media.host
        self.sip_ip = f"10.{int(host.split('.')[1]) ^ 1}.{host.split('.')[2]}.1"
        try:
            ProxyOnlyNetwork.run("ip", "addr", "add", f"{self.sip_ip}/32", "dev", self.media.net.veth)
            self.term = TlsTerminator(*self.media.ca.server("pbx", san=f"IP:{self.sip_ip}"), 0, host=self.sip_ip,
                                      port=TLS_PORT)
            self.kamailio = tls_kamailio(workdir, self.term, alias=f"{self.sip_ip}:{TLS_PORT}")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.kamailio is not None:
            self.kamailio.stop()
        if self.term is not None:
            self.term.close()
        ProxyOnlyNetwork.run("ip", "addr", "del", f"{self.sip_ip}/32", "dev", self.media.net.veth) \
            if self.media.net else None
        self.media.close()


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    s = WholeStack(tmp_path_factory.mktemp("whole"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    why = _speech_missing()
    if why:
        pytest.skip(why)
    from benchmarks.call_quality import references

    return references(tmp_path_factory.mktemp("speech"), ["PCMU"])["PCMU"]


PROFILES = {
    # profile: (what Ann's namespace lets out, her environment, the rung both ladders reach)
    "only-443": (lambda s: f"ip daddr {{ {s.media.host}, {s.sip_ip} }} tcp dport {TLS_PORT} counter accept",
                 lambda s: {"no_proxy": "*", "https_proxy": ""}, "tls"),
    "proxy-only": (lambda s: f"ip daddr {s.media.host} tcp dport {s.media.proxy.port} counter accept",
                   lambda s: {"https_proxy": s.media.proxy.url, "no_proxy": ""}, "tls-proxy"),
}


def whole_call(whole: WholeStack, speech, folder: Path, profile: str, seconds: float = SPEECH_S + 1,
               on_confirmed=None) -> dict:
    """Ann (in the namespace) calls Bob (on the host) through Kamailio; both play `speech` and
    record what they hear. Returns both agents' events and Call → ringing. `on_confirmed(ann)`:
    called when the call is answered and again before the hang-up (benchmarks/reach_media.py)."""
    from tests.sip.agents import AgentProcess

    rule, env_of, _ = PROFILES[profile]
    whole.media.allow_only(rule(whole))
    k = whole.kamailio
    turn_args, env = whole.media.turn_args(1)
    env.update(env_of(whole), WP_SIP_PASSWORD=USERS["alice"])
    bob_env = dict(env, WP_SIP_PASSWORD=USERS["bob"], no_proxy="*", https_proxy="")
    common = ["--codec", "PCMU", "--play", str(speech.wav), "--ice-max-host", "0"]
    with AgentProcess("--account", k.uri("bob"), "--user", "bob", "--password-env", "WP_SIP_PASSWORD",
                      "--transport", "udp", "--registrar", k.uri(), "--answer", "--after", "0.5",
                      "--record", str(folder / "b_heard.wav"),
                      "--turn", f"turn:{whole.media.host}:{whole.media.plain_port}", "--turn-user", turn_args[5],
                      "--turn-password-env", "WP_TURN_PASSWORD", *common, env=bob_env) as bob, \
            AgentProcess("--account", k.uri("alice"), "--user", "alice", "--password-env", "WP_SIP_PASSWORD",
                         "--listen", f"{whole.media.net.ns_ip}:0", "--registrar", f"sip:{whole.sip_ip}:{k.port}",
                         "--tls-port", str(TLS_PORT), "--probe-timeout", "1", "--record", str(folder / "a_heard.wav"),
                         *turn_args, *common, ipc=True, env=env, prefix=whole.media.net.prefix) as ann:
        bob.wait_for("registered", timeout=20)
        ann.wait_for("registered", timeout=60)
        ann.wait_for("nat", timeout=30)  # the media ladder climbed before the call
        ann.send(cmd="call", uri=k.uri("bob"), req=1)
        cid = ann.wait_for("calling", timeout=20)["call"]
        ann.wait_for("state", state="confirmed", timeout=30)
        if on_confirmed:
            on_confirmed(ann)
        time.sleep(seconds)
        if on_confirmed:
            on_confirmed(ann)
        ann.send(cmd="hangup", call=cid)
        ann.wait_for("ended", timeout=30)
        bob.wait_for("ended", timeout=30)
    ringing = ann.wait_for("state", state="early")["t"] - ann.wait_for("calling")["t"]
    return {"ann": ann, "bob": bob, "ringing_ms": round(ringing * 1000, 1)}


def nettest(whole: WholeStack, profile: str) -> dict:
    turn_args, env = whole.media.turn_args(1)
    env.update(PROFILES[profile][1](whole))
    out = subprocess.run([*whole.media.net.prefix, sys.executable, "-m", "whitephone", "nettest", *turn_args,
                          "--registrar", f"sip:{whole.sip_ip}:{whole.kamailio.port}", "--tls-port", str(TLS_PORT),
                          "--timeout", "2"], capture_output=True, text=True, timeout=120, env=env)
    return json.loads(out.stdout)


@pytest.mark.parametrize("profile", ["only-443", "proxy-only"])
def test_whole_call_from_a_network_that_lets_out_only(whole, speech, tmp_path, profile):
    rung = PROFILES[profile][2]
    result = whole_call(whole, speech, tmp_path, profile)
    ann, bob = result["ann"], result["bob"]
    ladder = ann.wait_for("ladder")
    tried = [(t["rung"], t["ok"]) for t in ladder["tried"]]
    assert tried == [("udp", False), ("tcp", False), ("tls", rung == "tls")] + (
        [("tls-proxy", True)] if rung == "tls-proxy" else []), ladder
    assert ann.ready.get("signalling") == rung or ann.wait_for("rung")["rung"] == rung
    media = [(r["rung"], r["ok"]) for r in ann.wait_for("nat")["ladder"]]
    assert media[-1] == (f"turn-{rung}", True) and not any(ok for _, ok in media[:-1]), media
    assert ann.wait_for("media_path")["transport"] == rung
    assert bob.wait_for("media_path")["path"] == "relayed"
    a_to_b, b_to_a = speech.score(tmp_path / "b_heard.wav", tmp_path), speech.score(tmp_path / "a_heard.wav", tmp_path)
    assert a_to_b >= 3.0 and b_to_a >= 3.0, (a_to_b, b_to_a)  # the codec's own round trip: 3.92
    if profile == "proxy-only":
        assert f"CONNECT {whole.sip_ip}:{TLS_PORT}" in whole.media.proxy.log()
        assert f"CONNECT {whole.media.host}:{TLS_PORT}" in whole.media.proxy.log()
    report = nettest(whole, profile)
    assert report["signalling"].split(":")[0] == f"sip-{rung}" and report["media"] == f"turn-{rung}", report
    want = "Only TLS gets through" if rung == "tls" else "Only the HTTP proxy gets out"
    assert want in report["summary"], report
    assert any(f"UDP to {whole.sip_ip} port {whole.kamailio.port}" in x for x in report["blocked"]), report

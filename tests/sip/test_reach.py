"""Issue 16, signalling: SIP over the engine's TLS relay (pjsip talks TCP to a local port, the relay
carries it over TLS with Python's ssl), inside an HTTP CONNECT tunnel through a real tinyproxy,
certificate failures, pinning, and the ladder. Peers: a plain-TCP `whitephone agent` or Kamailio
behind a TLS terminator written here (tests/sip/tlspeer.py), certificates from a test CA made
with `openssl`."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.sip.test_kamailio import USERS, Kamailio
from tests.sip.tlspeer import CertAuthority, Tinyproxy, TlsTerminator

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

needs_tinyproxy = pytest.mark.skipif(shutil.which("tinyproxy") is None and not Path("/usr/bin/tinyproxy").exists(),
                                     reason="tinyproxy is not installed (Debian tinyproxy; `make test` installs it)")
needs_kamailio = pytest.mark.skipif(shutil.which("kamailio") is None and not Path("/usr/sbin/kamailio").exists(),
                                    reason="kamailio is not installed")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("reach"))
    return {"ca": ca, "good": ca.server("peer"), "expired": ca.server("old", expired=True),
            "wrong_name": ca.server("other", san="DNS:other.example"),
            "self_signed": ca.server("lonely", self_signed=True)}


@pytest.fixture
def peer(tmp_path):
    """A plain-TCP agent that answers and plays 440 Hz."""
    with AgentProcess("--transport", "tcp", "--answer", "--no-audio",
                      "--play", str(tone(tmp_path / "peer.wav", 440, 6))) as b:
        yield b


def sha256_of(cert: Path) -> str:
    out = subprocess.run(["openssl", "x509", "-in", str(cert), "-noout", "-fingerprint", "-sha256"],
                         capture_output=True, text=True, check=True).stdout
    return out.strip().split("=", 1)[1]


def _call(tmp_path: Path, term: TlsTerminator, *extra: str) -> tuple[AgentProcess, dict]:
    a = AgentProcess("--transport", "tls", *extra, "--call", f"sips:test@127.0.0.1:{term.port}",
                     "--record", str(tmp_path / "heard.wav"), "--hangup-after", "2", "--no-audio")
    ended = a.wait_for("ended", timeout=30)
    return a, ended


@pytest.mark.parametrize("through_proxy", [False, True], ids=["tls", "tls-in-connect"])
def test_call_over_tls_carries_audio(pki, peer, tmp_path, through_proxy):
    if through_proxy and shutil.which("tinyproxy") is None:
        pytest.skip("tinyproxy is not installed")
    term = TlsTerminator(*pki["good"], peer.ready["port"])
    proxy = Tinyproxy(tmp_path, allow_port=term.port) if through_proxy else None
    try:
        extra = ["--ca-file", str(pki["ca"].ca)] + (["--proxy", proxy.url] if proxy else [])
        a, ended = _call(tmp_path, term, *extra)
        with a:
            rung = a.wait_for("rung")
            assert a.proc.wait(15) == 0
        assert ended["code"] == 200 and ended["duration"] > 1, a.events
        assert rung["rung"] == ("tls-proxy" if proxy else "tls")
        assert a.ready["signalling"] == rung["rung"] and a.ready["transport"] == "tcp"
        assert term.connections >= 1  # the call went through the TLS terminator...
        assert not [e for e in a.events if e["event"] == "tls_error"]
        f, rms = dominant_frequency(tmp_path / "heard.wav")
        assert abs(f - 440) < 15 and rms > 1000, (f, rms)
        peer.wait_for("incoming")
        if proxy:
            assert f"CONNECT 127.0.0.1:{term.port}" in proxy.log()
    finally:
        if proxy:
            proxy.stop()
        term.close()


@needs_tinyproxy
def test_proxy_refusing_the_port_is_a_clear_error(pki, peer, tmp_path):
    term = TlsTerminator(*pki["good"], peer.ready["port"])
    proxy = Tinyproxy(tmp_path, allow_port=term.port + 1 if term.port < 65535 else term.port - 1)
    try:
        a, ended = _call(tmp_path, term, "--ca-file", str(pki["ca"].ca), "--proxy", proxy.url)
        with a:
            err = a.wait_for("tls_error")
        assert err["kind"] == "proxy" and "does not allow a tunnel" in err["reason"], err
        assert ended["code"] // 100 in (4, 5) and ended["duration"] == 0
        assert term.connections == 0
    finally:
        proxy.stop()
        term.close()


@pytest.mark.parametrize("which,kind", [("expired", "expired"), ("wrong_name", "hostname"),
                                        ("self_signed", "self_signed")])
def test_certificate_failures_fail_the_call_with_their_reason(pki, peer, tmp_path, which, kind):
    term = TlsTerminator(*pki[which], peer.ready["port"])
    try:
        # an expired or misnamed certificate fails even with its CA trusted; no pin for the self-signed
        a, ended = _call(tmp_path, term, "--ca-file", str(pki["ca"].ca))
        with a:
            err = a.wait_for("tls_error")
        assert err["kind"] == kind, err
        assert err["server"] == f"127.0.0.1:{term.port}" and err["reason"]
        if kind == "self_signed":  # what the window offers the user to pin
            assert err["sha256"] == sha256_of(pki[which][0]).replace(":", "").lower()
        assert ended["code"] // 100 in (4, 5) and ended["duration"] == 0, ended
        # never a plain-text fallback: the peer saw no INVITE at all
        assert not [e for e in peer.events if e["event"] == "incoming"]
    finally:
        term.close()


def test_registration_over_tls_with_a_bad_certificate_says_why(pki, peer):
    term = TlsTerminator(*pki["wrong_name"], peer.ready["port"])
    try:
        with AgentProcess("--transport", "tls", "--account", "sip:alice@127.0.0.1", "--no-audio",
                          "--registrar", f"sips:127.0.0.1:{term.port}", "--ca-file", str(pki["ca"].ca)) as a:
            failed = a.wait_for("registration_failed", timeout=30)
        assert failed["tls_error"]["kind"] == "hostname", failed
        assert not [e for e in a.events if e["event"] == "registered"]
        assert term.connections == 0  # no TLS session came about, so nothing reached the peer
    finally:
        term.close()


def test_pinned_self_signed_certificate_is_accepted_and_a_wrong_pin_refused(pki, peer, tmp_path):
    term = TlsTerminator(*pki["self_signed"], peer.ready["port"])
    try:
        a, ended = _call(tmp_path, term, "--pin-cert", sha256_of(pki["self_signed"][0]))
        with a:
            assert a.proc.wait(15) == 0
        assert ended["code"] == 200 and ended["duration"] > 1, a.events
        a, ended = _call(tmp_path, term, "--pin-cert", "ab" * 32)
        with a:
            err = a.wait_for("tls_error")
        assert err["kind"] == "pin_mismatch" and ended["duration"] == 0
    finally:
        term.close()


def test_bad_flags_are_clear_errors():
    import json
    import sys

    for args, words in ((["--transport", "tls"], "needs a server"),
                        (["--transport", "tls", "--call", "sips:x@127.0.0.1:5061", "--proxy", "ftp://p"],
                         "HTTP proxy URL")):
        out = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", *args],
                             capture_output=True, text=True, timeout=60)
        events = [json.loads(line) for line in out.stdout.splitlines()]
        assert out.returncode == 2 and any(words in e.get("reason", "") for e in events), out
    out = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--pin-cert", "xyz"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "SHA-256" in out.stderr


# -- through Kamailio: registration, a call, the route back, the ladder ----------------------------

def tls_kamailio(tmp_path: Path, term: TlsTerminator, alias: str = "") -> Kamailio:
    """Kamailio on plain TCP behind the TLS terminator; its TCP socket advertises the TLS address
    (in Via and Record-Route, as a TLS deployment's would), and, as any deployment with
    clients behind NAT, keeps where a REGISTER came from (nathelper's fix_nated_register), so
    a call to the client goes down the client's own connection. (In-dialog requests towards
    the client need the deployment's NAT handling of Contacts as well: packaging/, issue 16 part 2.)"""
    def edit(text: str) -> str:
        text = text.replace("listen=tcp:127.0.0.1:@SIP_PORT@", "")  # (already filled in below)
        text = text.replace('loadmodule "registrar.so"', 'loadmodule "registrar.so"\nloadmodule "nathelper.so"\n'
                            'modparam("nathelper", "received_avp", "$avp(RECEIVED)")\n'
                            'modparam("registrar", "received_avp", "$avp(RECEIVED)")')
        text = text.replace('if (!save("location"))', 'fix_nated_register();\n        if (!save("location"))')
        lines = [f"{ln} advertise 127.0.0.1:{term.port}" if ln.startswith("listen=tcp:") else ln
                 for ln in text.splitlines()]
        if alias:  # the terminator's own address is this server's too (OPTIONS sip:ALIAS is "myself")
            lines.append(f"alias={alias}")
        return "\n".join(lines) + "\n"
    k = Kamailio(tmp_path, USERS, edit=edit)
    term.backend = k.port
    return k


def kam_agent(k: Kamailio, user: str, *args: str, ipc: bool = False) -> AgentProcess:
    env = {**os.environ, "WP_SIP_PASSWORD": USERS[user]}
    return AgentProcess("--account", k.uri(user), "--user", user, "--password-env", "WP_SIP_PASSWORD",
                        "--no-audio", *args, ipc=ipc, env=env)


@needs_kamailio
@pytest.mark.parametrize("through_proxy", [False, True], ids=["tls", "tls-in-connect"])
def test_register_and_call_through_kamailio_over_tls(pki, tmp_path, through_proxy):
    if through_proxy and shutil.which("tinyproxy") is None:
        pytest.skip("tinyproxy is not installed")
    term = TlsTerminator(*pki["good"], 0)
    k = tls_kamailio(tmp_path, term)
    proxy = Tinyproxy(tmp_path, allow_port=term.port) if through_proxy else None
    try:
        via = ["--proxy", proxy.url] if proxy else []
        with kam_agent(k, "bob", "--transport", "udp", "--registrar", k.uri(), "--answer",
                       "--play", str(tone(tmp_path / "bob.wav", 1000, 8))) as bob, \
                kam_agent(k, "alice", "--transport", "tls", "--registrar", f"sips:127.0.0.1:{term.port}",
                          "--ca-file", str(pki["ca"].ca), *via, "--answer",
                          "--play", str(tone(tmp_path / "alice.wav", 440, 8)),
                          "--record", str(tmp_path / "alice-heard.wav"), ipc=True) as alice:
            bob.wait_for("registered")
            reg = alice.wait_for("registered", timeout=30)
            rung = alice.wait_for("rung", timeout=30)
            assert reg["code"] == 200 and rung["rung"] == ("tls-proxy" if proxy else "tls"), alice.events
            alice.reset()
            alice.send(cmd="call", uri=k.uri("bob"))
            alice.wait_for("state", state="confirmed", timeout=30)
            time.sleep(2)  # some audio both ways
            alice.send(cmd="hangup", call=alice.wait_for("calling")["call"])
            ended = alice.wait_for("ended", timeout=30)
            assert ended["code"] == 200 and ended["duration"] > 0
            bob.wait_for("ended", timeout=30)
        log = k.output()
        reqs = [ln for ln in log.splitlines() if "REQ " in ln]
        byes = [ln for ln in reqs if "REQ BYE" in ln]
        # the in-dialog BYE came through the relay and the terminator (Record-Route over TLS)
        assert byes and any(f"from 127.0.0.1:{p}" in ln for ln in byes for p in term.backend_ports), (
            byes, term.backend_ports)
        f, rms = dominant_frequency(tmp_path / "alice-heard.wav")
        assert abs(f - 1000) < 15 and rms > 1000, (f, rms)
    finally:
        if proxy:
            proxy.stop()
        k.stop()
        term.close()


@needs_kamailio
def test_incoming_call_comes_back_over_the_tls_connection(pki, tmp_path):
    term = TlsTerminator(*pki["good"], 0)
    k = tls_kamailio(tmp_path, term)
    try:
        with kam_agent(k, "alice", "--transport", "tls", "--registrar", f"sips:127.0.0.1:{term.port}",
                       "--ca-file", str(pki["ca"].ca), "--answer") as alice:
            alice.wait_for("registered", timeout=30)
            alice.reset()
            with kam_agent(k, "bob", "--transport", "udp", "--registrar", k.uri(), "--call", k.uri("alice"),
                           "--hangup-after", "1") as bob:
                incoming = alice.wait_for("incoming", timeout=30)
                rung = alice.wait_for("rung", timeout=30, call=incoming["call"])
                bob.wait_for("state", state="confirmed", timeout=30)
        # the INVITE reached alice through the relay's port (her TLS connection), not pjsip's own
        assert rung["rung"] == "tls", alice.events
    finally:
        k.stop()
        term.close()


class BlackHole:
    """A UDP socket that never answers and a TCP listener that accepts but never says a word, on
    the same port: the rungs of a firewall that drops packets."""

    def __init__(self) -> None:
        for _ in range(50):
            self.tcp = socket.socket()
            self.tcp.bind(("127.0.0.1", 0))
            self.port = self.tcp.getsockname()[1]
            self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                self.udp.bind(("127.0.0.1", self.port))
            except OSError:
                self.tcp.close()
                self.udp.close()
                continue
            self.tcp.listen(16)
            return
        raise RuntimeError("no free port")

    def close(self) -> None:
        self.tcp.close()
        self.udp.close()


@needs_kamailio
def test_ladder_skips_blocked_rungs_reaches_tls_and_remembers_it(pki, tmp_path):
    term = TlsTerminator(*pki["good"], 0)
    k = tls_kamailio(tmp_path, term)
    hole = BlackHole()
    profile = tmp_path / "profile"
    try:
        args = ("--registrar", f"sip:127.0.0.1:{hole.port}", "--tls-port", str(term.port),
                "--ca-file", str(pki["ca"].ca), "--probe-timeout", "1", "--profile", str(profile))
        env = {**os.environ, "WP_SIP_PASSWORD": USERS["alice"], "https_proxy": "", "HTTPS_PROXY": ""}
        common = ("--account", k.uri("alice"), "--user", "alice", "--password-env", "WP_SIP_PASSWORD", "--no-audio")
        with AgentProcess(*common, *args, env=env) as alice:
            ladder = alice.wait_for("ladder")
            reg = alice.wait_for("registered", timeout=30)
            rung = alice.wait_for("rung", timeout=30)
        assert [t["rung"] for t in ladder["tried"]] == ["udp", "tcp", "tls"], ladder
        assert [t["ok"] for t in ladder["tried"]] == [False, False, True]
        # each blocked rung given up after its own short probe, far from SIP's 32 s Timer B
        assert all(t["ms"] < 20_000 for t in ladder["tried"]), ladder
        assert "no SIP answer" in ladder["tried"][0]["reason"] and "gave no SIP" in ladder["tried"][1]["reason"]
        assert reg["code"] == 200 and rung["rung"] == "tls" and alice.ready["signalling"] == "tls"
        # the next start on this network tries the remembered rung first
        with AgentProcess(*common, *args, env=env) as again:
            second = again.wait_for("ladder")
            again.wait_for("registered", timeout=30)
        assert second["remembered"] == "tls" and [t["rung"] for t in second["tried"]] == ["tls"], second
    finally:
        hole.close()
        k.stop()
        term.close()


class ProxyOnlyNetwork:
    """A network namespace whose only way out is an HTTP proxy: a veth pair to the host
    (10.x.y.1 here, 10.x.y.2 there) and nftables in the namespace dropping everything it sends
    except to the proxy's port (loopback allowed). Needs root; the rules live in the namespace."""

    def __init__(self) -> None:
        import random

        self.name = f"wp-reach-{os.getpid()}-{random.randrange(1 << 16)}"
        x, y = random.randrange(100, 250), random.randrange(0, 250)
        self.host_ip, self.ns_ip = f"10.{x}.{y}.1", f"10.{x}.{y}.2"
        self.veth = f"wpr{random.randrange(1 << 20):x}"
        run = self.run
        run("ip", "netns", "add", self.name)
        try:
            run("ip", "link", "add", self.veth, "type", "veth", "peer", "name", self.veth + "n")
            run("ip", "link", "set", self.veth + "n", "netns", self.name)
            run("ip", "addr", "add", f"{self.host_ip}/30", "dev", self.veth)
            run("ip", "link", "set", self.veth, "up")
            ns = ("ip", "netns", "exec", self.name)
            run(*ns, "ip", "addr", "add", f"{self.ns_ip}/30", "dev", self.veth + "n")
            run(*ns, "ip", "link", "set", self.veth + "n", "up")
            run(*ns, "ip", "link", "set", "lo", "up")
            run(*ns, "ip", "route", "add", "default", "via", self.host_ip)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def run(*cmd: str) -> None:
        subprocess.run(cmd, check=True, capture_output=True, timeout=30)

    def only_proxy(self, port: int, workdir: Path) -> None:
        rules = workdir / "only-proxy.nft"
        rules.write_text("table inet wp {\n chain out {\n  type filter hook output priority 0; policy drop;\n"
                         f"  oif lo accept\n  ip daddr {self.host_ip} tcp dport {port} accept\n }}\n}}\n")
        self.run("ip", "netns", "exec", self.name, "nft", "-f", str(rules))

    @property
    def prefix(self) -> tuple[str, ...]:
        return ("ip", "netns", "exec", self.name)

    def close(self) -> None:
        subprocess.run(["ip", "link", "del", self.veth], capture_output=True, timeout=30)
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True, timeout=30)


def _can_make_namespaces() -> bool:
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("nft") is None:
        return False
    name = f"wp-reach-probe-{os.getpid()}"
    ok = subprocess.run(["ip", "netns", "add", name], capture_output=True).returncode == 0
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return ok


@needs_kamailio
@needs_tinyproxy
@pytest.mark.skipif(not _can_make_namespaces(), reason="needs root, ip and nft (network namespaces)")
def test_only_an_http_proxy_gets_out_and_the_ladder_finds_it_from_the_environment(tmp_path):
    """Profile (3) of issue 16 for signalling: UDP, TCP and direct TLS are dropped; the system's
    proxy (https_proxy) is the way out, and the ladder ends on TLS inside CONNECT."""
    net = ProxyOnlyNetwork()
    ca = CertAuthority(tmp_path)
    term = None
    k = proxy = None
    try:
        cert = ca.server("pbx", san=f"IP:{net.host_ip}")
        term = TlsTerminator(*cert, 0, host=net.host_ip)
        k = tls_kamailio(tmp_path, term)
        proxy = Tinyproxy(tmp_path, allow_port=term.port, host=net.host_ip, allow=f"{net.ns_ip}/32")
        net.only_proxy(proxy.port, tmp_path)
        env = {**os.environ, "WP_SIP_PASSWORD": USERS["alice"], "https_proxy": proxy.url, "no_proxy": ""}
        with AgentProcess("--account", k.uri("alice"), "--user", "alice", "--password-env", "WP_SIP_PASSWORD",
                          "--no-audio", "--registrar", f"sip:{net.host_ip}:{k.port}", "--tls-port", str(term.port),
                          "--ca-file", str(ca.ca), "--probe-timeout", "1", env=env, prefix=net.prefix) as alice:
            ladder = alice.wait_for("ladder", timeout=60)
            reg = alice.wait_for("registered", timeout=30)
            rung = alice.wait_for("rung", timeout=30)
        assert [(t["rung"], t["ok"]) for t in ladder["tried"]] == [
            ("udp", False), ("tcp", False), ("tls", False), ("tls-proxy", True)], ladder
        assert ladder["proxy"] == proxy.url and all(t["ms"] < 20_000 for t in ladder["tried"])
        assert reg["code"] == 200 and rung["rung"] == "tls-proxy"
        assert f"CONNECT {net.host_ip}:{term.port}" in proxy.log()
    finally:
        if proxy:
            proxy.stop()
        if k:
            k.stop()
        if term:
            term.close()
        net.close()


@needs_kamailio
def test_window_engine_climbs_the_ladder_for_an_automatic_account(pki, tmp_path):
    """The window's engine starts on the transport of Preferences and gets its accounts over IPC; an
    account whose transport is "auto" (the default for new ones) climbs the same ladder as the
    agent, off the pump thread, and registers on the rung found; a certificate refused on the
    only rung that answers is a tls_error for that account, never a plain-text fallback."""
    term = TlsTerminator(*pki["good"], 0)
    k = tls_kamailio(tmp_path, term)
    hole = BlackHole()
    env = {**os.environ, "https_proxy": "", "HTTPS_PROXY": ""}
    account = dict(cmd="account", id="w", uri=k.uri("alice"), registrar=f"sip:127.0.0.1:{hole.port}",
                   user="alice", password=USERS["alice"], transport="auto", tls_proxy="")
    try:
        with AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--tls-port", str(term.port),
                          "--ca-file", str(pki["ca"].ca), "--probe-timeout", "1", ipc=True, env=env) as w:
            w.send(**account)
            ladder = w.wait_for("ladder", timeout=60)
            reg = w.wait_for("registered", timeout=30)
            rung = w.wait_for("rung", timeout=30)
            w.send(cmd="ping", req=1)
            w.wait_for("pong")  # the pump kept answering while the ladder climbed
        assert ladder["account"] == "w" and [(t["rung"], t["ok"]) for t in ladder["tried"]] == [
            ("udp", False), ("tcp", False), ("tls", True)], ladder
        assert reg["account"] == "w" and reg["code"] == 200 and rung["rung"] == "tls", rung
        # no CA file: the TLS rung's certificate is refused, and the account says so
        with AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--tls-port", str(term.port),
                          "--probe-timeout", "1", ipc=True, env=env) as w:
            w.send(**account)
            bad = w.wait_for("tls_error", timeout=60)
            w.send(cmd="ping", req=2)
            w.wait_for("pong")
        assert bad["account"] == "w" and bad["kind"] in ("untrusted", "self_signed"), bad
        assert not [e for e in w.events if e.get("event") == "registered"], w.events
    finally:
        hole.close()
        k.stop()
        term.close()


@pytest.mark.parametrize("command", [
    dict(cmd="account", transport="tls", tls_proxy="http://alice:S3cretPw@127.0.0.1:3128", id="x",
         uri="sips:bob@", registrar="sips:", user="bob", password="pw", req=1),
    dict(cmd="nat", ice=True, stun=[], turn="turn:", turn_user="1796:7", turn_password="S3cretPw", proxy="", req=2),
], ids=["account-proxy-password", "nat-turn-password"])
def test_engine_error_event_does_not_carry_secrets(command):
    """The window sends each TLS/automatic account to the engine with `tls_proxy` (the Preferences
    proxy URL, user:password included) as the command's first field, and the hub's TURN servers
    with the TURN password (`nat`). Any such command that fails (a registrar with no host, a TURN
    URI the hub mistyped) comes back as an `error` event whose `command` is the raw line: the proxy
    password / TURN password lands in the agent's JSON output and whatever records the events.
    Expected: the failed command is named without secrets."""
    from tests.sip.agents import AgentProcess

    with AgentProcess("--transport", "udp", "--no-audio", ipc=True) as a:
        a.wait_for("ready", timeout=20)
        a.send(**command)
        ev = a.wait_for("error", timeout=10)
    assert "S3cretPw" not in json.dumps(ev), ev


def test_a_call_on_an_account_still_climbing_waits_for_its_rung(tmp_path):
    """The window dials on its company account (transport "auto") as soon as it is sent: the call
    waits while the ladder climbs and goes out on the rung found, through the registrar. A call
    whose account cannot be placed (removed while climbing, a bad proxy URL) ends naming why,
    never left waiting. A waiting call is told at once (`calling` with a provisional id and
    `waiting`), and its placed `calling` names that id (`waited_as`)."""
    env = {**os.environ, "https_proxy": "", "HTTPS_PROXY": ""}
    with AgentProcess("--listen", "127.0.0.1:0", "--no-audio") as registrar:  # answers OPTIONS over UDP
        host = registrar.ready["address"]
        with AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--probe-timeout", "1",
                          ipc=True, env=env) as w:
            w.send(cmd="account", id="hub", uri=f"sip:ann@{host}", registrar=f"sip:{host}", user="ann",
                   password="pw", transport="auto", tls_proxy="", reg_interval=300)
            w.send(cmd="call", uri=f"sip:bob@{host}", account="hub", req=7)  # at once: the ladder is climbing
            incoming = registrar.wait_for("incoming", timeout=30)
            waiting = w.wait_for("calling", req=7, waiting="network", timeout=10)
            calling = w.wait_for("calling", timeout=10, waited_as=waiting["call"])
            ladder = w.wait_for("ladder")
            assert not [e for e in w.events if e.get("event") == "error"], w.events
    assert waiting["call"] < 0 and waiting["account"] == "hub", waiting
    assert ladder["account"] == "hub" and ladder["rung"] == "udp", ladder
    assert ladder["tried"][0]["ok"], ladder  # the first rung answered
    assert calling["account"] == "hub" and calling["req"] == 7 and calling["call"] >= 0, calling
    assert "sip:bob@127.0.0.1" in incoming["local_uri"], incoming
    assert w.events.index(waiting) < w.events.index(ladder) < w.events.index(calling)

    hole = BlackHole()  # nothing answers: the ladder climbs for a few seconds
    try:
        with AgentProcess("--listen", "127.0.0.1:0", "--transport", "udp", "--no-audio", "--probe-timeout", "1",
                          ipc=True, env=env) as w:
            w.send(cmd="account", id="hub", uri=f"sip:ann@127.0.0.1:{hole.port}",
                   registrar=f"sip:127.0.0.1:{hole.port}", transport="auto", tls_proxy="")
            w.send(cmd="call", uri=f"sip:bob@127.0.0.1:{hole.port}", account="hub", req=8)
            w.send(cmd="account_remove", id="hub")
            removed = w.wait_for("ended", call=w.wait_for("calling", req=8)["call"])
            w.send(cmd="account", id="p", uri="sips:ann@127.0.0.1", registrar="sips:127.0.0.1", transport="auto",
                   tls_proxy="ftp://proxy.example")
            w.send(cmd="call", uri="sips:bob@127.0.0.1", account="p", req=9)
            bad_proxy = w.wait_for("ended", call=w.wait_for("calling", req=9)["call"], timeout=30)
    finally:
        hole.close()
    assert removed["reason"] == f"cannot call sip:bob@127.0.0.1:{hole.port}: the account was removed before its " \
                                "server was reached", removed
    assert bad_proxy["reason"].startswith("cannot call sips:bob@127.0.0.1: no way to reach the account's server: "
                                          "expected an HTTP proxy URL"), bad_proxy
    assert not [e for e in w.events if e.get("event") == "calling" and "waiting" not in e], w.events

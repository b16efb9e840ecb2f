"""Issue 16: SIP over TLS through the engine's relay inside the CONNECT tunnel of a proxy that
wants NTLM or Negotiate (tests/net/authproxy.py: pyspnego's server side checks the legs). Real
agents, a real TLS terminator, Kamailio for the registration; the proxy user from `--proxy-user`
and its password from `--proxy-password-env`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.net.authproxy import AuthProxy
from tests.sip.agents import AgentProcess
from tests.sip.test_kamailio import USERS as SIP_USERS
from tests.sip.test_reach import kam_agent, tls_kamailio
from tests.sip.tlspeer import CertAuthority, TlsTerminator

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

PROXY_USERS = {"carol": "Pr0xy-Secret"}
# an empty Kerberos configuration: with gssapi installed, Negotiate would try the machine's realm first
ENV = {**os.environ, "WP_PROXY_PASSWORD": PROXY_USERS["carol"], "KRB5_CONFIG": os.devnull}


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("proxyauth"))
    return {"ca": ca, "good": ca.server("peer")}


@pytest.fixture
def peer():
    """A plain-TCP agent that answers."""
    with AgentProcess("--transport", "tcp", "--answer", "--no-audio") as b:
        yield b


def _proxy_flags(proxy: AuthProxy, user: str = "carol") -> list[str]:
    return ["--proxy", proxy.url, "--proxy-user", user, "--proxy-password-env", "WP_PROXY_PASSWORD"]


def _no_secret_in(a: AgentProcess) -> None:
    text = json.dumps(a.events) + (a.proc.stderr.read() if a.proc.stderr and a.proc.poll() is not None else "")
    assert PROXY_USERS["carol"] not in text


@pytest.mark.parametrize("offers,scheme", [(["NTLM"], "NTLM"), (["Negotiate", "NTLM", "Basic"], "Negotiate")])
def test_call_over_tls_through_an_ntlm_or_negotiate_proxy(pki, peer, tmp_path, offers, scheme):
    term = TlsTerminator(*pki["good"], peer.ready["port"])
    try:
        with AuthProxy(tmp_path / "proxy", offers, PROXY_USERS) as proxy:
            a = AgentProcess("--transport", "tls", "--ca-file", str(pki["ca"].ca), *_proxy_flags(proxy),
                             "--call", f"sips:test@127.0.0.1:{term.port}", "--hangup-after", "1",
                             "--no-audio", env=ENV)
            with a:
                ended = a.wait_for("ended", timeout=30)
                rung = a.wait_for("rung")
                assert a.proc.wait(15) == 0
                _no_secret_in(a)
            log = proxy.log()
        assert ended["code"] == 200 and ended["duration"] > 0, a.events
        assert rung["rung"] == "tls-proxy" and not [e for e in a.events if e["event"] == "tls_error"]
        assert f"CONNECT 127.0.0.1:{term.port}" in log
        assert f"Proxy-Authorization: {scheme} " in log and "Basic " not in log.replace("Proxy-Authenticate", "")
        assert term.connections >= 1
        peer.wait_for("incoming")
    finally:
        term.close()


def test_a_wrong_proxy_password_fails_the_call_with_the_reason(pki, peer, tmp_path):
    term = TlsTerminator(*pki["good"], peer.ready["port"])
    try:
        with AuthProxy(tmp_path / "proxy", ["NTLM"], PROXY_USERS) as proxy:
            env = {**ENV, "WP_PROXY_PASSWORD": "not-it"}
            a = AgentProcess("--transport", "tls", "--ca-file", str(pki["ca"].ca), *_proxy_flags(proxy),
                             "--call", f"sips:test@127.0.0.1:{term.port}", "--no-audio", env=env)
            with a:
                err = a.wait_for("tls_error", timeout=30)
                ended = a.wait_for("ended", timeout=30)
        assert err["kind"] == "proxy", err
        assert "refused the user name or password of carol (NTLM authentication)" in err["reason"], err
        assert "not-it" not in json.dumps(a.events)
        assert ended["duration"] == 0 and term.connections == 0
    finally:
        term.close()


@pytest.mark.skipif(shutil.which("kamailio") is None and not Path("/usr/sbin/kamailio").exists(),
                    reason="kamailio is not installed")
def test_register_over_tls_through_a_negotiate_proxy(pki, tmp_path, monkeypatch):
    """REGISTER (and Kamailio's 401 challenge) over TLS inside the tunnel of a Negotiate proxy."""
    term = TlsTerminator(*pki["good"], 0)
    k = tls_kamailio(tmp_path, term)
    try:
        with AuthProxy(tmp_path / "proxy", ["Negotiate"], PROXY_USERS) as proxy:
            monkeypatch.setenv("WP_PROXY_PASSWORD", PROXY_USERS["carol"])  # kam_agent passes os.environ on
            monkeypatch.setenv("KRB5_CONFIG", os.devnull)
            with kam_agent(k, "alice", "--transport", "tls", "--registrar", f"sips:127.0.0.1:{term.port}",
                           "--ca-file", str(pki["ca"].ca), *_proxy_flags(proxy)) as alice:
                reg = alice.wait_for("registered", timeout=30)
            assert "Proxy-Authorization: Negotiate " in proxy.log()
        assert reg["code"] == 200, alice.events
        assert SIP_USERS["alice"] not in proxy.log()  # the SIP password only inside TLS
    finally:
        k.stop()
        term.close()


def test_proxy_user_needs_an_http_proxy():
    out = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--proxy", "sip:p.example",
                          "--proxy-user", "carol"], capture_output=True, text=True, timeout=60)
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 2, out
    assert any("--proxy-user needs an HTTP proxy" in e.get("reason", "") for e in events), events


def test_network_test_reaches_the_registrar_through_an_ntlm_proxy(pki, peer, tmp_path):
    """The network test's `sip-tls-proxy` rung (SIP OPTIONS over TLS in CONNECT) through an NTLM
    proxy, and its detail when the password is wrong."""
    from whitephone import nettest
    from whitephone.net.proxy import ProxyURL

    term = TlsTerminator(*pki["good"], peer.ready["port"])
    try:
        with AuthProxy(tmp_path / "proxy", ["NTLM"], PROXY_USERS) as proxy:
            good = ProxyURL("127.0.0.1", proxy.port, "carol", PROXY_USERS["carol"])
            rung = nettest.sip_options_proxy("127.0.0.1", term.port, good, ca_file=str(pki["ca"].ca))
            assert rung.ok and "200" in rung.detail, rung
            bad = ProxyURL("127.0.0.1", proxy.port, "carol", "not-it")
            rung = nettest.sip_options_proxy("127.0.0.1", term.port, bad, ca_file=str(pki["ca"].ca))
        assert not rung.ok
        assert "refused the user name or password of carol (NTLM authentication)" in rung.detail, rung
    finally:
        term.close()


def test_nettest_proxy_user_needs_an_http_proxy(tmp_path):
    out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--registrar", "sip:127.0.0.1:1",
                          "--proxy-user", "carol"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "WHITEPHONE_PROFILE": str(tmp_path / "profile")})
    assert out.returncode == 2, out
    assert "--proxy-user needs an HTTP proxy" in json.loads(out.stdout)["error"]

"""A proxy that offers only Basic (or something on the proxy's address downgrading a user who
expected Negotiate/NTLM: the proxy is reached over plain HTTP) gets the user's password,
base64-encoded in clear. WhitePhone still sends it (Basic-only proxies exist and are the user's
IT's choice) but never silently: a warning in the log, `sent_in_clear`, the network test's rung
and summary, the relay's `proxy_warning` event and the window's account status say so; Basic is
never chosen when Negotiate or NTLM is offered."""

from __future__ import annotations

import base64
import logging
import socket

import pytest

from tests.net.authproxy import AuthProxy
from whitephone.net.proxy import ProxyURL, tunnel_socket

pytestmark = pytest.mark.usefixtures("no_kerberos_realm")  # tests/net/conftest.py


def test_a_domain_password_sent_in_clear_to_a_basic_only_proxy_is_told(tmp_path, echo, caplog):
    caplog.set_level(logging.DEBUG)
    user, password = "CORP\\alice", "Domain-Pa55"
    with AuthProxy(tmp_path, ["Basic"], {user: password}) as proxy:
        with tunnel_socket(ProxyURL("127.0.0.1", proxy.port, user, password), "127.0.0.1", echo, 5) as sock:
            sock.sendall(b"hello")
            assert sock.recv(100) == b"HELLO"
        log = proxy.log()
    # what went over the wire: the password, readable by anyone on the path to the proxy
    assert base64.b64encode(f"{user}:{password}".encode()).decode() in log
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING and "basic" in r.getMessage().lower()]
    assert warned, "the password went to the proxy in clear (Basic over plain HTTP) and nothing said so"


def test_negotiate_or_ntlm_never_counts_as_sent_in_clear(tmp_path, echo):
    from whitephone.net.proxy import sent_in_clear

    with AuthProxy(tmp_path, ["Basic", "NTLM"], {"alice": "pw"}) as proxy:
        url = ProxyURL("127.0.0.1", proxy.port, "alice", "pw")
        with tunnel_socket(url, "127.0.0.1", echo, 5):
            pass
        assert "Proxy-Authorization: Basic" not in proxy.log()  # the stronger scheme, never Basic
    assert not sent_in_clear(url)


def test_the_network_test_says_the_password_crossed_unencrypted(tmp_path):
    """The sip-tls-proxy rung through a Basic-only proxy: whatever its outcome (here the proxy
    cannot reach the registrar: 502), the rung and the summary say the password went in clear."""
    from whitephone import nettest
    from whitephone.net.proxy import CLEAR_WORDS

    with AuthProxy(tmp_path, ["Basic"], {"alice": "pw"}) as proxy:
        report = nettest.run("", registrar="sip:127.0.0.1:9", sip_ports={"tls": 9, "tls443": 0},
                             proxy=f"http://alice:pw@127.0.0.1:{proxy.port}", timeout=2)
    rung = next(r for r in report.rungs if r.rung == "sip-tls-proxy")
    assert not rung.ok and "502" in rung.detail
    assert CLEAR_WORDS in rung.detail
    assert "unencrypted" in report.summary and "Negotiate or NTLM" in report.summary
    assert "pw@" not in report.text()


def test_the_relay_warns_once_per_proxy_with_a_proxy_warning_event(tmp_path):
    """The engine's relay: a `proxy_warning` event (the window marks the account, ui/account_status.py)
    once per proxy, whether the proxy then opened the tunnel or not (the password crossed anyway)."""
    import time

    from whitephone.sip.relay import TlsRelay, TlsTarget

    events: list[dict] = []
    relay = TlsRelay(events.append, connect_timeout=3)
    try:
        with AuthProxy(tmp_path, ["Basic"], {"alice": "pw"}) as proxy:
            url = ProxyURL("127.0.0.1", proxy.port, "alice", "pw")
            port = relay.route(TlsTarget("127.0.0.1", 9, proxy=url))
            for _ in range(2):
                with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                    s.settimeout(5)
                    assert s.recv(10) == b""  # the relay closes it: the proxy could not reach port 9
            end = time.monotonic() + 5
            while len([e for e in events if e["event"] == "tls_error"]) < 2 and time.monotonic() < end:
                time.sleep(0.02)
    finally:
        relay.close()
    warnings = [e for e in events if e["event"] == "proxy_warning"]
    assert len(warnings) == 1, events
    assert warnings[0]["kind"] == "basic_in_clear" and warnings[0]["proxy"] == url.label
    assert "unencrypted" in warnings[0]["reason"] and "pw" not in warnings[0]["reason"].replace(url.label, "")
    assert [e["kind"] for e in events if e["event"] == "tls_error"] == ["proxy", "proxy"]


def test_a_proxy_that_offered_ntlm_and_then_only_basic_is_refused_as_a_downgrade():
    """Something on the plain HTTP path answering for the proxy with `Basic` only, after the
    proxy itself offered NTLM in this process: the password is not sent, the refusal says why."""
    from tests.net.hostile_proxy import HostileProxy
    from whitephone.net.proxy import ReachError

    def script(conn, head, proxy):  # the first connection: the proxy (NTLM); then the impostor (Basic)
        offer = "NTLM" if len(proxy.heads) == 1 else "Basic"
        conn.sendall(f"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: {offer}\r\n"
                     "Content-Length: 0\r\nConnection: close\r\n\r\n".encode())

    with HostileProxy(script) as proxy:
        url = ProxyURL("127.0.0.1", proxy.port, "alice", "Domain-Pa55")
        with pytest.raises(ReachError):  # the NTLM leg's connection is answered by the impostor
            tunnel_socket(url, "127.0.0.1", 5061, 3)
        with pytest.raises(ReachError) as err:
            tunnel_socket(url, "127.0.0.1", 5061, 3)
        heads = b"".join(proxy.heads)
    assert "offered Negotiate or NTLM before and now only Basic" in err.value.reason
    assert b"Basic" not in heads and b"Domain-Pa55" not in heads

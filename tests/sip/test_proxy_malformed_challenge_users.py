"""A hostile proxy's malformed NTLM challenge (pyspnego raises struct.error, not a SpnegoError:
tests/net/test_proxy_hostile.py) as the feature's users see it: the network test (`whitephone
nettest`) reports the rung as failed, naming NTLM, and the engine's TLS relay (`whitephone
agent`) gives a `tls_error` of kind proxy at once. Real processes; the hostile proxy is a real
TCP server in this process. Unexpected exceptions of a probe or of the relay's connection are
covered too (injected: nothing real raises them any more)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time

from tests.net.hostile_proxy import HostileProxy
from tests.sip.agents import AgentProcess

ENV = {**os.environ, "WP_PROXY_PASSWORD": "Pr0xy-Secret", "KRB5_CONFIG": os.devnull}


def _bad_ntlm(conn, head, proxy):
    """407 NTLM, then a 3-byte 'challenge' pyspnego cannot unpack."""
    conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n")
    proxy.next_head(conn)
    conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM "
                 + base64.b64encode(b"\x00\x00\x00") + b"\r\nContent-Length: 0\r\n\r\n")
    proxy.next_head(conn)


def test_the_network_test_reports_a_proxy_sending_a_malformed_challenge(tmp_path):
    """The sip-tls-proxy rung fails in words naming NTLM; the report is written (a struct.error
    escaping the rung used to kill the whole network test with a traceback)."""
    with HostileProxy(_bad_ntlm) as proxy:
        out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--registrar", "sip:127.0.0.1:9",
                              "--tls-port", "5061", "--proxy", f"http://127.0.0.1:{proxy.port}",
                              "--proxy-user", "carol", "--proxy-password-env", "WP_PROXY_PASSWORD",
                              "--timeout", "2"],
                             capture_output=True, text=True, timeout=90,
                             env={**ENV, "WHITEPHONE_PROFILE": str(tmp_path / "profile")})
    assert "Traceback" not in out.stderr, out.stderr[-1500:]
    report = json.loads(out.stdout)
    rung = next(r for r in report["rungs"] if r["rung"] == "sip-tls-proxy")
    assert not rung["ok"] and "NTLM" in rung["detail"], rung


def test_the_relay_says_why_when_the_proxy_sends_a_malformed_challenge():
    """The call's TLS goes through the relay; a malformed challenge gives a tls_error (kind
    proxy, naming NTLM) at once, as a wrong password does (not a call ending 503 'End of file'
    with nothing said about the proxy)."""
    with HostileProxy(_bad_ntlm) as proxy:
        a = AgentProcess("--transport", "tls", "--proxy", f"http://127.0.0.1:{proxy.port}", "--proxy-user", "carol",
                         "--proxy-password-env", "WP_PROXY_PASSWORD", "--call", "sips:test@127.0.0.1:5061",
                         "--no-audio", env=ENV)
        with a:
            start = time.monotonic()
            try:
                err = a.wait_for("tls_error", timeout=20)
            except Exception:  # noqa: BLE001
                err = None
            waited = time.monotonic() - start
            events = list(a.events)
    assert err is not None, f"no tls_error after {waited:.0f} s; events: {events}"
    assert err["kind"] == "proxy" and "NTLM" in err["reason"], err


def test_a_probe_raising_anything_is_a_failed_rung_and_the_report_is_written(monkeypatch):
    """Injected (nothing real raises past the probes now): whatever a probe raises fails its rung
    with the reason; the other rungs and the report are there."""
    from whitephone import nettest

    def broken(*args, **kwargs):
        raise KeyError("mechanism")

    monkeypatch.setattr(nettest, "sip_options_proxy", broken)
    report = nettest.run("", registrar="sip:127.0.0.1:9", sip_ports={"tls": 9, "tls443": 0},
                         proxy="http://127.0.0.1:9", timeout=1)
    rungs = {r.rung: r for r in report.rungs}
    assert set(rungs) == {"sip-udp", "sip-tcp", "sip-tls", "sip-tls-proxy"}
    assert not rungs["sip-tls-proxy"].ok and "KeyError" in rungs["sip-tls-proxy"].detail
    assert rungs["sip-tls-proxy"].target == "127.0.0.1:9"
    assert "refused" in rungs["sip-tcp"].detail
    assert report.summary


def test_the_relay_reports_an_unexpected_failure_as_a_tls_error(monkeypatch):
    """Injected: an exception other than ReachError out of the TLS connection (a bug, a library
    failing on a server's bytes) is still a tls_error event and the local connection is closed."""
    import socket

    from whitephone.sip import relay as relay_mod

    async def broken(*args, **kwargs):
        raise KeyError("mechanism")

    monkeypatch.setattr(relay_mod, "connect_tls", broken)
    events: list[dict] = []
    relay = relay_mod.TlsRelay(events.append, connect_timeout=2)
    try:
        port = relay.route(relay_mod.TlsTarget("127.0.0.1", 9))
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.settimeout(5)
            assert s.recv(10) == b""
        end = time.monotonic() + 5
        while not events and time.monotonic() < end:
            time.sleep(0.02)
    finally:
        relay.close()
    assert [e["event"] for e in events] == ["tls_error"]
    assert events[0]["kind"] == "tls" and "KeyError" in events[0]["reason"]

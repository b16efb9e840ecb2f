"""Break-it review: what a hostile proxy's malformed NTLM challenge (pyspnego raising struct.error,
not a SpnegoError: tests/review/proxy/test_hostile_proxy.py) does to the feature's users: the
network test (`whitephone nettest`) and the engine's TLS relay (`whitephone agent`). Real
processes; the hostile proxy is a real TCP server in this process."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time

from tests.review.proxy.hostile import HostileProxy
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
    """The sip-tls-proxy rung should fail in words; instead struct.error escapes the rung,
    nettest.run's j.result() re-raises it and the whole network test dies with a traceback (no
    report at all, not even for the rungs that worked)."""
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
    """The call's TLS goes through the relay; a malformed challenge should give a tls_error
    (kind proxy) at once, as a wrong password does. Instead the exception escapes the relay's
    connection handler (asyncio logs 'Unhandled exception in client_connected_cb'), no tls_error
    is emitted and the call ends 503 'End of file (PJ_EEOF)': the user is not told the proxy is
    at fault."""
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

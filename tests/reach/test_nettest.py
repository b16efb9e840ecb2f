"""The network test's words: what is blocked, what to ask IT for, the best rungs; and the command's
answers when there is nothing to test or a rung is closed (real sockets on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from whitephone import nettest
from whitephone.nettest import Report, Rung


def test_explain_names_blocked_rungs_and_the_fallbacks():
    report = Report("https://hub.example.com", rungs=[
        Rung("hub-https", "hub.example.com:443", ok=True),
        Rung("sip-udp", "sip.example.com:5060", detail="no answer"),
        Rung("sip-tcp", "sip.example.com:5060", ok=True),
        Rung("sip-tls", "sip.example.com:5061", ok=True),
        Rung("turn-udp", "turn.example.com:3478", detail="no answer"),
        Rung("turn-tcp", "turn.example.com:3478", ok=True),
    ])
    nettest.explain(report, "sip:sip.example.com")
    assert report.signalling == "sip-tcp" and report.media == "turn-tcp"
    assert "UDP is blocked for calls; they will be set up over TCP." in report.summary
    assert "UDP is blocked for audio" in report.summary
    assert report.blocked == [
        "SIP over UDP to sip.example.com:5060 is blocked: ask IT to allow outgoing UDP to sip.example.com port 5060",
        "the media relay over UDP to turn.example.com:3478 is blocked: ask IT to allow outgoing UDP to "
        "turn.example.com port 3478"]
    text = report.text()
    assert "BLOCKED sip-udp" in text and "OK      turn-tcp" in text and "To ask IT:" in text


def test_untrusted_certificate_is_named_not_called_blocked():
    report = Report("https://hub", rungs=[Rung("sip-tls", "sip.example.com:5061",
                                               detail="the registrar's certificate is not trusted: self-signed")])
    nettest.explain(report, "sip:sip.example.com")
    assert "certificate is not trusted" in report.blocked[0] and "allow outgoing" not in report.blocked[0]
    assert "No way to the registrar works" in report.summary


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=os.getcwd())


def test_command_without_anything_to_test_says_so(tmp_path):
    out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--profile", str(tmp_path / "p")],
                         capture_output=True, text=True, timeout=60, env=_env())
    assert out.returncode == 2 and "nothing to test" in json.loads(out.stdout)["error"]


def test_command_names_a_closed_registrar_port(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--profile", str(tmp_path / "p"),
                          "--registrar", f"sip:127.0.0.1:{port}", "--tls-port", str(port), "--timeout", "1"],
                         capture_output=True, text=True, timeout=60, env=_env())
    report = json.loads(out.stdout)
    assert out.returncode == 1 and not report["ok"] and report["signalling"] == ""
    tcp = next(r for r in report["rungs"] if r["rung"] == "sip-tcp")
    assert "refused" in tcp["detail"] and f"allow outgoing TCP to 127.0.0.1 port {port}" in tcp["advice"]


ROOT = Path(__file__).resolve().parents[2]


def test_nettest_with_a_bad_proxy_port_does_not_print_the_proxy_password(tmp_path):
    """`whitephone nettest --proxy http://alice:S3cretPw@proxy.example:99999` (a typo in the
    port) prints `{"error": "the proxy URL 'http://alice:S3cretPw@...' has a bad port"}`: the
    proxy password lands in the JSON, in terminals, CI logs and support tickets. The same text
    becomes the engine's registration_failed reason for an automatic account. Expected: the error
    names the proxy without its password."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        env.pop(k, None)
    out = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(tmp_path / "p"), "nettest",
                          "--registrar", "sip:127.0.0.1:9", "--proxy", "http://alice:S3cretPw@proxy.example:99999",
                          "--timeout", "0.5"], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    assert "S3cretPw" not in out.stdout + out.stderr, out.stdout + out.stderr

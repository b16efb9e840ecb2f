"""The whole stack from packaging/stack/up.sh --test: Kamailio, coturn and the hub behind nginx.
Two agents sign in with the hub's ephemeral credentials (Kamailio auth_ephemeral, coturn
use-auth-secret), call each other with media relayed by coturn, and both hear the other;
`whitephone nettest` finds every rung open."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone
from tests.stack.stack import ROOT, Stack, missing

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip"), pytest.mark.skipif(bool(missing()), reason=missing())]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    s = Stack(tmp_path_factory.mktemp("stack"))
    yield s
    s.down()


def _agent_args(stack: Stack, user: dict) -> tuple[list[str], dict]:
    host = f"127.0.0.1:{stack.sip_port}"
    assert user["domain"] == host and user["registrar"] == f"sip:{host}"
    env = dict(os.environ, WP_SIP_PASSWORD=user["password"])
    return ["--account", f"sip:{user['id']}@{host}", "--registrar", user["registrar"], "--user", user["username"],
            "--password-env", "WP_SIP_PASSWORD", "--turn", user["turn"][0], "--turn-user", user["username"],
            "--turn-password-env", "WP_SIP_PASSWORD", "--ice-max-host", "0"], env


def test_two_users_call_through_the_stack_with_relayed_media(stack, tmp_path):
    ann, bob = stack.users()
    assert ann["turn"] and ann["turn"][0].startswith("turn:127.0.0.1:")
    a_args, a_env = _agent_args(stack, ann)
    b_args, b_env = _agent_args(stack, bob)
    a_wav, b_wav = tone(tmp_path / "a.wav", 440, 4), tone(tmp_path / "b.wav", 660, 4)
    with AgentProcess("--answer", "--play", str(b_wav), "--record", str(tmp_path / "b_heard.wav"), *b_args,
                      env=b_env) as b:
        b.wait_for("registered", timeout=20)
        with AgentProcess("--play", str(a_wav), "--record", str(tmp_path / "a_heard.wav"), "--hangup-after", "3",
                          "--call", f"sip:{bob['id']}@127.0.0.1:{stack.sip_port}", *a_args, env=a_env) as a:
            a.wait_for("registered", timeout=20)
            a.wait_for("ended", timeout=40)
        b.wait_for("ended", timeout=20)
    for agent in (a, b):
        path = agent.wait_for("media_path")
        assert path["path"] == "relayed" and path["transport"] == "udp", path
    freq_a, level_a = dominant_frequency(tmp_path / "a_heard.wav")
    freq_b, level_b = dominant_frequency(tmp_path / "b_heard.wav")
    assert abs(freq_a - 660) < 15 and level_a > 1000, (freq_a, level_a)
    assert abs(freq_b - 440) < 15 and level_b > 1000, (freq_b, level_b)
    log = stack.turn_log()
    # coturn relayed it: allocations for both users' ephemeral names
    assert f":{ann['id']}>" in log and f":{bob['id']}>" in log, log[-3000:]


def test_kamailio_refuses_a_forged_credential(stack, tmp_path):
    env = dict(os.environ, WP_SIP_PASSWORD="not-the-hmac")
    host = f"127.0.0.1:{stack.sip_port}"
    with AgentProcess("--account", f"sip:99@{host}", "--registrar", f"sip:{host}", "--user", "9999999999:99",
                      "--password-env", "WP_SIP_PASSWORD", env=env) as agent:
        failed = agent.wait_for("registration_failed", timeout=30)
    assert failed["code"] in (401, 403), failed


def test_nettest_finds_every_rung_open(stack):
    p = stack.ports
    proc = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--server", stack.url, "--ca-file", stack.ca,
                           "--tls-port", p["TLS_PORT"], "--tls-port", p["TLS_PORT_443"], "--timeout", "5"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["ok"], report
    rungs = {(r["rung"], r["target"]) for r in report["rungs"] if r["ok"]}
    assert {("sip-udp", f"127.0.0.1:{p['SIP_PORT']}"), ("sip-tcp", f"127.0.0.1:{p['SIP_PORT']}"),
            ("sip-tls", f"127.0.0.1:{p['TLS_PORT']}"), ("sip-tls", f"127.0.0.1:{p['TLS_PORT_443']}"),
            ("turn-udp", f"127.0.0.1:{p['TURN_PORT']}"), ("turn-tcp", f"127.0.0.1:{p['TURN_PORT']}")} <= rungs
    assert report["signalling"] == "sip-udp" and report["media"] == "turn-udp" and not report["blocked"]


def test_nettest_without_the_ca_names_the_untrusted_certificate(stack):
    from whitephone import nettest

    report = nettest.run(stack.url, registrar=f"sip:127.0.0.1:{stack.sip_port}", turn=[], stun_servers=[],
                         sip_ports={"tls": int(stack.ports["TLS_PORT"]), "tls443": 0}, timeout=5)
    by = {r.rung: r for r in report.rungs}
    assert not by["hub-https"].ok and "certificate is not trusted" in by["hub-https"].detail
    assert not by["sip-tls"].ok and "certificate is not trusted" in by["sip-tls"].detail
    assert by["sip-udp"].ok  # plain SIP still answers: never a silent fallback for TLS, just named
    assert any("certificate is not trusted" in b for b in report.blocked)

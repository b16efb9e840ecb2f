"""Real calls between `whitephone agent` processes and real SIP peers (sipp) on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import time
import wave

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, free_port, tone

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_call_carries_audio_both_ways_and_records_a_valid_wav(tmp_path, transport):
    a_tone, b_tone = tone(tmp_path / "a.wav", 440), tone(tmp_path / "b.wav", 1000)
    with AgentProcess("--transport", transport, "--answer", "--play", str(b_tone),
                      "--record", str(tmp_path / "heard-by-b.wav"), "--once") as callee:
        with AgentProcess("--transport", transport, "--call", callee.uri, "--play", str(a_tone),
                          "--record", str(tmp_path / "heard-by-a.wav"), "--hangup-after", "2") as caller:
            confirmed = caller.wait_for("state", state="confirmed")
            media = caller.wait_for("media", status="active")
            ended = caller.wait_for("ended")
            assert caller.proc.wait(15) == 0  # --call: exits by itself after the call
        incoming = callee.wait_for("incoming")
        callee_ended = callee.wait_for("ended")
        assert callee.proc.wait(15) == 0  # --once: exits by itself after the call
    assert media["codec"] == "G722" and media["clock_rate"] == 16000
    assert confirmed["setup_ms"] > 0
    assert ended["code"] == 200 and 1.5 < ended["duration"] < 4 and ended["direction"] == "out"
    assert incoming["remote_uri"] and callee_ended["direction"] == "in"
    # each side heard the other's tone: the recorder finished a valid WAV when the call ended
    for heard, freq in (("heard-by-b.wav", 440), ("heard-by-a.wav", 1000)):
        f, rms = dominant_frequency(tmp_path / heard)
        assert abs(f - freq) < 15 and rms > 1000, (heard, f, rms)
    assert callee_ended["recording"].endswith("heard-by-b.wav")


def test_codec_choice_and_call_control_over_ipc(tmp_path):
    with AgentProcess("--codec", "PCMU", ipc=True) as callee, AgentProcess(ipc=True) as caller:
        caller.send(cmd="call", uri=callee.uri)
        inc = callee.wait_for("incoming")
        callee.send(cmd="answer", call=inc["call"])
        media = caller.wait_for("media", status="active")
        assert media["codec"] == "PCMU"
        caller.wait_for("state", state="confirmed")
        callee.wait_for("state", state="confirmed")
        caller.send(cmd="dtmf", call=0, digits="15#")
        digits = [callee.wait_for("dtmf", digit=d)["digit"] for d in "15#"]
        assert digits == ["1", "5", "#"]
        caller.send(cmd="hold", call=0)
        callee.wait_for("media", status="held", by="remote")
        caller.send(cmd="resume", call=0)
        callee.wait_for("media", status="active", timeout=10)
        caller.send(cmd="nonsense")
        errors = lambda: [e["reason"] for e in caller.events if e["event"] == "error"]  # noqa: E731
        caller.wait_for("error")
        time.sleep(0.3)
        assert any("unknown command 'nonsense'" in r for r in errors()), errors()
        caller.send(cmd="hangup", call=0)
        assert callee.wait_for("ended")["code"] == 200
        caller.send(cmd="quit")
        assert caller.proc.wait(10) == 0


@pytest.mark.parametrize("command,code", [("busy", 486), ("decline", 603)])
def test_busy_and_decline(command, code):
    with AgentProcess(ipc=True) as callee, AgentProcess(ipc=True) as caller:
        caller.send(cmd="call", uri=callee.uri)
        inc = callee.wait_for("incoming")
        callee.send(cmd=command, call=inc["call"])
        ended = caller.wait_for("ended")
        assert ended["code"] == code and ended["duration"] == 0


def test_garbage_datagrams_do_not_hurt_the_agent(tmp_path):
    with AgentProcess("--answer", "--once", "--log", str(tmp_path / "callee.log")) as callee:
        port = callee.ready["port"]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            for junk in (b"\x00\xff" * 300, b"INVITE\r\n\r\n", b"SIP/2.0 200 OK\r\n\r\n", bytes(range(256))):
                s.sendto(junk, ("127.0.0.1", port))
        with AgentProcess("--call", callee.uri, "--hangup-after", "0.5") as caller:
            assert caller.wait_for("ended")["code"] == 200
            try:
                assert callee.wait_for("ended")["code"] == 200
            except AssertionError:
                log = (tmp_path / "callee.log").read_text(errors="replace")[-4000:]
                raise AssertionError(f"caller saw {caller.events}\ncallee log: {log}") from None


def run_sipp(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(["sipp", "-nostdin", "-m", "1", "-timeout", "20s", "-timeout_error",
                           "-i", "127.0.0.1", "-p", str(free_port()), *args],
                          capture_output=True, text=True, timeout=timeout)


def test_sipp_calls_the_agent(tmp_path):
    with AgentProcess("--answer", "--once") as agent:
        r = run_sipp("-sn", "uac", "-s", "agent", agent.ready["address"])
        assert r.returncode == 0, r.stdout[-1500:] + r.stderr[-1500:]
        assert agent.wait_for("ended")["code"] == 200


def test_agent_calls_sipp(tmp_path):
    port = free_port()
    sipp = subprocess.Popen(["sipp", "-nostdin", "-sn", "uas", "-m", "1", "-i", "127.0.0.1", "-p", str(port),
                             "-timeout", "20s"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with AgentProcess("--call", f"sip:service@127.0.0.1:{port}", "--hangup-after", "1") as agent:
            ended = agent.wait_for("ended")
            assert ended["code"] == 200 and ended["duration"] >= 0.9
    finally:
        if sipp.poll() is None:
            sipp.kill()


UAS_486 = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="busy">
  <recv request="INVITE"/>
  <send><![CDATA[
SIP/2.0 486 Busy Here
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <recv request="ACK"/>
</scenario>
"""

UAC_BAD_SDP = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="bad sdp">
  <send retrans="500"><![CDATA[
INVITE sip:agent@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:agent@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:sipp@[local_ip]:[local_port]
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=- 1 1 IN IP4 [local_ip]
this is not sdp at all
m=audio notaport RTP/AVP 0 8

]]></send>
  <recv response="100" optional="true"/>
  <recv response="400" optional="true" next="ack"/>
  <recv response="488" optional="true" next="ack"/>
  <recv response="500"/>
  <label id="ack"/>
  <send><![CDATA[
ACK sip:agent@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:agent@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Content-Length: 0

]]></send>
</scenario>
"""


def test_busy_peer_gives_486(tmp_path):
    port = free_port()
    (tmp_path / "busy.xml").write_text(UAS_486)
    sipp = subprocess.Popen(["sipp", "-nostdin", "-sf", str(tmp_path / "busy.xml"), "-m", "1", "-i", "127.0.0.1",
                             "-p", str(port), "-timeout", "20s"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        with AgentProcess("--call", f"sip:busy@127.0.0.1:{port}") as agent:
            ended = agent.wait_for("ended")
            assert ended["code"] == 486
    finally:
        sipp.kill()
        sipp.wait()


def test_malformed_sdp_is_rejected_and_the_agent_keeps_running(tmp_path):
    (tmp_path / "bad.xml").write_text(UAC_BAD_SDP)
    with AgentProcess("--answer") as agent:
        r = run_sipp("-sf", str(tmp_path / "bad.xml"), agent.ready["address"])
        assert r.returncode == 0, r.stdout[-1500:]
        with AgentProcess("--call", agent.uri, "--hangup-after", "0.3") as caller:
            assert caller.wait_for("ended")["code"] == 200
        assert agent.proc.poll() is None
        assert agent.stop() == 0


def test_sigterm_during_a_call_shuts_down_cleanly(tmp_path):
    with AgentProcess("--answer", "--record", str(tmp_path / "r.wav")) as callee:
        with AgentProcess("--call", callee.uri, "--play", str(tone(tmp_path / "t.wav"))) as caller:
            callee.wait_for("state", state="confirmed")
            time.sleep(1.0)  # let a second of audio reach the recorder
            assert callee.stop() == 0  # SIGTERM with a call in progress
            assert callee.wait_for("stopped")
            assert "Assertion" not in callee.proc.stderr.read()
            assert caller.wait_for("ended")
        with wave.open(str(tmp_path / "r.wav")) as w:  # the recording is a valid WAV
            assert w.getnframes() > 0

"""The agent against sipp (Debian `sip-tester`): the scenarios are XML files in peers/sipp/.

Each scenario runs once (`-m 1`) and sipp exits 0 only if every message it expected arrived, so
sipp checks our side of the dialogue (responses, ACKs, BYE) while the agent's JSON events check
what the product makes of it (codes, codecs, missed calls, recorded audio)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, free_port
from whitephone.core.calls import result_for

SCENARIOS = Path(__file__).parent / "peers" / "sipp"

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(shutil.which("sipp") is None,
                       reason="sipp is not installed (Debian package sip-tester; `make test` installs it)"),
]


def mulaw_tone(path: Path, freq: float, seconds: float = 4.0) -> Path:
    """An 8 kHz mu-law WAV (G.711 PCMU payload as is): what sipp's rtp_stream sends."""
    t = np.arange(int(seconds * 8000)) / 8000
    x = (0.5 * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int32)
    sign = np.where(x < 0, 0x80, 0)
    mag = np.minimum(np.abs(x), 32635) + 0x84
    exponent = np.floor(np.log2(mag)).astype(np.int32) - 7
    mantissa = (mag >> (exponent + 3)) & 0x0F
    data = (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8).tobytes()
    fmt = (7).to_bytes(2, "little") + (1).to_bytes(2, "little") + (8000).to_bytes(4, "little") \
        + (8000).to_bytes(4, "little") + (1).to_bytes(2, "little") + (8).to_bytes(2, "little")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + len(data).to_bytes(4, "little") + data
    path.write_bytes(b"RIFF" + len(body).to_bytes(4, "little") + body)
    return path


class Sipp:
    """One sipp run of a scenario file, in `workdir` (where rtp_stream finds tone-pcmu.wav)."""

    def __init__(self, scenario: str, workdir: Path, *args: str, target: str | None = None) -> None:
        self.name, self.workdir = scenario, workdir
        self.port = free_port()
        self.trace = workdir / f"{scenario}.msgs"
        cmd = ["sipp", "-nostdin", "-sf", str(SCENARIOS / f"{scenario}.xml"), "-m", "1",
               "-i", "127.0.0.1", "-p", str(self.port), "-mp", str(free_port()),
               "-timeout", "20s", "-timeout_error", "-trace_msg", "-message_file", str(self.trace),
               "-trace_err", "-error_file", str(workdir / f"{scenario}.errors"), *args]
        if target:
            cmd.append(target)
        self.proc = subprocess.Popen(cmd, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)

    @property
    def uri(self) -> str:
        return f"sip:service@127.0.0.1:{self.port}"

    def finish(self, timeout: float = 30) -> None:
        """Wait for the scenario to end; fail with sipp's own account unless it passed."""
        try:
            out, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        if self.proc.returncode != 0:
            errors = self.workdir / f"{self.name}.errors"
            raise AssertionError(f"sipp {self.name} exited {self.proc.returncode}:\n{out[-1500:]}\n"
                                 f"{errors.read_text(errors='replace')[-3000:] if errors.exists() else ''}")

    def responses(self) -> list[int]:
        """Status codes of the responses sipp received or sent, in order (from its message trace)."""
        return [int(line.split()[1]) for line in self.trace.read_text(errors="replace").splitlines()
                if line.startswith("SIP/2.0 ") and line.split()[1].isdigit()]

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def run_sipp(scenario: str, workdir: Path, target: str, *args: str) -> Sipp:
    sipp = Sipp(scenario, workdir, *args, target=target)
    sipp.finish()
    return sipp


def assert_every_incoming_call_ended(agent: AgentProcess) -> None:
    """No ghost calls: each `incoming` (a ringing window in the GUI) has its `ended`."""
    incoming = [e["call"] for e in agent.events if e["event"] == "incoming"]
    for cid in incoming:
        agent.wait_for("ended", call=cid)


def assert_alive_and_clean(agent: AgentProcess) -> None:
    assert agent.proc.poll() is None, f"agent died: {agent.events}; stderr: {agent.proc.stderr.read()[-2000:]}"
    assert agent.stop() == 0
    agent.wait_for("stopped")
    err = agent.proc.stderr.read()
    assert "Traceback" not in err and "Assertion" not in err, err[-2000:]


def test_sipp_calls_the_agent_which_hears_its_tone(tmp_path):
    mulaw_tone(tmp_path / "tone-pcmu.wav", 700)
    heard = tmp_path / "heard.wav"
    with AgentProcess("--answer", "--once", "--record", str(heard)) as agent:
        run_sipp("uac_call", tmp_path, agent.ready["address"], "-d", "2000")
        media = agent.wait_for("media", status="active")
        ended = agent.wait_for("ended")
        assert agent.proc.wait(15) == 0
    assert media["codec"] == "PCMU" and media["clock_rate"] == 8000
    assert ended["direction"] == "in" and ended["code"] == 200 and ended["duration"] > 1
    assert "sipp@127.0.0.1" in ended["remote_uri"]
    f, rms = dominant_frequency(heard)  # the WAV is finished when `ended` arrives
    assert abs(f - 700) < 15 and rms > 1000, (f, rms)


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_agent_calls_sipp_which_answers(tmp_path, transport):
    mulaw_tone(tmp_path / "tone-pcmu.wav", 1200)
    heard = tmp_path / "heard.wav"
    sipp = Sipp("uas_answer", tmp_path, *(["-t", "t1"] if transport == "tcp" else []))
    try:
        # a plain sip: URI (no ;transport=tcp): a TCP engine calls it over its TCP transport
        with AgentProcess("--transport", transport, "--call", sipp.uri, "--hangup-after", "1.5",
                          "--record", str(heard)) as agent:
            ringing = agent.wait_for("state", state="early")
            confirmed = agent.wait_for("state", state="confirmed")
            media = agent.wait_for("media", status="active")
            ended = agent.wait_for("ended")
            assert agent.proc.wait(15) == 0
        sipp.finish()  # sipp got our ACK and our BYE, and answered it
    finally:
        sipp.kill()
    assert ringing["code"] == 180 and confirmed["setup_ms"] > 0
    assert media["codec"] == "PCMU"
    assert ended["direction"] == "out" and ended["code"] == 200 and ended["duration"] > 1
    assert result_for("out", True, ended["code"]) == "answered"
    f, rms = dominant_frequency(heard)
    assert abs(f - 1200) < 15 and rms > 1000, (f, rms)


@pytest.mark.parametrize("scenario,code,reason,result", [
    ("uas_busy", 486, "Busy Here", "busy"),
    ("uas_timeout", 408, "Request Timeout", "failed"),  # the callee's proxy gave up ringing
])
def test_call_refused_by_the_peer(tmp_path, scenario, code, reason, result):
    sipp = Sipp(scenario, tmp_path)
    try:
        with AgentProcess("--call", sipp.uri, "--no-audio") as agent:
            ended = agent.wait_for("ended")
            assert agent.proc.wait(15) == 0
        sipp.finish()  # the final response was ACKed
    finally:
        sipp.kill()
    assert ended["code"] == code and ended["reason"] == reason
    assert ended["direction"] == "out" and ended["duration"] == 0
    answered = any(e["event"] == "state" and e["state"] == "confirmed" for e in agent.events)
    assert result_for("out", answered, ended["code"]) == result


def test_caller_gives_up_and_the_ringing_call_is_missed(tmp_path):
    with AgentProcess("--no-audio") as agent:  # rings, nobody answers
        sipp = run_sipp("uac_cancel", tmp_path, agent.ready["address"])
        incoming = agent.wait_for("incoming")
        ended = agent.wait_for("ended", call=incoming["call"])
        assert 487 in sipp.responses()  # the INVITE ended as Request Terminated
        assert ended["direction"] == "in" and ended["code"] == 487 and ended["duration"] == 0
        answered = any(e["event"] == "state" and e["state"] == "confirmed" for e in agent.events)
        assert result_for("in", answered, ended["code"]) == "missed"
        assert_alive_and_clean(agent)


def test_reinvite_with_a_new_codec_is_followed(tmp_path):
    with AgentProcess("--answer", "--once", "--record", str(tmp_path / "heard.wav")) as agent:
        run_sipp("uac_reinvite", tmp_path, agent.ready["address"])  # checks we answered PCMA
        ended = agent.wait_for("ended")
        assert agent.proc.wait(15) == 0
    codecs = [e["codec"] for e in agent.events if e["event"] == "media" and e["status"] == "active"]
    assert codecs[0] == "PCMU" and codecs[-1] == "PCMA", codecs
    assert ended["code"] == 200 and ended["codec"] == "PCMA/8000"


def test_broken_answer_ends_the_call(tmp_path):
    sipp = Sipp("uas_bad_answer", tmp_path)  # 200 OK with an SDP that cannot be negotiated
    try:
        with AgentProcess("--call", sipp.uri, "--no-audio") as agent:
            ended = agent.wait_for("ended")
            assert agent.proc.wait(15) == 0
        sipp.finish()  # our BYE came and was answered
    finally:
        sipp.kill()
    assert 400 <= ended["code"] < 500 and ended["duration"] == 0, ended
    assert not [e for e in agent.events if e["event"] == "media"]
    assert result_for("out", False, ended["code"]) == "failed"


def test_malformed_offers_are_refused_and_the_agent_keeps_working(tmp_path):
    mulaw_tone(tmp_path / "tone-pcmu.wav", 700)
    heard = tmp_path / "heard.wav"
    with AgentProcess("--answer", "--record", str(heard), "--log", str(tmp_path / "agent.log")) as agent:
        codes = {}
        for kind in ("garbage", "noconn", "nocodec"):
            sipp = run_sipp(f"uac_bad_sdp_{kind}", tmp_path, agent.ready["address"])
            codes[kind] = [c for c in sipp.responses() if c >= 200][-1]
        assert all(400 <= c < 500 for c in codes.values()), codes
        assert codes["nocodec"] == 488, codes  # Not Acceptable Here: no codec in common
        assert not any(e["event"] == "state" and e["state"] == "confirmed" for e in agent.events)
        # a broken re-INVITE mid-call is refused (4xx, checked by sipp) and the call goes on
        # until sipp's BYE, answered normally
        run_sipp("uac_reinvite_bad_sdp", tmp_path, agent.ready["address"])
        ended = agent.wait_for("ended")
        assert ended["code"] == 200 and ended["codec"] == "PCMU/8000"
        agent.reset()
        # still answering: a good call right after is answered and its audio recorded
        run_sipp("uac_call", tmp_path, agent.ready["address"], "-d", "1000")
        ended = agent.wait_for("ended", code=200)
        assert ended["direction"] == "in" and ended["duration"] > 0.5
        f, rms = dominant_frequency(heard)
        assert abs(f - 700) < 15 and rms > 1000, (f, rms)
        assert_every_incoming_call_ended(agent)
        assert_alive_and_clean(agent)


GARBAGE = [
    bytes(range(256)) * 4,  # binary noise
    b"\x00" * 1200,
    b"\r\n\r\n",  # a keep-alive: harmless by design
    b"INVITE\r\n\r\n",  # a request line cut short
    b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKx\r\n\r\n",  # no From/To/Call-ID
    b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKy\r\n"
    b"From: <sip:a@b>;tag=1\r\nTo: <sip:agent@127.0.0.1>\r\nCall-ID: g1\r\nCSeq: one INVITE\r\n"
    b"Content-Length: 9999\r\n\r\nv=0\r\n",  # bad CSeq, body shorter than announced
    b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnone\r\nFrom: <sip:a@b>;tag=1\r\n"
    b"To: <sip:c@d>;tag=2\r\nCall-ID: nobody\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",  # stray response
    b"OPTIONS sip:\xff\xfe@[::::] SIP/2.0\r\nVia: \x00\x01\r\n\r\n",  # broken URI, NUL in a header
    b"A" * 60000,  # nearly the largest UDP datagram
]


def test_garbage_datagrams_leave_the_agent_answering(tmp_path):
    mulaw_tone(tmp_path / "tone-pcmu.wav", 700)
    heard = tmp_path / "heard.wav"
    with AgentProcess("--answer", "--record", str(heard), "--log", str(tmp_path / "agent.log")) as agent:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            for junk in GARBAGE:
                s.sendto(junk, ("127.0.0.1", agent.ready["port"]))
        run_sipp("uac_call", tmp_path, agent.ready["address"], "-d", "1000")
        ended = agent.wait_for("ended", code=200)
        assert ended["direction"] == "in"
        f, rms = dominant_frequency(heard)
        assert abs(f - 700) < 15 and rms > 1000, (f, rms)
        assert not [e for e in agent.events if e["event"] == "error"]
        assert_every_incoming_call_ended(agent)
        assert_alive_and_clean(agent)


def test_garbage_on_tcp_leaves_the_agent_answering(tmp_path):
    mulaw_tone(tmp_path / "tone-pcmu.wav", 700)
    with AgentProcess("--transport", "tcp", "--answer", "--no-audio") as agent:
        peer = ("127.0.0.1", agent.ready["port"])
        idle = socket.create_connection(peer)  # a connection that never says anything
        for junk in GARBAGE[:2] + GARBAGE[3:]:
            with socket.create_connection(peer) as c:
                c.sendall(junk)
        with socket.create_connection(peer) as c:  # a request cut off mid-header, then closed
            c.sendall(b"INVITE sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;bra")
        run_sipp("uac_call", tmp_path, agent.ready["address"], "-t", "t1", "-d", "500")
        ended = agent.wait_for("ended", code=200)
        assert ended["direction"] == "in"
        idle.close()
        assert_every_incoming_call_ended(agent)
        assert_alive_and_clean(agent)


def test_mulaw_tone_is_what_it_says(tmp_path):
    """The helper itself: decode our mu-law file with the standard G.711 expansion."""
    path = mulaw_tone(tmp_path / "t.wav", 1000, seconds=0.5)
    raw = path.read_bytes()
    data = np.frombuffer(raw[raw.index(b"data") + 8:], dtype=np.uint8).astype(np.int32)
    u = ~data & 0xFF
    mag = (((u & 0x0F) << 3) + 0x84) << ((u >> 4) & 0x07)
    pcm = np.where(u & 0x80, 0x84 - mag, mag - 0x84).astype("<i2")
    out = tmp_path / "pcm.wav"
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(pcm.tobytes())
    f, rms = dominant_frequency(out)
    assert abs(f - 1000) < 5 and 10000 < rms < 13000, (f, rms)

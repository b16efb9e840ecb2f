"""The agent against baresip (Debian), a different SIP stack: calls both ways with audio checked
at both ends (baresip plays a tone with aufile and dumps what it hears with sndfile; the agent
plays another tone and records)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from string import Template

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, free_port, tone

PEER = Path(__file__).parent / "peers" / "baresip"

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(shutil.which("baresip") is None,
                       reason="baresip is not installed (Debian package baresip; `make test` installs it)"),
]


class Baresip:
    """A baresip process with its own config folder (`-f`), auto-answering as sip:bob@…."""

    def __init__(self, workdir: Path, tone_wav: Path, codecs: str = "", dial: str | None = None) -> None:
        self.dir = workdir / "baresip"
        self.rec = self.dir / "rec"
        self.rec.mkdir(parents=True)
        self.port, self.cons_port = free_port(), free_port()
        values = {"sip_port": self.port, "cons_port": self.cons_port, "tone": tone_wav, "rec": self.rec,
                  "codecs": f";audio_codecs={codecs}" if codecs else ""}
        for name in ("config", "accounts"):
            text = Template((PEER / name).read_text()).substitute(values)
            (self.dir / name).write_text(text)
        self.log = self.dir / "baresip.log"
        cmd = ["baresip", "-f", str(self.dir)] + (["-e", f"/dial {dial}"] if dial else [])
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        try:
            self.wait_log("baresip is ready.")
        except BaseException:
            self.stop()
            raise

    @property
    def uri(self) -> str:
        return f"sip:bob@127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_log(self, text: str, timeout: float = 15) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.output():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        lines = [ln for ln in self.output().splitlines() if "audio=" not in ln]  # drop the status ticker
        raise AssertionError(f"baresip never said {text!r}:\n" + "\n".join(lines[-40:]))

    def command(self, line: str) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(line.encode() + b"\n", ("127.0.0.1", self.cons_port))

    def heard(self) -> Path:
        """sndfile's dump of what baresip decoded (closed when the call ended)."""
        (dec,) = self.rec.glob("dump-*-dec.wav")
        return dec

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def assert_tone(path: Path, freq: float) -> None:
    f, rms = dominant_frequency(path)
    assert abs(f - freq) < 15 and rms > 1000, (path.name, f, rms)


def test_agent_calls_baresip_in_g722_and_both_hear(tmp_path):
    bs = Baresip(tmp_path, tone(tmp_path / "baresip-tone.wav", 900, 5, rate=16000))
    try:
        with AgentProcess("--call", bs.uri, "--hangup-after", "2", "--play", str(tone(tmp_path / "agent.wav", 500)),
                          "--record", str(tmp_path / "heard-by-agent.wav")) as agent:
            media = agent.wait_for("media", status="active")
            ended = agent.wait_for("ended")
            assert agent.proc.wait(15) == 0
        bs.wait_log("terminated")  # baresip saw our BYE and closed its dumps
    finally:
        bs.stop()
    assert media["codec"] == "G722" and media["clock_rate"] == 16000  # our first choice, baresip has it
    assert ended["code"] == 200 and ended["direction"] == "out" and ended["duration"] > 1
    assert_tone(tmp_path / "heard-by-agent.wav", 900)
    assert_tone(bs.heard(), 500)


def test_baresip_calls_the_agent_in_pcmu_and_hangs_up(tmp_path):
    # aufile needs a file at the codec's rate: 8 kHz for PCMU
    baresip_tone = tone(tmp_path / "baresip-tone.wav", 900, 5, rate=8000)
    with AgentProcess("--answer", "--once", "--play", str(tone(tmp_path / "agent.wav", 500)),
                      "--record", str(tmp_path / "heard-by-agent.wav")) as agent:
        bs = Baresip(tmp_path, baresip_tone, codecs="PCMU", dial=f"sip:agent@{agent.ready['address']}")
        try:
            incoming = agent.wait_for("incoming")
            agent.wait_for("state", state="confirmed")
            media = agent.wait_for("media", status="active")
            time.sleep(2)  # talk a little
            bs.command("/hangup")
            ended = agent.wait_for("ended")
            assert agent.proc.wait(15) == 0
            bs.wait_log("terminated")
        finally:
            bs.stop()
    assert "sip:bob@127.0.0.1" in incoming["remote_uri"]
    assert media["codec"] == "PCMU"
    assert ended["code"] == 200 and ended["direction"] == "in" and ended["duration"] > 1
    assert_tone(tmp_path / "heard-by-agent.wav", 900)
    assert_tone(bs.heard(), 500)

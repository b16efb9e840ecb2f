"""The agent against baresip (Debian), a different SIP stack: calls both ways with audio checked
at both ends (baresip plays a tone with aufile and dumps what it hears with sndfile; the agent
plays another tone and records)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import wave
from pathlib import Path
from string import Template

import pytest

from tests.sip import pulse
from tests.sip.agents import AgentProcess, band_level, dominant_frequency, free_port, tone

PEER = Path(__file__).parent / "peers" / "baresip"

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(shutil.which("baresip") is None,
                       reason="baresip is not installed (Debian package baresip; `make test` installs it)"),
]


def sip_port() -> int:
    """A port free for both UDP and TCP (baresip listens on both; a UDP-free port may be taken
    on TCP by a parallel test)."""
    for _ in range(50):
        port = free_port(socket.SOCK_DGRAM)
        try:
            for p in (port, port + 1):  # TCP on the SIP port, TLS on the next
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                    s.bind(("127.0.0.1", p))
            return port
        except OSError:
            continue
    raise RuntimeError("no port free for both UDP and TCP")


class Baresip:
    """A baresip process with its own config folder (`-f`), auto-answering as sip:bob@…."""

    def __init__(self, workdir: Path, tone_wav: Path, codecs: str = "", dial: str | None = None) -> None:
        self.dir = workdir / "baresip"
        self.rec = self.dir / "rec"
        self.rec.mkdir(parents=True)
        self.log = self.dir / "baresip.log"
        # baresip also binds TCP and TLS (on its SIP port + 1): a parallel test can take one of them
        # between our check and baresip's bind; then start again on fresh ports.
        for attempt in range(3):
            self.port, self.cons_port = sip_port(), free_port()
            values = {"sip_port": self.port, "cons_port": self.cons_port, "tone": tone_wav, "rec": self.rec,
                      "codecs": f";audio_codecs={codecs}" if codecs else ""}
            for name in ("config", "accounts"):
                text = Template((PEER / name).read_text()).substitute(values)
                (self.dir / name).write_text(text)
            cmd = ["baresip", "-f", str(self.dir)] + (["-e", f"/dial {dial}"] if dial else [])
            with open(self.log, "w") as out:
                self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            try:
                self.wait_log("baresip is ready.")
                return
            except AssertionError:
                self.stop()
                if attempt == 2 or "Address already in use" not in self.output():
                    raise
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


def test_baresip_transfers_the_agent_blind(tmp_path):
    """baresip (another SIP stack) sends the REFER: our engine is the transferee; the call it makes
    to the target is registered (hang-up works) and baresip's leg ends."""
    with AgentProcess("--no-audio", ipc=True) as b, AgentProcess("--no-audio", "--answer", ipc=True) as c:
        bs = Baresip(tmp_path, tone(tmp_path / "baresip-tone.wav", 900, 30, rate=16000))
        try:
            b.send(cmd="call", uri=bs.uri)
            first = b.wait_for("state", state="confirmed")["call"]
            bs.wait_log("established")
            bs.command(f"/transfer sip:agent@{c.ready['address']}")
            new = b.wait_for("calling", transfer_of=first)
            assert c.ready["address"] in b.wait_for("transfer_request", call=first)["to"]
            b.wait_for("state", call=new["call"], state="confirmed")
            c.wait_for("state", state="confirmed")
            b.wait_for("ended", call=first)  # baresip ended its leg once told the transfer succeeded
            b.send(cmd="hangup", call=new["call"])
            c.wait_for("ended")
        finally:
            bs.stop()


def test_agent_transfers_baresip_blind(tmp_path):
    """Our engine sends the REFER to baresip: told of the outcome (NOTIFY 200), it ends its leg."""
    # G722 only at the target: baresip's aufile needs the codec's rate (the tone is 16 kHz)
    with AgentProcess("--no-audio", ipc=True) as a, \
            AgentProcess("--no-audio", "--answer", "--codec", "G722", ipc=True) as c:
        bs = Baresip(tmp_path, tone(tmp_path / "baresip-tone.wav", 900, 30, rate=16000))
        try:
            a.send(cmd="call", uri=bs.uri)
            call = a.wait_for("state", state="confirmed")["call"]
            a.send(cmd="transfer", call=call, uri=f"sip:agent@{c.ready['address']}")
            c.wait_for("state", state="confirmed")  # baresip called the target
            status = a.wait_for("transfer_status", call=call, final=True)
            assert status["code"] == 200, status
            assert a.wait_for("ended", call=call)["code"] == 200
            # our BYE may still be on its way when our engine reports the end: a /hangup read first
            # would end baresip's current call, the transferred one, not the call to the target
            bs.wait_log("session closed")
            bs.command("/hangup")
            c.wait_for("ended")
        finally:
            bs.stop()


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    if not pulse.available():
        pytest.skip("PulseAudio is not installed (make test installs it)")
    server = pulse.start(tmp_path_factory.mktemp("pulse"))
    yield server
    pulse.stop(server)


def test_accepting_a_second_call_holds_baresip_and_it_hears_nothing(pa, tmp_path):
    """Call waiting with another stack as the first caller: our engine talks through the
    (virtual) microphone; accepting the second call puts baresip on hold (re-INVITE), and from
    then on it hears nothing of ours."""
    baresip_tone = tone(tmp_path / "baresip-tone.wav", 900, 30, rate=8000)  # baresip dials in PCMU
    with AgentProcess("--mic", "pulse:vmic", "--speaker", "pulse:spk", "--no-echo-cancellation", ipc=True,
                      env=pa.env) as me, AgentProcess("--no-audio", ipc=True) as second:
        assert me.wait_for("audio")["status"] == "ready"
        feed = pa.play_into_mic(tone(tmp_path / "ours.wav", 500, 60))
        bs = Baresip(tmp_path, baresip_tone, codecs="PCMU", dial=f"sip:agent@{me.ready['address']}")
        try:
            first = me.wait_for("incoming")["call"]
            me.send(cmd="answer", call=first)
            active = me.wait_for("media", call=first, status="active")
            time.sleep(2.5)  # baresip hears our microphone (once PulseAudio has started it)
            second.send(cmd="call", uri=me.uri)
            me.send(cmd="answer", call=wait_second_call(me, first))
            held = me.wait_for("media", call=first, status="held", by="local")
            second.wait_for("media", status="active")
            time.sleep(2.5)
            me.send(cmd="hangup", call=first)
            me.wait_for("ended", call=first)
            bs.wait_log("terminated")
        finally:
            bs.stop()
            feed.terminate()
    # baresip's dump holds what it decoded: our voice until the hold, then nothing of ours (on
    # hold it gets no audio, or silence); today it hears the microphone for the whole call
    heard, until_hold = bs.heard(), held["t"] - active["t"]
    with wave.open(str(heard)) as w:
        decoded = w.getnframes() / w.getframerate()
    assert band_level(heard, 500, 0.0, min(decoded, until_hold)) > 300
    silent_after = band_level(heard, 500, until_hold + 0.3) if decoded > until_hold + 0.4 else 0.0
    assert decoded < until_hold + 0.5 or silent_after < 50, (decoded, until_hold, silent_after)


def wait_second_call(agent: AgentProcess, first: int, timeout: float = 10) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        calls = [e["call"] for e in agent.events if e["event"] == "incoming" and e["call"] != first]
        if calls:
            return calls[0]
        time.sleep(0.05)
    raise AssertionError(f"no second call: {agent.events}")

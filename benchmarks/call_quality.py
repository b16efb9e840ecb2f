"""Speech quality of calls (PESQ, `pesq` package), the figures of issue 3:

1. clean, on 127.0.0.1: PCMU and G722 calls between two engine processes, against the codec's
   own offline round trip (mu-law in numpy; G.722 with the bit-exact ITU implementation of
   the `G722` package, libg722);
2. impaired: 20 +/- 10 ms jitter (Normal, reordering) and 0 / 3 / 10 % loss, each direction,
   between two network namespaces joined by the userspace relay benchmarks/netem_relay.py;
   our engine against baresip (Debian) answering the same calls from our engine under the same
   impairment (same seeds) in the same run.

Speech: espeak-ng sentences, 16 kHz mono, played by the calling agent (`--play`), recorded by
the answering one (`--record`, what it hears, i.e. what leaves its jitter buffer at play-out
time) or by baresip's sndfile module (its decoded stream). Recordings are aligned to the
reference by cross-correlation and scored narrowband (PCMU, 8 kHz) or wideband (G722, 16 kHz).

    sudo .venv/bin/python benchmarks/call_quality.py [--runs 2] [--codecs PCMU G722] [--loss 0 3 10]
         [--clean-only | --no-clean] [--stacks ours baresip] [--media jb_init_ms=80 ...]

Needs root for the namespaces (made here, removed at exit), espeak-ng, sox and baresip.
`--media KEY=VALUE` overrides EngineConfig fields for both of our agents (for tuning).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.netem_relay import Namespaces  # noqa: E402

SENTENCES = ("The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
             "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
             "Rice is often served in round bowls.")
SIP_PORT = 5060


# -- audio files ----------------------------------------------------------------------------

def read_wav(path: Path) -> tuple[int, np.ndarray]:
    with wave.open(str(path)) as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit PCM")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        if w.getnchannels() > 1:
            data = data.reshape(-1, w.getnchannels())[:, 0]
        return w.getframerate(), data.astype(np.int16)


def write_wav(path: Path, rate: int, data: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(data, dtype="<i2").tobytes())
    return path


def resample(src: Path, rate: int, dst: Path) -> Path:
    """sox's high-quality rate conversion, mono 16-bit."""
    subprocess.run(["sox", "-D", str(src), "-r", str(rate), "-c", "1", "-b", "16", str(dst)], check=True)
    return dst


def make_speech(folder: Path) -> tuple[Path, Path]:
    """(16 kHz, 8 kHz) speech: 0.5 s silence, five Harvard sentences, 1 s silence; peak -6 dBFS."""
    raw = folder / "speech_raw.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), SENTENCES], check=True)
    wb = folder / "speech16k.wav"
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wb),
                    "gain", "-n", "-6", "pad", "0.5", "1"], check=True)
    return wb, resample(wb, 8000, folder / "speech8k.wav")


# -- offline codec round trips ------------------------------------------------------------

def mulaw_roundtrip(x: np.ndarray) -> np.ndarray:
    """G.711 mu-law encode then decode: the CCITT/Sun algorithm of audioop and pjmedia's g711.c
    (14-bit magnitude with an arithmetic shift, bias 33, segment search), in numpy."""
    v = x.astype(np.int32) >> 2
    neg = v < 0
    mask = np.where(neg, 0x7F, 0xFF)
    v = np.minimum(np.where(neg, -v, v), 8159) + 33
    seg = np.searchsorted(np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]), v)
    uval = np.where(seg >= 8, 0x7F, (seg << 4) | ((v >> np.minimum(seg + 1, 8)) & 0xF))
    u = ~(uval ^ mask) & 0xFF
    t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return np.where(u & 0x80, 0x84 - t, t - 0x84).astype(np.int16)


def g722_roundtrip_libg722(x: np.ndarray) -> np.ndarray:
    """G.722 at 64 kbit/s with 16-bit samples in and out (libg722, the `G722` package of the
    `bench` extra): the codec at its best, for reference."""
    import G722

    enc = G722.G722(16000, 64000).encode(x.astype(np.int16))
    return np.asarray(G722.G722(16000, 64000).decode(enc), dtype=np.int16)


def g722_roundtrip_pjmedia(x: np.ndarray) -> np.ndarray:
    """pjmedia's own G.722 (the encoder and decoder compiled into the pjsua2 wheel, whose C
    symbols it exports), driven through ctypes 20 ms at a time exactly as pjmedia's codec
    wrapper does: samples divided by 4 on the way in (its coder takes 14-bit PCM, the default
    PJMEDIA_G722_DEFAULT_PCM_SHIFT 2) and multiplied by 4 on the way out."""
    import ctypes

    import pjsua2

    lib = ctypes.CDLL(next(Path(pjsua2.__file__).parent.glob("_pjsua2*.so")).as_posix())
    enc, dec = ctypes.create_string_buffer(8192), ctypes.create_string_buffer(8192)  # > sizeof states
    if lib.g722_enc_init(enc) != 0 or lib.g722_dec_init(dec) != 0:
        raise RuntimeError("pjmedia g722 init failed")
    frame = 320
    x = np.concatenate([x.astype(np.int16), np.zeros(-len(x) % frame, np.int16)])
    out = np.zeros(len(x), np.int16)
    bits = ctypes.create_string_buffer(frame // 2)
    for i in range(0, len(x), frame):
        pcm = np.ascontiguousarray((x[i:i + frame].astype(np.int32) / 4).astype(np.int16))  # C division
        nbits = ctypes.c_size_t(frame // 2)
        if lib.g722_enc_encode(enc, pcm.ctypes.data_as(ctypes.c_void_p), ctypes.c_size_t(frame), bits,
                               ctypes.byref(nbits)) != 0:
            raise RuntimeError("pjmedia g722 encode failed")
        o = np.zeros(frame, np.int16)
        nout = ctypes.c_size_t(frame)
        if lib.g722_dec_decode(dec, bits, nbits, o.ctypes.data_as(ctypes.c_void_p), ctypes.byref(nout)) != 0:
            raise RuntimeError("pjmedia g722 decode failed")
        out[i:i + frame] = np.clip(o.astype(np.int32) * 4, -32768, 32767)
    return out


# -- scoring --------------------------------------------------------------------------------

def lag_of(ref: np.ndarray, deg: np.ndarray) -> int:
    """Samples by which `deg` lags `ref` (cross-correlation peak)."""
    n = 1 << int(np.ceil(np.log2(len(ref) + len(deg))))
    corr = np.fft.irfft(np.fft.rfft(deg.astype(float), n) * np.conj(np.fft.rfft(ref.astype(float), n)), n)
    lag = int(np.argmax(corr))
    return lag - n if lag > n // 2 else lag


def align(ref: np.ndarray, deg: np.ndarray) -> np.ndarray:
    """`deg` shifted by its cross-correlation peak with `ref` and cut/padded to ref's length."""
    lag = lag_of(ref, deg)
    out = np.zeros(len(ref), dtype=np.int16)
    if lag >= 0:
        part = deg[lag:lag + len(ref)]
        out[:len(part)] = part
    else:
        part = deg[:len(ref) + lag]
        out[-lag:-lag + len(part)] = part
    return out


def pesq_score(ref: np.ndarray, deg: np.ndarray, rate: int) -> float:
    from pesq import pesq

    try:
        return float(pesq(rate, ref.astype(float), align(ref, deg).astype(float), "nb" if rate == 8000 else "wb"))
    except Exception as exc:  # noqa: BLE001 - "no utterances detected" on a silent recording
        print(f"    PESQ failed: {exc}", flush=True)
        return float("nan")


@dataclass
class Reference:
    codec: str
    rate: int
    wav: Path  # what is played into the call (16 kHz)
    ref: np.ndarray  # PESQ reference at `rate`
    offline: float = 0.0  # the codec's own offline round trip (as pjmedia codes it)
    best: float | None = None  # G722 with 16-bit samples (libg722), when installed

    def score(self, recorded: Path, work: Path) -> float:
        if not recorded.exists() or recorded.stat().st_size <= 44:
            print(f"    no recording {recorded}", flush=True)
            return float("nan")
        rate, _ = read_wav(recorded)
        if rate != self.rate:
            recorded = resample(recorded, self.rate, work / f"{recorded.stem}_{self.rate}.wav")
        return pesq_score(self.ref, read_wav(recorded)[1], self.rate)


def references(folder: Path, codecs: list[str]) -> dict[str, Reference]:
    wb, nb = make_speech(folder)
    out = {}
    for codec in codecs:
        if codec.upper() == "G722":
            rate, ref = read_wav(wb)
            r = Reference("G722", 16000, wb, ref)
            r.offline = pesq_score(ref, g722_roundtrip_pjmedia(ref), rate)
            try:
                r.best = pesq_score(ref, g722_roundtrip_libg722(ref), rate)
            except ImportError:
                pass
        elif codec.upper() == "PCMU":
            rate, ref = read_wav(nb)
            r = Reference("PCMU", 8000, wb, ref)
            r.offline = pesq_score(ref, mulaw_roundtrip(ref), rate)
        else:
            raise SystemExit(f"unsupported codec {codec} (PCMU, G722)")
        out[r.codec] = r
    return out


# -- peers ----------------------------------------------------------------------------------

def agent_cmd(media: dict, *args: str) -> list[str]:
    """`whitephone agent ARGS` through this script (`_agent`): EngineConfig overrides, if any,
    and jitter buffer counters."""
    return [sys.executable, str(Path(__file__).resolve()), "_agent", json.dumps(media), *args]


def _run_agent_with(media_json: str, argv: list[str]) -> int:
    """Entry point of `_agent`: the real agent with some EngineConfig defaults replaced, and a
    `jitter_buffer` event (pjmedia's counters) twice a second during calls."""
    import pjsua2 as pj

    import whitephone.sip.agent as agent
    from whitephone.sip.engine import Engine, EngineConfig

    pump = Engine.pump
    next_poll = [0.0]
    poll_s = float(os.environ.get("WP_JB_POLL_S", "0.5"))  # benchmarks/reach_jb.py: a finer timeline

    def pump_with_stats(self, ms: int = 10) -> None:
        pump(self, ms)
        now = time.monotonic()
        if now < next_poll[0]:
            return
        next_poll[0] = now + poll_s
        for cid, call in list(self.calls.items()):
            try:
                st = call.getStreamStat(0)
            except pj.Error:
                continue
            jb, rx = st.jbuf, st.rtcp.rxStat
            self.emit({"event": "jitter_buffer", "call": cid, "avg_delay_ms": jb.avgDelayMsec,
                       "max_delay_ms": jb.maxDelayMsec, "prefetch": jb.prefetch, "size": jb.size,
                       "lost": jb.lost, "discard": jb.discard, "empty": jb.empty,
                       "rtcp_jitter_ms": round(rx.jitterUsec.last / 1000, 1), "rx_loss": rx.loss,
                       "rx_reorder": rx.reorder, "trimming": self._trim_stats(call, 0)})

    Engine.pump = pump_with_stats

    overrides = json.loads(media_json)
    shift = overrides.pop("g722_pcm_shift", None)  # experiment: pjmedia API that pjsua2 does not wrap
    if shift is not None:  # after libInit, which registers the codec with its default shift
        import ctypes

        init = Engine._init

        def init_then_shift(self, ep) -> None:
            init(self, ep)
            lib = ctypes.CDLL(next(Path(pj.__file__).parent.glob("_pjsua2*.so")).as_posix())
            lib.pjmedia_codec_g722_set_pcm_shift(ctypes.c_uint(int(shift)))

        Engine._init = init_then_shift
    known = {f.name for f in fields(EngineConfig)}
    unknown = set(overrides) - known
    if unknown:
        raise SystemExit(f"unknown EngineConfig fields: {sorted(unknown)}")

    engine_init = Engine.__init__

    def init_with_overrides(self, emit, config, *a, **kw) -> None:  # after the agent's own settings
        for k, v in overrides.items():
            setattr(config, k, v)
        engine_init(self, emit, config, *a, **kw)

    Engine.__init__ = init_with_overrides
    p = argparse.ArgumentParser()
    agent.add_arguments(p)
    return agent.run(p.parse_args(argv))


def _wait(proc: subprocess.Popen, timeout: float) -> None:
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _ready(proc: subprocess.Popen, timeout: float = 20) -> dict:
    """Read the agent's JSON lines until `ready` (stdout must be a pipe)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        ev = json.loads(line)
        if ev.get("event") == "ready":
            return ev
    raise RuntimeError(f"agent not ready: {proc.args}")


@dataclass
class Bench:
    work: Path
    refs: dict[str, Reference]
    media: dict = field(default_factory=dict)
    ns: Namespaces | None = None
    seq: int = 0
    jitter_buffer: dict | None = None  # the answering agent's last counters
    nice: int = 0  # niceness of every endpoint (ours and baresip alike)

    def _prefix(self, side: str | None) -> list[str]:
        """Run in namespace `side` (None: here), at the benchmark's niceness."""
        nice = ["nice", "-n", str(self.nice)] if self.nice else []
        return nice + (self.ns.exec_prefix(side) if side else [])

    def _name(self, label: str) -> Path:
        self.seq += 1
        return self.work / f"{self.seq:03d}_{label}"

    def speech_seconds(self, codec: str) -> float:
        rate, data = read_wav(self.refs[codec].wav)
        return len(data) / rate

    def our_call(self, codec: str, impaired: bool) -> Path:
        """Our agent calls our agent; the callee records. Returns the recording."""
        rec = self._name(f"ours_{codec}.wav")
        pre_a = self._prefix("a" if impaired else None)
        pre_b = self._prefix("b" if impaired else None)
        host_a = self.ns.addr_a if impaired else "127.0.0.1"
        host_b = self.ns.addr_b if impaired else "127.0.0.1"
        callee = subprocess.Popen(
            pre_a + agent_cmd(self.media, "--listen", f"{host_a}:{SIP_PORT if impaired else 0}", "--answer",
                              "--record", str(rec), "--codec", codec, "--once"),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        try:
            ready = _ready(callee)
            self._call_from_ours(pre_b, host_b, f"sip:t@{ready['address']}", codec)
            _wait(callee, 15)
        finally:
            _wait(callee, 0)
        self.jitter_buffer = None
        for line in callee.stdout:
            ev = json.loads(line)
            if ev.get("event") == "jitter_buffer":
                self.jitter_buffer = ev
        return rec

    def _call_from_ours(self, prefix: list[str], host: str, uri: str, codec: str) -> None:
        hang = self.speech_seconds(codec) + 1.5
        with open(self._name("caller.log"), "w") as log:
            caller = subprocess.Popen(
                prefix + agent_cmd(self.media, "--listen", f"{host}:0", "--play", str(self.refs[codec].wav),
                                   "--codec", codec, "--call", uri, "--hangup-after", f"{hang:.1f}"),
                stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
            _wait(caller, hang + 30)

    def baresip_call(self, codec: str) -> dict[str, Path]:
        """Our agent calls baresip (auto-answer) in namespace a. baresip's audio source is the
        aubridge fed by its own player, so it sends back what it plays, and its sndfile module
        writes both ends of its pipeline: "baresip" = the encoder-side file = what it played out
        (after its jitter buffer and audio buffer, in real time, like our recorder), and
        "baresip decoder" = the decoder's output before play-out (no gaps from late packets: an
        upper bound no listener hears)."""
        home = self._name(f"baresip_{codec}")
        (home / "rec").mkdir(parents=True)
        (home / "config").write_text(BARESIP_CONFIG.format(listen=f"{self.ns.addr_a}:{SIP_PORT}", rec=home / "rec"))
        (home / "accounts").write_text(f"<sip:t@{self.ns.addr_a}>;regint=0;answermode=auto\n")
        (home / "contacts").write_text("")
        log = open(home / "baresip.log", "w")
        bs = subprocess.Popen(self._prefix("a") + ["baresip", "-f", str(home)], stdin=subprocess.PIPE,
                              stdout=log, stderr=subprocess.STDOUT, cwd=home)
        try:
            time.sleep(1.5)  # baresip prints no machine-readable "ready"; it starts in ~0.2 s
            self._call_from_ours(self._prefix("b"), self.ns.addr_b, f"sip:t@{self.ns.addr_a}:{SIP_PORT}",
                                 codec)
            time.sleep(1.0)
        finally:
            bs.terminate()
            _wait(bs, 10)
            log.close()
        missing = home / "rec" / "missing.wav"
        return {"baresip": next(iter(sorted((home / "rec").glob("*-enc.wav"))), missing),
                "baresip decoder": next(iter(sorted((home / "rec").glob("*-dec.wav"))), missing)}


BARESIP_CONFIG = """\
poll_method		epoll
sip_listen		{listen}
call_local_timeout	120
call_max_calls		4
audio_player		aubridge,x
audio_source		aubridge,x
audio_alert		aubridge,x
audio_srate		8000-48000
audio_channels		1-2
module_path		/usr/lib/baresip/modules
module			g711.so
module			g722.so
module			aufile.so
module			aubridge.so
module			sndfile.so
module_app		account.so
snd_path		{rec}
"""


class Relay:
    """benchmarks/netem_relay.py between the namespaces, as a child process (as root)."""

    def __init__(self, ns: Namespaces, loss: float, delay: float, jitter: float, seed: int, stats: Path) -> None:
        self.stats = stats
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "netem_relay.py"), "--ns-a", ns.a, "--ns-b", ns.b,
             "--dev-a", ns.dev_a, "--dev-b", ns.dev_b, "--loss", str(loss), "--delay", str(delay),
             "--jitter", str(jitter), "--seed", str(seed), "--stats", str(stats)],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("relay ready"):
            raise RuntimeError("relay did not start")

    def close(self) -> dict:
        self.proc.send_signal(signal.SIGTERM)
        _wait(self.proc, 5)
        try:
            return json.loads(self.stats.read_text())["stats"]
        except (OSError, ValueError):
            return {}


def _jb_text(jb: dict | None) -> str:
    if not jb:
        return ""
    return (f"; jitter buffer avg {jb['avg_delay_ms']} ms, max {jb['max_delay_ms']} ms, lost {jb['lost']}, "
            f"discarded {jb['discard']}, empty {jb['empty']}, dropped in pauses {jb.get('trimming', {}).get('dropped_ms', '-')} ms"
            f", level at the end {jb.get('trimming', {}).get('level_ms', '-')} ms")


def fmt(values: list[float], digits: int = 2) -> str:
    good = [v for v in values if v == v]
    return f"{statistics.mean(good):.{digits}f}" if good else "  -  "


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "_agent":
        raise SystemExit(_run_agent_with(sys.argv[2], sys.argv[3:]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=2, help="calls per cell (default 2)")
    ap.add_argument("--codecs", nargs="+", default=["PCMU", "G722"])
    ap.add_argument("--loss", nargs="+", type=float, default=[0.0, 3.0, 10.0], help="percent")
    ap.add_argument("--delay", type=float, default=20.0)
    ap.add_argument("--jitter", type=float, default=10.0)
    ap.add_argument("--clean-only", action="store_true")
    ap.add_argument("--no-clean", action="store_true")
    ap.add_argument("--stacks", nargs="+", choices=("ours", "baresip"), default=["ours", "baresip"],
                    help="who answers the impaired calls (default both)")
    ap.add_argument("--media", nargs="*", default=[], metavar="KEY=VALUE",
                    help="EngineConfig overrides for our agents (tuning), e.g. jb_init_ms=80")
    ap.add_argument("--nice", type=int, default=-10,
                    help="niceness of all endpoints, ours and baresip alike (default -10 as root: other work on "
                         "the machine delays their clock threads and shows up as glitches; 0 = as started)")
    ap.add_argument("--keep", action="store_true", help="keep the recordings (folder printed)")
    args = ap.parse_args()
    media = {}
    for kv in args.media:
        k, _, v = kv.partition("=")
        try:
            media[k] = json.loads(v)
        except ValueError:
            media[k] = v
    codecs = [c.upper() for c in args.codecs]
    work = Path(tempfile.mkdtemp(prefix="wp-quality-"))
    os.chmod(work, 0o755)
    load = os.getloadavg()[0]
    print(f"speech quality (PESQ); work folder {work}; load average {load:.2f} on {os.cpu_count()} cores"
          + (f"; media overrides {media}" if media else ""), flush=True)
    refs = references(work, codecs)
    bench = Bench(work, refs, media, nice=args.nice if os.geteuid() == 0 else 0)
    for c in codecs:
        print(f"  offline {c} round trip: PESQ {refs[c].offline:.3f} "
              f"({'nb, 8 kHz' if refs[c].rate == 8000 else 'wb, 16 kHz'})"
              + ("" if refs[c].best is None else f"; libg722 with 16-bit samples {refs[c].best:.3f}"), flush=True)

    if not args.no_clean:
        print("\nclean, 127.0.0.1 (our agent to our agent):", flush=True)
        for c in codecs:
            scores, jb = [], []
            for _ in range(args.runs):
                scores.append(refs[c].score(bench.our_call(c, impaired=False), work))
                jb.append(bench.jitter_buffer["avg_delay_ms"] if bench.jitter_buffer else float("nan"))
            print(f"  {c}: PESQ {' '.join(f'{s:.3f}' for s in scores)}; mean {fmt(scores)} vs offline "
                  f"{refs[c].offline:.3f} (diff {np.nanmean(scores) - refs[c].offline:+.3f}); "
                  f"jitter buffer {fmt(jb, 0)} ms", flush=True)
    if args.clean_only:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return

    if os.geteuid() != 0:
        raise SystemExit("the impaired runs need root (network namespaces)")
    ns = Namespaces(tag=f"wpq{os.getpid()}")
    atexit.register(ns.remove)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    ns.create()
    bench.ns = ns
    stacks = args.stacks
    rows = [r for st in stacks for r in ([st] if st == "ours" else ["baresip", "baresip decoder"])]
    results: dict[tuple[str, str, float], list[float]] = {}
    delays: dict[tuple[str, str, float], list[float]] = {}
    print(f"\nimpaired: {args.delay:g} +/- {args.jitter:g} ms (normal) delay, loss per direction; "
          f"namespaces {ns.a} ({ns.addr_a}, answers) and {ns.b} ({ns.addr_b}, calls)", flush=True)
    try:
        for run in range(args.runs):
            for loss in args.loss:
                for c in codecs:
                    for stack in stacks:
                        seed = 1000 * run + int(loss * 10)
                        bench.jitter_buffer = None
                        relay = Relay(ns, loss, args.delay, args.jitter, seed, bench._name("relay.json"))
                        try:
                            recs = ({"ours": bench.our_call(c, impaired=True)} if stack == "ours"
                                    else bench.baresip_call(c))
                        finally:
                            st = relay.close()
                        ba = st.get("b->a", {}) if st else {}
                        for row, rec in recs.items():
                            s = refs[c].score(rec, work)
                            results.setdefault((row, c, loss), []).append(s)
                            extra = ""
                            if row == "ours" and bench.jitter_buffer:
                                delays.setdefault((row, c, loss), []).append(bench.jitter_buffer["avg_delay_ms"])
                                extra = _jb_text(bench.jitter_buffer)
                            print(f"  run {run + 1} {row:15s} {c:4s} loss {loss:4.1f} %: PESQ {s:.3f}  (relay to "
                                  f"the answerer: {ba.get('received', 0)} packets, {ba.get('dropped', 0)} dropped, "
                                  f"{ba.get('reordered', 0)} reordered{extra})", flush=True)
    finally:
        ns.remove()

    print(f"\nPESQ, {args.delay:g} +/- {args.jitter:g} ms jitter, mean of {args.runs} runs "
          f"(load average now {os.getloadavg()[0]:.2f}):")
    print("| stack x codec | " + " | ".join(f"{loss:g} %" for loss in args.loss) + " |")
    print("|---|" + "---|" * len(args.loss))
    for c in codecs:
        for row in rows:
            cells = " | ".join(fmt(results.get((row, c, loss), [])) for loss in args.loss)
            print(f"| {row}, {c} ({'nb' if refs[c].rate == 8000 else 'wb'}) | {cells} |")
    if delays:
        print("\nour answering engine's jitter buffer, mean delay in ms (pjmedia's own counter):")
        for c in codecs:
            print(f"| ours, {c} | " + " | ".join(fmt(delays.get(("ours", c, loss), []), 0) for loss in args.loss)
                  + " |")
    if "ours" in stacks and "baresip" in stacks:
        for other in ("baresip", "baresip decoder"):
            worse = [(c, loss) for c in codecs for loss in args.loss
                     if np.nanmean(results[("ours", c, loss)]) < np.nanmean(results[(other, c, loss)])]
            print(f"ours >= {other} in every cell" if not worse else f"ours below {other} in {worse}")
    if args.keep:
        print(f"recordings kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

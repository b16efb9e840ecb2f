"""Shedding the jitter buffer's start-up reserve once a call's link proves clean.

Every call starts with a 120 ms jitter buffer: measured with benchmarks/call_quality.py, 80 ms is
what 20 +/- 10 ms of jitter needs to beat baresip, a buffer that starts lower pays for the first
jitter with an audible re-fill gap, and the 75 +/- 25 ms of reach profile 5 needs 120 (below). On
a clean link (an office network, 127.0.0.1) the same 120 ms are only delay. So each call is watched: once its RTP has arrived for a while with
under `clean_jitter_ms` of interarrival jitter (RFC 3550, as RTCP measures it), nothing
reordered and no underflow, the buffer gives up frames until it holds `target_ms`, half of what
is too much at a time (at most 40 ms), taken from the head (the next to play) in a pause: only
after the far end's audio has been quiet for `quiet_frames` looks (200 ms). Dropping frames in speech costs speech quality (pjmedia's
own progressive discard, which drops wherever it happens to be, took 0.3 off a clean call's PESQ);
dropping 10-20 ms of a pause costs nothing anyone can hear. Jitter or an underflow after a trim
stops trimming for `cool_down_s`; the buffer then grows back through pjmedia's own adaptation,
whose floor stays at the configured minimum prefetch.

A jittery link (reach profile 5: Normal(75, 25) ms of delay) needs a buffer that starts with
more than the link's delays vary by: started short, the first packets decide how much it holds,
and it underflows mid-speech until pjmedia's prefetch has grown it, each underflow an audible gap
(benchmarks/reach_jb.py). So calls start with more, and on a jittery link the buffer gives back
what the delays do not need, again only in pauses: the least it held over 3 s is how close the
latest packet came to being late, and what is above `spare_ms` of that goes, half at a time. A
late packet or an underflow stops that for a few seconds.

pjsua2 offers no way to touch a running stream's jitter buffer; pjmedia does
(`pjmedia_jbuf_remove_frame`, under the stream's jitter-buffer lock), and the stream holds the
pointers. `find_jitter_buffer` reads them from the stream pointer pjsua2 passes to
`Call.onStreamCreated`, at the field offset of the pjsip build in the wheel (struct
pjmedia_stream in pjmedia/src/pjmedia/stream.c), and checks what it finds there (the jitter
buffer's name is the stream port's name, its prefetch is what we configured) before anything is
written.

Never a crash, whatever the build: every read of pjsip's memory goes through `process_vm_readv`
on our own process, which fails cleanly (EFAULT) on an address that is not mapped instead of
faulting, so a wrong offset finds garbage, fails the checks and turns trimming off. Layouts are
keyed by release, pointer size, machine and the SHA-256 of the wheel's `_pjsua2` library: the
same version string built with another `config_site.h` (or the macOS wheel) is another key, so
nothing is read at all. Where trimming is unavailable (`trimming_available()` False: Windows, a
build we do not know), the engine turns pjmedia's progressive discard back on instead, so clock
drift cannot grow the buffer to its 160 ms maximum. And each engine start proves it on the
machine before any real call's buffer is touched: one throw-away call to itself whose two
streams must yield checked, lockable buffers (trim_selftest.py); if that fails, pjsua is
restarted with progressive discard.
"""

from __future__ import annotations

import ctypes
import functools
import json
import logging
import os
import struct
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pjsua2 as pj

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Layout:
    """Where pjsip keeps what we read, per release and pointer size (from its sources)."""

    jb_from_port: int  # `pjmedia_jbuf *jb` from `pjmedia_port port` in struct pjmedia_stream
    # (`jb_mutex` is the field just before it); the rest are fields of struct pjmedia_jbuf:
    frame_ptime: int  # unsigned jb_frame_ptime (after pj_str_t jb_name, pj_size_t jb_frame_size)
    init_prefetch: int  # int jb_init_prefetch, followed by int jb_min_prefetch
    delay_stat: int  # pj_math_stat jb_delay: int n, max, min, last, mean


# (release, pointer size, machine, SHA-256 of the wheel's _pjsua2 library) -> layout
_LAYOUTS = {
    ("2.15.1", 8, "x86_64", "1303b67fab241a8399f6cf9f945cbca1c3d0a32dc6e0b3e7f6d4810beeb7dc19"):
        _Layout(jb_from_port=1384, frame_ptime=24, init_prefetch=40, delay_stat=184),
}


def _library() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL(pj._pjsua2.__file__)  # noqa: SLF001 - the wheel's own pjmedia symbols
        lib.pjmedia_stream_get_port.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.pjmedia_jbuf_remove_frame.argtypes = [ctypes.c_void_p, ctypes.c_uint]
        lib.pjmedia_jbuf_remove_frame.restype = ctypes.c_uint
        lib.pj_mutex_lock.argtypes = lib.pj_mutex_unlock.argtypes = [ctypes.c_void_p]
        return lib
    except (OSError, AttributeError) as exc:
        log.info("pjmedia's jitter buffer functions are not reachable: %s", exc)
        return None


_lib = _library()


class _IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def _vm_reader():
    """process_vm_readv from libc (Linux 3.2+), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        # the C library the process already has: ctypes.util.find_library("c") would run
        # `ldconfig -p` at every engine start and import tempfile, subprocess and random for it
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.process_vm_readv
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.POINTER(_IoVec), ctypes.c_ulong, ctypes.POINTER(_IoVec), ctypes.c_ulong,
                   ctypes.c_ulong]
    fn.restype = ctypes.c_ssize_t
    return fn


_readv = _vm_reader()


def read_memory(address: int, size: int) -> bytes | None:
    """`size` bytes at `address` in this process, or None when any of them is not mapped
    (never a segmentation fault: the kernel copies, and says EFAULT)."""
    if _readv is None or not address or size <= 0:
        return None
    buf = ctypes.create_string_buffer(size)
    local, remote = _IoVec(ctypes.addressof(buf), size), _IoVec(address, size)
    got = _readv(os.getpid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    return buf.raw if got == size else None


def _sha256(data: bytes):
    """SHA-256 from CPython's own module: `hashlib` loads OpenSSL's libcrypto, ~3.3 MiB of the
    engine's resident memory that nothing else in the engine needs (issue 18)."""
    try:
        from _sha256 import sha256  # CPython <= 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # CPython >= 3.12
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def library_digest(path: str, cache_file: Path | None = None) -> str:
    """The SHA-256 of the library at `path`, remembered in `cache_file` (the user's cache folder)
    with the file's size, time and inode: CPython's own SHA-256 takes ~0.15-0.3 s over pjsua2's
    9.6 MiB (OpenSSL's 25 ms, but loading it costs 3.3 MiB for the engine's life), once per
    installed library instead of at every engine start."""
    st = os.stat(path)
    stamp = f"{os.path.realpath(path)}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}"
    if cache_file is None:
        cache_file = _cache_folder() / "pjsua2-digest.json"
    try:
        saved = json.loads(cache_file.read_text(encoding="utf-8"))
        if isinstance(saved, dict) and saved.get("stamp") == stamp and isinstance(saved.get("sha256"), str):
            return saved["sha256"]
    except (OSError, ValueError):
        pass
    with open(path, "rb") as f:
        digest = _sha256(f.read()).hexdigest()
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "sha256": digest}), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError as exc:  # a read-only home: hashed again next time
        log.debug("library digest not cached: %s", exc)
    return digest


def _cache_folder() -> Path:
    """The user's cache folder for WhitePhone (platformdirs.user_cache_dir). On Linux that is the
    XDG rule, followed here: $XDG_CACHE_HOME when it is an absolute path, else ~/.cache.
    platformdirs would import tempfile, shutil and typing into the engine for this one path."""
    if not sys.platform.startswith("linux"):
        import platformdirs

        return Path(platformdirs.user_cache_dir("whitephone", appauthor=False))
    base = os.environ.get("XDG_CACHE_HOME", "")
    return Path(base if os.path.isabs(base) else os.path.expanduser("~/.cache"), "whitephone")


def _machine() -> str:
    """platform.machine(), from os.uname() where there is one (not on Windows): the platform
    module is not otherwise needed in the engine."""
    if hasattr(os, "uname"):
        return os.uname().machine
    import platform

    return platform.machine()


@functools.cache
def _build_key() -> tuple:
    try:
        digest = library_digest(pj._pjsua2.__file__)  # noqa: SLF001
    except (OSError, AttributeError):
        digest = ""
    return (_pjsip_version(), ctypes.sizeof(ctypes.c_void_p), _machine(), digest)


def _layout() -> _Layout | None:
    return _LAYOUTS.get(_build_key())


def known_layout() -> _Layout | None:
    """This build's layout, or None when we do not know it."""
    return _layout()


# The engine's self-test in a throw-away call (trim_selftest.py): None until it has run in this
# process; no call's jitter buffer is touched before it has passed.
_proven: bool | None = None


def set_proven(passed: bool) -> None:
    global _proven
    _proven = passed


def proven() -> bool | None:
    """The self-test's verdict in this process (None: it has not run)."""
    return _proven


@functools.cache
def _reader_works() -> bool:
    """Self-test of the safe reader (once per engine process): it reads what is there, and says
    None, without a fault, for a page that is not mapped (a sandbox may forbid the call)."""
    probe = ctypes.create_string_buffer(b"whitephone", 16)
    return read_memory(ctypes.addressof(probe), 10) == b"whitephone" and read_memory(4096, 8) is None


def trimming_available() -> bool:
    """Whether this pjsip build is one whose layout we know, with its functions reachable and a
    safe way to read its memory. When not, the engine leaves shedding latency to pjmedia's own
    progressive discard."""
    return _lib is not None and _layout() is not None and _reader_works()


def _pjsip_version() -> str:
    try:
        return pj.Endpoint.instance().libVersion().full.split("-")[0]
    except pj.Error:
        return ""


@dataclass
class JitterBuffer:
    """A running stream's pjmedia jitter buffer, checked, ready to give up frames."""

    jb: int
    mutex: int
    frame_ms: int
    delay_stat: int

    def delay_ms(self) -> tuple[int, int, int, int] | None:
        """pjmedia's play-out delay statistics (max, min, last, mean in ms): `last` is what the
        buffer held when play-out last took from it after a packet came, i.e. its level. None
        if the memory is gone."""
        raw = read_memory(self.jb + self.delay_stat, 20)
        return None if raw is None else struct.unpack("=5i", raw)[1:]

    def drop_next(self, frames: int = 1) -> int:
        """Take `frames` from the head (the next to play); how many it took."""
        _lib.pj_mutex_lock(self.mutex)  # the stream's own jitter-buffer lock (clock thread)
        try:
            return _lib.pjmedia_jbuf_remove_frame(self.jb, frames)
        finally:
            _lib.pj_mutex_unlock(self.mutex)


def _read_pointer(address: int) -> int:
    raw = read_memory(address, ctypes.sizeof(ctypes.c_void_p))
    return 0 if raw is None else int.from_bytes(raw, sys.byteorder)


def _read_int(address: int, fmt: str = "=i") -> int | None:
    raw = read_memory(address, struct.calcsize(fmt))
    return None if raw is None else struct.unpack(fmt, raw)[0]


def _read_str(address: int) -> bytes:
    """A pj_str_t (char *ptr; pj_ssize_t slen) at `address`; b"" when unreadable."""
    ptr, length = _read_pointer(address), _read_int(address + ctypes.sizeof(ctypes.c_void_p), "@n")
    if not ptr or length is None or not 0 < length < 256:
        return b""
    return read_memory(ptr, length) or b""


def find_jitter_buffer(stream: int, init_ms: int, min_ms: int) -> JitterBuffer | None:
    """The jitter buffer of the pjmedia stream at `stream`, or None (unknown pjsip release, or
    what sits at the known offset is not the buffer this stream was created with)."""
    layout = _layout() if trimming_available() and _proven else None
    return locate_jitter_buffer(stream, init_ms, min_ms, layout) if layout is not None and stream else None


def locate_jitter_buffer(stream: int, init_ms: int, min_ms: int, layout: _Layout) -> JitterBuffer | None:
    """`find_jitter_buffer` with a given layout (tests give it wrong ones: it must say None,
    never crash)."""
    offset = layout.jb_from_port
    port = ctypes.c_void_p()
    if _lib.pjmedia_stream_get_port(stream, ctypes.byref(port)) != 0 or not port.value:
        return None
    # the port lies inside the stream struct: anything else means a layout we do not know
    if not 0 < port.value - stream < 16384:
        return None
    jb, mutex = _read_pointer(port.value + offset), _read_pointer(port.value + offset - 8)
    if not jb or not mutex or jb % 8:
        return None
    name = _read_str(port.value)  # pjmedia_port.info.name: the jitter buffer is named after it
    frame_ms = _read_int(jb + layout.frame_ptime, "=I") or 0
    init_frames, min_frames = (_read_int(jb + layout.init_prefetch + k) for k in (0, 4))
    if (not name or _read_str(jb) != name or not 5 <= frame_ms <= 120
            or read_memory(jb + layout.delay_stat, 20) is None
            or init_frames != init_ms // frame_ms or min_frames != min_ms // frame_ms):  # as stream.c sets them
        log.info("stream %#x: no jitter buffer where pjsip %s keeps it; trimming off", stream, _pjsip_version())
        return None
    return JitterBuffer(jb, mutex, frame_ms, layout.delay_stat)


@dataclass
class LinkSample:
    """What one look at a call's receive side tells (pjsua2's stream statistics)."""

    jitter_ms: float  # RTCP's running interarrival-jitter estimate, latest value
    reordered: int  # packets so far
    empty: int  # frames the jitter buffer could not give (prefetching or underflow), so far
    held_ms: int  # what the buffer held when play-out last took from it after a packet: its level
    level: int  # the far end's audio playing now: pjmedia's level, its mean amplitude / 256
    late: int = 0  # frames that came after their turn to play (pjmedia's `discard`), so far


class TrimPolicy:
    """Decides, look by look, how many of the jitter buffer's next frames to drop (`quiet_frames` and
    `window` count looks: 200 and 500 ms at the 20 ms looks StreamTrimmer makes above target).

    The buffer's level is the least it held in the last `window` looks (500 ms): a sender that
    catches up after a hiccup briefly fills it above its real level, and a drop then would leave
    it short once the burst has played; after a drop the level is judged afresh."""

    def __init__(self, target_ms: int = 40, clean_jitter_ms: float = 3.0, clean_for_s: float = 1.5,
                 cool_down_s: float = 30.0, window: int = 25, quiet_frames: int = 10, quiet_level: int = 1,
                 frame_ms: int = 10, spare_ms: int = 40, jitter_window: int = 150,
                 jitter_cool_down_s: float = 5.0, most_per_pause: int = 4) -> None:
        self.target_ms, self.clean_jitter_ms, self.quiet_level = target_ms, clean_jitter_ms, quiet_level
        self.clean_for_s, self.cool_down_s = clean_for_s, cool_down_s
        self.dropped = self.backoffs = 0  # frames dropped; trims stopped by jitter or an underflow
        self.shed_from_ms: int | None = None  # the level when the first frame went
        # A jittery link: the buffer keeps what the link's delays need. Over `jitter_window` looks
        # (3 s) the least it held is how close the latest packet came to playing late; what is
        # above `spare_ms` (never under `target_ms`) of that is only delay, and goes in the next
        # pause (half of it at a time, at most `most_per_pause` frames). A late packet or an
        # underflow stops it for `jitter_cool_down_s` and starts the window afresh.
        self.frame_ms, self.spare_ms, self.most_per_pause = frame_ms, spare_ms, most_per_pause
        self.jitter_cool_down_s = jitter_cool_down_s
        self.jitter_dropped = 0  # of `dropped`, frames given up on a jittery link
        self._long: deque[int] = deque(maxlen=jitter_window)
        self._jitter_blocked_until = 0.0
        self._sizes: deque[int] = deque(maxlen=window)
        self._levels: deque[int] = deque(maxlen=quiet_frames)
        self._clean_since: float | None = None
        self._blocked_until = 0.0
        self._trimmed_since_trouble = False
        self._last: LinkSample | None = None

    @property
    def level_ms(self) -> int:
        return min(self._sizes, default=0)

    def _ready(self, now: float) -> bool:
        return (now >= self._blocked_until and self._clean_since is not None
                and now - self._clean_since >= self.clean_for_s and len(self._sizes) == self._sizes.maxlen)

    def step(self, now: float, s: LinkSample) -> int:
        """How many frames to drop now."""
        last, self._last = self._last, s
        self._sizes.append(s.held_ms)
        self._long.append(s.held_ms)
        self._levels.append(s.level)
        if last is not None and (s.empty > last.empty or s.late > last.late):
            self._jitter_blocked_until = now + self.jitter_cool_down_s
            self._long.clear()
        troubled = (s.jitter_ms > self.clean_jitter_ms
                    or (last is not None and (s.reordered > last.reordered or s.empty > last.empty)))
        if last is None or troubled:
            self._clean_since = None
            if troubled and self._trimmed_since_trouble:
                self.backoffs += 1
                self._blocked_until = now + self.cool_down_s
                self._trimmed_since_trouble = False
                self._jitter_blocked_until = now + self.jitter_cool_down_s  # the clean trim went too far
                self._long.clear()
            return self._jittery_step(now) if last is not None else 0
        if self._clean_since is None:
            self._clean_since = now
        if not self._ready(now) or self.level_ms <= self.target_ms or not self._quiet():
            return 0
        frames = self._half_of((self.level_ms - self.target_ms) // self.frame_ms)
        self._note_first_drop(self.level_ms)
        self.dropped += frames
        self._trimmed_since_trouble = True
        self._sizes.clear()  # judge the level afresh, a window from now
        return frames

    def _note_first_drop(self, level_ms: int) -> None:
        if self.shed_from_ms is None:
            self.shed_from_ms = level_ms

    def _half_of(self, excess: int) -> int:
        """Frames to drop in this pause: half of what is too much (at least one), at most
        `most_per_pause` (40 ms of a 200 ms pause at 10 ms frames)."""
        return min(max(1, excess // 2), self.most_per_pause)

    def _quiet(self) -> bool:
        """The far end has been quiet for `quiet_frames` looks: mean amplitude under 512 (-36 dBFS;
        speech runs at -30 to -20)."""
        return len(self._levels) == self._levels.maxlen and max(self._levels) <= self.quiet_level

    def _jittery_step(self, now: float) -> int:
        if not self.spare_ms or now < self._jitter_blocked_until or len(self._long) < self._long.maxlen or not self._quiet():
            return 0
        spare = (min(self._long) - max(self.spare_ms, self.target_ms)) // self.frame_ms
        if spare < 1:
            return 0
        frames = self._half_of(spare)
        self._note_first_drop(min(self._long))
        self.dropped += frames
        self.jitter_dropped += frames
        self._long.clear()  # judge afresh, a whole window from now
        self._sizes.clear()
        return frames


class StreamTrimmer:
    """One call's audio stream: looks at it every 20 ms (pjsua2's statistics and the far end's
    level), asks the policy, drops what it says."""

    MAX_MISMATCHES = 5  # looks whose statistics disagree with pjsua2's before we stop reading

    def __init__(self, index: int, jb: JitterBuffer, target_ms: int, spare_ms: int = 40) -> None:
        self.index, self.jb = index, jb
        self.policy = TrimPolicy(target_ms=max(target_ms, jb.frame_ms), frame_ms=jb.frame_ms, spare_ms=spare_ms)
        self.checked = False
        self._mismatches = 0
        self.next_look = 0.0

    def look(self, call, now: float) -> bool:
        """One look at `call` (a pjsua2 Call); False when this buffer must not be touched again.
        Looks come every 20 ms while the buffer is above its target (a pause is 10 quiet looks in
        a row), every 250 ms once it is there (watching for jitter, or drift filling it again)."""
        fast = not self.checked or self.policy.level_ms > self.policy.target_ms
        self.next_look = now + (0.02 if fast else 0.25)
        try:
            st = call.getStreamStat(self.index)
            level = call.getAudioMedia(self.index).getTxLevel()  # the far end's audio, as it plays
        except pj.Error:
            return True
        rx, state = st.rtcp.rxStat, st.jbuf
        delays = self.jb.delay_ms()
        if delays is None:
            return False  # the buffer's memory is gone: never touch it again
        delay_max, delay_min, held_ms, delay_mean = delays
        if not self.checked:
            if not state.maxDelayMsec:
                return True  # nothing played yet to compare
            # what we read must be what pjmedia reports (the clock thread may move it in between)
            if ((delay_max, delay_min) == (state.maxDelayMsec, state.minDelayMsec)
                    and abs(delay_mean - state.avgDelayMsec) <= 20):
                self.checked = True
            else:
                self._mismatches += 1
                if self._mismatches >= self.MAX_MISMATCHES:
                    log.warning("jitter buffer statistics disagree with pjsua2's (%s against %s/%s/%s); "
                                "trimming off", (delay_max, delay_min, delay_mean), state.maxDelayMsec,
                                state.minDelayMsec, state.avgDelayMsec)
                    return False
                return True
        sample = LinkSample(jitter_ms=rx.jitterUsec.last / 1000, reordered=rx.reorder, empty=state.empty,
                            held_ms=held_ms, level=level, late=state.discard)
        frames = self.policy.step(now, sample)
        if frames:
            self.jb.drop_next(frames)
            log.debug("jitter buffer gave up %d frame(s) in a pause at %d ms", frames, held_ms)
        return True

    def stats(self) -> dict:
        p = self.policy
        return {"available": True, "target_ms": p.target_ms, "level_ms": p.level_ms, "dropped_frames": p.dropped,
                "dropped_ms": p.dropped * self.jb.frame_ms, "jitter_dropped_ms": p.jitter_dropped * self.jb.frame_ms,
                "backoffs": p.backoffs, "shed_from_ms": p.shed_from_ms}

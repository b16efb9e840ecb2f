"""Shedding the jitter buffer's start-up reserve once a call's link proves clean.

Every call starts with an 80 ms jitter buffer: measured with benchmarks/call_quality.py, that is
what 20 +/- 10 ms of jitter needs to beat baresip, and a buffer that starts lower pays for the
first jitter with an audible re-fill gap. On a clean link (an office network, 127.0.0.1) the
same 80 ms are only delay. So each call is watched: once its RTP has arrived for a while with
under `clean_jitter_ms` of interarrival jitter (RFC 3550, as RTCP measures it), nothing
reordered and no underflow, pjmedia's progressive discard is switched on until the buffer is
down to `target_ms`, and off again there (so drift or a later jitter burst never drains it).
Jitter or an underflow afterwards stops the trimming for `cool_down_s`; the buffer then grows
back through pjmedia's own adaptation, whose floor stays at the configured minimum prefetch.

pjsua2 offers no way to touch a running stream's jitter buffer; pjmedia does
(`pjmedia_jbuf_set_discard`), and the stream holds the pointer. `find_jitter_buffer` reads it
from the stream pointer pjsua2 passes to `Call.onStreamCreated`, at the field offset of the
pjsip release in the wheel (struct pjmedia_stream in pjmedia/src/pjmedia/stream.c), and checks
what it finds there (the jitter buffer's name is the stream port's name, its prefetch is what we
configured) before anything is written; for an unknown release nothing is read and calls keep
their 80 ms.
"""

from __future__ import annotations

import ctypes
import logging
from collections import deque
from dataclasses import dataclass

import pjsua2 as pj

log = logging.getLogger(__name__)

# Offset of `pjmedia_jbuf *jb` from `pjmedia_port port` inside struct pjmedia_stream, per pjsip
# release and pointer size; `jb_mutex` is the field just before it.
_JB_OFFSET_FROM_PORT = {("2.15.1", 8): 1384}
PJMEDIA_JB_DISCARD_NONE, PJMEDIA_JB_DISCARD_PROGRESSIVE = 0, 2


def _library() -> ctypes.CDLL | None:
    try:
        lib = ctypes.CDLL(pj._pjsua2.__file__)  # noqa: SLF001 - the wheel's own pjmedia symbols
        lib.pjmedia_stream_get_port.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.pjmedia_jbuf_set_discard.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.pj_mutex_lock.argtypes = lib.pj_mutex_unlock.argtypes = [ctypes.c_void_p]
        return lib
    except (OSError, AttributeError) as exc:
        log.info("pjmedia's jitter buffer functions are not reachable: %s", exc)
        return None


_lib = _library()


def _pjsip_version() -> str:
    try:
        return pj.Endpoint.instance().libVersion().full.split("-")[0]
    except pj.Error:
        return ""


@dataclass
class JitterBuffer:
    """A running stream's pjmedia jitter buffer, checked and ready to be told what to discard."""

    jb: int
    mutex: int
    frame_ms: int

    def set_discarding(self, on: bool) -> None:
        algo = PJMEDIA_JB_DISCARD_PROGRESSIVE if on else PJMEDIA_JB_DISCARD_NONE
        _lib.pj_mutex_lock(self.mutex)  # the stream's own jitter-buffer lock (clock thread)
        try:
            _lib.pjmedia_jbuf_set_discard(self.jb, algo)
        finally:
            _lib.pj_mutex_unlock(self.mutex)


def _read_pointer(address: int) -> int:
    return ctypes.c_void_p.from_address(address).value or 0


def _read_str(address: int) -> bytes:
    """A pj_str_t (char *ptr; pj_ssize_t slen) at `address`."""
    ptr, length = _read_pointer(address), ctypes.c_ssize_t.from_address(address + 8).value
    return ctypes.string_at(ptr, length) if ptr and 0 < length < 256 else b""


def find_jitter_buffer(stream: int, init_ms: int, min_ms: int) -> JitterBuffer | None:
    """The jitter buffer of the pjmedia stream at `stream`, or None (unknown pjsip release, or
    what sits at the known offset is not the buffer this stream was created with)."""
    offset = _JB_OFFSET_FROM_PORT.get((_pjsip_version(), ctypes.sizeof(ctypes.c_void_p)))
    if _lib is None or offset is None or not stream:
        return None
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
    frame_ms = ctypes.c_uint.from_address(jb + 24).value
    init_frames, min_frames = (ctypes.c_int.from_address(jb + k).value for k in (40, 44))
    if (not name or _read_str(jb) != name or not 5 <= frame_ms <= 120
            or init_frames != init_ms // frame_ms or min_frames != min_ms // frame_ms):  # as stream.c sets them
        log.info("stream %#x: no jitter buffer where pjsip %s keeps it; trimming off", stream, _pjsip_version())
        return None
    return JitterBuffer(jb, mutex, frame_ms)


@dataclass
class LinkSample:
    """What one look at a call's receive side tells (pjsua2's stream statistics)."""

    jitter_ms: float  # RTCP's running interarrival-jitter estimate, latest value
    reordered: int  # packets so far
    empty: int  # frames the jitter buffer could not give (prefetching or underflow), so far
    size_ms: int  # audio in the buffer now


class TrimPolicy:
    """Decides, sample by sample, whether the jitter buffer should be discarding now.

    The buffer's fill swings by a packet between a put and a get, so its level is the highest
    fill of the last `window` samples (taken every 20 ms: one packet or more apart)."""

    def __init__(self, target_ms: int = 40, clean_jitter_ms: float = 3.0, clean_for_s: float = 1.5,
                 cool_down_s: float = 30.0, window: int = 10) -> None:
        self.target_ms, self.clean_jitter_ms = target_ms, clean_jitter_ms
        self.clean_for_s, self.cool_down_s = clean_for_s, cool_down_s
        self.discarding = False
        self.trims = self.backoffs = 0  # shedding started; stopped by jitter or an underflow
        self._sizes: deque[int] = deque(maxlen=window)
        self._clean_since: float | None = None
        self._blocked_until = 0.0
        self._last: LinkSample | None = None

    @property
    def level_ms(self) -> int:
        return max(self._sizes, default=0)

    def step(self, now: float, s: LinkSample) -> bool | None:
        """The new discarding state when it changes, else None."""
        last, self._last = self._last, s
        self._sizes.append(s.size_ms)
        troubled = (s.jitter_ms > self.clean_jitter_ms
                    or (last is not None and (s.reordered > last.reordered or s.empty > last.empty)))
        if last is None or troubled:
            self._clean_since = None
            if troubled and self.discarding:
                self.backoffs += 1
                self._blocked_until = now + self.cool_down_s
            return self._set(False)
        if self._clean_since is None:
            self._clean_since = now
        if now < self._blocked_until or now - self._clean_since < self.clean_for_s:
            return None
        return self._set(self.level_ms > self.target_ms)

    def _set(self, on: bool) -> bool | None:
        if on == self.discarding:
            return None
        self.discarding = on
        if on:
            self.trims += 1
            self._sizes.clear()  # judge the level afresh as frames go
        return on

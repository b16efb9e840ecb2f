"""The rings between PortAudio's clock and pjmedia's: priming, underruns, drift, producer pauses."""

import sys
import threading
import time
from collections import deque

from whitephone.sip import audio_bridge
from whitephone.sip.audio_bridge import FRAME_BYTES, SILENCE, FrameRing


def _frame(n: int) -> bytes:
    return bytes([n % 256]) * FRAME_BYTES


def test_plays_only_once_primed_then_in_order_and_re_primes_after_an_underrun():
    ring = FrameRing(target=2, cap=6)
    ring.put(_frame(1))
    assert ring.get() == SILENCE  # one frame is not enough to start
    ring.put(_frame(2))
    assert [ring.get(), ring.get()] == [_frame(1), _frame(2)]
    assert ring.get() == SILENCE and ring.underruns == 1
    ring.put(_frame(3))
    assert ring.get() == SILENCE  # re-priming: a short silence, not a stutter


def test_a_full_ring_drops_its_oldest_frame():
    ring = FrameRing(target=2, cap=3)
    for n in range(5):
        ring.put(_frame(n))
    assert ring.overflows == 2  # 2, 3, 4 left
    assert ring.get() == _frame(3) and ring.trimmed == 1  # play-out starts at the nominal fill of 2


def test_the_longest_producer_pause_is_kept_and_a_pause_on_purpose_is_not_counted(monkeypatch):
    clock = iter([10.0, 10.02, 10.09, 10.11, 50.0, 50.02])
    monkeypatch.setattr(audio_bridge.time, "monotonic", lambda: next(clock))
    ring = FrameRing()
    for _ in range(4):
        ring.put(SILENCE)
    assert round(ring.stats()["longest_gap_ms"]) == 70
    ring.reset_gaps()  # the call ended; the next frame comes with the next call
    ring.put(SILENCE)
    ring.put(SILENCE)
    assert round(ring.stats()["longest_gap_ms"]) == 20


def test_a_consumer_that_may_wait_gets_a_frame_that_comes_within_the_grace():
    import threading

    ring = FrameRing(target=1, cap=6, grace=5.0)
    ring.put(_frame(1))
    assert ring.get() == _frame(1)
    late = threading.Timer(0.05, ring.put, args=(_frame(2),))
    late.start()
    assert ring.get() == _frame(2)  # waited for it instead of an underrun
    late.join()
    assert ring.underruns == 0 and ring.late == 1
    ring.grace = 0.001
    assert ring.get() == SILENCE and ring.underruns == 1  # nothing came: an underrun after all


def _numbered(n: int) -> bytes:
    """A frame that says its sequence number (in its first four bytes) and is loud when n is
    even, quiet when odd, so the drift drop has a choice to make."""
    body = (b"\x00\x40" if n % 2 == 0 else b"\x01\x00") * (FRAME_BYTES // 2 - 2)
    return n.to_bytes(4, "little") + body


def _seq(frame: bytes) -> int:
    return int.from_bytes(frame[:4], "little")


class _ProducerInTheMiddle(deque):
    """A deque whose producer appends right inside any rotate(): the interleaving a concurrent
    put() can hit between the steps of a drop made of several deque operations."""

    def __init__(self, *args, next_seq) -> None:
        super().__init__(*args)
        self.next_seq = next_seq

    def rotate(self, n=1) -> None:
        super().rotate(n)
        self.append(_numbered(self.next_seq()))


def test_the_drift_drop_keeps_frames_in_order_when_the_producer_appends_meanwhile():
    counter = iter(range(1000, 2000))
    ring = FrameRing(target=1, cap=50)
    ring.frames = _ProducerInTheMiddle(next_seq=lambda: next(counter))
    seq, out = 0, []
    for _ in range(5 * 50):  # five drift windows, the producer always one frame ahead
        ring.put(_numbered(seq))
        ring.put(_numbered(seq + 1))
        seq += 2
        out.append(_seq(ring.get()))
    played = [n for n in out if n < 1000]
    assert played == sorted(played) and ring.trimmed >= 4


def test_the_drift_drop_against_a_real_producer_thread_keeps_order():
    ring = FrameRing(target=2, cap=10_000)
    stop = threading.Event()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible

    def produce() -> None:
        n = 0
        while not stop.is_set():
            ring.put(_numbered(n))
            n += 1
            if len(ring.frames) > 8:
                time.sleep(0)

    producer = threading.Thread(target=produce)
    producer.start()
    try:
        out = []
        while len(out) < 20_000:
            frame = ring.get()
            if frame != SILENCE:
                out.append(_seq(frame))
    finally:
        stop.set()
        producer.join()
        sys.setswitchinterval(old)
    assert ring.trimmed > 0
    assert all(b > a for a, b in zip(out, out[1:], strict=False))  # never a frame played out of order

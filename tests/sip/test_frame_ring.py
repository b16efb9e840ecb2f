"""The rings between PortAudio's clock and pjmedia's: priming, underruns, drift, producer pauses."""

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

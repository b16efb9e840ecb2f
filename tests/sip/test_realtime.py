"""Audio threads ask for real-time scheduling once, and say whether they got it."""

import os
import threading

import pytest

from whitephone.sip.realtime import RealtimeThreads

pytestmark = pytest.mark.skipif(not hasattr(os, "sched_getscheduler"), reason="Linux scheduling only")


def _in_thread(rt: RealtimeThreads, name: str) -> int:
    policy = []

    def body() -> None:
        rt.enter(name)
        rt.enter(name)  # the second call on the same thread changes nothing
        policy.append(os.sched_getscheduler(0))

    t = threading.Thread(target=body)
    t.start()
    t.join()
    return policy[0]


def test_a_thread_reports_the_scheduling_it_really_got():
    rt = RealtimeThreads()
    policy = _in_thread(rt, "speaker")
    assert rt.granted == {"speaker": policy == os.SCHED_RR}
    if os.geteuid() == 0:  # root may always
        assert policy == os.SCHED_RR


def test_turned_off_it_never_touches_the_thread():
    rt = RealtimeThreads(enabled=False)
    assert _in_thread(rt, "microphone") == os.SCHED_OTHER
    assert rt.granted == {"microphone": False}


def test_other_libraries_audio_threads_are_found_by_name_and_raised():
    import ctypes

    named, done = threading.Event(), threading.Event()
    policy = []

    def body() -> None:  # a thread named as libpulse names its main loops
        ctypes.CDLL(None).prctl(15, b"wp-test-ml", 0, 0, 0)  # PR_SET_NAME
        named.set()
        done.wait(10)
        policy.append(os.sched_getscheduler(0))

    t = threading.Thread(target=body)
    t.start()
    named.wait(10)
    rt = RealtimeThreads()
    rt.promote("wp-test-ml", "pulse client")
    rt.promote("no-such-thread", "missing")
    done.set()
    t.join()
    assert rt.granted["pulse client"] == (policy[0] == os.SCHED_RR)
    assert rt.granted["missing"] is False
    if os.geteuid() == 0:
        assert policy[0] == os.SCHED_RR

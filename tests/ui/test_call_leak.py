"""Memory leak check (issue 18): calls placed and ended by the window's own controller, a real
agent answering on loopback, must not grow the window's or the engine's resident memory by more
than 5 % after a warm-up.

In the suite: 100 calls after a 50-call warm-up (about a minute). The issue's 500 calls (after a
200-call warm-up, several minutes) are `benchmarks/window_call_leak.py`, which runs this test with
WHITEPHONE_LEAK_CALLS=500 WHITEPHONE_LEAK_WARM_UP=200 and prints its figures.
"""

from __future__ import annotations

import gc
import os

import pytest

from tests.sip.agents import AgentProcess
from whitephone.core.calls import CallLogFilter

pytestmark = [pytest.mark.sip, pytest.mark.slow, pytest.mark.xdist_group("sip")]

WARM_UP = int(os.environ.get("WHITEPHONE_LEAK_WARM_UP", "50"))  # pjsua's pools and Qt's caches fill first
CALLS = int(os.environ.get("WHITEPHONE_LEAK_CALLS", "100"))
GAP_MS = 20  # between calls: placed back to back (~50 a second) an engine once aborted after ~270
# The answering agent is replaced every PEER_CALLS calls: an agent that ANSWERS calls grows ~75 KiB
# a call and refuses the ~270th with 488 "Unable to create media session" (found here, left for the
# engine's owners; see the report of issue 18). This test measures the calling side: the window
# and its engine.
PEER_CALLS = 200


def rss_kib(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:"))


def one_call(qtbot, phone, peer, n: int) -> None:
    ctl = phone.calls
    phone.dial.setText(peer.uri)
    phone.call_from_dial_bar()
    try:
        qtbot.waitUntil(lambda: bool(ctl.windows), timeout=20000)
    except Exception:
        raise AssertionError(f"call {n}: no call window; pending {ctl.pending}, ready {ctl.ready is not None}, "
                             f"status {phone.statusBar().currentMessage()!r}, peer events {peer.events[-5:]}") from None
    window = next(iter(ctl.windows.values()))
    qtbot.waitUntil(lambda: window.answered_at is not None, timeout=20000)
    window.hangup_btn.click()
    qtbot.waitUntil(lambda: not ctl.windows and not ctl.entries, timeout=20000)
    peer.reset()  # the test's own record of the agent's events stays small


def test_calls_do_not_grow_memory(qtbot, phone, app):
    engine_pid = phone.calls.bridge.client.proc.pid
    peer = None
    trend: list[tuple[int, int, float]] = []  # (call, window MiB, engine MiB): printed, and in failures

    def calls(first: int, count: int) -> None:
        nonlocal peer
        for n in range(first, first + count):
            if n % PEER_CALLS == 0:  # a fresh answering agent now and then: see PEER_CALLS
                if peer is not None:
                    peer.__exit__()
                peer = AgentProcess("--answer", "--no-audio", "--listen", "127.0.0.1:0")
            one_call(qtbot, phone, peer, n)
            qtbot.wait(GAP_MS)
            if n % 50 == 0:
                trend.append((n, rss_kib() // 1024, round(rss_kib(engine_pid) / 1024, 1)))

    try:
        calls(0, WARM_UP)
        qtbot.wait(200)
        gc.collect()
        window_before, engine_before = rss_kib(), rss_kib(engine_pid)
        calls(WARM_UP, CALLS)
        qtbot.wait(200)
        gc.collect()
        window_after, engine_after = rss_kib(), rss_kib(engine_pid)
    finally:
        if peer is not None:
            peer.__exit__()
    assert phone.calls.bridge.client.proc.pid == engine_pid  # the same engine all along
    assert len(app.store.calls.list(CallLogFilter(limit=WARM_UP + CALLS + 10))) >= WARM_UP + CALLS  # all logged
    print(f"window RSS {window_before / 1024:.1f} -> {window_after / 1024:.1f} MiB, "
          f"engine {engine_before / 1024:.1f} -> {engine_after / 1024:.1f} MiB over {CALLS} calls; trend {trend}")
    assert window_after <= window_before * 1.05, (window_before, window_after)
    assert engine_after <= engine_before * 1.05, (engine_before, engine_after, trend)

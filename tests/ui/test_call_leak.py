"""Memory leak check (issue 18): 500 calls placed and ended by the window's own controller, a real
agent answering on loopback, must not grow the window's or the engine's resident memory by more
than 5 % after a warm-up.

Slow (several minutes on a loaded 2-core machine): marked `slow`. Run it with
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider -m slow tests/ui/test_call_leak.py
WHITEPHONE_LEAK_CALLS=N changes the number of measured calls (default 500).
"""

from __future__ import annotations

import gc
import os

import pytest

from tests.sip.agents import AgentProcess
from whitephone.core.calls import CallLogFilter

pytestmark = [pytest.mark.sip, pytest.mark.slow, pytest.mark.xdist_group("sip")]

WARM_UP = 50
CALLS = int(os.environ.get("WHITEPHONE_LEAK_CALLS", "500"))


def rss_kib(pid: int | str = "self") -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:"))


def one_call(qtbot, phone, peer) -> None:
    ctl = phone.calls
    phone.dial.setText(peer.uri)
    phone.call_from_dial_bar()
    qtbot.waitUntil(lambda: bool(ctl.windows), timeout=20000)
    window = next(iter(ctl.windows.values()))
    qtbot.waitUntil(lambda: window.answered_at is not None, timeout=20000)
    window.hangup_btn.click()
    qtbot.waitUntil(lambda: not ctl.windows and not ctl.entries, timeout=20000)
    peer.reset()  # the test's own record of the agent's events stays small


def test_500_calls_do_not_grow_memory(qtbot, phone, app):
    engine_pid = phone.calls.bridge.client.proc.pid
    with AgentProcess("--answer", "--no-audio", "--listen", "127.0.0.1:0") as peer:
        for _ in range(WARM_UP):
            one_call(qtbot, phone, peer)
        qtbot.wait(200)
        gc.collect()
        window_before, engine_before = rss_kib(), rss_kib(engine_pid)
        for _ in range(CALLS):
            one_call(qtbot, phone, peer)
        qtbot.wait(200)
        gc.collect()
        window_after, engine_after = rss_kib(), rss_kib(engine_pid)
    assert phone.calls.bridge.client.proc.pid == engine_pid  # the same engine all along
    assert len(app.store.calls.list(CallLogFilter(limit=WARM_UP + CALLS + 10))) >= WARM_UP + CALLS  # every call was logged
    print(f"window RSS {window_before / 1024:.1f} -> {window_after / 1024:.1f} MiB, "
          f"engine {engine_before / 1024:.1f} -> {engine_after / 1024:.1f} MiB over {CALLS} calls")
    assert window_after <= window_before * 1.05, (window_before, window_after)
    assert engine_after <= engine_before * 1.05, (engine_before, engine_after)

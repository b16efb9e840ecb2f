"""The window's side of engine supervision: the hold button shows what the engine did, and a
call cut off by an engine crash leaves no stale state behind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.sip.agents import AgentProcess
from tests.ui.conftest import call_window
from whitephone.core.dial import parse_dial_target

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _call(qtbot, phone, uri: str):
    phone.callRequested.emit(parse_dial_target(uri, "GB"), None)
    return call_window(qtbot, phone)


def test_the_hold_button_changes_only_when_the_engine_held_the_call(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as far:  # rings, never answers: nothing to hold yet
        window = _call(qtbot, phone, far.uri)
        far.wait_for("incoming")
        qtbot.mouseClick(window.hold_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.hold_btn.isEnabled(), timeout=10000)
        assert window.hold_btn.text() == "Hold" and not window.held  # refused: it says so
        assert "Could not hold" in window.state.text()
        far.send(cmd="answer", call=far.wait_for("incoming")["call"])
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=10000)
        qtbot.waitUntil(lambda: "kHz" in window.codec.text(), timeout=10000)
        qtbot.mouseClick(window.hold_btn, Qt.MouseButton.LeftButton)
        assert not window.hold_btn.isEnabled() and not window.held  # asked, not yet confirmed
        far.wait_for("media", status="held", by="remote")
        qtbot.waitUntil(lambda: window.held and window.hold_btn.text() == "Resume", timeout=10000)
        assert window.hold_btn.isEnabled()
        qtbot.mouseClick(window.hold_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.held and window.hold_btn.text() == "Hold", timeout=10000)
        qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
        far.wait_for("ended")


def test_a_call_cut_off_by_an_engine_crash_is_logged_as_failed_and_its_window_closed(qtbot, phone, app):
    ctl = phone.calls
    with AgentProcess("--no-audio", "--answer", "--echo") as far:
        window = _call(qtbot, phone, far.uri)
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=10000)
        first = ctl.bridge.client.proc
        first.kill()  # a crash in pjsip
        qtbot.waitUntil(lambda: ctl.engine_died_message is not None, timeout=10000)
        assert "cut off" in ctl.engine_died_message.text() and not window.isVisible()
        assert not ctl.entries and not ctl.windows and not ctl.dialling and not ctl.requests
        (row,) = app.store.calls.list()
        assert row.ended_at is not None and row.result == "failed" and row.reason == "the call engine stopped"
        qtbot.waitUntil(lambda: ctl.ready is not None, timeout=15000)  # restarted, and it calls again
        ctl.engine_died_message.close()
        window = _call(qtbot, phone, far.uri)
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=10000)
        qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not ctl.entries, timeout=10000)
    assert [r.result for r in app.store.calls.list()] == ["answered", "failed"]

"""Tray icon and incoming-call notification; offscreen there is no tray and nothing breaks."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from whitephone.ui import tray as tray_module
from whitephone.ui.calls import CallController
from whitephone.ui.tray import Tray, app_icon, create_tray


@pytest.fixture
def controller(window, app):
    """A call controller whose engine is never started: events are fed in by the test."""
    ctl = CallController(app, window, ["--listen", "127.0.0.1:0"])
    window.calls = ctl
    yield ctl
    window.calls = None
    for w in list(ctl.windows.values()) + list(ctl.incoming.values()):
        w.close()


def ring(ctl, call_id: int = 7) -> None:
    ctl.on_event({"event": "incoming", "call": call_id, "account": "default",
                  "remote_uri": "<sip:+442079460018@carrier.example>", "remote_contact": "", "local_uri": ""})


def test_offscreen_has_no_tray_and_calls_still_ring(qtbot, window, controller):
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    assert create_tray(window) is None and window.tray is None
    window._show_missed(2)  # no tray to update: nothing breaks
    ring(controller)
    ringing = controller.incoming[7]
    assert ringing.isVisible()


def test_tray_menu_tooltip_and_window_toggle(qtbot, window):
    t = Tray(window)  # built directly: the platform has no tray to show it in
    assert not app_icon().isNull()
    assert t.icon.toolTip() == "WhitePhone"
    window.tray = t
    window._show_missed(3)
    assert "3 missed call" in t.icon.toolTip()
    window._show_missed(0)
    assert t.icon.toolTip() == "WhitePhone"
    window.messages._show_unread(4)  # unread messages join the missed calls in the tooltip
    window._show_missed(1)
    assert t.icon.toolTip() == "WhitePhone — 1 missed call(s) — 4 unread message(s)"
    window.messages._show_unread(0)
    window._show_missed(0)
    assert t.icon.toolTip() == "WhitePhone"
    t._update_menu()
    assert t.toggle_action.text() == "Hide WhitePhone"
    t.toggle_action.trigger()
    assert not window.isVisible()
    t._update_menu()
    assert t.toggle_action.text() == "Show WhitePhone"
    t._activated(QSystemTrayIcon.ActivationReason.Trigger)  # a click on the icon
    assert window.isVisible()


def test_notification_click_brings_up_the_ringing_window(qtbot, window, controller, monkeypatch):
    t = Tray(window)
    shown = []
    monkeypatch.setattr(t.icon, "showMessage", lambda *a: shown.append(a[:2]))
    window.tray = t
    ring(controller, 3)
    assert shown and shown[0][0] == "Incoming call" and "020 7946 0018" in shown[0][1]
    ringing = controller.incoming[3]
    ringing.hide()
    t.icon.messageClicked.emit()
    assert ringing.isVisible()
    # the call stopped ringing before the click: the main window comes up instead
    ring(controller, 4)
    controller.incoming.pop(4).close()
    window.hide()
    t.icon.messageClicked.emit()
    assert window.isVisible()


def test_quit_from_the_tray_closes_the_window_and_the_app(qtbot, window, monkeypatch):
    t = Tray(window)
    quits = []

    class FakeApp:
        @staticmethod
        def instance():
            return FakeApp

        @staticmethod
        def quit():
            quits.append(True)

    monkeypatch.setattr(tray_module, "QApplication", FakeApp)
    closed = []
    window.closed.connect(lambda: closed.append(True))
    t.quit_action.trigger()
    assert closed and quits and not window.isVisible()

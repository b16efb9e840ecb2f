"""Break-it review of desktop notifications (whitephone/notifications.py, ui/notifications.py)
on a private dbus-daemon with the spec server of tests/desktop/session_bus.py."""

from __future__ import annotations

import threading
import time

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.io.blocking import open_dbus_connection

from tests.desktop.session_bus import NotificationServer, notification_server, session_bus  # noqa: F401
from tests.ui.test_notification_actions import desktop_phone  # noqa: F401
from whitephone.notifications import PATH, SERVICE, FreedesktopNotifications


class Recorder:
    def __init__(self) -> None:
        self.shown, self.actions, self.closed, self.ready = [], [], [], []
        self.cond = threading.Condition()

    def _add(self, where, item) -> None:
        with self.cond:
            where.append(item)
            self.cond.notify_all()

    def wait(self, pred, timeout=5.0) -> bool:
        with self.cond:
            return self.cond.wait_for(pred, timeout)

    def client(self, bus: str) -> FreedesktopNotifications:
        return FreedesktopNotifications(lambda t, i: self._add(self.shown, (t, i)),
                                        lambda i, k: self._add(self.actions, (i, k)),
                                        lambda i, r: self._add(self.closed, (i, r)), bus,
                                        on_ready=lambda ok: self._add(self.ready, ok))


def test_action_invoked_from_another_sender_is_not_trusted(session_bus, notification_server):  # noqa: F811
    """Any program on the session bus can emit an ActionInvoked signal on the Notifications path
    and interface. Only the server that owns org.freedesktop.Notifications may be believed:
    a spoofed 'answer' for the incoming call's notification id answers the call."""
    rec = Recorder()
    client = rec.client(session_bus.address)
    client.start()
    try:
        assert rec.wait(lambda: rec.ready) and rec.ready == [True]
        client.notify("Incoming call", "+44 20 7946 0018", [("default", "Open"), ("answer", "Answer")], timeout_ms=0)
        assert rec.wait(lambda: rec.shown)
        (_token, nid), = rec.shown
        spoofer = open_dbus_connection(session_bus.address)  # another program of the session
        try:
            spoofer.send(new_signal(DBusAddress(PATH, interface=SERVICE), "ActionInvoked", "us", (nid, "answer")))
            spoofer.send(new_signal(DBusAddress(PATH, interface=SERVICE), "NotificationClosed", "uu", (nid, 2)))
            time.sleep(1.0)
        finally:
            spoofer.close()
        assert rec.actions == [] and rec.closed == [], (rec.actions, rec.closed)
    finally:
        client.stop()


def test_a_lost_session_bus_hands_over_to_the_tray(qtbot, app, session_bus):  # noqa: F811
    """The session bus goes away (dbus-daemon restarted or killed): the client's thread ends,
    but `ready` stays True and `notify` keeps returning tokens that are never sent, so the
    caller never uses the tray's balloon. An incoming call's notification (CallController skips
    the tray when notify returned a token) is silently lost."""
    from whitephone.ui.main_window import MainWindow

    server = NotificationServer(session_bus.address)
    try:
        w = MainWindow(app)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.notifier.ready, timeout=10000)
        session_bus.proc.kill()
        session_bus.proc.wait(10)
        qtbot.wait(1000)  # the client's thread sees the socket close
        assert not w.notifier.client._thread.is_alive()  # the client has given up ...
        token = w.notifier.notify("Incoming call", "+44 20 7946 0018")
        qtbot.wait(500)
        # ... so the notification must go to the tray: notify returns 0, or the token falls back
        assert token == 0 or token not in w.notifier.fallbacks, "the notification went nowhere"
        w.shutdown()
    finally:
        server._stop.set()
        server.thread.join(2)


def test_a_spoofed_answer_answers_a_real_ringing_call(qtbot, desktop_phone, notification_server, session_bus):  # noqa: F811
    """End to end: a real call rings, its notification is up; another program on the session bus
    (not the notification server) emits ActionInvoked(id, "answer") and the call is answered."""
    from tests.sip.agents import AgentProcess
    from tests.ui.test_notification_actions import ring_from

    ctl = desktop_phone.calls
    with AgentProcess("--account", "sip:+442079460018@127.0.0.1", ipc=True) as peer:
        ring_from(peer, ctl, qtbot)
        call_id = next(iter(ctl.incoming))
        (nid, _n), = notification_server.wait_shown(1).items()
        spoofer = open_dbus_connection(session_bus.address)
        try:
            spoofer.send(new_signal(DBusAddress(PATH, interface=SERVICE), "ActionInvoked", "us", (nid, "answer")))
            qtbot.wait(1500)
        finally:
            spoofer.close()
        assert call_id in ctl.incoming, "a spoofed D-Bus signal answered the call"

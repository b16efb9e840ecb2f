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


class RefusesOnce(NotificationServer):
    """A server that refuses one Notify (as servers do when rate-limiting an app, or for a body
    they will not show), then shows the next ones."""

    def __init__(self, bus: str) -> None:
        self.refused = 0
        super().__init__(bus)

    def _run(self) -> None:
        from jeepney import HeaderFields, MessageType, new_error

        real_receive = self.conn.receive

        def receive(timeout=None):
            msg = real_receive(timeout=timeout)
            if (msg.header.message_type == MessageType.method_call and self.refused == 0
                    and msg.header.fields.get(HeaderFields.member) == "Notify"):
                self.refused += 1
                self.conn.send(new_error(msg, "org.freedesktop.Notifications.Error.ExcessNotificationGenerated"))
                raise TimeoutError
            return msg

        self.conn.receive = receive
        super()._run()


def test_one_refused_notification_does_not_end_notifications_for_good(qtbot, app, session_bus):  # noqa: F811
    """The server refuses one notification. From then on `ready` is False for the rest of the
    session: every later incoming call loses its Answer/Decline notification (and where there
    is no tray, GNOME, reminders and messages lose theirs), although the server is fine."""
    from whitephone.ui.main_window import MainWindow

    server = RefusesOnce(session_bus.address)
    try:
        w = MainWindow(app)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.notifier.ready, timeout=10000)
        w.notifier.notify("Reminder", "Call Jan")
        qtbot.waitUntil(lambda: server.refused == 1, timeout=5000)
        qtbot.wait(500)
        assert w.notifier.notify("Incoming call", "+44 20 7946 0018") != 0, "the server is never used again"
        server.wait_shown(1)
        w.shutdown()
    finally:
        server.stop()


def test_a_hung_server_does_not_block_the_window(qtbot, app, session_bus):  # noqa: F811
    """(An attack that held.) A notification server that owns the name but never answers: the
    window is built and notifications fall back at once; nothing waits on the UI thread."""
    from whitephone.ui.main_window import MainWindow

    hung = open_dbus_connection(session_bus.address)
    try:
        assert hung.bus_proxy.RequestName(SERVICE, 4)[0] == 1
        t0 = time.monotonic()
        w = MainWindow(app)
        qtbot.addWidget(w)
        built = time.monotonic() - t0
        assert w.notifier.notify("x", "y") == 0  # not ready: the caller uses the tray
        t0 = time.monotonic()
        qtbot.wait(100)
        assert time.monotonic() - t0 < 0.5  # the event loop runs meanwhile
        qtbot.waitUntil(lambda: not w.notifier.client._thread.is_alive(), timeout=10000)
        assert not w.notifier.ready and built < 5
        w.shutdown()
    finally:
        hung.close()

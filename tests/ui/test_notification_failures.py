"""Desktop notifications that go wrong (whitephone/notifications.py, ui/notifications.py), from the
break-it review: spoofed signals, a lost bus, a refusing or hung server, a replaced server, a
recycled call id; on a private dbus-daemon with the spec server of tests/desktop/session_bus.py."""

from __future__ import annotations

import threading
import time

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
    and interface. Only the server that owns org.freedesktop.Notifications is believed."""
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
    `ready` goes False and `notify` returns 0, so the caller uses the tray's balloon."""
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
    (not the notification server) emits ActionInvoked(id, "answer"): the call still rings."""
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
    """The server refuses one notification: that one goes to the tray, the next ones to the
    server again (only refusals in a row turn it off)."""
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
    """A notification server that owns the name but never answers: the window is built and
    notifications fall back at once; nothing waits on the UI thread."""
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


def test_a_replaced_server_is_believed_and_the_old_one_not(session_bus):  # noqa: F811
    """The notification server is restarted (another process takes the name): its signals are
    believed once it said what it can do; `ready` goes False in between."""
    rec = Recorder()
    first = NotificationServer(session_bus.address)
    client = rec.client(session_bus.address)
    client.start()
    try:
        assert rec.wait(lambda: rec.ready == [True])
        first.stop()  # leaves the bus: its name goes
        assert rec.wait(lambda: rec.ready[-1:] == [False])
        second = NotificationServer(session_bus.address)
        try:
            assert rec.wait(lambda: rec.ready[-1:] == [True])
            client.notify("Reminder", "Call Jan", [("default", "Open")])
            assert rec.wait(lambda: rec.shown)
            (_token, nid), = rec.shown
            second.click(nid, "default")
            assert rec.wait(lambda: rec.actions == [(nid, "default")])
        finally:
            second.stop()
    finally:
        client.stop()


class Silent(NotificationServer):
    """Answers GetCapabilities but never Notify (a server stuck on drawing)."""

    def __init__(self, bus: str) -> None:
        self.notifies = []
        super().__init__(bus)

    def _run(self) -> None:
        from jeepney import HeaderFields, MessageType

        real_receive = self.conn.receive

        def receive(timeout=None):
            msg = real_receive(timeout=timeout)
            if (msg.header.message_type == MessageType.method_call
                    and msg.header.fields.get(HeaderFields.member) == "Notify"):
                self.notifies.append(msg)
                raise TimeoutError
            return msg

        self.conn.receive = receive
        super()._run()


def test_a_notify_without_an_answer_goes_to_the_tray(session_bus):  # noqa: F811
    """Notify has a reply time-out: past it the notification is handed back (token, 0) for the
    tray, and the client keeps working."""
    rec = Recorder()
    server = Silent(session_bus.address)
    client = rec.client(session_bus.address)
    client.start()
    try:
        assert rec.wait(lambda: rec.ready == [True])
        token = client.notify("Incoming call", "+44 20 7946 0018", [("answer", "Answer")])
        assert rec.wait(lambda: rec.shown, timeout=10)
        assert rec.shown == [(token, 0)] and server.notifies
        assert client._thread.is_alive()
    finally:
        client.stop()
        server.stop()


def test_a_recycled_call_id_is_not_answered_by_the_old_notification(qtbot, desktop_phone, notification_server):  # noqa: F811
    """The engine gives a call id again to a later call. The first call's notification (its
    Answer clicked late) must not answer the second call that now has the same id."""
    from tests.sip.agents import AgentProcess
    from tests.ui.test_notification_actions import ring_from

    ctl = desktop_phone.calls
    notifier = desktop_phone.notifier
    with AgentProcess("--account", "sip:+442079460018@127.0.0.1", ipc=True) as peer:
        ring_from(peer, ctl, qtbot)
        call_id = next(iter(ctl.incoming))
        first = ctl.incoming[call_id]
        (token, (cid, ringing)), = notifier.calls.items()
        assert (cid, ringing) == (call_id, first)
        answer = notifier.entries[token]["answer"]
        ctl.incoming[call_id] = object()  # another call rings with the same id
        try:
            answer()  # the old notification's Answer
            assert ctl.incoming.get(call_id) is not first  # not accepted: accept() would pop it
            assert call_id in ctl.incoming
        finally:
            ctl.incoming[call_id] = first

"""The freedesktop notifications client (whitephone/notifications.py) on a private session bus
with a notification server (tests/desktop/session_bus.py)."""

from __future__ import annotations

import threading

from whitephone.notifications import FreedesktopNotifications

from .session_bus import notification_server, session_bus  # noqa: F401 - fixtures


class Recorder:
    def __init__(self) -> None:
        self.items: list = []
        self.cond = threading.Condition()

    def __call__(self, *args) -> None:
        with self.cond:
            self.items.append(args)
            self.cond.notify_all()

    def wait(self, n: int, timeout: float = 10) -> list:
        with self.cond:
            assert self.cond.wait_for(lambda: len(self.items) >= n, timeout), self.items
            return list(self.items)


def test_client_notify_action_and_close(notification_server, session_bus):  # noqa: F811
    shown, actions, closed = Recorder(), Recorder(), Recorder()
    client = FreedesktopNotifications(shown, actions, closed, session_bus.address)
    assert client.open() and client.has_actions and client.server == "test-server WhitePhone tests 1"
    try:
        token = client.notify("Incoming call", "Mary\n+44 20 7946 0018", [("answer", "Answer"), ("decline", "Decline")],
                              timeout_ms=0, urgency=2)
        (tok, nid), = shown.wait(1)
        assert tok == token
        n = notification_server.shown[nid]
        assert n["app"] == "WhitePhone" and n["summary"] == "Incoming call" and n["timeout"] == 0
        assert n["actions"] == {"answer": "Answer", "decline": "Decline"}
        assert n["hints"]["urgency"] == ("y", 2)
        notification_server.click(nid, "decline")
        assert actions.wait(1) == [(nid, "decline")]
        assert closed.wait(1) == [(nid, 2)]
        client.notify("Reminder", "Call Mary")
        nid2 = shown.wait(2)[1][1]
        client.close(nid2)
        assert closed.wait(2)[1] == (nid2, 3)
    finally:
        client.stop()


def test_no_server_or_no_bus(session_bus, monkeypatch):  # noqa: F811
    client = FreedesktopNotifications(print, print, print, session_bus.address)
    assert not client.open(timeout=2)  # a bus, nobody owns the name
    assert client.notify("x", "y") == 0
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    assert not FreedesktopNotifications(print, print, print).open()

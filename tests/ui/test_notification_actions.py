"""Desktop notifications with Answer and Decline (ui/notifications.py) on a private session bus
with a notification server (tests/desktop/session_bus.py); the incoming calls are real ones from
a `whitephone agent` to the window's real engine."""

from __future__ import annotations

import pytest

from tests.desktop.session_bus import NotificationServer, notification_server, session_bus  # noqa: F401
from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def ring_from(peer: AgentProcess, ctl, qtbot) -> int:
    peer.reset()
    peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
    theirs = peer.wait_for("calling")["call"]
    qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
    return theirs


@pytest.fixture
def desktop_phone(qtbot, app, notification_server):  # noqa: F811
    """The window, its real engine, on the session bus with the notification server."""
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.notifier.ready, timeout=10000)
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    yield w
    w.calls.windows.clear()
    w.shutdown()


def test_answer_and_decline_from_the_notification(qtbot, desktop_phone, notification_server):  # noqa: F811
    ctl = desktop_phone.calls
    server = notification_server
    with AgentProcess("--account", "sip:+442079460018@127.0.0.1", ipc=True) as peer:
        theirs = ring_from(peer, ctl, qtbot)
        call_id = next(iter(ctl.incoming))
        (nid, n), = server.wait_shown(1).items()
        assert n["summary"] == "Incoming call" and "+44" in n["body"]
        assert n["actions"] == {"default": "Open", "answer": "Answer", "decline": "Decline"}
        server.click(nid, "answer")
        qtbot.waitUntil(lambda: call_id not in ctl.incoming, timeout=5000)
        peer.wait_for("state", state="confirmed")
        qtbot.waitUntil(lambda: ctl.windows[call_id].answered_at is not None, timeout=5000)
        peer.send(cmd="hangup", call=theirs)
        peer.wait_for("ended")
        qtbot.waitUntil(lambda: not ctl.windows, timeout=5000)

        ring_from(peer, ctl, qtbot)
        call_id = next(iter(ctl.incoming))
        shown = server.wait_shown(2)
        nid2 = max(shown)
        server.click(nid2, "decline")
        qtbot.waitUntil(lambda: call_id not in ctl.incoming, timeout=5000)
        assert peer.wait_for("ended")["code"] == 603  # declined

        ring_from(peer, ctl, qtbot)  # the caller gives up: the notification is withdrawn
        call_id = next(iter(ctl.incoming))
        nid3 = max(server.wait_shown(3))
        peer.send(cmd="hangup", call=peer.wait_for("calling")["call"])
        peer.wait_for("ended")
        qtbot.waitUntil(lambda: nid3 in server.closed, timeout=10000)
        server.click(nid3, "answer")  # too late (a server that raced): nothing happens
        qtbot.wait(300)
        assert not ctl.incoming and call_id not in ctl.windows


def test_messages_notification_click_opens_its_place(qtbot, desktop_phone, notification_server):  # noqa: F811
    from whitephone.ui.tray import Tray

    opened = []
    tray = Tray(desktop_phone)  # the tray's notify goes to the notification server when it has actions
    tray.notify("New message", "Mary: call me back", lambda: opened.append("message 7"))
    (nid, n), = notification_server.wait_shown(1).items()
    assert n["summary"] == "New message"
    notification_server.click(nid, "default")
    qtbot.waitUntil(lambda: opened == ["message 7"], timeout=5000)


def test_a_server_without_actions_falls_back_to_the_tray(qtbot, app, session_bus):  # noqa: F811
    from whitephone.ui.main_window import MainWindow

    server = NotificationServer(session_bus.address, capabilities=("body",))
    try:
        w = MainWindow(app)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.notifier.client.capabilities == ["body"], timeout=10000)
        assert not w.notifier.ready
        assert w.notifier.notify("x", "y") == 0  # the caller uses the tray's balloon
        w.shutdown()
    finally:
        server.stop()


def test_a_server_that_went_away_hands_over_to_the_tray(qtbot, desktop_phone, notification_server, monkeypatch):  # noqa: F811
    from whitephone.ui.tray import Tray

    balloons = []
    monkeypatch.setattr(Tray, "balloon", lambda self, *a: balloons.append(a[:2]))
    had = desktop_phone.tray
    desktop_phone.tray = tray = Tray(desktop_phone)
    notification_server.stop()  # the desktop's notification server quit
    tray.notify("New message", "Mary: call me back")
    qtbot.waitUntil(lambda: balloons == [("New message", "Mary: call me back")], timeout=5000)
    assert not desktop_phone.notifier.ready
    tray.notify("Reminder", "Call Jan")  # straight to the tray now
    assert balloons[-1] == ("Reminder", "Call Jan")
    desktop_phone.tray = had


def test_without_a_tray_reminders_and_records_notify_through_the_server(qtbot, desktop_phone, notification_server):  # noqa: F811
    assert desktop_phone.tray is None  # offscreen: no tray, like GNOME without the extension
    opened = []
    desktop_phone.reminders.notify("Phone meeting: Budget", "Today 14:00", lambda: opened.append("diary"))
    desktop_phone.crm._notify("Follow up: Acme", "Call back", lambda: opened.append("record"))
    shown = notification_server.wait_shown(2)
    by_summary = {n["summary"]: nid for nid, n in shown.items()}
    assert set(by_summary) == {"Phone meeting: Budget", "Follow up: Acme"}
    notification_server.click(by_summary["Follow up: Acme"], "default")
    notification_server.click(by_summary["Phone meeting: Budget"], "default")
    qtbot.waitUntil(lambda: sorted(opened) == ["diary", "record"], timeout=5000)
    assert not desktop_phone.reminders.questions  # no fallback window

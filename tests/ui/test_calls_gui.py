"""The call windows driven like a user would, against a real `whitephone agent` peer."""

from __future__ import annotations

import pytest

from tests.sip.agents import AgentProcess
from tests.ui.conftest import call_window
from whitephone.core.contact import ContactData, Phone, Website
from whitephone.ui.main_window import MainWindow

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.fixture
def phone(qtbot, app):
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    assert w.calls_available
    yield w
    w.shutdown()


def test_incoming_accept_hold_hangup_is_logged(qtbot, phone, app):
    app.contacts.add(ContactData(given_name="Peer", family_name="Agent",
                                 websites=[Website("sip:agent@127.0.0.1")]))
    ctl = phone.calls
    with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", ipc=True) as peer:
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
        (call_id, ringing), = ctl.incoming.items()
        assert "agent@127.0.0.1" in ringing.windowTitle() or ringing.windowTitle()
        qtbot.mouseClick(ringing.accept_btn, qtbot_button())
        peer.wait_for("state", state="confirmed")
        window = ctl.windows[call_id]
        qtbot.waitUntil(lambda: window.answered_at is not None, timeout=5000)
        qtbot.waitUntil(lambda: "kHz" in window.codec.text(), timeout=5000)
        qtbot.mouseClick(window.hold_btn, qtbot_button())
        peer.wait_for("media", status="held", by="remote")
        qtbot.mouseClick(window.hold_btn, qtbot_button())  # resume
        qtbot.mouseClick(window.hangup_btn, qtbot_button())
        assert peer.wait_for("ended")["code"] == 200
    qtbot.waitUntil(lambda: bool(app.store.calls.list()) and app.store.calls.list()[0].ended_at is not None,
                    timeout=5000)
    row = app.store.calls.list()[0]
    assert (row.direction, row.result, row.line) == ("in", "answered", "pc")
    assert row.codec.startswith("G722")


def test_outgoing_call_from_the_dial_bar(qtbot, phone, app):
    with AgentProcess("--answer", "--once") as peer:
        phone.dial.setText(peer.uri)
        phone.call_from_dial_bar()
        window = call_window(qtbot, phone, answered=True)
        qtbot.mouseClick(window.hangup_btn, qtbot_button())
        peer.wait_for("ended")
    qtbot.waitUntil(lambda: bool(app.store.calls.list()) and app.store.calls.list()[0].result == "answered",
                    timeout=5000)
    assert app.store.calls.list()[0].direction == "out"


def test_missed_call_counts_on_the_tab_until_viewed(qtbot, phone, app):
    app.contacts.add(ContactData(given_name="Known", family_name="Caller", phones=[Phone("+44 20 7946 0018")]))
    ctl = phone.calls
    seen = []
    ctl.bridge.event.connect(lambda ev: seen.append(ev.get("event")))
    with AgentProcess("--account", "sip:+442079460018@127.0.0.1", ipc=True) as peer:
        peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=10000)
        peer.send(cmd="hangup", call=peer.wait_for("calling")["call"])
        peer.wait_for("ended")
        try:  # the peer stays up until our side has seen its CANCEL (sent once its 180 arrived)
            qtbot.waitUntil(lambda: "1 missed" in phone.tabs.tabText(phone.tabs.indexOf(phone.call_logs)),
                            timeout=15000)
        except Exception:
            err = (app.profile.logs_dir / "engine-stderr.log")
            raise AssertionError(f"{app.store.calls.list()} {seen} engine stderr: "
                                 f"{err.read_text()[-3000:] if err.exists() else ''}") from None
    phone.tabs.setCurrentWidget(phone.call_logs)
    assert phone.tabs.tabText(phone.tabs.indexOf(phone.call_logs)) == "Call Logs"
    assert phone.call_logs.table.rowCount() == 1


def test_engine_crash_is_reported_and_the_engine_restarts(qtbot, phone):
    first = phone.calls.bridge.client.proc
    first.kill()
    qtbot.waitUntil(lambda: "stopped unexpectedly" in phone.statusBar().currentMessage(), timeout=10000)
    qtbot.waitUntil(lambda: phone.calls.ready is not None and phone.calls_available, timeout=15000)
    assert phone.calls.bridge.client.proc is not first


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton

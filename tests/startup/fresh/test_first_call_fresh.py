"""Issue 18: the call window, caller popup, timeline view and certificate-pin dialog are imported
with the first call (ui/calls.py), the call window's hang-up key with Help → Keyboard shortcuts
(ui/call_keys.py), the contact editor with the first edit (ui/tabs/address_books.py). Each test
here is the user's very first action after the window started, in a fresh process where none of
those modules was imported: the action must work as before (pytest-qt fails the inner test on an
exception in a slot)."""

from __future__ import annotations

import sys

import pytest

from tests.startup.fresh.fresh import inner, run_fresh
from tests.ui.conftest import call_window

HERE = "tests/startup/fresh/test_first_call_fresh.py"
LAZY = ("whitephone.ui.call_window", "whitephone.ui.caller_popup", "whitephone.ui.timeline_view",
        "whitephone.ui.dialogs.pin_cert", "whitephone.ui.dialogs.contact_editor")


def _not_yet(*names):
    assert [n for n in names if n in sys.modules] == [], "precondition: a fresh process"


@pytest.fixture
def phone(qtbot, app):
    _not_yet(*LAZY)
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=20000)
    _not_yet(*LAZY)
    yield w
    w.calls.windows.clear()
    w.shutdown()


def _close_modal_soon(qtbot, seen: list, button_text: str | None = None):
    """Reject (or click `button_text` in) the next modal dialog, recording its class."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def close():
        d = QApplication.activeModalWidget()
        if d is None:
            QTimer.singleShot(50, close)
            return
        seen.append(type(d).__name__)
        if isinstance(d, QMessageBox) and button_text:
            for b in d.buttons():
                if button_text.lower() in b.text().lower().replace("&", ""):
                    b.click()
                    return
        d.reject()

    QTimer.singleShot(50, close)


@inner
def test_inner_incoming_call_first(qtbot, phone, app):
    from tests.sip.agents import AgentProcess
    from whitephone.core.contact import ContactData, Website

    app.contacts.add(ContactData(given_name="Peer", family_name="Agent", websites=[Website("sip:agent@127.0.0.1")]))
    ctl = phone.calls
    with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", "--no-audio", ipc=True) as peer:
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=15000)
        (call_id, ringing), = ctl.incoming.items()
        qtbot.waitUntil(lambda: call_id in ctl.popups, timeout=5000)
        ringing.accept_btn.click()
        peer.wait_for("state", state="confirmed")
        w = ctl.windows[call_id]
        qtbot.waitUntil(lambda: w.answered_at is not None, timeout=10000)
        w.hang_up()
        peer.wait_for("ended")
    qtbot.waitUntil(lambda: bool(app.store.calls.list()) and app.store.calls.list()[0].ended_at is not None,
                    timeout=10000)
    assert app.store.calls.list()[0].result == "answered"


@inner
def test_inner_hotkey_answer_first(qtbot, phone, app):
    """The answer key (Ctrl+Shift+A: CallKeys.answer, as the headset and the global hot key do)."""
    from tests.sip.agents import AgentProcess

    ctl = phone.calls
    with AgentProcess("--call", f"sip:me@{ctl.ready['address']}", "--no-audio", ipc=True) as peer:
        qtbot.waitUntil(lambda: bool(ctl.incoming), timeout=15000)
        assert phone.call_keys.answer()
        peer.wait_for("state", state="confirmed")
        qtbot.waitUntil(lambda: any(w.answered_at for w in ctl.windows.values()), timeout=10000)
        assert phone.call_keys.hang_up()
        peer.wait_for("ended")


@inner
def test_inner_dial_bar_call_first(qtbot, phone, app):
    from tests.sip.agents import AgentProcess

    with AgentProcess("--answer", "--once", "--no-audio") as peer:
        phone.dial.setText(peer.uri)
        phone.call_from_dial_bar()
        w = call_window(qtbot, phone, answered=True, timeout=15000)
        w.hang_up()
        peer.wait_for("ended")


@inner
def test_inner_contact_call_first(qtbot, phone, app):
    """A call from a contact (the card's / list's call: request_call with the contact)."""
    from tests.sip.agents import AgentProcess
    from whitephone.core.contact import ContactData, Website

    with AgentProcess("--answer", "--once", "--no-audio") as peer:
        cid = app.contacts.add(ContactData(given_name="Zoë <b>&amp;", family_name="O'Brien \"x\"",
                                           websites=[Website(peer.uri)]))
        phone.request_call(peer.uri, app.store.contacts.get(cid))
        w = call_window(qtbot, phone, timeout=15000)
        assert "Zoë <b>&amp; O'Brien \"x\"" in w.name.text() or "&lt;b&gt;" in w.name.text()
        qtbot.waitUntil(lambda: w.answered_at is not None, timeout=15000)
        w.hang_up()
        peer.wait_for("ended")


@inner
def test_inner_certificate_pin_dialog_first(qtbot, phone, app):
    """A TLS server with an unknown certificate as the first thing: the real consent dialog
    (ui/dialogs/pin_cert.py, imported now) is shown; the user says No."""
    seen = []
    _close_modal_soon(qtbot, seen, "no")
    phone.calls._offer_pin({"event": "tls_certificate", "kind": "self_signed", "server": "pbx.example.com:5061",
                            "sha256": "ab" * 32})
    assert seen, "no consent dialog was shown"
    assert "whitephone.ui.dialogs.pin_cert" in sys.modules


@inner
def test_inner_contact_editor_first(qtbot, window, app):
    _not_yet("whitephone.ui.dialogs.contact_editor")
    tab = window.address_books
    qtbot.waitUntil(lambda: not tab._starting(), timeout=10000)
    seen = []
    _close_modal_soon(qtbot, seen)
    tab.new_contact("+44 20 7946 0018", "Ann <i>Lee</i>")
    assert seen == ["ContactEditor"]


@inner
def test_inner_keyboard_shortcuts_first(qtbot, window):
    from whitephone.ui.call_keys import shortcut_rows

    _not_yet("whitephone.ui.call_window")
    rows = shortcut_rows(window)
    assert any("Hang up" in what for _keys, what in rows)


@pytest.mark.sip
@pytest.mark.parametrize("name", ["incoming_call_first", "hotkey_answer_first", "dial_bar_call_first",
                                  "contact_call_first", "certificate_pin_dialog_first", "contact_editor_first",
                                  "keyboard_shortcuts_first"])
def test_first_action_in_a_fresh_window(name):
    """The user starts WhitePhone and the first thing is `name` (an incoming call, answering it
    with the answer key, a call from the dial bar or a contact, an unknown TLS certificate, New
    contact, Help → Keyboard shortcuts): it works, with the modules issue 18 made lazy imported
    then. Expected: as before issue 18."""
    run_fresh(f"{HERE}::test_inner_{name}")

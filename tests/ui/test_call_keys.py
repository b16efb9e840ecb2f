"""Keyboard and media keys for calls (ui/call_keys.py) and Help → Keyboard shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from whitephone.ui.calls import CallController


@pytest.fixture
def controller(window, app):
    """A call controller whose engine is never started: events are fed in, commands recorded."""
    ctl = CallController(app, window, ["--listen", "127.0.0.1:0"])
    sent = []
    ctl.send = lambda cmd, **kw: sent.append((cmd, kw)) or len(sent)
    ctl.sent = sent
    window.calls = ctl
    yield ctl
    window.calls = None
    for w in ctl.windows.values():
        w.ended = True  # nothing left to ask about when it closes
    for w in list(ctl.windows.values()) + list(ctl.incoming.values()):
        w.close()
    ctl.windows.clear()


def ring(ctl, call_id: int) -> None:
    ctl.on_event({"event": "incoming", "call": call_id, "account": "default",
                  "remote_uri": "<sip:+442079460018@carrier.example>", "remote_contact": "", "local_uri": ""})


def press(qtbot, widget, seq: str | Qt.Key) -> None:
    if isinstance(seq, str):
        combo = QKeySequence(seq)[0]
        qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())
    else:
        qtbot.keyClick(widget, seq)


def commands(ctl) -> list[str]:
    return [c for c, _ in ctl.sent]


def test_nothing_ringing_nothing_happens(qtbot, window, controller):
    keys = window.call_keys
    assert not keys.answer() and not keys.hang_up() and not keys.mute() and not keys.hold()
    assert controller.sent == []


def test_answer_and_decline_keys_on_a_ringing_call(qtbot, window, controller, monkeypatch):
    accepted = []
    monkeypatch.setattr(controller, "accept", accepted.append)
    ring(controller, 5)
    window.activateWindow()
    press(qtbot, window, "Ctrl+Shift+A")
    assert accepted == [5]
    press(qtbot, window, "Ctrl+Shift+E")  # no call up yet: hang up declines the ringing one
    assert ("decline", {"call": 5}) in controller.sent


def test_media_keys_answer_then_hang_up(qtbot, window, controller, monkeypatch):
    accepted = []
    monkeypatch.setattr(controller, "accept", accepted.append)
    ring(controller, 6)
    press(qtbot, window, Qt.Key.Key_MediaTogglePlayPause)
    assert accepted == [6]
    ring(controller, 8)
    press(qtbot, window, Qt.Key.Key_Hangup)
    assert ("decline", {"call": 8}) in controller.sent


def test_mute_hold_and_hang_up_keys_in_a_call(qtbot, window, controller):
    from whitephone.ui.call_window import CallWindow

    w = CallWindow(controller, 9, "Mary", "sip:mary@x")
    controller.windows[9] = w
    w.show()
    qtbot.addWidget(w)
    press(qtbot, window, "Ctrl+Shift+M")
    assert ("mute", {"call": 9, "muted": True}) in controller.sent
    press(qtbot, w, "Ctrl+Shift+H")  # from the call's own window too (an application shortcut)
    assert "hold" in commands(controller)
    press(qtbot, window, Qt.Key.Key_Call)  # nothing rings: the call key ends the call
    assert ("hangup", {"call": 9}) in controller.sent
    w.ended = True  # the engine would say so: nothing to ask about when the test's windows close
    controller.windows.clear()


def test_help_lists_the_keyboard_shortcuts(qtbot, window):
    from whitephone.ui.call_keys import ShortcutsDialog

    dlg = ShortcutsDialog(window)
    qtbot.addWidget(dlg)
    rows = {dlg.table.item(r, 1).text(): dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount())}
    assert rows["Answer the ringing call"] == QKeySequence("Ctrl+Shift+A").toString(
        QKeySequence.SequenceFormat.NativeText)
    for what in ("Hang up (or decline the ringing call)", "Mute / unmute the current call",
                 "Hold / resume the current call", "Find contact", "Dial", "Keyboard shortcuts"):
        assert what in rows, what
    assert any(w.startswith("Show the ") for w in rows)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    assert any(a.text() == "&Keyboard shortcuts" for a in help_menu.actions())

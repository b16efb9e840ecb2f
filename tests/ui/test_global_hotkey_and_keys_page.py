"""The global hotkey on the real window (ui/global_hotkey.py) with a real X server (Xvfb) and
xdotool pressing the key while the window is on another display; Preferences → Keys and headset."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from tests.headset.fake_hid import JABRA_LIKE, POLY_LIKE, FakeHeadset, FakeHid
from tests.hotkey.xvfb import xvfb  # noqa: F401 - fixture
from tests.ui.test_call_keys import controller, ring  # noqa: F401 - fixture
from whitephone.hotkey.keys import parse_hotkey
from whitephone.hotkey.x11 import X11Hotkey
from whitephone.ui.dialogs.keys_page import KeysPage
from whitephone.ui.global_hotkey import GLOBAL_HOTKEY, unsupported_reason
from whitephone.ui.headset import HEADSET_DEVICE, USE_HEADSET


@pytest.fixture
def on_x(window, xvfb):  # noqa: F811
    """The window's global hotkey registered on the Xvfb display."""
    window.global_hotkey.platform, window.global_hotkey.display = "xcb", xvfb.display
    yield window
    window.global_hotkey.stop()


def test_the_hotkey_answers_then_hangs_up(qtbot, on_x, controller, xvfb, monkeypatch):  # noqa: F811
    window = on_x
    accepted = []
    monkeypatch.setattr(controller, "accept", accepted.append)
    window.app.profile.set(GLOBAL_HOTKEY, "Ctrl+Alt+P")
    assert window.global_hotkey.apply() is None
    from whitephone.ui.call_keys import shortcut_rows

    rows = dict((what, keys) for keys, what in shortcut_rows(window))
    assert rows["Answer, or hang up, also while another program is in front (global hotkey)"] == "Ctrl+Alt+P"
    ring(controller, 5)
    xvfb.key("ctrl+alt+p")
    qtbot.waitUntil(lambda: accepted == [5], timeout=5000)
    controller.incoming.clear()  # answered (the engine would say so)
    from whitephone.ui.call_window import CallWindow

    w = CallWindow(controller, 9, "Mary", "sip:mary@x")
    controller.windows[9] = w
    w.show()
    qtbot.addWidget(w)
    xvfb.key("ctrl+alt+p")
    qtbot.waitUntil(lambda: ("hangup", {"call": 9}) in controller.sent, timeout=5000)
    w.ended = True
    controller.windows.clear()


def test_off_by_default_and_turned_off_again(qtbot, on_x, controller, xvfb):  # noqa: F811
    window = on_x
    assert window.app.profile.get(GLOBAL_HOTKEY, "") == "" and window.global_hotkey.grabber is None
    page = KeysPage(window.app.profile, window)
    qtbot.addWidget(page)
    assert not page.hotkey_on.isChecked()
    page.hotkey_on.setChecked(True)
    page.hotkey.setKeySequence(QKeySequence("Ctrl+Alt+O"))
    page.apply()
    assert window.app.profile.get(GLOBAL_HOTKEY) == "Ctrl+Alt+O" and window.global_hotkey.grabber is not None
    page.hotkey_on.setChecked(False)
    page.apply()
    assert window.app.profile.get(GLOBAL_HOTKEY) == "" and window.global_hotkey.grabber is None
    ring(controller, 6)
    xvfb.key("ctrl+alt+o")  # released: the ringing call is left alone
    qtbot.wait(300)
    assert controller.sent == []


def test_a_key_another_program_holds_is_refused_in_words(qtbot, on_x, xvfb, monkeypatch):  # noqa: F811
    window = on_x
    other = X11Hotkey(parse_hotkey("Ctrl+Alt+I"), lambda: None, xvfb.display)
    other.start()
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    try:
        page = KeysPage(window.app.profile, window)
        qtbot.addWidget(page)
        page.hotkey_on.setChecked(True)
        page.hotkey.setKeySequence(QKeySequence("Ctrl+Alt+I"))
        page.apply()
    finally:
        other.stop()
    assert warned == ["Another program already uses this key combination; choose another hotkey."]
    assert window.global_hotkey.grabber is None
    page = KeysPage(window.app.profile, window)  # the page says so when opened again
    qtbot.addWidget(page)
    assert page.hotkey_note.text().startswith("Not active: Another program")


def test_held_call_and_media_keys_do_not_repeat(window):
    assert window.call_keys.shortcuts and not any(sc.autoRepeat() for sc in window.call_keys.shortcuts)


def test_wayland_and_no_display_say_why(qtbot, window):
    assert "Wayland" in unsupported_reason("wayland")
    assert unsupported_reason("xcb") is None
    window.global_hotkey.platform = "wayland"
    page = KeysPage(window.app.profile, window)
    qtbot.addWidget(page)
    assert not page.hotkey.isEnabled() and "Wayland" in page.hotkey_note.text()
    window.app.profile.set(GLOBAL_HOTKEY, "Ctrl+Alt+P")
    assert "Wayland" in window.global_hotkey.apply()
    window.global_hotkey.platform = "offscreen"
    assert "no desktop display" in window.global_hotkey.apply()


def test_headset_choice_in_preferences(qtbot, window):
    hid = FakeHid()
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    poly = FakeHeadset(b"/dev/hidraw5", POLY_LIKE, 0x047F, 0xC056, ("Plantronics", "Blackwire 5220"))
    hid.headsets += [jabra, poly]
    window.headset._hid, window.headset._poll = hid, 0.05
    window.headset.apply()
    qtbot.waitUntil(lambda: len(window.headset.devices) == 2, timeout=5000)
    assert jabra.opened.wait(5)
    page = KeysPage(window.app.profile, window)
    qtbot.addWidget(page)
    assert page.headset_on.isChecked()
    assert [page.device.itemText(i) for i in range(page.device.count())] == [
        "The first headset found", "Jabra Evolve 40", "Plantronics Blackwire 5220"]
    page.device.setCurrentIndex(2)
    page.apply()
    assert window.app.profile.get(HEADSET_DEVICE) == "047f:c056"
    assert poly.opened.wait(5)
    qtbot.waitUntil(lambda: not jabra.opened.is_set(), timeout=5000)
    page.headset_on.setChecked(False)
    page.apply()
    assert window.app.profile.get(USE_HEADSET) is False and window.headset.worker is None
    assert not poly.opened.is_set()
    hid.headsets.clear()
    window.app.profile.set(USE_HEADSET, True)
    window.headset.apply()
    qtbot.waitUntil(lambda: window.headset.devices == [], timeout=5000)
    page = KeysPage(window.app.profile, window)  # the chosen one, unplugged, stays chosen
    qtbot.addWidget(page)
    assert page.device.currentText() == "047f:c056 (not plugged in)"
    assert page.headset_note.text() == "No USB headset with call buttons is plugged in."

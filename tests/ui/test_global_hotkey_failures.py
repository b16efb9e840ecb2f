"""The global hotkey when things go wrong (whitephone/hotkey/x11.py, ui/global_hotkey.py,
Preferences → Keys and headset), from the break-it review, on a real X server (Xvfb), keys
pressed by xdotool: a taken key, the X server going away, a bare letter, shifted symbols, the
hotkey pressed in Preferences."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from tests.hotkey.xvfb import Xvfb, xvfb  # noqa: F401 - fixture
from tests.ui.test_call_keys import controller, ring  # noqa: F401 - fixture
from whitephone.hotkey.keys import parse_hotkey
from whitephone.hotkey.x11 import X11Hotkey
from whitephone.ui.dialogs.keys_page import KeysPage
from whitephone.ui.global_hotkey import GLOBAL_HOTKEY


@pytest.fixture
def on_x(window, xvfb):  # noqa: F811
    window.global_hotkey.platform, window.global_hotkey.display = "xcb", xvfb.display
    yield window
    window.global_hotkey.stop()


def test_changing_to_a_taken_key_keeps_the_working_hotkey(qtbot, on_x, controller, xvfb, monkeypatch):  # noqa: F811
    """Ctrl+Alt+P works; in Preferences the user picks Ctrl+Alt+I, which another program holds.
    The warning says 'choose another hotkey'; Ctrl+Alt+P keeps working and stays saved."""
    window = on_x
    accepted = []
    monkeypatch.setattr(controller, "accept", accepted.append)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    window.app.profile.set(GLOBAL_HOTKEY, "Ctrl+Alt+P")
    assert window.global_hotkey.apply() is None
    other = X11Hotkey(parse_hotkey("Ctrl+Alt+I"), lambda: None, xvfb.display)
    other.start()
    try:
        page = KeysPage(window.app.profile, window)
        qtbot.addWidget(page)
        page.hotkey.setKeySequence(QKeySequence("Ctrl+Alt+I"))
        page.apply()
    finally:
        other.stop()
    ring(controller, 5)
    xvfb.key("ctrl+alt+p")
    qtbot.wait(1000)
    assert accepted == [5], "the hotkey that worked was dropped"
    assert window.app.profile.get(GLOBAL_HOTKEY) == "Ctrl+Alt+P", "the refused key was saved"


CHILD = textwrap.dedent("""
    import sys, time
    from whitephone.hotkey.keys import parse_hotkey
    from whitephone.hotkey.x11 import X11Hotkey
    hk = X11Hotkey(parse_hotkey("Ctrl+Alt+P"), lambda: None, sys.argv[1])
    hk.start()
    print("grabbed", flush=True)
    time.sleep(4)          # meanwhile the X server goes away
    hk.stop()
    print("still here", flush=True)
""")


def test_the_x_server_going_away_does_not_end_the_program():
    """The display the hotkey is grabbed on goes away (X server restarted, ssh -X session closed,
    a nested/secondary display): Xlib's default I/O error handler would call exit() and end the
    whole program; the grabber's I/O error (exit) handlers return, and it stops."""
    x = Xvfb()
    killed = False
    try:
        child = subprocess.Popen([sys.executable, "-c", CHILD, x.display], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
        assert child.stdout.readline().strip() == "grabbed"
        x.proc.kill()
        x.proc.wait(10)
        killed = True
        out, err = child.communicate(timeout=20)
    finally:
        if not killed:
            x.stop()
    assert "still here" in out, f"exit code {child.returncode}: {err[-300:]}"


def test_a_bare_letter_is_not_taken_from_the_whole_desktop(qtbot, on_x, xvfb, monkeypatch):  # noqa: F811
    """A careless user picks 'A' (no modifier) in Preferences: grabbed on the root window, no
    program would receive the letter a. Refused in words (F-keys, Pause and media keys alone are
    fine)."""
    window = on_x
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    page = KeysPage(window.app.profile, window)
    qtbot.addWidget(page)
    page.hotkey_on.setChecked(True)
    page.hotkey.setKeySequence(QKeySequence("A"))
    page.apply()
    assert window.global_hotkey.grabber is None, "the letter a is now WhitePhone's on the whole desktop"
    assert warned


@pytest.mark.parametrize("combo,xkeys", [("Ctrl+Shift+!", "ctrl+shift+1"), ("Ctrl+Alt+?", "ctrl+alt+shift+slash"),
                                         ("Ctrl+Alt+#", "ctrl+alt+shift+3"),
                                         ("Ctrl+Shift+Backtab", "ctrl+shift+Tab")])
def test_a_shifted_symbol_key_can_be_the_hotkey(xvfb, combo, xkeys):  # noqa: F811
    """Qt's key sequence edit records Ctrl+Shift+1 on a US keyboard as 'Ctrl+Shift+!' (and
    'Ctrl+Alt+?' for Ctrl+Alt+Shift+/): the character's keysym, grabbed with Shift on its key."""
    import threading

    pressed = threading.Event()
    hk = X11Hotkey(parse_hotkey(combo), pressed.set, xvfb.display)
    hk.start()
    try:
        xvfb.key(xkeys)
        assert pressed.wait(5)
    finally:
        hk.stop()


PREFS_CHILD = textwrap.dedent("""
    import os, pathlib, sys, tempfile, time
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication
    qa = QApplication(sys.argv[:1])
    from whitephone.app import App
    from whitephone.ui.dialogs.keys_page import KeysPage
    from whitephone.ui.global_hotkey import GLOBAL_HOTKEY
    from whitephone.ui.main_window import MainWindow
    app = App.open(pathlib.Path(tempfile.mkdtemp()) / "profile")
    w = MainWindow(app)
    fired = []
    w.call_keys.answer_or_hang_up = lambda: fired.append(1) or True  # would hang up the call
    app.profile.set(GLOBAL_HOTKEY, "Ctrl+Alt+P")
    assert w.global_hotkey.apply() is None
    page = KeysPage(app.profile, w)
    page.show(); page.activateWindow(); page.hotkey.clear(); page.hotkey.setFocus()

    def pump(n):
        for _ in range(n):
            qa.processEvents(); time.sleep(0.02)

    def recorded():
        return page.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    pump(50)
    print("ready", flush=True); sys.stdin.readline()        # the test presses Ctrl+Alt+O
    pump(60)
    print("control", recorded(), flush=True)
    page.hotkey.clear(); page.hotkey.setFocus(); pump(20)
    print("ready", flush=True); sys.stdin.readline()        # the test presses Ctrl+Alt+P
    pump(60)
    print("recorded", recorded(), flush=True)
    print("fired", len(fired), flush=True)
    w.global_hotkey.stop()
    os._exit(0)
""")


def test_pressing_the_current_hotkey_in_preferences_records_it_and_does_not_hang_up():
    """In a call, the user opens Preferences → Keys and headset and presses the hotkey's own
    combination in the key field: it is recorded and does not fire (the grab is set aside while
    the key field has the focus). (Qt on the real xcb platform on Xvfb, in a child process.)"""
    x = Xvfb()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": x.display, "PYTHONPATH": os.getcwd()}
        child = subprocess.Popen([sys.executable, "-c", PREFS_CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env)
        lines = {}

        def step(keys):
            assert child.stdout.readline().strip() == "ready"
            x.key(keys)
            child.stdin.write("\n")
            child.stdin.flush()

        step("ctrl+alt+o")
        lines["control"] = child.stdout.readline().split(" ", 1)[1].strip()
        step("ctrl+alt+p")
        out, err = child.communicate(timeout=60)
        for line in out.splitlines():
            k, _, v = line.partition(" ")
            lines[k] = v.strip()
    finally:
        x.stop()
    assert lines["control"] == "Ctrl+Alt+O", (lines, err[-500:])  # the field records other keys
    assert lines["fired"] == "0", "the hotkey fired (answer / hang up) while being recorded in Preferences"
    assert lines["recorded"] == "Ctrl+Alt+P"


def test_the_window_says_the_hotkey_went_with_its_x_server(qtbot, window):
    """The window's hotkey on a display that goes away: the window lives on, the hotkey is off
    and the status bar says why."""
    x = Xvfb()
    killed = False
    try:
        window.global_hotkey.platform, window.global_hotkey.display = "xcb", x.display
        window.app.profile.set(GLOBAL_HOTKEY, "Ctrl+Alt+P")
        assert window.global_hotkey.apply() is None
        x.proc.kill()
        x.proc.wait(10)
        killed = True
        qtbot.waitUntil(lambda: window.global_hotkey.grabber is None, timeout=10000)
        assert window.global_hotkey.error == "The X display went away."
        assert "went away" in window.statusBar().currentMessage()
    finally:
        window.global_hotkey.stop()
        if not killed:
            x.stop()

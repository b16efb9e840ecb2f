"""The X11 global hotkey (whitephone/hotkey/x11.py) on a real X server, keys sent by xdotool."""

from __future__ import annotations

import threading

import pytest

from whitephone.hotkey import HotkeyError
from whitephone.hotkey.keys import Hotkey, check_global, parse_hotkey
from whitephone.hotkey.x11 import X11Hotkey

from .xvfb import xvfb  # noqa: F401 - fixture


def test_parse_hotkey():
    assert parse_hotkey("Ctrl+Alt+F9") == Hotkey("F9", frozenset({"ctrl", "alt"}))
    assert parse_hotkey("Meta+Shift+A") == Hotkey("A", frozenset({"super", "shift"}))
    assert parse_hotkey("Ctrl++") == Hotkey("+", frozenset({"ctrl"}))
    assert parse_hotkey("Pause") == Hotkey("Pause", frozenset())
    for bad in ("", "Ctrl+K, Ctrl+X", "Hyper+A", "Ctrl+"):
        with pytest.raises(HotkeyError):
            parse_hotkey(bad)


def test_a_global_hotkey_needs_a_modifier_unless_no_program_types_the_key():
    for fine in ("Ctrl+A", "Alt+1", "Meta+Return", "F9", "Shift+F12", "Pause", "Media Play", "Toggle Media Play/Pause"):
        check_global(parse_hotkey(fine))
    for bare in ("A", "Shift+A", "1", "Return", "Space", "Shift+!", "Esc"):
        with pytest.raises(HotkeyError) as err:
            check_global(parse_hotkey(bare))
        assert err.value.kind == "bare"


class Presses:
    def __init__(self) -> None:
        self.n = 0
        self.cond = threading.Condition()

    def __call__(self) -> None:
        with self.cond:
            self.n += 1
            self.cond.notify_all()

    def wait(self, n: int, timeout: float = 10) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.n >= n, timeout)


def test_grabbed_key_is_seen_with_and_without_num_lock(xvfb):  # noqa: F811
    presses = Presses()
    hk = X11Hotkey(parse_hotkey("Ctrl+Alt+P"), presses, xvfb.display)
    hk.start()
    try:
        xvfb.key("ctrl+alt+p")
        assert presses.wait(1)
        xvfb.key("p")  # without the modifiers: not ours
        xvfb.key("ctrl+p")
        xvfb.key("Num_Lock")
        xvfb.key("ctrl+alt+p")  # Num Lock on
        assert presses.wait(2)
        xvfb.key("Num_Lock")
        assert presses.n == 2
    finally:
        hk.stop()
    xvfb.key("ctrl+alt+p")  # released: no longer ours
    assert not presses.wait(3, timeout=0.5)


def test_a_held_key_counts_once(xvfb):  # noqa: F811
    presses = Presses()
    hk = X11Hotkey(parse_hotkey("Ctrl+Alt+U"), presses, xvfb.display)
    hk.start()
    try:
        xvfb.hold("ctrl+alt+u", 1.5)  # the server repeats a held key (after 660 ms, 25 a second)
        assert presses.wait(1)
        xvfb.key("ctrl+alt+u")
        assert presses.wait(2)
        assert presses.n == 2
    finally:
        hk.stop()


def test_a_key_taken_by_another_program_is_refused_in_words(xvfb):  # noqa: F811
    first = X11Hotkey(parse_hotkey("Ctrl+Shift+F10"), lambda: None, xvfb.display)
    first.start()
    try:
        second = X11Hotkey(parse_hotkey("Ctrl+Shift+F10"), lambda: None, xvfb.display)
        with pytest.raises(HotkeyError, match="Another program already uses"):
            second.start()
        other = Presses()
        third = X11Hotkey(parse_hotkey("Ctrl+Shift+F11"), other, xvfb.display)  # still usable after
        third.start()
        xvfb.key("ctrl+shift+F11")
        assert other.wait(1)
        third.stop()
    finally:
        first.stop()


def test_no_display_or_no_such_key():
    with pytest.raises(HotkeyError, match="no X display"):
        X11Hotkey(parse_hotkey("F9"), lambda: None, "").start()
    with pytest.raises(HotkeyError, match="Cannot reach"):
        X11Hotkey(parse_hotkey("F9"), lambda: None, ":4242").start()


def test_unknown_key_name(xvfb):  # noqa: F811
    with pytest.raises(HotkeyError, match="no NoSuchKey key"):
        X11Hotkey(Hotkey("NoSuchKey", frozenset()), lambda: None, xvfb.display).start()

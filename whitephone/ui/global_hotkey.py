"""The global hotkey: one key combination, chosen in Preferences → Keys and headset (off by
default), that answers the ringing call or hangs up the current one while another program has
the focus (ui/call_keys.py `answer_or_hang_up`).

Where the platform allows: X11 (whitephone/hotkey/x11.py) and Windows (hotkey/windows.py).
Wayland gives no program a key of its own, and macOS only with the accessibility permission,
which WhitePhone does not ask for: there `unsupported_reason()` says so and Preferences shows it.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication

from whitephone.hotkey import HotkeyError
from whitephone.hotkey.keys import parse_hotkey

log = logging.getLogger(__name__)
GLOBAL_HOTKEY = "global_hotkey"  # settings.json: "" (off) or the key combination ("Ctrl+Alt+P")


def unsupported_reason(platform: str | None = None) -> str | None:
    """None where a global hotkey can be had, else the sentence saying why not."""
    platform = platform if platform is not None else QGuiApplication.platformName()
    if sys.platform == "win32":
        return None
    if sys.platform == "darwin":
        return QCoreApplication.translate(
            "GlobalHotkey", "On macOS a global hotkey needs the accessibility permission, which WhitePhone does not "
                            "ask for: the call keys work while WhitePhone is in front.")
    if platform == "xcb":
        return None
    if platform.startswith("wayland"):
        return QCoreApplication.translate(
            "GlobalHotkey", "Wayland does not let programs take a key for themselves: the call keys work while "
                            "WhitePhone is in front.")
    return QCoreApplication.translate("GlobalHotkey", "There is no desktop display to register a global hotkey with.")


def error_text(exc: HotkeyError) -> str:
    """The user's sentence for a hotkey that cannot be had."""
    texts = {
        "sequence": QCoreApplication.translate("GlobalHotkey", "Choose one key combination for the hotkey."),
        "taken": QCoreApplication.translate(
            "GlobalHotkey", "Another program already uses this key combination; choose another hotkey."),
        "no_key": QCoreApplication.translate("GlobalHotkey", "This keyboard has no such key for the global hotkey."),
        "no_display": QCoreApplication.translate(
            "GlobalHotkey", "There is no desktop display to register a global hotkey with."),
        "no_library": QCoreApplication.translate(
            "GlobalHotkey", "The global hotkey needs the X11 library (libX11), which is not installed."),
    }
    return texts.get(exc.kind) or QCoreApplication.translate("GlobalHotkey", "The desktop refused the global hotkey.")


class GlobalHotkey(QObject):
    """The global hotkey of one main window. `platform`/`display`: for tests (an Xvfb display
    under the offscreen platform)."""

    pressed = Signal()  # emitted on the grabber's thread, handled on the main one

    def __init__(self, window, platform: str | None = None, display: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.platform, self.display = platform, display
        self.grabber = None
        self.error: str | None = None  # why the chosen hotkey is not active, for the user
        self.pressed.connect(self._pressed)

    def _pressed(self) -> None:
        self.window.call_keys.answer_or_hang_up()

    def apply(self) -> str | None:
        """Take the hotkey Preferences chose (or none); the sentence saying why not, if not."""
        self.stop()
        self.error = None
        text = self.window.app.profile.get(GLOBAL_HOTKEY, "") or ""
        if not text:
            return None
        self.error = unsupported_reason(self.platform)
        if self.error is not None:
            return self.error
        try:
            hotkey = parse_hotkey(text)
            if sys.platform == "win32":
                from whitephone.hotkey.windows import WindowsHotkey

                grabber = WindowsHotkey(hotkey, self.pressed.emit)
            else:
                from whitephone.hotkey.x11 import X11Hotkey

                grabber = X11Hotkey(hotkey, self.pressed.emit,
                                    self.display if self.display is not None else os.environ.get("DISPLAY", ""))
            grabber.start()
        except HotkeyError as exc:
            log.warning("global hotkey %s: %s", text, exc)
            self.error = error_text(exc)
            return self.error
        self.grabber = grabber
        return None

    def stop(self) -> None:
        if self.grabber is not None:
            self.grabber.stop()
            self.grabber = None


def install(window) -> GlobalHotkey:
    """The window's global hotkey, taken now if one is chosen; a failure is said in the status bar."""
    hk = GlobalHotkey(window)
    if window.app.profile.get(GLOBAL_HOTKEY, ""):
        why = hk.apply()
        if why:
            window.statusBar().showMessage(
                QCoreApplication.translate("GlobalHotkey", "Global hotkey not active: %s") % why, 15000)
    return hk

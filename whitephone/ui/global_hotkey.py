"""The global hotkey: one key combination, chosen in Preferences → Keys and headset (off by
default), that answers the ringing call or hangs up the current one while another program has
the focus (ui/call_keys.py `answer_or_hang_up`).

Where the platform allows: X11 (whitephone/hotkey/x11.py) and Windows (hotkey/windows.py).
Wayland gives no program a key of its own, and macOS only with the accessibility permission,
which WhitePhone does not ask for: there `unsupported_reason()` says so and Preferences shows it.

A new key is grabbed before the working one is let go: a key another program holds leaves the
old one working (and Preferences saves only a key that was had). While Preferences records a key
the grab is set aside (`suspend`/`resume`), so pressing the current hotkey there records it
instead of answering or hanging up. The X server going away ends the grab, said in the status bar.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication

from whitephone.hotkey import HotkeyError
from whitephone.hotkey.keys import check_global, parse_hotkey

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
        "bare": QCoreApplication.translate(
            "GlobalHotkey", "A global hotkey needs Ctrl, Alt or Super (except F-keys, Pause and media keys): a key "
                            "alone would be taken from every program."),
        "old_library": QCoreApplication.translate("GlobalHotkey", "The global hotkey needs libX11 1.7 or later."),
    }
    return texts.get(exc.kind) or QCoreApplication.translate("GlobalHotkey", "The desktop refused the global hotkey.")


class GlobalHotkey(QObject):
    """The global hotkey of one main window. `platform`/`display`: for tests (an Xvfb display
    under the offscreen platform)."""

    pressed = Signal()  # emitted on the grabber's thread, handled on the main one
    lost = Signal()  # the display went away (grabber's thread)

    def __init__(self, window, platform: str | None = None, display: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.platform, self.display = platform, display
        self.grabber = None
        self.text = ""  # the key combination the grabber holds
        self.suspended = False  # set aside while Preferences records a key
        self.error: str | None = None  # why the chosen hotkey is not active, for the user
        self.pressed.connect(self._pressed)
        self.lost.connect(self._lost)

    def _pressed(self) -> None:
        self.window.call_keys.answer_or_hang_up()

    def _lost(self) -> None:
        if self.grabber is not None and getattr(self.grabber, "dead", False):
            self.grabber.stop()
            self.grabber, self.text = None, ""
            self.error = QCoreApplication.translate("GlobalHotkey", "The X display went away.")
            self.window.statusBar().showMessage(
                QCoreApplication.translate("GlobalHotkey", "Global hotkey not active: %s") % self.error, 15000)

    def apply(self, text: str | None = None) -> str | None:
        """Take `text` (default: the one Preferences saved; "" for none); the sentence saying why
        not, if not. The hotkey that worked is kept until the new one is had, and kept when not."""
        if text is None:
            text = self.window.app.profile.get(GLOBAL_HOTKEY, "") or ""
        self.suspended = False
        if not text:
            self.stop()
            self.error = None
            return None
        if self.grabber is not None and text == self.text:
            return None
        why = unsupported_reason(self.platform)
        if why is None:
            try:
                grabber = self._grab_replacing(text)
            except HotkeyError as exc:
                log.warning("global hotkey %s: %s", text, exc)
                why = error_text(exc)
        if why is not None:
            if self.grabber is None:
                self.error = why
            return why
        self.stop()
        self.grabber, self.text, self.error = grabber, text, None
        return None

    def _grab_replacing(self, text: str):
        """The grabber of `text`, the current one still held (or held again) when it fails."""
        try:
            return self._grab(text)
        except HotkeyError as exc:
            if exc.kind != "taken" or self.grabber is None:
                raise
        old = self.text  # taken maybe by ourselves (the same key said otherwise): ours let go, tried again
        self.stop()
        try:
            return self._grab(text)
        except HotkeyError:
            self._regrab(old)
            raise

    def _grab(self, text: str):
        hotkey = parse_hotkey(text)
        check_global(hotkey)
        if sys.platform == "win32":
            from whitephone.hotkey.windows import WindowsHotkey

            grabber = WindowsHotkey(hotkey, self.pressed.emit)
        else:
            from whitephone.hotkey.x11 import X11Hotkey

            grabber = X11Hotkey(hotkey, self.pressed.emit,
                                self.display if self.display is not None else os.environ.get("DISPLAY", ""),
                                on_lost=self.lost.emit)
        grabber.start()
        return grabber

    def _regrab(self, text: str) -> None:
        try:
            self.grabber, self.text = self._grab(text), text
        except HotkeyError as exc:
            log.warning("global hotkey %s could not be taken back: %s", text, exc)
            self.error = error_text(exc)

    def suspend(self) -> None:
        """Let the key go while Preferences records one (it reaches the key field instead)."""
        if self.grabber is not None and not self.suspended:
            text = self.text
            self.stop()
            self.text, self.suspended = text, True

    def resume(self) -> None:
        if self.suspended:
            self.suspended = False
            text, self.text = self.text, ""
            self._regrab(text)

    def stop(self) -> None:
        if self.grabber is not None:
            self.grabber.stop()
            self.grabber = None
        self.text = ""


def install(window) -> GlobalHotkey:
    """The window's global hotkey, taken now if one is chosen; a failure is said in the status bar."""
    hk = GlobalHotkey(window)
    if window.app.profile.get(GLOBAL_HOTKEY, ""):
        why = hk.apply()
        if why:
            window.statusBar().showMessage(
                QCoreApplication.translate("GlobalHotkey", "Global hotkey not active: %s") % why, 15000)
    return hk

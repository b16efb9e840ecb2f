"""The global hotkey on Windows: RegisterHotKey on a thread with its own message loop (ctypes).

Not tested on this project's machines (no Windows there); kept to the documented calls:
RegisterHotKey(NULL, id, modifiers | MOD_NOREPEAT, vk) posts WM_HOTKEY to the registering
thread's queue; PostThreadMessageW(WM_QUIT) ends the loop; UnregisterHotKey on the same thread.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable

from whitephone.hotkey import HotkeyError
from whitephone.hotkey.keys import Hotkey

MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
MASKS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "super": MOD_WIN}
WM_HOTKEY, WM_QUIT = 0x0312, 0x0012
VK = {"Space": 0x20, "PgUp": 0x21, "PgDown": 0x22, "End": 0x23, "Home": 0x24, "Ins": 0x2D, "Del": 0x2E,
      "Pause": 0x13, "Print": 0x2C, "ScrollLock": 0x91, "Esc": 0x1B, "Backspace": 0x08, "Return": 0x0D}


def virtual_key(key: str) -> int | None:
    if len(key) == 1 and key.isascii() and key.isalnum():
        return ord(key.upper())
    if key.startswith("F") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return 0x70 + int(key[1:]) - 1
    return VK.get(key)


class WindowsHotkey:
    def __init__(self, hotkey: Hotkey, on_press: Callable[[], None]) -> None:
        self.hotkey, self.on_press = hotkey, on_press
        self._thread: threading.Thread | None = None
        self._thread_id = 0
        self._ready = threading.Event()
        self._error: HotkeyError | None = None

    def start(self) -> None:
        vk = virtual_key(self.hotkey.key)
        if vk is None:
            raise HotkeyError("no_key", f"This keyboard has no {self.hotkey.key} key for the global hotkey.")
        mods = MOD_NOREPEAT
        for m in self.hotkey.modifiers:
            mods |= MASKS[m]
        self._thread = threading.Thread(target=self._run, args=(mods, vk), name="win-hotkey", daemon=True)
        self._thread.start()
        self._ready.wait(5)
        if self._error is not None:
            self._thread.join(2)
            self._thread = None
            raise self._error

    def _run(self, mods: int, vk: int) -> None:
        from ctypes import wintypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._thread_id = ctypes.WinDLL("kernel32").GetCurrentThreadId()
        if not user32.RegisterHotKey(None, 1, mods, vk):
            self._error = HotkeyError("taken", "Another program already uses this key combination; "
                                               "choose another hotkey.")
            self._ready.set()
            return
        self._ready.set()
        msg = wintypes.MSG()
        try:
            while user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
                if msg.message == WM_HOTKEY:
                    self.on_press()
        finally:
            user32.UnregisterHotKey(None, 1)

    def stop(self) -> None:
        if self._thread is None:
            return
        ctypes.WinDLL("user32").PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        self._thread.join(3)
        self._thread = None

"""The global hotkey on X11: XGrabKey on the root window through libX11 (ctypes), on a
connection and thread of its own, so Qt's connection is never touched.

Grabbed also with Caps Lock and Num Lock on (the X server matches modifiers exactly). A held key
counts once: auto-repeat is made detectable (XkbSetDetectableAutoRepeat: repeats come as presses
without releases) and a press while the key is down is a repeat. A key that
another program has grabbed is refused by the server (BadAccess): reported as HotkeyError from
`start()`, never the default Xlib handler, which would end the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import select
import threading
from collections.abc import Callable

from whitephone.hotkey import HotkeyError
from whitephone.hotkey.keys import Hotkey

log = logging.getLogger(__name__)

SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1, 2, 4, 8, 16, 64
MASKS = {"shift": SHIFT, "ctrl": CONTROL, "alt": MOD1, "super": MOD4}
KEY_PRESS, KEY_RELEASE, GRAB_MODE_ASYNC, BAD_ACCESS = 2, 3, 1, 10
# Qt's PortableText names that X spells otherwise (letters are lower case, F-keys and most
# others have the same name)
KEYSYMS = {"Space": "space", "PgUp": "Prior", "PgDown": "Next", "Ins": "Insert", "Del": "Delete",
           "Esc": "Escape", "Return": "Return", "Enter": "KP_Enter", "Backspace": "BackSpace",
           "Print": "Print", "ScrollLock": "Scroll_Lock", "Pause": "Pause", "Menu": "Menu",
           "-": "minus", "=": "equal", ".": "period", ",": "comma", "/": "slash", ";": "semicolon",
           "'": "apostrophe", "[": "bracketleft", "]": "bracketright", "\\": "backslash", "`": "grave",
           "+": "plus", "*": "asterisk"}

_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class _XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


def _libx11():
    name = ctypes.util.find_library("X11")
    if not name:
        raise HotkeyError("no_library", "The global hotkey needs the X11 library (libX11), which is not installed.")
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XStringToKeysym.restype = ctypes.c_ulong
    lib.XStringToKeysym.argtypes = [ctypes.c_char_p]
    lib.XKeysymToKeycode.restype = ctypes.c_ubyte
    lib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    lib.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
                             ctypes.c_int, ctypes.c_int]
    lib.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XkbSetDetectableAutoRepeat.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    lib.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    return lib


class X11Hotkey:
    """Grabs `hotkey` on `display` (default: $DISPLAY) and calls `on_press()` on its thread."""

    def __init__(self, hotkey: Hotkey, on_press: Callable[[], None], display: str | None = None) -> None:
        self.hotkey, self.on_press = hotkey, on_press
        self.display_name = display if display is not None else os.environ.get("DISPLAY", "")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def start(self) -> None:
        """Grab the key (HotkeyError when it cannot be had) and start listening."""
        if not self.display_name:
            raise HotkeyError("no_display", "There is no X display to register the global hotkey with.")
        self.x = x = _libx11()
        self.dpy = x.XOpenDisplay(self.display_name.encode())
        if not self.dpy:
            raise HotkeyError("no_display", f"Cannot reach the X display {self.display_name} for the global hotkey.")
        x.XkbSetDetectableAutoRepeat(self.dpy, 1, None)  # on this connection only
        try:
            self._grab()
        except HotkeyError:
            x.XCloseDisplay(self.dpy)
            raise
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="x11-hotkey", daemon=True)
        self._thread.start()

    def _grab(self) -> None:
        x, key = self.x, self.hotkey.key
        name = KEYSYMS.get(key, key.lower() if len(key) == 1 else key)
        keysym = x.XStringToKeysym(name.encode())
        keycode = x.XKeysymToKeycode(self.dpy, keysym) if keysym else 0
        if not keycode:
            raise HotkeyError("no_key", f"This keyboard has no {key} key for the global hotkey.")
        mods = 0
        for m in self.hotkey.modifiers:
            mods |= MASKS[m]
        self.root = x.XDefaultRootWindow(self.dpy)
        self.grabs = [(keycode, mods | extra) for extra in (0, LOCK, MOD2, LOCK | MOD2)]
        errors: list[int] = []

        def on_error(_dpy, event) -> int:
            errors.append(ctypes.cast(event, ctypes.POINTER(_XErrorEvent)).contents.error_code)
            return 0

        handler = _ERROR_HANDLER(on_error)
        previous = x.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))
        try:
            for code, m in self.grabs:
                x.XGrabKey(self.dpy, code, m, self.root, 1, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC)
            x.XSync(self.dpy, 0)  # the server's refusals arrive now, while our handler is in place
        finally:
            x.XSetErrorHandler(previous)
        if errors:
            for code, m in self.grabs:
                x.XUngrabKey(self.dpy, code, m, self.root)
            x.XSync(self.dpy, 0)
            if BAD_ACCESS in errors:
                raise HotkeyError("taken", "Another program already uses this key combination; choose another hotkey.")
            raise HotkeyError("refused", "The X server refused the global hotkey.")

    def _run(self) -> None:
        x = self.x
        fd = x.XConnectionNumber(self.dpy)
        event = (ctypes.c_long * 24)()  # XEvent: a union of 24 longs; its first int is the type
        down = False
        try:
            while not self._stop.is_set():
                while x.XPending(self.dpy):
                    x.XNextEvent(self.dpy, event)
                    kind = ctypes.cast(event, ctypes.POINTER(ctypes.c_int))[0]
                    if kind == KEY_RELEASE:
                        down = False
                    elif kind == KEY_PRESS and not down:
                        down = True
                        try:
                            self.on_press()
                        except Exception:  # noqa: BLE001 - the listener must outlive a failing handler
                            log.exception("global hotkey handler failed")
                if self._stop.is_set():
                    break
                select.select([fd, self._wake_r], [], [], 1.0)
        finally:
            for code, m in self.grabs:
                x.XUngrabKey(self.dpy, code, m, self.root)
            x.XSync(self.dpy, 0)
            x.XCloseDisplay(self.dpy)

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        os.write(self._wake_w, b"x")
        self._thread.join(3)
        self._thread = None
        os.close(self._wake_r)
        os.close(self._wake_w)

"""The global hotkey on X11: XGrabKey on the root window through libX11 (ctypes), on a
connection and thread of its own, so Qt's connection is never touched.

Grabbed also with Caps Lock and Num Lock on (the X server matches modifiers exactly). A held key
counts once: auto-repeat is made detectable (XkbSetDetectableAutoRepeat: repeats come as presses
without releases), a press while the key is down is a repeat, and only the key's own release ends
it (letting go of Ctrl first, as people do, is reported too, while the key still repeats). A key that
another program has grabbed is refused by the server (BadAccess): reported as HotkeyError from
`start()`, never the default Xlib handler, which would end the process.

The X server going away (restarted, an ssh -X session closed) is an I/O error, and Xlib's
default I/O error handler calls exit(). A handler that returns is allowed since libX11 1.7 when
the display also has an I/O error *exit* handler (XSetIOErrorExitHandler), which returns too:
then the Xlib call returns, the connection is dead, and the grabber's thread closes it and calls
`on_lost()`. Our I/O error handler (installed once, process-wide) hands other displays (Qt's)
to the handler it replaced. An older libX11 has no way to survive it: there the hotkey is refused.

A key is found by its keysym: a character's own (Qt writes "Ctrl+Shift+!" for Ctrl+Shift+1 on a
US keyboard, "Ctrl+Alt+?" for Ctrl+Alt+Shift+/), else the named ones below; a keysym only on the
Shift level of its key is grabbed with Shift.
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
# Qt's PortableText names that X spells otherwise (F-keys and most others have the same name;
# one character is its own keysym, see _keysym)
KEYSYMS = {"Space": "space", "PgUp": "Prior", "PgDown": "Next", "Ins": "Insert", "Del": "Delete",
           "Esc": "Escape", "Return": "Return", "Enter": "KP_Enter", "Backspace": "BackSpace",
           "Print": "Print", "ScrollLock": "Scroll_Lock", "Pause": "Pause", "Menu": "Menu",
           "Backtab": "ISO_Left_Tab", "Media Play": "XF86AudioPlay", "Media Pause": "XF86AudioPause",
           "Toggle Media Play/Pause": "XF86AudioPlay", "Media Stop": "XF86AudioStop",
           "Media Next": "XF86AudioNext", "Media Previous": "XF86AudioPrev"}

_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_IO_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_IO_EXIT_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class _XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


class _XKeyEvent(ctypes.Structure):
    """Xlib's XKeyEvent (the start of the XEvent union for key presses and releases)."""
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("root", ctypes.c_ulong),
                ("subwindow", ctypes.c_ulong), ("time", ctypes.c_ulong), ("x", ctypes.c_int), ("y", ctypes.c_int),
                ("x_root", ctypes.c_int), ("y_root", ctypes.c_int), ("state", ctypes.c_uint),
                ("keycode", ctypes.c_uint), ("same_screen", ctypes.c_int)]


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
    lib.XSetIOErrorHandler.restype = ctypes.c_void_p
    lib.XSetIOErrorHandler.argtypes = [ctypes.c_void_p]
    lib.XkbKeycodeToKeysym.restype = ctypes.c_ulong
    lib.XkbKeycodeToKeysym.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.c_int]
    if hasattr(lib, "XSetIOErrorExitHandler"):  # libX11 1.7 and later
        lib.XSetIOErrorExitHandler.restype = None
        lib.XSetIOErrorExitHandler.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    return lib


class _IOGuard:
    """The process-wide I/O error handler: our displays' errors are noted and returned from (their
    exit handler returns too), any other display's go to the handler that was there before."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ours: dict[int, X11Hotkey] = {}  # display pointer -> its grabber
        self.lib = None
        self.previous = None

    def install(self, lib) -> None:
        with self.lock:
            if self.lib is None:
                self.handler = _IO_ERROR_HANDLER(self._io_error)
                self.exit_handler = _IO_EXIT_HANDLER(self._exit)
                prev = lib.XSetIOErrorHandler(ctypes.cast(self.handler, ctypes.c_void_p))
                self.previous = _IO_ERROR_HANDLER(prev) if prev else None
                self.lib = lib

    def add(self, dpy: int, grabber: X11Hotkey) -> None:
        with self.lock:
            self.ours[dpy] = grabber
        self.lib.XSetIOErrorExitHandler(dpy, ctypes.cast(self.exit_handler, ctypes.c_void_p), None)

    def remove(self, dpy: int) -> None:
        with self.lock:
            self.ours.pop(dpy, None)

    def _io_error(self, dpy) -> int:
        with self.lock:
            grabber = self.ours.get(dpy)
        if grabber is None:
            if self.previous is not None:
                return self.previous(dpy)
            return 0
        grabber.dead = True
        return 0

    def _exit(self, dpy, _data) -> None:
        with self.lock:
            grabber = self.ours.get(dpy)
        if grabber is not None:
            grabber.dead = True


_GUARD = _IOGuard()


def _keysym(x, key: str) -> int:
    """The keysym of Qt's key name: a character's own (Latin-1 keysyms are their code, others
    0x01000000 + the code point; letters in lower case, as on the key), else by X's name."""
    if len(key) == 1:
        cp = ord(key.lower() if key.isalpha() else key)
        return cp if 0x20 <= cp <= 0x7E or 0xA0 <= cp <= 0xFF else 0x01000000 | cp
    return x.XStringToKeysym(KEYSYMS.get(key, key).encode())


class X11Hotkey:
    """Grabs `hotkey` on `display` (default: $DISPLAY) and calls `on_press()` on its thread."""

    def __init__(self, hotkey: Hotkey, on_press: Callable[[], None], display: str | None = None,
                 on_lost: Callable[[], None] | None = None) -> None:
        self.hotkey, self.on_press, self.on_lost = hotkey, on_press, on_lost
        self.dead = False  # the X connection broke (set from Xlib's I/O error handlers)
        self.display_name = display if display is not None else os.environ.get("DISPLAY", "")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def start(self) -> None:
        """Grab the key (HotkeyError when it cannot be had) and start listening."""
        if not self.display_name:
            raise HotkeyError("no_display", "There is no X display to register the global hotkey with.")
        self.x = x = _libx11()
        if not hasattr(x, "XSetIOErrorExitHandler"):
            raise HotkeyError("old_library", "The global hotkey needs libX11 1.7 or later: with an older one the "
                                             "X server going away would end WhitePhone.")
        _GUARD.install(x)
        self.dpy = x.XOpenDisplay(self.display_name.encode())
        if not self.dpy:
            raise HotkeyError("no_display", f"Cannot reach the X display {self.display_name} for the global hotkey.")
        _GUARD.add(self.dpy, self)
        x.XkbSetDetectableAutoRepeat(self.dpy, 1, None)  # on this connection only
        try:
            self._grab()
            if self.dead:
                raise HotkeyError("no_display", f"The X display {self.display_name} went away.")
        except HotkeyError:
            self._close()
            raise
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._run, name="x11-hotkey", daemon=True)
        self._thread.start()

    def _grab(self) -> None:
        x, key = self.x, self.hotkey.key
        keysym = _keysym(x, key)
        keycode = x.XKeysymToKeycode(self.dpy, keysym) if keysym else 0
        if not keycode:
            raise HotkeyError("no_key", f"This keyboard has no {key} key for the global hotkey.")
        mods = 0
        for m in self.hotkey.modifiers:
            mods |= MASKS[m]
        if x.XkbKeycodeToKeysym(self.dpy, keycode, 0, 0) != keysym and x.XkbKeycodeToKeysym(self.dpy, keycode, 0, 1) == keysym:
            mods |= SHIFT  # "?" is Shift and the "/" key
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
        key = ctypes.cast(event, ctypes.POINTER(_XKeyEvent)).contents
        down = False
        released_at = None  # the server time of the last release
        codes = {code for code, _ in self.grabs}  # the grabbed key: the grab also reports modifiers' releases
        try:
            while not self._stop.is_set() and not self.dead:
                while not self.dead and x.XPending(self.dpy):
                    x.XNextEvent(self.dpy, event)
                    kind = key.type
                    if kind == KEY_RELEASE and key.keycode in codes:  # not a modifier let go first
                        down, released_at = False, key.time
                    elif kind == KEY_PRESS:
                        # where auto-repeat is not detectable after all (a busy server has been
                        # seen to send one), a repeat is a release and a press at one server time
                        repeat = down or (released_at is not None and key.time - released_at <= 1)
                        down = True
                        if repeat:
                            continue
                        try:
                            self.on_press()
                        except Exception:  # noqa: BLE001 - the listener must outlive a failing handler
                            log.exception("global hotkey handler failed")
                if self._stop.is_set() or self.dead:
                    break
                select.select([fd, self._wake_r], [], [], 1.0)
        finally:
            if not self.dead:
                for code, m in self.grabs:
                    x.XUngrabKey(self.dpy, code, m, self.root)
                x.XSync(self.dpy, 0)
            self._close()
        if self.dead and not self._stop.is_set():
            log.warning("global hotkey: the X display %s went away", self.display_name)
            if self.on_lost is not None:
                self.on_lost()

    def _close(self) -> None:
        self.x.XCloseDisplay(self.dpy)  # (no requests on a broken connection: Xlib knows it broke)
        _GUARD.remove(self.dpy)

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        os.write(self._wake_w, b"x")
        self._thread.join(3)
        self._thread = None
        os.close(self._wake_r)
        os.close(self._wake_w)

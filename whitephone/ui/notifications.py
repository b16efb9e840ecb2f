"""The window's desktop notifications with action buttons (whitephone/notifications.py over the
session bus): an incoming call with Answer and Decline, and the tray's notifications (messages,
reminders) whose click opens the right place.

Where there is no notification server or it shows no action buttons (GetCapabilities), or
outside Linux and the BSDs, `notify` returns 0 and the caller uses the tray's balloon
(QSystemTrayIcon.showMessage) as before. Windows toast actions are not done (they need a
registered AppUserModelID and COM activation).

A notification the server refuses, or does not answer in time, goes to the tray's balloon; only
REFUSALS in a row (or a server that leaves the bus, or a lost bus) turn the server off, and then
its capabilities are asked again after RECHECK_MS. An incoming call's buttons act on that ringing
call only (its window, not its call id, which the engine gives again to a later call).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from whitephone.notifications import FreedesktopNotifications

URGENCY_CRITICAL = 2
REFUSALS = 3  # failed notifications in a row before the tray takes over
RECHECK_MS = 60_000  # then the server's capabilities are asked again this much later


class Notifier(QObject):
    """`ready` becomes True once a notification server that shows action buttons answered."""

    shown = Signal(int, int)  # token, id (0: refused); all four emitted on the client's thread
    actionInvoked = Signal(int, str)
    closed = Signal(int, int)
    readyChanged = Signal(bool)

    def __init__(self, window, bus: str = "SESSION") -> None:
        super().__init__(window)
        self.window = window
        self.ready = False
        self.entries: dict[int, dict[str, Callable[[], None] | None]] = {}  # token -> action key -> what it does
        self.ids: dict[int, int] = {}  # notification id -> token
        self.tokens: dict[int, int] = {}  # token -> notification id, once shown
        self.cancelled: set[int] = set()  # closed before the server gave its id
        self.calls: dict[int, tuple[int, object]] = {}  # token -> (call id, its ringing window)
        self.fallbacks: dict[int, tuple] = {}  # token -> (title, text, on_click) until the server took it
        self.failures = 0  # notifications refused or unanswered in a row
        self.recheck = QTimer(self)
        self.recheck.setSingleShot(True)
        self.recheck.setInterval(RECHECK_MS)
        self.recheck.timeout.connect(self.client_recheck)
        self.shown.connect(self._shown)
        self.actionInvoked.connect(self._action)
        self.closed.connect(self._closed)
        self.readyChanged.connect(self._ready)
        self.client = FreedesktopNotifications(self.shown.emit, self.actionInvoked.emit, self.closed.emit, bus,
                                               on_ready=self.readyChanged.emit)
        if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
            self.client.start()
        window.engineEvent.connect(self._engine_event)

    def _ready(self, ok: bool) -> None:
        self.ready = ok and self.client.has_actions
        if ok:
            self.failures = 0
        else:  # the server (or the bus) is gone: its notification ids mean nothing any more
            self.ids.clear()
            self.tokens.clear()
            self.calls.clear()
            self.entries = {t: e for t, e in self.entries.items() if t in self.fallbacks}

    def client_recheck(self) -> None:
        self.client.recheck()

    def stop(self) -> None:
        self.recheck.stop()
        self.client.stop()

    # -- showing --------------------------------------------------------------------------
    def notify(self, title: str, text: str, on_click: Callable[[], None] | None = None,
               actions: dict[str, tuple[str, Callable[[], None]]] | None = None, urgency: int | None = None,
               timeout_ms: int = -1) -> int:
        """Show a notification: clicking it runs `on_click`, a button runs its action. Returns
        a token for `close`, 0 when the caller should use the tray instead."""
        if not self.ready:
            return 0
        acts = [("default", self.tr("Open"))] + [(k, label) for k, (label, _fn) in (actions or {}).items()]
        token = self.client.notify(title, text, acts, timeout_ms=timeout_ms, urgency=urgency,
                                   icon="whitephone")
        if token:
            self.entries[token] = {"default": on_click, **{k: fn for k, (_l, fn) in (actions or {}).items()}}
            self.fallbacks[token] = (title, text, on_click)
        return token

    def close(self, token: int) -> None:
        nid = self.tokens.get(token)
        if nid:
            self.client.close(nid)
        elif token in self.entries:
            self.cancelled.add(token)

    def incoming_call(self, controller, call_id: int, caller: str, detail: str) -> bool:
        """An incoming call with Answer and Decline; closed once it stops ringing. Its buttons
        act on this ringing call only: bound to its ringing window, not to the call id alone."""
        ringing = controller.incoming.get(call_id)
        token = self.notify(
            self.tr("Incoming call"), f"{caller}\n{detail}".strip(),
            on_click=lambda: controller.raise_ringing(call_id),
            actions={"answer": (self.tr("Answer"), lambda: self._answer(controller, call_id, ringing)),
                     "decline": (self.tr("Decline"), lambda: self._decline(controller, call_id, ringing))},
            urgency=URGENCY_CRITICAL, timeout_ms=0)
        if token:
            self.calls[token] = (call_id, ringing)
        return bool(token)

    @staticmethod
    def _answer(controller, call_id: int, ringing) -> None:
        if ringing is not None and controller.incoming.get(call_id) is ringing:  # still this call, ringing
            controller.accept(call_id)

    @staticmethod
    def _decline(controller, call_id: int, ringing) -> None:
        if ringing is not None and controller.incoming.get(call_id) is ringing:
            ringing.decline_btn.click()

    def _engine_event(self, _ev: dict) -> None:
        """A call answered, declined or hung up by the caller: its notification goes."""
        ctl = getattr(self.window, "calls", None)
        for token in [t for t, (c, ringing) in self.calls.items() if ctl is None or ctl.incoming.get(c) is not ringing]:
            del self.calls[token]
            self.close(token)

    # -- the server's answers -------------------------------------------------------------
    def _shown(self, token: int, nid: int) -> None:
        fallback = self.fallbacks.pop(token, None)
        if not nid:  # refused, unanswered, or the server has gone: this one to the tray
            self.entries.pop(token, None)
            self.failures += 1
            if self.failures >= REFUSALS and self.ready:  # the tray from now on, the server asked again later
                self.ready = False
                self.recheck.start()
            tray = getattr(self.window, "tray", None)
            if tray is not None and fallback is not None and token not in self.cancelled:
                tray.balloon(*fallback)
            self.cancelled.discard(token)
            return
        self.failures = 0
        self.ids[nid], self.tokens[token] = token, nid
        if token in self.cancelled:
            self.cancelled.discard(token)
            self.client.close(nid)

    def _action(self, nid: int, key: str) -> None:
        token = self.ids.get(nid)
        fn = self.entries.get(token, {}).get(key) if token else None
        if fn is not None:
            fn()
        elif key == "default" and token:
            self.window.bring_to_front()

    def _closed(self, nid: int, _reason: int) -> None:
        token = self.ids.pop(nid, None)
        if token is not None:
            self.entries.pop(token, None)
            self.tokens.pop(token, None)
            self.calls.pop(token, None)


def desktop_notify(window, title: str, text: str, on_click: Callable[[], None] | None = None) -> bool:
    """A notification through the tray (which uses the notification server where it can), or
    the notification server alone where the desktop has no tray (GNOME); False where neither."""
    tray = getattr(window, "tray", None)
    if tray is not None:
        tray.notify(title, text, on_click)
        return True
    notifier = getattr(window, "notifier", None)
    return bool(notifier is not None and notifier.notify(title, text, on_click))


def install(window) -> Notifier:
    return Notifier(window)

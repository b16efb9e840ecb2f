"""Desktop notifications with actions: the freedesktop Notifications D-Bus API
(org.freedesktop.Notifications, Desktop Notifications Specification 1.2) over the session bus,
with jeepney (pure Python, MIT). No Qt here: `ui/notifications.py` is the window's side.

One thread owns one bus connection: it sends what `notify`/`close` queue, and reads the replies
(a notification's id) and the server's signals, ActionInvoked and NotificationClosed, calling
`on_shown(token, id)`, `on_action(id, key)` and `on_closed(id, reason)` on that thread.
`start()` connects on that thread (a bus that starts a server on demand may take a while) and
calls `on_ready(ok)`: whether a server is there; `has_actions` whether it shows action buttons
(GetCapabilities "actions"). Without them the window falls back to the tray's balloon.

Only the server is believed: any program on the session bus can emit a signal with the
Notifications interface and path, so a signal counts only from the unique name that owns
org.freedesktop.Notifications (GetNameOwner, followed through NameOwnerChanged; the match rules
also name the sender). A Notify with no reply within NOTIFY_TIMEOUT gives `on_shown(token, 0)`
(the caller falls back) and the late notification, if it comes, is withdrawn. A lost bus or a
server that leaves the bus calls `on_ready(False)` and hands every notification still waiting
to `on_shown(token, 0)`; a server that takes the name again calls `on_ready(True)` once it said
what it can do. `recheck()` asks the server's capabilities again.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CLOSED_EXPIRED, CLOSED_DISMISSED, CLOSED_BY_CALL = 1, 2, 3
NOTIFY_TIMEOUT = 3.0  # seconds a Notify may take before the notification goes to the tray
_CAPS = -1  # the token of a GetCapabilities call (recheck, a new server)


class FreedesktopNotifications:
    def __init__(self, on_shown: Callable[[int, int], None], on_action: Callable[[int, str], None],
                 on_closed: Callable[[int, int], None], bus: str = "SESSION", app_name: str = "WhitePhone",
                 on_ready: Callable[[bool], None] | None = None) -> None:
        self.on_shown, self.on_action, self.on_closed = on_shown, on_action, on_closed
        self.on_ready = on_ready
        self.bus, self.app_name = bus, app_name
        self.capabilities: list[str] = []
        self.server = ""  # "name vendor version" of the notification server
        self.owner = ""  # the server's unique name on the bus: signals from anyone else are not believed
        self._conn = None
        self._late: set[int] = set()  # serials of Notify calls given up on: their notification is withdrawn
        self._out: queue.SimpleQueue = queue.SimpleQueue()
        self._tokens = itertools.count(1)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def has_actions(self) -> bool:
        return "actions" in self.capabilities

    def start(self) -> None:
        """Connect and serve on the thread; `on_ready(ok)` says how it went."""
        self._thread = threading.Thread(target=self._open_and_run, name="notifications", daemon=True)
        self._thread.start()

    def _open_and_run(self) -> None:
        ok = self.open(thread=False)
        if self.on_ready is not None:
            self.on_ready(ok)
        if ok:
            self._run()

    def open(self, timeout: float = 2.0, thread: bool = True) -> bool:
        """Connect and ask the server what it can do; False when there is no bus or no server.
        `thread`: start serving on a thread of its own (else the caller runs `_run`)."""
        try:
            from jeepney import DBusAddress, DBusErrorResponse, MatchRule, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:
            return False
        try:
            conn = open_dbus_connection(self.bus)
        except (OSError, KeyError, ValueError) as exc:  # no session bus (KeyError: no address in the environment)
            log.info("no session bus for notifications: %s", exc)
            return False
        self._addr = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        self._new_call = new_method_call
        try:
            caps = conn.send_and_get_reply(new_method_call(self._addr, "GetCapabilities"), timeout=timeout)
            info = conn.send_and_get_reply(new_method_call(self._addr, "GetServerInformation"), timeout=timeout)
            if caps.header.message_type.name != "method_return":
                raise OSError(str(caps.body))
            self.capabilities = list(caps.body[0])
            if info.header.message_type.name == "method_return":
                self.server = " ".join(info.body[:3])
            self.owner = conn.bus_proxy.GetNameOwner(SERVICE, _timeout=timeout)[0]
            for member in ("ActionInvoked", "NotificationClosed"):
                rule = MatchRule(type="signal", sender=SERVICE, interface=SERVICE, member=member, path=PATH)
                conn.bus_proxy.AddMatch(rule, _timeout=timeout)
            rule = MatchRule(type="signal", sender="org.freedesktop.DBus", interface="org.freedesktop.DBus",
                             member="NameOwnerChanged", path="/org/freedesktop/DBus")
            rule.add_arg_condition(0, SERVICE)
            conn.bus_proxy.AddMatch(rule, _timeout=timeout)
        except (OSError, TimeoutError, DBusErrorResponse) as exc:  # nobody owns the name, or it does not answer
            log.info("no notification server: %s", exc)
            conn.close()
            return False
        self._conn = conn
        if thread:
            self._thread = threading.Thread(target=self._run, name="notifications", daemon=True)
            self._thread.start()
        return True

    def notify(self, summary: str, body: str, actions: list[tuple[str, str]] = (), timeout_ms: int = -1,
               urgency: int | None = None, category: str = "", icon: str = "", replaces: int = 0) -> int:
        """Queue a notification; returns our token, given back with its id to `on_shown` (0 when
        not open)."""
        if self._conn is None or self._stop.is_set():
            return 0
        token = next(self._tokens)
        flat = [s for pair in actions for s in pair]
        hints = {}
        if urgency is not None:
            hints["urgency"] = ("y", urgency)
        if category:
            hints["category"] = ("s", category)
        msg = self._new_call(self._addr, "Notify", "susssasa{sv}i",
                             (self.app_name, replaces, icon, summary, body, flat, hints, timeout_ms))
        self._out.put((token, msg))
        return token

    def close(self, notification_id: int) -> None:
        if self._conn is None or not notification_id:
            return
        self._out.put((0, self._new_call(self._addr, "CloseNotification", "u", (notification_id,))))

    def recheck(self) -> None:
        """Ask the server what it can do again; `on_ready(ok)` with the answer."""
        if self._conn is not None:
            self._out.put((_CAPS, self._new_call(self._addr, "GetCapabilities")))

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None

    # -- the thread -----------------------------------------------------------------------
    def _run(self) -> None:
        conn = self._conn
        waiting: dict[int, tuple[int, float]] = {}  # serial of a call -> (our token, reply deadline)
        try:
            while not self._stop.is_set():
                while True:
                    try:
                        token, msg = self._out.get_nowait()
                    except queue.Empty:
                        break
                    serial = next(conn.outgoing_serial)
                    if token:
                        waiting[serial] = (token, time.monotonic() + NOTIFY_TIMEOUT)
                    conn.send(msg, serial=serial)
                now = time.monotonic()
                for serial in [s for s, (_t, deadline) in waiting.items() if deadline <= now]:
                    token, _deadline = waiting.pop(serial)
                    log.warning("the notification server did not answer in %.0f s", NOTIFY_TIMEOUT)
                    if token == _CAPS:
                        self._set_ready(False)
                    else:
                        self._late.add(serial)
                        self.on_shown(token, 0)
                try:
                    msg = conn.receive(timeout=0.1)
                except TimeoutError:
                    continue
                self._handle(msg, waiting)
        except (OSError, ConnectionError) as exc:  # the bus went away
            log.warning("notifications' bus connection lost: %s; the tray's balloon from now on", exc)
        finally:
            conn.close()
            self._conn = None
            if not self._stop.is_set():
                self._give_up(waiting)

    def _give_up(self, waiting: dict[int, tuple[int, float]]) -> None:
        """The bus is gone: whatever waits for the server goes to the tray, and so does the rest."""
        tokens = [t for t, _d in waiting.values()]
        while True:
            try:
                tokens.append(self._out.get_nowait()[0])
            except queue.Empty:
                break
        self._set_ready(False)
        for token in tokens:
            if token > 0:
                self.on_shown(token, 0)

    def _set_ready(self, ok: bool) -> None:
        if self.on_ready is not None:
            self.on_ready(ok)

    def _handle(self, msg, waiting: dict[int, tuple[int, float]]) -> None:
        from jeepney import HeaderFields

        kind = msg.header.message_type.name
        fields = msg.header.fields
        if kind in ("method_return", "error"):
            serial = fields.get(HeaderFields.reply_serial)
            if serial in self._late:  # shown after we gave up on it: the tray showed it already
                self._late.discard(serial)
                if kind == "method_return" and msg.body and int(msg.body[0]):
                    self.close(int(msg.body[0]))
                return
            token, _deadline = waiting.pop(serial, (None, 0))
            if token is None:
                return
            if token == _CAPS:
                self.capabilities = list(msg.body[0]) if kind == "method_return" else []
                self._set_ready(kind == "method_return")
            elif kind == "error":
                log.warning("notification refused: %s %s", fields.get(HeaderFields.error_name), msg.body)
                self.on_shown(token, 0)
            else:
                self.on_shown(token, int(msg.body[0]))
        elif kind == "signal" and fields.get(HeaderFields.member) == "NameOwnerChanged" \
                and fields.get(HeaderFields.sender) == "org.freedesktop.DBus" and msg.body[0] == SERVICE:
            self.owner = str(msg.body[2])
            log.info("notification server %s", "now " + self.owner if self.owner else "gone")
            self._set_ready(False)  # our notifications went with the old server; its ids mean nothing now
            if self.owner:  # a new server: ready again once it says what it can do
                self.recheck()
        elif kind == "signal" and fields.get(HeaderFields.interface) == SERVICE:
            if not self.owner or fields.get(HeaderFields.sender) != self.owner:
                log.warning("ignored a Notifications signal from %s, not the server",
                            fields.get(HeaderFields.sender))
                return
            member = fields.get(HeaderFields.member)
            if member == "ActionInvoked":
                self.on_action(int(msg.body[0]), str(msg.body[1]))
            elif member == "NotificationClosed":
                self.on_closed(int(msg.body[0]), int(msg.body[1]))

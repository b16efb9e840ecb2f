"""A private D-Bus session bus (dbus-daemon) and a notification server on it.

The server is the interface boundary the Desktop Notifications Specification defines: it
answers GetCapabilities, GetServerInformation, Notify and CloseNotification as a desktop's
server does, records what it was asked to show, and a test "clicks" an action (ActionInvoked,
then NotificationClosed as the spec says) or dismisses a notification."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import threading

import pytest
from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.io.blocking import open_dbus_connection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class SessionBus:
    def __init__(self) -> None:
        if not shutil.which("dbus-daemon"):
            pytest.skip("needs dbus-daemon (Debian dbus; make deb-deps)")
        self.proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                     stdout=subprocess.PIPE, text=True)
        self.address = self.proc.stdout.readline().strip()
        if not self.address:
            self.proc.kill()
            raise RuntimeError("dbus-daemon did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class NotificationServer:
    """Owns org.freedesktop.Notifications on `bus`; `shown` holds every Notify call's arguments."""

    def __init__(self, bus: str, capabilities=("actions", "body")) -> None:
        self.conn = open_dbus_connection(bus)
        self.capabilities = list(capabilities)
        self.shown: dict[int, dict] = {}
        self.closed: list[int] = []
        self.ids = itertools.count(1)
        self.lock = threading.Condition()
        self._out: list = []
        self._stop = threading.Event()
        reply = self.conn.bus_proxy.RequestName(SERVICE, 4)  # DO_NOT_QUEUE
        assert reply[0] == 1, reply
        self.emitter = DBusAddress(PATH, interface=SERVICE)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            with self.lock:
                out, self._out = self._out, []
            for m in out:
                self.conn.send(m)
            try:
                msg = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except (OSError, ConnectionError):  # the bus went away (a test kills it)
                return
            if msg.header.message_type != MessageType.method_call:
                continue
            member = msg.header.fields.get(HeaderFields.member)
            if member == "GetCapabilities":
                self.conn.send(new_method_return(msg, "as", (self.capabilities,)))
            elif member == "GetServerInformation":
                self.conn.send(new_method_return(msg, "ssss", ("test-server", "WhitePhone tests", "1", "1.2")))
            elif member == "Notify":
                app, replaces, icon, summary, body, actions, hints, timeout = msg.body
                nid = replaces or next(self.ids)
                with self.lock:
                    self.shown[nid] = {"app": app, "summary": summary, "body": body, "icon": icon,
                                       "actions": dict(zip(actions[::2], actions[1::2], strict=False)),
                                       "hints": hints, "timeout": timeout}
                    self.lock.notify_all()
                self.conn.send(new_method_return(msg, "u", (nid,)))
            elif member == "CloseNotification":
                nid = msg.body[0]
                self.conn.send(new_method_return(msg))
                self._closed(nid, 3)
            else:
                self.conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    def _closed(self, nid: int, reason: int) -> None:
        with self.lock:
            if nid in self.shown and nid not in self.closed:
                self.closed.append(nid)
                self._out.append(new_signal(self.emitter, "NotificationClosed", "uu", (nid, reason)))
            self.lock.notify_all()

    def click(self, nid: int, action: str) -> None:
        """The user clicked one of the notification's buttons (or the body: "default")."""
        with self.lock:
            self._out.append(new_signal(self.emitter, "ActionInvoked", "us", (nid, action)))
        self._closed(nid, 2)

    def wait_shown(self, n: int, timeout: float = 10) -> dict[int, dict]:
        with self.lock:
            assert self.lock.wait_for(lambda: len(self.shown) >= n, timeout), self.shown
            return dict(self.shown)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(2)
        self.conn.close()


@pytest.fixture
def session_bus(monkeypatch):
    bus = SessionBus()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    yield bus
    bus.stop()


@pytest.fixture
def notification_server(session_bus):
    server = NotificationServer(session_bus.address)
    yield server
    server.stop()

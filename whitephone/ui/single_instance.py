"""One WhitePhone window per profile: a second start hands its request to the running one.

The first process to start for a profile holds `instance.lock` (a QLockFile in the profile
folder; a lock left by a crashed process is taken over) and listens on a local socket whose
name is derived from the profile folder, so two profiles never collide: a Unix-domain socket in
the temporary folder, readable by this user only, served from Qt's event loop by a
QSocketNotifier (QtNetwork's QLocalServer cost the window ~3 MiB resident at idle: issue 18); on
Windows (no AF_UNIX in Python) QtNetwork's QLocalServer, a named pipe. Any later process
(`whitephone`, `whitephone call URI`, a desktop URL handler) connects and sends one JSON line:

    {"action": "raise"}                 bring the window to the front
    {"action": "call", "uri": "tel:…", "source": "firefox"}
                                        ask to dial (naming the program that asked), then
                                        bring the window to the front

and reads one JSON line back: {"ok": true} or {"ok": false, "error": "…"}.
The client side needs no QApplication, so handing over a URI starts no GUI.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import socket
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
MAX_MESSAGE = 64 * 1024
UNIX_SOCKETS = hasattr(socket, "AF_UNIX")  # False on Windows: QtNetwork's named pipes there


# what stands between the program that asked and us: shells, openers, the interpreter
_GO_BETWEENS = {"sh", "bash", "dash", "zsh", "fish", "env", "xdg-open", "gio", "gio-launch-desktop", "kde-open",
                "kde-open5", "kioclient", "kioclient5", "exo-open", "whitephone", "timeout", "flatpak-spawn"}


def link_source() -> str:
    """The name of the program that asked for this call (a browser, a mail client), walking up
    past shells and URL openers; "" if it cannot be told."""
    try:
        import psutil

        proc = psutil.Process().parent()
        while proc is not None:
            name = proc.name()
            if name not in _GO_BETWEENS and not name.startswith("python") and proc.pid > 1:
                return name
            proc = proc.parent()
    except Exception:  # noqa: BLE001 - psutil missing, a process gone, no permission: unknown
        pass
    return ""


def profile_root(profile: Path | str | None) -> Path:
    """The profile folder as Profile.open resolves it (created if missing)."""
    from whitephone.profile import profile_dir

    return profile_dir(profile).resolve()


def server_name(root: Path) -> str:
    """A local socket name unique to this user and profile folder (short enough for AF_UNIX)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (containers): the folder alone
        user = ""
    digest = hashlib.sha256(f"{user}\0{root}".encode()).hexdigest()[:20]
    return f"whitephone-{digest}"


def socket_path(name: str) -> Path:
    """Where the instance's Unix-domain socket is (the temporary folder, as Qt's local sockets)."""
    return Path(tempfile.gettempdir()) / name


def send(root: Path, message: dict, timeout: float = 10.0) -> dict | None:
    """Deliver `message` to the instance running for this profile; its reply, or None when no
    instance answers within `timeout` seconds (retried meanwhile: it may still be starting)."""
    if not UNIX_SOCKETS:
        return _send_qt(root, message, timeout)
    path = str(socket_path(server_name(root)))
    end = time.monotonic() + timeout
    while True:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1.0)
            try:
                sock.connect(path)
                connected = True
            except OSError:  # not there yet, or a socket file nobody listens on
                connected = False
            if connected:
                return _exchange(sock, message, end)
        if time.monotonic() >= end:
            return None
        time.sleep(0.1)


def _exchange(sock: socket.socket, message: dict, end: float) -> dict | None:
    reply = b""
    try:
        sock.settimeout(2.0)
        sock.sendall(json.dumps(message).encode() + b"\n")
        while not reply.endswith(b"\n") and len(reply) <= MAX_MESSAGE:
            sock.settimeout(max(0.001, end - time.monotonic()))
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    except OSError:  # timed out or reset: what came so far
        pass
    try:
        return json.loads(reply) if reply else None
    except ValueError:
        return None


def _send_qt(root: Path, message: dict, timeout: float) -> dict | None:
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(root)
    end = time.monotonic() + timeout
    while True:
        sock = QLocalSocket()
        sock.connectToServer(name)
        if sock.waitForConnected(1000):
            sock.write(json.dumps(message).encode() + b"\n")
            sock.waitForBytesWritten(2000)
            reply = b""
            while not reply.endswith(b"\n") and sock.waitForReadyRead(max(1, int((end - time.monotonic()) * 1000))):
                reply += bytes(sock.readAll().data())
            sock.disconnectFromServer()
            try:
                return json.loads(reply) if reply else None
            except ValueError:
                return None
        if time.monotonic() >= end:
            return None
        time.sleep(0.1)


class SingleInstance(QObject):
    """The running instance's side: `claim()` once at start-up, then `messageReceived` for each
    request. The reply goes out before the request is acted on, so a dialog the request opens
    never keeps the other process waiting."""

    messageReceived = Signal(dict)

    def __init__(self, root: Path, parent=None) -> None:
        super().__init__(parent)
        self.root = root
        self.name = server_name(root)
        self._lock = QLockFile(str(root / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._server = None  # Windows: a QLocalServer
        self._sock: socket.socket | None = None  # elsewhere: the listening Unix-domain socket
        self._notifier: QSocketNotifier | None = None
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}

    def claim(self) -> bool:
        """True when this process is now the instance for the profile (and listens); False when
        another process already is."""
        if not self.try_lock():
            return False
        self.listen()
        return True

    def try_lock(self) -> bool:
        """Take the profile's instance lock (no QApplication needed). False: another process has it."""
        return self._lock.isLocked() or self._lock.tryLock(0)

    def listen(self) -> bool:
        """Accept requests from later starts (after QApplication exists). Call once locked."""
        if not UNIX_SOCKETS:
            return self._listen_qt()
        path = socket_path(self.name)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # a socket file left by a crashed instance (we hold the lock)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o177)  # this user only (as QLocalServer's UserAccessOption)
        try:
            sock.bind(str(path))
            sock.listen(8)
        except OSError as exc:
            sock.close()
            log.warning("single instance: cannot listen on %s: %s", path, exc)
            return False  # still the instance; later starts time out and say so
        finally:
            os.umask(mask)
        sock.setblocking(False)
        self._sock = sock
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept_unix)
        return True

    def _accept_unix(self, *_args) -> None:
        while self._sock is not None:
            try:
                conn, _ = self._sock.accept()
            except OSError:  # nothing more waiting (or a client gone already)
                return
            conn.setblocking(False)
            notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
            self._clients[conn.fileno()] = (conn, notifier, bytearray())
            notifier.activated.connect(lambda *_a, fd=conn.fileno(): self._read_unix(fd))

    def _read_unix(self, fd: int) -> None:
        conn, notifier, buf = self._clients.get(fd, (None, None, None))
        if conn is None:
            return
        try:
            chunk = conn.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        buf += chunk
        if chunk and len(buf) <= MAX_MESSAGE and b"\n" not in buf:
            return  # more to come
        notifier.setEnabled(False)
        notifier.deleteLater()
        del self._clients[fd]
        try:
            if b"\n" in buf and len(buf) <= MAX_MESSAGE:  # too long: dropped without an answer
                line = bytes(buf).split(b"\n", 1)[0]
                conn.settimeout(2.0)
                conn.sendall(json.dumps(self._handle(line)).encode() + b"\n")
        except OSError as exc:  # the other side gave up
            log.info("single instance: reply not delivered: %s", exc)
        finally:
            conn.close()

    def _listen_qt(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a socket file left by a crashed instance
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return False  # still the instance; later starts time out and say so
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    @property
    def listening(self) -> bool:
        if self._sock is not None:
            return True
        return self._server is not None and self._server.isListening()

    def release(self) -> None:
        if self._sock is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
            for conn, notifier, _buf in self._clients.values():
                notifier.setEnabled(False)
                conn.close()
            self._clients.clear()
            self._sock.close()
            self._sock = None
            with contextlib.suppress(OSError):
                socket_path(self.name).unlink()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _accept(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            buf = bytearray()

            def read(sock=sock, buf=buf) -> None:
                buf += bytes(sock.readAll().data())
                if len(buf) > MAX_MESSAGE:
                    sock.abort()
                    return
                if b"\n" in buf:
                    line = bytes(buf).split(b"\n", 1)[0]
                    sock.write(json.dumps(self._handle(line)).encode() + b"\n")
                    sock.flush()
                    sock.disconnectFromServer()

            sock.readyRead.connect(read)
            sock.disconnected.connect(sock.deleteLater)

    def _handle(self, line: bytes) -> dict:
        try:
            message = json.loads(line)
        except ValueError:
            return {"ok": False, "error": "not JSON"}
        if not isinstance(message, dict) or message.get("action") not in ("raise", "call"):
            return {"ok": False, "error": "unknown request"}
        if message["action"] == "call" and not isinstance(message.get("uri"), str):
            return {"ok": False, "error": "no uri"}
        QTimer.singleShot(0, lambda: self.messageReceived.emit(message))
        return {"ok": True}

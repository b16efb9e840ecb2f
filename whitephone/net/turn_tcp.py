"""TURN over TCP for pjnath, spoken over UDP on loopback.

pjnath's own TURN-over-TCP client in the pjsua2 wheel (2.15) crashes when an allocation is
released while another packet waits in the same TCP read (pjproject issue 5119, fixed by PR 5139
after the wheel was built): about one call in three ended in a segmentation fault here. So pjnath
always speaks TURN over UDP, to this adapter on 127.0.0.1, and the adapter carries each datagram
over its own TCP connection to the TURN server (RFC 5766 framing: STUN messages as they are,
ChannelData padded to 4 bytes), one connection per pjnath socket, and the answers back.
The stream may be TLS (TURN over TLS, RFC 7065 `turns:`, verified by net/tls.py against the
system store, a CA file or pins) and may go through an HTTP proxy's CONNECT (net/proxy.py): the
media rungs "tcp", "tls" and "tls-proxy". A thread with a selector; each new connection (TCP, TLS
handshake, CONNECT: up to the connect time-out) is opened on a thread of its own, so the streams
already up keep flowing meanwhile; a new socket's datagrams wait for it. Nothing here touches pjsua2."""

from __future__ import annotations

import logging
import selectors
import socket
import ssl
import struct
import threading
import time

log = logging.getLogger(__name__)

MAX_CONNECTING = 16  # connections being opened at once (more new sockets wait for pjnath's resend)
MAX_WAITING = 64  # datagrams of one new socket held while its connection is opened
IDLE_S = 900.0  # a connection without traffic this long is closed (an allocation refreshes every <10 min)


def frame_length(buf: bytes) -> int:
    """Bytes of the first whole frame in a TCP buffer (0: not complete yet)."""
    if len(buf) < 4:
        return 0
    if buf[0] & 0xC0 == 0x40:  # ChannelData: 4-byte header, data padded to 4 on streams
        n = 4 + struct.unpack("!H", buf[2:4])[0]
        n += (4 - n % 4) % 4
    else:  # STUN: 20-byte header + its length (already a multiple of 4)
        if len(buf) < 20:
            return 0
        n = 20 + struct.unpack("!H", buf[2:4])[0]
    return n if len(buf) >= n else 0


def datagram(frame: bytes) -> bytes:
    """A TCP frame as a UDP datagram (ChannelData without its stream padding)."""
    if frame[0] & 0xC0 == 0x40:
        return frame[:4 + struct.unpack("!H", frame[2:4])[0]]
    return frame


def open_stream(host: str, port: int, connect_timeout: float = 3.0, *, tls: bool = False, proxy=None,
                ca_file: str | None = None, pins: frozenset[str] = frozenset(), server_name: str = "") -> socket.socket:
    """A connected (blocking) stream to a TURN server: TCP, TLS, or TLS in the proxy's CONNECT.
    OSError or net.proxy.ReachError when it cannot be had."""
    if not tls:
        return socket.create_connection((host, port), timeout=connect_timeout)
    from whitephone.net.tls import connect_tls_socket

    return connect_tls_socket(host, port, server_name=server_name, proxy=proxy, ca_file=ca_file, pins=pins,
                              timeout=connect_timeout)


class _Conn:
    def __init__(self, sock: socket.socket, peer: tuple) -> None:
        self.sock, self.peer, self.buf, self.seen = sock, peer, b"", time.monotonic()


class TurnTcpAdapter:
    def __init__(self, host: str, port: int, connect_timeout: float = 3.0, *, tls: bool = False,
                 proxy=None, ca_file: str | None = None, pins: frozenset[str] = frozenset(),
                 server_name: str = "") -> None:
        """`proxy`: a net.proxy.ProxyURL whose CONNECT carries the stream (TLS only)."""
        self.server = (host, port)
        self.connect_timeout = connect_timeout
        self.tls, self.proxy, self.ca_file, self.pins, self.server_name = tls, proxy, ca_file, pins, server_name
        self.error = ""  # the last connection failure, in words
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.setblocking(False)
        self.port = self.udp.getsockname()[1]
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.udp, selectors.EVENT_READ, None)
        self.conns: dict[tuple, _Conn] = {}
        self.connecting: dict[tuple, list[bytes]] = {}  # peer -> datagrams waiting for its connection
        self.opened: list[tuple[tuple, socket.socket | None]] = []  # from the connect threads
        self.lock = threading.Lock()
        self.wake_r, self.wake_w = socket.socketpair()
        self.wake_r.setblocking(False)
        self.sel.register(self.wake_r, selectors.EVENT_READ, "wake")
        self.stopped = False
        self.frames = {"up": 0, "down": 0}
        self.bytes = {"up": 0, "down": 0}  # TURN bytes carried (inside TLS when TLS)
        self.thread = threading.Thread(target=self._run, name="wp-turn-tcp", daemon=True)
        self.thread.start()

    @property
    def transport(self) -> str:
        return "tls-proxy" if self.tls and self.proxy else "tls" if self.tls else "tcp"

    def open_stream(self) -> socket.socket:
        return open_stream(*self.server, self.connect_timeout, tls=self.tls, proxy=self.proxy,
                           ca_file=self.ca_file, pins=self.pins, server_name=self.server_name)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
        self.thread.join(2)
        for conn in list(self.conns.values()):
            conn.sock.close()
        self.conns.clear()
        with self.lock:
            opened, self.opened = self.opened, []
        for _, sock in opened:
            if sock is not None:
                sock.close()
        self.udp.close()
        self.sel.close()
        self.wake_r.close()
        self.wake_w.close()

    def _start_connect(self, peer: tuple, first: bytes) -> None:
        """Open the stream for a new pjnath socket on a thread of its own; `first` waits for it."""
        if peer in self.connecting:
            if len(self.connecting[peer]) < MAX_WAITING:
                self.connecting[peer].append(first)
            return
        if len(self.connecting) >= MAX_CONNECTING:
            return  # pjnath resends its Allocate
        self.connecting[peer] = [first]

        def work() -> None:
            sock = None
            try:
                sock = self.open_stream()
            except Exception as exc:  # noqa: BLE001 - OSError or ReachError: pjnath's time-out reports it
                self.error = str(getattr(exc, "reason", "") or exc)
                log.warning("TURN over %s to %s:%s: %s", self.transport, *self.server, self.error)
            with self.lock:
                if self.stopped:  # the adapter stopped meanwhile: nobody will take it
                    if sock is not None:
                        sock.close()
                    return
                self.opened.append((peer, sock))
            try:
                self.wake_w.send(b"\0")
            except OSError:
                pass
        threading.Thread(target=work, name="wp-turn-connect", daemon=True).start()

    def _take_opened(self) -> None:
        try:
            while self.wake_r.recv(4096):
                pass
        except (BlockingIOError, InterruptedError, OSError):
            pass
        with self.lock:
            opened, self.opened = self.opened, []
        for peer, sock in opened:
            waiting = self.connecting.pop(peer, [])
            if sock is None:
                continue  # no TCP either: pjnath's own time-out reports the failure
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.setblocking(False)
            conn = self.conns[peer] = _Conn(sock, peer)
            self.sel.register(sock, selectors.EVENT_READ, conn)
            for data in waiting:
                if not self._send(conn, data):
                    break

    def _close(self, conn: _Conn) -> None:
        self.conns.pop(conn.peer, None)
        try:
            self.sel.unregister(conn.sock)
        except (KeyError, ValueError):
            pass
        conn.sock.close()

    def _run(self) -> None:
        next_sweep = time.monotonic() + 30
        while not self.stopped:
            for key, _ in self.sel.select(0.2):
                if key.data == "wake":
                    self._take_opened()
                elif key.data is None:
                    self._from_pjnath()
                else:
                    self._from_server(key.data)
            now = time.monotonic()
            if now >= next_sweep:
                next_sweep = now + 30
                for conn in [c for c in self.conns.values() if now - c.seen > IDLE_S]:
                    self._close(conn)

    def _from_pjnath(self) -> None:
        for _ in range(64):
            try:
                data, peer = self.udp.recvfrom(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            conn = self.conns.get(peer)
            if conn is None:
                self._start_connect(peer, data)
                continue
            self._send(conn, data)

    def _send(self, conn: _Conn, data: bytes) -> bool:
        if data and data[0] & 0xC0 == 0x40:
            data += b"\0" * ((4 - len(data) % 4) % 4)
        try:
            conn.sock.setblocking(True)
            conn.sock.settimeout(1.0)
            conn.sock.sendall(data)
            conn.sock.setblocking(False)
        except OSError:
            self._close(conn)
            return False
        conn.seen = time.monotonic()
        self.frames["up"] += 1
        self.bytes["up"] += len(data)
        return True

    def _from_server(self, conn: _Conn) -> None:
        chunk, closed = b"", False
        while True:  # TLS: decrypted bytes may wait in the SSL object with nothing left on the socket
            try:
                got = conn.sock.recv(65536)
            except (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
                break
            except OSError:
                got = b""
            if not got:
                closed = True
                break
            chunk += got
            if not (isinstance(conn.sock, ssl.SSLSocket) and conn.sock.pending()):
                break
        if closed and not chunk:
            self._close(conn)
            return
        self.bytes["down"] += len(chunk)
        conn.buf += chunk
        conn.seen = time.monotonic()
        while (n := frame_length(conn.buf)):
            frame, conn.buf = conn.buf[:n], conn.buf[n:]
            try:
                self.udp.sendto(datagram(frame), conn.peer)
            except OSError:
                pass
            self.frames["down"] += 1
        if closed:
            self._close(conn)

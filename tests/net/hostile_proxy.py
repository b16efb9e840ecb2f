"""A hostile HTTP proxy for tests: a real TCP server (a thread) whose every connection is
handed to a script, `script(conn, head)`, with the first request head already read. The
scripts answer what a broken or malicious proxy would; `heads` keeps every request head."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


def read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(1)
        if not chunk:
            return data
        data += chunk
    return data


class HostileProxy:
    def __init__(self, script: Callable[[socket.socket, bytes, HostileProxy], None]) -> None:
        self.script = script
        self.heads: list[bytes] = []
        self.connections = 0
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(32)
        self.port = self.srv.getsockname()[1]
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.srv.accept()
            except OSError:
                return
            self.connections += 1
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            head = read_head(conn)
            self.heads.append(head)
            self.script(conn, head, self)
        except OSError:
            pass

    def next_head(self, conn: socket.socket) -> bytes:
        head = read_head(conn)
        self.heads.append(head)
        return head

    def close(self) -> None:
        self.srv.close()
        for c in self._conns:
            try:
                c.close()
            except OSError:
                pass

    def __enter__(self) -> HostileProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

"""A TCP proxy in front of the hub whose line can be cut for real: after a given number of
client-to-hub bytes every connection through it is closed (both ends) and new ones are dropped
until `restore()`. The client sees the reset a broken network gives, not a mock."""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.upstream_bytes = 0  # client-to-hub bytes since count_from_now()
        self._budget: int | None = None  # bytes left before the cut; None: no cut planned
        self._down = False
        self._lock = threading.Lock()
        self._socks: set[socket.socket] = set()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="cutting-proxy").start()

    # ------------------------------------------------------------------ control
    def cut_after(self, nbytes: int) -> None:
        with self._lock:
            self._budget = nbytes

    def restore(self) -> None:
        with self._lock:
            self._down, self._budget = False, None

    def count_from_now(self) -> None:
        with self._lock:
            self.upstream_bytes = 0

    def close(self) -> None:
        self._closed = True
        self.server.close()
        self._cut()

    def __enter__(self) -> CuttingProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing
    def _cut(self) -> None:
        with self._lock:
            self._down = True
            socks, self._socks = list(self._socks), set()
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with self._lock:
                down = self._down
            if down:
                conn.close()
                continue
            try:
                up = socket.create_connection(self.target)
            except OSError:
                conn.close()
                continue
            with self._lock:
                self._socks |= {conn, up}
            threading.Thread(target=self._pump, args=(conn, up, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(up, conn, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool) -> None:
        try:
            while True:
                data = src.recv(8192)
                if not data:
                    break
                if upstream:
                    with self._lock:
                        if self._budget is not None:
                            if len(data) >= self._budget:
                                data, cut = data[:self._budget], True
                            else:
                                cut = False
                            self._budget -= len(data)
                        else:
                            cut = False
                        self.upstream_bytes += len(data)
                    if data:
                        dst.sendall(data)
                    if cut:
                        self._cut()
                        return
                else:
                    dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

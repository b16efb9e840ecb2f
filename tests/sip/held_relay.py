"""A UDP relay in front of a SIP agent that drops everything until `open()`: the company's
server behind a network that does not let anything through yet (a firewall being changed, a
Wi-Fi still logging in). Per client address an upstream socket, so answers find their way back."""

from __future__ import annotations

import select
import socket
import threading


class HeldRelay:
    def __init__(self, backend: tuple[str, int], port: int = 0) -> None:
        self.backend = backend
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.passing = False
        self.dropped = 0
        self.forwarded: list[bytes] = []  # what reached the backend
        self._up: dict[tuple, socket.socket] = {}
        self._down: dict[socket.socket, tuple] = {}
        self._stop = False
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def open(self) -> None:
        self.passing = True

    def _run(self) -> None:
        while not self._stop:
            socks = [self.sock, *self._down]
            ready, _, _ = select.select(socks, [], [], 0.1)
            for s in ready:
                try:
                    data, addr = s.recvfrom(65535)
                except OSError:
                    continue
                if s is self.sock:
                    if not self.passing:
                        self.dropped += 1
                        continue
                    up = self._up.get(addr)
                    if up is None:
                        up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        up.bind(("127.0.0.1", 0))
                        self._up[addr], self._down[up] = up, addr
                    self.forwarded.append(data)
                    up.sendto(data, self.backend)
                else:
                    self.sock.sendto(data, self._down[s])

    def close(self) -> None:
        self._stop = True
        self._t.join(2)
        for s in [self.sock, *self._down]:
            s.close()

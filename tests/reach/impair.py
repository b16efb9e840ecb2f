"""A netem-like UDP relay in user space (this kernel has no netem): each datagram between a client
and its target is dropped with probability `loss` or held for a Normal(delay, jitter) time and
released in time order, so jitter reorders as netem does. One upstream socket per client address.
Used in front of the TURN server: every packet of a client's media and TURN control crosses it."""

from __future__ import annotations

import heapq
import random
import selectors
import socket
import threading
import time


class ImpairedUdpRelay:
    def __init__(self, target: tuple[str, int], loss: float = 0.03, delay: float = 0.075, jitter: float = 0.025,
                 seed: int = 16, host: str = "127.0.0.1", uniform: bool = False) -> None:
        # uniform: delay ± 2 × jitter, evenly (netem's default table) instead of Normal(delay, jitter)
        self.target, self.loss, self.delay, self.jitter, self.uniform = target, loss, delay, jitter, uniform
        self.rng = random.Random(seed)
        self.front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.front.bind((host, 0))
        self.front.setblocking(False)
        self.address = self.front.getsockname()
        self.sel = selectors.DefaultSelector()
        self.sel.register(self.front, selectors.EVENT_READ, None)
        self.upstream: dict[tuple, socket.socket] = {}
        self.queue: list[tuple[float, int, socket.socket, bytes, tuple]] = []
        self.n = 0
        self.stats = {"forwarded": 0, "dropped": 0}
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="impaired-relay", daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.address[1]

    def _schedule(self, sock: socket.socket, data: bytes, dest: tuple) -> None:
        if self.rng.random() < self.loss:
            self.stats["dropped"] += 1
            return
        late = self.rng.uniform(self.delay - 2 * self.jitter, self.delay + 2 * self.jitter) if self.uniform \
            else self.rng.gauss(self.delay, self.jitter)
        when = time.monotonic() + max(0.0, late)
        self.n += 1
        heapq.heappush(self.queue, (when, self.n, sock, data, dest))

    def _run(self) -> None:
        while not self.stopped:
            wait = 0.05 if not self.queue else max(0.0, min(0.05, self.queue[0][0] - time.monotonic()))
            for key, _ in self.sel.select(wait):
                sock = key.fileobj
                while True:
                    try:
                        data, src = sock.recvfrom(65536)
                    except (BlockingIOError, InterruptedError, OSError):
                        break
                    if key.data is None:  # from a client: to the target through its own upstream socket
                        up = self.upstream.get(src)
                        if up is None:
                            up = self.upstream[src] = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                            up.bind((self.address[0], 0))
                            up.setblocking(False)
                            self.sel.register(up, selectors.EVENT_READ, src)
                        self._schedule(up, data, self.target)
                    else:  # from the target: back to the client
                        self._schedule(self.front, data, key.data)
            now = time.monotonic()
            while self.queue and self.queue[0][0] <= now:
                _, _, sock, data, dest = heapq.heappop(self.queue)
                try:
                    sock.sendto(data, dest)
                    self.stats["forwarded"] += 1
                except OSError:
                    pass

    def close(self) -> None:
        self.stopped = True
        self.thread.join(2)
        for s in [self.front, *self.upstream.values()]:
            s.close()
        self.sel.close()

    def __enter__(self) -> ImpairedUdpRelay:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

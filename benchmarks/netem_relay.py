"""A userspace network impairment ("netem") between two network namespaces.

The kernel here has no netem qdisc, so the link between the namespaces is this relay: each
namespace has a TUN device, and every IP packet read from one is written to the other after
a random delay, Normal(delay, jitter) clipped at 0, or dropped with probability loss. Packets
leave in order of their release time, so jitter reorders them as netem's tfifo does. Each
direction has its own random stream (seed, seed + 1), so a seed gives the same impairment
pattern to each direction whatever the other carries.

    sudo python benchmarks/netem_relay.py --ns-a A --dev-a tunA --ns-b B --dev-b tunB \\
        --loss 3 --delay 20 --jitter 10 [--seed N] [--stats FILE]

`Namespaces` creates and removes the namespace pair (root); `Relay` works on any two file
descriptors that carry one packet per read/write (TUN devices, datagram socket pairs).
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import heapq
import json
import os
import random
import select
import signal
import struct
import subprocess
import time
from dataclasses import dataclass, field

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000


class Impairment:
    """Loss and Normal(delay, jitter) delay for one direction."""

    def __init__(self, loss_pct: float = 0.0, delay_ms: float = 0.0, jitter_ms: float = 0.0,
                 seed: int | None = None) -> None:
        self.loss = loss_pct / 100.0
        self.delay = delay_ms / 1000.0
        self.jitter = jitter_ms / 1000.0
        self.rng = random.Random(seed)

    def release_at(self, now: float) -> float | None:
        """When a packet that arrived `now` leaves, or None if it is dropped."""
        if self.loss and self.rng.random() < self.loss:
            return None
        d = self.rng.gauss(self.delay, self.jitter) if self.jitter > 0 else self.delay
        return now + max(0.0, d)


@dataclass
class DirectionStats:
    received: int = 0
    dropped: int = 0
    sent: int = 0
    reordered: int = 0  # sent after a packet that arrived later


@dataclass
class Relay:
    """Forwards packets between fd_a and fd_b with an `Impairment` per direction."""

    fd_a: int
    fd_b: int
    a_to_b: Impairment
    b_to_a: Impairment
    stats: dict[str, DirectionStats] = field(default_factory=lambda: {"a->b": DirectionStats(),
                                                                      "b->a": DirectionStats()})

    def __post_init__(self) -> None:
        self._heap: list[tuple[float, int, int, bytes]] = []
        self._seq = 0
        self._last_sent = {self.fd_a: -1, self.fd_b: -1}
        for fd in (self.fd_a, self.fd_b):
            os.set_blocking(fd, False)

    def _direction(self, src: int) -> tuple[str, int, Impairment]:
        if src == self.fd_a:
            return "a->b", self.fd_b, self.a_to_b
        return "b->a", self.fd_a, self.b_to_a

    def pending(self) -> int:
        return len(self._heap)

    def step(self, max_wait: float = 0.5) -> None:
        """Wait for packets (at most until the next release), queue them, send what is due."""
        now = time.monotonic()
        wait = min(max_wait, max(0.0, self._heap[0][0] - now)) if self._heap else max_wait
        try:
            readable, _, _ = select.select([self.fd_a, self.fd_b], [], [], wait)
        except InterruptedError:
            readable = []
        now = time.monotonic()
        for src in readable:
            name, _, imp = self._direction(src)
            st = self.stats[name]
            while True:
                try:
                    pkt = os.read(src, 65535)
                except (BlockingIOError, InterruptedError):
                    break
                st.received += 1
                when = imp.release_at(now)
                if when is None:
                    st.dropped += 1
                    continue
                self._seq += 1
                heapq.heappush(self._heap, (when, self._seq, src, pkt))
        self.flush(time.monotonic())

    def flush(self, now: float) -> None:
        """Send every queued packet whose release time has come."""
        while self._heap and self._heap[0][0] <= now + 0.0002:
            _, seq, src, pkt = heapq.heappop(self._heap)
            name, dst, _ = self._direction(src)
            st = self.stats[name]
            st.sent += 1
            if seq < self._last_sent[src]:
                st.reordered += 1
            self._last_sent[src] = max(self._last_sent[src], seq)
            try:
                os.write(dst, pkt)
            except OSError:
                pass  # the far end is gone or full: the packet is lost, as on a wire

    def run(self, keep_going) -> None:
        while keep_going():
            self.step()

    def stats_dict(self) -> dict:
        return {k: vars(v) for k, v in self.stats.items()}


# -- network namespaces and TUN devices (root) --------------------------------------------

def _setns(name: str) -> None:
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {name}")
    finally:
        os.close(fd)


def open_tun(netns: str, dev: str) -> int:
    """Attach to the persistent TUN device `dev` of namespace `netns` (switches this process's
    network namespace, so call it in the relay process only)."""
    _setns(netns)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", dev.encode(), IFF_TUN | IFF_NO_PI))
    return fd


@dataclass
class Namespaces:
    """Two network namespaces, `a` (10.200.0.1) and `b` (10.200.0.2), each with a TUN device
    on the same /24; the relay is their only link. Names carry a tag so parallel runs and
    other people's namespaces never collide."""

    tag: str
    net: str = "10.200.0"

    @property
    def a(self) -> str:
        return f"{self.tag}a"

    @property
    def b(self) -> str:
        return f"{self.tag}b"

    @property
    def addr_a(self) -> str:
        return f"{self.net}.1"

    @property
    def addr_b(self) -> str:
        return f"{self.net}.2"

    dev_a = "tuna"
    dev_b = "tunb"

    def create(self) -> None:
        self.remove()
        for ns, dev, addr in ((self.a, self.dev_a, self.addr_a), (self.b, self.dev_b, self.addr_b)):
            for cmd in (["ip", "netns", "add", ns],
                        ["ip", "-n", ns, "tuntap", "add", "dev", dev, "mode", "tun"],
                        ["ip", "-n", ns, "addr", "add", f"{addr}/24", "dev", dev],
                        ["ip", "-n", ns, "link", "set", "lo", "up"],
                        ["ip", "-n", ns, "link", "set", dev, "up"]):
                subprocess.run(cmd, check=True, capture_output=True, timeout=10)

    def remove(self) -> None:
        existing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split()
        for ns in (self.a, self.b):
            if ns in existing:
                subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=10)

    def exec_prefix(self, side: str) -> list[str]:
        return ["ip", "netns", "exec", self.a if side == "a" else self.b]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ns-a", required=True)
    ap.add_argument("--dev-a", default="tuna")
    ap.add_argument("--ns-b", required=True)
    ap.add_argument("--dev-b", default="tunb")
    ap.add_argument("--loss", type=float, default=0.0, help="percent, each direction")
    ap.add_argument("--delay", type=float, default=20.0, help="mean one-way delay, ms")
    ap.add_argument("--jitter", type=float, default=10.0, help="standard deviation of the delay, ms")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--stats", metavar="FILE", help="write per-direction counters as JSON at exit")
    a = ap.parse_args()
    fd_a = open_tun(a.ns_a, a.dev_a)
    fd_b = open_tun(a.ns_b, a.dev_b)
    try:  # fewer extra delays from a busy machine; not required
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(10))
    except (OSError, AttributeError):
        pass
    seed_b = None if a.seed is None else a.seed + 1
    relay = Relay(fd_a, fd_b, Impairment(a.loss, a.delay, a.jitter, a.seed),
                  Impairment(a.loss, a.delay, a.jitter, seed_b))
    running = [True]

    def stop(*_):
        running[0] = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"relay ready: loss {a.loss:g} % delay {a.delay:g} ms jitter {a.jitter:g} ms", flush=True)
    relay.run(lambda: running[0])
    if a.stats:
        with open(a.stats, "w") as f:
            json.dump({"loss": a.loss, "delay": a.delay, "jitter": a.jitter, "stats": relay.stats_dict()}, f)


if __name__ == "__main__":
    main()

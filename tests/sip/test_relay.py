"""The impairment relay of benchmarks/call_quality.py forwards and drops packets as asked (over
connected UDP sockets on 127.0.0.1, so no root or namespaces are needed)."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.netem_relay import Impairment, Relay  # noqa: E402


def _udp_pair() -> tuple[socket.socket, socket.socket]:
    one, two = (socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2))
    for s in (one, two):
        s.bind(("127.0.0.1", 0))
    one.connect(two.getsockname())
    two.connect(one.getsockname())
    return one, two


def _pairs():
    """(app side a, relay side a, app side b, relay side b): connected UDP sockets on 127.0.0.1."""
    return (*_udp_pair(), *_udp_pair())


def _drain(relay: Relay, rounds: int = 200) -> None:
    for _ in range(rounds):
        relay.step(max_wait=0.01)
        if not relay.pending():
            return


def _received(sock: socket.socket) -> list[bytes]:
    sock.setblocking(False)
    got = []
    while True:
        try:
            got.append(sock.recv(2048))
        except BlockingIOError:
            return got


def test_forwards_every_packet_both_ways_without_loss():
    a_app, a_relay, b_app, b_relay = _pairs()
    relay = Relay(a_relay.fileno(), b_relay.fileno(), Impairment(0, 1, 0), Impairment(0, 1, 0))
    sent = [f"p{i}".encode() for i in range(50)]
    for p in sent:
        a_app.send(p)
        b_app.send(p.upper())
    _drain(relay)
    assert _received(b_app) == sent  # no jitter: order kept
    assert _received(a_app) == [p.upper() for p in sent]
    assert relay.stats_dict()["a->b"] == {"received": 50, "dropped": 0, "sent": 50, "reordered": 0}


def test_drops_the_asked_share_and_jitter_reorders():
    a_app, a_relay, b_app, b_relay = _pairs()
    relay = Relay(a_relay.fileno(), b_relay.fileno(), Impairment(30, 2, 2, seed=7), Impairment(100, 0, 0))
    got = []
    for i in range(400):
        a_app.send(i.to_bytes(2, "big"))
        if i % 10 == 0:  # the socket buffers hold a few hundred packets: keep them moving
            relay.step(max_wait=0)
            got += [int.from_bytes(p, "big") for p in _received(b_app)]
    b_app.send(b"never")
    _drain(relay)
    got += [int.from_bytes(p, "big") for p in _received(b_app)]
    st = relay.stats_dict()
    assert st["a->b"]["received"] == 400
    assert st["a->b"]["dropped"] + len(got) == 400
    assert 80 <= st["a->b"]["dropped"] <= 160  # 30 % of 400 (binomial, seeded)
    assert got != sorted(got) and st["a->b"]["reordered"] > 0
    assert _received(a_app) == [] and st["b->a"] == {"received": 1, "dropped": 1, "sent": 0, "reordered": 0}

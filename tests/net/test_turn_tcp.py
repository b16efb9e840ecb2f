"""The TURN-over-TCP/TLS adapter (net/turn_tcp.py): a new stream is opened without stalling the
streams already up (a real TLS echo server on 127.0.0.1 and one that never answers)."""

from __future__ import annotations

import socket
import ssl
import threading
import time

import pytest

from tests.sip.tlspeer import CertAuthority, der_of
from whitephone.net.tls import fingerprint


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("turntcp"))
    return {"ca": ca, "hub_a": ca.server("huba", san="DNS:hub-a.example", self_signed=True)}


def test_a_new_turn_connection_does_not_freeze_the_relayed_audio_of_a_call(pki):
    """Media relayed over TURN TLS (net/turn_tcp.py): one adapter thread carries every call's
    datagrams and opens each new TURN connection (TCP, TLS handshake, CONNECT) itself, blocking,
    for up to its 3 s time-out. When a second call (or any local process sending one datagram to
    the adapter's loopback port) starts an allocation while the server or proxy is slow to
    answer, the first call's relayed audio stops dead for the whole time-out (pjnath resends its
    Allocate, so again and again). Expected: connecting never stalls the established streams."""
    from whitephone.net.turn_tcp import TurnTcpAdapter

    cert, key = pki["hub_a"]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    held: list[socket.socket] = []

    def echo(raw):
        try:
            t = ctx.wrap_socket(raw, server_side=True)
            while data := t.recv(65536):
                t.sendall(data)
        except (OSError, ssl.SSLError):
            pass

    def serve():
        first = True
        while True:
            try:
                raw, _ = lsock.accept()
            except OSError:
                return
            if first:
                first = False
                threading.Thread(target=echo, args=(raw,), daemon=True).start()
            else:
                held.append(raw)  # a slow server/proxy: takes the connection, says nothing yet
    threading.Thread(target=serve, daemon=True).start()
    adapter = TurnTcpAdapter("127.0.0.1", lsock.getsockname()[1], tls=True, server_name="hub-a.example",
                             pins=frozenset({fingerprint(der_of(cert))}))
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0))
    b.bind(("127.0.0.1", 0))
    a.settimeout(0.02)
    frame = b"\x40\x00\x00\x04abcd"  # ChannelData, 4 bytes (one "audio packet")
    got: list[float] = []
    try:
        start = time.monotonic()
        sent_b = False
        while time.monotonic() - start < 2.5:
            a.sendto(frame, ("127.0.0.1", adapter.port))
            if not sent_b and time.monotonic() - start > 0.5 and got:
                b.sendto(frame, ("127.0.0.1", adapter.port))  # a second call's first TURN packet
                sent_b = True
            try:
                while True:
                    a.recv(2048)
                    got.append(time.monotonic())
            except (TimeoutError, BlockingIOError):
                pass
        assert got, "the first call's stream never came back"
        gaps = [y - x for x, y in zip(got, got[1:], strict=False)] + [time.monotonic() - got[-1]]
        assert max(gaps) < 0.5, f"the first call's relayed audio stopped for {max(gaps):.1f} s"
    finally:
        adapter.stop()
        lsock.close()
        for s in (a, b, *held):
            s.close()

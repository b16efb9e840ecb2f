"""The engine's TLS relay (sip/relay.py) against real TLS servers on 127.0.0.1: the Record-Route
map survives a dropped connection, and the relay's local port carries only this process's own
connections."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.polling import wait_until
from tests.sip.tlspeer import CertAuthority, TlsServer, der_of
from whitephone.net.tls import fingerprint


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("relay"))
    return {"ca": ca, "hub_a": ca.server("huba", san="DNS:hub-a.example", self_signed=True)}


def test_in_dialog_request_after_the_tls_connection_dropped_keeps_the_proxys_route(pki):
    """A call set up over the relay: the proxy record-routes `sips:proxy.example;lr` and the relay
    shows pjsip `sip:127.0.0.1:PORT;...;wp-rr=0`. The TLS connection then drops (NAT timeout, Wi-Fi
    blip, the proxy closing idle connections) and pjsip sends the BYE on a new connection through
    the same local port. The new connection's rewriter never saw the Record-Route, so the BYE goes
    to the proxy with `Route: <sip:127.0.0.1:PORT;transport=tcp;lr;wp-rr=0>`: the proxy routes it
    to its own loopback, the far end never hears the hang-up and keeps ringing/talking.
    Expected: the proxy's own route URI is restored on any connection of that route."""
    from whitephone.sip.relay import TlsRelay, TlsTarget

    cert, key = pki["hub_a"]
    ok_200 = (b"SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5090;branch=z9hG4bKa\r\n"
              b"Record-Route: <sips:proxy.example;lr>\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\n"
              b"Call-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:b@10.0.0.2>\r\nContent-Length: 0\r\n\r\n")
    srv = TlsServer(cert, key, replies=[ok_200])
    events: list[dict] = []
    relay = TlsRelay(events.append, pins=frozenset({fingerprint(der_of(cert))}), connect_timeout=5)
    try:
        port = relay.route(TlsTarget("127.0.0.1", srv.port, server_name="hub-a.example"))
        first = socket.create_connection(("127.0.0.1", port), timeout=5)
        first.sendall(b"INVITE sip:b@x SIP/2.0\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
        got = b""
        while b"\r\n\r\n" not in got:
            got += first.recv(65536)
        assert b"wp-rr=0" in got, got  # the relay's own route, as designed
        route = [line for line in got.split(b"\r\n") if line.lower().startswith(b"record-route:")][0]
        route_uri = route.split(b":", 1)[1].strip()
        first.close()
        assert wait_until(lambda: len(srv.received) == 1 and b"INVITE" in srv.received[0])
        second = socket.create_connection(("127.0.0.1", port), timeout=5)
        second.sendall(b"BYE sip:b@10.0.0.2 SIP/2.0\r\nRoute: " + route_uri + b"\r\nCall-ID: c1\r\n"
                       b"CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n")
        assert wait_until(lambda: len(srv.received) == 2 and b"\r\n\r\n" in srv.received[1])
        bye = srv.received[1]
        second.close()
        assert b"Route: <sips:proxy.example;lr>" in bye, bye
    finally:
        relay.close()
        srv.close()


def test_relay_port_does_not_carry_another_processs_connection(pki):
    """The relay listens on 127.0.0.1 and carries every connection to the far end over TLS (and
    through the user's proxy with the user's proxy credentials). Any other local process or
    user on the machine (a terminal server, a shared lab PC) that finds the port gets a verified
    TLS pipe to the registrar through the user's authenticated proxy and pinned trust. Expected:
    the relay carries only the engine's own connections (e.g. checks the peer is this process)."""
    from whitephone.sip.relay import TlsRelay, TlsTarget

    cert, key = pki["hub_a"]
    srv = TlsServer(cert, key)
    relay = TlsRelay(lambda e: None, pins=frozenset({fingerprint(der_of(cert))}), connect_timeout=5)
    try:
        port = relay.route(TlsTarget("127.0.0.1", srv.port, server_name="hub-a.example"))
        code = (f"import socket,time; s=socket.create_connection(('127.0.0.1',{port}));"
                "s.sendall(b'OPTIONS sip:x SIP/2.0\\r\\nContent-Length: 0\\r\\n\\r\\n'); time.sleep(1)")
        subprocess.run([sys.executable, "-c", code], timeout=20, check=True)
        wait_until(lambda: srv.received and srv.received[0], timeout=2)
        assert not any(b"OPTIONS" in r for r in srv.received), srv.received
    finally:
        relay.close()
        srv.close()

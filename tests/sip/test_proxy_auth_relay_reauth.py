"""The engine's TLS relay (sip/relay.py) through an NTLM proxy (tests/net/authproxy.py, pyspnego's
server side) when the tunnel drops mid-dialog: pjsip's next request comes on a new local
connection and the relay authenticates a new tunnel, all NTLM legs again, and the request reaches
the server; concurrent connections of the same route each authenticate their own tunnel."""

from __future__ import annotations

import socket

import pytest

from tests.net.authproxy import AuthProxy
from tests.polling import wait_until
from tests.sip.tlspeer import CertAuthority, TlsServer, der_of
from whitephone.net.proxy import ProxyURL
from whitephone.net.tls import fingerprint


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("reauth"))
    return ca.server("hub", san="DNS:hub.example", self_signed=True)


@pytest.fixture(autouse=True)
def no_kerberos_realm(tmp_path, monkeypatch):
    monkeypatch.setenv("KRB5_CONFIG", "/dev/null")


def test_a_dropped_tunnel_is_authenticated_again_for_the_next_request(pki, tmp_path):
    from whitephone.sip.relay import TlsRelay, TlsTarget

    cert, key = pki
    srv = TlsServer(cert, key)
    events: list[dict] = []
    relay = TlsRelay(events.append, pins=frozenset({fingerprint(der_of(cert))}), connect_timeout=5)
    try:
        with AuthProxy(tmp_path / "proxy", ["NTLM"], {"carol": "Pr0xy-Secret"}) as proxy:
            url = ProxyURL("127.0.0.1", proxy.port, "carol", "Pr0xy-Secret")
            port = relay.route(TlsTarget("127.0.0.1", srv.port, server_name="hub.example", proxy=url))
            first = socket.create_connection(("127.0.0.1", port), timeout=5)
            first.sendall(b"INVITE sip:b@x SIP/2.0\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
            assert wait_until(lambda: len(srv.received) == 1 and b"INVITE" in srv.received[0])
            for conn in srv.conns:  # the tunnel drops (the proxy's idle time-out, a Wi-Fi blip)
                conn.close()
            first.close()
            socks = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
            for i, s in enumerate(socks):
                s.sendall(b"BYE sip:b@x SIP/2.0\r\nCall-ID: c%d\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n" % i)
            assert wait_until(lambda: sum(b"BYE" in r for r in srv.received) == 3), (srv.received, events)
            for s in socks:
                s.close()
            log = proxy.log()
        assert not [e for e in events if e["event"] == "tls_error"], events
        assert log.count("Proxy-Authorization: NTLM ") == 2 * 4  # negotiate + authenticate, per tunnel
        assert "Pr0xy-Secret" not in log
    finally:
        relay.close()
        srv.close()

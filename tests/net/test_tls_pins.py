"""Pins are per server and only add trust (net/tls.py): a pinned self-signed certificate is not
accepted for another server's name, a CA-signed certificate still passes with pins set, a pin
given for one server (HOST:PORT=SHA) is that server's only; and the CONNECT request refuses a host
that would inject into the proxy's request. Real TLS servers on 127.0.0.1, certificates from openssl."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from tests.sip.tlspeer import CertAuthority, TlsServer, der_of
from whitephone.net.pins import normal_pin, pins_for
from whitephone.net.proxy import ProxyURL, ReachError
from whitephone.net.tls import connect_tls, connect_tls_socket, fingerprint


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("pins"))
    return {"ca": ca,
            "good": ca.server("good"),  # CA-signed for localhost / 127.0.0.1
            "hub_a": ca.server("huba", san="DNS:hub-a.example", self_signed=True),
            "other": ca.server("other", san="DNS:other.example", self_signed=True)}


def _connect(host, port, **kw):
    async def go():
        r, w = await connect_tls(host, port, timeout=5, **kw)
        w.close()
    asyncio.run(go())


def test_a_pinned_certificate_is_not_accepted_for_another_server_name(pki):
    """The user pinned hub A's self-signed certificate (consent dialog: "trust hub-a.example").
    A server that claims to be `registrar.example` and shows hub A's certificate is then accepted
    silently: pins are one global set and, with any pin present, the host name is never checked.
    Whoever holds hub A's key can impersonate every TLS server the phone talks to. Expected: the
    pin covers the server it was given for (or at least the names in its certificate); another
    name gets a `hostname` refusal."""
    cert, key = pki["hub_a"]
    srv = TlsServer(cert, key)
    try:
        with pytest.raises(ReachError):
            _connect("127.0.0.1", srv.port, server_name="registrar.example",
                     pins=frozenset({fingerprint(der_of(cert))}))
    finally:
        srv.close()


def test_pinning_one_self_signed_hub_does_not_break_ca_signed_servers(pki):
    """The user pinned one self-signed hub. Their other TLS account's server has a proper
    certificate signed by a trusted CA for its right name; it is now refused with
    "pin_mismatch" ("the certificate ... is not the pinned one"): with any pin set, CA
    verification is switched off and only pinned certificates pass. Expected: a certificate the
    CA vouches for is still accepted; pins only add trust."""
    cert, key = pki["good"]
    srv = TlsServer(cert, key)
    try:
        _connect("127.0.0.1", srv.port, server_name="localhost", ca_file=str(pki["ca"].ca),
                 pins=frozenset({fingerprint(der_of(pki["hub_a"][0]))}))
    finally:
        srv.close()


def test_a_pin_for_one_server_is_that_servers_only(pki):
    """HOST:PORT=SHA (what the window stores after the user's consent) accepts the certificate for
    that server whatever names it carries, and for no other server; a bare pin needs the name."""
    cert, key = pki["hub_a"]
    srv = TlsServer(cert, key)
    sha = fingerprint(der_of(cert))
    try:
        _connect("127.0.0.1", srv.port, pins=frozenset({f"127.0.0.1:{srv.port}={sha}"}))  # by address
        _connect("127.0.0.1", srv.port, server_name="hub-a.example", pins=frozenset({sha}))  # bare, its name
        with pytest.raises(ReachError) as exc:
            _connect("127.0.0.1", srv.port, server_name="hub-a.example",
                     pins=frozenset({f"127.0.0.1:{srv.port + 1}={sha}"}))  # another server's pin
        assert exc.value.kind == "self_signed" and exc.value.sha256 == sha  # as if unpinned: offered
        with pytest.raises(ReachError) as exc:
            _connect("127.0.0.1", srv.port, server_name="registrar.example", pins=frozenset({sha}))
        assert exc.value.kind == "hostname"
        sock = connect_tls_socket("127.0.0.1", srv.port, pins=frozenset({f"127.0.0.1:{srv.port}={sha}"}), timeout=5)
        sock.close()
        with pytest.raises(ReachError):
            connect_tls_socket("127.0.0.1", srv.port, server_name="registrar.example", pins=frozenset({sha}),
                               timeout=5)
    finally:
        srv.close()


def test_pin_forms():
    sha = "ab" * 32
    assert normal_pin(f"Hub.Example:5061={sha.upper()}") == f"hub.example:5061={sha}"
    for bad in (f"hub.example={sha}", f":5061={sha}", f"hub.example:0={sha}", "hub.example:5061=zz"):
        with pytest.raises(ValueError):
            normal_pin(bad)
    assert pins_for({sha, f"a.example:5061={sha}", f"b.example:5061={'cd' * 32}"}, "10.0.0.1", 5061,
                    "a.example") == (frozenset({sha}), frozenset({sha}))


def test_odd_pins_are_refused_with_the_pin_message_and_ipv6_pins_match_any_spelling():
    """Review of issue 18: Arabic-Indic digits were read as a port (`host:٥٠٦١` pinned port 5061),
    `host:5²` raised int()'s message, `[::1:5061`, `[]:5061`, `host:5061:5062` and a no-break space
    in the host were kept; a pin for [::1] did not apply to 0:0:0:0:0:0:0:1."""
    sha = "ab" * 32
    for bad in ("host:٥٠٦١", "host:5²", "[::1:5061", "[]:5061", "host:5061:5062", "ho\u00a0st:5061",
                "[example.com]:5061"):
        with pytest.raises(ValueError, match="HOST:PORT=SHA256"):
            normal_pin(f"{bad}={sha}")
    assert normal_pin(f"[0:0:0:0:0:0:0:1]:5061={sha}") == f"[::1]:5061={sha}"
    assert normal_pin(f"::1:5061={sha}") == f"[::1]:5061={sha}"  # as the TLS relay's events name a server
    assert normal_pin(f"10.0.0.1:5061={sha}") == f"10.0.0.1:5061={sha}"
    assert normal_pin(f"sip.example.com.:5061={sha}") == f"sip.example.com:5061={sha}"
    for host in ("::1", "[::1]", "0:0:0:0:0:0:0:1", "[0::1]"):
        assert pins_for({f"[::1]:5061={sha}"}, host, 5061) == (frozenset({sha}), frozenset()), host
        assert pins_for({f"[0:0::1]:5061={sha}"}, host, 5061) == (frozenset({sha}), frozenset()), host


def test_connect_tunnel_refuses_a_host_with_line_breaks():
    """The CONNECT request is built by formatting the server's host into the request line and the
    Host header. A registrar/TURN host that carries CR/LF (a hand-edited account, a pasted or
    clicked `sips:` link, a hub's /network answer) injects headers, or a whole second request,
    into what the user's authenticated HTTP proxy receives, with the user's Proxy-Authorization.
    Expected: such a host is refused before anything is sent."""
    got: list[bytes] = []
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def serve():
        try:
            c, _ = srv.accept()
        except OSError:  # refused before connecting: the listening socket closes under us
            return
        c.settimeout(3)
        try:
            got.append(c.recv(4096))
        except OSError:
            pass
        c.close()
    threading.Thread(target=serve, daemon=True).start()
    host = "sip.example:443 HTTP/1.1\r\nHost: x\r\n\r\nGET http://intranet.local/ HTTP/1.1\r\nX-A"
    with pytest.raises(ReachError):
        _connect(host, 5061, server_name="sip.example",
                 proxy=ProxyURL.parse(f"http://alice:pw@127.0.0.1:{srv.getsockname()[1]}"))
    srv.close()
    assert not any(b"GET http://intranet.local/" in g for g in got), got


_SHA = "ab" * 32


def test_an_idn_server_the_relay_names_can_be_pinned_and_the_pin_applies():
    """An account on an internationalised name (Python's ssl/getaddrinfo take it; the relay's
    tls_error says "server": "bücher.example:5061"): the user's "trust it" must give a pin that
    applies to that server (older versions kept it; now normal_pin raises ValueError, so
    ui/calls.py only logs a warning, the consent is lost, and tls_settings drops stored ones)."""
    pin = normal_pin(f"bücher.example:5061={_SHA}")
    mine, _ = pins_for([pin], "bücher.example", 5061)
    assert mine == {_SHA}


def test_an_idn_pin_applies_to_its_punycode_spelling():
    mine, _ = pins_for([f"xn--bcher-kva.example:5061={_SHA}"], "bücher.example", 5061)
    assert mine == {_SHA}


@pytest.mark.parametrize("host", ["999.1.1.1", "1.2.3", "256.256.256.256"])
def test_something_that_is_neither_an_ipv4_address_nor_a_dns_name_is_refused(host):
    """The docstring: a name, an IPv4 address or an IPv6 address. An all-numeric last label is no
    host name (RFC 1123 2.1 / RFC 3696 2) and these are no IPv4 address (1.2.3 is even read as
    1.2.0.3 by inet_aton, so the pin would be for another server's spelling)."""
    with pytest.raises(ValueError):
        normal_pin(f"{host}:5061={_SHA}")

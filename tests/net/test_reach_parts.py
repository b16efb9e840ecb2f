"""The plain-Python parts of issue 16's signalling: proxy URLs and the system proxy, pins, sips:
as a TLS hop, Record-Route rewriting across the relay, SIP framing, the ladder's memory."""

from __future__ import annotations

import asyncio

import pytest

from whitephone.net.proxy import ProxyURL, ReachError, open_tunnel, system_proxy
from whitephone.net.sipuri import host_port as _host_port
from whitephone.net.tls import normal_pin
from whitephone.sip import ladder
from whitephone.sip.relay import as_tls_hop
from whitephone.sip.rr_rewrite import RouteRewriter, SipFramer


def test_proxy_urls():
    p = ProxyURL.parse("http://bob:s%40cret@proxy.example.com:3128")
    assert (p.host, p.port, p.user, p.password) == ("proxy.example.com", 3128, "bob", "s@cret")
    assert p.label == "http://bob@proxy.example.com:3128"  # never the password
    assert ProxyURL.parse("proxy:8080") == ProxyURL("proxy", 8080)
    for bad in ("ftp://proxy", "http://", "https://proxy:443", "http://proxy:99999"):
        with pytest.raises(ValueError):
            ProxyURL.parse(bad)


def test_system_proxy_from_the_environment(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    assert system_proxy("sip.example.com") is None
    monkeypatch.setenv("https_proxy", "http://proxy.corp:3128")
    monkeypatch.setenv("no_proxy", "internal.corp")
    assert system_proxy("sip.example.com") == ProxyURL("proxy.corp", 3128)
    assert system_proxy("pbx.internal.corp") is None


def test_pins():
    sha = "AB:" * 31 + "CD"
    assert normal_pin(sha) == "ab" * 31 + "cd"
    for bad in ("", "abc", "zz" * 32):
        with pytest.raises(ValueError):
            normal_pin(bad)


def test_sips_becomes_a_tls_hop_for_pjsip():
    assert as_tls_hop("sips:bob@example.com") == "sip:bob@example.com;transport=tls"
    assert as_tls_hop("<sips:bob@example.com:5061;user=phone?x=1>") == "<sip:bob@example.com:5061;user=phone;transport=tls?x=1>"
    assert as_tls_hop("sip:bob@example.com") == "sip:bob@example.com"
    assert as_tls_hop("") == ""
    assert _host_port("sips:bob@[2001:db8::1]:5061") == ("2001:db8::1", 5061, True)
    assert _host_port("sip:example.com;transport=tls") == ("example.com", None, False)


def test_record_route_points_at_the_relay_and_back():
    rr = RouteRewriter("127.0.0.1:40000", "sip.example.com:5061")
    invite = (b"INVITE sip:a@127.0.0.1:5070;transport=tcp SIP/2.0\r\n"
              b"Record-Route: <sip:sip.example.com:5061;transport=tls;r2=on;lr>, <sip:10.0.0.1;r2=on;lr>\r\n"
              b"Record-Route: <sips:edge.example.com;lr>\r\nContent-Length: 4\r\n\r\nv=0\n")
    inside = rr.inbound(invite)
    assert b"<sip:127.0.0.1:40000;transport=tcp;lr;wp-rr=0>, <sip:10.0.0.1;r2=on;lr>" in inside
    assert b"<sip:127.0.0.1:40000;transport=tcp;lr;wp-rr=1>" in inside and inside.endswith(b"\r\n\r\nv=0\n")
    bye = (b"BYE sip:b@192.0.2.9 SIP/2.0\r\nRoute: <sip:127.0.0.1:40000;transport=tcp;lr;wp-rr=1>\r\n"
           b"Route: <sip:10.0.0.1;r2=on;lr>\r\nRoute: <sip:127.0.0.1:40000;transport=tcp;lr;wp-rr=0>\r\n"
           b"Content-Length: 0\r\n\r\n")
    out = rr.outbound(bye)
    assert b"Route: <sips:edge.example.com;lr>\r\n" in out
    assert b"Route: <sip:sip.example.com:5061;transport=tls;r2=on;lr>\r\n" in out and b"wp-rr" not in out
    plain = b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n"
    assert rr.inbound(plain) == plain and rr.outbound(plain) == plain


def test_framer_cuts_messages_and_keeps_keepalives():
    f = SipFramer()
    one = b"MESSAGE sip:x SIP/2.0\r\nl: 5\r\n\r\nhello"
    two = b"SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"
    stream = b"\r\n\r\n" + one + two
    got = []
    for i in range(0, len(stream), 7):  # in odd pieces, as TCP delivers them
        got += f.feed(stream[i:i + 7])
    assert b"".join(got) == stream and one in got and two in got


def test_ladder_memory_and_order():
    rungs = ladder.rungs(5060, (5061, 443), ProxyURL("p", 3128))
    assert [(r.name, r.port) for r in rungs] == [("udp", 5060), ("tcp", 5060), ("tls", 5061), ("tls", 443),
                                                 ("tls-proxy", 443)]
    assert [r.name for r in ladder.rungs()] == ["udp", "tcp", "tls", "tls"]  # no proxy: no tunnel rung
    mem = ladder.remember({}, "gw=10.0.0.1|proxy=-", "sip:example.com", ladder.Rung("tls", 443))
    assert ladder.remembered(mem, "gw=10.0.0.1|proxy=-", "sip:example.com") == ladder.Rung("tls", 443)
    assert ladder.remembered(mem, "gw=192.168.1.1|proxy=-", "sip:example.com") is None  # another network
    assert ladder.remembered({"k": {"s": {"rung": "carrier-pigeon", "port": 1}}}, "k", "s") is None


def test_default_gateway_reads_the_routing_table(tmp_path):
    table = tmp_path / "route"
    table.write_text("Iface\tDestination\tGateway \tFlags\n"
                     "eth0\t0000A8C0\t00000000\t0001\neth0\t00000000\t0100A8C0\t0003\n")
    assert ladder.default_gateway(str(table)) == "192.168.0.1"
    assert ladder.default_gateway(str(tmp_path / "missing")) == ""


def test_tunnel_refused_and_accepted_by_a_proxy():
    """A minimal CONNECT proxy on 127.0.0.1: 403 for one port, 200 (and an echo) for another;
    Basic credentials are sent."""
    seen: list[bytes] = []

    async def main() -> None:
        async def handle(r, w):
            head = await r.readuntil(b"\r\n\r\n")
            seen.append(head)
            if b":1 " in head.split(b"\r\n")[0]:
                w.write(b"HTTP/1.1 403 Forbidden\r\n\r\n")
                w.close()
                return
            w.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            w.write(await r.read(5))
            w.close()
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        proxy = ProxyURL("127.0.0.1", port, "u", "p")
        with pytest.raises(ReachError) as err:
            await open_tunnel(proxy, "sip.example.com", 1, 10)
        assert err.value.kind == "proxy" and "403" in err.value.reason
        r, w = await open_tunnel(proxy, "sip.example.com", 5061, 10)
        w.write(b"hello")
        assert await r.read(5) == b"hello"
        w.close()
        server.close()

    asyncio.run(main())
    assert b"Proxy-Authorization: Basic dTpw" in seen[0]

"""The plain-Python parts of issue 16's signalling: proxy URLs and the system proxy, pins, sips:
as a TLS hop, Record-Route rewriting across the relay, SIP framing, the ladder's memory."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import threading

import pytest

from whitephone.net.pins import normal_pin
from whitephone.net.proxy import ProxyURL, ReachError, open_tunnel, system_proxy
from whitephone.net.sipuri import host_port as _host_port
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
    """A minimal CONNECT proxy on 127.0.0.1: 403 for one port, 200 (and an echo) for another.
    It never asks for credentials, so none are sent (they go only in the scheme a 407 asks for:
    tests/net/test_proxy_auth.py)."""
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
    assert not [head for head in seen if b"Proxy-Authorization" in head]


def test_record_route_with_space_before_colon_is_rewritten():
    """`Record-Route : <sips:proxy.example;lr>` (whitespace before the colon is legal SIP, RFC 3261
    7.3.1; some proxies and SBCs write it) is passed to pjsip untouched: pjsip has no TLS of its
    own, cannot send the ACK/BYE to a sips: route, and the call hangs up or never ends cleanly.
    Expected: rewritten to the relay like `Record-Route:`."""
    rr = RouteRewriter("127.0.0.1:4000", "proxy.example:5061")
    msg = (b"SIP/2.0 200 OK\r\nRecord-Route : <sips:proxy.example;lr>\r\nCall-ID: x\r\n"
           b"Content-Length: 0\r\n\r\n")
    assert b"sips:proxy.example" not in rr.inbound(msg)


def test_framer_does_not_buffer_without_bound_on_a_huge_content_length():
    """A far end (or anything speaking after the TLS handshake) sends a head with
    `Content-Length: 99999999999`. The relay's framer then waits for 100 GB of body, keeps every
    following byte in memory and delivers nothing more to pjsip: the engine's memory grows with
    whatever arrives and signalling on that connection stops with no error. Expected: a bound
    (the framer's 1 MiB limit) after which the bytes are passed on or the connection is closed."""
    f = SipFramer()
    f.feed(b"SIP/2.0 200 OK\r\nContent-Length: 99999999999\r\n\r\n")
    chunk = b"x" * 65536
    for _ in range(48):  # 3 MiB
        f.feed(chunk)
    assert len(f.buf) <= f.limit


def test_a_huge_route_tag_does_not_kill_the_relay_connection():
    """A hostile far end record-routes `<sip:127.0.0.1:PORT;lr;wp-rr=999...9>` (5000 digits; the
    relay leaves it as it is since it is neither TLS nor the far end). pjsip then sends the ACK/BYE
    to the relay with that Route, and the relay's outbound rewrite does int() on it: ValueError
    (Python's 4300-digit limit) escapes the pipe, the TLS connection is torn down and the call's
    signalling is cut. Expected: an unknown tag is left as it is."""
    rr = RouteRewriter("127.0.0.1:4000", "proxy.example:5061")
    msg = (b"BYE sip:b@x SIP/2.0\r\nRoute: <sip:127.0.0.1:4000;transport=tcp;lr;wp-rr=" + b"9" * 5000 + b">\r\n"
           b"Content-Length: 0\r\n\r\n")
    assert rr.outbound(msg) == msg


@pytest.mark.parametrize("uri", ["sips:bob@example.com;transport=tcp", "<sips:bob@example.com;transport=udp>"])
def test_a_sips_uri_with_a_transport_parameter_keeps_asking_for_tls(uri):
    """A `sips:` link or contact with a transport parameter (RFC 3261 allows
    `sips:bob@example.com;transport=tcp`, meaning TLS over TCP) is turned by as_tls_hop into
    `sip:bob@example.com;transport=tcp`: the request leaves the relay over TLS, but it no longer
    asks for TLS, so the proxy may carry it (and its SDP with the SRTP keys) onward in plain
    text. The user dialled a secure address and is told nothing. Expected: the request still asks
    for TLS (`transport=tls`, or stays sips:), or the call is refused in words."""
    from whitephone.sip.relay import as_tls_hop

    assert "transport=tls" in as_tls_hop(uri).lower()


@pytest.mark.parametrize("junk", [["udp"], "tls", {"gw=?|proxy=-": "tls"}, {"gw=?|proxy=-": ["x"]}])
def test_a_tampered_or_old_reach_setting_does_not_crash_the_ladder(tmp_path, junk):
    """settings.json's "reach" (the remembered rung per network) edited by hand, written by
    another version, or half-restored from a backup: the agent / the window's engine crashes with
    AttributeError/TypeError before any rung is tried, and an automatic account never registers.
    Expected: a malformed memory is ignored (the ladder climbs from the bottom)."""
    from whitephone.profile import Profile
    from whitephone.sip import ladder
    from whitephone.sip.reach import signalling_plan

    prof = tmp_path / "prof"
    p = Profile.open(prof)
    key = ladder.network_key(None)
    if isinstance(junk, dict):
        junk = {key: list(junk.values())[0]}
    p.set(ladder.SETTINGS_KEY, junk)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]

    def answer():
        try:
            udp.settimeout(5)
            data, addr = udp.recvfrom(65535)
            udp.sendto(b"SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", addr)
        except Exception:  # noqa: BLE001 - the socket closed under us: the test has its answer
            pass
    threading.Thread(target=answer, daemon=True).start()
    ns = argparse.Namespace(proxy="", registrar=f"sip:127.0.0.1:{port}", call=None, tls_port=None, transport=None,
                            tls_server="", probe_timeout=1.0, profile=str(prof), ca_file=None, pin_cert=[])
    env_keep = {k: os.environ.pop(k) for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")
                if k in os.environ}
    try:
        plan = signalling_plan(ns, lambda e: None)
    finally:
        os.environ.update(env_keep)
        udp.close()
    assert plan.rung == "udp"


def test_the_remembered_rung_survives_the_window_saving_a_setting(tmp_path):
    """The window's engine climbs the ladder and remembers the rung in the profile's
    settings.json (its own Profile object, written whole). The window holds its own Profile with
    the settings it read at start; the next time the user changes anything (a column width, the
    ring tone, Preferences) the window writes its whole dict back and the remembered rung is gone.
    So on a network where only TLS in CONNECT works, every start probes the blocked rungs again
    (seconds of "Registering…"), the memory the issue asks for never lasts. Expected: the rung
    remembered by the engine is still in settings.json after the window saves a setting."""
    from whitephone.profile import Profile
    from whitephone.sip import ladder
    from whitephone.sip.reach import signalling_plan

    prof = tmp_path / "prof"
    window = Profile.open(prof)  # the window's, opened at start
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]

    def answer():
        try:
            udp.settimeout(5)
            data, addr = udp.recvfrom(65535)
            udp.sendto(b"SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", addr)
        except Exception:  # noqa: BLE001 - the socket closed under us: the test has its answer
            pass
    threading.Thread(target=answer, daemon=True).start()
    ns = argparse.Namespace(proxy="", registrar=f"sip:127.0.0.1:{port}", call=None, tls_port=None, transport=None,
                            tls_server="", probe_timeout=1.0, profile=str(prof), ca_file=None, pin_cert=[])
    env_keep = {k: os.environ.pop(k) for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")
                if k in os.environ}
    try:
        assert signalling_plan(ns, lambda e: None).rung == "udp"
    finally:
        os.environ.update(env_keep)
        udp.close()
    assert Profile.open(prof).get(ladder.SETTINGS_KEY)  # the engine remembered it
    window.set("ui_review_probe", 1)  # the user changes any setting in the window
    assert Profile.open(prof).get(ladder.SETTINGS_KEY), "the remembered rung was wiped by the window's save"


def test_the_ladder_s_name_lookup_is_bounded_by_the_probe_time_out(monkeypatch):
    """A resolver that does not answer (a captive network's DNS) costs one probe time-out for the
    whole climb, not the system resolver's own (30 s and more) for each rung; the rungs say why."""
    import socket
    import threading

    from whitephone.sip import ladder

    stuck = threading.Event()
    looked_up: list[str] = []

    def slow_getaddrinfo(host, *args, **kwargs):
        looked_up.append(host)
        stuck.wait(30)
        raise socket.gaierror("never answered")

    monkeypatch.setattr(socket, "getaddrinfo", slow_getaddrinfo)
    try:
        rung, results = ladder.climb("sip.example.invalid", ladder.rungs(5060, (5061,)), timeout=0.3)
    finally:
        stuck.set()
    assert rung is None and looked_up == ["sip.example.invalid"], (rung, looked_up)
    assert [r.rung for r in results] == ["udp", "tcp", "tls"]
    assert all(r.kind == "dns" and r.reason == "the name sip.example.invalid did not resolve in 0.3 s"
               for r in results), results
    assert ladder.resolve("127.0.0.1", 0.3) == "127.0.0.1"  # an address is not looked up
